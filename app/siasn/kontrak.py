"""The SIASN contract (``kontrak.json``) and a checker of payloads against it.

Pure Python (no Flask, no HTTP library): the client, the downloadable payloads and the loopback test server
(tests/siasn_server.py) all check the same file, so a field renamed after BKN's sandbox is renamed once.
``periksa`` answers with Indonesian messages naming each bad, missing or extra field; an empty list means valid.
"""

from __future__ import annotations

import copy
import json
import re
from functools import cache
from pathlib import Path
from typing import Any

BERKAS = Path(__file__).with_name("kontrak.json")

# JSON type name → Python types accepted; bool is excluded from the numbers explicitly (bool is an int in Python)
_TIPE: dict[str, tuple[type, ...]] = {
    "string": (str,),
    "integer": (int,),
    "number": (int, float),
    "boolean": (bool,),
    "array": (list,),
    "object": (dict,),
}

# Python type → JSON type name, in the order to test them (bool before int)
_NAMA_TIPE: tuple[tuple[str, type], ...] = (
    ("boolean", bool),
    ("integer", int),
    ("number", float),
    ("string", str),
    ("array", list),
    ("object", dict),
)


@cache
def _kontrak() -> dict[str, Any]:
    with BERKAS.open(encoding="utf-8") as f:
        isi: dict[str, Any] = json.load(f)
    return isi


def muat() -> dict[str, Any]:
    """The whole contract, as a fresh copy the caller may change."""
    return copy.deepcopy(_kontrak())


def nama_endpoint() -> list[str]:
    return list(_kontrak()["endpoint"])


def endpoint(nama: str) -> dict[str, Any]:
    """The description of one endpoint (copy); unknown names are a programming error."""
    try:
        return copy.deepcopy(_kontrak()["endpoint"][nama])
    except KeyError:
        raise KeyError(f"endpoint SIASN tidak dikenal: {nama!r}") from None


def jalur(nama: str, **parameter: str) -> str:
    """The path of an endpoint with its path parameters filled in (``jalur("data_utama", nipBaru=...)``)."""
    return str(endpoint(nama)["path"]).format(**parameter)


def nama_tipe(nilai: Any) -> str:
    """The JSON type name of a decoded value (``null`` for None, ``boolean`` before ``integer``)."""
    if nilai is None:
        return "null"
    for nama, jenis in _NAMA_TIPE:
        if isinstance(nilai, jenis):
            return nama
    return type(nilai).__name__


def _tipe_cocok(nilai: Any, tipe: str) -> bool:
    if isinstance(nilai, bool):
        return tipe == "boolean"
    return isinstance(nilai, _TIPE[tipe])


def _periksa_nilai(spek: dict[str, Any], nilai: Any, nama: str) -> list[str]:
    """Errors of one present value against its field description (recursing into arrays and objects)."""
    if nilai is None:
        return [] if spek.get("null", False) else [f"Field '{nama}' tidak boleh null."]
    tipe = spek["tipe"]
    if not _tipe_cocok(nilai, tipe):
        return [f"Field '{nama}' harus bertipe {tipe} (diterima {nama_tipe(nilai)})."]
    if tipe == "object":
        return _periksa_objek(spek, nilai, nama)
    if tipe == "array":
        galat: list[str] = []
        for i, isi in enumerate(nilai):
            galat += _periksa_nilai(spek["item"], isi, f"{nama}[{i}]") if "item" in spek else []
        return galat
    return _periksa_skalar(spek, nilai, nama)


def _periksa_skalar(spek: dict[str, Any], nilai: Any, nama: str) -> list[str]:
    if "pilihan" in spek and nilai not in spek["pilihan"]:
        daftar = ", ".join(json.dumps(p) for p in spek["pilihan"])
        return [f"Field '{nama}' bernilai {json.dumps(nilai)}, harus salah satu dari {daftar}."]
    if isinstance(nilai, str):
        if not nilai.strip() and not spek.get("kosong", True):
            return [f"Field '{nama}' tidak boleh kosong."]
        if "pola" in spek and nilai and not re.fullmatch(spek["pola"], nilai):
            return [f"Field '{nama}' bernilai {json.dumps(nilai)}, tidak sesuai pola {spek['pola']}."]
        return []
    bawah, atas = spek.get("min"), spek.get("maks")
    if (bawah is not None and nilai < bawah) or (atas is not None and nilai > atas):
        batas = (
            f"antara {bawah} dan {atas}"
            if bawah is not None and atas is not None
            else (f"minimal {bawah}" if bawah is not None else f"maksimal {atas}")
        )
        return [f"Field '{nama}' bernilai {nilai}, harus {batas}."]
    return []


def _periksa_objek(spek: dict[str, Any], nilai: dict[Any, Any], awalan: str) -> list[str]:
    isi: dict[str, Any] = spek.get("isi", {})
    galat: list[str] = []
    for kunci, sub in isi.items():
        nama = f"{awalan}.{kunci}" if awalan else kunci
        if kunci in nilai:
            galat += _periksa_nilai(sub, nilai[kunci], nama)
        elif sub.get("wajib", True):
            galat.append(f"Field '{nama}' wajib ada.")
    if not spek.get("tambahan_boleh", False):
        for kunci in nilai:
            if kunci not in isi:
                nama = f"{awalan}.{kunci}" if awalan else str(kunci)
                galat.append(f"Field '{nama}' tidak dikenal.")
    return galat


def _aturan_periode_urut(data: dict[str, Any]) -> list[str]:
    """A periodic evaluation cannot end before it starts (only once the four fields are themselves valid)."""
    kunci = ("tahunMulaiPenilaian", "bulanMulaiPenilaian", "tahunSelesaiPenilaian", "bulanSelesaiPenilaian")
    nilai = [data.get(k) for k in kunci]
    if not all(isinstance(v, int) and not isinstance(v, bool) for v in nilai):
        return []
    if (nilai[0], nilai[1]) > (nilai[2], nilai[3]):
        return ["Periode penilaian berakhir sebelum dimulai (bulanSelesaiPenilaian/tahunSelesaiPenilaian)."]
    return []


def _aturan_penilai_asn_ber_nip(data: dict[str, Any]) -> list[str]:
    """An ASN evaluator is identified by NIP; only a NON ASN one (the Kepala Daerah, R15) has none."""
    if data.get("statusPenilai") == "ASN" and isinstance(data.get("penilaiNipNrp"), str):
        if not data["penilaiNipNrp"].strip():
            return ["Field 'penilaiNipNrp' wajib diisi untuk penilai berstatus ASN."]
    return []


_ATURAN = {"periode_urut": _aturan_periode_urut, "penilai_asn_ber_nip": _aturan_penilai_asn_ber_nip}


def periksa(nama: str, payload: Any) -> list[str]:
    """Errors of a request payload: the JSON/form body of a POST endpoint, the path parameters of a GET one."""
    spek = _kontrak()["endpoint"].get(nama)
    if spek is None:
        raise KeyError(f"endpoint SIASN tidak dikenal: {nama!r}")
    if not isinstance(payload, dict):
        return [f"Badan permintaan harus objek JSON (diterima {nama_tipe(payload)})."]
    isi = spek["badan"] if "badan" in spek else spek.get("parameter", {})
    galat = _periksa_objek({"tipe": "object", "isi": isi}, payload, "")
    if not galat:
        for aturan in spek.get("aturan", []):
            galat += _ATURAN[aturan](payload)
    return galat


def periksa_respons(nama: str, badan: Any) -> list[str]:
    """Errors of a successful response body (extra keys are allowed where SIASN sends more than we read)."""
    spek = _kontrak()["endpoint"].get(nama)
    if spek is None:
        raise KeyError(f"endpoint SIASN tidak dikenal: {nama!r}")
    if not isinstance(badan, dict):
        return [f"Badan respons harus objek JSON (diterima {nama_tipe(badan)})."]
    return _periksa_objek(spek["respons"], badan, "")
