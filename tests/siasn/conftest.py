"""Fixtures for the SIASN integration tests: the loopback SIASN server (tests/siasn_server.py)."""

import pytest

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
