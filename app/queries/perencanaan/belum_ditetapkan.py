""" "SKP belum ditetapkan" lists (set-based)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import case, func, or_, select

from app.extensions import db
from app.queries.perencanaan.umum import BISA_DISUSUN, STATUS_WAJIB_SKP, S
from app.rules.waktu import tenggat_penetapan_skp
from schema.models import SKP, Jabatan, Pegawai, UnitKerja


def _skp_aktif_tahun(tahun: int):
    return (
        select(SKP.id, SKP.pegawai_id, SKP.status, SKP.diajukan_ke_atasan, SKP.penilai_id)
        .where(SKP.tahun == tahun, SKP.aktif.is_(True))
        .subquery("skp_t")
    )


def belum_ditetapkan_per_unit(tahun: int, hari_ini: dt.date, halaman: int = 1, per_halaman: int = 50):
    """Per unit: employees who need an SKP, how many have none / draft / submitted / set; overdue first."""
    s = _skp_aktif_tahun(tahun)
    lewat = hari_ini > tenggat_penetapan_skp(tahun)
    belum = case((or_(s.c.status.is_(None), s.c.status != S.DITETAPKAN.value), 1), else_=0)
    stmt = (
        select(
            UnitKerja.id,
            UnitKerja.kode,
            UnitKerja.nama,
            func.count(Pegawai.id).label("wajib"),
            func.sum(case((s.c.id.is_(None), 1), else_=0)).label("tanpa_skp"),
            func.sum(case((s.c.status.in_(BISA_DISUSUN), 1), else_=0)).label("disusun"),
            func.sum(case((s.c.status == S.DIAJUKAN.value, 1), else_=0)).label("diajukan"),
            func.sum(case((s.c.status == S.DITETAPKAN.value, 1), else_=0)).label("ditetapkan"),
            func.sum(belum).label("belum"),
        )
        .join(Pegawai, Pegawai.unit_kerja_id == UnitKerja.id)
        .outerjoin(s, s.c.pegawai_id == Pegawai.id)
        .where(Pegawai.status.in_(STATUS_WAJIB_SKP))
        .group_by(UnitKerja.id, UnitKerja.kode, UnitKerja.nama)
        .having(func.sum(belum) > 0)
        .order_by(func.sum(belum).desc(), UnitKerja.kode)
    )
    total = db.session.scalar(select(func.count()).select_from(stmt.subquery()))
    rows = db.session.execute(stmt.offset((halaman - 1) * per_halaman).limit(per_halaman)).all()
    ringkas = db.session.execute(
        select(func.count(Pegawai.id), func.sum(belum))
        .outerjoin(s, s.c.pegawai_id == Pegawai.id)
        .where(Pegawai.status.in_(STATUS_WAJIB_SKP))
    ).one()
    return {
        "rows": rows,
        "total_unit": total,
        "wajib": ringkas[0] or 0,
        "belum": ringkas[1] or 0,
        "terlambat": (ringkas[1] or 0) if lewat else 0,
        "lewat_tenggat": lewat,
    }


def belum_ditetapkan_tim(
    tahun: int, hari_ini: dt.date, jabatan_id: int | None, pegawai_id: int | None, dua_tingkat: bool = False
):
    """The supervisor's team: direct subordinates by position (two levels for an atasan) and anyone whose SKP
    names me as evaluator (fallback/manual); those without a set SKP, overdue first."""
    s = _skp_aktif_tahun(tahun)
    lewat = hari_ini > tenggat_penetapan_skp(tahun)
    syarat = []
    if jabatan_id:
        l1 = select(Jabatan.id).where(Jabatan.atasan_id == jabatan_id)
        syarat.append(Pegawai.jabatan_id.in_(l1))
        if dua_tingkat:
            syarat.append(Pegawai.jabatan_id.in_(select(Jabatan.id).where(Jabatan.atasan_id.in_(l1))))
    if pegawai_id:
        syarat.append(
            Pegawai.id.in_(
                select(SKP.pegawai_id).where(
                    SKP.tahun == tahun,
                    SKP.aktif.is_(True),
                    or_(SKP.penilai_id == pegawai_id, SKP.atasan_penilai_id == pegawai_id if dua_tingkat else False),
                )
            )
        )
    if not syarat:
        return {"rows": [], "wajib": 0, "belum": 0, "terlambat": 0, "lewat_tenggat": lewat}
    stmt = (
        select(
            Pegawai.id,
            Pegawai.nip,
            Pegawai.nama,
            Jabatan.nama.label("jabatan"),
            s.c.id.label("skp_id"),
            s.c.status,
            s.c.diajukan_ke_atasan,
        )
        .outerjoin(Jabatan, Jabatan.id == Pegawai.jabatan_id)
        .outerjoin(s, s.c.pegawai_id == Pegawai.id)
        .where(Pegawai.status.in_(STATUS_WAJIB_SKP), or_(*syarat), Pegawai.id != (pegawai_id or 0))
        .order_by(
            case((s.c.status == S.DITETAPKAN.value, 1), else_=0), case((s.c.id.is_(None), 0), else_=1), Pegawai.nama
        )
    )
    rows = db.session.execute(stmt).all()
    belum = [r for r in rows if r.status != S.DITETAPKAN.value]
    return {
        "rows": rows,
        "wajib": len(rows),
        "belum": len(belum),
        "terlambat": len(belum) if lewat else 0,
        "lewat_tenggat": lewat,
    }
