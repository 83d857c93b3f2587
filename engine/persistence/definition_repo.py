"""Process definitions and their immutable, content-addressed versions."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from engine.domain.process import Catalogue
from engine.domain.views import DefinitionVersion
from engine.persistence.models import DefinitionRow, DefinitionVersionRow, MessageStartRow


@dataclass(frozen=True)
class VersionPayload:
    """The heavy columns of a version, loaded only when an instance needs them."""

    spec_json: str
    catalogue: Catalogue
    forms: dict[str, Any]
    bpmn_xml: str
    templates: dict[str, str]          # path under templates/ -> blob sha256


def _view(row: DefinitionVersionRow, definition: DefinitionRow) -> DefinitionVersion:
    return DefinitionVersion(
        id=row.id, definition_id=definition.id, tenant_id=definition.tenant_id, key=definition.key,
        version=row.version, content_hash=row.content_hash, process_id=row.process_id, name=row.name,
        dialect=row.dialect, deployed_at=row.deployed_at, deployed_by=row.deployed_by,
    )


class DefinitionRepository:
    def __init__(self, session: Session) -> None:
        self.s = session

    def definition_id(self, tenant_id: int, key: str, name: str, now: datetime) -> int:
        row = self.s.scalar(select(DefinitionRow).where(DefinitionRow.tenant_id == tenant_id,
                                                        DefinitionRow.key == key))
        if row is None:
            row = DefinitionRow(tenant_id=tenant_id, key=key, name=name, created_at=now)
            self.s.add(row)
            self.s.flush()
        else:
            row.name = name
        return row.id

    def find_by_hash(self, definition_id: int, content_hash: str) -> DefinitionVersion | None:
        found = self.s.execute(
            select(DefinitionVersionRow, DefinitionRow)
            .join(DefinitionRow, DefinitionRow.id == DefinitionVersionRow.definition_id)
            .where(DefinitionVersionRow.definition_id == definition_id,
                   DefinitionVersionRow.content_hash == content_hash)
        ).first()
        return _view(*found) if found else None

    def add_version(self, definition_id: int, *, content_hash: str, process_id: str, name: str, dialect: str,
                    bpmn_xml: str, spec_json: str, catalogue: Catalogue, forms: dict[str, Any],
                    readme: str | None, now: datetime, deployed_by: str | None,
                    templates: dict[str, str] | None = None) -> DefinitionVersion:
        number = (self.s.scalar(select(func.max(DefinitionVersionRow.version))
                                .where(DefinitionVersionRow.definition_id == definition_id)) or 0) + 1
        row = DefinitionVersionRow(
            definition_id=definition_id, version=number, content_hash=content_hash, process_id=process_id,
            name=name, dialect=dialect, bpmn_xml=bpmn_xml, spec_json=spec_json,
            catalogue_json=json.dumps(catalogue.as_dict(), ensure_ascii=False),
            forms_json=json.dumps(forms, ensure_ascii=False),
            templates_json=json.dumps(templates or {}, sort_keys=True), readme=readme, deployed_at=now,
            deployed_by=deployed_by,
        )
        self.s.add(row)
        self.s.flush()
        return _view(row, self.s.get_one(DefinitionRow, definition_id))

    def set_message_starts(self, tenant_id: int, definition_id: int, names: tuple[str, ...]) -> None:
        self.s.execute(delete(MessageStartRow).where(MessageStartRow.definition_id == definition_id))
        for name in names:
            self.s.add(MessageStartRow(tenant_id=tenant_id, message_name=name, definition_id=definition_id))

    def message_start_definitions(self, tenant_id: int, name: str) -> list[int]:
        return list(self.s.scalars(select(MessageStartRow.definition_id).where(
            MessageStartRow.tenant_id == tenant_id, MessageStartRow.message_name == name
        ).order_by(MessageStartRow.definition_id)))

    def latest(self, tenant_id: int, key: str) -> DefinitionVersion | None:
        found = self.s.execute(
            select(DefinitionVersionRow, DefinitionRow)
            .join(DefinitionRow, DefinitionRow.id == DefinitionVersionRow.definition_id)
            .where(DefinitionRow.tenant_id == tenant_id, DefinitionRow.key == key)
            .order_by(DefinitionVersionRow.version.desc()).limit(1)
        ).first()
        return _view(*found) if found else None

    def latest_for_definition(self, definition_id: int) -> DefinitionVersion | None:
        found = self.s.execute(
            select(DefinitionVersionRow, DefinitionRow)
            .join(DefinitionRow, DefinitionRow.id == DefinitionVersionRow.definition_id)
            .where(DefinitionRow.id == definition_id)
            .order_by(DefinitionVersionRow.version.desc()).limit(1)
        ).first()
        return _view(*found) if found else None

    def latest_by_process_id(self, tenant_id: int, process_id: str) -> DefinitionVersion | None:
        found = self.s.execute(
            select(DefinitionVersionRow, DefinitionRow)
            .join(DefinitionRow, DefinitionRow.id == DefinitionVersionRow.definition_id)
            .where(DefinitionRow.tenant_id == tenant_id, DefinitionVersionRow.process_id == process_id)
            .order_by(DefinitionVersionRow.deployed_at.desc(), DefinitionVersionRow.id.desc()).limit(1)
        ).first()
        return _view(*found) if found else None

    def version(self, version_id: int) -> DefinitionVersion:
        found = self.s.execute(
            select(DefinitionVersionRow, DefinitionRow)
            .join(DefinitionRow, DefinitionRow.id == DefinitionVersionRow.definition_id)
            .where(DefinitionVersionRow.id == version_id)
        ).one()
        return _view(*found)

    def payload(self, version_id: int) -> VersionPayload:
        row = self.s.get_one(DefinitionVersionRow, version_id)
        return VersionPayload(
            spec_json=row.spec_json,
            catalogue=Catalogue.from_dict(json.loads(row.catalogue_json)),
            forms=json.loads(row.forms_json),
            bpmn_xml=row.bpmn_xml,
            templates=json.loads(row.templates_json or "{}"),
        )

    def spec_json(self, version_id: int) -> str:
        return str(self.s.scalar(select(DefinitionVersionRow.spec_json).where(DefinitionVersionRow.id == version_id)))

    def routing(self, version_id: int) -> tuple[DefinitionVersion, Catalogue, dict[str, Any]]:
        """Version, catalogue and forms in one query (everything but the specs and the XML)."""
        row = self.s.execute(
            select(DefinitionVersionRow.catalogue_json, DefinitionVersionRow.forms_json)
            .where(DefinitionVersionRow.id == version_id)
        ).one()
        return self.version(version_id), Catalogue.from_dict(json.loads(row[0])), json.loads(row[1])

    def templates(self, version_id: int) -> dict[str, str]:
        raw = self.s.scalar(select(DefinitionVersionRow.templates_json).where(DefinitionVersionRow.id == version_id))
        return dict(json.loads(raw or "{}"))

    def catalogue(self, version_id: int) -> Catalogue:
        raw = self.s.scalar(select(DefinitionVersionRow.catalogue_json).where(DefinitionVersionRow.id == version_id))
        return Catalogue.from_dict(json.loads(raw or "{}"))

    def versions(self, tenant_id: int) -> list[DefinitionVersion]:
        rows = self.s.execute(
            select(DefinitionVersionRow, DefinitionRow)
            .join(DefinitionRow, DefinitionRow.id == DefinitionVersionRow.definition_id)
            .where(DefinitionRow.tenant_id == tenant_id)
            .order_by(DefinitionRow.key, DefinitionVersionRow.version)
        )
        return [_view(v, d) for v, d in rows]
