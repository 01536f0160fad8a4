"""Row-level scope: one mechanism for list/show/edit/delete, actions, exports and the REST API.

Each resource declares, per role, a function returning a SQL clause over its model (``ALL``
= no restriction). A user's scope is the OR of their roles' clauses; a role that
needs an employee record but has none contributes ``false()`` — never ``IS NULL``
(Flask-AppBuilder 5.3: a filter value of None becomes ``IS NULL``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from flask import g
from flask_appbuilder.models.filters import BaseFilter
from sqlalchemy import and_, false, func, literal, or_, select, true
from sqlalchemy.orm import aliased

from app.extensions import db
from app.rules import JenisKonselor, PeranPihak, boleh_membaca_konseling
from app.rules.pohon import MAKS_KEDALAMAN_POHON
from app.security import roles as R
from schema import models
from schema.models import (
    SKP,
    AnggotaTim,
    BimbinganKinerja,
    CapaianKinerjaOrganisasi,
    DelegasiPenilai,
    EvaluasiKinerja,
    IndikatorKinerja,
    Jabatan,
    Keberatan,
    KlinikAnggota,
    KlinikPermohonan,
    KlinikPeserta,
    KlinikSesi,
    KlinikSlot,
    Konseling,
    LaporanPerilaku,
    Pegawai,
    PelatihanKinerja,
    Pemantauan,
    PemantauanPegawai,
    Penghargaan,
    PenugasanTim,
    RencanaHasilKerja,
    TimPemantau,
    TindakLanjutSanksi,
    UnitKerja,
)

ALL = object()


@dataclass
class Konteks:
    user_id: int | None
    role_names: set[str]
    pegawai_id: int | None
    jabatan_id: int | None
    # structural facts read in the same statement (None = unknown, e.g. a Konteks built by hand): scopes that
    # can only yield rows for unit heads / team members / letter filers return false() outright, so the navbar
    # (app/views/menu.py) can hide entries whose list is empty by construction without counting rows
    kepala_unit: bool | None = None
    anggota_tim: bool | None = None
    pemohon_klinik: bool | None = None


ATRIBUT_FAKTA = "_kinerja_fakta"  # set on the user by SecurityManager.get_user_by_id (same statement)


def kolom_fakta() -> tuple:
    """The structural facts of an employee: pegawai id, jabatan id, unit head, team member, clinic applicant
    (over Pegawai joined to its Jabatan)."""
    anggota = select(AnggotaTim.id).where(AnggotaTim.pegawai_id == Pegawai.id).exists()
    pemohon = select(KlinikPermohonan.id).where(KlinikPermohonan.pemohon_id == Pegawai.id).exists()
    return (Pegawai.id, Pegawai.jabatan_id, Jabatan.is_kepala_unit, anggota, pemohon)


def dengan_fakta(stmt, user_id):
    """``stmt`` (over users) with ``kolom_fakta`` added: the login's user load reads them in its own statement,
    one round trip fewer on every request."""
    return (
        stmt.add_columns(*kolom_fakta())
        .outerjoin(Pegawai, Pegawai.user_id == user_id)
        .outerjoin(Jabatan, Jabatan.id == Pegawai.jabatan_id)
    )


def konteks() -> Konteks:
    """The current user's identity, computed once per request."""
    user = getattr(g, "user", None)
    cached = getattr(g, "_kinerja_konteks", None)
    # keyed on the user: an app context held open around several requests (tests) shares one ``g``
    if cached is not None and cached.user_id == getattr(user, "id", None):
        return cached
    if user is None or not getattr(user, "is_authenticated", False):
        k = Konteks(None, set(), None, None)
    else:
        row = getattr(user, ATRIBUT_FAKTA, None)
        if row is None:  # a user loaded some other way: its own statement
            row = db.session.execute(
                select(*kolom_fakta())
                .select_from(Pegawai)
                .outerjoin(Jabatan, Jabatan.id == Pegawai.jabatan_id)
                .where(Pegawai.user_id == user.id)
            ).first()
        roles = {r.name for r in user.roles}
        if row is None or row[0] is None:
            k = Konteks(user.id, roles, None, None, False, False, False)
        else:
            k = Konteks(user.id, roles, row[0], row[1], bool(row[2]), bool(row[3]), bool(row[4]))
    g._kinerja_konteks = k
    return k


ScopeFn = Callable[[Konteks], object]


def _semua(_k: Konteks):
    return ALL


def _pegawai_sendiri(k: Konteks):
    return Pegawai.id == k.pegawai_id if k.pegawai_id else false()


def _bawahan_langsung(k: Konteks):
    """Holders of positions whose superior position is mine (direct subordinates)."""
    if not k.jabatan_id:
        return false()
    return Pegawai.jabatan_id.in_(select(Jabatan.id).where(Jabatan.atasan_id == k.jabatan_id))


def _bawahan_dua_tingkat(k: Konteks):
    """An atasan pejabat penilai reads their evaluators' subordinates too."""
    if not k.jabatan_id:
        return false()
    level1 = select(Jabatan.id).where(Jabatan.atasan_id == k.jabatan_id)
    level2 = select(Jabatan.id).where(Jabatan.atasan_id.in_(level1))
    return Pegawai.jabatan_id.in_(level1) | Pegawai.jabatan_id.in_(level2)


# -- The unit tree (selects the scopes below and app/queries build on) ---------------------------


def cte_puncak():
    """Recursive CTE (id, puncak, d): every unit with its top-level ancestor (perangkat daerah).

    Walks down from the roots, so units on a cycle are never reached; the depth bound is a second guard."""
    akar = select(UnitKerja.id.label("id"), UnitKerja.id.label("puncak"), literal(1).label("d")).where(
        UnitKerja.induk_id.is_(None)
    )
    cte = akar.cte("puncak_unit", recursive=True)
    anak = aliased(UnitKerja)
    return cte.union_all(
        select(anak.id, cte.c.puncak, cte.c.d + 1).where(anak.induk_id == cte.c.id, cte.c.d < MAKS_KEDALAMAN_POHON)
    )


def unit_dikelola_stmt(jabatan_id: int | None):
    """Select of the perangkat daerah ids the holder of ``jabatan_id`` administers: head of a unit's Subbagian
    Umum dan Kepegawaian or of its secretariat (Coaching Clinic letters; app/queries/klinik.py docstring)."""
    p = cte_puncak()
    if not jabatan_id:
        return select(p.c.puncak).where(false())
    nama = func.lower(UnitKerja.nama)
    return (
        select(p.c.puncak)
        .join(Jabatan, Jabatan.unit_kerja_id == p.c.id)
        .join(UnitKerja, UnitKerja.id == Jabatan.unit_kerja_id)
        .where(
            Jabatan.id == jabatan_id,
            Jabatan.is_kepala_unit.is_(True),
            or_(UnitKerja.is_sekretariat.is_(True), and_(nama.contains("umum"), nama.contains("kepegawaian"))),
        )
    )


# -- Tim Pemantau Kinerja -------------------------------------------------------------


def _tim_anggota(k: Konteks):
    """Select of ids of the teams (tim_pemantau) the user is a member of (anggota_tim)."""
    return select(AnggotaTim.tim_id).where(AnggotaTim.pegawai_id == k.pegawai_id)


def unit_dipantau(k: Konteks, tahun: int | None = None, semester: int | None = None):
    """Select of ``unit_kerja`` ids assigned (``penugasan_tim``) to active teams the user is a member of.

    Reusable row scope for "Tim Pemantau reads assigned units only" (SKP, documentation, evaluations —
    never counselling), e.g. in SCOPES: ``R.TIM: lambda k: SKP.pegawai.has(Pegawai.unit_kerja_id.in_(
    unit_dipantau(k)))`` or ``Pegawai.unit_kerja_id.in_(unit_dipantau(k))``. Units are assigned one by one
    (every unit that has employees; app/queries/pemantauan.py), so an employee is in an assigned unit when
    ``pegawai.unit_kerja_id`` is in this set — no tree walk needed. ``tahun``/``semester`` narrow it to one
    period; without them every period of the user's active teams counts. A user without an employee record
    gets an empty select (never ``IS NULL``).
    """
    stmt = (
        select(PenugasanTim.unit_kerja_id)
        .join(TimPemantau, TimPemantau.id == PenugasanTim.tim_id)
        .where(TimPemantau.aktif.is_(True))
    )
    if not k.pegawai_id:
        return stmt.where(false())
    stmt = stmt.where(PenugasanTim.tim_id.in_(_tim_anggota(k)))
    if tahun is not None:
        stmt = stmt.where(PenugasanTim.tahun == tahun)
    if semester is not None:
        stmt = stmt.where(PenugasanTim.semester == semester)
    return stmt


def _unit_dipimpin(k: Konteks):
    """Select of the unit the user heads (jabatan.is_kepala_unit), for unit-level teams."""
    return select(Jabatan.unit_kerja_id).where(Jabatan.id == k.jabatan_id, Jabatan.is_kepala_unit.is_(True))


# the authorised official forms city-level teams (000 Pasal 20(1), (3))
PEMBENTUK_TIM_KOTA = (R.ADMIN, R.OPERATOR, R.PYB)


def istimewa(k: Konteks | None = None) -> bool:
    """Forms any team (city or unit level) and sees every unit/employee when choosing members."""
    k = k or konteks()
    return bool(k.role_names & set(PEMBENTUK_TIM_KOTA))


def unit_dipimpin_id(k: Konteks | None = None) -> int | None:
    """Id of the unit the user heads (None when their position is not a unit head)."""
    k = k or konteks()
    if not k.jabatan_id:
        return None
    return db.session.scalar(_unit_dipimpin(k))


def tim_anggota_clause(k: Konteks | None = None):
    """Teams a monitoring visit may be recorded for: the user's own teams (Admin: every team)."""
    k = k or konteks()
    if R.ADMIN in k.role_names:
        return TimPemantau.id.is_not(None)
    return TimPemantau.id.in_(select(AnggotaTim.tim_id).where(AnggotaTim.pegawai_id == (k.pegawai_id or -1)))


def _tim_kepala_unit(k: Konteks):
    if not k.jabatan_id or k.kepala_unit is False:
        return false()
    return (TimPemantau.level == "unit") & TimPemantau.unit_kerja_id.in_(_unit_dipimpin(k))


def _tim_saya(k: Konteks):
    if not k.pegawai_id or (k.anggota_tim is False and k.kepala_unit is False):
        return false()
    return TimPemantau.id.in_(_tim_anggota(k)) | _tim_kepala_unit(k)


def _penugasan_tim_saya(k: Konteks):
    return PenugasanTim.tim_id.in_(_tim_anggota(k)) if k.pegawai_id and k.anggota_tim is not False else false()


def _pemantauan_tim_saya(k: Konteks):
    return Pemantauan.tim_id.in_(_tim_anggota(k)) if k.pegawai_id and k.anggota_tim is not False else false()


def _pemantauan_unit_bawahan(k: Konteks):
    """Evaluators read the team's findings/recommendations on the units of their direct subordinates."""
    if not k.jabatan_id:
        return false()
    unit_bawahan = select(Pegawai.unit_kerja_id).where(
        Pegawai.jabatan_id.in_(select(Jabatan.id).where(Jabatan.atasan_id == k.jabatan_id))
    )
    return Pemantauan.unit_kerja_id.in_(unit_bawahan)


def _pemantauan_pegawai_saya(k: Konteks):
    """A supervisor's own records of monitoring their subordinates."""
    return PemantauanPegawai.pemantau_id == k.pegawai_id if k.pegawai_id else false()


# -- Perencanaan: SKP and its rows ----------------------------------------------------


def _skp_kolom(kolom: str):
    """SKP rows where SKP.<kolom> is me (pegawai_id = own, penilai_id, atasan_penilai_id)."""

    def fn(k: Konteks):
        return getattr(SKP, kolom) == k.pegawai_id if k.pegawai_id else false()

    return fn


def _skp_dipantau(k: Konteks):
    """Tim Pemantau reads the SKP of the units assigned to their teams (unit_dipantau)."""
    return SKP.unit_kerja_id.in_(unit_dipantau(k)) if k.pegawai_id else false()


SKP_SCOPE: dict[str, ScopeFn] = {
    R.ADMIN: _semua,
    R.OPERATOR: _semua,
    R.PYB: _semua,
    R.PEGAWAI: _skp_kolom("pegawai_id"),
    R.PENILAI: _skp_kolom("penilai_id"),
    R.TIM: _skp_dipantau,
    # an atasan is also the evaluator of their own direct subordinates
    R.ATASAN: lambda k: _skp_kolom("atasan_penilai_id")(k) | _skp_kolom("penilai_id")(k),
}


def _lewat_skp(fn: ScopeFn, kolom_skp_id):
    """RHK / IKI rows are visible exactly when their SKP is (same role functions, one subquery)."""

    def scoped(k: Konteks):
        c = fn(k)
        return ALL if c is ALL else kolom_skp_id().in_(select(SKP.id).where(c))

    return scoped


def _rhk_skp_id():
    return RencanaHasilKerja.skp_id


def _iki_scope(fn: ScopeFn):
    def scoped(k: Konteks):
        c = fn(k)
        if c is ALL:
            return ALL
        return IndikatorKinerja.rhk_id.in_(
            select(RencanaHasilKerja.id).where(RencanaHasilKerja.skp_id.in_(select(SKP.id).where(c)))
        )

    return scoped


# resource → role → scope function; a role absent here sees no rows of the resource
SCOPES: dict[str, dict[str, ScopeFn]] = {
    "skp": SKP_SCOPE,
    "rencana_hasil_kerja": {r: _lewat_skp(fn, _rhk_skp_id) for r, fn in SKP_SCOPE.items()},
    "indikator_kinerja": {r: _iki_scope(fn) for r, fn in SKP_SCOPE.items()},
    **{
        master: {R.ADMIN: _semua, R.OPERATOR: _semua, R.PYB: _semua}
        for master in ("instansi", "unit_kerja", "jabatan", "golongan")
    },
    "pegawai": {R.ADMIN: _semua, R.OPERATOR: _semua, R.PYB: _semua},
    "profil": {role: _pegawai_sendiri for role in R.ROLES},
    "audit": {R.ADMIN: _semua, R.PYB: _semua},
    "kode_siasn": {R.ADMIN: _semua, R.OPERATOR: _semua, R.PYB: _semua},
    "kirim_siasn": {R.ADMIN: _semua, R.OPERATOR: _semua, R.PYB: _semua},
    "bawahan": {R.ADMIN: _semua, R.PENILAI: _bawahan_langsung, R.ATASAN: _bawahan_dua_tingkat},
    # Tim Pemantau Kinerja: read = members (and the unit head for a unit-level team); manage = who formed it
    "tim_pemantau": {
        R.ADMIN: _semua,
        R.OPERATOR: _semua,
        R.PYB: _semua,
        **{r: _tim_saya for r in (R.TIM, R.PEGAWAI, R.PENILAI, R.ATASAN)},
    },
    "tim_pemantau_kelola": {
        R.ADMIN: _semua,
        R.OPERATOR: _semua,
        R.PYB: _semua,
        **{r: _tim_kepala_unit for r in (R.PEGAWAI, R.PENILAI, R.ATASAN)},
    },
    "penugasan_tim": {R.ADMIN: _semua, R.OPERATOR: _semua, R.PYB: _semua, R.TIM: _penugasan_tim_saya},
    "pemantauan": {
        R.ADMIN: _semua,
        R.OPERATOR: _semua,
        R.PYB: _semua,
        R.TIM: _pemantauan_tim_saya,
        R.PENILAI: _pemantauan_unit_bawahan,
        R.ATASAN: _pemantauan_unit_bawahan,
    },
    "pemantauan_kelola": {R.ADMIN: _semua, R.TIM: _pemantauan_tim_saya},
    "pemantauan_pegawai": {
        R.ADMIN: _semua,
        R.OPERATOR: _semua,
        R.PYB: _semua,
        R.PENILAI: _pemantauan_pegawai_saya,
        R.ATASAN: _pemantauan_pegawai_saya,
    },
}


# -- Penilaian: evaluations, objections, unit achievement ----------------------------


def _evaluasi_kolom(*kolom: str):
    """EvaluasiKinerja rows where one of the columns (pegawai_id, penilai_id, atasan_penilai_id) is me."""

    def fn(k: Konteks):
        if not k.pegawai_id:
            return false()
        out = None
        for nama in kolom:
            c = getattr(EvaluasiKinerja, nama) == k.pegawai_id
            out = c if out is None else out | c
        return out

    return fn


def _evaluasi_dipantau(k: Konteks):
    return EvaluasiKinerja.unit_kerja_id.in_(unit_dipantau(k)) if k.pegawai_id else false()


EVALUASI_SCOPE: dict[str, ScopeFn] = {
    R.ADMIN: _semua,
    R.OPERATOR: _semua,
    R.PYB: _semua,
    R.PEGAWAI: _evaluasi_kolom("pegawai_id"),
    R.PENILAI: _evaluasi_kolom("penilai_id"),
    R.TIM: _evaluasi_dipantau,
    # an atasan is also the evaluator of their own direct subordinates
    R.ATASAN: _evaluasi_kolom("atasan_penilai_id", "penilai_id"),
}


def _keberatan_lewat_evaluasi(fn: ScopeFn):
    def scoped(k: Konteks):
        c = fn(k)
        return ALL if c is ALL else Keberatan.evaluasi_id.in_(select(EvaluasiKinerja.id).where(c))

    return scoped


def _capaian_unit_dipimpin(k: Konteks):
    """Unit heads enter their own unit's achievement (operators for any unit, the unit head for their own)."""
    if not k.jabatan_id or k.kepala_unit is False:
        return false()
    return CapaianKinerjaOrganisasi.unit_kerja_id.in_(_unit_dipimpin(k))


def _delegasi_pihak(k: Konteks):
    """Delegations (R15) given to me or by me."""
    D = DelegasiPenilai
    return ((D.pegawai_id == k.pegawai_id) | (D.pemberi_id == k.pegawai_id)) if k.pegawai_id else false()


def _capaian_dipantau(k: Konteks):
    return CapaianKinerjaOrganisasi.unit_kerja_id.in_(unit_dipantau(k)) if k.pegawai_id else false()


SCOPES.update(
    {
        "evaluasi_kinerja": EVALUASI_SCOPE,
        "keberatan": {r: _keberatan_lewat_evaluasi(fn) for r, fn in EVALUASI_SCOPE.items() if r != R.TIM},
        "capaian_organisasi": {
            R.ADMIN: _semua,
            R.OPERATOR: _semua,
            R.PYB: _semua,
            R.PENILAI: _capaian_unit_dipimpin,
            R.ATASAN: _capaian_unit_dipimpin,
            R.TIM: _capaian_dipantau,
        },
        "mutasi_pegawai": {R.ADMIN: _semua, R.OPERATOR: _semua, R.PYB: _semua},
        "delegasi_penilai": {
            R.ADMIN: _semua,
            R.OPERATOR: _semua,
            R.PYB: _semua,
            R.PENILAI: _delegasi_pihak,
            R.ATASAN: _delegasi_pihak,
        },
    }
)


# -- Pelaksanaan dan pembinaan (R9, R11, R12) -------------------------------------------


def _atau(*fns: ScopeFn) -> ScopeFn:
    def fn(k: Konteks):
        out = None
        for f in fns:
            c = f(k)
            if c is ALL:
                return ALL
            out = c if out is None else out | c
        return out

    return fn


def _milik_saya(kolom):
    """Rows whose ``kolom()`` (a column, resolved lazily) is my employee id."""

    def fn(k: Konteks):
        return kolom() == k.pegawai_id if k.pegawai_id else false()

    return fn


def _pelaksanaan_skp(kolom) -> dict[str, ScopeFn]:
    """Documentation, feedback, requests, progress decisions: visible exactly when their SKP is (SKP_SCOPE)."""
    return {r: _lewat_skp(fn, kolom) for r, fn in SKP_SCOPE.items()}


def _kolom(model: str, nama: str):
    def get():
        return getattr(getattr(models, model), nama)

    return get


def _bimbingan_pihak(k: Konteks):
    """Coaching/mentoring (R12): the employee, the coach, and whom the record is reported to."""
    if not k.pegawai_id:
        return false()
    B = BimbinganKinerja
    return (B.pegawai_id == k.pegawai_id) | (B.pembimbing_id == k.pegawai_id) | (B.dilaporkan_kepada_id == k.pegawai_id)


def _pelatihan_pihak(k: Konteks):
    """Formal/informal training (R12 routing as coaching): the employee, the person in charge, the receiver."""
    if not k.pegawai_id:
        return false()
    P = PelatihanKinerja
    return (P.pegawai_id == k.pegawai_id) | (P.pembimbing_id == k.pegawai_id) | (P.dilaporkan_kepada_id == k.pegawai_id)


def _laporan_perilaku_pihak(k: Konteks):
    """B.1.10: the evaluator who filed it and the counsellor appointed for the case."""
    if not k.pegawai_id:
        return false()
    return (LaporanPerilaku.pelapor_id == k.pegawai_id) | LaporanPerilaku.id.in_(
        select(Konseling.laporan_id).where(Konseling.konselor_id == k.pegawai_id)
    )


def _konseling_rantai(k: Konteks):
    """R11 (000 Pasal 16(5)): the appointed counsellor and the routing chain of the result — the kinds of
    counsellor for which an evaluator / the evaluator's superior may read come from the rule itself
    (``boleh_membaca_konseling``), so the SQL and the per-record decision cannot drift apart."""
    if not k.pegawai_id:
        return false()
    j_penilai = [j.value for j in JenisKonselor if boleh_membaca_konseling(PeranPihak.PEJABAT_PENILAI, j)]
    j_atasan = [j.value for j in JenisKonselor if boleh_membaca_konseling(PeranPihak.ATASAN_PEJABAT_PENILAI, j)]
    dilaporkan = select(LaporanPerilaku.id).where(LaporanPerilaku.pelapor_id == k.pegawai_id)
    out = (Konseling.konselor_id == k.pegawai_id) | (
        Konseling.laporan_id.in_(dilaporkan) & Konseling.jenis_konselor.in_(j_penilai)
    )
    if k.jabatan_id:
        bawahan_melapor = (
            select(LaporanPerilaku.id)
            .join(Pegawai, Pegawai.id == LaporanPerilaku.pelapor_id)
            .join(Jabatan, Jabatan.id == Pegawai.jabatan_id)
            .where(Jabatan.atasan_id == k.jabatan_id)
        )
        out = out | (Konseling.laporan_id.in_(bawahan_melapor) & Konseling.jenis_konselor.in_(j_atasan))
    return out


_UB_SKP = _pelaksanaan_skp(_kolom("UmpanBalik", "skp_id"))
_PUB_SKP = _pelaksanaan_skp(_kolom("PermintaanUmpanBalik", "skp_id"))
SCOPES.update(
    {
        "realisasi": _pelaksanaan_skp(_kolom("Realisasi", "skp_id")),
        # feedback: whoever may see the SKP, and the giver their own items — not the operator role (it reads every
        # SKP for master-data work; an operator who is also an employee sees only their own through "Pegawai")
        "umpan_balik": {
            r: _atau(fn, _milik_saya(_kolom("UmpanBalik", "pemberi_id")))
            for r, fn in _UB_SKP.items()
            if r != R.OPERATOR
        },
        # requests: the SKP's readers (requester, leaders) and the person asked
        "permintaan_umpan_balik": {
            r: _atau(fn, _milik_saya(_kolom("PermintaanUmpanBalik", "diminta_kepada_id")))
            for r, fn in _PUB_SKP.items()
            if r != R.OPERATOR
        },
        "tindakan_progres": {
            r: fn
            for r, fn in _pelaksanaan_skp(_kolom("TindakanProgresRecord", "skp_id")).items()
            if r not in (R.TIM, R.OPERATOR)
        },
        "bimbingan_kinerja": {
            R.ADMIN: _semua,
            R.PYB: _semua,
            R.PEGAWAI: _bimbingan_pihak,
            R.PENILAI: _bimbingan_pihak,
            R.ATASAN: _bimbingan_pihak,
        },
        "pelatihan_kinerja": {
            R.ADMIN: _semua,
            R.PYB: _semua,
            R.PEGAWAI: _pelatihan_pihak,
            R.PENILAI: _pelatihan_pihak,
            R.ATASAN: _pelatihan_pihak,
        },
        # B.1.10 and the counselling daftar stay in the R11 circle (000 Pasal 16): the system Admin is not in it
        "laporan_perilaku": {
            R.PYB: _semua,
            R.PENILAI: _laporan_perilaku_pihak,
            R.ATASAN: _laporan_perilaku_pihak,
            R.KONSELOR: _laporan_perilaku_pihak,
        },
        # the daftar (non-confidential columns) for PyB; the result itself is decided per record by
        # app.rules.boleh_membaca_konseling. Operator, Tim Pemantau and plain Pegawai are absent: they see nothing.
        "konseling": {
            R.PYB: _semua,
            R.KONSELOR: _konseling_rantai,
            R.PENILAI: _konseling_rantai,
            R.ATASAN: _konseling_rantai,
        },
    }
)


# -- Lookup candidates (AjaxSelectField /lookup/<col>): the rows a form may offer, per role ----------------


def _unit_kerja_dipimpin(k: Konteks):
    return UnitKerja.id.in_(_unit_dipimpin(k)) if k.jabatan_id else false()


def _unit_kerja_dipantau(k: Konteks):
    if not k.pegawai_id or k.anggota_tim is False:
        return false()
    return UnitKerja.id.in_(unit_dipantau(k))


_KEPALA_UNIT = (R.PEGAWAI, R.PENILAI, R.ATASAN)
SCOPES.update(
    {
        "pengguna": {R.ADMIN: _semua, R.OPERATOR: _semua},  # linking a login to an employee record
        "kandidat_unit_dipimpin": {
            R.ADMIN: _semua,
            R.OPERATOR: _semua,
            R.PYB: _semua,
            **{r: _unit_kerja_dipimpin for r in _KEPALA_UNIT},
        },
        "kandidat_unit_dipantau": {R.ADMIN: _semua, R.TIM: _unit_kerja_dipantau},
        # "Unit yang Saya Pantau" (app/views/pemantauan.py UnitDipantauView): the user's own teams' units only
        "unit_dipantau_saya": {R.TIM: _unit_kerja_dipantau},
    }
)


# -- Layanan Coaching Clinic SKP (004 BAB III C) --------------------------------------


def _klinik_anggota_saya(k: Konteks):
    """Select of my klinik_anggota ids (a user without an employee record gets an empty select)."""
    return select(KlinikAnggota.id).where(KlinikAnggota.pegawai_id == (k.pegawai_id or -1))


def _klinik_sesi_pegawai(k: Konteks):
    """An employee: sessions they booked, unit visits they attended, visits their unit requested through them."""
    if not k.pegawai_id:
        return false()
    return (
        (KlinikSesi.pegawai_id == k.pegawai_id)
        | KlinikSesi.id.in_(select(KlinikPeserta.sesi_id).where(KlinikPeserta.pegawai_id == k.pegawai_id))
        | KlinikSesi.permohonan_id.in_(select(KlinikPermohonan.id).where(KlinikPermohonan.pemohon_id == k.pegawai_id))
    )


def _klinik_sesi_tim(k: Konteks):
    """A clinic team member: the sessions assigned to them."""
    return KlinikSesi.anggota_id.in_(_klinik_anggota_saya(k)) if k.pegawai_id else false()


def _klinik_permohonan_unit(k: Konteks):
    """The unit administrator: letters they filed and those of the unit they administer (app/queries/klinik.py)."""
    if not k.pegawai_id or (k.kepala_unit is False and k.pemohon_klinik is False):
        return false()
    return (KlinikPermohonan.pemohon_id == k.pegawai_id) | KlinikPermohonan.unit_kerja_id.in_(
        unit_dikelola_stmt(k.jabatan_id)
    )


def _klinik_permohonan_tim(k: Konteks):
    """Team members: letters dispositioned to a team they are an active member of."""
    if not k.pegawai_id:
        return false()
    return KlinikPermohonan.tim_id.in_(
        select(KlinikAnggota.tim_id).where(KlinikAnggota.pegawai_id == k.pegawai_id, KlinikAnggota.aktif.is_(True))
    )


def _klinik_slot_saya(k: Konteks):
    return KlinikSlot.anggota_id.in_(_klinik_anggota_saya(k)) if k.pegawai_id else false()


_KLINIK_PENGELOLA = {R.ADMIN: _semua, R.OPERATOR: _semua, R.PYB: _semua}
SCOPES.update(
    {
        "klinik_sesi": {**_KLINIK_PENGELOLA, R.PEGAWAI: _klinik_sesi_pegawai, R.KLINIK: _klinik_sesi_tim},
        "klinik_permohonan": {
            **_KLINIK_PENGELOLA,
            R.PEGAWAI: _klinik_permohonan_unit,
            R.KLINIK: _klinik_permohonan_tim,
        },
        "klinik_slot": {**_KLINIK_PENGELOLA, R.KLINIK: _klinik_slot_saya},
        "klinik_tim": dict(_KLINIK_PENGELOLA),
        "klinik_pertanyaan": dict(_KLINIK_PENGELOLA),
        # "Survei Kepuasan Layanan" (app/views/klinik.py KlinikSurveiView): the employee's own sessions only
        "klinik_sesi_saya": {R.PEGAWAI: _klinik_sesi_pegawai},
    }
)


# -- Tindak lanjut (R14) ---------------------------------------------------------------


def _sanksi_lewat_evaluasi(fn: ScopeFn):
    """Sanctions entries follow the evaluation they came from (evaluator, atasan, the employee)."""

    def scoped(k: Konteks):
        c = fn(k)
        return ALL if c is ALL else TindakLanjutSanksi.evaluasi_id.in_(select(EvaluasiKinerja.id).where(c))

    return scoped


def _penghargaan_pegawai(fn: ScopeFn):
    def scoped(k: Konteks):
        return Penghargaan.pegawai_id.in_(select(Pegawai.id).where(fn(k)))

    return scoped


SCOPES.update(
    {
        "tindak_lanjut_sanksi": {r: _sanksi_lewat_evaluasi(fn) for r, fn in EVALUASI_SCOPE.items() if r != R.TIM},
        "penghargaan": {
            R.ADMIN: _semua,
            R.OPERATOR: _semua,
            R.PYB: _semua,
            R.PEGAWAI: _penghargaan_pegawai(_pegawai_sendiri),
            R.PENILAI: _penghargaan_pegawai(_bawahan_langsung),
            R.ATASAN: _penghargaan_pegawai(_bawahan_dua_tingkat),
        },
    }
)


# Scope keys that are not resources of the matrix: the resource whose permission they serve, and for which
# operations (the manage scopes narrow writes of a resource whose reads are wider).
IZIN_BAWAAN: dict[str, tuple[str, str]] = {
    "tim_pemantau_kelola": ("tim_pemantau", "aed"),
    "pemantauan_kelola": ("pemantauan", "aed"),
}
BACA = "ls"  # reading: a role that may list or show the resource


def memberi(role: str, izin: str, op: str) -> bool:
    """Does ``role`` hold operation ``op`` on matrix resource ``izin``? ``op`` is letters (any of them, e.g.
    ``"ls"``) or named actions (``"+buat"``, ``"+tetapkan+kembalikan"``: any of them)."""
    if op.startswith("+"):
        return any(R.allowed(role, izin, a) for a in op[1:].split("+"))
    return any(R.allowed(role, izin, o) for o in op)


def clause_for(resource: str, k: Konteks | None = None, *, izin: str | None = None, op: str | None = None):
    """Rows of scope ``resource`` the user may reach for operation ``op`` on matrix resource ``izin``.

    The OR of the scopes of **only the user's roles that grant that operation**: a user holding Operator
    (all SKP rows, no documentation right) and Pegawai (own documentation) reads documentation through
    Pegawai alone. ``izin`` defaults to ``resource`` (or ``IZIN_BAWAAN``), ``op`` to reading; a scope key
    that is not a matrix resource must say which permission it serves (no silent default).
    """
    k = k or konteks()
    if izin is None:
        izin, op_bawaan = IZIN_BAWAAN.get(resource, (resource, BACA))
        op = op or op_bawaan
    op = op or BACA
    if izin not in R.RESOURCES:
        raise KeyError(f"clause_for({resource!r}): izin={izin!r} bukan sumber daya matriks")
    clauses = []
    for role in sorted(k.role_names):
        fn = SCOPES.get(resource, {}).get(role)
        if fn is None or not memberi(role, izin, op):
            continue
        c = fn(k)
        if c is ALL:
            return true()
        clauses.append(c)
    if not clauses:
        return false()
    out = clauses[0]
    for c in clauses[1:]:
        out = out | c
    return out


def kosong_pasti(c) -> bool:
    """Is the clause ``false()`` itself (no row can ever match, decided without a query)?"""
    return c is not ALL and getattr(c, "__visit_name__", None) == "false"


# Pages of matrix resources that have no row scope of their own: the scope key their rows come from, read through
# the roles that grant the page (``clause_for(key, izin=page)``), or None where no role's page is empty by
# construction (a form, the user's own background jobs). tests/keamanan/test_menu_peran.py requires every matrix
# resource to be in SCOPES or here, so a new menu entry says where its rows come from.
CAKUPAN_HALAMAN: dict[str, str | None] = {
    "impor": None,  # the upload form
    "pekerjaan": None,  # the user's own background jobs, whatever their roles
    "notifikasi": None,  # the user's own notifications, whatever their roles
    "surel_notifikasi": None,  # the instansi's email outbox (no text of confidential kinds)
    "unit_dipantau": "unit_dipantau_saya",
    "cakupan_pemantauan": "penugasan_tim",  # every unit's coverage, for who divides units among teams
    "distribusi": "evaluasi_kinerja",
    "tenggat_evaluasi": "evaluasi_kinerja",
    "laporan_pyb": "evaluasi_kinerja",
    "peringkat": "evaluasi_kinerja",
    "tenggat_terlambat": "evaluasi_kinerja",
    "tunjangan_kinerja": "pegawai",
    "tarik_siasn": "pegawai",  # SIASN's data of our employees, compared field by field
    "klinik_survei": "klinik_sesi_saya",
    "klinik_laporan": "klinik_sesi",  # a team member's report covers their own sessions
}


def kunci_cakupan(resource: str) -> str | None:
    """The scope key the list of matrix resource ``resource`` reads (None: no row scope, never empty by
    construction); a resource in neither SCOPES nor CAKUPAN_HALAMAN counts as unscoped."""
    return resource if resource in SCOPES else CAKUPAN_HALAMAN.get(resource)


def daftar_berisi(resource: str, k: Konteks | None = None) -> bool:
    """Can the user's list of matrix resource ``resource`` hold any row? False when every role of the user that
    may list it has no scope there (the Admin in the R11 circle) or a scope that is ``false()`` for them (no
    employee record, not a unit head, not a team member …) — empty by construction, so the navbar hides the
    entry. No query beyond ``konteks()``."""
    k = k or konteks()
    kunci = kunci_cakupan(resource)
    if kunci is None:
        return True
    for role in k.role_names:
        fn = SCOPES[kunci].get(role)
        if fn is not None and memberi(role, resource, "l") and not kosong_pasti(fn(k)):
            return True
    return False


def op_seluas_baca(resource: str, k: Konteks | None = None, *, izin: str, op: str, kelola: str = "") -> bool:
    """Is every row the user reads (``clause_for(resource, izin=izin)``) one they may ``op`` on
    (``clause_for(kelola or resource, izin=izin, op=op)``)? Decided without a query, conservatively: True when a
    role granting ``op`` reaches every row, or when each role that reads rows also grants ``op`` through the
    very same scope function. False = unknown (a user with two roles, a narrower manage scope): the list then
    asks the database which rows of its page are editable (app/views/base.py ``BarisKelola``)."""
    k = k or konteks()
    kelola = kelola or resource
    fns_op = []
    for role in k.role_names:
        fn = SCOPES.get(kelola, {}).get(role)
        if fn is not None and memberi(role, izin, op):
            if fn(k) is ALL:
                return True
            fns_op.append(fn)
    for role in k.role_names:
        fn = SCOPES.get(resource, {}).get(role)
        if fn is None or not memberi(role, izin, BACA) or any(fn is f for f in fns_op):
            continue
        if not kosong_pasti(fn(k)):
            return False
    return True


class FilterScope(BaseFilter):
    """``base_filters = [["id", FilterScope, ("pegawai", "pegawai", "ls")]]`` — (scope, matrix resource, op)."""

    name = "Cakupan"
    arg_name = "scope"

    def apply(self, query, value):
        resource, izin, op = value
        return query.filter(clause_for(resource, izin=izin, op=op))


def scope_filters(resource: str, izin: str | None = None, op: str = BACA) -> list:
    return [["id", FilterScope, (resource, izin or resource, op)]]


def resource_view(nama_kelas: str) -> str | None:
    """The matrix resource whose view or API class is ``nama_kelas`` (permissions are checked on it)."""
    for key, res in R.RESOURCES.items():
        if nama_kelas in (res.view, res.api):
            return key
    return None
