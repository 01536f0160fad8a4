"""Background-job pages: my jobs, a status page with a progress bar, its JSON, the result download.

Only the owner (and Admin) sees a job or downloads its result; anyone else gets 404 (not 403: job ids
are not to be probed).
"""

from __future__ import annotations

from flask import abort, jsonify, url_for
from flask_appbuilder import BaseView, expose
from flask_appbuilder.security.decorators import has_access, has_access_api
from sqlalchemy import select

from app import pekerjaan as pk
from app.extensions import db
from app.security import roles as R
from app.security.scope import konteks
from schema.models.pekerjaan import Pekerjaan, StatusPekerjaan

T = "kinerja/pekerjaan/"


def _milik_saya():
    """Owner or Admin: the one place that decides who may see a job."""
    k = konteks()
    return True if R.ADMIN in k.role_names else Pekerjaan.user_id == (k.user_id or -1)


def _muat(pid) -> Pekerjaan:
    try:
        pid = int(pid)
    except (TypeError, ValueError):
        abort(404)
    if not 0 < pid < 2**31:
        abort(404)
    p = db.session.scalar(select(Pekerjaan).where(Pekerjaan.id == pid).where(_milik_saya()))
    if p is None:
        abort(404)
    pk.periksa_macet(p)
    return p


def status_json(p: Pekerjaan) -> dict:
    selesai = p.status == StatusPekerjaan.SELESAI.value
    ada = selesai and pk.ada_berkas(p)
    return {
        "id": p.id,
        "judul": p.judul,
        "status": p.status,
        "status_label": StatusPekerjaan(p.status).label,
        "progres": p.progres,
        "tahap": p.tahap or "",
        "pesan_galat": p.pesan_galat,
        "akhir": p.status in (StatusPekerjaan.SELESAI.value, StatusPekerjaan.GAGAL.value),
        "unduh_url": url_for("PekerjaanView.unduh", pid=p.id) if selesai and ada else None,
        "berkas_dihapus": bool(selesai and p.berkas and not ada),
        "halaman_url": url_for("PekerjaanView.show", pid=p.id),
    }


class PekerjaanView(BaseView):
    route_base = "/pekerjaan"
    default_view = "daftar"
    base_permissions = ["can_list", "can_show"]
    method_permission_name = {"daftar": "list", "show": "show", "status": "show", "unduh": "show"}

    @expose("/")
    @has_access
    def daftar(self):
        rows = db.session.scalars(select(Pekerjaan).where(_milik_saya()).order_by(Pekerjaan.id.desc()).limit(50)).all()
        return self.render_template(T + "daftar.html", title="Pekerjaan Latar", rows=rows, Status=StatusPekerjaan)

    @expose("/<pid>")
    @has_access
    def show(self, pid):
        p = _muat(pid)
        return self.render_template(
            T + "status.html", title=p.judul, p=p, s=status_json(p), rincian=pk.rincian(p), Status=StatusPekerjaan
        )

    @expose("/<pid>/status")
    @has_access_api
    def status(self, pid):
        resp = jsonify(status_json(_muat(pid)))
        resp.headers["Cache-Control"] = "no-store"
        return resp

    @expose("/<pid>/unduh")
    @has_access
    def unduh(self, pid):
        p = _muat(pid)
        r = pk.unduh(p) if p.status == StatusPekerjaan.SELESAI.value else None
        if r is None:
            abort(404)
        return r
