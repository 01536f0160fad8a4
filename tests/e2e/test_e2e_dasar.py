"""Browser: each role logs in and sees its Indonesian menus; the AJAX unit picker works (11)."""

import pytest

from tests.e2e.conftest import foto, masuk

MENU = {
    "operator": ["Data Induk", "Pegawai"],
    "penilai": ["Bawahan Saya"],
    "pegawai": ["Profil Saya"],
    "pyb": ["Jejak Audit"],
}


@pytest.mark.parametrize("username", sorted(MENU))
def test_masuk_per_peran(halaman, username):
    masuk(halaman, username)
    assert "Selamat datang" in halaman.inner_text("body")
    menu = halaman.inner_text("nav") if halaman.locator("nav").count() else ""
    html = halaman.content()
    for m in MENU[username]:
        assert m in html, (username, m)
    assert "Search" not in menu
    foto(halaman, f"beranda-{username}")


def test_pemilih_unit_ajax(halaman):
    masuk(halaman, "operator")
    halaman.goto("/pegawaiview/add")
    halaman.click("select#unit_kerja ~ span.select2 .select2-selection")
    halaman.keyboard.type("Dinas")
    # the unfiltered first page may arrive after the filtered one: wait until the list shows only matches
    halaman.wait_for_function(
        """() => { const o = [...document.querySelectorAll('.select2-results__option:not(.loading-results)')]
                     .map(e => e.innerText.trim());
                   return o.length > 0 && o.every(t => t.startsWith('Dinas')); }""",
        timeout=20000,
    )
    foto(halaman, "pemilih-unit-ajax")


def test_ekspor_register_diunduh(halaman):
    masuk(halaman, "operator")
    halaman.goto("/pegawaiview/list/")
    with halaman.expect_download() as dl:
        halaman.click("#unduh-excel")
    assert dl.value.suggested_filename.endswith(".xlsx")
