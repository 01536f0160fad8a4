"""REST API for penilaian (``/api/v1/capaian_organisasi/``, ``/api/v1/evaluasi_kinerja/``, ``/api/v1/keberatan/``).

Row-scoped by the same clauses as the views. Evaluations and objections are read-only here: rating, signing,
delivery and decisions are workflow steps with their own checks, signatures and audit entries (the views).
Capaian kinerja organisasi may be written by whoever the matrix allows (operators), validated by a schema.
"""

from __future__ import annotations

from flask_appbuilder.models.sqla.interface import SQLAInterface
from marshmallow import Schema, ValidationError, fields, post_load, validate, validates_schema

from app.api.master import ScopedApi
from app.rules import CapaianOrganisasi, JenisPeriode, daftar_periode
from schema.models import CapaianKinerjaOrganisasi, EvaluasiKinerja, Keberatan

BACA = {"get", "get_list", "info"}
_PERIODE = ("bulanan", "triwulanan", "tahunan")


class CapaianOrganisasiSchema(Schema):
    unit_kerja_id = fields.Integer(required=True)
    tahun = fields.Integer(required=True, validate=validate.Range(2000, 2100))
    periode_jenis = fields.String(required=True, validate=validate.OneOf(_PERIODE))
    periode_nomor = fields.Integer(load_default=0)
    capaian = fields.String(required=True, validate=validate.OneOf([m.value for m in CapaianOrganisasi]))
    tanggal_terbit = fields.Date(allow_none=True)

    @validates_schema
    def cek_periode(self, data, **kw):
        if data.get("periode_jenis") == JenisPeriode.TAHUNAN.value:
            data["periode_nomor"] = 0
            return
        if "tahun" in data and "periode_jenis" in data:
            n = len(daftar_periode(data["tahun"], data["periode_jenis"]))
            if not 1 <= (data.get("periode_nomor") or 0) <= n:
                raise ValidationError(f"Nomor periode harus 1–{n}.", field_name="periode_nomor")

    @post_load
    def buat(self, data, **kw):
        return CapaianKinerjaOrganisasi(**data)


class CapaianOrganisasiApi(ScopedApi):
    resource_name = "capaian_organisasi"
    scope_resource = "capaian_organisasi"
    datamodel = SQLAInterface(CapaianKinerjaOrganisasi)
    include_route_methods = BACA | {"post", "put", "delete"}
    list_columns = show_columns = [
        "id",
        "unit_kerja.id",
        "unit_kerja.nama",
        "tahun",
        "periode_jenis",
        "periode_nomor",
        "capaian",
        "tanggal_terbit",
    ]
    edit_columns = ["capaian", "tanggal_terbit"]  # the unit and period of a figure are its identity
    add_model_schema = CapaianOrganisasiSchema()
    search_columns = ["tahun", "periode_jenis", "periode_nomor", "capaian", "unit_kerja"]
    pesan_di_luar_cakupan = "Anda hanya dapat mengisi capaian unit kerja yang Anda pimpin."


class EvaluasiKinerjaApi(ScopedApi):
    resource_name = "evaluasi_kinerja"
    scope_resource = "evaluasi_kinerja"
    datamodel = SQLAInterface(EvaluasiKinerja)
    include_route_methods = BACA
    list_columns = [
        "id",
        "skp.id",
        "pegawai.id",
        "pegawai.nip",
        "pegawai.nama",
        "unit_kerja.id",
        "penilai.id",
        "atasan_penilai.id",
        "jenis",
        "tahun",
        "periode_jenis",
        "periode_nomor",
        "aktif",
        "capaian_organisasi",
        "capaian_tahun",
        "saran_rating_hasil_kerja",
        "rating_hasil_kerja",
        "saran_rating_perilaku",
        "rating_perilaku",
        "predikat",
        "predikat_ipk",
        "status_dokumen",
        "format_dokumen",
        "dinilai_oleh",
        "is_final",
        "tanggal_ditandatangani",
        "tanggal_diterima",
        "tenggat_penyampaian",
        "tenggat_pengembalian",
        "tenggat_laporan",
        "tanggal_dilaporkan",
    ]
    show_columns = list_columns + [
        "alasan_rating_hasil_kerja",
        "alasan_rating_perilaku",
        "catatan_rekomendasi",
        "tanggal_disampaikan",
        "tanggal_dikembalikan",
        "versi",
    ]
    search_columns = [
        "tahun",
        "jenis",
        "periode_nomor",
        "status_dokumen",
        "predikat",
        "aktif",
        "pegawai",
        "unit_kerja",
        "format_dokumen",
    ]
    order_columns = ["tahun", "periode_nomor", "predikat", "status_dokumen"]


class KeberatanApi(ScopedApi):
    resource_name = "keberatan"
    scope_resource = "keberatan"
    datamodel = SQLAInterface(Keberatan)
    include_route_methods = BACA
    list_columns = [
        "id",
        "evaluasi.id",
        "pegawai.id",
        "pegawai.nama",
        "tanggal_pengajuan",
        "alasan",
        "penjelasan_penilai",
        "penjelasan_pegawai",
        "keputusan",
        "tanggal_keputusan",
        "tenggat_keputusan",
        "predikat_baru",
        "rekomendasi_baru",
    ]
    show_columns = list_columns
    search_columns = ["keputusan", "tanggal_pengajuan"]
