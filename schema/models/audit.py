"""Audit trail: who, when, what (before/after) — reads of counselling records too."""

from __future__ import annotations

from sqlalchemy import Column, DateTime, Index, Integer, String, Text

from schema.enums import AksiAudit
from schema.models._base import Model, enum_col, utcnow


class AuditLog(Model):
    __tablename__ = "audit_log"
    __table_args__ = (
        Index("ix_audit_log_objek", "tabel", "baris_id"),
        Index("ix_audit_log_username", "username"),
    )  # list filter (rev. 0006)
    id = Column(Integer, primary_key=True)
    waktu = Column(DateTime, nullable=False, default=utcnow, index=True)
    user_id = Column(Integer, index=True)  # no FK: the trail outlives deleted accounts
    username = Column(String(100))
    aksi = enum_col(AksiAudit)
    tabel = Column(String(60), nullable=False)
    baris_id = Column(String(40))
    sebelum = Column(Text)  # JSON
    sesudah = Column(Text)  # JSON
    alamat_ip = Column(String(45))
