"""The data rows of a register as SpreadsheetML text (``<row>``/``<c>``), without a cell object per value.

openpyxl spends ≈ 9 µs per cell in its cell model; a register row is a handful of known column kinds, so
each column gets one converter (value → the rest of its ``<c>`` element) built once, and a row is a string
join. The cells are what openpyxl would write for the same values: inline strings, numbers as ``<v>``
("%.16g", as openpyxl), dates as serial numbers of the 1900 date system, booleans ``t="b"``; styles are the
``s`` indices openpyxl gave to a model row (app/excel/tulis.py), so styles.xml stays openpyxl's.
Differences, all on purpose: text is never a formula nor an error value (``=…``, ``#N/A`` stay text),
characters XML 1.0 forbids are dropped (openpyxl raised ``IllegalCharacterError`` and the export failed),
NaN/±∞ and empty strings give no cell.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Callable, Iterable, Sequence

from app.format import ya_tidak
from app.rules.enums import Berlabel

MAKS_TEKS = 32767  # Excel's cell limit; openpyxl truncates there too
_EPOCH = dt.date(1899, 12, 30).toordinal()  # day 0 of Excel's 1900 date system (Windows)
# characters that need work: XML markup, CR (a parser would read it as LF), and those XML 1.0 forbids
_PERLU = re.compile("[&<>\r\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_TERLARANG = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_BILANGAN = (int, float, Decimal)
_TAK_HINGGA = (float("inf"), float("-inf"))

Pengubah = Callable[[Any], "str | None"]


@dataclass(frozen=True)
class Gaya:
    """`` s="N"`` attributes of the data styles, read from openpyxl's model row."""

    tanggal: str
    waktu: str
    angka: str
    desimal: str


def bersih(v: str) -> str:
    """Text as XML character data: forbidden characters dropped, markup and CR escaped, cut at Excel's limit."""
    v = _TERLARANG.sub("", v)[:MAKS_TEKS]
    return v.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\r", "&#13;")


def teks(v: str, s: str = "") -> str | None:
    if v != v.strip():  # leading/trailing spaces kept (openpyxl's rule; most cells spare the 20 bytes)
        v = bersih(v)
        return f'{s} t="inlineStr"><is><t xml:space="preserve">{v}</t></is></c>' if v else None
    if len(v) > MAKS_TEKS or _PERLU.search(v):
        v = bersih(v)
    if not v:
        return None
    return f'{s} t="inlineStr"><is><t>{v}</t></is></c>'


def _hari(v: dt.date) -> int:
    d = v.toordinal() - _EPOCH
    return d - 1 if 0 < d <= 60 else d  # Excel's phantom 29 February 1900, as openpyxl's to_excel


def serial(v: dt.date) -> str:
    """Excel serial number of a date or naive datetime (days since 1899-12-30, time as a day fraction)."""
    if not isinstance(v, dt.datetime):
        return str(_hari(v))
    if v.tzinfo is not None:
        raise TypeError("Excel does not support timezones in datetimes (tzinfo must be None).")
    detik = v.hour * 3600 + v.minute * 60 + v.second + v.microsecond / 10**6
    return "%.16g" % (_hari(v) + detik / 86400)


def bilangan(v, s: str = "") -> str | None:
    if v != v or v in _TAK_HINGGA:
        return None  # NaN/±∞: Excel has no such number (openpyxl wrote an empty <v>)
    return f"{s}><v>{'%.16g' % v}</v></c>"


def _ya(v: bool, s: str = "") -> str:
    return f'{s} t="b"><v>{1 if v else 0}</v></c>'


def sel(v: Any, s: str | None, g: Gaya) -> str | None:
    """Any value with a fixed style ``s`` (a date column), or with ``s=None`` the style its kind needs."""
    if v is None:
        return None
    if isinstance(v, str):
        return teks(str(v), s or "")
    if isinstance(v, bool):
        return _ya(v, s or "")
    if isinstance(v, _BILANGAN):
        return bilangan(v, s or "")
    if isinstance(v, dt.date):
        if s is None:
            s = g.waktu if isinstance(v, dt.datetime) else g.tanggal
        return f"{s}><v>{serial(v)}</v></c>"
    if s is not None and isinstance(v, (dt.time, dt.timedelta)):
        if isinstance(v, dt.time):
            hari = (v.hour * 3600 + v.minute * 60 + v.second + v.microsecond / 10**6) / 86400
        else:
            hari = v.total_seconds() / 86400
        return f"{s}><v>{'%.16g' % hari}</v></c>"
    if isinstance(v, bytes):
        v = v.decode("utf-8", "replace")
    return teks(str(v), s or "")


def _bukan_str(v: Any, g: Gaya) -> str | None:
    """A non-string value in a text column: labels for enums and booleans, a real date cell for a date, and
    anything else as text (NIP and codes never become a number in scientific notation)."""
    if isinstance(v, Berlabel):
        return teks(v.label)
    if isinstance(v, bool):
        return teks(ya_tidak(v))
    if isinstance(v, dt.datetime):
        return f"{g.waktu}><v>{serial(v)}</v></c>"
    if isinstance(v, dt.date):
        return f"{g.tanggal}><v>{serial(v)}</v></c>"
    return teks(str(v))


def _pengubah_teks(enum, g: Gaya) -> Pengubah:
    if enum is None:

        def ubah(v):
            if v.__class__ is str:
                return teks(v)
            return None if v is None else _bukan_str(v, g)

        return ubah
    label = {m.value: m.label for m in enum}

    def ubah_kode(v):
        v = label.get(v, v)
        if v.__class__ is str:
            return teks(v)
        return None if v is None else _bukan_str(v, g)

    return ubah_kode


def _pengubah_angka(g: Gaya | None) -> Pengubah:
    """A quantity (``g`` given: grouped, two decimals when not whole) or a number shown as is (``g`` None)."""

    def ubah(v):
        if v is None:
            return None
        if isinstance(v, bool):
            return _ya(v)  # openpyxl's boolean cell, as before
        if not isinstance(v, _BILANGAN):
            return teks(str(v))
        if g is None or v != v or v in _TAK_HINGGA:
            return bilangan(v)
        return bilangan(v, g.angka if v.__class__ is int or v == int(v) else g.desimal)

    return ubah


def pengubah(jenis: str, enum, g: Gaya) -> Pengubah:
    """The converter of one register column (``Kolom.jenis``, ``Kolom.enum``)."""
    if jenis == "tanggal":
        return lambda v: None if v is None else sel(v, g.tanggal, g)
    if jenis == "angka":
        return _pengubah_angka(g)
    if jenis == "nomor":
        return _pengubah_angka(None)
    return _pengubah_teks(enum, g)


def huruf(i: int) -> str:
    """Column letters of the 0-based column ``i``."""
    s = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        s = chr(65 + r) + s
    return s


def tulis_baris(
    keluar,
    baris: Iterable[Sequence[Any]],
    pengubah_kolom: Sequence[Pengubah],
    g: Gaya,
    baris_awal: int,
    *,
    per_tulis: int = 4096,
) -> int:
    """Stream ``<row>`` elements of ``baris`` (numbered from ``baris_awal``) into the binary file ``keluar``,
    one write per ``per_tulis`` cells or so (constant memory). Returns the number of rows written."""
    ubah = list(zip(pengubah_kolom, [huruf(i) for i in range(len(pengubah_kolom))]))
    lebar = len(ubah)
    bagian: list[str] = []
    tambah = bagian.append
    n = baris_awal - 1
    for row in baris:
        if row.__class__ is not list and row.__class__ is not tuple:
            row = list(row)
        n += 1
        r = str(n)
        tambah(f'<row r="{r}">')
        for v, (fn, h) in zip(row, ubah):
            isi = fn(v)
            if isi is not None:
                tambah(f'<c r="{h}{r}"{isi}')
        if len(row) > lebar:  # values beyond the declared columns: written by their own kind
            for i in range(lebar, len(row)):
                isi = sel(row[i], None, g)
                if isi is not None:
                    tambah(f'<c r="{huruf(i)}{r}"{isi}')
        tambah("</row>")
        if len(bagian) > per_tulis:
            keluar.write("".join(bagian).encode())
            bagian.clear()
    if bagian:
        keluar.write("".join(bagian).encode())
    return n - baris_awal + 1
