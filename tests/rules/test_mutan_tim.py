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
