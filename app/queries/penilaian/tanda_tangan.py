"""Signing (D.1.1/D.1.2), delivery, receipt, return and reporting to the PyB (R7)."""

from __future__ import annotations

import hashlib
import json

from sqlalchemy import bindparam, select, update

from app import jam
from app.aksi import cek_versi
from app.extensions import db
from app.format import tanggal_saja
from app.queries import notifikasi as q_notifikasi
from app.queries import notifikasi_kejadian as q_kejadian
from app.queries import siasn as q_siasn  # the outbox row lands in the transaction that makes ev final
from app.queries.memo import instansi_utama
from app.queries.pegawai import identitas
from app.queries.penilaian.formulir import realisasi_dalam
from app.queries.penilaian.kalender import (
    akhir_tugas_pegawai,
    cuti_bersama,
    hari_kerja_awal_evaluasi,
    periode_ev,
    tenggat_atasan,
    waktu_ev,
)
from app.queries.penilaian.kewenangan import adalah_admin, boleh_menilai, penilai_sah_massal, wajib_menilai
from app.queries.penilaian.pembuatan import memakai_hasil_lama
from app.queries.penilaian.umum import SD, GalatPenilaian
from app.rules import format_dokumen_evaluasi
from app.rules.waktu import (
    tenggat_atasan_pengembalian,
    tenggat_atasan_penyampaian,
    tenggat_pengembalian,
    tenggat_penyampaian,
)
from app.security import roles as R
from app.security.audit import catat
from schema.enums import DinilaiOleh, JenisDokumen, JenisRHK, PeranTandaTangan
from schema.models import (
    CatatanPerilaku,
    EvaluasiKinerja,
    IndikatorKinerja,
    RatingRHK,
    Realisasi,
    RencanaHasilKerja,
    TandaTangan,
)


def kanonik(ev: dict, ratings: list, catatan: list) -> str:
    doc = {
        "evaluasi": {
            k: ev.get(k)
            for k in (
                "id",
                "skp_id",
                "pegawai_id",
                "penilai_id",
                "atasan_penilai_id",
                "jenis",
                "tahun",
                "periode_jenis",
                "periode_nomor",
                "capaian_organisasi",
                "capaian_tahun",
                "saran_rating_hasil_kerja",
                "rating_hasil_kerja",
                "alasan_rating_hasil_kerja",
                "saran_rating_perilaku",
                "rating_perilaku",
                "alasan_rating_perilaku",
                "predikat",
                "predikat_ipk",
                "catatan_rekomendasi",
                "format_dokumen",
                "dinilai_oleh",
            )
        },
        "rating_rhk": sorted([list(r) for r in ratings]),
        "catatan_perilaku": sorted([list(c) for c in catatan]),
    }
    return json.dumps(doc, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str)


def _dict_ev(ev) -> dict:
    return {c.key: getattr(ev, c.key) for c in EvaluasiKinerja.__table__.columns}


def hash_massal(evs: list, ganti: dict | None = None) -> dict[int, str]:
    """SHA-256 of exactly what is signed, for many evaluations in two queries. ``ganti``: id → column values
    about to be written (format, dinilai_oleh)."""
    ids = [e.id for e in evs]
    rat: dict[int, list] = {i: [] for i in ids}
    cat: dict[int, list] = {i: [] for i in ids}
    if ids:
        for eid, rid, r in db.session.execute(
            select(RatingRHK.evaluasi_id, RatingRHK.rhk_id, RatingRHK.rating).where(RatingRHK.evaluasi_id.in_(ids))
        ):
            rat[eid].append((rid, r or ""))
        for eid, nid, c in db.session.execute(
            select(CatatanPerilaku.evaluasi_id, CatatanPerilaku.nilai_inti_id, CatatanPerilaku.catatan).where(
                CatatanPerilaku.evaluasi_id.in_(ids)
            )
        ):
            cat[eid].append((nid, c))
    out = {}
    for e in evs:
        d = _dict_ev(e)
        d.update((ganti or {}).get(e.id, {}))
        out[e.id] = hashlib.sha256(kanonik(d, rat[e.id], cat[e.id]).encode("utf-8")).hexdigest()
    return out


def hash_evaluasi(ev) -> str:
    return hash_massal([ev])[ev.id]


def identitas_kepala_daerah() -> dict:
    """ID3 block 2 of a document evaluated by the Kepala Daerah (acted by PyB)."""
    nama, _, kepala = instansi_utama()
    return {
        "nama": kepala or "Kepala Daerah",
        "nip": None,
        "pangkat": None,
        "jabatan": "Kepala Daerah",
        "unit": nama or None,
    }


def _belum_lengkap(ev_ids: list[int]) -> set[int]:
    """Evaluations with at least one RHK not yet rated (one query)."""
    if not ev_ids:
        return set()
    return set(
        db.session.scalars(
            select(RatingRHK.evaluasi_id)
            .where(RatingRHK.evaluasi_id.in_(ev_ids), RatingRHK.rating.is_(None))
            .distinct()
        )
    )


def _siap_ditandatangani(ev) -> str | None:
    if not ev.rating_hasil_kerja or not ev.rating_perilaku or not ev.predikat:
        return "rating hasil kerja, rating perilaku kerja, dan predikat belum lengkap"
    return None


def belum_didokumentasikan(evs: list) -> dict[int, list[dict]]:
    """Per evaluation, the RHK with IKI lacking a realisasi in the evaluation period (B.1.2): evaluation id →
    [{"rhk": text, "utama": bool, "iki": [texts]}]; only evaluations with gaps. Two queries for any number.
    A realisasi without an IKI documents the whole RHK."""
    evs = [e for e in evs if not memakai_hasil_lama(e)]  # a taken-over result is not rated from documentation
    if not evs:
        return {}
    s = db.session

    skp_ids = {e.skp_id for e in evs}
    rencana: dict[int, list] = {}
    for r in s.execute(
        select(
            RencanaHasilKerja.skp_id,
            RencanaHasilKerja.id,
            RencanaHasilKerja.uraian,
            RencanaHasilKerja.jenis,
            RencanaHasilKerja.urutan,
            IndikatorKinerja.id.label("iki_id"),
            IndikatorKinerja.uraian.label("iki"),
        )
        .outerjoin(IndikatorKinerja, IndikatorKinerja.rhk_id == RencanaHasilKerja.id)
        .where(RencanaHasilKerja.skp_id.in_(skp_ids))
        .order_by(
            RencanaHasilKerja.skp_id,
            RencanaHasilKerja.jenis != JenisRHK.UTAMA.value,
            RencanaHasilKerja.urutan,
            IndikatorKinerja.urutan,
        )
    ):
        rencana.setdefault(r.skp_id, []).append(r)
    real: dict[int, list] = {}
    for r in s.execute(
        select(
            Realisasi.skp_id,
            Realisasi.rhk_id,
            Realisasi.iki_id,
            Realisasi.tahun,
            Realisasi.periode_jenis,
            Realisasi.periode_nomor,
        ).where(Realisasi.skp_id.in_(skp_ids))
    ):
        real.setdefault(r.skp_id, []).append(r)
    out = {}
    for e in evs:
        ada = realisasi_dalam(periode_ev(e), e.tahun, [r for r in real.get(e.skp_id, ()) if r.tahun == e.tahun])
        rhk_utuh = {r.rhk_id for r in ada if r.iki_id is None}
        iki_ada = {r.iki_id for r in ada if r.iki_id is not None}
        baris: dict[int, dict] = {}
        for r in rencana.get(e.skp_id, ()):
            if r.id in rhk_utuh or (r.iki_id is not None and r.iki_id in iki_ada):
                continue
            if r.iki_id is None and r.id in {x.rhk_id for x in ada}:
                continue
            b = baris.setdefault(r.id, {"rhk": r.uraian, "utama": r.jenis == JenisRHK.UTAMA.value, "iki": []})
            if r.iki:
                b["iki"].append(r.iki)
        if baris:
            out[e.id] = list(baris.values())
    return out


PESAN_BELUM_DIDOKUMENTASIKAN = "RHK belum didokumentasikan pada periode ini; konfirmasi dahulu"


def _periksa_tanda_tangan(evs: list, k, hari, cuti, konfirmasi_dokumentasi: bool):
    """Per row, in memory: (ok [(ev, Berwenang)], refusals, {ev id: undocumented RHK} of rows refused only
    for want of the confirmation)."""
    wenang = penilai_sah_massal(evs, hari)
    kurang = _belum_lengkap([e.id for e in evs])
    awal = {t: hari_kerja_awal_evaluasi(t) for t in {e.tahun for e in evs}}
    akhir = akhir_tugas_pegawai(e.pegawai_id for e in evs)
    kosong = {} if konfirmasi_dokumentasi else belum_didokumentasikan(evs)
    ok, tolak, tunda = [], [], {}
    for e in evs:
        b = wenang[e.id]
        w = waktu_ev(e, hari, cuti, awal[e.tahun], b.tanggal_mutasi, akhir.get(e.pegawai_id, (None, None)))
        if e.status_dokumen != SD.DRAF.value or not e.aktif:
            tolak.append(f"{e.id}: sudah ditandatangani")
        elif not boleh_menilai(e, k, b):
            tolak.append(f"{e.id}: tidak berwenang — {b.penjelasan}")
        elif not w.boleh:
            tolak.append(f"{e.id}: {w.alasan}")
        elif e.id in kurang and not memakai_hasil_lama(e):
            tolak.append(f"{e.id}: masih ada RHK yang belum diberi rating")
        elif _siap_ditandatangani(e):
            tolak.append(f"{e.id}: {_siap_ditandatangani(e)}")
        elif b.terlambat and hari > tenggat_atasan(e, cuti) and not adalah_admin(k):
            tolak.append(f"{e.id}: tenggat atasan menilai ({tanggal_saja(tenggat_atasan(e, cuti))}) telah lewat")
        elif e.id in kosong:
            tolak.append(f"{e.id}: {len(kosong[e.id])} {PESAN_BELUM_DIDOKUMENTASIKAN}")
            tunda[e.id] = kosong[e.id]
        else:
            ok.append((e, b))
    return ok, tolak, tunda


def perlu_konfirmasi(evs: list, k) -> dict[int, list[dict]]:
    """The undocumented RHK/IKI of the evaluations that could otherwise be signed now (the confirmation page
    lists them); empty when nothing needs confirming."""
    return _periksa_tanda_tangan(evs, k, jam.hari_ini(), cuti_bersama(), False)[2]


def tandatangani_massal(evs: list, k, user, konfirmasi_dokumentasi: bool = False) -> tuple[list, list[str]]:
    """Sign drafts (the single "Tetapkan" and the bulk action): per row the authority (R15), the time
    (``app.rules.waktu_evaluasi``: not before the end of the period unless the evaluator leaves earlier) and
    completeness are checked in memory; an evaluation with undocumented RHK/IKI is signed only when the
    signer confirmed that (``konfirmasi_dokumentasi``, after seeing the list). Writes are one executemany
    UPDATE and one executemany INSERT of signatures."""
    s = db.session
    cuti = cuti_bersama()
    hari = jam.hari_ini()
    ok, tolak, _ = _periksa_tanda_tangan(evs, k, hari, cuti, konfirmasi_dokumentasi)
    if not ok:
        return [], tolak
    ganti = {}
    for e, b in ok:
        ganti[e.id] = {
            "format_dokumen": format_dokumen_evaluasi(dinilai_oleh_atasan_karena_terlambat=b.terlambat),
            "dinilai_oleh": b.dinilai_oleh,
            # the person who evaluates is the one on the document (new holder, delegated Plt/Plh)
            "penilai_id": (
                b.pegawai_id
                if b.dinilai_oleh in (DinilaiOleh.PENILAI.value, DinilaiOleh.PLT_PLH.value) and b.pegawai_id
                else e.penilai_id
            ),
        }
    hashes = hash_massal([e for e, _ in ok], ganti)
    now = jam.sekarang_utc()
    ident = identitas(k.pegawai_id) if k.pegawai_id else {"nama": None, "nip": None}
    nama = ident["nama"] or (f"{getattr(user, 'first_name', '')} {getattr(user, 'last_name', '')}".strip() or "—")
    kd_nama = None
    if any(b.kepala_daerah for _, b in ok):
        kd_nama = instansi_utama()[2]
    upd, tt = [], []
    for e, b in ok:
        g = ganti[e.id]
        atasan = g["dinilai_oleh"] == DinilaiOleh.ATASAN_PENILAI.value
        # final: late evaluator → atasan (001 "Evaluasi Kinerja" 11); Kepala Daerah (ibid. 12 c, e)
        final = b.final
        if b.kepala_daerah:
            peran, pid_tt, nama_tt, nip_tt = PeranTandaTangan.KEPALA_DAERAH.value, None, kd_nama or nama, None
        else:
            peran = PeranTandaTangan.ATASAN_PENILAI.value if atasan else PeranTandaTangan.PEJABAT_PENILAI.value
            pid_tt, nama_tt, nip_tt = k.pegawai_id, nama, ident["nip"]
        tenggat = (
            tenggat_atasan_penyampaian(hari, cuti)
            if g["format_dokumen"] == "D.1.2"
            else tenggat_penyampaian(hari, cuti)
        )
        upd.append(
            {
                "b_id": e.id,
                "b_versi": e.versi,
                "status_dokumen": SD.DITANDATANGANI.value,
                "format_dokumen": g["format_dokumen"],
                "dinilai_oleh": g["dinilai_oleh"],
                "is_final": final,
                "penilai_id": g["penilai_id"],
                "tanggal_ditandatangani": now,
                "tenggat_penyampaian": tenggat,
                "diubah_pada": now,
            }
        )
        tt.append(
            {
                "jenis_dokumen": JenisDokumen.EVALUASI.value,
                "dokumen_id": e.id,
                "peran": peran,
                "pegawai_id": pid_tt,
                "user_id": getattr(user, "id", None),
                "nama": nama_tt,
                "nip": nip_tt,
                "waktu": now,
                "hash_sha256": hashes[e.id],
                "tempat": None,
            }
        )
    t = EvaluasiKinerja.__table__
    stmt = (
        update(t)
        .where(t.c.id == bindparam("b_id"), t.c.versi == bindparam("b_versi"))
        .values(
            status_dokumen=bindparam("status_dokumen"),
            format_dokumen=bindparam("format_dokumen"),
            dinilai_oleh=bindparam("dinilai_oleh"),
            is_final=bindparam("is_final"),
            penilai_id=bindparam("penilai_id"),
            tanggal_ditandatangani=bindparam("tanggal_ditandatangani"),
            tenggat_penyampaian=bindparam("tenggat_penyampaian"),
            diubah_pada=bindparam("diubah_pada"),
            versi=t.c.versi + 1,
        )
    )
    s.connection().execute(stmt, upd)
    s.connection().execute(TandaTangan.__table__.insert(), tt)
    catat(
        "evaluasi_kinerja",
        None,
        "tanda_tangan",
        sesudah={"aksi": "tetapkan", "ids": [e.id for e, _ in ok], "hash": {e.id: hashes[e.id] for e, _ in ok}},
    )
    for e, _ in ok:
        s.expire(e)
    return [e for e, _ in ok], tolak


def tandatangani(ev, k, user, versi=None, konfirmasi_dokumentasi: bool = False):
    wajib_menilai(ev, k)
    cek_versi(ev, versi, galat=GalatPenilaian)
    ok, tolak = tandatangani_massal([ev], k, user, konfirmasi_dokumentasi)
    if not ok:
        raise GalatPenilaian("Evaluasi belum dapat ditandatangani: " + "; ".join(t.split(": ", 1)[1] for t in tolak))
    return ev


_TANDA_TANGAN_EVALUASI = (  # built once: read on every evaluation page
    select(TandaTangan)
    .where(TandaTangan.jenis_dokumen == JenisDokumen.EVALUASI.value, TandaTangan.dokumen_id == bindparam("ev"))
    .order_by(TandaTangan.waktu, TandaTangan.id)
)


def tanda_tangan_evaluasi(ev_id: int) -> list[TandaTangan]:
    return db.session.scalars(_TANDA_TANGAN_EVALUASI, {"ev": ev_id}).all()


def _penanda_tangan(ev) -> int | None:
    # D.1.3 is the atasan's decision on a keberatan, signed by the atasan (001 Lampiran "Keberatan" 7)
    if ev.dinilai_oleh == DinilaiOleh.ATASAN_PENILAI.value or ev.format_dokumen == "D.1.3":
        return ev.atasan_penilai_id
    return ev.penilai_id


def boleh_sampaikan(ev, k) -> bool:
    if ev.dinilai_oleh == DinilaiOleh.KEPALA_DAERAH.value:  # delivered by the PyB acting for the Kepala Daerah
        return adalah_admin(k) or R.PYB in k.role_names
    return adalah_admin(k) or bool(k.pegawai_id and k.pegawai_id == _penanda_tangan(ev))


def sampaikan(ev, k, versi=None):
    cek_versi(ev, versi, galat=GalatPenilaian)
    if ev.status_dokumen != SD.DITANDATANGANI.value:
        raise GalatPenilaian("Hanya dokumen yang sudah ditandatangani dan belum disampaikan yang dapat disampaikan.")
    if not boleh_sampaikan(ev, k):
        raise GalatPenilaian("Dokumen disampaikan oleh pejabat yang menandatanganinya.")
    ev.status_dokumen = SD.DISAMPAIKAN.value
    ev.tanggal_disampaikan = jam.hari_ini()
    db.session.flush()
    hari, cuti = ev.tanggal_disampaikan, cuti_bersama()
    batas = (
        tenggat_atasan_pengembalian(hari, cuti) if ev.format_dokumen == "D.1.2" else tenggat_pengembalian(hari, cuti)
    )
    q_notifikasi.evaluasi_disampaikan(ev, batas, tanggal_saja(batas))


def terima(ev, k, user, versi=None):
    """The employee signs receipt (001 "Tindak lanjut" 6/9): the return and objection clocks start."""
    cek_versi(ev, versi, galat=GalatPenilaian)
    if ev.status_dokumen != SD.DISAMPAIKAN.value:
        raise GalatPenilaian("Dokumen belum disampaikan kepada Anda atau sudah diterima.")
    if not (k.pegawai_id and k.pegawai_id == ev.pegawai_id):
        raise GalatPenilaian("Hanya pegawai yang dinilai yang menandatangani penerimaan dokumen.")
    hari = jam.hari_ini()
    cuti = cuti_bersama()
    ev.status_dokumen = SD.DITERIMA.value
    ev.tanggal_diterima = hari
    ev.tenggat_pengembalian = (
        tenggat_atasan_pengembalian(hari, cuti) if ev.format_dokumen == "D.1.2" else tenggat_pengembalian(hari, cuti)
    )
    ident = identitas(ev.pegawai_id)
    db.session.flush()
    q_siasn.antrekan_bila_final(ev, "Hasil final diterima pegawai.")  # R7/R15: no keberatan to wait for
    tt = TandaTangan(
        jenis_dokumen=JenisDokumen.EVALUASI.value,
        dokumen_id=ev.id,
        peran=PeranTandaTangan.PEGAWAI.value,
        pegawai_id=ev.pegawai_id,
        user_id=getattr(user, "id", None),
        nama=ident["nama"] or "—",
        nip=ident["nip"],
        waktu=jam.sekarang_utc(),
        hash_sha256=hash_evaluasi(ev),
    )
    db.session.add(tt)
    db.session.flush()


def kembalikan(ev, k, versi=None):
    cek_versi(ev, versi, galat=GalatPenilaian)
    if ev.status_dokumen != SD.DITERIMA.value:
        raise GalatPenilaian("Dokumen dapat dikembalikan setelah penerimaannya ditandatangani.")
    if not (k.pegawai_id and k.pegawai_id == ev.pegawai_id):
        raise GalatPenilaian("Hanya pegawai yang dinilai yang mengembalikan dokumen.")
    ev.status_dokumen = SD.FINAL.value if ev.is_final else SD.DIKEMBALIKAN.value
    ev.tanggal_dikembalikan = jam.hari_ini()
    db.session.flush()
    q_siasn.antrekan_bila_final(ev, "Hasil final dikembalikan pegawai.")
    q_kejadian.evaluasi_dikembalikan(ev, _penanda_tangan(ev))  # the signer reports it to the PyB next


LAPORKAN_STATUS = (SD.DITERIMA.value, SD.DIKEMBALIKAN.value, SD.FINAL.value)


def laporkan_massal(evs: list, k) -> tuple[int, list[str]]:
    """Reported up to the PyB (001 "Tindak lanjut" 7/10): one executemany UPDATE."""
    ok, tolak = [], []
    operator = bool(k.role_names & {R.ADMIN, R.OPERATOR})
    for e in evs:
        if e.status_dokumen not in LAPORKAN_STATUS:
            tolak.append(f"{e.id}: dokumen belum diterima pegawai")
        elif e.tanggal_dilaporkan:
            tolak.append(f"{e.id}: sudah dilaporkan")
        elif not (operator or (k.pegawai_id and k.pegawai_id in (e.penilai_id, e.atasan_penilai_id))):
            tolak.append(f"{e.id}: tidak berwenang")
        else:
            ok.append(e)
    if ok:
        t = EvaluasiKinerja.__table__
        hari = jam.hari_ini()
        db.session.connection().execute(
            update(t)
            .where(t.c.id == bindparam("b_id"), t.c.versi == bindparam("b_versi"))
            .values(tanggal_dilaporkan=hari, versi=t.c.versi + 1, diubah_pada=jam.sekarang_utc()),
            [{"b_id": e.id, "b_versi": e.versi} for e in ok],
        )
        catat(
            "evaluasi_kinerja",
            None,
            "ubah",
            sesudah={"aksi": "laporkan", "ids": [e.id for e in ok], "tanggal_dilaporkan": hari.isoformat()},
        )
        for e in ok:
            db.session.expire(e)
    return len(ok), tolak
