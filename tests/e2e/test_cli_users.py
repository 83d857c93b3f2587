"""``lintas user password|list`` and the demo accounts that ``lintas serve --demo`` prepares and prints."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from engine.bootstrap import Lintas
from engine.domain.errors import SignInRefused
from engine.services.demo import DEMO_GUIDE, seed
from engine.services.demo_walk import walk_guide
from tests.e2e.conftest import Cli
from tests.integration.conftest import ORG
from web.cli.serve import DEMO_PASSWORD, demo_accounts


def test_set_a_password_from_a_file_stdin_or_the_prompt_and_list_accounts(cli_ready: Callable[..., Cli],
                                                                          tmp_path: Path) -> None:
    cli = cli_ready()
    secret = tmp_path / "sandi.txt"
    secret.write_text("rahasia-dari-berkas\n", encoding="utf-8")
    assert "disimpan" in cli("user", "password", "budi", "--password-file", str(secret)).output
    cli("user", "password", "ani", "--password-file", "-", input="rahasia-dari-stdin\n")
    typed = cli("user", "password", "kadis", input="rahasia-diketik-1\nsalah-ketik-1\nrahasia-diketik-1\n"
                                                   "rahasia-diketik-1\n")
    assert "Ulangi kata sandi" in typed.output                 # asked twice; the mismatch was asked again
    short = cli("user", "password", "kabid", "--password-file", "-", input="pendek\n", ok=False)
    assert short.exit_code == 1 and "minimal 10 karakter" in short.stderr
    assert cli("user", "password", "tidak.ada", "--password-file", str(secret), ok=False).exit_code == 3
    listed = {a["username"]: a for a in json.loads(cli("user", "list", "--tenant", "kab-uji", "--json").stdout)}
    assert [u for u, a in listed.items() if a["has_password"]] == ["ani", "budi", "kadis"]
    assert listed["budi"]["roles"] == ["PUPR/Staf"] and listed["nonaktif"]["active"] is False
    text = cli("user", "list").output
    assert "SANDI/PASSWORD" in text and "orang.lain" in text and "rahasia" not in text


def test_serve_demo_sets_and_prints_the_demo_password_for_the_demo_pemda_only(
        demo_lintas: Lintas, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    demo_lintas.org.load_file(ORG)                               # another pemda in the same database
    seeded = seed(demo_lintas.org, demo_lintas.deployments, tmp_path)      # no bundles: accounts only
    demo_accounts(demo_lintas, seeded)
    printed = capsys.readouterr().out
    assert f"web password of every demo account: {DEMO_PASSWORD}" in printed
    assert "AKSES/ACCESS" in printed and "kabag.umum" in printed
    for number, (username, what) in enumerate(walk_guide(), start=1):      # the walk, step by step
        assert f"{number:>2}. {username:<17} {what}" in printed
    users = {u["username"]: u for u in demo_lintas.org.show("kab-contoh")[0]["users"]}
    for what, username, access in DEMO_GUIDE:
        assert f"{what:<44} {username}" in printed
        assert access is None or access in users[username]["access"], username
        assert demo_lintas.accounts.authenticate(username, DEMO_PASSWORD, "127.0.0.1").actor.username == username
    demo = {a.username: a for a in demo_lintas.accounts.accounts("kab-contoh")}
    assert all(a.has_password for a in demo.values())
    assert not any(a.has_password for a in demo_lintas.accounts.accounts("kab-uji"))
    with pytest.raises(SignInRefused):
        demo_lintas.accounts.authenticate("budi", DEMO_PASSWORD, "127.0.0.1")
    demo_lintas.accounts.set_password("kadis.pupr", "sudah-diganti-2026")
    demo_accounts(demo_lintas, seeded)                           # a restart keeps a changed password
    assert "setting demo passwords" not in capsys.readouterr().out
    demo_lintas.accounts.authenticate("kadis.pupr", "sudah-diganti-2026", "127.0.0.1")
