"""Backup and restore: pg_dump/pg_restore for PostgreSQL, the SQLite backup API for SQLite.

``flask --app run cadangan buat FILE`` / ``flask --app run cadangan pulihkan FILE``. ``checksum`` gives a
digest of the key tables so a round trip can be verified.

No credential in any message or log: the PostgreSQL tools get the password in ``PGPASSWORD`` (never on the
command line, which ``ps`` shows to every user; ``--no-password``: never a prompt), and every failure becomes ``GagalCadangan`` with a short
Indonesian message naming the database as ``make_url(...).render_as_string(hide_password=True)``, the tool's
own error text redacted. Backups are written 0600 (they hold everything) under a temporary name and renamed
only when complete.

Extensions: a restore as the application's (non-superuser) role must not drop, create or comment on an
extension another role owns (``must be owner of extension pg_trgm``). Their archive entries are left out of
the restore list; each one is ensured beforehand with ``CREATE EXTENSION IF NOT EXISTS`` (a no-op when it
exists; when it does not and the role may not create it, the message says what the database admin must run).
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import sqlite3
import subprocess
import tempfile
from pathlib import Path
from urllib.parse import quote, quote_plus

from sqlalchemy import text
from sqlalchemy.engine import URL, make_url

from app.berkas_privat import buka_privat, privatkan

TABEL_KUNCI = (
    "instansi",
    "unit_kerja",
    "jabatan",
    "golongan",
    "pegawai",
    "ab_user",
    "skp",
    "rencana_hasil_kerja",
    "indikator_kinerja",
    "evaluasi_kinerja",
    "keberatan",
    "tim_pemantau",
    "audit_log",
)
# a line of `pg_restore --list`: "<id>; <tableoid> <oid> <DESC> <schema> <name> <owner>"
_TOC = re.compile(r"^\s*\d+;\s+\d+\s+\d+\s+(?P<desc>EXTENSION|COMMENT)\s+\S+\s+(?P<rest>.*)$")
_NAMA_EKSTENSI = re.compile(r"^[A-Za-z0-9_\-]+$")
BATAS_WAKTU = int(os.environ.get("CADANGAN_BATAS_WAKTU", "3600"))  # seconds per tool run


class GagalCadangan(Exception):
    """A backup/restore failure; the message is for the operator (Indonesian) and holds no credential."""


def tampil(url: str) -> str:
    """The URL as it may appear in a message or log: never the password."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:
        return "(URL basis data tidak valid)"


def _rahasia(url: str) -> list[str]:
    try:
        u = make_url(url)
    except Exception:
        return []
    s = [str(u.password)] if u.password else []
    s += [str(v) for k, v in u.query.items() if k.lower() == "password" and isinstance(v, str)]
    return [x for x in s if x]


def sensor(teks: str, url: str) -> str:
    """Remove every form of the URL's password from a text (a tool's stderr may echo its connection string)."""
    for r in _rahasia(url):
        for bentuk in {r, quote(r, safe=""), quote_plus(r)}:
            teks = teks.replace(bentuk, "***")
    return teks


def _libpq(url: str) -> tuple[str, dict[str, str]]:
    """(connection URI without password, environment with PGPASSWORD) for the PostgreSQL client tools."""
    u = make_url(url)
    env = dict(os.environ)
    rahasia = _rahasia(url)
    if rahasia:
        env["PGPASSWORD"] = rahasia[0]
    query = {k: v for k, v in u.query.items() if k.lower() != "password"}
    bersih = URL.create(
        "postgresql", username=u.username, host=u.host, port=u.port, database=u.database, query=query
    )  # URL.set(password=None) would keep the password
    return bersih.render_as_string(hide_password=False), env


def _sqlite_path(url: str) -> str:
    return make_url(url).database


def _pg_tool(name: str) -> str:
    found = shutil.which(name)
    if found:
        return found
    cands = sorted(Path("/usr/lib/postgresql").glob(f"*/bin/{name}"))
    if not cands:
        raise GagalCadangan(f"Program {name} tidak ditemukan: pasang paket postgresql-client.")
    return str(cands[-1])


def _jalankan(args: list[str], url: str, env: dict[str, str], apa: str) -> str:
    """Run a PostgreSQL client tool; a failure becomes GagalCadangan with its redacted error text."""
    try:
        r = subprocess.run(args, env=env, stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=BATAS_WAKTU)
    except subprocess.TimeoutExpired:
        raise GagalCadangan(
            f"{apa} gagal: {Path(args[0]).name} tidak selesai dalam {BATAS_WAKTU} detik ({tampil(url)})."
        ) from None
    except OSError as e:
        raise GagalCadangan(f"{apa} gagal: {Path(args[0]).name} tidak dapat dijalankan ({e.strerror}).") from None
    if r.returncode != 0:
        galat = sensor((r.stderr or r.stdout or "").strip(), url)
        baris = [b for b in galat.splitlines() if b.strip()][-8:]  # the tool's last words, not a wall of text
        raise GagalCadangan(f"{apa} gagal ({tampil(url)}):\n" + "\n".join(f"  {b}" for b in baris))
    return r.stdout


def buat(url: str, tujuan: str | Path) -> Path:
    """Write a backup to ``tujuan`` (0600; a failed run leaves no partial file)."""
    tujuan = Path(tujuan)
    sementara = tujuan.with_name(f".{tujuan.name}.sebagian")
    try:
        buka_privat(sementara).close()
    except OSError as e:
        raise GagalCadangan(f"Berkas cadangan {tujuan} tidak dapat ditulis: {e.strerror}.") from None
    try:
        if url.startswith("sqlite"):
            try:
                src = sqlite3.connect(_sqlite_path(url))
                try:
                    _salin_sqlite(src, sementara)
                finally:
                    src.close()
            except sqlite3.Error as e:
                raise GagalCadangan(f"Pencadangan gagal ({tampil(url)}): {e}.") from None
        else:
            dsn, env = _libpq(url)
            _jalankan(
                [
                    _pg_tool("pg_dump"),
                    "--no-password",
                    "--format=custom",
                    "--no-owner",
                    "--file",
                    str(sementara),
                    "--dbname",
                    dsn,
                ],
                url,
                env,
                "Pencadangan",
            )
        privatkan(sementara)
        os.replace(sementara, tujuan)
    except BaseException:
        sementara.unlink(missing_ok=True)
        raise
    return tujuan


def _salin_sqlite(src: sqlite3.Connection, tujuan) -> None:
    """SQLite's online backup API: a consistent copy of ``src`` into the file ``tujuan``."""
    dst = sqlite3.connect(tujuan)
    try:
        src.backup(dst)
    finally:
        dst.close()


def pulihkan(url: str, sumber: str | Path, engine=None) -> None:
    """Replace the database's content with the backup. Dispose the app's engine first (pooled connections)."""
    if engine is not None:
        engine.dispose()
    sumber = Path(sumber)
    if not sumber.is_file():
        raise GagalCadangan(f"Berkas cadangan {sumber} tidak ada.")
    if url.startswith("sqlite"):
        _pulihkan_sqlite(url, sumber)
    else:
        _pulihkan_pg(url, sumber)


def _pulihkan_sqlite(url: str, sumber: Path) -> None:
    # check the file before touching the database: a corrupt or foreign file must not replace it
    try:
        src = sqlite3.connect(sumber)
    except sqlite3.Error as e:
        raise GagalCadangan(f"Berkas cadangan {sumber} tidak dapat dibuka: {e}.") from None
    try:
        try:
            utuh = src.execute("PRAGMA quick_check").fetchone()[0] == "ok"
            milik_kita = (
                src.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'alembic_version'").fetchone()
                is not None
            )
        except sqlite3.DatabaseError:
            utuh = milik_kita = False
        if not (utuh and milik_kita):
            raise GagalCadangan(
                f"Berkas {sumber} bukan cadangan basis data Kinerja ASN yang utuh; basis data tidak diubah."
            )
        tujuan = _sqlite_path(url)
        try:
            _salin_sqlite(src, tujuan)
        except sqlite3.Error as e:
            raise GagalCadangan(f"Pemulihan gagal ({tampil(url)}): {e}.") from None
        privatkan(tujuan)
    finally:
        src.close()


def ekstensi_dan_daftar(daftar: str) -> tuple[list[str], str]:
    """From ``pg_restore --list`` output: the extensions in the archive, and the list without their entries
    (``CREATE EXTENSION`` and ``COMMENT ON EXTENSION`` need the extension's owner)."""
    ekstensi, sisa = [], []
    for baris in daftar.splitlines():
        m = _TOC.match(baris)
        if m:
            kata = m.group("rest").split()
            if m.group("desc") == "EXTENSION" and kata:
                ekstensi.append(kata[0])
                continue
            if m.group("desc") == "COMMENT" and len(kata) >= 2 and kata[0] == "EXTENSION":
                continue
        sisa.append(baris)
    return ekstensi, "\n".join(sisa) + "\n"


def _pulihkan_pg(url: str, sumber: Path) -> None:
    dsn, env = _libpq(url)
    restore = _pg_tool("pg_restore")
    try:
        daftar = _jalankan([restore, "--list", str(sumber)], url, env, "Membaca berkas cadangan")
    except GagalCadangan as e:
        raise GagalCadangan(f"{e}\nBerkas {sumber} bukan arsip pg_dump yang utuh; basis data tidak diubah.") from None
    ekstensi, daftar = ekstensi_dan_daftar(daftar)
    for nama in ekstensi:
        if not _NAMA_EKSTENSI.match(nama):
            raise GagalCadangan(f"Nama ekstensi tidak dikenal dalam cadangan: {nama!r}.")
        try:
            _jalankan(
                [
                    _pg_tool("psql"),
                    "--no-password",
                    "--no-psqlrc",
                    "--quiet",
                    "--set",
                    "ON_ERROR_STOP=1",
                    "--command",
                    f'CREATE EXTENSION IF NOT EXISTS "{nama}"',
                    "--dbname",
                    dsn,
                ],
                url,
                env,
                f"Memasang ekstensi {nama}",
            )
        except GagalCadangan as e:
            saran = (
                f"Ekstensi PostgreSQL {nama} belum terpasang di basis data tujuan dan pengguna ini tidak boleh "
                f"memasangnya: minta admin basis data menjalankan CREATE EXTENSION {nama}; lalu ulangi. "
                if "permission denied" in str(e)
                else ""
            )
            raise GagalCadangan(f"{e}\n{saran}Basis data tidak diubah.") from None
    with tempfile.TemporaryDirectory(prefix="kinerja-pulih-") as d:  # 0700
        berkas_daftar = Path(d) / "daftar.txt"
        with buka_privat(berkas_daftar, baru=True) as f:
            f.write(daftar.encode())
        try:
            _jalankan(
                [
                    restore,
                    "--no-password",
                    "--clean",
                    "--if-exists",
                    "--no-owner",
                    "--single-transaction",
                    "--exit-on-error",
                    "--use-list",
                    str(berkas_daftar),
                    "--dbname",
                    dsn,
                    str(sumber),
                ],
                url,
                env,
                "Pemulihan",
            )
        except GagalCadangan as e:
            raise GagalCadangan(f"{e}\nSatu transaksi: basis data tidak diubah.") from None


def checksum(conn) -> dict[str, tuple[int, str]]:
    """Row count and a SHA-256 over every row (ordered by id) of the key tables."""
    out = {}
    for t in TABEL_KUNCI:
        h = hashlib.sha256()
        n = 0
        for row in conn.execute(text(f"SELECT * FROM {t} ORDER BY id")):  # noqa: S608 - fixed table names
            h.update(repr(tuple(str(v) for v in row)).encode())
            n += 1
        out[t] = (n, h.hexdigest())
    return out
