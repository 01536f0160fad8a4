"""Who may evaluate (R15: evaluator, Plt/Plh, delegation, late-evaluator fallback) and the user's role."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, bindparam, literal, null, or_, select, union_all, update
from sqlalchemy.orm import aliased, joinedload, selectinload

from app import jam
from app.extensions import db
from app.format import tanggal_saja
from app.queries.penilaian.kalender import batas_ev, cuti_bersama, periode_ev
from app.queries.penilaian.umum import PESAN_TERKUNCI, SD, GalatPenilaian, sesi
from app.rules import JenisEvaluasi, JenisJabatan, JenisPenilai, StatusPegawai, penilai_berwenang
from app.rules.waktu import jendela_evaluasi_periodik, jendela_evaluasi_tahunan
from app.security import roles as R
from app.security.audit import catat
from schema.enums import DinilaiOleh
from schema.models import SKP, DelegasiPenilai, EvaluasiKinerja, Jabatan, MutasiPegawai, Pegawai, PenugasanPlt


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


PESAN_KEPALA_DAERAH = (
    "Pejabat pimpinan tinggi / pimpinan unit kerja mandiri dievaluasi oleh Kepala Daerah "
    '(dijalankan PyB atas nama Kepala Daerah); hasilnya bersifat final (001 Lampiran "Evaluasi '
    'Kinerja" 12 c, e).'
)


def _berlaku(mulai, selesai, hari) -> bool:
    return mulai <= hari and (selesai is None or selesai >= hari)


# R15's statements are built once (expanding IN parameters): on the evaluation page building them cost as much
# CPU as running them
_JA = aliased(Jabatan)
_R15_SKP: Select[*tuple[Any, ...]] = (
    select(
        SKP.id,
        SKP.jabatan_id,
        SKP.tanggal_ditetapkan,
        SKP.ditetapkan_kepala_daerah,
        SKP.penilai_id,
        _JA.atasan_id.label("jabatan_penilai_id"),
    )
    .outerjoin(_JA, _JA.id == SKP.jabatan_id)
    .where(SKP.id.in_(bindparam("skp", expanding=True)))
)
# each person's status and position with their transfers in order (a person without transfers gives one row
# with an empty transfer)
_R15_ORANG = (
    select(
        Pegawai.id,
        Pegawai.status,
        Pegawai.unit_kerja_id,
        Pegawai.jabatan_id,
        Jabatan.jenis,
        MutasiPegawai.id.label("mutasi_id"),
        MutasiPegawai.tanggal_efektif,
        MutasiPegawai.jabatan_asal_id,
        MutasiPegawai.jabatan_tujuan_id,
    )
    .outerjoin(Jabatan, Jabatan.id == Pegawai.jabatan_id)
    .outerjoin(MutasiPegawai, MutasiPegawai.pegawai_id == Pegawai.id)
    .where(Pegawai.id.in_(bindparam("orang", expanding=True)))
    .order_by(Pegawai.id, MutasiPegawai.tanggal_efektif, MutasiPegawai.id)
)
# delegations touching the evaluators, their positions or the units, and the evaluators' own Plt/Plh
# assignments (``penugasan_plt``), newest first
_R15_DELEGASI = union_all(
    select(
        literal("delegasi").label("sumber"),
        DelegasiPenilai.id,
        DelegasiPenilai.pegawai_id,
        DelegasiPenilai.jenis,
        DelegasiPenilai.jabatan_id,
        DelegasiPenilai.unit_kerja_id,
        DelegasiPenilai.mulai,
        DelegasiPenilai.selesai,
    ).where(
        or_(
            DelegasiPenilai.pegawai_id.in_(bindparam("penilai", expanding=True)),
            DelegasiPenilai.jabatan_id.in_(bindparam("jabatan", expanding=True)),
            DelegasiPenilai.unit_kerja_id.in_(bindparam("unit", expanding=True)),
        )
    ),
    select(
        literal("plt"),
        PenugasanPlt.id,
        PenugasanPlt.pegawai_id,
        null(),
        PenugasanPlt.jabatan_id,
        null(),
        PenugasanPlt.mulai,
        PenugasanPlt.selesai,
    ).where(PenugasanPlt.pegawai_id.in_(bindparam("penilai", expanding=True))),
).subquery()
_R15_DELEGASI = select(_R15_DELEGASI).order_by(_R15_DELEGASI.c.mulai.desc(), _R15_DELEGASI.c.id.desc())


def _data_r15(evs, s) -> dict:
    """Everything R15 needs for many evaluations, in a fixed number of queries (whatever the row count)."""
    if not evs:
        return {"skp": {}, "info": {}, "mutasi": {}, "delegasi": [], "plt": [], "pemegang": {}}
    penilai = {e.penilai_id for e in evs if e.penilai_id}
    skp = {r.id: r for r in s.execute(_R15_SKP, {"skp": list({e.skp_id for e in evs})})}
    orang = penilai | {e.pegawai_id for e in evs} | {r.penilai_id for r in skp.values() if r.penilai_id}
    info: dict = {}
    mutasi: dict[int, list] = {}
    for r in s.execute(_R15_ORANG, {"orang": list(orang)}):
        info.setdefault(r.id, r)
        if r.mutasi_id is not None:
            mutasi.setdefault(r.id, []).append(r)
    jab_penilai = {r.jabatan_penilai_id for r in skp.values() if r.jabatan_penilai_id}
    delegasi, plt = [], []
    param = {"penilai": list(penilai), "jabatan": list(jab_penilai), "unit": list({e.unit_kerja_id for e in evs})}
    for r in s.execute(_R15_DELEGASI, param):
        if r.sumber == "plt":
            plt.append((r.pegawai_id, r.jabatan_id, r.mulai, r.selesai))
        else:
            delegasi.append(r)
    # the positions the evaluators left (transfers): who holds them now
    ditinggal = {m.jabatan_asal_id for p in penilai for m in mutasi.get(p, ()) if m.jabatan_asal_id}
    pemegang: dict[int, int] = {}
    if ditinggal:
        for pid, jid in s.execute(
            select(Pegawai.id, Pegawai.jabatan_id)
            .where(Pegawai.jabatan_id.in_(ditinggal), Pegawai.status == StatusPegawai.AKTIF.value)
            .order_by(Pegawai.id)
        ):
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
    s = sesi(session)
    hari = hari or jam.hari_ini()
    cuti = cuti_bersama(s)
    data = _data_r15(evs, s)
    info, skp = data["info"], data["skp"]
    out = {}
    for e in evs:
        sk = skp.get(e.skp_id)
        if e.dinilai_oleh == DinilaiOleh.KEPALA_DAERAH.value or (sk is not None and sk.ditetapkan_kepala_daerah):
            out[e.id] = Berwenang(
                JenisPenilai.PENILAI,
                None,
                PESAN_KEPALA_DAERAH,
                final=True,
                terlambat=False,
                dinilai_oleh=DinilaiOleh.KEPALA_DAERAH.value,
                kepala_daerah=True,
            )
            continue
        p = periode_ev(e)
        terlambat = e.status_dokumen == SD.DRAF.value and hari > batas_ev(e)
        jab_skp = sk.jabatan_id if sk else None
        jab_penilai = sk.jabatan_penilai_id if sk else None
        # employee transferred (contoh Sari)
        m_peg = next(
            (
                m
                for m in data["mutasi"].get(e.pegawai_id, ())
                if m.jabatan_asal_id == jab_skp and m.tanggal_efektif <= p.akhir
            ),
            None,
        )
        if data["mutasi"].get(e.pegawai_id):
            dipindah = m_peg is not None
        else:
            kini = info.get(e.pegawai_id)
            dipindah = kini is not None and kini.unit_kerja_id is not None and kini.unit_kerja_id != e.unit_kerja_id
        # evaluator transferred (contoh Purnama)
        acuan = sk.tanggal_ditetapkan.date() if sk is not None and sk.tanggal_ditetapkan else dt.date(e.tahun, 1, 1)
        jendela = (
            jendela_evaluasi_tahunan(e.tahun)
            if e.jenis == JenisEvaluasi.TAHUNAN.value
            else jendela_evaluasi_periodik(p, cuti)
        )
        # the evaluator position: the one the SKP's evaluator held when the SKP was set (left by their first
        # transfer after it); a transfer counts when the current evaluator leaves THAT position
        pertama = next(
            (m for m in data["mutasi"].get(sk.penilai_id if sk else None, ()) if m.tanggal_efektif > acuan), None
        )
        posisi = (
            pertama.jabatan_asal_id
            if pertama
            else (info[sk.penilai_id].jabatan_id if sk and sk.penilai_id in info else None)
        )
        m_pen = (
            next(
                (
                    m
                    for m in data["mutasi"].get(e.penilai_id, ())
                    if acuan < m.tanggal_efektif <= jendela.akhir and m.jabatan_asal_id == posisi
                ),
                None,
            )
            if e.penilai_id and posisi
            else None
        )
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
                d.pegawai_id == e.penilai_id
                and d.jenis in _PLT_PLH
                and st.jabatan_id != d.jabatan_id
                and (d.jabatan_id == jab_penilai or d.unit_kerja_id == e.unit_kerja_id)
                for d in data["delegasi"]
            )
            if sebagai_plt:
                delegasi = _delegasi_untuk(
                    data, hari, pegawai_id=e.penilai_id, jabatan_id=jab_penilai, unit_id=e.unit_kerja_id, jenis=_PLT_PLH
                )
            elif st.jenis == JenisJabatan.FUNGSIONAL.value:
                fungsional = True
                memimpin = (
                    _delegasi_untuk(
                        data,
                        hari,
                        pegawai_id=e.penilai_id,
                        jabatan_id=st.jabatan_id,
                        unit_id=e.unit_kerja_id,
                        jenis=("fungsional",),
                    )
                    is not None
                )
        r = penilai_berwenang(
            e.jenis,
            penilai_terlambat=terlambat,
            pegawai_dipindah=dipindah,
            periode=p,
            tanggal_penilai_pindah=m_pen.tanggal_efektif if m_pen else None,
            penilai_berhalangan_tetap=berhalangan or sebagai_plt,
            didelegasikan_plt_plh=delegasi is not None,
            penilai_pejabat_fungsional=fungsional,
            memimpin_unit=memimpin,
            cuti_bersama=cuti,
        )
        penjelasan = r.penjelasan
        dinilai = DinilaiOleh.PENILAI.value
        if r.siapa is JenisPenilai.ATASAN_PENILAI:
            pid, dinilai = e.atasan_penilai_id, DinilaiOleh.ATASAN_PENILAI.value
        elif r.siapa is JenisPenilai.PLT_PLH:
            pid, dinilai = delegasi.pegawai_id, DinilaiOleh.PLT_PLH.value
        elif r.siapa is JenisPenilai.PENILAI_BARU and dipindah:
            pid = None  # a new SKP with the new evaluator is needed (001 "Penetapan SKP" 5)
            penjelasan += (
                f" Pegawai pindah{f' sejak {tanggal_saja(m_peg.tanggal_efektif)}' if m_peg else ''}: buat "
                "evaluasi dari SKP pada jabatan baru bersama pejabat penilai yang baru; evaluasi atas SKP "
                "lama ini tidak dapat ditandatangani."
            )
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
                penjelasan += (
                    " Jabatan pejabat penilai belum terisi: evaluasi oleh atasan pejabat penilai "
                    '(001 Lampiran "Evaluasi Kinerja" 2).'
                )
        else:
            pid = e.penilai_id
        out[e.id] = Berwenang(
            r.siapa,
            pid,
            penjelasan,
            r.final,
            terlambat,
            dinilai,
            pegawai_pindah=dipindah,
            tanggal_mutasi=m_pen.tanggal_efektif if m_pen and r.siapa is JenisPenilai.PENILAI_LAMA else None,
        )
    return out


def penilai_sah(ev, hari: dt.date | None = None) -> Berwenang:
    return penilai_sah_massal([ev], hari)[ev.id]


def sinkron_penilai(evs, session=None) -> int:
    """Point drafts at the evaluator R15 designates when that person is neither the recorded evaluator nor the
    atasan (new holder after a transfer, delegated Plt/Plh), so the row scope (``penilai_id``) lets them in.
    One executemany UPDATE."""
    s = sesi(session)
    evs = [e for e in evs if e.status_dokumen == SD.DRAF.value and e.aktif]
    if not evs:
        return 0
    wenang = penilai_sah_massal(evs, session=s)
    rows = []
    for e in evs:
        b = wenang[e.id]
        if (
            b.pegawai_id
            and not b.kepala_daerah
            and b.pegawai_id not in (e.penilai_id, e.atasan_penilai_id)
            and b.siapa in (JenisPenilai.PENILAI_BARU, JenisPenilai.PLT_PLH)
        ):
            rows.append({"b_id": e.id, "b_penilai": b.pegawai_id, "b_lama": e.penilai_id})
    if rows:
        t = EvaluasiKinerja.__table__
        s.connection().execute(
            update(t)
            .where(t.c.id == bindparam("b_id"))
            .values(penilai_id=bindparam("b_penilai"), versi=t.c.versi + 1, diubah_pada=jam.sekarang_utc()),
            rows,
        )
        catat(
            "evaluasi_kinerja",
            None,
            "ubah",
            sesudah={
                "aksi": "sinkron_penilai_r15",
                "baris": [{"id": r["b_id"], "penilai_lama": r["b_lama"], "penilai_baru": r["b_penilai"]} for r in rows],
            },
        )
        for e in evs:
            s.expire(e)
    return len(rows)


def sinkron_draf(klausa, session=None) -> int:
    """``sinkron_penilai`` over the active drafts matching ``klausa`` (after a transfer or a delegation)."""
    s = sesi(session)
    evs = s.scalars(
        select(EvaluasiKinerja).where(
            EvaluasiKinerja.status_dokumen == SD.DRAF.value, EvaluasiKinerja.aktif.is_(True), klausa
        )
    ).all()
    return sinkron_penilai(evs, s)


def adalah_admin(k) -> bool:
    return R.ADMIN in k.role_names


def boleh_menilai(ev, k, berwenang: Berwenang | None = None) -> bool:
    if ev.status_dokumen != SD.DRAF.value or not ev.aktif:
        return False
    b = berwenang or penilai_sah(ev)
    if b.kepala_daerah:  # the PyB acts for the Kepala Daerah, never on their own evaluation
        return adalah_admin(k) or (R.PYB in k.role_names and k.pegawai_id != ev.pegawai_id)
    if b.pegawai_id is None:
        return False
    return adalah_admin(k) or (
        bool(k.pegawai_id) and b.pegawai_id == k.pegawai_id and bool(k.role_names & {R.PENILAI, R.ATASAN})
    )


def wajib_menilai(ev, k) -> Berwenang:
    b = penilai_sah(ev)
    if ev.status_dokumen != SD.DRAF.value:
        raise GalatPenilaian(PESAN_TERKUNCI)
    if not ev.aktif:
        raise GalatPenilaian("Evaluasi ini sudah digantikan (tidak berlaku).")
    if not boleh_menilai(ev, k, b):
        raise GalatPenilaian(f"Anda tidak berwenang menilai evaluasi ini. {b.penjelasan}")
    return b


_MUAT_EVALUASI = (  # built once; the caller's row scope is added per call
    select(EvaluasiKinerja)
    .where(EvaluasiKinerja.id == bindparam("ev"))
    .options(
        joinedload(EvaluasiKinerja.skp), joinedload(EvaluasiKinerja.pegawai), selectinload(EvaluasiKinerja.rating_rhk)
    )
)


def muat_evaluasi(ev_id: int, klausa) -> EvaluasiKinerja | None:
    return db.session.scalar(_MUAT_EVALUASI.where(klausa), {"ev": ev_id})
