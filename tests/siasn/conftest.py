"""Fixtures for the SIASN integration tests: the loopback SIASN server (tests/siasn_server.py)."""

import datetime as dt

import pytest
from sqlalchemy import select, update

from schema.models import SKP, Pegawai
from schema.models.siasn import KirimSiasn
from tests import bantu
from tests.siasn_server import server_siasn  # noqa: F401 - re-exported as a fixture for this folder


@pytest.fixture()
def siasn(app, server_siasn, monkeypatch):  # noqa: F811 - the fixture imported above
    """The app's SIASN_* settings point at the loopback server (the integration is on); jobs run synchronously."""
    k = server_siasn.konfigurasi()
    for kunci, nilai in {
        "SIASN_API_URL": k["url_api"],
        "SIASN_WSO_URL": k["url_wso"],
        "SIASN_SSO_URL": k["url_sso"],
        "SIASN_CONSUMER_KEY": k["consumer_key"],
        "SIASN_CONSUMER_SECRET": k["consumer_secret"],
        "SIASN_CLIENT_ID": k["client_id"],
        "SIASN_USERNAME": k["username"],
        "SIASN_PASSWORD": k["password"],
        "SIASN_TIMEOUT": 2,
        "PEKERJAAN_SINKRON": True,
    }.items():
        monkeypatch.setitem(app.config, kunci, nilai)
    return server_siasn


def hasil_final(d, server, orang: str, tahun: int) -> tuple[Pegawai, dict]:
    """The demo employee with SIASN id ``orang`` (here and on the server ``server``) and the columns of a result of
    ``tahun`` delivered and final — assessed by the atasan because the penilai was late (R7/R15). Final results
    other tests queued wait until far later: the calling test's sender sends only its own."""
    d.execute(update(KirimSiasn).where(KirimSiasn.status == "menunggu").values(coba_lagi_pada=dt.datetime(2999, 1, 1)))
    peg = d.get(Pegawai, bantu.id_pegawai(d, "pegawai"))
    peg.siasn_id = orang
    server.pns[peg.nip] = {"id": orang, "nipBaru": peg.nip, "nama": peg.nama}
    skp = d.scalar(select(SKP.id).where(SKP.pegawai_id == peg.id).limit(1)) or d.scalar(select(SKP.id).limit(1))
    return peg, dict(
        skp_id=skp,
        pegawai_id=peg.id,
        unit_kerja_id=peg.unit_kerja_id,
        penilai_id=bantu.id_pegawai(d, "penilai"),
        atasan_penilai_id=bantu.id_pegawai(d, "atasan"),
        tahun=tahun,
        aktif=True,
        rating_hasil_kerja="diatas",
        saran_rating_hasil_kerja="diatas",
        rating_perilaku="sesuai",
        saran_rating_perilaku="sesuai",
        predikat="sangat_baik",
        status_dokumen="disampaikan",
        format_dokumen="D.1.2",
        dinilai_oleh="atasan_penilai",
        is_final=True,
    )
