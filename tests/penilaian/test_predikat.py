"""Penilaian through HTTP, predikat over many evaluations: the annual evaluation with the year's
periodic results; the bulk "Hitung predikat" with the tugas-belajar rule (R8; 001 "Evaluasi Kinerja" B.3 a 3)).

Years 2098 and 2099 are used only here; the calendar is walked by patching ``app.queries.penilaian.hari_ini``.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import delete, insert, select, update

from schema.models import EvaluasiKinerja, TugasBelajar
from tests import bantu
from tests.bantu import ev_buat, ev_muat, ev_nilai, ev_post, pegawai_tanpa_login

_peg, _html, _skp = bantu.peg, bantu.html, bantu.skp_ditetapkan


# ---------------------------------------------------------------------------------------------------------
# annual evaluation with the year's periodic results
# ---------------------------------------------------------------------------------------------------------


def test_evaluasi_tahunan_dengan_hasil_periodik(login, db_session, hari):
    """001 Lampiran "Evaluasi Kinerja" 8 b, 10: the annual evaluation (end of December) shows the year's periodic
    results as context, follows the same flow and is signed to D.1.1 (period "AKHIR")."""
    db = db_session
    skp = _skp(db, 2098)
    c, p = login("penilai"), login("pegawai")
    rating = [("sesuai", "sesuai"), ("diatas", "diatas"), ("dibawah", "sesuai"), ("sesuai", "sesuai")]
    for nomor, (hk, pk) in enumerate(rating, 1):
        hari(dt.date(2098, nomor * 3, 26))  # the last working days of each quarter
        ev = ev_buat(c, db, skp, nomor)
        ev_nilai(c, db, ev, [hk, hk], hk, pk, penjaga=pk == "diatas")
        ev_post(c, db, f"/evaluasi/tandatangani/{ev.id}", ev.id)
        ev_post(c, db, f"/evaluasi/sampaikan/{ev.id}", ev.id)
        ev_post(p, db, f"/evaluasi/terima/{ev.id}", ev.id)
    hari(dt.date(2098, 12, 28))
    th = ev_buat(c, db, skp, 0, jenis="tahunan")
    assert (th.jenis, th.periode_nomor, th.periode_jenis) == ("tahunan", 0, "tahunan")
    html = _html(c.get(f"/evaluasi/show/{th.id}"))
    blok = html.split("Hasil evaluasi periodik tahun ini")[1].split("</table>")[0]
    for label in ("Baik", "Sangat Baik", "Butuh Perbaikan"):
        assert label in blok, label
    assert blok.count("<tr>") >= 4
    ev_nilai(c, db, th, ["sesuai", "sesuai"], "sesuai", "sesuai")
    ev_post(c, db, f"/evaluasi/tandatangani/{th.id}", th.id)
    x = ev_muat(db, th.id)
    assert (x.status_dokumen, x.format_dokumen, x.predikat) == ("ditandatangani", "D.1.1", "baik")
    cetak = _html(c.get(f"/evaluasi/cetak/{th.id}"))
    assert "FORMAT D.1.1" in cetak and "AKHIR" in cetak
    # a second annual evaluation of the same year is refused
    r = c.post("/evaluasi/buat/", data={"skp_id": skp.id, "tahun": 2098, "jenis": "tahunan"}, follow_redirects=True)
    assert "sudah ada" in _html(r)


# ---------------------------------------------------------------------------------------------------------
# bulk "Hitung predikat" with the tugas-belajar rule
# ---------------------------------------------------------------------------------------------------------


def test_hitung_predikat_massal_tugas_belajar(login, db_session, hitung_sql):
    """R8 (001 "Penyusunan SKP … tugas belajar" 5–6) and R2 (001 "Evaluasi Kinerja" B.3 a 3)): for study-leave
    employees the bulk action takes hasil kerja from the IPK guidance (IPK 3,60 at an A-accredited domestic S-1 →
    Sangat Baik → Di Atas) and a failed study gives Kurang / Sangat Kurang from perilaku; the statement count is
    the same for 10 and 1 000 rows."""
    from tests.bantu import ev_massal

    db = db_session
    pen = _peg(db, "penilai")
    t1, t2 = pegawai_tanpa_login(db, 2)
    tb = [
        TugasBelajar(
            pegawai_id=t.id,
            jenjang="s1",
            luar_negeri=False,
            perguruan_tinggi="Universitas Uji",
            program_studi="Statistika",
            akreditasi_pt="A",
            akreditasi_prodi="A",
            mulai=dt.date(2098, 8, 1),
            selesai_rencana=dt.date(2100, 7, 31),
            ipk=ipk,
            gagal=gagal,
        )
        for t, ipk, gagal in ((t1, "3.60", False), (t2, "2.50", True))
    ]
    db.add_all(tb)
    db.commit()
    skp = {t.id: _skp(db, 2099, pegawai=t, is_tugas_belajar=True) for t in (t1, t2)}
    ids_tb = []
    for t, pk in ((t1, "sesuai"), (t2, "dibawah")):
        db.execute(
            insert(EvaluasiKinerja),
            [
                {
                    "skp_id": skp[t.id].id,
                    "pegawai_id": t.id,
                    "unit_kerja_id": t.unit_kerja_id,
                    "penilai_id": pen.id,
                    "jenis": "periodik",
                    "tahun": 2099,
                    "periode_jenis": "bulanan",
                    "periode_nomor": 12,
                    "aktif": True,
                    "rating_perilaku": pk,
                    "saran_rating_perilaku": pk,
                    "status_dokumen": "draf",
                    "format_dokumen": "D.1.1",
                    "dinilai_oleh": "penilai",
                    "is_final": False,
                    "versi": 1,
                }
            ],
        )
        db.commit()
        ids_tb.append(
            db.scalar(
                select(EvaluasiKinerja.id).where(EvaluasiKinerja.pegawai_id == t.id, EvaluasiKinerja.tahun == 2099)
            )
        )
    ids = ev_massal(db, 1000, 2099, pen.id)
    ids = ids_tb + [i for i in ids if i not in ids_tb]
    try:
        c = login("penilai")
        c.post("/evaluasi/action_post", data={"action": "hitung_predikat", "rowid": ids[:10]})  # warm-up
        jumlah = {}
        for n in (len(ids), 10):
            with hitung_sql() as h:
                assert (
                    c.post("/evaluasi/action_post", data={"action": "hitung_predikat", "rowid": ids[:n]}).status_code
                    == 302
                )
            jumlah[n] = h.n
        assert jumlah[10] == jumlah[len(ids)], jumlah
        db.rollback()
        a, b = db.get(EvaluasiKinerja, ids_tb[0]), db.get(EvaluasiKinerja, ids_tb[1])
        assert (a.predikat_ipk, a.predikat) == ("sangat_baik", "baik")  # Di Atas (IPK) × Sesuai
        assert b.predikat == "sangat_kurang"  # failed study, perilaku Di Bawah
        # the period endpoint applies the same rule
        db.execute(update(EvaluasiKinerja).where(EvaluasiKinerja.tahun == 2099).values(predikat=None))
        db.commit()
        c.post("/evaluasi/hitung_periode/", data={"tahun": 2099, "jenis": "periodik", "periode_nomor": 12})
        db.rollback()
        assert (db.get(EvaluasiKinerja, ids_tb[0]).predikat, db.get(EvaluasiKinerja, ids_tb[1]).predikat) == (
            "baik",
            "sangat_kurang",
        )
    finally:
        db.rollback()
        db.execute(delete(EvaluasiKinerja).where(EvaluasiKinerja.tahun == 2099))
        db.execute(delete(TugasBelajar).where(TugasBelajar.id.in_([x.id for x in tb])))
        db.commit()
