"""Developers only, before the first release: regenerate 0001_skema_awal.py from the models.

``python -m schema.regen`` — once a release exists, add new revisions instead
(``flask --app run db revision -m …``).
"""
from __future__ import annotations

import re
import tempfile
from pathlib import Path

from schema.migrate import revision

VERSIONS = Path(__file__).resolve().parent / "migrations" / "versions"


def main() -> None:
    target = VERSIONS / "0001_skema_awal.py"
    target.unlink(missing_ok=True)
    with tempfile.TemporaryDirectory() as d:
        revision(f"sqlite:///{d}/gen.db", "skema awal siklus kinerja")
    (gen,) = [p for p in VERSIONS.glob("*.py") if p.name != "__init__.py"]
    text = gen.read_text()
    rev = re.search(r"^revision = '(\w+)'", text, re.M).group(1)
    text = text.replace(f"revision = '{rev}'", "revision = '0001'").replace(f"Revision ID: {rev}", "Revision ID: 0001")
    target.write_text(text)
    gen.unlink()
    print(f"ditulis: {target}")


if __name__ == "__main__":
    main()
