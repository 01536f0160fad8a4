"""Integrity over HTTP: no lost updates (two clients, optimistic lock on SKP, evaluasi, keberatan), one
transaction per user action (a failure injected midway leaves nothing), signed records immutable."""

from __future__ import annotations

import contextlib
import datetime as dt
import re

import pytest
from sqlalchemy import event, func, select
from sqlalchemy.orm import Session

from schema.models import SKP, AuditLog, EvaluasiKinerja, Jabatan, Keberatan, RencanaHasilKerja, TandaTangan
from tests import bantu
from tests.bantu import skp_buat, skp_post, skp_siap_ajukan

PESAN_BASI = "Data telah diubah pengguna lain"


@pytest.fixture()
def login(login):
    return bantu.login_bersih(login)


def _versi_di_form(c, url) -> str:
    """The version the page's form carries (what a browser tab would submit later)."""
    html = bantu.html(c.get(url))
    m = re.search(r'name="versi" value="(\d+)"', html)
    assert m, url
    return m.group(1)


# ------------------------------------------------------------------------------------------------------------
# optimistic locking: two clients open the same form, both submit; the second is refused, nothing overwritten
# ------------------------------------------------------------------------------------------------------------


def test_kunci_optimistis_skp_dua_klien(login, db_session):
    db = db_session
    a, b = login("pegawai"), login("pegawai")  # the same draft open in two browsers
    skp = skp_buat(a, db, 2073)
    va, vb = _versi_di_form(a, f"/skp/show/{skp.id}"), _versi_di_form(b, f"/skp/show/{skp.id}")
    assert va == vb
    r = a.post(
        f"/skp/rhk/{skp.id}", data={"jenis": "utama", "uraian": "RHK dari klien A", "versi": va}, follow_redirects=True
    )
    assert PESAN_BASI not in bantu.html(r)
    r = b.post(
        f"/skp/rhk/{skp.id}", data={"jenis": "utama", "uraian": "RHK dari klien B", "versi": vb}, follow_redirects=True
    )
    assert PESAN_BASI in bantu.html(r)
    db.rollback()
    uraian = set(db.scalars(select(RencanaHasilKerja.uraian).where(RencanaHasilKerja.skp_id == skp.id)))
    assert uraian == {"RHK dari klien A"}


def test_kunci_optimistis_evaluasi_dua_klien(login, db_session, hari):
    from tests.bantu import ev_buat, ev_muat, rhk_ids

    db = db_session
    skp = bantu.skp_ditetapkan(db, 2077)
    hari(dt.date(2077, 3, 25))  # the last working days of Q1
    a, b = login("penilai"), login("penilai")
    ev = ev_buat(a, db, skp, 1)
    va, vb = _versi_di_form(a, f"/evaluasi/show/{ev.id}"), _versi_di_form(b, f"/evaluasi/show/{ev.id}")

    def data(versi, hk):
        d = {
            "versi": versi,
            "rating_hasil_kerja": hk,
            "rating_perilaku": hk,
            "konsisten": "1",
            "catatan_rekomendasi": "Uji dua klien.",
            "alasan_rating_hasil_kerja": "Uji.",
            "alasan_rating_perilaku": "Uji.",
        }
        d.update({f"rating_rhk_{rid}": hk for rid in rhk_ids(db, skp.id)})
        return d

    r = a.post(f"/evaluasi/simpan/{ev.id}", data=data(va, "sesuai"), follow_redirects=True)
    assert "Penilaian disimpan" in bantu.html(r)
    r = b.post(f"/evaluasi/simpan/{ev.id}", data=data(vb, "dibawah"), follow_redirects=True)
    assert PESAN_BASI in bantu.html(r)
    e = ev_muat(db, ev.id)
    assert (e.rating_hasil_kerja, e.rating_perilaku) == ("sesuai", "sesuai")


def test_kunci_optimistis_keberatan_dua_klien(login, db_session, hari):
    from tests.bantu import ev_diterima

    db = db_session
    skp = bantu.skp_ditetapkan(db, 2080)
    ev = ev_diterima(login, db, hari, skp, 1, dt.date(2080, 3, 25))
    hari(dt.date(2080, 3, 27))
    r = login("pegawai").post(
        f"/keberatan/ajukan/{ev.id}", data={"alasan": "Bukti dukung belum dinilai."}, follow_redirects=True
    )
    assert "Keberatan diajukan" in bantu.html(r)
    kb = db.scalars(select(Keberatan).where(Keberatan.evaluasi_id == ev.id)).one()
    a, b = login("atasan"), login("atasan")
    va, vb = _versi_di_form(a, f"/keberatan/show/{kb.id}"), _versi_di_form(b, f"/keberatan/show/{kb.id}")
    r = a.post(
        f"/keberatan/penjelasan/{kb.id}",
        data={"versi": va, "penjelasan_penilai": "Penjelasan A", "penjelasan_pegawai": "Tanggapan A"},
        follow_redirects=True,
    )
    assert "Penjelasan kedua pihak dicatat" in bantu.html(r)
    r = b.post(
        f"/keberatan/penjelasan/{kb.id}",
        data={"versi": vb, "penjelasan_penilai": "Penjelasan B", "penjelasan_pegawai": "Tanggapan B"},
        follow_redirects=True,
    )
    assert PESAN_BASI in bantu.html(r)
    db.rollback()
    kb = db.get(Keberatan, kb.id)
    assert (kb.penjelasan_penilai, kb.penjelasan_pegawai) == ("Penjelasan A", "Tanggapan A")


# ------------------------------------------------------------------------------------------------------------
# one transaction per user action: a failure after rows reached the database leaves none of them
# (import: tests/excel/test_impor.py::test_kegagalan_di_tengah_aksi_tidak_meninggalkan_baris; upload:
#  tests/pelaksanaan/test_pelaksanaan.py::test_realisasi_dan_bukti_dukung)
# ------------------------------------------------------------------------------------------------------------


@contextlib.contextmanager
def gagal_sesudah_flush(model):
    """Raise right after a flush that wrote a ``model`` row: its SQL has run, the commit never comes."""
    terjadi: list = []

    def cb(session, flush_context):
        if any(isinstance(o, model) for o in list(session.new) + list(session.dirty)):
            terjadi.append(model)
            raise RuntimeError("kegagalan disuntikkan")

    # after_flush: the INSERT/UPDATE statements have been executed inside the transaction
    event.listen(Session, "after_flush", cb)
    try:
        yield terjadi
    finally:
        event.remove(Session, "after_flush", cb)


def test_kegagalan_di_tengah_simpan_formulir(login, db_session):
    """A FAB form save (master data edit + its audit row) failing after the UPDATE ran: nothing changes."""
    db = db_session
    j = db.scalars(select(Jabatan).where(Jabatan.atasan_id.is_not(None)).order_by(Jabatan.id).limit(1)).one()
    lama, n_audit = j.nama, db.scalar(select(func.count(AuditLog.id)))
    data = {
        "kode": j.kode or "",
        "nama": lama + " (gagal)",
        "jenis": j.jenis,
        "unit_kerja": str(j.unit_kerja_id),
        "atasan": str(j.atasan_id),
        "is_kepala_unit": "y" if j.is_kepala_unit else "",
        "aktif": "y",
    }
    c = login("operator")
    with gagal_sesudah_flush(Jabatan) as terjadi:
        try:
            c.post(f"/jabatanview/edit/{j.id}", data=data)
        except RuntimeError:
            pass  # FAB reports a general error, or the exception reaches the test client: both are fine
    assert terjadi  # the UPDATE reached the database before the failure
    db.rollback()
    assert db.get(Jabatan, j.id).nama == lama
    assert (
        db.scalar(
            select(func.count(AuditLog.id)).where(
                AuditLog.tabel == "jabatan", AuditLog.baris_id == str(j.id), AuditLog.sesudah.like("%(gagal)%")
            )
        )
        == 0
    )
    assert db.scalar(select(func.count(AuditLog.id))) >= n_audit


def test_kegagalan_di_tengah_aksi_penetapan(login, db_session):
    """A workflow action (setting an SKP: status, dates, signature with hash, audit) failing after the
    signature row was inserted: the SKP stays submitted, no signature, same version."""
    db = db_session
    c, cp = login("pegawai"), login("penilai")
    skp = skp_buat(c, db, 2089)
    skp_siap_ajukan(c, db, skp)
    skp_post(c, f"/skp/ajukan/{skp.id}", db, skp)
    db.rollback()
    s = db.get(SKP, skp.id)
    assert s.status == "diajukan"
    versi, n_tt = (
        s.versi,
        db.scalar(
            select(func.count(TandaTangan.id)).where(
                TandaTangan.jenis_dokumen == "skp", TandaTangan.dokumen_id == skp.id
            )
        ),
    )
    with gagal_sesudah_flush(TandaTangan) as terjadi, pytest.raises(RuntimeError):
        cp.post(f"/skp/tetapkan/{skp.id}", data={"versi": versi})
    assert terjadi
    db.rollback()
    s = db.get(SKP, skp.id)
    assert (s.status, s.versi, s.tanggal_ditetapkan) == ("diajukan", versi, None)
    assert (
        db.scalar(
            select(func.count(TandaTangan.id)).where(
                TandaTangan.jenis_dokumen == "skp", TandaTangan.dokumen_id == skp.id
            )
        )
        == n_tt
    )
    # and without the failure the same action goes through (the injection, not the data, stopped it)
    assert "ditetapkan dan ditandatangani" in skp_post(cp, f"/skp/tetapkan/{skp.id}", db, skp)


# ------------------------------------------------------------------------------------------------------------
# signed records are immutable through every door, views and API (changes go through a new version)
# ------------------------------------------------------------------------------------------------------------


def test_dokumen_bertanda_tangan_tidak_dapat_diubah_lewat_view_maupun_api(login, db_session, hari):
    from tests.bantu import ev_diterima, ev_muat

    db = db_session
    skp = bantu.skp_ditetapkan(db, 2094)
    ev = ev_diterima(login, db, hari, skp, 1, dt.date(2094, 3, 25))
    admin = login("admin")  # every permission: only the record's state can refuse
    for c in (login("penilai"), login("operator"), admin):
        for url in (
            f"/skp/edit/{skp.id}",
            f"/skp/delete/{skp.id}",
            f"/evaluasi/edit/{ev.id}",
            f"/evaluasi/delete/{ev.id}",
        ):
            assert c.post(url, data={"status": "draf", "status_dokumen": "draf"}).status_code in (302, 403, 404, 405)
        for url in (f"/api/v1/skp/{skp.id}", f"/api/v1/evaluasi_kinerja/{ev.id}"):
            assert c._k.put(url, json={"status": "draf"}).status_code in (403, 404, 405)
            assert c._k.delete(url).status_code in (403, 404, 405)
    r = admin.post(
        f"/evaluasi/simpan/{ev.id}",
        data={"versi": ev_muat(db, ev.id).versi, "rating_hasil_kerja": "dibawah"},
        follow_redirects=True,
    )
    assert "sudah ditandatangani" in bantu.html(r) or "sudah diterima" in bantu.html(r)
    db.rollback()
    s, e = db.get(SKP, skp.id), db.get(EvaluasiKinerja, ev.id)
    assert s is not None and s.status == "ditetapkan"
    assert e is not None and e.status_dokumen == "diterima" and e.rating_hasil_kerja == "sesuai"
