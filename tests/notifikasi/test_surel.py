"""Email over a real SMTP server on loopback (aiosmtpd, started by the fixture): one message per event to the
right person, nothing twice, nothing lost through an outage, nothing confidential, nothing when email is off."""

from __future__ import annotations

import datetime as dt
import socket
from email import message_from_bytes
from email.policy import default as kebijakan

import pytest
from aiosmtpd.controller import Controller
from sqlalchemy import func, select

from app import jam, surel
from app.queries import notifikasi as q
from schema.models import Pegawai, User
from schema.models.notifikasi import KirimSurel, Notifikasi
from tests.notifikasi.conftest import uid


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


def _alamat_diharapkan(db_session, username) -> str:
    p_email, u_email = db_session.execute(
        select(Pegawai.email, User.email)
        .select_from(User)
        .outerjoin(Pegawai, Pegawai.user_id == User.id)
        .where(User.username == username)
    ).one()
    return p_email or u_email


def _teks(m) -> str:
    bagian = [m["Subject"]]
    for p in m.walk():
        if p.get_content_maintype() == "text":
            bagian.append(p.get_content())
    return "\n".join(bagian)


def test_satu_kejadian_satu_surel_ke_orang_yang_tepat(db_session, buat, smtp, konfigurasi):
    n = buat(
        "penilai", judul="SKP Budi Santoso menunggu persetujuan Anda", isi="Diajukan 5 Desember.", tautan="/skp/show/1"
    )
    hasil = surel.kirim_surel_menunggu(konfigurasi)
    assert hasil["terkirim"] >= 1
    pesan = smtp.untuk([n.id])
    assert len(pesan) == 1
    to, m = pesan[0]
    assert to == [_alamat_diharapkan(db_session, "penilai")]
    teks = _teks(m)
    assert "SKP Budi Santoso menunggu persetujuan Anda" in m["Subject"]
    assert f"https://kinerja.contoh.go.id/notifikasi/{n.id}" in teks
    assert m.get_body(preferencelist=("html",)) is not None and m.get_body(preferencelist=("plain",)) is not None
    # the sender run again: nothing new
    assert surel.kirim_surel_menunggu(konfigurasi)["terkirim"] == 0
    assert len(smtp.untuk([n.id])) == 1
    db_session.rollback()
    row = db_session.scalar(select(KirimSurel).where(KirimSurel.notifikasi_id == n.id))
    assert row.status == "terkirim" and row.percobaan == 1


def test_smtp_mati_lalu_pulih_semua_terkirim_sekali(app, db_session, buat, smtp, konfigurasi):
    smtp.henti()
    ns = [buat("pegawai", judul=f"Pengingat {i}") for i in range(3)]
    hasil = surel.kirim_surel_menunggu(konfigurasi)
    assert hasil["coba_lagi"] >= 3 and hasil["terkirim"] == 0
    db_session.rollback()
    rows = db_session.scalars(select(KirimSurel).where(KirimSurel.notifikasi_id.in_([n.id for n in ns]))).all()
    assert len(rows) == 3 and all(r.status == "menunggu" and r.percobaan == 1 and r.galat_terakhir for r in rows)
    smtp.mulai()
    assert surel.kirim_surel_menunggu(konfigurasi)["terkirim"] == 0  # still waiting out the back-off
    besok = (jam.sekarang_utc() + dt.timedelta(days=1)).isoformat() + "+00:00"
    app.config["JAM_TETAP"] = besok  # the app's one clock, a day later
    try:
        with app.app_context():
            assert surel.kirim_surel_menunggu(konfigurasi)["terkirim"] >= 3
            assert surel.kirim_surel_menunggu(konfigurasi)["terkirim"] == 0
    finally:
        app.config.pop("JAM_TETAP", None)
    pesan = smtp.untuk([n.id for n in ns])
    assert len(pesan) == 3
    assert sorted(str(m["Message-ID"]) for _, m in pesan) == sorted(
        f"<kinerja-notifikasi-{n.id}@contoh.go.id>" for n in ns
    )


def test_jenis_rahasia_surel_tanpa_nama_nip_isi(db_session, buat, smtp, konfigurasi):
    p = db_session.scalars(select(Pegawai).where(Pegawai.user_id.is_(None)).limit(1)).one()
    n = buat(
        "konselor",
        jenis="laporan_perilaku",
        judul=f"Laporan perilaku {p.nama} ({p.nip})",
        isi=f"{p.nama} dilaporkan membentak rekan kerja",
        tautan="/laporanperilaku/show/1",
    )
    surel.kirim_surel_menunggu(konfigurasi)
    ((to, m),) = smtp.untuk([n.id])
    teks = _teks(m)
    for rahasia in (p.nama, p.nip, "membentak", "Laporan perilaku", "/laporanperilaku/"):
        assert rahasia not in teks, rahasia
    assert q.PESAN_RAHASIA in teks and f"/notifikasi/{n.id}" in teks


def test_surel_dimatikan_hanya_di_aplikasi(db_session, buat, smtp, konfigurasi):
    q.simpan_preferensi(uid(db_session, "atasan"), surel_aktif=False, ringkasan_harian=False)
    db_session.commit()
    n = buat("atasan", judul="Keberatan diajukan")
    assert db_session.scalar(select(func.count()).where(KirimSurel.notifikasi_id == n.id)) == 0
    assert db_session.get(Notifikasi, n.id) is not None
    surel.kirim_surel_menunggu(konfigurasi)
    assert smtp.untuk([n.id]) == []


def test_tanpa_smtp_tidak_mengirim(app, db_session, buat):
    buat("pegawai", judul="Tanpa SMTP")
    assert surel.kirim_surel_menunggu({**app.config, "SMTP_HOST": None}) is None
