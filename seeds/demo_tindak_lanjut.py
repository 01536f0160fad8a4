"""Demo tindak lanjut (R14): the two R14 cases the registers must show, then the registers filled.

``generate(session, seed, tahun)`` runs after ``seeds.demo_penilaian`` (which makes periodic evaluations only):

* **Sangat Baik two years running** (002 "PENGHARGAAN"): a subordinate of the demo ``penilai`` with a set SKP
  (the demo ``pegawai`` when theirs is set) gets final annual evaluations with predikat Sangat Baik for ``tahun - 1`` and ``tahun`` (an SKP
  for ``tahun - 1`` is inserted when none exists) → talent-pool and competency-development priority entries;
* **Kurang, JA** (003 Pasal 34): another PNS in a JA position (administrator/pengawas/pelaksana), preferably a
  subordinate of the same evaluator, gets a final annual evaluation Kurang (Misconduct) for ``tahun`` →
  the five sanction/improvement entries.

The registers are then filled by the same set-based functions the views use (``app.queries.tindak_lanjut``).

Nothing after the app's today (``app.jam.hari_ini()``): an annual evaluation exists only once its year has
ended and it has been signed (12 January of the next year) — before that the cases are built one year earlier
(``tahun - 1``, with ``tahun - 2``), on SKPs copied back as for the two-year case; the registers are filled as of
at most today.
Deterministic, a handful of inserts whatever the regency size; tolerates missing data (creates nothing).
"""

from __future__ import annotations

import datetime as dt
import random
from types import SimpleNamespace

from sqlalchemy import select, true

from app import jam
from app.queries.tindak_lanjut import buat_entri_sanksi, tandai_penghargaan
from app.rules import JenisASN, JenisJabatan, Predikat, Rating, StatusDokumen, StatusSKP
from schema.models import SKP, EvaluasiKinerja, Jabatan, Pegawai
from seeds.demo import pilih_pegawai_demo

_JA = (JenisJabatan.ADMINISTRATOR.value, JenisJabatan.PENGAWAS.value, JenisJabatan.PELAKSANA.value)


def _tanda_tangan_tahunan(tahun: int) -> dt.datetime:
    return dt.datetime(tahun + 1, 1, 12, 9, 0)


def tahun_kasus(tahun: int, hari: dt.date) -> int:
    """The year of the demo's annual cases: ``tahun`` once its annual evaluation (signed 12 January, reported
    10 days later) can exist by ``hari``, else ``tahun - 1``."""
    return tahun if _tanda_tangan_tahunan(tahun).date() + dt.timedelta(days=10) <= hari else tahun - 1


def _skp_tahun_lalu(session, skp_id: int, tahun: int) -> int:
    """The employee's set SKP of ``tahun - 1``; inserted as a copy of this SKP when there is none."""
    t = SKP.__table__
    row = session.execute(select(t).where(t.c.id == skp_id)).mappings().one()
    ada = session.scalar(
        select(SKP.id)
        .where(SKP.pegawai_id == row["pegawai_id"], SKP.tahun == tahun - 1, SKP.aktif.is_(True))
        .order_by(SKP.id)
        .limit(1)
    )
    if ada:
        return ada
    d = {k: v for k, v in row.items() if k not in ("id",)}
    lalu = dt.datetime(tahun - 1, 1, 2, 8, 0)
    d.update(
        tahun=tahun - 1,
        dibuat_pada=lalu,
        diubah_pada=lalu,
        skp_sebelumnya_id=None,
        versi_ke=1,
        versi=1,
        status=StatusSKP.DITETAPKAN.value,
        berlaku_mulai=dt.date(tahun - 1, 1, 1),
        berlaku_selesai=dt.date(tahun - 1, 12, 31),
        tenggat_penetapan=dt.date(tahun - 1, 1, 31),
        tanggal_diajukan=dt.datetime(tahun - 1, 1, 10, 9, 0),
        tanggal_ditetapkan=dt.datetime(tahun - 1, 1, 20, 9, 0),
        alasan_perubahan_id=None,
        catatan_perubahan=None,
        diajukan_ke_atasan=False,
    )
    return session.connection().execute(t.insert().returning(t.c.id), [d]).scalar_one()


def _evaluasi(skp, tahun: int, pred: Predikat, hk: Rating, pk: Rating) -> dict:
    tt = _tanda_tangan_tahunan(tahun)
    return {
        "skp_id": skp.id,
        "pegawai_id": skp.pegawai_id,
        "unit_kerja_id": skp.unit_kerja_id,
        "penilai_id": skp.penilai_id,
        "atasan_penilai_id": skp.atasan_penilai_id,
        "jenis": "tahunan",
        "tahun": tahun,
        "periode_jenis": "tahunan",
        "periode_nomor": 0,
        "aktif": True,
        "saran_rating_hasil_kerja": hk.value,
        "rating_hasil_kerja": hk.value,
        "saran_rating_perilaku": pk.value,
        "rating_perilaku": pk.value,
        "predikat": pred.value,
        "catatan_rekomendasi": (
            "Dipertahankan; prioritas pengembangan kompetensi."
            if pred is Predikat.SANGAT_BAIK
            else "Perlu perbaikan perilaku kerja dalam 6 bulan."
        ),
        "status_dokumen": StatusDokumen.DIKEMBALIKAN.value,
        "format_dokumen": "D.1.1",
        "dinilai_oleh": "penilai",
        "is_final": False,
        "tanggal_ditandatangani": tt,
        "tanggal_disampaikan": tt.date() + dt.timedelta(days=2),
        "tanggal_diterima": tt.date() + dt.timedelta(days=3),
        "tanggal_dikembalikan": tt.date() + dt.timedelta(days=6),
        "tanggal_dilaporkan": tt.date() + dt.timedelta(days=10),
        "tenggat_laporan": dt.date(tahun + 1, 2, 12),
        "versi": 1,
        "dibuat_pada": tt - dt.timedelta(days=3),
        "diubah_pada": tt + dt.timedelta(days=10),
    }


def generate(session, seed: int, tahun: int = 2026) -> dict[str, int]:

    rng = random.Random(f"kinerja-tindak-lanjut:{seed}:{tahun}")
    hari = jam.hari_ini()
    akhir = tahun_kasus(tahun, hari)
    try:
        demo = pilih_pegawai_demo(session)
    except LookupError:
        return {"tindak_lanjut": 0}
    skp = session.execute(
        select(
            SKP.id,
            SKP.pegawai_id,
            SKP.unit_kerja_id,
            SKP.penilai_id,
            SKP.atasan_penilai_id,
            Jabatan.jenis,
            Pegawai.jenis_asn,
        )
        .join(Jabatan, Jabatan.id == SKP.jabatan_id)
        .join(Pegawai, Pegawai.id == SKP.pegawai_id)
        .where(
            SKP.tahun == tahun,
            SKP.aktif.is_(True),
            SKP.status == StatusSKP.DITETAPKAN.value,
            SKP.penilai_id.is_not(None),
            SKP.ditetapkan_kepala_daerah.is_(False),
        )
        .order_by(SKP.id)
    ).all()
    sudah = set(
        session.scalars(
            select(EvaluasiKinerja.pegawai_id).where(
                EvaluasiKinerja.jenis == "tahunan",
                EvaluasiKinerja.tahun.in_((akhir - 1, akhir)),
                EvaluasiKinerja.aktif.is_(True),
            )
        )
    )
    skp = [s for s in skp if s.pegawai_id not in sudah]
    # subordinates of the demo evaluator first, so that the penilai/atasan demo users see both cases
    bawahan_demo = [s for s in skp if s.penilai_id == demo["penilai"]]
    sb = (
        next((s for s in bawahan_demo if s.pegawai_id == demo["pegawai"]), None)
        or next((s for s in bawahan_demo if s.pegawai_id not in demo.values()), None)
        or next((s for s in skp if s.pegawai_id not in demo.values()), None)
    )
    pns = tuple(m.value for m in JenisASN if m is not JenisASN.PPPK)
    calon = [
        s
        for s in skp
        if s.jenis in _JA
        and s.jenis_asn in pns
        and (sb is None or s.pegawai_id != sb.pegawai_id)
        and s.pegawai_id not in demo.values()
    ]
    bawahan = [s for s in calon if s.penilai_id == demo["penilai"]]
    pool = bawahan or calon
    kurang = rng.choice(pool) if pool else None
    rows = []

    def pada(s, y: int):  # the SKP of year y (copied back from this year's when needed)
        sid = s.id
        for th in range(tahun, y, -1):
            sid = _skp_tahun_lalu(session, sid, th)
        return SimpleNamespace(**{**s._asdict(), "id": sid})

    if sb is not None:
        rows.append(_evaluasi(pada(sb, akhir - 1), akhir - 1, Predikat.SANGAT_BAIK, Rating.DIATAS, Rating.DIATAS))
        rows.append(_evaluasi(pada(sb, akhir), akhir, Predikat.SANGAT_BAIK, Rating.DIATAS, Rating.DIATAS))
    if kurang is not None:
        # 001 Lampiran "Evaluasi Kinerja" B.3: hasil Sesuai × perilaku Di Bawah → Kurang (Misconduct)
        rows.append(_evaluasi(pada(kurang, akhir), akhir, Predikat.KURANG, Rating.SESUAI, Rating.DIBAWAH))
    if not rows:
        return {"tindak_lanjut": 0}
    session.connection().execute(EvaluasiKinerja.__table__.insert(), rows)
    ids = [r["pegawai_id"] for r in rows]
    klausa = EvaluasiKinerja.pegawai_id.in_(ids) if ids else true()
    penghargaan = tandai_penghargaan(akhir, klausa, session=session)
    sanksi, _ = buat_entri_sanksi(akhir, klausa, hari=min(dt.date(akhir + 1, 2, 1), hari), session=session)
    return {"evaluasi_tahunan": len(rows), "penghargaan": penghargaan, "tindak_lanjut_sanksi": sanksi}
