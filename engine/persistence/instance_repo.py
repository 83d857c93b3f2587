"""Process instances: live state with an optimistic lock, plus their history and incidents."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session

from engine.domain.views import HistoryEntry, Incident, InstanceRecord
from engine.persistence.models import ElementHistoryRow, IncidentRow, InstanceRow


def _incident(row: IncidentRow) -> Incident:
    return Incident(row.id, row.instance_id, row.task_id, row.element_id, row.kind, row.message, row.created_at,
                    row.resolved_at, row.job_id)


class StaleState(Exception):
    """Someone saved the instance after we loaded it."""


def _record(row: InstanceRow) -> InstanceRecord:
    return InstanceRecord(
        id=row.id, tenant_id=row.tenant_id, definition_version_id=row.definition_version_id,
        business_key=row.business_key, status=row.status, started_by=row.started_by, started_at=row.started_at,
        updated_at=row.updated_at, ended_at=row.ended_at, state_json=row.state_json,
        serializer_version=row.serializer_version, lock_version=row.lock_version, audit_seq=row.audit_seq,
        audit_head=row.audit_head,
    )


class InstanceRepository:
    def __init__(self, session: Session) -> None:
        self.s = session

    def create(self, *, tenant_id: int, version_id: int, business_key: str | None, started_by: int | None,
               now: datetime, serializer_version: str) -> int:
        row = InstanceRow(
            tenant_id=tenant_id, definition_version_id=version_id, business_key=business_key, status="running",
            started_by=started_by, started_at=now, updated_at=now, state_json="{}",
            serializer_version=serializer_version, lock_version=0, steps=0, audit_seq=0,
        )
        self.s.add(row)
        self.s.flush()
        return row.id

    def get(self, instance_id: int, *, for_update: bool = False) -> InstanceRecord | None:
        query = select(InstanceRow).where(InstanceRow.id == instance_id)
        if for_update and self.s.get_bind().dialect.name == "postgresql":
            query = query.with_for_update()
        row = self.s.scalar(query.execution_options(populate_existing=True))
        return _record(row) if row else None

    def save(self, record: InstanceRecord, *, state_json: str, status: str, now: datetime,
             audit_seq: int, audit_head: str | None) -> int:
        """Write new live state only if nobody else did since ``record`` was read."""
        ended = now if status in ("completed", "cancelled") and record.ended_at is None else record.ended_at
        result = self.s.execute(
            update(InstanceRow)
            .where(InstanceRow.id == record.id, InstanceRow.lock_version == record.lock_version)
            .values(state_json=state_json, status=status, updated_at=now, ended_at=ended,
                    lock_version=record.lock_version + 1, steps=InstanceRow.steps + 1,
                    audit_seq=audit_seq, audit_head=audit_head)
            .execution_options(synchronize_session=False)
        )
        if result.rowcount != 1:  # type: ignore[attr-defined]
            raise StaleState(record.id)
        return record.lock_version + 1

    def set_chain(self, instance_id: int, seq: int, head: str | None) -> None:
        self.s.execute(update(InstanceRow).where(InstanceRow.id == instance_id)
                       .values(audit_seq=seq, audit_head=head).execution_options(synchronize_session=False))

    def list_for_tenant(self, tenant_id: int, status: str | None = None, limit: int = 100) -> list[InstanceRecord]:
        query = select(InstanceRow).where(InstanceRow.tenant_id == tenant_id)
        if status:
            query = query.where(InstanceRow.status == status)
        return [_record(r) for r in self.s.scalars(query.order_by(InstanceRow.id.desc()).limit(limit))]

    def by_business_key(self, tenant_id: int, business_key: str) -> list[InstanceRecord]:
        query = select(InstanceRow).where(InstanceRow.tenant_id == tenant_id, InstanceRow.business_key == business_key)
        return [_record(r) for r in self.s.scalars(query.order_by(InstanceRow.id))]

    # -- history --------------------------------------------------------------------------------------
    def add_history(self, instance_id: int, entries: list[tuple[str, str, str, str, str]], now: datetime) -> None:
        if not entries:
            return
        self.s.execute(
            insert(ElementHistoryRow),
            [
                {"instance_id": instance_id, "task_id": t, "process_id": p, "element_id": e,
                 "element_type": k, "state": st, "finished_at": now}
                for t, p, e, k, st in entries
            ],
        )

    def history(self, instance_id: int, limit: int | None = None) -> list[HistoryEntry]:
        query = (select(ElementHistoryRow).where(ElementHistoryRow.instance_id == instance_id)
                 .order_by(ElementHistoryRow.id))
        if limit:
            query = query.limit(limit)
        return [HistoryEntry(r.task_id, r.process_id, r.element_id, r.element_type, r.state, r.finished_at)
                for r in self.s.scalars(query)]

    # -- incidents ------------------------------------------------------------------------------------
    def open_incident_tasks(self, instance_id: int) -> set[str]:
        rows = self.s.scalars(select(IncidentRow.task_id).where(
            IncidentRow.instance_id == instance_id, IncidentRow.resolved_at.is_(None)))
        return {r for r in rows if r}

    def add_incident(self, *, tenant_id: int, instance_id: int | None, task_id: str | None, element_id: str | None,
                     kind: str, message: str, now: datetime, job_id: int | None = None) -> int:
        row = IncidentRow(tenant_id=tenant_id, instance_id=instance_id, task_id=task_id, element_id=element_id,
                          kind=kind, message=message, created_at=now, job_id=job_id)
        self.s.add(row)
        self.s.flush()
        return row.id

    def incidents(self, instance_id: int, open_only: bool = False) -> list[Incident]:
        query = select(IncidentRow).where(IncidentRow.instance_id == instance_id)
        if open_only:
            query = query.where(IncidentRow.resolved_at.is_(None))
        return [_incident(r) for r in self.s.scalars(query.order_by(IncidentRow.id))]

    def incidents_of_tenant(self, tenant_id: int, open_only: bool = True, limit: int = 500) -> list[Incident]:
        query = select(IncidentRow).where(IncidentRow.tenant_id == tenant_id)
        if open_only:
            query = query.where(IncidentRow.resolved_at.is_(None))
        return [_incident(r) for r in self.s.scalars(query.order_by(IncidentRow.id).limit(limit))]

    def incident(self, incident_id: int) -> tuple[int, Incident] | None:
        """(tenant id, incident)."""
        row = self.s.get(IncidentRow, incident_id)
        return (row.tenant_id, _incident(row)) if row else None

    def resolve_incident(self, incident_id: int, now: datetime) -> None:
        self.s.execute(update(IncidentRow).where(IncidentRow.id == incident_id, IncidentRow.resolved_at.is_(None))
                       .values(resolved_at=now).execution_options(synchronize_session=False))
