"""Tim Pemantau Kinerja (000 Pasal 10, 20): teams, assignment action, monitoring, coverage — over HTTP."""

from __future__ import annotations

import datetime as dt
import io
import os
import re
import shutil
import subprocess
import tempfile
from contextlib import contextmanager
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import delete, event, func, select, update

from app.excel.tulis import HEADER_ROW
from app.extensions import db
from app.queries import pemantauan as q
from app.rules import StatusPegawai
from schema.models import (
    AnggotaTim,
    AuditLog,
    Jabatan,
    Pegawai,
    Pemantauan,
    PemantauanPegawai,
    PenugasanTim,
    TimPemantau,
    UnitKerja,
)
from seeds.demo import pilih_pegawai_demo

PASSWORD = "Demo#Kinerja2026"
TAHUN_UJI = 2031  # a year the demo never touches: assignment tests save and clean up there


# ------------------------------------------------------------------------------------------------
# helpers
# ------------------------------------------------------------------------------------------------


def _s():
    db.session.rollback()
    return db.session


def _pohon():
    return q.Pohon.muat()


def _pegawai_di(kode_akar: str, n: int, sekretariat: bool | None = None, kecuali=()) -> list[int]:
    """n active employees under the top-level unit ``kode_akar`` (optionally only from / outside its secretariat)."""
    s = _s()
    akar = s.scalar(select(UnitKerja.id).where(UnitKerja.kode == kode_akar))
    pohon = _pohon()
    demo = set(pilih_pegawai_demo(s).values())
    out = []
    for pid, uid in s.execute(
        select(Pegawai.id, Pegawai.unit_kerja_id)
        .where(Pegawai.status == StatusPegawai.AKTIF.value)
        .order_by(Pegawai.id)
    ).all():
        if uid is None or not pohon.di_bawah(uid, akar) or pid in demo or pid in kecuali:
            continue
        if sekretariat is not None and pohon.dari_sekretariat(uid, akar) != sekretariat:
            continue
        out.append(pid)
        if len(out) == n:
            break
    assert len(out) == n, f"data demo kurang: {kode_akar} {n} {sekretariat}"
    return out


def _form_tim(nama, level, anggota, unit_id=None, nomor="800/UJI/2026", tanggal="2026-03-01"):
    data = {
        "nama": nama,
        "level": level,
        "nomor_sk": nomor,
        "tanggal_sk": tanggal,
        "aktif": "y",
        "unit_kerja": str(unit_id) if unit_id else "",
    }
    for i, (pid, peran) in enumerate(anggota):
        data[f"anggota_isian-{i}-pegawai"] = str(pid)
        data[f"anggota_isian-{i}-peran"] = peran
    return data


def _peran(ids):
    return [(pid, "ketua" if i == 0 else "anggota") for i, pid in enumerate(ids)]


def _hapus_tim(nama):
    s = _s()
    ids = s.scalars(select(TimPemantau.id).where(TimPemantau.nama == nama)).all()
    if ids:
        s.execute(delete(Pemantauan).where(Pemantauan.tim_id.in_(ids)))
        s.execute(delete(PenugasanTim).where(PenugasanTim.tim_id.in_(ids)))
        s.execute(delete(AnggotaTim).where(AnggotaTim.tim_id.in_(ids)))
        s.execute(delete(TimPemantau).where(TimPemantau.id.in_(ids)))
        s.commit()


def _tim_kota():
    s = _s()
    return s.scalars(
        select(TimPemantau)
        .where(TimPemantau.level == "kota", TimPemantau.nama.like("Tim Pemantau Kinerja Kota%"))
        .order_by(TimPemantau.id)
    ).all()


def _tim_milik(username):
    s = _s()
    pid = s.scalar(select(Pegawai.id).join(Pegawai.user).where(Pegawai.user.has(username=username)))
    return pid, s.scalars(select(AnggotaTim.tim_id).where(AnggotaTim.pegawai_id == pid)).all()


@contextmanager
def hitung_statement():
    n = []

    def _catat(conn, cursor, statement, params, context, executemany):
        n.append(statement)

    event.listen(db.engine, "before_cursor_execute", _catat)
    try:
        yield n
    finally:
        event.remove(db.engine, "before_cursor_execute", _catat)


@pytest.fixture()
def kepala_dinkes(app, ctx):
    """A login for the head of Dinas Kesehatan (role Pegawai only): a unit head forms their own unit's team."""
    s = _s()
    sm = app.appbuilder.sm
    pid = s.scalar(
        select(Pegawai.id)
        .join(Jabatan, Jabatan.id == Pegawai.jabatan_id)
        .join(UnitKerja, UnitKerja.id == Jabatan.unit_kerja_id)
        .where(UnitKerja.kode == "DINKES", Jabatan.is_kepala_unit.is_(True))
    )
    assert pid
    user = sm.find_user(username="kadinkes_uji")
    if user is None:
        user = sm.add_user(
            "kadinkes_uji", "Kepala", "Dinkes", "kadinkes_uji@demo.kinerja.local", [sm.find_role("Pegawai")], PASSWORD
        )
    s = _s()
    s.execute(update(Pegawai).where(Pegawai.id == pid).values(user_id=user.id))
    s.commit()
    yield pid


class Nav:
    """Test client whose every request runs in its own app context.

    The tests hold an app context (``ctx``) for their own queries; a request made inside it would share its ``g``
    — and flask_login caches the logged-in user in ``g`` — so several users in one test need fresh contexts.
    """

    def __init__(self, app, username=None):
        self.app, self.c = app, app.test_client()
        if username:
            r = self.post("/login/", data={"username": username, "password": PASSWORD})
            assert r.status_code == 302 and "/login" not in r.headers.get("Location", ""), username

    def _req(self, method, *a, **kw):
        with self.app.app_context():
            return getattr(self.c, method)(*a, **kw)

    def get(self, *a, **kw):
        return self._req("get", *a, **kw)

    def post(self, *a, **kw):
        return self._req("post", *a, **kw)

    def delete(self, *a, **kw):
        return self._req("delete", *a, **kw)

    def put(self, *a, **kw):
        return self._req("put", *a, **kw)


@pytest.fixture()
def masuk(app, ctx):
    return lambda username: Nav(app, username)


# ------------------------------------------------------------------------------------------------
# 1. teams: form validation, who may form which team, scope
# ------------------------------------------------------------------------------------------------


def test_form_menolak_anggota_kurang_dari_3_dan_lebih_dari_7(masuk, ctx):
    c = masuk("operator")
    nama = "Tim Uji Ukuran"
    dua = _pegawai_di("BKPSDM", 2)
    r = c.post("/timpemantau/add", data=_form_tim(nama, "kota", _peran(dua)))
    assert r.status_code == 200
    assert "paling sedikit 3 orang" in r.get_data(as_text=True)
    delapan = _pegawai_di("BKPSDM", 4) + _pegawai_di("SETDA", 4)
    r = c.post("/timpemantau/add", data=_form_tim(nama, "kota", _peran(delapan)))
    assert r.status_code == 200
    assert "paling banyak 7 orang" in r.get_data(as_text=True)
    assert _s().scalar(select(func.count()).select_from(TimPemantau).where(TimPemantau.nama == nama)) == 0


def test_form_menolak_anggota_tidak_memenuhi_syarat(masuk, ctx):
    c = masuk("operator")
    nama = "Tim Uji Syarat"
    anggota = _pegawai_di("BKPSDM", 2) + _pegawai_di("DINKES", 1)
    r = c.post("/timpemantau/add", data=_form_tim(nama, "kota", _peran(anggota)))
    html = r.get_data(as_text=True)
    assert r.status_code == 200
    assert "bukan dari unsur BKPSDM, Sekretariat Daerah" in html
    # no ketua
    r = c.post("/timpemantau/add", data=_form_tim(nama, "kota", [(p, "anggota") for p in _pegawai_di("BKPSDM", 3)]))
    assert "tepat satu ketua" in r.get_data(as_text=True)
    assert _s().scalar(select(func.count()).select_from(TimPemantau).where(TimPemantau.nama == nama)) == 0


def test_batas_anggota_dari_konfigurasi_periode(masuk, ctx):
    from schema.models import KonfigurasiPeriode

    s = _s()
    s.execute(update(KonfigurasiPeriode).where(KonfigurasiPeriode.tahun == 2026).values(tim_min_anggota=4))
    s.commit()
    try:
        c = masuk("operator")
        r = c.post("/timpemantau/add", data=_form_tim("Tim Uji Batas", "kota", _peran(_pegawai_di("BKPSDM", 3))))
        assert "paling sedikit 4 orang" in r.get_data(as_text=True)
    finally:
        s = _s()
        s.execute(update(KonfigurasiPeriode).where(KonfigurasiPeriode.tahun == 2026).values(tim_min_anggota=3))
        s.commit()


def test_operator_membentuk_tim_kota_mengubah_dan_menghapusnya(masuk, ctx):
    c = masuk("operator")
    nama = "Tim Uji Kota Baru"
    _hapus_tim(nama)
    anggota = _pegawai_di("BKPSDM", 2) + _pegawai_di("SETDA", 2)
    try:
        r = c.post("/timpemantau/add", data=_form_tim(nama, "kota", _peran(anggota)))
        assert r.status_code == 302, r.get_data(as_text=True)[:3000]
        s = _s()
        tim = s.scalar(select(TimPemantau).where(TimPemantau.nama == nama))
        assert tim.level == "kota" and tim.unit_kerja_id is None
        assert sorted(a.pegawai_id for a in tim.anggota) == sorted(anggota)
        # two entries, both naming the new row: the columns (flush listener) and the team with its members
        jejak = s.scalars(
            select(AuditLog.sesudah).where(
                AuditLog.tabel == "tim_pemantau", AuditLog.baris_id == str(tim.id), AuditLog.aksi == "tambah"
            )
        ).all()
        assert len(jejak) == 2 and sum("anggota" in j for j in jejak) == 1, jejak
        # edit: prefilled, replace one member
        r = c.get(f"/timpemantau/edit/{tim.id}")
        assert r.status_code == 200 and f'value="{anggota[0]}" selected' in r.get_data(as_text=True)
        baru = anggota[:3] + _pegawai_di("SETDA", 1, kecuali=anggota)
        r = c.post(f"/timpemantau/edit/{tim.id}", data=_form_tim(nama, "kota", _peran(baru)))
        assert r.status_code == 302
        s = _s()
        assert sorted(s.scalars(select(AnggotaTim.pegawai_id).where(AnggotaTim.tim_id == tim.id))) == sorted(baru)
        tid = tim.id
        r = c.post(f"/timpemantau/delete/{tid}")
        assert r.status_code == 302
        assert _s().get(TimPemantau, tid) is None
    finally:
        _hapus_tim(nama)


def test_hanya_pejabat_berwenang_membentuk_tim_kota(app, ctx, kepala_dinkes):
    c = Nav(app, "kadinkes_uji")
    r = c.post("/timpemantau/add", data=_form_tim("Tim Uji Wewenang", "kota", _peran(_pegawai_di("BKPSDM", 3))))
    assert r.status_code == 200
    assert "hanya dibentuk oleh pejabat yang berwenang" in r.get_data(as_text=True)
    # a unit head forms only their own unit's team
    s = _s()
    disdik = s.scalar(select(UnitKerja.id).where(UnitKerja.kode == "DISDIK"))
    r = c.post("/timpemantau/add", data=_form_tim("Tim Uji Wewenang", "unit", _peran(_pegawai_di("DISDIK", 3)), disdik))
    assert "hanya dapat membentuk tim untuk unit kerja yang dipimpinnya" in r.get_data(as_text=True)
    # a plain employee (not a unit head) cannot form a unit team
    c2 = Nav(app, "pegawai")
    r = c2.post(
        "/timpemantau/add", data=_form_tim("Tim Uji Wewenang", "unit", _peran(_pegawai_di("DISDIK", 3)), disdik)
    )
    assert "Hanya kepala unit kerja" in r.get_data(as_text=True)
    assert _s().scalar(select(func.count()).select_from(TimPemantau).where(TimPemantau.nama == "Tim Uji Wewenang")) == 0


def test_kepala_unit_usulkan_anggota_lalu_membentuk_tim_unitnya(app, ctx, kepala_dinkes):
    nama = "Tim Uji Unit Dinkes"
    _hapus_tim(nama)
    c = Nav(app, "kadinkes_uji")
    r = c.get("/timpemantau/usulkan/?jumlah=3")
    html = r.get_data(as_text=True)
    assert r.status_code == 200 and "Sekretariat" in html
    pegawai = re.findall(r'name="anggota_isian-(\d+)-pegawai" value="(\d+)"', html)
    assert len(pegawai) == 3
    # another unit: refused
    s = _s()
    disdik = s.scalar(select(UnitKerja.id).where(UnitKerja.kode == "DISDIK"))
    assert c.get(f"/timpemantau/usulkan/?unit_kerja={disdik}").status_code == 404
    # the proposal is eligible: posting it creates the team (one transaction)
    dinkes = s.scalar(select(UnitKerja.id).where(UnitKerja.kode == "DINKES"))
    data = {
        "level": "unit",
        "unit_kerja": str(dinkes),
        "aktif": "y",
        "nama": nama,
        "nomor_sk": "800/UJI/DINKES",
        "tanggal_sk": "2026-02-02",
    }
    for i, pid in pegawai:
        data[f"anggota_isian-{i}-pegawai"] = pid
        data[f"anggota_isian-{i}-peran"] = "ketua" if i == "0" else "anggota"
    try:
        r = c.post("/timpemantau/add", data=data)
        assert r.status_code == 302, r.get_data(as_text=True)[:3000]
        tim = _s().scalar(select(TimPemantau).where(TimPemantau.nama == nama))
        assert tim.level == "unit" and tim.unit_kerja_id == dinkes and len(tim.anggota) == 3
        # the head manages it; a member of another team cannot even see it
        assert c.get(f"/timpemantau/edit/{tim.id}").status_code == 200
        assert login_status(app, "tim", f"/timpemantau/show/{tim.id}") == 404
        # unit team without anyone from the secretariat is refused
        bukan_sek = _pegawai_di("DINKES", 3, sekretariat=False)
        r = c.post("/timpemantau/add", data=_form_tim(nama + " 2", "unit", _peran(bukan_sek), dinkes))
        assert "unsur sekretariat" in r.get_data(as_text=True)
    finally:
        _hapus_tim(nama)
        _hapus_tim(nama + " 2")


def login_status(app, username, url):
    return Nav(app, username).get(url).status_code


def test_daftar_tim_per_cakupan(masuk, ctx):
    semua = _s().scalar(select(func.count()).select_from(TimPemantau))
    r = masuk("operator").get("/timpemantau/list/?psize_TimPemantauView=100")
    assert r.status_code == 200
    html = r.get_data(as_text=True)
    assert all(t.nama in html for t in _tim_kota())
    pid, milik = _tim_milik("tim")
    assert milik and semua > len(milik)
    c = masuk("tim")
    html = c.get("/timpemantau/list/").get_data(as_text=True)
    s = _s()
    for t in s.scalars(select(TimPemantau)).all():
        assert (t.nama in html) == (t.id in milik), t.nama
    lain = s.scalar(select(TimPemantau.id).where(TimPemantau.id.not_in(milik)))
    assert c.get(f"/timpemantau/show/{lain}").status_code == 404
    assert c.get(f"/api/v1/tim_pemantau/{lain}").status_code == 404
    # a member reads their team but does not manage it (view, action, API)
    assert c.get(f"/timpemantau/edit/{milik[0]}").status_code == 404
    assert c.post(f"/timpemantau/delete/{milik[0]}").status_code == 404
    assert c.delete(f"/api/v1/tim_pemantau/{milik[0]}").status_code == 404
    assert c.get("/api/v1/tim_pemantau/").get_json()["count"] == len(milik)
    # not a member, not a unit head: nothing
    assert masuk("pegawai").get("/api/v1/tim_pemantau/").get_json()["count"] == 0


def test_daftar_tim_jumlah_statement_tetap(masuk, ctx):
    c = masuk("operator")
    hasil = []
    for psize in (1, 5):
        c.get(f"/timpemantau/list/?psize_TimPemantauView={psize}")
        with hitung_statement() as n:
            r = c.get(f"/timpemantau/list/?psize_TimPemantauView={psize}")
        assert r.status_code == 200
        hasil.append(len(n))
    assert hasil[0] == hasil[1], hasil
    assert hasil[1] <= 8, hasil


def test_api_tim_pemantau_validasi(masuk, ctx):
    c = masuk("operator")
    nama = "Tim Uji API"
    _hapus_tim(nama)
    body = {
        "nama": nama,
        "level": "kota",
        "nomor_sk": "800/API",
        "tanggal_sk": "2026-04-01",
        "anggota": [
            {"pegawai_id": p, "peran": "ketua" if i == 0 else "anggota"} for i, p in enumerate(_pegawai_di("BKPSDM", 2))
        ],
    }
    r = c.post("/api/v1/tim_pemantau/", json=body)
    assert r.status_code == 422
    assert "paling sedikit 3 orang" in str(r.get_json())
    body["anggota"].append({"pegawai_id": _pegawai_di("SETDA", 1)[0], "peran": "anggota"})
    try:
        r = c.post("/api/v1/tim_pemantau/", json=body)
        assert r.status_code == 201, r.get_json()
        tid = r.get_json()["id"]
        assert len(_s().get(TimPemantau, tid).anggota) == 3
        assert c.delete(f"/api/v1/tim_pemantau/{tid}").status_code == 200
    finally:
        _hapus_tim(nama)
    # a Tim Pemantau member (also an employee, not a unit head) cannot form a city-level team
    r = masuk("tim").post("/api/v1/tim_pemantau/", json=body)
    assert r.status_code == 422 and "pejabat yang berwenang" in str(r.get_json())


def test_api_tim_pemantau_jejak_audit_sama_dengan_view(masuk, ctx):
    """One workflow (app/queries/pemantauan.py buat_tim/ubah_tim/hapus_tim) behind the view and the API: the
    API's audit rows carry the same payload (columns and members), an edit records before and after."""
    c = masuk("operator")
    nama = "Tim Uji API Audit"
    _hapus_tim(nama)
    anggota = _pegawai_di("BKPSDM", 2) + _pegawai_di("SETDA", 1)
    body = {
        "nama": nama,
        "level": "kota",
        "nomor_sk": "800/AUD",
        "tanggal_sk": "2026-04-01",
        "anggota": [{"pegawai_id": p, "peran": "ketua" if i == 0 else "anggota"} for i, p in enumerate(anggota)],
    }
    awal = _s().scalar(select(func.max(AuditLog.id))) or 0  # ids of deleted teams are reused
    try:
        r = c.post("/api/v1/tim_pemantau/", json=body)
        assert r.status_code == 201, r.get_json()
        tid = r.get_json()["id"]

        def jejak(aksi):
            return (
                _s()
                .scalars(
                    select(AuditLog).where(
                        AuditLog.tabel == "tim_pemantau",
                        AuditLog.id > awal,
                        AuditLog.baris_id == str(tid),
                        AuditLog.aksi == aksi,
                    )
                )
                .all()
            )

        tambah = [j.sesudah for j in jejak("tambah") if "anggota" in (j.sesudah or "")]
        assert len(tambah) == 1 and "800/AUD" in tambah[0] and "nomor_sk" in tambah[0]
        etag = c.get(f"/api/v1/tim_pemantau/{tid}").headers["ETag"]
        r = c.put(f"/api/v1/tim_pemantau/{tid}", json={"nomor_sk": "800/AUD-2"}, headers={"If-Match": etag})
        assert r.status_code == 200, r.get_json()
        ubah = [j for j in jejak("ubah") if "anggota" in (j.sesudah or "")]
        assert len(ubah) == 1 and "800/AUD" in ubah[0].sebelum and "800/AUD-2" in ubah[0].sesudah
        assert len(_s().get(TimPemantau, tid).anggota) == 3  # members unchanged by an API edit
        assert c.delete(f"/api/v1/tim_pemantau/{tid}").status_code == 200
        assert any("anggota" in (j.sebelum or "") for j in jejak("hapus"))
    finally:
        _hapus_tim(nama)


# ------------------------------------------------------------------------------------------------
# 2. "Bagi unit ke tim"
# ------------------------------------------------------------------------------------------------


def _token(html, form_id):
    m = re.search(rf'<form[^>]*id="{form_id}".*?name="token" value="([^"]+)"', html, re.S)
    assert m, form_id
    return m.group(1)


def _jumlah_penugasan(tahun, semester):
    return _s().scalar(
        select(func.count())
        .select_from(PenugasanTim)
        .where(PenugasanTim.tahun == tahun, PenugasanTim.semester == semester)
    )


def test_bagi_unit_ke_tim_usulan_konfirmasi_dan_ulang(masuk, ctx):
    c = masuk("operator")
    tim = _tim_kota()
    assert len(tim) == 3
    s = _s()
    s.execute(delete(PenugasanTim).where(PenugasanTim.tahun == TAHUN_UJI))
    s.commit()
    try:
        r = c.post("/timpemantau/action_post", data={"action": "bagi_unit", "rowid": [str(t.id) for t in tim]})
        assert r.status_code == 200
        html = r.get_data(as_text=True)
        assert "Belum ada yang disimpan" in html and 'id="beban"' in html
        token_tim = _token(html, "form-lihat")
        r = c.post(
            "/timpemantau/bagi_unit/", data={"token": token_tim, "langkah": "lihat", "tahun": TAHUN_UJI, "semester": 1}
        )
        html = r.get_data(as_text=True)
        assert r.status_code == 200 and "Belum ada pembagian tersimpan" in html
        assert _jumlah_penugasan(TAHUN_UJI, 1) == 0  # proposal only: nothing saved
        assert "Semua unit dapat ditugaskan" in html
        # a forged/altered token saves nothing
        r = c.post("/timpemantau/bagi_unit/", data={"token": token_tim + "x", "langkah": "simpan"})
        assert r.status_code == 302 and _jumlah_penugasan(TAHUN_UJI, 1) == 0
        r = c.post("/timpemantau/bagi_unit/", data={"token": _token(html, "form-simpan"), "langkah": "simpan"})
        assert r.status_code == 302
        # every unit with employees is assigned, no team monitors its members' perangkat daerah
        s = _s()
        pohon = _pohon()
        ub = q.unit_berpegawai()
        unit = set(s.scalars(select(ub.c.unit_kerja_id)).all())
        rows = s.execute(
            select(PenugasanTim.unit_kerja_id, PenugasanTim.tim_id, PenugasanTim.jumlah_pegawai).where(
                PenugasanTim.tahun == TAHUN_UJI, PenugasanTim.semester == 1
            )
        ).all()
        assert {u for u, _, _ in rows} == unit
        pd_tim = {}
        for tid, uid in s.execute(
            select(AnggotaTim.tim_id, Pegawai.unit_kerja_id)
            .join(Pegawai)
            .where(AnggotaTim.tim_id.in_([t.id for t in tim]))
        ).all():
            pd_tim.setdefault(tid, set()).add(pohon.puncak(uid))
        for u, t, n in rows:
            assert pohon.puncak(u) not in pd_tim[t]
            assert n > 0
        assert s.scalar(select(func.count()).select_from(AuditLog).where(AuditLog.tabel == "penugasan_tim")) >= 1
        # re-running shows what would change before replacing
        r = c.post(
            "/timpemantau/bagi_unit/", data={"token": token_tim, "langkah": "lihat", "tahun": TAHUN_UJI, "semester": 1}
        )
        html = r.get_data(as_text=True)
        assert f"{len(rows)} unit tetap, 0 pindah tim" in html
        # with one team fewer, the proposal lists moves; still nothing replaced until confirmed
        c2 = c.post("/timpemantau/action_post", data={"action": "bagi_unit", "rowid": [str(tim[0].id), str(tim[1].id)]})
        tok2 = _token(c2.get_data(as_text=True), "form-lihat")
        r = c.post(
            "/timpemantau/bagi_unit/", data={"token": tok2, "langkah": "lihat", "tahun": TAHUN_UJI, "semester": 1}
        )
        html = r.get_data(as_text=True)
        assert 'id="tabel-perubahan"' in html
        assert (
            _s().scalar(
                select(func.count())
                .select_from(PenugasanTim)
                .where(PenugasanTim.tahun == TAHUN_UJI, PenugasanTim.tim_id == tim[2].id)
            )
            > 0
        )
        r = c.post("/timpemantau/bagi_unit/", data={"token": _token(html, "form-simpan"), "langkah": "simpan"})
        assert r.status_code == 302
        assert (
            _s().scalar(
                select(func.count())
                .select_from(PenugasanTim)
                .where(PenugasanTim.tahun == TAHUN_UJI, PenugasanTim.tim_id == tim[2].id)
            )
            == 0
        )
    finally:
        s = _s()
        s.execute(delete(PenugasanTim).where(PenugasanTim.tahun == TAHUN_UJI))
        s.commit()


def test_bagi_unit_hanya_tim_kota_dan_pejabat_berwenang(masuk, ctx):
    s = _s()
    unit_tim = s.scalar(select(TimPemantau.id).where(TimPemantau.level == "unit"))
    c = masuk("operator")
    r = c.post("/timpemantau/action_post", data={"action": "bagi_unit", "rowid": [str(unit_tim)]})
    assert r.status_code == 302
    # a team member has no right to the action nor to the confirmation endpoint
    t = masuk("tim")
    _, milik = _tim_milik("tim")
    r = t.post("/timpemantau/action_post", data={"action": "bagi_unit", "rowid": [str(milik[0])]})
    assert r.status_code in (302, 403)
    r = t.post("/timpemantau/bagi_unit/", data={"token": "x", "langkah": "simpan"})
    assert r.status_code in (302, 403)
    assert "/timpemantau/list" not in r.headers.get("Location", "")


# ------------------------------------------------------------------------------------------------
# 3. members read assigned units only; monitoring visits
# ------------------------------------------------------------------------------------------------


def test_anggota_hanya_membaca_unit_yang_ditugaskan(masuk, ctx):
    from app.security.scope import Konteks, unit_dipantau

    pid, milik = _tim_milik("tim")
    s = _s()
    ditugaskan = set(
        s.scalars(
            select(PenugasanTim.unit_kerja_id).where(
                PenugasanTim.tim_id.in_(milik), PenugasanTim.tahun == 2026, PenugasanTim.semester == 1
            )
        ).all()
    )
    assert ditugaskan
    k = Konteks(None, {"Tim Pemantau"}, pid, None)
    assert set(s.scalars(unit_dipantau(k, 2026, 1)).all()) == ditugaskan
    assert set(s.scalars(unit_dipantau(Konteks(None, set(), None, None))).all()) == set()
    c = masuk("tim")
    r = c.get("/unitdipantau/?tahun=2026&semester=1")
    assert r.status_code == 200
    html = r.get_data(as_text=True)
    assert {int(x) for x in re.findall(r'data-unit="(\d+)"', html)} == ditugaskan
    dibaca = {int(x) for x in re.findall(r'data-pegawai="(\d+)"', html)}
    assert dibaca
    unit_peg = dict(s.execute(select(Pegawai.id, Pegawai.unit_kerja_id).where(Pegawai.id.in_(dibaca))).all())
    assert set(unit_peg.values()) <= ditugaskan
    # visits of other teams: neither list, show, nor API
    p_lain = s.scalar(select(Pemantauan.id).where(Pemantauan.tim_id.not_in(milik)))
    assert c.get(f"/pemantauan/show/{p_lain}").status_code == 404
    assert c.get(f"/api/v1/pemantauan/{p_lain}").status_code == 404
    n_milik = s.scalar(select(func.count()).select_from(Pemantauan).where(Pemantauan.tim_id.in_(milik)))
    assert c.get("/api/v1/pemantauan/").get_json()["count"] == n_milik
    n_tugas = s.scalar(select(func.count()).select_from(PenugasanTim).where(PenugasanTim.tim_id.in_(milik)))
    assert c.get("/api/v1/penugasan_tim/").get_json()["count"] == n_tugas
    # the pages of the official are closed to members
    assert c.get("/cakupanpemantauan/unit/").status_code in (302, 403)
    assert masuk("pegawai").get("/unitdipantau/").status_code in (302, 403)


def test_anggota_mencatat_pemantauan_unit_yang_ditugaskan_saja(masuk, ctx):
    pid, milik = _tim_milik("tim")
    s = _s()
    tim_id = s.scalar(select(TimPemantau.id).where(TimPemantau.id.in_(milik), TimPemantau.level == "kota"))
    unit = s.scalar(
        select(PenugasanTim.unit_kerja_id).where(
            PenugasanTim.tim_id == tim_id, PenugasanTim.tahun == 2026, PenugasanTim.semester == 1
        )
    )
    bukan = s.scalar(
        select(PenugasanTim.unit_kerja_id).where(
            PenugasanTim.tim_id != tim_id, PenugasanTim.tahun == 2026, PenugasanTim.semester == 1
        )
    )
    c = masuk("tim")
    data = {
        "tim_id": str(tim_id),
        "unit_kerja": str(bukan),
        "tanggal": "2026-03-10",
        "jumlah_skp_direviu": "4",
        "temuan": "UJI-TEMUAN",
        "rekomendasi": "Ubah SKP",
        "rekomendasi_perubahan_skp": "y",
    }
    r = c.post("/pemantauan/add", data=data)
    assert r.status_code == 200 and "tidak ditugaskan kepada" in r.get_data(as_text=True)
    r = c.post("/pemantauan/add", data=data | {"unit_kerja": str(unit), "tanggal": "2099-01-01"})
    assert "tidak boleh melewati hari ini" in r.get_data(as_text=True)
    try:
        r = c.post("/pemantauan/add", data=data | {"unit_kerja": str(unit)})
        assert r.status_code == 302, r.get_data(as_text=True)[:2000]
        p = _s().scalar(select(Pemantauan).where(Pemantauan.temuan == "UJI-TEMUAN"))
        assert p.dicatat_oleh_id == pid and p.rekomendasi_perubahan_skp
        # the operator reads it but cannot change it
        assert masuk("operator").get(f"/pemantauan/show/{p.id}").status_code == 200
        assert masuk("operator").get(f"/pemantauan/edit/{p.id}").status_code in (302, 403, 404)
        # API: posting for a unit not assigned → 422
        r = c.post("/api/v1/pemantauan/", json={"tim_id": tim_id, "unit_kerja_id": bukan, "tanggal": "2026-03-11"})
        assert r.status_code == 422
    finally:
        s = _s()
        s.execute(delete(Pemantauan).where(Pemantauan.temuan == "UJI-TEMUAN"))
        s.commit()


# ------------------------------------------------------------------------------------------------
# 4. coverage
# ------------------------------------------------------------------------------------------------


def test_cakupan_unit_belum_dipantau_lebih_dahulu(masuk, ctx):
    # the page reads the semester's summary: recomputed here, as other modules change employees directly
    _s()
    q.segarkan_ringkasan(2026, 2)
    db.session.commit()
    c = masuk("operator")
    r = c.get("/cakupanpemantauan/unit/?tahun=2026&semester=2")
    assert r.status_code == 200
    html = r.get_data(as_text=True)
    status = re.findall(r"<td>(Sudah dipantau|Belum dipantau)</td>", html)
    assert status and status[0] == "Belum dipantau"
    rows, total, dipantau, _per = q.cakupan_unit(2026, 2, page_size=None)
    assert 0 < dipantau < total
    first_sudah = next(i for i, r in enumerate(rows) if r["dipantau"])
    assert all(not r["dipantau"] for r in rows[:first_sudah]) and all(r["dipantau"] for r in rows[first_sudah:])
    ub = q.unit_berpegawai()
    assert total == _s().scalar(select(func.count()).select_from(ub))
    # no monitoring at all in a year without data: every unit "belum dipantau", none assigned
    html = c.get(f"/cakupanpemantauan/unit/?tahun={TAHUN_UJI + 1}&semester=1").get_data(as_text=True)
    assert "Sudah dipantau" not in html and "belum ditugaskan" in html
    assert c.get("/cakupanpemantauan/unit/?semester=3").status_code == 400


def test_cakupan_jumlah_statement_tetap(masuk, ctx, monkeypatch):
    from app.views.pemantauan import CakupanPemantauanView

    c = masuk("operator")
    hasil = {}
    for size in (2, 40):
        monkeypatch.setattr(CakupanPemantauanView, "page_size", size)
        for url in (
            "/cakupanpemantauan/unit/?tahun=2026&semester=1",
            "/cakupanpemantauan/atasan/?tahun=2026&semester=1",
        ):
            c.get(url)
            with hitung_statement() as n:
                assert c.get(url).status_code == 200
            hasil[(url, size)] = len(n)
    for url in {u for u, _ in hasil}:
        assert hasil[(url, 2)] == hasil[(url, 40)] <= 8, hasil


def test_cakupan_atasan_dan_pemantauan_bawahan(masuk, ctx):
    s = _s()
    demo = pilih_pegawai_demo(s)
    c = masuk("penilai")
    bawahan = demo["pegawai"]
    bukan = demo["operator"]
    try:
        r = c.post("/pemantauanbawahan/add", data={"pegawai": str(bukan), "tanggal": "2026-08-03", "catatan": "UJI-PP"})
        assert r.status_code == 200 and "bukan bawahan langsung Anda" in r.get_data(as_text=True)
        r = c.get("/pemantauanbawahan/status/?tahun=2026&semester=2")
        assert r.status_code == 200
        nama = s.get(Pegawai, bawahan).nama
        blok = r.get_data(as_text=True).split(nama)[0].rsplit("<tr", 1)[1]
        assert "Belum dipantau" in blok
        r = c.post(
            "/pemantauanbawahan/add", data={"pegawai": str(bawahan), "tanggal": "2026-08-03", "catatan": "UJI-PP"}
        )
        assert r.status_code == 302, r.get_data(as_text=True)[:2000]
        row = _s().scalar(select(PemantauanPegawai).where(PemantauanPegawai.catatan == "UJI-PP"))
        assert row.pemantau_id == demo["penilai"] and row.pegawai_id == bawahan
        html = c.get("/pemantauanbawahan/status/?tahun=2026&semester=2").get_data(as_text=True)
        assert "Belum dipantau" not in html.split(nama)[0].rsplit("<tr", 1)[1]
        # the official sees the supervisor's line in the coverage per supervisor
        html = masuk("pyb").get("/cakupanpemantauan/atasan/?tahun=2026&semester=2").get_data(as_text=True)
        assert s.get(Pegawai, demo["penilai"]).nama in html
        # another supervisor cannot see or change the record
        assert masuk("atasan").get(f"/pemantauanbawahan/show/{row.id}").status_code == 404
        # lookups offer own subordinates only
        res = c.get("/pemantauanbawahan/lookup/pegawai").get_json()["results"]
        assert bawahan in {x["id"] for x in res} and bukan not in {x["id"] for x in res}
    finally:
        s = _s()
        s.execute(delete(PemantauanPegawai).where(PemantauanPegawai.catatan == "UJI-PP"))
        s.commit()


# ------------------------------------------------------------------------------------------------
# 5. Excel: the registers open in LibreOffice
# ------------------------------------------------------------------------------------------------


def _libreoffice_membuka(data: bytes) -> str:
    soffice = shutil.which("soffice")
    if not soffice:
        if os.environ.get("CI") == "true":
            pytest.fail("LibreOffice (soffice) tidak terpasang di CI")
        pytest.skip("LibreOffice (soffice) tidak terpasang")
    d = Path(tempfile.mkdtemp(prefix="kinerja-xlsx-"))
    (d / "register.xlsx").write_bytes(data)
    profil = d / "profil"
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation=file://{profil}",
            "--headless",
            "--convert-to",
            "csv",
            "--outdir",
            str(d),
            str(d / "register.xlsx"),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    csv = d / "register.csv"
    assert csv.exists(), "LibreOffice gagal membuka berkas"
    return csv.read_text(encoding="utf-8", errors="replace")


def test_ekspor_register_tim_anggota_penugasan_dan_cakupan(masuk, ctx):
    c = masuk("operator")
    tim = _tim_kota()
    unduhan = {
        "tim": c.get("/timpemantau/ekspor/"),
        "penugasan": c.get("/penugasantim/ekspor/"),
        "cakupan_unit": c.get("/cakupanpemantauan/unit/ekspor/?tahun=2026&semester=1"),
        "cakupan_atasan": c.get("/cakupanpemantauan/atasan/ekspor/?tahun=2026&semester=1"),
    }
    for nama, r in unduhan.items():
        assert r.status_code == 200, nama
        assert r.mimetype.endswith("spreadsheetml.sheet"), nama
        ws = load_workbook(io.BytesIO(r.data)).active
        assert ws.cell(HEADER_ROW, 1).value == "No", nama
        assert ws.max_row > HEADER_ROW, nama
    ws = load_workbook(io.BytesIO(unduhan["tim"].data)).active
    nama_tim = {ws.cell(i, 2).value for i in range(HEADER_ROW + 1, ws.max_row + 1)}
    assert {t.nama for t in tim} <= nama_tim
    nip = ws.cell(HEADER_ROW + 1, 8)
    assert nip.data_type == "s" and len(nip.value) == 18
    csv = _libreoffice_membuka(unduhan["tim"].data)
    assert tim[0].nama in csv
    csv = _libreoffice_membuka(unduhan["penugasan"].data)
    assert "REGISTER PENUGASAN" in csv
    # members export only their own teams; members cannot export coverage
    t = masuk("tim")
    ws = load_workbook(io.BytesIO(t.get("/timpemantau/ekspor/").data)).active
    _, milik = _tim_milik("tim")
    assert {ws.cell(i, 2).value for i in range(HEADER_ROW + 1, ws.max_row + 1)} == {
        n for n in _s().scalars(select(TimPemantau.nama).where(TimPemantau.id.in_(milik)))
    }
    assert t.get("/cakupanpemantauan/unit/ekspor/").status_code in (302, 403)


def test_data_demo_pemantauan(ctx):
    s = _s()
    assert len(_tim_kota()) == 3
    for t in s.scalars(select(TimPemantau)).all():
        assert 3 <= len(t.anggota) <= 7
    pid = pilih_pegawai_demo(s)["tim"]
    assert s.scalar(select(func.count()).select_from(AnggotaTim).where(AnggotaTim.pegawai_id == pid)) >= 1
    # every unit that has demo employees (other tests may add employees elsewhere) is assigned in both semesters
    unit_demo = set(
        s.scalars(
            select(Pegawai.unit_kerja_id).where(
                Pegawai.dibuat_pada == dt.datetime(2026, 1, 2, 8, 0), Pegawai.status.in_(q.STATUS_DIPANTAU)
            )
        ).all()
    )
    for smt in (1, 2):
        assert unit_demo <= set(
            s.scalars(
                select(PenugasanTim.unit_kerja_id).where(PenugasanTim.tahun == 2026, PenugasanTim.semester == smt)
            ).all()
        )
    assert s.scalar(select(func.count()).select_from(PemantauanPegawai)) > 0
    assert s.scalar(select(func.count()).select_from(Pemantauan).where(Pemantauan.tanggal >= dt.date(2026, 7, 1))) > 0


def test_pejabat_penilai_membaca_rekomendasi_untuk_unit_bawahannya(masuk, ctx):
    """The evaluator sees the team's findings and recommended SKP changes on their subordinates' unit only."""
    s = _s()
    demo = pilih_pegawai_demo(s)
    unit = s.get(Pegawai, demo["pegawai"]).unit_kerja_id
    tim_id = s.scalar(
        select(PenugasanTim.tim_id).where(
            PenugasanTim.unit_kerja_id == unit, PenugasanTim.tahun == 2026, PenugasanTim.semester == 1
        )
    )
    p = Pemantauan(
        tim_id=tim_id,
        unit_kerja_id=unit,
        tanggal=dt.date(2026, 4, 2),
        jumlah_skp_direviu=2,
        temuan="UJI-PENILAI",
        rekomendasi="Ubah target RHK 2",
        rekomendasi_perubahan_skp=True,
    )
    s.add(p)
    s.commit()
    pid = p.id
    try:
        c = masuk("penilai")
        data = c.get("/api/v1/pemantauan/?q=(page_size:100)").get_json()
        ids = {r["id"] for r in data["result"]}
        assert pid in ids
        units = set(s.scalars(select(Pemantauan.unit_kerja_id).where(Pemantauan.id.in_(ids))).all())
        bawahan_unit = set(
            s.scalars(
                select(Pegawai.unit_kerja_id)
                .join(Jabatan, Jabatan.id == Pegawai.jabatan_id)
                .where(Jabatan.atasan_id == s.get(Pegawai, demo["penilai"]).jabatan_id)
            ).all()
        )
        assert units <= bawahan_unit
        assert "Ubah target RHK 2" in c.get(f"/pemantauan/show/{pid}").get_data(as_text=True)
        # read only for the evaluator
        assert c.get(f"/pemantauan/edit/{pid}").status_code in (302, 403, 404)
        assert masuk("konselor").get(f"/api/v1/pemantauan/{pid}").status_code in (401, 403, 404)
    finally:
        s = _s()
        s.execute(delete(Pemantauan).where(Pemantauan.id == pid))
        s.commit()
