"""Formal / informal training (000 Lampiran D.4 c) 3)–4)): no regulation format; routed like coaching (R12)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import aliased, joinedload

from app.aksi import tanggal, teks
from app.berkas import GalatBerkas
from app.excel.tulis import Kolom, tulis_register
from app.extensions import db
from app.queries.pelaksanaan.masukan import bulat, pilihan
from app.queries.pelaksanaan.umum import GalatPelaksanaan
from app.queries.perencanaan import instansi_nama
from app.rules import PeranPihak, penerima_laporan_bimbingan
from app.security.audit import catat
from schema.enums import JenisPelatihan
from schema.models import SKP, Pegawai, PelatihanKinerja

KOLOM_PELATIHAN = (
    "jenis",
    "nama_kegiatan",
    "penyelenggara",
    "tanggal_mulai",
    "tanggal_selesai",
    "jumlah_jp",
    "hasil",
    "pembimbing_id",
    "bukti_nama_asli",
)


def boleh_ubah_pelatihan(p: PelatihanKinerja, k) -> bool:
    """The person in charge, or the leaders of the employee's SKP (evaluator and the evaluator's superior)."""
    me = k.pegawai_id
    if not me:
        return False
    if me == p.pembimbing_id:
        return True
    skp = p.skp or (db.session.get(SKP, p.skp_id) if p.skp_id else None)
    return skp is not None and me in (skp.penilai_id, skp.atasan_penilai_id)


def _isi_pelatihan(p: PelatihanKinerja, tahun: int, data) -> None:
    jenis = pilihan(JenisPelatihan, data.get("jenis"), "Jenis pelatihan")
    nama = teks(data.get("nama_kegiatan"), "Nama kegiatan", wajib=True, maks=300, galat=GalatPelaksanaan)
    penyelenggara = teks(data.get("penyelenggara"), "Penyelenggara", wajib=True, maks=200, galat=GalatPelaksanaan)
    mulai = tanggal(data.get("tanggal_mulai"), "Tanggal mulai", wajib=True, galat=GalatPelaksanaan)
    selesai = tanggal(data.get("tanggal_selesai"), "Tanggal selesai", wajib=True, galat=GalatPelaksanaan)
    if selesai < mulai:
        raise GalatPelaksanaan("Tanggal selesai tidak boleh sebelum tanggal mulai.")
    if mulai.year != tahun:
        raise GalatPelaksanaan(f"Tanggal mulai harus dalam tahun SKP {tahun}.")
    jp = bulat(data.get("jumlah_jp"), "Jumlah jam pelajaran (JP)", wajib=jenis is JenisPelatihan.FORMAL)
    if jp is not None and not 0 < jp <= 2000:
        raise GalatPelaksanaan("Jumlah jam pelajaran (JP) harus 1 sampai 2000.")
    p.jenis, p.nama_kegiatan, p.penyelenggara = jenis.value, nama, penyelenggara
    p.tanggal_mulai, p.tanggal_selesai, p.jumlah_jp = mulai, selesai, jp
    p.hasil = teks(data.get("hasil"), "Hasil/catatan", maks=4000, galat=GalatPelaksanaan)


def _bukti_pelatihan(p: PelatihanKinerja, unggahan, berkas) -> str | None:
    """Store a new evidence file; returns the replaced file's name (deleted by the caller after the commit)."""
    if berkas is None or not getattr(berkas, "filename", ""):
        return None

    try:
        sb = unggahan.simpan(berkas)
    except GalatBerkas as e:
        raise GalatPelaksanaan(str(e)) from None
    lama = p.bukti_nama_simpan
    p.bukti_nama_asli, p.bukti_nama_simpan = sb.nama_asli, sb.nama_simpan
    p.bukti_content_type, p.bukti_ukuran = sb.content_type, sb.ukuran
    return lama


def _jejak_pelatihan(p: PelatihanKinerja) -> dict:
    return {c: (str(getattr(p, c)) if isinstance(getattr(p, c), dt.date) else getattr(p, c)) for c in KOLOM_PELATIHAN}


def catat_pelatihan(skp: SKP, k, data, unggahan, berkas) -> PelatihanKinerja:
    """The leader records a training for an employee (as the person in charge, or naming another person)."""
    if not (k.pegawai_id and k.pegawai_id in (skp.penilai_id, skp.atasan_penilai_id)):
        raise GalatPelaksanaan("Pelatihan dicatat oleh pimpinan pegawai (pejabat penilai atau atasannya).")
    pj = bulat(data.get("pembimbing"), "Penanggung jawab", wajib=False) or k.pegawai_id
    if pj == skp.pegawai_id:
        raise GalatPelaksanaan("Penanggung jawab pelatihan tidak boleh pegawai yang bersangkutan.")
    if db.session.get(Pegawai, pj) is None:
        raise GalatPelaksanaan("Penanggung jawab tidak ditemukan.")
    penerima = penerima_laporan_bimbingan(pj == skp.penilai_id)
    kepada = skp.atasan_penilai_id if penerima is PeranPihak.ATASAN_PEJABAT_PENILAI else skp.penilai_id
    p = PelatihanKinerja(pegawai_id=skp.pegawai_id, skp_id=skp.id, pembimbing_id=pj, dilaporkan_kepada_id=kepada)
    _isi_pelatihan(p, skp.tahun, data)
    _bukti_pelatihan(p, unggahan, berkas)
    db.session.add(p)
    db.session.flush()
    catat(
        "pelatihan_kinerja",
        p.id,
        "tambah",
        sesudah={**_jejak_pelatihan(p), "pegawai_id": p.pegawai_id, "skp_id": p.skp_id, "dilaporkan_kepada_id": kepada},
    )
    return p


def ubah_pelatihan(p: PelatihanKinerja, k, data, unggahan, berkas) -> str | None:
    """Returns the replaced evidence file's name, to delete after the commit."""
    if not boleh_ubah_pelatihan(p, k):
        raise GalatPelaksanaan("Rekaman pelatihan diubah oleh penanggung jawabnya atau pimpinan pegawai.")
    sebelum = _jejak_pelatihan(p)
    tahun = p.skp.tahun if p.skp else p.tanggal_mulai.year
    _isi_pelatihan(p, tahun, data)
    lama = _bukti_pelatihan(p, unggahan, berkas)
    db.session.flush()
    catat("pelatihan_kinerja", p.id, "ubah", sebelum=sebelum, sesudah=_jejak_pelatihan(p))
    return lama


def register_pelatihan(ids_subquery, pengekspor: str):
    """The training register (Core rows, streamed)."""
    P, J = aliased(Pegawai), aliased(Pegawai)
    stmt = (
        select(
            PelatihanKinerja.id,
            P.nip,
            P.nama,
            PelatihanKinerja.jenis,
            PelatihanKinerja.nama_kegiatan,
            PelatihanKinerja.penyelenggara,
            PelatihanKinerja.tanggal_mulai,
            PelatihanKinerja.tanggal_selesai,
            PelatihanKinerja.jumlah_jp,
            PelatihanKinerja.hasil,
            J.nama,
            PelatihanKinerja.bukti_nama_asli,
        )
        .join(P, P.id == PelatihanKinerja.pegawai_id)
        .join(J, J.id == PelatihanKinerja.pembimbing_id)
        .where(PelatihanKinerja.id.in_(select(ids_subquery.c.id)))
        .order_by(PelatihanKinerja.tanggal_mulai, PelatihanKinerja.id)
    )
    kolom = [
        Kolom("No", 6, "nomor"),
        Kolom("NIP", 20, "nip"),
        Kolom("Nama Pegawai", 30),
        Kolom("Jenis", 18),
        Kolom("Nama Kegiatan", 40),
        Kolom("Penyelenggara", 30),
        Kolom("Tanggal Mulai", 14, "tanggal"),
        Kolom("Tanggal Selesai", 14, "tanggal"),
        Kolom("Jumlah JP", 10, "angka"),
        Kolom("Hasil/Catatan", 40),
        Kolom("Penanggung Jawab", 28),
        Kolom("Bukti", 24),
    ]

    def baris():
        for i, r in enumerate(db.session.execute(stmt.execution_options(yield_per=1000)), 1):
            yield [i, r[1], r[2], JenisPelatihan(r[3]).label, r[4], r[5], r[6], r[7], r[8], r[9], r[10], r[11]]

    return tulis_register(
        "Pelatihan Formal dan Informal (Bimbingan Kinerja)",
        kolom,
        baris(),
        instansi=instansi_nama()[0],
        pengekspor=pengekspor,
        nama_sheet="Pelatihan",
    )


def muat_pelatihan(pid, klausa) -> PelatihanKinerja | None:
    try:
        pid = int(pid)
    except (TypeError, ValueError):
        return None
    return db.session.scalar(
        select(PelatihanKinerja)
        .where(PelatihanKinerja.id == pid)
        .where(klausa)
        .options(
            joinedload(PelatihanKinerja.pegawai),
            joinedload(PelatihanKinerja.pembimbing),
            joinedload(PelatihanKinerja.skp),
        )
    )
