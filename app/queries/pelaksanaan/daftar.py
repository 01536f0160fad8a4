"""Lists for the index page."""

from __future__ import annotations

from sqlalchemy import func, select

from app.extensions import db
from app.rules import StatusSKP
from schema.models import SKP


def daftar_skp_berjalan(klausa, halaman: int = 1, per_halaman: int = 50, cari: str = ""):
    stmt = (
        select(
            SKP.id,
            SKP.tahun,
            SKP.pegawai_nama,
            SKP.pegawai_nip,
            SKP.pegawai_jabatan,
            SKP.pegawai_unit,
            SKP.format_skp,
            SKP.penilai_nama,
        )
        .where(SKP.status == StatusSKP.DITETAPKAN.value, SKP.aktif.is_(True))
        .where(klausa)
    )
    if cari:
        stmt = stmt.where(
            SKP.pegawai_nama.icontains(cari, autoescape=True)  # a surname finds the person, as on the lists
            | SKP.pegawai_nip.contains(cari, autoescape=True)
        )
    total = db.session.scalar(select(func.count()).select_from(stmt.subquery()))
    rows = db.session.execute(
        stmt.order_by(SKP.tahun.desc(), SKP.pegawai_nama, SKP.id).offset((halaman - 1) * per_halaman).limit(per_halaman)
    ).all()
    return rows, total
