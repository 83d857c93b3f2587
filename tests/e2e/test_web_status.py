"""The placeholder web app: a status page listing deployed processes, and a health check."""

from __future__ import annotations

from pathlib import Path

from engine.bootstrap import Lintas
from web.app import create_app

BUNDLE = Path(__file__).resolve().parents[2] / "processes" / "pengaduan-jalan-rusak"


def test_status_page_lists_deployed_processes(demo_lintas: Lintas) -> None:
    client = create_app(demo_lintas).test_client()
    assert "Belum ada proses" in client.get("/").get_data(as_text=True)
    demo_lintas.deployments.deploy(BUNDLE)
    page = client.get("/")
    assert page.status_code == 200 and 'lang="id"' in page.get_data(as_text=True)
    assert "pengaduan-jalan-rusak" in page.get_data(as_text=True)
    assert client.get("/healthz").get_json()["status"] == "ok"


def test_status_page_before_any_organisation(lintas: Lintas) -> None:
    assert create_app(lintas).test_client().get("/").status_code == 200
