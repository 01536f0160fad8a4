"""R8: panduan IPK bagi pegawai tugas belajar.

Sumber: 001 Lampiran "Penyusunan SKP bagi pegawai yang melaksanakan tugas
belajar" angka 5 (dalam negeri, S-1, menurut akreditasi universitas dan program
studi) dan angka 6 (luar negeri: a) S-1; b) Profesi/S-2/S-3); angka 7 ketepatan
waktu lulus (lihat ``KetepatanLulus`` di ``enums``).

Pita disimpan sebagai data (``PITA_IPK``) agar dapat disalin ke tabel basis data
dan disunting; fungsi menerima ``bands`` dari basis data dengan dataclass yang sama.
Kolom terakhir tabel regulasi berjudul "KURANG/MIS CONDUCT" → ``Predikat.KURANG``.
IPK dikuantisasi ke dua desimal (ROUND_HALF_UP) sehingga celah cetakan seperti
3,09 → 3,10 tidak menjadi celah nyata; batas persis seperti tercetak
(3,50 = Baik dan 3,51 = Sangat Baik untuk universitas A).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from .enums import Predikat


@dataclass(frozen=True)
class PitaIPK:
    jenjang: str  # "s1", "profesi", "s2", "s3"
    luar_negeri: bool
    akreditasi_pt: str | None  # "A"/"B"/"C"; None = tidak dipakai (luar negeri)
    akreditasi_prodi_min: str | None  # akreditasi program studi minimal; None = tidak dipakai
    predikat: Predikat
    ipk_min: Decimal
    ipk_max: Decimal


def _pita(jenjang: str, ln: bool, pt: str | None, prodi: str | None, rentang: list[tuple[str, str]]) -> list[PitaIPK]:
    hasil = []
    urutan = (Predikat.SANGAT_BAIK, Predikat.BAIK, Predikat.BUTUH_PERBAIKAN, Predikat.KURANG)
    for p, (lo, hi) in zip(urutan, rentang):
        hasil.append(PitaIPK(jenjang, ln, pt, prodi, p, Decimal(lo), Decimal(hi)))
    return hasil


# R8 — 001 Lampiran "Penyusunan SKP bagi pegawai yang melaksanakan tugas belajar" 5 a) dan 6 a)–b)
PITA_IPK: tuple[PitaIPK, ...] = tuple(
    # 5 a) dalam negeri S-1: A (prodi minimal C), B (minimal C), C (minimal B); "< 2,76" = 0,00–2,75
    _pita("s1", False, "A", "C", [("3.51", "4.00"), ("3.01", "3.50"), ("2.76", "3.00"), ("0.00", "2.75")])
    + _pita("s1", False, "B", "C", [("3.61", "4.00"), ("3.10", "3.60"), ("2.76", "3.09"), ("0.00", "2.75")])
    + _pita("s1", False, "C", "B", [("3.71", "4.00"), ("3.20", "3.70"), ("2.76", "3.19"), ("0.00", "2.75")])
    # 6 a) luar negeri S-1
    + _pita("s1", True, None, None, [("3.51", "4.00"), ("3.01", "3.50"), ("2.76", "3.00"), ("0.00", "2.75")])
    # 6 b) luar negeri Profesi / S-2 / S-3; "< 3,00" = 0,00–2,99
    + [
        b
        for j in ("profesi", "s2", "s3")
        for b in _pita(j, True, None, None, [("3.51", "4.00"), ("3.20", "3.50"), ("3.00", "3.19"), ("0.00", "2.99")])
    ]
)

_LABEL_JENJANG = {"s1": "S-1", "profesi": "Profesi", "s2": "S-2", "s3": "S-3"}

# Akreditasi: A > B > C. Sebutan BAN-PT baru dipetakan setara (keputusan):
# Unggul = A, Baik Sekali = B, Baik = C.
_AKREDITASI = {"a": "A", "unggul": "A", "b": "B", "baiksekali": "B", "c": "C", "baik": "C"}
_NILAI_AKREDITASI = {"A": 3, "B": 2, "C": 1}

_DUA_DESIMAL = Decimal("0.01")


@dataclass(frozen=True)
class HasilIPK:
    predikat: Predikat | None
    alasan: str
    pita: PitaIPK | None = None


def normalisasi_jenjang(jenjang: str) -> str:
    """ "S-1", "S1", "s 1" → "s1"; "Profesi" → "profesi"."""
    return re.sub(r"[\s\-._]", "", str(jenjang)).lower()


def normalisasi_akreditasi(nilai: str | None) -> str | None:
    """ "A"/"Unggul" → "A", "B"/"Baik Sekali" → "B", "C"/"Baik" → "C"; lainnya → None."""
    if nilai is None:
        return None
    return _AKREDITASI.get(re.sub(r"[\s\-._]", "", str(nilai)).lower())


# R8 — 001 Lampiran "Penyusunan SKP bagi pegawai yang melaksanakan tugas belajar" 5–6 (IPK dua desimal)
def kuantisasi_ipk(ipk: object) -> Decimal:
    """IPK (str/Decimal/float/int; koma desimal diterima) → Decimal dua desimal."""
    teks = str(ipk).strip().replace(",", ".")
    try:
        nilai = Decimal(teks)
    except InvalidOperation:
        raise ValueError(f"IPK '{ipk}' bukan angka.") from None
    if not nilai.is_finite():
        raise ValueError(f"IPK '{ipk}' bukan angka.")
    return nilai.quantize(_DUA_DESIMAL, rounding=ROUND_HALF_UP)


def _pesan_akreditasi(apa: str, nilai: object) -> str:
    if nilai is None or not str(nilai).strip():
        return f"Akreditasi {apa} (A/B/C) wajib diisi untuk tugas belajar dalam negeri."
    return f"Akreditasi {apa} '{nilai}' tidak dikenal; gunakan A/B/C (atau Unggul/Baik Sekali/Baik)."


# R8 — 001 Lampiran "Penyusunan SKP bagi pegawai yang melaksanakan tugas belajar" 5–6
def cek_ipk(
    ipk: object,
    jenjang: str,
    luar_negeri: bool,
    akreditasi_pt: str | None = None,
    akreditasi_prodi: str | None = None,
    bands: Iterable[PitaIPK] | None = None,
) -> HasilIPK:
    """Predikat panduan dari IPK beserta alasannya; ``predikat`` None bila tidak ada panduan."""
    try:
        nilai = kuantisasi_ipk(ipk)
    except ValueError as e:
        return HasilIPK(None, str(e))
    if nilai < 0 or nilai > 4:
        return HasilIPK(None, f"IPK {nilai} di luar rentang 0,00–4,00.")
    j = normalisasi_jenjang(jenjang)
    label_j = _LABEL_JENJANG.get(j, str(jenjang))
    tempat = "luar negeri" if luar_negeri else "dalam negeri"
    semua = [b for b in (PITA_IPK if bands is None else bands) if b.jenjang == j and b.luar_negeri == bool(luar_negeri)]
    if not semua:
        return HasilIPK(
            None,
            f"Tidak ada panduan IPK untuk jenjang {label_j} {tempat}; ekspektasi IPK ditetapkan "
            "Pejabat Penilai Kinerja melalui dialog kinerja.",
        )
    if not luar_negeri:
        pt = normalisasi_akreditasi(akreditasi_pt)
        if pt is None:
            return HasilIPK(None, _pesan_akreditasi("perguruan tinggi", akreditasi_pt))
        semua = [b for b in semua if b.akreditasi_pt == pt]
        if not semua:
            return HasilIPK(None, f"Tidak ada panduan IPK untuk perguruan tinggi berakreditasi {pt}.")
    for b in semua:
        if b.akreditasi_prodi_min is None:
            continue
        prodi = normalisasi_akreditasi(akreditasi_prodi)
        if prodi is None:
            return HasilIPK(None, _pesan_akreditasi("program studi", akreditasi_prodi))
        if _NILAI_AKREDITASI[prodi] < _NILAI_AKREDITASI[b.akreditasi_prodi_min]:
            return HasilIPK(
                None,
                f"Akreditasi program studi {prodi} di bawah minimal {b.akreditasi_prodi_min} "
                "sehingga panduan IPK tidak berlaku.",
            )
    for b in semua:
        if b.ipk_min <= nilai <= b.ipk_max:
            return HasilIPK(
                b.predikat, f"IPK {nilai} berada pada rentang {b.ipk_min}–{b.ipk_max}: {b.predikat.label}.", b
            )
    return HasilIPK(None, f"IPK {nilai} tidak tercakup pita panduan yang tersedia.")


# R8 — 001 Lampiran "Penyusunan SKP bagi pegawai yang melaksanakan tugas belajar" 5–6
def predikat_ipk(
    ipk: object,
    jenjang: str,
    luar_negeri: bool,
    akreditasi_pt: str | None = None,
    akreditasi_prodi: str | None = None,
    bands: Iterable[PitaIPK] | None = None,
) -> Predikat | None:
    """Seperti :func:`cek_ipk` tetapi hanya predikatnya (None bila tidak ada panduan)."""
    return cek_ipk(ipk, jenjang, luar_negeri, akreditasi_pt, akreditasi_prodi, bands).predikat
