"""Register export of evaluations (Core rows, streamed)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import aliased

from app.excel.tulis import Kolom, tulis_register
from app.extensions import db
from app.queries.memo import instansi_nama
from app.queries.penilaian.kalender import periode
from app.queries.penilaian.umum import SD
from app.rules import CapaianOrganisasi, JenisEvaluasi, Predikat, Rating
from schema.models import EvaluasiKinerja, Pegawai, UnitKerja


def register_evaluasi(ids_subquery, pengekspor: str):
    P, PN = Pegawai, aliased(Pegawai)
    kolom = [
        Kolom("No", 6, "nomor"),
        Kolom("Tahun", 8, "nomor"),
        Kolom("Jenis", 12),
        Kolom("Periode", 16),
        Kolom("NIP", 21, "nip"),
        Kolom("Nama", 32),
        Kolom("Unit Kerja", 34),
        Kolom("Pejabat Penilai", 32),
        Kolom("Capaian Organisasi", 16),
        Kolom("Rating Hasil Kerja", 20),
        Kolom("Rating Perilaku", 20),
        Kolom("Predikat", 18),
        Kolom("Status Dokumen", 16),
        Kolom("Format", 8),
        Kolom("Final", 7),
        Kolom("Tanggal Ditandatangani", 14, "tanggal"),
        Kolom("Tanggal Diterima", 14, "tanggal"),
        Kolom("Tenggat Laporan", 14, "tanggal"),
    ]
    E = EvaluasiKinerja
    stmt = (
        select(
            E.tahun,
            E.jenis,
            E.periode_jenis,
            E.periode_nomor,
            P.nip,
            P.nama,
            UnitKerja.nama,
            PN.nama,
            E.capaian_organisasi,
            E.rating_hasil_kerja,
            E.rating_perilaku,
            E.predikat,
            E.status_dokumen,
            E.format_dokumen,
            E.is_final,
            E.tanggal_ditandatangani,
            E.tanggal_diterima,
            E.tenggat_laporan,
        )
        .join(P, P.id == E.pegawai_id)
        .join(UnitKerja, UnitKerja.id == E.unit_kerja_id)
        .outerjoin(PN, PN.id == E.penilai_id)
        .where(E.id.in_(select(ids_subquery.c.id)))
        .order_by(E.tahun, E.periode_nomor, UnitKerja.nama, P.nama)
    )
    lr, lp, lc, ls = (
        dict(Rating.choices()),
        dict(Predikat.choices()),
        dict(CapaianOrganisasi.choices()),
        dict(SD.choices()),
    )

    def baris():
        for i, r in enumerate(db.session.execute(stmt.execution_options(yield_per=2000)), 1):
            per = "Tahunan" if r[1] == JenisEvaluasi.TAHUNAN.value else periode(r[1], r[0], r[2], r[3]).label
            yield (
                i,
                r[0],
                JenisEvaluasi(r[1]).label.replace("Evaluasi Kinerja ", ""),
                per,
                r[4],
                r[5],
                r[6],
                r[7],
                lc.get(r[8], ""),
                lr.get(r[9], ""),
                lr.get(r[10], ""),
                lp.get(r[11], ""),
                ls.get(r[12], r[12]),
                r[13],
                "Ya" if r[14] else "",
                r[15].date() if r[15] else None,
                r[16],
                r[17],
            )

    return tulis_register(
        "REGISTER EVALUASI KINERJA PEGAWAI",
        kolom,
        baris(),
        instansi=instansi_nama()[0],
        pengekspor=pengekspor,
        nama_sheet="Evaluasi",
    )
