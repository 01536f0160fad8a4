"""Tindak lanjut (R14): rewards and sanctions/improvement registers."""

from __future__ import annotations

from sqlalchemy import Boolean, Column, Date, Integer, Text, UniqueConstraint
from sqlalchemy.orm import relationship

from app.rules import JenisTindakLanjut
from schema.enums import JenisPenghargaan, StatusTindakLanjut
from schema.models._base import Jejak, Model, enum_col, fk


class Penghargaan(Jejak, Model):
    __tablename__ = "penghargaan"
    id = Column(Integer, primary_key=True)
    pegawai_id = fk("pegawai.id")
    tahun = Column(Integer, nullable=False, index=True)
    jenis = enum_col(JenisPenghargaan)
    uraian = Column(Text)
    evaluasi_id = fk("evaluasi_kinerja.id", nullable=True)
    pegawai = relationship("Pegawai")
    evaluasi = relationship("EvaluasiKinerja")


class TindakLanjutSanksi(Jejak, Model):
    __tablename__ = "tindak_lanjut_sanksi"
    # one entry per evaluation and R14 path step: the automatic action is idempotent and a manual entry
    # cannot duplicate it (revision 0004)
    __table_args__ = (UniqueConstraint("evaluasi_id", "jenis"),)
    id = Column(Integer, primary_key=True)
    pegawai_id = fk("pegawai.id")
    evaluasi_id = fk("evaluasi_kinerja.id")
    jenis = enum_col(JenisTindakLanjut)
    status = enum_col(StatusTindakLanjut, default=StatusTindakLanjut.DIBUKA, index=True)
    mulai = Column(Date)
    selesai = Column(Date)
    force_majeure = Column(Boolean, nullable=False, default=False)  # recorded "no force majeure" (003 Pasal 33)
    catatan = Column(Text)
    pegawai = relationship("Pegawai")
    evaluasi = relationship("EvaluasiKinerja")
