"""A refused form comes back holding what the user typed and chose (evaluation form, SKP page, "Buat SKP").

Before: a refusal redirected to the page, which showed the stored values again — a rating against the suggestion
without a reason wiped both overall rating selects. Now the page is rendered again in the refused request with
the submitted values (``app/views/isian.py``); a stale form and a bare button still redirect.
Years 2044, 2045 and 2084 (SKP) are used by this module only.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest
from sqlalchemy import select

from schema.models import SKP, IndikatorKinerja, RencanaHasilKerja
from tests import bantu
from tests.bantu import Formulir


@pytest.fixture()
def login(login):
    return bantu.login_bersih(login)


def _form(html: str, awalan_aksi: str) -> dict[str, list[str]]:
    """The fields of the (first) form whose action starts with ``awalan_aksi``, as the browser would post them."""
    aksi = []

    class P(Formulir):
        def handle_starttag(self, tag, attrs):
            if tag == "form":
                aksi.append(dict(attrs).get("action") or "")
            super().handle_starttag(tag, attrs)

    p = P(html)
    for a, f in zip(aksi, p.forms):
        if a.startswith(awalan_aksi):
            return f
    raise AssertionError(f"tidak ada formulir {awalan_aksi}")


def test_evaluasi_ditolak_pilihan_tetap(login, db_session, hari):
    """A rating against the suggestion without a reason is refused (001 Lampiran "Evaluasi Kinerja" B.3); every
    select, box and text of the form still holds what the evaluator chose, nothing is written."""
    from tests.bantu import ev_buat, ev_muat

    db = db_session
    skp = bantu.skp_ditetapkan(db, 2044)
    hari(dt.date(2044, 6, 28))  # inside the evaluation window: the last working days of the period
    c = login("penilai")
    ev = ev_buat(c, db, skp, 2)
    url = f"/evaluasi/simpan/{ev.id}"
    form = _form(bantu.html(c.get(f"/evaluasi/show/{ev.id}")), url)
    data = {k: v for k, v in form.items() if k not in ("penjaga_nilai",)}
    rhk = [k for k in form if k.startswith("rating_rhk_")]
    catatan = [k for k in form if k.startswith("catatan_perilaku_")]
    assert len(rhk) == 2 and len(catatan) == 7
    data.update({k: "diatas" for k in rhk})  # saran hasil kerja: Di Atas (R3)
    data.update(
        rating_hasil_kerja="sesuai",
        alasan_rating_hasil_kerja="",  # against it, no reason → refused
        rating_perilaku="diatas",
        alasan_rating_perilaku="Menjadi teladan pelayanan di luar unit.",
        konsisten="1",
        catatan_rekomendasi="Ikutkan pelatihan analisis kebijakan.",
    )
    data[catatan[0]] = "Melayani dengan ramah dan tuntas."
    data[catatan[-1]] = "Terbuka terhadap kolaborasi lintas unit."
    r = c.post(url, data=data)
    assert r.status_code == 200, r.headers.get("Location")
    html = bantu.html(r)
    assert "Rating hasil kerja berbeda dari saran sistem" in html and "alasan wajib" in html
    kembali = _form(html, url)
    assert kembali["rating_hasil_kerja"] == ["sesuai"] and kembali["rating_perilaku"] == ["diatas"]
    assert all(kembali[k] == ["diatas"] for k in rhk)
    assert kembali["alasan_rating_perilaku"] == ["Menjadi teladan pelayanan di luar unit."]
    assert kembali["catatan_rekomendasi"] == ["Ikutkan pelatihan analisis kebijakan."]
    assert kembali[catatan[0]] == ["Melayani dengan ramah dan tuntas."]
    assert kembali[catatan[-1]] == ["Terbuka terhadap kolaborasi lintas unit."]
    assert kembali["konsisten"] == ["1"] and kembali["penjaga_nilai"] == []
    assert kembali["versi"] == [str(ev_muat(db, ev.id).versi)]
    e = ev_muat(db, ev.id)
    assert e.rating_hasil_kerja is None and e.rating_perilaku is None and e.catatan_rekomendasi is None
    # the same form with the reason saves, and the page shows what was saved
    kembali["alasan_rating_hasil_kerja"] = ["Kontribusi pada capaian unit masih terbatas."]
    r = c.post(url, data=kembali, follow_redirects=True)
    assert "Penilaian disimpan" in bantu.html(r)
    e = ev_muat(db, ev.id)
    assert (e.rating_hasil_kerja, e.rating_perilaku) == ("sesuai", "diatas")
    # a stale form still redirects: the page must show what the other user saved
    data["versi"] = "1"
    r = c.post(url, data=data)
    assert r.status_code == 302
    assert "Data telah diubah pengguna lain" in bantu.html(c.get(r.headers["Location"]))


def _buat_skp(c, db, tahun) -> SKP:
    r = c.post("/skp/buat/", data={"tahun": str(tahun), "pendekatan": "kuantitatif"})
    assert r.status_code == 302, bantu.html(r)[:2000]
    db.rollback()
    return db.get(SKP, int(re.search(r"/skp/show/(\d+)", r.headers["Location"]).group(1)))


def test_skp_ditolak_isian_tetap(login, db_session):
    """SKP page: an indicator without a target and an RHK without its text are refused; their forms (and only
    theirs) hold what was typed, opened; nothing is written. "Buat SKP" refused keeps year and approach."""
    db = db_session
    c = login("pegawai")
    skp = _buat_skp(c, db, 2045)
    r = c.post(
        f"/skp/rhk/{skp.id}",
        data={"jenis": "utama", "uraian": "Tersusunnya rencana kerja unit", "versi": skp.versi},
        follow_redirects=True,
    )
    assert "Rencana Hasil Kerja disimpan" in bantu.html(r)
    db.rollback()
    rhk = db.scalars(select(RencanaHasilKerja).where(RencanaHasilKerja.skp_id == skp.id)).one()
    versi = db.get(SKP, skp.id).versi
    # a new indicator: text, aspect and unit typed, the target forgotten
    url = f"/skp/iki/{skp.id}"
    r = c.post(
        url,
        data={
            "versi": versi,
            "rhk_id": rhk.id,
            "uraian": "Persentase dokumen tepat waktu",
            "aspek": "waktu",
            "target_nilai": "",
            "target_satuan": "persen",
            "target_teks": "",
        },
    )
    assert r.status_code == 200
    html = bantu.html(r)
    assert "Target wajib diisi" in html
    p = Formulir(html)
    iki = [f for f in p.forms if f.get("rhk_id") == [str(rhk.id)] and "aspek" in f]
    baru = [f for f in iki if f["uraian"] == ["Persentase dokumen tepat waktu"]]
    assert len(baru) == 1, iki
    assert baru[0]["aspek"] == ["waktu"] and baru[0]["target_satuan"] == ["persen"]
    assert re.search(r'<details style="margin-left:20px" open><summary>Tambah IKI', html)  # shown, not folded
    # the other forms of the page are untouched: the new-RHK form is empty
    rhk_baru = _form(html, f"/skp/rhk/{skp.id}")
    assert rhk_baru["uraian"] == [""]
    db.rollback()
    assert db.scalar(select(IndikatorKinerja.id).where(IndikatorKinerja.rhk_id == rhk.id)) is None
    # a new RHK without its text: the chosen kind and the assigning position come back
    r = c.post(
        f"/skp/rhk/{skp.id}",
        data={"versi": versi, "jenis": "tambahan", "uraian": "", "penugasan_dari": "Kepala Bidang Perencanaan"},
    )
    assert r.status_code == 200
    f = _form(bantu.html(r), f"/skp/rhk/{skp.id}")
    assert f["jenis"] == ["tambahan"] and f["penugasan_dari"] == ["Kepala Bidang Perencanaan"]
    # "Buat SKP" again for the same year is refused: the year and approach chosen stay
    r = c.post("/skp/buat/", data={"tahun": "2045", "pendekatan": "kualitatif"})
    assert r.status_code == 200
    f = Formulir(bantu.html(r)).dengan("pendekatan")
    assert f["tahun"] == ["2045"] and f["pendekatan"] == ["kualitatif"]
    # a workflow button with nothing typed still redirects (nothing to keep)
    r = c.post(f"/skp/tetapkan/{skp.id}", data={"versi": versi})
    assert r.status_code in (302, 403)


def test_keberatan_keputusan_ditolak_pilihan_tetap(login, db_session, hari):
    """The objection decision refused (explanations of both parties first, 001 Lampiran "Keberatan") keeps the
    chosen decision, the new predikat and the typed recommendation."""
    from schema.models import Keberatan
    from tests.bantu import ev_diterima

    db = db_session
    skp = bantu.skp_ditetapkan(db, 2084)
    ev = ev_diterima(login, db, hari, skp, 2, dt.date(2084, 6, 27))  # in the period's last working days
    hari(dt.date(2084, 7, 3))
    r = login("pegawai").post(
        f"/keberatan/ajukan/{ev.id}", data={"alasan": "Bukti dukung belum dinilai."}, follow_redirects=True
    )
    assert "Keberatan diajukan" in bantu.html(r)
    kb = db.scalars(select(Keberatan).where(Keberatan.evaluasi_id == ev.id)).one()
    url = f"/keberatan/putuskan/{kb.id}"
    r = login("atasan").post(
        url,
        data={
            "versi": kb.versi,
            "keputusan": "mengubah",
            "predikat_baru": "baik",
            "rekomendasi_baru": "Pertahankan kinerja pelayanan.",
        },
    )
    assert r.status_code == 200
    html = bantu.html(r)
    assert "Catat penjelasan pejabat penilai dan penjelasan pegawai" in html
    f = _form(html, url)
    assert f["keputusan"] == ["mengubah"] and f["predikat_baru"] == ["baik"]
    assert f["rekomendasi_baru"] == ["Pertahankan kinerja pelayanan."]
    db.rollback()
    assert db.get(Keberatan, kb.id).keputusan is None
