"""List parameters are client input: the shared policy of FAB list views (app/views/parameter.py) and REST APIs
(app/api/parameter.py) — page bounds, confidential columns, which filter values the database can hold.

The policy itself (what is ignored, what is a 400) is described in app/views/parameter.py.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from sqlalchemy import BigInteger, Numeric, SmallInteger

from schema.models._base import kolom_rahasia

HALAMAN_MAKS = 1_000_000
UKURAN_MAKS = 100  # FAB's page-size menu offers 25…100

# Confidential content (R11, 000 Pasal 16(5); columns marked ``rahasia()``): never a sort or search column of any
# list or API — sorting by a hidden column leaks its order. Checked at start-up (``periksa_kolom_rahasia``) and
# stripped from requests.
PESAN_FILTER = "Nilai filter tidak valid untuk kolom {kolom}."
PESAN_BASIS_DATA = "Parameter daftar tidak valid."


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


def int_dalam(teks: str, bawah: int, atas: int) -> int | None:
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
        return int_dalam(nilai, 0, 2**31 - 1) is not None
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
