"""Row buttons: the edit/delete buttons a list shows are exactly those whose click succeeds.

A unit head who is also a member of a monitoring team holds two roles (Pejabat Penilai, Tim Pemantau): they read
teams, visits and unit achievements through both, but edit only through the role that grants editing and its
manage scope (app/views/base.py ``BarisKelola``, ``KinerjaModelView._cek_kelola``). Data of year 2028 (no other
test module uses it), removed afterwards — partly by the delete buttons themselves.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest
from sqlalchemy import delete, func, select, update

from app.security import roles as R
from schema.models import (
    AnggotaTim,
    CapaianKinerjaOrganisasi,
    Jabatan,
    Pegawai,
    Pemantauan,
    PenugasanTim,
    TimPemantau,
    UnitKerja,
)
from tests.bantu import KlienKonteks
from tests.conftest import PASSWORD

TAHUN = 2028
USERNAME = "kepala_anggota_tim_uji"


def _kepala_dengan_bawahan(db):
    """A unit head without a login whose position has subordinates holding positions in another unit."""
    bawahan = select(Jabatan.atasan_id).join(Pegawai, Pegawai.jabatan_id == Jabatan.id)
    return db.execute(
        select(Pegawai, Jabatan)
        .join(Jabatan, Jabatan.id == Pegawai.jabatan_id)
        .where(
            Pegawai.user_id.is_(None),
            Pegawai.status == "aktif",
            Jabatan.is_kepala_unit.is_(True),
            Jabatan.id.in_(bawahan),
        )
        .order_by(Pegawai.id)
    ).first()


def _tim(db, nama, instansi_id, level="kota", unit_kerja_id=None, anggota=()):
    t = TimPemantau(
        instansi_id=instansi_id,
        level=level,
        unit_kerja_id=unit_kerja_id,
        nama=nama,
        nomor_sk=f"800/{nama}",
        tanggal_sk=dt.date(TAHUN, 1, 2),
        aktif=True,
    )
    db.add(t)
    db.flush()
    for pid in anggota:
        db.add(AnggotaTim(tim_id=t.id, pegawai_id=pid, peran="anggota"))
    return t


@pytest.fixture()
def data(app, db_session):
    db = db_session
    db.rollback()
    p, jab = _kepala_dengan_bawahan(db)
    unit_dipimpin = jab.unit_kerja_id
    unit_bawahan = db.scalar(
        select(Pegawai.unit_kerja_id).join(Jabatan, Jabatan.id == Pegawai.jabatan_id).where(Jabatan.atasan_id == jab.id)
    )
    instansi_id = db.get(UnitKerja, unit_dipimpin).instansi_id
    lain = db.scalar(
        select(UnitKerja.id).where(UnitKerja.id.not_in([unit_dipimpin, unit_bawahan]), UnitKerja.aktif.is_(True))
    )
    sm = app.appbuilder.sm
    user = sm.find_user(username=USERNAME) or sm.add_user(
        USERNAME,
        "Kepala",
        "Anggota",
        f"{USERNAME}@contoh.go.id",
        [sm.find_role(r) for r in (R.PENILAI, R.TIM, R.PEGAWAI)],
        PASSWORD,
    )
    db.execute(update(Pegawai).where(Pegawai.id == p.id).values(user_id=user.id))
    kota = _tim(db, "Tim Uji Tombol Kota", instansi_id, anggota=[p.id])  # member, not its former
    milik = _tim(db, "Tim Uji Tombol Unit", instansi_id, "unit", unit_dipimpin)  # their own unit's team
    asing = _tim(db, "Tim Uji Tombol Asing", instansi_id)  # not a member: visits read as the subordinates' head
    db.add(PenugasanTim(tim_id=kota.id, unit_kerja_id=lain, tahun=TAHUN, semester=1, jumlah_pegawai=1))
    kunjungan = {
        "tim": Pemantauan(tim_id=kota.id, unit_kerja_id=lain, tanggal=dt.date(TAHUN, 3, 1), temuan="uji tombol"),
        "bawahan": Pemantauan(
            tim_id=asing.id, unit_kerja_id=unit_bawahan, tanggal=dt.date(TAHUN, 3, 2), temuan="uji tombol"
        ),
    }
    capaian = {
        "dipimpin": CapaianKinerjaOrganisasi(
            unit_kerja_id=unit_dipimpin, tahun=TAHUN, periode_jenis="tahunan", periode_nomor=0, capaian="baik"
        ),
        "dipantau": CapaianKinerjaOrganisasi(
            unit_kerja_id=lain, tahun=TAHUN, periode_jenis="tahunan", periode_nomor=0, capaian="baik"
        ),
    }
    db.add_all([*kunjungan.values(), *capaian.values()])
    db.commit()
    tim = {"kota": kota.id, "milik": milik.id}
    yield {
        "tim": tim,
        "pemantauan": {k: v.id for k, v in kunjungan.items()},
        "capaian": {k: v.id for k, v in capaian.items()},
    }
    db.rollback()
    db.execute(delete(CapaianKinerjaOrganisasi).where(CapaianKinerjaOrganisasi.tahun == TAHUN))
    semua = [*tim.values(), asing.id]
    db.execute(delete(Pemantauan).where(Pemantauan.tim_id.in_(semua)))
    db.execute(delete(PenugasanTim).where(PenugasanTim.tahun == TAHUN))
    db.execute(delete(AnggotaTim).where(AnggotaTim.tim_id.in_(semua)))
    db.execute(delete(TimPemantau).where(TimPemantau.id.in_(semua)))
    db.execute(update(Pegawai).where(Pegawai.id == p.id).values(user_id=None))
    db.commit()


def _tombol(html: str, route: str) -> dict[int, set[str]]:
    """Row id → the row's buttons ({"show", "edit", "delete"}) of a FAB list page."""
    baris = {}
    for tr in re.findall(r"<tr>(.*?)</tr>", html, re.S):
        # show/edit are links; FAB's delete button carries its URL in its id (a script posts it)
        tautan = rf'(?:href|id)="(?:btn-delete-)?{route}/(show|edit|delete)/(\d+)'
        ada = {m[1]: int(m[2]) for m in re.finditer(tautan, tr)}
        for op, pk in ada.items():
            baris.setdefault(pk, set()).add(op)
    return baris


# list URL (filtered to the test rows), route, model, data key, the rows that must carry edit and delete buttons
KASUS = [
    ("/timpemantau/list/?psize_TimPemantauView=100", "/timpemantau", TimPemantau, "tim", {"milik"}, {"milik"}),
    ("/pemantauan/list/?psize_PemantauanView=100", "/pemantauan", Pemantauan, "pemantauan", {"tim"}, {"tim"}),
    (
        "/capaianorganisasi/list/?psize_CapaianOrganisasiView=100",
        "/capaianorganisasi",
        CapaianKinerjaOrganisasi,
        "capaian",
        {"dipimpin"},
        set(),  # unit heads enter their unit's achievement; nobody but the operator deletes one
    ),
]


def _ada(db, model, pk) -> bool:
    db.expire_all()
    return db.scalar(select(func.count()).select_from(model).where(model.id == pk)) == 1


@pytest.mark.parametrize("url, route, model, kunci, ubah, hapus", KASUS, ids=[k[3] for k in KASUS])
def test_tombol_baris_sama_dengan_yang_berhasil(app, db_session, data, url, route, model, kunci, ubah, hapus):
    c = KlienKonteks(app, USERNAME)
    r = c.get(url)
    assert r.status_code == 200
    baris = _tombol(r.get_data(as_text=True), route)
    milik = data[kunci]
    # every test row is read (through one role or the other) …
    assert set(milik.values()) <= set(baris), (kunci, baris)
    # … and carries the edit/delete buttons exactly where the roles granting them reach it
    assert {k for k, pk in milik.items() if "edit" in baris[pk]} == ubah
    assert {k for k, pk in milik.items() if "delete" in baris[pk]} == hapus
    # every row of the page, the test's and any other: a button shown ⇔ its click succeeds
    for pk, tombol in baris.items():
        assert (c.get(f"{route}/edit/{pk}").status_code == 200) == ("edit" in tombol), (route, pk, tombol)
        if "delete" not in tombol:
            c.post(f"{route}/delete/{pk}")  # 404 outside the manage scope, a redirect without the permission
            assert _ada(db_session, model, pk), (route, pk)
    assert c.get(f"{route}/edit/{2**40}").status_code == 404  # no 32-bit key: refused before any statement
    for k in hapus:
        pk = milik[k]
        assert c.post(f"{route}/delete/{pk}").status_code == 302, (route, pk)
        assert not _ada(db_session, model, pk), (route, pk)


def test_satu_pernyataan_untuk_tombol_satu_halaman(app, data, hitung_sql):
    """The editable rows of a page are asked once, whatever the page size (set-based, no query per row), and the
    list stays within the statement ceiling of list pages."""
    c = KlienKonteks(app, USERNAME)
    hasil = {}
    for psize in (1, 10, 100):
        with hitung_sql() as h:
            assert c.get(f"/pemantauan/list/?psize_PemantauanView={psize}").status_code == 200
        hasil[psize] = h.n
    assert len(set(hasil.values())) == 1, hasil
    assert max(hasil.values()) <= 6, hasil  # the ceiling of list pages (tests/test_jumlah_sql.py)
