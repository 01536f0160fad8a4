"""What one node contributes to several: the health endpoint, stored files shared through the database, the
daily schedule that runs once per local day, migrations under a lock, and moving an older installation's
uploads into the database."""

from __future__ import annotations

import datetime as dt
import io
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import delete, func, select

from app import jadwal, penyimpanan
from app.extensions import db
from schema.models import BerkasData, BerkasPotongan
from schema.models.pekerjaan import JadwalJalan
from tests.conftest import make_app

AKAR = Path(__file__).resolve().parents[2]
WIB = dt.timezone(dt.timedelta(hours=7))


# --- /sehat ------------------------------------------------------------------------------------------------------


def test_sehat_tanpa_login_tanpa_rahasia(app):
    r = app.test_client().get("/sehat")
    assert r.status_code == 200 and r.headers["Cache-Control"] == "no-store"
    assert r.get_json() == {"status": "sehat", "basis_data": "ok", "antrean": "tidak dipakai"}


def test_sehat_503_saat_broker_tak_terjangkau(database_url):
    port = 1  # nothing listens on loopback port 1
    rusak = make_app(database_url, CELERY_BROKER_URL=f"redis://:rahasia@127.0.0.1:{port}/0")
    r = rusak.test_client().get("/sehat")
    assert r.status_code == 503
    assert r.get_json() == {"status": "tidak sehat", "basis_data": "ok", "antrean": "galat"}
    assert b"rahasia" not in r.data and b"127.0.0.1" not in r.data


# --- stored files ------------------------------------------------------------------------------------------------


def test_berkas_lebih_dari_satu_potongan_utuh_dan_terhapus(app):
    isi = secrets.token_bytes(penyimpanan.POTONGAN * 2 + 123)
    with app.app_context():
        nama, ukuran = penyimpanan.simpan(io.BytesIO(isi[5:]), "hasil", ".xlsx", awal=isi[:5])
        db.session.commit()
        assert ukuran == len(isi) and penyimpanan.ukuran(nama) == len(isi)
        bid = db.session.scalar(select(BerkasData.id).where(BerkasData.nama == nama))
        potongan = db.session.scalar(select(func.count()).where(BerkasPotongan.berkas_id == bid))
        assert potongan == 3
        assert b"".join(penyimpanan.potongan(nama)) == isi
        assert penyimpanan.ke_sementara(nama).read() == isi
        assert penyimpanan.hapus(nama) == 1
        db.session.commit()
        assert db.session.scalar(select(func.count()).where(BerkasPotongan.berkas_id == bid)) == 0
        with pytest.raises(FileNotFoundError):
            penyimpanan.potongan(nama)


def test_berkas_melebihi_batas_ditolak_tanpa_sisa(app):
    with app.app_context():
        sebelum = db.session.scalar(select(func.count()).select_from(BerkasData))
        with pytest.raises(penyimpanan.TerlaluBesar):
            penyimpanan.simpan(io.BytesIO(b"x" * 1000), "bukti", ".pdf", maks=999)
        db.session.rollback()
        assert db.session.scalar(select(func.count()).select_from(BerkasData)) == sebelum


def test_pindahkan_unggahan_instalasi_lama(app, tmp_path, monkeypatch):
    lama = tmp_path / "berkas"
    lama.mkdir()
    nama = secrets.token_hex(16) + ".pdf"
    (lama / nama).write_bytes(b"%PDF-1.4 lama")
    (lama / "bukan-nama-kita.pdf").write_bytes(b"x")  # never ours: ignored
    monkeypatch.setitem(app.config, "UPLOAD_FOLDER", str(lama))
    r = app.test_cli_runner().invoke(args=["berkas", "pindahkan"])
    assert r.exit_code == 0 and r.output.startswith("1 berkas dipindahkan"), r.output
    r = app.test_cli_runner().invoke(args=["berkas", "pindahkan"])  # idempotent
    assert r.output.startswith("0 berkas dipindahkan")
    with app.app_context():
        assert b"".join(penyimpanan.potongan(nama)) == b"%PDF-1.4 lama"
        penyimpanan.hapus(nama)
        db.session.commit()


# --- daily schedule ----------------------------------------------------------------------------------------------


def _hapus_jadwal(app):
    with app.app_context():
        db.session.execute(delete(JadwalJalan))
        db.session.commit()


def test_jadwal_harian_sekali_per_hari_lokal(app, monkeypatch):
    """00:30 WIB on 6 December is still 5 December in UTC: the day is the local one; a second run does nothing."""
    _hapus_jadwal(app)
    monkeypatch.setitem(app.config, "JAM_TETAP", dt.datetime(2026, 12, 6, 0, 30, tzinfo=WIB).isoformat())
    try:
        pertama = jadwal.jalankan_harian(app)
        assert set(pertama) == set(jadwal.TUGAS) and "dibersihkan" in pertama["bersihkan_pekerjaan"]
        assert jadwal.jalankan_harian(app) == {n: "sudah berjalan hari ini" for n in jadwal.TUGAS}
        r = app.test_cli_runner().invoke(args=["jadwal"])  # cron on a single node: the same claim
        assert r.exit_code == 0 and "sudah berjalan hari ini" in r.output
        with app.app_context():
            baris = db.session.execute(select(JadwalJalan.nama, JadwalJalan.tanggal, JadwalJalan.hasil)).all()
        assert sorted((b.nama, b.tanggal) for b in baris) == [(n, dt.date(2026, 12, 6)) for n in sorted(jadwal.TUGAS)]
        monkeypatch.setitem(app.config, "JAM_TETAP", dt.datetime(2026, 12, 7, 0, 30, tzinfo=WIB).isoformat())
        assert "dibersihkan" in jadwal.jalankan_harian(app)["bersihkan_pekerjaan"]  # the next local day runs again
    finally:
        _hapus_jadwal(app)


# --- migrations under a lock -------------------------------------------------------------------------------------

MIGRASI = "import sys; from schema.migrate import upgrade; upgrade(sys.argv[1])"


def test_dua_proses_migrasi_serentak_pada_sqlite_kosong(tmp_path):
    url = f"sqlite:///{tmp_path / 'kosong.db'}"
    env = dict(os.environ, PYTHONPATH=str(AKAR))
    proses = [
        subprocess.Popen([sys.executable, "-c", MIGRASI, url], cwd=AKAR, env=env, stderr=subprocess.PIPE, text=True)
        for _ in range(2)
    ]
    keluaran = [p.communicate(timeout=300)[1] for p in proses]
    assert [p.returncode for p in proses] == [0, 0], keluaran
    assert sorted(k.count("dimigrasikan kosong →") for k in keluaran) == [0, 1], keluaran
