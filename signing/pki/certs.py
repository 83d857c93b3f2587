"""X.509 building blocks of the development PKI: names, keys and the certificate profiles.

Profiles follow what a national CA issues, simplified: a root and an issuing CA; personal signing
certificates (digitalSignature + nonRepudiation, document-signing EKU) naming the official, the
NIK and NIP; an organisation seal; a delegated OCSP responder (id-kp-OCSPSigning, ocsp-nocheck)
and a time-stamping unit (critical id-kp-timeStamping). Every leaf points at the CRL, the OCSP
responder and its issuer's certificate under the PKI's base URL, so any verifier can check it.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import AuthorityInformationAccessOID, ExtendedKeyUsageOID, NameOID, ObjectIdentifier

# id-kp-documentSigning (RFC 9336): what a certificate for signing documents should say.
DOCUMENT_SIGNING = ObjectIdentifier("1.3.6.1.5.5.7.3.36")
DEV_MARK = "DEV - TIDAK SAH / NOT LEGALLY VALID"

PrivateKey = rsa.RSAPrivateKey


def new_key(bits: int = 2048) -> PrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=bits)


@dataclass(frozen=True)
class Subject:
    """Who a certificate names. ``nik`` and ``nip`` are optional (a seal has neither)."""

    common_name: str
    organization: str
    unit: str = ""
    title: str = ""
    nik: str = ""
    nip: str = ""
    email: str = ""
    username: str = ""

    def name(self) -> x509.Name:
        attrs = [x509.NameAttribute(NameOID.COUNTRY_NAME, "ID"),
                 x509.NameAttribute(NameOID.ORGANIZATION_NAME, self.organization)]
        if self.unit:
            attrs.append(x509.NameAttribute(NameOID.ORGANIZATIONAL_UNIT_NAME, self.unit))
        if self.title:
            attrs.append(x509.NameAttribute(NameOID.TITLE, self.title))
        if self.nik:
            # ETSI EN 319 412-1 natural-person identifier: "IDC" (national identity card) + country.
            attrs.append(x509.NameAttribute(NameOID.SERIAL_NUMBER, f"IDCID-{self.nik}"))
        if self.username:
            attrs.append(x509.NameAttribute(NameOID.USER_ID, self.username))
        if self.email:
            attrs.append(x509.NameAttribute(NameOID.EMAIL_ADDRESS, self.email))
        attrs.append(x509.NameAttribute(NameOID.COMMON_NAME, self.common_name))
        return x509.Name(attrs)


@dataclass(frozen=True)
class Urls:
    """Where the PKI publishes: ``base`` is e.g. ``http://127.0.0.1:8080/pki``."""

    base: str

    def crl(self, ca: str) -> str:
        return f"{self.base}/crl/{ca}.crl"

    def cert(self, ca: str) -> str:
        return f"{self.base}/certs/{ca}.crt"

    @property
    def ocsp(self) -> str:
        return f"{self.base}/ocsp"

    @property
    def tsa(self) -> str:
        return f"{self.base}/tsa"


def _builder(subject: x509.Name, issuer: x509.Name, public_key: object, not_before: datetime,
             not_after: datetime) -> x509.CertificateBuilder:
    return (x509.CertificateBuilder().subject_name(subject).issuer_name(issuer)
            .public_key(public_key)  # type: ignore[arg-type]
            .serial_number(int.from_bytes(secrets.token_bytes(16), "big") >> 1)
            .not_valid_before(not_before).not_valid_after(not_after))


def _key_ids(builder: x509.CertificateBuilder, public_key: object, issuer_key: PrivateKey) -> x509.CertificateBuilder:
    return (builder.add_extension(x509.SubjectKeyIdentifier.from_public_key(public_key), critical=False)  # type: ignore[arg-type]
            .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(issuer_key.public_key()), critical=False))


def root_ca(key: PrivateKey, name: x509.Name, not_before: datetime, days: int) -> x509.Certificate:
    builder = _builder(name, name, key.public_key(), not_before, not_before + timedelta(days=days))
    builder = (builder.add_extension(x509.BasicConstraints(ca=True, path_length=1), critical=True)
               .add_extension(_ca_usage(), critical=True))
    return _key_ids(builder, key.public_key(), key).sign(key, hashes.SHA256())


def issuing_ca(key: PrivateKey, name: x509.Name, root: x509.Certificate, root_key: PrivateKey, urls: Urls,
               not_before: datetime, days: int) -> x509.Certificate:
    builder = _builder(name, root.subject, key.public_key(), not_before, not_before + timedelta(days=days))
    builder = (builder.add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
               .add_extension(_ca_usage(), critical=True)
               .add_extension(_crl_dp(urls.crl("root")), critical=False)
               .add_extension(x509.AuthorityInformationAccess([_ca_issuers(urls.cert("root"))]), critical=False))
    return _key_ids(builder, key.public_key(), root_key).sign(root_key, hashes.SHA256())


def leaf(key_public: object, subject: x509.Name, issuer: x509.Certificate, issuer_key: PrivateKey, urls: Urls,
         not_before: datetime, not_after: datetime, *, purpose: str) -> x509.Certificate:
    """A certificate issued by the issuing CA; ``purpose`` is signer, seal, ocsp or tsa."""
    builder = _builder(subject, issuer.subject, key_public, not_before, not_after)
    builder = builder.add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
    if purpose in ("signer", "seal"):
        builder = (builder.add_extension(_usage(digital_signature=True, content_commitment=True), critical=True)
                   .add_extension(x509.ExtendedKeyUsage([DOCUMENT_SIGNING, ExtendedKeyUsageOID.EMAIL_PROTECTION]),
                                  critical=False))
    elif purpose == "ocsp":
        builder = (builder.add_extension(_usage(digital_signature=True), critical=True)
                   .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.OCSP_SIGNING]), critical=False)
                   .add_extension(x509.OCSPNoCheck(), critical=False))
    elif purpose == "tsa":
        builder = (builder.add_extension(_usage(digital_signature=True, content_commitment=True), critical=True)
                   .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.TIME_STAMPING]), critical=True))
    else:
        raise ValueError(f"unknown certificate purpose {purpose!r}")
    if purpose != "ocsp":
        builder = (builder.add_extension(_crl_dp(urls.crl("issuing")), critical=False)
                   .add_extension(x509.AuthorityInformationAccess([
                       x509.AccessDescription(AuthorityInformationAccessOID.OCSP,
                                              x509.UniformResourceIdentifier(urls.ocsp)),
                       _ca_issuers(urls.cert("issuing"))]), critical=False))
    return _key_ids(builder, key_public, issuer_key).sign(issuer_key, hashes.SHA256())


def _usage(*, digital_signature: bool = False, content_commitment: bool = False) -> x509.KeyUsage:
    return x509.KeyUsage(digital_signature=digital_signature, content_commitment=content_commitment,
                         key_encipherment=False, data_encipherment=False, key_agreement=False,
                         key_cert_sign=False, crl_sign=False, encipher_only=False, decipher_only=False)


def _ca_usage() -> x509.KeyUsage:
    return x509.KeyUsage(digital_signature=True, content_commitment=False, key_encipherment=False,
                         data_encipherment=False, key_agreement=False, key_cert_sign=True, crl_sign=True,
                         encipher_only=False, decipher_only=False)


def _crl_dp(url: str) -> x509.CRLDistributionPoints:
    return x509.CRLDistributionPoints([x509.DistributionPoint(
        full_name=[x509.UniformResourceIdentifier(url)], relative_name=None, reasons=None, crl_issuer=None)])


def _ca_issuers(url: str) -> x509.AccessDescription:
    return x509.AccessDescription(AuthorityInformationAccessOID.CA_ISSUERS, x509.UniformResourceIdentifier(url))
