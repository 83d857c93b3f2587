"""The README stays true: its Quick start names the Makefile targets, its embedding example runs."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from tests.e2e.conftest import REPO

README = (REPO / "README.md").read_text(encoding="utf-8")


def test_quick_start_is_two_make_commands_that_exist() -> None:
    section = README.split("## Quick start", 1)[1].split("##", 1)[0]
    block = re.search(r"```sh\n(.*?)```", section, re.S)
    assert block is not None
    commands = [line.split("#")[0].strip() for line in block.group(1).splitlines() if line.strip()]
    assert commands == ["make run", "make test"]
    makefile = (REPO / "Makefile").read_text(encoding="utf-8")
    assert re.search(r"^run:", makefile, re.M) and re.search(r"^test:", makefile, re.M)
    assert "make test" in (REPO / ".ci" / "run").read_text(encoding="utf-8")


def test_embedding_example_runs(tmp_path: Path) -> None:
    code = re.search(r"## Embedding.*?```python\n(.*?)```", README, re.S)
    assert code is not None
    env = {**os.environ, "LINTAS_DATABASE_URL": f"sqlite:///{tmp_path / 'readme.db'}"}
    result = subprocess.run([sys.executable, "-c", code.group(1)], cwd=REPO, env=env, capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == ["Didisposisikan ['Disposisi ke Bidang Bina Marga']", "True"]


def test_every_cli_command_is_documented() -> None:
    from web.cli import main

    for name in main.commands:
        assert f"`lintas {name}" in README, f"README does not document `lintas {name}`"
