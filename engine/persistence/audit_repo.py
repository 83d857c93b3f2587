"""Append-only audit entries; the database refuses updates and deletes (see the migration)."""

from __future__ import annotations

import json

from sqlalchemy import select
from sqlalchemy.orm import Session

from engine.domain.audit import AuditFacts, StoredEntry
from engine.domain.views import AuditEntry
from engine.persistence.models import AuditEntryRow


class AuditRepository:
    def __init__(self, session: Session) -> None:
        self.s = session

    def append(self, facts: AuditFacts, prev_hash: str, digest: str, actor_id: int | None = None) -> None:
        self.s.add(AuditEntryRow(
            instance_id=facts.instance_id, seq=facts.seq, at=facts.at, actor=facts.actor, action=facts.action,
            task_id=facts.task_id, element_id=facts.element_id,
            summary_json=json.dumps(facts.summary, ensure_ascii=False, sort_keys=True, default=str),
            prev_hash=prev_hash, hash=digest,
        ))

    def entries(self, instance_id: int, after_seq: int = 0, limit: int | None = None) -> list[AuditEntry]:
        query = (select(AuditEntryRow).where(AuditEntryRow.instance_id == instance_id,
                                             AuditEntryRow.seq > after_seq).order_by(AuditEntryRow.seq))
        if limit:
            query = query.limit(limit)
        return [
            AuditEntry(r.instance_id, r.seq, r.at, r.actor, r.action, r.task_id, r.element_id,
                       json.loads(r.summary_json), r.prev_hash, r.hash)
            for r in self.s.scalars(query)
        ]

    def stored(self, instance_id: int) -> list[StoredEntry]:
        return [
            StoredEntry(
                AuditFacts(e.instance_id, e.seq, e.at, e.actor, e.action, e.task_id, e.element_id, e.summary),
                e.prev_hash, e.hash,
            )
            for e in self.entries(instance_id)
        ]
