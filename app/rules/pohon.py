"""Pohon (hierarki) data induk: unit kerja (``induk``) dan rantai pimpinan jabatan (``atasan``).

Satu aturan untuk kedua pohon: sebuah simpul hanya boleh mendapat induk baru bila rantai induk dari induk baru
itu ke atas tidak melewati simpul itu sendiri (tidak melingkar) dan berakhir di puncak dalam
``MAKS_KEDALAMAN_POHON`` tingkat. Rantai jabatan atasan menentukan pejabat penilai (001 Lampiran "Evaluasi
Kinerja"), dan pohon unit kerja menentukan perangkat daerah sebuah unit; rantai yang melingkar tidak punya puncak.

Fungsinya murni: pemanggil memberikan peta ``id → id induk`` (cukup rantai leluhur induk baru, boleh seluruh
pohon) — satu kueri di ``app.queries.pohon``, atau peta gabungan basis data + berkas pada impor.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from enum import Enum
from typing import TypeVar

K = TypeVar("K", bound=Hashable)

# Every walk up or down these trees stops after this many levels, so corrupted data (a cycle written around the
# application) cannot loop forever; real trees are far shallower (region → OPD → bidang → subbidang …).
MAKS_KEDALAMAN_POHON = 64


class MasalahInduk(str, Enum):
    SIKLUS = "siklus"  # the new parent is the node itself or one of its descendants
    RANTAI_MELINGKAR = "rantai_melingkar"  # the new parent's own chain already loops (data written around the app)
    TERLALU_DALAM = "terlalu_dalam"  # the new parent's chain does not reach the top within the limit


def masalah_induk(
    simpul: K | None, induk_baru: K | None, induk_dari: Mapping[K, K | None], batas: int = MAKS_KEDALAMAN_POHON
) -> MasalahInduk | None:
    """Whether ``simpul`` may take ``induk_baru`` as its parent, given ``induk_dari`` (id → parent id or None).

    ``simpul`` None = a new row (no id yet: it cannot be anyone's ancestor). An id missing from the map counts
    as a top-level node. ``simpul`` may sit at most at level ``batas`` (the top is level 1); only the chain above
    it is checked, not its own subtree. Walks at most ``batas`` steps whatever the map holds.
    """
    if induk_baru is None:
        return None
    dilihat: set[K] = set()
    kini: K | None = induk_baru
    langkah = 0
    while kini is not None:
        if kini == simpul:
            return MasalahInduk.SIKLUS
        if kini in dilihat:
            return MasalahInduk.RANTAI_MELINGKAR
        dilihat.add(kini)
        langkah += 1
        if langkah >= batas:  # simpul would sit at level langkah + 1 (top = level 1)
            return MasalahInduk.TERLALU_DALAM
        kini = induk_dari.get(kini)
    return None
