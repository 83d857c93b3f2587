"""Errors of the signing package.

Every message is carried in Bahasa Indonesia first and English second; ``str()`` reads
"<Indonesian> (<English>)" so logs, the CLI and the web layer show both. A signature that does
not verify is never an exception: ``signing.verify`` reports it. Exceptions are for things that
stop an operation (a template that cannot render, a wrong passphrase, a revoked certificate).
"""

from __future__ import annotations


class SigningError(Exception):
    """Base of every error raised by ``signing``."""

    def __init__(self, message_id: str, message_en: str) -> None:
        super().__init__(message_id, message_en)
        self.message_id = message_id
        self.message_en = message_en

    def __str__(self) -> str:
        return f"{self.message_id} ({self.message_en})"


class RenderError(SigningError):
    """A template is missing, does not compile, fails while rendering, or breaks the page rules."""


class PkiError(SigningError):
    """The PKI material is missing, unreadable or inconsistent."""


class WrongPassphrase(SigningError):
    """The passphrase (or PIN) does not unlock the signer's key. Nothing was signed."""


class CertificateRefused(SigningError):
    """The signer's certificate may not sign now: revoked, expired, not yet valid or untrusted."""


class SignerUnavailable(SigningError):
    """The signer (token, remote service) cannot be reached or answered something unusable."""


class DocumentRefused(SigningError):
    """The PDF cannot take this signature: no such field, field already signed, not a PDF, locked."""


class TemplateError(RenderError):
    """A designer's template is wrong: syntax, unknown variable, sandbox refusal, misplaced slot.

    ``template`` and ``line`` say where, when known, so the designer tools can point at it.
    """

    def __init__(self, message_id: str, message_en: str, template: str | None = None, line: int | None = None) -> None:
        super().__init__(message_id, message_en)
        self.template = template
        self.line = line
