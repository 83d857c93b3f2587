"""Time: jobs (timers, SLA, e-mail), notifications, SLA clocks, calendar policy and SLA classes."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    Boolean,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column

from engine.persistence.models.base import Base
from engine.persistence.types import UtcDateTime


class JobRow(Base):
    """Work due at a moment: a timer, an SLA reminder or breach, a notification to send.

    Workers take due rows with ``FOR UPDATE SKIP LOCKED`` (PostgreSQL) and finish them in the same
    transaction as their effect, so a job's effect is committed exactly once; a worker that dies
    mid-job holds its row lock only until its connection drops. ``dedupe_key`` keeps one row per
    thing waiting (one per timer task), so re-scheduling is an upsert, not a duplicate.
    """

    __tablename__ = "job"
    __table_args__ = (
        Index("ix_job_due", "due_at", postgresql_where=text("status = 'pending'"),
              sqlite_where=text("status = 'pending'")),
        Index("ix_job_instance", "instance_id", "kind"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    tenant_id: Mapped[int] = mapped_column(ForeignKey("tenant.id"))
    kind: Mapped[str] = mapped_column(String(32))
    dedupe_key: Mapped[str | None] = mapped_column(String(255), unique=True)
    instance_id: Mapped[int | None] = mapped_column(ForeignKey("process_instance.id"))
    task_id: Mapped[str | None] = mapped_column(String(36))
    due_at: Mapped[datetime] = mapped_column(UtcDateTime)
    status: Mapped[str] = mapped_column(String(16), default="pending")
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    max_attempts: Mapped[int] = mapped_column(Integer, default=5)
    payload_json: Mapped[str] = mapped_column(Text, default="{}")
    last_error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    finished_at: Mapped[datetime | None] = mapped_column(UtcDateTime)


class NotificationRow(Base):
    """In-app notification for one person; the e-mail copy, when configured, is sent by a job."""

    __tablename__ = "notification"
    __table_args__ = (Index("ix_notification_user", "user_id", "read_at", "id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    tenant_id: Mapped[int] = mapped_column(ForeignKey("tenant.id"))
    user_id: Mapped[int] = mapped_column(ForeignKey("app_user.id"))
    kind: Mapped[str] = mapped_column(String(32))
    title: Mapped[str] = mapped_column(String(255))
    body: Mapped[str] = mapped_column(Text)
    instance_id: Mapped[int | None] = mapped_column(ForeignKey("process_instance.id"))
    work_item_id: Mapped[int | None] = mapped_column(ForeignKey("work_item.id"))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    read_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    emailed_at: Mapped[datetime | None] = mapped_column(UtcDateTime)


class SlaClockRow(Base):
    """The deadline of one task, phase (subprocess) or whole case: start, due, pauses, and the outcome."""

    __tablename__ = "sla_clock"
    __table_args__ = (
        UniqueConstraint("instance_id", "task_id", name="uq_sla_clock_task"),
        Index("ix_sla_report", "tenant_id", "finished_at"),
        Index("ix_sla_instance", "instance_id", "status"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    tenant_id: Mapped[int] = mapped_column(ForeignKey("tenant.id"))
    instance_id: Mapped[int] = mapped_column(ForeignKey("process_instance.id"))
    task_id: Mapped[str] = mapped_column(String(36))          # the task, phase task, or "process"
    scope: Mapped[str] = mapped_column(String(8))             # "task" | "phase" | "process"
    work_item_id: Mapped[int | None] = mapped_column(ForeignKey("work_item.id"))
    opd_id: Mapped[int | None] = mapped_column(ForeignKey("opd.id"))
    definition_key: Mapped[str] = mapped_column(String(128))
    element_id: Mapped[str] = mapped_column(String(255))
    name: Mapped[str] = mapped_column(String(255))
    duration: Mapped[str] = mapped_column(String(64))
    reminder: Mapped[str | None] = mapped_column(String(64))
    actions: Mapped[str] = mapped_column(String(1024))
    started_at: Mapped[datetime] = mapped_column(UtcDateTime)
    due_at: Mapped[datetime] = mapped_column(UtcDateTime)
    period_seconds: Mapped[int] = mapped_column(Integer)      # working seconds from start to the first due
    paused_since: Mapped[datetime | None] = mapped_column(UtcDateTime)
    paused_seconds: Mapped[int] = mapped_column(Integer, default=0)
    breaches: Mapped[int] = mapped_column(Integer, default=0)
    status: Mapped[str] = mapped_column(String(16), default="running")
    finished_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    overdue_seconds: Mapped[int | None] = mapped_column(Integer)


class CalendarPolicyRow(Base):
    """Working-time policy of a tenant (``opd_id`` NULL) or of one OPD with its own week (6-day units)."""

    __tablename__ = "calendar_policy"
    __table_args__ = (UniqueConstraint("tenant_id", "opd_id", name="uq_calendar_policy"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    tenant_id: Mapped[int] = mapped_column(ForeignKey("tenant.id"))
    opd_id: Mapped[int | None] = mapped_column(ForeignKey("opd.id"))
    joint_leave_is_day_off: Mapped[bool] = mapped_column(Boolean, default=True)
    office_hours_json: Mapped[str] = mapped_column(Text)


class CalendarOverrideRow(Base):
    """A local change to the national calendar: an extra day off, or a day off revoked by decree."""

    __tablename__ = "calendar_override"
    __table_args__ = (UniqueConstraint("tenant_id", "day", name="uq_calendar_override"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    tenant_id: Mapped[int] = mapped_column(ForeignKey("tenant.id"))
    day: Mapped[date] = mapped_column(Date)
    kind: Mapped[str] = mapped_column(String(8))
    name: Mapped[str] = mapped_column(String(255))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)


class SlaClassRow(Base):
    """A tenant's deadline for one class of work, e.g. complaint class ``normatif`` = ``5 hari kerja``."""

    __tablename__ = "sla_class"
    __table_args__ = (UniqueConstraint("tenant_id", "code", name="uq_sla_class"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    tenant_id: Mapped[int] = mapped_column(ForeignKey("tenant.id"))
    code: Mapped[str] = mapped_column(String(64))
    name: Mapped[str] = mapped_column(String(255))
    duration: Mapped[str] = mapped_column(String(64))
