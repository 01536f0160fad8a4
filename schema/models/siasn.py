"""Platform tunggal ASN (SIASN; 003 Pasal 36 ayat 4): the codes SIASN expects, and the outbox of final results.

``kode_siasn`` is reference data (seeded from seeds/reference/kode_siasn.csv, editable by the operator): the
integer/string codes of SIASN for our ratings, predikat and periods — never literals in code.

``kirim_siasn`` is the outbox: one row per SIASN record (``kunci``: target, employee, year and period), created
in the transaction that makes an evaluation final (app/queries/siasn.py). A later decision on the same record
(keberatan "mengubah", D.1.3) points the row at the new evaluation and queues it again; the stored ``siasn_id``
makes the next send an update of the same record, never a second one.
"""

from __future__ import annotations

from enum import Enum

from sqlalchemy import Column, DateTime, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import relationship

from app.rules.enums import JenisPeriode, Predikat, Rating
from schema.models._base import Jejak, Model, enum_col, fk, utcnow


class StatusKirim(str, Enum):
    MENUNGGU = "menunggu"
    TERKIRIM = "terkirim"
    GAGAL = "gagal"

    @property
    def label(self) -> str:
        return {"menunggu": "Menunggu", "terkirim": "Terkirim", "gagal": "Gagal"}[self.value]


class TargetSiasn(str, Enum):
    SKP22 = "skp22"
    KINERJA_PERIODIK = "kinerjaperiodik"

    @property
    def label(self) -> str:
        return {"skp22": "SKP tahunan (skp22)", "kinerjaperiodik": "Kinerja periodik"}[self.value]


JENIS_KODE = {
    "hasil_kerja": "Rating hasil kerja",
    "perilaku": "Rating perilaku kerja",
    "kuadran": "Predikat (kuadran)",
    "periodik": "Jenis periode",
    "golongan": "Golongan",
    "dokumen": "Referensi dokumen unggahan",  # id_ref_dokumen of upload-dok per target; no row: no document sent
}
_ENUM_NILAI = {
    "hasil_kerja": Rating,
    "perilaku": Rating,
    "kuadran": Predikat,
    "periodik": JenisPeriode,
    "dokumen": TargetSiasn,
}


class KodeSiasn(Model):
    __tablename__ = "kode_siasn"
    __table_args__ = (UniqueConstraint("jenis", "nilai"),)
    id = Column(Integer, primary_key=True)
    jenis = Column(String(30), nullable=False)  # hasil_kerja | perilaku | kuadran | periodik
    nilai = Column(String(40), nullable=False)  # our value (rating, predikat, jenis periode)
    kode = Column(String(20), nullable=False)  # SIASN's code
    keterangan = Column(String(200))

    def __repr__(self) -> str:
        return f"{self.jenis} {self.nilai} → {self.kode}"

    @property
    def jenis_label(self) -> str:
        return JENIS_KODE.get(self.jenis or "", str(self.jenis))

    @property
    def nilai_label(self) -> str:
        """Our value as people read it (the rating/predikat/period label; golongan codes are already text)."""
        enum = _ENUM_NILAI.get(self.jenis or "")
        try:
            return enum(self.nilai).label if enum else str(self.nilai)
        except ValueError:
            return str(self.nilai)


class KirimSiasn(Jejak, Model):
    __tablename__ = "kirim_siasn"
    id = Column(Integer, primary_key=True)
    kunci = Column(String(80), nullable=False, unique=True)  # target:pegawai:tahun[:bulan mulai-selesai]
    target = enum_col(TargetSiasn, length=20)
    evaluasi_id = fk("evaluasi_kinerja.id")
    pegawai_id = fk("pegawai.id")
    status = enum_col(StatusKirim, default=StatusKirim.MENUNGGU, index=True, length=20)
    percobaan = Column(Integer, nullable=False, default=0)
    coba_lagi_pada = Column(DateTime, nullable=False, default=utcnow, index=True)
    dikunci_sampai = Column(DateTime)  # a sender's lease: another sender skips the row until then
    galat_terakhir = Column(Text)  # Indonesian, without secrets
    siasn_id = Column(String(64))  # SIASN's record id: re-sends and later changes update that record
    terkirim_pada = Column(DateTime)
    # SIASN's answer to the uploaded document (JSON {"evaluasi_id", "path"}): a retry of the same evaluation
    # reuses it instead of uploading again; a new evaluation of the record (D.1.3) uploads its own
    dokumen = Column(Text)
    versi = Column(Integer, nullable=False, default=1)
    __mapper_args__ = {"version_id_col": versi}
    pegawai = relationship("Pegawai")
    evaluasi = relationship("EvaluasiKinerja")
    riwayat = relationship("RiwayatKirimSiasn", order_by="RiwayatKirimSiasn.id", viewonly=True)

    def __repr__(self) -> str:
        return self.kunci


class RiwayatKirimSiasn(Model):
    __tablename__ = "riwayat_kirim_siasn"
    id = Column(Integer, primary_key=True)
    kirim_id = Column(Integer, ForeignKey("kirim_siasn.id", ondelete="CASCADE"), nullable=False, index=True)
    waktu = Column(DateTime, nullable=False, default=utcnow)
    # diantrekan | dokumen (uploaded, reused by retries) | mengirim (committed before the call: a sender killed
    # mid-call leaves it as the last entry) | terkirim | coba_lagi | gagal | kirim_ulang
    kejadian = Column(String(20), nullable=False)
    kode_http = Column(Integer)
    pesan = Column(Text)


class SelisihSiasn(Model):
    """A prepared "Tarik dari SIASN" diff (app/queries/tarik_siasn.py): what SIASN says differs from our master data.

    Its own table rather than a job's ``rincian``: the daily task prepares one without a job or an owner, every
    operator reads it (a job is its owner's and is purged), and ``diterapkan_pada`` makes it applicable once.
    ``isi`` is JSON: per NIP the kind (baru/berubah/tidak_ada/konflik), our value and SIASN's per field, and the
    row's ``diubah_pada`` at preparation (the optimistic check when applying)."""

    __tablename__ = "selisih_siasn"
    id = Column(Integer, primary_key=True)
    dibuat_pada = Column(DateTime, nullable=False, default=utcnow, index=True)
    # none: prepared by the daily task; a diff outlives its requester's account
    user_id = Column(Integer, ForeignKey("ab_user.id", ondelete="SET NULL"), nullable=True)
    sumber = Column(String(20), nullable=False)  # manual | harian
    lingkup = Column(String(200), nullable=False)  # what was pulled, in words
    isi = Column(Text, nullable=False)
    diterapkan_pada = Column(DateTime)
