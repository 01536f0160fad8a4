"""Pelaksanaan dan pembinaan (R9, R11, R12): documentation (B.1.2), continuous feedback (B.1.3–B.1.5),
progress decisions and RHK take-over, coaching/mentoring (B.1.6–B.1.9), behaviour reports (B.1.10) and the
counselling daftar.

* ``RealisasiView`` (/pelaksanaan) — realisasi register, "Pelaksanaan SKP" index and the per-SKP page (realisasi,
  bukti dukung uploads/links, feedback per RHK and core value, forms for the leader), B.1.2 print, the feedback
  record B.1.3/B.1.4/B.1.5 (print and xlsx), and the scoped file download.
* ``UmpanBalikView`` (/umpanbalik) — feedback register; ``beri`` (leader, or whoever was asked).
* ``PermintaanUmpanBalikView`` (/permintaanumpanbalik) — requests: ``minta`` (employee), ``jawab``/``tolak``.
* ``TindakanProgresView`` (/tindakanprogres) — R9 decisions; ``putuskan`` (leader; take-over with note).
* ``BimbinganKinerjaView`` (/bimbingan) — coaching/mentoring records with B.1.8/B.1.9, routed per R12; both
  parties sign B.1.6/B.1.7 in the app (``tanda_tangan``), after which those sections are locked.
* ``PelatihanKinerjaView`` (/pelatihan) — formal/informal training (000 Lampiran D.4 c) 3)–4)), routed like
  coaching; optional evidence file.
* ``LaporanPerilakuView`` (/laporanperilaku) — B.1.10 by the evaluator; reads are audited.
* ``KonselingView`` (/konseling) — the daftar (non-confidential columns; PyB's Excel without the result);
  the record page shows the result only when ``app.rules.boleh_membaca_konseling`` allows; every read audited.
  There is deliberately **no** REST API for counselling.

Rows are always fetched through ``clause_for(<resource>)`` (404 outside scope); decisions live in
``app.queries.pelaksanaan``; one transaction per POST (commit once, rollback on refusal).
"""

from __future__ import annotations

import datetime as dt

from flask import abort, current_app, flash, g, jsonify, redirect, request, send_file, url_for
from flask_appbuilder.baseviews import expose
from flask_appbuilder.security.decorators import has_access, has_access_api
from sqlalchemy import or_, select
from werkzeug.exceptions import RequestEntityTooLarge

from app import berkas as B
from app import jam
from app.aksi import Ditolak, bilangan_atau
from app.excel import formulir_b as FB
from app.excel.tulis import XLSX_MIME
from app.extensions import db
from app.queries import pelaksanaan as q_laksana
from app.queries.perencanaan import instansi_nama, perilaku_skp, rencana_aksi_skp, target_teks
from app.rules import (
    ALASAN_PERUBAHAN_SKP,
    ALUR_KONSELING,
    SKALA_KOMPETENSI,
    JenisKonselor,
    StatusKonseling,
    TindakanProgres,
    opsi_tindak_lanjut_progres,
)
from app.security.audit import catat
from app.security.scope import konteks
from app.views.base import PAGE_SIZE_LOOKUP, EagerSQLAInterface, KinerjaModelView, cakupan_aktif, satu_transaksi
from app.views.fields import label_enum as _label  # shared formatter
from app.views.fields import pilihan
from schema.enums import (
    CaraUmpanBalik,
    JenisBimbingan,
    JenisPelatihan,
    RelasiUmpanBalik,
    SifatUmpanBalik,
    StatusPermintaan,
)
from schema.models import (
    SKP,
    BimbinganKinerja,
    Jabatan,
    Konseling,
    LaporanPerilaku,
    NilaiInti,
    Pegawai,
    PelatihanKinerja,
    PermintaanUmpanBalik,
    Realisasi,
    TindakanProgresRecord,
    UmpanBalik,
    UnitKerja,
)

T = "kinerja/pelaksanaan/"
LABEL = {
    "skp": "SKP",
    "rhk": "Rencana Hasil Kerja",
    "iki": "Indikator",
    "periode_nomor": "Periode",
    "tahun": "Tahun",
    "periode_jenis": "Jenis Periode",
    "nilai": "Nilai",
    "uraian": "Uraian",
    "is_final": "Final",
    "pemberi": "Pemberi",
    "nilai_inti": "Nilai BerAKHLAK",
    "relasi": "Hubungan",
    "sifat": "Sifat",
    "cara": "Cara",
    "positif": "Positif",
    "tanggal": "Tanggal",
    "diminta_kepada": "Diminta kepada",
    "pesan": "Pesan",
    "status": "Status",
    "dibuat_pada": "Dibuat",
    "tindakan": "Tindakan",
    "catatan": "Catatan",
    "pegawai": "Pegawai",
    "pembimbing": "Pembimbing",
    "jenis": "Jenis",
    "perlu_perubahan_skp": "Perlu Perubahan SKP",
    "pelapor": "Pelapor (Pejabat Penilai)",
    "jenis_konselor": "Jenis Konselor",
    "konselor": "Konselor",
    "jadwal": "Jadwal",
    "tempat": "Tempat",
    "terjadi_pada_pegawai_lain": "Terjadi pada Pegawai Lain",
    "nama_kegiatan": "Nama Kegiatan",
    "penyelenggara": "Penyelenggara",
    "tanggal_mulai": "Tanggal Mulai",
    "tanggal_selesai": "Tanggal Selesai",
    "jumlah_jp": "Jumlah JP",
    "hasil": "Hasil/Catatan",
}
BACA = ["can_list", "can_show"]


def _ya(v):
    return "Ya" if v else "Tidak"


def _dengan_unggahan(aksi, pesan: str, kembali: str):
    """A POST carrying an evidence file: a body over the request limit is refused before anything is written;
    files written by a refused action are removed (``satu_transaksi(saat_batal=)``)."""
    try:
        f = request.files.get("berkas")
        form = request.form
    except RequestEntityTooLarge:
        db.session.rollback()
        flash(f"Berkas melebihi batas ukuran {B.ukuran_maks() // (1024 * 1024)} MB.", "danger")
        return None, kembali
    with B.Unggahan() as u:
        return satu_transaksi(lambda: aksi(form, u, f), pesan, saat_batal=u.batalkan), kembali


def _pegawai_aktif_json():
    """Active employees by any part of the name for the Select2 pickers: "Nama — Jabatan — Unit" (the unit tells
    apart two employees of the same name; no NIP: any employee asks any other for feedback)."""
    qs = (request.args.get("q") or "").strip()
    stmt = (
        select(Pegawai.id, Pegawai.nama, Jabatan.nama, UnitKerja.nama)
        .outerjoin(Jabatan, Jabatan.id == Pegawai.jabatan_id)
        .outerjoin(UnitKerja, UnitKerja.id == Pegawai.unit_kerja_id)
        .where(Pegawai.status == "aktif")
    )
    if qs:
        stmt = stmt.where(Pegawai.nama.icontains(qs, autoescape=True))
    rows = db.session.execute(stmt.order_by(Pegawai.nama, Pegawai.id).limit(PAGE_SIZE_LOOKUP)).all()
    return jsonify(
        results=[{"id": r[0], "text": " — ".join(t for t in (r[1], r[2], r[3]) if t)} for r in rows],
        pagination={"more": False},
    )


def _periode_arg(skp: SKP):
    """``?periode=n`` → the documentation period (None = the whole year); 404 for a bad value."""
    try:
        nomor = int(request.args["periode"]) if request.args.get("periode") else None
        return q_laksana.periode_dari_nomor(skp.tahun, nomor) if nomor else None
    except (ValueError, Ditolak):
        abort(404)


def _xlsx(f, nama: str):
    return send_file(f, mimetype=XLSX_MIME, as_attachment=True, download_name=nama)


def _xlsx_skp(f, kode: str, skp: SKP):
    return _xlsx(f, f"{kode}-{skp.tahun}-{skp.pegawai_nip or skp.pegawai_id}.xlsx")


def _skp(pk, klausa=None) -> SKP:
    skp = q_laksana.muat_skp(pk, cakupan_aktif("skp") if klausa is None else klausa)
    if skp is None:
        abort(404)
    return skp


def _ambil(model, pk, resource: str):
    try:
        pk = int(pk)
    except (TypeError, ValueError):
        abort(404)
    obj = db.session.scalar(select(model).where(model.id == pk).where(cakupan_aktif(resource)))
    if obj is None:
        abort(404)
    return obj


class _Dasar(KinerjaModelView):
    """No FAB file download here (it would serve UPLOAD_FOLDER by name)."""

    label_columns = LABEL
    page_size = 25

    @expose("/download/<string:filename>")
    @has_access
    def download(self, filename):
        abort(404)


# -----------------------------------------------------------------------------------------------------------
# documentation (B.1.2), the per-SKP page, the feedback record (B.1.3–B.1.5)
# -----------------------------------------------------------------------------------------------------------


class RealisasiView(_Dasar):
    route_base = "/pelaksanaan"
    scope_resource = "realisasi"
    datamodel = EagerSQLAInterface(Realisasi, eager=("skp", "rhk", "iki"))
    list_title = show_title = "Pendokumentasian Kinerja (Realisasi)"
    list_columns = ["skp", "rhk", "iki", "tahun", "periode_nomor", "nilai", "uraian", "is_final"]
    show_columns = list_columns + ["periode_jenis", "dibuat_pada"]
    search_columns = ["tahun", "periode_nomor", "is_final"]
    formatters_columns = {"is_final": _ya}
    base_permissions = BACA + ["can_export", "can_dokumentasi"]
    method_permission_name = {
        **KinerjaModelView.method_permission_name,
        "show": "show",
        "daftar_skp": "list",
        "halaman": "list",
        "cetak_b12": "list",
        "rekam": "list",
        "rekam_xlsx": "list",
        "berkas": "list",
        "download": "show",
        "cetak_b11": "list",
        "b11_xlsx": "list",
        "b12_xlsx": "list",
        "realisasi_simpan": "dokumentasi",
        "bukti_simpan": "dokumentasi",
        "bukti_hapus": "dokumentasi",
    }
    export_title = "Realisasi Kinerja"

    @expose("/skp/")
    @has_access
    def daftar_skp(self):
        hal = max(bilangan_atau(request.args.get("hal"), 1), 1)
        cari = (request.args.get("q") or "").strip()[:60]
        rows, total = q_laksana.daftar_skp_berjalan(cakupan_aktif("skp"), hal, 50, cari)
        return self.render_template(
            T + "daftar_skp.html", title="Pelaksanaan SKP", rows=rows, total=total, hal=hal, cari=cari
        )

    def _konteks(self, skp: SKP) -> dict:
        k = konteks()
        peran = q_laksana.peran_skp(skp, k)
        per = q_laksana.periode_kini(skp.tahun)
        semua = q_laksana.realisasi_skp(skp.id)
        ub = q_laksana.umpan_balik_skp(skp.id)
        nilai = list(db.session.scalars(select(NilaiInti).order_by(NilaiInti.urutan)))
        dibina = q_laksana.sudah_dibina(skp) if peran.pimpinan else False
        return dict(
            skp=skp,
            peran=peran,
            berjalan=q_laksana.skp_berjalan(skp),
            periode=q_laksana.periode_list(skp.tahun),
            periode_kini=per,
            realisasi={x.id: [r for r in semua if r.rhk_id == x.id] for x in skp.rhk},
            umpan_balik_rhk={x.id: [u for u in ub if u.rhk_id == x.id] for x in skp.rhk},
            umpan_balik_nilai={n.id: [u for u in ub if u.nilai_inti_id == n.id] for n in nilai},
            nilai_inti=nilai,
            boleh_beri=q_laksana.boleh_beri_umpan_balik(skp, k),
            sifat=SifatUmpanBalik.choices(),
            cara=CaraUmpanBalik.choices(),
            relasi=dict(RelasiUmpanBalik.choices()),
            rhk=sorted(skp.rhk, key=lambda x: (x.jenis != "utama", x.urutan)),
            permintaan=list(
                db.session.scalars(
                    select(PermintaanUmpanBalik)
                    .where(PermintaanUmpanBalik.skp_id == skp.id)
                    .order_by(PermintaanUmpanBalik.id.desc())
                )
            ),
            status_permintaan=dict(StatusPermintaan.choices()),
            tindakan=q_laksana.tindakan_skp(skp.id),
            label_tindakan=dict(TindakanProgres.choices()),
            opsi_tanpa_progres=opsi_tindak_lanjut_progres(False, dibina),
            opsi_progres=opsi_tindak_lanjut_progres(True, dibina),
            sudah_dibina=dibina,
            tipe=", ".join(B.LABEL_TIPE.get(t, t) for t in B.tipe_diizinkan()),
            ukuran_maks=B.ukuran_maks() // (1024 * 1024),
            jenis_bimbingan=[(m.value, m.label) for m in (JenisBimbingan.COACHING, JenisBimbingan.MENTORING)],
            boleh_lapor=bool(k.pegawai_id) and skp.penilai_id == k.pegawai_id,
            alasan=ALASAN_PERUBAHAN_SKP,
        )

    @expose("/skp/<pk>")
    @has_access
    def halaman(self, pk):
        skp = _skp(pk)
        return self.render_template(
            T + "halaman.html", title=f"Pelaksanaan SKP {skp.tahun} — {skp.pegawai_nama}", **self._konteks(skp)
        )

    @expose("/skp/<pk>/realisasi", methods=["POST"])
    @has_access
    def realisasi_simpan(self, pk):
        skp = _skp(pk)
        satu_transaksi(lambda: q_laksana.simpan_realisasi(skp, konteks(), request.form), "Realisasi dicatat.")
        return redirect(url_for("RealisasiView.halaman", pk=skp.id))

    @expose("/skp/<pk>/bukti/<int:rid>", methods=["POST"])
    @has_access
    def bukti_simpan(self, pk, rid):
        skp = _skp(pk)
        _hasil, ke = _dengan_unggahan(
            lambda form, u, f: q_laksana.tambah_bukti(skp, konteks(), rid, form, u, f),
            "Bukti dukung disimpan.",
            url_for("RealisasiView.halaman", pk=skp.id),
        )
        return redirect(ke)

    @expose("/skp/<pk>/bukti/<int:bid>/hapus", methods=["POST"])
    @has_access
    def bukti_hapus(self, pk, bid):
        skp = _skp(pk)
        nama = satu_transaksi(lambda: q_laksana.hapus_bukti(skp, konteks(), bid) or "", "Bukti dukung dihapus.")
        if nama:
            B.hapus(nama)  # after the commit: a failed transaction keeps the file its row points to
        return redirect(url_for("RealisasiView.halaman", pk=skp.id))

    @expose("/berkas/<int:bid>")
    @has_access
    def berkas(self, bid):
        """Served only to those who may see the SKP (scope "realisasi"), as an attachment with our own type."""
        b = q_laksana.bukti_dalam_cakupan(bid, cakupan_aktif("realisasi"))
        if b is None or not b.nama_simpan:
            abort(404)
        try:
            return B.kirim(b.nama_simpan, b.content_type, b.nama_asli or b.nama_simpan)
        except (FileNotFoundError, B.GalatBerkas):
            abort(404)

    def _b12(self, pk) -> dict:

        skp = _skp(pk)
        per = _periode_arg(skp)
        semua = [r for r in q_laksana.realisasi_skp(skp.id) if per is None or r.periode_nomor == per.nomor]
        return dict(
            skp=skp,
            periode=per,
            instansi=instansi_nama(),
            rencana_aksi=rencana_aksi_skp(skp.id),
            realisasi={x.id: [r for r in semua if r.rhk_id == x.id] for x in skp.rhk},
            rhk=sorted(skp.rhk, key=lambda x: (x.jenis != "utama", x.urutan)),
            teks_realisasi=q_laksana.teks_realisasi,
        )

    @expose("/skp/<pk>/b12")
    @has_access
    def cetak_b12(self, pk):
        return self.render_template(T + "b12.html", title="Format B.1.2", **self._b12(pk))

    @expose("/skp/<pk>/b12.xlsx")
    @has_access
    def b12_xlsx(self, pk):
        d = self._b12(pk)
        return _xlsx_skp(
            FB.b12(d["skp"], d["rencana_aksi"], d["realisasi"], d["periode"], d["instansi"], q_laksana.teks_realisasi),
            "B.1.2",
            d["skp"],
        )

    def _b11(self, pk) -> dict:
        """B.1.1 rencana aksi (000 Lampiran A.2–3). Who signs is a per-instansi choice (the forms of 000 and 001 differ: 000 the
        employee, 001 the evaluator): config ``TTD_FORMAT_B11`` = pegawai | pejabat_penilai | keduanya."""

        skp = _skp(pk)
        pilih = current_app.config.get("TTD_FORMAT_B11", "keduanya")
        penanda = ("pegawai", "pejabat_penilai") if pilih == "keduanya" else (pilih,)
        return dict(
            skp=skp,
            instansi=instansi_nama(),
            rencana_aksi=rencana_aksi_skp(skp.id),
            penanda=penanda,
            rhk=sorted(skp.rhk, key=lambda x: (x.jenis != "utama", x.urutan)),
        )

    @expose("/skp/<pk>/b11")
    @has_access
    def cetak_b11(self, pk):
        return self.render_template(T + "b11.html", title="Format B.1.1", **self._b11(pk))

    @expose("/skp/<pk>/b11.xlsx")
    @has_access
    def b11_xlsx(self, pk):
        d = self._b11(pk)
        return _xlsx_skp(FB.b11(d["skp"], d["rencana_aksi"], d["instansi"], d["penanda"]), "B.1.1", d["skp"])

    def _rekam(self, pk):
        skp = _skp(pk)
        per = _periode_arg(skp)
        return skp, q_laksana.rekam_umpan_balik(skp, per.nomor if per else None)

    @expose("/skp/<pk>/rekam")
    @has_access
    def rekam(self, pk):

        skp, data = self._rekam(pk)
        return self.render_template(
            T + "rekam.html",
            title=f"Format {data['format']}",
            skp=skp,
            d=data,
            instansi=instansi_nama(),
            target_teks=target_teks,
            relasi=dict(RelasiUmpanBalik.choices()),
            teks_realisasi=q_laksana.teks_realisasi,
            periode=q_laksana.periode_list(skp.tahun),
        )

    @expose("/skp/<pk>/rekam.xlsx")
    @has_access
    def rekam_xlsx(self, pk):

        skp, data = self._rekam(pk)
        f = FB.rekam(skp, data, instansi_nama(), target_teks, q_laksana.teks_realisasi, q_laksana.teks_umpan_balik)
        return _xlsx_skp(f, f"umpan-balik-{data['format']}", skp)


# -----------------------------------------------------------------------------------------------------------
# continuous feedback and requests (R9)
# -----------------------------------------------------------------------------------------------------------


def _klausa_skp_umpan_balik():
    """The SKP the user may give feedback on: in their SKP scope, or asked by its owner."""
    k = konteks()
    diminta = select(PermintaanUmpanBalik.skp_id).where(
        PermintaanUmpanBalik.diminta_kepada_id == (k.pegawai_id or 0),
        PermintaanUmpanBalik.status != StatusPermintaan.DITOLAK.value,
    )
    return or_(cakupan_aktif("skp"), SKP.id.in_(diminta))


class UmpanBalikView(_Dasar):
    route_base = "/umpanbalik"
    scope_resource = "umpan_balik"
    datamodel = EagerSQLAInterface(UmpanBalik, eager=("skp", "rhk", "nilai_inti", "pemberi"))
    list_title = show_title = "Umpan Balik Berkelanjutan"
    list_columns = ["skp", "rhk", "nilai_inti", "pemberi", "relasi", "sifat", "cara", "positif", "tanggal", "uraian"]
    show_columns = list_columns + ["tahun", "periode_nomor"]
    search_columns = ["tanggal", "positif", "relasi", "sifat"]
    formatters_columns = {
        "relasi": _label(RelasiUmpanBalik),
        "sifat": _label(SifatUmpanBalik),
        "cara": _label(CaraUmpanBalik),
        "positif": _ya,
    }
    base_permissions = BACA + ["can_export", "can_beri"]
    method_permission_name = {
        **KinerjaModelView.method_permission_name,
        "show": "show",
        "beri": "beri",
        "download": "show",
    }
    export_title = "Umpan Balik Berkelanjutan"

    @expose("/beri/<pk>", methods=["POST"])
    @has_access
    def beri(self, pk):
        skp = _skp(pk, _klausa_skp_umpan_balik())
        satu_transaksi(lambda: q_laksana.beri_umpan_balik(skp, konteks(), request.form), "Umpan balik disimpan.")
        if db.session.scalar(select(SKP.id).where(SKP.id == skp.id).where(cakupan_aktif("skp"))):
            return redirect(url_for("RealisasiView.halaman", pk=skp.id))
        return redirect(url_for("PermintaanUmpanBalikView.list"))


class PermintaanUmpanBalikView(_Dasar):
    route_base = "/permintaanumpanbalik"
    scope_resource = "permintaan_umpan_balik"
    datamodel = EagerSQLAInterface(PermintaanUmpanBalik, eager=("skp", "diminta_kepada"))
    list_title = show_title = "Permintaan Umpan Balik"
    list_template = T + "list_permintaan.html"
    list_columns = ["skp", "diminta_kepada", "pesan", "status", "dibuat_pada"]
    show_columns = list_columns
    search_columns = ["status"]
    formatters_columns = {"status": _label(StatusPermintaan)}
    base_permissions = BACA + ["can_minta", "can_jawab"]
    method_permission_name = {
        **KinerjaModelView.method_permission_name,
        "show": "show",
        "minta": "minta",
        "pilih_pegawai": "minta",
        "jawab": "jawab",
        "tolak": "jawab",
        "download": "show",
    }

    def render_template(self, template, **kwargs):
        if template == self.list_template:  # requests addressed to me, with a link to answer
            me = konteks().pegawai_id or 0
            rows = db.session.execute(
                select(PermintaanUmpanBalik.id, SKP.pegawai_nama, PermintaanUmpanBalik.status)
                .join(SKP, SKP.id == PermintaanUmpanBalik.skp_id)
                .where(
                    PermintaanUmpanBalik.diminta_kepada_id == me,
                    PermintaanUmpanBalik.status != StatusPermintaan.DITOLAK.value,
                )
                .order_by(PermintaanUmpanBalik.id.desc())
                .limit(50)
            ).all()
            kwargs["jawab_ids"] = [(r[0], r[1], StatusPermintaan(r[2]).label) for r in rows]
        return super().render_template(template, **kwargs)

    @expose("/minta/<pk>", methods=["POST"])
    @has_access
    def minta(self, pk):
        skp = _skp(pk)
        satu_transaksi(
            lambda: q_laksana.minta_umpan_balik(skp, konteks(), request.form), "Permintaan umpan balik dikirim."
        )
        return redirect(url_for("RealisasiView.halaman", pk=skp.id))

    @expose("/pilih_pegawai/")
    @has_access_api
    def pilih_pegawai(self):
        """Employees to ask for feedback (or to name as coach / person in charge)."""
        return _pegawai_aktif_json()

    def _milik_saya(self, pk) -> PermintaanUmpanBalik:
        p = _ambil(PermintaanUmpanBalik, pk, "permintaan_umpan_balik")
        if p.diminta_kepada_id != konteks().pegawai_id:
            abort(404)
        return p

    @expose("/jawab/<pk>")
    @has_access
    def jawab(self, pk):
        p = self._milik_saya(pk)
        skp = q_laksana.muat_skp(p.skp_id, SKP.id == p.skp_id)
        return self.render_template(
            T + "jawab.html",
            title="Jawab Permintaan Umpan Balik",
            p=p,
            skp=skp,
            rhk=sorted(skp.rhk, key=lambda x: (x.jenis != "utama", x.urutan)),
            nilai_inti=list(db.session.scalars(select(NilaiInti).order_by(NilaiInti.urutan))),
            sifat=SifatUmpanBalik.choices(),
            cara=CaraUmpanBalik.choices(),
            status=dict(StatusPermintaan.choices()),
            berjalan=q_laksana.skp_berjalan(skp),
            tanggal_kini=min(max(jam.hari_ini(), dt.date(skp.tahun, 1, 1)), dt.date(skp.tahun, 12, 31)),
        )

    @expose("/tolak/<pk>", methods=["POST"])
    @has_access
    def tolak(self, pk):
        p = self._milik_saya(pk)
        satu_transaksi(lambda: q_laksana.tolak_permintaan(p, konteks()), "Permintaan umpan balik ditolak.")
        return redirect(url_for("PermintaanUmpanBalikView.list"))


# -----------------------------------------------------------------------------------------------------------
# R9 progress decision
# -----------------------------------------------------------------------------------------------------------


class TindakanProgresView(_Dasar):
    route_base = "/tindakanprogres"
    scope_resource = "tindakan_progres"
    datamodel = EagerSQLAInterface(TindakanProgresRecord, eager=("skp",))
    list_title = show_title = "Tindak Lanjut Kemajuan Kinerja"
    list_columns = ["skp", "tindakan", "catatan", "tanggal"]
    show_columns = list_columns
    search_columns = ["tindakan", "tanggal"]
    formatters_columns = {"tindakan": _label(TindakanProgres)}
    base_permissions = BACA + ["can_export", "can_putuskan"]
    method_permission_name = {
        **KinerjaModelView.method_permission_name,
        "show": "show",
        "putuskan": "putuskan",
        "download": "show",
    }
    export_title = "Tindak Lanjut Kemajuan Kinerja"

    @expose("/putuskan/<pk>", methods=["POST"])
    @has_access
    def putuskan(self, pk):
        skp = _skp(pk)
        hasil = satu_transaksi(
            lambda: q_laksana.putuskan_progres(skp, konteks(), request.form), "Tindak lanjut kemajuan kinerja dicatat."
        )
        if hasil:
            rec, lanjut = hasil
            if lanjut is not None:
                flash("Perubahan SKP dibuka sebagai draf versi baru (penyesuaian ekspektasi).", "info")
                return redirect(url_for("SKPView.show", pk=lanjut.id))
            if rec.tindakan == TindakanProgres.BIMBINGAN_KONSELING.value:
                flash("Lanjutkan dengan mencatat bimbingan kinerja atau melaporkan permasalahan perilaku.", "info")
        return redirect(url_for("RealisasiView.halaman", pk=skp.id))


# -----------------------------------------------------------------------------------------------------------
# R12 coaching / mentoring
# -----------------------------------------------------------------------------------------------------------


class BimbinganKinerjaView(_Dasar):
    route_base = "/bimbingan"
    scope_resource = "bimbingan_kinerja"
    datamodel = EagerSQLAInterface(BimbinganKinerja, eager=("pegawai", "pembimbing"))
    list_title = show_title = "Bimbingan Kinerja"
    list_columns = ["pegawai", "pembimbing", "jenis", "tanggal", "perlu_perubahan_skp"]
    search_columns = ["jenis", "tanggal", "perlu_perubahan_skp"]
    formatters_columns = {"jenis": _label(JenisBimbingan), "perlu_perubahan_skp": _ya}
    base_permissions = BACA + ["can_buat", "can_isi"]
    method_permission_name = {
        **KinerjaModelView.method_permission_name,
        "show": "show",
        "cetak": "show",
        "unduh": "show",
        "buat": "buat",
        "isi": "isi",
        "tandatangani": "isi",
        "download": "show",
    }

    def _muat(self, pk) -> BimbinganKinerja:
        b = q_laksana.muat_bimbingan(pk, cakupan_aktif("bimbingan_kinerja"))
        if b is None:
            abort(404)
        return b

    @expose("/buat", methods=["POST"])
    @has_access
    def buat(self):
        b = satu_transaksi(
            lambda: q_laksana.buat_bimbingan(konteks(), request.form, cakupan_aktif("skp")),
            "Rekaman bimbingan kinerja dibuat.",
        )
        if b is not None:
            return redirect(url_for("BimbinganKinerjaView.show", pk=b.id))
        pk = request.form.get("skp_id")
        return redirect(
            url_for("RealisasiView.halaman", pk=pk) if pk and pk.isdigit() else url_for("BimbinganKinerjaView.list")
        )

    def _ctx(self, b):
        tt = {t.peran: t for t in q_laksana.tanda_tangan_bimbingan(b.id)}
        return dict(
            b=b,
            r=q_laksana.rincian_bimbingan(b),
            peran=q_laksana.peran_bimbingan(b, konteks()),
            skala=SKALA_KOMPETENSI,
            coaching=b.jenis == JenisBimbingan.COACHING.value,
            label_jenis=dict(JenisBimbingan.choices()),
            tt=tt,
            terkunci=bool(tt),
            format_utama=q_laksana.format_bimbingan(b),
        )

    @expose("/show/<pk>")
    @has_access
    def show(self, pk):
        b = self._muat(pk)
        return self.render_template(T + "bimbingan.html", title="Rekaman Bimbingan Kinerja", **self._ctx(b))

    @expose("/cetak/<pk>/<fmt>")
    @has_access
    def cetak(self, pk, fmt):
        b = self._muat(pk)
        if fmt not in ("B.1.6", "B.1.7", "B.1.8", "B.1.9"):
            abort(404)
        return self.render_template(T + "bimbingan_cetak.html", title=f"Format {fmt}", fmt=fmt, **self._ctx(b))

    @expose("/unduh/<pk>/<fmt>")
    @has_access
    def unduh(self, pk, fmt):

        b = self._muat(pk)
        if fmt not in ("B.1.6", "B.1.7", "B.1.8", "B.1.9"):
            abort(404)
        c = self._ctx(b)
        f = FB.bimbingan(fmt, b, c["r"], c["tt"], SKALA_KOMPETENSI, instansi_nama())
        return _xlsx(f, f"{fmt}-bimbingan-{b.id}.xlsx")

    @expose("/tandatangani/<pk>", methods=["POST"])
    @has_access
    def tandatangani(self, pk):

        b = self._muat(pk)
        satu_transaksi(
            lambda: q_laksana.tandatangani_bimbingan(b, konteks(), g.user),
            f"Rekaman {q_laksana.format_bimbingan(b)} ditandatangani secara elektronik.",
        )
        return redirect(url_for("BimbinganKinerjaView.show", pk=b.id))

    @expose("/isi/<pk>/<bagian>", methods=["POST"])
    @has_access
    def isi(self, pk, bagian):
        b = self._muat(pk)
        satu_transaksi(
            lambda: q_laksana.isi_bimbingan(b, konteks(), bagian, request.form), "Rekaman bimbingan disimpan."
        )
        return redirect(url_for("BimbinganKinerjaView.show", pk=b.id))


# -----------------------------------------------------------------------------------------------------------
# formal / informal training (000 Lampiran D.4 c) 3)–4))
# -----------------------------------------------------------------------------------------------------------


class PelatihanKinerjaView(_Dasar):
    route_base = "/pelatihan"
    scope_resource = "pelatihan_kinerja"
    datamodel = EagerSQLAInterface(PelatihanKinerja, eager=("pegawai", "pembimbing"))
    list_title = show_title = "Pelatihan Formal/Informal"
    list_columns = [
        "pegawai",
        "jenis",
        "nama_kegiatan",
        "penyelenggara",
        "tanggal_mulai",
        "tanggal_selesai",
        "jumlah_jp",
        "pembimbing",
    ]
    search_columns = ["jenis", "tanggal_mulai", "nama_kegiatan"]
    search_form_extra_fields = {"jenis": pilihan("Jenis", JenisPelatihan)}
    formatters_columns = {"jenis": _label(JenisPelatihan)}
    label_columns = {**LABEL, "pembimbing": "Penanggung Jawab"}
    base_order = ("tanggal_mulai", "desc")
    base_permissions = BACA + ["can_export", "can_catat", "can_ubah"]
    method_permission_name = {
        **KinerjaModelView.method_permission_name,
        "show": "show",
        "berkas": "show",
        "tambah": "catat",
        "ubah": "ubah",
        "download": "show",
    }
    export_title = "Pelatihan Formal dan Informal"

    def tulis_ekspor(self, ids, pengekspor: str):
        return q_laksana.register_pelatihan(ids, pengekspor)

    def _muat(self, pk) -> PelatihanKinerja:
        p = q_laksana.muat_pelatihan(pk, cakupan_aktif("pelatihan_kinerja"))
        if p is None:
            abort(404)
        return p

    def _form(self, judul, aksi, p=None, skp=None):
        return self.render_template(
            T + "pelatihan_form.html",
            title=judul,
            aksi=aksi,
            p=p,
            skp=skp or p.skp,
            form=request.form,
            jenis=JenisPelatihan.choices(),
            tipe=", ".join(B.LABEL_TIPE.get(t, t) for t in B.tipe_diizinkan()),
            ukuran_maks=B.ukuran_maks() // (1024 * 1024),
        )

    @expose("/tambah/<pk>", methods=["GET", "POST"])
    @has_access
    def tambah(self, pk):
        skp = _skp(pk)
        if request.method == "POST":
            p, _ke = _dengan_unggahan(
                lambda form, u, f: q_laksana.catat_pelatihan(skp, konteks(), form, u, f), "Pelatihan dicatat.", ""
            )
            if p is not None:
                return redirect(url_for("PelatihanKinerjaView.show", pk=p.id))
        return self._form(
            f"Catat Pelatihan — {skp.pegawai_nama}", url_for("PelatihanKinerjaView.tambah", pk=skp.id), skp=skp
        )

    @expose("/ubah/<pk>", methods=["GET", "POST"])
    @has_access
    def ubah(self, pk):
        p = self._muat(pk)
        if not q_laksana.boleh_ubah_pelatihan(p, konteks()):
            flash("Rekaman pelatihan diubah oleh penanggung jawabnya atau pimpinan pegawai.", "danger")
            return redirect(url_for("PelatihanKinerjaView.show", pk=p.id))
        if request.method == "POST":
            hasil, _ke = _dengan_unggahan(
                lambda form, u, f: q_laksana.ubah_pelatihan(p, konteks(), form, u, f) or "",
                "Rekaman pelatihan disimpan.",
                "",
            )
            if hasil is not None:
                if hasil:
                    B.hapus(hasil)  # the replaced evidence, after the commit
                return redirect(url_for("PelatihanKinerjaView.show", pk=p.id))
            db.session.expire_all()  # the refused edit left the row as it was; show the user's input again
        return self._form("Ubah Pelatihan", url_for("PelatihanKinerjaView.ubah", pk=p.id), p=self._muat(pk))

    @expose("/show/<pk>")
    @has_access
    def show(self, pk):
        p = self._muat(pk)
        kepada = db.session.get(Pegawai, p.dilaporkan_kepada_id) if p.dilaporkan_kepada_id else None
        return self.render_template(
            T + "pelatihan.html",
            title="Pelatihan Formal/Informal",
            p=p,
            kepada=kepada,
            label_jenis=dict(JenisPelatihan.choices()),
            boleh_ubah=q_laksana.boleh_ubah_pelatihan(p, konteks()),
        )

    @expose("/berkas/<pk>")
    @has_access
    def berkas(self, pk):
        p = self._muat(pk)
        if not p.bukti_nama_simpan:
            abort(404)
        try:
            return B.kirim(p.bukti_nama_simpan, p.bukti_content_type, p.bukti_nama_asli or p.bukti_nama_simpan)
        except (FileNotFoundError, B.GalatBerkas):
            abort(404)


# -----------------------------------------------------------------------------------------------------------
# R11 behaviour report (B.1.10) and the counselling daftar
# -----------------------------------------------------------------------------------------------------------


class LaporanPerilakuView(_Dasar):
    route_base = "/laporanperilaku"
    scope_resource = "laporan_perilaku"
    datamodel = EagerSQLAInterface(LaporanPerilaku, eager=("pegawai", "pelapor"))
    list_title = show_title = "Laporan Permasalahan Perilaku Kerja"
    list_columns = ["pegawai", "pelapor", "tanggal"]
    search_columns = ["tanggal"]
    base_permissions = BACA + ["can_export", "can_laporkan"]
    method_permission_name = {
        **KinerjaModelView.method_permission_name,
        "show": "show",
        "cetak": "show",
        "unduh": "show",
        "buat": "laporkan",
        "download": "show",
    }
    export_columns = ["pegawai", "pelapor", "tanggal"]  # never the report's text
    export_title = "Laporan Permasalahan Perilaku Kerja"

    @expose("/buat/<pk>", methods=["GET", "POST"])
    @has_access
    def buat(self, pk):
        skp = _skp(pk)
        if request.method == "POST":
            lap = satu_transaksi(
                lambda: q_laksana.buat_laporan(skp, konteks(), request.form),
                "Laporan disampaikan kepada PyB / pimpinan unit kepegawaian; pegawai masuk daftar "
                "permasalahan perilaku kerja.",
            )
            if lap is not None:
                return redirect(url_for("LaporanPerilakuView.show", pk=lap.id))
        ub = q_laksana.umpan_balik_skp(skp.id)

        return self.render_template(
            T + "laporan_buat.html",
            title="Laporan Permasalahan Perilaku Kerja (B.1.10)",
            skp=skp,
            umpan_balik=ub,
            relasi=dict(RelasiUmpanBalik.choices()),
            ekspektasi=[p for p in perilaku_skp(skp.id) if p["ekspektasi"]],
            form=request.form,
        )

    def _muat_dibaca(self, pk) -> LaporanPerilaku:
        """Every read of a B.1.10 report (page, print, xlsx) is audited."""
        lap = q_laksana.muat_laporan(pk, cakupan_aktif("laporan_perilaku"))
        if lap is None:
            abort(404)
        catat("laporan_perilaku", lap.id, "baca")
        db.session.commit()
        return q_laksana.muat_laporan(pk, cakupan_aktif("laporan_perilaku"))

    @expose("/unduh/<pk>")
    @has_access
    def unduh(self, pk):

        lap = self._muat_dibaca(pk)
        f = FB.b110(lap, q_laksana.bukti_laporan(lap.id), q_laksana.teks_umpan_balik, instansi_nama())
        return _xlsx(f, f"B.1.10-laporan-{lap.id}.xlsx")

    def _baca(self, pk, cetak: bool):
        lap = self._muat_dibaca(pk)
        return self.render_template(
            T + "laporan.html",
            title="Format B.1.10",
            lap=lap,
            cetak=cetak,
            bukti=q_laksana.bukti_laporan(lap.id),
            relasi=dict(RelasiUmpanBalik.choices()),
        )

    @expose("/show/<pk>")
    @has_access
    def show(self, pk):
        return self._baca(pk, False)

    @expose("/cetak/<pk>")
    @has_access
    def cetak(self, pk):
        return self._baca(pk, True)


def _alur_konseling(status: str) -> list[tuple[str, str]]:
    """The steps shown on the record page: the main path, or dilaporkan → tidak ditetapkan once PyB said no."""
    if status == StatusKonseling.TIDAK_DITETAPKAN.value:
        langkah = (StatusKonseling.DILAPORKAN, StatusKonseling.TIDAK_DITETAPKAN)
    else:
        langkah = ALUR_KONSELING
    return [(s.value, s.label) for s in langkah]


class KonselingView(_Dasar):
    route_base = "/konseling"
    scope_resource = "konseling"
    datamodel = EagerSQLAInterface(Konseling, eager=("pegawai", "konselor"))
    list_title = "Daftar Pegawai dengan Permasalahan Perilaku Kerja"
    # non-confidential columns only; the result and the follow-up are on the record page for the circle of R11
    list_columns = ["pegawai", "status", "jenis_konselor", "konselor", "jadwal", "tempat"]
    search_columns = ["status", "jenis_konselor", "jadwal"]
    search_form_extra_fields = {
        "status": pilihan("Status", StatusKonseling),
        "jenis_konselor": pilihan("Jenis Konselor", JenisKonselor),
    }
    formatters_columns = {"status": _label(StatusKonseling), "jenis_konselor": _label(JenisKonselor)}
    base_order = ("id", "desc")
    base_permissions = BACA + ["can_export", "can_tetapkan", "can_jadwalkan", "can_hasil", "can_tindak_lanjut"]
    method_permission_name = {
        **KinerjaModelView.method_permission_name,
        "show": "show",
        "tetapkan": "tetapkan",
        "jadwalkan": "jadwalkan",
        "hasil": "hasil",
        "tindak_lanjut": "tindak_lanjut",
        "pilih_konselor": "tetapkan",
        "download": "show",
        "tidak_tetapkan": "tetapkan",
    }  # deciding "no" is the same PyB decision
    export_title = "Daftar Permasalahan Perilaku Kerja"

    def tulis_ekspor(self, ids, pengekspor: str):
        f = q_laksana.register_konseling(ids, pengekspor)
        db.session.commit()  # the audit entry of the export
        return f

    def _get_list_widget(self, filters, **kwargs):
        """Opening the daftar is a read of counselling records too (R11, 000 Pasal 16(5)): one audit entry with
        the ids shown on the page."""
        widgets = super()._get_list_widget(filters, **kwargs)
        ids = [int(x) for x in widgets["list"].template_args.get("pks", [])]
        catat("konseling", None, "baca", sesudah={"daftar": ids})
        return widgets  # committed once the page is rendered (render_template): earlier would expire the rows

    def render_template(self, template, **kwargs):
        html = super().render_template(template, **kwargs)
        if template == self.list_template:
            db.session.commit()  # the daftar's audit entry; committing before rendering reloaded each row (N+1)
        return html

    def _muat(self, pk) -> Konseling:
        kons = q_laksana.muat_konseling(pk, cakupan_aktif("konseling"))
        if kons is None:
            abort(404)
        return kons

    @expose("/show/<pk>")
    @has_access
    def show(self, pk):
        kons = self._muat(pk)
        k = konteks()
        boleh = q_laksana.boleh_baca_konseling(kons, k)
        catat("konseling", kons.id, "baca", sesudah={"rahasia": boleh})  # every read, with or without the result
        db.session.commit()
        kons = self._muat(pk)
        peran = q_laksana.peran_konseling(kons, k)
        return self.render_template(
            T + "konseling.html",
            title="Konseling Kinerja",
            kons=kons,
            boleh_baca=boleh,
            peran=peran,
            label_status=dict(StatusKonseling.choices()),
            jenis_konselor=JenisKonselor.choices(),
            boleh_tindak_lanjut=q_laksana.boleh_tindak_lanjut(kons, k),
            alur=_alur_konseling(kons.status),
        )

    @expose("/pilih_konselor/")
    @has_access_api
    def pilih_konselor(self):
        """Only people the PyB may appoint (R11, ``alasan_konselor_tidak_layak``): for the case ``konseling``
        (in the user's scope) and the chosen ``jenis_konselor`` when given."""
        kons = None
        if request.args.get("konseling"):
            kons = self._muat(request.args["konseling"])
        try:
            jenis = JenisKonselor(request.args.get("jenis_konselor") or "")
        except ValueError:
            jenis = None
        qs = (request.args.get("q") or "").strip()
        rows = q_laksana.calon_konselor(kons, jenis, qs, PAGE_SIZE_LOOKUP)
        return jsonify(results=[{"id": i, "text": t} for i, t in rows], pagination={"more": False})

    def _aksi(self, pk, fn, pesan):
        kons = self._muat(pk)
        satu_transaksi(lambda: fn(kons, konteks(), request.form), pesan)
        return redirect(url_for("KonselingView.show", pk=kons.id))

    @expose("/tetapkan/<pk>", methods=["POST"])
    @has_access
    def tetapkan(self, pk):
        return self._aksi(pk, q_laksana.tetapkan_konseling, "Pegawai ditetapkan untuk konseling; konselor ditunjuk.")

    @expose("/tidak_tetapkan/<pk>", methods=["POST"])
    @has_access
    def tidak_tetapkan(self, pk):
        return self._aksi(
            pk, q_laksana.tidak_tetapkan_konseling, "Pegawai tidak ditetapkan untuk konseling; alasan dicatat."
        )

    @expose("/jadwalkan/<pk>", methods=["POST"])
    @has_access
    def jadwalkan(self, pk):
        return self._aksi(pk, q_laksana.jadwalkan_konseling, "Jadwal dan tempat konseling ditetapkan.")

    @expose("/hasil/<pk>", methods=["POST"])
    @has_access
    def hasil(self, pk):
        return self._aksi(pk, q_laksana.catat_hasil_konseling, "Hasil konseling dicatat (rahasia).")

    @expose("/tindak_lanjut/<pk>", methods=["POST"])
    @has_access
    def tindak_lanjut(self, pk):
        return self._aksi(pk, q_laksana.tindak_lanjut_konseling, "Tindak lanjut hasil konseling dicatat.")
