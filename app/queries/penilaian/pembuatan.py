"""Creating evaluations from a set SKP, one by one or per period (set-based)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import and_, or_, select

from app import jam
from app.format import tanggal_saja
from app.queries.penilaian.capaian import baris_capaian, capaian_dari, capaian_untuk
from app.queries.penilaian.kalender import (
    akhir_tugas_pegawai,
    batas_ev,
    batas_penilai,
    cuti_bersama,
    hari_kerja_awal_evaluasi,
    jenis_periode,
    label_periode,
    periode,
    periode_ev,
    waktu_ev,
)
from app.queries.penilaian.kewenangan import penilai_sah_massal, sinkron_draf, sinkron_penilai
from app.queries.penilaian.umum import SD, SKP_BERLAKU, GalatPenilaian, sesi
from app.rules import JenisEvaluasi, JenisPeriode, StatusPegawai, waktu_evaluasi
from app.rules.waktu import tenggat_laporan_pyb
from schema.enums import DinilaiOleh
from schema.models import SKP, EvaluasiKinerja, MutasiPegawai, Pegawai, RatingRHK, RencanaHasilKerja


def _jenis_periode_ev(jenis: str, tahun: int, session=None) -> tuple[str, int | None]:
    if jenis == JenisEvaluasi.TAHUNAN.value:
        return JenisPeriode.TAHUNAN.value, 0
    return jenis_periode(tahun, session).value, None


def memakai_hasil_lama(ev) -> bool:
    """A draft that takes over the previous result by agreement (001 "Evaluasi Kinerja" 13 a)."""
    return bool(ev.evaluasi_sebelumnya_id) and ev.format_dokumen != "D.1.3"


def hasil_sebelumnya(
    pegawai_id: int, tahun: int, sebelum: dt.date, jabatan_kini: int | None = None, session=None
) -> EvaluasiKinerja | None:
    """The employee's latest signed result before ``sebelum`` in the old position (SKP of another jabatan than
    ``jabatan_kini``): a periodic one of the year, else last year's annual one (contoh Sari: "hasil evaluasi
    kinerja tahun sebelumnya, karena mutasi di awal tahun")."""
    s = sesi(session)
    calon = s.scalars(
        select(EvaluasiKinerja).where(
            EvaluasiKinerja.pegawai_id == pegawai_id,
            EvaluasiKinerja.aktif.is_(True),
            EvaluasiKinerja.skp_id.in_(
                select(SKP.id).where(SKP.pegawai_id == pegawai_id, SKP.jabatan_id != (jabatan_kini or 0))
            ),
            EvaluasiKinerja.status_dokumen != SD.DRAF.value,
            EvaluasiKinerja.predikat.is_not(None),
            or_(
                and_(EvaluasiKinerja.tahun == tahun, EvaluasiKinerja.jenis == JenisEvaluasi.PERIODIK.value),
                and_(EvaluasiKinerja.tahun == tahun - 1, EvaluasiKinerja.jenis == JenisEvaluasi.TAHUNAN.value),
            ),
        )
    ).all()
    calon = [e for e in calon if (periode_ev(e).akhir < sebelum if e.tahun == tahun else True)]
    return max(calon, key=lambda e: (e.tahun, periode_ev(e).akhir), default=None)


def _pakai_hasil_lama(ev, skp, s) -> None:
    """Sari, by agreement: the new evaluator's periodic evaluation takes over the previous result."""
    if ev.jenis != JenisEvaluasi.PERIODIK.value:
        raise GalatPenilaian(
            "Hasil evaluasi periode sebelumnya hanya dapat dipakai untuk evaluasi periodik "
            '(001 Lampiran "Evaluasi Kinerja" 13 a); evaluasi tahunan oleh pejabat penilai yang baru.'
        )
    p = periode_ev(ev)
    pindah = s.scalar(
        select(MutasiPegawai.tanggal_efektif)
        .where(
            MutasiPegawai.pegawai_id == skp.pegawai_id,
            MutasiPegawai.jabatan_tujuan_id == skp.jabatan_id,
            MutasiPegawai.tanggal_efektif <= p.akhir,
        )
        .order_by(MutasiPegawai.tanggal_efektif.desc())
        .limit(1)
    )
    if pindah is None:
        raise GalatPenilaian(
            "Hasil evaluasi periode sebelumnya hanya dipakai bagi pegawai yang pindah ke jabatan ini "
            "(catat mutasinya lebih dahulu)."
        )
    lama = hasil_sebelumnya(skp.pegawai_id, ev.tahun, p.mulai, skp.jabatan_id, s)
    if lama is None:
        raise GalatPenilaian("Tidak ada hasil evaluasi sebelumnya yang sudah ditandatangani untuk dipakai.")
    for kol in (
        "saran_rating_hasil_kerja",
        "rating_hasil_kerja",
        "alasan_rating_hasil_kerja",
        "saran_rating_perilaku",
        "rating_perilaku",
        "alasan_rating_perilaku",
        "predikat",
        "predikat_ipk",
    ):
        setattr(ev, kol, getattr(lama, kol))
    ev.evaluasi_sebelumnya_id = lama.id
    ev.catatan_rekomendasi = (
        f"Sesuai kesepakatan Pejabat Penilai Kinerja dan Pegawai, dipakai hasil evaluasi "
        f"{label_periode(lama)} pada unit lama (pindah {tanggal_saja(pindah)}; 001 Lampiran "
        '"Evaluasi Kinerja" 13 a).'
    )


def buat_evaluasi(
    skp: SKP, jenis: str, nomor: int | None, session=None, sepakat_hasil_lama: bool = False
) -> EvaluasiKinerja:
    s = sesi(session)
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
    ada = s.scalar(
        select(EvaluasiKinerja.id).where(
            EvaluasiKinerja.pegawai_id == skp.pegawai_id,
            EvaluasiKinerja.jenis == jenis,
            EvaluasiKinerja.tahun == skp.tahun,
            EvaluasiKinerja.periode_nomor == n,
            EvaluasiKinerja.aktif.is_(True),
        )
    )
    if ada:
        raise GalatPenilaian("Evaluasi untuk pegawai dan periode ini sudah ada.")
    cuti = cuti_bersama(s)
    kd = bool(skp.ditetapkan_kepala_daerah)  # JPT / unit-mandiri head: the Kepala Daerah evaluates (R7, 001 "E.K." 12)
    ev = EvaluasiKinerja(
        skp_id=skp.id,
        pegawai_id=skp.pegawai_id,
        unit_kerja_id=skp.unit_kerja_id,
        penilai_id=None if kd else skp.penilai_id,
        atasan_penilai_id=None if kd else skp.atasan_penilai_id,
        jenis=jenis,
        tahun=skp.tahun,
        periode_jenis=pj,
        periode_nomor=n,
        aktif=True,
        status_dokumen=SD.DRAF.value,
        format_dokumen="D.1.1",
        dinilai_oleh=(DinilaiOleh.KEPALA_DAERAH if kd else DinilaiOleh.PENILAI).value,
        is_final=False,
    )
    ev.tenggat_laporan = tenggat_laporan_pyb(batas_ev(ev), cuti)
    cap = capaian_untuk(ev, session=s)
    ev.capaian_organisasi = cap.capaian.value if cap.capaian else None
    ev.capaian_tahun = cap.tahun
    s.add(ev)
    s.flush()
    b = penilai_sah_massal([ev], session=s)[ev.id]
    if b.pegawai_pindah:  # contoh Sari: not on the old SKP
        raise GalatPenilaian(b.penjelasan)
    w = waktu_ev(
        ev,
        jam.hari_ini(),
        cuti,
        hari_kerja_awal_evaluasi(ev.tahun, s),
        b.tanggal_mutasi,
        akhir_tugas_pegawai([ev.pegawai_id], s).get(ev.pegawai_id, (None, None)),
    )
    if not w.boleh:
        raise GalatPenilaian(w.alasan)
    if sepakat_hasil_lama:
        _pakai_hasil_lama(ev, skp, s)
    for rid in s.scalars(
        select(RencanaHasilKerja.id).where(RencanaHasilKerja.skp_id == skp.id).order_by(RencanaHasilKerja.urutan)
    ):
        s.add(RatingRHK(evaluasi_id=ev.id, rhk_id=rid))
    s.flush()
    sinkron_penilai([ev], s)
    return ev


def buat_evaluasi_periode(tahun: int, jenis: str, nomor: int | None, klausa_skp, session=None) -> int:
    """Draft evaluations for every SKP in force (``klausa_skp`` = the user's SKP scope) lacking one for the
    period: a fixed number of statements whatever the number of employees."""
    s = sesi(session)
    jenis = JenisEvaluasi.coerce(jenis).value
    pj, n = _jenis_periode_ev(jenis, tahun, s)
    if n is None:
        n = int(nomor)
        periode(jenis, tahun, pj, n)
    ada = select(EvaluasiKinerja.pegawai_id).where(
        EvaluasiKinerja.jenis == jenis,
        EvaluasiKinerja.tahun == tahun,
        EvaluasiKinerja.periode_nomor == n,
        EvaluasiKinerja.aktif.is_(True),
    )

    p_ev = periode(jenis, tahun, pj, n)
    akhir = p_ev.akhir
    # exceptions (an evaluator leaving within the window) are per person: "Buat evaluasi" one by one
    w = waktu_evaluasi(
        p_ev, jam.hari_ini(), hari_kerja_awal=hari_kerja_awal_evaluasi(tahun, s), cuti_bersama=cuti_bersama(s)
    )
    if not w.boleh:
        raise GalatPenilaian(
            w.alasan + ' Evaluasi lebih awal karena pejabat penilai pindah dibuat satu per satu lewat "Buat evaluasi".'
        )
    # contoh Sari: an employee who left the SKP's position by the period's end is evaluated on the new SKP
    pindah = (
        select(MutasiPegawai.id)
        .where(
            MutasiPegawai.pegawai_id == SKP.pegawai_id,
            MutasiPegawai.jabatan_asal_id == SKP.jabatan_id,
            MutasiPegawai.tanggal_efektif <= akhir,
        )
        .exists()
    )
    skp_rows = s.execute(
        select(
            SKP.id,
            SKP.pegawai_id,
            SKP.unit_kerja_id,
            SKP.penilai_id,
            SKP.atasan_penilai_id,
            SKP.ditetapkan_kepala_daerah,
        )
        .where(
            SKP.tahun == tahun,
            SKP.aktif.is_(True),
            SKP.status.in_(SKP_BERLAKU),
            klausa_skp,
            SKP.pegawai_id.not_in(ada),
            ~pindah,
        )
        .order_by(SKP.id)
    ).all()
    if not skp_rows:
        return 0
    penilai_ids = {r.penilai_id for r in skp_rows if r.penilai_id}
    unit_penilai = (
        dict(s.execute(select(Pegawai.id, Pegawai.unit_kerja_id).where(Pegawai.id.in_(penilai_ids))).all())
        if penilai_ids
        else {}
    )
    units = {
        (None if r.ditetapkan_kepala_daerah else unit_penilai.get(r.penilai_id)) or r.unit_kerja_id for r in skp_rows
    }
    cap_rows = baris_capaian(units, tahun, s)
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
            memo[u] = capaian_dari(cap_rows, u, jenis, tahun, pj, n, tgl)
        c = memo[u]
        rows.append(
            {
                "skp_id": r.id,
                "pegawai_id": r.pegawai_id,
                "unit_kerja_id": r.unit_kerja_id,
                "penilai_id": None if kd else r.penilai_id,
                "atasan_penilai_id": None if kd else r.atasan_penilai_id,
                "jenis": jenis,
                "tahun": tahun,
                "periode_jenis": pj,
                "periode_nomor": n,
                "aktif": True,
                "capaian_organisasi": c.capaian.value if c.capaian else None,
                "capaian_tahun": c.tahun,
                "status_dokumen": SD.DRAF.value,
                "format_dokumen": "D.1.1",
                "dinilai_oleh": (DinilaiOleh.KEPALA_DAERAH if kd else DinilaiOleh.PENILAI).value,
                "is_final": False,
                "tenggat_laporan": lapor,
                "versi": 1,
                "dibuat_pada": now,
                "diubah_pada": now,
            }
        )
    conn = s.connection()
    t = EvaluasiKinerja.__table__
    for i in range(0, len(rows), 5000):
        conn.execute(t.insert(), rows[i : i + 5000])
    # one rating row per RHK of each new evaluation (INSERT … SELECT)
    e = EvaluasiKinerja.__table__
    rh = RencanaHasilKerja.__table__
    rr = RatingRHK.__table__
    sel = (
        select(e.c.id, rh.c.id)
        .join(rh, rh.c.skp_id == e.c.skp_id)
        .where(
            e.c.jenis == jenis,
            e.c.tahun == tahun,
            e.c.periode_nomor == n,
            e.c.aktif.is_(True),
            ~select(rr.c.id).where(rr.c.evaluasi_id == e.c.id).exists(),
        )
    )
    conn.execute(rr.insert().from_select(["evaluasi_id", "rhk_id"], sel))
    # R15: drafts whose recorded evaluator moved or is absent go to the designated evaluator (bounded set)
    sinkron_draf(
        and_(
            e.c.jenis == jenis,
            e.c.tahun == tahun,
            e.c.periode_nomor == n,
            or_(
                e.c.penilai_id.in_(select(MutasiPegawai.pegawai_id)),
                e.c.penilai_id.in_(select(Pegawai.id).where(Pegawai.status != StatusPegawai.AKTIF.value)),
            ),
        ),
        s,
    )
    return len(rows)
