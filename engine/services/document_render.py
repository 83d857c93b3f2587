"""Renders the documents of an instance's ready document steps, inside the job that runs held steps.

A document step (``lintas:document``) is held like an asynchronous step, so the PDF is never made
inside a clerk's request: the step job renders it from the version's template with the task's
data, stores it write-once with every planned signature field, records it in the audit trail and
puts ``dokumen.<key>`` (id, verification code and link, status, number) into the task's data before
the step runs. A step reached again (a draft sent back for revision) renders a new document; the
earlier one is marked superseded and stays retrievable.
"""

from __future__ import annotations

from typing import Any

from engine.domain.documents import DocumentInfo, DocumentStep
from engine.domain.errors import InvalidInput, NotFound
from engine.persistence.uow import UnitOfWork
from engine.ports import DocumentEngine, Letterhead, RenderInput
from engine.services.context import ServiceContext
from engine.services.loading import Loaded
from engine.services.trail import append


def engine_of(ctx: ServiceContext) -> DocumentEngine:
    if ctx.documents is None:
        raise InvalidInput("modul dokumen tidak tersedia di instalasi ini", "documents are not available here")
    return ctx.documents


def verify_url(ctx: ServiceContext, public_id: str) -> str:
    return f"{ctx.settings.public_url}/v/{public_id}"


def document_data(ctx: ServiceContext, doc: DocumentInfo) -> dict[str, Any]:
    """What the process sees of a document under ``dokumen.<key>``."""
    return {"id": doc.id, "kode": doc.public_id, "judul": doc.title, "status": doc.status, "nomor": doc.number,
            "tautan": verify_url(ctx, doc.public_id)}


def with_document(data: dict[str, Any], ctx: ServiceContext, doc: DocumentInfo) -> dict[str, Any]:
    documents = dict(data.get("dokumen") or {})
    documents[doc.key] = document_data(ctx, doc)
    return {"dokumen": documents}


def render_step(ctx: ServiceContext, uow: UnitOfWork, inst: Loaded, step: DocumentStep, data: dict[str, Any],
                lane: str | None) -> DocumentInfo:
    now = ctx.now()
    opd = _letterhead_opd(uow, inst, step, lane)
    templates = _templates(uow, inst.version.id)
    public_id = uow.documents.new_public_id()
    rendered = engine_of(ctx).render(RenderInput(
        templates=templates, template=step.template, data=data,
        letterhead=Letterhead(inst.tenant.name, opd.name if opd else inst.tenant.name,
                              (opd.address if opd else None) or "", (opd.contact if opd else None) or ""),
        slots=step.slots, verify_url=verify_url(ctx, public_id), title=step.title, timezone=inst.tenant.timezone))
    previous = uow.documents.by_key(inst.id, step.key)
    if previous is not None and previous.status in ("draft", "signing"):
        # An unfinished draft the process came back past is replaced; a signed document stands.
        uow.documents.supersede(previous.id, now)
    else:
        previous = None
    doc = uow.documents.create(
        public_id=public_id, tenant_id=inst.tenant.id, instance_id=inst.id, key=step.key, title=step.title,
        template=step.template, template_sha256=rendered.template_sha256, opd_id=opd.id if opd else None,
        classification=step.classification, slots=step.slots, content=rendered.pdf, now=now)
    append(uow, inst.chain, now, None, "document_rendered", element_id=step.element_id,
           summary={"document": doc.id, "key": step.key, "sha256": doc.current_sha256, "pages": rendered.pages,
                    **({"superseded": previous.id} if previous else {})})
    return doc


def _templates(uow: UnitOfWork, version_id: int) -> dict[str, bytes]:
    out = {}
    for name, sha in uow.definitions.templates(version_id).items():
        content = uow.documents.blob(sha)
        if content is None:
            raise NotFound(f"templat {name} hilang dari penyimpanan", f"template {name} is missing from storage")
        out[name] = content
    return out


def _letterhead_opd(uow: UnitOfWork, inst: Loaded, step: DocumentStep, lane: str | None) -> Any:
    """The OPD whose kop surat heads the document: named on the step, else the OPD of the step's lane."""
    code = step.letterhead_opd or (lane.split("/", 1)[0].strip() if lane and "/" in lane else None)
    if code is None:
        return None
    return next((o for o in uow.org.opds(inst.tenant.id) if o.code == code), None)


def signed_fields(uow: UnitOfWork, document_id: int) -> set[str]:
    return {r.field for r in uow.documents.revisions(document_id) if r.field and r.kind != "rendered"}

