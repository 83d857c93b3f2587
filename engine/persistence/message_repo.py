"""Message subscriptions of waiting instances and messages buffered until someone waits for them."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, delete, or_, select, update
from sqlalchemy.orm import Session

from engine.persistence.models import MessageSubscriptionRow, PendingMessageRow


@dataclass(frozen=True)
class PendingMessage:
    id: int
    name: str
    correlations: dict[str, dict[str, Any]]
    payload: Any
    sender_instance_id: int | None


class MessageRepository:
    def __init__(self, session: Session) -> None:
        self.s = session

    def replace_subscriptions(self, tenant_id: int, instance_id: int,
                              rows: list[tuple[str, str | None, str | None]], now: datetime) -> None:
        self.s.execute(delete(MessageSubscriptionRow).where(MessageSubscriptionRow.instance_id == instance_id))
        for name, key, value in rows:
            self.s.add(MessageSubscriptionRow(tenant_id=tenant_id, instance_id=instance_id, message_name=name,
                                              correlation_key=key, correlation_value=value, created_at=now))
        self.s.flush()

    def find_receivers(self, tenant_id: int, name: str, pairs: list[tuple[str, str]],
                       exclude: int | None) -> tuple[list[int], list[int]]:
        """Instances waiting for ``name``: (those whose correlation matches, those accepting any)."""
        conditions: list[ColumnElement[bool]] = [MessageSubscriptionRow.correlation_key.is_(None)]
        for key, value in pairs:
            conditions.append((MessageSubscriptionRow.correlation_key == key)
                              & (MessageSubscriptionRow.correlation_value == value))
        query = (select(MessageSubscriptionRow.instance_id, MessageSubscriptionRow.correlation_key)
                 .where(MessageSubscriptionRow.tenant_id == tenant_id, MessageSubscriptionRow.message_name == name,
                        or_(*conditions))
                 .order_by(MessageSubscriptionRow.instance_id))
        keyed: list[int] = []
        wildcard: list[int] = []
        for instance_id, matched_key in self.s.execute(query):
            if instance_id == exclude:
                continue
            target = wildcard if matched_key is None else keyed
            if instance_id not in target:
                target.append(instance_id)
        return keyed, [i for i in wildcard if i not in keyed]

    def buffer(self, tenant_id: int, name: str, correlations: dict[str, Any], payload: Any,
               sender_instance_id: int | None, now: datetime) -> int:
        row = PendingMessageRow(tenant_id=tenant_id, message_name=name,
                                correlations_json=json.dumps(correlations, sort_keys=True, default=str),
                                payload_json=json.dumps(payload, default=str),
                                sender_instance_id=sender_instance_id, created_at=now)
        self.s.add(row)
        self.s.flush()
        return row.id

    def pending(self, tenant_id: int, names: set[str]) -> list[PendingMessage]:
        if not names:
            return []
        rows = self.s.scalars(select(PendingMessageRow).where(
            PendingMessageRow.tenant_id == tenant_id, PendingMessageRow.message_name.in_(names),
            PendingMessageRow.delivered_at.is_(None)).order_by(PendingMessageRow.id))
        return [PendingMessage(r.id, r.message_name, json.loads(r.correlations_json), json.loads(r.payload_json),
                               r.sender_instance_id) for r in rows]

    def mark_delivered(self, message_id: int, instance_id: int, now: datetime) -> None:
        self.s.execute(update(PendingMessageRow).where(PendingMessageRow.id == message_id)
                       .values(delivered_at=now, delivered_to=instance_id))

    def waiting_names(self, instance_id: int) -> list[str]:
        return sorted(set(self.s.scalars(select(MessageSubscriptionRow.message_name)
                                          .where(MessageSubscriptionRow.instance_id == instance_id))))
