"""Backup/restore never shows a credential; failures are short Indonesian messages; backups are 0600.

The PostgreSQL tools are real in the ``postgres`` tests (CI). The other tests put stand-in ``pg_dump`` /
``pg_restore`` / ``psql`` programs first on PATH — external programs, not our code — that record their command
line and environment and fail the way the real ones do, so the credential handling is checked on any machine.
"""

from __future__ import annotations

import json
import os
import secrets
import stat
import sys
from pathlib import Path
from urllib.parse import quote, quote_plus

import pytest
from sqlalchemy import create_engine, func, select, text
from sqlalchemy.engine import make_url

from app.cadangan import checksum
from schema.models import Pegawai

SANDI = f"Rahasia%Uji/{secrets.token_hex(4)}@#"  # characters a URL must quote
URL_PG = f"postgresql+psycopg://kinerja:{quote(SANDI, safe='')}@127.0.0.1:1/kinerja_uji"


def _bentuk(sandi: str) -> set[str]:
    return {sandi, quote(sandi, safe=""), quote_plus(sandi)}


def _tanpa_sandi(teks: str, sandi: str = SANDI) -> None:
    for b in _bentuk(sandi):
        assert b not in teks, f"sandi bocor: {teks!r}"


def _cli(app, *args):
    return app.test_cli_runner().invoke(args=["cadangan", *args])


def _gagal_bersih(r) -> str:
    """Exit status 1, our message, no traceback (a traceback would carry the URL)."""
    assert r.exit_code == 1, r.output
    assert isinstance(r.exception, SystemExit), repr(r.exception)
    assert "Gagal" in r.output and "Traceback" not in r.output, r.output
    return r.output


# --- SQLite -------------------------------------------------------------------------------------------------------


def _checksum(app):
    from app.extensions import db

    with app.app_context():
        with db.engine.connect() as c:
            return checksum(c)


def test_pulihkan_berkas_tidak_ada_pesan_indonesia(app, tmp_path):
    out = _gagal_bersih(_cli(app, "pulihkan", "--ya", str(tmp_path / "tidak-ada.bin")))
    assert "Berkas cadangan" in out and "tidak ada" in out and "does not exist" not in out


@pytest.mark.parametrize("isi", [b"bukan basis data " * 300, b"SQLite format 3\x00" + b"\xff" * 5000])
def test_pulihkan_berkas_rusak_basis_data_tidak_diubah(app, tmp_path, isi):
    if not app.config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite"):
        pytest.skip("SQLite: the PostgreSQL case is test_pulihkan_postgres_arsip_terpotong")
    sebelum = _checksum(app)
    rusak = tmp_path / "rusak.db"
    rusak.write_bytes(isi)
    out = _gagal_bersih(_cli(app, "pulihkan", "--ya", str(rusak)))
    assert "bukan cadangan basis data Kinerja ASN yang utuh" in out and "tidak diubah" in out
    assert _checksum(app) == sebelum


def test_pulihkan_basis_data_sqlite_asing_ditolak(app, tmp_path):
    """A valid SQLite file that is not our backup must not wipe the database."""
    if not app.config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite"):
        pytest.skip("SQLite only")
    import sqlite3

    asing = tmp_path / "asing.db"
    c = sqlite3.connect(asing)
    c.execute("CREATE TABLE catatan (id INTEGER PRIMARY KEY)")
    c.commit()
    c.close()
    sebelum = _checksum(app)
    out = _gagal_bersih(_cli(app, "pulihkan", "--ya", str(asing)))
    assert "bukan cadangan" in out
    assert _checksum(app) == sebelum


def test_berkas_cadangan_hanya_pemilik(app, tmp_path):
    lama = os.umask(0o022)  # the usual umask would make a plain open() 0644
    try:
        tujuan = tmp_path / "cadangan.bin"
        r = _cli(app, "buat", str(tujuan))
        assert r.exit_code == 0, r.output
        assert stat.S_IMODE(tujuan.stat().st_mode) == 0o600
        tujuan.chmod(0o644)  # an old backup at the same path is tightened when overwritten
        assert _cli(app, "buat", str(tujuan)).exit_code == 0
        assert stat.S_IMODE(tujuan.stat().st_mode) == 0o600
        assert [p.name for p in tmp_path.iterdir()] == ["cadangan.bin"]  # no temporary file left
    finally:
        os.umask(lama)


def test_cadangan_ke_folder_tak_ada_pesan_indonesia(app, tmp_path):
    out = _gagal_bersih(_cli(app, "buat", str(tmp_path / "tidak" / "ada" / "cadangan.bin")))
    assert "tidak dapat ditulis" in out


# --- PostgreSQL tools, stand-ins on PATH -------------------------------------------------------------------------

_ALAT = """\
#!{python}
import json, os, sys
log = {log!r}
args = sys.argv[1:]
with open(log, "a") as f:
    f.write(json.dumps({{"alat": os.path.basename(sys.argv[0]), "args": args,
                        "pgpassword": os.environ.get("PGPASSWORD")}}) + "\\n")
nama = os.path.basename(sys.argv[0])
dsn = args[args.index("--dbname") + 1] if "--dbname" in args else ""
if nama == "pg_restore" and "--list" in args:
    print(";\\n; Archive created at 2026-12-04\\n;")
    print("2; 3079 16386 EXTENSION - pg_trgm ")
    print("4180; 0 0 COMMENT - EXTENSION pg_trgm ")
    print("222; 1259 16500 TABLE public pegawai kinerja")
    sys.exit(0)
if nama == "psql":
    sys.exit(0)
if nama == "pg_restore" and "--use-list" in args:
    with open(args[args.index("--use-list") + 1]) as f, open(log + ".daftar", "w") as out:
        out.write(f.read())
if nama == "pg_dump" and os.environ.get("PALSU_BERHASIL"):
    with open(args[args.index("--file") + 1], "wb") as f:
        f.write(b"PGDMP")
    sys.exit(0)
# fail the way libpq/pg_restore do, echoing the connection string (and a password, as a careless tool might)
sys.stderr.write(f"{{nama}}: error: could not execute query: ERROR:  must be owner of extension pg_trgm\\n"
                 f"{{nama}}: detail: connection {{dsn}} password={{os.environ.get('PGPASSWORD')}}\\n")
sys.exit(1)
"""


@pytest.fixture()
def alat_pg(app, tmp_path, monkeypatch):
    """PostgreSQL URL with a password in the app's config, stand-in tools first on PATH; yields the call log."""
    bin_ = tmp_path / "bin"
    bin_.mkdir()
    log = tmp_path / "panggilan.jsonl"
    for nama in ("pg_dump", "pg_restore", "psql"):
        p = bin_ / nama
        p.write_text(_ALAT.format(python=sys.executable, log=str(log)))
        p.chmod(0o755)
    monkeypatch.setenv("PATH", f"{bin_}{os.pathsep}{os.environ.get('PATH', '')}")
    lama = app.config["SQLALCHEMY_DATABASE_URI"]
    app.config["SQLALCHEMY_DATABASE_URI"] = URL_PG
    try:
        yield log
    finally:
        app.config["SQLALCHEMY_DATABASE_URI"] = lama


def _panggilan(log: Path) -> list[dict]:
    return [json.loads(b) for b in log.read_text().splitlines()] if log.exists() else []


def test_pulihkan_postgres_sandi_lewat_lingkungan_dan_pesan_tersensor(app, alat_pg, tmp_path, caplog):
    arsip = tmp_path / "cadangan.dump"
    arsip.write_bytes(b"PGDMP")
    out = _gagal_bersih(_cli(app, "pulihkan", "--ya", str(arsip)))
    _tanpa_sandi(out)
    _tanpa_sandi(caplog.text)
    assert "Pemulihan gagal (postgresql+psycopg://kinerja:***@127.0.0.1:1/kinerja_uji)" in out
    assert "must be owner of extension pg_trgm" in out and "password=***" in out
    assert "basis data tidak diubah" in out
    calls = _panggilan(alat_pg)
    assert [c["alat"] for c in calls] == ["pg_restore", "psql", "pg_restore"]
    for c in calls:  # the command line (visible in ps to every user) never holds the password
        _tanpa_sandi(" ".join(c["args"]))
        assert c["pgpassword"] == SANDI
    assert "--dbname" in calls[2]["args"] and "postgresql://kinerja@127.0.0.1:1/kinerja_uji" in calls[2]["args"]
    assert 'CREATE EXTENSION IF NOT EXISTS "pg_trgm"' in calls[1]["args"]
    # extension entries (owned by another role) are not in the restore list; the rest is
    daftar = Path(f"{alat_pg}.daftar").read_text()
    assert "TABLE public pegawai" in daftar and "EXTENSION" not in daftar
    restore = calls[2]["args"]
    assert {"--no-owner", "--single-transaction", "--clean", "--if-exists"} <= set(restore)


def test_cadangan_postgres_sandi_lewat_lingkungan(app, alat_pg, tmp_path, monkeypatch):
    tujuan = tmp_path / "pg.dump"
    out = _gagal_bersih(_cli(app, "buat", str(tujuan)))
    _tanpa_sandi(out)
    assert "Pencadangan gagal (postgresql+psycopg://kinerja:***@127.0.0.1:1/kinerja_uji)" in out
    assert not tujuan.exists() and not list(tmp_path.glob(".pg.dump*"))  # no partial backup left
    monkeypatch.setenv("PALSU_BERHASIL", "1")
    r = _cli(app, "buat", str(tujuan))
    assert r.exit_code == 0, r.output
    assert stat.S_IMODE(tujuan.stat().st_mode) == 0o600
    for c in _panggilan(alat_pg):
        _tanpa_sandi(" ".join(c["args"]))
        assert c["pgpassword"] == SANDI


# --- PostgreSQL, real (CI) ---------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def pg_terbatas(database_url):
    """A scratch database owned by a non-superuser role, with pg_trgm created (and owned) by the superuser —
    the production situation in which `pg_restore --clean` used to fail on the extension."""
    if not database_url.startswith("postgresql"):
        pytest.skip("PostgreSQL only")
    from tests.conftest import make_app

    nama = f"kinerja_pulih_{secrets.token_hex(3)}"
    sandi = f"Sandi-{secrets.token_hex(8)}"
    su = create_engine(database_url, isolation_level="AUTOCOMMIT")
    with su.connect() as c:
        c.execute(text(f"CREATE ROLE {nama} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD '{sandi}'"))
        c.execute(text(f"CREATE DATABASE {nama} OWNER {nama}"))
    u = make_url(database_url)
    su_db = create_engine(u.set(database=nama), isolation_level="AUTOCOMMIT")
    with su_db.connect() as c:
        c.execute(text("CREATE EXTENSION IF NOT EXISTS pg_trgm"))  # owned by the superuser
    su_db.dispose()
    url = u.set(username=nama, password=sandi, database=nama).render_as_string(hide_password=False)
    aplikasi = make_app(url)  # migrations as the restricted role (pg_trgm exists already)
    try:
        yield aplikasi, url, sandi
    finally:
        from app.extensions import db

        with aplikasi.app_context():
            db.engine.dispose()
        with su.connect() as c:
            c.execute(text(f"DROP DATABASE IF EXISTS {nama} WITH (FORCE)"))
            c.execute(text(f"DROP ROLE IF EXISTS {nama}"))
        su.dispose()


def _jumlah_pegawai(url):
    eng = create_engine(url)
    try:
        with eng.connect() as c:
            return c.scalar(select(func.count()).select_from(Pegawai.__table__))
    finally:
        eng.dispose()


@pytest.mark.postgres
def test_pulihkan_postgres_ekstensi_milik_peran_lain(app, database_url, pg_terbatas, tmp_path):
    aplikasi, url, sandi = pg_terbatas
    arsip = tmp_path / "utama.dump"
    assert _cli(app, "buat", str(arsip)).exit_code == 0  # the main test database, with pg_trgm in it
    r = _cli(aplikasi, "pulihkan", "--ya", str(arsip))
    assert r.exit_code == 0, r.output
    _tanpa_sandi(r.output, sandi)
    assert _jumlah_pegawai(url) == _jumlah_pegawai(database_url) > 0


@pytest.mark.postgres
def test_pulihkan_postgres_arsip_terpotong(app, pg_terbatas, tmp_path, caplog):
    aplikasi, url, sandi = pg_terbatas
    arsip = tmp_path / "utama.dump"
    assert _cli(app, "buat", str(arsip)).exit_code == 0
    sebelum = _jumlah_pegawai(url)
    terpotong = tmp_path / "terpotong.dump"
    data = arsip.read_bytes()
    terpotong.write_bytes(data[: len(data) * 2 // 3])
    out = _gagal_bersih(_cli(aplikasi, "pulihkan", "--ya", str(terpotong)))
    _tanpa_sandi(out, sandi)
    _tanpa_sandi(caplog.text, sandi)
    assert "gagal" in out and "tidak diubah" in out
    assert _jumlah_pegawai(url) == sebelum
    rusak = tmp_path / "rusak.dump"
    rusak.write_bytes(b"bukan arsip" * 100)
    out = _gagal_bersih(_cli(aplikasi, "pulihkan", "--ya", str(rusak)))
    _tanpa_sandi(out, sandi)
    assert "bukan arsip pg_dump yang utuh" in out


@pytest.mark.postgres
def test_postgres_sandi_salah_tanpa_kebocoran(pg_terbatas, tmp_path, caplog):
    aplikasi, url, sandi = pg_terbatas
    salah = f"Salah-{secrets.token_hex(8)}"
    arsip = tmp_path / "terbatas.dump"
    assert _cli(aplikasi, "buat", str(arsip)).exit_code == 0
    lama = aplikasi.config["SQLALCHEMY_DATABASE_URI"]
    aplikasi.config["SQLALCHEMY_DATABASE_URI"] = make_url(url).set(password=salah).render_as_string(hide_password=False)
    try:
        for args in (("buat", str(tmp_path / "lagi.dump")), ("pulihkan", "--ya", str(arsip))):
            out = _gagal_bersih(_cli(aplikasi, *args))
            _tanpa_sandi(out, salah)
            _tanpa_sandi(out, sandi)
            assert "***" in out
        _tanpa_sandi(caplog.text, salah)
    finally:
        aplikasi.config["SQLALCHEMY_DATABASE_URI"] = lama
