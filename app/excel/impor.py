"""Excel import of unit kerja, jabatan and pegawai: validate every row, then write all or nothing.

Natural keys: unit kerja and jabatan by ``kode``, pegawai by NIP (upsert). Validation uses
marshmallow schemas per row and set-based look-ups (one query per referenced table),
so 50 000 rows validate and load without a query per row.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from dataclasses import dataclass
from typing import IO, Any, Callable

from marshmallow import Schema, ValidationError, fields, validate, validates_schema
from openpyxl import Workbook, load_workbook
from sqlalchemy import insert, select, update

from app.queries.pohon import pesan_induk
from app.rules import JenisASN, JenisJabatan, StatusPegawai
from app.rules.nip import cek_nip
from app.rules.pohon import masalah_induk
from schema.enums import JenisKelamin, JenisUnit
from schema.models import Golongan, Instansi, Jabatan, Pegawai, UnitKerja

MAKS_BARIS = 60000


@dataclass
class Galat:
    baris: int
    kolom: str
    alasan: str


class ImporGagal(Exception):
    def __init__(self, galat: list[Galat]):
        super().__init__(f"{len(galat)} kesalahan")
        self.galat = galat


def _oneof(enum):
    vals = [m.value for m in enum]
    return validate.OneOf(vals, error="harus salah satu dari: " + ", ".join(vals))


class YaTidak(fields.Field):
    def _deserialize(self, value, attr, data, **kw):
        if value is None or value == "":
            return False
        s = str(value).strip().lower()
        if s in ("ya", "y", "1", "true", "benar"):
            return True
        if s in ("tidak", "t", "0", "false", "salah"):
            return False
        raise ValidationError("isi dengan Ya atau Tidak")


class Tanggal(fields.Field):
    def _deserialize(self, value, attr, data, **kw):
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        s = str(value).strip()
        for fmt in ("%d-%m-%Y", "%Y-%m-%d", "%d/%m/%Y"):
            try:
                return dt.datetime.strptime(s, fmt).date()
            except ValueError:
                continue
        raise ValidationError("bukan tanggal (gunakan format HH-BB-TTTT)")


class Teks(fields.String):
    def _deserialize(self, value, attr, data, **kw):
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        return super()._deserialize(str(value).strip(), attr, data, **kw)


WAJIB = {"required": "wajib diisi", "null": "wajib diisi"}


class UnitKerjaBaris(Schema):
    kode = Teks(required=True, validate=validate.Length(min=1, max=40), error_messages=WAJIB)
    nama = Teks(required=True, validate=validate.Length(min=1, max=200), error_messages=WAJIB)
    jenis = Teks(required=True, validate=_oneof(JenisUnit), error_messages=WAJIB)
    kode_induk = Teks(load_default=None, allow_none=True)
    mandiri = YaTidak(load_default=False)
    sekretariat = YaTidak(load_default=False)
    tim_kota = YaTidak(load_default=False)


class JabatanBaris(Schema):
    kode = Teks(required=True, validate=validate.Length(min=1, max=40), error_messages=WAJIB)
    nama = Teks(required=True, validate=validate.Length(min=1, max=200), error_messages=WAJIB)
    jenis = Teks(required=True, validate=_oneof(JenisJabatan), error_messages=WAJIB)
    kode_unit = Teks(required=True, error_messages=WAJIB)
    kode_atasan = Teks(load_default=None, allow_none=True)
    kepala_unit = YaTidak(load_default=False)


class PegawaiBaris(Schema):
    nip = Teks(required=True, error_messages=WAJIB)
    nama = Teks(required=True, validate=validate.Length(min=1, max=150), error_messages=WAJIB)
    gelar_depan = Teks(load_default=None, allow_none=True, validate=validate.Length(max=40))
    gelar_belakang = Teks(load_default=None, allow_none=True, validate=validate.Length(max=60))
    tanggal_lahir = Tanggal(required=True, error_messages=WAJIB)
    tmt = Tanggal(required=True, error_messages=WAJIB)
    jenis_kelamin = Teks(required=True, validate=_oneof(JenisKelamin), error_messages=WAJIB)
    jenis_asn = Teks(required=True, validate=_oneof(JenisASN), error_messages=WAJIB)
    status = Teks(load_default="aktif", validate=_oneof(StatusPegawai))
    golongan = Teks(load_default=None, allow_none=True)
    kode_jabatan = Teks(load_default=None, allow_none=True)
    kode_unit = Teks(required=True, error_messages=WAJIB)
    email = fields.Email(load_default=None, allow_none=True, error_messages={"invalid": "bukan alamat surel"})

    @validates_schema
    def _nip(self, data, **kw):
        pesan = cek_nip(data.get("nip", ""), data.get("tanggal_lahir"), data.get("tmt"), data.get("jenis_kelamin"))
        if pesan:
            raise ValidationError(" ".join(pesan), field_name="nip")


JENIS = {
    "unit_kerja": (
        "Unit Kerja",
        UnitKerjaBaris,
        ["kode", "nama", "jenis", "kode_induk", "mandiri", "sekretariat", "tim_kota"],
    ),
    "jabatan": ("Jabatan", JabatanBaris, ["kode", "nama", "jenis", "kode_unit", "kode_atasan", "kepala_unit"]),
    "pegawai": (
        "Pegawai",
        PegawaiBaris,
        [
            "nip",
            "nama",
            "gelar_depan",
            "gelar_belakang",
            "tanggal_lahir",
            "tmt",
            "jenis_kelamin",
            "jenis_asn",
            "status",
            "golongan",
            "kode_jabatan",
            "kode_unit",
            "email",
        ],
    ),
}

# one example row per template, with codes of the demo regency (seeds/demo.py): each template downloaded from a
# fresh demo installation imports as-is as a trial (a new unit/position/employee under Dinas Pendidikan);
# tests/excel/test_templat_demo.py imports them
CONTOH = {
    "unit_kerja": ["DISDIK.B9", "Bidang Uji Coba Impor", "bidang", "DISDIK", "Tidak", "Tidak", "Tidak"],
    "jabatan": ["DISDIK.SEK.90", "Analis Uji Coba Impor", "pelaksana", "DISDIK.SEK", "DISDIK.SEK.01", "Tidak"],
    "pegawai": [
        "198503152010011002",
        "Budi Santoso",
        "",
        "S.Pd.",
        "15-03-1985",
        "01-01-2010",
        "L",
        "pns",
        "aktif",
        "III/a",
        "DISDIK.SEK.02",
        "DISDIK.SEK",
        "",
    ],
}


def templat(jenis: str):
    """A downloadable template: header row, one example row, and a sheet explaining the codes."""

    judul, _schema, kolom = JENIS[jenis]
    wb = Workbook()
    ws = wb.active
    ws.title = judul
    ws.append(kolom)
    ws.append(CONTOH[jenis])
    for c in ws[2]:
        c.number_format = "@"
    for i, _ in enumerate(kolom):
        ws.column_dimensions[chr(65 + i)].width = 20
    ref = wb.create_sheet("Petunjuk")
    ref.append(["Kolom", "Nilai yang diterima"])
    for name, enum in (
        ("jenis (unit)", JenisUnit),
        ("jenis (jabatan)", JenisJabatan),
        ("jenis_kelamin", JenisKelamin),
        ("jenis_asn", JenisASN),
        ("status", StatusPegawai),
    ):
        ref.append([name, ", ".join(f"{m.value} ({m.label})" for m in enum)])
    ref.append(["tanggal", "HH-BB-TTTT, contoh 15-03-1985"])
    ref.append(["NIP", "18 digit, ditulis sebagai teks"])
    f = tempfile.SpooledTemporaryFile()
    wb.save(f)
    f.seek(0)
    return f


def _tanpa_lapor(persen: int, tahap: str | None = None) -> None:
    pass


def _baca(berkas: IO[bytes], kolom: list[str], lapor=_tanpa_lapor) -> list[tuple[int, dict[str, Any]]]:
    try:
        wb = load_workbook(berkas, read_only=True, data_only=True)
    except Exception:
        raise ImporGagal([Galat(0, "-", "Berkas bukan file Excel (.xlsx) yang valid.")]) from None
    ws = wb.worksheets[0]
    rows = ws.iter_rows(values_only=True)
    header = next(rows, None)
    if header is None:
        raise ImporGagal([Galat(1, "-", "Lembar kerja kosong.")])
    header = [str(h).strip().lower() if h is not None else "" for h in header]
    hilang = [k for k in kolom if k not in header]
    if hilang:
        raise ImporGagal([Galat(1, k, "kolom tidak ada di baris judul (unduh templat)") for k in hilang])
    idx = {k: header.index(k) for k in kolom}
    out = []
    perkiraan = ws.max_row or 0  # from the sheet's dimension record when the writer stored one
    for n, row in enumerate(rows, start=2):
        if n % 1000 == 0:
            lapor(2 + (28 * n // perkiraan if perkiraan > n else 14), f"Membaca baris {n:,}".replace(",", "."))
        if row is None or all(v is None or str(v).strip() == "" for v in row):
            continue
        if len(out) >= MAKS_BARIS:
            raise ImporGagal([Galat(n, "-", f"lebih dari {MAKS_BARIS} baris")])
        data = {}
        for k, i in idx.items():
            v = row[i] if i < len(row) else None
            if v is not None and not (isinstance(v, str) and v.strip() == ""):
                data[k] = v
        out.append((n, data))
    wb.close()
    return out


def _validasi(rows, schema: Schema, lapor=_tanpa_lapor):
    galat, bersih = [], []
    total = len(rows)
    for i, (n, data) in enumerate(rows):
        if i % 1000 == 0 and i:
            lapor(30 + 40 * i // total, f"Memeriksa baris {i:,} dari {total:,}".replace(",", "."))
        try:
            bersih.append((n, schema.load(data)))
        except ValidationError as e:
            for kolom, msgs in e.messages.items():
                for m in msgs if isinstance(msgs, list) else [msgs]:
                    galat.append(Galat(n, kolom, str(m)))
    return galat, bersih


def impor(
    session, jenis: str, berkas: IO[bytes], instansi_id: int | None = None, lapor: Callable[..., None] = _tanpa_lapor
) -> dict[str, int]:
    """Validate everything; on any error raise ImporGagal (nothing written). Caller commits.

    ``lapor(persen, tahap)`` receives progress while reading and validating, and once more just before the
    writes begin (never during them: see app/pekerjaan.py).
    """
    _judul, schema_cls, kolom = JENIS[jenis]
    lapor(2, "Membaca berkas")
    rows = _baca(berkas, kolom, lapor)
    if not rows:
        raise ImporGagal([Galat(2, "-", "Tidak ada baris data.")])
    lapor(30, f"Memeriksa {len(rows):,} baris".replace(",", "."))
    galat, bersih = _validasi(rows, schema_cls(), lapor)
    lapor(70, "Memeriksa rujukan (unit, jabatan, golongan)")
    if instansi_id is None:
        instansi_id = session.scalar(select(Instansi.id).order_by(Instansi.id).limit(1))
        if instansi_id is None:
            raise ImporGagal([Galat(0, "-", "Belum ada instansi: isi data instansi terlebih dahulu.")])
    fn = {"unit_kerja": _impor_unit, "jabatan": _impor_jabatan, "pegawai": _impor_pegawai}[jenis]
    return fn(session, bersih, galat, instansi_id, lapor)


def _duplikat(bersih, key, kolom, galat):
    seen: dict[str, int] = {}
    for n, d in bersih:
        k = d[key]
        if k in seen:
            galat.append(Galat(n, kolom, f"duplikat dengan baris {seen[k]}"))
        else:
            seen[k] = n


def _selesai(galat, lapor=_tanpa_lapor):
    if galat:
        raise ImporGagal(sorted(galat, key=lambda g: (g.baris, g.kolom)))
    lapor(80, "Menyimpan ke basis data")


def _cek_siklus(pohon: str, bersih, kolom_induk: str, baris_db, galat) -> None:
    """Parents as they will be after the import (database overlaid with the file), checked row by row with the
    same rule as the forms and the API: no cycle, no chain deeper than the limit. ``baris_db`` = (id, kode, parent
    id) of the database rows; a row without a code is keyed by its id."""

    kunci = {i: (k or ("id", i)) for i, k, _ in baris_db}
    peta = {kunci[i]: (kunci.get(p, ("id", p)) if p is not None else None) for i, k, p in baris_db}
    for _, d in bersih:
        peta[d["kode"]] = d.get(kolom_induk) or None
    for n, d in bersih:
        induk = d.get(kolom_induk) or None
        if induk is None or induk == d["kode"]:  # self-parent already reported with its own message
            continue
        masalah = masalah_induk(d["kode"], induk, peta)
        if masalah:
            galat.append(Galat(n, kolom_induk, pesan_induk(pohon, masalah)))


def _upsert(session, model, key_col, existing: dict, records: list[dict]) -> dict[str, int]:
    baru = [r for r in records if r[key_col] not in existing]
    lama = [dict(r, id=existing[r[key_col]]) for r in records if r[key_col] in existing]
    if baru:
        session.execute(insert(model), baru)
    if lama:
        session.execute(update(model), lama)
    return {"ditambah": len(baru), "diperbarui": len(lama)}


def _impor_unit(session, bersih, galat, instansi_id, lapor=_tanpa_lapor):
    _duplikat(bersih, "kode", "kode", galat)
    ada = dict(session.execute(select(UnitKerja.kode, UnitKerja.id).where(UnitKerja.instansi_id == instansi_id)).all())
    kode_file = {d["kode"] for _, d in bersih}
    for n, d in bersih:
        ki = d.get("kode_induk")
        if ki and ki not in ada and ki not in kode_file:
            galat.append(Galat(n, "kode_induk", f"unit induk dengan kode {ki} tidak ditemukan"))
        if ki and ki == d["kode"]:
            galat.append(Galat(n, "kode_induk", "unit tidak boleh menjadi induk dirinya sendiri"))
    _cek_siklus(
        "unit_kerja",
        bersih,
        "kode_induk",
        session.execute(
            select(UnitKerja.id, UnitKerja.kode, UnitKerja.induk_id).where(UnitKerja.instansi_id == instansi_id)
        ).all(),
        galat,
    )
    _selesai(galat, lapor)
    recs = [
        dict(
            instansi_id=instansi_id,
            kode=d["kode"],
            nama=d["nama"],
            jenis=d["jenis"],
            is_mandiri=d["mandiri"],
            is_sekretariat=d["sekretariat"],
            boleh_tim_kota=d["tim_kota"],
            aktif=True,
        )
        for _, d in bersih
    ]
    hasil = _upsert(session, UnitKerja, "kode", ada, recs)
    # second pass: parents, now that every code has an id
    ids = dict(session.execute(select(UnitKerja.kode, UnitKerja.id).where(UnitKerja.instansi_id == instansi_id)).all())
    par = [
        {"id": ids[d["kode"]], "induk_id": ids.get(d.get("kode_induk")) if d.get("kode_induk") else None}
        for _, d in bersih
    ]
    session.execute(update(UnitKerja), par)
    return hasil


def _impor_jabatan(session, bersih, galat, instansi_id, lapor=_tanpa_lapor):
    _duplikat(bersih, "kode", "kode", galat)
    unit = dict(session.execute(select(UnitKerja.kode, UnitKerja.id).where(UnitKerja.instansi_id == instansi_id)).all())
    ada = dict(session.execute(select(Jabatan.kode, Jabatan.id).where(Jabatan.kode.is_not(None))).all())
    kode_file = {d["kode"] for _, d in bersih}
    for n, d in bersih:
        if d["kode_unit"] not in unit:
            galat.append(Galat(n, "kode_unit", f"unit kerja dengan kode {d['kode_unit']} tidak ditemukan"))
        ka = d.get("kode_atasan")
        if ka and ka not in ada and ka not in kode_file:
            galat.append(Galat(n, "kode_atasan", f"jabatan atasan dengan kode {ka} tidak ditemukan"))
        if ka and ka == d["kode"]:
            galat.append(Galat(n, "kode_atasan", "jabatan tidak boleh menjadi atasan dirinya sendiri"))
    _cek_siklus(
        "jabatan",
        bersih,
        "kode_atasan",
        session.execute(select(Jabatan.id, Jabatan.kode, Jabatan.atasan_id)).all(),
        galat,
    )
    _selesai(galat, lapor)
    recs = [
        dict(
            kode=d["kode"],
            nama=d["nama"],
            jenis=d["jenis"],
            unit_kerja_id=unit[d["kode_unit"]],
            is_kepala_unit=d["kepala_unit"],
            aktif=True,
        )
        for _, d in bersih
    ]
    hasil = _upsert(session, Jabatan, "kode", ada, recs)
    ids = dict(session.execute(select(Jabatan.kode, Jabatan.id).where(Jabatan.kode.is_not(None))).all())
    session.execute(
        update(Jabatan),
        [
            {"id": ids[d["kode"]], "atasan_id": ids.get(d["kode_atasan"]) if d.get("kode_atasan") else None}
            for _, d in bersih
        ],
    )
    return hasil


def _impor_pegawai(session, bersih, galat, instansi_id, lapor=_tanpa_lapor):
    _duplikat(bersih, "nip", "nip", galat)
    unit = dict(session.execute(select(UnitKerja.kode, UnitKerja.id).where(UnitKerja.instansi_id == instansi_id)).all())
    jab = dict(session.execute(select(Jabatan.kode, Jabatan.id).where(Jabatan.kode.is_not(None))).all())
    gol = {(j, k): i for i, k, j in session.execute(select(Golongan.id, Golongan.kode, Golongan.jenis_asn)).all()}
    ada = dict(session.execute(select(Pegawai.nip, Pegawai.id)).all())
    recs = []
    for n, d in bersih:
        if d["kode_unit"] not in unit:
            galat.append(Galat(n, "kode_unit", f"unit kerja dengan kode {d['kode_unit']} tidak ditemukan"))
        kj = d.get("kode_jabatan")
        if kj and kj not in jab:
            galat.append(Galat(n, "kode_jabatan", f"jabatan dengan kode {kj} tidak ditemukan"))
        g = d.get("golongan")
        jenis_gol = "pppk" if d["jenis_asn"] == "pppk" else "pns"
        if g and (jenis_gol, g) not in gol:
            galat.append(Galat(n, "golongan", f"golongan {g} tidak dikenal untuk {d['jenis_asn'].upper()}"))
        if not galat:
            recs.append(
                dict(
                    nip=d["nip"],
                    nama=d["nama"],
                    gelar_depan=d.get("gelar_depan"),
                    gelar_belakang=d.get("gelar_belakang"),
                    tanggal_lahir=d["tanggal_lahir"],
                    tmt_cpns=d["tmt"],
                    jenis_kelamin=d["jenis_kelamin"],
                    jenis_asn=d["jenis_asn"],
                    status=d["status"],
                    golongan_id=gol.get((jenis_gol, g)) if g else None,
                    jabatan_id=jab.get(kj) if kj else None,
                    unit_kerja_id=unit.get(d["kode_unit"]),
                    email=d.get("email"),
                )
            )
    _selesai(galat, lapor)
    return _upsert(session, Pegawai, "nip", ada, recs)
