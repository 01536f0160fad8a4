"""R9 progress decision and RHK take-over (001 Pasal 19; 000 Pasal 9)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import exists, select

from app import jam
from app.extensions import db
from app.queries.pelaksanaan.masukan import pilihan, ya
from app.queries.pelaksanaan.peran import peran_skp, rhk_milik, skp_berjalan
from app.queries.pelaksanaan.umum import PEMBINAAN, GalatPelaksanaan
from app.queries.perencanaan import GalatSKP, ubah_versi
from app.rules import TindakanProgres, opsi_tindak_lanjut_progres, validasi_ambil_alih
from app.security.audit import catat
from schema.models import SKP, BimbinganKinerja, RencanaHasilKerja, TindakanProgresRecord


def sudah_dibina(skp: SKP) -> bool:
    """An earlier measure (expectation/resources/coaching) was recorded, or the employee was coached this year."""
    if db.session.scalar(
        select(exists().where(TindakanProgresRecord.skp_id == skp.id, TindakanProgresRecord.tindakan.in_(PEMBINAAN)))
    ):
        return True
    return bool(
        db.session.scalar(
            select(
                exists().where(
                    BimbinganKinerja.pegawai_id == skp.pegawai_id,
                    BimbinganKinerja.tanggal.between(dt.date(skp.tahun, 1, 1), dt.date(skp.tahun, 12, 31)),
                )
            )
        )
    )


def putuskan_progres(skp: SKP, k, data) -> tuple[TindakanProgresRecord, object]:
    """Record the leader's measure; returns (record, follow-up) where the follow-up is the new SKP draft for
    an expectation adjustment (R10 through app.queries.perencanaan.ubah_versi) or None."""
    if not peran_skp(skp, k).pimpinan or not k.pegawai_id:
        raise GalatPelaksanaan(
            "Tindak lanjut kemajuan kinerja diputuskan oleh pimpinan (pejabat penilai atau atasannya)."
        )
    if not skp_berjalan(skp):
        raise GalatPelaksanaan(
            "Tindak lanjut kemajuan kinerja dicatat pada SKP yang sudah ditetapkan dan sedang berlaku."
        )
    ada_progres = ya(data.get("ada_progres"))
    dibina = sudah_dibina(skp)
    tindakan = pilihan(TindakanProgres, data.get("tindakan"), "Tindakan")
    opsi = opsi_tindak_lanjut_progres(ada_progres, dibina)
    catatan = (data.get("catatan") or "").strip()
    rhk = rhk_milik(skp, data.get("rhk_id")) if data.get("rhk_id") else None
    lanjut = None
    if tindakan is TindakanProgres.AMBIL_ALIH_RHK:
        pesan = validasi_ambil_alih(catatan, ada_progres=ada_progres, sudah_dibina=dibina)
        if rhk is None:
            pesan.append("Pilih rencana hasil kerja yang diambil alih.")
        elif rhk.diambil_alih:
            pesan.append("Rencana hasil kerja tersebut sudah diambil alih.")
        if pesan:
            raise GalatPelaksanaan(" ".join(pesan))
        rhk.diambil_alih = True
        rhk.catatan_ambil_alih = catatan
        rhk.diambil_alih_oleh_id = k.pegawai_id
    elif tindakan not in opsi:
        raise GalatPelaksanaan(
            f'Tindakan "{tindakan.label}" tidak tersedia: pilih '
            + ", ".join(o.label for o in opsi)
            + " (001 Pasal 19)."
        )
    if not catatan:
        raise GalatPelaksanaan("Catatan tindak lanjut wajib diisi.")
    if len(catatan) > 4000:
        raise GalatPelaksanaan("Catatan paling panjang 4000 karakter.")
    rec = TindakanProgresRecord(
        skp_id=skp.id,
        rhk_id=rhk.id if rhk else None,
        tindakan=tindakan.value,
        catatan=catatan,
        tanggal=jam.hari_ini(),
        oleh_id=k.pegawai_id,
    )
    db.session.add(rec)
    db.session.flush()
    catat(
        "tindakan_progres",
        rec.id,
        "tambah",
        sesudah={"skp_id": skp.id, "tindakan": tindakan.value, "rhk_id": rec.rhk_id},
    )
    if tindakan is TindakanProgres.PENYESUAIAN_EKSPEKTASI:
        try:
            lanjut = ubah_versi(
                skp,
                k,
                data.get("alasan") or "perubahan_prioritas",
                f"Penyesuaian ekspektasi (001 Pasal 19(3)): {catatan}",
                skp.versi,
            )
        except GalatSKP as e:
            raise GalatPelaksanaan(f"Perubahan SKP tidak dapat dibuka: {e}") from None
    return rec, lanjut


def tindakan_skp(skp_id: int) -> list[TindakanProgresRecord]:
    return list(
        db.session.scalars(
            select(TindakanProgresRecord)
            .where(TindakanProgresRecord.skp_id == skp_id)
            .order_by(TindakanProgresRecord.id)
        )
    )


def catatan_ambil_alih(skp_id: int) -> list[dict]:
    """For the evaluation (001 Pasal 19(8)): RHK taken over with the leader's note."""
    return [
        {"rhk_id": r.id, "uraian": r.uraian, "catatan": r.catatan_ambil_alih}
        for r in db.session.scalars(
            select(RencanaHasilKerja).where(
                RencanaHasilKerja.skp_id == skp_id, RencanaHasilKerja.diambil_alih.is_(True)
            )
        )
    ]
