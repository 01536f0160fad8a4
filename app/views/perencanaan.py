"""Perencanaan: SKP list, generated A.1.x form per SKP, drafting, workflow, versions, MPPH, deadlines.

Views stay thin: every decision (who may, in which state, what is valid) is in ``app.queries.perencanaan``;
every POST here runs one transaction (commit once, rollback on a refused action) and redirects with a
message; a refused form is shown again holding what the user typed (``app.views.isian``). Rows are always
fetched through ``clause_for("skp")`` (404 outside the user's scope).
"""

from __future__ import annotations

from flask import abort, flash, g, redirect, request, send_file, url_for
from flask_appbuilder.baseviews import expose
from flask_appbuilder.security.decorators import has_access, has_access_api
from sqlalchemy import select

from app import jam
from app.aksi import bilangan_atau
from app.excel.tulis import XLSX_MIME
from app.extensions import db
from app.queries import perencanaan as q_rencana
from app.rules import ALASAN_PERUBAHAN_SKP, Aspek, JenisPeriode, Pendekatan, Perspektif, StatusSKP
from app.rules.waktu import NAMA_BULAN
from app.security import roles as R
from app.security.scope import konteks
from app.views.base import (
    AjaxSelectField,
    EagerSQLAInterface,
    KinerjaModelView,
    basi,
    cakupan_aktif,
    coba_transaksi,
    cocok_nama_nip,
    jawab_lookup,
    satu_transaksi,
)
from app.views.fields import label_enum as _label  # shared formatters
from app.views.fields import label_pegawai_unit, pilihan
from app.views.fields import label_unit as _label_unit
from app.views.fields import ya as _ya
from app.views.isian import tandai_ditolak, tolak
from schema.enums import JenisLampiran, JenisRHK, PeranTandaTangan, TingkatKendali
from schema.models import SKP, IndikatorKinerja, Pegawai, RencanaHasilKerja, UnitKerja

S = StatusSKP
LABEL_SKP = {
    "tahun": "Tahun",
    "pegawai": "Pegawai",
    "pegawai_nama": "Nama Pegawai",
    "pegawai_nip": "NIP",
    "pegawai_jabatan": "Jabatan",
    "pegawai_unit": "Unit Kerja",
    "unit_kerja": "Unit Kerja",
    "format_skp": "Format",
    "versi_ke": "Versi",
    "status": "Status",
    "aktif": "Berlaku",
    "penilai_nama": "Pejabat Penilai",
    "penilai_fallback": "Penilai Pengganti",
    "tenggat_penetapan": "Tenggat Penetapan",
    "pendekatan": "Pendekatan",
    "skp": "SKP",
    "jenis": "Jenis",
    "urutan": "No",
    "uraian": "Uraian",
    "rhk_atasan": "RHK Pimpinan yang Diintervensi",
    "perspektif": "Perspektif",
    "penugasan_dari": "Penugasan dari",
    "rhk": "Rencana Hasil Kerja",
    "aspek": "Aspek",
    "target_nilai": "Target",
    "target_satuan": "Satuan",
    "target_teks": "Target (uraian)",
    "tanggal_ditetapkan": "Tanggal Ditetapkan",
}


class SKPView(KinerjaModelView):
    route_base = "/skp"
    scope_resource = "skp"
    datamodel = EagerSQLAInterface(SKP)
    list_title = "Sasaran Kinerja Pegawai"
    list_template = "kinerja/perencanaan/list.html"
    label_columns = LABEL_SKP
    # snapshot columns: the list needs no join at all (bounded statements whatever the page size)
    list_columns = [
        "tahun",
        "pegawai_nama",
        "pegawai_nip",
        "pegawai_jabatan",
        "pegawai_unit",
        "format_skp",
        "versi_ke",
        "status",
        "aktif",
        "penilai_nama",
        "penilai_fallback",
        "tenggat_penetapan",
    ]
    search_columns = ["tahun", "status", "aktif", "pegawai", "unit_kerja", "format_skp", "pegawai_nama"]
    order_columns = ["tahun", "pegawai_nama", "status", "tenggat_penetapan", "versi_ke"]
    base_order = ("id", "desc")
    formatters_columns = {"status": _label(S), "aktif": _ya, "penilai_fallback": _ya}
    lookup_columns = {
        # employees and units of the SKP the user may see (no name harvesting)
        "pegawai": (Pegawai, Pegawai.nama, label_pegawai_unit, SKP.pegawai_id),
        "unit_kerja": (UnitKerja, UnitKerja.nama, _label_unit, SKP.unit_kerja_id),
    }
    search_form_extra_fields = {
        "status": pilihan("Status", S),
        "pegawai": AjaxSelectField(
            "Pegawai", model=Pegawai, endpoint="SKPView.lookup", column="pegawai", label_fn=label_pegawai_unit
        ),
        "unit_kerja": AjaxSelectField(
            "Unit Kerja", model=UnitKerja, endpoint="SKPView.lookup", column="unit_kerja", label_fn=_label_unit
        ),
    }
    base_permissions = [
        "can_list",
        "can_show",
        "can_export",
        "can_buat",
        "can_ubah_isi",
        "can_ajukan",
        "can_kembalikan",
        "can_tetapkan",
        "can_rute_atasan",
        "can_ubah_versi",
        "can_setujui",
        "can_atur_penilai",
        "can_rencana_aksi",
    ]
    method_permission_name = {
        **KinerjaModelView.method_permission_name,
        "show": "show",
        "cetak": "show",
        "unduh": "show",
        "riwayat": "show",
        "mpph_xlsx": "show",
        "mpph_cetak": "show",
        "manual_iki_xlsx": "show",
        "buat": "buat",
        "rhk_simpan": "ubah_isi",
        "rhk_hapus": "ubah_isi",
        "iki_simpan": "ubah_isi",
        "iki_hapus": "ubah_isi",
        "lampiran_simpan": "ubah_isi",
        "lampiran_hapus": "ubah_isi",
        "ekspektasi_simpan": "ubah_isi",
        "tugas_belajar": "ubah_isi",
        "ajukan": "ajukan",
        "kembalikan": "kembalikan",
        "tetapkan": "tetapkan",
        "rute_atasan": "rute_atasan",
        "ubah": "ubah_versi",
        "setujui": "setujui",
        "penilai_atur": "atur_penilai",
        "aksi_simpan": "rencana_aksi",
        "aksi_hapus": "rencana_aksi",
        "belum": "list",
        "mpph": "list",
        "pilihan_penilai": "atur_penilai",
    }
    export_title = "Register SKP"

    # -- helpers ----------------------------------------------------------------------------------------
    def _skp(self, pk) -> SKP:
        try:
            pk = int(pk)
        except (TypeError, ValueError):
            abort(404)
        skp = q_rencana.muat_skp(pk, cakupan_aktif("skp"))
        if skp is None:
            abort(404)
        return skp

    def _jalankan(self, pk, aksi, pesan: str, ke=None):
        """One user action = one transaction (``coba_transaksi``): commit on success, rollback + message on
        refusal, the page again holding what the user typed when there is any (``app.views.isian.tolak``)."""
        skp = self._skp(pk)
        diajukan = skp.status == S.DIAJUKAN.value

        def jalan():
            try:
                hasil = aksi(skp)
            except q_rencana.SKPDikembalikan as e:
                # refused, and returned to the employee on the way: the return is kept (committed), not rolled back
                return None, None, str(e)
            return hasil, q_rencana.dikembalikan_karena_isi(skp) if diajukan else None, None

        keluaran, galat = coba_transaksi(jalan)
        hasil = None
        if galat is not None:
            if basi(galat):
                flash(str(galat), "danger")
            else:  # the page again, holding what the user typed (a button alone: redirect as usual)
                halaman = tolak(str(galat), lambda: self._halaman(skp))
                if halaman is not None:
                    return halaman
        else:
            hasil, kembali, dikembalikan = keluaran
            if dikembalikan:
                flash(dikembalikan, "warning")
            else:
                flash(pesan, "success")
                if kembali:
                    flash(kembali, "warning")  # a content change sent the SKP back to the employee to re-sign
        tujuan = ke(hasil) if (ke and hasil is not None) else url_for("SKPView.show", pk=skp.id)
        return redirect(tujuan)

    def tulis_ekspor(self, ids, pengekspor: str):
        return q_rencana.register_skp(ids, pengekspor)

    def klausa_cari(self, q: str):
        return cocok_nama_nip(q, SKP.pegawai_nama, SKP.pegawai_nip)  # the snapshot columns the list shows

    # -- create -----------------------------------------------------------------------------------------
    @expose("/buat/", methods=["GET", "POST"])
    @has_access
    def buat(self):
        k = konteks()
        operator = bool(k.role_names & {R.OPERATOR, R.ADMIN})
        tahun_bawaan = jam.hari_ini().year
        if request.method == "POST":
            f = request.form
            pid = k.pegawai_id
            if operator and f.get("pegawai"):
                try:
                    pid = int(f.get("pegawai"))
                except ValueError:
                    pid = None
            if not pid:
                flash(
                    "Pilih pegawai pemilik SKP." if operator else "Akun Anda belum terhubung dengan data pegawai.",
                    "danger",
                )
                tandai_ditolak()
            else:
                tahun, pendekatan = f.get("tahun") or tahun_bawaan, f.get("pendekatan") or "kuantitatif"
                skp = satu_transaksi(
                    lambda: q_rencana.buat_skp(pid, tahun, pendekatan),
                    lambda skp: f"SKP {skp.tahun} ({skp.format_skp}) dibuat sebagai draf.",
                )
                if skp is not None:
                    return redirect(url_for("SKPView.show", pk=skp.id))
                tandai_ditolak()  # the form below shows what was chosen
        dipilih = None
        if operator and request.method == "POST" and (request.form.get("pegawai") or "").isdigit():
            dipilih = db.session.get(Pegawai, int(request.form["pegawai"]))
        return self.render_template(
            "kinerja/perencanaan/buat.html",
            title="Buat SKP",
            operator=operator,
            tahun=tahun_bawaan,
            pendekatan=Pendekatan.choices(),
            pegawai_dipilih=(dipilih.id, label_pegawai_unit(dipilih)) if dipilih else None,
            lookup_url=url_for("SKPView.pilihan_penilai") if operator else None,
        )

    @expose("/pilihan_pegawai/")
    @has_access_api
    def pilihan_penilai(self):
        """Employees for the operator's selects (create SKP for / set the evaluator by hand)."""
        return jawab_lookup(
            select(Pegawai).where(Pegawai.status.in_(q_rencana.STATUS_WAJIB_SKP)), Pegawai.nama, label_pegawai_unit
        )

    # -- the SKP page -----------------------------------------------------------------------------------
    def _konteks_halaman(self, skp: SKP, cetak: bool = False) -> dict:
        k = konteks()
        peran = q_rencana.peran_pada(skp, k)
        tts = q_rencana.tanda_tangan_skp(skp.id)
        hash_kini = q_rencana.hash_skp(skp) if tts else None
        menyusun = not cetak and q_rencana.boleh_menyusun(skp, k)
        penetap = None if cetak or skp.status != S.DIAJUKAN.value else q_rencana.penetap_sekarang(skp, k)
        rhk = sorted(skp.rhk, key=lambda x: (x.jenis != JenisRHK.UTAMA.value, x.urutan))
        tertunda = q_rencana.versi_tertunda(skp) if skp.status == S.DITETAPKAN.value else None
        return dict(
            skp=skp,
            peran=peran,
            cetak=cetak,
            judul=q_rencana.JUDUL_FORMAT[skp.format_skp],
            instansi=q_rencana.instansi_nama()[0],
            daerah=q_rencana.instansi_nama()[1],
            jpt=skp.format_skp in q_rencana.FORMAT_JPT,
            kuantitatif=skp.format_skp in q_rencana.FORMAT_KUANTITATIF,
            rhk_utama=[x for x in rhk if x.jenis == JenisRHK.UTAMA.value],
            rhk_tambahan=[x for x in rhk if x.jenis == JenisRHK.TAMBAHAN.value],
            perilaku=q_rencana.perilaku_skp(skp.id),
            lampiran=q_rencana.lampiran_skp(skp.id),
            tanda_tangan=tts,
            hash_kini=hash_kini,
            target_teks=q_rencana.target_teks,
            status_label=S(skp.status).label,
            menyusun=menyusun,
            ekspektasi=not cetak and q_rencana.boleh_ekspektasi(skp, k),
            penetap=penetap,
            keputusan=q_rencana.keputusan_penetapan(skp, hash_kini) if penetap else None,
            tt_basi=q_rencana.tanda_tangan_basi(skp, tts, hash_kini),
            kelengkapan=q_rencana.kelengkapan(skp) if menyusun else [],
            pilihan_rhk=q_rencana.pilihan_rhk_pimpinan(skp)
            if menyusun and skp.format_skp not in q_rencana.FORMAT_JPT
            else [],
            boleh_ubah_versi=not cetak
            and skp.status == S.DITETAPKAN.value
            and skp.aktif
            and (peran.pemilik or peran.penilai or peran.operator)
            and tertunda is None,
            versi_tertunda=tertunda,
            boleh_setujui=not cetak
            and peran.kepala_daerah
            and skp.alasan_perubahan is not None
            and skp.alasan_perubahan.perlu_persetujuan_kepala_daerah
            and not skp.disetujui_kepala_daerah
            and skp.status not in q_rencana.TERKUNCI,
            boleh_rute=not cetak
            and peran.pemilik
            and skp.status == S.DIAJUKAN.value
            and not skp.diajukan_ke_atasan
            and not skp.ditetapkan_kepala_daerah
            and jam.hari_ini() > skp.tenggat_penetapan,
            terlambat=skp.status not in q_rencana.TERKUNCI and jam.hari_ini() > skp.tenggat_penetapan,
            rencana_aksi=q_rencana.rencana_aksi_skp(skp.id) if skp.status in q_rencana.TERKUNCI else {},
            boleh_rencana_aksi=not cetak and q_rencana.boleh_rencana_aksi(skp, k),
            tugas_belajar=menyusun and q_rencana.tugas_belajar_tahun(skp.pegawai_id, skp.tahun) is not None,
            alasan=ALASAN_PERUBAHAN_SKP,
            jenis_rhk=JenisRHK.choices(),
            perspektif=Perspektif.choices(),
            aspek=Aspek.choices(),
            tingkat_kendali=TingkatKendali.choices(),
            periode_pelaporan=[
                (m.value, m.label) for m in JenisPeriode if m not in (JenisPeriode.HARIAN, JenisPeriode.MINGGUAN)
            ],
            jenis_lampiran=JenisLampiran.choices(),
            bulan=q_bulan(),
            peran_tt=PeranTandaTangan,
            judul_lampiran={
                "sumber_daya": "DUKUNGAN SUMBER DAYA",
                "skema_pertanggungjawaban": "SKEMA PERTANGGUNGJAWABAN",
                "konsekuensi": "KONSEKUENSI",
            },
            label_perspektif=dict(Perspektif.choices()),
            label_aspek=dict(Aspek.choices()),
            boleh_atur_penilai=not cetak and peran.operator and skp.status not in q_rencana.TERKUNCI,
        )

    @expose("/show/<pk>")
    @has_access
    def show(self, pk):
        return self._halaman(self._skp(pk))

    def _halaman(self, skp: SKP):
        return self.render_template(
            "kinerja/perencanaan/detail.html",
            title=f"SKP {skp.tahun} — {skp.pegawai_nama}",
            **self._konteks_halaman(skp),
        )

    @expose("/cetak/<pk>")
    @has_access
    def cetak(self, pk):
        skp = self._skp(pk)
        return self.render_template(
            "kinerja/perencanaan/cetak.html", title=f"Format {skp.format_skp}", **self._konteks_halaman(skp, cetak=True)
        )

    @expose("/unduh/<pk>")
    @has_access
    def unduh(self, pk):
        skp = self._skp(pk)
        nama = f"skp-{skp.tahun}-{skp.pegawai_nip or skp.pegawai_id}-v{skp.versi_ke}.xlsx"
        return send_file(q_rencana.xlsx_skp(skp), mimetype=XLSX_MIME, as_attachment=True, download_name=nama)

    @expose("/manual_iki/<pk>/xlsx")
    @has_access
    def manual_iki_xlsx(self, pk):
        """A.1.3 Manual IKI (JPT and unit-mandiri heads; one sheet per IKI)."""
        skp = self._skp(pk)
        if skp.format_skp not in q_rencana.FORMAT_JPT:
            abort(404)
        return send_file(
            q_rencana.xlsx_manual_iki(skp),
            mimetype=XLSX_MIME,
            as_attachment=True,
            download_name=f"manual-iki-{skp.tahun}-{skp.pegawai_nip or skp.pegawai_id}.xlsx",
        )

    @expose("/riwayat/<pk>")
    @has_access
    def riwayat(self, pk):
        skp = self._skp(pk)
        versi = q_rencana.riwayat_versi(skp)
        ids = [v.id for v in versi]
        # a version outside the user's scope (e.g. another evaluator back then) is listed without a link
        terlihat = set(db.session.scalars(select(SKP.id).where(SKP.id.in_(ids)).where(cakupan_aktif("skp"))))
        tt = {i: q_rencana.tanda_tangan_skp(i) for i in ids}
        return self.render_template(
            "kinerja/perencanaan/riwayat.html",
            title="Riwayat Versi SKP",
            skp=skp,
            versi=versi,
            terlihat=terlihat,
            tanda_tangan=tt,
            label_status=S,
        )

    # -- drafting (sub-forms of the SKP page) -----------------------------------------------------------
    @expose("/rhk/<pk>", methods=["POST"])
    @expose("/rhk/<pk>/<int:rhk_id>", methods=["POST"])
    @has_access
    def rhk_simpan(self, pk, rhk_id=None):
        return self._jalankan(
            pk, lambda s: q_rencana.simpan_rhk(s, konteks(), request.form, rhk_id), "Rencana Hasil Kerja disimpan."
        )

    @expose("/rhk/<pk>/<int:rhk_id>/hapus", methods=["POST"])
    @has_access
    def rhk_hapus(self, pk, rhk_id):
        return self._jalankan(
            pk,
            lambda s: q_rencana.hapus_rhk(s, konteks(), rhk_id, request.form.get("versi")),
            "Rencana Hasil Kerja dihapus.",
        )

    @expose("/iki/<pk>", methods=["POST"])
    @expose("/iki/<pk>/<int:iki_id>", methods=["POST"])
    @has_access
    def iki_simpan(self, pk, iki_id=None):
        return self._jalankan(
            pk,
            lambda s: q_rencana.simpan_iki(s, konteks(), request.form, iki_id),
            "Indikator Kinerja Individu disimpan.",
        )

    @expose("/iki/<pk>/<int:iki_id>/hapus", methods=["POST"])
    @has_access
    def iki_hapus(self, pk, iki_id):
        return self._jalankan(
            pk, lambda s: q_rencana.hapus_iki(s, konteks(), iki_id, request.form.get("versi")), "Indikator dihapus."
        )

    @expose("/lampiran/<pk>", methods=["POST"])
    @has_access
    def lampiran_simpan(self, pk):
        return self._jalankan(pk, lambda s: q_rencana.simpan_lampiran(s, konteks(), request.form), "Lampiran disimpan.")

    @expose("/lampiran/<pk>/<int:lampiran_id>/hapus", methods=["POST"])
    @has_access
    def lampiran_hapus(self, pk, lampiran_id):
        versi = request.form.get("versi")
        return self._jalankan(
            pk, lambda s: q_rencana.hapus_lampiran(s, konteks(), lampiran_id, versi), "Butir lampiran dihapus."
        )

    @expose("/ekspektasi/<pk>", methods=["POST"])
    @has_access
    def ekspektasi_simpan(self, pk):
        return self._jalankan(
            pk,
            lambda s: q_rencana.simpan_ekspektasi(s, konteks(), request.form),
            "Ekspektasi khusus pimpinan disimpan.",
        )

    @expose("/tugas_belajar/<pk>", methods=["POST"])
    @has_access
    def tugas_belajar(self, pk):
        return self._jalankan(
            pk,
            lambda s: q_rencana.tambah_rhk_tugas_belajar(s, konteks(), request.form.get("versi")),
            "Rencana hasil kerja tugas belajar ditambahkan.",
        )

    # -- workflow ---------------------------------------------------------------------------------------
    @expose("/ajukan/<pk>", methods=["POST"])
    @has_access
    def ajukan(self, pk):
        return self._jalankan(
            pk,
            lambda s: q_rencana.ajukan(s, konteks(), g.user, request.form.get("versi")),
            "SKP ditandatangani dan diajukan kepada pejabat penilai.",
        )

    @expose("/kembalikan/<pk>", methods=["POST"])
    @has_access
    def kembalikan(self, pk):
        return self._jalankan(
            pk,
            lambda s: q_rencana.kembalikan(s, konteks(), request.form.get("catatan"), request.form.get("versi")),
            "SKP dikembalikan kepada pegawai untuk diperbaiki.",
        )

    @expose("/tetapkan/<pk>", methods=["POST"])
    @has_access
    def tetapkan(self, pk):
        return self._jalankan(
            pk,
            lambda s: q_rencana.tetapkan(s, konteks(), g.user, request.form.get("versi")),
            "SKP ditetapkan dan ditandatangani secara elektronik.",
        )

    @expose("/rute_atasan/<pk>", methods=["POST"])
    @has_access
    def rute_atasan(self, pk):
        return self._jalankan(
            pk,
            lambda s: q_rencana.rute_atasan(s, konteks(), request.form.get("versi")),
            "SKP diajukan kepada atasan pejabat penilai untuk ditetapkan.",
        )

    @expose("/ubah/<pk>", methods=["POST"])
    @has_access
    def ubah(self, pk):
        f = request.form
        return self._jalankan(
            pk,
            lambda s: q_rencana.ubah_versi(s, konteks(), f.get("alasan"), f.get("catatan"), f.get("versi")),
            "Versi baru SKP dibuat sebagai draf; versi lama tetap berlaku sampai versi baru ditetapkan.",
            ke=lambda baru: url_for("SKPView.show", pk=baru.id),
        )

    @expose("/setujui/<pk>", methods=["POST"])
    @has_access
    def setujui(self, pk):
        return self._jalankan(
            pk,
            lambda s: q_rencana.setujui_perubahan(s, konteks(), request.form.get("versi")),
            "Perubahan SKP disetujui atas nama Kepala Daerah.",
        )

    @expose("/penilai/<pk>", methods=["POST"])
    @has_access
    def penilai_atur(self, pk):
        return self._jalankan(
            pk,
            lambda s: q_rencana.atur_penilai(s, konteks(), request.form.get("penilai"), request.form.get("versi")),
            "Pejabat penilai ditetapkan secara manual oleh operator.",
        )

    @expose("/aksi/<pk>", methods=["POST"])
    @has_access
    def aksi_simpan(self, pk):
        return self._jalankan(
            pk, lambda s: q_rencana.simpan_rencana_aksi(s, konteks(), request.form), "Rencana aksi disimpan."
        )

    @expose("/aksi/<pk>/<int:ra_id>/hapus", methods=["POST"])
    @has_access
    def aksi_hapus(self, pk, ra_id):
        return self._jalankan(pk, lambda s: q_rencana.hapus_rencana_aksi(s, konteks(), ra_id), "Rencana aksi dihapus.")

    # -- deadlines --------------------------------------------------------------------------------------
    @expose("/belum/")
    @has_access
    def belum(self):
        k = konteks()
        tahun = bilangan_atau(request.args.get("tahun"), jam.hari_ini().year)
        halaman = max(bilangan_atau(request.args.get("hal"), 1), 1)
        semua = bool(k.role_names & {R.ADMIN, R.OPERATOR, R.PYB})
        per_unit = q_rencana.belum_ditetapkan_per_unit(tahun, jam.hari_ini(), halaman) if semua else None
        tim = None
        if k.role_names & {R.PENILAI, R.ATASAN, R.ADMIN} and k.pegawai_id:
            tim = q_rencana.belum_ditetapkan_tim(
                tahun, jam.hari_ini(), k.jabatan_id, k.pegawai_id, dua_tingkat=R.ATASAN in k.role_names
            )
        return self.render_template(
            "kinerja/perencanaan/belum.html",
            title="SKP Belum Ditetapkan",
            tahun=tahun,
            per_unit=per_unit,
            tim=tim,
            halaman=halaman,
            tenggat=q_rencana.tenggat_penetapan_skp(tahun),
            label_status=S,
        )

    # -- MPPH (A.1.5) -----------------------------------------------------------------------------------
    @expose("/mpph/")
    @expose("/mpph/<pk>")
    @has_access
    def mpph(self, pk=None):
        k = konteks()
        if pk is None:
            sendiri = db.session.scalar(
                select(SKP.id)
                .where(SKP.pegawai_id == (k.pegawai_id or 0), SKP.aktif.is_(True))
                .order_by(SKP.tahun.desc())
            )
            if sendiri is None:
                flash(
                    "Anda belum memiliki SKP; MPPH disusun dari Indikator Kinerja Individu pada SKP pimpinan.", "info"
                )
                return redirect(url_for("SKPView.list"))
            return redirect(url_for("SKPView.mpph", pk=sendiri))
        skp = self._skp(pk)
        return self.render_template(
            "kinerja/perencanaan/mpph.html",
            title="Matriks Pembagian Peran dan Hasil",
            skp=skp,
            data=q_rencana.mpph(skp),
            label_status=S,
        )

    @expose("/mpph/<pk>/cetak")
    @has_access
    def mpph_cetak(self, pk):
        """A.1.5 printable (A4 landscape): no header block, no signatures, as in the regulation."""
        skp = self._skp(pk)
        return self.render_template(
            "kinerja/perencanaan/mpph_cetak.html", title="Format A.1.5", skp=skp, data=q_rencana.mpph(skp)
        )

    @expose("/mpph/<pk>/xlsx")
    @has_access
    def mpph_xlsx(self, pk):
        skp = self._skp(pk)
        return send_file(
            q_rencana.xlsx_mpph(skp, q_rencana.mpph(skp)),
            mimetype=XLSX_MIME,
            as_attachment=True,
            download_name=f"mpph-{skp.tahun}-{skp.pegawai_nip}.xlsx",
        )


def q_bulan():

    return list(enumerate(NAMA_BULAN, 1))


class RencanaHasilKerjaView(KinerjaModelView):
    route_base = "/rencanahasilkerja"
    scope_resource = "rencana_hasil_kerja"
    datamodel = EagerSQLAInterface(RencanaHasilKerja, eager=("skp", "rhk_atasan"))
    list_title = show_title = "Rencana Hasil Kerja"
    label_columns = LABEL_SKP
    list_columns = ["skp", "jenis", "urutan", "uraian", "rhk_atasan", "penugasan_dari", "perspektif"]
    show_columns = list_columns
    search_columns = ["uraian", "jenis", "perspektif"]
    formatters_columns = {"perspektif": _label(Perspektif)}
    base_permissions = ["can_list", "can_show", "can_export"]
    export_title = "Rencana Hasil Kerja"


class IndikatorKinerjaView(KinerjaModelView):
    route_base = "/indikatorkinerja"
    scope_resource = "indikator_kinerja"
    datamodel = EagerSQLAInterface(IndikatorKinerja, eager=("rhk",))
    list_title = show_title = "Indikator Kinerja Individu"
    label_columns = LABEL_SKP
    list_columns = ["rhk", "urutan", "uraian", "aspek", "perspektif", "target_nilai", "target_satuan", "target_teks"]
    show_columns = list_columns + [
        "tujuan",
        "definisi",
        "formula",
        "satuan_pengukuran",
        "tingkat_kendali",
        "sumber_data",
        "periode_pelaporan",
    ]
    search_columns = ["uraian", "aspek", "perspektif"]
    formatters_columns = {"perspektif": _label(Perspektif), "aspek": _label(Aspek)}
    base_permissions = ["can_list", "can_show", "can_export"]
    export_title = "Indikator Kinerja Individu"
