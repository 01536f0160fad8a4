"""Background jobs (issue 11): imports, big exports and bulk work never hold the browser's request.

``mulai(jenis, judul, fungsi, *args)`` records a ``pekerjaan`` row (antri), commits, and runs
``fungsi(lapor, *args)`` in a worker thread with **its own** app/request context and DB session, as
the owner (``g.user``: scope clauses and the audit trail work as in the request). The status is in
the database, so with gunicorn any worker answers ``/pekerjaan/<id>``.

One transaction: the job's writes and its "selesai" row are committed together; on any error the
job's work is rolled back, a half-written result file is deleted, and only the "gagal" row (with an
Indonesian message) is committed. Progress (``lapor``) is written on a separate short connection so
the poller sees it while the work transaction is still open — call it while reading/validating, not
once the job has begun writing (on SQLite a second writer would wait for the first).

``PEKERJAAN_SINKRON`` (tests) runs the same thread but waits for it before answering.
"""
from __future__ import annotations

import json
import logging
import re
import secrets
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from flask import current_app, g, request
from sqlalchemy import update

from app.extensions import db
from schema.models._base import utcnow
from schema.models.pekerjaan import Pekerjaan, StatusPekerjaan

log = logging.getLogger(__name__)

NAMA_BERKAS = re.compile(r"^[0-9a-f]{32}\.(xlsx)$")
MAKS_GALAT_DISIMPAN = 1000  # per-row errors kept for the result page (the count is always exact)

_pool: ThreadPoolExecutor | None = None
_pool_lock = threading.Lock()


class GagalPekerjaan(Exception):
    """A refusal the user should read (Indonesian), with optional details (e.g. per-row errors)."""

    def __init__(self, pesan: str, rincian: dict | None = None):
        super().__init__(pesan)
        self.pesan, self.rincian = pesan, rincian


@dataclass
class Hasil:
    berkas: IO[bytes] | None = None  # rewound file to keep for download
    nama_unduhan: str | None = None
    rincian: dict[str, Any] = field(default_factory=dict)


def folder(app=None) -> Path:
    """Result files: under instance/ (next to the uploads), never under the web root."""
    cfg = (app or current_app).config
    p = Path(cfg.get("PEKERJAAN_FOLDER") or Path(cfg["UPLOAD_FOLDER"]).parent / "pekerjaan")
    p.mkdir(parents=True, exist_ok=True)
    return p


def path_berkas(p: Pekerjaan) -> Path | None:
    if not p.berkas or not NAMA_BERKAS.match(p.berkas):
        return None
    f = folder() / p.berkas
    return f if f.is_file() else None


_wal_siap: set[int] = set()


def _pastikan_wal(app) -> None:
    """SQLite: WAL, so the progress writer never waits for the job's open read cursor (PostgreSQL: MVCC).

    Switched on at the first job, not at start-up: the mode is stored in the database file, and a
    database that never runs a job keeps SQLite's default journal (and its file as it was).
    """
    if not app.config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite") or id(db.engine) in _wal_siap:
        return
    try:
        with db.engine.connect() as c:
            c.exec_driver_sql("PRAGMA journal_mode=WAL")
        _wal_siap.add(id(db.engine))
    except Exception:  # another connection holds a lock: try again at the next job; progress is best effort
        log.warning("journal_mode=WAL belum dapat dipasang", exc_info=True)


class Pelapor:
    """``lapor(persen, tahap)``: progress on its own short transaction (a stage's percentages at most every 0.3 s)."""

    def __init__(self, app, pid: int):
        self.app, self.pid, self._terakhir, self._nilai = app, pid, 0.0, None

    def __call__(self, persen: int, tahap: str | None = None, paksa: bool = False) -> None:
        persen = max(0, min(99, int(persen)))  # 100 only with the committed result
        sekarang = time.monotonic()
        if not paksa and self._nilai is not None:
            if (persen, tahap) == self._nilai:
                return
            # a new stage text is always written; the same stage at most every 0.3 s
            if tahap == self._nilai[1] and sekarang - self._terakhir < 0.3:
                return
        self._terakhir, self._nilai = sekarang, (persen, tahap)
        nilai = {"progres": persen, "diperbarui_pada": utcnow(), "status": StatusPekerjaan.BERJALAN.value}
        if tahap is not None:
            nilai["tahap"] = tahap[:200]
        try:
            with db.engine.begin() as c:
                c.execute(update(Pekerjaan.__table__).where(Pekerjaan.id == self.pid).values(**nilai))
        except Exception:  # progress is best effort: the job itself must not fail because of it
            log.warning("progres pekerjaan %s tidak tercatat", self.pid, exc_info=True)


def _executor(app) -> ThreadPoolExecutor:
    global _pool
    with _pool_lock:
        if _pool is None:
            _pool = ThreadPoolExecutor(max_workers=int(app.config.get("PEKERJAAN_MAKS_PARALEL", 2)),
                                       thread_name_prefix="pekerjaan")
        return _pool


def bersihkan(app) -> int:
    """Result files are kept PEKERJAAN_SIMPAN_HARI days; uploads a crashed job left behind, one day."""
    sekarang = time.time()
    hari = float(app.config.get("PEKERJAAN_SIMPAN_HARI", 7))
    n = 0
    for f in folder(app).iterdir():
        umur = sekarang - f.stat().st_mtime
        if (f.suffix == ".xlsx" and umur > hari * 86400) or (f.suffix == ".unggah" and umur > 86400):
            f.unlink(missing_ok=True)
            n += 1
    return n


def mulai(jenis: str, judul: str, fungsi: Callable[..., Hasil], *args, **kwargs) -> int:
    """Record the job for the current user and start it; returns the job id (for the status page)."""
    p = Pekerjaan(jenis=jenis, judul=judul[:200], user_id=g.user.id, status=StatusPekerjaan.ANTRI.value,
                  progres=0, tahap="Menunggu giliran")
    db.session.add(p)
    db.session.commit()
    app = current_app._get_current_object()
    bersihkan(app)
    _pastikan_wal(app)
    tugas = (app, p.id, g.user.id, request.remote_addr, fungsi, args, kwargs)
    if app.config.get("PEKERJAAN_SINKRON"):
        t = threading.Thread(target=_jalankan, args=tugas, name=f"pekerjaan-{p.id}")
        t.start()
        t.join()
    else:
        _executor(app).submit(_jalankan, *tugas)
    return p.id


def _jalankan(app, pid: int, user_id: int, ip: str | None, fungsi, args, kwargs) -> None:
    from flask_appbuilder.security.sqla.models import User

    # a request context of its own: a new app context → a new db.session; the audit trail sees the owner/IP
    with app.test_request_context("/pekerjaan/latar", environ_base={"REMOTE_ADDR": ip or ""}):
        user = db.session.get(User, user_id)
        g.user = g._login_user = user  # konteks()/clause_for and catat() act as the owner
        lapor = Pelapor(app, pid)
        lapor(0, "Dimulai", paksa=True)
        berkas_tulis: Path | None = None
        try:
            hasil = fungsi(lapor, *args, **kwargs)
            nama = None
            if hasil.berkas is not None:
                nama = f"{secrets.token_hex(16)}.xlsx"
                berkas_tulis = folder(app) / nama
                with open(berkas_tulis, "wb") as out:
                    while chunk := hasil.berkas.read(1 << 20):
                        out.write(chunk)
                hasil.berkas.close()
            # same transaction as the job's own writes: "selesai" and the data land together
            db.session.execute(update(Pekerjaan.__table__).where(Pekerjaan.id == pid).values(
                status=StatusPekerjaan.SELESAI.value, progres=100, tahap="Selesai", berkas=nama,
                nama_unduhan=hasil.nama_unduhan, rincian=_json(hasil.rincian), selesai_pada=utcnow(),
                diperbarui_pada=utcnow()))
            db.session.commit()
        except Exception as e:
            db.session.rollback()
            if berkas_tulis is not None:
                berkas_tulis.unlink(missing_ok=True)
            if isinstance(e, GagalPekerjaan):
                pesan, rincian = e.pesan, e.rincian
            else:
                log.exception("pekerjaan %s gagal", pid)
                pesan = (f"Terjadi kesalahan tak terduga; tidak ada data yang disimpan. Laporkan kode pekerjaan "
                         f"{pid} kepada admin.")
                rincian = None
            _gagal(pid, pesan, rincian)


def _gagal(pid: int, pesan: str, rincian: dict | None) -> None:
    with db.engine.begin() as c:
        c.execute(update(Pekerjaan.__table__).where(Pekerjaan.id == pid).values(
            status=StatusPekerjaan.GAGAL.value, pesan_galat=pesan, rincian=_json(rincian), selesai_pada=utcnow(),
            diperbarui_pada=utcnow()))


def periksa_macet(p: Pekerjaan) -> None:
    """A job whose worker died (server restart) would stay "berjalan" forever: after a silence, mark it failed."""
    batas = current_app.config.get("PEKERJAAN_BATAS_DIAM_DETIK", 900)
    if p.status in (StatusPekerjaan.ANTRI.value, StatusPekerjaan.BERJALAN.value) and \
            (utcnow() - p.diperbarui_pada).total_seconds() > batas:
        _gagal(p.id, "Pekerjaan terhenti tanpa kabar (server dimulai ulang?). Tidak ada data yang disimpan; "
                     "silakan ulangi.", None)
        db.session.refresh(p)


def rincian(p: Pekerjaan) -> dict:
    return json.loads(p.rincian) if p.rincian else {}


def _json(v) -> str | None:
    return None if v is None else json.dumps(v, ensure_ascii=False, default=str)
