"""REST API for the coaching clinic (``/api/v1/klinik_sesi/``, ``/api/v1/klinik_permohonan/``).

Read-only and row-scoped by the same clauses as the views (``klinik_sesi``, ``klinik_permohonan`` in
app/security/scope.py). Booking, disposition, scheduling and closing are workflow steps with their own checks
(no double booking, who may act in which state) and go through the pages. Survey answers have no API at all.
"""

from __future__ import annotations

from flask_appbuilder.models.sqla.interface import SQLAInterface

from app.api.master import ScopedApi
from schema.models import KlinikPermohonan, KlinikSesi

BACA = {"get", "get_list", "info"}


class KlinikSesiApi(ScopedApi):
    resource_name = "klinik_sesi"
    scope_resource = "klinik_sesi"
    datamodel = SQLAInterface(KlinikSesi)
    include_route_methods = BACA
    list_columns = [
        "id",
        "jenis",
        "status",
        "mulai",
        "selesai",
        "tempat",
        "pegawai.id",
        "pegawai.nama",
        "unit_kerja.id",
        "unit_kerja.nama",
        "anggota.id",
        "permohonan.id",
        "skp.id",
        "sesi_asal.id",
    ]
    show_columns = list_columns + [
        "catatan",
        "masalah_ditemukan",
        "materi",
        "alasan_batal",
        "dibuka_pada",
        "ditutup_pada",
        "skp_versi_awal",
        "skp_versi_akhir",
    ]
    search_columns = ["jenis", "status", "mulai"]
    order_columns = ["mulai", "status"]


class KlinikPermohonanApi(ScopedApi):
    resource_name = "klinik_permohonan"
    scope_resource = "klinik_permohonan"
    datamodel = SQLAInterface(KlinikPermohonan)
    include_route_methods = BACA
    list_columns = [
        "id",
        "unit_kerja.id",
        "unit_kerja.nama",
        "nomor_surat",
        "tanggal_surat",
        "perihal",
        "status",
        "tim.id",
        "tim.nama",
        "disposisi_oleh_nama",
        "tanggal_disposisi",
    ]
    show_columns = list_columns + ["catatan_disposisi", "diajukan_oleh"]
    search_columns = ["status", "nomor_surat", "tanggal_surat", "unit_kerja"]
    order_columns = ["tanggal_surat", "status"]
