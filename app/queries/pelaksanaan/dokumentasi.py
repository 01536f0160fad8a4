"""B.1.2 pendokumentasian: realisasi and bukti dukung."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from app.aksi import desimal, teks
from app.berkas import GalatBerkas
from app.extensions import db
from app.queries.pelaksanaan.masukan import bulat, ya
from app.queries.pelaksanaan.peran import peran_skp, periode_dari_nomor, rhk_milik, skp_berjalan
from app.queries.pelaksanaan.umum import GalatPelaksanaan
from app.security.audit import catat
from schema.enums import JenisBukti
from schema.models import SKP, BuktiDukung, Realisasi


def simpan_realisasi(skp: SKP, k, data) -> Realisasi:
    p = peran_skp(skp, k)
    if not p.pemilik:
        raise GalatPelaksanaan("Realisasi didokumentasikan oleh pegawai pemilik SKP.")
    if not skp_berjalan(skp):
        raise GalatPelaksanaan("Pendokumentasian kinerja dilakukan pada SKP yang sudah ditetapkan dan sedang berlaku.")
    rhk = rhk_milik(skp, data.get("rhk_id"))
    if rhk.diambil_alih:
        raise GalatPelaksanaan("Rencana hasil kerja ini telah diambil alih pimpinan (001 Pasal 19(6)).")
    iki = None
    if data.get("iki_id"):
        iid = bulat(data.get("iki_id"), "Indikator")
        iki = next((i for i in rhk.iki if i.id == iid), None)
        if iki is None:
            raise GalatPelaksanaan("Indikator Kinerja Individu tidak ditemukan pada rencana hasil kerja tersebut.")
    per = periode_dari_nomor(skp.tahun, data.get("periode"))
    nilai = desimal(data.get("nilai"), "Nilai realisasi", galat=GalatPelaksanaan)
    if nilai is not None:
        nilai = nilai.quantize(Decimal("0.01"))  # realisasi.nilai keeps two decimals
    uraian = teks(data.get("uraian"), "Uraian realisasi", maks=4000, galat=GalatPelaksanaan)
    if nilai is None and uraian is None:
        raise GalatPelaksanaan("Isi nilai realisasi atau uraian realisasi.")
    r = Realisasi(
        skp_id=skp.id,
        rhk_id=rhk.id,
        iki_id=iki.id if iki else None,
        periode_jenis=per.jenis.value,
        tahun=per.tahun,
        periode_nomor=per.nomor,
        nilai=nilai,
        uraian=uraian,
        is_final=ya(data.get("is_final")),
        dicatat_oleh_id=k.pegawai_id,
    )
    db.session.add(r)
    db.session.flush()
    catat("realisasi", r.id, "tambah", sesudah={"skp_id": skp.id, "rhk_id": rhk.id, "periode": per.label})
    return r


def _realisasi_milik(skp: SKP, realisasi_id) -> Realisasi:
    rid = bulat(realisasi_id, "Realisasi")
    r = db.session.scalar(select(Realisasi).where(Realisasi.id == rid, Realisasi.skp_id == skp.id))
    if r is None:
        raise GalatPelaksanaan("Realisasi tidak ditemukan pada SKP ini.")
    return r


def tambah_bukti(skp: SKP, k, realisasi_id, data, unggahan, berkas) -> BuktiDukung:
    """A file (through ``unggahan``: app.berkas.Unggahan) or a link; only the owner, on the running SKP."""
    if not peran_skp(skp, k).pemilik or not skp_berjalan(skp):
        raise GalatPelaksanaan("Bukti dukung ditambahkan oleh pegawai pemilik SKP yang sedang berlaku.")
    r = _realisasi_milik(skp, realisasi_id)
    url = (data.get("url") or "").strip()
    ket = teks(data.get("keterangan"), "Keterangan", maks=1000, galat=GalatPelaksanaan)
    if berkas is not None and getattr(berkas, "filename", ""):
        try:
            s = unggahan.simpan(berkas)
        except GalatBerkas as e:
            raise GalatPelaksanaan(str(e)) from None
        b = BuktiDukung(
            realisasi_id=r.id,
            jenis=JenisBukti.BERKAS.value,
            nama_asli=s.nama_asli,
            nama_simpan=s.nama_simpan,
            content_type=s.content_type,
            ukuran=s.ukuran,
            keterangan=ket,
        )
    elif url:
        if not url.lower().startswith(("https://", "http://")) or len(url) > 1000 or any(c.isspace() for c in url):
            raise GalatPelaksanaan(
                "Tautan bukti dukung harus alamat http:// atau https:// yang valid (paling panjang 1000)."
            )
        b = BuktiDukung(realisasi_id=r.id, jenis=JenisBukti.TAUTAN.value, url=url, keterangan=ket)
    else:
        raise GalatPelaksanaan("Unggah berkas atau isi tautan bukti dukung.")
    db.session.add(b)
    db.session.flush()
    catat(
        "bukti_dukung",
        b.id,
        "tambah",
        sesudah={"realisasi_id": r.id, "jenis": b.jenis, "nama_asli": b.nama_asli, "url": b.url},
    )
    return b


def hapus_bukti(skp: SKP, k, bukti_id) -> str | None:
    """Returns the stored file name to delete after the commit."""
    if not peran_skp(skp, k).pemilik or not skp_berjalan(skp):
        raise GalatPelaksanaan("Bukti dukung dihapus oleh pegawai pemilik SKP yang sedang berlaku.")
    bid = bulat(bukti_id, "Bukti")
    b = db.session.scalar(select(BuktiDukung).join(Realisasi).where(BuktiDukung.id == bid, Realisasi.skp_id == skp.id))
    if b is None:
        raise GalatPelaksanaan("Bukti dukung tidak ditemukan.")
    nama = b.nama_simpan
    catat(
        "bukti_dukung", b.id, "hapus", sebelum={"realisasi_id": b.realisasi_id, "nama_asli": b.nama_asli, "url": b.url}
    )
    db.session.delete(b)
    return nama


def bukti_dalam_cakupan(bukti_id, klausa_realisasi) -> BuktiDukung | None:
    try:
        bid = int(bukti_id)
    except (TypeError, ValueError):
        return None
    return db.session.scalar(
        select(BuktiDukung)
        .join(Realisasi, Realisasi.id == BuktiDukung.realisasi_id)
        .where(BuktiDukung.id == bid)
        .where(klausa_realisasi)
    )


def realisasi_skp(skp_id: int) -> list[Realisasi]:
    return list(
        db.session.scalars(
            select(Realisasi)
            .where(Realisasi.skp_id == skp_id)
            .options(selectinload(Realisasi.bukti))
            .order_by(Realisasi.tahun, Realisasi.periode_nomor, Realisasi.id)
        )
    )
