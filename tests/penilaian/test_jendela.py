"""When an evaluation may be made and signed, the confirmation for undocumented results, and the objection path
shown before receipt — through HTTP.

* 001 Lampiran "Evaluasi Kinerja" 8–10; 001 Pasal 23–24: an evaluation reviews the whole period and happens at
  its end (``app.rules.waktu_evaluasi``: from the 5th last working day, per instansi in konfigurasi_periode);
  ibid. 14 (contoh Purnama): an evaluator transferred inside the window evaluates before leaving.
* B.1.2: signing while RHK/IKI have no realisasi for the period asks for a confirmation naming them.
* R7 — 001 Lampiran "Keberatan" 1–2; 003 Pasal 35 a: before receipt the employee is told that an objection can
  be filed after signing receipt, within 14 working days, with the date; not where the result is final.

Years 2042, 2043, 2046, 2047, 2048 are used only here; the calendar is walked by patching ``hari_ini``.
"""

from __future__ import annotations

import datetime as dt
import re

from sqlalchemy import func, select, update

from schema.models import EvaluasiKinerja, IndikatorKinerja, Jabatan, Realisasi, TandaTangan
from tests import bantu
from tests.bantu import Posisi, catat_mutasi, ev_buat, ev_muat, ev_nilai, pegawai_tanpa_login, rhk_ids

_html, _skp, _peg = bantu.html, bantu.skp_ditetapkan, bantu.peg


def _jumlah_ev(db, skp_id) -> int:
    db.rollback()
    return db.scalar(select(func.count()).select_from(EvaluasiKinerja).where(EvaluasiKinerja.skp_id == skp_id))


def _tandatangani(c, db, ev_id, **data):
    data.setdefault("versi", ev_muat(db, ev_id).versi)
    return c.post(f"/evaluasi/tandatangani/{ev_id}", data=data, follow_redirects=True)


def test_evaluasi_sebelum_akhir_periode_ditolak_dengan_tanggal(login, db_session, hari):
    """The walk-through case, in 2042: on 4 December a Q4 (or annual) evaluation can be neither created — one by
    one or in bulk — nor signed; the message names the period and the first allowed date, 24 December 2042
    (31, 30, 29, 26 | 25 Natal | 24: the 5th last working day)."""
    db = db_session
    skp = _skp(db, 2042)
    c = login("penilai")
    hari(dt.date(2042, 12, 4))
    pesan = "Evaluasi Triwulan IV 2042 baru dapat dibuat dan ditandatangani mulai 24 Desember 2042"
    r = c.post(
        "/evaluasi/buat/",
        data={"skp_id": skp.id, "tahun": 2042, "jenis": "periodik", "periode_nomor": 4},
        follow_redirects=True,
    )
    assert pesan in _html(r) and _jumlah_ev(db, skp.id) == 0
    r = c.post(
        "/evaluasi/buat_periode/", data={"tahun": 2042, "jenis": "periodik", "periode_nomor": 4}, follow_redirects=True
    )
    assert pesan in _html(r) and _jumlah_ev(db, skp.id) == 0
    r = c.post("/evaluasi/buat/", data={"skp_id": skp.id, "tahun": 2042, "jenis": "tahunan"}, follow_redirects=True)
    assert "Evaluasi Tahun 2042 baru dapat dibuat dan ditandatangani mulai 24 Desember 2042" in _html(r)
    assert _jumlah_ev(db, skp.id) == 0

    # a draft that exists early (made in the window, the calendar walked back) is not signed before the window
    hari(dt.date(2042, 12, 24))
    ev = ev_buat(c, db, skp, 4)
    ev_nilai(c, db, ev, ["sesuai", "sesuai"], "sesuai", "sesuai")
    for tanggal in (dt.date(2042, 12, 4), dt.date(2042, 12, 23)):
        hari(tanggal)
        assert pesan in _html(_tandatangani(c, db, ev.id, konfirmasi_dokumentasi="1"))
        r = c.post(
            "/evaluasi/action_post",
            data={"action": "tetapkan", "rowid": [ev.id], "konfirmasi_dokumentasi": "1"},
            follow_redirects=True,
        )
        assert pesan in _html(r) and "evaluasi ditandatangani" not in _html(r)
        assert ev_muat(db, ev.id).status_dokumen == "draf"
    # in the window it is signed
    hari(dt.date(2042, 12, 24))
    assert "ditandatangani secara elektronik" in _html(_tandatangani(c, db, ev.id, konfirmasi_dokumentasi="1"))
    assert ev_muat(db, ev.id).status_dokumen == "ditandatangani"


def test_penilai_pindah_boleh_menilai_sebelum_pindah(login, db_session, hari):
    """R15 exception (001 Lampiran "Evaluasi Kinerja" 14 b, contoh Purnama): the evaluator's SK mutasi takes
    effect on 11 December 2043, inside the Q4 window, so they still evaluate the old unit — before leaving:
    from the 5th last working day up to 10 December (10, 9, 8, 7, 4 December)."""
    db = db_session
    pen = _peg(db, "penilai")
    (e,) = pegawai_tanpa_login(db, 1)
    tujuan = db.scalar(
        select(Jabatan.id)
        .where(Jabatan.unit_kerja_id != pen.unit_kerja_id, Jabatan.id != pen.jabatan_id)
        .order_by(Jabatan.id.desc())
        .limit(1)
    )
    posisi = Posisi(db, pen)
    skp = _skp(db, 2043, pegawai=e)
    try:
        hari(dt.date(2043, 12, 1))
        assert catat_mutasi(login("operator"), pen.id, dt.date(2043, 12, 11), tujuan).status_code == 200
        c = login("penilai")
        hari(dt.date(2043, 12, 3))
        r = c.post(
            "/evaluasi/buat/",
            data={"skp_id": skp.id, "tahun": 2043, "jenis": "periodik", "periode_nomor": 4},
            follow_redirects=True,
        )
        assert "mulai 4 Desember 2043" in _html(r) and _jumlah_ev(db, skp.id) == 0
        hari(dt.date(2043, 12, 4))
        ev = ev_buat(c, db, skp, 4)
        assert ev.penilai_id == pen.id
        assert "tetap mengevaluasi" in _html(c.get(f"/evaluasi/show/{ev.id}"))
        assert "Penilaian disimpan" in _html(ev_nilai(c, db, ev, ["sesuai", "sesuai"], "sesuai", "sesuai"))
        assert "ditandatangani secara elektronik" in _html(_tandatangani(c, db, ev.id, konfirmasi_dokumentasi="1"))
        x = ev_muat(db, ev.id)
        assert (x.status_dokumen, x.penilai_id, x.dinilai_oleh) == ("ditandatangani", pen.id, "penilai")
        # the bulk creation has no per-person exceptions: it waits for the period's end
        r = c.post(
            "/evaluasi/buat_periode/",
            data={"tahun": 2043, "jenis": "periodik", "periode_nomor": 4},
            follow_redirects=True,
        )
        assert "mulai 24 Desember 2043" in _html(r) and "satu per satu" in _html(r)
    finally:
        posisi.pulihkan()


def test_tanda_tangan_dengan_realisasi_belum_didokumentasikan_minta_konfirmasi(login, db_session, hari):
    """B.1.2: RHK 1 has its realisasi (November, a monthly documentation period inside Q4), RHK 2 none. Signing
    first shows a page naming RHK 2 and its IKI — nothing is signed — and then signs once confirmed; the bulk
    "Tetapkan" does the same."""
    db = db_session
    skp = _skp(db, 2046)
    rhk1, rhk2 = rhk_ids(db, skp.id)
    iki1 = db.scalar(select(IndikatorKinerja.id).where(IndikatorKinerja.rhk_id == rhk1))
    db.add(
        Realisasi(
            skp_id=skp.id,
            rhk_id=rhk1,
            iki_id=iki1,
            periode_jenis="bulanan",
            tahun=2046,
            periode_nomor=11,
            nilai=3,
            uraian="3 laporan tersusun",
        )
    )
    db.commit()
    hari(dt.date(2046, 12, 24))
    c = login("penilai")
    ev = ev_buat(c, db, skp, 4)
    ev_nilai(c, db, ev, ["sesuai", "sesuai"], "sesuai", "sesuai")
    r = _tandatangani(c, db, ev.id)
    html = _html(r)
    assert r.status_code == 200 and 'id="konfirmasi-dokumentasi"' in html
    blok = html.split(f'id="belum-didokumentasikan-{ev.id}"')[1].split("</table>")[0]
    assert "Tersusunnya laporan uji 2046-2" in blok and "Jumlah laporan 2" in blok
    assert "Tersusunnya laporan uji 2046-1" not in blok
    assert "Triwulan IV 2046" in html
    assert ev_muat(db, ev.id).status_dokumen == "draf"
    assert (
        db.scalar(
            select(func.count())
            .select_from(TandaTangan)
            .where(TandaTangan.jenis_dokumen == "evaluasi", TandaTangan.dokumen_id == ev.id)
        )
        == 0
    )
    # the page's own form repeats the request, confirmed
    form = html.split('id="form-konfirmasi-tandatangan"')[1].split("</form>")[0]
    assert 'name="konfirmasi_dokumentasi" value="1"' in form
    aksi = re.search(r'action="([^"]+)"', html.split('id="form-konfirmasi-tandatangan"')[0].rsplit("<form", 1)[1])
    assert aksi and aksi.group(1) == f"/evaluasi/tandatangani/{ev.id}"
    r = _tandatangani(c, db, ev.id, konfirmasi_dokumentasi="1")
    assert "ditandatangani secara elektronik" in _html(r)
    assert ev_muat(db, ev.id).status_dokumen == "ditandatangani"

    # bulk: the same page, listing every evaluation concerned, posting back to the action
    (lain,) = pegawai_tanpa_login(db, 1)
    skp2 = _skp(db, 2046, pegawai=lain)
    e2 = ev_buat(c, db, skp2, 4)
    ev_nilai(c, db, e2, ["sesuai", "sesuai"], "sesuai", "sesuai")
    r = c.post("/evaluasi/action_post", data={"action": "tetapkan", "rowid": [e2.id]}, follow_redirects=True)
    html = _html(r)
    assert f'id="belum-didokumentasikan-{e2.id}"' in html and "Tersusunnya laporan uji 2046-1" in html
    assert f'name="rowid" value="{e2.id}"' in html and 'name="action" value="tetapkan"' in html
    assert ev_muat(db, e2.id).status_dokumen == "draf"
    r = c.post(
        "/evaluasi/action_post",
        data={"action": "tetapkan", "rowid": [e2.id], "konfirmasi_dokumentasi": "1"},
        follow_redirects=True,
    )
    assert "1 evaluasi ditandatangani" in _html(r) and ev_muat(db, e2.id).status_dokumen == "ditandatangani"


def test_jalur_keberatan_tampak_sebelum_penerimaan(login, db_session, hari):
    """R7: delivered on 24 December 2047, not yet received — the employee's page says an objection can be filed
    after signing receipt, within 14 working days, and the date if received today: 26, 27, 30, 31 | 1 Jan |
    2, 3, 6, 7, 8, 9, 10, 13, 14, 15 → 15 January 2048. Not shown for a final result (Kepala Daerah, late
    evaluator's D.1.2) nor to the evaluator; after receipt the filing form takes over with the same date."""
    db = db_session
    skp = _skp(db, 2047)
    hari(dt.date(2047, 12, 24))
    c, p = login("penilai"), login("pegawai")
    ev = ev_buat(c, db, skp, 4)
    ev_nilai(c, db, ev, ["sesuai", "sesuai"], "sesuai", "sesuai")
    _tandatangani(c, db, ev.id, konfirmasi_dokumentasi="1")
    assert 'id="jalur-keberatan"' not in _html(p.get(f"/evaluasi/show/{ev.id}"))  # not yet delivered
    c.post(f"/evaluasi/sampaikan/{ev.id}", data={"versi": ev_muat(db, ev.id).versi})
    assert ev_muat(db, ev.id).status_dokumen == "disampaikan"
    html = _html(p.get(f"/evaluasi/show/{ev.id}"))
    blok = html.split('id="jalur-keberatan"')[1].split("</div>")[0]
    assert "setelah menandatangani penerimaan dokumen" in blok and "14 hari kerja" in blok
    assert "24 Desember 2047" in blok and "15 Januari 2048" in blok
    assert 'id="jalur-keberatan"' not in _html(c.get(f"/evaluasi/show/{ev.id}"))

    # final results: no objection, so no path
    for kolom in (
        {"dinilai_oleh": "kepala_daerah", "is_final": True},
        {"format_dokumen": "D.1.2", "dinilai_oleh": "atasan_penilai", "is_final": True},
    ):
        lama = {k: getattr(ev_muat(db, ev.id), k) for k in kolom}
        db.execute(update(EvaluasiKinerja).where(EvaluasiKinerja.id == ev.id).values(**kolom))
        db.commit()
        try:
            assert 'id="jalur-keberatan"' not in _html(p.get(f"/evaluasi/show/{ev.id}"))
        finally:
            db.execute(update(EvaluasiKinerja).where(EvaluasiKinerja.id == ev.id).values(**lama))
            db.commit()

    p.post(f"/evaluasi/terima/{ev.id}", data={"versi": ev_muat(db, ev.id).versi})
    assert ev_muat(db, ev.id).status_dokumen == "diterima"
    html = _html(p.get(f"/evaluasi/show/{ev.id}"))
    assert 'id="jalur-keberatan"' not in html and 'id="form-keberatan"' in html
    assert "Batas pengajuan: 15 Januari 2048" in html


def test_pensiun_di_dalam_periode_boleh_dinilai_sebelum_akhir_periode(login, db_session, hari):
    """R15 exception of retirement: the employee retires TMT 1 November 2048 (last day of service 31 October); the
    Q4 evaluation of the time served may start in the last working days before that day instead of the period's
    end — without the date it is refused as before."""
    from schema.models import Pegawai

    db = db_session
    skp = _skp(db, 2048)
    c = login("penilai")
    hari(dt.date(2048, 10, 27))
    data = {"skp_id": skp.id, "tahun": 2048, "jenis": "periodik", "periode_nomor": 4}
    r = c.post("/evaluasi/buat/", data=data, follow_redirects=True)
    assert "Evaluasi Triwulan IV 2048 baru dapat dibuat" in _html(r) and _jumlah_ev(db, skp.id) == 0
    try:
        db.execute(update(Pegawai).where(Pegawai.id == skp.pegawai_id).values(tmt_pensiun=dt.date(2048, 11, 1)))
        db.commit()
        r = c.post("/evaluasi/buat/", data=data, follow_redirects=True)
        assert "baru dapat dibuat" not in _html(r) and _jumlah_ev(db, skp.id) == 1
    finally:
        db.rollback()
        db.execute(update(Pegawai).where(Pegawai.id == skp.pegawai_id).values(tmt_pensiun=None))
        db.commit()
