"""Accreditation names — 001 Lampiran "Penyusunan SKP bagi pegawai yang melaksanakan tugas belajar"
angka 5 (table by "akreditasi institusi dan akreditas program studi" A/B/C). Decision documented in
app/rules/tugas_belajar.py: BAN-PT's current names Unggul = A, Baik Sekali = B, Baik = C.
"""

import pytest

from app.rules.tugas_belajar import normalisasi_akreditasi


@pytest.mark.parametrize("nilai,huruf", [
    ("A", "A"), ("Unggul", "A"), ("b", "B"), ("Baik Sekali", "B"), ("baik-sekali", "B"),
    ("C", "C"), ("Baik", "C"), (" baik ", "C"), ("Sangat Baik", None), ("D", None), (None, None),
])
def test_sebutan_akreditasi(nilai, huruf):
    assert normalisasi_akreditasi(nilai) == huruf
