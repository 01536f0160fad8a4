"""Penilaian through HTTP: evaluation generated from the SKP, suggestion and reason (001 Lampiran
"Evaluasi Kinerja" B.3), predikat from the kuadran (R2), signing and immutability, D.1.1/D.1.2/D.1.3 with C.1.x,
working-day deadlines (001 Lampiran "Tindak lanjut" 5–10), late evaluator → atasan, final (001 "Evaluasi
Kinerja" 11), keberatan on time / late (001 Lampiran "Keberatan"), distribution (001 B.2; 002), bulk actions with
a constant number of SQL statements, access per role.

Each test works on its own year (2071+), creating its own SKP and evaluations, so tests neither depend on
each other nor on order; the calendar is walked by patching ``app.queries.penilaian.hari_ini``.
"""

from __future__ import annotations

import datetime as dt
import io
import re

import pytest
from openpyxl import load_workbook
from sqlalchemy import delete, func, insert, select

from app.format import tanggal
from app.rules import tenggat_hari_kerja
from schema.models import (
    SKP,
    CapaianKinerjaOrganisasi,
    EvaluasiKinerja,
    HariLibur,
    Jabatan,
    Keberatan,
    KonfigurasiPeriode,
    Pegawai,
    RatingRHK,
    TandaTangan,
    UnitKerja,
)
from tests import bantu
from tests.bantu import ev_buat, ev_diterima, ev_massal, ev_muat, ev_nilai, ev_post

_peg, _html, _skp = bantu.peg, bantu.html, bantu.skp_ditetapkan


# ---------------------------------------------------------------------------------------------------------


def test_evaluasi_periodik_dari_skp_sampai_d11_ditandatangani(login, db_session, hari):
    """Full periodic flow: generated from the SKP → rated → signed (hash) → delivered → received → returned;
    printable D.1.1 with C.1.3 attached and the xlsx. 001 Lampiran "Tindak lanjut" 4–6."""
    db = db_session
    skp = _skp(db, 2071)
    hari(dt.date(2071, 3, 27))
    c = login("penilai")
    ev = ev_buat(c, db, skp, 1)
    assert ev.status_dokumen == "draf" and ev.penilai_id == skp.penilai_id
    assert db.scalar(select(func.count()).select_from(RatingRHK).where(RatingRHK.evaluasi_id == ev.id)) == 2
    html = _html(c.get(f"/evaluasi/show/{ev.id}"))
    assert "Tersusunnya laporan uji 2071-1" in html and "Jumlah laporan 1" in html
    assert "Berorientasi Pelayanan".lower() in html.lower() and "Kolaboratif" in html
    assert "Triwulan I 2071" in html

    r = ev_nilai(c, db, ev, ["sesuai", "sesuai"], "sesuai", "sesuai")
    assert "Penilaian disimpan" in _html(r)
    ev = ev_muat(db, ev.id)
    assert ev.saran_rating_hasil_kerja == "sesuai" and ev.saran_rating_perilaku == "sesuai"
    assert ev.predikat == "baik"  # R2: sesuai × sesuai

    r = ev_post(c, db, f"/evaluasi/tandatangani/{ev.id}", ev.id)
    assert "ditandatangani secara elektronik" in _html(r)
    ev = ev_muat(db, ev.id)
    assert ev.status_dokumen == "ditandatangani" and ev.format_dokumen == "D.1.1" and not ev.is_final
    tt = db.scalars(
        select(TandaTangan).where(TandaTangan.jenis_dokumen == "evaluasi", TandaTangan.dokumen_id == ev.id)
    ).all()
    assert len(tt) == 1 and tt[0].peran == "pejabat_penilai" and len(tt[0].hash_sha256) == 64
    # 14 working days after signing (001 "Tindak lanjut" 5)
    assert ev.tenggat_penyampaian == tenggat_hari_kerja(dt.date(2071, 3, 27), 14)

    # immutable once signed
    r = ev_nilai(c, db, ev, ["diatas", "diatas"], "diatas", "diatas", penjaga=True)
    assert "sudah ditandatangani" in _html(r)
    assert ev_muat(db, ev.id).rating_hasil_kerja == "sesuai"

    assert "disampaikan" in _html(ev_post(c, db, f"/evaluasi/sampaikan/{ev.id}", ev.id))
    p = login("pegawai")
    assert "Penerimaan dokumen ditandatangani" in _html(ev_post(p, db, f"/evaluasi/terima/{ev.id}", ev.id))
    ev = ev_muat(db, ev.id)
    assert ev.status_dokumen == "diterima" and ev.tanggal_diterima == dt.date(2071, 3, 27)
    assert ev.tenggat_pengembalian == tenggat_hari_kerja(dt.date(2071, 3, 27), 14)
    ev_post(p, db, f"/evaluasi/kembalikan/{ev.id}", ev.id)
    assert ev_muat(db, ev.id).status_dokumen == "dikembalikan"
    # the document still verifies against both signatures
    show = _html(p.get(f"/evaluasi/show/{ev.id}"))
    assert "isi utuh" in show and "isi berbeda" not in show

    html = _html(c.get(f"/evaluasi/cetak/{ev.id}"))
    for teks in (
        "DOKUMEN EVALUASI KINERJA PEGAWAI",
        "FORMAT D.1.1",
        "FORMAT C.1.3",
        "ATASAN PEJABAT PENILAI KINERJA",
        "PERIODE*: TRIWULAN I",
        "RENCANA HASIL KERJA PIMPINAN YANG DIINTERVENSI",
        "@page",
    ):
        assert teks in html, teks
    assert re.search(r'id="dok-predikat">\s*BAIK', html)
    r = c.get(f"/evaluasi/unduh/{ev.id}")
    assert r.status_code == 200
    wb = load_workbook(io.BytesIO(r.data))
    assert wb.sheetnames == ["D11", "C13"]
    teks = " ".join(str(v) for row in wb["D11"].iter_rows(values_only=True) for v in row if v)
    assert "DOKUMEN EVALUASI KINERJA PEGAWAI" in teks and "BAIK" in teks
    # laporan ke PyB
    ev_post(c, db, f"/evaluasi/laporkan/{ev.id}", ev.id)
    assert ev_muat(db, ev.id).tanggal_dilaporkan == dt.date(2071, 3, 27)


def test_saran_rating_dan_alasan_wajib(login, db_session, hari):
    """001 Lampiran "Evaluasi Kinerja" B.3: the system suggests, the evaluator decides; a different rating needs a
    written reason (also a database CHECK)."""
    db = db_session
    skp = _skp(db, 2072)
    hari(dt.date(2072, 6, 26))
    c = login("penilai")
    ev = ev_buat(c, db, skp, 2)
    # all RHK above expectation, no utama below → saran Di Atas; choosing Sesuai without a reason is refused
    r = ev_nilai(c, db, ev, ["diatas", "diatas"], "sesuai", "sesuai")
    assert "berbeda dari saran sistem (Di Atas Ekspektasi): alasan wajib" in _html(r)
    e = ev_muat(db, ev.id)
    assert e.rating_hasil_kerja is None and e.predikat is None  # nothing half-written
    assert (
        db.scalar(
            select(func.count())
            .select_from(RatingRHK)
            .where(RatingRHK.evaluasi_id == ev.id, RatingRHK.rating.is_not(None))
        )
        == 0
    )
    r = ev_nilai(
        c,
        db,
        ev,
        ["diatas", "diatas"],
        "sesuai",
        "sesuai",
        alasan_rating_hasil_kerja="Kontribusi pada capaian unit masih terbatas.",
    )
    assert "Penilaian disimpan" in _html(r)
    e = ev_muat(db, ev.id)
    assert (e.saran_rating_hasil_kerja, e.rating_hasil_kerja) == ("diatas", "sesuai")
    assert e.alasan_rating_hasil_kerja.startswith("Kontribusi")
    # perilaku: consistent and a guardian of the values → saran Di Atas (R4); Di Atas × Di Atas → Sangat Baik
    r = ev_nilai(c, db, ev, ["diatas", "diatas"], "diatas", "diatas", penjaga=True)
    e = ev_muat(db, ev.id)
    assert (e.saran_rating_perilaku, e.rating_perilaku, e.predikat) == ("diatas", "diatas", "sangat_baik")
    assert "Saran rating hasil kerja: <strong>Di Atas Ekspektasi" in _html(c.get(f"/evaluasi/show/{ev.id}"))
    # not consistent → saran Di Bawah; Di Atas × Di Bawah → Kurang (Misconduct), with a reason for perilaku
    r = ev_nilai(c, db, ev, ["diatas", "diatas"], "diatas", "sesuai", konsisten=False)
    assert "Rating perilaku kerja berbeda dari saran sistem (Di Bawah Ekspektasi)" in _html(r)
    ev_nilai(c, db, ev, ["diatas", "diatas"], "diatas", "dibawah", konsisten=False)
    assert ev_muat(db, ev.id).predikat == "kurang"
    # a stale form (opened before someone else saved) is refused with a clear message
    r = c.post(f"/evaluasi/simpan/{ev.id}", data={"versi": 1, "rating_hasil_kerja": "dibawah"}, follow_redirects=True)
    assert "Data telah diubah pengguna lain" in _html(r)
    assert ev_muat(db, ev.id).rating_hasil_kerja == "diatas"
    # bad input: an unknown rating is named
    r = ev_nilai(c, db, ev, ["hebat", "diatas"], "diatas", "dibawah", konsisten=False)
    assert "hebat" in _html(r) and "tidak dikenal" in _html(r)
    # the database itself refuses a rating different from the suggestion without a reason
    from sqlalchemy.exc import IntegrityError

    db.rollback()
    e = db.get(EvaluasiKinerja, ev.id)
    e.rating_hasil_kerja, e.alasan_rating_hasil_kerja = "dibawah", None
    with pytest.raises(IntegrityError):
        db.flush()
    db.rollback()


def test_hitung_predikat_massal_jumlah_sql_konstan(login, db_session, hitung_sql):
    """ "Hitung predikat" on 10 and on 1 000 selected evaluations issues the same number of SQL statements
    (R2 computed in Python from the fetched rows, one executemany UPDATE); the period endpoint is one UPDATE."""
    db = db_session
    penilai = _peg(db, "penilai")
    ids = ev_massal(db, 1000, 2090, penilai.id)
    try:
        c = login("penilai")
        c.post("/evaluasi/action_post", data={"action": "hitung_predikat", "rowid": ids[:10]})  # warm-up
        jumlah = {}
        for n in (1000, 10):
            with hitung_sql() as h:
                r = c.post("/evaluasi/action_post", data={"action": "hitung_predikat", "rowid": ids[:n]})
            assert r.status_code == 302
            jumlah[n] = h.n
        assert jumlah[10] == jumlah[1000], jumlah
        assert jumlah[1000] <= 12, jumlah
        db.rollback()
        got = dict(
            db.execute(
                select(EvaluasiKinerja.id, EvaluasiKinerja.predikat).where(EvaluasiKinerja.id.in_(ids[:8]))
            ).all()
        )
        harapan = ["sangat_baik", "kurang", "butuh_perbaikan", "baik"]
        assert [got[i] for i in ids[:8]] == harapan * 2
        assert db.get(EvaluasiKinerja, ids[0]).versi == 4  # optimistic-lock version bumped by each run
        # whole period, one UPDATE … CASE
        db.execute(EvaluasiKinerja.__table__.update().where(EvaluasiKinerja.tahun == 2090).values(predikat=None))
        db.commit()
        with hitung_sql() as h:
            r = c.post("/evaluasi/hitung_periode/", data={"tahun": 2090, "jenis": "periodik", "periode_nomor": 1})
        assert r.status_code == 302
        assert sum(1 for s in h.statements if s.lstrip().upper().startswith("UPDATE EVALUASI_KINERJA")) == 1
        db.rollback()
        n_pertama = db.scalar(
            select(func.count())
            .select_from(EvaluasiKinerja)
            .where(
                EvaluasiKinerja.tahun == 2090, EvaluasiKinerja.periode_nomor == 1, EvaluasiKinerja.predikat.is_not(None)
            )
        )
        assert n_pertama == db.scalar(select(func.count()).select_from(Pegawai))
        # out-of-scope ids: the whole action is refused
        lain = db.scalar(
            select(EvaluasiKinerja.id).where(
                EvaluasiKinerja.penilai_id != penilai.id, EvaluasiKinerja.pegawai_id != penilai.id
            )
        )
        if lain:
            assert (
                c.post("/evaluasi/action_post", data={"action": "hitung_predikat", "rowid": [ids[0], lain]}).status_code
                == 404
            )
        # an employee cannot run it at all
        assert (
            login("pegawai")
            .post("/evaluasi/action_post", data={"action": "hitung_predikat", "rowid": ids[:1]})
            .status_code
            == 403
        )
    finally:
        db.rollback()
        db.execute(delete(EvaluasiKinerja).where(EvaluasiKinerja.tahun == 2090))
        db.commit()


def test_tenggat_hari_kerja_kalender_indonesia_dan_daftar_terlambat(login, db_session, hari):
    """R7 in working days: Christmas and New Year (``holidays`` ID) and a cuti bersama from ``hari_libur`` are
    skipped — 19 Dec 2081 + 14 working days = 13 Jan 2082 by hand count; overdue lists follow the stored dates."""
    db = db_session
    lain = db.scalar(
        select(Pegawai)
        .where(Pegawai.user_id.is_(None), Pegawai.jabatan_id.is_not(None), Pegawai.status == "aktif")
        .order_by(Pegawai.id.desc())
        .limit(1)
    )
    skp = _skp(db, 2081, pegawai=lain)  # an employee without a login: no other test uses it
    instansi = db.scalar(select(UnitKerja.instansi_id).limit(1))
    libur = HariLibur(instansi_id=instansi, tanggal=dt.date(2081, 12, 26), keterangan="Cuti bersama Natal (uji)")
    db.add(libur)
    # evaluations from the 10th last working day of the period (konfigurasi_periode, revision 0010): 17 Dec 2081
    konf = KonfigurasiPeriode(
        instansi_id=instansi, tahun=2081, periode_evaluasi="triwulanan", hari_kerja_awal_evaluasi=10
    )
    db.add(konf)
    db.commit()
    try:
        hari(dt.date(2081, 12, 19))
        c = login("penilai")
        ev = ev_buat(c, db, skp, 4)
        ev_nilai(c, db, ev, ["sesuai", "sesuai"], "sesuai", "sesuai")
        ev_post(c, db, f"/evaluasi/tandatangani/{ev.id}", ev.id)
        e = ev_muat(db, ev.id)
        # 22,23,24 | 25 Natal | 26 cuti bersama | 29,30,31 | 1 Jan | 2,5,6,7,8,9,12,13 → 13 January 2082
        assert e.tenggat_penyampaian == dt.date(2082, 1, 13)
        assert e.tenggat_laporan == tenggat_hari_kerja(dt.date(2081, 12, 31), 30, [dt.date(2081, 12, 26)])
        hari(dt.date(2082, 1, 14))
        html = _html(c.get("/tenggatevaluasi/?tahun=2081"))
        blok = html.split('id="tenggat-penyampaian"')[1].split('id="tenggat-pengembalian"')[0]
        assert skp.pegawai_nama in blok and "13 Januari 2082" in blok
        hari(dt.date(2082, 1, 13))
        blok = (
            _html(c.get("/tenggatevaluasi/?tahun=2081"))
            .split('id="tenggat-penyampaian"')[1]
            .split('id="tenggat-pengembalian"')[0]
        )
        assert skp.pegawai_nama not in blok  # on the deadline day it is not overdue yet
    finally:
        db.rollback()
        db.delete(db.get(HariLibur, libur.id))
        db.delete(db.get(KonfigurasiPeriode, konf.id))
        db.commit()


def test_penilai_terlambat_atasan_menilai_d12_final(login, db_session, hari):
    """001 Lampiran "Evaluasi Kinerja" 11 / "Tindak lanjut" 8–9: past the evaluation time the evaluator can no
    longer sign; the atasan evaluates and signs (D.1.2), delivered within 7 working days; the result is final."""
    db = db_session
    skp = _skp(db, 2074)
    hari(dt.date(2074, 3, 26))
    c = login("penilai")
    ev = ev_buat(c, db, skp, 1)
    hari(dt.date(2074, 4, 7))  # Q1 ended 31 March
    r = ev_nilai(c, db, ev, ["sesuai", "sesuai"], "sesuai", "sesuai")
    assert "tidak berwenang" in _html(r) and "bersifat final" in _html(r)
    a = login("atasan")
    html = _html(a.get(f"/evaluasi/show/{ev.id}"))
    assert "Atasan Pejabat Penilai Kinerja" in html and "D.1.2" in html
    ev_nilai(a, db, ev, ["sesuai", "sesuai"], "sesuai", "sesuai")
    ev_post(a, db, f"/evaluasi/tandatangani/{ev.id}", ev.id)
    e = ev_muat(db, ev.id)
    assert (e.status_dokumen, e.format_dokumen, e.dinilai_oleh, e.is_final) == (
        "ditandatangani",
        "D.1.2",
        "atasan_penilai",
        True,
    )
    assert e.tenggat_penyampaian == tenggat_hari_kerja(dt.date(2074, 4, 7), 7)
    tt = db.scalars(
        select(TandaTangan).where(TandaTangan.jenis_dokumen == "evaluasi", TandaTangan.dokumen_id == ev.id)
    ).one()
    assert tt.peran == "atasan_penilai"
    ev_post(a, db, f"/evaluasi/sampaikan/{ev.id}", ev.id)
    p = login("pegawai")
    ev_post(p, db, f"/evaluasi/terima/{ev.id}", ev.id)
    assert ev_muat(db, ev.id).tenggat_pengembalian == tenggat_hari_kerja(dt.date(2074, 4, 7), 7)
    assert "FORMAT D.1.2" in _html(p.get(f"/evaluasi/cetak/{ev.id}"))
    # final: no objection
    r = p.post(f"/keberatan/ajukan/{ev.id}", data={"alasan": "Tidak setuju."}, follow_redirects=True)
    assert "bersifat final" in _html(r)
    assert db.scalar(select(Keberatan.id).where(Keberatan.evaluasi_id == ev.id)) is None


def test_keberatan_tepat_waktu_dan_ditolak_terlambat(login, db_session, hari):
    """001 Lampiran "Keberatan" 2; 003 Pasal 35: ≤ 14 working days after receipt; refused after, with the date."""
    db = db_session
    skp = _skp(db, 2075)
    ev1 = ev_diterima(login, db, hari, skp, 2, dt.date(2075, 6, 24))
    ev2 = ev_diterima(login, db, hari, skp, 3, dt.date(2075, 9, 25))
    p = login("pegawai")
    hari(dt.date(2075, 6, 26))
    r = p.post(
        f"/keberatan/ajukan/{ev1.id}",
        data={"alasan": "Bukti dukung RHK utama belum dipertimbangkan."},
        follow_redirects=True,
    )
    assert "Keberatan diajukan" in _html(r)
    kb = db.scalars(select(Keberatan).where(Keberatan.evaluasi_id == ev1.id)).one()
    assert kb.tanggal_pengajuan == dt.date(2075, 6, 26)
    assert kb.tenggat_keputusan == tenggat_hari_kerja(dt.date(2075, 6, 26), 7)
    # a second one on the same evaluation is refused
    r = p.post(f"/keberatan/ajukan/{ev1.id}", data={"alasan": "Lagi."}, follow_redirects=True)
    assert "sudah diajukan" in _html(r)
    # late: 14 working days after 25 Sep 2075 have passed on 20 Oct 2075
    batas = tenggat_hari_kerja(dt.date(2075, 9, 25), 14)
    hari(dt.date(2075, 10, 20))
    assert _html(p.get(f"/evaluasi/show/{ev2.id}")).count(tanggal(batas)) >= 1
    r = p.post(f"/keberatan/ajukan/{ev2.id}", data={"alasan": "Terlambat."}, follow_redirects=True)
    html = _html(r)
    assert "di luar batas 14 hari kerja" in html and tanggal(batas) in html
    assert db.scalar(select(Keberatan.id).where(Keberatan.evaluasi_id == ev2.id)) is None
    # only the employee objects; the evaluator sees it read-only and cannot decide
    c = login("penilai")
    assert c.get(f"/keberatan/show/{kb.id}").status_code == 200
    assert c.post(f"/keberatan/putuskan/{kb.id}", data={"keputusan": "menguatkan"}).status_code in (302, 403)
    db.rollback()
    assert db.get(Keberatan, kb.id).keputusan is None


def test_keputusan_mengubah_menghasilkan_d13(login, db_session, hari):
    """001 Lampiran "Keberatan" 5–7: the atasan hears both sides and changes the result → D.1.3 with the new
    predikat and recommendation; the history keeps both documents."""
    db = db_session
    skp = _skp(db, 2076)
    ev = ev_diterima(login, db, hari, skp, 1, dt.date(2076, 3, 25))
    p = login("pegawai")
    hari(dt.date(2076, 3, 27))
    p.post(f"/keberatan/ajukan/{ev.id}", data={"alasan": "Target RHK utama terlampaui."})
    kb = db.scalars(select(Keberatan).where(Keberatan.evaluasi_id == ev.id)).one()
    a = login("atasan")
    # a decision without hearing both sides is refused
    r = a.post(
        f"/keberatan/putuskan/{kb.id}",
        data={"keputusan": "mengubah", "predikat_baru": "sangat_baik", "rekomendasi_baru": "x"},
        follow_redirects=True,
    )
    assert "Catat penjelasan" in _html(r)
    a.post(
        f"/keberatan/penjelasan/{kb.id}",
        data={
            "penjelasan_penilai": "Bukti belum lengkap saat evaluasi.",
            "penjelasan_pegawai": "Bukti sudah diunggah.",
        },
    )
    r = a.post(f"/keberatan/putuskan/{kb.id}", data={"keputusan": "mengubah"}, follow_redirects=True)
    assert "Predikat baru wajib" in _html(r)
    r = a.post(
        f"/keberatan/putuskan/{kb.id}",
        data={
            "keputusan": "mengubah",
            "predikat_baru": "sangat_baik",
            "rekomendasi_baru": "Diusulkan untuk pengembangan kompetensi.",
        },
        follow_redirects=True,
    )
    assert "D.1.3 diterbitkan" in _html(r)
    db.rollback()
    kb = db.get(Keberatan, kb.id)
    lama, baru = db.get(EvaluasiKinerja, ev.id), db.get(EvaluasiKinerja, kb.evaluasi_baru_id)
    assert (kb.keputusan, kb.predikat_baru) == ("mengubah", "sangat_baik")
    assert not lama.aktif and lama.predikat == "baik" and lama.status_dokumen == "final"
    assert baru.aktif and baru.format_dokumen == "D.1.3" and baru.predikat == "sangat_baik" and baru.is_final
    assert baru.evaluasi_sebelumnya_id == lama.id
    html = _html(p.get(f"/evaluasi/cetak/{baru.id}"))
    for teks in (
        "FORMAT D.1.3",
        '6</strong></td><td colspan="3"><strong>KEBERATAN',
        "KEPUTUSAN DAN REKOMENDASI ATASAN PEJABAT PENILAI KINERJA",
        "Diusulkan untuk pengembangan",
        "10. Pegawai yang Dinilai",
        "11. Atasan Pejabat Penilai Kinerja",
    ):
        assert teks in html, teks
    assert re.search(r'id="dok-predikat">\s*SANGAT BAIK', html)
    show = _html(p.get(f"/evaluasi/show/{baru.id}"))
    assert "Riwayat dokumen" in show and f"/evaluasi/show/{lama.id}" in show
    # a D.1.3 result cannot be objected to again
    ev_post(a, db, f"/evaluasi/sampaikan/{baru.id}", baru.id)  # the atasan signed D.1.3 and delivers it
    ev_post(p, db, f"/evaluasi/terima/{baru.id}", baru.id)
    assert ev_muat(db, baru.id).status_dokumen == "diterima"
    r = p.post(f"/keberatan/ajukan/{baru.id}", data={"alasan": "Lagi."}, follow_redirects=True)
    assert "final" in _html(r)


def test_distribusi_sama_dengan_hitungan_tangan(login, db_session):
    """R5 (001 B.2; 002 "bukan forced distribution"): per unit and period, actual counts beside the guideline for
    the unit's capaian, with the deviation flag; chart data = a hand count."""
    db = db_session
    unit = db.scalar(
        select(Pegawai.unit_kerja_id)
        .group_by(Pegawai.unit_kerja_id)
        .having(func.count() >= 7)
        .order_by(Pegawai.unit_kerja_id)
        .limit(1)
    )
    pegawai = list(db.scalars(select(Pegawai.id).where(Pegawai.unit_kerja_id == unit).order_by(Pegawai.id).limit(7)))
    skp_id = db.scalar(select(SKP.id).limit(1))
    predikat = ["baik", "baik", "sangat_baik", "butuh_perbaikan", "butuh_perbaikan", "butuh_perbaikan", "kurang"]
    db.execute(
        insert(EvaluasiKinerja),
        [
            {
                "skp_id": skp_id,
                "pegawai_id": pid,
                "unit_kerja_id": unit,
                "jenis": "periodik",
                "tahun": 2078,
                "periode_jenis": "triwulanan",
                "periode_nomor": 1,
                "aktif": True,
                "predikat": p,
                "status_dokumen": "final",
                "format_dokumen": "D.1.1",
                "dinilai_oleh": "penilai",
                "is_final": False,
                "versi": 1,
            }
            for pid, p in zip(pegawai, predikat)
        ],
    )
    db.add(
        CapaianKinerjaOrganisasi(
            unit_kerja_id=unit, tahun=2078, periode_jenis="triwulanan", periode_nomor=1, capaian="baik"
        )
    )
    db.commit()
    try:
        c = login("operator")
        r = c.get("/distribusi/data?tahun=2078&jenis=periodik&periode_nomor=1")
        assert r.status_code == 200
        u = [x for x in r.get_json()["unit"] if x["unit_id"] == unit][0]
        assert u["jumlah"] == {"sangat_baik": 1, "baik": 2, "butuh_perbaikan": 3, "kurang": 1, "sangat_kurang": 0}
        assert u["total"] == 7 and u["capaian"] == "baik" and u["dominan"] == "baik"
        assert u["menyimpang"] is True  # modus is Butuh Perbaikan, guideline Baik — flagged, not blocked
        assert abs(u["proporsi"]["butuh_perbaikan"] - 3 / 7) < 1e-9
        html = _html(c.get(f"/distribusi/?tahun=2078&jenis=periodik&periode_nomor=1&unit={unit}"))
        assert 'id="diagram-distribusi"' in html and 'id="tanda-menyimpang"' in html
        assert 'data-predikat="butuh_perbaikan" data-jumlah="3"' in html
        # an employee has no distribution page
        assert login("pegawai").get("/distribusi/").status_code in (302, 403)
    finally:
        db.rollback()
        db.execute(delete(EvaluasiKinerja).where(EvaluasiKinerja.tahun == 2078))
        db.execute(delete(CapaianKinerjaOrganisasi).where(CapaianKinerjaOrganisasi.tahun == 2078))
        db.commit()


def test_akses_evaluasi_per_peran(login, db_session, hari):
    """Evaluator: own subordinates; atasan: their evaluators' subordinates; employee: own, read; operator: read;
    Tim Pemantau: assigned units; others nothing — on show, form, export and the REST API."""
    db = db_session
    skp = _skp(db, 2079)
    hari(dt.date(2079, 3, 28))
    c = login("penilai")
    ev = ev_buat(c, db, skp, 1)
    kami = [skp.penilai_id, skp.atasan_penilai_id, skp.pegawai_id]
    lain = db.scalar(
        select(EvaluasiKinerja).where(
            EvaluasiKinerja.penilai_id.not_in(kami),
            EvaluasiKinerja.atasan_penilai_id.not_in(kami),
            EvaluasiKinerja.pegawai_id.not_in(kami),
        )
    )
    assert lain is not None  # the demo has evaluations of other evaluators
    for user, boleh in (
        ("penilai", True),
        ("atasan", True),
        ("pegawai", True),
        ("operator", True),
        ("pyb", True),
        ("konselor", False),
    ):
        r = login(user).get(f"/evaluasi/show/{ev.id}")
        assert (r.status_code == 200) == boleh, (user, r.status_code)
    for user in ("penilai", "atasan", "pegawai"):
        assert login(user).get(f"/evaluasi/show/{lain.id}").status_code == 404, user
    # the employee and the operator read, but cannot rate
    for user in ("pegawai", "operator"):
        r = login(user).post(f"/evaluasi/simpan/{ev.id}", data={"rating_hasil_kerja": "diatas"})
        assert r.status_code in (302, 403), user
        if r.status_code == 302:
            assert "/login" in r.headers["Location"] or r.headers["Location"].endswith("/")
    assert ev_muat(db, ev.id).rating_hasil_kerja is None
    # the employee may not create evaluations of their own SKP
    assert login("pegawai").post(
        "/evaluasi/buat/", data={"skp_id": skp.id, "tahun": 2079, "periode_nomor": 2}
    ).status_code in (302, 403)
    # REST API scope
    api = login("pegawai").get("/api/v1/evaluasi_kinerja/?q=(page_size:100)").get_json()
    me = _peg(db, "pegawai").id
    assert api["count"] >= 1 and all(x["pegawai"]["id"] == me for x in api["result"])
    assert login("pegawai").get(f"/api/v1/evaluasi_kinerja/{lain.id}").status_code == 404
    assert login("penilai").get(f"/api/v1/evaluasi_kinerja/{ev.id}").status_code == 200
    kons = _peg(db, "konselor").id  # a counsellor is an employee too: own evaluations only
    api = login("konselor").get("/api/v1/evaluasi_kinerja/?q=(page_size:100)").get_json()
    assert all(x["pegawai"]["id"] == kons for x in api["result"])
    assert login("operator").get("/api/v1/keberatan/").status_code == 200
    # export respects scope
    r = login("penilai").get("/evaluasi/ekspor/")
    assert r.status_code == 200
    ws = load_workbook(io.BytesIO(r.data), read_only=True).active
    nips = {row[4] for row in ws.iter_rows(min_row=8, values_only=True) if row[4]}
    boleh_nip = set(
        db.scalars(
            select(Pegawai.nip)
            .join(EvaluasiKinerja, EvaluasiKinerja.pegawai_id == Pegawai.id)
            .where((EvaluasiKinerja.penilai_id == skp.penilai_id) | (EvaluasiKinerja.pegawai_id == skp.penilai_id))
        )
    )
    assert skp.pegawai_nip in nips and nips <= boleh_nip
    # Tim Pemantau: only units assigned to their teams
    from app.security.scope import Konteks, unit_dipantau

    tim = _peg(db, "tim")
    units = set(db.scalars(unit_dipantau(Konteks(None, {"Tim Pemantau"}, tim.id, tim.jabatan_id))))
    api = login("tim").get("/api/v1/evaluasi_kinerja/?q=(page_size:500)").get_json()
    ev_units = {db.get(EvaluasiKinerja, x["id"]).unit_kerja_id for x in api["result"]}
    assert ev_units <= units
    assert login("tim").post(f"/evaluasi/simpan/{ev.id}", data={}).status_code in (302, 403)


def test_capaian_organisasi_operator_dan_kepala_unit(login, db_session):
    """Operators enter any unit's achievement; a unit head only their own (form and API); bad input named."""
    db = db_session
    unit = db.scalar(select(UnitKerja.id).order_by(UnitKerja.id).limit(1))
    c = login("operator")
    r = c.post(
        "/capaianorganisasi/add",
        data={"unit_kerja": unit, "tahun": 2086, "periode_jenis": "triwulanan", "periode_nomor": 5, "capaian": "baik"},
        follow_redirects=True,
    )
    assert "Nomor periode harus 1–4" in _html(r)
    r = c.post(
        "/capaianorganisasi/add",
        data={
            "unit_kerja": unit,
            "tahun": 2086,
            "periode_jenis": "tahunan",
            "capaian": "istimewa",
            "tanggal_terbit": "2087-01-15",
        },
        follow_redirects=True,
    )
    db.rollback()
    row = db.scalars(select(CapaianKinerjaOrganisasi).where(CapaianKinerjaOrganisasi.tahun == 2086)).one()
    assert (row.periode_nomor, row.capaian) == (0, "istimewa")
    r = c.post(
        "/capaianorganisasi/add",
        data={"unit_kerja": unit, "tahun": 2086, "periode_jenis": "tahunan", "capaian": "baik"},
        follow_redirects=True,
    )
    assert "sudah ada" in _html(r)
    try:
        # a non-head evaluator may not add another unit's figure (form and API)
        pen = _peg(db, "penilai")
        kepala = db.scalar(select(Jabatan.is_kepala_unit).where(Jabatan.id == pen.jabatan_id))
        lain = db.scalar(select(UnitKerja.id).where(UnitKerja.id != pen.unit_kerja_id).order_by(UnitKerja.id.desc()))
        p = login("penilai")
        r = p.post(
            "/capaianorganisasi/add",
            data={"unit_kerja": lain, "tahun": 2086, "periode_jenis": "tahunan", "capaian": "baik"},
            follow_redirects=True,
        )
        assert "unit kerja yang Anda pimpin" in _html(r)
        r = p.post(
            "/api/v1/capaian_organisasi/",
            json={"unit_kerja_id": lain, "tahun": 2086, "periode_jenis": "tahunan", "capaian": "baik"},
        )
        assert r.status_code == 403
        if kepala:
            r = p.post(
                "/api/v1/capaian_organisasi/",
                json={
                    "unit_kerja_id": pen.unit_kerja_id,
                    "tahun": 2086,
                    "periode_jenis": "triwulanan",
                    "periode_nomor": 1,
                    "capaian": "baik",
                },
            )
            assert r.status_code == 201, r.get_json()
        r = login("operator").post(
            "/api/v1/capaian_organisasi/",
            json={
                "unit_kerja_id": unit,
                "tahun": 2086,
                "periode_jenis": "bulanan",
                "periode_nomor": 13,
                "capaian": "baik",
            },
        )
        assert r.status_code == 422
        assert login("pegawai").get("/api/v1/capaian_organisasi/").status_code == 403
    finally:
        db.rollback()
        db.execute(delete(CapaianKinerjaOrganisasi).where(CapaianKinerjaOrganisasi.tahun == 2086))
        db.commit()


def test_tetapkan_massal_dan_capaian_tahun_lalu(login, db_session, hari, hitung_sql):
    """Bulk "Tetapkan" signs ready drafts (constant statements), skips incomplete ones with a message; a periodic
    evaluation takes last year's annual capaian when this year's is not published (001 B.1 f)."""
    db = db_session
    pen = _peg(db, "penilai")
    unit_penilai = pen.unit_kerja_id
    db.add(
        CapaianKinerjaOrganisasi(
            unit_kerja_id=unit_penilai,
            tahun=2084,
            periode_jenis="tahunan",
            periode_nomor=0,
            capaian="istimewa",
            tanggal_terbit=dt.date(2085, 1, 10),
        )
    )
    db.commit()
    try:
        skp = _skp(db, 2085)
        lain = db.scalar(
            select(Pegawai)
            .where(Pegawai.user_id.is_(None), Pegawai.jabatan_id.is_not(None), Pegawai.status == "aktif")
            .order_by(Pegawai.id.desc())
            .limit(1)
        )
        skp2 = _skp(db, 2085, pegawai=lain)
        hari(dt.date(2085, 3, 26))  # last working days of Q1 (app.rules.waktu_evaluasi)
        c = login("penilai")
        e1 = ev_buat(c, db, skp, 1)
        assert (e1.capaian_organisasi, e1.capaian_tahun) == ("istimewa", 2084)
        e2 = ev_buat(c, db, skp2, 1)  # stays unrated
        ev_nilai(c, db, e1, ["sesuai", "sesuai"], "sesuai", "sesuai")
        with hitung_sql() as h:
            r = c.post(
                "/evaluasi/action_post",
                data={"action": "tetapkan", "rowid": [e1.id, e2.id], "konfirmasi_dokumentasi": "1"},
                follow_redirects=True,
            )
        html = _html(r)
        assert "1 evaluasi ditandatangani" in html and "belum diberi rating" in html
        assert ev_muat(db, e1.id).status_dokumen == "ditandatangani" and ev_muat(db, e2.id).status_dokumen == "draf"
        assert h.n < 40
        assert "Sangat Baik" in _html(c.get(f"/evaluasi/show/{e1.id}"))  # expected modal predikat for Istimewa
    finally:
        db.rollback()
        db.execute(delete(CapaianKinerjaOrganisasi).where(CapaianKinerjaOrganisasi.tahun == 2084))
        db.commit()


def test_demo_punya_evaluasi_di_setiap_status(db_session):
    db = db_session
    status = set(db.scalars(select(EvaluasiKinerja.status_dokumen).where(EvaluasiKinerja.tahun == 2026).distinct()))
    assert status >= {"draf", "ditandatangani", "disampaikan", "diterima", "dikembalikan", "final"}
    formats = set(db.scalars(select(EvaluasiKinerja.format_dokumen).where(EvaluasiKinerja.tahun == 2026).distinct()))
    assert formats >= {"D.1.1", "D.1.2", "D.1.3"}
    keputusan = set(db.scalars(select(Keberatan.keputusan)))
    assert {None, "menguatkan", "mengubah"} <= keputusan
    assert db.scalar(select(func.count()).select_from(CapaianKinerjaOrganisasi)) > 0


@pytest.mark.parametrize("user", ["admin", "operator", "pyb", "penilai", "atasan", "pegawai", "tim"])
def test_halaman_penilaian_terbuka_sesuai_matriks(login, db_session, user):
    """Every penilaian page of the role's menu renders (200) on the demo data; the rest is refused."""
    from app.security import roles as R
    from seeds.pengguna import DEMO_USERS

    role = DEMO_USERS[user][0]
    roles = {role} | ({R.PEGAWAI} if role not in (R.ADMIN, R.PEGAWAI) else set())
    c = login(user)
    for res, url in (
        ("evaluasi_kinerja", "/evaluasi/list/"),
        ("keberatan", "/keberatan/list/"),
        ("capaian_organisasi", "/capaianorganisasi/list/"),
        ("distribusi", "/distribusi/?tahun=2026"),
        ("tenggat_evaluasi", "/tenggatevaluasi/?tahun=2026"),
    ):
        boleh = any(R.allowed(rl, res, "l") for rl in roles)
        r = c.get(url)
        assert (r.status_code == 200) == boleh, (user, url, r.status_code)
    if any(R.allowed(rl, "evaluasi_kinerja", "buat") for rl in roles):
        assert c.get("/evaluasi/buat/?tahun=2026&jenis=periodik&periode_nomor=4").status_code == 200
    db = db_session
    db.rollback()
    for ev_id in db.scalars(
        select(EvaluasiKinerja.id).where(EvaluasiKinerja.tahun == 2026).order_by(EvaluasiKinerja.id.desc()).limit(60)
    ):
        r = c.get(f"/evaluasi/show/{ev_id}")
        assert r.status_code in (200, 404, 302), (user, ev_id, r.status_code)
    for kb_id in db.scalars(select(Keberatan.id)):
        assert c.get(f"/keberatan/show/{kb_id}").status_code in (200, 404, 302)


def test_penilai_berhalangan_tetap_atasan_menilai_tidak_final(login, db_session, hari):
    """R15 (001 Lampiran "Evaluasi Kinerja" 2–3): the evaluator permanently absent → the atasan evaluates; unlike
    the late-evaluator case the result is not final (D.1.1, objection possible)."""
    db = db_session
    skp = _skp(db, 2083)
    hari(dt.date(2083, 3, 26))
    ev = ev_buat(login("penilai"), db, skp, 1)
    pen = db.get(Pegawai, skp.penilai_id)
    status_lama = pen.status
    pen.status = "pensiun"
    db.commit()
    try:
        r = ev_nilai(login("penilai"), db, ev, ["sesuai", "sesuai"], "sesuai", "sesuai")
        assert "tidak berwenang" in _html(r) and "berhalangan tetap" in _html(r)
        a = login("atasan")
        ev_nilai(a, db, ev, ["sesuai", "sesuai"], "sesuai", "sesuai")
        ev_post(a, db, f"/evaluasi/tandatangani/{ev.id}", ev.id)
        e = ev_muat(db, ev.id)
        assert (e.status_dokumen, e.format_dokumen, e.dinilai_oleh, e.is_final) == (
            "ditandatangani",
            "D.1.1",
            "atasan_penilai",
            False,
        )
    finally:
        db.rollback()
        db.get(Pegawai, skp.penilai_id).status = status_lama
        db.commit()
