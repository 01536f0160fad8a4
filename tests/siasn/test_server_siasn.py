"""The SIASN contract checker (app/siasn/kontrak.py) and the loopback SIASN server (tests/siasn_server.py).

The server is exercised over real HTTP with ``requests``: tokens, header checks, payload validation against the
contract, create-then-update by id, the read endpoints and every failure injection.
"""

from __future__ import annotations

import copy
import json
from concurrent.futures import ThreadPoolExecutor

import pytest
import requests
from hypothesis import given
from hypothesis import strategies as st

from app.siasn import kontrak
from tests.siasn_server import DISENSOR, JENIS_GAGAL, ServerSiasn

NIP = "199001012020121001"
NIP_LAIN = "198502022010012002"

SKP22 = {
    "id": None,
    "tahun": 2025,
    "hasilKinerjaNilai": 2,
    "perilakuKerjaNilai": 1,
    "kuadranKinerjaNilai": 2,
    "pnsDinilaiOrang": "pns-uji-1",
    "statusPenilai": "ASN",
    "penilaiNipNrp": "197001011995031001",
    "penilaiNama": "Dr. Penilai Uji",
    "penilaiJabatan": "Kepala Bagian Umum",
    "penilaiUnorNama": "Bagian Umum",
    "penilaiGolongan": "41",
    "path": [],
}
PERIODIK = {
    "id": None,
    "periodikId": "2",
    "tahun": 2025,
    "bulanMulaiPenilaian": 1,
    "bulanSelesaiPenilaian": 3,
    "tahunMulaiPenilaian": 2025,
    "tahunSelesaiPenilaian": 2025,
    "hasilKinerjaNilai": 2,
    "perilakuKerjaNilai": 2,
    "kuadranKinerjaNilai": 2,
    "koefisienId": "12",
    "pnsDinilaiId": "pns-uji-1",
    "statusPenilai": "ASN",
    "penilaiNipNrp": "197001011995031001",
    "penilaiNama": "Dr. Penilai Uji",
    "penilaiJabatanNama": "Kepala Bagian Umum",
    "penilaiUnorNama": "Bagian Umum",
    "penilaiGolongan": "41",
    "path": [{"dok_id": "890", "dok_nama": "Dok Kinerja", "dok_uri": "peremajaan/x.pdf", "object": "x", "slug": "890"}],
}
DATA_UTAMA = {
    "id": "pns-uji-1",
    "nipBaru": NIP,
    "nipLama": None,
    "nama": "Siti Pegawai Uji",
    "gelarDepan": "",
    "gelarBelakang": "S.Kom.",
    "tanggalLahir": "01-01-1990",
    "jenisKelamin": "F",
    "email": "siti@example.go.id",
    "unorId": "unor-2",
    "unorNama": "Subbagian Kepegawaian",
    "jabatanNama": "Analis SDM Aparatur Ahli Pertama",
    "golRuangAkhir": "III/b",
    "tmtCpns": "01-12-2020",
    "kedudukanPnsNama": "Aktif",
    "agama": "Islam",  # SIASN sends many more keys than the contract lists
}
RW_JABATAN = [
    {
        "id": "rw-1",
        "jenisJabatan": "2",
        "unorId": "unor-2",
        "unorNama": "Subbagian Kepegawaian",
        "namaJabatan": None,
        "jabatanFungsionalNama": "Analis SDM Aparatur Ahli Pertama",
        "tmtJabatan": "01-03-2022",
    }
]
UNOR = [
    {"Id": "unor-1", "NamaUnor": "Sekretariat", "DiatasanId": None, "InstansiId": "inst-1"},
    {"Id": "unor-2", "NamaUnor": "Subbagian Kepegawaian", "DiatasanId": "unor-1", "InstansiId": "inst-1"},
]
BATAS = 2  # seconds a client waits in these tests; the server holds "timeout" requests longer (5 s by default)


# -- helpers ----------------------------------------------------------------------------------------------------
def _token_wso(server: ServerSiasn, kunci=None, rahasia=None, **data) -> requests.Response:
    auth = (kunci or server.consumer_key, rahasia or server.consumer_secret)
    return requests.post(
        server.url_wso + kontrak.jalur("token_wso"),
        auth=auth,
        data={"grant_type": "client_credentials", **data},
        timeout=BATAS,
    )


def _token_sso(server: ServerSiasn, **ubah) -> requests.Response:
    data = {"grant_type": "password", "client_id": server.client_id, "username": server.username}
    data["password"] = server.password
    data.update(ubah)
    return requests.post(server.url_sso + kontrak.jalur("token_sso"), data=data, timeout=BATAS)


def _header(server: ServerSiasn) -> dict[str, str]:
    wso = _token_wso(server).json()["access_token"]
    sso = _token_sso(server).json()["access_token"]
    return {"Authorization": f"Bearer {wso}", "Auth": f"bearer {sso}", "Accept": "application/json"}


def _post(server, nama, badan, header=None, timeout=BATAS) -> requests.Response:
    return requests.post(
        server.url_api + kontrak.jalur(nama), json=badan, headers=header or _header(server), timeout=timeout
    )


def _get(server, nama, header=None, timeout=BATAS, **param) -> requests.Response:
    return requests.get(
        server.url_api + kontrak.jalur(nama, **param), headers=header or _header(server), timeout=timeout
    )


@pytest.fixture
def siasn(server_siasn):
    """The server with one PNS, its position history and a two-unit UNOR tree."""
    server_siasn.pns[NIP] = copy.deepcopy(DATA_UTAMA)
    server_siasn.rw_jabatan[NIP] = copy.deepcopy(RW_JABATAN)
    server_siasn.unor = copy.deepcopy(UNOR)
    # the document PERIODIK's path[] names, as if uploaded earlier (save refuses documents never uploaded)
    server_siasn.dokumen["peremajaan/x.pdf"] = {
        "id_ref": "890",
        "nama": "x.pdf",
        "jenis": "application/pdf",
        "isi": b"%PDF-",
    }
    return server_siasn


# -- the contract file -----------------------------------------------------------------------------------------
KUNCI_FIELD = {"tipe", "null", "wajib", "kosong", "pilihan", "min", "maks", "pola", "item", "isi", "tambahan_boleh"}
KUNCI_FIELD |= {"sumber", "ket"}


def _semua_field(spek, nama="", bernama=False):
    """(path, description, is a named field) for a description and everything nested in it."""
    yield nama, spek, bernama
    for k, sub in spek.get("isi", {}).items():
        yield from _semua_field(sub, f"{nama}.{k}", True)
    if "item" in spek:
        yield from _semua_field(spek["item"], f"{nama}[]")


def test_kontrak_lengkap_dan_konsisten():
    k = kontrak.muat()
    assert set(kontrak.nama_endpoint()) == {
        "token_wso",
        "token_sso",
        "skp22_save",
        "kinerjaperiodik_save",
        "data_utama",
        "rw_jabatan",
        "rw_skp22",
        "rw_kinerjaperiodik",
        "ref_unor",
        "upload_dok",
    }
    for nama, ep in k["endpoint"].items():
        assert ep["metode"] in ("GET", "POST") and ep["basis"] in k["basis"] and ep["path"].startswith("/"), nama
        bagian = {"tipe": "object", "isi": ep.get("badan", ep.get("parameter", {}))}
        for spek in (bagian, ep["respons"]):
            for jalur, f, bernama in _semua_field(spek, nama):
                assert set(f) <= KUNCI_FIELD, (jalur, set(f) - KUNCI_FIELD)  # a typo such as "wajb" is caught
                assert f["tipe"] in ("string", "integer", "number", "boolean", "array", "object"), jalur
                assert not bernama or f.get("sumber") in k["sumber"], jalur  # every named field says its source
    assert k["endpoint"]["skp22_save"]["id_respons"] == "mapData.rwSkpId"
    assert k["endpoint"]["kinerjaperiodik_save"]["id_respons"] == "mapData.rwKinerjaPeriodikId"


def test_muat_mengembalikan_salinan():
    k = kontrak.muat()
    k["endpoint"].clear()
    assert "skp22_save" in kontrak.muat()["endpoint"]
    assert kontrak.jalur("data_utama", nipBaru=NIP) == f"/pns/data-utama/{NIP}"


# -- periksa ---------------------------------------------------------------------------------------------------
def test_payload_sah_tanpa_galat():
    assert kontrak.periksa("skp22_save", SKP22) == []
    assert kontrak.periksa("kinerjaperiodik_save", PERIODIK) == []
    tanpa_id = {k: v for k, v in SKP22.items() if k != "id"}
    assert kontrak.periksa("skp22_save", tanpa_id) == []  # id is optional and nullable
    assert kontrak.periksa("skp22_save", {**SKP22, "id": "rw-lama"}) == []
    assert kontrak.periksa("data_utama", {"nipBaru": NIP}) == []
    assert kontrak.periksa("ref_unor", {}) == []


@pytest.mark.parametrize("nama,contoh", [("skp22_save", SKP22), ("kinerjaperiodik_save", PERIODIK)])
def test_setiap_field_wajib_disebut_bila_hilang(nama, contoh):
    for kunci in contoh:
        if kunci == "id":
            continue
        galat = kontrak.periksa(nama, {k: v for k, v in contoh.items() if k != kunci})
        assert galat == [f"Field '{kunci}' wajib ada."], kunci


@pytest.mark.parametrize(
    "ubah,pesan",
    [
        ({"tahun": "2025"}, "Field 'tahun' harus bertipe integer (diterima string)."),
        ({"tahun": True}, "Field 'tahun' harus bertipe integer (diterima boolean)."),
        ({"hasilKinerjaNilai": 2.0}, "Field 'hasilKinerjaNilai' harus bertipe integer (diterima number)."),
        ({"tahun": None}, "Field 'tahun' tidak boleh null."),
        ({"kuadranKinerjaNilai": 6}, "Field 'kuadranKinerjaNilai' bernilai 6, harus salah satu dari 1, 2, 3, 4, 5."),
        ({"statusPenilai": "PNS"}, 'Field \'statusPenilai\' bernilai "PNS", harus salah satu dari "ASN", "NON ASN".'),
        ({"penilaiNama": "  "}, "Field 'penilaiNama' tidak boleh kosong."),
        ({"tahun": 1999}, "Field 'tahun' bernilai 1999, harus antara 2022 dan 2100."),
        ({"id": 5}, "Field 'id' harus bertipe string (diterima integer)."),
        ({"path": {}}, "Field 'path' harus bertipe array (diterima object)."),
        ({"path": ["x"]}, "Field 'path[0]' harus bertipe object (diterima string)."),
        ({"nilaiAkhir": 90}, "Field 'nilaiAkhir' tidak dikenal."),
    ],
)
def test_galat_skp22_menyebut_field(ubah, pesan):
    assert kontrak.periksa("skp22_save", {**SKP22, **ubah}) == [pesan]


def test_galat_periodik_bersarang_dan_aturan():
    dok = {**PERIODIK["path"][0], "ukuran": 10}
    del dok["slug"]
    galat = kontrak.periksa("kinerjaperiodik_save", {**PERIODIK, "path": [dok]})
    assert galat == ["Field 'path[0].slug' wajib ada.", "Field 'path[0].ukuran' tidak dikenal."]
    galat = kontrak.periksa("kinerjaperiodik_save", {**PERIODIK, "bulanSelesaiPenilaian": 13, "periodikId": 2})
    assert galat == [
        "Field 'periodikId' harus bertipe string (diterima integer).",
        "Field 'bulanSelesaiPenilaian' bernilai 13, harus antara 1 dan 12.",
    ]
    mundur = {**PERIODIK, "bulanMulaiPenilaian": 4}
    assert kontrak.periksa("kinerjaperiodik_save", mundur) == [
        "Periode penilaian berakhir sebelum dimulai (bulanSelesaiPenilaian/tahunSelesaiPenilaian)."
    ]
    lintas_tahun = {**PERIODIK, "bulanMulaiPenilaian": 12, "tahunMulaiPenilaian": 2024, "bulanSelesaiPenilaian": 2}
    assert kontrak.periksa("kinerjaperiodik_save", lintas_tahun) == []


def test_periksa_bukan_objek_dan_endpoint_tak_dikenal():
    assert kontrak.periksa("skp22_save", [SKP22]) == ["Badan permintaan harus objek JSON (diterima array)."]
    assert kontrak.periksa("skp22_save", None) == ["Badan permintaan harus objek JSON (diterima null)."]
    assert kontrak.periksa("data_utama", {"nipBaru": "12"}) == [
        "Field 'nipBaru' bernilai \"12\", tidak sesuai pola [0-9]{18}."
    ]
    with pytest.raises(KeyError, match="tidak dikenal"):
        kontrak.periksa("skp/save", {})
    with pytest.raises(KeyError, match="tidak dikenal"):
        kontrak.endpoint("skp/save")


def test_periksa_respons_contoh():
    assert kontrak.periksa_respons("data_utama", {"code": 1, "success": True, "data": DATA_UTAMA}) == []
    assert kontrak.periksa_respons("rw_jabatan", {"success": True, "data": RW_JABATAN}) == []
    assert kontrak.periksa_respons("ref_unor", {"success": True, "data": UNOR}) == []
    assert kontrak.periksa_respons("data_utama", {"data": {"nipBaru": NIP, "nama": "X"}}) == [
        "Field 'data.id' wajib ada."
    ]
    assert kontrak.periksa_respons("skp22_save", {"success": True, "mapData": {}}) == [
        "Field 'mapData.rwSkpId' wajib ada."
    ]
    assert kontrak.periksa_respons("ref_unor", "x") == ["Badan respons harus objek JSON (diterima string)."]


_json = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8),
    lambda anak: st.lists(anak, max_size=3) | st.dictionaries(st.text(max_size=8), anak, max_size=3),
    max_leaves=12,
)
_kunci_kontrak = st.sampled_from(sorted(set(SKP22) | set(PERIODIK) | {"nipBaru", "grant_type", "username"}))


@given(
    nama=st.sampled_from(kontrak.nama_endpoint()),
    payload=_json | st.dictionaries(_kunci_kontrak | st.text(max_size=8), _json, max_size=12),
)
def test_periksa_tidak_pernah_gagal(nama, payload):
    galat = kontrak.periksa(nama, payload)
    assert isinstance(galat, list) and all(isinstance(g, str) and g for g in galat)
    assert kontrak.periksa_respons(nama, payload) is not None


@given(nama=st.sampled_from(["skp22_save", "kinerjaperiodik_save"]), data=st.data(), sampah=_json.filter(bool))
def test_field_yang_dirusak_selalu_disebut(nama, data, sampah):
    contoh = copy.deepcopy(SKP22 if nama == "skp22_save" else PERIODIK)
    kunci = data.draw(st.sampled_from(sorted(k for k in contoh if k != "id")))
    contoh[kunci] = sampah
    galat = kontrak.periksa(nama, contoh)
    # no error only when the random value happens to be valid (e.g. 2 for a 1-3 choice)
    assert all(f"'{kunci}" in g or "Periode" in g for g in galat), galat


# -- tokens ----------------------------------------------------------------------------------------------------
def test_token_diterbitkan(server_siasn):
    wso = _token_wso(server_siasn)
    assert wso.status_code == 200 and kontrak.periksa_respons("token_wso", wso.json()) == []
    sso = _token_sso(server_siasn)
    assert sso.status_code == 200 and kontrak.periksa_respons("token_sso", sso.json()) == []
    assert wso.json()["expires_in"] == server_siasn.umur_token
    assert wso.json()["access_token"] != sso.json()["access_token"]


def test_token_ditolak(server_siasn):
    r = _token_wso(server_siasn, rahasia="salah")
    assert r.status_code == 401 and r.json()["error"] == "invalid_client"
    r = requests.post(server_siasn.url_wso + "/oauth2/token", data={"grant_type": "client_credentials"}, timeout=BATAS)
    assert r.status_code == 401
    r = _token_wso(server_siasn, grant_type="password")
    assert r.status_code == 400 and "grant_type" in r.json()["error_description"]
    r = _token_sso(server_siasn, password="salah")
    assert r.status_code == 401 and r.json()["error"] == "invalid_grant"
    r = _token_sso(server_siasn, client_id="lain")
    assert r.status_code == 401 and r.json()["error"] == "invalid_client"
    r = _token_sso(server_siasn, username="")
    assert r.status_code == 400 and "'username' tidak boleh kosong" in r.json()["error_description"]


def test_header_api_diperiksa(siasn):
    sah = _header(siasn)
    tanpa_auth = {k: v for k, v in sah.items() if k != "Auth"}
    tertukar = {**sah, "Authorization": "Bearer " + sah["Auth"].split()[1]}
    for header, pesan in [
        ({"Accept": "application/json"}, "Header Authorization tidak ada"),
        (tanpa_auth, "Header Auth tidak ada"),
        (tertukar, "Token WSO tidak sah"),
        ({**sah, "Auth": "Basic x"}, "Header Auth harus berskema bearer"),
    ]:
        r = _get(siasn, "data_utama", header=header, nipBaru=NIP)
        assert r.status_code == 401, header
        assert r.json()["Error"] == "true" and pesan in r.json()["Message"]
    assert _get(siasn, "data_utama", header=sah, nipBaru=NIP).status_code == 200


def test_token_kedaluwarsa(siasn):
    header = _header(siasn)
    assert _get(siasn, "ref_unor", header=header).status_code == 200
    siasn.kedaluwarsa()
    r = _get(siasn, "ref_unor", header=header)
    assert r.status_code == 401 and "kedaluwarsa" in r.json()["Message"]
    assert _get(siasn, "ref_unor").status_code == 200  # fresh tokens work


def test_umur_token_pendek():
    with ServerSiasn(umur_token=0) as server:  # expires at once: the client must ask again on 401
        r = _get(server, "ref_unor")
        assert r.status_code == 401 and _token_wso(server).json()["expires_in"] == 0


def test_log_tanpa_rahasia(siasn):
    header = _header(siasn)
    _get(siasn, "data_utama", header=header, nipBaru=NIP)
    [sso] = siasn.permintaan(kontrak.jalur("token_sso"))
    assert sso.badan["password"] == DISENSOR and sso.badan["username"] == siasn.username
    [wso] = siasn.permintaan("/oauth2/token", metode="post")
    assert wso.header["Authorization"] == f"Basic {DISENSOR}"
    [api] = siasn.permintaan("/pns/data-utama")
    assert api.metode == "GET" and api.path == f"/apisiasn/1.0/pns/data-utama/{NIP}" and api.status == 200
    assert api.header["Authorization"] == f"Bearer {DISENSOR}" and api.header["Auth"] == f"bearer {DISENSOR}"
    teks = json.dumps([vars(p) for p in siasn.log])
    for rahasia in (siasn.password, siasn.consumer_secret, header["Auth"].split()[1], header["Authorization"][7:]):
        assert rahasia not in teks


# -- saving ----------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "nama,contoh,kunci_id,atribut",
    [
        ("skp22_save", SKP22, "rwSkpId", "skp22"),
        ("kinerjaperiodik_save", PERIODIK, "rwKinerjaPeriodikId", "kinerjaperiodik"),
    ],
)
def test_simpan_lalu_perbarui(siasn, nama, contoh, kunci_id, atribut):
    header = _header(siasn)
    r = _post(siasn, nama, contoh, header)
    assert r.status_code == 200 and kontrak.periksa_respons(nama, r.json()) == [], r.text
    id_ = r.json()["mapData"][kunci_id]
    rekaman = getattr(siasn, atribut)
    assert rekaman == {id_: {**contoh, "id": id_}}

    r = _post(siasn, nama, {**contoh, "id": id_, "hasilKinerjaNilai": 1}, header)
    assert r.status_code == 200 and r.json()["mapData"][kunci_id] == id_
    assert list(rekaman) == [id_] and rekaman[id_]["hasilKinerjaNilai"] == 1  # updated, not duplicated

    r = _post(siasn, nama, {**contoh, "id": ""}, header)  # empty id creates, like a missing one
    assert r.status_code == 200 and len(rekaman) == 2

    r = _post(siasn, nama, {**contoh, "id": "tidak-ada"}, header)
    assert r.status_code == 400 and "tidak-ada" in r.json()["Message"] and len(rekaman) == 2


def test_payload_salah_ditolak_dengan_nama_field(siasn):
    badan = {k: v for k, v in SKP22.items() if k != "penilaiNama"}
    badan.update(tahun="2025", nilaiAkhir=90)
    r = _post(siasn, "skp22_save", badan)
    assert r.status_code == 400
    pesan = r.json()["Message"]
    assert r.json()["Error"] == "true"
    for bagian in ("'penilaiNama' wajib ada", "'tahun' harus bertipe integer", "'nilaiAkhir' tidak dikenal"):
        assert bagian in pesan
    assert siasn.skp22 == {}
    [catatan] = siasn.permintaan("/skp22/save")
    assert catatan.status == 400 and len(catatan.galat) == 3 and catatan.badan["nilaiAkhir"] == 90


def test_badan_bukan_json(siasn):
    r = requests.post(
        siasn.url_api + "/kinerjaperiodik/save",
        data="{bukan json",
        headers={**_header(siasn), "Content-Type": "application/json"},
        timeout=BATAS,
    )
    assert r.status_code == 400 and "bukan JSON" in r.json()["Message"]
    r = _post(siasn, "kinerjaperiodik_save", [PERIODIK])
    assert r.status_code == 400 and "objek JSON" in r.json()["Message"]


# -- reading ---------------------------------------------------------------------------------------------------
def test_baca_data_induk(siasn):
    header = _header(siasn)
    r = _get(siasn, "data_utama", header=header, nipBaru=NIP)
    assert r.status_code == 200 and r.json()["data"] == DATA_UTAMA
    assert kontrak.periksa_respons("data_utama", r.json()) == []
    r = _get(siasn, "rw_jabatan", header=header, nipBaru=NIP)
    assert r.json()["data"] == RW_JABATAN and kontrak.periksa_respons("rw_jabatan", r.json()) == []
    r = _get(siasn, "ref_unor", header=header)
    assert r.json()["data"] == UNOR and kontrak.periksa_respons("ref_unor", r.json()) == []

    siasn.pns[NIP_LAIN] = {**DATA_UTAMA, "id": "pns-uji-2", "nipBaru": NIP_LAIN}
    r = _get(siasn, "rw_jabatan", header=header, nipBaru=NIP_LAIN)
    assert r.status_code == 200 and r.json()["data"] == []  # known PNS without history


def test_baca_nip_tidak_dikenal_atau_salah(siasn):
    header = _header(siasn)
    for nama in ("data_utama", "rw_jabatan"):
        r = _get(siasn, nama, header=header, nipBaru="199912312020121999")
        assert r.status_code == 404 and r.json() == {
            "Error": "true",
            "Message": "Data PNS dengan NIP 199912312020121999 tidak ditemukan",
        }
        r = _get(siasn, nama, header=header, nipBaru="12345")
        assert r.status_code == 400 and "nipBaru" in r.json()["Message"]
    r = requests.get(siasn.url_api + "/pns/rw-skp/" + NIP, headers=header, timeout=BATAS)
    assert r.status_code == 404
    r = requests.get(siasn.url + "/lain", timeout=BATAS)
    assert r.status_code == 404
    r = requests.get(siasn.url_api + "/skp22/save", headers=header, timeout=BATAS)
    assert r.status_code == 405


# -- failure injection -----------------------------------------------------------------------------------------
def test_gagal_500_untuk_n_panggilan(siasn):
    header = _header(siasn)
    siasn.gagal_berikutnya("/skp22/save", "500", n=2)
    for _ in range(2):
        r = _post(siasn, "skp22_save", SKP22, header)
        assert r.status_code == 500 and r.json()["Error"] == "true"
    assert siasn.skp22 == {}
    assert _get(siasn, "ref_unor", header=header).status_code == 200  # other paths are not affected
    assert _post(siasn, "skp22_save", SKP22, header).status_code == 200 and len(siasn.skp22) == 1
    assert [p.status for p in siasn.permintaan("/skp22/save")] == [500, 500, 200]


@pytest.mark.parametrize(
    "jenis,pesan,status,badan",
    [
        ("401", None, 401, {"Error": "true", "Message": "Token tidak sah"}),
        ("400", "Tahun penilaian sudah ditutup", 400, {"Error": "true", "Message": "Tahun penilaian sudah ditutup"}),
        ("500", None, 500, {"Error": "true", "Message": "Internal Server Error"}),
        ("ditolak", "PNS tidak aktif", 200, {"code": 0, "success": False, "message": "PNS tidak aktif"}),
    ],
)
def test_gagal_dengan_jawaban(siasn, jenis, pesan, status, badan):
    header = _header(siasn)
    siasn.gagal_berikutnya("/apisiasn/1.0/kinerjaperiodik/save", jenis, pesan=pesan)
    r = _post(siasn, "kinerjaperiodik_save", PERIODIK, header)
    assert (r.status_code, r.json()) == (status, badan)
    assert siasn.kinerjaperiodik == {}
    assert _post(siasn, "kinerjaperiodik_save", PERIODIK, header).status_code == 200


def test_gagal_awalan_path_dan_token(siasn):
    siasn.gagal_berikutnya("/pns/data-utama", "500")  # any NIP
    siasn.gagal_berikutnya("/oauth2/token", "401")
    assert _token_wso(siasn).status_code == 401
    header = _header(siasn)
    assert _get(siasn, "data_utama", header=header, nipBaru=NIP_LAIN).status_code == 500
    assert _get(siasn, "data_utama", header=header, nipBaru=NIP).status_code == 200
    siasn.gagal_berikutnya("*", "400", n=1)
    assert _get(siasn, "ref_unor", header=header).status_code == 400


def test_gagal_timeout(siasn):
    header = _header(siasn)
    siasn.gagal_berikutnya("/skp22/save", "timeout")
    with pytest.raises(requests.exceptions.ReadTimeout):
        _post(siasn, "skp22_save", SKP22, header, timeout=0.3)
    assert siasn.skp22 == {}
    assert siasn.permintaan("/skp22/save")[0].status is None
    assert _post(siasn, "skp22_save", SKP22, header).status_code == 200  # only the next call was held


def test_gagal_timeout_setelah_simpan(siasn):
    """The record is stored but the answer is lost: a client resending without the id would duplicate it."""
    header = _header(siasn)
    siasn.gagal_berikutnya("/skp22/save", "timeout_setelah_simpan")
    with pytest.raises(requests.exceptions.ReadTimeout):
        _post(siasn, "skp22_save", SKP22, header, timeout=0.3)
    assert len(siasn.skp22) == 1


def test_timeout_tanpa_jawaban_saat_klien_menunggu_lebih_lama():
    with ServerSiasn(tunda_timeout=0.2) as server:
        server.gagal_berikutnya("/referensi/ref-unor", "timeout")
        with pytest.raises(requests.exceptions.ConnectionError):
            _get(server, "ref_unor", timeout=BATAS)  # the server closes the connection without an answer


def test_gagal_berikutnya_menolak_jenis_tak_dikenal(server_siasn):
    assert set(JENIS_GAGAL) == {"timeout", "timeout_setelah_simpan", "500", "401", "400", "ditolak"}
    with pytest.raises(ValueError, match="jenis kegagalan tidak dikenal"):
        server_siasn.gagal_berikutnya("/skp22/save", "503")
    with pytest.raises(ValueError):
        server_siasn.gagal_berikutnya("/skp22/save", "500", n=0)


def test_server_mulai_berhenti_berulang():
    server = ServerSiasn()
    with pytest.raises(RuntimeError):
        _ = server.url
    server.start()
    port = server.port
    assert server.start().port == port  # idempotent
    assert _token_wso(server).status_code == 200
    server.stop()
    server.stop()
    with pytest.raises(requests.exceptions.ConnectionError):
        requests.post(f"http://127.0.0.1:{port}/oauth2/token", timeout=BATAS)


def test_simpan_serentak_id_berbeda(siasn):
    header = _header(siasn)
    with ThreadPoolExecutor(max_workers=4) as pool:
        jawaban = list(pool.map(lambda _: _post(siasn, "skp22_save", SKP22, header), range(8)))
    assert {r.status_code for r in jawaban} == {200}
    assert len({r.json()["mapData"]["rwSkpId"] for r in jawaban}) == len(siasn.skp22) == 8
    assert len(siasn.permintaan("/skp22/save", metode="POST")) == 8


# -- documents (upload-dok) -------------------------------------------------------------------------------------
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _unggah(server, files, data, header=None) -> requests.Response:
    return requests.post(
        server.url_api + kontrak.jalur("upload_dok"),
        files=files,
        data=data,
        headers=header or _header(server),
        timeout=BATAS,
    )


def test_unggah_dokumen_lalu_simpan_dengan_path(siasn):
    isi = b"PK\x03\x04 buku kerja D.1.2"
    r = _unggah(siasn, {"file": ("evaluasi.xlsx", isi, XLSX)}, {"id_ref_dokumen": "891"})
    assert r.status_code == 200 and kontrak.periksa_respons("upload_dok", r.json()) == [], r.text
    data = r.json()["data"]
    assert siasn.dokumen[data["dok_uri"]] == {"id_ref": "891", "nama": "evaluasi.xlsx", "jenis": XLSX, "isi": isi}
    [catatan] = siasn.permintaan("/upload-dok")
    assert catatan.badan == {
        "file": {"nama": "evaluasi.xlsx", "jenis": XLSX, "ukuran": len(isi)},
        "id_ref_dokumen": "891",
    }
    r = _post(siasn, "skp22_save", {**SKP22, "path": [data]})
    assert r.status_code == 200, r.text
    assert list(siasn.skp22.values())[0]["path"] == [data]


@pytest.mark.parametrize(
    "files,data,pesan",
    [
        ({}, {"id_ref_dokumen": "891"}, "'file' wajib ada"),
        ({"file": ("a.xlsx", b"PK", XLSX)}, {}, "'id_ref_dokumen' wajib ada"),
        ({"file": ("a.xlsx", b"PK", XLSX)}, {"id_ref_dokumen": "skp"}, "id_ref_dokumen"),
        ({"file": ("a.exe", b"MZ", "application/x-msdownload")}, {"id_ref_dokumen": "891"}, "file.jenis"),
        ({"file": ("a.xlsx", b"", XLSX)}, {"id_ref_dokumen": "891"}, "file.ukuran"),
    ],
)
def test_unggah_salah_ditolak_dengan_nama_field(siasn, files, data, pesan):
    if not files:  # a multipart body without a file part
        files = {"lain": (None, "x")}
    r = _unggah(siasn, files, data)
    assert r.status_code == 400 and pesan in r.json()["Message"], r.text
    assert set(siasn.dokumen) == {"peremajaan/x.pdf"}


def test_simpan_dengan_dokumen_yang_tidak_pernah_diunggah_ditolak(siasn):
    dok = {"dok_id": "1", "dok_nama": "x", "dok_uri": "peremajaan/tidak-ada.pdf", "object": "x", "slug": "891"}
    r = _post(siasn, "skp22_save", {**SKP22, "path": [dok]})
    assert r.status_code == 400 and "tidak-ada.pdf" in r.json()["Message"] and siasn.skp22 == {}


def test_penilai_asn_wajib_nip_kepala_daerah_tidak():
    """R15: the Kepala Daerah (NON ASN) evaluates without a NIP; an ASN evaluator never does."""
    for nama, contoh in (("skp22_save", SKP22), ("kinerjaperiodik_save", PERIODIK)):
        assert kontrak.periksa(nama, {**contoh, "penilaiNipNrp": ""}) == [
            "Field 'penilaiNipNrp' wajib diisi untuk penilai berstatus ASN."
        ]
        assert kontrak.periksa(nama, {**contoh, "penilaiNipNrp": "", "statusPenilai": "NON ASN"}) == []
