"""Statement counts per request (issue 10): bounded and independent of the page size — no N+1."""
import pytest

BATAS = 6


@pytest.mark.parametrize("url, view", [
    ("/pegawaiview/list/", "PegawaiView"),
    ("/jabatanview/list/", "JabatanView"),
    ("/unitkerjaview/list/", "UnitKerjaView"),
])
def test_daftar_data_induk_tanpa_n_plus_1(login, hitung_sql, url, view):
    c = login("operator")
    c.get(url)  # warm-up (login/session bookkeeping)
    hasil = []
    for psize in (10, 100):
        with hitung_sql() as h:
            r = c.get(f"{url}?psize_{view}={psize}")
        assert r.status_code == 200
        hasil.append(h.n)
    assert hasil[0] == hasil[1], hasil
    assert hasil[1] <= BATAS, hasil
