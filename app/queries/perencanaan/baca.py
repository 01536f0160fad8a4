"""Reading one SKP for the detail page / print (a bounded number of queries)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Select, and_, bindparam, select
from sqlalchemy.orm import joinedload, selectinload

from app.extensions import db
from schema.enums import JenisLampiran
from schema.models import SKP, EkspektasiKhusus, LampiranSKP, NilaiInti, PerilakuPanduan, RencanaHasilKerja


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


# the core values in order with their guidance behaviours and the SKP's special expectation for each (one per SKP
# and value): one statement, built once (building it per request cost as much CPU as running it)
_PERILAKU: Select[*tuple[Any, ...]] = (
    select(NilaiInti.id, NilaiInti.kode, NilaiInti.nama, PerilakuPanduan.uraian, EkspektasiKhusus.uraian)
    .outerjoin(PerilakuPanduan, PerilakuPanduan.nilai_inti_id == NilaiInti.id)
    .outerjoin(
        EkspektasiKhusus,
        and_(EkspektasiKhusus.nilai_inti_id == NilaiInti.id, EkspektasiKhusus.skp_id == bindparam("skp")),
    )
    .order_by(NilaiInti.urutan, NilaiInti.id, PerilakuPanduan.urutan)
)


def perilaku_skp(skp_id: int) -> list[dict]:
    out: dict[int, dict] = {}
    for nid, kode, nama, uraian, ekspektasi in db.session.execute(_PERILAKU, {"skp": skp_id}):
        n = out.get(nid)
        if n is None:
            n = out[nid] = {"kode": kode, "nama": nama, "perilaku": [], "ekspektasi": ekspektasi}
        if uraian is not None:
            n["perilaku"].append(uraian)
    return list(out.values())


def lampiran_skp(skp_id: int) -> dict[str, list[LampiranSKP]]:
    out: dict[str, list[LampiranSKP]] = {j.value: [] for j in JenisLampiran}
    for a in db.session.scalars(
        select(LampiranSKP).where(LampiranSKP.skp_id == skp_id).order_by(LampiranSKP.jenis, LampiranSKP.urutan)
    ):
        out[a.jenis].append(a)
    return out
