"""Uji mutasi app/rules terhadap tests/rules (mutmut 3; konfigurasi di pyproject.toml [tool.mutmut]).

Pakai (dari akar repo, dengan ekstra ``mutasi`` terpasang: ``pip install -e '.[mutasi]'``)::

    python tests/mutasi_aturan.py                      # seluruh app/rules (beberapa menit, 2 proses)
    python tests/mutasi_aturan.py "app.rules.nip*"     # satu modul
    python tests/mutasi_aturan.py --tanpa-run          # hanya membaca hasil run terakhir (mutants/)

Mencetak mutan terbunuh/total per modul dan keseluruhan, lalu mutan yang selamat. Keluar
bukan nol bila ada mutan selamat yang mengubah perilaku, yaitu selain:

* mutan yang hanya mengubah teks pesan/label: semua token yang berbeda adalah literal string,
  dan setiap literal asli itu berada di dalam ``raise``, berupa f-string, atau teks
  berkata-kata (mengandung spasi) — kode/kunci satu kata seperti ``"A.1.1"`` atau ``"baik"``
  tetap dihitung sebagai perilaku;
* mutan yang tercantum di ``tests/mutasi_ekuivalen.txt`` (satu baris: nama mutan, lalu alasan
  satu kalimat mengapa ekuivalen).

Nama berkas tanpa awalan ``test_`` agar tidak dikumpulkan pytest.
"""

from __future__ import annotations

import argparse
import ast
import difflib
import fnmatch
import io
import json
import os
import subprocess
import sys
import textwrap
import tokenize
from collections import Counter, defaultdict
from pathlib import Path

AKAR = Path(__file__).resolve().parent.parent
MUTANTS = AKAR / "mutants"
SUMBER = Path("app/rules")
EKUIVALEN = AKAR / "tests" / "mutasi_ekuivalen.txt"

# Kode keluar mutmut 3 (mutmut/stats.py): 1/3 terbunuh, 0 selamat, 5/33 tanpa uji, None belum diperiksa.
TERBUNUH = {1, 3, 37}
SELAMAT = {0, 5, 33}
WAKTU_HABIS = {24, -24, 36, 152, 255}


def _mutmut() -> list[str]:
    kandidat = Path(sys.executable).with_name("mutmut")
    return [str(kandidat)] if kandidat.exists() else [sys.executable, "-m", "mutmut"]


def _baca_ekuivalen() -> dict[str, str]:
    hasil = {}
    if EKUIVALEN.exists():
        for baris in EKUIVALEN.read_text(encoding="utf-8").splitlines():
            baris = baris.strip()
            if not baris or baris.startswith("#"):
                continue
            nama, _, alasan = baris.partition(" ")
            if not alasan.strip():
                raise SystemExit(f"{EKUIVALEN.name}: {nama} tanpa alasan.")
            hasil[nama] = alasan.strip()
    return hasil


def _status() -> dict[str, int | None]:
    hasil = {}
    for meta in sorted((MUTANTS / SUMBER).rglob("*.py.meta")):
        hasil.update(json.loads(meta.read_text(encoding="utf-8"))["exit_code_by_key"])
    return hasil


class _Sumber:
    """Fungsi asli dan mutan dari berkas mutants/app/rules/<modul>.py (tanpa memanggil mutmut show)."""

    def __init__(self) -> None:
        self._cache: dict[str, tuple[str, dict[str, ast.AST]]] = {}

    def _modul(self, modul: str) -> tuple[str, dict[str, ast.AST]]:
        if modul not in self._cache:
            path = MUTANTS / Path(*modul.split("."))
            path = path.with_suffix(".py") if path.with_suffix(".py").exists() else path / "__init__.py"
            teks = path.read_text(encoding="utf-8")
            fungsi = {
                n.name: n for n in ast.walk(ast.parse(teks)) if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))
            }
            self._cache[modul] = (teks, fungsi)
        return self._cache[modul]

    def pasangan(self, nama: str) -> tuple[str, str, ast.AST] | None:
        modul, _, fungsi = nama.rpartition(".")
        teks, semua = self._modul(modul)
        asli_nama = fungsi.rsplit("__mutmut_", 1)[0] + "__mutmut_orig"
        if fungsi not in semua or asli_nama not in semua:
            return None
        asli = semua[asli_nama]
        return ast.get_source_segment(teks, asli), ast.get_source_segment(teks, semua[fungsi]), asli


def _token(src: str, kolom: int) -> list[tokenize.TokenInfo]:
    src = textwrap.dedent(" " * kolom + src)  # method bodies keep their class indentation
    keluar = []
    try:
        for t in tokenize.generate_tokens(io.StringIO(src).readline):
            if t.type in (tokenize.COMMENT, tokenize.NL, tokenize.NEWLINE, tokenize.INDENT, tokenize.DEDENT):
                continue
            if t.type == tokenize.STRING and keluar and keluar[-1].type == tokenize.STRING:
                # implicit concatenation "a " "b" is one literal (a mutant may replace it by None)
                awal = keluar.pop()
                t = awal._replace(string=awal.string + " " + t.string, end=t.end)
            keluar.append(t)
    except (tokenize.TokenError, IndentationError):
        return []
    return keluar


def _string_dalam_raise(asli: ast.AST) -> set[int]:
    """Nomor baris (relatif terhadap awal fungsi) literal string di dalam ``raise``."""
    baris = set()
    for node in ast.walk(asli):
        if isinstance(node, ast.Raise) and node.exc is not None:
            for sub in ast.walk(node.exc):
                if isinstance(sub, (ast.Constant, ast.JoinedStr)):
                    for b in range(sub.lineno, (sub.end_lineno or sub.lineno) + 1):
                        baris.add(b - asli.lineno + 1)
    return baris


def hanya_teks(asli_src: str, mutan_src: str, asli: ast.AST) -> bool:
    a, m = _token(asli_src, asli.col_offset), _token(mutan_src, asli.col_offset)
    if not a or len(a) != len(m):
        return False
    # the function's own name differs (x_f__mutmut_orig vs x_f__mutmut_7): not a change
    beda = [(x, y) for x, y in zip(a, m) if x.string != y.string and "__mutmut_" not in x.string]
    if not beda:
        return False
    raise_baris = _string_dalam_raise(asli)
    for x, y in beda:
        # a message literal replaced by another literal or by None
        if x.type != tokenize.STRING or not (y.type == tokenize.STRING or y.string == "None"):
            return False
        awalan = x.string[: len(x.string) - len(x.string.lstrip("rRbBuUfF"))].lower()
        isi = x.string[len(awalan) :].strip("'\"")
        if not ("f" in awalan or " " in isi or x.start[0] in raise_baris):
            return False
    return True


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("pola", nargs="*", help='glob nama mutan, mis. "app.rules.nip*" (bawaan: semua)')
    ap.add_argument("--tanpa-run", action="store_true", help="jangan menjalankan mutmut; baca hasil terakhir")
    ap.add_argument("--max-children", default="2", help="proses paralel mutmut (bawaan 2)")
    args = ap.parse_args(argv)
    os.chdir(AKAR)

    if not args.tanpa_run:
        perintah = [*_mutmut(), "run", "--max-children", args.max_children, *args.pola]
        print("$", " ".join(perintah), flush=True)
        r = subprocess.run(perintah, stdout=subprocess.DEVNULL)
        if r.returncode not in (0, 1):
            print(f"mutmut run gagal (kode {r.returncode}).", file=sys.stderr)
            return r.returncode

    status = _status()
    if args.pola:
        status = {k: v for k, v in status.items() if any(fnmatch.fnmatchcase(k, p) for p in args.pola)}
    if not status:
        print("Tidak ada hasil mutasi; jalankan tanpa --tanpa-run.", file=sys.stderr)
        return 2

    ekuivalen = _baca_ekuivalen()
    sumber = _Sumber()
    per_modul: dict[str, Counter] = defaultdict(Counter)
    gagal: list[tuple[str, str]] = []
    for nama, kode in sorted(status.items()):
        modul = nama.rpartition(".")[0]
        c = per_modul[modul]
        c["total"] += 1
        if kode in TERBUNUH or kode in WAKTU_HABIS:
            c["terbunuh"] += 1
        elif kode is None:
            c["belum"] += 1
        elif kode in SELAMAT:
            pas = sumber.pasangan(nama)
            if any(fnmatch.fnmatchcase(nama, pola) for pola in ekuivalen):
                c["ekuivalen"] += 1
            elif pas and hanya_teks(*pas):
                c["teks"] += 1
            else:
                c["selamat"] += 1
                diff = "".join(
                    difflib.unified_diff(
                        (pas[0] if pas else "").splitlines(True), (pas[1] if pas else "").splitlines(True), n=0
                    )
                )
                gagal.append((nama, "\n".join(diff.splitlines()[2:])))
        else:
            c["terbunuh"] += 1  # suspicious/segfault: the test run noticed the mutant

    print(f"\n{'modul':<28}{'terbunuh':>9}{'total':>7}{'teks':>6}{'ekuiv':>6}{'selamat':>8}{'belum':>6}")
    jumlah = Counter()
    for modul, c in sorted(per_modul.items()):
        jumlah.update(c)
        print(
            f"{modul:<28}{c['terbunuh']:>9}{c['total']:>7}{c['teks']:>6}{c['ekuivalen']:>6}{c['selamat']:>8}{c['belum']:>6}"
        )
    t = jumlah
    print(
        f"{'JUMLAH':<28}{t['terbunuh']:>9}{t['total']:>7}{t['teks']:>6}{t['ekuivalen']:>6}{t['selamat']:>8}{t['belum']:>6}"
    )
    diperiksa = t["total"] - t["belum"]
    if diperiksa:
        print(
            f"\nTerbunuh {t['terbunuh']}/{t['total']} ({100 * t['terbunuh'] / t['total']:.1f} %); "
            f"selamat karena hanya teks pesan/label: {t['teks']}; ekuivalen (daftar): {t['ekuivalen']}."
        )
    for nama, diff in gagal:
        print(f"\nSELAMAT {nama}\n{diff}")
    if t["belum"]:
        print(f"\n{t['belum']} mutan belum diperiksa.", file=sys.stderr)
    if gagal:
        print(f"\n{len(gagal)} mutan yang mengubah perilaku selamat.", file=sys.stderr)
        return 1
    return 1 if t["belum"] else 0


if __name__ == "__main__":
    sys.exit(main())
