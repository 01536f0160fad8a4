"""The two self-referencing trees of master data — ``unit_kerja.induk_id`` and ``jabatan.atasan_id`` — read in
bounded walks, and the one parent check (``app.rules.pohon.masalah_induk``) shared by the HTML forms, the REST API
and the Excel import, so that no path can write a cycle.

Every walk stops after ``MAKS_KEDALAMAN_POHON`` levels: a cycle written around the application (straight SQL, an
old backup) makes a page incomplete, never a worker that loops forever.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import literal, select
from sqlalchemy.orm import aliased

from app.extensions import db
from app.rules.pohon import MAKS_KEDALAMAN_POHON, MasalahInduk, masalah_induk
from schema.models import Jabatan, UnitKerja

# tree → (model, parent column, messages per problem; the field's label comes first so the user knows which one)
POHON = {
    "unit_kerja": (
        UnitKerja,
        "induk_id",
        {
            MasalahInduk.SIKLUS: "Unit Induk tidak boleh unit kerja ini sendiri atau salah satu sub-unitnya: "
            "pohon unit kerja akan melingkar.",
            MasalahInduk.RANTAI_MELINGKAR: "Unit Induk tidak valid: rantai induk unit yang dipilih melingkar; "
            "perbaiki unit induknya terlebih dahulu.",
            MasalahInduk.TERLALU_DALAM: f"Unit Induk tidak valid: pohon unit kerja paling dalam "
            f"{MAKS_KEDALAMAN_POHON} tingkat.",
        },
    ),
    "jabatan": (
        Jabatan,
        "atasan_id",
        {
            MasalahInduk.SIKLUS: "Jabatan Atasan tidak boleh jabatan ini sendiri atau salah satu jabatan bawahannya: "
            "rantai atasan akan melingkar.",
            MasalahInduk.RANTAI_MELINGKAR: "Jabatan Atasan tidak valid: rantai atasan jabatan yang dipilih melingkar; "
            "perbaiki jabatan atasannya terlebih dahulu.",
            MasalahInduk.TERLALU_DALAM: f"Jabatan Atasan tidak valid: rantai atasan paling panjang "
            f"{MAKS_KEDALAMAN_POHON} tingkat.",
        },
    ),
}


def _cte_leluhur(model, kolom: str, mulai_id: int, batas: int):
    """Recursive CTE (id, induk, d): ``mulai_id`` (d = 1) and its ancestors, at most ``batas`` rows deep."""
    awal = select(model.id.label("id"), getattr(model, kolom).label("induk"), literal(1).label("d")).where(
        model.id == mulai_id
    )
    cte = awal.cte(f"leluhur_{model.__tablename__}", recursive=True)
    m = aliased(model)
    return cte.union_all(select(m.id, getattr(m, kolom), cte.c.d + 1).where(m.id == cte.c.induk, cte.c.d < batas))


def sub_unit(unit_id: int):
    """Select of the ids of ``unit_id`` and every unit below it (the list filter "unit kerja, termasuk sub-unit").

    Walks down from ``unit_id``, at most ``MAKS_KEDALAMAN_POHON`` levels: a cycle in the data ends the walk."""
    awal: Any = select(UnitKerja.id.label("id"), literal(1).label("d")).where(UnitKerja.id == unit_id)
    cte = awal.cte("sub_unit", recursive=True)
    u = aliased(UnitKerja)
    cte = cte.union_all(select(u.id, cte.c.d + 1).where(u.induk_id == cte.c.id, cte.c.d < MAKS_KEDALAMAN_POHON))
    return select(cte.c.id)


def rantai_induk(pohon: str, mulai_id: int, batas: int = MAKS_KEDALAMAN_POHON) -> dict[int, int | None]:
    """id → parent id for ``mulai_id`` and its ancestors (one statement, bounded even on a cyclic chain)."""
    model, kolom, _ = POHON[pohon]
    cte = _cte_leluhur(model, kolom, mulai_id, batas)
    return {r.id: r.induk for r in db.session.execute(select(cte.c.id, cte.c.induk))}


def _id_wajar(x) -> bool:
    return isinstance(x, int) and not isinstance(x, bool) and 0 < x < 2**31


def pesan_induk(pohon: str, masalah: MasalahInduk | None) -> str | None:
    return POHON[pohon][2][masalah] if masalah else None


def cek_induk(pohon: str, simpul_id: int | None, induk_id: int | None) -> str | None:
    """Indonesian message when ``simpul_id`` (None = new row) may not take ``induk_id`` as parent, else None.

    Loads only the proposed parent's ancestor chain. An id that cannot exist is left to the foreign key."""
    if induk_id is None or not _id_wajar(induk_id):
        return None
    if induk_id == simpul_id:
        return pesan_induk(pohon, MasalahInduk.SIKLUS)
    return pesan_induk(pohon, masalah_induk(simpul_id, induk_id, rantai_induk(pohon, induk_id)))


def jalur_unit(unit_id: int) -> list:
    """Rows (id, nama) from the top-level unit down to ``unit_id`` (breadcrumb), one bounded statement;
    on a cyclic chain it stops before the first repeated unit."""
    cte = _cte_leluhur(UnitKerja, "induk_id", unit_id, MAKS_KEDALAMAN_POHON)
    rows = db.session.execute(
        select(cte.c.id, UnitKerja.nama, cte.c.d).join(UnitKerja, UnitKerja.id == cte.c.id).order_by(cte.c.d)
    ).all()
    jalur, dilihat = [], set()
    for r in rows:
        if r.id in dilihat:
            break
        dilihat.add(r.id)
        jalur.append(r)
    return jalur[::-1]
