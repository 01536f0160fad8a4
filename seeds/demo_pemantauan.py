"""Demo data of Tim Pemantau Kinerja on the regency made by ``seeds.demo``.

* three city-level teams (3–5 members each) from BKPSDM and the Sekretariat Daerah — one BKPSDM-only, one
  Setda-only, one mixed — so every perangkat daerah has a team without a conflict of interest; the demo user
  ``tim``'s employee is a member (ketua) of the first;
* two unit-level teams (Dinas Kesehatan, Dinas Pendidikan) proposed by the rule ``usulkan_anggota_tim``;
* the assignment of every unit with employees for semester 1 and 2 (rule ``bagi_unit_ke_tim``), grouped as in
  ``app.queries.pemantauan`` (units one by one, conflict of interest per perangkat daerah);
* monitoring visits for part of the assigned units (more in semester 1 than 2), so the coverage page shows
  monitored and unmonitored units, and supervisors' monitoring of part of their subordinates.

Deterministic (random.Random), set-based inserts; no commit.
"""

from __future__ import annotations

import datetime as dt
import random

from sqlalchemy import insert, select

from app.rules import LevelTim, PeranTim, StatusPegawai
from app.rules.pohon import MAKS_KEDALAMAN_POHON
from app.rules.tim import AnggotaTim as A
from app.rules.tim import bagi_unit_ke_tim, usulkan_anggota_tim
from schema.models import (
    AnggotaTim,
    Instansi,
    Jabatan,
    Pegawai,
    Pemantauan,
    PemantauanPegawai,
    PenugasanTim,
    TimPemantau,
    UnitKerja,
)
from seeds.demo import pilih_pegawai_demo

KODE_INSTANSI = "KAB-DEMO"
DIPANTAU = (StatusPegawai.AKTIF.value, StatusPegawai.TUGAS_BELAJAR.value)


def _sisip(session, model, rows, kembalikan_id=False):
    if not rows:
        return []
    if kembalikan_id:
        return session.execute(insert(model).returning(model.id, sort_by_parameter_order=True), rows).scalars().all()
    session.execute(insert(model), rows)
    return []


def generate(session, seed: int, tahun: int = 2026) -> dict[str, int]:

    rng = random.Random(f"kinerja-demo-pemantauan:{seed}:{tahun}")
    instansi_id = session.scalar(select(Instansi.id).where(Instansi.kode == KODE_INSTANSI))
    if instansi_id is None:
        return {}
    dibuat = dt.datetime(tahun, 1, 3, 8, 0, 0)
    jejak = {"dibuat_pada": dibuat, "diubah_pada": dibuat}

    units = session.execute(
        select(UnitKerja.id, UnitKerja.induk_id, UnitKerja.kode, UnitKerja.is_sekretariat).where(
            UnitKerja.instansi_id == instansi_id
        )
    ).all()
    induk = {u: i for u, i, _, _ in units}
    id_kode = {k: u for u, _, k, _ in units}
    sekretariat = {u for u, _, _, s in units if s}

    def jalur(u):  # bounded like every tree walk (app.rules.pohon): a cycle in the data cannot hang the seeder
        seen = set()
        while u is not None and u not in seen and len(seen) < MAKS_KEDALAMAN_POHON:
            seen.add(u)
            yield u
            u = induk.get(u)

    puncak = {u: list(jalur(u))[-1] for u in induk}

    pegawai = session.execute(
        select(Pegawai.id, Pegawai.unit_kerja_id, Pegawai.nama, Pegawai.status, Pegawai.jabatan_id).order_by(Pegawai.id)
    ).all()
    demo = pilih_pegawai_demo(session)
    tim_demo = demo["tim"]
    lain_demo = {v for k, v in demo.items() if k != "tim"}
    aktif = [p for p in pegawai if p.status == StatusPegawai.AKTIF.value and p.unit_kerja_id in induk]

    # -- city-level teams --------------------------------------------------------------------------
    bkpsdm, setda = id_kode.get("BKPSDM"), id_kode.get("SETDA")
    calon_b = [p.id for p in aktif if puncak[p.unit_kerja_id] == bkpsdm and p.id not in lain_demo and p.id != tim_demo]
    calon_s = [p.id for p in aktif if puncak[p.unit_kerja_id] == setda and p.id not in lain_demo]
    rng.shuffle(calon_b)
    rng.shuffle(calon_s)
    tim_rows, anggota = [], []  # anggota: list of lists of (pegawai_id, peran)
    t1 = [tim_demo] + calon_b[: min(4, len(calon_b))]
    sisa_b = calon_b[len(t1) - 1 :]
    t2 = calon_s[: min(4, max(3, len(calon_s) // 2))]
    sisa_s = calon_s[len(t2) :]
    t3 = (sisa_b[:2] + sisa_s[:2]) if len(sisa_b) + len(sisa_s) >= 3 else []
    if len(t3) < 3:
        t3 = (sisa_b + sisa_s)[:3]
    for i, (nama, daftar) in enumerate(
        (
            ("Tim Pemantau Kinerja Kota I (BKPSDM)", t1),
            ("Tim Pemantau Kinerja Kota II (Sekretariat Daerah)", t2),
            ("Tim Pemantau Kinerja Kota III (Gabungan)", t3),
        ),
        1,
    ):
        if len(daftar) < 3:
            continue
        tim_rows.append(
            {
                "instansi_id": instansi_id,
                "level": LevelTim.KOTA.value,
                "unit_kerja_id": None,
                "nama": nama,
                "nomor_sk": f"800.1.3.3/{100 + i}/BKPSDM/{tahun}",
                "tanggal_sk": dt.date(tahun, 1, 5),
                "aktif": True,
                **jejak,
            }
        )
        anggota.append(
            [
                (
                    pid,
                    PeranTim.KETUA.value if k == 0 else PeranTim.SEKRETARIS.value if k == 1 else PeranTim.ANGGOTA.value,
                )
                for k, pid in enumerate(daftar)
            ]
        )
    n_kota = len(tim_rows)

    # -- unit-level teams (proposed by the rule) ---------------------------------------------------
    for kd in ("DINKES", "DISDIK"):
        akar = id_kode.get(kd)
        if akar is None:
            continue
        calon = []
        for p in aktif:
            jl = list(jalur(p.unit_kerja_id))
            if akar in jl and p.id not in lain_demo and p.id != tim_demo:
                sek = any(u in sekretariat for u in jl[: jl.index(akar)])
                calon.append(A(p.id, akar, sek, p.nama))
        try:
            pilih = usulkan_anggota_tim(calon, akar, jumlah=4)
        except ValueError:
            continue
        tim_rows.append(
            {
                "instansi_id": instansi_id,
                "level": LevelTim.UNIT.value,
                "unit_kerja_id": akar,
                "nama": f"Tim Pemantau Kinerja Unit {kd}",
                "nomor_sk": f"800.1.3.3/21/{kd}/{tahun}",
                "tanggal_sk": dt.date(tahun, 1, 9),
                "aktif": True,
                **jejak,
            }
        )
        anggota.append(
            [(a.pegawai_id, PeranTim.KETUA.value if k == 0 else PeranTim.ANGGOTA.value) for k, a in enumerate(pilih)]
        )
    tim_ids = _sisip(session, TimPemantau, tim_rows, kembalikan_id=True)
    _sisip(
        session,
        AnggotaTim,
        [
            {"tim_id": t, "pegawai_id": pid, "peran": peran, **jejak}
            for t, daftar in zip(tim_ids, anggota)
            for pid, peran in daftar
        ],
    )

    # -- assignment of every unit with employees, both semesters ----------------------------------
    pd_peg = {p.id: puncak[p.unit_kerja_id] for p in pegawai if p.unit_kerja_id in induk}
    jumlah: dict[int, int] = {}
    for p in pegawai:
        if p.status in DIPANTAU and p.unit_kerja_id in induk:
            jumlah[p.unit_kerja_id] = jumlah.get(p.unit_kerja_id, 0) + 1
    kota = tim_ids[:n_kota]
    konflik = {}
    for t, daftar in zip(kota, anggota[:n_kota]):
        pds = {pd_peg[pid] for pid, _ in daftar}
        konflik[t] = {u for u in jumlah if puncak[u] in pds}
    hasil = bagi_unit_ke_tim(konflik, jumlah) if kota else {}
    tugas_rows = [
        {"tim_id": t, "unit_kerja_id": u, "tahun": tahun, "semester": s, "jumlah_pegawai": jumlah[u], **jejak}
        for s in (1, 2)
        for u, t in sorted(hasil.items())
    ]
    _sisip(session, PenugasanTim, tugas_rows)

    # -- monitoring visits: ~60 % of units in semester 1, ~30 % in semester 2 ------------------------
    ketua = {t: daftar[0][0] for t, daftar in zip(tim_ids, anggota)}
    kunjungan = []
    for _s, porsi, awal, hari in ((1, 0.6, dt.date(tahun, 2, 1), 140), (2, 0.3, dt.date(tahun, 7, 15), 90)):
        for u, t in sorted(hasil.items()):
            if rng.random() < porsi:
                n_skp = max(1, int(jumlah[u] * rng.uniform(0.3, 1.0)))
                rekom = rng.random() < 0.15
                kunjungan.append(
                    {
                        "tim_id": t,
                        "unit_kerja_id": u,
                        "tanggal": awal + dt.timedelta(days=rng.randrange(hari)),
                        "jumlah_skp_direviu": n_skp,
                        "temuan": rng.choice(
                            (
                                "Dokumentasi kinerja bulanan belum lengkap.",
                                "Realisasi RHK sesuai rencana aksi.",
                                "Bukti dukung sebagian belum diunggah.",
                                "Umpan balik berkala telah diberikan.",
                            )
                        ),
                        "rekomendasi": (
                            "Perubahan SKP karena perubahan prioritas kegiatan."
                            if rekom
                            else "Lengkapi dokumentasi dan bukti dukung sebelum evaluasi periodik."
                        ),
                        "rekomendasi_perubahan_skp": rekom,
                        "dicatat_oleh_id": ketua[t],
                        **jejak,
                    }
                )
    _sisip(session, Pemantauan, kunjungan)

    # -- supervisors monitoring their subordinates (000 Pasal 10(1)) --------------------------------
    atasan_jab = dict(session.execute(select(Jabatan.id, Jabatan.atasan_id)).all())
    pemangku: dict[int, int] = {}
    for p in pegawai:
        if p.jabatan_id is not None and p.status == StatusPegawai.AKTIF.value:
            pemangku.setdefault(p.jabatan_id, p.id)
    pp_rows = []
    for p in pegawai:
        if p.status not in DIPANTAU or p.jabatan_id is None:
            continue
        sup = pemangku.get(atasan_jab.get(p.jabatan_id))
        if sup is None or sup == p.id or sup in lain_demo:
            continue
        if rng.random() < 0.7:
            pp_rows.append(
                {
                    "pemantau_id": sup,
                    "pegawai_id": p.id,
                    "tanggal": dt.date(tahun, 3, 1) + dt.timedelta(days=rng.randrange(100)),
                    "catatan": "Pemantauan capaian kinerja melalui dokumentasi kinerja.",
                    **jejak,
                }
            )
        if rng.random() < 0.35:
            pp_rows.append(
                {
                    "pemantau_id": sup,
                    "pegawai_id": p.id,
                    "tanggal": dt.date(tahun, 7, 20) + dt.timedelta(days=rng.randrange(90)),
                    "catatan": "Pemantauan semester kedua.",
                    **jejak,
                }
            )
    _sisip(session, PemantauanPegawai, pp_rows)
    session.flush()
    return {
        "tim_pemantau": len(tim_ids),
        "anggota_tim": sum(len(a) for a in anggota),
        "penugasan_tim": len(tugas_rows),
        "pemantauan": len(kunjungan),
        "pemantauan_pegawai": len(pp_rows),
    }
