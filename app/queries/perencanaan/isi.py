"""The SKP's content while it is a draft: RHK, IKI, ekspektasi khusus, lampiran."""

from __future__ import annotations

from sqlalchemy import func, select, update

from app.aksi import cek_versi, desimal, teks
from app.extensions import db
from app.queries.perencanaan.penilai import cek_rhk_pimpinan
from app.queries.perencanaan.peran import boleh_ekspektasi, boleh_menyusun, sentuh
from app.queries.perencanaan.tanda_tangan import kembalikan_ke_pegawai
from app.queries.perencanaan.umum import FORMAT_JPT, FORMAT_KUANTITATIF, PESAN_TERKUNCI, TERKUNCI, GalatSKP, S
from app.rules import NILAI_BERAKHLAK, Aspek, JenisPeriode, Perspektif
from app.security.audit import catat
from schema.enums import JenisLampiran, JenisRHK, TingkatKendali
from schema.models import (
    SKP,
    EkspektasiKhusus,
    IndikatorKinerja,
    LampiranSKP,
    NilaiInti,
    RencanaAksi,
    RencanaHasilKerja,
    SelMPPH,
)


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
        raise GalatSKP(f'{nama}: pilihan "{nilai}" tidak dikenal.') from None


def simpan_rhk(skp: SKP, k, data: dict, rhk_id: int | None = None) -> RencanaHasilKerja:
    _wajib_susun(skp, k, data.get("versi"))
    jpt = skp.format_skp in FORMAT_JPT
    nilai = {
        "jenis": _pilihan_enum(JenisRHK, data.get("jenis") or JenisRHK.UTAMA.value, "Jenis RHK", True),
        "uraian": teks(data.get("uraian"), "Rencana Hasil Kerja", wajib=True, galat=GalatSKP),
        "penugasan_dari": teks(
            data.get("penugasan_dari"), "Jabatan pimpinan yang memberikan penugasan", maks=200, galat=GalatSKP
        ),
        "perspektif": _pilihan_enum(Perspektif, data.get("perspektif"), "Perspektif") if jpt else None,
        "rhk_atasan_id": cek_rhk_pimpinan(skp, data.get("rhk_atasan_id")),
    }
    RHK = RencanaHasilKerja
    return _simpan_berurutan(
        skp,
        RHK,
        rhk_id,
        select(RHK).where(RHK.id == rhk_id, RHK.skp_id == skp.id),
        nilai,
        RHK.skp_id == skp.id,
        "Rencana Hasil Kerja tidak ditemukan pada SKP ini.",
        skp_id=skp.id,
    )


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
    sentuh(skp)
    db.session.flush()
    catat(model.__tablename__, obj.id, aksi, sebelum=sebelum, sesudah=nilai)
    kembalikan_ke_pegawai(skp, _APA.get(model.__tablename__, model.__tablename__))
    return obj


_APA = {
    "rencana_hasil_kerja": "rencana hasil kerja",
    "indikator_kinerja": "indikator kinerja individu",
    "lampiran_skp": "lampiran SKP",
    "ekspektasi_khusus": "ekspektasi khusus pimpinan",
}


def hapus_rhk(skp: SKP, k, rhk_id: int, versi=None) -> None:
    _wajib_susun(skp, k, versi)
    rhk = db.session.scalar(
        select(RencanaHasilKerja).where(RencanaHasilKerja.id == rhk_id, RencanaHasilKerja.skp_id == skp.id)
    )
    if rhk is None:
        raise GalatSKP("Rencana Hasil Kerja tidak ditemukan pada SKP ini.")
    dirujuk = db.session.scalar(
        select(func.count(RencanaHasilKerja.id)).where(RencanaHasilKerja.rhk_atasan_id == rhk.id)
    )
    if dirujuk:
        raise GalatSKP(
            f"Rencana Hasil Kerja ini diintervensi oleh {dirujuk} RHK bawahan; lepaskan tautannya lebih "
            "dahulu atau ubah uraiannya."
        )
    db.session.execute(IndikatorKinerja.__table__.delete().where(IndikatorKinerja.rhk_id == rhk.id))
    db.session.execute(RencanaAksi.__table__.delete().where(RencanaAksi.rhk_id == rhk.id))
    db.session.execute(update(SelMPPH).where(SelMPPH.rhk_id == rhk.id).values(rhk_id=None))
    catat("rencana_hasil_kerja", rhk.id, "hapus", sebelum={"uraian": rhk.uraian})
    db.session.delete(rhk)
    sentuh(skp)
    db.session.flush()
    kembalikan_ke_pegawai(skp, _APA["rencana_hasil_kerja"])


def rhk_pada(skp: SKP, rhk_id, pesan: str) -> RencanaHasilKerja:
    """The submitted RHK, only if it belongs to this SKP (a foreign id is refused like a missing one)."""
    try:
        rhk_id = int(rhk_id or 0)
    except (TypeError, ValueError):
        rhk_id = 0
    rhk = db.session.scalar(
        select(RencanaHasilKerja).where(RencanaHasilKerja.id == rhk_id, RencanaHasilKerja.skp_id == skp.id)
    )
    if rhk is None:
        raise GalatSKP(pesan)
    return rhk


def simpan_iki(skp: SKP, k, data: dict, iki_id: int | None = None) -> IndikatorKinerja:
    _wajib_susun(skp, k, data.get("versi"))
    jpt = skp.format_skp in FORMAT_JPT
    rhk = rhk_pada(skp, data.get("rhk_id"), "Pilih Rencana Hasil Kerja untuk indikator ini.")
    nilai = {
        "rhk_id": rhk.id,
        "uraian": teks(data.get("uraian"), "Indikator Kinerja Individu", wajib=True, galat=GalatSKP),
        "aspek": None
        if jpt
        else _pilihan_enum(Aspek, data.get("aspek"), "Aspek", wajib=skp.format_skp in FORMAT_KUANTITATIF),
        "perspektif": _pilihan_enum(Perspektif, data.get("perspektif"), "Perspektif", wajib=skp.format_skp == "A.1.2")
        if jpt
        else None,
        "target_nilai": desimal(data.get("target_nilai"), "Target", galat=GalatSKP),
        "target_nilai_maks": desimal(data.get("target_nilai_maks"), "Target (batas atas)", galat=GalatSKP),
        "target_satuan": teks(data.get("target_satuan"), "Satuan target", maks=60, galat=GalatSKP),
        "target_teks": teks(data.get("target_teks"), "Target (uraian)", galat=GalatSKP),
    }
    if nilai["target_nilai"] is None and not nilai["target_teks"]:
        raise GalatSKP("Target wajib diisi: angka (dengan satuan) atau uraian target.")
    if (
        nilai["target_nilai_maks"] is not None
        and nilai["target_nilai"] is not None
        and nilai["target_nilai_maks"] < nilai["target_nilai"]
    ):
        raise GalatSKP("Target batas atas tidak boleh lebih kecil dari target.")
    if jpt:  # A.1.3 manual IKI
        nilai.update(
            {
                "tujuan": teks(data.get("tujuan"), "Tujuan", galat=GalatSKP),
                "definisi": teks(data.get("definisi"), "Definisi", galat=GalatSKP),
                "formula": teks(data.get("formula"), "Formula", galat=GalatSKP),
                "satuan_pengukuran": teks(data.get("satuan_pengukuran"), "Satuan pengukuran", maks=120, galat=GalatSKP),
                "tingkat_kendali": _pilihan_enum(
                    TingkatKendali, data.get("tingkat_kendali"), "Kualitas dan tingkat kendali"
                ),
                "sumber_data": teks(data.get("sumber_data"), "Sumber data", galat=GalatSKP),
                "periode_pelaporan": _pilihan_enum(JenisPeriode, data.get("periode_pelaporan"), "Periode pelaporan"),
            }
        )
        if nilai["periode_pelaporan"] in (JenisPeriode.HARIAN.value, JenisPeriode.MINGGUAN.value):
            raise GalatSKP("Periode pelaporan manual IKI: bulanan, triwulanan, semesteran, atau tahunan (A.1.3).")
    cari = (
        select(IndikatorKinerja)
        .join(RencanaHasilKerja)
        .where(IndikatorKinerja.id == iki_id, RencanaHasilKerja.skp_id == skp.id)
    )
    return _simpan_berurutan(
        skp,
        IndikatorKinerja,
        iki_id,
        cari,
        nilai,
        IndikatorKinerja.rhk_id == rhk.id,
        "Indikator tidak ditemukan pada SKP ini.",
    )


def hapus_iki(skp: SKP, k, iki_id: int, versi=None) -> None:
    _wajib_susun(skp, k, versi)
    iki = db.session.scalar(
        select(IndikatorKinerja)
        .join(RencanaHasilKerja)
        .where(IndikatorKinerja.id == iki_id, RencanaHasilKerja.skp_id == skp.id)
    )
    if iki is None:
        raise GalatSKP("Indikator tidak ditemukan pada SKP ini.")
    db.session.execute(SelMPPH.__table__.delete().where(SelMPPH.iki_id == iki.id))
    catat("indikator_kinerja", iki.id, "hapus", sebelum={"uraian": iki.uraian})
    db.session.delete(iki)
    sentuh(skp)
    db.session.flush()
    kembalikan_ke_pegawai(skp, _APA["indikator_kinerja"])


def simpan_ekspektasi(skp: SKP, k, data: dict) -> int:
    """Ekspektasi khusus per BerAKHLAK value (empty text removes it)."""
    if skp.status in TERKUNCI:
        raise GalatSKP(PESAN_TERKUNCI)
    cek_versi(skp, data.get("versi"), galat=GalatSKP)
    if not boleh_ekspektasi(skp, k):
        raise GalatSKP("Ekspektasi khusus diberikan oleh pimpinan (pejabat penilai) pegawai.")
    ids = dict(db.session.execute(select(NilaiInti.kode, NilaiInti.id)).all())
    ada = {
        e.nilai_inti_id: e
        for e in db.session.scalars(select(EkspektasiKhusus).where(EkspektasiKhusus.skp_id == skp.id))
    }
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
        sentuh(skp)
        db.session.flush()
        catat("skp", skp.id, "ubah", sesudah={"ekspektasi_khusus_diubah": n})
        kembalikan_ke_pegawai(skp, _APA["ekspektasi_khusus"])
    return n


def simpan_lampiran(skp: SKP, k, data: dict) -> LampiranSKP:
    _wajib_susun(skp, k, data.get("versi"))
    jenis = _pilihan_enum(JenisLampiran, data.get("jenis"), "Bagian lampiran", True)
    uraian = teks(data.get("uraian"), "Uraian lampiran", wajib=True, galat=GalatSKP)
    urutan = (
        db.session.scalar(
            select(func.max(LampiranSKP.urutan)).where(LampiranSKP.skp_id == skp.id, LampiranSKP.jenis == jenis)
        )
        or 0
    ) + 1
    lam = LampiranSKP(skp_id=skp.id, jenis=jenis, urutan=urutan, uraian=uraian)
    db.session.add(lam)
    sentuh(skp)
    db.session.flush()
    catat("lampiran_skp", lam.id, "tambah", sesudah={"jenis": jenis, "uraian": uraian})
    kembalikan_ke_pegawai(skp, _APA["lampiran_skp"])
    return lam


def hapus_lampiran(skp: SKP, k, lampiran_id: int, versi=None) -> None:
    _wajib_susun(skp, k, versi)
    lam = db.session.scalar(select(LampiranSKP).where(LampiranSKP.id == lampiran_id, LampiranSKP.skp_id == skp.id))
    if lam is None:
        raise GalatSKP("Butir lampiran tidak ditemukan pada SKP ini.")
    catat("lampiran_skp", lam.id, "hapus", sebelum={"uraian": lam.uraian})
    db.session.delete(lam)
    sentuh(skp)
    db.session.flush()
    kembalikan_ke_pegawai(skp, _APA["lampiran_skp"])
