"""Workflow: submit, return, set, route to the atasan, evaluator, versions (R10)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from app import jam
from app.aksi import cek_versi, teks
from app.extensions import db
from app.format import tanggal_saja
from app.queries import notifikasi as q_notifikasi
from app.queries import notifikasi_kejadian as q_kejadian
from app.queries.perencanaan.penilai import tentukan_penilai
from app.queries.perencanaan.peran import penetap_sekarang, peran_pada
from app.queries.perencanaan.tanda_tangan import (
    buat_tanda_tangan,
    isi_snapshot,
    kembalikan_ke_pegawai,
    keputusan_penetapan,
    ringkasan_audit,
)
from app.queries.perencanaan.umum import BISA_DISUSUN, PESAN_TERKUNCI, TERKUNCI, GalatSKP, S, SKPDikembalikan
from app.rules import alasan_perubahan_valid, perlu_persetujuan_kepala_daerah
from app.rules.waktu import tenggat_penetapan_skp
from app.security import roles as R
from app.security.audit import catat
from schema.enums import JenisRHK, PeranTandaTangan
from schema.models import (
    SKP,
    AlasanPerubahanSKP,
    EkspektasiKhusus,
    IndikatorKinerja,
    LampiranSKP,
    Pegawai,
    RencanaHasilKerja,
    TandaTangan,
)


def kelengkapan(skp: SKP) -> list[str]:
    """What is missing before the SKP can be submitted (names the row)."""
    rhk = db.session.scalars(
        select(RencanaHasilKerja)
        .where(RencanaHasilKerja.skp_id == skp.id)
        .options(selectinload(RencanaHasilKerja.iki))
        .order_by(RencanaHasilKerja.urutan)
    ).all()
    out = []
    if not any(r.jenis == JenisRHK.UTAMA.value for r in rhk):
        out.append("SKP belum memuat Rencana Hasil Kerja utama.")
    for r in rhk:
        if not r.iki:
            out.append(f'RHK {r.urutan} "{r.uraian[:60]}" belum memiliki Indikator Kinerja Individu dan target.')
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
    sebelum = ringkasan_audit(skp)
    isi_snapshot(skp)
    skp.status = S.DIAJUKAN.value
    skp.tanggal_diajukan = jam.sekarang_utc()
    db.session.flush()
    buat_tanda_tangan(skp, PeranTandaTangan.PEGAWAI.value, skp.pegawai_id, user)
    catat("skp", skp.id, "ubah", sebelum=sebelum, sesudah=ringkasan_audit(skp))
    q_notifikasi.skp_diajukan(skp)  # the evaluator acts next; same transaction


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
            raise GalatSKP(
                "SKP pejabat pimpinan tinggi / pimpinan unit kerja mandiri ditetapkan oleh Kepala Daerah "
                '(001 Lampiran "Penetapan SKP" 2).'
            )
        raise GalatSKP("Anda bukan pejabat penilai SKP ini.")
    return peran


def kembalikan(skp: SKP, k, catatan: str, versi=None) -> None:
    cek_versi(skp, versi, galat=GalatSKP)
    _wajib_penetap(skp, k)
    catatan = teks(catatan, "Catatan pengembalian", wajib=True, galat=GalatSKP)
    sebelum = ringkasan_audit(skp)
    skp.status = S.DIKEMBALIKAN.value
    skp.catatan_penilai = catatan
    db.session.flush()
    catat("skp", skp.id, "ubah", sebelum=sebelum, sesudah=ringkasan_audit(skp) | {"catatan_penilai": catatan})
    q_notifikasi.skp_dikembalikan(skp)


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
        if kp.kembali_ke_pegawai and kembalikan_ke_pegawai(skp, None):
            raise SKPDikembalikan(kp.alasan)
        raise GalatSKP(kp.alasan)
    if (
        skp.skp_sebelumnya_id
        and skp.alasan_perubahan is not None
        and skp.alasan_perubahan.perlu_persetujuan_kepala_daerah
        and not skp.disetujui_kepala_daerah
    ):
        raise GalatSKP(
            'Perubahan SKP dengan alasan "kondisi tertentu lainnya" memerlukan persetujuan Kepala Daerah '
            "lebih dahulu (000 Pasal 11(3))."
        )
    sebelum = ringkasan_audit(skp)
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
    tt = buat_tanda_tangan(skp, peran, pid, user)
    catat("skp", skp.id, "ubah", sebelum=sebelum, sesudah=ringkasan_audit(skp))
    q_kejadian.skp_ditetapkan(skp)  # the employee carries it out next; same transaction
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
        raise GalatSKP(f"Tenggat penetapan SKP ({tanggal_saja(skp.tenggat_penetapan)}) belum lewat.")
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
    sebelum = ringkasan_audit(skp)
    skp.penilai_id = p.id
    skp.atasan_penilai_id = tentukan_penilai(p.id, p.jabatan_id, skp.tahun).penilai_id
    skp.penilai_manual, skp.penilai_fallback = True, False
    isi_snapshot(skp)
    db.session.flush()
    catat("skp", skp.id, "ubah", sebelum=sebelum, sesudah=ringkasan_audit(skp) | {"penilai_manual": True})
    # the evaluator named on the signed form changed: the employee re-signs with the new one (001 "Penetapan
    # SKP" 6)
    kembalikan_ke_pegawai(skp, "pejabat penilai")


def versi_tertunda(skp: SKP) -> SKP | None:
    return db.session.scalar(select(SKP).where(SKP.skp_sebelumnya_id == skp.id, SKP.status.not_in(TERKUNCI)))


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
    baru = SKP(
        pegawai_id=skp.pegawai_id,
        jabatan_id=skp.jabatan_id,
        unit_kerja_id=skp.unit_kerja_id,
        tahun=skp.tahun,
        pendekatan=skp.pendekatan,
        format_skp=skp.format_skp,
        is_tugas_belajar=skp.is_tugas_belajar,
        status=S.DRAF.value,
        aktif=False,
        versi_ke=skp.versi_ke + 1,
        skp_sebelumnya_id=skp.id,
        alasan_perubahan_id=alasan.id,
        catatan_perubahan=catatan,
        disetujui_kepala_daerah=None if perlu_persetujuan_kepala_daerah(alasan_kode) else False,
        penilai_id=skp.penilai_id if skp.penilai_manual else hp.penilai_id,
        atasan_penilai_id=skp.atasan_penilai_id if skp.penilai_manual else hp.atasan_penilai_id,
        penilai_fallback=False if skp.penilai_manual else hp.fallback,
        penilai_manual=skp.penilai_manual,
        ditetapkan_kepala_daerah=skp.ditetapkan_kepala_daerah,
        tenggat_penetapan=skp.tenggat_penetapan,
        diajukan_ke_atasan=False,
    )
    isi_snapshot(baru)
    db.session.add(baru)
    db.session.flush()
    salin_isi(skp.id, baru.id)
    catat(
        "skp",
        baru.id,
        "tambah",
        sesudah=ringkasan_audit(baru) | {"skp_sebelumnya_id": skp.id, "alasan": alasan_kode, "pegawai": pegawai.nip},
    )
    return baru


def salin_isi(dari_id: int, ke_id: int) -> None:
    """Copy RHK (with rhk_asal_id), IKI, ekspektasi khusus and lampiran to the new version (set-based)."""
    rhk = db.session.scalars(
        select(RencanaHasilKerja)
        .where(RencanaHasilKerja.skp_id == dari_id)
        .options(selectinload(RencanaHasilKerja.iki))
        .order_by(RencanaHasilKerja.id)
    ).all()
    for r in rhk:
        salin = RencanaHasilKerja(
            skp_id=ke_id,
            jenis=r.jenis,
            urutan=r.urutan,
            uraian=r.uraian,
            rhk_atasan_id=r.rhk_atasan_id,
            penugasan_dari=r.penugasan_dari,
            penugasan_jabatan_id=r.penugasan_jabatan_id,
            perspektif=r.perspektif,
            rhk_asal_id=r.id,
        )
        db.session.add(salin)
        db.session.flush()
        for i in r.iki:
            kolom = {
                c.name: getattr(i, c.key)
                for c in IndikatorKinerja.__table__.columns
                if c.name not in ("id", "rhk_id", "dibuat_pada", "diubah_pada")
            }
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
    if (
        not skp.skp_sebelumnya_id
        or skp.alasan_perubahan is None
        or not skp.alasan_perubahan.perlu_persetujuan_kepala_daerah
    ):
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
