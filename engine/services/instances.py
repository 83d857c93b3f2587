"""Instance service: start a process, look at an instance, verify its audit trail."""

from __future__ import annotations

from typing import Any

from engine.domain.attachments import AttachmentRef
from engine.domain.audit import ChainReport, verify_chain
from engine.domain.errors import InvalidInput, NotFound, PermissionDenied
from engine.domain.org import Actor
from engine.domain.roles import resolve, role_names
from engine.domain.views import AuditEntry, HistoryEntry, InstanceView
from engine.persistence.uow import ConcurrentWrite, UnitOfWork
from engine.services import loading
from engine.services.access import instance_access
from engine.services.attachment_tokens import check_attachment_tokens
from engine.services.attachments import added_summary
from engine.services.context import (
    ServiceContext,
    conflict_on_concurrent_write,
    local_day,
    pick_tenant,
    resolve_actor,
)
from engine.services.loading import Loaded
from engine.services.progress import settle
from engine.services.trail import append
from engine.services.validation import check_data


class InstanceService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    def start(self, key: str, *, as_user: str, data: dict[str, Any] | None = None,
              business_key: str | None = None) -> InstanceView:
        try:
            with self.ctx.uow() as uow:
                actor = resolve_actor(uow, as_user, self.ctx.now())
                version = uow.definitions.latest(actor.tenant_id, key)
                if version is None:
                    raise NotFound(f"proses '{key}' belum di-deploy", f"process '{key}' is not deployed")
                catalogue = uow.definitions.catalogue(version.id)
                self._may_start(uow, actor, catalogue.starters)
                forms = uow.definitions.payload(version.id).forms
                clean = check_data(self.ctx.forms, catalogue.start_form, forms, data,
                                   self.ctx.settings.max_task_data_bytes)
                files = check_attachment_tokens(uow, None, clean, forms.get(catalogue.start_form or ""),
                                                starter_id=actor.user_id)
                inst = loading.create(self.ctx, uow, version, started_by=actor.user_id,
                                      business_key=business_key, data=clean)
                append(uow, inst.chain, self.ctx.now(), actor.username, "instance_started",
                       summary={"definition": key, "version": version.version, "data": sorted(clean)})
                self._link(uow, inst, files, actor.username)
                settle(self.ctx, uow, inst, inst.live.run(), actor.username)
                uow.commit()
                instance_id = inst.id
        except ConcurrentWrite as exc:
            raise conflict_on_concurrent_write() from exc
        return self.show(instance_id)

    def _link(self, uow: UnitOfWork, inst: Loaded, files: list[AttachmentRef], username: str) -> None:
        """Start-form uploads join the new instance, each with its audit entry."""
        if files and uow.cases.link_attachments([f.id for f in files], inst.id, self.ctx.now()) != len(files):
            raise conflict_on_concurrent_write()         # the same upload was used by a start running alongside
        for ref in files:
            append(uow, inst.chain, self.ctx.now(), username, "attachment_added", summary=added_summary(ref))

    def _may_start(self, uow: UnitOfWork, actor: Actor, starters: tuple[str, ...]) -> None:
        if not starters:
            return
        tenant = uow.org.tenant(actor.tenant_id)
        roles = uow.org.roles(tenant.id, role_names(starters))
        allowed = resolve(starters, roles, local_day(tenant, self.ctx.now())).role_ids
        if not actor.holds_any(set(allowed)):
            raise PermissionDenied(
                f"'{actor.username}' tidak berwenang memulai proses ini (perlu peran: {', '.join(starters)})",
                f"'{actor.username}' may not start this process (needs one of: {', '.join(starters)})",
            )

    def show(self, instance_id: int, *, as_user: str | None = None) -> InstanceView:
        """An instance with its data and open work; with ``as_user``, only for people involved in it."""
        with self.ctx.uow(write=False) as uow:
            inst = loading.load(self.ctx, uow, instance_id, for_update=False)
            if as_user is not None:
                ensure_involved(uow, inst, resolve_actor(uow, as_user, self.ctx.now()))
            started_by = (uow.org.usernames({inst.record.started_by}).get(inst.record.started_by)
                          if inst.record.started_by else None)
            return InstanceView(
                id=inst.id, definition_key=inst.version.key, definition_version=inst.version.version,
                name=inst.version.name, business_key=inst.record.business_key, status=inst.record.status,
                started_by=started_by, started_at=inst.record.started_at, ended_at=inst.record.ended_at,
                data=_jsonable(inst.live.data()),
                open_work=tuple(uow.work_items.for_instance(inst.id)),
                incidents=tuple(uow.instances.incidents(inst.id, open_only=True)),
                waiting_for=tuple(uow.messages.waiting_names(inst.id)),
            )

    def trail(self, instance_id: int) -> list[AuditEntry]:
        with self.ctx.uow(write=False) as uow:
            if uow.instances.get(instance_id) is None:
                raise NotFound(f"instans {instance_id} tidak ditemukan", f"instance {instance_id} not found")
            return uow.audit.entries(instance_id)

    def history(self, instance_id: int) -> list[HistoryEntry]:
        with self.ctx.uow(write=False) as uow:
            return uow.instances.history(instance_id)

    def verify_audit(self, instance_id: int) -> ChainReport:
        with self.ctx.uow(write=False) as uow:
            record = uow.instances.get(instance_id)
            if record is None:
                raise NotFound(f"instans {instance_id} tidak ditemukan", f"instance {instance_id} not found")
            return verify_chain(instance_id, uow.audit.stored(instance_id), record.audit_head, record.audit_seq)

    def by_business_key(self, business_key: str, *, tenant: str | None = None) -> list[int]:
        """Instances carrying a business key (a LAPOR! tracking id, a letter's agenda number), oldest first."""
        with self.ctx.uow(write=False) as uow:
            target = pick_tenant(uow, tenant, self.ctx.settings.default_tenant)
            return [r.id for r in uow.instances.by_business_key(target.id, business_key)]

    def list(self, *, tenant_id: int, status: str | None = None, limit: int = 100) -> list[dict[str, Any]]:
        if limit < 1 or limit > 1000:
            raise InvalidInput("batas harus 1..1000", "limit must be 1..1000")
        with self.ctx.uow(write=False) as uow:
            return [{"id": r.id, "status": r.status, "business_key": r.business_key,
                     "started_at": r.started_at.isoformat()}
                    for r in uow.instances.list_for_tenant(tenant_id, status, limit)]


def _jsonable(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    if isinstance(value, str | int | float | bool) or value is None:
        return value
    return str(value)


def ensure_involved(uow: UnitOfWork, inst: Loaded, actor: Actor) -> str:
    """Only people who may read an instance get past: those involved in it (its starter, whoever worked or
    may work a task), supervisors of its tasks' OPDs and auditors of its pemda (``engine.services.access``).
    Returns why: involved | supervisor | auditor."""
    return instance_access(uow, inst.record, actor)
