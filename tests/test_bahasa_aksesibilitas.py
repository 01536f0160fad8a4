"""No English left, labels on every field, keyboard basics, theme contrast.

Every demo role logs in with the Indonesian locale and visits every menu page, plus the add / edit /
show pages linked from those lists (first row of each). The English words to look for are FAB's own
message catalog (its msgids — menus, buttons, pagination, flash messages), except the few our catalog
deliberately keeps (e.g. "Email"), plus strings FAB's templates hard-code without gettext.
"""

from __future__ import annotations

import re
from functools import lru_cache
from html.parser import HTMLParser
from pathlib import Path

import pytest

from seeds.pengguna import DEMO_USERS
from tests.bantu import kunjungi

ROOT = Path(__file__).resolve().parents[1]
FAB = Path(__import__("flask_appbuilder").__file__).parent

# FAB templates/JS strings outside its catalog (general/confirm.html, alert.html, ab.js Select2 placeholders)
TANPA_KATALOG = [
    "Cancel",
    "Select a State",
    "No matches found",
    "No results found",
    "Searching…",
    "Loading more results…",
    "Please enter",
    "User confirmation needed",
]
# msgids that are also Indonesian words or proper names (our catalog keeps them) or too short to judge
# ("Register" = KBBI "daftar": Register Penghargaan …)
BUKAN_INGGRIS = {"Email", "OpenID", "Status", "No", "Login", "OK", "Password", "Register"}


def _msgids(path: Path) -> set[str]:
    from babel.messages.pofile import read_po

    with path.open("rb") as f:
        cat = read_po(f)
    out = set()
    for m in cat:
        if not m.id:
            continue
        mid = m.id if isinstance(m.id, str) else m.id[0]
        if "%" in mid or "{" in mid or len(mid) < 3 or len(mid) > 60:
            continue
        out.add(mid.strip())
    return out


@lru_cache
def kata_inggris() -> list[str]:
    """FAB's msgids (de catalog = FAB's own list) whose Indonesian translation differs from the English."""
    from babel.messages.pofile import read_po

    with (ROOT / "app/translations/id/LC_MESSAGES/messages.po").open("rb") as f:
        kita = {(m.id if isinstance(m.id, str) else m.id[0]): m.string for m in read_po(f) if m.id}
    sama = {k for k, v in kita.items() if (v if isinstance(v, str) else v[0]) == k}
    ids = _msgids(FAB / "translations/de/LC_MESSAGES/messages.po") - sama - BUKAN_INGGRIS
    return sorted(ids | set(TANPA_KATALOG), key=len, reverse=True)


class Halaman(HTMLParser):
    """Visible text (no script/style, no URLs) + the form controls and labels, for the checks below."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.teks: list[str] = []
        self._lewati = 0
        self._skrip: list[str] | None = None
        self._data_izin = 0  # role form: permission identifiers ("can list on List Users") are data, not UI
        self.kontrol: list[dict] = []
        self.label_for: set[str] = set()
        self.id_ada: set[str] = set()
        self._label_dalam = 0
        self.tabindex_positif: list[str] = []
        self.klik_bukan_tombol: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag in ("script", "style", "template"):
            self._lewati += 1
            if tag == "script":
                self._skrip = []
            return
        if tag == "select" and a.get("name") in ("permissions",):
            self._data_izin += 1
        if a.get("id"):
            self.id_ada.add(a["id"])
        for k in ("placeholder", "title", "aria-label", "alt"):
            if a.get(k):
                self.teks.append(a[k])
        if tag == "input" and a.get("type") in ("submit", "button", "reset") and a.get("value"):
            self.teks.append(a["value"])
        if tag == "label":
            self._label_dalam += 1
            if a.get("for"):
                self.label_for.add(a["for"])
        if tag in ("input", "select", "textarea"):
            jenis = a.get("type", "text") if tag == "input" else tag
            if jenis not in ("hidden", "submit", "button", "reset", "image"):
                self.kontrol.append(
                    {
                        "tag": tag,
                        "id": a.get("id"),
                        "name": a.get("name"),
                        "aria": bool(a.get("aria-label") or a.get("aria-labelledby") or a.get("title")),
                        "dalam_label": self._label_dalam > 0,
                        "labelledby": a.get("aria-labelledby"),
                    }
                )
        ti = a.get("tabindex")
        if ti and ti.lstrip("-").isdigit() and int(ti) > 0:
            self.tabindex_positif.append(f"<{tag} {a}>")
        if a.get("onclick") and tag not in ("a", "button", "input"):
            self.klik_bukan_tombol.append(f"<{tag} {a}>")

    def handle_endtag(self, tag):
        if tag in ("script", "style", "template"):
            self._lewati = max(0, self._lewati - 1)
            if tag == "script" and self._skrip is not None:
                self._teks_filter("".join(self._skrip))
                self._skrip = None
        if tag == "select" and self._data_izin:
            self._data_izin -= 1
        if tag == "label":
            self._label_dalam = max(0, self._label_dalam - 1)

    def handle_data(self, data):
        if self._skrip is not None:
            self._skrip.append(data)
        elif not self._lewati and not self._data_izin and data.strip():
            self.teks.append(data)

    def _teks_filter(self, js: str) -> None:
        """FAB's search filters are built in the browser from a JSON blob: its labels and placeholders are UI."""
        if "new AdminFilters(" not in js:
            return
        js = js.replace('\\"', '"').replace("\\u003c", "<").replace("\\u003e", ">")
        self.teks += re.findall(r'placeholder="([^"]+)"', js)
        self.teks += [v for v in re.findall(r'"\w+": "([^"<>\\]{2,60})"', js)]

    def teks_terlihat(self) -> str:
        s = " ".join(self.teks)
        return re.sub(r"https?://\S+|/[\w./?=&%-]+", " ", s)

    def tanpa_label(self) -> list[dict]:
        out = []
        for k in self.kontrol:
            if k["aria"] or k["dalam_label"] or (k["id"] and k["id"] in self.label_for):
                continue
            out.append(k)
        return out


def inggris_di(teks: str) -> list[str]:
    temu = []
    for w in kata_inggris():
        if re.search(r"(?<![\w])" + re.escape(w) + r"(?![\w])", teks):
            temu.append(w)
            teks = teks.replace(w, " ")
    return temu


PERAN = sorted(DEMO_USERS)


@pytest.fixture(scope="module")
def halaman_per_peran(app):
    from tests.conftest import Client

    out = {}
    for u in PERAN:
        out[u] = kunjungi(Client(app, u))
    return out


@pytest.mark.parametrize("username", PERAN)
def test_tidak_ada_kata_inggris(halaman_per_peran, username):
    halaman = halaman_per_peran[username]
    assert len(halaman) >= 4, sorted(halaman)
    temuan = {}
    for url, html in halaman.items():
        p = Halaman()
        p.feed(html)
        kata = inggris_di(p.teks_terlihat())
        if kata:
            temuan[url] = kata
    assert not temuan, f"kata Inggris untuk {username}: {temuan}"


@pytest.mark.parametrize("username", PERAN)
def test_setiap_isian_berlabel_dan_dapat_dipakai_keyboard(halaman_per_peran, username):
    salah, tab, klik = {}, {}, {}
    for url, html in halaman_per_peran[username].items():
        p = Halaman()
        p.feed(html)
        if p.tanpa_label():
            salah[url] = [(k["tag"], k["id"] or k["name"]) for k in p.tanpa_label()]
        if p.tabindex_positif:
            tab[url] = p.tabindex_positif
        if p.klik_bukan_tombol:
            klik[url] = p.klik_bukan_tombol
    assert not salah, f"isian tanpa label ({username}): {salah}"
    assert not tab, f"tabindex positif ({username}): {tab}"
    assert not klik, f"onclick pada elemen yang bukan tombol/tautan ({username}): {klik}"


def test_halaman_menyatakan_bahasa(login):
    html = login("operator").get("/").get_data(as_text=True)
    assert '<html lang="id">' in html


def test_bahasa_inggris_tetap_dapat_dipilih(login):
    c = login("operator")
    r = c.get("/lang/en")
    assert r.status_code == 302
    html = c.get("/pegawaiview/list/").get_data(as_text=True)
    assert '<html lang="en">' in html
    assert "Record Count" in html or "Search" in html or "Add" in html
    c.get("/lang/id")
    html = c.get("/pegawaiview/list/").get_data(as_text=True)
    assert '<html lang="id">' in html and "Record Count" not in html


def test_halaman_masuk_berbahasa_indonesia(login):
    html = login().get("/login/").get_data(as_text=True)
    p = Halaman()
    p.feed(html)
    assert not inggris_di(p.teks_terlihat()), inggris_di(p.teks_terlihat())
    assert not p.tanpa_label(), p.tanpa_label()


# --------------------------------------------------------------------------------------------------------
# contrast (WCAG 2.x relative luminance) of the theme colours declared in our base template
# --------------------------------------------------------------------------------------------------------


def _lum(hexa: str) -> float:
    hexa = hexa.lstrip("#")
    if len(hexa) == 3:
        hexa = "".join(c * 2 for c in hexa)
    rgb = [int(hexa[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    lin = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def rasio(a: str, b: str) -> float:
    la, lb = sorted((_lum(a), _lum(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def _variabel_tema() -> dict[str, str]:
    css = (ROOT / "app/templates/kinerja/base.html").read_text(encoding="utf-8")
    return dict(re.findall(r"--kinerja-([\w-]+):\s*(#[0-9a-fA-F]{3,6})", css))


# (foreground, background): text, links, buttons, alerts, navbar, muted text
PASANGAN = [
    ("teks", "latar"),
    ("tautan", "latar"),
    ("tautan", "latar-panel"),
    ("teks-redup", "latar"),
    ("tombol-primer-teks", "tombol-primer"),
    ("tombol-sukses-teks", "tombol-sukses"),
    ("tombol-bahaya-teks", "tombol-bahaya"),
    ("tombol-info-teks", "tombol-info"),
    ("tombol-peringatan-teks", "tombol-peringatan"),
    ("tombol-biasa-teks", "tombol-biasa"),
    ("navbar-teks", "navbar"),
    ("label-teks", "label"),
    ("teks", "latar-panel"),
]


def test_rumus_kontras_wcag():
    assert round(rasio("#000", "#fff"), 1) == 21.0
    assert round(rasio("#777777", "#ffffff"), 2) == 4.48  # Bootstrap 3's .text-muted fails


@pytest.mark.parametrize("depan, latar", PASANGAN)
def test_kontras_tema(depan, latar):
    v = _variabel_tema()
    assert depan in v and latar in v, f"--kinerja-{depan} / --kinerja-{latar} tidak ada di base.html"
    r = rasio(v[depan], v[latar])
    assert r >= 4.5, f"{depan} {v[depan]} di atas {latar} {v[latar]}: {r:.2f}:1 < 4,5:1"


def test_tema_dipakai_di_halaman(login):
    html = login("operator").get("/").get_data(as_text=True)
    assert "--kinerja-teks" in html and ".btn-success" in html


def test_pemeriksa_menangkap_inggris_dan_isian_tanpa_label():
    """The checks above must be able to fail: English in text, attributes and FAB's filter script; unlabelled fields."""
    html = """<html><body><p>Record Count: 3</p><input placeholder="Search"><select name="x"></select>
      <script>const filter = new AdminFilters('#f', {"first_name": "First Name"}, {});</script>
      <script>var t = "Add";</script><a href="/add/Edit">Tautan</a>
      <label for="a">A</label><input id="a"><label>B <input name="b"></label><input aria-label="C">
      <select name="permissions"><option>can list on List Users</option></select></body></html>"""
    p = Halaman()
    p.feed(html)
    assert set(inggris_di(p.teks_terlihat())) == {"Record Count", "Search", "First Name"}
    assert [k["name"] for k in p.tanpa_label()] == [None, "x", "permissions"]  # a placeholder is no label
