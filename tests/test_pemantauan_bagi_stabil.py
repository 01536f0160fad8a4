"""R13 continuity of "Bagi unit ke tim" (000 Pasal 20): adding a fourth city-level team to the demo assignment
moves only the units the balance bound requires — previously 64 of 101 units changed team — over HTTP."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import delete, select

from app.extensions import db
from app.queries import pemantauan as q
from app.rules import StatusPegawai
from schema.models import AnggotaTim, Pegawai, PenugasanTim, TimPemantau, UnitKerja
from seeds.demo import pilih_pegawai_demo

PASSWORD = "Demo#Kinerja2026"
TAHUN = 2033  # a year no demo row and no other test touches; the basis of the fallback is semester 2 of 2032
NAMA_TIM = "Tim Uji Kota Keempat"


class Nav:
    """Test client whose every request runs in its own app context (a clean ``g`` per request)."""

    def __init__(self, app, username):
        self.app, self.c = app, app.test_client()
        r = self.post("/login/", data={"username": username, "password": PASSWORD})
        assert r.status_code == 302 and "/login" not in r.headers.get("Location", ""), username

    def post(self, *a, **kw):
        with self.app.app_context():
            return self.c.post(*a, **kw)


def _s():
    db.session.rollback()
    return db.session


def _penugasan(tahun, semester) -> dict[int, int]:
    return dict(
        _s()
        .execute(
            select(PenugasanTim.unit_kerja_id, PenugasanTim.tim_id).where(
                PenugasanTim.tahun == tahun, PenugasanTim.semester == semester
            )
        )
        .all()
    )


def _bersihkan():
    s = _s()
    s.execute(delete(PenugasanTim).where(PenugasanTim.tahun.in_((TAHUN - 1, TAHUN))))
    ids = s.scalars(select(TimPemantau.id).where(TimPemantau.nama == NAMA_TIM)).all()
    if ids:
        s.execute(delete(AnggotaTim).where(AnggotaTim.tim_id.in_(ids)))
        s.execute(delete(TimPemantau).where(TimPemantau.id.in_(ids)))
    s.commit()


def _anggota_bkpsdm(n: int) -> list[int]:
    """n active BKPSDM employees who are not demo logins (eligible for a city-level team, 000 Pasal 20(3))."""
    s = _s()
    akar = s.scalar(select(UnitKerja.id).where(UnitKerja.kode == "BKPSDM"))
    pohon = q.Pohon.muat()
    demo = set(pilih_pegawai_demo(s).values())
    out = [
        pid
        for pid, uid in s.execute(
            select(Pegawai.id, Pegawai.unit_kerja_id)
            .where(Pegawai.status == StatusPegawai.AKTIF.value)
            .order_by(Pegawai.id)
        ).all()
        if uid is not None and pohon.di_bawah(uid, akar) and pid not in demo
    ][:n]
    assert len(out) == n
    return out


def _token(html, form_id):
    m = re.search(rf'<form[^>]*id="{form_id}".*?name="token" value="([^"]+)"', html, re.S)
    assert m, form_id
    return m.group(1)


def _ringkasan(html) -> dict[str, int]:
    m = re.search(r'id="perubahan">(\d+) unit tetap, (\d+) pindah tim, (\d+) baru', html)
    assert m, re.search(r'id="perubahan">[^<]*', html)
    tetap, pindah, baru = map(int, m.groups())
    # per unit: "tetap / pindah (dari → ke) / baru", and the totals agree with the rows
    baris = re.findall(r'<tr class="[^"]*" data-status="(tetap|pindah|baru)">', html.split('id="usulan"')[1])
    assert (baris.count("tetap"), baris.count("pindah"), baris.count("baru")) == (tetap, pindah, baru)
    return {"tetap": tetap, "pindah": pindah, "baru": baru}


@pytest.fixture()
def empat_tim(app, ctx):
    _bersihkan()
    tiga = (
        _s()
        .scalars(
            select(TimPemantau)
            .where(TimPemantau.level == "kota", TimPemantau.nama.like("Tim Pemantau Kinerja Kota%"))
            .order_by(TimPemantau.id)
        )
        .all()
    )
    assert len(tiga) == 3
    c = Nav(app, "operator")
    anggota = _anggota_bkpsdm(3)
    data = {
        "nama": NAMA_TIM,
        "level": "kota",
        "nomor_sk": "800/UJI-4/2033",
        "tanggal_sk": "2033-01-02",
        "aktif": "y",
        "unit_kerja": "",
    }
    for i, pid in enumerate(anggota):
        data[f"anggota_isian-{i}-pegawai"] = str(pid)
        data[f"anggota_isian-{i}-peran"] = "ketua" if i == 0 else "anggota"
    r = c.post("/timpemantau/add", data=data)
    assert r.status_code == 302, r.get_data(as_text=True)[:2000]
    keempat = _s().scalar(select(TimPemantau.id).where(TimPemantau.nama == NAMA_TIM))
    try:
        yield c, [t.id for t in tiga], keempat
    finally:
        _bersihkan()


def _usulan(c, tim_ids, tahun, semester) -> str:
    r = c.post("/timpemantau/action_post", data={"action": "bagi_unit", "rowid": [str(t) for t in tim_ids]})
    assert r.status_code == 200
    r = c.post(
        "/timpemantau/bagi_unit/",
        data={
            "token": _token(r.get_data(as_text=True), "form-lihat"),
            "langkah": "lihat",
            "tahun": tahun,
            "semester": semester,
        },
    )
    assert r.status_code == 200
    return r.get_data(as_text=True)


def _simpan(c, html):
    r = c.post(
        "/timpemantau/bagi_unit/",
        data={"token": _token(html, "form-simpan"), "langkah": "simpan"},
        follow_redirects=True,
    )
    assert r.status_code == 200
    return r.get_data(as_text=True)


def test_tim_keempat_memindahkan_sedikit_unit(empat_tim):
    c, tiga, keempat = empat_tim
    # the basis: the assignment over the three city-level teams, made by the app from today's units (other
    # tests may have added units since the demo was built)
    _simpan(c, _usulan(c, tiga, TAHUN, 1))
    demo = _penugasan(TAHUN, 1)
    assert demo and set(demo.values()) <= set(tiga)
    n, k = len(demo), 3
    batas = -(-n // (k + 1))  # ⌈n/(k+1)⌉: the new team has no conflict with the units it takes

    html = _usulan(c, tiga + [keempat], TAHUN, 1)
    pesan = _simpan(c, html)
    sesudah = _penugasan(TAHUN, 1)
    berubah = {u for u in demo if sesudah.get(u) != demo[u]}
    assert set(sesudah) == set(demo)
    assert 0 < len(berubah) <= batas, (len(berubah), n)  # before: about two thirds of the units changed team
    assert {sesudah[u] for u in berubah} == {keempat}  # every move is to the new team

    # the preview said so beforehand: per unit tetap / pindah (dari → ke) / baru, with totals
    assert f"Dibandingkan dengan pembagian semester 1 tahun {TAHUN}" in html
    assert _ringkasan(html) == {"tetap": n - len(berubah), "pindah": len(berubah), "baru": 0}
    assert html.count(f"→ {NAMA_TIM})") == len(berubah)
    assert f"{n} unit ditugaskan ({n - len(berubah)} tetap, {len(berubah)} pindah, 0 baru)" in pesan
    # nothing changed since: re-running moves nothing
    html = _usulan(c, tiga + [keempat], TAHUN, 1)
    assert _ringkasan(html) == {"tetap": n, "pindah": 0, "baru": 0}


def test_semester_baru_mempertahankan_pembagian_semester_lalu(empat_tim):
    c, tiga, keempat = empat_tim
    _simpan(c, _usulan(c, tiga, TAHUN - 1, 2))  # the semester before: semester 2 of the previous year
    demo = _penugasan(TAHUN - 1, 2)  # this one (semester 1 of TAHUN) is empty
    n = len(demo)

    html = _usulan(c, tiga + [keempat], TAHUN, 1)
    assert f"Dibandingkan dengan pembagian semester 2 tahun {TAHUN - 1}" in html
    assert "semester ini belum memiliki pembagian" in html
    jumlah = _ringkasan(html)
    assert jumlah["baru"] == 0 and 0 < jumlah["pindah"] <= -(-n // 4)
    _simpan(c, html)
    sesudah = _penugasan(TAHUN, 1)
    assert sum(1 for u in demo if sesudah.get(u) != demo[u]) == jumlah["pindah"]
    assert _penugasan(TAHUN - 1, 2) == demo  # the previous semester is left as it was

    # without any basis (three teams, a year with nothing before): every unit is new
    html = _usulan(c, tiga, TAHUN + 5, 1)
    assert "Belum ada pembagian tersimpan" in html and 'data-status="baru"' in html
