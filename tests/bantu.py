"""Test helpers shared by the test modules (fixtures live in the conftest.py files): clean multi-user clients,
demo users' employee rows, set SKP and evaluations created directly in the database, and the HTTP steps of
perencanaan, penilaian, pelaksanaan and tindak lanjut that several modules walk through. One section per stage."""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import re
from decimal import Decimal
from functools import lru_cache
from html.parser import HTMLParser

from sqlalchemy import delete, func, insert, select, update

from app.excel.impor import JENIS
from app.rules.enums import Berlabel
from schema.models import (
    SKP,
    AuditLog,
    EvaluasiKinerja,
    IndikatorKinerja,
    Jabatan,
    Konseling,
    LaporanPerilaku,
    MutasiPegawai,
    NilaiInti,
    Pegawai,
    RencanaHasilKerja,
    TindakLanjutSanksi,
    UmpanBalik,
    UnitKerja,
)

TAHUN_DEMO = 2026  # the year of the demo data (its SKP, evaluations and R14 cases)


class KlienBersih:
    """Several logins in one test while ``db_session`` keeps an app context pushed: Flask reuses that context
    for every request, so ``g`` (flask-login's cached user, our cached Konteks) would leak from one user's
    request into the next. Clear it before each request."""

    def __init__(self, klien):
        self._k = klien

    @staticmethod
    def bersih():
        from flask import g, has_app_context

        if has_app_context():
            for nama in list(vars(g)):
                delattr(g, nama)

    def get(self, *a, **kw):
        self.bersih()
        return self._k.get(*a, **kw)

    def post(self, *a, **kw):
        self.bersih()
        return self._k.post(*a, **kw)


def login_bersih(login):
    """Wrap conftest's ``login`` fixture: the login POST itself must not see the previous user either."""

    def _login(username=None):
        KlienBersih.bersih()
        return KlienBersih(login(username))

    return _login


def masuk(app, username, password=None):
    """A fresh client of ``app`` logged in through the login form (for tests with their own app or clients)."""
    from tests.conftest import PASSWORD

    c = app.test_client()
    r = c.post("/login/", data={"username": username, "password": password or PASSWORD})
    assert r.status_code == 302 and "/login" not in r.headers["Location"], f"login {username} ditolak"
    return c


def masuk_csrf(client, username="operator") -> str:
    """Log in through the HTML form with its CSRF token (apps with CSRF on); returns the session's token."""
    from tests.conftest import PASSWORD

    html = client.get("/login/").get_data(as_text=True)
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', html).group(1)
    r = client.post("/login/", data={"username": username, "password": PASSWORD, "csrf_token": token})
    assert r.status_code == 302 and "/login" not in r.headers["Location"]
    return token


def peg(db, username) -> Pegawai:
    """The employee row of a demo user."""
    db.rollback()
    return db.scalars(select(Pegawai).where(Pegawai.user.has(username=username))).one()


def html(r) -> str:
    return r.get_data(as_text=True)


def skp_ditetapkan(
    db,
    tahun: int,
    pegawai: Pegawai | None = None,
    n_utama: int = 1,
    n_tambahan: int = 1,
    penilai: Pegawai | None = None,
    atasan: Pegawai | None = None,
    **kolom,
) -> SKP:
    """A set SKP (ditetapkan) for ``tahun`` with RHK and one IKI each, written directly (not through the
    perencanaan flow): the demo ``pegawai`` evaluated by ``penilai`` with atasan ``atasan`` unless given."""
    pegawai = pegawai or peg(db, "pegawai")
    penilai = penilai or peg(db, "penilai")
    atasan = atasan or peg(db, "atasan")
    isi = dict(
        pegawai_id=pegawai.id,
        jabatan_id=pegawai.jabatan_id,
        unit_kerja_id=pegawai.unit_kerja_id,
        tahun=tahun,
        pendekatan="kuantitatif",
        format_skp="A.1.7",
        status="ditetapkan",
        aktif=True,
        versi_ke=1,
        penilai_id=penilai.id,
        atasan_penilai_id=atasan.id,
        pegawai_nama=pegawai.nama,
        pegawai_nip=pegawai.nip,
        penilai_nama=penilai.nama,
        penilai_nip=penilai.nip,
        atasan_penilai_nama=atasan.nama,
        atasan_penilai_nip=atasan.nip,
        tenggat_penetapan=dt.date(tahun, 1, 31),
    )
    isi.update(kolom)
    s = SKP(**isi)
    db.add(s)
    db.flush()
    for i in range(n_utama + n_tambahan):
        r = RencanaHasilKerja(
            skp_id=s.id,
            jenis="utama" if i < n_utama else "tambahan",
            urutan=i + 1,
            uraian=f"Tersusunnya laporan uji {tahun}-{i + 1}",
        )
        db.add(r)
        db.flush()
        db.add(
            IndikatorKinerja(
                rhk_id=r.id,
                urutan=1,
                uraian=f"Jumlah laporan {i + 1}",
                aspek="kuantitas",
                target_nilai=Decimal(12),
                target_satuan="dokumen",
            )
        )
    db.commit()
    return s


def xlsx_dari_baris(rows) -> io.BytesIO:
    """An in-memory workbook with ``rows`` on its first sheet (upload fixtures)."""
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    for r in rows:
        ws.append(r)
    f = io.BytesIO()
    wb.save(f)
    f.seek(0)
    return f


# Import workbook for "pegawai" with one good row and rows that are each wrong in one column (row numbers 2–5).
KOLOM_IMPOR_PEGAWAI = list(JENIS["pegawai"][2])  # the import template's columns, as app/excel/impor.py names them


def baris_impor_pegawai(unit: str) -> dict[str, list]:
    """``baik`` imports; ``salah_nip`` (check digit), ``unit_hilang`` (kode_unit), ``tanggal_salah`` are refused."""

    def baris(nip, nama, lahir, golongan=None, kode_unit=unit):
        return [nip, nama, None, None, lahir, "01-01-2005", "L", "pns", "aktif", golongan, None, kode_unit, None]

    return {
        "baik": baris("198001012005011001", "Baris Baik", "01-01-1980", "III/c"),
        "salah_nip": baris("198001012005013002", "NIP Salah", "01-01-1980"),
        "unit_hilang": baris("198001022005011003", "Unit Hilang", "02-01-1980", kode_unit="TIDAK-ADA"),
        "tanggal_salah": baris("198001032005011004", "Tanggal", "32-13-1980"),
    }


def buku_xlsx(r):
    """The workbook of an xlsx download (asserting it is one)."""
    from openpyxl import load_workbook

    assert r.status_code == 200 and r.mimetype.endswith("spreadsheetml.sheet"), r.status_code
    return load_workbook(io.BytesIO(r.data))


def tahun_kasus_demo() -> int:
    """The demo builds its annual cases on the last year ended by the app's today (never in the future)."""
    from app import jam
    from seeds.demo_tindak_lanjut import tahun_kasus

    return tahun_kasus(TAHUN_DEMO, jam.hari_ini())


def put_terkunci(c, url: str, json: dict):
    """An API PUT the way a client must send it: based on the ETag of its own fresh GET (If-Match)."""
    etag = c.get(url).headers.get("ETag")
    return c.put(url, json=json, headers={"If-Match": etag} if etag else {})


# ---------------------------------------- perencanaan_http


def skp_buat(c, db, tahun, pegawai_id=None, pendekatan="kuantitatif", username=None) -> SKP:
    data = {"tahun": str(tahun), "pendekatan": pendekatan}
    if pegawai_id:
        data["pegawai"] = str(pegawai_id)
    r = c.post("/skp/buat/", data=data)
    assert r.status_code == 302, html(r)[:3000]
    db.rollback()
    m = re.search(r"/skp/show/(\d+)", r.headers["Location"])
    assert m, r.headers["Location"]
    return db.get(SKP, int(m.group(1)))


def skp_rhk(c, db, skp, uraian="Tersusunnya laporan kinerja", **kw) -> RencanaHasilKerja:
    db.rollback()
    versi = db.get(SKP, skp.id).versi
    r = c.post(
        f"/skp/rhk/{skp.id}", data={"jenis": "utama", "uraian": uraian, "versi": versi, **kw}, follow_redirects=True
    )
    assert r.status_code == 200
    db.rollback()
    return db.scalars(
        select(RencanaHasilKerja).where(RencanaHasilKerja.skp_id == skp.id).order_by(RencanaHasilKerja.id.desc())
    ).first(), html(r)


def skp_iki(c, db, skp, rhk, **kw):
    db.rollback()
    data = {
        "rhk_id": rhk.id,
        "uraian": "Persentase laporan tepat waktu",
        "aspek": "kuantitas",
        "perspektif": "proses_bisnis",
        "target_nilai": "100",
        "target_satuan": "%",
        "versi": db.get(SKP, skp.id).versi,
    }
    data.update(kw)
    return html(c.post(f"/skp/iki/{skp.id}", data=data, follow_redirects=True))


def skp_post(c, url, db=None, skp=None, **data):
    if db is not None and skp is not None:
        db.rollback()
        data.setdefault("versi", db.get(SKP, skp.id).versi)
    return html(c.post(url, data=data, follow_redirects=True))


def skp_siap_ajukan(c, db, skp):
    rhk, _ = skp_rhk(c, db, skp)
    skp_iki(c, db, skp, rhk)
    return rhk


# ---------------------------------------- penilaian


def rhk_ids(db, skp_id) -> list[int]:
    return list(
        db.scalars(
            select(RencanaHasilKerja.id).where(RencanaHasilKerja.skp_id == skp_id).order_by(RencanaHasilKerja.urutan)
        )
    )


def ev_buat(c, db, skp, nomor=1, jenis="periodik") -> EvaluasiKinerja:
    r = c.post("/evaluasi/buat/", data={"skp_id": skp.id, "tahun": skp.tahun, "jenis": jenis, "periode_nomor": nomor})
    assert r.status_code == 302, html(r)[:2000]
    m = re.search(r"/evaluasi/show/(\d+)", r.headers["Location"])
    assert m, r.headers["Location"]
    db.rollback()
    return db.get(EvaluasiKinerja, int(m.group(1)))


def ev_muat(db, ev_id) -> EvaluasiKinerja:
    db.rollback()
    return db.get(EvaluasiKinerja, ev_id)


def ev_nilai(c, db, ev, rating_rhk, hk, pk, konsisten=True, penjaga=False, **extra):
    ev = ev_muat(db, ev.id)
    data = {
        "versi": ev.versi,
        "rating_hasil_kerja": hk,
        "rating_perilaku": pk,
        "catatan_rekomendasi": "Tingkatkan kualitas bukti dukung.",
        **extra,
    }
    for rid, v in zip(rhk_ids(db, ev.skp_id), rating_rhk):
        data[f"rating_rhk_{rid}"] = v
    if konsisten:
        data["konsisten"] = "1"
    if penjaga:
        data["penjaga_nilai"] = "1"
    return c.post(f"/evaluasi/simpan/{ev.id}", data=data, follow_redirects=True)


def ev_post(c, db, url, ev_id=None, **data):
    if ev_id is not None:
        data.setdefault("versi", ev_muat(db, ev_id).versi)
    if "/evaluasi/tandatangani/" in url:
        # these SKPs have no realisasi: the signer has seen the list (tests/penilaian/test_jendela.py)
        data.setdefault("konfirmasi_dokumentasi", "1")
    return c.post(url, data=data, follow_redirects=True)


def ev_massal(db, n: int, tahun: int, penilai_id: int) -> list[int]:
    """``n`` draft evaluations with ratings, bulk-inserted (the benchmark's shape)."""
    pegawai = list(db.scalars(select(Pegawai.id).order_by(Pegawai.id)))
    skp_id = db.scalar(select(SKP.id).order_by(SKP.id).limit(1))
    unit = db.scalar(select(UnitKerja.id).order_by(UnitKerja.id).limit(1))
    kombinasi = [("diatas", "diatas"), ("sesuai", "dibawah"), ("dibawah", "sesuai"), ("sesuai", "sesuai")]
    rows = []
    for i in range(n):
        hk, pk = kombinasi[i % 4]
        rows.append(
            {
                "skp_id": skp_id,
                "pegawai_id": pegawai[i % len(pegawai)],
                "unit_kerja_id": unit,
                "penilai_id": penilai_id,
                "jenis": "periodik",
                "tahun": tahun,
                "periode_jenis": "bulanan",
                "periode_nomor": i // len(pegawai) + 1,
                "aktif": True,
                "rating_hasil_kerja": hk,
                "saran_rating_hasil_kerja": hk,
                "rating_perilaku": pk,
                "saran_rating_perilaku": pk,
                "status_dokumen": "draf",
                "format_dokumen": "D.1.1",
                "dinilai_oleh": "penilai",
                "is_final": False,
                "versi": 1,
            }
        )
    db.execute(insert(EvaluasiKinerja), rows)
    db.commit()
    return list(
        db.scalars(select(EvaluasiKinerja.id).where(EvaluasiKinerja.tahun == tahun).order_by(EvaluasiKinerja.id))
    )


def ev_diterima(login, db, hari, skp, nomor, tanggal) -> EvaluasiKinerja:
    hari(tanggal)
    c = login("penilai")
    ev = ev_buat(c, db, skp, nomor)
    ev_nilai(c, db, ev, ["sesuai", "sesuai"], "sesuai", "sesuai")
    ev_post(c, db, f"/evaluasi/tandatangani/{ev.id}", ev.id)
    ev_post(c, db, f"/evaluasi/sampaikan/{ev.id}", ev.id)
    ev_post(login("pegawai"), db, f"/evaluasi/terima/{ev.id}", ev.id)
    e = ev_muat(db, ev.id)
    assert e.status_dokumen == "diterima"
    return e


# ---------------------------------------- penilaian_lanjutan


def pegawai_tanpa_login(db, n=1, kecuali=()) -> list[Pegawai]:
    """Active employees without a login and with a position: no other test uses them."""
    db.rollback()
    return list(
        db.scalars(
            select(Pegawai)
            .where(
                Pegawai.user_id.is_(None),
                Pegawai.jabatan_id.is_not(None),
                Pegawai.status == "aktif",
                Pegawai.id.not_in(list(kecuali) or [0]),
            )
            .order_by(Pegawai.id.desc())
            .limit(n)
        )
    )


class Posisi:
    """Remember employees' positions and the transfer records made in a test; restore both afterwards."""

    def __init__(self, db, *orang):
        self.db = db
        self.lama = {p.id: (p.jabatan_id, p.unit_kerja_id) for p in orang}

    def pulihkan(self):
        db = self.db
        db.rollback()
        db.execute(delete(MutasiPegawai).where(MutasiPegawai.pegawai_id.in_(list(self.lama))))
        for pid, (j, u) in self.lama.items():
            db.execute(update(Pegawai).where(Pegawai.id == pid).values(jabatan_id=j, unit_kerja_id=u))
        db.commit()


def catat_mutasi(c, pegawai_id, tanggal: dt.date, jabatan_id=None, **kw):
    data = {"pegawai": pegawai_id, "tanggal_efektif": tanggal.isoformat(), "nomor_sk": "800/UJI/BKPSDM", **kw}
    if jabatan_id:
        data["jabatan_tujuan"] = jabatan_id
    return c.post("/mutasipegawai/add", data=data, follow_redirects=True)


# ---------------------------------------- pelaksanaan

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


class KlienKonteks:
    """A logged-in test client whose every request runs in its own app context: the tests hold one for their own
    queries (``db_session``), and a request inside it would share its ``g`` — where flask-login caches the user —
    so several users in one test would leak into each other. After each request the test's session is expired
    so it reads what the request committed."""

    def __init__(self, app, username=None):
        from tests.conftest import PASSWORD

        self.app, self.c = app, app.test_client()
        if username:
            r = self.post("/login/", data={"username": username, "password": PASSWORD})
            assert r.status_code == 302 and "/login" not in r.headers.get("Location", ""), username

    def _req(self, metode, *a, **kw):
        from flask import has_app_context

        luar = has_app_context()
        with self.app.app_context():
            r = getattr(self.c, metode)(*a, **kw)
        if luar:
            from app.extensions import db

            db.session.expire_all()
        return r

    def get(self, *a, **kw):
        return self._req("get", *a, **kw)

    def post(self, *a, **kw):
        return self._req("post", *a, **kw)

    def session_transaction(self):
        return self.c.session_transaction()


def id_pegawai(db_session, username: str) -> int:
    return db_session.scalar(select(Pegawai.id).join(Pegawai.user).where(Pegawai.user.has(username=username)))


def skp_berlaku(
    db_session, pegawai_id: int, tahun: int, penilai: int | None, atasan: int | None, format_skp: str = "A.1.7"
) -> int:
    """A set SKP in force (status ditetapkan) with two RHK and one IKI each, made directly for the test."""
    p = db_session.get(Pegawai, pegawai_id)
    ada = db_session.scalar(select(SKP.id).where(SKP.pegawai_id == pegawai_id, SKP.tahun == tahun, SKP.aktif.is_(True)))
    if ada:
        return ada
    nama = {i: db_session.get(Pegawai, i) for i in (pegawai_id, penilai, atasan) if i}
    skp = SKP(
        pegawai_id=pegawai_id,
        jabatan_id=p.jabatan_id,
        unit_kerja_id=p.unit_kerja_id,
        tahun=tahun,
        pendekatan="kuantitatif",
        format_skp=format_skp,
        status="ditetapkan",
        aktif=True,
        versi_ke=1,
        penilai_id=penilai,
        atasan_penilai_id=atasan,
        pegawai_nama=p.nama,
        pegawai_nip=p.nip,
        penilai_nama=nama[penilai].nama if penilai else None,
        penilai_nip=nama[penilai].nip if penilai else None,
        tanggal_ditetapkan=dt.datetime(tahun, 1, 20),
        berlaku_mulai=dt.date(tahun, 1, 1),
    )
    db_session.add(skp)
    db_session.flush()
    for n in (1, 2):
        r = RencanaHasilKerja(skp_id=skp.id, jenis="utama", urutan=n, uraian=f"Tersusunnya dokumen uji {n}")
        db_session.add(r)
        db_session.flush()
        db_session.add(
            IndikatorKinerja(
                rhk_id=r.id,
                urutan=1,
                uraian=f"Jumlah dokumen uji {n}",
                aspek="kuantitas",
                target_nilai=Decimal(12),
                target_satuan="dokumen",
            )
        )
    db_session.commit()
    return skp.id


def rhk_skp(db_session, skp_id: int) -> list[RencanaHasilKerja]:
    return list(
        db_session.scalars(
            select(RencanaHasilKerja).where(RencanaHasilKerja.skp_id == skp_id).order_by(RencanaHasilKerja.urutan)
        )
    )


def beri_umpan_balik(
    c,
    skp_id,
    sasaran,
    positif="0",
    uraian="Belum menanggapi permintaan layanan tepat waktu.",
    tanggal="2086-03-10",
    **extra,
):
    return c.post(
        f"/umpanbalik/beri/{skp_id}",
        data={
            "sasaran": sasaran,
            "positif": positif,
            "uraian": uraian,
            "sifat": "berkala",
            "cara": "langsung",
            "tanggal": tanggal,
            **extra,
        },
    )


def ambil_flash(c) -> str:
    with c.session_transaction() as s:
        pesan = " ".join(m for _k, m in s.get("_flashes", []))
        s.pop("_flashes", None)
    return pesan


def laporkan_perilaku(c, db_session, skp_id):
    """The evaluator gives a negative core-value feedback, then files B.1.10 with it attached."""
    nid = db_session.scalar(select(NilaiInti.id).order_by(NilaiInti.urutan))
    assert beri_umpan_balik(c, skp_id, f"nilai:{nid}").status_code == 302
    ub = db_session.scalar(select(UmpanBalik.id).where(UmpanBalik.skp_id == skp_id).order_by(UmpanBalik.id.desc()))
    r = c.post(
        f"/laporanperilaku/buat/{skp_id}",
        data={
            "permasalahan": "Sering menunda tugas tim dan tidak hadir rapat koordinasi.",
            "retrospektif": "Sudah diberikan umpan balik langsung dua kali.",
            "terjadi_pada_pegawai_lain": "0",
            "bukti": [str(ub)],
        },
    )
    assert r.status_code == 302, r.data
    db_session.expire_all()
    lap = db_session.scalar(
        select(LaporanPerilaku)
        .where(LaporanPerilaku.pegawai_id == db_session.get(SKP, skp_id).pegawai_id)
        .order_by(LaporanPerilaku.id.desc())
    )
    return db_session.scalar(select(Konseling).where(Konseling.laporan_id == lap.id))


# ---------------------------------------- formulir_boolean


class Formulir(HTMLParser):
    """Every form of a page as a browser would post it back unchanged: [(field → [values])]."""

    def __init__(self, html: str):
        super().__init__()
        self.forms: list[dict[str, list[str]]] = []
        self._select = self._textarea = None
        self._opsi: list[tuple[str, bool]] = []
        self._multi = False
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self.forms.append({})
        if not self.forms:
            return
        f = self.forms[-1]
        nama = a.get("name")
        if tag == "input" and nama:
            jenis = (a.get("type") or "text").lower()
            if jenis in ("checkbox", "radio"):
                f.setdefault(nama, [])
                if "checked" in a:
                    f[nama].append(a.get("value") or "on")
            elif jenis not in ("submit", "button", "file", "reset"):
                f.setdefault(nama, []).append(a.get("value") or "")
        elif tag == "select" and nama:
            self._select, self._opsi, self._multi = nama, [], "multiple" in a
        elif tag == "option" and self._select:
            self._opsi.append((a.get("value") or "", "selected" in a))
        elif tag == "textarea" and nama:
            self._textarea = nama
            f.setdefault(nama, []).append("")

    def handle_endtag(self, tag):
        if tag == "select" and self._select:
            dipilih = [v for v, s in self._opsi if s]
            if not dipilih and self._opsi and not self._multi:
                dipilih = [self._opsi[0][0]]  # a browser posts the first option when none is marked
            self.forms[-1].setdefault(self._select, []).extend(dipilih)
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def handle_data(self, data):
        if self._textarea and self.forms:
            self.forms[-1][self._textarea][-1] += data

    def dengan(self, nama: str) -> dict[str, list[str]]:
        cocok = [f for f in self.forms if nama in f]
        assert cocok, f"tidak ada formulir dengan isian {nama}"
        return cocok[0]


# ---------------------------------------- tindak_lanjut


def skp_tanpa_tahunan(db, asn: str, n: int = 1, jenis_jabatan=("pelaksana", "pengawas", "administrator", "fungsional")):
    """Set SKP of the demo year whose employee (of kind ``asn``) has no annual evaluation yet."""
    return (
        db.execute(
            select(SKP)
            .join(Jabatan, Jabatan.id == SKP.jabatan_id)
            .join(Pegawai, Pegawai.id == SKP.pegawai_id)
            .where(
                SKP.tahun == TAHUN_DEMO,
                SKP.status == "ditetapkan",
                SKP.aktif.is_(True),
                SKP.penilai_id.is_not(None),
                Pegawai.jenis_asn == asn,
                Jabatan.jenis.in_(jenis_jabatan),
                ~SKP.pegawai_id.in_(select(EvaluasiKinerja.pegawai_id).where(EvaluasiKinerja.jenis == "tahunan")),
            )
            .order_by(SKP.id)
            .limit(n)
        )
        .scalars()
        .all()
    )


def evaluasi_tahunan(db, skp, predikat="kurang", status="final"):
    ev = EvaluasiKinerja(
        skp_id=skp.id,
        pegawai_id=skp.pegawai_id,
        unit_kerja_id=skp.unit_kerja_id,
        penilai_id=skp.penilai_id,
        atasan_penilai_id=skp.atasan_penilai_id,
        jenis="tahunan",
        tahun=TAHUN_DEMO,
        periode_jenis="tahunan",
        periode_nomor=0,
        rating_hasil_kerja="dibawah",
        rating_perilaku="sesuai",
        predikat=predikat,
        status_dokumen=status,
    )
    db.add(ev)
    db.commit()
    return ev


@contextlib.contextmanager
def evaluasi_uji(db, *spesifikasi):
    """Evaluations ((asn, predikat, status), …) on fresh SKPs; removed with their entries afterwards."""
    evs, dipakai = [], set()
    for asn, predikat, status in spesifikasi:
        skp = next(s for s in skp_tanpa_tahunan(db, asn, 10) if s.pegawai_id not in dipakai)
        dipakai.add(skp.pegawai_id)
        evs.append(evaluasi_tahunan(db, skp, predikat, status))
    ids = [e.id for e in evs]
    try:
        yield evs
    finally:
        db.rollback()
        db.execute(delete(TindakLanjutSanksi).where(TindakLanjutSanksi.evaluasi_id.in_(ids)))
        db.execute(delete(EvaluasiKinerja).where(EvaluasiKinerja.id.in_(ids)))
        db.commit()


def audit_baris(db, tabel: str, pk, sejak: int) -> list[tuple[str, str]]:
    """(aksi, username) of the audit rows of one row written after audit id ``sejak`` (ids may be reused)."""
    return [
        tuple(r)
        for r in db.execute(
            select(AuditLog.aksi, AuditLog.username)
            .where(AuditLog.tabel == tabel, AuditLog.baris_id == str(pk), AuditLog.id > sejak)
            .order_by(AuditLog.id)
        )
    ]


def audit_terakhir(db) -> int:
    return db.scalar(select(func.max(AuditLog.id))) or 0


def jumlah_tindak_lanjut(db, ev_id) -> int:
    db.expire_all()
    return db.scalar(select(func.count(TindakLanjutSanksi.id)).where(TindakLanjutSanksi.evaluasi_id == ev_id))


# --------------------------------------------------------------------------------------------------------
# crawling every page a user reaches (tests/test_bahasa_aksesibilitas.py, tests/views/test_tampilan_nilai.py)
# --------------------------------------------------------------------------------------------------------

# pages whose job is to show people's data or technical text verbatim
LEWATI = (
    "/swagger",
    "/api/",
    "/ekspor",
    "/unduh",
    "/cetak",
    "/templat",
    "/lookup",
    "/logout",
    "/lang/",
    "/data.json",
    "/status",
)
TAUTAN_FORM = re.compile(r'href="(/[\w/]+/(?:add|edit/\d+|show/\d+)/?)(?:\?[^"]*)?"')


def _menu_urls(c) -> list[str]:
    r = c.get("/api/v1/menu/")
    assert r.status_code == 200
    urls = []
    for item in r.get_json()["result"]:
        for ch in item.get("childs", []) or []:
            if isinstance(ch, dict) and ch.get("url") and ch["url"].startswith("/"):
                urls.append(ch["url"])
    return urls


def kunjungi(c, lewati: tuple[str, ...] = LEWATI, tautan=TAUTAN_FORM) -> dict[str, str]:
    """Menu pages, then the first add / edit / show link of each (same view), plus own-account pages
    (``lewati``: URL parts not visited; ``tautan``: the links followed, one per view and kind)."""
    halaman: dict[str, str] = {}
    antre = ["/", "/users/userinfo/", "/resetmypassword/form"] + _menu_urls(c)
    per_pola: set[tuple[str, str]] = set()
    while antre:
        url = antre.pop(0)
        if url in halaman or any(x in url for x in lewati):
            continue
        r = c.get(url)
        if r.status_code != 200 or not r.mimetype.startswith("text/html"):
            continue
        html = r.get_data(as_text=True)
        halaman[url] = html
        for link in tautan.findall(html):
            bagian = link.strip("/").split("/")
            pola = (bagian[0], bagian[1] if len(bagian) > 1 else "")
            if pola not in per_pola:
                per_pola.add(pola)
                antre.append(link)
    return halaman


# --------------------------------------------------------------------------------------------------------
# raw values a person must never read (app/format.py): the check of the page crawler and of the workbooks
# --------------------------------------------------------------------------------------------------------

KATA_PYTHON = re.compile(r"(?<![\w-])(None|True|False)(?![\w-])")
TANGGAL_ISO = re.compile(r"(?<![\d.-])\d{4}-\d{2}-\d{2}(?![\d-])")
TANGGAL_DMY = re.compile(r"(?<![\d.-])\d{1,2}[-/]\d{1,2}[-/]\d{4}(?![\d-])")
# a run of digits and dots not glued to a word (excludes "A.1.6", "v2.1"); judged by ``desimal_titik``
# ("IKI 2.1", "RHK 1.2" number indicators within their plan)
ANGKA_TITIK = re.compile(r"(?<![\w.,])(?<!IKI )(?<!RHK )\d+(?:\.\d+)+(?![\w]|\.\d)")
# a quantity of 10 000 or more without its thousands dots ("12345"): 5–9 digits not glued to a word, a code
# ("1.01.001", "800/12345"), a time or a longer digit run — NIP (18), NIK (16) and phone numbers (10+, or
# leading 0) never match; years have four digits
ANGKA_TAK_BERKELOMPOK = re.compile(r"(?<![\w.,/:#+-])[1-9]\d{4,8}(?![\w.,/-])")


def desimal_titik(token: str) -> bool:
    """``92.5``/``0.75`` yes; thousands ``50.000``/``1.234.567``, times ``14.05``, codes ``1.01.001`` no."""
    bagian = token.split(".")
    if len(bagian) != 2:
        return False  # thousands chain or a hierarchical code
    depan, belakang = bagian
    if len(belakang) == 3 and len(depan) <= 3 and depan[0] != "0":
        return False  # thousands separator
    if len(depan) <= 2 and len(belakang) == 2 and int(depan) <= 23 and int(belakang) <= 59:
        return False  # a time, "14.05"
    return True


@lru_cache
def kode_enum() -> dict[str, str]:
    """Stored code → label for every Berlabel enum whose label differs from the code."""
    import schema.enums  # noqa: F401 — registers the storage vocabularies as Berlabel subclasses

    out: dict[str, str] = {}
    antre = list(Berlabel.__subclasses__())
    while antre:
        e = antre.pop()
        antre += e.__subclasses__()
        for m in e:
            if m.value != m.label:
                out[m.value] = m.label
    return out


@lru_cache
def kode_bergaris() -> re.Pattern:
    """Snake-case codes (``pejabat_penilai``, ``jpt_pratama``) are never words: wrong anywhere in a text."""
    kode = sorted((k for k in kode_enum() if "_" in k), key=len, reverse=True)
    return re.compile(r"(?<![\w])(?:" + "|".join(map(re.escape, kode)) + r")(?![\w])")


def pelanggaran(teks: str, sel: bool = False) -> list[str]:
    """The raw values in ``teks``; ``sel``: the text is a whole cell/text node (then an enum code counts too;
    a snake-case code counts anywhere)."""
    out = [m.group(0) for m in KATA_PYTHON.finditer(teks)]
    if sel and teks.strip() not in kode_enum():
        out += [m.group(0) for m in kode_bergaris().finditer(teks)]
    out += [m.group(0) for m in TANGGAL_ISO.finditer(teks)]
    out += [m.group(0) for m in TANGGAL_DMY.finditer(teks)]
    out += [m.group(0) for m in ANGKA_TITIK.finditer(teks) if desimal_titik(m.group(0))]
    out += [m.group(0) for m in ANGKA_TAK_BERKELOMPOK.finditer(teks)]
    if sel and teks.strip() in kode_enum():
        out.append(teks.strip())
    return out
