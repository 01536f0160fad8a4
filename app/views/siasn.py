"""Platform tunggal ASN (SIASN): the outbox page (counts by state, filter, "kirim ulang", per-row history, "kirim
sekarang", download of the payloads for instansi that upload by other means) and SIASN's codes (reference data).

Operator, PyB and Admin only (app/security/roles.py). Decisions and database work: app/queries/siasn.py.
"""

from __future__ import annotations

import json

from flask import current_app, flash, redirect, request, url_for
from flask_appbuilder.actions import action
from flask_appbuilder.baseviews import expose
from flask_appbuilder.security.decorators import has_access
from sqlalchemy import select

from app import pekerjaan
from app.excel import formulir_d
from app.excel.tulis import XLSX_MIME, Kolom, tulis_register
from app.extensions import db
from app.format import KOSONG, label
from app.queries import siasn as q_siasn
from app.views.base import EagerSQLAInterface, KinerjaModelView, satu_transaksi
from app.views.fields import label_pegawai
from schema.models import EvaluasiKinerja
from schema.models.siasn import KirimSiasn, KodeSiasn, StatusKirim, TargetSiasn

LABEL = {
    "pegawai": "Pegawai",
    "evaluasi": "Evaluasi",
    "target": "Tujuan",
    "status": "Status",
    "percobaan": "Percobaan",
    "coba_lagi_pada": "Coba Lagi Pada",
    "galat_terakhir": "Galat Terakhir",
    "siasn_id": "ID SIASN",
    "terkirim_pada": "Terkirim Pada",
    "kunci": "Rekaman",
    "diubah_pada": "Diperbarui",
}


class KirimSiasnView(KinerjaModelView):
    route_base = "/kirimsiasn"
    scope_resource = "kirim_siasn"
    datamodel = EagerSQLAInterface(KirimSiasn, eager=("pegawai",))
    list_title = "Kirim ke SIASN (Platform Tunggal ASN)"
    show_title = "Rincian Pengiriman ke SIASN"
    list_template = "kinerja/siasn/daftar.html"
    show_template = "kinerja/siasn/rincian.html"
    label_columns = LABEL
    list_columns = ["pegawai", "target", "status", "percobaan", "coba_lagi_pada", "galat_terakhir", "siasn_id"]
    show_columns = ["kunci", "pegawai", "target", "status", "percobaan", "coba_lagi_pada", "terkirim_pada",
                    "siasn_id", "galat_terakhir", "diubah_pada"]  # fmt: skip
    search_columns = ["status", "target", "siasn_id"]
    formatters_columns = {"pegawai": lambda p: label_pegawai(p) if p else KOSONG}
    base_order = ("diubah_pada", "desc")
    base_permissions = ["can_list", "can_show", "can_export", "can_kirim_ulang", "can_kirim_antrean"]
    method_permission_name = {
        **KinerjaModelView.method_permission_name,
        "kirim": "kirim_antrean",
        "aksi_kirim_ulang": "kirim_ulang",
        "unduh_json": "export",
        "unduh_xlsx": "export",
    }
    export_title = "Register Kirim SIASN"

    def render_template(self, template, **kwargs):
        if template == self.list_template:
            kwargs.update(
                jumlah=q_siasn.jumlah_per_status(),
                Status=StatusKirim,
                aktif=q_siasn.klien(current_app.config) is not None,
                boleh_kirim=self.appbuilder.sm.has_access("can_kirim_antrean", self.class_permission_name),
            )
        if template == self.show_template and kwargs.get("pk") is not None:  # FAB's show checked the scope
            kwargs["riwayat"] = q_siasn.riwayat_kirim(int(kwargs["pk"]))
        return super().render_template(template, **kwargs)

    @action("kirim_ulang", "Kirim ulang", icon="fa-repeat", multiple=True, single=True)
    def aksi_kirim_ulang(self, items):
        items = items if isinstance(items, list) else [items]
        satu_transaksi(
            lambda: q_siasn.kirim_ulang(items),
            lambda n: (
                f"{n} baris dijadwalkan dikirim ulang sekarang."
                + (" Baris terkirim tidak diubah." if n < len(items) else "")
            ),
        )
        return redirect(url_for("KirimSiasnView.list"))

    @expose("/kirim/", methods=["POST"])
    @has_access
    def kirim(self):
        """Send the due rows now, as a background job (a Celery worker where configured)."""
        if q_siasn.klien(current_app.config) is None:
            flash(
                "Integrasi SIASN belum dinyalakan (SIASN_* di lingkungan server); unduh muatannya untuk diunggah.",
                "warning",
            )
            return redirect(url_for("KirimSiasnView.list"))
        pid = pekerjaan.mulai("siasn", "Kirim hasil evaluasi ke SIASN", kirim_latar)
        return redirect(url_for("PekerjaanView.show", pid=pid))

    def _muatan(self) -> tuple[list[dict], list[dict]]:
        """Payloads of the rows the list shows (its filters and scope), each checked against the contract."""
        ids = self.filtered_ids()
        rows = db.session.scalars(
            select(KirimSiasn).where(KirimSiasn.id.in_(select(ids.c.id))).order_by(KirimSiasn.id)
        ).all()
        peta = q_siasn.peta_kode()
        baik, tolak = [], []
        for r in rows:
            ev = db.session.get(EvaluasiKinerja, r.evaluasi_id)
            try:
                isi = q_siasn.muatan(ev, r.siasn_id, peta)
            except q_siasn.GalatMuatan as e:
                tolak.append({"rekaman": r.kunci, "alasan": str(e)})
                continue
            galat = q_siasn.periksa_muatan(r.target, isi)
            if galat:
                tolak.append({"rekaman": r.kunci, "alasan": "; ".join(galat)})
            else:
                baik.append({"rekaman": r.kunci, "tujuan": r.target, "muatan": isi})
        return baik, tolak

    @expose("/unduh.json")
    @has_access
    def unduh_json(self):
        baik, tolak = self._muatan()
        body = json.dumps({"muatan": baik, "tidak_dapat_dibuat": tolak}, ensure_ascii=False, indent=1)
        return current_app.response_class(
            body,
            mimetype="application/json",
            headers={"Content-Disposition": 'attachment; filename="kirim-siasn.json"', "Cache-Control": "no-store"},
        )

    @expose("/unduh.xlsx")
    @has_access
    def unduh_xlsx(self):
        baik, tolak = self._muatan()
        kunci: list[str] = []
        for b in baik:
            kunci += [k for k in b["muatan"] if k not in kunci and k != "path"]
        kolom = [Kolom("Rekaman"), Kolom("Tujuan")] + [Kolom(k) for k in kunci] + [Kolom("Tidak dapat dibuat karena")]
        baris = [[b["rekaman"], label(TargetSiasn(b["tujuan"]))] + [b["muatan"].get(k) for k in kunci] + [None]
                 for b in baik]  # fmt: skip
        baris += [[t["rekaman"], None] + [None] * len(kunci) + [t["alasan"]] for t in tolak]
        f = tulis_register("Muatan SIASN", kolom, iter(baris), pengekspor=getattr(request, "remote_user", None) or "")
        return current_app.response_class(
            f.read(),
            mimetype=XLSX_MIME,
            headers={"Content-Disposition": 'attachment; filename="kirim-siasn.xlsx"', "Cache-Control": "no-store"},
        )


def kirim_latar(lapor) -> pekerjaan.Hasil:
    """The background job of "Kirim sekarang": the same sender as Celery beat's."""
    k = q_siasn.klien(current_app.config)
    if k is None:
        raise pekerjaan.GagalPekerjaan("Integrasi SIASN belum dinyalakan.")
    hasil = q_siasn.kirim_menunggu(k, lapor=lapor, berkas=formulir_d.berkas_evaluasi)
    return pekerjaan.Hasil(
        rincian={
            **hasil,
            "ringkasan": f"{hasil['terkirim']} terkirim, {hasil['coba_lagi']} dicoba lagi nanti, {hasil['gagal']} gagal.",
            "kembali": url_for("KirimSiasnView.list"),
        }
    )


class KodeSiasnView(KinerjaModelView):
    route_base = "/kodesiasn"
    scope_resource = "kode_siasn"
    datamodel = EagerSQLAInterface(KodeSiasn)
    list_title = "Kode SIASN"
    label_columns = {
        "jenis": "Jenis (kode)",
        "jenis_label": "Jenis",
        "nilai": "Nilai di Kinerja ASN (kode)",
        "nilai_label": "Nilai di Kinerja ASN",
        "kode": "Kode SIASN",
        "keterangan": "Keterangan",
    }
    list_columns = ["jenis_label", "nilai_label", "kode", "keterangan"]
    show_columns = list_columns
    add_columns = ["jenis", "nilai", "kode", "keterangan"]
    edit_columns = ["kode", "keterangan"]
    search_columns = ["jenis", "nilai", "kode"]
    base_order = ("jenis", "asc")
