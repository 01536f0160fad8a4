"""Ending a login session server-side (app/security/sesi.py): a session cookie copied before logging out, a
password change (own or by Admin) or a deactivation no longer opens anything; logging out ends *every* session
and API token of that user, in every browser; a fresh login works.

Each test uses its own new account (role PyB), never a demo user: ending a demo user's sessions would log out
the clients of other tests.
"""

import itertools

import pytest

from tests.bantu import masuk
from tests.conftest import PASSWORD

HALAMAN = "/konseling/list/"  # the page of the probe (PyB may list it)
SANDI_BARU = "Sandi#Baru2026x"
_nomor = itertools.count(1)


@pytest.fixture()
def akun(app):
    """A new PyB login; returns (id, username)."""
    with app.app_context():
        sm = app.appbuilder.sm
        nama = f"uji_sesi_{next(_nomor)}"
        u = sm.add_user(nama, "Uji", "Sesi", f"{nama}@contoh.go.id", [sm.find_role("PyB")], password=PASSWORD)
        assert u, nama
        return u.id, nama


def _masuk(app, username, password=PASSWORD):
    c = masuk(app, username, password)
    assert c.get(HALAMAN).status_code == 200
    return c


def _salin(app, c):
    """Another browser holding a copy of ``c``'s session cookie."""
    salinan = app.test_client()
    salinan.set_cookie("session", c.get_cookie("session").value)
    return salinan


def _ke_login(c) -> bool:
    r = c.get(HALAMAN)
    return r.status_code == 302 and "/login" in r.headers["Location"]


def _api_masuk(app, username, password=PASSWORD):
    r = app.test_client().post(
        "/api/v1/security/login", json={"username": username, "password": password, "provider": "db", "refresh": True}
    )
    assert r.status_code == 200
    return r.get_json()


def _api_get(app, token):
    return app.test_client().get("/api/v1/pegawai/", headers={"Authorization": f"Bearer {token}"})


def test_keluar_mengakhiri_salinan_cookie_dan_semua_sesi(app, akun):
    _, nama = akun
    c = _masuk(app, nama)
    salinan = _salin(app, c)
    lain = _masuk(app, nama)  # a second browser of the same user, logged in on its own
    assert salinan.get(HALAMAN).status_code == 200
    c.get("/logout/")
    assert _ke_login(c)
    assert _ke_login(salinan)  # the copied cookie
    assert _ke_login(lain)  # logging out ends every session of the user
    assert _masuk(app, nama).get(HALAMAN).status_code == 200  # a fresh login works


def test_keluar_mengakhiri_token_api(app, akun):
    _, nama = akun
    token = _api_masuk(app, nama)
    assert _api_get(app, token["access_token"]).status_code == 200
    _masuk(app, nama).get("/logout/")
    assert _api_get(app, token["access_token"]).status_code == 401
    r = app.test_client().post(
        "/api/v1/security/refresh", headers={"Authorization": f"Bearer {token['refresh_token']}"}
    )
    assert r.status_code == 401  # the refresh token cannot mint a new access token either
    assert _api_get(app, _api_masuk(app, nama)["access_token"]).status_code == 200


def test_ganti_sandi_sendiri_mengakhiri_sesi_lain(app, akun):
    _, nama = akun
    c = _masuk(app, nama)
    salinan = _salin(app, c)
    lain = _masuk(app, nama)
    token = _api_masuk(app, nama)["access_token"]
    r = c.post("/resetmypassword/form", data={"password": SANDI_BARU, "conf_password": SANDI_BARU})
    assert r.status_code == 302
    assert c.get(HALAMAN).status_code == 200  # the browser that changed it stays logged in
    assert _ke_login(salinan)
    assert _ke_login(lain)
    assert _api_get(app, token).status_code == 401
    r = app.test_client().post("/login/", data={"username": nama, "password": PASSWORD})
    assert "/login" in r.headers["Location"]  # the old password is gone
    _masuk(app, nama, SANDI_BARU)


def test_ganti_sandi_oleh_admin_mengakhiri_sesi(app, akun, login):
    uid, nama = akun
    c = _masuk(app, nama)
    salinan = _salin(app, c)
    r = login("admin").post(f"/resetpassword/form?pk={uid}", data={"password": SANDI_BARU, "conf_password": SANDI_BARU})
    assert r.status_code == 302
    assert _ke_login(c)
    assert _ke_login(salinan)
    _masuk(app, nama, SANDI_BARU)


def test_nonaktif_mengakhiri_sesi_juga_sesudah_diaktifkan_lagi(app, akun, login):
    uid, nama = akun
    c = _masuk(app, nama)
    salinan = _salin(app, c)
    admin = login("admin")
    with app.app_context():
        pyb = app.appbuilder.sm.find_role("PyB").id
    isian = {
        "first_name": "Uji",
        "last_name": "Sesi",
        "username": nama,
        "email": f"{nama}@contoh.go.id",
        "roles": [pyb],
    }
    r = admin.post(f"/users/edit/{uid}", data=isian)  # "active" unticked
    assert r.status_code == 302
    assert _ke_login(c)
    r = admin.post(f"/users/edit/{uid}", data={**isian, "active": "y"})
    assert r.status_code == 302
    with app.app_context():
        assert app.appbuilder.sm.find_user(username=nama).active
    assert _ke_login(c)  # reactivation does not bring the old sessions back
    assert _ke_login(salinan)
    _masuk(app, nama)


def test_sesi_tanpa_generasi_tidak_berlaku(app, akun):
    """A session that carries only the user id (as FAB's did before this change) must log in again."""
    _, nama = akun
    c = _masuk(app, nama)
    with c.session_transaction() as s:
        s.pop("_kinerja_sesi")
    assert _ke_login(c)
