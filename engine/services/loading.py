"""Loads and creates live instances inside a unit of work, with their version, catalogue and chain."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from engine.bpmn.instance import LiveInstance
from engine.bpmn.state import serializer_version
from engine.domain.errors import Conflict, NotFound
from engine.domain.org import Tenant
from engine.domain.process import Catalogue
from engine.domain.views import DefinitionVersion, InstanceRecord
from engine.persistence.uow import UnitOfWork
from engine.services.calendars import tenant_calendar
from engine.services.context import ServiceContext
from engine.services.subscriptions import subscription_rows
from engine.services.trail import ChainHead


@dataclass
class Loaded:
    record: InstanceRecord
    version: DefinitionVersion
    catalogue: Catalogue
    forms: dict[str, Any]
    live: LiveInstance
    tenant: Tenant
    chain: ChainHead
    subscriptions: list[tuple[str, str | None, str | None]] = field(default_factory=list)   # as loaded
    timers: dict[str, datetime] = field(default_factory=dict)                                # as loaded
    firing_job: int | None = None      # the timer job being run now: the executor marks it done itself
    had_work: bool = False             # human tasks were ready when loaded (else the inbox needs no look)

    @property
    def id(self) -> int:
        return self.record.id


def load(ctx: ServiceContext, uow: UnitOfWork, instance_id: int, *, for_update: bool = True) -> Loaded:
    record = uow.instances.get(instance_id, for_update=for_update)
    if record is None:
        raise NotFound(f"instans {instance_id} tidak ditemukan", f"instance {instance_id} not found")
    version, catalogue, forms = _routing(ctx, uow, record.definition_version_id)
    specs = ctx.specs.get(version.id, lambda: uow.definitions.spec_json(version.id))
    if record.serializer_version != serializer_version(specs.dialect):
        raise Conflict(
            f"instans {instance_id} disimpan dengan format {record.serializer_version}; perlu migrasi",
            f"instance {instance_id} was saved in format {record.serializer_version}; it needs migrating",
        )
    tenant = uow.org.tenant(record.tenant_id)
    live = LiveInstance.load(specs, ctx.sandbox, tenant_clock(ctx, tenant), record.state_json,
                             tenant_calendar(ctx, uow, tenant))
    live.held = _held(catalogue)
    return Loaded(record, version, catalogue, forms, live, tenant,
                  ChainHead(record.id, record.audit_seq, record.audit_head),
                  subscription_rows(live.message_waits()), live.timer_waits(), had_work=bool(live.ready_work()))


def _routing(
    ctx: ServiceContext, uow: UnitOfWork, version_id: int
) -> tuple[DefinitionVersion, Catalogue, dict[str, Any]]:
    """Versions never change once stored, so their routing facts are cached for the whole process."""
    return ctx.versions.get_or_make(version_id, lambda: uow.definitions.routing(version_id))


def create(ctx: ServiceContext, uow: UnitOfWork, version: DefinitionVersion, *, started_by: int | None,
           business_key: str | None, data: dict[str, Any]) -> Loaded:
    _, catalogue, forms = _routing(ctx, uow, version.id)
    specs = ctx.specs.get(version.id, lambda: uow.definitions.spec_json(version.id))
    now = ctx.now()
    instance_id = uow.instances.create(tenant_id=version.tenant_id, version_id=version.id,
                                       business_key=business_key, started_by=started_by, now=now,
                                       serializer_version=serializer_version(specs.dialect))
    record = uow.instances.get(instance_id)
    assert record is not None
    tenant = uow.org.tenant(version.tenant_id)
    live = LiveInstance.create(specs, ctx.sandbox, tenant_clock(ctx, tenant), data, tenant_calendar(ctx, uow, tenant))
    live.held = _held(catalogue)
    return Loaded(record, version, catalogue, forms, live, tenant, ChainHead(instance_id, 0, None))


def _held(catalogue: Catalogue) -> frozenset[tuple[str, str]]:
    return frozenset(tuple(key.split(":", 1)) for key in catalogue.async_steps)  # type: ignore[misc]


def tenant_clock(ctx: ServiceContext, tenant: Tenant) -> Callable[[], datetime]:
    """Scripts see the pemda's wall clock (WIB/WITA/WIT), so today() is the local date."""
    zone = ZoneInfo(tenant.timezone)
    return lambda: ctx.now().astimezone(zone)
