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
from decimal import Decimal, InvalidOperation

from flask import abort, current_app, request
from flask_appbuilder.baseviews import BaseCRUDView
from sqlalchemy import BigInteger, Numeric, SmallInteger
from sqlalchemy.exc import DataError, StatementError
from werkzeug.datastructures import ImmutableMultiDict

from schema.models._base import kolom_rahasia

HALAMAN_MAKS = 1_000_000
UKURAN_MAKS = 100  # FAB's page-size menu offers 25…100

# Confidential content (R11, 000 Pasal 16(5); columns marked ``rahasia()``): never a sort or search column of any
# list or API — sorting by a hidden column leaks its order. Checked at start-up (``periksa_kolom_rahasia``) and
# stripped from requests.
PESAN_FILTER = "Nilai filter tidak valid untuk kolom {kolom}."
PESAN_BASIS_DATA = "Parameter daftar tidak valid."

# FAB's own patterns (flask_appbuilder/urltools.py), unanchored as FAB reads them
_RE_URUT, _RE_HAL, _RE_UKURAN, _RE_FLT = (re.compile(p) for p in (r"_oc_(.*)", r"page_(.*)", r"psize_(.*)",
                                                                     r"_flt_(\d)_(.*)"))


def rahasia(model) -> frozenset[str]:
    """Confidential columns of ``model``: those declared with ``info=rahasia()`` (schema/models/_base.py)."""
    table = getattr(model, "__table__", None)
    return kolom_rahasia(table) if table is not None else frozenset()


def kolom_urut_sah(view) -> set[str]:
    """Columns a list may be sorted by: sortable (FAB's ``order_columns``) and shown, never confidential."""
    return (set(view.order_columns or []) & set(view.list_columns or [])) - rahasia(view.datamodel.obj)


def periksa_kolom_rahasia(view, search_columns, order_columns) -> None:
    """Start-up check: a view or API that offers a confidential column for sorting or filtering does not start."""
    bocor = (set(search_columns or []) | set(order_columns or [])) & rahasia(view.datamodel.obj)
    if bocor:
        raise RuntimeError(f"{view.__class__.__name__}: kolom rahasia {sorted(bocor)} tidak boleh dicari/diurutkan")


def _int_dalam(teks: str, bawah: int, atas: int) -> int | None:
    try:
        n = int(teks)
    except (TypeError, ValueError):
        return None
    return n if bawah <= n <= atas else None


def _batas_int(kolom) -> int:
    t = getattr(kolom, "type", None)
    if isinstance(t, SmallInteger):
        return 2**15 - 1
    if isinstance(t, BigInteger):
        return 2**63 - 1
    return 2**31 - 1  # Integer (PostgreSQL int4); also the keys of every related table


def nilai_filter_sah(datamodel, col: str, nilai: str) -> bool:
    """Can the database compare ``col`` with ``nilai`` the way FAB's filter will send it?"""
    if "\x00" in nilai:  # PostgreSQL text cannot hold NUL
        return False
    if datamodel.is_string(col) or datamodel.is_text(col):
        # "ends with" builds LIKE '%<value>': PostgreSQL refuses a pattern ending in its escape character
        return (len(nilai) - len(nilai.rstrip("\\"))) % 2 == 0
    if datamodel.is_boolean(col):
        # FAB's boolean filters compare with the checkbox value "y" (True); any other text reaches the database
        # as a string, which PostgreSQL refuses to compare with a boolean
        return nilai == "y"
    if datamodel.is_relation(col):  # FAB loads the related row by this id
        return _int_dalam(nilai, 0, 2**31 - 1) is not None
    kolom = datamodel.list_columns.get(col)
    if datamodel.is_integer(col):
        try:
            n = int(nilai)
        except ValueError:
            return True  # FAB turns a non-number into NULL (no row matches): harmless
        return -_batas_int(kolom) - 1 <= n <= _batas_int(kolom)
    if datamodel.is_numeric(col) or datamodel.is_float(col):
        if datamodel.is_float(col):
            try:
                float(nilai)
            except ValueError:
                return True  # FAB turns it into NULL
        try:
            d = Decimal(nilai.strip())
        except InvalidOperation:
            return False  # a Numeric column gets the raw text: the driver would refuse it
        if not d.is_finite():
            return False
        t = getattr(kolom, "type", None)
        if isinstance(t, Numeric) and not datamodel.is_float(col) and t.precision:
            return abs(d) < Decimal(10) ** (t.precision - (t.scale or 0))
        return abs(d) < Decimal("1e300")
    return True


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
            if m[1] == nama and _int_dalam(nilai[-1], 0, HALAMAN_MAKS) is not None:
                keluar.append((kunci, nilai[-1]))
            continue
        if m := _RE_UKURAN.search(kunci):
            if m[1] == nama and _int_dalam(nilai[-1], 1, UKURAN_MAKS) is not None:
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
        peta = {v.blueprint.name: v for v in app.appbuilder.baseviews
                if isinstance(v, BaseCRUDView) and v.blueprint is not None}
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
        from app.extensions import db

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

