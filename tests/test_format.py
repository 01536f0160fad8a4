"""Indonesian formats: "23 November 2026", "50.000" / "3,75"."""

import datetime as dt
from decimal import Decimal

from sqlalchemy import select

from app.format import angka, tanggal
from schema.models import Pegawai


def test_tanggal_dan_angka():
    assert tanggal(dt.date(2026, 11, 23)) == "23 November 2026"
    assert tanggal(dt.datetime(2026, 1, 5, 8, 30)) == "5 Januari 2026 08.30"
    assert tanggal(None) == ""
    assert angka(50000) == "50.000"
    assert angka(Decimal("3.75")) == "3,75"
    assert angka(1234567.5) == "1.234.567,50"
    assert angka(None) == ""


def test_halaman_detail_memakai_tanggal_indonesia(login, db_session):
    p = db_session.scalars(select(Pegawai).join(Pegawai.user).where(Pegawai.user.has(username="pegawai"))).one()
    html = login("pegawai").get(f"/profilsaya/show/{p.id}").get_data(as_text=True)
    assert tanggal(p.tanggal_lahir) in html


def test_waktu_sistem_utc_ke_zona_lokal():
    from app.format import waktu, waktu_lokal

    utc = dt.datetime(2026, 11, 23, 14, 5)
    assert waktu_lokal(utc, "Asia/Jakarta") == dt.datetime(2026, 11, 23, 21, 5)
    assert waktu_lokal(utc, "Asia/Makassar") == dt.datetime(2026, 11, 23, 22, 5)
    assert waktu_lokal(dt.datetime(2026, 12, 31, 20, 0), "Asia/Jayapura") == dt.datetime(2027, 1, 1, 5, 0)
    assert waktu_lokal(dt.date(2026, 11, 23), "Asia/Jakarta") == dt.date(2026, 11, 23)
    assert waktu_lokal(None, "Asia/Jakarta") is None
    assert waktu(utc, "Asia/Jakarta") == "23 November 2026 21.05 WIB"
    assert waktu(utc, "Asia/Makassar") == "23 November 2026 22.05 WITA"
    assert waktu(utc, "Asia/Jayapura") == "23 November 2026 23.05 WIT"
    assert waktu(dt.date(2026, 11, 23)) == "23 November 2026"
    assert waktu(None) == ""


def test_kolom_waktu_isian_pengguna_tidak_dikonversi():
    from app.views.base import KOLOM_WAKTU_SISTEM

    assert {"waktu", "tanggal_ditetapkan", "dibuat_pada"} <= KOLOM_WAKTU_SISTEM
    assert not {"mulai", "selesai", "jadwal"} & KOLOM_WAKTU_SISTEM


def test_jejak_audit_tampil_dalam_wib(app, login, db_session):
    from schema.models import AuditLog

    assert app.config["ZONA_WAKTU"] == "Asia/Jakarta"
    log = AuditLog(
        waktu=dt.datetime(2026, 11, 23, 14, 5), username="uji-zona", aksi="ubah", tabel="uji_zona", baris_id="1"
    )
    db_session.add(log)
    db_session.commit()
    try:
        c = login("pyb")
        html = c.get(f"/auditlogview/show/{log.id}").get_data(as_text=True)
        assert "23 November 2026 21.05 WIB" in html and "14.05" not in html
        html = c.get("/auditlogview/list/?_flt_0_username=uji-zona").get_data(as_text=True)
        assert "23 November 2026 21.05 WIB" in html
    finally:
        db_session.delete(log)
        db_session.commit()
