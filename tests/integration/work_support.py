"""Shared pieces of the inbox, supervision, delegation and acting-official tests.

The test organisation (tests/fixtures/org.yaml) is loaded with extra access levels and a six-day
week for Dinas Perhubungan, so deadlines can be compared across working weeks.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import yaml

from engine.bootstrap import Lintas
from tests import bpmn_builder as b
from tests.integration.conftest import ORG, deploy

ACCESS = {"kadis": ["supervisor"], "admin": ["admin"], "orang.lain": ["supervisor", "admin"]}
EXTRA_USERS = [{"username": "sekda", "name": "Sekretaris Daerah", "access": ["supervisor"],
                "roles": ["SETDA/Sekretaris Daerah"]}]


def org_bytes(roles: dict[str, list[Any]] | None = None) -> bytes:
    """The test organisation with access levels, a sekda, and DISHUB working six days a week;
    ``roles`` replaces the roles of the users it names."""
    org = yaml.safe_load(ORG.read_text(encoding="utf-8"))
    for tenant in org["tenants"]:
        for user in tenant["users"]:
            if user["username"] in ACCESS:
                user["access"] = ACCESS[user["username"]]
            if roles and user["username"] in roles:
                user["roles"] = roles[user["username"]]
        for opd in tenant["opds"]:
            if tenant["code"] == "kab-uji" and opd["code"] == "DISHUB":
                opd["office_hours"] = "six_day"
        if tenant["code"] == "kab-uji":
            tenant["users"] += EXTRA_USERS
    return yaml.safe_dump(org, allow_unicode=True, sort_keys=False).encode("utf-8")


def load_org(app: Lintas, roles: dict[str, list[Any]] | None = None) -> Lintas:
    app.org.load_bytes(org_bytes(roles), source="org.yaml")
    return app


def task(id: str, name: str, groups: str, *, due: str | None = None, bucket: str | None = None,
         form: str | None = None) -> str:
    extra = f' lintas:due="{due}"' if due else ""
    extra += f' lintas:bucket="{bucket}"' if bucket else ""
    extra += f' lintas:form="{form}"' if form else ""
    return f'<bpmn:userTask id="{id}" name="{name}" lintas:candidateGroups="{groups}"{extra}/>'


def one_task_process(key: str, name: str, task_xml: str) -> str:
    return b.process(key, b.start(), task_xml, b.end(), b.flow("start", "kerja", "end"), name=name)


PROCESSES = {
    "layanan": one_task_process("layanan", "Layanan Perbaikan",
                                task("kerja", "Periksa permohonan", "PUPR/Staf", due="3 hari kerja")),
    "surat": one_task_process("surat", "Surat Masuk",
                              task("kerja", "Disposisi surat", "PUPR/Staf", bucket="disposisi")),
    "uji": one_task_process("uji", "Uji Kendaraan",
                            task("kerja", "Uji kendaraan", "DISHUB/Staf", due="3 hari kerja")),
    "pribadi": b.process("pribadi", b.start(), b.user("kerja", "Tugas pribadi", assignee="'budi'"), b.end(),
                         b.flow("start", "kerja", "end"), name="Tugas Pribadi"),
}


def deploy_all(app: Lintas, tmp_path: Path) -> None:
    for key, bpmn in PROCESSES.items():
        deploy(app, b.bundle(tmp_path, key, bpmn))


def start(app: Lintas, key: str, as_user: str = "admin") -> int:
    """Start an instance and return its one open work item."""
    return start_case(app, key, as_user)[1]


def start_case(app: Lintas, key: str, as_user: str = "admin") -> tuple[int, int]:
    """Start an instance: (instance id, its one open work item)."""
    view = app.instances.start(key, as_user=as_user)
    [item] = view.open_work
    return view.id, item.id


def trail(app: Lintas, instance_id: int, action: str) -> list[tuple[str | None, dict[str, Any]]]:
    return [(e.actor, dict(e.summary)) for e in app.instances.trail(instance_id) if e.action == action]


def wib(day: int, hour: int, month: int = 3) -> datetime:
    """A moment in March 2026 (by default) at a WIB wall-clock hour, as UTC."""
    return datetime(2026, month, day, hour, tzinfo=ZoneInfo("Asia/Jakarta")).astimezone(UTC)


def notification_titles(app: Lintas, user: str) -> list[str]:
    return [n.title for n in app.notifications.inbox(user)]
