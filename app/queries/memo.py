"""Reference data read by several parts of one page, fetched once per HTTP request.

An evaluation page asks for the holiday list (working-day deadlines) and the instansi's names in three or four
places; each answer is the same within one request. The memo is keyed on the request object itself: outside a
request (jobs, the CLI, tests calling query functions directly) every call reads the database, so a change made
between two calls is always seen.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from flask import g, has_request_context, request
from sqlalchemy import select

from app.extensions import db
from schema.models import Instansi

T = TypeVar("T")


def per_permintaan(kunci: str, buat: Callable[[], T]) -> T:
    if not has_request_context():
        return buat()
    rid = id(request._get_current_object())  # noqa: SLF001 - werkzeug's proxy target, the request itself
    simpan = g.get("_kinerja_memo")
    if simpan is None or simpan[0] != rid:  # a test may keep one app context (one ``g``) across requests
        simpan = (rid, {})
        g._kinerja_memo = simpan
    if kunci not in simpan[1]:
        simpan[1][kunci] = buat()
    return simpan[1][kunci]


def instansi_utama() -> tuple[str, str, str | None]:
    """(nama, nama_daerah, kepala_daerah_nama) of the deployment's instansi (the first one), once per request."""

    def baca() -> tuple[str, str, str | None]:
        row = db.session.execute(
            select(Instansi.nama, Instansi.nama_daerah, Instansi.kepala_daerah_nama).order_by(Instansi.id).limit(1)
        ).first()
        return (row[0], row[1], row[2]) if row else ("", "", None)

    return per_permintaan("instansi_utama", baca)
