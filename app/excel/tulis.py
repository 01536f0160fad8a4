"""Streaming Excel registers (openpyxl ``write_only``): constant memory at 50 000 rows.

Every register: a title block (instansi, period, export time, exporting user), a frozen
header row in Indonesian, column widths, real dates shown the Indonesian way ("31 Januari 2026", Excel's
Indonesian locale 0421), NIP as text, enum codes as their labels, booleans as Ya/Tidak, and user text
escaped against formula injection (a string starting with = + - @ tab or CR is written as text).
"""

from __future__ import annotations

import datetime as dt
import tempfile
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Iterable, Sequence

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill

from app.format import sekarang_lokal, singkatan_zona, ya_tidak, zona_aktif
from app.rules.enums import Berlabel

HEADER_ROW = 7  # first data row is HEADER_ROW + 1 (tests and readers rely on it)
BAHAYA = ("=", "+", "-", "@", "\t", "\r")
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

# Progress of a background export (app/pekerjaan.py): called with the rows written so far, and with None
# just before the workbook is zipped. Unset (every synchronous export) the row loop is untouched.
_PANTAU: ContextVar = ContextVar("pantau_baris", default=None)
LAPOR_SETIAP = 500
# real date cells shown as "31 Januari 2026" / "31 Januari 2026 14.05" (month names of Excel's Indonesian locale)
FORMAT_TANGGAL = "[$-421]D MMMM YYYY"
FORMAT_WAKTU = '[$-421]D MMMM YYYY HH"."MM'
# quantities: thousands grouped, two decimals when not whole — as ``app.format.angka`` on screen. The format
# codes are Excel's invariant ones (``,`` groups, ``.`` decimal); Excel shows the reader's locale separators,
# so an Indonesian Excel reads "12.345" and "92,50".
FORMAT_ANGKA = "#,##0"
FORMAT_DESIMAL = "#,##0.00"


@contextmanager
def pantau_baris(fn):
    token = _PANTAU.set(fn)
    try:
        yield
    finally:
        _PANTAU.reset(token)


def _terhitung(baris, fn):
    for n, row in enumerate(baris, start=1):
        yield row
        if n % LAPOR_SETIAP == 0:
            fn(n)


@dataclass(frozen=True)
class Kolom:
    judul: str
    lebar: int = 18
    jenis: str = "teks"  # teks | angka (a quantity, grouped) | nomor (year, ordinal, version: as is) | tanggal | nip
    enum: type[Berlabel] | None = None  # a teks column of stored codes: written as the enum's labels


def berbahaya(nilai: Any) -> bool:
    return isinstance(nilai, str) and nilai.startswith(BAHAYA)


def tulis_register(  # noqa: C901 — one streaming loop formats every column kind in place (splitting it costs a call per cell)
    judul: str,
    kolom: Sequence[Kolom],
    baris: Iterable[Sequence[Any]],
    *,
    instansi: str = "",
    periode: str = "",
    pengekspor: str = "",
    nama_sheet: str = "Register",
):
    """Write the register to a temporary file and return it (rewound), ready for ``send_file``."""
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(nama_sheet[:31])
    for i, k in enumerate(kolom):
        ws.column_dimensions[_huruf(i)].width = k.lebar
    tebal = Font(bold=True)
    judul_font = Font(bold=True, size=13)
    isi_kepala = PatternFill("solid", fgColor="DDEBF7")
    bungkus = Alignment(wrap_text=True, vertical="center")

    def sel(v, font=None, fill=None, fmt=None, align=None):
        c = WriteOnlyCell(ws, value=v)
        if berbahaya(v):
            # formula injection: keep the user's text, but as a string cell, never a formula
            c.data_type = "s"
        if font:
            c.font = font
        if fill:
            c.fill = fill
        if fmt:
            c.number_format = fmt
        if align:
            c.alignment = align
        return c

    def aman(v):
        return sel(v) if berbahaya(v) else v

    header_row = HEADER_ROW
    ws.freeze_panes = f"A{header_row + 1}"  # must be set before the first row is streamed
    ws.append([sel(judul, judul_font)])
    ws.append([sel("Instansi"), sel(instansi)])
    ws.append([sel("Periode"), sel(periode)])
    ws.append(
        [
            sel("Diekspor"),
            sel(sekarang_lokal().replace(microsecond=0), fmt=FORMAT_WAKTU),
            sel(singkatan_zona(zona_aktif())),
        ]
    )  # wall time of the deployment's zone (WIB/WITA/WIT)
    ws.append([sel("Oleh"), sel(pengekspor)])
    ws.append([])
    ws.append([sel(k.judul, tebal, isi_kepala, align=bungkus) for k in kolom])
    # One styled cell per date column, reused row after row: write_only serialises each row on append,
    # so this avoids building a styled cell per value (the cost that puts openpyxl behind xlsxwriter).
    sel_tanggal = {i: sel(None, fmt=FORMAT_TANGGAL) for i, k in enumerate(kolom) if k.jenis == "tanggal"}
    teks = [i for i, k in enumerate(kolom) if k.jenis in ("teks", "nip")]
    kode = {i: {m.value: m.label for m in k.enum} for i, k in enumerate(kolom) if k.enum is not None}
    angka = [i for i, k in enumerate(kolom) if k.jenis in ("angka", "nomor")]
    # like the date cells: one styled cell per quantity column and format, reused row after row
    sel_angka = {
        i: (sel(None, fmt=FORMAT_ANGKA), sel(None, fmt=FORMAT_DESIMAL))
        for i, k in enumerate(kolom)
        if k.jenis == "angka"
    }
    pantau = _PANTAU.get()
    if pantau is not None:
        baris = _terhitung(baris, pantau)
    for row in baris:
        out = list(row)
        for i, c in sel_tanggal.items():
            if out[i] is not None:
                c.value = out[i]
                out[i] = c
        for i, label in kode.items():
            out[i] = label.get(out[i], out[i])
        for i in teks:
            v = out[i]
            if v.__class__ is str:
                if v.startswith(BAHAYA):
                    out[i] = sel(v)  # text cell, never a formula
            elif v is not None:
                out[i] = _teks(v, sel)
        for i in angka:
            v = out[i]
            if v is not None and not isinstance(v, (int, float, Decimal)):
                out[i] = aman(str(v))
        for i, (bulat, pecahan) in sel_angka.items():
            v = out[i]
            if isinstance(v, (int, float, Decimal)) and not isinstance(v, bool):
                c = bulat if v == int(v) else pecahan
                c.value = v
                out[i] = c
        ws.append(out)
    if pantau is not None:
        pantau(None)
    f = tempfile.SpooledTemporaryFile(max_size=8 * 1024 * 1024)
    wb.save(f)
    f.seek(0)
    return f


def _teks(v, sel):
    """A non-string value in a text column: labels for enums and booleans, a real date cell for a date, and
    anything else as text (NIP and codes never become a number in scientific notation)."""
    if isinstance(v, Berlabel):
        return v.label
    if isinstance(v, bool):
        return ya_tidak(v)
    if isinstance(v, dt.datetime):
        return sel(v, fmt=FORMAT_WAKTU)
    if isinstance(v, dt.date):
        return sel(v, fmt=FORMAT_TANGGAL)
    return str(v)


def _huruf(i: int) -> str:
    s = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        s = chr(65 + r) + s
    return s
