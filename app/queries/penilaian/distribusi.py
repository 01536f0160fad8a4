"""Distribution of predikat per unit against the capaian (R5)."""

from __future__ import annotations

from sqlalchemy import func, select

from app import jam
from app.extensions import db
from app.queries.penilaian.capaian import baris_capaian, capaian_dari
from app.queries.penilaian.kalender import jenis_periode
from app.rules import JenisEvaluasi, JenisPeriode, Predikat, bandingkan_distribusi
from schema.models import EvaluasiKinerja, UnitKerja


def distribusi_unit(tahun: int, jenis: str, nomor: int, klausa, unit_id: int | None = None) -> list[dict]:
    """Per unit: count of each predikat of active evaluations of the period (one GROUP BY), the unit's capaian,
    the expected modal predikat and the deviation flag — guidance only."""
    stmt = (
        select(EvaluasiKinerja.unit_kerja_id, EvaluasiKinerja.predikat, func.count())
        .where(
            EvaluasiKinerja.tahun == tahun,
            EvaluasiKinerja.jenis == jenis,
            EvaluasiKinerja.periode_nomor == nomor,
            EvaluasiKinerja.aktif.is_(True),
            EvaluasiKinerja.predikat.is_not(None),
            klausa,
        )
        .group_by(EvaluasiKinerja.unit_kerja_id, EvaluasiKinerja.predikat)
    )
    if unit_id:
        stmt = stmt.where(EvaluasiKinerja.unit_kerja_id == unit_id)
    per: dict[int, dict] = {}
    for u, p, n in db.session.execute(stmt):
        per.setdefault(u, {})[p] = n
    if not per:
        return []
    nama = dict(db.session.execute(select(UnitKerja.id, UnitKerja.nama).where(UnitKerja.id.in_(list(per)))).all())
    pj = JenisPeriode.TAHUNAN.value if jenis == JenisEvaluasi.TAHUNAN.value else jenis_periode(tahun).value
    rows = baris_capaian(list(per), tahun)
    out = []
    for u in sorted(per, key=lambda x: nama.get(x, "")):
        jumlah = per[u]
        cap = capaian_dari(rows, u, jenis, tahun, pj, nomor, jam.hari_ini())
        daftar = [p for p, n in jumlah.items() for _ in range(n)]
        banding = bandingkan_distribusi(daftar, cap.capaian) if cap.capaian else None
        total = sum(jumlah.values())
        out.append(
            {
                "unit_id": u,
                "unit": nama.get(u, str(u)),
                "total": total,
                "jumlah": {p.value: jumlah.get(p.value, 0) for p in Predikat},
                "proporsi": {p.value: (jumlah.get(p.value, 0) / total if total else 0.0) for p in Predikat},
                "capaian": cap.capaian.value if cap.capaian else None,
                "capaian_alasan": cap.alasan,
                "dominan": banding.modus_harapan.value if banding else None,
                "menyimpang": banding.menyimpang if banding else None,
                "pesan": banding.pesan if banding else cap.alasan,
            }
        )
    return out
