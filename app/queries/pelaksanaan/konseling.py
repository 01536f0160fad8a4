"""R11 behaviour report (B.1.10) and counselling."""

from __future__ import annotations

from flask_appbuilder.security.sqla.models import Role, User, assoc_user_role
from sqlalchemy import select, update
from sqlalchemy.orm import aliased, joinedload

from app import jam
from app.aksi import PESAN_BASI, teks
from app.excel.tulis import Kolom, tulis_register
from app.extensions import db
from app.format import tanggal as teks_tanggal
from app.queries import notifikasi_kejadian as q_kejadian
from app.queries.pelaksanaan.masukan import bulat, cek_versi_wajib, pilihan, waktu, ya
from app.queries.pelaksanaan.umum import SK, GalatPelaksanaan
from app.queries.perencanaan import instansi_nama
from app.rules import (
    CalonKonselor,
    JenisKonselor,
    PeranPihak,
    StatusKonseling,
    StatusPegawai,
    alasan_konselor_tidak_layak,
    boleh_membaca_konseling,
    transisi_konseling_valid,
    tujuan_hasil_konseling,
)
from app.security import roles as R
from app.security.audit import catat
from schema.models import SKP, BuktiLaporanPerilaku, Jabatan, Konseling, LaporanPerilaku, Pegawai, UmpanBalik, UnitKerja


def buat_laporan(skp: SKP, k, data) -> LaporanPerilaku:
    """The evaluator reports to the personnel unit with the feedback evidence; the case enters the daftar."""
    if not (k.pegawai_id and skp.penilai_id == k.pegawai_id):
        raise GalatPelaksanaan("Laporan permasalahan perilaku kerja disampaikan oleh pejabat penilai kinerja pegawai.")
    bukti = []
    for v in data.getlist("bukti") if hasattr(data, "getlist") else data.get("bukti", []):
        bukti.append(bulat(v, "Bukti umpan balik"))
    if not bukti:
        raise GalatPelaksanaan("Lampirkan bukti umpan balik yang telah diberikan kepada pegawai (000 Pasal 16(2)).")
    sah = set(
        db.session.scalars(
            select(UmpanBalik.id).where(
                UmpanBalik.id.in_(bukti), UmpanBalik.skp_id.in_(select(SKP.id).where(SKP.pegawai_id == skp.pegawai_id))
            )
        )
    )
    if sah != set(bukti):
        raise GalatPelaksanaan("Bukti umpan balik harus umpan balik pada SKP pegawai yang dilaporkan.")
    if db.session.scalar(
        select(Konseling.id).where(
            Konseling.pegawai_id == skp.pegawai_id,
            Konseling.status.in_((SK.DILAPORKAN.value, SK.DITETAPKAN_KONSELING.value, SK.DIJADWALKAN.value)),
        )
    ):
        raise GalatPelaksanaan("Pegawai ini sudah tercatat dalam daftar dan konselingnya belum selesai.")
    lap = LaporanPerilaku(
        pegawai_id=skp.pegawai_id,
        pelapor_id=k.pegawai_id,
        tanggal=jam.hari_ini(),
        ekspektasi_khusus=teks(data.get("ekspektasi_khusus"), "Ekspektasi khusus", maks=4000, galat=GalatPelaksanaan),
        permasalahan=teks(
            data.get("permasalahan"), "Permasalahan perilaku kerja", wajib=True, maks=4000, galat=GalatPelaksanaan
        ),
        terjadi_pada_pegawai_lain=ya(data.get("terjadi_pada_pegawai_lain")),
        retrospektif=teks(
            data.get("retrospektif"),
            "Yang sudah dilakukan (retrospektif)",
            wajib=True,
            maks=4000,
            galat=GalatPelaksanaan,
        ),
    )
    db.session.add(lap)
    db.session.flush()
    for u in sorted(sah):
        db.session.add(BuktiLaporanPerilaku(laporan_id=lap.id, umpan_balik_id=u))
    if not transisi_konseling_valid(None, SK.DILAPORKAN):  # pragma: no cover - the rule's first step
        raise GalatPelaksanaan("Alur konseling tidak dikenal.")
    kons = Konseling(laporan_id=lap.id, pegawai_id=skp.pegawai_id, status=SK.DILAPORKAN.value)
    db.session.add(kons)
    db.session.flush()
    q_kejadian.laporan_perilaku_masuk(kons)  # the PyB decides next (R11: only that a case needs attention)
    return lap


def muat_laporan(lid, klausa) -> LaporanPerilaku | None:
    try:
        lid = int(lid)
    except (TypeError, ValueError):
        return None
    return db.session.scalar(
        select(LaporanPerilaku)
        .where(LaporanPerilaku.id == lid)
        .where(klausa)
        .options(joinedload(LaporanPerilaku.pegawai), joinedload(LaporanPerilaku.pelapor))
    )


def bukti_laporan(lap_id: int) -> list[UmpanBalik]:
    return list(
        db.session.scalars(
            select(UmpanBalik)
            .join(BuktiLaporanPerilaku, BuktiLaporanPerilaku.umpan_balik_id == UmpanBalik.id)
            .where(BuktiLaporanPerilaku.laporan_id == lap_id)
            .options(joinedload(UmpanBalik.pemberi), joinedload(UmpanBalik.rhk), joinedload(UmpanBalik.nilai_inti))
            .order_by(UmpanBalik.tanggal)
        )
    )


def peran_konseling(kons: Konseling, k) -> set[PeranPihak]:
    """The user's parts in this case (R11): PyB, the appointed counsellor, the reporting evaluator, the
    evaluator's superior (by the position tree). Admin is none of them: a system administrator is not in the
    confidentiality circle of 000 Pasal 16(5)."""
    out: set[PeranPihak] = set()
    if R.PYB in k.role_names:
        out.add(PeranPihak.PYB)
    me = k.pegawai_id
    if not me:
        return out
    if kons.konselor_id == me:
        out.add(PeranPihak.KONSELOR)
    pelapor_id = kons.laporan.pelapor_id if kons.laporan else None
    if pelapor_id == me and (R.PENILAI in k.role_names or R.ATASAN in k.role_names):
        out.add(PeranPihak.PEJABAT_PENILAI)
    if pelapor_id and k.jabatan_id and R.ATASAN in k.role_names:
        atasan_jab = db.session.scalar(
            select(Jabatan.atasan_id).join(Pegawai, Pegawai.jabatan_id == Jabatan.id).where(Pegawai.id == pelapor_id)
        )
        if atasan_jab == k.jabatan_id:
            out.add(PeranPihak.ATASAN_PEJABAT_PENILAI)
    return out


def boleh_baca_konseling(kons: Konseling, k) -> bool:
    """The confidential record (result, follow-up): decided by app.rules.boleh_membaca_konseling."""
    peran = peran_konseling(kons, k)
    if kons.jenis_konselor is None:
        return PeranPihak.PYB in peran
    return any(boleh_membaca_konseling(p, kons.jenis_konselor) for p in peran)


def muat_konseling(kid, klausa) -> Konseling | None:
    try:
        kid = int(kid)
    except (TypeError, ValueError):
        return None
    return db.session.scalar(
        select(Konseling)
        .where(Konseling.id == kid)
        .where(klausa)
        .options(joinedload(Konseling.pegawai), joinedload(Konseling.konselor), joinedload(Konseling.laporan))
    )


def _maju(kons: Konseling, ke: StatusKonseling) -> None:
    if not transisi_konseling_valid(kons.status, ke):
        raise GalatPelaksanaan(
            f'Status konseling "{StatusKonseling(kons.status).label}" tidak dapat langsung '
            f'menjadi "{ke.label}" (urutan: dilaporkan → ditetapkan → dijadwalkan → selesai '
            "→ ditindaklanjuti)."
        )


def _pemegang_peran_konselor():
    """Ids of employees whose active account holds the Konselor role: BKPSDM's designation of counsellors."""
    return (
        select(Pegawai.id)
        .join(User, User.id == Pegawai.user_id)
        .join(assoc_user_role, assoc_user_role.c.user_id == User.id)
        .join(Role, Role.id == assoc_user_role.c.role_id)
        .where(Role.name == R.KONSELOR, User.active.is_(True))
    )


def fakta_konselor(ids) -> dict[int, CalonKonselor]:
    """The facts ``alasan_konselor_tidak_layak`` decides on, for the given employees (one query)."""
    ids = [i for i in ids if i is not None]
    if not ids:
        return {}
    berperan = Pegawai.id.in_(_pemegang_peran_konselor())
    return {
        r[0]: CalonKonselor(r[0], r[1], r[2] == StatusPegawai.AKTIF.value, bool(r[3]))
        for r in db.session.execute(
            select(Pegawai.id, Pegawai.nama, Pegawai.status, berperan).where(Pegawai.id.in_(ids))
        )
    }


def calon_konselor(
    kons: Konseling | None, jenis: JenisKonselor | None, awalan: str = "", batas: int = 50
) -> list[tuple[int, str]]:
    """(id, "nama — jabatan") of the people the PyB may appoint: the Konselor role holders and, for a case, its
    reporting evaluator — each kept only if ``alasan_konselor_tidak_layak`` accepts them for ``jenis`` (any
    jenis when not given). The same rule as the acceptance check in ``tetapkan_konseling``."""
    pelapor_id = kons.laporan.pelapor_id if kons is not None and kons.laporan else None
    syarat = Pegawai.id.in_(_pemegang_peran_konselor())
    if pelapor_id:
        syarat = syarat | (Pegawai.id == pelapor_id)
    stmt = (
        select(Pegawai.id, Pegawai.nama, Jabatan.nama)
        .outerjoin(Jabatan, Jabatan.id == Pegawai.jabatan_id)
        .where(syarat, Pegawai.status == StatusPegawai.AKTIF.value)
    )
    if awalan:
        stmt = stmt.where(Pegawai.nama.icontains(awalan, autoescape=True))
    rows = db.session.execute(stmt.order_by(Pegawai.nama, Pegawai.id)).all()
    fakta = fakta_konselor([r[0] for r in rows])
    semua_jenis = [jenis] if jenis is not None else list(JenisKonselor)
    pegawai_id = kons.pegawai_id if kons is not None else None
    out = []
    for pid, nama, jabatan in rows:
        if any(alasan_konselor_tidak_layak(j, fakta[pid], pegawai_id or 0, pelapor_id) is None for j in semua_jenis):
            out.append((pid, f"{nama} — {jabatan or ''}"))
            if len(out) >= batas:
                break
    return out


def tetapkan_konseling(kons: Konseling, k, data) -> None:
    """PyB decides the employee gets counselling and appoints the counsellor (000 Pasal 16(3)–(4)); only an
    eligible counsellor for the chosen jenis is accepted (``alasan_konselor_tidak_layak``)."""
    if PeranPihak.PYB not in peran_konseling(kons, k):
        raise GalatPelaksanaan("Penetapan konseling dilakukan oleh PyB / pimpinan unit yang membidangi kepegawaian.")
    cek_versi_wajib(kons, data.get("versi"))
    _maju(kons, SK.DITETAPKAN_KONSELING)
    jenis = pilihan(JenisKonselor, data.get("jenis_konselor"), "Jenis konselor")
    kid = bulat(data.get("konselor"), "Konselor")
    calon = fakta_konselor([kid]).get(kid)
    if calon is None:
        raise GalatPelaksanaan("Konselor tidak ditemukan.")
    alasan = alasan_konselor_tidak_layak(
        jenis, calon, kons.pegawai_id, kons.laporan.pelapor_id if kons.laporan else None
    )
    if alasan:
        raise GalatPelaksanaan(alasan)
    kons.status = SK.DITETAPKAN_KONSELING.value
    kons.jenis_konselor = jenis.value
    kons.konselor_id = kid
    kons.diputuskan_oleh_id = k.pegawai_id
    q_kejadian.konseling_ditetapkan(kons)


def tidak_tetapkan_konseling(kons: Konseling, k, data) -> None:
    """PyB decides the reported employee is NOT given counselling (000 Pasal 16(3)), with the reason; terminal.
    The ORM change is audited by the flush hook (status and reason before/after) in the same transaction."""
    if PeranPihak.PYB not in peran_konseling(kons, k):
        raise GalatPelaksanaan("Penetapan konseling dilakukan oleh PyB / pimpinan unit yang membidangi kepegawaian.")
    cek_versi_wajib(kons, data.get("versi"))
    if not transisi_konseling_valid(kons.status, SK.TIDAK_DITETAPKAN):
        raise GalatPelaksanaan(
            f"Keputusan tidak ditetapkan untuk konseling hanya dapat diambil atas kasus berstatus "
            f'"{SK.DILAPORKAN.label}" (status sekarang: "{StatusKonseling(kons.status).label}").'
        )
    kons.alasan_tidak_ditetapkan = teks(
        data.get("alasan"), "Alasan tidak ditetapkan untuk konseling", wajib=True, maks=2000, galat=GalatPelaksanaan
    )
    kons.status = SK.TIDAK_DITETAPKAN.value
    kons.diputuskan_oleh_id = k.pegawai_id


def jadwalkan_konseling(kons: Konseling, k, data) -> None:
    if PeranPihak.PYB not in peran_konseling(kons, k):
        raise GalatPelaksanaan("Jadwal dan tempat konseling ditetapkan oleh PyB / pimpinan unit kepegawaian.")
    cek_versi_wajib(kons, data.get("versi"))
    _maju(kons, SK.DIJADWALKAN)
    kons.jadwal = waktu(data.get("jadwal"), "Jadwal")
    kons.tempat = teks(data.get("tempat"), "Tempat", wajib=True, maks=200, galat=GalatPelaksanaan)
    kons.status = SK.DIJADWALKAN.value
    q_kejadian.konseling_dijadwalkan(kons)


def _tulis_rahasia(kons: Konseling, versi, nilai: dict, ke: StatusKonseling) -> None:
    """Core UPDATE guarded by the version (optimistic lock) — the confidential text never enters audit_log."""
    try:
        v = int(versi)
    except (TypeError, ValueError):
        raise GalatPelaksanaan(PESAN_BASI) from None
    dari = kons.status
    hasil = db.session.execute(
        update(Konseling)
        .where(Konseling.id == kons.id, Konseling.versi == v)
        .values(status=ke.value, versi=v + 1, diubah_pada=jam.sekarang_utc(), **nilai)
        .execution_options(synchronize_session=False)
    )
    if hasil.rowcount != 1:
        raise GalatPelaksanaan(PESAN_BASI)
    catat(
        "konseling", kons.id, "ubah", sebelum={"status": dari}, sesudah={"status": ke.value, **nilai}
    )  # confidential columns become "[rahasia]" in catat
    db.session.expire(kons)


def catat_hasil_konseling(kons: Konseling, k, data) -> None:
    if PeranPihak.KONSELOR not in peran_konseling(kons, k):
        raise GalatPelaksanaan("Hasil konseling dicatat oleh konselor yang ditunjuk.")
    _maju(kons, SK.SELESAI)
    hasil = teks(data.get("hasil"), "Hasil konseling", wajib=True, maks=10000, galat=GalatPelaksanaan)
    _tulis_rahasia(kons, data.get("versi"), {"hasil": hasil, "tanggal_selesai": jam.hari_ini()}, SK.SELESAI)


def boleh_tindak_lanjut(kons: Konseling, k) -> bool:
    if not kons.jenis_konselor:
        return False
    return bool(peran_konseling(kons, k) & set(tujuan_hasil_konseling(kons.jenis_konselor)))


def tindak_lanjut_konseling(kons: Konseling, k, data) -> None:
    """The receivers of the result by R11 decide and record the follow-up (000 Pasal 17(2)–(3))."""
    if not boleh_tindak_lanjut(kons, k):
        penerima = (
            ", ".join(p.label for p in tujuan_hasil_konseling(kons.jenis_konselor))
            if kons.jenis_konselor
            else "penerima hasil konseling"
        )
        raise GalatPelaksanaan(f"Tindak lanjut hasil konseling diputuskan oleh {penerima}.")
    _maju(kons, SK.DITINDAKLANJUTI)
    _tulis_rahasia(
        kons,
        data.get("versi"),
        {
            "tindak_lanjut": teks(
                data.get("tindak_lanjut"), "Tindak lanjut", wajib=True, maks=4000, galat=GalatPelaksanaan
            )
        },
        SK.DITINDAKLANJUTI,
    )


def register_konseling(ids_subquery, pengekspor: str):
    """PyB's restricted export of the daftar: identity and process fields only — never the result or the
    follow-up, nor the report's text."""
    P, K = aliased(Pegawai), aliased(Pegawai)
    L = aliased(Pegawai)
    stmt = (
        select(
            Konseling.id,
            LaporanPerilaku.tanggal,
            P.nip,
            P.nama,
            UnitKerja.nama,
            L.nama,
            Konseling.status,
            Konseling.jenis_konselor,
            K.nama,
            Konseling.jadwal,
            Konseling.tempat,
            Konseling.tanggal_selesai,
        )
        .join(P, P.id == Konseling.pegawai_id)
        .join(LaporanPerilaku, LaporanPerilaku.id == Konseling.laporan_id)
        .join(L, L.id == LaporanPerilaku.pelapor_id)
        .outerjoin(UnitKerja, UnitKerja.id == P.unit_kerja_id)
        .outerjoin(K, K.id == Konseling.konselor_id)
        .where(Konseling.id.in_(select(ids_subquery.c.id)))
        .order_by(Konseling.id)
    )
    kolom = [
        Kolom("No", 6, "nomor"),
        Kolom("Tanggal Laporan", 14, "tanggal"),
        Kolom("NIP", 20, "nip"),
        Kolom("Nama Pegawai", 30),
        Kolom("Unit Kerja", 30),
        Kolom("Pelapor (Pejabat Penilai)", 28),
        Kolom("Status", 24),
        Kolom("Jenis Konselor", 30),
        Kolom("Konselor", 28),
        Kolom("Jadwal", 18),
        Kolom("Tempat", 24),
        Kolom("Tanggal Selesai", 14, "tanggal"),
    ]
    rows = db.session.execute(stmt).all()
    catat("konseling", None, "baca", sesudah={"ekspor": [r[0] for r in rows]})

    def baris():
        for r in rows:
            yield [
                r[0],
                r[1],
                r[2],
                r[3],
                r[4],
                r[5],
                StatusKonseling(r[6]).label,
                JenisKonselor(r[7]).label if r[7] else "",
                r[8] or "",
                teks_tanggal(r[9]) if r[9] else "",
                r[10] or "",
                r[11],
            ]

    return tulis_register(
        "Daftar Pegawai dengan Permasalahan Perilaku Kerja",
        kolom,
        baris(),
        instansi=instansi_nama()[0],
        pengekspor=pengekspor,
    )
