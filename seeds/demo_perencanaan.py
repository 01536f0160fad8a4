"""Demo SKP for the demo regency: every state, cascaded RHK, signatures with real hashes.

``generate(session, seed, tahun)`` runs after ``seeds.demo.generate_demo``: for a good share of the employees
who need an SKP (``wajib_skp``) it inserts SKP rows in every state — draf, diajukan, dikembalikan, ditetapkan
(with TandaTangan whose SHA-256 is the app's own canonical hash), diubah (version 1 kept + version 2 in
force, R10) — with 1–3 RHK × 1–2 IKI each, cascaded from the leader's RHK where the leader has one (some left
unlinked), ekspektasi khusus, lampiran A.1.8, rencana aksi, and the tugas-belajar variant. The demo logins
``atasan`` and ``penilai`` get set SKPs, ``pegawai`` a submitted one, and another subordinate of ``penilai`` a
draft. Set-based: INSERT … RETURNING per depth of the position tree, no per-row queries; deterministic.
"""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal
from types import SimpleNamespace

from sqlalchemy import func, select

from app.queries.perencanaan import FORMAT_JPT, hash_kanonik, kanonik, rhk_tugas_belajar
from app.rules import (
    Aspek,
    JenisJabatan,
    Pendekatan,
    PenetapSKP,
    Perspektif,
    StatusPegawai,
    StatusSKP,
    format_skp,
    penetap_skp,
    wajib_skp,
)
from app.rules.waktu import tenggat_penetapan_skp
from schema.enums import JenisDokumen, JenisLampiran, JenisRHK, PeranTandaTangan, TingkatKendali
from schema.models import (
    SKP,
    AlasanPerubahanSKP,
    EkspektasiKhusus,
    Golongan,
    IndikatorKinerja,
    Jabatan,
    LampiranSKP,
    NilaiInti,
    Pegawai,
    PenugasanPlt,
    RencanaAksi,
    RencanaHasilKerja,
    TandaTangan,
    TugasBelajar,
    UnitKerja,
)
from seeds.demo import pilih_pegawai_demo

S = StatusSKP
_POTONG = 5000

KATA_KERJA = ("Terwujudnya", "Meningkatnya", "Tersusunnya", "Terlaksananya", "Tersedianya", "Terkelolanya")
OBJEK = (
    "layanan administrasi yang tepat waktu",
    "dokumen perencanaan dan anggaran unit",
    "laporan kinerja triwulanan",
    "pengelolaan data kepegawaian yang mutakhir",
    "pembinaan teknis kepada unit pelaksana",
    "penyelesaian pengaduan masyarakat",
    "koordinasi program lintas bidang",
    "pengelolaan arsip dinamis",
    "monitoring dan evaluasi kegiatan",
    "kualitas pelayanan publik",
    "pengendalian pelaksanaan kegiatan fisik",
    "akuntabilitas keuangan unit",
    "penyusunan rancangan kebijakan teknis",
    "pemeliharaan sarana dan prasarana",
)
IKI = (
    ("Persentase {} sesuai jadwal", "%", (85, 100)),
    ("Jumlah {} yang diselesaikan", "dokumen", (4, 24)),
    ("Indeks kepuasan atas {}", "indeks", (75, 90)),
    ("Persentase temuan {} yang ditindaklanjuti", "%", (80, 100)),
    ("Waktu rata-rata penyelesaian {}", "hari", (3, 14)),
)
EKSPEKTASI = {
    "berorientasi_pelayanan": "Merespons permintaan layanan paling lambat satu hari kerja.",
    "akuntabel": "Melaporkan penggunaan anggaran kegiatan tepat waktu setiap bulan.",
    "kompeten": "Mengikuti paling sedikit satu pelatihan teknis dan membagikan hasilnya kepada tim.",
    "kolaboratif": "Aktif dalam tim kerja lintas bidang yang dibentuk pimpinan.",
    "adaptif": "Menerapkan aplikasi layanan daring yang baru tanpa menunda layanan.",
}
LAMPIRAN = (
    (
        JenisLampiran.SUMBER_DAYA.value,
        "Dalam rangka memenuhi ekspektasi pimpinan, pegawai membutuhkan akses aplikasi "
        "dan data pendukung dari unit terkait.",
    ),
    (
        JenisLampiran.SKEMA_PERTANGGUNGJAWABAN.value,
        "Hasil kerja dilaporkan setiap bulan; data yang dilaporkan adalah capaian indikator beserta bukti dukung.",
    ),
    (
        JenisLampiran.KONSEKUENSI.value,
        "Apabila memenuhi ekspektasi pimpinan maka pegawai diprioritaskan untuk pengembangan kompetensi.",
    ),
    (
        JenisLampiran.KONSEKUENSI.value,
        "Apabila tidak memenuhi ekspektasi pimpinan maka pegawai mendapat bimbingan kinerja.",
    ),
)
PERSPEKTIF = [m.value for m in Perspektif]
ASPEK = [m.value for m in Aspek]


def _sisip(session, model, rows: list[dict], kunci: tuple[str, ...] | None = None) -> list[int]:
    """Core executemany INSERT; with ``kunci`` the new ids come back in row order through one SELECT on that
    natural key (SQLite cannot return ids of a multi-row INSERT in order, so RETURNING would mean one
    statement per row). Only rows inserted here (id above the previous maximum) are read back."""

    conn = session.connection()
    tabel = model.__table__
    sebelum = conn.execute(select(func.coalesce(func.max(tabel.c.id), 0))).scalar() if kunci else 0
    for i in range(0, len(rows), _POTONG):
        conn.execute(tabel.insert(), rows[i : i + _POTONG])
    if not kunci:
        return []
    peta = {
        tuple(r[1:]): r[0]
        for r in conn.execute(select(tabel.c.id, *[tabel.c[k] for k in kunci]).where(tabel.c.id > sebelum))
    }
    return [peta[tuple(r[k] for k in kunci)] for r in rows]


def _nama_lengkap(nama, depan, belakang) -> str:
    return f"{depan + ' ' if depan else ''}{nama}{', ' + belakang if belakang else ''}"


def generate(session, seed: int, tahun: int = 2026) -> dict[str, int]:

    rng = random.Random(f"kinerja-perencanaan:{seed}:{tahun}")
    acuan = dt.date(tahun, 1, 2)
    jejak_waktu = dt.datetime(tahun, 1, 3, 8, 0, 0)

    # -- master data, one query per table ------------------------------------------------------------
    unit = {
        uid: (nama, mandiri)
        for uid, nama, mandiri in session.execute(select(UnitKerja.id, UnitKerja.nama, UnitKerja.is_mandiri))
    }
    jab = {
        r[0]: r
        for r in session.execute(
            select(
                Jabatan.id,
                Jabatan.atasan_id,
                Jabatan.jenis,
                Jabatan.nama,
                Jabatan.unit_kerja_id,
                Jabatan.is_kepala_unit,
            )
        )
    }
    gol = {
        gid: (f"{p}, {k}" if p else f"Golongan {k}")
        for gid, k, p in session.execute(select(Golongan.id, Golongan.kode, Golongan.pangkat))
    }
    peg = {
        r[0]: r
        for r in session.execute(
            select(
                Pegawai.id,
                Pegawai.nip,
                Pegawai.nama,
                Pegawai.gelar_depan,
                Pegawai.gelar_belakang,
                Pegawai.status,
                Pegawai.jabatan_id,
                Pegawai.unit_kerja_id,
                Pegawai.golongan_id,
            ).order_by(Pegawai.id)
        )
    }
    if not peg:
        return {"skp": 0}
    nilai_inti = dict(session.execute(select(NilaiInti.kode, NilaiInti.id)).all())
    alasan = {
        k: (i, perlu)
        for k, i, perlu in session.execute(
            select(AlasanPerubahanSKP.kode, AlasanPerubahanSKP.id, AlasanPerubahanSKP.perlu_persetujuan_kepala_daerah)
        )
    }
    tb = {}
    for r in session.scalars(select(TugasBelajar).where(TugasBelajar.gagal.is_(False)).order_by(TugasBelajar.id)):
        tb[r.pegawai_id] = SimpleNamespace(
            jenjang=r.jenjang,
            program_studi=r.program_studi,
            perguruan_tinggi=r.perguruan_tinggi,
            mulai=r.mulai,
            selesai_rencana=r.selesai_rencana,
        )

    pemangku: dict[int, int] = {}
    for pid, r in peg.items():
        if r[5] == StatusPegawai.AKTIF.value and r[6] is not None:
            pemangku.setdefault(r[6], pid)
    for jid, pid in session.execute(
        select(PenugasanPlt.jabatan_id, PenugasanPlt.pegawai_id)
        .where(PenugasanPlt.mulai <= acuan)
        .where((PenugasanPlt.selesai.is_(None)) | (PenugasanPlt.selesai >= acuan))
        .order_by(PenugasanPlt.id)
    ):
        pemangku.setdefault(jid, pid)

    memo: dict[int, tuple] = {}

    def penilai_dari(jid: int, self_id: int) -> tuple[int | None, int | None, bool]:
        """Same walk as app.queries.perencanaan.tentukan_penilai, over in-memory maps."""
        if jid in memo and memo[jid][0] != self_id:
            return memo[jid]
        penilai = atasan = None
        fallback = False
        lewat, a, langkah = 0, jab[jid][1], 0
        while a is not None and langkah < 20:
            h = pemangku.get(a)
            if h is None or h == self_id:
                if penilai is None:
                    lewat += 1
            elif penilai is None:
                penilai, fallback = h, lewat > 0
            elif h != penilai:
                atasan = h
                break
            a, langkah = jab[a][1], langkah + 1
        memo[jid] = (penilai, atasan, fallback)
        return memo[jid]

    kedalaman: dict[int, int] = {}

    def dalam(jid: int) -> int:
        if jid not in kedalaman:
            a = jab[jid][1]
            kedalaman[jid] = 0 if a is None else dalam(a) + 1
        return kedalaman[jid]

    def identitas(pid: int | None) -> dict:
        if pid is None:
            return {"nama": None, "nip": None, "pangkat": None, "jabatan": None, "unit": None}
        r = peg[pid]
        return {
            "nama": _nama_lengkap(r[2], r[3], r[4]),
            "nip": r[1],
            "pangkat": gol.get(r[8]),
            "jabatan": jab[r[6]][3] if r[6] else None,
            "unit": unit[r[7]][0] if r[7] in unit else None,
        }

    # -- who gets an SKP, in which state -------------------------------------------------------------
    demo = pilih_pegawai_demo(session)
    paksa = {demo["atasan"]: S.DITETAPKAN.value, demo["penilai"]: S.DITETAPKAN.value, demo["pegawai"]: S.DIAJUKAN.value}
    pen_jab = peg[demo["penilai"]][6]
    lain = [
        pid
        for pid, r in peg.items()
        if r[6] is not None and jab[r[6]][1] == pen_jab and pid != demo["pegawai"] and wajib_skp(r[5])
    ]
    if lain:
        paksa[lain[0]] = S.DRAF.value

    rencana = []  # (pegawai id, status)
    for pid, r in peg.items():
        if not wajib_skp(r[5]) or r[6] is None:
            continue
        if pid in paksa:
            rencana.append((pid, paksa[pid]))
            continue
        struktural = jab[r[6]][2] not in (JenisJabatan.PELAKSANA.value, JenisJabatan.FUNGSIONAL.value)
        if rng.random() > (0.95 if struktural else 0.72):
            continue  # no SKP yet (shows on "SKP belum ditetapkan")
        x = rng.random()
        status = (
            S.DITETAPKAN.value
            if x < 0.45
            else "diubah"
            if x < 0.53
            else S.DIAJUKAN.value
            if x < 0.70
            else S.DIKEMBALIKAN.value
            if x < 0.78
            else S.DRAF.value
        )
        rencana.append((pid, status))
    rencana.sort(key=lambda t: (dalam(peg[t[0]][6]), t[0]))

    # -- SKP rows ----------------------------------------------------------------------------------------
    tenggat = tenggat_penetapan_skp(tahun)
    skp_rows, meta = [], []  # meta: per row (pid, status_rencana, versi)
    for pid, status in rencana:
        r = peg[pid]
        jid = r[6]
        jenis = jab[jid][2]
        mandiri = bool(jab[jid][5] and unit.get(jab[jid][4], ("", False))[1])
        pendekatan = Pendekatan.KUALITATIF.value if rng.random() < 0.15 else Pendekatan.KUANTITATIF.value
        penilai, atasan, fallback = penilai_dari(jid, pid)
        kd = penetap_skp(jenis, unit_mandiri_head=mandiri) is not PenetapSKP.PEJABAT_PENILAI
        if penilai is None and not kd and status != S.DRAF.value:
            status = S.DRAF.value  # nobody can set it: stays a draft, the operator may set the evaluator
        if status in (S.DIAJUKAN.value, S.DIKEMBALIKAN.value) and pid not in paksa and penilai is None:
            status = S.DRAF.value
        ip, ipn, ia = identitas(pid), identitas(penilai), identitas(atasan)
        tgl_aju = dt.datetime(tahun, 1, rng.randint(6, 24), rng.randint(8, 15), rng.randint(0, 59))
        tgl_tetap = tgl_aju + dt.timedelta(days=rng.randint(1, 20), hours=rng.randint(0, 5))
        dasar = {
            "pegawai_id": pid,
            "jabatan_id": jid,
            "unit_kerja_id": r[7] or jab[jid][4],
            "tahun": tahun,
            "pendekatan": pendekatan,
            "format_skp": format_skp(jenis, pendekatan, mandiri),
            "is_tugas_belajar": r[5] == StatusPegawai.TUGAS_BELAJAR.value,
            "penilai_id": penilai,
            "atasan_penilai_id": atasan,
            "penilai_fallback": fallback,
            "penilai_manual": False,
            "ditetapkan_kepala_daerah": kd,
            "tenggat_penetapan": tenggat,
            "versi": 1,
            "dibuat_pada": jejak_waktu,
            "diubah_pada": jejak_waktu,
            "skp_sebelumnya_id": None,
            "alasan_perubahan_id": None,
            "catatan_perubahan": None,
            "disetujui_kepala_daerah": None,
            "catatan_penilai": None,
            "diajukan_ke_atasan": False,
            "berlaku_selesai": None,
            **{f"pegawai_{k}": v for k, v in ip.items()},
            **{f"penilai_{k}": v for k, v in ipn.items()},
            **{f"atasan_penilai_{k}": v for k, v in ia.items()},
        }
        if status == "diubah":  # version 1 (kept, diubah) now; version 2 after the ids are known
            skp_rows.append(
                {
                    **dasar,
                    "status": S.DIUBAH.value,
                    "aktif": False,
                    "versi_ke": 1,
                    "tanggal_diajukan": tgl_aju,
                    "tanggal_ditetapkan": tgl_tetap,
                    "berlaku_mulai": dt.date(tahun, 1, 1),
                    "berlaku_selesai": dt.date(tahun, 6, 30),
                }
            )
            meta.append((pid, "v1", tgl_aju, tgl_tetap))
            continue
        ditetapkan = status == S.DITETAPKAN.value
        skp_rows.append(
            {
                **dasar,
                "status": status,
                "aktif": True,
                "versi_ke": 1,
                "tanggal_diajukan": tgl_aju if status != S.DRAF.value else None,
                "tanggal_ditetapkan": tgl_tetap if ditetapkan else None,
                "berlaku_mulai": dt.date(tahun, 1, 1) if ditetapkan else None,
                "catatan_penilai": (
                    "Lengkapi indikator kinerja dan target yang terukur." if status == S.DIKEMBALIKAN.value else None
                ),
                "diajukan_ke_atasan": bool(
                    status == S.DIAJUKAN.value and atasan and not kd and pid not in paksa and rng.random() < 0.15
                ),
            }
        )
        meta.append((pid, status, tgl_aju, tgl_tetap))
    skp_ids = _sisip(session, SKP, skp_rows, kunci=("pegawai_id", "versi_ke"))

    v2_rows = []
    kode_alasan = [k for k in alasan if k != "kondisi_lainnya"] or list(alasan)
    for i, (row, m) in enumerate(zip(skp_rows, meta)):
        if m[1] != "v1":
            continue
        kode = rng.choice(kode_alasan)
        v2_rows.append(
            {
                **row,
                "status": S.DITETAPKAN.value,
                "aktif": True,
                "versi_ke": 2,
                "skp_sebelumnya_id": skp_ids[i],
                "alasan_perubahan_id": alasan[kode][0] if kode in alasan else None,
                "catatan_perubahan": "Penyesuaian target setelah perubahan anggaran kegiatan.",
                "disetujui_kepala_daerah": None if not alasan.get(kode, (0, False))[1] else True,
                "tanggal_diajukan": dt.datetime(tahun, 7, 1, 9, 0),
                "tanggal_ditetapkan": dt.datetime(tahun, 7, 3, 10, 0),
                "berlaku_mulai": dt.date(tahun, 7, 1),
                "berlaku_selesai": None,
            }
        )
    v2_ids = _sisip(session, SKP, v2_rows, kunci=("pegawai_id", "versi_ke"))

    # all SKP (row dict, id, meta) with the version in force per employee (target of subordinates' links)
    semua = [(row, sid, m) for row, sid, m in zip(skp_rows, skp_ids, meta)]
    for row, sid in zip(v2_rows, v2_ids):
        semua.append((row, sid, (row["pegawai_id"], "v2", None, None)))

    # -- RHK / IKI per depth level (leaders first), RETURNING ids ------------------------------------------
    rhk_aktif: dict[int, list[int]] = {}  # pegawai → RHK ids of the SKP in force
    isi: dict[int, list[dict]] = {}  # skp id → RHK dicts (with "iki") for the canonical hash
    rhk_per_skp: dict[int, list[int]] = {}
    urut = sorted(range(len(semua)), key=lambda i: (dalam(semua[i][0]["jabatan_id"]), semua[i][2][1] == "v2", i))
    tingkat: dict[tuple[int, bool], list[int]] = {}
    for i in urut:
        tingkat.setdefault((dalam(semua[i][0]["jabatan_id"]), semua[i][2][1] == "v2"), []).append(i)
    n_rhk = n_iki = 0
    for kunci in sorted(tingkat):
        rhk_rows, rhk_pemilik = [], []
        for i in tingkat[kunci]:
            row, sid, m = semua[i]
            pid = row["pegawai_id"]
            jpt = row["format_skp"] in FORMAT_JPT
            if m[1] == "v2":  # copy of version 1 (rhk_asal_id), one target raised
                sumber = isi[row["skp_sebelumnya_id"]]
                asal = rhk_per_skp[row["skp_sebelumnya_id"]]
                daftar = []
                for x, asal_id in zip(sumber, asal):
                    iki = [dict(d) for d in x["iki"]]
                    if iki and iki[0].get("target_nilai") is not None:
                        iki[0]["target_nilai"] = iki[0]["target_nilai"] + 1
                    daftar.append({**x, "iki": iki, "rhk_asal_id": asal_id})
            elif row["is_tugas_belajar"] and pid in tb:
                daftar = [
                    {
                        **d,
                        "perspektif": None,
                        "rhk_atasan_id": None,
                        "rhk_asal_id": None,
                        "iki": [{**i2, "urutan": n} for n, i2 in enumerate(d["iki"], 1)],
                    }
                    for d in rhk_tugas_belajar(tb[pid], tahun)
                ]
            else:
                target_atasan = rhk_aktif.get(row["penilai_id"] or 0, [])
                daftar = []
                n_utama = rng.choice((1, 2, 2, 3))
                for n in range(n_utama + (1 if rng.random() < 0.35 else 0)):
                    obj = rng.choice(OBJEK)
                    link = (
                        rng.choice(target_atasan)
                        if target_atasan and not jpt and (pid in paksa or rng.random() < 0.85)
                        else None
                    )
                    iki = []
                    for u in range(rng.choice((1, 1, 2))):
                        pola, satuan, (lo, hi) = rng.choice(IKI)
                        d = {
                            "urutan": u + 1,
                            "uraian": pola.format(obj),
                            "target_nilai": Decimal(rng.randint(lo, hi)),
                            "target_satuan": satuan,
                            "target_teks": None,
                            "target_nilai_maks": None,
                            "aspek": rng.choice(ASPEK) if not jpt else None,
                            "perspektif": rng.choice(PERSPEKTIF) if jpt else None,
                        }
                        if jpt:
                            d.update(
                                {
                                    "tujuan": f"Mengukur {obj}",
                                    "definisi": f"{pola.format(obj)} dalam satu tahun",
                                    "formula": "(realisasi / target) × 100%",
                                    "satuan_pengukuran": satuan,
                                    "tingkat_kendali": rng.choice([t.value for t in TingkatKendali]),
                                    "sumber_data": "Laporan kinerja unit",
                                    "periode_pelaporan": "triwulanan",
                                }
                            )
                        iki.append(d)
                    daftar.append(
                        {
                            "jenis": JenisRHK.UTAMA.value if n < n_utama else JenisRHK.TAMBAHAN.value,
                            "uraian": f"{rng.choice(KATA_KERJA)} {obj}",
                            "penugasan_dari": row["penilai_jabatan"]
                            or ("Kepala Daerah" if row["ditetapkan_kepala_daerah"] else None),
                            "perspektif": rng.choice(PERSPEKTIF) if jpt else None,
                            "rhk_atasan_id": link,
                            "rhk_asal_id": None,
                            "iki": iki,
                        }
                    )
            for n, x in enumerate(daftar, 1):
                x["urutan"] = n
                rhk_rows.append(
                    {
                        "skp_id": sid,
                        "jenis": x["jenis"],
                        "urutan": n,
                        "uraian": x["uraian"],
                        "rhk_atasan_id": x["rhk_atasan_id"],
                        "penugasan_dari": x.get("penugasan_dari"),
                        "penugasan_jabatan_id": None,
                        "perspektif": x.get("perspektif"),
                        "diambil_alih": False,
                        "catatan_ambil_alih": None,
                        "diambil_alih_oleh_id": None,
                        "rhk_asal_id": x.get("rhk_asal_id"),
                        "dibuat_pada": jejak_waktu,
                        "diubah_pada": jejak_waktu,
                    }
                )
                rhk_pemilik.append((i, x))
            isi[sid] = daftar
        ids = _sisip(session, RencanaHasilKerja, rhk_rows, kunci=("skp_id", "urutan"))
        iki_rows = []
        for rid, (i, x) in zip(ids, rhk_pemilik):
            row, sid, m = semua[i]
            rhk_per_skp.setdefault(sid, []).append(rid)
            if row["aktif"]:
                rhk_aktif.setdefault(row["pegawai_id"], []).append(rid)
            for d in x["iki"]:
                iki_rows.append(
                    {
                        "rhk_id": rid,
                        "urutan": d.get("urutan", 1),
                        "uraian": d["uraian"],
                        "aspek": d.get("aspek"),
                        "perspektif": d.get("perspektif"),
                        "target_nilai": d.get("target_nilai"),
                        "target_nilai_maks": d.get("target_nilai_maks"),
                        "target_satuan": d.get("target_satuan"),
                        "target_teks": d.get("target_teks"),
                        "tujuan": d.get("tujuan"),
                        "definisi": d.get("definisi"),
                        "formula": d.get("formula"),
                        "satuan_pengukuran": d.get("satuan_pengukuran"),
                        "tingkat_kendali": d.get("tingkat_kendali"),
                        "sumber_data": d.get("sumber_data"),
                        "periode_pelaporan": d.get("periode_pelaporan"),
                        "dibuat_pada": jejak_waktu,
                        "diubah_pada": jejak_waktu,
                    }
                )
        _sisip(session, IndikatorKinerja, iki_rows)
        n_rhk += len(rhk_rows)
        n_iki += len(iki_rows)

    # -- ekspektasi khusus, lampiran, signatures, rencana aksi -------------------------------------------
    eks_rows, lam_rows, tt_rows, ra_rows = [], [], [], []
    eks_per: dict[int, list[dict]] = {}
    lam_per: dict[int, list[dict]] = {}
    for row, sid, m in semua:
        if m[1] == "v2":
            eks_per[sid] = list(eks_per.get(row["skp_sebelumnya_id"], []))
            lam_per[sid] = list(lam_per.get(row["skp_sebelumnya_id"], []))
        else:
            if rng.random() < 0.25 or row["pegawai_id"] == demo["pegawai"]:
                kode = rng.choice(sorted(EKSPEKTASI))
                eks_per[sid] = [{"nilai": kode, "uraian": EKSPEKTASI[kode]}]
            if rng.random() < 0.35 or row["pegawai_id"] in paksa:
                per_jenis: dict[str, int] = {}
                lam_per[sid] = []
                for j, u in LAMPIRAN:  # urutan counts within each jenis
                    per_jenis[j] = per_jenis.get(j, 0) + 1
                    lam_per[sid].append({"jenis": j, "urutan": per_jenis[j], "uraian": u})
        for e in eks_per.get(sid, []):
            eks_rows.append(
                {
                    "skp_id": sid,
                    "nilai_inti_id": nilai_inti[e["nilai"]],
                    "uraian": e["uraian"],
                    "dibuat_pada": jejak_waktu,
                    "diubah_pada": jejak_waktu,
                }
            )
        for a in lam_per.get(sid, []):
            lam_rows.append(
                {
                    "skp_id": sid,
                    "jenis": a["jenis"],
                    "urutan": a["urutan"],
                    "uraian": a["uraian"],
                    "dibuat_pada": jejak_waktu,
                    "diubah_pada": jejak_waktu,
                }
            )
        status = row["status"]
        if status == S.DRAF.value:
            continue
        h = hash_kanonik(kanonik({**row, "id": sid}, isi[sid], eks_per.get(sid, []), lam_per.get(sid, [])))
        dasar_tt = {
            "jenis_dokumen": JenisDokumen.SKP.value,
            "dokumen_id": sid,
            "user_id": None,
            "tempat": None,
            "hash_sha256": h,
        }
        tt_rows.append(
            {
                **dasar_tt,
                "peran": PeranTandaTangan.PEGAWAI.value,
                "pegawai_id": row["pegawai_id"],
                "nama": row["pegawai_nama"],
                "nip": row["pegawai_nip"],
                "waktu": row["tanggal_diajukan"],
            }
        )
        if status in (S.DITETAPKAN.value, S.DIUBAH.value):
            kd = row["ditetapkan_kepala_daerah"]
            tt_rows.append(
                {
                    **dasar_tt,
                    "peran": (PeranTandaTangan.KEPALA_DAERAH.value if kd else PeranTandaTangan.PEJABAT_PENILAI.value),
                    "pegawai_id": None if kd else row["penilai_id"],
                    "nama": "Kepala Daerah" if kd else row["penilai_nama"] or "—",
                    "nip": None if kd else row["penilai_nip"],
                    "waktu": row["tanggal_ditetapkan"],
                }
            )
        if status == S.DITETAPKAN.value and row["aktif"] and (rng.random() < 0.3 or row["pegawai_id"] in paksa):
            for rid in rhk_per_skp.get(sid, [])[:2]:
                for n, bulan in enumerate(sorted(rng.sample(range(1, 13), 3)), 1):
                    ra_rows.append(
                        {
                            "rhk_id": rid,
                            "urutan": n,
                            "uraian": f"Tahap {n} pelaksanaan",
                            "bulan": bulan,
                            "target": f"{n * 30}% capaian",
                            "dibuat_pada": jejak_waktu,
                            "diubah_pada": jejak_waktu,
                        }
                    )
    _sisip(session, EkspektasiKhusus, eks_rows)
    _sisip(session, LampiranSKP, lam_rows)
    _sisip(session, TandaTangan, tt_rows)
    _sisip(session, RencanaAksi, ra_rows)
    session.flush()
    per_status: dict[str, int] = {}
    for row, _sid, _m in semua:
        per_status[row["status"]] = per_status.get(row["status"], 0) + 1
    return {
        "skp": len(semua),
        **{f"skp_{k}": v for k, v in sorted(per_status.items())},
        "rencana_hasil_kerja": n_rhk,
        "indikator_kinerja": n_iki,
        "tanda_tangan": len(tt_rows),
        "rencana_aksi": len(ra_rows),
    }
