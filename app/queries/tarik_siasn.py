"""Tarik dari SIASN (003 Pasal 36 ayat 4): SIASN's master data compared with ours, applied only where ticked.

* ``siapkan(klien, nips)`` reads the UNOR reference once, then data utama and riwayat jabatan of each NIP, and
  returns the diff (JSON-ready): per NIP ``baru`` (typed, unknown here), ``berubah`` (field by field, ours vs
  SIASN's), ``tidak_ada`` (ours, SIASN answers 404) or ``konflik``. Bad data (a malformed NIP, a body failing
  the written contract app/siasn/kontrak.json, an unknown UNOR) makes the whole NIP a conflict without any
  applicable item; a different head of the unit ("atasan berbeda") or a position we cannot find is shown
  beside the applicable items. A temporary SIASN failure (timeout, 5xx) or a refused token raises
  ``GalatSiasn``: nothing is prepared.
* ``simpan(isi, ...)`` keeps it as a ``selisih_siasn`` row; ``terapkan(selisih, kunci)`` applies the ticked items
  in the caller's transaction: an item not in the diff (a conflict posted anyway) or a row changed since the diff
  was prepared (``diubah_pada``) refuses the whole action; ``pegawai.siasn_id`` is set from the data utama id.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import joinedload

from app import jam
from app.aksi import DataBasi, Ditolak
from app.extensions import db
from app.rules.nip import NIPTidakValid, urai_nip
from app.security.audit import catat
from app.siasn import kontrak
from app.siasn.klien import GalatSiasn, Klien
from schema.models import Golongan, Jabatan, Pegawai, UnitKerja
from schema.models.siasn import SelisihSiasn

POLA_NIP = re.compile(r"[0-9]{18}")
LABEL = {
    "nama": "Nama",
    "gelar_depan": "Gelar depan",
    "gelar_belakang": "Gelar belakang",
    "email": "Email",
    "tanggal_lahir": "Tanggal lahir",
    "unit_kerja_id": "Unit kerja",
    "jabatan_id": "Jabatan",
    "golongan_id": "Golongan",
    "siasn_id": "ID SIASN",
}
TANGGAL = {"tanggal_lahir"}
JENIS = ("baru", "berubah", "tidak_ada", "konflik")
MAKS_IN = 500  # NIPs per IN (…) list


def urai_nips(teks: str) -> list[str]:
    """NIPs typed one or more per line (spaces, commas, semicolons); order kept, duplicates dropped."""
    hasil: list[str] = []
    for n in re.split(r"[\s,;]+", teks or ""):
        if n and n not in hasil:
            hasil.append(n)
    return hasil


def _teks(v: Any) -> str | None:
    return v.strip() or None if isinstance(v, str) else None


def _tanggal(v: Any) -> dt.date | None:
    try:
        return dt.datetime.strptime(v, "%d-%m-%Y").date() if isinstance(v, str) and v else None
    except ValueError:
        return None


class _Acuan:
    """Everything the comparison reads from our side, loaded once per diff (a few statements, not per NIP)."""

    def __init__(self, unor: list[dict], nips: list[str]):
        self.unor = {r["Id"]: r for r in unor if isinstance(r.get("Id"), str) and r["Id"]}
        units = db.session.scalars(select(UnitKerja)).all()
        self.unit = {u.id: u for u in units}
        self.unit_siasn = {u.siasn_id: u for u in units if u.siasn_id}
        self.unit_nama: dict[str, list[UnitKerja]] = {}
        for u in units:
            if not u.siasn_id:
                self.unit_nama.setdefault(u.nama.strip().lower(), []).append(u)
        self.pegawai: dict[str, Pegawai] = {}
        sah = [n for n in nips if POLA_NIP.fullmatch(n)]
        for i in range(0, len(sah), MAKS_IN):
            q = select(Pegawai).where(Pegawai.nip.in_(sah[i : i + MAKS_IN]))
            q = q.options(joinedload(Pegawai.jabatan), joinedload(Pegawai.golongan), joinedload(Pegawai.unit_kerja))
            self.pegawai.update((p.nip, p) for p in db.session.scalars(q).unique())
        kepala = db.session.execute(
            select(Jabatan.unit_kerja_id, Pegawai.id, Pegawai.nama, Pegawai.siasn_id)
            .join(Pegawai, Pegawai.jabatan_id == Jabatan.id)
            .where(Jabatan.is_kepala_unit.is_(True), Jabatan.aktif.is_(True))
        ).all()
        self.kepala: dict[int, list[Any]] = {}
        for r in kepala:
            self.kepala.setdefault(r.unit_kerja_id, []).append(r)
        self.siasn_ke_pegawai = dict(
            db.session.execute(select(Pegawai.siasn_id, Pegawai.id).where(Pegawai.siasn_id.is_not(None))).all()
        )
        self.golongan = {g.kode: g for g in db.session.scalars(select(Golongan).where(Golongan.jenis_asn == "pns"))}
        self.jabatan: dict[tuple[int, str], list[Jabatan]] = {}
        for j in db.session.scalars(select(Jabatan).where(Jabatan.aktif.is_(True))):
            self.jabatan.setdefault((j.unit_kerja_id, j.nama.strip().lower()), []).append(j)


def _unit(acuan: _Acuan, unor_id: str | None) -> tuple[UnitKerja | None, str | None, bool]:
    """Our unit for SIASN's UNOR id: (unit, problem, bad data). Mapped by ``unit_kerja.siasn_id``, else by an
    unambiguous name (the mapping then becomes an applicable item)."""
    if not unor_id:
        return None, "SIASN tidak mencatat UNOR pegawai ini.", False
    r = acuan.unor.get(unor_id)
    if r is None:
        return None, f"UNOR {unor_id} tidak dikenal referensi UNOR SIASN.", True
    u = acuan.unit_siasn.get(unor_id)
    if u is not None:
        return u, None, False
    calon = acuan.unit_nama.get(str(r.get("NamaUnor") or "").strip().lower(), [])
    if len(calon) == 1:
        return calon[0], None, False
    return None, f"UNOR '{r.get('NamaUnor')}' ({unor_id}) belum dipetakan ke unit kerja di sini.", False


def _jabatan_terakhir(rw: list[dict]) -> dict | None:
    def urut(j: dict) -> dt.date:
        return _tanggal(j.get("tmtJabatan")) or dt.date.min

    return max(rw, key=urut) if rw else None


def _nama_jabatan(j: dict | None) -> str | None:
    if not j:
        return None
    return (
        _teks(j.get("namaJabatan"))
        or _teks(j.get("jabatanFungsionalNama"))
        or _teks(j.get("jabatanFungsionalUmumNama"))
    )


def _atasan(acuan: _Acuan, unit: UnitKerja, du: dict, batch: dict[str, str]) -> str | None:
    """A conflict when SIASN's head of the UNOR (``PemimpinPnsId``) is not our head of the unit."""
    r = acuan.unor.get(du.get("unorId") or "") or {}
    pemimpin = _teks(r.get("PemimpinPnsId"))
    kepala = acuan.kepala.get(unit.id, [])
    if not pemimpin or not kepala or pemimpin == du.get("id"):
        return None
    pid = acuan.siasn_ke_pegawai.get(pemimpin)
    if pid is None and pemimpin in batch:
        p = acuan.pegawai.get(batch[pemimpin])
        pid = p.id if p else None
    if pid is not None and pid in {k.id for k in kepala}:
        return None
    if pid is None and not any(k.siasn_id for k in kepala):
        return None  # SIASN's head unknown here and ours without a SIASN id: nothing to compare
    nama = ", ".join(k.nama for k in kepala)
    return (
        f"Atasan berbeda: SIASN mencatat pimpinan {r.get('NamaUnor') or unit.nama} (PNS {pemimpin}), "
        f"di sini kepala {unit.nama} adalah {nama}."
    )


def _bandingkan(acuan: _Acuan, p: Pegawai, nilai: dict[str, Any], tampil: dict[str, str]) -> list[dict]:
    perubahan = []
    for f, baru in nilai.items():
        lama = getattr(p, f)
        lama_j = lama.isoformat() if isinstance(lama, dt.date) else lama
        if baru is None or lama_j == baru:
            continue
        perubahan.append(
            {
                "kunci": f"{p.nip}:{f}",
                "field": f,
                "label": LABEL[f],
                "asal": lama_j,
                "nilai": baru,
                "kami": _tampil(acuan, f, lama_j),
                "siasn": tampil.get(f) or _tampil(acuan, f, baru),
            }
        )
    return perubahan


def _tampil(acuan: _Acuan, f: str, v: Any) -> str:
    if v is None:
        return "—"
    if f == "unit_kerja_id":
        u = acuan.unit.get(v)
        return u.nama if u else str(v)
    if f == "jabatan_id":
        j = db.session.get(Jabatan, v)
        return j.nama if j else str(v)
    if f == "golongan_id":
        g = db.session.get(Golongan, v)
        return g.kode if g else str(v)
    return str(v)


def _salah_data(nip: str, du: dict, rw: list[dict]) -> list[str]:
    salah = [f"Data utama: {g}" for g in kontrak.periksa_respons("data_utama", {"data": du})]
    salah += [f"Riwayat jabatan: {g}" for g in kontrak.periksa_respons("rw_jabatan", {"data": rw})]
    nip_siasn = du.get("nipBaru")
    if isinstance(nip_siasn, str) and (not POLA_NIP.fullmatch(nip_siasn) or nip_siasn != nip):
        salah.append(f"NIP dari SIASN '{nip_siasn}' tidak sah atau tidak sama dengan NIP yang diminta.")
    return salah


def _nilai_siasn(acuan: _Acuan, du: dict, rw: list[dict], unit: UnitKerja | None) -> tuple[dict, dict, list[str]]:
    """SIASN's values in our columns (None: SIASN silent, nothing to compare), their display, and soft conflicts."""
    nilai: dict[str, Any] = {
        "nama": _teks(du.get("nama")),
        "gelar_depan": _teks(du.get("gelarDepan")),
        "gelar_belakang": _teks(du.get("gelarBelakang")),
        "email": _teks(du.get("emailGov")) or _teks(du.get("email")),
        "tanggal_lahir": lahir.isoformat() if (lahir := _tanggal(du.get("tanggalLahir"))) else None,
        "siasn_id": _teks(du.get("id")),
        "unit_kerja_id": unit.id if unit else None,
    }
    tampil, lunak = {}, []
    gol = _teks(du.get("golRuangAkhir"))
    if gol:
        g = acuan.golongan.get(gol)
        nilai["golongan_id"] = g.id if g else None
        if g is None:
            lunak.append(f"Golongan {gol} dari SIASN tidak ada di data induk golongan.")
    nama_jab = _nama_jabatan(_jabatan_terakhir(rw)) or _teks(du.get("jabatanNama"))
    if nama_jab and unit is not None:
        calon = acuan.jabatan.get((unit.id, nama_jab.lower()), [])
        if len(calon) == 1:
            nilai["jabatan_id"] = calon[0].id
        else:
            lunak.append(f"Jabatan '{nama_jab}' tidak ditemukan tepat satu di unit {unit.nama}.")
            tampil["jabatan_id"] = nama_jab
    return nilai, tampil, lunak


def _entri(acuan: _Acuan, nip: str, du: dict, rw: list[dict], batch: dict[str, str]) -> dict:
    p = acuan.pegawai.get(nip)
    e: dict[str, Any] = {"nip": nip, "nama": _teks(du.get("nama")) or (p.nama if p else ""), "perubahan": []}
    salah = _salah_data(nip, du, rw)
    unit, masalah, data_buruk = _unit(acuan, du.get("unorId")) if not salah else (None, None, False)
    if data_buruk:
        salah.append(masalah)
    if salah:
        return {**e, "jenis": "konflik", "konflik": salah}
    nilai, tampil, lunak = _nilai_siasn(acuan, du, rw, unit)
    lunak = ([masalah] if masalah else []) + lunak
    if unit is not None and (a := _atasan(acuan, unit, du, batch)):
        lunak.append(a)
    if unit is not None and not unit.siasn_id:
        e["unit_baru"] = {"unit_id": unit.id, "siasn_id": du["unorId"], "diubah_pada": unit.diubah_pada.isoformat()}
    if p is None:
        try:
            n = urai_nip(nip)
        except NIPTidakValid as x:
            return {**e, "jenis": "konflik", "konflik": [str(x)]}
        e["baru"] = {
            **{k: v for k, v in nilai.items() if v is not None},
            "tanggal_lahir": n.tanggal_lahir.isoformat(),
            "tmt_cpns": dt.date(n.tmt_tahun, n.tmt_bulan, 1).isoformat(),
            "jenis_kelamin": n.jenis_kelamin,
        }
        e["perubahan"] = [
            {"kunci": f"{nip}:baru", "field": "baru", "label": "Pegawai baru", "kami": "—",
             "siasn": f"{e['nama']} — {tampil.get('unit_kerja_id') or _tampil(acuan, 'unit_kerja_id', nilai['unit_kerja_id'])}"}
        ]  # fmt: skip
        return {**e, "jenis": "baru", "konflik": lunak}
    e.update(pegawai_id=p.id, diubah_pada=p.diubah_pada.isoformat(), siasn_id=nilai["siasn_id"], nama=p.nama)
    e["perubahan"] = _bandingkan(acuan, p, nilai, tampil)
    jenis = "berubah" if e["perubahan"] else ("konflik" if lunak else "sama")
    return {**e, "jenis": jenis, "konflik": lunak}


def _tarik(klien: Klien, nip: str, acuan: _Acuan) -> tuple[dict | None, list[dict] | None, dict | None]:
    """(data utama, riwayat jabatan, None) or (None, None, the entry of a NIP SIASN cannot answer)."""
    p = acuan.pegawai.get(nip)
    if not POLA_NIP.fullmatch(nip):
        return None, None, {"nip": nip, "nama": "", "jenis": "konflik", "perubahan": [],
                            "konflik": [f"NIP '{nip}' tidak sah: harus 18 digit angka."]}  # fmt: skip
    try:
        return klien.data_utama(nip), klien.riwayat_jabatan(nip), None
    except GalatSiasn as g:
        if g.kode == 404 and p is not None:
            return None, None, {"nip": nip, "nama": p.nama, "jenis": "tidak_ada", "perubahan": [], "konflik": [],
                                "pegawai_id": p.id}  # fmt: skip
        if g.kode in (400, 404):
            alasan = "NIP tidak dikenal SIASN dan tidak ada di sini." if g.kode == 404 else str(g)
            return None, None, {"nip": nip, "nama": "", "jenis": "konflik", "perubahan": [], "konflik": [alasan]}
        raise


def siapkan(klien: Klien, nips: list[str], lapor: Callable[..., None] | None = None) -> dict[str, Any]:
    """The diff of ``nips`` (see the module docstring); reads only, writes nothing."""
    acuan = _Acuan(klien.ref_unor(), nips)
    tarikan: dict[str, tuple[dict, list[dict]]] = {}
    entri: list[dict] = []
    for i, nip in enumerate(nips, 1):
        if lapor:
            lapor(90 * i // (len(nips) + 1), f"Membaca SIASN: {i} dari {len(nips)} NIP")
        du, rw, gagal = _tarik(klien, nip, acuan)
        if gagal is not None:
            entri.append(gagal)
        else:
            tarikan[nip] = (du or {}, rw or [])
    batch = {str(du.get("id")): nip for nip, (du, _) in tarikan.items() if du.get("id")}
    for nip, (du, rw) in tarikan.items():
        entri.append(_entri(acuan, nip, du, rw, batch))
    jumlah = {j: sum(1 for e in entri if e["jenis"] == j) for j in (*JENIS, "sama")}
    urutan = {j: k for k, j in enumerate(JENIS)}
    entri = sorted((e for e in entri if e["jenis"] != "sama"), key=lambda e: (urutan[e["jenis"]], e["nip"]))
    return {"jumlah": jumlah, "pegawai": entri, "dibaca": len(nips)}


def ringkasan(isi: dict) -> str:
    j = isi["jumlah"]
    return (
        f"{isi['dibaca']} NIP dibaca: {j['baru']} baru, {j['berubah']} berubah, {j['tidak_ada']} tidak ada di "
        f"SIASN, {j['konflik']} konflik, {j['sama']} sama."
    )


def simpan(isi: dict, sumber: str, lingkup: str, user_id: int | None = None) -> SelisihSiasn:
    s = SelisihSiasn(sumber=sumber, lingkup=lingkup[:200], user_id=user_id, isi=json.dumps(isi, ensure_ascii=False))
    db.session.add(s)
    db.session.flush()
    return s


def terbaru(batas: int = 20) -> list[SelisihSiasn]:
    return list(db.session.scalars(select(SelisihSiasn).order_by(SelisihSiasn.id.desc()).limit(batas)))


def isi(s: SelisihSiasn) -> dict:
    return json.loads(s.isi)


# --- applying -------------------------------------------------------------------------------------------------


def _berubah_sejak(obj: Any, stempel: str | None) -> bool:
    return obj is None or stempel is None or obj.diubah_pada.isoformat() != stempel


def _nilai_kolom(f: str, v: Any) -> Any:
    return dt.date.fromisoformat(v) if f in TANGGAL | {"tmt_cpns"} and isinstance(v, str) else v


def _terapkan_baru(e: dict) -> tuple[dict, dict]:
    if db.session.scalar(select(Pegawai.id).where(Pegawai.nip == e["nip"])) is not None:
        raise DataBasi(f"NIP {e['nip']} sudah ditambahkan sejak selisih disiapkan; tidak ada yang disimpan.")
    data = {k: _nilai_kolom(k, v) for k, v in e["baru"].items()}
    db.session.add(Pegawai(nip=e["nip"], jenis_asn="pns", status="aktif", **data))
    return {}, {k: v for k, v in e["baru"].items()}


def _terapkan_ubah(e: dict, items: list[dict]) -> tuple[dict, dict]:
    p = db.session.get(Pegawai, e["pegawai_id"], with_for_update=True)  # PostgreSQL: no edit between check and write
    if _berubah_sejak(p, e.get("diubah_pada")) or p.nip != e["nip"]:
        raise DataBasi(
            f"Data pegawai {e['nip']} telah diubah sejak selisih disiapkan; tidak ada yang disimpan. "
            "Tarik ulang dari SIASN lalu terapkan lagi."
        )
    sebelum, sesudah = {}, {}
    items = list(items)
    if e.get("siasn_id") and p.siasn_id != e["siasn_id"] and not any(i["field"] == "siasn_id" for i in items):
        items.append({"field": "siasn_id", "nilai": e["siasn_id"]})  # applying SIASN's data links the PNS
    for i in items:
        lama = getattr(p, i["field"])
        sebelum[i["field"]] = lama.isoformat() if isinstance(lama, dt.date) else lama
        setattr(p, i["field"], _nilai_kolom(i["field"], i["nilai"]))
        sesudah[i["field"]] = i["nilai"]
    return sebelum, sesudah


def _petakan_unit(e: dict) -> tuple[dict, dict] | None:
    ub = e.get("unit_baru")
    if not ub:
        return None
    u = db.session.get(UnitKerja, ub["unit_id"], with_for_update=True)
    if u is not None and u.siasn_id == ub["siasn_id"]:
        return None  # mapped already (by another NIP of this diff)
    if _berubah_sejak(u, ub["diubah_pada"]):
        raise DataBasi("Unit kerja telah diubah sejak selisih disiapkan; tidak ada yang disimpan. Tarik ulang.")
    lama, u.siasn_id = u.siasn_id, ub["siasn_id"]
    return {"siasn_id": lama}, {"siasn_id": ub["siasn_id"]}


def terapkan(s: SelisihSiasn, kunci: list[str]) -> dict[str, int]:
    """Apply the ticked items of ``s`` (no commit: the caller's one transaction). All or nothing."""
    if s.diterapkan_pada is not None:
        raise Ditolak("Selisih ini sudah diterapkan. Tarik ulang dari SIASN untuk melihat selisih terbaru.")
    if not kunci:
        raise Ditolak("Pilih minimal satu perubahan untuk diterapkan.")
    entri = {e["nip"]: e for e in isi(s)["pegawai"]}
    boleh = {i["kunci"]: (e, i) for e in entri.values() if e["jenis"] in ("baru", "berubah") for i in e["perubahan"]}
    tolak = [k for k in kunci if k not in boleh]
    if tolak:
        raise Ditolak(
            "Butir berikut tidak dapat diterapkan (konflik data atau bukan bagian selisih ini): "
            + ", ".join(tolak[:5])
            + ". Tidak ada yang disimpan."
        )
    # claimed first with one conditional UPDATE: a second operator applying the same diff at once is refused
    diambil = db.session.execute(
        update(SelisihSiasn)
        .where(SelisihSiasn.id == s.id, SelisihSiasn.diterapkan_pada.is_(None))
        .values(diterapkan_pada=jam.sekarang_utc())
        .execution_options(synchronize_session=False)
    ).rowcount
    if not diambil:
        raise DataBasi("Selisih ini baru saja diterapkan pengguna lain. Muat ulang halamannya.")
    per_nip: dict[str, list[dict]] = {}
    for k in kunci:
        e, i = boleh[k]
        per_nip.setdefault(e["nip"], []).append(i)
    sebelum: dict[str, dict] = {}
    sesudah: dict[str, dict] = {}
    for nip, items in sorted(per_nip.items()):
        e = entri[nip]
        if any(i["field"] in ("unit_kerja_id", "baru") for i in items) and (u := _petakan_unit(e)):
            sebelum[f"unit:{e['unit_baru']['unit_id']}"], sesudah[f"unit:{e['unit_baru']['unit_id']}"] = u
        sebelum[nip], sesudah[nip] = _terapkan_baru(e) if e["jenis"] == "baru" else _terapkan_ubah(e, items)
    db.session.flush()
    # one entry naming every field with before/after (the flush also audits each pegawai row by itself)
    catat("selisih_siasn", s.id, "ubah", sebelum=sebelum, sesudah=sesudah)
    return {"pegawai": len(per_nip), "butir": len(kunci)}
