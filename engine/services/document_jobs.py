"""What the step job does for document steps before they run: render, and seal where asked.

A sealed document (``lintas:seal="true"``, e.g. a receipt the system issues) gets the
organisation's seal right after rendering, with its letter number, in the same transaction.
"""

from __future__ import annotations

from engine.domain.process import Catalogue
from engine.persistence.uow import UnitOfWork
from engine.services.context import ServiceContext
from engine.services.document_render import render_step, with_document
from engine.services.document_signing import Signer, check_credential, seal_passphrase, sign_document
from engine.services.loading import Loaded
from engine.services.trail import append


def prepare_held_documents(ctx: ServiceContext, uow: UnitOfWork, inst: Loaded) -> None:
    for work in inst.live.held_ready():
        step = inst.catalogue.documents.get(Catalogue.task_key(work.process_id, work.element_id))
        if step is None:
            continue
        data = inst.live.task_data(work.task_id)
        doc = render_step(ctx, uow, inst, step, data, work.lane)
        seal = next((s for s in doc.slots if s.kind == "seal"), None)
        if step.seal and seal is not None:
            now = ctx.now()
            record = check_credential(uow.credentials.active(inst.tenant.id, None), "Segel organisasi", now)
            doc = sign_document(ctx, uow, inst.tenant, doc, seal,
                                Signer(None, inst.tenant.name, "Segel Elektronik", None, None), record,
                                seal_passphrase(ctx, inst.tenant), now)
            append(uow, inst.chain, now, None, "document_sealed", element_id=step.element_id,
                   summary={"document": doc.id, "sha256": doc.current_sha256,
                            **({"number": doc.number} if doc.number else {})})
        inst.live.update_task_data(work.task_id, with_document(data, ctx, doc))
