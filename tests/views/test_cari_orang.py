"""Finding people: the quick search box (``?q=``, ``?unit=``) of the Pegawai, SKP and Evaluasi Kinerja lists, the
"Mengandung" default of name/NIP filters, and the people lookups (any part of the name or the NIP, the unit in
the option label) — over HTTP, inside the user's row scope, with the list's statement count unchanged."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from schema.models import SKP, EvaluasiKinerja, Pegawai, UnitKerja
from tests.bantu import html, peg


def _semua_nama(db) -> list[str]:
    return [n.lower() for n in db.scalars(select(Pegawai.nama))]


def _jarang(kata: str, semua: list[str], paling: int) -> bool:
    """``kata`` occurs (as a substring) in at most ``paling`` employee names: one result page shows them all."""
    return len(kata) >= 4 and sum(kata.lower() in n for n in semua) <= paling and re.fullmatch(r"[A-Za-z]+", kata)


def _orang(db, posisi: int, syarat=None) -> tuple[Pegawai, str]:
    """An employee with an SKP and an evaluation whose word at ``posisi`` (-1: surname, 1: middle name of a
    three-word name) names only them (a middle name: at most three people); returns (employee, that word)."""
    db.rollback()
    semua = _semua_nama(db)
    punya = select(SKP.pegawai_id).intersect(select(EvaluasiKinerja.pegawai_id))
    for p in db.scalars(select(Pegawai).where(Pegawai.id.in_(punya)).order_by(Pegawai.id)):
        kata = p.nama.split()
        if len(kata) < (3 if posisi == 1 else 2) or (syarat and not syarat(p)):
            continue
        if _jarang(kata[posisi], semua, 3 if posisi == 1 else 1):
            return p, kata[posisi]
    pytest.fail("data demo tanpa pegawai bernama unik yang punya SKP dan evaluasi")


LIST = {"pegawai": "/pegawaiview/list/", "skp": "/skp/list/", "evaluasi": "/evaluasi/list/"}


@pytest.mark.parametrize("daftar", list(LIST))
@pytest.mark.parametrize("posisi", [-1, 1], ids=["nama-belakang", "nama-tengah"])
def test_kotak_cari_menemukan_nama_belakang_dan_tengah(login, db_session, daftar, posisi):
    p, kata = _orang(db_session, posisi)
    c = login("admin")
    tanpa = html(c.get(LIST[daftar]))
    assert 'id="cari-cepat"' in tanpa and 'name="q"' in tanpa  # the box is on the page, not behind the search panel
    r = c.get(f"{LIST[daftar]}?q={kata.lower()}")
    assert r.status_code == 200
    teks = html(r)
    assert p.nama in teks, (daftar, kata)
    assert f'value="{kata.lower()}"' in teks  # the box keeps what was typed
    lain = db_session.scalar(
        select(Pegawai).where(~Pegawai.nama.icontains(kata), Pegawai.id.in_(select(EvaluasiKinerja.pegawai_id)))
    )
    assert lain.nama not in teks


@pytest.mark.parametrize("daftar", list(LIST))
def test_kotak_cari_nip(login, db_session, daftar):
    p, _ = _orang(db_session, -1)
    c = login("admin")
    assert p.nama in html(c.get(f"{LIST[daftar]}?q={p.nip[4:12]}"))  # a middle part of the NIP
    # the NIP as printed on official forms, in groups: "19850101 200501 1 001"
    berkelompok = f"{p.nip[:8]} {p.nip[8:14]} {p.nip[14]} {p.nip[15:]}"
    assert p.nama in html(c.get(LIST[daftar], query_string={"q": berkelompok}))


def test_kotak_cari_dalam_cakupan_pegawai(login, db_session):
    """A Pegawai-role user finds their own SKP and evaluation by surname, and nobody else's."""
    sendiri = peg(db_session, "pegawai")
    lain, kata_lain = _orang(db_session, -1, syarat=lambda p: p.id != sendiri.id)
    c = login("pegawai")
    for url in (LIST["skp"], LIST["evaluasi"]):
        teks = html(c.get(f"{url}?q={kata_lain}"))
        assert lain.nama not in teks, url
        assert lain.nip not in teks, url
    teks = html(c.get(f"{LIST['skp']}?q={sendiri.nama.split()[-1]}"))
    if db_session.scalar(select(SKP.id).where(SKP.pegawai_id == sendiri.id).limit(1)):
        assert sendiri.nip in teks
    assert c.get(f"{LIST['pegawai']}?q={kata_lain}").status_code in (302, 403)  # no access to the register


def test_kotak_cari_bawahan_dalam_cakupan(login, db_session):
    """The subordinates list (a Pegawai list) searches inside its scope: a supervisor finds a subordinate,
    never another employee of the same search."""
    db = db_session
    penilai = peg(db, "penilai")
    from schema.models import Jabatan

    bawahan = db.scalars(
        select(Pegawai).join(Jabatan, Jabatan.id == Pegawai.jabatan_id).where(Jabatan.atasan_id == penilai.jabatan_id)
    ).first()
    assert bawahan is not None
    c = login("penilai")
    assert bawahan.nip in html(c.get(f"/bawahan/list/?q={bawahan.nip[-6:]}"))
    luar, kata = _orang(db, -1, syarat=lambda p: p.jabatan is None or p.jabatan.atasan_id != penilai.jabatan_id)
    assert luar.nip not in html(c.get(f"/bawahan/list/?q={kata}"))


def test_filter_unit_termasuk_sub_unit(login, db_session):
    db = db_session
    db.rollback()
    induk = db.scalar(
        select(UnitKerja)
        .where(UnitKerja.id.in_(select(UnitKerja.induk_id)))
        .where(UnitKerja.id.in_(select(Pegawai.unit_kerja_id)))
        .where(UnitKerja.induk_id.is_not(None))
        .order_by(UnitKerja.id)
    )
    anak_ids = set(db.scalars(select(UnitKerja.id).where(UnitKerja.induk_id == induk.id)))
    di_anak = db.scalar(select(Pegawai).where(Pegawai.unit_kerja_id.in_(anak_ids)).order_by(Pegawai.id))
    di_induk = db.scalar(select(Pegawai).where(Pegawai.unit_kerja_id == induk.id).order_by(Pegawai.id))
    luar = db.scalar(select(Pegawai).where(Pegawai.unit_kerja_id.is_(None) | (Pegawai.unit_kerja_id != induk.id)))
    while luar.unit_kerja_id in anak_ids or (luar.unit_kerja and luar.unit_kerja.induk_id in anak_ids):
        luar = db.scalar(select(Pegawai).where(Pegawai.id > luar.id, Pegawai.unit_kerja_id != induk.id))
    c = login("admin")
    url = f"/pegawaiview/list/?unit={induk.id}&psize_PegawaiView=100"
    teks = html(c.get(url))
    assert di_anak is not None and di_anak.nip in teks  # a sub-unit's employee
    assert di_induk is not None and di_induk.nip in teks
    assert luar.nip not in teks
    assert f'<option value="{induk.id}" selected>' in teks  # the chosen unit stays in the box
    # the unit and the name combine (AND), and the export takes both (the list's own filters)
    teks = html(c.get(f"/pegawaiview/list/?unit={induk.id}&q={di_anak.nip}"))
    assert di_anak.nip in teks and di_induk.nip not in teks
    ekspor = re.search(r'href="([^"]*)"\s+id="unduh-excel"', teks).group(1)
    assert f"unit={induk.id}" in ekspor and "q=" in ekspor


@pytest.mark.parametrize("arg", ["unit=abc", "unit=99999999999", "q=a%00b"])
def test_kotak_cari_nilai_mustahil_400(login, arg):
    assert login("admin").get(f"/pegawaiview/list/?{arg}").status_code == 400


def test_filter_nama_bawaan_mengandung(app, login, db_session):
    """FAB's search form preselects a column's first filter: on names and NIPs it is "Mengandung" (contains);
    the other filters keep their ``_flt_<i>_`` indexes (1 = ends with, 2 = starts with)."""
    p, kata = _orang(db_session, -1)
    c = login("admin")
    assert p.nip in html(c.get(f"/pegawaiview/list/?_flt_0_nama={kata}"))
    assert p.nip not in html(c.get(f"/pegawaiview/list/?_flt_2_nama={kata}"))  # starts with: not the surname
    assert p.nip in html(c.get(f"/pegawaiview/list/?_flt_2_nama={p.nama.split()[0]}&psize_PegawaiView=100"))
    assert p.nip in html(c.get(f"/pegawaiview/list/?_flt_0_nip={p.nip[6:14]}"))
    assert p.nama in html(c.get(f"/skp/list/?_flt_0_pegawai_nama={kata}"))
    view = next(v for v in app.appbuilder.baseviews if type(v).__name__ == "PegawaiView")
    for col in ("nama", "nip"):
        assert type(view._filters.get_search_filters()[col][0]).__name__ == "FilterContains"
    assert type(view._filters.get_search_filters()["status"][0]).__name__ != "FilterContains"


def _lookup(c, url, q):
    r = c.get(url, query_string={"q": q})
    assert r.status_code == 200, url
    return r.get_json()


def test_lookup_nama_tengah_dengan_unit(login, db_session):
    """Lookups match any part of the name (and the NIP) and name the unit: "Nama (NIP) — Unit"."""
    p, kata = _orang(db_session, 1)
    c = login("admin")
    for url in ("/skp/lookup/pegawai", "/evaluasi/lookup/pegawai"):
        d = _lookup(c, url, kata.lower())
        teks = [x["text"] for x in d["results"] if x["id"] == p.id]
        assert teks == [f"{p.nama} ({p.nip}) — {p.unit_kerja.nama}"], (url, d)
        assert [x["id"] for x in _lookup(c, url, p.nip[4:])["results"]] == [p.id]


def test_lookup_hanya_kandidat_dalam_cakupan(login, db_session):
    sendiri = peg(db_session, "pegawai")
    lain, kata = _orang(db_session, -1, syarat=lambda p: p.id != sendiri.id)
    c = login("pegawai")
    assert _lookup(c, "/skp/lookup/pegawai", kata)["results"] == []
    assert _lookup(c, "/skp/lookup/pegawai", lain.nip)["results"] == []
    ids = [x["id"] for x in _lookup(c, "/skp/lookup/pegawai", sendiri.nama.split()[-1][1:])["results"]]
    assert set(ids) <= {sendiri.id}


def test_lookup_tetap_berhalaman(login):
    d = _lookup(login("admin"), "/skp/lookup/pegawai", "a")
    assert len(d["results"]) <= 20 and d["pagination"]["more"] is True
    d2 = login("admin").get("/skp/lookup/pegawai?q=a&page=2").get_json()
    assert not {x["id"] for x in d["results"]} & {x["id"] for x in d2["results"]}


@pytest.mark.parametrize("url", list(LIST.values()) + ["/bawahan/list/"])
def test_jumlah_sql_cari_cepat_sama(login, hitung_sql, db_session, url):
    """The quick search is a WHERE clause of the list's own (scoped) query: no statement added, page size
    independent, at most the ceiling of tests/test_jumlah_sql.py."""
    p, kata = _orang(db_session, -1)
    c = login("admin")
    c.get(url)
    view = {"/pegawaiview/list/": "PegawaiView", "/skp/list/": "SKPView", "/evaluasi/list/": "EvaluasiKinerjaView"}
    nama = view.get(url, "BawahanView")
    hasil = {}
    for q in ("", kata):
        for psize in (1, 100):
            with hitung_sql() as h:
                assert c.get(f"{url}?q={q}&psize_{nama}={psize}").status_code == 200
            hasil[(q, psize)] = h.n
    assert len(set(hasil.values())) == 1, hasil
    assert max(hasil.values()) <= 6, hasil


def test_jumlah_sql_filter_unit(login, hitung_sql, db_session):
    """The unit filter (a recursive CTE inside the list's WHERE) adds only the chosen unit's name for the box."""
    unit_id = db_session.scalar(select(UnitKerja.id).where(UnitKerja.induk_id.is_(None)).order_by(UnitKerja.id))
    c = login("admin")
    c.get("/pegawaiview/list/")
    hasil = {}
    for psize in (1, 100):
        with hitung_sql() as h:
            assert c.get(f"/pegawaiview/list/?unit={unit_id}&psize_PegawaiView={psize}").status_code == 200
        hasil[psize] = h.n
    assert len(set(hasil.values())) == 1 and max(hasil.values()) <= 6, hasil
