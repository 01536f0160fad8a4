"""Home dashboard per role: numbers against a hand count from raw rows, panels per role, scope,
bounded statements, field help (app/bantuan.py)."""

from __future__ import annotations

import datetime as dt
from collections import Counter

import pytest
from sqlalchemy import select

from app.bantuan import BANTUAN
from app.queries.pemantauan import STATUS_DIPANTAU
from schema.models import SKP, EvaluasiKinerja, Jabatan, Keberatan, Konseling, Pegawai, UmpanBalik, UnitKerja

SELESAI = ("ditetapkan", "diubah")


def _data(login, username):
    r = login(username).get("/beranda/data.json")
    assert r.status_code == 200, (username, r.status_code)
    return r.get_json()


def _pegawai_id(db_session, username):
    return db_session.scalar(select(Pegawai.id).join(Pegawai.user).where(Pegawai.user.has(username=username)))


PANEL = {
    "pegawai": ["pegawai"],
    "penilai": ["pegawai", "penilai"],
    "atasan": ["pegawai", "penilai"],
    "operator": ["pegawai", "operator"],
    "pyb": ["pegawai", "pyb"],
    "konselor": ["pegawai", "konselor"],
    "klinik": ["pegawai", "klinik"],
    "admin": ["operator", "pyb"],
    "tim": ["pegawai", "tim"],
}
SEMUA_PANEL = ("pegawai", "penilai", "operator", "tim", "pyb", "konselor", "klinik")


@pytest.mark.parametrize("username", sorted(PANEL))
def test_panel_per_peran(login, username):
    d = _data(login, username)
    assert d["panel"] == PANEL[username]
    html = login(username).get("/").get_data(as_text=True)
    assert "Selamat datang" in html
    for p in SEMUA_PANEL:
        assert (f'id="panel-{p}"' in html) == (p in PANEL[username]), (username, p)
        assert (p in d) == (p in PANEL[username])


def test_tanpa_login(login):
    c = login()
    assert c.get("/beranda/data.json").status_code == 401
    html = c.get("/").get_data(as_text=True)
    assert 'id="panel-' not in html and "Masuk" in html


def test_operator_penyelesaian_per_perangkat_daerah(login, db_session):
    d = _data(login, "operator")
    tahun = d["tahun"]
    induk = dict(db_session.execute(select(UnitKerja.id, UnitKerja.induk_id)).all())

    def puncak(u):
        while induk.get(u) is not None:
            u = induk[u]
        return u

    selesai_peg = {
        p
        for (p,) in db_session.execute(
            select(SKP.pegawai_id).where(SKP.tahun == tahun, SKP.aktif.is_(True), SKP.status.in_(SELESAI))
        )
    }
    wajib, selesai = Counter(), Counter()
    for pid, uid, st in db_session.execute(select(Pegawai.id, Pegawai.unit_kerja_id, Pegawai.status)):
        if st in STATUS_DIPANTAU and uid is not None:
            wajib[puncak(uid)] += 1
            selesai[puncak(uid)] += pid in selesai_peg
    got = {u["unit_id"]: (u["wajib"], u["selesai"]) for u in d["operator"]["unit"]}
    assert got == {u: (wajib[u], selesai[u]) for u in wajib}
    assert d["operator"]["total"]["wajib"] == sum(wajib.values())
    hari = dt.date.fromisoformat(d["hari"])
    terlambat = sum(
        1
        for st, tg in db_session.execute(
            select(SKP.status, SKP.tenggat_penetapan).where(SKP.tahun == tahun, SKP.aktif.is_(True))
        )
        if st not in SELESAI and tg is not None and tg < hari
    )
    assert d["operator"]["terlambat"]["skp"] == terlambat
    # the bar chart is drawn server-side: one row per perangkat daerah, no external script
    html = login("operator").get("/").get_data(as_text=True)
    assert html.count("<tr data-unit=") == len(got)
    assert "cdn" not in html.lower()


@pytest.mark.parametrize("username", ["penilai", "atasan"])
def test_penilai_hanya_bawahannya(login, db_session, username):
    d = _data(login, username)
    tahun = d["tahun"]
    saya = _pegawai_id(db_session, username)
    jab = db_session.scalar(select(Pegawai.jabatan_id).where(Pegawai.id == saya))
    sub_jab = {j for (j,) in db_session.execute(select(Jabatan.id).where(Jabatan.atasan_id == jab))}
    skp_rows = db_session.execute(
        select(SKP.pegawai_id, SKP.status, SKP.penilai_id).where(SKP.tahun == tahun, SKP.aktif.is_(True))
    ).all()
    punya = {p for p, _, _ in skp_rows}
    selesai = {p for p, s, _ in skp_rows if s in SELESAI}
    bawahan = [
        p
        for p, j, st in db_session.execute(select(Pegawai.id, Pegawai.jabatan_id, Pegawai.status))
        if j in sub_jab and st in STATUS_DIPANTAU
    ]
    assert d["penilai"]["bawahan"] == {
        "total": len(bawahan),
        "punya_skp": sum(p in punya for p in bawahan),
        "skp_selesai": sum(p in selesai for p in bawahan),
    }
    assert d["penilai"]["skp_per_status"] == dict(Counter(s for _, s, pen in skp_rows if pen == saya))
    ev = Counter(
        s
        for (s,) in db_session.execute(
            select(EvaluasiKinerja.status_dokumen).where(
                EvaluasiKinerja.tahun == tahun, EvaluasiKinerja.aktif.is_(True), EvaluasiKinerja.penilai_id == saya
            )
        )
    )
    assert d["penilai"]["evaluasi_per_status"] == dict(ev)
    # distribution: only evaluations I evaluate
    for u in d["penilai"]["distribusi"]["unit"]:
        per = d["penilai"]["distribusi"]["periode"]
        n = db_session.scalar(
            select(EvaluasiKinerja.id)
            .where(
                EvaluasiKinerja.penilai_id == saya,
                EvaluasiKinerja.unit_kerja_id == u["unit_id"],
                EvaluasiKinerja.tahun == per["tahun"],
                EvaluasiKinerja.jenis == per["jenis"],
                EvaluasiKinerja.periode_nomor == per["nomor"],
                EvaluasiKinerja.aktif.is_(True),
                EvaluasiKinerja.predikat.is_not(None),
            )
            .limit(1)
        )
        assert n is not None
        total = len(
            db_session.execute(
                select(EvaluasiKinerja.id).where(
                    EvaluasiKinerja.penilai_id == saya,
                    EvaluasiKinerja.unit_kerja_id == u["unit_id"],
                    EvaluasiKinerja.tahun == per["tahun"],
                    EvaluasiKinerja.jenis == per["jenis"],
                    EvaluasiKinerja.periode_nomor == per["nomor"],
                    EvaluasiKinerja.aktif.is_(True),
                    EvaluasiKinerja.predikat.is_not(None),
                )
            ).all()
        )
        assert u["total"] == total


def test_pegawai_umpan_balik_dan_skp(login, db_session):
    d = _data(login, "pegawai")
    saya = _pegawai_id(db_session, "pegawai")
    tahun = d["tahun"]
    ub = (
        db_session.execute(
            select(UmpanBalik.positif)
            .join(SKP, SKP.id == UmpanBalik.skp_id)
            .where(SKP.pegawai_id == saya, UmpanBalik.tahun == tahun)
        )
        .scalars()
        .all()
    )
    assert d["pegawai"]["umpan_balik"] == {"total": len(ub), "positif": sum(ub), "tidak_positif": len(ub) - sum(ub)}
    skp = db_session.execute(
        select(SKP.id, SKP.status).where(SKP.pegawai_id == saya, SKP.tahun == tahun, SKP.aktif.is_(True))
    ).all()
    assert sorted((s["id"], s["status"]) for s in d["pegawai"]["skp"]) == sorted(tuple(r) for r in skp)
    html = login("pegawai").get("/").get_data(as_text=True)
    assert f'id="ub-total">{len(ub)}<' in html or f'id="ub-total">{len(ub):,}'.replace(",", ".") in html


def test_pyb_hitungan_tanpa_isi_rahasia(login, db_session):
    d = _data(login, "pyb")
    kons = Counter(s for (s,) in db_session.execute(select(Konseling.status)))
    assert d["pyb"]["konseling"]["per_status"] == dict(kons)
    menunggu = db_session.scalar(select(Keberatan.id).where(Keberatan.keputusan.is_(None)).limit(1))
    n = len(db_session.execute(select(Keberatan.id).where(Keberatan.keputusan.is_(None))).all())
    assert d["pyb"]["keberatan"]["menunggu"] == n, menunggu
    html = login("pyb").get("/").get_data(as_text=True)
    for (hasil,) in db_session.execute(select(Konseling.hasil).where(Konseling.hasil.is_not(None)).limit(20)):
        if len(hasil) > 12:
            assert hasil not in html


@pytest.mark.parametrize("username", sorted(PANEL))
def test_jumlah_pernyataan_terbatas(login, hitung_sql, username):
    c = login(username)
    c.get("/beranda/data.json")
    with hitung_sql() as h:
        assert c.get("/beranda/data.json").status_code == 200
    # auth/session + at most a dozen statements per panel, independent of the number of employees/units
    assert h.n <= 6 + 8 * len(PANEL[username]), (username, h.n, h.statements)


def test_bantuan_berisi_sumber():
    for kunci in ("rating_hasil_kerja", "rating_perilaku", "ipk", "nip", "alasan_perubahan_skp"):
        teks, sumber = BANTUAN[kunci]
        assert teks and sumber
    assert "Pasal 11" in BANTUAN["alasan_perubahan_skp"][1]
    assert "B.3 a 1)" in BANTUAN["rating_hasil_kerja"][1] and "B.3 a 2)" in BANTUAN["rating_perilaku"][1]


def test_bantuan_di_formulir_evaluasi(login, db_session):
    saya = _pegawai_id(db_session, "penilai")
    evs = db_session.scalars(
        select(EvaluasiKinerja.id)
        .where(
            EvaluasiKinerja.penilai_id == saya,
            EvaluasiKinerja.status_dokumen == "draf",
            EvaluasiKinerja.aktif.is_(True),
        )
        .order_by(EvaluasiKinerja.id)
    ).all()
    c = login("penilai")
    for ev in evs:
        html = c.get(f"/evaluasi/show/{ev}").get_data(as_text=True)
        if 'id="form-penilaian"' in html:
            break
    else:
        pytest.skip("demo tanpa evaluasi yang dapat diisi penilai")
    assert 'id="bantuan-rating-hasil-kerja"' in html and 'id="bantuan-rating-perilaku"' in html
    assert "B.3 a 1)(d)" in html and "B.3 a 2)" in html
    assert '<label for="rating_hasil_kerja">' in html and '<label for="rating_perilaku">' in html


def test_bantuan_alasan_perubahan_skp(login, db_session):
    ids = db_session.scalars(
        select(SKP.id).where(SKP.status == "ditetapkan", SKP.aktif.is_(True)).order_by(SKP.id).limit(30)
    ).all()
    for username in ("pegawai", "penilai", "operator"):
        c = login(username)
        for skp in ids:
            html = c.get(f"/skp/show/{skp}").get_data(as_text=True)
            if 'id="btn-ubah-versi"' in html:
                assert 'id="bantuan-alasan-perubahan-skp"' in html and "Pasal 11" in html
                assert '<label for="ubah-alasan">' in html
                return
    pytest.skip("formulir Ubah SKP tidak tersedia di demo")


def test_pintasan_operator_dan_pegawai(login):
    html = login("operator").get("/").get_data(as_text=True)
    for url in ('href="/impor/', 'href="/pegawaiview/ekspor/', 'href="/tenggatevaluasi/', 'href="/skp/belum'):
        assert url in html, url
    html = login("pegawai").get("/").get_data(as_text=True)
    assert 'href="/impor/' not in html and "/ekspor/" not in html
