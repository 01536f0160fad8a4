"""Who the user is for an SKP, and the documentation periods of its year."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import joinedload, selectinload

from app import jam
from app.extensions import db
from app.queries.pelaksanaan.masukan import bulat
from app.queries.pelaksanaan.umum import GalatPelaksanaan
from app.rules import JenisPeriode, StatusSKP
from app.rules.waktu import daftar_periode, periode_evaluasi
from app.security import roles as R
from schema.models import SKP, Instansi, KonfigurasiPeriode, RencanaHasilKerja


@dataclass(frozen=True)
class PeranSKP:
    pemilik: bool
    pimpinan: bool  # the evaluator or the evaluator's superior (R9: leader's feedback and decisions)
    penilai: bool


def peran_skp(skp: SKP, k) -> PeranSKP:
    me = k.pegawai_id
    admin = R.ADMIN in k.role_names
    penilai = bool(me) and skp.penilai_id == me
    return PeranSKP(
        pemilik=bool(me) and skp.pegawai_id == me,
        pimpinan=admin or (bool(me) and me in (skp.penilai_id, skp.atasan_penilai_id)),
        penilai=admin or penilai,
    )


def skp_berjalan(skp: SKP) -> bool:
    """Documentation and feedback happen on the SKP in force after it is set (pelaksanaan stage)."""
    return skp.status == StatusSKP.DITETAPKAN.value and skp.aktif


def muat_skp(skp_id, klausa) -> SKP | None:
    try:
        skp_id = int(skp_id)
    except (TypeError, ValueError):
        return None
    return db.session.scalar(
        select(SKP)
        .where(SKP.id == skp_id)
        .where(klausa)
        .options(selectinload(SKP.rhk).selectinload(RencanaHasilKerja.iki), joinedload(SKP.jabatan))
    )


def jenis_periode_dokumentasi(tahun: int) -> JenisPeriode:
    """R6 — 003 Pasal 14(3): the instansi's documentation period (KonfigurasiPeriode), bulanan by default."""
    v = db.session.scalar(
        select(KonfigurasiPeriode.periode_dokumentasi)
        .join(Instansi, Instansi.id == KonfigurasiPeriode.instansi_id)
        .where(KonfigurasiPeriode.tahun == tahun)
        .order_by(Instansi.id)
        .limit(1)
    )
    return JenisPeriode(v) if v else JenisPeriode.BULANAN


def periode_list(tahun: int):
    return daftar_periode(tahun, jenis_periode_dokumentasi(tahun))


def periode_dari_nomor(tahun: int, nomor) -> object:
    daftar = periode_list(tahun)
    n = bulat(nomor, "Periode")
    if not 1 <= n <= len(daftar):
        raise GalatPelaksanaan(f"Periode harus 1 sampai {len(daftar)} ({daftar[0].jenis.label}).")
    return daftar[n - 1]


def periode_kini(tahun: int):
    """The documentation period containing today, clamped into the SKP year."""
    d = min(max(jam.hari_ini(), dt.date(tahun, 1, 1)), dt.date(tahun, 12, 31))
    return periode_evaluasi(d, jenis_periode_dokumentasi(tahun))


def rhk_milik(skp: SKP, rhk_id) -> RencanaHasilKerja:
    rid = bulat(rhk_id, "Rencana Hasil Kerja")
    for x in skp.rhk:
        if x.id == rid:
            return x
    raise GalatPelaksanaan("Rencana Hasil Kerja tidak ditemukan pada SKP ini.")
