"""Shared view machinery: eager loading, scoped actions, AJAX selects, Excel export.

FAB applies ``base_filters`` to list/show/edit/delete and the REST API but **not** to
``@action``/``action_post`` (Flask-AppBuilder 5.3); ``ScopedActionsMixin`` re-fetches every
requested row through the filtered query in one statement, and refuses the whole
action (404) if any id is outside the user's scope.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from functools import partial

from flask import abort, current_app, flash, g, has_app_context, jsonify, redirect, request, send_file, url_for
from flask_appbuilder import ModelView
from flask_appbuilder.baseviews import expose
from flask_appbuilder.models.filters import BaseFilter
from flask_appbuilder.models.sqla.filters import (
    FilterContains,
    FilterEqual,
    FilterNotEqual,
    FilterStartsWith,
    SQLAFilterConverter,
)
from flask_appbuilder.models.sqla.interface import SQLAInterface
from flask_appbuilder.security.decorators import has_access, has_access_api
from flask_appbuilder.urltools import get_filter_args
from flask_appbuilder.widgets import RenderTemplateWidget, SearchWidget
from flask_babel import get_locale
from markupsafe import Markup, escape
from sqlalchemy import Boolean, Date, DateTime, Float, Integer, Numeric, String, asc, case, desc, func, literal, select
from sqlalchemy.orm import joinedload
from sqlalchemy.sql import operators
from wtforms import BooleanField, DateField, DateTimeField, Field, IntegerField, SelectField, StringField, TextAreaField
from wtforms.validators import Optional, StopValidation
from wtforms.widgets import html_params

from app import pekerjaan
from app.aksi import PESAN_BASI, DataBasi, Ditolak, bilangan_atau, transaksi
from app.excel.tulis import XLSX_MIME, Kolom, pantau_baris, tulis_register
from app.extensions import db
from app.format import KOSONG, angka, kolom_nomor, label, nilai, tanggal, waktu, ya_tidak
from app.parameter_daftar import PESAN_FILTER, int_dalam
from app.security.roles import OPS
from app.security.scope import clause_for, kosong_pasti, op_seluas_baca, resource_view, scope_filters
from app.views.fields import pilihan
from app.views.parameter import ParameterDaftarMixin
from schema.models import Pegawai, UnitKerja

PAGE_SIZE_LOOKUP = 20
PANJANG_CARI_MAKS = 100  # characters of a quick search kept (a name or an 18-digit NIP fits many times)


def cocok_nama_nip(q: str, nama, nip):
    """``q`` anywhere in the name (any case), or — typed as digits, spaces allowed ("19850101 200501 1 001") —
    anywhere in the NIP: a surname, a middle name or part of a NIP finds the person.

    One or the other, never ``nama OR nip``: a name holds no digit, and on PostgreSQL the name's ILIKE '%…%' stays
    served by the trigram indexes of revision 0006 (pegawai.nama, skp.pegawai_nama), which an OR with the
    unindexed NIP pattern would turn into a full scan."""
    angka_saja = q.replace(" ", "")
    if angka_saja.isascii() and angka_saja.isdigit():
        return nip.contains(angka_saja, autoescape=True)
    return nama.icontains(q, autoescape=True)


def cocok_pegawai(q: str):
    return cocok_nama_nip(q, Pegawai.nama, Pegawai.nip)


def kolom_nama_nip(col: str) -> bool:
    """A column holding a person's (or unit's) name or a NIP, searched "contains" by default."""
    return col in ("nama", "nip") or col.endswith(("_nama", "_nip"))


def coba_transaksi(aksi, saat_batal=None):
    """``aksi()`` as one transaction (``app.aksi.transaksi``): ``(result, None)`` after the commit, or
    ``(None, refusal)`` after the rollback when it raised a ``Ditolak``. For views that show a refusal in
    their own way (the form again, a warning); the others use ``satu_transaksi``."""
    try:
        with transaksi(saat_batal):
            return aksi(), None
    except Ditolak as e:
        return None, e


def basi(e: Ditolak) -> bool:
    """A refusal because someone else saved first: the page must be reloaded, never re-shown with the input."""
    return isinstance(e, DataBasi) or str(e) == PESAN_BASI


def satu_transaksi(aksi, pesan="", saat_batal=None):
    """One user action = one transaction: ``aksi()``, commit, flash ``pesan`` (success; a callable gets the
    result; empty = no message) and return the result. A refusal (``Ditolak``, a stale row included) has been
    rolled back (``saat_batal`` run, e.g. removing uploaded files): its message is flashed, None returned."""
    hasil, galat = coba_transaksi(aksi, saat_batal)
    if galat is not None:
        flash(str(galat), "danger")
        return None
    if pesan:
        flash(pesan(hasil) if callable(pesan) else pesan, "success")
    return hasil


def cakupan_aktif(resource: str):
    """``clause_for(resource)`` for the operation this request performs: the matrix resource of the view serving
    it and the permission of its endpoint (``/pelaksanaan/skp/<pk>`` reads SKP rows through the roles that grant
    reading *documentation*, not through a role that reads every SKP for master-data work)."""
    fn = current_app.view_functions.get(request.endpoint or "")
    view = getattr(fn, "__self__", None)
    izin = getattr(view, "izin_resource", "") or resource_view(type(view).__name__ if view else "")
    if not izin:
        return clause_for(resource)
    metode = request.endpoint.rsplit(".", 1)[-1]
    nama = (view.method_permission_name or {}).get(metode) or getattr(
        getattr(view, metode, None), "_permission_name", metode
    )
    return clause_for(resource, izin=izin, op=op_izin(nama if nama.startswith("can_") else f"can_{nama}"))


class KonverterFilter(SQLAFilterConverter):
    """FAB's text filters with "Mengandung" (contains) first on name and NIP columns.

    FAB's search form offers a column's filters in list order and preselects the first, "Diawali dengan" (starts
    with): a surname found nothing. Contains and starts-with swap places (indexes 0 and 2), so every other filter
    keeps its ``_flt_<i>_`` index; the list parameters are still checked against this list (app/views/parameter.py).
    """

    def convert(self, col_name):
        # FAB builds a Filters object three times per list request (joined, count, page), each converting every
        # column of the model (0.5 ms for SKP's 53): the conversion depends on the column alone, so it is kept on
        # the datamodel. Filter instances hold no request state (FAB shares a view's search filters the same
        # way); the list is a copy, as Filters extends it in place with a view's search_filters.
        simpanan = self.datamodel.__dict__.setdefault("_kinerja_filter_kolom", {})
        kunci = (type(self), col_name)
        if kunci not in simpanan:
            simpanan[kunci] = self._ubah(col_name)
        hasil = simpanan[kunci]
        return None if hasil is None else list(hasil)

    def _ubah(self, col_name):
        if enum_kolom(self.datamodel.obj, col_name) is not None:
            # a code column (``enum_col``): "sama dengan"/"tidak sama dengan" over the codes, chosen from the
            # labels (KinerjaModelView._pilihan_cari); an equality uses the column's index where ILIKE 'x%' read
            # every row (the filtered register export counted 50 000 rows to find 400)
            return [FilterEqual(col_name, self.datamodel), FilterNotEqual(col_name, self.datamodel)]
        hasil = super().convert(col_name)
        if (
            hasil
            and kolom_nama_nip(col_name)
            and len(hasil) > 2
            and isinstance(hasil[0], FilterStartsWith)
            and isinstance(hasil[2], FilterContains)
        ):
            hasil[0], hasil[2] = hasil[2], hasil[0]
        return hasil


def _tanpa_indeks(klausa):
    """``klausa`` (an ORDER BY term) on a text column → the same order over ``column || ''``; others unchanged."""
    unsur = getattr(klausa, "element", None)
    if unsur is None or not isinstance(getattr(unsur, "type", None), String):
        return klausa
    ganti = unsur.op("||")(literal("", String))
    return desc(ganti) if getattr(klausa, "modifier", None) is operators.desc_op else asc(ganti)


def batas_hitung() -> int | None:
    """``BATAS_HITUNG_DAFTAR`` of the running app (None outside a request or when 0: exact counts)."""
    if not has_app_context():
        return None
    return int(current_app.config.get("BATAS_HITUNG_DAFTAR") or 0) or None


class EagerSQLAInterface(SQLAInterface):
    """Datamodel whose list query eager-loads the given relations (dotted for nested): no N+1."""

    filter_converter_class = KonverterFilter

    def __init__(self, obj, session=None, eager: tuple[str, ...] = ()):
        super().__init__(obj, session)
        self.eager = eager

    def _eager_options(self):
        opts = []
        for path in self.eager:
            model, loader = self.obj, None
            for part in path.split("."):
                attr = getattr(model, part)
                loader = joinedload(attr) if loader is None else loader.joinedload(attr)
                model = attr.property.mapper.class_
            opts.append(loader)
        return opts

    def query_count(self, query, filters=None, select_columns=None) -> int:
        """Rows of the list, counted exactly up to ``BATAS_HITUNG_DAFTAR`` (config) and no further: a
        ministry's unfiltered list (1 000 000 employees) would otherwise read every row for a number nobody
        pages through. Past the bound the page says "lebih dari …" and the pager ends there (``apply_pagination``):
        the user narrows with the search instead. Estimated counts were rejected: the planner's guess for a
        name search can be off by orders of magnitude, and a wrong number that looks exact misleads."""
        q = self._apply_inner_all(query, filters, select_columns=select_columns, aliases_mapping={})
        batas = batas_hitung()
        if not batas:
            return q.count()
        n = q.limit(batas + 1).count()  # SELECT count(*) FROM (… LIMIT batas + 1): reads at most that many rows
        g.kinerja_hitung_terbatas = batas if n > batas else None  # read by the list header (base_list.html)
        # every matching row was just found (no more than the bound): the page sorts those rather than walking the
        # sort column's index past rows the filter rejects — a name search for "Sri" among 1 000 000 employees
        # ordered by name read 790 000 index entries before its 25th match (0,5 s → 20 ms); ``apply_order_by``
        g.kinerja_urut_setelah_saring = n <= batas
        return min(n, batas)

    def apply_order_by(self, query, order_column, order_direction, *a, **kw):
        query = super().apply_order_by(query, order_column, order_direction, *a, **kw)
        if not (has_app_context() and g.get("kinerja_urut_setelah_saring")) or not query._order_by_clauses:
            return query
        # the same order through an expression no index provides (text || '' keeps the collation's order)
        return query.order_by(None).order_by(*[_tanpa_indeks(c) for c in query._order_by_clauses])

    def apply_pagination(self, query, page, page_size):
        batas = batas_hitung()
        if batas and page and page_size and page * page_size >= batas:
            page = max(0, (batas - 1) // page_size)  # a page_ past the bound: its last page, not a deep OFFSET
        return super().apply_pagination(query, page, page_size)

    def query(
        self,
        filters=None,
        order_column="",
        order_direction="",
        page=None,
        page_size=None,
        select_columns=None,
        outer_default_load=False,
    ):
        query = self.session.query(self.obj)
        count = self.query_count(query, filters, select_columns)
        baris = g.pop("kinerja_baris_kelola", None) if has_app_context() and not select_columns else None
        if baris is not None and baris.tanya:
            # the list's edit/delete buttons (BarisKelola): one CASE column per operation on the page query itself
            query = query.add_columns(*[case((c, 1), else_=0) for c in baris.tanya.values()])
        query = self.apply_all(query, filters, order_column, order_direction, page, page_size, select_columns)
        rows = query.options(*self._eager_options()).all()
        if has_app_context():  # request-local (the datamodel is shared by threads); this page only
            g.kinerja_urut_setelah_saring = False
        if baris is None or not baris.tanya:
            return count, rows
        baris.isi([(r[0].id, r[1:]) for r in rows])
        return count, [r[0] for r in rows]


def op_izin(permission: str) -> str:
    """FAB permission name → operation for ``clause_for``: ``can_delete`` → ``"d"``, ``can_tetapkan`` → ``"+tetapkan"``."""
    for huruf, (view_perm, api_perm) in OPS.items():
        if permission in (view_perm, api_perm):
            return huruf
    return "+" + permission.removeprefix("can_")


class ScopedActionsMixin:
    """Actions fetch through the scope, all ids in one query (set-based, and no IDOR)."""

    scope_resource: str = ""
    izin_resource: str = ""  # matrix resource whose permissions this view checks (derived from RESOURCES)

    def _scoped_items(self, pks, op: str = "ls"):
        model = self.datamodel.obj
        ids = []
        for pk in pks:
            try:
                ids.append(int(pk))
            except (TypeError, ValueError):
                abort(404)
        rows = db.session.scalars(
            select(model)
            .where(model.id.in_(ids))
            .where(clause_for(self.scope_resource, izin=self.izin_resource, op=op))
        ).all()
        if len(rows) != len(set(ids)):
            abort(404)
        return rows

    @expose("/action/<string:name>/<pk>", methods=["GET"])
    def action(self, name, pk):
        abort(405)  # single-row GET actions are mutations without CSRF: use the list's action_post

    @expose("/download/<string:filename>")
    @has_access
    def download(self, filename):
        # FAB's FileColumn download: no model has one (uploads: app/berkas.py); FAB's answered 500 on a bad name
        abort(404)

    @expose("/action_post", methods=["POST"])
    def action_post(self):
        name = request.form.get("action", "")
        action = self.actions.get(name)
        if action is None:
            abort(404)
        if not self.appbuilder.sm.has_access(self.get_action_permission_name(name), self.class_permission_name):
            abort(403)
        # the rows of the roles that grant this action (not every role's reading scope)
        items = self._scoped_items(request.form.getlist("rowid"), op=op_izin(self.get_action_permission_name(name)))
        return action.func(items)


class AjaxSelectWidget:
    """A <select> holding only the current option; kinerja.js turns it into Select2 AJAX mode."""

    def __call__(self, field, **kwargs):
        kwargs.setdefault("id", field.id)
        kwargs["class"] = (kwargs.get("class", "") + " form-control kinerja-ajax").strip()
        kwargs["data-url"] = field.lookup_url()
        kwargs["data-placeholder"] = "Ketik untuk mencari…"
        opts = '<option value=""></option>'
        if field.data is not None:
            opts += f'<option value="{field.data.id}" selected>{escape(field.label_fn(field.data))}</option>'
        return Markup(f"<select {html_params(name=field.name, **kwargs)}>{opts}</select>")


class AjaxSelectField(Field):
    """Relation field for big tables: validates the one submitted id with one query (the Flask-AppBuilder 5.3 recipe)."""

    widget = AjaxSelectWidget()

    def __init__(
        self, label=None, validators=None, model=None, endpoint: str = "", column: str = "", label_fn=str, **kwargs
    ):
        super().__init__(label, validators, **kwargs)
        self.model, self.endpoint, self.column, self.label_fn = model, endpoint, column, label_fn

    def lookup_url(self) -> str:

        return url_for(self.endpoint, col=self.column)

    def _value(self):
        return str(self.data.id) if self.data is not None else ""

    def process_formdata(self, valuelist):
        self.data = None
        if valuelist and valuelist[0]:
            try:
                pk = int(valuelist[0])
            except ValueError:
                raise ValueError("Pilihan tidak valid.") from None
            obj = db.session.get(self.model, pk)
            if obj is None:
                raise ValueError("Pilihan tidak valid.")
            self.data = obj

    def pre_validate(self, form):
        # an unknown id must be reported as such, not masked by DataRequired ("wajib diisi")
        if self.process_errors:
            raise StopValidation(self.process_errors[0])

    def populate_obj(self, obj, name):
        setattr(obj, name, self.data)


def jawab_lookup(stmt, search_col, label_fn):
    """JSON answer of an AjaxSelectField lookup: ``q`` anywhere in ``search_col`` (for people: the name or the
    NIP), ordered by it, ``PAGE_SIZE_LOOKUP`` options per page. ``stmt`` already holds the candidate scope."""
    q = (request.args.get("q") or "").strip()[:PANJANG_CARI_MAKS]
    page = max(bilangan_atau(request.args.get("page"), 1), 1)
    model = stmt.column_descriptions[0]["entity"]
    if q:
        cocok = cocok_pegawai(q) if search_col is Pegawai.nama else search_col.icontains(q, autoescape=True)
        stmt = stmt.where(cocok)
    if model is Pegawai:  # the option label names the unit: loaded with the page, not once per option
        stmt = stmt.options(joinedload(Pegawai.unit_kerja))
    stmt = stmt.order_by(search_col, model.id).offset((page - 1) * PAGE_SIZE_LOOKUP).limit(PAGE_SIZE_LOOKUP + 1)
    rows = db.session.scalars(stmt).all()
    return jsonify(
        results=[{"id": r.id, "text": label_fn(r)} for r in rows[:PAGE_SIZE_LOOKUP]],
        pagination={"more": len(rows) > PAGE_SIZE_LOOKUP},
    )


class LookupMixin:
    """``/lookup/<col>`` JSON endpoint for AjaxSelectField: paged, ``q`` matched anywhere (``jawab_lookup``).

    Candidates pass a scope like every other row (no name harvesting through a form's lookup): the fourth
    element of a ``lookup_columns`` entry names a scope key of ``app.security.scope.SCOPES`` over the candidate
    model, taken from the user's roles that grant this view; or it is a foreign-key column of the view's own
    rows, and only the values the rows the user reads carry are offered (a list filter never offers more than
    its list shows); or the view narrows them in ``lookup_batas``.
    ``tests/keamanan/test_matriks_penuh.py`` checks that every lookup column does one of the two.
    """

    # col → (model, search column, label function[, candidate scope key | the view's own foreign-key column])
    lookup_columns: dict = {}

    def lookup_batas(self, model, stmt):
        """Hook: narrow the candidates (e.g. only employees whose SKP the user may see — no name harvesting)."""
        return stmt

    @expose("/lookup/<col>")
    @has_access_api
    def lookup(self, col):
        spec = self.lookup_columns.get(col)
        if spec is None:
            abort(404)
        model, search_col, label_fn, *kandidat = spec
        stmt = select(model)
        if kandidat and isinstance(kandidat[0], str):
            stmt = stmt.where(cakupan_aktif(kandidat[0]))
        elif kandidat:  # values of the view's rows in the user's scope
            stmt = stmt.where(model.id.in_(select(kandidat[0]).where(cakupan_aktif(self.scope_resource))))
        return jawab_lookup(self.lookup_batas(model, stmt), search_col, label_fn)


class ExportMixin:
    """``/ekspor/``: the list as a streamed Excel register, with the list's filters and the user's scope.

    Generic version for small tables (ORM rows, eager-loaded); big registers override
    ``tulis_ekspor`` with a Core query (see PegawaiView).
    """

    export_columns: list[str] | None = None
    export_title: str = ""

    def filtered_ids(self):
        """Subquery of the ids the list would show (search filters + base/scope filters), for exports."""
        # same as FAB's own _list(): the view's Filters object is reset from this request's args
        get_filter_args(self._filters)
        joined = self._filters.get_joined_filters(self._base_filters)
        return joined.apply_all(db.session.query(self.datamodel.obj.id)).subquery()

    def tulis_ekspor(self, ids, pengekspor: str):
        model = self.datamodel.obj
        cols = self.export_columns or self.list_columns
        kolom = [kolom_ekspor(model, c, str(self.label_columns.get(c, c))) for c in cols]
        stmt = (
            select(model)
            .where(model.id.in_(select(ids.c.id)))
            .order_by(model.id)
            .options(*self.datamodel._eager_options())
        )

        def baris():
            for obj in db.session.scalars(stmt.execution_options(yield_per=1000)):
                yield [_nilai(obj, c) for c in cols]

        return tulis_register(self.export_title or str(self.list_title), kolom, baris(), pengekspor=pengekspor)

    # Above this many rows the register is written by a background job with a progress page (never a browser
    # timeout at 50 000 rows); None = the app's EKSPOR_LATAR_AMBANG (config; tests set it to 0 to force it).
    ekspor_ambang_latar: int | None = None

    @expose("/ekspor/")
    @has_access
    def ekspor(self):
        ids = self.filtered_ids()
        nama = (self.export_title or self.__class__.__name__).lower().replace(" ", "-") + ".xlsx"
        ambang = self.ekspor_ambang_latar
        if ambang is None:
            ambang = current_app.config.get("EKSPOR_LATAR_AMBANG", 5000)
        jumlah = db.session.scalar(select(func.count()).select_from(ids)) if ambang is not None else 0
        if ambang is not None and jumlah > ambang:
            judul = f"Ekspor {self.export_title or self.list_title} ({angka(jumlah)} baris)"
            pid = pekerjaan.mulai(
                "ekspor",
                judul,
                ekspor_latar,
                self.endpoint,
                g.user.username,
                jumlah,
                nama,
                url_for(f"{self.endpoint}.list"),
            )
            return redirect(url_for("PekerjaanView.show", pid=pid))
        f = self.tulis_ekspor(ids, g.user.username)
        return send_file(f, mimetype=XLSX_MIME, as_attachment=True, download_name=nama)

    def render_template(self, template, **kwargs):
        if template == self.list_template and self.appbuilder.sm.has_access("can_export", self.class_permission_name):
            kwargs.setdefault("export_url", url_for(f"{self.endpoint}.ekspor", **request.args))
        return super().render_template(template, **kwargs)


def ekspor_latar(lapor, endpoint: str, pengekspor: str, jumlah: int, nama: str, kembali: str):
    """Background export, on any runner: the view found again by endpoint re-reads the owner's filters from
    the job's query string, then its own ``tulis_ekspor`` (same query, same scope); rows counted as written."""

    lapor(1, "Menyiapkan register")
    view = next(v for v in current_app.extensions["appbuilder"].baseviews if getattr(v, "endpoint", None) == endpoint)
    ids = view.filtered_ids()

    def pantau(n):
        if n is None:
            lapor(95, "Menyusun berkas Excel")
        else:
            lapor(2 + 92 * min(n, jumlah) // max(jumlah, 1), f"Menulis baris {angka(n)} dari {angka(jumlah)}")

    with pantau_baris(pantau):
        f = view.tulis_ekspor(ids, pengekspor)
    return pekerjaan.Hasil(
        berkas=f,
        nama_unduhan=nama,
        rincian={
            "baris": jumlah,
            "kembali": kembali,
            "ringkasan": f"Register berisi {angka(jumlah)} baris siap diunduh.",
        },
    )


def _nilai(obj, col: str):
    v = obj
    for part in col.split("."):
        v = getattr(v, part, None) if v is not None else None
    if v is None or isinstance(v, (str, int, float, Decimal, dt.date)):
        return v  # booleans and enum members are labelled by tulis_register
    return str(v)


def kolom_ekspor(model, col: str, judul: str) -> Kolom:
    """The register column of a list column: real dates and numbers, enum codes written as labels."""
    c = _kolom_model(model, col)
    if c is None:
        return Kolom(judul, 24)
    if isinstance(c.type, (Date, DateTime)):
        return Kolom(judul, 18, "tanggal")
    if isinstance(c.type, Integer) and kolom_nomor(c.name):
        return Kolom(judul, 10, "nomor")
    if isinstance(c.type, (Numeric, Integer)):
        return Kolom(judul, 14, "angka")
    return Kolom(judul, 24, enum=c.info.get("enum"))


# DateTime columns written by the system (naive UTC), shown converted to ZONA_WAKTU
KOLOM_WAKTU_SISTEM = frozenset(
    {
        "waktu",
        "dibuat_pada",
        "diubah_pada",
        "diperbarui_pada",
        "selesai_pada",
        "tanggal_diajukan",
        "tanggal_ditetapkan",
        "tanggal_ditandatangani",
        "dibuka_pada",
        "ditutup_pada",
        "tanggal_disposisi",
    }
)


class FilterCariCepat(BaseFilter):
    """Base filter of the quick search box (``?q=``, ``?unit=``): the view's ``syarat_cari`` on its list and its
    export, alongside the scope filter — so the row scope applies and no statement is added."""

    name = "Cari cepat"
    arg_name = "cari"

    def apply(self, query, value):
        view = value
        if request.endpoint not in (f"{view.endpoint}.list", f"{view.endpoint}.ekspor"):
            return query  # detail, edit and delete pages are never narrowed by a search left in the address
        syarat = view.syarat_cari()
        return query.filter(*syarat) if syarat else query


class CariCepatMixin:
    """One search box above a list: a name or NIP (``?q=``, "contains"), and optionally a unit kerja with its
    sub-units (``?unit=<id>``). A view opts in by answering ``klausa_cari``; ``klausa_unit`` adds the unit."""

    endpoint: str  # set by FAB's BaseView

    cari_label = "Cari nama atau NIP"

    def klausa_cari(self, q: str):
        """SQL clause over the view's model matching ``q``, or None (no quick search on this list)."""
        return None

    def klausa_unit(self, unit_id: int):
        """SQL clause over the view's model for a unit and its sub-units, or None (no unit filter)."""
        return None

    def args_cari(self) -> tuple[str, int | None]:
        q = (request.args.get("q") or "").strip()[:PANJANG_CARI_MAKS]
        if "\x00" in q:  # PostgreSQL text cannot hold NUL
            abort(400, description=PESAN_FILTER.format(kolom=self.cari_label))
        teks_unit = (request.args.get("unit") or "").strip()
        unit = int_dalam(teks_unit, 1, 2**31 - 1) if teks_unit else None
        if teks_unit and unit is None:
            abort(400, description=PESAN_FILTER.format(kolom="Unit Kerja"))
        return q, unit

    def syarat_cari(self) -> list:
        q, unit = self.args_cari()
        syarat = []
        if q and (c := self.klausa_cari(q)) is not None:
            syarat.append(c)
        if unit and (c := self.klausa_unit(unit)) is not None:
            syarat.append(c)
        return syarat

    def konteks_cari(self) -> dict | None:
        """What the list template's quick search box shows (None: the view has none)."""
        if self.klausa_cari("x") is None:
            return None
        q, unit_id = self.args_cari()
        punya_unit = self.klausa_unit(1) is not None and "unit_kerja" in getattr(self, "lookup_columns", {})
        # always one statement (a get() would be free when the page's rows happened to load that unit)
        nama_unit = (
            db.session.scalar(select(UnitKerja.nama_tampil).where(UnitKerja.id == unit_id))
            if punya_unit and unit_id
            else None
        )
        unit = {"id": unit_id, "nama": nama_unit} if nama_unit is not None else None
        lain = [
            (k, v) for k, vs in request.args.lists() if k not in ("q", "unit") and not k.startswith("page_") for v in vs
        ]
        return {
            "q": q,
            "label": self.cari_label,
            "unit_url": url_for(f"{self.endpoint}.lookup", col="unit_kerja") if punya_unit else None,
            "unit": unit,
            "lain": lain,
            "reset": url_for(f"{self.endpoint}.list") if (q or unit_id) else None,
        }


def _pasti_benar(c) -> bool:
    return getattr(c, "__visit_name__", None) == "true"


class BarisKelola:
    """Which rows of a list page get the edit/delete buttons: those of the roles that grant the operation
    (``clause_for(cakupan_kelola, op="e" | "d")``), the same check ``_edit``/``_delete`` make on click. Decided
    without a query where the roles say so (``op_seluas_baca``: one role reaches every row it reads, or each
    reading role edits through the same scope); otherwise the page query itself carries one CASE column per
    operation (``EagerSQLAInterface.query``): no statement added, none per row."""

    def __init__(self, view):
        self.boleh_op: dict[str, frozenset | None] = {}  # op → editable ids of the page (None: every row)
        self.tanya: dict[str, object] = {}  # op → clause the page query evaluates per row
        sm = view.appbuilder.sm
        for op, izin in (("e", "can_edit"), ("d", "can_delete")):
            if not sm.has_access(izin, view.class_permission_name):
                self.boleh_op[op] = frozenset()  # no button anyway (base_list.html)
                continue
            c = view.klausa_kelola(op)
            if _pasti_benar(c) or op_seluas_baca(
                view.scope_resource, izin=view.izin_resource, op=op, kelola=view.cakupan_kelola
            ):
                self.boleh_op[op] = None
            else:
                self.boleh_op[op] = frozenset()  # until the page query says which (none if it never ran)
                if not kosong_pasti(c):
                    self.tanya[op] = c

    def isi(self, baris) -> None:
        """``baris``: (id, CASE values in ``tanya`` order) of each row of the page."""
        for i, op in enumerate(self.tanya):
            self.boleh_op[op] = frozenset(pk for pk, nilai in baris if nilai[i])

    def boleh(self, op: str, pk) -> bool:
        ids = self.boleh_op[op]
        return ids is None or pk in ids


class SearchWidgetTetap(SearchWidget):
    """FAB's search widget, with what depends only on the view and the language computed once per app.

    FAB renders every search field and translates every filter name on every list request (≈ 1,5 ms, more than
    the page's rows). A fresh search form carries no data (FAB's ``_list`` passes ``search_form.refresh()``), so
    its fields' HTML is the same for every user — unless a field reads the database for its options (a
    QuerySelectField: options by row, possibly by scope) or has a computed default (``now``), which keeps the
    per-request rendering. The active filters (from the request) and the page's CSP nonce are never cached: the
    template still renders per request from the cached parts.
    """

    STATIS = (StringField, SelectField, IntegerField, BooleanField, DateField, DateTimeField, TextAreaField)

    def __call__(self, **kwargs):
        form, kolom = self.template_args["form"], self.template_args["include_cols"]
        simpanan = current_app.extensions.setdefault("kinerja_widget_cari", {})
        kunci = (self.template_args.get("route_base"), tuple(kolom), str(get_locale()))
        tetap = simpanan.get(kunci)
        if tetap is None:
            filters = self.template_args["filters"].get_search_filters()
            tetap = (
                {c: str(form[c].label.text) for c in kolom},
                {c: form[c]() for c in kolom},
                {c: [str(f.name) for f in filters[c]] for c in kolom},
            )
            if all(self._tetap(form[c]) for c in kolom):
                simpanan[kunci] = tetap
        kwargs["label_columns"], kwargs["form_fields"], kwargs["search_filters"] = tetap
        kwargs["active_filters"] = self.template_args["filters"].get_filters_values_tojson()
        return RenderTemplateWidget.__call__(self, **kwargs)

    @classmethod
    def _tetap(cls, field) -> bool:
        """Same HTML for every request: a static field type whose default is not computed (a stamp column's
        default ``now`` shows the current time)."""
        return (type(field) in cls.STATIS or isinstance(field, AjaxSelectField)) and not callable(field.default)


class KinerjaModelView(ParameterDaftarMixin, ScopedActionsMixin, LookupMixin, CariCepatMixin, ExportMixin, ModelView):
    """Base for every model view: scope filters, scoped actions, lookups, quick search, Excel export, Indonesian
    defaults."""

    page_size = 25
    list_template = "kinerja/list.html"
    search_widget = SearchWidgetTetap
    # own endpoints reuse the matrix's operations: export → can_export, tree/lookup → can_list
    method_permission_name = {"ekspor": "export", "pohon": "list", "lookup": "list"}

    def __init__(self, *a, **kw):
        if self.scope_resource:
            # rows come only from the roles that grant this view's own resource (its permissions)
            self.izin_resource = self.izin_resource or resource_view(type(self).__name__) or self.scope_resource
            self.base_filters = scope_filters(self.scope_resource, self.izin_resource) + list(self.base_filters or [])
        if self.klausa_cari("x") is not None:
            self.base_filters = list(self.base_filters or []) + [["id", FilterCariCepat, self]]
        super().__init__(*a, **kw)
        self._format_tampilan()
        self._judul_indonesia()

    def _pilihan_cari(self) -> None:
        """A code column searched by equality (KonverterFilter) is chosen from its labels, not typed."""
        extra = dict(getattr(self, "search_form_extra_fields", None) or {})
        for nama in self.search_columns or []:
            enum = enum_kolom(self.datamodel.obj, nama)
            if enum is not None and nama not in extra:
                extra[nama] = pilihan(str(self.label_columns.get(nama, nama)), enum, wajib=False)
        self.search_form_extra_fields = extra

    def render_template(self, template, **kwargs):
        if template == self.list_template:
            kwargs.setdefault("cari_cepat", self.konteks_cari())
        return super().render_template(template, **kwargs)

    # -- edit/delete: rows of the roles that grant the operation -------------------------------------------
    # FAB's edit/delete pages fetch through ``base_filters`` (the reading scope); a user whose reading role is
    # wider than their editing role (a unit head who is also a team member) must not edit through the former.
    cakupan_kelola: str = ""  # scope key of edits/deletes where narrower than reading (default: scope_resource)

    def klausa_kelola(self, op: str):
        """Rows the user may ``op`` ("e" | "d"): the OR of the manage scopes of the roles granting ``op``."""
        return clause_for(self.cakupan_kelola or self.scope_resource, izin=self.izin_resource, op=op)

    def _cek_kelola(self, pk, op: str) -> None:
        if not self.scope_resource:
            return
        c = self.klausa_kelola(op)
        if _pasti_benar(c):
            return  # the reading scope (base_filters) already bounds the row: no extra statement
        # ids beyond a 32-bit key cannot exist (PostgreSQL would refuse to compare them): 404 without a statement
        pk, model = int_dalam(pk, 1, 2**31 - 1), self.datamodel.obj
        if pk is None or kosong_pasti(c) or db.session.scalar(select(model.id).where(model.id == pk).where(c)) is None:
            abort(404)

    def _edit(self, pk):
        self._cek_kelola(pk, "e")
        return super()._edit(pk)

    def _delete(self, pk):
        self._cek_kelola(pk, "d")
        return super()._delete(pk)

    def _get_list_widget(self, filters, **kwargs):
        baris = BarisKelola(self) if self.scope_resource else None
        if baris is not None:
            g.kinerja_baris_kelola = baris  # read (and removed) by the page query, EagerSQLAInterface.query
        try:
            widgets = super()._get_list_widget(filters, **kwargs)
        finally:
            g.pop("kinerja_baris_kelola", None)
        if baris is not None:
            widgets["list"].template_args["baris_kelola"] = baris
        return widgets

    def _init_forms(self):
        """Every Boolean column of the add/edit forms saves both values. FAB gives a NOT NULL column
        ``InputRequired`` and an unticked box sends nothing, so "false" was refused ("wajib diisi"): an
        ``Optional()`` first ends the chain on an empty box (the field reads False). Fresh lists per view
        instance, because FAB appends its validators to the lists it is given."""

        kolom = self.datamodel.obj.__table__.columns
        vc = {k: list(v) for k, v in (self.validators_columns or {}).items()}
        for nama in set(self.add_columns or []) | set(self.edit_columns or []):
            c = kolom.get(nama)
            if c is not None and isinstance(c.type, Boolean):
                vc[nama] = [Optional()] + [v for v in vc.get(nama, []) if not isinstance(v, Optional)]
        self.validators_columns = vc
        self._pilihan_cari()  # labels are known here (FAB computes them before the forms)
        super()._init_forms()

    judul: str = ""  # entity name for the page titles ("Pegawai" → "Tambah Pegawai" …)

    def _judul_indonesia(self) -> None:
        """FAB builds English titles ("Add Pegawai"); ours are Indonesian unless a view sets its own."""
        nama = self.judul or self.datamodel.obj.__name__
        for attr, awalan in (
            ("list_title", "Daftar"),
            ("show_title", "Rincian"),
            ("add_title", "Tambah"),
            ("edit_title", "Ubah"),
        ):
            if str(getattr(self, attr, "")).startswith(("List ", "Show ", "Add ", "Edit ")):
                setattr(self, attr, f"{awalan} {nama}")

    def _format_tampilan(self) -> None:
        """Every list/show column gets a display formatter from its model column unless the view sets its own:
        booleans Ya/Tidak, enum codes their label, dates "23 November 2026" (system stamps in the local zone),
        numbers with a decimal comma, empty "—" (``formatter_kolom``)."""

        fmt = dict(self.formatters_columns or {})
        for col in set(self.list_columns or []) | set(self.show_columns or []):
            if col not in fmt:
                fmt[col] = formatter_kolom(self.datamodel.obj, col)
        self.formatters_columns = fmt


def enum_kolom(model, col: str):
    """The code enum of ``col`` when it is an ``enum_col`` (its filters and search select), else None."""
    c = _kolom_model(model, col)
    return c.info.get("enum") if c is not None else None


def _kolom_model(model, col: str):
    """The table column behind ``col`` (dotted through relationships), or None (a property, a relationship)."""
    *jalur, akhir = col.split(".")
    for part in jalur:
        rel = getattr(getattr(model, part, None), "property", None)
        mapper = getattr(rel, "mapper", None)
        if mapper is None:
            return None
        model = mapper.class_
    table = getattr(model, "__table__", None)
    return table.columns.get(akhir) if table is not None else None


def _kosong_atau(fn):
    def tampil(v):
        return KOSONG if v is None else fn(v)

    return tampil


def formatter_kolom(model, col: str):
    """The display formatter of a list/show column, derived from the model column type (see ``app.format``)."""
    c = _kolom_model(model, col)
    if c is None:
        return nilai
    if c.info.get("enum") is not None:
        return partial(label, enum=c.info["enum"])
    if isinstance(c.type, Boolean):
        return ya_tidak
    if isinstance(c.type, DateTime) and c.name in KOLOM_WAKTU_SISTEM:
        # system stamps are naive UTC → local zone; user-typed times (slot, jadwal) are local already
        return _kosong_atau(waktu)
    if isinstance(c.type, (Date, DateTime)):
        return _kosong_atau(tanggal)
    if isinstance(c.type, (Numeric, Float)) or (isinstance(c.type, Integer) and not kolom_nomor(c.name)):
        return _kosong_atau(angka)  # quantities grouped: "12.345", "92,50"
    return nilai
