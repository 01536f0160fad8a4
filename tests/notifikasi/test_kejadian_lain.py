"""The other domain events, driven through HTTP, each telling who acts next — once, in the app and by email (the
loopback SMTP server): SKP ditetapkan → pegawai; evaluation returned → its signer, with the PyB reporting deadline;
keberatan filed → atasan with the 7-working-day decision deadline (R7), decided → pegawai and penilai; behaviour
report → PyB and counselling → the counsellor without anything of the case (R11); feedback asked → the person asked,
answered → the requester; clinic booking confirmed / cancelled by the team → the booker."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import delete, select, update

from app import surel
from app.format import tanggal, tanggal_saja
from schema.models import (
    Keberatan,
    KlinikSesi,
    KlinikSlot,
    Konseling,
    LaporanPerilaku,
    Pegawai,
    PermintaanUmpanBalik,
    UmpanBalik,
)
from schema.models.notifikasi import Notifikasi
from schema.models.siasn import KirimSiasn
from tests import bantu
from tests.notifikasi.conftest import alamat_diharapkan, teks_surel, uid


def _untuk(db, jenis, tautan) -> list[Notifikasi]:
    """Every entry of this kind and link, whoever it is for."""
    db.rollback()
    return db.scalars(
        select(Notifikasi).where(Notifikasi.jenis == jenis, Notifikasi.tautan == tautan).order_by(Notifikasi.id)
    ).all()


def _satu(db, username, jenis, tautan) -> Notifikasi:
    """Exactly one entry of this kind and link exists, and it is ``username``'s."""
    rows = _untuk(db, jenis, tautan)
    assert [n.user_id for n in rows] == [uid(db, username)], [(n.user_id, n.judul) for n in rows]
    return rows[0]


def _surel(db, smtp, konfigurasi, n, username) -> str:
    """Run the sender: exactly one message for ``n``, to ``username``'s address; its text."""
    surel.kirim_surel_menunggu(konfigurasi)
    ((to, m),) = smtp.untuk([n.id])
    assert to == [alamat_diharapkan(db, username)]
    return teks_surel(m)


def _hapus(db, *tautan):
    db.rollback()
    db.execute(delete(Notifikasi).where(Notifikasi.tautan.in_(tautan)))
    db.commit()


def test_skp_ditetapkan_ke_pegawai(login, db_session, smtp, konfigurasi):
    db = db_session
    login = bantu.login_bersih(login)
    c, cp = login("pegawai"), login("penilai")
    skp = bantu.skp_buat(c, db, 2034)
    bantu.skp_siap_ajukan(c, db, skp)
    tautan = f"/skp/show/{skp.id}"
    try:
        bantu.skp_post(c, f"/skp/ajukan/{skp.id}", db, skp)
        assert _untuk(db, "skp_ditetapkan", tautan) == []
        assert "ditetapkan" in bantu.skp_post(cp, f"/skp/tetapkan/{skp.id}", db, skp)
        n = _satu(db, "pegawai", "skp_ditetapkan", tautan)
        assert "2034" in n.judul and "1 Januari 2034" in n.isi
        assert n.judul in _surel(db, smtp, konfigurasi, n, "pegawai")
    finally:
        _hapus(db, tautan)


def test_evaluasi_dikembalikan_lalu_keberatan_diajukan_dan_diputus(login, db_session, hari, smtp, konfigurasi):
    db = db_session
    login = bantu.login_bersih(login)
    skp = bantu.skp_ditetapkan(db, 2035)
    ev = bantu.ev_diterima(login, db, hari, skp, 1, dt.date(2035, 3, 26))
    t_ev = f"/evaluasi/show/{ev.id}"
    kb_id = None
    try:
        p = login("pegawai")
        bantu.ev_post(p, db, f"/evaluasi/kembalikan/{ev.id}", ev.id)
        ev = bantu.ev_muat(db, ev.id)
        assert ev.status_dokumen == "dikembalikan" and ev.tenggat_laporan
        n = _satu(db, "penilai", "evaluasi_dikembalikan", t_ev)
        batas_lapor = tanggal_saja(ev.tenggat_laporan)  # stored when the evaluation was made (R7, 30 working days)
        assert batas_lapor in n.isi and batas_lapor in _surel(db, smtp, konfigurasi, n, "penilai")

        hari(dt.date(2035, 3, 28))
        r = p.post(f"/keberatan/ajukan/{ev.id}", data={"alasan": "Bukti dukung RHK utama belum dipertimbangkan."})
        assert r.status_code == 302
        db.rollback()
        kb = db.scalars(select(Keberatan).where(Keberatan.evaluasi_id == ev.id)).one()
        kb_id, t_kb = kb.id, f"/keberatan/show/{kb.id}"
        n = _satu(db, "atasan", "keberatan_diajukan", t_kb)
        batas = tanggal_saja(kb.tenggat_keputusan)  # app.rules.waktu.tenggat_keputusan_keberatan: 7 working days
        # 7 working days after Wednesday 28 March 2035 (R7): 29, 30 March, 2–6 April
        assert kb.tenggat_keputusan == dt.date(2035, 4, 6)
        assert batas in n.isi and "putuskan" in n.isi
        assert batas in _surel(db, smtp, konfigurasi, n, "atasan")
        assert _untuk(db, "keberatan_diputus", t_kb) == []

        a = login("atasan")
        a.post(
            f"/keberatan/penjelasan/{kb.id}",
            data={"penjelasan_penilai": "Bukti belum lengkap.", "penjelasan_pegawai": "Bukti sudah diunggah."},
        )
        r = a.post(f"/keberatan/putuskan/{kb.id}", data={"keputusan": "menguatkan"})
        assert r.status_code == 302
        rows = _untuk(db, "keberatan_diputus", t_kb)
        assert sorted(n.user_id for n in rows) == sorted([uid(db, "pegawai"), uid(db, "penilai")])
        assert all("dikuatkan" in n.isi for n in rows)
        surel.kirim_surel_menunggu(konfigurasi)
        terkirim = smtp.untuk([n.id for n in rows])
        assert sorted(to[0] for to, _m in terkirim) == sorted(
            [alamat_diharapkan(db, "pegawai"), alamat_diharapkan(db, "penilai")]
        )
        # a second decision is refused: nobody is told twice
        a.post(f"/keberatan/putuskan/{kb.id}", data={"keputusan": "menguatkan"})
        assert len(_untuk(db, "keberatan_diputus", t_kb)) == 2
    finally:
        db.rollback()
        db.execute(delete(KirimSiasn).where(KirimSiasn.evaluasi_id == ev.id))  # final: queued for SIASN
        db.commit()
        _hapus(db, t_ev, *([f"/keberatan/show/{kb_id}"] if kb_id else []))


def test_keberatan_diputus_mengubah(login, db_session, hari, smtp, konfigurasi):
    """Mengubah: both are told that a D.1.3 document follows; nobody else (the atasan decided it)."""
    db = db_session
    login = bantu.login_bersih(login)
    skp = bantu.skp_ditetapkan(db, 2038)
    ev = bantu.ev_diterima(login, db, hari, skp, 1, dt.date(2038, 3, 25))
    hari(dt.date(2038, 3, 29))
    p, a = login("pegawai"), login("atasan")
    assert p.post(f"/keberatan/ajukan/{ev.id}", data={"alasan": "Target RHK utama terlampaui."}).status_code == 302
    db.rollback()
    kb = db.scalars(select(Keberatan).where(Keberatan.evaluasi_id == ev.id)).one()
    t_kb = f"/keberatan/show/{kb.id}"
    try:
        # 7 working days after Monday 29 March 2038 (R7; Good Friday 2038 is 23 April): 30 March–7 April
        assert kb.tenggat_keputusan == dt.date(2038, 4, 7)
        assert "7 April 2038" in _satu(db, "atasan", "keberatan_diajukan", t_kb).isi
        a.post(
            f"/keberatan/penjelasan/{kb.id}",
            data={"penjelasan_penilai": "Bukti belum lengkap.", "penjelasan_pegawai": "Bukti sudah diunggah."},
        )
        data = {"keputusan": "mengubah", "predikat_baru": "sangat_baik", "rekomendasi_baru": "Pengembangan kompetensi."}
        assert a.post(f"/keberatan/putuskan/{kb.id}", data=data).status_code == 302
        rows = _untuk(db, "keberatan_diputus", t_kb)
        assert sorted(n.user_id for n in rows) == sorted([uid(db, "pegawai"), uid(db, "penilai")])
        assert all("D.1.3" in n.isi and "29 Maret 2038" in n.isi for n in rows)
        n_peg = next(n for n in rows if n.user_id == uid(db, "pegawai"))
        assert "D.1.3" in _surel(db, smtp, konfigurasi, n_peg, "pegawai")
    finally:
        db.rollback()
        evs = [ev.id, db.get(Keberatan, kb.id).evaluasi_baru_id]
        db.execute(delete(KirimSiasn).where(KirimSiasn.evaluasi_id.in_([e for e in evs if e])))
        db.commit()
        _hapus(db, t_kb, f"/evaluasi/show/{ev.id}")


def test_laporan_perilaku_dan_konseling_rahasia(login, db_session, smtp, konfigurasi):
    """R11: the PyB learns only THAT a case needs attention, the counsellor likewise; nothing of the case (name,
    NIP, the report's text) in the app entry or the email; the link is the counselling record the employee and the
    other parties outside the circle cannot open."""
    db = db_session
    login = bantu.login_bersih(login)
    bebas = db.scalar(
        select(Pegawai)
        .where(
            Pegawai.id.not_in(select(LaporanPerilaku.pegawai_id)), Pegawai.user_id.is_(None), Pegawai.status == "aktif"
        )
        .order_by(Pegawai.id.desc())
    )
    penilai, atasan = bantu.id_pegawai(db, "penilai"), bantu.id_pegawai(db, "atasan")
    skp = bantu.skp_berlaku(db, bebas.id, 2086, penilai, atasan)  # the feedback helper dates in 2086
    nama, nip = bebas.nama, bebas.nip
    kons = bantu.laporkan_perilaku(login("penilai"), db, skp)
    tautan = f"/konseling/show/{kons.id}"
    try:
        n = _satu(db, "pyb", "laporan_perilaku", tautan)
        pelapor = db.get(Pegawai, penilai)  # the reporting evaluator is part of the case too
        teks_kasus = ("Sering menunda tugas", "umpan balik langsung", "Belum menanggapi", nama, nip, pelapor.nama)
        email = _surel(db, smtp, konfigurasi, n, "pyb")
        for t in teks_kasus:
            assert t not in f"{n.judul} {n.isi} {n.kunci_unik}" and t not in email, t
        assert login("pegawai").get(tautan).status_code in (302, 403, 404)  # not in the circle
        assert login("pyb").get(tautan).status_code == 200

        konselor = bantu.id_pegawai(db, "konselor")
        pyb = login("pyb")
        r = pyb.post(
            f"/konseling/tetapkan/{kons.id}",
            data={"jenis_konselor": "pejabat_konseling", "konselor": konselor, "versi": kons.versi},
        )
        assert r.status_code == 302
        assert db.get(Konseling, kons.id).konselor_id == konselor
        k = _satu(db, "konselor", "konseling", tautan)
        email = _surel(db, smtp, konfigurasi, k, "konselor")
        for t in teks_kasus:
            assert t not in f"{k.judul} {k.isi} {k.kunci_unik}" and t not in email, t
        assert login("konselor").get(tautan).status_code == 200
        # the PyB sets the time and place: the counsellor is told again, still without anything of the case
        db.rollback()
        r = pyb.post(
            f"/konseling/jadwalkan/{kons.id}",
            data={"versi": db.get(Konseling, kons.id).versi, "jadwal": "2086-07-01T09:00", "tempat": "Ruang 2"},
        )
        assert r.status_code == 302
        rows = _untuk(db, "konseling", tautan)
        assert [x.user_id for x in rows] == [uid(db, "konselor")] * 2
        for t in teks_kasus + ("Ruang 2",):
            assert t not in f"{rows[1].judul} {rows[1].isi} {rows[1].kunci_unik}", t
        assert _untuk(db, "laporan_perilaku", tautan) == [n]  # the report's entry is not repeated
    finally:
        db.rollback()
        db.execute(update(Konseling).where(Konseling.id == kons.id).values(status="ditindaklanjuti"))
        db.commit()
        _hapus(db, tautan)


def test_umpan_balik_diminta_dan_dijawab(login, db_session, smtp, konfigurasi):
    db = db_session
    login = bantu.login_bersih(login)
    peg, tim = bantu.id_pegawai(db, "pegawai"), bantu.id_pegawai(db, "tim")
    skp_id = bantu.skp_berlaku(db, peg, 2055, bantu.id_pegawai(db, "penilai"), bantu.id_pegawai(db, "atasan"))
    c = login("pegawai")
    r = c.post(f"/permintaanumpanbalik/minta/{skp_id}", data={"diminta_kepada": tim, "pesan": "Mohon masukan."})
    assert r.status_code == 302
    db.rollback()
    p = db.scalars(
        select(PermintaanUmpanBalik).where(
            PermintaanUmpanBalik.skp_id == skp_id, PermintaanUmpanBalik.diminta_kepada_id == tim
        )
    ).one()
    t_minta, t_skp = f"/permintaanumpanbalik/jawab/{p.id}", f"/pelaksanaan/skp/{skp_id}"
    try:
        n = _satu(db, "tim", "umpan_balik_diminta", t_minta)
        assert "Mohon masukan." in n.isi
        assert n.judul in _surel(db, smtp, konfigurasi, n, "tim")
        assert login("tim").get(t_minta).status_code == 200  # the link opens the answer form
        assert _untuk(db, "umpan_balik_dijawab", t_skp) == []

        rhk = bantu.rhk_skp(db, skp_id)[0].id
        t = login("tim")
        assert bantu.beri_umpan_balik(t, skp_id, f"rhk:{rhk}", positif="1", tanggal="2055-03-10").status_code == 302
        d = _satu(db, "pegawai", "umpan_balik_dijawab", t_skp)
        assert d.judul in _surel(db, smtp, konfigurasi, d, "pegawai")
        # a second item on the same (answered) request tells nobody again
        assert bantu.beri_umpan_balik(t, skp_id, f"rhk:{rhk}", positif="1", tanggal="2055-03-11").status_code == 302
        assert len(_untuk(db, "umpan_balik_dijawab", t_skp)) == 1
    finally:
        db.rollback()
        db.execute(delete(UmpanBalik).where(UmpanBalik.skp_id == skp_id))
        db.execute(delete(PermintaanUmpanBalik).where(PermintaanUmpanBalik.id == p.id))
        db.commit()
        _hapus(db, t_minta, t_skp)


def _slot(klinik, db, hari: dt.date, jam: int) -> int:
    r = klinik.post(
        "/klinik/slot/add",
        data={
            "tanggal": hari.isoformat(),
            "jam_mulai": f"{jam:02d}:00",
            "jam_selesai": f"{jam + 1:02d}:00",
            "tempat": "Ruang Klinik SKP",
            "ulang": "1",
        },
    )
    assert r.status_code == 302, r.data[:500]
    db.rollback()
    return db.scalar(
        select(KlinikSlot.id)
        .where(KlinikSlot.mulai == dt.datetime.combine(hari, dt.time(jam)))
        .order_by(KlinikSlot.id.desc())
    )


def _sesi(db, slot_id) -> KlinikSesi:
    db.rollback()
    return db.scalars(select(KlinikSesi).where(KlinikSesi.slot_id == slot_id).order_by(KlinikSesi.id.desc())).first()


def test_klinik_dipesan_dan_dibatalkan(login, db_session, smtp, konfigurasi):
    db = db_session
    login = bantu.login_bersih(login)
    klinik, c = login("klinik"), login("pegawai")
    hari = dt.date(2037, 5, 12)
    a, b = _slot(klinik, db, hari, 9), _slot(klinik, db, hari, 13)
    tautan = []
    try:
        assert c.post("/klinik/sesi/pesan/", data={"slot_id": a, "skp_id": ""}).status_code == 302
        s = _sesi(db, a)
        t = f"/klinik/sesi/show/{s.id}"
        tautan.append(t)
        n = _satu(db, "pegawai", "klinik_dikonfirmasi", t)
        assert tanggal(dt.datetime(2037, 5, 12, 9)) in n.isi and "Ruang Klinik SKP" in n.isi
        email = _surel(db, smtp, konfigurasi, n, "pegawai")
        assert "12 Mei 2037 09.00" in email
        assert c.get(t).status_code == 200

        r = klinik.post(
            f"/klinik/sesi/batal/{s.id}", data={"alasan": "Anggota tim bertugas luar kota.", "versi": s.versi}
        )
        assert r.status_code == 302 and _sesi(db, a).status == "dibatalkan"
        n = _satu(db, "pegawai", "klinik_dibatalkan", t)
        assert "Anggota tim bertugas luar kota." in n.isi
        assert "12 Mei 2037" in _surel(db, smtp, konfigurasi, n, "pegawai")

        # the booker's own cancellation: nobody to tell
        assert c.post("/klinik/sesi/pesan/", data={"slot_id": b, "skp_id": ""}).status_code == 302
        s2 = _sesi(db, b)
        t2 = f"/klinik/sesi/show/{s2.id}"
        tautan.append(t2)
        assert c.post(f"/klinik/sesi/batal/{s2.id}", data={"alasan": "", "versi": s2.versi}).status_code == 302
        assert _sesi(db, b).status == "dibatalkan" and _untuk(db, "klinik_dibatalkan", t2) == []
    finally:
        _hapus(db, *tautan)
