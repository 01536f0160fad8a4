"""B.1.3–B.1.5 continuous feedback (R9)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import joinedload, selectinload

from app import jam
from app.aksi import tanggal, teks
from app.extensions import db
from app.format import angka
from app.queries import notifikasi_kejadian as q_kejadian
from app.queries.pelaksanaan.masukan import bulat, pilihan, ya
from app.queries.pelaksanaan.peran import (
    jenis_periode_dokumentasi,
    peran_skp,
    periode_dari_nomor,
    rhk_milik,
    skp_berjalan,
)
from app.queries.pelaksanaan.umum import GalatPelaksanaan
from app.queries.perencanaan import perilaku_skp
from app.rules import JenisPeriode
from app.rules.waktu import periode_evaluasi
from app.security.audit import catat
from schema.enums import CaraUmpanBalik, JenisRHK, RelasiUmpanBalik, SifatUmpanBalik, StatusPermintaan
from schema.models import SKP, Jabatan, NilaiInti, Pegawai, PermintaanUmpanBalik, Realisasi, UmpanBalik


def relasi_pemberi(skp: SKP, pemberi_id: int) -> RelasiUmpanBalik:
    """The giver's relation to the employee, from the SKP's evaluator chain and the position tree."""
    if pemberi_id in (skp.penilai_id, skp.atasan_penilai_id):
        return RelasiUmpanBalik.PIMPINAN
    pj = db.session.execute(
        select(Jabatan.id, Jabatan.atasan_id)
        .join(Pegawai, Pegawai.jabatan_id == Jabatan.id)
        .where(Pegawai.id == pemberi_id)
    ).first()
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
    return db.session.scalar(
        select(PermintaanUmpanBalik)
        .where(
            PermintaanUmpanBalik.skp_id == skp_id,
            PermintaanUmpanBalik.diminta_kepada_id == pegawai_id,
            PermintaanUmpanBalik.status != StatusPermintaan.DITOLAK.value,
        )
        .order_by(PermintaanUmpanBalik.id.desc())
    )


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
        raise GalatPelaksanaan(
            "Umpan balik dari rekan kerja, bawahan, atau pihak lain diberikan atas permintaan pegawai."
        )
    sasaran = (data.get("sasaran") or "").strip()
    rhk_id = nilai_id = None
    if sasaran.startswith("rhk:"):
        rhk_id = rhk_milik(skp, sasaran[4:]).id
    elif sasaran.startswith("nilai:"):
        nid = bulat(sasaran[6:], "Nilai BerAKHLAK")
        if db.session.get(NilaiInti, nid) is None:
            raise GalatPelaksanaan("Nilai dasar BerAKHLAK tidak dikenal.")
        nilai_id = nid
    else:
        raise GalatPelaksanaan("Pilih rencana hasil kerja atau nilai BerAKHLAK yang diberi umpan balik.")
    tgl = tanggal(data.get("tanggal"), "Tanggal", galat=GalatPelaksanaan) or min(
        max(jam.hari_ini(), dt.date(skp.tahun, 1, 1)), dt.date(skp.tahun, 12, 31)
    )
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
    ub = UmpanBalik(
        skp_id=skp.id,
        rhk_id=rhk_id,
        nilai_inti_id=nilai_id,
        pemberi_id=k.pegawai_id,
        relasi=relasi.value,
        sifat=sifat.value,
        cara=cara.value,
        positif=ya(data.get("positif")),
        uraian=teks(data.get("uraian"), "Uraian umpan balik", wajib=True, maks=4000, galat=GalatPelaksanaan),
        tanggal=tgl,
        tahun=per.tahun,
        periode_nomor=per.nomor,
        permintaan_id=permintaan.id if permintaan else None,
    )
    db.session.add(ub)
    dijawab = permintaan is not None and permintaan.status == StatusPermintaan.DIMINTA.value
    if dijawab:
        permintaan.status = StatusPermintaan.DIJAWAB.value
    db.session.flush()
    if dijawab:
        q_kejadian.umpan_balik_dijawab(permintaan, skp)  # the requester; later items on the request add nothing
    catat(
        "umpan_balik",
        ub.id,
        "tambah",
        sesudah={
            "skp_id": skp.id,
            "rhk_id": rhk_id,
            "nilai_inti_id": nilai_id,
            "relasi": relasi.value,
            "positif": ub.positif,
        },
    )
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
    if db.session.scalar(
        select(PermintaanUmpanBalik.id).where(
            PermintaanUmpanBalik.skp_id == skp.id,
            PermintaanUmpanBalik.diminta_kepada_id == pid,
            PermintaanUmpanBalik.status == StatusPermintaan.DIMINTA.value,
        )
    ):
        raise GalatPelaksanaan("Permintaan umpan balik kepada pegawai tersebut masih menunggu jawaban.")
    p = PermintaanUmpanBalik(
        skp_id=skp.id,
        diminta_kepada_id=pid,
        status=StatusPermintaan.DIMINTA.value,
        pesan=teks(data.get("pesan"), "Pesan", maks=2000, galat=GalatPelaksanaan),
    )
    db.session.add(p)
    db.session.flush()
    catat("permintaan_umpan_balik", p.id, "tambah", sesudah={"skp_id": skp.id, "diminta_kepada_id": pid})
    q_kejadian.umpan_balik_diminta(p, skp)
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
        baris.append(
            {
                "rhk": x,
                "iki": list(x.iki),
                "realisasi": [r for r in real if r.rhk_id == x.id],
                "umpan_balik": [u for u in ub if u.rhk_id == x.id],
            }
        )
    perilaku = perilaku_skp(skp.id)
    for p in perilaku:
        p["umpan_balik"] = [u for u in ub if u.nilai_inti_id and nilai.get(u.nilai_inti_id) == p["kode"]]
    return {
        "periode": per,
        "format": format_rekam(skp),
        "judul": JUDUL_REKAM[format_rekam(skp)],
        "utama": [b for b in baris if b["rhk"].jenis == JenisRHK.UTAMA.value],
        "tambahan": [b for b in baris if b["rhk"].jenis != JenisRHK.UTAMA.value],
        "perilaku": perilaku,
        "jpt": skp.format_skp in ("A.1.1", "A.1.2"),
        "kuantitatif": skp.format_skp in ("A.1.2", "A.1.7"),
    }


def teks_realisasi(r: Realisasi) -> str:
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
