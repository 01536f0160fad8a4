"""Keberatan (R7): filing, explanations, the atasan's decision and D.1.3."""

from __future__ import annotations

import datetime as dt
import hashlib

from sqlalchemy import bindparam, select

from app import jam
from app.aksi import cek_versi, teks
from app.extensions import db
from app.format import tanggal_saja
from app.queries import notifikasi_kejadian as q_kejadian
from app.queries import siasn as q_siasn  # the outbox row lands in the transaction that makes ev final
from app.queries.penilaian.kalender import cuti_bersama
from app.queries.penilaian.kewenangan import adalah_admin
from app.queries.penilaian.tanda_tangan import hash_evaluasi, identitas
from app.queries.penilaian.umum import SD, GalatPenilaian
from app.rules import KeputusanKeberatan, Predikat, cek_keberatan, format_dokumen_evaluasi
from app.rules.waktu import (
    HARI_KERJA_KEBERATAN,
    tenggat_atasan_penyampaian,
    tenggat_keputusan_keberatan,
    tenggat_pengajuan_keberatan,
)
from app.security import roles as R
from schema.enums import DinilaiOleh, JenisDokumen, PeranTandaTangan
from schema.models import CatatanPerilaku, EvaluasiKinerja, Keberatan, RatingRHK, TandaTangan


def info_keberatan(ev, hari: dt.date | None = None) -> dict:
    """May the employee object now? With the deadline date to show."""
    hari = hari or jam.hari_ini()
    cuti = cuti_bersama()
    batas = tenggat_pengajuan_keberatan(ev.tanggal_diterima, cuti) if ev.tanggal_diterima else None
    pesan = []
    if not ev.aktif:
        pesan.append("Evaluasi ini sudah digantikan.")
    if ev.status_dokumen not in (SD.DITERIMA.value, SD.DIKEMBALIKAN.value, SD.FINAL.value) or not ev.tanggal_diterima:
        pesan.append("Keberatan diajukan setelah dokumen evaluasi diterima.")
    pesan += cek_keberatan(
        dinilai_oleh_atasan_karena_terlambat=bool(ev.is_final),
        dinilai_kepala_daerah=ev.dinilai_oleh == DinilaiOleh.KEPALA_DAERAH.value,
        tanggal_terima=ev.tanggal_diterima,
        tanggal_pengajuan=hari if ev.tanggal_diterima else None,
        cuti_bersama=cuti,
    )
    if ev.dinilai_oleh == DinilaiOleh.KEPALA_DAERAH.value:
        pesan.append(
            "Evaluasi pejabat pimpinan tinggi / pimpinan unit kerja mandiri oleh Kepala Daerah bersifat "
            'final (001 Lampiran "Evaluasi Kinerja" 12 c, e).'
        )
    elif ev.is_final and ev.format_dokumen == "D.1.2":
        pesan.append(
            "Evaluasi oleh atasan pejabat penilai karena pejabat penilai terlambat bersifat final "
            '(001 Lampiran "Evaluasi Kinerja" 11).'
        )
    if ev.format_dokumen == "D.1.3":
        pesan.append("Dokumen ini adalah hasil keputusan atas keberatan.")
    if batas and hari > batas:
        pesan.append(f"Batas pengajuan keberatan adalah {tanggal_saja(batas)}.")
    # before receipt: the path the employee will have (R7), unless the result is final or a D.1.3 decision
    jalur = None
    if (
        ev.status_dokumen == SD.DISAMPAIKAN.value
        and ev.aktif
        and ev.format_dokumen != "D.1.3"
        and not cek_keberatan(
            dinilai_oleh_atasan_karena_terlambat=bool(ev.is_final),
            dinilai_kepala_daerah=ev.dinilai_oleh == DinilaiOleh.KEPALA_DAERAH.value,
        )
    ):
        jalur = {"hari_kerja": HARI_KERJA_KEBERATAN, "hari": hari, "batas": tenggat_pengajuan_keberatan(hari, cuti)}
    return {"boleh": not pesan, "pesan": list(dict.fromkeys(pesan)), "batas": batas, "jalur": jalur}


def ajukan_keberatan(ev, k, alasan: str) -> Keberatan:
    if not (k.pegawai_id and k.pegawai_id == ev.pegawai_id):
        raise GalatPenilaian("Keberatan diajukan oleh pegawai yang dinilai.")
    if db.session.scalar(select(Keberatan.id).where(Keberatan.evaluasi_id == ev.id)):
        raise GalatPenilaian("Keberatan atas evaluasi ini sudah diajukan.")
    alasan = teks(alasan, "Alasan keberatan", maks=4000, galat=GalatPenilaian)
    if not alasan:
        raise GalatPenilaian("Alasan keberatan wajib diisi.")
    info = info_keberatan(ev)
    if not info["boleh"]:
        raise GalatPenilaian("Keberatan tidak dapat diajukan: " + " ".join(info["pesan"]))
    hari = jam.hari_ini()
    kb = Keberatan(
        evaluasi_id=ev.id,
        pegawai_id=ev.pegawai_id,
        tanggal_pengajuan=hari,
        alasan=alasan,
        tenggat_keputusan=tenggat_keputusan_keberatan(hari, cuti_bersama()),
    )
    db.session.add(kb)
    db.session.flush()
    q_kejadian.keberatan_diajukan(kb, ev)  # the atasan decides within 7 working days (R7)
    return kb


def _wajib_atasan(kb, k) -> EvaluasiKinerja:
    ev = db.session.get(EvaluasiKinerja, kb.evaluasi_id)
    if not (adalah_admin(k) or (k.pegawai_id and k.pegawai_id == ev.atasan_penilai_id and R.ATASAN in k.role_names)):
        raise GalatPenilaian("Keberatan diputus oleh atasan pejabat penilai kinerja pegawai yang bersangkutan.")
    if kb.keputusan:
        raise GalatPenilaian("Keberatan ini sudah diputus.")
    return ev


def catat_penjelasan(kb, k, penjelasan_penilai, penjelasan_pegawai, versi=None):
    _wajib_atasan(kb, k)
    cek_versi(kb, versi, galat=GalatPenilaian)
    kb.penjelasan_penilai = teks(penjelasan_penilai, "Penjelasan pejabat penilai", maks=4000, galat=GalatPenilaian)
    kb.penjelasan_pegawai = teks(penjelasan_pegawai, "Penjelasan pegawai", maks=4000, galat=GalatPenilaian)
    db.session.flush()


def putuskan(kb, k, user, keputusan, predikat_baru=None, rekomendasi_baru=None, versi=None) -> EvaluasiKinerja | None:
    """The atasan decides after hearing both sides (001 Lampiran "Keberatan" 5–7): menguatkan keeps the
    document (now final); mengubah creates the D.1.3 document with the new predikat and recommendation — the
    old one stays in history (aktif = false)."""
    ev = _wajib_atasan(kb, k)
    cek_versi(kb, versi, galat=GalatPenilaian)
    try:
        kep = KeputusanKeberatan.coerce(keputusan or "")
    except ValueError:
        raise GalatPenilaian("Pilih keputusan: menguatkan atau mengubah.") from None
    if not kb.penjelasan_penilai or not kb.penjelasan_pegawai:
        raise GalatPenilaian(
            'Catat penjelasan pejabat penilai dan penjelasan pegawai sebelum memutuskan (001 Lampiran "Keberatan" 5).'
        )
    hari = jam.hari_ini()
    kb.keputusan = kep.value
    kb.tanggal_keputusan = hari
    kb.diputuskan_oleh_id = k.pegawai_id
    if kep is KeputusanKeberatan.MENGUATKAN:
        ev.status_dokumen = SD.FINAL.value
        db.session.flush()
        q_siasn.antrekan_bila_final(ev, "Keberatan diputuskan: menguatkan.")
        q_kejadian.keberatan_diputus(kb, ev)
        return None
    try:
        pb = Predikat.coerce(predikat_baru or "")
    except ValueError:
        raise GalatPenilaian("Predikat baru wajib dipilih bila keputusan mengubah hasil evaluasi.") from None
    rek = teks(rekomendasi_baru, "Rekomendasi baru", maks=4000, galat=GalatPenilaian)
    if not rek:
        raise GalatPenilaian("Rekomendasi baru wajib diisi bila keputusan mengubah hasil evaluasi.")
    kb.predikat_baru, kb.rekomendasi_baru = pb.value, rek
    ev.aktif = False
    ev.status_dokumen = SD.FINAL.value
    db.session.flush()  # the old one leaves the "one active evaluation" index before the new one arrives
    salin = {
        c.key: getattr(ev, c.key)
        for c in EvaluasiKinerja.__table__.columns
        if c.key not in ("id", "versi", "dibuat_pada", "diubah_pada")
    }
    cuti = cuti_bersama()
    salin.update(
        aktif=True,
        predikat=pb.value,
        catatan_rekomendasi=rek,
        evaluasi_sebelumnya_id=ev.id,
        format_dokumen=format_dokumen_evaluasi(keputusan_keberatan=kep),
        is_final=True,
        status_dokumen=SD.DITANDATANGANI.value,
        tanggal_ditandatangani=jam.sekarang_utc(),
        tanggal_disampaikan=None,
        tanggal_diterima=None,
        tanggal_dikembalikan=None,
        tanggal_dilaporkan=None,
        tenggat_penyampaian=tenggat_atasan_penyampaian(hari, cuti),
        tenggat_pengembalian=None,
        dinilai_oleh=ev.dinilai_oleh,
    )
    baru = EvaluasiKinerja(**salin)
    db.session.add(baru)
    db.session.flush()
    for r in ev.rating_rhk:
        db.session.add(RatingRHK(evaluasi_id=baru.id, rhk_id=r.rhk_id, rating=r.rating, catatan=r.catatan))
    for nid, c in db.session.execute(
        select(CatatanPerilaku.nilai_inti_id, CatatanPerilaku.catatan).where(CatatanPerilaku.evaluasi_id == ev.id)
    ).all():
        db.session.add(CatatanPerilaku(evaluasi_id=baru.id, nilai_inti_id=nid, catatan=c))
    kb.evaluasi_baru_id = baru.id
    db.session.flush()
    ident = identitas(k.pegawai_id) if k.pegawai_id else {"nama": None, "nip": None}
    db.session.add(
        TandaTangan(
            jenis_dokumen=JenisDokumen.EVALUASI.value,
            dokumen_id=baru.id,
            peran=PeranTandaTangan.ATASAN_PENILAI.value,
            pegawai_id=k.pegawai_id,
            user_id=getattr(user, "id", None),
            nama=ident["nama"] or "—",
            nip=ident["nip"],
            waktu=jam.sekarang_utc(),
            hash_sha256=hash_evaluasi(baru),
        )
    )
    db.session.add(
        TandaTangan(
            jenis_dokumen=JenisDokumen.KEBERATAN.value,
            dokumen_id=kb.id,
            peran=PeranTandaTangan.ATASAN_PENILAI.value,
            pegawai_id=k.pegawai_id,
            user_id=getattr(user, "id", None),
            nama=ident["nama"] or "—",
            nip=ident["nip"],
            waktu=jam.sekarang_utc(),
            hash_sha256=hashlib.sha256(
                f"{kb.id}|{kb.keputusan}|{kb.predikat_baru}|{kb.rekomendasi_baru}".encode()
            ).hexdigest(),
        )
    )
    db.session.flush()
    q_kejadian.keberatan_diputus(kb, ev)
    return baru


_RIWAYAT = (  # built once: read on every evaluation page
    select(EvaluasiKinerja)
    .where(
        EvaluasiKinerja.pegawai_id == bindparam("pegawai"),
        EvaluasiKinerja.jenis == bindparam("jenis"),
        EvaluasiKinerja.tahun == bindparam("tahun"),
        EvaluasiKinerja.periode_nomor == bindparam("nomor"),
    )
    .order_by(EvaluasiKinerja.id)
)


def riwayat(ev) -> list[EvaluasiKinerja]:
    """The chain of documents (D.1.1/D.1.2 → D.1.3) for one employee and period, oldest first."""
    param = {"pegawai": ev.pegawai_id, "jenis": ev.jenis, "tahun": ev.tahun, "nomor": ev.periode_nomor}
    return db.session.scalars(_RIWAYAT, param).all()
