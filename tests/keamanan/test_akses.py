"""Access control: menus per role, the role × resource × operation matrix, row-level scope (9)."""

import pytest
from sqlalchemy import select

from app.security import roles as R
from schema.models import Jabatan, Pegawai
from seeds.pengguna import DEMO_USERS

USERNAME = {role: u for u, (role, _k) in DEMO_USERS.items()}

# resource → (list url, api url or None)
URL = {
    "instansi": ("/instansiview/list/", "/api/v1/instansi/"),
    "unit_kerja": ("/unitkerjaview/list/", "/api/v1/unit_kerja/"),
    "jabatan": ("/jabatanview/list/", "/api/v1/jabatan/"),
    "golongan": ("/golonganview/list/", "/api/v1/golongan/"),
    "pegawai": ("/pegawaiview/list/", "/api/v1/pegawai/"),
    "impor": ("/impor/", None),
    "profil": ("/profilsaya/list/", None),
    "bawahan": ("/bawahan/list/", None),
}


def _menu(client):
    r = client.get("/api/v1/menu/")
    assert r.status_code == 200
    out = set()
    for item in r.get_json()["result"]:
        for child in item.get("childs", []):
            if isinstance(child, dict) and child.get("name"):
                out.add((item["name"], child["name"]))
    return out


def _diharapkan(role):
    res = set()
    for key, ops in R.MATRIX.get(role, {}).items():
        r = R.RESOURCES[key]
        res.add(r.menu)
        if "l" in ops:
            res.update((r.menu[0], m) for m in r.menu_lain)
    return res


@pytest.mark.parametrize("role", [r for r in R.ROLES if r != R.ADMIN])
def test_setiap_peran_hanya_melihat_menunya(login, role):
    c = login(USERNAME[role])
    menu = _menu(c)
    diharapkan = set(_diharapkan(role))
    for u, (rl, _k) in DEMO_USERS.items():
        if u == USERNAME[role] and rl not in (R.ADMIN, R.PEGAWAI):
            diharapkan |= _diharapkan(R.PEGAWAI)  # demo supervisors are employees too
    assert menu == diharapkan


def test_admin_melihat_semua_menu_data_induk(login):
    menu = _menu(login("admin"))
    assert {("Data Induk", "Pegawai"), ("Data Induk", "Impor Excel"), ("Security", "List Users")} <= menu


def test_anonim_diarahkan_ke_login(login):
    c = login()
    r = c.get("/pegawaiview/list/")
    assert r.status_code == 302 and "/login" in r.headers["Location"]
    assert c.get("/api/v1/pegawai/").status_code == 401


@pytest.mark.parametrize("role", R.ROLES)
@pytest.mark.parametrize("resource", sorted(URL))
def test_matriks_daftar_dan_api(login, role, resource):
    c = login(USERNAME[role])
    list_url, api_url = URL[resource]
    boleh = R.allowed(role, resource, "l")
    roles = {role} | ({R.PEGAWAI} if role not in (R.ADMIN, R.PEGAWAI) else set())
    boleh = any(R.allowed(rl, resource, "l") for rl in roles)
    r = c.get(list_url)
    if boleh:
        assert r.status_code == 200, (role, resource, r.status_code)
    else:
        assert r.status_code in (302, 403), (role, resource, r.status_code)
        if r.status_code == 302:
            assert "/login" in r.headers["Location"] or r.headers["Location"].endswith("/")
    if api_url:
        r = c.get(api_url)
        assert r.status_code == (200 if boleh else 403), (role, resource, r.status_code)


def test_peran_dari_data_tanpa_nama_tumpang_tindih():
    """FAB matches FAB_ROLES entries with re.match (a prefix): no name may be a prefix of another."""
    names = {r.view for r in R.RESOURCES.values()} | {r.api for r in R.RESOURCES.values() if r.api}
    for a in names:
        for b in names:
            assert a == b or not b.startswith(a), (a, b)
    perms = {p for ops in R.OPS.values() for p in ops if p}
    for a in perms:
        for b in perms:
            assert a == b or not b.startswith(a), (a, b)


def _ids(db_session, pegawai_user):
    p = db_session.scalars(select(Pegawai).join(Pegawai.user).where(Pegawai.user.has(username=pegawai_user))).one()
    return p


def test_bawahan_hanya_bawahan_langsung(login, db_session):
    penilai = _ids(db_session, "penilai")
    bawahan = set(
        db_session.scalars(
            select(Pegawai.nip)
            .join(Jabatan, Pegawai.jabatan_id == Jabatan.id)
            .where(Jabatan.atasan_id == penilai.jabatan_id)
        )
    )
    assert len(bawahan) >= 2
    c = login("penilai")
    html = c.get("/bawahan/list/?psize_BawahanView=100").get_data(as_text=True)
    for nip in bawahan:
        assert nip in html
    lain = db_session.scalars(select(Pegawai).where(Pegawai.nip.not_in(bawahan))).first()
    assert lain.nip not in html
    # by id, through show: not found rather than shown
    assert c.get(f"/bawahan/show/{lain.id}").status_code in (302, 404)
    # and through the export
    import io

    from openpyxl import load_workbook

    r = c.get("/bawahan/ekspor/")
    assert r.status_code == 200
    ws = load_workbook(io.BytesIO(r.data), read_only=True).active
    nips = {row[1] for row in ws.iter_rows(min_row=8, values_only=True)}
    assert nips == bawahan


def test_pegawai_hanya_profil_sendiri(login, db_session):
    saya = _ids(db_session, "pegawai")
    c = login("pegawai")
    html = c.get("/profilsaya/list/").get_data(as_text=True)
    assert saya.nip in html
    lain = db_session.scalars(select(Pegawai).where(Pegawai.id != saya.id)).first()
    assert lain.nip not in html
    assert c.get(f"/profilsaya/show/{lain.id}").status_code in (302, 404)
    assert c.get(f"/profilsaya/show/{saya.id}").status_code == 200


def test_pengguna_tanpa_data_pegawai_tidak_melihat_apa_pun(app, login):
    """A login with the Pegawai role but no employee record sees no rows (never the IS NULL trap)."""
    from app.extensions import db

    with app.app_context():
        sm = app.appbuilder.sm
        if not sm.find_user(username="tanpa_pegawai"):
            sm.add_user(
                "tanpa_pegawai", "Tanpa", "Pegawai", "tanpa@demo.local", [sm.find_role(R.PEGAWAI)], "Demo#Kinerja2026"
            )
        db.session.commit()
    c = login("tanpa_pegawai")
    html = c.get("/profilsaya/list/").get_data(as_text=True)
    assert "Tidak ada data" in html or "No records found" in html


def test_matriks_di_architecture_md_mutakhir():
    """ARCHITECTURE.md shows the role matrix exactly as app/security/roles.py declares it."""
    from pathlib import Path

    doc = (Path(__file__).resolve().parents[2] / "ARCHITECTURE.md").read_text(encoding="utf-8")
    assert R.render_markdown() in doc, "jalankan: python -m app.security.roles dan tempel ke ARCHITECTURE.md"
