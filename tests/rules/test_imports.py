"""app/rules is pure Python: stdlib + holidays only (lead's architecture constraint),
and every rule function carries a one-line source citation comment."""

import ast
import re
import sys
from pathlib import Path

import app.rules as rules

RULES_DIR = Path(rules.__file__).parent
TERLARANG = {"flask", "sqlalchemy", "flask_appbuilder", "flask_sqlalchemy", "wtforms", "marshmallow"}
DIIZINKAN_PIHAK_KETIGA = {"holidays"}


def _impor(path: Path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, 0
        elif isinstance(node, ast.ImportFrom):
            yield (node.module or ""), node.level


def test_tidak_ada_impor_framework_atau_app_lain():
    files = sorted(RULES_DIR.glob("*.py"))
    assert files, "app/rules/*.py tidak ditemukan"
    pelanggaran = []
    for f in files:
        for modul, level in _impor(f):
            if level:  # impor relatif di dalam app.rules
                continue
            akar = modul.split(".")[0]
            if akar in TERLARANG:
                pelanggaran.append(f"{f.name}: {modul}")
            elif akar == "app" and not (modul == "app.rules" or modul.startswith("app.rules.")):
                pelanggaran.append(f"{f.name}: {modul}")
            elif akar != "app" and akar not in sys.stdlib_module_names and akar not in DIIZINKAN_PIHAK_KETIGA:
                pelanggaran.append(f"{f.name}: {modul} (bukan stdlib/holidays)")
    assert pelanggaran == []


def test_setiap_fungsi_aturan_publik_memiliki_komentar_sumber():
    """Every public rule cites its source in a comment, as `001 Lampiran ...` or `000 Pasal 20(4)`."""
    pola = re.compile(r"#\s*(R\d+|Siklus|R\d+/)\S*.*\b(00[0-4])\b|#\s*Glosarium \S+ — ARCHITECTURE\.md")
    kurang = []
    for f in sorted(RULES_DIR.glob("*.py")):
        baris = f.read_text(encoding="utf-8").splitlines()
        tree = ast.parse("\n".join(baris))
        for node in tree.body:
            if isinstance(node, ast.FunctionDef) and not node.name.startswith("_") and node.name in rules.__all__:
                sebelum = baris[node.lineno - 2] if node.lineno >= 2 else ""
                if not pola.search(sebelum):
                    kurang.append(f"{f.name}:{node.name}")
    assert kurang == []


def test_api_publik_lengkap():
    for nama in rules.__all__:
        assert hasattr(rules, nama), nama
