"""Notifications: the in-app centre, the email outbox, each user's preference and the per-instansi switches.

``notifikasi`` is one entry for one user; ``kunci_unik`` (kind:record:user:step) makes every event and every
reminder step land once however often the caller or the daily schedule runs. ``isi`` is plain text and, for
confidential kinds (R11: counselling, behaviour reports), only a neutral sentence — never a name or the case.
``kirim_surel`` is the email outbox (one row per notification), sent by ``app.surel.kirim_surel_menunggu``
with leases and back-off, so an SMTP outage delays mail and loses none.
"""

from __future__ import annotations

from enum import Enum

from sqlalchemy import Boolean, Column, DateTime, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import relationship

from schema.models._base import Model, enum_col, utcnow


class StatusSurel(str, Enum):
    MENUNGGU = "menunggu"
    TERKIRIM = "terkirim"
    GAGAL = "gagal"

    @property
    def label(self) -> str:
        return {"menunggu": "Menunggu", "terkirim": "Terkirim", "gagal": "Gagal"}[self.value]


class Notifikasi(Model):
    __tablename__ = "notifikasi"
    __table_args__ = (Index("ix_notifikasi_user_id_dibaca_pada", "user_id", "dibaca_pada"),)
    id = Column(Integer, primary_key=True)
    # notifications are personal and transient: they go with the account
    user_id = Column(Integer, ForeignKey("ab_user.id", ondelete="CASCADE"), nullable=False)
    jenis = Column(String(40), nullable=False)  # a code of app.queries.notifikasi.JENIS
    judul = Column(String(200), nullable=False)
    isi = Column(Text, nullable=False, default="")
    tautan = Column(String(500))  # relative URL of the record
    kunci_unik = Column(String(200), nullable=False, unique=True)  # jenis:record:user:step — once, ever
    dibuat_pada = Column(DateTime, nullable=False, default=utcnow)
    dibaca_pada = Column(DateTime)

    def __repr__(self) -> str:
        return str(self.judul or "")


class KirimSurel(Model):
    __tablename__ = "kirim_surel"
    id = Column(Integer, primary_key=True)
    notifikasi_id = Column(
        Integer, ForeignKey("notifikasi.id", ondelete="CASCADE"), nullable=False, unique=True
    )  # one message per notification
    alamat = Column(String(254), nullable=False)
    status = enum_col(StatusSurel, default=StatusSurel.MENUNGGU, index=True, length=20)
    percobaan = Column(Integer, nullable=False, default=0)
    coba_lagi_pada = Column(DateTime, nullable=False, default=utcnow, index=True)
    dikunci_sampai = Column(DateTime)  # a sender's lease: another sender skips the row until then
    galat_terakhir = Column(Text)  # the SMTP server's answer, without credentials
    terkirim_pada = Column(DateTime)
    dibuat_pada = Column(DateTime, nullable=False, default=utcnow)
    notifikasi = relationship("Notifikasi")

    def __repr__(self) -> str:
        return f"{self.alamat} ({self.status})"


class PreferensiNotifikasi(Model):
    __tablename__ = "preferensi_notifikasi"
    id = Column(Integer, primary_key=True)
    user_id = Column(Integer, ForeignKey("ab_user.id", ondelete="CASCADE"), nullable=False, unique=True)
    surel_aktif = Column(Boolean, nullable=False, default=True)
    ringkasan_harian = Column(Boolean, nullable=False, default=False)  # one daily digest instead of each event


class SaklarNotifikasi(Model):
    """An instansi turns an event kind off (no row: on)."""

    __tablename__ = "saklar_notifikasi"
    __table_args__ = (UniqueConstraint("instansi_id", "jenis"),)
    id = Column(Integer, primary_key=True)
    instansi_id = Column(Integer, ForeignKey("instansi.id", ondelete="CASCADE"), nullable=False, index=True)
    jenis = Column(String(40), nullable=False)
    aktif = Column(Boolean, nullable=False, default=True)
