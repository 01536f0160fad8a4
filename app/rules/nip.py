"""NIP — Nomor Induk Pegawai: 18 digits = YYYYMMDD birth date, YYYYMM appointment (TMT), sex digit, serial.

Source: the NIP layout printed on every official form; ARCHITECTURE.md "Glosarium".
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .waktu import BULAN, teks_tanggal


@dataclass(frozen=True)
class NIP:
    tanggal_lahir: dt.date
    tmt_tahun: int
    tmt_bulan: int
    jenis_kelamin: str  # "L" or "P"
    urut: int


class NIPTidakValid(ValueError):
    """Raised with an Indonesian message that names what is wrong."""


# Glosarium NIP — ARCHITECTURE.md: YYYYMMDD · YYYYMM (TMT) · 1 digit jenis kelamin · 3 digit nomor urut
def urai_nip(nip: str) -> NIP:
    s = (nip or "").strip().replace(" ", "")
    if len(s) != 18 or not s.isdigit():
        raise NIPTidakValid(f"NIP harus 18 digit angka (diterima {len(s)} karakter).")
    try:
        lahir = dt.date(int(s[0:4]), int(s[4:6]), int(s[6:8]))
    except ValueError:
        raise NIPTidakValid(f"NIP: digit 1–8 ({s[0:8]}) bukan tanggal lahir yang valid.") from None
    tmt_tahun, tmt_bulan = int(s[8:12]), int(s[12:14])
    if not 1 <= tmt_bulan <= 12:
        raise NIPTidakValid(f"NIP: digit 13–14 ({s[12:14]}) bukan bulan TMT yang valid.")
    if tmt_tahun < lahir.year + 15 or tmt_tahun > lahir.year + 65:
        raise NIPTidakValid(f"NIP: tahun TMT {tmt_tahun} tidak masuk akal untuk kelahiran {lahir.year}.")
    if s[14] not in "12":
        raise NIPTidakValid(f"NIP: digit ke-15 (jenis kelamin) harus 1 atau 2, bukan {s[14]}.")
    urut = int(s[15:18])
    if urut == 0:
        raise NIPTidakValid("NIP: nomor urut (digit 16–18) tidak boleh 000.")
    return NIP(lahir, tmt_tahun, tmt_bulan, "L" if s[14] == "1" else "P", urut)


# Glosarium NIP — ARCHITECTURE.md: isian tanggal lahir/TMT/jenis kelamin harus sesuai NIP
def cek_nip(
    nip: str, tanggal_lahir: dt.date | None = None, tmt: dt.date | None = None, jenis_kelamin: str | None = None
) -> list[str]:
    """Return Indonesian messages (empty = valid) for the NIP and its consistency with other fields."""
    try:
        n = urai_nip(nip)
    except NIPTidakValid as e:
        return [str(e)]
    pesan = []
    if tanggal_lahir is not None and tanggal_lahir != n.tanggal_lahir:
        pesan.append(f"Tanggal lahir {teks_tanggal(tanggal_lahir)} tidak sesuai NIP ({teks_tanggal(n.tanggal_lahir)}).")
    if tmt is not None and (tmt.year, tmt.month) != (n.tmt_tahun, n.tmt_bulan):
        pesan.append(
            f"TMT {BULAN[tmt.month - 1]} {tmt.year} tidak sesuai NIP ({BULAN[n.tmt_bulan - 1]} {n.tmt_tahun})."
        )
    if jenis_kelamin is not None and jenis_kelamin != n.jenis_kelamin:
        kelamin = {"L": "Laki-laki", "P": "Perempuan"}  # the labels of schema.enums.JenisKelamin
        pesan.append(
            f"Jenis kelamin {kelamin.get(jenis_kelamin, jenis_kelamin)} tidak sesuai NIP "
            f"({kelamin.get(n.jenis_kelamin, n.jenis_kelamin)})."
        )
    return pesan


# Glosarium NIP — ARCHITECTURE.md: menyusun NIP (data demo, pengujian)
def buat_nip(tanggal_lahir: dt.date, tmt: dt.date, jenis_kelamin: str, urut: int) -> str:
    """Compose a NIP (demo data, tests)."""
    return f"{tanggal_lahir:%Y%m%d}{tmt:%Y%m}{1 if jenis_kelamin == 'L' else 2}{urut % 1000 or 1:03d}"
