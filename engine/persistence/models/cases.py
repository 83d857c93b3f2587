"""Around a case: comments (append-only, like the audit trail) and attachments (bytes in ``blob``).

An attachment row names a write-once blob by SHA-256, so identical files are stored once however
often they are attached. ``instance_id`` is empty while a start form's upload waits for its
instance; starting the instance links it.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from engine.persistence.models.base import Base
from engine.persistence.types import UtcDateTime


class CommentRow(Base):
    __tablename__ = "instance_comment"
    __table_args__ = (Index("ix_comment_instance", "instance_id", "id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    tenant_id: Mapped[int] = mapped_column(ForeignKey("tenant.id"))
    instance_id: Mapped[int] = mapped_column(ForeignKey("process_instance.id"))
    author_id: Mapped[int] = mapped_column(ForeignKey("app_user.id"))
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)


class AttachmentRow(Base):
    __tablename__ = "attachment"
    __table_args__ = (
        Index("ix_attachment_instance", "instance_id", "id"),
        Index("ix_attachment_uploader", "uploaded_by", "instance_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    tenant_id: Mapped[int] = mapped_column(ForeignKey("tenant.id"))
    instance_id: Mapped[int | None] = mapped_column(ForeignKey("process_instance.id"))
    uploaded_by: Mapped[int] = mapped_column(ForeignKey("app_user.id"))
    name: Mapped[str] = mapped_column(String(255))             # sanitised, extension of the sniffed type
    original_name: Mapped[str] = mapped_column(String(255))    # as sent (shortened), for the record
    media_type: Mapped[str] = mapped_column(String(128))       # sniffed from the content
    size: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(ForeignKey("blob.sha256"))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    linked_at: Mapped[datetime | None] = mapped_column(UtcDateTime)   # when a start-form upload got its instance
