"""Alembic driven from code: ``upgrade(url)`` is what run.py, the CLI and the tests call.

Several app nodes may start together on an empty database: the upgrade runs under a lock (a PostgreSQL
advisory lock; on SQLite an exclusive lock on a file beside the database), so one node migrates and the
others find the schema current.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import sys
from collections.abc import Iterator
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

HERE = Path(__file__).resolve().parent


def alembic_config(url: str) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(HERE / "migrations"))
    cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return cfg


KUNCI_ADVISORY = 7_214_020_612  # any constant: the one lock id of this application's migrations


@contextlib.contextmanager
def kunci_migrasi(url: str) -> Iterator[None]:
    u = make_url(url)
    if u.get_backend_name() == "postgresql":
        eng = create_engine(url, poolclass=None, isolation_level="AUTOCOMMIT")
        try:
            with eng.connect() as c:
                c.execute(text("SELECT pg_advisory_lock(:k)"), {"k": KUNCI_ADVISORY})
                try:
                    yield
                finally:
                    c.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": KUNCI_ADVISORY})
        finally:
            eng.dispose()
    elif u.get_backend_name() == "sqlite" and u.database and u.database != ":memory:":
        fd = os.open(f"{u.database}.kunci-migrasi", os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            yield
        finally:
            os.close(fd)  # releases the lock
    else:
        yield


def revisi_sekarang(url: str) -> str | None:
    eng = create_engine(url)
    try:
        with eng.connect() as c:
            return MigrationContext.configure(c).get_current_revision()
    finally:
        eng.dispose()


def upgrade(url: str, revision: str = "head", kunci: bool = True) -> None:
    """``kunci=False``: the caller already holds ``kunci_migrasi`` (the application factory)."""
    with kunci_migrasi(url) if kunci else contextlib.nullcontext():
        sebelum = revisi_sekarang(url)
        command.upgrade(alembic_config(url), revision)
        sesudah = revisi_sekarang(url)
    if sebelum != sesudah:  # one line for the operator's log: which node migrated, from where to where
        print(f"kinerja: skema basis data dimigrasikan {sebelum or 'kosong'} → {sesudah}", file=sys.stderr, flush=True)


def downgrade(url: str, revision: str = "base") -> None:
    command.downgrade(alembic_config(url), revision)


def revision(url: str, message: str) -> None:
    """Developers: autogenerate a new migration from the models (``flask --app run db revision -m …``)."""
    command.revision(alembic_config(url), message=message, autogenerate=True)
