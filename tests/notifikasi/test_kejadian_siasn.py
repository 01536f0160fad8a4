"""A SIASN outbox row that becomes "gagal" tells the operators of the employee's instansi — once per row and attempt
cycle, however often the sender runs; a resend by the operator that fails again is a new cycle. The text holds
neither SIASN's message nor anything of the integration's settings. SIASN is the loopback server (tests/siasn_server.py)."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import delete, select, update

from app import surel
from schema.models import EvaluasiKinerja, Pegawai, TandaTangan
from schema.models.notifikasi import Notifikasi
from schema.models.siasn import KirimSiasn
from tests import bantu
from tests.notifikasi.conftest import alamat_diharapkan, teks_surel, uid
from tests.siasn.conftest import hasil_final, siasn  # noqa: F401 - siasn: the SIASN fixture of tests/siasn
from tests.siasn_server import server_siasn  # noqa: F401

TAHUN = 2036
ORANG = "a1b2c3d4-0000-4000-8000-000000002036"


@pytest.fixture()
def ev_final(db_session, siasn):  # noqa: F811
    """The demo employee's annual result, delivered and final (assessed by the atasan because the penilai was late);
    the employee's SIASN id known. Other tests' queued rows wait (this test's sender sends only its own)."""
    d = db_session
    peg, kolom = hasil_final(d, siasn, ORANG, TAHUN)
    ev = EvaluasiKinerja(jenis="tahunan", periode_jenis="tahunan", periode_nomor=1, **kolom)
    d.add(ev)
    d.commit()
    yield ev.id
    d.rollback()
    rows = d.scalars(select(KirimSiasn.id).where(KirimSiasn.evaluasi_id == ev.id)).all()
    d.execute(delete(Notifikasi).where(Notifikasi.tautan.in_([f"/kirimsiasn/show/{r}" for r in rows])))
    d.execute(delete(KirimSiasn).where(KirimSiasn.evaluasi_id == ev.id))
    d.execute(delete(TandaTangan).where(TandaTangan.jenis_dokumen == "evaluasi", TandaTangan.dokumen_id == ev.id))
    d.execute(delete(EvaluasiKinerja).where(EvaluasiKinerja.id == ev.id))
    d.execute(update(Pegawai).where(Pegawai.id == peg.id).values(siasn_id=None))
    d.commit()


def _kirim(login):
    r = login("operator").post("/kirimsiasn/kirim/")
    assert r.status_code == 302 and "/pekerjaan/" in r.headers["Location"], r.headers.get("Location")


def _gagal(db, tautan) -> list[Notifikasi]:
    db.rollback()
    return db.scalars(
        select(Notifikasi).where(Notifikasi.jenis == "siasn_gagal", Notifikasi.tautan == tautan).order_by(Notifikasi.id)
    ).all()


def test_gagal_kirim_siasn_sekali_ke_operator(login, db_session, ev_final, siasn, smtp, konfigurasi):  # noqa: F811
    db = db_session
    login = bantu.login_bersih(login)
    assert login("pegawai").post(f"/evaluasi/terima/{ev_final}").status_code == 302  # final: queued
    db.rollback()
    row = db.scalars(select(KirimSiasn).where(KirimSiasn.evaluasi_id == ev_final)).one()
    tautan = f"/kirimsiasn/show/{row.id}"

    siasn.gagal_berikutnya("/skp22/save", "500")  # a temporary failure is retried: nobody is told yet
    _kirim(login)
    assert _gagal(db, tautan) == []

    db.execute(update(KirimSiasn).where(KirimSiasn.id == row.id).values(coba_lagi_pada=dt.datetime(2000, 1, 1)))
    db.commit()
    siasn.gagal_berikutnya("/skp22/save", "400", pesan="NIP penilai tidak terdaftar")
    _kirim(login)
    _kirim(login)  # the sender runs again: the failed row is not sent, nor anyone told twice
    (n,) = _gagal(db, tautan)
    kirim = db.get(KirimSiasn, row.id)
    assert n.user_id == uid(db, "operator") and kirim.status == "gagal"
    assert "NIP penilai tidak terdaftar" in kirim.galat_terakhir  # SIASN refused (400), not a payload error
    peg = db.get(Pegawai, row.pegawai_id)
    assert peg.nama in n.judul and "NIP penilai tidak terdaftar" not in f"{n.judul} {n.isi}"
    rahasia = siasn.konfigurasi()
    surel.kirim_surel_menunggu(konfigurasi)
    surel.kirim_surel_menunggu(konfigurasi)
    ((to, m),) = smtp.untuk([n.id])
    assert to == [alamat_diharapkan(db, "operator")]
    teks = teks_surel(m)
    assert n.judul in teks
    for k in ("consumer_secret", "password"):
        assert str(rahasia[k]) not in f"{teks} {n.judul} {n.isi} {n.kunci_unik}", k
    assert login("operator").get(tautan).status_code == 200

    # the operator resends and SIASN refuses again: a new attempt cycle, one more notification
    r = login("operator").post("/kirimsiasn/action_post", data={"action": "kirim_ulang", "rowid": [row.id]})
    assert r.status_code == 302
    siasn.gagal_berikutnya("/skp22/save", "400", pesan="Data tidak valid")
    _kirim(login)
    _kirim(login)
    assert [x.user_id for x in _gagal(db, tautan)] == [uid(db, "operator")] * 2
