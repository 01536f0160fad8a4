"""Tim Pemantau Kinerja (R13, 000 Pasal 20) and monitoring (000 Pasal 10), with the coverage summaries."""

from __future__ import annotations

from sqlalchemy import Boolean, CheckConstraint, Column, Date, DateTime, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import relationship

from app.rules import LevelTim, PeranTim
from schema.models._base import Jejak, Model, enum_col, fk


class TimPemantau(Jejak, Model):
    __tablename__ = "tim_pemantau"
    __table_args__ = (CheckConstraint("level = 'kota' OR unit_kerja_id IS NOT NULL", name="ck_tim_pemantau_unit"),)
    id = Column(Integer, primary_key=True)
    instansi_id = fk("instansi.id")
    level = enum_col(LevelTim, index=True)
    unit_kerja_id = fk("unit_kerja.id", nullable=True)  # the unit of a unit-level team
    nama = Column(String(200), nullable=False)
    nomor_sk = Column(String(100), nullable=False)
    tanggal_sk = Column(Date, nullable=False)
    aktif = Column(Boolean, nullable=False, default=True)
    unit_kerja = relationship("UnitKerja")
    anggota = relationship("AnggotaTim", back_populates="tim")

    def __repr__(self) -> str:
        return self.nama


class AnggotaTim(Jejak, Model):
    # team size (3–7) is a rule (app.rules.validasi_tim), not a constraint: it is configurable
    __tablename__ = "anggota_tim"
    __table_args__ = (UniqueConstraint("tim_id", "pegawai_id"),)
    id = Column(Integer, primary_key=True)
    tim_id = fk("tim_pemantau.id", ondelete="CASCADE")
    pegawai_id = fk("pegawai.id")
    peran = enum_col(PeranTim, default=PeranTim.ANGGOTA)
    tim = relationship(TimPemantau, back_populates="anggota")
    pegawai = relationship("Pegawai")


class PenugasanTim(Jejak, Model):
    """Unit → city-level team for a semester (app.rules.bagi_unit_ke_tim)."""

    __tablename__ = "penugasan_tim"
    __table_args__ = (
        UniqueConstraint("unit_kerja_id", "tahun", "semester"),
        CheckConstraint("semester IN (1, 2)", name="ck_penugasan_tim_semester"),
    )
    id = Column(Integer, primary_key=True)
    tim_id = fk("tim_pemantau.id")
    unit_kerja_id = fk("unit_kerja.id")
    tahun = Column(Integer, nullable=False, index=True)
    semester = Column(Integer, nullable=False)
    jumlah_pegawai = Column(Integer, nullable=False, default=0)
    tim = relationship(TimPemantau)
    unit_kerja = relationship("UnitKerja")


class Pemantauan(Jejak, Model):
    """A team's monitoring visit/review of a unit."""

    __tablename__ = "pemantauan"
    id = Column(Integer, primary_key=True)
    tim_id = fk("tim_pemantau.id")
    unit_kerja_id = fk("unit_kerja.id")
    tanggal = Column(Date, nullable=False, index=True)
    jumlah_skp_direviu = Column(Integer, nullable=False, default=0)
    temuan = Column(Text)
    rekomendasi = Column(Text)
    rekomendasi_perubahan_skp = Column(Boolean, nullable=False, default=False)
    dicatat_oleh_id = fk("pegawai.id", nullable=True)
    tim = relationship(TimPemantau)
    unit_kerja = relationship("UnitKerja")
    dicatat_oleh = relationship("Pegawai")


class PemantauanPegawai(Jejak, Model):
    """The evaluator's own obligation: each subordinate monitored at least once a semester (000 Pasal 10(1))."""

    __tablename__ = "pemantauan_pegawai"
    id = Column(Integer, primary_key=True)
    pemantau_id = fk("pegawai.id")
    pegawai_id = fk("pegawai.id")
    tanggal = Column(Date, nullable=False, index=True)
    catatan = Column(Text)
    pemantau = relationship("Pegawai", foreign_keys=[pemantau_id])
    pegawai = relationship("Pegawai", foreign_keys=[pegawai_id])


# -- coverage summaries (app/queries/pemantauan.py ``segarkan_ringkasan``): derived data, recomputed set-based ------


class RingkasanCakupan(Model):
    """One row per semester whose coverage summary exists: when it was computed. No row = not computed yet (an
    empty summary of a semester without employees is still a row here)."""

    __tablename__ = "ringkasan_cakupan"
    __table_args__ = (CheckConstraint("semester IN (1, 2)", name="ck_ringkasan_cakupan_semester"),)
    tahun = Column(Integer, primary_key=True)
    semester = Column(Integer, primary_key=True)
    dihitung_pada = Column(DateTime, nullable=False)  # UTC: when the data was read


class RingkasanCakupanAtasan(Model):
    """Per supervisor position and semester: direct subordinates with an SKP, how many monitored, last date
    (000 Pasal 10(1)). Names are joined when read, so only the employee-wide counts are kept."""

    __tablename__ = "ringkasan_cakupan_atasan"
    # the page's order, through an index: a ministry has ± 40 000 supervisor positions and sorting them by the
    # joined names on every page view cost more than the page (1 000 000 employees: 146–176 ms)
    __table_args__ = (
        Index(
            "ix_ringkasan_cakupan_atasan_urut",
            "tahun",
            "semester",
            "lengkap",
            "unit_nama",
            "jabatan_nama",
            "jabatan_id",
        ),
    )
    tahun = Column(Integer, primary_key=True)
    semester = Column(Integer, primary_key=True)
    # a derived row never blocks removing the position it describes
    jabatan_id = fk("jabatan.id", ondelete="CASCADE", primary_key=True)
    bawahan = Column(Integer, nullable=False)
    dipantau = Column(Integer, nullable=False)
    terakhir = Column(Date)
    # sort keys as of the refresh (every subordinate monitored last, then unit and position name); the names
    # shown are read live for the page's rows, so a rename shows at once and sorts in at the next refresh
    lengkap = Column(Boolean, nullable=False, default=False)
    unit_nama = Column(String(200), nullable=False)
    jabatan_nama = Column(String(200), nullable=False)


class RingkasanCakupanUnit(Model):
    """Per active unit with employees and semester: its employees with an SKP, last monitoring visit and how many
    (000 Pasal 20). The team and the names are joined when read."""

    __tablename__ = "ringkasan_cakupan_unit"
    tahun = Column(Integer, primary_key=True)
    semester = Column(Integer, primary_key=True)
    unit_kerja_id = fk("unit_kerja.id", ondelete="CASCADE", primary_key=True)
    # the perangkat daerah (top unit) at refresh time: the page sorts by it without a recursive CTE per request
    puncak_id = fk("unit_kerja.id", ondelete="CASCADE")
    jumlah_pegawai = Column(Integer, nullable=False)
    terakhir = Column(Date)
    kali = Column(Integer, nullable=False, default=0)
