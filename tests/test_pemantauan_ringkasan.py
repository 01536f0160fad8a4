"""Coverage summaries (app/queries/pemantauan.py): the pages read ``ringkasan_cakupan_*`` and show exactly what the
live computation (``cakupan_*_langsung``) gives — after a refresh, after monitoring saved over HTTP (the refresh
job runs synchronously here), within a team member's scope — in a bounded number of statements. Counts, never
times."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from sqlalchemy import delete, func, select, update

from app import jam
from app.extensions import db
from app.format import waktu
from app.queries import pemantauan as q
from app.security.scope import Konteks, unit_dipantau
from schema.models import (
    AnggotaTim,
    Pegawai,
    Pekerjaan,
    Pemantauan,
    PemantauanPegawai,
    PenugasanTim,
    RingkasanCakupan,
    RingkasanCakupanAtasan,
    TimPemantau,
)
from schema.models.pekerjaan import StatusPekerjaan
from seeds.demo import pilih_pegawai_demo

# semesters of the demo year, the one before, and a year without any data
SEMESTER = [(2026, 1), (2026, 2), (2025, 2), (2032, 1)]


def _s():
    db.session.rollback()
    return db.session


def _segarkan(tahun: int, semester: int):
    per = q.segarkan_ringkasan(tahun, semester)
    db.session.commit()
    return per


def _sama(tahun: int, semester: int, **kw):
    """Summary-backed coverage == live coverage, whole and paged, for units and supervisors."""
    for size, page in ((None, 0), (7, 0), (7, 2)):
        r_u, t_u, d_u, per_u = q.cakupan_unit(tahun, semester, page=page, page_size=size, **kw)
        assert (r_u, t_u, d_u) == q.cakupan_unit_langsung(tahun, semester, page=page, page_size=size, **kw)
        assert per_u is not None
        if "unit_ids" in kw:
            continue
        r_a, t_a, l_a, per_a = q.cakupan_atasan(tahun, semester, page=page, page_size=size)
        assert (r_a, t_a, l_a) == q.cakupan_atasan_langsung(tahun, semester, page=page, page_size=size)
        assert per_a == per_u


@pytest.fixture()
def sinkron(app, monkeypatch):
    """Background jobs (the refresh) run before the request answers."""
    monkeypatch.setitem(app.config, "PEKERJAAN_SINKRON", True)


def _pekerjaan_segarkan():
    return (
        _s().scalars(select(Pekerjaan).where(Pekerjaan.jenis == q.JENIS_SEGARKAN).order_by(Pekerjaan.id.desc())).all()
    )


@pytest.mark.parametrize("tahun, semester", SEMESTER)
def test_ringkasan_sama_dengan_hitungan_langsung(ctx, tahun, semester):
    _s()
    _segarkan(tahun, semester)
    _sama(tahun, semester)
    rows, total, dipantau, _ = q.cakupan_unit(tahun, semester, page_size=None)
    if tahun == 2032:  # nothing monitored: every unit "belum dipantau", every supervisor incomplete
        assert total and dipantau == 0 and not any(r["dipantau"] for r in rows)
        assert q.cakupan_atasan(tahun, semester, page_size=None)[2] == 0


def test_semester_tanpa_ringkasan_dihitung_sekali_saat_dibaca(ctx, hitung_sql):
    s = _s()
    q.hapus_ringkasan(2025, 1)
    s.commit()
    assert not q.ada_ringkasan(2025, 1)
    _, total, _, per = q.cakupan_atasan(2025, 1)  # the first reader computes it (own short transaction)
    assert q.ada_ringkasan(2025, 1) and total == q.cakupan_atasan_langsung(2025, 1)[1]
    _sama(2025, 1)
    with hitung_sql() as h:
        _, _, _, per2 = q.cakupan_unit(2025, 1)
        q.cakupan_atasan(2025, 1)
    assert per2 == per
    assert h.n == 4, h.statements  # two per page: counts (with the stamp), rows
    assert not any(re.match(r"\s*(INSERT|DELETE|UPDATE)", x) for x in h.statements)


def test_halaman_membaca_ringkasan_jumlah_pernyataan_tetap(login, ctx, hitung_sql, monkeypatch):
    from app.views.pemantauan import CakupanPemantauanView

    _s()
    per = _segarkan(2026, 1)
    c = login("operator")
    hasil = {}
    for size in (2, 40):
        monkeypatch.setattr(CakupanPemantauanView, "page_size", size)
        for hal in ("unit", "atasan"):
            url = f"/cakupanpemantauan/{hal}/?tahun=2026&semester=1"
            c.get(url)
            with hitung_sql() as h:
                r = c.get(url)
            assert r.status_code == 200
            html = r.get_data(as_text=True)
            assert f"Data per {waktu(per)} (diperbarui otomatis)" in html
            assert 'id="hitung-ulang"' in html
            assert not any(re.match(r"\s*(INSERT|DELETE|UPDATE)", x) for x in h.statements), h.statements
            hasil[(hal, size)] = h.n
    for hal in ("unit", "atasan"):
        assert hasil[(hal, 2)] == hasil[(hal, 40)] <= 6, hasil


def test_pemantauan_bawahan_lewat_http_menyegarkan_ringkasan(login, ctx, sinkron):
    s = _s()
    demo = pilih_pegawai_demo(s)
    jabatan_penilai = s.scalar(select(Pegawai.jabatan_id).where(Pegawai.id == demo["penilai"]))
    per_lama = _segarkan(2026, 2)
    sebelum = {r["jabatan_id"]: r for r in q.cakupan_atasan(2026, 2, page_size=None)[0]}[jabatan_penilai]
    n_job = len(_pekerjaan_segarkan())
    c = login("penilai")
    try:
        data = {"pegawai": str(demo["pegawai"]), "tanggal": "2026-11-03", "catatan": "UJI-RINGKASAN"}
        r = c.post("/pemantauanbawahan/add", data=data)
        assert r.status_code == 302, r.get_data(as_text=True)[:2000]
        jobs = _pekerjaan_segarkan()
        assert len(jobs) == n_job + 1 and jobs[0].status == StatusPekerjaan.SELESAI.value, jobs[0].pesan_galat
        assert jobs[0].judul == q.judul_segarkan(2026, 2)
        _sama(2026, 2)
        baris = {r["jabatan_id"]: r for r in q.cakupan_atasan(2026, 2, page_size=None)[0]}[jabatan_penilai]
        assert baris["terakhir"] >= dt.date(2026, 11, 3)
        # the subordinate was either not yet monitored this semester (+1) or already was (unchanged)
        assert baris["dipantau"] in (sebelum["dipantau"], sebelum["dipantau"] + 1)
        assert q.cakupan_atasan(2026, 2)[3] >= per_lama
        # the supervisor deletes it: refreshed again, still equal to the live computation
        pk = _s().scalar(select(PemantauanPegawai.id).where(PemantauanPegawai.catatan == "UJI-RINGKASAN"))
        r = c.post(f"/pemantauanbawahan/delete/{pk}")
        assert r.status_code == 302
        assert _s().get(PemantauanPegawai, pk) is None
        assert len(_pekerjaan_segarkan()) == n_job + 2
        _sama(2026, 2)
        assert {r["jabatan_id"]: r for r in q.cakupan_atasan(2026, 2, page_size=None)[0]}[jabatan_penilai] == sebelum
    finally:
        s = _s()
        s.execute(delete(PemantauanPegawai).where(PemantauanPegawai.catatan == "UJI-RINGKASAN"))
        s.commit()
        _segarkan(2026, 2)


def _unit_tim(username: str, tahun: int, semester: int):
    s = _s()
    pid = s.scalar(select(Pegawai.id).join(Pegawai.user).where(Pegawai.user.has(username=username)))
    milik = s.scalars(select(AnggotaTim.tim_id).where(AnggotaTim.pegawai_id == pid)).all()
    tim_id, unit = s.execute(
        select(PenugasanTim.tim_id, PenugasanTim.unit_kerja_id)
        .join(TimPemantau, TimPemantau.id == PenugasanTim.tim_id)
        .where(
            PenugasanTim.tim_id.in_(milik),
            TimPemantau.level == "kota",
            PenugasanTim.tahun == tahun,
            PenugasanTim.semester == semester,
        )
        .order_by(PenugasanTim.id)
    ).first()
    return pid, tim_id, unit


def test_kunjungan_tim_lewat_api_menyegarkan_ringkasan_unit(login, ctx, sinkron):
    pid, tim_id, unit = _unit_tim("tim", 2026, 1)
    _segarkan(2026, 1)
    kali = {r["id"]: r["kali"] for r in q.cakupan_unit(2026, 1, page_size=None)[0]}[unit]
    c = login("tim")
    try:
        r = c.post(
            "/api/v1/pemantauan/",
            json={"tim_id": tim_id, "unit_kerja_id": unit, "tanggal": "2026-03-12", "temuan": "UJI-RINGKASAN"},
        )
        assert r.status_code == 201, r.get_json()
        baris = {r["id"]: r for r in q.cakupan_unit(2026, 1, page_size=None)[0]}[unit]
        assert baris["kali"] == kali + 1 and baris["dipantau"]
        _sama(2026, 1)
        # the member's own pages read the same summary, narrowed to their units as before
        k = Konteks(None, {"Tim Pemantau"}, pid, None)
        _sama(2026, 1, unit_ids=unit_dipantau(k, 2026, 1))
    finally:
        s = _s()
        s.execute(delete(Pemantauan).where(Pemantauan.temuan == "UJI-RINGKASAN"))
        s.commit()
        _segarkan(2026, 1)


def test_anggota_tim_hanya_melihat_unitnya(login, ctx):
    pid, _, _ = _unit_tim("tim", 2026, 1)
    _segarkan(2026, 1)
    k = Konteks(None, {"Tim Pemantau"}, pid, None)
    ditugaskan = set(_s().scalars(unit_dipantau(k, 2026, 1)).all())
    rows, total, _, per = q.cakupan_unit(2026, 1, page_size=None, unit_ids=unit_dipantau(k, 2026, 1))
    assert {r["id"] for r in rows} <= ditugaskan and total == len(rows) > 0
    assert total < q.cakupan_unit(2026, 1, page_size=None)[1]
    html = login("tim").get("/unitdipantau/?tahun=2026&semester=1").get_data(as_text=True)
    assert {int(x) for x in re.findall(r'data-unit="(\d+)"', html)} == {r["id"] for r in rows}
    assert f"Data per {waktu(per)}" in html
    # the official's pages and the refresh button stay closed to members
    c = login("tim")
    assert c.get("/cakupanpemantauan/atasan/").status_code in (302, 403)
    assert c.post("/cakupanpemantauan/hitung_ulang/", data={"tahun": 2026, "semester": 1}).status_code in (302, 403)
    # the home page's team panel: the same rows as the live computation within the same scope
    th, sm = q.periode_berjalan()
    _segarkan(th, sm)
    d = login("tim").get("/beranda/data.json").get_json()["tim"]
    langsung, total, dipantau = q.cakupan_unit_langsung(th, sm, page_size=20, unit_ids=unit_dipantau(k, th, sm))
    assert (d["total_unit"], d["dipantau"]) == (total, dipantau)
    assert [u["id"] for u in d["unit"]] == [r["id"] for r in langsung]
    assert d["data_per"]


def test_tombol_hitung_ulang_operator(login, ctx, sinkron):
    _s()
    q.hapus_ringkasan(2025, 2)
    db.session.commit()
    c = login("operator")
    r = c.post("/cakupanpemantauan/hitung_ulang/", data={"tahun": "2025", "semester": "2", "halaman": "atasan"})
    assert r.status_code == 302 and "/pekerjaan/" in r.headers["Location"]
    job = _pekerjaan_segarkan()[0]
    assert job.status == StatusPekerjaan.SELESAI.value and job.judul == q.judul_segarkan(2025, 2)
    assert "/cakupanpemantauan/atasan/?tahun=2025&semester=2" in (job.rincian or "")
    assert q.ada_ringkasan(2025, 2)
    _sama(2025, 2)
    halaman = c.get(r.headers["Location"]).get_data(as_text=True)
    assert "dihitung ulang" in halaman
    assert c.post("/cakupanpemantauan/hitung_ulang/", data={"tahun": "2025", "semester": "5"}).status_code == 400


def test_tidak_mengantre_kedua_kali_selama_masih_antri(login, ctx, sinkron):
    """Debounce: while a refresh of the semester waits in the queue, a change queues nothing more (the waiting
    job has read nothing yet); a running one does not hold back the next (it may have read before)."""
    s = _s()
    _segarkan(2026, 1)
    admin = s.scalar(select(Pegawai.user_id).where(Pegawai.user_id.is_not(None)).limit(1))
    antri = Pekerjaan(
        jenis=q.JENIS_SEGARKAN,
        judul=q.judul_segarkan(2026, 1),
        user_id=admin,
        status=StatusPekerjaan.ANTRI.value,
        progres=0,
        tugas="app.queries.pemantauan:segarkan_latar",
        argumen="{}",
        diperbarui_pada=jam.sekarang_utc(),
    )
    s.add(antri)
    s.commit()
    n = len(_pekerjaan_segarkan())
    c = login("operator")
    try:
        r = c.post("/cakupanpemantauan/hitung_ulang/", data={"tahun": "2026", "semester": "1"})
        assert r.status_code == 302 and "/cakupanpemantauan/unit/" in r.headers["Location"]
        assert len(_pekerjaan_segarkan()) == n
        # running, not waiting: the button queues (and, synchronously here, runs) a new one
        _s().execute(update(Pekerjaan).where(Pekerjaan.id == antri.id).values(status=StatusPekerjaan.BERJALAN.value))
        db.session.commit()
        r = c.post("/cakupanpemantauan/hitung_ulang/", data={"tahun": "2026", "semester": "1"})
        assert "/pekerjaan/" in r.headers["Location"]
        assert len(_pekerjaan_segarkan()) == n + 1
    finally:
        s = _s()
        s.execute(delete(Pekerjaan).where(Pekerjaan.id == antri.id))
        s.commit()


def test_tugas_harian_menyegarkan_semester_berjalan_dan_membuang_yang_lama(ctx):
    from app.jadwal import TUGAS

    assert "ringkasan_cakupan" in TUGAS
    s = _s()
    _segarkan(2024, 1)
    hari = jam.hari_ini()
    th, sm = q.periode_berjalan(hari)
    sebelum = (th - 1, 2) if sm == 1 else (th, 1)
    s.execute(delete(RingkasanCakupan).where(RingkasanCakupan.tahun == th, RingkasanCakupan.semester == sm))
    s.execute(
        delete(RingkasanCakupanAtasan).where(RingkasanCakupanAtasan.tahun == th, RingkasanCakupanAtasan.semester == sm)
    )
    s.commit()
    dihitung, dibuang = q.segarkan_periode_aktif(hari)
    s.commit()
    assert dihitung == 2 and dibuang >= 1
    assert set(q.periode_ringkasan()) == {(th, sm), sebelum}
    assert (
        s.scalar(select(func.count()).select_from(RingkasanCakupanAtasan).where(RingkasanCakupanAtasan.tahun == 2024))
        == 0
    )
    _sama(th, sm)
    _sama(*sebelum)


def test_impor_pegawai_menyegarkan_ringkasan_dalam_transaksinya(login, ctx, sinkron):
    from tests.bantu import KOLOM_IMPOR_PEGAWAI, baris_impor_pegawai, xlsx_dari_baris

    th, sm = q.periode_berjalan()
    _segarkan(th, sm)
    rows = q.cakupan_unit(th, sm, page_size=None)[0]
    unit = max(rows, key=lambda r: r["jumlah"])
    nip = "198002022006011001"
    baris = baris_impor_pegawai(unit["kode"])["baik"]
    baris[0], baris[1], baris[4], baris[5] = nip, "Uji Ringkasan Impor", "02-02-1980", "01-01-2006"
    try:
        r = login("operator").post(
            "/impor/unggah",
            data={"jenis": "pegawai", "berkas": (xlsx_dari_baris([KOLOM_IMPOR_PEGAWAI, baris]), "data.xlsx")},
            content_type="multipart/form-data",
        )
        assert r.status_code == 302 and "/pekerjaan/" in r.headers["Location"]
        assert _s().scalar(select(Pegawai.id).where(Pegawai.nip == nip)) is not None
        baru = {r["id"]: r for r in q.cakupan_unit(th, sm, page_size=None)[0]}[unit["id"]]
        assert baru["jumlah"] == unit["jumlah"] + 1
        _sama(th, sm)
    finally:
        s = _s()
        s.execute(delete(Pegawai).where(Pegawai.nip == nip))
        s.commit()
        _segarkan(th, sm)
