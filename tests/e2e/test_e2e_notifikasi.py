"""Browser: the navbar bell fetches its unread count after the page (CSP allows it) and leads to the list."""

from tests.e2e.conftest import masuk


def test_lonceng_memuat_jumlah(halaman):
    page = halaman
    with page.expect_response(lambda r: "/notifikasi/jumlah" in r.url) as info:
        masuk(page, "pegawai")
    r = info.value
    assert r.status == 200 and isinstance(r.json()["belum_dibaca"], int)
    jumlah = r.json()["belum_dibaca"]
    lencana = page.locator("#jumlah-notifikasi")
    if jumlah:
        assert lencana.inner_text().strip() == (str(jumlah) if jumlah < 100 else "99+")
    else:
        assert not lencana.is_visible()
    page.click("#lonceng-notifikasi")
    page.wait_for_load_state("networkidle")
    assert page.url.rstrip("/").endswith("/notifikasi")
    assert "Notifikasi" in page.inner_text("h1")
