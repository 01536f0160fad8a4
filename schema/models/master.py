"""Master data kept by BKPSDM operators: instansi, unit kerja, jabatan, golongan, pegawai."""
from __future__ import annotations

from sqlalchemy import (
    Boolean, CheckConstraint, Column, Date, ForeignKey, Index, Integer, String, Text, UniqueConstraint,
)
from sqlalchemy.orm import relationship

from app.rules import JenisASN, JenisJabatan, JenisPeriode, KetepatanLulus, StatusPegawai
from schema.enums import Akreditasi, JenisKelamin, JenisPlt, JenisUnit
from schema.models._base import Jejak, Model, enum_col, fk


class Instansi(Jejak, Model):
    __tablename__ = "instansi"
    id = Column(Integer, primary_key=True)
    kode = Column(String(20), nullable=False, unique=True)
    nama = Column(String(200), nullable=False)
    nama_daerah = Column(String(120), nullable=False, default="")  # tempat on signatures
    kepala_daerah_nama = Column(String(200))

    def __repr__(self) -> str:
        return self.nama


class KonfigurasiPeriode(Jejak, Model):
    """Regional choices (R6, R13, coaching clinic target): configuration, never code forks."""

    __tablename__ = "konfigurasi_periode"
    id = Column(Integer, primary_key=True)
    instansi_id = fk("instansi.id")
    tahun = Column(Integer, nullable=False)
    periode_evaluasi = enum_col(JenisPeriode, default=JenisPeriode.TRIWULANAN)  # 001 Pasal 23(2); 003 Pasal 22
    periode_dokumentasi = enum_col(JenisPeriode, default=JenisPeriode.BULANAN)  # 003 Pasal 14
    tim_min_anggota = Column(Integer, nullable=False, default=3)  # 000 Pasal 20
    tim_max_anggota = Column(Integer, nullable=False, default=7)
    target_penyelesaian_skp = Column(Integer, nullable=False, default=90)  # 004 BAB III C
    instansi = relationship(Instansi)

    __table_args__ = (
        UniqueConstraint("instansi_id", "tahun"),
        CheckConstraint("tim_min_anggota >= 1 AND tim_max_anggota >= tim_min_anggota", name="ck_konfigurasi_tim"),
    )


class HariLibur(Model):
    """Cuti bersama and regional days off; national holidays come from the ``holidays`` package (R7)."""

    __tablename__ = "hari_libur"
    __table_args__ = (UniqueConstraint("instansi_id", "tanggal"),)
    id = Column(Integer, primary_key=True)
    instansi_id = fk("instansi.id")
    tanggal = Column(Date, nullable=False)
    keterangan = Column(String(200), nullable=False)


class UnitKerja(Jejak, Model):
    __tablename__ = "unit_kerja"
    __table_args__ = (UniqueConstraint("instansi_id", "kode"),)
    id = Column(Integer, primary_key=True)
    instansi_id = fk("instansi.id")
    induk_id = fk("unit_kerja.id", nullable=True)
    kode = Column(String(40), nullable=False)
    nama = Column(String(200), nullable=False, index=True)
    jenis = enum_col(JenisUnit)
    is_mandiri = Column(Boolean, nullable=False, default=False)  # unit kerja mandiri: its head is JPT-like
    is_sekretariat = Column(Boolean, nullable=False, default=False)  # the secretariat part of its parent unit
    boleh_tim_kota = Column(Boolean, nullable=False, default=False)  # BKPSDM, Setda, designated (000 Pasal 20)
    aktif = Column(Boolean, nullable=False, default=True)

    instansi = relationship(Instansi)
    induk = relationship("UnitKerja", remote_side=[id], backref="sub_unit")

    def __repr__(self) -> str:
        return self.nama


class Golongan(Model):
    __tablename__ = "golongan"
    __table_args__ = (UniqueConstraint("jenis_asn", "kode"),)
    id = Column(Integer, primary_key=True)
    kode = Column(String(10), nullable=False)  # "III/a" or "IX"
    jenis_asn = enum_col(JenisASN)  # pns covers CPNS too
    pangkat = Column(String(60))  # PNS only
    urutan = Column(Integer, nullable=False)

    def __repr__(self) -> str:
        return f"{self.pangkat}, {self.kode}" if self.pangkat else f"Golongan {self.kode}"


class Jabatan(Jejak, Model):
    __tablename__ = "jabatan"
    id = Column(Integer, primary_key=True)
    unit_kerja_id = fk("unit_kerja.id")
    atasan_id = fk("jabatan.id", nullable=True)  # superior position: the chain of leaders
    kode = Column(String(40), unique=True)
    nama = Column(String(200), nullable=False, index=True)
    jenis = enum_col(JenisJabatan, index=True)
    is_kepala_unit = Column(Boolean, nullable=False, default=False)
    aktif = Column(Boolean, nullable=False, default=True)

    unit_kerja = relationship(UnitKerja)
    atasan = relationship("Jabatan", remote_side=[id], backref="bawahan")

    def __repr__(self) -> str:
        return self.nama


class Pegawai(Jejak, Model):
    __tablename__ = "pegawai"
    __table_args__ = (
        CheckConstraint("length(nip) = 18", name="ck_pegawai_nip_panjang"),
        Index("ix_pegawai_unit_nama", "unit_kerja_id", "nama"),
    )
    id = Column(Integer, primary_key=True)
    nip = Column(String(18), nullable=False, unique=True)
    nama = Column(String(150), nullable=False, index=True)
    gelar_depan = Column(String(40))
    gelar_belakang = Column(String(60))
    tanggal_lahir = Column(Date, nullable=False)
    tmt_cpns = Column(Date, nullable=False)  # TMT CPNS / PPPK appointment, encoded in the NIP
    jenis_kelamin = enum_col(JenisKelamin, length=1)
    jenis_asn = enum_col(JenisASN, index=True)
    status = enum_col(StatusPegawai, default=StatusPegawai.AKTIF, index=True)
    golongan_id = fk("golongan.id", nullable=True)
    jabatan_id = fk("jabatan.id", nullable=True)
    unit_kerja_id = fk("unit_kerja.id", nullable=True)
    user_id = Column(Integer, ForeignKey("ab_user.id", ondelete="SET NULL"), unique=True, nullable=True)
    email = Column(String(120))

    golongan = relationship(Golongan)
    jabatan = relationship(Jabatan, backref="pemangku")
    unit_kerja = relationship(UnitKerja)
    user = relationship("User")

    @property
    def nama_lengkap(self) -> str:
        depan = f"{self.gelar_depan} " if self.gelar_depan else ""
        belakang = f", {self.gelar_belakang}" if self.gelar_belakang else ""
        return f"{depan}{self.nama}{belakang}"

    def __repr__(self) -> str:
        return f"{self.nama_lengkap} ({self.nip})"


class PenugasanPlt(Jejak, Model):
    """Plt/Plh holding a (possibly vacant) position: delegated evaluator (R15)."""

    __tablename__ = "penugasan_plt"
    id = Column(Integer, primary_key=True)
    jabatan_id = fk("jabatan.id")
    pegawai_id = fk("pegawai.id")
    jenis = enum_col(JenisPlt)
    nomor_sk = Column(String(100))
    mulai = Column(Date, nullable=False)
    selesai = Column(Date)
    jabatan = relationship(Jabatan)
    pegawai = relationship(Pegawai)


class TugasBelajar(Jejak, Model):
    """Study leave (R8): academic results are the SKP's results."""

    __tablename__ = "tugas_belajar"
    id = Column(Integer, primary_key=True)
    pegawai_id = fk("pegawai.id")
    jenjang = Column(String(20), nullable=False)  # S-1, S-2, S-3, profesi
    luar_negeri = Column(Boolean, nullable=False, default=False)
    perguruan_tinggi = Column(String(200), nullable=False)
    program_studi = Column(String(200), nullable=False)
    akreditasi_pt = enum_col(Akreditasi, nullable=True, length=1)
    akreditasi_prodi = enum_col(Akreditasi, nullable=True, length=1)
    mulai = Column(Date, nullable=False)
    selesai_rencana = Column(Date, nullable=False)
    selesai_aktual = Column(Date)
    ipk = Column(String(4))  # kept as printed, two decimals
    ketepatan_lulus = enum_col(KetepatanLulus, nullable=True)
    gagal = Column(Boolean, nullable=False, default=False)  # drop-out (R2: Kurang / Sangat Kurang)
    keterangan = Column(Text)
    pegawai = relationship(Pegawai)
