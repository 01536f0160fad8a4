"""Penilaian through HTTP, who evaluates in the special cases: delegated Plt/Plh and functional
officials (001 Lampiran "Evaluasi Kinerja" 2–3, 7); the Kepala Daerah path, final (ibid. 12 c, e; R7).

Years 2096 and 2097 are used only here; the calendar is walked by patching ``app.queries.penilaian.hari_ini``.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import delete, func, select

from schema.models import DelegasiPenilai, Jabatan, Keberatan, Pegawai, PenugasanPlt, TandaTangan
from tests import bantu
from tests.bantu import ev_buat, ev_muat, ev_nilai, ev_post

_peg, _html, _skp = bantu.peg, bantu.html, bantu.skp_ditetapkan


# ---------------------------------------------------------------------------------------------------------
# Plt/Plh and functional officials: evaluate only while delegated
# ---------------------------------------------------------------------------------------------------------


def test_plt_menilai_hanya_dengan_delegasi(login, db_session, hari):
    """001 Lampiran "Evaluasi Kinerja" 3: the atasan MAY delegate evaluation to a Plt/Plh — without a written
    delegation the atasan evaluates; with one (recorded by the operator / PyB) the Plt evaluates and signs.
    ibid. 7: only a functional official who leads a unit can be delegated as such."""
    db = db_session
    pen, ats = _peg(db, "penilai"), _peg(db, "atasan")
    e = db.scalar(
        select(Pegawai)
        .join(Jabatan, Jabatan.id == Pegawai.jabatan_id)
        .where(
            Pegawai.user_id.is_(None),
            Pegawai.status == "aktif",
            Jabatan.atasan_id.is_not(None),
            Jabatan.atasan_id != pen.jabatan_id,
        )
        .order_by(Pegawai.id)
        .limit(1)
    )
    jab_penilai = db.get(Jabatan, e.jabatan_id).atasan_id
    plt = PenugasanPlt(jabatan_id=jab_penilai, pegawai_id=pen.id, jenis="plt", mulai=dt.date(2096, 1, 2))
    db.add(plt)
    db.commit()
    skp = _skp(db, 2096, pegawai=e)
    try:
        hari(dt.date(2096, 3, 26))
        c = login("penilai")
        ev = ev_buat(c, db, skp, 1)
        r = ev_nilai(c, db, ev, ["sesuai", "sesuai"], "sesuai", "sesuai")
        assert "tidak berwenang" in _html(r) and "berhalangan tetap" in _html(r)
        op = login("operator")
        # bad input is named; an employee cannot record delegations
        r = op.post(
            "/delegasipenilai/add",
            data={"pegawai": pen.id, "jenis": "plt", "mulai": "2096-01-02"},
            follow_redirects=True,
        )
        assert "jabatan penilai yang diwakili" in _html(r)
        r = op.post(
            "/delegasipenilai/add",
            data={"pegawai": pen.id, "jenis": "fungsional", "unit_kerja": e.unit_kerja_id, "mulai": "2096-01-02"},
            follow_redirects=True,
        )
        assert "pejabat fungsional yang memimpin unit kerja" in _html(r)
        assert login("pegawai").post("/delegasipenilai/add", data={"pegawai": pen.id}).status_code in (302, 403)
        assert (
            db.scalar(select(func.count()).select_from(DelegasiPenilai).where(DelegasiPenilai.pegawai_id == pen.id))
            == 0
        )
        r = op.post(
            "/delegasipenilai/add",
            data={
                "pegawai": pen.id,
                "jenis": "plt",
                "jabatan": jab_penilai,
                "mulai": "2096-01-02",
                "selesai": "2096-12-31",
                "pemberi": ats.id,
                "nomor_sk": "800/PLT/2096",
            },
            follow_redirects=True,
        )
        assert r.status_code == 200
        assert "Penilaian disimpan" in _html(ev_nilai(c, db, ev, ["sesuai", "sesuai"], "sesuai", "sesuai"))
        ev_post(c, db, f"/evaluasi/tandatangani/{ev.id}", ev.id)
        x = ev_muat(db, ev.id)
        assert (x.status_dokumen, x.dinilai_oleh, x.penilai_id, x.is_final) == (
            "ditandatangani",
            "plt_plh",
            pen.id,
            False,
        )
        # the delegate and the delegating atasan both see the record; others do not
        d = db.scalar(select(DelegasiPenilai.id).where(DelegasiPenilai.pegawai_id == pen.id))
        assert login("penilai").get(f"/delegasipenilai/show/{d}").status_code == 200
        assert login("atasan").get(f"/delegasipenilai/show/{d}").status_code == 200
        assert login("tim").get(f"/delegasipenilai/show/{d}").status_code in (302, 403, 404)
    finally:
        db.rollback()
        db.execute(delete(DelegasiPenilai).where(DelegasiPenilai.pegawai_id == pen.id))
        db.execute(delete(PenugasanPlt).where(PenugasanPlt.id == plt.id))
        db.commit()


def test_kepala_sekolah_fungsional_dengan_delegasi_demo(db_session):
    """The demo records delegations for its Plt and for functional officials leading a unit (ibid. 3, 7)."""
    db = db_session
    jenis = set(db.scalars(select(DelegasiPenilai.jenis).distinct()))
    assert {"plt", "fungsional"} <= jenis


# ---------------------------------------------------------------------------------------------------------
# Kepala Daerah path (R7): final, no keberatan
# ---------------------------------------------------------------------------------------------------------


def test_kepala_daerah_menilai_jpt_final_tanpa_keberatan(login, db_session, hari):
    """001 Lampiran "Evaluasi Kinerja" 12 c, e: a JPT / unit-mandiri head is evaluated by the Kepala Daerah —
    acted by the PyB role (signature peran kepala_daerah) — and the result is final: keberatan is refused."""
    db = db_session
    pyb, pen, ats = _peg(db, "pyb"), _peg(db, "penilai"), _peg(db, "atasan")
    jpt = db.scalar(
        select(Pegawai)
        .join(Jabatan, Jabatan.id == Pegawai.jabatan_id)
        .where(Jabatan.jenis == "jpt_pratama", Pegawai.user_id.is_(None), Pegawai.status == "aktif")
        .limit(1)
    )
    kd = dict(format_skp="A.1.2", ditetapkan_kepala_daerah=True)
    skp_jpt = _skp(db, 2097, pegawai=jpt, **kd)
    skp_pyb = _skp(db, 2097, pegawai=pyb, penilai=pen, atasan=ats, **kd)
    hari(dt.date(2097, 3, 25))
    b = login("pyb")
    ev = ev_buat(b, db, skp_jpt, 1)
    assert (ev.dinilai_oleh, ev.penilai_id) == ("kepala_daerah", None)
    assert login("penilai").get(f"/evaluasi/show/{ev.id}").status_code == 404
    show = _html(b.get(f"/evaluasi/show/{ev.id}"))
    assert "Kepala Daerah" in show and "final" in show
    ev_nilai(b, db, ev, ["sesuai", "sesuai"], "sesuai", "sesuai")
    ev_post(b, db, f"/evaluasi/tandatangani/{ev.id}", ev.id)
    x = ev_muat(db, ev.id)
    assert (x.status_dokumen, x.format_dokumen, x.dinilai_oleh, x.is_final) == (
        "ditandatangani",
        "D.1.1",
        "kepala_daerah",
        True,
    )
    tt = db.scalars(
        select(TandaTangan).where(TandaTangan.jenis_dokumen == "evaluasi", TandaTangan.dokumen_id == ev.id)
    ).one()
    assert tt.peran == "kepala_daerah" and tt.pegawai_id is None and len(tt.hash_sha256) == 64
    assert "sampaikan" in _html(ev_post(b, db, f"/evaluasi/sampaikan/{ev.id}", ev.id)).lower()
    assert ev_muat(db, ev.id).status_dokumen == "disampaikan"
    cetak = _html(b.get(f"/evaluasi/cetak/{ev.id}"))
    assert "FORMAT D.1.1" in cetak and "Kepala Daerah" in cetak

    # the PyB is a JPT too: their own evaluation is the Kepala Daerah's, acted here by the Admin
    ev2 = ev_buat(login("admin"), db, skp_pyb, 1)
    r = ev_nilai(b, db, ev2, ["sesuai", "sesuai"], "sesuai", "sesuai")
    assert "tidak berwenang" in _html(r)
    adm = login("admin")
    ev_nilai(adm, db, ev2, ["sesuai", "sesuai"], "sesuai", "sesuai")
    ev_post(adm, db, f"/evaluasi/tandatangani/{ev2.id}", ev2.id)
    ev_post(adm, db, f"/evaluasi/sampaikan/{ev2.id}", ev2.id)
    ev_post(b, db, f"/evaluasi/terima/{ev2.id}", ev2.id)
    assert ev_muat(db, ev2.id).status_dokumen == "diterima"
    r = b.post(f"/keberatan/ajukan/{ev2.id}", data={"alasan": "Tidak sependapat."}, follow_redirects=True)
    assert "bersifat final" in _html(r) and "oleh Kepala Daerah" in _html(r)
    assert db.scalar(select(Keberatan.id).where(Keberatan.evaluasi_id == ev2.id)) is None
