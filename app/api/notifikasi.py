"""REST API of the notification centre (``/api/v1/notifikasi/``): the caller's own notifications, read-only.

Ownership is the only scope — whatever the caller's roles, the Admin included; another user's id answers 404 like
one that does not exist. Confidential kinds were stored neutral (app/queries/notifikasi.py), so nothing here can
carry the content of a case. Marking as read goes through the page (``/notifikasi/<id>/dibaca``).
"""

from __future__ import annotations

from flask import g, request
from flask_appbuilder.api import BaseApi, expose, protect, safe

from app.queries import notifikasi as q

BATAS = 100


def _json(n) -> dict:
    return q.sebagai_json(n, n.tautan)


def _nid(nid: str) -> int | None:
    return int(nid) if nid.isdigit() and 0 < int(nid) < 2**31 else None


class NotifikasiApi(BaseApi):
    resource_name = "notifikasi"
    allow_browser_login = True  # as every API here: the session of the page works too (reads need no CSRF)
    method_permission_name = {"daftar": "get", "satu": "get", "info": "info"}

    @expose("/_info", methods=["GET"])
    @protect()
    @safe
    def info(self):
        """The notification kinds and their labels (as ``jenis``/``jenis_label`` of each entry)."""
        return self.response(200, jenis={k: j.label for k, j in q.JENIS.items()})

    @expose("/", methods=["GET"])
    @protect()
    @safe
    def daftar(self):
        """The caller's latest notifications (``?belum=1``: unread only) and the unread count."""
        uid = g.user.id
        rows = q.milik(uid, batas=BATAS, hanya_belum=request.args.get("belum") == "1")
        return self.response(200, belum_dibaca=q.belum_dibaca(uid), result=[_json(n) for n in rows])

    @expose("/<nid>", methods=["GET"])
    @protect()
    @safe
    def satu(self, nid: str):
        n = _nid(nid)
        row = q.satu(g.user.id, n) if n else None
        if row is None:
            return self.response_404()
        return self.response(200, result=_json(row))
