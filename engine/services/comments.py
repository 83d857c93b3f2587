"""Comment service: notes people leave on a case ("mohon dicek ulang lokasinya"), plain text.

Whoever may read the case may comment on it (people involved, supervisors of its units, auditors).
Comments are append-only (a database trigger refuses edits), and each one leaves an audit entry
with the comment's SHA-256 and a short excerpt, so the trail proves what was written without
carrying long texts.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

from engine.domain.cases import MAX_COMMENT_CHARS, Comment
from engine.domain.errors import InvalidInput
from engine.persistence.uow import ConcurrentWrite
from engine.services.access import readable
from engine.services.context import ServiceContext, conflict_on_concurrent_write, resolve_actor
from engine.services.trail import append_saved

EXCERPT_CHARS = 120


def clean_text(text: str | None) -> str:
    """Plain text: NFC, Unix newlines, no control characters but newline and tab, trimmed, bounded."""
    value = unicodedata.normalize("NFC", text or "").replace("\r\n", "\n").replace("\r", "\n")
    value = "".join(ch for ch in value if ch in "\n\t" or unicodedata.category(ch) not in ("Cc", "Cf", "Cs", "Co"))
    value = re.sub(r"\n{3,}", "\n\n", value).strip()
    if not value:
        raise InvalidInput("komentar kosong", "the comment is empty")
    if len(value) > MAX_COMMENT_CHARS:
        raise InvalidInput(f"komentar terlalu panjang: {len(value):,} karakter, batas {MAX_COMMENT_CHARS:,}",
                           f"comment too long: {len(value):,} characters, limit {MAX_COMMENT_CHARS:,}")
    return value


def excerpt(text: str, limit: int = EXCERPT_CHARS) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


class CommentService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    def add(self, instance_id: int, *, as_user: str, text: str) -> Comment:
        body = clean_text(text)
        try:
            with self.ctx.uow() as uow:
                now = self.ctx.now()
                actor = resolve_actor(uow, as_user, now)
                readable(uow, instance_id, actor)
                comment_id = uow.cases.add_comment(tenant_id=actor.tenant_id, instance_id=instance_id,
                                                   author_id=actor.user_id, body=body, now=now)
                append_saved(uow, instance_id, now, actor.username, "comment_added", summary={
                    "comment": comment_id, "length": len(body), "excerpt": excerpt(body),
                    "sha256": hashlib.sha256(body.encode("utf-8")).hexdigest()})
                uow.commit()
                return Comment(comment_id, instance_id, actor.username, actor.full_name, body, now)
        except ConcurrentWrite as exc:
            raise conflict_on_concurrent_write() from exc

    def listing(self, instance_id: int, *, as_user: str) -> list[Comment]:
        """The case's comments, oldest first."""
        with self.ctx.uow(write=False) as uow:
            readable(uow, instance_id, resolve_actor(uow, as_user, self.ctx.now()))
            return uow.cases.comments(instance_id)
