"""Fixtures of the penilaian tests: several users log in within one test."""

from __future__ import annotations

import pytest

from tests import bantu


@pytest.fixture()
def login(login):
    return bantu.login_bersih(login)
