"""Two "Hitung predikat" runs of one period never interleave (PostgreSQL advisory lock, app/queries/penilaian/
hitung_predikat.py ``kunci_periode``): the second waits for the first's commit. Two whole-period UPDATEs at
once deadlocked at 1 000 000 employees; a different period is not held up."""

from __future__ import annotations

import threading

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.orm import Session

from app.extensions import db


def test_periode_sama_menunggu_periode_lain_tidak(app, database_url):
    with app.app_context():
        if db.engine.dialect.name != "postgresql":
            pytest.skip("needs DATABASE_URL=postgresql+psycopg://… (run by .ci/run)")
    from app.queries.penilaian.hitung_predikat import kunci_periode

    mesin = create_engine(database_url)
    selesai: dict[str, threading.Event] = {"sama": threading.Event(), "lain": threading.Event()}

    def kedua(nama: str, nomor: int) -> None:
        with app.app_context():
            kunci_periode(2031, "periodik", nomor)
            selesai[nama].set()
            db.session.rollback()

    try:
        with app.app_context():
            kunci_periode(2031, "periodik", 1)  # the first run holds period 1 until its transaction ends
            utas = {n: threading.Thread(target=kedua, args=(n, nomor)) for n, nomor in (("sama", 1), ("lain", 2))}
            for t in utas.values():
                t.start()
            assert selesai["lain"].wait(30)  # another period goes ahead while period 1 is held
            with Session(mesin) as s:  # the second run of period 1 is waiting on the lock, not finished
                menunggu = s.scalar(text("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted"))
            assert not selesai["sama"].is_set() and menunggu >= 1
            db.session.commit()  # first run done
            assert selesai["sama"].wait(30)
            for t in utas.values():
                t.join(30)
    finally:
        mesin.dispose()
