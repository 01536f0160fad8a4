"""Creating an SKP (with the tugas-belajar RHK when applicable)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import joinedload

from app.aksi import cek_versi
from app.extensions import db
from app.format import tanggal_saja
from app.queries.perencanaan.penilai import tentukan_penilai
from app.queries.perencanaan.peran import boleh_menyusun, sentuh
from app.queries.perencanaan.tanda_tangan import isi_snapshot, kembalikan_ke_pegawai, ringkasan_audit
from app.queries.perencanaan.umum import PESAN_TERKUNCI, TERKUNCI, GalatSKP, S
from app.rules import Aspek, Pendekatan, PenetapSKP, StatusPegawai, format_skp, penetap_skp, wajib_skp
from app.rules.waktu import tenggat_penetapan_skp
from app.security.audit import catat
from schema.enums import JenisRHK
from schema.models import SKP, IndikatorKinerja, Jabatan, Pegawai, RencanaHasilKerja, TugasBelajar


def kepala_unit_mandiri(jabatan: Jabatan | None) -> bool:
    return bool(jabatan and jabatan.is_kepala_unit and jabatan.unit_kerja and jabatan.unit_kerja.is_mandiri)


def tugas_belajar_tahun(pegawai_id: int, tahun: int) -> TugasBelajar | None:
    awal, akhir = dt.date(tahun, 1, 1), dt.date(tahun, 12, 31)
    return db.session.scalars(
        select(TugasBelajar)
        .where(
            TugasBelajar.pegawai_id == pegawai_id,
            TugasBelajar.mulai <= akhir,
            func.coalesce(TugasBelajar.selesai_aktual, TugasBelajar.selesai_rencana) >= awal,
            TugasBelajar.gagal.is_(False),
        )
        .order_by(TugasBelajar.mulai.desc())
    ).first()


def rhk_tugas_belajar(tb, tahun: int) -> list[dict]:
    """The study-leave SKP's results (001 "Penyusunan SKP … tugas belajar"): academic result and timeliness."""
    jenjang = (
        (tb.jenjang or "").upper().replace("S", "S-") if tb.jenjang and tb.jenjang[0].lower() == "s" else tb.jenjang
    )
    prodi = f"{jenjang} {tb.program_studi} pada {tb.perguruan_tinggi}"
    mulai = tb.mulai if tb.mulai.year == tahun else dt.date(tahun, 1, 1)
    return [
        {
            "jenis": JenisRHK.UTAMA.value,
            "uraian": f"Tercapainya hasil akademik tugas belajar {prodi}",
            "penugasan_dari": "Pejabat Pembina Kepegawaian (tugas belajar)",
            "iki": [
                {
                    "uraian": "Indeks Prestasi Kumulatif (IPK) semester berjalan",
                    "aspek": Aspek.KUALITAS.value,
                    "target_nilai": Decimal("3.00"),
                    "target_nilai_maks": Decimal("4.00"),
                    "target_satuan": "IPK",
                }
            ],
        },
        {
            "jenis": JenisRHK.UTAMA.value,
            "uraian": f"Ketepatan waktu penyelesaian studi {prodi}",
            "penugasan_dari": "Pejabat Pembina Kepegawaian (tugas belajar)",
            "iki": [
                {
                    "uraian": "Kelulusan sesuai jadwal studi",
                    "aspek": Aspek.WAKTU.value,
                    "target_teks": f"Lulus paling lambat {tanggal_saja(tb.selesai_rencana)} (mulai {tanggal_saja(mulai)})",
                }
            ],
        },
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
    p = db.session.scalars(
        select(Pegawai)
        .where(Pegawai.id == pegawai_id)
        .options(joinedload(Pegawai.jabatan).joinedload(Jabatan.unit_kerja))
    ).one_or_none()
    if p is None:
        raise GalatSKP("Pegawai tidak ditemukan.")
    if not wajib_skp(p.status):
        raise GalatSKP(
            f"{p.nama_lengkap} berstatus {StatusPegawai(p.status).label}: perencanaan kinerja (SKP) tidak "
            'berlaku (001 Lampiran "Penetapan SKP" 7).'
        )
    if p.jabatan is None:
        raise GalatSKP(f"{p.nama_lengkap} belum memiliki jabatan; lengkapi data jabatan lebih dahulu.")
    ada = db.session.scalar(
        select(SKP.id).where(
            SKP.pegawai_id == p.id, SKP.tahun == tahun, SKP.jabatan_id == p.jabatan_id, SKP.aktif.is_(True)
        )
    )
    if ada:
        raise GalatSKP(f"SKP tahun {tahun} untuk {p.nama_lengkap} pada jabatan ini sudah ada.")
    mandiri = kepala_unit_mandiri(p.jabatan)
    hp = tentukan_penilai(p.id, p.jabatan_id, tahun)
    penetap = penetap_skp(p.jabatan.jenis, unit_mandiri_head=mandiri)
    tb = tugas_belajar_tahun(p.id, tahun) if p.status == StatusPegawai.TUGAS_BELAJAR.value else None
    skp = SKP(
        pegawai_id=p.id,
        jabatan_id=p.jabatan_id,
        unit_kerja_id=p.unit_kerja_id or p.jabatan.unit_kerja_id,
        tahun=tahun,
        pendekatan=pendekatan,
        format_skp=format_skp(p.jabatan.jenis, pendekatan, mandiri),
        is_tugas_belajar=p.status == StatusPegawai.TUGAS_BELAJAR.value,
        status=S.DRAF.value,
        aktif=True,
        versi_ke=1,
        penilai_id=hp.penilai_id,
        atasan_penilai_id=hp.atasan_penilai_id,
        penilai_fallback=hp.fallback,
        penilai_manual=False,
        ditetapkan_kepala_daerah=penetap is not PenetapSKP.PEJABAT_PENILAI,
        tenggat_penetapan=tenggat_penetapan_skp(tahun),
        diajukan_ke_atasan=False,
    )
    isi_snapshot(skp)
    db.session.add(skp)
    db.session.flush()
    if tb is not None:
        _tambah_rhk_data(skp, rhk_tugas_belajar(tb, tahun))
    catat("skp", skp.id, "tambah", sesudah=ringkasan_audit(skp) | {"pegawai_id": p.id, "tahun": tahun})
    return skp


def _tambah_rhk_data(skp: SKP, rhk_list: list[dict]) -> None:
    n = (
        db.session.scalar(
            select(func.coalesce(func.max(RencanaHasilKerja.urutan), 0)).where(RencanaHasilKerja.skp_id == skp.id)
        )
        or 0
    )
    for r in rhk_list:
        n += 1
        rhk = RencanaHasilKerja(
            skp_id=skp.id, jenis=r["jenis"], urutan=n, uraian=r["uraian"], penugasan_dari=r.get("penugasan_dari")
        )
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
    sudah = db.session.scalar(
        select(func.count(RencanaHasilKerja.id)).where(
            RencanaHasilKerja.skp_id == skp.id, RencanaHasilKerja.uraian.like("%tugas belajar%")
        )
    )
    if sudah:
        raise GalatSKP("Rencana hasil kerja tugas belajar sudah ada pada SKP ini.")
    data = rhk_tugas_belajar(tb, skp.tahun)
    _tambah_rhk_data(skp, data)
    skp.is_tugas_belajar = True
    sentuh(skp)
    catat("skp", skp.id, "ubah", sesudah={"tugas_belajar": True})
    kembalikan_ke_pegawai(skp, "rencana hasil kerja tugas belajar")
    return len(data)
