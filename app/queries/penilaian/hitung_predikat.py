"""Set-based "Hitung predikat" (R2, tugas belajar)."""

from __future__ import annotations

import zlib

from sqlalchemy import and_, bindparam, case, func, or_, select, update

from app import jam
from app.extensions import db
from app.queries.penilaian.formulir import saran_dari_ipk
from app.queries.penilaian.kalender import periode_ev
from app.queries.penilaian.kewenangan import adalah_admin
from app.queries.penilaian.umum import SD, sesi
from app.rules import KUADRAN, Predikat, cek_ipk, predikat, predikat_tugas_belajar
from app.rules import PitaIPK as PitaIPKRule
from app.security import roles as R
from app.security.audit import catat
from schema.enums import DinilaiOleh
from schema.models import SKP, EvaluasiKinerja, PitaIPK, TugasBelajar


def _boleh_hitung(e, k) -> bool:
    if e.dinilai_oleh == DinilaiOleh.KEPALA_DAERAH.value:
        return adalah_admin(k) or (R.PYB in k.role_names and k.pegawai_id != e.pegawai_id)
    return adalah_admin(k) or (bool(k.pegawai_id) and k.pegawai_id in (e.penilai_id, e.atasan_penilai_id))


def _tugas_belajar_massal(evs, session=None) -> dict[int, dict]:
    """R8 for many evaluations: evaluation id → {"predikat_ipk", "gagal"} for those on a tugas-belajar SKP whose
    study leave overlaps the period. Always three queries (SKP flags, study records, IPK bands)."""
    s = sesi(session)
    skp_tb = set(s.scalars(select(SKP.id).where(SKP.id.in_({e.skp_id for e in evs}), SKP.is_tugas_belajar.is_(True))))
    peg = {e.pegawai_id for e in evs if e.skp_id in skp_tb}
    tbs: dict[int, list] = {}
    for tb in s.scalars(
        select(TugasBelajar).where(TugasBelajar.pegawai_id.in_(peg)).order_by(TugasBelajar.mulai.desc())
    ):
        tbs.setdefault(tb.pegawai_id, []).append(tb)
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
    out = {}
    for e in evs:
        if e.skp_id not in skp_tb:
            continue
        p = periode_ev(e)
        tb = next(
            (
                t
                for t in tbs.get(e.pegawai_id, ())
                if t.mulai <= p.akhir and (t.selesai_aktual is None or t.selesai_aktual >= p.mulai)
            ),
            None,
        )
        if tb is None:
            continue
        pred = (
            cek_ipk(tb.ipk, tb.jenjang, tb.luar_negeri, tb.akreditasi_pt, tb.akreditasi_prodi, bands or None).predikat
            if tb.ipk
            else None
        )
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
    sesi(session).connection().execute(
        update(t)
        .where(t.c.id == bindparam("b_id"), t.c.versi == bindparam("b_versi"))
        .values(
            predikat=bindparam("b_predikat"),
            predikat_ipk=bindparam("b_ipk"),
            versi=t.c.versi + 1,
            diubah_pada=jam.sekarang_utc(),
        ),
        rows,
    )


def hitung_predikat_massal(evs: list, k) -> tuple[int, int]:
    """Recompute predikat for the selected drafts (R2, tugas belajar R8): computed in Python from the rows
    already loaded plus three fixed look-ups, written by ONE executemany UPDATE (bumping the lock version)."""
    rows = _baris_predikat(evs, k)
    if rows:
        _tulis_predikat(rows)
        catat(
            "evaluasi_kinerja",
            None,
            "ubah",
            sesudah={"aksi": "hitung_predikat", "jumlah": len(rows), "ids": [r["b_id"] for r in rows]},
        )
        for e in evs:
            db.session.expire(e)
    return len(rows), len(evs) - len(rows)


def ekspresi_predikat(hk_col, pk_col, lain):
    """SQL CASE over the kuadran table (R2), from app.rules.KUADRAN — one source."""
    return case(
        *[(and_(hk_col == hk.value, pk_col == pk.value), p.value) for (hk, pk), p in KUADRAN.items()], else_=lain
    )


def jumlah_draf_periode(tahun: int, jenis: str, nomor: int, klausa) -> int:
    """Upper bound of the rows ``hitung_predikat_periode`` touches (decides request vs background job)."""
    t = EvaluasiKinerja.__table__
    return (
        db.session.scalar(
            select(func.count())
            .select_from(t)
            .where(
                t.c.tahun == tahun,
                t.c.jenis == jenis,
                t.c.periode_nomor == nomor,
                t.c.aktif.is_(True),
                t.c.status_dokumen == SD.DRAF.value,
                klausa,
            )
        )
        or 0
    )


def kunci_periode(tahun: int, jenis: str, nomor: int) -> None:
    """One "Hitung predikat" per period at a time (PostgreSQL transaction-level advisory lock): two whole-period
    UPDATEs over the same 300 000 rows, run by two operators' jobs at once, locked rows in different orders and
    deadlocked at 1 000 000 employees. The second waits, then recomputes (the result is the same)."""
    if db.session.get_bind().dialect.name == "postgresql":
        kunci = zlib.crc32(f"hitung_predikat:{tahun}:{jenis}:{nomor}".encode())
        db.session.execute(select(func.pg_advisory_xact_lock(kunci)))


def hitung_predikat_periode(tahun: int, jenis: str, nomor: int, klausa, k) -> int:
    """All scoped drafts of one period: one UPDATE … CASE statement (benchmark: a whole period at 50 000), plus
    one executemany for the few tugas-belajar rows (R8 needs the IPK bands)."""
    kunci_periode(tahun, jenis, nomor)
    t = EvaluasiKinerja.__table__
    syarat = [
        t.c.tahun == tahun,
        t.c.jenis == jenis,
        t.c.periode_nomor == nomor,
        t.c.aktif.is_(True),
        t.c.status_dokumen == SD.DRAF.value,
        t.c.rating_perilaku.is_not(None),
        klausa,
    ]
    if not adalah_admin(k):
        if not k.pegawai_id:
            return 0
        sendiri = or_(t.c.penilai_id == k.pegawai_id, t.c.atasan_penilai_id == k.pegawai_id)
        if R.PYB in k.role_names:  # acting for the Kepala Daerah (R7, 001 "Evaluasi Kinerja" 12)
            sendiri = or_(
                sendiri, and_(t.c.dinilai_oleh == DinilaiOleh.KEPALA_DAERAH.value, t.c.pegawai_id != k.pegawai_id)
            )
        syarat.append(sendiri)
    # tugas belajar (R8) needs the IPK bands: those few rows go through the Python rule, the rest is one UPDATE
    tb = t.c.skp_id.in_(select(SKP.id).where(SKP.is_tugas_belajar.is_(True)))
    res = db.session.connection().execute(
        update(t)
        .where(*syarat, t.c.rating_hasil_kerja.is_not(None), ~tb)
        .values(
            predikat=ekspresi_predikat(t.c.rating_hasil_kerja, t.c.rating_perilaku, t.c.predikat),
            versi=t.c.versi + 1,
            diubah_pada=jam.sekarang_utc(),
        )
    )
    n = res.rowcount or 0
    evs_tb = db.session.scalars(select(EvaluasiKinerja).where(*syarat, tb)).all()
    rows = _baris_predikat(evs_tb, k)
    if rows:
        _tulis_predikat(rows)
        n += len(rows)
    catat(
        "evaluasi_kinerja",
        None,
        "ubah",
        sesudah={
            "aksi": "hitung_predikat_periode",
            "tahun": tahun,
            "jenis": jenis,
            "periode_nomor": nomor,
            "jumlah": n,
        },
    )
    return n
