"""The notification centre: my notifications (HTML and JSON), the bell's unread count, mark as read, open the
record, my email preference; the operator's email outbox page (Surel Notifikasi).

Only the owner reads or marks an entry — whatever their roles, the Admin included; another user's id answers
404 (ids are not to be probed). The navbar bell loads its count from ``/notifikasi/jumlah`` after the page, so
no page pays a statement for it (tests/test_jumlah_sql.py).
"""

from __future__ import annotations

from flask import abort, g, jsonify, redirect, request, url_for
from flask_appbuilder import BaseView, expose
from flask_appbuilder.security.decorators import has_access, has_access_api
from sqlalchemy import select

from app.aksi import Ditolak
from app.extensions import db
from app.queries import notifikasi as q
from app.queries import surel_notifikasi as q_surel
from app.views.base import satu_transaksi
from schema.models import Instansi


def _saya() -> int:
    uid = getattr(getattr(g, "user", None), "id", None)
    if not uid:
        abort(404)
    return int(uid)


def _nid(nid) -> int:
    try:
        n = int(nid)
    except (TypeError, ValueError):
        abort(404)
    if not 0 < n < 2**31:
        abort(404)
    return n


def _json(n) -> dict:
    return q.sebagai_json(n, url_for("NotifikasiView.buka", nid=n.id))


def _tanpa_cache(resp):
    resp.headers["Cache-Control"] = "no-store"
    return resp


class NotifikasiView(BaseView):
    route_base = "/notifikasi"
    default_view = "daftar"
    base_permissions = ["can_list", "can_show"]
    method_permission_name = {
        "daftar": "list",
        "daftar_json": "list",
        "jumlah": "list",
        "buka": "show",
        "dibaca": "show",
        "semua_dibaca": "show",
        "preferensi": "show",
    }

    @expose("/")
    @has_access
    def daftar(self):
        uid = _saya()
        return self.render_template(
            "kinerja/notifikasi/daftar.html",
            title="Notifikasi",
            rows=q.milik(uid),
            belum=q.belum_dibaca(uid),
            pref=q.preferensi(uid),
            JENIS=q.JENIS,
        )

    @expose("/json")
    @has_access_api
    def daftar_json(self):
        uid = _saya()
        rows = q.milik(uid, hanya_belum=request.args.get("belum") == "1")
        return _tanpa_cache(jsonify({"belum_dibaca": q.belum_dibaca(uid), "data": [_json(n) for n in rows]}))

    @expose("/jumlah")
    @has_access_api
    def jumlah(self):
        return _tanpa_cache(jsonify({"belum_dibaca": q.belum_dibaca(_saya())}))

    @expose("/<nid>")
    @has_access
    def buka(self, nid):
        """Open an entry: it becomes read, the browser goes to its record (or back to the list)."""
        uid, n = _saya(), _nid(nid)
        if q.satu(uid, n) is None:
            abort(404)
        satu_transaksi(lambda: q.tandai_dibaca(uid, n))
        tujuan = q.satu(uid, n).tautan
        return redirect(
            tujuan
            if tujuan and tujuan.startswith("/") and not tujuan.startswith("//")
            else url_for("NotifikasiView.daftar")
        )

    @expose("/<nid>/dibaca", methods=["POST"])
    @has_access
    def dibaca(self, nid):
        uid, n = _saya(), _nid(nid)
        if q.satu(uid, n) is None:
            abort(404)
        satu_transaksi(lambda: q.tandai_dibaca(uid, n))
        return self._kembali()

    @expose("/semua-dibaca", methods=["POST"])
    @has_access
    def semua_dibaca(self):
        uid = _saya()
        satu_transaksi(lambda: q.tandai_semua_dibaca(uid), lambda k: f"{k} notifikasi ditandai sudah dibaca.")
        return self._kembali()

    @expose("/preferensi", methods=["POST"])
    @has_access
    def preferensi(self):
        uid = _saya()
        surel, ringkas = request.form.get("surel_aktif") == "1", request.form.get("ringkasan_harian") == "1"
        satu_transaksi(lambda: q.simpan_preferensi(uid, surel, ringkas), "Preferensi notifikasi disimpan.")
        return self._kembali()

    def _kembali(self):
        if request.accept_mimetypes.best == "application/json":
            return _tanpa_cache(jsonify({"belum_dibaca": q.belum_dibaca(_saya())}))
        return redirect(url_for("NotifikasiView.daftar"))


class SurelNotifikasiView(BaseView):
    """Operator: what was mailed to whom and when (never a confidential kind's text), filtered by state and kind;
    "kirim ulang" of failed sends (Operator/Admin: ``can_edit``; the PyB reads); the switch per event kind per
    instansi."""

    route_base = "/surelnotifikasi"
    default_view = "daftar"
    base_permissions = ["can_list", "can_edit"]
    method_permission_name = {"daftar": "list", "saklar": "edit", "kirim_ulang": "edit"}

    @staticmethod
    def _saring() -> dict[str, str]:
        """The list's filters from the query string (an unknown value is no filter)."""
        status, jenis = request.values.get("status", ""), request.values.get("jenis", "")
        saring = {"status": status} if status in q_surel.STATUS else {}
        if jenis in q.JENIS:
            saring["jenis"] = jenis
        return saring

    @expose("/")
    @has_access
    def daftar(self):
        saring = self._saring()
        return self.render_template(
            "kinerja/notifikasi/surel.html",
            title="Surel Notifikasi",
            rows=q_surel.riwayat(saring.get("status"), saring.get("jenis")),
            jumlah=q_surel.jumlah_per_status(),
            saring=saring,
            boleh_ubah=self.appbuilder.sm.has_access("can_edit", self.class_permission_name),
            instansi=db.session.scalars(select(Instansi).order_by(Instansi.id)).all(),
            saklar=q.saklar_semua(),
            JENIS=q.JENIS,
            rahasia=q.rahasia,
        )

    @expose("/kirim-ulang", methods=["POST"])
    @has_access
    def kirim_ulang(self):
        """Failed sends ticked by the operator wait again (attempts 0, due now); other rows are left as they are."""
        mentah = request.form.getlist("id")
        if not mentah or not all(i.strip().isdigit() for i in mentah):
            abort(400)
        ids = [_nid(i) for i in mentah]
        if not q_surel.ada_semua(ids):
            abort(404)
        satu_transaksi(
            lambda: q_surel.kirim_ulang(ids),
            lambda n: (
                f"{n} surel dijadwalkan dikirim ulang sekarang."
                + (" Surel yang tidak gagal tidak diubah." if n < len(set(ids)) else "")
            ),
        )
        return redirect(url_for("SurelNotifikasiView.daftar", **self._saring()))

    @expose("/saklar", methods=["POST"])
    @has_access
    def saklar(self):
        def aksi():
            try:
                iid, kode = int(request.form.get("instansi_id", "")), request.form.get("jenis", "")
                q.jenis(kode)
            except ValueError:
                raise Ditolak("Instansi atau jenis notifikasi tidak dikenal.") from None
            if db.session.get(Instansi, iid) is None:
                raise Ditolak("Instansi atau jenis notifikasi tidak dikenal.")
            return q.atur_saklar(iid, kode, request.form.get("aktif") == "1")

        satu_transaksi(aksi, "Saklar notifikasi disimpan.")
        return redirect(url_for("SurelNotifikasiView.daftar"))
