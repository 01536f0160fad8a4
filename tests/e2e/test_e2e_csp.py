"""Browser: the nonce CSP (no 'unsafe-inline' script) blocks nothing of ours and the pages' JavaScript still
works — FAB's list actions and confirmation dialog, Select2 AJAX lookups, and the listeners that replaced our
inline handlers (print, confirm) — for admin, pegawai and penilai. The HTTP side is tests/keamanan/test_header.py.

Every CSP violation is collected twice: the page's ``securitypolicyviolation`` events (reported to the test
through an exposed function, across navigations) and Chromium's "Refused to …" console messages.
"""

from __future__ import annotations

import pytest

from tests.e2e.conftest import foto, masuk

LAPOR = """
document.addEventListener("securitypolicyviolation", function (e) {
  window.laporCsp([e.violatedDirective, e.blockedURI, e.sourceFile + ":" + e.lineNumber, e.sample].join(" | "));
});
"""


@pytest.fixture()
def hal(browser, server):
    ctx = browser.new_context(base_url=server, locale="id-ID")
    pelanggaran: list[str] = []
    galat: list[str] = []
    ctx.expose_function("laporCsp", lambda teks: pelanggaran.append(teks))
    ctx.add_init_script(LAPOR)
    page = ctx.new_page()
    page.on(
        "console",
        lambda m: (
            pelanggaran.append("console: " + m.text)
            if "Content Security Policy" in m.text or m.text.startswith("Refused to")
            else None
        ),
    )
    page.on("pageerror", lambda e: galat.append(str(e)))
    page.pelanggaran, page.galat = pelanggaran, galat
    yield page
    ctx.close()


def _bersih(page, konteks: str) -> None:
    page.wait_for_timeout(300)  # violation events are dispatched asynchronously
    assert not page.pelanggaran, (konteks, page.pelanggaran)
    assert not page.galat, (konteks, page.galat)


def _select2_ajax_terbuka(page, select: str) -> list[str]:
    """Open the Select2 of ``select`` (AJAX mode) and return the options the lookup endpoint delivered."""
    page.click(f"{select} ~ span.select2 .select2-selection")
    page.wait_for_selector(".select2-container--open .select2-results__option:not(.loading-results)", timeout=20000)
    return [t.strip() for t in page.locator(".select2-container--open .select2-results__option").all_inner_texts()]


def test_csp_ditegakkan_dan_terdeteksi(hal):
    """Control: the detector is not blind — a script injected without the nonce is blocked and reported."""
    masuk(hal, "pegawai")
    hal.goto("/skp/list/")
    hal.evaluate("""() => { const s = document.createElement('script');
                            s.textContent = 'window.__disuntik = 1'; document.head.appendChild(s); }""")
    hal.wait_for_timeout(300)
    assert hal.evaluate("() => window.__disuntik") is None
    assert any("script-src" in p for p in hal.pelanggaran), hal.pelanggaran


def test_admin_daftar_formulir_ajax_dan_dialog_konfirmasi(hal):
    masuk(hal, "admin")
    _bersih(hal, "beranda")

    # list page: FAB's inline (nonce) scripts wire the delete button to the confirmation dialog
    hal.goto("/pegawaiview/list/")
    hal.locator("a.confirm[id^='btn-delete-']").first.click()
    hal.wait_for_selector("#modal-confirm", state="visible")
    assert "hapus" in hal.inner_text("#modal-confirm .modal-body").lower()
    hal.click("#modal-confirm button[data-dismiss=modal]")
    hal.wait_for_selector("#modal-confirm", state="hidden")
    _bersih(hal, "daftar pegawai")

    # a list action with confirmation (Actions menu → dialog with the action's text); cancelled, nothing signed
    hal.goto("/evaluasi/list/")
    hal.locator("input.action_check").first.check()
    hal.click("button.dropdown-toggle:has-text('Aksi')")
    hal.click("a.tetapkan_menu_item")
    hal.wait_for_selector("#modal-confirm", state="visible")
    assert "Tandatangani evaluasi draf yang dipilih?" in hal.inner_text("#modal-confirm .modal-text")
    foto(hal, "csp-dialog-konfirmasi-aksi")
    hal.click("#modal-confirm button[data-dismiss=modal]")
    hal.wait_for_selector("#modal-confirm", state="hidden")
    assert "/evaluasi/list" in hal.url
    _bersih(hal, "daftar evaluasi")

    # add form: the Select2 AJAX lookup opens and shows the endpoint's results
    hal.goto("/pegawaiview/add")
    hasil = _select2_ajax_terbuka(hal, "select#unit_kerja")
    assert hasil and hasil[0] not in ("Tidak ditemukan", "Hasil tidak dapat dimuat."), hasil
    hal.keyboard.press("Escape")
    _bersih(hal, "tambah pegawai")

    # edit form: the same, and the datepicker (FAB JS) is alive
    hal.goto("/pegawaiview/list/")
    hal.goto(hal.locator("a[href*='/pegawaiview/edit/']").first.get_attribute("href"))
    hasil = _select2_ajax_terbuka(hal, "select#jabatan")
    assert hasil and hasil[0] not in ("Tidak ditemukan", "Hasil tidak dapat dimuat."), hasil
    foto(hal, "csp-ubah-pegawai-select2")
    _bersih(hal, "ubah pegawai")

    # the period picker of the B.1.x record, formerly onchange="this.form.submit()": a listener in kinerja.js
    hal.goto("/pelaksanaan/skp/")
    skp = hal.evaluate("""() => [...document.querySelectorAll('a')].map(a => a.getAttribute('href'))
                                 .find(h => /^\\/pelaksanaan\\/skp\\/\\d+$/.test(h || ''))""")
    assert skp, "tidak ada SKP di /pelaksanaan/skp/"
    hal.goto(skp + "/rekam")
    nilai = hal.locator("select[data-kirim-saat-berubah] option").nth(1).get_attribute("value")
    with hal.expect_navigation():
        hal.select_option("select[data-kirim-saat-berubah]", nilai)
    assert f"periode={nilai}" in hal.url, hal.url
    _bersih(hal, "rekam B.1.x")

    # Swagger UI (its bundle and its nonce inline start-up script) renders the API document
    hal.goto("/swagger/v1")
    hal.wait_for_selector(".opblock", timeout=30000)
    _bersih(hal, "swagger")


def test_pegawai_daftar_formulir_ajax_dan_cetak(hal):
    masuk(hal, "pegawai")
    _bersih(hal, "beranda")

    # list page with the filter form: FAB's filter script (nonce) clones a row whose Select2 is AJAX
    hal.goto("/skp/list/")
    assert hal.locator("table").count() >= 1
    _bersih(hal, "daftar SKP")

    # add form with Select2 AJAX fields
    hal.goto("/timpemantau/add")
    select = hal.locator("select.kinerja-ajax").first.get_attribute("id")
    hasil = _select2_ajax_terbuka(hal, f"select#{select}")
    assert hasil, hasil
    hal.keyboard.press("Escape")
    foto(hal, "csp-pegawai-select2")
    _bersih(hal, "tambah tim pemantau")

    # the print button, formerly onclick="window.print()", now a listener in kinerja.js
    hal.goto("/skp/list/")
    lihat = hal.locator("a[href*='/skp/show/']").first.get_attribute("href")
    hal.goto(lihat.replace("/skp/show/", "/skp/cetak/"))
    hal.evaluate("() => { window.__dicetak = 0; window.print = () => { window.__dicetak += 1; }; }")
    hal.click("button[data-cetak]")
    assert hal.evaluate("() => window.__dicetak") == 1
    _bersih(hal, "cetak SKP")


def test_penilai_konfirmasi_tanpa_onclick(hal):
    """The signing button's confirm(), formerly an onclick attribute: cancelling keeps the page, no POST."""
    masuk(hal, "penilai")
    hal.goto("/bimbingan/list/")
    hal.locator("a[href*='/bimbingan/show/']").first.click()
    hal.wait_for_load_state("networkidle")
    tombol = hal.locator("button[data-konfirmasi]")
    if not tombol.count():
        pytest.skip("tidak ada rekaman bimbingan yang belum ditandatangani penilai demo")
    pesan: list[str] = []

    def tolak(d):
        pesan.append(d.message)
        d.dismiss()

    hal.once("dialog", tolak)
    url = hal.url
    post: list[str] = []
    hal.on("request", lambda r: post.append(r.url) if r.method == "POST" else None)
    tombol.first.click()
    hal.wait_for_timeout(500)
    assert pesan and pesan[0].startswith("Tandatangani"), pesan
    assert hal.url == url and not post, post
    _bersih(hal, "bimbingan")
