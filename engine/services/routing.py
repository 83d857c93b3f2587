"""Delivers messages between instances in the same transaction, by name and correlation key.

Matching follows SpiffWorkflow's rule: an instance that has no correlation values yet accepts any
message of that name; one that has values accepts a message that agrees on at least one key. A
message nobody waits for starts an instance of a definition with that message start event, or is
buffered until an instance comes to wait for it. A message that matches several keyed instances is
ambiguous and refused rather than guessed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from engine.bpmn.instance import DeliveryFailed, LiveInstance, MessageWait, OutgoingMessage, RunReport, canonical
from engine.bpmn.state import from_plain
from engine.domain.errors import Conflict, InvalidInput
from engine.persistence.uow import UnitOfWork
from engine.services import loading
from engine.services.context import ServiceContext
from engine.services.subscriptions import matches
from engine.services.trail import append, append_saved

Settle = Callable[..., str]


@dataclass(frozen=True)
class Delivery:
    """What became of a message: delivered to a waiting instance, started one, or kept for later."""

    outcome: str                 # "delivered" | "started" | "buffered"
    instance_id: int | None = None
    pending_message_id: int | None = None

    def as_dict(self) -> dict[str, Any]:
        return {"outcome": self.outcome, "instance_id": self.instance_id,
                "pending_message_id": self.pending_message_id}


def route(ctx: ServiceContext, uow: UnitOfWork, tenant_id: int, sender_id: int | None, message: OutgoingMessage,
          actor: str | None, *, depth: int, settle: Settle) -> Delivery:
    """Deliver one message inside the caller's unit of work; ``sender_id`` is None for outside callers."""
    now = ctx.now()
    origin = {"from_instance": sender_id} if sender_id is not None else {"from": "luar / external"}
    pairs = [(key, canonical(values)) for key, values in message.correlations.items()]
    keyed, anyone = uow.messages.find_receivers(tenant_id, message.name, pairs, exclude=sender_id)
    if len(keyed) > 1:
        ids = ", ".join(str(i) for i in keyed)
        raise Conflict(f"pesan '{message.name}' cocok dengan beberapa instans ({ids})",
                       f"message '{message.name}' correlates with several instances ({ids})")
    for target in keyed or anyone[:1]:
        receiver = loading.load(ctx, uow, target)
        payload = from_plain(receiver.live.specs, message.payload)
        if _deliver(receiver.live, message.name, payload, message.correlations, target):
            _sent(uow, sender_id, message, actor, now, target)
            append(uow, receiver.chain, now, actor, "message_received", summary={"message": message.name, **origin})
            settle(ctx, uow, receiver, receiver.live.run(), actor, depth=depth + 1)
            return Delivery("delivered", target)
    for definition_id in uow.definitions.message_start_definitions(tenant_id, message.name):
        version = uow.definitions.latest_for_definition(definition_id)
        if version is None:
            continue
        # The person whose action sent the message starts the new instance (and receives its
        # lane-less tasks), as if they had started it by hand.
        starter = uow.org.user_by_username(actor) if actor else None
        started = loading.create(ctx, uow, version, started_by=starter.id if starter else None,
                                 business_key=None, data={})
        append(uow, started.chain, now, actor, "instance_started",
               summary={"by_message": message.name, "version": version.version, **origin})
        report = started.live.run()
        if _deliver(started.live, message.name, from_plain(started.live.specs, message.payload),
                    message.correlations, started.id):
            merged = started.live.run()
            report = RunReport(report.failures + merged.failures, report.messages + merged.messages)
            _sent(uow, sender_id, message, actor, now, started.id)
            append(uow, started.chain, now, actor, "message_received", summary={"message": message.name, **origin})
            settle(ctx, uow, started, report, actor, depth=depth + 1)
            return Delivery("started", started.id)
        raise Conflict(f"definisi '{version.key}' tidak menerima pesan '{message.name}'",
                       f"definition '{version.key}' did not accept message '{message.name}'")
    message_id = uow.messages.buffer(tenant_id, message.name, message.correlations, message.payload, sender_id, now)
    if sender_id is not None:
        append_saved(uow, sender_id, now, actor, "message_buffered",
                     summary={"message": message.name, "pending_message": message_id})
    return Delivery("buffered", pending_message_id=message_id)


def _deliver(live: LiveInstance, name: str, payload: Any, correlations: dict[str, Any], target: int) -> bool:
    """Deliver, turning a receiver that cannot read the message into a clear refusal (nothing is kept)."""
    try:
        return live.deliver(name, payload, correlations)
    except DeliveryFailed as exc:
        raise InvalidInput(f"pesan '{name}' tidak dapat diterima instans {target}: {exc.message_id}",
                           f"message '{name}' cannot be received by instance {target}: {exc.message_en}") from exc


def _sent(uow: UnitOfWork, sender_id: int | None, message: OutgoingMessage, actor: str | None, now: Any,
          target: int) -> None:
    if sender_id is not None:
        append_saved(uow, sender_id, now, actor, "message_sent",
                     summary={"message": message.name, "to_instance": target})


def deliver_pending(ctx: ServiceContext, uow: UnitOfWork, instance_id: int, waits: list[MessageWait],
                    actor: str | None, *, depth: int, settle: Settle) -> None:
    """A catch event just started waiting: hand it the oldest buffered message that fits."""
    record = uow.instances.get(instance_id)
    if record is None:
        return
    names = {w.message_name for w in waits}
    for pending in uow.messages.pending(record.tenant_id, names):
        if not any(w.message_name == pending.name and matches(w, pending.correlations) for w in waits):
            continue
        receiver = loading.load(ctx, uow, instance_id)
        payload = from_plain(receiver.live.specs, pending.payload)
        if not _deliver(receiver.live, pending.name, payload, pending.correlations, instance_id):
            continue
        uow.messages.mark_delivered(pending.id, instance_id, ctx.now())
        append(uow, receiver.chain, ctx.now(), actor, "message_received",
               summary={"message": pending.name, "from_instance": pending.sender_instance_id, "buffered": True})
        settle(ctx, uow, receiver, receiver.live.run(), actor, depth=depth + 1)
        return
