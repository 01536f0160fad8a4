"""Rencana aksi & timeline (003 Pasal 15; B.1.1)."""

from __future__ import annotations

from sqlalchemy import func, select

from app.aksi import teks
from app.extensions import db
from app.queries.perencanaan.isi import rhk_pada
from app.queries.perencanaan.peran import peran_pada
from app.queries.perencanaan.umum import GalatSKP, S
from app.security.audit import catat
from schema.models import SKP, RencanaAksi, RencanaHasilKerja


def boleh_rencana_aksi(skp: SKP, k) -> bool:
    p = peran_pada(skp, k)
    return skp.status == S.DITETAPKAN.value and skp.aktif and (p.pemilik or p.penilai or p.operator)


def simpan_rencana_aksi(skp: SKP, k, data: dict) -> RencanaAksi:
    if not boleh_rencana_aksi(skp, k):
        raise GalatSKP("Rencana aksi disusun setelah SKP ditetapkan, oleh pegawai atau pejabat penilainya.")
    rhk = rhk_pada(skp, data.get("rhk_id"), "Pilih Rencana Hasil Kerja untuk rencana aksi ini.")
    try:
        bulan = int(data.get("bulan") or 0)
    except (TypeError, ValueError):
        bulan = 0
    if not 1 <= bulan <= 12:
        raise GalatSKP("Bulan rencana aksi harus 1 (Januari) sampai 12 (Desember).")
    uraian = teks(data.get("uraian"), "Uraian rencana aksi", wajib=True, galat=GalatSKP)
    target = teks(data.get("target"), "Target rencana aksi", maks=200, galat=GalatSKP)
    urutan = (db.session.scalar(select(func.max(RencanaAksi.urutan)).where(RencanaAksi.rhk_id == rhk.id)) or 0) + 1
    ra = RencanaAksi(rhk_id=rhk.id, urutan=urutan, uraian=uraian, bulan=bulan, target=target)
    db.session.add(ra)
    db.session.flush()
    catat("rencana_aksi", ra.id, "tambah", sesudah={"rhk_id": rhk.id, "bulan": bulan, "uraian": uraian})
    return ra


def hapus_rencana_aksi(skp: SKP, k, ra_id: int) -> None:
    if not boleh_rencana_aksi(skp, k):
        raise GalatSKP("Rencana aksi disusun setelah SKP ditetapkan, oleh pegawai atau pejabat penilainya.")
    ra = db.session.scalar(
        select(RencanaAksi).join(RencanaHasilKerja).where(RencanaAksi.id == ra_id, RencanaHasilKerja.skp_id == skp.id)
    )
    if ra is None:
        raise GalatSKP("Rencana aksi tidak ditemukan pada SKP ini.")
    catat("rencana_aksi", ra.id, "hapus", sebelum={"uraian": ra.uraian})
    db.session.delete(ra)
    db.session.flush()


def rencana_aksi_skp(skp_id: int) -> dict[int, list[RencanaAksi]]:
    out: dict[int, list[RencanaAksi]] = {}
    for ra in db.session.scalars(
        select(RencanaAksi)
        .join(RencanaHasilKerja)
        .where(RencanaHasilKerja.skp_id == skp_id)
        .order_by(RencanaAksi.bulan, RencanaAksi.urutan)
    ):
        out.setdefault(ra.rhk_id, []).append(ra)
    return out
