"""Layering of ``app/`` checked on the source (``ast``), without importing it.

    app.rules (pure) ← schema ← app.jam / app.format / app.aksi ← app.security ← app.queries ← app.excel
        ← app.views / app.api

* nothing outside ``app/views`` imports ``app.views`` (the application factory excepted: it registers them
  through ``app/views/daftar.py``);
* ``app.api`` never imports ``app.views`` (views may import APIs; registration is in ``app/views/daftar.py``);
* ``app.security`` never imports ``app.queries`` (row scopes are clauses over the models, queries use them);
* no module uses another app module's private (``_name``) names, by ``from X import _name`` or ``X._name``.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

AKAR = Path(__file__).resolve().parent.parent
APP = AKAR / "app"

# file (relative to the repository) → why it may import app.views from outside app/views
BOLEH_IMPOR_VIEWS = {"app/__init__.py": "the application factory registers every view and API (app/views/daftar.py)"}
# (file, imported module, name) → why the private name is used; keep it short and justified
BOLEH_PRIVAT: dict[tuple[str, str, str], str] = {}


def _nama_modul(rel: str) -> str:
    bagian = list(Path(rel).with_suffix("").parts)
    if bagian[-1] == "__init__":
        bagian.pop()
    return ".".join(bagian)


def _modul_ada(nama: str) -> bool:
    p = AKAR.joinpath(*nama.split("."))
    return p.with_suffix(".py").is_file() or (p / "__init__.py").is_file()


def _mutlak(modul: str, rel: str, node: ast.ImportFrom) -> str:
    """The absolute module of a ``from … import`` (relative imports resolved against the file's package)."""
    if not node.level:
        return node.module or ""
    paket = modul.split(".") if rel.endswith("/__init__.py") else modul.split(".")[:-1]
    dasar = paket[: len(paket) - (node.level - 1)]
    return ".".join(dasar + ([node.module] if node.module else []))


def _privat(nama: str) -> bool:
    return nama.startswith("_") and not (nama.startswith("__") and nama.endswith("__"))


def _bertitik(node: ast.AST) -> str | None:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        kiri = _bertitik(node.value)
        return f"{kiri}.{node.attr}" if kiri else None
    return None


def _berkas():
    return sorted(p for p in APP.rglob("*.py") if "__pycache__" not in p.parts)


def _periksa(rel: str, teks: str) -> list[str]:
    """Every violation in the source ``teks`` of the file ``rel`` (path relative to the repository)."""
    modul = _nama_modul(rel)
    pohon = ast.parse(teks, filename=rel)
    di_views, di_api, di_security = (rel.startswith(f"app/{d}/") for d in ("views", "api", "security"))
    galat: list[str] = []
    impor: list[tuple[int, str]] = []  # (line, module imported)
    alias: dict[str, str] = {}  # local name → app module it is bound to

    for node in ast.walk(pohon):
        if isinstance(node, ast.Import):
            for a in node.names:
                impor.append((node.lineno, a.name))
                if a.name.startswith("app."):
                    alias[a.asname or a.name.split(".")[0]] = a.name if a.asname else a.name.split(".")[0]
        elif isinstance(node, ast.ImportFrom):
            asal = _mutlak(modul, rel, node)
            for a in node.names:
                sub = f"{asal}.{a.name}"
                lengkap = sub if _modul_ada(sub) else asal
                impor.append((node.lineno, lengkap))
                if lengkap == sub and sub.startswith("app."):
                    alias[a.asname or a.name] = sub
                if (
                    (asal.startswith("app.") or asal == "app")
                    and _privat(a.name)
                    and asal != modul
                    and (rel, asal, a.name) not in BOLEH_PRIVAT
                ):
                    galat.append(f"{rel}:{node.lineno}: from {asal} import {a.name} (nama privat modul lain)")

    for baris, nama in impor:
        if (nama == "app.views" or nama.startswith("app.views.")) and not di_views:
            if di_api:
                galat.append(f"{rel}:{baris}: app.api mengimpor {nama}")
            elif rel not in BOLEH_IMPOR_VIEWS:
                galat.append(f"{rel}:{baris}: mengimpor {nama} dari luar app/views")
        if di_security and (nama == "app.queries" or nama.startswith("app.queries.")):
            galat.append(f"{rel}:{baris}: app.security mengimpor {nama}")

    for node in ast.walk(pohon):
        if isinstance(node, ast.Attribute) and _privat(node.attr):
            kiri = _bertitik(node.value)
            if not kiri:
                continue
            kepala, _, ekor = kiri.partition(".")
            if kepala not in alias:
                continue
            target = alias[kepala] + (f".{ekor}" if ekor else "")
            if _modul_ada(target) and target != modul and (rel, target, node.attr) not in BOLEH_PRIVAT:
                galat.append(f"{rel}:{node.lineno}: {kiri}.{node.attr} (nama privat modul lain)")
    return list(dict.fromkeys(galat))


def test_ada_berkas_yang_diperiksa():
    assert len(_berkas()) > 50


@pytest.mark.parametrize("path", _berkas(), ids=lambda p: p.relative_to(AKAR).as_posix())
def test_lapisan(path):
    galat = _periksa(path.relative_to(AKAR).as_posix(), path.read_text(encoding="utf-8"))
    assert not galat, "\n".join(galat)


def test_pemeriksa_menangkap_pelanggaran():
    """The checker itself: each rule fires on a small sample placed where the rule applies."""
    assert "app.api mengimpor app.views.base" in _periksa("app/api/x.py", "from app.views.base import A\n")[0]
    assert "app.api mengimpor app.views" in _periksa("app/api/x.py", "from ..views import base\n")[0]
    assert (
        "app.security mengimpor app.queries.klinik"
        in _periksa("app/security/x.py", "from app.queries import klinik\n")[0]
    )
    assert "dari luar app/views" in _periksa("app/excel/x.py", "import app.views.base\n")[0]
    privat = _periksa(
        "app/queries/x.py", "from app.aksi import _x\nfrom app import aksi as a\na._y()\nimport app.aksi\napp.aksi._z\n"
    )
    assert len(privat) == 3, privat
    # own private names, dunders, private aliases of public names and views importing APIs are fine
    assert not _periksa(
        "app/views/x.py",
        "from app.views.x import _a\nfrom app.api.master import ScopedApi\n"
        "from app.views.fields import label_unit as _label_unit\n"
        "import app.aksi\napp.aksi.__name__\n",
    )
