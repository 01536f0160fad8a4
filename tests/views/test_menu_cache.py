"""The navbar menu from the process cache (app/views/menu.py ``menu_navbar``): the cached HTML is the HTML an
uncached render gives for that user, a role granted or removed shows on the next page, users whose scope facts
differ never share an entry, a cached request sends no more SQL than a rendering one. Counts, never times.

Accounts whose roles change are new ones (role changes on a demo user would change other tests' menus).
"""

from __future__ import annotations

import itertools
from contextlib import contextmanager
from dataclasses import replace

import pytest
from flask import template_rendered
from sqlalchemy import select, update

from app.security import roles as R
from app.security.scope import SCOPES, Konteks, kosong_pasti
from app.views.menu import cache_menu
from schema.models import AnggotaTim, Jabatan, KlinikPermohonan, Pegawai
from seeds.pengguna import DEMO_USERS
from tests.bantu import masuk
from tests.conftest import PASSWORD

SEMUA = sorted(DEMO_USERS)
TEMPLAT_MENU = "appbuilder/navbar_menu.html"
_nomor = itertools.count(1)


def _menu(html: str) -> str:
    """The menu entries of the navbar (the left list; the right one holds the bell and the user menu)."""
    awal = html.index('<ul class="nav navbar-nav">')
    return html[awal : html.index('<ul class="nav navbar-nav navbar-right">', awal)]


@contextmanager
def _tanpa_cache(app):
    app.config["KINERJA_CACHE_MENU"] = False
    try:
        yield
    finally:
        app.config.pop("KINERJA_CACHE_MENU", None)


@contextmanager
def _catat_render(app):
    """Names of the templates rendered meanwhile (Flask's own signal)."""
    nama: list[str] = []

    def _cb(_sender, template, context, **_kw):
        nama.append(template.name)

    template_rendered.connect(_cb, app)
    try:
        yield nama
    finally:
        template_rendered.disconnect(_cb, app)


def _halaman(c, url="/") -> str:
    r = c.get(url)
    assert r.status_code == 200, (url, r.status_code)
    return _menu(r.get_data(as_text=True))


def _akun_baru(app, db_session, roles: list[str], pegawai_id: int | None = None) -> tuple[int, str]:
    sm = app.appbuilder.sm
    nama = f"uji_menu_{next(_nomor)}"
    u = sm.add_user(nama, "Uji", "Menu", f"{nama}@contoh.go.id", [sm.find_role(r) for r in roles], password=PASSWORD)
    assert u, nama
    if pegawai_id:
        db_session.execute(update(Pegawai).where(Pegawai.id == pegawai_id).values(user_id=u.id))
    db_session.commit()
    return u.id, nama


def _pegawai_bebas(db_session, kepala: bool) -> int:
    """An active employee without a login, a unit head or not (and then in no team, no clinic letter)."""
    q = (
        select(Pegawai.id)
        .join(Jabatan, Jabatan.id == Pegawai.jabatan_id)
        .where(Pegawai.user_id.is_(None), Pegawai.status == "aktif", Jabatan.is_kepala_unit.is_(kepala))
        .order_by(Pegawai.id)
    )
    if not kepala:
        q = q.where(
            ~select(AnggotaTim.id).where(AnggotaTim.pegawai_id == Pegawai.id).exists(),
            ~select(KlinikPermohonan.id).where(KlinikPermohonan.pemohon_id == Pegawai.id).exists(),
        )
    pid = db_session.scalar(q.limit(1))
    assert pid, f"data demo: ada pegawai tanpa login (kepala unit: {kepala})"
    return pid


def test_menu_tersimpan_sama_dengan_render_langsung(app, login):
    """(a) Every demo user, interleaved: the first request renders the menu, the second takes it from the cache,
    and both equal the menu rendered with the cache switched off."""
    klien = {u: login(u) for u in SEMUA}
    with _tanpa_cache(app):
        langsung = {u: _halaman(c) for u, c in klien.items()}
    cache_menu(app).kosongkan()
    for putaran in range(2):
        for u, c in klien.items():
            with _catat_render(app) as dirender:
                assert _halaman(c) == langsung[u], (u, putaran)
            # the first demo user of a role/fact combination renders; the others and every second request reuse
            if putaran == 1:
                assert TEMPLAT_MENU not in dirender, u
    assert 0 < len(cache_menu(app)) <= len(SEMUA)
    for u, menu in langsung.items():  # nothing per request or per person in the shared fragment
        assert "csrf" not in menu and "nonce" not in menu and "notifikasi/jumlah" not in menu, u


def test_menu_mengikuti_bahasa(app, login):
    """The labels go through gettext: the cached Indonesian menu is never served to an English page."""
    c = login("admin")
    id_ = _halaman(c)
    assert c.get("/lang/en").status_code == 302
    try:
        en = _halaman(c)
        with _tanpa_cache(app):
            assert _halaman(c) == en
    finally:
        c.get("/lang/id")
    assert "List Users" in en and "List Users" not in id_
    assert _halaman(c) == id_


def test_peran_ditambah_lewat_security_manager_tampil(app, db_session, login):
    """(b) A role granted or removed through the security manager shows on the user's next page."""
    uid, nama = _akun_baru(app, db_session, [R.PEGAWAI], _pegawai_bebas(db_session, kepala=False))
    c = masuk(app, nama)
    sebelum = _halaman(c)
    sm = app.appbuilder.sm
    user = sm.get_user_by_id(uid)
    user.roles.append(sm.find_role(R.OPERATOR))
    sm.update_user(user)
    sesudah = _halaman(c)
    with _tanpa_cache(app):
        assert _halaman(c) == sesudah
    assert sesudah != sebelum
    user = sm.get_user_by_id(uid)
    user.roles = [r for r in user.roles if r.name != R.OPERATOR]
    sm.update_user(user)
    assert _halaman(c) == sebelum


def test_peran_diubah_lewat_admin_pengguna_tampil(app, db_session, login):
    """(b) The same through FAB's user edit page (the Admin's form)."""
    uid, nama = _akun_baru(app, db_session, [R.PEGAWAI], _pegawai_bebas(db_session, kepala=False))
    c = masuk(app, nama)
    sebelum = _halaman(c)
    sm = app.appbuilder.sm
    isian = {"first_name": "Uji", "last_name": "Menu", "username": nama, "email": f"{nama}@contoh.go.id"}
    isian["active"] = "y"
    peran = {n: sm.find_role(n).id for n in (R.PEGAWAI, R.TIM)}
    admin = login("admin")
    r = admin.post(f"/users/edit/{uid}", data={**isian, "roles": list(peran.values())})
    assert r.status_code == 302
    sesudah = _halaman(c)
    with _tanpa_cache(app):
        assert _halaman(c) == sesudah
    assert sesudah != sebelum
    r = admin.post(f"/users/edit/{uid}", data={**isian, "roles": [peran[R.PEGAWAI]]})
    assert r.status_code == 302
    assert _halaman(c) == sebelum


def test_cakupan_berbeda_tidak_berbagi_menu(app, db_session):
    """(c) Two logins with the same single role "Pegawai", one heading a unit: their menus differ (the unit head
    may form the unit's monitoring team), and neither ever sees the other's, whoever asked first."""
    _, kepala = _akun_baru(app, db_session, [R.PEGAWAI], _pegawai_bebas(db_session, kepala=True))
    _, biasa = _akun_baru(app, db_session, [R.PEGAWAI], _pegawai_bebas(db_session, kepala=False))
    klien = {u: masuk(app, u) for u in (kepala, biasa)}
    with _tanpa_cache(app):
        langsung = {u: _halaman(c) for u, c in klien.items()}
    assert langsung[kepala] != langsung[biasa]
    assert "Tim Pemantau</a>" in langsung[kepala] and "Tim Pemantau</a>" not in langsung[biasa]
    for urutan in ((kepala, biasa), (biasa, kepala)):
        cache_menu(app).kosongkan()
        for _ in range(2):
            for u in urutan:
                assert _halaman(klien[u], "/skp/list/") == langsung[u], (urutan, u)


@pytest.mark.parametrize("username, url", [("penilai", "/skp/list/"), ("operator", "/pegawaiview/list/")])
def test_permintaan_kedua_tidak_menambah_sql(app, login, hitung_sql, username, url):
    """(d) A list page whose menu comes from the cache sends no more statements than one rendering it."""
    c = login(username)
    c.get(url)  # login bookkeeping
    cache_menu(app).kosongkan()
    with _catat_render(app) as dirender, hitung_sql() as pertama:
        assert c.get(url).status_code == 200
    assert TEMPLAT_MENU in dirender
    with _catat_render(app) as dirender, hitung_sql() as kedua:
        assert c.get(url).status_code == 200
    assert TEMPLAT_MENU not in dirender
    assert kedua.n <= pertama.n, (pertama.statements, kedua.statements)


def test_kosong_pasti_hanya_menurut_fakta_kunci():
    """The cache key holds whether the user has an employee record and a position, not their ids: so no scope
    may decide ``false()`` on an id's value. Every scope of every role, for every combination of the facts,
    answers the same with other ids."""
    berbeda = []
    for pegawai, jabatan, kepala, anggota, pemohon in itertools.product((None, 1), (None, 2), *[(False, True)] * 3):
        k = Konteks(3, set(), pegawai, jabatan, kepala, anggota, pemohon)
        lain = replace(k, user_id=30303, pegawai_id=pegawai and 40404, jabatan_id=jabatan and 50505)
        for kunci, per_peran in SCOPES.items():
            for role, fn in per_peran.items():
                if kosong_pasti(fn(replace(k, role_names={role}))) != kosong_pasti(
                    fn(replace(lain, role_names={role}))
                ):
                    berbeda.append((kunci, role, k))
    assert not berbeda
