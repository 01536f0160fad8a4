"""Penilaian: evaluation list and form generated from the SKP, bulk "Hitung predikat"/"Tetapkan",
signed documents D.1.1–D.1.3 with C.1.x (print + xlsx), keberatan, capaian organisasi, distribution, deadlines.

Views stay thin: decisions live in ``app.queries.penilaian`` (and ``app.rules``). Every POST is one transaction
(commit once, rollback on a refused action) and redirects with a message; a refused form is shown again holding
what the user typed (``app.views.isian``). Rows are always fetched through
``clause_for(resource)`` (404 outside the user's scope).
"""

from __future__ import annotations

from flask import abort, current_app, flash, g, jsonify, redirect, request, send_file, url_for
from flask_appbuilder import BaseView
from flask_appbuilder.actions import action
from flask_appbuilder.baseviews import expose
from flask_appbuilder.security.decorators import has_access
from sqlalchemy import select
from wtforms import DateField, IntegerField, SelectField
from wtforms.validators import DataRequired, NumberRange, Optional

from app import jam, pekerjaan
from app.aksi import Ditolak, bilangan_atau
from app.excel import formulir_d as FD
from app.excel.tulis import XLSX_MIME
from app.extensions import db
from app.queries import penilaian as q_nilai
from app.queries.mutasi import catat_mutasi
from app.rules import (
    CapaianOrganisasi,
    JenisEvaluasi,
    JenisPeriode,
    KeputusanKeberatan,
    Predikat,
    Rating,
    StatusDokumen,
    daftar_periode,
)
from app.security import roles as R
from app.security.scope import konteks
from app.views.base import (
    AjaxSelectField,
    EagerSQLAInterface,
    KinerjaModelView,
    basi,
    cakupan_aktif,
    coba_transaksi,
    cocok_pegawai,
    satu_transaksi,
)
from app.views.fields import label_enum as _label  # shared formatters
from app.views.fields import label_jabatan as _label_jabatan
from app.views.fields import label_pegawai_unit, pilihan
from app.views.fields import label_unit as _label_unit
from app.views.fields import ya as _ya
from app.views.isian import tolak
from schema.enums import DinilaiOleh, JenisDelegasi
from schema.models import (
    SKP,
    CapaianKinerjaOrganisasi,
    DelegasiPenilai,
    EvaluasiKinerja,
    Jabatan,
    Keberatan,
    MutasiPegawai,
    Pegawai,
    UnitKerja,
)

SD = StatusDokumen
LABEL = {
    "tahun": "Tahun",
    "jenis": "Jenis",
    "periode_jenis": "Jenis Periode",
    "periode_nomor": "Periode",
    "pegawai": "Pegawai",
    "unit_kerja": "Unit Kerja",
    "penilai": "Pejabat Penilai",
    "atasan_penilai": "Atasan Pejabat Penilai",
    "capaian_organisasi": "Capaian Organisasi",
    "rating_hasil_kerja": "Rating Hasil Kerja",
    "rating_perilaku": "Rating Perilaku",
    "predikat": "Predikat",
    "status_dokumen": "Status Dokumen",
    "format_dokumen": "Format",
    "is_final": "Final",
    "aktif": "Berlaku",
    "capaian": "Capaian",
    "tanggal_terbit": "Tanggal Terbit",
    "evaluasi": "Evaluasi",
    "tanggal_pengajuan": "Tanggal Pengajuan",
    "tenggat_keputusan": "Tenggat Keputusan",
    "keputusan": "Keputusan",
    "predikat_baru": "Predikat Baru",
    "tanggal_keputusan": "Tanggal Keputusan",
}


class _Jalankan:
    """One user action = one transaction: commit on success, rollback + message on refusal."""

    def _jalankan(self, fn, pesan: str, ke: str, tampilkan=None):
        """``tampilkan``: the page of the form, shown again on a refusal holding what the user typed."""
        if tampilkan is None:
            satu_transaksi(fn, pesan)
            return redirect(ke)
        hasil, galat = coba_transaksi(fn)
        if galat is None:
            if pesan:
                flash(pesan if not callable(pesan) else pesan(hasil), "success")
        elif basi(galat):
            flash(str(galat), "danger")
        else:
            return tolak(str(galat), tampilkan) or redirect(ke)
        return redirect(ke)


# ---------------------------------------------------------------------------------------------------------
# Evaluasi kinerja
# ---------------------------------------------------------------------------------------------------------


class EvaluasiKinerjaView(_Jalankan, KinerjaModelView):
    route_base = "/evaluasi"
    scope_resource = "evaluasi_kinerja"
    datamodel = EagerSQLAInterface(EvaluasiKinerja, eager=("pegawai", "penilai", "unit_kerja"))
    list_title = "Evaluasi Kinerja Pegawai"
    list_template = "kinerja/penilaian/list.html"
    label_columns = LABEL
    list_columns = [
        "tahun",
        "jenis",
        "periode_nomor",
        "pegawai",
        "unit_kerja",
        "penilai",
        "capaian_organisasi",
        "rating_hasil_kerja",
        "rating_perilaku",
        "predikat",
        "status_dokumen",
        "format_dokumen",
        "is_final",
    ]
    search_columns = [
        "tahun",
        "jenis",
        "periode_nomor",
        "status_dokumen",
        "predikat",
        "aktif",
        "pegawai",
        "unit_kerja",
        "format_dokumen",
    ]
    order_columns = ["tahun", "periode_nomor", "status_dokumen", "predikat"]
    base_order = ("id", "desc")
    formatters_columns = {
        "jenis": lambda v: "Tahunan" if v == "tahunan" else "Periodik",
        "rating_hasil_kerja": _label(Rating),
        "rating_perilaku": _label(Rating),
        "predikat": _label(Predikat),
        "status_dokumen": _label(SD),
        "capaian_organisasi": _label(CapaianOrganisasi),
        "is_final": _ya,
        "periode_nomor": lambda v: v or "—",
    }
    # employees/units of the evaluations the user may see (no name harvesting)
    lookup_columns = {
        "pegawai": (Pegawai, Pegawai.nama, label_pegawai_unit, EvaluasiKinerja.pegawai_id),
        "unit_kerja": (UnitKerja, UnitKerja.nama, _label_unit, EvaluasiKinerja.unit_kerja_id),
    }
    search_form_extra_fields = {
        "status_dokumen": pilihan("Status Dokumen", SD),
        "predikat": pilihan("Predikat", Predikat),
        "jenis": pilihan("Jenis", JenisEvaluasi),
        "pegawai": AjaxSelectField(
            "Pegawai",
            model=Pegawai,
            endpoint="EvaluasiKinerjaView.lookup",
            column="pegawai",
            label_fn=label_pegawai_unit,
        ),
        "unit_kerja": AjaxSelectField(
            "Unit Kerja",
            model=UnitKerja,
            endpoint="EvaluasiKinerjaView.lookup",
            column="unit_kerja",
            label_fn=_label_unit,
        ),
    }
    base_permissions = [
        "can_list",
        "can_show",
        "can_export",
        "can_buat",
        "can_nilai",
        "can_hitung_predikat",
        "can_tetapkan",
        "can_sampaikan",
        "can_laporkan",
        "can_terima",
        "can_kembalikan",
    ]
    method_permission_name = {
        **KinerjaModelView.method_permission_name,
        "show": "show",
        "cetak": "show",
        "unduh": "show",
        "buat": "buat",
        "buat_periode": "buat",
        "simpan": "nilai",
        "tandatangani": "tetapkan",
        "aksi_tetapkan": "tetapkan",
        "aksi_hitung_predikat": "hitung_predikat",
        "hitung_periode": "hitung_predikat",
        "sampaikan": "sampaikan",
        "terima": "terima",
        "kembalikan": "kembalikan",
        "laporkan": "laporkan",
        "aksi_laporkan": "laporkan",
    }
    export_title = "Register Evaluasi Kinerja"

    def tulis_ekspor(self, ids, pengekspor: str):
        return q_nilai.register_evaluasi(ids, pengekspor)

    def klausa_cari(self, q: str):
        return EvaluasiKinerja.pegawai_id.in_(select(Pegawai.id).where(cocok_pegawai(q)))

    def _ev(self, pk) -> EvaluasiKinerja:
        pk = bilangan_atau(pk)
        ev = q_nilai.muat_evaluasi(pk, cakupan_aktif("evaluasi_kinerja")) if pk else None
        if ev is None:
            abort(404)
        return ev

    def _ke_ev(self, ev_id):
        return url_for("EvaluasiKinerjaView.show", pk=ev_id)

    # -- the evaluation page (form when editable, document otherwise) -----------------------------------
    def _konteks(self, ev, cetak=False) -> dict:
        k = konteks()
        dok = q_nilai.isi_dokumen(ev)
        tts = dok["tanda_tangan"]
        wenang = q_nilai.penilai_sah(ev)
        kb = dok["keberatan"]
        hash_kini = q_nilai.hash_evaluasi(ev) if tts else None
        me = k.pegawai_id
        cuti = q_nilai.cuti_bersama()
        saran_pk = Rating(ev.saran_rating_perilaku) if ev.saran_rating_perilaku else None
        return dict(
            **dok,
            wenang=wenang,
            cetak=cetak,
            hash_kini=hash_kini,
            boleh_nilai=not cetak
            and q_nilai.boleh_menilai(ev, k, wenang)
            and self.appbuilder.sm.has_access("can_nilai", "EvaluasiKinerjaView"),
            boleh_sampaikan=not cetak
            and ev.status_dokumen == SD.DITANDATANGANI.value
            and q_nilai.boleh_sampaikan(ev, k)
            and self.appbuilder.sm.has_access("can_sampaikan", "EvaluasiKinerjaView"),
            boleh_terima=not cetak and ev.status_dokumen == SD.DISAMPAIKAN.value and me == ev.pegawai_id,
            boleh_kembalikan=not cetak and ev.status_dokumen == SD.DITERIMA.value and me == ev.pegawai_id,
            info_keberatan=q_nilai.info_keberatan(ev) if me == ev.pegawai_id and kb is None else None,
            boleh_laporkan=not cetak
            and ev.status_dokumen in q_nilai.LAPORKAN_STATUS
            and not ev.tanggal_dilaporkan
            and self.appbuilder.sm.has_access("can_laporkan", "EvaluasiKinerjaView")
            and (me in (ev.penilai_id, ev.atasan_penilai_id) or k.role_names & {R.ADMIN, R.OPERATOR}),
            batas_penilai=q_nilai.batas_ev(ev),
            tenggat_atasan=q_nilai.tenggat_atasan(ev, cuti),
            riwayat=q_nilai.riwayat(ev),
            Rating=Rating,
            Predikat=Predikat,
            SD=SD,
            CapaianOrganisasi=CapaianOrganisasi,
            saran_pk=saran_pk,
            konsisten=saran_pk in (Rating.SESUAI, Rating.DIATAS) if saran_pk else True,
            penjaga=saran_pk is Rating.DIATAS,
            label_status=SD(ev.status_dokumen).label,
            DinilaiOleh=DinilaiOleh,
            Keputusan=KeputusanKeberatan,
        )

    @expose("/show/<pk>")
    @has_access
    def show(self, pk):
        return self._halaman(self._ev(pk))

    def _halaman(self, ev):
        return self.render_template(
            "kinerja/penilaian/detail.html",
            title=f"Evaluasi {q_nilai.label_periode(ev)} — {ev.pegawai.nama}",
            **self._konteks(ev),
        )

    @expose("/cetak/<pk>")
    @has_access
    def cetak(self, pk):
        ev = self._ev(pk)
        return self.render_template(
            "kinerja/penilaian/cetak.html",
            title=f"Dokumen Evaluasi {ev.format_dokumen}",
            **self._konteks(ev, cetak=True),
        )

    @expose("/unduh/<pk>")
    @has_access
    def unduh(self, pk):
        ev = self._ev(pk)
        ktx = self._konteks(ev, cetak=True)
        return send_file(
            FD.xlsx_evaluasi(ktx), mimetype=XLSX_MIME, as_attachment=True, download_name=FD.nama_berkas(ev)
        )

    # -- creation from the SKP --------------------------------------------------------------------------
    @expose("/buat/", methods=["GET", "POST"])
    @has_access
    def buat(self):
        tahun = bilangan_atau(request.values.get("tahun"), jam.hari_ini().year)
        jenis = request.values.get("jenis") or JenisEvaluasi.PERIODIK.value
        pj = q_nilai.jenis_periode(tahun)
        nomor = bilangan_atau(request.values.get("periode_nomor"))
        if request.method == "POST":
            skp = db.session.scalar(
                select(SKP).where(SKP.id == bilangan_atau(request.form.get("skp_id"), 0)).where(cakupan_aktif("skp"))
            )
            if skp is None:
                abort(404)
            ev = satu_transaksi(
                lambda: q_nilai.buat_evaluasi(
                    skp, jenis, nomor, sepakat_hasil_lama=bool(request.form.get("hasil_lama"))
                ),
                "Formulir evaluasi dibuat dari SKP.",
            )
            if ev is not None:
                return redirect(self._ke_ev(ev.id))
        n = 0 if jenis == JenisEvaluasi.TAHUNAN.value else nomor
        kandidat = []
        k = konteks()
        klausa = cakupan_aktif("skp")
        if R.PYB in k.role_names and not k.role_names & {R.ADMIN, R.PENILAI, R.ATASAN}:
            klausa = klausa & SKP.ditetapkan_kepala_daerah.is_(True)  # acting for the Kepala Daerah only
        if n is not None:
            ada = select(EvaluasiKinerja.pegawai_id).where(
                EvaluasiKinerja.jenis == jenis,
                EvaluasiKinerja.tahun == tahun,
                EvaluasiKinerja.periode_nomor == n,
                EvaluasiKinerja.aktif.is_(True),
            )
            kandidat = db.session.execute(
                select(SKP.id, SKP.pegawai_nama, SKP.pegawai_nip, SKP.pegawai_jabatan, SKP.penilai_nama)
                .where(
                    SKP.tahun == tahun,
                    SKP.aktif.is_(True),
                    SKP.status.in_(q_nilai.SKP_BERLAKU),
                    klausa,
                    SKP.pegawai_id.not_in(ada),
                    SKP.pegawai_id != (k.pegawai_id or 0),
                )
                .order_by(SKP.pegawai_nama)
                .limit(200)
            ).all()
        return self.render_template(
            "kinerja/penilaian/buat.html",
            title="Buat Evaluasi dari SKP",
            tahun=tahun,
            jenis=jenis,
            nomor=nomor,
            periode=daftar_periode(tahun, pj),
            kandidat=kandidat,
            JenisEvaluasi=JenisEvaluasi,
        )

    @expose("/buat_periode/", methods=["POST"])
    @has_access
    def buat_periode(self):
        f = request.form
        tahun = bilangan_atau(f.get("tahun"), jam.hari_ini().year)
        jenis = f.get("jenis") or JenisEvaluasi.PERIODIK.value
        k = konteks()
        # own SKP never: an evaluator creates drafts for the SKPs they evaluate
        klausa = cakupan_aktif("skp") & (SKP.pegawai_id != (k.pegawai_id or 0))
        try:
            nomor = bilangan_atau(f.get("periode_nomor"))
            satu_transaksi(
                lambda: q_nilai.buat_evaluasi_periode(tahun, jenis, nomor, klausa),
                lambda n: f"{n} formulir evaluasi dibuat dari SKP yang berlaku.",
            )
        except (ValueError, TypeError):  # rolled back by the transaction
            flash("Periode evaluasi tidak valid.", "danger")
        return redirect(url_for("EvaluasiKinerjaView.list"))

    # -- form and workflow ------------------------------------------------------------------------------
    @expose("/simpan/<pk>", methods=["POST"])
    @has_access
    def simpan(self, pk):
        ev = self._ev(pk)
        return self._jalankan(
            lambda: q_nilai.simpan_penilaian(ev, konteks(), request.form),
            "Penilaian disimpan.",
            self._ke_ev(ev.id),
            tampilkan=lambda: self._halaman(ev),
        )

    def _konfirmasi_dokumentasi(self, evs, kosong, aksi: str, rowid=(), versi=None):
        """Signing with undocumented RHK/IKI: a page naming them, whose form repeats the request confirmed."""
        baris = [{"ev": e, "label": q_nilai.label_periode(e), "rhk": kosong[e.id]} for e in evs if e.id in kosong]
        return self.render_template(
            "kinerja/penilaian/konfirmasi_tandatangan.html",
            title="Konfirmasi: realisasi belum didokumentasikan",
            baris=baris,
            aksi=aksi,
            rowid=list(rowid),
            versi=versi,
            kembali=url_for("EvaluasiKinerjaView.list") if rowid else self._ke_ev(evs[0].id),
        )

    @expose("/tandatangani/<pk>", methods=["POST"])
    @has_access
    def tandatangani(self, pk):
        ev = self._ev(pk)
        konfirmasi = request.form.get("konfirmasi_dokumentasi") == "1"
        if not konfirmasi:
            kosong = q_nilai.perlu_konfirmasi([ev], konteks())
            if kosong:
                return self._konfirmasi_dokumentasi(
                    [ev], kosong, url_for("EvaluasiKinerjaView.tandatangani", pk=ev.id), versi=request.form.get("versi")
                )
        versi = request.form.get("versi")
        return self._jalankan(
            lambda: q_nilai.tandatangani(ev, konteks(), g.user, versi, konfirmasi),
            "Evaluasi ditandatangani secara elektronik; sampaikan dokumen kepada pegawai.",
            self._ke_ev(ev.id),
        )

    @expose("/sampaikan/<pk>", methods=["POST"])
    @has_access
    def sampaikan(self, pk):
        ev = self._ev(pk)
        return self._jalankan(
            lambda: q_nilai.sampaikan(ev, konteks(), request.form.get("versi")),
            "Dokumen evaluasi disampaikan kepada pegawai.",
            self._ke_ev(ev.id),
        )

    @expose("/terima/<pk>", methods=["POST"])
    @has_access
    def terima(self, pk):
        ev = self._ev(pk)
        return self._jalankan(
            lambda: q_nilai.terima(ev, konteks(), g.user, request.form.get("versi")),
            "Penerimaan dokumen ditandatangani.",
            self._ke_ev(ev.id),
        )

    @expose("/kembalikan/<pk>", methods=["POST"])
    @has_access
    def kembalikan(self, pk):
        ev = self._ev(pk)
        return self._jalankan(
            lambda: q_nilai.kembalikan(ev, konteks(), request.form.get("versi")),
            "Dokumen dikembalikan kepada pejabat penilai.",
            self._ke_ev(ev.id),
        )

    @expose("/laporkan/<pk>", methods=["POST"])
    @has_access
    def laporkan(self, pk):
        ev = self._ev(pk)

        def fn():
            n, tolak = q_nilai.laporkan_massal([ev], konteks())
            if not n:
                raise Ditolak("Tidak dapat dilaporkan: " + "; ".join(t.split(": ", 1)[1] for t in tolak))

        return self._jalankan(fn, "Dokumen evaluasi dilaporkan kepada PyB.", self._ke_ev(ev.id))

    @expose("/hitung_periode/", methods=["POST"])
    @has_access
    def hitung_periode(self):
        f = request.form
        tahun, nomor = bilangan_atau(f.get("tahun")), bilangan_atau(f.get("periode_nomor"))
        jenis = f.get("jenis") or JenisEvaluasi.PERIODIK.value
        if (
            tahun is None
            or (nomor is None and jenis != JenisEvaluasi.TAHUNAN.value)
            or jenis not in (JenisEvaluasi.PERIODIK.value, JenisEvaluasi.TAHUNAN.value)
        ):
            flash("Tahun, jenis, dan nomor periode wajib diisi.", "danger")
            return redirect(url_for("EvaluasiKinerjaView.list"))
        nomor = 0 if jenis == JenisEvaluasi.TAHUNAN.value else nomor
        ambang = current_app.config.get("HITUNG_LATAR_AMBANG", 5000)
        if q_nilai.jumlah_draf_periode(tahun, jenis, nomor, cakupan_aktif("evaluasi_kinerja")) > ambang:
            # a province's period: a background job (a Celery worker where configured), with a progress page
            judul = f"Hitung predikat {JenisEvaluasi(jenis).label.lower()} {tahun}" + (
                f" periode {nomor}" if nomor else ""
            )
            pid = pekerjaan.mulai("hitung_predikat", judul, hitung_predikat_latar, tahun, jenis, nomor)
            return redirect(url_for("PekerjaanView.show", pid=pid))
        satu_transaksi(
            lambda: q_nilai.hitung_predikat_periode(tahun, jenis, nomor, cakupan_aktif("evaluasi_kinerja"), konteks()),
            lambda n: f"Predikat dihitung ulang untuk {n} evaluasi draf pada periode itu.",
        )
        return redirect(url_for("EvaluasiKinerjaView.list"))

    # -- bulk actions (rows already re-fetched through the scope by action_post) ------------------------
    @action("hitung_predikat", "Hitung predikat", icon="fa-calculator", multiple=True, single=False)
    def aksi_hitung_predikat(self, items):
        n, lewat = q_nilai.hitung_predikat_massal(items, konteks())
        db.session.commit()
        flash(
            f"Predikat dihitung untuk {n} evaluasi."
            + (f" {lewat} dilewati (bukan draf, rating belum lengkap, atau bukan penilainya)." if lewat else ""),
            "success" if n else "warning",
        )
        return redirect(url_for("EvaluasiKinerjaView.list"))

    @action(
        "tetapkan",
        "Tetapkan (tandatangani)",
        confirmation="Tandatangani evaluasi draf yang dipilih?",
        icon="fa-pencil-square-o",
        multiple=True,
        single=False,
    )
    def aksi_tetapkan(self, items):
        konfirmasi = request.form.get("konfirmasi_dokumentasi") == "1"
        if not konfirmasi:
            kosong = q_nilai.perlu_konfirmasi(items, konteks())
            if kosong:
                return self._konfirmasi_dokumentasi(
                    items, kosong, url_for("EvaluasiKinerjaView.action_post"), rowid=[e.id for e in items]
                )
        hasil = satu_transaksi(lambda: q_nilai.tandatangani_massal(items, konteks(), g.user, konfirmasi))
        if hasil is None:
            return redirect(url_for("EvaluasiKinerjaView.list"))
        ok, tolak = hasil
        if ok:
            flash(f"{len(ok)} evaluasi ditandatangani.", "success")
        if tolak:
            flash(
                f"{len(tolak)} tidak ditandatangani: " + "; ".join(tolak[:10]) + (" …" if len(tolak) > 10 else ""),
                "warning",
            )
        return redirect(url_for("EvaluasiKinerjaView.list"))

    @action("laporkan", "Laporkan ke PyB", icon="fa-send", multiple=True, single=False)
    def aksi_laporkan(self, items):
        n, tolak = q_nilai.laporkan_massal(items, konteks())
        db.session.commit()
        flash(
            f"{n} dokumen evaluasi dilaporkan kepada PyB." + (f" {len(tolak)} dilewati." if tolak else ""),
            "success" if n else "warning",
        )
        return redirect(url_for("EvaluasiKinerjaView.list"))


# ---------------------------------------------------------------------------------------------------------
# Keberatan
# ---------------------------------------------------------------------------------------------------------


class KeberatanView(_Jalankan, KinerjaModelView):
    route_base = "/keberatan"
    scope_resource = "keberatan"
    datamodel = EagerSQLAInterface(Keberatan, eager=("pegawai", "evaluasi"))
    list_title = "Keberatan atas Evaluasi Kinerja"
    label_columns = LABEL
    list_columns = [
        "pegawai",
        "evaluasi",
        "tanggal_pengajuan",
        "tenggat_keputusan",
        "keputusan",
        "predikat_baru",
        "tanggal_keputusan",
    ]
    search_columns = ["tanggal_pengajuan", "keputusan", "predikat_baru"]
    formatters_columns = {
        "keputusan": lambda v: KeputusanKeberatan(v).label if v else "Belum diputus",
        "predikat_baru": _label(Predikat),
        "evaluasi": lambda e: f"{q_nilai.label_periode(e)} ({e.format_dokumen})" if e else "",
    }
    base_permissions = ["can_list", "can_show", "can_export", "can_ajukan", "can_putuskan"]
    method_permission_name = {
        **KinerjaModelView.method_permission_name,
        "show": "show",
        "ajukan": "ajukan",
        "penjelasan": "putuskan",
        "putuskan": "putuskan",
    }
    export_title = "Register Keberatan"
    export_columns = [
        "pegawai.nip",
        "pegawai.nama",
        "evaluasi.tahun",
        "evaluasi.jenis",
        "evaluasi.periode_nomor",
        "tanggal_pengajuan",
        "alasan",
        "tenggat_keputusan",
        "keputusan",
        "predikat_baru",
        "tanggal_keputusan",
    ]

    def _kb(self, pk) -> Keberatan:
        kb = db.session.scalar(
            select(Keberatan).where(Keberatan.id == (bilangan_atau(pk) or 0)).where(cakupan_aktif("keberatan"))
        )
        if kb is None:
            abort(404)
        return kb

    @expose("/show/<pk>")
    @has_access
    def show(self, pk):
        return self._halaman(self._kb(pk))

    def _halaman(self, kb):
        k = konteks()
        ev = db.session.get(EvaluasiKinerja, kb.evaluasi_id)
        boleh = (
            not kb.keputusan
            and self.appbuilder.sm.has_access("can_putuskan", "KeberatanView")
            and (k.pegawai_id == ev.atasan_penilai_id or R.ADMIN in k.role_names)
        )
        return self.render_template(
            "kinerja/penilaian/keberatan.html",
            title="Keberatan",
            kb=kb,
            ev=ev,
            label_periode=q_nilai.label_periode(ev),
            boleh_putuskan=boleh,
            Predikat=Predikat,
            Keputusan=KeputusanKeberatan,
            terlambat=not kb.keputusan and jam.hari_ini() > kb.tenggat_keputusan,
        )

    @expose("/ajukan/<ev_pk>", methods=["POST"])
    @has_access
    def ajukan(self, ev_pk):
        ev = q_nilai.muat_evaluasi(bilangan_atau(ev_pk, 0), cakupan_aktif("evaluasi_kinerja"))
        if ev is None:
            abort(404)
        halaman_ev = next(v for v in self.appbuilder.baseviews if isinstance(v, EvaluasiKinerjaView))._halaman
        return self._jalankan(
            lambda: q_nilai.ajukan_keberatan(ev, konteks(), request.form.get("alasan")),
            "Keberatan diajukan kepada atasan pejabat penilai kinerja.",
            url_for("EvaluasiKinerjaView.show", pk=ev.id),
            tampilkan=lambda: halaman_ev(ev),
        )

    @expose("/penjelasan/<pk>", methods=["POST"])
    @has_access
    def penjelasan(self, pk):
        kb = self._kb(pk)
        f = request.form
        return self._jalankan(
            lambda: q_nilai.catat_penjelasan(
                kb, konteks(), f.get("penjelasan_penilai"), f.get("penjelasan_pegawai"), f.get("versi")
            ),
            "Penjelasan kedua pihak dicatat.",
            url_for("KeberatanView.show", pk=kb.id),
            tampilkan=lambda: self._halaman(kb),
        )

    @expose("/putuskan/<pk>", methods=["POST"])
    @has_access
    def putuskan(self, pk):
        kb = self._kb(pk)
        f = request.form
        return self._jalankan(
            lambda: q_nilai.putuskan(
                kb,
                konteks(),
                g.user,
                f.get("keputusan"),
                f.get("predikat_baru"),
                f.get("rekomendasi_baru"),
                f.get("versi"),
            ),
            lambda baru: (
                "Keberatan diputus: hasil evaluasi diubah, dokumen D.1.3 diterbitkan."
                if baru
                else "Keberatan diputus: hasil evaluasi dikuatkan."
            ),
            url_for("KeberatanView.show", pk=kb.id),
            tampilkan=lambda: self._halaman(kb),
        )


# ---------------------------------------------------------------------------------------------------------
# Capaian kinerja organisasi
# ---------------------------------------------------------------------------------------------------------


class CapaianOrganisasiView(KinerjaModelView):
    route_base = "/capaianorganisasi"
    scope_resource = "capaian_organisasi"
    datamodel = EagerSQLAInterface(CapaianKinerjaOrganisasi, eager=("unit_kerja",))
    list_title = show_title = add_title = edit_title = "Capaian Kinerja Organisasi"
    label_columns = {**LABEL, "periode_nomor": "Nomor Periode (0 = tahunan)"}
    list_columns = ["unit_kerja", "tahun", "periode_jenis", "periode_nomor", "capaian", "tanggal_terbit"]
    show_columns = add_columns = edit_columns = list_columns
    search_columns = ["tahun", "periode_jenis", "capaian", "unit_kerja"]
    order_columns = ["tahun", "periode_nomor", "capaian"]
    base_order = ("id", "desc")
    formatters_columns = {"capaian": _label(CapaianOrganisasi), "periode_jenis": _label(JenisPeriode)}
    lookup_columns = {"unit_kerja": (UnitKerja, UnitKerja.nama, _label_unit, "kandidat_unit_dipimpin")}
    add_form_extra_fields = edit_form_extra_fields = {
        "unit_kerja": AjaxSelectField(
            "Unit Kerja",
            [DataRequired(message="Wajib diisi.")],
            model=UnitKerja,
            endpoint="CapaianOrganisasiView.lookup",
            column="unit_kerja",
            label_fn=_label_unit,
        ),
        "tahun": IntegerField("Tahun", [DataRequired(message="Wajib diisi."), NumberRange(2000, 2100)]),
        "periode_jenis": SelectField(
            "Jenis Periode",
            [DataRequired(message="Wajib dipilih.")],
            choices=[(m.value, m.label) for m in (JenisPeriode.BULANAN, JenisPeriode.TRIWULANAN, JenisPeriode.TAHUNAN)],
        ),
        "periode_nomor": IntegerField(
            "Nomor Periode", [Optional()], description="Bulan 1–12 / triwulan 1–4; kosong atau 0 untuk capaian tahunan."
        ),
        "capaian": pilihan("Capaian", CapaianOrganisasi),
        "tanggal_terbit": DateField(
            "Tanggal Terbit",
            [Optional()],
            description="Capaian tahunan yang terbit sesudah Januari tahun berikutnya tidak "
            "dipakai; dipakai capaian tahun sebelumnya (001 B.1 f).",
        ),
    }
    search_form_extra_fields = {
        "unit_kerja": AjaxSelectField(
            "Unit Kerja",
            model=UnitKerja,
            endpoint="CapaianOrganisasiView.lookup",
            column="unit_kerja",
            label_fn=_label_unit,
        )
    }
    export_title = "Capaian Kinerja Organisasi"
    export_columns = ["unit_kerja", "tahun", "periode_jenis", "periode_nomor", "capaian", "tanggal_terbit"]

    def _periksa(self, item, item_id=None):
        if item.unit_kerja is None:
            raise ValueError("Unit kerja wajib diisi.")
        if not q_nilai.unit_boleh_capaian(konteks(), item.unit_kerja.id):
            raise ValueError("Anda hanya dapat mengisi capaian unit kerja yang Anda pimpin.")
        if item.periode_jenis == JenisPeriode.TAHUNAN.value:
            item.periode_nomor = 0
        else:
            n = len(daftar_periode(item.tahun, item.periode_jenis))
            if not item.periode_nomor or not 1 <= item.periode_nomor <= n:
                raise ValueError(f"Nomor periode harus 1–{n} untuk periode {JenisPeriode(item.periode_jenis).label}.")
        ada = db.session.scalar(
            select(CapaianKinerjaOrganisasi.id).where(
                CapaianKinerjaOrganisasi.unit_kerja_id == item.unit_kerja.id,
                CapaianKinerjaOrganisasi.tahun == item.tahun,
                CapaianKinerjaOrganisasi.periode_jenis == item.periode_jenis,
                CapaianKinerjaOrganisasi.periode_nomor == item.periode_nomor,
                CapaianKinerjaOrganisasi.id != (item_id or 0),
            )
        )
        if ada:
            raise ValueError("Capaian unit kerja untuk periode ini sudah ada; ubah data yang ada.")

    def pre_add(self, item):
        self._periksa(item)

    def pre_update(self, item):
        self._periksa(item, item.id)


# ---------------------------------------------------------------------------------------------------------
# R15 data: transfers (mutasi) and delegated evaluation authority
# ---------------------------------------------------------------------------------------------------------


class MutasiPegawaiView(KinerjaModelView):
    """The operator records an SK mutasi: the employee's current position moves on save (one transaction), the
    record keeps since when (who evaluates around the date: 001 Lampiran "Evaluasi Kinerja" 13–14)."""

    route_base = "/mutasipegawai"
    scope_resource = "mutasi_pegawai"
    judul = "Mutasi Pegawai"
    datamodel = EagerSQLAInterface(
        MutasiPegawai, eager=("pegawai", "jabatan_asal", "jabatan_tujuan", "unit_kerja_tujuan")
    )
    label_columns = {
        "pegawai": "Pegawai",
        "tanggal_efektif": "Terhitung Tanggal",
        "nomor_sk": "Nomor SK",
        "jabatan_asal": "Jabatan Asal",
        "unit_kerja_asal": "Unit Kerja Asal",
        "jabatan_tujuan": "Jabatan Tujuan",
        "unit_kerja_tujuan": "Unit Kerja Tujuan",
        "keterangan": "Keterangan",
    }
    list_columns = ["pegawai", "tanggal_efektif", "nomor_sk", "jabatan_asal", "jabatan_tujuan", "unit_kerja_tujuan"]
    show_columns = [
        "pegawai",
        "tanggal_efektif",
        "nomor_sk",
        "jabatan_asal",
        "unit_kerja_asal",
        "jabatan_tujuan",
        "unit_kerja_tujuan",
        "keterangan",
    ]
    add_columns = ["pegawai", "tanggal_efektif", "nomor_sk", "jabatan_tujuan", "unit_kerja_tujuan", "keterangan"]
    search_columns = ["tanggal_efektif", "nomor_sk", "pegawai"]
    order_columns = ["tanggal_efektif"]
    base_order = ("tanggal_efektif", "desc")
    base_permissions = ["can_list", "can_show", "can_add", "can_export"]
    lookup_columns = {
        "pegawai": (Pegawai, Pegawai.nama, label_pegawai_unit, "pegawai"),
        "jabatan_tujuan": (Jabatan, Jabatan.nama, _label_jabatan, "jabatan"),
        "unit_kerja_tujuan": (UnitKerja, UnitKerja.nama, _label_unit, "unit_kerja"),
    }
    add_form_extra_fields = {
        "pegawai": AjaxSelectField(
            "Pegawai",
            [DataRequired(message="Wajib diisi.")],
            model=Pegawai,
            endpoint="MutasiPegawaiView.lookup",
            column="pegawai",
            label_fn=label_pegawai_unit,
        ),
        "tanggal_efektif": DateField(
            "Terhitung Tanggal",
            [DataRequired(message="Wajib diisi.")],
            description="Tanggal berlaku SK mutasi: menentukan siapa yang mengevaluasi "
            '(001 Lampiran "Evaluasi Kinerja" 13–14).',
        ),
        "jabatan_tujuan": AjaxSelectField(
            "Jabatan Tujuan",
            model=Jabatan,
            endpoint="MutasiPegawaiView.lookup",
            column="jabatan_tujuan",
            label_fn=_label_jabatan,
            description="Kosongkan bila pindah ke luar instansi.",
        ),
        "unit_kerja_tujuan": AjaxSelectField(
            "Unit Kerja Tujuan",
            model=UnitKerja,
            endpoint="MutasiPegawaiView.lookup",
            column="unit_kerja_tujuan",
            label_fn=_label_unit,
            description="Bawaan: unit kerja jabatan tujuan.",
        ),
    }
    search_form_extra_fields = {
        "pegawai": AjaxSelectField(
            "Pegawai", model=Pegawai, endpoint="MutasiPegawaiView.lookup", column="pegawai", label_fn=label_pegawai_unit
        )
    }
    export_title = "Register Mutasi Pegawai"
    export_columns = [
        "pegawai.nip",
        "pegawai.nama",
        "tanggal_efektif",
        "nomor_sk",
        "jabatan_asal.nama",
        "unit_kerja_asal.nama",
        "jabatan_tujuan.nama",
        "unit_kerja_tujuan.nama",
        "keterangan",
    ]

    def pre_add(self, item):
        catat_mutasi(item)  # a Ditolak is flashed by FAB; nothing is saved


class DelegasiPenilaiView(KinerjaModelView):
    """Delegated evaluation authority (001 Lampiran "Evaluasi Kinerja" 2–3, 7), kept by the operator / PyB on
    behalf of the delegating superior."""

    route_base = "/delegasipenilai"
    scope_resource = "delegasi_penilai"
    judul = "Delegasi Pejabat Penilai"
    datamodel = EagerSQLAInterface(DelegasiPenilai, eager=("pegawai", "jabatan", "unit_kerja"))
    label_columns = {
        "pegawai": "Penerima Delegasi",
        "jenis": "Jenis",
        "jabatan": "Jabatan Penilai yang Diwakili",
        "unit_kerja": "Unit Kerja yang Dipimpin",
        "mulai": "Mulai",
        "selesai": "Selesai",
        "pemberi": "Pemberi Delegasi",
        "nomor_sk": "Nomor Surat/SK",
        "keterangan": "Keterangan",
    }
    list_columns = ["pegawai", "jenis", "jabatan", "unit_kerja", "mulai", "selesai", "pemberi"]
    show_columns = [
        "pegawai",
        "jenis",
        "jabatan",
        "unit_kerja",
        "mulai",
        "selesai",
        "pemberi",
        "nomor_sk",
        "keterangan",
    ]
    add_columns = edit_columns = [
        "pegawai",
        "jenis",
        "jabatan",
        "unit_kerja",
        "mulai",
        "selesai",
        "pemberi",
        "nomor_sk",
        "keterangan",
    ]
    search_columns = ["jenis", "mulai", "selesai", "pegawai"]
    order_columns = ["mulai", "selesai"]
    base_order = ("mulai", "desc")
    formatters_columns = {"jenis": _label(JenisDelegasi)}
    lookup_columns = {
        "pegawai": (Pegawai, Pegawai.nama, label_pegawai_unit, "pegawai"),
        "pemberi": (Pegawai, Pegawai.nama, label_pegawai_unit, "pegawai"),
        "jabatan": (Jabatan, Jabatan.nama, _label_jabatan, "jabatan"),
        "unit_kerja": (UnitKerja, UnitKerja.nama, _label_unit, "unit_kerja"),
    }
    add_form_extra_fields = edit_form_extra_fields = {
        "pegawai": AjaxSelectField(
            "Penerima Delegasi",
            [DataRequired(message="Wajib diisi.")],
            model=Pegawai,
            endpoint="DelegasiPenilaiView.lookup",
            column="pegawai",
            label_fn=label_pegawai_unit,
        ),
        "jenis": pilihan("Jenis", JenisDelegasi),
        "jabatan": AjaxSelectField(
            "Jabatan Penilai yang Diwakili",
            model=Jabatan,
            endpoint="DelegasiPenilaiView.lookup",
            column="jabatan",
            label_fn=_label_jabatan,
            description="Plt/Plh: jabatan pejabat penilai; bawahannya dievaluasi penerima.",
        ),
        "unit_kerja": AjaxSelectField(
            "Unit Kerja yang Dipimpin",
            model=UnitKerja,
            endpoint="DelegasiPenilaiView.lookup",
            column="unit_kerja",
            label_fn=_label_unit,
            description="Pejabat fungsional yang memimpin unit (kepala sekolah, kepala puskesmas): pegawai unit ini.",
        ),
        "mulai": DateField("Mulai", [DataRequired(message="Wajib diisi.")]),
        "selesai": DateField("Selesai", [Optional()]),
        "pemberi": AjaxSelectField(
            "Pemberi Delegasi",
            model=Pegawai,
            endpoint="DelegasiPenilaiView.lookup",
            column="pemberi",
            label_fn=label_pegawai_unit,
            description='Atasan pejabat penilai yang mendelegasikan (001 Lampiran "Evaluasi Kinerja" 3).',
        ),
    }
    search_form_extra_fields = {
        "jenis": pilihan("Jenis", JenisDelegasi, wajib=False),
        # never a dropdown of every employee in the filter
        "pegawai": AjaxSelectField(
            "Penerima Delegasi",
            model=Pegawai,
            endpoint="DelegasiPenilaiView.lookup",
            column="pegawai",
            label_fn=label_pegawai_unit,
        ),
    }
    export_title = "Register Delegasi Pejabat Penilai"
    export_columns = [
        "pegawai.nip",
        "pegawai.nama",
        "jenis",
        "jabatan.nama",
        "unit_kerja",
        "mulai",
        "selesai",
        "pemberi.nama",
        "nomor_sk",
    ]

    def _periksa(self, item):
        if item.pegawai is None:
            raise ValueError("Penerima delegasi wajib diisi.")
        if item.jabatan is None and item.unit_kerja is None:
            raise ValueError(
                "Isi jabatan penilai yang diwakili (Plt/Plh) atau unit kerja yang dipimpin (pejabat fungsional)."
            )
        if item.selesai and item.selesai < item.mulai:
            raise ValueError("Tanggal selesai tidak boleh sebelum tanggal mulai.")
        if item.jenis == JenisDelegasi.FUNGSIONAL.value:
            jab = item.pegawai.jabatan
            if jab is None or jab.jenis != "fungsional" or not jab.is_kepala_unit:
                raise ValueError(
                    "Delegasi pejabat fungsional hanya bagi pejabat fungsional yang memimpin unit kerja "
                    '(001 Lampiran "Evaluasi Kinerja" 7).'
                )
            if item.unit_kerja is None:
                item.unit_kerja = jab.unit_kerja
        if item.pemberi is not None and item.pemberi.id == item.pegawai.id:
            raise ValueError("Pemberi dan penerima delegasi tidak boleh orang yang sama.")

    def _sinkron(self, item):
        db.session.add(item)
        db.session.flush()
        bawahan = select(SKP.id).join(Jabatan, Jabatan.id == SKP.jabatan_id).where(Jabatan.atasan_id == item.jabatan_id)
        q_nilai.sinkron_draf(
            EvaluasiKinerja.skp_id.in_(bawahan) | (EvaluasiKinerja.unit_kerja_id == item.unit_kerja_id)
        )

    def pre_add(self, item):
        self._periksa(item)
        self._sinkron(item)

    def pre_update(self, item):
        self._periksa(item)
        self._sinkron(item)


# ---------------------------------------------------------------------------------------------------------
# Distribution (R5) and deadlines (R7)
# ---------------------------------------------------------------------------------------------------------


def _periode_args():
    tahun = bilangan_atau(request.args.get("tahun"), jam.hari_ini().year)
    jenis = request.args.get("jenis") or JenisEvaluasi.PERIODIK.value
    if jenis not in (JenisEvaluasi.PERIODIK.value, JenisEvaluasi.TAHUNAN.value):
        jenis = JenisEvaluasi.PERIODIK.value
    pj = q_nilai.jenis_periode(tahun)
    semua = daftar_periode(tahun, pj)
    if jenis == JenisEvaluasi.TAHUNAN.value:
        nomor = 0
    else:
        bawaan = next((p.nomor for p in semua if p.memuat(jam.hari_ini())), 1)
        nomor = bilangan_atau(request.args.get("periode_nomor"), bawaan)
        nomor = min(max(nomor, 1), len(semua))
    return tahun, jenis, nomor, semua


class DistribusiPredikatView(BaseView):
    route_base = "/distribusi"
    default_view = "daftar"
    method_permission_name = {"daftar": "list", "data": "list"}

    @expose("/")
    @has_access
    def daftar(self):
        tahun, jenis, nomor, semua = _periode_args()
        unit_id = bilangan_atau(request.args.get("unit"))
        rows = q_nilai.distribusi_unit(tahun, jenis, nomor, cakupan_aktif("evaluasi_kinerja"))
        pilih = next((r for r in rows if r["unit_id"] == unit_id), rows[0] if rows else None)
        return self.render_template(
            "kinerja/penilaian/distribusi.html",
            title="Distribusi Predikat Kinerja",
            rows=rows,
            pilih=pilih,
            tahun=tahun,
            jenis=jenis,
            nomor=nomor,
            periode=semua,
            Predikat=Predikat,
            CapaianOrganisasi=CapaianOrganisasi,
        )

    @expose("/data")
    @has_access
    def data(self):
        """Chart data as JSON (the same numbers the page draws)."""
        tahun, jenis, nomor, _ = _periode_args()
        unit = bilangan_atau(request.args.get("unit"))
        rows = q_nilai.distribusi_unit(tahun, jenis, nomor, cakupan_aktif("evaluasi_kinerja"), unit)
        return jsonify(tahun=tahun, jenis=jenis, periode_nomor=nomor, unit=rows)


class TenggatEvaluasiView(BaseView):
    route_base = "/tenggatevaluasi"
    default_view = "daftar"
    method_permission_name = {"daftar": "list"}

    @expose("/")
    @has_access
    def daftar(self):
        tahun = bilangan_atau(request.args.get("tahun"), jam.hari_ini().year)
        data = q_nilai.daftar_terlambat(tahun, cakupan_aktif("evaluasi_kinerja"), cakupan_aktif("keberatan"))
        return self.render_template(
            "kinerja/penilaian/tenggat.html",
            title="Tenggat Evaluasi Kinerja",
            tahun=tahun,
            data=data,
            label_periode=lambda r: (
                "Tahunan"
                if r.jenis == "tahunan"
                else q_nilai.periode(r.jenis, r.tahun, r.periode_jenis, r.periode_nomor).label
            ),
            SD=SD,
        )


def hitung_predikat_latar(lapor, tahun: int, jenis: str, nomor: int) -> pekerjaan.Hasil:
    """ "Hitung predikat" of a whole period as a job: the same query, the owner's scope."""
    lapor(5, "Menghitung predikat")
    n = q_nilai.hitung_predikat_periode(tahun, jenis, nomor, cakupan_aktif("evaluasi_kinerja"), konteks())
    return pekerjaan.Hasil(
        rincian={
            "ringkasan": f"Predikat dihitung ulang untuk {n} evaluasi draf pada periode itu.",
            "kembali": url_for("EvaluasiKinerjaView.list"),
        }
    )
