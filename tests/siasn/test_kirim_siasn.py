"""Final evaluations reach SIASN exactly once — through HTTP (the employee's receipt, the operator's "Kirim sekarang"),
the background job and the SIASN-shaped server on loopback (tests/siasn_server.py): right codes and identities,
500 then success, 401 and a refreshed token, 400 shown and not retried, a sender killed mid-call, a keberatan
"mengubah" updating the same record; secrets nowhere in what we store."""

from __future__ import annotations

import datetime as dt
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from sqlalchemy import delete, func, select, update

from app import jadwal
from app.queries import siasn as q_siasn
from schema.models import AuditLog, EvaluasiKinerja, Keberatan, Pegawai, TandaTangan
from schema.models.notifikasi import Notifikasi
from schema.models.siasn import KirimSiasn, RiwayatKirimSiasn
from tests import bantu
from tests.siasn.conftest import hasil_final

AKAR = Path(__file__).resolve().parents[2]
TAHUN = 2095
ORANG = "a1b2c3d4-0000-4000-8000-000000009501"


@pytest.fixture()
def data(app, db_session, siasn):
    """Two evaluations of the demo employee, delivered and final (assessed by the atasan because the penilai was
    late: R7/R15), one annual and one monthly; the employee's SIASN id known."""
    d = db_session
    peg, umum = hasil_final(d, siasn, ORANG, TAHUN)
    tahunan = EvaluasiKinerja(jenis="tahunan", periode_jenis="tahunan", periode_nomor=1, **umum)
    bulanan = EvaluasiKinerja(jenis="periodik", periode_jenis="bulanan", periode_nomor=3, **umum)
    d.add_all([tahunan, bulanan])
    d.commit()
    yield {"tahunan": tahunan.id, "bulanan": bulanan.id, "nip": peg.nip, "pegawai": peg.id}
    d.rollback()
    ids = list(d.scalars(select(EvaluasiKinerja.id).where(EvaluasiKinerja.tahun == TAHUN)))
    d.execute(delete(KirimSiasn).where(KirimSiasn.evaluasi_id.in_(ids)))
    # signatures point at the document by id only: they go with it (an id SQLite reuses must start clean)
    d.execute(delete(TandaTangan).where(TandaTangan.jenis_dokumen == "evaluasi", TandaTangan.dokumen_id.in_(ids)))
    d.execute(update(EvaluasiKinerja).where(EvaluasiKinerja.id.in_(ids)).values(evaluasi_sebelumnya_id=None))
    d.execute(delete(EvaluasiKinerja).where(EvaluasiKinerja.id.in_(ids)))
    d.execute(update(Pegawai).where(Pegawai.id == peg.id).values(siasn_id=None))
    d.commit()


def _milik(siasn, nama: str) -> dict:
    """SIASN records of this test's year (other tests may leave final results of the demo employee queued)."""
    return {i: b for i, b in getattr(siasn, nama).items() if b.get("tahun") == TAHUN}


def _terima(login, ev_id):
    r = login("pegawai").post(f"/evaluasi/terima/{ev_id}")
    assert r.status_code == 302, r.status_code


def _kirim(login):
    r = login("operator").post("/kirimsiasn/kirim/")
    assert r.status_code == 302 and "/pekerjaan/" in r.headers["Location"], r.headers.get("Location")
    return r


def _baris(db_session, ev_id) -> KirimSiasn:
    db_session.expire_all()
    return db_session.scalar(select(KirimSiasn).where(KirimSiasn.evaluasi_id == ev_id))


def _jatuh_tempo(db_session, ev_id):
    """The retry time has come (instead of waiting for the back-off)."""
    db_session.execute(
        update(KirimSiasn).where(KirimSiasn.evaluasi_id == ev_id).values(coba_lagi_pada=dt.datetime(2000, 1, 1))
    )
    db_session.commit()


def test_tahunan_dan_bulanan_tiba_sekali_dengan_kode_dan_identitas_benar(login, db_session, data, siasn):
    login = bantu.login_bersih(login)
    for ev in (data["tahunan"], data["bulanan"]):
        _terima(login, ev)  # final (R7/R15): queued in the receipt's transaction
        assert _baris(db_session, ev).status == "menunggu"
    _kirim(login)
    _kirim(login)  # nothing due any more: nothing sent twice
    assert len(_milik(siasn, "skp22")) == 1 and len(_milik(siasn, "kinerjaperiodik")) == 1
    ((sid, tahunan),) = _milik(siasn, "skp22").items()
    assert tahunan["pnsDinilaiOrang"] == ORANG and tahunan["tahun"] == TAHUN
    assert (tahunan["hasilKinerjaNilai"], tahunan["perilakuKerjaNilai"], tahunan["kuadranKinerjaNilai"]) == (1, 2, 1)
    penilai = db_session.get(Pegawai, bantu.id_pegawai(db_session, "atasan"))  # assessed by the atasan (late)
    assert tahunan["penilaiNipNrp"] == penilai.nip and tahunan["statusPenilai"] == "ASN"
    ((pid, bulanan),) = _milik(siasn, "kinerjaperiodik").items()
    assert (bulanan["pnsDinilaiId"], bulanan["periodikId"]) == (ORANG, "1")
    assert (bulanan["bulanMulaiPenilaian"], bulanan["bulanSelesaiPenilaian"], bulanan["tahunMulaiPenilaian"]) == (
        3,
        3,
        TAHUN,
    )
    assert _baris(db_session, data["tahunan"]).siasn_id == sid
    assert _baris(db_session, data["bulanan"]).siasn_id == pid
    html = login("operator").get("/kirimsiasn/list/").get_data(as_text=True)
    assert "Terkirim: 2" in html or "Terkirim: " in html
    # what we keep holds no secret of the integration
    k = siasn.konfigurasi()
    teks = " ".join(
        str(x)
        for x in db_session.scalars(select(RiwayatKirimSiasn.pesan)).all()
        + db_session.scalars(select(AuditLog.sesudah)).all()
    )
    assert k["consumer_secret"] not in teks and k["password"] not in teks


def test_500_lalu_berhasil_satu_rekaman(login, db_session, data, siasn):
    login = bantu.login_bersih(login)
    _terima(login, data["tahunan"])
    siasn.gagal_berikutnya("/skp22/save", "500")
    _kirim(login)
    row = _baris(db_session, data["tahunan"])
    assert (row.status, row.percobaan) == ("menunggu", 1) and "HTTP 500" in row.galat_terakhir
    assert row.coba_lagi_pada > dt.datetime.utcnow()  # back-off
    _jatuh_tempo(db_session, data["tahunan"])
    _kirim(login)
    assert _baris(db_session, data["tahunan"]).status == "terkirim" and len(_milik(siasn, "skp22")) == 1


def test_401_token_diperbarui_lalu_terkirim(login, db_session, data, siasn):
    login = bantu.login_bersih(login)
    _terima(login, data["tahunan"])
    _kirim(login)  # tokens issued
    _terima(login, data["bulanan"])
    siasn.kedaluwarsa()  # the cached tokens are no longer valid
    token_sebelum = len(siasn.permintaan(path="/oauth2/token"))
    _kirim(login)
    assert _baris(db_session, data["bulanan"]).status == "terkirim" and len(_milik(siasn, "kinerjaperiodik")) == 1
    assert len(siasn.permintaan(path="/oauth2/token")) == token_sebelum + 1  # refreshed once


def test_400_gagal_dengan_pesan_siasn_tanpa_diulang(login, db_session, data, siasn):
    login = bantu.login_bersih(login)
    _terima(login, data["tahunan"])
    siasn.gagal_berikutnya("/skp22/save", "400", pesan="NIP penilai tidak terdaftar")
    _kirim(login)
    row = _baris(db_session, data["tahunan"])
    assert row.status == "gagal" and "NIP penilai tidak terdaftar" in row.galat_terakhir
    panggilan = len(siasn.permintaan(path="/skp22/save"))
    _jatuh_tempo(db_session, data["tahunan"])
    _kirim(login)
    assert len(siasn.permintaan(path="/skp22/save")) == panggilan  # a refusal is not retried by itself
    op = login("operator")
    assert "NIP penilai tidak terdaftar" in op.get(f"/kirimsiasn/show/{row.id}").get_data(as_text=True)
    # the operator fixes the cause and resends: one record
    r = op.post("/kirimsiasn/action_post", data={"action": "kirim_ulang", "rowid": [row.id]})
    assert r.status_code == 302
    _kirim(login)
    assert _baris(db_session, data["tahunan"]).status == "terkirim" and len(_milik(siasn, "skp22")) == 1


PENGIRIM = textwrap.dedent("""
    import json, sys
    from tests.conftest import make_app
    url, cfg = sys.argv[1], json.loads(sys.argv[2])
    app = make_app(url, **cfg)
    from app import jadwal
    print("MULAI", flush=True)
    print(jadwal.kirim_siasn(app), flush=True)
""")


def test_pengirim_dibunuh_di_tengah_kiriman_tanpa_duplikat_tanpa_hilang(
    app, login, db_session, database_url, data, siasn
):
    """SIASN stores the record, then the sending process dies before the answer: the next sender finds SIASN's
    record of that PNS and updates it — one record, and the row ends "terkirim"."""
    import json

    login = bantu.login_bersih(login)
    _terima(login, data["tahunan"])
    siasn.tunda_timeout = 30.0  # the server holds the answer long after storing the record
    siasn.gagal_berikutnya("/skp22/save", "timeout_setelah_simpan")
    cfg = {k: app.config[k] for k in app.config if k.startswith("SIASN_")}
    cfg["SIASN_TIMEOUT"] = 60
    proses = subprocess.Popen(
        [sys.executable, "-c", PENGIRIM, database_url, json.dumps(cfg)],
        cwd=AKAR,
        env=dict(os.environ, PYTHONPATH=str(AKAR)),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        akhir = time.monotonic() + 120
        while not _milik(siasn, "skp22") and time.monotonic() < akhir and proses.poll() is None:
            time.sleep(0.05)
        assert _milik(siasn, "skp22"), (
            proses.stderr.read() if proses.poll() is not None else "SIASN tidak menerima kiriman"
        )
        os.kill(proses.pid, signal.SIGKILL)
        proses.wait(10)
    finally:
        if proses.poll() is None:
            proses.kill()
            proses.wait(10)
    row = _baris(db_session, data["tahunan"])
    assert row.status == "menunggu" and row.siasn_id is None  # we never heard the answer
    akhir_riwayat = db_session.scalars(
        select(RiwayatKirimSiasn.kejadian).where(RiwayatKirimSiasn.kirim_id == row.id).order_by(RiwayatKirimSiasn.id)
    ).all()[-1]
    assert akhir_riwayat == "mengirim"
    db_session.execute(update(KirimSiasn).where(KirimSiasn.id == row.id).values(dikunci_sampai=dt.datetime(2000, 1, 1)))
    db_session.commit()  # the dead sender's lease has run out
    (sid,) = _milik(siasn, "skp22")
    _kirim(login)
    row = _baris(db_session, data["tahunan"])
    assert row.status == "terkirim" and row.siasn_id == sid and len(_milik(siasn, "skp22")) == 1


def test_keberatan_mengubah_memperbarui_rekaman_yang_sama(app, login, db_session, data, siasn):
    login = bantu.login_bersih(login)
    _terima(login, data["tahunan"])
    _kirim(login)
    ((sid, awal),) = _milik(siasn, "skp22").items()
    # D.1.3 (001 Lampiran "Keberatan" 7): a new evaluation replaces the old one, final, received by the employee
    lama = db_session.get(EvaluasiKinerja, data["tahunan"])
    lama.aktif = False
    db_session.flush()
    salin = {c.key: getattr(lama, c.key) for c in EvaluasiKinerja.__table__.columns if c.key not in ("id", "versi")}
    salin.update(aktif=True, predikat="baik", rating_hasil_kerja="sesuai", saran_rating_hasil_kerja="sesuai",
                 evaluasi_sebelumnya_id=lama.id,
                 format_dokumen="D.1.3", status_dokumen="disampaikan", tanggal_diterima=None)  # fmt: skip
    baru = EvaluasiKinerja(**salin)
    db_session.add(baru)
    db_session.commit()
    _terima(login, baru.id)
    assert _baris(db_session, baru.id).status == "menunggu"
    _kirim(login)
    assert list(_milik(siasn, "skp22")) == [sid]  # the same record, updated
    assert _milik(siasn, "skp22")[sid]["kuadranKinerjaNilai"] == 2 and awal["kuadranKinerjaNilai"] == 1
    assert siasn.permintaan(path="/skp22/save")[-1].badan["id"] == sid
    # the record now carries the D.1.3 document, uploaded for the new evaluation
    [dok_baru] = _milik(siasn, "skp22")[sid]["path"]
    assert dok_baru["dok_uri"] != awal["path"][0]["dok_uri"] and "D.1.3" in dok_baru["dok_nama"]


def _dokumen(siasn, nip: str) -> dict:
    """Uploaded documents of this test's year and employee (by the file name the sender gives them)."""
    return {u: d for u, d in siasn.dokumen.items() if f"evaluasi-{TAHUN}-" in d["nama"] and nip in d["nama"]}


def test_dokumen_bertanda_tangan_diunggah_sekali_dan_disebut_di_path(login, db_session, data, siasn):
    """upload-dok (ws-siasn-php DokumenService::upload) before each save: the D.1.x/C.1.x workbook with the
    document reference from kode_siasn (891 annual, 890 periodic); SIASN's answer is the record's path[]."""
    import io

    from openpyxl import load_workbook

    login = bantu.login_bersih(login)
    for ev in (data["tahunan"], data["bulanan"]):
        _terima(login, ev)
    siasn.gagal_berikutnya("/skp22/save", "500")  # the save fails after the upload: the retry reuses it
    _kirim(login)
    _jatuh_tempo(db_session, data["tahunan"])
    _kirim(login)
    dok = _dokumen(siasn, data["nip"])
    assert sorted(d["id_ref"] for d in dok.values()) == ["890", "891"]  # one per record, none uploaded twice
    ((_, tahunan),) = _milik(siasn, "skp22").items()
    ((_, bulanan),) = _milik(siasn, "kinerjaperiodik").items()
    for rekaman, ref in ((tahunan, "891"), (bulanan, "890")):
        [p] = rekaman["path"]
        d = siasn.dokumen[p["dok_uri"]]
        assert d["id_ref"] == ref and d["jenis"].endswith("spreadsheetml.sheet")
        wb = load_workbook(io.BytesIO(d["isi"]), read_only=True)
        teks = " ".join(str(c) for ws in wb.worksheets for row in ws.iter_rows(values_only=True) for c in row if c)
        assert data["nip"] in teks and "D.1.2" in wb.sheetnames[0] + teks
    row = _baris(db_session, data["tahunan"])
    kejadian = db_session.scalars(
        select(RiwayatKirimSiasn.kejadian).where(RiwayatKirimSiasn.kirim_id == row.id).order_by(RiwayatKirimSiasn.id)
    ).all()
    assert kejadian.count("dokumen") == 1 and kejadian[-1] == "terkirim"
    html = login("operator").get(f"/kirimsiasn/show/{row.id}").get_data(as_text=True)
    assert "Dokumen diunggah" in html


def test_unggah_gagal_sementara_dicoba_lagi_tanpa_rekaman_setengah(login, db_session, data, siasn):
    login = bantu.login_bersih(login)
    _terima(login, data["tahunan"])
    siasn.gagal_berikutnya("/upload-dok", "500")
    _kirim(login)
    row = _baris(db_session, data["tahunan"])
    assert row.status == "menunggu" and row.dokumen is None and not _milik(siasn, "skp22")
    assert not siasn.permintaan(path="/skp22/save")  # no record without its document
    _jatuh_tempo(db_session, data["tahunan"])
    _kirim(login)
    ((_, rekaman),) = _milik(siasn, "skp22").items()
    assert len(rekaman["path"]) == 1 and len(_dokumen(siasn, data["nip"])) == 1


def test_tanpa_referensi_dokumen_tidak_mengunggah(login, db_session, data, siasn):
    """An instansi whose SIASN takes no document (the operator removed the reference row) sends path [] only."""
    from schema.models.siasn import KodeSiasn

    ref = db_session.scalars(select(KodeSiasn).where(KodeSiasn.jenis == "dokumen", KodeSiasn.nilai == "skp22")).one()
    simpan = (ref.kode, ref.keterangan)
    db_session.delete(ref)
    db_session.commit()
    try:
        login = bantu.login_bersih(login)
        _terima(login, data["tahunan"])
        _kirim(login)
        ((_, rekaman),) = _milik(siasn, "skp22").items()
        assert rekaman["path"] == [] and not siasn.permintaan(path="/upload-dok")
    finally:
        db_session.add(KodeSiasn(jenis="dokumen", nilai="skp22", kode=simpan[0], keterangan=simpan[1]))
        db_session.commit()


def test_mati_tanpa_pengaturan_muatan_tetap_dapat_diunduh(app, login, db_session, data, siasn, monkeypatch):
    """Without SIASN_* the outbox still fills; the operator downloads the same payloads, checked by the contract."""
    login = bantu.login_bersih(login)
    _terima(login, data["tahunan"])
    monkeypatch.setitem(app.config, "SIASN_API_URL", None)
    op = login("operator")
    r = op.post("/kirimsiasn/kirim/")
    assert r.status_code == 302 and "/pekerjaan/" not in r.headers["Location"]
    body = op.get("/kirimsiasn/unduh.json").get_json()
    rekaman = [m for m in body["muatan"] if m["muatan"]["tahun"] == TAHUN]  # other tests may queue other years
    assert len(rekaman) == 1 and rekaman[0]["muatan"]["tahun"] == TAHUN
    assert q_siasn.periksa_muatan("skp22", rekaman[0]["muatan"]) == []
    x = op.get("/kirimsiasn/unduh.xlsx")
    assert x.status_code == 200 and x.data[:2] == b"PK"
    assert not siasn.permintaan(path="/skp22/save")
    assert login("pegawai").get("/kirimsiasn/unduh.json").status_code in (302, 403, 404)


def test_masa_keberatan_lewat_diantrekan_tugas_harian_sekali(app, db_session, data, monkeypatch):
    """A result that may still be objected to waits; the daily task queues it the first working day after the
    14-working-day window (001 Lampiran "Keberatan" 1–2) — once, whoever runs the schedule."""
    from schema.models.pekerjaan import JadwalJalan

    ev = db_session.get(EvaluasiKinerja, data["bulanan"])
    ev.is_final, ev.dinilai_oleh, ev.format_dokumen = False, "penilai", "D.1.1"
    ev.status_dokumen, ev.tanggal_diterima = "diterima", dt.date(2026, 10, 1)
    db_session.commit()
    try:
        for hari, harapan in ((21, None), (22, "menunggu")):
            db_session.execute(delete(JadwalJalan))
            db_session.commit()
            monkeypatch.setitem(app.config, "JAM_TETAP", f"2026-10-{hari}T08:00:00+07:00")
            jadwal.jalankan_harian(app)
            row = _baris(db_session, ev.id)
            assert (row.status if row else None) == harapan, hari
        jadwal.jalankan_harian(app)  # the same day again: nothing new
        db_session.expire_all()
        assert (
            db_session.scalar(select(func.count()).select_from(KirimSiasn).where(KirimSiasn.evaluasi_id == ev.id)) == 1
        )
    finally:
        db_session.rollback()
        db_session.execute(delete(JadwalJalan))
        db_session.commit()


def test_keberatan_lewat_http_menunggu_keputusan_lalu_satu_rekaman(app, login, db_session, siasn, hari):
    """The real path (001 Lampiran "Keberatan" 1–7): received → objected (not sent while pending, even by the daily
    sweep) → the atasan changes the result (D.1.3, final) → delivered and received → sent once, with the new
    predikat."""
    login = bantu.login_bersih(login)
    d = db_session
    d.execute(update(KirimSiasn).where(KirimSiasn.status == "menunggu").values(coba_lagi_pada=dt.datetime(2999, 1, 1)))
    peg = d.get(Pegawai, bantu.id_pegawai(d, "pegawai"))
    peg.siasn_id = ORANG
    siasn.pns[peg.nip] = {"id": ORANG, "nipBaru": peg.nip, "nama": peg.nama}
    d.commit()
    skp = bantu.skp_ditetapkan(d, 2052)
    d.commit()
    try:
        ev = bantu.ev_diterima(login, d, hari, skp, 1, dt.date(2052, 3, 25))
        p = login("pegawai")
        hari(dt.date(2052, 3, 27))
        p.post(f"/keberatan/ajukan/{ev.id}", data={"alasan": "Target RHK utama terlampaui."})
        kb = d.scalars(select(Keberatan).where(Keberatan.evaluasi_id == ev.id)).one()
        hari(dt.date(2052, 6, 1))  # long after the window: the pending objection still holds it back
        assert q_siasn.antrekan_jatuh_tempo() == 0 or _baris(d, ev.id) is None
        d.rollback()
        assert _baris(d, ev.id) is None
        a = login("atasan")
        a.post(
            f"/keberatan/penjelasan/{kb.id}",
            data={"penjelasan_penilai": "Bukti belum lengkap.", "penjelasan_pegawai": "Bukti sudah diunggah."},
        )
        a.post(
            f"/keberatan/putuskan/{kb.id}",
            data={"keputusan": "mengubah", "predikat_baru": "sangat_baik", "rekomendasi_baru": "Pengembangan."},
        )
        d.rollback()
        baru = d.get(Keberatan, kb.id).evaluasi_baru_id
        assert baru and _baris(d, ev.id) is None  # the replaced result is never sent
        r = bantu.ev_post(a, d, f"/evaluasi/sampaikan/{baru}", baru)
        assert "Dokumen disampaikan oleh pejabat yang menandatanganinya" not in bantu.html(r)  # the atasan signed D.1.3
        bantu.ev_post(p, d, f"/evaluasi/terima/{baru}", baru)
        assert bantu.ev_muat(d, baru).status_dokumen == "diterima"
        assert _baris(d, baru).status == "menunggu"
        _kirim(login)
        rekaman = [b for b in siasn.kinerjaperiodik.values() if b["tahun"] == 2052]
        assert len(rekaman) == 1 and rekaman[0]["kuadranKinerjaNilai"] == 1  # SANGAT BAIK
        assert _baris(d, baru).status == "terkirim"
    finally:
        d.rollback()
        ids = list(d.scalars(select(EvaluasiKinerja.id).where(EvaluasiKinerja.tahun == 2052)))
        kb_ids = list(d.scalars(select(Keberatan.id).where(Keberatan.evaluasi_id.in_(ids))))
        # the flow's notifications link to these records: an id SQLite reuses must not find them
        tautan = [f"/evaluasi/show/{i}" for i in ids] + [f"/keberatan/show/{i}" for i in kb_ids]
        d.execute(delete(Notifikasi).where(Notifikasi.tautan.in_(tautan)))
        d.execute(delete(KirimSiasn).where(KirimSiasn.evaluasi_id.in_(ids)))
        d.execute(delete(Keberatan).where(Keberatan.evaluasi_id.in_(ids)))
        d.execute(delete(TandaTangan).where(TandaTangan.jenis_dokumen == "evaluasi", TandaTangan.dokumen_id.in_(ids)))
        d.execute(update(EvaluasiKinerja).where(EvaluasiKinerja.id.in_(ids)).values(evaluasi_sebelumnya_id=None))
        d.execute(delete(EvaluasiKinerja).where(EvaluasiKinerja.id.in_(ids)))
        d.commit()


def test_dinilai_kepala_daerah_terkirim_sebagai_penilai_non_asn(login, db_session, data, siasn):
    """R15 (002 Pasal 9): the Sekda's result is set by the Kepala Daerah — sent as a NON ASN evaluator named after
    the instansi's Kepala Daerah, without NIP."""
    from schema.models import Instansi, UnitKerja

    ev = db_session.get(EvaluasiKinerja, data["tahunan"])
    ev.dinilai_oleh, ev.is_final, ev.status_dokumen = "kepala_daerah", False, "final"
    ev.tanggal_diterima = dt.date(TAHUN, 1, 5)
    peg = db_session.get(Pegawai, data["pegawai"])
    instansi = db_session.get(Instansi, db_session.get(UnitKerja, peg.unit_kerja_id).instansi_id)
    nama_lama, instansi.kepala_daerah_nama = instansi.kepala_daerah_nama, "Drs. Kepala Daerah Uji"
    db_session.commit()
    try:
        isi = q_siasn.muatan(ev)
        assert (isi["penilaiNama"], isi["penilaiNipNrp"], isi["statusPenilai"]) == (
            "Drs. Kepala Daerah Uji",
            "",
            "NON ASN",
        )
        assert q_siasn.periksa_muatan("skp22", isi) == []
        q_siasn.antrekan(ev)
        db_session.commit()
        _kirim(bantu.login_bersih(login))
        ((_, rekaman),) = _milik(siasn, "skp22").items()
        assert rekaman["penilaiNama"] == "Drs. Kepala Daerah Uji" and rekaman["statusPenilai"] == "NON ASN"
    finally:
        db_session.rollback()
        instansi = db_session.get(Instansi, instansi.id)
        instansi.kepala_daerah_nama = nama_lama
        db_session.commit()
