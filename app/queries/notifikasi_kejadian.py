"""Domain events beyond those in ``app.queries.notifikasi``: each tells who must act next, once, in the transaction
of the query function that performs the event (kinds are registered in ``notifikasi.JENIS``).

* Deadlines are the ones the rules already computed and stored on the record (R7, working days:
  ``Keberatan.tenggat_keputusan``, ``EvaluasiKinerja.tenggat_laporan``) — never counted here.
* Confidential kinds (R11: behaviour report, counselling) get only the kind's neutral sentence and a link to the
  counselling record, which only the circle of 000 Pasal 16(5) may open; no name, NIP or text is passed at all.
* Keys are kind:link:user:step, so a repeated call for the same step adds nothing.
"""

from __future__ import annotations

from flask_appbuilder.security.sqla.models import Role, assoc_user_role
from sqlalchemy import select

from app.extensions import db
from app.format import tanggal, tanggal_saja
from app.queries import notifikasi as q
from app.rules import KeputusanKeberatan
from app.security import roles as R
from schema.models import Pegawai, UnitKerja, User
from schema.models.siasn import RiwayatKirimSiasn


def pemegang_peran(peran: str, pegawai_id: int | None) -> list[int]:
    """Active accounts holding ``peran`` whose employee record is in the instansi of ``pegawai_id`` (its unit's
    instansi); when that instansi has none, the accounts holding it without an employee record (central ones)."""
    dasar = (
        select(User.id)
        .join(assoc_user_role, assoc_user_role.c.user_id == User.id)
        .join(Role, Role.id == assoc_user_role.c.role_id)
        .where(Role.name == peran, User.active.is_(True))
    )
    instansi = db.session.scalar(
        select(UnitKerja.instansi_id)
        .join(Pegawai, Pegawai.unit_kerja_id == UnitKerja.id)
        .where(Pegawai.id == (pegawai_id or 0))
    )
    uids: list[int] = []
    if instansi is not None:
        uids = list(
            db.session.scalars(
                dasar.join(Pegawai, Pegawai.user_id == User.id)
                .join(UnitKerja, UnitKerja.id == Pegawai.unit_kerja_id)
                .where(UnitKerja.instansi_id == instansi)
                .distinct()
                .order_by(User.id)
            )
        )
    if not uids:
        uids = list(
            db.session.scalars(
                dasar.where(~select(Pegawai.id).where(Pegawai.user_id == User.id).exists()).distinct().order_by(User.id)
            )
        )
    return uids


# --- perencanaan / penilaian ------------------------------------------------------------------------------------


def skp_ditetapkan(skp) -> None:
    """001 Pasal 14: the set SKP is the employee's to carry out and document."""
    q.beri_tahu_pegawai(
        skp.pegawai_id,
        "skp_ditetapkan",
        f"SKP {skp.tahun} Anda ditetapkan",
        f"SKP Anda ditetapkan pada {tanggal_saja(skp.tanggal_ditetapkan)} dan berlaku mulai "
        f"{tanggal_saja(skp.berlaku_mulai)}. Dokumentasikan realisasi dan bukti dukungnya secara berkala.",
        f"/skp/show/{skp.id}",
        skp.tanggal_ditetapkan.isoformat() if skp.tanggal_ditetapkan else "ditetapkan",
    )


def evaluasi_dikembalikan(ev, penilai_id: int | None) -> None:
    """001 Lampiran "Tindak lanjut" 7/10: the signed document is back with its signer, who reports it to the PyB
    by the deadline stored when the evaluation was made (``tenggat_laporan``)."""
    batas = (
        f" Laporkan kepada PyB paling lambat {tanggal_saja(ev.tenggat_laporan)}."
        if ev.tenggat_laporan and not ev.tanggal_dilaporkan
        else ""
    )
    q.beri_tahu_pegawai(
        penilai_id,
        "evaluasi_dikembalikan",
        f"Dokumen evaluasi kinerja {ev.tahun} {q.nama_pegawai(ev.pegawai_id)} dikembalikan",
        f"Pegawai telah mengembalikan dokumen hasil evaluasi kinerja yang ditandatangani.{batas}",
        f"/evaluasi/show/{ev.id}",
        f"{ev.tanggal_dikembalikan}",
    )


def keberatan_diajukan(kb, ev) -> None:
    """001 Lampiran "Keberatan" 5–6: the atasan hears both sides and decides by ``tenggat_keputusan`` (R7)."""
    q.beri_tahu_pegawai(
        ev.atasan_penilai_id,
        "keberatan_diajukan",
        f"Keberatan atas evaluasi kinerja {ev.tahun} {q.nama_pegawai(kb.pegawai_id)}",
        "Pegawai mengajukan keberatan atas hasil evaluasi kinerjanya. Catat penjelasan pejabat penilai dan "
        f"pegawai, lalu putuskan paling lambat {tanggal_saja(kb.tenggat_keputusan)}.",
        f"/keberatan/show/{kb.id}",
        "diajukan",
    )


def keberatan_diputus(kb, ev) -> None:
    """001 Lampiran "Keberatan" 7: the employee and the evaluator learn the decision."""
    kep = KeputusanKeberatan(kb.keputusan)
    tautan = f"/keberatan/show/{kb.id}"
    akibat = (
        "Hasil evaluasi dikuatkan dan bersifat final."
        if kep is KeputusanKeberatan.MENGUATKAN
        else "Hasil evaluasi diubah; dokumen D.1.3 akan disampaikan oleh atasan pejabat penilai."
    )
    isi = f"Atasan pejabat penilai memutus keberatan pada {tanggal_saja(kb.tanggal_keputusan)}: {akibat}"
    q.beri_tahu_pegawai(
        kb.pegawai_id,
        "keberatan_diputus",
        f"Keberatan Anda atas evaluasi kinerja {ev.tahun} diputus",
        isi,
        tautan,
        "diputus",
    )
    if ev.penilai_id and ev.penilai_id != kb.pegawai_id:
        q.beri_tahu_pegawai(
            ev.penilai_id,
            "keberatan_diputus",
            f"Keberatan {q.nama_pegawai(kb.pegawai_id)} atas evaluasi kinerja {ev.tahun} diputus",
            isi,
            tautan,
            "diputus",
        )


# --- pelaksanaan: behaviour report and counselling (R11, confidential) -------------------------------------------


def _rahasia(uid: int, jenis: str, kons_id: int, langkah: str) -> None:
    # nothing of the case is passed: the kind's neutral sentence, the counselling record's link (000 Pasal 16(5))
    tautan = f"/konseling/show/{kons_id}"
    q.beri_tahu(uid, jenis, q.jenis(jenis).label, q.PESAN_RAHASIA, tautan, f"{jenis}:{tautan}:{uid}:{langkah}")


def laporan_perilaku_masuk(kons) -> None:
    """000 Pasal 16(3): the PyB decides whether the reported employee gets counselling."""
    for uid in pemegang_peran(R.PYB, kons.pegawai_id):
        _rahasia(uid, "laporan_perilaku", kons.id, "dilaporkan")


def konseling_ditetapkan(kons) -> None:
    """000 Pasal 16(4): the appointed counsellor holds the counselling (and records its result)."""
    uid = q.user_pegawai(kons.konselor_id)
    if uid is not None:
        _rahasia(uid, "konseling", kons.id, f"ditetapkan:{kons.konselor_id}")


def konseling_dijadwalkan(kons) -> None:
    uid = q.user_pegawai(kons.konselor_id)
    if uid is not None:
        _rahasia(uid, "konseling", kons.id, f"dijadwalkan:{kons.jadwal}")


# --- pelaksanaan: feedback (R9) -----------------------------------------------------------------------------------


def umpan_balik_diminta(p, skp) -> None:
    pesan = f" Pesan: {p.pesan}" if p.pesan else ""
    q.beri_tahu_pegawai(
        p.diminta_kepada_id,
        "umpan_balik_diminta",
        f"{q.nama_pegawai(skp.pegawai_id)} meminta umpan balik dari Anda",
        f"Berikan umpan balik atas kinerja dan perilaku kerjanya (SKP {skp.tahun}), atau tolak permintaan.{pesan}",
        f"/permintaanumpanbalik/jawab/{p.id}",
        "diminta",
    )


def umpan_balik_dijawab(p, skp) -> None:
    q.beri_tahu_pegawai(
        skp.pegawai_id,
        "umpan_balik_dijawab",
        f"{q.nama_pegawai(p.diminta_kepada_id)} memberi umpan balik yang Anda minta",
        f"Umpan balik atas SKP {skp.tahun} Anda sudah diberikan; lihat di halaman pelaksanaan SKP.",
        f"/pelaksanaan/skp/{skp.id}",
        f"permintaan-{p.id}",
    )


# --- coaching clinic (004 BAB III C.1) ----------------------------------------------------------------------------


def _sesi(sesi) -> str:
    tempat = f" di {sesi.tempat}" if sesi.tempat else ""
    return f"{tanggal(sesi.mulai)}–{sesi.selesai:%H.%M}{tempat}"


def klinik_dikonfirmasi(sesi) -> None:
    q.beri_tahu_pegawai(
        sesi.pegawai_id,
        "klinik_dikonfirmasi",
        f"Sesi coaching clinic SKP {tanggal_saja(sesi.mulai)} dipesan",
        f"Sesi coaching clinic SKP Anda: {_sesi(sesi)}, bersama {q.nama_pegawai(sesi.anggota.pegawai_id)}. Bawa draf SKP Anda.",
        f"/klinik/sesi/show/{sesi.id}",
        "dipesan",
    )


def klinik_dibatalkan(sesi) -> None:
    q.beri_tahu_pegawai(
        sesi.pegawai_id,
        "klinik_dibatalkan",
        f"Sesi coaching clinic SKP {tanggal_saja(sesi.mulai)} dibatalkan",
        f"Sesi coaching clinic SKP Anda ({_sesi(sesi)}) dibatalkan. Alasan: {sesi.alasan_batal or '-'}. "
        "Silakan pesan slot lain.",
        f"/klinik/sesi/show/{sesi.id}",
        "dibatalkan",
    )


# --- SIASN ----------------------------------------------------------------------------------------------------------


def siasn_gagal(row) -> None:
    """A row of the SIASN outbox became "gagal": the operators of the employee's instansi fix and resend it. Once per
    row and attempt cycle (the cycle starts with its "diantrekan"/"kirim_ulang" history entry), whatever the retries;
    the text carries no message from SIASN (it is on the record page) and nothing of the integration's settings."""
    mulai = db.session.scalar(
        select(RiwayatKirimSiasn.id)
        .where(RiwayatKirimSiasn.kirim_id == row.id, RiwayatKirimSiasn.kejadian.in_(("diantrekan", "kirim_ulang")))
        .order_by(RiwayatKirimSiasn.id.desc())
        .limit(1)
    )
    tautan = f"/kirimsiasn/show/{row.id}"
    for uid in pemegang_peran(R.OPERATOR, row.pegawai_id):
        q.beri_tahu(
            uid,
            "siasn_gagal",
            f"Pengiriman hasil evaluasi {q.nama_pegawai(row.pegawai_id)} ke SIASN gagal",
            "SIASN menolak atau tidak menerima kiriman ini. Buka rinciannya untuk membaca pesan SIASN, perbaiki "
            "datanya, lalu kirim ulang.",
            tautan,
            f"siasn_gagal:{tautan}:{uid}:{mulai or 0}",
        )
