"""REST API for master data (``/api/v1/<resource>/``), resource names = Indonesian snake_case entities.

Row-level scope comes from the same ``FilterScope`` the views use; validation errors are 422.
"""
from __future__ import annotations

from flask_appbuilder.api import ModelRestApi
from flask_appbuilder.models.sqla.interface import SQLAInterface
from marshmallow import Schema, ValidationError, fields, post_load, validate, validates_schema

from app.rules import JenisASN, JenisJabatan, StatusPegawai
from app.rules.nip import cek_nip
from app.security.scope import scope_filters
from schema.enums import JenisKelamin, JenisUnit
from schema.models import Golongan, Instansi, Jabatan, Pegawai, UnitKerja


def _pilihan(enum):
    return validate.OneOf([m.value for m in enum], error="Nilai tidak dikenal: pilih salah satu dari {choices}.")


class ScopedApi(ModelRestApi):
    scope_resource = "master"
    allow_browser_login = True
    page_size = 50
    max_page_size = 500

    def __init__(self, *a, **kw):
        self.base_filters = scope_filters(self.scope_resource)
        super().__init__(*a, **kw)


class InstansiApi(ScopedApi):
    resource_name = "instansi"
    datamodel = SQLAInterface(Instansi)
    list_columns = show_columns = ["id", "kode", "nama", "nama_daerah", "kepala_daerah_nama"]
    add_columns = edit_columns = ["kode", "nama", "nama_daerah", "kepala_daerah_nama"]


class GolonganApi(ScopedApi):
    resource_name = "golongan"
    datamodel = SQLAInterface(Golongan)
    list_columns = show_columns = ["id", "kode", "jenis_asn", "pangkat", "urutan"]
    add_columns = edit_columns = ["kode", "jenis_asn", "pangkat", "urutan"]


class UnitKerjaSchema(Schema):
    instansi_id = fields.Integer(required=True)
    induk_id = fields.Integer(allow_none=True)
    kode = fields.String(required=True, validate=validate.Length(min=1, max=40))
    nama = fields.String(required=True, validate=validate.Length(min=1, max=200))
    jenis = fields.String(required=True, validate=_pilihan(JenisUnit))
    is_mandiri = fields.Boolean(load_default=False)
    is_sekretariat = fields.Boolean(load_default=False)
    boleh_tim_kota = fields.Boolean(load_default=False)
    aktif = fields.Boolean(load_default=True)

    @post_load
    def buat(self, data, **kw):
        return UnitKerja(**data)


class UnitKerjaApi(ScopedApi):
    resource_name = "unit_kerja"
    datamodel = SQLAInterface(UnitKerja)
    list_columns = show_columns = ["id", "instansi.id", "induk.id", "induk.nama", "kode", "nama", "jenis",
                                   "is_mandiri", "is_sekretariat", "boleh_tim_kota", "aktif"]
    edit_columns = ["kode", "nama", "induk", "is_mandiri", "is_sekretariat", "boleh_tim_kota", "aktif"]
    add_model_schema = UnitKerjaSchema()
    search_columns = ["kode", "nama", "jenis", "induk"]


class JabatanSchema(Schema):
    unit_kerja_id = fields.Integer(required=True)
    atasan_id = fields.Integer(allow_none=True)
    kode = fields.String(allow_none=True, validate=validate.Length(max=40))
    nama = fields.String(required=True, validate=validate.Length(min=1, max=200))
    jenis = fields.String(required=True, validate=_pilihan(JenisJabatan))
    is_kepala_unit = fields.Boolean(load_default=False)
    aktif = fields.Boolean(load_default=True)

    @post_load
    def buat(self, data, **kw):
        return Jabatan(**data)


class JabatanApi(ScopedApi):
    resource_name = "jabatan"
    datamodel = SQLAInterface(Jabatan)
    list_columns = show_columns = ["id", "kode", "nama", "jenis", "unit_kerja.id", "unit_kerja.nama", "atasan.id",
                                   "atasan.nama", "is_kepala_unit", "aktif"]
    edit_columns = ["kode", "nama", "unit_kerja", "atasan", "is_kepala_unit", "aktif"]
    add_model_schema = JabatanSchema()
    search_columns = ["kode", "nama", "jenis", "unit_kerja"]


class PegawaiSchema(Schema):
    nip = fields.String(required=True)
    nama = fields.String(required=True, validate=validate.Length(min=1, max=150))
    gelar_depan = fields.String(allow_none=True, validate=validate.Length(max=40))
    gelar_belakang = fields.String(allow_none=True, validate=validate.Length(max=60))
    tanggal_lahir = fields.Date(required=True)
    tmt_cpns = fields.Date(required=True)
    jenis_kelamin = fields.String(required=True, validate=_pilihan(JenisKelamin))
    jenis_asn = fields.String(required=True, validate=_pilihan(JenisASN))
    status = fields.String(load_default="aktif", validate=_pilihan(StatusPegawai))
    golongan_id = fields.Integer(allow_none=True)
    jabatan_id = fields.Integer(allow_none=True)
    unit_kerja_id = fields.Integer(allow_none=True)
    email = fields.Email(allow_none=True)

    @validates_schema
    def cek_nip(self, data, **kw):
        pesan = cek_nip(data.get("nip", ""), data.get("tanggal_lahir"), data.get("tmt_cpns"),
                        data.get("jenis_kelamin"))
        if pesan:
            raise ValidationError(pesan, field_name="nip")

    @post_load
    def buat(self, data, **kw):
        return Pegawai(**data)


class PegawaiApi(ScopedApi):
    resource_name = "pegawai"
    scope_resource = "pegawai"
    datamodel = SQLAInterface(Pegawai)
    list_columns = ["id", "nip", "nama", "gelar_depan", "gelar_belakang", "jenis_asn", "status", "golongan.kode",
                    "jabatan.id", "jabatan.nama", "unit_kerja.id", "unit_kerja.nama"]
    show_columns = list_columns + ["tanggal_lahir", "tmt_cpns", "jenis_kelamin", "email"]
    edit_columns = ["nama", "gelar_depan", "gelar_belakang", "golongan", "jabatan", "unit_kerja", "email"]
    add_model_schema = PegawaiSchema()
    search_columns = ["nip", "nama", "status", "unit_kerja", "jabatan"]
    order_columns = ["nip", "nama"]
