"""Data demo berskala kementerian (mis. 1 000 000 pegawai) dalam hitungan menit — PostgreSQL saja.

``bangun_massal(app, pegawai, basis)`` membuat basis data yang bentuknya sama dengan data demo
(``seeds.demo.generate_demo`` + ``app.cli.demo_tambahan`` + pengguna demo), tetapi K = pegawai / basis kali lebih besar:

1. **Basis**: demo ORM biasa untuk ``basis`` pegawai (bawaan 50 000) ke basis data kosong — jalur yang sama dengan
   ``flask seed demo`` (``app.cli.siapkan_data``), jadi seluruh aturan dan sebaran demo berlaku apa adanya.
2. **Salin di server**: setiap tabel yang diisi demo disalin K−1 kali dengan satu
   ``INSERT … SELECT … FROM generate_series(1, K−1) k CROSS JOIN t`` per tabel, dalam urutan topologis kunci asing
   (``Model.metadata.sorted_tables``). Salinan k menggeser setiap kunci primer dan setiap kunci asing ke tabel yang
   disalin sebesar ``k × offset(tabel)`` (offset = id terbesar basis), sehingga setiap hubungan di dalam satu salinan
   sama persis dengan basis. Kunci asing ke tabel bersama (golongan, referensi, tabel ab_* keamanan, instansi …) tidak
   digeser: **Instansi tetap satu** — unit teratas setiap salinan bergantung pada instansi yang sama, seperti satu
   kementerian/provinsi dengan banyak unit, sehingga daftar operator benar-benar melihat K × basis baris.
   Kolom teks unik diubah per salinan secara deterministik: NIP tetap 18 digit dan sah (tanggal lahir, TMT, jenis
   kelamin tidak berubah; nomor urut k×G + urut, G = nomor urut terbesar basis, jadi unik selama K×G ≤ 999), juga
   pada salinan NIP di SKP dan tanda tangan; kode unit/jabatan dan kolom unik lain diberi awalan ``W001.`` …
   (kode jabatan tetap = kode unit + nomor urut). Tanda tangan menunjuk dokumennya lewat (jenis_dokumen, dokumen_id)
   tanpa kunci asing: dokumen_id digeser menurut tabel dokumennya.
3. Sesudahnya: sequence di-``setval`` ke id terbesar, ``ANALYZE``, lalu ``periksa_massal`` (jumlah = K × basis per
   tabel salinan, kunci asing dan indeks unik terpasang dan sah, NIP 18 digit, satu instansi, peran demo ditemukan).

Mengapa INSERT … SELECT dan bukan COPY: semua data salinan sudah ada di server; COPY berarti mengirim setiap baris
ke Python lalu kembali (dua kali serialisasi dan lalu lintas jaringan untuk ±20 juta baris pada 1 juta pegawai),
sedangkan INSERT … SELECT membaca basis dari cache PostgreSQL dan menulis langsung — tanpa memori Python sama sekali.
COPY hanya layak bila data memang lahir di Python; di sini tidak ada yang demikian (basis dibuat jalur ORM demo).

Akun pengguna (ab_user) **tidak** disalin: salinan tidak punya login (pegawai.user_id dan kolom lain yang menunjuk
ab_user bernilai NULL pada salinan). Pengguna demo (admin, operator, penilai …) tetap milik basis, jadi tolok ukur
login dan ``pilih_pegawai_demo`` tetap sama, sedangkan daftar milik operator/admin melihat seluruh salinan.

Indeks sekunder (termasuk trigram ``pg_trgm``) dan kunci asing tabel salinan dilepas selama penyalinan lalu dibuat
ulang dari definisinya sendiri (``pg_get_indexdef`` / ``pg_get_constraintdef``): membangun indeks sekali jauh lebih
cepat daripada memeliharanya baris demi baris, dan ``ADD CONSTRAINT`` memvalidasi setiap kunci asing dengan satu
kueri gabung alih-alih satu pemicu per baris. Terukur pada basis 10 000 × K = 10 (2 inti yang dibagi): penyalinan
sampai kendala terpasang 14 s, dengan indeks dan kunci asing tetap terpasang (``--tanpa-lepas``) 52 s. Penyalinan,
indeks dan kendala berjalan dalam satu transaksi: gagal di tengah jalan → basis data kembali berisi basis saja.

Ukuran basis: sebaran per pegawai (SKP, RHK, evaluasi, tanda tangan … per orang) sama pada basis 10 000 dan
50 000, tetapi kepadatan organisasi tidak (unit per 1 000 pegawai: 84 pada 10 000, 41 pada 50 000; jabatan 308 vs
201), jadi bawaannya 50 000: 1 000 000 pegawai = 20 × basis data tolok ukur 50 000 (``bench_skala``, benih 7).
Terukur (PostgreSQL 15, 2 inti dibagi dengan proses lain): basis 50 000 × 20 = 300 s pada beban 3,5–5,5 (basis ORM
146 s, salin 58 s, indeks 46 s, kunci asing/unik 31 s, ANALYZE 5 s, periksa 11 s) dan 338 s pada beban 5–10, 4,9 GB; ``--basis 10000`` (× 100,
organisasi lebih padat) 204 s pada beban 3–4 (basis 25 s, salin 57 s, indeks 51 s, kendala 48 s) dan 382 s pada
beban 6–12. ±20 juta baris di tabel salinan. Memori Python: 0,3–0,5 GiB untuk basis; puncak ±0,9 GiB berasal dari
``pilih_pegawai_demo`` di pemeriksaan akhir (fungsi demo itu membaca seluruh pegawai aktif).

Pakai: ``flask --app run seed massal --pegawai 1000000`` atau ``python -m seeds.massal --pegawai 1000000``
(DATABASE_URL = PostgreSQL kosong).
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import time
from dataclasses import dataclass, field

from sqlalchemy import text

__all__ = ["bangun_massal", "periksa_massal", "GagalMassal", "BASIS_BAWAAN", "BERSAMA"]

BASIS_BAWAAN = 50_000  # the bench_skala reference database; see the module docstring

# Not copied: reference data (loaded before the demo), security tables (every ab_*), the one instansi and what is unique per
# instansi, and rows owned by a login (copies have no logins) or by the server itself.
BERSAMA = frozenset(
    {
        "alembic_version",
        "golongan",
        "referensi",
        "kode_siasn",
        "kompetensi_b19",
        "nilai_inti",
        "perilaku_panduan",
        "pernyataan_b18",
        "pita_ipk",
        "skala_kompetensi",
        "alasan_perubahan_skp",
        "klinik_pertanyaan_survei",
        "instansi",
        "hari_libur",
        "konfigurasi_periode",
        "saklar_notifikasi",
        "audit_log",
        "notifikasi",
        "kirim_surel",
        "pekerjaan",
        "preferensi_notifikasi",
        "sesi_pengguna",
        "selisih_siasn",
        "berkas_data",
        "berkas_potongan",
        "jadwal_jalan",
    }
)
# tanda_tangan points at its document by (jenis_dokumen, dokumen_id), without a foreign key (schema.enums.JenisDokumen)
DOKUMEN = {
    "skp": "skp",
    "evaluasi": "evaluasi_kinerja",
    "keberatan": "keberatan",
    "bimbingan": "bimbingan_kinerja",
    "laporan_perilaku": "laporan_perilaku",
}
POLIMORFIK = {("tanda_tangan", "dokumen_id"): ("jenis_dokumen", DOKUMEN)}
PENGGUNA = "ab_user"


def _cetak(baris: str) -> None:
    print(baris, flush=True)  # progress of a minutes-long run, also when stdout is a file


class GagalMassal(RuntimeError):
    """Indonesian message for the operator (wrong database, wrong sizes, a table the copier does not know)."""


@dataclass
class Tabel:
    nama: str
    kolom: list[str]
    ekspresi: dict[str, str] = field(default_factory=dict)  # column → SQL for copy k (only what changes)
    offset: int = 0
    basis: int = 0

    def sql_salin(self, k_akhir: int) -> str:
        kol = ", ".join(f'"{c}"' for c in self.kolom)
        nilai = ", ".join(self.ekspresi.get(c, f't."{c}"') for c in self.kolom)
        return (
            f'INSERT INTO "{self.nama}" ({kol}) SELECT {nilai} '
            f'FROM generate_series(1, {k_akhir}) AS s(k) CROSS JOIN "{self.nama}" AS t'
        )


def _ekspresi_nip(kolom: str, g: int) -> str:
    # same birth date / TMT / sex; serial k×G + serial: copies never meet the base (serials 1..G) nor each other
    c = f't."{kolom}"'
    return (
        f"CASE WHEN {c} ~ '^[0-9]{{18}}$' THEN left({c}, 15) || "
        f"lpad((s.k * {g} + right({c}, 3)::int)::text, 3, '0') ELSE {c} END"
    )


def _ekspresi_awalan(kolom: str) -> str:
    return f"""'W' || lpad(s.k::text, 3, '0') || '.' || t."{kolom}\""""


def _indeks_unik(conn, tabel: str) -> list[tuple[str, list[str]]]:
    rows = conn.execute(
        text(
            "SELECT i.indexrelid::regclass::text, array_agg(a.attname::text ORDER BY a.attnum) "
            "FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey) "
            "WHERE i.indrelid = CAST(:t AS regclass) AND i.indisunique GROUP BY 1"
        ),
        {"t": tabel},
    ).all()
    return [(n, list(k)) for n, k in rows]


def rencana_salin(conn, metadata) -> list[Tabel]:
    """Which tables are copied and how each column changes per copy; raises GagalMassal on anything unknown."""
    jumlah: dict[str, tuple[int, int]] = {}  # copied table → (base rows, base max id)
    for t in metadata.sorted_tables:
        if "id" in t.c and t.name not in BERSAMA and not t.name.startswith("ab_"):
            n, maks = conn.execute(text(f'SELECT count(*), coalesce(max(id), 0) FROM "{t.name}"')).one()
            if n:
                jumlah[t.name] = (n, maks)
    salin = set(jumlah)
    g = conn.execute(
        text("SELECT coalesce(max(right(nip, 3)::int), 1) FROM pegawai WHERE nip ~ '^[0-9]{18}$'")
    ).scalar()
    rencana = []
    for t in metadata.sorted_tables:
        if t.name not in salin:
            continue
        pk = [c.name for c in t.primary_key.columns]
        if pk != ["id"]:
            raise GagalMassal(f"Tabel {t.name}: kunci primer {pk} tidak didukung (harus satu kolom id).")
        tab = Tabel(t.name, [c.name for c in t.columns], basis=jumlah[t.name][0], offset=jumlah[t.name][1])
        tab.ekspresi["id"] = f"t.id + s.k * {tab.offset}"
        bergeser = {"id"}
        for c in t.columns:
            fks = list(c.foreign_keys)
            if fks:
                tujuan = fks[0].column.table.name
                if tujuan in salin:
                    tab.ekspresi[c.name] = f't."{c.name}" + s.k * {jumlah[tujuan][1]}'
                    bergeser.add(c.name)
                elif tujuan == PENGGUNA and c.nullable:
                    tab.ekspresi[c.name] = "NULL"  # copies have no logins (NULLs never collide in a unique index)
                    bergeser.add(c.name)
            elif (t.name, c.name) in POLIMORFIK:
                jenis, peta = POLIMORFIK[(t.name, c.name)]
                kasus = " ".join(f"WHEN '{j}' THEN {jumlah[u][1] if u in salin else 0}" for j, u in peta.items())
                tab.ekspresi[c.name] = f't."{c.name}" + s.k * (CASE t."{jenis}" {kasus} ELSE 0 END)'
                bergeser.add(c.name)
            elif c.name.endswith("_id") and str(c.type) in ("INTEGER", "BIGINT"):
                raise GagalMassal(f"Kolom {t.name}.{c.name} menunjuk baris tanpa kunci asing; tambahkan ke POLIMORFIK.")
            elif c.name == "nip" or c.name.endswith("_nip"):
                tab.ekspresi[c.name] = _ekspresi_nip(c.name, g)
                bergeser.add(c.name)
        for nama, kolom in _indeks_unik(conn, t.name):
            if bergeser & set(kolom):
                continue
            teks = [c for c in kolom if str(t.c[c].type).startswith(("VARCHAR", "TEXT"))]
            if not teks:
                raise GagalMassal(f"Indeks unik {nama} ({', '.join(kolom)}) tidak dapat dibuat unik per salinan.")
            tab.ekspresi[teks[0]] = _ekspresi_awalan(teks[0])
            bergeser.add(teks[0])
        rencana.append(tab)
    return rencana


def _definisi_lepas(conn, tabel: list[str]) -> tuple[list[tuple[str, str, str]], list[tuple[str, str]]]:
    """(table, constraint, definition) of every FK, unique and plain secondary index on the given tables (and FKs
    from any table into them), and (index, definition) of the secondary indexes that are not constraints."""
    kendala = conn.execute(
        text(
            "SELECT c.conrelid::regclass::text, c.conname, pg_get_constraintdef(c.oid), c.contype "
            "FROM pg_constraint c WHERE c.contype IN ('f', 'u') AND c.connamespace = 'public'::regnamespace "
            "AND (c.conrelid::regclass::text = ANY(:t) OR (c.contype = 'f' AND c.confrelid::regclass::text = ANY(:t))) "
            "ORDER BY c.contype DESC, 1, 2"  # unique before foreign: an FK may lean on a unique index
        ),
        {"t": tabel},
    ).all()
    indeks = conn.execute(
        text(
            "SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid) FROM pg_index i "
            "WHERE i.indrelid::regclass::text = ANY(:t) AND NOT i.indisprimary AND NOT EXISTS "
            "(SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid AND c.contype IN ('p', 'u')) ORDER BY 1"
        ),
        {"t": tabel},
    ).all()
    return [(t, n, d) for t, n, d, _ in kendala], [(n, d) for n, d in indeks]


def _fase(catatan: dict, nama: str, mulai: float, cetak, keterangan: str = "") -> float:
    sekarang = time.perf_counter()
    catatan[nama] = round(sekarang - mulai, 1)
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024  # Linux: KiB
    cetak(f"  {nama:<34} {sekarang - mulai:7.1f} s   {keterangan or f'(RSS maks Python {rss} MiB)'}")
    return sekarang


def salin_di_server(engine, metadata, k: int, lepas: bool = True, cetak=_cetak) -> dict:
    """Copy the base (already in the database) K−1 times inside one transaction; returns phase times and counts."""
    waktu: dict = {}
    with engine.begin() as conn:
        t0 = time.perf_counter()
        conn.execute(text("SET LOCAL maintenance_work_mem = '512MB'"))
        conn.execute(text("SET LOCAL synchronous_commit = off"))
        rencana = rencana_salin(conn, metadata)
        nama = [r.nama for r in rencana]
        t = _fase(waktu, "rencana", t0, cetak)
        kendala, indeks = _definisi_lepas(conn, nama) if lepas else ([], [])
        for pemilik, kon, _ in reversed(kendala):
            conn.execute(text(f'ALTER TABLE "{pemilik}" DROP CONSTRAINT "{kon}"'))
        for idx, _ in indeks:
            conn.execute(text(f'DROP INDEX "{idx}"'))
        t = _fase(waktu, f"lepas {len(kendala)} kendala + {len(indeks)} indeks", t, cetak)
        for tab in rencana:
            n = conn.execute(text(tab.sql_salin(k - 1))).rowcount if k > 1 else 0
            t = _fase(waktu, f"salin {tab.nama}", t, cetak, f"{tab.basis} + {n} baris")
        for _, d in indeks:
            conn.execute(text(d))
        t = _fase(waktu, "buat ulang indeks", t, cetak)
        for pemilik, kon, d in kendala:
            conn.execute(text(f'ALTER TABLE "{pemilik}" ADD CONSTRAINT "{kon}" {d}'))
        t = _fase(waktu, "pasang ulang kendala", t, cetak)
        for tab in rencana:
            conn.execute(
                text(f"SELECT setval(pg_get_serial_sequence(:t, 'id'), (SELECT max(id) FROM \"{tab.nama}\"))"),
                {"t": tab.nama},
            )
        _fase(waktu, "sequence", t, cetak)
    return {"waktu": waktu, "basis": {r.nama: r.basis for r in rencana}}


def periksa_massal(session, k: int, basis: dict[str, int]) -> dict:
    """The demo's expectations at scale; raises AssertionError naming what does not hold."""
    from seeds.demo import pilih_pegawai_demo

    salah = []
    for nama, n in basis.items():
        ada = session.execute(text(f'SELECT count(*) FROM "{nama}"')).scalar()
        if ada != k * n:
            salah.append(f"{nama}: {ada} baris, seharusnya {k} × {n}")
    if session.execute(text("SELECT count(*) FROM instansi")).scalar() != 1:
        salah.append("instansi harus tepat satu")
    if session.execute(text("SELECT count(*) FROM pegawai WHERE nip !~ '^[0-9]{18}$'")).scalar():
        salah.append("ada NIP yang bukan 18 digit")
    tak_sah = session.execute(
        text(
            "SELECT conrelid::regclass::text || '.' || conname FROM pg_constraint "
            "WHERE connamespace = 'public'::regnamespace AND contype IN ('f', 'u', 'c') AND NOT convalidated "
            "UNION ALL SELECT indexrelid::regclass::text FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid "
            "WHERE c.relnamespace = 'public'::regnamespace AND NOT (i.indisvalid AND i.indisready)"
        )
    ).scalars()
    salah += [f"belum sah: {n}" for n in tak_sah]
    for jenis, tabel in DOKUMEN.items():
        yatim = session.execute(
            text(
                f"SELECT count(*) FROM tanda_tangan tt WHERE tt.jenis_dokumen = :j "
                f'AND NOT EXISTS (SELECT 1 FROM "{tabel}" d WHERE d.id = tt.dokumen_id)'
            ),
            {"j": jenis},
        ).scalar()
        if yatim:
            salah.append(f"{yatim} tanda tangan {jenis} tanpa dokumen")
    peran = pilih_pegawai_demo(session)
    assert not salah, "; ".join(salah)
    return peran


def bangun_massal(
    app,
    pegawai: int,
    basis: int | None = None,
    seed: int = 2026,
    password: str | None = None,
    lepas: bool = True,
    cetak=_cetak,
) -> dict:
    """Build ``pegawai`` employees (= K × basis) into the app's empty PostgreSQL database; call inside app context."""
    from flask_appbuilder import Model

    from app.cli import siapkan_data
    from app.extensions import db
    from seeds.demo import database_kosong

    engine = db.engine
    if engine.dialect.name != "postgresql":
        raise GagalMassal("Data massal hanya untuk PostgreSQL (INSERT … SELECT di server); SQLite: pakai seed demo.")
    if app.config.get("PRODUCTION"):
        raise GagalMassal("Data demo tidak dibuat pada instalasi produksi (KINERJA_ENV=production).")
    basis = basis or min(pegawai, BASIS_BAWAAN)
    if pegawai % basis:
        raise GagalMassal(f"Jumlah pegawai ({pegawai}) harus kelipatan basis ({basis}).")
    k = pegawai // basis
    if not database_kosong(db.session):
        raise GagalMassal("Basis data sudah berisi data instansi; data massal hanya dibuat pada basis data kosong.")
    cetak(f"Data massal: {pegawai} pegawai = {k} × basis {basis}; beban mesin {os.getloadavg()[0]:.2f}")
    mulai = time.perf_counter()
    siapkan_data(app, pegawai=basis, seed=seed, password=password)
    db.session.commit()
    waktu: dict = {}
    t = _fase(waktu, "basis (demo ORM)", mulai, cetak)
    g = db.session.execute(text("SELECT max(right(nip, 3)::int) FROM pegawai")).scalar()
    if k * g > 999:
        raise GagalMassal(f"K × nomor urut NIP terbesar = {k} × {g} > 999: pakai basis yang lebih besar.")
    db.session.close()
    hasil = salin_di_server(engine, Model.metadata, k, lepas=lepas, cetak=cetak)
    waktu.update(hasil["waktu"])
    t = time.perf_counter()
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as c:
        c.execute(text("ANALYZE"))
    t = _fase(waktu, "analyze", t, cetak)
    peran = periksa_massal(db.session, k, hasil["basis"])
    db.session.rollback()
    _fase(waktu, "periksa (termasuk pilih_pegawai_demo)", t, cetak)
    total = round(time.perf_counter() - mulai, 1)
    ukuran = db.session.execute(text("SELECT pg_size_pretty(pg_database_size(current_database()))")).scalar()
    db.session.rollback()
    jumlah = {n: k * b for n, b in hasil["basis"].items()}
    cetak(f"Selesai dalam {total} s; ukuran basis data {ukuran}; beban mesin {os.getloadavg()[0]:.2f}")
    cetak("Baris: " + ", ".join(f"{n} {v}" for n, v in sorted(jumlah.items(), key=lambda x: -x[1])))
    return {"k": k, "basis": basis, "waktu": waktu, "total": total, "ukuran": ukuran, "jumlah": jumlah, "peran": peran}


def _main(argv: list[str] | None = None) -> None:  # pragma: no cover - exercised by hand and by bench_skala
    ap = argparse.ArgumentParser(description="Data demo massal (PostgreSQL): K salinan basis demo di server.")
    ap.add_argument("--pegawai", type=int, default=1_000_000)
    ap.add_argument("--basis", type=int, default=None, help=f"pegawai basis demo ORM (bawaan {BASIS_BAWAAN})")
    ap.add_argument("--seed", type=int, default=2026)
    ap.add_argument("--tanpa-lepas", action="store_true", help="jangan lepas indeks/kunci asing selama penyalinan")
    ap.add_argument("--url", default=os.environ.get("DATABASE_URL"), help="bawaan: DATABASE_URL")
    args = ap.parse_args(argv)
    if not (args.url or "").startswith("postgresql"):
        sys.exit("Data massal hanya untuk PostgreSQL: DATABASE_URL=postgresql+psycopg://… (SQLite: seed demo).")
    from app import create_app

    app = create_app({"SQLALCHEMY_DATABASE_URI": args.url})
    with app.app_context():
        try:
            bangun_massal(app, args.pegawai, args.basis, seed=args.seed, lepas=not args.tanpa_lepas)
        except GagalMassal as e:
            sys.exit(f"Gagal: {e}")


if __name__ == "__main__":  # pragma: no cover
    _main()
