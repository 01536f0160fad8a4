"""Penilaian (issue 7), the special cases, through HTTP: transfers of the evaluator (001 Lampiran "Evaluasi
Kinerja" 14, contoh Purnama) and of the employee (ibid. 13, contoh Sari) recorded as SK mutasi with their
effective date; delegated Plt/Plh and functional officials (ibid. 2–3, 7); the Kepala Daerah path, final
(ibid. 12 c, e; R7); the annual evaluation with the year's periodic results; the bulk "Hitung predikat" with the
tugas-belajar rule (R8; 001 "Evaluasi Kinerja" B.3 a 3)); the C.1.x/D.1.x workbook laid out as the regulation's
tables (forms C.1.x/D.1.x, 001 Lampiran).

Years 2091+ are used only here; the calendar is walked by patching ``app.queries.penilaian.hari_ini``.
"""
from __future__ import annotations

import datetime as dt
import io
import re

import pytest
from openpyxl import load_workbook
from sqlalchemy import delete, func, insert, select, update

from schema.models import (
    SKP,
    DelegasiPenilai,
    EvaluasiKinerja,
    Jabatan,
    Keberatan,
    MutasiPegawai,
    Pegawai,
    PenugasanPlt,
    TandaTangan,
    TugasBelajar,
)
from tests import bantu
from tests.bantu import (
    Posisi,
    catat_mutasi,
    ev_buat,
    ev_muat,
    ev_nilai,
    ev_post,
    pegawai_tanpa_login,
)

_peg, _html, _skp = bantu.peg, bantu.html, bantu.skp_ditetapkan


@pytest.fixture()
def login(login):
    return bantu.login_bersih(login)



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
    tujuan = db.scalar(select(Jabatan.id).where(Jabatan.unit_kerja_id != pen.unit_kerja_id,
                                                Jabatan.id != pen.jabatan_id).order_by(Jabatan.id.desc()).limit(1))
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
            "ditandatangani", "penilai", pen.id, False)
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
    jab_baru = db.scalar(select(Jabatan.id).where(Jabatan.atasan_id == ats.jabatan_id, Jabatan.id != pen.jabatan_id)
                         .order_by(Jabatan.id).limit(1)) or db.scalar(
        select(Jabatan.id).where(Jabatan.id.not_in([pen.jabatan_id, ats.jabatan_id, sari.jabatan_id])).limit(1))
    posisi = Posisi(db, sari)
    skp_lama = _skp(db, 2093, pegawai=sari)
    unit_lama, unit_baru = pen.unit_kerja_id, ats.unit_kerja_id
    db.add_all([CapaianKinerjaOrganisasi(unit_kerja_id=unit_lama, tahun=2093, periode_jenis="triwulanan",
                                         periode_nomor=1, capaian="kurang")]
               + ([CapaianKinerjaOrganisasi(unit_kerja_id=unit_baru, tahun=2093, periode_jenis="triwulanan",
                                            periode_nomor=1, capaian="istimewa")] if unit_baru != unit_lama else []))
    # last year's annual result (signed) for the agreement route
    db.execute(insert(EvaluasiKinerja), [{
        "skp_id": skp_lama.id, "pegawai_id": sari.id, "unit_kerja_id": sari.unit_kerja_id, "penilai_id": pen.id,
        "atasan_penilai_id": ats.id, "jenis": "tahunan", "tahun": 2092, "periode_jenis": "tahunan",
        "periode_nomor": 0, "aktif": True, "saran_rating_hasil_kerja": "diatas", "rating_hasil_kerja": "diatas",
        "saran_rating_perilaku": "diatas", "rating_perilaku": "diatas", "predikat": "sangat_baik",
        "status_dokumen": "dikembalikan", "format_dokumen": "D.1.1", "dinilai_oleh": "penilai", "is_final": False,
        "versi": 1}])
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
        r = c.post("/evaluasi/buat/", data={"skp_id": skp_lama.id, "tahun": 2093, "jenis": "periodik",
                                            "periode_nomor": 1}, follow_redirects=True)
        assert "Pegawai pindah" in _html(r) and "SKP pada jabatan baru" in _html(r)
        assert db.scalar(select(EvaluasiKinerja.id).where(EvaluasiKinerja.skp_id == skp_lama.id,
                                                          EvaluasiKinerja.tahun == 2093)) is None
        # nor does the bulk creation make one
        c.post("/evaluasi/buat_periode/", data={"tahun": 2093, "jenis": "periodik", "periode_nomor": 1})
        assert db.scalar(select(EvaluasiKinerja.id).where(EvaluasiKinerja.skp_id == skp_lama.id,
                                                          EvaluasiKinerja.tahun == 2093)) is None
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
        r = a.post("/evaluasi/buat/", data={"skp_id": skp_baru.id, "tahun": 2093, "jenis": "tahunan",
                                            "hasil_lama": "1"}, follow_redirects=True)
        assert "evaluasi tahunan oleh pejabat penilai yang baru" in _html(r)
        ev3 = ev_buat(a, db, skp_baru, 0, jenis="tahunan")
        assert ev3.penilai_id == ats.id
        assert "tidak berwenang" not in _html(ev_nilai(a, db, ev3, ["sesuai", "sesuai"], "sesuai", "sesuai"))
    finally:
        posisi.pulihkan()
        db.execute(delete(CapaianKinerjaOrganisasi).where(CapaianKinerjaOrganisasi.tahun == 2093))
        db.commit()


def _buat_hasil_lama(c, db, skp, nomor) -> int:
    r = c.post("/evaluasi/buat/", data={"skp_id": skp.id, "tahun": skp.tahun, "jenis": "periodik",
                                        "periode_nomor": nomor, "hasil_lama": "1"})
    assert r.status_code == 302, _html(r)[:1500]
    m = re.search(r"/evaluasi/show/(\d+)", r.headers["Location"])
    assert m, r.headers["Location"]
    db.rollback()
    return int(m.group(1))


# ---------------------------------------------------------------------------------------------------------
# Plt/Plh and functional officials: evaluate only while delegated
# ---------------------------------------------------------------------------------------------------------

def test_plt_menilai_hanya_dengan_delegasi(login, db_session, hari):
    """001 Lampiran "Evaluasi Kinerja" 3: the atasan MAY delegate evaluation to a Plt/Plh — without a written
    delegation the atasan evaluates; with one (recorded by the operator / PyB) the Plt evaluates and signs.
    ibid. 7: only a functional official who leads a unit can be delegated as such."""
    db = db_session
    pen, ats = _peg(db, "penilai"), _peg(db, "atasan")
    e = db.scalar(select(Pegawai).join(Jabatan, Jabatan.id == Pegawai.jabatan_id).where(
        Pegawai.user_id.is_(None), Pegawai.status == "aktif", Jabatan.atasan_id.is_not(None),
        Jabatan.atasan_id != pen.jabatan_id).order_by(Pegawai.id).limit(1))
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
        r = op.post("/delegasipenilai/add", data={"pegawai": pen.id, "jenis": "plt", "mulai": "2096-01-02"},
                    follow_redirects=True)
        assert "jabatan penilai yang diwakili" in _html(r)
        r = op.post("/delegasipenilai/add", data={"pegawai": pen.id, "jenis": "fungsional",
                                                  "unit_kerja": e.unit_kerja_id, "mulai": "2096-01-02"},
                    follow_redirects=True)
        assert "pejabat fungsional yang memimpin unit kerja" in _html(r)
        assert login("pegawai").post("/delegasipenilai/add", data={"pegawai": pen.id}).status_code in (302, 403)
        assert db.scalar(select(func.count()).select_from(DelegasiPenilai).where(
            DelegasiPenilai.pegawai_id == pen.id)) == 0
        r = op.post("/delegasipenilai/add", data={"pegawai": pen.id, "jenis": "plt", "jabatan": jab_penilai,
                                                  "mulai": "2096-01-02", "selesai": "2096-12-31",
                                                  "pemberi": ats.id, "nomor_sk": "800/PLT/2096"},
                    follow_redirects=True)
        assert r.status_code == 200
        assert "Penilaian disimpan" in _html(ev_nilai(c, db, ev, ["sesuai", "sesuai"], "sesuai", "sesuai"))
        ev_post(c, db, f"/evaluasi/tandatangani/{ev.id}", ev.id)
        x = ev_muat(db, ev.id)
        assert (x.status_dokumen, x.dinilai_oleh, x.penilai_id, x.is_final) == ("ditandatangani", "plt_plh",
                                                                              pen.id, False)
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
    jpt = db.scalar(select(Pegawai).join(Jabatan, Jabatan.id == Pegawai.jabatan_id).where(
        Jabatan.jenis == "jpt_pratama", Pegawai.user_id.is_(None), Pegawai.status == "aktif").limit(1))
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
        "ditandatangani", "D.1.1", "kepala_daerah", True)
    tt = db.scalars(select(TandaTangan).where(TandaTangan.jenis_dokumen == "evaluasi",
                                              TandaTangan.dokumen_id == ev.id)).one()
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


# ---------------------------------------------------------------------------------------------------------
# annual evaluation with the year's periodic results
# ---------------------------------------------------------------------------------------------------------

def test_evaluasi_tahunan_dengan_hasil_periodik(login, db_session, hari):
    """001 Lampiran "Evaluasi Kinerja" 8 b, 10: the annual evaluation (end of December) shows the year's periodic
    results as context, follows the same flow and is signed to D.1.1 (period "AKHIR")."""
    db = db_session
    skp = _skp(db, 2098)
    c, p = login("penilai"), login("pegawai")
    rating = [("sesuai", "sesuai"), ("diatas", "diatas"), ("dibawah", "sesuai"), ("sesuai", "sesuai")]
    for nomor, (hk, pk) in enumerate(rating, 1):
        hari(dt.date(2098, nomor * 3, 26))  # the last working days of each quarter
        ev = ev_buat(c, db, skp, nomor)
        ev_nilai(c, db, ev, [hk, hk], hk, pk, penjaga=pk == "diatas")
        ev_post(c, db, f"/evaluasi/tandatangani/{ev.id}", ev.id)
        ev_post(c, db, f"/evaluasi/sampaikan/{ev.id}", ev.id)
        ev_post(p, db, f"/evaluasi/terima/{ev.id}", ev.id)
    hari(dt.date(2098, 12, 28))
    th = ev_buat(c, db, skp, 0, jenis="tahunan")
    assert (th.jenis, th.periode_nomor, th.periode_jenis) == ("tahunan", 0, "tahunan")
    html = _html(c.get(f"/evaluasi/show/{th.id}"))
    blok = html.split("Hasil evaluasi periodik tahun ini")[1].split("</table>")[0]
    for label in ("Baik", "Sangat Baik", "Butuh Perbaikan"):
        assert label in blok, label
    assert blok.count("<tr>") >= 4
    ev_nilai(c, db, th, ["sesuai", "sesuai"], "sesuai", "sesuai")
    ev_post(c, db, f"/evaluasi/tandatangani/{th.id}", th.id)
    x = ev_muat(db, th.id)
    assert (x.status_dokumen, x.format_dokumen, x.predikat) == ("ditandatangani", "D.1.1", "baik")
    cetak = _html(c.get(f"/evaluasi/cetak/{th.id}"))
    assert "FORMAT D.1.1" in cetak and "AKHIR" in cetak
    # a second annual evaluation of the same year is refused
    r = c.post("/evaluasi/buat/", data={"skp_id": skp.id, "tahun": 2098, "jenis": "tahunan"}, follow_redirects=True)
    assert "sudah ada" in _html(r)


# ---------------------------------------------------------------------------------------------------------
# bulk "Hitung predikat" with the tugas-belajar rule
# ---------------------------------------------------------------------------------------------------------

def test_hitung_predikat_massal_tugas_belajar(login, db_session, hitung_sql):
    """R8 (001 "Penyusunan SKP … tugas belajar" 5–6) and R2 (001 "Evaluasi Kinerja" B.3 a 3)): for study-leave
    employees the bulk action takes hasil kerja from the IPK guidance (IPK 3,60 at an A-accredited domestic S-1 →
    Sangat Baik → Di Atas) and a failed study gives Kurang / Sangat Kurang from perilaku; the statement count is
    the same for 10 and 1 000 rows."""
    from tests.bantu import ev_massal

    db = db_session
    pen = _peg(db, "penilai")
    t1, t2 = pegawai_tanpa_login(db, 2)
    tb = [TugasBelajar(pegawai_id=t.id, jenjang="s1", luar_negeri=False, perguruan_tinggi="Universitas Uji",
                       program_studi="Statistika", akreditasi_pt="A", akreditasi_prodi="A",
                       mulai=dt.date(2098, 8, 1), selesai_rencana=dt.date(2100, 7, 31), ipk=ipk, gagal=gagal)
          for t, ipk, gagal in ((t1, "3.60", False), (t2, "2.50", True))]
    db.add_all(tb)
    db.commit()
    skp = {t.id: _skp(db, 2099, pegawai=t, is_tugas_belajar=True) for t in (t1, t2)}
    ids_tb = []
    for t, pk in ((t1, "sesuai"), (t2, "dibawah")):
        db.execute(insert(EvaluasiKinerja), [{
            "skp_id": skp[t.id].id, "pegawai_id": t.id, "unit_kerja_id": t.unit_kerja_id, "penilai_id": pen.id,
            "jenis": "periodik", "tahun": 2099, "periode_jenis": "bulanan", "periode_nomor": 12, "aktif": True,
            "rating_perilaku": pk, "saran_rating_perilaku": pk, "status_dokumen": "draf", "format_dokumen": "D.1.1",
            "dinilai_oleh": "penilai", "is_final": False, "versi": 1}])
        db.commit()
        ids_tb.append(db.scalar(select(EvaluasiKinerja.id).where(EvaluasiKinerja.pegawai_id == t.id,
                                                                 EvaluasiKinerja.tahun == 2099)))
    ids = ev_massal(db, 1000, 2099, pen.id)
    ids = ids_tb + [i for i in ids if i not in ids_tb]
    try:
        c = login("penilai")
        c.post("/evaluasi/action_post", data={"action": "hitung_predikat", "rowid": ids[:10]})  # warm-up
        jumlah = {}
        for n in (len(ids), 10):
            with hitung_sql() as h:
                assert c.post("/evaluasi/action_post", data={"action": "hitung_predikat",
                                                             "rowid": ids[:n]}).status_code == 302
            jumlah[n] = h.n
        assert jumlah[10] == jumlah[len(ids)], jumlah
        db.rollback()
        a, b = db.get(EvaluasiKinerja, ids_tb[0]), db.get(EvaluasiKinerja, ids_tb[1])
        assert (a.predikat_ipk, a.predikat) == ("sangat_baik", "baik")  # Di Atas (IPK) × Sesuai
        assert b.predikat == "sangat_kurang"  # failed study, perilaku Di Bawah
        # the period endpoint applies the same rule
        db.execute(update(EvaluasiKinerja).where(EvaluasiKinerja.tahun == 2099).values(predikat=None))
        db.commit()
        c.post("/evaluasi/hitung_periode/", data={"tahun": 2099, "jenis": "periodik", "periode_nomor": 12})
        db.rollback()
        assert (db.get(EvaluasiKinerja, ids_tb[0]).predikat, db.get(EvaluasiKinerja, ids_tb[1]).predikat) == (
            "baik", "sangat_kurang")
    finally:
        db.rollback()
        db.execute(delete(EvaluasiKinerja).where(EvaluasiKinerja.tahun == 2099))
        db.execute(delete(TugasBelajar).where(TugasBelajar.id.in_([x.id for x in tb])))
        db.commit()


# ---------------------------------------------------------------------------------------------------------
# C.1.x / D.1.x workbook laid out as the regulation's tables
# ---------------------------------------------------------------------------------------------------------

def test_xlsx_c_dan_d_seperti_tabel_regulasi(login, db_session):
    """forms C.1.x/D.1.x, 001 Lampiran: merged header cells; C.1.3 numbers its HASIL KERJA columns (1)…(8); ID blocks present."""
    db = db_session
    from app.queries.penilaian import format_c

    ev_id = next(i for i, s in db.execute(select(EvaluasiKinerja.id, EvaluasiKinerja.skp_id)
                                          .where(EvaluasiKinerja.status_dokumen != "draf")
                                          .order_by(EvaluasiKinerja.id)) if format_c(db.get(SKP, s)) == "C.1.3")
    r = login("admin").get(f"/evaluasi/unduh/{ev_id}")
    wb = load_workbook(io.BytesIO(r.data))
    d, c = wb.worksheets
    assert d.merged_cells.ranges and c.merged_cells.ranges
    nilai = [[v for v in row] for row in c.iter_rows(values_only=True)]
    kepala = next(i for i, row in enumerate(nilai) if row[0] == "NO")
    assert nilai[kepala + 1][:8] == [f"({i})" for i in range(1, 9)]
    assert "RENCANA HASIL KERJA PIMPINAN YANG DIINTERVENSI" in nilai[kepala]
    teks = " ".join(str(v) for row in nilai for v in row if v)
    for t in ("PEGAWAI YANG DINILAI", "PEJABAT PENILAI KINERJA", "A. UTAMA", "B. TAMBAHAN", "PERILAKU KERJA",
              "PREDIKAT KINERJA PEGAWAI"):
        assert t in teks, t
    judul = {str(rg) for rg in c.merged_cells.ranges}
    assert any(rg.startswith("A2:") for rg in judul)  # the title spans the table
