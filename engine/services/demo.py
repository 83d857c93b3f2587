"""Seeds a demo installation: schema, the demo organisation, every bundled process and demo passwords."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from engine.domain.views import DeployResult
from engine.services.accounts import AccountService
from engine.services.deploy import DeployService
from engine.services.org import OrgService
from engine.services.org_file import parse_org

DEMO_ORG = Path(__file__).resolve().parents[1] / "demo" / "org.yaml"

# Whom to sign in as to try each kind of work: (what, username, access the org file grants them).
DEMO_GUIDE = (
    ("petugas / clerk (pengaduan)", "admin.pengaduan", None),
    ("pejabat penanda tangan / signing official", "kadis.pupr", "supervisor"),
    ("supervisor unit / unit supervisor", "kabid.binamarga", "supervisor"),
    ("auditor", "auditor", "auditor"),
    ("admin (Plt/Plh, akun)", "kabag.umum", "admin"),
    ("perancang proses / designer", "admin.pupr", "designer"),
)


def default_processes_dir() -> Path:
    """The repository's processes/ folder (Lintas runs from a checkout in development and demos)."""
    return Path(__file__).resolve().parents[2] / "processes"


@dataclass
class DemoSeed:
    deployed: list[DeployResult] = field(default_factory=list)
    accounts: list[tuple[str, str, str, str]] = field(default_factory=list)   # username, name, roles, access
    tenants: list[str] = field(default_factory=list)                          # codes of the demo pemda(s)


def seed(org: OrgService, deployments: DeployService, processes_dir: Path | None) -> DemoSeed:
    org.load_file(DEMO_ORG)
    result = DemoSeed(tenants=demo_tenants())
    folder = processes_dir or default_processes_dir()
    for bundle in sorted(p for p in folder.iterdir() if (p / "process.bpmn").is_file()) if folder.is_dir() else []:
        result.deployed.extend(deployments.deploy(bundle, deployed_by="demo"))
    for tenant in (t for t in org.show() if t["code"] in result.tenants):
        for user in tenant["users"]:
            roles = ", ".join(r["role"] + ("" if r["capacity"] == "definitif" else f" ({r['capacity'].upper()})")
                              for r in user["roles"] if r["active"])
            if roles:
                result.accounts.append((user["username"], user["name"], roles, ", ".join(user["access"])))
    return result


def demo_tenants() -> list[str]:
    tenants, _problems = parse_org(DEMO_ORG.read_bytes(), DEMO_ORG.name)
    return [t.code for t in tenants]


def accounts_without_password(accounts: AccountService, tenants: list[str]) -> list[str]:
    return [a.username for code in tenants for a in accounts.accounts(code) if not a.has_password]


def set_demo_passwords(accounts: AccountService, password: str, tenants: list[str]) -> int:
    """Give the demo pemda's accounts that have no password the demo password; returns how many.

    Only the demo organisation's tenants: another pemda in the same database never gets it. Accounts
    that already have a password keep it, so a restarted demo does not undo a change (and skips
    the deliberately slow hashing).
    """
    missing = accounts_without_password(accounts, tenants)
    for username in missing:
        accounts.set_password(username, password)
    return len(missing)
