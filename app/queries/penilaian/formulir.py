"""The evaluation form: its data, the system's suggested ratings (R3/R4) and saving it."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Select, and_, bindparam, or_, select
from sqlalchemy.orm import joinedload

from app import jam
from app.aksi import cek_versi, teks
from app.extensions import db
from app.queries.penilaian.kalender import periode_ev
from app.queries.penilaian.kewenangan import wajib_menilai
from app.queries.penilaian.umum import FORMAT_C, GalatPenilaian, sesi
from app.rules import (
    CapaianOrganisasi,
    JenisEvaluasi,
    JenisJabatan,
    Predikat,
    Rating,
    cek_ipk,
    daftar_periode,
    format_hasil_evaluasi,
    predikat,
    predikat_dominan,
    predikat_tugas_belajar,
    saran_rating_hasil_kerja,
    saran_rating_perilaku,
)
from app.rules import PitaIPK as PitaIPKRule
from app.rules.waktu import Periode
from schema.enums import JenisRHK
from schema.models import (
    SKP,
    CatatanPerilaku,
    EkspektasiKhusus,
    EvaluasiKinerja,
    NilaiInti,
    PerilakuPanduan,
    PitaIPK,
    RatingRHK,
    Realisasi,
    RencanaHasilKerja,
    TugasBelajar,
    UmpanBalik,
)


def realisasi_dalam(periode_obj: Periode, tahun: int, rows) -> list:
    """Documentation rows whose own period (any kind) lies in the evaluation period."""
    out = []
    for r in rows:
        try:
            p = daftar_periode(tahun, r.periode_jenis)[r.periode_nomor - 1]
        except (IndexError, ValueError):
            continue
        if periode_obj.mulai <= p.akhir and p.mulai <= periode_obj.akhir:
            out.append(r)
    return out


def tugas_belajar(ev, session=None) -> dict | None:
    """R8: the IPK guidance for an employee on study leave during the evaluation period."""
    s = sesi(session)
    p = periode_ev(ev)
    tb = s.scalar(
        select(TugasBelajar)
        .where(
            TugasBelajar.pegawai_id == ev.pegawai_id,
            TugasBelajar.mulai <= p.akhir,
            or_(TugasBelajar.selesai_aktual.is_(None), TugasBelajar.selesai_aktual >= p.mulai),
        )
        .order_by(TugasBelajar.mulai.desc())
        .limit(1)
    )
    if tb is None:
        return None
    bands = [
        PitaIPKRule(
            b.jenjang,
            b.luar_negeri,
            b.akreditasi_pt,
            b.akreditasi_prodi_min,
            Predikat.coerce(b.predikat),
            b.ipk_min,
            b.ipk_max,
        )
        for b in s.scalars(select(PitaIPK))
    ]
    if tb.ipk:
        h = cek_ipk(tb.ipk, tb.jenjang, tb.luar_negeri, tb.akreditasi_pt, tb.akreditasi_prodi, bands or None)
        pred, alasan = h.predikat, h.alasan
    else:
        pred, alasan = None, "IPK belum diisi pada data tugas belajar."
    return {"tb": tb, "predikat_ipk": pred, "alasan": alasan, "gagal": bool(tb.gagal)}


_RATING_DARI_IPK = {Predikat.SANGAT_BAIK: Rating.DIATAS, Predikat.BAIK: Rating.SESUAI}


def saran_dari_ipk(pred: Predikat | None) -> Rating | None:
    """Tugas belajar: the academic result is the SKP's result (R8) — Sangat Baik → Di Atas, Baik → Sesuai,
    below → Di Bawah (decision; the regulation gives only the IPK bands)."""
    if pred is None:
        return None
    return _RATING_DARI_IPK.get(pred, Rating.DIBAWAH)


# the form's statements are built once (bound parameters): building them per request cost as much CPU as
# running them
_RHK = (  # the SKP's RHK with their indicators and parent RHK in one statement (a few indicators per RHK)
    select(RencanaHasilKerja)
    .where(RencanaHasilKerja.skp_id == bindparam("skp"))
    .order_by(RencanaHasilKerja.urutan, RencanaHasilKerja.id)
    .options(joinedload(RencanaHasilKerja.iki), joinedload(RencanaHasilKerja.rhk_atasan))
)
_REALISASI = (
    select(Realisasi)
    .where(Realisasi.skp_id == bindparam("skp"), Realisasi.tahun == bindparam("tahun"))
    .order_by(Realisasi.periode_nomor, Realisasi.id)
)
_UMPAN_BALIK = (
    select(UmpanBalik)
    .where(
        UmpanBalik.skp_id == bindparam("skp"),
        UmpanBalik.tanggal >= bindparam("mulai"),
        UmpanBalik.tanggal <= bindparam("akhir"),
    )
    .order_by(UmpanBalik.tanggal)
)
# the core values in order with their guidance behaviours, the SKP's special expectation and the evaluator's
# note for each (one expectation per SKP and value, one note per evaluation and value: both unique)
_PERILAKU: Select[*tuple[Any, ...]] = (
    select(
        NilaiInti.id,
        NilaiInti.kode,
        NilaiInti.nama,
        PerilakuPanduan.uraian,
        EkspektasiKhusus.uraian,
        CatatanPerilaku.catatan,
    )
    .outerjoin(PerilakuPanduan, PerilakuPanduan.nilai_inti_id == NilaiInti.id)
    .outerjoin(
        EkspektasiKhusus,
        and_(EkspektasiKhusus.nilai_inti_id == NilaiInti.id, EkspektasiKhusus.skp_id == bindparam("skp")),
    )
    .outerjoin(
        CatatanPerilaku,
        and_(CatatanPerilaku.nilai_inti_id == NilaiInti.id, CatatanPerilaku.evaluasi_id == bindparam("evaluasi")),
    )
    .order_by(NilaiInti.urutan, NilaiInti.id, PerilakuPanduan.urutan)
)


def data_formulir(ev: EvaluasiKinerja) -> dict:
    """Everything the evaluation form / C.1.x shows, in a fixed number of queries."""
    s = db.session
    skp = ev.skp  # loaded with the evaluation (muat_evaluasi)
    # its RHK with indicators and parents (one statement)
    rhk = s.scalars(_RHK, {"skp": ev.skp_id}).unique()
    p = periode_ev(ev)
    # the ratings loaded with the evaluation (muat_evaluasi) are reused; otherwise read once
    dimuat = "rating_rhk" in ev.__dict__ and not any(isinstance(o, RatingRHK) for o in s.new)
    rows = ev.rating_rhk if dimuat else s.scalars(select(RatingRHK).where(RatingRHK.evaluasi_id == ev.id))
    rating = {r.rhk_id: r for r in rows}
    real = realisasi_dalam(p, ev.tahun, s.scalars(_REALISASI, {"skp": ev.skp_id, "tahun": ev.tahun}))
    real_rhk: dict[int, list] = {}
    for r in real:
        real_rhk.setdefault(r.rhk_id, []).append(r)
    ub_rhk: dict[int, list] = {}
    ub_nilai: dict[int, list] = {}
    for u in s.scalars(_UMPAN_BALIK, {"skp": ev.skp_id, "mulai": p.mulai, "akhir": p.akhir}):
        if u.rhk_id:
            ub_rhk.setdefault(u.rhk_id, []).append(u)
        else:
            ub_nilai.setdefault(u.nilai_inti_id, []).append(u)
    rhk = sorted(rhk, key=lambda x: (x.jenis != JenisRHK.UTAMA.value, x.urutan))
    baris = [
        {
            "rhk": x,
            "utama": x.jenis == JenisRHK.UTAMA.value,
            "iki": list(x.iki),
            "rating": rating[x.id].rating if x.id in rating else None,
            "realisasi": real_rhk.get(x.id, []),
            "umpan_balik": ub_rhk.get(x.id, []),
        }
        for x in rhk
    ]
    perilaku = _perilaku(ev, ub_nilai)
    tb = tugas_belajar(ev) if skp.is_tugas_belajar else None
    positif = [u.positif for b in baris for u in b["umpan_balik"]]
    saran_hk = _saran_hk(baris, positif, tb)
    periodik = []
    if ev.jenis == JenisEvaluasi.TAHUNAN.value:  # the year's periodic results as context
        periodik = s.execute(
            select(
                EvaluasiKinerja.periode_jenis,
                EvaluasiKinerja.periode_nomor,
                EvaluasiKinerja.rating_hasil_kerja,
                EvaluasiKinerja.rating_perilaku,
                EvaluasiKinerja.predikat,
                EvaluasiKinerja.status_dokumen,
            )
            .where(
                EvaluasiKinerja.pegawai_id == ev.pegawai_id,
                EvaluasiKinerja.tahun == ev.tahun,
                EvaluasiKinerja.jenis == JenisEvaluasi.PERIODIK.value,
                EvaluasiKinerja.aktif.is_(True),
            )
            .order_by(EvaluasiKinerja.periode_nomor)
        ).all()
    cap = CapaianOrganisasi.coerce(ev.capaian_organisasi) if ev.capaian_organisasi else None
    return {
        "skp": skp,
        "periode": p,
        "baris": baris,
        "rhk_utama": [b for b in baris if b["utama"]],
        "rhk_tambahan": [b for b in baris if not b["utama"]],
        "diambil_alih": [b for b in baris if b["rhk"].diambil_alih],
        "perilaku": perilaku,
        "tugas_belajar": tb,
        "saran_hk": saran_hk,
        "periodik": periodik,
        "capaian": cap,
        "dominan": predikat_dominan(cap) if cap else None,
        "format_c": format_c(skp),
        "format_c_judul": FORMAT_C[format_c(skp)],
        "kuantitatif": skp.pendekatan == "kuantitatif",
        "jpt": skp.format_skp in ("A.1.1", "A.1.2"),
    }


def _perilaku(ev: EvaluasiKinerja, ub_nilai: dict[int, list]) -> list[dict]:
    """The form's behaviour rows (``_PERILAKU``, one statement), with the period's feedback per value."""
    rows = db.session.execute(_PERILAKU, {"skp": ev.skp_id, "evaluasi": ev.id})
    out: dict[int, dict] = {}
    for nid, kode, nama, uraian, ekspektasi, catatan in rows:
        n = out.get(nid)
        if n is None:
            n = out[nid] = {
                "id": nid,
                "kode": kode,
                "nama": nama,
                "perilaku": [],
                "ekspektasi": ekspektasi,
                "catatan": catatan,
                "umpan_balik": ub_nilai.get(nid, []),
            }
        if uraian is not None:
            n["perilaku"].append(uraian)
    return list(out.values())


def format_c(skp: SKP) -> str:
    jenis = JenisJabatan.JPT_PRATAMA if skp.format_skp in ("A.1.1", "A.1.2") else JenisJabatan.PELAKSANA
    return format_hasil_evaluasi(jenis, skp.pendekatan)


def _saran_hk(baris, positif, tb) -> Rating | None:
    if tb is not None:
        return saran_dari_ipk(tb["predikat_ipk"])
    dinilai = [(b["utama"], b["rating"]) for b in baris if b["rating"]]
    if not baris or len(dinilai) < len(baris):
        return None  # every RHK is rated first (R3)
    return saran_rating_hasil_kerja(dinilai, positif)


def _rating(nilai, nama: str, wajib: bool = False) -> str | None:
    if nilai in (None, ""):
        if wajib:
            raise GalatPenilaian(f"{nama} wajib dipilih.")
        return None
    try:
        return Rating.coerce(nilai).value
    except ValueError:
        raise GalatPenilaian(f'{nama}: pilihan "{nilai}" tidak dikenal.') from None


def _simpan_catatan(ev: EvaluasiKinerja, perilaku: list[dict], form) -> None:
    """The behaviour notes: only a note whose text changed (``data_formulir`` read the current ones) needs its
    row, so an unchanged form reads nothing more."""
    s = db.session
    ubah = {}
    for n in perilaku:
        isi = teks(
            form.get(f"catatan_perilaku_{n['id']}"), f"Catatan perilaku {n['nama']}", maks=4000, galat=GalatPenilaian
        )
        if isi != n["catatan"]:
            ubah[n["id"]] = isi
    if not ubah:
        return
    catatan = {
        c.nilai_inti_id: c
        for c in s.scalars(
            select(CatatanPerilaku).where(
                CatatanPerilaku.evaluasi_id == ev.id, CatatanPerilaku.nilai_inti_id.in_(list(ubah))
            )
        )
    }
    for nid, isi in ubah.items():
        c = catatan.get(nid)
        if isi and c is None:
            s.add(CatatanPerilaku(evaluasi_id=ev.id, nilai_inti_id=nid, catatan=isi))
        elif isi:
            c.catatan = isi
        elif c is not None:
            s.delete(c)


def simpan_penilaian(ev: EvaluasiKinerja, k, form) -> EvaluasiKinerja:
    """Save the evaluation form: per-RHK ratings, behaviour notes, suggested vs chosen ratings (a reason is
    required when they differ, R3/R4), predikat from the kuadran (R2) or the tugas-belajar rule."""
    wajib_menilai(ev, k)
    cek_versi(ev, form.get("versi"), galat=GalatPenilaian)
    s = db.session
    data = data_formulir(ev)
    ratings = {r.rhk_id: r for r in ev.rating_rhk}
    for b in data["baris"]:
        x = b["rhk"]
        v = _rating(form.get(f"rating_rhk_{x.id}"), f'Rating RHK "{x.uraian[:60]}"')
        r = ratings.get(x.id)
        if r is None:
            r = RatingRHK(evaluasi_id=ev.id, rhk_id=x.id)
            s.add(r)
        r.rating = v
        b["rating"] = v
    _simpan_catatan(ev, data["perilaku"], form)
    positif = [u.positif for b in data["baris"] for u in b["umpan_balik"]]
    tb = data["tugas_belajar"]
    saran_hk = _saran_hk(data["baris"], positif, tb)
    konsisten = bool(form.get("konsisten"))
    saran_pk = saran_rating_perilaku(konsisten, konsisten and bool(form.get("penjaga_nilai")))
    hk = _rating(form.get("rating_hasil_kerja"), "Rating hasil kerja")
    pk = _rating(form.get("rating_perilaku"), "Rating perilaku kerja")
    alasan_hk = teks(
        form.get("alasan_rating_hasil_kerja"), "Alasan rating hasil kerja", maks=4000, galat=GalatPenilaian
    )
    alasan_pk = teks(
        form.get("alasan_rating_perilaku"), "Alasan rating perilaku kerja", maks=4000, galat=GalatPenilaian
    )
    if hk and saran_hk and hk != saran_hk.value and not alasan_hk:
        raise GalatPenilaian(
            f"Rating hasil kerja berbeda dari saran sistem ({saran_hk.label}): alasan wajib "
            'diisi (001 Lampiran "Evaluasi Kinerja" B.3).'
        )
    if pk and pk != saran_pk.value and not alasan_pk:
        raise GalatPenilaian(
            f"Rating perilaku kerja berbeda dari saran sistem ({saran_pk.label}): alasan wajib "
            'diisi (001 Lampiran "Evaluasi Kinerja" B.3).'
        )
    ev.saran_rating_hasil_kerja = saran_hk.value if saran_hk else None
    ev.saran_rating_perilaku = saran_pk.value
    ev.rating_hasil_kerja, ev.rating_perilaku = hk, pk
    ev.alasan_rating_hasil_kerja = (
        alasan_hk if hk and saran_hk and hk != saran_hk.value else (alasan_hk if not saran_hk else None)
    )
    ev.alasan_rating_perilaku = alasan_pk if pk and pk != saran_pk.value else None
    ev.catatan_rekomendasi = teks(
        form.get("catatan_rekomendasi"), "Catatan rekomendasi", maks=4000, galat=GalatPenilaian
    )
    ev.predikat_ipk = tb["predikat_ipk"].value if tb and tb["predikat_ipk"] else None
    if tb and tb["gagal"] and pk:
        ev.predikat = predikat_tugas_belajar(pk, gagal=True).value
    elif hk and pk:
        ev.predikat = predikat(hk, pk).value
    else:
        ev.predikat = None
    ev.diubah_pada = jam.sekarang_utc()
    s.flush()
    return ev
