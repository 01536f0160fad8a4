"""Parent check of the unit tree and of the chain of superior positions (app.rules.pohon)."""

from hypothesis import given, settings
from hypothesis import strategies as st

from app.rules.pohon import MAKS_KEDALAMAN_POHON, MasalahInduk, masalah_induk


def test_contoh():
    peta = {1: None, 2: 1, 3: 2, 4: 1}
    assert masalah_induk(3, 4, peta) is None  # move a leaf under a sibling branch
    assert masalah_induk(2, 2, peta) is MasalahInduk.SIKLUS  # own parent
    assert masalah_induk(1, 3, peta) is MasalahInduk.SIKLUS  # under its own grandchild
    assert masalah_induk(None, 3, peta) is None  # a new row
    assert masalah_induk(2, None, peta) is None  # to the top
    assert masalah_induk(4, 99, peta) is None  # unknown id: the foreign key decides
    rusak = {5: 6, 6: 5}
    assert masalah_induk(7, 5, rusak) is MasalahInduk.RANTAI_MELINGKAR


def test_batas_kedalaman():
    rantai = {i: (i - 1 if i > 1 else None) for i in range(1, 200)}
    # a node under i sits at level i + 1
    assert masalah_induk(None, MAKS_KEDALAMAN_POHON - 1, rantai) is None
    assert masalah_induk(None, MAKS_KEDALAMAN_POHON, rantai) is MasalahInduk.TERLALU_DALAM
    assert masalah_induk(None, 3, rantai, batas=4) is None
    assert masalah_induk(None, 4, rantai, batas=4) is MasalahInduk.TERLALU_DALAM


@st.composite
def hutan(draw):
    """An acyclic id → parent map: each node's parent has a smaller id (or none)."""
    n = draw(st.integers(min_value=1, max_value=40))
    return {i: draw(st.one_of(st.none(), st.integers(0, i - 1))) if i else None for i in range(n)}


def _leluhur_atau_diri(peta, x):
    out = set()
    while x is not None:
        out.add(x)
        x = peta[x]
    return out


def _berakhir(peta, x, batas):
    for _ in range(batas + 1):
        if x is None:
            return True
        x = peta.get(x)
    return x is None


@settings(max_examples=300, deadline=None)
@given(hutan(), st.data())
def test_siklus_tepat_bila_induk_baru_adalah_keturunan(peta, data):
    simpul = data.draw(st.sampled_from(sorted(peta)))
    induk = data.draw(st.one_of(st.none(), st.sampled_from(sorted(peta))))
    masalah = masalah_induk(simpul, induk, peta)
    # a cycle exactly when the node is the new parent or one of its ancestors (= the parent is in its subtree)
    assert (masalah is MasalahInduk.SIKLUS) == (induk is not None and simpul in _leluhur_atau_diri(peta, induk))
    if masalah is None:  # the accepted change leaves a forest: every walk ends at a top
        baru = dict(peta)
        baru[simpul] = induk
        assert all(_berakhir(baru, x, len(baru)) for x in baru)


@settings(max_examples=300, deadline=None)
@given(
    st.dictionaries(st.integers(0, 30), st.one_of(st.none(), st.integers(0, 30)), max_size=30),
    st.integers(0, 30),
    st.one_of(st.none(), st.integers(0, 30)),
    st.integers(1, 10),
)
def test_peta_sembarang_selalu_berhenti_dan_hasilnya_terbatas(peta, simpul, induk, batas):
    """Any map, cycles included (data written around the app): the check terminates, and an accepted parent
    has a chain that reaches the top, without the node, within ``batas`` levels."""
    if masalah_induk(simpul, induk, peta, batas=batas) is None and induk is not None:
        x, langkah, dilihat = induk, 0, set()
        while x is not None:
            assert x != simpul and x not in dilihat
            dilihat.add(x)
            langkah += 1
            x = peta.get(x)
        assert langkah < batas
