"""Security headers and API CSRF: a nonce CSP without 'unsafe-inline' scripts, HSTS in production, and no
write through the API on the browser's session cookie without a CSRF token (app/security/headers.py,
app/security/csrf_api.py). The browser side of the CSP is tests/e2e/test_e2e_csp.py."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from seeds.pengguna import DEMO_USERS
from tests.bantu import masuk_csrf
from tests.conftest import PASSWORD, make_app

ROOT = Path(__file__).resolve().parents[2]
FAB_TEMPLAT = Path(__import__("flask_appbuilder").__file__).parent / "templates"
KITA_TEMPLAT = ROOT / "app" / "templates"
PENANGAN = re.compile(r"^on[a-z]+$")


def _script_src(resp) -> str:
    csp = resp.headers["Content-Security-Policy"]
    arahan = dict((bagian.strip().split(" ", 1) + [""])[:2] for bagian in csp.split(";") if bagian.strip())
    return arahan["script-src"]


def _nonce(resp) -> str:
    m = re.search(r"'nonce-([A-Za-z0-9_\-+/=]+)'", _script_src(resp))
    assert m, _script_src(resp)
    return m.group(1)


class Periksa(HTMLParser):
    """Inline scripts (and their nonce), inline event handler attributes and javascript: URLs of a page."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.skrip_inline: list[str | None] = []
        self.penangan: list[str] = []
        self.url_js: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "script" and not a.get("src"):
            self.skrip_inline.append(a.get("nonce"))
        for k, v in attrs:
            if PENANGAN.match(k):
                self.penangan.append(f"<{tag} {k}={v!r}>")
            if k in ("href", "src", "action", "formaction") and v and v.strip().lower().startswith("javascript:"):
                self.url_js.append(f"<{tag} {k}={v!r}>")

    handle_startendtag = handle_starttag


def periksa_halaman(resp) -> list[str]:
    """Everything on this HTML response the CSP would block or that bypasses the nonce."""
    nonce = _nonce(resp)
    p = Periksa()
    p.feed(resp.get_data(as_text=True))
    salah = [f"<script> tanpa nonce yang benar ({n!r})" for n in p.skrip_inline if n != nonce]
    return salah + p.penangan + p.url_js


LEWATI = (
    "/logout",
    "/lang/",
    "/api/",
    "/static/",
    "/delete/",
    "/action",
    "ekspor",
    "unduh",
    "/lookup",
    ".json",
    ".xlsx",
    "/xlsx",
    "/status",
    "/back",
)
HREF = re.compile(r'href="(/[^"#]*)"')


def jelajahi(c, mulai=("/",), batas=400) -> dict[str, object]:
    """Every page reachable by links from ``mulai``, one per URL shape (ids → N): {url: response}."""
    bentuk, hasil, antre = set(), {}, list(mulai)
    while antre and len(bentuk) < batas:
        url = antre.pop(0)
        pola = re.sub(r"\d+", "N", url.split("?")[0])
        if pola in bentuk or any(x in url for x in LEWATI):
            continue
        bentuk.add(pola)
        r = c.get(url)
        if r.status_code != 200 or r.mimetype != "text/html":
            continue
        hasil[url] = r
        antre += HREF.findall(r.get_data(as_text=True))
    return hasil


def test_csp_skrip_tanpa_unsafe_inline_dengan_nonce_baru(login):
    c = login("admin")
    r1, r2 = c.get("/pegawaiview/list/"), c.get("/pegawaiview/list/")
    for r in (r1, r2):
        src = _script_src(r)
        assert "'unsafe-inline'" not in src and "'unsafe-eval'" not in src, src
        assert "'self'" in src
    assert _nonce(r1) != _nonce(r2)  # fresh per response
    assert len(_nonce(r1)) >= 16
    # FAB's list page has inline scripts (lib.html, base_list.html): they carry this response's nonce
    html = r1.get_data(as_text=True)
    assert f'nonce="{_nonce(r1)}"' in html
    assert f'nonce="{_nonce(r2)}"' not in html
    # also on responses that are not pages, and for anonymous users
    anon = login().get("/login/")
    assert _nonce(anon) not in (_nonce(r1), _nonce(r2))
    assert not periksa_halaman(anon)


@pytest.mark.parametrize("username", sorted(DEMO_USERS))
def test_setiap_halaman_tanpa_skrip_inline_tak_bernonce(login, username):
    """Crawl every page the role reaches by links (lists, add/edit/show, print pages, reports): every inline
    <script> has the header's nonce, no on*= attribute, no javascript: URL."""
    c = login(username)
    halaman = jelajahi(c, mulai=("/", "/users/userinfo/", "/resetmypassword/form", "/swagger/v1"))
    assert len(halaman) >= (100 if username == "admin" else 10), sorted(halaman)
    temuan = {url: s for url, r in halaman.items() if (s := periksa_halaman(r))}
    assert not temuan, temuan


def test_templat_tanpa_penangan_inline():
    """Source check, for templates the crawl does not reach (error branches, rare states) and for FAB
    upgrades: every template we render — ours, and FAB's unless we override it — has no on*= handler,
    no javascript: URL, and no inline <script> without the nonce."""
    kita = {p.relative_to(KITA_TEMPLAT): p for p in KITA_TEMPLAT.rglob("*.html")}
    fab = {p.relative_to(FAB_TEMPLAT): p for p in FAB_TEMPLAT.rglob("*.html")}
    semua = {**fab, **kita}
    salah = []
    for rel, path in sorted(semua.items()):
        teks = path.read_text(encoding="utf-8")
        for m in re.finditer(r"<script\b([^>]*)>", teks):
            attr = m.group(1)
            if "src=" not in attr and "nonce=" not in attr:
                salah.append(f"{rel}: <script{attr}>")
        for m in re.finditer(r"<[a-zA-Z][^>]*?\s(on[a-z]+)\s*=", teks):
            salah.append(f"{rel}: {m.group(1)}=")
        if re.search(r"javascript:", teks, re.I):
            salah.append(f"{rel}: javascript:")
    assert not salah, salah
    assert len(kita) > 50 and len(fab) > 50


def test_hsts_hanya_di_produksi(login, app, database_url):
    assert "Strict-Transport-Security" not in login().get("/login/").headers  # development: plain HTTP
    prod = make_app(database_url, PRODUCTION=True, SESSION_COOKIE_SECURE=True)
    r = prod.test_client().get("/login/")
    assert r.headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"
    assert "'unsafe-inline'" not in _script_src(r)


# ---------------------------------------------------------------- API: CSRF on the session cookie


def _unit_baru(client, instansi_id, **headers):
    return client.post(
        "/api/v1/unit_kerja/",
        headers=headers,
        json={"instansi_id": instansi_id, "kode": "UJI-CSRF", "nama": "Unit Uji CSRF", "jenis": "dinas"},
    )


def test_api_dengan_cookie_sesi_butuh_token_csrf(app_csrf):
    from app.extensions import db
    from schema.models import UnitKerja

    c = app_csrf.test_client()
    token = masuk_csrf(c)
    # reads are unaffected
    r = c.get("/api/v1/instansi/")
    assert r.status_code == 200
    instansi_id = r.get_json()["ids"][0]

    def jumlah_unit_uji():
        with app_csrf.app_context():
            return db.session.query(UnitKerja).filter_by(kode="UJI-CSRF").count()

    # unsafe methods on the cookie without a token (what a cross-site form/fetch can do): refused, nothing written
    r = _unit_baru(c, instansi_id)
    assert r.status_code == 403, r.get_data(as_text=True)
    assert "CSRF" in r.get_json()["message"] and "token" in r.get_json()["message"].lower()
    assert jumlah_unit_uji() == 0
    r = _unit_baru(c, instansi_id, **{"X-CSRFToken": "palsu"})
    assert r.status_code == 403 and jumlah_unit_uji() == 0

    # with the session's token: accepted
    r = _unit_baru(c, instansi_id, **{"X-CSRFToken": token})
    assert r.status_code == 201, r.get_data(as_text=True)
    pk = r.get_json()["id"]
    for metode in ("put", "patch", "delete"):
        r = getattr(c, metode)(f"/api/v1/unit_kerja/{pk}", json={"nama": "Unit Uji CSRF Diubah"})
        assert r.status_code == 403, (metode, r.status_code)
    etag = c.get(f"/api/v1/unit_kerja/{pk}").headers["ETag"]  # the optimistic lock of every API PUT
    r = c.put(
        f"/api/v1/unit_kerja/{pk}",
        json={"nama": "Unit Uji CSRF Diubah"},
        headers={"X-CSRFToken": token, "If-Match": etag},
    )
    assert r.status_code == 200, r.get_data(as_text=True)

    # bearer-token clients (no session cookie) need no CSRF token
    b = app_csrf.test_client()
    r = b.post("/api/v1/security/login", json={"username": "operator", "password": PASSWORD, "provider": "db"})
    assert r.status_code == 200
    bearer = {"Authorization": f"Bearer {r.get_json()['access_token']}"}
    etag = b.get(f"/api/v1/unit_kerja/{pk}", headers=bearer).headers["ETag"]
    r = b.put(f"/api/v1/unit_kerja/{pk}", json={"nama": "Unit Uji CSRF Bearer"}, headers={**bearer, "If-Match": etag})
    assert r.status_code == 200, r.get_data(as_text=True)
    r = b.delete(f"/api/v1/unit_kerja/{pk}", headers=bearer)
    assert r.status_code == 200, r.get_data(as_text=True)
    assert jumlah_unit_uji() == 0

    # anonymous: the API's own answer (401), not the CSRF refusal
    assert app_csrf.test_client().post("/api/v1/unit_kerja/", json={}).status_code == 401
