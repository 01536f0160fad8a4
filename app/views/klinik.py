"""Layanan Coaching Clinic SKP (004 BAB III C): bookings, unit requests, sessions, survey, reports.

Thin views: every decision (who, in which state, what is valid) is in ``app.queries.klinik``; each POST is one
transaction (commit once; rollback and an Indonesian message on a refused action). Rows are always fetched
through ``clause_for("klinik_sesi")`` / ``clause_for("klinik_permohonan")`` (404 outside the user's scope).
The attached SKP is drafted through ``app.queries.perencanaan``'s own functions, so its history is the SKP's.
"""

from __future__ import annotations

import datetime as dt

from flask import abort, flash, g, redirect, request, send_file, url_for
from flask_appbuilder import BaseView
from flask_appbuilder.baseviews import expose
from flask_appbuilder.security.decorators import has_access
from sqlalchemy import select
from wtforms.validators import DataRequired, NumberRange

from app import berkas, jam
from app.aksi import Ditolak, bilangan_atau, tanggal_atau
from app.excel.tulis import XLSX_MIME, Kolom, tulis_register
from app.extensions import db
from app.format import KOSONG
from app.format import tanggal as teks_tanggal
from app.format import waktu as waktu_sistem
from app.queries import klinik as q_klinik
from app.queries import perencanaan as q_rencana
from app.rules import Aspek, StatusSKP
from app.security import roles as R
from app.security.scope import konteks
from app.views.base import EagerSQLAInterface, KinerjaModelView, cakupan_aktif, satu_transaksi
from app.views.fields import label_enum as _label  # shared formatter
from app.views.fields import pilihan
from schema.enums import JenisRHK, JenisSesiKlinik, StatusPermohonanKlinik, StatusSesiKlinik
from schema.models import (
    Instansi,
    KlinikAnggota,
    KlinikJawabanSurvei,
    KlinikPermohonan,
    KlinikPertanyaanSurvei,
    KlinikSesi,
    KlinikSlot,
    KlinikTim,
    Pegawai,
)

SS = StatusSesiKlinik
SP = StatusPermohonanKlinik
LABEL = {
    "jenis": "Jenis Layanan",
    "mulai": "Mulai",
    "selesai": "Selesai",
    "tempat": "Tempat",
    "status": "Status",
    "anggota": "Anggota Tim",
    "pegawai": "Pegawai",
    "unit_kerja": "Unit Kerja (SKPD)",
    "nomor_surat": "Nomor Surat",
    "tanggal_surat": "Tanggal Surat",
    "perihal": "Perihal",
    "tim": "Tim",
    "tanggal_disposisi": "Tanggal Disposisi",
    "nama": "Nama Tim",
    "nomor_sk": "Nomor SK",
    "tanggal_sk": "Tanggal SK",
    "aktif": "Aktif",
    "urutan": "Urutan",
    "teks": "Pertanyaan",
    "skala_min": "Skala Terendah",
    "skala_maks": "Skala Tertinggi",
    "label_min": "Label Terendah",
    "label_maks": "Label Tertinggi",
    "anggota.pegawai": "Anggota Tim",
}


def _ya(v):
    return "Ya" if v else "Tidak"


def _waktu(v):  # user-typed slot/session times: already local
    return teks_tanggal(v) if v else KOSONG


def _tahun_arg() -> int:
    return bilangan_atau(request.args.get("tahun"), jam.hari_ini().year)


# ---------------------------------------------------------------------------------------------------------
# sessions
# ---------------------------------------------------------------------------------------------------------


class KlinikSesiView(KinerjaModelView):
    route_base = "/klinik/sesi"
    scope_resource = "klinik_sesi"
    judul = "Sesi Coaching Clinic"
    datamodel = EagerSQLAInterface(KlinikSesi, eager=("anggota.pegawai", "pegawai", "unit_kerja"))
    list_title = "Sesi Coaching Clinic SKP"
    list_template = "kinerja/klinik/list_sesi.html"
    label_columns = LABEL
    list_columns = ["mulai", "jenis", "pegawai", "unit_kerja", "anggota", "tempat", "status"]
    search_columns = ["status", "jenis", "mulai"]
    order_columns = ["mulai", "status", "jenis"]
    base_order = ("mulai", "desc")
    formatters_columns = {"status": _label(SS), "jenis": _label(JenisSesiKlinik), "mulai": _waktu}
    search_form_extra_fields = {"status": pilihan("Status", SS), "jenis": pilihan("Jenis Layanan", JenisSesiKlinik)}
    base_permissions = [
        "can_list",
        "can_show",
        "can_export",
        "can_pesan",
        "can_batal",
        "can_jadwal_ulang",
        "can_mulai",
        "can_catat",
        "can_selesaikan",
        "can_susun",
        "can_cetak",
    ]
    method_permission_name = {
        **KinerjaModelView.method_permission_name,
        "show": "show",
        "pesan": "pesan",
        "batal": "batal",
        "jadwal_ulang": "jadwal_ulang",
        "mulai": "mulai",
        "catat": "catat",
        "tanya_jawab": "catat",
        "peserta": "catat",
        "peserta_hapus": "catat",
        "selesaikan": "selesaikan",
        "skp": "susun",
        "rhk_simpan": "susun",
        "rhk_hapus": "susun",
        "iki_simpan": "susun",
        "iki_hapus": "susun",
        "laporan": "cetak",
        "laporan_xlsx": "cetak",
    }
    export_title = "Register Sesi Coaching Clinic"
    export_columns = [
        "mulai",
        "jenis",
        "pegawai.nip",
        "pegawai.nama",
        "unit_kerja",
        "anggota.pegawai.nama",
        "tempat",
        "status",
    ]

    def _sesi(self, pk) -> KlinikSesi:
        s = q_klinik.muat_sesi(pk, cakupan_aktif("klinik_sesi"))
        if s is None:
            abort(404)
        return s

    def _ke(self, s):
        return redirect(url_for("KlinikSesiView.show", pk=s.id))

    @expose("/show/<pk>")
    @has_access
    def show(self, pk):
        s = self._sesi(pk)
        k = konteks()
        petugas = q_klinik.petugas_sesi(s, k)
        return self.render_template(
            "kinerja/klinik/sesi.html",
            title=f"Sesi Coaching Clinic — {_waktu(s.mulai)}",
            s=s,
            k=k,
            petugas=petugas,
            pemesan=bool(k.pegawai_id) and s.pegawai_id == k.pegawai_id,
            boleh_baca_skp=q_klinik.boleh_baca_skp(s, k),
            perubahan=q_klinik.perubahan_skp_sesi(s) if petugas or q_klinik.pengelola(k) else [],
            slot=q_klinik.slot_tersedia(batas=50)
            if s.status == SS.DIPESAN.value and s.pegawai_id == k.pegawai_id
            else [],
            label_urutan=q_klinik.LABEL_URUTAN,
            SS=SS,
            label_status=_label(SS),
            waktu=_waktu,
            pengelola=q_klinik.pengelola(k),
        )

    # -- booking ---------------------------------------------------------------------------------------
    @expose("/pesan/", methods=["GET", "POST"])
    @has_access
    def pesan(self):
        k = konteks()
        if request.method == "POST":
            f = request.form
            s = satu_transaksi(
                lambda: q_klinik.pesan(k.pegawai_id, f.get("slot_id"), f.get("skp_id")),
                "Sesi coaching clinic dipesan. Bawa draf SKP Anda; anggota tim akan membahasnya bersama Anda.",
            )
            if s is not None:
                return self._ke(s)
        return self.render_template(
            "kinerja/klinik/pesan.html",
            title="Pesan Sesi Coaching Clinic",
            slot=q_klinik.slot_tersedia(),
            skp=q_klinik.skp_bisa_dilampirkan(k.pegawai_id),
            waktu=_waktu,
            label_skp=_label(StatusSKP),
        )

    @expose("/batal/<pk>", methods=["POST"])
    @has_access
    def batal(self, pk):
        s = self._sesi(pk)
        satu_transaksi(
            lambda: q_klinik.batal(s, konteks(), request.form.get("alasan"), request.form.get("versi")),
            "Sesi dibatalkan; slotnya kembali tersedia.",
        )
        return self._ke(s)

    @expose("/jadwal_ulang/<pk>", methods=["POST"])
    @has_access
    def jadwal_ulang(self, pk):
        s = self._sesi(pk)
        f = request.form
        baru = satu_transaksi(
            lambda: q_klinik.jadwal_ulang(s, konteks(), f.get("slot_id"), f.get("versi")),
            "Sesi dijadwalkan ulang ke slot baru.",
        )
        return self._ke(baru or s)

    # -- running the session ---------------------------------------------------------------------------
    @expose("/mulai/<pk>", methods=["POST"])
    @has_access
    def mulai(self, pk):
        s = self._sesi(pk)
        satu_transaksi(lambda: q_klinik.mulai(s, konteks(), request.form.get("versi")), "Sesi dimulai.")
        return self._ke(s)

    @expose("/catat/<pk>", methods=["POST"])
    @has_access
    def catat(self, pk):
        s = self._sesi(pk)
        satu_transaksi(lambda: q_klinik.simpan_catatan(s, konteks(), request.form), "Catatan sesi disimpan.")
        return self._ke(s)

    @expose("/tanya_jawab/<pk>", methods=["POST"])
    @has_access
    def tanya_jawab(self, pk):
        s = self._sesi(pk)
        satu_transaksi(lambda: q_klinik.tambah_tanya_jawab(s, konteks(), request.form), "Tanya jawab dicatat.")
        return self._ke(s)

    @expose("/peserta/<pk>", methods=["POST"])
    @has_access
    def peserta(self, pk):
        s = self._sesi(pk)
        semua = request.form.get("semua") == "1"
        n = satu_transaksi(
            lambda: q_klinik.tambah_peserta(s, konteks(), request.form.get("nip"), semua=semua),
            "Peserta ditambahkan sesuai urutan praktik (JPT, administrator, … pelaksana).",
        )
        if n == 0:
            flash("Tidak ada peserta baru yang ditambahkan.", "info")
        return self._ke(s)

    @expose("/peserta/<pk>/<int:peserta_id>/hapus", methods=["POST"])
    @has_access
    def peserta_hapus(self, pk, peserta_id):
        s = self._sesi(pk)
        satu_transaksi(lambda: q_klinik.hapus_peserta(s, konteks(), peserta_id), "Peserta dihapus.")
        return self._ke(s)

    @expose("/selesaikan/<pk>", methods=["POST"])
    @has_access
    def selesaikan(self, pk):
        s = self._sesi(pk)
        satu_transaksi(
            lambda: q_klinik.selesaikan(s, konteks(), request.form.get("versi")),
            "Sesi ditutup. Peserta menerima survei kepuasan di menu Survei Kepuasan Layanan.",
        )
        return self._ke(s)

    # -- the attached draft ----------------------------------------------------------------------------
    def _skp_sesi(self, pk):
        s = self._sesi(pk)
        k = konteks()
        if not q_klinik.boleh_baca_skp(s, k):
            abort(404)  # only the assigned member, only while the session is open
        return s, k

    @expose("/skp/<pk>")
    @has_access
    def skp(self, pk):
        s, k = self._skp_sesi(pk)
        skp = s.skp
        rhk = sorted(skp.rhk, key=lambda x: (x.jenis != JenisRHK.UTAMA.value, x.urutan))
        return self.render_template(
            "kinerja/klinik/skp.html",
            title=f"Draf SKP {skp.tahun} — {skp.pegawai_nama}",
            s=s,
            skp=skp,
            rhk=rhk,
            boleh_susun=q_klinik.boleh_susun_skp(s, k),
            jenis_rhk=JenisRHK.choices(),
            aspek=Aspek.choices(),
            jpt=skp.format_skp in q_rencana.FORMAT_JPT,
            kelengkapan=q_rencana.kelengkapan(skp),
            label_status=_label(StatusSKP),
            perubahan=q_klinik.perubahan_skp_sesi(s),
            target_teks=q_rencana.target_teks,
        )

    def _susun(self, pk, aksi, pesan: str):
        s, k = self._skp_sesi(pk)
        if not q_klinik.boleh_susun_skp(s, k):
            flash(
                "Draf SKP hanya dapat diubah selama sesi berlangsung dan selama SKP masih berstatus draf atau "
                "dikembalikan.",
                "danger",
            )
        else:
            # the session check above (assigned member, session under way, SKP still a draft) is the scope here
            satu_transaksi(lambda: aksi(s.skp, q_klinik.konteks_pendamping(k)), pesan)
        return redirect(url_for("KlinikSesiView.skp", pk=s.id))

    @expose("/skp/<pk>/rhk", methods=["POST"])
    @expose("/skp/<pk>/rhk/<int:rhk_id>", methods=["POST"])
    @has_access
    def rhk_simpan(self, pk, rhk_id=None):
        return self._susun(
            pk,
            lambda skp, kp: q_rencana.simpan_rhk(skp, kp, request.form, rhk_id),
            "Rencana Hasil Kerja disimpan pada draf SKP pegawai.",
        )

    @expose("/skp/<pk>/rhk/<int:rhk_id>/hapus", methods=["POST"])
    @has_access
    def rhk_hapus(self, pk, rhk_id):
        return self._susun(
            pk,
            lambda skp, kp: q_rencana.hapus_rhk(skp, kp, rhk_id, request.form.get("versi")),
            "Rencana Hasil Kerja dihapus.",
        )

    @expose("/skp/<pk>/iki", methods=["POST"])
    @expose("/skp/<pk>/iki/<int:iki_id>", methods=["POST"])
    @has_access
    def iki_simpan(self, pk, iki_id=None):
        return self._susun(
            pk,
            lambda skp, kp: q_rencana.simpan_iki(skp, kp, request.form, iki_id),
            "Indikator Kinerja Individu disimpan.",
        )

    @expose("/skp/<pk>/iki/<int:iki_id>/hapus", methods=["POST"])
    @has_access
    def iki_hapus(self, pk, iki_id):
        return self._susun(
            pk, lambda skp, kp: q_rencana.hapus_iki(skp, kp, iki_id, request.form.get("versi")), "Indikator dihapus."
        )

    # -- activity report --------------------------------------------------------------------------------
    @expose("/laporan/<pk>")
    @has_access
    def laporan(self, pk):
        s = self._sesi(pk)
        return self.render_template(
            "kinerja/klinik/laporan_cetak.html",
            title="Laporan Hasil Kegiatan",
            s=s,
            label_urutan=q_klinik.LABEL_URUTAN,
            waktu=_waktu,
            label_status=_label(SS),
            instansi=q_rencana.instansi_nama()[0],
            daerah=q_rencana.instansi_nama()[1],
        )

    @expose("/laporan/<pk>/xlsx")
    @has_access
    def laporan_xlsx(self, pk):
        s = self._sesi(pk)
        return send_file(
            q_klinik.xlsx_laporan(s, g.user.username),
            mimetype=XLSX_MIME,
            as_attachment=True,
            download_name=f"laporan-coaching-clinic-{s.id}.xlsx",
        )


# ---------------------------------------------------------------------------------------------------------
# unit requests
# ---------------------------------------------------------------------------------------------------------


class KlinikPermohonanView(KinerjaModelView):
    route_base = "/klinik/permohonan"
    scope_resource = "klinik_permohonan"
    judul = "Permohonan Layanan Unit"
    datamodel = EagerSQLAInterface(KlinikPermohonan, eager=("unit_kerja", "tim"))
    list_title = "Permohonan Layanan Coaching Clinic ke Unit (SKPD)"
    list_template = "kinerja/klinik/list_permohonan.html"
    label_columns = LABEL
    list_columns = ["tanggal_surat", "nomor_surat", "unit_kerja", "status", "tim", "tanggal_disposisi"]
    search_columns = ["status", "nomor_surat", "tanggal_surat"]
    order_columns = ["tanggal_surat", "nomor_surat", "status"]
    base_order = ("id", "desc")
    formatters_columns = {"status": _label(SP), "tanggal_disposisi": waktu_sistem}  # system stamp (UTC)
    search_form_extra_fields = {"status": pilihan("Status", SP)}
    base_permissions = [
        "can_list",
        "can_show",
        "can_export",
        "can_ajukan",
        "can_disposisi",
        "can_jadwalkan",
        "can_unduh",
    ]
    method_permission_name = {
        **KinerjaModelView.method_permission_name,
        "show": "show",
        "ajukan": "ajukan",
        "disposisi": "disposisi",
        "jadwalkan": "jadwalkan",
        "unduh": "unduh",
    }
    export_title = "Register Permohonan Coaching Clinic"
    export_columns = [
        "tanggal_surat",
        "nomor_surat",
        "unit_kerja",
        "perihal",
        "status",
        "tim.nama",
        "disposisi_oleh_nama",
        "tanggal_disposisi",
    ]

    def _p(self, pk) -> KlinikPermohonan:
        p = q_klinik.muat_permohonan(pk, cakupan_aktif("klinik_permohonan"))
        if p is None:
            abort(404)
        return p

    @expose("/show/<pk>")
    @has_access
    def show(self, pk):
        p = self._p(pk)
        k = konteks()
        sm = self.appbuilder.sm
        return self.render_template(
            "kinerja/klinik/permohonan.html",
            title=f"Permohonan {p.nomor_surat}",
            p=p,
            SP=SP,
            label_status=_label(SP),
            label_sesi=_label(SS),
            waktu=_waktu,
            tim=q_klinik.tim_aktif(),
            boleh_disposisi=p.status == SP.DIAJUKAN.value and sm.has_access("can_disposisi", "KlinikPermohonanView"),
            boleh_jadwal=p.status == SP.DIDISPOSISI.value and bool(q_klinik.anggota_saya(k, p.tim_id)),
            boleh_unduh=bool(p.scan_nama_simpan) and sm.has_access("can_unduh", "KlinikPermohonanView"),
        )

    @expose("/ajukan/", methods=["GET", "POST"])
    @has_access
    def ajukan(self):

        k = konteks()
        if request.method == "POST":
            u = berkas.Unggahan()

            def simpan():
                f = request.files.get("scan")
                if f is None or not f.filename:
                    raise Ditolak("Unggah pindaian (scan) surat permohonan (PDF, JPG, atau PNG).")
                try:
                    return u.simpan(f)
                except berkas.GalatBerkas as e:  # the upload's refusal, shown like any other
                    raise Ditolak(str(e)) from None

            p = satu_transaksi(
                lambda: q_klinik.ajukan_permohonan(k, g.user.username, request.form, simpan),
                "Permohonan layanan coaching clinic diajukan kepada Kepala BKPSDM untuk didisposisi.",
                saat_batal=u.batalkan,
            )
            if p is not None:
                return redirect(url_for("KlinikPermohonanView.show", pk=p.id))
        operator = bool(k.role_names & {R.OPERATOR, R.ADMIN})
        return self.render_template(
            "kinerja/klinik/ajukan.html",
            title="Ajukan Permohonan Layanan ke Unit",
            operator=operator,
            unit=q_klinik.perangkat_daerah() if operator else q_klinik.unit_dikelola(k),
            hari_ini=jam.hari_ini(),
        )

    @expose("/disposisi/<pk>", methods=["POST"])
    @has_access
    def disposisi(self, pk):
        p = self._p(pk)
        nama = f"{g.user.first_name} {g.user.last_name}".strip()
        f = request.form
        satu_transaksi(
            lambda: q_klinik.disposisi(p, konteks(), nama, f.get("tim_id"), f.get("catatan")),
            "Permohonan didisposisi kepada tim coaching clinic.",
        )
        return redirect(url_for("KlinikPermohonanView.show", pk=p.id))

    @expose("/jadwalkan/<pk>", methods=["POST"])
    @has_access
    def jadwalkan(self, pk):
        p = self._p(pk)
        s = satu_transaksi(
            lambda: q_klinik.jadwalkan_kunjungan(p, konteks(), request.form),
            "Kunjungan coaching clinic ke unit dijadwalkan.",
        )
        if s is not None:
            return redirect(url_for("KlinikSesiView.show", pk=s.id))
        return redirect(url_for("KlinikPermohonanView.show", pk=p.id))

    @expose("/unduh/<pk>")
    @has_access
    def unduh(self, pk):

        p = self._p(pk)
        if not p.scan_nama_simpan:
            abort(404)
        try:
            return berkas.kirim(p.scan_nama_simpan, p.scan_content_type, p.scan_nama_asli or "surat")
        except (FileNotFoundError, berkas.GalatBerkas):
            abort(404)


# ---------------------------------------------------------------------------------------------------------
# slots, team, questions
# ---------------------------------------------------------------------------------------------------------


class KlinikSlotView(KinerjaModelView):
    route_base = "/klinik/slot"
    scope_resource = "klinik_slot"
    judul = "Slot Jadwal Layanan"
    datamodel = EagerSQLAInterface(KlinikSlot, eager=("anggota.pegawai",))
    list_title = "Jadwal Layanan Tim Coaching Clinic"
    list_template = "kinerja/klinik/list_slot.html"
    label_columns = LABEL
    list_columns = ["mulai", "selesai", "anggota", "tempat"]
    show_columns = list_columns
    search_columns = ["mulai", "tempat"]
    order_columns = ["mulai"]
    base_order = ("mulai", "desc")
    formatters_columns = {"mulai": _waktu, "selesai": _waktu}
    base_permissions = ["can_list", "can_show", "can_add", "can_delete"]

    @expose("/add", methods=["GET", "POST"])
    @has_access
    def add(self):
        k = konteks()
        if request.method == "POST":
            slots = satu_transaksi(lambda: q_klinik.buat_slot(k, request.form), "Slot jadwal ditambahkan.")
            if slots:
                return redirect(url_for("KlinikSlotView.list"))
        anggota = (
            db.session.scalars(select(KlinikAnggota).where(KlinikAnggota.aktif.is_(True))).all()
            if q_klinik.pengelola(k)
            else q_klinik.anggota_saya(k)
        )
        return self.render_template(
            "kinerja/klinik/slot_tambah.html",
            title="Tambah Slot Jadwal",
            anggota=anggota,
            pengelola=q_klinik.pengelola(k),
            besok=jam.hari_ini() + dt.timedelta(days=1),
        )

    def pre_delete(self, item):
        if db.session.scalar(select(KlinikSesi.id).where(KlinikSesi.slot_id == item.id).limit(1)):
            raise ValueError(
                "Slot ini sudah pernah dipesan sehingga tidak dapat dihapus; batalkan sesinya bila "
                "perlu, slot lama tetap tercatat."
            )


class KlinikTimView(KinerjaModelView):
    route_base = "/klinik/tim"
    scope_resource = "klinik_tim"
    judul = "Tim Coaching Clinic"
    datamodel = EagerSQLAInterface(KlinikTim)
    list_title = "Tim Coaching Clinic SKP"
    label_columns = LABEL
    list_columns = ["nama", "nomor_sk", "tanggal_sk", "aktif"]
    search_columns = list_columns  # FAB's default adds relation filters: anggota loaded each member's pegawai (N+1)
    add_columns = edit_columns = ["nama", "nomor_sk", "tanggal_sk", "aktif"]
    formatters_columns = {"aktif": _ya}
    base_permissions = ["can_list", "can_show", "can_add", "can_edit", "can_delete"]
    method_permission_name = {
        **KinerjaModelView.method_permission_name,
        "show": "show",
        "anggota": "edit",
        "anggota_aktif": "edit",
    }

    def pre_add(self, item):
        item.instansi_id = db.session.scalar(select(Instansi.id).order_by(Instansi.id).limit(1))

    def pre_delete(self, item):
        if db.session.scalar(select(KlinikAnggota.id).where(KlinikAnggota.tim_id == item.id).limit(1)):
            raise ValueError("Tim yang sudah beranggota tidak dapat dihapus; nonaktifkan timnya.")

    def _tim(self, pk) -> KlinikTim:
        try:
            t = db.session.scalar(select(KlinikTim).where(KlinikTim.id == int(pk), cakupan_aktif("klinik_tim")))
        except (TypeError, ValueError):
            t = None
        if t is None:
            abort(404)
        return t

    @expose("/show/<pk>")
    @has_access
    def show(self, pk):
        t = self._tim(pk)
        return self.render_template(
            "kinerja/klinik/tim.html",
            title=t.nama,
            t=t,
            boleh_ubah=self.appbuilder.sm.has_access("can_edit", "KlinikTimView"),
        )

    @expose("/anggota/<pk>", methods=["POST"])
    @has_access
    def anggota(self, pk):
        t = self._tim(pk)

        def tambah():
            nip = (request.form.get("nip") or "").strip()
            p = db.session.scalar(select(Pegawai).where(Pegawai.nip == nip)) if nip else None
            if p is None:
                raise Ditolak("Pegawai dengan NIP tersebut tidak ditemukan.")
            if db.session.scalar(
                select(KlinikAnggota.id).where(KlinikAnggota.tim_id == t.id, KlinikAnggota.pegawai_id == p.id)
            ):
                raise Ditolak(f"{p.nama} sudah menjadi anggota tim ini.")
            db.session.add(KlinikAnggota(tim_id=t.id, pegawai_id=p.id, aktif=True))
            db.session.flush()

        satu_transaksi(tambah, 'Anggota tim ditambahkan. Beri akunnya peran "Tim Klinik SKP".')
        return redirect(url_for("KlinikTimView.show", pk=t.id))

    @expose("/anggota/<pk>/<int:aid>/aktif", methods=["POST"])
    @has_access
    def anggota_aktif(self, pk, aid):
        t = self._tim(pk)

        def ubah():
            a = db.session.scalar(select(KlinikAnggota).where(KlinikAnggota.id == aid, KlinikAnggota.tim_id == t.id))
            if a is None:
                raise Ditolak("Anggota tidak ditemukan pada tim ini.")
            a.aktif = not a.aktif
            db.session.flush()

        satu_transaksi(ubah, "Status anggota diubah.")
        return redirect(url_for("KlinikTimView.show", pk=t.id))


class KlinikPertanyaanView(KinerjaModelView):
    route_base = "/klinik/pertanyaan"
    scope_resource = "klinik_pertanyaan"
    judul = "Pertanyaan Survei"
    datamodel = EagerSQLAInterface(KlinikPertanyaanSurvei)
    list_title = "Pertanyaan Survei Kepuasan Layanan Coaching Clinic"
    label_columns = LABEL
    list_columns = ["urutan", "teks", "skala_min", "skala_maks", "label_min", "label_maks", "aktif"]
    add_columns = edit_columns = show_columns = list_columns
    order_columns = ["urutan"]
    base_order = ("urutan", "asc")
    formatters_columns = {"aktif": _ya}
    validators_columns = {
        "teks": [DataRequired(message="Pertanyaan wajib diisi.")],
        "skala_min": [NumberRange(min=0, max=9, message="Skala terendah 0–9.")],
        "skala_maks": [NumberRange(min=1, max=10, message="Skala tertinggi 1–10.")],
    }
    base_permissions = ["can_list", "can_show", "can_add", "can_edit", "can_delete"]

    def _cek(self, item):
        if item.skala_min is None or item.skala_maks is None or item.skala_maks <= item.skala_min:
            raise ValueError("Skala tertinggi harus lebih besar dari skala terendah.")

    pre_add = pre_update = _cek

    def pre_delete(self, item):

        if db.session.scalar(
            select(KlinikJawabanSurvei.id).where(KlinikJawabanSurvei.pertanyaan_id == item.id).limit(1)
        ):
            raise ValueError("Pertanyaan yang sudah dijawab tidak dapat dihapus; nonaktifkan saja.")


# ---------------------------------------------------------------------------------------------------------
# survey and reports
# ---------------------------------------------------------------------------------------------------------


class KlinikSurveiView(BaseView):
    route_base = "/klinik/survei"
    default_view = "daftar"
    method_permission_name = {"daftar": "list", "isi": "isi"}

    @expose("/")
    @has_access
    def daftar(self):
        k = konteks()
        return self.render_template(
            "kinerja/klinik/survei_daftar.html",
            title="Survei Kepuasan Layanan",
            sesi=q_klinik.survei_tertunda(k.pegawai_id),
            waktu=_waktu,
        )

    @expose("/isi/<pk>", methods=["GET", "POST"])
    @has_access
    def isi(self, pk):
        k = konteks()
        sesi = next((s for s in q_klinik.survei_tertunda(k.pegawai_id) if str(s.id) == str(pk)), None)
        if request.method == "POST":
            if (
                satu_transaksi(
                    lambda: q_klinik.isi_survei(pk, k.pegawai_id, request.form),
                    "Terima kasih. Jawaban Anda disimpan tanpa identitas.",
                )
                is not None
            ):
                return redirect(url_for("KlinikSurveiView.daftar"))
        if sesi is None:
            if request.method == "GET":
                flash("Survei sesi ini tidak tersedia untuk Anda (bukan peserta, atau sudah diisi).", "info")
            return redirect(url_for("KlinikSurveiView.daftar"))
        return self.render_template(
            "kinerja/klinik/survei_isi.html",
            title="Survei Kepuasan Layanan",
            s=sesi,
            tanya=q_klinik.pertanyaan_aktif(),
            waktu=_waktu,
        )


class KlinikLaporanView(BaseView):
    route_base = "/klinik/laporan"
    default_view = "evaluasi"
    method_permission_name = {"evaluasi": "list", "penyelesaian": "list", "ekspor": "export", "hasil": "hasil"}

    def _saya_saja(self):
        """A team member (without a managing role) sees only their own sessions and satisfaction."""
        k = konteks()
        return None if q_klinik.pengelola(k) else (k.pegawai_id or -1)

    @expose("/")
    @has_access
    def evaluasi(self):
        a = request.args
        tahun, dari, sampai = _tahun_arg(), tanggal_atau(a.get("dari")), tanggal_atau(a.get("sampai"))
        saya = self._saya_saja()
        return self.render_template(
            "kinerja/klinik/evaluasi.html",
            title="Evaluasi Layanan Coaching Clinic SKP",
            tahun=tahun,
            dari=dari,
            sampai=sampai,
            r=q_klinik.laporan_periode(tahun, dari, sampai, saya),
            kepuasan=q_klinik.hasil_survei(tahun, dari, sampai, saya),
            tanya=q_klinik.pertanyaan_aktif(),
            penyelesaian=q_klinik.penyelesaian_skp(tahun),
            tren=q_klinik.tren_klinik(tahun),
            min_resp=q_klinik.MIN_RESPONDEN,
            sendiri=saya is not None,
            boleh_ekspor=self.appbuilder.sm.has_access("can_export", "KlinikLaporanView"),
        )

    @expose("/penyelesaian/")
    @has_access
    def penyelesaian(self):
        tahun = _tahun_arg()
        return self.render_template(
            "kinerja/klinik/penyelesaian.html",
            title="Penyelesaian SKP per Unit",
            tahun=tahun,
            rows=q_klinik.penyelesaian_skp(tahun),
            tren=q_klinik.tren_klinik(tahun),
            waktu=_waktu,
        )

    @expose("/hasil/")
    @has_access
    def hasil(self):
        a = request.args
        tahun, dari, sampai = _tahun_arg(), tanggal_atau(a.get("dari")), tanggal_atau(a.get("sampai"))
        return self.render_template(
            "kinerja/klinik/hasil.html",
            title="Hasil Survei Kepuasan",
            tahun=tahun,
            dari=dari,
            sampai=sampai,
            rows=q_klinik.hasil_survei(tahun, dari, sampai, self._saya_saja()),
            tanya=q_klinik.pertanyaan_aktif(),
            min_resp=q_klinik.MIN_RESPONDEN,
        )

    @expose("/ekspor/")
    @has_access
    def ekspor(self):

        tahun = _tahun_arg()
        rows = q_klinik.penyelesaian_skp(tahun)
        tren = {t["unit_id"]: t for t in q_klinik.tren_klinik(tahun)}
        kolom = [
            Kolom("Perangkat Daerah", 48),
            Kolom("Wajib SKP", 12, "angka"),
            Kolom("SKP Ditetapkan", 14, "angka"),
            Kolom("Persentase", 12, "angka"),
            Kolom("Target", 10, "angka"),
            Kolom("Tercapai", 10),
            Kolom("Tanggal Klinik", 16),
            Kolom("Persentase Saat Klinik", 20, "angka"),
        ]
        baris = (
            [
                r["nama"],
                r["wajib"],
                r["selesai"],
                r["persen"],
                r["target"],
                "Ya" if r["tercapai"] else "Tidak",
                tren[r["unit_id"]]["tanggal"].date() if r["unit_id"] in tren else None,
                tren[r["unit_id"]]["persen_sebelum"] if r["unit_id"] in tren else None,
            ]
            for r in rows
        )
        f = tulis_register(
            f"Penyelesaian SKP per Unit Tahun {tahun}",
            kolom,
            baris,
            pengekspor=g.user.username,
            periode=f"Tahun {tahun}",
        )
        return send_file(f, mimetype=XLSX_MIME, as_attachment=True, download_name=f"penyelesaian-skp-{tahun}.xlsx")
