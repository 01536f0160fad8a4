"""Penilaian: capaian organisasi, evaluasi kinerja (periodic/annual), per-RHK ratings, keberatan (R2–R7, R15)."""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Column,
    Date,
    DateTime,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import relationship

from app.rules import (
    CapaianOrganisasi,
    JenisEvaluasi,
    JenisPeriode,
    KeputusanKeberatan,
    Predikat,
    Rating,
    StatusDokumen,
)
from schema.enums import DinilaiOleh
from schema.models._base import Jejak, Model, enum_col, fk


class CapaianKinerjaOrganisasi(Jejak, Model):
    """The unit's achievement per period and year (R5); ``periode_nomor`` 0 = the annual figure."""

    __tablename__ = "capaian_organisasi"
    __table_args__ = (UniqueConstraint("unit_kerja_id", "tahun", "periode_jenis", "periode_nomor"),)
    id = Column(Integer, primary_key=True)
    unit_kerja_id = fk("unit_kerja.id")
    tahun = Column(Integer, nullable=False, index=True)
    periode_jenis = enum_col(JenisPeriode)
    periode_nomor = Column(Integer, nullable=False, default=0)
    capaian = enum_col(CapaianOrganisasi)
    tanggal_terbit = Column(Date)
    unit_kerja = relationship("UnitKerja")


class EvaluasiKinerja(Jejak, Model):
    __tablename__ = "evaluasi_kinerja"
    __table_args__ = (
        Index(
            "uq_evaluasi_aktif",
            "pegawai_id",
            "jenis",
            "tahun",
            "periode_nomor",
            unique=True,
            sqlite_where=text("aktif"),
            postgresql_where=text("aktif"),
        ),
        Index("ix_evaluasi_penilai_periode", "penilai_id", "tahun", "periode_nomor"),
        Index("ix_evaluasi_unit_periode", "unit_kerja_id", "tahun", "periode_nomor"),
        # rev. 0006: the employee's own scope (uq_evaluasi_aktif is partial: unusable without aktif)
        # and the period filters / bulk "Hitung predikat"
        Index("ix_evaluasi_pegawai", "pegawai_id"),
        Index("ix_evaluasi_periode", "tahun", "jenis", "periode_nomor"),
        CheckConstraint(
            "rating_hasil_kerja IS NULL OR saran_rating_hasil_kerja IS NULL OR "
            "rating_hasil_kerja = saran_rating_hasil_kerja OR alasan_rating_hasil_kerja IS NOT NULL",
            name="ck_evaluasi_alasan_hasil",
        ),
        CheckConstraint(
            "rating_perilaku IS NULL OR saran_rating_perilaku IS NULL OR "
            "rating_perilaku = saran_rating_perilaku OR alasan_rating_perilaku IS NOT NULL",
            name="ck_evaluasi_alasan_perilaku",
        ),
    )
    id = Column(Integer, primary_key=True)
    skp_id = fk("skp.id")  # the version in force
    pegawai_id = fk("pegawai.id", index=False)
    unit_kerja_id = fk("unit_kerja.id", index=False)
    penilai_id = fk("pegawai.id", nullable=True, index=False)
    atasan_penilai_id = fk("pegawai.id", nullable=True)
    jenis = enum_col(JenisEvaluasi, default=JenisEvaluasi.PERIODIK)
    tahun = Column(Integer, nullable=False)
    periode_jenis = enum_col(JenisPeriode)
    periode_nomor = Column(Integer, nullable=False)  # 0 for the annual evaluation
    aktif = Column(Boolean, nullable=False, default=True)  # false once superseded (D.1.3)
    capaian_organisasi = enum_col(CapaianOrganisasi, nullable=True)
    capaian_tahun = Column(Integer)  # which year's capaian was used (R5 001 B.1 f)
    saran_rating_hasil_kerja = enum_col(Rating, nullable=True)
    rating_hasil_kerja = enum_col(Rating, nullable=True)
    alasan_rating_hasil_kerja = Column(Text)
    saran_rating_perilaku = enum_col(Rating, nullable=True)
    rating_perilaku = enum_col(Rating, nullable=True)
    alasan_rating_perilaku = Column(Text)
    predikat = enum_col(Predikat, nullable=True, index=True)
    predikat_ipk = enum_col(Predikat, nullable=True)  # tugas belajar guidance (R8)
    catatan_rekomendasi = Column(Text)
    status_dokumen = enum_col(StatusDokumen, default=StatusDokumen.DRAF, index=True)
    format_dokumen = Column(String(8), nullable=False, default="D.1.1")
    dinilai_oleh = enum_col(DinilaiOleh, default=DinilaiOleh.PENILAI)
    is_final = Column(Boolean, nullable=False, default=False)  # R7/R15: no keberatan
    evaluasi_sebelumnya_id = fk("evaluasi_kinerja.id", nullable=True)
    tanggal_ditandatangani = Column(DateTime)
    tanggal_disampaikan = Column(Date)
    tanggal_diterima = Column(Date)
    tanggal_dikembalikan = Column(Date)
    tanggal_dilaporkan = Column(Date)
    tenggat_penyampaian = Column(Date)
    tenggat_pengembalian = Column(Date)
    tenggat_laporan = Column(Date)
    versi = Column(Integer, nullable=False, default=1)

    skp = relationship("SKP")
    pegawai = relationship("Pegawai", foreign_keys=[pegawai_id])
    penilai = relationship("Pegawai", foreign_keys=[penilai_id])
    atasan_penilai = relationship("Pegawai", foreign_keys=[atasan_penilai_id])
    unit_kerja = relationship("UnitKerja")
    rating_rhk = relationship("RatingRHK", back_populates="evaluasi")
    __mapper_args__ = {"version_id_col": versi}


class RatingRHK(Model):
    __tablename__ = "rating_rhk"
    __table_args__ = (UniqueConstraint("evaluasi_id", "rhk_id"),)
    id = Column(Integer, primary_key=True)
    evaluasi_id = fk("evaluasi_kinerja.id", ondelete="CASCADE", index=False)
    rhk_id = fk("rencana_hasil_kerja.id")
    rating = enum_col(Rating, nullable=True)
    catatan = Column(Text)
    evaluasi = relationship(EvaluasiKinerja, back_populates="rating_rhk")
    rhk = relationship("RencanaHasilKerja")


class CatatanPerilaku(Model):
    """Per core value notes in the evaluation form (PK block of C.1.x)."""

    __tablename__ = "catatan_perilaku"
    __table_args__ = (UniqueConstraint("evaluasi_id", "nilai_inti_id"),)
    id = Column(Integer, primary_key=True)
    evaluasi_id = fk("evaluasi_kinerja.id", ondelete="CASCADE", index=False)
    nilai_inti_id = fk("nilai_inti.id")
    catatan = Column(Text, nullable=False)


class Keberatan(Jejak, Model):
    """Objection (R7): filed ≤ 14 working days after receipt, decided ≤ 7 working days after filing."""

    __tablename__ = "keberatan"
    __table_args__ = (
        CheckConstraint(
            "keputusan IS NULL OR keputusan = 'menguatkan' OR predikat_baru IS NOT NULL",
            name="ck_keberatan_predikat_baru",
        ),
    )
    id = Column(Integer, primary_key=True)
    evaluasi_id = fk("evaluasi_kinerja.id", unique=True)
    pegawai_id = fk("pegawai.id")
    tanggal_pengajuan = Column(Date, nullable=False)
    alasan = Column(Text, nullable=False)
    penjelasan_penilai = Column(Text)
    penjelasan_pegawai = Column(Text)
    keputusan = enum_col(KeputusanKeberatan, nullable=True)
    tanggal_keputusan = Column(Date)
    tenggat_keputusan = Column(Date)
    predikat_baru = enum_col(Predikat, nullable=True)
    rekomendasi_baru = Column(Text)
    diputuskan_oleh_id = fk("pegawai.id", nullable=True)
    evaluasi_baru_id = fk("evaluasi_kinerja.id", nullable=True)  # the D.1.3 document
    versi = Column(Integer, nullable=False, default=1)
    evaluasi = relationship(EvaluasiKinerja, foreign_keys=[evaluasi_id])
    pegawai = relationship("Pegawai", foreign_keys=[pegawai_id])
    __mapper_args__ = {"version_id_col": versi}
