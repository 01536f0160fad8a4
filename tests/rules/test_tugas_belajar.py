"""R8 IPK guidance for tugas belajar.
Source: 001 Lampiran "Penyusunan SKP bagi pegawai yang melaksanakan tugas belajar" 5 a)
(dalam negeri S-1), 6 a) (luar negeri S-1), 6 b) (luar negeri Profesi/S-2/S-3), 7 (ketepatan lulus).
The tables below are pasted from the regulation text (001 ~lines 737–752) and parsed."""

from decimal import Decimal

import pytest

from app.rules import PITA_IPK, KetepatanLulus, PitaIPK, Predikat, cek_ipk, kuantisasi_ipk, predikat_ipk

KOLOM = [Predikat.SANGAT_BAIK, Predikat.BAIK, Predikat.BUTUH_PERBAIKAN, Predikat.KURANG]

# 001 "... tugas belajar" 5 a) Strata 1 (S-1) — AKREDITAS UNIVERSITAS / PROGRAM STUDI / SB / B / BP / KURANG
TABEL_5A = """\
A\tMinimal C\t3,51-4,0\t3,01-3,50\t2,76-3,00\t< 2,76
B\tMinimal C\t3,61-4,0\t3,10-3,60\t2,76-3,09\t< 2,76
C\tMinimal B\t3,71-4,0\t3,20-3,70\t2,76-3,19\t< 2,76"""
# 001 "... tugas belajar" 6 a) S-1 luar negeri; 6 b) Profesi, S-2 / S-3 luar negeri
TABEL_6A = "3,51-4,0\t3,01-3,50\t2,76-3,00\t< 2,76"
TABEL_6B = "3,51-4,00\t3,20-3,50\t3,00-3,19\t< 3,00"

D = Decimal
SEN = D("0.01")


def _rentang(sel: str) -> tuple[Decimal, Decimal]:
    sel = sel.replace(",", ".").strip()
    if sel.startswith("<"):
        return D("0.00"), D(sel[1:].strip()) - SEN
    lo, hi = sel.split("-")
    return D(lo).quantize(SEN), D(hi).quantize(SEN)


def _kasus():
    """(jenjang, luar_negeri, pt, prodi_min, predikat, lo, hi) from the regulation tables."""
    for baris in TABEL_5A.splitlines():
        pt, prodi, *sel = baris.split("\t")
        for p, s in zip(KOLOM, sel):
            yield ("s1", False, pt, prodi.split()[-1], p, *_rentang(s))
    for jenjang, tabel in [("s1", TABEL_6A), ("profesi", TABEL_6B), ("s2", TABEL_6B), ("s3", TABEL_6B)]:
        for p, s in zip(KOLOM, tabel.split("\t")):
            yield (jenjang, True, None, None, p, *_rentang(s))


KASUS = list(_kasus())


def test_pita_ipk_sama_dengan_tabel_regulasi():
    assert set(PITA_IPK) == {PitaIPK(*k) for k in KASUS}
    assert len(PITA_IPK) == 28


@pytest.mark.parametrize("jenjang,ln,pt,prodi,p,lo,hi", KASUS)
def test_batas_pita_persis_seperti_tercetak(jenjang, ln, pt, prodi, p, lo, hi):
    # each band's printed lower and upper bound maps to the band's predikat
    for ipk in (lo, hi, str(lo), float(hi)):
        assert predikat_ipk(ipk, jenjang, ln, pt, prodi) is p
    # one hundredth outside the band belongs to the neighbour (no gaps, no overlaps)
    if hi < D("4.00"):
        assert predikat_ipk(hi + SEN, jenjang, ln, pt, prodi) is not p
    if lo > 0:
        assert predikat_ipk(lo - SEN, jenjang, ln, pt, prodi) is not p


def test_contoh_batas_350_351():
    # 001 5 a) baris A: 3,01-3,50 Baik; 3,51-4,0 Sangat Baik
    assert predikat_ipk("3.50", "S-1", False, "A", "C") is Predikat.BAIK
    assert predikat_ipk("3,51", "S1", False, "A", "B") is Predikat.SANGAT_BAIK
    h = cek_ipk(Decimal("3.50"), "s-1", False, "A", "A")
    assert h.predikat is Predikat.BAIK and h.pita.ipk_max == D("3.50") and "Baik" in h.alasan


def test_celah_cetakan_tertutup_kuantisasi():
    # 001 5 a) baris B: 2,76-3,09 and 3,10-3,60 — 3.095 quantises to 3.10 (ROUND_HALF_UP)
    assert kuantisasi_ipk(3.095) == D("3.10")
    assert predikat_ipk(3.095, "s1", False, "B", "C") is Predikat.BAIK
    assert predikat_ipk("3.094", "s1", False, "B", "C") is Predikat.BUTUH_PERBAIKAN
    assert predikat_ipk(3.505, "s1", True) is Predikat.SANGAT_BAIK


def test_akreditasi_sebutan_baru():
    # decision: BAN-PT Unggul = A, Baik Sekali = B, Baik = C
    assert predikat_ipk("3.65", "s1", False, "Unggul", "Baik") is Predikat.SANGAT_BAIK
    assert predikat_ipk("3.65", "s1", False, "baik sekali", "baik") is Predikat.SANGAT_BAIK


def test_luar_negeri_mengabaikan_akreditasi():
    # 001 6 b): Profesi/S-2/S-3 abroad, 3,20-3,50 Baik; < 3,00 Kurang
    assert predikat_ipk("3.20", "S-2", True, "C", "C") is Predikat.BAIK
    assert predikat_ipk("2.99", "s3", True) is Predikat.KURANG
    assert predikat_ipk("3.00", "Profesi", True) is Predikat.BUTUH_PERBAIKAN


@pytest.mark.parametrize(
    "args,potongan",
    [
        (("3.5", "S-2", False, "A", "A"), "Tidak ada panduan IPK untuk jenjang S-2 dalam negeri"),
        (("3.5", "S-3", False, "A", "A"), "jenjang S-3 dalam negeri"),
        (("3.5", "D-3", True), "jenjang D-3 luar negeri"),
        (("3.8", "s1", False, "C", "C"), "di bawah minimal B"),  # 001 5 a) baris C: prodi minimal B
        (("3.8", "s1", False, None, "A"), "perguruan tinggi (A/B/C) wajib diisi"),
        (("3.8", "s1", False, " ", "A"), "perguruan tinggi (A/B/C) wajib diisi"),
        (("3.8", "s1", False, "D", "A"), "perguruan tinggi 'D' tidak dikenal"),
        (("3.8", "s1", False, "A", None), "program studi (A/B/C) wajib diisi"),
        (("3.8", "s1", False, "A", "X"), "program studi 'X' tidak dikenal"),
        (("4.01", "s1", True), "di luar rentang 0,00–4,00"),
        (("-0.01", "s1", True), "di luar rentang"),
        (("abc", "s1", True), "bukan angka"),
        (("nan", "s1", True), "bukan angka"),
    ],
)
def test_tidak_ada_panduan_dengan_alasan(args, potongan):
    h = cek_ipk(*args)
    assert h.predikat is None and potongan in h.alasan
    assert predikat_ipk(*args) is None


def test_pita_dari_basis_data():
    # bands are editable reference data: a region may add domestic S-2 bands
    s2 = [
        PitaIPK("s2", False, "A", None, Predikat.SANGAT_BAIK, D("3.71"), D("4.00")),
        PitaIPK("s2", False, "A", None, Predikat.BAIK, D("3.40"), D("3.70")),
    ]
    assert predikat_ipk("3.75", "S-2", False, "A", bands=s2) is Predikat.SANGAT_BAIK
    h = cek_ipk("3.00", "S-2", False, "A", bands=iter(s2))
    assert h.predikat is None and "tidak tercakup" in h.alasan
    h = cek_ipk("3.75", "S-2", False, "B", bands=s2)
    assert h.predikat is None and "berakreditasi B" in h.alasan


def test_ketepatan_lulus():
    # 001 "... tugas belajar" 7 a)–c)
    assert [k.value for k in KetepatanLulus] == ["lebih_cepat", "tepat_waktu", "perpanjangan"]
    assert KetepatanLulus.PERPANJANGAN.label == "Adanya Perpanjangan"
