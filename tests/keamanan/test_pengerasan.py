"""Hardening: security headers, CSRF on forms and actions, login throttling, safe redirects (9)."""

import pytest

from tests.bantu import masuk_csrf
from tests.conftest import PASSWORD, make_app


def test_header_keamanan(login):
    r = login().get("/login/")
    assert r.headers["X-Frame-Options"] == "DENY"
    assert r.headers["X-Content-Type-Options"] == "nosniff"
    assert "frame-ancestors 'none'" in r.headers["Content-Security-Policy"]


def test_csrf_form_dan_aksi(app_csrf):
    c = app_csrf.test_client()
    masuk_csrf(c)
    r = c.post("/pegawaiview/add", data={"nip": "199001012015031001", "nama": "Tanpa Token"})
    assert r.status_code == 400
    r = c.post("/pegawaiview/action_post", data={"action": "muti", "rowid": "1"})
    assert r.status_code == 400
    r = c.post("/impor/unggah", data={"jenis": "pegawai"})
    assert r.status_code == 400


def test_aksi_get_tanpa_csrf_ditolak(login):
    assert login("operator").get("/pegawaiview/action/apa/1").status_code == 405


def test_throttling_login(app, database_url):
    """Failed logins per account (app/security/login.py; more in tests/keamanan/test_login.py)."""
    a = make_app(database_url, RATELIMIT_ENABLED=True, LOGIN_GAGAL_PER_AKUN="5 per 60 second")
    c = a.test_client()
    kode = [c.post("/login/", data={"username": "operator", "password": "salah"}).status_code for _ in range(7)]
    assert kode[:5] == [302] * 5  # failed login: back to the form
    assert kode[5:] == [429, 429]


def test_redirect_asing_tidak_diikuti(login):
    c = login()
    r = c.post("/login/?next=https://jahat.example.com/", data={"username": "operator", "password": PASSWORD})
    assert r.status_code == 302
    assert "jahat.example.com" not in r.headers["Location"]


def test_mode_produksi_menolak_sandi_demo_dan_cookie_aman(app, database_url):
    a = make_app(database_url, PRODUCTION=True, SESSION_COOKIE_SECURE=True)
    c = a.test_client()
    r = c.post("/login/", data={"username": "operator", "password": PASSWORD})
    assert r.status_code == 302 and "/login" in r.headers["Location"]  # refused: back to the form
    assert a.config["SESSION_COOKIE_SECURE"] and a.config["SESSION_COOKIE_HTTPONLY"]
    with a.app_context():
        from app.cli import siapkan_data

        assert "pengguna" not in siapkan_data(a, pegawai=60)  # no demo logins in production


@pytest.mark.parametrize(
    "sandi, pesan",
    [
        ("pendek1!A", "minimal 10 karakter"),
        ("semuakecil123!", "huruf besar"),
        ("TanpaAngka!!x", "angka"),
        ("TanpaSimbol123", "simbol"),
    ],
)
def test_kebijakan_sandi(app, sandi, pesan):
    from flask_appbuilder.exceptions import PasswordComplexityValidationError

    from app.security.sandi import validasi_sandi

    with app.app_context():
        with pytest.raises(PasswordComplexityValidationError, match=pesan):
            validasi_sandi(sandi)
        validasi_sandi("Sandi#Kuat2026")


def test_sandi_demo_ditolak_sebagai_sandi_baru_di_produksi(app, database_url):
    from flask_appbuilder.exceptions import PasswordComplexityValidationError

    from app.security.sandi import validasi_sandi

    a = make_app(database_url, PRODUCTION=True)
    with a.app_context():
        with pytest.raises(PasswordComplexityValidationError, match="demo"):
            validasi_sandi(PASSWORD)
