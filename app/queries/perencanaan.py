"""Perencanaan (issue 4): SKP creation with identity snapshots, evaluator resolution, workflow, signing,
versioning (R10), cascading, MPPH, "belum ditetapkan" and the Excel forms.

Shared by the views, the REST API, the demo seeder and the tests. Callers own the transaction: every
function here only adds/flushes; the view commits once per user action (or rolls back on ``GalatSKP``).

"Ditetapkan oleh Kepala Daerah" (001 Lampiran "Penetapan SKP" 2): the Kepala Daerah has no login of
their own; the **PyB** role acts for the Kepala Daerah (sets JPT madya/pratama and unit-mandiri heads'
SKP, approves R10 "kondisi tertentu lainnya"); the signature is recorded with ``peran = kepala_daerah``
and the name of the user who clicked.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from sqlalchemy import case, func, literal, or_, select, update
from sqlalchemy.orm import joinedload, selectinload

from app import jam
from app.aksi import PESAN_BASI  # noqa: F401 - the views show q.PESAN_BASI
from app.aksi import Ditolak, cek_versi, desimal, teks
from app.extensions import db
from app.rules import (
    NILAI_BERAKHLAK, Aspek, JenisPeriode, Pendekatan, PenetapSKP, Perspektif, StatusPegawai, StatusSKP,
    KeputusanPenetapanSKP, alasan_perubahan_valid, format_skp, keputusan_penetapan_skp, penetap_skp,
    perlu_persetujuan_kepala_daerah, wajib_skp,
)
from app.rules.waktu import tenggat_penetapan_skp
from app.security import roles as R
from app.security.audit import catat
from schema.enums import JenisDokumen, JenisLampiran, JenisRHK, PeranTandaTangan, TingkatKendali
from schema.models import (
    SKP, AlasanPerubahanSKP, EkspektasiKhusus, IndikatorKinerja, Jabatan, LampiranSKP, NilaiInti, Pegawai,
    PenugasanPlt, RencanaAksi, RencanaHasilKerja, SelMPPH, TandaTangan, TugasBelajar, UnitKerja,
)

S = StatusSKP
BISA_DISUSUN = (S.DRAF.value, S.DIKEMBALIKAN.value)  # the employee (or an operator) may edit the content
TERKUNCI = (S.DITETAPKAN.value, S.DIUBAH.value)  # signed: immutable
STATUS_WAJIB_SKP = tuple(s.value for s in StatusPegawai if wajib_skp(s))
FORMAT_JPT = ("A.1.1", "A.1.2")
FORMAT_KUANTITATIF = ("A.1.2", "A.1.7")

PESAN_TERKUNCI = ("SKP ini sudah ditetapkan dan ditandatangani, sehingga tidak dapat diubah. Perubahan di tengah "
                  "tahun dilakukan melalui \"Ubah SKP\" (versi baru dengan alasan, 000 Pasal 11).")
JUDUL_FORMAT = {
    "A.1.1": "SASARAN KINERJA PEGAWAI PENDEKATAN HASIL KERJA KUALITATIF BAGI PEJABAT PIMPINAN TINGGI DAN "
             "PIMPINAN UNIT KERJA MANDIRI",
    "A.1.2": "SASARAN KINERJA PEGAWAI PENDEKATAN HASIL KERJA KUANTITATIF BAGI PEJABAT PIMPINAN TINGGI DAN "
             "PIMPINAN UNIT KERJA MANDIRI",
    "A.1.6": "SASARAN KINERJA PEGAWAI PENDEKATAN HASIL KERJA KUALITATIF BAGI PEJABAT ADMINISTRASI DAN "
             "PEJABAT FUNGSIONAL",
    "A.1.7": "SASARAN KINERJA PEGAWAI PENDEKATAN HASIL KERJA KUANTITATIF BAGI PEJABAT ADMINISTRASI DAN "
             "PEJABAT FUNGSIONAL",
}


class GalatSKP(Ditolak):
    """A refused user action; the message is shown to the user as is (Indonesian)."""


class SKPDikembalikan(GalatSKP):
    """Refused, but the SKP was returned to the employee on the way (their signature no longer covers the
    content): the caller commits that return instead of rolling back."""


# ---------------------------------------------------------------------------------------------------------
# who am I for this SKP
# ---------------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Peran:
    pemilik: bool
    penilai: bool
    atasan: bool
    operator: bool
    kepala_daerah: bool  # PyB acting for the Kepala Daerah (or Admin)

    @property
    def apa_pun(self) -> bool:
        return any((self.pemilik, self.penilai, self.atasan, self.operator, self.kepala_daerah))


def peran_pada(skp: SKP, k) -> Peran:
    roles = k.role_names
    me = k.pegawai_id
    return Peran(
        pemilik=bool(me) and skp.pegawai_id == me,
        penilai=bool(me) and skp.penilai_id == me and bool(roles & {R.PENILAI, R.ATASAN, R.ADMIN}),
        atasan=bool(me) and skp.atasan_penilai_id == me and (R.ATASAN in roles or R.ADMIN in roles),
        operator=R.OPERATOR in roles or R.ADMIN in roles,
        kepala_daerah=R.PYB in roles or R.ADMIN in roles,
    )


def boleh_menyusun(skp: SKP, k) -> bool:
    """RHK, IKI, lampiran: the employee (or an operator helping) while the SKP is a draft / returned."""
    p = peran_pada(skp, k)
    return skp.status in BISA_DISUSUN and (p.pemilik or p.operator)


def boleh_ekspektasi(skp: SKP, k) -> bool:
    """Ekspektasi khusus: the leader (001 Pasal 10(4)) before the SKP is set."""
    p = peran_pada(skp, k)
    return skp.status not in TERKUNCI and (p.penilai or p.kepala_daerah and skp.ditetapkan_kepala_daerah
                                           or p.operator or (p.atasan and skp.diajukan_ke_atasan))


def penetap_sekarang(skp: SKP, k) -> str | None:
    """Which signature role the current user would set the SKP with, or None if they may not."""
    p = peran_pada(skp, k)
    if skp.ditetapkan_kepala_daerah:
        return PeranTandaTangan.KEPALA_DAERAH.value if p.kepala_daerah else None
    if p.penilai:
        return PeranTandaTangan.PEJABAT_PENILAI.value
    if p.atasan and skp.diajukan_ke_atasan:  # 001 Lampiran "Penetapan SKP" 4
        return PeranTandaTangan.ATASAN_PENILAI.value
    if k.role_names & {R.ADMIN}:
        return PeranTandaTangan.PEJABAT_PENILAI.value
    return None


def _sentuh(skp: SKP) -> None:
    """Any change to the content bumps the SKP's optimistic-lock version."""
    skp.diubah_pada = jam.sekarang_utc()


# ---------------------------------------------------------------------------------------------------------
# chain of leaders and evaluator resolution
# ---------------------------------------------------------------------------------------------------------

def rantai_jabatan(jabatan_id: int | None, maks: int = 20) -> list[int]:
    """Superior positions of ``jabatan_id`` upward (nearest first), one recursive query."""
    if not jabatan_id:
        return []
    awal = select(Jabatan.id, Jabatan.atasan_id, literal(0).label("d")).where(Jabatan.id == jabatan_id)
    rantai = awal.cte("rantai", recursive=True)
    lanjut = select(Jabatan.id, Jabatan.atasan_id, (rantai.c.d + 1).label("d")).join(
        rantai, Jabatan.id == rantai.c.atasan_id).where(rantai.c.d < maks)
    rantai = rantai.union_all(lanjut)
    return [r[0] for r in db.session.execute(select(rantai.c.id).where(rantai.c.d > 0).order_by(rantai.c.d))]


def pemangku(jabatan_ids: list[int], tanggal: dt.date) -> dict[int, tuple[int, bool]]:
    """jabatan → (pegawai, via Plt/Plh): the active holder, else a Plt/Plh in force on ``tanggal``."""
    if not jabatan_ids:
        return {}
    out: dict[int, tuple[int, bool]] = {}
    for pid, jid in db.session.execute(
            select(Pegawai.id, Pegawai.jabatan_id).where(Pegawai.jabatan_id.in_(jabatan_ids))
            .where(Pegawai.status == StatusPegawai.AKTIF.value).order_by(Pegawai.id)):
        out.setdefault(jid, (pid, False))
    for jid, pid in db.session.execute(
            select(PenugasanPlt.jabatan_id, PenugasanPlt.pegawai_id).where(PenugasanPlt.jabatan_id.in_(jabatan_ids))
            .where(PenugasanPlt.mulai <= tanggal)
            .where(or_(PenugasanPlt.selesai.is_(None), PenugasanPlt.selesai >= tanggal)).order_by(PenugasanPlt.id)):
        out.setdefault(jid, (pid, True))
    return out


@dataclass(frozen=True)
class HasilPenilai:
    penilai_id: int | None
    atasan_penilai_id: int | None
    fallback: bool  # the direct superior position was vacant: the next one up was taken (visible on the SKP)
    via_plt: bool


def tanggal_acuan(tahun: int) -> dt.date:
    hari_ini = jam.hari_ini()
    return min(max(hari_ini, dt.date(tahun, 1, 2)), dt.date(tahun, 12, 31))


def tentukan_penilai(pegawai_id: int, jabatan_id: int | None, tahun: int) -> HasilPenilai:
    """Walk Jabatan.atasan_id upward skipping vacant positions (a Plt/Plh counts as holder)."""
    rantai = rantai_jabatan(jabatan_id)
    isi = pemangku(rantai, tanggal_acuan(tahun))
    penilai = atasan = None
    fallback = via_plt = False
    lewat = 0
    for jid in rantai:
        h = isi.get(jid)
        if h is None or h[0] == pegawai_id:
            if penilai is None:
                lewat += 1
            continue
        if penilai is None:
            penilai, via_plt, fallback = h[0], h[1], lewat > 0
        elif h[0] != penilai:
            atasan = h[0]
            break
    return HasilPenilai(penilai, atasan, fallback, via_plt)


def pegawai_rantai_pimpinan(pegawai_id: int, jabatan_id: int | None, tahun: int) -> tuple[list[int], list[int]]:
    """(chain positions, Plt/Plh holders of them): whose RHK an employee's RHK may intervene."""
    rantai = rantai_jabatan(jabatan_id)
    plt = [pid for pid, via in pemangku(rantai, tanggal_acuan(tahun)).values() if via and pid != pegawai_id]
    return rantai, plt


def rhk_pimpinan_stmt(skp: SKP):
    """RHK of the SKPs in force of the employee's chain of leaders for that year (001: cascading)."""
    rantai, plt = pegawai_rantai_pimpinan(skp.pegawai_id, skp.jabatan_id, skp.tahun)
    if not rantai:
        return None
    pemilik = SKP.jabatan_id.in_(rantai)
    if plt:
        pemilik = pemilik | SKP.pegawai_id.in_(plt)
    return (select(RencanaHasilKerja).join(SKP, SKP.id == RencanaHasilKerja.skp_id)
            .where(SKP.tahun == skp.tahun, SKP.aktif.is_(True), SKP.pegawai_id != skp.pegawai_id, pemilik))


def pilihan_rhk_pimpinan(skp: SKP) -> list[tuple[int, str]]:
    stmt = rhk_pimpinan_stmt(skp)
    if stmt is None:
        return []
    stmt = stmt.add_columns(SKP.pegawai_nama, SKP.pegawai_jabatan).order_by(SKP.id, RencanaHasilKerja.urutan)
    return [(r.id, f"{jab or nama}: {r.uraian}") for r, nama, jab in db.session.execute(stmt)]


def cek_rhk_pimpinan(skp: SKP, rhk_atasan_id) -> int | None:
    """Server-side check of the leader-RHK link: only RHK of someone in the chain of leaders."""
    if rhk_atasan_id in (None, "", 0, "0"):
        return None
    try:
        rid = int(rhk_atasan_id)
    except (TypeError, ValueError):
        raise GalatSKP("Rencana Hasil Kerja pimpinan yang diintervensi tidak valid.") from None
    stmt = rhk_pimpinan_stmt(skp)
    if stmt is None or db.session.scalar(
            select(func.count()).select_from(stmt.where(RencanaHasilKerja.id == rid).subquery())) == 0:
        raise GalatSKP("Rencana Hasil Kerja pimpinan yang diintervensi harus milik pimpinan dalam rantai atasan "
                       "Anda (SKP yang berlaku pada tahun yang sama).")
    return rid


# ---------------------------------------------------------------------------------------------------------
# snapshots, canonical content, signature hash
# ---------------------------------------------------------------------------------------------------------

def _identitas(pegawai_id: int | None) -> dict:
    if not pegawai_id:
        return {"nama": None, "nip": None, "pangkat": None, "jabatan": None, "unit": None}
    p = db.session.scalars(select(Pegawai).where(Pegawai.id == pegawai_id).options(
        joinedload(Pegawai.golongan), joinedload(Pegawai.jabatan), joinedload(Pegawai.unit_kerja))).one()
    return {"nama": p.nama_lengkap, "nip": p.nip, "pangkat": str(p.golongan) if p.golongan else None,
            "jabatan": p.jabatan.nama if p.jabatan else None, "unit": p.unit_kerja.nama if p.unit_kerja else None}


def isi_snapshot(skp: SKP) -> None:
    for awalan, pid in (("pegawai", skp.pegawai_id), ("penilai", skp.penilai_id),
                        ("atasan_penilai", skp.atasan_penilai_id)):
        for kunci, nilai in _identitas(pid).items():
            setattr(skp, f"{awalan}_{kunci}", nilai)


def _angka(v) -> str | None:
    if v is None or v == "":
        return None
    try:
        return f"{Decimal(str(v)):.2f}"
    except InvalidOperation:
        return str(v)


IDENTITAS_KANONIK = ("pegawai_nama", "pegawai_nip", "pegawai_pangkat", "pegawai_jabatan", "pegawai_unit",
                     "penilai_nama", "penilai_nip", "penilai_pangkat", "penilai_jabatan", "penilai_unit")
RHK_KANONIK = ("urutan", "jenis", "uraian", "rhk_atasan_id", "penugasan_dari", "perspektif")
IKI_KANONIK = ("urutan", "uraian", "aspek", "perspektif", "target_satuan", "target_teks", "tujuan", "definisi",
               "formula", "satuan_pengukuran", "tingkat_kendali", "sumber_data", "periode_pelaporan")


def kanonik(skp: dict, rhk: list[dict], ekspektasi: list[dict], lampiran: list[dict]) -> str:
    """Canonical JSON of exactly what is signed (sorted keys, fixed number format) — used by the app and the demo."""
    doc = {
        "skp": {k: skp.get(k) for k in ("id", "tahun", "format_skp", "pendekatan", "versi_ke", "is_tugas_belajar",
                                        *IDENTITAS_KANONIK)},
        "rhk": [
            {**{k: r.get(k) for k in RHK_KANONIK},
             "iki": [{**{k: i.get(k) for k in IKI_KANONIK}, "target_nilai": _angka(i.get("target_nilai")),
                      "target_nilai_maks": _angka(i.get("target_nilai_maks"))}
                     for i in sorted(r.get("iki", []), key=lambda x: (x.get("urutan") or 0, str(x.get("uraian"))))]}
            for r in sorted(rhk, key=lambda x: (x.get("jenis") != JenisRHK.UTAMA.value, x.get("urutan") or 0,
                                                str(x.get("uraian"))))
        ],
        "ekspektasi_khusus": sorted(({"nilai": e["nilai"], "uraian": e["uraian"]} for e in ekspektasi),
                                    key=lambda x: x["nilai"]),
        "lampiran": sorted(({"jenis": a["jenis"], "urutan": a["urutan"], "uraian": a["uraian"]} for a in lampiran),
                           key=lambda x: (x["jenis"], x["urutan"])),
    }
    return json.dumps(doc, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str)


def hash_kanonik(teks: str) -> str:
    return hashlib.sha256(teks.encode("utf-8")).hexdigest()


def data_kanonik(skp: SKP) -> str:
    rhk = db.session.scalars(select(RencanaHasilKerja).where(RencanaHasilKerja.skp_id == skp.id)
                             .options(selectinload(RencanaHasilKerja.iki))).all()
    eks = db.session.execute(select(NilaiInti.kode, EkspektasiKhusus.uraian).join(
        NilaiInti, NilaiInti.id == EkspektasiKhusus.nilai_inti_id).where(EkspektasiKhusus.skp_id == skp.id)).all()
    lam = db.session.execute(select(LampiranSKP.jenis, LampiranSKP.urutan, LampiranSKP.uraian)
                             .where(LampiranSKP.skp_id == skp.id)).all()
    return kanonik(
        {k: getattr(skp, k) for k in ("id", "tahun", "format_skp", "pendekatan", "versi_ke", "is_tugas_belajar",
                                      *IDENTITAS_KANONIK)},
        [{**{k: getattr(r, k) for k in RHK_KANONIK},
          "iki": [{**{k: getattr(i, k) for k in IKI_KANONIK}, "target_nilai": i.target_nilai,
                   "target_nilai_maks": i.target_nilai_maks} for i in r.iki]} for r in rhk],
        [{"nilai": k, "uraian": u} for k, u in eks],
        [{"jenis": j, "urutan": n, "uraian": u} for j, n, u in lam],
    )


def hash_skp(skp: SKP) -> str:
    return hash_kanonik(data_kanonik(skp))


def _tanda_tangan(skp: SKP, peran: str, pegawai_id: int | None, user, tempat: str | None = None) -> TandaTangan:
    ident = _identitas(pegawai_id) if pegawai_id else {"nama": None, "nip": None}
    nama = ident["nama"] or (f"{getattr(user, 'first_name', '')} {getattr(user, 'last_name', '')}".strip()
                             if user else "") or "—"
    tt = TandaTangan(jenis_dokumen=JenisDokumen.SKP.value, dokumen_id=skp.id, peran=peran, pegawai_id=pegawai_id,
                     user_id=getattr(user, "id", None), nama=nama, nip=ident["nip"], waktu=jam.sekarang_utc(),
                     hash_sha256=hash_skp(skp), tempat=tempat)
    db.session.add(tt)
    db.session.flush()
    catat("tanda_tangan", tt.id, "tanda_tangan",
          sesudah={"skp_id": skp.id, "peran": peran, "hash_sha256": tt.hash_sha256, "nama": nama})
    return tt


def tanda_tangan_skp(skp_id: int) -> list[TandaTangan]:
    return db.session.scalars(select(TandaTangan).where(TandaTangan.jenis_dokumen == JenisDokumen.SKP.value,
                                                        TandaTangan.dokumen_id == skp_id)
                              .order_by(TandaTangan.waktu, TandaTangan.id)).all()


def _tanda_tangan_pegawai(skp_id: int) -> list[TandaTangan]:
    """The employee's signatures on this SKP, oldest first (all kept: a superseded one is never deleted)."""
    return db.session.scalars(select(TandaTangan).where(
        TandaTangan.jenis_dokumen == JenisDokumen.SKP.value, TandaTangan.dokumen_id == skp_id,
        TandaTangan.peran == PeranTandaTangan.PEGAWAI.value).order_by(TandaTangan.waktu, TandaTangan.id)).all()


def keputusan_penetapan(skp: SKP, hash_isi: str | None = None) -> KeputusanPenetapanSKP:
    """May the SKP be set over the employee's signature as the content stands now (app.rules)?"""
    return keputusan_penetapan_skp(skp.status, [t.hash_sha256 for t in _tanda_tangan_pegawai(skp.id)],
                                   hash_isi or hash_skp(skp))


def tanda_tangan_basi(skp: SKP, tts: list[TandaTangan], hash_isi: str | None) -> set[int]:
    """Ids of employee signatures that no longer cover the content: every one but the latest, and the latest
    too when the content changed after it (shown as "tidak berlaku lagi"; the rows are history, kept)."""
    peg = [t for t in tts if t.peran == PeranTandaTangan.PEGAWAI.value]
    basi = {t.id for t in peg[:-1]}
    if peg and hash_isi is not None and peg[-1].hash_sha256 != hash_isi:
        basi.add(peg[-1].id)
    return basi


PESAN_KEMBALI_KE_PEGAWAI = ("Isi SKP berubah{apa} sesudah pegawai menandatanganinya: tanda tangan pegawai tidak "
                            "berlaku lagi dan SKP dikembalikan kepada pegawai untuk diperiksa serta ditandatangani "
                            "ulang sebelum dapat ditetapkan (001 Lampiran \"Penetapan SKP\" 1).")


def dikembalikan_karena_isi(skp: SKP) -> str | None:
    """The note if the SKP now waits for the employee because its content changed after signing."""
    teks = skp.catatan_penilai or ""
    awal = PESAN_KEMBALI_KE_PEGAWAI.split("{", 1)[0]
    return teks if skp.status == S.DIKEMBALIKAN.value and teks.startswith(awal) else None


def _kembali_ke_pegawai(skp: SKP, apa: str | None) -> bool:
    """The rule decides (``keputusan_penetapan_skp``): content that no longer matches the employee's latest
    signature sends a submitted SKP back to the employee's signing step. The superseded signature row is
    kept (history) and its supersession is recorded in the audit trail. True if the SKP went back."""
    if skp.status != S.DIAJUKAN.value:
        return False  # a draft / returned SKP is with the employee already; a set one is locked
    db.session.flush()
    tts = _tanda_tangan_pegawai(skp.id)
    kp = keputusan_penetapan_skp(skp.status, [t.hash_sha256 for t in tts], hash_skp(skp))
    if not kp.kembali_ke_pegawai:
        return False
    sebelum = _ringkas(skp)
    skp.status = S.DIKEMBALIKAN.value
    skp.catatan_penilai = PESAN_KEMBALI_KE_PEGAWAI.format(apa=f" ({apa})" if apa else "")
    db.session.flush()
    if tts:
        catat("tanda_tangan", tts[-1].id, "ubah", sesudah={"skp_id": skp.id, "berlaku": False,
                                                          "alasan": f"isi SKP berubah: {apa or '-'}"})
    catat("skp", skp.id, "ubah", sebelum=sebelum, sesudah=_ringkas(skp) | {"catatan_penilai": skp.catatan_penilai})
    return True


def _ringkas(skp: SKP) -> dict:
    return {"status": skp.status, "versi_ke": skp.versi_ke, "aktif": skp.aktif, "penilai_id": skp.penilai_id,
            "atasan_penilai_id": skp.atasan_penilai_id, "diajukan_ke_atasan": skp.diajukan_ke_atasan}


# ---------------------------------------------------------------------------------------------------------
# creation
# ---------------------------------------------------------------------------------------------------------

def kepala_unit_mandiri(jabatan: Jabatan | None) -> bool:
    return bool(jabatan and jabatan.is_kepala_unit and jabatan.unit_kerja and jabatan.unit_kerja.is_mandiri)


def tugas_belajar_tahun(pegawai_id: int, tahun: int) -> TugasBelajar | None:
    awal, akhir = dt.date(tahun, 1, 1), dt.date(tahun, 12, 31)
    return db.session.scalars(
        select(TugasBelajar).where(TugasBelajar.pegawai_id == pegawai_id, TugasBelajar.mulai <= akhir,
                                   func.coalesce(TugasBelajar.selesai_aktual, TugasBelajar.selesai_rencana) >= awal,
                                   TugasBelajar.gagal.is_(False))
        .order_by(TugasBelajar.mulai.desc())).first()


def rhk_tugas_belajar(tb, tahun: int) -> list[dict]:
    """The study-leave SKP's results (001 "Penyusunan SKP … tugas belajar"): academic result and timeliness."""
    jenjang = (tb.jenjang or "").upper().replace("S",
                                                 "S-") if tb.jenjang and tb.jenjang[0].lower() == "s" else tb.jenjang
    prodi = f"{jenjang} {tb.program_studi} pada {tb.perguruan_tinggi}"
    mulai = tb.mulai if tb.mulai.year == tahun else dt.date(tahun, 1, 1)
    return [
        {"jenis": JenisRHK.UTAMA.value, "uraian": f"Tercapainya hasil akademik tugas belajar {prodi}",
         "penugasan_dari": "Pejabat Pembina Kepegawaian (tugas belajar)",
         "iki": [{"uraian": "Indeks Prestasi Kumulatif (IPK) semester berjalan", "aspek": Aspek.KUALITAS.value,
                  "target_nilai": Decimal("3.00"), "target_nilai_maks": Decimal("4.00"), "target_satuan": "IPK"}]},
        {"jenis": JenisRHK.UTAMA.value, "uraian": f"Ketepatan waktu penyelesaian studi {prodi}",
         "penugasan_dari": "Pejabat Pembina Kepegawaian (tugas belajar)",
         "iki": [{"uraian": "Kelulusan sesuai jadwal studi", "aspek": Aspek.WAKTU.value,
                  "target_teks": f"Lulus paling lambat {tb.selesai_rencana:%d-%m-%Y} (mulai {mulai:%d-%m-%Y})"}]},
    ]


def buat_skp(pegawai_id: int, tahun: int, pendekatan: str = Pendekatan.KUANTITATIF.value) -> SKP:
    """A new draft SKP: format from the position (A.1.1/A.1.2 vs A.1.6/A.1.7), evaluator resolved up the chain."""
    try:
        tahun = int(tahun)
    except (TypeError, ValueError):
        raise GalatSKP("Tahun tidak valid.") from None
    if not 2000 <= tahun <= 2100:
        raise GalatSKP("Tahun harus antara 2000 dan 2100.")
    try:
        pendekatan = Pendekatan.coerce(pendekatan).value
    except ValueError:
        raise GalatSKP("Pendekatan harus kualitatif atau kuantitatif.") from None
    p = db.session.scalars(select(Pegawai).where(Pegawai.id == pegawai_id).options(
        joinedload(Pegawai.jabatan).joinedload(Jabatan.unit_kerja))).one_or_none()
    if p is None:
        raise GalatSKP("Pegawai tidak ditemukan.")
    if not wajib_skp(p.status):
        raise GalatSKP(f"{p.nama_lengkap} berstatus {StatusPegawai(p.status).label}: perencanaan kinerja (SKP) tidak "
                       "berlaku (001 Lampiran \"Penetapan SKP\" 7).")
    if p.jabatan is None:
        raise GalatSKP(f"{p.nama_lengkap} belum memiliki jabatan; lengkapi data jabatan lebih dahulu.")
    ada = db.session.scalar(select(SKP.id).where(SKP.pegawai_id == p.id, SKP.tahun == tahun,
                                                 SKP.jabatan_id == p.jabatan_id, SKP.aktif.is_(True)))
    if ada:
        raise GalatSKP(f"SKP tahun {tahun} untuk {p.nama_lengkap} pada jabatan ini sudah ada.")
    mandiri = kepala_unit_mandiri(p.jabatan)
    hp = tentukan_penilai(p.id, p.jabatan_id, tahun)
    penetap = penetap_skp(p.jabatan.jenis, unit_mandiri_head=mandiri)
    tb = tugas_belajar_tahun(p.id, tahun) if p.status == StatusPegawai.TUGAS_BELAJAR.value else None
    skp = SKP(pegawai_id=p.id, jabatan_id=p.jabatan_id, unit_kerja_id=p.unit_kerja_id or p.jabatan.unit_kerja_id,
              tahun=tahun, pendekatan=pendekatan, format_skp=format_skp(p.jabatan.jenis, pendekatan, mandiri),
              is_tugas_belajar=p.status == StatusPegawai.TUGAS_BELAJAR.value, status=S.DRAF.value, aktif=True,
              versi_ke=1, penilai_id=hp.penilai_id, atasan_penilai_id=hp.atasan_penilai_id,
              penilai_fallback=hp.fallback, penilai_manual=False,
              ditetapkan_kepala_daerah=penetap is not PenetapSKP.PEJABAT_PENILAI,
              tenggat_penetapan=tenggat_penetapan_skp(tahun), diajukan_ke_atasan=False)
    isi_snapshot(skp)
    db.session.add(skp)
    db.session.flush()
    if tb is not None:
        _tambah_rhk_data(skp, rhk_tugas_belajar(tb, tahun))
    catat("skp", skp.id, "tambah", sesudah=_ringkas(skp) | {"pegawai_id": p.id, "tahun": tahun})
    return skp


def _tambah_rhk_data(skp: SKP, rhk_list: list[dict]) -> None:
    n = db.session.scalar(select(func.coalesce(func.max(RencanaHasilKerja.urutan), 0))
                          .where(RencanaHasilKerja.skp_id == skp.id)) or 0
    for r in rhk_list:
        n += 1
        rhk = RencanaHasilKerja(skp_id=skp.id, jenis=r["jenis"], urutan=n, uraian=r["uraian"],
                                penugasan_dari=r.get("penugasan_dari"))
        db.session.add(rhk)
        db.session.flush()
        for j, i in enumerate(r.get("iki", []), 1):
            db.session.add(IndikatorKinerja(rhk_id=rhk.id, urutan=j, **i))
    db.session.flush()


def tambah_rhk_tugas_belajar(skp: SKP, k, versi=None) -> int:
    """Studies started mid-year: add the study-leave results to the year's (draft) SKP (001 examples)."""
    cek_versi(skp, versi, galat=GalatSKP)
    if not boleh_menyusun(skp, k):
        raise GalatSKP(PESAN_TERKUNCI if skp.status in TERKUNCI else "Anda tidak berwenang menyusun SKP ini.")
    tb = tugas_belajar_tahun(skp.pegawai_id, skp.tahun)
    if tb is None:
        raise GalatSKP("Tidak ada data tugas belajar pegawai ini pada tahun SKP.")
    sudah = db.session.scalar(select(func.count(RencanaHasilKerja.id)).where(
        RencanaHasilKerja.skp_id == skp.id, RencanaHasilKerja.uraian.like("%tugas belajar%")))
    if sudah:
        raise GalatSKP("Rencana hasil kerja tugas belajar sudah ada pada SKP ini.")
    data = rhk_tugas_belajar(tb, skp.tahun)
    _tambah_rhk_data(skp, data)
    skp.is_tugas_belajar = True
    _sentuh(skp)
    catat("skp", skp.id, "ubah", sesudah={"tugas_belajar": True})
    _kembali_ke_pegawai(skp, "rencana hasil kerja tugas belajar")
    return len(data)


# ---------------------------------------------------------------------------------------------------------
# content (draft only)
# ---------------------------------------------------------------------------------------------------------

def _wajib_susun(skp: SKP, k, versi) -> None:
    if skp.status in TERKUNCI:
        raise GalatSKP(PESAN_TERKUNCI)
    cek_versi(skp, versi, galat=GalatSKP)
    if not boleh_menyusun(skp, k):
        if skp.status == S.DIAJUKAN.value:
            raise GalatSKP("SKP sedang diajukan kepada pejabat penilai; isinya dapat diubah lagi bila dikembalikan.")
        raise GalatSKP("Anda tidak berwenang menyusun SKP ini.")


def _pilihan_enum(enum, nilai, nama: str, wajib: bool = False):
    if nilai in (None, ""):
        if wajib:
            raise GalatSKP(f"{nama} wajib dipilih.")
        return None
    try:
        return enum(nilai).value
    except ValueError:
        raise GalatSKP(f"{nama}: pilihan \"{nilai}\" tidak dikenal.") from None


def simpan_rhk(skp: SKP, k, data: dict, rhk_id: int | None = None) -> RencanaHasilKerja:
    _wajib_susun(skp, k, data.get("versi"))
    jpt = skp.format_skp in FORMAT_JPT
    nilai = {
        "jenis": _pilihan_enum(JenisRHK, data.get("jenis") or JenisRHK.UTAMA.value, "Jenis RHK", True),
        "uraian": teks(data.get("uraian"), "Rencana Hasil Kerja", wajib=True, galat=GalatSKP),
        "penugasan_dari": teks(data.get("penugasan_dari"), "Jabatan pimpinan yang memberikan penugasan", maks=200,
                               galat=GalatSKP),
        "perspektif": _pilihan_enum(Perspektif, data.get("perspektif"), "Perspektif") if jpt else None,
        "rhk_atasan_id": cek_rhk_pimpinan(skp, data.get("rhk_atasan_id")),
    }
    R = RencanaHasilKerja
    return _simpan_berurutan(skp, R, rhk_id, select(R).where(R.id == rhk_id, R.skp_id == skp.id), nilai,
                             R.skp_id == skp.id, "Rencana Hasil Kerja tidak ditemukan pada SKP ini.", skp_id=skp.id)


def _simpan_berurutan(skp: SKP, model, baris_id, cari, nilai: dict, saudara, pesan_hilang: str, **tetap):
    """Update the row ``cari`` finds (``baris_id`` given) or add one numbered after its siblings (``saudara``);
    touches the SKP (optimistic lock) and records the change, in the caller's transaction."""
    if baris_id:
        obj = db.session.scalar(cari)
        if obj is None:
            raise GalatSKP(pesan_hilang)
        sebelum = {c: getattr(obj, c) for c in nilai}
        for c, v in nilai.items():
            setattr(obj, c, v)
        aksi = "ubah"
    else:
        urutan = (db.session.scalar(select(func.max(model.urutan)).where(saudara)) or 0) + 1
        obj = model(urutan=urutan, **tetap, **nilai)
        db.session.add(obj)
        sebelum, aksi = None, "tambah"
    _sentuh(skp)
    db.session.flush()
    catat(model.__tablename__, obj.id, aksi, sebelum=sebelum, sesudah=nilai)
    _kembali_ke_pegawai(skp, _APA.get(model.__tablename__, model.__tablename__))
    return obj


_APA = {"rencana_hasil_kerja": "rencana hasil kerja", "indikator_kinerja": "indikator kinerja individu",
        "lampiran_skp": "lampiran SKP", "ekspektasi_khusus": "ekspektasi khusus pimpinan"}


def hapus_rhk(skp: SKP, k, rhk_id: int, versi=None) -> None:
    _wajib_susun(skp, k, versi)
    rhk = db.session.scalar(select(RencanaHasilKerja).where(RencanaHasilKerja.id == rhk_id,
                                                            RencanaHasilKerja.skp_id == skp.id))
    if rhk is None:
        raise GalatSKP("Rencana Hasil Kerja tidak ditemukan pada SKP ini.")
    dirujuk = db.session.scalar(select(func.count(RencanaHasilKerja.id)).where(
        RencanaHasilKerja.rhk_atasan_id == rhk.id))
    if dirujuk:
        raise GalatSKP(f"Rencana Hasil Kerja ini diintervensi oleh {dirujuk} RHK bawahan; lepaskan tautannya lebih "
                       "dahulu atau ubah uraiannya.")
    db.session.execute(IndikatorKinerja.__table__.delete().where(IndikatorKinerja.rhk_id == rhk.id))
    db.session.execute(RencanaAksi.__table__.delete().where(RencanaAksi.rhk_id == rhk.id))
    db.session.execute(update(SelMPPH).where(SelMPPH.rhk_id == rhk.id).values(rhk_id=None))
    catat("rencana_hasil_kerja", rhk.id, "hapus", sebelum={"uraian": rhk.uraian})
    db.session.delete(rhk)
    _sentuh(skp)
    db.session.flush()
    _kembali_ke_pegawai(skp, _APA["rencana_hasil_kerja"])


def _rhk_pada(skp: SKP, rhk_id, pesan: str) -> RencanaHasilKerja:
    """The submitted RHK, only if it belongs to this SKP (a foreign id is refused like a missing one)."""
    try:
        rhk_id = int(rhk_id or 0)
    except (TypeError, ValueError):
        rhk_id = 0
    rhk = db.session.scalar(select(RencanaHasilKerja).where(RencanaHasilKerja.id == rhk_id,
                                                            RencanaHasilKerja.skp_id == skp.id))
    if rhk is None:
        raise GalatSKP(pesan)
    return rhk


def simpan_iki(skp: SKP, k, data: dict, iki_id: int | None = None) -> IndikatorKinerja:
    _wajib_susun(skp, k, data.get("versi"))
    jpt = skp.format_skp in FORMAT_JPT
    rhk = _rhk_pada(skp, data.get("rhk_id"), "Pilih Rencana Hasil Kerja untuk indikator ini.")
    nilai = {
        "rhk_id": rhk.id,
        "uraian": teks(data.get("uraian"), "Indikator Kinerja Individu", wajib=True, galat=GalatSKP),
        "aspek": None if jpt else _pilihan_enum(Aspek, data.get("aspek"), "Aspek",
                                               wajib=skp.format_skp in FORMAT_KUANTITATIF),
        "perspektif": _pilihan_enum(Perspektif, data.get("perspektif"), "Perspektif",
                                    wajib=skp.format_skp == "A.1.2") if jpt else None,
        "target_nilai": desimal(data.get("target_nilai"), "Target", galat=GalatSKP),
        "target_nilai_maks": desimal(data.get("target_nilai_maks"), "Target (batas atas)", galat=GalatSKP),
        "target_satuan": teks(data.get("target_satuan"), "Satuan target", maks=60, galat=GalatSKP),
        "target_teks": teks(data.get("target_teks"), "Target (uraian)", galat=GalatSKP),
    }
    if nilai["target_nilai"] is None and not nilai["target_teks"]:
        raise GalatSKP("Target wajib diisi: angka (dengan satuan) atau uraian target.")
    if (nilai["target_nilai_maks"] is not None and nilai["target_nilai"] is not None
            and nilai["target_nilai_maks"] < nilai["target_nilai"]):
        raise GalatSKP("Target batas atas tidak boleh lebih kecil dari target.")
    if jpt:  # A.1.3 manual IKI
        nilai.update({
            "tujuan": teks(data.get("tujuan"), "Tujuan", galat=GalatSKP), "definisi": teks(data.get("definisi"),
                                                                                           "Definisi", galat=GalatSKP),
            "formula": teks(data.get("formula"), "Formula", galat=GalatSKP),
            "satuan_pengukuran": teks(data.get("satuan_pengukuran"), "Satuan pengukuran", maks=120, galat=GalatSKP),
            "tingkat_kendali": _pilihan_enum(TingkatKendali, data.get("tingkat_kendali"),
                                             "Kualitas dan tingkat kendali"),
            "sumber_data": teks(data.get("sumber_data"), "Sumber data", galat=GalatSKP),
            "periode_pelaporan": _pilihan_enum(JenisPeriode, data.get("periode_pelaporan"), "Periode pelaporan"),
        })
        if nilai["periode_pelaporan"] in (JenisPeriode.HARIAN.value, JenisPeriode.MINGGUAN.value):
            raise GalatSKP("Periode pelaporan manual IKI: bulanan, triwulanan, semesteran, atau tahunan (A.1.3).")
    cari = select(IndikatorKinerja).join(RencanaHasilKerja).where(IndikatorKinerja.id == iki_id,
                                                                  RencanaHasilKerja.skp_id == skp.id)
    return _simpan_berurutan(skp, IndikatorKinerja, iki_id, cari, nilai, IndikatorKinerja.rhk_id == rhk.id,
                             "Indikator tidak ditemukan pada SKP ini.")


def hapus_iki(skp: SKP, k, iki_id: int, versi=None) -> None:
    _wajib_susun(skp, k, versi)
    iki = db.session.scalar(select(IndikatorKinerja).join(RencanaHasilKerja).where(
        IndikatorKinerja.id == iki_id, RencanaHasilKerja.skp_id == skp.id))
    if iki is None:
        raise GalatSKP("Indikator tidak ditemukan pada SKP ini.")
    db.session.execute(SelMPPH.__table__.delete().where(SelMPPH.iki_id == iki.id))
    catat("indikator_kinerja", iki.id, "hapus", sebelum={"uraian": iki.uraian})
    db.session.delete(iki)
    _sentuh(skp)
    db.session.flush()
    _kembali_ke_pegawai(skp, _APA["indikator_kinerja"])


def simpan_ekspektasi(skp: SKP, k, data: dict) -> int:
    """Ekspektasi khusus per BerAKHLAK value (empty text removes it)."""
    if skp.status in TERKUNCI:
        raise GalatSKP(PESAN_TERKUNCI)
    cek_versi(skp, data.get("versi"), galat=GalatSKP)
    if not boleh_ekspektasi(skp, k):
        raise GalatSKP("Ekspektasi khusus diberikan oleh pimpinan (pejabat penilai) pegawai.")
    ids = dict(db.session.execute(select(NilaiInti.kode, NilaiInti.id)).all())
    ada = {e.nilai_inti_id: e for e in db.session.scalars(
        select(EkspektasiKhusus).where(EkspektasiKhusus.skp_id == skp.id))}
    n = 0
    for nilai in NILAI_BERAKHLAK:
        teks = (data.get(f"ekspektasi_{nilai.kode}") or "").strip()
        nid = ids[nilai.kode]
        e = ada.get(nid)
        if teks and e is None:
            db.session.add(EkspektasiKhusus(skp_id=skp.id, nilai_inti_id=nid, uraian=teks))
        elif teks and e.uraian != teks:
            e.uraian = teks
        elif not teks and e is not None:
            db.session.delete(e)
        else:
            continue
        n += 1
    if n:
        _sentuh(skp)
        db.session.flush()
        catat("skp", skp.id, "ubah", sesudah={"ekspektasi_khusus_diubah": n})
        _kembali_ke_pegawai(skp, _APA["ekspektasi_khusus"])
    return n


def simpan_lampiran(skp: SKP, k, data: dict) -> LampiranSKP:
    _wajib_susun(skp, k, data.get("versi"))
    jenis = _pilihan_enum(JenisLampiran, data.get("jenis"), "Bagian lampiran", True)
    uraian = teks(data.get("uraian"), "Uraian lampiran", wajib=True, galat=GalatSKP)
    urutan = (db.session.scalar(select(func.max(LampiranSKP.urutan)).where(
        LampiranSKP.skp_id == skp.id, LampiranSKP.jenis == jenis)) or 0) + 1
    lam = LampiranSKP(skp_id=skp.id, jenis=jenis, urutan=urutan, uraian=uraian)
    db.session.add(lam)
    _sentuh(skp)
    db.session.flush()
    catat("lampiran_skp", lam.id, "tambah", sesudah={"jenis": jenis, "uraian": uraian})
    _kembali_ke_pegawai(skp, _APA["lampiran_skp"])
    return lam


def hapus_lampiran(skp: SKP, k, lampiran_id: int, versi=None) -> None:
    _wajib_susun(skp, k, versi)
    lam = db.session.scalar(select(LampiranSKP).where(LampiranSKP.id == lampiran_id, LampiranSKP.skp_id == skp.id))
    if lam is None:
        raise GalatSKP("Butir lampiran tidak ditemukan pada SKP ini.")
    catat("lampiran_skp", lam.id, "hapus", sebelum={"uraian": lam.uraian})
    db.session.delete(lam)
    _sentuh(skp)
    db.session.flush()
    _kembali_ke_pegawai(skp, _APA["lampiran_skp"])


# ---------------------------------------------------------------------------------------------------------
# workflow
# ---------------------------------------------------------------------------------------------------------

def kelengkapan(skp: SKP) -> list[str]:
    """What is missing before the SKP can be submitted (names the row)."""
    rhk = db.session.scalars(select(RencanaHasilKerja).where(RencanaHasilKerja.skp_id == skp.id)
                             .options(selectinload(RencanaHasilKerja.iki)).order_by(RencanaHasilKerja.urutan)).all()
    out = []
    if not any(r.jenis == JenisRHK.UTAMA.value for r in rhk):
        out.append("SKP belum memuat Rencana Hasil Kerja utama.")
    for r in rhk:
        if not r.iki:
            out.append(f"RHK {r.urutan} \"{r.uraian[:60]}\" belum memiliki Indikator Kinerja Individu dan target.")
        for i in r.iki:
            if skp.format_skp == "A.1.2" and not i.perspektif:
                out.append(f"IKI {r.urutan}.{i.urutan} belum memiliki perspektif.")
            if skp.format_skp == "A.1.7" and not i.aspek:
                out.append(f"IKI {r.urutan}.{i.urutan} belum memiliki aspek.")
    if not skp.penilai_id and not skp.ditetapkan_kepala_daerah:
        out.append("Pejabat penilai belum ditentukan: minta operator kepegawaian menetapkannya.")
    return out


def ajukan(skp: SKP, k, user, versi=None) -> None:
    """The employee signs and submits the draft to the evaluator (001 Pasal 14)."""
    cek_versi(skp, versi, galat=GalatSKP)
    if not peran_pada(skp, k).pemilik:
        raise GalatSKP("Hanya pegawai pemilik SKP yang dapat menandatangani dan mengajukan SKP.")
    if skp.status not in BISA_DISUSUN:
        raise GalatSKP(f"SKP berstatus {S(skp.status).label} tidak dapat diajukan.")
    kurang = kelengkapan(skp)
    if kurang:
        raise GalatSKP("SKP belum lengkap: " + " ".join(kurang))
    sebelum = _ringkas(skp)
    isi_snapshot(skp)
    skp.status = S.DIAJUKAN.value
    skp.tanggal_diajukan = jam.sekarang_utc()
    db.session.flush()
    _tanda_tangan(skp, PeranTandaTangan.PEGAWAI.value, skp.pegawai_id, user)
    catat("skp", skp.id, "ubah", sebelum=sebelum, sesudah=_ringkas(skp))


def _wajib_penetap(skp: SKP, k) -> str:
    if skp.status in TERKUNCI:
        raise GalatSKP(PESAN_TERKUNCI)
    if skp.status != S.DIAJUKAN.value:
        raise GalatSKP("SKP belum diajukan oleh pegawai.")
    peran = penetap_sekarang(skp, k)
    if peran is not None and skp.pegawai_id == k.pegawai_id and R.ADMIN not in k.role_names:
        raise GalatSKP("Anda tidak dapat menetapkan atau mengembalikan SKP Anda sendiri.")
    if peran is None:
        if skp.ditetapkan_kepala_daerah:
            raise GalatSKP("SKP pejabat pimpinan tinggi / pimpinan unit kerja mandiri ditetapkan oleh Kepala Daerah "
                           "(001 Lampiran \"Penetapan SKP\" 2).")
        raise GalatSKP("Anda bukan pejabat penilai SKP ini.")
    return peran


def kembalikan(skp: SKP, k, catatan: str, versi=None) -> None:
    cek_versi(skp, versi, galat=GalatSKP)
    _wajib_penetap(skp, k)
    catatan = teks(catatan, "Catatan pengembalian", wajib=True, galat=GalatSKP)
    sebelum = _ringkas(skp)
    skp.status = S.DIKEMBALIKAN.value
    skp.catatan_penilai = catatan
    db.session.flush()
    catat("skp", skp.id, "ubah", sebelum=sebelum, sesudah=_ringkas(skp) | {"catatan_penilai": catatan})


def tetapkan(skp: SKP, k, user, versi=None) -> TandaTangan:
    """Set (menetapkan) the SKP: in-app signature with a sha256 of the canonical content; immutable afterwards.

    Only over the employee's signature of the content as it stands (``keputusan_penetapan_skp``): a submitted
    SKP whose content no longer matches is returned to the employee (``SKPDikembalikan``: the caller commits
    the return) and not set."""
    cek_versi(skp, versi, galat=GalatSKP)
    if skp.status == S.DIKEMBALIKAN.value and penetap_sekarang(skp, k) is not None:
        raise GalatSKP(keputusan_penetapan(skp).alasan)
    peran = _wajib_penetap(skp, k)
    kp = keputusan_penetapan(skp)  # the stored content, before the identity snapshot below is refreshed
    if not kp.boleh:
        if kp.kembali_ke_pegawai and _kembali_ke_pegawai(skp, None):
            raise SKPDikembalikan(kp.alasan)
        raise GalatSKP(kp.alasan)
    if skp.skp_sebelumnya_id and skp.alasan_perubahan is not None \
            and skp.alasan_perubahan.perlu_persetujuan_kepala_daerah and not skp.disetujui_kepala_daerah:
        raise GalatSKP("Perubahan SKP dengan alasan \"kondisi tertentu lainnya\" memerlukan persetujuan Kepala Daerah "
                       "lebih dahulu (000 Pasal 11(3)).")
    sebelum = _ringkas(skp)
    hari_ini = jam.hari_ini()
    if skp.skp_sebelumnya_id:  # R10: the new version takes over from today; the old one is kept, marked diubah
        lama = db.session.get(SKP, skp.skp_sebelumnya_id)
        lama.status, lama.aktif = S.DIUBAH.value, False
        lama.berlaku_selesai = max(hari_ini - dt.timedelta(days=1), lama.berlaku_mulai or dt.date(lama.tahun, 1, 1))
        db.session.flush()
        skp.aktif = True
        skp.berlaku_mulai = hari_ini
        catat("skp", lama.id, "ubah", sesudah={"status": lama.status, "digantikan_oleh": skp.id})
    else:
        skp.berlaku_mulai = skp.berlaku_mulai or dt.date(skp.tahun, 1, 1)
    isi_snapshot(skp)
    skp.status = S.DITETAPKAN.value
    skp.tanggal_ditetapkan = jam.sekarang_utc()
    db.session.flush()
    pid = k.pegawai_id if peran != PeranTandaTangan.KEPALA_DAERAH.value else None
    tt = _tanda_tangan(skp, peran, pid, user)
    catat("skp", skp.id, "ubah", sebelum=sebelum, sesudah=_ringkas(skp))
    return tt


def rute_atasan(skp: SKP, k, versi=None, hari_ini: dt.date | None = None) -> None:
    """After the end-of-January deadline the employee may take the SKP to the evaluator's superior (001 "Penetapan
    SKP" 4)."""
    cek_versi(skp, versi, galat=GalatSKP)
    hari_ini = hari_ini or jam.hari_ini()
    if not peran_pada(skp, k).pemilik:
        raise GalatSKP("Hanya pegawai pemilik SKP yang dapat mengajukan SKP kepada atasan pejabat penilai.")
    if skp.status != S.DIAJUKAN.value:
        raise GalatSKP("SKP harus sudah diajukan kepada pejabat penilai lebih dahulu.")
    if skp.ditetapkan_kepala_daerah:
        raise GalatSKP("SKP ini ditetapkan oleh Kepala Daerah.")
    if hari_ini <= (skp.tenggat_penetapan or tenggat_penetapan_skp(skp.tahun)):
        raise GalatSKP(f"Tenggat penetapan SKP ({skp.tenggat_penetapan:%d-%m-%Y}) belum lewat.")
    if not skp.atasan_penilai_id:
        raise GalatSKP("Atasan pejabat penilai tidak ditemukan; hubungi operator kepegawaian.")
    if skp.diajukan_ke_atasan:
        raise GalatSKP("SKP sudah diajukan kepada atasan pejabat penilai.")
    skp.diajukan_ke_atasan = True
    db.session.flush()
    catat("skp", skp.id, "ubah", sesudah={"diajukan_ke_atasan": True})


def atur_penilai(skp: SKP, k, penilai_id, versi=None) -> None:
    """Operator sets the evaluator by hand (e.g. a Plt not yet recorded); the superior follows from the chain."""
    cek_versi(skp, versi, galat=GalatSKP)
    if not peran_pada(skp, k).operator:
        raise GalatSKP("Hanya operator kepegawaian yang dapat menetapkan pejabat penilai secara manual.")
    if skp.status in TERKUNCI:
        raise GalatSKP(PESAN_TERKUNCI)
    try:
        pid = int(penilai_id)
    except (TypeError, ValueError):
        raise GalatSKP("Pilih pejabat penilai.") from None
    p = db.session.get(Pegawai, pid)
    if p is None:
        raise GalatSKP("Pejabat penilai tidak ditemukan.")
    if p.id == skp.pegawai_id:
        raise GalatSKP("Pegawai tidak dapat menjadi pejabat penilai bagi dirinya sendiri.")
    sebelum = _ringkas(skp)
    skp.penilai_id = p.id
    skp.atasan_penilai_id = tentukan_penilai(p.id, p.jabatan_id, skp.tahun).penilai_id
    skp.penilai_manual, skp.penilai_fallback = True, False
    isi_snapshot(skp)
    db.session.flush()
    catat("skp", skp.id, "ubah", sebelum=sebelum, sesudah=_ringkas(skp) | {"penilai_manual": True})
    # the evaluator named on the signed form changed: the employee re-signs with the new one (001 "Penetapan
    # SKP" 6)
    _kembali_ke_pegawai(skp, "pejabat penilai")


def versi_tertunda(skp: SKP) -> SKP | None:
    return db.session.scalar(select(SKP).where(SKP.skp_sebelumnya_id == skp.id,
                                               SKP.status.not_in(TERKUNCI)))


def ubah_versi(skp: SKP, k, alasan_kode: str, catatan: str, versi=None) -> SKP:
    """R10 (000 Pasal 11): a new version n+1 of a set SKP, copying RHK/IKI (rhk_asal_id), with its reason.

    The set version stays in force until the new one is set; then the old one becomes ``diubah``.
    """
    cek_versi(skp, versi, galat=GalatSKP)
    p = peran_pada(skp, k)
    if not (p.pemilik or p.penilai or p.operator):
        raise GalatSKP("Perubahan SKP diajukan oleh pegawai, pejabat penilai, atau operator kepegawaian.")
    if skp.status != S.DITETAPKAN.value or not skp.aktif:
        raise GalatSKP("Hanya SKP yang sudah ditetapkan dan sedang berlaku yang dapat diubah.")
    if not alasan_perubahan_valid(alasan_kode or ""):
        raise GalatSKP("Pilih alasan perubahan SKP dari daftar yang diperbolehkan (000 Pasal 11).")
    catatan = teks(catatan, "Uraian alasan perubahan", wajib=True, galat=GalatSKP)
    if versi_tertunda(skp) is not None:
        raise GalatSKP("Sudah ada perubahan SKP yang sedang disusun; selesaikan versi tersebut lebih dahulu.")
    alasan = db.session.scalar(select(AlasanPerubahanSKP).where(AlasanPerubahanSKP.kode == alasan_kode))
    pegawai = db.session.get(Pegawai, skp.pegawai_id)
    hp = tentukan_penilai(skp.pegawai_id, skp.jabatan_id, skp.tahun)
    baru = SKP(pegawai_id=skp.pegawai_id, jabatan_id=skp.jabatan_id, unit_kerja_id=skp.unit_kerja_id,
               tahun=skp.tahun, pendekatan=skp.pendekatan, format_skp=skp.format_skp,
               is_tugas_belajar=skp.is_tugas_belajar, status=S.DRAF.value, aktif=False, versi_ke=skp.versi_ke + 1,
               skp_sebelumnya_id=skp.id, alasan_perubahan_id=alasan.id, catatan_perubahan=catatan,
               disetujui_kepala_daerah=None if perlu_persetujuan_kepala_daerah(alasan_kode) else False,
               penilai_id=skp.penilai_id if skp.penilai_manual else hp.penilai_id,
               atasan_penilai_id=skp.atasan_penilai_id if skp.penilai_manual else hp.atasan_penilai_id,
               penilai_fallback=False if skp.penilai_manual else hp.fallback, penilai_manual=skp.penilai_manual,
               ditetapkan_kepala_daerah=skp.ditetapkan_kepala_daerah, tenggat_penetapan=skp.tenggat_penetapan,
               diajukan_ke_atasan=False)
    isi_snapshot(baru)
    db.session.add(baru)
    db.session.flush()
    salin_isi(skp.id, baru.id)
    catat("skp", baru.id, "tambah", sesudah=_ringkas(baru) | {"skp_sebelumnya_id": skp.id, "alasan": alasan_kode,
                                                              "pegawai": pegawai.nip})
    return baru


def salin_isi(dari_id: int, ke_id: int) -> None:
    """Copy RHK (with rhk_asal_id), IKI, ekspektasi khusus and lampiran to the new version (set-based)."""
    rhk = db.session.scalars(select(RencanaHasilKerja).where(RencanaHasilKerja.skp_id == dari_id)
                             .options(selectinload(RencanaHasilKerja.iki)).order_by(RencanaHasilKerja.id)).all()
    for r in rhk:
        salin = RencanaHasilKerja(skp_id=ke_id, jenis=r.jenis, urutan=r.urutan, uraian=r.uraian,
                                  rhk_atasan_id=r.rhk_atasan_id, penugasan_dari=r.penugasan_dari,
                                  penugasan_jabatan_id=r.penugasan_jabatan_id, perspektif=r.perspektif,
                                  rhk_asal_id=r.id)
        db.session.add(salin)
        db.session.flush()
        for i in r.iki:
            kolom = {c.name: getattr(i, c.key) for c in IndikatorKinerja.__table__.columns
                     if c.name not in ("id", "rhk_id", "dibuat_pada", "diubah_pada")}
            db.session.add(IndikatorKinerja(rhk_id=salin.id, **kolom))
    for e in db.session.scalars(select(EkspektasiKhusus).where(EkspektasiKhusus.skp_id == dari_id)):
        db.session.add(EkspektasiKhusus(skp_id=ke_id, nilai_inti_id=e.nilai_inti_id, uraian=e.uraian))
    for a in db.session.scalars(select(LampiranSKP).where(LampiranSKP.skp_id == dari_id)):
        db.session.add(LampiranSKP(skp_id=ke_id, jenis=a.jenis, urutan=a.urutan, uraian=a.uraian))
    db.session.flush()


def setujui_perubahan(skp: SKP, k, versi=None) -> None:
    """Kepala Daerah's approval (acted by PyB) for R10 "kondisi tertentu lainnya" (000 Pasal 11(3))."""
    cek_versi(skp, versi, galat=GalatSKP)
    if not peran_pada(skp, k).kepala_daerah:
        raise GalatSKP("Persetujuan perubahan SKP diberikan oleh Kepala Daerah (diwakili PyB).")
    if not skp.skp_sebelumnya_id or skp.alasan_perubahan is None \
            or not skp.alasan_perubahan.perlu_persetujuan_kepala_daerah:
        raise GalatSKP("Perubahan SKP ini tidak memerlukan persetujuan Kepala Daerah.")
    if skp.status in TERKUNCI:
        raise GalatSKP(PESAN_TERKUNCI)
    skp.disetujui_kepala_daerah = True
    db.session.flush()
    catat("skp", skp.id, "ubah", sesudah={"disetujui_kepala_daerah": True})


def riwayat_versi(skp: SKP) -> list[SKP]:
    """Every version of this SKP's chain (walks back and forward), oldest first."""
    akar = skp
    while akar.skp_sebelumnya_id:
        akar = db.session.get(SKP, akar.skp_sebelumnya_id)
    out, kini = [akar], akar
    while True:
        nxt = db.session.scalar(select(SKP).where(SKP.skp_sebelumnya_id == kini.id).order_by(SKP.id))
        if nxt is None:
            return out
        out.append(nxt)
        kini = nxt


# ---------------------------------------------------------------------------------------------------------
# rencana aksi & timeline (003 Pasal 15; B.1.1)
# ---------------------------------------------------------------------------------------------------------

def boleh_rencana_aksi(skp: SKP, k) -> bool:
    p = peran_pada(skp, k)
    return skp.status == S.DITETAPKAN.value and skp.aktif and (p.pemilik or p.penilai or p.operator)


def simpan_rencana_aksi(skp: SKP, k, data: dict) -> RencanaAksi:
    if not boleh_rencana_aksi(skp, k):
        raise GalatSKP("Rencana aksi disusun setelah SKP ditetapkan, oleh pegawai atau pejabat penilainya.")
    rhk = _rhk_pada(skp, data.get("rhk_id"), "Pilih Rencana Hasil Kerja untuk rencana aksi ini.")
    try:
        bulan = int(data.get("bulan") or 0)
    except (TypeError, ValueError):
        bulan = 0
    if not 1 <= bulan <= 12:
        raise GalatSKP("Bulan rencana aksi harus 1 (Januari) sampai 12 (Desember).")
    uraian = teks(data.get("uraian"), "Uraian rencana aksi", wajib=True, galat=GalatSKP)
    target = teks(data.get("target"), "Target rencana aksi", maks=200, galat=GalatSKP)
    urutan = (db.session.scalar(select(func.max(RencanaAksi.urutan)).where(RencanaAksi.rhk_id == rhk.id)) or 0) + 1
    ra = RencanaAksi(rhk_id=rhk.id, urutan=urutan, uraian=uraian, bulan=bulan, target=target)
    db.session.add(ra)
    db.session.flush()
    catat("rencana_aksi", ra.id, "tambah", sesudah={"rhk_id": rhk.id, "bulan": bulan, "uraian": uraian})
    return ra


def hapus_rencana_aksi(skp: SKP, k, ra_id: int) -> None:
    if not boleh_rencana_aksi(skp, k):
        raise GalatSKP("Rencana aksi disusun setelah SKP ditetapkan, oleh pegawai atau pejabat penilainya.")
    ra = db.session.scalar(select(RencanaAksi).join(RencanaHasilKerja).where(
        RencanaAksi.id == ra_id, RencanaHasilKerja.skp_id == skp.id))
    if ra is None:
        raise GalatSKP("Rencana aksi tidak ditemukan pada SKP ini.")
    catat("rencana_aksi", ra.id, "hapus", sebelum={"uraian": ra.uraian})
    db.session.delete(ra)
    db.session.flush()


def rencana_aksi_skp(skp_id: int) -> dict[int, list[RencanaAksi]]:
    out: dict[int, list[RencanaAksi]] = {}
    for ra in db.session.scalars(select(RencanaAksi).join(RencanaHasilKerja).where(
            RencanaHasilKerja.skp_id == skp_id).order_by(RencanaAksi.bulan, RencanaAksi.urutan)):
        out.setdefault(ra.rhk_id, []).append(ra)
    return out


# ---------------------------------------------------------------------------------------------------------
# reading one SKP for the detail page / print (bounded number of queries)
# ---------------------------------------------------------------------------------------------------------

def muat_skp(skp_id: int, klausa) -> SKP | None:
    return db.session.scalar(select(SKP).where(SKP.id == skp_id).where(klausa).options(
        selectinload(SKP.rhk).selectinload(RencanaHasilKerja.iki),
        selectinload(SKP.rhk).joinedload(RencanaHasilKerja.rhk_atasan),
        joinedload(SKP.alasan_perubahan), joinedload(SKP.jabatan)))


def perilaku_skp(skp_id: int) -> list[dict]:
    nilai = db.session.scalars(select(NilaiInti).order_by(NilaiInti.urutan).options(
        selectinload(NilaiInti.perilaku))).all()
    eks = dict(db.session.execute(select(EkspektasiKhusus.nilai_inti_id, EkspektasiKhusus.uraian)
                                  .where(EkspektasiKhusus.skp_id == skp_id)).all())
    return [{"kode": n.kode, "nama": n.nama, "perilaku": [p.uraian for p in n.perilaku], "ekspektasi": eks.get(n.id)}
            for n in nilai]


def lampiran_skp(skp_id: int) -> dict[str, list[LampiranSKP]]:
    out: dict[str, list[LampiranSKP]] = {j.value: [] for j in JenisLampiran}
    for a in db.session.scalars(select(LampiranSKP).where(LampiranSKP.skp_id == skp_id)
                                .order_by(LampiranSKP.jenis, LampiranSKP.urutan)):
        out[a.jenis].append(a)
    return out


def instansi_nama() -> tuple[str, str]:
    from schema.models import Instansi

    row = db.session.execute(select(Instansi.nama, Instansi.nama_daerah).order_by(Instansi.id).limit(1)).first()
    return (row[0], row[1]) if row else ("", "")


# ---------------------------------------------------------------------------------------------------------
# "SKP belum ditetapkan" (set-based)
# ---------------------------------------------------------------------------------------------------------

def _skp_aktif_tahun(tahun: int):
    return select(SKP.id, SKP.pegawai_id, SKP.status, SKP.diajukan_ke_atasan, SKP.penilai_id).where(
        SKP.tahun == tahun, SKP.aktif.is_(True)).subquery("skp_t")


def belum_ditetapkan_per_unit(tahun: int, hari_ini: dt.date, halaman: int = 1, per_halaman: int = 50):
    """Per unit: employees who need an SKP, how many have none / draft / submitted / set; overdue first."""
    s = _skp_aktif_tahun(tahun)
    lewat = hari_ini > tenggat_penetapan_skp(tahun)
    belum = case((or_(s.c.status.is_(None), s.c.status != S.DITETAPKAN.value), 1), else_=0)
    stmt = (
        select(UnitKerja.id, UnitKerja.kode, UnitKerja.nama,
               func.count(Pegawai.id).label("wajib"),
               func.sum(case((s.c.id.is_(None), 1), else_=0)).label("tanpa_skp"),
               func.sum(case((s.c.status.in_(BISA_DISUSUN), 1), else_=0)).label("disusun"),
               func.sum(case((s.c.status == S.DIAJUKAN.value, 1), else_=0)).label("diajukan"),
               func.sum(case((s.c.status == S.DITETAPKAN.value, 1), else_=0)).label("ditetapkan"),
               func.sum(belum).label("belum"))
        .join(Pegawai, Pegawai.unit_kerja_id == UnitKerja.id)
        .outerjoin(s, s.c.pegawai_id == Pegawai.id)
        .where(Pegawai.status.in_(STATUS_WAJIB_SKP))
        .group_by(UnitKerja.id, UnitKerja.kode, UnitKerja.nama)
        .having(func.sum(belum) > 0)
        .order_by(func.sum(belum).desc(), UnitKerja.kode)
    )
    total = db.session.scalar(select(func.count()).select_from(stmt.subquery()))
    rows = db.session.execute(stmt.offset((halaman - 1) * per_halaman).limit(per_halaman)).all()
    ringkas = db.session.execute(
        select(func.count(Pegawai.id), func.sum(belum))
        .outerjoin(s, s.c.pegawai_id == Pegawai.id).where(Pegawai.status.in_(STATUS_WAJIB_SKP))).one()
    return {"rows": rows, "total_unit": total, "wajib": ringkas[0] or 0, "belum": ringkas[1] or 0,
            "terlambat": (ringkas[1] or 0) if lewat else 0, "lewat_tenggat": lewat}


def belum_ditetapkan_tim(tahun: int, hari_ini: dt.date, jabatan_id: int | None, pegawai_id: int | None,
                         dua_tingkat: bool = False):
    """The supervisor's team: direct subordinates by position (two levels for an atasan) and anyone whose SKP
    names me as evaluator (fallback/manual); those without a set SKP, overdue first."""
    s = _skp_aktif_tahun(tahun)
    lewat = hari_ini > tenggat_penetapan_skp(tahun)
    syarat = []
    if jabatan_id:
        l1 = select(Jabatan.id).where(Jabatan.atasan_id == jabatan_id)
        syarat.append(Pegawai.jabatan_id.in_(l1))
        if dua_tingkat:
            syarat.append(Pegawai.jabatan_id.in_(select(Jabatan.id).where(Jabatan.atasan_id.in_(l1))))
    if pegawai_id:
        syarat.append(Pegawai.id.in_(select(SKP.pegawai_id).where(SKP.tahun == tahun, SKP.aktif.is_(True), or_(
            SKP.penilai_id == pegawai_id, SKP.atasan_penilai_id == pegawai_id if dua_tingkat else False))))
    if not syarat:
        return {"rows": [], "wajib": 0, "belum": 0, "terlambat": 0, "lewat_tenggat": lewat}
    stmt = (select(Pegawai.id, Pegawai.nip, Pegawai.nama, Jabatan.nama.label("jabatan"), s.c.id.label("skp_id"),
                   s.c.status, s.c.diajukan_ke_atasan)
            .outerjoin(Jabatan, Jabatan.id == Pegawai.jabatan_id)
            .outerjoin(s, s.c.pegawai_id == Pegawai.id)
            .where(Pegawai.status.in_(STATUS_WAJIB_SKP), or_(*syarat), Pegawai.id != (pegawai_id or 0))
            .order_by(case((s.c.status == S.DITETAPKAN.value, 1), else_=0), case((s.c.id.is_(None), 0), else_=1),
                      Pegawai.nama))
    rows = db.session.execute(stmt).all()
    belum = [r for r in rows if r.status != S.DITETAPKAN.value]
    return {"rows": rows, "wajib": len(rows), "belum": len(belum), "terlambat": len(belum) if lewat else 0,
            "lewat_tenggat": lewat}


# ---------------------------------------------------------------------------------------------------------
# MPPH (A.1.5)
# ---------------------------------------------------------------------------------------------------------

def mpph(skp: SKP) -> dict:
    """Leader's IKI × subordinates: each subordinate's RHK intervening the IKI's RHK, or "tidak ada peran"."""
    iki = db.session.execute(
        select(IndikatorKinerja.id, IndikatorKinerja.uraian, IndikatorKinerja.rhk_id, RencanaHasilKerja.urutan,
               IndikatorKinerja.urutan)
        .join(RencanaHasilKerja, RencanaHasilKerja.id == IndikatorKinerja.rhk_id)
        .where(RencanaHasilKerja.skp_id == skp.id).order_by(RencanaHasilKerja.urutan, IndikatorKinerja.urutan)).all()
    sub_syarat = [SKP.penilai_id == skp.pegawai_id]
    if skp.jabatan_id:
        sub_syarat.append(SKP.jabatan_id.in_(select(Jabatan.id).where(Jabatan.atasan_id == skp.jabatan_id)))
    bawahan = db.session.execute(
        select(SKP.id, SKP.pegawai_id, SKP.pegawai_nama, SKP.pegawai_jabatan, SKP.status)
        .where(SKP.tahun == skp.tahun, SKP.aktif.is_(True), SKP.pegawai_id != skp.pegawai_id, or_(*sub_syarat))
        .order_by(SKP.pegawai_jabatan, SKP.pegawai_nama)).all()
    sub_ids = [b.id for b in bawahan]
    rhk_pimpinan = {i.rhk_id for i in iki}
    sel: dict[tuple[int, int], list[tuple[int, str]]] = {}
    if sub_ids and rhk_pimpinan:
        for rid, uraian, skp_id, atasan_rhk in db.session.execute(
                select(RencanaHasilKerja.id, RencanaHasilKerja.uraian, RencanaHasilKerja.skp_id,
                       RencanaHasilKerja.rhk_atasan_id)
                .where(RencanaHasilKerja.skp_id.in_(sub_ids), RencanaHasilKerja.rhk_atasan_id.in_(rhk_pimpinan))
                .order_by(RencanaHasilKerja.urutan)):
            sel.setdefault((skp_id, atasan_rhk), []).append((rid, uraian))
    eksplisit: dict[tuple[int, int], tuple[int, str] | None] = {}
    if iki and bawahan:  # explicit A.1.5 cells (sel_mpph) override the derived ones
        for iki_id, peg_id, rid, uraian in db.session.execute(
                select(SelMPPH.iki_id, SelMPPH.pegawai_id, SelMPPH.rhk_id, RencanaHasilKerja.uraian)
                .outerjoin(RencanaHasilKerja, RencanaHasilKerja.id == SelMPPH.rhk_id)
                .where(SelMPPH.iki_id.in_([i.id for i in iki]),
                       SelMPPH.pegawai_id.in_([b.pegawai_id for b in bawahan]))):
            eksplisit[(iki_id, peg_id)] = (rid, uraian) if rid else None
    baris = []
    for b in bawahan:
        sel_baris = []
        for i in iki:
            if (i.id, b.pegawai_id) in eksplisit:
                e = eksplisit[(i.id, b.pegawai_id)]
                sel_baris.append([e] if e else [])
            else:
                sel_baris.append(sel.get((b.id, i.rhk_id), []))
        baris.append({"skp_id": b.id, "nama": b.pegawai_nama, "jabatan": b.pegawai_jabatan, "status": b.status,
                      "sel": sel_baris})
    return {"iki": [{"id": i.id, "uraian": i.uraian, "nomor": f"{i[3]}.{i[4]}"} for i in iki], "baris": baris}


# ---------------------------------------------------------------------------------------------------------
# Excel: register, A.1.x form, MPPH
# ---------------------------------------------------------------------------------------------------------

def register_skp(ids_subquery, pengekspor: str):
    from app.excel.tulis import Kolom, tulis_register

    kolom = [Kolom("No", 6, "angka"), Kolom("Tahun", 8, "angka"), Kolom("NIP", 21, "nip"), Kolom("Nama", 32),
             Kolom("Jabatan", 34), Kolom("Unit Kerja", 34), Kolom("Format", 9), Kolom("Versi", 7, "angka"),
             Kolom("Status", 14), Kolom("Berlaku", 9), Kolom("Pejabat Penilai", 32), Kolom("NIP Penilai", 21, "nip"),
             Kolom("Penilai Pengganti (jabatan kosong)", 14), Kolom("Tenggat Penetapan", 13, "tanggal"),
             Kolom("Tanggal Ditetapkan", 13, "tanggal")]
    stmt = (select(SKP.tahun, SKP.pegawai_nip, SKP.pegawai_nama, SKP.pegawai_jabatan, SKP.pegawai_unit,
                   SKP.format_skp, SKP.versi_ke, SKP.status, SKP.aktif, SKP.penilai_nama, SKP.penilai_nip,
                   SKP.penilai_fallback, SKP.tenggat_penetapan, SKP.tanggal_ditetapkan)
            .where(SKP.id.in_(select(ids_subquery.c.id))).order_by(SKP.tahun, SKP.pegawai_unit, SKP.pegawai_nama,
                                                                      SKP.versi_ke))
    label = {m.value: m.label for m in S}

    def baris():
        for i, r in enumerate(db.session.execute(stmt.execution_options(yield_per=2000)), 1):
            yield (i, r[0], r[1], r[2], r[3], r[4], r[5], r[6], label.get(r[7], r[7]), "Ya" if r[8] else "Tidak",
                   r[9], r[10], "Ya" if r[11] else "", r[12], r[13].date() if r[13] else None)

    return tulis_register("REGISTER SASARAN KINERJA PEGAWAI", kolom, baris(), instansi=instansi_nama()[0],
                          pengekspor=pengekspor, nama_sheet="SKP")


JUDUL_LAMPIRAN = {"sumber_daya": "DUKUNGAN SUMBER DAYA", "skema_pertanggungjawaban": "SKEMA PERTANGGUNGJAWABAN",
                  "konsekuensi": "KONSEKUENSI"}


def _rhk_urut(skp: SKP) -> list:
    return sorted(skp.rhk, key=lambda x: (x.jenis != JenisRHK.UTAMA.value, x.urutan))


def xlsx_skp(skp: SKP):
    """The SKP as its A.1.x layout (app.excel.formulir_a): title, ID2, numbered columns, behaviour, A.1.8."""
    from app.excel import formulir_a

    instansi, daerah = instansi_nama()
    return formulir_a.xlsx_skp(
        skp, judul=JUDUL_FORMAT[skp.format_skp], instansi=instansi, daerah=daerah, rhk=_rhk_urut(skp),
        perilaku=perilaku_skp(skp.id), lampiran=lampiran_skp(skp.id), tanda_tangan=tanda_tangan_skp(skp.id),
        label_aspek=dict(Aspek.choices()), label_perspektif=dict(Perspektif.choices()), target_teks=target_teks,
        judul_lampiran=JUDUL_LAMPIRAN)


def xlsx_manual_iki(skp: SKP):
    """A.1.3 Manual IKI of a JPT SKP, one sheet per IKI."""
    from app.excel import formulir_a

    return formulir_a.xlsx_manual_iki(skp, instansi=instansi_nama()[0], rhk=_rhk_urut(skp))


def target_teks(i) -> str:
    if i is None:
        return ""
    if i.target_nilai is not None:
        def fmt(d):
            s = f"{Decimal(d):f}"
            return s.rstrip("0").rstrip(".") if "." in s else s
        t = fmt(i.target_nilai)
        if i.target_nilai_maks is not None:
            t += f"–{fmt(i.target_nilai_maks)}"
        if i.target_satuan:
            t += f" {i.target_satuan}"
        if i.target_teks:
            t += f" ({i.target_teks})"
        return t
    return i.target_teks or ""


def xlsx_mpph(skp: SKP, data: dict):
    from app.excel import formulir_a

    return formulir_a.xlsx_mpph(skp, data)
