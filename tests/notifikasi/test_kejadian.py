"""Domain events notify who acts next, in the transaction that performs them: SKP diajukan → penilai,
dikembalikan → pegawai, hasil evaluasi disampaikan → pegawai with the return deadline (R7, working days)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import delete, select

from app import surel
from app.format import tanggal_saja
from app.queries.penilaian.kalender import cuti_bersama
from app.rules.waktu import tenggat_pengembalian
from schema.models.notifikasi import KirimSurel, Notifikasi
from tests import bantu
from tests.notifikasi.conftest import alamat_diharapkan, teks_surel, uid


def _milik(db, username, jenis, tautan):
    db.rollback()
    return db.scalars(
        select(Notifikasi).where(
            Notifikasi.user_id == uid(db, username), Notifikasi.jenis == jenis, Notifikasi.tautan == tautan
        )
    ).all()


def test_skp_diajukan_dan_dikembalikan(login, db_session, smtp, konfigurasi):
    db = db_session
    login = bantu.login_bersih(login)
    c, cp = login("pegawai"), login("penilai")
    skp = bantu.skp_buat(c, db, 2029)
    bantu.skp_siap_ajukan(c, db, skp)
    tautan = f"/skp/show/{skp.id}"
    try:
        assert "ditandatangani dan diajukan" in bantu.skp_post(c, f"/skp/ajukan/{skp.id}", db, skp)
        (n,) = _milik(db, "penilai", "skp_diajukan", tautan)
        assert "2029" in n.judul and _milik(db, "pegawai", "skp_diajukan", tautan) == []
        surel.kirim_surel_menunggu(konfigurasi)
        ((to, m),) = smtp.untuk([n.id])
        assert to == [alamat_diharapkan(db, "penilai")] and n.judul in teks_surel(m)

        bantu.skp_post(cp, f"/skp/kembalikan/{skp.id}", db, skp, catatan="Target belum terukur.")
        (k,) = _milik(db, "pegawai", "skp_dikembalikan", tautan)
        assert "Target belum terukur." in k.isi
        # a refused action notifies nobody (same transaction): returning again is refused
        bantu.skp_post(cp, f"/skp/kembalikan/{skp.id}", db, skp, catatan="Lagi.")
        assert len(_milik(db, "pegawai", "skp_dikembalikan", tautan)) == 1
    finally:
        db.rollback()
        db.execute(delete(Notifikasi).where(Notifikasi.tautan == tautan))
        db.commit()


def test_evaluasi_disampaikan_dengan_batas_pengembalian(login, db_session, hari, smtp, konfigurasi):
    db = db_session
    login = bantu.login_bersih(login)
    skp = bantu.skp_ditetapkan(db, 2039)
    hari(dt.date(2039, 6, 24))
    c = login("penilai")
    ev = bantu.ev_buat(c, db, skp, 2)
    tautan = f"/evaluasi/show/{ev.id}"
    try:
        bantu.ev_nilai(c, db, ev, ["sesuai", "sesuai"], "sesuai", "sesuai")
        bantu.ev_post(c, db, f"/evaluasi/tandatangani/{ev.id}", ev.id)
        assert _milik(db, "pegawai", "evaluasi_disampaikan", tautan) == []
        bantu.ev_post(c, db, f"/evaluasi/sampaikan/{ev.id}", ev.id)
        (n,) = _milik(db, "pegawai", "evaluasi_disampaikan", tautan)
        batas = tenggat_pengembalian(dt.date(2039, 6, 24), cuti_bersama(db))
        assert tanggal_saja(batas) in n.isi
        surel.kirim_surel_menunggu(konfigurasi)
        ((to, m),) = smtp.untuk([n.id])
        assert to == [alamat_diharapkan(db, "pegawai")] and tanggal_saja(batas) in teks_surel(m)
        rows = db.scalars(select(KirimSurel).where(KirimSurel.notifikasi_id == n.id)).all()
        assert [r.status for r in rows] == ["terkirim"]
    finally:
        db.rollback()
        db.execute(delete(Notifikasi).where(Notifikasi.tautan == tautan))
        db.commit()
