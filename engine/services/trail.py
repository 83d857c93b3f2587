"""Appends audit entries to an instance's hash chain inside the current unit of work."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from engine.domain.audit import GENESIS, AuditFacts, entry_hash
from engine.persistence.uow import UnitOfWork


@dataclass
class ChainHead:
    """Where an instance's chain stands while a unit of work appends to it."""

    instance_id: int
    seq: int
    head: str | None


def append(uow: UnitOfWork, chain: ChainHead, at: datetime, actor: str | None, action: str, *,
           task_id: str | None = None, element_id: str | None = None,
           summary: dict[str, Any] | None = None) -> None:
    facts = AuditFacts(chain.instance_id, chain.seq + 1, at, actor, action, task_id, element_id, summary or {})
    prev = chain.head or GENESIS
    digest = entry_hash(facts, prev)
    uow.audit.append(facts, prev, digest)
    chain.seq, chain.head = facts.seq, digest


def append_saved(uow: UnitOfWork, instance_id: int, at: datetime, actor: str | None, action: str, *,
                 task_id: str | None = None, element_id: str | None = None,
                 summary: dict[str, Any] | None = None) -> None:
    """Append to an instance whose live state this unit of work is not rewriting, and store the new head.

    Claims and messages noted on an already-saved sender touch only the chain, not the live state;
    the instance row is locked so two such notes cannot fork the chain.
    """
    record = uow.instances.get(instance_id, for_update=True)
    if record is None:
        return
    chain = ChainHead(instance_id, record.audit_seq, record.audit_head)
    append(uow, chain, at, actor, action, task_id=task_id, element_id=element_id, summary=summary)
    uow.instances.set_chain(instance_id, chain.seq, chain.head)
