"""The chain of leaders, who evaluates whom, and the leader's RHK an RHK cascades from."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, literal, or_, select

from app import jam
from app.extensions import db
from app.queries.perencanaan.umum import GalatSKP
from app.rules import StatusPegawai
from schema.models import SKP, Jabatan, Pegawai, PenugasanPlt, RencanaHasilKerja


def rantai_jabatan(jabatan_id: int | None, maks: int = 20) -> list[int]:
    """Superior positions of ``jabatan_id`` upward (nearest first), one recursive query."""
    if not jabatan_id:
        return []
    awal = select(Jabatan.id, Jabatan.atasan_id, literal(0).label("d")).where(Jabatan.id == jabatan_id)
    rantai = awal.cte("rantai", recursive=True)
    lanjut = (
        select(Jabatan.id, Jabatan.atasan_id, (rantai.c.d + 1).label("d"))
        .join(rantai, Jabatan.id == rantai.c.atasan_id)
        .where(rantai.c.d < maks)
    )
    rantai = rantai.union_all(lanjut)
    return [r[0] for r in db.session.execute(select(rantai.c.id).where(rantai.c.d > 0).order_by(rantai.c.d))]


def pemangku(jabatan_ids: list[int], tanggal: dt.date) -> dict[int, tuple[int, bool]]:
    """jabatan → (pegawai, via Plt/Plh): the active holder, else a Plt/Plh in force on ``tanggal``."""
    if not jabatan_ids:
        return {}
    out: dict[int, tuple[int, bool]] = {}
    for pid, jid in db.session.execute(
        select(Pegawai.id, Pegawai.jabatan_id)
        .where(Pegawai.jabatan_id.in_(jabatan_ids))
        .where(Pegawai.status == StatusPegawai.AKTIF.value)
        .order_by(Pegawai.id)
    ):
        out.setdefault(jid, (pid, False))
    for jid, pid in db.session.execute(
        select(PenugasanPlt.jabatan_id, PenugasanPlt.pegawai_id)
        .where(PenugasanPlt.jabatan_id.in_(jabatan_ids))
        .where(PenugasanPlt.mulai <= tanggal)
        .where(or_(PenugasanPlt.selesai.is_(None), PenugasanPlt.selesai >= tanggal))
        .order_by(PenugasanPlt.id)
    ):
        out.setdefault(jid, (pid, True))
    return out


@dataclass(frozen=True)
class HasilPenilai:
    penilai_id: int | None
    atasan_penilai_id: int | None
    fallback: bool  # the direct superior position was vacant: the next one up was taken (visible on the SKP)
    via_plt: bool


def tanggal_acuan(tahun: int) -> dt.date:
    hari_ini = jam.hari_ini()
    return min(max(hari_ini, dt.date(tahun, 1, 2)), dt.date(tahun, 12, 31))


def tentukan_penilai(pegawai_id: int, jabatan_id: int | None, tahun: int) -> HasilPenilai:
    """Walk Jabatan.atasan_id upward skipping vacant positions (a Plt/Plh counts as holder)."""
    rantai = rantai_jabatan(jabatan_id)
    isi = pemangku(rantai, tanggal_acuan(tahun))
    penilai = atasan = None
    fallback = via_plt = False
    lewat = 0
    for jid in rantai:
        h = isi.get(jid)
        if h is None or h[0] == pegawai_id:
            if penilai is None:
                lewat += 1
            continue
        if penilai is None:
            penilai, via_plt, fallback = h[0], h[1], lewat > 0
        elif h[0] != penilai:
            atasan = h[0]
            break
    return HasilPenilai(penilai, atasan, fallback, via_plt)


def pegawai_rantai_pimpinan(pegawai_id: int, jabatan_id: int | None, tahun: int) -> tuple[list[int], list[int]]:
    """(chain positions, Plt/Plh holders of them): whose RHK an employee's RHK may intervene."""
    rantai = rantai_jabatan(jabatan_id)
    plt = [pid for pid, via in pemangku(rantai, tanggal_acuan(tahun)).values() if via and pid != pegawai_id]
    return rantai, plt


def rhk_pimpinan_stmt(skp: SKP):
    """RHK of the SKPs in force of the employee's chain of leaders for that year (001: cascading)."""
    rantai, plt = pegawai_rantai_pimpinan(skp.pegawai_id, skp.jabatan_id, skp.tahun)
    if not rantai:
        return None
    pemilik = SKP.jabatan_id.in_(rantai)
    if plt:
        pemilik = pemilik | SKP.pegawai_id.in_(plt)
    return (
        select(RencanaHasilKerja)
        .join(SKP, SKP.id == RencanaHasilKerja.skp_id)
        .where(SKP.tahun == skp.tahun, SKP.aktif.is_(True), SKP.pegawai_id != skp.pegawai_id, pemilik)
    )


def pilihan_rhk_pimpinan(skp: SKP) -> list[tuple[int, str]]:
    stmt = rhk_pimpinan_stmt(skp)
    if stmt is None:
        return []
    stmt = stmt.add_columns(SKP.pegawai_nama, SKP.pegawai_jabatan).order_by(SKP.id, RencanaHasilKerja.urutan)
    return [(r.id, f"{jab or nama}: {r.uraian}") for r, nama, jab in db.session.execute(stmt)]


def cek_rhk_pimpinan(skp: SKP, rhk_atasan_id) -> int | None:
    """Server-side check of the leader-RHK link: only RHK of someone in the chain of leaders."""
    if rhk_atasan_id in (None, "", 0, "0"):
        return None
    try:
        rid = int(rhk_atasan_id)
    except (TypeError, ValueError):
        raise GalatSKP("Rencana Hasil Kerja pimpinan yang diintervensi tidak valid.") from None
    stmt = rhk_pimpinan_stmt(skp)
    if (
        stmt is None
        or db.session.scalar(select(func.count()).select_from(stmt.where(RencanaHasilKerja.id == rid).subquery())) == 0
    ):
        raise GalatSKP(
            "Rencana Hasil Kerja pimpinan yang diintervensi harus milik pimpinan dalam rantai atasan "
            "Anda (SKP yang berlaku pada tahun yang sama)."
        )
    return rid
