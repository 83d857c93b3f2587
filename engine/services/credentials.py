"""Signing credentials: who signs with what, and the development PKI that issues demo certificates.

A credential is a certificate plus how its key is reached: an encrypted PKCS#12 (stored, opened
only by the passphrase typed at each signing), a PKCS#11 token, or a remote signing service by
NIK. Each tenant also has an organisation seal for system-generated documents. ``init_dev_pki``
creates the DEV PKI, the tenants' seals and, for a demo, a certificate for every official.
"""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass, field
from typing import Any

from engine.domain.errors import FieldError, InvalidInput, NotFound, ValidationFailed
from engine.domain.org import Tenant
from engine.persistence.document_repo import CredentialRecord
from engine.persistence.uow import UnitOfWork
from engine.ports import CertificateAuthority, CertificateSubject, IssuedCertificate
from engine.services.context import ServiceContext, pick_tenant
from engine.services.document_signing import seal_passphrase_file

MIN_PASSPHRASE = 8
KINDS = ("pkcs12", "pkcs11", "remote")


@dataclass
class PkiInit:
    created: bool
    root: str = ""
    seals: list[str] = field(default_factory=list)            # tenant codes given a seal
    issued: list[tuple[str, str]] = field(default_factory=list)   # (username, name) given a certificate


class CredentialService:
    def __init__(self, ctx: ServiceContext, ca: CertificateAuthority | None) -> None:
        self.ctx, self._ca = ctx, ca

    @property
    def ca(self) -> CertificateAuthority:
        if self._ca is None:
            raise InvalidInput("PKI pengembangan tidak tersedia", "the development PKI is not available")
        return self._ca

    def init_dev_pki(self, *, demo_passphrase: str | None = None) -> PkiInit:
        """Create the DEV PKI if missing, a seal per tenant, and (demo) a certificate per official."""
        if demo_passphrase is not None:
            _check_passphrase(demo_passphrase)
        result = PkiInit(created=not self.ca.exists())
        with self.ctx.uow() as uow:
            tenants = uow.org.tenants()
            if not tenants:
                raise InvalidInput("belum ada organisasi; jalankan 'lintas org load FILE' dahulu",
                                   "no organisation loaded yet; run 'lintas org load FILE' first")
        if result.created:
            result.root = self.ca.create(f"{self.ctx.settings.public_url}/pki", tenants[0].name)
        with self.ctx.uow() as uow:
            for tenant in uow.org.tenants():
                if uow.credentials.active(tenant.id, None) is None:
                    self._new_seal(uow, tenant)
                    result.seals.append(tenant.code)
                if demo_passphrase is None:
                    continue
                for user in uow.org.users(tenant.id):
                    if user.active and user.memberships and uow.credentials.active(tenant.id, user.id) is None:
                        self._store(uow, tenant.id, user.id, "pkcs12", self.ca.issue(
                            _subject(tenant, user), demo_passphrase, "signer"), {})
                        result.issued.append((user.username, user.full_name))
            uow.commit()
        return result

    def issue(self, username: str, passphrase: str) -> CredentialRecord:
        """A new DEV certificate for one official (replaces their current credential)."""
        _check_passphrase(passphrase)
        with self.ctx.uow() as uow:
            user, tenant = self._user(uow, username)
            record = self._store(uow, tenant.id, user.id, "pkcs12",
                                 self.ca.issue(_subject(tenant, user), passphrase, "signer"), {})
            uow.commit()
            return record

    def register_pkcs12(self, username: str | None, data: bytes, passphrase: str, *,
                        tenant: str | None = None) -> CredentialRecord:
        """Register an official's own PKCS#12 (from a real CA), or with no username the tenant's seal.

        The passphrase only proves the file opens; it is not kept (the seal's comes from
        LINTAS_SEAL_PASSPHRASE at signing time).
        """
        certificate, serial, subject, not_after = self.ca.open_pkcs12(data, passphrase)
        with self.ctx.uow() as uow:
            if username is None:
                user_id, tenant_id = None, pick_tenant(uow, tenant, self.ctx.settings.default_tenant).id
            else:
                user, holder_tenant = self._user(uow, username)
                user_id, tenant_id = user.id, holder_tenant.id
            record = uow.credentials.add(tenant_id=tenant_id, user_id=user_id, kind="pkcs12", certificate=certificate,
                                         serial=serial, subject=subject, not_after=not_after, pkcs12=data, config={},
                                         now=self.ctx.now())
            uow.commit()
            return record

    def register_external(self, username: str, kind: str, certificate: bytes,
                          config: dict[str, Any]) -> CredentialRecord:
        """A token (pkcs11: library, token, key) or a remote signing service (remote: nik) for an official."""
        if kind not in ("pkcs11", "remote"):
            raise InvalidInput(f"jenis kredensial tidak dikenal: {kind}", f"unknown credential kind: {kind}")
        certificate, subject, serial, not_after = self._documents().certificate_summary(certificate)
        with self.ctx.uow() as uow:
            user, tenant = self._user(uow, username)
            record = uow.credentials.add(tenant_id=tenant.id, user_id=user.id, kind=kind, certificate=certificate,
                                         serial=serial, subject=subject, not_after=not_after, pkcs12=None,
                                         config=config, now=self.ctx.now())
            uow.commit()
            return record

    def revoke(self, username: str, reason: str = "unspecified") -> CredentialRecord:
        """Revoke an official's DEV certificate at the CA (signing with it is refused from now on)."""
        with self.ctx.uow(write=False) as uow:
            user, tenant = self._user(uow, username)
            record = uow.credentials.active(tenant.id, user.id)
        if record is None:
            raise NotFound(f"'{username}' tidak punya sertifikat aktif", f"'{username}' has no active certificate")
        self.ca.revoke(record.serial, reason)
        return record

    def listing(self, tenant: str | None = None) -> list[tuple[str | None, CredentialRecord]]:
        with self.ctx.uow(write=False) as uow:
            target = pick_tenant(uow, tenant, self.ctx.settings.default_tenant)
            records = uow.credentials.listing(target.id)
            names = uow.org.usernames({r.user_id for r in records if r.user_id is not None})
            return [(names.get(r.user_id) if r.user_id is not None else None, r) for r in records]

    # -- helpers ----------------------------------------------------------------------------------
    def _documents(self) -> Any:
        if self.ctx.documents is None:
            raise InvalidInput("modul dokumen tidak tersedia", "documents are not available")
        return self.ctx.documents

    def _new_seal(self, uow: UnitOfWork, tenant: Tenant) -> None:
        passphrase = self.ctx.settings.seal_passphrase
        if passphrase is None:
            passphrase = secrets.token_urlsafe(24)
            path = seal_passphrase_file(self.ctx.settings.pki_path, tenant.code)
            path.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            with os.fdopen(fd, "w") as out:
                out.write(passphrase)
        subject = CertificateSubject(f"Segel Elektronik {tenant.name}", tenant.name)
        self._store(uow, tenant.id, None, "pkcs12", self.ca.issue(subject, passphrase, "seal"), {})

    def _store(self, uow: UnitOfWork, tenant_id: int, user_id: int | None, kind: str, issued: IssuedCertificate,
               config: dict[str, Any]) -> CredentialRecord:
        return uow.credentials.add(tenant_id=tenant_id, user_id=user_id, kind=kind, certificate=issued.certificate,
                                   serial=issued.serial, subject=issued.subject, not_after=issued.not_after,
                                   pkcs12=issued.pkcs12, config=config, now=self.ctx.now())

    def _user(self, uow: UnitOfWork, username: str) -> tuple[Any, Tenant]:
        found = uow.org.identity(username)
        if found is None:
            raise NotFound(f"pengguna '{username}' tidak ditemukan", f"user '{username}' not found")
        user, tenant, _ = found
        return user, tenant


def _check_passphrase(passphrase: str) -> None:
    if len(passphrase) < MIN_PASSPHRASE:
        raise ValidationFailed([FieldError("frasa_sandi", "minLength", f"frasa sandi minimal {MIN_PASSPHRASE} karakter",
                                           f"the passphrase needs at least {MIN_PASSPHRASE} characters")])


def _subject(tenant: Tenant, user: Any) -> CertificateSubject:
    role = user.memberships[0].role_path if user.memberships else ""
    opd, _, title = role.partition("/")
    return CertificateSubject(user.full_name, tenant.name, opd, title, user.nip or "", "", user.email or "",
                              user.username)
