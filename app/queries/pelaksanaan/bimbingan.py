"""R12 bimbingan kinerja: coaching (B.1.6), mentoring (B.1.7), B.1.8, B.1.9."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass

from sqlalchemy import exists, func, select
from sqlalchemy.orm import joinedload

from app import jam
from app.aksi import tanggal, teks
from app.extensions import db
from app.queries.pelaksanaan.masukan import bulat, pilihan, ya
from app.queries.pelaksanaan.peran import muat_skp, peran_skp
from app.queries.pelaksanaan.umum import GalatPelaksanaan
from app.rules import PeranPihak, penerima_laporan_bimbingan
from app.security.audit import catat
from schema.enums import BagianCoaching, JenisBimbingan, JenisDokumen, PeranTandaTangan
from schema.models import (
    SKP,
    BarisCoaching,
    BimbinganKinerja,
    IndikatorKinerja,
    JawabanB18,
    JurnalMentoring,
    KompetensiB19,
    NilaiKompetensi,
    Pegawai,
    PernyataanB18,
    RencanaHasilKerja,
    TandaTangan,
)


def skp_aktif_pegawai(pegawai_id: int, tahun: int | None = None) -> SKP | None:
    stmt = select(SKP).where(SKP.pegawai_id == pegawai_id, SKP.aktif.is_(True))
    if tahun:
        stmt = stmt.where(SKP.tahun == tahun)
    return db.session.scalar(stmt.order_by(SKP.tahun.desc(), SKP.id.desc()).limit(1))


def buat_bimbingan(k, data, klausa_skp) -> BimbinganKinerja:
    """The leader (the SKP's evaluator or their superior) opens a coaching/mentoring record, as coach or for an
    assigned person; it is reported per R12 (000 Lampiran D.4 i)–j))."""
    skp = muat_skp(data.get("skp_id"), klausa_skp)
    if skp is None:
        raise GalatPelaksanaan("SKP pegawai tidak ditemukan.")
    if not peran_skp(skp, k).pimpinan:
        raise GalatPelaksanaan("Bimbingan kinerja dicatat oleh pimpinan pegawai (pejabat penilai atau atasannya).")
    jenis = pilihan(JenisBimbingan, data.get("jenis"), "Jenis bimbingan")
    if jenis not in (JenisBimbingan.COACHING, JenisBimbingan.MENTORING):
        raise GalatPelaksanaan("Jenis bimbingan yang dicatat: coaching atau mentoring.")
    pembimbing_id = bulat(data.get("pembimbing"), "Pembimbing", wajib=False) or k.pegawai_id
    if not pembimbing_id:
        raise GalatPelaksanaan("Pilih pembimbing.")
    if pembimbing_id == skp.pegawai_id:
        raise GalatPelaksanaan("Pembimbing tidak boleh pegawai yang dibimbing.")
    if db.session.get(Pegawai, pembimbing_id) is None:
        raise GalatPelaksanaan("Pembimbing tidak ditemukan.")
    tgl = tanggal(data.get("tanggal"), "Tanggal", galat=GalatPelaksanaan) or jam.hari_ini()
    penerima = penerima_laporan_bimbingan(pembimbing_id == skp.penilai_id)
    kepada = skp.atasan_penilai_id if penerima is PeranPihak.ATASAN_PEJABAT_PENILAI else skp.penilai_id
    b = BimbinganKinerja(
        pegawai_id=skp.pegawai_id,
        skp_id=skp.id,
        pembimbing_id=pembimbing_id,
        jenis=jenis.value,
        tanggal=tgl,
        perlu_perubahan_skp=False,
        dilaporkan_kepada_id=kepada,
    )
    db.session.add(b)
    db.session.flush()
    catat(
        "bimbingan_kinerja",
        b.id,
        "tambah",
        sesudah={
            "pegawai_id": b.pegawai_id,
            "pembimbing_id": pembimbing_id,
            "jenis": jenis.value,
            "dilaporkan_kepada_id": kepada,
        },
    )
    return b


@dataclass(frozen=True)
class PeranBimbingan:
    pegawai: bool
    pembimbing: bool


def peran_bimbingan(b: BimbinganKinerja, k) -> PeranBimbingan:
    return PeranBimbingan(
        pegawai=bool(k.pegawai_id) and b.pegawai_id == k.pegawai_id,
        pembimbing=bool(k.pegawai_id) and b.pembimbing_id == k.pegawai_id,
    )


def isi_bimbingan(b: BimbinganKinerja, k, bagian: str, data) -> None:  # noqa: C901 — one form post fills B.1.6–B.1.9 parts whose presence depends on the record kind
    """One section of B.1.6/B.1.7/B.1.8/B.1.9, by the party the form names."""
    p = peran_bimbingan(b, k)
    if not (p.pegawai or p.pembimbing):
        raise GalatPelaksanaan("Rekaman bimbingan diisi oleh pegawai dan pembimbingnya.")
    coaching = b.jenis == JenisBimbingan.COACHING.value
    if bagian in BAGIAN_DITANDATANGANI and tanda_tangan_bimbingan(b.id):
        raise GalatPelaksanaan(
            f"Rekaman {format_bimbingan(b)} sudah ditandatangani dan tidak dapat diubah lagi. Catat "
            "bimbingan baru bila ada kesepakatan lanjutan."
        )
    if bagian in ("tujuan", "fakta", "langkah"):
        if not coaching:
            raise GalatPelaksanaan("Bagian ini milik format coaching (B.1.6).")
        if bagian == "langkah" and not p.pembimbing and not p.pegawai:
            raise GalatPelaksanaan("Langkah ke depan disepakati pimpinan dan pegawai.")
        kol = [
            teks(data.get(f"kolom_{i}"), f"Kolom {i}", wajib=i == 1, maks=2000, galat=GalatPelaksanaan)
            for i in range(1, 5)
        ]
        iki_id = bulat(data.get("iki_id"), "Indikator", wajib=False)
        if (
            iki_id
            and b.skp_id
            and not db.session.scalar(
                select(IndikatorKinerja.id)
                .join(RencanaHasilKerja)
                .where(IndikatorKinerja.id == iki_id, RencanaHasilKerja.skp_id == b.skp_id)
            )
        ):
            raise GalatPelaksanaan("Indikator tidak ditemukan pada SKP pegawai.")
        urutan = (
            db.session.scalar(
                select(func.max(BarisCoaching.urutan)).where(
                    BarisCoaching.bimbingan_id == b.id, BarisCoaching.bagian == bagian
                )
            )
            or 0
        ) + 1
        sesuaikan = ya(data.get("penyesuaian_target")) if bagian == "langkah" else None
        db.session.add(
            BarisCoaching(
                bimbingan_id=b.id,
                bagian=BagianCoaching(bagian).value,
                urutan=urutan,
                iki_id=iki_id,
                kolom_1=kol[0],
                kolom_2=kol[1],
                kolom_3=kol[2],
                kolom_4=kol[3],
                penyesuaian_target=sesuaikan,
            )
        )
        if sesuaikan:
            b.perlu_perubahan_skp = True  # B.1.6 footnote: targets change → SKP change
    elif bagian == "peluang":
        if not coaching:
            raise GalatPelaksanaan("Bagian ini milik format coaching (B.1.6).")
        b.peluang = teks(data.get("peluang"), "Peluang", wajib=True, maks=4000, galat=GalatPelaksanaan)
    elif bagian == "tujuan_mentoring":
        if coaching:
            raise GalatPelaksanaan("Bagian ini milik format mentoring (B.1.7).")
        b.keahlian_dikembangkan = teks(
            data.get("keahlian_dikembangkan"),
            "Keahlian/keterampilan spesifik",
            wajib=True,
            maks=4000,
            galat=GalatPelaksanaan,
        )
        b.jangka_waktu = teks(
            data.get("jangka_waktu"), "Jangka waktu mentoring", wajib=True, maks=120, galat=GalatPelaksanaan
        )
        b.perubahan_diharapkan = teks(
            data.get("perubahan_diharapkan"), "Perubahan yang diharapkan", wajib=True, maks=4000, galat=GalatPelaksanaan
        )
        b.ukuran_keberhasilan = teks(
            data.get("ukuran_keberhasilan"),
            "Ukuran keberhasilan mentoring",
            wajib=True,
            maks=4000,
            galat=GalatPelaksanaan,
        )
    elif bagian == "jurnal":
        if coaching:
            raise GalatPelaksanaan("Jurnal mentoring milik format B.1.7.")
        db.session.add(
            JurnalMentoring(
                bimbingan_id=b.id,
                waktu_tempat=teks(
                    data.get("waktu_tempat"), "Waktu dan tempat", wajib=True, maks=200, galat=GalatPelaksanaan
                ),
                materi=teks(data.get("materi"), "Materi mentoring", wajib=True, maks=4000, galat=GalatPelaksanaan),
                rencana_aksi=teks(data.get("rencana_aksi"), "Rencana aksi", maks=4000, galat=GalatPelaksanaan),
                target_waktu=teks(data.get("target_waktu"), "Target waktu", maks=120, galat=GalatPelaksanaan),
            )
        )
    elif bagian == "b18":
        if not p.pegawai:
            raise GalatPelaksanaan("Umpan balik pelaksanaan bimbingan (B.1.8) diisi oleh pegawai yang dibimbing.")
        pernyataan = {r.nomor: r.id for r in db.session.scalars(select(PernyataanB18))}
        ada = {
            j.pernyataan_id: j for j in db.session.scalars(select(JawabanB18).where(JawabanB18.bimbingan_id == b.id))
        }
        for nomor, pid in sorted(pernyataan.items()):
            v = teks(data.get(f"p{nomor}"), f"Pernyataan {nomor}", wajib=True, maks=1000, galat=GalatPelaksanaan)
            if pid in ada:
                ada[pid].umpan_balik = v
            else:
                db.session.add(JawabanB18(bimbingan_id=b.id, pernyataan_id=pid, umpan_balik=v))
    elif bagian == "b19":
        if not p.pembimbing:
            raise GalatPelaksanaan("Evaluasi kompetensi (B.1.9) diisi oleh pembimbing.")
        db.session.execute(NilaiKompetensi.__table__.delete().where(NilaiKompetensi.bimbingan_id == b.id))
        for kom in db.session.scalars(select(KompetensiB19).order_by(KompetensiB19.kelompok, KompetensiB19.nomor)):
            n = _skala(data.get(f"k{kom.id}"), kom.nama)
            db.session.add(
                NilaiKompetensi(
                    bimbingan_id=b.id,
                    kompetensi_id=kom.id,
                    nilai=n,
                    alasan=teks(data.get(f"a{kom.id}"), f"Alasan {kom.nama}", maks=4000, galat=GalatPelaksanaan),
                )
            )
        nama_teknis = teks(data.get("teknis"), "Kompetensi teknis", maks=200, galat=GalatPelaksanaan)
        if nama_teknis:
            db.session.add(
                NilaiKompetensi(
                    bimbingan_id=b.id,
                    kompetensi_teknis=nama_teknis,
                    nilai=_skala(data.get("k_teknis"), nama_teknis),
                    alasan=teks(data.get("a_teknis"), "Alasan teknis", maks=4000, galat=GalatPelaksanaan),
                )
            )
        b.rekomendasi = teks(data.get("rekomendasi"), "Rekomendasi", maks=4000, galat=GalatPelaksanaan)
    else:
        raise GalatPelaksanaan("Bagian formulir tidak dikenal.")
    b.diubah_pada = jam.sekarang_utc()
    db.session.flush()
    catat("bimbingan_kinerja", b.id, "ubah", sesudah={"bagian": bagian})


# B.1.6 / B.1.7 sections, signed by both parties (000 Lampiran D.4 e) 3) (b) (1) f., f) 3) (b) (2)); B.1.8 and
# B.1.9 are separate forms filled after the session and stay open.
BAGIAN_DITANDATANGANI = ("tujuan", "fakta", "peluang", "langkah", "tujuan_mentoring", "jurnal")


def format_bimbingan(b: BimbinganKinerja) -> str:
    return "B.1.6" if b.jenis == JenisBimbingan.COACHING.value else "B.1.7"


def kanonik_bimbingan(b: BimbinganKinerja) -> str:
    """Canonical JSON of exactly what the two parties sign on B.1.6/B.1.7 (sorted keys)."""
    baris = db.session.execute(
        select(
            BarisCoaching.bagian,
            BarisCoaching.urutan,
            BarisCoaching.iki_id,
            BarisCoaching.kolom_1,
            BarisCoaching.kolom_2,
            BarisCoaching.kolom_3,
            BarisCoaching.kolom_4,
            BarisCoaching.penyesuaian_target,
        )
        .where(BarisCoaching.bimbingan_id == b.id)
        .order_by(BarisCoaching.bagian, BarisCoaching.urutan, BarisCoaching.id)
    ).all()
    jurnal = db.session.execute(
        select(
            JurnalMentoring.waktu_tempat,
            JurnalMentoring.materi,
            JurnalMentoring.rencana_aksi,
            JurnalMentoring.target_waktu,
        )
        .where(JurnalMentoring.bimbingan_id == b.id)
        .order_by(JurnalMentoring.id)
    ).all()
    doc = {
        "bimbingan": {
            k: getattr(b, k)
            for k in (
                "id",
                "jenis",
                "pegawai_id",
                "pembimbing_id",
                "skp_id",
                "tanggal",
                "peluang",
                "perlu_perubahan_skp",
                "keahlian_dikembangkan",
                "jangka_waktu",
                "perubahan_diharapkan",
                "ukuran_keberhasilan",
            )
        },
        "baris": [list(r) for r in baris],
        "jurnal": [list(r) for r in jurnal],
    }
    return json.dumps(doc, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str)


def hash_bimbingan(b: BimbinganKinerja) -> str:
    return hashlib.sha256(kanonik_bimbingan(b).encode("utf-8")).hexdigest()


def tanda_tangan_bimbingan(bid: int) -> list[TandaTangan]:
    return list(
        db.session.scalars(
            select(TandaTangan)
            .where(TandaTangan.jenis_dokumen == JenisDokumen.BIMBINGAN.value, TandaTangan.dokumen_id == bid)
            .order_by(TandaTangan.waktu, TandaTangan.id)
        )
    )


def _terisi_untuk_ditandatangani(b: BimbinganKinerja) -> bool:
    if b.jenis == JenisBimbingan.COACHING.value:
        return bool(
            db.session.scalar(
                select(
                    exists().where(
                        BarisCoaching.bimbingan_id == b.id, BarisCoaching.bagian == BagianCoaching.TUJUAN.value
                    )
                )
            )
        )
    return bool(b.keahlian_dikembangkan)


def tandatangani_bimbingan(b: BimbinganKinerja, k, user) -> TandaTangan:
    """Each party signs their own side: the employee as "Pegawai yang Dinilai", the coach/mentor as "Pimpinan/
    Pihak Lain yang Diberikan Penugasan Khusus". The first signature locks the B.1.6/B.1.7 sections; the second
    signs the same content (same hash)."""
    p = peran_bimbingan(b, k)
    if not (p.pegawai or p.pembimbing):
        raise GalatPelaksanaan(
            "Rekaman bimbingan ditandatangani hanya oleh pegawai yang dibimbing dan pembimbingnya, "
            "masing-masing pada bagiannya sendiri."
        )
    peran = PeranTandaTangan.PEGAWAI if p.pegawai else PeranTandaTangan.PIMPINAN
    fmt = format_bimbingan(b)
    ada = tanda_tangan_bimbingan(b.id)
    if any(t.peran == peran.value for t in ada):
        raise GalatPelaksanaan(f"Anda sudah menandatangani rekaman {fmt} ini.")
    if not _terisi_untuk_ditandatangani(b):
        raise GalatPelaksanaan(f"Isi formulir {fmt} (bagian TUJUAN) sebelum ditandatangani.")
    h = hash_bimbingan(b)
    if ada and any(t.hash_sha256 != h for t in ada):  # pragma: no cover - the first signature locks the content
        raise GalatPelaksanaan(f"Isi rekaman {fmt} berbeda dari yang telah ditandatangani pihak lain.")
    orang = db.session.get(Pegawai, k.pegawai_id)
    tt = TandaTangan(
        jenis_dokumen=JenisDokumen.BIMBINGAN.value,
        dokumen_id=b.id,
        peran=peran.value,
        pegawai_id=k.pegawai_id,
        user_id=getattr(user, "id", None),
        nama=orang.nama_lengkap,
        nip=orang.nip,
        waktu=jam.sekarang_utc(),
        hash_sha256=h,
    )
    db.session.add(tt)
    db.session.flush()
    catat(
        "tanda_tangan",
        tt.id,
        "tanda_tangan",
        sesudah={"bimbingan_id": b.id, "format": fmt, "peran": peran.value, "hash_sha256": h, "nama": tt.nama},
    )
    return tt


def _skala(v, nama) -> int:
    n = bulat(v, f"Nilai {nama}")
    if not 1 <= n <= 5:
        raise GalatPelaksanaan(f"Nilai {nama} harus 1 sampai 5 (skala B.1.9).")
    return n


def muat_bimbingan(bid, klausa) -> BimbinganKinerja | None:
    try:
        bid = int(bid)
    except (TypeError, ValueError):
        return None
    return db.session.scalar(
        select(BimbinganKinerja)
        .where(BimbinganKinerja.id == bid)
        .where(klausa)
        .options(joinedload(BimbinganKinerja.pegawai), joinedload(BimbinganKinerja.pembimbing))
    )


def rincian_bimbingan(b: BimbinganKinerja) -> dict:
    baris = list(
        db.session.scalars(
            select(BarisCoaching)
            .where(BarisCoaching.bimbingan_id == b.id)
            .order_by(BarisCoaching.bagian, BarisCoaching.urutan)
        )
    )
    iki = {}
    if b.skp_id:
        iki = {
            i.id: i
            for i in db.session.scalars(
                select(IndikatorKinerja).join(RencanaHasilKerja).where(RencanaHasilKerja.skp_id == b.skp_id)
            )
        }
    jawaban = {
        j.pernyataan_id: j.umpan_balik
        for j in db.session.scalars(select(JawabanB18).where(JawabanB18.bimbingan_id == b.id))
    }
    pernyataan = list(db.session.scalars(select(PernyataanB18).order_by(PernyataanB18.nomor)))
    kompetensi = list(
        db.session.scalars(select(KompetensiB19).order_by(KompetensiB19.kelompok.desc(), KompetensiB19.nomor))
    )
    nilai = list(db.session.scalars(select(NilaiKompetensi).where(NilaiKompetensi.bimbingan_id == b.id)))
    skp = db.session.get(SKP, b.skp_id) if b.skp_id else None
    return {
        "tujuan": [x for x in baris if x.bagian == "tujuan"],
        "fakta": [x for x in baris if x.bagian == "fakta"],
        "langkah": [x for x in baris if x.bagian == "langkah"],
        "jurnal": list(
            db.session.scalars(
                select(JurnalMentoring).where(JurnalMentoring.bimbingan_id == b.id).order_by(JurnalMentoring.id)
            )
        ),
        "iki": iki,
        "pernyataan": pernyataan,
        "jawaban": jawaban,
        "kompetensi": kompetensi,
        "nilai": {n.kompetensi_id: n for n in nilai if n.kompetensi_id},
        "teknis": [n for n in nilai if not n.kompetensi_id],
        "skp": skp,
        "dilaporkan_kepada": db.session.get(Pegawai, b.dilaporkan_kepada_id) if b.dilaporkan_kepada_id else None,
    }
