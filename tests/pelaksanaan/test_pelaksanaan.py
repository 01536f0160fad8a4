"""Pelaksanaan dan pembinaan through HTTP: counselling confidentiality (R11, 000 Pasal 16(5)), feedback
(R9, 001 Pasal 17–18), documentation with uploads (B.1.2), progress decisions and take-over (001 Pasal 19(6)–(8)),
coaching (R12, 000 Lampiran D.4), printable B.1.x and Excel.

Each test works on SKP it creates itself (years 2086+ for demo employees, so the demo's own SKP stay untouched).
"""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import pytest
from openpyxl import load_workbook
from sqlalchemy import func, select

from app.rules import StatusKonseling
from schema.models import (
    SKP,
    AuditLog,
    BimbinganKinerja,
    BuktiDukung,
    Konseling,
    LaporanPerilaku,
    NilaiInti,
    NilaiKompetensi,
    Pegawai,
    PermintaanUmpanBalik,
    Realisasi,
    RencanaHasilKerja,
    TindakanProgresRecord,
    UmpanBalik,
)
from tests.bantu import PDF, ambil_flash, beri_umpan_balik, laporkan_perilaku, rhk_skp, skp_berlaku


@pytest.fixture(scope="module")
def skp_uji(app, orang):
    from app.extensions import db

    with app.app_context():
        return skp_berlaku(db.session, orang["pegawai"], 2086, orang["penilai"], orang["atasan"])


def _audit_baca(db_session, kid) -> int:
    return db_session.scalar(
        select(func.count())
        .select_from(AuditLog)
        .where(AuditLog.tabel == "konseling", AuditLog.baris_id == str(kid), AuditLog.aksi == "baca")
    )


# ------------------------------------------------------------------------------------------------ R11 counselling


def test_konseling_alur_kerahasiaan_dan_audit(login, db_session, orang, skp_uji):
    """000 Pasal 16(2)–(5), 17(2): report → daftar → appointed independent counsellor → result to PyB only."""
    penilai, pyb, konselor = login("penilai"), login("pyb"), login("konselor")
    kons = laporkan_perilaku(penilai, db_session, skp_uji)
    assert kons.status == StatusKonseling.DILAPORKAN.value
    kid = kons.id

    # laporan without feedback evidence is refused (000 Pasal 16(2)) — nothing written
    n = db_session.scalar(select(func.count()).select_from(LaporanPerilaku))
    penilai.post(f"/laporanperilaku/buat/{skp_uji}", data={"permasalahan": "x", "retrospektif": "y"})
    assert db_session.scalar(select(func.count()).select_from(LaporanPerilaku)) == n

    # the daftar: PyB sees the case; operator, tim and the employee himself cannot open the list or the record
    assert pyb.get("/konseling/list/").status_code == 200
    for u in ("operator", "tim", "pegawai"):
        c = login(u)
        assert c.get("/konseling/list/").status_code in (302, 403), u
        assert c.get(f"/konseling/show/{kid}").status_code in (302, 403), u
        assert c.get("/konseling/ekspor/").status_code in (302, 403), u
    # no REST API for counselling at all
    assert pyb.get("/api/v1/konseling/").status_code == 404
    assert pyb.get(f"/api/v1/konseling/{kid}").status_code == 404

    # PyB decides and appoints an independent counsellor; a stale version is refused
    sebelum = _audit_baca(db_session, kid)
    assert pyb.get(f"/konseling/show/{kid}").status_code == 200
    assert _audit_baca(db_session, kid) == sebelum + 1
    r = pyb.post(
        f"/konseling/tetapkan/{kid}",
        data={"versi": "999", "jenis_konselor": "independen", "konselor": orang["konselor"]},
    )
    assert r.status_code == 302 and "diubah pengguna lain" in ambil_flash(pyb)
    db_session.expire_all()
    kons = db_session.get(Konseling, kid)
    assert kons.status == "dilaporkan"
    # skipping a step is refused (transisi_konseling_valid)
    pyb.post(f"/konseling/jadwalkan/{kid}", data={"versi": kons.versi, "jadwal": "2086-07-01T09:00", "tempat": "R1"})
    db_session.expire_all()
    assert db_session.get(Konseling, kid).status == "dilaporkan"
    # the counselled employee cannot be their own counsellor
    pyb.post(
        f"/konseling/tetapkan/{kid}",
        data={"versi": kons.versi, "jenis_konselor": "independen", "konselor": orang["pegawai"]},
    )
    assert "tidak boleh" in ambil_flash(pyb)
    pyb.post(
        f"/konseling/tetapkan/{kid}",
        data={"versi": kons.versi, "jenis_konselor": "independen", "konselor": orang["konselor"]},
    )
    db_session.expire_all()
    kons = db_session.get(Konseling, kid)
    assert (kons.status, kons.konselor_id) == ("ditetapkan_konseling", orang["konselor"])
    pyb.post(
        f"/konseling/jadwalkan/{kid}",
        data={"versi": kons.versi, "jadwal": "2086-07-01T09:00", "tempat": "Ruang konseling"},
    )
    db_session.expire_all()
    kons = db_session.get(Konseling, kid)
    assert kons.status == "dijadwalkan" and kons.jadwal == dt.datetime(2086, 7, 1, 9, 0)

    # only the appointed counsellor records the result; PyB cannot
    pyb.post(f"/konseling/hasil/{kid}", data={"versi": kons.versi, "hasil": "tidak boleh"})
    assert login("pyb").get(f"/konseling/hasil/{kid}").status_code in (403, 405)
    assert konselor.get(f"/konseling/show/{kid}").status_code == 200
    rahasia = "RAHASIA-HASIL-7f3a: pegawai berkomitmen memperbaiki kehadiran."
    konselor.post(f"/konseling/hasil/{kid}", data={"versi": kons.versi, "hasil": rahasia})
    db_session.expire_all()
    kons = db_session.get(Konseling, kid)
    assert kons.status == "selesai" and kons.hasil == rahasia
    # the confidential text never lands in the audit trail
    assert not db_session.scalar(
        select(func.count())
        .select_from(AuditLog)
        .where((AuditLog.sesudah.contains("RAHASIA-HASIL")) | (AuditLog.sebelum.contains("RAHASIA-HASIL")))
    )

    # independent counsellor → result to PyB only (001 "Pembinaan Kinerja" 5 c) 2) (d)): not the evaluator chain
    assert rahasia in pyb.get(f"/konseling/show/{kid}").get_data(as_text=True)
    assert rahasia in konselor.get(f"/konseling/show/{kid}").get_data(as_text=True)
    for u in ("penilai", "atasan"):
        assert login(u).get(f"/konseling/show/{kid}").status_code == 404, u
        assert login(u).get("/konseling/list/").status_code == 200
    # the system Admin is outside the R11 circle: not even the case is shown
    assert login("admin").get(f"/konseling/show/{kid}").status_code == 404

    # follow-up by the receiver (PyB for an independent counsellor), not by the counsellor
    konselor.post(f"/konseling/tindak_lanjut/{kid}", data={"versi": kons.versi, "tindak_lanjut": "x"})
    db_session.expire_all()
    assert db_session.get(Konseling, kid).status == "selesai"
    pyb.post(
        f"/konseling/tindak_lanjut/{kid}",
        data={"versi": kons.versi, "tindak_lanjut": "Pemantauan bulanan oleh atasan."},
    )
    db_session.expire_all()
    assert db_session.get(Konseling, kid).status == "ditindaklanjuti"

    # PyB's restricted export: the case is there, the result is not; the export is audited
    r = pyb.get("/konseling/ekspor/")
    assert r.status_code == 200
    ws = load_workbook(io.BytesIO(r.data), read_only=True).active
    sel = [str(v) for row in ws.iter_rows(values_only=True) for v in row if v is not None]
    nip = db_session.get(Pegawai, orang["pegawai"]).nip
    assert nip in sel and not any("RAHASIA-HASIL" in v or "Pemantauan bulanan" in v for v in sel)
    assert "Hasil" not in " ".join(str(v) for v in next(ws.iter_rows(min_row=7, max_row=7, values_only=True)))
    assert login("konselor").get("/konseling/ekspor/").status_code in (302, 403)
    assert (
        db_session.scalar(
            select(func.count())
            .select_from(AuditLog)
            .where(AuditLog.tabel == "konseling", AuditLog.aksi == "baca", AuditLog.baris_id.is_(None))
        )
        >= 1
    )
    # every read of the record was audited (PyB, counsellor … reads above; the Admin was refused)
    assert _audit_baca(db_session, kid) == sebelum + 4


def test_laporan_perilaku_rahasia_dari_admin_dan_jejak_audit(login, db_session, orang):
    """B.1.10 stays in the R11 circle (000 Pasal 16): the system Admin neither lists nor opens it, and its audit
    rows say who/when/which fields — never the text (also on the audit page and in the audit export)."""
    bebas = db_session.scalar(
        select(Pegawai.id)
        .where(
            Pegawai.id.not_in(select(LaporanPerilaku.pegawai_id)),
            Pegawai.user_id.is_(None),
            Pegawai.jabatan_id.is_not(None),
            Pegawai.unit_kerja_id.is_not(None),
        )
        .order_by(Pegawai.id.desc())
    )
    skp = skp_berlaku(db_session, bebas, 2086, orang["penilai"], orang["atasan"])
    kons = laporkan_perilaku(login("penilai"), db_session, skp)
    lap_id = kons.laporan_id
    admin = login("admin")
    for url in (f"/laporanperilaku/show/{lap_id}", f"/laporanperilaku/cetak/{lap_id}", f"/konseling/show/{kons.id}"):
        assert admin.get(url).status_code == 404, url
    assert "Sering menunda" not in admin.get("/laporanperilaku/list/").get_data(as_text=True)
    assert login("pyb").get(f"/laporanperilaku/show/{lap_id}").status_code == 200
    baris = db_session.scalars(
        select(AuditLog).where(AuditLog.tabel == "laporan_perilaku", AuditLog.baris_id == str(lap_id))
    ).all()
    assert baris and any("[rahasia]" in (a.sesudah or "") for a in baris)
    for a in baris:
        isi = (a.sebelum or "") + (a.sesudah or "")
        assert "Sering menunda" not in isi and "umpan balik langsung" not in isi
        halaman = admin.get(f"/auditlogview/show/{a.id}").get_data(as_text=True)
        assert "Sering menunda" not in halaman and (a.aksi != "tambah" or "permasalahan" in halaman)


def test_konseling_pejabat_konseling_dibaca_penilai_dan_atasan(login, db_session, orang):
    """Counselling official → result to the evaluator and the evaluator's superior (001 "Pembinaan Kinerja"
    5 c) 2) (d)); they decide the follow-up; a peer / tim / operator never reads it."""
    skp = skp_berlaku(db_session, orang["lain"], 2086, orang["penilai"], orang["atasan"])
    penilai, pyb, konselor = login("penilai"), login("pyb"), login("konselor")
    kons = laporkan_perilaku(penilai, db_session, skp)
    kid = kons.id
    # a second open case for the same employee is refused
    nid = db_session.scalar(select(NilaiInti.id).order_by(NilaiInti.urutan))
    beri_umpan_balik(penilai, skp, f"nilai:{nid}")
    ub = db_session.scalar(select(UmpanBalik.id).where(UmpanBalik.skp_id == skp).order_by(UmpanBalik.id.desc()))
    r = penilai.post(
        f"/laporanperilaku/buat/{skp}", data={"permasalahan": "a", "retrospektif": "b", "bukti": [str(ub)]}
    )
    assert r.status_code == 200 and "sudah tercatat" in r.get_data(as_text=True)
    # before a counsellor is appointed the evaluator does not read the case
    assert penilai.get(f"/konseling/show/{kid}").status_code == 404
    # the report itself: the evaluator and PyB read it (audited); a peer does not
    lap_id = db_session.get(Konseling, kid).laporan_id
    assert "FORMAT B.1.10" in penilai.get(f"/laporanperilaku/cetak/{lap_id}").get_data(as_text=True)
    assert pyb.get(f"/laporanperilaku/show/{lap_id}").status_code == 200
    assert login("pegawai").get(f"/laporanperilaku/show/{lap_id}").status_code in (302, 403)
    assert login("tim").get(f"/laporanperilaku/show/{lap_id}").status_code in (302, 403)

    v = db_session.get(Konseling, kid).versi
    pyb.post(
        f"/konseling/tetapkan/{kid}",
        data={"versi": v, "jenis_konselor": "pejabat_konseling", "konselor": orang["konselor"]},
    )
    db_session.expire_all()
    v = db_session.get(Konseling, kid).versi
    pyb.post(f"/konseling/jadwalkan/{kid}", data={"versi": v, "jadwal": "2086-08-01T10:00", "tempat": "BKPSDM"})
    db_session.expire_all()
    v = db_session.get(Konseling, kid).versi
    konselor.post(f"/konseling/hasil/{kid}", data={"versi": v, "hasil": "HASIL-PK-91: sepakat memperbaiki."})
    for u in ("penilai", "atasan", "pyb", "konselor"):
        assert "HASIL-PK-91" in login(u).get(f"/konseling/show/{kid}").get_data(as_text=True), u
    for u in ("pegawai", "operator", "tim"):
        assert login(u).get(f"/konseling/show/{kid}").status_code in (302, 403), u
    # the counselled employee (Pegawai role only) cannot read it either
    # follow-up: decided by the evaluator (a receiver); PyB is not a receiver here
    db_session.expire_all()
    v = db_session.get(Konseling, kid).versi
    pyb.post(f"/konseling/tindak_lanjut/{kid}", data={"versi": v, "tindak_lanjut": "x"})
    db_session.expire_all()
    assert db_session.get(Konseling, kid).status == "selesai"
    penilai.post(f"/konseling/tindak_lanjut/{kid}", data={"versi": v, "tindak_lanjut": "Pembinaan lanjutan."})
    db_session.expire_all()
    assert db_session.get(Konseling, kid).status == "ditindaklanjuti"


# ------------------------------------------------------------------------------------------------ R9 feedback


def test_umpan_balik_pimpinan_permintaan_dan_cakupan(login, db_session, orang, skp_uji):
    rhk = rhk_skp(db_session, skp_uji)
    atasan, pegawai, tim = login("atasan"), login("pegawai"), login("tim")
    n = db_session.scalar(select(func.count()).select_from(UmpanBalik).where(UmpanBalik.skp_id == skp_uji))
    # the leader (here the evaluator's superior) gives feedback on an RHK, positive
    assert (
        beri_umpan_balik(atasan, skp_uji, f"rhk:{rhk[0].id}", positif="1", uraian="UB-ATASAN-1 hasil baik").status_code
        == 302
    )
    ub = db_session.scalar(select(UmpanBalik).where(UmpanBalik.uraian == "UB-ATASAN-1 hasil baik"))
    assert (ub.relasi, ub.positif, ub.rhk_id, ub.nilai_inti_id) == ("pimpinan", True, rhk[0].id, None)
    assert (ub.tahun, ub.periode_nomor) == (2086, 3)  # the documentation period (bulanan by default)
    # bad input: positif not marked, unknown target, date outside the SKP year → refused, nothing written
    beri_umpan_balik(atasan, skp_uji, f"rhk:{rhk[0].id}", positif="")
    assert "positif" in ambil_flash(atasan)
    beri_umpan_balik(atasan, skp_uji, "rhk:999999")
    assert "tidak ditemukan" in ambil_flash(atasan)
    beri_umpan_balik(atasan, skp_uji, f"rhk:{rhk[0].id}", tanggal="2085-12-31")
    assert "tahun SKP" in ambil_flash(atasan)
    # the employee cannot give feedback to himself; a peer without a request cannot reach the SKP at all
    beri_umpan_balik(pegawai, skp_uji, f"rhk:{rhk[0].id}")
    assert "diri sendiri" in ambil_flash(pegawai)
    r = beri_umpan_balik(tim, skp_uji, f"rhk:{rhk[0].id}")  # 404 when outside the team's units, else refused
    assert r.status_code == 404 or "atas permintaan" in ambil_flash(tim)
    db_session.expire_all()
    assert db_session.scalar(select(func.count()).select_from(UmpanBalik).where(UmpanBalik.skp_id == skp_uji)) == n + 1

    # two-way: the employee asks a colleague (outside the SKP's scope), who then answers through the request
    rekan = login("konselor")
    assert rekan.get(f"/pelaksanaan/skp/{skp_uji}").status_code == 404
    r = pegawai.post(
        f"/permintaanumpanbalik/minta/{skp_uji}", data={"diminta_kepada": orang["konselor"], "pesan": "Mohon masukan"}
    )
    assert r.status_code == 302
    p = db_session.scalar(
        select(PermintaanUmpanBalik)
        .where(PermintaanUmpanBalik.skp_id == skp_uji, PermintaanUmpanBalik.diminta_kepada_id == orang["konselor"])
        .order_by(PermintaanUmpanBalik.id.desc())
    )
    assert p.status == "diminta"
    assert "Jawab:" in rekan.get("/permintaanumpanbalik/list/").get_data(as_text=True)
    halaman = rekan.get(f"/permintaanumpanbalik/jawab/{p.id}")
    assert halaman.status_code == 200 and rhk[0].uraian in halaman.get_data(as_text=True)
    assert login("tim").get(f"/permintaanumpanbalik/jawab/{p.id}").status_code == 404
    nid = db_session.scalar(select(NilaiInti.id).order_by(NilaiInti.urutan.desc()))
    assert (
        beri_umpan_balik(rekan, skp_uji, f"nilai:{nid}", positif="1", uraian="UB-REKAN-1 kolaboratif").status_code
        == 302
    )
    db_session.expire_all()
    ub2 = db_session.scalar(select(UmpanBalik).where(UmpanBalik.uraian == "UB-REKAN-1 kolaboratif"))
    assert ub2.nilai_inti_id == nid and ub2.permintaan_id == p.id and ub2.relasi != "pimpinan"
    assert db_session.get(PermintaanUmpanBalik, p.id).status == "dijawab"

    # scope: the API lists the employee's own SKP feedback only; operator has no access
    js = pegawai.get("/api/v1/umpan_balik/?q=(page_size:100)").get_json()
    skp_ids = {x["skp"]["id"] for x in js["result"]}
    assert skp_uji in skp_ids and skp_ids <= set(
        db_session.scalars(select(SKP.id).where(SKP.pegawai_id == orang["pegawai"]))
    )
    # the operator (also an employee) reads only feedback on their own SKP — the operator role adds nothing here
    op = login("operator")
    assert "UB-ATASAN-1" not in op.get("/umpanbalik/list/?psize_UmpanBalikView=100").get_data(as_text=True)
    assert skp_uji not in {
        x["skp"]["id"] for x in op.get("/api/v1/umpan_balik/?q=(page_size:100)").get_json()["result"]
    }
    assert op.get(f"/api/v1/umpan_balik/{ub.id}").status_code == 404
    assert login("konselor").get(f"/api/v1/umpan_balik/{ub.id}").status_code == 404
    # the giver sees what he gave, not the rest of the SKP's feedback
    teks = rekan.get("/umpanbalik/list/?psize_UmpanBalikView=100").get_data(as_text=True)
    assert "UB-REKAN-1" in teks and "UB-ATASAN-1" not in teks

    # the feedback record (B.1.5 for a JA/JF quantitative SKP), printable and Excel
    html = pegawai.get(f"/pelaksanaan/skp/{skp_uji}/rekam").get_data(as_text=True)
    assert "FORMAT B.1.5" in html and "UB-ATASAN-1" in html and "UB-REKAN-1" in html
    assert "UMPAN BALIK BERKELANJUTAN BERDASARKAN BUKTI DUKUNG" in html
    r = pegawai.get(f"/pelaksanaan/skp/{skp_uji}/rekam.xlsx?periode=3")
    assert r.status_code == 200
    sel = " ".join(
        str(v)
        for row in load_workbook(io.BytesIO(r.data)).active.iter_rows(values_only=True)
        for v in row
        if v is not None
    )
    assert "FORMAT B.1.5" in sel and "UB-ATASAN-1" in sel and "MARET 2086" in sel
    assert login("konselor").get(f"/pelaksanaan/skp/{skp_uji}/rekam").status_code == 404


# ------------------------------------------------------------------------------------------------ B.1.2 uploads


def test_realisasi_dan_bukti_dukung(app, login, db_session, orang, skp_uji, bukti_tersimpan, monkeypatch):
    rhk = rhk_skp(db_session, skp_uji)[0]
    iki = rhk.iki[0]
    pegawai, penilai = login("pegawai"), login("penilai")
    # only the owner documents; bad input is refused
    penilai.post(f"/pelaksanaan/skp/{skp_uji}/realisasi", data={"rhk_id": rhk.id, "periode": 2, "nilai": "3"})
    assert "pemilik SKP" in ambil_flash(penilai)
    pegawai.post(f"/pelaksanaan/skp/{skp_uji}/realisasi", data={"rhk_id": rhk.id, "periode": 13, "nilai": "3"})
    assert "Periode" in ambil_flash(pegawai)
    pegawai.post(f"/pelaksanaan/skp/{skp_uji}/realisasi", data={"rhk_id": rhk.id, "periode": 2, "nilai": "tiga"})
    assert "angka" in ambil_flash(pegawai)
    pegawai.post(
        f"/pelaksanaan/skp/{skp_uji}/realisasi",
        data={"rhk_id": rhk.id, "iki_id": iki.id, "periode": 2, "nilai": "3,5", "uraian": "REAL-UJI-1"},
    )
    real = db_session.scalar(select(Realisasi).where(Realisasi.uraian == "REAL-UJI-1"))
    assert real.nilai == Decimal("3.50") and not real.is_final and real.periode_nomor == 2

    url = f"/pelaksanaan/skp/{skp_uji}/bukti/{real.id}"

    isi = bukti_tersimpan

    def jumlah_bukti():
        db_session.expire_all()
        return db_session.scalar(
            select(func.count()).select_from(BuktiDukung).where(BuktiDukung.realisasi_id == real.id)
        )

    # disallowed type (checked by content, not by the name or the client's content type) → nothing kept
    for nama, isi_berkas in (
        ("laporan.pdf", b"<html><script>alert(1)</script></html>"),
        ("foto.png", b"MZ\x90\x00 executable"),
        ("x.svg", b"<svg onload=alert(1)>"),
    ):
        r = pegawai.post(
            url, data={"berkas": (io.BytesIO(isi_berkas), nama, "application/pdf")}, content_type="multipart/form-data"
        )
        assert r.status_code == 302 and "tidak diizinkan" in ambil_flash(pegawai)
        assert isi() == [] and jumlah_bukti() == 0
    # oversized (limit from config) → refused, partial file removed
    monkeypatch.setitem(app.config, "UNGGAH_UKURAN_MAKS", 1000)
    pegawai.post(url, data={"berkas": (io.BytesIO(PDF + b"0" * 5000), "besar.pdf")}, content_type="multipart/form-data")
    assert "batas ukuran" in ambil_flash(pegawai) and isi() == [] and jumlah_bukti() == 0
    # beyond the request limit (MAX_CONTENT_LENGTH) → refused before anything is written
    monkeypatch.setitem(app.config, "MAX_CONTENT_LENGTH", 2000)
    r = pegawai.post(
        url, data={"berkas": (io.BytesIO(PDF + b"0" * 5000), "besar.pdf")}, content_type="multipart/form-data"
    )
    assert r.status_code in (302, 413) and isi() == [] and jumlah_bukti() == 0
    monkeypatch.setitem(app.config, "MAX_CONTENT_LENGTH", 10 * 1024 * 1024)
    monkeypatch.setitem(app.config, "UNGGAH_UKURAN_MAKS", 10 * 1024 * 1024)
    # a failure after the file was written (here: the audit write) rolls back and removes the file
    import app.queries.pelaksanaan.dokumentasi as qp  # tambah_bukti looks up catat there

    def gagal(*a, **kw):
        raise RuntimeError("basis data gagal")

    with monkeypatch.context() as m:
        m.setattr(qp, "catat", gagal)
        with pytest.raises(RuntimeError):
            pegawai.post(url, data={"berkas": (io.BytesIO(PDF), "ok.pdf")}, content_type="multipart/form-data")
    assert isi() == [] and jumlah_bukti() == 0
    # a real PDF is kept under a random name, outside static
    r = pegawai.post(
        url,
        data={"berkas": (io.BytesIO(PDF), "../../Laporan Maret.pdf", "text/html"), "keterangan": "Notulen"},
        content_type="multipart/form-data",
    )
    assert r.status_code == 302 and "disimpan" in ambil_flash(pegawai)
    b = db_session.scalar(select(BuktiDukung).where(BuktiDukung.realisasi_id == real.id))
    assert isi() == [b.nama_simpan] and b.content_type == "application/pdf" and b.nama_asli == "Laporan Maret.pdf"
    assert len(b.nama_simpan) == 36
    # served to those who may see the SKP, as an attachment with our own type and nosniff
    for c in (pegawai, penilai, login("atasan")):
        r = c.get(f"/pelaksanaan/berkas/{b.id}")
        assert r.status_code == 200 and r.data == PDF
        assert r.headers["Content-Type"] == "application/pdf"
        assert r.headers["Content-Disposition"].startswith("attachment")
        assert r.headers["X-Content-Type-Options"] == "nosniff"
    assert login("konselor").get(f"/pelaksanaan/berkas/{b.id}").status_code == 404  # outside scope
    assert login().get(f"/pelaksanaan/berkas/{b.id}").status_code == 302  # anonymous → login
    assert pegawai.get(f"/pelaksanaan/download/{b.nama_simpan}").status_code in (302, 403, 404)
    # links: only http(s)
    pegawai.post(url, data={"url": "javascript:alert(1)"})
    assert "http" in ambil_flash(pegawai)
    pegawai.post(url, data={"url": "https://arsip.example.go.id/notulen-maret"})
    assert jumlah_bukti() == 2
    # B.1.2 print shows the realisasi and the evidence; the page lists them
    html = penilai.get(f"/pelaksanaan/skp/{skp_uji}/b12").get_data(as_text=True)
    assert "FORMAT B.1.2" in html and "PENDOKUMENTASIAN KINERJA" in html and "REAL-UJI-1" in html
    assert "Laporan Maret.pdf" in pegawai.get(f"/pelaksanaan/skp/{skp_uji}").get_data(as_text=True)
    # deleting the evidence removes the file after the commit
    pegawai.post(f"/pelaksanaan/skp/{skp_uji}/bukti/{b.id}/hapus")
    assert isi() == [] and jumlah_bukti() == 1
    # the realisasi API is scoped
    assert login("konselor").get(f"/api/v1/realisasi/{real.id}").status_code == 404
    assert pegawai.get(f"/api/v1/realisasi/{real.id}").status_code == 200


# ------------------------------------------------------------------------------------------------ R9 decisions


def test_tindak_lanjut_progres_dan_ambil_alih(login, db_session, orang, skp_uji):
    """001 Pasal 19(3), (6)–(8): measures first; take-over only afterwards, with the mandatory note."""
    rhk = rhk_skp(db_session, skp_uji)[1]
    penilai = login("penilai")
    url = f"/tindakanprogres/putuskan/{skp_uji}"
    sudah = db_session.scalar(
        select(func.count())
        .select_from(TindakanProgresRecord)
        .where(TindakanProgresRecord.skp_id == skp_uji, TindakanProgresRecord.tindakan != "ambil_alih_rhk")
    )
    if not sudah:
        penilai.post(
            url, data={"ada_progres": "0", "tindakan": "ambil_alih_rhk", "rhk_id": rhk.id, "catatan": "Tidak selesai"}
        )
        assert "setelah penyesuaian" in ambil_flash(penilai)
    # progress → only appreciation / new assignment
    penilai.post(url, data={"ada_progres": "1", "tindakan": "penyesuaian_sumber_daya", "catatan": "x"})
    assert "tidak tersedia" in ambil_flash(penilai)
    penilai.post(
        url, data={"ada_progres": "0", "tindakan": "penyesuaian_sumber_daya", "catatan": "Akses aplikasi ditambahkan."}
    )
    assert "dicatat" in ambil_flash(penilai)
    assert login("pegawai").post(
        url, data={"ada_progres": "0", "tindakan": "penyesuaian_sumber_daya", "catatan": "x"}
    ).status_code in (302, 403)
    assert "dicatat" not in ambil_flash(login("pegawai"))
    db_session.expire_all()
    if not db_session.get(RencanaHasilKerja, rhk.id).diambil_alih:
        penilai.post(url, data={"ada_progres": "0", "tindakan": "ambil_alih_rhk", "rhk_id": rhk.id, "catatan": " "})
        assert "Catatan wajib" in ambil_flash(penilai)
        penilai.post(
            url,
            data={
                "ada_progres": "0",
                "tindakan": "ambil_alih_rhk",
                "rhk_id": rhk.id,
                "catatan": "CATATAN-AMBIL-ALIH: pegawai tidak dapat menyelesaikan RHK ini.",
            },
        )
    db_session.expire_all()
    r = db_session.get(RencanaHasilKerja, rhk.id)
    assert r.diambil_alih and r.catatan_ambil_alih.startswith("CATATAN-AMBIL-ALIH")
    assert r.diambil_alih_oleh_id == orang["penilai"]
    # the note is shown (and kept for the evaluation); the employee no longer documents that RHK
    assert "CATATAN-AMBIL-ALIH" in login("pegawai").get(f"/pelaksanaan/skp/{skp_uji}").get_data(as_text=True)
    from app.queries.pelaksanaan import catatan_ambil_alih

    assert any(c["rhk_id"] == rhk.id for c in catatan_ambil_alih(skp_uji))
    pg = login("pegawai")
    pg.post(f"/pelaksanaan/skp/{skp_uji}/realisasi", data={"rhk_id": rhk.id, "periode": 3, "nilai": "1"})
    assert "diambil alih" in ambil_flash(pg)


def test_penyesuaian_ekspektasi_membuka_perubahan_skp(login, db_session, orang):
    skp = skp_berlaku(db_session, orang["pegawai"], 2087, orang["penilai"], orang["atasan"])
    penilai = login("penilai")
    r = penilai.post(
        f"/tindakanprogres/putuskan/{skp}",
        data={
            "ada_progres": "0",
            "tindakan": "penyesuaian_ekspektasi",
            "alasan": "perubahan_prioritas",
            "catatan": "Target disesuaikan dengan anggaran perubahan.",
        },
    )
    baru = db_session.scalar(select(SKP).where(SKP.skp_sebelumnya_id == skp))
    assert baru is not None and baru.status == "draf" and r.headers["Location"].endswith(f"/skp/show/{baru.id}")


# ------------------------------------------------------------------------------------------------ R12 coaching


def test_bimbingan_coaching_dan_mentoring(login, db_session, orang, skp_uji):
    penilai, pegawai = login("penilai"), login("pegawai")
    r = penilai.post("/bimbingan/buat", data={"skp_id": skp_uji, "jenis": "coaching", "tanggal": "2086-05-02"})
    assert r.status_code == 302
    b = db_session.scalar(
        select(BimbinganKinerja)
        .where(BimbinganKinerja.skp_id == skp_uji, BimbinganKinerja.jenis == "coaching")
        .order_by(BimbinganKinerja.id.desc())
    )
    # coached by the evaluator → reported to the evaluator's superior (000 Lampiran D.4 j))
    assert b.pembimbing_id == orang["penilai"] and b.dilaporkan_kepada_id == orang["atasan"]
    # the employee may not open one; a peer cannot read it
    assert pegawai.post("/bimbingan/buat", data={"skp_id": skp_uji, "jenis": "coaching"}).status_code in (302, 403)
    assert login("konselor").get(f"/bimbingan/show/{b.id}").status_code == 404
    assert login("tim").get(f"/bimbingan/show/{b.id}").status_code in (302, 403, 404)
    assert login("operator").get(f"/bimbingan/show/{b.id}").status_code in (302, 403, 404)
    assert login("atasan").get(f"/bimbingan/show/{b.id}").status_code == 200

    iki = rhk_skp(db_session, skp_uji)[0].iki[0]
    pegawai.post(
        f"/bimbingan/isi/{b.id}/tujuan",
        data={"iki_id": iki.id, "kolom_1": "Dokumen", "kolom_2": "2", "kolom_3": "12", "kolom_4": "STRATEGI-UJI"},
    )
    pegawai.post(f"/bimbingan/isi/{b.id}/fakta", data={"kolom_1": "12", "kolom_2": "3", "kolom_3": "Data terlambat"})
    pegawai.post(f"/bimbingan/isi/{b.id}/peluang", data={"peluang": "PELUANG-UJI"})
    penilai.post(
        f"/bimbingan/isi/{b.id}/langkah",
        data={"iki_id": iki.id, "kolom_1": "Dokumen", "kolom_2": "Jadwal data", "penyesuaian_target": "1"},
    )
    # B.1.8 by the employee (all nine), not by the coach
    jawab = {f"p{i}": f"Setuju {i}" for i in range(1, 10)}
    penilai.post(f"/bimbingan/isi/{b.id}/b18", data=jawab)
    assert "diisi oleh pegawai" in ambil_flash(penilai)
    pegawai.post(f"/bimbingan/isi/{b.id}/b18", data={**jawab, "p9": ""})
    assert "Pernyataan 9" in ambil_flash(pegawai)
    pegawai.post(f"/bimbingan/isi/{b.id}/b18", data=jawab)
    # B.1.9 by the coach, scale 1–5
    from schema.models import KompetensiB19

    kom = list(db_session.scalars(select(KompetensiB19)))
    assert len(kom) == 9
    nilai = {f"k{k.id}": "4" for k in kom}
    pegawai.post(f"/bimbingan/isi/{b.id}/b19", data=nilai)
    assert "diisi oleh pembimbing" in ambil_flash(pegawai)
    penilai.post(f"/bimbingan/isi/{b.id}/b19", data={**nilai, f"k{kom[0].id}": "6"})
    assert "1 sampai 5" in ambil_flash(penilai)
    penilai.post(
        f"/bimbingan/isi/{b.id}/b19",
        data={**nilai, "teknis": "Pengelolaan arsip", "k_teknis": "3", "rekomendasi": "REKOMENDASI-UJI"},
    )
    db_session.expire_all()
    assert (
        db_session.scalar(select(func.count()).select_from(NilaiKompetensi).where(NilaiKompetensi.bimbingan_id == b.id))
        == 10
    )
    assert db_session.get(BimbinganKinerja, b.id).perlu_perubahan_skp  # targets change → SKP change
    for fmt, teks in (("B.1.6", "STRATEGI-UJI"), ("B.1.8", "Setuju 9"), ("B.1.9", "REKOMENDASI-UJI")):
        html = pegawai.get(f"/bimbingan/cetak/{b.id}/{fmt}").get_data(as_text=True)
        assert f"FORMAT {fmt}" in html and teks in html, fmt
    assert "Diatas Memadai" in pegawai.get(f"/bimbingan/cetak/{b.id}/B.1.9").get_data(as_text=True)

    # mentoring by an assigned person (not the evaluator) → reported to the evaluator
    penilai.post("/bimbingan/buat", data={"skp_id": skp_uji, "jenis": "mentoring", "pembimbing": orang["konselor"]})
    m = db_session.scalar(
        select(BimbinganKinerja)
        .where(BimbinganKinerja.skp_id == skp_uji, BimbinganKinerja.jenis == "mentoring")
        .order_by(BimbinganKinerja.id.desc())
    )
    assert m.pembimbing_id == orang["konselor"] and m.dilaporkan_kepada_id == orang["penilai"]
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
    mentor.post(f"/bimbingan/isi/{m.id}/jurnal", data={"waktu_tempat": "JURNAL-UJI 7 Mei", "materi": "Pivot"})
    html = penilai.get(f"/bimbingan/cetak/{m.id}/B.1.7").get_data(as_text=True)
    assert "FORMAT B.1.7" in html and "JURNAL-UJI" in html and "Analisis data" in html


# ------------------------------------------------------------------------------------------------ pages and demo


def test_halaman_pelaksanaan_per_peran(login, orang, skp_uji):
    assert login("pegawai").get(f"/pelaksanaan/skp/{skp_uji}").status_code == 200
    html = login("penilai").get(f"/pelaksanaan/skp/{skp_uji}").get_data(as_text=True)
    assert "panel-progres" in html and "panel-beri" in html
    assert "panel-progres" not in login("pegawai").get(f"/pelaksanaan/skp/{skp_uji}").get_data(as_text=True)
    assert login("konselor").get(f"/pelaksanaan/skp/{skp_uji}").status_code == 404
    # the operator may read every SKP (perencanaan scope), hence its documentation, but acts on nothing here
    html = login("operator").get(f"/pelaksanaan/skp/{skp_uji}").get_data(as_text=True)
    assert "panel-progres" not in html and "form-realisasi" not in html and "panel-beri" not in html
    assert login("pegawai").get("/pelaksanaan/skp/").status_code == 200
    for u, url in (
        ("pyb", "/konseling/list/"),
        ("pyb", "/laporanperilaku/list/"),
        ("penilai", "/bimbingan/list/"),
        ("pegawai", "/umpanbalik/list/"),
        ("pegawai", "/permintaanumpanbalik/list/"),
        ("penilai", "/tindakanprogres/list/"),
        ("tim", "/pelaksanaan/list/"),
        ("konselor", "/konseling/list/"),
    ):
        assert login(u).get(url).status_code == 200, (u, url)
    assert login("pyb").get("/laporanperilaku/ekspor/").status_code == 200
    assert login("pegawai").get("/pelaksanaan/skp/abc").status_code == 404


def test_data_demo_pelaksanaan(db_session):
    status = set(db_session.scalars(select(Konseling.status)))
    assert {s.value for s in StatusKonseling} <= status
    assert db_session.scalar(select(func.count()).select_from(UmpanBalik).where(UmpanBalik.nilai_inti_id.is_not(None)))
    assert db_session.scalar(select(func.count()).select_from(UmpanBalik).where(UmpanBalik.rhk_id.is_not(None)))
    jenis = set(db_session.scalars(select(BimbinganKinerja.jenis)))
    assert {"coaching", "mentoring"} <= jenis
    assert db_session.scalar(select(func.count()).select_from(Realisasi))
    # every demo case has its B.1.10 with feedback evidence
    from schema.models import BuktiLaporanPerilaku

    tanpa = db_session.scalar(
        select(func.count())
        .select_from(LaporanPerilaku)
        .where(~LaporanPerilaku.id.in_(select(BuktiLaporanPerilaku.laporan_id)))
    )
    assert tanpa == 0
