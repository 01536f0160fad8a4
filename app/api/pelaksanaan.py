"""REST API for pelaksanaan (``/api/v1/realisasi/``, ``/api/v1/umpan_balik/``): read-only, row-scoped.

Writes go through the pages (each is a user action with its own checks, uploads and audit). Counselling is
deliberately **not** exposed at all (R11 confidentiality, 000 Pasal 16(5)): no ``/api/v1/konseling/``; behaviour
reports, coaching records and progress decisions are not exposed either.
"""

from __future__ import annotations

from flask_appbuilder.models.sqla.interface import SQLAInterface

from app.api.master import ScopedApi
from schema.models import Realisasi, UmpanBalik

BACA = {"get", "get_list", "info"}


class RealisasiApi(ScopedApi):
    resource_name = "realisasi"
    scope_resource = "realisasi"
    datamodel = SQLAInterface(Realisasi)
    include_route_methods = BACA
    list_columns = [
        "id",
        "skp.id",
        "rhk.id",
        "iki.id",
        "periode_jenis",
        "tahun",
        "periode_nomor",
        "nilai",
        "uraian",
        "is_final",
    ]
    show_columns = list_columns
    search_columns = ["tahun", "periode_nomor", "is_final", "skp"]


class UmpanBalikApi(ScopedApi):
    resource_name = "umpan_balik"
    scope_resource = "umpan_balik"
    datamodel = SQLAInterface(UmpanBalik)
    include_route_methods = BACA
    list_columns = [
        "id",
        "skp.id",
        "rhk.id",
        "nilai_inti.kode",
        "pemberi.id",
        "pemberi.nama",
        "relasi",
        "sifat",
        "cara",
        "positif",
        "uraian",
        "tanggal",
        "tahun",
        "periode_nomor",
    ]
    show_columns = list_columns
    search_columns = ["tahun", "periode_nomor", "positif", "relasi", "skp"]
