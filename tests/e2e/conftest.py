"""End-to-end fixtures: ``lintas`` commands in-process (click's runner) against a fresh SQLite database,
and the web app through the Flask test client on both backends."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from engine.bootstrap import Lintas
from tests.conftest import FAST_PASSWORD_HASHING
from tests.e2e.web_support import Browser
from web.cli import main

REPO = Path(__file__).resolve().parents[2]


class Cli:
    def __init__(self, env: dict[str, str]) -> None:
        self.env = env
        self.runner = CliRunner()

    def __call__(self, *args: str, ok: bool = True, input: str | None = None) -> Result:
        result = self.runner.invoke(main, list(args), env=self.env, catch_exceptions=False, input=input)
        if ok:
            assert result.exit_code == 0, f"lintas {' '.join(args)} -> {result.exit_code}\n{result.output}"
        return result

    def json(self, *args: str, input: str | None = None) -> Any:
        return json.loads(self(*args, "--json", input=input).stdout)


@pytest.fixture
def cli(tmp_path: Path) -> Cli:
    env = {"LINTAS_DATABASE_URL": f"sqlite:///{tmp_path / 'cli.db'}", "LINTAS_INSTANCE_DIR": str(tmp_path),
           **FAST_PASSWORD_HASHING}
    return Cli(env)


@pytest.fixture
def cli_ready(cli: Cli) -> Callable[..., Cli]:
    def ready(org: Path = REPO / "tests" / "fixtures" / "org.yaml") -> Cli:
        cli("init-db")
        cli("org", "load", str(org))
        return cli
    return ready


@pytest.fixture
def browser(demo_lintas: Lintas) -> Browser:
    """The web app on the demo organisation (both backends), driven through its forms."""
    return Browser(demo_lintas)
