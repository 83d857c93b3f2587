"""After a command ran the engine: record incidents and history, project the inbox, save, route messages.

This is the second half of every state change (start, complete, deliver a message) and it runs
inside the caller's unit of work, so the instance, its inbox rows, its audit entries and any
instance a thrown message reaches are committed together or not at all.
"""

from __future__ import annotations

from datetime import datetime

from engine.bpmn.instance import RunReport
from engine.domain.errors import Conflict
from engine.persistence.instance_repo import StaleState
from engine.persistence.uow import UnitOfWork
from engine.services import routing
from engine.services.context import ServiceContext, conflict_on_concurrent_write
from engine.services.loading import Loaded
from engine.services.projection import project_work_items
from engine.services.scheduling import sync_async, sync_timers
from engine.services.sla import sync_sla
from engine.services.subscriptions import subscription_rows
from engine.services.trail import append

MAX_CASCADE = 32


def settle(ctx: ServiceContext, uow: UnitOfWork, inst: Loaded, report: RunReport, actor: str | None,
           *, depth: int = 0) -> str:
    """Persist everything one engine run produced; returns the instance's new status."""
    if depth > MAX_CASCADE:
        raise Conflict("rantai pesan antar-instans terlalu panjang", "message cascade between instances too deep")
    now = ctx.now()
    _incidents(uow, inst, report, actor, now)
    finished = inst.live.prune()
    uow.instances.add_history(
        inst.id, [(f.task_id, f.process_id, f.element_id, f.element_type, f.state) for f in finished], now
    )
    project_work_items(ctx, uow, inst, actor, now)
    waits = inst.live.message_waits()
    subscriptions = subscription_rows(waits)
    changed = subscriptions != inst.subscriptions
    if changed:
        uow.messages.replace_subscriptions(inst.tenant.id, inst.id, subscriptions, now)
    sync_timers(uow, inst, now)
    sync_async(uow, inst, now)
    sync_sla(ctx, uow, inst, now)
    status = inst.live.status()
    if status != inst.record.status:
        append(uow, inst.chain, now, actor, f"instance_{status}", summary={"from": inst.record.status})
    try:
        uow.instances.save(inst.record, state_json=inst.live.dump(), status=status, now=now,
                           audit_seq=inst.chain.seq, audit_head=inst.chain.head)
    except StaleState as exc:
        raise conflict_on_concurrent_write() from exc
    for message in report.messages:
        routing.route(ctx, uow, inst.tenant.id, inst.id, message, actor, depth=depth, settle=settle)
    if waits and changed:
        # Only a catch event that just started waiting can find a buffered message: one that was
        # already waiting would have received it when it was sent.
        routing.deliver_pending(ctx, uow, inst.id, waits, actor, depth=depth, settle=settle)
    return status


def _incidents(uow: UnitOfWork, inst: Loaded, report: RunReport, actor: str | None, now: datetime) -> None:
    if not report.failures:
        return
    already = uow.instances.open_incident_tasks(inst.id)
    for failure in report.failures:
        if failure.task_id and failure.task_id in already:
            continue
        uow.instances.add_incident(
            tenant_id=inst.tenant.id, instance_id=inst.id, task_id=failure.task_id or None,
            element_id=failure.element_id or None, kind="script",
            message=f"{failure.message_id} ({failure.message_en})", now=now,
        )
        append(uow, inst.chain, now, actor, "incident", task_id=failure.task_id or None,
               element_id=failure.element_id or None,
               summary={"kind": "script", "message": failure.message_id, "element": failure.element_name})
