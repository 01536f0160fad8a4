"""Menus per role and user: no navbar entry whose list is empty by construction, no add/edit/delete button
where the user can manage nothing; the small navbar fixes (display name, favicon, FAB's statistics page gone).

"Empty by construction" is decided without counting rows: the role has no row scope for the list (the Admin in
the R11 circle), or its scope (app/security/scope.py SCOPES, through ``kunci_cakupan`` for report pages) is
``false()`` for the user — no employee record, not a unit head, not a team member, no letter filed. The checks
walk the roles matrix and the scopes, not a hand list: a new menu entry is covered the day it is added.
"""

from __future__ import annotations

import re
from dataclasses import replace

import pytest
from sqlalchemy import func, select

from app.security import roles as R
from app.security.scope import ALL, CAKUPAN_HALAMAN, SCOPES, Konteks, daftar_berisi, kosong_pasti, kunci_cakupan
from schema.models import AnggotaTim, Jabatan, KlinikPermohonan, Pegawai
from seeds.pengguna import DEMO_USERS

PENGGUNA = sorted(u for u, (r, _k) in DEMO_USERS.items() if r != R.ADMIN)
SEMUA = sorted(DEMO_USERS)


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


def _navbar(html: str) -> str:
    awal = html.index('role="navigation"')
    return html[awal : html.index("navbar-right", awal)]


def _daftar(role) -> list[str]:
    """Matrix resources whose list the role may open (the Admin: every one)."""
    return [res for res in R.RESOURCES if R.allowed(role, res, "l")]


def test_setiap_sumber_daya_menyatakan_asal_barisnya():
    """Every matrix resource has a row scope of its own or names the one its page reads (or None: a form, the
    user's own jobs): an entry added without either fails here instead of showing a list that may be empty."""
    assert [res for res in R.RESOURCES if res not in SCOPES and res not in CAKUPAN_HALAMAN] == []
    for res, kunci in CAKUPAN_HALAMAN.items():
        assert res in R.RESOURCES and res not in SCOPES, res
        assert kunci is None or kunci in SCOPES, (res, kunci)


def test_setiap_entri_menu_peran_dapat_berisi_atau_tersembunyi(app, db_session):
    """For every role (the Admin too) and every list it may open, judged on that role alone for each demo user
    holding it: the role's scope there (SCOPES through ``kunci_cakupan``) is a clause that runs against the demo
    data — then the entry shows — or the role has no scope there or one that is ``false()`` for that user — then
    the entry is hidden. And some demo holder of the role sees the entry, unless none can (the Admin has no
    employee record, so no "Profil Saya"): a role granted a list its scope can never fill fails here."""
    konteks = {u: _konteks(db_session, app, u) for u in SEMUA}
    salah, mati = [], []
    for role in R.ROLES:
        sendiri = {u: replace(k, role_names={role}) for u, k in konteks.items() if role in k.role_names}
        assert sendiri, f"tidak ada pengguna demo berperan {role}"
        for res in _daftar(role):
            kunci = kunci_cakupan(res)
            if kunci is None:
                continue
            fn, hidup = SCOPES[kunci].get(role), []
            for u, k in sendiri.items():
                c = ALL if fn is None else fn(k)  # ALL: placeholder, never used when fn is None
                berisi = fn is not None and not kosong_pasti(c)
                if berisi and c is not ALL:
                    db_session.scalar(select(func.count()).where(c))  # FROM: the tables the clause names
                if daftar_berisi(res, k) != berisi:
                    salah.append((role, res, u, berisi))
                if berisi:
                    hidup.append(u)
            if not hidup and fn is not None and any(k.pegawai_id for k in sendiri.values()):
                mati.append((role, res, kunci))
    assert not salah, f"menu tidak mengikuti cakupan peran: {salah}"
    assert not mati, f"cakupan peran selalu false() bagi setiap pengguna demo peran ini: {mati}"


@pytest.mark.parametrize("username", SEMUA)
def test_navbar_tanpa_entri_kosong_pasti(app, login, db_session, username):
    k = _konteks(db_session, app, username)
    nav = _navbar(login(username).get("/").get_data(as_text=True))
    for res, sumber in R.RESOURCES.items():
        if not any(R.allowed(role, res, "l") for role in k.role_names):
            continue
        berisi = daftar_berisi(res, k)
        for label in (sumber.menu[1], *sumber.menu_lain):
            assert (f"{label}</a>" in nav) == berisi, (username, res, label, berisi)


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
