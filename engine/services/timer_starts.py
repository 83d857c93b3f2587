"""Timer start events: deploying a version schedules them; the job starts an instance when due.

One job per (definition, start event) under a dedupe key, so deploying a new version moves the
schedule instead of doubling it, and a cycle (``R/P1D``) re-schedules its own row after each start.
Instances started by a timer have no starter; their tasks need lanes or candidate groups.
"""

from __future__ import annotations

from datetime import datetime

from engine.bpmn.timers import first_due, next_cycle
from engine.domain.process import Catalogue
from engine.persistence.job_repo import Job
from engine.persistence.uow import UnitOfWork
from engine.services import loading
from engine.services.calendars import tenant_calendar
from engine.services.context import ServiceContext
from engine.services.progress import settle
from engine.services.trail import append

TIMER_START = "timer_start"


def key(definition_id: int, element_id: str) -> str:
    return f"timer_start:{definition_id}:{element_id}"


def schedule_timer_starts(ctx: ServiceContext, uow: UnitOfWork, tenant_id: int, definition_id: int,
                          catalogue: Catalogue, now: datetime) -> None:
    calendar = tenant_calendar(ctx, uow, uow.org.tenant(tenant_id))
    keep = []
    for start in catalogue.timer_starts:
        due = first_due(start.kind, start.expression, now, calendar)
        dedupe = key(definition_id, start.element_id)
        keep.append(dedupe)
        uow.jobs.schedule(tenant_id=tenant_id, kind=TIMER_START, due_at=due, now=now, dedupe_key=dedupe,
                          payload={"definition": definition_id, "element": start.element_id, "starts": 0})
    uow.jobs.cancel_prefix(f"timer_start:{definition_id}:", keep, now)


def start_by_timer(ctx: ServiceContext, uow: UnitOfWork, job: Job) -> None:
    definition_id, element_id = int(job.payload["definition"]), str(job.payload["element"])
    version = uow.definitions.latest_for_definition(definition_id)
    if version is None:
        return
    catalogue = uow.definitions.catalogue(version.id)
    start = next((s for s in catalogue.timer_starts if s.element_id == element_id), None)
    if start is None:               # the latest version no longer has this start event
        return
    now = ctx.now()
    inst = loading.create(ctx, uow, version, started_by=None, business_key=None, data={})
    append(uow, inst.chain, now, None, "instance_started",
           summary={"by_timer": element_id, "version": version.version, "due": job.due_at.isoformat()})
    first = inst.live.run()
    inst.live.fire_start_timer(element_id, now)
    report = inst.live.run()
    report.failures[:0] = first.failures
    settle(ctx, uow, inst, report, None)
    if start.kind == "cycle":
        calendar = tenant_calendar(ctx, uow, inst.tenant)
        following, repetitions = next_cycle(start.expression, job.due_at, calendar)
        starts = int(job.payload.get("starts", 0)) + 1
        while following <= now:      # after a long stop, start once for the backlog, not once per miss
            following, _ = next_cycle(start.expression, following, calendar)
        if repetitions is None or starts < repetitions:
            uow.jobs.schedule(tenant_id=job.tenant_id, kind=TIMER_START, due_at=following, now=now,
                              dedupe_key=key(definition_id, element_id),
                              payload={"definition": definition_id, "element": element_id, "starts": starts})
