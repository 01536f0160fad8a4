"""The search widget's per-app parts (app/views/base.py SearchWidgetTetap) render what FAB's widget renders.

For every list view of the app, in one request (same CSP nonce), FAB's SearchWidget and ours are rendered twice
with the same arguments — the second time from the cache where the view's fields allow it — and must be equal;
a view whose search form reads the database for its options is never cached.
"""

from __future__ import annotations

import re

from flask_appbuilder.widgets import SearchWidget

from app.views.base import KinerjaModelView, SearchWidgetTetap


def _tanpa_jam(html: str) -> str:
    """A field defaulting to now renders the current time: two renders differ by microseconds."""
    return re.sub(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d+)?", "JAM", html)


def _argumen(v):
    return dict(
        route_base=v.route_base,
        form=v.search_form.refresh(),
        include_cols=v.search_columns,
        exclude_cols=[],
        filters=v._filters,
    )


def test_sama_dengan_widget_fab_untuk_setiap_view(app):
    dibanding = 0
    with app.test_request_context("/"):
        app.extensions.pop("kinerja_widget_cari", None)
        for v in app.appbuilder.baseviews:
            if not isinstance(v, KinerjaModelView) or not v.search_columns:
                continue
            fab = _tanpa_jam(SearchWidget(**_argumen(v))())
            pertama = _tanpa_jam(SearchWidgetTetap(**_argumen(v))())
            kedua = _tanpa_jam(SearchWidgetTetap(**_argumen(v))())  # from the cache where allowed
            assert pertama == fab and kedua == fab, type(v).__name__
            dibanding += 1
            form = v.search_form.refresh()
            if any(callable(form[c].default) for c in v.search_columns):  # e.g. a stamp defaulting to now
                assert not [k for k in app.extensions["kinerja_widget_cari"] if k[0] == v.route_base]
        simpanan = app.extensions["kinerja_widget_cari"]
    assert dibanding >= 30
    # a search form whose field reads the database for its options (FAB's user list: roles) is never cached
    with app.test_request_context("/"):
        pengguna = next(v for v in app.appbuilder.baseviews if type(v).__name__ == "UserDBModelView")
        assert _tanpa_jam(SearchWidgetTetap(**_argumen(pengguna))()) == _tanpa_jam(SearchWidget(**_argumen(pengguna))())
        assert not [k for k in app.extensions["kinerja_widget_cari"] if k[0] == pengguna.route_base]
    assert any(k[0] == "/pegawaiview" for k in simpanan)  # the static views are cached


def test_filter_aktif_tidak_tersimpan(login):
    """The active filters come from each request: a cached widget shows this request's values, not the last."""
    c = login("operator")
    a = c.get("/pegawaiview/list/?_flt_0_nama=Sriwijaya").get_data(as_text=True)
    b = c.get("/pegawaiview/list/?_flt_0_nama=Bukittinggi").get_data(as_text=True)
    assert "Sriwijaya" in a and "Sriwijaya" not in b and "Bukittinggi" in b
