"""Excel import page: template download, upload → background job (progress, per-row error report); one transaction."""

from __future__ import annotations

from flask import abort, flash, redirect, request, send_file, url_for
from flask_appbuilder import BaseView, expose
from flask_appbuilder.security.decorators import has_access

from app import jam, pekerjaan
from app.excel.impor import JENIS, ImporGagal, impor, templat
from app.excel.tulis import XLSX_MIME
from app.extensions import db
from app.queries import pemantauan as q_pantau
from app.security.audit import catat


class ImporView(BaseView):
    route_base = "/impor"
    default_view = "index"
    method_permission_name = {"index": "list", "templat": "list", "unggah": "import"}

    @expose("/")
    @has_access
    def index(self):
        return self.render_template("kinerja/impor.html", jenis=JENIS)

    @expose("/templat/<jenis>")
    @has_access
    def templat(self, jenis):
        if jenis not in JENIS:
            abort(404)
        return send_file(templat(jenis), mimetype=XLSX_MIME, as_attachment=True, download_name=f"templat-{jenis}.xlsx")

    @expose("/unggah", methods=["POST"])
    @has_access
    def unggah(self):
        """Quick checks here; reading, validating and writing run as a background job with a progress page."""
        jenis = request.form.get("jenis", "")
        berkas = request.files.get("berkas")
        if jenis not in JENIS:
            flash("Jenis data tidak dikenal.", "danger")
            return self.render_template("kinerja/impor.html", jenis=JENIS), 400
        if berkas is None or not berkas.filename:
            flash("Pilih berkas Excel (.xlsx) yang akan diimpor.", "danger")
            return self.render_template("kinerja/impor.html", jenis=JENIS), 400
        # the upload ends with this request: the job stores it with its row and deletes it at its end
        pid = pekerjaan.mulai(
            "impor", f"Impor {JENIS[jenis][0]} dari {berkas.filename}"[:200], impor_latar, jenis, masukan=berkas.stream
        )
        return redirect(url_for("PekerjaanView.show", pid=pid))


def impor_latar(lapor, jenis: str, masukan) -> pekerjaan.Hasil:
    """The job: all or nothing (app/excel/impor.py); refused rows become the result page's error table.
    ``masukan``: the uploaded workbook, a seekable file given by the job runner."""
    try:
        hasil = impor(db.session, jenis, masukan, lapor=lapor)
    except ImporGagal as e:
        galat = [{"baris": g.baris, "kolom": g.kolom, "alasan": g.alasan} for g in e.galat]
        raise pekerjaan.GagalPekerjaan(
            f"Impor dibatalkan: {len(galat)} kesalahan ditemukan, tidak ada data yang disimpan.",
            {
                "galat": galat[: pekerjaan.MAKS_GALAT_DISIMPAN],
                "jumlah_galat": len(galat),
                "kembali": url_for("ImporView.index"),
            },
        ) from None
    # units, positions and employees drive the monitoring coverage: its summaries follow in this transaction
    q_pantau.segarkan_periode_aktif(jam.hari_ini())
    catat("impor", None, "tambah", sesudah={"jenis": jenis, **hasil})
    return pekerjaan.Hasil(
        rincian={
            **hasil,
            "kembali": url_for("ImporView.index"),
            "ringkasan": f"Impor {JENIS[jenis][0]} berhasil: {hasil['ditambah']} ditambah, "
            f"{hasil['diperbarui']} diperbarui.",
        }
    )
