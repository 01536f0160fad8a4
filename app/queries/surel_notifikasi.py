"""The operator's email outbox page (Surel Notifikasi): the sends filtered by state and kind, and "kirim ulang"
of failed sends. A confidential kind's title is never shown (the template checks ``notifikasi.rahasia``) and
its body was never stored (``notifikasi.judul_isi``)."""

from __future__ import annotations

from sqlalchemy import func, select

from app import jam
from app.extensions import db
from app.security.audit import catat
from schema.models import Pegawai, User
from schema.models.notifikasi import KirimSurel, Notifikasi, StatusSurel

STATUS = tuple(s.value for s in StatusSurel)


def riwayat(status: str | None = None, jenis: str | None = None, batas: int = 200):
    """The latest sends (optionally of one state and one kind) with their notification and the recipient as
    people read it — "Nama (NIP)" of the employee record, else the account's name (one query)."""
    stmt = (
        select(KirimSurel, Notifikasi, Pegawai.nama, Pegawai.nip, User.first_name, User.last_name)
        .join(Notifikasi, Notifikasi.id == KirimSurel.notifikasi_id)
        .join(User, User.id == Notifikasi.user_id)
        .outerjoin(Pegawai, Pegawai.user_id == User.id)
    )
    if status:
        stmt = stmt.where(KirimSurel.status == status)
    if jenis:
        stmt = stmt.where(Notifikasi.jenis == jenis)
    return [
        (k, n, f"{nama} ({nip})" if nama else " ".join(x for x in (depan, belakang) if x) or "—")
        for k, n, nama, nip, depan, belakang in db.session.execute(stmt.order_by(KirimSurel.id.desc()).limit(batas))
    ]


def jumlah_per_status() -> dict[str, int]:
    ada = dict(db.session.execute(select(KirimSurel.status, func.count()).group_by(KirimSurel.status)).all())
    return {s: int(ada.get(s, 0)) for s in STATUS}


def ada_semua(ids: list[int]) -> bool:
    return db.session.scalar(select(func.count()).select_from(KirimSurel).where(KirimSurel.id.in_(ids))) == len(
        set(ids)
    )


def kirim_ulang(ids: list[int]) -> int:
    """Failed sends among ``ids`` wait again: attempts 0, due now, lease released (audited). Sends in another
    state are left as they are. Returns how many were reset."""
    rows = db.session.scalars(
        select(KirimSurel).where(KirimSurel.id.in_(ids), KirimSurel.status == StatusSurel.GAGAL.value)
    ).all()
    for k in rows:
        sebelum = {"status": k.status, "percobaan": k.percobaan}
        k.status, k.percobaan, k.coba_lagi_pada = StatusSurel.MENUNGGU.value, 0, jam.sekarang_utc()
        k.dikunci_sampai = None
        catat(
            "kirim_surel",
            k.id,
            "ubah",
            sebelum=sebelum,
            sesudah={"status": k.status, "percobaan": 0, "kirim_ulang": True},
        )
    db.session.flush()
    return len(rows)
