"""Integration fixtures: Lintas on SQLite and PostgreSQL with the small test organisation loaded."""

from __future__ import annotations

from pathlib import Path

import pytest

from engine.bootstrap import Lintas

ORG = Path(__file__).resolve().parents[1] / "fixtures" / "org.yaml"
TENANT = "kab-uji"


@pytest.fixture
def app(lintas: Lintas) -> Lintas:
    lintas.org.load_file(ORG)
    return lintas


def deploy(app: Lintas, path: Path) -> int:
    """Deploy one bundle into the test tenant and return its version number."""
    results = app.deployments.deploy(path, tenant=TENANT)
    assert len(results) == 1
    return results[0].version
