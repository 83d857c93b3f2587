"""Attachment service: clerks upload files to a case (or to a start form), and read them back.

The bytes go to the write-once, content-addressed ``blob`` table (identical files are stored once);
an ``attachment`` row records the case, the uploader, the cleaned name, the sniffed type and the
size. Limits: ``LINTAS_MAX_UPLOAD_BYTES`` (default 10 MiB) and the types ``engine.domain.attachments``
recognises from the content; a form field's ``contentMediaType`` narrows them further. The name's
extension and the browser's content type are never trusted.

Uploads for a start form are made before the instance exists (``instance_id=None``): only their
uploader sees them, and starting the instance with their tokens links them to it
(``InstanceService.start``). Uploads that never get an instance stay unlinked and invisible.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from engine.domain import attachments as files
from engine.domain.attachments import AttachmentRef
from engine.domain.cases import ACCESS_AUDITOR
from engine.domain.errors import Conflict, InvalidInput, NotFound, PermissionDenied
from engine.persistence.uow import ConcurrentWrite, UnitOfWork
from engine.services.access import instance_access, readable
from engine.services.context import ServiceContext, conflict_on_concurrent_write, resolve_actor
from engine.services.trail import append_saved

FINISHED = ("completed", "cancelled")
# Start-form uploads nobody links keep their bytes: a person gets this many a day, not unlimited storage.
MAX_PENDING_PER_DAY = 50


class AttachmentService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    def store(self, instance_id: int | None, *, as_user: str, filename: str | None, data: bytes,
              content_type: str | None = None, accept: str | None = None) -> AttachmentRef:
        """Keep an uploaded file for a case, or (``instance_id=None``) for the caller's start form.

        ``content_type`` is what the browser claimed; it is not used. ``accept`` is the form field's
        ``contentMediaType`` ("application/pdf, image/png"), to refuse a wrong type at upload time.
        """
        files.check_size(len(data), self.ctx.settings.max_upload_bytes)
        media_type = files.check_type(files.sniff(data), files.parse_accept(accept))
        name = files.clean_name(filename, media_type)
        try:
            with self.ctx.uow() as uow:
                now = self.ctx.now()
                actor = resolve_actor(uow, as_user, now)
                if instance_id is not None:
                    record, access = readable(uow, instance_id, actor)
                    if access == ACCESS_AUDITOR:
                        raise PermissionDenied("auditor hanya dapat membaca kasus ini, tidak menambah lampiran",
                                               "auditors may read this case but not attach files to it")
                    if record.status in FINISHED:
                        raise Conflict(f"instans {instance_id} sudah selesai; lampiran tidak dapat ditambahkan",
                                       f"instance {instance_id} has ended; no attachments can be added")
                elif uow.cases.unlinked_count(actor.user_id, now - timedelta(days=1)) >= MAX_PENDING_PER_DAY:
                    raise InvalidInput(f"terlalu banyak lampiran formulir yang belum dikirim "
                                       f"(batas {MAX_PENDING_PER_DAY} sehari); kirim formulirnya dahulu",
                                       f"too many uploads for unsent start forms (limit {MAX_PENDING_PER_DAY} a day); "
                                       "send the form first")
                sha = uow.documents.put_blob(data, now)
                stored = uow.cases.add_attachment(
                    tenant_id=actor.tenant_id, instance_id=instance_id, uploader_id=actor.user_id, name=name,
                    original_name=files.as_sent(filename), media_type=media_type, size=len(data), sha256=sha, now=now)
                if instance_id is not None:
                    note_added(uow, instance_id, stored.ref, actor.username, now)
                uow.commit()
                return stored.ref
        except ConcurrentWrite as exc:
            raise conflict_on_concurrent_write() from exc

    def listing(self, instance_id: int, *, as_user: str) -> list[AttachmentRef]:
        with self.ctx.uow(write=False) as uow:
            readable(uow, instance_id, resolve_actor(uow, as_user, self.ctx.now()))
            return uow.cases.attachments_of(instance_id)

    def pending(self, *, as_user: str) -> list[AttachmentRef]:
        """The caller's uploads not yet linked to an instance (a start form being filled)."""
        with self.ctx.uow(write=False) as uow:
            actor = resolve_actor(uow, as_user, self.ctx.now())
            return uow.cases.unlinked_of(actor.user_id)

    def resolve(self, tokens: list[str], instance_id: int | None, *, as_user: str) -> list[AttachmentRef]:
        """The attachments behind form values (to show their names), skipping what the caller may not see."""
        ids = [i for i in (files.parse_token(t) for t in tokens) if i is not None]
        with self.ctx.uow(write=False) as uow:
            actor = resolve_actor(uow, as_user, self.ctx.now())
            if instance_id is not None:
                readable(uow, instance_id, actor)
            return [r.ref for r in uow.cases.attachments(ids) if r.tenant_id == actor.tenant_id
                    and r.instance_id == instance_id
                    and (instance_id is not None or r.uploader_id == actor.user_id)]

    def get(self, attachment_id: int, *, as_user: str) -> AttachmentRef:
        with self.ctx.uow(write=False) as uow:
            return self._readable(uow, attachment_id, as_user)[0]

    def content(self, attachment_id: int, *, as_user: str) -> tuple[str, str, bytes]:
        """(name, media type, bytes) for people who may read the attachment's case."""
        with self.ctx.uow(write=False) as uow:
            ref, _ = self._readable(uow, attachment_id, as_user)
            data = uow.documents.blob(ref.sha256)
            if data is None:
                raise NotFound(f"isi lampiran {attachment_id} hilang", f"attachment {attachment_id} content is missing")
            return ref.name, ref.media_type, data

    def _readable(self, uow: UnitOfWork, attachment_id: int, as_user: str) -> tuple[AttachmentRef, int]:
        actor = resolve_actor(uow, as_user, self.ctx.now())
        found = uow.cases.attachments([attachment_id])
        missing = NotFound(f"lampiran {attachment_id} tidak ditemukan", f"attachment {attachment_id} not found")
        if not found or found[0].tenant_id != actor.tenant_id:
            raise missing
        record = found[0]
        if record.instance_id is None:
            if record.uploader_id != actor.user_id:      # someone's unsent start form: nobody else's business
                raise missing
            return record.ref, record.uploader_id
        instance = uow.instances.get(record.instance_id)
        if instance is None:
            raise missing
        instance_access(uow, instance, actor)
        return record.ref, record.uploader_id


def added_summary(ref: AttachmentRef) -> dict[str, object]:
    """The audit facts of a file joining a case (its digest binds the bytes to the trail)."""
    return {"attachment": ref.id, "name": ref.name, "media_type": ref.media_type, "size": ref.size,
            "sha256": ref.sha256}


def note_added(uow: UnitOfWork, instance_id: int, ref: AttachmentRef, username: str, now: datetime) -> None:
    append_saved(uow, instance_id, now, username, "attachment_added", summary=added_summary(ref))
