"""Cycles in the unit tree (``unit_kerja.induk_id``) and in the chain of superior positions (``jabatan.atasan_id``)
are refused by one check on every path — HTML forms, REST API (POST and PUT), Excel import — and every tree walk is
bounded, so a cycle written straight into the database cannot hang a worker."""

from __future__ import annotations

import contextlib
import signal

import pytest
from sqlalchemy import select, text

from app.rules.pohon import MAKS_KEDALAMAN_POHON
from schema.models import Instansi, Jabatan, UnitKerja
from tests import bantu
from tests.bantu import put_terkunci


@contextlib.contextmanager
def batas_waktu(detik: int):
    """Fail instead of hanging: the old tree walk never returned on a cycle."""

    def habis(signum, frame):
        raise TimeoutError(f"tidak selesai dalam {detik} detik")

    lama = signal.signal(signal.SIGALRM, habis)
    signal.alarm(detik)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, lama)


def _unit_bercucu(db):
    """(unit, child, grandchild) ids of the demo tree, all in the first instansi (the import's default)."""
    db.rollback()
    instansi = db.scalar(select(Instansi.id).order_by(Instansi.id).limit(1))
    anak = UnitKerja.__table__.alias("anak")
    cucu = UnitKerja.__table__.alias("cucu")
    return db.execute(
        select(UnitKerja.id, anak.c.id, cucu.c.id)
        .join(anak, anak.c.induk_id == UnitKerja.id)
        .join(cucu, cucu.c.induk_id == anak.c.id)
        .where(UnitKerja.instansi_id == instansi)
        .order_by(UnitKerja.id, anak.c.id, cucu.c.id)
        .limit(1)
    ).one()


def _jabatan_berbawahan(db):
    db.rollback()
    bawah = Jabatan.__table__.alias("bawah")
    return db.execute(
        select(Jabatan.id, bawah.c.id)
        .join(bawah, bawah.c.atasan_id == Jabatan.id)
        .where(Jabatan.kode.is_not(None), bawah.c.kode.is_not(None))
        .order_by(Jabatan.id, bawah.c.id)
        .limit(1)
    ).one()


def _induk(db, model, pk):
    db.rollback()
    kolom = model.induk_id if model is UnitKerja else model.atasan_id
    return db.scalar(select(kolom).where(model.id == pk))


# ---------------------------------------------------------------------------------------------------------------
# REST API
# ---------------------------------------------------------------------------------------------------------------


def test_api_put_unit_siklus_ditolak(login, db_session):
    u, anak, cucu = _unit_bercucu(db_session)
    induk_lama = _induk(db_session, UnitKerja, u)
    c = login("operator")
    for calon in (anak, cucu, u):  # under its child, its grandchild, itself
        r = put_terkunci(c, f"/api/v1/unit_kerja/{u}", {"induk": calon})
        assert r.status_code == 422, (calon, r.get_json())
        assert "Unit Induk" in str(r.get_json()["message"]["induk"]) and "melingkar" in r.get_data(as_text=True)
        assert _induk(db_session, UnitKerja, u) == induk_lama  # nothing written
    # string ids are loaded (coerced) before the check
    assert put_terkunci(c, f"/api/v1/unit_kerja/{u}", {"induk": str(anak)}).status_code == 422
    # moving the grandchild up under the unit itself is fine
    lama_cucu = _induk(db_session, UnitKerja, cucu)
    try:
        r = put_terkunci(c, f"/api/v1/unit_kerja/{cucu}", {"induk": u})
        assert r.status_code == 200, r.get_json()
        assert _induk(db_session, UnitKerja, cucu) == u
    finally:
        db_session.execute(text("UPDATE unit_kerja SET induk_id = :i WHERE id = :u"), {"i": lama_cucu, "u": cucu})
        db_session.commit()


def test_api_put_jabatan_siklus_ditolak(login, db_session):
    j, bawah = _jabatan_berbawahan(db_session)
    atasan_lama = _induk(db_session, Jabatan, j)
    c = login("operator")
    for calon in (bawah, j):
        r = put_terkunci(c, f"/api/v1/jabatan/{j}", {"atasan": calon})
        assert r.status_code == 422, r.get_json()
        assert "Jabatan Atasan" in str(r.get_json()["message"]["atasan"])
        assert _induk(db_session, Jabatan, j) == atasan_lama


@contextlib.contextmanager
def siklus_sql(db, model, a, b):
    """a ↔ b written straight into the database (around the application), restored afterwards."""
    tabel, kolom = ("unit_kerja", "induk_id") if model is UnitKerja else ("jabatan", "atasan_id")
    lama = {a: _induk(db, model, a), b: _induk(db, model, b)}
    db.execute(text(f"UPDATE {tabel} SET {kolom} = :p WHERE id = :i"), [{"p": b, "i": a}, {"p": a, "i": b}])
    db.commit()
    try:
        yield
    finally:
        db.rollback()
        db.execute(text(f"UPDATE {tabel} SET {kolom} = :p WHERE id = :i"), [{"p": p, "i": i} for i, p in lama.items()])
        db.commit()


def _hapus(db, model, awalan: str) -> None:
    """Remove rows a test created (children first), so the shared demo data stays as it was."""
    db.rollback()
    kolom = "induk_id" if model is UnitKerja else "atasan_id"
    ids = list(db.scalars(select(model.id).where(model.kode.like(f"{awalan}%"))))
    if ids:
        db.execute(text(f"UPDATE {model.__tablename__} SET {kolom} = NULL WHERE id IN ({','.join(map(str, ids))})"))
        db.execute(text(f"DELETE FROM {model.__tablename__} WHERE id IN ({','.join(map(str, ids))})"))
        db.commit()


def test_api_post_unit_dan_jabatan(login, db_session):
    """POST checks the parent chain too: a new row under a chain that already loops is refused (422, no row);
    under a sound parent it is stored."""
    u, anak, _ = _unit_bercucu(db_session)
    j, bawah = _jabatan_berbawahan(db_session)
    instansi = db_session.scalar(select(UnitKerja.instansi_id).where(UnitKerja.id == u))
    unit_j = db_session.scalar(select(Jabatan.unit_kerja_id).where(Jabatan.id == j))
    c = login("operator")
    unit_baru = {"instansi_id": instansi, "kode": "SIKLUS.POST", "nama": "Unit Uji Siklus", "jenis": "bidang"}
    jab_baru = {"unit_kerja_id": unit_j, "kode": "SIKLUS.JPOST", "nama": "Jabatan Uji Siklus", "jenis": "pelaksana"}
    with siklus_sql(db_session, UnitKerja, u, anak):
        r = c.post("/api/v1/unit_kerja/", json=dict(unit_baru, induk_id=anak))
        assert r.status_code == 422, r.get_json()
        assert "Unit Induk" in str(r.get_json()["message"]["induk_id"])
    with siklus_sql(db_session, Jabatan, j, bawah):
        r = c.post("/api/v1/jabatan/", json=dict(jab_baru, atasan_id=bawah))
        assert r.status_code == 422, r.get_json()
        assert "Jabatan Atasan" in str(r.get_json()["message"]["atasan_id"])
    db_session.rollback()
    assert db_session.scalar(select(UnitKerja.id).where(UnitKerja.kode == "SIKLUS.POST")) is None
    assert db_session.scalar(select(Jabatan.id).where(Jabatan.kode == "SIKLUS.JPOST")) is None
    try:
        r = c.post("/api/v1/unit_kerja/", json=dict(unit_baru, induk_id=anak))
        assert r.status_code == 201, r.get_json()
        r = c.post("/api/v1/jabatan/", json=dict(jab_baru, atasan_id=bawah))
        assert r.status_code == 201, r.get_json()
    finally:
        _hapus(db_session, Jabatan, "SIKLUS.")
        _hapus(db_session, UnitKerja, "SIKLUS.")


def test_api_rantai_terlalu_dalam_ditolak(login, db_session):
    """The depth limit every walk uses is also a limit on what can be written."""
    u, _, _ = _unit_bercucu(db_session)
    instansi = db_session.scalar(select(UnitKerja.instansi_id).where(UnitKerja.id == u))
    c = login("operator")
    induk = None
    try:
        for i in range(MAKS_KEDALAMAN_POHON + 1):  # levels 1 … MAKS are accepted, MAKS + 1 is not
            r = c.post(
                "/api/v1/unit_kerja/",
                json={
                    "instansi_id": instansi,
                    "induk_id": induk,
                    "kode": f"DALAM.{i}",
                    "nama": f"Tingkat {i + 1}",
                    "jenis": "bidang",
                },
            )
            if i < MAKS_KEDALAMAN_POHON:
                assert r.status_code == 201, (i, r.get_json())
                induk = r.get_json()["id"]
        assert r.status_code == 422 and "paling dalam" in str(r.get_json()["message"]["induk_id"])
    finally:
        _hapus(db_session, UnitKerja, "DALAM.")


# ---------------------------------------------------------------------------------------------------------------
# HTML forms
# ---------------------------------------------------------------------------------------------------------------


def _form_unit(db, pk, induk):
    db.rollback()
    x = db.get(UnitKerja, pk)
    data = {
        "kode": x.kode,
        "nama": x.nama,
        "jenis": x.jenis,
        "instansi": str(x.instansi_id),
        "induk": str(induk) if induk else "",
    }
    for b in ("is_mandiri", "is_sekretariat", "boleh_tim_kota", "aktif"):
        if getattr(x, b):
            data[b] = "y"
    return data


def _form_jabatan(db, pk, atasan):
    db.rollback()
    x = db.get(Jabatan, pk)
    data = {
        "kode": x.kode or "",
        "nama": x.nama,
        "jenis": x.jenis,
        "unit_kerja": str(x.unit_kerja_id),
        "atasan": str(atasan) if atasan else "",
    }
    for b in ("is_kepala_unit", "aktif"):
        if getattr(x, b):
            data[b] = "y"
    return data


def test_html_ubah_unit_siklus_ditolak(login, db_session):
    u, anak, cucu = _unit_bercucu(db_session)
    induk_lama = _induk(db_session, UnitKerja, u)
    c = login("operator")
    for calon in (cucu, u):
        r = c.post(f"/unitkerjaview/edit/{u}", data=_form_unit(db_session, u, calon))
        assert r.status_code == 200  # the form again, with the error at the field
        html = bantu.html(r)
        assert "Unit Induk tidak boleh unit kerja ini sendiri" in html
        assert _induk(db_session, UnitKerja, u) == induk_lama
    # the same form with a sound parent saves (the validator does not refuse everything) — with unticked
    # boxes too (FAB made a NOT NULL boolean required, so "false" could not be saved)
    data = _form_unit(db_session, cucu, anak)
    assert "is_mandiri" not in data
    r = c.post(f"/unitkerjaview/edit/{cucu}", data=data)
    assert r.status_code == 302


def test_html_ubah_jabatan_siklus_ditolak(login, db_session):
    j, bawah = _jabatan_berbawahan(db_session)
    atasan_lama = _induk(db_session, Jabatan, j)
    c = login("operator")
    for calon in (bawah, j):
        r = c.post(f"/jabatanview/edit/{j}", data=_form_jabatan(db_session, j, calon))
        assert r.status_code == 200
        assert "Jabatan Atasan tidak boleh jabatan ini sendiri" in bantu.html(r)
        assert _induk(db_session, Jabatan, j) == atasan_lama
    r = c.post(f"/jabatanview/edit/{bawah}", data=_form_jabatan(db_session, bawah, j))
    assert r.status_code == 302


def test_html_tambah_di_bawah_rantai_melingkar_ditolak(login, db_session):
    u, anak, _ = _unit_bercucu(db_session)
    c = login("operator")
    data = dict(_form_unit(db_session, anak, u), kode="SIKLUS.HTML", nama="Unit Uji Tambah")
    with siklus_sql(db_session, UnitKerja, u, anak):
        r = c.post("/unitkerjaview/add", data=data)
        assert r.status_code == 200 and "rantai induk unit yang dipilih melingkar" in bantu.html(r)
    db_session.rollback()
    assert db_session.scalar(select(UnitKerja.id).where(UnitKerja.kode == "SIKLUS.HTML")) is None


# ---------------------------------------------------------------------------------------------------------------
# Excel import
# ---------------------------------------------------------------------------------------------------------------


@pytest.fixture()
def impor_sinkron(app):
    lama = app.config.get("PEKERJAAN_SINKRON")
    app.config["PEKERJAAN_SINKRON"] = True
    yield
    app.config["PEKERJAAN_SINKRON"] = lama


def _unggah(c, jenis, rows):
    """Upload; returns (imported?, result page)."""
    r = c.post(
        "/impor/unggah",
        data={"jenis": jenis, "berkas": (bantu.xlsx_dari_baris(rows), "data.xlsx")},
        content_type="multipart/form-data",
    )
    assert r.status_code == 302 and "/pekerjaan/" in r.headers["Location"], r.status_code
    status = c.get(r.headers["Location"].rstrip("/") + "/status").get_json()
    assert status["akhir"], status
    return status["status"] == "selesai", c.get(r.headers["Location"]).get_data(as_text=True)


KOLOM_UNIT = ["kode", "nama", "jenis", "kode_induk", "mandiri", "sekretariat", "tim_kota"]
KOLOM_JABATAN = ["kode", "nama", "jenis", "kode_unit", "kode_atasan", "kepala_unit"]


def test_impor_unit_siklus_ditolak(login, db_session, impor_sinkron):
    u, anak, _ = _unit_bercucu(db_session)
    x, y = db_session.get(UnitKerja, u), db_session.get(UnitKerja, anak)
    induk_lama = x.induk_id
    c = login("operator")
    # an existing unit moved under its own child
    ok, html = _unggah(c, "unit_kerja", [KOLOM_UNIT, [x.kode, x.nama, x.jenis, y.kode, "Tidak", "Tidak", "Tidak"]])
    assert not ok and "pohon unit kerja akan melingkar" in html and "tidak ada data yang disimpan" in html
    assert _induk(db_session, UnitKerja, u) == induk_lama
    # a cycle inside the file
    ok, html = _unggah(
        c,
        "unit_kerja",
        [
            KOLOM_UNIT,
            ["SIKLUS.A", "Unit A", "bidang", "SIKLUS.B", "Tidak", "Tidak", "Tidak"],
            ["SIKLUS.B", "Unit B", "bidang", "SIKLUS.A", "Tidak", "Tidak", "Tidak"],
        ],
    )
    assert not ok and html.count("pohon unit kerja akan melingkar") == 2
    db_session.rollback()
    assert db_session.scalar(select(UnitKerja.id).where(UnitKerja.kode == "SIKLUS.A")) is None


def test_impor_jabatan_siklus_ditolak(login, db_session, impor_sinkron):
    j, bawah = _jabatan_berbawahan(db_session)
    x, y = db_session.get(Jabatan, j), db_session.get(Jabatan, bawah)
    atasan_lama = x.atasan_id
    unit = db_session.get(UnitKerja, x.unit_kerja_id).kode
    c = login("operator")
    ok, html = _unggah(c, "jabatan", [KOLOM_JABATAN, [x.kode, x.nama, x.jenis, unit, y.kode, "Tidak"]])
    assert not ok and "rantai atasan akan melingkar" in html
    assert _induk(db_session, Jabatan, j) == atasan_lama
    ok, html = _unggah(
        c,
        "jabatan",
        [
            KOLOM_JABATAN,
            ["SIKLUS.JA", "Jabatan A", "pelaksana", unit, "SIKLUS.JB", "Tidak"],
            ["SIKLUS.JB", "Jabatan B", "pelaksana", unit, "SIKLUS.JA", "Tidak"],
        ],
    )
    assert not ok and html.count("rantai atasan akan melingkar") == 2


# ---------------------------------------------------------------------------------------------------------------
# Bounded walks on corrupted data
# ---------------------------------------------------------------------------------------------------------------


def test_pohon_menjawab_walau_data_melingkar(login, db_session):
    u, anak, cucu = _unit_bercucu(db_session)
    c = login("operator")
    with siklus_sql(db_session, UnitKerja, u, anak):
        with batas_waktu(20):
            for pk in (u, anak, cucu):
                r = c.get(f"/unitkerjaview/pohon/{pk}")
                assert r.status_code == 200
            assert c.get("/unitkerjaview/pohon/").status_code == 200
    # sound data: the breadcrumb runs from the top down to the unit
    r = c.get(f"/unitkerjaview/pohon/{cucu}")
    nama = [db_session.get(UnitKerja, i).nama for i in (u, anak, cucu)]
    html = bantu.html(r)
    posisi = [html.index(n) for n in nama]
    assert posisi == sorted(posisi)
