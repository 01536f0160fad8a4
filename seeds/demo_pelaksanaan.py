"""Demo pelaksanaan dan pembinaan: realisasi with link evidence, continuous feedback per RHK and core
value (leader, peers), feedback requests, progress decisions, coaching (B.1.6/B.1.8/B.1.9) and mentoring
(B.1.7 with journal), formal/informal training records, and one counselling case in **each** status (dilaporkan →
… → ditindaklanjuti, and PyB's "tidak_ditetapkan" with its reason) with its B.1.10 report and feedback evidence.

Runs after ``seeds.demo_perencanaan`` over the SKP it made (set, in force); with no such SKP it adds nothing.
Set-based (Core INSERT … RETURNING in chunks, one SELECT per table read) and deterministic (``random.Random``).
The demo ``konselor`` is the counsellor of the appointed cases; the demo ``atasan``/``penilai`` report cases of
their own subordinates where the demo regency has them.
"""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from sqlalchemy import select

from app.rules import JenisKonselor, JenisPeriode, StatusKonseling, StatusSKP, TindakanProgres
from app.rules.waktu import periode_evaluasi
from schema.enums import (
    BagianCoaching,
    CaraUmpanBalik,
    JenisBimbingan,
    JenisBukti,
    JenisPelatihan,
    RelasiUmpanBalik,
    SifatUmpanBalik,
    StatusPermintaan,
)
from schema.models import (
    SKP,
    BarisCoaching,
    BimbinganKinerja,
    BuktiDukung,
    BuktiLaporanPerilaku,
    IndikatorKinerja,
    Instansi,
    JawabanB18,
    JurnalMentoring,
    KompetensiB19,
    KonfigurasiPeriode,
    Konseling,
    LaporanPerilaku,
    NilaiInti,
    NilaiKompetensi,
    PelatihanKinerja,
    PermintaanUmpanBalik,
    PernyataanB18,
    Realisasi,
    RencanaHasilKerja,
    TindakanProgresRecord,
    UmpanBalik,
)
from seeds.demo import pilih_pegawai_demo

_POTONG = 5000
UB_POSITIF = (
    "Hasil kerja sesuai jadwal dan bukti dukung lengkap.",
    "Laporan disusun rapi dan tepat waktu.",
    "Koordinasi dengan unit lain berjalan baik.",
    "Inisiatif perbaikan layanan patut diapresiasi.",
)
UB_NEGATIF = (
    "Bukti dukung belum lengkap; lengkapi sebelum akhir periode.",
    "Capaian masih di bawah target periode ini; perlu percepatan.",
    "Beberapa kali terlambat menanggapi permintaan layanan.",
    "Belum aktif berbagi informasi dengan anggota tim.",
)
MASALAH = (
    "Sering tidak hadir pada rapat koordinasi tanpa pemberitahuan dan menunda tugas tim.",
    "Bersikap kurang ramah kepada penerima layanan meskipun sudah diingatkan.",
    "Tidak melaporkan penggunaan barang milik negara sesuai ketentuan.",
    "Menolak bekerja sama dalam tim kerja lintas bidang.",
    "Tidak menyelesaikan tugas sesuai arahan dan tidak menyampaikan kendala.",
)
PELATIHAN_FORMAL = (
    "Pelatihan Penyusunan SKP dan Indikator Kinerja",
    "Pelatihan Analisis Data Kinerja",
    "Pelatihan Pelayanan Publik Prima",
)
PELATIHAN_INFORMAL = (
    "Berbagi praktik baik pengelolaan arsip digital",
    "Magang singkat di unit layanan terpadu",
    "Diskusi kelompok penyusunan laporan kinerja",
)


def _sisip(session, model, rows: list[dict], kembalikan_id: bool = False) -> list[int]:
    ids: list[int] = []
    if not rows:
        return ids
    conn = session.connection()
    tabel = model.__table__
    for i in range(0, len(rows), _POTONG):
        bagian = rows[i : i + _POTONG]
        if kembalikan_id:
            ids.extend(
                conn.execute(tabel.insert().returning(tabel.c.id, sort_by_parameter_order=True), bagian).scalars().all()
            )
        else:
            conn.execute(tabel.insert(), bagian)
    return ids


def generate(session, seed: int, tahun: int = 2026) -> dict[str, int]:

    rng = random.Random(f"kinerja-pelaksanaan:{seed}:{tahun}")
    jejak = dt.datetime(tahun, 1, 3, 8, 0, 0)
    skp = session.execute(
        select(SKP.id, SKP.pegawai_id, SKP.penilai_id, SKP.atasan_penilai_id, SKP.jabatan_id)
        .where(
            SKP.tahun == tahun,
            SKP.status == StatusSKP.DITETAPKAN.value,
            SKP.aktif.is_(True),
            SKP.penilai_id.is_not(None),
        )
        .order_by(SKP.id)
    ).all()
    if not skp:
        return {"realisasi": 0, "umpan_balik": 0, "konseling": 0}
    jenis = (
        session.scalar(
            select(KonfigurasiPeriode.periode_dokumentasi)
            .join(Instansi, Instansi.id == KonfigurasiPeriode.instansi_id)
            .where(KonfigurasiPeriode.tahun == tahun)
            .order_by(Instansi.id)
            .limit(1)
        )
        or JenisPeriode.BULANAN.value
    )
    skp_ids = [s.id for s in skp]
    rhk: dict[int, list[int]] = {}
    for rid, sid in session.execute(
        select(RencanaHasilKerja.id, RencanaHasilKerja.skp_id)
        .where(RencanaHasilKerja.skp_id.in_(skp_ids))
        .order_by(RencanaHasilKerja.id)
    ):
        rhk.setdefault(sid, []).append(rid)
    iki: dict[int, list[tuple[int, Decimal | None]]] = {}
    for iid, rid, target in session.execute(
        select(IndikatorKinerja.id, IndikatorKinerja.rhk_id, IndikatorKinerja.target_nilai)
        .join(RencanaHasilKerja)
        .where(RencanaHasilKerja.skp_id.in_(skp_ids))
        .order_by(IndikatorKinerja.id)
    ):
        iki.setdefault(rid, []).append((iid, target))
    nilai_inti = [i for (i,) in session.execute(select(NilaiInti.id).order_by(NilaiInti.urutan))]
    demo = pilih_pegawai_demo(session)
    demo_ids = set(demo.values())
    per_penilai: dict[int, list] = {}
    for s in skp:
        per_penilai.setdefault(s.penilai_id, []).append(s)

    # -- realisasi (two periods) with link evidence; feedback per RHK and core value --------------------------
    real_rows, real_meta, ub_rows = [], [], []
    tanggal_periode = [dt.date(tahun, 2, 20), dt.date(tahun, 5, 20)]
    for s in skp:
        ada = s.pegawai_id in demo_ids or rng.random() < 0.6
        if not ada:
            continue
        for n_per, tgl in enumerate(tanggal_periode):
            per = periode_evaluasi(tgl, jenis)
            for rid in rhk.get(s.id, []):
                for iid, target in iki.get(rid, [(None, None)])[:1]:
                    nilai = (Decimal(target) * Decimal(n_per + 1) / 4).quantize(Decimal("0.01")) if target else None
                    real_rows.append(
                        {
                            "skp_id": s.id,
                            "rhk_id": rid,
                            "iki_id": iid,
                            "periode_jenis": jenis,
                            "tahun": per.tahun,
                            "periode_nomor": per.nomor,
                            "nilai": nilai,
                            "uraian": f"Capaian {per.label}",
                            "is_final": False,
                            "dicatat_oleh_id": s.pegawai_id,
                            "dibuat_pada": jejak,
                            "diubah_pada": jejak,
                        }
                    )
                    real_meta.append(rng.random() < 0.5)
                # the leader's periodic feedback on the RHK
                pos = rng.random() < 0.75
                ub_rows.append(
                    _ub(
                        s.id,
                        rid,
                        None,
                        s.penilai_id,
                        RelasiUmpanBalik.PIMPINAN,
                        SifatUmpanBalik.BERKALA,
                        pos,
                        rng.choice(UB_POSITIF if pos else UB_NEGATIF),
                        tgl,
                        per,
                        jejak,
                    )
                )
            for nid in rng.sample(nilai_inti, min(2, len(nilai_inti))):
                pos = rng.random() < 0.7
                ub_rows.append(
                    _ub(
                        s.id,
                        None,
                        nid,
                        s.penilai_id,
                        RelasiUmpanBalik.PIMPINAN,
                        SifatUmpanBalik.INSIDENTAL,
                        pos,
                        rng.choice(UB_POSITIF if pos else UB_NEGATIF),
                        tgl + dt.timedelta(days=3),
                        periode_evaluasi(tgl + dt.timedelta(days=3), jenis),
                        jejak,
                    )
                )
    real_ids = _sisip(session, Realisasi, real_rows, kembalikan_id=True)
    bukti_rows = [
        {
            "realisasi_id": rid,
            "jenis": JenisBukti.TAUTAN.value,
            "url": f"https://arsip.demo.local/bukti/{rid}",
            "keterangan": "Tautan arsip digital",
            "dibuat_pada": jejak,
            "diubah_pada": jejak,
        }
        for rid, pakai in zip(real_ids, real_meta)
        if pakai
    ]
    _sisip(session, BuktiDukung, bukti_rows)

    # -- requests to a peer (same evaluator) and their answers -------------------------------------------------
    req_rows, req_meta = [], []
    for daftar in per_penilai.values():
        if len(daftar) < 2:
            continue
        for a, b in zip(daftar, daftar[1:] + daftar[:1]):
            if rng.random() < 0.3:
                dijawab = rng.random() < 0.6
                req_rows.append(
                    {
                        "skp_id": a.id,
                        "diminta_kepada_id": b.pegawai_id,
                        "pesan": "Mohon masukan atas kolaborasi kita pada kegiatan triwulan ini.",
                        "status": (StatusPermintaan.DIJAWAB if dijawab else StatusPermintaan.DIMINTA).value,
                        "dibuat_pada": jejak,
                        "diubah_pada": jejak,
                    }
                )
                req_meta.append((a, b, dijawab))
    req_ids = _sisip(session, PermintaanUmpanBalik, req_rows, kembalikan_id=True)
    for pid, (a, b, dijawab) in zip(req_ids, req_meta):
        if dijawab and nilai_inti:
            tgl = dt.date(tahun, 4, 10)
            ub_rows.append(
                {
                    **_ub(
                        a.id,
                        None,
                        rng.choice(nilai_inti),
                        b.pegawai_id,
                        RelasiUmpanBalik.REKAN,
                        SifatUmpanBalik.INSIDENTAL,
                        True,
                        "Responsif dan terbuka bekerja sama.",
                        tgl,
                        periode_evaluasi(tgl, jenis),
                        jejak,
                    ),
                    "permintaan_id": pid,
                }
            )
    ub_ids = _sisip(session, UmpanBalik, ub_rows, kembalikan_id=True)
    ub_per_skp: dict[int, list[tuple[int, bool]]] = {}
    for uid, row in zip(ub_ids, ub_rows):
        ub_per_skp.setdefault(row["skp_id"], []).append((uid, row["positif"]))

    # -- progress decisions ----------------------------------------------------------------------------------
    tp_rows = []
    for s in skp[: max(3, len(skp) // 15)]:
        tp_rows.append(
            {
                "skp_id": s.id,
                "rhk_id": None,
                "tindakan": TindakanProgres.PENYESUAIAN_SUMBER_DAYA.value,
                "catatan": "Ditambahkan akses aplikasi dan pendampingan operator.",
                "tanggal": dt.date(tahun, 4, 15),
                "oleh_id": s.penilai_id,
                "dibuat_pada": jejak,
                "diubah_pada": jejak,
            }
        )
    _sisip(session, TindakanProgresRecord, tp_rows)

    # -- coaching (with B.1.8/B.1.9) and mentoring ---------------------------------------------------------------
    calon = sorted(skp, key=lambda s: (s.penilai_id not in demo_ids and s.atasan_penilai_id not in demo_ids, s.id))
    bim = calon[: min(6, len(calon))]
    b_rows = []
    for i, s in enumerate(bim):
        coaching = i != 1
        b_rows.append(
            {
                "pegawai_id": s.pegawai_id,
                "skp_id": s.id,
                "pembimbing_id": s.penilai_id,
                "jenis": (JenisBimbingan.COACHING if coaching else JenisBimbingan.MENTORING).value,
                "tanggal": dt.date(tahun, 5, 5 + i),
                "perlu_perubahan_skp": i == 2,
                "peluang": "Mengikuti kelas daring dan belajar dari rekan senior." if coaching else None,
                "keahlian_dikembangkan": None if coaching else "Analisis data kinerja dengan lembar kerja",
                "jangka_waktu": None if coaching else "3 bulan",
                "perubahan_diharapkan": None if coaching else "Mampu menyusun dasbor capaian unit",
                "ukuran_keberhasilan": None if coaching else "Dasbor triwulan II tersusun tepat waktu",
                "rekomendasi": "Diikutsertakan pada pelatihan teknis terkait.",
                "dilaporkan_kepada_id": s.atasan_penilai_id,
                "dibuat_pada": jejak,
                "diubah_pada": jejak,
            }
        )
    b_ids = _sisip(session, BimbinganKinerja, b_rows, kembalikan_id=True)
    pernyataan = [i for (i,) in session.execute(select(PernyataanB18.id).order_by(PernyataanB18.nomor))]
    kompetensi = [i for (i,) in session.execute(select(KompetensiB19.id).order_by(KompetensiB19.id))]
    bc_rows, jm_rows, jb_rows, nk_rows = [], [], [], []
    for bid, row, s in zip(b_ids, b_rows, bim):
        r0 = (rhk.get(s.id) or [None])[0]
        iid = (iki.get(r0) or [(None, None)])[0][0] if r0 else None
        if row["jenis"] == JenisBimbingan.COACHING.value:
            for bagian, kol in (
                (BagianCoaching.TUJUAN, ("Capaian indikator utama", "60%", "100%", "Menyusun jadwal kerja mingguan")),
                (
                    BagianCoaching.FAKTA,
                    ("100%", "45% sampai Mei", "Data dari unit lain terlambat", "Belum ada kesepakatan jadwal data"),
                ),
                (BagianCoaching.LANGKAH, ("Capaian indikator utama", "Kesepakatan jadwal data bulanan", None, None)),
            ):
                bc_rows.append(
                    {
                        "bimbingan_id": bid,
                        "bagian": bagian.value,
                        "urutan": 1,
                        "iki_id": iid if bagian is not BagianCoaching.FAKTA else None,
                        "kolom_1": kol[0],
                        "kolom_2": kol[1],
                        "kolom_3": kol[2],
                        "kolom_4": kol[3],
                        "penyesuaian_target": row["perlu_perubahan_skp"] if bagian is BagianCoaching.LANGKAH else None,
                    }
                )
        else:
            for n in range(1, 3):
                jm_rows.append(
                    {
                        "bimbingan_id": bid,
                        "waktu_tempat": f"{n * 7} Mei {tahun}, ruang rapat",
                        "materi": f"Sesi {n}: pengolahan data kinerja",
                        "rencana_aksi": "Latihan mandiri",
                        "target_waktu": f"akhir Mei {tahun}",
                    }
                )
        for pid in pernyataan:
            jb_rows.append(
                {
                    "bimbingan_id": bid,
                    "pernyataan_id": pid,
                    "umpan_balik": rng.choice(("Setuju", "Sangat setuju", "Cukup")),
                }
            )
        for kid in kompetensi:
            nk_rows.append(
                {
                    "bimbingan_id": bid,
                    "kompetensi_id": kid,
                    "kompetensi_teknis": None,
                    "nilai": rng.randint(2, 5),
                    "alasan": "Sesuai pengamatan selama bimbingan.",
                }
            )
    _sisip(session, BarisCoaching, bc_rows)
    _sisip(session, JurnalMentoring, jm_rows)
    _sisip(session, JawabanB18, jb_rows)
    _sisip(session, NilaiKompetensi, nk_rows)

    # -- formal / informal training (000 Lampiran D.4 c) 3)–4)), recorded by the evaluator, for the coached --------
    pel_rows = []
    for i, s in enumerate(bim):
        formal = i % 2 == 0
        mulai = dt.date(tahun, 3 + i % 8, 3 + i)
        pel_rows.append(
            {
                "pegawai_id": s.pegawai_id,
                "skp_id": s.id,
                "pembimbing_id": s.penilai_id,
                "dilaporkan_kepada_id": s.atasan_penilai_id,
                "jenis": (JenisPelatihan.FORMAL if formal else JenisPelatihan.INFORMAL).value,
                "nama_kegiatan": rng.choice(PELATIHAN_FORMAL if formal else PELATIHAN_INFORMAL),
                "penyelenggara": "BKPSDM" if formal else "Unit kerja",
                "tanggal_mulai": mulai,
                "tanggal_selesai": mulai + dt.timedelta(days=2 if formal else 0),
                "jumlah_jp": 24 if formal else rng.choice((None, 4)),
                "hasil": "Peserta menyusun rencana penerapan di unit kerja.",
                "dibuat_pada": jejak,
                "diubah_pada": jejak,
            }
        )
    _sisip(session, PelatihanKinerja, pel_rows)

    # -- one counselling case in each status ---------------------------------------------------------------------
    kasus = [s for s in calon if s.pegawai_id not in demo_ids and ub_per_skp.get(s.id)][:6]
    S, J = StatusKonseling, JenisKonselor
    rencana = [
        (S.DILAPORKAN, None),
        (S.DITETAPKAN_KONSELING, J.PEJABAT_KONSELING),
        (S.DIJADWALKAN, J.INDEPENDEN),
        (S.SELESAI, J.PEJABAT_KONSELING),
        (S.DITINDAKLANJUTI, J.PENILAI_TERLATIH),
        (S.TIDAK_DITETAPKAN, None),
    ]
    lap_rows = []
    for i, s in enumerate(kasus):
        lap_rows.append(
            {
                "pegawai_id": s.pegawai_id,
                "pelapor_id": s.penilai_id,
                "tanggal": dt.date(tahun, 6, 2 + i),
                "ekspektasi_khusus": "Merespons permintaan layanan paling lambat satu hari kerja.",
                "permasalahan": MASALAH[i % len(MASALAH)],
                "terjadi_pada_pegawai_lain": i == 3,
                "retrospektif": "Sudah diberikan umpan balik langsung dua kali dan diingatkan secara tertulis.",
                "dibuat_pada": jejak,
                "diubah_pada": jejak,
            }
        )
    lap_ids = _sisip(session, LaporanPerilaku, lap_rows, kembalikan_id=True)
    bl_rows, k_rows = [], []
    for i, (lid, s) in enumerate(zip(lap_ids, kasus)):
        items = ub_per_skp[s.id]
        pilih = [u for u, pos in items if not pos] or [items[0][0]]
        bl_rows.extend({"laporan_id": lid, "umpan_balik_id": u} for u in pilih[:3])
        status, jk = rencana[i]
        konselor = None
        if jk is J.PENILAI_TERLATIH:
            konselor = s.penilai_id
        elif jk is not None:
            konselor = demo.get("konselor")
        lanjut = status in (S.DIJADWALKAN, S.SELESAI, S.DITINDAKLANJUTI)
        k_rows.append(
            {
                "laporan_id": lid,
                "pegawai_id": s.pegawai_id,
                "status": status.value,
                "diputuskan_oleh_id": demo.get("pyb") if jk or status is S.TIDAK_DITETAPKAN else None,
                "konselor_id": konselor,
                "alasan_tidak_ditetapkan": "Permasalahan telah teratasi melalui bimbingan atasan langsung."
                if status is S.TIDAK_DITETAPKAN
                else None,
                "jenis_konselor": jk.value if jk else None,
                "jadwal": dt.datetime(tahun, 6, 20 + i, 9, 0) if lanjut else None,
                "tempat": "Ruang konseling BKPSDM" if lanjut else None,
                "hasil": (
                    "Pegawai memahami dampak perilakunya dan berkomitmen memperbaiki; disepakati pemantauan bulanan."
                )
                if status in (S.SELESAI, S.DITINDAKLANJUTI)
                else None,
                "tindak_lanjut": "Pemantauan perilaku bulanan oleh atasan langsung selama tiga bulan."
                if status is S.DITINDAKLANJUTI
                else None,
                "tanggal_selesai": dt.date(tahun, 6, 25 + i) if status in (S.SELESAI, S.DITINDAKLANJUTI) else None,
                "versi": 1,
                "dibuat_pada": jejak,
                "diubah_pada": jejak,
            }
        )
    _sisip(session, BuktiLaporanPerilaku, bl_rows)
    _sisip(session, Konseling, k_rows)
    session.flush()
    return {
        "realisasi": len(real_rows),
        "bukti_dukung": len(bukti_rows),
        "umpan_balik": len(ub_rows),
        "permintaan_umpan_balik": len(req_rows),
        "tindakan_progres": len(tp_rows),
        "bimbingan_kinerja": len(b_rows),
        "pelatihan_kinerja": len(pel_rows),
        "laporan_perilaku": len(lap_rows),
        "konseling": len(k_rows),
    }


def _ub(skp_id, rhk_id, nilai_id, pemberi_id, relasi, sifat, positif, uraian, tgl, per, jejak) -> dict:
    return {
        "skp_id": skp_id,
        "rhk_id": rhk_id,
        "nilai_inti_id": nilai_id,
        "pemberi_id": pemberi_id,
        "relasi": relasi.value,
        "sifat": sifat.value,
        "cara": CaraUmpanBalik.LANGSUNG.value,
        "positif": positif,
        "uraian": uraian,
        "tanggal": tgl,
        "tahun": per.tahun,
        "periode_nomor": per.nomor,
        "permintaan_id": None,
        "dibuat_pada": jejak,
        "diubah_pada": jejak,
    }
