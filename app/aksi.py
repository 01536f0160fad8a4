"""One user action: one refusal hierarchy, one transaction, one version check, one set of input parsers.

Modelled on Apache Superset's commands (``CommandException`` + ``@transaction``): query modules raise a
``Ditolak`` (or a subclass) with a message in Bahasa Indonesia naming the field or row; the adapters —
``satu_transaksi`` in ``app/views/base.py`` (a flashed message) and ``_jawab_galat_klien`` in
``app/api/master.py`` (JSON with ``kode``) — show it as is. ``transaksi()`` wraps the whole action: commit at the end, rollback on any exception, so a
refused action writes nothing (and files written on the way are removed through ``saat_batal``).

This module sits below ``app.queries``, ``app.views`` and ``app.api``: it imports only the database
session and SQLAlchemy.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from decimal import Decimal, InvalidOperation
from typing import Any, overload

from sqlalchemy.orm.exc import StaleDataError

from app.extensions import db

__all__ = [
    "PESAN_BASI",
    "Ditolak",
    "DataBasi",
    "transaksi",
    "cek_versi",
    "teks",
    "bilangan",
    "bilangan_atau",
    "desimal",
    "tanggal",
    "tanggal_atau",
]

PESAN_BASI = "Data telah diubah pengguna lain sejak halaman ini dibuka. Muat ulang halaman lalu ulangi perubahan Anda."


class Ditolak(Exception):
    """A refused user action. ``str(e)`` is shown to the user as is; ``kode`` is the HTTP status the API
    answers with (400 bad input, 403 not allowed, 404 not found/outside scope, 409 conflict)."""

    kode = 400

    def __init__(self, pesan: str = "", kode: int | None = None):
        super().__init__(pesan)
        if kode is not None:
            self.kode = kode


class DataBasi(Ditolak):
    """The row changed since the form was opened (optimistic lock: ``versi`` or ``StaleDataError``)."""

    kode = 409

    def __init__(self, pesan: str = PESAN_BASI, kode: int | None = None):
        super().__init__(pesan, kode)


@contextmanager
def transaksi(saat_batal: Callable[[], None] | None = None) -> Iterator[None]:
    """One user action = one transaction: commit when the block ends, rollback on any exception.

    A concurrent update detected at flush (``StaleDataError``) becomes ``DataBasi``. ``saat_batal`` runs after
    the rollback (e.g. removing files the action wrote)."""

    def batal() -> None:
        db.session.rollback()
        if saat_batal:
            saat_batal()

    try:
        yield
        db.session.commit()
    except StaleDataError:
        batal()
        raise DataBasi() from None
    except BaseException:
        batal()
        raise


def cek_versi(obj: Any, versi: Any, galat: type[Ditolak] = DataBasi, kolom: str = "versi") -> None:
    """Optimistic lock on a form post: the ``versi`` the form was rendered with must still be current.
    An empty value skips the check (older forms and API clients that send no version)."""
    if versi in (None, ""):
        return
    try:
        sama = int(versi) == getattr(obj, kolom)
    except (TypeError, ValueError):
        sama = False
    if not sama:
        raise galat(PESAN_BASI)


def teks(
    nilai: Any, nama: str, *, wajib: bool = False, maks: int | None = None, galat: type[Ditolak] = Ditolak
) -> str | None:
    """Trimmed text; empty → None (or refused when ``wajib``); longer than ``maks`` → refused."""
    v = ("" if nilai is None else str(nilai)).strip()
    if not v:
        if wajib:
            raise galat(f"{nama} wajib diisi.")
        return None
    if maks and len(v) > maks:
        raise galat(f"{nama} paling panjang {maks} karakter.")
    return v


def bilangan(nilai: Any, nama: str, *, galat: type[Ditolak] = Ditolak) -> int:
    """A whole number the user chose or typed; anything else → refused naming the field."""
    try:
        return int(nilai)
    except (TypeError, ValueError):
        raise galat(f"{nama} tidak valid.") from None


@overload
def bilangan_atau(nilai: Any, bawaan: int) -> int: ...
@overload
def bilangan_atau(nilai: Any, bawaan: None = None) -> int | None: ...
def bilangan_atau(nilai: Any, bawaan: int | None = None) -> int | None:
    """A whole number from a query/form parameter, or ``bawaan`` when absent or malformed (filters, paging)."""
    try:
        return int(nilai)
    except (TypeError, ValueError):
        return bawaan


def desimal(nilai: Any, nama: str, *, galat: type[Ditolak] = Ditolak) -> Decimal | None:
    """A number typed with a decimal comma or point ("97,5"); empty → None."""
    if nilai in (None, ""):
        return None
    try:
        d = Decimal(str(nilai).strip().replace(",", "."))
    except InvalidOperation:
        raise galat(f"{nama} harus berupa angka (contoh: 100 atau 97,5).") from None
    if not d.is_finite() or abs(d) >= Decimal("1e16"):
        raise galat(f"{nama} di luar rentang.")
    return d


def tanggal(nilai: Any, nama: str, *, wajib: bool = False, galat: type[Ditolak] = Ditolak) -> dt.date | None:
    """An ISO date (``YYYY-MM-DD``, what ``<input type=date>`` posts); empty → None or refused when ``wajib``."""
    if isinstance(nilai, dt.date):
        return nilai
    v = ("" if nilai is None else str(nilai)).strip()
    if not v:
        if wajib:
            raise galat(f"{nama} wajib diisi.")
        return None
    try:
        return dt.date.fromisoformat(v)
    except ValueError:
        raise galat(f"{nama}: tanggal tidak valid (format TTTT-BB-HH).") from None


def tanggal_atau(nilai: Any, bawaan: dt.date | None = None) -> dt.date | None:
    """An ISO date from a query parameter, or ``bawaan`` when absent or malformed (filters)."""
    try:
        return tanggal(nilai, "") or bawaan
    except Ditolak:
        return bawaan
