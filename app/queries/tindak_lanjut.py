"""Tindak lanjut (R14): reporting up to the PyB, ranking, rewards and sanctions registers, the
tunjangan-kinerja basis and the overdue-deadline register.

Shared by the views, the demo seeder and the tests. Set-based (Core rows, one statement per register); callers
own the transaction (functions only insert/flush; the view commits once per user action).

Interpretations (documented):

* "Final annual evaluation" = the active annual evaluation (``jenis = tahunan``) with a predikat whose document
  has reached the employee (``diterima`` / ``dikembalikan`` / ``final``, the states penilaian reports to the
  PyB, 001 Lampiran "Tindak lanjut" 7) and no objection still pending (R7).
* Sanctions (003 Pasal 33–34, 001 Pasal 31(2)): ``app.rules.jalur_sanksi`` decides which entries a result
  triggers. The time in the position is not recorded (no TMT jabatan), so a JPT is taken to have held the
  position ≥ 1 year; the operator cancels the entry otherwise. A PPPK's contract assessment is not derived from
  the predikat (the rule returns nothing): the PPK records that recommendation by hand. Entries are created
  under normal conditions — "no force majeure" is recorded on each; an entry found to be under force majeure is
  marked so and cancelled.
* Rewards (002 "PENGHARGAAN"; 001 Pasal 29): ``app.rules.layak_penghargaan`` over final annual predikat.
"""

from __future__ import annotations

import calendar
import datetime as dt

from sqlalchemy import Date, and_, case, cast, exists, func, literal, null, or_, select, union_all
from sqlalchemy.orm import aliased

from app import jam
from app.aksi import Ditolak, tanggal
from app.excel.tulis import Kolom, tulis_register
from app.extensions import db
from app.queries.penilaian import LAPORKAN_STATUS, instansi_nama, jenis_periode, periode, periode_lewat
from app.rules import (
    JenisASN,
    JenisEvaluasi,
    JenisJabatan,
    JenisTindakLanjut,
    Predikat,
    StatusDokumen,
    StatusPegawai,
    jalur_sanksi,
    layak_penghargaan,
)
from app.security.audit import catat
from schema.enums import JenisPenghargaan, StatusTindakLanjut
from schema.models import (
    SKP,
    EvaluasiKinerja,
    Golongan,
    Jabatan,
    Keberatan,
    Pegawai,
    Penghargaan,
    TindakLanjutSanksi,
    UnitKerja,
)

E = EvaluasiKinerja
SD = StatusDokumen
TAHUNAN = JenisEvaluasi.TAHUNAN.value
# statuses the payroll/ranking exports may leave out on request ("pensiun, mutasi, hukuman disiplin")
STATUS_KELUAR = (
    StatusPegawai.PENSIUN.value,
    StatusPegawai.DIBERHENTIKAN.value,
    StatusPegawai.DIBERHENTIKAN_SEMENTARA.value,
    StatusPegawai.CLTN.value,
)
URUTAN_PREDIKAT = {p.value: i for i, p in enumerate(Predikat, 1)}  # regulation order, best = 1


class GalatTindakLanjut(Ditolak):
    """Refusal with a message for the user (Indonesian)."""


def label(enum, v) -> str:
    if v is None:
        return ""
    try:
        return enum(v).label
    except ValueError:
        return str(v)


def urutan_predikat(kolom):
    """SQL: predikat → its rank in the regulation's order (Sangat Baik 1 … Sangat Kurang 5; none last)."""
    return case(URUTAN_PREDIKAT, value=kolom, else_=len(URUTAN_PREDIKAT) + 1)


def tambah_bulan(d: dt.date, bulan: int) -> dt.date:
    m = d.month - 1 + bulan
    y, m = d.year + m // 12, m % 12 + 1
    return dt.date(y, m, min(d.day, calendar.monthrange(y, m)[1]))


def syarat_final_tahunan(tahun: int | None = None):
    """WHERE clauses: active, final annual evaluations (see module docstring)."""
    out = [
        E.jenis == TAHUNAN,
        E.aktif.is_(True),
        E.predikat.is_not(None),
        E.status_dokumen.in_(LAPORKAN_STATUS),
        ~exists().where(Keberatan.evaluasi_id == E.id, Keberatan.keputusan.is_(None)),
    ]
    if tahun is not None:
        out.append(E.tahun == tahun)
    return out


def _tanpa_status(stmt, kecuali):
    kecuali = [s for s in (kecuali or ()) if s in {m.value for m in StatusPegawai}]
    return stmt.where(Pegawai.status.not_in(kecuali)) if kecuali else stmt


# ---------------------------------------------------------------------------------------------------------
# sanctions / improvement register (R14; 003 Pasal 33–34; 001 Pasal 31(2))
# ---------------------------------------------------------------------------------------------------------


def buat_entri_sanksi(tahun: int, klausa, hari: dt.date | None = None, session=None) -> tuple[int, int]:
    """Create the register entries triggered by the final annual evaluations of ``tahun`` within ``klausa``.

    Set-based: one SELECT of the candidates, one SELECT of the existing (evaluasi, jenis) pairs, one INSERT.
    Idempotent: no second entry per evaluation and jenis. Returns (created, evaluations that triggered).
    """
    s = session or db.session
    hari = hari or jam.hari_ini()
    rows = s.execute(
        select(E.id, E.pegawai_id, E.predikat, Jabatan.jenis, Pegawai.jenis_asn)
        .join(SKP, SKP.id == E.skp_id)
        .join(Jabatan, Jabatan.id == SKP.jabatan_id)
        .join(Pegawai, Pegawai.id == E.pegawai_id)
        .where(*syarat_final_tahunan(tahun), klausa)
    ).all()
    rencana = []
    for ev_id, peg_id, pred, jj, asn in rows:
        jalur = jalur_sanksi(jj, asn, pred, lama_menjabat_tahun=1, force_majeure=False)
        if jalur:
            rencana.append((ev_id, peg_id, pred, jalur))
    if not rencana:
        return 0, 0
    ada = set(
        s.execute(
            select(TindakLanjutSanksi.evaluasi_id, TindakLanjutSanksi.jenis).where(
                TindakLanjutSanksi.evaluasi_id.in_([r[0] for r in rencana])
            )
        ).all()
    )
    baru = []
    for ev_id, peg_id, pred, jalur in rencana:
        for jenis in jalur:
            if (ev_id, jenis.value) in ada:
                continue
            perbaikan = jenis is JenisTindakLanjut.PERBAIKAN_6_BULAN
            baru.append(
                {
                    "pegawai_id": peg_id,
                    "evaluasi_id": ev_id,
                    "jenis": jenis.value,
                    "status": StatusTindakLanjut.DIBUKA.value,
                    "mulai": hari if perbaikan else None,
                    "selesai": tambah_bulan(hari, 6) if perbaikan else None,
                    "force_majeure": False,
                    "catatan": (
                        f"Evaluasi kinerja tahunan {tahun}, predikat {label(Predikat, pred)}; kondisi normal "
                        "(tidak dalam keadaan kahar/force majeure) — 003 Pasal 33–34."
                    ),
                }
            )
    if baru:
        s.connection().execute(TindakLanjutSanksi.__table__.insert(), baru)
        catat(
            "tindak_lanjut_sanksi",
            None,
            "tambah",
            sesudah={"aksi": "buat_entri", "tahun": tahun, "jumlah": len(baru)},
            session=s,
        )
    return len(baru), len(rencana)


PESAN_GANDA = (
    "Entri tindak lanjut dengan jenis yang sama untuk evaluasi ini sudah ada di register (satu entri per "
    "evaluasi dan jenis tindak lanjut). Ubah entri yang sudah ada."
)


def pesan_integritas(e: Exception) -> str:
    """Database refusal → Indonesian message (the unique evaluation × jenis above all)."""
    teks = str(getattr(e, "orig", e)).lower()
    if (
        "uq_tindak_lanjut_sanksi" in teks
        or ("unique" in teks and "tindak_lanjut_sanksi" in teks)
        or "duplicate" in teks
    ):
        return PESAN_GANDA
    return "Data tidak dapat disimpan: rujukan tidak ditemukan atau nilai di luar pilihan."


def entri_ada(evaluasi_id: int, jenis: str, session=None) -> bool:
    """Checked before the insert for a clear message; the unique constraint (0004) settles races."""
    return (session or db.session).scalar(
        select(TindakLanjutSanksi.id).where(
            TindakLanjutSanksi.evaluasi_id == evaluasi_id, TindakLanjutSanksi.jenis == jenis
        )
    ) is not None


def tambah_entri_sanksi(
    evaluasi_id,
    jenis,
    klausa,
    status=None,
    mulai=None,
    selesai=None,
    catatan=None,
    target_tidak_tercapai: bool = False,
    hari: dt.date | None = None,
    session=None,
) -> TindakLanjutSanksi:
    """A register entry recorded by hand by the PPK/PyB (e.g. the PPPK termination recommendation).

    Validated by ``app.rules.jalur_sanksi`` on the evaluation it comes from: a final annual evaluation within
    ``klausa`` (the user's evaluation scope) whose result triggers ``jenis`` — for a PPPK only the termination
    recommendation, and only when the employee's superior and the PPPK assessment team found the contract
    target not met (001 Pasal 31(2)); for PNS the predikat × jabatan paths (003 Pasal 33–34). Created under
    normal conditions (no force majeure). Inserted and audited in the caller's transaction; the caller commits.
    """
    s = session or db.session
    hari = hari or jam.hari_ini()
    try:
        jenis = JenisTindakLanjut(jenis)
    except ValueError:
        raise GalatTindakLanjut("Jenis tindak lanjut wajib dipilih dari daftar.") from None
    try:
        status = StatusTindakLanjut(status or StatusTindakLanjut.DIBUKA.value)
    except ValueError:
        raise GalatTindakLanjut("Status tidak dikenal: pilih Dibuka, Berjalan, Selesai, atau Dibatalkan.") from None
    mulai = tanggal(mulai, "Mulai", galat=GalatTindakLanjut)
    selesai = tanggal(selesai, "Selesai", galat=GalatTindakLanjut)
    if mulai and selesai and selesai < mulai:
        raise GalatTindakLanjut("Tanggal selesai tidak boleh sebelum tanggal mulai.")
    try:
        evaluasi_id = int(evaluasi_id)
    except (TypeError, ValueError):
        raise GalatTindakLanjut("Evaluasi asal wajib dipilih.") from None
    ev = s.execute(
        select(E.id, E.pegawai_id, E.tahun, E.predikat, Jabatan.jenis.label("jabatan"), Pegawai.jenis_asn)
        .join(SKP, SKP.id == E.skp_id)
        .join(Jabatan, Jabatan.id == SKP.jabatan_id)
        .join(Pegawai, Pegawai.id == E.pegawai_id)
        .where(E.id == evaluasi_id, klausa)
    ).first()
    if ev is None:
        raise GalatTindakLanjut("Evaluasi asal tidak ditemukan atau di luar kewenangan Anda.")
    if s.scalar(select(E.id).where(E.id == ev.id, *syarat_final_tahunan())) is None:
        raise GalatTindakLanjut(
            "Evaluasi asal harus evaluasi kinerja tahunan yang sudah final: berpredikat, "
            "dokumen sudah diterima pegawai, dan tanpa keberatan yang belum diputus."
        )
    pppk = ev.jenis_asn == JenisASN.PPPK.value
    jalur = jalur_sanksi(
        ev.jabatan,
        ev.jenis_asn,
        ev.predikat,
        lama_menjabat_tahun=1,
        force_majeure=False,
        memenuhi_target_perjanjian=False if target_tidak_tercapai else None,
    )
    if jenis not in jalur:
        rek = JenisTindakLanjut.REKOMENDASI_PEMUTUSAN_PPPK
        if jenis is rek and not pppk:
            pesan = f"{rek.label} hanya untuk pegawai PPPK (001 Pasal 31(2)); pegawai ini bukan PPPK."
        elif jenis is rek:
            pesan = (
                f"{rek.label} hanya bila atasan dan tim penilai kinerja PPPK menilai target kinerja dalam "
                "perjanjian kerja tidak tercapai (001 Pasal 31(2)); nyatakan penilaian itu pada isian."
            )
        elif pppk:
            pesan = f"Bagi PPPK, tindak lanjut yang berlaku hanya {rek.label.lower()} (001 Pasal 31(2))."
        else:
            pesan = (
                f"Predikat {label(Predikat, ev.predikat)} pada jabatan {label(JenisJabatan, ev.jabatan)} tidak "
                f"memicu {jenis.label.lower()} (003 Pasal 33–34)."
            )
        raise GalatTindakLanjut(pesan)
    if entri_ada(ev.id, jenis.value, s):
        raise GalatTindakLanjut(PESAN_GANDA)
    if jenis is JenisTindakLanjut.PERBAIKAN_6_BULAN and mulai is None:
        mulai = hari
    if jenis is JenisTindakLanjut.PERBAIKAN_6_BULAN and selesai is None:
        selesai = tambah_bulan(mulai, 6)
    dasar = (
        f"Dicatat oleh PPK/PyB dari evaluasi kinerja tahunan {ev.tahun}, predikat "
        f"{label(Predikat, ev.predikat)}; kondisi normal (tidak dalam keadaan kahar/force majeure)"
    )
    dasar += (
        "; atasan dan tim penilai kinerja PPPK menilai target perjanjian kerja tidak tercapai — 001 Pasal 31(2)."
        if pppk
        else " — 003 Pasal 33–34."
    )
    catatan = (catatan or "").strip()
    baris = {
        "pegawai_id": ev.pegawai_id,
        "evaluasi_id": ev.id,
        "jenis": jenis.value,
        "status": status.value,
        "mulai": mulai,
        "selesai": selesai,
        "force_majeure": False,
        "catatan": f"{dasar}\n{catatan}" if catatan else dasar,
    }
    return s.get(TindakLanjutSanksi, _sisipkan(TindakLanjutSanksi, baris, s))


def _sisipkan(model, baris: dict, s) -> int:
    """One Core INSERT and its audit row with the new id (the ORM flush listener cannot know the id yet)."""
    t = model.__table__
    pk = s.connection().execute(t.insert().returning(t.c.id), [baris]).scalar_one()
    catat(
        t.name,
        pk,
        "tambah",
        sesudah={k: (v.isoformat() if isinstance(v, dt.date) else v) for k, v in baris.items()},
        session=s,
    )
    return pk


def tambah_penghargaan(baris: dict, session=None) -> Penghargaan:
    """A reward recorded by hand (API; the view uses FAB's form): inserted and audited, the caller commits."""
    s = session or db.session
    return s.get(Penghargaan, _sisipkan(Penghargaan, baris, s))


def register_sanksi(ids_subquery, pengekspor: str):
    P = Pegawai
    T = TindakLanjutSanksi
    kolom = [
        Kolom("No", 6, "nomor"),
        Kolom("NIP", 21, "nip"),
        Kolom("Nama", 32),
        Kolom("Jabatan", 32),
        Kolom("Unit Kerja", 32),
        Kolom("Tahun Evaluasi", 9, "nomor"),
        Kolom("Predikat", 18),
        Kolom("Jenis Tindak Lanjut", 40),
        Kolom("Status", 12),
        Kolom("Mulai", 13, "tanggal"),
        Kolom("Selesai", 13, "tanggal"),
        Kolom("Force Majeure", 9),
        Kolom("Catatan", 50),
    ]
    stmt = (
        select(
            P.nip,
            P.nama,
            Jabatan.nama,
            UnitKerja.nama_tampil,
            E.tahun,
            E.predikat,
            T.jenis,
            T.status,
            T.mulai,
            T.selesai,
            T.force_majeure,
            T.catatan,
        )
        .join(P, P.id == T.pegawai_id)
        .join(E, E.id == T.evaluasi_id)
        .outerjoin(Jabatan, Jabatan.id == P.jabatan_id)
        .outerjoin(UnitKerja, UnitKerja.id == P.unit_kerja_id)
        .where(T.id.in_(select(ids_subquery.c.id)))
        .order_by(E.tahun, UnitKerja.nama, P.nama, T.id)
    )

    def baris():
        for i, r in enumerate(db.session.execute(stmt.execution_options(yield_per=2000)), 1):
            yield (
                i,
                r[0],
                r[1],
                r[2],
                r[3],
                r[4],
                label(Predikat, r[5]),
                label(JenisTindakLanjut, r[6]),
                label(StatusTindakLanjut, r[7]),
                r[8],
                r[9],
                "Ya" if r[10] else "Tidak",
                r[11],
            )

    return tulis_register(
        "REGISTER TINDAK LANJUT SANKSI DAN PERBAIKAN KINERJA",
        kolom,
        baris(),
        instansi=instansi_nama()[0],
        pengekspor=pengekspor,
        nama_sheet="Sanksi",
    )


# ---------------------------------------------------------------------------------------------------------
# rewards (002 "PENGHARGAAN"; 001 Pasal 29)
# ---------------------------------------------------------------------------------------------------------


def layak_penghargaan_tahun(tahun: int, klausa, session=None) -> list[tuple[int, int]]:
    """(pegawai_id, evaluasi_id of ``tahun``) of employees with Sangat Baik in ``tahun`` and ``tahun - 1``."""
    s = session or db.session
    rows = s.execute(
        select(E.pegawai_id, E.tahun, E.predikat, E.id).where(
            *syarat_final_tahunan(), E.tahun.in_((tahun - 1, tahun)), E.predikat == Predikat.SANGAT_BAIK.value, klausa
        )
    ).all()
    riwayat: dict[int, dict[int, str]] = {}
    ev_tahun: dict[int, int] = {}
    for peg, th, pred, ev_id in rows:
        riwayat.setdefault(peg, {})[th] = pred
        if th == tahun:
            ev_tahun[peg] = ev_id
    return sorted((p, ev_tahun[p]) for p, r in riwayat.items() if layak_penghargaan(r, tahun))


def tandai_penghargaan(tahun: int, klausa, session=None) -> int:
    """Record the talent-pool and competency-development priority for every eligible employee (idempotent)."""
    s = session or db.session
    layak = layak_penghargaan_tahun(tahun, klausa, s)
    if not layak:
        return 0
    jenis = (JenisPenghargaan.TALENT_POOL.value, JenisPenghargaan.PENGEMBANGAN_KOMPETENSI.value)
    ada = set(
        s.execute(
            select(Penghargaan.pegawai_id, Penghargaan.jenis).where(
                Penghargaan.tahun == tahun,
                Penghargaan.jenis.in_(jenis),
                Penghargaan.pegawai_id.in_([p for p, _ in layak]),
            )
        ).all()
    )
    baru = [
        {
            "pegawai_id": p,
            "tahun": tahun,
            "jenis": j,
            "evaluasi_id": ev,
            "uraian": f"Predikat Sangat Baik {tahun - 1} dan {tahun} berturut-turut: prioritas "
            + ("kelompok rencana suksesi (talent pool)" if j == jenis[0] else "pengembangan kompetensi")
            + " (002; 001 Pasal 29).",
        }
        for p, ev in layak
        for j in jenis
        if (p, j) not in ada
    ]
    if baru:
        s.connection().execute(Penghargaan.__table__.insert(), baru)
        catat("penghargaan", None, "tambah", sesudah={"aksi": "tandai", "tahun": tahun, "jumlah": len(baru)}, session=s)
    return len(baru)


def register_penghargaan(ids_subquery, pengekspor: str):
    P = Pegawai
    H = Penghargaan
    kolom = [
        Kolom("No", 6, "nomor"),
        Kolom("NIP", 21, "nip"),
        Kolom("Nama", 32),
        Kolom("Jabatan", 32),
        Kolom("Unit Kerja", 32),
        Kolom("Tahun", 8, "nomor"),
        Kolom("Jenis Penghargaan", 28),
        Kolom("Uraian", 60),
        Kolom("Dicatat", 13, "tanggal"),
    ]
    stmt = (
        select(P.nip, P.nama, Jabatan.nama, UnitKerja.nama_tampil, H.tahun, H.jenis, H.uraian, H.dibuat_pada)
        .join(P, P.id == H.pegawai_id)
        .outerjoin(Jabatan, Jabatan.id == P.jabatan_id)
        .outerjoin(UnitKerja, UnitKerja.id == P.unit_kerja_id)
        .where(H.id.in_(select(ids_subquery.c.id)))
        .order_by(H.tahun, UnitKerja.nama, P.nama, H.id)
    )

    def baris():
        for i, r in enumerate(db.session.execute(stmt.execution_options(yield_per=2000)), 1):
            yield (i, r[0], r[1], r[2], r[3], r[4], label(JenisPenghargaan, r[5]), r[6], r[7].date() if r[7] else None)

    return tulis_register(
        "REGISTER PENGHARGAAN KINERJA",
        kolom,
        baris(),
        instansi=instansi_nama()[0],
        pengekspor=pengekspor,
        nama_sheet="Penghargaan",
    )


# ---------------------------------------------------------------------------------------------------------
# ranking (pemeringkatan, R14: "melalui predikat")
# ---------------------------------------------------------------------------------------------------------


def nama_periode(jenis: str, tahun: int, nomor: int) -> str:
    if jenis == TAHUNAN:
        return f"Tahunan {tahun}"
    return periode(jenis, tahun, jenis_periode(tahun).value, nomor).label


def stmt_peringkat(
    tahun: int,
    jenis: str,
    nomor: int,
    klausa,
    unit_id: int | None = None,
    predikat: str | None = None,
    kecuali_status=(),
):
    """Active evaluations of the period with a predikat, best first (regulation order), then by name."""
    urut = urutan_predikat(E.predikat)
    stmt = (
        select(
            E.id,
            Pegawai.nip,
            Pegawai.nama,
            Jabatan.nama.label("jabatan"),
            UnitKerja.nama_tampil.label("unit"),
            E.predikat,
            urut.label("peringkat"),
            E.status_dokumen,
            E.is_final,
            Pegawai.status,
        )
        .join(Pegawai, Pegawai.id == E.pegawai_id)
        .join(UnitKerja, UnitKerja.id == E.unit_kerja_id)
        .outerjoin(Jabatan, Jabatan.id == Pegawai.jabatan_id)
        .where(
            E.tahun == tahun,
            E.jenis == jenis,
            E.periode_nomor == (0 if jenis == TAHUNAN else nomor),
            E.aktif.is_(True),
            E.predikat.is_not(None),
            klausa,
        )
        .order_by(urut, UnitKerja.nama, Pegawai.nama, E.id)
    )
    if unit_id:
        stmt = stmt.where(E.unit_kerja_id == unit_id)
    if predikat and predikat in URUTAN_PREDIKAT:
        stmt = stmt.where(E.predikat == predikat)
    return _tanpa_status(stmt, kecuali_status)


def register_peringkat(stmt, pengekspor: str, periode_label: str):
    kolom = [
        Kolom("No", 6, "nomor"),
        Kolom("Peringkat Predikat", 10, "nomor"),
        Kolom("NIP", 21, "nip"),
        Kolom("Nama", 32),
        Kolom("Jabatan", 32),
        Kolom("Unit Kerja", 32),
        Kolom("Predikat", 18),
        Kolom("Status Dokumen", 14),
        Kolom("Final", 7),
    ]

    def baris():
        for i, r in enumerate(db.session.execute(stmt.execution_options(yield_per=2000)), 1):
            yield (
                i,
                r.peringkat,
                r.nip,
                r.nama,
                r.jabatan,
                r.unit,
                label(Predikat, r.predikat),
                label(SD, r.status_dokumen),
                "Ya" if r.is_final else "",
            )

    return tulis_register(
        "PEMERINGKATAN KINERJA PEGAWAI",
        kolom,
        baris(),
        instansi=instansi_nama()[0],
        periode=periode_label,
        pengekspor=pengekspor,
        nama_sheet="Peringkat",
    )


# ---------------------------------------------------------------------------------------------------------
# reporting up to the PyB (001 Pasal 26; 001 Lampiran "Tindak lanjut" 7, R7: ≤ 30 working days)
# ---------------------------------------------------------------------------------------------------------


def ringkasan_laporan(tahun: int, jenis: str, nomor: int, klausa) -> list[dict]:
    """Per unit: evaluations of the period, reported, not yet reported, overdue (one GROUP BY)."""
    hari = jam.hari_ini()
    belum = and_(E.tanggal_dilaporkan.is_(None))
    stmt = (
        select(
            E.unit_kerja_id,
            UnitKerja.nama_tampil,
            func.count(E.id),
            func.count(E.tanggal_dilaporkan),
            func.sum(case((and_(belum, E.status_dokumen.in_(LAPORKAN_STATUS)), 1), else_=0)),
            func.sum(case((and_(belum, E.tenggat_laporan < hari), 1), else_=0)),
            func.min(E.tenggat_laporan),
        )
        .join(UnitKerja, UnitKerja.id == E.unit_kerja_id)
        .where(
            E.tahun == tahun,
            E.jenis == jenis,
            E.periode_nomor == (0 if jenis == TAHUNAN else nomor),
            E.aktif.is_(True),
            klausa,
        )
        .group_by(E.unit_kerja_id, UnitKerja.id, UnitKerja.nama)
        .order_by(UnitKerja.nama)
    )
    return [
        {
            "unit_id": u,
            "unit": n,
            "total": t,
            "dilaporkan": d,
            "siap": int(s or 0),
            "terlambat": int(lt or 0),
            "tenggat": tg,
        }
        for u, n, t, d, s, lt, tg in db.session.execute(stmt)
    ]


def stmt_laporan(tahun: int, jenis: str, nomor: int, klausa, unit_id: int | None = None):
    PN = aliased(Pegawai)
    stmt = (
        select(
            E.id,
            Pegawai.nip,
            Pegawai.nama,
            UnitKerja.nama_tampil.label("unit"),
            PN.nama.label("penilai"),
            E.format_dokumen,
            E.predikat,
            E.status_dokumen,
            E.skp_id,
            E.tanggal_dilaporkan,
            E.tenggat_laporan,
        )
        .join(Pegawai, Pegawai.id == E.pegawai_id)
        .join(UnitKerja, UnitKerja.id == E.unit_kerja_id)
        .outerjoin(PN, PN.id == E.penilai_id)
        .where(
            E.tahun == tahun,
            E.jenis == jenis,
            E.periode_nomor == (0 if jenis == TAHUNAN else nomor),
            E.aktif.is_(True),
            klausa,
        )
        .order_by(UnitKerja.nama, Pegawai.nama, E.id)
    )
    if unit_id:
        stmt = stmt.where(E.unit_kerja_id == unit_id)
    return stmt


def keterangan_laporan(r, hari: dt.date) -> str:
    if r.tanggal_dilaporkan:
        return "Sudah dilaporkan"
    if r.tenggat_laporan and r.tenggat_laporan < hari:
        return "Belum dilaporkan — lewat tenggat"
    return "Belum dilaporkan"


def register_laporan(stmt, pengekspor: str, periode_label: str):
    kolom = [
        Kolom("No", 6, "nomor"),
        Kolom("NIP", 21, "nip"),
        Kolom("Nama", 32),
        Kolom("Unit Kerja", 32),
        Kolom("Pejabat Penilai", 30),
        Kolom("Dokumen", 9),
        Kolom("Predikat", 18),
        Kolom("Status Dokumen", 14),
        Kolom("SKP (id)", 9, "nomor"),
        Kolom("Tanggal Dilaporkan", 13, "tanggal"),
        Kolom("Tenggat Laporan", 13, "tanggal"),
        Kolom("Keterangan", 30),
    ]
    hari = jam.hari_ini()

    def baris():
        for i, r in enumerate(db.session.execute(stmt.execution_options(yield_per=2000)), 1):
            yield (
                i,
                r.nip,
                r.nama,
                r.unit,
                r.penilai,
                r.format_dokumen,
                label(Predikat, r.predikat),
                label(SD, r.status_dokumen),
                r.skp_id,
                r.tanggal_dilaporkan,
                r.tenggat_laporan,
                keterangan_laporan(r, hari),
            )

    return tulis_register(
        "LAPORAN EVALUASI KINERJA KEPADA PEJABAT YANG BERWENANG",
        kolom,
        baris(),
        instansi=instansi_nama()[0],
        periode=periode_label,
        pengekspor=pengekspor,
        nama_sheet="Laporan PyB",
    )


# ---------------------------------------------------------------------------------------------------------
# tunjangan kinerja basis (R14: "dokumen evaluasi … dasar pemberian tunjangan kinerja")
# ---------------------------------------------------------------------------------------------------------


def stmt_tunjangan(tahun: int, jenis: str, nomor: int, klausa_pegawai, kecuali_status=()):
    """Every employee in scope with the period's active evaluation (if any): predikat and document state."""
    ev = (
        select(E.pegawai_id, E.predikat, E.status_dokumen, E.format_dokumen, E.is_final, E.tanggal_diterima)
        .where(
            E.tahun == tahun, E.jenis == jenis, E.periode_nomor == (0 if jenis == TAHUNAN else nomor), E.aktif.is_(True)
        )
        .subquery()
    )
    stmt = (
        select(
            Pegawai.nip,
            Pegawai.nama,
            Golongan.kode.label("golongan"),
            Jabatan.nama.label("jabatan"),
            UnitKerja.nama_tampil.label("unit"),
            Pegawai.jenis_asn,
            Pegawai.status,
            ev.c.predikat,
            ev.c.status_dokumen,
            ev.c.format_dokumen,
            ev.c.is_final,
            ev.c.tanggal_diterima,
        )
        .outerjoin(ev, ev.c.pegawai_id == Pegawai.id)
        .outerjoin(Golongan, Golongan.id == Pegawai.golongan_id)
        .outerjoin(Jabatan, Jabatan.id == Pegawai.jabatan_id)
        .outerjoin(UnitKerja, UnitKerja.id == Pegawai.unit_kerja_id)
        .where(klausa_pegawai)
        .order_by(UnitKerja.nama, Pegawai.nama, Pegawai.id)
    )
    return _tanpa_status(stmt, kecuali_status)


def register_tunjangan(stmt, pengekspor: str, periode_label: str):
    kolom = [
        Kolom("No", 6, "nomor"),
        Kolom("NIP", 21, "nip"),
        Kolom("Nama", 32),
        Kolom("Golongan", 9),
        Kolom("Jabatan", 32),
        Kolom("Unit Kerja", 32),
        Kolom("Jenis ASN", 8),
        Kolom("Status Pegawai", 16),
        Kolom("Predikat Akhir", 18),
        Kolom("Status Dokumen", 14),
        Kolom("Dokumen", 8),
        Kolom("Final", 7),
        Kolom("Tanggal Diterima", 13, "tanggal"),
        Kolom("Keterangan", 26),
    ]

    def baris():
        for i, r in enumerate(db.session.execute(stmt.execution_options(yield_per=2000)), 1):
            if r.status_dokumen is None:
                ket = "Belum ada evaluasi"
            elif r.status_dokumen in LAPORKAN_STATUS and r.predikat:
                ket = "Dokumen lengkap"
            else:
                ket = "Dokumen belum lengkap"
            yield (
                i,
                r.nip,
                r.nama,
                r.golongan,
                r.jabatan,
                r.unit,
                label(JenisASN, r.jenis_asn),
                label(StatusPegawai, r.status),
                label(Predikat, r.predikat),
                label(SD, r.status_dokumen),
                r.format_dokumen,
                "Ya" if r.is_final else "",
                r.tanggal_diterima,
                ket,
            )

    return tulis_register(
        "DASAR PEMBERIAN TUNJANGAN KINERJA",
        kolom,
        baris(),
        instansi=instansi_nama()[0],
        periode=periode_label,
        pengekspor=pengekspor,
        nama_sheet="Tunjangan Kinerja",
    )


# ---------------------------------------------------------------------------------------------------------
# overdue deadlines (R7) — the same conditions as app.queries.penilaian.daftar_terlambat, streamed, no limit
# ---------------------------------------------------------------------------------------------------------


def stmt_tenggat(tahun: int, klausa_ev, klausa_kb):
    hari = jam.hari_ini()
    lewat = periode_lewat(tahun, hari)
    dasar = [E.tahun == tahun, E.aktif.is_(True), klausa_ev]
    kategori = [
        (
            "Penyampaian dokumen",
            and_(E.status_dokumen == SD.DITANDATANGANI.value, E.tenggat_penyampaian < hari),
            E.tenggat_penyampaian,
        ),
        (
            "Pengembalian oleh pegawai",
            and_(E.status_dokumen == SD.DITERIMA.value, E.tenggat_pengembalian < hari),
            E.tenggat_pengembalian,
        ),
        ("Laporan kepada PyB", and_(E.tanggal_dilaporkan.is_(None), E.tenggat_laporan < hari), E.tenggat_laporan),
    ]
    if lewat:
        kategori.insert(0, ("Belum dinilai", and_(E.status_dokumen == SD.DRAF.value, or_(*lewat)), cast(null(), Date)))
    bagian = [
        select(
            literal(nama).label("kategori"),
            Pegawai.nip,
            Pegawai.nama,
            UnitKerja.nama_tampil.label("unit"),
            E.jenis,
            E.periode_jenis,
            E.periode_nomor,
            E.tahun,
            E.status_dokumen,
            tenggat.label("tenggat"),
        )
        .join(Pegawai, Pegawai.id == E.pegawai_id)
        .join(UnitKerja, UnitKerja.id == E.unit_kerja_id)
        .where(*dasar, syarat)
        for nama, syarat, tenggat in kategori
    ]
    K = Keberatan
    bagian.append(
        select(
            literal("Keputusan keberatan").label("kategori"),
            Pegawai.nip,
            Pegawai.nama,
            UnitKerja.nama_tampil.label("unit"),
            E.jenis,
            E.periode_jenis,
            E.periode_nomor,
            E.tahun,
            E.status_dokumen,
            K.tenggat_keputusan.label("tenggat"),
        )
        .join(E, E.id == K.evaluasi_id)
        .join(Pegawai, Pegawai.id == K.pegawai_id)
        .join(UnitKerja, UnitKerja.id == E.unit_kerja_id)
        .where(K.keputusan.is_(None), K.tenggat_keputusan < hari, E.tahun == tahun, klausa_kb)
    )
    u = union_all(*bagian).subquery()
    return select(u).order_by(u.c.kategori, u.c.tenggat, u.c.unit, u.c.nama)


def register_tenggat(stmt, pengekspor: str, tahun: int):
    kolom = [
        Kolom("No", 6, "nomor"),
        Kolom("Kategori", 26),
        Kolom("NIP", 21, "nip"),
        Kolom("Nama", 32),
        Kolom("Unit Kerja", 32),
        Kolom("Periode", 22),
        Kolom("Status Dokumen", 14),
        Kolom("Tenggat", 13, "tanggal"),
        Kolom("Hari Kalender Terlambat", 10, "angka"),
    ]
    hari = jam.hari_ini()

    def baris():
        for i, r in enumerate(db.session.execute(stmt.execution_options(yield_per=2000)), 1):
            per = (
                f"Tahunan {r.tahun}"
                if r.jenis == TAHUNAN
                else periode(r.jenis, r.tahun, r.periode_jenis, r.periode_nomor).label
            )
            tg = r.tenggat
            if isinstance(tg, str):  # SQLite returns NULL-typed union columns as text
                tg = dt.date.fromisoformat(tg[:10])
            yield (
                i,
                r.kategori,
                r.nip,
                r.nama,
                r.unit,
                per,
                label(SD, r.status_dokumen),
                tg,
                (hari - tg).days if tg else None,
            )

    return tulis_register(
        "REGISTER TENGGAT TERLAMPAUI",
        kolom,
        baris(),
        instansi=instansi_nama()[0],
        periode=f"Tahun {tahun}",
        pengekspor=pengekspor,
        nama_sheet="Tenggat",
    )
