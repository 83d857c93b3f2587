"""Keeps one durable job row per waiting timer, so a restart or a crashed worker loses none."""

from __future__ import annotations

from datetime import datetime

from engine.persistence.uow import UnitOfWork
from engine.services.loading import Loaded

TIMER = "timer"


def timer_key(instance_id: int, task_id: str) -> str:
    return f"timer:{instance_id}:{task_id}"


def sync_timers(uow: UnitOfWork, inst: Loaded, now: datetime) -> None:
    """Create, move or cancel timer jobs to match the timers the instance now waits on."""
    waits = inst.live.timer_waits()
    if waits == inst.timers:
        return
    existing = uow.jobs.pending_for_instance(inst.id, TIMER)
    for task_id, due in waits.items():
        if existing.get(task_id, (None, None))[1] != due:
            uow.jobs.schedule(tenant_id=inst.tenant.id, kind=TIMER, due_at=due, now=now,
                              dedupe_key=timer_key(inst.id, task_id), instance_id=inst.id, task_id=task_id)
    uow.jobs.cancel([job_id for task_id, (job_id, _) in existing.items() if task_id not in waits], now)
    inst.timers = dict(waits)


STEP = "step"


def sync_async(uow: UnitOfWork, inst: Loaded, now: datetime) -> None:
    """A step marked ``lintas:async`` is ready: a job runs it after this transaction commits."""
    if inst.live.waiting_async():
        uow.jobs.schedule(tenant_id=inst.tenant.id, kind=STEP, due_at=now, now=now, dedupe_key=f"step:{inst.id}",
                          instance_id=inst.id)
