"""Input parsers specific to these forms (the common ones are in app.aksi)."""

from __future__ import annotations

import datetime as dt

from app.aksi import PESAN_BASI, cek_versi
from app.queries.pelaksanaan.umum import GalatPelaksanaan


def bulat(nilai, nama: str, wajib: bool = True) -> int | None:
    if nilai in (None, ""):
        if wajib:
            raise GalatPelaksanaan(f"{nama} wajib diisi.")
        return None
    try:
        v = int(str(nilai).strip())
    except ValueError:
        raise GalatPelaksanaan(f"{nama} harus berupa bilangan bulat.") from None
    if not -(2**31) < v < 2**31:
        raise GalatPelaksanaan(f"{nama} di luar rentang.")
    return v


def waktu(nilai, nama: str) -> dt.datetime:
    if not nilai:
        raise GalatPelaksanaan(f"{nama} wajib diisi.")
    try:
        return dt.datetime.fromisoformat(str(nilai).strip()).replace(second=0, microsecond=0, tzinfo=None)
    except ValueError:
        raise GalatPelaksanaan(f"{nama}: waktu tidak valid (format TTTT-BB-HH JJ:MM).") from None


def pilihan(enum, nilai, nama: str):
    try:
        return enum(nilai)
    except ValueError:
        raise GalatPelaksanaan(f'{nama}: pilihan "{nilai}" tidak dikenal.') from None


def ya(nilai) -> bool:
    return str(nilai or "").lower() in ("1", "y", "ya", "true", "on")


def cek_versi_wajib(obj, versi) -> None:
    """Stricter than ``app.aksi.cek_versi``: these forms always post their version, so a missing one is stale too."""
    if versi in (None, ""):
        raise GalatPelaksanaan(PESAN_BASI)
    cek_versi(obj, versi, galat=GalatPelaksanaan)
