"""Browser: at 1366×768 every demo role's navbar is one row (no wrapping before the content) and the user
menu shows the name (without FAB's "-" placeholder last name) and the role."""

import pytest

from seeds.pengguna import DEMO_USERS
from tests.e2e.conftest import foto, masuk

SATU_BARIS = 60  # px: Bootstrap's navbar row is 50 px (+ border); a second row would be ≥ 100


@pytest.fixture()
def halaman_1366(browser, server):
    ctx = browser.new_context(base_url=server, locale="id-ID", viewport={"width": 1366, "height": 768})
    page = ctx.new_page()
    yield page
    ctx.close()


@pytest.mark.parametrize("username", sorted(DEMO_USERS))
def test_navbar_satu_baris_1366(halaman_1366, username):
    page = halaman_1366
    masuk(page, username)
    tinggi = page.evaluate("() => document.querySelector('.navbar').getBoundingClientRect().height")
    lebar = page.evaluate("() => document.documentElement.scrollWidth")
    foto(page, f"navbar-1366-{username}")
    assert tinggi <= SATU_BARIS, (username, tinggi)
    assert lebar <= 1366, (username, lebar)
    pengguna = page.inner_text(".kinerja-pengguna").strip()
    assert not pengguna.endswith("-") and " - " not in pengguna, pengguna
    assert DEMO_USERS[username][0] == page.inner_text(".kinerja-peran").strip()
    print(username, tinggi, pengguna)
