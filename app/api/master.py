"""REST API for master data (``/api/v1/<resource>/``), resource names = Indonesian snake_case entities.

Row-level scope comes from the same ``FilterScope`` the views use (the roles that grant the API's resource);
writes are checked on the rows as written (``ScopedApi``); validation errors are 422.
"""

from __future__ import annotations

import hashlib

from flask import g, request
from flask_appbuilder.api import ModelRestApi
from flask_appbuilder.models.sqla.interface import SQLAInterface
from marshmallow import Schema, ValidationError, fields, post_load, validate, validates_schema
from sqlalchemy import event, func, select
from sqlalchemy import inspect as sa_inspect
from sqlalchemy.exc import DataError, IntegrityError, StatementError

from app.aksi import Ditolak
from app.api.parameter import ParameterApiMixin
from app.extensions import db
from app.queries.pohon import cek_induk
from app.rules import JenisASN, JenisJabatan, StatusPegawai
from app.rules.nip import cek_nip
from app.security.scope import clause_for, resource_view, scope_filters
from schema.enums import JenisKelamin, JenisUnit
from schema.models import Golongan, Instansi, Jabatan, Pegawai, UnitKerja


def _pilihan(enum):
    return validate.OneOf([m.value for m in enum], error="Nilai tidak dikenal: pilih salah satu dari {choices}.")


class DiluarCakupan(Ditolak):
    """A write whose validated values put the row outside the user's write scope (403, nothing written)."""

    kode = 403


def _etag(item) -> str:
    """Version tag of a row: a hash of every column value (``versi`` where the table has one is included)."""
    mapper = sa_inspect(item).mapper
    nilai = [(c.key, getattr(item, c.key)) for c in mapper.column_attrs]
    return '"' + hashlib.sha256(repr(nilai).encode()).hexdigest()[:20] + '"'


class _JagaTulis:
    """Checks, at commit, every row of ``model`` the request inserted or changed against the write scope.

    Authorization on the loaded, validated values: whatever the handler did (FAB's generic add, a custom
    post_headless, a query module), the rows as they would be committed are re-selected through
    ``clause_for(scope, op="a" | "e")``; one outside → ``DiluarCakupan`` before the commit.
    """

    def __init__(self, api):
        self.api, self.baru, self.ubah = api, set(), set()
        self.sesi = db.session()

    def _setelah_flush(self, session, _ctx):
        model = self.api.datamodel.obj
        self.baru.update(o for o in session.new if isinstance(o, model))
        self.ubah.update(o for o in session.dirty if isinstance(o, model) and session.is_modified(o))

    def _sebelum_commit(self, session):
        session.flush()
        for op, objek in (("a", self.baru), ("e", self.ubah - self.baru)):
            ids = {o.id for o in objek if o.id is not None and sa_inspect(o).persistent}
            if ids and not self.api.semua_dalam_cakupan(ids, op):
                raise DiluarCakupan(self.api.pesan_di_luar_cakupan)

    def __enter__(self):
        event.listen(self.sesi, "after_flush", self._setelah_flush)
        event.listen(self.sesi, "before_commit", self._sebelum_commit)
        return self

    def __exit__(self, *exc):
        event.remove(self.sesi, "after_flush", self._setelah_flush)
        event.remove(self.sesi, "before_commit", self._sebelum_commit)


def _dijaga(method, op: str):
    """Wraps every write handler of a ScopedApi (subclasses' own included, see ``__init_subclass__``):
    the write scope and, for PUT, ``If-Match``; a refused action (``app.aksi.Ditolak``, raised by a handler's
    query function or by the scope check at commit) and database refusals answer through ``_jawab_galat_klien``
    (rolled back, JSON with an Indonesian message) — never FAB's generic 500."""

    def wrapper(self, *a, **kw):
        if g.get("_kinerja_jaga_tulis"):  # a subclass handler calling super(): already guarded
            return method(self, *a, **kw)
        g._kinerja_jaga_tulis = True
        pk = a[0] if a else kw.get("pk")
        try:
            if op in "ed":
                if not pk_wajar(pk) or not self.semua_dalam_cakupan({int(pk)}, op):
                    return self.response_404()
                if op == "e" and (gagal := self._cek_if_match(int(pk))) is not None:
                    return gagal
            with _JagaTulis(self):
                resp = method(self, *a, **kw)
            if op == "e" and resp.status_code == 200:
                resp.headers["ETag"] = _etag(db.session.get(self.datamodel.obj, int(pk)))
            return resp
        except (Ditolak, StatementError, OverflowError) as e:
            return _jawab_galat_klien(self, e)
        finally:
            g._kinerja_jaga_tulis = False

    wrapper.__name__ = method.__name__
    wrapper._dijaga = True
    return wrapper


def _jawab_galat_klien(api, e: Exception):
    """The API's one answer to a refusal, rolled back: a refused action (``app.aksi.Ditolak``) answers its
    ``kode`` with its message; a database refusal (FK, CHECK, unique, value too long/out of range) or a parameter
    the driver cannot bind (e.g. an integer beyond 64 bits) is the client's bad input: 422 with an Indonesian
    message. Anything else is re-raised."""
    if isinstance(e, Ditolak):
        db.session.rollback()
        return api.response(e.kode, message=str(e))
    if not (
        isinstance(e, (IntegrityError, DataError, OverflowError))
        or isinstance(getattr(e, "orig", None), (OverflowError, ValueError, TypeError))
    ):
        raise e
    db.session.rollback()
    return api.response_422(message=pesan_basis_data(e))


def _db_422(method):
    """Reads: a parameter the database refuses (value out of range) is the client's error, 422."""

    def wrapper(self, *a, **kw):
        try:
            return method(self, *a, **kw)
        except (StatementError, OverflowError) as e:
            return _jawab_galat_klien(self, e)

    wrapper.__name__ = method.__name__
    return wrapper


def pk_wajar(pk) -> bool:
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


_OP_TULIS = {"post_headless": "a", "put_headless": "e", "delete_headless": "d"}


class ScopedApi(ParameterApiMixin, ModelRestApi):
    """Base of every REST API: rows through ``clause_for`` of the roles that grant the API's resource; writes
    checked on the values as written (``_JagaTulis``); PUT needs ``If-Match`` (optimistic lock, 412/428);
    ``_info`` offers no related values (they come only from the scoped lookups of the views)."""

    scope_resource = ""  # the scope key of app.security.scope.SCOPES (required)
    scope_tulis = ""  # scope of writes where narrower than reading (e.g. teams: who formed them)
    pesan_di_luar_cakupan = "Data ini di luar cakupan Anda: tidak disimpan."
    allow_browser_login = True
    page_size = 50
    max_page_size = 500

    def __init_subclass__(cls, **kw):
        super().__init_subclass__(**kw)
        for nama, op in _OP_TULIS.items():
            fn = getattr(cls, nama)  # resolved through mixins too: no write handler escapes the guard
            if not getattr(fn, "_dijaga", False):
                setattr(cls, nama, _dijaga(fn, op))

    def __init__(self, *a, **kw):
        self.izin_resource = resource_view(type(self).__name__) or self.scope_resource
        self.base_filters = scope_filters(self.scope_resource, self.izin_resource)
        if self.add_model_schema is not None and self.add_columns is None:
            # FAB's _info describes add_columns through the add schema: keep them the same
            self.add_columns = list(self.add_model_schema.fields)
        super().__init__(*a, **kw)

    def semua_dalam_cakupan(self, ids: set[int], op: str) -> bool:
        """Are all ``ids`` rows the user may ``op`` (rows of the roles granting ``op``; writes: ``scope_tulis``)?"""
        model = self.datamodel.obj
        scope = (self.scope_tulis or self.scope_resource) if op in "aed" else self.scope_resource
        n = db.session.scalar(
            select(func.count())
            .select_from(model)
            .where(model.id.in_(ids), clause_for(scope, izin=self.izin_resource, op=op))
        )
        return n == len(ids)

    def _cek_if_match(self, pk: int):
        """Optimistic lock: a PUT names the version it was based on (the ETag of its GET)."""
        diminta = request.headers.get("If-Match")
        if not diminta:
            return self.response(
                428,
                message="Sertakan header If-Match berisi ETag dari pembacaan terakhir "
                "(GET) agar perubahan orang lain tidak tertimpa.",
            )
        item = db.session.get(self.datamodel.obj, pk, with_for_update=True)
        if item is None:
            return self.response_404()
        if diminta.strip() not in (_etag(item), "W/" + _etag(item)):
            return self.response(
                412,
                message="Data telah diubah pengguna lain sejak Anda membacanya; muat ulang lalu ulangi perubahan Anda.",
            )
        return None

    def _get_list_related_field(self, field, filter_rel_field, page=None, page_size=None):
        # FAB lists every row of the related table here, unscoped (names, texts): offer none
        return 0, []

    get_list_headless = _db_422(ModelRestApi.get_list_headless)
    post_headless = _dijaga(ModelRestApi.post_headless, "a")
    put_headless = _dijaga(ModelRestApi.put_headless, "e")
    delete_headless = _dijaga(ModelRestApi.delete_headless, "d")

    # ids beyond a 32-bit key cannot exist: 404 before the database sees them (PostgreSQL would refuse them)
    @_db_422
    def get_headless(self, pk, **kw):
        if not pk_wajar(pk):
            return self.response_404()
        resp = super().get_headless(pk, **kw)
        if resp.status_code == 200:
            item = db.session.get(self.datamodel.obj, int(pk))
            if item is not None:
                resp.headers["ETag"] = _etag(item)
        return resp


def wajib_isi(label: str):
    """Marshmallow validator: a required text may not be empty or only whitespace (also for FAB's generated
    edit schemas, through ``validators_columns``, which do not use the plain schemas below)."""

    def cek(nilai):
        if nilai is not None and not str(nilai).strip():
            raise ValidationError(f"{label} wajib diisi; tidak boleh kosong atau hanya spasi.")

    return cek


class IndukTanpaSiklusMixin:
    """PUT edits the parent relation (``induk`` / ``atasan``) through FAB's generated schema: check it after load,
    before anything is written, with the same check as the forms and the import; refusal = 422, rolled back.
    (POST uses the plain schemas, which check ``induk_id`` / ``atasan_id`` in ``@validates_schema``.)"""

    pohon = ""
    kolom_induk = ""

    def pre_update(self, item):
        super().pre_update(item)
        with db.session.no_autoflush:  # the loaded edit is not flushed before the check
            induk = getattr(item, self.kolom_induk)
            pesan = cek_induk(self.pohon, item.id, induk.id if induk is not None else None)
        if pesan:
            raise ValidationError({self.kolom_induk: [pesan]})

    def put_headless(self, pk):
        try:
            return super().put_headless(pk)
        except ValidationError as err:
            db.session.rollback()
            return self.response_422(message=err.messages)


def _cek_induk_baru(pohon: str, kolom: str, data: dict) -> None:
    pesan = cek_induk(pohon, None, data.get(kolom))
    if pesan:
        raise ValidationError(pesan, field_name=kolom)


class InstansiApi(ScopedApi):
    resource_name = "instansi"
    scope_resource = "instansi"
    datamodel = SQLAInterface(Instansi)
    list_columns = show_columns = ["id", "kode", "nama", "nama_daerah", "kepala_daerah_nama"]
    add_columns = edit_columns = ["kode", "nama", "nama_daerah", "kepala_daerah_nama"]
    validators_columns = {"kode": wajib_isi("Kode"), "nama": wajib_isi("Nama")}


class GolonganApi(ScopedApi):
    resource_name = "golongan"
    scope_resource = "golongan"
    datamodel = SQLAInterface(Golongan)
    list_columns = show_columns = ["id", "kode", "jenis_asn", "pangkat", "urutan"]
    add_columns = edit_columns = ["kode", "jenis_asn", "pangkat", "urutan"]
    validators_columns = {"kode": wajib_isi("Kode")}


class UnitKerjaSchema(Schema):
    instansi_id = fields.Integer(required=True)
    induk_id = fields.Integer(allow_none=True)
    kode = fields.String(required=True, validate=[validate.Length(max=40), wajib_isi("Kode")])
    nama = fields.String(required=True, validate=[validate.Length(max=200), wajib_isi("Nama")])
    jenis = fields.String(required=True, validate=_pilihan(JenisUnit))
    is_mandiri = fields.Boolean(load_default=False)
    is_sekretariat = fields.Boolean(load_default=False)
    boleh_tim_kota = fields.Boolean(load_default=False)
    aktif = fields.Boolean(load_default=True)

    @validates_schema
    def cek_induk(self, data, **kw):
        _cek_induk_baru("unit_kerja", "induk_id", data)

    @post_load
    def buat(self, data, **kw):
        return UnitKerja(**data)


class UnitKerjaApi(IndukTanpaSiklusMixin, ScopedApi):
    resource_name = "unit_kerja"
    scope_resource = "unit_kerja"
    datamodel = SQLAInterface(UnitKerja)
    list_columns = show_columns = [
        "id",
        "instansi.id",
        "induk.id",
        "induk.nama",
        "kode",
        "nama",
        "jenis",
        "is_mandiri",
        "is_sekretariat",
        "boleh_tim_kota",
        "aktif",
    ]
    edit_columns = ["kode", "nama", "induk", "is_mandiri", "is_sekretariat", "boleh_tim_kota", "aktif"]
    validators_columns = {"kode": wajib_isi("Kode"), "nama": wajib_isi("Nama")}
    pohon, kolom_induk = "unit_kerja", "induk"
    add_model_schema = UnitKerjaSchema()
    search_columns = ["kode", "nama", "jenis", "induk"]


class JabatanSchema(Schema):
    unit_kerja_id = fields.Integer(required=True)
    atasan_id = fields.Integer(allow_none=True)
    kode = fields.String(allow_none=True, validate=validate.Length(max=40))
    nama = fields.String(required=True, validate=[validate.Length(max=200), wajib_isi("Nama")])
    jenis = fields.String(required=True, validate=_pilihan(JenisJabatan))
    is_kepala_unit = fields.Boolean(load_default=False)
    aktif = fields.Boolean(load_default=True)

    @validates_schema
    def cek_atasan(self, data, **kw):
        _cek_induk_baru("jabatan", "atasan_id", data)

    @post_load
    def buat(self, data, **kw):
        return Jabatan(**data)


class JabatanApi(IndukTanpaSiklusMixin, ScopedApi):
    resource_name = "jabatan"
    scope_resource = "jabatan"
    datamodel = SQLAInterface(Jabatan)
    list_columns = show_columns = [
        "id",
        "kode",
        "nama",
        "jenis",
        "unit_kerja.id",
        "unit_kerja.nama",
        "atasan.id",
        "atasan.nama",
        "is_kepala_unit",
        "aktif",
    ]
    edit_columns = ["kode", "nama", "unit_kerja", "atasan", "is_kepala_unit", "aktif"]
    validators_columns = {"nama": wajib_isi("Nama")}
    pohon, kolom_induk = "jabatan", "atasan"
    add_model_schema = JabatanSchema()
    search_columns = ["kode", "nama", "jenis", "unit_kerja"]


class PegawaiSchema(Schema):
    nip = fields.String(required=True)
    nama = fields.String(required=True, validate=[validate.Length(max=150), wajib_isi("Nama")])
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
        pesan = cek_nip(data.get("nip", ""), data.get("tanggal_lahir"), data.get("tmt_cpns"), data.get("jenis_kelamin"))
        if pesan:
            raise ValidationError(pesan, field_name="nip")

    @post_load
    def buat(self, data, **kw):
        return Pegawai(**data)


class PegawaiApi(ScopedApi):
    resource_name = "pegawai"
    scope_resource = "pegawai"
    datamodel = SQLAInterface(Pegawai)
    list_columns = [
        "id",
        "nip",
        "nama",
        "gelar_depan",
        "gelar_belakang",
        "jenis_asn",
        "status",
        "golongan.kode",
        "jabatan.id",
        "jabatan.nama",
        "unit_kerja.id",
        "unit_kerja.nama",
    ]
    show_columns = list_columns + ["tanggal_lahir", "tmt_cpns", "jenis_kelamin", "email"]
    edit_columns = ["nama", "gelar_depan", "gelar_belakang", "golongan", "jabatan", "unit_kerja", "email"]
    validators_columns = {"nama": wajib_isi("Nama")}
    add_model_schema = PegawaiSchema()
    search_columns = ["nip", "nama", "status", "unit_kerja", "jabatan"]
    order_columns = ["nip", "nama"]
