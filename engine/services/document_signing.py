"""Adds one signature to a stored document: number, signature, write-once revision, audit entry.

Used by officials' signing tasks and by the organisation seal. Everything happens inside the
caller's unit of work: the letter number is taken under a row lock, the signature is made, the new
revision stored; if anything fails (a wrong passphrase, a revoked certificate) the transaction
rolls back and the number goes back to the sequence, so numbers have no gaps and nothing is half
signed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from engine.domain.documents import DocumentInfo, NumberFormat, Slot, acting_label
from engine.domain.errors import NotFound, SigningRefused
from engine.domain.org import Tenant
from engine.persistence.document_repo import CredentialRecord
from engine.persistence.uow import UnitOfWork
from engine.ports import Credential, Signed, SignInput
from engine.services.context import ServiceContext, local_day
from engine.services.document_render import engine_of, signed_fields, verify_url


@dataclass(frozen=True)
class Signer:
    """Who signs and how they appear on the stamp."""

    user_id: int | None
    name: str
    role: str
    nip: str | None
    capacity: str | None
    on_behalf_of: str | None = None

    @property
    def role_label(self) -> str:
        return acting_label(self.role, self.capacity or "definitif", self.on_behalf_of)


def credential_of(record: CredentialRecord) -> Credential:
    return Credential(record.kind, record.certificate, record.pkcs12, record.config)


def check_credential(record: CredentialRecord | None, who: str, now: datetime) -> CredentialRecord:
    if record is None:
        raise SigningRefused(f"{who} belum memiliki sertifikat elektronik terdaftar",
                             f"{who} has no registered signing certificate")
    if record.not_after <= now:
        raise SigningRefused(f"sertifikat elektronik {who} kedaluwarsa sejak {record.not_after:%d-%m-%Y}",
                             f"{who}'s signing certificate expired on {record.not_after:%Y-%m-%d}")
    return record


def sign_document(ctx: ServiceContext, uow: UnitOfWork, tenant: Tenant, doc: DocumentInfo, slot: Slot,
                  signer: Signer, record: CredentialRecord, passphrase: str, now: datetime) -> DocumentInfo:
    done = signed_fields(uow, doc.id)
    if doc.status == "superseded":
        raise SigningRefused(f"dokumen {doc.id} sudah diganti versi yang lebih baru",
                             f"document {doc.id} was superseded by a newer draft")
    if slot.field in done:
        raise SigningRefused(f"kolom '{slot.field}' dokumen {doc.id} sudah ditandatangani",
                             f"field '{slot.field}' of document {doc.id} is already signed")
    missing = [s.field for s in doc.slots if s.kind == "paraf" and s.field not in done]
    if slot.kind != "paraf" and missing:
        raise SigningRefused(f"paraf belum lengkap: {', '.join(missing)}",
                             f"initials still missing: {', '.join(missing)}")
    number = _number(uow, tenant, doc, slot, now)
    pdf = uow.documents.blob(doc.current_sha256)
    if pdf is None:
        raise NotFound(f"isi dokumen {doc.id} hilang dari penyimpanan", f"document {doc.id} content is missing")
    signed: Signed = engine_of(ctx).sign(pdf, SignInput(
        field=slot.field, kind=slot.kind, signer_name=signer.name, role=signer.role, capacity=signer.capacity,
        on_behalf_of=signer.on_behalf_of, nip=signer.nip,
        timezone=tenant.timezone, verify_url=verify_url(ctx, doc.public_id), certify=not done, number=number,
    ), credential_of(record), passphrase)
    return uow.documents.add_revision(
        doc.id, signed.pdf, kind=slot.kind, field=slot.field, signer_user_id=signer.user_id, signer_name=signer.name,
        signer_role=signer.role_label, capacity=signer.capacity, certificate_serial=signed.serial, level=signed.level,
        number=number, status=doc.next_status(done | {slot.field}), now=now)


def _number(uow: UnitOfWork, tenant: Tenant, doc: DocumentInfo, slot: Slot, now: datetime) -> str | None:
    """A letter gets its number when its first signature (not a paraf) is made, if it has none yet."""
    if slot.kind == "paraf" or doc.number is not None:
        return None
    unit = _unit(uow, tenant, doc)
    day = local_day(tenant, now)
    fmt = NumberFormat.parse(tenant.letter_number_format)
    return fmt.render(sequence=uow.documents.next_number(tenant.id, unit, day.year),
                      classification=doc.classification, unit=unit, day=day)


def _unit(uow: UnitOfWork, tenant: Tenant, doc: DocumentInfo) -> str:
    if doc.opd_id is None:
        return tenant.code.upper()
    return next((o.code for o in uow.org.opds(tenant.id) if o.id == doc.opd_id), tenant.code.upper())


def seal_passphrase(ctx: ServiceContext, tenant: Tenant) -> str:
    """The seal's passphrase: from LINTAS_SEAL_PASSPHRASE, or the development PKI's file for the tenant."""
    if ctx.settings.seal_passphrase:
        return ctx.settings.seal_passphrase
    path = seal_passphrase_file(ctx.settings.pki_path, tenant.code)
    try:
        return path.read_text().strip()
    except OSError as exc:
        raise SigningRefused("frasa sandi segel organisasi belum dikonfigurasi (LINTAS_SEAL_PASSPHRASE)",
                             "the organisation seal's passphrase is not configured (LINTAS_SEAL_PASSPHRASE)") from exc


def seal_passphrase_file(pki_dir: Path, tenant_code: str) -> Path:
    return pki_dir / f"segel-{tenant_code}.passphrase"
