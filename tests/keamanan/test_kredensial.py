"""Weak credentials are refused: a short SECRET_KEY stops a production start-up; every way of setting a password
(FAB's CLI commands, the user admin, the reset-password forms) enforces the password policy, in every mode."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import PASSWORD, make_app

SANDI_KUAT = "Kuat#Sandi2026x"
AKAR = Path(__file__).resolve().parents[2]


# ---------------------------------------------------------------------------------------------------------------
# SECRET_KEY
# ---------------------------------------------------------------------------------------------------------------


def test_produksi_menolak_secret_key_pendek(app, database_url):
    with pytest.raises(RuntimeError, match="SECRET_KEY terlalu pendek"):
        make_app(database_url, PRODUCTION=True, SECRET_KEY="abc")
    with pytest.raises(RuntimeError, match="minimal 32 byte"):
        make_app(database_url, PRODUCTION=True, SECRET_KEY="k" * 31)
    assert make_app(database_url, PRODUCTION=True, SECRET_KEY="k" * 32).config["PRODUCTION"]


def test_produksi_tanpa_secret_key_lingkungan_ditolak(tmp_path):
    """Several nodes must sign sessions with one key: production never generates its own per node."""
    env = {k: v for k, v in os.environ.items() if k != "SECRET_KEY"}
    env.update(KINERJA_ENV="production", INSTANCE_DIR=str(tmp_path / "inst"), PYTHONPATH=str(AKAR))
    env.update(DATABASE_URL=f"sqlite:///{tmp_path / 'k.db'}")
    r = subprocess.run(
        [sys.executable, "-c", "from app import create_app; create_app()"],
        cwd=AKAR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert r.returncode != 0 and "SECRET_KEY dari variabel lingkungan" in r.stderr, r.stderr[-2000:]
    assert not (tmp_path / "inst" / "secret_key").exists()


def test_produksi_dari_lingkungan_menolak_secret_key_pendek(tmp_path):
    """As an operator would start it: SECRET_KEY=abc KINERJA_ENV=production → start-up fails with the reason."""
    env = dict(
        os.environ,
        SECRET_KEY="abc",
        KINERJA_ENV="production",
        INSTANCE_DIR=str(tmp_path),
        DATABASE_URL=f"sqlite:///{tmp_path / 'x.db'}",
        PYTHONPATH=str(AKAR),
    )
    r = subprocess.run(
        [sys.executable, "-c", "from app import create_app; create_app()"],
        cwd=AKAR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert r.returncode != 0
    assert "SECRET_KEY terlalu pendek untuk mode produksi" in r.stderr
    assert not (tmp_path / "x.db").exists()  # refused before touching the database


# ---------------------------------------------------------------------------------------------------------------
# CLI
# ---------------------------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def app_produksi(app, database_url):
    return make_app(database_url, PRODUCTION=True)


def _pengguna(a, username):
    with a.app_context():
        sm = a.appbuilder.sm
        sm.session.rollback()
        return sm.find_user(username=username)


def _hapus_pengguna(a, username):
    with a.app_context():
        sm = a.appbuilder.sm
        u = sm.find_user(username=username)
        if u is not None:
            sm.session.delete(u)
            sm.session.commit()


def _masuk(a, username, sandi) -> bool:
    r = a.test_client().post("/login/", data={"username": username, "password": sandi})
    return r.status_code == 302 and "/login" not in r.headers["Location"]


def _fab(a, *args):
    """``flask --app run fab …``: FAB's group comes from an entry point, not from ``app.cli``."""
    from flask_appbuilder.cli import fab

    return a.test_cli_runner().invoke(fab, list(args))


@pytest.mark.parametrize("produksi", [True, False], ids=["produksi", "pengembangan"])
def test_cli_create_admin_menolak_sandi_lemah(app, app_produksi, produksi):
    a = app_produksi if produksi else app
    nama = f"admin_lemah_{int(produksi)}"
    try:
        for lemah in ("a", "semuakecil123!", PASSWORD if produksi else "Pendek#1"):
            r = _fab(
                a,
                "create-admin",
                "--username",
                nama,
                "--firstname",
                "A",
                "--lastname",
                "B",
                "--email",
                f"{nama}@uji.local",
                "--password",
                lemah,
            )
            assert r.exit_code == 1, r.output
            assert "Kata sandi" in r.output and "Traceback" not in r.output
            assert _pengguna(a, nama) is None
        assert not _masuk(a, nama, "a")
        r = _fab(
            a,
            "create-admin",
            "--username",
            nama,
            "--firstname",
            "A",
            "--lastname",
            "B",
            "--email",
            f"{nama}@uji.local",
            "--password",
            SANDI_KUAT,
        )
        assert r.exit_code == 0 and _pengguna(a, nama) is not None, r.output
        assert _masuk(a, nama, SANDI_KUAT)
    finally:
        _hapus_pengguna(a, nama)


def test_cli_create_user_dan_reset_password_menolak_sandi_lemah(app, app_produksi):
    nama = "pengguna_lemah"
    try:
        r = _fab(
            app_produksi,
            "create-user",
            "--role",
            "Pegawai",
            "--username",
            nama,
            "--firstname",
            "P",
            "--lastname",
            "L",
            "--email",
            f"{nama}@uji.local",
            "--password",
            "abc",
        )
        assert r.exit_code == 1 and "minimal 10 karakter" in r.output
        assert _pengguna(app_produksi, nama) is None
        r = _fab(
            app_produksi,
            "create-user",
            "--role",
            "Pegawai",
            "--username",
            nama,
            "--firstname",
            "P",
            "--lastname",
            "L",
            "--email",
            f"{nama}@uji.local",
            "--password",
            SANDI_KUAT,
        )
        assert r.exit_code == 0, r.output
        for a, lemah in ((app_produksi, "a"), (app, "tanpasimbol123A"), (app_produksi, PASSWORD)):
            sebelum = _pengguna(a, nama).password
            r = _fab(a, "reset-password", "--username", nama, "--password", lemah)
            assert r.exit_code == 1 and "Kata sandi" in r.output, r.output
            assert _pengguna(a, nama).password == sebelum
        assert not _masuk(app, nama, "tanpasimbol123A")
        r = _fab(app, "reset-password", "--username", nama, "--password", SANDI_KUAT + "2")
        assert r.exit_code == 0 and _masuk(app, nama, SANDI_KUAT + "2")
    finally:
        _hapus_pengguna(app, nama)


# ---------------------------------------------------------------------------------------------------------------
# HTML: user admin and reset-password forms
# ---------------------------------------------------------------------------------------------------------------


def test_formulir_pengguna_dan_reset_sandi_menolak_sandi_lemah(app, login):
    admin = login("admin")
    with app.app_context():
        sm = app.appbuilder.sm
        role = sm.find_role("Pegawai")
        pegawai_id = sm.find_user(username="pegawai").id
    r = admin.post(
        "/users/add",
        data={
            "first_name": "F",
            "last_name": "L",
            "username": "form_lemah",
            "email": "form_lemah@uji.local",
            "active": "y",
            "roles": [str(role.id)],
            "password": "lemah",
            "conf_password": "lemah",
        },
    )
    assert r.status_code == 200 and "Kata sandi belum memenuhi kebijakan" in r.get_data(as_text=True)
    assert _pengguna(app, "form_lemah") is None

    sebelum = _pengguna(app, "pegawai").password
    r = admin.post(f"/resetpassword/form?pk={pegawai_id}", data={"password": "lemah", "conf_password": "lemah"})
    assert r.status_code == 200 and "Kata sandi belum memenuhi kebijakan" in r.get_data(as_text=True)
    r = login("pegawai").post("/resetmypassword/form", data={"password": "lemah", "conf_password": "lemah"})
    assert r.status_code == 200 and "Kata sandi belum memenuhi kebijakan" in r.get_data(as_text=True)
    assert _pengguna(app, "pegawai").password == sebelum
    assert _masuk(app, "pegawai", PASSWORD)


def test_admin_pengguna_menolak_sandi_lemah_walau_validator_form_mati(app, database_url):
    """The user admin's own hook refuses too, not only FAB's optional form validator."""
    a = make_app(database_url, FAB_PASSWORD_COMPLEXITY_ENABLED=False)
    c = a.test_client()
    assert c.post("/login/", data={"username": "admin", "password": PASSWORD}).status_code == 302
    with a.app_context():
        role = a.appbuilder.sm.find_role("Pegawai").id
    r = c.post(
        "/users/add",
        data={
            "first_name": "F",
            "last_name": "L",
            "username": "form_lemah2",
            "email": "form_lemah2@uji.local",
            "active": "y",
            "roles": [str(role)],
            "password": "lemah",
            "conf_password": "lemah",
        },
        follow_redirects=True,
    )
    assert "Kata sandi belum memenuhi kebijakan" in r.get_data(as_text=True)
    assert _pengguna(a, "form_lemah2") is None
