"""The inbox projection (work items and their candidate roles) and the append-only audit trail."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    Boolean,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from engine.persistence.models.base import Base
from engine.persistence.types import UtcDateTime


class WorkItemRow(Base):
    __tablename__ = "work_item"
    __table_args__ = (
        UniqueConstraint("instance_id", "task_id", name="uq_work_item_task"),
        Index("ix_work_item_assignee", "assignee_id", "status"),
        Index("ix_work_item_claimed", "claimed_by", "status"),
        # A unit's open work, most urgent first (supervisors, dashboards): covers the sort columns too.
        Index("ix_work_item_unit", "opd_id", "status", "due_at", "created_at"),
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
    # SRIKANDI-style inbox bucket: paraf (to verify/initial) | tanda_tangan (to sign) | disposisi | lainnya
    bucket: Mapped[str] = mapped_column(String(16), default="lainnya", server_default="lainnya")
    form_id: Mapped[str | None] = mapped_column(String(64))
    status: Mapped[str] = mapped_column(String(16))
    assignee_id: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))
    claimed_by: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))
    claimed_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    opd_id: Mapped[int | None] = mapped_column(ForeignKey("opd.id"))
    due_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    opened_at: Mapped[datetime | None] = mapped_column(UtcDateTime)    # first opened by someone who may act
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
