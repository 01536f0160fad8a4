"""Deadline reminders, run once per local day by the schedule (app/jadwal.py ``pengingat_tenggat``).

A deadline already computed by the rules (R7, working days) and stored on its record reminds the person who
must act: 3 and 1 working days before (H-3, H-1), on the day (H) and once overdue. The step of "today"
(``jam.hari_ini``: the office's date in ZONA_WAKTU, not the server's) comes from ``langkah``; each (person,
deadline, step) is one ``kunci_unik``, so a second run on the same day — or a run on a weekend or holiday inside
the window — adds nothing. A missed run catches up with the current step only (no stale H-3 on the H-1 day).

Deadlines covered (the same stored dates the register "Tenggat Evaluasi" and "SKP Belum Ditetapkan" show):

* SKP set by the end of January (001 Pasal 14(1); ``SKP.tenggat_penetapan``) — the employee while it is not
  submitted (or not made at all), the evaluator while it is submitted and not set;
* the evaluation made and signed by the end of its evaluation time (the period's end; the annual one by the end
  of January, 001 Lampiran "Evaluasi Kinerja" 8 b); ``kalender.batas_penilai``) — the evaluator of the draft;
  afterwards the atasan evaluates (R15, 001 Lampiran "Evaluasi Kinerja" 11), hence the escalation;
* the signed evaluation delivered ≤ 14 working days (001 Lampiran "Tindak lanjut" 5; ``tenggat_penyampaian``)
  — whoever signed it (the evaluator, or the atasan for D.1.2/D.1.3);
* the received evaluation returned (001 Lampiran "Tindak lanjut" 6 and 9; ``tenggat_pengembalian``) — the
  employee;
* the keberatan decided ≤ 7 working days (001 Lampiran "Keberatan" 6; ``tenggat_keputusan``) — the atasan
  pejabat penilai (``app.queries.penilaian.keberatan.putuskan``).

Escalation: once a deadline the evaluator owns is overdue, the atasan pejabat penilai named on the record (R15:
the SKP's / evaluation's ``atasan_penilai_id``) is told once (``tenggat_terlewat``). A Kepala Daerah's SKP or
evaluation is acted on by the PyB, so it has no personal reminder; it is counted in the operator/PyB's daily
totals (``rekap_tenggat``): one entry per Operator/PyB user per day with the overdue counts of their instansi.

Set-based: per kind one statement reads the deadlines in the window with the accounts to tell (joined), then
``notifikasi.beri_tahu_massal`` checks the keys and inserts the new entries in a few statements.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from flask_appbuilder.security.sqla.models import Role, User, assoc_user_role
from sqlalchemy import and_, case, exists, false, func, or_, select
from sqlalchemy.orm import aliased

from app import jam
from app.extensions import db
from app.format import tanggal_saja
from app.queries import notifikasi as q
from app.queries.penilaian.kalender import batas_penilai, cuti_bersama, periode
from app.queries.penilaian.tenggat import periode_lewat
from app.queries.perencanaan.umum import BISA_DISUSUN, STATUS_WAJIB_SKP, TERKUNCI
from app.rules.enums import JenisEvaluasi, StatusDokumen, StatusSKP
from app.rules.waktu import PERIODE_EVALUASI_PERIODIK, daftar_periode, hari_kerja_terakhir, tenggat_penetapan_skp
from app.security import roles as R
from schema.enums import DinilaiOleh
from schema.models import SKP, EvaluasiKinerja, Instansi, Keberatan, Pegawai, UnitKerja

LANGKAH = {"h-3": "3 hari kerja lagi", "h-1": "1 hari kerja lagi", "h": "hari ini", "lewat": "sudah terlewat"}
LEWAT_DIINGAT_HARI = 60  # overdue deadlines older than this are not scanned again (their "lewat" was sent)
MAJU_HARI = 21  # calendar days ahead that always hold the H-3 working day
JENIS = "pengingat_tenggat"
ESKALASI = "tenggat_terlewat"
REKAP = "rekap_tenggat"
TAUTAN_REKAP = "/tenggatevaluasi/"


def langkah(hari: dt.date, tenggat: dt.date, cuti: Iterable[dt.date] = ()) -> str | None:
    """The reminder step of ``hari`` for ``tenggat`` (working days, R7), or None outside the window."""
    if hari > tenggat:
        return "lewat"
    if hari == tenggat:
        return "h"
    kemarin = tenggat - dt.timedelta(days=1)
    cuti = frozenset(cuti)
    if hari >= hari_kerja_terakhir(kemarin, 1, cuti):
        return "h-1"
    if hari >= hari_kerja_terakhir(kemarin, 3, cuti):
        return "h-3"
    return None


@dataclass(frozen=True)
class Tenggat:
    """One deadline owed by one account; ``atasan_uid``: who is told once it is overdue (None: nobody)."""

    rekaman: str  # the record part of the key (stable whatever the title says)
    user_id: int | None  # None: the owner has no login (only the escalation is sent)
    tenggat: dt.date
    judul: str  # without the step
    isi: str
    tautan: str
    atasan_uid: int | None = None
    judul_eskalasi: str = ""


def _jendela(kolom, hari: dt.date):
    return kolom.between(hari - dt.timedelta(days=LEWAT_DIINGAT_HARI), hari + dt.timedelta(days=MAJU_HARI))


# --- the deadlines, one statement each ---------------------------------------------------------------------


def _skp_pegawai(hari: dt.date) -> list[Tenggat]:
    """Employees whose SKP is not submitted yet: a draft or returned SKP, or none at all for the year."""
    P = Pegawai
    out = [
        Tenggat(
            f"skp-{tahun}-pegawai-{pid}",
            uid,
            tenggat,
            f"Penyusunan SKP {tahun}",
            f"SKP {tahun} ditetapkan paling lambat {tanggal_saja(tenggat)}: lengkapi lalu ajukan kepada pejabat "
            "penilai.",
            f"/skp/show/{sid}",
        )
        for sid, pid, uid, tahun, tenggat in db.session.execute(
            select(SKP.id, SKP.pegawai_id, P.user_id, SKP.tahun, SKP.tenggat_penetapan)
            .join(P, P.id == SKP.pegawai_id)
            .where(SKP.aktif.is_(True), SKP.status.in_(BISA_DISUSUN), P.user_id.is_not(None))
            .where(_jendela(SKP.tenggat_penetapan, hari))
        )
    ]
    for tahun in (hari.year, hari.year + 1):
        tenggat = tenggat_penetapan_skp(tahun)
        if not hari - dt.timedelta(days=LEWAT_DIINGAT_HARI) <= tenggat <= hari + dt.timedelta(days=MAJU_HARI):
            continue
        ada = exists().where(SKP.pegawai_id == P.id, SKP.tahun == tahun, SKP.aktif.is_(True))
        out += [
            Tenggat(
                f"skp-{tahun}-pegawai-{pid}",
                uid,
                tenggat,
                f"Penyusunan SKP {tahun}",
                f"SKP {tahun} ditetapkan paling lambat {tanggal_saja(tenggat)}; Anda belum menyusunnya.",
                "/skp/",
            )
            for pid, uid in db.session.execute(
                select(P.id, P.user_id).where(P.status.in_(STATUS_WAJIB_SKP), P.user_id.is_not(None), ~ada)
            )
        ]
    return out


def _skp_penilai(hari: dt.date) -> list[Tenggat]:
    """Submitted SKPs the evaluator has not set; overdue → the atasan pejabat penilai (the employee may also take
    it to them, 001 Lampiran "Penetapan SKP" 4)."""
    P, Pn, At = Pegawai, aliased(Pegawai), aliased(Pegawai)
    rows = db.session.execute(
        select(SKP.id, SKP.tahun, SKP.tenggat_penetapan, P.nama, Pn.user_id, Pn.nama, At.user_id)
        .join(P, P.id == SKP.pegawai_id)
        .join(Pn, Pn.id == SKP.penilai_id)
        .outerjoin(At, At.id == SKP.atasan_penilai_id)
        .where(
            SKP.aktif.is_(True),
            SKP.status == StatusSKP.DIAJUKAN.value,
            SKP.ditetapkan_kepala_daerah.is_(False),  # acted on by the PyB (``notifikasi.skp_diajukan``)
            or_(Pn.user_id.is_not(None), At.user_id.is_not(None)),  # no login: the escalation still goes
            _jendela(SKP.tenggat_penetapan, hari),
        )
    )
    return [
        Tenggat(
            f"/skp/show/{sid}",
            uid,
            tenggat,
            f"Penetapan SKP {tahun} {nama}",
            f"SKP yang diajukan ditetapkan paling lambat {tanggal_saja(tenggat)}: periksa, lalu tetapkan atau "
            "kembalikan dengan catatan.",
            f"/skp/show/{sid}",
            at_uid,
            f"SKP {tahun} {nama} belum ditetapkan oleh pejabat penilai ({nama_pn})",
        )
        for sid, tahun, tenggat, nama, uid, nama_pn, at_uid in rows
    ]


def _label(jenis: str, tahun: int, periode_jenis: str, nomor: int) -> str:
    return (
        f"tahunan {tahun}"
        if jenis == JenisEvaluasi.TAHUNAN.value
        else periode(jenis, tahun, periode_jenis, nomor).label
    )


def _dalam_jendela(hari: dt.date, d: dt.date) -> bool:
    return hari - dt.timedelta(days=LEWAT_DIINGAT_HARI) <= d <= hari + dt.timedelta(days=MAJU_HARI)


def _periode_dalam_jendela(hari: dt.date):
    """SQL: evaluations whose evaluation time (``batas_penilai``) ends inside the reminder window — the few
    (year, period) pairs computed here, so the statement reads only those drafts."""
    E, pilih = EvaluasiKinerja, []
    for tahun in (hari.year - 1, hari.year):
        if _dalam_jendela(hari, batas_penilai(JenisEvaluasi.TAHUNAN.value, tahun, "tahunan", 0)):
            pilih.append(and_(E.jenis == JenisEvaluasi.TAHUNAN.value, E.tahun == tahun))
        for pj in PERIODE_EVALUASI_PERIODIK:
            for p in daftar_periode(tahun, pj):
                if _dalam_jendela(hari, batas_penilai(JenisEvaluasi.PERIODIK.value, tahun, pj.value, p.nomor)):
                    pilih.append(
                        and_(
                            E.jenis == JenisEvaluasi.PERIODIK.value,
                            E.tahun == tahun,
                            E.periode_jenis == pj.value,
                            E.periode_nomor == p.nomor,
                        )
                    )
    return or_(*pilih) if pilih else false()


def _penilaian(hari: dt.date) -> list[Tenggat]:
    """Draft evaluations: the evaluator makes and signs them by the end of the evaluation time; afterwards the
    atasan evaluates (R15: ``kewenangan.penilai_sah_massal``), so an overdue draft is escalated to them."""
    E, P, Pn, At = EvaluasiKinerja, Pegawai, aliased(Pegawai), aliased(Pegawai)
    rows = db.session.execute(
        select(E.id, E.jenis, E.tahun, E.periode_jenis, E.periode_nomor, P.nama, Pn.user_id, Pn.nama, At.user_id)
        .join(P, P.id == E.pegawai_id)
        .join(Pn, Pn.id == E.penilai_id)
        .outerjoin(At, At.id == E.atasan_penilai_id)
        .outerjoin(SKP, SKP.id == E.skp_id)
        .where(
            E.aktif.is_(True),
            E.status_dokumen == StatusDokumen.DRAF.value,
            E.dinilai_oleh.in_((DinilaiOleh.PENILAI.value, DinilaiOleh.PLT_PLH.value)),
            or_(SKP.id.is_(None), SKP.ditetapkan_kepala_daerah.is_(False)),  # the Kepala Daerah's: the PyB acts
            or_(Pn.user_id.is_not(None), At.user_id.is_not(None)),  # no login: the escalation still goes
            _periode_dalam_jendela(hari),
        )
    )
    out = []
    for eid, jenis, tahun, pj, nomor, nama, uid, nama_pn, at_uid in rows:
        label, tenggat = _label(jenis, tahun, pj, nomor), batas_penilai(jenis, tahun, pj, nomor)
        out.append(
            Tenggat(
                f"/evaluasi/show/{eid}:nilai",
                uid,
                tenggat,
                f"Evaluasi {label} {nama}",
                f"Evaluasi dinilai dan ditandatangani paling lambat {tanggal_saja(tenggat)}; sesudahnya atasan "
                "pejabat penilai yang menilai.",
                f"/evaluasi/show/{eid}",
                at_uid,
                f"Evaluasi {label} {nama} belum ditandatangani oleh pejabat penilai ({nama_pn}): kini dinilai "
                "oleh atasan pejabat penilai",
            )
        )
    return out


def _penyampaian(hari: dt.date) -> list[Tenggat]:
    """Signed evaluations not delivered: the signer delivers (``tanda_tangan.boleh_sampaikan``: the atasan for
    D.1.2 and D.1.3, else the evaluator); an evaluator's overdue delivery → the atasan pejabat penilai."""
    E, P, Pn, At = EvaluasiKinerja, Pegawai, aliased(Pegawai), aliased(Pegawai)
    oleh_atasan = or_(E.dinilai_oleh == DinilaiOleh.ATASAN_PENILAI.value, E.format_dokumen == "D.1.3")
    penanda = case((oleh_atasan, E.atasan_penilai_id), else_=E.penilai_id)
    rows = db.session.execute(
        select(
            E.id,
            E.jenis,
            E.tahun,
            E.periode_jenis,
            E.periode_nomor,
            E.tenggat_penyampaian,
            P.nama,
            Pn.user_id,
            Pn.nama,
            case((oleh_atasan, None), else_=At.user_id),
        )
        .join(P, P.id == E.pegawai_id)
        .join(Pn, Pn.id == penanda)
        .outerjoin(At, At.id == E.atasan_penilai_id)
        .where(
            E.aktif.is_(True),
            E.status_dokumen == StatusDokumen.DITANDATANGANI.value,
            E.dinilai_oleh != DinilaiOleh.KEPALA_DAERAH.value,  # delivered by the PyB
            or_(Pn.user_id.is_not(None), At.user_id.is_not(None)),  # no login: the escalation still goes
            _jendela(E.tenggat_penyampaian, hari),
        )
    )
    out = []
    for eid, jenis, tahun, pj, nomor, tenggat, nama, uid, nama_pn, at_uid in rows:
        label = _label(jenis, tahun, pj, nomor)
        out.append(
            Tenggat(
                f"/evaluasi/show/{eid}:sampaikan",
                uid,
                tenggat,
                f"Penyampaian hasil evaluasi {label} {nama}",
                f"Dokumen hasil evaluasi yang sudah ditandatangani disampaikan kepada pegawai paling lambat "
                f"{tanggal_saja(tenggat)}.",
                f"/evaluasi/show/{eid}",
                at_uid,
                f"Hasil evaluasi {label} {nama} belum disampaikan oleh pejabat penilai ({nama_pn})",
            )
        )
    return out


def _pengembalian(hari: dt.date) -> list[Tenggat]:
    t = EvaluasiKinerja
    rows = db.session.execute(
        select(t.id, Pegawai.user_id, t.tahun, t.tenggat_pengembalian)
        .join(Pegawai, Pegawai.id == t.pegawai_id)
        .where(
            t.aktif.is_(True),
            t.status_dokumen == StatusDokumen.DITERIMA.value,
            Pegawai.user_id.is_not(None),
            _jendela(t.tenggat_pengembalian, hari),
        )
    )
    return [
        Tenggat(
            f"/evaluasi/show/{eid}",
            uid,
            tenggat,
            f"Pengembalian dokumen evaluasi kinerja {tahun}",
            f"Batas pengembalian dokumen hasil evaluasi kinerja: {tanggal_saja(tenggat)}.",
            f"/evaluasi/show/{eid}",
        )
        for eid, uid, tahun, tenggat in rows
    ]


def _keberatan(hari: dt.date) -> list[Tenggat]:
    """Undecided keberatan: the atasan pejabat penilai of the evaluation decides (``keberatan.putuskan``)."""
    K, E, P, At = Keberatan, EvaluasiKinerja, Pegawai, aliased(Pegawai)
    rows = db.session.execute(
        select(K.id, K.tenggat_keputusan, E.tahun, P.nama, At.user_id)
        .join(E, E.id == K.evaluasi_id)
        .join(P, P.id == K.pegawai_id)
        .join(At, At.id == E.atasan_penilai_id)
        .where(K.keputusan.is_(None), At.user_id.is_not(None), _jendela(K.tenggat_keputusan, hari))
    )
    return [
        Tenggat(
            f"/keberatan/show/{kid}",
            uid,
            tenggat,
            f"Keputusan keberatan {nama} ({tahun})",
            f"Keberatan atas hasil evaluasi kinerja diputuskan paling lambat {tanggal_saja(tenggat)}.",
            f"/keberatan/show/{kid}",
        )
        for kid, tenggat, tahun, nama, uid in rows
    ]


TENGGAT = (_skp_pegawai, _skp_penilai, _penilaian, _penyampaian, _pengembalian, _keberatan)


def _pemberitahuan(hari: dt.date, cuti: frozenset[dt.date], daftar: list[Tenggat]) -> list[q.Pemberitahuan]:
    langkah_per_tanggal: dict[dt.date, str | None] = {}  # one deadline date is shared by thousands (31 January)
    out = []
    for t in daftar:
        if t.tenggat not in langkah_per_tanggal:
            langkah_per_tanggal[t.tenggat] = langkah(hari, t.tenggat, cuti)
        step = langkah_per_tanggal[t.tenggat]
        if step is None:
            continue
        if t.user_id:
            out.append(
                q.Pemberitahuan(
                    t.user_id,
                    JENIS,
                    f"{t.judul}: {LANGKAH[step]}",
                    t.isi,
                    t.tautan,
                    f"{JENIS}:{t.rekaman}:{t.user_id}:{t.tenggat.isoformat()}:{step}",
                )
            )
        if step == "lewat" and t.atasan_uid and t.atasan_uid != t.user_id:
            out.append(
                q.Pemberitahuan(
                    t.atasan_uid,
                    ESKALASI,
                    t.judul_eskalasi,
                    f"Tenggat {tanggal_saja(t.tenggat)} sudah terlewat. Anda adalah atasan pejabat penilai.",
                    t.tautan,
                    f"{ESKALASI}:{t.rekaman}:{t.atasan_uid}:{t.tenggat.isoformat()}",
                )
            )
    return out


# --- the operator/PyB's daily totals ---------------------------------------------------------------------------

REKAP_LABEL = {
    "skp": "SKP belum ditetapkan",
    "penilaian": "evaluasi belum ditandatangani pejabat penilai",
    "penyampaian": "evaluasi belum disampaikan",
    "pengembalian": "evaluasi belum dikembalikan pegawai",
    "keberatan": "keberatan belum diputus",
}


def hitung_terlewat(hari: dt.date) -> dict[int, dict[str, int]]:
    """{instansi: {kind: overdue count}} — the conditions of the register "Tenggat Evaluasi"
    (``penilaian.daftar_terlambat``) for every year, and of "SKP Belum Ditetapkan" for the current year."""
    E, K = EvaluasiKinerja, Keberatan
    out: dict[int, dict[str, int]] = {}

    def tambah(nama, stmt):
        for iid, n in db.session.execute(stmt.group_by(UnitKerja.instansi_id)):
            out.setdefault(iid, {})[nama] = int(n)

    tahun = hari.year
    if hari > tenggat_penetapan_skp(tahun):
        ditetapkan = exists().where(
            SKP.pegawai_id == Pegawai.id, SKP.tahun == tahun, SKP.aktif.is_(True), SKP.status.in_(TERKUNCI)
        )
        tambah(
            "skp",
            select(UnitKerja.instansi_id, func.count(Pegawai.id))
            .join(Pegawai, Pegawai.unit_kerja_id == UnitKerja.id)
            .where(Pegawai.status.in_(STATUS_WAJIB_SKP), ~ditetapkan),
        )
    belum_dinilai = [
        and_(E.tahun == t, or_(*lewat)) for t in (tahun - 1, tahun) if (lewat := periode_lewat(t, hari))
    ]  # the register's "belum dinilai" (``penilaian.daftar_terlambat``); earlier years are all over
    tambah(
        "penilaian",
        select(UnitKerja.instansi_id, func.count(E.id))
        .join(UnitKerja, UnitKerja.id == E.unit_kerja_id)
        .where(
            E.aktif.is_(True), E.status_dokumen == StatusDokumen.DRAF.value, or_(E.tahun < tahun - 1, *belum_dinilai)
        ),
    )
    for nama, status, kolom in (
        ("penyampaian", StatusDokumen.DITANDATANGANI, E.tenggat_penyampaian),
        ("pengembalian", StatusDokumen.DITERIMA, E.tenggat_pengembalian),
    ):
        tambah(
            nama,
            select(UnitKerja.instansi_id, func.count(E.id))
            .join(UnitKerja, UnitKerja.id == E.unit_kerja_id)
            .where(E.aktif.is_(True), E.status_dokumen == status.value, kolom < hari),
        )
    tambah(
        "keberatan",
        select(UnitKerja.instansi_id, func.count(K.id))
        .join(E, E.id == K.evaluasi_id)
        .join(UnitKerja, UnitKerja.id == E.unit_kerja_id)
        .where(K.keputusan.is_(None), K.tenggat_keputusan < hari),
    )
    return out


def _rekap(hari: dt.date) -> list[q.Pemberitahuan]:
    jumlah = hitung_terlewat(hari)
    if not any(any(v.values()) for v in jumlah.values()):
        return []
    penerima = db.session.execute(
        select(User.id, UnitKerja.instansi_id, Instansi.nama)
        .join(assoc_user_role, assoc_user_role.c.user_id == User.id)
        .join(Role, Role.id == assoc_user_role.c.role_id)
        .join(Pegawai, Pegawai.user_id == User.id)
        .join(UnitKerja, UnitKerja.id == Pegawai.unit_kerja_id)
        .join(Instansi, Instansi.id == UnitKerja.instansi_id)
        .where(Role.name.in_((R.OPERATOR, R.PYB)), User.active.is_(True))
        .distinct()
    ).all()
    out = []
    for uid, iid, nama_instansi in penerima:
        n = {k: v for k, v in jumlah.get(iid, {}).items() if v}
        if not n:
            continue
        ringkas = ", ".join(f"{n[k]} {REKAP_LABEL[k]}" for k in REKAP_LABEL if k in n)
        out.append(
            q.Pemberitahuan(
                uid,
                REKAP,
                f"Tenggat terlewat di {nama_instansi}: {sum(n.values())} hal",
                f"Per {tanggal_saja(hari)}: {ringkas}. Rinciannya pada Tenggat Evaluasi dan SKP Belum Ditetapkan.",
                TAUTAN_REKAP,
                f"{REKAP}:{uid}:{hari.isoformat()}",
            )
        )
    return out


def ingatkan(hari: dt.date | None = None) -> int:
    """Create today's reminders, escalations and totals (in the caller's transaction); returns how many were new."""
    hari = hari or jam.hari_ini()
    cuti = cuti_bersama()
    daftar = [t for fungsi in TENGGAT for t in fungsi(hari)]
    return q.beri_tahu_massal(_pemberitahuan(hari, cuti, daftar) + _rekap(hari))
