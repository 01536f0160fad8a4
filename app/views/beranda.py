"""Home page: a dashboard per role; the same numbers as JSON at /beranda/data.json (same scope)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from flask import abort, g, jsonify, url_for
from flask_appbuilder import IndexView, expose
from werkzeug.routing import BuildError

from app.bantuan import BANTUAN
from app.queries.beranda import data_beranda
from app.rules import Predikat, StatusDokumen, StatusKonseling, StatusSKP
from app.security.scope import konteks
from schema.enums import JenisSesiKlinik, StatusPermohonanKlinik, StatusSesiKlinik

# shortcuts per panel: (label, endpoint, FAB permission, view name); shown only when the user has the permission
PINTASAN = {
    "operator": [
        ("Impor Excel", "ImporView.index", "can_import", "ImporView"),
        ("Ekspor register pegawai", "PegawaiView.ekspor", "can_export", "PegawaiView"),
        ("Ekspor register SKP", "SKPView.ekspor", "can_export", "SKPView"),
        ("Ekspor register evaluasi", "EvaluasiKinerjaView.ekspor", "can_export", "EvaluasiKinerjaView"),
        ("Daftar terlambat: evaluasi dan keberatan", "TenggatEvaluasiView.daftar", "can_list", "TenggatEvaluasiView"),
        ("Daftar SKP belum ditetapkan", "SKPView.belum", "can_list", "SKPView"),
        ("Bagi unit ke tim pemantau", "TimPemantauView.list", "can_list", "TimPemantauView"),
    ],
    "penilai": [
        ("Bawahan saya", "BawahanView.list", "can_list", "BawahanView"),
        ("Daftar SKP", "SKPView.list", "can_list", "SKPView"),
        ("Evaluasi kinerja", "EvaluasiKinerjaView.list", "can_list", "EvaluasiKinerjaView"),
        ("Distribusi predikat", "DistribusiPredikatView.daftar", "can_list", "DistribusiPredikatView"),
    ],
    "pegawai": [
        ("SKP saya", "SKPView.list", "can_list", "SKPView"),
        ("Evaluasi saya", "EvaluasiKinerjaView.list", "can_list", "EvaluasiKinerjaView"),
    ],
    "tim": [
        ("Unit yang saya pantau", "UnitDipantauView.list", "can_list", "UnitDipantauView"),
        ("Kunjungan pemantauan", "PemantauanView.list", "can_list", "PemantauanView"),
    ],
    "konselor": [
        ("Daftar permasalahan perilaku", "KonselingView.list", "can_list", "KonselingView"),
        ("Laporan perilaku kerja", "LaporanPerilakuView.list", "can_list", "LaporanPerilakuView"),
    ],
    "klinik": [
        ("Sesi coaching clinic", "KlinikSesiView.list", "can_list", "KlinikSesiView"),
        ("Permohonan layanan unit", "KlinikPermohonanView.list", "can_list", "KlinikPermohonanView"),
        ("Jadwal layanan tim", "KlinikSlotView.list", "can_list", "KlinikSlotView"),
    ],
    "pyb": [
        ("Keberatan", "KeberatanView.list", "can_list", "KeberatanView"),
        ("Tenggat evaluasi", "TenggatEvaluasiView.daftar", "can_list", "TenggatEvaluasiView"),
    ],
}


def _masuk() -> bool:
    user = getattr(g, "user", None)
    return user is not None and getattr(user, "is_authenticated", False)


def _json(v):
    if isinstance(v, dict):
        return {str(k): _json(x) for k, x in v.items()}
    if isinstance(v, (list, tuple)):
        return [_json(x) for x in v]
    if isinstance(v, (dt.date, dt.datetime)):
        return v.isoformat()
    if isinstance(v, Decimal):
        return float(v)
    return v


class BerandaIndexView(IndexView):
    index_template = "kinerja/beranda.html"

    def create_blueprint(self, appbuilder, endpoint=None, static_folder=None):
        bp = super().create_blueprint(appbuilder, endpoint=endpoint, static_folder=static_folder)
        # guidance texts for the field-help macro (kinerja/_bantuan.html), available to every template
        bp.record_once(lambda state: state.app.jinja_env.globals.update(BANTUAN=BANTUAN))
        return bp

    def _pintasan(self, panel: list[str]) -> dict:
        sm = self.appbuilder.sm
        out = {}
        for p in panel:
            links = []
            for label, endpoint, izin, view in PINTASAN.get(p, []):
                try:
                    url = url_for(endpoint)
                except BuildError:
                    continue
                if sm.has_access(izin, view):
                    links.append((label, url))
            out[p] = links
        return out

    @expose("/")
    def index(self):

        k = konteks() if _masuk() else None
        data = data_beranda(k) if k else None
        pintasan = self._pintasan(data["panel"]) if data else {}

        label = {
            "skp": dict(StatusSKP.choices()),
            "dok": dict(StatusDokumen.choices()),
            "predikat": dict(Predikat.choices()),
            "konseling": dict(StatusKonseling.choices()),
            "sesi": dict(StatusSesiKlinik.choices()),
            "jenis_sesi": dict(JenisSesiKlinik.choices()),
            "permohonan": dict(StatusPermohonanKlinik.choices()),
        }
        return self.render_template(
            self.index_template,
            appbuilder=self.appbuilder,
            konteks=k,
            d=data,
            pintasan=pintasan,
            label=label,
            predikat_urut=[p.value for p in Predikat],
        )

    @expose("/beranda/data.json")
    def data_json(self):

        if not _masuk():
            abort(401)
        return jsonify(_json(data_beranda(konteks())))
