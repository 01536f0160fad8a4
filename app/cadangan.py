"""Backup and restore (issue 9): pg_dump/pg_restore for PostgreSQL, the SQLite backup API for SQLite.

``flask --app run cadangan buat FILE`` / ``flask --app run cadangan pulihkan FILE``. ``checksum`` gives a
digest of the key tables so a round trip can be verified.
"""
from __future__ import annotations

import hashlib
import shutil
import sqlite3
import subprocess
from pathlib import Path

from sqlalchemy import text
from sqlalchemy.engine import make_url

TABEL_KUNCI = ("instansi", "unit_kerja", "jabatan", "golongan", "pegawai", "ab_user", "skp", "rencana_hasil_kerja",
               "indikator_kinerja", "evaluasi_kinerja", "keberatan", "tim_pemantau", "audit_log")


def _libpq(url: str) -> str:
    u = make_url(url)
    return u.set(drivername="postgresql").render_as_string(hide_password=False)


def _sqlite_path(url: str) -> str:
    return make_url(url).database


def _pg_tool(name: str) -> str:
    found = shutil.which(name)
    if found:
        return found
    cands = sorted(Path("/usr/lib/postgresql").glob(f"*/bin/{name}"))
    if not cands:
        raise RuntimeError(f"{name} tidak ditemukan: pasang paket postgresql-client.")
    return str(cands[-1])


def buat(url: str, tujuan: str | Path) -> Path:
    tujuan = Path(tujuan)
    if url.startswith("sqlite"):
        src = sqlite3.connect(_sqlite_path(url))
        dst = sqlite3.connect(tujuan)
        try:
            src.backup(dst)
        finally:
            dst.close()
            src.close()
    else:
        subprocess.run([_pg_tool("pg_dump"), "--format=custom", "--no-owner", "--file", str(tujuan),
                        "--dbname", _libpq(url)], check=True, capture_output=True)
    return tujuan


def pulihkan(url: str, sumber: str | Path, engine=None) -> None:
    """Replace the database's content with the backup. Dispose the app's engine first (pooled connections)."""
    if engine is not None:
        engine.dispose()
    sumber = Path(sumber)
    if not sumber.exists():
        raise FileNotFoundError(f"Berkas cadangan {sumber} tidak ada.")
    if url.startswith("sqlite"):
        src = sqlite3.connect(sumber)
        dst = sqlite3.connect(_sqlite_path(url))
        try:
            src.backup(dst)
        finally:
            dst.close()
            src.close()
    else:
        subprocess.run([_pg_tool("pg_restore"), "--clean", "--if-exists", "--no-owner", "--single-transaction",
                        "--dbname", _libpq(url), str(sumber)], check=True, capture_output=True)


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
