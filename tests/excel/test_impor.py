"""Excel import (all-or-nothing, per-row errors) and the streamed pegawai register."""

import datetime as dt
import io

import pytest
from openpyxl import load_workbook
from sqlalchemy import func, select

from app.excel.tulis import HEADER_ROW
from schema.models import Jabatan, Pegawai, UnitKerja
from tests import bantu

_xlsx = bantu.xlsx_dari_baris


def _count(s, m):
    s.rollback()
    return s.scalar(select(func.count()).select_from(m))


@pytest.fixture(autouse=True)
def _impor_sinkron(app):
    """Imports run as background jobs (app/pekerjaan.py); here the upload waits for its job."""
    lama = app.config.get("PEKERJAAN_SINKRON")
    app.config["PEKERJAAN_SINKRON"] = True
    yield
    app.config["PEKERJAAN_SINKRON"] = lama


class Hasil:
    """The job's result page after an upload; ``status_code`` 200 = imported, 422 = refused (job failed)."""

    def __init__(self, r, c):
        self.r = r
        if r.status_code != 302 or "/pekerjaan/" not in r.headers["Location"]:
            self.status_code, self.html = r.status_code, r.get_data(as_text=True)
            return
        status = c.get(r.headers["Location"].rstrip("/") + "/status").get_json()
        assert status["akhir"], status
        self.status_code = 200 if status["status"] == "selesai" else 422
        self.html = c.get(r.headers["Location"]).get_data(as_text=True)

    def get_data(self, as_text=False):
        return self.html


def _unggah(c, jenis, berkas, nama="data.xlsx"):
    r = c.post("/impor/unggah", data={"jenis": jenis, "berkas": (berkas, nama)}, content_type="multipart/form-data")
    return Hasil(r, c)


def test_templat_bisa_diunduh_dan_dibuka(login):
    c = login("operator")
    for jenis in ("unit_kerja", "jabatan", "pegawai"):
        r = c.get(f"/impor/templat/{jenis}")
        assert r.status_code == 200
        ws = load_workbook(io.BytesIO(r.data)).active
        assert ws.cell(1, 1).value in ("kode", "nip")


def test_impor_berkas_rusak_ditolak(login, db_session):
    sebelum = _count(db_session, Pegawai)
    r = _unggah(login("operator"), "pegawai", io.BytesIO(b"bukan excel"))
    assert r.status_code == 422
    assert "bukan file Excel" in r.get_data(as_text=True)
    assert _count(db_session, Pegawai) == sebelum


def test_impor_kolom_hilang_ditolak(login):
    r = _unggah(login("operator"), "pegawai", _xlsx([["nip", "nama"], ["199001012015031001", "A"]]))
    assert r.status_code == 422
    html = r.get_data(as_text=True)
    assert "tanggal_lahir" in html and "kolom tidak ada" in html


def test_impor_pegawai_semua_atau_tidak_sama_sekali(login, db_session):
    unit = db_session.scalar(select(UnitKerja.kode).limit(1))
    header = bantu.KOLOM_IMPOR_PEGAWAI
    b = bantu.baris_impor_pegawai(unit)
    sebelum = _count(db_session, Pegawai)
    r = _unggah(
        login("operator"), "pegawai", _xlsx([header, b["baik"], b["salah_nip"], b["unit_hilang"], b["tanggal_salah"]])
    )
    assert r.status_code == 422
    html = r.get_data(as_text=True)
    assert "<td>3</td><td>nip</td>" in html  # row 3, column nip
    assert "<td>4</td><td>kode_unit</td>" in html and "TIDAK-ADA" in html
    assert "<td>5</td><td>tanggal_lahir</td>" in html
    assert "tidak ada data yang disimpan" in html
    assert _count(db_session, Pegawai) == sebelum  # not even the good row


def test_impor_unit_jabatan_pegawai_upsert(login, db_session):
    c = login("operator")
    r = _unggah(
        c,
        "unit_kerja",
        _xlsx(
            [
                ["kode", "nama", "jenis", "kode_induk", "mandiri", "sekretariat", "tim_kota"],
                ["UJI.1", "Dinas Uji Coba", "dinas", None, "Tidak", "Tidak", "Tidak"],
                ["UJI.1.1", "Sekretariat Dinas Uji", "subbagian", "UJI.1", "Tidak", "Ya", "Tidak"],
            ]
        ),
    )
    assert r.status_code == 200, r.get_data(as_text=True)[-3000:]
    r = _unggah(
        c,
        "jabatan",
        _xlsx(
            [
                ["kode", "nama", "jenis", "kode_unit", "kode_atasan", "kepala_unit"],
                ["UJI.J1", "Kepala Dinas Uji", "jpt_pratama", "UJI.1", None, "Ya"],
                ["UJI.J2", "Sekretaris Dinas Uji", "administrator", "UJI.1.1", "UJI.J1", "Ya"],
            ]
        ),
    )
    assert r.status_code == 200
    pegawai = [
        [
            "nip",
            "nama",
            "gelar_depan",
            "gelar_belakang",
            "tanggal_lahir",
            "tmt",
            "jenis_kelamin",
            "jenis_asn",
            "status",
            "golongan",
            "kode_jabatan",
            "kode_unit",
            "email",
        ],
        [
            "197505052000031002",
            "Kepala Uji",
            "Dr.",
            "M.Si.",
            dt.date(1975, 5, 5),
            "01-03-2000",
            "L",
            "pns",
            "aktif",
            "IV/c",
            "UJI.J1",
            "UJI.1",
            "kepala@uji.go.id",
        ],
    ]
    assert _unggah(c, "pegawai", _xlsx(pegawai)).status_code == 200
    pegawai[1][1] = "Kepala Uji Diperbarui"
    r = _unggah(c, "pegawai", _xlsx(pegawai))
    assert "0 ditambah, 1 diperbarui" in r.get_data(as_text=True)
    db_session.rollback()
    p = db_session.scalars(select(Pegawai).where(Pegawai.nip == "197505052000031002")).one()
    assert p.nama == "Kepala Uji Diperbarui" and p.jabatan.kode == "UJI.J1"
    j2 = db_session.scalars(select(Jabatan).where(Jabatan.kode == "UJI.J2")).one()
    assert j2.atasan.kode == "UJI.J1" and j2.unit_kerja.induk.kode == "UJI.1"


def test_impor_hanya_operator(login):
    r = _unggah(login("penilai"), "unit_kerja", _xlsx([["kode"]]))
    assert r.status_code in (302, 403)


def test_ekspor_register_pegawai(login, db_session):
    c = login("operator")
    r = c.get("/pegawaiview/ekspor/")
    assert r.status_code == 200
    assert r.mimetype.endswith("spreadsheetml.sheet")
    wb = load_workbook(io.BytesIO(r.data))
    ws = wb.active
    assert ws.freeze_panes == f"A{HEADER_ROW + 1}"
    header = [c.value for c in ws[HEADER_ROW]]
    assert header[:3] == ["No", "NIP", "Nama"]
    rows = list(ws.iter_rows(min_row=HEADER_ROW + 1))
    assert len(rows) == _count(db_session, Pegawai)
    nip_cell, lahir_cell = rows[0][1], rows[0][5]
    assert nip_cell.data_type == "s" and len(nip_cell.value) == 18
    assert isinstance(lahir_cell.value, dt.datetime)
    assert ws.cell(5, 2).value == "operator"  # the exporting user


def test_ekspor_mengikuti_filter_daftar(login, db_session):
    c = login("operator")
    n = _count(db_session, Pegawai)
    r = c.get("/pegawaiview/ekspor/?_flt_0_jenis_asn=pppk")
    ws = load_workbook(io.BytesIO(r.data), read_only=True).active
    rows = list(ws.iter_rows(min_row=HEADER_ROW + 1, values_only=True))
    n_pppk = db_session.scalar(select(func.count()).where(Pegawai.jenis_asn == "pppk"))
    assert 0 < len(rows) == n_pppk < n
    assert {row[8] for row in rows} == {"PPPK"}


def test_ekspor_menetralkan_rumus(login, db_session):
    """Formula injection: user text '=1+1' is written as a text cell, not a live formula."""
    p = db_session.scalars(select(Pegawai).order_by(Pegawai.id).limit(1)).one()
    lama = p.gelar_belakang
    p.gelar_belakang = "=1+1"
    db_session.commit()
    try:
        r = login("operator").get(f"/pegawaiview/ekspor/?_flt_0_nip={p.nip}")
        ws = load_workbook(io.BytesIO(r.data)).active
        cell = ws.cell(HEADER_ROW + 1, 5)
        assert cell.value == "=1+1" and cell.data_type == "s"
    finally:
        p = db_session.get(Pegawai, p.id)
        p.gelar_belakang = lama
        db_session.commit()


def test_kegagalan_di_tengah_aksi_tidak_meninggalkan_baris(login, db_session, monkeypatch):
    """One transaction per user action: a failure after the rows were written (injected in the audit
    step, just before commit) leaves nothing behind."""
    import app.views.impor as impor_view

    def gagal(*a, **kw):
        raise RuntimeError("kegagalan disuntikkan")

    monkeypatch.setattr(impor_view, "catat", gagal)
    berkas = _xlsx(
        [
            ["kode", "nama", "jenis", "kode_induk", "mandiri", "sekretariat", "tim_kota"],
            ["GAGAL.1", "Dinas Gagal", "dinas", None, "Tidak", "Tidak", "Tidak"],
            ["GAGAL.1.1", "Bagian Gagal", "bagian", "GAGAL.1", "Tidak", "Ya", "Tidak"],
        ]
    )
    r = _unggah(login("operator"), "unit_kerja", berkas)  # the job fails, recorded with an Indonesian message
    assert r.status_code == 422 and "Terjadi kesalahan tak terduga; tidak ada data yang disimpan" in r.html
    db_session.rollback()
    assert db_session.scalar(select(func.count()).where(UnitKerja.kode.like("GAGAL%"))) == 0
