"""Calendar: configured periods, evaluation windows and working-day deadlines (R6, R7)."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

from sqlalchemy import select

from app.extensions import db
from app.queries.memo import per_permintaan
from app.queries.penilaian.umum import ROMAWI, GalatPenilaian, sesi
from app.rules import JenisEvaluasi, JenisPeriode, daftar_periode, waktu_evaluasi
from app.rules.waktu import (
    HARI_KERJA_AWAL_EVALUASI,
    Periode,
    WaktuEvaluasi,
    jendela_evaluasi_tahunan,
    tenggat_atasan_menilai,
)
from schema.models import HariLibur, KonfigurasiPeriode, Pegawai


def cuti_bersama(session=None) -> frozenset[dt.date]:
    if session is not None and session is not db.session:
        return frozenset(session.scalars(select(HariLibur.tanggal)))
    return per_permintaan("cuti_bersama", lambda: frozenset(sesi(None).scalars(select(HariLibur.tanggal))))


def jenis_periode(tahun: int, session=None) -> JenisPeriode:
    """Periodic evaluation period of the instansi for ``tahun`` (001 Pasal 23(2); 003 Pasal 22) — triwulanan
    when not configured."""
    v = sesi(session).scalar(
        select(KonfigurasiPeriode.periode_evaluasi)
        .where(KonfigurasiPeriode.tahun == tahun)
        .order_by(KonfigurasiPeriode.id)
        .limit(1)
    )
    return JenisPeriode.coerce(v) if v else JenisPeriode.TRIWULANAN


@lru_cache(maxsize=256)
def periode(jenis_evaluasi: str, tahun: int, periode_jenis: str, nomor: int) -> Periode:
    if jenis_evaluasi == JenisEvaluasi.TAHUNAN.value or periode_jenis == JenisPeriode.TAHUNAN.value:
        return daftar_periode(tahun, JenisPeriode.TAHUNAN)[0]
    semua = daftar_periode(tahun, periode_jenis)
    if not 1 <= nomor <= len(semua):
        raise GalatPenilaian(
            f"Nomor periode {nomor} tidak ada pada periode {JenisPeriode(periode_jenis).label} (1–{len(semua)})."
        )
    return semua[nomor - 1]


def periode_ev(ev) -> Periode:
    return periode(ev.jenis, ev.tahun, ev.periode_jenis, ev.periode_nomor)


def label_periode(ev) -> str:
    if ev.jenis == JenisEvaluasi.TAHUNAN.value:
        return f"Tahunan {ev.tahun}"
    return periode_ev(ev).label


def label_periode_cetak(ev) -> str:
    """PERIODE line of C/D forms: TRIWULAN I/II/III/IV-AKHIR (or the month for monthly evaluations)."""
    if ev.jenis == JenisEvaluasi.TAHUNAN.value:
        return "AKHIR"
    if ev.periode_jenis == JenisPeriode.TRIWULANAN.value:
        return f"TRIWULAN {ROMAWI[ev.periode_nomor - 1]}"
    return periode_ev(ev).label.upper()


def batas_penilai(jenis_evaluasi: str, tahun: int, periode_jenis: str, nomor: int) -> dt.date:
    """End of the "jangka waktu evaluasi" (see module docstring)."""
    if jenis_evaluasi == JenisEvaluasi.TAHUNAN.value:
        return jendela_evaluasi_tahunan(tahun).akhir
    return periode(jenis_evaluasi, tahun, periode_jenis, nomor).akhir


def batas_ev(ev) -> dt.date:
    return batas_penilai(ev.jenis, ev.tahun, ev.periode_jenis, ev.periode_nomor)


def tenggat_atasan(ev, cuti) -> dt.date:
    """001 Lampiran "Tindak lanjut" 8: the atasan signs ≤ 14 working days after the evaluation time ends."""
    return tenggat_atasan_menilai(batas_ev(ev), cuti)


def hari_kerja_awal_evaluasi(tahun: int, session=None) -> int:
    """From which last working day of a period its evaluation may be made (konfigurasi_periode, rev. 0010)."""
    v = sesi(session).scalar(
        select(KonfigurasiPeriode.hari_kerja_awal_evaluasi)
        .where(KonfigurasiPeriode.tahun == tahun)
        .order_by(KonfigurasiPeriode.id)
        .limit(1)
    )
    return HARI_KERJA_AWAL_EVALUASI if v is None else int(v)


def waktu_ev(
    ev, hari: dt.date, cuti, awal: int, tanggal_mutasi: dt.date | None = None, akhir_tugas: tuple = (None, None)
) -> WaktuEvaluasi:
    """``app.rules.waktu_evaluasi`` for one evaluation; the exceptions are the evaluator's transfer inside the
    R15 window (contoh Purnama) when they still evaluate the old unit, and the employee's end of service
    (``akhir_tugas`` = (TMT pensiun, end of the PPPK agreement), from ``akhir_tugas_pegawai``)."""
    return waktu_evaluasi(
        periode_ev(ev),
        hari,
        hari_kerja_awal=awal,
        cuti_bersama=cuti,
        tanggal_mutasi=tanggal_mutasi,
        tanggal_pensiun=akhir_tugas[0],
        akhir_kontrak=akhir_tugas[1],
    )


def akhir_tugas_pegawai(pegawai_ids, session=None) -> dict[int, tuple]:
    """{pegawai id: (TMT pensiun, end of the PPPK agreement)} in one query."""
    ids = set(pegawai_ids)
    if not ids:
        return {}
    return {
        r[0]: (r[1], r[2])
        for r in sesi(session).execute(
            select(Pegawai.id, Pegawai.tmt_pensiun, Pegawai.akhir_perjanjian_kerja).where(Pegawai.id.in_(ids))
        )
    }
