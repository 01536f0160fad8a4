"""Login throttling (app/security/login.py): failed logins per account and per client address, on the API and the
HTML login, one shared store; successful logins do not count; X-Forwarded-For only through ProxyFix.

Dedicated apps with rate limiting on (the shared test app has it off); their counters (in-memory storage of each
app's Flask-Limiter) are emptied before every test.
"""

import pytest

from tests.conftest import PASSWORD, make_app

API = "/api/v1/security/login"
PER_ALAMAT = 8  # small per-address budget for the tests (production default: 50 per 15 minutes)


@pytest.fixture(scope="module")
def app_batas(app, database_url):
    return make_app(
        database_url,
        RATELIMIT_ENABLED=True,
        LOGIN_GAGAL_PER_AKUN="5 per 15 minute",
        LOGIN_GAGAL_PER_ALAMAT=f"{PER_ALAMAT} per 15 minute",
    )


@pytest.fixture(scope="module")
def app_proxy(app, database_url):
    return make_app(
        database_url,
        RATELIMIT_ENABLED=True,
        LOGIN_GAGAL_PER_AKUN="5 per 15 minute",
        LOGIN_GAGAL_PER_ALAMAT=f"{PER_ALAMAT} per 15 minute",
        PROXY_FIX_X_FOR=1,
    )


@pytest.fixture(autouse=True)
def _penghitung_kosong(request):
    for nama in ("app_batas", "app_proxy"):
        if nama in request.fixturenames:
            request.getfixturevalue(nama).appbuilder.sm.limiter.storage.reset()


def _api(c, username, password, **kw):
    return c.post(API, json={"username": username, "password": password, "provider": "db"}, **kw)


def _html(c, username, password, **kw):
    return c.post("/login/", data={"username": username, "password": password}, **kw)


def test_api_login_dibatasi_per_akun(app_batas):
    """The probe: 100 wrong passwords on the API, then the right one."""
    c = app_batas.test_client()
    kode = [_api(c, "operator", f"salah{i}").status_code for i in range(100)]
    assert kode[:5] == [401] * 5
    assert set(kode[5:]) == {429}
    r = _api(c, "operator", PASSWORD)
    assert r.status_code == 429  # the right password too, while locked
    assert "Terlalu banyak percobaan masuk yang gagal" in r.get_json()["message"]
    assert 0 < int(r.headers["Retry-After"]) <= 15 * 60
    # the same account by its e-mail address (FAB accepts both) shares the budget
    with app_batas.app_context():
        email = app_batas.appbuilder.sm.find_user(username="operator").email
    assert _api(c, email, PASSWORD).status_code == 429
    # only the account is locked: the refused attempts did not count against the address
    assert _api(c, "penilai", PASSWORD).status_code == 200


def test_html_login_dibatasi_dan_berbagi_penghitung_dengan_api(app_batas):
    c = app_batas.test_client()
    assert [_html(c, "operator", "salah").status_code for _ in range(3)] == [302] * 3  # back to the form
    assert [_api(c, "operator", "salah").status_code for _ in range(2)] == [401] * 2  # same counter
    r = _html(c, "operator", PASSWORD)
    assert r.status_code == 429
    teks = r.get_data(as_text=True)
    assert "Terlalu banyak percobaan masuk yang gagal" in teks
    assert 'name="password"' in teks  # the login page, not an error page
    assert "Retry-After" in r.headers
    assert c.get("/pegawaiview/list/").status_code == 302  # not logged in


def test_login_berhasil_tidak_dihitung(app_batas):
    """A busy office behind one address: many successful logins never lock anyone; a success clears the
    account's earlier failures."""
    c = app_batas.test_client()
    for i in range(3 * PER_ALAMAT):  # HTML and API: FAB's own limit refused the 11th HTML login per minute
        if i % 2:
            assert _api(c, "operator", PASSWORD).status_code == 200
        else:
            r = app_batas.test_client().post("/login/", data={"username": "operator", "password": PASSWORD})
            assert r.status_code == 302 and "/login" not in r.headers["Location"]
    for _ in range(2):  # 6 failures in all: the 6th would be refused had the success not cleared the account
        assert [_api(c, "penilai", "salah").status_code for _ in range(3)] == [401] * 3
        assert _api(c, "penilai", PASSWORD).status_code == 200
    r = _html(c, "operator", PASSWORD)
    assert r.status_code == 302 and "/login" not in r.headers["Location"]


def test_batas_per_alamat_lintas_username(app_batas):
    c = app_batas.test_client()
    nama = ["operator", "penilai", "atasan", "pegawai", "tidak_ada_1", "tidak_ada_2", "pyb", "tidak_ada_3"]
    assert len(nama) == PER_ALAMAT
    for i, n in enumerate(nama):
        kirim = _api if i % 2 else _html
        assert kirim(c, n, "salah").status_code in (401, 302)
    r = _api(c, "konselor", PASSWORD)  # an account with no failures, from the same address
    assert r.status_code == 429
    # another address is not affected
    lain = app_batas.test_client()
    assert _api(lain, "konselor", PASSWORD, environ_base={"REMOTE_ADDR": "10.9.8.7"}).status_code == 200


def test_x_forwarded_for_diabaikan_tanpa_proxyfix(app_batas):
    """Without ProxyFix a client cannot escape the per-address limit by inventing X-Forwarded-For."""
    c = app_batas.test_client()
    for i in range(PER_ALAMAT):
        r = _api(c, f"tidak_ada_{i}", "salah", headers={"X-Forwarded-For": f"198.51.100.{i + 1}"})
        assert r.status_code == 401
    r = _api(c, "konselor", PASSWORD, headers={"X-Forwarded-For": "198.51.100.200"})
    assert r.status_code == 429


def test_x_forwarded_for_dipakai_dengan_proxyfix(app_proxy):
    """Behind one configured proxy (PROXY_FIX_X_FOR=1) every client has its own address, not the proxy's."""
    c = app_proxy.test_client()
    for i in range(PER_ALAMAT):
        r = _api(c, f"tidak_ada_{i}", "salah", headers={"X-Forwarded-For": "198.51.100.1"})
        assert r.status_code == 401
    assert _api(c, "konselor", PASSWORD, headers={"X-Forwarded-For": "198.51.100.1"}).status_code == 429
    assert _api(c, "konselor", PASSWORD, headers={"X-Forwarded-For": "198.51.100.2"}).status_code == 200
