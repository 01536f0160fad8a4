"""List parameters are client input (``app/views/parameter.py``, ``app/api/parameter.py``): the policy, asserted
on concrete lists — sorting by a hidden (confidential) column is ignored, malformed paging falls back to the
defaults, an impossible filter value is 400, and no view or API may offer a confidential column at all."""

from __future__ import annotations

import re

import pytest


def _order_by(statements) -> list[str]:
    return [s.split("ORDER BY", 1)[1] for s in statements if "ORDER BY" in s]


def test_urut_kolom_rahasia_diabaikan(login, hitung_sql):
    """``_oc_KonselingView=hasil`` must not order the daftar by the confidential result (order = oracle);
    the same mechanism does order by a column the list shows."""
    pyb = login("pyb")
    pyb.get("/konseling/list/")
    with hitung_sql() as h:
        r = pyb.get("/konseling/list/?_oc_KonselingView=hasil&_od_KonselingView=asc")
    assert r.status_code == 200
    assert not any("hasil" in o for o in _order_by(h.statements)), _order_by(h.statements)
    with hitung_sql() as h:
        r = pyb.get("/konseling/list/?_oc_KonselingView=status&_od_KonselingView=asc")
    assert r.status_code == 200 and any("konseling.status" in o for o in _order_by(h.statements))
    # B.1.10 content is never a sort key or a filter either
    for arg in (
        "_oc_LaporanPerilakuView=permasalahan&_od_LaporanPerilakuView=desc",
        "_flt_0_permasalahan=a&_flt_2_retrospektif=b",
    ):
        with hitung_sql() as h:
            r = pyb.get(f"/laporanperilaku/list/?{arg}")
        assert r.status_code == 200
        pola = re.compile(r"(WHERE|ORDER BY)((?!SELECT|FROM).)*(permasalahan|retrospektif)", re.S)
        assert not any(pola.search(s) for s in h.statements), arg


def test_urut_kolom_tidak_tampil_diabaikan(login, hitung_sql):
    """Only sortable columns that the list shows: ``penilai_id`` exists on SKP but is not a list column."""
    c = login("admin")
    with hitung_sql() as h:
        r = c.get("/skp/list/?_oc_SKPView=penilai_id&_od_SKPView=asc")
    assert r.status_code == 200 and not any("penilai_id" in o for o in _order_by(h.statements))


def test_halaman_rusak_kembali_ke_bawaan(login):
    c = login("admin")
    bawaan = c.get("/skp/list/").get_data(as_text=True)
    for arg in (
        "page_SKPView=abc",
        "page_SKPView=-1",
        "page_SKPView=99999999999999999999",
        "psize_SKPView=abc",
        "psize_SKPView=-5",
        "psize_SKPView=100000",
        "_oc_SKPView=zzz&_od_SKPView=asc",
        "_oc_SKPView=tahun&_od_SKPView=zzz",
        "_flt_9_tahun=1",
        "_flt_0_zzz=1",
    ):
        r = c.get(f"/skp/list/?{arg}")
        assert r.status_code == 200, arg
        assert r.get_data(as_text=True).count("<tr") == bawaan.count("<tr"), arg
    # page size is capped at FAB's largest menu value (100): -5 used to mean "no LIMIT" on SQLite
    assert c.get("/skp/list/?psize_SKPView=100").get_data(as_text=True).count("<tr") <= 101 + 1


@pytest.mark.parametrize(
    "arg",
    [
        "_flt_0_tahun=99999999999999999999",
        "_flt_1_tahun=2147483648",
        "_flt_0_pegawai=abc",
        "_flt_0_pegawai=99999999999",
        "_flt_0_status=a%00b",
        "_flt_1_pegawai_nama=a%5C",
    ],
)
def test_nilai_filter_mustahil_400(login, arg):
    r = login("admin").get(f"/skp/list/?{arg}")
    assert r.status_code == 400
    assert "Nilai filter tidak valid untuk kolom" in r.get_data(as_text=True)
    # the export reads the same parameters
    assert login("admin").get(f"/skp/ekspor/?{arg}").status_code == 400


def test_kolom_rahasia_ditolak_saat_mulai(app):
    """A view or API that offers a confidential column for searching/sorting does not start."""
    from flask_appbuilder.models.sqla.interface import SQLAInterface

    from app.api.master import ScopedApi
    from app.views.pelaksanaan import KonselingView
    from schema.models import Konseling, LaporanPerilaku

    class BocorView(KonselingView):
        search_columns = ["status", "hasil"]

    class BocorUrutView(KonselingView):
        order_columns = ["status", "hasil"]

    class BocorApi(ScopedApi):
        resource_name = "bocor"
        datamodel = SQLAInterface(LaporanPerilaku)
        list_columns = ["id", "tanggal"]
        search_columns = ["permasalahan"]

    with app.app_context():
        for kelas in (BocorView, BocorUrutView, BocorApi):
            with pytest.raises(RuntimeError, match="kolom rahasia"):
                kelas()
        assert Konseling.__tablename__ == "konseling"
