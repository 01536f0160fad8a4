"""Platform tunggal ASN: the outbox of final evaluations and its sender (shared by views, jobs and the CLI).

* ``antrekan(ev)`` — in the transaction that makes ``ev`` final (tanda_tangan.kembalikan, keberatan decisions)
  and in the daily sweep for results whose keberatan window passed (``antrekan_jatuh_tempo``): one outbox row
  per SIASN record (``kunci``); a later final result of the same record re-queues that row (same ``siasn_id``:
  an update, never a second record).
* ``kirim_menunggu(klien)`` — the background job: rows due are leased (``dikunci_sampai``) so two senders never
  send one row; a "mengirim" history entry is committed before each call, so a sender killed mid-call leaves
  a trace: before sending such a row again, SIASN's own records of that PNS are searched for it (no duplicate);
  success stores SIASN's id; a temporary failure waits (``app.rules.siasn.jeda_coba_lagi``); a refusal is
  "gagal" with SIASN's message.
* The signed document (the D.1.x/C.1.x workbook) is uploaded first (``upload-dok``) when ``kode_siasn`` maps a
  document reference for the target; SIASN's answer goes into ``path[]`` and is kept on the row for retries.
* ``muatan(ev)`` — the payload, with SIASN's codes from ``kode_siasn`` (reference data), validated against the
  written contract (app/siasn/kontrak.json) before it leaves.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from typing import Any

from sqlalchemy import exists, func, select
from sqlalchemy.orm import joinedload

from app import jam
from app.aksi import Ditolak
from app.extensions import db
from app.queries import kotak_keluar
from app.queries import notifikasi_kejadian as q_kejadian
from app.queries.penilaian.kalender import cuti_bersama
from app.rules.enums import JenisEvaluasi, StatusDokumen
from app.rules.siasn import MAKS_PERCOBAAN, bulan_periode, jeda_coba_lagi, siap_dikirim
from app.siasn import kontrak
from app.siasn.klien import GalatSiasn, Klien, Pengaturan, pengaturan
from schema.enums import DinilaiOleh
from schema.models import EvaluasiKinerja, Instansi, Keberatan, Pegawai, UnitKerja
from schema.models.siasn import KirimSiasn, KodeSiasn, RiwayatKirimSiasn, StatusKirim, TargetSiasn

SEWA = dt.timedelta(minutes=10)  # a sender's lease on a row; longer than one call with its timeout


Berkas = Callable[[EvaluasiKinerja], tuple[str, bytes]]
JENIS_DOKUMEN = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"  # the D.1.x workbook


class GalatMuatan(Ditolak):
    """The payload cannot be built (missing SIASN id of the PNS, unmapped code): fix the data, then resend."""


def target(ev: EvaluasiKinerja) -> TargetSiasn:
    return TargetSiasn.SKP22 if ev.jenis == JenisEvaluasi.TAHUNAN.value else TargetSiasn.KINERJA_PERIODIK


def kunci(ev: EvaluasiKinerja) -> str:
    t = target(ev)
    if t is TargetSiasn.SKP22:
        return f"{t.value}:{ev.pegawai_id}:{ev.tahun}"
    mulai, selesai = bulan_periode(ev.periode_jenis, ev.periode_nomor)
    return f"{t.value}:{ev.pegawai_id}:{ev.tahun}:{mulai}-{selesai}"


def _riwayat(kirim_id: int, kejadian: str, pesan: str | None = None, kode_http: int | None = None) -> None:
    db.session.add(
        RiwayatKirimSiasn(
            kirim_id=kirim_id, kejadian=kejadian, pesan=pesan, kode_http=kode_http, waktu=jam.sekarang_utc()
        )
    )


def antrekan(ev: EvaluasiKinerja, alasan: str = "Hasil evaluasi final.") -> KirimSiasn:
    """Queue ``ev`` for SIASN in the caller's transaction (no commit)."""
    k = kunci(ev)
    row = db.session.scalar(select(KirimSiasn).where(KirimSiasn.kunci == k))
    sekarang = jam.sekarang_utc()
    if row is None:
        row = KirimSiasn(
            kunci=k,
            target=target(ev).value,
            evaluasi_id=ev.id,
            pegawai_id=ev.pegawai_id,
            status=StatusKirim.MENUNGGU.value,
            percobaan=0,
            coba_lagi_pada=sekarang,
        )
        db.session.add(row)
        db.session.flush()
    elif row.evaluasi_id != ev.id or row.status == StatusKirim.GAGAL.value:
        # a new final result of the same record (D.1.3): send again, as an update of the stored siasn_id
        row.evaluasi_id, row.status, row.percobaan, row.coba_lagi_pada = ev.id, StatusKirim.MENUNGGU.value, 0, sekarang
        row.galat_terakhir = None
        alasan = alasan + (" Memperbarui rekaman SIASN yang sama." if row.siasn_id else "")
    else:
        return row  # already queued or sent for this very evaluation
    _riwayat(row.id, "diantrekan", alasan)
    return row


def _final_untuk_siasn(ev: EvaluasiKinerja, hari: dt.date, cuti, ada_keberatan: bool) -> bool:
    kepala_daerah = ev.dinilai_oleh == DinilaiOleh.KEPALA_DAERAH.value
    return siap_dikirim(
        ev.status_dokumen,
        bool(ev.is_final) and not kepala_daerah,
        kepala_daerah,
        ev.tanggal_diterima,
        hari,
        ada_keberatan,
        cuti,
    )


def antrekan_bila_final(ev: EvaluasiKinerja, alasan: str) -> KirimSiasn | None:
    ada = db.session.scalar(select(exists().where(Keberatan.evaluasi_id == ev.id)))
    if not ev.aktif or not _final_untuk_siasn(ev, jam.hari_ini(), cuti_bersama(), bool(ada)):
        return None
    return antrekan(ev, alasan)


def antrekan_jatuh_tempo(batas: int = 5000) -> int:
    """Daily: received results whose keberatan window passed without keberatan (or final ones) and that have
    no outbox row yet. Candidates come from one query; the rule decides per row."""
    t = EvaluasiKinerja
    calon = db.session.scalars(
        select(t)
        .where(
            t.aktif.is_(True),
            t.status_dokumen.in_(
                (StatusDokumen.DITERIMA.value, StatusDokumen.DIKEMBALIKAN.value, StatusDokumen.FINAL.value)
            ),
            t.tanggal_diterima.is_not(None),
            ~exists().where(Keberatan.evaluasi_id == t.id, Keberatan.keputusan.is_(None)),
            ~exists().where(KirimSiasn.evaluasi_id == t.id),
        )
        .order_by(t.id)
        .limit(batas)
    ).all()
    hari, cuti, n = jam.hari_ini(), cuti_bersama(), 0
    for ev in calon:
        if _final_untuk_siasn(ev, hari, cuti, False):
            antrekan(ev, "Masa keberatan lewat tanpa keberatan.")
            n += 1
    return n


# --- payload ---------------------------------------------------------------------------------------------------


def _kode(peta: dict[tuple[str, str], str], jenis: str, nilai: str | None, nama: str) -> int:
    kode = peta.get((jenis, nilai or ""))
    if kode is None:
        raise GalatMuatan(f"{nama} '{nilai or '—'}' belum dipetakan ke kode SIASN (Data Induk → Kode SIASN).")
    try:
        return int(kode)
    except ValueError:
        raise GalatMuatan(f"Kode SIASN untuk {nama} '{nilai}' harus bilangan, tertulis '{kode}'.") from None


def _penilai(ev: EvaluasiKinerja, peta: dict[tuple[str, str], str]) -> dict[str, str]:
    if ev.dinilai_oleh == DinilaiOleh.KEPALA_DAERAH.value:
        nama = db.session.scalar(
            select(Instansi.kepala_daerah_nama)
            .join(UnitKerja, UnitKerja.instansi_id == Instansi.id)
            .join(Pegawai, Pegawai.unit_kerja_id == UnitKerja.id)
            .where(Pegawai.id == ev.pegawai_id)
        )
        return {
            "nama": nama or "Kepala Daerah",
            "nip": "",
            "golongan": "",
            "jabatan": "Kepala Daerah",
            "unor": "",
            "status": "NON ASN",
        }
    pid = ev.atasan_penilai_id if ev.dinilai_oleh == DinilaiOleh.ATASAN_PENILAI.value else ev.penilai_id
    p = db.session.scalars(
        select(Pegawai)
        .where(Pegawai.id == pid)
        .options(joinedload(Pegawai.golongan), joinedload(Pegawai.jabatan), joinedload(Pegawai.unit_kerja))
    ).first()
    if p is None:
        raise GalatMuatan("Pejabat penilai evaluasi ini tidak tercatat.")
    return {
        "nama": p.nama_lengkap,
        "nip": p.nip,
        "golongan": _golongan(peta, p.golongan.kode if p.golongan else None),
        "jabatan": p.jabatan.nama if p.jabatan else "",
        "unor": p.unit_kerja.nama if p.unit_kerja else "",
        "status": "ASN",
    }


def _golongan(peta: dict[tuple[str, str], str], kode: str | None) -> str:
    if not kode:
        raise GalatMuatan("Golongan pejabat penilai belum tercatat.")
    gid = peta.get(("golongan", kode))
    if gid is None:
        raise GalatMuatan(f"Golongan {kode} belum dipetakan ke kode SIASN (Data Induk → Kode SIASN).")
    return gid


def peta_kode() -> dict[tuple[str, str], str]:
    return {(j, n): k for j, n, k in db.session.execute(select(KodeSiasn.jenis, KodeSiasn.nilai, KodeSiasn.kode))}


def muatan(ev: EvaluasiKinerja, siasn_id: str | None = None, peta: dict | None = None) -> dict[str, Any]:
    """The body SIASN expects for ``ev`` (annual → skp22/save, periodic → kinerjaperiodik/save)."""
    peta = peta if peta is not None else peta_kode()
    pegawai = db.session.get(Pegawai, ev.pegawai_id)
    if pegawai is None or not pegawai.siasn_id:
        raise GalatMuatan(
            f"ID SIASN pegawai {pegawai.nip if pegawai else ''} belum ada: tarik data utamanya dari SIASN dulu."
        )
    pn = _penilai(ev, peta)
    umum: dict[str, Any] = {
        "id": siasn_id,
        "tahun": ev.tahun,
        "hasilKinerjaNilai": _kode(peta, "hasil_kerja", ev.rating_hasil_kerja, "Rating hasil kerja"),
        "perilakuKerjaNilai": _kode(peta, "perilaku", ev.rating_perilaku, "Rating perilaku kerja"),
        "kuadranKinerjaNilai": _kode(peta, "kuadran", ev.predikat, "Predikat kinerja"),
        "penilaiNama": pn["nama"],
        "penilaiNipNrp": pn["nip"],
        "penilaiGolongan": pn["golongan"],
        "penilaiUnorNama": pn["unor"],
        "statusPenilai": pn["status"],
        "path": [],
    }
    if target(ev) is TargetSiasn.SKP22:
        return {**umum, "penilaiJabatan": pn["jabatan"], "pnsDinilaiOrang": pegawai.siasn_id}
    mulai, selesai = bulan_periode(ev.periode_jenis, ev.periode_nomor)
    periodik = peta.get(("periodik", ev.periode_jenis))
    if periodik is None:
        raise GalatMuatan(f"Periode {ev.periode_jenis} belum dipetakan ke kode SIASN (Data Induk → Kode SIASN).")
    return {
        **umum,
        "penilaiJabatanNama": pn["jabatan"],
        "pnsDinilaiId": pegawai.siasn_id,
        "periodikId": periodik,
        "koefisienId": peta.get(("koefisien", "bawaan"), ""),
        "bulanMulaiPenilaian": mulai,
        "bulanSelesaiPenilaian": selesai,
        "tahunMulaiPenilaian": ev.tahun,
        "tahunSelesaiPenilaian": ev.tahun,
    }


# --- sending ---------------------------------------------------------------------------------------------------


def _sewa(batas: int) -> list[int]:
    return kotak_keluar.sewa(KirimSiasn, StatusKirim.MENUNGGU.value, SEWA, batas)


def _terputus(kirim_id: int) -> bool:
    """The last history entry is "mengirim": a sender died during the call — SIASN may hold the record."""
    akhir = db.session.scalar(
        select(RiwayatKirimSiasn.kejadian)
        .where(RiwayatKirimSiasn.kirim_id == kirim_id)
        .order_by(RiwayatKirimSiasn.id.desc())
        .limit(1)
    )
    return akhir == "mengirim"


def _cocok(rekaman: dict, isi: dict) -> bool:
    if str(rekaman.get("tahun")) != str(isi["tahun"]):
        return False
    if "bulanMulaiPenilaian" in isi:
        return str(rekaman.get("bulanMulaiPenilaian")) == str(isi["bulanMulaiPenilaian"]) and str(
            rekaman.get("bulanSelesaiPenilaian")
        ) == str(isi["bulanSelesaiPenilaian"])
    return True


def _dokumen(klien: Klien, row: KirimSiasn, ev: EvaluasiKinerja, peta: dict, berkas: Berkas | None) -> list[dict]:
    """``path[]`` of the record: the signed document, uploaded once per evaluation and kept on the row (a retry
    reuses it); none when no ``dokumen`` reference is mapped for the target in ``kode_siasn``."""
    ref = peta.get(("dokumen", row.target))
    if berkas is None or not ref:
        return []
    simpan = json.loads(row.dokumen) if row.dokumen else None
    if simpan and simpan.get("evaluasi_id") == ev.id:
        return [simpan["path"]]
    nama, isi = berkas(ev)
    data = klien.unggah(ref, nama, isi, JENIS_DOKUMEN)
    salah = kontrak.periksa_respons("upload_dok", {"data": data})
    if salah:
        raise GalatMuatan("Jawaban unggah dokumen SIASN tidak sesuai kontrak: " + "; ".join(salah))
    row.dokumen = json.dumps({"evaluasi_id": ev.id, "path": data})
    _riwayat(row.id, "dokumen", f"Dokumen {nama} diunggah ({len(isi):,} bita).".replace(",", "."))
    db.session.commit()  # kept even if the save fails: the retry sends the same document
    return [data]


def _kirim_satu(klien: Klien, row: KirimSiasn, peta: dict, berkas: Berkas | None = None) -> str:
    ev = db.session.get(EvaluasiKinerja, row.evaluasi_id)
    isi = muatan(ev, row.siasn_id, peta)
    salah = periksa_muatan(row.target, isi)
    if salah:
        raise GalatMuatan("Data tidak sesuai kontrak SIASN: " + "; ".join(salah))
    isi["path"] = _dokumen(klien, row, ev, peta, berkas)
    if not row.siasn_id and _terputus(row.id):
        pegawai = db.session.get(Pegawai, row.pegawai_id)
        for rek in klien.riwayat(row.target, pegawai.nip):
            if _cocok(rek, isi):
                isi["id"] = str(rek.get("id"))  # the record the killed sender created: update it, not a second
                break
    _riwayat(row.id, "mengirim")
    db.session.commit()  # the trace of an attempt in flight
    return klien.simpan(row.target, isi)


def kirim_menunggu(klien: Klien, batas: int = 100, lapor=None, berkas: Berkas | None = None) -> dict[str, int]:
    """Send the due rows; one short transaction per row. Returns counts by outcome. ``berkas(ev)`` → (name,
    bytes) of the signed document (``app.excel.formulir_d.berkas_evaluasi``; the workbook layer sits above this
    one, so the caller passes it in)."""
    hasil = {"terkirim": 0, "coba_lagi": 0, "gagal": 0}
    ids = _sewa(batas)
    peta = peta_kode()
    for i, rid in enumerate(ids, 1):
        if lapor:
            lapor(100 * i // (len(ids) + 1), f"Mengirim {i} dari {len(ids)}")
        row = db.session.get(KirimSiasn, rid)
        sekarang = jam.sekarang_utc()
        try:
            siasn_id = _kirim_satu(klien, row, peta, berkas)
        except GalatSiasn as e:
            db.session.rollback()
            row = db.session.get(KirimSiasn, rid)
            row.percobaan += 1
            row.galat_terakhir = str(e)
            if e.sementara and row.percobaan < MAKS_PERCOBAAN:
                row.coba_lagi_pada = sekarang + jeda_coba_lagi(row.percobaan)
                _riwayat(rid, "coba_lagi", str(e), e.kode)
                hasil["coba_lagi"] += 1
            else:
                row.status = StatusKirim.GAGAL.value
                _riwayat(rid, "gagal", str(e), e.kode)
                q_kejadian.siasn_gagal(row)  # in the transaction that marks it failed
                hasil["gagal"] += 1
        except Ditolak as e:
            db.session.rollback()
            row = db.session.get(KirimSiasn, rid)
            row.percobaan += 1
            row.status, row.galat_terakhir = StatusKirim.GAGAL.value, str(e)
            _riwayat(rid, "gagal", str(e))
            q_kejadian.siasn_gagal(row)
            hasil["gagal"] += 1
        else:
            row.status, row.siasn_id, row.terkirim_pada = StatusKirim.TERKIRIM.value, siasn_id, sekarang
            row.percobaan += 1
            row.galat_terakhir = None
            _riwayat(rid, "terkirim", f"Id SIASN {siasn_id}.", 200)
            hasil["terkirim"] += 1
        row.dikunci_sampai = None
        db.session.commit()
    return hasil


def kirim_ulang(rows: list[KirimSiasn]) -> int:
    """Operator's "kirim ulang": failed or waiting rows become due now (sent rows stay sent)."""
    n = 0
    for row in rows:
        if row.status == StatusKirim.TERKIRIM.value:
            continue
        row.status, row.percobaan, row.coba_lagi_pada = StatusKirim.MENUNGGU.value, 0, jam.sekarang_utc()
        row.dikunci_sampai = None
        _riwayat(row.id, "kirim_ulang", "Dikirim ulang oleh operator.")
        n += 1
    return n


def riwayat_kirim(kirim_id: int) -> list[RiwayatKirimSiasn]:
    return list(
        db.session.scalars(
            select(RiwayatKirimSiasn).where(RiwayatKirimSiasn.kirim_id == kirim_id).order_by(RiwayatKirimSiasn.id)
        )
    )


def jumlah_per_status() -> dict[str, int]:
    ada = dict(db.session.execute(select(KirimSiasn.status, func.count()).group_by(KirimSiasn.status)).all())
    return {s.value: int(ada.get(s.value, 0)) for s in StatusKirim}


JALUR_KONTRAK = {"skp22": "skp22_save", "kinerjaperiodik": "kinerjaperiodik_save"}


def periksa_muatan(target_: str, isi: dict) -> list[str]:
    """The written contract (app/siasn/kontrak.json): the same check as SIASN's test double applies."""
    return kontrak.periksa(JALUR_KONTRAK[target_], isi)


_KLIEN: dict[Pengaturan, Klien] = {}  # one client (and its tokens) per process and configuration


def klien(config) -> Klien | None:
    """The configured client, or None when the integration is off."""
    p = pengaturan(config)
    if p is None:
        return None
    if p not in _KLIEN:
        _KLIEN[p] = Klien(p)
    return _KLIEN[p]
