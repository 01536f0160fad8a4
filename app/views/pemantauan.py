"""Tim Pemantau Kinerja (000 Pasal 10 and 20): teams, unit assignment, monitoring, coverage.

* ``TimPemantauView`` — teams with their members (validated by R13 ``validasi_tim`` with the instansi's
  bounds), the list action **Bagi unit ke tim** (proposal → signed confirmation → one transaction) and
  **Usulkan anggota** (an eligible unit-level team from the unit's staff).
* ``PenugasanTimView`` — unit → team per semester (read only; written by the action).
* ``PemantauanView`` — a team's monitoring visit of an assigned unit; evaluators read the findings.
* ``PemantauanPegawaiView`` — a supervisor's monitoring of a direct subordinate (000 Pasal 10(1)).
* ``UnitDipantauView`` — "Unit yang saya pantau": assigned units and their employees.
* ``CakupanPemantauanView`` — coverage per semester: every unit (team, last monitoring, "belum dipantau"
  first) and every supervisor; both to Excel. Read from the semester's summary ("Data per …"), refreshed in the
  background after every monitoring change (``post_*`` hooks below), daily, and by "Hitung ulang sekarang".

Who may do what: app/security/roles.py (matrix) and app/security/scope.py (rows: ``tim_pemantau`` to read,
``tim_pemantau_kelola`` to change — operator/PyB every team, a unit head the team of the unit they head;
``pemantauan``/``pemantauan_kelola``; ``penugasan_tim``; ``pemantauan_pegawai``).
"""

from __future__ import annotations

from flask import abort, current_app, flash, g, redirect, request, send_file, url_for
from flask_appbuilder import BaseView
from flask_appbuilder.actions import action
from flask_appbuilder.baseviews import expose
from flask_appbuilder.security.decorators import has_access, has_access_api
from itsdangerous import BadSignature, URLSafeTimedSerializer
from markupsafe import Markup, escape
from sqlalchemy import select
from wtforms import BooleanField, FieldList, Form, FormField, IntegerField, SelectField, ValidationError
from wtforms.validators import DataRequired, NumberRange, Optional

from app import jam
from app.aksi import transaksi
from app.excel.tulis import XLSX_MIME
from app.extensions import db
from app.queries import pemantauan as q_pantau
from app.rules import LevelTim, PeranTim
from app.security import roles as R
from app.security.audit import catat
from app.security.scope import istimewa, konteks, tim_anggota_clause, unit_dipantau, unit_dipimpin_id
from app.views.base import AjaxSelectField, EagerSQLAInterface, KinerjaModelView, cakupan_aktif, jawab_lookup
from app.views.fields import label_pegawai_unit
from app.views.fields import label_unit as _label_unit
from schema.models import Jabatan, Pegawai, Pemantauan, PemantauanPegawai, PenugasanTim, TimPemantau, UnitKerja

SLOT_ANGGOTA = 8  # rows shown on the form (one more than the usual maximum, so an 8th member is refused visibly)

LABEL = {
    "nama": "Nama Tim",
    "level": "Tingkat",
    "unit_kerja": "Unit Kerja",
    "nomor_sk": "Nomor SK",
    "tanggal_sk": "Tanggal SK",
    "aktif": "Aktif",
    "anggota": "Anggota",
    "anggota_isian": "Anggota Tim",
    "tim": "Tim Pemantau",
    "tim_id": "Tim Pemantau",
    "tahun": "Tahun",
    "semester": "Semester",
    "jumlah_pegawai": "Jumlah Pegawai",
    "tanggal": "Tanggal",
    "jumlah_skp_direviu": "Jumlah SKP Direviu",
    "temuan": "Temuan",
    "rekomendasi": "Rekomendasi",
    "rekomendasi_perubahan_skp": "Merekomendasikan Perubahan SKP",
    "dicatat_oleh": "Dicatat oleh",
    "pemantau": "Pemantau (Pejabat Penilai)",
    "pegawai": "Pegawai yang Dipantau",
    "catatan": "Catatan",
}


def _periode_args() -> tuple[int, int]:
    tahun, semester = q_pantau.periode_berjalan()
    try:
        tahun = int(request.values.get("tahun", tahun))
        semester = int(request.values.get("semester", semester))
    except ValueError:
        abort(400)
    if semester not in (1, 2) or not 2000 <= tahun <= 2100:
        abort(400)
    return tahun, semester


def _page_arg() -> int:
    try:
        return max(int(request.args.get("page", 0)), 0)
    except ValueError:
        return 0


def _kirim_xlsx(f, nama: str):
    return send_file(f, mimetype=XLSX_MIME, as_attachment=True, download_name=f"{nama}.xlsx")


def _lookup_json(stmt, search_col, label_fn):
    """Shared body of the scoped lookups (``jawab_lookup``, the contract of LookupMixin.lookup)."""
    return jawab_lookup(stmt, search_col, label_fn)


# ------------------------------------------------------------------------------------------------
# Team form: members as a fixed list of (pegawai, peran) rows
# ------------------------------------------------------------------------------------------------


class AnggotaForm(Form):
    pegawai = AjaxSelectField(
        "Pegawai", model=Pegawai, endpoint="TimPemantauView.lookup", column="pegawai", label_fn=label_pegawai_unit
    )
    peran = SelectField("Peran", choices=PeranTim.choices(), default=PeranTim.ANGGOTA.value)


class AnggotaWidget:
    def __call__(self, field, **kwargs):
        out = [
            '<table class="table table-condensed" id="tabel-anggota"><thead><tr><th>#</th><th>Pegawai</th>'
            '<th style="width:160px">Peran</th></tr></thead><tbody>'
        ]
        for i, entry in enumerate(field.entries, 1):
            # accessible names: the column headers are not labels of the controls in each row
            pegawai = entry.form.pegawai(**{"aria-label": f"Pegawai anggota {i}"})
            peran = entry.form.peran(class_="form-control", **{"aria-label": f"Peran anggota {i}"})
            out.append(f"<tr><td>{i}</td><td>{pegawai}</td><td>{peran}</td></tr>")
        out.append("</tbody></table>")
        return Markup("".join(out))


class AnggotaListField(FieldList):
    """Members of the team; validated as a whole (size, eligibility, roles) by the form's validator."""

    widget = AnggotaWidget()

    def __init__(self, *a, **kw):
        kw.setdefault("min_entries", SLOT_ANGGOTA)
        super().__init__(FormField(AnggotaForm), *a, **kw)

    def pasangan(self) -> list[tuple[int, str]]:
        return [
            (e.form.pegawai.data.id, e.form.peran.data or PeranTim.ANGGOTA.value)
            for e in self.entries
            if e.form.pegawai.data is not None
        ]

    def validate(self, form, extra_validators=()):
        self.errors = []
        for i, sub in enumerate(self.entries, 1):
            sub.validate(form)
            for msgs in (sub.errors or {}).values():
                self.errors += [f"Baris {i}: {m}" for m in msgs]
        if not self.errors:
            self._run_validation_chain(form, list(self.validators) + list(extra_validators))
        return not self.errors

    def populate_obj(self, obj, name):
        obj._anggota_isian = self.pasangan()

    def isi(self, pasangan: list[tuple[Pegawai, str]]):
        while len(self.entries) < max(SLOT_ANGGOTA, len(pasangan)):
            self.append_entry()
        for e, (peg, peran) in zip(self.entries, pasangan):
            e.form.pegawai.data = peg
            e.form.peran.data = peran


def _validasi_level(form, field):
    pesan = q_pantau.pesan_wewenang_level(field.data)
    if pesan:
        raise ValidationError(pesan)


def _validasi_unit(form, field):
    pesan = q_pantau.pesan_wewenang_unit(form.level.data, field.data.id if field.data is not None else None)
    if pesan:
        raise ValidationError(pesan)


def _validasi_anggota(form, field):
    level = form.level.data
    unit = form.unit_kerja.data if level == LevelTim.UNIT.value else None
    instansi_id = unit.instansi_id if unit is not None else q_pantau.instansi_bawaan(konteks().pegawai_id)
    tahun = (form.tanggal_sk.data or jam.hari_ini()).year
    pesan = q_pantau.periksa_tim(level, unit.id if unit else None, instansi_id, tahun, field.pasangan())
    if pesan:
        raise ValidationError(" ".join(pesan))


def _format_anggota(anggota) -> Markup:
    urut = {"ketua": 0, "sekretaris": 1}
    items = sorted(anggota, key=lambda a: (urut.get(a.peran, 2), a.pegawai.nama if a.pegawai else ""))
    return Markup(
        "<br>".join(
            f"{escape(a.pegawai.nama)} <small>({escape(q_pantau.PERAN_LABEL.get(a.peran, a.peran))})</small>"
            for a in items
            if a.pegawai is not None
        )
    )


def _serializer():
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt="kinerja-bagi-unit-ke-tim")


class TimPemantauView(KinerjaModelView):
    cakupan_kelola = "tim_pemantau_kelola"  # edit/delete: who formed the team (KinerjaModelView._cek_kelola)
    route_base = "/timpemantau"
    scope_resource = "tim_pemantau"
    datamodel = EagerSQLAInterface(TimPemantau, eager=("unit_kerja", "anggota", "anggota.pegawai"))
    list_title = "Tim Pemantau Kinerja"
    list_template = "kinerja/pemantauan/list_tim.html"
    show_title = "Tim Pemantau Kinerja"
    add_title = "Bentuk Tim Pemantau Kinerja"
    edit_title = "Ubah Tim Pemantau Kinerja"
    label_columns = LABEL
    list_columns = ["nama", "level", "unit_kerja", "nomor_sk", "tanggal_sk", "anggota", "aktif"]
    show_columns = ["nama", "level", "unit_kerja", "nomor_sk", "tanggal_sk", "aktif", "anggota"]
    add_columns = edit_columns = ["nama", "level", "unit_kerja", "nomor_sk", "tanggal_sk", "aktif", "anggota_isian"]
    search_columns = ["nama", "level", "nomor_sk", "aktif"]
    order_columns = ["nama", "level", "tanggal_sk"]
    base_order = ("nama", "asc")
    formatters_columns = {"anggota": _format_anggota, "level": lambda v: q_pantau.LEVEL_LABEL.get(v, v)}
    description_columns = {
        "level": "Tingkat kota/kabupaten: unsur BKPSDM, Sekretariat Daerah dan unit yang ditetapkan Sekretaris "
        "Daerah. Tingkat unit kerja: pegawai unit itu, paling sedikit satu dari sekretariatnya "
        "(000 Pasal 20).",
        "anggota_isian": "Jumlah anggota mengikuti konfigurasi periode instansi (bawaan 3–7 orang); tepat satu "
        "ketua. Baris kosong diabaikan.",
    }
    # candidates narrowed by the view's own lookup below (units the user may form a team for, and their staff)
    lookup_columns = {
        "unit_kerja": (UnitKerja, UnitKerja.nama, _label_unit),
        "pegawai": (Pegawai, Pegawai.nama, label_pegawai_unit),
    }
    add_form_extra_fields = edit_form_extra_fields = {
        "level": SelectField(
            "Tingkat", choices=LevelTim.choices(), validators=[DataRequired("Wajib dipilih."), _validasi_level]
        ),
        "unit_kerja": AjaxSelectField(
            "Unit Kerja",
            [_validasi_unit],
            model=UnitKerja,
            endpoint="TimPemantauView.lookup",
            column="unit_kerja",
            label_fn=_label_unit,
            description="Wajib untuk tim tingkat unit kerja; kosongkan untuk tim kota.",
        ),
        "anggota_isian": AnggotaListField("Anggota Tim", validators=[_validasi_anggota]),
    }
    validators_columns = {
        "nama": [DataRequired("Nama tim wajib diisi.")],
        "nomor_sk": [DataRequired("Nomor SK wajib diisi.")],
        "tanggal_sk": [DataRequired("Tanggal SK wajib diisi.")],
    }
    export_title = "Register Tim Pemantau Kinerja"
    # the action's permission is keyed by its function name (FAB): can_bagi_unit, as in the matrix
    method_permission_name = {
        **KinerjaModelView.method_permission_name,
        "aksi_bagi_unit": "bagi_unit",
        "bagi_unit_proses": "bagi_unit",
        "usulkan": "usulkan_anggota",
    }

    def boleh_kelola(self) -> bool:
        """Add/edit/delete buttons only for who forms teams: the city-level formers and unit heads (their own
        unit's team); other holders of the role read their teams only (scope "tim_pemantau_kelola")."""
        return istimewa() or bool(konteks().kepala_unit)

    # -- lookups: members are chosen among the employees the user may appoint -------------------
    @expose("/lookup/<col>")
    @has_access_api
    def lookup(self, col):
        if col == "unit_kerja":
            stmt = select(UnitKerja).where(UnitKerja.aktif.is_(True))
            if not istimewa():
                stmt = stmt.where(UnitKerja.id == (unit_dipimpin_id() or -1))
            return _lookup_json(stmt, UnitKerja.nama, _label_unit)
        if col == "pegawai":
            stmt = select(Pegawai).where(Pegawai.status == "aktif")
            if not istimewa():
                dipimpin = unit_dipimpin_id()
                pohon = q_pantau.Pohon.muat()
                sub = [u for u in pohon.induk if dipimpin and pohon.di_bawah(u, dipimpin)]
                stmt = stmt.where(Pegawai.unit_kerja_id.in_(sub))
            return _lookup_json(stmt, Pegawai.nama, label_pegawai_unit)
        abort(404)

    # -- forms -----------------------------------------------------------------------------------
    def prefill_form(self, form, pk):
        tim = db.session.get(TimPemantau, pk)
        form.anggota_isian.isi([(a.pegawai, a.peran) for a in tim.anggota])

    def pre_add(self, item):
        try:
            q_pantau.buat_tim(item, getattr(item, "_anggota_isian", []))
        except Exception:
            db.session.rollback()
            raise

    def pre_update(self, item):
        q_pantau.ubah_tim(item, getattr(item, "_anggota_isian", []))

    def pre_delete(self, item):
        q_pantau.hapus_tim(item)  # TimTerpakai (a Ditolak): FAB flashes its message and deletes nothing

    def tulis_ekspor(self, ids, pengekspor: str):
        return q_pantau.register_tim(ids, pengekspor=pengekspor)

    # -- "Bagi unit ke tim" ----------------------------------------------------------------------
    @action("bagi_unit", "Bagi unit ke tim", icon="fa-random", multiple=True, single=False)
    def aksi_bagi_unit(self, items):
        salah = [t.nama for t in items if t.level != LevelTim.KOTA.value or not t.aktif]
        if salah:
            flash(
                "Pembagian unit hanya untuk tim tingkat kota/kabupaten yang aktif: " + ", ".join(salah) + ".", "danger"
            )
            return redirect(url_for(f"{self.endpoint}.list"))
        if len({t.instansi_id for t in items}) != 1:
            flash("Tim yang dipilih harus berasal dari satu instansi.", "danger")
            return redirect(url_for(f"{self.endpoint}.list"))
        tahun, semester = q_pantau.periode_berjalan()
        return self._tampilkan_usulan(items, tahun, semester, None)

    def _tampilkan_usulan(self, items, tahun, semester, pd_ids):
        usulan = q_pantau.hitung_usulan(items, tahun, semester, pd_ids)
        s = _serializer()
        ids = sorted(t.id for t in items)
        return self.render_template(
            "kinerja/pemantauan/bagi_unit.html",
            title="Bagi Unit ke Tim Pemantau",
            usulan=usulan,
            tim=sorted(items, key=lambda t: t.nama),
            token_tim=s.dumps({"tim": ids}),
            token_simpan=s.dumps(
                {"tim": ids, "tahun": tahun, "semester": semester, "pd": pd_ids or [], "tanda": usulan.tanda}
            ),
            pilihan_pd=q_pantau.perangkat_daerah(items[0].instansi_id),
            pd_terpilih=set(pd_ids or []),
            perubahan=usulan.perubahan(),
        )

    def _tim_dari_token(self, data) -> list[TimPemantau]:
        ids = data.get("tim") or []
        rows = db.session.scalars(
            select(TimPemantau).where(TimPemantau.id.in_(ids)).where(cakupan_aktif("tim_pemantau_kelola"))
        ).all()
        if not ids or len(rows) != len(set(ids)):
            abort(404)
        if any(t.level != LevelTim.KOTA.value or not t.aktif for t in rows):
            abort(400)
        return rows

    @expose("/bagi_unit/", methods=["POST"])
    @has_access
    def bagi_unit_proses(self):
        """``langkah=lihat``: recompute the proposal for the chosen semester/units; ``langkah=simpan``: save."""
        s = _serializer()
        langkah = request.form.get("langkah")
        try:
            if langkah == "simpan":
                data = s.loads(request.form.get("token", ""), max_age=3600)
            else:
                data = s.loads(request.form.get("token", ""), max_age=86400)
        except BadSignature:
            flash("Formulir pembagian unit tidak sah atau kedaluwarsa; ulangi dari daftar tim.", "danger")
            return redirect(url_for(f"{self.endpoint}.list"))
        items = self._tim_dari_token(data)
        if langkah == "simpan":
            tahun, semester, pd_ids = int(data["tahun"]), int(data["semester"]), data.get("pd") or None
            usulan = q_pantau.hitung_usulan(items, tahun, semester, pd_ids)
            if usulan.tanda != data.get("tanda"):
                flash(
                    "Data unit, pegawai atau tim berubah sejak usulan ditampilkan; periksa usulan terbaru lalu "
                    "simpan kembali.",
                    "warning",
                )
                return self._tampilkan_usulan(items, tahun, semester, pd_ids)
            with transaksi():
                sebelum = {str(k): v for k, v in sorted(usulan.lama.items())}
                n = q_pantau.simpan_usulan(usulan)
                catat(
                    "penugasan_tim",
                    None,
                    "ubah",
                    sebelum={"tahun": tahun, "semester": semester, "penugasan": sebelum},
                    sesudah={
                        "tahun": tahun,
                        "semester": semester,
                        "penugasan": {str(k): v for k, v in sorted(usulan.penugasan.items())},
                    },
                )
            ubah = usulan.perubahan()
            flash(
                f"Pembagian semester {semester} tahun {tahun} disimpan: {n} unit ditugaskan ({ubah['tetap']} tetap, "
                f"{ubah['pindah']} pindah, {ubah['baru']} baru)"
                + (f", {len(usulan.tidak_dapat)} unit tidak dapat ditugaskan." if usulan.tidak_dapat else "."),
                "success",
            )
            return redirect(url_for("PenugasanTimView.list", _flt_0_tahun=tahun, _flt_0_semester=semester))
        tahun, semester = _periode_args()
        try:
            pd_ids = sorted({int(x) for x in request.form.getlist("pd")}) or None
        except ValueError:
            abort(400)
        return self._tampilkan_usulan(items, tahun, semester, pd_ids)

    # -- "Usulkan anggota" -------------------------------------------------------------------------
    @expose("/usulkan/")
    @has_access
    def usulkan(self):
        """Propose an eligible unit-level team from the unit's staff; the page posts to the add form."""
        boleh_semua = istimewa()
        try:
            unit_id = int(request.args.get("unit_kerja") or 0) or None
            jumlah = int(request.args.get("jumlah") or 0) or None
        except ValueError:
            abort(400)
        if not boleh_semua:
            dipimpin = unit_dipimpin_id()
            if dipimpin is None:
                flash("Hanya kepala unit kerja yang dapat membentuk tim tingkat unit kerja.", "danger")
                return redirect(url_for(f"{self.endpoint}.list"))
            if unit_id not in (None, dipimpin):
                abort(404)
            unit_id = dipimpin
        unit = db.session.get(UnitKerja, unit_id) if unit_id else None
        if unit_id and unit is None:
            abort(404)
        usulan, galat = [], None
        if unit is not None:
            try:
                usulan = q_pantau.usulan_anggota_unit(unit.id, jumlah)
            except ValueError as e:
                galat = str(e)
        return self.render_template(
            "kinerja/pemantauan/usulkan.html",
            title="Usulkan Anggota Tim Tingkat Unit Kerja",
            unit=unit,
            usulan=usulan,
            galat=galat,
            istimewa=boleh_semua,
            jumlah=jumlah,
            peran=PeranTim.choices(),
            hari_ini=jam.hari_ini(),
        )


# ------------------------------------------------------------------------------------------------
# Assignments, monitoring visits, supervisors' monitoring
# ------------------------------------------------------------------------------------------------


def _label_tim(t) -> str:
    return t.nama


class PenugasanTimView(KinerjaModelView):
    route_base = "/penugasantim"
    scope_resource = "penugasan_tim"
    datamodel = EagerSQLAInterface(PenugasanTim, eager=("unit_kerja", "tim"))
    base_permissions = ["can_list", "can_show", "can_export"]
    list_title = show_title = "Penugasan Tim Pemantau per Semester"
    label_columns = LABEL
    list_columns = ["tahun", "semester", "unit_kerja", "jumlah_pegawai", "tim"]
    show_columns = list_columns
    search_columns = ["tahun", "semester", "tim"]
    order_columns = ["tahun", "semester", "jumlah_pegawai"]
    base_order = ("tahun", "desc")
    export_title = "Register Penugasan Tim Pemantau"
    # the team filter offers the teams of the rows the user reads, never every team
    lookup_columns = {"tim": (TimPemantau, TimPemantau.nama, _label_tim, PenugasanTim.tim_id)}
    search_form_extra_fields = {
        "tim": AjaxSelectField(
            "Tim Pemantau", model=TimPemantau, endpoint="PenugasanTimView.lookup", column="tim", label_fn=_label_tim
        )
    }

    def tulis_ekspor(self, ids, pengekspor: str):
        return q_pantau.register_penugasan(ids, pengekspor=pengekspor)


def _tim_pilihan(form=None, field=None):
    stmt = (
        select(TimPemantau.id, TimPemantau.nama)
        .where(TimPemantau.aktif.is_(True))
        .where(tim_anggota_clause())
        .order_by(TimPemantau.nama)
    )
    return [("", "—")] + [(str(i), n) for i, n in db.session.execute(stmt).all()]


def _validasi_unit_pantau(form, field):
    if field.data is None or form.tanggal.data is None or not form.tim_id.data:
        return
    tim = db.session.scalar(
        select(TimPemantau).where(TimPemantau.id == int(form.tim_id.data)).where(tim_anggota_clause())
    )
    if tim is None:
        raise ValidationError("Anda bukan anggota tim tersebut.")
    if not q_pantau.unit_boleh_dipantau(tim, field.data.id, form.tanggal.data):
        raise ValidationError(
            f"{field.data.nama} tidak ditugaskan kepada {tim.nama} pada semester "
            f"{q_pantau.semester_dari(form.tanggal.data)} tahun {form.tanggal.data.year}."
        )


def _validasi_tanggal(form, field):
    if field.data and field.data > jam.hari_ini():
        raise ValidationError("Tanggal pemantauan tidak boleh melewati hari ini.")


class TimSelectField(SelectField):
    """The teams the user belongs to (choices computed per request); stores the id."""

    def __init__(self, label=None, validators=None, **kw):
        super().__init__(label, validators, choices=_tim_pilihan, coerce=lambda v: str(v) if v else "", **kw)

    def pre_validate(self, form):
        if self.data and self.data not in {v for v, _ in _tim_pilihan()}:
            raise ValidationError("Pilih tim aktif yang Anda menjadi anggotanya.")

    def populate_obj(self, obj, name):
        setattr(obj, name, int(self.data) if self.data else None)


class PemantauanView(KinerjaModelView):
    cakupan_kelola = "pemantauan_kelola"  # edit/delete: the team's own members
    route_base = "/pemantauan"
    scope_resource = "pemantauan"
    datamodel = EagerSQLAInterface(Pemantauan, eager=("tim", "unit_kerja"))
    list_title = show_title = "Kunjungan Pemantauan Tim"
    add_title = "Catat Pemantauan"
    edit_title = "Ubah Catatan Pemantauan"
    label_columns = LABEL
    list_columns = ["tanggal", "tim", "unit_kerja", "jumlah_skp_direviu", "rekomendasi_perubahan_skp"]
    show_columns = [
        "tanggal",
        "tim",
        "unit_kerja",
        "jumlah_skp_direviu",
        "temuan",
        "rekomendasi",
        "rekomendasi_perubahan_skp",
        "dicatat_oleh",
    ]
    add_columns = edit_columns = [
        "tim_id",
        "unit_kerja",
        "tanggal",
        "jumlah_skp_direviu",
        "temuan",
        "rekomendasi",
        "rekomendasi_perubahan_skp",
    ]
    search_columns = ["tanggal", "tim", "rekomendasi_perubahan_skp"]
    order_columns = ["tanggal", "jumlah_skp_direviu"]
    base_order = ("tanggal", "desc")
    lookup_columns = {
        "unit_kerja": (UnitKerja, UnitKerja.nama, _label_unit, "kandidat_unit_dipantau"),
        "tim": (TimPemantau, TimPemantau.nama, _label_tim, Pemantauan.tim_id),  # teams of the visits read
    }
    search_form_extra_fields = {
        "tim": AjaxSelectField(
            "Tim Pemantau", model=TimPemantau, endpoint="PemantauanView.lookup", column="tim", label_fn=_label_tim
        )
    }

    add_form_extra_fields = edit_form_extra_fields = {
        "tim_id": TimSelectField("Tim Pemantau", [DataRequired("Wajib dipilih.")]),
        "unit_kerja": AjaxSelectField(
            "Unit Kerja",
            [DataRequired("Wajib diisi."), _validasi_unit_pantau],
            model=UnitKerja,
            endpoint="PemantauanView.lookup",
            column="unit_kerja",
            label_fn=_label_unit,
            description="Unit yang ditugaskan kepada tim pada semester tanggal pemantauan.",
        ),
        "jumlah_skp_direviu": IntegerField(
            "Jumlah SKP Direviu", [Optional(), NumberRange(min=0, message="Tidak boleh negatif.")], default=0
        ),
        "rekomendasi_perubahan_skp": BooleanField(
            "Merekomendasikan Perubahan SKP",
            description="Hasil pemantauan dapat memuat rekomendasi perubahan SKP "
            "(000 Pasal 10(6)); pejabat penilai melihatnya.",
        ),
    }
    validators_columns = {"tanggal": [DataRequired("Tanggal wajib diisi."), _validasi_tanggal]}

    def prefill_form(self, form, pk):
        form.tim_id.data = str(db.session.get(Pemantauan, pk).tim_id)

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


def _validasi_bawahan(form, field):
    k = konteks()
    if field.data is None:
        return
    ok = (
        k.jabatan_id
        and db.session.scalar(
            select(Jabatan.id).where(Jabatan.id == field.data.jabatan_id, Jabatan.atasan_id == k.jabatan_id)
        )
        is not None
    )
    if not ok:
        raise ValidationError(f"{field.data.nama} bukan bawahan langsung Anda.")


class PemantauanPegawaiView(KinerjaModelView):
    route_base = "/pemantauanbawahan"
    scope_resource = "pemantauan_pegawai"
    datamodel = EagerSQLAInterface(PemantauanPegawai, eager=("pemantau", "pegawai"))
    list_title = show_title = "Pemantauan Kinerja Bawahan"
    list_template = "kinerja/pemantauan/list_bawahan.html"
    add_title = "Catat Pemantauan Bawahan"
    label_columns = LABEL
    list_columns = ["tanggal", "pemantau", "pegawai", "catatan"]
    show_columns = list_columns
    add_columns = edit_columns = ["pegawai", "tanggal", "catatan"]
    search_columns = ["tanggal"]
    order_columns = ["tanggal"]
    base_order = ("tanggal", "desc")
    lookup_columns = {"pegawai": (Pegawai, Pegawai.nama, label_pegawai_unit, "bawahan")}
    add_form_extra_fields = edit_form_extra_fields = {
        "pegawai": AjaxSelectField(
            "Pegawai yang Dipantau",
            [DataRequired("Wajib diisi."), _validasi_bawahan],
            model=Pegawai,
            endpoint="PemantauanPegawaiView.lookup",
            column="pegawai",
            label_fn=label_pegawai_unit,
            description="Bawahan langsung; paling kurang sekali setiap semester (000 Pasal 10(1)).",
        )
    }
    validators_columns = {"tanggal": [DataRequired("Tanggal wajib diisi."), _validasi_tanggal]}
    export_title = "Register Pemantauan Bawahan"
    method_permission_name = {**KinerjaModelView.method_permission_name, "status": "list"}

    @expose("/lookup/<col>")
    @has_access_api
    def lookup(self, col):
        if col != "pegawai":
            abort(404)
        k = konteks()
        # direct subordinates, and only through a role that grants this view (cakupan "bawahan")
        stmt = (
            select(Pegawai)
            .join(Jabatan, Jabatan.id == Pegawai.jabatan_id)
            .where(Jabatan.atasan_id == (k.jabatan_id or -1), cakupan_aktif("bawahan"))
        )
        return _lookup_json(stmt, Pegawai.nama, label_pegawai_unit)

    @expose("/status/")
    @has_access
    def status(self):
        """The logged-in supervisor's subordinates this semester: not yet monitored first."""
        tahun, semester = _periode_args()
        k = konteks()
        rows = q_pantau.bawahan_belum_dipantau(k.jabatan_id or -1, tahun, semester)
        return self.render_template(
            "kinerja/pemantauan/status_bawahan.html",
            title="Status Pemantauan Bawahan",
            rows=rows,
            tahun=tahun,
            semester=semester,
        )

    def pre_add(self, item):
        item.pemantau_id = konteks().pegawai_id
        db.session.add(item)
        db.session.flush()
        catat(
            "pemantauan_pegawai",
            item.id,
            "tambah",
            sesudah={"pemantau_id": item.pemantau_id, "pegawai_id": item.pegawai_id, "tanggal": item.tanggal},
        )
        q_pantau.tandai_berubah(item)

    def _cek_milik(self, pk):
        k = konteks()
        try:
            pk = int(pk)
        except (TypeError, ValueError):
            abort(404)
        row = db.session.get(PemantauanPegawai, pk)
        if row is None or (row.pemantau_id != k.pegawai_id and R.ADMIN not in k.role_names):
            abort(404)

    def _edit(self, pk):
        self._cek_milik(pk)
        return super()._edit(pk)

    def _delete(self, pk):
        self._cek_milik(pk)
        return super()._delete(pk)

    def pre_update(self, item):
        catat(
            "pemantauan_pegawai",
            item.id,
            "ubah",
            sesudah={
                "pegawai_id": item.pegawai_id if item.pegawai_id else getattr(item.pegawai, "id", None),
                "tanggal": item.tanggal,
                "catatan": item.catatan,
            },
        )
        q_pantau.tandai_berubah(item)

    def pre_delete(self, item):
        catat("pemantauan_pegawai", item.id, "hapus", sebelum={"pegawai_id": item.pegawai_id, "tanggal": item.tanggal})
        q_pantau.tandai_berubah(item)

    # committed: the supervisors' coverage of the semester is refreshed in the background
    def post_add(self, item):
        q_pantau.antrekan_yang_berubah()

    post_update = post_delete = post_add


# ------------------------------------------------------------------------------------------------
# Pages: the units I monitor; coverage
# ------------------------------------------------------------------------------------------------


class UnitDipantauView(BaseView):
    route_base = "/unitdipantau"
    default_view = "daftar"
    method_permission_name = {"daftar": "list"}

    @expose("/")
    @has_access
    def daftar(self):
        tahun, semester = _periode_args()
        page = _page_arg()
        k = konteks()
        units = unit_dipantau(k, tahun, semester)
        ringkas, n_unit, n_dipantau, per = q_pantau.cakupan_unit(tahun, semester, page_size=None, unit_ids=units)
        pegawai, total = q_pantau.pegawai_unit(units, page=page, page_size=50)
        return self.render_template(
            "kinerja/pemantauan/unit_dipantau.html",
            title="Unit yang Saya Pantau",
            tahun=tahun,
            semester=semester,
            units=ringkas,
            pegawai=pegawai,
            total=total,
            page=page,
            page_size=50,
            n_unit=n_unit,
            n_dipantau=n_dipantau,
            data_per=per,
        )


class CakupanPemantauanView(BaseView):
    route_base = "/cakupanpemantauan"
    default_view = "unit"
    method_permission_name = {
        "unit": "list",
        "atasan": "list",
        "ekspor_unit": "export",
        "ekspor_atasan": "export",
        "hitung_ulang": "hitung_ulang",
    }
    page_size = 50

    @expose("/unit/")
    @has_access
    def unit(self):
        tahun, semester = _periode_args()
        page = _page_arg()
        rows, total, dipantau, per = q_pantau.cakupan_unit(tahun, semester, page=page, page_size=self.page_size)
        return self.render_template(
            "kinerja/pemantauan/cakupan_unit.html",
            title="Cakupan Pemantauan Unit Kerja",
            rows=rows,
            total=total,
            dipantau=dipantau,
            tahun=tahun,
            semester=semester,
            page=page,
            page_size=self.page_size,
            data_per=per,
            boleh_hitung=self.appbuilder.sm.has_access("can_hitung_ulang", "CakupanPemantauanView"),
        )

    @expose("/atasan/")
    @has_access
    def atasan(self):
        tahun, semester = _periode_args()
        page = _page_arg()
        rows, total, lengkap, per = q_pantau.cakupan_atasan(tahun, semester, page=page, page_size=self.page_size)
        return self.render_template(
            "kinerja/pemantauan/cakupan_atasan.html",
            title="Pemantauan Bawahan oleh Pejabat Penilai",
            rows=rows,
            total=total,
            lengkap=lengkap,
            tahun=tahun,
            semester=semester,
            page=page,
            page_size=self.page_size,
            data_per=per,
            boleh_hitung=self.appbuilder.sm.has_access("can_hitung_ulang", "CakupanPemantauanView"),
        )

    @expose("/hitung_ulang/", methods=["POST"])
    @has_access
    def hitung_ulang(self):
        """The "Hitung ulang sekarang" button: the semester's summary recomputed by a background job, whose progress
        page links back here; when a refresh of the semester already waits in the queue, back to the page."""
        tahun, semester = _periode_args()
        halaman = "atasan" if request.form.get("halaman") == "atasan" else "unit"
        kembali = url_for(f"CakupanPemantauanView.{halaman}", tahun=tahun, semester=semester)
        pid = q_pantau.antrekan_segarkan(tahun, semester, paksa=True, kembali=kembali)
        if pid is None:
            flash("Penghitungan ulang semester ini sudah dalam antrean; data diperbarui sebentar lagi.", "info")
            return redirect(kembali)
        return redirect(url_for("PekerjaanView.show", pid=pid))

    @expose("/unit/ekspor/")
    @has_access
    def ekspor_unit(self):
        tahun, semester = _periode_args()
        return _kirim_xlsx(
            q_pantau.ekspor_cakupan_unit(tahun, semester, g.user.username),
            f"cakupan-pemantauan-unit-{tahun}-s{semester}",
        )

    @expose("/atasan/ekspor/")
    @has_access
    def ekspor_atasan(self):
        tahun, semester = _periode_args()
        return _kirim_xlsx(
            q_pantau.ekspor_cakupan_atasan(tahun, semester, g.user.username),
            f"cakupan-pemantauan-atasan-{tahun}-s{semester}",
        )
