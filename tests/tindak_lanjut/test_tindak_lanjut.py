"""Tindak lanjut (R14): rewards, sanctions, ranking, reporting up, tunjangan basis, overdue register.

Through HTTP for every view/export/action; the R14 registers are checked against the demo data
(seeds/demo_tindak_lanjut.py: a Sangat Baik 2025+2026 case and a Kurang JA case under the demo evaluator). The
register pages issue a constant number of SQL statements; their exports match the database.
"""

from __future__ import annotations

import datetime as dt
import io

import pytest
from openpyxl import load_workbook
from sqlalchemy import delete, func, select

from app.excel.tulis import HEADER_ROW
from app.rules import JenisTindakLanjut, Predikat, jalur_sanksi
from schema.enums import JenisPenghargaan
from schema.models import SKP, EvaluasiKinerja, Jabatan, Pegawai, Penghargaan, TindakLanjutSanksi
from tests.bantu import tahun_kasus_demo

TAHUN = 2026


def _ws(r):
    assert r.status_code == 200, r.status_code
    assert r.mimetype.endswith("spreadsheetml.sheet")
    return load_workbook(io.BytesIO(r.data)).active


def _data(ws):
    return [row for row in ws.iter_rows(min_row=HEADER_ROW + 1, values_only=True)]


def _header(ws):
    return [c.value for c in ws[HEADER_ROW]]


def _demo_ids(db_session):
    from seeds.demo import pilih_pegawai_demo

    return pilih_pegawai_demo(db_session)


def _kasus(db_session):
    """(pegawai id of the two-year Sangat Baik case, pegawai id of the Kurang JA case)."""
    E = EvaluasiKinerja
    th = tahun_kasus_demo()
    sb = db_session.scalar(
        select(E.pegawai_id).where(E.jenis == "tahunan", E.tahun == th - 1, E.predikat == "sangat_baik")
    )
    kurang = db_session.scalar(select(E.pegawai_id).where(E.jenis == "tahunan", E.tahun == th, E.predikat == "kurang"))
    return sb, kurang


# -- R14 from the demo data -------------------------------------------------------------------------------


def test_demo_dua_tahun_sangat_baik_masuk_register_penghargaan(db_session):
    """002 "PENGHARGAAN": Sangat Baik two years running → talent pool and competency development priority."""
    sb, _ = _kasus(db_session)
    assert sb is not None
    jenis = set(
        db_session.scalars(
            select(Penghargaan.jenis).where(Penghargaan.pegawai_id == sb, Penghargaan.tahun == tahun_kasus_demo())
        )
    )
    assert jenis == {JenisPenghargaan.TALENT_POOL.value, JenisPenghargaan.PENGEMBANGAN_KOMPETENSI.value}


def test_demo_kurang_ja_mengisi_jalur_sanksi(db_session):
    """003 Pasal 34: JA with Kurang → 6 months, re-test, move/demote, temporary placement, discharge."""
    _, kurang = _kasus(db_session)
    assert kurang is not None
    jj, asn = db_session.execute(
        select(Jabatan.jenis, Pegawai.jenis_asn)
        .join(Pegawai, Pegawai.jabatan_id == Jabatan.id)
        .where(Pegawai.id == kurang)
    ).one()
    assert jj in ("administrator", "pengawas", "pelaksana") and asn != "pppk"
    rows = db_session.execute(select(TindakLanjutSanksi).where(TindakLanjutSanksi.pegawai_id == kurang)).scalars().all()
    assert [r.jenis for r in sorted(rows, key=lambda r: r.id)] == [j.value for j in jalur_sanksi(jj, asn, "kurang")]
    perbaikan = next(r for r in rows if r.jenis == JenisTindakLanjut.PERBAIKAN_6_BULAN.value)
    assert perbaikan.mulai and perbaikan.selesai and (perbaikan.selesai - perbaikan.mulai).days in range(181, 185)
    assert all(r.force_majeure is False and r.status == "dibuka" and r.evaluasi_id for r in rows)
    # the Sangat Baik case triggers nothing
    sb, _ = _kasus(db_session)
    assert not db_session.scalar(select(func.count()).where(TindakLanjutSanksi.pegawai_id == sb))


# -- actions: set-based, idempotent, scoped ---------------------------------------------------------------


def test_buat_entri_idempoten_dan_hanya_pengelola(login, db_session):
    n = db_session.scalar(select(func.count(TindakLanjutSanksi.id)))
    r = login("operator").post("/tindaklanjutsanksiview/buat_entri/", data={"tahun": TAHUN})
    assert r.status_code == 302
    assert db_session.scalar(select(func.count(TindakLanjutSanksi.id))) == n  # no duplicate per evaluation & jenis
    assert login("penilai").post("/tindaklanjutsanksiview/buat_entri/", data={"tahun": TAHUN}).status_code in (302, 403)
    assert db_session.scalar(select(func.count(TindakLanjutSanksi.id))) == n
    r = login("operator").post("/tindaklanjutsanksiview/buat_entri/", data={"tahun": "abc"}, follow_redirects=True)
    assert "Tahun evaluasi tidak valid" in r.get_data(as_text=True)


def test_buat_entri_dari_evaluasi_final_baru(login, db_session):
    """A new final annual Sangat Kurang for a JA PNS creates the five entries; a draft creates none."""
    E = EvaluasiKinerja
    sb, kurang = _kasus(db_session)
    skp = (
        db_session.execute(
            select(SKP)
            .join(Jabatan, Jabatan.id == SKP.jabatan_id)
            .join(Pegawai, Pegawai.id == SKP.pegawai_id)
            .where(
                SKP.tahun == TAHUN,
                SKP.status == "ditetapkan",
                SKP.aktif.is_(True),
                SKP.penilai_id.is_not(None),
                Jabatan.jenis.in_(("pelaksana", "pengawas")),
                Pegawai.jenis_asn == "pns",
                SKP.pegawai_id.not_in([sb, kurang]),
                ~SKP.pegawai_id.in_(select(E.pegawai_id).where(E.jenis == "tahunan")),
            )
            .order_by(SKP.id)
            .limit(2)
        )
        .scalars()
        .all()
    )
    assert len(skp) == 2
    evs = []
    for s, status in zip(skp, ("final", "draf")):
        ev = E(
            skp_id=s.id,
            pegawai_id=s.pegawai_id,
            unit_kerja_id=s.unit_kerja_id,
            penilai_id=s.penilai_id,
            atasan_penilai_id=s.atasan_penilai_id,
            jenis="tahunan",
            tahun=TAHUN,
            periode_jenis="tahunan",
            periode_nomor=0,
            rating_hasil_kerja="dibawah",
            rating_perilaku="dibawah",
            predikat="sangat_kurang",
            status_dokumen=status,
        )
        db_session.add(ev)
        evs.append(ev)
    db_session.commit()
    ids = [e.id for e in evs]
    try:
        r = login("pyb").post("/tindaklanjutsanksiview/buat_entri/", data={"tahun": TAHUN}, follow_redirects=True)
        assert "entri baru dibuat" in r.get_data(as_text=True)
        db_session.expire_all()
        per = dict(
            db_session.execute(
                select(TindakLanjutSanksi.evaluasi_id, func.count())
                .where(TindakLanjutSanksi.evaluasi_id.in_(ids))
                .group_by(TindakLanjutSanksi.evaluasi_id)
            ).all()
        )
        assert per == {ids[0]: 5}
    finally:
        db_session.execute(delete(TindakLanjutSanksi).where(TindakLanjutSanksi.evaluasi_id.in_(ids)))
        db_session.execute(delete(E).where(E.id.in_(ids)))
        db_session.commit()


def test_tandai_penghargaan_idempoten(login, db_session):
    n = db_session.scalar(select(func.count(Penghargaan.id)))
    assert login("operator").post("/penghargaanview/tandai/", data={"tahun": TAHUN}).status_code == 302
    assert db_session.scalar(select(func.count(Penghargaan.id))) == n
    assert login("pegawai").post("/penghargaanview/tandai/", data={"tahun": TAHUN}).status_code in (302, 403)


def test_penghargaan_lain_dicatat_ppk(login, db_session):
    """Other rewards are recorded by hand (operator/PyB), with a clear message on bad input."""
    pid = _demo_ids(db_session)["konselor"]
    c = login("operator")
    r = c.post(
        "/penghargaanview/add", data={"pegawai": pid, "tahun": "x", "jenis": "lainnya", "uraian": "Satyalancana"}
    )
    assert "Tahun" in r.get_data(as_text=True) and r.status_code == 200
    r = c.post(
        "/penghargaanview/add", data={"pegawai": pid, "tahun": TAHUN, "jenis": "lainnya", "uraian": "Satyalancana"}
    )
    assert r.status_code == 302
    h = db_session.scalars(
        select(Penghargaan).where(Penghargaan.pegawai_id == pid, Penghargaan.uraian == "Satyalancana")
    ).one()
    try:
        assert login("penilai").post(
            "/penghargaanview/add", data={"pegawai": pid, "tahun": TAHUN, "jenis": "lainnya"}
        ).status_code in (302, 403)
        assert login("penilai").get(f"/penghargaanview/show/{h.id}").status_code in (302, 404)
    finally:
        db_session.delete(h)
        db_session.commit()


def test_ubah_entri_sanksi_force_majeure(login, db_session):
    _, kurang = _kasus(db_session)
    t = db_session.scalars(
        select(TindakLanjutSanksi).where(
            TindakLanjutSanksi.pegawai_id == kurang, TindakLanjutSanksi.jenis == "perbaikan_6_bulan"
        )
    ).one()
    sebelum = (t.status, t.force_majeure, t.mulai, t.selesai, t.catatan)
    try:
        assert login("penilai").post(
            f"/tindaklanjutsanksiview/edit/{t.id}", data={"status": "dibatalkan"}
        ).status_code in (302, 403)
        r = login("operator").post(
            f"/tindaklanjutsanksiview/edit/{t.id}",
            data={
                "status": "dibatalkan",
                "mulai": t.mulai.isoformat(),
                "selesai": t.selesai.isoformat(),
                "force_majeure": "y",
                "catatan": "Bencana alam: kondisi kahar",
            },
        )
        assert r.status_code == 302
        db_session.expire_all()
        t2 = db_session.get(TindakLanjutSanksi, t.id)
        assert t2.status == "dibatalkan" and t2.force_majeure is True
    finally:
        t2 = db_session.get(TindakLanjutSanksi, t.id)
        t2.status, t2.force_majeure, t2.mulai, t2.selesai, t2.catatan = sebelum
        db_session.commit()


# -- access and row scope ---------------------------------------------------------------------------------


def test_cakupan_register_sanksi(login, db_session):
    """Operator/PyB all; penilai/atasan the evaluations they evaluate; pegawai own; tim pemantau none."""
    total = db_session.scalar(select(func.count(TindakLanjutSanksi.id)))
    d = _demo_ids(db_session)
    for user, harapan in (("operator", total), ("pyb", total)):
        assert len(_data(_ws(login(user).get("/tindaklanjutsanksiview/ekspor/")))) == harapan
    milik_penilai = db_session.scalar(
        select(func.count(TindakLanjutSanksi.id))
        .join(EvaluasiKinerja, EvaluasiKinerja.id == TindakLanjutSanksi.evaluasi_id)
        .where(EvaluasiKinerja.penilai_id == d["penilai"])
    )
    assert milik_penilai >= 5
    assert len(_data(_ws(login("penilai").get("/tindaklanjutsanksiview/ekspor/")))) == milik_penilai
    # the employee sees none of someone else's; tim pemantau cannot export
    html = login("pegawai").get("/tindaklanjutsanksiview/list/").get_data(as_text=True)
    nama_kurang = db_session.get(Pegawai, _kasus(db_session)[1]).nama
    assert nama_kurang not in html
    assert login("tim").get("/tindaklanjutsanksiview/ekspor/").status_code in (302, 403)
    t = db_session.scalar(select(TindakLanjutSanksi.id).limit(1))
    assert login("pegawai").get(f"/tindaklanjutsanksiview/show/{t}").status_code in (302, 404)


def test_pegawai_melihat_penghargaannya_sendiri(login, db_session):
    sb, _ = _kasus(db_session)
    h = db_session.scalar(select(Penghargaan.id).where(Penghargaan.pegawai_id == sb).limit(1))
    assert login("penilai").get(f"/penghargaanview/show/{h}").status_code == 200  # a direct subordinate
    assert login("pegawai").get(f"/penghargaanview/show/{h}").status_code in (302, 404)


# -- ranking, reporting up, tunjangan, overdue -----------------------------------------------------------


def test_peringkat_urut_predikat_dan_filter(login, db_session):
    TAHUN = tahun_kasus_demo()  # the demo's annual evaluations: the last year ended by today
    ws = _ws(login("operator").get(f"/peringkat/ekspor/?tahun={TAHUN}&jenis=tahunan"))
    assert _header(ws)[:4] == ["No", "Peringkat Predikat", "NIP", "Nama"]
    rows = _data(ws)
    n = db_session.scalar(
        select(func.count()).where(
            EvaluasiKinerja.jenis == "tahunan",
            EvaluasiKinerja.tahun == TAHUN,
            EvaluasiKinerja.aktif.is_(True),
            EvaluasiKinerja.predikat.is_not(None),
        )
    )
    assert len(rows) == n >= 2
    peringkat = [r[1] for r in rows]
    assert peringkat == sorted(peringkat)  # regulation order: Sangat Baik first
    assert rows[0][6] == Predikat.SANGAT_BAIK.label
    assert all(isinstance(r[2], str) and len(r[2]) == 18 for r in rows)
    only = _data(_ws(login("operator").get(f"/peringkat/ekspor/?tahun={TAHUN}&jenis=tahunan&predikat=kurang")))
    assert {r[6] for r in only} == {Predikat.KURANG.label}
    page = login("penilai").get(f"/peringkat/?tahun={TAHUN}&jenis=tahunan")
    assert page.status_code == 200 and "Pemeringkatan" in page.get_data(as_text=True)
    assert login("pegawai").get("/peringkat/").status_code in (302, 403)


def test_laporan_pyb_menandai_belum_dilaporkan(login, db_session):
    E = EvaluasiKinerja
    r = login("operator").get("/laporanpyb/?tahun=2026&jenis=periodik&periode_nomor=1")
    assert r.status_code == 200 and 'id="ringkasan"' in r.get_data(as_text=True)
    rows = _data(_ws(login("operator").get("/laporanpyb/ekspor/?tahun=2026&jenis=periodik&periode_nomor=2")))
    n = db_session.scalar(
        select(func.count()).where(E.jenis == "periodik", E.tahun == 2026, E.periode_nomor == 2, E.aktif.is_(True))
    )
    belum = db_session.scalar(
        select(func.count()).where(
            E.jenis == "periodik",
            E.tahun == 2026,
            E.periode_nomor == 2,
            E.aktif.is_(True),
            E.tanggal_dilaporkan.is_(None),
        )
    )
    assert len(rows) == n
    assert sum(1 for r in rows if r[11].startswith("Belum")) == belum
    assert all(isinstance(r[10], dt.datetime) for r in rows if r[10] is not None)


def test_tunjangan_kinerja_semua_pegawai_dan_pengecualian_status(login, db_session):
    TAHUN = tahun_kasus_demo()  # the demo's annual evaluations: the last year ended by today
    p = db_session.scalar(select(Pegawai).where(Pegawai.status == "aktif").order_by(Pegawai.id.desc()).limit(1))
    lama = p.status
    p.status = "pensiun"
    db_session.commit()
    try:
        total = db_session.scalar(select(func.count(Pegawai.id)))
        semua = _data(_ws(login("operator").get(f"/tunjangankinerja/ekspor/?tahun={TAHUN}&jenis=tahunan")))
        assert len(semua) == total
        tanpa = _data(
            _ws(
                login("operator").get(
                    f"/tunjangankinerja/ekspor/?tahun={TAHUN}&jenis=tahunan&kecuali=pensiun&kecuali=diberhentikan"
                )
            )
        )
        keluar = db_session.scalar(select(func.count()).where(Pegawai.status.in_(("pensiun", "diberhentikan"))))
        assert len(tanpa) == total - keluar and p.nip not in {r[1] for r in tanpa}
        sb, _ = _kasus(db_session)
        nip_sb = db_session.get(Pegawai, sb).nip
        baris_sb = next(r for r in semua if r[1] == nip_sb)
        assert baris_sb[8] == Predikat.SANGAT_BAIK.label and baris_sb[13] == "Dokumen lengkap"
        assert login("penilai").get("/tunjangankinerja/ekspor/").status_code in (302, 403)
    finally:
        p.status = lama
        db_session.commit()


def test_register_tenggat_terlampaui(login, db_session):
    ws = _ws(login("operator").get(f"/tenggatterlampaui/ekspor/?tahun={TAHUN}"))
    rows = _data(ws)
    assert rows and {r[1] for r in rows} <= {
        "Belum dinilai",
        "Penyampaian dokumen",
        "Pengembalian oleh pegawai",
        "Laporan kepada PyB",
        "Keputusan keberatan",
    }
    assert all(isinstance(r[7], dt.datetime) for r in rows if r[7] is not None)
    mine = _data(_ws(login("penilai").get(f"/tenggatterlampaui/ekspor/?tahun={TAHUN}")))
    assert len(mine) < len(rows)


# -- statement counts (like tests/test_jumlah_sql.py) -------------------------------------------------------


@pytest.mark.parametrize(
    "url, view",
    [("/tindaklanjutsanksiview/list/", "TindakLanjutSanksiView"), ("/penghargaanview/list/", "PenghargaanView")],
)
def test_daftar_tindak_lanjut_jumlah_pernyataan_tetap(login, hitung_sql, db_session, url, view):
    c = login("operator")
    c.get(url)  # warm-up (login/session bookkeeping)
    hasil = []
    for psize in (10, 100):
        with hitung_sql() as h:
            r = c.get(f"{url}?psize_{view}={psize}")
        assert r.status_code == 200
        hasil.append(h.n)
    assert hasil[0] == hasil[1], hasil
    assert hasil[1] <= 6, hasil


@pytest.mark.parametrize(
    "url, sempit",
    [
        (f"/peringkat/?tahun={TAHUN}&jenis=tahunan", "&predikat=kurang"),
        (f"/laporanpyb/?tahun={TAHUN}&jenis=periodik&periode_nomor=1", "&unit=1"),
        (f"/tunjangankinerja/?tahun={TAHUN}&jenis=tahunan", "&kecuali=aktif"),
        (f"/tenggatterlampaui/?tahun={TAHUN}", "&tahun=2001"),
    ],
)
def test_halaman_register_jumlah_pernyataan_tetap(login, hitung_sql, url, sempit):
    """Register pages: one statement per block (rows, unit choices, summary) whatever the number of rows."""
    c = login("operator")
    c.get(url)
    hasil = []
    for u in (url, url + sempit):
        with hitung_sql() as h:
            assert c.get(u).status_code == 200
        hasil.append(h.n)
    assert hasil[0] == hasil[1] and hasil[0] <= 8, hasil  # 3 of them: FAB's user, roles and groups


# -- registers against the database ---------------------------------------------------------------------------


def _xlsx(r):
    import io

    from openpyxl import load_workbook

    from app.excel.tulis import HEADER_ROW

    assert r.status_code == 200 and r.mimetype.endswith("spreadsheetml.sheet")
    ws = load_workbook(io.BytesIO(r.data)).active
    return [c.value for c in ws[HEADER_ROW]], list(ws.iter_rows(min_row=HEADER_ROW + 1))


def test_register_penghargaan_dan_sanksi_lawan_basis_data(login, db_session):
    """Row counts against the database, NIP as text, dates as dates (Dicatat, Mulai, Selesai)."""
    import datetime as dt

    for url, model, tanggal in (
        ("/penghargaanview/ekspor/", Penghargaan, ("Dicatat",)),
        ("/tindaklanjutsanksiview/ekspor/", TindakLanjutSanksi, ("Mulai", "Selesai")),
    ):
        header, rows = _xlsx(login("operator").get(url))
        assert len(rows) == db_session.scalar(select(func.count(model.id))) > 0, url
        i_nip = header.index("NIP")
        assert all(r[i_nip].data_type == "s" and len(r[i_nip].value) == 18 for r in rows)
        for h in tanggal:
            nilai = [r[header.index(h)].value for r in rows if r[header.index(h)].value is not None]
            assert nilai and all(isinstance(v, dt.datetime) for v in nilai), h


def test_peringkat_pengecualian_hukuman_disiplin(login, db_session):
    """Exclusion filter: an employee diberhentikan sementara (disciplinary) leaves the ranking on request."""
    TAHUN = tahun_kasus_demo()  # the demo's annual evaluations: the last year ended by today
    header, semua = _xlsx(login("operator").get(f"/peringkat/ekspor/?tahun={TAHUN}&jenis=tahunan"))
    i_nip = header.index("NIP")
    nip = semua[0][i_nip].value
    p = db_session.scalar(select(Pegawai).where(Pegawai.nip == nip))
    lama = p.status
    p.status = "diberhentikan_sementara"
    db_session.commit()
    try:
        _, tanpa = _xlsx(
            login("operator").get(
                f"/peringkat/ekspor/?tahun={TAHUN}&jenis=tahunan&kecuali=diberhentikan_sementara&kecuali=pensiun"
            )
        )
        assert len(tanpa) == len(semua) - 1 and nip not in {r[i_nip].value for r in tanpa}
    finally:
        p.status = lama
        db_session.commit()
