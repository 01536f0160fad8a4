"""Layanan Coaching Clinic SKP (004 BAB III C): the personnel agency's SKP drafting service.

Individual sessions are booked on a team member's time slot; a unit (SKPD) files a letter that the head of the
agency dispositions to the team, which schedules a visit. After each session participants answer an in-app
satisfaction survey. **Anonymity by construction**: ``klinik_jawaban_survei`` stores no respondent and no
timestamp; who has answered lives only in ``klinik_survei_token`` (no answer ids, no time of answering), and no
query joins the two beyond "this token's session".
"""

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

from app.rules.waktu import teks_tanggal
from schema.enums import JenisSesiKlinik, StatusPermohonanKlinik, StatusSesiKlinik
from schema.models._base import Jejak, Model, enum_col, fk, utcnow

# bookings that hold a slot (a cancelled or rescheduled booking frees it)
STATUS_SESI_AKTIF = ("dipesan", "berlangsung", "selesai")
_AKTIF_SQL = text("slot_id IS NOT NULL AND status IN ('dipesan', 'berlangsung', 'selesai')")


class KlinikTim(Jejak, Model):
    """The agency's coaching-clinic team (Bidang Pembinaan, Kesejahteraan, Penilaian dan Evaluasi Kinerja)."""

    __tablename__ = "klinik_tim"
    id = Column(Integer, primary_key=True)
    instansi_id = fk("instansi.id")
    nama = Column(String(200), nullable=False)
    nomor_sk = Column(String(100))
    tanggal_sk = Column(Date)
    aktif = Column(Boolean, nullable=False, default=True)
    instansi = relationship("Instansi")
    anggota = relationship("KlinikAnggota", back_populates="tim", order_by="KlinikAnggota.id")

    def __repr__(self) -> str:
        return self.nama


class KlinikAnggota(Jejak, Model):
    __tablename__ = "klinik_anggota"
    __table_args__ = (UniqueConstraint("tim_id", "pegawai_id"),)
    id = Column(Integer, primary_key=True)
    tim_id = fk("klinik_tim.id")
    pegawai_id = fk("pegawai.id")
    aktif = Column(Boolean, nullable=False, default=True)
    tim = relationship(KlinikTim, back_populates="anggota")
    pegawai = relationship("Pegawai")

    def __repr__(self) -> str:
        return self.pegawai.nama_lengkap if self.pegawai else f"Anggota {self.id}"


class KlinikSlot(Jejak, Model):
    """A time a team member offers for individual sessions."""

    __tablename__ = "klinik_slot"
    __table_args__ = (
        UniqueConstraint("anggota_id", "mulai"),
        CheckConstraint("selesai > mulai", name="ck_klinik_slot_rentang"),
    )
    id = Column(Integer, primary_key=True)
    anggota_id = fk("klinik_anggota.id")
    mulai = Column(DateTime, nullable=False, index=True)
    selesai = Column(DateTime, nullable=False)
    tempat = Column(String(200), nullable=False, default="Kantor BKPSDM")
    anggota = relationship(KlinikAnggota)

    def __repr__(self) -> str:
        return f"{teks_tanggal(self.mulai)} {self.mulai:%H.%M}–{self.selesai:%H.%M}"


class KlinikPermohonan(Jejak, Model):
    """A unit's letter asking for the service (004 BAB III C.2): letter → disposition → schedule → session."""

    __tablename__ = "klinik_permohonan"
    __table_args__ = (UniqueConstraint("unit_kerja_id", "nomor_surat"),)
    id = Column(Integer, primary_key=True)
    unit_kerja_id = fk("unit_kerja.id")  # the perangkat daerah (SKPD) served
    pemohon_id = fk("pegawai.id", nullable=True)  # Kepala Subbagian Umum dan Kepegawaian (or operator: null)
    diajukan_oleh = Column(String(100))  # username that filed it
    nomor_surat = Column(String(100), nullable=False)
    tanggal_surat = Column(Date, nullable=False)
    perihal = Column(String(300), nullable=False, default="Permohonan Layanan Coaching Clinic Penyusunan SKP Tahunan")
    scan_nama_simpan = Column(String(60))  # app/berkas.py stored name
    scan_nama_asli = Column(String(200))
    scan_content_type = Column(String(60))
    status = enum_col(StatusPermohonanKlinik, default=StatusPermohonanKlinik.DIAJUKAN, index=True)
    tim_id = fk("klinik_tim.id", nullable=True)
    disposisi_oleh_id = fk("pegawai.id", nullable=True)
    disposisi_oleh_nama = Column(String(200))
    tanggal_disposisi = Column(DateTime)
    catatan_disposisi = Column(Text)
    unit_kerja = relationship("UnitKerja")
    pemohon = relationship("Pegawai", foreign_keys=[pemohon_id])
    disposisi_oleh = relationship("Pegawai", foreign_keys=[disposisi_oleh_id])
    tim = relationship(KlinikTim)
    sesi = relationship("KlinikSesi", back_populates="permohonan", order_by="KlinikSesi.id")

    def __repr__(self) -> str:
        return f"{self.nomor_surat}"


class KlinikSesi(Jejak, Model):
    __tablename__ = "klinik_sesi"
    __table_args__ = (
        # no double booking: one active booking per team member and slot (plus a check in code with a message)
        Index(
            "uq_klinik_sesi_slot_aktif",
            "anggota_id",
            "slot_id",
            unique=True,
            sqlite_where=_AKTIF_SQL,
            postgresql_where=_AKTIF_SQL,
        ),
        Index("ix_klinik_sesi_anggota_mulai", "anggota_id", "mulai"),
        CheckConstraint("selesai > mulai", name="ck_klinik_sesi_rentang"),
        CheckConstraint("jenis <> 'individu' OR pegawai_id IS NOT NULL", name="ck_klinik_sesi_individu"),
        CheckConstraint("jenis <> 'unit' OR unit_kerja_id IS NOT NULL", name="ck_klinik_sesi_unit"),
    )
    id = Column(Integer, primary_key=True)
    jenis = enum_col(JenisSesiKlinik, index=True)
    pegawai_id = fk("pegawai.id", nullable=True)  # individual: who booked
    unit_kerja_id = fk("unit_kerja.id", nullable=True)  # unit visit: the perangkat daerah
    permohonan_id = fk("klinik_permohonan.id", nullable=True)
    anggota_id = fk("klinik_anggota.id")
    slot_id = fk("klinik_slot.id", nullable=True)
    mulai = Column(DateTime, nullable=False)
    selesai = Column(DateTime, nullable=False)
    tempat = Column(String(200))
    status = enum_col(StatusSesiKlinik, default=StatusSesiKlinik.DIPESAN, index=True)
    sesi_asal_id = fk("klinik_sesi.id", nullable=True)  # rescheduled from
    alasan_batal = Column(Text)
    skp_id = fk("skp.id", nullable=True)  # the draft attached by the employee
    skp_versi_awal = Column(Integer)  # SKP.versi when the session started
    skp_versi_akhir = Column(Integer)  # … and when it was closed: > awal = worked on in the session
    dibuka_pada = Column(DateTime)
    ditutup_pada = Column(DateTime)
    catatan = Column(Text)
    masalah_ditemukan = Column(Text)
    materi = Column(Text)  # unit visit: the short PermenPANRB 6/2022 briefing
    versi = Column(Integer, nullable=False, default=1)  # optimistic lock

    pegawai = relationship("Pegawai", foreign_keys=[pegawai_id])
    unit_kerja = relationship("UnitKerja")
    permohonan = relationship(KlinikPermohonan, back_populates="sesi")
    anggota = relationship(KlinikAnggota)
    slot = relationship(KlinikSlot)
    skp = relationship("SKP")
    sesi_asal = relationship("KlinikSesi", remote_side=[id])
    peserta = relationship(
        "KlinikPeserta", back_populates="sesi", order_by="[KlinikPeserta.urutan_praktik, KlinikPeserta.id]"
    )
    tanya_jawab = relationship("KlinikTanyaJawab", back_populates="sesi", order_by="KlinikTanyaJawab.urutan")

    __mapper_args__ = {"version_id_col": versi}

    def __repr__(self) -> str:
        return f"Sesi {self.id} {teks_tanggal(self.mulai)} {self.mulai:%H.%M}"


class KlinikPeserta(Jejak, Model):
    """Participants of a unit visit, in the practice order of 004 BAB III C.2 (JPT → administrator → … pelaksana)."""

    __tablename__ = "klinik_peserta"
    __table_args__ = (UniqueConstraint("sesi_id", "pegawai_id"),)
    id = Column(Integer, primary_key=True)
    sesi_id = fk("klinik_sesi.id", ondelete="CASCADE")
    pegawai_id = fk("pegawai.id")
    jabatan_nama = Column(String(200))  # snapshot at the visit
    jenis_jabatan = Column(String(40))
    urutan_praktik = Column(Integer, nullable=False, default=9)
    hadir = Column(Boolean, nullable=False, default=True)
    sesi = relationship(KlinikSesi, back_populates="peserta")
    pegawai = relationship("Pegawai")


class KlinikTanyaJawab(Jejak, Model):
    __tablename__ = "klinik_tanya_jawab"
    id = Column(Integer, primary_key=True)
    sesi_id = fk("klinik_sesi.id", ondelete="CASCADE")
    urutan = Column(Integer, nullable=False, default=1)
    penanya = Column(String(200))
    pertanyaan = Column(Text, nullable=False)
    jawaban = Column(Text)
    sesi = relationship(KlinikSesi, back_populates="tanya_jawab")


class KlinikPertanyaanSurvei(Jejak, Model):
    """Configurable satisfaction questions and their scale (the guide sends an SKM link; ours is in-app)."""

    __tablename__ = "klinik_pertanyaan_survei"
    __table_args__ = (
        CheckConstraint(
            "skala_min >= 0 AND skala_maks > skala_min AND skala_maks <= 10", name="ck_klinik_pertanyaan_survei_skala"
        ),
    )
    id = Column(Integer, primary_key=True)
    urutan = Column(Integer, nullable=False, default=1)
    teks = Column(Text, nullable=False)
    skala_min = Column(Integer, nullable=False, default=1)
    skala_maks = Column(Integer, nullable=False, default=4)
    label_min = Column(String(60), nullable=False, default="Tidak puas")
    label_maks = Column(String(60), nullable=False, default="Sangat puas")
    aktif = Column(Boolean, nullable=False, default=True)

    def __repr__(self) -> str:
        return self.teks


class KlinikSurveiToken(Model):
    """Who may answer a session's survey, and whether they have — never linked to the answers themselves."""

    __tablename__ = "klinik_survei_token"
    __table_args__ = (UniqueConstraint("sesi_id", "pegawai_id"),)
    id = Column(Integer, primary_key=True)
    sesi_id = fk("klinik_sesi.id", ondelete="CASCADE")
    pegawai_id = fk("pegawai.id")
    sudah_diisi = Column(Boolean, nullable=False, default=False)
    dibuat_pada = Column(DateTime, nullable=False, default=utcnow)  # when issued (session closed), not answered


class KlinikJawabanSurvei(Model):
    """One answer: session, question, value. No respondent, no timestamp (anonymity by construction)."""

    __tablename__ = "klinik_jawaban_survei"
    __table_args__ = (CheckConstraint("nilai >= 0 AND nilai <= 10", name="ck_klinik_jawaban_survei_nilai"),)
    id = Column(Integer, primary_key=True)
    sesi_id = fk("klinik_sesi.id", ondelete="CASCADE")
    pertanyaan_id = fk("klinik_pertanyaan_survei.id")
    nilai = Column(Integer, nullable=False)
