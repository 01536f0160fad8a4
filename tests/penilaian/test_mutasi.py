"""Penilaian through HTTP: transfers of the evaluator (001 Lampiran "Evaluasi Kinerja" 14, contoh
Purnama) and of the employee (ibid. 13, contoh Sari), recorded as SK mutasi with their effective date.

Years 2091–2093 are used only here; the calendar is walked by patching ``app.queries.penilaian.hari_ini``.
"""

from __future__ import annotations

import datetime as dt
import re

from sqlalchemy import delete, func, insert, select, update

from schema.models import SKP, EvaluasiKinerja, Jabatan, MutasiPegawai, Pegawai
from tests import bantu
from tests.bantu import Posisi, catat_mutasi, ev_buat, ev_muat, ev_nilai, ev_post, pegawai_tanpa_login

_peg, _html, _skp = bantu.peg, bantu.html, bantu.skp_ditetapkan


# ---------------------------------------------------------------------------------------------------------
# R15 transfers
# ---------------------------------------------------------------------------------------------------------


def test_penilai_pindah_contoh_purnama(login, db_session, hari):
    """001 Lampiran "Evaluasi Kinerja" 14 (contoh Purnama, triwulanan): transferred on 25 August — outside the
    Q3 evaluation window — the evaluator no longer evaluates the old unit (the atasan does while the position is
    vacant, the new holder once there is one); transferred on 25 September — inside the window — they still do."""
    db = db_session
    pen, ats = _peg(db, "penilai"), _peg(db, "atasan")
    e1, e2, baru = pegawai_tanpa_login(db, 3)
    tujuan = db.scalar(
        select(Jabatan.id)
        .where(Jabatan.unit_kerja_id != pen.unit_kerja_id, Jabatan.id != pen.jabatan_id)
        .order_by(Jabatan.id.desc())
        .limit(1)
    )
    jab_lama = pen.jabatan_id
    posisi = Posisi(db, pen, baru)
    skp1 = _skp(db, 2091, pegawai=e1)
    skp2 = _skp(db, 2092, pegawai=e2)
    op = login("operator")
    try:
        # -- 25 August: outside the Q3 window (1 September – 14 working days after 30 September)
        hari(dt.date(2091, 9, 24))  # the last working days of Q3 (app.rules.waktu_evaluasi)
        c = login("penilai")
        ev = ev_buat(c, db, skp1, 3)
        r = catat_mutasi(op, pen.id, dt.date(2091, 8, 25), tujuan)
        assert r.status_code == 200
        db.rollback()
        assert db.get(Pegawai, pen.id).jabatan_id == tujuan
        m = db.scalars(select(MutasiPegawai).where(MutasiPegawai.pegawai_id == pen.id)).one()
        assert (m.jabatan_asal_id, m.tanggal_efektif) == (jab_lama, dt.date(2091, 8, 25))
        r = ev_nilai(c, db, ev, ["sesuai", "sesuai"], "sesuai", "sesuai")
        assert "tidak berwenang" in _html(r) and "di luar rentang waktu evaluasi Triwulan III 2091" in _html(r)
        a = login("atasan")
        show = _html(a.get(f"/evaluasi/show/{ev.id}"))
        assert "Jabatan pejabat penilai belum terisi" in show
        # a new holder of the position takes over the draft (row scope follows)
        r = catat_mutasi(op, baru.id, dt.date(2091, 9, 1), jab_lama)
        assert ev_muat(db, ev.id).penilai_id == baru.id
        assert c.get(f"/evaluasi/show/{ev.id}").status_code == 404
        r = ev_nilai(a, db, ev, ["sesuai", "sesuai"], "sesuai", "sesuai")
        assert "tidak berwenang" in _html(r)  # the new holder evaluates, not the atasan
        posisi.pulihkan()

        # -- 25 September: inside the Q3 window → Purnama still evaluates the old unit
        # the SK is known beforehand: Purnama may evaluate before leaving (R15 exception of
        # app.rules.waktu_evaluasi: from the 5th last working day before 25 September, i.e. 18 September)
        hari(dt.date(2092, 9, 15))
        catat_mutasi(op, pen.id, dt.date(2092, 9, 25), tujuan)
        hari(dt.date(2092, 9, 22))
        c = login("penilai")
        ev2 = ev_buat(c, db, skp2, 3)
        hari(dt.date(2092, 9, 28))
        r = ev_nilai(c, db, ev2, ["sesuai", "sesuai"], "sesuai", "sesuai")
        assert "Penilaian disimpan" in _html(r)
        assert "dalam rentang waktu evaluasi Triwulan III 2092" in _html(c.get(f"/evaluasi/show/{ev2.id}"))
        # the atasan may not take it over
        assert "tidak berwenang" in _html(ev_nilai(login("atasan"), db, ev2, ["sesuai", "sesuai"], "sesuai", "sesuai"))
        ev_post(c, db, f"/evaluasi/tandatangani/{ev2.id}", ev2.id)
        e = ev_muat(db, ev2.id)
        assert (e.status_dokumen, e.dinilai_oleh, e.penilai_id, e.is_final) == (
            "ditandatangani",
            "penilai",
            pen.id,
            False,
        )
        # bad input: a transfer dated before the last one is refused, nothing written
        r = catat_mutasi(op, pen.id, dt.date(2092, 1, 1), jab_lama)
        assert "sesudah mutasi terakhir" in _html(r)
        db.rollback()
        assert db.scalar(select(func.count()).select_from(MutasiPegawai).where(MutasiPegawai.pegawai_id == pen.id)) == 1
        # only the operator records transfers
        assert login("penilai").post("/mutasipegawai/add", data={"pegawai": pen.id}).status_code in (302, 403)
    finally:
        posisi.pulihkan()
        assert ats.id  # the atasan's own position never changed


def test_pegawai_pindah_contoh_sari(login, db_session, hari):
    """001 Lampiran "Evaluasi Kinerja" 13 (contoh Sari): transferred in February — the periodic evaluation is by
    the new evaluator on the new unit's capaian, or by agreement the previous result; the old evaluator cannot
    evaluate the old SKP for a period ending after the transfer; the annual evaluation is by the new evaluator."""
    from schema.models import CapaianKinerjaOrganisasi

    db = db_session
    pen, ats, pyb = _peg(db, "penilai"), _peg(db, "atasan"), _peg(db, "pyb")
    (sari,) = pegawai_tanpa_login(db, 1)
    jab_baru = db.scalar(
        select(Jabatan.id)
        .where(Jabatan.atasan_id == ats.jabatan_id, Jabatan.id != pen.jabatan_id)
        .order_by(Jabatan.id)
        .limit(1)
    ) or db.scalar(
        select(Jabatan.id).where(Jabatan.id.not_in([pen.jabatan_id, ats.jabatan_id, sari.jabatan_id])).limit(1)
    )
    posisi = Posisi(db, sari)
    skp_lama = _skp(db, 2093, pegawai=sari)
    unit_lama, unit_baru = pen.unit_kerja_id, ats.unit_kerja_id
    db.add_all(
        [
            CapaianKinerjaOrganisasi(
                unit_kerja_id=unit_lama, tahun=2093, periode_jenis="triwulanan", periode_nomor=1, capaian="kurang"
            )
        ]
        + (
            [
                CapaianKinerjaOrganisasi(
                    unit_kerja_id=unit_baru, tahun=2093, periode_jenis="triwulanan", periode_nomor=1, capaian="istimewa"
                )
            ]
            if unit_baru != unit_lama
            else []
        )
    )
    # last year's annual result (signed) for the agreement route
    db.execute(
        insert(EvaluasiKinerja),
        [
            {
                "skp_id": skp_lama.id,
                "pegawai_id": sari.id,
                "unit_kerja_id": sari.unit_kerja_id,
                "penilai_id": pen.id,
                "atasan_penilai_id": ats.id,
                "jenis": "tahunan",
                "tahun": 2092,
                "periode_jenis": "tahunan",
                "periode_nomor": 0,
                "aktif": True,
                "saran_rating_hasil_kerja": "diatas",
                "rating_hasil_kerja": "diatas",
                "saran_rating_perilaku": "diatas",
                "rating_perilaku": "diatas",
                "predikat": "sangat_baik",
                "status_dokumen": "dikembalikan",
                "format_dokumen": "D.1.1",
                "dinilai_oleh": "penilai",
                "is_final": False,
                "versi": 1,
            }
        ],
    )
    db.commit()
    op = login("operator")
    try:
        hari(dt.date(2093, 2, 10))
        catat_mutasi(op, sari.id, dt.date(2093, 2, 10), jab_baru)
        db.rollback()
        assert db.get(Pegawai, sari.id).jabatan_id == jab_baru
        # the old evaluator cannot start Q1 on the old SKP
        hari(dt.date(2093, 3, 25))  # the last working days of Q1
        c = login("penilai")
        r = c.post(
            "/evaluasi/buat/",
            data={"skp_id": skp_lama.id, "tahun": 2093, "jenis": "periodik", "periode_nomor": 1},
            follow_redirects=True,
        )
        assert "Pegawai pindah" in _html(r) and "SKP pada jabatan baru" in _html(r)
        assert (
            db.scalar(
                select(EvaluasiKinerja.id).where(EvaluasiKinerja.skp_id == skp_lama.id, EvaluasiKinerja.tahun == 2093)
            )
            is None
        )
        # nor does the bulk creation make one
        c.post("/evaluasi/buat_periode/", data={"tahun": 2093, "jenis": "periodik", "periode_nomor": 1})
        assert (
            db.scalar(
                select(EvaluasiKinerja.id).where(EvaluasiKinerja.skp_id == skp_lama.id, EvaluasiKinerja.tahun == 2093)
            )
            is None
        )
        # the new evaluator (the atasan's position) evaluates from the new SKP on the new unit's capaian
        db.rollback()
        sari = db.get(Pegawai, sari.id)
        db.execute(update(SKP).where(SKP.id == skp_lama.id).values(aktif=False))
        db.commit()
        skp_baru = _skp(db, 2093, pegawai=sari, penilai=ats, atasan=pyb)
        a = login("atasan")
        ev = ev_buat(a, db, skp_baru, 1)
        assert ev.penilai_id == ats.id
        if unit_baru != unit_lama:
            assert ev.capaian_organisasi == "istimewa"
        ev_nilai(a, db, ev, ["sesuai", "sesuai"], "sesuai", "sesuai")
        ev_post(a, db, f"/evaluasi/tandatangani/{ev.id}", ev.id)
        assert (ev_muat(db, ev.id).status_dokumen, ev_muat(db, ev.id).dinilai_oleh) == ("ditandatangani", "penilai")
        # or, by agreement, the previous result (last year's, the transfer being early in the year)
        hari(dt.date(2093, 6, 24))
        ev2 = db.get(EvaluasiKinerja, _buat_hasil_lama(a, db, skp_baru, 2))
        assert (ev2.predikat, ev2.rating_hasil_kerja, ev2.penilai_id) == ("sangat_baik", "diatas", ats.id)
        assert "Sesuai kesepakatan" in ev2.catatan_rekomendasi and "Tahunan 2092" in ev2.catatan_rekomendasi
        ev_post(a, db, f"/evaluasi/tandatangani/{ev2.id}", ev2.id)
        assert ev_muat(db, ev2.id).status_dokumen == "ditandatangani"
        # not for the annual evaluation: that is the new evaluator's own
        hari(dt.date(2093, 12, 24))
        r = a.post(
            "/evaluasi/buat/",
            data={"skp_id": skp_baru.id, "tahun": 2093, "jenis": "tahunan", "hasil_lama": "1"},
            follow_redirects=True,
        )
        assert "evaluasi tahunan oleh pejabat penilai yang baru" in _html(r)
        ev3 = ev_buat(a, db, skp_baru, 0, jenis="tahunan")
        assert ev3.penilai_id == ats.id
        assert "tidak berwenang" not in _html(ev_nilai(a, db, ev3, ["sesuai", "sesuai"], "sesuai", "sesuai"))
    finally:
        posisi.pulihkan()
        db.execute(delete(CapaianKinerjaOrganisasi).where(CapaianKinerjaOrganisasi.tahun == 2093))
        db.commit()


def _buat_hasil_lama(c, db, skp, nomor) -> int:
    r = c.post(
        "/evaluasi/buat/",
        data={"skp_id": skp.id, "tahun": skp.tahun, "jenis": "periodik", "periode_nomor": nomor, "hasil_lama": "1"},
    )
    assert r.status_code == 302, _html(r)[:1500]
    m = re.search(r"/evaluasi/show/(\d+)", r.headers["Location"])
    assert m, r.headers["Location"]
    db.rollback()
    return int(m.group(1))
