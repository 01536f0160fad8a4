"""R13: Tim Pemantau Kinerja (000 Pasal 20).

* Tim tingkat kota/kabupaten: unsur BKPSDM, Sekretariat Daerah, dan unit kerja
  lain yang ditetapkan Sekretaris Daerah (000 Pasal 20(3)).
* Tim tingkat unit kerja: unsur sekretariat unit kerja dan unsur lain pada unit
  kerja *itu*, 3–7 anggota (000 Pasal 20(4)). Batas yang sama dipakai untuk tim
  kota kecuali diatur lain (pengaturan instansi: ``min_anggota``/``max_anggota``).

Anggota dimodelkan sebagai nilai sederhana :class:`AnggotaTim`:
``pegawai_id`` (int/str), ``unit_id`` = unit kerja (perangkat daerah) tempat
pegawai bekerja — pemanggil memetakan sub-unit ke unit kerjanya —,
``dari_sekretariat`` = pegawai berasal dari sekretariat unit kerja tersebut,
``nama`` untuk pesan.
"""

from __future__ import annotations

from bisect import insort
from collections.abc import Collection, Hashable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any, TypeVar

from .enums import LevelTim

U = TypeVar("U", bound=Hashable)  # unit id
T = TypeVar("T", bound=Hashable)  # team id

BATAS_ANGGOTA_MIN = 3
BATAS_ANGGOTA_MAX = 7


@dataclass(frozen=True)
class AnggotaTim:
    pegawai_id: Hashable
    unit_id: Hashable
    dari_sekretariat: bool = False
    nama: str = ""

    @property
    def sebutan(self) -> str:
        return self.nama or f"Pegawai {self.pegawai_id}"


def kunci_urut(x: object) -> tuple[int, Any, str]:
    """Kunci urut deterministik untuk id int maupun str (angka dahulu)."""
    if isinstance(x, (int, float)) and not isinstance(x, bool):
        return (0, x, "")
    return (1, 0, str(x))


def _cek_batas(min_anggota: int, max_anggota: int) -> None:
    if min_anggota < 1 or max_anggota < min_anggota:
        raise ValueError("Batas anggota tim tidak valid: minimal ≥ 1 dan maksimal ≥ minimal.")


# R13 — 000 Pasal 20(3)–(4) (unsur dan jumlah anggota Tim Pemantau Kinerja)
def validasi_tim(
    level: LevelTim | str,
    anggota: Iterable[AnggotaTim],
    unit_tim: Hashable | None = None,
    unit_sekretariat: Collection[Hashable] = (),
    unit_eligible_kota: Collection[Hashable] = (),
    min_anggota: int = BATAS_ANGGOTA_MIN,
    max_anggota: int = BATAS_ANGGOTA_MAX,
) -> list[str]:
    """Daftar pelanggaran (kosong = valid), dalam Bahasa Indonesia.

    ``unit_tim``: unit kerja tim tingkat unit (wajib untuk level ``unit``).
    ``unit_sekretariat``: id unit Sekretariat Daerah; ``unit_eligible_kota``: id
    BKPSDM dan unit yang ditetapkan Sekretaris Daerah — gabungan keduanya adalah
    asal anggota yang sah untuk tim tingkat kota.
    """
    _cek_batas(min_anggota, max_anggota)
    lv = LevelTim.coerce(level)
    daftar = list(anggota)
    pesan: list[str] = []
    terlihat: set[Hashable] = set()
    unik: list[AnggotaTim] = []
    for a in daftar:
        if a.pegawai_id in terlihat:
            pesan.append(f"{a.sebutan} tercantum lebih dari sekali.")
            continue
        terlihat.add(a.pegawai_id)
        unik.append(a)
    n = len(unik)
    if n < min_anggota:
        pesan.append(f"Jumlah anggota tim {n} orang; paling sedikit {min_anggota} orang.")
    if n > max_anggota:
        pesan.append(f"Jumlah anggota tim {n} orang; paling banyak {max_anggota} orang.")
    if lv is LevelTim.UNIT:
        if unit_tim is None:
            pesan.append("Unit kerja tim wajib diisi untuk tim tingkat unit kerja.")
            return pesan
        for a in unik:
            if a.unit_id != unit_tim:
                pesan.append(f"{a.sebutan} bukan pegawai unit kerja tim ini.")
        if not any(a.dari_sekretariat and a.unit_id == unit_tim for a in unik):
            pesan.append(
                "Tim tingkat unit kerja harus memiliki paling sedikit satu anggota dari unsur sekretariat unit kerja."
            )
    else:
        sah = set(unit_sekretariat) | set(unit_eligible_kota)
        for a in unik:
            if a.unit_id not in sah:
                pesan.append(
                    f"{a.sebutan} bukan dari unsur BKPSDM, Sekretariat Daerah, atau unit kerja "
                    "yang ditetapkan Sekretaris Daerah."
                )
    return pesan


# R13 — 000 Pasal 20(4) (tim unit: unsur sekretariat dan unsur lain pada unit kerja itu, 3–7 orang)
def usulkan_anggota_tim(
    pegawai: Iterable[AnggotaTim],
    unit_tim: Hashable,
    jumlah: int | None = None,
    kecualikan: Collection[Hashable] = (),
    min_anggota: int = BATAS_ANGGOTA_MIN,
    max_anggota: int = BATAS_ANGGOTA_MAX,
) -> tuple[AnggotaTim, ...]:
    """Usulan deterministik tim tingkat unit dari pegawai unit itu.

    Ukuran = ``jumlah`` (dibatasi ke [min, max]; bawaan ``min_anggota``). Urutan:
    satu pegawai sekretariat (id terkecil), lalu pegawai bukan sekretariat, lalu
    sisa pegawai sekretariat, masing-masing menurut id. ValueError (pesan
    Indonesia) bila pegawai tidak cukup atau tidak ada unsur sekretariat.
    """
    _cek_batas(min_anggota, max_anggota)
    ukuran = min(max(jumlah if jumlah is not None else min_anggota, min_anggota), max_anggota)
    kecuali = set(kecualikan)
    calon = sorted(
        {a.pegawai_id: a for a in pegawai if a.unit_id == unit_tim and a.pegawai_id not in kecuali}.values(),
        key=lambda a: kunci_urut(a.pegawai_id),
    )
    sekretariat = [a for a in calon if a.dari_sekretariat]
    if not sekretariat:
        raise ValueError("Unit kerja tidak memiliki pegawai dari unsur sekretariat untuk Tim Pemantau Kinerja.")
    if len(calon) < ukuran:
        raise ValueError(f"Pegawai unit kerja hanya {len(calon)} orang; dibutuhkan {ukuran} orang.")
    lain = [a for a in calon if not a.dari_sekretariat]
    urutan = [sekretariat[0]] + lain + sekretariat[1:]
    return tuple(urutan[:ukuran])


class PembagianUnit(dict[U, T]):
    """Mapping unit → tim, ditambah ``tidak_dapat`` (unit → alasan), ``beban`` (tim → beban) dan, terhadap
    pembagian ``sebelumnya``: ``tetap`` (unit di tim yang sama), ``pindah`` (unit → (tim lama, tim baru)),
    ``baru`` (unit tanpa tim sebelumnya) dan ``lepas`` (unit sebelumnya yang kini tidak ditugaskan → tim lama).
    ``batas_selisih`` = W, bobot unit terbesar (lihat :func:`bagi_unit_ke_tim`)."""

    def __init__(
        self,
        penugasan: Mapping[U, T],
        tidak_dapat: Mapping[U, str],
        beban: Mapping[T, int],
        sebelumnya: Mapping[U, T] | None = None,
        batas_selisih: int = 0,
    ) -> None:
        super().__init__(penugasan)
        self.tidak_dapat: dict[U, str] = dict(tidak_dapat)
        self.beban: dict[T, int] = dict(beban)
        self.batas_selisih = batas_selisih
        lama = dict(sebelumnya or {})
        self.tetap: set[U] = {u for u, t in self.items() if u in lama and lama[u] == t}
        self.pindah: dict[U, tuple[T, T]] = {u: (lama[u], t) for u, t in self.items() if u in lama and lama[u] != t}
        self.baru: set[U] = {u for u in self if u not in lama}
        self.lepas: dict[U, T] = {u: t for u, t in lama.items() if u not in self}

    @property
    def beban_maksimum(self) -> int:
        return max(self.beban.values(), default=0)


# R13 — 000 Pasal 20(1)–(3) (tim tingkat kota memantau unit kerja; tanpa konflik kepentingan)
def bagi_unit_ke_tim(  # noqa: C901 — greedy assignment then bounded local improvement in one pass over shared state; tests/rules/test_mutan_tim.py pins each branch
    tim: Mapping[T, Collection[U]],
    unit: Mapping[U, int],
    maks_perbaikan: int | None = None,
    sebelumnya: Mapping[U, T] | None = None,
) -> PembagianUnit[U, T]:
    """Bagi unit kerja ke tim pemantau tingkat kota, sestabil mungkin terhadap pembagian ``sebelumnya``.

    ``tim``: tim (aktif) → himpunan unit tempat anggotanya bekerja (tim tidak boleh memantau unit itu:
    konflik kepentingan; pemanggil memperluasnya ke seluruh perangkat daerah anggota). ``unit``: unit →
    jumlah pegawai (beban, bilangan bulat ≥ 0). ``sebelumnya``: unit → tim pembagian yang berlaku (boleh
    memuat tim yang kini tidak dipilih/aktif dan unit yang tidak lagi ada).

    **Batas keseimbangan (B)**, dijamin bila ``maks_perbaikan`` tidak dibatasi: dengan W = jumlah pegawai
    unit terbesar yang ditugaskan, untuk setiap unit u berbeban > 0 di tim t dan setiap tim t' yang boleh
    memantau u: beban(t) − beban(t') ≤ W. Tanpa konflik kepentingan artinya beban terbesar − beban terkecil
    ≤ W — jaminan yang sama dengan LPT di bawah. Unit berbeban 0 tidak memengaruhi keseimbangan.

    Tanpa ``sebelumnya``: LPT (unit menurut jumlah pegawai menurun lalu id; tiap unit ke tim layak dengan
    beban terkecil, seri menurut id tim), perbaikan lokal (selama tim berbeban terbesar dapat memindahkan
    satu unitnya ke tim layak lain yang tetap lebih ringan dari beban maksimum semula, pindahkan), lalu
    perbaikan B. Beban maksimum tidak pernah melebihi hasil LPT; tanpa konflik B sudah dipenuhi LPT sehingga
    hasilnya sama dengan algoritme sebelumnya.

    Dengan ``sebelumnya`` (kesinambungan pemantauan): (1) setiap unit tetap di tim lamanya bila tim itu
    masih ada di ``tim`` dan tidak berkonflik; (2) unit lain (baru, atau tim lamanya tidak aktif/berkonflik)
    diberikan urut LPT ke tim layak berbeban terkecil (seri: id tim); (3) selama B dilanggar, satu unit
    dipindahkan dari tim terberat yang melanggar ke tim layak berbeban terkecil yang lebih ringan dari
    beban(t) − W. Urutan pilihan pindahan (deterministik): unit yang kembali ke tim lamanya, lalu unit yang
    tidak menambah jumlah unit pindah (unit baru atau yang sudah pindah), lalu unit yang meninggalkan tim
    lamanya; di dalam tiap golongan unit berbeban terbesar (pindahan paling sedikit), lalu id unit. Tujuan:
    tim lama unit itu bila memenuhi syarat, selain itu beban terkecil, lalu id tim. Setiap pindahan
    menurunkan jumlah kuadrat beban dan tidak menaikkan beban maksimum, jadi proses berhenti.

    Akibatnya: pembagian sebelumnya yang sudah memenuhi B dan tidak berubah → 0 pindahan (hasil fungsi ini
    selalu memenuhi B, jadi menjalankannya ulang tidak memindahkan apa pun). Menambah satu tim tanpa konflik
    ke pembagian n unit atas k tim yang memenuhi B: yang pindah hanya ke tim baru (tim lama yang melepas unit
    tetap dalam W dari beban maksimum, yang tidak pernah naik), paling banyak ⌈n/(k+1)⌉ unit (properti di
    tests/rules/test_tim.py). Bila tim baru berkonflik dengan unit tim terberat, tim itu hanya dapat
    diringankan lewat tim lama lain, sehingga pindahan antartim lama dapat terjadi (dipaksa konflik); B dan
    larangan konflik tetap dijamin.
    """
    urut_tim = sorted(tim, key=kunci_urut)
    konflik = {t: set(tim[t]) for t in urut_tim}
    beban = {t: 0 for t in urut_tim}
    penugasan: dict[U, T] = {}
    tidak_dapat: dict[U, str] = {}
    for u, n in unit.items():
        if n < 0:
            raise ValueError(f"Jumlah pegawai unit {u} tidak boleh negatif.")
    lama = {u: t for u, t in (sebelumnya or {}).items() if u in unit}
    urut_unit = sorted(unit, key=lambda u: (-unit[u], kunci_urut(u)))
    for u in urut_unit:  # (1) continuity: stay where allowed
        t = lama.get(u)
        if t is not None and t in konflik and u not in konflik[t]:
            penugasan[u] = t
            beban[t] += unit[u]
    for u in urut_unit:  # (2) LPT for the rest
        if u in penugasan:
            continue
        if not urut_tim:
            tidak_dapat[u] = "Tidak ada tim pemantau."
            continue
        layak = [t for t in urut_tim if u not in konflik[t]]
        if not layak:
            tidak_dapat[u] = "Semua tim memiliki anggota yang bekerja di unit ini."
            continue
        pilih = min(layak, key=lambda t: (beban[t], kunci_urut(t)))
        penugasan[u] = pilih
        beban[pilih] += unit[u]

    isi: dict[T, list[U]] = {t: [] for t in urut_tim}
    for u in urut_unit:
        if u in penugasan:
            isi[penugasan[u]].append(u)
    sisa = maks_perbaikan
    if not lama:
        # Local improvement as before: every move lowers the sum of squared loads, so it stops.
        batas = maks_perbaikan if maks_perbaikan is not None else 4 * len(penugasan) + 16
        n_pindah = 0
        for _ in range(batas if urut_tim else 0):
            t_maks = max(urut_tim, key=lambda t: beban[t])  # seri: id tim terkecil (urutan urut_tim)
            dipindah = False
            for u in isi[t_maks]:
                c = unit[u]
                if c <= 0:
                    continue
                tujuan = [t for t in urut_tim if t != t_maks and u not in konflik[t] and beban[t] + c < beban[t_maks]]
                if tujuan:
                    t_baru = min(tujuan, key=lambda t: (beban[t], kunci_urut(t)))
                    isi[t_maks].remove(u)
                    isi[t_baru].append(u)
                    isi[t_baru].sort(key=lambda x: (-unit[x], kunci_urut(x)))
                    beban[t_maks] -= c
                    beban[t_baru] += c
                    penugasan[u] = t_baru
                    dipindah = True
                    n_pindah += 1
                    break
            if not dipindah:
                break
        if sisa is not None:
            sisa = max(sisa - n_pindah, 0)

    w_maks = max((unit[u] for u in penugasan), default=0)
    _seimbangkan(urut_tim, konflik, unit, lama, penugasan, beban, isi, w_maks, sisa)
    hasil = {u: penugasan[u] for u in urut_unit if u in penugasan}
    return PembagianUnit(hasil, tidak_dapat, beban, sebelumnya=sebelumnya, batas_selisih=w_maks)


def _seimbangkan(
    urut_tim: list[T],
    konflik: Mapping[T, set[U]],
    unit: Mapping[U, int],
    lama: Mapping[U, T],
    penugasan: dict[U, T],
    beban: dict[T, int],
    isi: dict[T, list[U]],
    w_maks: int,
    sisa: int | None,
) -> None:
    """Move units until bound B holds (see bagi_unit_ke_tim), at most ``sisa`` moves when given.

    A move from t to t' with beban(t) − beban(t') > W ≥ w lowers Σ beban² by 2w(beban(t) − beban(t') − w) > 0
    and leaves t' below beban(t): the maximum never rises and the loop ends."""
    urutan = {t: i for i, t in enumerate(urut_tim)}
    urut = {u: (-unit[u], kunci_urut(u)) for u in penugasan}
    for t in urut_tim:  # each team's units in preference order: heaviest first, then id
        isi[t].sort(key=urut.__getitem__)
    while sisa is None or sisa > 0:
        naik = sorted(urut_tim, key=lambda t: (beban[t], urutan[t]))
        langkah = None
        for t in sorted(urut_tim, key=lambda t: (-beban[t], urutan[t])):
            ambang = beban[t] - w_maks
            if not naik or beban[naik[0]] >= ambang:
                break  # no team is light enough for this one, nor for any lighter team
            ringan = [x for x in naik if beban[x] < ambang and x != t]
            langkah = _pilih_pindahan(t, isi[t], ringan, konflik, unit, lama)
            if langkah is not None:
                break
        if langkah is None:
            return
        t, u, tujuan = langkah
        isi[t].remove(u)
        insort(isi[tujuan], u, key=urut.__getitem__)
        beban[t] -= unit[u]
        beban[tujuan] += unit[u]
        penugasan[u] = tujuan
        if sisa is not None:
            sisa -= 1


def _pilih_pindahan(
    t: T, isi_t: list[U], ringan: list[T], konflik: Mapping[T, set[U]], unit: Mapping[U, int], lama: Mapping[U, T]
) -> tuple[T, U, T] | None:
    """The move off team t that adds the fewest moved units, then the heaviest unit, then the smallest id.

    Cost against the previous assignment: −1 back to its previous team, 0 for a unit that is new or already
    off its previous team, +1 for a unit leaving its previous team. ``isi_t`` is in (−weight, id) order, so the
    first unit found of each cost is the best of that cost."""
    biaya_nol: tuple[T, U, T] | None = None
    biaya_satu: tuple[T, U, T] | None = None
    for u in isi_t:
        if unit[u] <= 0:
            break
        asal = lama.get(u)
        if asal == t:
            if biaya_satu is not None or biaya_nol is not None:
                continue
            ke = next((x for x in ringan if u not in konflik[x]), None)
            if ke is not None:
                biaya_satu = (t, u, ke)
            continue
        sah = [x for x in ringan if u not in konflik[x]]
        if not sah:
            continue
        if asal is not None and asal in sah:
            return (t, u, asal)
        if biaya_nol is None:
            biaya_nol = (t, u, sah[0])
    return biaya_nol or biaya_satu
