"""A unit whose name repeats ("Sekretariat" in every office) is shown with its parent: ``UnitKerja.nama_tampil``.

Two units of one name under two offices, each with an employee, a child unit and a team assignment for the
current semester; every page that names them tells them apart — through HTTP, as people see them.
"""

from __future__ import annotations

import datetime as dt
import html as html_lib
from urllib.parse import quote

import pytest
from sqlalchemy import delete, select

from app.extensions import db
from app.jam import hari_ini
from app.queries.pemantauan import periode_berjalan
from schema.models import AnggotaTim, Pegawai, PenugasanTim, TimPemantau, UnitKerja
from tests.bantu import html, peg

NAMA = "Seksi Uji Kembar"
NIP = ("199001012015031901", "199001012015031902")


@pytest.fixture(scope="module")
def kembar(app):
    """Two "Seksi Uji Kembar" (under Dinas Pendidikan and Dinas Kesehatan), removed after the module."""
    with app.app_context():
        induk = [
            db.session.scalar(select(UnitKerja).where(UnitKerja.nama == n, UnitKerja.induk_id.is_(None)))
            for n in ("Dinas Pendidikan", "Dinas Kesehatan")
        ]
        tim_pegawai = peg(db.session, "tim")
        tim_id = db.session.scalar(
            select(TimPemantau.id)
            .join(AnggotaTim, AnggotaTim.tim_id == TimPemantau.id)
            .where(AnggotaTim.pegawai_id == tim_pegawai.id, TimPemantau.aktif.is_(True))
            .order_by(TimPemantau.id)
        )
        tahun, semester = periode_berjalan(hari_ini())
        data = []
        for k, (i, nip) in enumerate(zip(induk, NIP), 1):
            u = UnitKerja(instansi_id=i.instansi_id, induk=i, kode=f"UJKB{k}", nama=NAMA, jenis="seksi")
            anak = UnitKerja(
                instansi_id=i.instansi_id, induk=u, kode=f"UJKB{k}A", nama=f"Pelaksana Uji {k}", jenis="seksi"
            )
            p = Pegawai(
                nip=nip,
                nama=f"Pegawai Kembar {k}",
                tanggal_lahir=dt.date(1990, 1, 1),
                tmt_cpns=dt.date(2015, 3, 1),
                jenis_kelamin="L",
                jenis_asn="pns",
                status="aktif",
                unit_kerja=u,
            )
            db.session.add_all([u, anak, p])
            db.session.flush()
            pt = PenugasanTim(tim_id=tim_id, unit_kerja_id=u.id, tahun=tahun, semester=semester, jumlah_pegawai=1)
            db.session.add(pt)
            db.session.flush()
            data.append({"unit": u.id, "anak": anak.id, "pegawai": p.id, "penugasan": pt.id, "induk": i.nama})
        db.session.commit()
    yield data
    with app.app_context():
        ids = [d["unit"] for d in data]
        db.session.execute(delete(PenugasanTim).where(PenugasanTim.id.in_([d["penugasan"] for d in data])))
        db.session.execute(delete(Pegawai).where(Pegawai.id.in_([d["pegawai"] for d in data])))
        db.session.execute(delete(UnitKerja).where(UnitKerja.id.in_([d["anak"] for d in data])))
        db.session.execute(delete(UnitKerja).where(UnitKerja.id.in_(ids)))
        db.session.commit()


def label(d) -> str:
    return f"{NAMA} — {d['induk']}"


def teks(r) -> str:
    assert r.status_code == 200, r.status_code
    return html_lib.unescape(html(r))


def test_nama_tampil_hanya_untuk_nama_kembar(app, kembar):
    with app.app_context():
        nama = dict(db.session.execute(select(UnitKerja.id, UnitKerja.nama_tampil)).all())
        assert [nama[d["unit"]] for d in kembar] == [label(d) for d in kembar]
        assert nama[kembar[0]["anak"]] == "Pelaksana Uji 1"  # a unique name stays as it is
        assert str(db.session.get(UnitKerja, kembar[1]["unit"])) == label(kembar[1])


def test_penugasan_tim_daftar_dan_rincian(login, kembar):
    c = login("admin")
    for d in kembar:
        daftar = teks(c.get(f"/penugasantim/list/?_flt_0_unit_kerja={d['unit']}"))
        assert label(d) in daftar
        assert label(d) in teks(c.get(f"/penugasantim/show/{d['penugasan']}"))


def test_unit_induk_di_daftar_dan_rincian_unit_kerja(login, kembar):
    c = login("admin")
    daftar = teks(c.get("/unitkerjaview/list/?_flt_0_kode=UJKB"))
    for d in kembar:
        assert label(d) in daftar  # "Unit Induk" column of the child units
        assert label(d) in teks(c.get(f"/unitkerjaview/show/{d['anak']}"))


def test_beranda_tim_pemantau(login, kembar):
    halaman = teks(login("tim").get("/"))
    for d in kembar:
        assert label(d) in halaman


def test_lookup_unit_dan_pegawai(login, kembar):
    c = login("admin")
    unit = c.get(f"/unitkerjaview/lookup/induk?q={quote(NAMA)}").get_json()["results"]
    assert sorted(x["text"] for x in unit) == sorted(label(d) for d in kembar)
    for k, d in enumerate(kembar):
        orang = c.get(f"/mutasipegawai/lookup/pegawai?q={NIP[k]}").get_json()["results"]
        assert [x["text"] for x in orang] == [f"Pegawai Kembar {k + 1} ({NIP[k]}) — {label(d)}"]


def test_cari_cepat_unit_terpilih(login, kembar):
    """The quick search's chosen unit (list page) is labelled the same way."""
    d = kembar[1]
    assert label(d) in teks(login("admin").get(f"/pegawaiview/list/?unit={d['unit']}"))
