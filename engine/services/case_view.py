"""Case view service: what the instance page shows — summary, timeline, diagram with deadlines.

Readers are the people involved, supervisors of the case's units and the pemda's auditors
(``engine.services.access``). ``page`` gathers everything in one transaction and one load of the
live state; ``summary``, ``timeline`` and ``diagram`` serve pages that need only one part.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from engine.bpmn.diagram import element_names, element_states
from engine.domain.attachments import AttachmentRef
from engine.domain.cases import CaseSummary, Comment, Diagram, SlaStatus, TimelineEntry, due_soon_limit, urgency
from engine.domain.lru import Lru
from engine.domain.org import Actor
from engine.domain.timeline import Names, describe
from engine.domain.views import InstanceRecord
from engine.persistence.case_repo import ClockRecord
from engine.persistence.uow import UnitOfWork
from engine.services import loading
from engine.services.access import readable
from engine.services.context import ServiceContext, resolve_actor
from engine.services.loading import Loaded
from engine.services.sla import calendar_for


@dataclass(frozen=True)
class CasePage:
    summary: CaseSummary
    timeline: tuple[TimelineEntry, ...]       # the latest ``TIMELINE_PAGE`` entries, oldest first
    earlier_entries: int                      # older entries left out (fetch them with ``timeline(after_seq=...)``)
    diagram: Diagram
    comments: tuple[Comment, ...]
    attachments: tuple[AttachmentRef, ...]


TIMELINE_PAGE = 500


class CaseViewService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx
        self._names: Lru[int, dict[str, str]] = Lru(64)       # per definition version: never changes

    def page(self, instance_id: int, *, as_user: str) -> CasePage:
        with self.ctx.uow(write=False) as uow:
            actor, record, access = self._open(uow, instance_id, as_user)
            inst = loading.load(self.ctx, uow, instance_id, for_update=False)
            clocks = self._clocks(uow, record)
            earlier = max(0, record.audit_seq - TIMELINE_PAGE)
            return CasePage(self._summary(uow, actor, inst, access, clocks),
                            tuple(self._timeline(uow, record, earlier, None)), earlier,
                            self._diagram(uow, inst, clocks), tuple(uow.cases.comments(instance_id)),
                            tuple(uow.cases.attachments_of(instance_id)))

    def summary(self, instance_id: int, *, as_user: str) -> CaseSummary:
        with self.ctx.uow(write=False) as uow:
            actor, record, access = self._open(uow, instance_id, as_user)
            inst = loading.load(self.ctx, uow, instance_id, for_update=False)
            return self._summary(uow, actor, inst, access, self._clocks(uow, record))

    def timeline(self, instance_id: int, *, as_user: str, after_seq: int = 0,
                 limit: int | None = None) -> list[TimelineEntry]:
        """The audit trail as sentences, oldest first; ``after_seq``/``limit`` page through long ones."""
        with self.ctx.uow(write=False) as uow:
            _, record, _ = self._open(uow, instance_id, as_user)
            return self._timeline(uow, record, after_seq, limit)

    def diagram(self, instance_id: int, *, as_user: str) -> Diagram:
        with self.ctx.uow(write=False) as uow:
            _, record, _ = self._open(uow, instance_id, as_user)
            inst = loading.load(self.ctx, uow, instance_id, for_update=False)
            return self._diagram(uow, inst, self._clocks(uow, record))

    # -- parts ------------------------------------------------------------------------------------
    def _open(self, uow: UnitOfWork, instance_id: int, as_user: str) -> tuple[Actor, InstanceRecord, str]:
        actor = resolve_actor(uow, as_user, self.ctx.now())
        record, access = readable(uow, instance_id, actor)
        return actor, record, access

    def _element_names(self, uow: UnitOfWork, version_id: int) -> dict[str, str]:
        return self._names.get_or_make(version_id, lambda: element_names(uow.cases.bpmn_xml(version_id)))

    def _timeline(self, uow: UnitOfWork, record: InstanceRecord, after_seq: int,
                  limit: int | None) -> list[TimelineEntry]:
        version, catalogue, _ = self.ctx.versions.get_or_make(
            record.definition_version_id, lambda: uow.definitions.routing(record.definition_version_id))
        entries = uow.audit.entries(record.id, after_seq, limit)
        usernames = {e.actor for e in entries if e.actor}
        usernames |= {str(e.summary["assignee"]) for e in entries if isinstance(e.summary.get("assignee"), str)}
        items = uow.work_items.for_instance(record.id, open_only=False)
        names = Names(
            process_id=catalogue.process_id, process_name=version.name,
            timezone=uow.org.tenant(record.tenant_id).timezone, people=uow.cases.full_names(usernames),
            elements=self._element_names(uow, version.id), items={i.id: (i.element_id, i.name) for i in items},
            documents={d.id: d.title for d in uow.documents.for_instance(record.id)})
        return [describe(entry, names) for entry in entries]

    def _clocks(self, uow: UnitOfWork, record: InstanceRecord) -> list[SlaStatus]:
        now = self.ctx.now()
        return [self._sla_status(uow, record.tenant_id, clock, now) for clock in uow.cases.clocks(record.id)]

    def _sla_status(self, uow: UnitOfWork, tenant_id: int, clock: ClockRecord, now: datetime) -> SlaStatus:
        if clock.status != "running":
            hours = round((clock.overdue_seconds or 0) / 3600, 2)
            return SlaStatus(clock.element_id, clock.name, clock.scope, clock.started_at, clock.due_at, "closed",
                             clock.status, hours, clock.breaches, clock.status, None)
        calendar = calendar_for(self.ctx, uow, tenant_id, clock.opd_id)
        end = clock.paused_since or now           # a paused clock stopped counting when it paused
        late = calendar.working_time_between(clock.due_at, end) if end > clock.due_at else None
        return SlaStatus(clock.element_id, clock.name, clock.scope, clock.started_at, clock.due_at,
                         "paused" if clock.paused_since else "running", None,
                         round(late.total_seconds() / 3600, 2) if late else 0.0, clock.breaches,
                         urgency(clock.due_at, end, due_soon_limit(calendar, end)),
                         calendar.working_days_between(end, clock.due_at))

    def _diagram(self, uow: UnitOfWork, inst: Loaded, clocks: list[SlaStatus]) -> Diagram:
        history = [(h.element_id, h.state) for h in uow.instances.history(inst.id)]
        states = element_states(inst.live, history)
        # A step with an open incident (a failed script, nobody to assign it to) is marked failed too.
        failed = states.failed | {i.element_id for i in uow.instances.incidents(inst.id, open_only=True)
                                  if i.element_id}
        step_sla = {c.element_id: c for c in clocks}          # oldest first: a step's latest clock wins
        return Diagram(uow.cases.bpmn_xml(inst.version.id), tuple(sorted(states.completed)),
                       tuple(sorted(states.active)), tuple(sorted(failed)), step_sla,
                       self._element_names(uow, inst.version.id))

    def _summary(self, uow: UnitOfWork, actor: Actor, inst: Loaded, access: str,
                 clocks: list[SlaStatus]) -> CaseSummary:
        record = inst.record
        starter = uow.org.usernames({record.started_by}).get(record.started_by) if record.started_by else None
        status_word = inst.live.data().get("status")
        case_clocks = [c for c in clocks if c.scope == "process"]
        return CaseSummary(
            id=record.id, definition_key=inst.version.key, definition_version=inst.version.version,
            name=inst.version.name, business_key=record.business_key, status=record.status,
            case_status=status_word if isinstance(status_word, str) else None, started_by=starter,
            started_by_name=uow.cases.full_names({starter}).get(starter) if starter else None,
            started_at=record.started_at, ended_at=record.ended_at,
            current_steps=tuple(uow.work_items.for_instance(record.id)),
            case_deadline=case_clocks[-1] if case_clocks else None,
            open_incidents=len(uow.instances.incidents(record.id, open_only=True)), access=access)
