"""Penilaian (issue 7): evaluations generated from the SKP, suggestion/reason/predikat (R2–R4), capaian and
distribution (R5), periods and working-day deadlines (R6–R7), who may evaluate (R15), signed documents
D.1.1–D.1.3 with C.1.x, keberatan.

Shared by the views, the REST API, the demo seeder and the tests. Callers own the transaction: functions here
only add/flush; the view commits once per user action (or rolls back on ``GalatPenilaian``).

Interpretations (documented, configurable later):

* "jangka waktu evaluasi" (001 Lampiran "Tindak lanjut" 8; "Evaluasi Kinerja" 11) ends with the evaluation
  period for a periodic evaluation and on 31 January of the next year for the annual one
  (``jendela_evaluasi_tahunan``). After it the evaluator is late: the atasan evaluates and signs (D.1.2, final)
  within 14 working days; the evaluator can no longer sign.
* It starts at the period's end (``app.rules.waktu_evaluasi``): an evaluation is created and signed from the
  N-th last working day of its period (``konfigurasi_periode.hari_kerja_awal_evaluasi``, default 5), earlier
  only when the evaluator leaves inside the R15 window (contoh Purnama: before the transfer date).
* The capaian counted is that of the unit led by the employee's evaluator (001 B.1 g): the evaluator's unit.
  Periodic: the unit's figure for that period, else the year's annual figure if already published, else the
  previous year's (001 B.1 f). Annual: ``capaian_yang_dipakai``.
* Working days exclude national holidays (``holidays``) and the cuti bersama in ``hari_libur``.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass
from functools import lru_cache

from sqlalchemy import and_, bindparam, case, func, or_, select, update
from sqlalchemy.orm import joinedload, selectinload

from app import jam
from app.aksi import PESAN_BASI  # noqa: F401 - the views show q.PESAN_BASI
from app.aksi import Ditolak, cek_versi, teks
from app.extensions import db
from app.rules import (
    KUADRAN, CapaianOrganisasi, JenisEvaluasi, JenisJabatan, JenisPenilai, JenisPeriode, KeputusanKeberatan,
    PitaIPK as PitaIPKRule, Predikat, Rating, StatusDokumen, StatusPegawai, StatusSKP, bandingkan_distribusi,
    capaian_yang_dipakai, cek_ipk, cek_keberatan, daftar_periode, format_dokumen_evaluasi, format_hasil_evaluasi,
    penilai_berwenang, predikat, predikat_dominan, predikat_tugas_belajar, saran_rating_hasil_kerja,
    saran_rating_perilaku, waktu_evaluasi,
)
from app.rules.waktu import (
    HARI_KERJA_AWAL_EVALUASI, HARI_KERJA_KEBERATAN, Periode, WaktuEvaluasi, jendela_evaluasi_periodik,
    jendela_evaluasi_tahunan, tenggat_atasan_menilai, tenggat_atasan_pengembalian,
    tenggat_atasan_penyampaian, tenggat_keputusan_keberatan, tenggat_laporan_pyb, tenggat_pengajuan_keberatan,
    tenggat_pengembalian, tenggat_penyampaian,
)
from app.security import roles as R
from app.security.audit import catat
from schema.enums import DinilaiOleh, JenisDokumen, JenisRHK, PeranTandaTangan
from schema.models import (
    SKP, CapaianKinerjaOrganisasi, CatatanPerilaku, EkspektasiKhusus, EvaluasiKinerja, HariLibur,
    Instansi, Keberatan, KonfigurasiPeriode, NilaiInti, Pegawai, PitaIPK, RatingRHK, Realisasi, RencanaHasilKerja,
    TandaTangan, TugasBelajar, UmpanBalik, UnitKerja,
)

SD = StatusDokumen
PESAN_TERKUNCI = ("Evaluasi ini sudah ditandatangani sehingga tidak dapat diubah. Perubahan hasil hanya melalui "
                  "keputusan atas keberatan (D.1.3).")
ROMAWI = ("I", "II", "III", "IV")
FORMAT_C = {"C.1.1": "HASIL EVALUASI KINERJA PEGAWAI PENDEKATAN HASIL KERJA KUALITATIF",
            "C.1.2": "HASIL EVALUASI KINERJA PEGAWAI PENDEKATAN HASIL KERJA KUANTITATIF BAGI PEJABAT PIMPINAN "
                     "TINGGI DAN PIMPINAN UNIT KERJA MANDIRI",
            "C.1.3": "HASIL EVALUASI KINERJA PEGAWAI PENDEKATAN HASIL KERJA KUANTITATIF BAGI PEJABAT ADMINISTRASI "
                     "DAN PEJABAT FUNGSIONAL"}
SKP_BERLAKU = (StatusSKP.DITETAPKAN.value,)


class GalatPenilaian(Ditolak):
    """A refused user action; the message is shown to the user as is (Indonesian)."""


def _s(session):
    return session if session is not None else db.session


# ---------------------------------------------------------------------------------------------------------
# calendar: configuration, periods, working-day deadlines (R6, R7)
# ---------------------------------------------------------------------------------------------------------

def cuti_bersama(session=None) -> frozenset[dt.date]:
    return frozenset(_s(session).scalars(select(HariLibur.tanggal)))


def jenis_periode(tahun: int, session=None) -> JenisPeriode:
    """Periodic evaluation period of the instansi for ``tahun`` (001 Pasal 23(2); 003 Pasal 22) — triwulanan
    when not configured."""
    v = _s(session).scalar(select(KonfigurasiPeriode.periode_evaluasi).where(KonfigurasiPeriode.tahun == tahun)
                           .order_by(KonfigurasiPeriode.id).limit(1))
    return JenisPeriode.coerce(v) if v else JenisPeriode.TRIWULANAN


@lru_cache(maxsize=256)
def periode(jenis_evaluasi: str, tahun: int, periode_jenis: str, nomor: int) -> Periode:
    if jenis_evaluasi == JenisEvaluasi.TAHUNAN.value or periode_jenis == JenisPeriode.TAHUNAN.value:
        return daftar_periode(tahun, JenisPeriode.TAHUNAN)[0]
    semua = daftar_periode(tahun, periode_jenis)
    if not 1 <= nomor <= len(semua):
        raise GalatPenilaian(f"Nomor periode {nomor} tidak ada pada periode {JenisPeriode(periode_jenis).label} "
                             f"(1–{len(semua)}).")
    return semua[nomor - 1]


def periode_ev(ev) -> Periode:
    return periode(ev.jenis, ev.tahun, ev.periode_jenis, ev.periode_nomor)


def label_periode(ev) -> str:
    if ev.jenis == JenisEvaluasi.TAHUNAN.value:
        return f"Tahunan {ev.tahun}"
    return periode_ev(ev).label


def label_periode_cetak(ev) -> str:
    """PERIODE line of C/D forms: TRIWULAN I/II/III/IV-AKHIR (or the month for monthly evaluations)."""
    if ev.jenis == JenisEvaluasi.TAHUNAN.value:
        return "AKHIR"
    if ev.periode_jenis == JenisPeriode.TRIWULANAN.value:
        return f"TRIWULAN {ROMAWI[ev.periode_nomor - 1]}"
    return periode_ev(ev).label.upper()


def batas_penilai(jenis_evaluasi: str, tahun: int, periode_jenis: str, nomor: int) -> dt.date:
    """End of the "jangka waktu evaluasi" (see module docstring)."""
    if jenis_evaluasi == JenisEvaluasi.TAHUNAN.value:
        return jendela_evaluasi_tahunan(tahun).akhir
    return periode(jenis_evaluasi, tahun, periode_jenis, nomor).akhir


def batas_ev(ev) -> dt.date:
    return batas_penilai(ev.jenis, ev.tahun, ev.periode_jenis, ev.periode_nomor)


def tenggat_atasan(ev, cuti) -> dt.date:
    """001 Lampiran "Tindak lanjut" 8: the atasan signs ≤ 14 working days after the evaluation time ends."""
    return tenggat_atasan_menilai(batas_ev(ev), cuti)


def hari_kerja_awal_evaluasi(tahun: int, session=None) -> int:
    """From which last working day of a period its evaluation may be made (konfigurasi_periode, rev. 0010)."""
    v = _s(session).scalar(select(KonfigurasiPeriode.hari_kerja_awal_evaluasi)
                           .where(KonfigurasiPeriode.tahun == tahun).order_by(KonfigurasiPeriode.id).limit(1))
    return HARI_KERJA_AWAL_EVALUASI if v is None else int(v)


def waktu_ev(ev, hari: dt.date, cuti, awal: int, tanggal_mutasi: dt.date | None = None,
             akhir_tugas: tuple = (None, None)) -> WaktuEvaluasi:
    """``app.rules.waktu_evaluasi`` for one evaluation; the exceptions are the evaluator's transfer inside the
    R15 window (contoh Purnama) when they still evaluate the old unit, and the employee's end of service
    (``akhir_tugas`` = (TMT pensiun, end of the PPPK agreement), from ``akhir_tugas_pegawai``)."""
    return waktu_evaluasi(periode_ev(ev), hari, hari_kerja_awal=awal, cuti_bersama=cuti,
                          tanggal_mutasi=tanggal_mutasi, tanggal_pensiun=akhir_tugas[0], akhir_kontrak=akhir_tugas[1])


def akhir_tugas_pegawai(pegawai_ids, session=None) -> dict[int, tuple]:
    """{pegawai id: (TMT pensiun, end of the PPPK agreement)} in one query."""
    from schema.models import Pegawai

    ids = set(pegawai_ids)
    if not ids:
        return {}
    return {r[0]: (r[1], r[2]) for r in _s(session).execute(
        select(Pegawai.id, Pegawai.tmt_pensiun, Pegawai.akhir_perjanjian_kerja).where(Pegawai.id.in_(ids)))}


# ---------------------------------------------------------------------------------------------------------
# capaian kinerja organisasi (R5)
# ---------------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Capaian:
    capaian: CapaianOrganisasi | None
    tahun: int | None
    alasan: str


def _capaian_rows(unit_ids, tahun: int, session=None) -> dict:
    """(unit, tahun, jenis, nomor) → (capaian, tanggal_terbit) for ``tahun`` and ``tahun - 1``, one query."""
    out = {}
    if not unit_ids:
        return out
    for u, t, j, n, c, tgl in _s(session).execute(
            select(CapaianKinerjaOrganisasi.unit_kerja_id, CapaianKinerjaOrganisasi.tahun,
                   CapaianKinerjaOrganisasi.periode_jenis, CapaianKinerjaOrganisasi.periode_nomor,
                   CapaianKinerjaOrganisasi.capaian, CapaianKinerjaOrganisasi.tanggal_terbit)
            .where(CapaianKinerjaOrganisasi.unit_kerja_id.in_(list(unit_ids)),
                   CapaianKinerjaOrganisasi.tahun.in_((tahun, tahun - 1)))):
        out[(u, t, j, n)] = (c, tgl)
    return out


def _capaian_dari(rows: dict, unit_id, jenis_evaluasi: str, tahun: int, periode_jenis: str, nomor: int,
                  tanggal: dt.date) -> Capaian:
    tahunan = JenisPeriode.TAHUNAN.value
    terbit = {t: rows[(unit_id, t, tahunan, 0)] for t in (tahun, tahun - 1) if (unit_id, t, tahunan, 0) in rows}
    if jenis_evaluasi == JenisEvaluasi.TAHUNAN.value:
        h = capaian_yang_dipakai(tahun, terbit, tanggal)
        return Capaian(h.capaian, h.tahun_sumber, h.alasan)
    p = rows.get((unit_id, tahun, periode_jenis, nomor))
    if p:
        return Capaian(CapaianOrganisasi.coerce(p[0]), tahun, f"Capaian kinerja organisasi periode ini ({tahun}).")
    ini = terbit.get(tahun)
    if ini and (ini[1] is None or ini[1] <= tanggal):
        return Capaian(CapaianOrganisasi.coerce(ini[0]), tahun, f"Capaian kinerja organisasi tahunan {tahun}.")
    lalu = terbit.get(tahun - 1)
    if lalu:
        return Capaian(CapaianOrganisasi.coerce(lalu[0]), tahun - 1,
                       f"Capaian periode ini dan tahun {tahun} belum terbit; dipakai capaian tahun {tahun - 1} "
                       "(001 Lampiran \"Evaluasi Kinerja\" B.1 f).")
    return Capaian(None, None, "Capaian kinerja organisasi unit pejabat penilai belum diisi.")


def unit_capaian(penilai_id, unit_pegawai, session=None) -> int | None:
    """The unit led by the employee's evaluator (001 B.1 g): the evaluator's unit, else the employee's."""
    if penilai_id:
        u = _s(session).scalar(select(Pegawai.unit_kerja_id).where(Pegawai.id == penilai_id))
        if u:
            return u
    return unit_pegawai


def unit_boleh_capaian(k, unit_id) -> bool:
    """Operators enter any unit's achievement; a unit head only their own unit's (issue 7)."""
    if k.role_names & {R.ADMIN, R.OPERATOR}:
        return True
    if not k.jabatan_id or not isinstance(unit_id, int):
        return False
    from schema.models import Jabatan

    return bool(db.session.scalar(select(Jabatan.id).where(
        Jabatan.id == k.jabatan_id, Jabatan.is_kepala_unit.is_(True), Jabatan.unit_kerja_id == unit_id)))


def capaian_untuk(ev, tanggal: dt.date | None = None, session=None) -> Capaian:
    unit = unit_capaian(ev.penilai_id, ev.unit_kerja_id, session)
    rows = _capaian_rows([unit], ev.tahun, session)
    return _capaian_dari(rows, unit, ev.jenis, ev.tahun, ev.periode_jenis, ev.periode_nomor, tanggal or jam.hari_ini())


# ---------------------------------------------------------------------------------------------------------
# creating evaluations from the SKP
# ---------------------------------------------------------------------------------------------------------

def _jenis_periode_ev(jenis: str, tahun: int, session=None) -> tuple[str, int | None]:
    if jenis == JenisEvaluasi.TAHUNAN.value:
        return JenisPeriode.TAHUNAN.value, 0
    return jenis_periode(tahun, session).value, None


def _hasil_lama(ev) -> bool:
    """A draft that takes over the previous result by agreement (001 "Evaluasi Kinerja" 13 a)."""
    return bool(ev.evaluasi_sebelumnya_id) and ev.format_dokumen != "D.1.3"


def hasil_sebelumnya(pegawai_id: int, tahun: int, sebelum: dt.date, jabatan_kini: int | None = None,
                     session=None) -> EvaluasiKinerja | None:
    """The employee's latest signed result before ``sebelum`` in the old position (SKP of another jabatan than
    ``jabatan_kini``): a periodic one of the year, else last year's annual one (contoh Sari: "hasil evaluasi
    kinerja tahun sebelumnya, karena mutasi di awal tahun")."""
    s = _s(session)
    calon = s.scalars(select(EvaluasiKinerja).where(
        EvaluasiKinerja.pegawai_id == pegawai_id, EvaluasiKinerja.aktif.is_(True),
        EvaluasiKinerja.skp_id.in_(select(SKP.id).where(SKP.pegawai_id == pegawai_id,
                                                        SKP.jabatan_id != (jabatan_kini or 0))),
        EvaluasiKinerja.status_dokumen != SD.DRAF.value, EvaluasiKinerja.predikat.is_not(None),
        or_(and_(EvaluasiKinerja.tahun == tahun, EvaluasiKinerja.jenis == JenisEvaluasi.PERIODIK.value),
            and_(EvaluasiKinerja.tahun == tahun - 1, EvaluasiKinerja.jenis == JenisEvaluasi.TAHUNAN.value)))).all()
    calon = [e for e in calon if (periode_ev(e).akhir < sebelum if e.tahun == tahun else True)]
    return max(calon, key=lambda e: (e.tahun, periode_ev(e).akhir), default=None)


def _pakai_hasil_lama(ev, skp, s) -> None:
    """Sari, by agreement: the new evaluator's periodic evaluation takes over the previous result."""
    from schema.models import MutasiPegawai

    if ev.jenis != JenisEvaluasi.PERIODIK.value:
        raise GalatPenilaian("Hasil evaluasi periode sebelumnya hanya dapat dipakai untuk evaluasi periodik "
                             "(001 Lampiran \"Evaluasi Kinerja\" 13 a); evaluasi tahunan oleh pejabat penilai yang baru.")
    p = periode_ev(ev)
    pindah = s.scalar(select(MutasiPegawai.tanggal_efektif).where(
        MutasiPegawai.pegawai_id == skp.pegawai_id, MutasiPegawai.jabatan_tujuan_id == skp.jabatan_id,
        MutasiPegawai.tanggal_efektif <= p.akhir).order_by(MutasiPegawai.tanggal_efektif.desc()).limit(1))
    if pindah is None:
        raise GalatPenilaian("Hasil evaluasi periode sebelumnya hanya dipakai bagi pegawai yang pindah ke jabatan ini "
                             "(catat mutasinya lebih dahulu).")
    lama = hasil_sebelumnya(skp.pegawai_id, ev.tahun, p.mulai, skp.jabatan_id, s)
    if lama is None:
        raise GalatPenilaian("Tidak ada hasil evaluasi sebelumnya yang sudah ditandatangani untuk dipakai.")
    for kol in ("saran_rating_hasil_kerja", "rating_hasil_kerja", "alasan_rating_hasil_kerja", "saran_rating_perilaku",
                "rating_perilaku", "alasan_rating_perilaku", "predikat", "predikat_ipk"):
        setattr(ev, kol, getattr(lama, kol))
    ev.evaluasi_sebelumnya_id = lama.id
    ev.catatan_rekomendasi = (f"Sesuai kesepakatan Pejabat Penilai Kinerja dan Pegawai, dipakai hasil evaluasi "
                              f"{label_periode(lama)} pada unit lama (pindah {pindah:%d-%m-%Y}; 001 Lampiran "
                              "\"Evaluasi Kinerja\" 13 a).")


def buat_evaluasi(skp: SKP, jenis: str, nomor: int | None, session=None,
                  sepakat_hasil_lama: bool = False) -> EvaluasiKinerja:
    s = _s(session)
    try:
        jenis = JenisEvaluasi.coerce(jenis).value
    except ValueError:
        raise GalatPenilaian("Jenis evaluasi harus periodik atau tahunan.") from None
    if skp.status not in SKP_BERLAKU or not skp.aktif:
        raise GalatPenilaian("Evaluasi hanya dapat dibuat dari SKP yang sudah ditetapkan dan berlaku.")
    pj, n = _jenis_periode_ev(jenis, skp.tahun, s)
    if n is None:
        try:
            n = int(nomor)
        except (TypeError, ValueError):
            raise GalatPenilaian("Pilih nomor periode evaluasi.") from None
        periode(jenis, skp.tahun, pj, n)  # validates the number
    ada = s.scalar(select(EvaluasiKinerja.id).where(
        EvaluasiKinerja.pegawai_id == skp.pegawai_id, EvaluasiKinerja.jenis == jenis,
        EvaluasiKinerja.tahun == skp.tahun, EvaluasiKinerja.periode_nomor == n, EvaluasiKinerja.aktif.is_(True)))
    if ada:
        raise GalatPenilaian("Evaluasi untuk pegawai dan periode ini sudah ada.")
    cuti = cuti_bersama(s)
    kd = bool(skp.ditetapkan_kepala_daerah)  # JPT / unit-mandiri head: the Kepala Daerah evaluates (R7, 001 "E.K." 12)
    ev = EvaluasiKinerja(skp_id=skp.id, pegawai_id=skp.pegawai_id, unit_kerja_id=skp.unit_kerja_id,
                         penilai_id=None if kd else skp.penilai_id,
                         atasan_penilai_id=None if kd else skp.atasan_penilai_id, jenis=jenis,
                         tahun=skp.tahun, periode_jenis=pj, periode_nomor=n, aktif=True,
                         status_dokumen=SD.DRAF.value, format_dokumen="D.1.1",
                         dinilai_oleh=(DinilaiOleh.KEPALA_DAERAH if kd else DinilaiOleh.PENILAI).value,
                         is_final=False)
    ev.tenggat_laporan = tenggat_laporan_pyb(batas_ev(ev), cuti)
    cap = capaian_untuk(ev, session=s)
    ev.capaian_organisasi = cap.capaian.value if cap.capaian else None
    ev.capaian_tahun = cap.tahun
    s.add(ev)
    s.flush()
    b = penilai_sah_massal([ev], session=s)[ev.id]
    if b.pegawai_pindah:  # contoh Sari: not on the old SKP
        raise GalatPenilaian(b.penjelasan)
    w = waktu_ev(ev, jam.hari_ini(), cuti, hari_kerja_awal_evaluasi(ev.tahun, s), b.tanggal_mutasi,
                 akhir_tugas_pegawai([ev.pegawai_id], s).get(ev.pegawai_id, (None, None)))
    if not w.boleh:
        raise GalatPenilaian(w.alasan)
    if sepakat_hasil_lama:
        _pakai_hasil_lama(ev, skp, s)
    for rid in s.scalars(select(RencanaHasilKerja.id).where(RencanaHasilKerja.skp_id == skp.id)
                         .order_by(RencanaHasilKerja.urutan)):
        s.add(RatingRHK(evaluasi_id=ev.id, rhk_id=rid))
    s.flush()
    sinkron_penilai([ev], s)
    return ev


def buat_evaluasi_periode(tahun: int, jenis: str, nomor: int | None, klausa_skp, session=None) -> int:
    """Draft evaluations for every SKP in force (``klausa_skp`` = the user's SKP scope) lacking one for the
    period: a fixed number of statements whatever the number of employees."""
    s = _s(session)
    jenis = JenisEvaluasi.coerce(jenis).value
    pj, n = _jenis_periode_ev(jenis, tahun, s)
    if n is None:
        n = int(nomor)
        periode(jenis, tahun, pj, n)
    ada = select(EvaluasiKinerja.pegawai_id).where(
        EvaluasiKinerja.jenis == jenis, EvaluasiKinerja.tahun == tahun, EvaluasiKinerja.periode_nomor == n,
        EvaluasiKinerja.aktif.is_(True))
    from schema.models import MutasiPegawai

    p_ev = periode(jenis, tahun, pj, n)
    akhir = p_ev.akhir
    # exceptions (an evaluator leaving within the window) are per person: "Buat evaluasi" one by one
    w = waktu_evaluasi(p_ev, jam.hari_ini(), hari_kerja_awal=hari_kerja_awal_evaluasi(tahun, s),
                       cuti_bersama=cuti_bersama(s))
    if not w.boleh:
        raise GalatPenilaian(w.alasan + " Evaluasi lebih awal karena pejabat penilai pindah dibuat satu per satu "
                                        "lewat \"Buat evaluasi\".")
    # contoh Sari: an employee who left the SKP's position by the period's end is evaluated on the new SKP
    pindah = select(MutasiPegawai.id).where(MutasiPegawai.pegawai_id == SKP.pegawai_id,
                                            MutasiPegawai.jabatan_asal_id == SKP.jabatan_id,
                                            MutasiPegawai.tanggal_efektif <= akhir).exists()
    skp_rows = s.execute(
        select(SKP.id, SKP.pegawai_id, SKP.unit_kerja_id, SKP.penilai_id, SKP.atasan_penilai_id,
               SKP.ditetapkan_kepala_daerah)
        .where(SKP.tahun == tahun, SKP.aktif.is_(True), SKP.status.in_(SKP_BERLAKU), klausa_skp,
               SKP.pegawai_id.not_in(ada), ~pindah).order_by(SKP.id)).all()
    if not skp_rows:
        return 0
    penilai_ids = {r.penilai_id for r in skp_rows if r.penilai_id}
    unit_penilai = dict(s.execute(select(Pegawai.id, Pegawai.unit_kerja_id).where(Pegawai.id.in_(penilai_ids))).all()) \
        if penilai_ids else {}
    units = {(None if r.ditetapkan_kepala_daerah else unit_penilai.get(r.penilai_id)) or r.unit_kerja_id
             for r in skp_rows}
    cap_rows = _capaian_rows(units, tahun, s)
    cuti = cuti_bersama(s)
    batas = batas_penilai(jenis, tahun, pj, n)
    lapor = tenggat_laporan_pyb(batas, cuti)
    tgl = jam.hari_ini()
    now = jam.sekarang_utc()
    memo: dict = {}
    rows = []
    for r in skp_rows:
        kd = bool(r.ditetapkan_kepala_daerah)
        u = (None if kd else unit_penilai.get(r.penilai_id)) or r.unit_kerja_id
        if u not in memo:
            memo[u] = _capaian_dari(cap_rows, u, jenis, tahun, pj, n, tgl)
        c = memo[u]
        rows.append({"skp_id": r.id, "pegawai_id": r.pegawai_id, "unit_kerja_id": r.unit_kerja_id,
                     "penilai_id": None if kd else r.penilai_id,
                     "atasan_penilai_id": None if kd else r.atasan_penilai_id, "jenis": jenis,
                     "tahun": tahun, "periode_jenis": pj, "periode_nomor": n, "aktif": True,
                     "capaian_organisasi": c.capaian.value if c.capaian else None, "capaian_tahun": c.tahun,
                     "status_dokumen": SD.DRAF.value, "format_dokumen": "D.1.1",
                     "dinilai_oleh": (DinilaiOleh.KEPALA_DAERAH if kd else DinilaiOleh.PENILAI).value,
                     "is_final": False, "tenggat_laporan": lapor,
                     "versi": 1, "dibuat_pada": now, "diubah_pada": now})
    conn = s.connection()
    t = EvaluasiKinerja.__table__
    for i in range(0, len(rows), 5000):
        conn.execute(t.insert(), rows[i:i + 5000])
    # one rating row per RHK of each new evaluation (INSERT … SELECT)
    e = EvaluasiKinerja.__table__
    rh = RencanaHasilKerja.__table__
    rr = RatingRHK.__table__
    sel = (select(e.c.id, rh.c.id).join(rh, rh.c.skp_id == e.c.skp_id)
           .where(e.c.jenis == jenis, e.c.tahun == tahun, e.c.periode_nomor == n, e.c.aktif.is_(True),
                  ~select(rr.c.id).where(rr.c.evaluasi_id == e.c.id).exists()))
    conn.execute(rr.insert().from_select(["evaluasi_id", "rhk_id"], sel))
    # R15: drafts whose recorded evaluator moved or is absent go to the designated evaluator (bounded set)
    sinkron_draf(and_(e.c.jenis == jenis, e.c.tahun == tahun, e.c.periode_nomor == n, or_(
        e.c.penilai_id.in_(select(MutasiPegawai.pegawai_id)),
        e.c.penilai_id.in_(select(Pegawai.id).where(Pegawai.status != StatusPegawai.AKTIF.value)))), s)
    return len(rows)


# ---------------------------------------------------------------------------------------------------------
# who may evaluate (R15) and the user's role on an evaluation
# ---------------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Berwenang:
    siapa: JenisPenilai
    pegawai_id: int | None
    penjelasan: str
    final: bool
    terlambat: bool
    dinilai_oleh: str = DinilaiOleh.PENILAI.value
    kepala_daerah: bool = False  # acted by the PyB role (no Kepala Daerah login)
    pegawai_pindah: bool = False  # the employee left the SKP's position: evaluate from the new SKP
    tanggal_mutasi: dt.date | None = None  # the evaluator leaves within the window and still evaluates (Purnama)


PESAN_KEPALA_DAERAH = ("Pejabat pimpinan tinggi / pimpinan unit kerja mandiri dievaluasi oleh Kepala Daerah "
                       "(dijalankan PyB atas nama Kepala Daerah); hasilnya bersifat final (001 Lampiran \"Evaluasi "
                       "Kinerja\" 12 c, e).")


def _berlaku(mulai, selesai, hari) -> bool:
    return mulai <= hari and (selesai is None or selesai >= hari)


def _data_r15(evs, s) -> dict:
    """Everything R15 needs for many evaluations, in a fixed number of queries (whatever the row count)."""
    from sqlalchemy.orm import aliased

    from schema.models import DelegasiPenilai, Jabatan, MutasiPegawai, PenugasanPlt

    penilai = {e.penilai_id for e in evs if e.penilai_id}
    JA = aliased(Jabatan)
    skp = {r.id: r for r in s.execute(
        select(SKP.id, SKP.jabatan_id, SKP.tanggal_ditetapkan, SKP.ditetapkan_kepala_daerah, SKP.penilai_id,
               JA.atasan_id.label("jabatan_penilai_id"))
        .outerjoin(JA, JA.id == SKP.jabatan_id).where(SKP.id.in_({e.skp_id for e in evs})))} if evs else {}
    orang = penilai | {e.pegawai_id for e in evs} | {r.penilai_id for r in skp.values() if r.penilai_id}
    info = {r.id: r for r in s.execute(
        select(Pegawai.id, Pegawai.status, Pegawai.unit_kerja_id, Pegawai.jabatan_id, Jabatan.jenis)
        .outerjoin(Jabatan, Jabatan.id == Pegawai.jabatan_id).where(Pegawai.id.in_(orang)))} if orang else {}
    mutasi: dict[int, list] = {}
    if orang:
        for m in s.execute(select(MutasiPegawai.pegawai_id, MutasiPegawai.tanggal_efektif,
                                  MutasiPegawai.jabatan_asal_id, MutasiPegawai.jabatan_tujuan_id)
                           .where(MutasiPegawai.pegawai_id.in_(orang))
                           .order_by(MutasiPegawai.tanggal_efektif, MutasiPegawai.id)):
            mutasi.setdefault(m.pegawai_id, []).append(m)
    jab_penilai = {r.jabatan_penilai_id for r in skp.values() if r.jabatan_penilai_id}
    units = {e.unit_kerja_id for e in evs}
    delegasi = s.execute(select(DelegasiPenilai.pegawai_id, DelegasiPenilai.jenis, DelegasiPenilai.jabatan_id,
                                DelegasiPenilai.unit_kerja_id, DelegasiPenilai.mulai, DelegasiPenilai.selesai)
                         .where(or_(DelegasiPenilai.pegawai_id.in_(penilai),
                                    DelegasiPenilai.jabatan_id.in_(jab_penilai),
                                    DelegasiPenilai.unit_kerja_id.in_(units)))
                         .order_by(DelegasiPenilai.mulai.desc(), DelegasiPenilai.id.desc())).all() if evs else []
    plt = s.execute(select(PenugasanPlt.pegawai_id, PenugasanPlt.jabatan_id, PenugasanPlt.mulai, PenugasanPlt.selesai)
                    .where(PenugasanPlt.pegawai_id.in_(penilai))).all() if penilai else []
    # the positions the evaluators left (transfers): who holds them now
    ditinggal = {m.jabatan_asal_id for p in penilai for m in mutasi.get(p, ()) if m.jabatan_asal_id}
    pemegang: dict[int, int] = {}
    if ditinggal:
        for pid, jid in s.execute(select(Pegawai.id, Pegawai.jabatan_id).where(
                Pegawai.jabatan_id.in_(ditinggal), Pegawai.status == StatusPegawai.AKTIF.value).order_by(Pegawai.id)):
            pemegang.setdefault(jid, pid)
    return {"skp": skp, "info": info, "mutasi": mutasi, "delegasi": delegasi, "plt": plt, "pemegang": pemegang}


def _delegasi_untuk(data, hari, *, pegawai_id=None, jabatan_id=None, unit_id=None, jenis=None):
    """The delegation in force on ``hari`` matching the delegate and/or the position or unit delegated."""
    for d in data["delegasi"]:
        if pegawai_id is not None and d.pegawai_id != pegawai_id:
            continue
        if jenis is not None and d.jenis not in jenis:
            continue
        if not ((jabatan_id and d.jabatan_id == jabatan_id) or (unit_id and d.unit_kerja_id == unit_id)):
            continue
        if _berlaku(d.mulai, d.selesai, hari):
            return d
    return None


_PLT_PLH = ("plt", "plh")


def penilai_sah_massal(evs, hari: dt.date | None = None, session=None) -> dict[int, Berwenang]:
    """R15 per evaluation (``app.rules.penilai_berwenang``), a fixed number of queries for any number of rows:

    * Kepala Daerah (SKP set by the Kepala Daerah: JPT, unit-mandiri heads) → acted by PyB, final (R7);
    * evaluator late → the atasan, final (D.1.2);
    * employee transferred out of the SKP's position (``mutasi_pegawai`` effective by the period's end) → the
      new evaluator on the new SKP (contoh Sari); without a transfer record a changed unit counts as a transfer;
    * evaluator transferred after the SKP was set and before the end of the evaluation window → the old
      evaluator if the date falls inside the window, else the new holder of the position (contoh Purnama);
    * evaluator absent (not active) → a Plt/Plh delegated for that position (``delegasi_penilai``), else the
      atasan; an evaluator acting as Plt/Plh (``penugasan_plt`` or a Plt/Plh delegation) evaluates only while
      delegated; a functional official evaluates only while delegated as the head of a unit."""
    s = _s(session)
    hari = hari or jam.hari_ini()
    cuti = cuti_bersama(s)
    data = _data_r15(evs, s)
    info, skp = data["info"], data["skp"]
    out = {}
    for e in evs:
        sk = skp.get(e.skp_id)
        if e.dinilai_oleh == DinilaiOleh.KEPALA_DAERAH.value or (sk is not None and sk.ditetapkan_kepala_daerah):
            out[e.id] = Berwenang(JenisPenilai.PENILAI, None, PESAN_KEPALA_DAERAH, final=True, terlambat=False,
                                  dinilai_oleh=DinilaiOleh.KEPALA_DAERAH.value, kepala_daerah=True)
            continue
        p = periode_ev(e)
        terlambat = e.status_dokumen == SD.DRAF.value and hari > batas_ev(e)
        jab_skp = sk.jabatan_id if sk else None
        jab_penilai = sk.jabatan_penilai_id if sk else None
        # employee transferred (contoh Sari)
        m_peg = next((m for m in data["mutasi"].get(e.pegawai_id, ())
                      if m.jabatan_asal_id == jab_skp and m.tanggal_efektif <= p.akhir), None)
        if data["mutasi"].get(e.pegawai_id):
            dipindah = m_peg is not None
        else:
            kini = info.get(e.pegawai_id)
            dipindah = kini is not None and kini.unit_kerja_id is not None and kini.unit_kerja_id != e.unit_kerja_id
        # evaluator transferred (contoh Purnama)
        acuan = sk.tanggal_ditetapkan.date() if sk is not None and sk.tanggal_ditetapkan else dt.date(e.tahun, 1, 1)
        jendela = (jendela_evaluasi_tahunan(e.tahun) if e.jenis == JenisEvaluasi.TAHUNAN.value
                   else jendela_evaluasi_periodik(p, cuti))
        # the evaluator position: the one the SKP's evaluator held when the SKP was set (left by their first
        # transfer after it); a transfer counts when the current evaluator leaves THAT position
        pertama = next((m for m in data["mutasi"].get(sk.penilai_id if sk else None, ())
                        if m.tanggal_efektif > acuan), None)
        posisi = pertama.jabatan_asal_id if pertama else (info[sk.penilai_id].jabatan_id
                                                          if sk and sk.penilai_id in info else None)
        m_pen = next((m for m in data["mutasi"].get(e.penilai_id, ())
                      if acuan < m.tanggal_efektif <= jendela.akhir and m.jabatan_asal_id == posisi), None) \
            if e.penilai_id and posisi else None
        # absent / Plt-Plh / functional official
        st = info.get(e.penilai_id)
        berhalangan = e.penilai_id is None or st is None or st.status != StatusPegawai.AKTIF.value
        delegasi = None
        sebagai_plt = False
        fungsional = memimpin = False
        if berhalangan:
            delegasi = _delegasi_untuk(data, hari, jabatan_id=jab_penilai, unit_id=e.unit_kerja_id, jenis=_PLT_PLH)
        else:
            plt_jab = {j for pid, j, mu, se in data["plt"] if pid == e.penilai_id and _berlaku(mu, se, hari)}
            sebagai_plt = (jab_penilai in plt_jab and st.jabatan_id != jab_penilai) or any(
                d.pegawai_id == e.penilai_id and d.jenis in _PLT_PLH and st.jabatan_id != d.jabatan_id
                and (d.jabatan_id == jab_penilai or d.unit_kerja_id == e.unit_kerja_id) for d in data["delegasi"])
            if sebagai_plt:
                delegasi = _delegasi_untuk(data, hari, pegawai_id=e.penilai_id, jabatan_id=jab_penilai,
                                           unit_id=e.unit_kerja_id, jenis=_PLT_PLH)
            elif st.jenis == JenisJabatan.FUNGSIONAL.value:
                fungsional = True
                memimpin = _delegasi_untuk(data, hari, pegawai_id=e.penilai_id, jabatan_id=st.jabatan_id,
                                           unit_id=e.unit_kerja_id, jenis=("fungsional",)) is not None
        r = penilai_berwenang(e.jenis, penilai_terlambat=terlambat, pegawai_dipindah=dipindah, periode=p,
                              tanggal_penilai_pindah=m_pen.tanggal_efektif if m_pen else None,
                              penilai_berhalangan_tetap=berhalangan or sebagai_plt,
                              didelegasikan_plt_plh=delegasi is not None, penilai_pejabat_fungsional=fungsional,
                              memimpin_unit=memimpin, cuti_bersama=cuti)
        penjelasan = r.penjelasan
        dinilai = DinilaiOleh.PENILAI.value
        if r.siapa is JenisPenilai.ATASAN_PENILAI:
            pid, dinilai = e.atasan_penilai_id, DinilaiOleh.ATASAN_PENILAI.value
        elif r.siapa is JenisPenilai.PLT_PLH:
            pid, dinilai = delegasi.pegawai_id, DinilaiOleh.PLT_PLH.value
        elif r.siapa is JenisPenilai.PENILAI_BARU and dipindah:
            pid = None  # a new SKP with the new evaluator is needed (001 "Penetapan SKP" 5)
            penjelasan += (f" Pegawai pindah{f' sejak {m_peg.tanggal_efektif:%d-%m-%Y}' if m_peg else ''}: buat "
                           "evaluasi dari SKP pada jabatan baru bersama pejabat penilai yang baru; evaluasi atas SKP "
                           "lama ini tidak dapat ditandatangani.")
        elif r.siapa is JenisPenilai.PENILAI_BARU:
            baru = data["pemegang"].get(m_pen.jabatan_asal_id) if m_pen.jabatan_asal_id else None
            if baru is None and m_pen.jabatan_asal_id:
                d = _delegasi_untuk(data, hari, jabatan_id=m_pen.jabatan_asal_id, jenis=_PLT_PLH)
                baru = d.pegawai_id if d else None
            if baru is not None and baru != e.penilai_id:
                pid = baru
                penjelasan += " Evaluasi oleh pemangku baru jabatan pejabat penilai."
            else:
                pid, dinilai = e.atasan_penilai_id, DinilaiOleh.ATASAN_PENILAI.value
                penjelasan += (" Jabatan pejabat penilai belum terisi: evaluasi oleh atasan pejabat penilai "
                               "(001 Lampiran \"Evaluasi Kinerja\" 2).")
        else:
            pid = e.penilai_id
        out[e.id] = Berwenang(r.siapa, pid, penjelasan, r.final, terlambat, dinilai, pegawai_pindah=dipindah,
                              tanggal_mutasi=m_pen.tanggal_efektif if m_pen and r.siapa is JenisPenilai.PENILAI_LAMA
                              else None)
    return out


def penilai_sah(ev, hari: dt.date | None = None) -> Berwenang:
    return penilai_sah_massal([ev], hari)[ev.id]


def sinkron_penilai(evs, session=None) -> int:
    """Point drafts at the evaluator R15 designates when that person is neither the recorded evaluator nor the
    atasan (new holder after a transfer, delegated Plt/Plh), so the row scope (``penilai_id``) lets them in.
    One executemany UPDATE."""
    s = _s(session)
    evs = [e for e in evs if e.status_dokumen == SD.DRAF.value and e.aktif]
    if not evs:
        return 0
    wenang = penilai_sah_massal(evs, session=s)
    rows = []
    for e in evs:
        b = wenang[e.id]
        if b.pegawai_id and not b.kepala_daerah and b.pegawai_id not in (e.penilai_id, e.atasan_penilai_id) \
                and b.siapa in (JenisPenilai.PENILAI_BARU, JenisPenilai.PLT_PLH):
            rows.append({"b_id": e.id, "b_penilai": b.pegawai_id, "b_lama": e.penilai_id})
    if rows:
        t = EvaluasiKinerja.__table__
        s.connection().execute(update(t).where(t.c.id == bindparam("b_id"))
                               .values(penilai_id=bindparam("b_penilai"), versi=t.c.versi + 1,
                                       diubah_pada=jam.sekarang_utc()), rows)
        catat("evaluasi_kinerja", None, "ubah", sesudah={"aksi": "sinkron_penilai_r15", "baris": [
            {"id": r["b_id"], "penilai_lama": r["b_lama"], "penilai_baru": r["b_penilai"]} for r in rows]})
        for e in evs:
            s.expire(e)
    return len(rows)


def sinkron_draf(klausa, session=None) -> int:
    """``sinkron_penilai`` over the active drafts matching ``klausa`` (after a transfer or a delegation)."""
    s = _s(session)
    evs = s.scalars(select(EvaluasiKinerja).where(EvaluasiKinerja.status_dokumen == SD.DRAF.value,
                                                  EvaluasiKinerja.aktif.is_(True), klausa)).all()
    return sinkron_penilai(evs, s)


def _admin(k) -> bool:
    return R.ADMIN in k.role_names


def boleh_menilai(ev, k, berwenang: Berwenang | None = None) -> bool:
    if ev.status_dokumen != SD.DRAF.value or not ev.aktif:
        return False
    b = berwenang or penilai_sah(ev)
    if b.kepala_daerah:  # the PyB acts for the Kepala Daerah, never on their own evaluation
        return _admin(k) or (R.PYB in k.role_names and k.pegawai_id != ev.pegawai_id)
    if b.pegawai_id is None:
        return False
    return _admin(k) or (bool(k.pegawai_id) and b.pegawai_id == k.pegawai_id
                         and bool(k.role_names & {R.PENILAI, R.ATASAN}))


def _wajib_menilai(ev, k) -> Berwenang:
    b = penilai_sah(ev)
    if ev.status_dokumen != SD.DRAF.value:
        raise GalatPenilaian(PESAN_TERKUNCI)
    if not ev.aktif:
        raise GalatPenilaian("Evaluasi ini sudah digantikan (tidak berlaku).")
    if not boleh_menilai(ev, k, b):
        raise GalatPenilaian(f"Anda tidak berwenang menilai evaluasi ini. {b.penjelasan}")
    return b


def muat_evaluasi(ev_id: int, klausa) -> EvaluasiKinerja | None:
    return db.session.scalar(select(EvaluasiKinerja).where(EvaluasiKinerja.id == ev_id).where(klausa).options(
        joinedload(EvaluasiKinerja.skp), joinedload(EvaluasiKinerja.pegawai),
        selectinload(EvaluasiKinerja.rating_rhk)))


# ---------------------------------------------------------------------------------------------------------
# the evaluation form: data, suggestion, save
# ---------------------------------------------------------------------------------------------------------

def _realisasi_dalam(periode_obj: Periode, tahun: int, rows) -> list:
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
    s = _s(session)
    p = periode_ev(ev)
    tb = s.scalar(select(TugasBelajar).where(TugasBelajar.pegawai_id == ev.pegawai_id, TugasBelajar.mulai <= p.akhir,
                                              or_(TugasBelajar.selesai_aktual.is_(None),
                                                  TugasBelajar.selesai_aktual >= p.mulai))
                  .order_by(TugasBelajar.mulai.desc()).limit(1))
    if tb is None:
        return None
    bands = [PitaIPKRule(b.jenjang, b.luar_negeri, b.akreditasi_pt, b.akreditasi_prodi_min, Predikat.coerce(b.predikat),
                         b.ipk_min, b.ipk_max) for b in s.scalars(select(PitaIPK))]
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


def data_formulir(ev: EvaluasiKinerja) -> dict:
    """Everything the evaluation form / C.1.x shows, in a fixed number of queries."""
    s = db.session
    skp = s.scalar(select(SKP).where(SKP.id == ev.skp_id).options(
        selectinload(SKP.rhk).selectinload(RencanaHasilKerja.iki),
        selectinload(SKP.rhk).joinedload(RencanaHasilKerja.rhk_atasan)))
    p = periode_ev(ev)
    rating = {r.rhk_id: r for r in s.scalars(select(RatingRHK).where(RatingRHK.evaluasi_id == ev.id))}
    real = _realisasi_dalam(p, ev.tahun, s.scalars(select(Realisasi).where(
        Realisasi.skp_id == ev.skp_id, Realisasi.tahun == ev.tahun).order_by(Realisasi.periode_nomor, Realisasi.id)))
    real_rhk: dict[int, list] = {}
    for r in real:
        real_rhk.setdefault(r.rhk_id, []).append(r)
    ub_rhk: dict[int, list] = {}
    ub_nilai: dict[int, list] = {}
    for u in s.scalars(select(UmpanBalik).where(UmpanBalik.skp_id == ev.skp_id, UmpanBalik.tanggal >= p.mulai,
                                                 UmpanBalik.tanggal <= p.akhir).order_by(UmpanBalik.tanggal)):
        if u.rhk_id:
            ub_rhk.setdefault(u.rhk_id, []).append(u)
        else:
            ub_nilai.setdefault(u.nilai_inti_id, []).append(u)
    rhk = sorted(skp.rhk, key=lambda x: (x.jenis != JenisRHK.UTAMA.value, x.urutan))
    baris = [{"rhk": x, "utama": x.jenis == JenisRHK.UTAMA.value, "iki": list(x.iki),
              "rating": rating[x.id].rating if x.id in rating else None,
              "realisasi": real_rhk.get(x.id, []), "umpan_balik": ub_rhk.get(x.id, [])} for x in rhk]
    eks = dict(s.execute(select(EkspektasiKhusus.nilai_inti_id, EkspektasiKhusus.uraian)
                         .where(EkspektasiKhusus.skp_id == ev.skp_id)).all())
    cat = dict(s.execute(select(CatatanPerilaku.nilai_inti_id, CatatanPerilaku.catatan)
                         .where(CatatanPerilaku.evaluasi_id == ev.id)).all())
    perilaku = [{"id": n.id, "kode": n.kode, "nama": n.nama, "perilaku": [x.uraian for x in n.perilaku],
                 "ekspektasi": eks.get(n.id), "catatan": cat.get(n.id), "umpan_balik": ub_nilai.get(n.id, [])}
                for n in s.scalars(select(NilaiInti).order_by(NilaiInti.urutan).options(
                    selectinload(NilaiInti.perilaku)))]
    tb = tugas_belajar(ev) if skp.is_tugas_belajar else None
    positif = [u.positif for b in baris for u in b["umpan_balik"]]
    saran_hk = _saran_hk(baris, positif, tb)
    periodik = []
    if ev.jenis == JenisEvaluasi.TAHUNAN.value:  # the year's periodic results as context
        periodik = s.execute(select(EvaluasiKinerja.periode_jenis, EvaluasiKinerja.periode_nomor,
                                    EvaluasiKinerja.rating_hasil_kerja, EvaluasiKinerja.rating_perilaku,
                                    EvaluasiKinerja.predikat, EvaluasiKinerja.status_dokumen)
                             .where(EvaluasiKinerja.pegawai_id == ev.pegawai_id, EvaluasiKinerja.tahun == ev.tahun,
                                    EvaluasiKinerja.jenis == JenisEvaluasi.PERIODIK.value,
                                    EvaluasiKinerja.aktif.is_(True))
                             .order_by(EvaluasiKinerja.periode_nomor)).all()
    cap = CapaianOrganisasi.coerce(ev.capaian_organisasi) if ev.capaian_organisasi else None
    return {
        "skp": skp, "periode": p, "baris": baris, "rhk_utama": [b for b in baris if b["utama"]],
        "rhk_tambahan": [b for b in baris if not b["utama"]],
        "diambil_alih": [b for b in baris if b["rhk"].diambil_alih], "perilaku": perilaku, "tugas_belajar": tb,
        "saran_hk": saran_hk, "periodik": periodik, "capaian": cap,
        "dominan": predikat_dominan(cap) if cap else None,
        "format_c": format_c(skp), "format_c_judul": FORMAT_C[format_c(skp)], "kuantitatif": skp.pendekatan == "kuantitatif",
        "jpt": skp.format_skp in ("A.1.1", "A.1.2"),
    }


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
        raise GalatPenilaian(f"{nama}: pilihan \"{nilai}\" tidak dikenal.") from None


def simpan_penilaian(ev: EvaluasiKinerja, k, form) -> EvaluasiKinerja:
    """Save the evaluation form: per-RHK ratings, behaviour notes, suggested vs chosen ratings (a reason is
    required when they differ, R3/R4), predikat from the kuadran (R2) or the tugas-belajar rule."""
    _wajib_menilai(ev, k)
    cek_versi(ev, form.get("versi"), galat=GalatPenilaian)
    s = db.session
    data = data_formulir(ev)
    ratings = {r.rhk_id: r for r in ev.rating_rhk}
    for b in data["baris"]:
        x = b["rhk"]
        v = _rating(form.get(f"rating_rhk_{x.id}"), f"Rating RHK \"{x.uraian[:60]}\"")
        r = ratings.get(x.id)
        if r is None:
            r = RatingRHK(evaluasi_id=ev.id, rhk_id=x.id)
            s.add(r)
        r.rating = v
        b["rating"] = v
    catatan = {c.nilai_inti_id: c for c in s.scalars(select(CatatanPerilaku).where(
        CatatanPerilaku.evaluasi_id == ev.id))}
    for n in data["perilaku"]:
        isi = teks(form.get(f"catatan_perilaku_{n['id']}"), f"Catatan perilaku {n['nama']}", maks=4000,
                   galat=GalatPenilaian)
        c = catatan.get(n["id"])
        if isi and c is None:
            s.add(CatatanPerilaku(evaluasi_id=ev.id, nilai_inti_id=n["id"], catatan=isi))
        elif isi:
            c.catatan = isi
        elif c is not None:
            s.delete(c)
    positif = [u.positif for b in data["baris"] for u in b["umpan_balik"]]
    tb = data["tugas_belajar"]
    saran_hk = _saran_hk(data["baris"], positif, tb)
    konsisten = bool(form.get("konsisten"))
    saran_pk = saran_rating_perilaku(konsisten, konsisten and bool(form.get("penjaga_nilai")))
    hk = _rating(form.get("rating_hasil_kerja"), "Rating hasil kerja")
    pk = _rating(form.get("rating_perilaku"), "Rating perilaku kerja")
    alasan_hk = teks(form.get("alasan_rating_hasil_kerja"), "Alasan rating hasil kerja", maks=4000,
                     galat=GalatPenilaian)
    alasan_pk = teks(form.get("alasan_rating_perilaku"), "Alasan rating perilaku kerja", maks=4000,
                     galat=GalatPenilaian)
    if hk and saran_hk and hk != saran_hk.value and not alasan_hk:
        raise GalatPenilaian(f"Rating hasil kerja berbeda dari saran sistem ({saran_hk.label}): alasan wajib "
                             "diisi (001 Lampiran \"Evaluasi Kinerja\" B.3).")
    if pk and pk != saran_pk.value and not alasan_pk:
        raise GalatPenilaian(f"Rating perilaku kerja berbeda dari saran sistem ({saran_pk.label}): alasan wajib "
                             "diisi (001 Lampiran \"Evaluasi Kinerja\" B.3).")
    ev.saran_rating_hasil_kerja = saran_hk.value if saran_hk else None
    ev.saran_rating_perilaku = saran_pk.value
    ev.rating_hasil_kerja, ev.rating_perilaku = hk, pk
    ev.alasan_rating_hasil_kerja = alasan_hk if hk and saran_hk and hk != saran_hk.value else (
        alasan_hk if not saran_hk else None)
    ev.alasan_rating_perilaku = alasan_pk if pk and pk != saran_pk.value else None
    ev.catatan_rekomendasi = teks(form.get("catatan_rekomendasi"), "Catatan rekomendasi", maks=4000,
                                  galat=GalatPenilaian)
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


# ---------------------------------------------------------------------------------------------------------
# signing, delivery, receipt, return, reporting (R7)
# ---------------------------------------------------------------------------------------------------------

def kanonik(ev: dict, ratings: list, catatan: list) -> str:
    doc = {"evaluasi": {k: ev.get(k) for k in (
        "id", "skp_id", "pegawai_id", "penilai_id", "atasan_penilai_id", "jenis", "tahun", "periode_jenis",
        "periode_nomor", "capaian_organisasi", "capaian_tahun", "saran_rating_hasil_kerja", "rating_hasil_kerja",
        "alasan_rating_hasil_kerja", "saran_rating_perilaku", "rating_perilaku", "alasan_rating_perilaku",
        "predikat", "predikat_ipk", "catatan_rekomendasi", "format_dokumen", "dinilai_oleh")},
           "rating_rhk": sorted([list(r) for r in ratings]), "catatan_perilaku": sorted([list(c) for c in catatan])}
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
        for eid, rid, r in db.session.execute(select(RatingRHK.evaluasi_id, RatingRHK.rhk_id, RatingRHK.rating)
                                              .where(RatingRHK.evaluasi_id.in_(ids))):
            rat[eid].append((rid, r or ""))
        for eid, nid, c in db.session.execute(select(CatatanPerilaku.evaluasi_id, CatatanPerilaku.nilai_inti_id,
                                                     CatatanPerilaku.catatan).where(CatatanPerilaku.evaluasi_id.in_(ids))):
            cat[eid].append((nid, c))
    out = {}
    for e in evs:
        d = _dict_ev(e)
        d.update((ganti or {}).get(e.id, {}))
        out[e.id] = hashlib.sha256(kanonik(d, rat[e.id], cat[e.id]).encode("utf-8")).hexdigest()
    return out


def hash_evaluasi(ev) -> str:
    return hash_massal([ev])[ev.id]


def _identitas(pegawai_id) -> dict:
    if not pegawai_id:
        return {"nama": None, "nip": None, "pangkat": None, "jabatan": None, "unit": None}
    p = db.session.scalars(select(Pegawai).where(Pegawai.id == pegawai_id).options(
        joinedload(Pegawai.golongan), joinedload(Pegawai.jabatan), joinedload(Pegawai.unit_kerja))).one()
    return {"nama": p.nama_lengkap, "nip": p.nip, "pangkat": str(p.golongan) if p.golongan else None,
            "jabatan": p.jabatan.nama if p.jabatan else None, "unit": p.unit_kerja.nama if p.unit_kerja else None}


def identitas_kepala_daerah() -> dict:
    """ID3 block 2 of a document evaluated by the Kepala Daerah (acted by PyB)."""
    row = db.session.execute(select(Instansi.kepala_daerah_nama, Instansi.nama).order_by(Instansi.id).limit(1)).first()
    return {"nama": (row[0] if row else None) or "Kepala Daerah", "nip": None, "pangkat": None,
            "jabatan": "Kepala Daerah", "unit": row[1] if row else None}


def _belum_lengkap(ev_ids: list[int]) -> set[int]:
    """Evaluations with at least one RHK not yet rated (one query)."""
    if not ev_ids:
        return set()
    return set(db.session.scalars(select(RatingRHK.evaluasi_id).where(
        RatingRHK.evaluasi_id.in_(ev_ids), RatingRHK.rating.is_(None)).distinct()))


def _siap_ditandatangani(ev) -> str | None:
    if not ev.rating_hasil_kerja or not ev.rating_perilaku or not ev.predikat:
        return "rating hasil kerja, rating perilaku kerja, dan predikat belum lengkap"
    return None


def belum_didokumentasikan(evs: list) -> dict[int, list[dict]]:
    """Per evaluation, the RHK with IKI lacking a realisasi in the evaluation period (B.1.2): evaluation id →
    [{"rhk": text, "utama": bool, "iki": [texts]}]; only evaluations with gaps. Two queries for any number.
    A realisasi without an IKI documents the whole RHK."""
    evs = [e for e in evs if not _hasil_lama(e)]  # a taken-over result is not rated from documentation
    if not evs:
        return {}
    s = db.session
    from schema.models import IndikatorKinerja

    skp_ids = {e.skp_id for e in evs}
    rencana: dict[int, list] = {}
    for r in s.execute(select(RencanaHasilKerja.skp_id, RencanaHasilKerja.id, RencanaHasilKerja.uraian,
                              RencanaHasilKerja.jenis, RencanaHasilKerja.urutan, IndikatorKinerja.id.label("iki_id"),
                              IndikatorKinerja.uraian.label("iki"))
                       .outerjoin(IndikatorKinerja, IndikatorKinerja.rhk_id == RencanaHasilKerja.id)
                       .where(RencanaHasilKerja.skp_id.in_(skp_ids))
                       .order_by(RencanaHasilKerja.skp_id, RencanaHasilKerja.jenis != JenisRHK.UTAMA.value,
                                 RencanaHasilKerja.urutan, IndikatorKinerja.urutan)):
        rencana.setdefault(r.skp_id, []).append(r)
    real: dict[int, list] = {}
    for r in s.execute(select(Realisasi.skp_id, Realisasi.rhk_id, Realisasi.iki_id, Realisasi.tahun,
                              Realisasi.periode_jenis, Realisasi.periode_nomor)
                       .where(Realisasi.skp_id.in_(skp_ids))):
        real.setdefault(r.skp_id, []).append(r)
    out = {}
    for e in evs:
        ada = _realisasi_dalam(periode_ev(e), e.tahun, [r for r in real.get(e.skp_id, ()) if r.tahun == e.tahun])
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
        elif e.id in kurang and not _hasil_lama(e):
            tolak.append(f"{e.id}: masih ada RHK yang belum diberi rating")
        elif _siap_ditandatangani(e):
            tolak.append(f"{e.id}: {_siap_ditandatangani(e)}")
        elif b.terlambat and hari > tenggat_atasan(e, cuti) and not _admin(k):
            tolak.append(f"{e.id}: tenggat atasan menilai ({tenggat_atasan(e, cuti):%d-%m-%Y}) telah lewat")
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
        ganti[e.id] = {"format_dokumen": format_dokumen_evaluasi(dinilai_oleh_atasan_karena_terlambat=b.terlambat),
                       "dinilai_oleh": b.dinilai_oleh,
                       # the person who evaluates is the one on the document (new holder, delegated Plt/Plh)
                       "penilai_id": (b.pegawai_id if b.dinilai_oleh in (DinilaiOleh.PENILAI.value,
                                                                         DinilaiOleh.PLT_PLH.value)
                                      and b.pegawai_id else e.penilai_id)}
    hashes = hash_massal([e for e, _ in ok], ganti)
    now = jam.sekarang_utc()
    ident = _identitas(k.pegawai_id) if k.pegawai_id else {"nama": None, "nip": None}
    nama = ident["nama"] or (f"{getattr(user, 'first_name', '')} {getattr(user, 'last_name', '')}".strip() or "—")
    kd_nama = None
    if any(b.kepala_daerah for _, b in ok):
        kd_nama = db.session.scalar(select(Instansi.kepala_daerah_nama).order_by(Instansi.id).limit(1))
    upd, tt = [], []
    for e, b in ok:
        g = ganti[e.id]
        atasan = g["dinilai_oleh"] == DinilaiOleh.ATASAN_PENILAI.value
        # final: late evaluator → atasan (001 "Evaluasi Kinerja" 11); Kepala Daerah (ibid. 12 c, e)
        final = b.final
        if b.kepala_daerah:
            peran, pid_tt, nama_tt, nip_tt = PeranTandaTangan.KEPALA_DAERAH.value, None, kd_nama or nama, None
        else:
            peran = (PeranTandaTangan.ATASAN_PENILAI.value if atasan else PeranTandaTangan.PEJABAT_PENILAI.value)
            pid_tt, nama_tt, nip_tt = k.pegawai_id, nama, ident["nip"]
        tenggat = (tenggat_atasan_penyampaian(hari, cuti) if g["format_dokumen"] == "D.1.2"
                   else tenggat_penyampaian(hari, cuti))
        upd.append({"b_id": e.id, "b_versi": e.versi, "status_dokumen": SD.DITANDATANGANI.value,
                    "format_dokumen": g["format_dokumen"], "dinilai_oleh": g["dinilai_oleh"], "is_final": final,
                    "penilai_id": g["penilai_id"],
                    "tanggal_ditandatangani": now, "tenggat_penyampaian": tenggat, "diubah_pada": now})
        tt.append({"jenis_dokumen": JenisDokumen.EVALUASI.value, "dokumen_id": e.id, "peran": peran,
                   "pegawai_id": pid_tt, "user_id": getattr(user, "id", None), "nama": nama_tt,
                   "nip": nip_tt, "waktu": now, "hash_sha256": hashes[e.id], "tempat": None})
    t = EvaluasiKinerja.__table__
    stmt = (update(t).where(t.c.id == bindparam("b_id"), t.c.versi == bindparam("b_versi"))
            .values(status_dokumen=bindparam("status_dokumen"), format_dokumen=bindparam("format_dokumen"),
                    dinilai_oleh=bindparam("dinilai_oleh"), is_final=bindparam("is_final"),
                    penilai_id=bindparam("penilai_id"),
                    tanggal_ditandatangani=bindparam("tanggal_ditandatangani"),
                    tenggat_penyampaian=bindparam("tenggat_penyampaian"), diubah_pada=bindparam("diubah_pada"),
                    versi=t.c.versi + 1))
    s.connection().execute(stmt, upd)
    s.connection().execute(TandaTangan.__table__.insert(), tt)
    catat("evaluasi_kinerja", None, "tanda_tangan", sesudah={"aksi": "tetapkan", "ids": [e.id for e, _ in ok],
                                                             "hash": {e.id: hashes[e.id] for e, _ in ok}})
    for e, _ in ok:
        s.expire(e)
    return [e for e, _ in ok], tolak


def tandatangani(ev, k, user, versi=None, konfirmasi_dokumentasi: bool = False):
    _wajib_menilai(ev, k)
    cek_versi(ev, versi, galat=GalatPenilaian)
    ok, tolak = tandatangani_massal([ev], k, user, konfirmasi_dokumentasi)
    if not ok:
        raise GalatPenilaian("Evaluasi belum dapat ditandatangani: " + "; ".join(t.split(": ", 1)[1] for t in tolak))
    return ev


def tanda_tangan_evaluasi(ev_id: int) -> list[TandaTangan]:
    return db.session.scalars(select(TandaTangan).where(TandaTangan.jenis_dokumen == JenisDokumen.EVALUASI.value,
                                                        TandaTangan.dokumen_id == ev_id)
                              .order_by(TandaTangan.waktu, TandaTangan.id)).all()


def _penanda_tangan(ev) -> int | None:
    return ev.atasan_penilai_id if ev.dinilai_oleh == DinilaiOleh.ATASAN_PENILAI.value else ev.penilai_id


def boleh_sampaikan(ev, k) -> bool:
    if ev.dinilai_oleh == DinilaiOleh.KEPALA_DAERAH.value:  # delivered by the PyB acting for the Kepala Daerah
        return _admin(k) or R.PYB in k.role_names
    return _admin(k) or bool(k.pegawai_id and k.pegawai_id == _penanda_tangan(ev))


def sampaikan(ev, k, versi=None):
    cek_versi(ev, versi, galat=GalatPenilaian)
    if ev.status_dokumen != SD.DITANDATANGANI.value:
        raise GalatPenilaian("Hanya dokumen yang sudah ditandatangani dan belum disampaikan yang dapat disampaikan.")
    if not boleh_sampaikan(ev, k):
        raise GalatPenilaian("Dokumen disampaikan oleh pejabat yang menandatanganinya.")
    ev.status_dokumen = SD.DISAMPAIKAN.value
    ev.tanggal_disampaikan = jam.hari_ini()
    db.session.flush()


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
    ev.tenggat_pengembalian = (tenggat_atasan_pengembalian(hari, cuti) if ev.format_dokumen == "D.1.2"
                               else tenggat_pengembalian(hari, cuti))
    ident = _identitas(ev.pegawai_id)
    db.session.flush()
    tt = TandaTangan(jenis_dokumen=JenisDokumen.EVALUASI.value, dokumen_id=ev.id, peran=PeranTandaTangan.PEGAWAI.value,
                     pegawai_id=ev.pegawai_id, user_id=getattr(user, "id", None), nama=ident["nama"] or "—",
                     nip=ident["nip"], waktu=jam.sekarang_utc(), hash_sha256=hash_evaluasi(ev))
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
            update(t).where(t.c.id == bindparam("b_id"), t.c.versi == bindparam("b_versi"))
            .values(tanggal_dilaporkan=hari, versi=t.c.versi + 1, diubah_pada=jam.sekarang_utc()),
            [{"b_id": e.id, "b_versi": e.versi} for e in ok])
        catat("evaluasi_kinerja", None, "ubah", sesudah={"aksi": "laporkan", "ids": [e.id for e in ok],
                                                         "tanggal_dilaporkan": hari.isoformat()})
        for e in ok:
            db.session.expire(e)
    return len(ok), tolak


# ---------------------------------------------------------------------------------------------------------
# "Hitung predikat" — set-based
# ---------------------------------------------------------------------------------------------------------

def _boleh_hitung(e, k) -> bool:
    if e.dinilai_oleh == DinilaiOleh.KEPALA_DAERAH.value:
        return _admin(k) or (R.PYB in k.role_names and k.pegawai_id != e.pegawai_id)
    return _admin(k) or (bool(k.pegawai_id) and k.pegawai_id in (e.penilai_id, e.atasan_penilai_id))


def _tugas_belajar_massal(evs, session=None) -> dict[int, dict]:
    """R8 for many evaluations: evaluation id → {"predikat_ipk", "gagal"} for those on a tugas-belajar SKP whose
    study leave overlaps the period. Always three queries (SKP flags, study records, IPK bands)."""
    s = _s(session)
    skp_tb = set(s.scalars(select(SKP.id).where(SKP.id.in_({e.skp_id for e in evs}),
                                                 SKP.is_tugas_belajar.is_(True))))
    peg = {e.pegawai_id for e in evs if e.skp_id in skp_tb}
    tbs: dict[int, list] = {}
    for tb in s.scalars(select(TugasBelajar).where(TugasBelajar.pegawai_id.in_(peg))
                        .order_by(TugasBelajar.mulai.desc())):
        tbs.setdefault(tb.pegawai_id, []).append(tb)
    bands = [PitaIPKRule(b.jenjang, b.luar_negeri, b.akreditasi_pt, b.akreditasi_prodi_min,
                         Predikat.coerce(b.predikat), b.ipk_min, b.ipk_max) for b in s.scalars(select(PitaIPK))]
    out = {}
    for e in evs:
        if e.skp_id not in skp_tb:
            continue
        p = periode_ev(e)
        tb = next((t for t in tbs.get(e.pegawai_id, ()) if t.mulai <= p.akhir
                   and (t.selesai_aktual is None or t.selesai_aktual >= p.mulai)), None)
        if tb is None:
            continue
        pred = cek_ipk(tb.ipk, tb.jenjang, tb.luar_negeri, tb.akreditasi_pt, tb.akreditasi_prodi,
                       bands or None).predikat if tb.ipk else None
        out[e.id] = {"predikat_ipk": pred, "gagal": bool(tb.gagal)}
    return out


def _baris_predikat(evs, k, session=None) -> list[dict]:
    """Predikat per draft (R2; tugas belajar R8 + 001 "Evaluasi Kinerja" B.3 a 3)): the academic result stands
    for hasil kerja when the evaluator left it empty — IPK guidance → rating (``saran_dari_ipk``) — and a failed
    study gives Kurang / Sangat Kurang from perilaku alone."""
    tb = _tugas_belajar_massal(evs, session)
    rows = []
    for e in evs:
        if e.status_dokumen != SD.DRAF.value or not e.rating_perilaku or not _boleh_hitung(e, k):
            continue
        t = tb.get(e.id)
        if t is not None:
            if t["gagal"]:
                p = predikat_tugas_belajar(e.rating_perilaku, gagal=True)
            else:
                hk = e.rating_hasil_kerja or saran_dari_ipk(t["predikat_ipk"])
                if hk is None:
                    continue
                p = predikat_tugas_belajar(e.rating_perilaku, gagal=False, hasil_kerja=hk)
            ipk = t["predikat_ipk"].value if t["predikat_ipk"] else None
        elif e.rating_hasil_kerja:
            p, ipk = predikat(e.rating_hasil_kerja, e.rating_perilaku), e.predikat_ipk
        else:
            continue
        rows.append({"b_id": e.id, "b_versi": e.versi, "b_predikat": p.value, "b_ipk": ipk})
    return rows


def _tulis_predikat(rows, session=None) -> None:
    t = EvaluasiKinerja.__table__
    _s(session).connection().execute(
        update(t).where(t.c.id == bindparam("b_id"), t.c.versi == bindparam("b_versi"))
        .values(predikat=bindparam("b_predikat"), predikat_ipk=bindparam("b_ipk"), versi=t.c.versi + 1,
                diubah_pada=jam.sekarang_utc()), rows)


def hitung_predikat_massal(evs: list, k) -> tuple[int, int]:
    """Recompute predikat for the selected drafts (R2, tugas belajar R8): computed in Python from the rows
    already loaded plus three fixed look-ups, written by ONE executemany UPDATE (bumping the lock version)."""
    rows = _baris_predikat(evs, k)
    if rows:
        _tulis_predikat(rows)
        catat("evaluasi_kinerja", None, "ubah", sesudah={"aksi": "hitung_predikat", "jumlah": len(rows),
                                                         "ids": [r["b_id"] for r in rows]})
        for e in evs:
            db.session.expire(e)
    return len(rows), len(evs) - len(rows)


def ekspresi_predikat(hk_col, pk_col, lain):
    """SQL CASE over the kuadran table (R2), from app.rules.KUADRAN — one source."""
    return case(*[(and_(hk_col == hk.value, pk_col == pk.value), p.value) for (hk, pk), p in KUADRAN.items()],
                else_=lain)


def hitung_predikat_periode(tahun: int, jenis: str, nomor: int, klausa, k) -> int:
    """All scoped drafts of one period: one UPDATE … CASE statement (benchmark: a whole period at 50 000), plus
    one executemany for the few tugas-belajar rows (R8 needs the IPK bands)."""
    t = EvaluasiKinerja.__table__
    syarat = [t.c.tahun == tahun, t.c.jenis == jenis, t.c.periode_nomor == nomor, t.c.aktif.is_(True),
              t.c.status_dokumen == SD.DRAF.value, t.c.rating_perilaku.is_not(None), klausa]
    if not _admin(k):
        if not k.pegawai_id:
            return 0
        sendiri = or_(t.c.penilai_id == k.pegawai_id, t.c.atasan_penilai_id == k.pegawai_id)
        if R.PYB in k.role_names:  # acting for the Kepala Daerah (R7, 001 "Evaluasi Kinerja" 12)
            sendiri = or_(sendiri, and_(t.c.dinilai_oleh == DinilaiOleh.KEPALA_DAERAH.value,
                                        t.c.pegawai_id != k.pegawai_id))
        syarat.append(sendiri)
    # tugas belajar (R8) needs the IPK bands: those few rows go through the Python rule, the rest is one UPDATE
    tb = t.c.skp_id.in_(select(SKP.id).where(SKP.is_tugas_belajar.is_(True)))
    res = db.session.connection().execute(
        update(t).where(*syarat, t.c.rating_hasil_kerja.is_not(None), ~tb)
        .values(predikat=ekspresi_predikat(t.c.rating_hasil_kerja, t.c.rating_perilaku, t.c.predikat),
                versi=t.c.versi + 1, diubah_pada=jam.sekarang_utc()))
    n = res.rowcount or 0
    evs_tb = db.session.scalars(select(EvaluasiKinerja).where(*syarat, tb)).all()
    rows = _baris_predikat(evs_tb, k)
    if rows:
        _tulis_predikat(rows)
        n += len(rows)
    catat("evaluasi_kinerja", None, "ubah", sesudah={"aksi": "hitung_predikat_periode", "tahun": tahun,
                                                     "jenis": jenis, "periode_nomor": nomor, "jumlah": n})
    return n


# ---------------------------------------------------------------------------------------------------------
# keberatan (R7) and D.1.3
# ---------------------------------------------------------------------------------------------------------

def info_keberatan(ev, hari: dt.date | None = None) -> dict:
    """May the employee object now? With the deadline date to show."""
    hari = hari or jam.hari_ini()
    cuti = cuti_bersama()
    batas = tenggat_pengajuan_keberatan(ev.tanggal_diterima, cuti) if ev.tanggal_diterima else None
    pesan = []
    if not ev.aktif:
        pesan.append("Evaluasi ini sudah digantikan.")
    if ev.status_dokumen not in (SD.DITERIMA.value, SD.DIKEMBALIKAN.value, SD.FINAL.value) or not ev.tanggal_diterima:
        pesan.append("Keberatan diajukan setelah dokumen evaluasi diterima.")
    pesan += cek_keberatan(dinilai_oleh_atasan_karena_terlambat=bool(ev.is_final),
                           dinilai_kepala_daerah=ev.dinilai_oleh == DinilaiOleh.KEPALA_DAERAH.value,
                           tanggal_terima=ev.tanggal_diterima, tanggal_pengajuan=hari if ev.tanggal_diterima else None,
                           cuti_bersama=cuti)
    if ev.dinilai_oleh == DinilaiOleh.KEPALA_DAERAH.value:
        pesan.append("Evaluasi pejabat pimpinan tinggi / pimpinan unit kerja mandiri oleh Kepala Daerah bersifat "
                     "final (001 Lampiran \"Evaluasi Kinerja\" 12 c, e).")
    elif ev.is_final and ev.format_dokumen == "D.1.2":
        pesan.append("Evaluasi oleh atasan pejabat penilai karena pejabat penilai terlambat bersifat final "
                     "(001 Lampiran \"Evaluasi Kinerja\" 11).")
    if ev.format_dokumen == "D.1.3":
        pesan.append("Dokumen ini adalah hasil keputusan atas keberatan.")
    if batas and hari > batas:
        pesan.append(f"Batas pengajuan keberatan adalah {batas:%d-%m-%Y}.")
    # before receipt: the path the employee will have (R7), unless the result is final or a D.1.3 decision
    jalur = None
    if ev.status_dokumen == SD.DISAMPAIKAN.value and ev.aktif and ev.format_dokumen != "D.1.3" and not cek_keberatan(
            dinilai_oleh_atasan_karena_terlambat=bool(ev.is_final),
            dinilai_kepala_daerah=ev.dinilai_oleh == DinilaiOleh.KEPALA_DAERAH.value):
        jalur = {"hari_kerja": HARI_KERJA_KEBERATAN, "hari": hari, "batas": tenggat_pengajuan_keberatan(hari, cuti)}
    return {"boleh": not pesan, "pesan": list(dict.fromkeys(pesan)), "batas": batas, "jalur": jalur}


def ajukan_keberatan(ev, k, alasan: str) -> Keberatan:
    if not (k.pegawai_id and k.pegawai_id == ev.pegawai_id):
        raise GalatPenilaian("Keberatan diajukan oleh pegawai yang dinilai.")
    if db.session.scalar(select(Keberatan.id).where(Keberatan.evaluasi_id == ev.id)):
        raise GalatPenilaian("Keberatan atas evaluasi ini sudah diajukan.")
    alasan = teks(alasan, "Alasan keberatan", maks=4000, galat=GalatPenilaian)
    if not alasan:
        raise GalatPenilaian("Alasan keberatan wajib diisi.")
    info = info_keberatan(ev)
    if not info["boleh"]:
        raise GalatPenilaian("Keberatan tidak dapat diajukan: " + " ".join(info["pesan"]))
    hari = jam.hari_ini()
    kb = Keberatan(evaluasi_id=ev.id, pegawai_id=ev.pegawai_id, tanggal_pengajuan=hari, alasan=alasan,
                   tenggat_keputusan=tenggat_keputusan_keberatan(hari, cuti_bersama()))
    db.session.add(kb)
    db.session.flush()
    return kb


def _wajib_atasan(kb, k) -> EvaluasiKinerja:
    ev = db.session.get(EvaluasiKinerja, kb.evaluasi_id)
    if not (_admin(k) or (k.pegawai_id and k.pegawai_id == ev.atasan_penilai_id and R.ATASAN in k.role_names)):
        raise GalatPenilaian("Keberatan diputus oleh atasan pejabat penilai kinerja pegawai yang bersangkutan.")
    if kb.keputusan:
        raise GalatPenilaian("Keberatan ini sudah diputus.")
    return ev


def catat_penjelasan(kb, k, penjelasan_penilai, penjelasan_pegawai, versi=None):
    _wajib_atasan(kb, k)
    cek_versi(kb, versi, galat=GalatPenilaian)
    kb.penjelasan_penilai = teks(penjelasan_penilai, "Penjelasan pejabat penilai", maks=4000, galat=GalatPenilaian)
    kb.penjelasan_pegawai = teks(penjelasan_pegawai, "Penjelasan pegawai", maks=4000, galat=GalatPenilaian)
    db.session.flush()


def putuskan(kb, k, user, keputusan, predikat_baru=None, rekomendasi_baru=None, versi=None) -> EvaluasiKinerja | None:
    """The atasan decides after hearing both sides (001 Lampiran "Keberatan" 5–7): menguatkan keeps the
    document (now final); mengubah creates the D.1.3 document with the new predikat and recommendation — the
    old one stays in history (aktif = false)."""
    ev = _wajib_atasan(kb, k)
    cek_versi(kb, versi, galat=GalatPenilaian)
    try:
        kep = KeputusanKeberatan.coerce(keputusan or "")
    except ValueError:
        raise GalatPenilaian("Pilih keputusan: menguatkan atau mengubah.") from None
    if not kb.penjelasan_penilai or not kb.penjelasan_pegawai:
        raise GalatPenilaian("Catat penjelasan pejabat penilai dan penjelasan pegawai sebelum memutuskan "
                             "(001 Lampiran \"Keberatan\" 5).")
    hari = jam.hari_ini()
    kb.keputusan = kep.value
    kb.tanggal_keputusan = hari
    kb.diputuskan_oleh_id = k.pegawai_id
    if kep is KeputusanKeberatan.MENGUATKAN:
        ev.status_dokumen = SD.FINAL.value
        db.session.flush()
        return None
    try:
        pb = Predikat.coerce(predikat_baru or "")
    except ValueError:
        raise GalatPenilaian("Predikat baru wajib dipilih bila keputusan mengubah hasil evaluasi.") from None
    rek = teks(rekomendasi_baru, "Rekomendasi baru", maks=4000, galat=GalatPenilaian)
    if not rek:
        raise GalatPenilaian("Rekomendasi baru wajib diisi bila keputusan mengubah hasil evaluasi.")
    kb.predikat_baru, kb.rekomendasi_baru = pb.value, rek
    ev.aktif = False
    ev.status_dokumen = SD.FINAL.value
    db.session.flush()  # the old one leaves the "one active evaluation" index before the new one arrives
    salin = {c.key: getattr(ev, c.key) for c in EvaluasiKinerja.__table__.columns
             if c.key not in ("id", "versi", "dibuat_pada", "diubah_pada")}
    cuti = cuti_bersama()
    salin.update(aktif=True, predikat=pb.value, catatan_rekomendasi=rek, evaluasi_sebelumnya_id=ev.id,
                 format_dokumen=format_dokumen_evaluasi(keputusan_keberatan=kep), is_final=True,
                 status_dokumen=SD.DITANDATANGANI.value, tanggal_ditandatangani=jam.sekarang_utc(),
                 tanggal_disampaikan=None, tanggal_diterima=None, tanggal_dikembalikan=None, tanggal_dilaporkan=None,
                 tenggat_penyampaian=tenggat_atasan_penyampaian(hari, cuti), tenggat_pengembalian=None,
                 dinilai_oleh=ev.dinilai_oleh)
    baru = EvaluasiKinerja(**salin)
    db.session.add(baru)
    db.session.flush()
    for r in ev.rating_rhk:
        db.session.add(RatingRHK(evaluasi_id=baru.id, rhk_id=r.rhk_id, rating=r.rating, catatan=r.catatan))
    for nid, c in db.session.execute(select(CatatanPerilaku.nilai_inti_id, CatatanPerilaku.catatan)
                                     .where(CatatanPerilaku.evaluasi_id == ev.id)).all():
        db.session.add(CatatanPerilaku(evaluasi_id=baru.id, nilai_inti_id=nid, catatan=c))
    kb.evaluasi_baru_id = baru.id
    db.session.flush()
    ident = _identitas(k.pegawai_id) if k.pegawai_id else {"nama": None, "nip": None}
    db.session.add(TandaTangan(jenis_dokumen=JenisDokumen.EVALUASI.value, dokumen_id=baru.id,
                               peran=PeranTandaTangan.ATASAN_PENILAI.value, pegawai_id=k.pegawai_id,
                               user_id=getattr(user, "id", None), nama=ident["nama"] or "—", nip=ident["nip"],
                               waktu=jam.sekarang_utc(), hash_sha256=hash_evaluasi(baru)))
    db.session.add(TandaTangan(jenis_dokumen=JenisDokumen.KEBERATAN.value, dokumen_id=kb.id,
                               peran=PeranTandaTangan.ATASAN_PENILAI.value, pegawai_id=k.pegawai_id,
                               user_id=getattr(user, "id", None), nama=ident["nama"] or "—", nip=ident["nip"],
                               waktu=jam.sekarang_utc(), hash_sha256=hashlib.sha256(
                                   f"{kb.id}|{kb.keputusan}|{kb.predikat_baru}|{kb.rekomendasi_baru}".encode()).hexdigest()))
    db.session.flush()
    return baru


def riwayat(ev) -> list[EvaluasiKinerja]:
    """The chain of documents (D.1.1/D.1.2 → D.1.3) for one employee and period, oldest first."""
    return db.session.scalars(select(EvaluasiKinerja).where(
        EvaluasiKinerja.pegawai_id == ev.pegawai_id, EvaluasiKinerja.jenis == ev.jenis,
        EvaluasiKinerja.tahun == ev.tahun, EvaluasiKinerja.periode_nomor == ev.periode_nomor)
        .order_by(EvaluasiKinerja.id)).all()


# ---------------------------------------------------------------------------------------------------------
# distribution (R5)
# ---------------------------------------------------------------------------------------------------------

def distribusi_unit(tahun: int, jenis: str, nomor: int, klausa, unit_id: int | None = None) -> list[dict]:
    """Per unit: count of each predikat of active evaluations of the period (one GROUP BY), the unit's capaian,
    the expected modal predikat and the deviation flag — guidance only."""
    stmt = (select(EvaluasiKinerja.unit_kerja_id, EvaluasiKinerja.predikat, func.count())
            .where(EvaluasiKinerja.tahun == tahun, EvaluasiKinerja.jenis == jenis,
                   EvaluasiKinerja.periode_nomor == nomor, EvaluasiKinerja.aktif.is_(True),
                   EvaluasiKinerja.predikat.is_not(None), klausa)
            .group_by(EvaluasiKinerja.unit_kerja_id, EvaluasiKinerja.predikat))
    if unit_id:
        stmt = stmt.where(EvaluasiKinerja.unit_kerja_id == unit_id)
    per: dict[int, dict] = {}
    for u, p, n in db.session.execute(stmt):
        per.setdefault(u, {})[p] = n
    if not per:
        return []
    nama = dict(db.session.execute(select(UnitKerja.id, UnitKerja.nama).where(UnitKerja.id.in_(list(per)))).all())
    pj = JenisPeriode.TAHUNAN.value if jenis == JenisEvaluasi.TAHUNAN.value else jenis_periode(tahun).value
    rows = _capaian_rows(list(per), tahun)
    out = []
    for u in sorted(per, key=lambda x: nama.get(x, "")):
        jumlah = per[u]
        cap = _capaian_dari(rows, u, jenis, tahun, pj, nomor, jam.hari_ini())
        daftar = [p for p, n in jumlah.items() for _ in range(n)]
        banding = bandingkan_distribusi(daftar, cap.capaian) if cap.capaian else None
        total = sum(jumlah.values())
        out.append({"unit_id": u, "unit": nama.get(u, str(u)), "total": total,
                    "jumlah": {p.value: jumlah.get(p.value, 0) for p in Predikat},
                    "proporsi": {p.value: (jumlah.get(p.value, 0) / total if total else 0.0) for p in Predikat},
                    "capaian": cap.capaian.value if cap.capaian else None, "capaian_alasan": cap.alasan,
                    "dominan": banding.modus_harapan.value if banding else None,
                    "menyimpang": banding.menyimpang if banding else None,
                    "pesan": banding.pesan if banding else cap.alasan})
    return out


# ---------------------------------------------------------------------------------------------------------
# deadlines and overdue lists (R7)
# ---------------------------------------------------------------------------------------------------------

def _periode_lewat(tahun: int, hari: dt.date):
    """(jenis, nomor) of the periods of ``tahun`` whose evaluation time ended before ``hari``."""
    out = []
    pj = jenis_periode(tahun)
    for p in daftar_periode(tahun, pj):
        if hari > p.akhir:
            out.append(and_(EvaluasiKinerja.jenis == JenisEvaluasi.PERIODIK.value,
                            EvaluasiKinerja.periode_nomor == p.nomor))
    if hari > jendela_evaluasi_tahunan(tahun).akhir:
        out.append(EvaluasiKinerja.jenis == JenisEvaluasi.TAHUNAN.value)
    return out


def daftar_terlambat(tahun: int, klausa_ev, klausa_kb, batas: int = 200) -> dict:
    hari = jam.hari_ini()
    E = EvaluasiKinerja
    lewat = _periode_lewat(tahun, hari)
    dasar = [E.tahun == tahun, E.aktif.is_(True), klausa_ev]
    daftar = {
        "belum_dinilai": and_(E.status_dokumen == SD.DRAF.value, or_(*lewat)) if lewat else None,
        "penyampaian": and_(E.status_dokumen == SD.DITANDATANGANI.value, E.tenggat_penyampaian < hari),
        "pengembalian": and_(E.status_dokumen == SD.DITERIMA.value, E.tenggat_pengembalian < hari),
        "laporan": and_(E.tanggal_dilaporkan.is_(None), E.tenggat_laporan < hari),
    }
    out = {}
    for nama, syarat in daftar.items():
        if syarat is None:
            out[nama] = {"rows": [], "total": 0}
            continue
        stmt = (select(E.id, E.jenis, E.periode_jenis, E.periode_nomor, E.status_dokumen, E.tenggat_penyampaian,
                       E.tenggat_pengembalian, E.tenggat_laporan, Pegawai.nip, Pegawai.nama,
                       E.penilai_id, E.atasan_penilai_id, E.tahun)
                .join(Pegawai, Pegawai.id == E.pegawai_id).where(*dasar, syarat))
        total = db.session.scalar(select(func.count()).select_from(stmt.subquery()))
        out[nama] = {"rows": db.session.execute(stmt.order_by(E.periode_nomor, Pegawai.nama).limit(batas)).all(),
                     "total": total}
    K = Keberatan
    stmt = (select(K.id, K.evaluasi_id, K.tanggal_pengajuan, K.tenggat_keputusan, Pegawai.nip, Pegawai.nama)
            .join(Pegawai, Pegawai.id == K.pegawai_id)
            .where(K.keputusan.is_(None), K.tenggat_keputusan < hari, klausa_kb))
    out["keberatan"] = {"rows": db.session.execute(stmt.order_by(K.tenggat_keputusan).limit(batas)).all(),
                        "total": db.session.scalar(select(func.count()).select_from(stmt.subquery()))}
    out["hari"] = hari
    return out


# ---------------------------------------------------------------------------------------------------------
# register export (Core rows, streamed)
# ---------------------------------------------------------------------------------------------------------

def instansi_nama() -> tuple[str, str]:
    row = db.session.execute(select(Instansi.nama, Instansi.nama_daerah).order_by(Instansi.id).limit(1)).first()
    return (row[0], row[1]) if row else ("", "")


def register_evaluasi(ids_subquery, pengekspor: str):
    from sqlalchemy.orm import aliased

    from app.excel.tulis import Kolom, tulis_register

    P, PN = Pegawai, aliased(Pegawai)
    kolom = [Kolom("No", 6, "angka"), Kolom("Tahun", 8, "angka"), Kolom("Jenis", 12), Kolom("Periode", 16),
             Kolom("NIP", 21, "nip"), Kolom("Nama", 32), Kolom("Unit Kerja", 34), Kolom("Pejabat Penilai", 32),
             Kolom("Capaian Organisasi", 16), Kolom("Rating Hasil Kerja", 20), Kolom("Rating Perilaku", 20),
             Kolom("Predikat", 18), Kolom("Status Dokumen", 16), Kolom("Format", 8), Kolom("Final", 7),
             Kolom("Tanggal Ditandatangani", 14, "tanggal"), Kolom("Tanggal Diterima", 14, "tanggal"),
             Kolom("Tenggat Laporan", 14, "tanggal")]
    E = EvaluasiKinerja
    stmt = (select(E.tahun, E.jenis, E.periode_jenis, E.periode_nomor, P.nip, P.nama, UnitKerja.nama, PN.nama,
                   E.capaian_organisasi, E.rating_hasil_kerja, E.rating_perilaku, E.predikat, E.status_dokumen,
                   E.format_dokumen, E.is_final, E.tanggal_ditandatangani, E.tanggal_diterima, E.tenggat_laporan)
            .join(P, P.id == E.pegawai_id).join(UnitKerja, UnitKerja.id == E.unit_kerja_id)
            .outerjoin(PN, PN.id == E.penilai_id)
            .where(E.id.in_(select(ids_subquery.c.id))).order_by(E.tahun, E.periode_nomor, UnitKerja.nama, P.nama))
    lr, lp, lc, ls = (dict(Rating.choices()), dict(Predikat.choices()), dict(CapaianOrganisasi.choices()),
                      dict(SD.choices()))

    def baris():
        for i, r in enumerate(db.session.execute(stmt.execution_options(yield_per=2000)), 1):
            per = ("Tahunan" if r[1] == JenisEvaluasi.TAHUNAN.value
                   else periode(r[1], r[0], r[2], r[3]).label)
            yield (i, r[0], JenisEvaluasi(r[1]).label.replace("Evaluasi Kinerja ", ""), per, r[4], r[5], r[6], r[7],
                   lc.get(r[8], ""), lr.get(r[9], ""), lr.get(r[10], ""), lp.get(r[11], ""), ls.get(r[12], r[12]),
                   r[13], "Ya" if r[14] else "", r[15].date() if r[15] else None, r[16], r[17])

    return tulis_register("REGISTER EVALUASI KINERJA PEGAWAI", kolom, baris(), instansi=instansi_nama()[0],
                          pengekspor=pengekspor, nama_sheet="Evaluasi")


# ---------------------------------------------------------------------------------------------------------
# D.1.x with C.1.x as an Excel workbook
# ---------------------------------------------------------------------------------------------------------

def _sel(ws, baris: int, kolom: int, nilai, **gaya):
    """Write a cell; user text starting with = + - @ stays text, never a formula (formula injection)."""
    from app.excel.tulis import berbahaya

    c = ws.cell(baris, kolom)
    c.value = nilai
    if berbahaya(nilai):
        c.data_type = "s"
    for k, v in gaya.items():
        setattr(c, k, v)
    return c


def _lab(enum, v) -> str:
    return enum(v).label.upper() if v else "-"


def xlsx_evaluasi(ktx: dict):
    """The evaluation document (sheet D.1.x) with its result form (sheet C.1.x) — forms C.1.x/D.1.x, 001 Lampiran."""
    import tempfile

    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    ev, d, ident = ktx["ev"], ktx["d"], ktx["ident"]
    tebal = Font(bold=True)
    bungkus = Alignment(wrap_text=True, vertical="top")
    from openpyxl.styles import Border, Side

    tengah = Alignment(horizontal="center", vertical="center", wrap_text=True)
    garis = Side(style="thin")
    kotak = Border(left=garis, right=garis, top=garis, bottom=garis)

    def gabung(sheet, baris, dari, sampai, nilai, **gaya):
        """A merged header cell across columns ``dari``..``sampai`` (as the regulation's tables print them)."""
        _sel(sheet, baris, dari, nilai, **gaya)
        if sampai > dari:
            sheet.merge_cells(start_row=baris, start_column=dari, end_row=baris, end_column=sampai)

    wb = Workbook()
    ws = wb.active
    ws.title = ev.format_dokumen.replace(".", "")
    for kol, lebar in zip("ABCD", (6, 34, 4, 60)):
        ws.column_dimensions[kol].width = lebar
    r = 1
    gabung(ws, r, 1, 4, f"FORMAT {ev.format_dokumen}", font=Font(italic=True))
    r += 1
    gabung(ws, r, 1, 4, "DOKUMEN EVALUASI KINERJA PEGAWAI", font=Font(bold=True, size=13), alignment=tengah)
    r += 1
    gabung(ws, r, 1, 4, f"PERIODE*: {ktx['periode_cetak']}", alignment=tengah)
    r += 1
    gabung(ws, r, 1, 4, (ktx["instansi"] or "(NAMA INSTANSI)").upper(), font=tebal, alignment=tengah)
    r += 1
    gabung(ws, r, 1, 4, f"PERIODE PENILAIAN: {d['periode'].mulai:%d-%m-%Y} SD {d['periode'].akhir:%d-%m-%Y}",
           alignment=tengah)
    r += 2
    for no, judul, kunci in ((1, "PEGAWAI YANG DINILAI", "pegawai"), (2, "PEJABAT PENILAI KINERJA", "penilai"),
                             (3, "ATASAN PEJABAT PENILAI KINERJA", "atasan")):
        _sel(ws, r, 1, no, font=tebal)
        gabung(ws, r, 2, 4, judul, font=tebal)
        r += 1
        for lab, k2 in (("NAMA", "nama"), ("NIP", "nip"), ("PANGKAT/GOL RUANG", "pangkat"), ("JABATAN", "jabatan"),
                        ("UNIT KERJA", "unit")):
            _sel(ws, r, 2, lab)
            _sel(ws, r, 3, ":")
            _sel(ws, r, 4, ident[kunci][k2] or "")
            r += 1
    _sel(ws, r, 1, 4, font=tebal)
    gabung(ws, r, 2, 4, "EVALUASI KINERJA", font=tebal)
    r += 1
    _sel(ws, r, 2, "CAPAIAN KINERJA ORGANISASI")
    _sel(ws, r, 3, ":")
    _sel(ws, r, 4, _lab(CapaianOrganisasi, ev.capaian_organisasi))
    r += 1
    _sel(ws, r, 2, "PREDIKAT KINERJA PEGAWAI")
    _sel(ws, r, 3, ":")
    _sel(ws, r, 4, _lab(Predikat, ev.predikat))
    r += 1
    _sel(ws, r, 1, 5, font=tebal)
    _sel(ws, r, 2, "CATATAN/REKOMENDASI", font=tebal)
    _sel(ws, r, 4, ev.catatan_rekomendasi or "", alignment=bungkus)
    r += 1
    kb = ktx.get("keberatan_asal")
    if ev.format_dokumen == "D.1.3" and kb is not None:
        for no, judul, isi in ((6, "KEBERATAN", kb.alasan),
                               (7, "PENJELASAN PEJABAT PENILAI KINERJA ATAS KEBERATAN", kb.penjelasan_penilai),
                               (8, "KEPUTUSAN DAN REKOMENDASI ATASAN PEJABAT PENILAI KINERJA",
                                f"{KeputusanKeberatan(kb.keputusan).label}: {kb.rekomendasi_baru or ''}")):
            _sel(ws, r, 1, no, font=tebal)
            _sel(ws, r, 2, judul, font=tebal)
            _sel(ws, r, 4, isi or "", alignment=bungkus)
            r += 1
    r += 1
    _sel(ws, r, 1, "TANDA TANGAN ELEKTRONIK", font=tebal)
    r += 1
    for t in ktx["tanda_tangan"]:
        _sel(ws, r, 2, PeranTandaTangan(t.peran).label)
        _sel(ws, r, 4, f"{t.nama} ({t.nip or '-'}) — {t.waktu:%d-%m-%Y %H:%M} — SHA-256 {t.hash_sha256}")
        r += 1
    _sel(ws, r + 1, 1, "* Periode disesuaikan dengan periode evaluasi kinerja pegawai yang berlaku pada Instansi "
                       "Pemerintah  ** Pilih salah satu", font=Font(italic=True, size=9))

    # -- C.1.x
    wc = wb.create_sheet(d["format_c"].replace(".", ""))
    kuant = d["format_c"] != "C.1.1"
    kolom = (["NO", "RENCANA HASIL KERJA PIMPINAN YANG DIINTERVENSI", "RENCANA HASIL KERJA", "ASPEK",
              "INDIKATOR KINERJA INDIVIDU", "TARGET", "REALISASI BERDASARKAN BUKTI DUKUNG",
              "UMPAN BALIK BERKELANJUTAN BERDASARKAN BUKTI DUKUNG", "RATING RHK"] if kuant else
             ["NO", "HASIL KERJA", "REALISASI BERDASARKAN BUKTI DUKUNG",
              "UMPAN BALIK BERKELANJUTAN BERDASARKAN BUKTI DUKUNG", "RATING RHK"])
    lebar_kol = (5, 34, 34, 12, 34, 14, 34, 34, 18) if kuant else (5, 60, 40, 40, 18)
    for i, lebar in enumerate(lebar_kol, 1):
        wc.column_dimensions[chr(64 + i)].width = lebar
    nk = len(kolom)
    r = 1
    gabung(wc, r, 1, nk, f"FORMAT {d['format_c']}", font=Font(italic=True))
    r += 1
    gabung(wc, r, 1, nk, FORMAT_C[d["format_c"]], font=Font(bold=True, size=12), alignment=tengah)
    r += 1
    gabung(wc, r, 1, nk, f"PERIODE***: {ktx['periode_cetak']}", alignment=tengah)
    r += 1
    gabung(wc, r, 1, nk, (ktx["instansi"] or "(NAMA INSTANSI)").upper(), font=tebal, alignment=tengah)
    r += 1
    gabung(wc, r, 1, nk, f"PERIODE PENILAIAN: {d['periode'].mulai:%d-%m-%Y} SD {d['periode'].akhir:%d-%m-%Y}",
           alignment=tengah)
    r += 2
    # ID2: PEGAWAI YANG DINILAI (left) | PEJABAT PENILAI KINERJA (right)
    kiri, kanan = (1, 3), (4, nk)
    gabung(wc, r, 1, kiri[1], "PEGAWAI YANG DINILAI", font=tebal, alignment=tengah, border=kotak)
    gabung(wc, r, kanan[0], kanan[1], "PEJABAT PENILAI KINERJA", font=tebal, alignment=tengah, border=kotak)
    r += 1
    for i, (lab, k2) in enumerate((("NAMA", "nama"), ("NIP", "nip"), ("PANGKAT/GOL. RUANG", "pangkat"),
                                   ("JABATAN", "jabatan"), ("UNIT KERJA", "unit")), 1):
        _sel(wc, r, 1, i)
        _sel(wc, r, 2, lab)
        _sel(wc, r, 3, ktx["ident"]["pegawai"][k2] or "", alignment=bungkus)
        _sel(wc, r, kanan[0], f"{i} {lab}{' (*opsional)' if k2 == 'nip' else ''}")
        gabung(wc, r, kanan[0] + 1, kanan[1], ktx["ident"]["penilai"][k2] or "", alignment=bungkus)
        r += 1
    r += 1
    gabung(wc, r, 1, nk, f"CAPAIAN KINERJA ORGANISASI*: {_lab(CapaianOrganisasi, ev.capaian_organisasi)}",
           font=tebal)
    r += 1
    gabung(wc, r, 1, nk, f"POLA DISTRIBUSI: predikat yang diharapkan sebagian besar pegawai "
                        f"{d['dominan'].label.upper() if d['dominan'] else '-'}")
    r += 2
    gabung(wc, r, 1, nk, "HASIL KERJA", font=tebal, alignment=tengah, border=kotak)
    r += 1
    for i, h in enumerate(kolom, 1):
        _sel(wc, r, i, h, font=tebal, alignment=tengah, border=kotak)
    r += 1
    if kuant:  # the regulation numbers the columns (1)…(8) (form C.1.3 = B.1.5's columns)
        for i in range(1, nk + 1):
            _sel(wc, r, i, f"({i})" if i < nk else "", font=tebal, alignment=tengah, border=kotak)
        r += 1
    lr = dict(Rating.choices())
    for bagian, daftar in (("A. UTAMA", d["rhk_utama"]), ("B. TAMBAHAN", d["rhk_tambahan"])):
        gabung(wc, r, 1, nk, bagian, font=tebal, border=kotak)
        r += 1
        for b in daftar:
            x = b["rhk"]
            real = "; ".join(f"{(z.nilai if z.nilai is not None else '')} {z.uraian or ''}".strip()
                             for z in b["realisasi"])
            ub = "; ".join(u.uraian for u in b["umpan_balik"])
            for j, iki in enumerate(b["iki"] or [None]):
                if kuant:
                    vals = [x.urutan if j == 0 else "", (x.rhk_atasan.uraian if x.rhk_atasan else "") if j == 0 else "",
                            x.uraian if j == 0 else "", (iki.aspek or "") if iki else "", iki.uraian if iki else "",
                            (f"{iki.target_nilai} {iki.target_satuan or ''}".strip() if iki and iki.target_nilai
                             is not None else (iki.target_teks or "") if iki else ""),
                            real if j == 0 else "", ub if j == 0 else "", lr.get(b["rating"], "") if j == 0 else ""]
                else:
                    vals = [x.urutan if j == 0 else "", (x.uraian + (f" — {iki.uraian}" if iki else "")),
                            real if j == 0 else "", ub if j == 0 else "", lr.get(b["rating"], "") if j == 0 else ""]
                for i, v in enumerate(vals, 1):
                    _sel(wc, r, i, v, alignment=bungkus)
                r += 1
    r += 1
    gabung(wc, r, 1, nk, f"RATING HASIL KERJA*: {_lab(Rating, ev.rating_hasil_kerja)}", font=tebal)
    r += 2
    gabung(wc, r, 1, nk, "PERILAKU KERJA", font=tebal, alignment=tengah, border=kotak)
    r += 1
    for i, n in enumerate(d["perilaku"], 1):
        _sel(wc, r, 1, i)
        _sel(wc, r, 2, n["nama"] + "\n" + "\n".join(f"- {p}" for p in n["perilaku"]), alignment=bungkus)
        _sel(wc, r, 3, f"Ekspektasi Khusus Pimpinan: {n['ekspektasi'] or '-'}", alignment=bungkus)
        _sel(wc, r, 4, "; ".join([u.uraian for u in n["umpan_balik"]] + ([n["catatan"]] if n["catatan"] else [])),
             alignment=bungkus)
        r += 1
    r += 1
    gabung(wc, r, 1, nk, f"RATING PERILAKU KERJA*: {_lab(Rating, ev.rating_perilaku)}", font=tebal)
    r += 1
    gabung(wc, r, 1, nk, f"PREDIKAT KINERJA PEGAWAI*: {_lab(Predikat, ev.predikat)}", font=tebal)
    r += 2
    _sel(wc, r, 1, "* Pilih salah satu  ** Rating hasil dan rating perilaku kerja pegawai ditetapkan dengan "
                   "mempertimbangkan pola distribusi predikat Kinerja Pegawai berdasarkan capaian kinerja organisasi "
                   "serta kontribusi Pegawai terhadap Kinerja Organisasi", font=Font(italic=True, size=9))
    f = tempfile.TemporaryFile()
    wb.save(f)
    f.seek(0)
    return f
