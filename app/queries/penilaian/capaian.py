"""Capaian kinerja organisasi counted for an evaluation (R5; 001 B.1 f–g)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select

from app import jam
from app.extensions import db
from app.queries.penilaian.umum import sesi
from app.rules import CapaianOrganisasi, JenisEvaluasi, JenisPeriode, capaian_yang_dipakai
from app.security import roles as R
from schema.models import CapaianKinerjaOrganisasi, Jabatan, Pegawai


@dataclass(frozen=True)
class Capaian:
    capaian: CapaianOrganisasi | None
    tahun: int | None
    alasan: str


def baris_capaian(unit_ids, tahun: int, session=None) -> dict:
    """(unit, tahun, jenis, nomor) → (capaian, tanggal_terbit) for ``tahun`` and ``tahun - 1``, one query."""
    out = {}
    if not unit_ids:
        return out
    for u, t, j, n, c, tgl in sesi(session).execute(
        select(
            CapaianKinerjaOrganisasi.unit_kerja_id,
            CapaianKinerjaOrganisasi.tahun,
            CapaianKinerjaOrganisasi.periode_jenis,
            CapaianKinerjaOrganisasi.periode_nomor,
            CapaianKinerjaOrganisasi.capaian,
            CapaianKinerjaOrganisasi.tanggal_terbit,
        ).where(
            CapaianKinerjaOrganisasi.unit_kerja_id.in_(list(unit_ids)),
            CapaianKinerjaOrganisasi.tahun.in_((tahun, tahun - 1)),
        )
    ):
        out[(u, t, j, n)] = (c, tgl)
    return out


def capaian_dari(
    rows: dict, unit_id, jenis_evaluasi: str, tahun: int, periode_jenis: str, nomor: int, tanggal: dt.date
) -> Capaian:
    tahunan = JenisPeriode.TAHUNAN.value
    terbit = {t: rows[(unit_id, t, tahunan, 0)] for t in (tahun, tahun - 1) if (unit_id, t, tahunan, 0) in rows}
    if jenis_evaluasi == JenisEvaluasi.TAHUNAN.value:
        h = capaian_yang_dipakai(tahun, terbit, tanggal)
        return Capaian(h.capaian, h.tahun_sumber, h.alasan)
    p = rows.get((unit_id, tahun, periode_jenis, nomor))
    if p:
        return Capaian(CapaianOrganisasi.coerce(p[0]), tahun, f"Capaian kinerja organisasi periode ini ({tahun}).")
    ini = terbit.get(tahun)
    if ini and (ini[1] is None or ini[1] <= tanggal):
        return Capaian(CapaianOrganisasi.coerce(ini[0]), tahun, f"Capaian kinerja organisasi tahunan {tahun}.")
    lalu = terbit.get(tahun - 1)
    if lalu:
        return Capaian(
            CapaianOrganisasi.coerce(lalu[0]),
            tahun - 1,
            f"Capaian periode ini dan tahun {tahun} belum terbit; dipakai capaian tahun {tahun - 1} "
            '(001 Lampiran "Evaluasi Kinerja" B.1 f).',
        )
    return Capaian(None, None, "Capaian kinerja organisasi unit pejabat penilai belum diisi.")


def unit_capaian(penilai_id, unit_pegawai, session=None) -> int | None:
    """The unit led by the employee's evaluator (001 B.1 g): the evaluator's unit, else the employee's."""
    if penilai_id:
        u = sesi(session).scalar(select(Pegawai.unit_kerja_id).where(Pegawai.id == penilai_id))
        if u:
            return u
    return unit_pegawai


def unit_boleh_capaian(k, unit_id) -> bool:
    """Operators enter any unit's achievement; a unit head only their own unit's."""
    if k.role_names & {R.ADMIN, R.OPERATOR}:
        return True
    if not k.jabatan_id or not isinstance(unit_id, int):
        return False

    return bool(
        db.session.scalar(
            select(Jabatan.id).where(
                Jabatan.id == k.jabatan_id, Jabatan.is_kepala_unit.is_(True), Jabatan.unit_kerja_id == unit_id
            )
        )
    )


def capaian_untuk(ev, tanggal: dt.date | None = None, session=None) -> Capaian:
    unit = unit_capaian(ev.penilai_id, ev.unit_kerja_id, session)
    rows = baris_capaian([unit], ev.tahun, session)
    return capaian_dari(rows, unit, ev.jenis, ev.tahun, ev.periode_jenis, ev.periode_nomor, tanggal or jam.hari_ini())
