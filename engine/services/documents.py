"""Document service: officials sign their tasks' documents; people list, fetch and verify documents.

Signing is a way of completing a signing task (``lintas:sign``): it checks the task like any
completion, unlocks the official's key with the passphrase typed now (never stored, never logged),
signs the planned field, stores the new revision, and completes the task, all in one transaction.
A wrong passphrase is a field error that changes nothing. The public view (the target of the QR
code) shows only what the verification page needs, to anyone who has the unguessable link.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from engine.domain.documents import DocumentInfo, Revision
from engine.domain.errors import InvalidInput, NotFound, SigningRefused
from engine.domain.org import Actor
from engine.domain.views import WorkItem
from engine.persistence.uow import ConcurrentWrite, UnitOfWork
from engine.ports import Verified
from engine.services import loading
from engine.services.context import ServiceContext, conflict_on_concurrent_write, resolve_actor
from engine.services.document_render import engine_of, verify_url, with_document
from engine.services.document_signing import Signer, check_credential, sign_document
from engine.services.instances import ensure_involved
from engine.services.validation import check_data
from engine.services.work_items import _view, finish_task, open_for_completion


@dataclass(frozen=True)
class SignOutcome:
    document: DocumentInfo
    work_item: WorkItem


@dataclass(frozen=True)
class DocumentDetail:
    document: DocumentInfo
    revisions: tuple[Revision, ...]
    verify_url: str


@dataclass(frozen=True)
class PublicDocument:
    """What the public verification page shows for a document link."""

    public_id: str
    title: str
    number: str | None
    status: str
    issuer: str                      # tenant (pemda) name
    timezone: str
    signatures: tuple[Revision, ...]
    verification: Verified
    superseded: bool


class DocumentService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    # -- signing ------------------------------------------------------------------------------------
    def sign(self, item_id: int, *, as_user: str, passphrase: str, data: dict[str, Any] | None = None) -> SignOutcome:
        if not passphrase:
            raise InvalidInput("frasa sandi wajib diisi", "the passphrase is required")
        try:
            with self.ctx.uow() as uow:
                now = self.ctx.now()
                actor = resolve_actor(uow, as_user, now)
                state, inst, info = open_for_completion(self.ctx, uow, actor, item_id)
                if info is None or info.signing is None:
                    raise InvalidInput(f"tugas {item_id} bukan tugas paraf/tanda tangan",
                                       f"task {item_id} is not a signing task")
                spec = info.signing
                doc = uow.documents.by_key(inst.id, spec.document_key)
                if doc is None:
                    raise SigningRefused(f"dokumen '{spec.document_key}' belum dibuat untuk instans {inst.id}",
                                         f"document '{spec.document_key}' does not exist yet for instance {inst.id}")
                slot = doc.slot(spec.field)
                if slot is None:
                    raise SigningRefused(f"dokumen {doc.id} tidak punya kolom '{spec.field}'",
                                         f"document {doc.id} has no field '{spec.field}'")
                clean = check_data(self.ctx.forms, state.form_id, inst.forms, data,
                                   self.ctx.settings.max_task_data_bytes)
                record = check_credential(uow.credentials.active(actor.tenant_id, actor.user_id), actor.full_name,
                                          now)
                signed = sign_document(self.ctx, uow, inst.tenant, doc, slot,
                                       self._signer(uow, actor, state.id, spec.on_behalf_of), record, passphrase, now)
                values = {**clean, **with_document(inst.live.task_data(state.task_id), self.ctx, signed)}
                finish_task(self.ctx, uow, inst, state, actor, values, now, summary={
                    "document": signed.id, "field": slot.field, "signature": slot.kind,
                    "sha256": signed.current_sha256, **({"number": signed.number} if signed.number else {})})
                outcome = SignOutcome(signed, _view(uow, item_id))
                uow.commit()
                return outcome
        except ConcurrentWrite as exc:
            raise conflict_on_concurrent_write() from exc

    def _signer(self, uow: UnitOfWork, actor: Actor, item_id: int, on_behalf_of: str | None) -> Signer:
        held = actor.capacity_in(set(uow.work_items.candidate_role_ids(item_id)))
        role_path, capacity = held or ((actor.role_paths[0], "definitif") if actor.role_paths else ("", "definitif"))
        return Signer(actor.user_id, actor.full_name, role_path.rsplit("/", 1)[-1], actor.nip, capacity, on_behalf_of)

    # -- reading ------------------------------------------------------------------------------------
    def for_instance(self, instance_id: int, *, as_user: str | None = None) -> list[DocumentInfo]:
        with self.ctx.uow(write=False) as uow:
            self._may_read(uow, instance_id, as_user)
            return uow.documents.for_instance(instance_id)

    def detail(self, document_id: int, *, as_user: str | None = None) -> DocumentDetail:
        with self.ctx.uow(write=False) as uow:
            doc = self._document(uow, document_id, as_user)
            return DocumentDetail(doc, tuple(uow.documents.revisions(doc.id)), verify_url(self.ctx, doc.public_id))

    def content(self, document_id: int, *, as_user: str | None = None, seq: int | None = None) -> tuple[str, bytes]:
        """(file name, PDF bytes) of the current revision, or of revision ``seq``."""
        with self.ctx.uow(write=False) as uow:
            doc = self._document(uow, document_id, as_user)
            sha = doc.current_sha256
            if seq is not None:
                found = next((r for r in uow.documents.revisions(doc.id) if r.seq == seq), None)
                if found is None:
                    raise NotFound(f"revisi {seq} dokumen {doc.id} tidak ada",
                                   f"document {doc.id} has no revision {seq}")
                sha = found.sha256
            content = uow.documents.blob(sha)
            if content is None:
                raise NotFound(f"isi dokumen {doc.id} hilang", f"document {doc.id} content is missing")
            return f"{doc.key}-{doc.id}{'' if seq is None else f'-r{seq}'}.pdf", content

    def verify(self, document_id: int, *, as_user: str | None = None) -> Verified:
        _, content = self.content(document_id, as_user=as_user)
        return engine_of(self.ctx).verify(content)

    def verify_pdf(self, content: bytes) -> Verified:
        """Verify any PDF (an upload, a file on disk); never stores it."""
        if len(content) > self.ctx.settings.max_verify_bytes:
            raise InvalidInput(f"berkas terlalu besar (batas {self.ctx.settings.max_verify_bytes:,} byte)",
                               f"file too large (limit {self.ctx.settings.max_verify_bytes:,} bytes)")
        return engine_of(self.ctx).verify(content)

    def public(self, public_id: str) -> PublicDocument:
        with self.ctx.uow(write=False) as uow:
            doc = uow.documents.by_public_id(public_id)
            if doc is None:
                raise NotFound("dokumen tidak ditemukan", "document not found")
            content = uow.documents.blob(doc.current_sha256)
            tenant = uow.org.tenant(doc.tenant_id)
            signatures = tuple(r for r in uow.documents.revisions(doc.id) if r.kind != "rendered")
        report = engine_of(self.ctx).verify(content or b"")
        return PublicDocument(doc.public_id, doc.title, doc.number, doc.status, tenant.name, tenant.timezone,
                              signatures, report, doc.status == "superseded")

    def public_pdf(self, public_id: str) -> tuple[str, bytes]:
        """The current PDF behind a verification link (whoever holds the paper holds the link)."""
        with self.ctx.uow(write=False) as uow:
            doc = uow.documents.by_public_id(public_id)
            content = uow.documents.blob(doc.current_sha256) if doc else None
            if doc is None or content is None:
                raise NotFound("dokumen tidak ditemukan", "document not found")
            return f"{doc.key}-{doc.public_id}.pdf", content

    def pki_reply(self, method: str, path: str, body: bytes) -> tuple[int, str, bytes]:
        """The development PKI's endpoints (CRL, OCSP, TSA, CA certificates), for the web app's /pki."""
        reply = engine_of(self.ctx).pki_reply(method, path, body)
        if reply is None:
            raise NotFound("PKI pengembangan tidak dilayani di sini", "no development PKI is served here")
        return reply

    # -- rules --------------------------------------------------------------------------------------
    def _document(self, uow: UnitOfWork, document_id: int, as_user: str | None) -> DocumentInfo:
        doc = uow.documents.get(document_id)
        if doc is None:
            raise NotFound(f"dokumen {document_id} tidak ditemukan", f"document {document_id} not found")
        if doc.instance_id is not None:
            self._may_read(uow, doc.instance_id, as_user)
        return doc

    def _may_read(self, uow: UnitOfWork, instance_id: int, as_user: str | None) -> None:
        if as_user is None:       # the operator's CLI; people always come with a name
            if uow.instances.get(instance_id) is None:
                raise NotFound(f"instans {instance_id} tidak ditemukan", f"instance {instance_id} not found")
            return
        inst = loading.load(self.ctx, uow, instance_id, for_update=False)
        ensure_involved(uow, inst, resolve_actor(uow, as_user, self.ctx.now()))
