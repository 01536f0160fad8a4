"""Stored files — uploaded evidence, import inputs, job results — in the database, not on a node's disk.

Every app node and every worker reads the same rows, a backup of the database holds the files with their
records, and a file written inside a user action's transaction disappears with its rollback (nothing
half-written, no orphan on disk). Files are small (uploads ≤ ``UNGGAH_UKURAN_MAKS``, registers a few MB) and
are kept in chunks, so writing and serving use constant memory.
"""

from __future__ import annotations

from sqlalchemy import Column, DateTime, ForeignKey, Integer, LargeBinary, String

from schema.models._base import Model, utcnow


class BerkasData(Model):
    __tablename__ = "berkas_data"
    id = Column(Integer, primary_key=True)
    nama = Column(String(40), nullable=False, unique=True)  # random token + our extension, never a client name
    jenis = Column(String(20), nullable=False, index=True)  # bukti | masukan | hasil
    ukuran = Column(Integer, nullable=False, default=0)
    dibuat_pada = Column(DateTime, nullable=False, default=utcnow, index=True)


class BerkasPotongan(Model):
    __tablename__ = "berkas_potongan"
    berkas_id = Column(Integer, ForeignKey("berkas_data.id", ondelete="CASCADE"), primary_key=True)
    urutan = Column(Integer, primary_key=True)
    data = Column(LargeBinary, nullable=False)
