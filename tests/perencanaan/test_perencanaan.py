"""Perencanaan through HTTP: generated forms, drafting, cascading, workflow with in-app signatures,
immutability, versioning (000 Pasal 11), deadlines (001 Pasal 14; "Penetapan SKP" 4), scope per role, exports.

Each test works on its own year (2060–2071 — other modules' tests use 2031+ — or the past year 2020), so tests
neither depend on each other nor on order.
"""

from __future__ import annotations

import io
import re

import pytest
from openpyxl import load_workbook
from sqlalchemy import func, select

from schema.models import SKP, IndikatorKinerja, Jabatan, Pegawai, RencanaHasilKerja, TandaTangan, TugasBelajar
from tests import bantu
from tests.bantu import skp_buat, skp_iki, skp_post, skp_rhk, skp_siap_ajukan

_peg, _html = bantu.peg, bantu.html


# ------------------------------------------------------------------------------------------------ forms


def test_format_dibangkitkan_dari_jenis_jabatan(login, db_session):
    """001 "Penyusunan SKP" / forms A.1.x, 001 Lampiran: JPT → A.1.1/A.1.2 (perspektif, manual IKI), JA/JF → A.1.6/A.1.7."""
    db = db_session
    jpt = db.scalars(
        select(Pegawai)
        .join(Jabatan, Pegawai.jabatan_id == Jabatan.id)
        .where(Jabatan.jenis == "jpt_pratama", Pegawai.status == "aktif", Pegawai.user_id.is_(None))
    ).first()
    ja = db.scalars(
        select(Pegawai)
        .join(Jabatan, Pegawai.jabatan_id == Jabatan.id)
        .where(Jabatan.jenis == "pelaksana", Pegawai.status == "aktif", Pegawai.user_id.is_(None))
    ).first()
    c = login("operator")
    s_jpt = skp_buat(c, db, 2070, jpt.id)
    s_ja = skp_buat(c, db, 2070, ja.id)
    s_kual = skp_buat(c, db, 2071, ja.id, pendekatan="kualitatif")
    assert (s_jpt.format_skp, s_ja.format_skp, s_kual.format_skp) == ("A.1.2", "A.1.7", "A.1.6")
    assert s_jpt.ditetapkan_kepala_daerah and not s_ja.ditetapkan_kepala_daerah
    h_jpt = _html(c.get(f"/skp/show/{s_jpt.id}"))
    h_ja = _html(c.get(f"/skp/show/{s_ja.id}"))
    h_kual = _html(c.get(f"/skp/cetak/{s_kual.id}"))
    assert "PERSPEKTIF" in h_jpt and "Manual IKI (A.1.3)" not in h_jpt  # no RHK yet: manual form comes with one
    assert "PIMPINAN TINGGI DAN PIMPINAN UNIT KERJA MANDIRI" in h_jpt
    assert "RENCANA HASIL KERJA PIMPINAN YANG DIINTERVENSI" in h_ja and "ASPEK" in h_ja and "PERSPEKTIF" not in h_ja
    assert "(6)" in h_ja and "(6)" not in h_jpt and "(5)" in h_jpt
    assert "KUALITATIF BAGI PEJABAT ADMINISTRASI" in h_kual and "FORMAT A.1.6" in h_kual
    # the 7 BerAKHLAK values with their behaviours are attached automatically (001 Pasal 10(3))
    for nilai in ("Berorientasi Pelayanan", "Akuntabel", "Kompeten", "Harmonis", "Loyal", "Adaptif", "Kolaboratif"):
        assert nilai in h_ja
    assert "Tidak menyalahgunakan kewenangan jabatan" in h_ja
    # the JPT form asks for perspektif per IKI and carries the manual IKI fields; JA asks for aspek
    rhk, _ = skp_rhk(c, db, s_jpt, "Meningkatnya kualitas layanan dinas")
    h = skp_iki(c, db, s_jpt, rhk, perspektif="", aspek="")
    assert "Perspektif wajib dipilih" in h
    h = skp_iki(
        c, db, s_jpt, rhk, definisi="Persentase laporan", tingkat_kendali="outcome", periode_pelaporan="triwulanan"
    )
    assert "Indikator Kinerja Individu disimpan" in h and "MANUAL INDIKATOR KINERJA" in h
    rhk_ja, _ = skp_rhk(c, db, s_ja)
    assert "Aspek wajib dipilih" in skp_iki(c, db, s_ja, rhk_ja, aspek="")


def test_tidak_wajib_skp_ditolak(login, db_session):
    """001 Lampiran "Penetapan SKP" 7: no SKP for CLTN / MPP / diberhentikan sementara."""
    db = db_session
    p = db.scalars(select(Pegawai).where(Pegawai.status.in_(("cltn", "mpp", "diberhentikan_sementara")))).first()
    sebelum = db.scalar(select(func.count(SKP.id)))
    h = _html(login("operator").post("/skp/buat/", data={"pegawai": p.id, "tahun": 2070}, follow_redirects=True))
    assert "tidak berlaku" in h
    db.rollback()
    assert db.scalar(select(func.count(SKP.id))) == sebelum


# ------------------------------------------------------------------------------------------------ workflow


def test_alur_susun_ajukan_kembalikan_tetapkan_dan_terkunci(login, db_session):
    from app.queries.perencanaan import hash_skp

    db = db_session
    pen = _peg(db, "penilai")
    c, cp = login("pegawai"), login("penilai")
    skp = skp_buat(c, db, 2061)
    assert skp.status == "draf" and skp.penilai_id == pen.id and skp.format_skp in ("A.1.7", "A.1.6")
    # incomplete → refused with the missing parts named
    h = skp_post(c, f"/skp/ajukan/{skp.id}", db, skp)
    assert "SKP belum lengkap" in h and "Rencana Hasil Kerja utama" in h
    skp_siap_ajukan(c, db, skp)
    # the evaluator cannot set a draft
    assert "belum diajukan" in skp_post(cp, f"/skp/tetapkan/{skp.id}", db, skp)
    assert "ditandatangani dan diajukan" in skp_post(c, f"/skp/ajukan/{skp.id}", db, skp)
    db.rollback()
    assert db.get(SKP, skp.id).status == "diajukan"
    # while submitted the employee cannot edit
    assert "sedang diajukan" in skp_rhk(c, db, skp, "RHK tambahan")[1]
    # return needs a comment
    assert "Catatan pengembalian wajib diisi" in skp_post(cp, f"/skp/kembalikan/{skp.id}", db, skp, catatan="")
    skp_post(cp, f"/skp/kembalikan/{skp.id}", db, skp, catatan="Target belum terukur.")
    db.rollback()
    s = db.get(SKP, skp.id)
    assert s.status == "dikembalikan" and s.catatan_penilai == "Target belum terukur."
    assert "Target belum terukur." in _html(c.get(f"/skp/show/{skp.id}"))
    # the employee revises, re-submits; the evaluator adds a special expectation and sets it
    skp_rhk(c, db, skp, "Terkelolanya arsip unit")
    rhk2 = db.scalars(
        select(RencanaHasilKerja).where(RencanaHasilKerja.skp_id == skp.id).order_by(RencanaHasilKerja.id.desc())
    ).first()
    skp_iki(c, db, skp, rhk2, uraian="Jumlah arsip tertata", target_nilai="12", target_satuan="berkas")
    skp_post(c, f"/skp/ajukan/{skp.id}", db, skp)
    assert "Ekspektasi khusus pimpinan disimpan" in skp_post(
        cp, f"/skp/ekspektasi/{skp.id}", db, skp, ekspektasi_akuntabel="Laporan bulanan tepat waktu"
    )
    # the content changed after the employee signed: back to the employee, who re-signs (001 "Penetapan SKP" 1)
    db.rollback()
    assert db.get(SKP, skp.id).status == "dikembalikan"
    skp_post(c, f"/skp/ajukan/{skp.id}", db, skp)
    # the employee may not set own SKP
    assert skp_post(c, f"/skp/tetapkan/{skp.id}", db, skp) and db.get(SKP, skp.id).status == "diajukan"
    h = skp_post(cp, f"/skp/tetapkan/{skp.id}", db, skp)
    assert "ditetapkan dan ditandatangani" in h
    db.rollback()
    s = db.get(SKP, skp.id)
    assert s.status == "ditetapkan" and s.tanggal_ditetapkan is not None
    tts = db.scalars(
        select(TandaTangan)
        .where(TandaTangan.jenis_dokumen == "skp", TandaTangan.dokumen_id == skp.id)
        .order_by(TandaTangan.id)
    ).all()
    assert [t.peran for t in tts] == ["pegawai", "pegawai", "pegawai", "pejabat_penilai"]
    assert tts[-1].pegawai_id == pen.id and tts[-1].hash_sha256 == hash_skp(s) and len(tts[-1].hash_sha256) == 64
    assert "isi SKP sama dengan yang ditandatangani" in _html(c.get(f"/skp/show/{skp.id}"))
    # a signed version is immutable: every edit path is refused, nothing changes
    jumlah = db.scalar(select(func.count(RencanaHasilKerja.id)).where(RencanaHasilKerja.skp_id == skp.id))
    assert "sudah ditetapkan dan ditandatangani" in skp_rhk(c, db, skp, "RHK sesudah ditetapkan")[1]
    assert "sudah ditetapkan" in skp_post(c, f"/skp/rhk/{skp.id}/{rhk2.id}", db, skp, uraian="ubah", jenis="utama")
    assert "sudah ditetapkan" in skp_post(c, f"/skp/rhk/{skp.id}/{rhk2.id}/hapus", db, skp)
    assert "sudah ditetapkan" in skp_post(cp, f"/skp/ekspektasi/{skp.id}", db, skp, ekspektasi_akuntabel="x")
    assert "sudah ditetapkan" in skp_post(
        login("operator"), f"/skp/lampiran/{skp.id}", db, skp, jenis="konsekuensi", uraian="x"
    )
    db.rollback()
    assert db.scalar(select(func.count(RencanaHasilKerja.id)).where(RencanaHasilKerja.skp_id == skp.id)) == jumlah
    assert db.get(RencanaHasilKerja, rhk2.id).uraian == "Terkelolanya arsip unit"
    assert hash_skp(db.get(SKP, skp.id)) == tts[-1].hash_sha256
    # FAB's generic edit/delete are not reachable either
    assert cp.post(f"/skp/edit/{skp.id}", data={"status": "draf"}).status_code in (302, 403, 404, 405)
    db.rollback()
    assert db.get(SKP, skp.id).status == "ditetapkan"
    # rencana aksi and the 12-month timeline come after setting (003 Pasal 15)
    h = skp_post(c, f"/skp/aksi/{skp.id}", rhk_id=rhk2.id, bulan="3", uraian="Penataan arsip tahap 1", target="30%")
    assert "Rencana aksi disimpan" in h and "Penataan arsip tahap 1" in h
    assert "Bulan rencana aksi harus 1" in skp_post(c, f"/skp/aksi/{skp.id}", rhk_id=rhk2.id, bulan="13", uraian="x")


def test_data_basi_ditolak(login, db_session):
    """Optimistic lock: a form carrying an old version is refused with a clear message."""
    db = db_session
    c = login("pegawai")
    skp = skp_buat(c, db, 2062)
    lama = skp.versi
    skp_rhk(c, db, skp, "RHK pertama")
    h = _html(
        c.post(
            f"/skp/rhk/{skp.id}", data={"jenis": "utama", "uraian": "RHK basi", "versi": lama}, follow_redirects=True
        )
    )
    assert "Data telah diubah pengguna lain" in h
    db.rollback()
    assert not db.scalar(select(RencanaHasilKerja.id).where(RencanaHasilKerja.uraian == "RHK basi"))


def test_tautan_rhk_hanya_ke_rantai_pimpinan(login, db_session):
    """Cascading: an RHK links only to an RHK of a leader up the Jabatan.atasan_id chain, drafted in any order."""
    db = db_session
    c, cp, co = login("pegawai"), login("penilai"), login("operator")
    # the employee drafts first: the leader has no SKP yet, drafting does not wait
    skp = skp_buat(c, db, 2063)
    rhk, h = skp_rhk(c, db, skp, "RHK sebelum pimpinan menyusun")
    assert rhk.rhk_atasan_id is None and "belum memiliki SKP tahun 2063" in _html(c.get(f"/skp/show/{skp.id}"))
    # the leader drafts their own SKP later
    skp_pen = skp_buat(cp, db, 2063)
    rhk_pen, _ = skp_rhk(cp, db, skp_pen, "Meningkatnya layanan seksi")
    # someone outside the chain (another unit)
    peg = _peg(db, "pegawai")
    jalur = {peg.jabatan_id}
    j = db.get(Jabatan, peg.jabatan_id)
    while j.atasan_id:
        jalur.add(j.atasan_id)
        j = db.get(Jabatan, j.atasan_id)
    asing = db.scalars(
        select(Pegawai).where(Pegawai.status == "aktif", Pegawai.jabatan_id.not_in(jalur), Pegawai.user_id.is_(None))
    ).first()
    skp_asing = skp_buat(co, db, 2063, asing.id)
    rhk_asing, _ = skp_rhk(co, db, skp_asing, "RHK orang lain")
    # the select offers the leader's RHK only
    h = _html(c.get(f"/skp/show/{skp.id}"))
    assert "Meningkatnya layanan seksi" in h and "RHK orang lain" not in h
    # linking later, by editing: the leader's RHK is accepted
    h = skp_post(c, f"/skp/rhk/{skp.id}/{rhk.id}", db, skp, jenis="utama", uraian=rhk.uraian, rhk_atasan_id=rhk_pen.id)
    assert "Rencana Hasil Kerja disimpan" in h
    db.rollback()
    assert db.get(RencanaHasilKerja, rhk.id).rhk_atasan_id == rhk_pen.id
    # a non-leader's RHK is refused server-side, and nothing changes
    h = skp_post(c, f"/skp/rhk/{skp.id}/{rhk.id}", db, skp, jenis="utama", uraian="diubah", rhk_atasan_id=rhk_asing.id)
    assert "harus milik pimpinan dalam rantai atasan" in h
    db.rollback()
    r = db.get(RencanaHasilKerja, rhk.id)
    assert r.rhk_atasan_id == rhk_pen.id and r.uraian == "RHK sebelum pimpinan menyusun"
    # own RHK cannot be the "leader's" either
    h = skp_post(c, f"/skp/rhk/{skp.id}", db, skp, jenis="utama", uraian="x", rhk_atasan_id=rhk.id)
    assert "harus milik pimpinan" in h
    # the leader's MPPH shows the subordinate's intervening RHK under the leader's IKI, others "tidak ada peran"
    skp_iki(cp, db, skp_pen, rhk_pen)
    h = _html(cp.get(f"/skp/mpph/{skp_pen.id}"))
    assert "RHK sebelum pimpinan menyusun" in h and "TIDAK ADA PERAN" not in h.split("RHK sebelum")[0][-300:]
    r = cp.get(f"/skp/mpph/{skp_pen.id}/xlsx")
    ws = load_workbook(io.BytesIO(r.data)).active
    teks = [c.value for row in ws.iter_rows() for c in row if c.value]
    assert "MATRIKS PEMBAGIAN PERAN DAN HASIL" in teks and "RHK sebelum pimpinan menyusun" in teks
    # the employee cannot open the leader's MPPH (not their SKP)
    assert c.get(f"/skp/mpph/{skp_pen.id}").status_code == 404


def test_jabatan_atasan_kosong_dan_penilai_manual(login, db_session):
    """Vacant superior position → the next one up, visibly; the operator can set the evaluator by hand."""
    from app.queries.perencanaan import pemangku

    db = db_session
    import datetime as dt

    kosong = db.scalars(
        select(Jabatan).where(
            ~select(Pegawai.id).where(Pegawai.jabatan_id == Jabatan.id).exists(),
            Jabatan.jenis.in_(("pengawas", "administrator")),
        )
    ).all()
    target = None
    for j in kosong:
        if pemangku([j.id], dt.date.today()):
            continue  # a Plt holds it
        sub = db.scalars(
            select(Pegawai)
            .join(Jabatan, Pegawai.jabatan_id == Jabatan.id)
            .where(Jabatan.atasan_id == j.id, Pegawai.status == "aktif", Pegawai.user_id.is_(None))
        ).first()
        if sub is not None and j.atasan_id and pemangku([j.atasan_id], dt.date.today()):
            target = (j, sub)
            break
    assert target, "data demo harus memuat jabatan atasan yang kosong"
    j, sub = target
    co = login("operator")
    skp = skp_buat(co, db, 2064, sub.id)
    atasan_berikut = pemangku([j.atasan_id], dt.date.today())[j.atasan_id][0]
    assert skp.penilai_fallback and skp.penilai_id == atasan_berikut
    assert 'id="info-fallback"' in _html(co.get(f"/skp/show/{skp.id}"))
    pen = _peg(db, "penilai")
    h = skp_post(co, f"/skp/penilai/{skp.id}", db, skp, penilai=pen.id)
    assert "ditetapkan secara manual" in h
    db.rollback()
    s = db.get(SKP, skp.id)
    assert s.penilai_id == pen.id and s.penilai_manual and s.penilai_nama
    # only operators may do that
    assert login("pegawai").post(f"/skp/penilai/{skp.id}", data={"penilai": pen.id}).status_code in (302, 403, 404)


def test_jpt_ditetapkan_oleh_kepala_daerah(login, db_session):
    """001 Lampiran "Penetapan SKP" 2: JPT pratama → Kepala Daerah (PyB acts; never on own SKP; Admin may)."""
    db = db_session
    c = login("pyb")  # Kepala BKPSDM: a JPT pratama, also an employee
    skp = skp_buat(c, db, 2065)
    assert skp.format_skp == "A.1.2" and skp.ditetapkan_kepala_daerah
    rhk, _ = skp_rhk(c, db, skp, "Meningkatnya kualitas manajemen ASN", perspektif="penguatan_internal")
    skp_iki(c, db, skp, rhk, perspektif="penguatan_internal")
    assert "diajukan" in skp_post(c, f"/skp/ajukan/{skp.id}", db, skp)
    assert "SKP Anda sendiri" in skp_post(c, f"/skp/tetapkan/{skp.id}", db, skp)
    h = skp_post(login("operator"), f"/skp/tetapkan/{skp.id}", db, skp)
    db.rollback()
    assert db.get(SKP, skp.id).status == "diajukan"
    assert "ditetapkan dan ditandatangani" in skp_post(login("admin"), f"/skp/tetapkan/{skp.id}", db, skp)
    tt = db.scalars(
        select(TandaTangan)
        .where(TandaTangan.dokumen_id == skp.id, TandaTangan.jenis_dokumen == "skp")
        .order_by(TandaTangan.id.desc())
    ).first()
    assert tt.peran == "kepala_daerah"
    h = _html(c.get(f"/skp/cetak/{skp.id}"))
    assert "FORMAT A.1.3" in h and "MANUAL INDIKATOR KINERJA" in h and "Penguatan Internal" in h


def test_tenggat_lewat_diajukan_ke_atasan_penilai(login, db_session):
    """001 Lampiran "Penetapan SKP" 4: after end of January the employee may go to the evaluator's superior."""
    db = db_session
    c, ca = login("pegawai"), login("atasan")
    skp = skp_buat(c, db, 2020)
    assert skp.atasan_penilai_id == _peg(db, "atasan").id
    skp_siap_ajukan(c, db, skp)
    skp_post(c, f"/skp/ajukan/{skp.id}", db, skp)
    # the superior reads it but cannot set it before the routing
    assert ca.get(f"/skp/show/{skp.id}").status_code == 200
    assert "bukan pejabat penilai" in skp_post(ca, f"/skp/tetapkan/{skp.id}", db, skp)
    assert "diajukan kepada atasan" in skp_post(c, f"/skp/rute_atasan/{skp.id}", db, skp)
    db.rollback()
    assert db.get(SKP, skp.id).diajukan_ke_atasan
    assert "ditetapkan dan ditandatangani" in skp_post(ca, f"/skp/tetapkan/{skp.id}", db, skp)
    tt = db.scalars(
        select(TandaTangan)
        .where(TandaTangan.dokumen_id == skp.id, TandaTangan.jenis_dokumen == "skp")
        .order_by(TandaTangan.id.desc())
    ).first()
    assert tt.peran == "atasan_penilai"
    # before the deadline the routing is refused
    skp2 = skp_buat(c, db, 2066)
    skp_siap_ajukan(c, db, skp2)
    skp_post(c, f"/skp/ajukan/{skp2.id}", db, skp2)
    assert "belum lewat" in skp_post(c, f"/skp/rute_atasan/{skp2.id}", db, skp2)


# ------------------------------------------------------------------------------------------------ versions


def _skp_ditetapkan(login, db, tahun):
    c, cp = login("pegawai"), login("penilai")
    skp = skp_buat(c, db, tahun)
    skp_siap_ajukan(c, db, skp)
    skp_post(c, f"/skp/ajukan/{skp.id}", db, skp)
    skp_post(cp, f"/skp/tetapkan/{skp.id}", db, skp)
    db.rollback()
    assert db.get(SKP, skp.id).status == "ditetapkan"
    return skp


def test_perubahan_skp_berversi(login, db_session):
    """000 Pasal 11: a new version with an allowed reason; history lists every version with who, when and why."""
    db = db_session
    skp = _skp_ditetapkan(login, db, 2067)
    c, cp = login("pegawai"), login("penilai")
    assert "alasan perubahan SKP dari daftar" in skp_post(
        c, f"/skp/ubah/{skp.id}", db, skp, alasan="bosan", catatan="x"
    )
    assert "Uraian alasan perubahan wajib diisi" in skp_post(
        c, f"/skp/ubah/{skp.id}", db, skp, alasan="perubahan_strategi", catatan=""
    )
    h = skp_post(c, f"/skp/ubah/{skp.id}", db, skp, alasan="perubahan_strategi", catatan="Refocusing anggaran")
    assert "Versi baru SKP dibuat" in h
    db.rollback()
    baru = db.scalars(select(SKP).where(SKP.skp_sebelumnya_id == skp.id)).one()
    lama = db.get(SKP, skp.id)
    assert baru.versi_ke == 2 and baru.status == "draf" and not baru.aktif and lama.aktif
    salinan = db.scalars(select(RencanaHasilKerja).where(RencanaHasilKerja.skp_id == baru.id)).all()
    assert salinan and all(r.rhk_asal_id for r in salinan)
    assert (
        db.scalar(select(func.count(IndikatorKinerja.id)).where(IndikatorKinerja.rhk_id.in_([r.id for r in salinan])))
        >= 1
    )
    # only one pending change at a time
    assert "sedang disusun" in skp_post(c, f"/skp/ubah/{skp.id}", db, skp, alasan="sakit_cuti", catatan="x")
    skp_rhk(c, db, baru, "RHK baru setelah perubahan strategi")
    rhk_baru = db.scalars(
        select(RencanaHasilKerja).where(RencanaHasilKerja.skp_id == baru.id).order_by(RencanaHasilKerja.id.desc())
    ).first()
    skp_iki(c, db, baru, rhk_baru)
    skp_post(c, f"/skp/ajukan/{baru.id}", db, baru)
    skp_post(cp, f"/skp/tetapkan/{baru.id}", db, baru)
    db.rollback()
    lama, baru = db.get(SKP, skp.id), db.get(SKP, baru.id)
    assert (lama.status, lama.aktif, baru.status, baru.aktif) == ("diubah", False, "ditetapkan", True)
    assert lama.berlaku_selesai and baru.berlaku_mulai
    h = _html(c.get(f"/skp/riwayat/{baru.id}"))
    assert "Versi 1" in h and "Versi 2" in h and "Refocusing anggaran" in h and "Perubahan strategi" in h
    assert h.count("<code>") >= 4  # signatures of both versions (pegawai + penilai each)


def test_perubahan_kondisi_lain_perlu_persetujuan_kepala_daerah(login, db_session):
    """000 Pasal 11(3): "kondisi tertentu lainnya" needs the Kepala Daerah's approval (acted by PyB)."""
    db = db_session
    skp = _skp_ditetapkan(login, db, 2068)
    c, cp = login("pegawai"), login("penilai")
    skp_post(c, f"/skp/ubah/{skp.id}", db, skp, alasan="kondisi_lainnya", catatan="Penugasan khusus bupati")
    db.rollback()
    baru = db.scalars(select(SKP).where(SKP.skp_sebelumnya_id == skp.id)).one()
    skp_post(c, f"/skp/ajukan/{baru.id}", db, baru)
    assert "memerlukan persetujuan Kepala Daerah" in skp_post(cp, f"/skp/tetapkan/{baru.id}", db, baru)
    assert cp.post(f"/skp/setujui/{baru.id}").status_code in (302, 403)
    db.rollback()
    assert not db.get(SKP, baru.id).disetujui_kepala_daerah
    assert "disetujui" in skp_post(login("pyb"), f"/skp/setujui/{baru.id}", db, baru)
    assert "ditetapkan dan ditandatangani" in skp_post(cp, f"/skp/tetapkan/{baru.id}", db, baru)


# ------------------------------------------------------------------------------------------------ access


def test_cakupan_per_peran_daftar_detail_api_ekspor(login, db_session):
    db = db_session
    peg, pen, ats = _peg(db, "pegawai"), _peg(db, "penilai"), _peg(db, "atasan")
    skp_peg = db.scalars(select(SKP).where(SKP.pegawai_id == peg.id, SKP.tahun == 2026, SKP.aktif)).one()
    skp_pen = db.scalars(select(SKP).where(SKP.pegawai_id == pen.id, SKP.tahun == 2026, SKP.aktif)).one()
    skp_ats = db.scalars(select(SKP).where(SKP.pegawai_id == ats.id, SKP.tahun == 2026, SKP.aktif)).one()
    lain = db.scalars(
        select(SKP).where(
            SKP.pegawai_id.not_in((peg.id, pen.id, ats.id)),
            SKP.penilai_id.not_in((pen.id, ats.id)),
            SKP.atasan_penilai_id.not_in((pen.id, ats.id)),
        )
    ).first()
    harap = {  # user → (visible, hidden)
        "pegawai": ([skp_peg], [skp_pen, skp_ats, lain]),
        "penilai": ([skp_peg, skp_pen], [skp_ats, lain]),
        "atasan": ([skp_peg, skp_pen, skp_ats], [lain]),
        "operator": ([skp_peg, skp_pen, lain], []),
        "pyb": ([skp_peg, lain], []),
        "konselor": ([], [skp_peg, lain]),
    }
    for user, (lihat, tidak) in harap.items():
        c = login(user)
        for s in lihat:
            assert c.get(f"/skp/show/{s.id}").status_code == 200, (user, s.id)
            assert c.get(f"/api/v1/skp/{s.id}").status_code == 200, (user, s.id)
        for s in tidak:
            assert c.get(f"/skp/show/{s.id}").status_code == 404, (user, s.id)
            assert c.get(f"/skp/cetak/{s.id}").status_code == 404, (user, s.id)
            assert c.get(f"/skp/unduh/{s.id}").status_code == 404, (user, s.id)
            assert c.get(f"/api/v1/skp/{s.id}").status_code == 404, (user, s.id)
            assert c.post(f"/skp/rhk/{s.id}", data={"uraian": "x"}).status_code in (403, 404, 302), (user, s.id)
            rhk = db.scalar(select(RencanaHasilKerja.id).where(RencanaHasilKerja.skp_id == s.id))
            if rhk:
                assert c.get(f"/api/v1/rencana_hasil_kerja/{rhk}").status_code in (403, 404), (user, rhk)
    # list and API list of the employee: only own
    c = login("pegawai")
    d = c.get("/api/v1/skp/?q=(page_size:100)").get_json()
    assert {r["pegawai"]["id"] for r in d["result"]} == {peg.id}
    html = _html(c.get("/skp/list/?psize_SKPView=100"))
    assert peg.nip in html and pen.nip not in html
    # export follows the scope
    ws = load_workbook(io.BytesIO(login("penilai").get("/skp/ekspor/").data), read_only=True).active
    nips = {row[2] for row in ws.iter_rows(min_row=8, values_only=True)}
    assert peg.nip in nips and (lain.pegawai_nip not in nips)
    # the API is read-only
    assert login("operator").post("/api/v1/skp/", json={"tahun": 2026}).status_code in (404, 405)
    # the pegawai lookup of the list filter does not leak other employees
    r = c.get("/skp/lookup/pegawai?q=")
    assert {x["id"] for x in r.get_json()["results"]} <= {peg.id}


def test_tim_pemantau_membaca_unit_yang_dipantau(login, db_session):
    from schema.models import AnggotaTim, PenugasanTim, TimPemantau

    db = db_session
    tim = _peg(db, "tim")
    unit = set(
        db.scalars(
            select(PenugasanTim.unit_kerja_id)
            .join(TimPemantau, TimPemantau.id == PenugasanTim.tim_id)
            .where(
                TimPemantau.aktif,
                PenugasanTim.tim_id.in_(select(AnggotaTim.tim_id).where(AnggotaTim.pegawai_id == tim.id)),
            )
        )
    )
    c = login("tim")
    d = c.get("/api/v1/skp/?q=(page_size:500)").get_json()
    terlihat = {r["unit_kerja"]["id"] for r in d["result"]} if d["result"] else set()
    assert terlihat <= unit | {tim.unit_kerja_id}
    luar = db.scalars(select(SKP).where(SKP.unit_kerja_id.not_in(unit or {0}), SKP.pegawai_id != tim.id)).first()
    assert c.get(f"/skp/show/{luar.id}").status_code == 404
    # read-only: no drafting or setting
    assert c.post(f"/skp/tetapkan/{luar.id}").status_code in (302, 403)


def test_daftar_skp_jumlah_sql_terbatas(login, hitung_sql):
    c = login("operator")
    c.get("/skp/list/")
    n = []
    for ukuran in (5, 50):
        with hitung_sql() as h:
            assert c.get(f"/skp/list/?psize_SKPView={ukuran}").status_code == 200
        n.append(h.n)
    assert n[0] == n[1], n


# ------------------------------------------------------------------------------------------------ deadlines


def test_halaman_skp_belum_ditetapkan(login, db_session):
    from app.queries.perencanaan import STATUS_WAJIB_SKP

    db = db_session
    h = _html(login("operator").get("/skp/belum/?tahun=2026"))
    wajib = db.scalar(select(func.count(Pegawai.id)).where(Pegawai.status.in_(STATUS_WAJIB_SKP)))
    assert f"Wajib SKP: <strong>{wajib}</strong>" in h
    ditetapkan = db.scalar(
        select(func.count(SKP.id)).where(
            SKP.tahun == 2026,
            SKP.aktif,
            SKP.status == "ditetapkan",
            SKP.pegawai_id.in_(select(Pegawai.id).where(Pegawai.status.in_(STATUS_WAJIB_SKP))),
        )
    )
    assert f"belum ditetapkan: <strong>{wajib - ditetapkan}</strong>" in h
    # overdue (2026 deadline passed) units are listed, most unset first
    angka = [int(x) for x in re.findall(r"<td><strong>(\d+)</strong></td></tr>", h)]
    assert angka and angka == sorted(angka, reverse=True)
    # the evaluator sees their team with the demo employee's submitted SKP
    peg = _peg(db, "pegawai")
    h = _html(login("penilai").get("/skp/belum/?tahun=2026"))
    assert 'id="tabel-belum-tim"' in h and peg.nip in h and "Diajukan" in h
    assert 'id="tabel-belum-unit"' not in h


# ------------------------------------------------------------------------------------------------ print/xlsx


def test_cetak_dan_excel_format_a17(login, db_session):
    db = db_session
    peg = _peg(db, "pegawai")
    skp = db.scalars(select(SKP).where(SKP.pegawai_id == peg.id, SKP.tahun == 2026, SKP.aktif)).one()
    c = login("pegawai")
    h = _html(c.get(f"/skp/cetak/{skp.id}"))
    assert f"FORMAT {skp.format_skp}" in h and "@page" in h and "PEGAWAI YANG DINILAI" in h
    assert "PEJABAT PENILAI KINERJA" in h and "LAMPIRAN SASARAN KINERJA PEGAWAI" in h
    r = c.get(f"/skp/unduh/{skp.id}")
    assert r.status_code == 200
    wb = load_workbook(io.BytesIO(r.data))
    ws = wb.worksheets[0]
    nilai = [cell.value for row in ws.iter_rows() for cell in row if cell.value is not None]
    if skp.format_skp == "A.1.7":
        assert all(f"({i})" in nilai for i in range(1, 7))
        assert "RENCANA HASIL KERJA PIMPINAN YANG DIINTERVENSI*" in nilai
    assert ws.merged_cells.ranges and "A.1.8" in wb.worksheets[1]["A1"].value
    assert skp.pegawai_nip in " ".join(str(v) for v in nilai)
    # register of the list
    ws = load_workbook(io.BytesIO(login("operator").get("/skp/ekspor/").data), read_only=True).active
    assert next(ws.iter_rows(min_row=1, max_row=1, values_only=True))[0] == "REGISTER SASARAN KINERJA PEGAWAI"


def test_excel_skp_menetralkan_rumus(login, db_session):
    db = db_session
    c = login("pegawai")
    skp = skp_buat(c, db, 2069)
    skp_rhk(c, db, skp, '=HYPERLINK("http://x")')
    wb = load_workbook(io.BytesIO(c.get(f"/skp/unduh/{skp.id}").data))
    sel = [
        cell
        for row in wb.worksheets[0].iter_rows()
        for cell in row
        if isinstance(cell.value, str) and "HYPERLINK" in cell.value
    ]
    assert sel and all(cell.data_type == "s" for cell in sel)


# ------------------------------------------------------------------------------------------------ variants/demo


def test_skp_tugas_belajar(login, db_session):
    """001 "Penyusunan SKP bagi pegawai yang melaksanakan tugas belajar": academic results and timeliness."""
    db = db_session
    tb = db.scalars(
        select(TugasBelajar)
        .join(Pegawai, Pegawai.id == TugasBelajar.pegawai_id)
        .where(Pegawai.status == "tugas_belajar")
    ).first()
    tahun = tb.mulai.year
    skp = skp_buat(login("operator"), db, tahun, tb.pegawai_id)
    assert skp.is_tugas_belajar
    uraian = [r.uraian for r in db.scalars(select(RencanaHasilKerja).where(RencanaHasilKerja.skp_id == skp.id))]
    assert any("hasil akademik" in u for u in uraian) and any("Ketepatan waktu" in u for u in uraian)
    h = _html(login("operator").get(f"/skp/show/{skp.id}"))
    assert "Tugas belajar" in h and "Indeks Prestasi Kumulatif" in h


def test_data_demo_memuat_semua_status(db_session):
    from app.queries.perencanaan import hash_skp

    db = db_session
    status = set(db.scalars(select(SKP.status).where(SKP.tahun == 2026).distinct()))
    assert {"draf", "diajukan", "dikembalikan", "ditetapkan", "diubah"} <= status
    for s in db.scalars(select(SKP).where(SKP.tahun == 2026, SKP.status == "ditetapkan").limit(20)):
        tt = db.scalars(
            select(TandaTangan)
            .where(TandaTangan.jenis_dokumen == "skp", TandaTangan.dokumen_id == s.id)
            .order_by(TandaTangan.id.desc())
        ).first()
        assert tt.hash_sha256 == hash_skp(s)
    assert db.scalar(select(func.count(RencanaHasilKerja.id)).where(RencanaHasilKerja.rhk_atasan_id.is_not(None)))
    assert db.scalar(select(func.count(RencanaHasilKerja.id)).where(RencanaHasilKerja.rhk_atasan_id.is_(None)))
    assert db.scalar(select(func.count(SKP.id)).where(SKP.versi_ke == 2, SKP.aktif))
    peg, pen = _peg(db, "pegawai"), _peg(db, "penilai")
    assert db.scalar(select(SKP.status).where(SKP.pegawai_id == peg.id, SKP.tahun == 2026, SKP.aktif)) == "diajukan"
    assert db.scalar(select(SKP.status).where(SKP.pegawai_id == pen.id, SKP.tahun == 2026, SKP.aktif)) == "ditetapkan"
    assert db.scalar(
        select(func.count(SKP.id)).where(SKP.penilai_id == pen.id, SKP.status == "draf", SKP.tahun == 2026)
    )


@pytest.mark.parametrize("user", ["pegawai", "penilai", "atasan", "operator", "pyb", "tim", "admin"])
def test_halaman_perencanaan_per_peran_tanpa_galat(login, user):
    """Every page of the menu renders for every role that has it (RHK/IKI registers and APIs are scoped)."""
    c = login(user)
    for url in (
        "/skp/list/",
        "/skp/belum/",
        "/rencanahasilkerja/list/",
        "/indikatorkinerja/list/",
        "/api/v1/rencana_hasil_kerja/",
        "/api/v1/indikator_kinerja/",
        "/skp/ekspor/",
        "/rencanahasilkerja/ekspor/",
    ):
        assert c.get(url).status_code == 200, (user, url)
    assert c.get("/skp/mpph/").status_code in (200, 302)
    # every demo login is also an employee (own SKP), so everyone may draft their own
    assert c.get("/skp/buat/").status_code == 200


def test_rhk_dan_iki_api_mengikuti_cakupan_skp(login, db_session):
    db = db_session
    peg = _peg(db, "pegawai")
    milik = set(
        db.scalars(
            select(RencanaHasilKerja.id).join(SKP, SKP.id == RencanaHasilKerja.skp_id).where(SKP.pegawai_id == peg.id)
        )
    )
    d = login("pegawai").get("/api/v1/rencana_hasil_kerja/?q=(page_size:500)").get_json()
    assert {r["id"] for r in d["result"]} == milik
    d = login("pegawai").get("/api/v1/indikator_kinerja/?q=(page_size:500)").get_json()
    iki = set(db.scalars(select(IndikatorKinerja.id).where(IndikatorKinerja.rhk_id.in_(milik))))
    assert {r["id"] for r in d["result"]} == iki
