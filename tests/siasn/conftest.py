"""Fixtures for the SIASN integration tests: the loopback SIASN server (tests/siasn_server.py)."""

from tests.siasn_server import server_siasn  # noqa: F401 - re-exported as a fixture for this folder
