"""Browser: a surname typed in the list's quick search box finds the person; a middle name typed in a form's
people lookup offers the person with their unit ("Nama (NIP) — Unit")."""

from __future__ import annotations

import re

import pytest

from tests.e2e.conftest import foto, masuk

LABEL = re.compile(r"^(?P<nama>.+) \((?P<nip>\d{18})\)(?: — (?P<unit>.+))?$")


def _orang(page, url: str, syarat) -> dict:
    """The first option of a lookup (labels "Nama (NIP) — Unit") whose parts satisfy ``syarat``."""
    for nomor in range(1, 11):
        d = page.request.get(f"{url}?q=&page={nomor}").json()
        for x in d["results"]:
            m = LABEL.match(x["text"])
            if m and m["unit"] and syarat(m["nama"].split()):
                return {**m.groupdict(), "label": x["text"]}
        if not d["pagination"]["more"]:
            break
    pytest.skip("data demo tanpa pegawai yang cocok")


def test_cari_cepat_nama_belakang(halaman):
    masuk(halaman, "operator")
    orang = _orang(halaman, "/skp/pilihan_pegawai/", lambda k: len(k) >= 2 and len(k[-1]) >= 4)
    belakang = orang["nama"].split()[-1]
    halaman.goto("/pegawaiview/list/")
    halaman.fill("#cari-cepat", belakang)
    halaman.press("#cari-cepat", "Enter")
    halaman.wait_for_load_state("networkidle")
    assert f"q={belakang}" in halaman.url
    assert halaman.locator(f"table tbody tr:has-text('{orang['nip']}')").count() == 1
    assert halaman.input_value("#cari-cepat") == belakang
    foto(halaman, "cari-cepat-nama-belakang")


def test_lookup_nama_tengah_dengan_unit(halaman):
    masuk(halaman, "operator")
    orang = _orang(halaman, "/skp/pilihan_pegawai/", lambda k: len(k) >= 3 and len(k[1]) >= 3)
    tengah = orang["nama"].split()[1]
    halaman.goto("/skp/buat/")
    halaman.click("select#pegawai ~ span.select2 .select2-selection")
    halaman.keyboard.type(tengah)
    # the unfiltered first page may arrive after the filtered one: wait until the person's full label shows
    halaman.wait_for_function(
        """(label) => [...document.querySelectorAll('.select2-results__option')]
                         .some(e => e.innerText.trim() === label)""",
        arg=orang["label"],
        timeout=20000,
    )
    assert orang["unit"] in halaman.inner_text(".select2-results")
    foto(halaman, "lookup-nama-tengah-unit")
