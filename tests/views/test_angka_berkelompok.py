"""Quantities are grouped the Indonesian way ("12.345", "1.234,5"), on pages and in registers; years, ordinals,
versions and ids are not ("2026") — ``app.format.KOLOM_NOMOR`` / ``kolom_nomor`` and ``Kolom(jenis="nomor")``.
"""

from __future__ import annotations

import html as html_lib
from decimal import Decimal
from io import BytesIO

import pytest
from openpyxl import load_workbook
from sqlalchemy import select, update

from app.excel.tulis import FORMAT_ANGKA, FORMAT_DESIMAL, HEADER_ROW, Kolom, tulis_register
from app.extensions import db
from app.format import angka_persis, kolom_nomor
from app.views.base import formatter_kolom, kolom_ekspor
from schema.models import SKP, PenugasanTim
from tests.bantu import html


@pytest.mark.parametrize(
    "v, teks",
    [(Decimal("1234.50"), "1.234,5"), (Decimal("0.125"), "0,125"), (Decimal("100"), "100"), (12345, "12.345")],
)
def test_angka_persis(v, teks):
    assert angka_persis(v) == teks


def test_kolom_bilangan_dan_kolom_nomor():
    assert kolom_nomor("tahun") and kolom_nomor("skp_id") and kolom_nomor("versi_ke")
    assert not kolom_nomor("jumlah_pegawai")
    assert formatter_kolom(PenugasanTim, "jumlah_pegawai")(12345) == "12.345"
    assert formatter_kolom(PenugasanTim, "tahun")(2026) == 2026  # shown as it is
    assert formatter_kolom(SKP, "versi_ke")(10001) == 10001
    assert kolom_ekspor(PenugasanTim, "tahun", "Tahun").jenis == "nomor"
    assert kolom_ekspor(PenugasanTim, "jumlah_pegawai", "Jumlah").jenis == "angka"


def test_register_angka_sel_bilangan_berformat(ctx):
    kolom = [
        Kolom("No", 6, "nomor"),
        Kolom("Tahun", 8, "nomor"),
        Kolom("Jumlah", 10, "angka"),
        Kolom("Nilai", 10, "angka"),
    ]
    f = tulis_register("Uji", kolom, [(1, 2026, 12345, Decimal("92.5")), (2, 2026, None, 7)], pengekspor="uji")
    ws = load_workbook(BytesIO(f.read())).active
    baris = ws[HEADER_ROW + 1]
    assert [c.value for c in baris] == [1, 2026, 12345, 92.5]  # real numbers, not text
    assert [c.number_format for c in baris] == ["General", "General", FORMAT_ANGKA, FORMAT_DESIMAL]
    assert ws.cell(HEADER_ROW + 2, 4).number_format == FORMAT_ANGKA  # a whole value: no ",00"


@pytest.fixture()
def penugasan_besar(app):
    """One demo assignment counting 12 345 employees, restored afterwards."""
    with app.app_context():
        pid, lama = db.session.execute(
            select(PenugasanTim.id, PenugasanTim.jumlah_pegawai).order_by(PenugasanTim.id).limit(1)
        ).one()
        db.session.execute(update(PenugasanTim).where(PenugasanTim.id == pid).values(jumlah_pegawai=12345))
        db.session.commit()
    yield pid
    with app.app_context():
        db.session.execute(update(PenugasanTim).where(PenugasanTim.id == pid).values(jumlah_pegawai=lama))
        db.session.commit()


def test_halaman_dan_register_penugasan(login, penugasan_besar):
    c = login("admin")
    rincian = html_lib.unescape(html(c.get(f"/penugasantim/show/{penugasan_besar}")))
    assert "12.345" in rincian and "12345" not in rincian
    ws = load_workbook(BytesIO(c.get("/penugasantim/ekspor/").data)).active
    judul = [c.value for c in ws[HEADER_ROW]]
    baris = [dict(zip(judul, row)) for row in ws.iter_rows(min_row=HEADER_ROW + 1)]
    sel = next(b for b in baris if b["Jumlah Pegawai"].value == 12345)  # a real number
    assert sel["Jumlah Pegawai"].number_format == FORMAT_ANGKA
    assert sel["Tahun"].number_format == "General"
