"""Comments and attachments of instances, and the lookups the instance page needs in one query each."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from engine.domain.attachments import AttachmentRef, token_of
from engine.domain.cases import Comment
from engine.persistence.models import AttachmentRow, CommentRow, DefinitionVersionRow, SlaClockRow, UserRow


@dataclass(frozen=True)
class AttachmentRecord:
    """An attachment with the columns authorisation needs."""

    ref: AttachmentRef
    tenant_id: int
    instance_id: int | None
    uploader_id: int


@dataclass(frozen=True)
class ClockRecord:
    """One deadline of an instance, with how it ended."""

    id: int
    scope: str
    element_id: str
    name: str
    opd_id: int | None
    started_at: datetime
    due_at: datetime
    paused_since: datetime | None
    breaches: int
    status: str                      # running | met | breached
    overdue_seconds: int | None


def _ref(row: AttachmentRow, uploader: str | None) -> AttachmentRef:
    return AttachmentRef(row.id, token_of(row.id), row.name, row.size, row.media_type, row.sha256,
                         row.instance_id, uploader, row.created_at)


_ATTACHMENTS = select(AttachmentRow, UserRow.username).join(UserRow, UserRow.id == AttachmentRow.uploaded_by)


class CaseRepository:
    def __init__(self, session: Session) -> None:
        self.s = session

    # -- comments ---------------------------------------------------------------------------------
    def add_comment(self, *, tenant_id: int, instance_id: int, author_id: int, body: str, now: datetime) -> int:
        row = CommentRow(tenant_id=tenant_id, instance_id=instance_id, author_id=author_id, body=body, created_at=now)
        self.s.add(row)
        self.s.flush()
        return row.id

    def comments(self, instance_id: int, limit: int = 500) -> list[Comment]:
        rows = self.s.execute(
            select(CommentRow, UserRow.username, UserRow.full_name)
            .join(UserRow, UserRow.id == CommentRow.author_id)
            .where(CommentRow.instance_id == instance_id).order_by(CommentRow.id).limit(limit))
        return [Comment(c.id, c.instance_id, username, full_name, c.body, c.created_at)
                for c, username, full_name in rows]

    # -- attachments ------------------------------------------------------------------------------
    def add_attachment(self, *, tenant_id: int, instance_id: int | None, uploader_id: int, name: str,
                       original_name: str, media_type: str, size: int, sha256: str,
                       now: datetime) -> AttachmentRecord:
        row = AttachmentRow(tenant_id=tenant_id, instance_id=instance_id, uploaded_by=uploader_id, name=name,
                            original_name=original_name, media_type=media_type, size=size, sha256=sha256,
                            created_at=now, linked_at=now if instance_id is not None else None)
        self.s.add(row)
        self.s.flush()
        found = self.attachments([row.id])
        return found[0]

    def attachments(self, ids: list[int]) -> list[AttachmentRecord]:
        if not ids:
            return []
        rows = self.s.execute(_ATTACHMENTS.where(AttachmentRow.id.in_(ids)).order_by(AttachmentRow.id))
        return [AttachmentRecord(_ref(a, username), a.tenant_id, a.instance_id, a.uploaded_by) for a, username in rows]

    def attachments_of(self, instance_id: int) -> list[AttachmentRef]:
        rows = self.s.execute(_ATTACHMENTS.where(AttachmentRow.instance_id == instance_id).order_by(AttachmentRow.id))
        return [_ref(a, username) for a, username in rows]

    def unlinked_of(self, uploader_id: int, limit: int = 100) -> list[AttachmentRef]:
        rows = self.s.execute(_ATTACHMENTS.where(AttachmentRow.uploaded_by == uploader_id,
                                                 AttachmentRow.instance_id.is_(None))
                              .order_by(AttachmentRow.id.desc()).limit(limit))
        return [_ref(a, username) for a, username in rows]

    def unlinked_count(self, uploader_id: int, since: datetime) -> int:
        return int(self.s.scalar(select(func.count()).select_from(AttachmentRow).where(
            AttachmentRow.uploaded_by == uploader_id, AttachmentRow.instance_id.is_(None),
            AttachmentRow.created_at >= since)) or 0)

    def link_attachments(self, ids: list[int], instance_id: int, now: datetime) -> int:
        """Give start-form uploads their instance; only still-unlinked ones move (a raced start loses)."""
        if not ids:
            return 0
        result = self.s.execute(update(AttachmentRow)
                                .where(AttachmentRow.id.in_(ids), AttachmentRow.instance_id.is_(None))
                                .values(instance_id=instance_id, linked_at=now)
                                .execution_options(synchronize_session=False))
        return int(result.rowcount)  # type: ignore[attr-defined]

    # -- lookups for the instance page ------------------------------------------------------------
    def full_names(self, usernames: set[str]) -> dict[str, str]:
        if not usernames:
            return {}
        rows = self.s.execute(select(UserRow.username, UserRow.full_name).where(UserRow.username.in_(usernames)))
        return {username: full_name for username, full_name in rows}

    def clocks(self, instance_id: int) -> list[ClockRecord]:
        """Every deadline of the instance, running or closed, oldest first."""
        rows = self.s.scalars(select(SlaClockRow).where(SlaClockRow.instance_id == instance_id)
                              .order_by(SlaClockRow.id))
        return [ClockRecord(r.id, r.scope, r.element_id, r.name, r.opd_id, r.started_at, r.due_at, r.paused_since,
                            r.breaches, r.status, r.overdue_seconds) for r in rows]

    def readme(self, version_id: int) -> str | None:
        return self.s.scalar(select(DefinitionVersionRow.readme).where(DefinitionVersionRow.id == version_id))

    def bpmn_xml(self, version_id: int) -> str:
        return str(self.s.scalar(select(DefinitionVersionRow.bpmn_xml).where(DefinitionVersionRow.id == version_id)))
