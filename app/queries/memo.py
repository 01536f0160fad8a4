"""Reference data read by several parts of one page, fetched once per HTTP request.

An evaluation page asks for the holiday list (working-day deadlines) and the instansi's names in three or four
places; each answer is the same within one request. The memo lives in the request's WSGI environ: outside a
request (jobs, the CLI, tests calling query functions directly) every call reads the database, so a change made
between two calls is always seen.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from flask import has_request_context, request
from sqlalchemy import select

from app.extensions import db
from schema.models import Instansi

T = TypeVar("T")


def per_permintaan(kunci: str, buat: Callable[[], T]) -> T:
    if not has_request_context():
        return buat()
    simpan = request.environ.setdefault("kinerja.memo", {})  # the WSGI environ lives exactly one request
    if kunci not in simpan:
        simpan[kunci] = buat()
    hasil: T = simpan[kunci]
    return hasil


def instansi_utama() -> tuple[str, str, str | None]:
    """(nama, nama_daerah, kepala_daerah_nama) of the deployment's instansi (the first one), once per request."""

    def baca() -> tuple[str, str, str | None]:
        row = db.session.execute(
            select(Instansi.nama, Instansi.nama_daerah, Instansi.kepala_daerah_nama).order_by(Instansi.id).limit(1)
        ).first()
        return (row[0], row[1], row[2]) if row else ("", "", None)

    return per_permintaan("instansi_utama", baca)


def instansi_nama() -> tuple[str, str]:
    """(nama, nama_daerah) of the instansi, as the official forms' headers print them."""
    nama, daerah, _ = instansi_utama()
    return nama, daerah
