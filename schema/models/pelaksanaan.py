"""Pelaksanaan dan pembinaan: documentation, feedback, progress decisions, coaching, counselling (R9, R11, R12)."""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Column,
    Date,
    DateTime,
    Index,
    Integer,
    Numeric,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import relationship

from app.rules import JenisKonselor, JenisPeriode, StatusKonseling, TindakanProgres
from schema.enums import (
    BagianCoaching,
    CaraUmpanBalik,
    JenisBimbingan,
    JenisBukti,
    JenisPelatihan,
    RelasiUmpanBalik,
    SifatUmpanBalik,
    StatusPermintaan,
)
from schema.models._base import Jejak, Model, enum_col, fk, rahasia


class Realisasi(Jejak, Model):
    """B.1.2 pendokumentasian: realisasi per IKI and documentation period."""

    __tablename__ = "realisasi"
    __table_args__ = (
        Index("ix_realisasi_skp_periode", "skp_id", "tahun", "periode_nomor"),
        Index("ix_realisasi_periode", "tahun", "periode_nomor"),
    )  # list filters (rev. 0006)
    id = Column(Integer, primary_key=True)
    skp_id = fk("skp.id", index=False)
    rhk_id = fk("rencana_hasil_kerja.id")
    iki_id = fk("indikator_kinerja.id", nullable=True)
    periode_jenis = enum_col(JenisPeriode)
    tahun = Column(Integer, nullable=False)
    periode_nomor = Column(Integer, nullable=False)
    nilai = Column(Numeric(18, 2))
    uraian = Column(Text)
    is_final = Column(Boolean, nullable=False, default=False)  # progress vs final
    dicatat_oleh_id = fk("pegawai.id", nullable=True)
    skp = relationship("SKP")
    rhk = relationship("RencanaHasilKerja")
    iki = relationship("IndikatorKinerja")
    bukti = relationship("BuktiDukung", back_populates="realisasi")


class BuktiDukung(Jejak, Model):
    """Evidence: an uploaded file (stored outside the web root under a random name) or a link."""

    __tablename__ = "bukti_dukung"
    __table_args__ = (
        CheckConstraint(
            "(jenis = 'berkas' AND nama_simpan IS NOT NULL) OR (jenis = 'tautan' AND url IS NOT NULL)",
            name="ck_bukti_dukung_isi",
        ),
    )
    id = Column(Integer, primary_key=True)
    realisasi_id = fk("realisasi.id", ondelete="CASCADE")
    jenis = enum_col(JenisBukti)
    nama_asli = Column(String(255))
    nama_simpan = Column(String(64), unique=True)
    content_type = Column(String(100))
    ukuran = Column(Integer)
    url = Column(String(1000))
    keterangan = Column(Text)
    realisasi = relationship(Realisasi, back_populates="bukti")


class PermintaanUmpanBalik(Jejak, Model):
    __tablename__ = "permintaan_umpan_balik"
    id = Column(Integer, primary_key=True)
    skp_id = fk("skp.id")
    diminta_kepada_id = fk("pegawai.id")
    pesan = Column(Text)
    status = enum_col(StatusPermintaan, default=StatusPermintaan.DIMINTA)
    skp = relationship("SKP")
    diminta_kepada = relationship("Pegawai")


class UmpanBalik(Jejak, Model):
    """B.1.3–B.1.5: each item targets one RHK or one core value (R9)."""

    __tablename__ = "umpan_balik"
    __table_args__ = (
        CheckConstraint(
            "(rhk_id IS NOT NULL AND nilai_inti_id IS NULL) OR (rhk_id IS NULL AND nilai_inti_id IS NOT NULL)",
            name="ck_umpan_balik_sasaran",
        ),
        Index("ix_umpan_balik_skp_periode", "skp_id", "tahun", "periode_nomor"),
        Index("ix_umpan_balik_tanggal", "tanggal"),  # list filter (rev. 0006)
    )
    id = Column(Integer, primary_key=True)
    skp_id = fk("skp.id", index=False)
    rhk_id = fk("rencana_hasil_kerja.id", nullable=True)
    nilai_inti_id = fk("nilai_inti.id", nullable=True)
    pemberi_id = fk("pegawai.id")
    relasi = enum_col(RelasiUmpanBalik)
    sifat = enum_col(SifatUmpanBalik)
    cara = enum_col(CaraUmpanBalik)
    positif = Column(Boolean, nullable=False)
    uraian = Column(Text, nullable=False)
    tanggal = Column(Date, nullable=False)
    tahun = Column(Integer, nullable=False)
    periode_nomor = Column(Integer, nullable=False)
    permintaan_id = fk("permintaan_umpan_balik.id", nullable=True)
    skp = relationship("SKP")
    rhk = relationship("RencanaHasilKerja")
    nilai_inti = relationship("NilaiInti")
    pemberi = relationship("Pegawai")


class TindakanProgresRecord(Jejak, Model):
    """R9 decision for an employee without progress (000 Pasal 6–10; 001 Pasal 19)."""

    __tablename__ = "tindakan_progres"
    id = Column(Integer, primary_key=True)
    skp_id = fk("skp.id")
    rhk_id = fk("rencana_hasil_kerja.id", nullable=True)
    tindakan = enum_col(TindakanProgres)
    catatan = Column(Text, nullable=False)
    tanggal = Column(Date, nullable=False)
    oleh_id = fk("pegawai.id")
    skp = relationship("SKP")


class BimbinganKinerja(Jejak, Model):
    """Coaching (B.1.6), mentoring (B.1.7) and training, with B.1.8/B.1.9 children (R12)."""

    __tablename__ = "bimbingan_kinerja"
    id = Column(Integer, primary_key=True)
    pegawai_id = fk("pegawai.id")
    skp_id = fk("skp.id", nullable=True)
    pembimbing_id = fk("pegawai.id")
    jenis = enum_col(JenisBimbingan)
    tanggal = Column(Date, nullable=False)
    peluang = Column(Text)  # B.1.6 PELUANG
    perlu_perubahan_skp = Column(Boolean, nullable=False, default=False)
    # B.1.7 goals
    keahlian_dikembangkan = Column(Text)
    jangka_waktu = Column(String(120))
    perubahan_diharapkan = Column(Text)
    ukuran_keberhasilan = Column(Text)
    rekomendasi = Column(Text)  # B.1.9 REKOMENDASI
    dilaporkan_kepada_id = fk("pegawai.id", nullable=True)
    pegawai = relationship("Pegawai", foreign_keys=[pegawai_id])
    pembimbing = relationship("Pegawai", foreign_keys=[pembimbing_id])


class BarisCoaching(Model):
    """B.1.6 table rows: TUJUAN (IKI, baseline, target, strategi), FAKTA, LANGKAH KEDEPAN."""

    __tablename__ = "baris_coaching"
    id = Column(Integer, primary_key=True)
    bimbingan_id = fk("bimbingan_kinerja.id", ondelete="CASCADE")
    bagian = enum_col(BagianCoaching)
    urutan = Column(Integer, nullable=False, default=1)
    iki_id = fk("indikator_kinerja.id", nullable=True)
    kolom_1 = Column(Text)
    kolom_2 = Column(Text)
    kolom_3 = Column(Text)
    kolom_4 = Column(Text)
    penyesuaian_target = Column(Boolean)


class JurnalMentoring(Model):
    __tablename__ = "jurnal_mentoring"
    id = Column(Integer, primary_key=True)
    bimbingan_id = fk("bimbingan_kinerja.id", ondelete="CASCADE")
    waktu_tempat = Column(String(200), nullable=False)
    materi = Column(Text, nullable=False)
    rencana_aksi = Column(Text)
    target_waktu = Column(String(120))


class JawabanB18(Model):
    __tablename__ = "jawaban_b18"
    __table_args__ = (UniqueConstraint("bimbingan_id", "pernyataan_id"),)
    id = Column(Integer, primary_key=True)
    bimbingan_id = fk("bimbingan_kinerja.id", ondelete="CASCADE")
    pernyataan_id = fk("pernyataan_b18.id")
    umpan_balik = Column(Text, nullable=False)


class NilaiKompetensi(Model):
    """B.1.9 rows: managerial/socio-cultural from reference, technical as free text; scale 1–5."""

    __tablename__ = "nilai_kompetensi"
    __table_args__ = (
        CheckConstraint("nilai BETWEEN 1 AND 5", name="ck_nilai_kompetensi_skala"),
        CheckConstraint("kompetensi_id IS NOT NULL OR kompetensi_teknis IS NOT NULL", name="ck_nilai_kompetensi_isi"),
    )
    id = Column(Integer, primary_key=True)
    bimbingan_id = fk("bimbingan_kinerja.id", ondelete="CASCADE")
    kompetensi_id = fk("kompetensi_b19.id", nullable=True)
    kompetensi_teknis = Column(String(200))
    nilai = Column(Integer, nullable=False)
    alasan = Column(Text)


class PelatihanKinerja(Jejak, Model):
    """Formal/informal training as bimbingan kinerja (000 Lampiran D.4 c) 3)–4)); no regulation format, so the
    fields are ours. Recorded by the leader or the person given the assignment (``pembimbing``), reported per R12
    like coaching (``dilaporkan_kepada``); optional evidence file through app/berkas.py."""

    __tablename__ = "pelatihan_kinerja"
    __table_args__ = (
        CheckConstraint("tanggal_selesai >= tanggal_mulai", name="ck_pelatihan_kinerja_tanggal"),
        CheckConstraint("jumlah_jp IS NULL OR jumlah_jp > 0", name="ck_pelatihan_kinerja_jp"),
    )
    id = Column(Integer, primary_key=True)
    pegawai_id = fk("pegawai.id")
    skp_id = fk("skp.id", nullable=True)
    pembimbing_id = fk("pegawai.id")
    dilaporkan_kepada_id = fk("pegawai.id", nullable=True)
    jenis = enum_col(JenisPelatihan)
    nama_kegiatan = Column(String(300), nullable=False)
    penyelenggara = Column(String(200), nullable=False)
    tanggal_mulai = Column(Date, nullable=False)
    tanggal_selesai = Column(Date, nullable=False)
    jumlah_jp = Column(Integer)  # jam pelajaran
    hasil = Column(Text)
    bukti_nama_asli = Column(String(255))
    bukti_nama_simpan = Column(String(64), unique=True)
    bukti_content_type = Column(String(100))
    bukti_ukuran = Column(Integer)
    pegawai = relationship("Pegawai", foreign_keys=[pegawai_id])
    pembimbing = relationship("Pegawai", foreign_keys=[pembimbing_id])
    skp = relationship("SKP")


class LaporanPerilaku(Jejak, Model):
    """B.1.10 behaviour-problem report from the evaluator to the personnel unit (R11)."""

    __tablename__ = "laporan_perilaku"
    id = Column(Integer, primary_key=True)
    pegawai_id = fk("pegawai.id")
    pelapor_id = fk("pegawai.id")
    tanggal = Column(Date, nullable=False)
    # content of the report: confidential (R11, 000 Pasal 16): never in audit rows, sorts or dashboards
    ekspektasi_khusus = Column(Text, info=rahasia())
    permasalahan = Column(Text, nullable=False, info=rahasia())
    terjadi_pada_pegawai_lain = Column(Boolean, nullable=False, default=False, info=rahasia())
    retrospektif = Column(Text, nullable=False, info=rahasia())
    pegawai = relationship("Pegawai", foreign_keys=[pegawai_id])
    pelapor = relationship("Pegawai", foreign_keys=[pelapor_id])


class BuktiLaporanPerilaku(Model):
    __tablename__ = "bukti_laporan_perilaku"
    __table_args__ = (UniqueConstraint("laporan_id", "umpan_balik_id"),)
    id = Column(Integer, primary_key=True)
    laporan_id = fk("laporan_perilaku.id", ondelete="CASCADE")
    umpan_balik_id = fk("umpan_balik.id")


class Konseling(Jejak, Model):
    """The daftar pegawai dengan permasalahan perilaku kerja; the result is confidential (R11)."""

    __tablename__ = "konseling"
    id = Column(Integer, primary_key=True)
    laporan_id = fk("laporan_perilaku.id", unique=True)
    pegawai_id = fk("pegawai.id")
    status = enum_col(StatusKonseling, default=StatusKonseling.DILAPORKAN, index=True)
    diputuskan_oleh_id = fk("pegawai.id", nullable=True)
    konselor_id = fk("pegawai.id", nullable=True)
    jenis_konselor = enum_col(JenisKonselor, nullable=True)
    jadwal = Column(DateTime)
    tempat = Column(String(200))
    hasil = Column(Text, info=rahasia())  # confidential (R11)
    tindak_lanjut = Column(Text, info=rahasia())
    tanggal_selesai = Column(Date)
    alasan_tidak_ditetapkan = Column(
        Text, info=rahasia()
    )  # PyB's reason when deciding no counselling (status tidak_ditetapkan)
    versi = Column(Integer, nullable=False, default=1)
    laporan = relationship(LaporanPerilaku)
    pegawai = relationship("Pegawai", foreign_keys=[pegawai_id])
    konselor = relationship("Pegawai", foreign_keys=[konselor_id])
    __mapper_args__ = {"version_id_col": versi}
