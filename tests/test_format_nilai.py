"""The generic display formatter (app/format.py) and the per-column formatters derived from model types."""

import datetime as dt
from decimal import Decimal

from markupsafe import Markup

from app.format import KOSONG, label, nilai, tanggal_saja, ya_tidak
from app.rules import JenisASN, JenisJabatan
from app.views.base import formatter_kolom, kolom_ekspor
from schema.models import Jabatan, Pegawai, UnitKerja


def test_nilai_umum():
    assert nilai(None) == KOSONG == "—"
    assert nilai("") == "—"
    assert nilai(True) == "Ya" and nilai(False) == "Tidak"
    assert nilai(JenisJabatan.JPT_PRATAMA) == "Jabatan Pimpinan Tinggi Pratama"
    assert nilai(dt.date(2026, 1, 31)) == "31 Januari 2026"
    assert nilai(Decimal("92.5")) == "92,50"
    assert nilai(2026) == 2026  # years and counts stay as they are
    m = Markup("<b>x</b>")
    assert nilai(m) is m


def test_label_dan_ya_tidak():
    assert label("pns", JenisASN) == "PNS"
    assert label("jpt_pratama", "JenisJabatan") == "Jabatan Pimpinan Tinggi Pratama"
    assert label("tidak-dikenal", JenisASN) == "tidak-dikenal"
    assert label(None, JenisASN) == "—"
    assert ya_tidak(None) == "—" and ya_tidak(0) == "Tidak"
    assert tanggal_saja(dt.datetime(2026, 1, 31, 14, 5)) == "31 Januari 2026"


def test_formatter_dari_tipe_kolom():
    assert formatter_kolom(Pegawai, "jenis_asn")("pns") == "PNS"
    assert formatter_kolom(Pegawai, "email")(None) == "—"
    assert formatter_kolom(Pegawai, "tanggal_lahir")(dt.date(1980, 1, 1)) == "1 Januari 1980"
    assert formatter_kolom(Pegawai, "jabatan.jenis")("pelaksana") == JenisJabatan.PELAKSANA.label
    assert formatter_kolom(UnitKerja, "is_mandiri")(False) == "Tidak"
    assert formatter_kolom(Jabatan, "bukan_kolom")(None) == "—"


def test_kolom_ekspor_dari_tipe_kolom():
    assert kolom_ekspor(Pegawai, "tanggal_lahir", "Tanggal Lahir").jenis == "tanggal"
    assert kolom_ekspor(Pegawai, "jenis_asn", "Jenis ASN").enum is JenisASN
    assert kolom_ekspor(Pegawai, "nama", "Nama").jenis == "teks"
