"""Notifications: stored per person for the inbox, and e-mailed by a job when SMTP is configured."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from engine.persistence.job_repo import Job
from engine.persistence.sla_repo import Notification
from engine.persistence.uow import UnitOfWork
from engine.services.context import ServiceContext, resolve_actor

EMAIL = "email"


@dataclass(frozen=True)
class Recipient:
    user_id: int
    username: str
    email: str | None


def notify(ctx: ServiceContext, uow: UnitOfWork, *, tenant_id: int, recipients: list[Recipient], kind: str,
           title: str, body: str, instance_id: int | None, work_item_id: int | None, now: datetime) -> int:
    """Store one notification per recipient (once each); queue an e-mail for those with an address."""
    seen: set[int] = set()
    for person in recipients:
        if person.user_id in seen:
            continue
        seen.add(person.user_id)
        notification_id = uow.sla.notify(tenant_id=tenant_id, user_id=person.user_id, kind=kind, title=title,
                                         body=body, instance_id=instance_id, work_item_id=work_item_id, now=now)
        if ctx.mailer is not None and person.email:
            uow.jobs.schedule(tenant_id=tenant_id, kind=EMAIL, due_at=now, now=now, instance_id=instance_id,
                              dedupe_key=f"email:{notification_id}",
                              payload={"notification": notification_id, "to": person.email})
    return len(seen)


def send_email(ctx: ServiceContext, uow: UnitOfWork, job: Job) -> None:
    """Job handler: e-mail one stored notification (retried with backoff by the executor on failure)."""
    target = uow.sla.notification_target(int(job.payload["notification"]))
    if target is None or ctx.mailer is None:
        return
    _, title, body = target
    ctx.mailer.send(str(job.payload["to"]), f"[Lintas] {title}", body)
    uow.sla.mark_emailed(int(job.payload["notification"]), ctx.now())


class NotificationService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    def inbox(self, as_user: str, *, unread_only: bool = False, limit: int = 100) -> list[Notification]:
        with self.ctx.uow(write=False) as uow:
            actor = resolve_actor(uow, as_user, self.ctx.now())
            return uow.sla.notifications(actor.user_id, unread_only, limit)

    def mark_read(self, as_user: str, ids: list[int] | None = None) -> int:
        with self.ctx.uow() as uow:
            actor = resolve_actor(uow, as_user, self.ctx.now())
            count = uow.sla.mark_read(actor.user_id, self.ctx.now(), ids)
            uow.commit()
            return count
