"""Registers show values the way pages do: labels for codes, Ya/Tidak, real dates in Indonesian format."""

import datetime as dt

from openpyxl import load_workbook

from app.excel.tulis import FORMAT_TANGGAL, FORMAT_WAKTU, HEADER_ROW, Kolom, tulis_register
from app.rules import JenisJabatan


def test_kode_boolean_dan_tanggal():
    kolom = [
        Kolom("Jenis Jabatan", enum=JenisJabatan),
        Kolom("Aktif"),
        Kolom("Tanggal", jenis="tanggal"),
        Kolom("Catatan"),
        Kolom("Enum"),
    ]
    baris = [
        ["jpt_pratama", True, dt.date(2026, 1, 31), dt.date(2026, 2, 1), JenisJabatan.PELAKSANA],
        ["tidak-dikenal", False, None, dt.datetime(2026, 2, 1, 14, 5), None],
    ]
    wb = load_workbook(tulis_register("Uji", kolom, baris, pengekspor="uji"))
    ws = wb.active
    r1, r2 = ws[HEADER_ROW + 1], ws[HEADER_ROW + 2]
    assert [c.value for c in r1[:2]] == ["Jabatan Pimpinan Tinggi Pratama", "Ya"]
    assert r1[4].value == "Jabatan Pelaksana"
    assert [c.value for c in r2[:2]] == ["tidak-dikenal", "Tidak"]
    assert r1[2].value == dt.datetime(2026, 1, 31) and r1[2].number_format == FORMAT_TANGGAL
    assert r1[3].number_format == FORMAT_TANGGAL and r2[3].number_format == FORMAT_WAKTU
    assert ws["B4"].number_format == FORMAT_WAKTU  # the export time in the title block
