"""The engine's ``CertificateAuthority`` over the development PKI of ``signing.pki``.

Only for development and demos: it issues DEV certificates whose PKCS#12 is encrypted under the
holder's passphrase, revokes them, and opens a PKCS#12 an official brings from a real CA to check
the passphrase and read its certificate before it is registered.
"""

from __future__ import annotations

from datetime import UTC, datetime

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.serialization import pkcs12

from engine.domain.errors import FieldError, InvalidInput, ValidationFailed
from engine.ports import CertificateSubject, IssuedCertificate
from engine.settings import Settings
from signing.errors import PkiError
from signing.pki import DevPki, Subject


class DevCertificateAuthority:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._loaded: DevPki | None = None

    def exists(self) -> bool:
        return DevPki.exists(self.settings.pki_path)

    def _pki(self) -> DevPki:
        # Loaded once: parsing the CA keys for every certificate made `pki init` for 30 officials slow.
        # Revocations live in the index file, which the PKI reads at each call, so caching is safe.
        if self._loaded is None:
            try:
                self._loaded = DevPki.load(self.settings.pki_path)
            except PkiError as exc:
                raise InvalidInput(exc.message_id, exc.message_en) from exc
        return self._loaded

    def create(self, base_url: str, organization: str) -> str:
        try:
            pki = self._loaded = DevPki.create(self.settings.pki_path, base_url, organization)
        except PkiError as exc:
            raise InvalidInput(exc.message_id, exc.message_en) from exc
        return str(pki.root.certificate.subject.rfc4514_string())

    def issue(self, subject: CertificateSubject, passphrase: str, purpose: str) -> IssuedCertificate:
        try:
            issued = self._pki().issue(Subject(subject.name, subject.organization, subject.unit, subject.title,
                                               subject.nik, subject.nip, subject.email, subject.username),
                                       passphrase, purpose=purpose)
        except PkiError as exc:
            raise InvalidInput(exc.message_id, exc.message_en) from exc
        cert = issued.certificate
        return IssuedCertificate(cert.public_bytes(serialization.Encoding.DER), issued.pkcs12,
                                 format(cert.serial_number, "x"), cert.subject.rfc4514_string(),
                                 cert.not_valid_after_utc.astimezone(UTC))

    def revoke(self, serial: str, reason: str) -> None:
        try:
            self._pki().revoke(int(serial, 16), reason=reason)
        except (PkiError, ValueError) as exc:
            message = exc.message_id if isinstance(exc, PkiError) else str(exc)
            raise InvalidInput(f"pencabutan gagal: {message}", f"revocation failed: {exc}") from exc

    def open_pkcs12(self, data: bytes, passphrase: str) -> tuple[bytes, str, str, datetime]:
        try:
            key, cert, _ = pkcs12.load_key_and_certificates(data, passphrase.encode())
        except ValueError as exc:
            raise ValidationFailed([FieldError("frasa_sandi", "passphrase", "frasa sandi salah atau berkas PKCS#12 "
                                               "rusak", "wrong passphrase or damaged PKCS#12 file")]) from exc
        if key is None or cert is None:
            raise InvalidInput("berkas PKCS#12 tidak berisi kunci dan sertifikat",
                               "the PKCS#12 file does not hold a key and a certificate")
        return (cert.public_bytes(serialization.Encoding.DER), format(cert.serial_number, "x"),
                cert.subject.rfc4514_string(), cert.not_valid_after_utc.astimezone(UTC))
