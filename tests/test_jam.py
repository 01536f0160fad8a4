"""One clock (app/jam.py): "today" is the office's date in ZONA_WAKTU, whatever the server's zone.

The key test runs the process in UTC (the usual container setting) with the app's clock at 00.30 WIB — still
"yesterday" in UTC — on the boundary of the R7 objection deadline (14 working days after receipt; 001 Lampiran
"Keberatan" 2, 003 Pasal 35), through HTTP: filed on the last day → accepted, on the next day → refused; and
the home page says "Hari ini" with the local date. The clock is set through the supported ``JAM_TETAP``
setting (no patching of our code). Years 2049 and 2054 (SKP) are used by this module only.
"""

from __future__ import annotations

import datetime as dt
import re
import time
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

import config  # noqa: F401 - read now: tests below set KINERJA_JAM_TETAP, which must not reach other apps
from app import jam
from app.format import tanggal as teks_tanggal
from app.format import waktu
from app.rules.waktu import tenggat_pengajuan_keberatan
from schema.models import EvaluasiKinerja, HariLibur, Keberatan, TandaTangan
from tests import bantu

ROOT = Path(__file__).resolve().parent.parent
WIB = dt.timezone(dt.timedelta(hours=7))


@pytest.fixture()
def login(login):
    return bantu.login_bersih(login)


@pytest.fixture()
def proses_utc(monkeypatch):
    """The process's own zone is UTC (container default); restored afterwards."""
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    assert time.strftime("%z") == "+0000"
    yield
    monkeypatch.undo()
    time.tzset()


@pytest.fixture()
def jam_app(app, monkeypatch):
    """Set the session app's clock (``JAM_TETAP``) to a local WIB wall time; unset again after the test."""

    def _set(waktu: dt.datetime):
        monkeypatch.setitem(app.config, "JAM_TETAP", waktu.replace(tzinfo=WIB).isoformat())

    yield _set
    monkeypatch.delitem(app.config, "JAM_TETAP", raising=False)


def _pukul(d: dt.date, h: int, m: int = 0) -> dt.datetime:
    return dt.datetime.combine(d, dt.time(h, m))


def _diterima(login, db, jam_set, skp, tanggal: dt.date) -> EvaluasiKinerja:
    """Q1 evaluation of ``skp`` created, rated, signed, delivered and received on ``tanggal`` (10.00 WIB)."""
    jam_set(_pukul(tanggal, 10))
    c = login("penilai")
    r = c.post("/evaluasi/buat/", data={"skp_id": skp.id, "tahun": skp.tahun, "jenis": "periodik", "periode_nomor": 1})
    assert r.status_code == 302, bantu.html(r)[:2000]
    ev_id = int(re.search(r"/evaluasi/show/(\d+)", r.headers["Location"]).group(1))

    def ev():
        db.rollback()
        return db.get(EvaluasiKinerja, ev_id)

    from schema.models import RencanaHasilKerja

    rhk = db.scalars(select(RencanaHasilKerja.id).where(RencanaHasilKerja.skp_id == skp.id)).all()
    data = {
        "versi": ev().versi,
        "rating_hasil_kerja": "sesuai",
        "rating_perilaku": "sesuai",
        "konsisten": "1",
        "catatan_rekomendasi": "Pertahankan.",
        **{f"rating_rhk_{i}": "sesuai" for i in rhk},
    }
    r = c.post(f"/evaluasi/simpan/{ev_id}", data=data, follow_redirects=True)
    pesan = [re.findall(r'class="alert[^>]*>(.*?)</div>', bantu.html(r), re.S)]
    for url, klien in (
        (f"/evaluasi/tandatangani/{ev_id}", c),
        (f"/evaluasi/sampaikan/{ev_id}", c),
        (f"/evaluasi/terima/{ev_id}", login("pegawai")),
    ):
        # the test SKP has no realisasi: signing asks for (and here gets) the confirmation naming them
        data = {"versi": ev().versi, "konfirmasi": "1", "konfirmasi_dokumentasi": "1"}
        r = klien.post(url, data=data, follow_redirects=True)
        pesan.append(re.findall(r'class="alert[^>]*>(.*?)</div>', bantu.html(r), re.S))
    e = ev()
    assert e.status_dokumen == "diterima", (
        e.status_dokumen,
        [re.sub(r"\s+|<[^>]+>|&times;", " ", "".join(x)) for x in pesan],
    )
    assert e.tanggal_diterima == tanggal
    return e


def test_keberatan_batas_hari_kerja_pukul_00_30_wib_dengan_server_utc(login, db_session, proses_utc, jam_app):
    """R7 at 00.30 WIB (17.30 UTC the day before): the last day is still accepted, the next day refused."""
    db = db_session
    cuti = set(db.scalars(select(HariLibur.tanggal)))
    # signed and received on the last (working) day of Q1: inside the evaluation window (R6/R15)
    terima1, terima2 = dt.date(2049, 3, 31), dt.date(2054, 3, 31)
    ev1 = _diterima(login, db, jam_app, bantu.skp_ditetapkan(db, 2049), terima1)
    ev2 = _diterima(login, db, jam_app, bantu.skp_ditetapkan(db, 2054), terima2)
    batas1 = tenggat_pengajuan_keberatan(terima1, cuti)
    batas2 = tenggat_pengajuan_keberatan(terima2, cuti)
    p = login("pegawai")

    # the last accepted day, 00.30 WIB: in UTC it is still the day before — the office's date counts
    jam_app(_pukul(batas1, 0, 30))
    assert jam.sekarang_utc().date() == batas1 - dt.timedelta(days=1)  # the server's (UTC) date differs
    r = p.post(
        f"/keberatan/ajukan/{ev1.id}", data={"alasan": "Bukti dukung belum dipertimbangkan."}, follow_redirects=True
    )
    assert "Keberatan diajukan" in bantu.html(r)
    db.rollback()
    kb = db.scalars(select(Keberatan).where(Keberatan.evaluasi_id == ev1.id)).one()
    assert kb.tanggal_pengajuan == batas1
    # stored stamps keep their meaning: naive UTC (signed 10.00 WIB = 03.00 UTC), shown in WIB
    ttd = db.scalars(
        select(TandaTangan.waktu).where(TandaTangan.jenis_dokumen == "evaluasi", TandaTangan.dokumen_id == ev1.id)
    ).all()
    assert ttd and all(t.replace(second=0, microsecond=0) == _pukul(terima1, 3) for t in ttd)
    assert waktu(ttd[0]).startswith(f"{terima1.day} Maret {terima1.year} 10.00 WIB")

    # the next day at 00.30 WIB (UTC still shows the last day): refused, naming the deadline
    jam_app(_pukul(batas2 + dt.timedelta(days=1), 0, 30))
    assert jam.sekarang_utc().date() == batas2
    r = p.post(f"/keberatan/ajukan/{ev2.id}", data={"alasan": "Terlambat sehari."}, follow_redirects=True)
    html = bantu.html(r)
    assert "di luar batas 14 hari kerja" in html and teks_tanggal(batas2) in html
    db.rollback()
    assert db.scalar(select(Keberatan.id).where(Keberatan.evaluasi_id == ev2.id)) is None


def test_beranda_hari_ini_tanggal_lokal(login, proses_utc, jam_app):
    """The home page's "Hari ini" is the local date at 00.30 WIB, not the server's UTC date."""
    jam_app(dt.datetime(2088, 2, 29, 0, 30))
    html = bantu.html(login("pegawai").get("/"))
    assert "Hari ini 29 Februari 2088" in html, re.findall(r"Hari ini [^.<]*", html)


def test_jam_sistem_menurut_zona_waktu_bukan_zona_server(proses_utc, monkeypatch):
    """Without JAM_TETAP the clock is the system clock read in ZONA_WAKTU (outside an app: the environment)."""
    monkeypatch.delenv("KINERJA_JAM_TETAP", raising=False)
    for zona in ("Asia/Jakarta", "Asia/Makassar", "Asia/Jayapura"):
        monkeypatch.setenv("ZONA_WAKTU", zona)
        a = dt.datetime.now(ZoneInfo(zona)).date()
        h = jam.hari_ini()
        b = dt.datetime.now(ZoneInfo(zona)).date()
        assert h in (a, b)
        assert abs(jam.sekarang_utc() - dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)) < dt.timedelta(seconds=5)


@pytest.mark.parametrize(
    "nilai, utc",
    [
        ("2026-12-05T00:30:00+07:00", dt.datetime(2026, 12, 4, 17, 30)),
        ("2026-12-04T17:30:00Z", dt.datetime(2026, 12, 4, 17, 30)),
        ("2026-12-05T00:30", dt.datetime(2026, 12, 4, 17, 30)),  # local wall time in ZONA_WAKTU
        ("2026-12-05", dt.datetime(2026, 12, 4, 17, 0)),  # local midnight
    ],
)
def test_jam_tetap_iso(nilai, utc, monkeypatch, proses_utc):
    monkeypatch.setenv("ZONA_WAKTU", "Asia/Jakarta")
    monkeypatch.setenv("KINERJA_JAM_TETAP", nilai)
    assert jam.baca_jam_tetap(nilai).replace(tzinfo=None) == utc
    t = jam.sekarang_utc()
    assert utc <= t < utc + dt.timedelta(seconds=30)  # set, then runs on
    assert jam.hari_ini() == dt.date(2026, 12, 5)
    assert jam.sekarang().date() == dt.date(2026, 12, 5)


def test_jam_tetap_salah_atau_di_produksi_ditolak():
    with pytest.raises(ValueError, match="ISO 8601"):
        jam.cek_jam_tetap({"JAM_TETAP": "besok pagi"})
    with pytest.raises(RuntimeError, match="produksi"):
        jam.cek_jam_tetap({"JAM_TETAP": "2026-12-05", "PRODUCTION": True})
    jam.cek_jam_tetap({"JAM_TETAP": None})
    jam.cek_jam_tetap({"JAM_TETAP": "2026-12-05T00:30:00+07:00"})


_JAM_LAIN = re.compile(r"\b(?:date\.today|datetime\.(?:now|utcnow|today)|time\.localtime)\(|\butcnow\(")


def test_tidak_ada_jam_lain_di_luar_app_jam():
    """Guard: nothing in app/, seeds/ or schema/ reads the system date/time except the clock module
    (schema/models/_base.utcnow, the column default, delegates to it)."""
    izin = {ROOT / "app" / "jam.py", ROOT / "schema" / "models" / "_base.py"}
    temuan = []
    for folder in ("app", "seeds", "schema"):
        for f in sorted((ROOT / folder).rglob("*.py")):
            if f in izin:
                continue
            for i, baris in enumerate(f.read_text(encoding="utf-8").splitlines(), 1):
                if _JAM_LAIN.search(baris.split("#", 1)[0]):
                    temuan.append(f"{f.relative_to(ROOT)}:{i}: {baris.strip()}")
    assert not temuan, "Baca tanggal/waktu lewat app.jam (hari_ini/sekarang/sekarang_utc):\n" + "\n".join(temuan)
    assert not _JAM_LAIN.search("x = jam.hari_ini()") and _JAM_LAIN.search("d = dt.date.today()")


def test_aturan_tidak_membaca_jam():
    """app/rules stays pure: rules receive dates as arguments."""
    for f in sorted((ROOT / "app" / "rules").rglob("*.py")):
        teks = f.read_text(encoding="utf-8")
        assert "app.jam" not in teks and "from app import jam" not in teks, f
