"""Database work for master data, shared by views, exports, API and CLI (set-based, Core rows)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Select, bindparam, func, select
from sqlalchemy.orm import aliased

from app.excel.tulis import Kolom, tulis_register
from app.extensions import db
from app.queries.memo import instansi_nama
from app.rules import JenisASN, JenisJabatan, StatusPegawai
from schema.enums import JenisKelamin
from schema.models import Golongan, Jabatan, Pegawai, UnitKerja

KOLOM_REGISTER_PEGAWAI = [
    Kolom("No", 6, "nomor"),
    Kolom("NIP", 21, "nip"),
    Kolom("Nama", 32),
    Kolom("Gelar Depan", 10),
    Kolom("Gelar Belakang", 14),
    Kolom("Tanggal Lahir", 13, "tanggal"),
    Kolom("TMT CPNS/PPPK", 13, "tanggal"),
    Kolom("Jenis Kelamin", 10, enum=JenisKelamin),
    Kolom("Jenis ASN", 9),
    Kolom("Golongan", 10),
    Kolom("Pangkat", 22),
    Kolom("Jabatan", 36),
    Kolom("Jenis Jabatan", 24, enum=JenisJabatan),
    Kolom("Unit Kerja", 36),
    Kolom("Status", 16),
]


IDENTITAS_KOSONG = {"nama": None, "nip": None, "pangkat": None, "jabatan": None, "unit": None}


# built once (expanding IN): on the evaluation page building the statement cost as much CPU as running it
_IDENTITAS: Select[*tuple[Any, ...]] = (
    select(
        Pegawai.id,
        Pegawai.gelar_depan,
        Pegawai.nama,
        Pegawai.gelar_belakang,
        Pegawai.nip,
        Golongan.pangkat,
        Golongan.kode,
        Jabatan.nama.label("jabatan"),
        UnitKerja.nama.label("unit"),
    )
    .outerjoin(Golongan, Golongan.id == Pegawai.golongan_id)
    .outerjoin(Jabatan, Jabatan.id == Pegawai.jabatan_id)
    .outerjoin(UnitKerja, UnitKerja.id == Pegawai.unit_kerja_id)
    .where(Pegawai.id.in_(bindparam("ids", expanding=True)))
)


def identitas(pegawai_id: int | None) -> dict:
    """Name, NIP, rank, position and unit of one employee as printed on signed documents (SKP, evaluations)."""
    if not pegawai_id:
        return dict(IDENTITAS_KOSONG)
    return identitas_banyak([pegawai_id])[pegawai_id]


def identitas_banyak(pegawai_ids) -> dict[int, dict]:
    """``identitas`` of several employees (the parties of one document) in one Core select of the printed
    columns; ids that are None are skipped."""
    ids = {i for i in pegawai_ids if i}
    if not ids:
        return {}
    rows = db.session.execute(_IDENTITAS, {"ids": list(ids)})
    return {
        r.id: {
            "nama": Pegawai.susun_nama(r.gelar_depan, r.nama, r.gelar_belakang),
            "nip": r.nip,
            "pangkat": Golongan.teks(r.pangkat, r.kode) if r.kode is not None else None,
            "jabatan": r.jabatan,
            "unit": r.unit,
        }
        for r in rows
    }


def anak_unit(induk_id: int | None):
    """Children of a unit (or the top level) with their own child and employee counts, in three queries."""
    anak = aliased(UnitKerja)
    n_anak = select(func.count(anak.id)).where(anak.induk_id == UnitKerja.id).scalar_subquery()
    n_peg = select(func.count(Pegawai.id)).where(Pegawai.unit_kerja_id == UnitKerja.id).scalar_subquery()
    stmt = (
        select(
            UnitKerja.id,
            UnitKerja.kode,
            UnitKerja.nama,
            UnitKerja.jenis,
            UnitKerja.is_mandiri,
            n_anak.label("jumlah_anak"),
            n_peg.label("jumlah_pegawai"),
        )
        .where(UnitKerja.induk_id.is_(None) if induk_id is None else UnitKerja.induk_id == induk_id)
        .order_by(UnitKerja.kode)
    )
    return db.session.execute(stmt).all()


def register_pegawai(ids_subquery, pengekspor: str, periode: str = ""):
    """Stream the pegawai register for the ids selected by the caller (filters + scope already applied)."""
    stmt = (
        select(
            Pegawai.nip,
            Pegawai.nama,
            Pegawai.gelar_depan,
            Pegawai.gelar_belakang,
            Pegawai.tanggal_lahir,
            Pegawai.tmt_cpns,
            Pegawai.jenis_kelamin,
            Pegawai.jenis_asn,
            Golongan.kode,
            Golongan.pangkat,
            Jabatan.nama,
            Jabatan.jenis,
            UnitKerja.nama,
            Pegawai.status,
        )
        .outerjoin(Golongan, Golongan.id == Pegawai.golongan_id)
        .outerjoin(Jabatan, Jabatan.id == Pegawai.jabatan_id)
        .outerjoin(UnitKerja, UnitKerja.id == Pegawai.unit_kerja_id)
        .where(Pegawai.id.in_(select(ids_subquery.c.id)))
        .order_by(UnitKerja.nama, Pegawai.nama, Pegawai.id)
    )
    asn = {m.value: m.label for m in JenisASN}
    status = {m.value: m.label for m in StatusPegawai}
    instansi = instansi_nama()[0]

    def baris():
        result = db.session.execute(stmt.execution_options(yield_per=2000))
        for i, r in enumerate(result, 1):
            yield (
                i,
                r[0],
                r[1],
                r[2],
                r[3],
                r[4],
                r[5],
                r[6],
                asn.get(r[7], r[7]),
                r[8],
                r[9],
                r[10],
                r[11],
                r[12],
                status.get(r[13], r[13]),
            )

    return tulis_register(
        "REGISTER PEGAWAI",
        KOLOM_REGISTER_PEGAWAI,
        baris(),
        instansi=instansi,
        periode=periode,
        pengekspor=pengekspor,
        nama_sheet="Pegawai",
    )
