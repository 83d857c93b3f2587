"""Fixtures for the rendering tests: throw-away template bundles."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest


@pytest.fixture
def bundle(tmp_path: Path) -> Callable[..., Path]:
    """Write templates into a fresh bundle folder: ``bundle(**{"t.html": "..."})`` -> the folder."""
    folder = tmp_path / "templates"
    folder.mkdir()

    def write(**files: str) -> Path:
        for name, text in files.items():
            path = folder / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        return folder

    return write
