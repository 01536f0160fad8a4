"""Top of the competency scale — 000 Lampiran D.4 Format B.1.9 "DESKRIPSI SKALA PENILAIAN" (1 sampai 5)."""

from app.rules import deskripsi_skala


def test_skala_lima_istimewa_sah():
    s = deskripsi_skala(5)
    assert (s.nilai, s.label) == (5, "Istimewa")
    assert (deskripsi_skala(1).nilai, deskripsi_skala(1).label) == (1, "Sangat Kurang")
