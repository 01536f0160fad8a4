"""One display layer: no raw value reaches a person (app/format.py).

Every demo role walks every page it reaches (menus, the first add / edit / show / detail / printout link of each
view) and every xlsx register it may export. Visible text must not hold Python's ``None``/``True``/``False``,
ISO or dd-mm-yyyy dates, dot-decimal numbers, quantities of 10 000 or more without thousands dots, nor the stored
code of an enum where its label differs; a workbook's numbers of 10 000 or more carry a grouping number format.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache
from html.parser import HTMLParser
from io import BytesIO

import pytest
from openpyxl import load_workbook

from app.excel.tulis import HEADER_ROW
from seeds.pengguna import DEMO_USERS
from tests.bantu import LEWATI, kunjungi, pelanggaran

PERAN = sorted(DEMO_USERS)
# printouts are pages too here; exports are checked as workbooks below
LEWATI_TAMPIL = tuple(x for x in LEWATI if x != "/cetak")
TAUTAN = re.compile(
    r'href="(/\w+/(?:add|edit/\d+|show/\d+|detail/\d+|cetak/\d+(?:/html)?|\w+/\d+/cetak|\d+/cetak)/?)(?:\?[^"]*)?"'
)
TAUTAN_EKSPOR = re.compile(r'href="(/\w+/ekspor[\w/]*(?:\?[^"]*)?)"')


class TeksTerlihat(HTMLParser):
    """Text nodes a person reads: no script/style, no attributes, no editable field contents. Each node carries
    whether it sits in a table column of free text typed by people (a unit of measure: "12 berkas")."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.simpul: list[tuple[str, bool]] = []
        self._lewati = 0
        self._kepala: list[list[str]] = []  # per open table: its header texts
        self._kolom = -1
        self._th: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style", "template", "textarea"):
            self._lewati += 1
        elif tag == "table":
            self._kepala.append([])
        elif tag == "tr":
            self._kolom = -1
        elif tag == "th":
            self._th = []
        elif tag == "td":
            self._kolom += 1

    def handle_endtag(self, tag):
        if tag in ("script", "style", "template", "textarea"):
            self._lewati = max(0, self._lewati - 1)
        elif tag == "table" and self._kepala:
            self._kepala.pop()
        elif tag == "th" and self._th is not None:
            if self._kepala:
                self._kepala[-1].append(" ".join(self._th))
            self._th = None

    def _bebas(self) -> bool:
        if not self._kepala or not 0 <= self._kolom < len(self._kepala[-1]):
            return False
        return "satuan" in self._kepala[-1][self._kolom].lower()

    def handle_data(self, data):
        if self._th is not None:
            self._th.append(data.strip())
        if not self._lewati and data.strip():
            self.simpul.append((" ".join(data.split()), self._bebas()))


def temuan_html(html: str) -> list[tuple[str, list[str]]]:
    p = TeksTerlihat()
    p.feed(html)
    return [(s, v) for s, bebas in p.simpul if (v := pelanggaran(s, sel=not bebas))]


# Indonesian date formats in workbooks: a locale tag or month names, never day-month-year digits with dashes
FORMAT_TANGGAL_SALAH = re.compile(r"^(?:DD|D)-MM-YYYY", re.I)


# identifiers an audit trail shows verbatim (account names, table names), never enum values
KOLOM_PENGENAL = {"Pengguna", "Tabel"}
# the audit trail's before/after record (JSON) is evidence kept verbatim
KOLOM_REKAMAN = {"Sebelum", "Sesudah"}


@lru_cache
def pengenal_halaman() -> dict[str, set[str]]:
    """The same on pages (URL prefix → identifiers): account pages show usernames, the audit trail table names."""
    from flask_appbuilder import Model

    return {"/users/": set(DEMO_USERS), "/auditlogview/": set(DEMO_USERS) | set(Model.metadata.tables)}


def boleh(url: str, teks: str) -> bool:
    if url.startswith("/auditlogview/") and teks.startswith("{"):
        return True  # an audit record's before/after (JSON), kept verbatim
    return any(url.startswith(awal) and teks in nama for awal, nama in pengenal_halaman().items())


def temuan_xlsx(isi: bytes) -> list[tuple[str, list[str]]]:
    wb = load_workbook(BytesIO(isi), read_only=False)
    out = []
    for ws in wb.worksheets:
        pengenal = {c.column for c in ws[HEADER_ROW] if c.value in KOLOM_PENGENAL}
        rekaman = {c.column for c in ws[HEADER_ROW] if c.value in KOLOM_REKAMAN}
        # units of measure are typed by people ("12 berkas"): a word there may equal a code by chance
        bebas = {c.column for c in ws[HEADER_ROW] if "satuan" in str(c.value or "").lower()}
        nomor = {c.column for c in ws[HEADER_ROW] if JUDUL_NOMOR.search(str(c.value or ""))}
        for row in ws.iter_rows(min_row=1):
            for c in row:
                v = c.value
                if c.row > HEADER_ROW and c.column in rekaman:
                    continue
                sel = c.row > HEADER_ROW and c.column not in pengenal and c.column not in bebas
                if isinstance(v, str) and (salah := pelanggaran(v, sel=sel)):
                    out.append((f"{ws.title}!{c.coordinate}", salah))
                elif isinstance(v, bool):
                    out.append((f"{ws.title}!{c.coordinate}", [str(v)]))
                elif isinstance(v, (dt.date, dt.datetime)) and FORMAT_TANGGAL_SALAH.match(c.number_format or ""):
                    out.append((f"{ws.title}!{c.coordinate}", [c.number_format]))
                elif c.row > HEADER_ROW and c.column not in nomor and angka_tak_berkelompok(c):
                    out.append((f"{ws.title}!{c.coordinate}", [f"{v} ({c.number_format})"]))
    return out


# register columns that number rather than count (Kolom jenis "nomor"): shown as they are
JUDUL_NOMOR = re.compile(r"^(No|Tahun|Semester|Versi|Periode|Peringkat)\b|\(id\)")


def angka_tak_berkelompok(c) -> bool:
    """A quantity cell of 10 000 or more whose number format does not group thousands ("#,##0")."""
    v = c.value
    return isinstance(v, (int, float)) and not isinstance(v, bool) and abs(v) >= 10000 and "#,##" not in c.number_format


# --------------------------------------------------------------------------------------------------------
# the checker itself
# --------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "teks",
    [
        "Surel None",
        "True",
        "Aktif: False",
        "Tenggat 2026-08-11",
        "31-01-2026",
        "Capaian 92.5 %",
        "0.75",
        "pns",
        "Ukuran 123456 bita",
        "12345",
    ],
)
def test_pemeriksa_menangkap_nilai_mentah(teks):
    assert pelanggaran(teks, sel=True), teks


@pytest.mark.parametrize(
    "teks",
    [
        "NIP 198001012006041001",
        "Kode A.1.6",
        "Pukul 14.05",
        "31 Januari 2026 14.05 WIB",
        "50.000",
        "1.234.567,50",
        "92,5 %",
        "Unit 1.01.001",
        "Tahun 2025-2026",
        "Nonesuch",
        "Ya",
        "—",
        "PNS",
        "Periode Triwulan I 2026",
        "IKI 2.1: Indeks kepuasan",
        "Ukuran 123.456 bita",
        "NIK 3201010101900001",
        "Telepon 081234567890",
        "Surat 800/12345/BKPSDM",
        "Jumlah 9999",
    ],
)
def test_pemeriksa_membiarkan_teks_wajar(teks):
    assert not pelanggaran(teks, sel=True), (teks, pelanggaran(teks, sel=True))


def test_pemeriksa_html_abaikan_atribut_skrip_dan_isian():
    html = """<p title="None">Nama</p><input value="2026-01-31"><option value="pns">PNS</option>
      <script>var x = None, t = "2026-01-31";</script><textarea>92.5</textarea><td> aktif </td><td>True</td>"""
    assert [v for _, v in temuan_html(html)] == [["aktif"], ["True"]]


def test_pemeriksa_html_kolom_satuan_teks_bebas():
    """A unit of measure typed by a person may equal a code ("berkas"); the same word in another column is raw."""
    html = """<table><thead><tr><th></th><th>Target Satuan</th><th>Bukti</th></tr></thead>
      <tbody><tr><td><input type="checkbox"></td><td>berkas</td><td>berkas</td></tr></tbody></table>"""
    assert [v for _, v in temuan_html(html)] == [["berkas"]]


def test_pemeriksa_xlsx(tmp_path):
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    for _ in range(HEADER_ROW):
        ws.append(["Judul"])
    ws.cell(HEADER_ROW, 5, "Target Satuan")
    ws.cell(HEADER_ROW, 6, "Bukti")
    ws.cell(HEADER_ROW, 7, "Tahun")
    ws.cell(HEADER_ROW, 8, "Jumlah")
    ws.cell(HEADER_ROW, 9, "Jumlah")
    ws.append(["pns", dt.date(2026, 1, 31), "Ya", True, "berkas", "berkas", 20260, 12345, 12345])
    ws["B8"].number_format = "DD-MM-YYYY"
    ws["I8"].number_format = "#,##0"
    f = BytesIO()
    wb.save(f)
    # a unit of measure typed by a person may equal a code ("berkas"); the same word elsewhere is a raw code;
    # a quantity without grouping (H8) is raw, a number column (G8) is not a quantity
    temuan = sorted(k for k, _ in temuan_xlsx(f.getvalue()))
    assert temuan == ["Sheet!A8", "Sheet!B8", "Sheet!D8", "Sheet!F8", "Sheet!H8"]


# --------------------------------------------------------------------------------------------------------
# every page and every register of every demo role
# --------------------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def halaman_per_peran(app):
    from tests.conftest import Client

    return {u: kunjungi(Client(app, u), lewati=LEWATI_TAMPIL, tautan=TAUTAN) for u in PERAN}


@pytest.mark.parametrize("username", PERAN)
def test_halaman_tanpa_nilai_mentah(halaman_per_peran, username):
    halaman = halaman_per_peran[username]
    assert len(halaman) >= 4, sorted(halaman)
    temuan = {}
    for url, html in halaman.items():
        t = [(s, v) for s, v in temuan_html(html) if not boleh(url, s)]
        if t:
            temuan[url] = t
    assert not temuan, f"nilai mentah untuk {username}: {temuan}"


@pytest.mark.parametrize("username", PERAN)
def test_register_xlsx_tanpa_nilai_mentah(app, halaman_per_peran, username):
    from tests.conftest import Client

    c = Client(app, username)
    ekspor = sorted(
        {u.replace("&amp;", "&") for html in halaman_per_peran[username].values() for u in TAUTAN_EKSPOR.findall(html)}
    )
    temuan, diperiksa = {}, 0
    for url in ekspor:
        r = c.get(url)
        if r.status_code != 200 or "spreadsheetml" not in r.mimetype:
            continue
        diperiksa += 1
        if t := temuan_xlsx(r.data):
            temuan[url] = t[:10]
    assert not temuan, f"nilai mentah dalam register untuk {username}: {temuan}"
