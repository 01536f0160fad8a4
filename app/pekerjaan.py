"""Background jobs: imports, big exports and bulk work never hold the browser's request.

``mulai(jenis, judul, fungsi, *args)`` records a ``pekerjaan`` row (antri) holding the function **by name**
and its JSON arguments, plus the uploaded input (``masukan=stream``) in the database, commits, and hands the
job id to a runner. Two runners, one code path (``jalankan``): a thread of this process (the embedded
default) or, when ``CELERY_BROKER_URL``/``REDIS_URL`` is set, a Celery worker on any machine
(app/antrean.py). Either way the job runs with **its own** app/request context and DB session, as the owner
(``g.user``: scope clauses and the audit trail work as in the request), with the owner's query string.
The status, input and result live in the database, so any node answers ``/pekerjaan/<id>``.

One transaction: the job's writes, its result file and its "selesai" row are committed together; on any
error the job's work is rolled back and only the "gagal" row (with an Indonesian message) is committed.
Progress (``lapor``) is written on a separate short connection so the poller sees it while the work
transaction is still open — call it while reading/validating, not once the job has begun writing (on
SQLite a second writer would wait for the first). A job is claimed with one conditional UPDATE
(antri → berjalan): a message delivered twice (Celery ``acks_late`` after a lost worker) runs it once.

``PEKERJAAN_SINKRON`` (tests) runs the same thread but waits for it before answering.

A dead runner (``kill -9``, a restart) must not leave a job "berjalan" nor its input stored. Every process
beats for the jobs it holds (one thread, one UPDATE of ``diperbarui_pada`` every ``PEKERJAAN_DETAK_DETIK``,
on its own connection). A job silent for longer than ``PEKERJAAN_BATAS_DETAK`` — running, or queued in a
process (a broker queue outlives its nodes) — is marked "gagal" by ``bereskan_yatim`` at start-up, before
every new job, and when its page is read (``periksa_macet``); its input is deleted with it.
"""

from __future__ import annotations

import datetime as dt
import importlib
import json
import logging
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import IO, Any

from flask import Response, current_app, g, request
from flask_appbuilder.security.sqla.models import User
from sqlalchemy import or_, select, update

from app import jam, penyimpanan
from app.aksi import Ditolak
from app.berkas import unduhan
from app.extensions import db
from schema.models.pekerjaan import Pekerjaan, StatusPekerjaan

log = logging.getLogger(__name__)

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
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


def ada_berkas(p: Pekerjaan) -> bool:
    return bool(p.berkas) and penyimpanan.ukuran(p.berkas) is not None


def unduh(p: Pekerjaan) -> Response | None:
    """The job's result as a streamed attachment (the caller checked the owner), or None when gone."""
    if not p.berkas or (ukuran := penyimpanan.ukuran(p.berkas)) is None:
        return None
    return unduhan(penyimpanan.potongan(p.berkas), ukuran, XLSX_MIME, p.nama_unduhan or "hasil.xlsx")


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


def _hapus_masukan() -> int:
    """Delete the stored input of every job that is no longer queued/running (one set-based pass)."""
    selesai = list(
        db.session.execute(
            select(Pekerjaan.id, Pekerjaan.masukan).where(
                Pekerjaan.masukan.is_not(None), Pekerjaan.status.not_in(AKTIF)
            )
        )
    )
    if not selesai:
        return 0
    n = penyimpanan.hapus(*(m for _id, m in selesai))
    db.session.execute(update(Pekerjaan).where(Pekerjaan.id.in_([i for i, _m in selesai])).values(masukan=None))
    db.session.commit()
    return n


def _tandai_yatim(app, pid: int | None = None) -> int:
    """Silent jobs → gagal (one conditional UPDATE): running ones, and queued ones of the in-process runner.

    A job queued on a broker is durable (it waits for a worker), so only its running phase is watched. The
    condition is re-checked by the UPDATE itself, so a job that beat (or finished) meanwhile is untouched.
    """
    batas = jam.sekarang_utc() - dt.timedelta(seconds=float(app.config.get("PEKERJAAN_BATAS_DETAK", 60)))
    d = _detak.get(db.engine)
    milik_sendiri = sorted(d.pids) if d is not None else []  # this process's jobs are alive by definition
    basi = (
        (
            Pekerjaan.status.in_(AKTIF),
            Pekerjaan.diperbarui_pada < batas,
            or_(Pekerjaan.status == StatusPekerjaan.BERJALAN.value, Pekerjaan.pelari == "proses"),
        )
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
            _hapus_masukan()
        except Exception as e:  # e.g. not migrated yet (AUTO_MIGRATE off), or SQLite locked by a sibling's write
            db.session.rollback()
            log.warning("pekerjaan yatim belum dapat dibereskan: %s", (str(e).splitlines() or [type(e).__name__])[0])
        finally:
            db.session.remove()


def bersihkan(app) -> int:
    """Orphans as at start-up; result files are kept PEKERJAAN_SIMPAN_HARI days (before each job, and daily)."""
    n = 0
    try:
        _tandai_yatim(app)
        n += _hapus_masukan()
        batas = jam.sekarang_utc() - dt.timedelta(days=float(app.config.get("PEKERJAAN_SIMPAN_HARI", 7)))
        lama = penyimpanan.nama_lebih_lama("hasil", batas)
        n += penyimpanan.hapus(*lama)  # the job keeps the name: its page says the result was deleted
        db.session.commit()
    except Exception:  # best effort: the new job itself must not fail because of an old one
        db.session.rollback()
        log.warning("pekerjaan yatim belum dapat dibereskan", exc_info=True)
    return n


def nama_tugas(fungsi: Callable[..., Hasil]) -> str:
    """``module:function`` — the job's work is found again by name by whichever runner takes it."""
    nama = f"{fungsi.__module__}:{fungsi.__qualname__}"
    try:
        ketemu = cari_tugas(nama)
    except AttributeError:
        ketemu = None
    if ketemu is not fungsi:
        raise TypeError(f"fungsi pekerjaan harus fungsi tingkat modul (bukan closure/metode): {nama}")
    return nama


def cari_tugas(nama: str) -> Callable[..., Hasil]:
    modul, _, fungsi = nama.partition(":")
    return getattr(importlib.import_module(modul), fungsi)


def pakai_celery(app) -> bool:
    return "celery" in app.extensions


def mulai(
    jenis: str, judul: str, fungsi: Callable[..., Hasil], *args, masukan: IO[bytes] | None = None, **kwargs
) -> int:
    """Record the job for the current user and start it; returns the job id (for the status page).

    ``args``/``kwargs`` must be JSON values (they cross to another machine); ``masukan``: a stream (e.g. the
    uploaded file) stored with the job, given to the function as a seekable file ``masukan=`` and deleted
    when the job ends. The job runs with the current request's path and query string.
    """
    app = current_app._get_current_object()
    argumen = {
        "args": list(args),
        "kwargs": kwargs,
        "permintaan": {"path": request.path, "query": request.query_string.decode("latin-1")},
        "alamat": request.remote_addr,
    }
    p = Pekerjaan(
        jenis=jenis,
        judul=judul[:200],
        user_id=g.user.id,
        status=StatusPekerjaan.ANTRI.value,
        progres=0,
        tahap="Menunggu giliran",
        tugas=nama_tugas(fungsi),
        argumen=json.dumps(argumen, ensure_ascii=False),  # TypeError here: a caller passed a non-JSON value
        pelari="celery" if pakai_celery(app) else "proses",
    )
    db.session.add(p)
    if masukan is not None:
        p.masukan, _ukuran = penyimpanan.simpan(masukan, "masukan", ".unggah")
    db.session.commit()  # the row and its input together
    pid = p.id
    try:
        bersihkan(app)
        if pakai_celery(app):
            app.extensions["celery"].send_task("kinerja.pekerjaan", args=[pid])
        else:
            _jalankan_di_proses(app, pid)
    except BaseException:
        _gagal(pid, "Pekerjaan tidak dapat dimulai; tidak ada data yang disimpan. Silakan ulangi.", None)
        raise
    return pid


def _jalankan_di_proses(app, pid: int) -> None:
    jantung = _jantung(app)
    jantung.daftar(pid)  # beats while queued too: a job waiting its turn in this process is not an orphan
    try:
        _pastikan_wal(app)
        if app.config.get("PEKERJAAN_SINKRON"):
            t = threading.Thread(target=jalankan, args=(app, pid), name=f"pekerjaan-{pid}")
            t.start()
            t.join()
        else:
            _executor(app).submit(jalankan, app, pid)
    except BaseException:
        jantung.lepas(pid)
        raise


def jalankan(app, pid: int) -> bool:
    """Run one job by id — the same for both runners. False when it was not queued (already taken or ended)."""
    with app.app_context():
        jantung = _jantung(app)
    jantung.daftar(pid)
    try:
        with app.app_context():
            with db.engine.begin() as c:
                diambil = c.execute(
                    update(Pekerjaan.__table__)
                    .where(Pekerjaan.id == pid, Pekerjaan.status == StatusPekerjaan.ANTRI.value)
                    .values(status=StatusPekerjaan.BERJALAN.value, diperbarui_pada=jam.sekarang_utc())
                ).rowcount
                p = c.execute(select(Pekerjaan.__table__).where(Pekerjaan.id == pid)).mappings().first()
        if not diambil or p is None:
            log.info("pekerjaan %s tidak dalam antrean (sudah diambil atau berakhir)", pid)
            return False
        try:
            _kerjakan(app, p)
        finally:
            with app.app_context():
                _akhiri_masukan(pid)
        return True
    finally:
        jantung.lepas(pid)


def _akhiri_masukan(pid: int) -> None:
    """The job has ended (its final row is committed): its input goes, whatever the outcome."""
    try:
        _hapus_masukan()
    except Exception:  # the next clean-up (start-up, next job, daily) retries
        db.session.rollback()
        log.warning("masukan pekerjaan %s belum terhapus", pid, exc_info=True)


def _kerjakan(app, p) -> None:
    pid = p["id"]
    argumen = json.loads(p["argumen"] or "{}")
    permintaan = argumen.get("permintaan") or {}
    # a request context of its own: a new app context → a new db.session; the audit trail sees the owner/IP;
    # the owner's query string, so a list's filters (exports) are read back as they were
    with app.test_request_context(
        permintaan.get("path") or "/pekerjaan/latar",
        query_string=permintaan.get("query") or "",
        environ_base={"REMOTE_ADDR": argumen.get("alamat") or ""},
    ):
        user = db.session.get(User, p["user_id"])
        g.user = g._login_user = user  # konteks()/clause_for and catat() act as the owner
        lapor = Pelapor(app, pid)
        lapor(0, "Dimulai", paksa=True)
        masukan = None
        try:
            kwargs = dict(argumen.get("kwargs") or {})
            if p["masukan"]:
                masukan = kwargs["masukan"] = penyimpanan.ke_sementara(p["masukan"])
            hasil = cari_tugas(p["tugas"])(lapor, *(argumen.get("args") or []), **kwargs)
            nama = None
            if hasil.berkas is not None:
                nama, _ukuran = penyimpanan.simpan(hasil.berkas, "hasil", ".xlsx")
                hasil.berkas.close()
            # same transaction as the job's own writes: "selesai", the result file and the data land together
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
            if isinstance(e, GagalPekerjaan):
                pesan, rincian = e.pesan, e.rincian
            elif isinstance(e, Ditolak):  # the same refusals as in a request, shown as they are
                pesan, rincian = str(e), None
            else:
                log.exception("pekerjaan %s gagal", pid)
                pesan = (
                    f"Terjadi kesalahan tak terduga; tidak ada data yang disimpan. Laporkan kode pekerjaan "
                    f"{pid} kepada admin."
                )
                rincian = None
            _gagal(pid, pesan, rincian)
        finally:
            if masukan is not None:
                masukan.close()


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
    """Reading a job whose heartbeat is stale (its runner died): mark it failed and delete its input."""
    if p.status not in AKTIF or dijalankan_di_sini(p.id):
        return
    batas = float(current_app.config.get("PEKERJAAN_BATAS_DETAK", 60))
    if (jam.sekarang_utc() - p.diperbarui_pada).total_seconds() <= batas:
        return
    try:
        if _tandai_yatim(current_app, p.id):
            _hapus_masukan()
    except Exception:  # SQLite: a sibling worker's job holds the write lock — it is alive; ask again later
        db.session.rollback()
        log.info("pekerjaan %s belum dapat ditandai", p.id, exc_info=True)
        return
    db.session.refresh(p)


def rincian(p: Pekerjaan) -> dict:
    return json.loads(p.rincian) if p.rincian else {}


def _json(v) -> str | None:
    return None if v is None else json.dumps(v, ensure_ascii=False, default=str)
