"""Home dashboard per role: set-based counts, each panel a bounded number of statements.

Every number is row-scoped with ``app.security.scope.clause_for`` (a supervisor's figures cover only the rows
their role may read) and each panel is computed only for the roles that have it (tables outside a role's matrix
are never queried for it). Counselling: counts per status only — never a confidential field (R11).
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import and_, case, exists, func, or_, select

from app import jam
from app.extensions import db
from app.queries.pemantauan import STATUS_DIPANTAU, cakupan_unit, cte_puncak, periode_berjalan
from app.queries.penilaian import LAPORKAN_STATUS, distribusi_unit, periode_lewat
from app.rules import StatusDokumen, StatusKonseling, StatusSKP
from app.security import roles as R
from app.security.scope import Konteks, clause_for, unit_dipantau
from schema.enums import StatusPermohonanKlinik, StatusSesiKlinik
from schema.models import (
    SKP,
    EvaluasiKinerja,
    Jabatan,
    Keberatan,
    KlinikAnggota,
    KlinikPermohonan,
    KlinikSesi,
    Konseling,
    Pegawai,
    UmpanBalik,
    UnitKerja,
)

SD = StatusDokumen
SKP_SELESAI = (StatusSKP.DITETAPKAN.value, StatusSKP.DIUBAH.value)

# panel → roles that have it
PANEL_PERAN: dict[str, set[str]] = {
    "pegawai": {R.PEGAWAI},
    "penilai": {R.PENILAI, R.ATASAN},
    "operator": {R.OPERATOR, R.ADMIN},
    "tim": {R.TIM},
    "pyb": {R.PYB, R.ADMIN},
    "konselor": {R.KONSELOR},
    "klinik": {R.KLINIK},
}


def panel_untuk(k: Konteks) -> list[str]:
    out = [p for p, roles in PANEL_PERAN.items() if k.role_names & roles]
    # panels about "my" rows need an employee record
    return [p for p in out if p not in ("pegawai", "penilai", "tim", "konselor", "klinik") or k.pegawai_id]


# ---------------------------------------------------------------------------------------------------------


def _pegawai(k: Konteks, tahun: int, hari: dt.date) -> dict:
    """My SKP, feedback received, my evaluations and their deadlines: three statements."""
    skp = db.session.execute(
        select(SKP.id, SKP.status, SKP.versi_ke, SKP.tenggat_penetapan, SKP.tanggal_ditetapkan)
        .where(SKP.pegawai_id == k.pegawai_id, SKP.tahun == tahun, SKP.aktif.is_(True), clause_for("skp", k))
        .order_by(SKP.id.desc())
    ).all()
    ub = db.session.execute(
        select(func.count(UmpanBalik.id), func.count(case((UmpanBalik.positif.is_(True), 1))))
        .join(SKP, SKP.id == UmpanBalik.skp_id)
        .where(SKP.pegawai_id == k.pegawai_id, UmpanBalik.tahun == tahun, clause_for("umpan_balik", k))
    ).one()
    E = EvaluasiKinerja
    evs = db.session.execute(
        select(E.id, E.jenis, E.periode_nomor, E.status_dokumen, E.predikat, E.tenggat_pengembalian, E.is_final)
        .where(E.pegawai_id == k.pegawai_id, E.tahun == tahun, E.aktif.is_(True), clause_for("evaluasi_kinerja", k))
        .order_by(E.jenis, E.periode_nomor)
    ).all()
    tenggat = []
    for s in skp:
        if s.status not in SKP_SELESAI and s.tenggat_penetapan:
            tenggat.append(
                {
                    "apa": "Penetapan SKP",
                    "tanggal": s.tenggat_penetapan,
                    "lewat": s.tenggat_penetapan < hari,
                    "skp_id": s.id,
                }
            )
    for e in evs:
        if e.status_dokumen in (SD.DISAMPAIKAN.value, SD.DITERIMA.value) and e.tenggat_pengembalian:
            tenggat.append(
                {
                    "apa": f"Pengembalian dokumen evaluasi ({'tahunan' if e.periode_nomor == 0 else 'periode ' + str(e.periode_nomor)})",
                    "tanggal": e.tenggat_pengembalian,
                    "lewat": e.tenggat_pengembalian < hari,
                    "evaluasi_id": e.id,
                }
            )
    tenggat.sort(key=lambda t: t["tanggal"])
    return {
        "skp": [
            {
                "id": s.id,
                "status": s.status,
                "versi_ke": s.versi_ke,
                "tenggat_penetapan": s.tenggat_penetapan,
                "tanggal_ditetapkan": s.tanggal_ditetapkan,
            }
            for s in skp
        ],
        "umpan_balik": {"total": ub[0], "positif": ub[1], "tidak_positif": ub[0] - ub[1]},
        "evaluasi": [
            {
                "id": e.id,
                "jenis": e.jenis,
                "periode_nomor": e.periode_nomor,
                "status": e.status_dokumen,
                "predikat": e.predikat,
                "final": e.is_final,
            }
            for e in evs
        ],
        "tenggat": tenggat,
    }


def _hitung_terlambat(tahun: int, hari: dt.date, klausa) -> dict:
    """Overdue evaluation steps (R7) in one statement of conditional counts."""
    E = EvaluasiKinerja
    lewat = periode_lewat(tahun, hari)
    syarat = {
        "belum_dinilai": and_(E.status_dokumen == SD.DRAF.value, or_(*lewat)) if lewat else None,
        "penyampaian": and_(E.status_dokumen == SD.DITANDATANGANI.value, E.tenggat_penyampaian < hari),
        "pengembalian": and_(E.status_dokumen == SD.DITERIMA.value, E.tenggat_pengembalian < hari),
        "laporan": and_(E.tanggal_dilaporkan.is_(None), E.tenggat_laporan < hari),
    }
    kol = [func.count(case((c, 1))).label(n) for n, c in syarat.items() if c is not None]
    row = db.session.execute(select(*kol).where(E.tahun == tahun, E.aktif.is_(True), klausa)).one()._mapping
    return {n: int(row.get(n, 0) or 0) for n in syarat}


def _penilai(k: Konteks, tahun: int, hari: dt.date) -> dict:
    """Subordinates' SKP and evaluation progress, overdue steps, distribution vs. the guideline (R5)."""
    E = EvaluasiKinerja
    skp = dict(
        db.session.execute(
            select(SKP.status, func.count())
            .where(SKP.tahun == tahun, SKP.aktif.is_(True), SKP.penilai_id == k.pegawai_id, clause_for("skp", k))
            .group_by(SKP.status)
        ).all()
    )
    bawahan = {"total": 0, "punya_skp": 0, "skp_selesai": 0}
    if k.jabatan_id:
        ada = exists().where(SKP.pegawai_id == Pegawai.id, SKP.tahun == tahun, SKP.aktif.is_(True))
        selesai = exists().where(
            SKP.pegawai_id == Pegawai.id, SKP.tahun == tahun, SKP.aktif.is_(True), SKP.status.in_(SKP_SELESAI)
        )
        r = db.session.execute(
            select(func.count(Pegawai.id), func.count(case((ada, 1))), func.count(case((selesai, 1)))).where(
                Pegawai.jabatan_id.in_(select(Jabatan.id).where(Jabatan.atasan_id == k.jabatan_id)),
                Pegawai.status.in_(STATUS_DIPANTAU),
                clause_for("bawahan", k),
            )
        ).one()
        bawahan = {"total": r[0], "punya_skp": r[1], "skp_selesai": r[2]}
    klausa_ev = and_(E.penilai_id == k.pegawai_id, clause_for("evaluasi_kinerja", k))
    ev = dict(
        db.session.execute(
            select(E.status_dokumen, func.count())
            .where(E.tahun == tahun, E.aktif.is_(True), klausa_ev)
            .group_by(E.status_dokumen)
        ).all()
    )
    terlambat = _hitung_terlambat(tahun, hari, klausa_ev)
    # the latest period of my evaluations with a predikat, then its distribution per unit (R5, guidance only)
    # (the latest year; within it the period with the most predikat, then the latest)
    per = db.session.execute(
        select(E.tahun, E.jenis, E.periode_nomor)
        .where(E.aktif.is_(True), E.predikat.is_not(None), klausa_ev)
        .group_by(E.tahun, E.jenis, E.periode_nomor)
        .order_by(E.tahun.desc(), func.count().desc(), E.jenis.desc(), E.periode_nomor.desc())
        .limit(1)
    ).first()
    distribusi = {"periode": None, "unit": []}
    if per:
        distribusi = {
            "periode": {"tahun": per[0], "jenis": per[1], "nomor": per[2]},
            "unit": distribusi_unit(per[0], per[1], per[2], klausa_ev),
        }
    return {
        "skp_per_status": skp,
        "bawahan": bawahan,
        "evaluasi_per_status": ev,
        "terlambat": terlambat,
        "distribusi": distribusi,
    }


def _operator(k: Konteks, tahun: int, hari: dt.date) -> dict:
    """SKP completion per perangkat daerah (one grouped statement), overdue SKP/evaluations/objections."""
    p = cte_puncak()
    selesai = exists().where(
        SKP.pegawai_id == Pegawai.id,
        SKP.tahun == tahun,
        SKP.aktif.is_(True),
        SKP.status.in_(SKP_SELESAI),
        clause_for("skp", k),
    )
    hitung = (
        select(
            p.c.puncak.label("unit_id"),
            func.count(Pegawai.id).label("wajib"),
            func.count(case((selesai, 1))).label("selesai"),
        )
        .select_from(Pegawai)
        .join(p, p.c.id == Pegawai.unit_kerja_id)
        .where(Pegawai.status.in_(STATUS_DIPANTAU), clause_for("pegawai", k))
        .group_by(p.c.puncak)
        .subquery("hitung")
    )
    rows = db.session.execute(
        select(UnitKerja.id, UnitKerja.nama_tampil, hitung.c.wajib, hitung.c.selesai)
        .join(hitung, hitung.c.unit_id == UnitKerja.id)
        .order_by(UnitKerja.nama)
    ).all()
    unit = [
        {"unit_id": u, "nama": n, "wajib": w, "selesai": s, "persen": round(100 * s / w, 1) if w else 0.0}
        for u, n, w, s in rows
    ]
    skp_terlambat = db.session.scalar(
        select(func.count(SKP.id)).where(
            SKP.tahun == tahun,
            SKP.aktif.is_(True),
            SKP.status.not_in(SKP_SELESAI),
            SKP.tenggat_penetapan < hari,
            clause_for("skp", k),
        )
    )
    terlambat = _hitung_terlambat(tahun, hari, clause_for("evaluasi_kinerja", k))
    terlambat["skp"] = skp_terlambat
    terlambat["keberatan"] = db.session.scalar(
        select(func.count(Keberatan.id)).where(
            Keberatan.keputusan.is_(None), Keberatan.tenggat_keputusan < hari, clause_for("keberatan", k)
        )
    )
    total_wajib = sum(u["wajib"] for u in unit)
    total_selesai = sum(u["selesai"] for u in unit)
    return {
        "unit": unit,
        "total": {
            "wajib": total_wajib,
            "selesai": total_selesai,
            "persen": round(100 * total_selesai / total_wajib, 1) if total_wajib else 0.0,
        },
        "terlambat": terlambat,
    }


def _tim(k: Konteks, tahun: int, hari: dt.date) -> dict:
    """Units assigned to my teams this semester and their monitoring coverage (the summary: 2 statements)."""
    th, sm = periode_berjalan(hari)
    rows, total, dipantau, per = cakupan_unit(th, sm, page_size=20, unit_ids=unit_dipantau(k, th, sm))
    return {
        "tahun": th,
        "semester": sm,
        "data_per": per,
        "total_unit": total,
        "dipantau": dipantau,
        "persen": round(100 * dipantau / total, 1) if total else 0.0,
        "unit": [
            {
                "id": r["id"],
                "kode": r["kode"],
                "nama": r["nama"],
                "jumlah": r["jumlah"],
                "tim": r["tim"],
                "terakhir": r["terakhir"],
                "kali": r["kali"],
            }
            for r in rows
        ],
    }


def _pyb(k: Konteks, tahun: int, hari: dt.date) -> dict:
    """Counselling counts per status (never the content), pending objections, reports not yet received."""
    konseling = dict(
        db.session.execute(
            select(Konseling.status, func.count()).where(clause_for("konseling", k)).group_by(Konseling.status)
        ).all()
    )
    kb = db.session.execute(
        select(func.count(Keberatan.id), func.count(case((Keberatan.tenggat_keputusan < hari, 1)))).where(
            Keberatan.keputusan.is_(None), clause_for("keberatan", k)
        )
    ).one()
    E = EvaluasiKinerja
    lp = db.session.execute(
        select(func.count(E.id), func.count(case((E.tenggat_laporan < hari, 1)))).where(
            E.aktif.is_(True),
            E.tahun == tahun,
            E.tanggal_dilaporkan.is_(None),
            E.status_dokumen.in_(LAPORKAN_STATUS),
            clause_for("evaluasi_kinerja", k),
        )
    ).one()
    return {
        "konseling": {"per_status": konseling, "total": sum(konseling.values())},
        "keberatan": {"menunggu": kb[0], "lewat_tenggat": kb[1]},
        "laporan_belum_diterima": {"total": lp[0], "lewat_tenggat": lp[1]},
    }


JADWAL_MAKS = 10  # upcoming counselling appointments listed on the home page
SESI_MAKS = 20  # clinic sessions of the week listed


def _konselor(k: Konteks, tahun: int, hari: dt.date) -> dict:
    """The cases I am appointed to: counts per status and my upcoming appointments (when, where, with whom) —
    two statements. Never the result or follow-up (confidential, R11), and never another counsellor's case."""
    milik = (Konseling.konselor_id == k.pegawai_id, clause_for("konseling", k))
    per_status = dict(
        db.session.execute(select(Konseling.status, func.count()).where(*milik).group_by(Konseling.status)).all()
    )
    jadwal = db.session.execute(
        select(Konseling.id, Konseling.jadwal, Konseling.tempat, Pegawai.nama)
        .join(Pegawai, Pegawai.id == Konseling.pegawai_id)
        .where(
            *milik,
            Konseling.status == StatusKonseling.DIJADWALKAN.value,
            Konseling.jadwal >= dt.datetime.combine(hari, dt.time()),
        )
        .order_by(Konseling.jadwal, Konseling.id)
        .limit(JADWAL_MAKS)
    ).all()
    return {
        "per_status": per_status,
        "total": sum(per_status.values()),
        "jadwal": [{"id": r.id, "jadwal": r.jadwal, "tempat": r.tempat, "pegawai": r.nama} for r in jadwal],
    }


def _klinik(k: Konteks, tahun: int, hari: dt.date) -> dict:
    """My Coaching Clinic sessions today and this week (Monday–Sunday) and the unit requests dispositioned to my
    team that are still open: two statements."""
    senin = hari - dt.timedelta(days=hari.weekday())
    awal, akhir = dt.datetime.combine(senin, dt.time()), dt.datetime.combine(senin + dt.timedelta(days=7), dt.time())
    S = KlinikSesi
    batal = (StatusSesiKlinik.DIBATALKAN.value, StatusSesiKlinik.DIJADWALKAN_ULANG.value)
    rows = db.session.execute(
        select(S.id, S.jenis, S.mulai, S.selesai, S.tempat, S.status, Pegawai.nama, UnitKerja.nama_tampil.label("unit"))
        .outerjoin(Pegawai, Pegawai.id == S.pegawai_id)
        .outerjoin(UnitKerja, UnitKerja.id == S.unit_kerja_id)
        .where(
            S.anggota_id.in_(select(KlinikAnggota.id).where(KlinikAnggota.pegawai_id == k.pegawai_id)),
            clause_for("klinik_sesi", k),
            S.mulai >= awal,
            S.mulai < akhir,
            S.status.not_in(batal),
        )
        .order_by(S.mulai, S.id)
        .limit(SESI_MAKS)
    ).all()
    terbuka = (StatusPermohonanKlinik.DIDISPOSISI.value, StatusPermohonanKlinik.DIJADWALKAN.value)
    permohonan = dict(
        db.session.execute(
            select(KlinikPermohonan.status, func.count())
            .where(KlinikPermohonan.status.in_(terbuka), clause_for("klinik_permohonan", k))
            .group_by(KlinikPermohonan.status)
        ).all()
    )
    sesi = [
        {
            "id": r.id,
            "jenis": r.jenis,
            "mulai": r.mulai,
            "selesai": r.selesai,
            "tempat": r.tempat,
            "status": r.status,
            "dengan": r.nama or r.unit,
            "hari_ini": r.mulai.date() == hari,
        }
        for r in rows
    ]
    return {
        "senin": senin,
        "sesi": sesi,
        "hari_ini": sum(1 for x in sesi if x["hari_ini"]),
        "minggu_ini": len(sesi),
        "permohonan_terbuka": permohonan,
        "permohonan_total": sum(permohonan.values()),
    }


_PANEL = {
    "pegawai": _pegawai,
    "penilai": _penilai,
    "operator": _operator,
    "tim": _tim,
    "pyb": _pyb,
    "konselor": _konselor,
    "klinik": _klinik,
}


def data_beranda(k: Konteks, hari: dt.date | None = None) -> dict:
    hari = hari or jam.hari_ini()
    tahun = hari.year
    out = {"tahun": tahun, "hari": hari, "panel": panel_untuk(k)}
    for p in out["panel"]:
        out[p] = _PANEL[p](k, tahun, hari)
    return out
