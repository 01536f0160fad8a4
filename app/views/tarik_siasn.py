"""Tarik dari SIASN (003 Pasal 36 ayat 4): NIPs or a unit → a background job prepares the diff of SIASN's master
data against ours → a preview where the operator ticks what to apply (one transaction, audited).

Operator, PyB and Admin only (app/security/roles.py). Comparison and applying: app/queries/tarik_siasn.py; the
daily task that prepares (never applies) the diff of every employee: app/jadwal.py.
"""

from __future__ import annotations

from flask import abort, current_app, flash, g, redirect, request, url_for
from flask_appbuilder import BaseView, expose
from flask_appbuilder.security.decorators import has_access
from sqlalchemy import select

from app import pekerjaan
from app.extensions import db
from app.queries import siasn as q_siasn
from app.queries import tarik_siasn as q_tarik
from app.queries.pohon import sub_unit
from app.siasn.klien import GalatSiasn
from app.views.base import satu_transaksi
from schema.models import Pegawai, UnitKerja
from schema.models.siasn import SelisihSiasn

JENIS_LABEL = {
    "baru": "Baru (belum ada di sini)",
    "berubah": "Berubah",
    "tidak_ada": "Tidak ada di SIASN",
    "konflik": "Konflik",
}
MAKS_NIP = 5000  # one job; the whole instansi is the daily task's work


class TarikSiasnView(BaseView):
    route_base = "/tariksiasn"
    default_view = "index"
    method_permission_name = {"index": "list", "selisih": "list", "mulai": "tarik", "terapkan": "terapkan"}

    def _halaman(self, kode: int = 200):
        units = db.session.scalars(select(UnitKerja).where(UnitKerja.aktif.is_(True)).order_by(UnitKerja.nama))
        return (
            self.render_template(
                "kinerja/siasn/tarik.html",
                units=list(units),
                daftar=q_tarik.terbaru(),
                aktif=q_siasn.klien(current_app.config) is not None,
            ),
            kode,
        )

    @expose("/")
    @has_access
    def index(self):
        return self._halaman()

    @expose("/mulai", methods=["POST"])
    @has_access
    def mulai(self):
        """Quick checks here; reading SIASN and comparing run as a background job with a progress page."""
        if q_siasn.klien(current_app.config) is None:
            flash("Integrasi SIASN belum dinyalakan (SIASN_* di lingkungan server).", "warning")
            return redirect(url_for("TarikSiasnView.index"))
        nips = q_tarik.urai_nips(request.form.get("nip", ""))
        lingkup = [f"{len(nips)} NIP diketik"] if nips else []
        unit_id = request.form.get("unit_id", type=int)
        unit = db.session.get(UnitKerja, unit_id) if unit_id else None
        if unit is not None:
            sub = bool(request.form.get("sub"))
            ids = sub_unit(unit.id) if sub else select(UnitKerja.id).where(UnitKerja.id == unit.id)
            milik = db.session.scalars(select(Pegawai.nip).where(Pegawai.unit_kerja_id.in_(ids)).order_by(Pegawai.nip))
            ada = set(nips)
            nips += [n for n in milik if n not in ada]
            lingkup.append(f"unit {unit.nama}" + (" dan sub-unit" if sub else ""))
        if not nips:
            flash("Isi satu atau lebih NIP, atau pilih unit kerja yang berpegawai.", "danger")
            return self._halaman(400)
        if len(nips) > MAKS_NIP:
            flash(
                f"Paling banyak {MAKS_NIP} NIP sekali tarik; selisih seluruh instansi disiapkan tugas harian.", "danger"
            )
            return self._halaman(400)
        pid = pekerjaan.mulai(
            "tarik_siasn", f"Tarik dari SIASN: {', '.join(lingkup)}"[:200], tarik_latar, nips, ", ".join(lingkup)
        )
        return redirect(url_for("PekerjaanView.show", pid=pid))

    @expose("/selisih/<int:sid>")
    @has_access
    def selisih(self, sid: int):
        s = db.session.get(SelisihSiasn, sid)
        if s is None:
            abort(404)
        return self.render_template(
            "kinerja/siasn/selisih.html",
            s=s,
            isi=q_tarik.isi(s),
            label=JENIS_LABEL,
            boleh_terapkan=self.appbuilder.sm.has_access("can_terapkan", self.class_permission_name),
        )

    @expose("/terapkan/<int:sid>", methods=["POST"])
    @has_access
    def terapkan(self, sid: int):
        s = db.session.get(SelisihSiasn, sid)
        if s is None:
            abort(404)
        kunci = request.form.getlist("pilih")
        satu_transaksi(
            lambda: q_tarik.terapkan(s, kunci),
            lambda h: f"{h['butir']} perubahan diterapkan pada {h['pegawai']} pegawai.",
        )
        return redirect(url_for("TarikSiasnView.selisih", sid=sid))


def tarik_latar(lapor, nips: list[str], lingkup: str) -> pekerjaan.Hasil:
    """The job: reads SIASN, stores the diff (nothing of ours changes). A SIASN failure fails the job."""
    k = q_siasn.klien(current_app.config)
    if k is None:
        raise pekerjaan.GagalPekerjaan("Integrasi SIASN belum dinyalakan.")
    try:
        isi = q_tarik.siapkan(k, nips, lapor)
    except GalatSiasn as e:
        raise pekerjaan.GagalPekerjaan(
            f"Tarik dari SIASN gagal: {e} Tidak ada data yang diubah; coba lagi nanti.",
            {"kembali": url_for("TarikSiasnView.index")},
        ) from None
    user = getattr(g, "user", None)
    s = q_tarik.simpan(isi, "manual", lingkup, getattr(user, "id", None))
    return pekerjaan.Hasil(
        rincian={
            **isi["jumlah"],
            "ringkasan": q_tarik.ringkasan(isi),
            "kembali": url_for("TarikSiasnView.selisih", sid=s.id),
        }
    )
