#!/usr/bin/env python3
"""Type-check app/, schema/, seeds/ against a recorded baseline: an error not in the baseline fails.

Errors are compared without line numbers (path, code, message), so moving code does not churn the baseline.
`--tulis` rewrites the baseline after fixing errors (the file only ever shrinks in review).
"""

from __future__ import annotations

import collections
import re
import subprocess
import sys
from pathlib import Path

AKAR = Path(__file__).resolve().parent.parent
BASELINE = AKAR / ".ci" / "mypy_baseline.txt"
SASARAN = ["app", "schema", "seeds", "config.py", "run.py"]
POLA = re.compile(r"^(?P<path>[^:]+):\d+: error: (?P<pesan>.*)$")


def galat_sekarang() -> collections.Counter[str]:
    hasil = subprocess.run(
        [sys.executable, "-m", "mypy", "--no-error-summary", "--hide-error-context", "--no-pretty", *SASARAN],
        cwd=AKAR,
        capture_output=True,
        text=True,
    )
    if hasil.returncode not in (0, 1):
        sys.exit(hasil.stdout + hasil.stderr)
    baris = (POLA.match(b) for b in hasil.stdout.splitlines())
    return collections.Counter(f"{m['path']}: {m['pesan']}" for m in baris if m)


def main() -> int:
    sekarang = galat_sekarang()
    if "--tulis" in sys.argv:
        BASELINE.write_text("".join(f"{k}\n" * n for k, n in sorted(sekarang.items())), encoding="utf-8")
        print(f"baseline ditulis: {sum(sekarang.values())} galat")
        return 0
    lama = collections.Counter(BASELINE.read_text(encoding="utf-8").splitlines()) if BASELINE.exists() else {}
    baru = sekarang - lama
    hilang = lama - sekarang
    if hilang:
        print(
            f"{sum(hilang.values())} galat baseline sudah hilang — perkecil baseline: python .ci/mypy_baseline.py --tulis"
        )
    if baru:
        print(f"{sum(baru.values())} galat mypy baru (tidak ada di .ci/mypy_baseline.txt):")
        for k in sorted(baru):
            print("  " + k)
        return 1
    print(f"mypy: {sum(sekarang.values())} galat, semuanya di baseline")
    return 0


if __name__ == "__main__":
    sys.exit(main())
