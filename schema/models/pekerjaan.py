"""Background jobs: long imports, big exports and bulk actions run outside the request.

The status lives in the database, not in a worker's memory, so any gunicorn worker can answer the
status page; the result file lives under ``instance/`` (outside the web root), named by the job.
"""

from __future__ import annotations

from enum import Enum

from sqlalchemy import CheckConstraint, Column, DateTime, ForeignKey, Integer, String, Text

from schema.models._base import Model, enum_col, utcnow


class StatusPekerjaan(str, Enum):
    ANTRI = "antri"
    BERJALAN = "berjalan"
    SELESAI = "selesai"
    GAGAL = "gagal"

    @property
    def label(self) -> str:
        return {"antri": "Dalam antrean", "berjalan": "Sedang berjalan", "selesai": "Selesai", "gagal": "Gagal"}[
            self.value
        ]


class Pekerjaan(Model):
    __tablename__ = "pekerjaan"
    __table_args__ = (CheckConstraint("progres BETWEEN 0 AND 100", name="ck_pekerjaan_progres"),)
    id = Column(Integer, primary_key=True)
    jenis = Column(String(40), nullable=False)  # impor | ekspor | hitung_predikat …
    judul = Column(String(200), nullable=False)
    # jobs are transient: they go with the account (no FK RESTRICT blocking a user's removal)
    user_id = Column(Integer, ForeignKey("ab_user.id", ondelete="CASCADE"), nullable=False, index=True)
    status = enum_col(StatusPekerjaan, default=StatusPekerjaan.ANTRI, index=True, length=20)
    progres = Column(Integer, nullable=False, default=0)
    tahap = Column(String(200))
    pesan_galat = Column(Text)
    rincian = Column(Text)  # JSON: summary counts, or the per-row errors of a refused import
    berkas = Column(String(100))  # generated file name under PEKERJAAN_FOLDER, never a user-given path
    nama_unduhan = Column(String(200))
    dibuat_pada = Column(DateTime, nullable=False, default=utcnow)
    diperbarui_pada = Column(DateTime, nullable=False, default=utcnow)  # heartbeat: a dead worker shows as stale
    selesai_pada = Column(DateTime)
