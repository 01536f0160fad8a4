"""A code column (``enum_col``) is searched by equality over its codes, chosen from its labels — on every list.

Text filters ("diawali dengan", ILIKE) on a code column read every row of the table (no index helps) and made
the operator type a code; an equality uses the column's index and the select shows the Indonesian labels.
"""

from __future__ import annotations

from flask_appbuilder.models.sqla.filters import FilterEqual, FilterNotEqual
from wtforms import SelectField

from app.views.base import KinerjaModelView
from tests.bantu import html


def _kolom_kode(app):
    for v in app.appbuilder.baseviews:
        if not isinstance(v, KinerjaModelView):
            continue
        kolom = v.datamodel.obj.__table__.columns
        for nama in v.search_columns or []:
            c = kolom.get(nama)
            if c is not None and c.info.get("enum") is not None:
                yield v, nama, c.info["enum"]


def test_setiap_kolom_kode_disaring_sama_dengan_dari_label(app):
    dicek = 0
    with app.test_request_context("/"):
        for v, nama, enum in _kolom_kode(app):
            filters = v._filters.get_search_filters()[nama]
            assert [type(f) for f in filters] == [FilterEqual, FilterNotEqual], (type(v).__name__, nama)
            field = v.search_form.refresh()[nama]
            assert isinstance(field, SelectField), (type(v).__name__, nama)
            kode = {k for k, _label in field.choices if k}
            assert kode == {m.value for m in enum}, (type(v).__name__, nama)
            dicek += 1
    assert dicek >= 10  # the walk found the views' code columns (pegawai status, SKP/evaluation status, …)


def test_saring_status_memakai_kesamaan(login, hitung_sql):
    c = login("operator")
    with hitung_sql() as s:
        r = c.get("/pegawaiview/list/?_flt_0_status=tugas_belajar")
    assert r.status_code == 200
    saring = [x for x in s.statements if "pegawai.status" in x and "count" in x.lower()]
    assert saring and all("LIKE" not in x.upper() for x in saring), saring
    assert 'value="tugas_belajar"' in html(r) and "Tugas Belajar" in html(r)
    # "tidak sama dengan": every row but the given code (index 1 of the column's filters)
    semua = c.get("/pegawaiview/list/?_flt_1_status=zzz_tidak_ada")
    assert semua.status_code == 200
