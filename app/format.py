"""Indonesian display formats: dates as "23 November 2026", numbers as "50.000,5"."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

BULAN = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober",
         "November", "Desember")


def tanggal(v) -> str:
    if v is None:
        return ""
    if isinstance(v, dt.datetime):
        return f"{v.day} {BULAN[v.month - 1]} {v.year} {v:%H.%M}"
    if isinstance(v, dt.date):
        return f"{v.day} {BULAN[v.month - 1]} {v.year}"
    return str(v)


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
