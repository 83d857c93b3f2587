"""The complaint process runs end to end from the command line, as an operator would drive it."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tests.e2e.conftest import REPO, Cli
from tests.integration.signing.verify_fixtures import draw_over_page
from tests.processes.test_pengaduan_jalan_rusak import (
    DISPOSISI,
    DRAF_RINGAN,
    LAPORAN,
    PEMERIKSAAN_RINGAN,
    SETUJUI,
)

BUNDLE = REPO / "processes" / "pengaduan-jalan-rusak"


def step(cli: Cli, user: str, instance: int, element: str, data: dict[str, Any], tmp_path: Path) -> None:
    mine = [t for t in cli.json("tasks", "--as", user) if t["instance_id"] == instance]
    assert [t["element_id"] for t in mine] == [element], mine
    payload = tmp_path / f"{element}.json"
    payload.write_text(json.dumps(data), encoding="utf-8")
    cli("claim", str(mine[0]["id"]), "--as", user)
    done = cli.json("complete", str(mine[0]["id"]), "--as", user, "--data", f"@{payload}")
    assert done["status"] == "completed" and done["completed_by"] == user


PASSPHRASE = "frasa-demo-cli"


def sign(cli: Cli, user: str, instance: int, element: str, passphrase: str = PASSPHRASE) -> dict[str, Any]:
    mine = [t for t in cli.json("tasks", "--as", user) if t["instance_id"] == instance]
    assert [t["element_id"] for t in mine] == [element], mine
    return dict(cli.json("sign", str(mine[0]["id"]), "--as", user, "--passphrase-file", "-",
                         input=passphrase + "\n"))


def test_pengaduan_from_report_to_selesai_via_cli(cli: Cli, tmp_path: Path) -> None:
    cli("init-db")
    cli("org", "load", str(REPO / "engine" / "demo" / "org.yaml"))
    assert cli.json("pki", "init", "--demo-passphrase", PASSPHRASE)["created"] is True
    assert cli.json("deploy", str(BUNDLE))[0]["key"] == "pengaduan-jalan-rusak"
    report = tmp_path / "laporan.json"
    report.write_text(json.dumps(LAPORAN), encoding="utf-8")
    started = cli.json("start", "pengaduan-jalan-rusak", "--as", "admin.pengaduan", "--data", f"@{report}",
                       "--business-key", LAPORAN["nomor_tiket_lapor"])
    instance = started["id"]
    step(cli, "admin.pengaduan", instance, "Task_Verifikasi",
         {"hasil_verifikasi": "verifikasi", "klasifikasi": "pengaduan"}, tmp_path)
    step(cli, "kadis.pupr", instance, "Task_Disposisi", DISPOSISI, tmp_path)
    step(cli, "staf.binamarga", instance, "Task_PemeriksaanLapangan", PEMERIKSAAN_RINGAN, tmp_path)
    step(cli, "kabid.binamarga", instance, "Task_SusunRingan", DRAF_RINGAN, tmp_path)
    step(cli, "kadis.pupr", instance, "Task_Persetujuan", SETUJUI, tmp_path)
    cli("worker", "--once")                                        # renders the Berita Acara
    wrong = cli("sign", str(_task(cli, "kabid.binamarga", instance)), "--as", "kabid.binamarga",
                "--passphrase-file", "-", input="salah-sekali\n", ok=False)
    assert wrong.exit_code == 1 and "frasa sandi" in wrong.output.lower()
    assert sign(cli, "kabid.binamarga", instance, "Task_ParafBA")["document"]["status"] == "signing"
    signed = sign(cli, "kadis.pupr", instance, "Task_TandaTanganBA")["document"]
    assert (signed["status"], signed["number"]) == ("signed", "000.8.3.3/1/PUPR/2026")
    [listed] = cli.json("documents", str(instance))
    assert listed["verification"]["verdict"] == "VALID"
    pdf = tmp_path / "ba.pdf"
    cli("document", str(listed["id"]), "--out", str(pdf))
    assert cli("verify", str(pdf)).exit_code == 0
    tampered = tmp_path / "ba-ubah.pdf"
    data = bytearray(pdf.read_bytes())
    data[1000] ^= 0x01              # one byte of the rendered revision: inside every signature's byte range
    tampered.write_bytes(bytes(data))
    assert cli("verify", str(tampered), ok=False).exit_code == 1
    drawn = tmp_path / "ba-coret.pdf"
    drawn.write_bytes(draw_over_page(pdf.read_bytes()))        # every signature's own bytes stay intact
    report = cli("verify", str(drawn), "--json", ok=False)
    assert report.exit_code == 1 and json.loads(report.stdout)["verdict"] == "INVALID"
    step(cli, "admin.pengaduan", instance, "Task_TanggapanPelapor",
         {"tanggapan_pelapor": "puas", "tanggal_tanggapan": "2026-03-24"}, tmp_path)
    final = cli.json("show", str(instance))
    assert (final["status"], final["data"]["status"]) == ("completed", "Selesai")
    assert final["business_key"] == LAPORAN["nomor_tiket_lapor"]
    assert "utuh" in cli("audit", "verify", str(instance)).stdout


def _task(cli: Cli, user: str, instance: int) -> int:
    [mine] = [t for t in cli.json("tasks", "--as", user) if t["instance_id"] == instance]
    return int(mine["id"])
