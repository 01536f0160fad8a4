"""REST API for perencanaan (``/api/v1/skp/``, ``/api/v1/rencana_hasil_kerja/``, ``/api/v1/indikator_kinerja/``).

Read-only and row-scoped by the same clauses as the views: drafting, signing and versioning go through the
SKP page (each is a workflow step with its own checks, signature and audit entry, not a field update).
"""

from __future__ import annotations

from flask_appbuilder.models.sqla.interface import SQLAInterface

from app.api.master import ScopedApi
from schema.models import SKP, IndikatorKinerja, RencanaHasilKerja

BACA = {"get", "get_list", "info"}


class SkpApi(ScopedApi):
    resource_name = "skp"
    scope_resource = "skp"
    datamodel = SQLAInterface(SKP)
    include_route_methods = BACA
    list_columns = [
        "id",
        "tahun",
        "status",
        "aktif",
        "versi_ke",
        "format_skp",
        "pendekatan",
        "is_tugas_belajar",
        "pegawai.id",
        "pegawai_nama",
        "pegawai_nip",
        "pegawai_jabatan",
        "pegawai_unit",
        "unit_kerja.id",
        "penilai.id",
        "penilai_nama",
        "penilai_fallback",
        "penilai_manual",
        "atasan_penilai.id",
        "ditetapkan_kepala_daerah",
        "tenggat_penetapan",
        "tanggal_diajukan",
        "tanggal_ditetapkan",
        "diajukan_ke_atasan",
    ]
    show_columns = list_columns + [
        "pegawai_pangkat",
        "penilai_nip",
        "penilai_pangkat",
        "penilai_jabatan",
        "penilai_unit",
        "atasan_penilai_nama",
        "atasan_penilai_nip",
        "skp_sebelumnya.id",
        "alasan_perubahan.kode",
        "catatan_perubahan",
        "disetujui_kepala_daerah",
        "berlaku_mulai",
        "berlaku_selesai",
        "catatan_penilai",
    ]
    search_columns = ["tahun", "status", "aktif", "format_skp", "pegawai", "unit_kerja"]
    order_columns = ["tahun", "pegawai_nama", "status", "versi_ke"]


class RencanaHasilKerjaApi(ScopedApi):
    resource_name = "rencana_hasil_kerja"
    scope_resource = "rencana_hasil_kerja"
    datamodel = SQLAInterface(RencanaHasilKerja)
    include_route_methods = BACA
    list_columns = [
        "id",
        "skp.id",
        "skp.tahun",
        "jenis",
        "urutan",
        "uraian",
        "rhk_atasan.id",
        "penugasan_dari",
        "perspektif",
        "diambil_alih",
    ]
    show_columns = list_columns
    search_columns = ["uraian", "jenis", "skp"]


class IndikatorKinerjaApi(ScopedApi):
    resource_name = "indikator_kinerja"
    scope_resource = "indikator_kinerja"
    datamodel = SQLAInterface(IndikatorKinerja)
    include_route_methods = BACA
    list_columns = [
        "id",
        "rhk.id",
        "urutan",
        "uraian",
        "aspek",
        "perspektif",
        "target_nilai",
        "target_nilai_maks",
        "target_satuan",
        "target_teks",
    ]
    show_columns = list_columns + [
        "tujuan",
        "definisi",
        "formula",
        "satuan_pengukuran",
        "tingkat_kendali",
        "sumber_data",
        "periode_pelaporan",
    ]
    search_columns = ["uraian", "aspek", "rhk"]
