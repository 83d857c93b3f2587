"""Deploys corpus models into a Lintas and drives instances through Lintas's service API only.

A scenario reads like the library's own tests: start an instance, look at which human tasks are
open (by BPMN element id, in the order they became ready), complete one with data, look at the
instance's data and status. Everything goes through ``lintas.deployments``, ``lintas.instances``
and ``lintas.work_items``; nothing touches SpiffWorkflow objects.
"""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from corpus_files import corpus_path, needs

from engine.bootstrap import Lintas
from engine.domain.errors import DeploymentRejected
from engine.domain.views import DeployResult, InstanceView, WorkItem

ORG = Path(__file__).with_name("org.yaml")
USER = "penguji"


def bundle_key(path: Path) -> str:
    stem = path.name.split(".bpmn")[0]
    return ("corpus-" + re.sub(r"[^a-z0-9_-]+", "-", stem.lower())).strip("-")[:120]


def deploy_model(lintas: Lintas, path: Path, workdir: Path) -> list[DeployResult]:
    """Deploy one corpus model the way a designer would, with the files it needs.

    A model that uses DMN decisions goes up as a bundle (process.bpmn, the called BPMN files and
    the .dmn files in one folder). A model that only calls processes of sibling files goes up as a
    single file after those files, so Lintas resolves the call activities against what is deployed.
    """
    need = needs(path)
    workdir.mkdir(parents=True, exist_ok=True)
    if need.dmn:
        folder = workdir / bundle_key(path)
        folder.mkdir()
        shutil.copy(path, folder / "process.bpmn")
        for extra in (*need.bpmn, *need.dmn):
            shutil.copy(extra, folder / extra.name)
        return lintas.deployments.deploy(folder)
    for dependency in need.bpmn:
        copy = workdir / dependency.name
        shutil.copy(dependency, copy)
        try:
            lintas.deployments.deploy(copy)
        except DeploymentRejected:
            # A refused dependency has its own row in the expectations; the model then says what it lacks.
            continue
    copy = workdir / path.name
    shutil.copy(path, copy)
    return lintas.deployments.deploy(copy)


@dataclass
class Driver:
    lintas: Lintas
    workdir: Path
    user: str = USER

    # -- setup ------------------------------------------------------------------------------------
    def deploy(self, name: str) -> list[str]:
        """Deploy a corpus model (``sw:bpmn/data/x.bpmn`` or a corpus path); returns the keys."""
        return [r.key for r in deploy_model(self.lintas, corpus_path(name), self.workdir / "deploy")]

    def deploy_xml(self, file_name: str, xml: str) -> list[str]:
        """Deploy a small helper model written by a test (e.g. a process that sends one message)."""
        folder = self.workdir / "helpers"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / file_name).write_text(xml, encoding="utf-8")
        return [r.key for r in self.lintas.deployments.deploy(folder / file_name)]

    # -- commands ---------------------------------------------------------------------------------
    def start(self, key: str, data: dict[str, Any] | None = None, *, as_user: str | None = None) -> int:
        return self.lintas.instances.start(key, as_user=as_user or self.user, data=data).id

    def complete(self, instance_id: int, element: str, data: dict[str, Any] | None = None, *,
                 index: int = 0, as_user: str | None = None) -> InstanceView:
        """Complete the index-th open work item of that element (in the order they became ready)."""
        items = [w for w in self.open_work(instance_id) if w.element_id == element]
        assert items, f"no open task {element!r}; open: {self.ready(instance_id)}"
        self.lintas.work_items.complete(items[index].id, as_user=as_user or self.user, data=data)
        return self.show(instance_id)

    def complete_named(self, instance_id: int, name: str, data: dict[str, Any] | None = None, *,
                       as_user: str | None = None) -> InstanceView:
        """Complete the open work item shown with that name (the BPMN element's label)."""
        items = [w for w in self.open_work(instance_id) if w.name == name]
        assert len(items) == 1, f"expected one open task named {name!r}; open: {self.ready_names(instance_id)}"
        self.lintas.work_items.complete(items[0].id, as_user=as_user or self.user, data=data)
        return self.show(instance_id)

    # -- queries ----------------------------------------------------------------------------------
    def show(self, instance_id: int) -> InstanceView:
        return self.lintas.instances.show(instance_id)

    def open_work(self, instance_id: int) -> list[WorkItem]:
        return list(self.show(instance_id).open_work)

    def ready(self, instance_id: int) -> list[str]:
        """Element ids of the instance's open human tasks, in the order they became ready."""
        return [w.element_id for w in self.open_work(instance_id)]

    def ready_names(self, instance_id: int) -> list[str]:
        return [w.name for w in self.open_work(instance_id)]

    def status(self, instance_id: int) -> str:
        return self.show(instance_id).status

    def data(self, instance_id: int) -> dict[str, Any]:
        return self.show(instance_id).data

    def instance_ids(self, key: str | None = None) -> list[int]:
        """Ids of the tenant's instances (of one definition key if given), oldest first."""
        versions = self.lintas.deployments.list_versions()
        tenant_id = versions[0].tenant_id
        rows = self.lintas.instances.list(tenant_id=tenant_id)
        ids = sorted(int(r["id"]) for r in rows)
        return [i for i in ids if key is None or self.show(i).definition_key == key]

    def inbox(self, user: str) -> list[str]:
        return [w.element_id for w in self.lintas.work_items.inbox(user)]

    def finished(self, instance_id: int) -> dict[str, str]:
        """Element id -> final state (COMPLETED/CANCELLED) of every BPMN element that left the live state."""
        out: dict[str, str] = {}
        for entry in self.lintas.instances.history(instance_id):
            out[entry.element_id] = entry.state
        return out

    def trail_actions(self, instance_id: int) -> list[tuple[str, str | None]]:
        return [(e.action, e.element_id) for e in self.lintas.instances.trail(instance_id)]

    def incidents(self, instance_id: int) -> list[str]:
        return [i.message for i in self.show(instance_id).incidents]
