"""REST API of the R14 registers: ``/api/v1/penghargaan/``, ``/api/v1/tindak_lanjut_sanksi/``.

Same rules as the views: reading is row-scoped (``penghargaan``: own / subordinates / all; ``tindak_lanjut_sanksi``:
through the evaluation's evaluator chain), writing follows the matrix (rewards: Operator/PyB add and edit;
sanctions: PyB adds — the manual entry validated by ``app.queries.tindak_lanjut.tambah_entri_sanksi`` (R14,
``app.rules.jalur_sanksi``) —, Operator/PyB edit status, dates, force majeure and notes). No deletes: the
registers are records of decisions. Every write is audited in its own transaction (inserts by ``catat``,
edits by the flush listener of ``app.security.audit``);
refusals are 422 with an Indonesian message.
"""

from __future__ import annotations

from flask import request
from flask_appbuilder.models.sqla.interface import SQLAInterface
from marshmallow import Schema, ValidationError, fields, post_load, validate, validates_schema
from sqlalchemy.exc import IntegrityError

from app.aksi import Ditolak, transaksi
from app.api.master import ScopedApi, pk_wajar
from app.extensions import db
from app.queries import tindak_lanjut as q_lanjut
from app.rules import JenisTindakLanjut
from app.security.scope import clause_for
from schema.enums import JenisPenghargaan, StatusTindakLanjut
from schema.models import Pegawai, Penghargaan, TindakLanjutSanksi

BACA = {"get", "get_list", "info"}


def _pilihan(enum):
    return validate.OneOf([m.value for m in enum], error="Nilai tidak dikenal: pilih salah satu dari {choices}.")


def _tahun():
    return fields.Integer(required=True, validate=validate.Range(2000, 2100, error="Tahun harus 2000–2100."))


class PenghargaanSchema(Schema):
    pegawai_id = fields.Integer(required=True)
    tahun = _tahun()
    jenis = fields.String(required=True, validate=_pilihan(JenisPenghargaan))
    uraian = fields.String(allow_none=True, validate=validate.Length(max=2000))

    @validates_schema
    def cek_pegawai(self, data, **kw):
        pid = data.get("pegawai_id")
        if pid is not None and (not pk_wajar(pid) or db.session.get(Pegawai, pid) is None):
            raise ValidationError("Pegawai tidak ditemukan.", field_name="pegawai_id")

    @post_load
    def buat(self, data, **kw):
        return Penghargaan(**data)


class PenghargaanUbahSchema(Schema):
    tahun = _tahun()
    jenis = fields.String(validate=_pilihan(JenisPenghargaan))
    uraian = fields.String(allow_none=True, validate=validate.Length(max=2000))


class SanksiSchema(Schema):
    """Manual register entry; the decision (PPPK only / qualifying result / unique) is in app.queries."""

    # a key outside PostgreSQL's integer range would be a DataError (500) at the lookup
    evaluasi_id = fields.Integer(
        required=True, validate=validate.Range(1, 2**31 - 1, error="Evaluasi tidak ditemukan.")
    )
    jenis = fields.String(required=True, validate=_pilihan(JenisTindakLanjut))
    status = fields.String(load_default=StatusTindakLanjut.DIBUKA.value, validate=_pilihan(StatusTindakLanjut))
    mulai = fields.Date(allow_none=True, load_default=None)
    selesai = fields.Date(allow_none=True, load_default=None)
    catatan = fields.String(allow_none=True, load_default=None, validate=validate.Length(max=4000))
    target_tidak_tercapai = fields.Boolean(load_default=False)


class SanksiUbahSchema(Schema):
    status = fields.String(validate=_pilihan(StatusTindakLanjut))
    mulai = fields.Date(allow_none=True)
    selesai = fields.Date(allow_none=True)
    force_majeure = fields.Boolean()
    catatan = fields.String(allow_none=True, validate=validate.Length(max=4000))


class _UbahMixin:
    """PUT through a partial plain schema: scoped fetch (404 outside), one transaction, Indonesian 422."""

    ubah_schema: Schema

    def periksa_ubah(self, item) -> str | None:
        return None

    def put_headless(self, pk):
        item = self.datamodel.get(int(pk), self._base_filters) if pk_wajar(pk) else None
        if item is None:
            return self.response_404()
        data = request.get_json(silent=True)
        if not isinstance(data, dict):
            return self.response_400(message="Isi permintaan harus JSON.")
        try:
            nilai = self.ubah_schema.load(data, partial=True)
        except ValidationError as err:
            return self.response_422(message=err.messages)
        try:
            with transaksi():  # the audit rows are written by the same flush
                for k, v in nilai.items():
                    setattr(item, k, v)
                pesan = self.periksa_ubah(item)
                if pesan:
                    raise Ditolak(pesan, kode=422)
        except IntegrityError as e:  # rolled back
            return self.response_422(message=q_lanjut.pesan_integritas(e))
        return self.response(200, result=self.show_model_schema.dump(item))


class PenghargaanApi(_UbahMixin, ScopedApi):
    resource_name = "penghargaan"
    scope_resource = "penghargaan"
    datamodel = SQLAInterface(Penghargaan)
    include_route_methods = BACA | {"post", "put"}
    list_columns = show_columns = [
        "id",
        "pegawai.id",
        "pegawai.nip",
        "pegawai.nama",
        "tahun",
        "jenis",
        "uraian",
        "evaluasi.id",
        "dibuat_pada",
    ]
    edit_columns = ["tahun", "jenis", "uraian"]
    add_model_schema = PenghargaanSchema()
    ubah_schema = PenghargaanUbahSchema()
    search_columns = ["tahun", "jenis", "pegawai"]
    order_columns = ["tahun", "jenis", "dibuat_pada"]

    def post_headless(self):
        data = request.get_json(silent=True)
        if not isinstance(data, dict):
            return self.response_400(message="Isi permintaan harus JSON.")
        try:
            h = self.add_model_schema.load(data)
        except ValidationError as err:
            return self.response_422(message=err.messages)
        try:
            with transaksi():
                h = q_lanjut.tambah_penghargaan({k: getattr(h, k) for k in ("pegawai_id", "tahun", "jenis", "uraian")})
        except IntegrityError as e:  # rolled back
            return self.response_422(message=q_lanjut.pesan_integritas(e))
        return self.response(201, id=h.id, result=self.show_model_schema.dump(h))


class TindakLanjutSanksiApi(_UbahMixin, ScopedApi):
    resource_name = "tindak_lanjut_sanksi"
    scope_resource = "tindak_lanjut_sanksi"
    datamodel = SQLAInterface(TindakLanjutSanksi)
    include_route_methods = BACA | {"post", "put"}
    list_columns = show_columns = [
        "id",
        "pegawai.id",
        "pegawai.nip",
        "pegawai.nama",
        "evaluasi.id",
        "evaluasi.tahun",
        "evaluasi.predikat",
        "jenis",
        "status",
        "mulai",
        "selesai",
        "force_majeure",
        "catatan",
    ]
    edit_columns = ["status", "mulai", "selesai", "force_majeure", "catatan"]
    add_model_schema = SanksiSchema()
    ubah_schema = SanksiUbahSchema()
    search_columns = ["jenis", "status", "force_majeure", "mulai", "selesai", "pegawai"]
    order_columns = ["mulai", "selesai", "status", "jenis"]

    def periksa_ubah(self, item):
        if item.mulai and item.selesai and item.selesai < item.mulai:
            return "Tanggal selesai tidak boleh sebelum tanggal mulai."
        return None

    def post_headless(self):
        data = request.get_json(silent=True)
        if not isinstance(data, dict):
            return self.response_400(message="Isi permintaan harus JSON.")
        try:
            d = self.add_model_schema.load(data)
        except ValidationError as err:
            return self.response_422(message=err.messages)
        try:
            with transaksi():
                t = q_lanjut.tambah_entri_sanksi(
                    d["evaluasi_id"],
                    d["jenis"],
                    clause_for("evaluasi_kinerja"),
                    status=d["status"],
                    mulai=d["mulai"],
                    selesai=d["selesai"],
                    catatan=d["catatan"],
                    target_tidak_tercapai=d["target_tidak_tercapai"],
                )
        except Ditolak as e:  # the register's refusals answer 422, like its schema validation (ScopedApi answers)
            raise Ditolak(str(e), kode=422) from None
        except IntegrityError as e:  # a concurrent identical entry: the unique evaluation × jenis (0004), rolled back
            return self.response_422(message=q_lanjut.pesan_integritas(e))
        return self.response(201, id=t.id, result=self.show_model_schema.dump(t))
