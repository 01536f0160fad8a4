"""The in-app centre: each user reads and marks only their own notifications (HTML and JSON); the bell's count
comes from its JSON endpoint; one key, one notification."""

from __future__ import annotations

import re

from sqlalchemy import func, select

from app.queries import notifikasi as q
from schema.models.notifikasi import Notifikasi
from tests.bantu import masuk_csrf
from tests.notifikasi.conftest import uid


def test_hanya_milik_sendiri_html_dan_json(login, buat):
    mine = buat("pegawai", judul="SKP Anda dikembalikan untuk diperbaiki", tautan="/skp/")
    lain = buat("penilai", judul="SKP bawahan menunggu persetujuan Anda", tautan="/skp/")
    c = login("pegawai")
    teks = c.get("/notifikasi/").get_data(as_text=True)
    assert mine.judul in teks and lain.judul not in teks
    d = c.get("/notifikasi/json").get_json()
    ids = {n["id"] for n in d["data"]}
    assert mine.id in ids and lain.id not in ids
    # another user's entry: 404 whatever the method, nothing marked
    assert c.get(f"/notifikasi/{lain.id}").status_code == 404
    assert c.post(f"/notifikasi/{lain.id}/dibaca").status_code == 404
    assert c.get("/notifikasi/abc").status_code == 404
    adm = login("admin")  # the Admin too sees only their own
    assert lain.judul not in adm.get("/notifikasi/").get_data(as_text=True)
    assert adm.get(f"/notifikasi/{lain.id}").status_code == 404


def test_lonceng_jumlah_dan_tandai_dibaca(login, buat, db_session):
    c = login("pegawai")
    awal = c.get("/notifikasi/jumlah").get_json()["belum_dibaca"]
    a = buat("pegawai", judul="Satu")
    b = buat("pegawai", judul="Dua", tautan="/evaluasikinerja/list/")
    assert c.get("/notifikasi/jumlah").get_json()["belum_dibaca"] == awal + 2
    assert 'id="lonceng-notifikasi"' in c.get("/notifikasi/").get_data(as_text=True)
    r = c.post(f"/notifikasi/{a.id}/dibaca")
    assert r.status_code == 302
    assert c.get("/notifikasi/jumlah").get_json()["belum_dibaca"] == awal + 1
    r = c.get(f"/notifikasi/{b.id}")  # opening goes to the record and marks it read
    assert r.status_code == 302 and r.headers["Location"].endswith("/evaluasikinerja/list/")
    assert c.get("/notifikasi/jumlah").get_json()["belum_dibaca"] == awal
    buat("pegawai", judul="Tiga")
    c.post("/notifikasi/semua-dibaca")
    assert c.get("/notifikasi/jumlah").get_json()["belum_dibaca"] == 0
    db_session.rollback()
    assert db_session.get(Notifikasi, a.id).dibaca_pada is not None


def test_kunci_unik_sekali(buat, db_session):
    a = buat("pegawai", kunci="uji-sekali:skp:1:h-3")
    assert a is not None
    assert buat("pegawai", kunci="uji-sekali:skp:1:h-3") is None
    n = db_session.scalar(select(func.count()).where(Notifikasi.kunci_unik == "uji-sekali:skp:1:h-3"))
    assert n == 1


def test_jenis_rahasia_hanya_kalimat_netral(buat):
    n = buat(
        "konselor",
        jenis="laporan_perilaku",
        judul="Laporan perilaku Budi 199001012015031001",
        isi="Budi terlambat 12 kali",
    )
    assert "Budi" not in n.judul + n.isi and "1990" not in n.judul + n.isi
    assert n.isi == q.PESAN_RAHASIA


def test_tandai_dibaca_perlu_csrf(app_csrf, db_session, buat):
    n = buat("pegawai", judul="Perlu CSRF")
    c = app_csrf.test_client()
    token = masuk_csrf(c, "pegawai")
    assert c.post(f"/notifikasi/{n.id}/dibaca").status_code == 400
    db_session.rollback()
    assert db_session.get(Notifikasi, n.id).dibaca_pada is None
    teks = c.get("/notifikasi/").get_data(as_text=True)
    assert re.search(r'name="csrf_token" value="[^"]+"', teks)
    assert c.post(f"/notifikasi/{n.id}/dibaca", data={"csrf_token": token}).status_code == 302
    db_session.rollback()
    assert db_session.get(Notifikasi, n.id).dibaca_pada is not None
    assert uid(db_session, "pegawai") == n.user_id
