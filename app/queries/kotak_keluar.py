"""The lease both outboxes share (SIASN results, notification emails): a sender takes the due rows it will send,
so two senders — two workers, or beat and the operator's button — never send the same row."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import or_, select, update

from app import jam
from app.extensions import db


def sewa(model, status_menunggu: str, lama: dt.timedelta, batas: int) -> list[int]:
    """Lease up to ``batas`` due rows of ``model`` (columns id, status, coba_lagi_pada, dikunci_sampai) for
    ``lama``; one conditional UPDATE per row re-checks the lease, so a concurrent sender gets the others. Commits."""
    sekarang = jam.sekarang_utc()
    bebas = or_(model.dikunci_sampai.is_(None), model.dikunci_sampai < sekarang)
    menunggu = model.status == status_menunggu
    ids = list(
        db.session.scalars(
            select(model.id)
            .where(menunggu, model.coba_lagi_pada <= sekarang, bebas)
            .order_by(model.coba_lagi_pada, model.id)
            .limit(batas)
        )
    )
    diambil = []
    for i in ids:
        n = db.session.execute(
            update(model)
            .where(model.id == i, bebas, menunggu)
            .values(dikunci_sampai=sekarang + lama)
            .execution_options(synchronize_session=False)
        ).rowcount
        if n:
            diambil.append(i)
    db.session.commit()
    return diambil
