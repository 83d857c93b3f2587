"""Keeps one durable job row per waiting timer, so a restart or a crashed worker loses none."""

from __future__ import annotations

from datetime import datetime

from engine.persistence.uow import UnitOfWork
from engine.services.loading import Loaded

TIMER = "timer"


def timer_key(instance_id: int, task_id: str) -> str:
    return f"timer:{instance_id}:{task_id}"


def sync_timers(uow: UnitOfWork, inst: Loaded, now: datetime) -> None:
    """Create, move or cancel timer jobs to match the timers the instance now waits on.

    Only the difference with what was loaded is written: the jobs of timers still waiting with the
    same due moment are already right, and the job being run now is finished by the executor.
    """
    waits = inst.live.timer_waits()
    if waits == inst.timers:
        return
    for task_id, due in waits.items():
        if inst.timers.get(task_id) != due:
            uow.jobs.schedule(tenant_id=inst.tenant.id, kind=TIMER, due_at=due, now=now,
                              dedupe_key=timer_key(inst.id, task_id), instance_id=inst.id, task_id=task_id)
    gone = [timer_key(inst.id, task_id) for task_id in inst.timers if task_id not in waits]
    if gone:
        uow.jobs.cancel_keys(gone, now, except_job=inst.firing_job)
    inst.timers = dict(waits)


STEP = "step"


def sync_async(uow: UnitOfWork, inst: Loaded, now: datetime) -> None:
    """A step marked ``lintas:async`` is ready: a job runs it after this transaction commits."""
    if inst.live.waiting_async():
        uow.jobs.schedule(tenant_id=inst.tenant.id, kind=STEP, due_at=now, now=now, dedupe_key=f"step:{inst.id}",
                          instance_id=inst.id)
