"""One interface for every way a key can sign: a file, a token, a remote signing service.

``signing.sign`` hands a backend a ``SignatureJob`` and the passphrase typed for this one
signature. A backend whose key Lintas can use directly (PKCS#12, PKCS#11) unlocks it and calls
``job.sign_with(signer)`` with a pyHanko ``Signer``; a remote service sends ``job.document()``
away and returns what came back, after checking it. Either way the job admits the certificate
(valid now, not revoked, trusted) before anything is signed, and the passphrase goes no
further than the key store or the service: it is never stored, logged or put in an error.

Nothing here assumes a person: an organisation seal is a backend whose passphrase comes from
configuration.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from contextlib import AbstractAsyncContextManager
from dataclasses import dataclass
from typing import Protocol, runtime_checkable

from asn1crypto import x509 as asn1_x509
from pyhanko.sign.signers import Signer


@dataclass(frozen=True)
class RemoteAppearance:
    """What a remote service is asked to draw in the field: the stamp text and the QR target."""

    text: str
    qr_url: str
    kind: str


class SignatureJob(Protocol):
    """One signature to make, as ``signing.sign`` prepares it for a backend."""

    @property
    def field_name(self) -> str: ...

    @property
    def certify(self) -> bool: ...

    @property
    def appearance(self) -> RemoteAppearance: ...

    def document(self) -> bytes:
        """The PDF a remote service must sign: the input plus, when asked for, the prepared revision."""
        ...

    async def admit(self, certificate: asn1_x509.Certificate,
                    others: tuple[asn1_x509.Certificate, ...] = ()) -> None:
        """Refuse (``CertificateRefused``) a certificate that may not sign now."""
        ...

    async def sign_with(self, signer: Signer) -> bytes:
        """Sign with a local pyHanko signer; returns the signed PDF (B-B or B-T)."""
        ...


@runtime_checkable
class SignerBackend(Protocol):
    @property
    def identity(self) -> str:
        """What signs, for logs and the audit trail (never a secret)."""
        ...

    @property
    def certificate(self) -> asn1_x509.Certificate | None:
        """The signing certificate when known before unlocking (``None``: only inside the key store)."""
        ...

    @property
    def can_certify(self) -> bool:
        """Whether this backend can make a certification (DocMDP) signature."""
        ...

    async def sign(self, job: SignatureJob, passphrase: str) -> bytes:
        """Sign ``job``; raises ``WrongPassphrase``, ``SignerUnavailable`` or ``CertificateRefused``."""
        ...


class KeyStoreSigner(ABC):
    """A backend whose key Lintas uses directly: unlock, admit the certificate, sign, lock again."""

    can_certify = True

    @property
    @abstractmethod
    def identity(self) -> str: ...

    @property
    @abstractmethod
    def certificate(self) -> asn1_x509.Certificate | None: ...

    @abstractmethod
    def unlock(self, passphrase: str) -> AbstractAsyncContextManager[Signer]:
        """The pyHanko signer, usable inside the ``async with`` block only."""

    async def sign(self, job: SignatureJob, passphrase: str) -> bytes:
        async with self.unlock(passphrase) as signer:
            return await job.sign_with(signer)
