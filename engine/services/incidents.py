"""Incidents: steps, assignments and background jobs that failed and wait for a person to act.

``retry`` runs the failed thing again: a failed step (script, condition, timer expression) from where
it stopped, an unresolvable assignment with the organisation as it is now, a failed job from scratch.
A retry that fails again opens a new incident; nothing is dropped.
"""

from __future__ import annotations

from engine.bpmn.instance import TaskMissing, TaskNotReady
from engine.domain.errors import Conflict, NotFound
from engine.domain.views import Incident
from engine.persistence.uow import ConcurrentWrite, UnitOfWork
from engine.services import loading
from engine.services.context import ServiceContext, conflict_on_concurrent_write, pick_tenant
from engine.services.progress import settle
from engine.services.trail import append


class IncidentService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    def list(self, *, tenant: str | None = None, include_resolved: bool = False) -> list[Incident]:
        with self.ctx.uow(write=False) as uow:
            target = pick_tenant(uow, tenant, self.ctx.settings.default_tenant)
            return uow.instances.incidents_of_tenant(target.id, open_only=not include_resolved)

    def retry(self, incident_id: int, *, actor: str | None = None) -> Incident:
        try:
            with self.ctx.uow() as uow:
                found = uow.instances.incident(incident_id)
                if found is None:
                    raise NotFound(f"insiden {incident_id} tidak ditemukan", f"incident {incident_id} not found")
                _, incident = found
                if incident.resolved_at is not None:
                    raise Conflict(f"insiden {incident_id} sudah ditangani",
                                   f"incident {incident_id} is already resolved")
                uow.instances.resolve_incident(incident_id, self.ctx.now())
                if incident.kind.startswith("job:") and incident.job_id is not None:
                    uow.jobs.retry(incident.job_id, self.ctx.now())
                elif incident.instance_id is not None:
                    self._rerun(uow, incident, actor)
                uow.commit()
        except ConcurrentWrite as exc:
            raise conflict_on_concurrent_write() from exc
        with self.ctx.uow(write=False) as uow:
            again = uow.instances.incident(incident_id)
            assert again is not None
            return again[1]

    def _rerun(self, uow: UnitOfWork, incident: Incident, actor: str | None) -> None:
        assert incident.instance_id is not None
        inst = loading.load(self.ctx, uow, incident.instance_id)
        append(uow, inst.chain, self.ctx.now(), actor, "incident_retried", task_id=incident.task_id,
               element_id=incident.element_id, summary={"incident": incident.id, "kind": incident.kind})
        if incident.kind == "assignment" and incident.task_id:
            # Offer the task again, resolved against today's organisation.
            item = uow.work_items.open_task_ids(inst.id).get(incident.task_id)
            if item is not None:
                uow.work_items.cancel([item], self.ctx.now())
            settle(self.ctx, uow, inst, inst.live.run(), actor)
            return
        try:
            report = inst.live.retry(incident.task_id or "")
        except (TaskMissing, TaskNotReady) as exc:
            raise Conflict("langkah ini tidak lagi gagal; tidak ada yang diulang",
                           "this step is no longer failed; nothing to retry") from exc
        settle(self.ctx, uow, inst, report, actor)
