"""Demo Layanan Coaching Clinic SKP (004 BAB III C): a team at BKPSDM, slots, sessions in every state,
unit requests in every state, survey questions and anonymous answers.

Runs after seeds.demo_perencanaan (draft SKPs to attach). Deterministic (random.Random); the volume does not grow
with the number of employees (tens of rows; participants of the unit visit are capped). No commit here.
"""

from __future__ import annotations

import datetime as dt
import random

from sqlalchemy import func, insert, select

from app import jam
from app.queries.pemantauan import cte_puncak
from app.queries.perencanaan import BISA_DISUSUN, STATUS_WAJIB_SKP
from app.rules import JenisJabatan, StatusPegawai
from schema.models import (
    SKP,
    Instansi,
    Jabatan,
    KlinikAnggota,
    KlinikJawabanSurvei,
    KlinikPermohonan,
    KlinikPertanyaanSurvei,
    KlinikPeserta,
    KlinikSesi,
    KlinikSlot,
    KlinikSurveiToken,
    KlinikTanyaJawab,
    KlinikTim,
    Pegawai,
    UnitKerja,
)
from seeds.demo import KODE_BKPSDM, _subpohon, pilih_pegawai_demo

J = JenisJabatan
PERTANYAAN = (
    "Kemudahan memesan jadwal layanan coaching clinic",
    "Kejelasan penjelasan anggota tim tentang penyusunan SKP",
    "Kesesuaian waktu layanan dengan jadwal yang disepakati",
    "Manfaat layanan bagi penyusunan SKP Anda",
    "Keramahan dan kesopanan petugas",
)
URUTAN = {
    J.JPT_UTAMA.value: 1,
    J.JPT_MADYA.value: 1,
    J.JPT_PRATAMA.value: 1,
    J.ADMINISTRATOR.value: 2,
    J.PENGAWAS.value: 3,
    J.FUNGSIONAL.value: 4,
    J.PELAKSANA.value: 5,
}


def _bkpsdm(session) -> set[int]:

    units = session.execute(select(UnitKerja.id, UnitKerja.induk_id, UnitKerja.kode)).all()
    akar = {uid for uid, induk, kode in units if kode == KODE_BKPSDM and induk is None}
    return _subpohon([(u, i) for u, i, _k in units], akar)


def _calon_tim(session) -> list[int]:
    """Active BKPSDM staff not used by the other demo logins, in id order."""

    dipakai = set(pilih_pegawai_demo(session).values())
    unit = _bkpsdm(session)
    rows = session.execute(
        select(Pegawai.id, Pegawai.unit_kerja_id, Jabatan.jenis)
        .join(Jabatan, Jabatan.id == Pegawai.jabatan_id)
        .where(Pegawai.status == StatusPegawai.AKTIF.value)
        .order_by(Pegawai.id)
    ).all()
    staf = [
        pid
        for pid, uid, jn in rows
        if uid in unit and pid not in dipakai and jn in (J.PELAKSANA.value, J.FUNGSIONAL.value, J.PENGAWAS.value)
    ]
    if not staf:  # tiny regencies: anyone of BKPSDM, then anyone at all
        staf = [pid for pid, uid, _jn in rows if uid in unit and pid not in dipakai] or [
            pid for pid, _u, _j in rows if pid not in dipakai
        ]
    return staf


def pilih_pegawai_klinik(session) -> int | None:
    """The employee behind the demo login ``klinik`` (role Tim Klinik SKP): BKPSDM staff, not another demo user."""
    calon = _calon_tim(session)
    return calon[0] if calon else None


def _pengelola_unit(session) -> tuple[int | None, int | None]:
    """(pegawai id, perangkat daerah id) of a unit administrator: head of a Subbagian Umum dan Kepegawaian, else
    of a secretariat (app/queries/klinik.py), whose perangkat daerah is not BKPSDM."""
    bk = _bkpsdm(session)
    induk = dict(session.execute(select(UnitKerja.id, UnitKerja.induk_id)).all())

    def puncak(u):
        seen = set()
        while induk.get(u) is not None and u not in seen:
            seen.add(u)
            u = induk[u]
        return u

    rows = session.execute(
        select(Pegawai.id, UnitKerja.id, UnitKerja.nama, UnitKerja.is_sekretariat)
        .join(Jabatan, Jabatan.id == Pegawai.jabatan_id)
        .join(UnitKerja, UnitKerja.id == Jabatan.unit_kerja_id)
        .where(Jabatan.is_kepala_unit.is_(True), Pegawai.status == StatusPegawai.AKTIF.value)
        .order_by(Pegawai.id)
    ).all()
    umum = [(p, u) for p, u, n, _s in rows if "umum" in n.lower() and "kepegawaian" in n.lower() and u not in bk]
    sek = [(p, u) for p, u, _n, s in rows if s and u not in bk]
    for p, u in umum + sek:
        return p, puncak(u)
    return None, None


def generate(session, seed: int, tahun: int = 2026) -> dict[str, int]:
    rng = random.Random(f"kinerja-klinik:{seed}:{tahun}")
    instansi_id = session.scalar(select(Instansi.id).order_by(Instansi.id).limit(1))
    if instansi_id is None:
        return {"klinik_sesi": 0}
    calon = _calon_tim(session)
    if len(calon) < 2:
        return {"klinik_sesi": 0}
    anggota_p = calon[:3]
    t0 = dt.datetime(tahun, 1, 2, 8, 0)

    # -- questions (configurable; these are the defaults a region starts from) ------------------------------
    if not session.scalar(select(func.count()).select_from(KlinikPertanyaanSurvei)):
        session.execute(
            insert(KlinikPertanyaanSurvei),
            [
                {
                    "urutan": i,
                    "teks": t,
                    "skala_min": 1,
                    "skala_maks": 4,
                    "label_min": "Tidak puas",
                    "label_maks": "Sangat puas",
                    "aktif": True,
                    "dibuat_pada": t0,
                    "diubah_pada": t0,
                }
                for i, t in enumerate(PERTANYAAN, 1)
            ],
        )
    tanya = session.scalars(select(KlinikPertanyaanSurvei.id).order_by(KlinikPertanyaanSurvei.urutan)).all()

    tim = KlinikTim(
        instansi_id=instansi_id,
        nama="Tim Coaching Clinic SKP BKPSDM",
        nomor_sk=f"800.1.6/{rng.randint(10, 99)}/BKPSDM/{tahun}",
        tanggal_sk=dt.date(tahun, 1, 2),
        aktif=True,
        dibuat_pada=t0,
        diubah_pada=t0,
    )
    session.add(tim)
    session.flush()
    anggota = [
        KlinikAnggota(tim_id=tim.id, pegawai_id=p, aktif=True, dibuat_pada=t0, diubah_pada=t0) for p in anggota_p
    ]
    session.add_all(anggota)
    session.flush()

    # -- slots: past ones (January, the drafting month) and open ones from three days after today ----------

    depan0 = jam.hari_ini() + dt.timedelta(days=3)  # the schedule looks forward from the app's today

    def slot(a: KlinikAnggota, hari: dt.date, jam: int) -> KlinikSlot:
        s = KlinikSlot(
            anggota_id=a.id,
            mulai=dt.datetime.combine(hari, dt.time(jam)),
            selesai=dt.datetime.combine(hari, dt.time(jam + 1)),
            tempat="Kantor BKPSDM",
            dibuat_pada=t0,
            diubah_pada=t0,
        )
        session.add(s)
        return s

    lalu = [slot(anggota[i % len(anggota)], dt.date(tahun, 1, 12 + (i // 3)), 9 + (i % 3)) for i in range(9)]
    depan = [slot(anggota[i % len(anggota)], depan0 + dt.timedelta(days=i // 3), 9 + (i % 3)) for i in range(12)]
    session.flush()

    # -- individual sessions: employees with a draft SKP, then other employees ------------------------------

    demo = pilih_pegawai_demo(session)
    hindari = set(anggota_p) | set(demo.values())
    draf = session.execute(
        select(SKP.pegawai_id, SKP.id, SKP.versi)
        .where(SKP.tahun == tahun, SKP.aktif.is_(True), SKP.status.in_(BISA_DISUSUN))
        .order_by(SKP.id)
        .limit(40)
    ).all()
    draf = [r for r in draf if r[0] not in hindari]
    rng.shuffle(draf)
    pemesan = [(p, sid, v) for p, sid, v in draf[:8]]
    # the demo "pegawai" login has a finished session whose survey is still waiting for them
    pemesan.insert(0, (demo["pegawai"], None, None))

    def sesi_individu(p, skp_id, versi, sl: KlinikSlot, status: str, **kw) -> KlinikSesi:
        s = KlinikSesi(
            jenis="individu",
            pegawai_id=p,
            anggota_id=sl.anggota_id,
            slot_id=sl.id,
            mulai=sl.mulai,
            selesai=sl.selesai,
            tempat=sl.tempat,
            status=status,
            skp_id=skp_id,
            dibuat_pada=t0,
            diubah_pada=t0,
            **kw,
        )
        session.add(s)
        return s

    catatan = (
        "RHK belum menunjukkan hasil (masih berupa uraian tugas); IKI belum terukur.",
        "Target kuantitas belum memiliki satuan; RHK belum dikaitkan dengan RHK pimpinan.",
        "Perilaku kerja dan ekspektasi khusus pimpinan belum dibahas dengan atasan.",
    )
    selesai_sesi = []
    for i, (p, sid, v) in enumerate(pemesan[:6]):
        s = sesi_individu(
            p,
            sid,
            v,
            lalu[i],
            "selesai",
            skp_versi_awal=v,
            skp_versi_akhir=v,
            dibuka_pada=lalu[i].mulai,
            ditutup_pada=lalu[i].selesai,
            catatan="Membahas draf SKP dan menyusun RHK serta IKI bersama pegawai.",
            masalah_ditemukan=catatan[i % len(catatan)],
        )
        selesai_sesi.append(s)
    # cancelled, rescheduled (→ a new booking), ongoing, booked
    rest = pemesan[6:] + [(p, None, None) for p, _s, _v in draf[8:12]]
    while len(rest) < 4:
        rest.append((calon[-1], None, None))
    sesi_individu(rest[0][0], rest[0][1], None, lalu[6], "dibatalkan", alasan_batal="Berhalangan hadir.")
    lama = sesi_individu(rest[1][0], rest[1][1], None, lalu[7], "dijadwalkan_ulang")
    session.flush()
    sesi_individu(rest[1][0], rest[1][1], None, depan[0], "dipesan", sesi_asal_id=lama.id)
    sesi_individu(
        rest[2][0], rest[2][1], rest[2][2], lalu[8], "berlangsung", dibuka_pada=lalu[8].mulai, skp_versi_awal=rest[2][2]
    )
    sesi_individu(rest[3][0], rest[3][1], None, depan[1], "dipesan")
    session.flush()

    # -- unit requests, one per state -------------------------------------------------------------------
    admin_p, unit_id = _pengelola_unit(session)
    pd = session.execute(
        select(UnitKerja.id, UnitKerja.nama).where(UnitKerja.induk_id.is_(None)).order_by(UnitKerja.kode)
    ).all()
    bk = _bkpsdm(session)
    pd = [(u, n) for u, n in pd if u not in bk]
    if unit_id is None and pd:
        unit_id = pd[0][0]
    lain = [u for u, _n in pd if u != unit_id] or [unit_id]
    pyb_nama = session.scalar(select(Pegawai.nama).where(Pegawai.id == demo["pyb"]))

    def permohonan(u, i, status, **kw) -> KlinikPermohonan:
        p = KlinikPermohonan(
            unit_kerja_id=u,
            pemohon_id=admin_p if u == unit_id else None,
            diajukan_oleh="operator" if u != unit_id else None,
            nomor_surat=f"800/{100 + i}/UMPEG/{tahun}",
            tanggal_surat=dt.date(tahun, 1, 5 + i),
            status=status,
            dibuat_pada=t0,
            diubah_pada=t0,
            **kw,
        )
        session.add(p)
        return p

    disp = {
        "tim_id": tim.id,
        "disposisi_oleh_id": demo["pyb"],
        "disposisi_oleh_nama": pyb_nama,
        "catatan_disposisi": "Untuk difasilitasi.",
    }
    p_selesai = permohonan(unit_id, 0, "selesai", tanggal_disposisi=dt.datetime(tahun, 1, 6, 10), **disp)
    permohonan(lain[0 % len(lain)], 1, "diajukan")
    permohonan(lain[1 % len(lain)], 2, "didisposisi", tanggal_disposisi=dt.datetime(tahun, 11, 2, 10), **disp)
    p_jadwal = permohonan(
        lain[2 % len(lain)], 3, "dijadwalkan", tanggal_disposisi=dt.datetime(tahun, 11, 3, 10), **disp
    )
    session.flush()
    kunjungan = KlinikSesi(
        jenis="unit",
        unit_kerja_id=unit_id,
        permohonan_id=p_selesai.id,
        anggota_id=anggota[0].id,
        mulai=dt.datetime(tahun, 1, 15, 9),
        selesai=dt.datetime(tahun, 1, 15, 12),
        tempat="Aula unit",
        status="selesai",
        dibuka_pada=dt.datetime(tahun, 1, 15, 9),
        ditutup_pada=dt.datetime(tahun, 1, 15, 12),
        materi="Ringkasan PermenPANRB 6/2022: siklus kinerja, SKP, kaskade.",
        catatan="Praktik penyusunan SKP dimulai dari kepala perangkat daerah berdasarkan Perjanjian "
        "Kinerja, dilanjutkan administrator sampai pelaksana.",
        masalah_ditemukan="Sebagian RHK staf belum mengintervensi RHK pimpinan.",
        dibuat_pada=t0,
        diubah_pada=t0,
    )
    session.add(kunjungan)
    session.add(
        KlinikSesi(
            jenis="unit",
            unit_kerja_id=p_jadwal.unit_kerja_id,
            permohonan_id=p_jadwal.id,
            anggota_id=anggota[1 % len(anggota)].id,
            mulai=dt.datetime.combine(depan0 + dt.timedelta(days=8), dt.time(9)),
            selesai=dt.datetime.combine(depan0 + dt.timedelta(days=8), dt.time(12)),
            tempat="Aula unit",
            status="dipesan",
            dibuat_pada=t0,
            diubah_pada=t0,
        )
    )
    session.flush()

    # participants of the finished visit, in the practice order, capped

    p = cte_puncak()
    peserta = session.execute(
        select(Pegawai.id, Jabatan.nama, Jabatan.jenis)
        .join(p, p.c.id == Pegawai.unit_kerja_id)
        .join(Jabatan, Jabatan.id == Pegawai.jabatan_id)
        .where(p.c.puncak == unit_id, Pegawai.status.in_(STATUS_WAJIB_SKP))
        .order_by(Pegawai.id)
        .limit(40)
    ).all()
    if peserta:
        session.execute(
            insert(KlinikPeserta),
            [
                {
                    "sesi_id": kunjungan.id,
                    "pegawai_id": pid,
                    "jabatan_nama": nama,
                    "jenis_jabatan": jn,
                    "urutan_praktik": URUTAN.get(jn, 9),
                    "hadir": rng.random() > 0.1,
                    "dibuat_pada": t0,
                    "diubah_pada": t0,
                }
                for pid, nama, jn in peserta
            ],
        )
    session.add_all(
        [
            KlinikTanyaJawab(
                sesi_id=kunjungan.id,
                urutan=1,
                penanya="Peserta",
                pertanyaan="Apakah RHK pelaksana harus mengintervensi RHK pengawas langsung?",
                jawaban="Ya, RHK mengintervensi RHK atasan langsung (kaskade).",
                dibuat_pada=t0,
                diubah_pada=t0,
            ),
            KlinikTanyaJawab(
                sesi_id=kunjungan.id,
                urutan=2,
                penanya="Peserta",
                pertanyaan="Bagaimana menetapkan target kualitas?",
                jawaban="Gunakan ukuran yang dapat diverifikasi, misalnya persentase tanpa revisi.",
                dibuat_pada=t0,
                diubah_pada=t0,
            ),
        ]
    )
    session.flush()

    # -- survey tokens and anonymous answers --------------------------------------------------------------
    token, jawaban = [], []
    hadir = session.scalars(
        select(KlinikPeserta.pegawai_id)
        .where(KlinikPeserta.sesi_id == kunjungan.id, KlinikPeserta.hadir.is_(True))
        .order_by(KlinikPeserta.id)
    ).all()
    for s in selesai_sesi:
        diisi = s.pegawai_id != demo["pegawai"]
        token.append({"sesi_id": s.id, "pegawai_id": s.pegawai_id, "sudah_diisi": diisi, "dibuat_pada": s.selesai})
        if diisi:
            jawaban += [{"sesi_id": s.id, "pertanyaan_id": q, "nilai": rng.choice((3, 3, 4, 4, 4, 2))} for q in tanya]
    for i, pid in enumerate(hadir):
        diisi = i % 4 != 3
        token.append(
            {"sesi_id": kunjungan.id, "pegawai_id": pid, "sudah_diisi": diisi, "dibuat_pada": kunjungan.selesai}
        )
        if diisi:
            jawaban += [
                {"sesi_id": kunjungan.id, "pertanyaan_id": q, "nilai": rng.choice((2, 3, 3, 4, 4))} for q in tanya
            ]
    if token:
        session.execute(insert(KlinikSurveiToken), token)
    rng.shuffle(jawaban)  # answer order carries no respondent order
    if jawaban:
        session.execute(insert(KlinikJawabanSurvei), jawaban)
    session.flush()
    n_sesi = session.scalar(select(func.count()).select_from(KlinikSesi))
    return {
        "klinik_tim": 1,
        "klinik_anggota": len(anggota),
        "klinik_slot": len(lalu) + len(depan),
        "klinik_sesi": n_sesi,
        "klinik_permohonan": 4,
        "klinik_jawaban_survei": len(jawaban),
    }
