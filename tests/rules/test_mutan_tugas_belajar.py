"""Accreditation names — 001 Lampiran "Penyusunan SKP bagi pegawai yang melaksanakan tugas belajar"
angka 5 (table by "akreditasi institusi dan akreditas program studi" A/B/C). Decision documented in
app/rules/tugas_belajar.py: BAN-PT's current names Unggul = A, Baik Sekali = B, Baik = C.
"""

import pytest

from app.rules.tugas_belajar import normalisasi_akreditasi


@pytest.mark.parametrize(
    "nilai,huruf",
    [
        ("A", "A"),
        ("Unggul", "A"),
        ("b", "B"),
        ("Baik Sekali", "B"),
        ("baik-sekali", "B"),
        ("C", "C"),
        ("Baik", "C"),
        (" baik ", "C"),
        ("Sangat Baik", None),
        ("D", None),
        (None, None),
    ],
)
def test_sebutan_akreditasi(nilai, huruf):
    assert normalisasi_akreditasi(nilai) == huruf


def test_tanpa_panduan_menyebut_label_jenjang():
    # 001 "... tugas belajar" 5–6: dalam negeri hanya S-1 yang bertabel; S-2 dalam negeri tanpa panduan.
    from app.rules.tugas_belajar import cek_ipk

    h = cek_ipk("3.50", "s2", False, "A", "A")
    assert h.predikat is None and "jenjang S-2 dalam negeri" in h.alasan


def test_setiap_pita_dengan_syarat_prodi_diperiksa():
    # "akreditasi institusi dan akreditas program studi" (angka 4 a): pita tanpa syarat prodi tidak
    # membebaskan pita lain dari syarat prodinya (pita dari basis data dapat bercampur).
    from decimal import Decimal

    from app.rules import Predikat
    from app.rules.tugas_belajar import PitaIPK, cek_ipk

    pita = [
        PitaIPK("s1", False, "A", None, Predikat.BAIK, Decimal("0.00"), Decimal("2.00")),
        PitaIPK("s1", False, "A", "B", Predikat.SANGAT_BAIK, Decimal("2.01"), Decimal("4.00")),
    ]
    h = cek_ipk("3.00", "s1", False, "A", "C", bands=pita)
    assert h.predikat is None and "di bawah minimal B" in h.alasan
