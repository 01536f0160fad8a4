"""Indonesian display formats: dates as "23 November 2026", numbers as "50.000,5", system times in WIB/WITA/WIT.

Every value a person sees goes through here: ``nilai`` is the generic one (None → "—", booleans → Ya/Tidak,
enum members → their label, dates, numbers with decimal comma); ``label`` maps a stored code to its label.
Quantities are grouped the Indonesian way ("12.345,6", ``angka``); an integer column is a quantity unless
``KOLOM_NOMOR`` names it (years, ordinals, versions: "2026").
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from markupsafe import Markup

from app import jam
from app.jam import ZONA_BAWAAN, ZONA_INDONESIA, tzinfo_zona
from app.rules.enums import Berlabel
from app.rules.waktu import BULAN


def tanggal(v) -> str:
    if v is None:
        return ""
    if isinstance(v, dt.datetime):
        return f"{v.day} {BULAN[v.month - 1]} {v.year} {v:%H.%M}"
    if isinstance(v, dt.date):
        return f"{v.day} {BULAN[v.month - 1]} {v.year}"
    return str(v)


def tanggal_saja(v) -> str:
    """The date part only ("31 Januari 2026"), also of a datetime (signature place-and-date lines)."""
    return tanggal(v.date() if isinstance(v, dt.datetime) else v)


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


def angka_persis(v) -> str:
    """A number with exactly the decimals it holds, grouped: Decimal("1234.50") → "1.234,5" (targets typed by
    people: "0,125" must not become "0,13")."""
    if v is None:
        return ""
    d = Decimal(str(v)).normalize()
    return angka(d, desimal=max(0, -int(d.as_tuple().exponent)))


KOSONG = "—"

# Integer columns that name or number something — years, ordinals, periods, versions, ids — shown as they are
# ("2026", never "2.026"); every other integer column is a quantity, grouped ("12.345"). NIP, NIK, codes and
# phone numbers are text columns and never reach ``angka``.
KOLOM_NOMOR = frozenset(
    {
        "id",
        "tahun",
        "capaian_tahun",
        "semester",
        "bulan",
        "periode_nomor",
        "nomor",
        "urutan",
        "urutan_praktik",
        "versi",
        "versi_ke",
        "skp_versi_awal",
        "skp_versi_akhir",
        "skala_min",
        "skala_maks",
        "dokumen_id",
        "user_id",
    }
)


def kolom_nomor(nama: str) -> bool:
    """An integer column that numbers something (``KOLOM_NOMOR``, any ``*_id``), not a quantity."""
    return nama in KOLOM_NOMOR or nama.endswith("_id")


def ya_tidak(v) -> str:
    """A boolean for display; None (not answered) is "—", never "Tidak"."""
    if v is None:
        return KOSONG
    return "Ya" if v else "Tidak"


def enum_bernama(nama: str) -> type[Berlabel] | None:
    """A Berlabel enum by class name (templates say ``kode|label('Aspek')``)."""
    antre = list(Berlabel.__subclasses__())
    while antre:
        e = antre.pop()
        if e.__name__ == nama:
            return e
        antre += e.__subclasses__()
    return None


def label(v, enum: type[Berlabel] | str | None = None) -> str:
    """The Indonesian label of an enum member or of a stored code; unknown codes stay as they are."""
    if v is None or v == "":
        return KOSONG
    if isinstance(v, Berlabel):
        return v.label
    if isinstance(enum, str):
        enum = enum_bernama(enum)
    if enum is not None:
        try:
            return enum(v).label
        except ValueError:
            return str(v)
    return str(v)


def nilai(v, kosong: str = KOSONG):
    """Any value for display: None/"" → "—", bool → Ya/Tidak, enum → label, date → "31 Januari 2026",
    number → "92,5"; anything else (text, Markup, related rows) unchanged, so HTML a view built survives."""
    if v is None or (v == "" and not isinstance(v, Markup)):
        return kosong
    if isinstance(v, bool):
        return ya_tidak(v)
    if isinstance(v, Berlabel):
        return v.label
    if isinstance(v, dt.date):
        return tanggal(v)
    if isinstance(v, (float, Decimal)):
        return angka(v)
    return v


def install_filters(app) -> None:
    app.jinja_env.filters["tanggal"] = tanggal
    app.jinja_env.filters["tanggal_saja"] = tanggal_saja
    app.jinja_env.filters["nilai"] = nilai
    app.jinja_env.filters["ya_tidak"] = ya_tidak
    app.jinja_env.filters["label"] = label
    app.jinja_env.filters["angka"] = angka
    app.jinja_env.filters["waktu"] = waktu
    # local datetime of a system stamp, for templates that print only its date (signature place-and-date lines)
    app.jinja_env.filters["lokal"] = lambda v: waktu_lokal(v, zona_aktif())
