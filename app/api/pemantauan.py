"""REST API of Tim Pemantau Kinerja: ``/api/v1/tim_pemantau/``, ``/api/v1/penugasan_tim/``, ``/api/v1/pemantauan/``.

Same rules as the views: reading is scoped (``tim_pemantau``, ``penugasan_tim``, ``pemantauan``), changing is
scoped further (``tim_pemantau_kelola``, ``pemantauan_kelola``: out of it → 404), creating validates the team
(R13 with the instansi's bounds, who may form which level) or the visit (own team, unit assigned for the
date's semester). Assignments are written only by the "Bagi unit ke tim" action (read-only here).
"""
from __future__ import annotations

import datetime as dt

from flask_appbuilder.models.sqla.interface import SQLAInterface
from marshmallow import Schema, ValidationError, fields, post_load, validate, validates_schema
from sqlalchemy import func, select

from app import jam
from app.api.master import ScopedApi
from app.extensions import db
from app.queries import pemantauan as q_pantau
from app.rules import LevelTim, PeranTim
from app.security.audit import catat
from app.security.scope import clause_for, konteks
from schema.models import AnggotaTim, Pemantauan, PenugasanTim, TimPemantau, UnitKerja


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
        from app.views.pemantauan import _istimewa, _unit_dipimpin_id

        level, unit_id = data.get("level"), data.get("unit_kerja_id")
        if level == LevelTim.KOTA.value:
            if not _istimewa():
                raise ValidationError("Tim tingkat kota/kabupaten hanya dibentuk oleh pejabat yang berwenang "
                                      "(Operator Kepegawaian/PyB).", field_name="level")
            unit_id = None
        else:
            if unit_id is None:
                raise ValidationError("Unit kerja wajib diisi untuk tim tingkat unit kerja.", field_name="unit_kerja_id")
            if not _istimewa() and unit_id != _unit_dipimpin_id():
                raise ValidationError("Kepala unit kerja hanya dapat membentuk tim untuk unit kerja yang dipimpinnya.",
                                      field_name="unit_kerja_id")
        unit = db.session.get(UnitKerja, unit_id) if unit_id else None
        if unit_id and unit is None:
            raise ValidationError("Unit kerja tidak ditemukan.", field_name="unit_kerja_id")
        instansi_id = unit.instansi_id if unit else q_pantau.instansi_bawaan(konteks().pegawai_id)
        pesan = q_pantau.periksa_tim(level, unit_id, instansi_id, data["tanggal_sk"].year,
                              [(a["pegawai_id"], a["peran"]) for a in data.get("anggota", [])])
        if pesan:
            raise ValidationError(pesan, field_name="anggota")

    @post_load
    def buat(self, data, **kw):
        anggota = data.pop("anggota")
        if data["level"] == LevelTim.KOTA.value:
            data["unit_kerja_id"] = None
        unit = db.session.get(UnitKerja, data["unit_kerja_id"]) if data["unit_kerja_id"] else None
        tim = TimPemantau(**data,
                          instansi_id=unit.instansi_id if unit else q_pantau.instansi_bawaan(konteks().pegawai_id))
        tim.anggota = [AnggotaTim(pegawai_id=a["pegawai_id"], peran=a["peran"]) for a in anggota]
        return tim


class TimPemantauApi(ScopedApi):
    resource_name = "tim_pemantau"
    scope_resource = "tim_pemantau"
    scope_tulis = "tim_pemantau_kelola"
    datamodel = SQLAInterface(TimPemantau)
    list_columns = show_columns = ["id", "nama", "level", "unit_kerja.id", "unit_kerja.nama", "nomor_sk",
                                   "tanggal_sk", "aktif"]
    edit_columns = ["nama", "nomor_sk", "tanggal_sk", "aktif"]
    add_model_schema = TimPemantauSchema()
    search_columns = ["nama", "level", "aktif"]
    order_columns = ["nama", "tanggal_sk"]

    def pre_add(self, item):
        db.session.add(item)
        db.session.flush()
        catat("tim_pemantau", item.id, "tambah", sesudah={
            "nama": item.nama, "level": item.level, "unit_kerja_id": item.unit_kerja_id,
            "anggota": sorted((a.pegawai_id, a.peran) for a in item.anggota)})

    def pre_update(self, item):
        catat("tim_pemantau", item.id, "ubah", sesudah={"nama": item.nama, "nomor_sk": item.nomor_sk,
                                                        "tanggal_sk": item.tanggal_sk, "aktif": item.aktif})

    def delete_headless(self, pk):
        pk = int(pk)  # in the manage scope (ScopedApi's guard: 404 otherwise)
        terpakai = db.session.scalar(select(func.count()).select_from(PenugasanTim).where(PenugasanTim.tim_id == pk))
        terpakai += db.session.scalar(select(func.count()).select_from(Pemantauan).where(Pemantauan.tim_id == pk))
        if terpakai:
            return self.response_422(message="Tim tidak dapat dihapus karena sudah memiliki penugasan unit atau "
                                             "catatan pemantauan; nonaktifkan tim.")
        tim = db.session.get(TimPemantau, pk)
        catat("tim_pemantau", pk, "hapus", sebelum={"nama": tim.nama,
                                                   "anggota": sorted((a.pegawai_id, a.peran) for a in tim.anggota)})
        for a in list(tim.anggota):
            db.session.delete(a)
        return super().delete_headless(pk)


class PenugasanTimApi(ScopedApi):
    resource_name = "penugasan_tim"
    scope_resource = "penugasan_tim"
    datamodel = SQLAInterface(PenugasanTim)
    base_permissions = ["can_get", "can_info"]
    list_columns = show_columns = ["id", "tahun", "semester", "unit_kerja.id", "unit_kerja.nama", "tim.id", "tim.nama",
                                   "jumlah_pegawai"]
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
        from app.views.pemantauan import tim_anggota_clause

        tim = db.session.scalar(select(TimPemantau).where(TimPemantau.id == data["tim_id"],
                                                          TimPemantau.aktif.is_(True)).where(tim_anggota_clause()))
        if tim is None:
            raise ValidationError("Anda bukan anggota tim aktif tersebut.", field_name="tim_id")
        if data["tanggal"] > jam.hari_ini():
            raise ValidationError("Tanggal pemantauan tidak boleh melewati hari ini.", field_name="tanggal")
        if db.session.get(UnitKerja, data["unit_kerja_id"]) is None or not q_pantau.unit_boleh_dipantau(
                tim, data["unit_kerja_id"], data["tanggal"]):
            raise ValidationError("Unit kerja tidak ditugaskan kepada tim ini pada semester tanggal pemantauan.",
                                  field_name="unit_kerja_id")

    @post_load
    def buat(self, data, **kw):
        return Pemantauan(**data, dicatat_oleh_id=konteks().pegawai_id)


class PemantauanApi(ScopedApi):
    resource_name = "pemantauan"
    scope_resource = "pemantauan"
    scope_tulis = "pemantauan_kelola"
    datamodel = SQLAInterface(Pemantauan)
    list_columns = show_columns = ["id", "tanggal", "tim.id", "tim.nama", "unit_kerja.id", "unit_kerja.nama",
                                   "jumlah_skp_direviu", "temuan", "rekomendasi", "rekomendasi_perubahan_skp"]
    edit_columns = ["jumlah_skp_direviu", "temuan", "rekomendasi", "rekomendasi_perubahan_skp"]
    add_model_schema = PemantauanSchema()
    search_columns = ["tanggal", "tim", "unit_kerja", "rekomendasi_perubahan_skp"]
    order_columns = ["tanggal"]

    def pre_add(self, item):
        db.session.add(item)
        db.session.flush()
        catat("pemantauan", item.id, "tambah", sesudah={"tim_id": item.tim_id, "unit_kerja_id": item.unit_kerja_id,
                                                        "tanggal": item.tanggal})

    def pre_update(self, item):
        catat("pemantauan", item.id, "ubah", sesudah={"temuan": item.temuan, "rekomendasi": item.rekomendasi})

    def pre_delete(self, item):
        catat("pemantauan", item.id, "hapus", sebelum={"tim_id": item.tim_id, "unit_kerja_id": item.unit_kerja_id,
                                                       "tanggal": item.tanggal})
