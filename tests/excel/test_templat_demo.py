"""The import templates' example rows use the demo regency's codes: downloaded as-is they import cleanly into
a demo installation (a trial upload), unit → position → employee, each template on its own."""

import io

import pytest
from sqlalchemy import delete, select

from app.excel.impor import CONTOH
from schema.models import Jabatan, Pegawai, UnitKerja


@pytest.fixture(autouse=True)
def _impor_sinkron(app):
    """Imports run as background jobs (app/pekerjaan.py); here the upload waits for its job."""
    lama = app.config.get("PEKERJAAN_SINKRON")
    app.config["PEKERJAAN_SINKRON"] = True
    yield
    app.config["PEKERJAAN_SINKRON"] = lama


def _unggah_templat(c, jenis) -> dict:
    berkas = c.get(f"/impor/templat/{jenis}")
    assert berkas.status_code == 200
    r = c.post(
        "/impor/unggah",
        data={"jenis": jenis, "berkas": (io.BytesIO(berkas.data), f"templat-{jenis}.xlsx")},
        content_type="multipart/form-data",
    )
    assert r.status_code == 302 and "/pekerjaan/" in r.headers["Location"], r.get_data(as_text=True)[-2000:]
    status = c.get(r.headers["Location"].rstrip("/") + "/status").get_json()
    halaman = c.get(r.headers["Location"]).get_data(as_text=True)
    assert status["akhir"] and status["status"] == "selesai", halaman[-3000:]
    return status


def test_templat_diimpor_apa_adanya_ke_data_demo(login, db_session):
    kode_unit, kode_jabatan, nip = CONTOH["unit_kerja"][0], CONTOH["jabatan"][0], CONTOH["pegawai"][0]
    # the examples create new rows: they never overwrite demo records
    assert db_session.scalar(select(UnitKerja.id).where(UnitKerja.kode == kode_unit)) is None
    assert db_session.scalar(select(Jabatan.id).where(Jabatan.kode == kode_jabatan)) is None
    assert db_session.scalar(select(Pegawai.id).where(Pegawai.nip == nip)) is None
    c = login("operator")
    try:
        for jenis in ("unit_kerja", "jabatan", "pegawai"):
            _unggah_templat(c, jenis)
        db_session.rollback()
        unit = db_session.scalar(select(UnitKerja).where(UnitKerja.kode == kode_unit))
        assert unit is not None and unit.induk.kode == CONTOH["unit_kerja"][3]
        jab = db_session.scalar(select(Jabatan).where(Jabatan.kode == kode_jabatan))
        assert jab is not None and jab.atasan.kode == CONTOH["jabatan"][4]
        peg = db_session.scalar(select(Pegawai).where(Pegawai.nip == nip))
        assert peg is not None and peg.unit_kerja.kode == CONTOH["pegawai"][11]
    finally:  # the shared demo database stays as other test modules expect it
        db_session.rollback()
        db_session.execute(delete(Pegawai).where(Pegawai.nip == nip))
        db_session.execute(delete(Jabatan).where(Jabatan.kode == kode_jabatan))
        db_session.execute(delete(UnitKerja).where(UnitKerja.kode == kode_unit))
        db_session.commit()
