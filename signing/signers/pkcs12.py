"""A key in an encrypted PKCS#12 file, one per official (or per organisation seal).

The passphrase typed at signing opens the file for that one signature; the key lives in memory
only inside ``unlock``. A passphrase that does not open a well-formed file is ``WrongPassphrase``;
a file that is not PKCS#12 at all is ``SignerUnavailable`` (the passphrase was not the problem).
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from asn1crypto import keys
from asn1crypto import pkcs12 as asn1_pkcs12
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
from cryptography.hazmat.primitives.asymmetric.types import PrivateKeyTypes
from cryptography.hazmat.primitives.serialization import pkcs12
from pyhanko.sign.signers import SimpleSigner
from pyhanko_certvalidator.registry import CertificateStore, SimpleCertificateStore
from pyhanko_certvalidator.util import get_pyca_cryptography_hash

from signing.errors import SignerUnavailable, WrongPassphrase
from signing.signers.base import KeyStoreSigner
from signing.trust import to_asn1


class Pkcs12Signer(KeyStoreSigner):
    """``certificate`` is the holder's certificate as Lintas recorded it at enrolment, if it did.

    When given, it is checked before the file is opened and the file must hold exactly it.
    """

    def __init__(self, pkcs12_data: bytes, *, certificate: x509.Certificate | asn1_x509.Certificate | None = None,
                 label: str = "") -> None:
        self._data = bytes(pkcs12_data)
        self._certificate = to_asn1(certificate) if certificate is not None else None
        self._label = label

    @property
    def identity(self) -> str:
        holder = self._label or (self._certificate.subject.native.get("common_name", "") if self._certificate else "")
        return f"PKCS#12 {holder}".strip()

    @property
    def certificate(self) -> asn1_x509.Certificate | None:
        return self._certificate

    @asynccontextmanager
    async def unlock(self, passphrase: str) -> AsyncIterator[SimpleSigner]:
        try:
            asn1_pkcs12.Pfx.load(self._data).native  # noqa: B018 - parse fully: is this PKCS#12 at all?
        except (ValueError, TypeError) as exc:
            raise SignerUnavailable("berkas kunci (PKCS#12) rusak atau bukan PKCS#12",
                                    "the key file is damaged or not PKCS#12") from exc
        try:
            key, cert, chain = pkcs12.load_key_and_certificates(self._data, passphrase.encode())
        except ValueError:
            raise WrongPassphrase("frasa sandi salah", "wrong passphrase") from None
        if key is None or cert is None:
            raise SignerUnavailable("berkas PKCS#12 tidak berisi kunci dan sertifikat",
                                    "the PKCS#12 file holds no key and certificate")
        signing_cert = to_asn1(cert)
        if self._certificate is not None and signing_cert.sha256 != self._certificate.sha256:
            raise SignerUnavailable("berkas PKCS#12 berisi sertifikat lain daripada yang terdaftar",
                                    "the PKCS#12 file holds another certificate than the one registered")
        store = SimpleCertificateStore()
        store.register_multiple([to_asn1(c) for c in chain])
        yield UnlockedKeySigner(key, signing_cert=signing_cert, cert_registry=store)


class UnlockedKeySigner(SimpleSigner):
    """pyHanko's ``SimpleSigner`` holding the key object it was given.

    ``SimpleSigner`` parses (and cryptography re-validates) the RSA key from DER for every raw
    signature, the size-estimating dry run included: about 50 ms each, twice per PDF signature.
    RSA PKCS#1 v1.5 and ECDSA sign with the loaded key here; anything else goes to pyHanko.
    """

    def __init__(self, key: PrivateKeyTypes, *, signing_cert: asn1_x509.Certificate,
                 cert_registry: CertificateStore) -> None:
        key_info = keys.PrivateKeyInfo.load(key.private_bytes(
            serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()))
        super().__init__(signing_cert=signing_cert, signing_key=key_info, cert_registry=cert_registry)
        self._key = key

    async def async_sign_raw(self, data: bytes, digest_algorithm: str, dry_run: bool = False) -> bytes:
        if dry_run and isinstance(self._key, rsa.RSAPrivateKey):
            return bytes(self._key.key_size // 8)     # an RSA signature is exactly this long
        return self.sign_raw(data, digest_algorithm)

    def sign_raw(self, data: bytes, digest_algorithm: str) -> bytes:
        mechanism = self.get_signature_mechanism_for_digest(digest_algorithm).signature_algo
        digest = get_pyca_cryptography_hash(digest_algorithm)
        if mechanism == "rsassa_pkcs1v15" and isinstance(self._key, rsa.RSAPrivateKey):
            return self._key.sign(data, padding.PKCS1v15(), digest)
        if mechanism == "ecdsa" and isinstance(self._key, ec.EllipticCurvePrivateKey):
            return self._key.sign(data, ec.ECDSA(digest))
        return bytes(super().sign_raw(data, digest_algorithm))
