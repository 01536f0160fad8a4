"""REST API for master data (``/api/v1/<resource>/``), resource names = Indonesian snake_case entities.

Row-level scope comes from the same ``FilterScope`` the views use; validation errors are 422.
"""
from __future__ import annotations

from flask_appbuilder.api import ModelRestApi
from flask_appbuilder.models.sqla.interface import SQLAInterface
from marshmallow import Schema, ValidationError, fields, post_load, validate, validates_schema
from sqlalchemy.exc import DataError, IntegrityError, StatementError

from app.api.parameter import ParameterApiMixin
from app.extensions import db

from app.rules import JenisASN, JenisJabatan, StatusPegawai
from app.rules.nip import cek_nip
from app.security.scope import scope_filters
from schema.enums import JenisKelamin, JenisUnit
from schema.models import Golongan, Instansi, Jabatan, Pegawai, UnitKerja


def _pilihan(enum):
    return validate.OneOf([m.value for m in enum], error="Nilai tidak dikenal: pilih salah satu dari {choices}.")


def _db_422(method):
    """A database refusal (FK, CHECK, unique, value too long/out of range) is the client's bad input: 422
    with an Indonesian message and a rolled-back transaction — never FAB's generic 500."""

    def wrapper(self, *a, **kw):
        try:
            return method(self, *a, **kw)
        except (IntegrityError, DataError, OverflowError) as e:
            db.session.rollback()
            return self.response_422(message=pesan_basis_data(e))
        except StatementError as e:  # a parameter the driver cannot bind (e.g. an integer beyond 64 bits)
            if not isinstance(e.orig, (OverflowError, ValueError, TypeError)):
                raise
            db.session.rollback()
            return self.response_422(message=pesan_basis_data(e))

    wrapper.__name__ = method.__name__
    return wrapper


def _pk_wajar(pk) -> bool:
    try:
        return 0 < int(pk) < 2**31
    except (TypeError, ValueError):
        return False


def pesan_basis_data(e: Exception) -> str:
    teks = str(getattr(e, "orig", e)).lower()
    if "unique" in teks or "duplicate" in teks:
        return "Data dengan kunci yang sama sudah ada."
    if "foreign key" in teks:
        return "Data rujukan (relasi) tidak ditemukan atau masih dipakai data lain."
    if "check" in teks:
        return "Nilai di luar pilihan yang diizinkan."
    if "not null" in teks or "null value" in teks:
        return "Ada kolom wajib yang kosong."
    return "Nilai tidak dapat disimpan (terlalu panjang atau di luar rentang)."


class ScopedApi(ParameterApiMixin, ModelRestApi):
    scope_resource = "master"
    allow_browser_login = True
    page_size = 50
    max_page_size = 500

    def __init__(self, *a, **kw):
        self.base_filters = scope_filters(self.scope_resource)
        if self.add_model_schema is not None and self.add_columns is None:
            # FAB's _info describes add_columns through the add schema: keep them the same
            self.add_columns = list(self.add_model_schema.fields)
        super().__init__(*a, **kw)

    get_list_headless = _db_422(ModelRestApi.get_list_headless)
    post_headless = _db_422(ModelRestApi.post_headless)

    # ids beyond a 32-bit key cannot exist: 404 before the database sees them (PostgreSQL would refuse them)
    @_db_422
    def get_headless(self, pk, **kw):
        return super().get_headless(pk, **kw) if _pk_wajar(pk) else self.response_404()

    @_db_422
    def put_headless(self, pk):
        return super().put_headless(pk) if _pk_wajar(pk) else self.response_404()

    @_db_422
    def delete_headless(self, pk):
        return super().delete_headless(pk) if _pk_wajar(pk) else self.response_404()


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
