"""Every checkbox of every add/edit form saves both values.

FAB makes a NOT NULL Boolean column required (``InputRequired``); an unticked box sends nothing, so "false" was
refused with "Kolom ini wajib diisi" (an operator could not un-mark a unit head). The views are discovered from
``appbuilder.baseviews``: a new form with a checkbox is tested without touching this file.
"""

from __future__ import annotations

import pytest
from flask_appbuilder import ModelView
from sqlalchemy import select
from wtforms import BooleanField
from wtforms.fields.core import UnboundField

from tests import bantu
from tests.bantu import Formulir


def _kotak_centang(form_cls, kolom) -> list[str]:
    return [
        c
        for c in kolom or []
        if isinstance(getattr(form_cls, c, None), UnboundField)
        and issubclass(getattr(form_cls, c).field_class, BooleanField)
    ]


def _view_berkotak(app, jenis: str):
    """(view, [checkbox fields]) of every view whose ``jenis`` (add/edit) form has a checkbox and is offered."""
    hasil = []
    for v in app.appbuilder.baseviews:
        if not isinstance(v, ModelView) or f"can_{jenis}" not in (v.base_permissions or []):
            continue
        kotak = _kotak_centang(getattr(v, f"{jenis}_form"), getattr(v, f"{jenis}_columns"))
        if kotak:
            hasil.append((v, kotak))
    return hasil


def test_view_berkotak_ditemukan(app):
    """The discovery finds the forms the defect was reported on (so the tests below are not vacuous)."""
    ubah = {(type(v).__name__, k) for v, ks in _view_berkotak(app, "edit") for k in ks}
    for harus in (
        ("JabatanView", "is_kepala_unit"),
        ("JabatanView", "aktif"),
        ("UnitKerjaView", "is_mandiri"),
        ("UnitKerjaView", "is_sekretariat"),
        ("UnitKerjaView", "boleh_tim_kota"),
        ("UnitKerjaView", "aktif"),
        ("TimPemantauView", "aktif"),
        ("KlinikTimView", "aktif"),
        ("KlinikPertanyaanView", "aktif"),
    ):
        assert harus in ubah, harus


def _data(form: dict[str, list[str]], kotak: str, centang: bool) -> dict:
    data = {k: v for k, v in form.items() if k != kotak}
    if centang:
        data[kotak] = ["y"]
    return data


def _nilai_db(db, model, pk, kolom):
    db.rollback()
    return db.scalar(select(getattr(model, kolom)).where(model.id == pk))


def _baris_dapat_diubah(c, v, db, kotak):
    """A real row whose edit form the admin is offered (latest first: away from the demo users' own rows)."""
    model = v.datamodel.obj
    for pk in db.scalars(select(model.id).order_by(model.id.desc()).limit(15)):
        r = c.get(f"{v.route_base}/edit/{pk}")
        if r.status_code == 200 and any(kotak[0] in f for f in Formulir(bantu.html(r)).forms):
            return pk, Formulir(bantu.html(r))
    pytest.fail(f"{type(v).__name__}: tidak ada baris yang formulir ubahnya dapat dibuka Admin")


def test_setiap_kotak_centang_ubah_tersimpan_dua_arah(app, login, db_session):
    """As admin, on a real row of every such view: untick → False in the database, tick → True, and back."""
    db, c = db_session, login("admin")
    diuji = []
    for v, kotak in _view_berkotak(app, "edit"):
        pk, hal = _baris_dapat_diubah(c, v, db, kotak)
        model = v.datamodel.obj
        form = hal.dengan(kotak[0])
        asal = {k: _nilai_db(db, model, pk, k) for k in kotak}
        for k in kotak:
            for centang in (False, True, bool(asal[k])):
                form = Formulir(bantu.html(c.get(f"{v.route_base}/edit/{pk}"))).dengan(k)
                r = c.post(f"{v.route_base}/edit/{pk}", data=_data(form, k, centang))
                pesan = bantu.html(r)
                assert r.status_code == 302, (type(v).__name__, k, centang, "wajib diisi" in pesan, pesan[-3000:])
                assert _nilai_db(db, model, pk, k) is centang, (type(v).__name__, k, centang)
            diuji.append((type(v).__name__, k))
        assert {k: _nilai_db(db, model, pk, k) for k in kotak} == asal  # the row is as it was
    assert len(diuji) >= 9, diuji


def _hapus(db, model, **kunci):
    db.rollback()
    for x in db.scalars(select(model).filter_by(**kunci)):
        db.delete(x)
    db.commit()


def test_tambah_dengan_kotak_kosong(app, login, db_session):
    """Adding a row with every box unticked stores False (jabatan, unit kerja, survey question)."""
    from schema.models import Jabatan, KlinikPertanyaanSurvei, UnitKerja

    db, c = db_session, login("admin")
    unit = db.scalars(select(UnitKerja).order_by(UnitKerja.id)).first()
    kasus = [
        (
            "/jabatanview/add",
            Jabatan,
            {
                "kode": "UJI.KOTAK.J",
                "nama": "Jabatan Uji Kotak",
                "jenis": "pelaksana",
                "unit_kerja": str(unit.id),
                "atasan": "",
            },
            {"kode": "UJI.KOTAK.J"},
        ),
        (
            "/unitkerjaview/add",
            UnitKerja,
            {
                "kode": "UJI.KOTAK.U",
                "nama": "Unit Uji Kotak",
                "jenis": unit.jenis,
                "instansi": str(unit.instansi_id),
                "induk": str(unit.id),
            },
            {"kode": "UJI.KOTAK.U"},
        ),
        (
            "/klinik/pertanyaan/add",
            KlinikPertanyaanSurvei,
            {
                "urutan": "99",
                "teks": "Pertanyaan uji kotak kosong?",
                "skala_min": "1",
                "skala_maks": "5",
                "label_min": "a",
                "label_maks": "b",
            },
            {"teks": "Pertanyaan uji kotak kosong?"},
        ),
    ]
    ditambah = {u for u, *_ in kasus}
    ada = {f"{v.route_base}/add" for v, _ in _view_berkotak(app, "add")}
    assert ditambah <= ada
    try:
        for url, model, data, kunci in kasus:
            hal = Formulir(bantu.html(c.get(url)))
            kotak = [
                k
                for k in _kotak_centang(
                    next(v for v in app.appbuilder.baseviews if f"{getattr(v, 'route_base', '')}/add" == url).add_form,
                    model.__table__.columns.keys(),
                )
            ]
            assert kotak and all(k in hal.dengan(kotak[0]) for k in kotak), url
            r = c.post(url, data=data)  # no box ticked
            assert r.status_code == 302, (url, bantu.html(r)[-3000:])
            db.rollback()
            x = db.scalars(select(model).filter_by(**kunci)).one()
            assert all(getattr(x, k) is False for k in kotak), (url, {k: getattr(x, k) for k in kotak})
    finally:
        for _, model, _, kunci in kasus:
            _hapus(db, model, **kunci)
