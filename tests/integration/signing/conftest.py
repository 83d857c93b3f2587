"""Signing fixtures: a development PKI generated once per session, its trust settings, sample PDFs."""

from __future__ import annotations

import pytest

from tests.integration.signing.pki_helpers import SigningPki, make_pki


@pytest.fixture(scope="session")
def test_pki(tmp_path_factory: pytest.TempPathFactory) -> SigningPki:
    return make_pki(tmp_path_factory.mktemp("pki") / "dev")
