"""SK mutasi (transfer) of an employee: the record and the move of the current position in one transaction.

Who evaluates around the effective date follows from the record (001 Lampiran "Evaluasi Kinerja" 13–14);
active drafts are handed to the evaluator designated after the move (``sinkron_draf``).
"""

from __future__ import annotations

from sqlalchemy import select

from app.aksi import Ditolak
from app.extensions import db
from app.format import tanggal_saja
from app.queries import penilaian as qp
from schema.models import EvaluasiKinerja, MutasiPegawai, Pegawai


def catat_mutasi(m: MutasiPegawai) -> MutasiPegawai:
    """Validates and saves a transfer (``m.pegawai`` and the destination set) and moves the employee.

    Refused (``Ditolak``): no employee, destination = current position, an effective date before the
    employee's last transfer."""
    p = m.pegawai
    if p is None:
        raise Ditolak("Pegawai wajib diisi.")
    if m.jabatan_tujuan is not None and m.jabatan_tujuan.id == p.jabatan_id:
        raise Ditolak("Jabatan tujuan sama dengan jabatan pegawai sekarang.")
    lalu = db.session.scalar(
        select(MutasiPegawai.tanggal_efektif)
        .where(MutasiPegawai.pegawai_id == p.id)
        .order_by(MutasiPegawai.tanggal_efektif.desc())
        .limit(1)
    )
    if lalu and m.tanggal_efektif < lalu:
        raise Ditolak(f"Terhitung tanggal harus sesudah mutasi terakhir pegawai ini ({tanggal_saja(lalu)}).")
    m.jabatan_asal_id, m.unit_kerja_asal_id = p.jabatan_id, p.unit_kerja_id
    if m.unit_kerja_tujuan is None and m.jabatan_tujuan is not None:
        m.unit_kerja_tujuan = m.jabatan_tujuan.unit_kerja
    # the current position follows the SK (same transaction as the record)
    p.jabatan_id = m.jabatan_tujuan.id if m.jabatan_tujuan is not None else None
    p.unit_kerja_id = m.unit_kerja_tujuan.id if m.unit_kerja_tujuan is not None else p.unit_kerja_id
    db.session.add(m)
    db.session.flush()
    # drafts of this evaluator, and of whoever left the destination position, go to the designated evaluator
    keluar = (
        select(MutasiPegawai.pegawai_id).where(MutasiPegawai.jabatan_asal_id == m.jabatan_tujuan_id)
        if m.jabatan_tujuan_id
        else select(Pegawai.id).where(Pegawai.id == p.id)
    )
    qp.sinkron_draf((EvaluasiKinerja.penilai_id == p.id) | EvaluasiKinerja.penilai_id.in_(keluar))
    return m
