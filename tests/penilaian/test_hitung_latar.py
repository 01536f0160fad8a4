""" "Hitung predikat" for a whole period above HITUNG_LATAR_AMBANG runs as a background job (a Celery worker where
configured) with the same query and the owner's scope; below it, in the request."""

from __future__ import annotations

from sqlalchemy import delete, func, select

from schema.models import EvaluasiKinerja, Pegawai
from schema.models.pekerjaan import Pekerjaan
from tests.bantu import ev_massal

TAHUN = 2094


def _dihitung(db) -> int:
    db.rollback()
    return db.scalar(
        select(func.count())
        .select_from(EvaluasiKinerja)
        .where(EvaluasiKinerja.tahun == TAHUN, EvaluasiKinerja.predikat.is_not(None))
    )


def test_hitung_periode_besar_menjadi_pekerjaan_latar(app, login, db_session, monkeypatch):
    db = db_session
    penilai = db.scalar(select(Pegawai).join(Pegawai.user).where(Pegawai.user.has(username="penilai")))
    n = len(ev_massal(db, 30, TAHUN, penilai.id))
    data = {"tahun": TAHUN, "jenis": "periodik", "periode_nomor": 1}
    try:
        c = login("penilai")
        monkeypatch.setitem(app.config, "PEKERJAAN_SINKRON", True)
        monkeypatch.setitem(app.config, "HITUNG_LATAR_AMBANG", 0)
        r = c.post("/evaluasi/hitung_periode/", data=data)
        assert r.status_code == 302 and "/pekerjaan/" in r.headers["Location"]
        pid = int(r.headers["Location"].rstrip("/").rsplit("/", 1)[1])
        s = c.get(f"/pekerjaan/{pid}/status").get_json()
        assert s["status"] == "selesai", s
        dihitung = _dihitung(db)
        assert 0 < dihitung <= n
        html = c.get(f"/pekerjaan/{pid}").get_data(as_text=True)
        assert f"Predikat dihitung ulang untuk {dihitung} evaluasi draf pada periode itu." in html
        assert db.scalar(select(Pekerjaan.jenis).where(Pekerjaan.id == pid)) == "hitung_predikat"
        assert login("pegawai").get(f"/pekerjaan/{pid}/status").status_code == 404  # the owner's job only
        # below the threshold: in the request, back to the list
        monkeypatch.setitem(app.config, "HITUNG_LATAR_AMBANG", 10**6)
        r = c.post("/evaluasi/hitung_periode/", data=data)
        assert r.status_code == 302 and "/pekerjaan/" not in r.headers["Location"]
    finally:
        db.rollback()
        db.execute(delete(EvaluasiKinerja).where(EvaluasiKinerja.tahun == TAHUN))
        db.commit()
