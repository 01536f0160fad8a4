"""Data rows of registers written by app/excel/baris_xml.py read back as openpyxl's own cells did.

The golden model is the former per-cell openpyxl path, kept here as ``_tulis_lama``: the same hostile
register written both ways must read back (openpyxl) with the same values, number formats and data types.
The deliberate differences (control characters dropped instead of failing the export, ``#N/A`` and NaN) are
tested on their own. The sheet XML is also parsed with lxml (no LibreOffice needed; when ``soffice`` is
installed one register is converted to CSV too).
"""

from __future__ import annotations

import csv
import datetime as dt
import gc
import io
import shutil
import subprocess
import tempfile
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest
from lxml import etree
from openpyxl import Workbook, load_workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils.exceptions import IllegalCharacterError

from app.excel import baris_xml
from app.excel.tulis import (
    BAHAYA,
    FORMAT_ANGKA,
    FORMAT_DESIMAL,
    FORMAT_TANGGAL,
    FORMAT_WAKTU,
    HEADER_ROW,
    LAPOR_SETIAP,
    Kolom,
    berbahaya,
    pantau_baris,
    tulis_register,
)
from app.format import sekarang_lokal, singkatan_zona, ya_tidak, zona_aktif
from app.rules import JenisJabatan
from app.rules.enums import Berlabel

NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"


def _tulis_lama(judul, kolom, baris, *, instansi="", periode="", pengekspor="", nama_sheet="Register"):  # noqa: C901
    """The per-cell openpyxl register writer this module replaced (golden model, unchanged logic)."""
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(nama_sheet[:31])
    for i, k in enumerate(kolom):
        ws.column_dimensions[baris_xml.huruf(i)].width = k.lebar
    tebal = Font(bold=True)
    judul_font = Font(bold=True, size=13)
    isi_kepala = PatternFill("solid", fgColor="DDEBF7")
    bungkus = Alignment(wrap_text=True, vertical="center")

    def sel(v, font=None, fill=None, fmt=None, align=None):
        c = WriteOnlyCell(ws, value=v)
        if berbahaya(v):
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

    def teks_lain(v):
        if isinstance(v, Berlabel):
            return v.label
        if isinstance(v, bool):
            return ya_tidak(v)
        if isinstance(v, dt.datetime):
            return sel(v, fmt=FORMAT_WAKTU)
        if isinstance(v, dt.date):
            return sel(v, fmt=FORMAT_TANGGAL)
        return str(v)

    ws.freeze_panes = f"A{HEADER_ROW + 1}"
    ws.append([sel(judul, judul_font)])
    ws.append([sel("Instansi"), sel(instansi)])
    ws.append([sel("Periode"), sel(periode)])
    ws.append(
        [
            sel("Diekspor"),
            sel(sekarang_lokal().replace(microsecond=0), fmt=FORMAT_WAKTU),
            sel(singkatan_zona(zona_aktif())),
        ]
    )
    ws.append([sel("Oleh"), sel(pengekspor)])
    ws.append([])
    ws.append([sel(k.judul, tebal, isi_kepala, align=bungkus) for k in kolom])
    sel_tanggal = {i: sel(None, fmt=FORMAT_TANGGAL) for i, k in enumerate(kolom) if k.jenis == "tanggal"}
    teks = [i for i, k in enumerate(kolom) if k.jenis in ("teks", "nip")]
    kode = {i: {m.value: m.label for m in k.enum} for i, k in enumerate(kolom) if k.enum is not None}
    angka = [i for i, k in enumerate(kolom) if k.jenis in ("angka", "nomor")]
    sel_angka = {
        i: (sel(None, fmt=FORMAT_ANGKA), sel(None, fmt=FORMAT_DESIMAL))
        for i, k in enumerate(kolom)
        if k.jenis == "angka"
    }
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
                    out[i] = sel(v)
            elif v is not None:
                out[i] = teks_lain(v)
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
    f = io.BytesIO()
    wb.save(f)
    f.seek(0)
    return f


KOLOM = [
    Kolom("No", jenis="nomor"),
    Kolom("NIP", jenis="nip"),
    Kolom("Nama"),
    Kolom("Jenis Jabatan", enum=JenisJabatan),
    Kolom("Nilai", jenis="angka"),
    Kolom("Tahun", jenis="nomor"),
    Kolom("Mulai", jenis="tanggal"),
    Kolom("Catatan"),
]

_TEKS_JAHAT = [
    "=1+1",
    '=HYPERLINK("http://x","klik")',
    "+62 812",
    "-5",
    "@SUM(A1)",
    "\tTab",
    "\rCR",
    "<b>&amp; \"kutip\" 'satu'</b>",
    "]]>",
    " spasi di tepi ",
    "baris\nbaru",
    "Ümlaut — ☃ 𝄞",
    "",
    "   ",
    "x" * 40000,
]
_NILAI = [
    None,
    0,
    7,
    -3,
    10**20,
    1.5,
    0.1 + 0.2,
    Decimal("92.50"),
    Decimal("92.00"),
    Decimal("-0.125"),
    Decimal("12345678901234567.89"),
    True,
    False,
    dt.date(2026, 1, 31),
    dt.date(1900, 2, 28),
    dt.date(1900, 3, 1),
    dt.datetime(2026, 2, 1, 14, 5, 59, 123456),
    dt.datetime(2026, 2, 1),
    JenisJabatan.PELAKSANA,
    "jpt_pratama",
    "bukan-kode",
    "199001012015031001",
    199001012015031001,
    Decimal("199001012015031001"),
] + _TEKS_JAHAT


def _baris():
    """Every value in every column (rotated so each column sees each value in some row)."""
    n = len(KOLOM)
    return [[_NILAI[(r + i * 7) % len(_NILAI)] for i in range(n)] for r in range(len(_NILAI))]


def _sel(wb):
    ws = wb.active
    # an empty cell is empty whatever its style or type (the former path wrote "" as a styled empty cell)
    return [
        [(c.value, c.number_format, c.data_type) if c.value is not None else None for c in row]
        for row in ws.iter_rows(min_row=HEADER_ROW + 1, max_col=len(KOLOM))
    ]


def _xml_lembar(f) -> bytes:
    f.seek(0)
    with zipfile.ZipFile(f) as z:
        return z.read("xl/worksheets/sheet1.xml")


@pytest.mark.filterwarnings("ignore:Cell .* is marked as a date")  # huge numbers in the date column
def test_sama_dengan_openpyxl_per_sel():
    baris = _baris()
    baru = load_workbook(tulis_register("Uji", KOLOM, baris, instansi="Instansi X", pengekspor="uji"))
    lama = load_workbook(_tulis_lama("Uji", KOLOM, baris, instansi="Instansi X", pengekspor="uji"))
    # the one difference: the former path wrote "=…" in a date column as a formula (test_perbedaan_yang_disengaja)
    tanpa_rumus = [[c and (c[0], c[1], "s" if c[2] == "f" else c[2]) for c in r] for r in _sel(lama)]
    assert any(c and c[2] == "f" for r in _sel(lama) for c in r)
    assert _sel(baru) == tanpa_rumus
    # the frame is openpyxl's in both: title block, header row with its style, widths, frozen panes
    wb, wl = baru.active, lama.active
    for r in range(1, HEADER_ROW + 1):
        for a, b in zip(wb[r], wl[r]):
            if a.coordinate != "B4":  # export time: a second may pass between the two files
                gaya_a = [repr(x) for x in (a.font, a.fill, a.alignment)]
                assert (a.value, a.number_format, gaya_a) == (
                    b.value,
                    b.number_format,
                    [repr(x) for x in (b.font, b.fill, b.alignment)],
                )
    assert wb["B4"].number_format == FORMAT_WAKTU and wb["B4"].is_date
    assert wb.freeze_panes == wl.freeze_panes == f"A{HEADER_ROW + 1}"
    assert {k: d.width for k, d in wb.column_dimensions.items()} == {
        k: d.width for k, d in wl.column_dimensions.items()
    }
    assert wb.max_row == wl.max_row == HEADER_ROW + len(baris)


def test_nilai_yang_dibaca_kembali():
    baris = [
        ["1", 199001012015031001, "=1+1", "jpt_pratama", Decimal("92.50"), 2026, dt.date(2026, 1, 31), True],
        [2, "199001012015031001", None, JenisJabatan.PELAKSANA, 12345, None, dt.datetime(2026, 2, 1, 14, 5), "x"],
    ]
    ws = load_workbook(tulis_register("Uji", KOLOM, baris)).active
    r1, r2 = ws[HEADER_ROW + 1], ws[HEADER_ROW + 2]
    assert r1[0].value == "1" and r1[0].data_type == "s"  # a number column keeps a non-number as text
    assert r1[1].value == "199001012015031001" and r1[1].data_type == "s"  # NIP as text, never 1.99E+17
    assert r1[2].value == "=1+1" and r1[2].data_type == "s"  # never a formula
    assert r1[3].value == "Jabatan Pimpinan Tinggi Pratama" and r2[3].value == "Jabatan Pelaksana"
    assert r1[4].value == Decimal("92.5") and r1[4].number_format == FORMAT_DESIMAL
    assert r2[4].value == 12345 and r2[4].number_format == FORMAT_ANGKA
    assert r1[5].value == 2026 and r1[5].number_format == "General"
    assert r1[6].value == dt.datetime(2026, 1, 31) and r1[6].number_format == FORMAT_TANGGAL
    assert r2[6].value == dt.datetime(2026, 2, 1, 14, 5) and r2[6].number_format == FORMAT_TANGGAL
    assert r1[7].value == "Ya" and r2[2].value is None


# the former path's failed workbook leaves openpyxl's sheet generators to the garbage collector
@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
def test_karakter_kendali_dibuang_bukan_gagal():
    jahat = "a\x00b\x01c\x08d\x0be\x0cf\x1fg\ufffeh\uffffi\ud800j"
    baris = [[1, "NIP\x02", jahat, "\x0b\x0c", None, None, "\x00", "tab\tLF\nCR\r"]]
    with pytest.raises(IllegalCharacterError):  # the former path failed the whole export
        _tulis_lama("Uji", KOLOM, baris)
    gc.collect()  # its half-written sheet is finalised here, under this test's warning filter
    f = tulis_register("Uji", KOLOM, baris)
    etree.fromstring(_xml_lembar(f))
    f.seek(0)
    r = load_workbook(f).active[HEADER_ROW + 1]
    assert r[1].value == "NIP" and r[2].value == "abcdefghij"
    assert r[3].value is None and r[6].value is None  # nothing left: no cell
    assert r[7].value == "tab\tLF\nCR\r"  # TAB, LF, CR are legal XML and kept (CR escaped as &#13;)


def test_perbedaan_yang_disengaja():
    baris = [[float("nan"), "#N/A", "#DIV/0!", None, float("inf"), None, "=1+1", "x" * 40000]]
    r = load_workbook(tulis_register("Uji", KOLOM, baris)).active[HEADER_ROW + 1]
    assert r[0].value is None and r[4].value is None  # NaN/±∞: no cell (the former path failed on int(nan))
    assert (r[1].value, r[1].data_type) == ("#N/A", "s")  # text, not an error value
    assert (r[2].value, r[2].data_type) == ("#DIV/0!", "s")
    assert (r[6].value, r[6].data_type) == ("=1+1", "s")  # a date column's text is never a formula either
    assert len(r[7].value) == 32767  # Excel's cell limit, as openpyxl truncated


def test_xml_lembar_sah():
    baris = _baris()
    akar = etree.fromstring(_xml_lembar(tulis_register("Uji", KOLOM, baris)))
    rows = akar.find(f"{NS}sheetData").findall(f"{NS}row")
    assert [int(r.get("r")) for r in rows] == list(range(1, HEADER_ROW + len(baris) + 1))
    for r in rows[HEADER_ROW:]:
        cols = []
        for c in r.findall(f"{NS}c"):
            ref = c.get("r")
            assert ref.endswith(r.get("r")) and ref[: -len(r.get("r"))].isalpha()
            cols.append(ref[: -len(r.get("r"))])
            assert c.find(f"{NS}f") is None and c.get("t") in (None, "inlineStr", "b")
        assert cols == sorted(cols, key=lambda h: (len(h), h))


def test_kolom_lebih_dari_deklarasi():
    """Values beyond the declared columns are written by their own kind (never lost, never a formula)."""
    baris = [[1, "n", "a", None, 1, 2, None, "c", "=x", dt.date(2026, 1, 2), 3.5, False]]
    r = load_workbook(tulis_register("Uji", KOLOM, baris)).active[HEADER_ROW + 1]
    assert [c.value for c in r[8:]] == ["=x", dt.datetime(2026, 1, 2), 3.5, False]
    assert r[8].data_type == "s" and r[9].number_format == FORMAT_TANGGAL
    # a shorter row (the former path failed with IndexError) leaves the missing cells empty
    r = load_workbook(tulis_register("Uji", KOLOM, [(1, "n")])).active[HEADER_ROW + 1]
    assert [c.value for c in r] == [1, "n"] + [None] * (len(KOLOM) - 2)


def test_generator_baris_dan_baris_kosong():
    assert load_workbook(tulis_register("Uji", KOLOM, iter([]))).active.max_row == HEADER_ROW
    ws = load_workbook(tulis_register("Uji", KOLOM, ((v for v in (1, "a")) for _ in range(3)))).active
    assert ws.max_row == HEADER_ROW + 3 and ws.cell(HEADER_ROW + 3, 2).value == "a"


def test_dua_puluh_ribu_baris_mengalir():
    n = 20_000
    laporan = []

    def baris():
        for i in range(n):
            yield [
                i + 1,
                f"19900101{i:010d}",
                f"Pegawai {i}",
                "pelaksana",
                Decimal(i) / 4,
                2026,
                dt.date(2026, 1, 1),
                None,
            ]

    with pantau_baris(laporan.append):
        f = tulis_register("Uji", KOLOM, baris())
    assert laporan == [*range(LAPOR_SETIAP, n + 1, LAPOR_SETIAP), None]
    ws = load_workbook(f, read_only=True).active
    akhir = next(ws.iter_rows(min_row=HEADER_ROW + n, max_row=HEADER_ROW + n, values_only=True))
    assert akhir[:6] == (n, f"19900101{n - 1:010d}", f"Pegawai {n - 1}", "Jabatan Pelaksana", Decimal(n - 1) / 4, 2026)


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice tidak terpasang")
def test_libreoffice_membaca():
    baris = [[1, "199001012015031001", "<a & b>", "pelaksana", Decimal("92.5"), 2026, dt.date(2026, 1, 31), True]]
    with tempfile.TemporaryDirectory() as d:
        p = Path(d) / "r.xlsx"
        p.write_bytes(tulis_register("Uji", KOLOM, baris).read())
        subprocess.run(
            [
                "soffice",
                f"-env:UserInstallation=file://{d}/profil",
                "--headless",
                "--convert-to",
                "csv",
                "--outdir",
                d,
                str(p),
            ],
            check=True,
            capture_output=True,
            timeout=180,
        )
        rows = list(csv.reader((Path(d) / "r.csv").read_text(encoding="utf-8", errors="replace").splitlines()))
    data = rows[HEADER_ROW]
    assert data[:4] == ["1", "199001012015031001", "<a & b>", "Jabatan Pelaksana"]
    assert data[5] == "2026" and data[7] == "Ya" and "2026" in data[6]
