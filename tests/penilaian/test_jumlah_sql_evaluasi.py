"""The evaluation page and its save: a fixed, small number of SQL statements (counts, never times), and the
data those fewer statements carry still right — the three parties' identities (ID3, 001 Lampiran "Evaluasi
Kinerja"), the core values with their guidance, the SKP's special expectation and the evaluator's notes, which
the save adds, changes and removes.

Own year 2013 (its SKP and evaluation are created here).
"""

from __future__ import annotations

import datetime as dt

from markupsafe import escape
from sqlalchemy import select

from schema.models import CatatanPerilaku, EkspektasiKhusus, NilaiInti, Pegawai
from tests import bantu

TAHUN = 2013
# statements per request (17 and 13 in the SQLite test database) plus one of slack; they were 25 and 20 when
# each party's identity, the RHK's indicators, the core values, the expectations, the notes, the transfers and
# the Plt assignments each had their own query and the save read the notes twice
BATAS_HALAMAN = 17
BATAS_SIMPAN = 13


def _isian(db, ev, catatan: dict[int, str]) -> dict:
    """The form of an evaluation as the page would post it back: ratings, reasons left empty, the notes given."""
    data = {
        "versi": bantu.ev_muat(db, ev.id).versi,
        "rating_hasil_kerja": "sesuai",
        "rating_perilaku": "sesuai",
        "catatan_rekomendasi": "Pertahankan.",
        "konsisten": "1",
    }
    for rid in bantu.rhk_ids(db, ev.skp_id):
        data[f"rating_rhk_{rid}"] = "sesuai"
    for nid, isi in catatan.items():
        data[f"catatan_perilaku_{nid}"] = isi
    return data


def _catatan(db, ev_id) -> dict[int, str]:
    db.rollback()
    return dict(
        db.execute(
            select(CatatanPerilaku.nilai_inti_id, CatatanPerilaku.catatan).where(CatatanPerilaku.evaluasi_id == ev_id)
        ).all()
    )


def test_halaman_dan_simpan_evaluasi_jumlah_sql_kecil(login, db_session, hari, hitung_sql):
    db = db_session
    skp = bantu.skp_ditetapkan(db, TAHUN)
    nilai = db.scalars(select(NilaiInti.id).order_by(NilaiInti.urutan)).all()
    db.add(EkspektasiKhusus(skp_id=skp.id, nilai_inti_id=nilai[1], uraian="Ekspektasi khusus uji 2013"))
    db.commit()
    hari(dt.date(TAHUN, 3, 27))
    c = login("penilai")
    ev = bantu.ev_buat(c, db, skp, 1)
    ev_id, pihak = ev.id, [ev.pegawai_id, ev.penilai_id, ev.atasan_penilai_id]

    r = c.post(f"/evaluasi/simpan/{ev_id}", data=_isian(db, ev, {nilai[0]: "Catatan awal uji"}))
    assert r.status_code == 302
    db.rollback()  # the test's own reads stay outside the counted requests
    c.get(f"/evaluasi/show/{ev_id}")  # warm-up (session bookkeeping)
    with hitung_sql() as h:
        r = c.get(f"/evaluasi/show/{ev_id}")
    html = bantu.html(r)
    assert r.status_code == 200 and 'id="form-penilaian"' in html
    assert h.n <= BATAS_HALAMAN, (h.n, h.statements)
    assert "Ekspektasi khusus uji 2013" in html and "Catatan awal uji" in html
    assert "Kolaboratif" in html

    # the printed document (D.1.1): the three parties' identity blocks, read in one statement, print as the
    # model does (name with titles, rank "pangkat, golongan")
    cetak = bantu.html(c.get(f"/evaluasi/cetak/{ev_id}"))
    db.rollback()
    for pid in pihak:
        p = db.get(Pegawai, pid)
        for teks in (p.nama_lengkap, p.nip, str(p.golongan), p.jabatan.nama, p.unit_kerja.nama):
            assert escape(teks) in cetak, teks

    # an unchanged form: the notes came with the core values, no statement of their own
    data = _isian(db, ev, {nilai[0]: "Catatan awal uji"})
    db.rollback()
    with hitung_sql() as h:
        r = c.post(f"/evaluasi/simpan/{ev_id}", data=data)
    assert r.status_code == 302
    assert h.n <= BATAS_SIMPAN, (h.n, h.statements)
    assert not any("FROM catatan_perilaku" in s for s in h.statements), h.statements
    assert _catatan(db, ev_id) == {nilai[0]: "Catatan awal uji"}

    # changed, added and removed notes are still saved
    r = c.post(
        f"/evaluasi/simpan/{ev_id}",
        data=_isian(db, ev, {nilai[0]: "", nilai[2]: "Catatan baru uji"}),
        follow_redirects=True,
    )
    assert "Penilaian disimpan." in bantu.html(r)
    assert _catatan(db, ev_id) == {nilai[2]: "Catatan baru uji"}
    r = c.post(f"/evaluasi/simpan/{ev_id}", data=_isian(db, ev, {nilai[2]: "Catatan diubah uji"}))
    assert r.status_code == 302
    assert _catatan(db, ev_id) == {nilai[2]: "Catatan diubah uji"}
