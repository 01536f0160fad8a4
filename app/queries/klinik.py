"""Layanan Coaching Clinic SKP (004 BAB III C): bookings, unit requests, sessions, survey, reports.

Callers own the transaction: functions here add/flush; the view commits once per user action or rolls back on
``GalatKlinik`` (an Indonesian message shown as is).

* **Individual service** (004 BAB III C.1): an employee books a team member's slot, attaching their draft SKP.
  No double booking: the partial unique index ``uq_klinik_sesi_slot_aktif`` (one active booking per member and
  slot) plus :func:`pesan`'s own check with a clear message; a member's sessions never overlap (:func:`bentrok`).
* **Service to a unit** (004 BAB III C.2): the unit administrator files a letter; the head of BKPSDM (role PyB)
  dispositions it to the team; a team member schedules the visit; participants are practised in the order the
  guide prescribes (JPT from the Perjanjian Kinerja first, then administrator … pelaksana: :data:`URUTAN_PRAKTIK`).
* **Unit administrator** (who may file a letter for a unit): a holder of the head position (``is_kepala_unit``) of
  the unit's *Subbagian Umum dan Kepegawaian* (unit name containing "umum" and "kepegawaian"), or — for small units
  without that subbagian — of the unit's secretariat (``unit_kerja.is_sekretariat``); the unit served is the
  perangkat daerah (top-level ancestor) of that unit. The operator role may file for any perangkat daerah.
* **Drafting in a session**: the assigned team member reads the attached SKP while the session is open (booked or
  under way) and edits it only while it is under way, through the perencanaan module's own drafting functions
  acting as a helper (the right an operator has on a draft: ``app.queries.perencanaan.boleh_menyusun``), so every
  change lands in the SKP's audit history (``audit_log``) with the member's name and time; the session page lists
  the changes made between its start and end.
* **Survey anonymity**: answers (``klinik_jawaban_survei``) carry no respondent and no time; tokens record only
  *that* someone answered. Results are shown per team member and period only as aggregates over at least
  :data:`MIN_RESPONDEN` respondents (an individual session has a single respondent).
"""

from __future__ import annotations

import datetime as dt
import tempfile
from dataclasses import dataclass, replace

from openpyxl import Workbook
from openpyxl.styles import Font
from sqlalchemy import and_, case, exists, func, insert, literal, or_, select, update
from sqlalchemy.exc import IntegrityError

from app import jam
from app.aksi import (
    PESAN_BASI,  # noqa: F401 - the views show q.PESAN_BASI
    Ditolak,
    bilangan,
    cek_versi,
    tanggal,
    teks,
)
from app.excel.tulis import FORMAT_TANGGAL, FORMAT_WAKTU, berbahaya
from app.extensions import db
from app.format import tanggal as teks_tanggal
from app.queries import notifikasi_kejadian as q_kejadian
from app.queries.perencanaan import BISA_DISUSUN, STATUS_WAJIB_SKP, TERKUNCI
from app.rules import JenisJabatan
from app.security import roles as R
from app.security.audit import catat
from app.security.scope import cte_puncak, unit_dikelola_stmt
from schema.enums import JenisSesiKlinik, StatusPermohonanKlinik, StatusSesiKlinik
from schema.models import (
    SKP,
    AuditLog,
    IndikatorKinerja,
    Jabatan,
    KlinikAnggota,
    KlinikJawabanSurvei,
    KlinikPermohonan,
    KlinikPertanyaanSurvei,
    KlinikPeserta,
    KlinikSesi,
    KlinikSlot,
    KlinikSurveiToken,
    KlinikTanyaJawab,
    KlinikTim,
    KonfigurasiPeriode,
    Pegawai,
    RencanaHasilKerja,
    UnitKerja,
)

SS = StatusSesiKlinik
SP = StatusPermohonanKlinik
AKTIF = (SS.DIPESAN.value, SS.BERLANGSUNG.value, SS.SELESAI.value)  # holds its slot
TERBUKA = (SS.DIPESAN.value, SS.BERLANGSUNG.value)  # the member may read the attached draft
MIN_RESPONDEN = 3  # satisfaction shown only as an aggregate of at least this many respondents
TARGET_BAWAAN = 90  # 004 BAB I B.3: "angka diatas 90 %"; per instansi/year in konfigurasi_periode
# 004 BAB III C.2: "Praktek Penyusunan SKP yang dimulai dari JPT Pratama berdasarkan Perjanjian Kerja,
# dilanjutkan dengan Pejabat Administrator sampai dengan Pelaksana"
J = JenisJabatan
URUTAN_PRAKTIK = {
    J.JPT_UTAMA.value: 1,
    J.JPT_MADYA.value: 1,
    J.JPT_PRATAMA.value: 1,
    J.ADMINISTRATOR.value: 2,
    J.PENGAWAS.value: 3,
    J.FUNGSIONAL.value: 4,
    J.PELAKSANA.value: 5,
}
LABEL_URUTAN = {
    1: "JPT (dari Perjanjian Kinerja)",
    2: "Administrator",
    3: "Pengawas",
    4: "Fungsional",
    5: "Pelaksana",
    9: "Lainnya",
}


class GalatKlinik(Ditolak):
    """A refused user action; the message is shown as is (Indonesian)."""


# ---------------------------------------------------------------------------------------------------------
# who am I
# ---------------------------------------------------------------------------------------------------------


def pengelola(k) -> bool:
    return bool(k.role_names & {R.ADMIN, R.OPERATOR, R.PYB})


def anggota_saya(k, tim_id: int | None = None) -> list[KlinikAnggota]:
    """My active memberships of active clinic teams (role Tim Klinik SKP required)."""
    if not k.pegawai_id or not (k.role_names & {R.KLINIK, R.ADMIN}):
        return []
    stmt = (
        select(KlinikAnggota)
        .join(KlinikTim, KlinikTim.id == KlinikAnggota.tim_id)
        .where(KlinikAnggota.pegawai_id == k.pegawai_id, KlinikAnggota.aktif.is_(True), KlinikTim.aktif.is_(True))
    )
    if tim_id is not None:
        stmt = stmt.where(KlinikAnggota.tim_id == tim_id)
    return list(db.session.scalars(stmt.order_by(KlinikAnggota.id)))


def petugas_sesi(sesi: KlinikSesi, k) -> bool:
    """The team member assigned to the session (Admin counts as one for support)."""
    if R.ADMIN in k.role_names:
        return True
    return bool(k.pegawai_id) and R.KLINIK in k.role_names and sesi.anggota.pegawai_id == k.pegawai_id


def unit_dikelola(k) -> list[UnitKerja]:
    ids = db.session.scalars(unit_dikelola_stmt(k.jabatan_id)).all() if k.jabatan_id else []
    if not ids:
        return []
    return list(db.session.scalars(select(UnitKerja).where(UnitKerja.id.in_(ids)).order_by(UnitKerja.nama)))


def perangkat_daerah() -> list[UnitKerja]:
    return list(
        db.session.scalars(
            select(UnitKerja).where(UnitKerja.induk_id.is_(None), UnitKerja.aktif.is_(True)).order_by(UnitKerja.nama)
        )
    )


# ---------------------------------------------------------------------------------------------------------
# slots and individual bookings (004 BAB III C.1)
# ---------------------------------------------------------------------------------------------------------


def slot_tersedia(dari: dt.datetime | None = None, batas: int = 200):
    """Free future slots of active members of active teams (one query): rows (slot, member name)."""
    dari = dari or jam.sekarang()
    dipakai = select(KlinikSesi.slot_id).where(KlinikSesi.slot_id.is_not(None), KlinikSesi.status.in_(AKTIF))
    stmt = (
        select(KlinikSlot, Pegawai.nama, Pegawai.gelar_depan, Pegawai.gelar_belakang)
        .join(KlinikAnggota, KlinikAnggota.id == KlinikSlot.anggota_id)
        .join(KlinikTim, KlinikTim.id == KlinikAnggota.tim_id)
        .join(Pegawai, Pegawai.id == KlinikAnggota.pegawai_id)
        .where(
            KlinikSlot.mulai > dari,
            KlinikAnggota.aktif.is_(True),
            KlinikTim.aktif.is_(True),
            KlinikSlot.id.not_in(dipakai),
        )
        .order_by(KlinikSlot.mulai, KlinikSlot.id)
        .limit(batas)
    )
    return db.session.execute(stmt).all()


def skp_bisa_dilampirkan(pegawai_id: int | None) -> list[SKP]:
    """The employee's own drafts (draf / dikembalikan) that a session may work on."""
    if not pegawai_id:
        return []
    return list(
        db.session.scalars(
            select(SKP)
            .where(SKP.pegawai_id == pegawai_id, SKP.status.in_(BISA_DISUSUN))
            .order_by(SKP.tahun.desc(), SKP.id.desc())
        )
    )


def bentrok(anggota_id: int, mulai: dt.datetime, selesai: dt.datetime, kecuali: int | None = None) -> KlinikSesi | None:
    """The member's booked/ongoing session overlapping [mulai, selesai), if any."""
    stmt = select(KlinikSesi).where(
        KlinikSesi.anggota_id == anggota_id,
        KlinikSesi.status.in_(TERBUKA),
        KlinikSesi.mulai < selesai,
        KlinikSesi.selesai > mulai,
    )
    if kecuali:
        stmt = stmt.where(KlinikSesi.id != kecuali)
    return db.session.scalars(stmt.limit(1)).first()


def _cek_skp_lampiran(skp_id, pegawai_id: int) -> int | None:
    if skp_id in (None, ""):
        return None
    sid = bilangan(skp_id, "SKP yang dilampirkan", galat=GalatKlinik)
    skp = db.session.get(SKP, sid)
    if skp is None or skp.pegawai_id != pegawai_id:
        raise GalatKlinik("SKP yang dilampirkan harus SKP Anda sendiri.")
    if skp.status not in BISA_DISUSUN:
        raise GalatKlinik("Hanya draf SKP (berstatus draf atau dikembalikan) yang dapat dilampirkan untuk dibahas.")
    return skp.id


def pesan(pegawai_id: int | None, slot_id, skp_id=None, sesi_asal: KlinikSesi | None = None) -> KlinikSesi:
    """Book a slot for an individual session (or the new slot of a rescheduled one)."""
    if not pegawai_id:
        raise GalatKlinik("Akun Anda belum terhubung dengan data pegawai; pemesanan tidak dapat dibuat.")
    sid = bilangan(slot_id, "Slot jadwal", galat=GalatKlinik)
    slot = db.session.get(KlinikSlot, sid)
    if slot is None:
        raise GalatKlinik("Slot jadwal tidak ditemukan.")
    anggota = slot.anggota
    if not anggota.aktif or not anggota.tim.aktif:
        raise GalatKlinik("Anggota tim pada slot ini tidak lagi bertugas; pilih slot lain.")
    if slot.mulai <= jam.sekarang():
        raise GalatKlinik("Slot ini sudah lewat; pilih slot yang akan datang.")
    if anggota.pegawai_id == pegawai_id:
        raise GalatKlinik("Anda tidak dapat memesan slot Anda sendiri.")
    terpakai = db.session.scalar(
        select(KlinikSesi.id).where(KlinikSesi.slot_id == slot.id, KlinikSesi.status.in_(AKTIF)).limit(1)
    )
    if terpakai or bentrok(anggota.id, slot.mulai, slot.selesai):
        raise GalatKlinik(
            f"Slot {teks_tanggal(slot.mulai)} dengan {anggota.pegawai.nama_lengkap} sudah dipesan "
            "pegawai lain. Pilih slot lain."
        )
    sendiri = db.session.scalar(
        select(KlinikSesi.id)
        .where(
            KlinikSesi.status.in_(TERBUKA),
            KlinikSesi.mulai < slot.selesai,
            KlinikSesi.selesai > slot.mulai,
            or_(
                KlinikSesi.pegawai_id == pegawai_id,
                KlinikSesi.id.in_(select(KlinikPeserta.sesi_id).where(KlinikPeserta.pegawai_id == pegawai_id)),
            ),
            KlinikSesi.id != (sesi_asal.id if sesi_asal else -1),
        )
        .limit(1)
    )
    if sendiri:
        raise GalatKlinik("Anda sudah memiliki sesi coaching clinic lain pada jam yang sama.")
    skp = sesi_asal.skp_id if sesi_asal is not None and skp_id in (None, "") else _cek_skp_lampiran(skp_id, pegawai_id)
    sesi = KlinikSesi(
        jenis=JenisSesiKlinik.INDIVIDU.value,
        pegawai_id=pegawai_id,
        anggota_id=anggota.id,
        slot_id=slot.id,
        mulai=slot.mulai,
        selesai=slot.selesai,
        tempat=slot.tempat,
        status=SS.DIPESAN.value,
        skp_id=skp,
        sesi_asal_id=sesi_asal.id if sesi_asal else None,
    )
    db.session.add(sesi)
    try:
        with db.session.begin_nested():
            db.session.flush()
    except IntegrityError:  # a concurrent booking of the same slot won the race (uq_klinik_sesi_slot_aktif)
        raise GalatKlinik(f"Slot {teks_tanggal(slot.mulai)} baru saja dipesan pegawai lain. Pilih slot lain.") from None
    catat("klinik_sesi", sesi.id, "tambah", sesudah={"slot_id": slot.id, "pegawai_id": pegawai_id, "skp_id": skp})
    q_kejadian.klinik_dikonfirmasi(sesi)  # booked = confirmed: the slot was free (no separate approval step)
    return sesi


def batal(sesi: KlinikSesi, k, alasan: str | None, versi=None) -> None:
    cek_versi(sesi, versi, galat=GalatKlinik)
    pemesan = bool(k.pegawai_id) and sesi.pegawai_id == k.pegawai_id
    if not (pemesan or petugas_sesi(sesi, k) or pengelola(k)):
        raise GalatKlinik("Anda tidak berwenang membatalkan sesi ini.")
    if sesi.status != SS.DIPESAN.value:
        raise GalatKlinik("Hanya sesi yang masih dipesan (belum dimulai) yang dapat dibatalkan.")
    alasan = (alasan or "").strip()
    if not alasan and not pemesan:
        raise GalatKlinik("Alasan pembatalan wajib diisi agar pemesan mengetahuinya.")
    sesi.status = SS.DIBATALKAN.value
    sesi.alasan_batal = alasan[:2000] or "Dibatalkan oleh pemesan."
    if sesi.permohonan is not None and sesi.permohonan.status == SP.DIJADWALKAN.value:
        sesi.permohonan.status = SP.DIDISPOSISI.value  # the team schedules the visit again
    db.session.flush()
    catat("klinik_sesi", sesi.id, "ubah", sebelum={"status": "dipesan"}, sesudah={"status": sesi.status})
    if not pemesan:  # cancelled by the team or the manager: the booker learns it, with the reason
        q_kejadian.klinik_dibatalkan(sesi)


def jadwal_ulang(sesi: KlinikSesi, k, slot_id, versi=None) -> KlinikSesi:
    cek_versi(sesi, versi, galat=GalatKlinik)
    if sesi.jenis != JenisSesiKlinik.INDIVIDU.value or not k.pegawai_id or sesi.pegawai_id != k.pegawai_id:
        raise GalatKlinik("Hanya pemesan sesi individu yang dapat menjadwalkan ulang sesinya.")
    if sesi.status != SS.DIPESAN.value:
        raise GalatKlinik("Hanya sesi yang masih dipesan (belum dimulai) yang dapat dijadwalkan ulang.")
    if str(slot_id) == str(sesi.slot_id):
        raise GalatKlinik("Pilih slot yang berbeda dari jadwal semula.")
    sesi.status = SS.DIJADWALKAN_ULANG.value
    db.session.flush()  # frees the old slot before the new booking
    baru = pesan(k.pegawai_id, slot_id, None, sesi_asal=sesi)
    catat(
        "klinik_sesi",
        sesi.id,
        "ubah",
        sebelum={"status": "dipesan"},
        sesudah={"status": sesi.status, "sesi_baru_id": baru.id},
    )
    return baru


# ---------------------------------------------------------------------------------------------------------
# running a session
# ---------------------------------------------------------------------------------------------------------


def _wajib_petugas(sesi: KlinikSesi, k, status: tuple[str, ...], apa: str) -> None:
    if not petugas_sesi(sesi, k):
        raise GalatKlinik("Hanya anggota tim yang ditugaskan pada sesi ini yang dapat melakukannya.")
    if sesi.status not in status:
        label = {s.value: s.label for s in SS}
        raise GalatKlinik(f"Sesi berstatus {label[sesi.status].lower()}: {apa} tidak dapat dilakukan.")


def mulai(sesi: KlinikSesi, k, versi=None) -> None:
    cek_versi(sesi, versi, galat=GalatKlinik)
    _wajib_petugas(sesi, k, (SS.DIPESAN.value,), "memulai sesi")
    sesi.status = SS.BERLANGSUNG.value
    sesi.dibuka_pada = jam.sekarang_utc()
    sesi.skp_versi_awal = sesi.skp.versi if sesi.skp is not None else None
    db.session.flush()
    catat("klinik_sesi", sesi.id, "ubah", sebelum={"status": "dipesan"}, sesudah={"status": sesi.status})


def simpan_catatan(sesi: KlinikSesi, k, data) -> None:
    cek_versi(sesi, data.get("versi"), galat=GalatKlinik)
    _wajib_petugas(sesi, k, (SS.BERLANGSUNG.value,), "mencatat hasil sesi")
    sebelum = {"catatan": sesi.catatan, "masalah_ditemukan": sesi.masalah_ditemukan, "materi": sesi.materi}
    sesi.catatan = teks(data.get("catatan"), "Catatan sesi", maks=20000, galat=GalatKlinik)
    sesi.masalah_ditemukan = teks(
        data.get("masalah_ditemukan"), "Masalah yang ditemukan", maks=20000, galat=GalatKlinik
    )
    if sesi.jenis == JenisSesiKlinik.UNIT.value:
        sesi.materi = teks(data.get("materi"), "Materi yang disampaikan", maks=20000, galat=GalatKlinik)
    db.session.flush()
    catat(
        "klinik_sesi",
        sesi.id,
        "ubah",
        sebelum=sebelum,
        sesudah={"catatan": sesi.catatan, "masalah_ditemukan": sesi.masalah_ditemukan, "materi": sesi.materi},
    )


def tambah_tanya_jawab(sesi: KlinikSesi, k, data) -> KlinikTanyaJawab:
    _wajib_petugas(sesi, k, (SS.BERLANGSUNG.value,), "mencatat tanya jawab")
    urutan = (
        db.session.scalar(select(func.max(KlinikTanyaJawab.urutan)).where(KlinikTanyaJawab.sesi_id == sesi.id)) or 0
    ) + 1
    tj = KlinikTanyaJawab(
        sesi_id=sesi.id,
        urutan=urutan,
        penanya=teks(data.get("penanya"), "Penanya", maks=200, galat=GalatKlinik),
        pertanyaan=teks(data.get("pertanyaan"), "Pertanyaan", maks=20000, wajib=True, galat=GalatKlinik),
        jawaban=teks(data.get("jawaban"), "Jawaban", maks=20000, galat=GalatKlinik),
    )
    db.session.add(tj)
    db.session.flush()
    catat("klinik_tanya_jawab", tj.id, "tambah", sesudah={"sesi_id": sesi.id, "pertanyaan": tj.pertanyaan})
    return tj


def _pegawai_unit_stmt(unit_id: int):
    """Employees subject to an SKP in the perangkat daerah ``unit_id`` (its whole subtree)."""
    p = cte_puncak()
    return (
        select(Pegawai.id)
        .join(p, p.c.id == Pegawai.unit_kerja_id)
        .where(p.c.puncak == unit_id, Pegawai.status.in_(STATUS_WAJIB_SKP))
    )


def _urutan_expr():
    return case(*[(Jabatan.jenis == j, n) for j, n in URUTAN_PRAKTIK.items()], else_=9)


def tambah_peserta(sesi: KlinikSesi, k, nip: str | None = None, semua: bool = False) -> int:
    """Add one participant by NIP, or every employee of the unit (set-based INSERT … SELECT)."""
    _wajib_petugas(sesi, k, TERBUKA, "mengubah daftar peserta")
    if sesi.jenis != JenisSesiKlinik.UNIT.value:
        raise GalatKlinik("Daftar peserta hanya untuk layanan ke unit (SKPD).")
    dalam_unit = _pegawai_unit_stmt(sesi.unit_kerja_id)
    sudah = select(KlinikPeserta.pegawai_id).where(KlinikPeserta.sesi_id == sesi.id)
    sumber = (
        select(
            literal(sesi.id),
            Pegawai.id,
            Jabatan.nama,
            Jabatan.jenis,
            _urutan_expr(),
            literal(True),
            literal(jam.sekarang_utc()),
            literal(jam.sekarang_utc()),
        )
        .select_from(Pegawai)
        .outerjoin(Jabatan, Jabatan.id == Pegawai.jabatan_id)
        .where(Pegawai.id.in_(dalam_unit), Pegawai.id.not_in(sudah))
    )
    if not semua:
        nip = (nip or "").strip()
        if not nip:
            raise GalatKlinik("Isi NIP peserta.")
        pid = db.session.scalar(select(Pegawai.id).where(Pegawai.nip == nip))
        if pid is None:
            raise GalatKlinik(f"Pegawai dengan NIP {nip} tidak ditemukan.")
        if not db.session.scalar(select(func.count()).select_from(dalam_unit.where(Pegawai.id == pid).subquery())):
            raise GalatKlinik(f"Pegawai NIP {nip} bukan pegawai {sesi.unit_kerja.nama_tampil} yang wajib menyusun SKP.")
        if db.session.scalar(
            select(KlinikPeserta.id).where(KlinikPeserta.sesi_id == sesi.id, KlinikPeserta.pegawai_id == pid)
        ):
            raise GalatKlinik(f"Pegawai NIP {nip} sudah terdaftar sebagai peserta.")
        sumber = sumber.where(Pegawai.id == pid)
    t = KlinikPeserta.__table__
    res = db.session.execute(
        insert(t).from_select(
            [
                "sesi_id",
                "pegawai_id",
                "jabatan_nama",
                "jenis_jabatan",
                "urutan_praktik",
                "hadir",
                "dibuat_pada",
                "diubah_pada",
            ],
            sumber,
        )
    )
    n = res.rowcount or 0
    catat("klinik_sesi", sesi.id, "ubah", sesudah={"peserta_ditambah": n})
    return n


def hapus_peserta(sesi: KlinikSesi, k, peserta_id) -> None:
    _wajib_petugas(sesi, k, TERBUKA, "mengubah daftar peserta")
    pid = bilangan(peserta_id, "Peserta", galat=GalatKlinik)
    ps = db.session.scalar(select(KlinikPeserta).where(KlinikPeserta.id == pid, KlinikPeserta.sesi_id == sesi.id))
    if ps is None:
        raise GalatKlinik("Peserta tidak ditemukan pada sesi ini.")
    db.session.delete(ps)
    db.session.flush()
    catat("klinik_sesi", sesi.id, "ubah", sebelum={"peserta_dihapus": ps.pegawai_id})


def selesaikan(sesi: KlinikSesi, k, versi=None) -> int:
    """Close the session, record the SKP version reached, issue the survey tokens; returns tokens issued."""
    cek_versi(sesi, versi, galat=GalatKlinik)
    _wajib_petugas(sesi, k, (SS.BERLANGSUNG.value,), "menutup sesi")
    if not sesi.catatan:
        raise GalatKlinik("Isi catatan sesi (hasil pembahasan) sebelum menutup sesi.")
    if sesi.jenis == JenisSesiKlinik.UNIT.value and not sesi.peserta:
        raise GalatKlinik("Daftar peserta layanan ke unit masih kosong.")
    sesi.status = SS.SELESAI.value
    sesi.ditutup_pada = jam.sekarang_utc()
    sesi.skp_versi_akhir = sesi.skp.versi if sesi.skp is not None else None
    if sesi.permohonan is not None:
        sesi.permohonan.status = SP.SELESAI.value
    db.session.flush()
    n = terbitkan_token(sesi)
    catat("klinik_sesi", sesi.id, "ubah", sebelum={"status": "berlangsung"}, sesudah={"status": sesi.status})
    return n


def terbitkan_token(sesi: KlinikSesi) -> int:
    """One survey token per participant (the booking employee, or each participant present)."""
    if sesi.jenis == JenisSesiKlinik.INDIVIDU.value:
        src = select(literal(sesi.id), literal(sesi.pegawai_id), literal(False), literal(jam.sekarang_utc()))
    else:
        src = select(literal(sesi.id), KlinikPeserta.pegawai_id, literal(False), literal(jam.sekarang_utc())).where(
            KlinikPeserta.sesi_id == sesi.id, KlinikPeserta.hadir.is_(True)
        )
    res = db.session.execute(
        insert(KlinikSurveiToken.__table__).from_select(["sesi_id", "pegawai_id", "sudah_diisi", "dibuat_pada"], src)
    )
    return res.rowcount or 0


def boleh_baca_skp(sesi: KlinikSesi, k) -> bool:
    return sesi.skp_id is not None and petugas_sesi(sesi, k) and sesi.status in TERBUKA


def boleh_susun_skp(sesi: KlinikSesi, k) -> bool:
    return (
        sesi.skp_id is not None
        and petugas_sesi(sesi, k)
        and sesi.status == SS.BERLANGSUNG.value
        and sesi.skp.status in BISA_DISUSUN
    )


def konteks_pendamping(k):
    """The member drafts the attached SKP as a helper — the right ``boleh_menyusun`` gives an operator on a
    draft — only inside an open session (the caller checks :func:`boleh_susun_skp` first)."""
    return replace(k, role_names=set(k.role_names) | {R.OPERATOR})


def perubahan_skp_sesi(sesi: KlinikSesi, batas: int = 200):
    """Audit entries on the attached SKP, its RHK and IKI between the session's start and end (the SKP's own
    history, ``audit_log``, filled by app/security/audit.py)."""
    if sesi.skp_id is None or sesi.dibuka_pada is None:
        return []
    akhir = sesi.ditutup_pada or jam.sekarang_utc() + dt.timedelta(minutes=1)
    rhk_ids = [
        str(i) for i in db.session.scalars(select(RencanaHasilKerja.id).where(RencanaHasilKerja.skp_id == sesi.skp_id))
    ]
    iki_ids = [
        str(i)
        for i in db.session.scalars(
            select(IndikatorKinerja.id).join(RencanaHasilKerja).where(RencanaHasilKerja.skp_id == sesi.skp_id)
        )
    ]
    kondisi = [and_(AuditLog.tabel == "skp", AuditLog.baris_id == str(sesi.skp_id))]
    if rhk_ids:
        kondisi.append(and_(AuditLog.tabel == "rencana_hasil_kerja", AuditLog.baris_id.in_(rhk_ids)))
    if iki_ids:
        kondisi.append(and_(AuditLog.tabel == "indikator_kinerja", AuditLog.baris_id.in_(iki_ids)))
    # deleted RHK/IKI no longer belong to the SKP: the member's deletions in the window are listed too
    user_id = sesi.anggota.pegawai.user_id
    if user_id:
        kondisi.append(
            and_(
                AuditLog.tabel.in_(("rencana_hasil_kerja", "indikator_kinerja")),
                AuditLog.aksi == "hapus",
                AuditLog.user_id == user_id,
            )
        )
    return list(
        db.session.scalars(
            select(AuditLog)
            .where(or_(*kondisi), AuditLog.waktu >= sesi.dibuka_pada - dt.timedelta(seconds=1), AuditLog.waktu <= akhir)
            .order_by(AuditLog.id)
            .limit(batas)
        )
    )


# ---------------------------------------------------------------------------------------------------------
# unit requests (004 BAB III C.2)
# ---------------------------------------------------------------------------------------------------------


def _waktu(tgl, jam, nama: str) -> dt.datetime:
    d = tanggal(tgl, f"Tanggal {nama}", wajib=True, galat=GalatKlinik)
    try:
        t = dt.time.fromisoformat((jam or "").strip())
    except ValueError:
        raise GalatKlinik(f"Jam {nama} wajib diisi (JJ:MM).") from None
    return dt.datetime.combine(d, t)


def ajukan_permohonan(k, username: str, data, simpan_scan) -> KlinikPermohonan:
    """``simpan_scan()`` stores the uploaded scan (app/berkas.py) and returns BerkasTersimpan."""
    if k.role_names & {R.OPERATOR, R.ADMIN}:
        unit_id = bilangan(data.get("unit_kerja_id"), "Unit kerja (SKPD)", galat=GalatKlinik)
        unit = db.session.get(UnitKerja, unit_id)
        if unit is None or unit.induk_id is not None:
            raise GalatKlinik("Pilih perangkat daerah (SKPD) yang dilayani.")
        pemohon = k.pegawai_id if unit_id in set(db.session.scalars(unit_dikelola_stmt(k.jabatan_id))) else None
    else:
        units = unit_dikelola(k)
        if not units:
            raise GalatKlinik(
                "Permohonan layanan ke unit diajukan oleh Kepala Subbagian Umum dan Kepegawaian "
                "(atau kepala sekretariat) unit tersebut (004 BAB III C.2); jabatan Anda tidak "
                "tercatat sebagai pengelola kepegawaian unit."
            )
        unit = units[0]
        pemohon = k.pegawai_id
    nomor = teks(data.get("nomor_surat"), "Nomor surat", maks=100, wajib=True, galat=GalatKlinik)
    tgl_surat = tanggal(data.get("tanggal_surat"), "Tanggal surat", wajib=True, galat=GalatKlinik)
    if tgl_surat > jam.hari_ini():
        raise GalatKlinik("Tanggal surat tidak boleh setelah hari ini.")
    if db.session.scalar(
        select(KlinikPermohonan.id).where(
            KlinikPermohonan.unit_kerja_id == unit.id, KlinikPermohonan.nomor_surat == nomor
        )
    ):
        raise GalatKlinik(f"Surat nomor {nomor} dari {unit.nama_tampil} sudah pernah diajukan.")
    perihal = (
        teks(data.get("perihal"), "Perihal", maks=300, galat=GalatKlinik)
        or "Permohonan Layanan Coaching Clinic Penyusunan SKP Tahunan"
    )
    b = simpan_scan()
    p = KlinikPermohonan(
        unit_kerja_id=unit.id,
        pemohon_id=pemohon,
        diajukan_oleh=username,
        nomor_surat=nomor,
        tanggal_surat=tgl_surat,
        perihal=perihal,
        scan_nama_simpan=b.nama_simpan,
        scan_nama_asli=b.nama_asli,
        scan_content_type=b.content_type,
        status=SP.DIAJUKAN.value,
    )
    db.session.add(p)
    db.session.flush()
    catat(
        "klinik_permohonan",
        p.id,
        "tambah",
        sesudah={"unit_kerja_id": unit.id, "nomor_surat": nomor, "tanggal_surat": tgl_surat.isoformat()},
    )
    return p


def tim_aktif() -> list[KlinikTim]:
    return list(db.session.scalars(select(KlinikTim).where(KlinikTim.aktif.is_(True)).order_by(KlinikTim.nama)))


def disposisi(p: KlinikPermohonan, k, nama_pejabat: str, tim_id, catatan: str | None) -> None:
    """The head of BKPSDM (role PyB) dispositions the letter to the team (004 BAB III C.2)."""
    if not (k.role_names & {R.PYB, R.ADMIN}):
        raise GalatKlinik("Disposisi diberikan oleh Kepala BKPSDM.")
    if p.status != SP.DIAJUKAN.value:
        raise GalatKlinik("Permohonan ini sudah didisposisi.")
    tim = db.session.get(KlinikTim, bilangan(tim_id, "Tim coaching clinic", galat=GalatKlinik))
    if tim is None or not tim.aktif:
        raise GalatKlinik("Pilih tim coaching clinic yang aktif.")
    p.tim_id = tim.id
    p.status = SP.DIDISPOSISI.value
    p.disposisi_oleh_id = k.pegawai_id
    p.disposisi_oleh_nama = nama_pejabat
    p.tanggal_disposisi = jam.sekarang_utc()
    p.catatan_disposisi = teks(catatan, "Catatan disposisi", maks=2000, galat=GalatKlinik) or "Untuk difasilitasi."
    db.session.flush()
    catat(
        "klinik_permohonan",
        p.id,
        "ubah",
        sebelum={"status": "diajukan"},
        sesudah={"status": p.status, "tim_id": tim.id},
    )


def jadwalkan_kunjungan(p: KlinikPermohonan, k, data) -> KlinikSesi:
    """A member of the dispositioned team schedules the visit (and will run it)."""
    if p.status != SP.DIDISPOSISI.value:
        raise GalatKlinik("Kunjungan dijadwalkan setelah permohonan didisposisi dan sebelum ada jadwal aktif.")
    anggota = anggota_saya(k, p.tim_id)
    if not anggota:
        raise GalatKlinik("Hanya anggota tim yang menerima disposisi yang dapat menjadwalkan kunjungan.")
    mulai_ = _waktu(data.get("tanggal"), data.get("jam_mulai"), "mulai")
    selesai_ = _waktu(data.get("tanggal"), data.get("jam_selesai"), "selesai")
    if selesai_ <= mulai_:
        raise GalatKlinik("Jam selesai harus setelah jam mulai.")
    if mulai_ <= jam.sekarang():
        raise GalatKlinik("Jadwal kunjungan harus di masa depan.")
    lain = bentrok(anggota[0].id, mulai_, selesai_)
    if lain is not None:
        raise GalatKlinik(
            f"Anda sudah memiliki sesi lain pada {teks_tanggal(lain.mulai)}–{lain.selesai:%H.%M}; pilih waktu lain."
        )
    sesi = KlinikSesi(
        jenis=JenisSesiKlinik.UNIT.value,
        unit_kerja_id=p.unit_kerja_id,
        permohonan_id=p.id,
        anggota_id=anggota[0].id,
        mulai=mulai_,
        selesai=selesai_,
        tempat=teks(data.get("tempat"), "Tempat", maks=200, galat=GalatKlinik) or p.unit_kerja.nama,
        status=SS.DIPESAN.value,
    )
    db.session.add(sesi)
    p.status = SP.DIJADWALKAN.value
    db.session.flush()
    catat(
        "klinik_permohonan",
        p.id,
        "ubah",
        sebelum={"status": "didisposisi"},
        sesudah={"status": p.status, "sesi_id": sesi.id},
    )
    return sesi


# ---------------------------------------------------------------------------------------------------------
# slots (team members offer times)
# ---------------------------------------------------------------------------------------------------------


def buat_slot(k, data) -> list[KlinikSlot]:
    if pengelola(k):
        anggota = db.session.get(KlinikAnggota, bilangan(data.get("anggota_id"), "Anggota tim", galat=GalatKlinik))
        if anggota is None:
            raise GalatKlinik("Anggota tim tidak ditemukan.")
    else:
        mine = anggota_saya(k)
        if not mine:
            raise GalatKlinik("Anda bukan anggota aktif tim coaching clinic.")
        anggota = mine[0]
    if not anggota.aktif:
        raise GalatKlinik("Anggota tim ini tidak aktif.")
    mulai_ = _waktu(data.get("tanggal"), data.get("jam_mulai"), "mulai")
    selesai_ = _waktu(data.get("tanggal"), data.get("jam_selesai"), "selesai")
    if selesai_ <= mulai_:
        raise GalatKlinik("Jam selesai harus setelah jam mulai.")
    if mulai_ <= jam.sekarang():
        raise GalatKlinik("Slot harus di masa depan.")
    try:
        ulang = int(data.get("ulang") or 1)
    except ValueError:
        raise GalatKlinik("Jumlah pekan harus berupa angka 1–12.") from None
    if not 1 <= ulang <= 12:
        raise GalatKlinik("Jumlah pekan harus berupa angka 1–12.")
    tempat = teks(data.get("tempat"), "Tempat", maks=200, galat=GalatKlinik) or "Kantor BKPSDM"
    out = []
    for i in range(ulang):
        m, s = mulai_ + dt.timedelta(weeks=i), selesai_ + dt.timedelta(weeks=i)
        tumpang = db.session.scalar(
            select(KlinikSlot.mulai)
            .where(KlinikSlot.anggota_id == anggota.id, KlinikSlot.mulai < s, KlinikSlot.selesai > m)
            .limit(1)
        )
        if tumpang is not None:
            raise GalatKlinik(
                f"Slot {teks_tanggal(m)} bertumpang tindih dengan slot {teks_tanggal(tumpang)} yang sudah ada."
            )
        sl = KlinikSlot(anggota_id=anggota.id, mulai=m, selesai=s, tempat=tempat)
        db.session.add(sl)
        out.append(sl)
    db.session.flush()
    return out


# ---------------------------------------------------------------------------------------------------------
# satisfaction survey (anonymous by construction)
# ---------------------------------------------------------------------------------------------------------


def pertanyaan_aktif() -> list[KlinikPertanyaanSurvei]:
    return list(
        db.session.scalars(
            select(KlinikPertanyaanSurvei)
            .where(KlinikPertanyaanSurvei.aktif.is_(True))
            .order_by(KlinikPertanyaanSurvei.urutan, KlinikPertanyaanSurvei.id)
        )
    )


def survei_tertunda(pegawai_id: int | None):
    """Rows (sesi) whose survey the employee has not answered yet."""
    if not pegawai_id:
        return []
    return list(
        db.session.scalars(
            select(KlinikSesi)
            .join(KlinikSurveiToken, KlinikSurveiToken.sesi_id == KlinikSesi.id)
            .where(KlinikSurveiToken.pegawai_id == pegawai_id, KlinikSurveiToken.sudah_diisi.is_(False))
            .order_by(KlinikSesi.mulai.desc())
        )
    )


def isi_survei(sesi_id, pegawai_id: int | None, data) -> int:
    """Mark the token used (atomically: no double answers) and store the answers without respondent."""
    sid = bilangan(sesi_id, "Sesi", galat=GalatKlinik)
    if not pegawai_id:
        raise GalatKlinik("Akun Anda belum terhubung dengan data pegawai.")
    ada = db.session.scalar(
        select(KlinikSurveiToken.sudah_diisi).where(
            KlinikSurveiToken.sesi_id == sid, KlinikSurveiToken.pegawai_id == pegawai_id
        )
    )
    if ada is None:
        raise GalatKlinik("Anda bukan peserta sesi ini, atau survei sesi ini belum dibuka.")
    if ada:
        raise GalatKlinik("Survei kepuasan sesi ini sudah Anda isi. Terima kasih.")
    tanya = pertanyaan_aktif()
    if not tanya:
        raise GalatKlinik("Belum ada pertanyaan survei yang aktif.")
    baris = []
    for i, t in enumerate(tanya, 1):
        v = data.get(f"q{t.id}")
        try:
            nilai = int(v)
        except (TypeError, ValueError):
            raise GalatKlinik(f'Pertanyaan {i} ("{t.teks}") belum dijawab.') from None
        if not t.skala_min <= nilai <= t.skala_maks:
            raise GalatKlinik(f"Pertanyaan {i}: nilai harus {t.skala_min}–{t.skala_maks}.")
        baris.append({"sesi_id": sid, "pertanyaan_id": t.id, "nilai": nilai})
    res = db.session.execute(
        update(KlinikSurveiToken)
        .where(
            KlinikSurveiToken.sesi_id == sid,
            KlinikSurveiToken.pegawai_id == pegawai_id,
            KlinikSurveiToken.sudah_diisi.is_(False),
        )
        .values(sudah_diisi=True)
        .execution_options(synchronize_session=False)
    )
    if res.rowcount != 1:
        raise GalatKlinik("Survei kepuasan sesi ini sudah Anda isi. Terima kasih.")
    db.session.execute(insert(KlinikJawabanSurvei.__table__), baris)
    # deliberately no audit entry: who answered when would undo the anonymity
    return len(baris)


def _rentang(tahun: int, dari: dt.date | None, sampai: dt.date | None) -> tuple[dt.datetime, dt.datetime]:
    a = dt.datetime.combine(dari or dt.date(tahun, 1, 1), dt.time())
    b = dt.datetime.combine((sampai or dt.date(tahun, 12, 31)) + dt.timedelta(days=1), dt.time())
    return a, b


@dataclass
class BarisKepuasan:
    anggota_id: int
    nama: str
    responden: int
    sesi: int
    rata: dict  # pertanyaan_id → mean value (None when withheld)
    indeks: float | None  # 0–100 over all questions (None when withheld)


def hasil_survei(
    tahun: int, dari: dt.date | None = None, sampai: dt.date | None = None, anggota_pegawai_id: int | None = None
) -> list[BarisKepuasan]:
    """Per team member for the period: respondents (tokens used), mean per question, 0–100 index — withheld
    below MIN_RESPONDEN respondents. Sessions count in the period of their start."""
    a, b = _rentang(tahun, dari, sampai)
    sesi_f = [KlinikSesi.status == SS.SELESAI.value, KlinikSesi.mulai >= a, KlinikSesi.mulai < b]
    if anggota_pegawai_id is not None:
        sesi_f.append(KlinikAnggota.pegawai_id == anggota_pegawai_id)
    nama = {
        r[0]: r[1]
        for r in db.session.execute(
            select(KlinikAnggota.id, Pegawai.nama).join(Pegawai, Pegawai.id == KlinikAnggota.pegawai_id)
        )
    }
    resp = db.session.execute(
        select(KlinikSesi.anggota_id, func.count(KlinikSurveiToken.id), func.count(func.distinct(KlinikSesi.id)))
        .join(KlinikAnggota, KlinikAnggota.id == KlinikSesi.anggota_id)
        .join(KlinikSurveiToken, KlinikSurveiToken.sesi_id == KlinikSesi.id)
        .where(*sesi_f, KlinikSurveiToken.sudah_diisi.is_(True))
        .group_by(KlinikSesi.anggota_id)
    ).all()
    skala = {t.id: (t.skala_min, t.skala_maks) for t in db.session.scalars(select(KlinikPertanyaanSurvei))}
    rata_rows = db.session.execute(
        select(
            KlinikSesi.anggota_id,
            KlinikJawabanSurvei.pertanyaan_id,
            func.avg(KlinikJawabanSurvei.nilai),
            func.count(KlinikJawabanSurvei.id),
        )
        .join(KlinikAnggota, KlinikAnggota.id == KlinikSesi.anggota_id)
        .join(KlinikJawabanSurvei, KlinikJawabanSurvei.sesi_id == KlinikSesi.id)
        .where(*sesi_f)
        .group_by(KlinikSesi.anggota_id, KlinikJawabanSurvei.pertanyaan_id)
    ).all()
    per = {}
    for aid, qid, avg, n in rata_rows:
        per.setdefault(aid, {})[qid] = (float(avg), n)
    out = []
    for aid, n_resp, n_sesi in resp:
        cukup = n_resp >= MIN_RESPONDEN
        rata = {qid: (round(v, 2) if cukup else None) for qid, (v, _n) in per.get(aid, {}).items()}
        indeks = None
        if cukup and per.get(aid):
            tot = sum(((v - skala[q][0]) / (skala[q][1] - skala[q][0])) * n for q, (v, n) in per[aid].items())
            indeks = round(100 * tot / sum(n for _v, n in per[aid].values()), 1)
        out.append(BarisKepuasan(aid, nama.get(aid, "?"), n_resp, n_sesi, rata, indeks))
    return sorted(out, key=lambda r: r.nama)


# ---------------------------------------------------------------------------------------------------------
# evaluation report and the success measure (004 BAB I B.3: completion above 90 %)
# ---------------------------------------------------------------------------------------------------------


def laporan_periode(
    tahun: int, dari: dt.date | None = None, sampai: dt.date | None = None, anggota_pegawai_id: int | None = None
) -> dict:
    """Sessions held (by kind), cancelled/rescheduled, units served, participants, SKP discussed/worked on."""
    a, b = _rentang(tahun, dari, sampai)
    f = [KlinikSesi.mulai >= a, KlinikSesi.mulai < b]
    if anggota_pegawai_id is not None:
        f.append(
            KlinikSesi.anggota_id.in_(select(KlinikAnggota.id).where(KlinikAnggota.pegawai_id == anggota_pegawai_id))
        )
    selesai_ = KlinikSesi.status == SS.SELESAI.value
    individu = KlinikSesi.jenis == JenisSesiKlinik.INDIVIDU.value
    r = db.session.execute(
        select(
            func.count(case((and_(selesai_, individu), 1))),
            func.count(case((and_(selesai_, ~individu), 1))),
            func.count(case((KlinikSesi.status == SS.DIBATALKAN.value, 1))),
            func.count(case((KlinikSesi.status == SS.DIJADWALKAN_ULANG.value, 1))),
            func.count(case((KlinikSesi.status.in_(TERBUKA), 1))),
            func.count(func.distinct(case((and_(selesai_, ~individu), KlinikSesi.unit_kerja_id)))),
            func.count(case((and_(selesai_, KlinikSesi.skp_id.is_not(None)), 1))),
            func.count(case((and_(selesai_, KlinikSesi.skp_versi_akhir > KlinikSesi.skp_versi_awal), 1))),
        ).where(*f)
    ).one()
    peserta_unit = (
        db.session.scalar(
            select(func.count(KlinikPeserta.id))
            .join(KlinikSesi, KlinikSesi.id == KlinikPeserta.sesi_id)
            .where(*f, selesai_, KlinikPeserta.hadir.is_(True))
        )
        or 0
    )
    return {
        "sesi_individu": r[0],
        "sesi_unit": r[1],
        "dibatalkan": r[2],
        "dijadwalkan_ulang": r[3],
        "terjadwal": r[4],
        "unit_dilayani": r[5],
        "skp_dibahas": r[6],
        "skp_diperbaiki": r[7],
        "peserta": r[0] + peserta_unit,
        "peserta_unit": peserta_unit,
    }


def target_unit_stmt(tahun: int):
    """Subquery (instansi_id, target) from konfigurasi_periode for the year."""
    return (
        select(
            KonfigurasiPeriode.instansi_id.label("instansi_id"),
            KonfigurasiPeriode.target_penyelesaian_skp.label("target"),
        )
        .where(KonfigurasiPeriode.tahun == tahun)
        .subquery("target_klinik")
    )


def _skp_selesai_kini(tahun: int):
    """The employee has an SKP for the year in force and set (ditetapkan / diubah, aktif)."""
    return exists().where(
        SKP.pegawai_id == Pegawai.id, SKP.tahun == tahun, SKP.aktif.is_(True), SKP.status.in_(TERKUNCI)
    )


def _skp_selesai_pada(tahun: int, waktu):
    """… had one set before ``waktu`` (any version: a later superseded version was in force then)."""
    return exists().where(
        SKP.pegawai_id == Pegawai.id, SKP.tahun == tahun, SKP.status.in_(TERKUNCI), SKP.tanggal_ditetapkan < waktu
    )


def penyelesaian_skp(tahun: int) -> list[dict]:
    """Per perangkat daerah: employees who must have an SKP (status, app.rules.wajib_skp), those whose SKP for
    the year is set, the rate and the configured target (default 90). One grouped query."""
    p = cte_puncak()
    tg = target_unit_stmt(tahun)
    hitung = (
        select(
            p.c.puncak.label("unit_id"),
            func.count(Pegawai.id).label("wajib"),
            func.count(case((_skp_selesai_kini(tahun), 1))).label("selesai"),
        )
        .select_from(Pegawai)
        .join(p, p.c.id == Pegawai.unit_kerja_id)
        .where(Pegawai.status.in_(STATUS_WAJIB_SKP))
        .group_by(p.c.puncak)
        .subquery("hitung")
    )
    rows = db.session.execute(
        select(UnitKerja.id, UnitKerja.nama_tampil, hitung.c.wajib, hitung.c.selesai, tg.c.target)
        .join(hitung, hitung.c.unit_id == UnitKerja.id)
        .outerjoin(tg, tg.c.instansi_id == UnitKerja.instansi_id)
        .order_by(UnitKerja.nama)
    ).all()
    out = []
    for uid, nama, wajib, selesai_, target in rows:
        target = TARGET_BAWAAN if target is None else target
        persen = round(100 * selesai_ / wajib, 1) if wajib else None
        out.append(
            {
                "unit_id": uid,
                "nama": nama,
                "wajib": wajib,
                "selesai": selesai_,
                "persen": persen,
                "target": target,
                "tercapai": persen is not None and persen >= target,
            }
        )
    return out


def tren_klinik(tahun: int) -> list[dict]:
    """Per completed unit visit of the year: the unit's completion rate when the clinic started vs now."""
    p = cte_puncak()
    k = (
        select(
            KlinikSesi.id.label("sesi_id"), KlinikSesi.unit_kerja_id.label("unit_id"), KlinikSesi.mulai.label("mulai")
        )
        .where(
            KlinikSesi.jenis == JenisSesiKlinik.UNIT.value,
            KlinikSesi.status == SS.SELESAI.value,
            KlinikSesi.mulai >= dt.datetime(tahun, 1, 1),
            KlinikSesi.mulai < dt.datetime(tahun + 1, 1, 1),
        )
        .subquery("klinik")
    )
    rows = db.session.execute(
        select(
            k.c.sesi_id,
            k.c.unit_id,
            k.c.mulai,
            func.count(Pegawai.id),
            func.count(case((_skp_selesai_pada(tahun, k.c.mulai), 1))),
            func.count(case((_skp_selesai_kini(tahun), 1))),
        )
        .select_from(k)
        .join(p, p.c.puncak == k.c.unit_id)
        .join(Pegawai, Pegawai.unit_kerja_id == p.c.id)
        .where(Pegawai.status.in_(STATUS_WAJIB_SKP))
        .group_by(k.c.sesi_id, k.c.unit_id, k.c.mulai)
        .order_by(k.c.mulai, k.c.sesi_id)
    ).all()
    nama = (
        dict(
            db.session.execute(
                select(UnitKerja.id, UnitKerja.nama_tampil).where(UnitKerja.id.in_({r[1] for r in rows}))
            ).all()
        )
        if rows
        else {}
    )
    out = []
    for sid, uid, mulai_, wajib, sebelum, kini in rows:
        ps = round(100 * sebelum / wajib, 1) if wajib else None
        pk = round(100 * kini / wajib, 1) if wajib else None
        out.append(
            {
                "sesi_id": sid,
                "unit_id": uid,
                "nama": nama.get(uid, ""),
                "tanggal": mulai_,
                "wajib": wajib,
                "selesai_sebelum": sebelum,
                "selesai_kini": kini,
                "persen_sebelum": ps,
                "persen_kini": pk,
                "selisih": None if ps is None else round(pk - ps, 1),
            }
        )
    return out


# ---------------------------------------------------------------------------------------------------------
# activity report (laporan hasil kegiatan, 004 BAB III C.2)
# ---------------------------------------------------------------------------------------------------------


def muat_sesi(sesi_id, klausa) -> KlinikSesi | None:
    try:
        sid = int(sesi_id)
    except (TypeError, ValueError):
        return None
    if not 0 < sid < 2**31:
        return None
    return db.session.scalar(select(KlinikSesi).where(KlinikSesi.id == sid).where(klausa))


def muat_permohonan(pid, klausa) -> KlinikPermohonan | None:
    try:
        i = int(pid)
    except (TypeError, ValueError):
        return None
    if not 0 < i < 2**31:
        return None
    return db.session.scalar(select(KlinikPermohonan).where(KlinikPermohonan.id == i).where(klausa))


def xlsx_laporan(sesi: KlinikSesi, pengekspor: str):
    """The activity report as a workbook: identity, notes, participants in practice order, Q&A."""

    def aman(v):
        return v

    wb = Workbook()
    ws = wb.active
    ws.title = "Laporan"
    b = Font(bold=True)
    ws.append(["LAPORAN HASIL KEGIATAN LAYANAN COACHING CLINIC SKP"])
    ws["A1"].font = Font(bold=True, size=13)
    unit = (
        sesi.unit_kerja.nama_tampil
        if sesi.unit_kerja
        else (sesi.pegawai.unit_kerja.nama_tampil if sesi.pegawai and sesi.pegawai.unit_kerja else "")
    )
    for label, v in (
        ("Jenis layanan", "Layanan ke unit (SKPD)" if sesi.jenis == "unit" else "Layanan individual"),
        ("Unit kerja", unit),
        ("Nomor surat permohonan", sesi.permohonan.nomor_surat if sesi.permohonan else ""),
        ("Tanggal surat", sesi.permohonan.tanggal_surat if sesi.permohonan else None),
        ("Waktu", sesi.mulai),
        ("Tempat", sesi.tempat or ""),
        ("Anggota tim", sesi.anggota.pegawai.nama_lengkap),
        ("Status", SS(sesi.status).label),
        ("Materi", sesi.materi or ""),
        ("Catatan", sesi.catatan or ""),
        ("Masalah yang ditemukan", sesi.masalah_ditemukan or ""),
    ):
        ws.append([label, aman(v)])
        ws.cell(ws.max_row, 1).font = b
        if isinstance(v, (dt.date, dt.datetime)):
            ws.cell(ws.max_row, 2).number_format = FORMAT_WAKTU if isinstance(v, dt.datetime) else FORMAT_TANGGAL
    ws.append([])
    ws.append(["PESERTA (urutan praktik penyusunan SKP)"])
    ws.cell(ws.max_row, 1).font = b
    ws.append(["No", "NIP", "Nama", "Jabatan", "Kelompok", "Hadir"])
    for c in ws[ws.max_row]:
        c.font = b
    for i, ps in enumerate(sesi.peserta, 1):
        ws.append(
            [
                i,
                ps.pegawai.nip,
                aman(ps.pegawai.nama_lengkap),
                aman(ps.jabatan_nama or ""),
                LABEL_URUTAN.get(ps.urutan_praktik, ""),
                "Ya" if ps.hadir else "Tidak",
            ]
        )
        ws.cell(ws.max_row, 2).number_format = "@"
    ws.append([])
    ws.append(["TANYA JAWAB"])
    ws.cell(ws.max_row, 1).font = b
    ws.append(["No", "Penanya", "Pertanyaan", "Jawaban"])
    for c in ws[ws.max_row]:
        c.font = b
    for tj in sesi.tanya_jawab:
        ws.append([tj.urutan, aman(tj.penanya or ""), aman(tj.pertanyaan), aman(tj.jawaban or "")])
    ws.append([])
    ws.append([f"Diekspor oleh {pengekspor} pada {teks_tanggal(jam.sekarang())}"])
    for row in ws.iter_rows():  # formula injection: user text stays text, never a formula
        for c in row:
            if berbahaya(c.value):
                c.data_type = "s"
    for col, w in zip("ABCDEF", (24, 22, 36, 40, 26, 8)):
        ws.column_dimensions[col].width = w
    f = tempfile.TemporaryFile()
    wb.save(f)
    f.seek(0)
    return f
