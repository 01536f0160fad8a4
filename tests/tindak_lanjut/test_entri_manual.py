"""Tindak lanjut through HTTP: the manual register entry (PPPK termination recommendation, 001 Pasal
31(2)) by PPK/PyB, one entry per evaluation × jenis (revision 0004), a clear message on a duplicate race.

Each test creates its own evaluations (demo year 2026) and removes what it made.
"""

from __future__ import annotations

import pytest
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from app.queries import tindak_lanjut as q
from app.rules import JenisTindakLanjut
from schema.models import EvaluasiKinerja, Pegawai, TindakLanjutSanksi
from tests.bantu import audit_baris, audit_terakhir, evaluasi_uji, jumlah_tindak_lanjut

TAHUN = 2026


REK = JenisTindakLanjut.REKOMENDASI_PEMUTUSAN_PPPK.value


E = EvaluasiKinerja


def _tambah(c, ev_id, jenis=REK, **kw):
    data = {"evaluasi": ev_id, "jenis": jenis, "status": "dibuka", **kw}
    return c.post("/tindaklanjutsanksiview/add", data=data, follow_redirects=True)


# -- manual entry through the view (PPK/PyB) ---------------------------------------------------------------


def test_rekomendasi_pppk_manual_divalidasi_dan_diaudit(login, db_session):
    """001 Pasal 31(2): only for a PPPK, only from a final annual result judged below the contract target."""
    with evaluasi_uji(
        db_session, ("pppk", "butuh_perbaikan", "final"), ("pns", "baik", "final"), ("pppk", "kurang", "draf")
    ) as (ev, ev_pns, ev_draf):
        c = login("pyb")
        sejak = audit_terakhir(db_session)
        r = c.get("/tindaklanjutsanksiview/add")
        assert r.status_code == 200 and 'id="form-tambah-sanksi"' in r.get_data(as_text=True)
        # the evaluation picker offers final annual evaluations only (by name)
        nama = db_session.get(Pegawai, ev.pegawai_id).nama
        hasil = c.get(f"/tindaklanjutsanksiview/lookup/evaluasi?q={nama[:6]}").get_json()["results"]
        assert ev.id in {h["id"] for h in hasil} and ev_draf.id not in {h["id"] for h in hasil}

        teks = _tambah(c, ev.id).get_data(as_text=True)  # the contract assessment not stated
        assert "tidak tercapai" in teks and jumlah_tindak_lanjut(db_session, ev.id) == 0
        teks = _tambah(c, ev_pns.id, target_tidak_tercapai="1").get_data(as_text=True)
        assert "hanya untuk pegawai PPPK" in teks and jumlah_tindak_lanjut(db_session, ev_pns.id) == 0
        teks = _tambah(c, ev.id, jenis="perbaikan_6_bulan", target_tidak_tercapai="1").get_data(as_text=True)
        assert "Bagi PPPK" in teks and jumlah_tindak_lanjut(db_session, ev.id) == 0
        teks = _tambah(c, ev_draf.id, target_tidak_tercapai="1").get_data(as_text=True)
        assert "sudah final" in teks and jumlah_tindak_lanjut(db_session, ev_draf.id) == 0
        teks = _tambah(c, ev.id, target_tidak_tercapai="1", mulai="2027-02-10", selesai="2027-01-01").get_data(
            as_text=True
        )
        assert "Tanggal selesai tidak boleh sebelum" in teks and jumlah_tindak_lanjut(db_session, ev.id) == 0
        assert "tidak ditemukan" in _tambah(c, 2**31 - 1, target_tidak_tercapai="1").get_data(as_text=True)

        r = c.post(
            "/tindaklanjutsanksiview/add",
            data={
                "evaluasi": ev.id,
                "jenis": REK,
                "status": "berjalan",
                "target_tidak_tercapai": "1",
                "catatan": "Rapat tim PPPK",
            },
        )
        assert r.status_code == 302 and "/show/" in r.headers["Location"]
        t = db_session.scalars(select(TindakLanjutSanksi).where(TindakLanjutSanksi.evaluasi_id == ev.id)).one()
        assert (t.pegawai_id, t.jenis, t.status, t.force_majeure) == (ev.pegawai_id, REK, "berjalan", False)
        assert "001 Pasal 31(2)" in t.catatan and "Rapat tim PPPK" in t.catatan
        assert audit_baris(db_session, "tindak_lanjut_sanksi", t.id, sejak) == [("tambah", "pyb")]
        assert c.get(f"/tindaklanjutsanksiview/show/{t.id}").status_code == 200

        # a second identical entry: the clear message, nothing written (unique evaluation × jenis)
        teks = _tambah(c, ev.id, target_tidak_tercapai="1").get_data(as_text=True)
        assert "sudah ada di register" in teks and jumlah_tindak_lanjut(db_session, ev.id) == 1


@pytest.mark.parametrize("user", ["operator", "penilai", "atasan", "pegawai", "tim", "konselor"])
def test_rekomendasi_pppk_ditolak_untuk_peran_lain(login, db_session, user):
    """Only the PPK/PyB (and Admin) record entries by hand: the others get no form and write nothing."""
    with evaluasi_uji(db_session, ("pppk", "kurang", "final")) as (ev,):
        c = login(user)
        assert c.get("/tindaklanjutsanksiview/add").status_code in (302, 403)
        r = c.post("/tindaklanjutsanksiview/add", data={"evaluasi": ev.id, "jenis": REK, "target_tidak_tercapai": "1"})
        assert r.status_code in (302, 403)
        r = c.post(
            "/api/v1/tindak_lanjut_sanksi/", json={"evaluasi_id": ev.id, "jenis": REK, "target_tidak_tercapai": True}
        )
        assert r.status_code in (401, 403)
        assert jumlah_tindak_lanjut(db_session, ev.id) == 0


def test_entri_manual_pns_mengikuti_jalur_predikat(login, db_session):
    """003 Pasal 34: a PNS JA with Kurang may get a path step by hand; Baik triggers nothing."""
    with evaluasi_uji(db_session, ("pns", "kurang", "final"), ("pns", "baik", "final")) as (ev, ev_baik):
        c = login("admin")
        r = _tambah(c, ev.id, jenis="uji_kompetensi_ulang")
        assert jumlah_tindak_lanjut(db_session, ev.id) == 1, r.get_data(as_text=True)[:2000]
        teks = _tambah(c, ev_baik.id, jenis="perbaikan_6_bulan").get_data(as_text=True)
        assert "tidak memicu" in teks and jumlah_tindak_lanjut(db_session, ev_baik.id) == 0
        teks = _tambah(c, ev.id, jenis=REK, target_tidak_tercapai="1").get_data(as_text=True)
        assert "hanya untuk pegawai PPPK" in teks


# -- one entry per evaluation × jenis (0004) ---------------------------------------------------------------


def test_satu_entri_per_evaluasi_dan_jenis_di_basis_data(db_session):
    t = db_session.scalars(select(TindakLanjutSanksi).order_by(TindakLanjutSanksi.id).limit(1)).one()
    db_session.add(
        TindakLanjutSanksi(
            pegawai_id=t.pegawai_id, evaluasi_id=t.evaluasi_id, jenis=t.jenis, status="dibuka", force_majeure=False
        )
    )
    with pytest.raises(IntegrityError) as e:
        db_session.flush()
    db_session.rollback()
    assert q.pesan_integritas(e.value) == q.PESAN_GANDA


def test_balapan_entri_ganda_pesan_jelas(login, db_session, monkeypatch):
    """Two PyB users at once: the pre-check passes for both, the constraint refuses the second with the message."""
    with evaluasi_uji(db_session, ("pppk", "kurang", "final")) as (ev,):
        c = login("pyb")
        assert (
            c.post(
                "/tindaklanjutsanksiview/add", data={"evaluasi": ev.id, "jenis": REK, "target_tidak_tercapai": "1"}
            ).status_code
            == 302
        )
        monkeypatch.setattr(q, "entri_ada", lambda *a, **kw: False)
        teks = _tambah(c, ev.id, target_tidak_tercapai="1").get_data(as_text=True)
        assert q.PESAN_GANDA.split(" (")[0] in teks
        r = c.post(
            "/api/v1/tindak_lanjut_sanksi/", json={"evaluasi_id": ev.id, "jenis": REK, "target_tidak_tercapai": True}
        )
        assert r.status_code == 422 and r.get_json()["message"] == q.PESAN_GANDA
        assert jumlah_tindak_lanjut(db_session, ev.id) == 1
