"""Catalog service: the processes a person may start, with their start forms ("Mulai Layanan").

A process is listed in its latest version when the person holds one of its ``lintas:starters``
roles today (or it names none), in the person's own pemda. Processes that only start by a message
or a timer, and have no start form, are left out: nobody starts them by hand.
"""

from __future__ import annotations

import re
from typing import Any

from engine.bpmn.diagram import process_documentation
from engine.domain.cases import StartableProcess
from engine.domain.lru import Lru
from engine.domain.org import Actor
from engine.domain.process import Catalogue
from engine.domain.roles import resolve, role_names
from engine.domain.views import DefinitionVersion
from engine.persistence.uow import UnitOfWork
from engine.services.context import ServiceContext, local_day, resolve_actor

MAX_DESCRIPTION = 600


def first_paragraph(markdown: str | None) -> str | None:
    """The first prose paragraph of a README: headings, lists, tables, code and quotes skipped."""
    if not markdown:
        return None
    for block in re.split(r"\n\s*\n", markdown):
        lines = [line.strip() for line in block.strip().splitlines()]
        if not lines or lines[0].startswith(("#", "-", "*", "|", "```", ">", "<")) or re.match(r"\d+\.", lines[0]):
            continue
        text = " ".join(lines)
        return text if len(text) <= MAX_DESCRIPTION else text[: MAX_DESCRIPTION - 1].rstrip() + "…"
    return None


class CatalogService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx
        self._descriptions: Lru[int, str | None] = Lru(256)     # versions never change

    def startable(self, as_user: str) -> list[StartableProcess]:
        with self.ctx.uow(write=False) as uow:
            actor = resolve_actor(uow, as_user, self.ctx.now())
            latest: dict[str, DefinitionVersion] = {}
            for version in uow.definitions.versions(actor.tenant_id):     # ordered by key, version
                latest[version.key] = version
            out = []
            for version in latest.values():
                _, catalogue, forms = self._routing(uow, version.id)
                if not self._by_hand(catalogue) or not self._may_start(uow, actor, catalogue.starters):
                    continue
                form = catalogue.start_form
                out.append(StartableProcess(
                    key=version.key, name=version.name, version=version.version, version_id=version.id,
                    description=self._description(uow, version, catalogue),
                    start_form_id=form, start_form_schema=forms.get(form) if form else None))
            return sorted(out, key=lambda p: p.name.casefold())

    def _routing(self, uow: UnitOfWork, version_id: int) -> tuple[DefinitionVersion, Catalogue, dict[str, Any]]:
        return self.ctx.versions.get_or_make(version_id, lambda: uow.definitions.routing(version_id))

    def _description(self, uow: UnitOfWork, version: DefinitionVersion, catalogue: Catalogue) -> str | None:
        return self._descriptions.get_or_make(version.id, lambda: self._describe(uow, version, catalogue))

    @staticmethod
    def _by_hand(catalogue: Catalogue) -> bool:
        return bool(catalogue.start_form) or not (catalogue.message_starts or catalogue.timer_starts)

    def _may_start(self, uow: UnitOfWork, actor: Actor, starters: tuple[str, ...]) -> bool:
        if not starters:
            return True
        tenant = uow.org.tenant(actor.tenant_id)
        roles = uow.org.roles(tenant.id, role_names(starters))
        return actor.holds_any(set(resolve(starters, roles, local_day(tenant, self.ctx.now())).role_ids))

    @staticmethod
    def _describe(uow: UnitOfWork, version: DefinitionVersion, catalogue: Catalogue) -> str | None:
        readme = first_paragraph(uow.cases.readme(version.id))
        if readme:
            return readme
        text = process_documentation(uow.cases.bpmn_xml(version.id), catalogue.process_id)
        return first_paragraph(text)
