"""Stored files in the database (``berkas_data`` + ``berkas_potongan``), shared by every node and worker.

Why the database and not a shared folder: the files are small (evidence ≤ ``UNGGAH_UKURAN_MAKS``, import
inputs and registers a few MB); every node already reaches PostgreSQL, so no NFS mount to configure, secure
and back up; a file written inside a user action's transaction is removed by its rollback (nothing
half-written, no orphan); one database backup holds the files with the rows that point to them. Chunks of
``POTONGAN`` bytes keep writing and serving at constant memory. Names are random tokens plus our own
extension; nothing of the client's file name reaches storage, and nothing is under the web root.
"""

from __future__ import annotations

import datetime as dt
import secrets
import tempfile
from collections.abc import Iterator
from typing import IO

from sqlalchemy import delete, insert, select, update

from app.extensions import db
from schema.models.berkas import BerkasData, BerkasPotongan

POTONGAN = 256 * 1024
MEMORI_SEMENTARA = 16 * 1024 * 1024  # a job's input is parsed from memory up to this size, then from a 0600 temp file


class TerlaluBesar(Exception):
    """The stream exceeded ``maks`` bytes; the caller's transaction (and with it the chunks) is rolled back."""

    def __init__(self, maks: int):
        super().__init__(maks)
        self.maks = maks


def simpan(stream: IO[bytes], jenis: str, ext: str, *, awal: bytes = b"", maks: int | None = None) -> tuple[str, int]:
    """Write ``awal`` + the stream in the current transaction; returns (generated name, size)."""
    nama = secrets.token_hex(16) + ext
    return nama, _tulis(stream, jenis, nama, awal, maks)


def simpan_dengan_nama(stream: IO[bytes], jenis: str, nama: str) -> int:
    """An older installation's file under its generated name (1), or 0 when that name is already stored."""
    if ukuran(nama) is not None:
        return 0
    _tulis(stream, jenis, nama, b"", None)
    return 1


def _tulis(stream: IO[bytes], jenis: str, nama: str, awal: bytes, maks: int | None) -> int:
    bid = db.session.execute(
        insert(BerkasData).values(nama=nama, jenis=jenis, ukuran=0).returning(BerkasData.id)
    ).scalar_one()
    total, urutan, sisa = 0, 0, awal
    while True:
        potong = sisa + (stream.read(POTONGAN - len(sisa)) if len(sisa) < POTONGAN else b"")
        sisa = b""
        if not potong:
            break
        total += len(potong)
        if maks is not None and total > maks:
            raise TerlaluBesar(maks)
        db.session.execute(insert(BerkasPotongan).values(berkas_id=bid, urutan=urutan, data=potong))
        urutan += 1
    db.session.execute(update(BerkasData).where(BerkasData.id == bid).values(ukuran=total))
    return total


def ukuran(nama: str) -> int | None:
    return db.session.scalar(select(BerkasData.ukuran).where(BerkasData.nama == nama))


def potongan(nama: str) -> Iterator[bytes]:
    """The file's bytes chunk by chunk (one chunk in memory at a time); FileNotFoundError if it is not stored."""
    bid = db.session.scalar(select(BerkasData.id).where(BerkasData.nama == nama))
    if bid is None:
        raise FileNotFoundError(nama)
    return _baca(bid)


def _baca(bid: int) -> Iterator[bytes]:
    urutan = 0
    while True:  # one short query per chunk: no server-side cursor held across a slow download
        data = db.session.scalar(
            select(BerkasPotongan.data).where(BerkasPotongan.berkas_id == bid, BerkasPotongan.urutan == urutan)
        )
        if data is None:
            return
        yield bytes(data)
        urutan += 1


def ke_sementara(nama: str) -> IO[bytes]:
    """A seekable copy for parsers (openpyxl): in memory up to MEMORI_SEMENTARA, else a 0600 temp file."""
    f = tempfile.SpooledTemporaryFile(max_size=MEMORI_SEMENTARA)
    for p in potongan(nama):
        f.write(p)
    f.seek(0)
    return f


def hapus(*nama: str) -> int:
    """Delete stored files (their chunks go by ON DELETE CASCADE) in the current transaction."""
    if not nama:
        return 0
    ids = list(db.session.scalars(select(BerkasData.id).where(BerkasData.nama.in_(nama))))
    if ids:
        db.session.execute(delete(BerkasPotongan).where(BerkasPotongan.berkas_id.in_(ids)))
        db.session.execute(delete(BerkasData).where(BerkasData.id.in_(ids)))
    return len(ids)


def nama_lebih_lama(jenis: str, batas: dt.datetime) -> list[str]:
    return list(
        db.session.scalars(select(BerkasData.nama).where(BerkasData.jenis == jenis, BerkasData.dibuat_pada < batas))
    )
