"""List pages count exactly up to BATAS_HITUNG_DAFTAR rows and no further (1 000 000 employees: no full count,
no deep OFFSET): past the bound the header says "lebih dari N", the pager ends at the bound, a ``page_`` beyond it
shows the last page within it; below the bound nothing changes."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import func, select

from schema.models import Pegawai


@pytest.fixture()
def batas(app, monkeypatch):
    def atur(n: int) -> None:
        monkeypatch.setitem(app.config, "BATAS_HITUNG_DAFTAR", n)

    return atur


def _nip_di_halaman(html: str) -> list[str]:
    return re.findall(r"\b\d{18}\b", html)


def test_lewat_batas_lebih_dari_dan_halaman_dibatasi(login, db_session, batas):
    total = db_session.scalar(select(func.count()).select_from(Pegawai))
    assert total > 40
    batas(30)
    c = login("admin")
    html = c.get("/pegawaiview/list/?psize_PegawaiView=10").get_data(as_text=True)
    assert "lebih dari 30" in html and f">{total}<" not in html
    halaman = {int(x) for x in re.findall(r"page_PegawaiView=(\d+)", html)}
    assert halaman and max(halaman) == 2  # pages 0..2 hold the 30 rows counted
    akhir = c.get("/pegawaiview/list/?psize_PegawaiView=10&page_PegawaiView=2").get_data(as_text=True)
    jauh = c.get("/pegawaiview/list/?psize_PegawaiView=10&page_PegawaiView=99999").get_data(as_text=True)
    assert _nip_di_halaman(akhir) and _nip_di_halaman(jauh) == _nip_di_halaman(akhir)


def test_di_bawah_batas_hitungan_persis(login, db_session, batas):
    total = db_session.scalar(select(func.count()).select_from(Pegawai))
    batas(total + 1)
    html = login("admin").get("/pegawaiview/list/").get_data(as_text=True)
    assert "lebih dari" not in html
    assert re.search(r"Jumlah Data:?</strong>\s*" + re.escape(f"{total:,}".replace(",", ".")), html), html[-3000:]
    batas(0)  # switched off: always exact
    assert "lebih dari" not in login("admin").get("/pegawaiview/list/").get_data(as_text=True)


def test_saringan_di_bawah_batas_tetap_persis(login, db_session, batas):
    batas(30)
    html = login("admin").get("/pegawaiview/list/?_flt_0_nama=Sri").get_data(as_text=True)
    n = db_session.scalar(select(func.count()).select_from(Pegawai).where(Pegawai.nama.ilike("%sri%")))
    assert 0 < n <= 30 and "lebih dari" not in html


def test_halaman_tersaring_diurutkan_sesudah_disaring(app, login, db_session, batas):
    """Fewer rows than the bound: the page orders the filtered rows by an expression no index offers (a name
    search must not walk the name index past every non-matching row); same rows, same order as before."""
    from sqlalchemy import event

    from app.extensions import db

    sql: list[str] = []

    def catat(conn, cursor, statement, *a):
        sql.append(statement)

    c = login("admin")
    url = "/pegawaiview/list/?_flt_0_nama=Sri&psize_PegawaiView=100"
    batas(0)  # exact counts: the plain order
    with app.app_context():
        event.listen(db.engine, "before_cursor_execute", catat)
    try:
        biasa = _nip_di_halaman(c.get(url).get_data(as_text=True))
        urut_biasa = [s for s in sql if "ORDER BY" in s]
        sql.clear()
        batas(10000)
        tersaring = _nip_di_halaman(c.get(url).get_data(as_text=True))
        urut_tersaring = [s for s in sql if "ORDER BY" in s]
    finally:
        with app.app_context():
            event.remove(db.engine, "before_cursor_execute", catat)
    assert biasa and tersaring == biasa
    assert not any("|| " in s.split("ORDER BY")[-1] for s in urut_biasa)
    assert any("pegawai.nama || " in s.split("ORDER BY")[-1] for s in urut_tersaring)
