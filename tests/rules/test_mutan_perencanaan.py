"""Defaults of the SKP rules: a position is *not* the head of an independent unit unless said so.

Source: 001 Lampiran "Penetapan SKP" 1–2 (JPT dan pimpinan unit kerja mandiri ditetapkan
Kepala Daerah; lainnya Pejabat Penilai Kinerja); 001 Lampiran "Penyusunan SKP bagi pegawai
yang melaksanakan tugas belajar" 9 and FORMS.md A.1.1–A.1.7, C.1.1–C.1.3.
"""

from app.rules import PenetapSKP, format_hasil_evaluasi, format_skp, penetap_skp


def test_bawaan_bukan_pimpinan_unit_mandiri():
    assert penetap_skp("administrator") is PenetapSKP.PEJABAT_PENILAI
    assert format_skp("administrator", "kualitatif") == "A.1.6"
    assert format_skp("pelaksana", "kuantitatif") == "A.1.7"
    assert format_hasil_evaluasi("administrator", "kuantitatif") == "C.1.3"
    # JPT tetap A.1.1/A.1.2 dan C.1.2 tanpa keterangan unit mandiri
    assert format_skp("jpt_pratama", "kuantitatif") == "A.1.2"
    assert format_hasil_evaluasi("jpt_madya", "kuantitatif") == "C.1.2"
