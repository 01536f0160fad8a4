"""Tarik dari SIASN through HTTP, the background job and the SIASN-shaped server on loopback (tests/siasn_server.py):
a unit's diff (baru, berubah, tidak ada, konflik atasan), a subset applied and nothing else, bad data from SIASN
shown as a conflict and refused when posted anyway, a stale row refused, SIASN 500/timeout failing the job with
nothing changed, the daily task preparing only, access for Operator/PyB/Admin only, an audit row without secrets."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import delete, select

from app import jadwal
from schema.models import AuditLog, Golongan, Pegawai, UnitKerja
from schema.models.pekerjaan import Pekerjaan
from schema.models.siasn import SelisihSiasn
from tests import bantu

INDUK = "Dinas Pekerjaan Umum dan Penataan Ruang"  # with its sub-units "Sekretariat" and "Bidang Bina Marga"
NIP_BARU = "196512312000031777"  # not used by any other test
KOLOM = ("nip", "nama", "gelar_depan", "gelar_belakang", "email", "tanggal_lahir", "unit_kerja_id", "jabatan_id",
         "golongan_id", "siasn_id", "status")  # fmt: skip


def _gol(d, p: Pegawai) -> str | None:
    return d.scalar(select(Golongan.kode).where(Golongan.id == p.golongan_id)) if p.golongan_id else None


def _du(d, p: Pegawai, unor: str) -> dict:
    """SIASN's data utama agreeing with ours."""
    return {
        "id": f"pns-{p.nip}",
        "nipBaru": p.nip,
        "nama": p.nama,
        "gelarDepan": p.gelar_depan,
        "gelarBelakang": p.gelar_belakang,
        "email": p.email,
        "tanggalLahir": p.tanggal_lahir.strftime("%d-%m-%Y"),
        "unorId": unor,
        "golRuangAkhir": _gol(d, p),
    }


@pytest.fixture()
def dunia(app, db_session, siasn):
    """Dinas PUPR and its two sub-units; "Sekretariat" (a name shared by many units) and the Dinas are mapped by
    ``siasn_id``, "Bidang Bina Marga" only by its unique name. Every employee known to SIASN as we know them, with
    the SIASN id already linked — then the test's differences."""
    d = db_session
    induk = d.scalar(select(UnitKerja).where(UnitKerja.nama == INDUK))
    sek, bm = (d.scalar(select(UnitKerja).where(UnitKerja.induk_id == induk.id, UnitKerja.nama == n))
               for n in ("Sekretariat", "Bidang Bina Marga"))  # fmt: skip
    units = {induk.id: "unor-pupr", sek.id: "unor-sek", bm.id: "unor-bm"}
    pegawai = d.scalars(select(Pegawai).where(Pegawai.unit_kerja_id.in_(units)).order_by(Pegawai.nip)).all()
    asal = {p.id: {c: getattr(p, c) for c in KOLOM} for p in pegawai}
    induk.siasn_id, sek.siasn_id = "unor-pupr", "unor-sek"
    for p in pegawai:
        p.siasn_id = f"pns-{p.nip}"
        siasn.pns[p.nip] = _du(d, p, units[p.unit_kerja_id])
    kepala_sek = d.scalar(
        select(Pegawai).where(Pegawai.unit_kerja_id == sek.id, Pegawai.jabatan.has(is_kepala_unit=True))
    )
    siasn.unor = [
        {"Id": "unor-pupr", "NamaUnor": INDUK, "DiatasanId": None},
        {"Id": "unor-sek", "NamaUnor": "Sekretariat", "DiatasanId": "unor-pupr"},
        # SIASN's head of Bina Marga is the head of the Sekretariat: not ours (Eko Hidayat) → "atasan berbeda"
        {"Id": "unor-bm", "NamaUnor": "Bidang Bina Marga", "DiatasanId": "unor-pupr",
         "PemimpinPnsId": f"pns-{kepala_sek.nip}"},
    ]  # fmt: skip
    d.commit()
    di_bm = [p for p in pegawai if p.unit_kerja_id == bm.id and p.id != kepala_sek.id]
    di_sek = [p for p in pegawai if p.unit_kerja_id == sek.id and p.id != kepala_sek.id]
    yield {"induk": induk, "sek": sek, "bm": bm, "pegawai": pegawai, "bm_list": di_bm, "sek_list": di_sek,
           "kepala_sek": kepala_sek}  # fmt: skip
    d.rollback()
    for pid, nilai in asal.items():
        p = d.get(Pegawai, pid)
        for c, v in nilai.items():
            setattr(p, c, v)
    for u in (induk, sek, bm):
        d.get(UnitKerja, u.id).siasn_id = None
    d.execute(delete(Pegawai).where(Pegawai.nip == NIP_BARU))
    d.execute(delete(SelisihSiasn))
    d.commit()


def _potret(d) -> dict:
    d.expire_all()
    peg = {p.nip: tuple(getattr(p, c) for c in KOLOM) for p in d.scalars(select(Pegawai))}
    unit = {u.id: (u.nama, u.induk_id, u.siasn_id) for u in d.scalars(select(UnitKerja))}
    return {"pegawai": peg, "unit": unit}


def _tarik(c, **form) -> SelisihSiasn | None:
    r = c.post("/tariksiasn/mulai", data=form)
    assert r.status_code == 302 and "/pekerjaan/" in r.headers["Location"], (r.status_code, r.headers.get("Location"))
    return r


def _selisih_terakhir(d) -> SelisihSiasn:
    d.expire_all()
    return d.scalar(select(SelisihSiasn).order_by(SelisihSiasn.id.desc()).limit(1))


def _entri(s: SelisihSiasn) -> dict[str, dict]:
    return {e["nip"]: e for e in json.loads(s.isi)["pegawai"]}


def test_selisih_unit_terapkan_sebagian_konflik_ditolak(login, db_session, dunia, siasn):
    d = db_session
    login = bantu.login_bersih(login)
    a, b = dunia["bm_list"][0], dunia["sek_list"][0]  # A: name and email changed; B: moved to Bina Marga
    c_, w = dunia["bm_list"][1], dunia["bm_list"][2]  # C: unknown UNOR; W: malformed NIP from SIASN
    hilang = dunia["bm_list"][3]  # SIASN does not know them
    nama_a = a.nama
    siasn.pns[a.nip].update(nama=nama_a + " Baru", email="a.baru@siasn.test")
    siasn.pns[b.nip]["unorId"] = "unor-bm"
    siasn.pns[c_.nip]["unorId"] = "unor-tak-dikenal"
    siasn.pns[w.nip]["nipBaru"] = "12345"
    del siasn.pns[hilang.nip]
    siasn.pns[NIP_BARU] = {"id": "pns-baru", "nipBaru": NIP_BARU, "nama": "Pegawai Dari SIASN", "unorId": "unor-sek",
                           "tanggalLahir": "31-12-1965"}  # fmt: skip
    sebelum = _potret(d)

    op = login("operator")
    _tarik(op, nip=f"{NIP_BARU}\n1234-salah", unit_id=str(dunia["induk"].id), sub="1")
    s = _selisih_terakhir(d)
    assert s is not None and s.sumber == "manual" and s.diterapkan_pada is None
    e = _entri(s)
    assert e[NIP_BARU]["jenis"] == "baru"
    assert e["1234-salah"]["jenis"] == "konflik" and "tidak sah" in e["1234-salah"]["konflik"][0]
    assert e[a.nip]["jenis"] == "berubah"
    ubah_a = {i["field"]: (i["kami"], i["siasn"]) for i in e[a.nip]["perubahan"]}
    assert ubah_a == {"nama": (nama_a, nama_a + " Baru"), "email": (sebelum["pegawai"][a.nip][4] or "—",
                                                                      "a.baru@siasn.test")}  # fmt: skip
    assert any("Atasan berbeda" in k for k in e[a.nip]["konflik"])  # Bina Marga's head differs
    assert [i["field"] for i in e[b.nip]["perubahan"]] == ["unit_kerja_id"]
    assert e[b.nip]["perubahan"][0]["siasn"] == "Bidang Bina Marga"
    assert e[c_.nip]["jenis"] == "konflik" and not e[c_.nip]["perubahan"]
    assert "unor-tak-dikenal" in " ".join(e[c_.nip]["konflik"])
    assert e[w.nip]["jenis"] == "konflik" and not e[w.nip]["perubahan"] and "12345" in " ".join(e[w.nip]["konflik"])
    assert e[hilang.nip]["jenis"] == "tidak_ada"
    html = op.get(f"/tariksiasn/selisih/{s.id}").get_data(as_text=True)
    assert f'value="{a.nip}:nama"' in html and f'value="{b.nip}:unit_kerja_id"' in html
    assert "Atasan berbeda" in html and "unor-tak-dikenal" in html and "Tidak ada di SIASN" in html
    assert f'value="{c_.nip}:' not in html and f'value="{w.nip}:' not in html  # conflicts: no checkbox
    assert _potret(d) == sebelum  # preparing a diff changes nothing

    # a conflict posted anyway: the whole action refused, nothing written
    r = op.post(f"/tariksiasn/terapkan/{s.id}", data={"pilih": [f"{a.nip}:nama", f"{w.nip}:nama"]})
    assert r.status_code == 302
    html = op.get(f"/tariksiasn/selisih/{s.id}").get_data(as_text=True)
    assert "tidak dapat diterapkan" in html and f"{w.nip}:nama" in html
    assert _potret(d) == sebelum

    # a subset: A's name (not the email), B's unit, the new employee
    pilih = [f"{a.nip}:nama", f"{b.nip}:unit_kerja_id", f"{NIP_BARU}:baru"]
    r = op.post(f"/tariksiasn/terapkan/{s.id}", data={"pilih": pilih})
    assert r.status_code == 302
    assert "3 perubahan diterapkan pada 3 pegawai" in op.get(r.headers["Location"]).get_data(as_text=True)
    sesudah = _potret(d)
    diharapkan = json.loads(json.dumps(sebelum, default=str))
    baris_a = list(sebelum["pegawai"][a.nip])
    baris_a[1] = nama_a + " Baru"
    baris_b = list(sebelum["pegawai"][b.nip])
    baris_b[6] = dunia["bm"].id
    assert sesudah["pegawai"].pop(a.nip) == tuple(baris_a)
    assert sesudah["pegawai"].pop(b.nip) == tuple(baris_b)
    baru = sesudah["pegawai"].pop(NIP_BARU)
    assert baru[1] == "Pegawai Dari SIASN" and baru[6] == dunia["sek"].id and baru[9] == "pns-baru"
    assert str(baru[5]) == "1965-12-31"
    bm = dunia["bm"].id
    assert sesudah["unit"].pop(bm)[2] == "unor-bm"  # Bina Marga mapped by its name, with B's move
    diharapkan["pegawai"].pop(a.nip), diharapkan["pegawai"].pop(b.nip), diharapkan["unit"].pop(str(bm))
    assert json.loads(json.dumps(sesudah, default=str)) == diharapkan  # nothing else changed

    # audited: who, which fields, before/after — and no secret of the integration
    d.expire_all()
    audit = d.scalar(select(AuditLog).where(AuditLog.tabel == "selisih_siasn", AuditLog.baris_id == str(s.id)))
    assert audit.username == "operator" and audit.aksi == "ubah"
    isi_audit = json.loads(audit.sesudah)
    assert isi_audit[a.nip] == {"nama": nama_a + " Baru"} and json.loads(audit.sebelum)[a.nip] == {"nama": nama_a}
    assert isi_audit[b.nip] == {"unit_kerja_id": bm}
    k = siasn.konfigurasi()
    semua = " ".join(
        str(x) for x in d.scalars(select(AuditLog.sesudah)).all() + d.scalars(select(AuditLog.sebelum)).all()
    )
    assert k["consumer_secret"] not in semua and k["password"] not in semua

    # applied once: a second post is refused
    r = op.post(f"/tariksiasn/terapkan/{s.id}", data={"pilih": [f"{a.nip}:email"]})
    assert "sudah diterapkan" in op.get(f"/tariksiasn/selisih/{s.id}").get_data(as_text=True)
    assert _potret(d)["pegawai"][a.nip][4] == sebelum["pegawai"][a.nip][4]


def test_baris_berubah_sejak_selisih_disiapkan_ditolak(login, db_session, dunia, siasn):
    d = db_session
    login = bantu.login_bersih(login)
    a, b = dunia["bm_list"][0], dunia["sek_list"][0]
    siasn.pns[a.nip]["email"] = "a.lain@siasn.test"
    siasn.pns[b.nip]["nama"] = b.nama + " Siasn"
    op = login("pyb")
    _tarik(op, nip=f"{a.nip} {b.nip}")
    s = _selisih_terakhir(d)
    # someone edits B after the diff was prepared
    peg_b = d.get(Pegawai, b.id)
    peg_b.gelar_belakang = "M.T."
    d.commit()
    sebelum = _potret(d)
    r = op.post(f"/tariksiasn/terapkan/{s.id}", data={"pilih": [f"{a.nip}:email", f"{b.nip}:nama"]})
    assert r.status_code == 302
    html = op.get(f"/tariksiasn/selisih/{s.id}").get_data(as_text=True)
    assert f"Data pegawai {b.nip} telah diubah sejak selisih disiapkan" in html
    assert _potret(d) == sebelum  # A's email not written either
    d.expire_all()
    assert d.get(SelisihSiasn, s.id).diterapkan_pada is None


@pytest.mark.parametrize("jenis", ["500", "timeout"])
def test_siasn_gagal_pekerjaan_gagal_tanpa_perubahan(app, login, db_session, dunia, siasn, monkeypatch, jenis):
    d = db_session
    monkeypatch.setitem(app.config, "SIASN_TIMEOUT", 1)
    login = bantu.login_bersih(login)
    siasn.pns[dunia["bm_list"][0].nip]["nama"] = "Nama Lain"
    siasn.gagal_berikutnya("/pns/data-utama", jenis)
    sebelum = _potret(d)
    jumlah = d.scalar(select(SelisihSiasn.id).order_by(SelisihSiasn.id.desc()).limit(1))
    op = login("operator")
    r = _tarik(op, unit_id=str(dunia["bm"].id))
    pid = int(r.headers["Location"].rstrip("/").split("/")[-1])
    d.expire_all()
    job = d.get(Pekerjaan, pid)
    assert job.status == "gagal"
    assert job.pesan_galat.startswith("Tarik dari SIASN gagal: SIASN")
    assert ("HTTP 500" if jenis == "500" else "batas waktu") in job.pesan_galat
    assert "Tidak ada data yang diubah" in job.pesan_galat
    assert "Tarik dari SIASN gagal" in op.get(r.headers["Location"]).get_data(as_text=True)
    assert d.scalar(select(SelisihSiasn.id).order_by(SelisihSiasn.id.desc()).limit(1)) == jumlah
    assert _potret(d) == sebelum


def test_tugas_harian_hanya_menyiapkan(app, db_session, dunia, siasn):
    d = db_session
    a = dunia["bm_list"][0]
    siasn.pns[a.nip]["nama"] = "Nama Harian"
    sebelum = _potret(d)
    with app.app_context():
        ringkasan = jadwal.TUGAS["tarik_siasn"](app)
    assert "NIP dibaca" in ringkasan
    s = _selisih_terakhir(d)
    assert s.sumber == "harian" and s.user_id is None
    e = _entri(s)
    assert [i["field"] for i in e[a.nip]["perubahan"]] == ["nama"]
    assert sum(1 for x in e.values() if x["jenis"] == "tidak_ada") == len(sebelum["pegawai"]) - len(dunia["pegawai"])
    assert _potret(d) == sebelum  # never applies


def test_hanya_operator_pyb_admin(login, db_session, dunia, siasn):
    login = bantu.login_bersih(login)
    for user in ("operator", "pyb", "admin"):
        assert login(user).get("/tariksiasn/").status_code == 200, user
    for user in ("pegawai", "penilai", "tim"):
        c = login(user)
        assert c.get("/tariksiasn/").status_code in (302, 403, 404), user
        r = c.post("/tariksiasn/mulai", data={"nip": dunia["pegawai"][0].nip})
        assert r.status_code in (302, 403, 404) and "/pekerjaan/" not in r.headers.get("Location", ""), user
        assert c.post("/tariksiasn/terapkan/1", data={"pilih": ["x"]}).status_code in (302, 403, 404), user
    assert not siasn.permintaan(path="/pns/data-utama")


def test_golongan_dan_jabatan_dari_riwayat_jabatan(login, db_session, dunia, siasn):
    """The latest riwayat jabatan (by tmtJabatan, SIASN sends them unordered) names the position, found by name in
    the unit; a golongan code maps to ours; a position not found is shown, not applicable."""
    d = db_session
    login = bantu.login_bersih(login)
    a, b = dunia["bm_list"][1], dunia["bm_list"][2]
    kepala_bm = d.scalar(
        select(Pegawai).where(Pegawai.unit_kerja_id == dunia["bm"].id, Pegawai.jabatan.has(is_kepala_unit=True))
    )
    jab_kepala = kepala_bm.jabatan.nama
    gol_lain = "IV/e" if siasn.pns[a.nip]["golRuangAkhir"] != "IV/e" else "IV/d"
    siasn.pns[a.nip]["golRuangAkhir"] = gol_lain
    siasn.rw_jabatan[a.nip] = [
        {"id": "rw-2", "namaJabatan": jab_kepala, "tmtJabatan": "01-01-2024"},
        {"id": "rw-1", "jabatanFungsionalUmumNama": "Pengadministrasi Lama", "tmtJabatan": "01-01-2010"},
    ]
    siasn.rw_jabatan[b.nip] = [
        {"id": "rw-3", "jabatanFungsionalNama": "Jabatan Yang Tidak Ada", "tmtJabatan": "01-02-2020"}
    ]
    op = login("operator")
    r = op.post("/tariksiasn/mulai", data={"nip": ""})
    assert r.status_code == 400 and "Isi satu atau lebih NIP" in r.get_data(as_text=True)
    _tarik(op, nip=f"{a.nip},{b.nip}")
    e = _entri(_selisih_terakhir(d))
    ubah = {i["field"]: i for i in e[a.nip]["perubahan"]}
    assert ubah["golongan_id"]["siasn"] == gol_lain
    assert ubah["jabatan_id"]["siasn"] == jab_kepala and ubah["jabatan_id"]["nilai"] == kepala_bm.jabatan_id
    assert not any(i["field"] == "jabatan_id" for i in e[b.nip]["perubahan"])
    assert any("Jabatan Yang Tidak Ada" in k for k in e[b.nip]["konflik"])
