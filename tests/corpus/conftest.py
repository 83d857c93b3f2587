"""Fixtures for the corpus tests: a Lintas with the corpus organisation and a driver for scenarios."""

from __future__ import annotations

from pathlib import Path

import pytest
from corpus_driver import ORG, Driver
from corpus_files import CORPUS

from engine.bootstrap import Lintas


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    if CORPUS.is_dir():
        return
    skip = pytest.mark.skip(reason=f"BPMN corpus not found at {CORPUS} (set LINTAS_BPMN_CORPUS)")
    for item in items:
        if Path(str(item.fspath)).parent == Path(__file__).parent:
            item.add_marker(skip)


@pytest.fixture
def run(lintas: Lintas, tmp_path: Path) -> Driver:
    """A driver on the ``lintas`` fixture (SQLite, and PostgreSQL when configured) with the corpus org."""
    lintas.org.load_file(ORG)
    return Driver(lintas, tmp_path)
