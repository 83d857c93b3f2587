"""Plain records that services hand to callers (web, CLI, embedding code) and repositories return."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import datetime
from typing import Any


def _plain(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple | frozenset | set):
        return [_plain(v) for v in value]
    return value


class _AsDict:
    def as_dict(self) -> dict[str, Any]:
        return _plain(asdict(self))  # type: ignore[call-overload, no-any-return]


@dataclass(frozen=True)
class DefinitionVersion(_AsDict):
    id: int
    definition_id: int
    tenant_id: int
    key: str
    version: int
    content_hash: str
    process_id: str
    name: str
    dialect: str
    deployed_at: datetime
    deployed_by: str | None


@dataclass(frozen=True)
class DeployResult(_AsDict):
    key: str
    version: int
    version_id: int
    content_hash: str
    created: bool           # False when identical content was already deployed


@dataclass(frozen=True)
class InstanceRecord:
    id: int
    tenant_id: int
    definition_version_id: int
    business_key: str | None
    status: str
    started_by: int | None
    started_at: datetime
    updated_at: datetime
    ended_at: datetime | None
    state_json: str
    serializer_version: str
    lock_version: int
    audit_seq: int
    audit_head: str | None


@dataclass(frozen=True)
class WorkItem(_AsDict):
    id: int
    instance_id: int
    task_id: str
    process_id: str
    element_id: str
    name: str
    kind: str
    form_id: str | None
    status: str
    assignee: str | None
    claimed_by: str | None
    claimed_at: datetime | None
    opd_code: str | None
    due_at: datetime | None
    created_at: datetime
    completed_at: datetime | None
    completed_by: str | None
    candidate_roles: tuple[str, ...] = ()
    definition_key: str | None = None
    business_key: str | None = None
    bucket: str = "lainnya"               # paraf | tanda_tangan | disposisi | lainnya (inbox counters)
    opened_at: datetime | None = None     # None: nobody who may act has opened it yet ("belum dibaca")


@dataclass(frozen=True)
class AuditEntry(_AsDict):
    instance_id: int
    seq: int
    at: datetime
    actor: str | None
    action: str
    task_id: str | None
    element_id: str | None
    summary: dict[str, Any]
    prev_hash: str
    hash: str


@dataclass(frozen=True)
class Incident(_AsDict):
    id: int
    instance_id: int | None
    task_id: str | None
    element_id: str | None
    kind: str
    message: str
    created_at: datetime
    resolved_at: datetime | None
    job_id: int | None = None


@dataclass(frozen=True)
class HistoryEntry(_AsDict):
    task_id: str
    process_id: str
    element_id: str
    element_type: str
    state: str
    finished_at: datetime


@dataclass(frozen=True)
class InstanceView(_AsDict):
    id: int
    definition_key: str
    definition_version: int
    name: str
    business_key: str | None
    status: str
    started_by: str | None
    started_at: datetime
    ended_at: datetime | None
    data: dict[str, Any] = field(default_factory=dict)
    open_work: tuple[WorkItem, ...] = ()
    incidents: tuple[Incident, ...] = ()
    waiting_for: tuple[str, ...] = ()
