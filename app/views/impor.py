"""Excel import page: template download, upload, per-row error report; one transaction per upload."""
from __future__ import annotations

from flask import abort, flash, request, send_file
from flask_appbuilder import BaseView, expose
from flask_appbuilder.security.decorators import has_access

from app.excel.impor import JENIS, ImporGagal, impor, templat
from app.excel.tulis import XLSX_MIME
from app.extensions import db
from app.security.audit import catat


class ImporView(BaseView):
    route_base = "/impor"
    default_view = "index"
    method_permission_name = {"index": "list", "templat": "list", "unggah": "import"}

    @expose("/")
    @has_access
    def index(self):
        return self.render_template("kinerja/impor.html", jenis=JENIS, galat=None, hasil=None)

    @expose("/templat/<jenis>")
    @has_access
    def templat(self, jenis):
        if jenis not in JENIS:
            abort(404)
        return send_file(templat(jenis), mimetype=XLSX_MIME, as_attachment=True,
                         download_name=f"templat-{jenis}.xlsx")

    @expose("/unggah", methods=["POST"])
    @has_access
    def unggah(self):
        jenis = request.form.get("jenis", "")
        berkas = request.files.get("berkas")
        if jenis not in JENIS:
            flash("Jenis data tidak dikenal.", "danger")
            return self.render_template("kinerja/impor.html", jenis=JENIS, galat=None, hasil=None), 400
        if berkas is None or not berkas.filename:
            flash("Pilih berkas Excel (.xlsx) yang akan diimpor.", "danger")
            return self.render_template("kinerja/impor.html", jenis=JENIS, galat=None, hasil=None), 400
        try:
            hasil = impor(db.session, jenis, berkas.stream)
            catat("impor", None, "tambah", sesudah={"jenis": jenis, **hasil})
            db.session.commit()
        except ImporGagal as e:
            db.session.rollback()
            flash(f"Impor dibatalkan: {len(e.galat)} kesalahan ditemukan, tidak ada data yang disimpan.", "danger")
            return self.render_template("kinerja/impor.html", jenis=JENIS, galat=e.galat, hasil=None), 422
        except Exception:
            db.session.rollback()
            raise
        flash(f"Impor {JENIS[jenis][0]} berhasil: {hasil['ditambah']} ditambah, {hasil['diperbarui']} diperbarui.",
              "success")
        return self.render_template("kinerja/impor.html", jenis=JENIS, galat=None, hasil=hasil)


def register(appbuilder) -> None:
    from app.views import menu

    menu(appbuilder, ImporView, "impor", "fa-upload")
