"""Email notifications over SMTP (stdlib ``smtplib``): the sender of the ``kirim_surel`` outbox.

``kirim_surel_menunggu(config)`` — run by the daily schedule and, where Celery runs, by beat every
``SURAT_DIKIRIM_DETIK`` (app/antrean.py). Due rows are leased (``dikunci_sampai``) so two senders never send one
row; each row is marked in its own short transaction right after the server accepted it. A connection error or
a temporary refusal (4xx) waits with back-off (``app.rules.siasn.jeda_coba_lagi``) and is tried again; after
``MAKS_PERCOBAAN`` attempts or a permanent refusal (5xx) the row is "gagal" with the server's answer for the
operator — a message is never dropped silently. A sender killed between the server's acceptance and the commit
may send that one message twice (at least once, never lost); the Message-ID is stable so mail clients fold it.

The message is Indonesian plain text with a simple HTML alternative and a link to ``/notifikasi/<id>``, which
marks the entry read and opens its record after login. Confidential kinds (R11) carry only a neutral sentence:
no name, NIP or content, not even the kind.
"""

from __future__ import annotations

import datetime as dt
import html
import smtplib
import ssl
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import formatdate, parseaddr

from app import jam
from app.extensions import db
from app.queries import kotak_keluar
from app.queries import notifikasi as q
from app.rules.siasn import MAKS_PERCOBAAN, jeda_coba_lagi
from schema.models.notifikasi import KirimSurel, Notifikasi, StatusSurel

SEWA = dt.timedelta(minutes=10)  # a sender's lease on a row; longer than one batch's SMTP conversation
SUBJEK_RAHASIA = "Pemberitahuan dari aplikasi Kinerja ASN"


@dataclass(frozen=True)
class PengaturanSmtp:
    host: str
    port: int
    user: str | None
    password: str | None
    starttls: bool
    dari: str
    url_aplikasi: str
    timeout: float


def pengaturan(config) -> PengaturanSmtp | None:
    """Email is on only when ``SMTP_HOST`` is set."""
    if not config.get("SMTP_HOST"):
        return None
    return PengaturanSmtp(
        host=config["SMTP_HOST"],
        port=int(config.get("SMTP_PORT") or 587),
        user=config.get("SMTP_USER") or None,
        password=config.get("SMTP_PASSWORD") or None,
        starttls=bool(config.get("SMTP_STARTTLS", True)),
        dari=config.get("SURAT_DARI") or "Kinerja ASN <noreply@localhost>",
        url_aplikasi=(config.get("URL_APLIKASI") or "http://localhost:5000").rstrip("/"),
        timeout=float(config.get("SMTP_TIMEOUT") or 30),
    )


def susun(n: Notifikasi, alamat: str, p: PengaturanSmtp) -> EmailMessage:
    """The message for notification ``n``: plain text plus a simple HTML alternative, in Indonesian."""
    url = f"{p.url_aplikasi}/notifikasi/{n.id}"
    if q.rahasia(str(n.jenis)):
        judul, isi = SUBJEK_RAHASIA, q.PESAN_RAHASIA  # whatever is stored: nothing of the case leaves by email
    else:
        judul, isi = str(n.judul), str(n.isi or "")
    m = EmailMessage()
    m["Subject"] = f"[Kinerja ASN] {judul}"
    m["From"] = p.dari
    m["To"] = alamat
    m["Date"] = formatdate(localtime=False)
    domain = parseaddr(p.dari)[1].rpartition("@")[2] or "localhost"
    m["Message-ID"] = f"<kinerja-notifikasi-{n.id}@{domain}>"  # stable: a rare second copy is the same message
    pengaturan_url = f"{p.url_aplikasi}/notifikasi/"
    teks = ["Yth. Bapak/Ibu,", "", judul]
    if isi:
        teks += ["", isi]
    teks += [
        "",
        f"Buka di aplikasi: {url}",
        "",
        "Surel ini dikirim otomatis oleh aplikasi Kinerja ASN; mohon tidak dibalas.",
        f"Pengaturan surel notifikasi: {pengaturan_url}",
    ]
    m.set_content("\n".join(teks))
    e = html.escape
    m.add_alternative(
        '<!doctype html><html lang="id"><body>'
        f"<p>Yth. Bapak/Ibu,</p><p><strong>{e(judul)}</strong></p>"
        + (f"<p>{e(isi)}</p>" if isi else "")
        + f'<p><a href="{e(url)}">Buka di aplikasi</a></p>'
        + "<p><small>Surel ini dikirim otomatis oleh aplikasi Kinerja ASN; mohon tidak dibalas. "
        + f'<a href="{e(pengaturan_url)}">Pengaturan surel notifikasi</a>.</small></p></body></html>',
        subtype="html",
    )
    return m


# --- sending ---------------------------------------------------------------------------------------------------


def _sewa(batas: int) -> list[int]:
    return kotak_keluar.sewa(KirimSurel, StatusSurel.MENUNGGU.value, SEWA, batas)


def _sambung(p: PengaturanSmtp) -> smtplib.SMTP:
    s = smtplib.SMTP(p.host, p.port, timeout=p.timeout)
    try:
        if p.starttls:
            s.starttls(context=ssl.create_default_context())
        if p.user:
            s.login(p.user, p.password or "")
    except BaseException:
        s.close()
        raise
    return s


def _sementara(e: Exception) -> bool:
    """Connection trouble and 4xx answers pass; 5xx answers (unknown recipient, refused) do not."""
    if isinstance(e, smtplib.SMTPRecipientsRefused):
        return all(400 <= kode < 500 for kode, _ in e.recipients.values())
    if isinstance(e, smtplib.SMTPResponseException):
        return 400 <= e.smtp_code < 500
    return isinstance(e, (OSError, smtplib.SMTPException))  # disconnected, timeout, refused connection


def _galat(e: Exception) -> str:
    if isinstance(e, smtplib.SMTPResponseException):
        pesan = e.smtp_error.decode("utf-8", "replace") if isinstance(e.smtp_error, bytes) else str(e.smtp_error)
        return f"SMTP {e.smtp_code}: {pesan}"[:1000]
    return f"{type(e).__name__}: {e}"[:1000]


def _catat_gagal(rid: int, e: Exception, hasil: dict[str, int]) -> None:
    row = db.session.get(KirimSurel, rid)
    row.percobaan += 1
    row.galat_terakhir = _galat(e)
    if _sementara(e) and row.percobaan < MAKS_PERCOBAAN:
        row.coba_lagi_pada = jam.sekarang_utc() + jeda_coba_lagi(row.percobaan)
        hasil["coba_lagi"] += 1
    else:
        row.status = StatusSurel.GAGAL.value
        hasil["gagal"] += 1
    row.dikunci_sampai = None
    db.session.commit()


def _kirim_satu(smtp: smtplib.SMTP, rid: int, p: PengaturanSmtp) -> None:
    row = db.session.get(KirimSurel, rid)
    n = db.session.get(Notifikasi, row.notifikasi_id)
    smtp.send_message(susun(n, row.alamat, p), to_addrs=[row.alamat])
    row.status, row.terkirim_pada, row.galat_terakhir = StatusSurel.TERKIRIM.value, jam.sekarang_utc(), None
    row.percobaan += 1
    row.dikunci_sampai = None
    db.session.commit()


def kirim_surel_menunggu(config, batas: int = 200) -> dict[str, int] | None:
    """Send the due rows over one SMTP connection; None when SMTP is not configured. Counts by outcome."""
    p = pengaturan(config)
    if p is None:
        return None
    hasil = {"terkirim": 0, "coba_lagi": 0, "gagal": 0}
    ids = _sewa(batas)
    if not ids:
        return hasil
    try:
        smtp = _sambung(p)
    except (OSError, smtplib.SMTPException) as e:  # the server is down: every leased row waits
        for rid in ids:
            _catat_gagal(rid, e, hasil)
        return hasil
    try:
        for i, rid in enumerate(ids):
            try:
                _kirim_satu(smtp, rid, p)
                hasil["terkirim"] += 1
            except smtplib.SMTPServerDisconnected as e:  # the connection is gone: the rest wait as well
                db.session.rollback()
                for sisa in ids[i:]:
                    _catat_gagal(sisa, e, hasil)
                return hasil
            except (OSError, smtplib.SMTPException) as e:
                db.session.rollback()
                _catat_gagal(rid, e, hasil)
    finally:
        try:
            smtp.quit()
        except (OSError, smtplib.SMTPException):
            smtp.close()
    return hasil
