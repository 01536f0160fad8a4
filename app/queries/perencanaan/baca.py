"""Reading one SKP for the detail page / print (a bounded number of queries)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import joinedload, selectinload

from app.extensions import db
from schema.enums import JenisLampiran
from schema.models import SKP, EkspektasiKhusus, LampiranSKP, NilaiInti, RencanaHasilKerja


def muat_skp(skp_id: int, klausa) -> SKP | None:
    return db.session.scalar(
        select(SKP)
        .where(SKP.id == skp_id)
        .where(klausa)
        .options(
            selectinload(SKP.rhk).selectinload(RencanaHasilKerja.iki),
            selectinload(SKP.rhk).joinedload(RencanaHasilKerja.rhk_atasan),
            joinedload(SKP.alasan_perubahan),
            joinedload(SKP.jabatan),
        )
    )


def perilaku_skp(skp_id: int) -> list[dict]:
    nilai = (
        db.session.scalars(select(NilaiInti).order_by(NilaiInti.urutan).options(joinedload(NilaiInti.perilaku)))
        .unique()
        .all()
    )
    eks = dict(
        db.session.execute(
            select(EkspektasiKhusus.nilai_inti_id, EkspektasiKhusus.uraian).where(EkspektasiKhusus.skp_id == skp_id)
        ).all()
    )
    return [
        {"kode": n.kode, "nama": n.nama, "perilaku": [p.uraian for p in n.perilaku], "ekspektasi": eks.get(n.id)}
        for n in nilai
    ]


def lampiran_skp(skp_id: int) -> dict[str, list[LampiranSKP]]:
    out: dict[str, list[LampiranSKP]] = {j.value: [] for j in JenisLampiran}
    for a in db.session.scalars(
        select(LampiranSKP).where(LampiranSKP.skp_id == skp_id).order_by(LampiranSKP.jenis, LampiranSKP.urutan)
    ):
        out[a.jenis].append(a)
    return out
