"""Database work for Tim Pemantau Kinerja (000 Pasal 10, 20): shared by views, actions, exports and the API.

How units are grouped (decision):

* **Assigned units** are *every active unit that has employees* (status aktif or tugas belajar), one by one —
  a school, a puskesmas, a bidang, a kelurahan each get their own team. The load of a unit is its number of
  such employees. An employee is therefore in an assigned unit exactly when ``pegawai.unit_kerja_id`` is
  assigned (``app.security.scope.unit_dipantau``), without walking the tree.
* **Conflict of interest** is judged per *perangkat daerah* (the unit's top-level ancestor): a city-level team
  never monitors any unit of a perangkat daerah one of its members works in.
* **Eligibility** for a city-level team (000 Pasal 20(3)): a member counts as coming from the nearest unit on
  their path to the top that is the Sekretariat Daerah or designated (``boleh_tim_kota``: BKPSDM and units named
  by the Sekretaris Daerah), else from their perangkat daerah. For a unit-level team (Pasal 20(4)) a member
  belongs to the team's unit when their unit is that unit or below it, and comes from its secretariat when a
  unit on that path is marked ``is_sekretariat``.

Ancestors are computed set-based: the id → induk map is loaded once (``Pohon``) for decisions, and a recursive
CTE (``cte_puncak``) gives each unit's perangkat daerah inside list queries.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass, field

from sqlalchemy import and_, case, delete, func, insert, literal, select, update
from sqlalchemy import inspect as sa_inspect
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import aliased

from app import jam, pekerjaan
from app.aksi import Ditolak
from app.excel.tulis import Kolom, tulis_register
from app.extensions import db
from app.format import waktu
from app.queries.memo import instansi_nama
from app.rules import LevelTim, PeranTim, StatusPegawai
from app.rules.pohon import MAKS_KEDALAMAN_POHON
from app.rules.tim import BATAS_ANGGOTA_MAX, BATAS_ANGGOTA_MIN, bagi_unit_ke_tim, usulkan_anggota_tim, validasi_tim
from app.rules.tim import AnggotaTim as AnggotaAturan
from app.rules.waktu import semester as semester_dari
from app.rules.waktu import sudah_dipantau_semester
from app.security.audit import catat
from app.security.scope import cte_puncak, istimewa, konteks, unit_dipimpin_id
from schema.enums import JenisUnit
from schema.models import (
    AnggotaTim,
    Instansi,
    Jabatan,
    KonfigurasiPeriode,
    Pegawai,
    Pekerjaan,
    Pemantauan,
    PemantauanPegawai,
    PenugasanTim,
    RingkasanCakupan,
    RingkasanCakupanAtasan,
    RingkasanCakupanUnit,
    TimPemantau,
    UnitKerja,
)
from schema.models.pekerjaan import StatusPekerjaan

STATUS_DIPANTAU = (StatusPegawai.AKTIF.value, StatusPegawai.TUGAS_BELAJAR.value)  # employees with an SKP
PERAN_LABEL = dict(PeranTim.choices())
LEVEL_LABEL = dict(LevelTim.choices())


# ------------------------------------------------------------------------------------------------
# Periods and configuration
# ------------------------------------------------------------------------------------------------


def periode_berjalan(hari: dt.date | None = None) -> tuple[int, int]:
    d = hari or jam.hari_ini()
    return d.year, semester_dari(d)


def rentang_semester(tahun: int, semester: int) -> tuple[dt.date, dt.date]:
    if semester not in (1, 2):
        raise ValueError("Semester harus 1 atau 2.")
    return (
        (dt.date(tahun, 1, 1), dt.date(tahun, 6, 30))
        if semester == 1
        else (dt.date(tahun, 7, 1), dt.date(tahun, 12, 31))
    )


def batas_anggota(instansi_id: int | None, tahun: int) -> tuple[int, int]:
    """Team size bounds of the instansi for the year (KonfigurasiPeriode); 3–7 when not configured."""
    if instansi_id is None:
        return BATAS_ANGGOTA_MIN, BATAS_ANGGOTA_MAX
    row = db.session.execute(
        select(KonfigurasiPeriode.tim_min_anggota, KonfigurasiPeriode.tim_max_anggota).where(
            KonfigurasiPeriode.instansi_id == instansi_id, KonfigurasiPeriode.tahun == tahun
        )
    ).first()
    return (row[0], row[1]) if row else (BATAS_ANGGOTA_MIN, BATAS_ANGGOTA_MAX)


def instansi_bawaan(pegawai_id: int | None) -> int | None:
    """The instansi of the user's unit, else the first instansi."""
    if pegawai_id:
        iid = db.session.scalar(
            select(UnitKerja.instansi_id)
            .join(Pegawai, Pegawai.unit_kerja_id == UnitKerja.id)
            .where(Pegawai.id == pegawai_id)
        )
        if iid:
            return iid
    return db.session.scalar(select(Instansi.id).order_by(Instansi.id).limit(1))


# ------------------------------------------------------------------------------------------------
# The unit tree
# ------------------------------------------------------------------------------------------------


@dataclass
class Pohon:
    """id → (induk, flags) of every unit, loaded in one statement; ancestor walks are memoised."""

    induk: dict[int, int | None]
    sekretariat: set[int]
    boleh_kota: set[int]
    setda: set[int]
    instansi: dict[int, int]
    nama: dict[int, str]
    _puncak: dict[int, int] = field(default_factory=dict)

    @classmethod
    def muat(cls) -> "Pohon":
        rows = db.session.execute(
            select(
                UnitKerja.id,
                UnitKerja.induk_id,
                UnitKerja.is_sekretariat,
                UnitKerja.boleh_tim_kota,
                UnitKerja.jenis,
                UnitKerja.instansi_id,
                UnitKerja.nama_tampil,
            )
        ).all()
        return cls(
            induk={r[0]: r[1] for r in rows},
            sekretariat={r[0] for r in rows if r[2]},
            boleh_kota={r[0] for r in rows if r[3]},
            setda={r[0] for r in rows if r[4] == JenisUnit.SEKRETARIAT_DAERAH.value},
            instansi={r[0]: r[5] for r in rows},
            nama={r[0]: r[6] for r in rows},
        )

    def jalur(self, uid: int):
        """uid, its parent, … up to the top (guarded against cycles and bounded in depth)."""
        seen = set()
        while uid is not None and uid not in seen and len(seen) < MAKS_KEDALAMAN_POHON:
            seen.add(uid)
            yield uid
            uid = self.induk.get(uid)

    def puncak(self, uid: int | None) -> int | None:
        if uid is None:
            return None
        if uid not in self._puncak:
            top = uid
            for u in self.jalur(uid):
                top = u
            self._puncak[uid] = top
        return self._puncak[uid]

    def di_bawah(self, uid: int | None, akar: int) -> bool:
        return uid is not None and akar in self.jalur(uid)

    def dari_sekretariat(self, uid: int, akar: int) -> bool:
        for u in self.jalur(uid):
            if u == akar:
                return False
            if u in self.sekretariat:
                return True
        return False

    def unit_kota(self, uid: int | None):
        """Origin of a city-level member: nearest Setda/designated unit on the path, else the perangkat daerah."""
        if uid is None:
            return None
        for u in self.jalur(uid):
            if u in self.setda or u in self.boleh_kota:
                return u
        return self.puncak(uid)


def unit_berpegawai():
    """Subquery (unit_kerja_id, jumlah): active units with their employees subject to an SKP."""
    return (
        select(Pegawai.unit_kerja_id.label("unit_kerja_id"), func.count(Pegawai.id).label("jumlah"))
        .join(UnitKerja, UnitKerja.id == Pegawai.unit_kerja_id)
        .where(Pegawai.status.in_(STATUS_DIPANTAU), UnitKerja.aktif.is_(True))
        .group_by(Pegawai.unit_kerja_id)
        .subquery("unit_berpegawai")
    )


# ------------------------------------------------------------------------------------------------
# Team validation (R13) and proposal
# ------------------------------------------------------------------------------------------------


def anggota_aturan(
    pohon: Pohon, pegawai: list[tuple[int, str, int | None]], level: str, unit_tim: int | None
) -> list[AnggotaAturan]:
    """Map (pegawai id, nama, unit id) to the rule's AnggotaTim (see the module docstring)."""
    out = []
    for pid, nama, uid in pegawai:
        if level == LevelTim.UNIT.value and unit_tim is not None and pohon.di_bawah(uid, unit_tim):
            out.append(AnggotaAturan(pid, unit_tim, pohon.dari_sekretariat(uid, unit_tim), nama))
        elif level == LevelTim.UNIT.value:
            out.append(AnggotaAturan(pid, pohon.puncak(uid), False, nama))
        else:
            out.append(AnggotaAturan(pid, pohon.unit_kota(uid), False, nama))
    return out


def periksa_tim(
    level: str, unit_tim_id: int | None, instansi_id: int | None, tahun: int, anggota: list[tuple[int, str]]
) -> list[str]:
    """Every reason the team cannot be saved, in Indonesian (empty = valid). ``anggota`` = (pegawai id, peran)."""
    pesan: list[str] = []
    if level not in LEVEL_LABEL:
        return ["Tingkat tim tidak dikenal."]
    ids = [pid for pid, _ in anggota]
    rows = (
        {
            r[0]: r
            for r in db.session.execute(
                select(Pegawai.id, Pegawai.nama, Pegawai.unit_kerja_id, Pegawai.status, Pegawai.nip).where(
                    Pegawai.id.in_(ids)
                )
            ).all()
        }
        if ids
        else {}
    )
    pohon = Pohon.muat()
    for pid in ids:
        if pid not in rows:
            pesan.append(f"Pegawai dengan id {pid} tidak ditemukan.")
    for pid in dict.fromkeys(ids):
        r = rows.get(pid)
        if r is None:
            continue
        if r[3] != StatusPegawai.AKTIF.value:
            pesan.append(f"{r[1]} ({r[4]}) tidak berstatus aktif; hanya pegawai aktif yang dapat menjadi anggota tim.")
        if instansi_id is not None and r[2] is not None and pohon.instansi.get(r[2]) != instansi_id:
            pesan.append(f"{r[1]} ({r[4]}) bukan pegawai instansi tim ini.")
    mn, mx = batas_anggota(instansi_id, tahun)
    aturan = anggota_aturan(
        pohon, [(pid, rows[pid][1], rows[pid][2]) for pid in ids if pid in rows], level, unit_tim_id
    )
    pesan += validasi_tim(
        level,
        aturan,
        unit_tim=unit_tim_id,
        unit_sekretariat=pohon.setda,
        unit_eligible_kota=pohon.boleh_kota,
        min_anggota=mn,
        max_anggota=mx,
    )
    peran = [p for _, p in anggota]
    if peran.count(PeranTim.KETUA.value) != 1:
        pesan.append(f"Tim harus memiliki tepat satu ketua (sekarang {peran.count(PeranTim.KETUA.value)}).")
    if peran.count(PeranTim.SEKRETARIS.value) > 1:
        pesan.append("Tim paling banyak memiliki satu sekretaris.")
    return pesan


# ------------------------------------------------------------------------------------------------
# Forming, changing and removing a team (views and API alike; one audit payload)
# ------------------------------------------------------------------------------------------------


class TimTerpakai(Ditolak):
    """A team that already has assignments or monitoring records is deactivated, never deleted."""

    kode = 422


def pesan_wewenang_level(level: str) -> str | None:
    """Why the user may not form a team of this level (None = allowed): city level is the authorised
    official's (000 Pasal 20(1), (3))."""
    if level == LevelTim.KOTA.value and not istimewa():
        return "Tim tingkat kota/kabupaten hanya dibentuk oleh pejabat yang berwenang (Operator Kepegawaian/PyB)."
    return None


def pesan_wewenang_unit(level: str, unit_id: int | None) -> str | None:
    """Why the user may not form a unit-level team for this unit (None = allowed): a unit head forms the
    team of the unit they head (000 Pasal 20(4))."""
    if level != LevelTim.UNIT.value:
        return None
    if unit_id is None:
        return "Unit kerja wajib diisi untuk tim tingkat unit kerja."
    if istimewa():
        return None
    dipimpin = unit_dipimpin_id()
    if dipimpin is None:
        return "Hanya kepala unit kerja yang dapat membentuk tim tingkat unit kerja."
    if unit_id != dipimpin:
        return "Kepala unit kerja hanya dapat membentuk tim untuk unit kerja yang dipimpinnya."
    return None


def ringkas_tim(t: TimPemantau, anggota: list[tuple[int, str]]) -> dict:
    """The audit payload of a team: its columns and its (pegawai id, peran) members."""
    return {
        "nama": t.nama,
        "level": t.level,
        "unit_kerja_id": t.unit_kerja_id,
        "nomor_sk": t.nomor_sk,
        "tanggal_sk": t.tanggal_sk,
        "aktif": t.aktif,
        "anggota": sorted(anggota),
    }


def buat_tim(tim: TimPemantau, anggota: list[tuple[int, str]]) -> TimPemantau:
    """Adds a validated team (``periksa_tim``) with its members; the instansi is the unit's, else the user's."""
    if tim.level == LevelTim.KOTA.value:
        tim.unit_kerja = None
        tim.unit_kerja_id = None
    unit = tim.unit_kerja
    if unit is None and tim.unit_kerja_id:
        unit = db.session.get(UnitKerja, tim.unit_kerja_id)
    tim.instansi_id = unit.instansi_id if unit is not None else instansi_bawaan(konteks().pegawai_id)
    tim.anggota = [AnggotaTim(pegawai_id=pid, peran=peran) for pid, peran in anggota]
    db.session.add(tim)
    db.session.flush()
    catat("tim_pemantau", tim.id, "tambah", sesudah=ringkas_tim(tim, anggota))
    return tim


def ubah_tim(tim: TimPemantau, anggota: list[tuple[int, str]] | None = None) -> None:
    """Records the loaded changes of a team and replaces its members (``None``: members unchanged)."""
    if tim.level == LevelTim.KOTA.value:
        tim.unit_kerja = None
    state = sa_inspect(tim)
    sebelum = {}
    for col in ("nama", "level", "unit_kerja_id", "nomor_sk", "tanggal_sk", "aktif"):
        h = state.attrs[col].history
        sebelum[col] = h.deleted[0] if h.deleted else getattr(tim, col)
    lama = {a.pegawai_id: a for a in tim.anggota}
    sebelum["anggota"] = sorted((a.pegawai_id, a.peran) for a in lama.values())
    baru = {pid: a.peran for pid, a in lama.items()} if anggota is None else dict(anggota)
    for pid, a in lama.items():
        if pid not in baru:
            db.session.delete(a)
        else:
            a.peran = baru[pid]
    for pid, peran in baru.items():
        if pid not in lama:
            tim.anggota.append(AnggotaTim(pegawai_id=pid, peran=peran))
    catat("tim_pemantau", tim.id, "ubah", sebelum=sebelum, sesudah=ringkas_tim(tim, list(baru.items())))


def hapus_tim(tim: TimPemantau) -> None:
    """Removes the members of a team about to be deleted; refused once the team has been used."""
    terpakai = db.session.scalar(select(func.count()).select_from(PenugasanTim).where(PenugasanTim.tim_id == tim.id))
    terpakai += db.session.scalar(select(func.count()).select_from(Pemantauan).where(Pemantauan.tim_id == tim.id))
    if terpakai:
        raise TimTerpakai(
            "Tim tidak dapat dihapus karena sudah memiliki penugasan unit atau catatan pemantauan; "
            "nonaktifkan tim (hapus centang Aktif) bila tidak dipakai lagi."
        )
    anggota = [(a.pegawai_id, a.peran) for a in tim.anggota]
    for a in list(tim.anggota):
        db.session.delete(a)
    catat("tim_pemantau", tim.id, "hapus", sebelum=ringkas_tim(tim, anggota))


# -- monitoring visits (one audit payload for views and API) --------------------------------------


def ringkas_pemantauan(p: Pemantauan) -> dict:
    return {
        "tim_id": p.tim_id,
        "unit_kerja_id": p.unit_kerja_id if p.unit_kerja_id else getattr(p.unit_kerja, "id", None),
        "tanggal": p.tanggal,
        "jumlah_skp_direviu": p.jumlah_skp_direviu,
        "temuan": p.temuan,
        "rekomendasi": p.rekomendasi,
        "rekomendasi_perubahan_skp": p.rekomendasi_perubahan_skp,
    }


def buat_pemantauan(p: Pemantauan) -> Pemantauan:
    """Adds a monitoring visit recorded by the user (validated by the adapter: own team, assigned unit)."""
    p.dicatat_oleh_id = konteks().pegawai_id
    p.jumlah_skp_direviu = p.jumlah_skp_direviu or 0
    db.session.add(p)
    db.session.flush()
    catat("pemantauan", p.id, "tambah", sesudah=ringkas_pemantauan(p))
    tandai_berubah(p)
    return p


def ubah_pemantauan(p: Pemantauan) -> None:
    p.jumlah_skp_direviu = p.jumlah_skp_direviu or 0
    catat("pemantauan", p.id, "ubah", sesudah=ringkas_pemantauan(p))
    tandai_berubah(p)


def hapus_pemantauan(p: Pemantauan) -> None:
    catat("pemantauan", p.id, "hapus", sebelum=ringkas_pemantauan(p))
    tandai_berubah(p)


# -- after a monitoring change: the coverage summary of its semester is refreshed in the background ---------------

KUNCI_BERUBAH = "cakupan_berubah"  # db.session.info: semesters whose monitoring this transaction changed
JENIS_SEGARKAN = "ringkasan_cakupan"


def tandai_berubah(obj: Pemantauan | PemantauanPegawai) -> None:
    """Remember the semesters a visit being saved or deleted belongs to (its date before and after an edit).

    Called inside the action's transaction; ``antrekan_yang_berubah`` queues the refresh once it is committed
    (a job started earlier would not see the change, and ``pekerjaan.mulai`` commits the session).
    """
    tanggal = [obj.tanggal, *sa_inspect(obj).attrs.tanggal.history.deleted]
    periode = db.session.info.setdefault(KUNCI_BERUBAH, set())
    periode.update((t.year, semester_dari(t)) for t in tanggal if isinstance(t, dt.date))


def antrekan_yang_berubah() -> list[int]:
    """After the commit (the views' and APIs' ``post_*``): queue the refresh of every semester marked."""
    periode = sorted(db.session.info.pop(KUNCI_BERUBAH, set()))
    return [pid for t, s in periode if (pid := antrekan_segarkan(t, s)) is not None]


def judul_segarkan(tahun: int, semester: int) -> str:
    return f"Hitung ulang cakupan pemantauan semester {semester} tahun {tahun}"


def antrekan_segarkan(tahun: int, semester: int, paksa: bool = False, kembali: str | None = None) -> int | None:
    """Queue ``segarkan_latar`` for the semester; the job id, or None when not queued.

    Not queued when the semester has no summary yet (its first reader computes it) unless ``paksa``, nor while a
    refresh of the semester still waits in the queue: it has not read anything yet, so it will include this
    change (debounce). A *running* refresh does not count — it may have read the data before this change.
    """
    H = RingkasanCakupan
    ada = select(H.tahun).where(H.tahun == tahun, H.semester == semester).exists()
    antri = (
        select(Pekerjaan.id)
        .where(
            Pekerjaan.jenis == JENIS_SEGARKAN,
            Pekerjaan.judul == judul_segarkan(tahun, semester),
            Pekerjaan.status == StatusPekerjaan.ANTRI.value,
        )
        .exists()
    )
    ada_ringkasan, sudah_antri = db.session.execute(select(ada, antri)).one()
    if sudah_antri or not (ada_ringkasan or paksa):
        return None
    return pekerjaan.mulai(
        JENIS_SEGARKAN, judul_segarkan(tahun, semester), segarkan_latar, tahun, semester, kembali=kembali
    )


def segarkan_latar(lapor, tahun: int, semester: int, kembali: str | None = None) -> pekerjaan.Hasil:
    """The job: the semester's summary recomputed in the job's one transaction (committed with "selesai")."""
    lapor(5, "Menghitung cakupan pemantauan")  # before writing: progress goes through its own connection
    per = segarkan_ringkasan(tahun, semester)
    rincian = {
        "ringkasan": f"Cakupan pemantauan semester {semester} tahun {tahun} dihitung ulang: data per {waktu(per)}."
    }
    if kembali:
        rincian["kembali"] = kembali
    return pekerjaan.Hasil(rincian=rincian)


def segarkan_periode_aktif(hari: dt.date) -> tuple[int, int]:
    """The current and the previous semester recomputed (also when nobody read them yet, so the next page is
    ready); older summaries dropped — their next reader computes them from that day's data. Run daily (app/jadwal.py)
    and by an Excel import of units, positions or employees, in its transaction: no summary is more than a day
    behind the changes the monitoring hooks do not see (an employee moving, a position's supervisor, a unit).
    Returns (recomputed, dropped)."""
    tahun, semester = periode_berjalan(hari)
    simpan = [(tahun, semester), (tahun - 1, 2) if semester == 1 else (tahun, 1)]
    lama = [p for p in periode_ringkasan() if p not in simpan]
    for p in lama:
        hapus_ringkasan(*p)
    for p in simpan:
        segarkan_ringkasan(*p)
    return len(simpan), len(lama)


def usulan_anggota_unit(unit_id: int, jumlah: int | None = None) -> list[dict]:
    """Proposal of an eligible unit-level team from the unit's active staff (R13, ``usulkan_anggota_tim``).

    ValueError (Indonesian) when the unit cannot form a team.
    """
    pohon = Pohon.muat()
    sub = [u for u in pohon.induk if pohon.di_bawah(u, unit_id)]
    rows = db.session.execute(
        select(Pegawai.id, Pegawai.nama, Pegawai.unit_kerja_id, Pegawai.nip, Jabatan.nama)
        .outerjoin(Jabatan, Jabatan.id == Pegawai.jabatan_id)
        .where(Pegawai.unit_kerja_id.in_(sub), Pegawai.status == StatusPegawai.AKTIF.value)
        .order_by(Pegawai.id)
    ).all()
    info = {r[0]: r for r in rows}
    calon = anggota_aturan(pohon, [(r[0], r[1], r[2]) for r in rows], LevelTim.UNIT.value, unit_id)
    mn, mx = batas_anggota(pohon.instansi.get(unit_id), jam.hari_ini().year)
    pilih = usulkan_anggota_tim(calon, unit_id, jumlah=jumlah, min_anggota=mn, max_anggota=mx)
    out = []
    for i, a in enumerate(pilih):
        peran = PeranTim.KETUA.value if i == 0 else PeranTim.SEKRETARIS.value if i == 1 else PeranTim.ANGGOTA.value
        r = info[a.pegawai_id]
        out.append(
            {
                "pegawai_id": r[0],
                "nama": r[1],
                "nip": r[3],
                "jabatan": r[4],
                "unit": pohon.nama.get(r[2]),
                "dari_sekretariat": a.dari_sekretariat,
                "peran": peran,
            }
        )
    return out


# ------------------------------------------------------------------------------------------------
# "Bagi unit ke tim" (R13, bagi_unit_ke_tim)
# ------------------------------------------------------------------------------------------------


@dataclass
class Usulan:
    tahun: int
    semester: int
    tim: dict[int, str]  # id → nama
    pd_ids: list[int] | None
    penugasan: dict[int, int]  # unit → tim
    jumlah: dict[int, int]  # unit → employees
    tidak_dapat: dict[int, str]
    beban: dict[int, int]
    lama: dict[int, int]  # existing unit → tim of the semester (within the units concerned): what saving replaces
    nama_unit: dict[int, str]
    nama_pd: dict[int, str]
    nama_tim_lama: dict[int, str]
    # the assignment the proposal keeps as far as balance allows: ``lama``, or the previous semester's when the
    # semester has none yet (see hitung_usulan); ``dasar_periode`` = its (tahun, semester), None when there is none
    dasar: dict[int, int] = field(default_factory=dict)
    dasar_periode: tuple[int, int] | None = None
    batas_selisih: int = 0

    @property
    def tanda(self) -> str:
        """Fingerprint of the proposal: the confirmation saves only what was shown."""
        isi = json.dumps([sorted(self.penugasan.items()), sorted(self.tidak_dapat)], separators=(",", ":"))
        return hashlib.sha256(isi.encode()).hexdigest()[:32]

    def status(self, u: int) -> str:
        """tetap / pindah / baru against ``dasar`` (R13 continuity)."""
        if u not in self.dasar:
            return "baru"
        return "tetap" if self.dasar[u] == self.penugasan.get(u) else "pindah"

    def baris(self):
        for u, t in sorted(
            self.penugasan.items(),
            key=lambda x: (self.tim[x[1]], self.nama_pd.get(x[0], ""), self.nama_unit.get(x[0], "")),
        ):
            yield {
                "unit": self.nama_unit.get(u, str(u)),
                "pd": self.nama_pd.get(u, ""),
                "jumlah": self.jumlah[u],
                "tim": self.tim[t],
                "lama": self.nama_tim_lama.get(self.dasar[u]) if u in self.dasar else None,
                "berubah": self.dasar.get(u) != t,
                "status": self.status(u),
            }

    def beban_tim(self):
        n = {t: 0 for t in self.tim}
        for t in self.penugasan.values():
            n[t] += 1
        return [
            {"tim": self.tim[t], "beban": self.beban.get(t, 0), "unit": n[t]}
            for t in sorted(self.tim, key=lambda t: self.tim[t])
        ]

    def gagal(self):
        return [
            {"unit": self.nama_unit.get(u, str(u)), "pd": self.nama_pd.get(u, ""), "alasan": a}
            for u, a in sorted(self.tidak_dapat.items(), key=lambda x: self.nama_unit.get(x[0], ""))
        ]

    def perubahan(self) -> dict:
        semua = set(self.penugasan) | set(self.dasar)
        jumlah = {"tetap": 0, "pindah": 0, "baru": 0}
        for u in self.penugasan:
            jumlah[self.status(u)] += 1
        hapus = sum(1 for u in self.dasar if u not in self.penugasan)
        detail = [
            {
                "unit": self.nama_unit.get(u, str(u)),
                "pd": self.nama_pd.get(u, ""),
                "lama": self.nama_tim_lama.get(self.dasar[u]) if u in self.dasar else None,
                "baru": self.tim[self.penugasan[u]] if u in self.penugasan else None,
                "status": self.status(u) if u in self.penugasan else "dilepas",
            }
            for u in sorted(semua, key=lambda x: self.nama_unit.get(x, ""))
            if self.dasar.get(u) != self.penugasan.get(u)
        ]
        return {
            **jumlah,
            "hapus": hapus,
            "detail": detail,
            "ada_lama": bool(self.dasar),
            "dasar_periode": self.dasar_periode,
            "semester_ini": self.dasar_periode == (self.tahun, self.semester),
        }


def perangkat_daerah(instansi_id: int) -> list[tuple[int, str]]:
    return db.session.execute(
        select(UnitKerja.id, UnitKerja.nama_tampil)
        .where(UnitKerja.induk_id.is_(None), UnitKerja.instansi_id == instansi_id, UnitKerja.aktif.is_(True))
        .order_by(UnitKerja.kode)
    ).all()


def hitung_usulan(tim_list: list[TimPemantau], tahun: int, semester: int, pd_ids: list[int] | None = None) -> Usulan:
    """Propose unit → team for a semester over all units with employees (or those under ``pd_ids``).

    Units stay with the team that monitors them (R13 ``bagi_unit_ke_tim`` with ``sebelumnya``) as far as balance
    and conflicts of interest allow. The basis is the semester's saved assignment, or, while the semester has
    none, the previous semester's: re-running "Bagi unit ke tim" then changes nothing, and a new semester
    starts from the teams that monitored the units last.
    """
    if semester not in (1, 2):
        raise ValueError("Semester harus 1 atau 2.")
    instansi = {t.instansi_id for t in tim_list}
    if len(instansi) != 1:
        raise ValueError("Tim yang dipilih harus berasal dari satu instansi.")
    (instansi_id,) = instansi
    pohon = Pohon.muat()
    ub = unit_berpegawai()
    jumlah = {
        u: n
        for u, n in db.session.execute(select(ub.c.unit_kerja_id, ub.c.jumlah)).all()
        if pohon.instansi.get(u) == instansi_id
    }
    if pd_ids:
        pd = set(pd_ids)
        jumlah = {u: n for u, n in jumlah.items() if pohon.puncak(u) in pd}
    tim_ids = [t.id for t in tim_list]
    pd_anggota: dict[int, set[int]] = {t: set() for t in tim_ids}
    for tid, uid in db.session.execute(
        select(AnggotaTim.tim_id, Pegawai.unit_kerja_id)
        .join(Pegawai, Pegawai.id == AnggotaTim.pegawai_id)
        .where(AnggotaTim.tim_id.in_(tim_ids))
    ).all():
        if uid is not None:
            pd_anggota[tid].add(pohon.puncak(uid))
    unit_per_pd: dict[int, set[int]] = {}
    for u in jumlah:
        unit_per_pd.setdefault(pohon.puncak(u), set()).add(u)
    konflik = {t: set().union(*(unit_per_pd.get(p, set()) for p in pd_anggota[t])) for t in tim_ids}
    lama, nama_lama = _penugasan_semester(pohon, instansi_id, pd_ids, tahun, semester)
    # Continuity (R13): keep the semester's own assignment; before the first save of a semester, keep the
    # previous semester's, so the teams that monitored a unit go on monitoring it (000 Pasal 20).
    dasar, dasar_periode = lama, (tahun, semester)
    if not lama:
        sebelum = (tahun - 1, 2) if semester == 1 else (tahun, 1)
        dasar, nama_dasar = _penugasan_semester(pohon, instansi_id, pd_ids, *sebelum)
        nama_lama.update(nama_dasar)
        dasar_periode = sebelum
    hasil = bagi_unit_ke_tim(konflik, jumlah, sebelumnya=dasar)
    semua = set(jumlah) | set(lama) | set(dasar)
    return Usulan(
        tahun=tahun,
        semester=semester,
        tim={t.id: t.nama for t in tim_list},
        pd_ids=pd_ids or None,
        penugasan=dict(hasil),
        jumlah=jumlah,
        tidak_dapat=dict(hasil.tidak_dapat),
        beban=dict(hasil.beban),
        lama=lama,
        nama_unit={u: pohon.nama.get(u, "") for u in semua},
        nama_pd={u: pohon.nama.get(pohon.puncak(u), "") for u in semua},
        nama_tim_lama=nama_lama,
        dasar=dasar,
        dasar_periode=dasar_periode if dasar else None,
        batas_selisih=hasil.batas_selisih,
    )


def _penugasan_semester(pohon: Pohon, instansi_id: int, pd_ids, tahun: int, semester: int):
    """unit → tim of a semester within the instansi (and the chosen perangkat daerah), and the teams' names."""
    q_lama = (
        select(PenugasanTim.unit_kerja_id, PenugasanTim.tim_id, TimPemantau.nama)
        .join(TimPemantau, TimPemantau.id == PenugasanTim.tim_id)
        .where(PenugasanTim.tahun == tahun, PenugasanTim.semester == semester)
    )
    pd = set(pd_ids or ())
    lama, nama = {}, {}
    for u, t, n in db.session.execute(q_lama).all():
        if pohon.instansi.get(u) != instansi_id or (pd and pohon.puncak(u) not in pd):
            continue
        lama[u] = t
        nama[t] = n
    return lama, nama


def simpan_usulan(u: Usulan) -> int:
    """Replace the semester's rows of the units concerned by the proposal (caller commits). Returns rows saved."""
    hapus = delete(PenugasanTim).where(PenugasanTim.tahun == u.tahun, PenugasanTim.semester == u.semester)
    if u.lama:
        db.session.execute(hapus.where(PenugasanTim.unit_kerja_id.in_(list(u.lama))))
    # units of the proposal that another instansi/PD filter left out cannot exist: unit is unique per semester
    if u.penugasan:
        db.session.execute(hapus.where(PenugasanTim.unit_kerja_id.in_(list(u.penugasan))))
        sekarang = jam.sekarang_utc()
        db.session.execute(
            insert(PenugasanTim),
            [
                {
                    "tim_id": t,
                    "unit_kerja_id": unit,
                    "tahun": u.tahun,
                    "semester": u.semester,
                    "jumlah_pegawai": u.jumlah[unit],
                    "dibuat_pada": sekarang,
                    "diubah_pada": sekarang,
                }
                for unit, t in sorted(u.penugasan.items())
            ],
        )
    return len(u.penugasan)


# ------------------------------------------------------------------------------------------------
# Coverage (000 Pasal 10(1), 20)
#
# The employee-wide aggregates (subordinates per supervisor, employees and visits per unit) are kept per semester
# in summary tables, recomputed set-based by ``segarkan_ringkasan``: by the daily task (app/jadwal.py), by a
# background job queued after monitoring data changes, and by the operator's "Hitung ulang sekarang". Pages read
# the summary joined to today's names (``cakupan_unit``, ``cakupan_atasan``); ``*_langsung`` compute the same rows
# from the live tables (the reference the summary is tested against).
# ------------------------------------------------------------------------------------------------


def _pantau_unit(tahun: int, semester: int):
    """Subquery (unit_kerja_id, terakhir, kali): the units' monitoring visits of the semester."""
    awal, akhir = rentang_semester(tahun, semester)
    return (
        select(
            Pemantauan.unit_kerja_id.label("unit_kerja_id"),
            func.max(Pemantauan.tanggal).label("terakhir"),
            func.count(Pemantauan.id).label("kali"),
        )
        .where(Pemantauan.tanggal.between(awal, akhir))
        .group_by(Pemantauan.unit_kerja_id)
        .subquery("pantau")
    )


def _agregat_unit(tahun: int, semester: int):
    """Select (unit_kerja_id, jumlah, terakhir, kali) of every active unit with employees — all employees read."""
    ub = unit_berpegawai()
    pantau = _pantau_unit(tahun, semester)
    return select(
        ub.c.unit_kerja_id.label("unit_kerja_id"),
        ub.c.jumlah.label("jumlah"),
        pantau.c.terakhir.label("terakhir"),
        func.coalesce(pantau.c.kali, 0).label("kali"),
    ).outerjoin(pantau, pantau.c.unit_kerja_id == ub.c.unit_kerja_id)


def _agregat_atasan(tahun: int, semester: int, atasan_jabatan=None):
    """Select (jabatan_id, bawahan, dipantau, terakhir) per supervisor position — all employees read."""
    awal, akhir = rentang_semester(tahun, semester)
    b = aliased(Pegawai)
    jb = aliased(Jabatan)
    pp = (
        select(PemantauanPegawai.pegawai_id.label("pegawai_id"), func.max(PemantauanPegawai.tanggal).label("t"))
        .where(PemantauanPegawai.tanggal.between(awal, akhir))
        .group_by(PemantauanPegawai.pegawai_id)
        .subquery("pp")
    )
    agg = (
        select(
            jb.atasan_id.label("jabatan_id"),
            func.count(b.id).label("bawahan"),
            func.count(pp.c.pegawai_id).label("dipantau"),
            func.max(pp.c.t).label("terakhir"),
        )
        .select_from(b)
        .join(jb, jb.id == b.jabatan_id)
        .outerjoin(pp, pp.c.pegawai_id == b.id)
        .where(b.status.in_(STATUS_DIPANTAU), jb.atasan_id.is_not(None))
        .group_by(jb.atasan_id)
    )
    return agg if atasan_jabatan is None else agg.where(jb.atasan_id.in_(atasan_jabatan))


def segarkan_ringkasan(tahun: int, semester: int, eksekutor=None) -> dt.datetime:
    """Recompute the semester's coverage summary: one DELETE and one INSERT … SELECT per table, in the caller's
    transaction (``eksekutor``: the session — a job commits it with its "selesai" row — or a connection).

    The semester's ``ringkasan_cakupan`` row is locked (or inserted) first, so two refreshes of one semester
    queue behind each other instead of interleaving their DELETE/INSERT. Returns the stamp shown as "Data per".
    """
    if semester not in (1, 2):
        raise ValueError("Semester harus 1 atau 2.")
    ex = eksekutor if eksekutor is not None else db.session
    H, A, U = RingkasanCakupan, RingkasanCakupanAtasan, RingkasanCakupanUnit
    sekarang = jam.sekarang_utc()
    kunci = (H.tahun == tahun, H.semester == semester)
    if ex.execute(select(H.tahun).where(*kunci).with_for_update()).first() is None:
        ex.execute(insert(H).values(tahun=tahun, semester=semester, dihitung_pada=sekarang))
    else:
        ex.execute(update(H).where(*kunci).values(dihitung_pada=sekarang))
    ex.execute(delete(A).where(A.tahun == tahun, A.semester == semester))
    ex.execute(delete(U).where(U.tahun == tahun, U.semester == semester))
    aa = _agregat_atasan(tahun, semester).subquery()
    ex.execute(
        insert(A).from_select(
            [
                "tahun",
                "semester",
                "jabatan_id",
                "bawahan",
                "dipantau",
                "terakhir",
                "lengkap",
                "unit_nama",
                "jabatan_nama",
            ],
            select(
                literal(tahun),
                literal(semester),
                aa.c.jabatan_id,
                aa.c.bawahan,
                aa.c.dipantau,
                aa.c.terakhir,
                aa.c.dipantau >= aa.c.bawahan,
                UnitKerja.nama,
                Jabatan.nama,
            )
            .join(Jabatan, Jabatan.id == aa.c.jabatan_id)
            .join(UnitKerja, UnitKerja.id == Jabatan.unit_kerja_id),
        )
    )
    au = _agregat_unit(tahun, semester).subquery()
    pt = cte_puncak()
    ex.execute(
        insert(U).from_select(
            ["tahun", "semester", "unit_kerja_id", "puncak_id", "jumlah_pegawai", "terakhir", "kali"],
            select(
                literal(tahun),
                literal(semester),
                au.c.unit_kerja_id,
                pt.c.puncak,
                au.c.jumlah,
                au.c.terakhir,
                au.c.kali,
            ).join(pt, pt.c.id == au.c.unit_kerja_id),
        )
    )
    return sekarang


def _siapkan_ringkasan(tahun: int, semester: int) -> None:
    """First read of a semester without a summary: compute it now, on a short transaction of its own.

    Decision: compute synchronously rather than answer "being prepared". It costs one pass over the employees —
    what every page view cost before the summary existed (the count and the page each aggregated them) — and
    happens once per semester; the page then always has data to show. Its own connection commits only the
    summary, never the request's work; a concurrent first reader that committed it first wins (IntegrityError).
    """
    try:
        with db.engine.begin() as c:
            segarkan_ringkasan(tahun, semester, c)
    except IntegrityError:
        pass


def periode_ringkasan() -> list[tuple[int, int]]:
    """The semesters that have a summary, newest first."""
    H = RingkasanCakupan
    return [
        tuple(r) for r in db.session.execute(select(H.tahun, H.semester).order_by(H.tahun.desc(), H.semester.desc()))
    ]


def ada_ringkasan(tahun: int, semester: int) -> bool:
    H = RingkasanCakupan
    return db.session.execute(select(H.tahun).where(H.tahun == tahun, H.semester == semester)).first() is not None


def hapus_ringkasan(tahun: int, semester: int) -> None:
    """Drop a semester's summary: its next reader computes it again from the data of that day."""
    for T in (RingkasanCakupanAtasan, RingkasanCakupanUnit, RingkasanCakupan):
        db.session.execute(delete(T).where(T.tahun == tahun, T.semester == semester))


def _per(tahun: int, semester: int):
    H = RingkasanCakupan
    return select(H.dihitung_pada).where(H.tahun == tahun, H.semester == semester).scalar_subquery()


def _cakupan_unit_stmt(tahun: int, semester: int, sumber, unit_ids=None):
    """The page's rows over ``sumber`` (unit_kerja_id, jumlah, terakhir, kali[, puncak_id]) joined to names and the
    team; the top unit comes from the summary's ``puncak_id`` when it has one, else from the recursive CTE."""
    pt = None if "puncak_id" in sumber.c else cte_puncak()
    pd = aliased(UnitKerja)
    belum = case((sumber.c.terakhir.is_(None), 0), else_=1)
    stmt = (
        select(
            UnitKerja.id,
            UnitKerja.kode,
            UnitKerja.nama_tampil.label("nama"),
            pd.nama_tampil.label("pd"),
            sumber.c.jumlah,
            TimPemantau.nama.label("tim"),
            sumber.c.terakhir,
            sumber.c.kali,
        )
        .select_from(sumber)
        .join(UnitKerja, UnitKerja.id == sumber.c.unit_kerja_id)
    )
    if pt is None:
        stmt = stmt.join(pd, pd.id == sumber.c.puncak_id)
    else:
        stmt = stmt.join(pt, pt.c.id == UnitKerja.id).join(pd, pd.id == pt.c.puncak)
    stmt = stmt.outerjoin(
        PenugasanTim,
        and_(
            PenugasanTim.unit_kerja_id == UnitKerja.id, PenugasanTim.tahun == tahun, PenugasanTim.semester == semester
        ),
    ).outerjoin(TimPemantau, TimPemantau.id == PenugasanTim.tim_id)
    if unit_ids is not None:
        stmt = stmt.where(UnitKerja.id.in_(unit_ids))
    return stmt, (belum, pd.nama, UnitKerja.kode, UnitKerja.id)


def _baris_unit(stmt, urutan, tahun: int, semester: int, page: int, page_size: int | None) -> list[dict]:
    q = stmt.order_by(*urutan)
    if page_size:
        q = q.offset(page * page_size).limit(page_size)
    return [
        {
            "id": r.id,
            "kode": r.kode,
            "nama": r.nama,
            "pd": r.pd,
            "jumlah": r.jumlah,
            "tim": r.tim,
            "terakhir": r.terakhir,
            "kali": r.kali,
            "dipantau": sudah_dipantau_semester([r.terakhir] if r.terakhir else [], tahun, semester),
        }
        for r in db.session.execute(q).all()
    ]


def cakupan_unit_langsung(tahun: int, semester: int, page: int = 0, page_size: int | None = 50, unit_ids=None):
    """Every unit with employees, its team, last monitoring of the semester, computed from the live tables
    ("belum dipantau" first). Two statements whatever the page size: the counts, the page."""
    stmt, urutan = _cakupan_unit_stmt(tahun, semester, _agregat_unit(tahun, semester).subquery("sumber"), unit_ids)
    sub = stmt.subquery()
    total, dipantau = db.session.execute(select(func.count(), func.count(sub.c.terakhir)).select_from(sub)).one()
    return _baris_unit(stmt, urutan, tahun, semester, page, page_size), total, dipantau


def cakupan_unit(tahun: int, semester: int, page: int = 0, page_size: int | None = 50, unit_ids=None):
    """``cakupan_unit_langsung`` read from the semester's summary: (rows, total, dipantau, dihitung_pada).

    ``unit_ids`` (a select of ids: a team member's assigned units) is answered from the live tables instead: a
    handful of units, and a unit assigned or staffed since the last refresh must not be missing from the team's
    own list. Two statements whatever the page size (counts with the summary's stamp, the page); the semester's
    first reader computes it.
    """
    if unit_ids is not None:
        rows, total, dipantau = cakupan_unit_langsung(tahun, semester, page, page_size, unit_ids)
        return rows, total, dipantau, jam.sekarang_utc()
    U = RingkasanCakupanUnit
    sumber = (
        select(
            U.unit_kerja_id.label("unit_kerja_id"),
            U.puncak_id.label("puncak_id"),
            U.jumlah_pegawai.label("jumlah"),
            U.terakhir.label("terakhir"),
            U.kali.label("kali"),
        )
        .where(U.tahun == tahun, U.semester == semester)
        .subquery("sumber")
    )
    stmt, urutan = _cakupan_unit_stmt(tahun, semester, sumber, unit_ids)
    # every summary row is one page row (its unit and top unit exist: the keys cascade), so the counts come from
    # the summary alone
    hitung = select(func.count(U.unit_kerja_id), func.count(U.terakhir), _per(tahun, semester)).where(
        U.tahun == tahun, U.semester == semester
    )
    total, dipantau, per = db.session.execute(hitung).one()
    if per is None:
        _siapkan_ringkasan(tahun, semester)
        total, dipantau, per = db.session.execute(hitung).one()
    return _baris_unit(stmt, urutan, tahun, semester, page, page_size), total, dipantau, per


def _cakupan_atasan_dari(agg, page: int, page_size: int | None, per=None, halaman=None):
    """Over ``agg`` (jabatan_id, bawahan, dipantau, terakhir): the page's query, not yet run, and the counts
    (total, lengkap[, the summary's stamp ``per``]) — read in one statement. ``halaman``: the page's rows
    already chosen and ordered (the summary's stored sort keys), only their names are joined."""
    sumber = agg if halaman is None else halaman
    pemangku = (
        select(Pegawai.nama)
        .where(Pegawai.jabatan_id == sumber.c.jabatan_id)
        .order_by(Pegawai.id)
        .limit(1)
        .scalar_subquery()
    )
    nip = (
        select(Pegawai.nip)
        .where(Pegawai.jabatan_id == sumber.c.jabatan_id)
        .order_by(Pegawai.id)
        .limit(1)
        .scalar_subquery()
    )
    kolom = [func.count(), func.count(case((agg.c.dipantau >= agg.c.bawahan, 1)))]
    hitung = select(*kolom, *([per] if per is not None else [])).select_from(agg)
    angka = db.session.execute(hitung).one()
    stmt = (
        select(
            sumber.c.jabatan_id,
            Jabatan.nama.label("jabatan"),
            UnitKerja.nama_tampil.label("unit"),
            pemangku.label("pemangku"),
            nip.label("nip"),
            sumber.c.bawahan,
            sumber.c.dipantau,
            sumber.c.terakhir,
        )
        .select_from(sumber)
        .join(Jabatan, Jabatan.id == sumber.c.jabatan_id)
        .join(UnitKerja, UnitKerja.id == Jabatan.unit_kerja_id)
    )
    if halaman is not None:
        return stmt.order_by(halaman.c.urut), tuple(angka)
    lengkap = case((agg.c.dipantau < agg.c.bawahan, 0), else_=1)
    q = stmt.order_by(lengkap, UnitKerja.nama, Jabatan.nama, agg.c.jabatan_id)
    if page_size:
        q = q.offset(page * page_size).limit(page_size)
    return q, tuple(angka)


def cakupan_atasan_langsung(tahun: int, semester: int, page: int = 0, page_size: int | None = 50, atasan_jabatan=None):
    """Per supervisor (position with subordinates): subordinates, how many monitored this semester, last date,
    computed from the live tables.

    The evaluator's own obligation (000 Pasal 10(1)): each subordinate at least once a semester. Supervisors
    with subordinates not yet monitored come first. Two statements whatever the page size.
    """
    agg = _agregat_atasan(tahun, semester, atasan_jabatan).subquery("agg")
    q, (total, selesai) = _cakupan_atasan_dari(agg, page, page_size)
    return _baris_atasan(q), total, selesai


def _baris_atasan(q) -> list[dict]:
    return [dict(r._mapping) | {"lengkap": r.dipantau >= r.bawahan} for r in db.session.execute(q).all()]


def cakupan_atasan(tahun: int, semester: int, page: int = 0, page_size: int | None = 50, atasan_jabatan=None):
    """``cakupan_atasan_langsung`` read from the semester's summary: (rows, total, lengkap, dihitung_pada).
    Two statements whatever the page size; the semester's first reader computes the summary. The page is
    chosen on the stored sort keys (an index range), names joined for its rows only."""
    A = RingkasanCakupanAtasan
    semester_ini = [A.tahun == tahun, A.semester == semester]
    if atasan_jabatan is not None:
        semester_ini.append(A.jabatan_id.in_(atasan_jabatan))
    agg = select(A.jabatan_id, A.bawahan, A.dipantau, A.terakhir).where(*semester_ini).subquery("agg")
    urut = (A.lengkap, A.unit_nama, A.jabatan_nama, A.jabatan_id)
    pilih = (
        select(A.jabatan_id, A.bawahan, A.dipantau, A.terakhir, func.row_number().over(order_by=urut).label("urut"))
        .where(*semester_ini)
        .order_by(*urut)
    )
    if page_size:
        pilih = pilih.offset(page * page_size).limit(page_size)
    halaman = pilih.subquery("halaman")
    q, (total, selesai, per) = _cakupan_atasan_dari(agg, page, page_size, _per(tahun, semester), halaman)
    if per is None:
        _siapkan_ringkasan(tahun, semester)
        q, (total, selesai, per) = _cakupan_atasan_dari(agg, page, page_size, _per(tahun, semester), halaman)
    return _baris_atasan(q), total, selesai, per


def bawahan_belum_dipantau(jabatan_id: int, tahun: int, semester: int):
    """A supervisor's direct subordinates with their last monitoring of the semester (not yet monitored first)."""
    awal, akhir = rentang_semester(tahun, semester)
    pp = (
        select(PemantauanPegawai.pegawai_id.label("pegawai_id"), func.max(PemantauanPegawai.tanggal).label("t"))
        .where(PemantauanPegawai.tanggal.between(awal, akhir))
        .group_by(PemantauanPegawai.pegawai_id)
        .subquery("pp")
    )
    stmt = (
        select(Pegawai.id, Pegawai.nip, Pegawai.nama, Jabatan.nama.label("jabatan"), pp.c.t.label("terakhir"))
        .join(Jabatan, Jabatan.id == Pegawai.jabatan_id)
        .outerjoin(pp, pp.c.pegawai_id == Pegawai.id)
        .where(Jabatan.atasan_id == jabatan_id, Pegawai.status.in_(STATUS_DIPANTAU))
        .order_by(case((pp.c.t.is_(None), 0), else_=1), Pegawai.nama, Pegawai.id)
    )
    return db.session.execute(stmt).all()


def pegawai_unit(unit_ids, page: int = 0, page_size: int = 50):
    """Employees of the given units (a select of ids), paged: (rows, total) in two statements."""
    base = (
        select(
            Pegawai.id, Pegawai.nip, Pegawai.nama, Jabatan.nama.label("jabatan"), UnitKerja.nama_tampil.label("unit")
        )
        .join(UnitKerja, UnitKerja.id == Pegawai.unit_kerja_id)
        .outerjoin(Jabatan, Jabatan.id == Pegawai.jabatan_id)
        .where(Pegawai.unit_kerja_id.in_(unit_ids), Pegawai.status.in_(STATUS_DIPANTAU))
    )
    total = db.session.scalar(select(func.count()).select_from(base.subquery()))
    rows = db.session.execute(
        base.order_by(UnitKerja.nama, Pegawai.nama, Pegawai.id).offset(page * page_size).limit(page_size)
    ).all()
    return rows, total


def unit_boleh_dipantau(tim: TimPemantau, unit_id: int, tanggal: dt.date) -> bool:
    """A team records monitoring of a unit assigned to it for the date's semester (or, for a unit-level
    team, of its own unit or a unit below it)."""
    if tim.level == LevelTim.UNIT.value and tim.unit_kerja_id is not None:
        return Pohon.muat().di_bawah(unit_id, tim.unit_kerja_id)
    return (
        db.session.execute(
            select(PenugasanTim.id).where(
                PenugasanTim.tim_id == tim.id,
                PenugasanTim.unit_kerja_id == unit_id,
                PenugasanTim.tahun == tanggal.year,
                PenugasanTim.semester == semester_dari(tanggal),
            )
        ).first()
        is not None
    )


# ------------------------------------------------------------------------------------------------
# Excel registers
# ------------------------------------------------------------------------------------------------


KOLOM_TIM = [
    Kolom("No", 6, "nomor"),
    Kolom("Nama Tim", 34),
    Kolom("Tingkat", 22),
    Kolom("Unit Kerja Tim", 30),
    Kolom("Nomor SK", 26),
    Kolom("Tanggal SK", 13, "tanggal"),
    Kolom("Aktif", 7),
    Kolom("NIP Anggota", 21, "nip"),
    Kolom("Nama Anggota", 30),
    Kolom("Peran", 12),
    Kolom("Unit Kerja Anggota", 32),
    Kolom("Unit Ditugaskan (semua periode)", 12, "angka"),
]


def register_tim(ids_subquery, pengekspor: str):
    """Register of teams and members: one row per member (teams without members: one row)."""
    n_unit = (
        select(PenugasanTim.tim_id, func.count(PenugasanTim.id).label("n")).group_by(PenugasanTim.tim_id).subquery()
    )
    uk_tim = aliased(UnitKerja)
    uk_peg = aliased(UnitKerja)
    urut_peran = case((AnggotaTim.peran == "ketua", 0), (AnggotaTim.peran == "sekretaris", 1), else_=2)
    stmt = (
        select(
            TimPemantau.nama,
            TimPemantau.level,
            uk_tim.nama_tampil,
            TimPemantau.nomor_sk,
            TimPemantau.tanggal_sk,
            TimPemantau.aktif,
            Pegawai.nip,
            Pegawai.nama,
            AnggotaTim.peran,
            uk_peg.nama_tampil,
            n_unit.c.n,
        )
        .outerjoin(uk_tim, uk_tim.id == TimPemantau.unit_kerja_id)
        .outerjoin(AnggotaTim, AnggotaTim.tim_id == TimPemantau.id)
        .outerjoin(Pegawai, Pegawai.id == AnggotaTim.pegawai_id)
        .outerjoin(uk_peg, uk_peg.id == Pegawai.unit_kerja_id)
        .outerjoin(n_unit, n_unit.c.tim_id == TimPemantau.id)
        .where(TimPemantau.id.in_(select(ids_subquery.c.id)))
        .order_by(TimPemantau.level, TimPemantau.nama, TimPemantau.id, urut_peran, Pegawai.nama)
    )

    def baris():
        for i, r in enumerate(db.session.execute(stmt.execution_options(yield_per=2000)), 1):
            yield (
                i,
                r[0],
                LEVEL_LABEL.get(r[1], r[1]),
                r[2],
                r[3],
                r[4],
                "Ya" if r[5] else "Tidak",
                r[6],
                r[7],
                PERAN_LABEL.get(r[8], r[8]),
                r[9],
                r[10] or 0,
            )

    return tulis_register(
        "REGISTER TIM PEMANTAU KINERJA DAN ANGGOTA",
        KOLOM_TIM,
        baris(),
        instansi=instansi_nama()[0],
        pengekspor=pengekspor,
        nama_sheet="Tim Pemantau",
    )


KOLOM_PENUGASAN = [
    Kolom("No", 6, "nomor"),
    Kolom("Tahun", 8, "nomor"),
    Kolom("Semester", 9, "nomor"),
    Kolom("Kode Unit", 18),
    Kolom("Unit Kerja", 36),
    Kolom("Perangkat Daerah", 36),
    Kolom("Jumlah Pegawai", 10, "angka"),
    Kolom("Tim Pemantau", 34),
    Kolom("Nomor SK Tim", 26),
]


def register_penugasan(ids_subquery, pengekspor: str):
    pt = cte_puncak()
    pd = aliased(UnitKerja)
    stmt = (
        select(
            PenugasanTim.tahun,
            PenugasanTim.semester,
            UnitKerja.kode,
            UnitKerja.nama_tampil,
            pd.nama_tampil,
            PenugasanTim.jumlah_pegawai,
            TimPemantau.nama,
            TimPemantau.nomor_sk,
        )
        .join(UnitKerja, UnitKerja.id == PenugasanTim.unit_kerja_id)
        .join(TimPemantau, TimPemantau.id == PenugasanTim.tim_id)
        .outerjoin(pt, pt.c.id == UnitKerja.id)
        .outerjoin(pd, pd.id == pt.c.puncak)
        .where(PenugasanTim.id.in_(select(ids_subquery.c.id)))
        .order_by(PenugasanTim.tahun, PenugasanTim.semester, TimPemantau.nama, pd.nama, UnitKerja.kode)
    )

    def baris():
        for i, r in enumerate(db.session.execute(stmt.execution_options(yield_per=2000)), 1):
            yield (i, *r)

    return tulis_register(
        "REGISTER PENUGASAN TIM PEMANTAU KINERJA",
        KOLOM_PENUGASAN,
        baris(),
        instansi=instansi_nama()[0],
        pengekspor=pengekspor,
        nama_sheet="Penugasan",
    )


KOLOM_CAKUPAN_UNIT = [
    Kolom("No", 6, "nomor"),
    Kolom("Status", 16),
    Kolom("Kode Unit", 18),
    Kolom("Unit Kerja", 36),
    Kolom("Perangkat Daerah", 36),
    Kolom("Jumlah Pegawai", 10, "angka"),
    Kolom("Tim Pemantau", 34),
    Kolom("Pemantauan Terakhir", 14, "tanggal"),
    Kolom("Jumlah Pemantauan", 10, "angka"),
]


def ekspor_cakupan_unit(tahun: int, semester: int, pengekspor: str):
    rows, _, _, per = cakupan_unit(tahun, semester, page_size=None)
    data = (
        (
            i,
            "Sudah dipantau" if r["dipantau"] else "Belum dipantau",
            r["kode"],
            r["nama"],
            r["pd"],
            r["jumlah"],
            r["tim"] or "— belum ditugaskan —",
            r["terakhir"],
            r["kali"],
        )
        for i, r in enumerate(rows, 1)
    )
    return tulis_register(
        "CAKUPAN PEMANTAUAN UNIT KERJA OLEH TIM PEMANTAU KINERJA",
        KOLOM_CAKUPAN_UNIT,
        data,
        instansi=instansi_nama()[0],
        periode=f"Semester {semester} Tahun {tahun} (data per {waktu(per)})",
        pengekspor=pengekspor,
        nama_sheet="Cakupan Unit",
    )


KOLOM_CAKUPAN_ATASAN = [
    Kolom("No", 6, "nomor"),
    Kolom("Status", 16),
    Kolom("Jabatan Atasan", 36),
    Kolom("Unit Kerja", 32),
    Kolom("NIP Pemangku", 21, "nip"),
    Kolom("Nama Pemangku", 30),
    Kolom("Jumlah Bawahan", 10, "angka"),
    Kolom("Bawahan Dipantau", 10, "angka"),
    Kolom("Pemantauan Terakhir", 14, "tanggal"),
]


def ekspor_cakupan_atasan(tahun: int, semester: int, pengekspor: str):
    rows, _, _, per = cakupan_atasan(tahun, semester, page_size=None)
    data = (
        (
            i,
            "Lengkap" if r["lengkap"] else "Belum lengkap",
            r["jabatan"],
            r["unit"],
            r["nip"],
            r["pemangku"] or "— jabatan kosong —",
            r["bawahan"],
            r["dipantau"],
            r["terakhir"],
        )
        for i, r in enumerate(rows, 1)
    )
    return tulis_register(
        "PEMANTAUAN KINERJA BAWAHAN OLEH PEJABAT PENILAI (000 PASAL 10 AYAT 1)",
        KOLOM_CAKUPAN_ATASAN,
        data,
        instansi=instansi_nama()[0],
        periode=f"Semester {semester} Tahun {tahun} (data per {waktu(per)})",
        pengekspor=pengekspor,
        nama_sheet="Cakupan Atasan",
    )
