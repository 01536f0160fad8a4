"""The API's ``q`` argument (rison or JSON) is client input: checked once, before FAB parses it.

FAB's ``@rison`` catches only ``prison``'s ``ParserException``: ``q=(((…`` raises ``RecursionError``,
``q=1e+5`` ``ValueError`` — both 500. It accepts any ``order_column`` when a resource's ``order_columns`` is
empty, and passes page numbers and filter values to the database unchecked. ``ParameterApiMixin`` installs a
``before_request`` on each API blueprint that parses ``q`` itself and answers **400** (JSON, Indonesian message)
for: unparsable or too deeply nested ``q``; a ``page``/``page_size`` (top level or inside ``_info``'s
``add_columns``/``edit_columns``) that is not an integer in 0…``HALAMAN_MAKS``; an ``order_column`` that is not
sortable-and-listed (never a confidential column); a filter on a column that is not a search column, or with a
value the column cannot hold. Otherwise FAB proceeds as usual.
"""

from __future__ import annotations

import json
import urllib.parse

import prison
from flask import current_app, request
from flask_jwt_extended import verify_jwt_in_request
from flask_login import current_user

from app.parameter_daftar import HALAMAN_MAKS, nilai_filter_sah, periksa_kolom_rahasia, rahasia

KEDALAMAN_MAKS = 16  # FAB's own q structures nest 4 deep
PANJANG_MAKS = 8192

PESAN_Q = "Parameter q tidak valid (bukan rison/JSON yang benar)."
PESAN_HALAMAN = "Nomor atau ukuran halaman tidak valid."
PESAN_URUT = "Kolom urutan tidak diizinkan."
PESAN_FILTER = "Filter tidak valid."


class QTidakValid(Exception):
    pass


def _kedalaman(teks: str) -> int:
    d = dalam = 0
    for ch in teks:
        if ch in "([{":
            d += 1
            dalam = max(dalam, d)
        elif ch in ")]}":
            d -= 1
    return dalam


def urai_q(teks: str):
    """``q`` as FAB reads it (rison, else JSON when FAB_API_ALLOW_JSON_QS) — every failure is ``QTidakValid``."""
    if len(teks) > PANJANG_MAKS or _kedalaman(teks) > KEDALAMAN_MAKS:
        raise QTidakValid
    try:
        return prison.loads(teks)
    except prison.decoder.ParserException:
        if not current_app.config.get("FAB_API_ALLOW_JSON_QS", True):
            raise QTidakValid from None
    except Exception:  # noqa: BLE001 — RecursionError, ValueError ("1e+5"), anything the parser trips on
        raise QTidakValid from None
    try:
        return json.loads(urllib.parse.parse_qs(f"q={teks}").get("q")[0])
    except Exception:  # noqa: BLE001
        raise QTidakValid from None


def _halaman_sah(data) -> bool:
    """Every ``page``/``page_size`` anywhere in ``q`` is an integer in 0…HALAMAN_MAKS (bool is not a number)."""
    if isinstance(data, dict):
        for k, v in data.items():
            if k in ("page", "page_size"):
                if not isinstance(v, int) or isinstance(v, bool) or not 0 <= v <= HALAMAN_MAKS:
                    return False
            elif not _halaman_sah(v):
                return False
    elif isinstance(data, list):
        return all(_halaman_sah(v) for v in data)
    return True


class ParameterApiMixin:
    """For ScopedApi: ``q`` checked before FAB parses it; confidential columns refused at start-up."""

    def _init_properties(self):
        super()._init_properties()
        periksa_kolom_rahasia(self, self.search_columns, self.order_columns)

    def create_blueprint(self, appbuilder, *args, **kwargs):
        bp = super().create_blueprint(appbuilder, *args, **kwargs)
        bp.before_request(self._periksa_q)
        return bp

    def _kolom_urut_sah(self) -> set[str]:
        return (set(self.order_columns or []) & set(self.list_columns or [])) - rahasia(self.datamodel.obj)

    def _terautentikasi(self) -> bool:
        """Anonymous clients get FAB's 401 first (``@protect``), never a hint about their ``q``."""

        if self.allow_browser_login and current_user.is_authenticated:
            return True
        try:
            verify_jwt_in_request()
        except Exception:  # noqa: BLE001 — missing/invalid/expired token: FAB's protect answers
            return False
        return True

    def _periksa_q(self):
        teks = request.args.get("q")
        if not teks or not self._terautentikasi():
            return None
        try:
            data = urai_q(teks)
        except QTidakValid:
            return self.response_400(message=PESAN_Q)
        if not _halaman_sah(data):
            return self.response_400(message=PESAN_HALAMAN)
        if not isinstance(data, dict):
            return None  # FAB's schema check answers 400 for a q that is not an object
        kolom = data.get("order_column")
        if kolom not in (None, "") and kolom not in self._kolom_urut_sah():
            return self.response_400(message=PESAN_URUT)
        filters = data.get("filters", [])
        if not isinstance(filters, list):
            return None  # FAB's schema check: 400
        for f in filters:
            if not isinstance(f, dict):
                return None
            col = f.get("col")
            if col not in (self.search_columns or []) or col in rahasia(self.datamodel.obj):
                return self.response_400(message=PESAN_FILTER)
            nilai = f.get("value")
            for v in nilai if isinstance(nilai, list) else [nilai]:
                if (
                    isinstance(v, (str, int, float))
                    and not isinstance(v, bool)
                    and not nilai_filter_sah(self.datamodel, col, str(v))
                ):
                    return self.response_400(message=PESAN_FILTER)
        return None
