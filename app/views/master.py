"""Data induk (master data) views for BKPSDM operators: instansi, unit kerja, jabatan, golongan, pegawai."""

from __future__ import annotations

from flask import abort
from flask_appbuilder.baseviews import expose
from flask_appbuilder.security.decorators import has_access
from wtforms import ValidationError
from wtforms.validators import DataRequired

from app.extensions import db
from app.queries import pegawai as q_pegawai
from app.queries import pohon as q_pohon
from app.rules import JenisASN, JenisJabatan, StatusPegawai
from app.rules.nip import cek_nip
from app.views.base import AjaxSelectField, EagerSQLAInterface, KinerjaModelView, cocok_pegawai
from app.views.fields import label_jabatan as _label_jabatan
from app.views.fields import label_unit as _label_unit  # shared formatters
from app.views.fields import pilihan
from schema.enums import JenisKelamin, JenisUnit
from schema.models import Golongan, Instansi, Jabatan, Pegawai, UnitKerja, User

LABEL_UMUM = {
    "kode": "Kode",
    "nama": "Nama",
    "instansi": "Instansi",
    "induk": "Unit Induk",
    "jenis": "Jenis",
    "is_mandiri": "Unit Kerja Mandiri",
    "is_sekretariat": "Bagian Sekretariat",
    "aktif": "Aktif",
    "boleh_tim_kota": "Dapat Ditunjuk untuk Tim Pemantau Tingkat Kota",
    "unit_kerja": "Unit Kerja",
    "atasan": "Jabatan Atasan",
    "is_kepala_unit": "Kepala Unit",
    "nip": "NIP",
    "gelar_depan": "Gelar Depan",
    "gelar_belakang": "Gelar Belakang",
    "tanggal_lahir": "Tanggal Lahir",
    "tmt_cpns": "TMT CPNS/PPPK",
    "jenis_kelamin": "Jenis Kelamin",
    "jenis_asn": "Jenis ASN",
    "status": "Status",
    "golongan": "Golongan/Pangkat",
    "jabatan": "Jabatan",
    "user": "Akun Pengguna",
    "email": "Surel",
    "pangkat": "Pangkat",
    "urutan": "Urutan",
    "nama_daerah": "Nama Daerah",
    "kepala_daerah_nama": "Nama Kepala Daerah",
    "nama_lengkap": "Nama",
    "tmt_pensiun": "TMT Pensiun",
    "akhir_perjanjian_kerja": "Akhir Perjanjian Kerja (PPPK)",
}


def _label_golongan(g: Golongan) -> str:
    return str(g)


def _label_user(u: User) -> str:
    return f"{u.username} ({u.first_name} {u.last_name})"


class TanpaSiklus:
    """Form validator of a parent field (Unit Induk, Jabatan Atasan): the same check as the API and the import.

    FAB sets ``form._id`` to the row being edited; on the add form there is none (a new row has no subtree)."""

    def __init__(self, pohon: str):
        self.pohon = pohon

    def __call__(self, form, field):
        if field.data is not None:
            pesan = q_pohon.cek_induk(self.pohon, getattr(form, "_id", None), field.data.id)
            if pesan:
                raise ValidationError(pesan)


class MasterView(KinerjaModelView):
    label_columns = LABEL_UMUM


class InstansiView(MasterView):
    scope_resource = "instansi"
    judul = "Instansi"
    datamodel = EagerSQLAInterface(Instansi)
    list_columns = ["kode", "nama", "nama_daerah"]
    edit_columns = add_columns = show_columns = ["kode", "nama", "nama_daerah", "kepala_daerah_nama"]
    search_columns = ["kode", "nama"]


class UnitKerjaView(MasterView):
    scope_resource = "unit_kerja"
    judul = "Unit Kerja"
    datamodel = EagerSQLAInterface(UnitKerja, eager=("induk",))
    list_columns = ["kode", "nama", "jenis", "induk", "is_mandiri", "is_sekretariat", "aktif"]
    show_columns = [
        "kode",
        "nama",
        "jenis",
        "instansi",
        "induk",
        "is_mandiri",
        "is_sekretariat",
        "boleh_tim_kota",
        "aktif",
        "siasn_id",  # SIASN's UNOR id: "Tarik dari SIASN" places employees by it
    ]
    label_columns = {**LABEL_UMUM, "siasn_id": "ID UNOR SIASN"}
    add_columns = edit_columns = show_columns
    search_columns = ["kode", "nama", "jenis", "is_mandiri", "aktif"]
    order_columns = ["kode", "nama", "jenis"]
    base_order = ("kode", "asc")
    lookup_columns = {"induk": (UnitKerja, UnitKerja.nama, _label_unit, "unit_kerja")}
    add_form_extra_fields = edit_form_extra_fields = {
        "jenis": pilihan("Jenis", JenisUnit),
        "induk": AjaxSelectField(
            "Unit Induk",
            [TanpaSiklus("unit_kerja")],
            model=UnitKerja,
            endpoint="UnitKerjaView.lookup",
            column="induk",
            label_fn=_label_unit,
            description="Kosongkan untuk perangkat daerah tingkat teratas.",
        ),
    }

    @expose("/pohon/")
    @expose("/pohon/<int:induk_id>")
    @has_access
    def pohon(self, induk_id=None):
        """Tree browsing: one level at a time (children counted in SQL)."""
        induk = db.session.get(UnitKerja, induk_id) if induk_id else None
        if induk_id and induk is None:
            abort(404)
        rows = q_pegawai.anak_unit(induk_id)
        jalur = q_pohon.jalur_unit(induk_id) if induk_id else []  # bounded even if the data holds a cycle
        return self.render_template(
            "kinerja/pohon_unit.html", title="Pohon Unit Kerja", induk=induk, jalur=jalur, rows=rows
        )


class JabatanView(MasterView):
    scope_resource = "jabatan"
    judul = "Jabatan"
    datamodel = EagerSQLAInterface(Jabatan, eager=("unit_kerja", "atasan"))
    list_columns = ["kode", "nama", "jenis", "unit_kerja", "atasan", "is_kepala_unit"]
    show_columns = ["kode", "nama", "jenis", "unit_kerja", "atasan", "is_kepala_unit", "aktif"]
    add_columns = edit_columns = show_columns
    search_columns = ["kode", "nama", "jenis", "is_kepala_unit"]
    order_columns = ["kode", "nama", "jenis"]
    lookup_columns = {
        "unit_kerja": (UnitKerja, UnitKerja.nama, _label_unit, "unit_kerja"),
        "atasan": (Jabatan, Jabatan.nama, _label_jabatan, "jabatan"),
    }
    add_form_extra_fields = edit_form_extra_fields = {
        "jenis": pilihan("Jenis Jabatan", JenisJabatan),
        "unit_kerja": AjaxSelectField(
            "Unit Kerja",
            [DataRequired(message="Wajib diisi.")],
            model=UnitKerja,
            endpoint="JabatanView.lookup",
            column="unit_kerja",
            label_fn=_label_unit,
        ),
        "atasan": AjaxSelectField(
            "Jabatan Atasan",
            [TanpaSiklus("jabatan")],
            model=Jabatan,
            endpoint="JabatanView.lookup",
            column="atasan",
            label_fn=_label_jabatan,
            description="Jabatan atasan langsung; rantai atasan menentukan pejabat penilai.",
        ),
    }


class GolonganView(MasterView):
    scope_resource = "golongan"
    judul = "Golongan/Pangkat"
    datamodel = EagerSQLAInterface(Golongan)
    list_columns = ["kode", "pangkat", "jenis_asn", "urutan"]
    show_columns = list_columns
    search_columns = ["kode", "pangkat", "jenis_asn"]
    base_order = ("urutan", "asc")


def _validasi_nip(form, field):
    pesan = cek_nip(field.data or "", form.tanggal_lahir.data, form.tmt_cpns.data, form.jenis_kelamin.data)
    if pesan:
        raise ValidationError(" ".join(pesan))


PEGAWAI_FORM = [
    "nip",
    "nama",
    "gelar_depan",
    "gelar_belakang",
    "tanggal_lahir",
    "tmt_cpns",
    "jenis_kelamin",
    "jenis_asn",
    "status",
    "golongan",
    "unit_kerja",
    "jabatan",
    "tmt_pensiun",
    "akhir_perjanjian_kerja",
    "email",
    "user",
]


class PegawaiView(MasterView):
    judul = "Pegawai"
    scope_resource = "pegawai"
    datamodel = EagerSQLAInterface(Pegawai, eager=("unit_kerja", "jabatan", "golongan"))
    list_columns = ["nip", "nama_lengkap", "golongan", "jabatan", "unit_kerja", "jenis_asn", "status"]
    show_columns = PEGAWAI_FORM
    add_columns = edit_columns = PEGAWAI_FORM
    search_columns = ["nip", "nama", "jenis_asn", "status"]
    order_columns = ["nip", "nama_lengkap", "status"]
    base_order = ("nama", "asc")
    validators_columns = {"nip": [DataRequired(message="NIP wajib diisi."), _validasi_nip]}
    description_columns = {
        "nip": "18 digit: tanggal lahir (8), TMT (6), jenis kelamin (1: laki-laki, 2: perempuan), nomor urut (3)."
    }
    lookup_columns = {
        "unit_kerja": (UnitKerja, UnitKerja.nama, _label_unit, "unit_kerja"),
        "jabatan": (Jabatan, Jabatan.nama, _label_jabatan, "jabatan"),
        "golongan": (Golongan, Golongan.kode, _label_golongan, "golongan"),
        "user": (User, User.username, _label_user, "pengguna"),
    }
    add_form_extra_fields = edit_form_extra_fields = {
        "golongan": AjaxSelectField(
            "Golongan/Pangkat",
            model=Golongan,
            endpoint="PegawaiView.lookup",
            column="golongan",
            label_fn=_label_golongan,
        ),
        "user": AjaxSelectField(
            "Akun Pengguna",
            model=User,
            endpoint="PegawaiView.lookup",
            column="user",
            label_fn=_label_user,
            description="Akun login yang terhubung dengan pegawai ini.",
        ),
        "jenis_kelamin": pilihan("Jenis Kelamin", JenisKelamin),
        "jenis_asn": pilihan("Jenis ASN", JenisASN),
        "status": pilihan("Status", StatusPegawai),
        "unit_kerja": AjaxSelectField(
            "Unit Kerja",
            [DataRequired(message="Wajib diisi.")],
            model=UnitKerja,
            endpoint="PegawaiView.lookup",
            column="unit_kerja",
            label_fn=_label_unit,
        ),
        "jabatan": AjaxSelectField(
            "Jabatan", model=Jabatan, endpoint="PegawaiView.lookup", column="jabatan", label_fn=_label_jabatan
        ),
    }
    export_title = "Register Pegawai"

    def klausa_cari(self, q: str):
        return cocok_pegawai(q)

    def klausa_unit(self, unit_id: int):
        return Pegawai.unit_kerja_id.in_(q_pohon.sub_unit(unit_id))

    def tulis_ekspor(self, ids, pengekspor: str):
        return q_pegawai.register_pegawai(ids, pengekspor=pengekspor)


class ProfilSayaView(PegawaiView):
    """The logged-in employee's own record (read only)."""

    route_base = "/profilsaya"
    scope_resource = "profil"
    base_permissions = ["can_list", "can_show"]
    list_title = show_title = "Profil Saya"
    list_columns = ["nip", "nama_lengkap", "golongan", "jabatan", "unit_kerja", "status"]
    # one row: FAB treats [] as "every column" (dropdowns of every jabatan, unit, user — 8 extra statements)
    search_columns = ["nip"]

    def klausa_cari(self, q: str):
        return None  # one row: no search box


class BawahanView(PegawaiView):
    """Subordinates of the logged-in supervisor (atasan: two levels)."""

    route_base = "/bawahan"
    scope_resource = "bawahan"
    base_permissions = ["can_list", "can_show", "can_export"]
    list_title = "Bawahan Saya"
    search_columns = ["nip", "nama", "status"]
