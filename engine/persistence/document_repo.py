"""Documents, their write-once revisions and blobs, letter-number sequences and signing credentials."""

from __future__ import annotations

import hashlib
import json
import secrets
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from engine.domain.documents import DocumentInfo, Revision, Slot
from engine.persistence.models import (
    BlobRow,
    DocumentRevisionRow,
    DocumentRow,
    LetterSequenceRow,
    SigningCredentialRow,
)


@dataclass(frozen=True)
class CredentialRecord:
    id: int
    tenant_id: int
    user_id: int | None
    kind: str
    certificate: bytes
    serial: str
    subject: str
    not_after: datetime
    pkcs12: bytes | None
    config: dict[str, Any]
    created_at: datetime


def _document(row: DocumentRow) -> DocumentInfo:
    return DocumentInfo(row.id, row.tenant_id, row.instance_id, row.public_id, row.doc_key, row.title, row.template,
                        row.template_sha256, row.opd_id, row.classification, row.number, row.status,
                        row.current_sha256, row.revisions, tuple(Slot.from_dict(s) for s in json.loads(row.slots_json)),
                        row.created_at, row.updated_at)


def _credential(row: SigningCredentialRow) -> CredentialRecord:
    return CredentialRecord(row.id, row.tenant_id, row.user_id, row.kind, row.certificate, row.serial, row.subject,
                            row.not_after, row.pkcs12, json.loads(row.config_json or "{}"), row.created_at)


class DocumentRepository:
    def __init__(self, session: Session) -> None:
        self.s = session

    # -- blobs (write-once, content-addressed) ----------------------------------------------------
    def put_blob(self, content: bytes, now: datetime) -> str:
        sha = hashlib.sha256(content).hexdigest()
        values = {"sha256": sha, "size": len(content), "content": content, "created_at": now}
        insert = pg_insert if self.s.get_bind().dialect.name == "postgresql" else sqlite_insert
        self.s.execute(insert(BlobRow).values(**values).on_conflict_do_nothing(index_elements=["sha256"]))
        return sha

    def blob(self, sha256: str) -> bytes | None:
        return self.s.scalar(select(BlobRow.content).where(BlobRow.sha256 == sha256))

    # -- documents --------------------------------------------------------------------------------
    @staticmethod
    def new_public_id() -> str:
        """An unguessable id for the public verification link (128 bits)."""
        return secrets.token_urlsafe(16)

    def create(self, *, public_id: str, tenant_id: int, instance_id: int | None, key: str, title: str,
               template: str, template_sha256: str, opd_id: int | None, classification: str | None,
               slots: tuple[Slot, ...], content: bytes, now: datetime) -> DocumentInfo:
        sha = self.put_blob(content, now)
        row = DocumentRow(tenant_id=tenant_id, instance_id=instance_id, public_id=public_id,
                          doc_key=key, title=title, template=template, template_sha256=template_sha256, opd_id=opd_id,
                          classification=classification, number=None, status="draft", current_sha256=sha,
                          revisions=1, slots_json=json.dumps([s.as_dict() for s in slots]), created_at=now,
                          updated_at=now)
        self.s.add(row)
        self.s.flush()
        self.s.add(DocumentRevisionRow(document_id=row.id, seq=1, sha256=sha, kind="rendered",
                                       template_sha256=template_sha256, created_at=now))
        self.s.flush()
        return _document(row)

    def add_revision(self, document_id: int, content: bytes, *, kind: str, field: str | None,
                     signer_user_id: int | None, signer_name: str | None, signer_role: str | None,
                     capacity: str | None, certificate_serial: str | None, level: str | None, number: str | None,
                     status: str, now: datetime) -> DocumentInfo:
        row = self.s.get_one(DocumentRow, document_id)
        sha = self.put_blob(content, now)
        row.revisions += 1
        self.s.add(DocumentRevisionRow(
            document_id=document_id, seq=row.revisions, sha256=sha, kind=kind, field_name=field,
            signer_user_id=signer_user_id, signer_name=signer_name, signer_role=signer_role, capacity=capacity,
            certificate_serial=certificate_serial, level=level, template_sha256=row.template_sha256, number=number,
            created_at=now))
        row.current_sha256, row.status, row.updated_at = sha, status, now
        if number is not None:
            row.number = number
        self.s.flush()
        return _document(row)

    def get(self, document_id: int, *, for_update: bool = False) -> DocumentInfo | None:
        query = select(DocumentRow).where(DocumentRow.id == document_id)
        if for_update and self.s.get_bind().dialect.name == "postgresql":
            query = query.with_for_update()
        row = self.s.scalar(query.execution_options(populate_existing=True))
        return _document(row) if row else None

    def by_public_id(self, public_id: str) -> DocumentInfo | None:
        row = self.s.scalar(select(DocumentRow).where(DocumentRow.public_id == public_id))
        return _document(row) if row else None

    def by_key(self, instance_id: int, key: str) -> DocumentInfo | None:
        """The instance's current document under ``key`` (the newest; older ones were superseded)."""
        row = self.s.scalar(select(DocumentRow).where(DocumentRow.instance_id == instance_id,
                                                      DocumentRow.doc_key == key)
                            .order_by(DocumentRow.id.desc()).limit(1))
        return _document(row) if row else None

    def supersede(self, document_id: int, now: datetime) -> None:
        row = self.s.get_one(DocumentRow, document_id)
        row.status, row.updated_at = "superseded", now
        self.s.flush()

    def for_instance(self, instance_id: int) -> list[DocumentInfo]:
        rows = self.s.scalars(select(DocumentRow).where(DocumentRow.instance_id == instance_id)
                              .order_by(DocumentRow.id))
        return [_document(r) for r in rows]

    def revisions(self, document_id: int) -> list[Revision]:
        rows = self.s.scalars(select(DocumentRevisionRow).where(DocumentRevisionRow.document_id == document_id)
                              .order_by(DocumentRevisionRow.seq))
        return [Revision(r.seq, r.sha256, r.kind, r.field_name, r.signer_name, r.signer_role, r.capacity,
                         r.certificate_serial, r.level, r.number, r.created_at) for r in rows]

    # -- letter numbers ---------------------------------------------------------------------------
    def next_number(self, tenant_id: int, unit: str, year: int) -> int:
        """The next number of ``unit`` in ``year``, under a row lock held until the transaction ends.

        The number is taken in the transaction that stores the signed letter: if signing fails, the
        rollback gives the number back, so the sequence has no gaps and, with the lock, no duplicates.
        """
        postgres = self.s.get_bind().dialect.name == "postgresql"
        key = (LetterSequenceRow.tenant_id == tenant_id, LetterSequenceRow.unit == unit, LetterSequenceRow.year == year)
        insert = pg_insert if postgres else sqlite_insert
        self.s.execute(insert(LetterSequenceRow).values(tenant_id=tenant_id, unit=unit, year=year, last_value=0)
                       .on_conflict_do_nothing(index_elements=["tenant_id", "unit", "year"]))
        query = select(LetterSequenceRow.last_value).where(*key)
        current = self.s.scalar(query.with_for_update() if postgres else query) or 0
        self.s.execute(update(LetterSequenceRow).where(*key).values(last_value=current + 1))
        return current + 1


class CredentialRepository:
    def __init__(self, session: Session) -> None:
        self.s = session

    def active(self, tenant_id: int, user_id: int | None) -> CredentialRecord | None:
        query = select(SigningCredentialRow).where(
            SigningCredentialRow.tenant_id == tenant_id, SigningCredentialRow.active.is_(True),
            SigningCredentialRow.user_id.is_(None) if user_id is None else SigningCredentialRow.user_id == user_id)
        row = self.s.scalar(query.order_by(SigningCredentialRow.id.desc()).limit(1))
        return _credential(row) if row else None

    def add(self, *, tenant_id: int, user_id: int | None, kind: str, certificate: bytes, serial: str, subject: str,
            not_after: datetime, pkcs12: bytes | None, config: dict[str, Any], now: datetime) -> CredentialRecord:
        """Register a credential; it replaces the holder's previous one (kept, inactive)."""
        self.s.execute(update(SigningCredentialRow).where(
            SigningCredentialRow.tenant_id == tenant_id,
            SigningCredentialRow.user_id.is_(None) if user_id is None else SigningCredentialRow.user_id == user_id)
            .values(active=False).execution_options(synchronize_session=False))
        row = SigningCredentialRow(tenant_id=tenant_id, user_id=user_id, kind=kind, certificate=certificate,
                                   serial=serial, subject=subject, not_after=not_after, pkcs12=pkcs12,
                                   config_json=json.dumps(config, sort_keys=True), active=True, created_at=now)
        self.s.add(row)
        self.s.flush()
        return _credential(row)

    def listing(self, tenant_id: int) -> list[CredentialRecord]:
        rows = self.s.scalars(select(SigningCredentialRow).where(SigningCredentialRow.tenant_id == tenant_id,
                                                                 SigningCredentialRow.active.is_(True))
                              .order_by(SigningCredentialRow.user_id, SigningCredentialRow.id))
        return [_credential(r) for r in rows]
