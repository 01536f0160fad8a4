"""Matriks peran hasil (MPPH, A.1.5)."""

from __future__ import annotations

from sqlalchemy import or_, select

from app.extensions import db
from schema.models import SKP, IndikatorKinerja, Jabatan, RencanaHasilKerja, SelMPPH


def mpph(skp: SKP) -> dict:
    """Leader's IKI × subordinates: each subordinate's RHK intervening the IKI's RHK, or "tidak ada peran"."""
    iki = db.session.execute(
        select(
            IndikatorKinerja.id,
            IndikatorKinerja.uraian,
            IndikatorKinerja.rhk_id,
            RencanaHasilKerja.urutan,
            IndikatorKinerja.urutan,
        )
        .join(RencanaHasilKerja, RencanaHasilKerja.id == IndikatorKinerja.rhk_id)
        .where(RencanaHasilKerja.skp_id == skp.id)
        .order_by(RencanaHasilKerja.urutan, IndikatorKinerja.urutan)
    ).all()
    sub_syarat = [SKP.penilai_id == skp.pegawai_id]
    if skp.jabatan_id:
        sub_syarat.append(SKP.jabatan_id.in_(select(Jabatan.id).where(Jabatan.atasan_id == skp.jabatan_id)))
    bawahan = db.session.execute(
        select(SKP.id, SKP.pegawai_id, SKP.pegawai_nama, SKP.pegawai_jabatan, SKP.status)
        .where(SKP.tahun == skp.tahun, SKP.aktif.is_(True), SKP.pegawai_id != skp.pegawai_id, or_(*sub_syarat))
        .order_by(SKP.pegawai_jabatan, SKP.pegawai_nama)
    ).all()
    sub_ids = [b.id for b in bawahan]
    rhk_pimpinan = {i.rhk_id for i in iki}
    sel: dict[tuple[int, int], list[tuple[int, str]]] = {}
    if sub_ids and rhk_pimpinan:
        for rid, uraian, skp_id, atasan_rhk in db.session.execute(
            select(
                RencanaHasilKerja.id,
                RencanaHasilKerja.uraian,
                RencanaHasilKerja.skp_id,
                RencanaHasilKerja.rhk_atasan_id,
            )
            .where(RencanaHasilKerja.skp_id.in_(sub_ids), RencanaHasilKerja.rhk_atasan_id.in_(rhk_pimpinan))
            .order_by(RencanaHasilKerja.urutan)
        ):
            sel.setdefault((skp_id, atasan_rhk), []).append((rid, uraian))
    eksplisit: dict[tuple[int, int], tuple[int, str] | None] = {}
    if iki and bawahan:  # explicit A.1.5 cells (sel_mpph) override the derived ones
        for iki_id, peg_id, rid, uraian in db.session.execute(
            select(SelMPPH.iki_id, SelMPPH.pegawai_id, SelMPPH.rhk_id, RencanaHasilKerja.uraian)
            .outerjoin(RencanaHasilKerja, RencanaHasilKerja.id == SelMPPH.rhk_id)
            .where(SelMPPH.iki_id.in_([i.id for i in iki]), SelMPPH.pegawai_id.in_([b.pegawai_id for b in bawahan]))
        ):
            eksplisit[(iki_id, peg_id)] = (rid, uraian) if rid else None
    baris = []
    for b in bawahan:
        sel_baris = []
        for i in iki:
            if (i.id, b.pegawai_id) in eksplisit:
                e = eksplisit[(i.id, b.pegawai_id)]
                sel_baris.append([e] if e else [])
            else:
                sel_baris.append(sel.get((b.id, i.rhk_id), []))
        baris.append(
            {"skp_id": b.id, "nama": b.pegawai_nama, "jabatan": b.pegawai_jabatan, "status": b.status, "sel": sel_baris}
        )
    return {"iki": [{"id": i.id, "uraian": i.uraian, "nomor": f"{i[3]}.{i[4]}"} for i in iki], "baris": baris}
