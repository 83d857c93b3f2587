"""SLA clocks follow the instance: started when a task, phase or case with a deadline begins, paused
while a task marked ``lintas:pausesSla`` is open (the case waits for the citizen), resumed with the
paused office time added to the deadline, and closed as met or breached — by how much — at the end.

Reminders and breaches are jobs (``sla_actions``); a task's deadline is also its work item's due
date, so inboxes sort by it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from engine.bpmn.timers import add
from engine.domain.calendar import BusinessCalendar
from engine.domain.durations import WorkingTime, parse_duration
from engine.domain.errors import InvalidInput
from engine.domain.process import Catalogue
from engine.domain.roles import resolve, role_names
from engine.domain.sla import SlaSpec
from engine.persistence.sla_repo import Clock
from engine.persistence.uow import UnitOfWork
from engine.sandbox import ScriptError
from engine.services.calendars import tenant_calendar
from engine.services.context import ServiceContext, local_day
from engine.services.loading import Loaded, tenant_clock
from engine.services.trail import append

REMINDER = "sla_reminder"
BREACH = "sla_breach"


@dataclass(frozen=True)
class Active:
    scope: str
    spec: SlaSpec
    element_id: str
    name: str
    work_item_id: int | None
    opd_id: int | None


def has_deadlines(catalogue: Catalogue) -> bool:
    return bool(catalogue.sla or catalogue.phases or any(t.sla or t.pauses_sla for t in catalogue.tasks.values()))


def job_keys(clock_id: int) -> list[str]:
    return [f"sla:{clock_id}:breach", f"sla:{clock_id}:reminder"]


def calendar_for(ctx: ServiceContext, uow: UnitOfWork, tenant_id: int, opd_id: int | None) -> BusinessCalendar:
    return tenant_calendar(ctx, uow, uow.org.tenant(tenant_id), opd_id)


def sync_sla(ctx: ServiceContext, uow: UnitOfWork, inst: Loaded, now: datetime) -> None:
    """Start, finish, pause and resume the instance's clocks to match where it now stands."""
    catalogue = inst.catalogue
    if not has_deadlines(catalogue):
        return
    running = uow.sla.running(inst.id)
    active, pausing = _active(uow, inst, now) if inst.live.status() in ("running", "incident") else ({}, set())
    for task_id, clock in running.items():
        if task_id not in active:
            _finish(ctx, uow, inst, clock, now)
    for task_id, item in active.items():
        if task_id not in running:
            _start(ctx, uow, inst, task_id, item, now)
    for clock in uow.sla.running(inst.id).values():
        wait = bool(pausing - {clock.task_id})
        if wait and clock.paused_since is None:
            uow.sla.update(clock.id, paused_since=now)
            uow.jobs.cancel_keys(job_keys(clock.id), now)
            append(uow, inst.chain, now, None, "sla_paused", task_id=clock.task_id, element_id=clock.element_id,
                   summary={"clock": clock.id})
        elif not wait and clock.paused_since is not None:
            _resume(ctx, uow, inst, clock, now)
    _phase_dues(uow, inst)


def _active(uow: UnitOfWork, inst: Loaded, now: datetime) -> tuple[dict[str, Active], set[str]]:
    catalogue = inst.catalogue
    items = uow.work_items.open_task_ids(inst.id)
    active: dict[str, Active] = {}
    pausing: set[str] = set()
    for work in inst.live.ready_work():
        info = catalogue.task(work.process_id, work.element_id)
        if info is None or work.task_id not in items:
            continue
        if info.pauses_sla:
            pausing.add(work.task_id)
        if info.sla:
            state = uow.work_items.state(items[work.task_id])
            active[work.task_id] = Active("task", info.sla, work.element_id, work.name, items[work.task_id],
                                          state.opd_id if state else None)
    for activity in inst.live.active_activities():
        phase = catalogue.phases.get(Catalogue.task_key(activity.process_id, activity.element_id))
        if phase is not None:
            active[activity.task_id] = Active("phase", phase.sla, activity.element_id, phase.name, None,
                                              _opd_of_lane(uow, inst, phase.lane, now))
    if catalogue.sla is not None:
        active["process"] = Active("process", catalogue.sla, catalogue.process_id, catalogue.name, None, None)
    return active, pausing


def _opd_of_lane(uow: UnitOfWork, inst: Loaded, lane: str | None, now: datetime) -> int | None:
    if not lane:
        return None
    roles = uow.org.roles(inst.tenant.id, role_names([lane]))
    found = resolve([lane], roles, local_day(inst.tenant, now)).role_ids
    return next((r.opd_id for r in roles if r.id in found), None)


def _phase_dues(uow: UnitOfWork, inst: Loaded) -> None:
    """Tasks inside a phase carry the phase's deadline (unless they have their own), so inboxes sort by it."""
    clocks = {c.element_id: c for c in uow.sla.running(inst.id).values() if c.scope == "phase"}
    if not clocks:
        return
    items = uow.work_items.open_task_ids(inst.id)
    for work in inst.live.ready_work():
        clock = clocks.get(work.process_id)
        info = inst.catalogue.task(work.process_id, work.element_id)
        if clock is not None and work.task_id in items and not (info and info.sla):
            uow.work_items.set_due(items[work.task_id], clock.due_at)


def _duration_text(ctx: ServiceContext, uow: UnitOfWork, inst: Loaded, task_id: str, spec: SlaSpec) -> str:
    if not spec.is_expression:
        return spec.due
    data = inst.live.task_data(task_id) if task_id != "process" and inst.live.element_of(task_id) else inst.live.data()
    classes = {code: duration for code, (_, duration) in uow.calendars.sla_classes(inst.tenant.id).items()}
    try:
        value = ctx.sandbox.evaluate(spec.due[1:], {**data, "kelas_sla": classes}, now=tenant_clock(ctx, inst.tenant)())
    except ScriptError as exc:
        raise InvalidInput(f"tenggat tidak dapat dihitung: {exc.message_id}",
                           f"the due duration could not be computed: {exc.message_en}") from exc
    return str(value)


def _start(ctx: ServiceContext, uow: UnitOfWork, inst: Loaded, task_id: str, item: Active, now: datetime) -> None:
    calendar = calendar_for(ctx, uow, inst.tenant.id, item.opd_id)
    try:
        text = _duration_text(ctx, uow, inst, task_id, item.spec)
        duration = parse_duration(text)
        if duration is None:
            raise InvalidInput(f"tenggat tidak dikenali: {text!r}", f"unrecognised due duration: {text!r}")
    except InvalidInput as exc:
        uow.instances.add_incident(tenant_id=inst.tenant.id, instance_id=inst.id, task_id=task_id,
                                   element_id=item.element_id, kind="sla", message=str(exc), now=now)
        append(uow, inst.chain, now, None, "incident", task_id=task_id, element_id=item.element_id,
               summary={"kind": "sla", "message": exc.message_id})
        return
    due = add(duration, now, calendar)
    period = _span(calendar, now, due)
    clock_id = uow.sla.start(
        tenant_id=inst.tenant.id, instance_id=inst.id, task_id=task_id, scope=item.scope,
        work_item_id=item.work_item_id, opd_id=item.opd_id, definition_key=inst.version.key,
        element_id=item.element_id, name=item.name, duration=text, reminder=item.spec.reminder,
        actions=";".join(str(a) for a in item.spec.on_breach), started_at=now, due_at=due,
        period_seconds=int(period.total_seconds()),
    )
    _schedule(uow, inst.tenant.id, inst.id, clock_id, due, item.spec.reminder, calendar, now)
    if item.work_item_id is not None:
        uow.work_items.set_due(item.work_item_id, due)
    append(uow, inst.chain, now, None, "sla_started", task_id=task_id, element_id=item.element_id,
           summary={"clock": clock_id, "due": due.isoformat(), "duration": text, "scope": item.scope})


def _span(calendar: BusinessCalendar, start: datetime, end: datetime) -> timedelta:
    return calendar.working_time_between(start, end)


def _schedule(uow: UnitOfWork, tenant_id: int, instance_id: int, clock_id: int, due: datetime,
              reminder: str | None, calendar: BusinessCalendar, now: datetime) -> None:
    uow.jobs.schedule(tenant_id=tenant_id, kind=BREACH, due_at=due, now=now, instance_id=instance_id,
                      dedupe_key=f"sla:{clock_id}:breach", payload={"clock": clock_id})
    at = reminder_moment(reminder, due, now, calendar)
    if at is not None:
        uow.jobs.schedule(tenant_id=tenant_id, kind=REMINDER, due_at=at, now=now, instance_id=instance_id,
                          dedupe_key=f"sla:{clock_id}:reminder", payload={"clock": clock_id})


def reminder_moment(reminder: str | None, due: datetime, now: datetime, calendar: BusinessCalendar) -> datetime | None:
    """When to remind, counted back from the deadline: "1 hari kerja" is closing time of the working day
    before the due day, "2 jam kerja" two office hours before the deadline. None when already past."""
    before = parse_duration(reminder or "")
    if before is None:
        return None
    if isinstance(before, WorkingTime) and before.days:
        zone = ZoneInfo(calendar.policy.timezone)
        day = due.astimezone(zone).date()
        for _ in range(before.days):
            day = _working_day_before(calendar, day)
        at = calendar.due_after_working_days(datetime.combine(day, time(12), tzinfo=zone), 0)
    elif isinstance(before, WorkingTime):
        remaining = _span(calendar, now, due)
        lead = timedelta(hours=before.hours)
        at = calendar.add_working_time(now, remaining - lead) if remaining > lead else now
    else:
        at = due - (add(before, due, calendar) - due)
    return at if at > now else None


def _working_day_before(calendar: BusinessCalendar, day: date) -> date:
    for _ in range(400):
        day -= timedelta(days=1)
        if calendar.is_working_day(day):
            return day
    raise InvalidInput("tidak ada hari kerja dalam 400 hari sebelumnya", "no working day in the 400 days before")


def _finish(ctx: ServiceContext, uow: UnitOfWork, inst: Loaded, clock: Clock, now: datetime) -> None:
    calendar = calendar_for(ctx, uow, inst.tenant.id, clock.opd_id)
    end = clock.paused_since or now      # a clock closed while paused stopped counting when it paused
    late = _span(calendar, clock.due_at, end) if end > clock.due_at else timedelta(0)
    status = "breached" if clock.breaches or late > timedelta(0) else "met"
    uow.sla.update(clock.id, status=status, finished_at=now, overdue_seconds=int(late.total_seconds()),
                   paused_since=None)
    uow.jobs.cancel_keys(job_keys(clock.id), now)
    append(uow, inst.chain, now, None, "sla_closed", task_id=clock.task_id, element_id=clock.element_id,
           summary={"clock": clock.id, "status": status, "due": clock.due_at.isoformat(),
                    "overdue_hours": round(late.total_seconds() / 3600, 2)})


def _resume(ctx: ServiceContext, uow: UnitOfWork, inst: Loaded, clock: Clock, now: datetime) -> None:
    assert clock.paused_since is not None
    calendar = calendar_for(ctx, uow, inst.tenant.id, clock.opd_id)
    paused = _span(calendar, clock.paused_since, now)
    due = calendar.add_working_time(clock.due_at, paused) if paused > timedelta(0) else clock.due_at
    uow.sla.update(clock.id, paused_since=None, due_at=due,
                   paused_seconds=clock.paused_seconds + int(paused.total_seconds()))
    _schedule(uow, inst.tenant.id, inst.id, clock.id, due, clock.reminder, calendar, now)
    if clock.work_item_id is not None:
        uow.work_items.set_due(clock.work_item_id, due)
    append(uow, inst.chain, now, None, "sla_resumed", task_id=clock.task_id, element_id=clock.element_id,
           summary={"clock": clock.id, "paused_hours": round(paused.total_seconds() / 3600, 2),
                    "due": due.isoformat()})


def describe_due(moment: datetime, timezone: str) -> str:
    """``27/03/2026 16:30 WIB`` — how a deadline reads on screen and in messages."""
    label = {"Asia/Jakarta": "WIB", "Asia/Pontianak": "WIB", "Asia/Makassar": "WITA",
             "Asia/Jayapura": "WIT"}.get(timezone, timezone)
    return f"{moment.astimezone(ZoneInfo(timezone)):%d/%m/%Y %H:%M} {label}"
