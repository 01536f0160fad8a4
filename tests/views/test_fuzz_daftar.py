"""Fuzz of every HTML list's own query parameters: no hostile sort, page, page-size or filter value may answer 5xx.

Every registered FAB list view (``app.appbuilder.baseviews``: each resource of ``RESOURCES`` and FAB's own
security lists) is opened as Admin and as the demo ``pegawai`` with hostile ``_oc_<View>``/``_od_<View>``,
``page_<View>``, ``psize_<View>`` and ``_flt_<i>_<col>`` (every search column × every filter index of that
column in one request, per value; indexes past the column's filters; unknown and hidden columns). The
behaviour asserted per parameter is the one documented in ``app/views/parameter.py``.

Marked ``akhir`` so it runs after the tests that assert exact data (it only reads, but it is long).
"""

from __future__ import annotations

import time

import pytest
from flask_appbuilder.baseviews import BaseCRUDView

pytestmark = pytest.mark.akhir

NILAI = ["x", "99999999999999999999", "2147483648", "-1", "", "ñ'%😀\u202e", "1e5", "\x00", "x\\"]
HALAMAN = ["abc", "-1", "99999999999999999999", "1e3"]
UKURAN = ["abc", "-5", "99999999999999999999", "100000"]
URUT = ["zzz", "__class__", "pegawai.user.password", "hasil", ""]
ARAH = ["asc", "desc", "zzz"]


def _daftar(app):
    """(view, list URL) for every registered CRUD view that has a list page."""
    out = []
    with app.test_request_context():
        from flask import url_for

        for v in app.appbuilder.baseviews:
            if isinstance(v, BaseCRUDView):
                try:
                    out.append((v, url_for(f"{v.endpoint}.list")))
                except Exception:  # a CRUD view without a list route
                    continue
    return out


def _probe(view) -> list[dict]:
    n = view.__class__.__name__
    probes = [{f"_oc_{n}": oc, f"_od_{n}": ARAH[i % 2]} for i, oc in enumerate(URUT)]
    probes += [{f"_oc_{n}": (view.order_columns or ["id"])[0], f"_od_{n}": "zzz"}]
    probes += [{f"page_{n}": p} for p in HALAMAN]
    probes += [{f"psize_{n}": p} for p in UKURAN]
    probes += [{f"page_{n}": "99999999999999999999", f"psize_{n}": "100"}, {"xpage_y": "abc", "zpsize_": "q"}]
    semua = view._filters._all_filters
    for col in view.search_columns or []:
        jumlah = len(semua.get(col, []))
        for v in NILAI:  # every filter index of the column at once, one request per value
            probes.append({f"_flt_{i}_{col}": v for i in range(min(jumlah, 10))} or {f"_flt_0_{col}": v})
        # indexes past the column's filters (FAB's pattern reads one digit: 9 is the largest index)
        probes.append({f"_flt_{i}_{col}": "x" for i in sorted({min(jumlah, 9), min(jumlah + 1, 9), 9})})
    # columns that are not search columns: unknown, hidden, confidential
    for col in [
        "zzz",
        *[c for c in view.datamodel.get_columns_list() if c not in (view.search_columns or [])][:2],
        "hasil",
        "permasalahan",
    ]:
        probes.append({f"_flt_0_{col}": "99999999999999999999", f"_flt_1_{col}": "x", f"_flt_9_{col}": "x"})
    return probes


@pytest.fixture(scope="module")
def daftar(app):
    d = _daftar(app)
    assert len(d) >= 41, [u for _, u in d]
    return d


@pytest.mark.parametrize("pengguna", ["admin", "pegawai"])
def test_daftar_tanpa_kesalahan_server(login, daftar, pengguna):
    c = login(pengguna)
    mulai, jumlah, gagal, dilayani = time.monotonic(), 0, [], 0
    for view, url in daftar:
        r = c.get(url)
        if r.status_code != 200:  # not this user's list (403) or a list that redirects: one probe is enough
            assert r.status_code < 500, (url, r.status_code)
            jumlah += 1
            continue
        dilayani += 1
        for q in _probe(view):
            jumlah += 1
            try:  # TESTING propagates exceptions: an exception is what would have been a 500
                r = c.get(url, query_string=q)
            except Exception as e:  # noqa: BLE001
                gagal.append(f"{url} {q} → {type(e).__name__}: {str(e)[:120]}")
                continue
            if r.status_code >= 500:
                gagal.append(f"{url} {q} → {r.status_code}")
            else:
                assert r.status_code in (200, 400), (url, q, r.status_code)
    print(
        f"\n{pengguna}: {jumlah} permintaan fuzz atas {dilayani} daftar dalam {time.monotonic() - mulai:.1f} s; "
        f"{len(gagal)} ≥ 500"
    )
    assert dilayani >= (40 if pengguna == "admin" else 5)
    assert gagal == [], f"{len(gagal)} dari {jumlah}:\n" + "\n".join(gagal[:40])
