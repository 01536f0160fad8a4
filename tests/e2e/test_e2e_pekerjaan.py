"""Browser: a long import and a big export run as background jobs; the progress page polls to 100 %.

Its own server with EKSPOR_LATAR_AMBANG=0, so every register export takes the background path.
"""

import io

import pytest
from openpyxl import Workbook

from tests.e2e.conftest import foto, masuk, mulai_server

BARIS_IMPOR = 3000


@pytest.fixture(scope="module")
def server_latar():
    yield from mulai_server(EKSPOR_LATAR_AMBANG="0")


@pytest.fixture()
def hal(browser, server_latar):
    ctx = browser.new_context(base_url=server_latar, locale="id-ID", accept_downloads=True)
    page = ctx.new_page()
    yield page
    ctx.close()


def _berkas_unit(tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.append(["kode", "nama", "jenis", "kode_induk", "mandiri", "sekretariat", "tim_kota"])
    for i in range(BARIS_IMPOR):
        ws.append([f"E2E.{i:05d}", f"Unit Uji Latar {i}", "seksi", None, "Tidak", "Tidak", "Tidak"])
    path = tmp_path / "unit-latar.xlsx"
    wb.save(path)
    return path


def _tunggu_100(hal):
    hal.wait_for_function(
        "() => { const b = document.getElementById('pekerjaan-bar');"
        "        return b && b.getAttribute('aria-valuenow') === '100' && "
        "               document.getElementById('pekerjaan').getAttribute('data-akhir') === 'ya'; }",
        timeout=120000,
    )


def test_impor_besar_dengan_bilah_kemajuan(hal, tmp_path):
    masuk(hal, "operator")
    hal.goto("/impor/")
    hal.select_option("#jenis", "unit_kerja")
    hal.set_input_files("#berkas", str(_berkas_unit(tmp_path)))
    hal.click("button[type=submit]")
    hal.wait_for_url("**/pekerjaan/*")
    # the page answered before the job ended or just after: either way it must end at 100 % by itself
    _tunggu_100(hal)
    teks = hal.inner_text("body")
    assert f"Impor Unit Kerja berhasil: {BARIS_IMPOR} ditambah, 0 diperbarui." in teks
    assert "Selesai" in hal.inner_text("#pekerjaan-status")
    foto(hal, "pekerjaan-impor-selesai")


def test_ekspor_latar_dipantau_lalu_diunduh(hal):
    masuk(hal, "operator")
    hal.goto("/pegawaiview/list/")
    hal.click("#unduh-excel")
    hal.wait_for_url("**/pekerjaan/*")
    awal = hal.get_attribute("#pekerjaan-bar", "aria-valuenow")
    _tunggu_100(hal)
    assert int(awal) <= 100
    foto(hal, "pekerjaan-ekspor-selesai")
    with hal.expect_download() as dl:
        hal.click("#pekerjaan-unduh")
    assert dl.value.suggested_filename.endswith(".xlsx")
    isi = dl.value.path().read_bytes()
    from openpyxl import load_workbook

    ws = load_workbook(io.BytesIO(isi)).active
    assert ws.max_row > 100  # 120 demo employees (and more) below the title block
    # another user gets 404 for the same job page
    url = hal.url
    hal.goto("/logout/")
    masuk(hal, "pegawai")
    r = hal.goto(url)
    assert r.status == 404


def test_select2_berbahasa_indonesia(hal):
    """FAB's own non-AJAX Select2 (ab.js hard-codes English) speaks Indonesian; our AJAX ones are named."""
    masuk(hal, "operator")
    hal.goto("/unitkerjaview/add")
    kotak = "select#instansi ~ span.select2 .select2-selection"
    assert "Select" not in hal.inner_text(kotak)
    hal.click(kotak)
    hal.keyboard.type("zzzzzz-tidak-ada")
    hal.wait_for_selector(".select2-results__message", timeout=20000)
    assert hal.inner_text(".select2-results__message").strip() == "Tidak ditemukan"
    assert hal.get_attribute(kotak, "aria-label") == "Instansi"
    hal.keyboard.press("Escape")
    hal.goto("/pegawaiview/add")
    assert hal.get_attribute("select#unit_kerja ~ span.select2 .select2-selection", "aria-label"), (
        "kotak Select2 tanpa nama aksesibel"
    )
    foto(hal, "select2-indonesia")
