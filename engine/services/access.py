"""Who may read an instance (its page, timeline, diagram, documents, comments and attachments).

- people *involved*: its starter, and whoever was offered, assigned, claimed or completed one of its
  tasks (through a role they hold today, or by name);
- *supervisors* (access ``supervisor``) of an OPD one of its tasks belonged to — the OPDs of the
  roles they hold today;
- *auditors* (access ``auditor``) of the same pemda.

Anyone else of the same pemda is refused (403); people of another pemda learn nothing, not even
that the instance exists (404).
"""

from __future__ import annotations

from engine.domain.cases import ACCESS_AUDITOR, ACCESS_INVOLVED, ACCESS_SUPERVISOR
from engine.domain.errors import NotFound, PermissionDenied
from engine.domain.org import Actor, RolePath
from engine.domain.views import InstanceRecord
from engine.persistence.uow import UnitOfWork


def supervised_opds(actor: Actor) -> set[str]:
    """OPD codes a supervisor oversees: those of the roles they hold today."""
    if not actor.may("supervisor"):
        return set()
    return {path.opd_code for path in (RolePath.parse(p) for p in actor.role_paths) if path is not None}


def not_found(instance_id: int) -> NotFound:
    return NotFound(f"instans {instance_id} tidak ditemukan", f"instance {instance_id} not found")


def instance_access(uow: UnitOfWork, record: InstanceRecord, actor: Actor) -> str:
    """Why ``actor`` may read the instance (involved | supervisor | auditor), or the refusal."""
    if actor.tenant_id != record.tenant_id:
        raise not_found(record.id)
    if record.started_by == actor.user_id:
        return ACCESS_INVOLVED
    items = uow.work_items.for_instance(record.id, open_only=False)
    held = set(actor.role_paths)
    for item in items:
        if actor.username in (item.assignee, item.claimed_by, item.completed_by) or held & set(item.candidate_roles):
            return ACCESS_INVOLVED
    units = supervised_opds(actor)
    if units and any(item.opd_code in units for item in items):
        return ACCESS_SUPERVISOR
    if actor.may("auditor"):
        return ACCESS_AUDITOR
    raise PermissionDenied(f"'{actor.username}' tidak terlibat dalam instans {record.id}",
                           f"'{actor.username}' is not involved in instance {record.id}")


def readable(uow: UnitOfWork, instance_id: int, actor: Actor) -> tuple[InstanceRecord, str]:
    """The instance row (without its live state) and the caller's access to it."""
    record = uow.instances.get(instance_id)
    if record is None:
        raise not_found(instance_id)
    return record, instance_access(uow, record, actor)
