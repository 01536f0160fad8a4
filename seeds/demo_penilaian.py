"""Demo evaluations for the demo regency: every document state, D.1.1/D.1.2/D.1.3, keberatan.

``generate(session, seed, tahun)`` runs after ``seeds.demo_perencanaan``: for every SKP in force that is set
(``ditetapkan``, with an evaluator) it inserts the periodic evaluations of the first three periods of the
instansi's configuration — Q1 returned and reported, Q2 spread over ditandatangani / disampaikan / diterima /
dikembalikan / final (D.1.2, signed by the atasan because the evaluator was late), Q3 drafts (rated and not)
and some signed — plus Q4 drafts for the demo evaluators' subordinates; per-RHK ratings, suggestions and
predikat computed by ``app.rules``, signatures with the app's own canonical hash, capaian organisasi per
evaluator unit, and three objections (pending, upheld, changed → D.1.3). Tolerates a database without set SKPs
(creates nothing). Set-based: one INSERT per table (chunked), no per-row queries; deterministic.

Nothing is dated after the app's today (``app.jam.hari_ini()``; fixed by ``JAM_TETAP``): a period not yet
started gets no evaluation, one not yet ended only drafts, and each later step (signing, delivery, receipt,
return, report, objection, decision) happens only if its date has come — the document stays at the last step
reached. Employees whose SKP was set by the Kepala Daerah (JPT, heads of independent units) are evaluated by
the Kepala Daerah, final when signed, without objection (001 Lampiran "Evaluasi Kinerja" 12), as the app does.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import random

from sqlalchemy import select

from app import jam
from app.queries.penilaian import kanonik
from app.rules import (
    CapaianOrganisasi,
    JenisEvaluasi,
    JenisPeriode,
    Predikat,
    Rating,
    StatusDokumen,
    StatusPegawai,
    StatusSKP,
    daftar_periode,
    predikat,
    saran_rating_hasil_kerja,
    saran_rating_perilaku,
)
from app.rules.waktu import (
    tenggat_atasan_pengembalian,
    tenggat_atasan_penyampaian,
    tenggat_keputusan_keberatan,
    tenggat_laporan_pyb,
    tenggat_pengembalian,
    tenggat_penyampaian,
    waktu_evaluasi,
)
from schema.enums import DinilaiOleh, JenisDelegasi, JenisDokumen, JenisRHK, PeranTandaTangan
from schema.models import (
    SKP,
    CapaianKinerjaOrganisasi,
    DelegasiPenilai,
    EvaluasiKinerja,
    HariLibur,
    Instansi,
    Jabatan,
    Keberatan,
    KonfigurasiPeriode,
    Pegawai,
    PenugasanPlt,
    RatingRHK,
    RencanaHasilKerja,
    TandaTangan,
)
from seeds.demo import pilih_pegawai_demo

SD = StatusDokumen
_POTONG = 5000


def _sisip(session, model, rows: list[dict], kembalikan_id: bool = False) -> list[int]:
    ids: list[int] = []
    conn = session.connection()
    t = model.__table__
    for i in range(0, len(rows), _POTONG):
        bagian = rows[i : i + _POTONG]
        if kembalikan_id:
            ids.extend(conn.execute(t.insert().returning(t.c.id, sort_by_parameter_order=True), bagian).scalars().all())
        else:
            conn.execute(t.insert(), bagian)
    return ids


def _delegasi(session, tahun: int) -> int:
    """R15 (001 Lampiran "Evaluasi Kinerja" 3, 7): the demo's Plt and the functional officials heading a unit
    (kepala sekolah / puskesmas) hold a written delegation, so they may evaluate their units. Set-based."""

    if session.scalar(select(DelegasiPenilai.id).limit(1)) is not None:
        return 0
    sekarang = dt.datetime(tahun, 1, 2, 8, 0)
    jejak = {"dibuat_pada": sekarang, "diubah_pada": sekarang}
    rows = [
        {
            "pegawai_id": pid,
            "jenis": JenisDelegasi.PLT.value,
            "jabatan_id": jid,
            "unit_kerja_id": None,
            "mulai": mulai,
            "selesai": selesai,
            "pemberi_id": None,
            "nomor_sk": sk,
            **jejak,
        }
        for pid, jid, mulai, selesai, sk in session.execute(
            select(
                PenugasanPlt.pegawai_id,
                PenugasanPlt.jabatan_id,
                PenugasanPlt.mulai,
                PenugasanPlt.selesai,
                PenugasanPlt.nomor_sk,
            ).order_by(PenugasanPlt.id)
        )
    ]
    rows += [
        {
            "pegawai_id": pid,
            "jenis": JenisDelegasi.FUNGSIONAL.value,
            "jabatan_id": jid,
            "unit_kerja_id": uid,
            "mulai": dt.date(tahun, 1, 2),
            "selesai": None,
            "pemberi_id": None,
            "nomor_sk": None,
            **jejak,
        }
        for pid, jid, uid in session.execute(
            select(Pegawai.id, Jabatan.id, Jabatan.unit_kerja_id)
            .join(Jabatan, Jabatan.id == Pegawai.jabatan_id)
            .where(
                Jabatan.jenis == "fungsional",
                Jabatan.is_kepala_unit.is_(True),
                Pegawai.status == StatusPegawai.AKTIF.value,
            )
            .order_by(Pegawai.id)
        )
    ]
    if rows:
        session.execute(DelegasiPenilai.__table__.insert(), rows)
    return len(rows)


def _sampai_hari_ini(state: str, p, hari: dt.date) -> str:
    """A period not yet ended has drafts only (rated or not): nothing is signed before its end (R6)."""
    if p.akhir < hari or state in ("draf", "draf_dinilai"):
        return state
    return "draf_dinilai"


def _stempel(d: dt.date) -> dt.datetime:
    return dt.datetime.combine(d, dt.time(8))


def generate(session, seed: int, tahun: int = 2026) -> dict[str, int]:

    rng = random.Random(f"kinerja-penilaian:{seed}:{tahun}")
    hari = jam.hari_ini()  # nothing happens after today
    n_delegasi = _delegasi(session, tahun)
    pj = (
        session.scalar(select(KonfigurasiPeriode.periode_evaluasi).where(KonfigurasiPeriode.tahun == tahun).limit(1))
        or JenisPeriode.TRIWULANAN.value
    )
    semua_periode = daftar_periode(tahun, pj)
    # bulanan: the same spread over months 3, 6, 9 (+12 drafts) keeps the demo small
    pilih = [semua_periode[i] for i in ((0, 1, 2, 3) if len(semua_periode) == 4 else (2, 5, 8, 11))]
    cuti = frozenset(session.scalars(select(HariLibur.tanggal)))
    memo: dict = {}

    def tg(fn, d):
        key = (fn.__name__, d)
        if key not in memo:
            memo[key] = fn(d, cuti)
        return memo[key]

    skp = session.execute(
        select(
            SKP.id,
            SKP.pegawai_id,
            SKP.unit_kerja_id,
            SKP.penilai_id,
            SKP.atasan_penilai_id,
            SKP.penilai_nama,
            SKP.penilai_nip,
            SKP.atasan_penilai_nama,
            SKP.atasan_penilai_nip,
            SKP.pegawai_nama,
            SKP.pegawai_nip,
            SKP.ditetapkan_kepala_daerah,
        )
        .where(
            SKP.tahun == tahun,
            SKP.aktif.is_(True),
            SKP.status == StatusSKP.DITETAPKAN.value,
            SKP.penilai_id.is_not(None),
        )
        .order_by(SKP.id)
    ).all()
    if not skp:
        return {"evaluasi_kinerja": 0}
    ada = set(session.scalars(select(EvaluasiKinerja.skp_id).where(EvaluasiKinerja.tahun == tahun)))
    skp = [s for s in skp if s.id not in ada]
    if not skp:
        return {"evaluasi_kinerja": 0}
    rhk: dict[int, list[tuple[int, bool]]] = {}
    for sid, rid, jenis in session.execute(
        select(RencanaHasilKerja.skp_id, RencanaHasilKerja.id, RencanaHasilKerja.jenis)
        .join(SKP, SKP.id == RencanaHasilKerja.skp_id)
        .where(SKP.tahun == tahun, SKP.aktif.is_(True), SKP.status == StatusSKP.DITETAPKAN.value)
        .order_by(RencanaHasilKerja.skp_id, RencanaHasilKerja.urutan)
    ):
        rhk.setdefault(sid, []).append((rid, jenis == JenisRHK.UTAMA.value))
    unit_pegawai = dict(session.execute(select(Pegawai.id, Pegawai.unit_kerja_id)).all())
    demo = pilih_pegawai_demo(session)
    kd_nama = session.scalar(select(Instansi.kepala_daerah_nama).order_by(Instansi.id).limit(1)) or "Kepala Daerah"
    evaluator_demo = {demo["penilai"], demo["atasan"]}

    # -- capaian organisasi per evaluator unit: last year's annual figure + this year's periods ------------
    units = sorted({unit_pegawai.get(s.penilai_id) or s.unit_kerja_id for s in skp})
    bobot = [CapaianOrganisasi.ISTIMEWA] * 2 + [CapaianOrganisasi.BAIK] * 6 + [CapaianOrganisasi.BUTUH_PERBAIKAN] * 2
    cap_rows, cap_unit = [], {}
    now = dt.datetime(tahun, 1, 2, 8, 0)
    for u in units:
        tahunan = rng.choice(bobot)
        if dt.date(tahun, 1, 20) <= hari:
            cap_rows.append(
                {
                    "unit_kerja_id": u,
                    "tahun": tahun - 1,
                    "periode_jenis": JenisPeriode.TAHUNAN.value,
                    "periode_nomor": 0,
                    "capaian": tahunan.value,
                    "tanggal_terbit": dt.date(tahun, 1, 20),
                    "dibuat_pada": now,
                    "diubah_pada": now,
                }
            )
        for p in pilih[:3]:
            c = tahunan if rng.random() < 0.7 else rng.choice(bobot)
            if p.akhir + dt.timedelta(days=5) > hari:  # not yet published
                continue
            cap_unit[(u, p.nomor)] = c
            cap_rows.append(
                {
                    "unit_kerja_id": u,
                    "tahun": tahun,
                    "periode_jenis": pj,
                    "periode_nomor": p.nomor,
                    "capaian": c.value,
                    "tanggal_terbit": p.akhir + dt.timedelta(days=5),
                    "dibuat_pada": now,
                    "diubah_pada": now,
                }
            )
        if dt.date(tahun, 1, 20) <= hari:
            cap_unit[(u, pilih[3].nomor)] = tahunan
    existing_cap = set(
        session.execute(
            select(
                CapaianKinerjaOrganisasi.unit_kerja_id,
                CapaianKinerjaOrganisasi.tahun,
                CapaianKinerjaOrganisasi.periode_jenis,
                CapaianKinerjaOrganisasi.periode_nomor,
            )
        ).all()
    )
    cap_rows = [
        r
        for r in cap_rows
        if (r["unit_kerja_id"], r["tahun"], r["periode_jenis"], r["periode_nomor"]) not in existing_cap
    ]
    _sisip(session, CapaianKinerjaOrganisasi, cap_rows)

    # -- evaluation rows ------------------------------------------------------------------------------------
    ev_rows, meta = [], []  # meta: (skp row, per-RHK ratings or None, state)
    q2_siklus = ("ditandatangani", "disampaikan", "diterima", "dikembalikan", "final_d12", "dikembalikan")
    rating_bobot = [Rating.DIATAS] * 2 + [Rating.SESUAI] * 7 + [Rating.DIBAWAH]

    for i, s in enumerate(skp):
        kd = bool(s.ditetapkan_kepala_daerah)  # evaluated by the Kepala Daerah (R5/R6)
        u = (None if kd else unit_pegawai.get(s.penilai_id)) or s.unit_kerja_id
        rencana = [(pilih[0], "dikembalikan_lapor"), (pilih[1], q2_siklus[i % len(q2_siklus)])]
        x = rng.random()
        rencana.append((pilih[2], "draf_dinilai" if x < 0.5 else "draf" if x < 0.8 else "ditandatangani"))
        if s.penilai_id in evaluator_demo or s.atasan_penilai_id in evaluator_demo or rng.random() < 0.1:
            rencana.append((pilih[3], "draf"))
        for p, state in rencana:
            if p.mulai > hari or not waktu_evaluasi(p, hari, cuti_bersama=cuti).boleh:
                continue  # no evaluation is made before its window opens (R6, app.rules.waktu_evaluasi)
            state = _sampai_hari_ini(state, p, hari)
            batas = p.akhir
            cap = cap_unit.get((u, p.nomor))
            row = {
                "skp_id": s.id,
                "pegawai_id": s.pegawai_id,
                "unit_kerja_id": s.unit_kerja_id,
                "penilai_id": None if kd else s.penilai_id,
                "atasan_penilai_id": None if kd else s.atasan_penilai_id,
                "jenis": JenisEvaluasi.PERIODIK.value,
                "tahun": tahun,
                "periode_jenis": pj,
                "periode_nomor": p.nomor,
                "aktif": True,
                "capaian_organisasi": cap.value if cap else None,
                "capaian_tahun": tahun if cap else None,
                "saran_rating_hasil_kerja": None,
                "rating_hasil_kerja": None,
                "alasan_rating_hasil_kerja": None,
                "saran_rating_perilaku": None,
                "rating_perilaku": None,
                "alasan_rating_perilaku": None,
                "predikat": None,
                "predikat_ipk": None,
                "catatan_rekomendasi": None,
                "status_dokumen": SD.DRAF.value,
                "format_dokumen": "D.1.1",
                "dinilai_oleh": (DinilaiOleh.KEPALA_DAERAH if kd else DinilaiOleh.PENILAI).value,
                "is_final": False,
                "evaluasi_sebelumnya_id": None,
                "tanggal_ditandatangani": None,
                "tanggal_disampaikan": None,
                "tanggal_diterima": None,
                "tanggal_dikembalikan": None,
                "tanggal_dilaporkan": None,
                "tenggat_penyampaian": None,
                "tenggat_pengembalian": None,
                "tenggat_laporan": tg(tenggat_laporan_pyb, batas),
                "versi": 1,
                "dibuat_pada": _stempel(min(p.akhir - dt.timedelta(days=10), hari - dt.timedelta(days=1))),
                "diubah_pada": _stempel(min(p.akhir - dt.timedelta(days=10), hari - dt.timedelta(days=1))),
            }
            ratings = None
            if state != "draf":
                daftar = rhk.get(s.id, [])
                ratings = [(rid, utama, rng.choice(rating_bobot)) for rid, utama in daftar]
                saran_hk = saran_rating_hasil_kerja([(ut, r) for _, ut, r in ratings])
                konsisten = rng.random() < 0.93
                saran_pk = saran_rating_perilaku(konsisten, konsisten and rng.random() < 0.2)
                hk = saran_hk if rng.random() < 0.85 else rng.choice(list(Rating))
                pk = saran_pk if rng.random() < 0.9 else rng.choice(list(Rating))
                row.update(
                    saran_rating_hasil_kerja=saran_hk.value,
                    rating_hasil_kerja=hk.value,
                    alasan_rating_hasil_kerja=None
                    if hk is saran_hk
                    else "Kontribusi pada capaian unit pada periode ini berbeda dari gambaran per RHK.",
                    saran_rating_perilaku=saran_pk.value,
                    rating_perilaku=pk.value,
                    alasan_rating_perilaku=None
                    if pk is saran_pk
                    else "Berdasarkan umpan balik rekan kerja dan pengamatan langsung.",
                    predikat=predikat(hk, pk).value,
                    catatan_rekomendasi="Pertahankan capaian dan tingkatkan kualitas dokumentasi bukti dukung.",
                )
            if state not in ("draf", "draf_dinilai"):
                late = state == "final_d12" and s.atasan_penilai_id is not None and not kd
                ttd = p.akhir + dt.timedelta(days=rng.randint(1, 9) + (12 if late else 0))
                if ttd > hari:  # not signed yet: stays a rated draft
                    ev_rows.append(row)
                    meta.append((s, ratings, "draf_dinilai"))
                    continue
                row.update(
                    tanggal_ditandatangani=dt.datetime.combine(ttd, dt.time(rng.randint(8, 15), 0)),
                    tenggat_penyampaian=tg(tenggat_atasan_penyampaian if late else tenggat_penyampaian, ttd),
                )
                if late:
                    row.update(format_dokumen="D.1.2", dinilai_oleh=DinilaiOleh.ATASAN_PENILAI.value, is_final=True)
                if kd:  # final once the Kepala Daerah signs (001 Lampiran "Evaluasi Kinerja" 12 c, e)
                    row.update(is_final=True)
                lanjut = {
                    "ditandatangani": 0,
                    "disampaikan": 1,
                    "diterima": 2,
                    "dikembalikan": 3,
                    "dikembalikan_lapor": 4,
                    "final_d12": 3 if late else 3,
                }[state]
                # each step only once its day has come (delivery +1, receipt +2, return +4, report +20 days)
                lanjut = min(lanjut, sum(1 for d in (1, 2, 4, 20) if ttd + dt.timedelta(days=d) <= hari))
                if lanjut >= 1:
                    row.update(status_dokumen=SD.DISAMPAIKAN.value, tanggal_disampaikan=ttd + dt.timedelta(days=1))
                else:
                    row.update(status_dokumen=SD.DITANDATANGANI.value)
                if lanjut >= 2:
                    terima = ttd + dt.timedelta(days=2)
                    row.update(
                        status_dokumen=SD.DITERIMA.value,
                        tanggal_diterima=terima,
                        tenggat_pengembalian=tg(tenggat_atasan_pengembalian if late else tenggat_pengembalian, terima),
                    )
                if lanjut >= 3:
                    row.update(
                        status_dokumen=SD.FINAL.value if row["is_final"] else SD.DIKEMBALIKAN.value,
                        tanggal_dikembalikan=ttd + dt.timedelta(days=4),
                    )
                if lanjut >= 4:
                    row.update(tanggal_dilaporkan=ttd + dt.timedelta(days=20))
            ev_rows.append(row)
            meta.append((s, ratings, state))
    ev_ids = _sisip(session, EvaluasiKinerja, ev_rows, kembalikan_id=True)

    rr_rows, tt_rows = [], []
    for eid, row, (s, ratings, _state) in zip(ev_ids, ev_rows, meta):
        daftar = ratings if ratings is not None else [(rid, ut, None) for rid, ut in rhk.get(s.id, [])]
        for rid, _ut, r in daftar:
            rr_rows.append({"evaluasi_id": eid, "rhk_id": rid, "rating": r.value if r else None, "catatan": None})
        if row["tanggal_ditandatangani"]:
            h = hashlib.sha256(
                kanonik({**row, "id": eid}, [(rid, r.value if r else "") for rid, _u, r in daftar], []).encode("utf-8")
            ).hexdigest()
            atasan = row["dinilai_oleh"] == DinilaiOleh.ATASAN_PENILAI.value
            if row["dinilai_oleh"] == DinilaiOleh.KEPALA_DAERAH.value:  # as app.queries.penilaian signs it
                peran, pid_tt, nama_tt, nip_tt = PeranTandaTangan.KEPALA_DAERAH.value, None, kd_nama, None
            elif atasan:
                peran, pid_tt = PeranTandaTangan.ATASAN_PENILAI.value, s.atasan_penilai_id
                nama_tt, nip_tt = s.atasan_penilai_nama or "—", s.atasan_penilai_nip
            else:
                peran, pid_tt = PeranTandaTangan.PEJABAT_PENILAI.value, s.penilai_id
                nama_tt, nip_tt = s.penilai_nama or "—", s.penilai_nip
            tt_rows.append(
                {
                    "jenis_dokumen": JenisDokumen.EVALUASI.value,
                    "dokumen_id": eid,
                    "peran": peran,
                    "pegawai_id": pid_tt,
                    "user_id": None,
                    "nama": nama_tt,
                    "nip": nip_tt,
                    "waktu": row["tanggal_ditandatangani"],
                    "hash_sha256": h,
                    "tempat": None,
                }
            )
            if row["tanggal_diterima"]:
                tt_rows.append(
                    {
                        **tt_rows[-1],
                        "peran": PeranTandaTangan.PEGAWAI.value,
                        "pegawai_id": s.pegawai_id,
                        "nama": s.pegawai_nama or "—",
                        "nip": s.pegawai_nip,
                        "waktu": dt.datetime.combine(row["tanggal_diterima"], dt.time(9)),
                    }
                )
    _sisip(session, RatingRHK, rr_rows)
    _sisip(session, TandaTangan, tt_rows)

    # -- objections: pending, upheld, changed (→ D.1.3) on Q2 documents received and not final ---------------
    calon = [
        (eid, row, m)
        for eid, row, m in zip(ev_ids, ev_rows, meta)
        if row["periode_nomor"] == pilih[1].nomor
        and row["status_dokumen"] in (SD.DITERIMA.value, SD.DIKEMBALIKAN.value)
        and not row["is_final"]
        and row["atasan_penilai_id"]
    ]
    n_kb = 0
    t = EvaluasiKinerja.__table__
    conn = session.connection()
    calon = [c for c in calon if c[1]["tanggal_diterima"] + dt.timedelta(days=3) <= hari]
    for (eid, row, (_s, ratings, _st)), jenis in zip(calon[:3], ("tertunda", "menguatkan", "mengubah")):
        aju = row["tanggal_diterima"] + dt.timedelta(days=3)
        if aju + dt.timedelta(days=5) > hari:  # not decided yet
            jenis = "tertunda"
        kb = {
            "evaluasi_id": eid,
            "pegawai_id": row["pegawai_id"],
            "tanggal_pengajuan": aju,
            "alasan": "Realisasi RHK utama telah melampaui target dan didukung bukti, namun rating hasil kerja "
            "dinilai sesuai ekspektasi.",
            "penjelasan_penilai": None,
            "penjelasan_pegawai": None,
            "keputusan": None,
            "tanggal_keputusan": None,
            "tenggat_keputusan": tg(tenggat_keputusan_keberatan, aju),
            "predikat_baru": None,
            "rekomendasi_baru": None,
            "diputuskan_oleh_id": None,
            "evaluasi_baru_id": None,
            "versi": 1,
            "dibuat_pada": _stempel(aju),
            "diubah_pada": _stempel(aju),
        }
        if jenis != "tertunda":
            kb.update(
                penjelasan_penilai="Sebagian bukti dukung belum diunggah saat evaluasi.",
                penjelasan_pegawai="Bukti dukung telah dilengkapi pada minggu pertama bulan berikutnya.",
                keputusan=jenis,
                tanggal_keputusan=aju + dt.timedelta(days=5),
                diputuskan_oleh_id=row["atasan_penilai_id"],
            )
        putus = _stempel(aju + dt.timedelta(days=5))  # explicit: the column's onupdate would stamp "now"
        if jenis == "menguatkan":
            conn.execute(t.update().where(t.c.id == eid).values(status_dokumen=SD.FINAL.value, diubah_pada=putus))
        if jenis == "mengubah":
            conn.execute(
                t.update().where(t.c.id == eid).values(aktif=False, status_dokumen=SD.FINAL.value, diubah_pada=putus)
            )
            baru = {
                **row,
                "aktif": True,
                "predikat": Predikat.SANGAT_BAIK.value,
                "catatan_rekomendasi": "Keberatan diterima: predikat diubah; pertahankan kualitas bukti dukung.",
                "evaluasi_sebelumnya_id": eid,
                "format_dokumen": "D.1.3",
                "is_final": True,
                "status_dokumen": SD.DITANDATANGANI.value,
                "tanggal_ditandatangani": dt.datetime.combine(aju + dt.timedelta(days=5), dt.time(10)),
                "tanggal_disampaikan": None,
                "tanggal_diterima": None,
                "tanggal_dikembalikan": None,
                "tanggal_dilaporkan": None,
                "tenggat_pengembalian": None,
                "tenggat_penyampaian": tg(tenggat_atasan_penyampaian, aju + dt.timedelta(days=5)),
            }
            (bid,) = _sisip(session, EvaluasiKinerja, [baru], kembalikan_id=True)
            _sisip(
                session,
                RatingRHK,
                [
                    {"evaluasi_id": bid, "rhk_id": rid, "rating": r.value if r else None, "catatan": None}
                    for rid, _u, r in (ratings or [])
                ],
            )
            kb.update(
                predikat_baru=Predikat.SANGAT_BAIK.value,
                rekomendasi_baru=baru["catatan_rekomendasi"],
                evaluasi_baru_id=bid,
            )
            ev_ids.append(bid)
        _sisip(session, Keberatan, [kb])
        n_kb += 1
    session.flush()
    per_status: dict[str, int] = {}
    for row in ev_rows:
        per_status[row["status_dokumen"]] = per_status.get(row["status_dokumen"], 0) + 1
    return {
        "evaluasi_kinerja": len(ev_ids),
        **{f"evaluasi_{k}": v for k, v in sorted(per_status.items())},
        "rating_rhk": len(rr_rows),
        "keberatan": n_kb,
        "capaian_organisasi": len(cap_rows),
        "delegasi_penilai": n_delegasi,
    }
