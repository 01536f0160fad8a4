"""Reminders of every deadline the rules compute (SKP set by the end of January — the employee and the evaluator
—, the evaluation signed by the end of its evaluation time, the signed evaluation delivered, the received one
returned, the keberatan decided): H-3, H-1, H and overdue in working days, each calendar with a public holiday and
a weekend inside the window, run at 00:30 WIB while the server's clock (UTC) still shows the previous day; once per
person, deadline and step."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from app.queries import pengingat
from app.rules.waktu import is_hari_kerja
from schema.models import Keberatan
from schema.models.notifikasi import Notifikasi
from tests import bantu
from tests.notifikasi.conftest import ev_langsung, hapus_catatan, kunci_dengan, uid

# 2063: 31 January a Wednesday (itself a public holiday), 29 January (Monday) a public holiday, 27–28 a weekend
SKP_2063 = [
    ("2063-01-24T23:59:00+07:00", []),  # local 24 January: before the window
    ("2063-01-25T00:30:00+07:00", ["h-3"]),  # UTC still 24 January, the office's date is the 25th: H-3
    ("2063-01-25T20:00:00+07:00", ["h-3"]),  # a second run the same day adds nothing
    ("2063-01-27T00:30:00+07:00", ["h-3"]),  # weekend
    ("2063-01-29T00:30:00+07:00", ["h-3"]),  # holiday
    ("2063-01-30T00:30:00+07:00", ["h-3", "h-1"]),
    ("2063-01-31T00:30:00+07:00", ["h-3", "h-1", "h"]),
    ("2063-02-01T00:30:00+07:00", ["h-3", "h-1", "h", "lewat"]),
    ("2063-02-04T00:30:00+07:00", ["h-3", "h-1", "h", "lewat"]),  # overdue once
]
# 29 December 2053 a Monday, 25 December (Thursday) a public holiday, 27–28 a weekend
TENGGAT_2053 = dt.date(2053, 12, 29)
KALENDER_2053 = [
    ("2053-12-22T23:59:00+07:00", []),
    ("2053-12-23T00:30:00+07:00", ["h-3"]),
    ("2053-12-23T18:00:00+07:00", ["h-3"]),
    ("2053-12-25T00:30:00+07:00", ["h-3"]),  # holiday
    ("2053-12-26T00:30:00+07:00", ["h-3", "h-1"]),
    ("2053-12-27T00:30:00+07:00", ["h-3", "h-1"]),  # weekend
    ("2053-12-29T00:30:00+07:00", ["h-3", "h-1", "h"]),
    ("2053-12-30T00:30:00+07:00", ["h-3", "h-1", "h", "lewat"]),
    ("2054-01-05T00:30:00+07:00", ["h-3", "h-1", "h", "lewat"]),
]


def test_kalender_uji():
    for libur in (dt.date(2063, 1, 29), dt.date(2053, 12, 25)):
        assert libur.weekday() < 5 and not is_hari_kerja(libur), libur
    assert pengingat.langkah(dt.date(2063, 1, 24), dt.date(2063, 1, 31)) is None
    assert pengingat.langkah(dt.date(2053, 12, 22), TENGGAT_2053) is None


def _skp_pegawai(db):
    skp = bantu.skp_ditetapkan(db, 2063, status="draf")
    return {"skp": [skp.id]}, f"skp-2063-pegawai-{skp.pegawai_id}", "pegawai", SKP_2063, "31 Januari 2063"


def _skp_penilai(db):
    lain = bantu.pegawai_tanpa_login(db)[0]
    skp = bantu.skp_ditetapkan(db, 2063, pegawai=lain, status="diajukan")
    return {"skp": [skp.id]}, f"/skp/show/{skp.id}", "penilai", SKP_2063, "31 Januari 2063"


def _penilaian(db):
    """The annual evaluation of 2062 is made and signed by the end of January 2063 (same calendar as the SKP)."""
    lain = bantu.pegawai_tanpa_login(db)[0]
    skp = bantu.skp_ditetapkan(db, 2062, pegawai=lain)
    ev = ev_langsung(db, skp, 0, jenis="tahunan", periode_jenis="tahunan")
    return {"skp": [skp.id], "ev": [ev.id]}, f"/evaluasi/show/{ev.id}:nilai", "penilai", SKP_2063, "31 Januari 2063"


def _penyampaian(db):
    skp = bantu.skp_ditetapkan(db, 2053)
    ev = ev_langsung(db, skp, 1, status_dokumen="ditandatangani", tenggat_penyampaian=TENGGAT_2053)
    return (
        {"skp": [skp.id], "ev": [ev.id]},
        f"/evaluasi/show/{ev.id}:sampaikan",
        "penilai",
        KALENDER_2053,
        "29 Desember",
    )


def _pengembalian(db):
    skp = bantu.skp_ditetapkan(db, 2053)
    ev = ev_langsung(db, skp, 2, status_dokumen="diterima", tenggat_pengembalian=TENGGAT_2053)
    return {"skp": [skp.id], "ev": [ev.id]}, f"/evaluasi/show/{ev.id}", "pegawai", KALENDER_2053, "29 Desember 2053"


def _keberatan(db):
    lain = bantu.pegawai_tanpa_login(db)[0]
    skp = bantu.skp_ditetapkan(db, 2053, pegawai=lain)
    ev = ev_langsung(db, skp, 3, status_dokumen="diterima", tanggal_diterima=dt.date(2053, 12, 1))
    kb = Keberatan(
        evaluasi_id=ev.id,
        pegawai_id=skp.pegawai_id,
        tanggal_pengajuan=dt.date(2053, 12, 17),
        alasan="Uji pengingat keputusan keberatan",
        tenggat_keputusan=TENGGAT_2053,
    )
    db.add(kb)
    db.commit()
    catatan = {"skp": [skp.id], "ev": [ev.id], "kb": [kb.id]}
    return catatan, f"/keberatan/show/{kb.id}", "atasan", KALENDER_2053, "29 Desember 2053"


@pytest.mark.parametrize("siapkan", [_skp_pegawai, _skp_penilai, _penilaian, _penyampaian, _pengembalian, _keberatan])
def test_pengingat_sekali_per_langkah_pada_tanggal_lokal(db_session, pengingat_pada, siapkan):
    db = db_session
    catatan, rekaman, penerima, kalender, teks_tanggal = siapkan(db)
    try:
        awalan = f"pengingat_tenggat:{rekaman}:"
        for lokal, harapan in kalender:
            pengingat_pada(lokal)
            kunci = kunci_dengan(db, awalan)
            assert [k.rsplit(":", 1)[1] for k, _ in kunci] == harapan, lokal
            assert {u for _, u in kunci} <= {uid(db, penerima)}, lokal  # only the person who must act
        isi = db.scalars(select(Notifikasi.isi).where(Notifikasi.kunci_unik == kunci[0][0])).one()
        assert teks_tanggal in isi
    finally:
        hapus_catatan(db, catatan.get("skp", ()), catatan.get("ev", ()), catatan.get("kb", ()))


def test_tanpa_skp_pun_diingatkan(db_session, pengingat_pada):
    """An employee who has not made the year's SKP at all is reminded too (the "SKP Belum Ditetapkan" list)."""
    db = db_session
    pengingat_pada("2063-01-30T00:30:00+07:00")
    u = uid(db, "penilai")  # the demo evaluator has no 2063 SKP
    kunci = kunci_dengan(db, "pengingat_tenggat:skp-2063-pegawai-")
    milik = [k for k, pemilik in kunci if pemilik == u]
    assert len(milik) == 1 and milik[0].endswith(":2063-01-31:h-1")
    assert len({pemilik for _, pemilik in kunci}) == len(kunci)  # one per person
