"""Perencanaan: SKP (versioned), RHK, IKI, ekspektasi khusus, lampiran, MPPH, rencana aksi, signatures."""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Column,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    Numeric,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import relationship

from app.rules import Aspek, JenisPeriode, Pendekatan, Perspektif, StatusSKP
from schema.enums import JenisDokumen, JenisLampiran, JenisRHK, PeranTandaTangan, TingkatKendali
from schema.models._base import Jejak, Model, enum_col, fk, utcnow


class _Snapshot:
    """Identity blocks (ID2/ID3 of the official forms) frozen when the SKP is set: later transfers don't rewrite history."""

    pegawai_nama = Column(String(200))
    pegawai_nip = Column(String(18))
    pegawai_pangkat = Column(String(120))
    pegawai_jabatan = Column(String(200))
    pegawai_unit = Column(String(200))
    penilai_nama = Column(String(200))
    penilai_nip = Column(String(18))
    penilai_pangkat = Column(String(120))
    penilai_jabatan = Column(String(200))
    penilai_unit = Column(String(200))
    atasan_penilai_nama = Column(String(200))
    atasan_penilai_nip = Column(String(18))
    atasan_penilai_pangkat = Column(String(120))
    atasan_penilai_jabatan = Column(String(200))
    atasan_penilai_unit = Column(String(200))


class SKP(_Snapshot, Jejak, Model):
    __tablename__ = "skp"
    __table_args__ = (
        # one SKP in force per pegawai, year and position; older versions keep aktif = false
        Index(
            "uq_skp_aktif",
            "pegawai_id",
            "tahun",
            "jabatan_id",
            unique=True,
            sqlite_where=text("aktif"),
            postgresql_where=text("aktif"),
        ),
        Index("ix_skp_tahun_status", "tahun", "status"),
        Index("ix_skp_penilai_tahun", "penilai_id", "tahun"),
        Index(
            "ix_skp_pegawai_nama_trgm",
            "pegawai_nama",
            postgresql_using="gin",
            postgresql_ops={"pegawai_nama": "gin_trgm_ops"},
        ),  # rev. 0006
        Index(
            "ix_skp_pegawai_nip_trgm",
            "pegawai_nip",
            postgresql_using="gin",
            postgresql_ops={"pegawai_nip": "gin_trgm_ops"},
        ),  # rev. 0012
        CheckConstraint("tahun BETWEEN 2000 AND 2100", name="ck_skp_tahun"),
        CheckConstraint("versi_ke >= 1", name="ck_skp_versi_ke"),
    )
    id = Column(Integer, primary_key=True)
    pegawai_id = fk("pegawai.id")
    jabatan_id = fk("jabatan.id")
    unit_kerja_id = fk("unit_kerja.id")
    tahun = Column(Integer, nullable=False)
    pendekatan = enum_col(Pendekatan, default=Pendekatan.KUANTITATIF)
    format_skp = Column(String(8), nullable=False)  # A.1.1 / A.1.2 / A.1.6 / A.1.7, from app.rules.format_skp
    is_tugas_belajar = Column(Boolean, nullable=False, default=False)
    status = enum_col(StatusSKP, default=StatusSKP.DRAF, index=True)
    aktif = Column(Boolean, nullable=False, default=True)
    # version chain (R10): a change of a set SKP creates a new row pointing at the previous one
    versi_ke = Column(Integer, nullable=False, default=1)
    skp_sebelumnya_id = fk("skp.id", nullable=True)
    alasan_perubahan_id = fk("alasan_perubahan_skp.id", nullable=True)
    catatan_perubahan = Column(Text)
    disetujui_kepala_daerah = Column(Boolean)
    berlaku_mulai = Column(Date)
    berlaku_selesai = Column(Date)
    # evaluator chain; fallback = the direct superior position was vacant and the next one up was taken
    penilai_id = fk("pegawai.id", nullable=True)
    atasan_penilai_id = fk("pegawai.id", nullable=True)
    penilai_fallback = Column(Boolean, nullable=False, default=False)
    penilai_manual = Column(Boolean, nullable=False, default=False)
    ditetapkan_kepala_daerah = Column(Boolean, nullable=False, default=False)
    tenggat_penetapan = Column(Date)
    tanggal_diajukan = Column(DateTime)
    tanggal_ditetapkan = Column(DateTime)
    diajukan_ke_atasan = Column(Boolean, nullable=False, default=False)  # after the January deadline
    catatan_penilai = Column(Text)
    versi = Column(Integer, nullable=False, default=1)  # optimistic lock

    pegawai = relationship("Pegawai", foreign_keys=[pegawai_id])
    jabatan = relationship("Jabatan")
    unit_kerja = relationship("UnitKerja")
    penilai = relationship("Pegawai", foreign_keys=[penilai_id])
    atasan_penilai = relationship("Pegawai", foreign_keys=[atasan_penilai_id])
    skp_sebelumnya = relationship("SKP", remote_side=[id])
    alasan_perubahan = relationship("AlasanPerubahanSKP")
    rhk = relationship("RencanaHasilKerja", back_populates="skp", order_by="RencanaHasilKerja.urutan")

    __mapper_args__ = {"version_id_col": versi}

    def __repr__(self) -> str:
        return f"SKP {self.tahun} {self.pegawai_nama or self.pegawai_id} v{self.versi_ke}"


class RencanaHasilKerja(Jejak, Model):
    __tablename__ = "rencana_hasil_kerja"
    __table_args__ = (Index("ix_rhk_skp_urutan", "skp_id", "urutan"),)
    id = Column(Integer, primary_key=True)
    skp_id = fk("skp.id", ondelete="CASCADE", index=False)
    jenis = enum_col(JenisRHK, default=JenisRHK.UTAMA)
    urutan = Column(Integer, nullable=False, default=1)
    uraian = Column(Text, nullable=False)
    # cascading: the leader's RHK this one intervenes; may stay empty while the leader drafts
    rhk_atasan_id = fk("rencana_hasil_kerja.id", nullable=True, ondelete="SET NULL")
    penugasan_dari = Column(String(200))  # assigning leader's position (may be another unit)
    penugasan_jabatan_id = fk("jabatan.id", nullable=True)
    perspektif = enum_col(Perspektif, nullable=True)  # JPT / unit-mandiri heads only
    diambil_alih = Column(Boolean, nullable=False, default=False)  # R9, 001 Pasal 19(6)-(8)
    catatan_ambil_alih = Column(Text)
    diambil_alih_oleh_id = fk("pegawai.id", nullable=True)
    rhk_asal_id = fk("rencana_hasil_kerja.id", nullable=True, ondelete="SET NULL")  # same RHK in the previous version

    skp = relationship(SKP, back_populates="rhk")
    rhk_atasan = relationship("RencanaHasilKerja", remote_side=[id], foreign_keys=[rhk_atasan_id])
    iki = relationship("IndikatorKinerja", back_populates="rhk", order_by="IndikatorKinerja.urutan")

    def __repr__(self) -> str:
        return self.uraian


class IndikatorKinerja(Jejak, Model):
    """IKI with target; manual IKI fields (A.1.3) for JPT SKPs."""

    __tablename__ = "indikator_kinerja"
    id = Column(Integer, primary_key=True)
    rhk_id = fk("rencana_hasil_kerja.id", ondelete="CASCADE")
    urutan = Column(Integer, nullable=False, default=1)
    uraian = Column(Text, nullable=False)
    aspek = enum_col(Aspek, nullable=True)
    perspektif = enum_col(Perspektif, nullable=True)
    target_nilai = Column(Numeric(18, 2))
    target_nilai_maks = Column(Numeric(18, 2))  # ranges such as "80-100 %"
    target_satuan = Column(String(60))
    target_teks = Column(Text)  # qualitative target
    # A.1.3 manual IKI
    tujuan = Column(Text)
    definisi = Column(Text)
    formula = Column(Text)
    satuan_pengukuran = Column(String(120))
    tingkat_kendali = enum_col(TingkatKendali, nullable=True)
    sumber_data = Column(Text)
    periode_pelaporan = enum_col(JenisPeriode, nullable=True)
    rhk = relationship(RencanaHasilKerja, back_populates="iki")

    def __repr__(self) -> str:
        return self.uraian


class EkspektasiKhusus(Jejak, Model):
    __tablename__ = "ekspektasi_khusus"
    __table_args__ = (UniqueConstraint("skp_id", "nilai_inti_id"),)
    id = Column(Integer, primary_key=True)
    skp_id = fk("skp.id", ondelete="CASCADE")
    nilai_inti_id = fk("nilai_inti.id")
    uraian = Column(Text, nullable=False)
    skp = relationship(SKP)
    nilai_inti = relationship("NilaiInti")


class LampiranSKP(Jejak, Model):
    """A.1.8: dukungan sumber daya, skema pertanggungjawaban, konsekuensi."""

    __tablename__ = "lampiran_skp"
    __table_args__ = (UniqueConstraint("skp_id", "jenis", "urutan"),)
    id = Column(Integer, primary_key=True)
    skp_id = fk("skp.id", ondelete="CASCADE")
    jenis = enum_col(JenisLampiran)
    urutan = Column(Integer, nullable=False, default=1)
    uraian = Column(Text, nullable=False)
    skp = relationship(SKP)


class SelMPPH(Jejak, Model):
    """A.1.5 cell: a leader's IKI × a subordinate → the subordinate's RHK, or none ("tidak ada peran")."""

    __tablename__ = "sel_mpph"
    __table_args__ = (UniqueConstraint("iki_id", "pegawai_id"),)
    id = Column(Integer, primary_key=True)
    iki_id = fk("indikator_kinerja.id", ondelete="CASCADE")
    pegawai_id = fk("pegawai.id")
    rhk_id = fk("rencana_hasil_kerja.id", nullable=True, ondelete="SET NULL")
    iki = relationship(IndikatorKinerja)
    pegawai = relationship("Pegawai")
    rhk = relationship(RencanaHasilKerja)


class RencanaAksi(Jejak, Model):
    """B.1.1 and the 12-month timeline (003 Pasal 15)."""

    __tablename__ = "rencana_aksi"
    __table_args__ = (CheckConstraint("bulan IS NULL OR bulan BETWEEN 1 AND 12", name="ck_rencana_aksi_bulan"),)
    id = Column(Integer, primary_key=True)
    rhk_id = fk("rencana_hasil_kerja.id", ondelete="CASCADE")
    urutan = Column(Integer, nullable=False, default=1)
    uraian = Column(Text, nullable=False)
    bulan = Column(Integer)
    target = Column(String(200))
    rhk = relationship(RencanaHasilKerja)


class TandaTangan(Model):
    """In-app sign-off replacing the wet signature: who, when, and a hash of exactly what was signed."""

    __tablename__ = "tanda_tangan"
    __table_args__ = (Index("ix_tanda_tangan_dokumen", "jenis_dokumen", "dokumen_id"),)
    id = Column(Integer, primary_key=True)
    jenis_dokumen = enum_col(JenisDokumen)
    dokumen_id = Column(Integer, nullable=False)
    peran = enum_col(PeranTandaTangan)
    pegawai_id = fk("pegawai.id", nullable=True)
    user_id = Column(Integer, ForeignKey("ab_user.id", ondelete="RESTRICT"), nullable=True)
    nama = Column(String(200), nullable=False)
    nip = Column(String(18))
    waktu = Column(DateTime, nullable=False, default=utcnow)
    hash_sha256 = Column(String(64), nullable=False)
    tempat = Column(String(120))
