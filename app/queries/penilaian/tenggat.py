"""Deadlines and overdue lists (R7)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import and_, func, or_, select

from app import jam
from app.extensions import db
from app.queries.penilaian.kalender import jenis_periode
from app.queries.penilaian.umum import SD
from app.rules import JenisEvaluasi, daftar_periode
from app.rules.waktu import jendela_evaluasi_tahunan
from schema.models import EvaluasiKinerja, Keberatan, Pegawai


def periode_lewat(tahun: int, hari: dt.date):
    """(jenis, nomor) of the periods of ``tahun`` whose evaluation time ended before ``hari``."""
    out = []
    pj = jenis_periode(tahun)
    for p in daftar_periode(tahun, pj):
        if hari > p.akhir:
            out.append(
                and_(EvaluasiKinerja.jenis == JenisEvaluasi.PERIODIK.value, EvaluasiKinerja.periode_nomor == p.nomor)
            )
    if hari > jendela_evaluasi_tahunan(tahun).akhir:
        out.append(EvaluasiKinerja.jenis == JenisEvaluasi.TAHUNAN.value)
    return out


def daftar_terlambat(tahun: int, klausa_ev, klausa_kb, batas: int = 200) -> dict:
    hari = jam.hari_ini()
    E = EvaluasiKinerja
    lewat = periode_lewat(tahun, hari)
    dasar = [E.tahun == tahun, E.aktif.is_(True), klausa_ev]
    daftar = {
        "belum_dinilai": and_(E.status_dokumen == SD.DRAF.value, or_(*lewat)) if lewat else None,
        "penyampaian": and_(E.status_dokumen == SD.DITANDATANGANI.value, E.tenggat_penyampaian < hari),
        "pengembalian": and_(E.status_dokumen == SD.DITERIMA.value, E.tenggat_pengembalian < hari),
        "laporan": and_(E.tanggal_dilaporkan.is_(None), E.tenggat_laporan < hari),
    }
    out = {}
    for nama, syarat in daftar.items():
        if syarat is None:
            out[nama] = {"rows": [], "total": 0}
            continue
        stmt = (
            select(
                E.id,
                E.jenis,
                E.periode_jenis,
                E.periode_nomor,
                E.status_dokumen,
                E.tenggat_penyampaian,
                E.tenggat_pengembalian,
                E.tenggat_laporan,
                Pegawai.nip,
                Pegawai.nama,
                E.penilai_id,
                E.atasan_penilai_id,
                E.tahun,
            )
            .join(Pegawai, Pegawai.id == E.pegawai_id)
            .where(*dasar, syarat)
        )
        total = db.session.scalar(select(func.count()).select_from(stmt.subquery()))
        out[nama] = {
            "rows": db.session.execute(stmt.order_by(E.periode_nomor, Pegawai.nama).limit(batas)).all(),
            "total": total,
        }
    K = Keberatan
    stmt = (
        select(K.id, K.evaluasi_id, K.tanggal_pengajuan, K.tenggat_keputusan, Pegawai.nip, Pegawai.nama)
        .join(Pegawai, Pegawai.id == K.pegawai_id)
        .where(K.keputusan.is_(None), K.tenggat_keputusan < hari, klausa_kb)
    )
    out["keberatan"] = {
        "rows": db.session.execute(stmt.order_by(K.tenggat_keputusan).limit(batas)).all(),
        "total": db.session.scalar(select(func.count()).select_from(stmt.subquery())),
    }
    out["hari"] = hari
    return out
