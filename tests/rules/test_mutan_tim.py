"""R13 Tim Pemantau Kinerja — 000 Pasal 20(4) ("paling sedikit 3 ... paling banyak 7", configurable per
instansi): the configured limits are inclusive, a minimum of 1 and a maximum equal to the minimum are valid;
000 Pasal 20(1)–(3): each unit goes to the least-loaded team allowed to monitor it."""

import pytest

from app.rules import AnggotaTim, bagi_unit_ke_tim, validasi_tim

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
    (({'T1': set(), 'T2': {'U2'}, 'T3': {'U4', 'U2'}, 'T4': {'U4', 'U2', 'U1', 'U3'}}, {'U1': 8, 'U2': 3, 'U3': 8, 'U4': 3, 'U5': 1}, None, None), ({'U1': 'T3', 'U3': 'T2', 'U2': 'T1', 'U4': 'T1', 'U5': 'T4'}, {'T1': 6, 'T2': 8, 'T3': 8, 'T4': 1}, 8, {})),  # x_bagi_unit_ke_tim__mutmut_102
    (({'T1': {'U1'}, 'T2': {'U1'}, 'T3': {'U1'}}, {'U1': 5}, None, {'U1': 'T1'}), ({}, {'T1': 0, 'T2': 0, 'T3': 0}, 0, {'U1': 'Semua tim memiliki anggota yang bekerja di unit ini.'})),  # x_bagi_unit_ke_tim__mutmut_139
    (({'T1': {'U3'}, 'T2': {'U2', 'U1', 'U3'}, 'T3': set()}, {'U1': 8, 'U2': 8, 'U3': 8, 'U4': 1}, 1, None), ({'U1': 'T1', 'U2': 'T3', 'U3': 'T3', 'U4': 'T2'}, {'T1': 8, 'T2': 1, 'T3': 16}, 8, {})),  # x__seimbangkan__mutmut_33
    (({'T1': {'U4', 'U5', 'U3'}, 'T2': {'U1'}, 'T3': set(), 'T4': {'U5', 'U6', 'U1', 'U7'}}, {'U1': 8, 'U2': 8, 'U3': 0, 'U4': 0, 'U5': 2, 'U6': 8, 'U7': 5}, 2, None), ({'U1': 'T1', 'U2': 'T4', 'U6': 'T3', 'U7': 'T2', 'U5': 'T2', 'U3': 'T4', 'U4': 'T4'}, {'T1': 8, 'T2': 7, 'T3': 8, 'T4': 8}, 8, {})),  # x_bagi_unit_ke_tim__mutmut_76
    (({'T1': {'U4'}, 'T2': {'U3'}, 'T3': {'U3'}}, {'U1': 1, 'U2': 8, 'U3': 8, 'U4': 3}, None, None), ({'U2': 'T3', 'U3': 'T1', 'U4': 'T2', 'U1': 'T2'}, {'T1': 8, 'T2': 4, 'T3': 8}, 8, {})),  # x_bagi_unit_ke_tim__mutmut_71
    (({'T1': {'U5', 'U2'}, 'T2': {'U1', 'U3'}}, {'U1': 5, 'U2': 2, 'U3': 8, 'U4': 0, 'U5': 2}, 3, {'U2': 'T1', 'U3': 'T1', 'U4': 'T1', 'U5': 'T2'}), ({'U3': 'T1', 'U1': 'T1', 'U2': 'T2', 'U5': 'T2', 'U4': 'T1'}, {'T1': 13, 'T2': 4}, 8, {})),  # x__pilih_pindahan__mutmut_2
    (({'T1': {'U6', 'U1'}, 'T2': {'U4', 'U6', 'U1'}, 'T3': {'U5', 'U4', 'U2', 'U3'}, 'T4': {'U4', 'U5'}}, {'U1': 2, 'U2': 0, 'U3': 2, 'U4': 3, 'U5': 8, 'U6': 1}, 1, {'U1': 'T3', 'U2': 'T3', 'U4': 'T9', 'U5': 'T4'}), ({'U5': 'T2', 'U4': 'T1', 'U1': 'T3', 'U3': 'T2', 'U6': 'T4', 'U2': 'T4'}, {'T1': 3, 'T2': 10, 'T3': 2, 'T4': 1}, 8, {})),  # x__seimbangkan__mutmut_65
    (({'T1': {'U6'}, 'T2': {'U5', 'U6', 'U2'}}, {'U1': 1, 'U2': 5, 'U3': 1, 'U4': 1, 'U5': 5, 'U6': 0}, 2, {'U1': 'T1', 'U3': 'T1', 'U4': 'T2'}), ({'U2': 'T1', 'U5': 'T1', 'U1': 'T2', 'U3': 'T2', 'U4': 'T2'}, {'T1': 10, 'T2': 3}, 5, {'U6': 'Semua tim memiliki anggota yang bekerja di unit ini.'})),  # x__pilih_pindahan__mutmut_3
]


@pytest.mark.parametrize("args,harapan", KASUS_PEMBAGIAN)
def test_pembagian_kasus_kecil(args, harapan):
    tim, unit, maks, sebelumnya = args
    h = bagi_unit_ke_tim(tim, unit, maks_perbaikan=maks, sebelumnya=sebelumnya)
    assert (dict(h), h.beban, h.batas_selisih, dict(h.tidak_dapat)) == harapan
