"""Fixtures for the corpus tests: a Lintas with the corpus organisation and a driver for scenarios."""

from __future__ import annotations

from pathlib import Path

import pytest
from corpus_driver import ORG, Driver
from corpus_files import CORPUS

from engine.bootstrap import Lintas


def pytest_configure(config: pytest.Config) -> None:
    # The corpus ships with the repository: its absence is a broken checkout, never a reason to skip.
    if not CORPUS.is_dir():
        raise pytest.UsageError(f"BPMN corpus not found at {CORPUS} (set LINTAS_BPMN_CORPUS)")


@pytest.fixture
def run(lintas: Lintas, tmp_path: Path) -> Driver:
    """A driver on the ``lintas`` fixture (SQLite, and PostgreSQL when configured) with the corpus org."""
    lintas.org.load_file(ORG)
    return Driver(lintas, tmp_path)
