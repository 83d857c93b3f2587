"""Job rows: scheduling (upsert by dedupe key), claiming due ones, finishing, failing, retrying."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from engine.persistence.models import JobRow


@dataclass(frozen=True)
class Job:
    id: int
    tenant_id: int
    kind: str
    dedupe_key: str | None
    instance_id: int | None
    task_id: str | None
    due_at: datetime
    status: str
    attempts: int
    max_attempts: int
    payload: dict[str, Any]
    last_error: str | None


def _job(row: JobRow) -> Job:
    return Job(row.id, row.tenant_id, row.kind, row.dedupe_key, row.instance_id, row.task_id, row.due_at,
               row.status, row.attempts, row.max_attempts, json.loads(row.payload_json or "{}"), row.last_error)


class JobRepository:
    def __init__(self, session: Session) -> None:
        self.s = session

    def schedule(self, *, tenant_id: int, kind: str, due_at: datetime, now: datetime, dedupe_key: str | None = None,
                 instance_id: int | None = None, task_id: str | None = None,
                 payload: dict[str, Any] | None = None, max_attempts: int = 5) -> int:
        """Create the job, or move the existing one with the same dedupe key to the new moment."""
        row = self.s.scalar(select(JobRow).where(JobRow.dedupe_key == dedupe_key)) if dedupe_key else None
        if row is None:
            row = JobRow(tenant_id=tenant_id, kind=kind, dedupe_key=dedupe_key, instance_id=instance_id,
                         task_id=task_id, created_at=now)
            self.s.add(row)
        row.due_at, row.status, row.attempts, row.max_attempts = due_at, "pending", 0, max_attempts
        row.payload_json = json.dumps(payload or {}, sort_keys=True, default=str)
        row.last_error, row.finished_at = None, None
        self.s.flush()
        return row.id

    def pending_for_instance(self, instance_id: int, kind: str) -> dict[str, tuple[int, datetime]]:
        """task id -> (job id, due) of the instance's pending jobs of one kind."""
        rows = self.s.execute(select(JobRow.task_id, JobRow.id, JobRow.due_at).where(
            JobRow.instance_id == instance_id, JobRow.kind == kind, JobRow.status == "pending"))
        return {task_id: (job_id, due) for task_id, job_id, due in rows if task_id}

    def cancel(self, job_ids: list[int], now: datetime) -> None:
        if job_ids:
            self.s.execute(update(JobRow).where(JobRow.id.in_(job_ids), JobRow.status == "pending")
                           .values(status="cancelled", finished_at=now).execution_options(synchronize_session=False))

    def cancel_keys(self, keys: list[str], now: datetime, except_job: int | None = None) -> None:
        if keys:
            query = update(JobRow).where(JobRow.dedupe_key.in_(keys), JobRow.status == "pending")
            if except_job is not None:
                query = query.where(JobRow.id != except_job)
            self.s.execute(query.values(status="cancelled", finished_at=now)
                           .execution_options(synchronize_session=False))

    def cancel_prefix(self, prefix: str, keep: list[str], now: datetime) -> None:
        """Cancel pending jobs whose dedupe key starts with ``prefix``, except those in ``keep``."""
        query = update(JobRow).where(JobRow.dedupe_key.startswith(prefix), JobRow.status == "pending")
        if keep:
            query = query.where(JobRow.dedupe_key.not_in(keep))
        self.s.execute(query.values(status="cancelled", finished_at=now).execution_options(synchronize_session=False))

    def claim_due(self, now: datetime, limit: int) -> list[Job]:
        """Due pending jobs, oldest first, locked for this transaction; other workers skip them."""
        query = (select(JobRow).where(JobRow.status == "pending", JobRow.due_at <= now)
                 .order_by(JobRow.due_at, JobRow.id).limit(limit))
        if self.s.get_bind().dialect.name == "postgresql":
            query = query.with_for_update(skip_locked=True)
        return [_job(r) for r in self.s.scalars(query.execution_options(populate_existing=True))]

    def finish(self, job: Job, now: datetime) -> None:
        """Mark the claimed job done, unless its handler re-scheduled the same row (a cycle's next turn)."""
        self.s.execute(update(JobRow)
                       .where(JobRow.id == job.id, JobRow.due_at == job.due_at, JobRow.status.in_(("pending",
                                                                                                    "cancelled")))
                       .values(status="done", finished_at=now).execution_options(synchronize_session=False))

    def fail(self, job_id: int, error: str, now: datetime, retry_at: datetime | None) -> int:
        """Record a failed attempt; retry at ``retry_at`` or, when None, stop (the job has failed)."""
        row = self.s.get_one(JobRow, job_id)
        row.attempts += 1
        row.last_error = error[:4000]
        if retry_at is None:
            row.status, row.finished_at = "failed", now
        else:
            row.due_at = retry_at
        self.s.flush()
        return row.attempts

    def get(self, job_id: int) -> Job | None:
        row = self.s.get(JobRow, job_id)
        return _job(row) if row else None

    def retry(self, job_id: int, now: datetime) -> bool:
        result = self.s.execute(update(JobRow).where(JobRow.id == job_id, JobRow.status == "failed")
                                .values(status="pending", due_at=now, attempts=0, finished_at=None)
                                .execution_options(synchronize_session=False))
        return result.rowcount == 1  # type: ignore[attr-defined, no-any-return]

    def counts(self) -> dict[str, int]:
        return {status: n for status, n in self.s.execute(select(JobRow.status, func.count()).group_by(JobRow.status))}

    def next_due(self) -> datetime | None:
        return self.s.scalar(select(func.min(JobRow.due_at)).where(JobRow.status == "pending"))
