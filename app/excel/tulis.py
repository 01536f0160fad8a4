"""Streaming Excel registers (openpyxl ``write_only``): constant memory at 50 000 rows.

Every register: a title block (instansi, period, export time, exporting user), a frozen
header row in Indonesian, column widths, real dates shown the Indonesian way ("31 Januari 2026", Excel's
Indonesian locale 0421), NIP as text, enum codes as their labels, booleans as Ya/Tidak, and user text
escaped against formula injection (a string starting with = + - @ tab or CR is written as text).
The data rows are streamed as SpreadsheetML by app/excel/baris_xml.py, the rest is openpyxl's.
"""

from __future__ import annotations

import io
import re
import shutil
import tempfile
import zipfile
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any, Iterable, Sequence

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill

from app.excel import baris_xml
from app.format import sekarang_lokal, singkatan_zona, zona_aktif
from app.rules.enums import Berlabel

HEADER_ROW = 7  # first data row is HEADER_ROW + 1 (tests and readers rely on it)
BAHAYA = ("=", "+", "-", "@", "\t", "\r")
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
_LEMBAR = "xl/worksheets/sheet1.xml"  # the register's only sheet in openpyxl's workbook

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


def tulis_register(
    judul: str,
    kolom: Sequence[Kolom],
    baris: Iterable[Sequence[Any]],
    *,
    instansi: str = "",
    periode: str = "",
    pengekspor: str = "",
    nama_sheet: str = "Register",
):
    """Write the register to a temporary file and return it (rewound), ready for ``send_file``.

    openpyxl writes the workbook around the data (title block, header row, widths, frozen panes, styles.xml)
    with one model data row carrying the data styles; the data rows themselves are streamed as SpreadsheetML
    by app/excel/baris_xml.py in place of the model row (openpyxl's cell model cost ≈ 9 µs per cell)."""
    kerangka, awal, model, akhir = _kerangka(judul, kolom, instansi, periode, pengekspor, nama_sheet)
    g = _gaya(model)
    ubah = [baris_xml.pengubah(k.jenis, k.enum, g) for k in kolom]
    pantau = _PANTAU.get()
    if pantau is not None:
        baris = _terhitung(baris, pantau)
    # the sheet XML, uncompressed: zipped once its length is known (below)
    with kerangka, tempfile.SpooledTemporaryFile(max_size=2 * 1024 * 1024) as lembar:
        lembar.write(awal)
        baris_xml.tulis_baris(lembar, baris, ubah, g, HEADER_ROW + 1)
        lembar.write(akhir)
        if pantau is not None:
            pantau(None)
        return _rakit(kerangka, lembar)


def _kerangka(judul, kolom, instansi, periode, pengekspor, nama_sheet):
    """openpyxl's workbook without the data: (zip, sheet XML before the model row, the model row, after it)."""
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(nama_sheet[:31])
    for i, k in enumerate(kolom):
        ws.column_dimensions[baris_xml.huruf(i)].width = k.lebar

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

    ws.freeze_panes = f"A{HEADER_ROW + 1}"  # must be set before the first row is streamed
    ws.append([sel(judul, Font(bold=True, size=13))])
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
    kepala = dict(font=Font(bold=True), fill=PatternFill("solid", fgColor="DDEBF7"))
    bungkus = Alignment(wrap_text=True, vertical="center")
    ws.append([sel(k.judul, align=bungkus, **kepala) for k in kolom])
    # the model row: one cell per data style, in the order _gaya reads them
    ws.append([sel(0, fmt=f) for f in (FORMAT_TANGGAL, FORMAT_WAKTU, FORMAT_ANGKA, FORMAT_DESIMAL)])
    buf = io.BytesIO()
    wb.save(buf)
    zf = zipfile.ZipFile(buf)
    xml = zf.read(_LEMBAR)
    i = xml.index(b'<row r="%d"' % (HEADER_ROW + 1))
    j = xml.index(b"</row>", i) + len(b"</row>")
    return zf, xml[:i], xml[i:j], xml[j:]


def _gaya(model: bytes) -> baris_xml.Gaya:
    s = re.findall(rb'<c [^>]*?\bs="(\d+)"', model)
    if len(s) != 4:
        raise RuntimeError(f"baris model register tak terbaca: {model!r}")
    return baris_xml.Gaya(*(f' s="{int(x)}"' for x in s))


def _rakit(kerangka: zipfile.ZipFile, lembar) -> Any:
    """The final xlsx: openpyxl's parts as they are (same order), the sheet from ``lembar`` (any size: the
    zip64 choice is made on its real length, as openpyxl's own ``ZipFile.write`` does)."""
    f = tempfile.SpooledTemporaryFile(max_size=8 * 1024 * 1024)
    with zipfile.ZipFile(f, "w", zipfile.ZIP_DEFLATED) as z:
        for info in kerangka.infolist():
            if info.filename != _LEMBAR:
                z.writestr(info, kerangka.read(info))
                continue
            zi = zipfile.ZipInfo(info.filename, info.date_time)
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.file_size = lembar.tell()
            lembar.seek(0)
            with z.open(zi, "w") as w:
                shutil.copyfileobj(lembar, w, 1024 * 1024)
    f.seek(0)
    return f
