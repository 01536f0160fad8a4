"""Master data kept by BKPSDM operators: instansi, unit kerja, jabatan, golongan, pegawai."""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Column,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    case,
    exists,
    literal,
    select,
)
from sqlalchemy.orm import column_property, relationship

from app.rules import JenisASN, JenisJabatan, JenisPeriode, KetepatanLulus, StatusPegawai
from schema.enums import Akreditasi, JenisDelegasi, JenisKelamin, JenisPlt, JenisUnit
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
    # evaluation of a period from its N-th last working day (app.rules.waktu_evaluasi; revision 0010)
    hari_kerja_awal_evaluasi = Column(Integer, nullable=False, default=5, server_default="5")
    instansi = relationship(Instansi)

    __table_args__ = (
        UniqueConstraint("instansi_id", "tahun"),
        CheckConstraint("tim_min_anggota >= 1 AND tim_max_anggota >= tim_min_anggota", name="ck_konfigurasi_tim"),
        CheckConstraint(
            "hari_kerja_awal_evaluasi >= 0 AND hari_kerja_awal_evaluasi <= 20", name="ck_konfigurasi_awal_evaluasi"
        ),
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
    siasn_id = Column(String(64), index=True)  # SIASN's UNOR id (ref-unor ``Id``): "Tarik dari SIASN" maps by it

    instansi = relationship(Instansi)
    induk = relationship("UnitKerja", remote_side=[id], backref="sub_unit")

    def __repr__(self) -> str:
        # a pending unit has no display name yet (it is computed by the database)
        return self.nama_tampil or self.nama


# How deep ``nama_tampil`` climbs while ancestor names are still ambiguous (Subbagian — Sekretariat — Dinas).
TINGKAT_NAMA_TAMPIL = 3


def _nama_tampil_unit():
    """SQL of a unit's display name: its name, and — when another unit anywhere in the table bears the same name
    ("Sekretariat", "Subbagian Umum dan Kepegawaian" in every office) — " — " and its parent's display name, the
    same rule one level up (at most ``TINGKAT_NAMA_TAMPIL`` ancestors); a top-level unit names its instansi.

    Uniqueness is over the whole table, not per instansi: the label must not depend on who looks (an admin
    sees every instansi) and a lookup option must tell two offices of two instansi apart. One scalar
    subquery of the row's own statement: no statement is added to any list."""
    uk = UnitKerja.__table__
    tingkat = [uk] + [uk.alias(f"uk_induk{k}") for k in range(1, TINGKAT_NAMA_TAMPIL + 1)]
    ins = Instansi.__table__.alias("uk_instansi")

    def kembar(t):
        lain = uk.alias()
        return exists().where(lain.c.nama == t.c.nama, lain.c.id != t.c.id).correlate_except(lain)

    cabang, jalur = [], uk.c.nama
    for atas, bawah in zip(tingkat[1:], tingkat[:-1]):
        cabang.append((~kembar(bawah), jalur))
        cabang.append((atas.c.id.is_(None), jalur + literal(" — ") + ins.c.nama))
        jalur = jalur + literal(" — ") + atas.c.nama
    dari = ins
    for atas, bawah in zip(tingkat[1:], tingkat[:-1]):
        dari = dari.outerjoin(atas, atas.c.id == bawah.c.induk_id)
    return (
        select(case(*cabang, else_=jalur))
        .select_from(dari)
        .where(ins.c.id == uk.c.instansi_id)
        .correlate_except(*tingkat[1:], ins)
        .scalar_subquery()
    )


UnitKerja.nama_tampil = column_property(_nama_tampil_unit())


class Golongan(Model):
    __tablename__ = "golongan"
    __table_args__ = (UniqueConstraint("jenis_asn", "kode"),)
    id = Column(Integer, primary_key=True)
    kode = Column(String(10), nullable=False)  # "III/a" or "IX"
    jenis_asn = enum_col(JenisASN)  # pns covers CPNS too
    pangkat = Column(String(60))  # PNS only
    urutan = Column(Integer, nullable=False)

    def __repr__(self) -> str:
        return Golongan.teks(self.pangkat, self.kode)

    @staticmethod
    def teks(pangkat: str | None, kode: str) -> str:
        """How a rank prints (also for Core rows that never load the object)."""
        return f"{pangkat}, {kode}" if pangkat else f"Golongan {kode}"


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
        # name search is ILIKE (FAB "starts with"/"contains"): trigram GIN on PostgreSQL (rev. 0006)
        Index("ix_pegawai_nama_trgm", "nama", postgresql_using="gin", postgresql_ops={"nama": "gin_trgm_ops"}),
        # quick search matches any part of the NIP too (rev. 0012)
        Index("ix_pegawai_nip_trgm", "nip", postgresql_using="gin", postgresql_ops={"nip": "gin_trgm_ops"}),
    )
    id = Column(Integer, primary_key=True)
    nip = Column(String(18), nullable=False, unique=True)
    siasn_id = Column(String(64))  # the PNS's id in SIASN (data utama), read by "Tarik dari SIASN"
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
    # the end of service inside a period lets its evaluation start early (app.rules.waktu_evaluasi, R15)
    tmt_pensiun = Column(Date)
    akhir_perjanjian_kerja = Column(Date)  # PPPK: the last day of the employment agreement

    golongan = relationship(Golongan)
    jabatan = relationship(Jabatan, backref="pemangku")
    unit_kerja = relationship(UnitKerja)
    user = relationship("User")

    @property
    def nama_lengkap(self) -> str:
        return Pegawai.susun_nama(self.gelar_depan, self.nama, self.gelar_belakang)

    @staticmethod
    def susun_nama(gelar_depan: str | None, nama: str, gelar_belakang: str | None) -> str:
        """The name with academic titles (also for Core rows that never load the object)."""
        depan = f"{gelar_depan} " if gelar_depan else ""
        belakang = f", {gelar_belakang}" if gelar_belakang else ""
        return f"{depan}{nama}{belakang}"

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


class MutasiPegawai(Jejak, Model):
    """A transfer (SK mutasi) with the date it takes effect: decides who evaluates around it (R15, 001 Lampiran
    "Evaluasi Kinerja" 13–14). ``Pegawai.jabatan_id``/``unit_kerja_id`` stay the current position; this is the
    history that says since when."""

    __tablename__ = "mutasi_pegawai"
    __table_args__ = (Index("ix_mutasi_pegawai_pegawai_tanggal", "pegawai_id", "tanggal_efektif"),)
    id = Column(Integer, primary_key=True)
    pegawai_id = fk("pegawai.id", index=False)
    tanggal_efektif = Column(Date, nullable=False)  # "terhitung tanggal" of the SK
    nomor_sk = Column(String(100))
    jabatan_asal_id = fk("jabatan.id", nullable=True)
    unit_kerja_asal_id = fk("unit_kerja.id", nullable=True)
    jabatan_tujuan_id = fk("jabatan.id", nullable=True)  # none: out of the instansi
    unit_kerja_tujuan_id = fk("unit_kerja.id", nullable=True)
    keterangan = Column(Text)
    pegawai = relationship(Pegawai)
    jabatan_asal = relationship(Jabatan, foreign_keys=[jabatan_asal_id])
    unit_kerja_asal = relationship(UnitKerja, foreign_keys=[unit_kerja_asal_id])
    jabatan_tujuan = relationship(Jabatan, foreign_keys=[jabatan_tujuan_id])
    unit_kerja_tujuan = relationship(UnitKerja, foreign_keys=[unit_kerja_tujuan_id])


class DelegasiPenilai(Jejak, Model):
    """Delegated evaluation authority (R15, 001 Lampiran "Evaluasi Kinerja" 2–3, 7): a Plt/Plh of the
    evaluator position (``jabatan_id``: its subordinate positions), or a functional official leading a unit
    (``unit_kerja_id``: its employees), from–to, granted by the evaluator's superior / PyB."""

    __tablename__ = "delegasi_penilai"
    __table_args__ = (
        CheckConstraint("jabatan_id IS NOT NULL OR unit_kerja_id IS NOT NULL", name="ck_delegasi_penilai_sasaran"),
        CheckConstraint("selesai IS NULL OR selesai >= mulai", name="ck_delegasi_penilai_tanggal"),
    )
    id = Column(Integer, primary_key=True)
    pegawai_id = fk("pegawai.id")  # the delegate
    jenis = enum_col(JenisDelegasi)
    jabatan_id = fk("jabatan.id", nullable=True)
    unit_kerja_id = fk("unit_kerja.id", nullable=True)
    mulai = Column(Date, nullable=False)
    selesai = Column(Date)
    pemberi_id = fk("pegawai.id", nullable=True)  # who delegates
    nomor_sk = Column(String(100))
    keterangan = Column(Text)
    pegawai = relationship(Pegawai, foreign_keys=[pegawai_id])
    pemberi = relationship(Pegawai, foreign_keys=[pemberi_id])
    jabatan = relationship(Jabatan)
    unit_kerja = relationship(UnitKerja)


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
