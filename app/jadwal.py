"""Daily work, once per local day whoever triggers it: Celery beat (app/antrean.py), cron running
``flask --app run jadwal`` on a single node, or a second beat by mistake — the ``jadwal_jalan`` row
(task, local date) is the claim, inserted before the work.

Tasks are plain functions of the app that return a short Indonesian summary, run in the order of ``TUGAS``
(deadline reminders before the email outbox, so they are mailed in the same run).
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from flask import Flask
from sqlalchemy import insert, select, update
from sqlalchemy.exc import IntegrityError

from app import jam, pekerjaan, surel
from app.excel import formulir_d
from app.extensions import db
from app.queries import notifikasi as q_notifikasi
from app.queries import pemantauan as q_pantau
from app.queries import pengingat as q_pengingat
from app.queries import siasn as q_siasn
from app.queries import tarik_siasn as q_tarik
from app.siasn.klien import GalatSiasn
from schema.models import Pegawai
from schema.models.pekerjaan import JadwalJalan

log = logging.getLogger(__name__)


def _bersihkan_pekerjaan(app: Flask) -> str:
    """Jobs of dead runners → gagal, ended jobs' inputs and results older than PEKERJAAN_SIMPAN_HARI deleted."""
    return f"{pekerjaan.bersihkan(app)} berkas dibersihkan"


def _siasn_jatuh_tempo(app: Flask) -> str:
    """Results whose keberatan window passed today go to the SIASN outbox (sent by ``kirim_siasn``)."""
    n = q_siasn.antrekan_jatuh_tempo()
    db.session.commit()
    return f"{n} hasil evaluasi masuk antrean SIASN"


def _tarik_siasn(app: Flask) -> str:
    """Prepares — never applies — the SIASN diff of every employee with a NIP; an operator reviews and applies it
    in Data Induk → Tarik dari SIASN. A SIASN failure prepares nothing (the summary says why)."""
    k = q_siasn.klien(app.config)
    if k is None:
        return "integrasi SIASN belum dinyalakan"
    nips = list(db.session.scalars(select(Pegawai.nip).order_by(Pegawai.nip)))
    try:
        isi = q_tarik.siapkan(k, nips)
    except GalatSiasn as e:
        db.session.rollback()
        return f"gagal: {e}"
    q_tarik.simpan(isi, "harian", "Seluruh pegawai (tugas harian)")
    db.session.commit()
    return q_tarik.ringkasan(isi)


def _ringkasan_cakupan(app: Flask) -> str:
    """Coverage summaries (app/queries/pemantauan.py): current and previous semester recomputed, older dropped."""
    dihitung, dibuang = q_pantau.segarkan_periode_aktif(jam.hari_ini())
    db.session.commit()
    return f"{dihitung} ringkasan cakupan pemantauan dihitung ulang, {dibuang} ringkasan lama dibuang"


def _pengingat_tenggat(app: Flask) -> str:
    """H-3, H-1, H and overdue reminders of today's local date (each once per person, deadline and step)."""
    n = q_pengingat.ingatkan()
    db.session.commit()
    return f"{n} pengingat tenggat dibuat"


def _ringkasan_harian(app: Flask) -> str:
    """One digest email per user who chose it, before the email run."""
    n = q_notifikasi.buat_ringkasan(jam.hari_ini())
    db.session.commit()
    return f"{n} ringkasan harian dibuat"


def _kirim_surel(app: Flask) -> str:
    """The email outbox, at least daily (Celery beat also sends it every SURAT_DIKIRIM_DETIK)."""
    h = surel.kirim_surel_menunggu(app.config)
    if h is None:
        return "SMTP belum diatur"
    return f"{h['terkirim']} surel terkirim, {h['coba_lagi']} menunggu dicoba lagi, {h['gagal']} gagal"


TUGAS: dict[str, Callable[[Flask], str]] = {
    "bersihkan_pekerjaan": _bersihkan_pekerjaan,
    "siasn_jatuh_tempo": _siasn_jatuh_tempo,
    "tarik_siasn": _tarik_siasn,
    "ringkasan_cakupan": _ringkasan_cakupan,
    "pengingat_tenggat": _pengingat_tenggat,  # before the email run: today's reminders leave the same night
    "ringkasan_harian": _ringkasan_harian,
    "kirim_surel": _kirim_surel,
}


def kirim_siasn(app: Flask) -> dict[str, int] | None:
    """Send the SIASN outbox's due rows (beat every SIASN_KIRIM_DETIK, or cron); None when SIASN is off."""
    with app.app_context():
        try:
            k = q_siasn.klien(app.config)
            return None if k is None else q_siasn.kirim_menunggu(k, berkas=formulir_d.berkas_evaluasi)
        finally:
            db.session.remove()


def kirim_surel(app: Flask) -> dict[str, int] | None:
    """Send the email outbox's due rows (beat every SURAT_DIKIRIM_DETIK, or cron); None when SMTP is off."""
    with app.app_context():
        try:
            return surel.kirim_surel_menunggu(app.config)
        finally:
            db.session.remove()


def jalankan_harian(app: Flask) -> dict[str, str]:
    """Run every daily task not yet run today (local date); returns task → summary ("sudah berjalan" if claimed)."""
    hasil: dict[str, str] = {}
    with app.app_context():
        try:
            hari = jam.hari_ini()
            for nama, fungsi in TUGAS.items():
                try:
                    db.session.execute(
                        insert(JadwalJalan).values(nama=nama, tanggal=hari, mulai_pada=jam.sekarang_utc())
                    )
                    db.session.commit()
                except IntegrityError:
                    db.session.rollback()
                    hasil[nama] = "sudah berjalan hari ini"
                    continue
                try:
                    ringkasan = fungsi(app)
                except Exception as e:  # recorded; the other tasks still run
                    db.session.rollback()
                    log.exception("tugas harian %s gagal", nama)
                    ringkasan = f"gagal: {type(e).__name__}"
                db.session.execute(
                    update(JadwalJalan)
                    .where(JadwalJalan.nama == nama, JadwalJalan.tanggal == hari)
                    .values(selesai_pada=jam.sekarang_utc(), hasil=ringkasan[:500])
                )
                db.session.commit()
                hasil[nama] = ringkasan
        finally:
            db.session.remove()
    return hasil
