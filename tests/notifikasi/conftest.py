"""Fixtures of the notification tests: notifications made through ``beri_tahu`` and removed afterwards."""

from __future__ import annotations

import socket
import uuid
from email import message_from_bytes
from email.policy import default as kebijakan

import pytest
from aiosmtpd.controller import Controller
from sqlalchemy import delete, func, select

from app.queries import notifikasi as q
from schema.models import EvaluasiKinerja, Pegawai, User
from schema.models.notifikasi import KirimSurel, Notifikasi, PreferensiNotifikasi


def uid(db_session, username: str) -> int:
    return db_session.scalar(select(User.id).where(User.username == username))


@pytest.fixture()
def buat(db_session):
    """``buat(username, jenis, judul, isi, tautan)`` → the committed notification; all removed at the end."""
    dibuat: list[int] = []

    def _buat(username, jenis="skp_diajukan", judul="SKP diajukan", isi="", tautan="/skp/", kunci=None):
        n = q.beri_tahu(uid(db_session, username), jenis, judul, isi, tautan, kunci or f"uji:{uuid.uuid4().hex}")
        db_session.commit()
        if n is not None:
            dibuat.append(n.id)
        return n

    yield _buat
    db_session.rollback()
    db_session.execute(delete(Notifikasi).where(Notifikasi.id.in_(dibuat)))
    db_session.execute(delete(PreferensiNotifikasi))
    db_session.commit()


@pytest.fixture(scope="module")
def app_csrf(app, database_url):
    from tests.conftest import make_app

    return make_app(database_url, WTF_CSRF_ENABLED=True)


class Kotak:
    """The SMTP server's handler: keeps every accepted message."""

    def __init__(self):
        self.pesan = []

    async def handle_DATA(self, server, session, envelope):
        m = message_from_bytes(envelope.content, policy=kebijakan)
        self.pesan.append((list(envelope.rcpt_tos), m))
        return "250 OK"


def _port_bebas() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    def __init__(self):
        self.kotak, self.port, self.ctrl = Kotak(), _port_bebas(), None

    def mulai(self):
        self.ctrl = Controller(self.kotak, hostname="127.0.0.1", port=self.port)
        self.ctrl.start()

    def henti(self):
        if self.ctrl is not None:
            self.ctrl.stop()
            self.ctrl = None

    def untuk(self, notifikasi_ids) -> list:
        """Messages of these notifications (others' leftovers in the shared database are ignored)."""
        ids = {f"kinerja-notifikasi-{i}@" for i in notifikasi_ids}
        return [
            (to, m) for to, m in self.kotak.pesan if any(str(m["Message-ID"]).strip("<").startswith(x) for x in ids)
        ]


@pytest.fixture()
def smtp():
    s = Server()
    s.mulai()
    yield s
    s.henti()


@pytest.fixture()
def konfigurasi(app, smtp):
    return {
        **app.config,
        "SMTP_HOST": "127.0.0.1",
        "SMTP_PORT": smtp.port,
        "SMTP_STARTTLS": False,
        "SMTP_TIMEOUT": 5,
        "URL_APLIKASI": "https://kinerja.contoh.go.id",
        "SURAT_DARI": "Kinerja <k@contoh.go.id>",
    }


def alamat_diharapkan(db_session, username) -> str:
    p_email, u_email = db_session.execute(
        select(Pegawai.email, User.email)
        .select_from(User)
        .outerjoin(Pegawai, Pegawai.user_id == User.id)
        .where(User.username == username)
    ).one()
    return p_email or u_email


def teks_surel(m) -> str:
    bagian = [m["Subject"]]
    for p in m.walk():
        if p.get_content_maintype() == "text":
            bagian.append(p.get_content())
    return "\n".join(bagian)


@pytest.fixture()
def bersih_notifikasi(db_session):
    """Every notification made during the test is removed afterwards (the daily reminders reach demo users too)."""
    awal = db_session.scalar(select(func.max(Notifikasi.id))) or 0
    yield awal
    db_session.rollback()
    baru = select(Notifikasi.id).where(Notifikasi.id > awal)
    db_session.execute(delete(KirimSurel).where(KirimSurel.notifikasi_id.in_(baru)))
    db_session.execute(delete(Notifikasi).where(Notifikasi.id > awal))
    db_session.commit()


@pytest.fixture()
def pengingat_pada(app, db_session, bersih_notifikasi):
    """``pengingat_pada("2036-01-25T00:30:00+07:00")`` runs the daily reminders at that instant (the app's one
    clock, ``JAM_TETAP``) and commits; returns how many notifications were new."""
    from app.queries import pengingat

    def _jalan(lokal: str) -> int:
        app.config["JAM_TETAP"] = lokal
        try:
            n = pengingat.ingatkan()
            db_session.commit()
        finally:
            app.config.pop("JAM_TETAP", None)
        return n

    return _jalan


def kunci_dengan(db_session, awalan: str) -> list[tuple[str, int]]:
    """(kunci_unik, user_id) of the notifications whose key starts with ``awalan``, oldest first."""
    return [
        (k, u)
        for k, u in db_session.execute(
            select(Notifikasi.kunci_unik, Notifikasi.user_id)
            .where(Notifikasi.kunci_unik.startswith(awalan, autoescape=True))
            .order_by(Notifikasi.id)
        )
    ]


def hapus_catatan(db_session, skp_ids=(), ev_ids=(), keberatan_ids=()) -> None:
    """Remove records a test wrote directly (keberatan, evaluations, SKPs with their RHK and IKI)."""
    from schema.models import SKP, EvaluasiKinerja, IndikatorKinerja, Keberatan, RencanaHasilKerja

    db_session.rollback()
    db_session.execute(delete(Keberatan).where(Keberatan.id.in_(list(keberatan_ids))))
    db_session.execute(delete(EvaluasiKinerja).where(EvaluasiKinerja.id.in_(list(ev_ids))))
    rhk = select(RencanaHasilKerja.id).where(RencanaHasilKerja.skp_id.in_(list(skp_ids)))
    db_session.execute(delete(IndikatorKinerja).where(IndikatorKinerja.rhk_id.in_(rhk)))
    db_session.execute(delete(RencanaHasilKerja).where(RencanaHasilKerja.skp_id.in_(list(skp_ids))))
    db_session.execute(delete(SKP).where(SKP.id.in_(list(skp_ids))))
    db_session.commit()


def ev_langsung(db, skp, nomor: int, **kolom) -> EvaluasiKinerja:
    """An evaluation row written directly, with the stored deadline the flow would have computed."""
    isi = dict(
        skp_id=skp.id,
        pegawai_id=skp.pegawai_id,
        unit_kerja_id=skp.unit_kerja_id,
        penilai_id=skp.penilai_id,
        atasan_penilai_id=skp.atasan_penilai_id,
        jenis="periodik",
        tahun=skp.tahun,
        periode_jenis="triwulanan",
        periode_nomor=nomor,
        aktif=True,
        status_dokumen="draf",
        format_dokumen="D.1.1",
        dinilai_oleh="penilai",
        is_final=False,
    )
    isi.update(kolom)
    e = EvaluasiKinerja(**isi)
    db.add(e)
    db.commit()
    return e
