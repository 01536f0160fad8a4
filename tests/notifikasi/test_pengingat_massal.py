"""Set-based reminders: the statements of the daily run do not grow with the number of deadlines (a regency of
50 000 employees shares one deadline date); only the number of rows inserted does."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import delete, func, insert, select

from schema.models import EvaluasiKinerja, Pegawai
from schema.models.notifikasi import KirimSurel, Notifikasi
from tests import bantu
from tests.notifikasi.conftest import hapus_catatan, kunci_dengan, uid

TENGGAT = dt.date(2030, 6, 3)  # a Monday
LOKAL = "2030-06-04T00:30:00+07:00"  # overdue: a reminder to the evaluator and an escalation each


def _evaluasi(db, skp, pegawai_ids: list[int]) -> list[int]:
    db.execute(
        insert(EvaluasiKinerja),
        [
            {
                "skp_id": skp.id,
                "pegawai_id": pid,
                "unit_kerja_id": skp.unit_kerja_id,
                "penilai_id": skp.penilai_id,
                "atasan_penilai_id": skp.atasan_penilai_id,
                "jenis": "periodik",
                "tahun": 2030,
                "periode_jenis": "triwulanan",
                "periode_nomor": 2,
                "aktif": True,
                "status_dokumen": "ditandatangani",
                "format_dokumen": "D.1.1",
                "dinilai_oleh": "penilai",
                "is_final": False,
                "versi": 1,
                "tenggat_penyampaian": TENGGAT,
            }
            for pid in pegawai_ids
        ],
    )
    db.commit()
    return list(db.scalars(select(EvaluasiKinerja.id).where(EvaluasiKinerja.tahun == 2030)))


def test_jumlah_pernyataan_tetap(db_session, pengingat_pada, hitung_sql, bersih_notifikasi):
    db = db_session
    skp = bantu.skp_ditetapkan(db, 2030)
    pegawai = list(db.scalars(select(Pegawai.id).where(Pegawai.id != skp.penilai_id).order_by(Pegawai.id).limit(60)))
    ev_ids: list[int] = []
    try:
        jumlah = []
        for bagian in (pegawai[:3], pegawai[3:]):
            ev_ids = _evaluasi(db, skp, bagian)
            db.execute(delete(KirimSurel).where(KirimSurel.notifikasi_id > bersih_notifikasi))
            db.execute(delete(Notifikasi).where(Notifikasi.id > bersih_notifikasi))  # the same day again, afresh
            db.commit()
            with hitung_sql() as h:
                pengingat_pada(LOKAL)
            jumlah.append(h.n)
            assert len(kunci_dengan(db, "tenggat_terlewat:/evaluasi/show/")) >= len(ev_ids)
        assert jumlah[0] == jumlah[1], jumlah
        assert jumlah[0] <= 30, jumlah
        assert db.scalar(
            select(func.count())
            .select_from(Notifikasi)
            .where(
                Notifikasi.user_id == uid(db, "penilai"),
                Notifikasi.kunci_unik.like("pengingat_tenggat:/evaluasi/%"),
                # this test's evaluations (another module may leave a due one of the same evaluator behind)
                Notifikasi.tautan.in_([f"/evaluasi/show/{i}" for i in ev_ids]),
            )
        ) == len(ev_ids)
    finally:
        hapus_catatan(db, [skp.id], ev_ids)
