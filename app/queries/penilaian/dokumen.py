"""What the signed evaluation document (D.1.x with C.1.x, 001 Lampiran) holds, independent of who looks at it.

Shared by the evaluation page and print view (which add what the viewer may do) and by the SIASN sender, which
uploads the same workbook as the supporting document of the record (``app.excel.formulir_d.berkas_evaluasi``).
"""

from __future__ import annotations

from sqlalchemy import bindparam, or_, select

from app.extensions import db
from app.queries.memo import instansi_nama
from app.queries.pegawai import IDENTITAS_KOSONG, identitas_banyak
from app.queries.penilaian.formulir import data_formulir
from app.queries.penilaian.kalender import label_periode, label_periode_cetak
from app.queries.penilaian.tanda_tangan import identitas_kepala_daerah, tanda_tangan_evaluasi
from schema.enums import DinilaiOleh
from schema.models import EvaluasiKinerja, Keberatan

_KEBERATAN = select(Keberatan).where(  # built once: read on every evaluation page
    or_(Keberatan.evaluasi_id == bindparam("ev"), Keberatan.evaluasi_baru_id == bindparam("ev"))
)


def isi_dokumen(ev: EvaluasiKinerja) -> dict:
    """The document's content: form data, identities (the Kepala Daerah signs as evaluator on that path),
    signatures, period labels, instansi, the keberatan against it and the one it answers (D.1.3)."""
    kepala_daerah = ev.dinilai_oleh == DinilaiOleh.KEPALA_DAERAH.value
    pihak = {
        "pegawai": ev.pegawai_id,
        "penilai": None if kepala_daerah else ev.penilai_id,
        "atasan": ev.atasan_penilai_id,
    }
    baris = identitas_banyak(pihak.values())  # the three parties in one statement
    ident = {peran: dict(baris.get(pid) or IDENTITAS_KOSONG) for peran, pid in pihak.items()}
    if kepala_daerah:
        ident["penilai"] = identitas_kepala_daerah()
    instansi, daerah = instansi_nama()
    # the keberatan against this evaluation and the one it answers (D.1.3), in one statement
    kb = kb_asal = None
    for k in db.session.scalars(_KEBERATAN, {"ev": ev.id}):
        if k.evaluasi_id == ev.id:
            kb = k
        if k.evaluasi_baru_id == ev.id:
            kb_asal = k
    return {
        "ev": ev,
        "d": data_formulir(ev),
        "ident": ident,
        "tanda_tangan": tanda_tangan_evaluasi(ev.id),
        "label_periode": label_periode(ev),
        "periode_cetak": label_periode_cetak(ev),
        "instansi": instansi,
        "daerah": daerah,
        "keberatan": kb,
        "keberatan_asal": kb_asal,
    }
