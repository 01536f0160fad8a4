"""Identity snapshots, canonical SKP content, signatures and their hash."""

from __future__ import annotations

import hashlib
import json
from decimal import Decimal, InvalidOperation

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from app import jam
from app.extensions import db
from app.queries.pegawai import IDENTITAS_KOSONG, identitas, identitas_banyak
from app.queries.perencanaan.umum import S
from app.rules import KeputusanPenetapanSKP, keputusan_penetapan_skp
from app.security.audit import catat
from schema.enums import JenisDokumen, JenisRHK, PeranTandaTangan
from schema.models import SKP, EkspektasiKhusus, LampiranSKP, NilaiInti, RencanaHasilKerja, TandaTangan


def isi_snapshot(skp: SKP) -> None:
    pihak = {"pegawai": skp.pegawai_id, "penilai": skp.penilai_id, "atasan_penilai": skp.atasan_penilai_id}
    baris = identitas_banyak(pihak.values())  # the three parties in one statement
    for awalan, pid in pihak.items():
        for kunci, nilai in (baris.get(pid) or IDENTITAS_KOSONG).items():
            setattr(skp, f"{awalan}_{kunci}", nilai)


def _angka(v) -> str | None:
    if v is None or v == "":
        return None
    try:
        return f"{Decimal(str(v)):.2f}"
    except InvalidOperation:
        return str(v)


IDENTITAS_KANONIK = (
    "pegawai_nama",
    "pegawai_nip",
    "pegawai_pangkat",
    "pegawai_jabatan",
    "pegawai_unit",
    "penilai_nama",
    "penilai_nip",
    "penilai_pangkat",
    "penilai_jabatan",
    "penilai_unit",
)
RHK_KANONIK = ("urutan", "jenis", "uraian", "rhk_atasan_id", "penugasan_dari", "perspektif")
IKI_KANONIK = (
    "urutan",
    "uraian",
    "aspek",
    "perspektif",
    "target_satuan",
    "target_teks",
    "tujuan",
    "definisi",
    "formula",
    "satuan_pengukuran",
    "tingkat_kendali",
    "sumber_data",
    "periode_pelaporan",
)


def kanonik(skp: dict, rhk: list[dict], ekspektasi: list[dict], lampiran: list[dict]) -> str:
    """Canonical JSON of exactly what is signed (sorted keys, fixed number format) — used by the app and the demo."""
    doc = {
        "skp": {
            k: skp.get(k)
            for k in ("id", "tahun", "format_skp", "pendekatan", "versi_ke", "is_tugas_belajar", *IDENTITAS_KANONIK)
        },
        "rhk": [
            {
                **{k: r.get(k) for k in RHK_KANONIK},
                "iki": [
                    {
                        **{k: i.get(k) for k in IKI_KANONIK},
                        "target_nilai": _angka(i.get("target_nilai")),
                        "target_nilai_maks": _angka(i.get("target_nilai_maks")),
                    }
                    for i in sorted(r.get("iki", []), key=lambda x: (x.get("urutan") or 0, str(x.get("uraian"))))
                ],
            }
            for r in sorted(
                rhk, key=lambda x: (x.get("jenis") != JenisRHK.UTAMA.value, x.get("urutan") or 0, str(x.get("uraian")))
            )
        ],
        "ekspektasi_khusus": sorted(
            ({"nilai": e["nilai"], "uraian": e["uraian"]} for e in ekspektasi), key=lambda x: x["nilai"]
        ),
        "lampiran": sorted(
            ({"jenis": a["jenis"], "urutan": a["urutan"], "uraian": a["uraian"]} for a in lampiran),
            key=lambda x: (x["jenis"], x["urutan"]),
        ),
    }
    return json.dumps(doc, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str)


def hash_kanonik(teks: str) -> str:
    return hashlib.sha256(teks.encode("utf-8")).hexdigest()


def data_kanonik(skp: SKP) -> str:
    rhk = db.session.scalars(
        select(RencanaHasilKerja).where(RencanaHasilKerja.skp_id == skp.id).options(selectinload(RencanaHasilKerja.iki))
    ).all()
    eks = db.session.execute(
        select(NilaiInti.kode, EkspektasiKhusus.uraian)
        .join(NilaiInti, NilaiInti.id == EkspektasiKhusus.nilai_inti_id)
        .where(EkspektasiKhusus.skp_id == skp.id)
    ).all()
    lam = db.session.execute(
        select(LampiranSKP.jenis, LampiranSKP.urutan, LampiranSKP.uraian).where(LampiranSKP.skp_id == skp.id)
    ).all()
    return kanonik(
        {
            k: getattr(skp, k)
            for k in ("id", "tahun", "format_skp", "pendekatan", "versi_ke", "is_tugas_belajar", *IDENTITAS_KANONIK)
        },
        [
            {
                **{k: getattr(r, k) for k in RHK_KANONIK},
                "iki": [
                    {
                        **{k: getattr(i, k) for k in IKI_KANONIK},
                        "target_nilai": i.target_nilai,
                        "target_nilai_maks": i.target_nilai_maks,
                    }
                    for i in r.iki
                ],
            }
            for r in rhk
        ],
        [{"nilai": k, "uraian": u} for k, u in eks],
        [{"jenis": j, "urutan": n, "uraian": u} for j, n, u in lam],
    )


def hash_skp(skp: SKP) -> str:
    return hash_kanonik(data_kanonik(skp))


def buat_tanda_tangan(skp: SKP, peran: str, pegawai_id: int | None, user, tempat: str | None = None) -> TandaTangan:
    ident = identitas(pegawai_id) if pegawai_id else {"nama": None, "nip": None}
    nama = (
        ident["nama"]
        or (f"{getattr(user, 'first_name', '')} {getattr(user, 'last_name', '')}".strip() if user else "")
        or "—"
    )
    tt = TandaTangan(
        jenis_dokumen=JenisDokumen.SKP.value,
        dokumen_id=skp.id,
        peran=peran,
        pegawai_id=pegawai_id,
        user_id=getattr(user, "id", None),
        nama=nama,
        nip=ident["nip"],
        waktu=jam.sekarang_utc(),
        hash_sha256=hash_skp(skp),
        tempat=tempat,
    )
    db.session.add(tt)
    db.session.flush()
    catat(
        "tanda_tangan",
        tt.id,
        "tanda_tangan",
        sesudah={"skp_id": skp.id, "peran": peran, "hash_sha256": tt.hash_sha256, "nama": nama},
    )
    return tt


def tanda_tangan_skp(skp_id: int) -> list[TandaTangan]:
    return db.session.scalars(
        select(TandaTangan)
        .where(TandaTangan.jenis_dokumen == JenisDokumen.SKP.value, TandaTangan.dokumen_id == skp_id)
        .order_by(TandaTangan.waktu, TandaTangan.id)
    ).all()


def _tanda_tangan_pegawai(skp_id: int) -> list[TandaTangan]:
    """The employee's signatures on this SKP, oldest first (all kept: a superseded one is never deleted)."""
    return db.session.scalars(
        select(TandaTangan)
        .where(
            TandaTangan.jenis_dokumen == JenisDokumen.SKP.value,
            TandaTangan.dokumen_id == skp_id,
            TandaTangan.peran == PeranTandaTangan.PEGAWAI.value,
        )
        .order_by(TandaTangan.waktu, TandaTangan.id)
    ).all()


def keputusan_penetapan(skp: SKP, hash_isi: str | None = None) -> KeputusanPenetapanSKP:
    """May the SKP be set over the employee's signature as the content stands now (app.rules)?"""
    return keputusan_penetapan_skp(
        skp.status, [t.hash_sha256 for t in _tanda_tangan_pegawai(skp.id)], hash_isi or hash_skp(skp)
    )


def tanda_tangan_basi(skp: SKP, tts: list[TandaTangan], hash_isi: str | None) -> set[int]:
    """Ids of employee signatures that no longer cover the content: every one but the latest, and the latest
    too when the content changed after it (shown as "tidak berlaku lagi"; the rows are history, kept)."""
    peg = [t for t in tts if t.peran == PeranTandaTangan.PEGAWAI.value]
    basi = {t.id for t in peg[:-1]}
    if peg and hash_isi is not None and peg[-1].hash_sha256 != hash_isi:
        basi.add(peg[-1].id)
    return basi


PESAN_KEMBALI_KE_PEGAWAI = (
    "Isi SKP berubah{apa} sesudah pegawai menandatanganinya: tanda tangan pegawai tidak "
    "berlaku lagi dan SKP dikembalikan kepada pegawai untuk diperiksa serta ditandatangani "
    'ulang sebelum dapat ditetapkan (001 Lampiran "Penetapan SKP" 1).'
)


def dikembalikan_karena_isi(skp: SKP) -> str | None:
    """The note if the SKP now waits for the employee because its content changed after signing."""
    teks = skp.catatan_penilai or ""
    awal = PESAN_KEMBALI_KE_PEGAWAI.split("{", 1)[0]
    return teks if skp.status == S.DIKEMBALIKAN.value and teks.startswith(awal) else None


def kembalikan_ke_pegawai(skp: SKP, apa: str | None) -> bool:
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
    sebelum = ringkasan_audit(skp)
    skp.status = S.DIKEMBALIKAN.value
    skp.catatan_penilai = PESAN_KEMBALI_KE_PEGAWAI.format(apa=f" ({apa})" if apa else "")
    db.session.flush()
    if tts:
        catat(
            "tanda_tangan",
            tts[-1].id,
            "ubah",
            sesudah={"skp_id": skp.id, "berlaku": False, "alasan": f"isi SKP berubah: {apa or '-'}"},
        )
    catat(
        "skp", skp.id, "ubah", sebelum=sebelum, sesudah=ringkasan_audit(skp) | {"catatan_penilai": skp.catatan_penilai}
    )
    return True


def ringkasan_audit(skp: SKP) -> dict:
    return {
        "status": skp.status,
        "versi_ke": skp.versi_ke,
        "aktif": skp.aktif,
        "penilai_id": skp.penilai_id,
        "atasan_penilai_id": skp.atasan_penilai_id,
        "diajukan_ke_atasan": skp.diajukan_ke_atasan,
    }
