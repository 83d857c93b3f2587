"""Job executor: claims due jobs and runs each with its effect in the same transaction.

A batch of due jobs is claimed with ``FOR UPDATE SKIP LOCKED`` on PostgreSQL (several workers share
the table) and processed inside one transaction, each job in a savepoint: a job whose handler fails
is undone alone and retried later with backoff; after ``max_attempts`` it stops and opens an
incident. Because the finishing mark commits together with the job's effect, a worker killed at any
point leaves either both or neither, and its row locks end with its connection.
"""

from __future__ import annotations

import logging
import threading
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from engine.domain.errors import LintasError
from engine.persistence.job_repo import Job
from engine.persistence.uow import ConcurrentWrite, UnitOfWork
from engine.services import loading
from engine.services.context import ServiceContext
from engine.services.document_jobs import prepare_held_documents
from engine.services.progress import settle
from engine.services.scheduling import STEP, TIMER
from engine.services.trail import append

log = logging.getLogger("lintas.jobs")

Handler = Callable[[ServiceContext, UnitOfWork, Job], None]
BACKOFF_BASE = timedelta(seconds=30)
BACKOFF_CAP = timedelta(hours=1)


def backoff(attempts: int) -> timedelta:
    """30 s, 1 min, 2 min, ... capped at an hour."""
    return min(BACKOFF_BASE * (2 ** max(attempts - 1, 0)), BACKOFF_CAP)


def fire_timer(ctx: ServiceContext, uow: UnitOfWork, job: Job) -> None:
    if job.instance_id is None:
        return
    inst = loading.load(ctx, uow, job.instance_id)
    if inst.record.status in ("completed", "cancelled"):
        return
    element = inst.live.element_of(job.task_id) if job.task_id else None
    append(uow, inst.chain, ctx.now(), None, "timer_fired", task_id=job.task_id, element_id=element,
           summary={"job": job.id, "due": job.due_at.isoformat()})
    inst.firing_job = job.id
    settle(ctx, uow, inst, inst.live.refresh_timers(), None)


def run_step(ctx: ServiceContext, uow: UnitOfWork, job: Job) -> None:
    """Run the steps marked ``lintas:async`` that the instance left ready (rendering documents first)."""
    if job.instance_id is None:
        return
    inst = loading.load(ctx, uow, job.instance_id)
    if inst.record.status in ("completed", "cancelled"):
        return
    prepare_held_documents(ctx, uow, inst)
    inst.live.held = frozenset()
    settle(ctx, uow, inst, inst.live.run(), None)


@dataclass(frozen=True)
class RunSummary:
    done: int = 0
    retried: int = 0
    failed: int = 0

    @property
    def claimed(self) -> int:
        return self.done + self.retried + self.failed


@dataclass
class JobService:
    ctx: ServiceContext
    handlers: dict[str, Handler] = field(default_factory=dict)
    worker_id: str = field(default_factory=lambda: f"worker-{uuid.uuid4().hex[:8]}")

    def __post_init__(self) -> None:
        self.handlers.setdefault(TIMER, fire_timer)
        self.handlers.setdefault(STEP, run_step)

    def register(self, kind: str, handler: Handler) -> None:
        self.handlers[kind] = handler

    def run_due(self, limit: int = 50) -> RunSummary:
        """Run every job due now, up to ``limit``, in one transaction."""
        done = retried = failed = 0
        try:
            with self.ctx.uow() as uow:
                now = self.ctx.now()
                for job in uow.jobs.claim_due(now, limit):
                    outcome = self._run_one(uow, job, now)
                    done += outcome == "done"
                    retried += outcome == "retried"
                    failed += outcome == "failed"
                uow.commit()
        except ConcurrentWrite:
            # A clerk changed one of the instances meanwhile; nothing was committed, all run again.
            log.info("job batch collided with a concurrent change; it will run again")
            return RunSummary()
        return RunSummary(done, retried, failed)

    def _run_one(self, uow: UnitOfWork, job: Job, now: datetime) -> str:
        handler = self.handlers.get(job.kind)
        try:
            with uow.savepoint():
                if handler is None:
                    raise LintasError(f"jenis tugas latar tidak dikenal: {job.kind}", f"unknown job kind: {job.kind}")
                handler(self.ctx, uow, job)
                uow.jobs.finish(job, now)
            return "done"
        except ConcurrentWrite:
            raise
        except Exception as exc:  # noqa: BLE001 - any failure is recorded on the job, never lost
            message = str(exc) or type(exc).__name__
            last = job.attempts + 1 >= job.max_attempts
            uow.jobs.fail(job.id, message, now, None if last else now + backoff(job.attempts + 1))
            if last:
                uow.instances.add_incident(
                    tenant_id=job.tenant_id, instance_id=job.instance_id, task_id=job.task_id, element_id=None,
                    kind=f"job:{job.kind}", message=f"tugas latar #{job.id} gagal {job.max_attempts}x: {message} "
                    f"(job #{job.id} failed {job.max_attempts} times)", now=now, job_id=job.id,
                )
                log.warning("job %s (%s) failed for good: %s", job.id, job.kind, message)
                return "failed"
            log.info("job %s (%s) failed, retrying: %s", job.id, job.kind, message)
            return "retried"


class Worker:
    """Polls for due jobs until stopped: ``lintas worker`` and the in-process worker of ``serve``.

    Once caught up it sleeps until the next job falls due when that is sooner than ``poll`` (never
    less than ``MIN_WAIT``), so a timer fires close to its moment; jobs scheduled meanwhile by other
    processes are seen at the latest one ``poll`` later.
    """

    MIN_WAIT = 0.02

    def __init__(self, jobs: JobService, poll: float = 1.0, batch: int = 50) -> None:
        self.jobs, self.poll, self.batch = jobs, poll, batch
        self.stop = threading.Event()

    def run(self, once: bool = False) -> int:
        total = 0
        while not self.stop.is_set():
            try:
                summary = self.jobs.run_due(self.batch)
            except LintasError as exc:
                log.warning("worker: %s", exc)
                summary = RunSummary()
            total += summary.claimed
            if once:
                break
            if summary.claimed < self.batch:   # caught up: wait for the next job, at most one poll
                self.stop.wait(self._wait())
        return total

    def _wait(self) -> float:
        try:
            with self.jobs.ctx.uow(write=False) as uow:
                upcoming = uow.jobs.next_due()
        except LintasError:
            return self.poll
        if upcoming is None:
            return self.poll
        return min(self.poll, max((upcoming - self.jobs.ctx.now()).total_seconds(), self.MIN_WAIT))

    def start_thread(self) -> threading.Thread:
        thread = threading.Thread(target=self.run, name="lintas-worker", daemon=True)
        thread.start()
        return thread
