"""Celery, when a broker is configured (``REDIS_URL`` or ``CELERY_BROKER_URL``): background jobs and the daily
schedule run on workers of any machine; without one, the embedded runner (threads, app/pekerjaan.py) and cron
(``flask --app run jadwal``) do the same work through the same functions.

* ``kinerja.pekerjaan(pid)`` runs ``app.pekerjaan.jalankan`` — the job's work, input and result are in the
  database, so the message carries only the id. ``acks_late`` + ``reject_on_worker_lost``: a worker killed
  mid-job does not lose the message; the redelivered message finds the job no longer queued (the claim is one
  conditional UPDATE) and does nothing, while the dead job, silent past ``PEKERJAAN_BATAS_DETAK``, is marked
  "gagal" with its transaction rolled back — never half-written.
* ``kinerja.harian`` runs app/jadwal.py under Celery beat at ``JADWAL_JAM`` local time (``ZONA_WAKTU``);
  ``kinerja.siasn`` sends the SIASN outbox every ``SIASN_KIRIM_DETIK`` where SIASN is configured;
  ``kinerja.surel`` sends the email outbox every ``SURAT_DIKIRIM_DETIK`` where ``SMTP_HOST`` is set.

Workers: ``celery -A app.pekerja worker``; beat: ``celery -A app.pekerja beat`` (deploy/ has unit files).
"""

from __future__ import annotations

import datetime as dt

from celery import Celery
from celery.schedules import crontab
from flask import Flask

from app import jadwal, pekerjaan, surel
from app.siasn.klien import pengaturan


def _jadwal(app: Flask):
    detik = app.config.get("JADWAL_SETIAP_DETIK")
    if detik:
        return dt.timedelta(seconds=float(detik))
    jam_, _, menit = str(app.config.get("JADWAL_JAM") or "01:30").partition(":")
    return crontab(hour=int(jam_), minute=int(menit or 0))


def _opsi_transport(app: Flask) -> dict:
    """Redis: a message not acknowledged within ``visibility_timeout`` (its worker died) is delivered again; the
    check for such messages runs every few seconds (kombu's default is about 100 s)."""
    batas = int(app.config.get("CELERY_VISIBILITY_TIMEOUT") or 3600)
    return {
        "visibility_timeout": batas,
        "unacked_restore_interval": max(1, min(10, batas // 3)),
        "unacked_restore_throttle": 1,
    }


def _jadwal_beat(app: Flask) -> dict:
    jadwal_ = {"kinerja-harian": {"task": "kinerja.harian", "schedule": _jadwal(app)}}
    if pengaturan(app.config) is not None:  # the outbox is sent only where SIASN is configured
        detik = float(app.config.get("SIASN_KIRIM_DETIK") or 300)
        jadwal_["kinerja-siasn"] = {"task": "kinerja.siasn", "schedule": dt.timedelta(seconds=detik)}
    if surel.pengaturan(app.config) is not None:  # email notifications only where SMTP is configured
        detik = float(app.config.get("SURAT_DIKIRIM_DETIK") or 120)
        jadwal_["kinerja-surel"] = {"task": "kinerja.surel", "schedule": dt.timedelta(seconds=detik)}
    return jadwal_


def pasang(app: Flask) -> Celery | None:
    """Register the Celery app on ``app.extensions["celery"]`` when a broker is configured."""
    url = app.config.get("CELERY_BROKER_URL")
    if not url:
        return None
    c = Celery("kinerja", broker=url, set_as_current=False)
    c.conf.update(
        task_acks_late=True,
        task_reject_on_worker_lost=True,
        worker_prefetch_multiplier=1,  # a long import does not hold other jobs hostage in its prefetch
        task_ignore_result=True,  # results live in the pekerjaan table
        broker_connection_retry_on_startup=True,
        broker_transport_options=_opsi_transport(app),
        timezone=app.config.get("ZONA_WAKTU") or "Asia/Jakarta",
        beat_schedule=_jadwal_beat(app),
        worker_hijack_root_logger=False,
    )

    @c.task(name="kinerja.pekerjaan")
    def tugas_pekerjaan(pid: int) -> bool:
        return pekerjaan.jalankan(app, int(pid))

    @c.task(name="kinerja.harian")
    def tugas_harian() -> dict[str, str]:
        return jadwal.jalankan_harian(app)

    @c.task(name="kinerja.siasn")
    def tugas_siasn() -> dict[str, int] | None:
        return jadwal.kirim_siasn(app)

    @c.task(name="kinerja.surel")
    def tugas_surel() -> dict[str, int] | None:
        return jadwal.kirim_surel(app)

    app.extensions["celery"] = c
    return c
