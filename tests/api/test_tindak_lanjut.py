"""The REST API of the R14 registers (tindak lanjut sanksi, penghargaan): reads within the reader's scope,
writes by the roles of the matrix, validated and audited.

Each test creates its own evaluations (demo year 2026) and removes what it made.
"""

from __future__ import annotations

from sqlalchemy import delete, func, select

from app.queries import tindak_lanjut as q
from app.rules import JenisTindakLanjut
from schema.models import EvaluasiKinerja, Jabatan, Pegawai, Penghargaan, TindakLanjutSanksi
from tests.bantu import audit_baris, audit_terakhir, evaluasi_uji, jumlah_tindak_lanjut, put_terkunci

TAHUN = 2026


REK = JenisTindakLanjut.REKOMENDASI_PEMUTUSAN_PPPK.value


E = EvaluasiKinerja


# -- REST API ----------------------------------------------------------------------------------------------


def _semua(c, url):
    r = c.get(url + "?q=(page_size:500)")
    assert r.status_code == 200, (url, r.status_code)
    return r.get_json()


def test_api_sanksi_baca_sesuai_cakupan(login, db_session):
    from seeds.demo import pilih_pegawai_demo

    d = pilih_pegawai_demo(db_session)
    total = db_session.scalar(select(func.count(TindakLanjutSanksi.id)))
    T = TindakLanjutSanksi
    for user in ("operator", "pyb", "admin"):
        assert _semua(login(user), "/api/v1/tindak_lanjut_sanksi/")["count"] == total
    milik = set(db_session.scalars(select(T.id).join(E, E.id == T.evaluasi_id).where(E.penilai_id == d["penilai"])))
    js = _semua(login("penilai"), "/api/v1/tindak_lanjut_sanksi/")
    assert milik and {r["id"] for r in js["result"]} == milik and js["count"] == len(milik) <= total
    assert all(r["pegawai"]["nip"] and r["evaluasi"]["id"] and r["jenis"] and r["status"] for r in js["result"])
    # the employee: only their own; an entry of someone else by id → 404
    js = _semua(login("pegawai"), "/api/v1/tindak_lanjut_sanksi/")
    assert all(r["pegawai"]["id"] == d["pegawai"] for r in js["result"])
    lain = db_session.scalar(select(T.id).where(T.pegawai_id != d["pegawai"]).limit(1))
    assert login("pegawai").get(f"/api/v1/tindak_lanjut_sanksi/{lain}").status_code == 404
    assert login("penilai").get(f"/api/v1/tindak_lanjut_sanksi/{lain}").status_code in (200, 404)
    for user in ("tim", "konselor"):  # no register rights of their own; as Pegawai they see their own rows only
        assert all(
            r["pegawai"]["id"] == d[user] for r in _semua(login(user), "/api/v1/tindak_lanjut_sanksi/")["result"]
        )
    assert login("operator").get("/api/v1/tindak_lanjut_sanksi/99999999999").status_code == 404


def test_api_sanksi_tulis_pyb_dan_ubah_pengelola(login, db_session):
    with evaluasi_uji(db_session, ("pppk", "kurang", "final"), ("pns", "baik", "final")) as (ev, ev_pns):
        c = login("pyb")
        sejak = audit_terakhir(db_session)
        url = "/api/v1/tindak_lanjut_sanksi/"
        r = c.post(url, json={"evaluasi_id": ev.id, "jenis": REK})
        assert r.status_code == 422 and "tidak tercapai" in r.get_json()["message"]
        r = c.post(url, json={"evaluasi_id": ev_pns.id, "jenis": REK, "target_tidak_tercapai": True})
        assert r.status_code == 422 and "hanya untuk pegawai PPPK" in r.get_json()["message"]
        r = c.post(url, json={"evaluasi_id": 2**31, "jenis": REK})  # beyond PostgreSQL integer: 422, not 500
        assert r.status_code == 422 and "evaluasi_id" in r.get_json()["message"]
        r = c.post(url, json={"evaluasi_id": ev.id, "jenis": "cuti", "mulai": "kemarin"})
        assert r.status_code == 422 and {"jenis", "mulai"} <= set(r.get_json()["message"])
        r = c.post(
            url, json={"evaluasi_id": ev.id, "jenis": REK, "target_tidak_tercapai": True, "catatan": '=HYPERLINK("x")'}
        )
        assert r.status_code == 201, r.get_json()
        pk = r.get_json()["id"]
        assert r.get_json()["result"]["pegawai"]["id"] == ev.pegawai_id
        r = c.post(url, json={"evaluasi_id": ev.id, "jenis": REK, "target_tidak_tercapai": True})
        assert r.status_code == 422 and r.get_json()["message"] == q.PESAN_GANDA
        assert jumlah_tindak_lanjut(db_session, ev.id) == 1
        # edits: Operator/PyB (matrix "e"); dates checked; audited
        op = login("operator")
        r = put_terkunci(op, f"{url}{pk}", {"status": "selesai", "mulai": "2027-03-01", "selesai": "2027-02-01"})
        assert r.status_code == 422 and "Tanggal selesai" in r.get_json()["message"]
        r = put_terkunci(op, f"{url}{pk}", {"status": "libur"})
        assert r.status_code == 422 and "status" in r.get_json()["message"]
        r = put_terkunci(op, f"{url}{pk}", {"status": "selesai", "force_majeure": True})
        assert r.status_code == 200 and r.get_json()["result"]["status"] == "selesai"
        db_session.expire_all()
        t = db_session.get(TindakLanjutSanksi, pk)
        assert (t.status, t.force_majeure) == ("selesai", True)
        assert audit_baris(db_session, "tindak_lanjut_sanksi", pk, sejak) == [("tambah", "pyb"), ("ubah", "operator")]
        for user in ("penilai", "atasan", "pegawai"):
            assert login(user).put(f"{url}{pk}", json={"status": "dibatalkan"}).status_code in (401, 403, 404)
        assert op.delete(f"{url}{pk}").status_code in (404, 405)
        assert db_session.get(TindakLanjutSanksi, pk) is not None


def test_api_penghargaan_cakupan_dan_tulis(login, db_session):
    from seeds.demo import pilih_pegawai_demo

    d = pilih_pegawai_demo(db_session)
    url = "/api/v1/penghargaan/"
    total = db_session.scalar(select(func.count(Penghargaan.id)))
    assert _semua(login("operator"), url)["count"] == total
    js = _semua(login("pegawai"), url)
    assert all(r["pegawai"]["id"] == d["pegawai"] for r in js["result"])
    lain = db_session.scalar(select(Penghargaan.id).where(Penghargaan.pegawai_id != d["pegawai"]).limit(1))
    assert lain is None or login("pegawai").get(f"{url}{lain}").status_code == 404
    for user in ("tim", "konselor"):  # no register rights of their own; as Pegawai they see their own rows only
        assert all(r["pegawai"]["id"] == d[user] for r in _semua(login(user), url)["result"])

    op = login("operator")
    sejak = audit_terakhir(db_session)
    r = op.post(url, json={"pegawai_id": d["konselor"], "tahun": 1990, "jenis": "bintang"})
    assert r.status_code == 422 and {"tahun", "jenis"} <= set(r.get_json()["message"])
    r = op.post(url, json={"pegawai_id": 2**31 - 1, "tahun": TAHUN, "jenis": "lainnya"})
    assert r.status_code == 422 and "Pegawai tidak ditemukan" in str(r.get_json()["message"])
    r = op.post(url, json={"pegawai_id": d["konselor"], "tahun": TAHUN, "jenis": "lainnya", "uraian": "Satyalancana"})
    assert r.status_code == 201, r.get_json()
    pk = r.get_json()["id"]
    try:
        r = put_terkunci(op, f"{url}{pk}", {"uraian": "Satyalancana Karya Satya X"})
        assert r.status_code == 200 and r.get_json()["result"]["uraian"].endswith("X")
        assert put_terkunci(op, f"{url}{pk}", {"jenis": "emas"}).status_code == 422
        assert audit_baris(db_session, "penghargaan", pk, sejak) == [("tambah", "operator"), ("ubah", "operator")]
        for user in ("penilai", "pegawai"):
            c = login(user)
            assert c.post(url, json={"pegawai_id": d["pegawai"], "tahun": TAHUN, "jenis": "lainnya"}).status_code in (
                401,
                403,
            )
            assert c.put(f"{url}{pk}", json={"uraian": "x"}).status_code in (401, 403, 404)
        # the evaluator reads the rewards of direct subordinates only
        js = _semua(login("penilai"), url)
        bawahan = set(
            db_session.scalars(
                select(Pegawai.id).where(
                    Pegawai.jabatan_id.in_(
                        select(Jabatan.id).where(Jabatan.atasan_id == db_session.get(Pegawai, d["penilai"]).jabatan_id)
                    )
                )
            )
        )
        assert all(r["pegawai"]["id"] in bawahan for r in js["result"])
    finally:
        db_session.execute(delete(Penghargaan).where(Penghargaan.id == pk))
        db_session.commit()
