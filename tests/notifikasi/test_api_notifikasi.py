"""REST API of the notification centre (``/api/v1/notifikasi/``, bearer token): the caller's own entries only,
the Admin included; someone else's id answers 404 like a missing one; no token, no data."""

from __future__ import annotations

from tests.conftest import PASSWORD


def _token(app, username: str) -> dict[str, str]:
    r = app.test_client().post(
        "/api/v1/security/login", json={"username": username, "password": PASSWORD, "provider": "db"}
    )
    assert r.status_code == 200, username
    return {"Authorization": f"Bearer {r.get_json()['access_token']}"}


def test_api_hanya_milik_sendiri(app, buat):
    mine = buat("pegawai", judul="SKP Anda ditetapkan", tautan="/skp/")
    lain = buat("penilai", judul="SKP bawahan diajukan", tautan="/skp/")
    c = app.test_client()
    h = _token(app, "pegawai")
    r = c.get("/api/v1/notifikasi/", headers=h)
    assert r.status_code == 200, r.get_data(as_text=True)
    body = r.get_json()
    ids = {n["id"] for n in body["result"]}
    assert mine.id in ids and lain.id not in ids and body["belum_dibaca"] >= 1
    assert c.get(f"/api/v1/notifikasi/{mine.id}", headers=h).get_json()["result"]["judul"] == mine.judul
    for salah in (lain.id, 2**40, "abc", "-1"):
        assert c.get(f"/api/v1/notifikasi/{salah}", headers=h).status_code == 404, salah
    ha = _token(app, "admin")  # the Admin too reads only their own
    assert lain.id not in {n["id"] for n in c.get("/api/v1/notifikasi/", headers=ha).get_json()["result"]}
    assert c.get(f"/api/v1/notifikasi/{lain.id}", headers=ha).status_code == 404
    assert c.get("/api/v1/notifikasi/").status_code == 401  # no token
    info = c.get("/api/v1/notifikasi/_info", headers=h).get_json()
    assert info["jenis"]["skp_diajukan"] == "SKP diajukan"


def test_api_belum_dibaca_saja(app, buat, db_session):
    a = buat("pegawai", judul="Pertama")
    b = buat("pegawai", judul="Kedua")
    from app.queries import notifikasi as q

    q.tandai_dibaca(a.user_id, a.id)
    db_session.commit()
    r = app.test_client().get("/api/v1/notifikasi/?belum=1", headers=_token(app, "pegawai"))
    ids = {n["id"] for n in r.get_json()["result"]}
    assert b.id in ids and a.id not in ids
