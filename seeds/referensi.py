"""Reference data, loaded idempotently (upsert by natural key): running it twice changes nothing.

Rule-owned lists (BerAKHLAK, IPK bands, R10 reasons, B.1.8/B.1.9, enum labels) come from
``app.rules`` so they are written once; the rest (golongan) from ``seeds/reference/*.csv``.
"""

from __future__ import annotations

import csv
from pathlib import Path

from sqlalchemy import select

import app.rules as rules
from schema.models import (
    AlasanPerubahanSKP,
    Golongan,
    KodeSiasn,
    KompetensiB19,
    NilaiInti,
    PerilakuPanduan,
    PernyataanB18,
    PitaIPK,
    Referensi,
    SkalaKompetensi,
)

DATA = Path(__file__).resolve().parent / "reference"

# category name → rule enum; labels shown in forms and printed on the official formats
KATEGORI = {
    "jenis_jabatan": rules.JenisJabatan,
    "jenis_asn": rules.JenisASN,
    "status_pegawai": rules.StatusPegawai,
    "pendekatan": rules.Pendekatan,
    "perspektif": rules.Perspektif,
    "aspek": rules.Aspek,
    "jenis_periode": rules.JenisPeriode,
    "rating": rules.Rating,
    "predikat": rules.Predikat,
    "capaian_organisasi": rules.CapaianOrganisasi,
    "status_skp": rules.StatusSKP,
    "status_konseling": rules.StatusKonseling,
    "jenis_konselor": rules.JenisKonselor,
    "status_dokumen": rules.StatusDokumen,
    "keputusan_keberatan": rules.KeputusanKeberatan,
    "ketepatan_lulus": rules.KetepatanLulus,
}


def _upsert(session, model, key: dict, values: dict) -> bool:
    """Insert or update one row by natural key; return True if anything changed."""
    row = session.execute(select(model).filter_by(**key)).scalar_one_or_none()
    if row is None:
        session.add(model(**key, **values))
        return True
    changed = False
    for k, v in values.items():
        if getattr(row, k) != v:
            setattr(row, k, v)
            changed = True
    return changed


def load_reference(session) -> int:
    """Load every reference table; returns the number of rows inserted or changed."""
    n = 0
    for kategori, enum in KATEGORI.items():
        for i, m in enumerate(enum, 1):
            n += _upsert(session, Referensi, {"kategori": kategori, "kode": m.value}, {"label": m.label, "urutan": i})
    for i, nilai in enumerate(rules.NILAI_BERAKHLAK, 1):
        n += _upsert(session, NilaiInti, {"kode": nilai.kode}, {"nama": nilai.nama, "urutan": i})
    session.flush()
    ids = dict(session.execute(select(NilaiInti.kode, NilaiInti.id)).all())
    for nilai in rules.NILAI_BERAKHLAK:
        for j, teks in enumerate(nilai.perilaku, 1):
            n += _upsert(session, PerilakuPanduan, {"nilai_inti_id": ids[nilai.kode], "urutan": j}, {"uraian": teks})
    for p in rules.PITA_IPK:
        n += _upsert(
            session,
            PitaIPK,
            {
                "jenjang": p.jenjang,
                "luar_negeri": p.luar_negeri,
                "akreditasi_pt": p.akreditasi_pt,
                "predikat": rules.Predikat(p.predikat).value,
            },
            {"akreditasi_prodi_min": p.akreditasi_prodi_min, "ipk_min": p.ipk_min, "ipk_max": p.ipk_max},
        )
    for a in rules.ALASAN_PERUBAHAN_SKP:
        n += _upsert(
            session,
            AlasanPerubahanSKP,
            {"kode": a.kode},
            {"uraian": a.uraian, "perlu_persetujuan_kepala_daerah": a.perlu_persetujuan_kepala_daerah},
        )
    for p in rules.PERNYATAAN_B18:
        n += _upsert(session, PernyataanB18, {"nomor": p.nomor}, {"subjek": p.subjek, "uraian": p.teks})
    for k in rules.KOMPETENSI_B19:
        n += _upsert(session, KompetensiB19, {"kelompok": k.kelompok, "nomor": k.nomor}, {"nama": k.nama})
    for s in rules.SKALA_KOMPETENSI:
        n += _upsert(session, SkalaKompetensi, {"nilai": s.nilai}, {"label": s.label, "deskripsi": s.deskripsi})
    with open(DATA / "golongan.csv", newline="", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            n += _upsert(
                session,
                Golongan,
                {"jenis_asn": r["jenis_asn"], "kode": r["kode"]},
                {"pangkat": r["pangkat"] or None, "urutan": int(r["urutan"])},
            )
    # SIASN's codes: only missing rows are added — a code the operator corrected is never overwritten
    ada = set(session.execute(select(KodeSiasn.jenis, KodeSiasn.nilai)).all())
    with open(DATA / "kode_siasn.csv", newline="", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            if (r["jenis"], r["nilai"]) not in ada:
                session.add(KodeSiasn(jenis=r["jenis"], nilai=r["nilai"], kode=r["kode"], keterangan=r["keterangan"]))
                n += 1
    session.flush()
    return n
