"""Projects an instance's ready human tasks into the inbox table, deciding who may work each one."""

from __future__ import annotations

from datetime import datetime

from engine.bpmn.instance import ReadyWork
from engine.domain.process import Assignment
from engine.domain.roles import resolve, role_names
from engine.persistence.uow import UnitOfWork
from engine.sandbox import ScriptError
from engine.services.context import ServiceContext, local_day
from engine.services.loading import Loaded, tenant_clock
from engine.services.trail import append


def project_work_items(ctx: ServiceContext, uow: UnitOfWork, inst: Loaded, actor: str | None,
                       now: datetime) -> None:
    ready = {w.task_id: w for w in inst.live.ready_work()}
    if not ready and not inst.had_work:
        return      # no human task before or after this step: nothing to project (timers, async steps)
    existing = uow.work_items.open_task_ids(inst.id)
    gone = [item_id for task_id, item_id in existing.items() if task_id not in ready]
    for task_id, item_id in existing.items():
        if task_id not in ready:
            append(uow, inst.chain, now, actor, "task_cancelled", task_id=task_id,
                   summary={"work_item": item_id})
    uow.work_items.cancel(gone, now)
    for task_id, work in ready.items():
        if task_id not in existing:
            _create(ctx, uow, inst, work, actor, now)


def _create(ctx: ServiceContext, uow: UnitOfWork, inst: Loaded, work: ReadyWork, actor: str | None,
            now: datetime) -> None:
    info = inst.catalogue.task(work.process_id, work.element_id)
    assignment = info.assignment if info else Assignment(lane=work.lane)
    problems: list[tuple[str, str]] = []
    assignee_id: int | None = None
    role_ids: list[int] = []
    opd_id: int | None = None
    if assignment.mode == "expression":
        assignee_id = _assignee(ctx, uow, inst, work, str(assignment.assignee_expression), problems)
    elif assignment.mode == "roles":
        roles = uow.org.roles(inst.tenant.id, role_names(assignment.role_paths))
        resolution = resolve(assignment.role_paths, roles, local_day(inst.tenant, now))
        role_ids = list(resolution.role_ids)
        problems.extend(resolution.problems)
        by_id = {r.id: r for r in roles}
        if role_ids:
            opd_id = by_id[role_ids[0]].opd_id
    else:
        assignee_id = inst.record.started_by
        if assignee_id is None:
            problems.append(("instans tidak punya pemrakarsa untuk menerima tugas ini",
                             "the instance has no starter to receive this task"))
    item_id = uow.work_items.create(
        tenant_id=inst.tenant.id, instance_id=inst.id, definition_key=inst.version.key,
        business_key=inst.record.business_key, task_id=work.task_id, process_id=work.process_id,
        element_id=work.element_id, name=work.name, kind=info.signing.kind if info and info.signing else work.kind,
        form_id=info.form_id if info else None, bucket=info.bucket if info else "lainnya",
        assignee_id=assignee_id, opd_id=opd_id, role_ids=role_ids, now=now,
    )
    summary = {"work_item": item_id, "name": work.name}
    if assignee_id:
        summary["assignee"] = uow.org.usernames({assignee_id}).get(assignee_id)
    if role_ids:
        summary["roles"] = list(assignment.role_paths)
    append(uow, inst.chain, now, actor, "task_ready", task_id=work.task_id, element_id=work.element_id,
           summary=summary)
    for message_id, message_en in problems:
        uow.instances.add_incident(tenant_id=inst.tenant.id, instance_id=inst.id, task_id=work.task_id,
                                   element_id=work.element_id, kind="assignment",
                                   message=f"{message_id} ({message_en})", now=now)
        append(uow, inst.chain, now, actor, "incident", task_id=work.task_id, element_id=work.element_id,
               summary={"kind": "assignment", "message": message_id})


def _assignee(ctx: ServiceContext, uow: UnitOfWork, inst: Loaded, work: ReadyWork, expression: str,
              problems: list[tuple[str, str]]) -> int | None:
    try:
        local_now = tenant_clock(ctx, inst.tenant)()
        value = ctx.sandbox.evaluate(expression, inst.live.task_data(work.task_id), now=local_now)
    except ScriptError as exc:
        problems.append((f"ekspresi penerima tugas gagal: {exc.message_id}",
                         f"assignee expression failed: {exc.message_en}"))
        return None
    user = uow.org.user_by_username(str(value)) if isinstance(value, str) else None
    if user is None or user.tenant_id != inst.tenant.id:
        problems.append((f"penerima tugas '{value}' bukan pengguna pemda ini",
                         f"assignee '{value}' is not a user of this tenant"))
        return None
    return user.id
