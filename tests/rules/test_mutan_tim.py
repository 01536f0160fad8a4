"""R13 Tim Pemantau Kinerja — 000 Pasal 20(4) ("paling sedikit 3 ... paling banyak 7", configurable per
instansi): the configured limits are inclusive, a minimum of 1 and a maximum equal to the minimum are valid;
000 Pasal 20(1)–(3): each unit goes to the least-loaded team allowed to monitor it."""

import pytest

from app.rules import AnggotaTim, PembagianUnit, bagi_unit_ke_tim, validasi_tim

SATU = [AnggotaTim(1, "DINKES", True, "Siti")]


def test_batas_minimal_satu_dan_maksimal_sama_dengan_minimal_sah():
    assert validasi_tim("unit", SATU, unit_tim="DINKES", min_anggota=1, max_anggota=1) == []
    tiga = SATU + [AnggotaTim(2, "DINKES"), AnggotaTim(3, "DINKES")]
    assert validasi_tim("unit", tiga, unit_tim="DINKES", min_anggota=3, max_anggota=3) == []
    for mn, mx in ((0, 3), (3, 2)):
        with pytest.raises(ValueError, match="Batas anggota tim tidak valid"):
            validasi_tim("unit", tiga, unit_tim="DINKES", min_anggota=mn, max_anggota=mx)


def test_unit_ke_tim_berbeban_terkecil_bukan_id_terkecil():
    # T1 sudah memantau X (10 pegawai); Y (3) ke T2 yang lebih ringan; Z (2) ke T2 lagi bila T1 lebih berat.
    hasil = bagi_unit_ke_tim({"T1": set(), "T2": set()}, {"X": 10, "Y": 3, "Z": 2})
    assert dict(hasil) == {"X": "T1", "Y": "T2", "Z": "T2"}
    assert hasil.beban == {"T1": 10, "T2": 5}


def test_seri_beban_ke_id_tim_terkecil():
    hasil = bagi_unit_ke_tim({"T2": set(), "T1": set(), 3: set()}, {"A": 4, "B": 4, "C": 4, "D": 1})
    assert dict(hasil) == {"A": 3, "B": "T1", "C": "T2", "D": 3}


# Kasus kecil yang memisahkan jalur pembagian (LPT, perbaikan lokal, batas B, anggaran maks_perbaikan,
# kesinambungan dengan pembagian sebelumnya) — hasil algoritme yang didokumentasikan di bagi_unit_ke_tim,
# dipatok agar perubahan pilihan tim/unit atau hitungan anggaran pindahan terdeteksi.
KASUS_PEMBAGIAN = [
    (
        (
            {"T1": set(), "T2": {"U2"}, "T3": {"U4", "U2"}, "T4": {"U4", "U2", "U1", "U3"}},
            {"U1": 8, "U2": 3, "U3": 8, "U4": 3, "U5": 1},
            None,
            None,
        ),
        ({"U1": "T3", "U3": "T2", "U2": "T1", "U4": "T1", "U5": "T4"}, {"T1": 6, "T2": 8, "T3": 8, "T4": 1}, 8, {}),
    ),  # x_bagi_unit_ke_tim__mutmut_102
    (
        ({"T1": {"U1"}, "T2": {"U1"}, "T3": {"U1"}}, {"U1": 5}, None, {"U1": "T1"}),
        ({}, {"T1": 0, "T2": 0, "T3": 0}, 0, {"U1": "Semua tim memiliki anggota yang bekerja di unit ini."}),
    ),  # x_bagi_unit_ke_tim__mutmut_139
    (
        ({"T1": {"U3"}, "T2": {"U2", "U1", "U3"}, "T3": set()}, {"U1": 8, "U2": 8, "U3": 8, "U4": 1}, 1, None),
        ({"U1": "T1", "U2": "T3", "U3": "T3", "U4": "T2"}, {"T1": 8, "T2": 1, "T3": 16}, 8, {}),
    ),  # x__seimbangkan__mutmut_33
    (
        (
            {"T1": {"U4", "U5", "U3"}, "T2": {"U1"}, "T3": set(), "T4": {"U5", "U6", "U1", "U7"}},
            {"U1": 8, "U2": 8, "U3": 0, "U4": 0, "U5": 2, "U6": 8, "U7": 5},
            2,
            None,
        ),
        (
            {"U1": "T1", "U2": "T4", "U6": "T3", "U7": "T2", "U5": "T2", "U3": "T4", "U4": "T4"},
            {"T1": 8, "T2": 7, "T3": 8, "T4": 8},
            8,
            {},
        ),
    ),  # x_bagi_unit_ke_tim__mutmut_76
    (
        ({"T1": {"U4"}, "T2": {"U3"}, "T3": {"U3"}}, {"U1": 1, "U2": 8, "U3": 8, "U4": 3}, None, None),
        ({"U2": "T3", "U3": "T1", "U4": "T2", "U1": "T2"}, {"T1": 8, "T2": 4, "T3": 8}, 8, {}),
    ),  # x_bagi_unit_ke_tim__mutmut_71
    (
        (
            {"T1": {"U5", "U2"}, "T2": {"U1", "U3"}},
            {"U1": 5, "U2": 2, "U3": 8, "U4": 0, "U5": 2},
            3,
            {"U2": "T1", "U3": "T1", "U4": "T1", "U5": "T2"},
        ),
        ({"U3": "T1", "U1": "T1", "U2": "T2", "U5": "T2", "U4": "T1"}, {"T1": 13, "T2": 4}, 8, {}),
    ),  # x__pilih_pindahan__mutmut_2
    (
        (
            {"T1": {"U6", "U1"}, "T2": {"U4", "U6", "U1"}, "T3": {"U5", "U4", "U2", "U3"}, "T4": {"U4", "U5"}},
            {"U1": 2, "U2": 0, "U3": 2, "U4": 3, "U5": 8, "U6": 1},
            1,
            {"U1": "T3", "U2": "T3", "U4": "T9", "U5": "T4"},
        ),
        (
            {"U5": "T2", "U4": "T1", "U1": "T3", "U3": "T2", "U6": "T4", "U2": "T4"},
            {"T1": 3, "T2": 10, "T3": 2, "T4": 1},
            8,
            {},
        ),
    ),  # x__seimbangkan__mutmut_65
    (
        (
            {"T1": {"U6"}, "T2": {"U5", "U6", "U2"}},
            {"U1": 1, "U2": 5, "U3": 1, "U4": 1, "U5": 5, "U6": 0},
            2,
            {"U1": "T1", "U3": "T1", "U4": "T2"},
        ),
        (
            {"U2": "T1", "U5": "T1", "U1": "T2", "U3": "T2", "U4": "T2"},
            {"T1": 10, "T2": 3},
            5,
            {"U6": "Semua tim memiliki anggota yang bekerja di unit ini."},
        ),
    ),  # x__pilih_pindahan__mutmut_3
]


@pytest.mark.parametrize("args,harapan", KASUS_PEMBAGIAN)
def test_pembagian_kasus_kecil(args, harapan):
    tim, unit, maks, sebelumnya = args
    h = bagi_unit_ke_tim(tim, unit, maks_perbaikan=maks, sebelumnya=sebelumnya)
    assert (dict(h), h.beban, h.batas_selisih, dict(h.tidak_dapat)) == harapan


# ------------------------------------------------------------------ choice of the unit to move (bound B, continuity)
def _bagi(tim, unit, maks=None, sebelumnya=None):
    h = bagi_unit_ke_tim(tim, unit, maks_perbaikan=maks, sebelumnya=sebelumnya)
    return dict(h), h.beban, h.pindah


def test_unit_kembali_ke_tim_lamanya_lebih_dulu():
    # U10 leaves T1 for T4 (B), U9 leaves T1 for T3; T4 must then shed a unit: U10 going back to T1 (its previous
    # team) is chosen before the heavier new unit U4 — continuity first, then weight.
    tim = {"T1": set(), "T3": {"U10", "U4"}, "T4": set()}
    unit = {"U4": 8, "U7": 3, "U9": 7, "U10": 7}
    assert _bagi(tim, unit, sebelumnya={"U7": "T1", "U9": "T1", "U10": "T1"}) == (
        {"U4": "T4", "U10": "T1", "U9": "T3", "U7": "T1"},
        {"T1": 10, "T3": 7, "T4": 8},
        {"U9": ("T1", "T3")},
    )


def test_unit_baru_dipindah_sebelum_unit_yang_meninggalkan_tim_lamanya():
    # T1 = U3 + U4 (previous, 6 each) + new U1, U6 (4 each) = 20, T2 = 12, W = 7: one unit must go. The new U1
    # moves (no unit leaves its previous team) although U3 and U4 are heavier and come first.
    tim = {"T1": set(), "T2": {"U6"}}
    unit = {"U1": 4, "U2": 5, "U3": 6, "U4": 6, "U5": 7, "U6": 4}
    assert _bagi(tim, unit, sebelumnya={"U3": "T1", "U4": "T1"}) == (
        {"U5": "T2", "U3": "T1", "U4": "T1", "U2": "T2", "U1": "T2", "U6": "T1"},
        {"T1": 16, "T2": 16},
        {},
    )
    # U4 stays in its previous team T1; the new U3 (same weight, smaller id) moves instead
    assert _bagi({"T1": set(), "T2": {"U2"}}, {"U1": 3, "U2": 3, "U3": 5, "U4": 5}, sebelumnya={"U4": "T1"}) == (
        {"U3": "T2", "U4": "T1", "U1": "T2", "U2": "T1"},
        {"T1": 8, "T2": 8},
        {},
    )


def test_unit_lama_yang_tidak_dapat_pindah_tidak_menghalangi_unit_berikutnya():
    # T1 = 3, T2 = 0, W = 2 violates B; U2 cannot go to T2 (conflict), so the lighter U1 goes.
    assert _bagi({"T1": set(), "T2": {"U2"}}, {"U1": 1, "U2": 2}, sebelumnya={"U1": "T1", "U2": "T1"}) == (
        {"U2": "T1", "U1": "T2"},
        {"T1": 2, "T2": 1},
        {"U1": ("T1", "T2")},
    )


def test_urutan_unit_dalam_tim_sesudah_pindahan_menurut_beban_lalu_id():
    # After a unit arrives in a team, that team's units are still considered heaviest first, then by id:
    # when bound B moves units (here off T2, the previous team of five units) ...
    tim = {"T1": set(), "T2": set(), "T3": {"U2"}}
    unit = {"U1": 10, "U2": 10, "U3": 10, "U4": 1, "U5": 10, "U6": 10, "U7": 10}
    sebelumnya = {"U1": "T2", "U2": "T2", "U4": "T2", "U6": "T2", "U7": "T2"}
    assert _bagi(tim, unit, sebelumnya=sebelumnya) == (
        {"U1": "T3", "U2": "T1", "U3": "T1", "U5": "T3", "U6": "T2", "U7": "T2", "U4": "T2"},
        {"T1": 20, "T2": 21, "T3": 20},
        {"U1": ("T2", "T3"), "U2": ("T2", "T1")},
    )
    # ... and in the local improvement without a previous assignment (weight first, then id)
    tim = {"T1": set(), "T2": set(), "T3": {"U4", "U6"}, "T4": {"U1", "U2", "U4", "U6"}}
    unit = {"U1": 5, "U2": 6, "U3": 6, "U4": 5, "U5": 7, "U6": 2}
    assert _bagi(tim, unit)[:2] == (
        {"U5": "T4", "U2": "T1", "U3": "T3", "U1": "T2", "U4": "T1", "U6": "T2"},
        {"T1": 11, "T2": 7, "T3": 6, "T4": 7},
    )
    assert _bagi({"T1": set(), "T2": {"U1"}}, {"U1": 4, "U2": 1, "U3": 5, "U4": 2})[:2] == (
        {"U3": "T2", "U1": "T1", "U4": "T1", "U2": "T2"},
        {"T1": 6, "T2": 6},
    )


def test_id_campuran_sesudah_pindahan():
    # int and str unit ids together (kunci_urut) in the teams a move or an improvement touches
    assert _bagi({"T1": set(), "T2": set()}, {"U4": 2, "U6": 1, 7: 2}, sebelumnya={"U4": "T1", 7: "T1"}) == (
        {7: "T2", "U4": "T1", "U6": "T2"},
        {"T1": 2, "T2": 3},
        {7: ("T1", "T2")},
    )
    assert _bagi({"T1": set(), "T2": {4}}, {4: 1, 5: 2, "U7": 0})[:2] == (
        {5: "T2", 4: "T1", "U7": "T2"},
        {"T1": 1, "T2": 2},
    )


def test_unit_tanpa_pegawai_tidak_dipindah_perbaikan_lokal():
    # the local improvement moves U3 to T2, which becomes the heaviest team; its 0-staff unit U1 could go to T1
    # without exceeding the maximum, but moving it balances nothing, so it stays
    assert _bagi({"T1": set(), "T2": {"U2"}}, {"U1": 0, "U2": 1, "U3": 2})[:2] == (
        {"U3": "T2", "U2": "T1", "U1": "T2"},
        {"T1": 1, "T2": 2},
    )


def test_anggaran_perbaikan_dihitung_dari_perbaikan_lokal():
    # maks_perbaikan bounds the moves of both phases together (local improvement, then bound B)
    tim = {"T1": {"U3", "U4"}, "T2": {"U3", "U4"}, "T3": {"U3", "U4", "U5"}, "T4": set(), "T5": {"U3"}}
    unit = {"U1": 3, "U2": 3, "U3": 4, "U4": 5, "U5": 3}
    assert _bagi(tim, unit, maks=2)[:2] == (
        {"U4": "T5", "U3": "T4", "U1": "T1", "U2": "T2", "U5": "T1"},
        {"T1": 6, "T2": 3, "T3": 0, "T4": 4, "T5": 5},
    )
    tim = {"T1": set(), "T2": set(), "T3": set(), "T4": {"U3", "U5", "U7"}, "T5": {"U3", "U5", "U7", "U8"}}
    unit = {"U3": 2, "U5": 2, "U6": 3, "U7": 2, "U8": 3, "U10": 2}
    assert _bagi(tim, unit, maks=3)[:2] == (
        {"U6": "T4", "U8": "T2", "U10": "T5", "U3": "T3", "U5": "T1", "U7": "T1"},
        {"T1": 4, "T2": 3, "T3": 2, "T4": 3, "T5": 2},
    )


def test_pembagian_tanpa_batas_selisih():
    # a PembagianUnit built from a plain mapping: no bound, no previous assignment
    p = PembagianUnit({"A": "T1"}, {}, {"T1": 3})
    assert p.batas_selisih == 0 and p.baru == {"A"} and p.tetap == set() and p.pindah == {} and p.lepas == {}
    assert p.beban_maksimum == 3
