"""The ``lintas`` command end to end: every command, --json output, one-line errors and exit codes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from tests import bpmn_builder as b
from tests.e2e.conftest import REPO, Cli

FORM = b.form("uraian", uraian={"type": "string", "title": "Uraian", "minLength": 5})
PROCESS = b.process(
    "laporan", b.lanes({"PUPR/Staf": ["tulis"]}), b.start(), b.user("tulis", "Tulis laporan", form="isian"),
    b.end(), b.flow("start", "tulis", "end"),
)


def test_full_round_trip(cli_ready: Callable[..., Cli], tmp_path: Path) -> None:
    cli = cli_ready()
    folder = b.bundle(tmp_path, "laporan", PROCESS, {"isian": FORM})
    deployed = cli.json("deploy", str(folder), "--tenant", "kab-uji")
    assert deployed[0]["version"] == 1 and deployed[0]["created"] is True
    assert "tidak berubah" in cli("deploy", str(folder), "--tenant", "kab-uji").stdout
    assert [d["key"] for d in cli.json("definitions", "--tenant", "kab-uji")] == ["laporan"]
    started = cli.json("start", "laporan", "--as", "admin", "--business-key", "LAPOR-001")
    instance, item = started["id"], started["open_work"][0]["id"]
    assert started["business_key"] == "LAPOR-001"
    assert [t["id"] for t in cli.json("tasks", "--as", "budi")] == [item]
    assert "Tulis laporan" in cli("tasks", "--as", "budi").stdout
    assert cli.json("claim", str(item), "--as", "budi")["claimed_by"] == "budi"
    assert cli.json("tasks", "--as", "ani") == []
    cli("unclaim", str(item), "--as", "budi")
    done = cli.json("complete", str(item), "--as", "ani", "--data", json.dumps({"uraian": "Jalan berlubang"}))
    assert done["status"] == "completed"
    shown = cli.json("show", str(instance))
    assert shown["status"] == "completed" and shown["data"]["uraian"] == "Jalan berlubang"
    assert "Status: completed" in cli("show", str(instance)).stdout
    assert "utuh" in cli("audit", "verify", str(instance)).stdout
    assert [e["action"] for e in cli.json("audit", "show", str(instance))][-1] == "instance_completed"


def test_org_show(cli_ready: Callable[..., Cli]) -> None:
    cli = cli_ready()
    tenants = cli.json("org", "show")
    assert {t["code"] for t in tenants} == {"kab-uji", "kota-lain"}
    assert "PUPR/Staf" in cli("org", "show", "--tenant", "kab-uji").stdout


def test_errors_are_one_line_with_distinct_exit_codes(cli_ready: Callable[..., Cli], tmp_path: Path) -> None:
    cli = cli_ready()
    cli("deploy", str(b.bundle(tmp_path, "laporan", PROCESS, {"isian": FORM})), "--tenant", "kab-uji")
    item = cli.json("start", "laporan", "--as", "admin")["open_work"][0]["id"]
    cases = [
        (("complete", "999", "--as", "budi"), 3, "tidak ditemukan"),
        (("complete", str(item), "--as", "dedi"), 4, "bukan calon pelaksana"),
        (("complete", str(item), "--as", "budi", "--data", "{bukan json"), 1, "bukan JSON yang valid"),
        (("complete", str(item), "--as", "budi", "--data", '{"uraian": "x"}'), 1, "Data tidak valid"),
        (("start", "tidak-ada", "--as", "admin"), 3, "belum di-deploy"),
        (("start", "laporan", "--as", "siapa"), 3, "pengguna 'siapa'"),
        (("deploy", str(tmp_path / "hilang")), 1, "no such file"),
        (("org", "load", str(tmp_path / "hilang.yaml")), 1, "tidak ditemukan"),
    ]
    for args, code, text in cases:
        result = cli(*args, ok=False)
        assert result.exit_code == code, (args, result.output)
        first = result.stderr.splitlines()[0]
        assert first.startswith("lintas: ") and text in result.stderr, (args, result.stderr)
    invalid = cli("complete", str(item), "--as", "budi", "--data", '{"uraian": "x"}', ok=False)
    assert "  - uraian: Minimal 5 karakter." in invalid.stderr
    as_json = cli("complete", str(item), "--as", "budi", "--data", '{"uraian": "x"}', "--json", ok=False)
    assert json.loads(as_json.stderr)["fields"][0]["path"] == "uraian"
    cli("complete", str(item), "--as", "budi", "--data", '{"uraian": "sudah benar"}')
    again = cli("complete", str(item), "--as", "ani", "--data", '{"uraian": "sudah benar"}', ok=False)
    assert again.exit_code == 5 and "sudah diselesaikan oleh budi" in again.stderr


def test_bad_org_file_lists_every_problem_and_loads_nothing(cli: Cli, tmp_path: Path) -> None:
    cli("init-db")
    bad = tmp_path / "org.yaml"
    bad.write_text("tenants:\n  - code: x\n    name: X\n    timezone: Mars/Olympus\n    users:\n"
                   "      - {username: Budi!, name: B, roles: [PUPR/Staf]}\n")
    result = cli("org", "load", str(bad), ok=False)
    assert result.exit_code == 1
    assert "zona waktu tidak dikenal" in result.stderr and "username tidak valid" in result.stderr
    assert "peran tidak dikenal" in result.stderr
    assert cli.json("org", "show") == []


def test_data_from_file_and_stdin(cli_ready: Callable[..., Cli], tmp_path: Path) -> None:
    cli = cli_ready()
    cli("deploy", str(b.bundle(tmp_path, "laporan", PROCESS, {"isian": FORM})), "--tenant", "kab-uji")
    item = cli.json("start", "laporan", "--as", "admin")["open_work"][0]["id"]
    data = tmp_path / "data.json"
    data.write_text(json.dumps({"uraian": "dari berkas"}))
    assert cli.json("complete", str(item), "--as", "budi", "--data", f"@{data}")["status"] == "completed"


def test_installed_console_script(tmp_path: Path) -> None:
    """The real ``lintas`` executable, as a user runs it after installing."""
    exe = Path(sys.executable).with_name("lintas")
    env = {**os.environ, "LINTAS_DATABASE_URL": f"sqlite:///{tmp_path / 'x.db'}"}

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([str(exe), *args], env=env, capture_output=True, text=True, timeout=120)

    assert run("init-db").returncode == 0
    assert run("org", "load", str(REPO / "tests" / "fixtures" / "org.yaml")).returncode == 0
    missing = run("show", "42")
    assert missing.returncode == 3
    assert missing.stderr.strip() == "lintas: instans 42 tidak ditemukan (instance 42 not found)"


def test_message_command(cli_ready: Callable[..., Cli], tmp_path: Path) -> None:
    cli = cli_ready()
    kept = cli.json("message", "kabar", "--as", "admin", "--data", '{"isi": "rapat"}')
    assert kept["outcome"] == "buffered"
    assert "disimpan" in cli("message", "kabar", "--as", "admin").stdout
    bad = cli("message", "kabar", "--as", "admin", "--correlation", "{x", ok=False)
    assert bad.exit_code == 1 and "--correlation" in bad.stderr


def test_database_problems_are_one_line_with_exit_code_6(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from web.cli import main

    cases = [
        ({"LINTAS_DATABASE_URL": f"sqlite:///{tmp_path / 'leer.db'}"}, "lintas init-db"),
        ({"LINTAS_DATABASE_URL": "postgresql+psycopg://nobody@127.0.0.1:9/x"}, "database unavailable"),
        ({"LINTAS_DATABASE_URL": f"sqlite:///{tmp_path / 'berkas'}/sub/x.db"}, "cannot create the database folder"),
    ]
    (tmp_path / "berkas").write_text("not a folder")
    for env, text in cases:
        result = CliRunner().invoke(main, ["show", "1"], env=env)
        assert result.exit_code == 6, result.output
        assert result.stderr.count("\n") == 1 and text in result.stderr


def test_unexpected_errors_end_in_one_line_not_a_traceback(cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    cli("init-db")
    from engine.services.instances import InstanceService

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(InstanceService, "show", broken)
    result = cli("show", "1", ok=False)
    assert result.exit_code == 70 and "RuntimeError: boom" in result.stderr and "Traceback" not in result.stderr


def test_calendar_commands(cli_ready: Callable[..., Cli]) -> None:
    cli = cli_ready(REPO / "engine" / "demo" / "org.yaml")
    with_leave = cli("calendar", "add", "2026-03-17", "3")
    assert with_leave.stdout.strip() == "2026-03-27 (Jumat)" and "Cuti Bersama" in with_leave.stderr
    assert cli("calendar", "add", "2026-03-17", "3", "--tanpa-cuti-bersama").stdout.startswith("2026-03-23")
    assert cli.json("calendar", "add", "2026-03-17", "3")["due"] == "2026-03-27T09:30:00+00:00"
    days = cli.json("calendar", "holidays", "2026")
    assert {"date": "2026-03-19", "name": "Hari Suci Nyepi", "kind": "public", "estimated": False,
            "office_closed_anyway": False} in days
    lebaran = [d for d in days if d["date"] == "2026-03-21"]          # a Saturday: listed, stops no clock
    assert [(d["kind"], d["office_closed_anyway"]) for d in lebaran] == [("public", True)]
    assert "kantor memang tutup" in cli("calendar", "holidays", "2026").stdout
    negative = cli("calendar", "add", "2026-03-17", "-2", ok=False)
    assert negative.exit_code == 1 and "negatif" in negative.stderr
    assert cli("calendar", "holidays", "20260", ok=False).exit_code == 1
    cli("calendar", "set", "2026-03-25", "--off", "Hari Jadi Kabupaten Contoh")
    assert cli("calendar", "add", "2026-03-17", "3").stdout.startswith("2026-03-30")
