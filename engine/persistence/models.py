"""Tables of Lintas. Organisation, definitions, live instances, the inbox projection, audit and history.

Indexes follow the queries clerks and workers make (see DESIGN.md "Data"); the audit table is
append-only and guarded by database triggers created in the migration.
"""

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
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from engine.persistence.types import UtcDateTime


class Base(DeclarativeBase):
    pass


class TenantRow(Base):
    __tablename__ = "tenant"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(255))
    timezone: Mapped[str] = mapped_column(String(64), default="Asia/Jakarta")
    valid_from: Mapped[date | None] = mapped_column(Date)
    valid_to: Mapped[date | None] = mapped_column(Date)
    # Bumped whenever the tenant's calendar policy, overrides or SLA classes change: cache key.
    calendar_rev: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)


class OpdRow(Base):
    __tablename__ = "opd"
    __table_args__ = (UniqueConstraint("tenant_id", "code", name="uq_opd_tenant_code"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    tenant_id: Mapped[int] = mapped_column(ForeignKey("tenant.id"), index=True)
    code: Mapped[str] = mapped_column(String(64))
    name: Mapped[str] = mapped_column(String(255))
    valid_from: Mapped[date | None] = mapped_column(Date)
    valid_to: Mapped[date | None] = mapped_column(Date)


class RoleRow(Base):
    __tablename__ = "role"
    __table_args__ = (UniqueConstraint("opd_id", "name_key", name="uq_role_opd_name"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    opd_id: Mapped[int] = mapped_column(ForeignKey("opd.id"), index=True)
    name: Mapped[str] = mapped_column(String(255))
    name_key: Mapped[str] = mapped_column(String(255))
    valid_from: Mapped[date | None] = mapped_column(Date)
    valid_to: Mapped[date | None] = mapped_column(Date)


class UserRow(Base):
    __tablename__ = "app_user"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    tenant_id: Mapped[int] = mapped_column(ForeignKey("tenant.id"), index=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    full_name: Mapped[str] = mapped_column(String(255))
    nip: Mapped[str | None] = mapped_column(String(32))
    email: Mapped[str | None] = mapped_column(String(255))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    valid_from: Mapped[date | None] = mapped_column(Date)
    valid_to: Mapped[date | None] = mapped_column(Date)


class MembershipRow(Base):
    __tablename__ = "role_membership"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("app_user.id"), index=True)
    role_id: Mapped[int] = mapped_column(ForeignKey("role.id"), index=True)
    capacity: Mapped[str] = mapped_column(String(16), default="definitif")
    valid_from: Mapped[date | None] = mapped_column(Date)
    valid_to: Mapped[date | None] = mapped_column(Date)


class DefinitionRow(Base):
    __tablename__ = "process_definition"
    __table_args__ = (UniqueConstraint("tenant_id", "key", name="uq_definition_tenant_key"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    tenant_id: Mapped[int] = mapped_column(ForeignKey("tenant.id"))
    key: Mapped[str] = mapped_column(String(128))
    name: Mapped[str] = mapped_column(String(255))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)


class DefinitionVersionRow(Base):
    __tablename__ = "process_definition_version"
    __table_args__ = (
        UniqueConstraint("definition_id", "version", name="uq_version_number"),
        UniqueConstraint("definition_id", "content_hash", name="uq_version_hash"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    definition_id: Mapped[int] = mapped_column(ForeignKey("process_definition.id"), index=True)
    version: Mapped[int] = mapped_column(Integer)
    content_hash: Mapped[str] = mapped_column(String(64))
    process_id: Mapped[str] = mapped_column(String(255))
    name: Mapped[str] = mapped_column(String(255))
    dialect: Mapped[str] = mapped_column(String(16))
    bpmn_xml: Mapped[str] = mapped_column(Text)
    spec_json: Mapped[str] = mapped_column(Text)
    catalogue_json: Mapped[str] = mapped_column(Text)
    forms_json: Mapped[str] = mapped_column(Text)
    readme: Mapped[str | None] = mapped_column(Text)
    deployed_at: Mapped[datetime] = mapped_column(UtcDateTime)
    deployed_by: Mapped[str | None] = mapped_column(String(64))


class MessageStartRow(Base):
    """Message start events of each definition's latest version: where a message may start an instance."""

    __tablename__ = "message_start"
    __table_args__ = (Index("ix_message_start_lookup", "tenant_id", "message_name"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    tenant_id: Mapped[int] = mapped_column(ForeignKey("tenant.id"))
    message_name: Mapped[str] = mapped_column(String(255))
    definition_id: Mapped[int] = mapped_column(ForeignKey("process_definition.id"), index=True)


class InstanceRow(Base):
    __tablename__ = "process_instance"
    __table_args__ = (Index("ix_instance_tenant_status", "tenant_id", "status"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    tenant_id: Mapped[int] = mapped_column(ForeignKey("tenant.id"))
    definition_version_id: Mapped[int] = mapped_column(
        ForeignKey("process_definition_version.id"), index=True
    )
    business_key: Mapped[str | None] = mapped_column(String(255), index=True)
    status: Mapped[str] = mapped_column(String(16))
    started_by: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))
    started_at: Mapped[datetime] = mapped_column(UtcDateTime)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime)
    ended_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    state_json: Mapped[str] = mapped_column(Text)
    serializer_version: Mapped[str] = mapped_column(String(16))
    lock_version: Mapped[int] = mapped_column(Integer, default=1)
    steps: Mapped[int] = mapped_column(Integer, default=0)
    audit_seq: Mapped[int] = mapped_column(Integer, default=0)
    audit_head: Mapped[str | None] = mapped_column(String(64))


class WorkItemRow(Base):
    __tablename__ = "work_item"
    __table_args__ = (
        UniqueConstraint("instance_id", "task_id", name="uq_work_item_task"),
        Index("ix_work_item_assignee", "assignee_id", "status"),
        Index("ix_work_item_claimed", "claimed_by", "status"),
        Index("ix_work_item_opd", "opd_id", "status"),
        Index("ix_work_item_due", "status", "due_at"),
        # Open items of one instance are looked up at every step; instances keep all their old items.
        Index("ix_work_item_instance_status", "instance_id", "status"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    tenant_id: Mapped[int] = mapped_column(ForeignKey("tenant.id"))
    instance_id: Mapped[int] = mapped_column(ForeignKey("process_instance.id"))
    task_id: Mapped[str] = mapped_column(String(36))
    process_id: Mapped[str] = mapped_column(String(255))
    element_id: Mapped[str] = mapped_column(String(255))
    # Copied from the instance when the item is created, so the inbox needs no joins to show them.
    definition_key: Mapped[str] = mapped_column(String(128))
    business_key: Mapped[str | None] = mapped_column(String(255))
    name: Mapped[str] = mapped_column(String(255))
    kind: Mapped[str] = mapped_column(String(16))
    form_id: Mapped[str | None] = mapped_column(String(64))
    status: Mapped[str] = mapped_column(String(16))
    assignee_id: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))
    claimed_by: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))
    claimed_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    opd_id: Mapped[int | None] = mapped_column(ForeignKey("opd.id"))
    due_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    completed_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    completed_by: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))


class WorkItemCandidateRow(Base):
    """Which roles an item is offered to. ``active`` goes false when the item is done, so a role's
    queue is found through an index over its open items only, however long its history."""

    __tablename__ = "work_item_candidate"
    __table_args__ = (Index("ix_candidate_queue", "role_id", "active", "work_item_id"),)

    work_item_id: Mapped[int] = mapped_column(ForeignKey("work_item.id"), primary_key=True)
    role_id: Mapped[int] = mapped_column(ForeignKey("role.id"), primary_key=True)
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class AuditEntryRow(Base):
    __tablename__ = "audit_entry"
    __table_args__ = (UniqueConstraint("instance_id", "seq", name="uq_audit_seq"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    instance_id: Mapped[int] = mapped_column(ForeignKey("process_instance.id"))
    seq: Mapped[int] = mapped_column(Integer)
    at: Mapped[datetime] = mapped_column(UtcDateTime)
    actor: Mapped[str | None] = mapped_column(String(64))
    action: Mapped[str] = mapped_column(String(64))
    task_id: Mapped[str | None] = mapped_column(String(36))
    element_id: Mapped[str | None] = mapped_column(String(255))
    summary_json: Mapped[str] = mapped_column(Text)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))


class ElementHistoryRow(Base):
    """Finished engine tasks, moved out of the live state so its size does not grow with age."""

    __tablename__ = "element_history"
    __table_args__ = (Index("ix_history_instance", "instance_id", "id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    instance_id: Mapped[int] = mapped_column(ForeignKey("process_instance.id"))
    task_id: Mapped[str] = mapped_column(String(36))
    process_id: Mapped[str] = mapped_column(String(255))
    element_id: Mapped[str] = mapped_column(String(255))
    element_type: Mapped[str] = mapped_column(String(64))
    state: Mapped[str] = mapped_column(String(16))
    finished_at: Mapped[datetime] = mapped_column(UtcDateTime)


class MessageSubscriptionRow(Base):
    __tablename__ = "message_subscription"
    __table_args__ = (
        Index("ix_subscription_lookup", "tenant_id", "message_name", "correlation_key", "correlation_value"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    tenant_id: Mapped[int] = mapped_column(ForeignKey("tenant.id"))
    instance_id: Mapped[int] = mapped_column(ForeignKey("process_instance.id"), index=True)
    message_name: Mapped[str] = mapped_column(String(255))
    correlation_key: Mapped[str | None] = mapped_column(String(255))
    correlation_value: Mapped[str | None] = mapped_column(String(1024))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)


class PendingMessageRow(Base):
    """A message no instance was waiting for yet; delivered as soon as a matching catch appears."""

    __tablename__ = "pending_message"
    __table_args__ = (Index("ix_pending_lookup", "tenant_id", "message_name", "delivered_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    tenant_id: Mapped[int] = mapped_column(ForeignKey("tenant.id"))
    message_name: Mapped[str] = mapped_column(String(255))
    correlations_json: Mapped[str] = mapped_column(Text)
    payload_json: Mapped[str] = mapped_column(Text)
    sender_instance_id: Mapped[int | None] = mapped_column(ForeignKey("process_instance.id"))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    delivered_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    delivered_to: Mapped[int | None] = mapped_column(ForeignKey("process_instance.id"))


class IncidentRow(Base):
    __tablename__ = "incident"
    __table_args__ = (Index("ix_incident_open", "tenant_id", "resolved_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    tenant_id: Mapped[int] = mapped_column(ForeignKey("tenant.id"))
    instance_id: Mapped[int | None] = mapped_column(ForeignKey("process_instance.id"), index=True)
    task_id: Mapped[str | None] = mapped_column(String(36))
    element_id: Mapped[str | None] = mapped_column(String(255))
    job_id: Mapped[int | None] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(32))
    message: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    resolved_at: Mapped[datetime | None] = mapped_column(UtcDateTime)


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
