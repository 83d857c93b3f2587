"""Output documents: write-once content-addressed blobs, documents and their revisions, letter-number
sequences, and the signing credentials of officials and of the organisation seal.

``blob`` and ``document_revision`` are append-only (database triggers created in the migration
refuse UPDATE and DELETE): a signed PDF is never overwritten, every revision stays retrievable by
its SHA-256. ``document`` is the mutable head: which revision is current, the number once assigned.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Index, Integer, LargeBinary, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from engine.persistence.models.base import Base
from engine.persistence.types import UtcDateTime


class BlobRow(Base):
    __tablename__ = "blob"

    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    size: Mapped[int] = mapped_column(Integer)
    content: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)


class DocumentRow(Base):
    __tablename__ = "document"
    __table_args__ = (
        Index("ix_document_instance_key", "instance_id", "doc_key"),
        Index("ix_document_tenant", "tenant_id", "id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    tenant_id: Mapped[int] = mapped_column(ForeignKey("tenant.id"))
    instance_id: Mapped[int | None] = mapped_column(ForeignKey("process_instance.id"))
    public_id: Mapped[str] = mapped_column(String(32), unique=True)   # unguessable id in the QR link
    doc_key: Mapped[str] = mapped_column(String(128))
    title: Mapped[str] = mapped_column(String(255))
    template: Mapped[str] = mapped_column(String(255))
    template_sha256: Mapped[str] = mapped_column(String(64))
    opd_id: Mapped[int | None] = mapped_column(ForeignKey("opd.id"))
    classification: Mapped[str | None] = mapped_column(String(64))
    number: Mapped[str | None] = mapped_column(String(128))
    status: Mapped[str] = mapped_column(String(16))          # draft | signing | signed | superseded
    current_sha256: Mapped[str] = mapped_column(ForeignKey("blob.sha256"))
    revisions: Mapped[int] = mapped_column(Integer)
    slots_json: Mapped[str] = mapped_column(Text)             # planned signature fields, in order
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime)
    version: Mapped[int] = mapped_column(Integer, default=1)
    __mapper_args__ = {"version_id_col": version}


class DocumentRevisionRow(Base):
    __tablename__ = "document_revision"
    __table_args__ = (UniqueConstraint("document_id", "seq", name="uq_document_revision_seq"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("document.id"))
    seq: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(ForeignKey("blob.sha256"))
    kind: Mapped[str] = mapped_column(String(16))            # rendered | paraf | sign | seal
    field_name: Mapped[str | None] = mapped_column(String(128))
    signer_user_id: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))
    signer_name: Mapped[str | None] = mapped_column(String(255))
    signer_role: Mapped[str | None] = mapped_column(String(255))
    capacity: Mapped[str | None] = mapped_column(String(16))   # definitif | plt | plh | pj
    certificate_serial: Mapped[str | None] = mapped_column(String(64))
    level: Mapped[str | None] = mapped_column(String(8))
    template_sha256: Mapped[str] = mapped_column(String(64))
    number: Mapped[str | None] = mapped_column(String(128))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)


class LetterSequenceRow(Base):
    """The last number given per tenant, unit and year; taken under a row lock when a letter is signed."""

    __tablename__ = "letter_sequence"

    tenant_id: Mapped[int] = mapped_column(ForeignKey("tenant.id"), primary_key=True)
    unit: Mapped[str] = mapped_column(String(64), primary_key=True)
    year: Mapped[int] = mapped_column(Integer, primary_key=True)
    last_value: Mapped[int] = mapped_column(Integer)


class SigningCredentialRow(Base):
    """How an official (or, with no user, the tenant's seal) signs: a PKCS#12, a token or a remote service.

    The PKCS#12 is stored encrypted under the holder's passphrase, which Lintas never stores.
    """

    __tablename__ = "signing_credential"
    __table_args__ = (Index("ix_credential_holder", "tenant_id", "user_id", "active"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    tenant_id: Mapped[int] = mapped_column(ForeignKey("tenant.id"))
    user_id: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))
    kind: Mapped[str] = mapped_column(String(16))             # pkcs12 | pkcs11 | remote
    certificate: Mapped[bytes] = mapped_column(LargeBinary)   # DER
    serial: Mapped[str] = mapped_column(String(64))
    subject: Mapped[str] = mapped_column(String(512))
    not_after: Mapped[datetime] = mapped_column(UtcDateTime)
    pkcs12: Mapped[bytes | None] = mapped_column(LargeBinary)
    config_json: Mapped[str] = mapped_column(Text, default="{}")
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
