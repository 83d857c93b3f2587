"""Message service: deliver a message from outside any instance (another system, an operator).

It uses the same routing as messages thrown by instances: a waiting catch event that correlates,
else a message start event, else the message is kept until an instance waits for it.
"""

from __future__ import annotations

from typing import Any

from engine.bpmn.instance import OutgoingMessage
from engine.domain.errors import InvalidInput
from engine.persistence.uow import ConcurrentWrite
from engine.services import routing
from engine.services.context import ServiceContext, conflict_on_concurrent_write, resolve_actor
from engine.services.progress import settle
from engine.services.routing import Delivery
from engine.services.validation import check_json_size


def _check(name: str, payload: Any, correlations: Any, max_bytes: int) -> dict[str, dict[str, Any]]:
    if not name or not name.strip():
        raise InvalidInput("nama pesan wajib diisi", "a message name is required")
    check_json_size(payload, max_bytes)
    correlations = correlations or {}
    if not isinstance(correlations, dict) or not all(
        isinstance(k, str) and isinstance(v, dict) for k, v in correlations.items()
    ):
        raise InvalidInput("korelasi harus berbentuk {kunci: {properti: nilai}}",
                           "correlations must look like {key: {property: value}}")
    return correlations


class MessageService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    def send(self, name: str, *, as_user: str, payload: Any = None,
             correlations: dict[str, dict[str, Any]] | None = None) -> Delivery:
        checked = _check(name, payload, correlations, self.ctx.settings.max_task_data_bytes)
        try:
            with self.ctx.uow() as uow:
                actor = resolve_actor(uow, as_user, self.ctx.now())
                message = OutgoingMessage(name.strip(), payload, checked)
                delivery = routing.route(self.ctx, uow, actor.tenant_id, None, message, actor.username,
                                         depth=0, settle=settle)
                uow.commit()
                return delivery
        except ConcurrentWrite as exc:
            raise conflict_on_concurrent_write() from exc
