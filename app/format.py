"""Indonesian display formats: dates as "23 November 2026", numbers as "50.000,5", system times in WIB/WITA/WIT."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from app import jam
from app.jam import ZONA_BAWAAN, ZONA_INDONESIA, tzinfo_zona

BULAN = (
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
)


def tanggal(v) -> str:
    if v is None:
        return ""
    if isinstance(v, dt.datetime):
        return f"{v.day} {BULAN[v.month - 1]} {v.year} {v:%H.%M}"
    if isinstance(v, dt.date):
        return f"{v.day} {BULAN[v.month - 1]} {v.year}"
    return str(v)


def waktu_lokal(v, zona: str = ZONA_BAWAAN):
    """System timestamps are stored as naive UTC: naive UTC datetime → naive local time; dates, None unchanged."""
    if not isinstance(v, dt.datetime):
        return v
    return v.replace(tzinfo=dt.timezone.utc).astimezone(tzinfo_zona(zona)).replace(tzinfo=None)


def singkatan_zona(zona: str) -> str:
    if zona in ZONA_INDONESIA:
        return ZONA_INDONESIA[zona][0]
    return jam.sekarang_utc().replace(tzinfo=dt.timezone.utc).astimezone(tzinfo_zona(zona)).tzname() or zona


def zona_aktif() -> str:
    """The deployment's ZONA_WAKTU (config; the environment's outside an app context)."""
    return jam.zona()


def sekarang_lokal(zona: str | None = None) -> dt.datetime:
    """Now as naive local wall time — for comparing with times users type in (slot/jadwal), never for stamps."""
    return jam.sekarang(zona)


def waktu(v, zona: str | None = None) -> str:
    """A system (UTC) timestamp for display: "23 November 2026 21.05 WIB"; a date shows as ``tanggal``."""
    if not isinstance(v, dt.datetime):
        return tanggal(v)
    zona = zona or zona_aktif()
    return f"{tanggal(waktu_lokal(v, zona))} {singkatan_zona(zona)}"


def angka(v, desimal: int | None = None) -> str:
    if v is None:
        return ""
    if desimal is None:
        desimal = 0 if isinstance(v, int) or (isinstance(v, (float, Decimal)) and v == int(v)) else 2
    s = f"{v:,.{desimal}f}"
    return s.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


def install_filters(app) -> None:
    app.jinja_env.filters["tanggal"] = tanggal
    app.jinja_env.filters["angka"] = angka
    app.jinja_env.filters["waktu"] = waktu
    # local datetime of a system stamp, for templates that print only its date (signature place-and-date lines)
    app.jinja_env.filters["lokal"] = lambda v: waktu_lokal(v, zona_aktif())
