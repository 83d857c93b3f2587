"""Deploy service: compile a bundle, check it against the organisation and its forms, store a version.

A version is keyed by the content hash of everything that decides behaviour (BPMN, DMN, forms,
document templates);
deploying identical content again returns the existing version. Nothing is stored unless every
check passes.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from engine.bpmn.compiler import CompiledProcess, SourceFile
from engine.domain.errors import DeploymentRejected, Problem
from engine.domain.process import TaskInfo
from engine.domain.returns import problems as return_problems
from engine.domain.roles import resolve
from engine.domain.sla import breach_roles
from engine.domain.sla import problems as sla_problems
from engine.domain.views import DefinitionVersion, DeployResult
from engine.persistence.uow import ConcurrentWrite, UnitOfWork
from engine.services.bundles import Bundle, read_bundle
from engine.services.context import ServiceContext, conflict_on_concurrent_write, local_day, pick_tenant
from engine.services.document_checks import document_problems
from engine.services.timer_starts import schedule_timer_starts


class DeployService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    def deploy(self, path: str | Path, *, tenant: str | None = None,
               deployed_by: str | None = None) -> list[DeployResult]:
        bundle = read_bundle(path, self.ctx.settings.max_bpmn_bytes)
        return self.deploy_bundle(bundle, tenant=tenant, deployed_by=deployed_by)

    def deploy_bundle(self, bundle: Bundle, *, tenant: str | None = None,
                      deployed_by: str | None = None) -> list[DeployResult]:
        try:
            with self.ctx.uow() as uow:
                target = pick_tenant(uow, tenant, self.ctx.settings.default_tenant)
                compiled = self.ctx.compiler.compile(
                    bundle.bpmn, bundle.dmn, main=bundle.key,
                    resolve_external=lambda pid: self._deployed_xml(uow, target.id, pid),
                )
                if bundle.key is not None:
                    compiled = compiled[:1]
                forms, problems = self._forms(bundle)
                opd_codes = {opd.code for opd in uow.org.opds(target.id)}
                for process in compiled:
                    problems.extend(self._check_process(uow, target, process, forms))
                    problems.extend(document_problems(process.catalogue, bundle.templates, self.ctx.documents,
                                                      opd_codes))
                if problems:
                    raise DeploymentRejected("Deploy ditolak", "deployment refused", problems)
                results = [self._store(uow, target.id, bundle, p, forms, deployed_by) for p in compiled]
                uow.commit()
                return results
        except ConcurrentWrite as exc:
            raise conflict_on_concurrent_write() from exc

    def _deployed_xml(self, uow: UnitOfWork, tenant_id: int, process_id: str) -> SourceFile | None:
        version = uow.definitions.latest_by_process_id(tenant_id, process_id)
        if version is None:
            return None
        xml = uow.definitions.payload(version.id).bpmn_xml
        return SourceFile(f"{version.key}@v{version.version}.bpmn", xml.encode("utf-8"))

    def _forms(self, bundle: Bundle) -> tuple[dict[str, Any], list[Problem]]:
        forms: dict[str, Any] = {}
        problems: list[Problem] = []
        for form_id, data in bundle.forms.items():
            schema, form_problems = self.ctx.forms.check(form_id, data)
            for text in form_problems:
                problems.append(Problem(f"forms/{form_id}.json", text, text))
            if not form_problems:
                forms[form_id] = schema
        return forms, problems

    def _check_process(self, uow: UnitOfWork, tenant: Any, process: CompiledProcess,
                       forms: dict[str, Any]) -> list[Problem]:
        problems: list[Problem] = []
        roles = uow.org.roles(tenant.id)
        day = local_day(tenant, self.ctx.now())
        catalogue = process.catalogue
        for info in catalogue.tasks.values():
            where = f"{info.process_id} {info.element_id} ({info.name})"
            if info.form_id and info.form_id not in forms:
                problems.append(Problem(where, f"formulir '{info.form_id}' tidak ada di forms/",
                                        f"unknown form id '{info.form_id}' (not in forms/)"))
            if info.assignment.mode == "roles":
                for message_id, message_en in resolve(info.assignment.role_paths, roles, day).problems:
                    problems.append(Problem(where, message_id, message_en))
            if info.returns is not None:
                problems.extend(Problem(f"{where} lintas:return", message_id, message_en)
                                for message_id, message_en in _return_problems(info, forms))
        if catalogue.start_form and catalogue.start_form not in forms:
            problems.append(Problem(f"{process.process_id} startEvent",
                                    f"formulir awal '{catalogue.start_form}' tidak ada di forms/",
                                    f"unknown start form id '{catalogue.start_form}'"))
        for message_id, message_en in resolve(catalogue.starters, roles, day).problems:
            problems.append(Problem(f"{process.process_id} lintas:starters", message_id, message_en))
        deadlines = [(f"{t.process_id} {t.element_id} ({t.name})", t.sla) for t in catalogue.tasks.values()]
        deadlines += [(f"{p.process_id} {p.element_id} ({p.name})", p.sla) for p in catalogue.phases.values()]
        deadlines.append((f"{process.process_id} (proses)", catalogue.sla))
        for where, sla in deadlines:
            if sla is None:
                continue
            for message_id, message_en in sla_problems(sla):
                problems.append(Problem(f"{where} lintas:due", message_id, message_en))
            for message_id, message_en in resolve(breach_roles(sla), roles, day).problems:
                problems.append(Problem(f"{where} lintas:onBreach", message_id, message_en))
        return problems

    def _store(self, uow: UnitOfWork, tenant_id: int, bundle: Bundle, process: CompiledProcess,
               forms: dict[str, Any], deployed_by: str | None) -> DeployResult:
        key = bundle.key or process.process_id
        now = self.ctx.now()
        definition_id = uow.definitions.definition_id(tenant_id, key, process.name, now)
        content_hash = bundle.content_hash(process.process_id)
        existing = uow.definitions.find_by_hash(definition_id, content_hash)
        if existing is not None:
            return DeployResult(key, existing.version, existing.id, content_hash, created=False)
        templates = {name: uow.documents.put_blob(data, now) for name, data in bundle.templates.items()}
        version: DefinitionVersion = uow.definitions.add_version(
            definition_id, content_hash=content_hash, process_id=process.process_id, name=process.name,
            dialect=process.dialect, bpmn_xml=process.bpmn_xml, spec_json=process.spec_json,
            catalogue=process.catalogue, forms=forms, readme=bundle.readme, now=now, deployed_by=deployed_by,
            templates=templates,
        )
        uow.definitions.set_message_starts(tenant_id, definition_id, process.catalogue.message_starts)
        schedule_timer_starts(self.ctx, uow, tenant_id, definition_id, process.catalogue, now)
        return DeployResult(key, version.version, version.id, content_hash, created=True)

    def list_versions(self, tenant: str | None = None) -> list[DefinitionVersion]:
        with self.ctx.uow(write=False) as uow:
            target = pick_tenant(uow, tenant, self.ctx.settings.default_tenant)
            return uow.definitions.versions(target.id)


def _return_problems(info: TaskInfo, forms: dict[str, Any]) -> list[tuple[str, str]]:
    assert info.returns is not None
    if info.signing is not None or info.kind != "user":
        return [("hanya tugas pengguna biasa (bukan paraf/tanda tangan) yang dapat dikembalikan",
                 "only a plain user task (not a paraf/signing task) can be returned")]
    if info.form_id and info.form_id not in forms:
        return []           # the unknown form is reported once, above
    return return_problems(info.returns, forms.get(info.form_id) if info.form_id else None)
