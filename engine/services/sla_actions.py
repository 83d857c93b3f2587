"""What happens when a deadline comes near or passes: reminders, and notify / escalate / reassign.

Both run as jobs. A breach applies the action of its level (``lintas:onBreach`` lists one per level)
and schedules the next level one full period later; a clock that is paused or already closed by
the time its job runs does nothing.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from engine.bpmn.timers import add
from engine.domain.calendar import BusinessCalendar
from engine.domain.durations import parse_duration
from engine.domain.roles import resolve, role_names
from engine.domain.sla import BreachAction, parse_actions
from engine.persistence.job_repo import Job
from engine.persistence.sla_repo import Clock
from engine.persistence.uow import UnitOfWork
from engine.services.context import ServiceContext, local_day
from engine.services.notify import Recipient, notify
from engine.services.sla import BREACH, calendar_for, describe_due
from engine.services.trail import append_saved


def _items(uow: UnitOfWork, clock: Clock) -> list[int]:
    """Open work items the clock covers: its own, or every open item of the instance for a phase or case."""
    if clock.work_item_id is not None:
        state = uow.work_items.state(clock.work_item_id)
        return [clock.work_item_id] if state and state.status in ("open", "claimed") else []
    return list(uow.work_items.open_task_ids(clock.instance_id).values())


def _people_on(uow: UnitOfWork, item_ids: list[int], today: date) -> list[Recipient]:
    people: list[Recipient] = []
    for item_id in item_ids:
        state = uow.work_items.state(item_id)
        if state is None:
            continue
        named = state.claimed_by or state.assignee_id
        if named:
            people.extend(Recipient(u, n, e) for u, n, e in uow.org.holders_by_id({named}))
        else:
            people.extend(Recipient(*h) for h in uow.org.holders(uow.work_items.candidate_role_ids(item_id),
                                                                 today))
    return people


def _role_ids(uow: UnitOfWork, tenant_id: int, role: str, now: datetime) -> list[int]:
    tenant = uow.org.tenant(tenant_id)
    resolution = resolve([role], uow.org.roles(tenant_id, role_names([role])), local_day(tenant, now))
    return list(resolution.role_ids)


def on_reminder(ctx: ServiceContext, uow: UnitOfWork, job: Job) -> None:
    clock = uow.sla.get(int(job.payload["clock"]))
    if clock is None or clock.status != "running" or clock.paused_since is not None:
        return
    now = ctx.now()
    tenant = uow.org.tenant(clock.tenant_id)
    due = describe_due(clock.due_at, tenant.timezone)
    notify(ctx, uow, tenant_id=clock.tenant_id, recipients=_people_on(uow, _items(uow, clock), local_day(tenant, now)),
           kind="reminder", title=f"Pengingat tenggat: {clock.name}",
           body=f"'{clock.name}' (instans #{clock.instance_id}) jatuh tempo {due}. "
                f"Reminder: '{clock.name}' is due {due}.",
           instance_id=clock.instance_id, work_item_id=clock.work_item_id, now=now)
    append_saved(uow, clock.instance_id, now, None, "sla_reminded", task_id=clock.task_id,
                 element_id=clock.element_id, summary={"clock": clock.id, "due": clock.due_at.isoformat()})


def on_breach(ctx: ServiceContext, uow: UnitOfWork, job: Job) -> None:
    clock = uow.sla.get(int(job.payload["clock"]))
    if clock is None or clock.status != "running" or clock.paused_since is not None:
        return
    now = ctx.now()
    calendar = calendar_for(ctx, uow, clock.tenant_id, clock.opd_id)
    level = clock.breaches
    deadline = level_deadline(clock, level, calendar)
    if now < deadline:       # moved by a pause since the job was scheduled: come back then
        uow.jobs.schedule(tenant_id=clock.tenant_id, kind=BREACH, due_at=deadline, now=now,
                          instance_id=clock.instance_id, dedupe_key=f"sla:{clock.id}:breach",
                          payload={"clock": clock.id})
        return
    actions = parse_actions(clock.actions) or (BreachAction("notify"),)
    action = actions[min(level, len(actions) - 1)]
    _apply(ctx, uow, clock, action, level + 1, now)
    uow.sla.update(clock.id, breaches=level + 1)
    if level + 1 < len(actions):
        following = level_deadline(clock, level + 1, calendar)
        uow.jobs.schedule(tenant_id=clock.tenant_id, kind=BREACH, due_at=max(following, now), now=now,
                          instance_id=clock.instance_id, dedupe_key=f"sla:{clock.id}:breach",
                          payload={"clock": clock.id})


def level_deadline(clock: Clock, level: int, calendar: BusinessCalendar) -> datetime:
    """When breach ``level`` (0 = the deadline itself) falls: each level one more full duration later,
    counted the same way ("2 hari kerja" more working days, "4 jam kerja" more office hours)."""
    deadline = clock.due_at
    duration = parse_duration(clock.duration)
    for _ in range(level):
        deadline = add(duration, deadline, calendar) if duration else deadline + timedelta(
            seconds=clock.period_seconds)
    return deadline


def _apply(ctx: ServiceContext, uow: UnitOfWork, clock: Clock, action: BreachAction, level: int,
           now: datetime) -> None:
    tenant = uow.org.tenant(clock.tenant_id)
    items = _items(uow, clock)
    due = describe_due(clock.due_at, tenant.timezone)
    title = f"Tenggat terlewati: {clock.name}"
    body = (f"'{clock.name}' (instans #{clock.instance_id}) melewati tenggat {due} (pelanggaran ke-{level}). "
            f"'{clock.name}' missed its deadline of {due} (breach {level}).")
    recipients = _people_on(uow, items, local_day(tenant, now))
    roles: list[int] = []
    if action.kind in ("escalate", "reassign") and action.role:
        roles = _role_ids(uow, clock.tenant_id, action.role, now)
        for item_id in items:
            if action.kind == "escalate":
                for role_id in roles:
                    uow.work_items.add_candidate(item_id, role_id)
            else:
                opd = uow.org.opd_of_role(roles[0]) if roles else None
                uow.work_items.reassign(item_id, roles, opd)
        holders = [Recipient(*h) for h in uow.org.holders(set(roles), local_day(tenant, now))]
        recipients = holders if action.kind == "escalate" else holders + recipients
        title = ("Eskalasi: " if action.kind == "escalate" else "Dialihkan: ") + clock.name
    notify(ctx, uow, tenant_id=clock.tenant_id, recipients=recipients, kind=f"sla_{action.kind}", title=title,
           body=body, instance_id=clock.instance_id, work_item_id=clock.work_item_id, now=now)
    append_saved(uow, clock.instance_id, now, None, "sla_breached", task_id=clock.task_id,
                 element_id=clock.element_id,
                 summary={"clock": clock.id, "level": level, "action": str(action), "work_items": items,
                          "notified": sorted({r.username for r in recipients})})
