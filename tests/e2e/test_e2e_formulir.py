"""Browser: a refused form keeps what the user chose and typed (evaluation form, SKP page, "Buat SKP").

Before, a rating against the suggestion without a reason came back with both overall rating selects empty: the
refusal redirected to the page, which read the stored values. The HTTP side is tests/views/test_formulir_kembali.py.
Nothing here is saved by a refusal, so the demo rows other tests use are left as they were.
"""

from __future__ import annotations

import pytest

from tests.e2e.conftest import buka_evaluasi_draf, foto, masuk


def _klik(halaman, target):
    with halaman.expect_navigation():
        (halaman.locator(target) if isinstance(target, str) else target).click()


def _pesan_tolak(halaman) -> str:
    assert halaman.locator(".alert-danger").count(), halaman.inner_text("body")[:2000]
    return halaman.inner_text(".alert-danger")


def test_evaluasi_ditolak_rating_tetap(halaman):
    """Evaluator: every RHK rated, an overall work rating with its reason, a behaviour rating above the
    suggestion without a reason → refused (001 Lampiran "Evaluasi Kinerja" B.3); the selects, the box and the
    texts still hold the choices."""
    masuk(halaman, "penilai")
    buka_evaluasi_draf(halaman)
    rhk = halaman.locator("#form-penilaian select[name^=rating_rhk_]").all()
    nama_rhk = [s.get_attribute("name") for s in rhk]
    for i, sel in enumerate(rhk):
        sel.select_option("diatas" if i % 2 == 0 else "sesuai")
    halaman.select_option("#rating_hasil_kerja", "sesuai")
    halaman.fill("textarea[name=alasan_rating_hasil_kerja]", "Capaian sesuai target yang disepakati (uji e2e).")
    halaman.check("input[name=konsisten]")
    halaman.uncheck("input[name=penjaga_nilai]")  # consistent, not a guardian → suggestion Sesuai Ekspektasi (R4)
    halaman.select_option("#rating_perilaku", "diatas")  # above it, and no reason
    halaman.fill("textarea[name=alasan_rating_perilaku]", "")
    catatan = halaman.locator("textarea[name^=catatan_perilaku_]").first
    catatan.fill("Berorientasi pelayanan, tuntas menanggapi pengaduan (uji e2e).")
    halaman.fill("textarea[name=catatan_rekomendasi]", "Ikutkan pelatihan analisis kebijakan (uji e2e).")
    _klik(halaman, "#simpan")
    assert "Rating perilaku kerja berbeda dari saran sistem" in _pesan_tolak(halaman)
    foto(halaman, "formulir-evaluasi-ditolak")
    assert halaman.locator("#rating_hasil_kerja").input_value() == "sesuai"
    assert halaman.locator("#rating_perilaku").input_value() == "diatas"
    for i, nama in enumerate(nama_rhk):
        assert halaman.locator(f"select[name={nama}]").input_value() == ("diatas" if i % 2 == 0 else "sesuai"), nama
    assert (
        halaman.input_value("textarea[name=alasan_rating_hasil_kerja]")
        == "Capaian sesuai target yang disepakati (uji e2e)."
    )
    assert (
        halaman.locator("textarea[name^=catatan_perilaku_]").first.input_value()
        == "Berorientasi pelayanan, tuntas menanggapi pengaduan (uji e2e)."
    )
    assert (
        halaman.input_value("textarea[name=catatan_rekomendasi]") == "Ikutkan pelatihan analisis kebijakan (uji e2e)."
    )
    assert halaman.is_checked("input[name=konsisten]") and not halaman.is_checked("input[name=penjaga_nilai]")


def test_skp_ditolak_isian_tetap(halaman):
    """SKP owner: "Buat SKP" refused for a year that already has one keeps year and approach; on the SKP page a
    new indicator without a target and a new RHK without its text are refused and their forms keep the rest."""
    masuk(halaman, "penilai")
    tahun = "2031"
    halaman.goto("/skp/buat/")
    halaman.fill("#tahun", tahun)
    halaman.select_option("#pendekatan", "kuantitatif")
    _klik(halaman, "#form-buat-skp button[type=submit]")
    if "/skp/show/" not in halaman.url:  # the e2e server was reused: the draft exists already
        pytest.skip("SKP uji sudah ada: " + _pesan_tolak(halaman))
    url_skp = halaman.url
    # the same year again: refused, the choices stay
    halaman.goto("/skp/buat/")
    halaman.fill("#tahun", tahun)
    halaman.select_option("#pendekatan", "kualitatif")
    _klik(halaman, "#form-buat-skp button[type=submit]")
    assert "sudah ada" in _pesan_tolak(halaman)
    assert halaman.input_value("#tahun") == tahun and halaman.input_value("#pendekatan") == "kualitatif"
    # an RHK is saved
    halaman.goto(url_skp)
    baru = halaman.locator("#susun-skp form[action$='/rhk/" + url_skp.rstrip("/").rsplit("/", 1)[-1] + "']").first
    baru.locator("textarea[name=uraian]").fill("Tersusunnya rencana kerja bidang (uji e2e)")
    _klik(halaman, baru.locator("button[type=submit]"))
    assert halaman.locator(".alert-danger").count() == 0, halaman.inner_text(".alert-danger")
    blok = halaman.locator("div.well[id^=rhk-]").first
    rhk_id = blok.get_attribute("id").removeprefix("rhk-")
    # a new indicator without a target: refused, the indicator form stays open and filled
    blok.locator("details:has(> summary:text-is('Tambah IKI')) > summary").click()
    iki = halaman.locator(f"form[action*='/iki/']:has(input[name=rhk_id][value='{rhk_id}'])").last
    iki.locator("input[name=uraian]").fill("Persentase dokumen tepat waktu (uji e2e)")
    pilihan = "aspek" if iki.locator("select[name=aspek]").count() else "perspektif"
    nilai_pilihan = iki.locator(f"select[name={pilihan}] option").nth(2).get_attribute("value")
    iki.locator(f"select[name={pilihan}]").select_option(nilai_pilihan)
    iki.locator("input[name=target_satuan]").fill("persen")
    _klik(halaman, iki.locator("button[type=submit]"))
    assert "Target wajib diisi" in _pesan_tolak(halaman)
    foto(halaman, "formulir-skp-ditolak")
    iki = halaman.locator(f"form[action*='/iki/']:has(input[name=rhk_id][value='{rhk_id}'])").last
    assert iki.is_visible()
    assert iki.locator("input[name=uraian]").input_value() == "Persentase dokumen tepat waktu (uji e2e)"
    assert iki.locator(f"select[name={pilihan}]").input_value() == nilai_pilihan
    assert iki.locator("input[name=target_satuan]").input_value() == "persen"
    # a new RHK without its text: the kind and the assigning position stay
    baru = halaman.locator("#susun-skp form[action$='/rhk/" + url_skp.rstrip("/").rsplit("/", 1)[-1] + "']").first
    baru.locator("select[name=jenis]").select_option("tambahan")
    baru.locator("input[name=penugasan_dari]").fill("Kepala Bidang Perencanaan")
    _klik(halaman, baru.locator("button[type=submit]"))
    _pesan_tolak(halaman)
    baru = halaman.locator("#susun-skp form[action$='/rhk/" + url_skp.rstrip("/").rsplit("/", 1)[-1] + "']").first
    assert baru.locator("select[name=jenis]").input_value() == "tambahan"
    assert baru.locator("input[name=penugasan_dari]").input_value() == "Kepala Bidang Perencanaan"
