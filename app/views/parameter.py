"""Query parameters of FAB list pages are client input: checked once, before FAB reads them.

FAB's ``urltools`` trusts ``_oc_<View>``/``_od_<View>`` (any attribute, even a column the list hides),
``page_<View>``/``psize_<View>`` (``int()`` on anything), ``_flt_<i>_<col>`` (index without bounds check) and
passes filter values straight to the database — each a 500 (or, for a hidden column, an ordering oracle on
confidential text). One ``before_request`` (``pasang``) cleans ``request.args`` for every FAB CRUD view of the
app (ours and FAB's security lists), so list, export, add/edit pre-fill and subclasses all read clean values.

Policy (the same on every list):

* sort column not sortable-and-shown (``order_columns`` ∩ ``list_columns``, never a confidential column), or a
  direction other than asc/desc → **ignored** (the list's default order);
* page not an integer in 0…``HALAMAN_MAKS``, page size not in 1…``UKURAN_MAKS`` → **ignored** (defaults);
* a filter on a column that is not a search column, or an index past that column's filters → **ignored**
  (like any unknown query parameter: FAB's own search form never sends one);
* a filter value the column cannot hold (integer beyond the column's range, non-numeric decimal, a related id
  that is not an id, a NUL character, text ending in an odd number of backslashes — PostgreSQL's LIKE escape
  character) → **400** with a short Indonesian message: dropping it would silently
  show the rows the user meant to exclude.

A database refusal that slips through anyway (``DataError``, a value the driver cannot bind) is a 400 as well
(``ParameterDaftarMixin._list``), never a 500.
"""

from __future__ import annotations

import re

from flask import abort, current_app, request
from flask_appbuilder.baseviews import BaseCRUDView
from sqlalchemy.exc import DataError, StatementError
from werkzeug.datastructures import ImmutableMultiDict

from app.extensions import db
from app.parameter_daftar import (  # shared with app/api/parameter.py
    HALAMAN_MAKS,
    PESAN_BASIS_DATA,
    PESAN_FILTER,
    UKURAN_MAKS,
    int_dalam,
    kolom_urut_sah,
    nilai_filter_sah,
    periksa_kolom_rahasia,
    rahasia,
)

# FAB's own patterns (flask_appbuilder/urltools.py), unanchored as FAB reads them
_RE_URUT, _RE_HAL, _RE_UKURAN, _RE_FLT = (
    re.compile(p) for p in (r"_oc_(.*)", r"page_(.*)", r"psize_(.*)", r"_flt_(\d)_(.*)")
)


def bersihkan_args(view) -> ImmutableMultiDict:
    """``request.args`` with this view's list parameters checked (module docstring for the policy)."""
    nama = view.__class__.__name__
    urut_sah = kolom_urut_sah(view)
    cari = view._filters.get_search_filters()
    args = request.args
    keluar: list[tuple[str, str]] = []
    for kunci in args:
        nilai = args.getlist(kunci)
        if m := _RE_URUT.search(kunci):
            arah = args.get(f"_od_{m[1]}")
            if m[1] == nama and nilai[-1] in urut_sah and arah in ("asc", "desc"):
                keluar.append((kunci, nilai[-1]))
            continue
        if kunci.startswith("_od_"):
            if args.get(f"_oc_{kunci[4:]}") in urut_sah and kunci[4:] == nama and nilai[-1] in ("asc", "desc"):
                keluar.append((kunci, nilai[-1]))
            continue
        if m := _RE_HAL.search(kunci):
            if m[1] == nama and int_dalam(nilai[-1], 0, HALAMAN_MAKS) is not None:
                keluar.append((kunci, nilai[-1]))
            continue
        if m := _RE_UKURAN.search(kunci):
            if m[1] == nama and int_dalam(nilai[-1], 1, UKURAN_MAKS) is not None:
                keluar.append((kunci, nilai[-1]))
            continue
        if m := _RE_FLT.search(kunci):
            indeks, col = int(m[1]), m[2]
            if kunci != m[0] or col not in cari or indeks >= len(cari[col]) or col in rahasia(view.datamodel.obj):
                continue
            if indeks >= len(view._filters._all_filters.get(col, [])):  # FAB indexes this list
                continue
            for v in nilai:
                if not nilai_filter_sah(view.datamodel, col, v):
                    label = view.label_columns.get(col, col)
                    abort(400, description=PESAN_FILTER.format(kolom=label))
            keluar.extend((kunci, v) for v in nilai)
            continue
        keluar.extend((kunci, v) for v in nilai)
    return ImmutableMultiDict(keluar)


def _view_blueprint(app) -> dict:
    peta = app.extensions.get("kinerja_view_crud")
    if peta is None:
        peta = {
            v.blueprint.name: v
            for v in app.appbuilder.baseviews
            if isinstance(v, BaseCRUDView) and v.blueprint is not None
        }
        app.extensions["kinerja_view_crud"] = peta
    return peta


def _sebelum_permintaan():
    view = _view_blueprint(current_app).get(request.blueprint or "")
    if view is not None and request.args:
        request.args = bersihkan_args(view)  # werkzeug caches ``args`` on the request: FAB reads this one


def pasang(app) -> None:
    """Install the cleaning for every CRUD view of ``app`` (ours and FAB's security lists)."""
    app.before_request(_sebelum_permintaan)


class ParameterDaftarMixin:
    """For KinerjaModelView: confidential columns refused at start-up; a database refusal of a list query = 400."""

    def _init_properties(self):
        super()._init_properties()
        periksa_kolom_rahasia(self, self.search_columns, self.order_columns)

    def _list(self, **kwargs):

        try:
            return super()._list(**kwargs)
        except (DataError, OverflowError):  # pre-checked values should never get here; never a 500 anyway
            db.session.rollback()
            abort(400, description=PESAN_BASIS_DATA)
        except StatementError as e:  # a parameter the driver cannot bind
            if not isinstance(e.orig, (OverflowError, ValueError, TypeError)):
                raise
            db.session.rollback()
            abort(400, description=PESAN_BASIS_DATA)
