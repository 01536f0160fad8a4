"""Reference data seeded from ``seeds/`` (idempotently); editable by operators where regions differ."""

from __future__ import annotations

from sqlalchemy import Boolean, CheckConstraint, Column, Integer, Numeric, String, Text, UniqueConstraint
from sqlalchemy.orm import relationship

from app.rules import Predikat
from schema.enums import Akreditasi
from schema.models._base import Model, enum_col, fk


class Referensi(Model):
    """Code lists (jenis jabatan, perspektif, aspek, rating, predikat, capaian …) with Indonesian labels."""

    __tablename__ = "referensi"
    __table_args__ = (UniqueConstraint("kategori", "kode"),)
    id = Column(Integer, primary_key=True)
    kategori = Column(String(40), nullable=False, index=True)
    kode = Column(String(40), nullable=False)
    label = Column(String(200), nullable=False)
    urutan = Column(Integer, nullable=False, default=0)


class NilaiInti(Model):
    """BerAKHLAK core values (R1, 001 Pasal 10(3))."""

    __tablename__ = "nilai_inti"
    id = Column(Integer, primary_key=True)
    kode = Column(String(40), nullable=False, unique=True)
    nama = Column(String(80), nullable=False)
    urutan = Column(Integer, nullable=False)
    perilaku = relationship("PerilakuPanduan", order_by="PerilakuPanduan.urutan", back_populates="nilai_inti")

    def __repr__(self) -> str:
        return self.nama


class PerilakuPanduan(Model):
    __tablename__ = "perilaku_panduan"
    __table_args__ = (UniqueConstraint("nilai_inti_id", "urutan"),)
    id = Column(Integer, primary_key=True)
    nilai_inti_id = fk("nilai_inti.id")
    urutan = Column(Integer, nullable=False)
    uraian = Column(Text, nullable=False)
    nilai_inti = relationship(NilaiInti, back_populates="perilaku")


class PitaIPK(Model):
    """IPK bands for tugas belajar (R8, 001 "Penyusunan SKP … tugas belajar" 5–6)."""

    __tablename__ = "pita_ipk"
    __table_args__ = (
        UniqueConstraint("jenjang", "luar_negeri", "akreditasi_pt", "predikat"),
        CheckConstraint("ipk_min <= ipk_max", name="ck_pita_ipk_rentang"),
    )
    id = Column(Integer, primary_key=True)
    jenjang = Column(String(20), nullable=False)
    luar_negeri = Column(Boolean, nullable=False)
    akreditasi_pt = enum_col(Akreditasi, nullable=True, length=1)
    akreditasi_prodi_min = enum_col(Akreditasi, nullable=True, length=1)
    predikat = enum_col(Predikat)
    ipk_min = Column(Numeric(3, 2), nullable=False)
    ipk_max = Column(Numeric(3, 2), nullable=False)


class AlasanPerubahanSKP(Model):
    """R10 allowed reasons (000 Pasal 11)."""

    __tablename__ = "alasan_perubahan_skp"
    id = Column(Integer, primary_key=True)
    kode = Column(String(40), nullable=False, unique=True)
    uraian = Column(Text, nullable=False)
    perlu_persetujuan_kepala_daerah = Column(Boolean, nullable=False, default=False)

    def __repr__(self) -> str:
        return self.uraian


class PernyataanB18(Model):
    """The nine statements of B.1.8 (R12)."""

    __tablename__ = "pernyataan_b18"
    id = Column(Integer, primary_key=True)
    nomor = Column(Integer, nullable=False, unique=True)
    subjek = Column(String(120), nullable=False)
    uraian = Column(Text, nullable=False)


class KompetensiB19(Model):
    """Competencies of B.1.9: 8 managerial, 1 socio-cultural (R12); technical ones are free text per record."""

    __tablename__ = "kompetensi_b19"
    __table_args__ = (UniqueConstraint("kelompok", "nomor"),)
    id = Column(Integer, primary_key=True)
    kelompok = Column(String(40), nullable=False)
    nomor = Column(Integer, nullable=False)
    nama = Column(String(120), nullable=False)


class SkalaKompetensi(Model):
    __tablename__ = "skala_kompetensi"
    id = Column(Integer, primary_key=True)
    nilai = Column(Integer, nullable=False, unique=True)
    label = Column(String(40), nullable=False)
    deskripsi = Column(Text, nullable=False)
