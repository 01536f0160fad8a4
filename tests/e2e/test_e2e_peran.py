"""Browser, once per demo role (one login each, 1366×768): the navbar is one row; on every list of the role's menu
that has the quick search box, a surname (a name part that is not the first word) finds the person; on every
form reached from the role's menu (the home page and the menu pages, their add/create forms and their first rows'
own pages) that has a people lookup, a middle name (where the candidates hold none: another name part that is not
the first) offers the person with their unit ("Nama (NIP) — Unit").

The lists and forms are discovered from what the role's own menu offers, not from a hand list; the roles whose
screens have none are named below, so a quick search box or a people lookup added for them is noticed.
"""

from __future__ import annotations

import html as html_lib
import re

import pytest

from seeds.pengguna import DEMO_USERS
from tests.e2e.conftest import foto, masuk

SATU_BARIS = 60  # px: Bootstrap's navbar row is 50 px (+ border); a second row would be ≥ 100
# the two labels of people lookups: "Nama (NIP) — Unit" (app/views/fields.py) and, where colleagues choose each
# other without seeing a NIP, "Nama — Jabatan — Unit" (app/views/pelaksanaan.py)
LABEL = re.compile(r"^(?P<nama>.+) \((?P<nip>\d{18})\)(?: — (?P<unit>.+))?$")
LABEL_JABATAN = re.compile(r"^(?P<nama>[^—()]+) — (?P<jabatan>[^—]+) — (?P<unit>[^—]+)$")
NIP = re.compile(r"\b\d{18}\b")
FORMULIR = re.compile(r'href="(/[^"#]*?/(?:add|buat|tambah|ajukan)/?(?:\?[^"]*)?)"')
RINCIAN = re.compile(r'href="(/[a-z_/]*?(?<!/edit)(?<!/delete)/\d+/?)"')  # a row's own page (its forms)
SELECT_AJAX = re.compile(r"<select\b[^>]*\bkinerja-ajax\b[^>]*>")
PSIZE = re.compile(r"psize_(\w+)=")
KOLOM_LAIN = r"nip|penilai|jabatan|unit"
BARIS_DIIKUTI = 5  # row pages followed per page

# demo logins whose menu offers no list with the quick search box / no form with a people lookup
TANPA_CARI: set[str] = set()  # every employee login also holds "Pegawai": its own SKP list
# Their only people lookup is the feedback request on their own running SKP, and the demo's own SKPs of these
# logins are still submitted (diajukan); the Tim Pemantau login reads others' running SKPs, which offer no form.
TANPA_LOOKUP = {"konselor", "pegawai", "tim"}


def _atribut(tag: str, nama: str) -> str | None:
    m = re.search(rf'\b{nama}="([^"]*)"', tag)
    return html_lib.unescape(m.group(1)) if m else None


def _kata_nama(teks: str) -> list[str]:
    """The words of a person's name, titles ("Dr.", ", S.Kom") and the "(NIP)" left out."""
    teks = NIP.sub("", teks.split(",")[0]).replace("(", " ").replace(")", " ")
    return [w for w in teks.split() if w.isalpha()]


def _menu(page) -> list[str]:
    hrefs = page.eval_on_selector_all(
        "ul.nav.navbar-nav:not(.navbar-right) a[href]", "els => els.map(e => e.getAttribute('href'))"
    )
    return [h for h in dict.fromkeys(hrefs) if h.startswith("/")]


def _lookup_orang(page, url: str) -> list[dict]:
    """The first options of a lookup that are people labelled with their unit ([]: not a people lookup)."""
    if re.search(r"/lookup/(unit_kerja|induk|jabatan|instansi)\b", url):
        return []  # units read "Nama — Induk — …" when names repeat: the same shape as "Nama — Jabatan — Unit"
    hasil = []
    for nomor in range(1, 6):
        r = page.request.get(f"{url}{'&' if '?' in url else '?'}q=&page={nomor}")
        if r.status != 200 or "json" not in (r.headers.get("content-type") or ""):
            return []
        d = r.json()
        for x in d.get("results", []):
            m = LABEL.match(x.get("text", "")) or LABEL_JABATAN.match(x.get("text", ""))
            if m is not None and m["unit"]:
                hasil.append({"nama": m["nama"].strip(), "unit": m["unit"], "label": x["text"]})
        if not d.get("pagination", {}).get("more"):
            break
    return hasil


def _temukan(page) -> tuple[list[str], dict[str, dict]]:
    """(menu lists with the quick search box, people lookups by their URL → the page and select holding them)."""
    daftar, lookup = [], {}
    for url in ["/", *_menu(page)]:  # the home page's panels link the user's own SKP
        r = page.request.get(url)
        if r.status != 200:
            continue
        teks = r.text()
        if 'id="cari-cepat"' in teks and url != "/":
            daftar.append(url)
        halaman = [(url, teks)]
        # the first rows' own pages hold the forms acting on one row (feedback request, appraiser)
        rincian = list(dict.fromkeys(RINCIAN.findall(teks)))[:BARIS_DIIKUTI]
        for f in dict.fromkeys([*(html_lib.unescape(h) for h in FORMULIR.findall(teks)), *rincian]):
            rf = page.request.get(f)
            if rf.status == 200 and "text/html" in (rf.headers.get("content-type") or ""):
                halaman.append((f, rf.text()))
        for hal, isi in halaman:
            for tag in SELECT_AJAX.findall(isi):
                data_url = _atribut(tag, "data-url")
                if not data_url or _atribut(tag, "id") == "cari-unit" or data_url in lookup:
                    continue
                orang = _lookup_orang(page, data_url)
                if orang:
                    pilih = (
                        f"select#{_atribut(tag, 'id')}"
                        if _atribut(tag, "id")
                        else f"select[name='{_atribut(tag, 'name')}']"
                    )
                    lookup[data_url] = {"halaman": hal, "select": pilih, "orang": orang}
    return daftar, lookup


def _cari_nama_belakang(page, url: str) -> str | None:
    """Quick search of the list at ``url`` for a surname of a person in its rows (a list holding only one-word
    names: the name without its first letter); returns what was typed (None: no row names a person)."""
    teks = page.request.get(url).text()
    m = PSIZE.search(teks)
    page.goto(f"{url}{'&' if '?' in url else '?'}psize_{m.group(1)}=100" if m else url)
    judul = page.eval_on_selector_all("table.table th", "ths => ths.map(t => t.innerText.trim().toLowerCase())")
    # the person's column: "Nama …" or "Pegawai", not the NIP, the appraiser, the position or the unit
    kolom = [j for j, t in enumerate(judul) if re.search(r"nama|pegawai", t) and not re.search(KOLOM_LAIN, t)]
    baris = page.eval_on_selector_all(
        "table.table tr", "rows => rows.map(r => [...r.cells].map(c => c.innerText.trim()))"
    )
    calon = []  # (surname or, for a one-word name, its end: a part that is not the start; NIP)
    for sel in baris:
        if len(sel) != len(judul) or not kolom:
            continue
        m_nip, kata = NIP.search(" ".join(sel)), _kata_nama(sel[kolom[0]])
        if m_nip is None or not kata:
            continue
        belakang = [w for w in kata[1:] if len(w) >= 4]
        if belakang:
            calon.insert(0, (belakang[-1], m_nip.group(0)))
            break
        if len(kata[0]) >= 5:
            calon.append((kata[0][1:], m_nip.group(0)))
    if not calon:
        return None
    cari, nip = calon[0]
    page.fill("#cari-cepat", cari)
    page.press("#cari-cepat", "Enter")
    page.wait_for_load_state("networkidle")
    assert f"q={cari}" in page.url, page.url
    assert page.locator(f"table.table tr:has-text('{nip}')").count() >= 1, (url, cari, nip)
    return cari


def _lookup_nama_tengah(page, data_url: str, info: dict) -> str:
    """Type a middle name (else another non-first name part) into the lookup; the person's label with unit shows."""
    orang = [o for o in info["orang"] if len(o["nama"].split()) >= 3 and len(o["nama"].split()[1]) >= 3]
    if orang:
        o, kata = orang[0], orang[0]["nama"].split()[1]
    else:
        o = next((o for o in info["orang"] if len(o["nama"].split()) >= 2), None)
        assert o is not None, (data_url, "tidak ada kandidat bernama lebih dari satu kata")
        kata = o["nama"].split()[-1]
    page.goto(info["halaman"])
    kotak = page.locator(f"{info['select']} ~ span.select2 .select2-selection").first
    if kotak.count() and kotak.is_visible():
        kotak.click()
        page.keyboard.type(kata)
        # the unfiltered first page may arrive after the filtered one: wait until the person's full label shows
        page.wait_for_function(
            """(label) => [...document.querySelectorAll('.select2-results__option')]
                             .some(e => e.innerText.trim() === label)""",
            arg=o["label"],
            timeout=20000,
        )
        assert o["unit"] in page.inner_text(".select2-results")
        page.keyboard.press("Escape")
    else:  # a lookup inside a collapsed part of the page: the same request the box would send
        d = page.request.get(f"{data_url}{'&' if '?' in data_url else '?'}q={kata}").json()
        assert o["label"] in [x["text"] for x in d["results"]], (data_url, kata)
    return kata


@pytest.mark.parametrize("username", sorted(DEMO_USERS))
def test_peran_navbar_cari_dan_lookup(browser, server, username):
    ctx = browser.new_context(base_url=server, locale="id-ID", viewport={"width": 1366, "height": 768})
    page = ctx.new_page()
    try:
        masuk(page, username)
        tinggi = page.evaluate("() => document.querySelector('.navbar').getBoundingClientRect().height")
        assert tinggi <= SATU_BARIS, (username, tinggi)
        assert page.evaluate("() => document.documentElement.scrollWidth") <= 1366, username

        daftar, lookup = _temukan(page)
        print(username, "daftar:", daftar, "lookup:", {k: v["halaman"] for k, v in lookup.items()})
        if username in TANPA_CARI:
            assert daftar == [], (username, daftar)
        else:
            assert daftar, f"{username}: tidak ada daftar dengan kotak cari cepat"
        if username in TANPA_LOOKUP:
            assert lookup == {}, (username, list(lookup))
        else:
            assert lookup, f"{username}: tidak ada formulir dengan lookup orang"

        dicari = [url for url in daftar if _cari_nama_belakang(page, url)]
        assert username in TANPA_CARI or dicari, f"{username}: tidak ada daftar berisi orang untuk dicari"
        for data_url, info in lookup.items():
            _lookup_nama_tengah(page, data_url, info)
        foto(page, f"peran-{username}")
    finally:
        ctx.close()
