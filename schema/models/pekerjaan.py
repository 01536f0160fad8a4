"""Background jobs: long imports, big exports and bulk actions run outside the request.

The status, the work to run (a function by name and its JSON arguments), its input and its result file live
in the database, so any app node can answer the status page and any runner — a thread of the web process or
a Celery worker on another machine — can run the job.
"""

from __future__ import annotations

from enum import Enum

from sqlalchemy import CheckConstraint, Column, Date, DateTime, ForeignKey, Integer, String, Text

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
    berkas = Column(String(100))  # result: berkas_data.nama (generated), never a user-given path
    nama_unduhan = Column(String(200))
    dibuat_pada = Column(DateTime, nullable=False, default=utcnow)
    diperbarui_pada = Column(DateTime, nullable=False, default=utcnow)  # heartbeat: a dead worker shows as stale
    selesai_pada = Column(DateTime)
    tugas = Column(String(200))  # "module:function" written by app.pekerjaan.mulai, never user input
    argumen = Column(Text)  # JSON: positional and keyword arguments, the owner's request (path, address)
    masukan = Column(String(40))  # berkas_data.nama of the uploaded input, deleted when the job ends
    # proses: a thread of the node that queued it (dies with it, so a silent queued job is an orphan);
    # celery: a durable broker queue (only a silent *running* job is an orphan)
    pelari = Column(String(10), nullable=False, default="proses", server_default="proses")


class JadwalJalan(Model):
    """One row per scheduled task and local day: Celery beat, cron and a second beat never run it twice."""

    __tablename__ = "jadwal_jalan"
    nama = Column(String(60), primary_key=True)
    tanggal = Column(Date, primary_key=True)
    mulai_pada = Column(DateTime, nullable=False, default=utcnow)
    selesai_pada = Column(DateTime)
    hasil = Column(Text)
