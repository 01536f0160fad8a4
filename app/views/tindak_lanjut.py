"""Tindak lanjut (R14): laporan kepada PyB, pemeringkatan, register penghargaan dan sanksi/perbaikan,
dasar tunjangan kinerja, register tenggat terlampaui. Thin views: the work is in app/queries/tindak_lanjut.py."""

from __future__ import annotations

from flask import flash, g, redirect, request, send_file, url_for
from flask_appbuilder import BaseView
from flask_appbuilder.baseviews import expose
from flask_appbuilder.security.decorators import has_access
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import contains_eager
from wtforms import IntegerField
from wtforms.validators import DataRequired, NumberRange

from app import jam
from app.aksi import bilangan_atau
from app.excel.tulis import XLSX_MIME
from app.extensions import db
from app.format import KOSONG, tanggal_saja, ya_tidak
from app.queries import penilaian as q_nilai
from app.queries import tindak_lanjut as q_lanjut
from app.rules import JenisEvaluasi, JenisTindakLanjut, Predikat, StatusPegawai, daftar_periode
from app.views.base import AjaxSelectField, EagerSQLAInterface, KinerjaModelView, cakupan_aktif, satu_transaksi
from app.views.fields import label_enum, label_pegawai, label_pegawai_unit, pilihan
from schema.enums import JenisPenghargaan, StatusTindakLanjut
from schema.models import EvaluasiKinerja, Pegawai, Penghargaan, TindakLanjutSanksi, UnitKerja
from schema.models import EvaluasiKinerja as E

BATAS_HALAMAN = 500  # rows shown on a page; the Excel register has them all


def _tahun_form(bawaan: int | None = None) -> int | None:
    t = bilangan_atau(request.form.get("tahun"))
    return t if t and 2000 <= t <= 2100 else None


def _label_evaluasi(e) -> str:
    if e is None:
        return ""
    return f"{JenisEvaluasi(e.jenis).label.replace('Evaluasi Kinerja ', '')} {e.tahun} — {label_enum(Predikat)(e.predikat)}"


def _label_evaluasi_pegawai(e) -> str:
    """Lookup/select label of an evaluation: whose, which year, which predikat."""
    return f"{label_pegawai(e.pegawai)} — {_label_evaluasi(e)}" if e is not None else ""


def _aksi_tahunan(kembali: str, galat: str, kerja, pesan):
    """The set-based yearly actions: validate the year, one transaction, a message, back to the list."""
    tahun = _tahun_form()
    if tahun is None:
        flash(galat, "danger")
        return redirect(url_for(kembali))
    satu_transaksi(lambda: kerja(tahun), lambda hasil: pesan(tahun, hasil))
    return redirect(url_for(kembali))


def _kirim(f, nama: str):
    return send_file(f, mimetype=XLSX_MIME, as_attachment=True, download_name=f"{nama}.xlsx")


# ---------------------------------------------------------------------------------------------------------
# register sanksi / perbaikan
# ---------------------------------------------------------------------------------------------------------


class _AksiTahunan:
    """The registers' set-based yearly action (``aksi_tahunan``): the permission flag and the year for its form."""

    aksi_tahunan = ""

    def render_template(self, template, **kwargs):
        kwargs.setdefault(
            f"boleh_{self.aksi_tahunan}",
            self.appbuilder.sm.has_access(f"can_{self.aksi_tahunan}", self.class_permission_name),
        )
        kwargs.setdefault("tahun_bawaan", jam.hari_ini().year - 1)
        return super().render_template(template, **kwargs)


class TindakLanjutSanksiView(_AksiTahunan, KinerjaModelView):
    aksi_tahunan = "buat_entri"
    judul = "Tindak Lanjut Sanksi/Perbaikan"
    scope_resource = "tindak_lanjut_sanksi"
    datamodel = EagerSQLAInterface(TindakLanjutSanksi, eager=("pegawai", "evaluasi"))
    list_title = "Register Sanksi dan Perbaikan Kinerja"
    list_template = "kinerja/tindak_lanjut/list_sanksi.html"
    label_columns = {
        "pegawai": "Pegawai",
        "evaluasi": "Evaluasi Asal",
        "jenis": "Jenis Tindak Lanjut",
        "status": "Status",
        "mulai": "Mulai",
        "selesai": "Selesai",
        "force_majeure": "Force Majeure (kahar)",
        "catatan": "Catatan",
    }
    list_columns = ["pegawai", "evaluasi", "jenis", "status", "mulai", "selesai", "force_majeure"]
    show_columns = list_columns + ["catatan"]
    edit_columns = ["status", "mulai", "selesai", "force_majeure", "catatan"]
    search_columns = ["jenis", "status", "force_majeure", "mulai", "selesai"]
    search_form_extra_fields = {
        "jenis": pilihan("Jenis Tindak Lanjut", JenisTindakLanjut),
        "status": pilihan("Status", StatusTindakLanjut),
    }
    edit_form_extra_fields = {"status": pilihan("Status", StatusTindakLanjut)}
    formatters_columns = {
        "jenis": label_enum(JenisTindakLanjut),
        "status": label_enum(StatusTindakLanjut),
        "force_majeure": ya_tidak,
        "evaluasi": _label_evaluasi,
        "pegawai": lambda p: label_pegawai(p) if p else KOSONG,
    }
    base_order = ("id", "desc")
    base_permissions = ["can_list", "can_show", "can_add", "can_edit", "can_export", "can_buat_entri"]
    lookup_columns = {"evaluasi": (EvaluasiKinerja, Pegawai.nama, lambda e: _label_evaluasi_pegawai(e))}
    method_permission_name = {**KinerjaModelView.method_permission_name, "buat_entri": "buat_entri"}
    export_title = "Register Sanksi dan Perbaikan"

    def tulis_ekspor(self, ids, pengekspor: str):
        return q_lanjut.register_sanksi(ids, pengekspor)

    def pre_update(self, item):
        if item.mulai and item.selesai and item.selesai < item.mulai:
            raise ValueError("Tanggal selesai tidak boleh sebelum tanggal mulai.")

    @expose("/buat_entri/", methods=["POST"])
    @has_access
    def buat_entri(self):
        """Aksi "Buat entri tindak lanjut": over the final annual evaluations of a year, set-based, idempotent."""
        return _aksi_tahunan(
            "TindakLanjutSanksiView.list",
            "Tahun evaluasi tidak valid (isi tahun empat angka, mis. 2025).",
            lambda tahun: q_lanjut.buat_entri_sanksi(tahun, cakupan_aktif("evaluasi_kinerja")),
            lambda tahun, h: (
                f"Evaluasi tahunan {tahun}: {h[1]} hasil memicu tindak lanjut; {h[0]} entri baru dibuat "
                "(entri yang sudah ada tidak digandakan)."
            ),
        )

    # -- manual entry by the PPK/PyB (e.g. the PPPK termination recommendation, 001 Pasal 31(2)) ------------
    def lookup_batas(self, model, stmt):
        """Evaluation candidates: final annual evaluations in the user's evaluation scope, searched by name."""

        E = EvaluasiKinerja
        return (
            stmt.join(Pegawai, Pegawai.id == E.pegawai_id)
            .options(contains_eager(E.pegawai))
            .where(*q_lanjut.syarat_final_tahunan(), cakupan_aktif("evaluasi_kinerja"))
        )

    @expose("/add", methods=["GET", "POST"])
    @has_access
    def add(self):
        """Manual register entry: the evaluation it comes from, jenis, status — validated by app.rules (R14)."""
        f = request.form
        if request.method == "POST":
            try:
                t = satu_transaksi(
                    lambda: q_lanjut.tambah_entri_sanksi(
                        f.get("evaluasi"),
                        f.get("jenis"),
                        cakupan_aktif("evaluasi_kinerja"),
                        status=f.get("status"),
                        mulai=f.get("mulai"),
                        selesai=f.get("selesai"),
                        catatan=f.get("catatan"),
                        target_tidak_tercapai=bool(f.get("target_tidak_tercapai")),
                    ),
                    lambda t: f"Entri {JenisTindakLanjut(t.jenis).label} dicatat di register.",
                )
            except IntegrityError as e:  # a concurrent identical entry (the unique evaluation × jenis): rolled back
                t = None
                flash(q_lanjut.pesan_integritas(e), "danger")
            if t is not None:
                return redirect(url_for("TindakLanjutSanksiView.show", pk=t.id))
        ev = None
        if bilangan_atau(f.get("evaluasi")):
            ev = db.session.scalar(
                select(EvaluasiKinerja).where(
                    EvaluasiKinerja.id == bilangan_atau(f.get("evaluasi")), cakupan_aktif("evaluasi_kinerja")
                )
            )
        return self.render_template(
            "kinerja/tindak_lanjut/tambah_sanksi.html",
            title="Tambah Entri Tindak Lanjut",
            isian=f,
            evaluasi=ev,
            label_evaluasi=_label_evaluasi_pegawai,
            jenis=JenisTindakLanjut.choices(),
            status=StatusTindakLanjut.choices(),
            rekomendasi_pppk=JenisTindakLanjut.REKOMENDASI_PEMUTUSAN_PPPK.value,
            lookup_url=url_for("TindakLanjutSanksiView.lookup", col="evaluasi"),
        )


# ---------------------------------------------------------------------------------------------------------
# register penghargaan
# ---------------------------------------------------------------------------------------------------------


class PenghargaanView(_AksiTahunan, KinerjaModelView):
    aksi_tahunan = "tandai"
    judul = "Penghargaan"
    scope_resource = "penghargaan"
    datamodel = EagerSQLAInterface(Penghargaan, eager=("pegawai",))
    list_title = "Register Penghargaan Kinerja"
    list_template = "kinerja/tindak_lanjut/list_penghargaan.html"
    label_columns = {
        "pegawai": "Pegawai",
        "tahun": "Tahun",
        "jenis": "Jenis Penghargaan",
        "uraian": "Uraian",
        "evaluasi": "Evaluasi Asal",
    }
    list_columns = ["pegawai", "tahun", "jenis", "uraian"]
    show_columns = list_columns
    add_columns = ["pegawai", "tahun", "jenis", "uraian"]
    edit_columns = ["tahun", "jenis", "uraian"]
    search_columns = ["tahun", "jenis"]
    search_form_extra_fields = {"jenis": pilihan("Jenis Penghargaan", JenisPenghargaan)}
    add_form_extra_fields = {
        "pegawai": AjaxSelectField(
            "Pegawai",
            [DataRequired(message="Pegawai wajib dipilih.")],
            model=Pegawai,
            endpoint="PenghargaanView.lookup",
            column="pegawai",
            label_fn=label_pegawai_unit,
        ),
        "tahun": IntegerField(
            "Tahun", [DataRequired(message="Tahun wajib diisi."), NumberRange(2000, 2100, message="Tahun tidak valid.")]
        ),
        "jenis": pilihan("Jenis Penghargaan", JenisPenghargaan),
    }
    edit_form_extra_fields = {"jenis": pilihan("Jenis Penghargaan", JenisPenghargaan)}
    lookup_columns = {"pegawai": (Pegawai, Pegawai.nama, label_pegawai_unit, "pegawai")}
    formatters_columns = {"jenis": label_enum(JenisPenghargaan), "pegawai": lambda p: label_pegawai(p) if p else KOSONG}
    base_order = ("tahun", "desc")
    base_permissions = ["can_list", "can_show", "can_add", "can_edit", "can_export", "can_tandai"]
    method_permission_name = {**KinerjaModelView.method_permission_name, "tandai": "tandai"}
    export_title = "Register Penghargaan"

    def tulis_ekspor(self, ids, pengekspor: str):
        return q_lanjut.register_penghargaan(ids, pengekspor)

    @expose("/tandai/", methods=["POST"])
    @has_access
    def tandai(self):
        """Mark the talent-pool / competency-development priority: Sangat Baik two years running (002)."""
        return _aksi_tahunan(
            "PenghargaanView.list",
            "Tahun tidak valid (isi tahun empat angka, mis. 2025).",
            lambda tahun: q_lanjut.tandai_penghargaan(tahun, cakupan_aktif("evaluasi_kinerja")),
            lambda tahun, n: f"{n} entri prioritas penghargaan baru untuk predikat Sangat Baik {tahun - 1}–{tahun}.",
        )


# ---------------------------------------------------------------------------------------------------------
# register pages (period filters + Excel)
# ---------------------------------------------------------------------------------------------------------


def _periode_args():
    tahun = bilangan_atau(request.args.get("tahun"), jam.hari_ini().year)
    if not 2000 <= tahun <= 2100:
        tahun = jam.hari_ini().year
    jenis = request.args.get("jenis") or JenisEvaluasi.TAHUNAN.value
    if jenis not in (JenisEvaluasi.PERIODIK.value, JenisEvaluasi.TAHUNAN.value):
        jenis = JenisEvaluasi.TAHUNAN.value
    semua = daftar_periode(tahun, q_nilai.jenis_periode(tahun))
    nomor = (
        0
        if jenis == JenisEvaluasi.TAHUNAN.value
        else min(max(bilangan_atau(request.args.get("periode_nomor"), 1), 1), len(semua))
    )
    return tahun, jenis, nomor, semua


def _kecuali():
    sah = {m.value for m in StatusPegawai}
    return [s for s in request.args.getlist("kecuali") if s in sah]


class _Register(BaseView):
    """A register page: filter form, the first rows, and "Unduh Excel" with the same filters and scope."""

    default_view = "daftar"
    method_permission_name = {"daftar": "list", "ekspor": "export"}
    judul = ""
    template = "kinerja/tindak_lanjut/register.html"
    pakai_periode = True
    pakai_unit = False
    pakai_predikat = False
    pakai_kecuali = False

    def stmt(self, tahun, jenis, nomor):  # pragma: no cover - overridden
        raise NotImplementedError

    def kolom_html(self):  # (header, function row → cell)
        raise NotImplementedError  # pragma: no cover

    def excel(self, stmt, pengekspor, tahun, jenis, nomor):  # pragma: no cover
        raise NotImplementedError

    @expose("/")
    @has_access
    def daftar(self):
        tahun, jenis, nomor, semua = _periode_args()
        stmt = self.stmt(tahun, jenis, nomor)
        rows = db.session.execute(stmt.limit(BATAS_HALAMAN + 1)).all()
        kolom = self.kolom_html()
        return self.render_template(
            self.template,
            title=self.judul,
            judul=self.judul,
            tahun=tahun,
            jenis=jenis,
            nomor=nomor,
            periode=semua,
            rows=rows[:BATAS_HALAMAN],
            lebih=len(rows) > BATAS_HALAMAN,
            kolom=kolom,
            view=self,
            ekspor_url=url_for(f"{self.__class__.__name__}.ekspor", **request.args.to_dict(flat=False)),
            unit_pilihan=self.unit_pilihan() if self.pakai_unit else [],
            Predikat=Predikat,
            StatusPegawai=StatusPegawai,
            kecuali=_kecuali(),
            unit_id=bilangan_atau(request.args.get("unit")),
            predikat=request.args.get("predikat") or "",
            ringkasan=self.ringkasan(tahun, jenis, nomor),
        )

    @expose("/ekspor/")
    @has_access
    def ekspor(self):
        tahun, jenis, nomor, _ = _periode_args()
        f = self.excel(self.stmt(tahun, jenis, nomor), g.user.username, tahun, jenis, nomor)
        return _kirim(f, self.__class__.__name__.replace("View", "").lower())

    def ringkasan(self, tahun, jenis, nomor):
        return None

    def unit_pilihan(self):
        """Units that have evaluations the user may see (no unit names beyond the scope)."""

        return db.session.execute(
            select(UnitKerja.id, UnitKerja.nama_tampil.label("nama"))
            .where(UnitKerja.id.in_(select(E.unit_kerja_id).where(cakupan_aktif("evaluasi_kinerja"))))
            .order_by(UnitKerja.nama)
        ).all()


def _pl(tahun, jenis, nomor):
    return q_lanjut.nama_periode(jenis, tahun, nomor)


class PeringkatView(_Register):
    route_base = "/peringkat"
    judul = "Pemeringkatan Kinerja Pegawai"
    pakai_unit = pakai_predikat = pakai_kecuali = True

    def stmt(self, tahun, jenis, nomor):
        unit = bilangan_atau(request.args.get("unit"))
        return q_lanjut.stmt_peringkat(
            tahun, jenis, nomor, cakupan_aktif("evaluasi_kinerja"), unit, request.args.get("predikat"), _kecuali()
        )

    def kolom_html(self):
        return [
            ("Peringkat Predikat", lambda r: r.peringkat),
            ("NIP", lambda r: r.nip),
            ("Nama", lambda r: r.nama),
            ("Jabatan", lambda r: r.jabatan),
            ("Unit Kerja", lambda r: r.unit),
            ("Predikat", lambda r: q_lanjut.label(Predikat, r.predikat)),
        ]

    def excel(self, stmt, pengekspor, tahun, jenis, nomor):
        return q_lanjut.register_peringkat(stmt, pengekspor, _pl(tahun, jenis, nomor))


class LaporanPybView(_Register):
    route_base = "/laporanpyb"
    judul = "Laporan Evaluasi Kinerja kepada PyB"
    pakai_unit = True

    def stmt(self, tahun, jenis, nomor):
        unit = bilangan_atau(request.args.get("unit"))
        return q_lanjut.stmt_laporan(tahun, jenis, nomor, cakupan_aktif("evaluasi_kinerja"), unit)

    def ringkasan(self, tahun, jenis, nomor):
        return q_lanjut.ringkasan_laporan(tahun, jenis, nomor, cakupan_aktif("evaluasi_kinerja"))

    def kolom_html(self):
        hari = jam.hari_ini()
        return [
            ("NIP", lambda r: r.nip),
            ("Nama", lambda r: r.nama),
            ("Unit Kerja", lambda r: r.unit),
            ("Dokumen", lambda r: r.format_dokumen),
            ("Predikat", lambda r: q_lanjut.label(Predikat, r.predikat)),
            ("Status", lambda r: q_lanjut.label(q_lanjut.SD, r.status_dokumen)),
            ("Tenggat", lambda r: tanggal_saja(r.tenggat_laporan) if r.tenggat_laporan else ""),
            ("Keterangan", lambda r: q_lanjut.keterangan_laporan(r, hari)),
        ]

    def excel(self, stmt, pengekspor, tahun, jenis, nomor):
        return q_lanjut.register_laporan(stmt, pengekspor, _pl(tahun, jenis, nomor))


class TunjanganKinerjaView(_Register):
    route_base = "/tunjangankinerja"
    judul = "Dasar Pemberian Tunjangan Kinerja"
    pakai_kecuali = True

    def stmt(self, tahun, jenis, nomor):
        return q_lanjut.stmt_tunjangan(tahun, jenis, nomor, cakupan_aktif("pegawai"), _kecuali())

    def kolom_html(self):
        return [
            ("NIP", lambda r: r.nip),
            ("Nama", lambda r: r.nama),
            ("Unit Kerja", lambda r: r.unit),
            ("Status Pegawai", lambda r: q_lanjut.label(StatusPegawai, r.status)),
            ("Predikat Akhir", lambda r: q_lanjut.label(Predikat, r.predikat)),
            ("Status Dokumen", lambda r: q_lanjut.label(q_lanjut.SD, r.status_dokumen) or "Belum ada evaluasi"),
        ]

    def excel(self, stmt, pengekspor, tahun, jenis, nomor):
        return q_lanjut.register_tunjangan(stmt, pengekspor, _pl(tahun, jenis, nomor))


class TenggatTerlambatView(_Register):
    route_base = "/tenggatterlampaui"
    judul = "Register Tenggat Terlampaui"
    pakai_periode = False

    def stmt(self, tahun, jenis, nomor):
        return q_lanjut.stmt_tenggat(tahun, cakupan_aktif("evaluasi_kinerja"), cakupan_aktif("keberatan"))

    def kolom_html(self):
        return [
            ("Kategori", lambda r: r.kategori),
            ("NIP", lambda r: r.nip),
            ("Nama", lambda r: r.nama),
            ("Unit Kerja", lambda r: r.unit),
            ("Tenggat", lambda r: r.tenggat),
        ]

    def excel(self, stmt, pengekspor, tahun, jenis, nomor):
        return q_lanjut.register_tenggat(stmt, pengekspor, tahun)
