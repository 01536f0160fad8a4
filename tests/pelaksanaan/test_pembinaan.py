"""Pembinaan kinerja and the B.1.x official forms, through HTTP:

* formal/informal training records (000 Lampiran D.4 c) 3)–4)): who records, edits and reads them, bad input,
  evidence upload, Excel register;
* in-app signatures on B.1.6/B.1.7 (R12: "signed by both"): each party signs only their own side, third parties
  cannot, a signed record cannot be edited, the print page and the xlsx show the sign-off, audited;
* B.1.1–B.1.10 xlsx: merged header cells, numbered columns, NIP as text, 404 outside the reader's scope.

Works on SKP it creates itself (year 2088, so other tests' and the demo's SKP stay untouched).
"""

from __future__ import annotations

import io
import json

import pytest
from openpyxl import load_workbook
from sqlalchemy import func, select

from schema.models import (
    SKP,
    AuditLog,
    BarisCoaching,
    BimbinganKinerja,
    JawabanB18,
    Konseling,
    Pegawai,
    PelatihanKinerja,
    TandaTangan,
)
from tests.bantu import PDF, ambil_flash, buku_xlsx, laporkan_perilaku, rhk_skp, skp_berlaku

TAHUN = 2088


@pytest.fixture(scope="module")
def skp_2088(app, orang):
    from app.extensions import db

    with app.app_context():
        return skp_berlaku(db.session, orang["pegawai"], TAHUN, orang["penilai"], orang["atasan"])


def _pelatihan(**kw):
    data = {
        "jenis": "pelatihan_formal",
        "nama_kegiatan": "Pelatihan Penyusunan Indikator",
        "penyelenggara": "BKPSDM",
        "tanggal_mulai": f"{TAHUN}-04-06",
        "tanggal_selesai": f"{TAHUN}-04-08",
        "jumlah_jp": "24",
        "hasil": "Menyusun ulang IKI unit.",
    }
    data.update(kw)
    return data


def _n_pelatihan(db_session, skp_id):
    db_session.expire_all()
    return db_session.scalar(
        select(func.count()).select_from(PelatihanKinerja).where(PelatihanKinerja.skp_id == skp_id)
    )


# ------------------------------------------------------------------------------------------------ training


def test_pelatihan_catat_ubah_baca_per_peran(login, db_session, orang, skp_2088, bukti_tersimpan):
    penilai, pegawai = login("penilai"), login("pegawai")
    url = f"/pelatihan/tambah/{skp_2088}"
    assert penilai.get(url).status_code == 200
    n = _n_pelatihan(db_session, skp_2088)
    # bad input: each refused with a message naming the field, nothing written
    for salah, pesan in (
        (dict(tanggal_selesai=f"{TAHUN}-04-01"), "sebelum tanggal mulai"),
        (dict(jumlah_jp=""), "JP"),
        (dict(jumlah_jp="0"), "JP"),
        (dict(jumlah_jp="dua"), "bulat"),
        (dict(jenis="webinar"), "tidak dikenal"),
        (dict(nama_kegiatan="  "), "Nama kegiatan"),
        (dict(tanggal_mulai="06-04-2088"), "Tanggal mulai"),
        (dict(tanggal_mulai=f"{TAHUN - 1}-12-30"), f"tahun SKP {TAHUN}"),
        (dict(pembimbing=str(orang["pegawai"])), "tidak boleh pegawai"),
    ):
        r = penilai.post(url, data=_pelatihan(**salah))
        assert r.status_code == 200 and pesan in r.get_data(as_text=True), salah  # the form again, with the message
    assert _n_pelatihan(db_session, skp_2088) == n
    # an upload of a disallowed type is refused and leaves nothing on disk
    r = penilai.post(
        url,
        data={**_pelatihan(), "berkas": (io.BytesIO(b"<script>x</script>"), "sertifikat.pdf")},
        content_type="multipart/form-data",
    )
    assert "tidak diizinkan" in r.get_data(as_text=True) and bukti_tersimpan() == []
    assert _n_pelatihan(db_session, skp_2088) == n
    # informal training: JP optional; the evaluator records it → reported to the evaluator's superior (R12 j))
    r = penilai.post(
        url,
        data={
            **_pelatihan(jenis="pelatihan_informal", jumlah_jp="", nama_kegiatan="PEL-UJI-1"),
            "berkas": (io.BytesIO(PDF), "sertifikat.pdf"),
        },
        content_type="multipart/form-data",
    )
    assert r.status_code == 302
    p = db_session.scalar(select(PelatihanKinerja).where(PelatihanKinerja.nama_kegiatan == "PEL-UJI-1"))
    assert (p.pegawai_id, p.pembimbing_id, p.dilaporkan_kepada_id) == (
        orang["pegawai"],
        orang["penilai"],
        orang["atasan"],
    )
    assert p.jumlah_jp is None and bukti_tersimpan() == [p.bukti_nama_simpan]
    assert (
        db_session.scalar(
            select(func.count())
            .select_from(AuditLog)
            .where(AuditLog.tabel == "pelatihan_kinerja", AuditLog.baris_id == str(p.id), AuditLog.aksi == "tambah")
        )
        == 1
    )

    # who reads: the employee, the person in charge, the superior, PyB; not a peer, not tim/operator
    for u in ("pegawai", "penilai", "atasan", "pyb"):
        c = login(u)
        assert c.get(f"/pelatihan/show/{p.id}").status_code == 200, u
        assert "PEL-UJI-1" in c.get("/pelatihan/list/?psize_PelatihanKinerjaView=100").get_data(as_text=True), u
    assert pegawai.get(f"/pelatihan/berkas/{p.id}").data == PDF
    assert login("konselor").get(f"/pelatihan/show/{p.id}").status_code == 404
    assert login("konselor").get(f"/pelatihan/berkas/{p.id}").status_code == 404
    assert "PEL-UJI-1" not in login("konselor").get("/pelatihan/list/").get_data(as_text=True)
    for u in ("tim", "operator"):  # their roles add nothing; as employees they see only their own records
        assert login(u).get(f"/pelatihan/show/{p.id}").status_code in (302, 403, 404), u
        assert "PEL-UJI-1" not in login(u).get("/pelatihan/list/").get_data(as_text=True), u

    # who records: not the employee (no permission), nor a leader of someone else's SKP (404 via the SKP scope)
    assert pegawai.post(url, data=_pelatihan(nama_kegiatan="PEL-TOLAK")).status_code in (302, 403)
    assert login("konselor").post(url, data=_pelatihan(nama_kegiatan="PEL-TOLAK")).status_code in (302, 403, 404)
    assert not db_session.scalar(select(PelatihanKinerja.id).where(PelatihanKinerja.nama_kegiatan == "PEL-TOLAK"))

    # edit: the leader; a bad edit changes nothing; the employee may not edit their own record
    ubah = f"/pelatihan/ubah/{p.id}"
    assert penilai.get(ubah).status_code == 200
    r = penilai.post(
        ubah, data=_pelatihan(jenis="pelatihan_informal", nama_kegiatan="PEL-UJI-1", tanggal_selesai=f"{TAHUN}-01-01")
    )
    assert "sebelum tanggal mulai" in r.get_data(as_text=True)
    db_session.expire_all()
    assert db_session.get(PelatihanKinerja, p.id).tanggal_selesai.isoformat() == f"{TAHUN}-04-08"
    lama = p.bukti_nama_simpan
    r = penilai.post(
        ubah,
        data={
            **_pelatihan(nama_kegiatan="PEL-UJI-1b", jumlah_jp="16"),
            "berkas": (io.BytesIO(PDF + b"%2"), "sertifikat-2.pdf"),
        },
        content_type="multipart/form-data",
    )
    assert r.status_code == 302
    db_session.expire_all()
    p = db_session.get(PelatihanKinerja, p.id)
    assert (p.nama_kegiatan, p.jumlah_jp, p.jenis) == ("PEL-UJI-1b", 16, "pelatihan_formal")
    assert bukti_tersimpan() == [p.bukti_nama_simpan] and p.bukti_nama_simpan != lama  # old file removed
    au = db_session.scalar(
        select(AuditLog)
        .where(AuditLog.tabel == "pelatihan_kinerja", AuditLog.aksi == "ubah", AuditLog.baris_id == str(p.id))
        .order_by(AuditLog.id.desc())
    )
    assert json.loads(au.sebelum)["nama_kegiatan"] == "PEL-UJI-1" and json.loads(au.sesudah)["jumlah_jp"] == 16
    pegawai.post(ubah, data=_pelatihan(nama_kegiatan="PEL-OLEH-PEGAWAI"))
    assert "penanggung jawab" in ambil_flash(pegawai)
    assert login("konselor").post(ubah, data=_pelatihan()).status_code == 404
    db_session.expire_all()
    assert db_session.get(PelatihanKinerja, p.id).nama_kegiatan == "PEL-UJI-1b"

    # an assigned person (not the evaluator) → reported to the evaluator, and may edit the record
    penilai.post(url, data=_pelatihan(nama_kegiatan="PEL-UJI-2", pembimbing=str(orang["konselor"])))
    p2 = db_session.scalar(select(PelatihanKinerja).where(PelatihanKinerja.nama_kegiatan == "PEL-UJI-2"))
    assert (p2.pembimbing_id, p2.dilaporkan_kepada_id) == (orang["konselor"], orang["penilai"])
    login("konselor").post(f"/pelatihan/ubah/{p2.id}", data=_pelatihan(nama_kegiatan="PEL-UJI-2b"))
    db_session.expire_all()
    assert db_session.get(PelatihanKinerja, p2.id).nama_kegiatan == "PEL-UJI-2b"

    # the Excel register: leaders and PyB; NIP as text; dates as dates; not for the employee
    r = penilai.get("/pelatihan/ekspor/")
    assert r.status_code == 200
    ws = load_workbook(io.BytesIO(r.data)).active
    kepala = [c.value for c in ws[7]]
    rows = [row for row in ws.iter_rows(min_row=8) if row[4].value in ("PEL-UJI-1b", "PEL-UJI-2b")]
    assert len(rows) == 2 and kepala[1] == "NIP"
    nip = db_session.get(Pegawai, orang["pegawai"]).nip
    assert rows[0][1].value == nip and rows[0][1].data_type == "s" and rows[0][6].is_date
    assert pegawai.get("/pelatihan/ekspor/").status_code in (302, 403)
    assert "PEL-UJI" not in " ".join(
        str(c.value)
        for row in load_workbook(
            io.BytesIO(login("atasan").get("/pelatihan/ekspor/?_flt_0_jenis=pelatihan_informal").data)
        ).active.iter_rows()
        for c in row
        if c.value
    )


# ------------------------------------------------------------------------------------------------ signatures


def test_tanda_tangan_bimbingan_kedua_pihak(login, db_session, orang, skp_2088):
    penilai, pegawai = login("penilai"), login("pegawai")
    penilai.post("/bimbingan/buat", data={"skp_id": skp_2088, "jenis": "coaching", "tanggal": f"{TAHUN}-05-02"})
    b = db_session.scalar(
        select(BimbinganKinerja)
        .where(BimbinganKinerja.skp_id == skp_2088, BimbinganKinerja.jenis == "coaching")
        .order_by(BimbinganKinerja.id.desc())
    )
    ttd = f"/bimbingan/tandatangani/{b.id}"

    def jumlah_tt():
        db_session.expire_all()
        return db_session.scalar(
            select(func.count())
            .select_from(TandaTangan)
            .where(TandaTangan.jenis_dokumen == "bimbingan", TandaTangan.dokumen_id == b.id)
        )

    # an empty record is not signed
    pegawai.post(ttd)
    assert "sebelum ditandatangani" in ambil_flash(pegawai) and jumlah_tt() == 0
    iki = rhk_skp(db_session, skp_2088)[0].iki[0]
    pegawai.post(
        f"/bimbingan/isi/{b.id}/tujuan",
        data={"iki_id": iki.id, "kolom_1": "Dokumen", "kolom_3": "12", "kolom_4": "STRATEGI-TTD"},
    )
    # third parties cannot sign: the superior the record is reported to (can read it), a peer, PyB
    atasan = login("atasan")
    assert atasan.get(f"/bimbingan/show/{b.id}").status_code == 200
    atasan.post(ttd)
    assert "hanya oleh pegawai" in ambil_flash(atasan)
    assert login("konselor").post(ttd).status_code == 404
    # PyB reads coaching records but may not sign: the rows of the signing right come from Pegawai (own) only
    assert login("pyb").post(ttd).status_code in (302, 403, 404)
    assert jumlah_tt() == 0

    # the employee signs their own side, once
    assert pegawai.post(ttd).status_code == 302 and "ditandatangani" in ambil_flash(pegawai)
    pegawai.post(ttd)
    assert "sudah menandatangani" in ambil_flash(pegawai)
    assert jumlah_tt() == 1
    tt = db_session.scalar(
        select(TandaTangan).where(TandaTangan.jenis_dokumen == "bimbingan", TandaTangan.dokumen_id == b.id)
    )
    assert (tt.peran, tt.pegawai_id) == ("pegawai", orang["pegawai"]) and len(tt.hash_sha256) == 64

    # signed → B.1.6 sections cannot be edited by either party; nothing added
    n_baris = db_session.scalar(
        select(func.count()).select_from(BarisCoaching).where(BarisCoaching.bimbingan_id == b.id)
    )
    pegawai.post(f"/bimbingan/isi/{b.id}/fakta", data={"kolom_1": "12", "kolom_2": "3"})
    assert "sudah ditandatangani dan tidak dapat diubah" in ambil_flash(pegawai)
    penilai.post(f"/bimbingan/isi/{b.id}/langkah", data={"kolom_1": "x", "kolom_2": "y"})
    assert "sudah ditandatangani" in ambil_flash(penilai)
    penilai.post(f"/bimbingan/isi/{b.id}/peluang", data={"peluang": "UBAH-SESUDAH-TTD"})
    db_session.expire_all()
    assert (
        db_session.scalar(select(func.count()).select_from(BarisCoaching).where(BarisCoaching.bimbingan_id == b.id))
        == n_baris
    )
    assert db_session.get(BimbinganKinerja, b.id).peluang != "UBAH-SESUDAH-TTD"
    assert 'id="terkunci"' in pegawai.get(f"/bimbingan/show/{b.id}").get_data(as_text=True)

    # the coach signs the other side: same content, same hash
    penilai.post(ttd)
    assert jumlah_tt() == 2
    tts = db_session.scalars(
        select(TandaTangan).where(TandaTangan.jenis_dokumen == "bimbingan", TandaTangan.dokumen_id == b.id)
    ).all()
    assert {t.peran for t in tts} == {"pegawai", "pimpinan"} and len({t.hash_sha256 for t in tts}) == 1
    assert (
        db_session.scalar(
            select(func.count())
            .select_from(AuditLog)
            .where(
                AuditLog.tabel == "tanda_tangan",
                AuditLog.aksi == "tanda_tangan",
                AuditLog.baris_id.in_([str(t.id) for t in tts]),
            )
        )
        == 2
    )
    # B.1.8 (filled after the session) stays open
    pegawai.post(f"/bimbingan/isi/{b.id}/b18", data={f"p{i}": "Setuju" for i in range(1, 10)})
    db_session.expire_all()
    assert db_session.scalar(select(func.count()).select_from(JawabanB18).where(JawabanB18.bimbingan_id == b.id)) == 9

    # print page and xlsx show both sign-offs in the signature blocks
    html = atasan.get(f"/bimbingan/cetak/{b.id}/B.1.6").get_data(as_text=True)
    assert html.count("Ditandatangani secara elektronik") == 2 and tts[0].hash_sha256[:16] in html
    r = atasan.get(f"/bimbingan/unduh/{b.id}/B.1.6")
    sel = " ".join(
        str(v)
        for row in load_workbook(io.BytesIO(r.data)).active.iter_rows(values_only=True)
        for v in row
        if v is not None
    )
    assert sel.count("Ditandatangani secara elektronik") == 2 and "STRATEGI-TTD" in sel


def test_mentoring_ditandatangani_pementor(login, db_session, orang, skp_2088):
    """B.1.7 by an assigned mentor: the mentor signs as "pimpinan"; the evaluator (to whom it is reported) cannot."""
    penilai = login("penilai")
    penilai.post("/bimbingan/buat", data={"skp_id": skp_2088, "jenis": "mentoring", "pembimbing": orang["konselor"]})
    m = db_session.scalar(
        select(BimbinganKinerja)
        .where(BimbinganKinerja.skp_id == skp_2088, BimbinganKinerja.jenis == "mentoring")
        .order_by(BimbinganKinerja.id.desc())
    )
    mentor = login("konselor")
    mentor.post(
        f"/bimbingan/isi/{m.id}/tujuan_mentoring",
        data={
            "keahlian_dikembangkan": "Analisis data",
            "jangka_waktu": "3 bulan",
            "perubahan_diharapkan": "Dasbor",
            "ukuran_keberhasilan": "Dasbor tersusun",
        },
    )
    penilai.post(f"/bimbingan/tandatangani/{m.id}")
    assert "hanya oleh pegawai" in ambil_flash(penilai)
    mentor.post(f"/bimbingan/tandatangani/{m.id}")
    db_session.expire_all()
    tt = db_session.scalar(
        select(TandaTangan).where(TandaTangan.jenis_dokumen == "bimbingan", TandaTangan.dokumen_id == m.id)
    )
    assert (tt.peran, tt.pegawai_id) == ("pimpinan", orang["konselor"])
    mentor.post(f"/bimbingan/isi/{m.id}/jurnal", data={"waktu_tempat": "JURNAL-SESUDAH", "materi": "x"})
    assert "B.1.7 sudah ditandatangani" in ambil_flash(mentor)
    assert "JURNAL-SESUDAH" not in penilai.get(f"/bimbingan/cetak/{m.id}/B.1.7").get_data(as_text=True)


# ------------------------------------------------------------------------------------------------ B.1.x forms


def _teks(ws) -> str:
    return " ".join(str(v) for row in ws.iter_rows(values_only=True) for v in row if v is not None)


def test_formulir_b_xlsx_tata_letak_dan_akses(login, db_session, orang, skp_2088):
    pegawai, asing = login("pegawai"), login("konselor")
    nip = db_session.get(Pegawai, orang["pegawai"]).nip
    for kode, url in (
        ("B.1.1", f"/pelaksanaan/skp/{skp_2088}/b11.xlsx"),
        ("B.1.2", f"/pelaksanaan/skp/{skp_2088}/b12.xlsx"),
        ("B.1.5", f"/pelaksanaan/skp/{skp_2088}/rekam.xlsx"),
    ):
        ws = buku_xlsx(pegawai.get(url)).active
        teks = _teks(ws)
        assert f"FORMAT {kode}" in teks and "PEGAWAI YANG DINILAI" in teks, kode
        assert ws.merged_cells.ranges, kode
        sel_nip = [c for row in ws.iter_rows() for c in row if isinstance(c.value, str) and nip in c.value]
        assert sel_nip and all(c.data_type == "s" for c in sel_nip), kode
        assert asing.get(url).status_code == 404, kode
    # B.1.5 (JA/JF quantitative): numbered columns (1)…(8) under merged headings
    ws = buku_xlsx(pegawai.get(f"/pelaksanaan/skp/{skp_2088}/rekam.xlsx")).active
    nomor = [[c.value for c in row] for row in ws.iter_rows() if row[0].value == "(1)"]
    assert nomor and nomor[0] == [f"({i})" for i in range(1, 9)]
    assert "UMPAN BALIK BERKELANJUTAN BERDASARKAN BUKTI DUKUNG" in _teks(ws)
    # the B.1.1 print page: A4 print CSS, both identity blocks, signature blocks
    html = pegawai.get(f"/pelaksanaan/skp/{skp_2088}/b11").get_data(as_text=True)
    assert "FORMAT B.1.1" in html and "@page" in html and "PEJABAT PENILAI KINERJA" in html
    assert "Pegawai yang Dinilai" in html and "Pejabat Penilai Kinerja" in html
    assert asing.get(f"/pelaksanaan/skp/{skp_2088}/b11").status_code == 404
    assert pegawai.get(f"/pelaksanaan/skp/{skp_2088}/b12.xlsx?periode=99").status_code == 404

    # B.1.6–B.1.9: readers of the record only
    penilai = login("penilai")
    penilai.post("/bimbingan/buat", data={"skp_id": skp_2088, "jenis": "coaching", "tanggal": f"{TAHUN}-06-02"})
    b = db_session.scalar(
        select(BimbinganKinerja.id).where(BimbinganKinerja.skp_id == skp_2088).order_by(BimbinganKinerja.id.desc())
    )
    for fmt in ("B.1.6", "B.1.7", "B.1.8", "B.1.9"):
        ws = buku_xlsx(pegawai.get(f"/bimbingan/unduh/{b}/{fmt}")).active
        assert f"FORMAT {fmt}" in _teks(ws) and ws.merged_cells.ranges, fmt
        assert asing.get(f"/bimbingan/unduh/{b}/{fmt}").status_code == 404, fmt
    assert "Diatas Memadai" in _teks(buku_xlsx(pegawai.get(f"/bimbingan/unduh/{b}/B.1.9")).active)
    assert pegawai.get(f"/bimbingan/unduh/{b}/B.1.99").status_code == 404

    # B.1.10: the reporting evaluator and PyB; every read (xlsx too) audited; others 404/403
    # (year 2086: the helper's feedback date; another subordinate, so test_pelaksanaan's cases are not in the way)
    skp_lain = skp_berlaku(db_session, orang["lain"], 2086, orang["penilai"], orang["atasan"])
    kons = laporkan_perilaku(penilai, db_session, skp_lain)
    try:
        _b110(login, db_session, penilai, pegawai, asing, kons.laporan_id)
    finally:  # close the case so the employee can be reported again by other tests
        db_session.execute(Konseling.__table__.update().where(Konseling.id == kons.id).values(status="ditindaklanjuti"))
        db_session.commit()


def _b110(login, db_session, penilai, pegawai, asing, lap):
    n = db_session.scalar(
        select(func.count())
        .select_from(AuditLog)
        .where(AuditLog.tabel == "laporan_perilaku", AuditLog.baris_id == str(lap), AuditLog.aksi == "baca")
    )
    teks = _teks(buku_xlsx(penilai.get(f"/laporanperilaku/unduh/{lap}")).active)
    assert "FORMAT B.1.10" in teks and "RETROSPEKTIF" in teks and "Sering menunda" in teks
    assert login("pyb").get(f"/laporanperilaku/unduh/{lap}").status_code == 200
    assert asing.get(f"/laporanperilaku/unduh/{lap}").status_code == 404  # a counsellor not appointed to it
    assert pegawai.get(f"/laporanperilaku/unduh/{lap}").status_code in (302, 403)  # Pegawai: no such permission
    db_session.expire_all()
    assert (
        db_session.scalar(
            select(func.count())
            .select_from(AuditLog)
            .where(AuditLog.tabel == "laporan_perilaku", AuditLog.baris_id == str(lap), AuditLog.aksi == "baca")
        )
        == n + 2
    )


def test_data_demo_pelatihan(db_session):
    jenis = set(db_session.scalars(select(PelatihanKinerja.jenis)))
    assert jenis == {"pelatihan_formal", "pelatihan_informal"}
    assert not db_session.scalar(
        select(func.count())
        .select_from(PelatihanKinerja)
        .where(PelatihanKinerja.tanggal_selesai < PelatihanKinerja.tanggal_mulai)
    )
    assert (
        db_session.scalar(
            select(func.count()).select_from(PelatihanKinerja).where(PelatihanKinerja.skp_id.in_(select(SKP.id)))
        )
        > 0
    )
