"""Generator data demo (seeds/demo.py): jumlah pasti, NIP sah, determinisme, struktur, peran demo.

Mandiri: setiap uji memakai basis data SQLite baru di tmp_path, disalin dari satu templat yang
dibangun dengan migrasi sungguhan (atau ``metadata.create_all`` selama migrasi belum ada) dan
data referensi dari ``seeds.referensi``.
"""

from __future__ import annotations

import re
import shutil
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import create_engine, func, inspect, select
from sqlalchemy.orm import Session, aliased

from app.rules import JenisASN, JenisJabatan, StatusPegawai
from app.rules.nip import cek_nip, urai_nip
from schema.models import (
    Golongan,
    HariLibur,
    Instansi,
    Jabatan,
    KonfigurasiPeriode,
    Pegawai,
    PenugasanPlt,
    TugasBelajar,
    UnitKerja,
)
from seeds.demo import database_kosong, generate_demo, pilih_pegawai_demo
from seeds.referensi import load_reference

J = JenisJabatan
JPT = {J.JPT_UTAMA.value, J.JPT_MADYA.value, J.JPT_PRATAMA.value}
STRUKTURAL = JPT | {J.ADMINISTRATOR.value, J.PENGAWAS.value}
STAF = {J.PELAKSANA.value, J.FUNGSIONAL.value}
PERAN = {"operator", "pyb", "penilai", "atasan", "pegawai", "tim", "konselor"}


def _siapkan_skema(url: str) -> None:
    import schema.migrate as migrate

    versi = Path(migrate.HERE) / "migrations" / "versions"
    if any(versi.glob("*.py")):
        migrate.upgrade(url)
    engine = create_engine(url)
    try:
        if "pegawai" not in inspect(engine).get_table_names():  # migrasi belum ditulis
            from schema.models import metadata

            metadata.create_all(engine)
    finally:
        engine.dispose()


@pytest.fixture(scope="module")
def templat(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("demo-templat") / "templat.db"
    url = f"sqlite:///{path}"
    _siapkan_skema(url)
    engine = create_engine(url)
    with Session(engine) as s:
        load_reference(s)
        s.commit()
    engine.dispose()
    return path


@pytest.fixture()
def buat_db(templat, tmp_path):
    """Pabrik basis data baru (salinan templat) → (engine, path)."""
    engines = []

    def _buat(nama: str = "demo.db"):
        path = tmp_path / nama
        shutil.copyfile(templat, path)
        engine = create_engine(f"sqlite:///{path}")
        engines.append(engine)
        return engine, path

    yield _buat
    for e in engines:
        e.dispose()


def _bangun(engine, n: int, seed: int = 2026, tahun: int = 2026) -> dict[str, int]:
    with Session(engine) as s:
        hitung = generate_demo(s, n, seed=seed, tahun=tahun)
        s.commit()
    return hitung


@pytest.fixture(scope="module")
def db333(templat, tmp_path_factory):
    path = tmp_path_factory.mktemp("demo-333") / "demo.db"
    shutil.copyfile(templat, path)
    engine = create_engine(f"sqlite:///{path}")
    hitung = _bangun(engine, 333, seed=7)
    yield engine, hitung
    engine.dispose()


def _subpohon(s: Session, kode_akar: str) -> set[int]:
    rows = s.execute(select(UnitKerja.id, UnitKerja.induk_id, UnitKerja.kode)).all()
    anak: dict[int, list[int]] = {}
    for uid, induk, _ in rows:
        if induk is not None:
            anak.setdefault(induk, []).append(uid)
    tumpuk = [uid for uid, _, kode in rows if kode == kode_akar]
    hasil: set[int] = set()
    while tumpuk:
        u = tumpuk.pop()
        if u not in hasil:
            hasil.add(u)
            tumpuk.extend(anak.get(u, ()))
    return hasil


# ---------------------------------------------------------------------------------------------
# (a) jumlah pasti, NIP sah dan konsisten, unik
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("n", [50, 333])
def test_jumlah_pegawai_tepat_dan_nip_sah(buat_db, n):
    engine, _ = buat_db()
    hitung = _bangun(engine, n)
    assert hitung["pegawai"] == n
    with Session(engine) as s:
        rows = s.execute(select(Pegawai.nip, Pegawai.tanggal_lahir, Pegawai.tmt_cpns, Pegawai.jenis_kelamin)).all()
        assert len(rows) == n
        assert len({r.nip for r in rows}) == n, "NIP harus unik"
        for nip, lahir, tmt, jk in rows:
            urai = urai_nip(nip)  # melempar NIPTidakValid bila rusak
            assert urai.tanggal_lahir == lahir
            assert (urai.tmt_tahun, urai.tmt_bulan) == (tmt.year, tmt.month)
            assert urai.jenis_kelamin == jk
            assert cek_nip(nip, lahir, tmt, jk) == []
            assert tmt.year < 2026 and tmt >= lahir.replace(year=lahir.year + 18, day=min(lahir.day, 28))


@pytest.mark.parametrize("n", [51, 99, 100, 149, 150, 199, 200, 299, 300, 599, 600, 999, 1000, 1499, 1500])
def test_jumlah_tepat_di_setiap_ambang_ukuran(buat_db, n):
    engine, _ = buat_db()
    hitung = _bangun(engine, n, seed=n)
    with Session(engine) as s:
        assert s.scalar(select(func.count(Pegawai.id))) == n == hitung["pegawai"]
        assert s.scalar(select(func.count(func.distinct(Pegawai.nip)))) == n
        assert s.scalar(select(func.count(UnitKerja.id))) == hitung["unit_kerja"]
        assert s.scalar(select(func.count(Jabatan.id))) == hitung["jabatan"]
        peran = pilih_pegawai_demo(s)
    assert set(peran) == PERAN and len(set(peran.values())) == 7


# ---------------------------------------------------------------------------------------------
# (b) determinisme
# ---------------------------------------------------------------------------------------------


def _daftar(engine) -> list[tuple]:
    Atasan = aliased(Jabatan)
    with Session(engine) as s:
        return s.execute(
            select(
                Pegawai.nip,
                Pegawai.nama,
                Pegawai.gelar_depan,
                Pegawai.gelar_belakang,
                Pegawai.status,
                Pegawai.jenis_asn,
                Golongan.kode,
                Jabatan.kode,
                UnitKerja.kode,
                Atasan.kode,
            )
            .join(Jabatan, Pegawai.jabatan_id == Jabatan.id)
            .join(UnitKerja, Pegawai.unit_kerja_id == UnitKerja.id)
            .join(Golongan, Pegawai.golongan_id == Golongan.id)
            .outerjoin(Atasan, Jabatan.atasan_id == Atasan.id)
            .order_by(Pegawai.id)
        ).all()


def _dump(path: Path) -> list[str]:
    con = sqlite3.connect(path)
    try:
        return list(con.iterdump())
    finally:
        con.close()


def test_deterministik(buat_db):
    e1, p1 = buat_db("a.db")
    e2, p2 = buat_db("b.db")
    e3, _ = buat_db("c.db")
    h1, h2 = _bangun(e1, 240, seed=11), _bangun(e2, 240, seed=11)
    _bangun(e3, 240, seed=12)
    assert h1 == h2
    d1, d2, d3 = _daftar(e1), _daftar(e2), _daftar(e3)
    assert d1 == d2
    assert d1 != d3
    assert len(d3) == 240
    with Session(e1) as s1, Session(e2) as s2:
        assert pilih_pegawai_demo(s1) == pilih_pegawai_demo(s2)
    e1.dispose()
    e2.dispose()
    assert _dump(p1) == _dump(p2), "basis data dengan seed sama harus identik"


# ---------------------------------------------------------------------------------------------
# (c) struktur
# ---------------------------------------------------------------------------------------------


def test_struktur_organisasi(db333):
    engine, hitung = db333
    with Session(engine) as s:
        assert not database_kosong(s)
        inst = s.execute(select(Instansi)).scalar_one()
        assert inst.kode == "KAB-DEMO" and inst.nama.startswith("Pemerintah Kabupaten")
        units = {u.id: u for u in s.execute(select(UnitKerja)).scalars()}
        bkpsdm = [u for u in units.values() if u.kode == "BKPSDM"]
        assert len(bkpsdm) == 1 and bkpsdm[0].boleh_tim_kota and bkpsdm[0].induk_id is None
        setda = [u for u in units.values() if u.kode == "SETDA"]
        assert setda and setda[0].boleh_tim_kota
        jenis_unit = {u.jenis for u in units.values()}
        for j in (
            "sekretariat_daerah",
            "sekretariat_dprd",
            "inspektorat",
            "dinas",
            "badan",
            "kecamatan",
            "puskesmas",
            "sekolah",
        ):
            assert j in jenis_unit, j
        for u in units.values():
            if u.jenis in ("puskesmas", "sekolah"):
                assert u.is_mandiri
            if u.induk_id is None:  # setiap perangkat daerah punya bagian sekretariat
                assert u.instansi_id == inst.id and not u.is_mandiri
                assert any(c.is_sekretariat for c in units.values() if c.induk_id == u.id), u.kode
        puskesmas = [u for u in units.values() if u.jenis == "puskesmas"]
        sekolah = [u for u in units.values() if u.jenis == "sekolah"]
        dinkes = next(u for u in units.values() if u.kode == "DINKES")
        disdik = next(u for u in units.values() if u.kode == "DISDIK")
        assert all(u.induk_id == dinkes.id for u in puskesmas)
        assert all(u.induk_id == disdik.id for u in sekolah)

        jab = {j.id: j for j in s.execute(select(Jabatan)).scalars()}
        assert len({j.kode for j in jab.values()}) == len(jab)
        akar = [j for j in jab.values() if j.atasan_id is None]
        assert len(akar) == 1 and akar[0].jenis == J.JPT_MADYA.value and akar[0].nama == "Sekretaris Daerah"
        for j in jab.values():  # rantai atasan tanpa siklus, berujung di JPT (Sekda)
            seen, x, ada_jpt = set(), j, False
            while x is not None:
                assert x.id not in seen, f"siklus pada {j.kode}"
                seen.add(x.id)
                ada_jpt = ada_jpt or x.jenis in JPT
                x = jab.get(x.atasan_id) if x.atasan_id else None
            assert ada_jpt
        for j in jab.values():
            if j.jenis == J.JPT_PRATAMA.value and j.is_kepala_unit:
                assert j.atasan_id == akar[0].id
            if j.jenis == J.PENGAWAS.value:
                assert jab[j.atasan_id].jenis in (J.ADMINISTRATOR.value, J.JPT_PRATAMA.value)
        kepala_per_unit: dict[int, int] = {}
        for j in jab.values():
            if j.is_kepala_unit:
                kepala_per_unit[j.unit_kerja_id] = kepala_per_unit.get(j.unit_kerja_id, 0) + 1
        assert max(kepala_per_unit.values()) == 1
        assert all(any(j.is_kepala_unit and j.unit_kerja_id == u.id for j in jab.values()) for u in puskesmas + sekolah)

        peg = s.execute(select(Pegawai)).scalars().all()
        assert len(peg) == 333
        pemangku: dict[int, list[Pegawai]] = {}
        for p in peg:
            assert p.jabatan_id is not None and p.unit_kerja_id == jab[p.jabatan_id].unit_kerja_id
            pemangku.setdefault(p.jabatan_id, []).append(p)
        for jid, ps in pemangku.items():
            if jab[jid].jenis in STRUKTURAL or jab[jid].is_kepala_unit:
                assert len(ps) == 1, jab[jid].kode
        assert all(jid in pemangku for jid, j in jab.items() if j.jenis in STAF and not j.is_kepala_unit)

        # lowongan: ± 3 % jabatan struktural; administrator kosong dengan pengawas terisi; pengawas kosong dengan pelaksana terisi
        struktural = [j for j in jab.values() if j.jenis in STRUKTURAL]
        kosong = [j for j in struktural if j.id not in pemangku]
        assert 2 <= len(kosong) <= max(2, round(0.1 * len(struktural)))
        assert hitung["jabatan_kosong"] == len(kosong)

        def bawahan_terisi(j, jenis):
            return [b for b in jab.values() if b.atasan_id == j.id and b.jenis in jenis and b.id in pemangku]

        assert any(j.jenis == J.ADMINISTRATOR.value and bawahan_terisi(j, {J.PENGAWAS.value}) for j in kosong)
        assert any(j.jenis == J.PENGAWAS.value and bawahan_terisi(j, {J.PELAKSANA.value}) for j in kosong)
        plt = s.execute(select(PenugasanPlt)).scalars().all()
        assert len(plt) == 1 and plt[0].jenis == "plt"
        assert plt[0].jabatan_id not in pemangku and jab[plt[0].jabatan_id].jenis == J.ADMINISTRATOR.value
        pemangku_plt = s.get(Pegawai, plt[0].pegawai_id)
        assert jab[pemangku_plt.jabatan_id].jenis == J.ADMINISTRATOR.value

        # ASN, status, golongan
        gol = {g.id: g for g in s.execute(select(Golongan)).scalars()}
        pppk = [p for p in peg if p.jenis_asn == JenisASN.PPPK.value]
        assert 0.08 <= len(pppk) / len(peg) <= 0.12
        assert all(gol[p.golongan_id].jenis_asn == "pppk" for p in pppk)
        assert all(jab[p.jabatan_id].jenis in STAF for p in pppk)
        assert any(p.jenis_asn == JenisASN.CPNS.value for p in peg)
        status = {p.status for p in peg}
        for st in (
            StatusPegawai.AKTIF,
            StatusPegawai.TUGAS_BELAJAR,
            StatusPegawai.CLTN,
            StatusPegawai.MPP,
            StatusPegawai.DIBERHENTIKAN_SEMENTARA,
        ):
            assert st.value in status, st
        assert sum(p.status == StatusPegawai.AKTIF.value for p in peg) / len(peg) > 0.9
        rentang = {
            J.JPT_MADYA.value: ("IV/d", "IV/e"),
            J.JPT_PRATAMA.value: ("IV/c", "IV/d"),
            J.ADMINISTRATOR.value: ("IV/a", "IV/b"),
            J.PENGAWAS.value: ("III/c", "III/d"),
        }
        for p in peg:
            g = gol[p.golongan_id]
            j = jab[p.jabatan_id]
            if p.jenis_asn != JenisASN.PPPK.value:
                assert g.jenis_asn == "pns"
            if j.jenis in rentang:
                assert g.kode in rentang[j.jenis], (j.nama, g.kode)
            if j.jenis == J.PELAKSANA.value and p.jenis_asn == JenisASN.PNS.value:
                assert g.kode in ("II/a", "II/b", "II/c", "II/d", "III/a", "III/b"), (j.nama, g.kode)

        tb = s.execute(select(TugasBelajar)).scalars().all()
        tb_peg = {p.id for p in peg if p.status == StatusPegawai.TUGAS_BELAJAR.value}
        assert tb and {t.pegawai_id for t in tb} == tb_peg
        for t in tb:
            assert t.jenjang in ("s1", "s2") and re.fullmatch(r"[0-4]\.\d\d", t.ipk)
            assert t.luar_negeri or t.akreditasi_pt in ("A", "B", "C")
            assert t.selesai_rencana > t.mulai

        konf = s.execute(select(KonfigurasiPeriode)).scalar_one()
        assert (konf.tahun, konf.periode_evaluasi, konf.periode_dokumentasi) == (2026, "triwulanan", "bulanan")
        assert (konf.tim_min_anggota, konf.tim_max_anggota, konf.target_penyelesaian_skp) == (3, 7, 90)
        libur = s.execute(select(HariLibur)).scalars().all()
        assert len(libur) >= 3 and all(
            h.tanggal.year == 2026 and h.keterangan.startswith("Cuti bersama") for h in libur
        )


def test_jumlah_unit_mengikuti_pegawai(buat_db):
    engine, _ = buat_db()
    kecil = _bangun(engine, 60)
    engine2, _ = buat_db("besar.db")
    besar = _bangun(engine2, 4000)
    assert besar["unit_kerja"] > 5 * kecil["unit_kerja"]
    assert besar["jabatan"] > 10 * kecil["jabatan"]
    with Session(engine2) as s:
        jenis = dict(s.execute(select(UnitKerja.jenis, func.count()).group_by(UnitKerja.jenis)).all())
    assert jenis["sekolah"] > 50 and jenis["puskesmas"] >= 5 and jenis["kecamatan"] >= 5


# ---------------------------------------------------------------------------------------------
# (d) peran demo
# ---------------------------------------------------------------------------------------------


def _periksa_peran(s: Session, peran: dict[str, int]) -> None:
    assert set(peran) == PERAN
    assert len(set(peran.values())) == 7, peran
    p = {k: s.get(Pegawai, v) for k, v in peran.items()}
    for k, x in p.items():
        assert x is not None and x.status == StatusPegawai.AKTIF.value, k
    jab = {k: s.get(Jabatan, x.jabatan_id) for k, x in p.items()}
    bkpsdm, setda = _subpohon(s, "BKPSDM"), _subpohon(s, "SETDA")

    assert jab["operator"].jenis == J.PELAKSANA.value and p["operator"].unit_kerja_id in bkpsdm
    pyb_unit = s.get(UnitKerja, jab["pyb"].unit_kerja_id)
    assert pyb_unit.kode == "BKPSDM" and jab["pyb"].is_kepala_unit and jab["pyb"].jenis == J.JPT_PRATAMA.value
    assert jab["penilai"].jenis == J.PENGAWAS.value
    n_bawahan = s.scalar(
        select(func.count(Pegawai.id))
        .join(Jabatan, Pegawai.jabatan_id == Jabatan.id)
        .where(Jabatan.atasan_id == jab["penilai"].id)
    )
    assert n_bawahan >= 2
    assert p["atasan"].jabatan_id == jab["penilai"].atasan_id and jab["atasan"].jenis == J.ADMINISTRATOR.value
    assert jab["pegawai"].atasan_id == jab["penilai"].id and jab["pegawai"].jenis in STAF
    assert p["tim"].unit_kerja_id in bkpsdm
    assert p["konselor"].unit_kerja_id in bkpsdm | setda


def test_pilih_pegawai_demo(db333):
    engine, _ = db333
    with Session(engine) as s:
        peran = pilih_pegawai_demo(s)
        _periksa_peran(s, peran)
        assert pilih_pegawai_demo(s) == peran


def test_pilih_pegawai_demo_ukuran_minimum(buat_db):
    engine, _ = buat_db()
    hitung = _bangun(engine, 50, seed=3)
    assert hitung["penugasan_plt"] == 0
    with Session(engine) as s:
        _periksa_peran(s, pilih_pegawai_demo(s))


# ---------------------------------------------------------------------------------------------
# (e) batas dan basis data kosong
# ---------------------------------------------------------------------------------------------


def test_minimum_dan_database_kosong(buat_db):
    engine, _ = buat_db()
    with Session(engine) as s:
        assert database_kosong(s)
        with pytest.raises(ValueError, match="minimal"):
            generate_demo(s, 20)
        with pytest.raises(ValueError):
            generate_demo(s, 49)
        assert database_kosong(s)
        generate_demo(s, 50)
        assert not database_kosong(s)
        with pytest.raises(ValueError, match="kosong"):
            generate_demo(s, 50)
        s.rollback()
        assert database_kosong(s)


# ---------------------------------------------------------------------------------------------
# Nothing after "today" (app/jam.py: JAM_TETAP), and the Kepala Daerah path (R5/R6)
# ---------------------------------------------------------------------------------------------

# Columns that hold a plan, a deadline, a schedule or a calendar: they look forward by nature.
_KE_DEPAN = {
    ("hari_libur", "tanggal"),
    ("skp", "berlaku_selesai"),
    ("tugas_belajar", "selesai_rencana"),
    ("tindak_lanjut_sanksi", "selesai"),
    ("klinik_slot", "mulai"),
    ("klinik_slot", "selesai"),
    ("klinik_sesi", "mulai"),
    ("klinik_sesi", "selesai"),
}


def _ke_depan(tabel: str, kolom: str) -> bool:
    return kolom.startswith("tenggat_") or (tabel, kolom) in _KE_DEPAN


def _demo_pada(tmp_path, monkeypatch, jam: str):
    """The whole demo (base + every capability) through the real app, with the app's clock set to ``jam``."""
    from app.cli import siapkan_data
    from tests.conftest import DEMO_PEGAWAI, DEMO_SEED, make_app

    app = make_app(f"sqlite:///{tmp_path / 'demo-jam.db'}", JAM_TETAP=jam)
    with app.app_context():
        siapkan_data(app, pegawai=DEMO_PEGAWAI, seed=DEMO_SEED, password="Demo#Kinerja2026")
    return app


@pytest.mark.parametrize("hari", ["2026-12-04", "2027-01-15", "2027-03-31"])
def test_demo_tidak_pernah_sesudah_hari_ini_dan_jalur_kepala_daerah(tmp_path, monkeypatch, hari):
    import datetime as dt

    from sqlalchemy import Date, DateTime

    from app.extensions import db
    from schema.enums import DinilaiOleh, JenisDokumen, PeranTandaTangan
    from schema.models import SKP, EvaluasiKinerja, Keberatan, TandaTangan, metadata

    app = _demo_pada(tmp_path, monkeypatch, hari)
    hari_ini = dt.date.fromisoformat(hari)
    besok = dt.datetime.combine(hari_ini + dt.timedelta(days=1), dt.time())
    with app.app_context():
        s = db.session
        assert s.scalar(select(func.count()).select_from(EvaluasiKinerja)) > 0
        salah = []
        for t in metadata.sorted_tables:
            for c in t.columns:
                if not isinstance(c.type, (Date, DateTime)) or _ke_depan(t.name, c.name):
                    continue
                batas = besok if isinstance(c.type, DateTime) else hari_ini
                # system stamps are UTC: the local day ends 7 hours earlier in UTC, never later
                n, maks = s.execute(select(func.count(), func.max(c)).where(c >= batas)).one()
                if n:
                    salah.append(f"{t.name}.{c.name}: {n} (maks {maks})")
        assert not salah, f"data demo sesudah {hari}: {salah}"

        # R6: no evaluation exists before its window opens (app.rules.waktu_evaluasi), as the app itself refuses
        from app.rules import daftar_periode
        from app.rules.waktu import waktu_evaluasi
        from schema.models import HariLibur

        cuti = frozenset(s.scalars(select(HariLibur.tanggal)))
        for tahun, pj, nomor in s.execute(
            select(EvaluasiKinerja.tahun, EvaluasiKinerja.periode_jenis, EvaluasiKinerja.periode_nomor)
            .where(EvaluasiKinerja.jenis == "periodik")
            .distinct()
        ).all():
            p = next(x for x in daftar_periode(tahun, pj) if x.nomor == nomor)
            assert waktu_evaluasi(p, hari_ini, cuti_bersama=cuti).boleh, (tahun, pj, nomor, hari_ini)

        # R5/R6: an SKP set by the Kepala Daerah is evaluated by the Kepala Daerah — final, no objection
        E = EvaluasiKinerja
        ev = (
            s.execute(select(E).join(SKP, SKP.id == E.skp_id).where(SKP.ditetapkan_kepala_daerah.is_(True)))
            .scalars()
            .all()
        )
        assert ev, "data demo tanpa evaluasi pegawai yang SKP-nya ditetapkan Kepala Daerah"
        for e in ev:
            assert e.dinilai_oleh == DinilaiOleh.KEPALA_DAERAH.value, (e.id, e.dinilai_oleh)
            assert s.scalar(select(func.count()).where(Keberatan.evaluasi_id == e.id)) == 0
            if e.tanggal_ditandatangani:
                assert e.is_final
                peran = set(
                    s.scalars(
                        select(TandaTangan.peran).where(
                            TandaTangan.jenis_dokumen == JenisDokumen.EVALUASI.value, TandaTangan.dokumen_id == e.id
                        )
                    )
                )
                assert PeranTandaTangan.KEPALA_DAERAH.value in peran
                assert not peran & {PeranTandaTangan.PEJABAT_PENILAI.value, PeranTandaTangan.ATASAN_PENILAI.value}


def test_demo_deterministik_untuk_benih_dan_hari_yang_sama(tmp_path, monkeypatch):
    """Same seed and same today (JAM_TETAP) → the same demo records, dates included."""
    from app.extensions import db
    from schema.models import metadata

    tabel = (
        "skp",
        "evaluasi_kinerja",
        "tanda_tangan",
        "keberatan",
        "capaian_organisasi",
        "klinik_slot",
        "klinik_sesi",
        "penghargaan",
        "tindak_lanjut_sanksi",
    )
    # registers filled by the app's own functions stamp "now" (the running clock): compared without stamps
    stempel_kini = {"penghargaan", "tindak_lanjut_sanksi"}
    isi = []
    for i in range(2):
        d = tmp_path / f"d{i}"
        d.mkdir()
        app = _demo_pada(d, monkeypatch, "2027-01-15")
        with app.app_context():
            hasil = {}
            for nama in tabel:
                t = metadata.tables[nama]
                kolom = [
                    c for c in t.columns if not (nama in stempel_kini and c.name in ("dibuat_pada", "diubah_pada"))
                ]
                hasil[nama] = [tuple(r) for r in db.session.execute(select(*kolom).order_by(t.c.id)).all()]
            isi.append(hasil)
    assert all(isi[0][t] for t in ("evaluasi_kinerja", "tanda_tangan", "penghargaan"))
    for t in tabel:
        kol = [c.name for c in metadata.tables[t].columns]
        beda = [{k: (x, y) for k, x, y in zip(kol, a, b) if x != y} for a, b in zip(isi[0][t], isi[1][t]) if a != b][:2]
        assert len(isi[0][t]) == len(isi[1][t]) and not beda, (t, beda)
