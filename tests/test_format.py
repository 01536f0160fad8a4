"""Indonesian formats (issue 11): "23 November 2026", "50.000" / "3,75"."""
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
