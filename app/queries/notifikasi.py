"""Notifications: who must act next is told once, in the app and (if they want it) by email.

* ``beri_tahu(...)`` — called by the query function that performs the event, in the caller's transaction (no
  commit). Idempotent by ``kunci_unik`` (kind:record:user:step): a second call with the same key does nothing,
  so a re-run of the daily schedule never duplicates a reminder. It queues one ``kirim_surel`` row when the user
  has an address (the employee record's, else the account's), email is on and the instansi has not switched the
  kind off.
* Confidential kinds (``rahasia``: counselling, behaviour reports — R11) keep only a neutral sentence, in the
  app and in the email: no name, NIP or content of the case, whatever the caller passed.
* ``tandai_dibaca`` / ``tandai_semua_dibaca`` / ``belum_dibaca`` / ``milik`` — always restricted to one user.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError

from app import jam
from app.extensions import db
from app.format import waktu
from schema.models import Pegawai, UnitKerja, User
from schema.models.notifikasi import KirimSurel, Notifikasi, PreferensiNotifikasi, SaklarNotifikasi, StatusSurel

RINGKASAN = "ringkasan_harian"
PESAN_RAHASIA = "Ada hal yang memerlukan perhatian Anda. Silakan masuk ke aplikasi untuk melihatnya."


@dataclass(frozen=True)
class JenisNotifikasi:
    label: str
    rahasia: bool = False  # R11: neutral text only, in the app and by email


JENIS: dict[str, JenisNotifikasi] = {
    "skp_diajukan": JenisNotifikasi("SKP diajukan"),
    "skp_dikembalikan": JenisNotifikasi("SKP dikembalikan"),
    "skp_ditetapkan": JenisNotifikasi("SKP ditetapkan"),
    "evaluasi_disampaikan": JenisNotifikasi("Hasil evaluasi disampaikan"),
    "evaluasi_dikembalikan": JenisNotifikasi("Hasil evaluasi dikembalikan"),
    "keberatan_diajukan": JenisNotifikasi("Keberatan diajukan"),
    "keberatan_diputus": JenisNotifikasi("Keberatan diputus"),
    "umpan_balik_diminta": JenisNotifikasi("Umpan balik diminta"),
    "umpan_balik_dijawab": JenisNotifikasi("Umpan balik dijawab"),
    "klinik_dikonfirmasi": JenisNotifikasi("Jadwal klinik SKP dikonfirmasi"),
    "klinik_dibatalkan": JenisNotifikasi("Jadwal klinik SKP dibatalkan"),
    "siasn_gagal": JenisNotifikasi("Pengiriman ke SIASN gagal"),
    "pengingat_tenggat": JenisNotifikasi("Pengingat tenggat"),
    "ringkasan_harian": JenisNotifikasi("Ringkasan harian"),
    "laporan_perilaku": JenisNotifikasi("Laporan perilaku", rahasia=True),
    "konseling": JenisNotifikasi("Konseling", rahasia=True),
}


def jenis(kode: str) -> JenisNotifikasi:
    try:
        return JENIS[kode]
    except KeyError:
        raise ValueError(f"jenis notifikasi tidak dikenal: {kode!r}") from None


def rahasia(kode: str) -> bool:
    j = JENIS.get(kode)
    return True if j is None else j.rahasia  # an unknown kind is treated as confidential


def judul_isi(kode: str, judul: str, isi: str) -> tuple[str, str]:
    """What may be stored and shown: for confidential kinds only the kind's label and a neutral sentence."""
    j = jenis(kode)
    if j.rahasia:
        return f"{j.label}: perlu perhatian", PESAN_RAHASIA
    return judul[:200], isi


def alamat_surel(user_id: int) -> str | None:
    """The address from the employee record, else the account's; None if neither holds one."""
    row = db.session.execute(
        select(Pegawai.email, User.email)
        .select_from(User)
        .outerjoin(Pegawai, Pegawai.user_id == User.id)
        .where(User.id == user_id)
    ).first()
    if row is None:
        return None
    return (row[0] or "").strip() or (row[1] or "").strip() or None


def preferensi(user_id: int) -> PreferensiNotifikasi:
    """The user's preference (defaults — email on, no digest — when never saved; not added to the session)."""
    p = db.session.scalar(select(PreferensiNotifikasi).where(PreferensiNotifikasi.user_id == user_id))
    return p or PreferensiNotifikasi(user_id=user_id, surel_aktif=True, ringkasan_harian=False)


def simpan_preferensi(user_id: int, surel_aktif: bool, ringkasan_harian: bool) -> PreferensiNotifikasi:
    p = db.session.scalar(select(PreferensiNotifikasi).where(PreferensiNotifikasi.user_id == user_id))
    if p is None:
        p = PreferensiNotifikasi(user_id=user_id)
        db.session.add(p)
    p.surel_aktif, p.ringkasan_harian = bool(surel_aktif), bool(ringkasan_harian)
    return p


def aktif_untuk(user_id: int, kode: str) -> bool:
    """False when the user's instansi switched the kind off (no switch row: on)."""
    mati = db.session.scalar(
        select(func.count())
        .select_from(SaklarNotifikasi)
        .join(UnitKerja, UnitKerja.instansi_id == SaklarNotifikasi.instansi_id)
        .join(Pegawai, Pegawai.unit_kerja_id == UnitKerja.id)
        .where(Pegawai.user_id == user_id, SaklarNotifikasi.jenis == kode, SaklarNotifikasi.aktif.is_(False))
    )
    return not mati


def atur_saklar(instansi_id: int, kode: str, aktif: bool) -> SaklarNotifikasi:
    jenis(kode)
    s = db.session.scalar(
        select(SaklarNotifikasi).where(SaklarNotifikasi.instansi_id == instansi_id, SaklarNotifikasi.jenis == kode)
    )
    if s is None:
        s = SaklarNotifikasi(instansi_id=instansi_id, jenis=kode)
        db.session.add(s)
    s.aktif = bool(aktif)
    return s


def _antrekan_surel(n: Notifikasi, user_id: int, jenis_: str) -> KirimSurel | None:
    pref = preferensi(user_id)
    if not pref.surel_aktif or (pref.ringkasan_harian and jenis_ != RINGKASAN):
        return None  # the daily digest (``buat_ringkasan``) replaces per-event mail
    alamat = alamat_surel(user_id)
    if not alamat:
        return None
    k = KirimSurel(
        notifikasi_id=n.id,
        alamat=alamat,
        status=StatusSurel.MENUNGGU.value,
        percobaan=0,
        coba_lagi_pada=jam.sekarang_utc(),
    )
    db.session.add(k)
    return k


def beri_tahu(
    user_id: int, jenis_: str, judul: str, isi: str = "", tautan: str | None = None, kunci_unik: str | None = None
) -> Notifikasi | None:
    """Notify ``user_id`` once per ``kunci_unik`` (in the caller's transaction). Returns the new entry, or None
    when it already exists or the instansi switched the kind off."""
    judul, isi = judul_isi(jenis_, judul, isi)
    kunci = (kunci_unik or f"{jenis_}:{tautan or '-'}:{user_id}")[:200]
    if tautan and not tautan.startswith("/"):
        raise ValueError("tautan notifikasi harus URL relatif aplikasi")
    if db.session.scalar(select(Notifikasi.id).where(Notifikasi.kunci_unik == kunci)) is not None:
        return None
    if not aktif_untuk(user_id, jenis_):
        return None
    n = Notifikasi(
        user_id=user_id,
        jenis=jenis_,
        judul=judul,
        isi=isi,
        tautan=tautan,
        kunci_unik=kunci,
        dibuat_pada=jam.sekarang_utc(),
    )
    try:
        with db.session.begin_nested():  # a concurrent caller inserted the same key: theirs stands
            db.session.add(n)
            db.session.flush()
    except IntegrityError:
        return None
    _antrekan_surel(n, user_id, jenis_)
    db.session.flush()
    return n


def _isi_ringkasan(rows: list[Notifikasi]) -> str:
    biasa = [f"- {n.judul}" for n in rows if not rahasia(str(n.jenis))]
    n_rahasia = len(rows) - len(biasa)
    if n_rahasia:  # R11: counted, never named
        biasa.append(f"- {n_rahasia} hal lain memerlukan perhatian Anda.")
    return "\n".join(biasa)


def buat_ringkasan(hari) -> int:
    """Daily: one digest entry (already read in the app, mailed once) per user who chose the digest, listing
    their unread notifications since the previous digest; confidential ones only counted. Returns how many."""
    users = db.session.scalars(
        select(PreferensiNotifikasi.user_id).where(
            PreferensiNotifikasi.ringkasan_harian.is_(True), PreferensiNotifikasi.surel_aktif.is_(True)
        )
    ).all()
    n_baru = 0
    for uid in users:
        sejak = db.session.scalar(
            select(func.max(Notifikasi.dibuat_pada)).where(Notifikasi.user_id == uid, Notifikasi.jenis == RINGKASAN)
        )
        q = select(Notifikasi).where(
            Notifikasi.user_id == uid, Notifikasi.jenis != RINGKASAN, Notifikasi.dibaca_pada.is_(None)
        )
        if sejak is not None:
            q = q.where(Notifikasi.dibuat_pada > sejak)
        rows = list(db.session.scalars(q.order_by(Notifikasi.id).limit(200)))
        if not rows:
            continue
        n = beri_tahu(
            uid,
            RINGKASAN,
            f"Ringkasan notifikasi: {len(rows)} belum dibaca",
            _isi_ringkasan(rows),
            "/notifikasi/",
            f"{RINGKASAN}:{uid}:{hari}",
        )
        if n is not None:
            n.dibaca_pada = n.dibuat_pada  # the entries themselves stay unread; the digest adds nothing to the bell
            n_baru += 1
    return n_baru


# --- reading (always one user's own rows) ----------------------------------------------------------------------


def milik(user_id: int, batas: int = 100, hanya_belum: bool = False) -> list[Notifikasi]:
    q = select(Notifikasi).where(Notifikasi.user_id == user_id)
    if hanya_belum:
        q = q.where(Notifikasi.dibaca_pada.is_(None))
    return list(db.session.scalars(q.order_by(Notifikasi.id.desc()).limit(batas)))


def sebagai_json(n: Notifikasi, tautan: str | None) -> dict:
    """One entry as the page's JSON and the REST API give it (``tautan``: where opening it leads)."""
    return {
        "id": n.id,
        "jenis": n.jenis,
        "jenis_label": JENIS[n.jenis].label if n.jenis in JENIS else n.jenis,
        "judul": n.judul,
        "isi": n.isi,
        "tautan": tautan,
        "dibuat_pada": waktu(n.dibuat_pada),
        "dibaca": n.dibaca_pada is not None,
    }


def satu(user_id: int, nid: int) -> Notifikasi | None:
    """The entry ``nid`` if it is ``user_id``'s (None otherwise: the caller answers 404)."""
    return db.session.scalar(select(Notifikasi).where(Notifikasi.id == nid, Notifikasi.user_id == user_id))


def belum_dibaca(user_id: int) -> int:
    return int(
        db.session.scalar(
            select(func.count())
            .select_from(Notifikasi)
            .where(Notifikasi.user_id == user_id, Notifikasi.dibaca_pada.is_(None))
        )
        or 0
    )


def tandai_dibaca(user_id: int, nid: int) -> bool:
    """Mark one of the user's entries read; False when it is not theirs (or does not exist)."""
    n = satu(user_id, nid)
    if n is None:
        return False
    if n.dibaca_pada is None:
        n.dibaca_pada = jam.sekarang_utc()
    return True


def tandai_semua_dibaca(user_id: int) -> int:
    return db.session.execute(
        update(Notifikasi)
        .where(Notifikasi.user_id == user_id, Notifikasi.dibaca_pada.is_(None))
        .values(dibaca_pada=jam.sekarang_utc())
        .execution_options(synchronize_session=False)
    ).rowcount


# --- domain events: called by the query function that performs the event, in its transaction ------------------
# (the other events — SKP ditetapkan, keberatan, R11 cases, feedback, clinic, SIASN — are in notifikasi_kejadian.py)


def user_pegawai(pegawai_id: int | None) -> int | None:
    """The account of an employee (None: no account, nobody to tell in the app)."""
    if not pegawai_id:
        return None
    return db.session.scalar(select(Pegawai.user_id).where(Pegawai.id == pegawai_id))


def nama_pegawai(pegawai_id: int | None) -> str:
    """The employee's full name for a notification's title ("pegawai" when unknown)."""
    p = db.session.get(Pegawai, pegawai_id) if pegawai_id else None
    return p.nama_lengkap if p is not None else "pegawai"


def beri_tahu_pegawai(pegawai_id: int | None, jenis_: str, judul: str, isi: str, tautan: str, langkah: str):
    """``beri_tahu`` for an employee's account; the key is kind:record:user:step."""
    uid = user_pegawai(pegawai_id)
    if uid is None:
        return None
    return beri_tahu(uid, jenis_, judul, isi, tautan, f"{jenis_}:{tautan}:{uid}:{langkah}")


def skp_diajukan(skp) -> None:
    """001 Pasal 14: the evaluator sets the submitted SKP (a Kepala Daerah's SKP is acted on by the PyB)."""
    if skp.ditetapkan_kepala_daerah:
        return
    beri_tahu_pegawai(
        skp.penilai_id,
        "skp_diajukan",
        f"SKP {skp.tahun} {nama_pegawai(skp.pegawai_id)} diajukan",
        "SKP menunggu Anda periksa, lalu tetapkan atau kembalikan dengan catatan.",
        f"/skp/show/{skp.id}",
        jam.sekarang_utc().isoformat(),
    )


def skp_dikembalikan(skp) -> None:
    beri_tahu_pegawai(
        skp.pegawai_id,
        "skp_dikembalikan",
        f"SKP {skp.tahun} Anda dikembalikan",
        f"Catatan pejabat penilai: {skp.catatan_penilai or '-'}. Perbaiki lalu ajukan kembali.",
        f"/skp/show/{skp.id}",
        jam.sekarang_utc().isoformat(),
    )


def evaluasi_disampaikan(ev, batas_kembali, teks_batas: str) -> None:
    """The employee signs receipt, then returns the document within the working-day window (R7)."""
    beri_tahu_pegawai(
        ev.pegawai_id,
        "evaluasi_disampaikan",
        f"Hasil evaluasi kinerja {ev.tahun} disampaikan kepada Anda",
        "Tandatangani penerimaannya di aplikasi. Dokumen dikembalikan paling lambat "
        f"{teks_batas} bila penerimaan ditandatangani hari ini.",
        f"/evaluasi/show/{ev.id}",
        f"{ev.tanggal_disampaikan}:{batas_kembali}",
    )


# --- operator ---------------------------------------------------------------------------------------------------


def saklar_semua() -> dict[tuple[int, str], bool]:
    return {
        (i, j): bool(a)
        for i, j, a in db.session.execute(
            select(SaklarNotifikasi.instansi_id, SaklarNotifikasi.jenis, SaklarNotifikasi.aktif)
        )
    }


# --- many at once (the daily reminders): the rules of ``beri_tahu``, a fixed number of statements --------------

JENIS.update(
    {
        "tenggat_terlewat": JenisNotifikasi("Tenggat terlewat (atasan pejabat penilai)"),
        "rekap_tenggat": JenisNotifikasi("Rekap tenggat terlewat (operator/PyB)"),
    }
)

_POTONG = 5000  # values per IN list (well under the bind-parameter limits of SQLite and PostgreSQL)


@dataclass(frozen=True)
class Pemberitahuan:
    user_id: int
    jenis: str
    judul: str
    isi: str
    tautan: str | None
    kunci_unik: str


def _potongan(xs: list) -> list[list]:
    return [xs[i : i + _POTONG] for i in range(0, len(xs), _POTONG)]


def kunci_ada(kunci: list[str]) -> set[str]:
    ada: set[str] = set()
    for bagian in _potongan(kunci):
        ada.update(db.session.scalars(select(Notifikasi.kunci_unik).where(Notifikasi.kunci_unik.in_(bagian))))
    return ada


def _mati_massal(uids: list[int]) -> set[tuple[int, str]]:
    """(user, kind) pairs their instansi switched off (``aktif_untuk`` for many users)."""
    out: set[tuple[int, str]] = set()
    for bagian in _potongan(uids):
        out.update(
            (u, j)
            for u, j in db.session.execute(
                select(Pegawai.user_id, SaklarNotifikasi.jenis)
                .join(UnitKerja, UnitKerja.id == Pegawai.unit_kerja_id)
                .join(SaklarNotifikasi, SaklarNotifikasi.instansi_id == UnitKerja.instansi_id)
                .where(Pegawai.user_id.in_(bagian), SaklarNotifikasi.aktif.is_(False))
            )
        )
    return out


def _surel_massal(uids: list[int]) -> dict[int, tuple[str | None, bool, bool]]:
    """{user: (address, email on, digest)} — ``alamat_surel`` and ``preferensi`` for many users."""
    out: dict[int, tuple[str | None, bool, bool]] = {}
    for bagian in _potongan(uids):
        for u, p_email, u_email, aktif, ringkas in db.session.execute(
            select(
                User.id,
                Pegawai.email,
                User.email,
                PreferensiNotifikasi.surel_aktif,
                PreferensiNotifikasi.ringkasan_harian,
            )
            .select_from(User)
            .outerjoin(Pegawai, Pegawai.user_id == User.id)
            .outerjoin(PreferensiNotifikasi, PreferensiNotifikasi.user_id == User.id)
            .where(User.id.in_(bagian))
        ):
            alamat = (p_email or "").strip() or (u_email or "").strip() or None
            out[u] = (alamat, aktif is None or bool(aktif), bool(ringkas))
    return out


def beri_tahu_massal(daftar) -> int:
    """``beri_tahu`` for many (in the caller's transaction): existing keys, switches, preferences and addresses
    are read in a few statements, then the new entries and their emails are inserted. Returns how many were new."""
    unik: dict[str, Pemberitahuan] = {}
    for p in daftar:
        if p.tautan and not p.tautan.startswith("/"):
            raise ValueError("tautan notifikasi harus URL relatif aplikasi")
        unik.setdefault(p.kunci_unik[:200], p)
    ada = kunci_ada(list(unik))
    baru = [(k, p) for k, p in unik.items() if k not in ada]
    if not baru:
        return 0
    uids = sorted({p.user_id for _, p in baru})
    mati = _mati_massal(uids)
    baru = [(k, p) for k, p in baru if (p.user_id, p.jenis) not in mati]
    sekarang = jam.sekarang_utc()
    rows = []
    for k, p in baru:
        judul, isi = judul_isi(p.jenis, p.judul, p.isi)
        rows.append(
            {"user_id": p.user_id, "jenis": p.jenis, "judul": judul, "isi": isi, "tautan": p.tautan}
            | {"kunci_unik": k, "dibuat_pada": sekarang}
        )
    if not rows:
        return 0
    try:
        with db.session.begin_nested():  # one executemany, whatever the number of rows
            db.session.execute(Notifikasi.__table__.insert(), rows)
    except IntegrityError:  # a concurrent run inserted some of these keys: one at a time, theirs stand
        return sum(beri_tahu(p.user_id, p.jenis, p.judul, p.isi, p.tautan, k) is not None for k, p in baru)
    nid: dict[str, int] = {}
    for bagian in _potongan([r["kunci_unik"] for r in rows]):
        nid.update(
            (k, i)
            for i, k in db.session.execute(
                select(Notifikasi.id, Notifikasi.kunci_unik).where(Notifikasi.kunci_unik.in_(bagian))
            )
        )
    surel = _surel_massal(uids)
    antre = []
    for r in rows:
        alamat, aktif, ringkas = surel.get(r["user_id"], (None, True, False))
        if alamat and aktif and not (ringkas and r["jenis"] != RINGKASAN):  # the rule of ``_antrekan_surel``
            antre.append(
                {"notifikasi_id": nid[r["kunci_unik"]], "alamat": alamat, "status": StatusSurel.MENUNGGU.value}
                | {"percobaan": 0, "coba_lagi_pada": sekarang, "dibuat_pada": sekarang}
            )
    if antre:
        db.session.execute(KirimSurel.__table__.insert(), antre)
    return len(rows)
