"""REST API of Tim Pemantau Kinerja: ``/api/v1/tim_pemantau/``, ``/api/v1/penugasan_tim/``, ``/api/v1/pemantauan/``.

Same rules as the views: reading is scoped (``tim_pemantau``, ``penugasan_tim``, ``pemantauan``), changing is
scoped further (``tim_pemantau_kelola``, ``pemantauan_kelola``: out of it → 404), creating validates the team
(R13 with the instansi's bounds, who may form which level) or the visit (own team, unit assigned for the
date's semester). Assignments are written only by the "Bagi unit ke tim" action (read-only here).
"""

from __future__ import annotations

from flask_appbuilder.models.sqla.interface import SQLAInterface
from marshmallow import Schema, ValidationError, fields, post_load, validate, validates_schema
from sqlalchemy import select

from app import jam
from app.api.master import ScopedApi
from app.extensions import db
from app.queries import pemantauan as q_pantau
from app.rules import LevelTim, PeranTim
from app.security.scope import konteks, tim_anggota_clause
from schema.models import Pemantauan, PenugasanTim, TimPemantau, UnitKerja


def _pilihan(enum):
    return validate.OneOf([m.value for m in enum], error="Nilai tidak dikenal: pilih salah satu dari {choices}.")


class AnggotaSchema(Schema):
    pegawai_id = fields.Integer(required=True)
    peran = fields.String(load_default=PeranTim.ANGGOTA.value, validate=_pilihan(PeranTim))


class TimPemantauSchema(Schema):
    nama = fields.String(required=True, validate=validate.Length(min=1, max=200))
    level = fields.String(required=True, validate=_pilihan(LevelTim))
    unit_kerja_id = fields.Integer(allow_none=True, load_default=None)
    nomor_sk = fields.String(required=True, validate=validate.Length(min=1, max=100))
    tanggal_sk = fields.Date(required=True)
    aktif = fields.Boolean(load_default=True)
    anggota = fields.List(fields.Nested(AnggotaSchema), required=True)

    @validates_schema
    def cek(self, data, **kw):
        level, unit_id = data.get("level"), data.get("unit_kerja_id")
        if level == LevelTim.KOTA.value:
            if pesan := q_pantau.pesan_wewenang_level(level):
                raise ValidationError(pesan, field_name="level")
            unit_id = None
        elif pesan := q_pantau.pesan_wewenang_unit(level, unit_id):
            raise ValidationError(pesan, field_name="unit_kerja_id")
        unit = db.session.get(UnitKerja, unit_id) if unit_id else None
        if unit_id and unit is None:
            raise ValidationError("Unit kerja tidak ditemukan.", field_name="unit_kerja_id")
        instansi_id = unit.instansi_id if unit else q_pantau.instansi_bawaan(konteks().pegawai_id)
        pesan = q_pantau.periksa_tim(
            level,
            unit_id,
            instansi_id,
            data["tanggal_sk"].year,
            [(a["pegawai_id"], a["peran"]) for a in data.get("anggota", [])],
        )
        if pesan:
            raise ValidationError(pesan, field_name="anggota")

    @post_load
    def buat(self, data, **kw):
        anggota = data.pop("anggota")
        tim = TimPemantau(**data)
        tim.anggota_isian = [(a["pegawai_id"], a["peran"]) for a in anggota]  # saved by q_pantau.buat_tim in pre_add
        return tim


class TimPemantauApi(ScopedApi):
    resource_name = "tim_pemantau"
    scope_resource = "tim_pemantau"
    scope_tulis = "tim_pemantau_kelola"
    datamodel = SQLAInterface(TimPemantau)
    list_columns = show_columns = [
        "id",
        "nama",
        "level",
        "unit_kerja.id",
        "unit_kerja.nama",
        "nomor_sk",
        "tanggal_sk",
        "aktif",
    ]
    edit_columns = ["nama", "nomor_sk", "tanggal_sk", "aktif"]
    add_model_schema = TimPemantauSchema()
    search_columns = ["nama", "level", "aktif"]
    order_columns = ["nama", "tanggal_sk"]

    def pre_add(self, item):
        q_pantau.buat_tim(item, item.anggota_isian)

    def pre_update(self, item):
        q_pantau.ubah_tim(item)  # members are not editable through the API

    def delete_headless(self, pk):
        tim = db.session.get(TimPemantau, int(pk))  # in the manage scope (ScopedApi's guard: 404 otherwise)
        try:
            q_pantau.hapus_tim(tim)
        except q_pantau.TimTerpakai as e:
            return self.response_422(message=str(e))
        return super().delete_headless(pk)


class PenugasanTimApi(ScopedApi):
    resource_name = "penugasan_tim"
    scope_resource = "penugasan_tim"
    datamodel = SQLAInterface(PenugasanTim)
    base_permissions = ["can_get", "can_info"]
    list_columns = show_columns = [
        "id",
        "tahun",
        "semester",
        "unit_kerja.id",
        "unit_kerja.nama",
        "tim.id",
        "tim.nama",
        "jumlah_pegawai",
    ]
    search_columns = ["tahun", "semester", "tim", "unit_kerja"]


class PemantauanSchema(Schema):
    tim_id = fields.Integer(required=True)
    unit_kerja_id = fields.Integer(required=True)
    tanggal = fields.Date(required=True)
    jumlah_skp_direviu = fields.Integer(load_default=0, validate=validate.Range(min=0, error="Tidak boleh negatif."))
    temuan = fields.String(allow_none=True)
    rekomendasi = fields.String(allow_none=True)
    rekomendasi_perubahan_skp = fields.Boolean(load_default=False)

    @validates_schema
    def cek(self, data, **kw):
        tim = db.session.scalar(
            select(TimPemantau)
            .where(TimPemantau.id == data["tim_id"], TimPemantau.aktif.is_(True))
            .where(tim_anggota_clause())
        )
        if tim is None:
            raise ValidationError("Anda bukan anggota tim aktif tersebut.", field_name="tim_id")
        if data["tanggal"] > jam.hari_ini():
            raise ValidationError("Tanggal pemantauan tidak boleh melewati hari ini.", field_name="tanggal")
        if db.session.get(UnitKerja, data["unit_kerja_id"]) is None or not q_pantau.unit_boleh_dipantau(
            tim, data["unit_kerja_id"], data["tanggal"]
        ):
            raise ValidationError(
                "Unit kerja tidak ditugaskan kepada tim ini pada semester tanggal pemantauan.",
                field_name="unit_kerja_id",
            )

    @post_load
    def buat(self, data, **kw):
        return Pemantauan(**data, dicatat_oleh_id=konteks().pegawai_id)


class PemantauanApi(ScopedApi):
    resource_name = "pemantauan"
    scope_resource = "pemantauan"
    scope_tulis = "pemantauan_kelola"
    datamodel = SQLAInterface(Pemantauan)
    list_columns = show_columns = [
        "id",
        "tanggal",
        "tim.id",
        "tim.nama",
        "unit_kerja.id",
        "unit_kerja.nama",
        "jumlah_skp_direviu",
        "temuan",
        "rekomendasi",
        "rekomendasi_perubahan_skp",
    ]
    edit_columns = ["jumlah_skp_direviu", "temuan", "rekomendasi", "rekomendasi_perubahan_skp"]
    add_model_schema = PemantauanSchema()
    search_columns = ["tanggal", "tim", "unit_kerja", "rekomendasi_perubahan_skp"]
    order_columns = ["tanggal"]

    def pre_add(self, item):
        q_pantau.buat_pemantauan(item)

    def pre_update(self, item):
        q_pantau.ubah_pemantauan(item)

    def pre_delete(self, item):
        q_pantau.hapus_pemantauan(item)

    # committed: the coverage summary of the visit's semester is refreshed in the background
    def post_add(self, item):
        q_pantau.antrekan_yang_berubah()

    post_update = post_delete = post_add
