"""Menus per role and user: no navbar entry whose list is empty by construction, no add/edit/delete button
where the user can manage nothing; the small navbar fixes (display name, favicon, FAB's statistics page gone).

"Empty by construction" is decided without counting rows: a role's row scope (app/security/scope.py SCOPES) that
is ``false()`` for the user — no employee record, not a unit head, not a team member, no letter filed.
"""

from __future__ import annotations

import re

import pytest
from sqlalchemy import func, select

from app.security import roles as R
from app.security.scope import SCOPES, Konteks, daftar_berisi, kosong_pasti
from schema.models import AnggotaTim, Jabatan, KlinikPermohonan, Pegawai
from seeds.pengguna import DEMO_USERS

PENGGUNA = sorted(u for u, (r, _k) in DEMO_USERS.items() if r != R.ADMIN)


def _konteks(db_session, app, username) -> Konteks:
    """The user's Konteks as app.security.scope.konteks() builds it (same facts, read here from raw rows)."""
    user = app.appbuilder.sm.find_user(username=username)
    p = db_session.scalar(select(Pegawai).where(Pegawai.user_id == user.id))
    roles = {r.name for r in user.roles}
    if p is None:
        return Konteks(user.id, roles, None, None, False, False, False)
    kepala = bool(p.jabatan_id and db_session.get(Jabatan, p.jabatan_id).is_kepala_unit)
    anggota = db_session.scalar(select(func.count()).where(AnggotaTim.pegawai_id == p.id)) > 0
    pemohon = db_session.scalar(select(func.count()).where(KlinikPermohonan.pemohon_id == p.id)) > 0
    return Konteks(user.id, roles, p.id, p.jabatan_id, kepala, anggota, pemohon)


def _model(app, resource):
    nama = R.RESOURCES[resource].view
    return next(type(v).datamodel.obj for v in app.appbuilder.baseviews if type(v).__name__ == nama)


def _navbar(html: str) -> str:
    awal = html.index('role="navigation"')
    return html[awal : html.index("navbar-right", awal)]


def _daftar_peran(role):
    for res, spec in R.MATRIX.get(role, {}).items():
        if "l" in R.parse_ops(spec)[0] and role in SCOPES.get(res, {}):
            yield res


def test_setiap_entri_daftar_peran_dapat_berisi(app, db_session):
    """Every list resource of every role: its scope clause runs against the demo data, and for some demo user
    holding the role it is not constant-false (else the role's menu entry could only ever be empty)."""
    konteks = {u: _konteks(db_session, app, u) for u in PENGGUNA}
    for role in R.ROLES:
        if role == R.ADMIN:
            continue
        pemegang = [u for u in PENGGUNA if role in konteks[u].role_names]
        assert pemegang, role
        for res in _daftar_peran(role):
            fn, model = SCOPES[res][role], _model(app, res)
            hidup = []
            for u in pemegang:
                c = fn(konteks[u])
                if not kosong_pasti(c):
                    hidup.append(u)
                    if hasattr(c, "compile"):  # a clause (ALL = every row, nothing to run)
                        db_session.scalar(select(func.count()).select_from(model).where(c))
            assert hidup, f"{role} × {res}: cakupan selalu false() bagi setiap pengguna demo peran ini"


@pytest.mark.parametrize("username", PENGGUNA)
def test_navbar_tanpa_entri_kosong_pasti(app, login, db_session, username):
    k = _konteks(db_session, app, username)
    nav = _navbar(login(username).get("/").get_data(as_text=True))
    for role in k.role_names:
        for res, spec in R.MATRIX.get(role, {}).items():
            label = R.RESOURCES[res].menu[1]
            if res in SCOPES and not daftar_berisi(res, k):
                assert f"{label}</a>" not in nav, (username, res)
            elif "l" in R.parse_ops(spec)[0]:
                assert f"{label}</a>" in nav, (username, res)


def test_pegawai_biasa_tanpa_tim_pemantau_dan_tombol_tambah(login, app, db_session):
    k = _konteks(db_session, app, "pegawai")
    assert not k.kepala_unit and not k.anggota_tim, "data demo: pegawai demo bukan kepala unit dan bukan anggota tim"
    c = login("pegawai")
    nav = _navbar(c.get("/").get_data(as_text=True))
    assert "Tim Pemantau</a>" not in nav
    # the permission is still there (unit heads holding only "Pegawai" form their unit's team) …
    menu_api = c.get("/api/v1/menu/").get_json()["result"]
    assert any(ch.get("name") == "Tim Pemantau" for m in menu_api for ch in m.get("childs", []) if isinstance(ch, dict))
    html = c.get("/timpemantau/list/").get_data(as_text=True)
    assert c.get("/timpemantau/list/").status_code == 200
    # … but no add/edit/delete button the user could never complete
    assert "/timpemantau/add" not in html and "/timpemantau/edit/" not in html and 'id="usulkan-anggota"' not in html


def test_kepala_unit_melihat_tombol_tambah_tim(login, app, db_session):
    kepala = [
        u
        for u in PENGGUNA
        if _konteks(db_session, app, u).kepala_unit and R.allowed(DEMO_USERS[u][0], "tim_pemantau", "a")
    ]
    assert kepala, "data demo: ada pengguna demo kepala unit yang boleh membentuk tim"
    html = login(kepala[0]).get("/timpemantau/list/").get_data(as_text=True)
    assert "/timpemantau/add" in html and 'id="usulkan-anggota"' in html
    assert "/timpemantau/add" in login("operator").get("/timpemantau/list/").get_data(as_text=True)


def test_nama_pengguna_tanpa_tanda_hubung(login, app, db_session):
    admin = app.appbuilder.sm.find_user(username="admin")
    assert admin.last_name == "-"  # FAB requires a last name; the demo admin has none
    html = login("admin").get("/").get_data(as_text=True)
    assert re.search(r'class="kinerja-nama">Admin</span>', html)
    assert "Admin -" not in html and "<strong>Admin</strong>" in html
    assert 'class="kinerja-peran">Admin</small>' in html


def test_favicon(login):
    c = login()
    r = c.get("/favicon.ico")
    assert r.status_code == 200 and r.mimetype == "image/svg+xml" and b"<svg" in r.data
    html = login("pegawai").get("/").get_data(as_text=True)
    href = re.search(r'<link rel="icon" type="image/svg\+xml" href="([^"]+)"', html).group(1)
    assert c.get(href).status_code == 200


def test_statistik_pengguna_fab_tidak_ada(login):
    c = login("admin")
    assert c.get("/userstatschartview/chart/").status_code == 404
    html = c.get("/").get_data(as_text=True)
    for teks in ("Statistik Pengguna", "User's Statistics", "Login Count", "userstatschartview"):
        assert teks not in html
    nama = {
        ch.get("name")
        for m in c.get("/api/v1/menu/").get_json()["result"]
        for ch in m.get("childs", [])
        if isinstance(ch, dict)
    }
    assert "User's Statistics" not in nama and "List Users" in nama
