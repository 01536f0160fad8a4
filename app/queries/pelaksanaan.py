"""Pelaksanaan dan pembinaan (issue 5; R9, R11, R12): documentation, continuous feedback, progress decisions,
coaching/mentoring, behaviour reports and counselling.

Every decision "may this user do this to this row" is here; the views only fetch rows through the scope
(``app.security.scope``), call one function, and commit once (or roll back on ``GalatPelaksanaan``). Functions
only add and flush. Rule decisions come from ``app.rules`` (R9 ``opsi_tindak_lanjut_progres``/``validasi_ambil_alih``,
R11 ``boleh_membaca_konseling``/``transisi_konseling_valid``/``tujuan_hasil_konseling``, R12
``penerima_laporan_bimbingan``, R6 ``periode_evaluasi``).

Counselling confidentiality: the result (``hasil``) and the follow-up (``tindak_lanjut``) are written with a
Core UPDATE guarded by the optimistic-lock version, so the automatic flush audit never copies the confidential
text into ``audit_log`` (the audit row says "[rahasia]"); every read of a counselling record is audited by the
caller with ``catat("konseling", id, "baca")``.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import exists, func, select, update
from sqlalchemy.orm import aliased, joinedload, selectinload

from app import jam
from app.aksi import PESAN_BASI, Ditolak, cek_versi, desimal, tanggal, teks
from app.extensions import db
from app.rules import (
    CalonKonselor, JenisKonselor, JenisPeriode, PeranPihak, StatusKonseling, StatusPegawai, StatusSKP,
    TindakanProgres, alasan_konselor_tidak_layak, boleh_membaca_konseling,
    opsi_tindak_lanjut_progres, penerima_laporan_bimbingan, transisi_konseling_valid, tujuan_hasil_konseling,
    validasi_ambil_alih,
)
from app.rules.waktu import daftar_periode, periode_evaluasi
from app.security import roles as R
from app.security.audit import catat
from schema.enums import (
    BagianCoaching, CaraUmpanBalik, JenisBimbingan, JenisBukti, JenisDokumen, JenisPelatihan, JenisRHK,
    PeranTandaTangan, RelasiUmpanBalik, SifatUmpanBalik, StatusPermintaan,
)
from schema.models import (
    SKP, BarisCoaching, BimbinganKinerja, BuktiDukung, BuktiLaporanPerilaku, IndikatorKinerja, Instansi, Jabatan,
    JawabanB18, JurnalMentoring, KompetensiB19, Konseling, KonfigurasiPeriode, LaporanPerilaku, NilaiInti,
    NilaiKompetensi, Pegawai, PelatihanKinerja, PermintaanUmpanBalik, PernyataanB18, Realisasi, RencanaHasilKerja,
    TandaTangan, TindakanProgresRecord, UmpanBalik,
)

SK = StatusKonseling
PEMBINAAN = (TindakanProgres.PENYESUAIAN_EKSPEKTASI.value, TindakanProgres.PENYESUAIAN_SUMBER_DAYA.value,
             TindakanProgres.BIMBINGAN_KONSELING.value)


class GalatPelaksanaan(Ditolak):
    """A refused user action; the message is shown to the user as is (Indonesian)."""


# ---------------------------------------------------------------------------------------------------------
# input helpers
# ---------------------------------------------------------------------------------------------------------

def bulat(nilai, nama: str, wajib: bool = True) -> int | None:
    if nilai in (None, ""):
        if wajib:
            raise GalatPelaksanaan(f"{nama} wajib diisi.")
        return None
    try:
        v = int(str(nilai).strip())
    except ValueError:
        raise GalatPelaksanaan(f"{nama} harus berupa bilangan bulat.") from None
    if not -2**31 < v < 2**31:
        raise GalatPelaksanaan(f"{nama} di luar rentang.")
    return v


def waktu(nilai, nama: str) -> dt.datetime:
    if not nilai:
        raise GalatPelaksanaan(f"{nama} wajib diisi.")
    try:
        return dt.datetime.fromisoformat(str(nilai).strip()).replace(second=0, microsecond=0, tzinfo=None)
    except ValueError:
        raise GalatPelaksanaan(f"{nama}: waktu tidak valid (format TTTT-BB-HH JJ:MM).") from None


def pilihan(enum, nilai, nama: str):
    try:
        return enum(nilai)
    except ValueError:
        raise GalatPelaksanaan(f"{nama}: pilihan \"{nilai}\" tidak dikenal.") from None


def ya(nilai) -> bool:
    return str(nilai or "").lower() in ("1", "y", "ya", "true", "on")


def cek_versi_wajib(obj, versi) -> None:
    """Stricter than ``app.aksi.cek_versi``: these forms always post their version, so a missing one is stale too."""
    if versi in (None, ""):
        raise GalatPelaksanaan(PESAN_BASI)
    cek_versi(obj, versi, galat=GalatPelaksanaan)



# ---------------------------------------------------------------------------------------------------------
# who am I for this SKP
# ---------------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class PeranSKP:
    pemilik: bool
    pimpinan: bool  # the evaluator or the evaluator's superior (R9: leader's feedback and decisions)
    penilai: bool


def peran_skp(skp: SKP, k) -> PeranSKP:
    me = k.pegawai_id
    admin = R.ADMIN in k.role_names
    penilai = bool(me) and skp.penilai_id == me
    return PeranSKP(pemilik=bool(me) and skp.pegawai_id == me,
                    pimpinan=admin or (bool(me) and me in (skp.penilai_id, skp.atasan_penilai_id)),
                    penilai=admin or penilai)


def skp_berjalan(skp: SKP) -> bool:
    """Documentation and feedback happen on the SKP in force after it is set (pelaksanaan stage)."""
    return skp.status == StatusSKP.DITETAPKAN.value and skp.aktif


def muat_skp(skp_id, klausa) -> SKP | None:
    try:
        skp_id = int(skp_id)
    except (TypeError, ValueError):
        return None
    return db.session.scalar(select(SKP).where(SKP.id == skp_id).where(klausa).options(
        selectinload(SKP.rhk).selectinload(RencanaHasilKerja.iki), joinedload(SKP.jabatan)))


def jenis_periode_dokumentasi(tahun: int) -> JenisPeriode:
    """R6 — 003 Pasal 14(3): the instansi's documentation period (KonfigurasiPeriode), bulanan by default."""
    v = db.session.scalar(select(KonfigurasiPeriode.periode_dokumentasi).join(
        Instansi, Instansi.id == KonfigurasiPeriode.instansi_id).where(KonfigurasiPeriode.tahun == tahun)
        .order_by(Instansi.id).limit(1))
    return JenisPeriode(v) if v else JenisPeriode.BULANAN


def periode_list(tahun: int):
    return daftar_periode(tahun, jenis_periode_dokumentasi(tahun))


def periode_dari_nomor(tahun: int, nomor) -> object:
    daftar = periode_list(tahun)
    n = bulat(nomor, "Periode")
    if not 1 <= n <= len(daftar):
        raise GalatPelaksanaan(f"Periode harus 1 sampai {len(daftar)} ({daftar[0].jenis.label}).")
    return daftar[n - 1]


def periode_kini(tahun: int):
    """The documentation period containing today, clamped into the SKP year."""
    d = min(max(jam.hari_ini(), dt.date(tahun, 1, 1)), dt.date(tahun, 12, 31))
    return periode_evaluasi(d, jenis_periode_dokumentasi(tahun))


def _rhk_milik(skp: SKP, rhk_id) -> RencanaHasilKerja:
    rid = bulat(rhk_id, "Rencana Hasil Kerja")
    for x in skp.rhk:
        if x.id == rid:
            return x
    raise GalatPelaksanaan("Rencana Hasil Kerja tidak ditemukan pada SKP ini.")


# ---------------------------------------------------------------------------------------------------------
# B.1.2 pendokumentasian: realisasi and bukti dukung
# ---------------------------------------------------------------------------------------------------------

def simpan_realisasi(skp: SKP, k, data) -> Realisasi:
    p = peran_skp(skp, k)
    if not p.pemilik:
        raise GalatPelaksanaan("Realisasi didokumentasikan oleh pegawai pemilik SKP.")
    if not skp_berjalan(skp):
        raise GalatPelaksanaan("Pendokumentasian kinerja dilakukan pada SKP yang sudah ditetapkan dan sedang berlaku.")
    rhk = _rhk_milik(skp, data.get("rhk_id"))
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
    r = Realisasi(skp_id=skp.id, rhk_id=rhk.id, iki_id=iki.id if iki else None, periode_jenis=per.jenis.value,
                  tahun=per.tahun, periode_nomor=per.nomor, nilai=nilai, uraian=uraian,
                  is_final=ya(data.get("is_final")), dicatat_oleh_id=k.pegawai_id)
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
        from app.berkas import GalatBerkas

        try:
            s = unggahan.simpan(berkas)
        except GalatBerkas as e:
            raise GalatPelaksanaan(str(e)) from None
        b = BuktiDukung(realisasi_id=r.id, jenis=JenisBukti.BERKAS.value, nama_asli=s.nama_asli,
                        nama_simpan=s.nama_simpan, content_type=s.content_type, ukuran=s.ukuran, keterangan=ket)
    elif url:
        if not url.lower().startswith(("https://", "http://")) or len(url) > 1000 or any(c.isspace() for c in url):
            raise GalatPelaksanaan("Tautan bukti dukung harus alamat http:// atau https:// yang valid "
                                   "(paling panjang 1000).")
        b = BuktiDukung(realisasi_id=r.id, jenis=JenisBukti.TAUTAN.value, url=url, keterangan=ket)
    else:
        raise GalatPelaksanaan("Unggah berkas atau isi tautan bukti dukung.")
    db.session.add(b)
    db.session.flush()
    catat("bukti_dukung", b.id, "tambah", sesudah={"realisasi_id": r.id, "jenis": b.jenis,
                                                   "nama_asli": b.nama_asli, "url": b.url})
    return b


def hapus_bukti(skp: SKP, k, bukti_id) -> str | None:
    """Returns the stored file name to delete after the commit."""
    if not peran_skp(skp, k).pemilik or not skp_berjalan(skp):
        raise GalatPelaksanaan("Bukti dukung dihapus oleh pegawai pemilik SKP yang sedang berlaku.")
    bid = bulat(bukti_id, "Bukti")
    b = db.session.scalar(select(BuktiDukung).join(Realisasi).where(BuktiDukung.id == bid,
                                                                   Realisasi.skp_id == skp.id))
    if b is None:
        raise GalatPelaksanaan("Bukti dukung tidak ditemukan.")
    nama = b.nama_simpan
    catat("bukti_dukung", b.id, "hapus", sebelum={"realisasi_id": b.realisasi_id, "nama_asli": b.nama_asli,
                                                  "url": b.url})
    db.session.delete(b)
    return nama


def bukti_dalam_cakupan(bukti_id, klausa_realisasi) -> BuktiDukung | None:
    try:
        bid = int(bukti_id)
    except (TypeError, ValueError):
        return None
    return db.session.scalar(select(BuktiDukung).join(Realisasi, Realisasi.id == BuktiDukung.realisasi_id)
                             .where(BuktiDukung.id == bid).where(klausa_realisasi))


def realisasi_skp(skp_id: int) -> list[Realisasi]:
    return list(db.session.scalars(select(Realisasi).where(Realisasi.skp_id == skp_id)
                                   .options(selectinload(Realisasi.bukti))
                                   .order_by(Realisasi.tahun, Realisasi.periode_nomor, Realisasi.id)))


# ---------------------------------------------------------------------------------------------------------
# B.1.3–B.1.5 continuous feedback (R9)
# ---------------------------------------------------------------------------------------------------------

def relasi_pemberi(skp: SKP, pemberi_id: int) -> RelasiUmpanBalik:
    """The giver's relation to the employee, from the SKP's evaluator chain and the position tree."""
    if pemberi_id in (skp.penilai_id, skp.atasan_penilai_id):
        return RelasiUmpanBalik.PIMPINAN
    pj = db.session.execute(select(Jabatan.id, Jabatan.atasan_id).join(Pegawai, Pegawai.jabatan_id == Jabatan.id)
                            .where(Pegawai.id == pemberi_id)).first()
    milik = db.session.execute(select(Jabatan.id, Jabatan.atasan_id).where(Jabatan.id == skp.jabatan_id)).first()
    if pj and milik:
        if milik.atasan_id is not None and milik.atasan_id == pj.id:
            return RelasiUmpanBalik.PIMPINAN
        if pj.atasan_id is not None and pj.atasan_id == milik.id:
            return RelasiUmpanBalik.BAWAHAN
        if pj.atasan_id is not None and pj.atasan_id == milik.atasan_id:
            return RelasiUmpanBalik.REKAN
    return RelasiUmpanBalik.PIHAK_LAIN


def permintaan_terbuka(skp_id: int, pegawai_id: int | None) -> PermintaanUmpanBalik | None:
    if not pegawai_id:
        return None
    return db.session.scalar(select(PermintaanUmpanBalik).where(
        PermintaanUmpanBalik.skp_id == skp_id, PermintaanUmpanBalik.diminta_kepada_id == pegawai_id,
        PermintaanUmpanBalik.status != StatusPermintaan.DITOLAK.value).order_by(PermintaanUmpanBalik.id.desc()))


def boleh_beri_umpan_balik(skp: SKP, k) -> bool:
    """R9 (001 Pasal 17–18): the leader always; peers, subordinates and other parties when asked."""
    if not k.pegawai_id or skp.pegawai_id == k.pegawai_id or not skp_berjalan(skp):
        return False
    return peran_skp(skp, k).pimpinan or permintaan_terbuka(skp.id, k.pegawai_id) is not None


def beri_umpan_balik(skp: SKP, k, data) -> UmpanBalik:
    if skp.pegawai_id == k.pegawai_id:
        raise GalatPelaksanaan("Umpan balik tidak dapat diberikan kepada diri sendiri; gunakan Minta Umpan Balik.")
    if not skp_berjalan(skp):
        raise GalatPelaksanaan("Umpan balik diberikan pada SKP yang sudah ditetapkan dan sedang berlaku.")
    if not k.pegawai_id:
        raise GalatPelaksanaan("Akun Anda belum terhubung dengan data pegawai.")
    permintaan = permintaan_terbuka(skp.id, k.pegawai_id)
    if not peran_skp(skp, k).pimpinan and permintaan is None:
        raise GalatPelaksanaan("Umpan balik dari rekan kerja, bawahan, atau pihak lain diberikan atas "
                               "permintaan pegawai.")
    sasaran = (data.get("sasaran") or "").strip()
    rhk_id = nilai_id = None
    if sasaran.startswith("rhk:"):
        rhk_id = _rhk_milik(skp, sasaran[4:]).id
    elif sasaran.startswith("nilai:"):
        nid = bulat(sasaran[6:], "Nilai BerAKHLAK")
        if db.session.get(NilaiInti, nid) is None:
            raise GalatPelaksanaan("Nilai dasar BerAKHLAK tidak dikenal.")
        nilai_id = nid
    else:
        raise GalatPelaksanaan("Pilih rencana hasil kerja atau nilai BerAKHLAK yang diberi umpan balik.")
    tgl = (tanggal(data.get("tanggal"), "Tanggal", galat=GalatPelaksanaan)
           or min(max(jam.hari_ini(), dt.date(skp.tahun, 1, 1)), dt.date(skp.tahun, 12, 31)))
    if tgl.year != skp.tahun:
        raise GalatPelaksanaan(f"Tanggal umpan balik harus dalam tahun SKP {skp.tahun}.")
    per = periode_evaluasi(tgl, jenis_periode_dokumentasi(skp.tahun))
    if per.tahun != skp.tahun:  # ISO weeks at the year's edge
        per = periode_evaluasi(dt.date(skp.tahun, tgl.month, min(tgl.day, 28)), JenisPeriode.BULANAN)
    relasi = relasi_pemberi(skp, k.pegawai_id)
    sifat = pilihan(SifatUmpanBalik, data.get("sifat") or SifatUmpanBalik.INSIDENTAL.value, "Sifat")
    cara = pilihan(CaraUmpanBalik, data.get("cara") or CaraUmpanBalik.LANGSUNG.value, "Cara")
    if data.get("positif") not in ("1", "0", "ya", "tidak", "true", "false", "on"):
        raise GalatPelaksanaan("Tandai apakah umpan balik ini positif atau tidak.")
    ub = UmpanBalik(skp_id=skp.id, rhk_id=rhk_id, nilai_inti_id=nilai_id, pemberi_id=k.pegawai_id,
                    relasi=relasi.value, sifat=sifat.value, cara=cara.value, positif=ya(data.get("positif")),
                    uraian=teks(data.get("uraian"), "Uraian umpan balik", wajib=True, maks=4000,
                                galat=GalatPelaksanaan), tanggal=tgl, tahun=per.tahun,
                    periode_nomor=per.nomor, permintaan_id=permintaan.id if permintaan else None)
    db.session.add(ub)
    if permintaan is not None and permintaan.status == StatusPermintaan.DIMINTA.value:
        permintaan.status = StatusPermintaan.DIJAWAB.value
    db.session.flush()
    catat("umpan_balik", ub.id, "tambah", sesudah={"skp_id": skp.id, "rhk_id": rhk_id, "nilai_inti_id": nilai_id,
                                                   "relasi": relasi.value, "positif": ub.positif})
    return ub


def minta_umpan_balik(skp: SKP, k, data) -> PermintaanUmpanBalik:
    if not peran_skp(skp, k).pemilik:
        raise GalatPelaksanaan("Permintaan umpan balik diajukan oleh pegawai pemilik SKP.")
    if not skp_berjalan(skp):
        raise GalatPelaksanaan("Umpan balik diminta pada SKP yang sudah ditetapkan dan sedang berlaku.")
    pid = bulat(data.get("diminta_kepada"), "Diminta kepada")
    if pid == skp.pegawai_id:
        raise GalatPelaksanaan("Pilih pegawai lain sebagai pemberi umpan balik.")
    if db.session.get(Pegawai, pid) is None:
        raise GalatPelaksanaan("Pegawai yang diminta memberi umpan balik tidak ditemukan.")
    if db.session.scalar(select(PermintaanUmpanBalik.id).where(
            PermintaanUmpanBalik.skp_id == skp.id, PermintaanUmpanBalik.diminta_kepada_id == pid,
            PermintaanUmpanBalik.status == StatusPermintaan.DIMINTA.value)):
        raise GalatPelaksanaan("Permintaan umpan balik kepada pegawai tersebut masih menunggu jawaban.")
    p = PermintaanUmpanBalik(skp_id=skp.id, diminta_kepada_id=pid, status=StatusPermintaan.DIMINTA.value,
                             pesan=teks(data.get("pesan"), "Pesan", maks=2000, galat=GalatPelaksanaan))
    db.session.add(p)
    db.session.flush()
    catat("permintaan_umpan_balik", p.id, "tambah", sesudah={"skp_id": skp.id, "diminta_kepada_id": pid})
    return p


def tolak_permintaan(p: PermintaanUmpanBalik, k) -> None:
    if p.diminta_kepada_id != k.pegawai_id:
        raise GalatPelaksanaan("Hanya pegawai yang diminta yang dapat menolak permintaan ini.")
    if p.status != StatusPermintaan.DIMINTA.value:
        raise GalatPelaksanaan("Permintaan ini sudah dijawab atau ditolak.")
    p.status = StatusPermintaan.DITOLAK.value
    catat("permintaan_umpan_balik", p.id, "ubah", sesudah={"status": p.status})


def umpan_balik_skp(skp_id: int, tahun: int | None = None, periode: int | None = None) -> list[UmpanBalik]:
    stmt = select(UmpanBalik).where(UmpanBalik.skp_id == skp_id).options(joinedload(UmpanBalik.pemberi))
    if periode is not None:
        stmt = stmt.where(UmpanBalik.tahun == tahun, UmpanBalik.periode_nomor == periode)
    return list(db.session.scalars(stmt.order_by(UmpanBalik.tanggal, UmpanBalik.id)))


JUDUL_REKAM = {
    "B.1.3": "UMPAN BALIK BERKELANJUTAN PENDEKATAN HASIL KERJA KUALITATIF",
    "B.1.4": "UMPAN BALIK BERKELANJUTAN PENDEKATAN HASIL KERJA KUANTITATIF BAGI PEJABAT PIMPINAN TINGGI DAN "
             "PIMPINAN UNIT KERJA MANDIRI",
    "B.1.5": "UMPAN BALIK BERKELANJUTAN PENDEKATAN HASIL KERJA KUANTITATIF BAGI PEJABAT ADMINISTRASI DAN "
             "PEJABAT FUNGSIONAL",
}


def format_rekam(skp: SKP) -> str:
    """forms B.1.x, 000 Lampiran: B.1.3 for qualitative SKPs, B.1.4 JPT quantitative (A.1.2), B.1.5 JA/JF quantitative."""
    return {"A.1.2": "B.1.4", "A.1.7": "B.1.5"}.get(skp.format_skp, "B.1.3")


def rekam_umpan_balik(skp: SKP, nomor: int | None) -> dict:
    """The B.1.3/B.1.4/B.1.5 record for one documentation period (``nomor`` None = the whole year):
    per RHK its IKI, realisasi and feedback; per core value its feedback."""
    from app.queries.perencanaan import perilaku_skp

    per = periode_dari_nomor(skp.tahun, nomor) if nomor else None
    stmt_r = select(Realisasi).where(Realisasi.skp_id == skp.id).options(selectinload(Realisasi.bukti))
    if per:
        stmt_r = stmt_r.where(Realisasi.tahun == per.tahun, Realisasi.periode_nomor == per.nomor)
    real = list(db.session.scalars(stmt_r.order_by(Realisasi.periode_nomor, Realisasi.id)))
    ub = umpan_balik_skp(skp.id, per.tahun if per else None, per.nomor if per else None)
    nilai = {n.id: n.kode for n in db.session.scalars(select(NilaiInti))}
    rhk = sorted(skp.rhk, key=lambda x: (x.jenis != JenisRHK.UTAMA.value, x.urutan))
    baris = []
    for x in rhk:
        baris.append({"rhk": x, "iki": list(x.iki), "realisasi": [r for r in real if r.rhk_id == x.id],
                      "umpan_balik": [u for u in ub if u.rhk_id == x.id]})
    perilaku = perilaku_skp(skp.id)
    for p in perilaku:
        p["umpan_balik"] = [u for u in ub if u.nilai_inti_id and nilai.get(u.nilai_inti_id) == p["kode"]]
    return {"periode": per, "format": format_rekam(skp), "judul": JUDUL_REKAM[format_rekam(skp)],
            "utama": [b for b in baris if b["rhk"].jenis == JenisRHK.UTAMA.value],
            "tambahan": [b for b in baris if b["rhk"].jenis != JenisRHK.UTAMA.value], "perilaku": perilaku,
            "jpt": skp.format_skp in ("A.1.1", "A.1.2"),
            "kuantitatif": skp.format_skp in ("A.1.2", "A.1.7")}


def teks_realisasi(r: Realisasi) -> str:
    from app.format import angka

    bagian = []
    if r.nilai is not None:
        bagian.append(angka(r.nilai))
    if r.uraian:
        bagian.append(r.uraian)
    s = " — ".join(bagian)
    return f"{s} ({'final' if r.is_final else 'progres'})"


def teks_umpan_balik(u: UmpanBalik) -> str:
    tanda = "(+)" if u.positif else "(−)"
    return f"{tanda} {u.uraian} — {u.pemberi.nama if u.pemberi else ''}, {RelasiUmpanBalik(u.relasi).label}"


# ---------------------------------------------------------------------------------------------------------
# R9 progress decision and RHK take-over (001 Pasal 19; 000 Pasal 9)
# ---------------------------------------------------------------------------------------------------------

def sudah_dibina(skp: SKP) -> bool:
    """An earlier measure (expectation/resources/coaching) was recorded, or the employee was coached this year."""
    if db.session.scalar(select(exists().where(TindakanProgresRecord.skp_id == skp.id,
                                               TindakanProgresRecord.tindakan.in_(PEMBINAAN)))):
        return True
    return bool(db.session.scalar(select(exists().where(
        BimbinganKinerja.pegawai_id == skp.pegawai_id,
        BimbinganKinerja.tanggal.between(dt.date(skp.tahun, 1, 1), dt.date(skp.tahun, 12, 31))))))


def putuskan_progres(skp: SKP, k, data) -> tuple[TindakanProgresRecord, object]:
    """Record the leader's measure; returns (record, follow-up) where the follow-up is the new SKP draft for
    an expectation adjustment (R10 through app.queries.perencanaan.ubah_versi) or None."""
    if not peran_skp(skp, k).pimpinan or not k.pegawai_id:
        raise GalatPelaksanaan("Tindak lanjut kemajuan kinerja diputuskan oleh pimpinan "
                               "(pejabat penilai atau atasannya).")
    if not skp_berjalan(skp):
        raise GalatPelaksanaan("Tindak lanjut kemajuan kinerja dicatat pada SKP yang sudah ditetapkan dan "
                               "sedang berlaku.")
    ada_progres = ya(data.get("ada_progres"))
    dibina = sudah_dibina(skp)
    tindakan = pilihan(TindakanProgres, data.get("tindakan"), "Tindakan")
    opsi = opsi_tindak_lanjut_progres(ada_progres, dibina)
    catatan = (data.get("catatan") or "").strip()
    rhk = _rhk_milik(skp, data.get("rhk_id")) if data.get("rhk_id") else None
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
        raise GalatPelaksanaan(f"Tindakan \"{tindakan.label}\" tidak tersedia: pilih "
                    + ", ".join(o.label for o in opsi) + " (001 Pasal 19).")
    if not catatan:
        raise GalatPelaksanaan("Catatan tindak lanjut wajib diisi.")
    if len(catatan) > 4000:
        raise GalatPelaksanaan("Catatan paling panjang 4000 karakter.")
    rec = TindakanProgresRecord(skp_id=skp.id, rhk_id=rhk.id if rhk else None, tindakan=tindakan.value,
                                catatan=catatan, tanggal=jam.hari_ini(), oleh_id=k.pegawai_id)
    db.session.add(rec)
    db.session.flush()
    catat("tindakan_progres", rec.id, "tambah", sesudah={"skp_id": skp.id, "tindakan": tindakan.value,
                                                         "rhk_id": rec.rhk_id})
    if tindakan is TindakanProgres.PENYESUAIAN_EKSPEKTASI:
        from app.queries import perencanaan as qp

        try:
            lanjut = qp.ubah_versi(skp, k, data.get("alasan") or "perubahan_prioritas",
                                   f"Penyesuaian ekspektasi (001 Pasal 19(3)): {catatan}", skp.versi)
        except qp.GalatSKP as e:
            raise GalatPelaksanaan(f"Perubahan SKP tidak dapat dibuka: {e}") from None
    return rec, lanjut


def tindakan_skp(skp_id: int) -> list[TindakanProgresRecord]:
    return list(db.session.scalars(select(TindakanProgresRecord).where(TindakanProgresRecord.skp_id == skp_id)
                                   .order_by(TindakanProgresRecord.id)))


def catatan_ambil_alih(skp_id: int) -> list[dict]:
    """For the evaluation (001 Pasal 19(8)): RHK taken over with the leader's note."""
    return [{"rhk_id": r.id, "uraian": r.uraian, "catatan": r.catatan_ambil_alih}
            for r in db.session.scalars(select(RencanaHasilKerja).where(
                RencanaHasilKerja.skp_id == skp_id, RencanaHasilKerja.diambil_alih.is_(True)))]


# ---------------------------------------------------------------------------------------------------------
# R12 bimbingan kinerja: coaching (B.1.6), mentoring (B.1.7), B.1.8, B.1.9
# ---------------------------------------------------------------------------------------------------------

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
    b = BimbinganKinerja(pegawai_id=skp.pegawai_id, skp_id=skp.id, pembimbing_id=pembimbing_id, jenis=jenis.value,
                         tanggal=tgl, perlu_perubahan_skp=False, dilaporkan_kepada_id=kepada)
    db.session.add(b)
    db.session.flush()
    catat("bimbingan_kinerja", b.id, "tambah", sesudah={"pegawai_id": b.pegawai_id, "pembimbing_id": pembimbing_id,
                                                        "jenis": jenis.value, "dilaporkan_kepada_id": kepada})
    return b


@dataclass(frozen=True)
class PeranBimbingan:
    pegawai: bool
    pembimbing: bool


def peran_bimbingan(b: BimbinganKinerja, k) -> PeranBimbingan:
    return PeranBimbingan(pegawai=bool(k.pegawai_id) and b.pegawai_id == k.pegawai_id,
                          pembimbing=bool(k.pegawai_id) and b.pembimbing_id == k.pegawai_id)


def isi_bimbingan(b: BimbinganKinerja, k, bagian: str, data) -> None:
    """One section of B.1.6/B.1.7/B.1.8/B.1.9, by the party the form names."""
    p = peran_bimbingan(b, k)
    if not (p.pegawai or p.pembimbing):
        raise GalatPelaksanaan("Rekaman bimbingan diisi oleh pegawai dan pembimbingnya.")
    coaching = b.jenis == JenisBimbingan.COACHING.value
    if bagian in BAGIAN_DITANDATANGANI and tanda_tangan_bimbingan(b.id):
        raise GalatPelaksanaan(f"Rekaman {format_bimbingan(b)} sudah ditandatangani dan tidak dapat diubah lagi. Catat "
                    "bimbingan baru bila ada kesepakatan lanjutan.")
    if bagian in ("tujuan", "fakta", "langkah"):
        if not coaching:
            raise GalatPelaksanaan("Bagian ini milik format coaching (B.1.6).")
        if bagian == "langkah" and not p.pembimbing and not p.pegawai:
            raise GalatPelaksanaan("Langkah ke depan disepakati pimpinan dan pegawai.")
        kol = [teks(data.get(f"kolom_{i}"), f"Kolom {i}", wajib=i == 1, maks=2000,
                    galat=GalatPelaksanaan) for i in range(1, 5)]
        iki_id = bulat(data.get("iki_id"), "Indikator", wajib=False)
        if iki_id and b.skp_id and not db.session.scalar(select(IndikatorKinerja.id).join(RencanaHasilKerja).where(
                IndikatorKinerja.id == iki_id, RencanaHasilKerja.skp_id == b.skp_id)):
            raise GalatPelaksanaan("Indikator tidak ditemukan pada SKP pegawai.")
        urutan = (db.session.scalar(select(func.max(BarisCoaching.urutan)).where(
            BarisCoaching.bimbingan_id == b.id, BarisCoaching.bagian == bagian)) or 0) + 1
        sesuaikan = ya(data.get("penyesuaian_target")) if bagian == "langkah" else None
        db.session.add(BarisCoaching(bimbingan_id=b.id, bagian=BagianCoaching(bagian).value, urutan=urutan,
                                     iki_id=iki_id, kolom_1=kol[0], kolom_2=kol[1], kolom_3=kol[2], kolom_4=kol[3],
                                     penyesuaian_target=sesuaikan))
        if sesuaikan:
            b.perlu_perubahan_skp = True  # B.1.6 footnote: targets change → SKP change
    elif bagian == "peluang":
        if not coaching:
            raise GalatPelaksanaan("Bagian ini milik format coaching (B.1.6).")
        b.peluang = teks(data.get("peluang"), "Peluang", wajib=True, maks=4000, galat=GalatPelaksanaan)
    elif bagian == "tujuan_mentoring":
        if coaching:
            raise GalatPelaksanaan("Bagian ini milik format mentoring (B.1.7).")
        b.keahlian_dikembangkan = teks(data.get("keahlian_dikembangkan"), "Keahlian/keterampilan spesifik", wajib=True,
                                       maks=4000, galat=GalatPelaksanaan)
        b.jangka_waktu = teks(data.get("jangka_waktu"), "Jangka waktu mentoring", wajib=True, maks=120,
                              galat=GalatPelaksanaan)
        b.perubahan_diharapkan = teks(data.get("perubahan_diharapkan"), "Perubahan yang diharapkan", wajib=True,
                                      maks=4000, galat=GalatPelaksanaan)
        b.ukuran_keberhasilan = teks(data.get("ukuran_keberhasilan"), "Ukuran keberhasilan mentoring", wajib=True,
                                     maks=4000, galat=GalatPelaksanaan)
    elif bagian == "jurnal":
        if coaching:
            raise GalatPelaksanaan("Jurnal mentoring milik format B.1.7.")
        db.session.add(JurnalMentoring(bimbingan_id=b.id,
                                       waktu_tempat=teks(data.get("waktu_tempat"), "Waktu dan tempat", wajib=True,
                                                         maks=200, galat=GalatPelaksanaan),
                                       materi=teks(data.get("materi"), "Materi mentoring", wajib=True, maks=4000,
                                                   galat=GalatPelaksanaan),
                                       rencana_aksi=teks(data.get("rencana_aksi"), "Rencana aksi", maks=4000,
                                                         galat=GalatPelaksanaan),
                                       target_waktu=teks(data.get("target_waktu"), "Target waktu", maks=120,
                                                         galat=GalatPelaksanaan)))
    elif bagian == "b18":
        if not p.pegawai:
            raise GalatPelaksanaan("Umpan balik pelaksanaan bimbingan (B.1.8) diisi oleh pegawai yang dibimbing.")
        pernyataan = {r.nomor: r.id for r in db.session.scalars(select(PernyataanB18))}
        ada = {j.pernyataan_id: j for j in db.session.scalars(select(JawabanB18).where(JawabanB18.bimbingan_id == b.id))}
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
            db.session.add(NilaiKompetensi(bimbingan_id=b.id, kompetensi_id=kom.id, nilai=n,
                                           alasan=teks(data.get(f"a{kom.id}"), f"Alasan {kom.nama}", maks=4000,
                                                       galat=GalatPelaksanaan)))
        nama_teknis = teks(data.get("teknis"), "Kompetensi teknis", maks=200, galat=GalatPelaksanaan)
        if nama_teknis:
            db.session.add(NilaiKompetensi(bimbingan_id=b.id, kompetensi_teknis=nama_teknis,
                                           nilai=_skala(data.get("k_teknis"), nama_teknis),
                                           alasan=teks(data.get("a_teknis"), "Alasan teknis", maks=4000,
                                                       galat=GalatPelaksanaan)))
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
    import json

    baris = db.session.execute(select(BarisCoaching.bagian, BarisCoaching.urutan, BarisCoaching.iki_id,
                                      BarisCoaching.kolom_1, BarisCoaching.kolom_2, BarisCoaching.kolom_3,
                                      BarisCoaching.kolom_4, BarisCoaching.penyesuaian_target)
                               .where(BarisCoaching.bimbingan_id == b.id)
                               .order_by(BarisCoaching.bagian, BarisCoaching.urutan, BarisCoaching.id)).all()
    jurnal = db.session.execute(select(JurnalMentoring.waktu_tempat, JurnalMentoring.materi,
                                       JurnalMentoring.rencana_aksi, JurnalMentoring.target_waktu)
                                .where(JurnalMentoring.bimbingan_id == b.id).order_by(JurnalMentoring.id)).all()
    doc = {"bimbingan": {k: getattr(b, k) for k in (
        "id", "jenis", "pegawai_id", "pembimbing_id", "skp_id", "tanggal", "peluang", "perlu_perubahan_skp",
        "keahlian_dikembangkan", "jangka_waktu", "perubahan_diharapkan", "ukuran_keberhasilan")},
           "baris": [list(r) for r in baris], "jurnal": [list(r) for r in jurnal]}
    return json.dumps(doc, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str)


def hash_bimbingan(b: BimbinganKinerja) -> str:
    import hashlib

    return hashlib.sha256(kanonik_bimbingan(b).encode("utf-8")).hexdigest()


def tanda_tangan_bimbingan(bid: int) -> list[TandaTangan]:
    return list(db.session.scalars(select(TandaTangan).where(
        TandaTangan.jenis_dokumen == JenisDokumen.BIMBINGAN.value, TandaTangan.dokumen_id == bid)
        .order_by(TandaTangan.waktu, TandaTangan.id)))


def _terisi_untuk_ditandatangani(b: BimbinganKinerja) -> bool:
    if b.jenis == JenisBimbingan.COACHING.value:
        return bool(db.session.scalar(select(exists().where(BarisCoaching.bimbingan_id == b.id,
                                                            BarisCoaching.bagian == BagianCoaching.TUJUAN.value))))
    return bool(b.keahlian_dikembangkan)


def tandatangani_bimbingan(b: BimbinganKinerja, k, user) -> TandaTangan:
    """Each party signs their own side: the employee as "Pegawai yang Dinilai", the coach/mentor as "Pimpinan/
    Pihak Lain yang Diberikan Penugasan Khusus". The first signature locks the B.1.6/B.1.7 sections; the second
    signs the same content (same hash)."""
    p = peran_bimbingan(b, k)
    if not (p.pegawai or p.pembimbing):
        raise GalatPelaksanaan("Rekaman bimbingan ditandatangani hanya oleh pegawai yang dibimbing dan pembimbingnya, "
                    "masing-masing pada bagiannya sendiri.")
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
    tt = TandaTangan(jenis_dokumen=JenisDokumen.BIMBINGAN.value, dokumen_id=b.id, peran=peran.value,
                     pegawai_id=k.pegawai_id, user_id=getattr(user, "id", None), nama=orang.nama_lengkap,
                     nip=orang.nip, waktu=jam.sekarang_utc(), hash_sha256=h)
    db.session.add(tt)
    db.session.flush()
    catat("tanda_tangan", tt.id, "tanda_tangan", sesudah={"bimbingan_id": b.id, "format": fmt, "peran": peran.value,
                                                          "hash_sha256": h, "nama": tt.nama})
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
    return db.session.scalar(select(BimbinganKinerja).where(BimbinganKinerja.id == bid).where(klausa).options(
        joinedload(BimbinganKinerja.pegawai), joinedload(BimbinganKinerja.pembimbing)))


def rincian_bimbingan(b: BimbinganKinerja) -> dict:
    baris = list(db.session.scalars(select(BarisCoaching).where(BarisCoaching.bimbingan_id == b.id)
                                    .order_by(BarisCoaching.bagian, BarisCoaching.urutan)))
    iki = {}
    if b.skp_id:
        iki = {i.id: i for i in db.session.scalars(select(IndikatorKinerja).join(RencanaHasilKerja).where(
            RencanaHasilKerja.skp_id == b.skp_id))}
    jawaban = {j.pernyataan_id: j.umpan_balik for j in db.session.scalars(
        select(JawabanB18).where(JawabanB18.bimbingan_id == b.id))}
    pernyataan = list(db.session.scalars(select(PernyataanB18).order_by(PernyataanB18.nomor)))
    kompetensi = list(db.session.scalars(select(KompetensiB19).order_by(KompetensiB19.kelompok.desc(),
                                                                         KompetensiB19.nomor)))
    nilai = list(db.session.scalars(select(NilaiKompetensi).where(NilaiKompetensi.bimbingan_id == b.id)))
    skp = db.session.get(SKP, b.skp_id) if b.skp_id else None
    return {"tujuan": [x for x in baris if x.bagian == "tujuan"], "fakta": [x for x in baris if x.bagian == "fakta"],
            "langkah": [x for x in baris if x.bagian == "langkah"],
            "jurnal": list(db.session.scalars(select(JurnalMentoring).where(JurnalMentoring.bimbingan_id == b.id)
                                              .order_by(JurnalMentoring.id))),
            "iki": iki, "pernyataan": pernyataan, "jawaban": jawaban, "kompetensi": kompetensi,
            "nilai": {n.kompetensi_id: n for n in nilai if n.kompetensi_id},
            "teknis": [n for n in nilai if not n.kompetensi_id], "skp": skp,
            "dilaporkan_kepada": db.session.get(Pegawai, b.dilaporkan_kepada_id) if b.dilaporkan_kepada_id else None}


# ---------------------------------------------------------------------------------------------------------
# formal / informal training (000 Lampiran D.4 c) 3)–4)) — no regulation format; routed like coaching (R12)
# ---------------------------------------------------------------------------------------------------------

KOLOM_PELATIHAN = ("jenis", "nama_kegiatan", "penyelenggara", "tanggal_mulai", "tanggal_selesai", "jumlah_jp", "hasil",
                   "pembimbing_id", "bukti_nama_asli")


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
    from app.berkas import GalatBerkas

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
    catat("pelatihan_kinerja", p.id, "tambah", sesudah={**_jejak_pelatihan(p), "pegawai_id": p.pegawai_id,
                                                        "skp_id": p.skp_id, "dilaporkan_kepada_id": kepada})
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
    from app.excel.tulis import Kolom, tulis_register
    from app.queries.perencanaan import instansi_nama

    P, J = aliased(Pegawai), aliased(Pegawai)
    stmt = (select(PelatihanKinerja.id, P.nip, P.nama, PelatihanKinerja.jenis, PelatihanKinerja.nama_kegiatan,
                   PelatihanKinerja.penyelenggara, PelatihanKinerja.tanggal_mulai, PelatihanKinerja.tanggal_selesai,
                   PelatihanKinerja.jumlah_jp, PelatihanKinerja.hasil, J.nama, PelatihanKinerja.bukti_nama_asli)
            .join(P, P.id == PelatihanKinerja.pegawai_id).join(J, J.id == PelatihanKinerja.pembimbing_id)
            .where(PelatihanKinerja.id.in_(select(ids_subquery.c.id))).order_by(PelatihanKinerja.tanggal_mulai,
                                                                               PelatihanKinerja.id))
    kolom = [Kolom("No", 6, "angka"), Kolom("NIP", 20, "nip"), Kolom("Nama Pegawai", 30), Kolom("Jenis", 18),
             Kolom("Nama Kegiatan", 40), Kolom("Penyelenggara", 30), Kolom("Tanggal Mulai", 14, "tanggal"),
             Kolom("Tanggal Selesai", 14, "tanggal"), Kolom("Jumlah JP", 10, "angka"), Kolom("Hasil/Catatan", 40),
             Kolom("Penanggung Jawab", 28), Kolom("Bukti", 24)]

    def baris():
        for i, r in enumerate(db.session.execute(stmt.execution_options(yield_per=1000)), 1):
            yield [i, r[1], r[2], JenisPelatihan(r[3]).label, r[4], r[5], r[6], r[7], r[8], r[9], r[10], r[11]]

    return tulis_register("Pelatihan Formal dan Informal (Bimbingan Kinerja)", kolom, baris(),
                          instansi=instansi_nama()[0], pengekspor=pengekspor, nama_sheet="Pelatihan")


def muat_pelatihan(pid, klausa) -> PelatihanKinerja | None:
    try:
        pid = int(pid)
    except (TypeError, ValueError):
        return None
    return db.session.scalar(select(PelatihanKinerja).where(PelatihanKinerja.id == pid).where(klausa).options(
        joinedload(PelatihanKinerja.pegawai), joinedload(PelatihanKinerja.pembimbing),
        joinedload(PelatihanKinerja.skp)))


# ---------------------------------------------------------------------------------------------------------
# R11 behaviour report (B.1.10) and counselling
# ---------------------------------------------------------------------------------------------------------

def buat_laporan(skp: SKP, k, data) -> LaporanPerilaku:
    """The evaluator reports to the personnel unit with the feedback evidence; the case enters the daftar."""
    if not (k.pegawai_id and skp.penilai_id == k.pegawai_id):
        raise GalatPelaksanaan("Laporan permasalahan perilaku kerja disampaikan oleh pejabat penilai kinerja pegawai.")
    bukti = []
    for v in data.getlist("bukti") if hasattr(data, "getlist") else data.get("bukti", []):
        bukti.append(bulat(v, "Bukti umpan balik"))
    if not bukti:
        raise GalatPelaksanaan("Lampirkan bukti umpan balik yang telah diberikan kepada pegawai (000 Pasal 16(2)).")
    sah = set(db.session.scalars(select(UmpanBalik.id).where(UmpanBalik.id.in_(bukti), UmpanBalik.skp_id.in_(
        select(SKP.id).where(SKP.pegawai_id == skp.pegawai_id)))))
    if sah != set(bukti):
        raise GalatPelaksanaan("Bukti umpan balik harus umpan balik pada SKP pegawai yang dilaporkan.")
    if db.session.scalar(select(Konseling.id).where(Konseling.pegawai_id == skp.pegawai_id,
                                                    Konseling.status.in_((SK.DILAPORKAN.value,
                                                                          SK.DITETAPKAN_KONSELING.value,
                                                                          SK.DIJADWALKAN.value)))):
        raise GalatPelaksanaan("Pegawai ini sudah tercatat dalam daftar dan konselingnya belum selesai.")
    lap = LaporanPerilaku(pegawai_id=skp.pegawai_id, pelapor_id=k.pegawai_id, tanggal=jam.hari_ini(),
                          ekspektasi_khusus=teks(data.get("ekspektasi_khusus"), "Ekspektasi khusus", maks=4000,
                                                 galat=GalatPelaksanaan),
                          permasalahan=teks(data.get("permasalahan"), "Permasalahan perilaku kerja", wajib=True,
                                            maks=4000, galat=GalatPelaksanaan),
                          terjadi_pada_pegawai_lain=ya(data.get("terjadi_pada_pegawai_lain")),
                          retrospektif=teks(data.get("retrospektif"), "Yang sudah dilakukan (retrospektif)", wajib=True,
                                            maks=4000, galat=GalatPelaksanaan))
    db.session.add(lap)
    db.session.flush()
    for u in sorted(sah):
        db.session.add(BuktiLaporanPerilaku(laporan_id=lap.id, umpan_balik_id=u))
    if not transisi_konseling_valid(None, SK.DILAPORKAN):  # pragma: no cover - the rule's first step
        raise GalatPelaksanaan("Alur konseling tidak dikenal.")
    kons = Konseling(laporan_id=lap.id, pegawai_id=skp.pegawai_id, status=SK.DILAPORKAN.value)
    db.session.add(kons)
    db.session.flush()
    return lap


def muat_laporan(lid, klausa) -> LaporanPerilaku | None:
    try:
        lid = int(lid)
    except (TypeError, ValueError):
        return None
    return db.session.scalar(select(LaporanPerilaku).where(LaporanPerilaku.id == lid).where(klausa).options(
        joinedload(LaporanPerilaku.pegawai), joinedload(LaporanPerilaku.pelapor)))


def bukti_laporan(lap_id: int) -> list[UmpanBalik]:
    return list(db.session.scalars(select(UmpanBalik).join(
        BuktiLaporanPerilaku, BuktiLaporanPerilaku.umpan_balik_id == UmpanBalik.id).where(
        BuktiLaporanPerilaku.laporan_id == lap_id).options(joinedload(UmpanBalik.pemberi),
                                                           joinedload(UmpanBalik.rhk),
                                                           joinedload(UmpanBalik.nilai_inti))
        .order_by(UmpanBalik.tanggal)))


def peran_konseling(kons: Konseling, k) -> set[PeranPihak]:
    """The user's parts in this case (R11): PyB, the appointed counsellor, the reporting evaluator, the
    evaluator's superior (by the position tree). Admin is none of them: a system administrator is not in the
    confidentiality circle of 000 Pasal 16(5)."""
    out: set[PeranPihak] = set()
    if R.PYB in k.role_names:
        out.add(PeranPihak.PYB)
    me = k.pegawai_id
    if not me:
        return out
    if kons.konselor_id == me:
        out.add(PeranPihak.KONSELOR)
    pelapor_id = kons.laporan.pelapor_id if kons.laporan else None
    if pelapor_id == me and (R.PENILAI in k.role_names or R.ATASAN in k.role_names):
        out.add(PeranPihak.PEJABAT_PENILAI)
    if pelapor_id and k.jabatan_id and R.ATASAN in k.role_names:
        atasan_jab = db.session.scalar(select(Jabatan.atasan_id).join(Pegawai, Pegawai.jabatan_id == Jabatan.id)
                                       .where(Pegawai.id == pelapor_id))
        if atasan_jab == k.jabatan_id:
            out.add(PeranPihak.ATASAN_PEJABAT_PENILAI)
    return out


def boleh_baca_konseling(kons: Konseling, k) -> bool:
    """The confidential record (result, follow-up): decided by app.rules.boleh_membaca_konseling."""
    peran = peran_konseling(kons, k)
    if kons.jenis_konselor is None:
        return PeranPihak.PYB in peran
    return any(boleh_membaca_konseling(p, kons.jenis_konselor) for p in peran)


def muat_konseling(kid, klausa) -> Konseling | None:
    try:
        kid = int(kid)
    except (TypeError, ValueError):
        return None
    return db.session.scalar(select(Konseling).where(Konseling.id == kid).where(klausa).options(
        joinedload(Konseling.pegawai), joinedload(Konseling.konselor), joinedload(Konseling.laporan)))


def _maju(kons: Konseling, ke: StatusKonseling) -> None:
    if not transisi_konseling_valid(kons.status, ke):
        raise GalatPelaksanaan(f"Status konseling \"{StatusKonseling(kons.status).label}\" tidak dapat langsung "
                               f"menjadi \"{ke.label}\" (urutan: dilaporkan → ditetapkan → dijadwalkan → selesai "
                               "→ ditindaklanjuti).")


def _pemegang_peran_konselor():
    """Ids of employees whose active account holds the Konselor role: BKPSDM's designation of counsellors."""
    from flask_appbuilder.security.sqla.models import Role, User, assoc_user_role

    return (select(Pegawai.id).join(User, User.id == Pegawai.user_id)
            .join(assoc_user_role, assoc_user_role.c.user_id == User.id)
            .join(Role, Role.id == assoc_user_role.c.role_id)
            .where(Role.name == R.KONSELOR, User.active.is_(True)))


def fakta_konselor(ids) -> dict[int, CalonKonselor]:
    """The facts ``alasan_konselor_tidak_layak`` decides on, for the given employees (one query)."""
    ids = [i for i in ids if i is not None]
    if not ids:
        return {}
    berperan = Pegawai.id.in_(_pemegang_peran_konselor())
    return {r[0]: CalonKonselor(r[0], r[1], r[2] == StatusPegawai.AKTIF.value, bool(r[3]))
            for r in db.session.execute(select(Pegawai.id, Pegawai.nama, Pegawai.status, berperan)
                                        .where(Pegawai.id.in_(ids)))}


def calon_konselor(kons: Konseling | None, jenis: JenisKonselor | None, awalan: str = "",
                   batas: int = 50) -> list[tuple[int, str]]:
    """(id, "nama — jabatan") of the people the PyB may appoint: the Konselor role holders and, for a case, its
    reporting evaluator — each kept only if ``alasan_konselor_tidak_layak`` accepts them for ``jenis`` (any
    jenis when not given). The same rule as the acceptance check in ``tetapkan_konseling``."""
    pelapor_id = kons.laporan.pelapor_id if kons is not None and kons.laporan else None
    syarat = Pegawai.id.in_(_pemegang_peran_konselor())
    if pelapor_id:
        syarat = syarat | (Pegawai.id == pelapor_id)
    stmt = (select(Pegawai.id, Pegawai.nama, Jabatan.nama).outerjoin(Jabatan, Jabatan.id == Pegawai.jabatan_id)
            .where(syarat, Pegawai.status == StatusPegawai.AKTIF.value))
    if awalan:
        stmt = stmt.where(func.lower(Pegawai.nama).startswith(awalan.lower(), autoescape=True))
    rows = db.session.execute(stmt.order_by(Pegawai.nama, Pegawai.id)).all()
    fakta = fakta_konselor([r[0] for r in rows])
    semua_jenis = [jenis] if jenis is not None else list(JenisKonselor)
    pegawai_id = kons.pegawai_id if kons is not None else None
    out = []
    for pid, nama, jabatan in rows:
        if any(alasan_konselor_tidak_layak(j, fakta[pid], pegawai_id or 0, pelapor_id) is None
               for j in semua_jenis):
            out.append((pid, f"{nama} — {jabatan or ''}"))
            if len(out) >= batas:
                break
    return out


def tetapkan_konseling(kons: Konseling, k, data) -> None:
    """PyB decides the employee gets counselling and appoints the counsellor (000 Pasal 16(3)–(4)); only an
    eligible counsellor for the chosen jenis is accepted (``alasan_konselor_tidak_layak``)."""
    if PeranPihak.PYB not in peran_konseling(kons, k):
        raise GalatPelaksanaan("Penetapan konseling dilakukan oleh PyB / pimpinan unit yang membidangi kepegawaian.")
    cek_versi_wajib(kons, data.get("versi"))
    _maju(kons, SK.DITETAPKAN_KONSELING)
    jenis = pilihan(JenisKonselor, data.get("jenis_konselor"), "Jenis konselor")
    kid = bulat(data.get("konselor"), "Konselor")
    calon = fakta_konselor([kid]).get(kid)
    if calon is None:
        raise GalatPelaksanaan("Konselor tidak ditemukan.")
    alasan = alasan_konselor_tidak_layak(jenis, calon, kons.pegawai_id, kons.laporan.pelapor_id if kons.laporan
                                         else None)
    if alasan:
        raise GalatPelaksanaan(alasan)
    kons.status = SK.DITETAPKAN_KONSELING.value
    kons.jenis_konselor = jenis.value
    kons.konselor_id = kid
    kons.diputuskan_oleh_id = k.pegawai_id


def tidak_tetapkan_konseling(kons: Konseling, k, data) -> None:
    """PyB decides the reported employee is NOT given counselling (000 Pasal 16(3)), with the reason; terminal.
    The ORM change is audited by the flush hook (status and reason before/after) in the same transaction."""
    if PeranPihak.PYB not in peran_konseling(kons, k):
        raise GalatPelaksanaan("Penetapan konseling dilakukan oleh PyB / pimpinan unit yang membidangi kepegawaian.")
    cek_versi_wajib(kons, data.get("versi"))
    if not transisi_konseling_valid(kons.status, SK.TIDAK_DITETAPKAN):
        raise GalatPelaksanaan(f"Keputusan tidak ditetapkan untuk konseling hanya dapat diambil atas kasus berstatus "
                    f"\"{SK.DILAPORKAN.label}\" (status sekarang: \"{StatusKonseling(kons.status).label}\").")
    kons.alasan_tidak_ditetapkan = teks(data.get("alasan"), "Alasan tidak ditetapkan untuk konseling", wajib=True,
                                        maks=2000, galat=GalatPelaksanaan)
    kons.status = SK.TIDAK_DITETAPKAN.value
    kons.diputuskan_oleh_id = k.pegawai_id


def jadwalkan_konseling(kons: Konseling, k, data) -> None:
    if PeranPihak.PYB not in peran_konseling(kons, k):
        raise GalatPelaksanaan("Jadwal dan tempat konseling ditetapkan oleh PyB / pimpinan unit kepegawaian.")
    cek_versi_wajib(kons, data.get("versi"))
    _maju(kons, SK.DIJADWALKAN)
    kons.jadwal = waktu(data.get("jadwal"), "Jadwal")
    kons.tempat = teks(data.get("tempat"), "Tempat", wajib=True, maks=200, galat=GalatPelaksanaan)
    kons.status = SK.DIJADWALKAN.value


def _tulis_rahasia(kons: Konseling, versi, nilai: dict, ke: StatusKonseling) -> None:
    """Core UPDATE guarded by the version (optimistic lock) — the confidential text never enters audit_log."""
    try:
        v = int(versi)
    except (TypeError, ValueError):
        raise GalatPelaksanaan(PESAN_BASI) from None
    dari = kons.status
    hasil = db.session.execute(update(Konseling).where(Konseling.id == kons.id, Konseling.versi == v).values(
        status=ke.value, versi=v + 1, diubah_pada=jam.sekarang_utc(), **nilai)
        .execution_options(synchronize_session=False))
    if hasil.rowcount != 1:
        raise GalatPelaksanaan(PESAN_BASI)
    catat("konseling", kons.id, "ubah", sebelum={"status": dari},
          sesudah={"status": ke.value, **nilai})  # confidential columns become "[rahasia]" in catat
    db.session.expire(kons)


def catat_hasil_konseling(kons: Konseling, k, data) -> None:
    if PeranPihak.KONSELOR not in peran_konseling(kons, k):
        raise GalatPelaksanaan("Hasil konseling dicatat oleh konselor yang ditunjuk.")
    _maju(kons, SK.SELESAI)
    hasil = teks(data.get("hasil"), "Hasil konseling", wajib=True, maks=10000, galat=GalatPelaksanaan)
    _tulis_rahasia(kons, data.get("versi"), {"hasil": hasil, "tanggal_selesai": jam.hari_ini()}, SK.SELESAI)


def boleh_tindak_lanjut(kons: Konseling, k) -> bool:
    if not kons.jenis_konselor:
        return False
    return bool(peran_konseling(kons, k) & set(tujuan_hasil_konseling(kons.jenis_konselor)))


def tindak_lanjut_konseling(kons: Konseling, k, data) -> None:
    """The receivers of the result by R11 decide and record the follow-up (000 Pasal 17(2)–(3))."""
    if not boleh_tindak_lanjut(kons, k):
        penerima = ", ".join(p.label for p in tujuan_hasil_konseling(kons.jenis_konselor)) if kons.jenis_konselor \
            else "penerima hasil konseling"
        raise GalatPelaksanaan(f"Tindak lanjut hasil konseling diputuskan oleh {penerima}.")
    _maju(kons, SK.DITINDAKLANJUTI)
    _tulis_rahasia(kons, data.get("versi"), {"tindak_lanjut": teks(data.get("tindak_lanjut"), "Tindak lanjut",
                                                                   wajib=True, maks=4000, galat=GalatPelaksanaan)},
                   SK.DITINDAKLANJUTI)


def register_konseling(ids_subquery, pengekspor: str):
    """PyB's restricted export of the daftar: identity and process fields only — never the result or the
    follow-up, nor the report's text."""
    from app.excel.tulis import Kolom, tulis_register
    from app.queries.perencanaan import instansi_nama
    from schema.models import UnitKerja

    P, K = aliased(Pegawai), aliased(Pegawai)
    L = aliased(Pegawai)
    stmt = (select(Konseling.id, LaporanPerilaku.tanggal, P.nip, P.nama, UnitKerja.nama, L.nama, Konseling.status,
                   Konseling.jenis_konselor, K.nama, Konseling.jadwal, Konseling.tempat, Konseling.tanggal_selesai)
            .join(P, P.id == Konseling.pegawai_id).join(LaporanPerilaku, LaporanPerilaku.id == Konseling.laporan_id)
            .join(L, L.id == LaporanPerilaku.pelapor_id).outerjoin(UnitKerja, UnitKerja.id == P.unit_kerja_id)
            .outerjoin(K, K.id == Konseling.konselor_id)
            .where(Konseling.id.in_(select(ids_subquery.c.id))).order_by(Konseling.id))
    kolom = [Kolom("No", 6, "angka"), Kolom("Tanggal Laporan", 14, "tanggal"), Kolom("NIP", 20, "nip"),
             Kolom("Nama Pegawai", 30), Kolom("Unit Kerja", 30), Kolom("Pelapor (Pejabat Penilai)", 28),
             Kolom("Status", 24), Kolom("Jenis Konselor", 30), Kolom("Konselor", 28), Kolom("Jadwal", 18),
             Kolom("Tempat", 24), Kolom("Tanggal Selesai", 14, "tanggal")]
    rows = db.session.execute(stmt).all()
    catat("konseling", None, "baca", sesudah={"ekspor": [r[0] for r in rows]})

    def baris():
        for r in rows:
            yield [r[0], r[1], r[2], r[3], r[4], r[5], StatusKonseling(r[6]).label,
                   JenisKonselor(r[7]).label if r[7] else "", r[8] or "",
                   r[9].strftime("%d-%m-%Y %H.%M") if r[9] else "", r[10] or "", r[11]]

    return tulis_register("Daftar Pegawai dengan Permasalahan Perilaku Kerja", kolom, baris(),
                          instansi=instansi_nama()[0], pengekspor=pengekspor)


# ---------------------------------------------------------------------------------------------------------
# lists for the index page
# ---------------------------------------------------------------------------------------------------------

def daftar_skp_berjalan(klausa, halaman: int = 1, per_halaman: int = 50, cari: str = ""):
    stmt = select(SKP.id, SKP.tahun, SKP.pegawai_nama, SKP.pegawai_nip, SKP.pegawai_jabatan, SKP.pegawai_unit,
                  SKP.format_skp, SKP.penilai_nama).where(SKP.status == StatusSKP.DITETAPKAN.value,
                                                          SKP.aktif.is_(True)).where(klausa)
    if cari:
        stmt = stmt.where(func.lower(SKP.pegawai_nama).startswith(cari.lower(), autoescape=True)
                          | SKP.pegawai_nip.startswith(cari, autoescape=True))
    total = db.session.scalar(select(func.count()).select_from(stmt.subquery()))
    rows = db.session.execute(stmt.order_by(SKP.tahun.desc(), SKP.pegawai_nama, SKP.id)
                              .offset((halaman - 1) * per_halaman).limit(per_halaman)).all()
    return rows, total

