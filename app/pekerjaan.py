"""Background jobs: imports, big exports and bulk work never hold the browser's request.

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

A dead runner (``kill -9``, a restart) must not leave a job "berjalan" nor its input on disk. Every process
beats for the jobs it holds, queued or running (one thread, one UPDATE of ``diperbarui_pada`` every
``PEKERJAAN_DETAK_DETIK``, on its own connection). A job silent for longer than ``PEKERJAAN_BATAS_DETAK`` is
marked "gagal" by ``bereskan_yatim`` — at start-up (other gunicorn workers' jobs still beat, so they are not
touched), before every new job, and when its page is read (``periksa_macet``). Input files (``mulai(…,
masukan=stream)``: the uploaded import) are named after their job, written 0600 and deleted when the job
ends, whatever the outcome, or when it is found orphaned.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import re
import secrets
import shutil
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from flask import current_app, g, request
from flask_appbuilder.security.sqla.models import User
from sqlalchemy import select, update

from app import jam
from app.berkas_privat import buka_privat, folder_privat
from app.extensions import db
from schema.models.pekerjaan import Pekerjaan, StatusPekerjaan

log = logging.getLogger(__name__)

NAMA_BERKAS = re.compile(r"^[0-9a-f]{32}\.(xlsx)$")
NAMA_MASUKAN = re.compile(r"^(\d+)-[0-9a-f]{32}\.unggah$")  # <job id>-<random>.unggah: orphans are found by id
AKTIF = (StatusPekerjaan.ANTRI.value, StatusPekerjaan.BERJALAN.value)
PESAN_YATIM = (
    "Pekerjaan terhenti karena prosesnya berhenti (server dimatikan atau dimulai ulang). Tidak ada data "
    "yang disimpan dan berkas unggahannya sudah dihapus; silakan ulangi."
)
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
    return folder_privat(cfg.get("PEKERJAAN_FOLDER") or Path(cfg["UPLOAD_FOLDER"]).parent / "pekerjaan")  # 0700


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
        nilai = {"progres": persen, "diperbarui_pada": jam.sekarang_utc(), "status": StatusPekerjaan.BERJALAN.value}
        if tahap is not None:
            nilai["tahap"] = tahap[:200]
        try:
            with db.engine.begin() as c:
                # a job already ended (or declared dead) is not revived by a late progress write
                c.execute(
                    update(Pekerjaan.__table__)
                    .where(Pekerjaan.id == self.pid, Pekerjaan.status.in_(AKTIF))
                    .values(**nilai)
                )
        except Exception:  # progress is best effort: the job itself must not fail because of it
            log.warning("progres pekerjaan %s tidak tercatat", self.pid, exc_info=True)


def _executor(app) -> ThreadPoolExecutor:
    global _pool
    with _pool_lock:
        if _pool is None:
            _pool = ThreadPoolExecutor(
                max_workers=int(app.config.get("PEKERJAAN_MAKS_PARALEL", 2)), thread_name_prefix="pekerjaan"
            )
        return _pool


class _Detak:
    """The heartbeat of one database's jobs held by this process: one daemon thread, one UPDATE per beat.

    A thread (not ``lapor``) because a live job may stay silent for long — queued behind others, or parsing a
    big file between two progress writes. The thread stops when the process holds no job of that database.
    On SQLite a beat waits (then gives up) while a job's write transaction holds the lock; a reader trying to
    mark the job waits on the same lock, so a writing job is never taken for dead.
    """

    def __init__(self, engine, app):
        self.engine, self.app = engine, app
        self.pids: set[int] = set()
        self._kunci = threading.Lock()
        self._bangun = threading.Event()
        self._thread: threading.Thread | None = None

    def daftar(self, pid: int) -> None:
        with self._kunci:
            self.pids.add(pid)
            if self._thread is None:
                self._thread = threading.Thread(target=self._putar, name="pekerjaan-detak", daemon=True)
                self._thread.start()
        self._bangun.set()  # beat now, and from now on with the interval configured now

    def lepas(self, pid: int) -> None:
        with self._kunci:
            self.pids.discard(pid)

    def _putar(self) -> None:
        while True:
            self._bangun.wait(float(self.app.config.get("PEKERJAAN_DETAK_DETIK", 5)))
            self._bangun.clear()
            with self._kunci:
                ids = sorted(self.pids)
                if not ids:
                    self._thread = None  # under the lock: daftar() starts a new thread when needed
                    return
            try:
                with self.app.app_context(), self.engine.begin() as c:  # the app's clock (JAM_TETAP) stamps beats
                    c.execute(
                        update(Pekerjaan.__table__)
                        .where(Pekerjaan.id.in_(ids), Pekerjaan.status.in_(AKTIF))
                        .values(diperbarui_pada=jam.sekarang_utc())
                    )
            except Exception:  # locked by the job's own write (SQLite), or the database is briefly away
                log.debug("detak pekerjaan %s tertunda", ids, exc_info=True)


_detak: dict[Any, _Detak] = {}
_detak_lock = threading.Lock()


def _jantung(app) -> _Detak:
    engine = db.engine
    with _detak_lock:
        d = _detak.get(engine)
        if d is None:
            d = _detak[engine] = _Detak(engine, app)
        return d


def dijalankan_di_sini(pid: int) -> bool:
    d = _detak.get(db.engine)
    return d is not None and pid in d.pids


def _hapus_masukan(pids: set[int] | None, app=None) -> int:
    """Delete input files: of the given jobs, or (None) of every job that is no longer queued/running."""
    f = folder(app)
    calon: dict[int, list[Path]] = {}
    n = 0
    for berkas in f.glob("*.unggah"):
        m = NAMA_MASUKAN.match(berkas.name)
        if m:
            calon.setdefault(int(m.group(1)), []).append(berkas)
        elif time.time() - berkas.stat().st_mtime > 3600:  # an upload without its job (older naming, crash)
            berkas.unlink(missing_ok=True)
            n += 1
    if pids is not None:
        hapus = set(calon) & pids
    elif calon:
        aktif = set(
            db.session.scalars(select(Pekerjaan.id).where(Pekerjaan.id.in_(list(calon)), Pekerjaan.status.in_(AKTIF)))
        )
        hapus = set(calon) - aktif  # ended, or the job row is gone (user deleted)
    else:
        hapus = set()
    for pid in hapus:
        for berkas in calon[pid]:
            berkas.unlink(missing_ok=True)
            n += 1
    return n


def _tandai_yatim(app, pid: int | None = None) -> int:
    """Queued/running jobs whose heartbeat is older than PEKERJAAN_BATAS_DETAK → gagal (one conditional UPDATE).

    The condition is re-checked by the UPDATE itself, so a job that beat (or finished) meanwhile is untouched.
    """
    batas = jam.sekarang_utc() - dt.timedelta(seconds=float(app.config.get("PEKERJAAN_BATAS_DETAK", 60)))
    d = _detak.get(db.engine)
    milik_sendiri = sorted(d.pids) if d is not None else []  # this process's jobs are alive by definition
    basi = (
        (Pekerjaan.status.in_(AKTIF), Pekerjaan.diperbarui_pada < batas)
        + (() if pid is None else (Pekerjaan.id == pid,))
        + ((Pekerjaan.id.not_in(milik_sendiri),) if milik_sendiri else ())
    )
    with db.engine.begin() as c:
        # read first (never waits, even on SQLite while a job writes); write only when there is an orphan
        if c.execute(select(Pekerjaan.id).where(*basi).limit(1)).first() is None:
            return 0
        return (
            c.execute(
                update(Pekerjaan.__table__)
                .where(*basi)
                .values(
                    status=StatusPekerjaan.GAGAL.value,
                    pesan_galat=PESAN_YATIM,
                    selesai_pada=jam.sekarang_utc(),
                    diperbarui_pada=jam.sekarang_utc(),
                )
            ).rowcount
            or 0
        )


def bereskan_yatim(app) -> None:
    """Start-up: fail the jobs of dead processes, delete their inputs. Never stops the app from starting."""
    with app.app_context():
        try:
            _tandai_yatim(app)
            _hapus_masukan(None, app)
        except Exception as e:  # e.g. not migrated yet (AUTO_MIGRATE off), or SQLite locked by a sibling's write
            log.warning("pekerjaan yatim belum dapat dibereskan: %s", (str(e).splitlines() or [type(e).__name__])[0])
        finally:
            db.session.remove()


def bersihkan(app) -> int:
    """Before each job: orphans as at start-up; result files are kept PEKERJAAN_SIMPAN_HARI days."""
    sekarang = time.time()
    hari = float(app.config.get("PEKERJAAN_SIMPAN_HARI", 7))
    n = 0
    for f in folder(app).glob("*.xlsx"):
        if sekarang - f.stat().st_mtime > hari * 86400:
            f.unlink(missing_ok=True)
            n += 1
    try:
        _tandai_yatim(app)
        n += _hapus_masukan(None, app)
    except Exception:  # best effort: the new job itself must not fail because of an old one
        log.warning("pekerjaan yatim belum dapat dibereskan", exc_info=True)
    return n


def mulai(
    jenis: str, judul: str, fungsi: Callable[..., Hasil], *args, masukan: IO[bytes] | None = None, **kwargs
) -> int:
    """Record the job for the current user and start it; returns the job id (for the status page).

    ``masukan``: a stream (e.g. the uploaded file) saved 0600 for the job and deleted when it ends; the job
    function receives its path as ``masukan=``.
    """
    p = Pekerjaan(
        jenis=jenis,
        judul=judul[:200],
        user_id=g.user.id,
        status=StatusPekerjaan.ANTRI.value,
        progres=0,
        tahap="Menunggu giliran",
    )
    db.session.add(p)
    db.session.commit()
    app = current_app._get_current_object()
    jantung = _jantung(app)
    jantung.daftar(p.id)  # beats while queued too: a job waiting its turn is not an orphan
    berkas_masukan: Path | None = None
    try:
        bersihkan(app)
        if masukan is not None:
            berkas_masukan = folder(app) / f"{p.id}-{secrets.token_hex(16)}.unggah"
            with buka_privat(berkas_masukan, baru=True) as out:
                shutil.copyfileobj(masukan, out, 1 << 20)
            kwargs["masukan"] = str(berkas_masukan)
        _pastikan_wal(app)
        tugas = (app, p.id, g.user.id, request.remote_addr, fungsi, args, kwargs, berkas_masukan, jantung)
        if app.config.get("PEKERJAAN_SINKRON"):
            t = threading.Thread(target=_jalankan, args=tugas, name=f"pekerjaan-{p.id}")
            t.start()
            t.join()
        else:
            _executor(app).submit(_jalankan, *tugas)
    except BaseException:
        jantung.lepas(p.id)
        if berkas_masukan is not None:
            berkas_masukan.unlink(missing_ok=True)
        _gagal(p.id, "Pekerjaan tidak dapat dimulai; tidak ada data yang disimpan. Silakan ulangi.", None)
        raise
    return p.id


def _jalankan(
    app, pid: int, user_id: int, ip: str | None, fungsi, args, kwargs, berkas_masukan: Path | None, jantung: _Detak
) -> None:
    try:
        _kerjakan(app, pid, user_id, ip, fungsi, args, kwargs)
    finally:
        # the job has ended (its final row is committed): its input goes, whatever the outcome
        if berkas_masukan is not None:
            berkas_masukan.unlink(missing_ok=True)
        jantung.lepas(pid)


def _kerjakan(app, pid: int, user_id: int, ip: str | None, fungsi, args, kwargs) -> None:

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
                with buka_privat(berkas_tulis, baru=True) as out:  # 0600: registers hold personal data
                    while chunk := hasil.berkas.read(1 << 20):
                        out.write(chunk)
                hasil.berkas.close()
            # same transaction as the job's own writes: "selesai" and the data land together
            db.session.execute(
                update(Pekerjaan.__table__)
                .where(Pekerjaan.id == pid)
                .values(
                    status=StatusPekerjaan.SELESAI.value,
                    progres=100,
                    tahap="Selesai",
                    berkas=nama,
                    nama_unduhan=hasil.nama_unduhan,
                    rincian=_json(hasil.rincian),
                    selesai_pada=jam.sekarang_utc(),
                    diperbarui_pada=jam.sekarang_utc(),
                )
            )
            db.session.commit()
        except Exception as e:
            db.session.rollback()
            if berkas_tulis is not None:
                berkas_tulis.unlink(missing_ok=True)
            if isinstance(e, GagalPekerjaan):
                pesan, rincian = e.pesan, e.rincian
            else:
                log.exception("pekerjaan %s gagal", pid)
                pesan = (
                    f"Terjadi kesalahan tak terduga; tidak ada data yang disimpan. Laporkan kode pekerjaan "
                    f"{pid} kepada admin."
                )
                rincian = None
            _gagal(pid, pesan, rincian)


def _gagal(pid: int, pesan: str, rincian: dict | None) -> None:
    with db.engine.begin() as c:
        c.execute(
            update(Pekerjaan.__table__)
            .where(Pekerjaan.id == pid)
            .values(
                status=StatusPekerjaan.GAGAL.value,
                pesan_galat=pesan,
                rincian=_json(rincian),
                selesai_pada=jam.sekarang_utc(),
                diperbarui_pada=jam.sekarang_utc(),
            )
        )


def periksa_macet(p: Pekerjaan) -> None:
    """Reading a job whose heartbeat is stale (its process died): mark it failed and delete its input."""
    if p.status not in AKTIF or dijalankan_di_sini(p.id):
        return
    batas = float(current_app.config.get("PEKERJAAN_BATAS_DETAK", 60))
    if (jam.sekarang_utc() - p.diperbarui_pada).total_seconds() <= batas:
        return
    try:
        if _tandai_yatim(current_app, p.id):
            _hapus_masukan({p.id})
    except Exception:  # SQLite: a sibling worker's job holds the write lock — it is alive; ask again later
        log.info("pekerjaan %s belum dapat ditandai", p.id, exc_info=True)
        return
    db.session.refresh(p)


def rincian(p: Pekerjaan) -> dict:
    return json.loads(p.rincian) if p.rincian else {}


def _json(v) -> str | None:
    return None if v is None else json.dumps(v, ensure_ascii=False, default=str)
