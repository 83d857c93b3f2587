"""A key that never leaves a PKCS#11 token (smart card, HSM; SoftHSM2 in tests).

The passphrase is the token's user PIN. A wrong PIN is ``WrongPassphrase``; a missing library,
token or key, or a blocked PIN, is ``SignerUnavailable``. Each PKCS#11 library is loaded once
per process and kept: python-pkcs11 finalises the module when a ``lib`` object is collected,
which would end every other open session on it (pyHanko's ``open_pkcs11_session`` loads a fresh
one per call, so it is not used here).
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager

import pkcs11
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from pkcs11 import exceptions as p11_errors
from pyhanko.sign.pkcs11 import PKCS11Signer

from signing.errors import SignerUnavailable, WrongPassphrase
from signing.signers.base import KeyStoreSigner
from signing.trust import to_asn1

_WRONG_PIN = (p11_errors.PinIncorrect, p11_errors.PinInvalid, p11_errors.PinLenRange)


def find_token(library: str, token_label: str) -> pkcs11.Token:
    try:
        lib = pkcs11.lib(library)
    except (p11_errors.PKCS11Error, OSError) as exc:
        raise SignerUnavailable(f"pustaka PKCS#11 tidak dapat dimuat: {library}",
                                f"cannot load the PKCS#11 library: {library}") from exc
    try:
        return lib.get_token(token_label=token_label)
    except p11_errors.PKCS11Error as exc:    # NoSuchToken, MultipleTokensReturned, device errors
        raise SignerUnavailable(f"token '{token_label}' tidak ditemukan; pastikan token terpasang",
                                f"token '{token_label}' not found; make sure it is plugged in") from exc


class Pkcs11Signer(KeyStoreSigner):
    """Sign with the private key labelled ``key_label`` on the token labelled ``token_label``.

    The certificate is ``certificate`` when given, else the one labelled ``cert_label`` (by
    default ``key_label``) on the token. ``chain`` adds issuing CA certificates.
    """

    def __init__(self, library: str, token_label: str, key_label: str, *,
                 certificate: x509.Certificate | asn1_x509.Certificate | None = None, cert_label: str | None = None,
                 chain: Sequence[x509.Certificate | asn1_x509.Certificate] = ()) -> None:
        self.library, self.token_label, self.key_label = library, token_label, key_label
        self.cert_label = cert_label or key_label
        self._certificate = to_asn1(certificate) if certificate is not None else None
        self._chain = tuple(to_asn1(c) for c in chain)

    @property
    def identity(self) -> str:
        return f"PKCS#11 token {self.token_label!r}, key {self.key_label!r}"

    @property
    def certificate(self) -> asn1_x509.Certificate | None:
        return self._certificate

    @asynccontextmanager
    async def unlock(self, passphrase: str) -> AsyncIterator[PKCS11Signer]:
        session = await asyncio.to_thread(self._open, passphrase)
        try:
            signer = PKCS11Signer(session, key_label=self.key_label, cert_label=self.cert_label,
                                  signing_cert=self._certificate, ca_chain=self._chain)
            try:
                await signer.ensure_objects_loaded()
            except p11_errors.PKCS11Error as exc:
                raise SignerUnavailable(
                    f"kunci atau sertifikat '{self.key_label}' tidak ditemukan pada token '{self.token_label}'",
                    f"key or certificate '{self.key_label}' not found on token '{self.token_label}'") from exc
            yield signer
        finally:
            await asyncio.to_thread(session.close)

    def _open(self, passphrase: str) -> pkcs11.Session:
        token = find_token(self.library, self.token_label)
        try:
            return token.open(user_pin=passphrase)
        except _WRONG_PIN:
            raise WrongPassphrase("frasa sandi (PIN) salah", "wrong passphrase (PIN)") from None
        except p11_errors.PinLocked:
            raise SignerUnavailable(f"PIN token '{self.token_label}' terblokir",
                                    f"the PIN of token '{self.token_label}' is locked") from None
        except p11_errors.PKCS11Error as exc:
            raise SignerUnavailable(f"token '{self.token_label}' tidak dapat dibuka: {type(exc).__name__}",
                                    f"cannot open token '{self.token_label}': {type(exc).__name__}") from None
