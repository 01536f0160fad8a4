"""Test helpers shared by the HTTP test modules (perencanaan, penilaian): clean multi-user clients, demo users'
employee rows, and a set SKP created directly in the database."""
from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

from sqlalchemy import select

from schema.models import SKP, IndikatorKinerja, Pegawai, RencanaHasilKerja


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


def peg(db, username) -> Pegawai:
    """The employee row of a demo user."""
    db.rollback()
    return db.scalars(select(Pegawai).where(Pegawai.user.has(username=username))).one()


def html(r) -> str:
    return r.get_data(as_text=True)


def skp_ditetapkan(db, tahun: int, pegawai: Pegawai | None = None, n_utama: int = 1, n_tambahan: int = 1,
                   penilai: Pegawai | None = None, atasan: Pegawai | None = None, **kolom) -> SKP:
    """A set SKP (ditetapkan) for ``tahun`` with RHK and one IKI each, written directly (not through the
    perencanaan flow): the demo ``pegawai`` evaluated by ``penilai`` with atasan ``atasan`` unless given."""
    pegawai = pegawai or peg(db, "pegawai")
    penilai = penilai or peg(db, "penilai")
    atasan = atasan or peg(db, "atasan")
    isi = dict(pegawai_id=pegawai.id, jabatan_id=pegawai.jabatan_id, unit_kerja_id=pegawai.unit_kerja_id,
               tahun=tahun, pendekatan="kuantitatif", format_skp="A.1.7", status="ditetapkan", aktif=True,
               versi_ke=1, penilai_id=penilai.id, atasan_penilai_id=atasan.id, pegawai_nama=pegawai.nama,
               pegawai_nip=pegawai.nip, penilai_nama=penilai.nama, penilai_nip=penilai.nip,
               atasan_penilai_nama=atasan.nama, atasan_penilai_nip=atasan.nip,
               tenggat_penetapan=dt.date(tahun, 1, 31))
    isi.update(kolom)
    s = SKP(**isi)
    db.add(s)
    db.flush()
    for i in range(n_utama + n_tambahan):
        r = RencanaHasilKerja(skp_id=s.id, jenis="utama" if i < n_utama else "tambahan", urutan=i + 1,
                              uraian=f"Tersusunnya laporan uji {tahun}-{i + 1}")
        db.add(r)
        db.flush()
        db.add(IndikatorKinerja(rhk_id=r.id, urutan=1, uraian=f"Jumlah laporan {i + 1}", aspek="kuantitas",
                                target_nilai=Decimal(12), target_satuan="dokumen"))
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


def put_terkunci(c, url: str, json: dict):
    """An API PUT the way a client must send it: based on the ETag of its own fresh GET (If-Match)."""
    etag = c.get(url).headers.get("ETag")
    return c.put(url, json=json, headers={"If-Match": etag} if etag else {})
