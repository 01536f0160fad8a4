"""Audit trail: every change through the UI is logged with who/when/before/after, in the same
transaction; readable by Admin/PyB only; exported to Excel."""

import io
import json

from openpyxl import load_workbook
from sqlalchemy import select

from app.excel.tulis import HEADER_ROW
from schema.models import AuditLog, Jabatan


def test_ubah_data_induk_tercatat(login, db_session):
    j = db_session.scalars(select(Jabatan).where(Jabatan.kode.like("DINKES%")).order_by(Jabatan.id).limit(1)).one()
    lama = j.nama
    c = login("operator")
    data = {
        "kode": j.kode,
        "nama": lama + " (uji audit)",
        "jenis": j.jenis,
        "unit_kerja": str(j.unit_kerja_id),
        "atasan": str(j.atasan_id or ""),
        "is_kepala_unit": "y" if j.is_kepala_unit else "",
        "aktif": "y",
    }
    r = c.post(f"/jabatanview/edit/{j.id}", data=data)
    import re

    assert r.status_code == 302, re.findall(
        r"name=\"(\w+)\"[^<]*(?:<[^d][^<]*)*?<div class=\"alert alert-danger\">", r.get_data(as_text=True), re.S
    )
    db_session.rollback()
    log = db_session.scalars(
        select(AuditLog).where(AuditLog.tabel == "jabatan", AuditLog.baris_id == str(j.id)).order_by(AuditLog.id.desc())
    ).first()
    assert log is not None and log.aksi == "ubah" and log.username == "operator"
    assert json.loads(log.sebelum)["nama"] == lama
    assert json.loads(log.sesudah)["nama"] == lama + " (uji audit)"
    # restore
    data["nama"] = lama
    assert c.post(f"/jabatanview/edit/{j.id}", data=data).status_code == 302


def test_jejak_audit_hanya_admin_dan_pyb(login):
    assert login("pyb").get("/auditlogview/list/").status_code == 200
    assert login("admin").get("/auditlogview/list/").status_code == 200
    for u in ("operator", "penilai", "pegawai", "tim", "konselor"):
        assert login(u).get("/auditlogview/list/").status_code in (302, 403), u


def test_jejak_audit_diekspor(login, db_session):
    r = login("pyb").get("/auditlogview/ekspor/")
    assert r.status_code == 200
    ws = load_workbook(io.BytesIO(r.data), read_only=True).active
    header = next(ws.iter_rows(min_row=HEADER_ROW, max_row=HEADER_ROW, values_only=True))
    assert header[:3] == ("Waktu", "Pengguna", "ID Pengguna")
