"""Process definitions and their immutable versions, message start events, and live instances."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
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
    templates_json: Mapped[str] = mapped_column(Text, default="{}", server_default="{}")   # path -> blob sha256
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
