"""Seeds a demo installation: schema, the demo organisation and every bundled process."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from engine.domain.views import DeployResult
from engine.services.deploy import DeployService
from engine.services.org import OrgService

DEMO_ORG = Path(__file__).resolve().parents[1] / "demo" / "org.yaml"


def default_processes_dir() -> Path:
    """The repository's processes/ folder (Lintas runs from a checkout in development and demos)."""
    return Path(__file__).resolve().parents[2] / "processes"


@dataclass
class DemoSeed:
    deployed: list[DeployResult] = field(default_factory=list)
    accounts: list[tuple[str, str, str]] = field(default_factory=list)   # username, name, roles


def seed(org: OrgService, deployments: DeployService, processes_dir: Path | None) -> DemoSeed:
    org.load_file(DEMO_ORG)
    result = DemoSeed()
    folder = processes_dir or default_processes_dir()
    for bundle in sorted(p for p in folder.iterdir() if (p / "process.bpmn").is_file()) if folder.is_dir() else []:
        result.deployed.extend(deployments.deploy(bundle, deployed_by="demo"))
    for tenant in org.show():
        for user in tenant["users"]:
            roles = ", ".join(r["role"] + ("" if r["capacity"] == "definitif" else f" ({r['capacity'].upper()})")
                              for r in user["roles"] if r["active"])
            if roles:
                result.accounts.append((user["username"], user["name"], roles))
    return result
