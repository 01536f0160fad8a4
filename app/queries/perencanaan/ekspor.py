"""Excel: the SKP register, the A.1.x form, manual IKI and the MPPH."""

from __future__ import annotations

from sqlalchemy import select

from app.excel import formulir_a
from app.excel.tulis import Kolom, tulis_register
from app.extensions import db
from app.format import angka_persis
from app.queries.memo import instansi_nama
from app.queries.perencanaan.baca import lampiran_skp, perilaku_skp
from app.queries.perencanaan.tanda_tangan import tanda_tangan_skp
from app.queries.perencanaan.umum import JUDUL_FORMAT, S
from app.rules import Aspek, Perspektif
from schema.enums import JenisRHK
from schema.models import SKP


def register_skp(ids_subquery, pengekspor: str):
    kolom = [
        Kolom("No", 6, "nomor"),
        Kolom("Tahun", 8, "nomor"),
        Kolom("NIP", 21, "nip"),
        Kolom("Nama", 32),
        Kolom("Jabatan", 34),
        Kolom("Unit Kerja", 34),
        Kolom("Format", 9),
        Kolom("Versi", 7, "nomor"),
        Kolom("Status", 14),
        Kolom("Berlaku", 9),
        Kolom("Pejabat Penilai", 32),
        Kolom("NIP Penilai", 21, "nip"),
        Kolom("Penilai Pengganti (jabatan kosong)", 14),
        Kolom("Tenggat Penetapan", 13, "tanggal"),
        Kolom("Tanggal Ditetapkan", 13, "tanggal"),
    ]
    stmt = (
        select(
            SKP.tahun,
            SKP.pegawai_nip,
            SKP.pegawai_nama,
            SKP.pegawai_jabatan,
            SKP.pegawai_unit,
            SKP.format_skp,
            SKP.versi_ke,
            SKP.status,
            SKP.aktif,
            SKP.penilai_nama,
            SKP.penilai_nip,
            SKP.penilai_fallback,
            SKP.tenggat_penetapan,
            SKP.tanggal_ditetapkan,
        )
        .where(SKP.id.in_(select(ids_subquery.c.id)))
        .order_by(SKP.tahun, SKP.pegawai_unit, SKP.pegawai_nama, SKP.versi_ke)
    )
    label = {m.value: m.label for m in S}

    def baris():
        for i, r in enumerate(db.session.execute(stmt.execution_options(yield_per=2000)), 1):
            yield (
                i,
                r[0],
                r[1],
                r[2],
                r[3],
                r[4],
                r[5],
                r[6],
                label.get(r[7], r[7]),
                "Ya" if r[8] else "Tidak",
                r[9],
                r[10],
                "Ya" if r[11] else "",
                r[12],
                r[13].date() if r[13] else None,
            )

    return tulis_register(
        "REGISTER SASARAN KINERJA PEGAWAI",
        kolom,
        baris(),
        instansi=instansi_nama()[0],
        pengekspor=pengekspor,
        nama_sheet="SKP",
    )


JUDUL_LAMPIRAN = {
    "sumber_daya": "DUKUNGAN SUMBER DAYA",
    "skema_pertanggungjawaban": "SKEMA PERTANGGUNGJAWABAN",
    "konsekuensi": "KONSEKUENSI",
}


def _rhk_urut(skp: SKP) -> list:
    return sorted(skp.rhk, key=lambda x: (x.jenis != JenisRHK.UTAMA.value, x.urutan))


def xlsx_skp(skp: SKP):
    """The SKP as its A.1.x layout (app.excel.formulir_a): title, ID2, numbered columns, behaviour, A.1.8."""
    instansi, daerah = instansi_nama()
    return formulir_a.xlsx_skp(
        skp,
        judul=JUDUL_FORMAT[skp.format_skp],
        instansi=instansi,
        daerah=daerah,
        rhk=_rhk_urut(skp),
        perilaku=perilaku_skp(skp.id),
        lampiran=lampiran_skp(skp.id),
        tanda_tangan=tanda_tangan_skp(skp.id),
        label_aspek=dict(Aspek.choices()),
        label_perspektif=dict(Perspektif.choices()),
        target_teks=target_teks,
        judul_lampiran=JUDUL_LAMPIRAN,
    )


def xlsx_manual_iki(skp: SKP):
    """A.1.3 Manual IKI of a JPT SKP, one sheet per IKI."""
    return formulir_a.xlsx_manual_iki(skp, instansi=instansi_nama()[0], rhk=_rhk_urut(skp))


def target_teks(i) -> str:
    if i is None:
        return ""
    if i.target_nilai is not None:
        t = angka_persis(i.target_nilai)  # "1.234,5" as on screen, never "1234.5"
        if i.target_nilai_maks is not None:
            t += f"–{angka_persis(i.target_nilai_maks)}"
        if i.target_satuan:
            t += f" {i.target_satuan}"
        if i.target_teks:
            t += f" ({i.target_teks})"
        return t
    return i.target_teks or ""


def xlsx_mpph(skp: SKP, data: dict):
    return formulir_a.xlsx_mpph(skp, data)
