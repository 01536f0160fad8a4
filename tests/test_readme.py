"""The README's two commands: exactly two, CI uses the same test command, and the start command
works from a clean copy of the repository — twice, changing nothing the second time."""

import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def _blok(nama):
    m = re.search(rf"<!-- {nama} -->\s*```\s*\n(.*?)\n```\s*<!-- /{nama} -->", README, re.S)
    assert m, f"README tidak memuat blok {nama}"
    return m.group(1).strip()


def test_readme_tepat_dua_perintah():
    assert README.count("```") == 4, "README harus memuat tepat dua blok perintah"
    run, test = _blok("run-command"), _blok("test-command")
    assert "pip install -q -e ." in run and run.endswith("run.py")
    assert "pip install -q -e '.[test]'" in test and test.endswith("-m pytest")


def test_ci_memakai_perintah_uji_readme():
    ci = (ROOT / ".ci" / "run").read_text()
    assert "test-command" in ci and "KINERJA_REQUIRE_POSTGRES=1" in ci and "DATABASE_URL=postgresql" in ci


def _salin_repo(dst: Path) -> None:
    files = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard", "-z"],
        cwd=ROOT,
        capture_output=True,
        check=True,
    ).stdout.split(b"\0")
    for f in files:
        if not f:
            continue
        src = ROOT / f.decode()
        if src.is_file():
            (dst / f.decode()).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dst / f.decode())


def _port() -> int:
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    p = s.getsockname()[1]
    s.close()
    return p


def _jalankan(cwd: Path, port: int) -> str:
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "SECRET_KEY", "INSTANCE_DIR")}
    env.update(PORT=str(port), HOST="127.0.0.1", DEMO_PEGAWAI="60", PYTHONPATH=str(cwd))
    proc = subprocess.Popen(
        [sys.executable, "run.py"], cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    try:
        for _ in range(240):
            if proc.poll() is not None:
                pytest.fail("run.py berhenti: " + proc.stdout.read()[-3000:])
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/login/", timeout=2) as r:
                    assert r.status == 200
                    assert "Kinerja ASN" in r.read().decode()
                    break
            except OSError:
                time.sleep(0.5)
        else:
            pytest.fail("run.py tidak melayani dalam 120 detik")
    finally:
        proc.terminate()
        out = proc.communicate(timeout=30)[0]
    return out


def test_perintah_jalankan_dari_salinan_bersih(tmp_path):
    _salin_repo(tmp_path)
    assert not (tmp_path / "instance").exists()
    out1 = _jalankan(tmp_path, _port())
    from seeds.pengguna import DEMO_USERS

    assert "'pegawai': 60" in out1 and f"'pengguna': {len(DEMO_USERS)}" in out1, out1[-2000:]
    db = tmp_path / "instance" / "kinerja.db"
    assert db.exists() and (tmp_path / "instance" / "secret_key").stat().st_size >= 64
    ukuran = db.stat().st_size
    out2 = _jalankan(tmp_path, _port())
    assert "{'referensi': 0, 'pengguna': 0}" in out2, out2[-2000:]  # the second start changes nothing
    assert db.stat().st_size == ukuran
