"""R11 — 000 Pasal 16(4) a–c; 001 Lampiran "Pembinaan Kinerja" 5 c) 2) (a)(3), (b): who may be appointed
counsellor, per jenis_konselor."""

from hypothesis import given
from hypothesis import strategies as st

from app.rules import CalonKonselor, JenisKonselor, alasan_konselor_tidak_layak

PEGAWAI, PELAPOR = 1, 2


def _calon(pid=10, aktif=True, konselor=True, nama="Rina Konselor"):
    return CalonKonselor(pid, nama, aktif, konselor)


def test_pejabat_fungsi_konseling_dan_independen_perlu_penunjukan_bkpsdm():
    for jenis in ("pejabat_konseling", "independen"):
        assert alasan_konselor_tidak_layak(jenis, _calon(), PEGAWAI, PELAPOR) is None
    # a school principal without the designation ("Pejabat yang Memiliki Fungsi Memberikan Konseling")
    kepsek = _calon(nama="Kepala SD Negeri 1", konselor=False)
    a = alasan_konselor_tidak_layak("pejabat_konseling", kepsek, PEGAWAI, PELAPOR)
    assert a.startswith("Kepala SD Negeri 1 bukan pejabat yang memiliki fungsi memberikan konseling")
    assert "16(4) b" in a
    assert "16(4) c" in alasan_konselor_tidak_layak("independen", kepsek, PEGAWAI, PELAPOR)


def test_penilai_terlatih_adalah_pelapor_yang_tercatat_terlatih():
    assert alasan_konselor_tidak_layak("penilai_terlatih", _calon(PELAPOR), PEGAWAI, PELAPOR) is None
    assert "bukan pejabat penilai pelapor" in alasan_konselor_tidak_layak(
        "penilai_terlatih", _calon(), PEGAWAI, PELAPOR
    )
    assert "belum tercatat telah memperoleh pelatihan konseling" in alasan_konselor_tidak_layak(
        "penilai_terlatih", _calon(PELAPOR, konselor=False), PEGAWAI, PELAPOR
    )


def test_pelapor_bukan_konselor_independen_maupun_pejabat_fungsi():
    for jenis in ("pejabat_konseling", "independen"):
        a = alasan_konselor_tidak_layak(jenis, _calon(PELAPOR), PEGAWAI, PELAPOR)
        assert "adalah pejabat penilai pelapor" in a and "Pelatihan Konseling" in a


def test_pegawai_sendiri_dan_tidak_aktif_tidak_pernah_layak():
    for jenis in JenisKonselor:
        assert "tidak boleh pegawai yang bersangkutan" in alasan_konselor_tidak_layak(
            jenis, _calon(PEGAWAI), PEGAWAI, PELAPOR
        )
        assert "bukan pegawai aktif" in alasan_konselor_tidak_layak(jenis, _calon(aktif=False), PEGAWAI, PELAPOR)


@given(
    jenis=st.sampled_from(list(JenisKonselor)),
    pid=st.integers(1, 4),
    aktif=st.booleans(),
    konselor=st.booleans(),
    pelapor=st.one_of(st.none(), st.integers(1, 4)),
)
def test_layak_hanya_dengan_penunjukan_dan_menyebut_nama_bila_ditolak(jenis, pid, aktif, konselor, pelapor):
    c = CalonKonselor(pid, "Nama Calon", aktif, konselor)
    a = alasan_konselor_tidak_layak(jenis, c, PEGAWAI, pelapor)
    if a is None:
        assert konselor and aktif and pid != PEGAWAI
        assert (pid == pelapor) == (jenis is JenisKonselor.PENILAI_TERLATIH)
    else:
        assert "Nama Calon" in a
