"""Escalation: a deadline the evaluator owns, once overdue, is told once to the atasan pejabat penilai named on
the record (R15) — nobody else; the operator/PyB of an instansi get one daily entry with its overdue counts."""

from __future__ import annotations

import datetime as dt

import pytest
from flask_appbuilder.security.sqla.models import assoc_user_role
from sqlalchemy import delete, select, update

from app.security import roles as R
from schema.models import EvaluasiKinerja, Instansi, Keberatan, Pegawai, UnitKerja, User
from schema.models.notifikasi import Notifikasi
from tests import bantu
from tests.conftest import PASSWORD
from tests.notifikasi.conftest import ev_langsung, hapus_catatan, kunci_dengan, uid


def _ev(db, skp, nomor: int, **kolom) -> EvaluasiKinerja:
    return ev_langsung(db, skp, nomor, **{"status_dokumen": "ditandatangani", **kolom})


def test_skp_terlambat_sekali_ke_atasan_pejabat_penilai(db_session, pengingat_pada):
    db = db_session
    lain = bantu.pegawai_tanpa_login(db)[0]
    skp = bantu.skp_ditetapkan(db, 2063, pegawai=lain, status="diajukan")
    try:
        awalan = f"tenggat_terlewat:/skp/show/{skp.id}:"
        pengingat_pada("2063-01-31T00:30:00+07:00")  # H: not yet
        assert kunci_dengan(db, awalan) == []
        pengingat_pada("2063-02-01T00:30:00+07:00")  # UTC still 31 January (H), the office's date is overdue
        pengingat_pada("2063-02-01T21:00:00+07:00")
        pengingat_pada("2063-02-05T00:30:00+07:00")
        kunci = kunci_dengan(db, awalan)
        assert [u for _, u in kunci] == [uid(db, "atasan")]
        n = db.scalars(select(Notifikasi).where(Notifikasi.kunci_unik == kunci[0][0])).one()
        assert n.jenis == "tenggat_terlewat" and n.tautan == f"/skp/show/{skp.id}"
        assert bantu.peg(db, "penilai").nama in n.judul and lain.nama in n.judul
        # the evaluator's own reminder went on as usual, to the evaluator only
        assert {u for _, u in kunci_dengan(db, f"pengingat_tenggat:/skp/show/{skp.id}:")} == {uid(db, "penilai")}
    finally:
        hapus_catatan(db, [skp.id])


def test_penilai_tanpa_akun_tetap_dieskalasi(db_session, pengingat_pada):
    db = db_session
    lain, penilai = bantu.pegawai_tanpa_login(db, 2)
    skp = bantu.skp_ditetapkan(db, 2063, pegawai=lain, penilai=penilai, status="diajukan")
    try:
        pengingat_pada("2063-02-01T00:30:00+07:00")
        assert kunci_dengan(db, f"pengingat_tenggat:/skp/show/{skp.id}:") == []
        assert [u for _, u in kunci_dengan(db, f"tenggat_terlewat:/skp/show/{skp.id}:")] == [uid(db, "atasan")]
    finally:
        hapus_catatan(db, [skp.id])


def test_penyampaian_terlambat_ke_atasan_kecuali_atasan_sendiri_penanda_tangan(db_session, pengingat_pada):
    db = db_session
    skp = bantu.skp_ditetapkan(db, 2053)
    tenggat = dt.date(2053, 12, 29)
    oleh_penilai = _ev(db, skp, 3, tenggat_penyampaian=tenggat)
    oleh_atasan = _ev(
        db, skp, 4, tenggat_penyampaian=tenggat, dinilai_oleh="atasan_penilai", format_dokumen="D.1.2", is_final=True
    )
    try:
        pengingat_pada("2053-12-30T00:30:00+07:00")
        pengingat_pada("2053-12-31T00:30:00+07:00")
        atasan = uid(db, "atasan")
        assert [u for _, u in kunci_dengan(db, f"tenggat_terlewat:/evaluasi/show/{oleh_penilai.id}:")] == [atasan]
        # D.1.2: the atasan signed it and delivers it — reminded themselves, nobody above to escalate to
        assert kunci_dengan(db, f"tenggat_terlewat:/evaluasi/show/{oleh_atasan.id}:") == []
        pengingat = kunci_dengan(db, f"pengingat_tenggat:/evaluasi/show/{oleh_atasan.id}:sampaikan:")
        assert [(k.rsplit(":", 1)[1], u) for k, u in pengingat] == [("lewat", atasan)]
    finally:
        hapus_catatan(db, [skp.id], [oleh_penilai.id, oleh_atasan.id])


def test_evaluasi_belum_ditandatangani_ke_atasan(db_session, pengingat_pada):
    """R15: after the evaluation time the atasan evaluates (D.1.2) — told once, on the local date."""
    db = db_session
    skp = bantu.skp_ditetapkan(db, 2053)
    draf = _ev(db, skp, 3, status_dokumen="draf")  # Q3 2053: evaluation time ends 30 September (Tuesday)
    try:
        awalan = f"tenggat_terlewat:/evaluasi/show/{draf.id}:nilai:"
        pengingat_pada("2053-09-30T23:00:00+07:00")
        assert kunci_dengan(db, awalan) == []
        pengingat_pada("2053-10-01T00:30:00+07:00")  # UTC 30 September
        pengingat_pada("2053-10-02T00:30:00+07:00")
        assert [u for _, u in kunci_dengan(db, awalan)] == [uid(db, "atasan")]
        steps = [k.rsplit(":", 1)[1] for k, _ in kunci_dengan(db, f"pengingat_tenggat:/evaluasi/show/{draf.id}:nilai:")]
        assert steps == ["h", "lewat"]  # the first run was on the H day: no stale H-3/H-1
    finally:
        hapus_catatan(db, [skp.id], [draf.id])


def test_kepala_daerah_dan_keberatan_tanpa_eskalasi(db_session, pengingat_pada):
    """A Kepala Daerah's SKP / evaluation is acted on by the PyB (no personal reminder); a keberatan is the
    atasan's own deadline (reminded, not escalated)."""
    db = db_session
    lain = bantu.pegawai_tanpa_login(db)[0]
    skp_kd = bantu.skp_ditetapkan(db, 2063, pegawai=lain, status="diajukan", ditetapkan_kepala_daerah=True)
    skp = bantu.skp_ditetapkan(db, 2053)
    ev_kd = _ev(db, skp, 1, dinilai_oleh="kepala_daerah", tenggat_penyampaian=dt.date(2053, 12, 29))
    ev = _ev(db, skp, 2, status_dokumen="diterima", tanggal_diterima=dt.date(2053, 12, 1))
    kb = Keberatan(
        evaluasi_id=ev.id,
        pegawai_id=skp.pegawai_id,
        tanggal_pengajuan=dt.date(2053, 12, 10),
        alasan="Uji eskalasi",
        tenggat_keputusan=dt.date(2053, 12, 22),
    )
    db.add(kb)
    db.commit()
    try:
        pengingat_pada("2063-02-02T00:30:00+07:00")
        pengingat_pada("2053-12-30T00:30:00+07:00")
        assert kunci_dengan(db, f"pengingat_tenggat:/skp/show/{skp_kd.id}:") == []
        assert kunci_dengan(db, f"pengingat_tenggat:/evaluasi/show/{ev_kd.id}:") == []
        assert [u for _, u in kunci_dengan(db, f"pengingat_tenggat:/keberatan/show/{kb.id}:")] == [uid(db, "atasan")]
        assert kunci_dengan(db, f"tenggat_terlewat:/keberatan/show/{kb.id}:") == []
    finally:
        hapus_catatan(db, [skp_kd.id, skp.id], [ev_kd.id, ev.id], [kb.id])


# --- the operator/PyB's daily totals -----------------------------------------------------------------------------


@pytest.fixture()
def instansi_uji(app, db_session):
    """A second instansi with one unit of four employees (moved there for the test): A has an Operator login,
    B a Pegawai login, C a PyB login (and a draft 2040 SKP); D's 2040 SKP is set."""
    db = db_session
    orang = bantu.pegawai_tanpa_login(db, 4)
    posisi = bantu.Posisi(db, *orang)
    ins = Instansi(kode="UJIREKAP40", nama="Instansi Uji Rekap")
    db.add(ins)
    db.flush()
    unit = UnitKerja(instansi_id=ins.id, kode="UJI-REKAP", nama="Unit Uji Rekap Tenggat", jenis="dinas")
    db.add(unit)
    db.flush()
    for p in orang:
        p.unit_kerja_id = unit.id
    db.commit()
    sm = app.appbuilder.sm
    akun = {}
    for (nama, peran), p in zip(
        (("op_rekap_uji", R.OPERATOR), ("pg_rekap_uji", R.PEGAWAI), ("pyb_rekap_uji", R.PYB)), orang
    ):
        u = sm.find_user(username=nama) or sm.add_user(
            nama, "Uji", "Rekap", f"{nama}@contoh.go.id", [sm.find_role(peran)], password=PASSWORD
        )
        db.execute(update(Pegawai).where(Pegawai.id == p.id).values(user_id=u.id))
        akun[nama] = u.id
    db.commit()
    skp = bantu.skp_ditetapkan(db, 2040, pegawai=db.get(Pegawai, orang[3].id))
    skp_c = bantu.skp_ditetapkan(db, 2040, pegawai=db.get(Pegawai, orang[2].id), status="draf")
    evs = [
        _ev(db, skp, 1, tenggat_penyampaian=dt.date(2040, 4, 2)),  # overdue on the local 3 April only
        _ev(db, skp, 2, status_dokumen="diterima", tenggat_pengembalian=dt.date(2040, 3, 20)),
        _ev(db, skp, 3, status_dokumen="dikembalikan", tanggal_diterima=dt.date(2040, 3, 1)),
        _ev(db, skp, 4, status_dokumen="disampaikan", tenggat_penyampaian=dt.date(2040, 3, 1)),  # delivered: not late
        _ev(db, skp_c, 1, status_dokumen="draf"),  # Q1 2040 never signed
    ]
    kb = Keberatan(
        evaluasi_id=evs[2].id,
        pegawai_id=skp.pegawai_id,
        tanggal_pengajuan=dt.date(2040, 3, 5),
        alasan="Uji rekap",
        tenggat_keputusan=dt.date(2040, 3, 14),
    )
    db.add(kb)
    db.commit()
    yield akun
    db.rollback()
    db.execute(delete(Notifikasi).where(Notifikasi.user_id.in_(list(akun.values()))))
    db.commit()
    hapus_catatan(db, [skp.id, skp_c.id], [e.id for e in evs], [kb.id])
    db.execute(update(Pegawai).where(Pegawai.user_id.in_(list(akun.values()))).values(user_id=None))
    db.commit()
    posisi.pulihkan()
    db.execute(delete(UnitKerja).where(UnitKerja.id == unit.id))
    db.execute(delete(Instansi).where(Instansi.id == ins.id))
    db.commit()
    db.execute(delete(assoc_user_role).where(assoc_user_role.c.user_id.in_(list(akun.values()))))
    db.execute(delete(User).where(User.id.in_(list(akun.values()))))
    db.commit()


def test_rekap_harian_operator_pyb_instansinya_saja(db_session, pengingat_pada, instansi_uji):
    db = db_session
    akun = instansi_uji
    harapan = (
        "Per 3 April 2040: 3 SKP belum ditetapkan, 1 evaluasi belum ditandatangani pejabat penilai, "
        "1 evaluasi belum disampaikan, "
        "1 evaluasi belum dikembalikan pegawai, 1 keberatan belum diputus. "
    )
    pengingat_pada("2040-04-03T00:30:00+07:00")  # UTC 2 April: the local date counts
    pengingat_pada("2040-04-03T19:00:00+07:00")  # once per day
    rekap = {
        u: list(db.scalars(select(Notifikasi).where(Notifikasi.user_id == u, Notifikasi.jenis == "rekap_tenggat")))
        for u in akun.values()
    }
    assert rekap[akun["pg_rekap_uji"]] == []
    for nama in ("op_rekap_uji", "pyb_rekap_uji"):
        (n,) = rekap[akun[nama]]
        assert n.judul == "Tenggat terlewat di Instansi Uji Rekap: 7 hal" and n.tautan == "/tenggatevaluasi/"
        assert n.isi.startswith(harapan)
        assert n.kunci_unik.endswith(":2040-04-03")
    lain = db.scalars(
        select(Notifikasi.judul).where(
            Notifikasi.jenis == "rekap_tenggat", Notifikasi.user_id.not_in(list(akun.values()))
        )
    ).all()
    assert lain and not any("Uji Rekap" in j for j in lain)  # the demo instansi's operators: their own counts
    assert uid(db, "operator") in set(db.scalars(select(Notifikasi.user_id).where(Notifikasi.jenis == "rekap_tenggat")))
    pengingat_pada("2040-04-04T00:30:00+07:00")
    assert (
        len(
            db.scalars(
                select(Notifikasi.id).where(
                    Notifikasi.user_id == akun["op_rekap_uji"], Notifikasi.jenis == "rekap_tenggat"
                )
            ).all()
        )
        == 2
    )
