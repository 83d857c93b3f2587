"""What the development PKI answers: CRLs, OCSP responses (RFC 6960) and time stamps (RFC 3161).

Each responder is a plain function from request bytes to response bytes at a given moment, so the
same code serves HTTP on 127.0.0.1 and the in-process transport used when no server runs. Bad
requests get the protocol's own error answers (OCSP ``malformedRequest``, TSP ``rejection``),
never an exception that would take a server thread down.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta

from asn1crypto import algos, cms, core, tsp
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding
from cryptography.x509 import ocsp
from pyhanko.sign.general import as_signing_certificate_v2, simple_cms_attribute

from signing.pki.dev import DevPki

# A private-use policy OID for the DEV TSA (2.25 = UUID arc): it names no real policy on purpose.
DEV_TSA_POLICY = "2.25.241090284920345927061329101652541392651"
CRL_LIFETIME = timedelta(days=1)
OCSP_LIFETIME = timedelta(hours=1)
_REASONS = {
    "unspecified": x509.ReasonFlags.unspecified, "key_compromise": x509.ReasonFlags.key_compromise,
    "affiliation_changed": x509.ReasonFlags.affiliation_changed, "superseded": x509.ReasonFlags.superseded,
    "cessation_of_operation": x509.ReasonFlags.cessation_of_operation,
    "certificate_hold": x509.ReasonFlags.certificate_hold,
}
_TSA_DIGESTS = {"sha256", "sha384", "sha512"}


def crl(pki: DevPki, ca: str, now: datetime) -> bytes:
    """The current CRL of ``ca`` ("root": covers the issuing CA; "issuing": covers every leaf)."""
    pair = {"root": pki.root, "issuing": pki.issuing}[ca]
    builder = (x509.CertificateRevocationListBuilder().issuer_name(pair.certificate.subject)
               .last_update(now - timedelta(minutes=1)).next_update(now + CRL_LIFETIME)
               .add_extension(x509.CRLNumber(int(now.timestamp())), critical=False)
               .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(pair.key.public_key()),
                              critical=False))
    if ca == "issuing":
        for item in pki.revoked():
            assert item.revoked_at is not None
            revoked = (x509.RevokedCertificateBuilder().serial_number(item.serial).revocation_date(item.revoked_at)
                       .add_extension(x509.CRLReason(_REASONS[item.reason or "unspecified"]), critical=False)
                       .build())
            builder = builder.add_revoked_certificate(revoked)
    return builder.sign(pair.key, hashes.SHA256()).public_bytes(serialization.Encoding.DER)


def ocsp_response(pki: DevPki, request_der: bytes, now: datetime) -> bytes:
    """Answer an OCSP request for a certificate of the issuing CA, signed by the delegated responder."""
    try:
        request = ocsp.load_der_ocsp_request(request_der)
    except ValueError:
        return _ocsp_error(ocsp.OCSPResponseStatus.MALFORMED_REQUEST)
    issuing = pki.issuing.certificate
    algorithm = request.hash_algorithm
    expected_name_hash = _hash(algorithm, issuing.subject.public_bytes())
    spki = issuing.public_key().public_bytes(serialization.Encoding.DER,
                                             serialization.PublicFormat.SubjectPublicKeyInfo)
    expected_key_hash = _hash(algorithm, _subject_public_key_bits(spki))
    item = pki.issued(request.serial_number)
    if (request.issuer_name_hash, request.issuer_key_hash) != (expected_name_hash, expected_key_hash) or item is None:
        return _ocsp_error(ocsp.OCSPResponseStatus.UNAUTHORIZED)
    if item.revoked_at is not None and item.revoked_at <= now:
        reason = _REASONS[item.reason or "unspecified"]
        status, revoked_at = ocsp.OCSPCertStatus.REVOKED, item.revoked_at
    else:
        status, revoked_at, reason = ocsp.OCSPCertStatus.GOOD, None, None
    builder = (ocsp.OCSPResponseBuilder()
               .add_response(cert=item.certificate, issuer=issuing, algorithm=algorithm, cert_status=status,
                             this_update=now - timedelta(seconds=30), next_update=now + OCSP_LIFETIME,
                             revocation_time=revoked_at, revocation_reason=reason)
               .responder_id(ocsp.OCSPResponderEncoding.HASH, pki.ocsp_responder.certificate)
               .certificates([pki.ocsp_responder.certificate]))
    try:
        nonce = request.extensions.get_extension_for_class(x509.OCSPNonce)
        builder = builder.add_extension(nonce.value, critical=False)
    except x509.ExtensionNotFound:
        pass
    response = builder.sign(pki.ocsp_responder.key, hashes.SHA256())
    return response.public_bytes(serialization.Encoding.DER)


def timestamp_response(pki: DevPki, request_der: bytes, now: datetime) -> bytes:
    """An RFC 3161 time-stamp response for ``request_der`` with genTime ``now``."""
    try:
        request = tsp.TimeStampReq.load(request_der)
        imprint = request["message_imprint"]
        digest_name = imprint["hash_algorithm"]["algorithm"].native
        hashed = imprint["hashed_message"].native
    except (ValueError, TypeError, KeyError):
        return _tsp_rejection("bad_request", "permintaan cap waktu tidak dapat dibaca / unreadable request")
    if digest_name not in _TSA_DIGESTS or len(hashed) != hashlib.new(digest_name).digest_size:
        return _tsp_rejection("bad_alg", f"algoritma {digest_name} tidak didukung / unsupported algorithm")
    tst_info = tsp.TSTInfo({
        "version": "v1", "policy": DEV_TSA_POLICY, "message_imprint": imprint,
        "serial_number": int.from_bytes(secrets.token_bytes(16), "big"),
        "gen_time": now.replace(microsecond=0), "accuracy": {"seconds": 1},
        "tsa": asn1_x509.GeneralName(name="directory_name", value=_asn1_cert(pki.tsa.certificate).subject),
        **({"nonce": request["nonce"]} if request["nonce"].native is not None else {}),
    })
    token = _sign_tst_info(pki, tst_info.dump(), now, include_certs=bool(request["cert_req"].native))
    return tsp.TimeStampResp({"status": {"status": "granted"}, "time_stamp_token": token}).dump()


def _sign_tst_info(pki: DevPki, content: bytes, now: datetime, *, include_certs: bool) -> cms.ContentInfo:
    tsa_cert = _asn1_cert(pki.tsa.certificate)
    signed_attrs = cms.CMSAttributes([
        simple_cms_attribute("content_type", "tst_info"),
        simple_cms_attribute("signing_time", cms.Time({"utc_time": core.UTCTime(now.replace(microsecond=0))})),
        simple_cms_attribute("signing_certificate_v2", as_signing_certificate_v2(tsa_cert, "sha256")),
        simple_cms_attribute("message_digest", hashlib.sha256(content).digest()),
    ])
    signature = pki.tsa.key.sign(signed_attrs.dump(), padding.PKCS1v15(), hashes.SHA256())
    sha256 = algos.DigestAlgorithm({"algorithm": "sha256"})
    signer = cms.SignerInfo({
        "version": "v1",
        "sid": cms.SignerIdentifier({"issuer_and_serial_number": cms.IssuerAndSerialNumber(
            {"issuer": tsa_cert.issuer, "serial_number": tsa_cert.serial_number})}),
        "digest_algorithm": sha256,
        "signature_algorithm": algos.SignedDigestAlgorithm({"algorithm": "sha256_rsa"}),
        "signed_attrs": signed_attrs, "signature": signature,
    })
    certificates = [tsa_cert, _asn1_cert(pki.issuing.certificate)] if include_certs else []
    signed_data = cms.SignedData({
        "version": "v3", "digest_algorithms": [sha256],
        "encap_content_info": {"content_type": "tst_info", "content": cms.ParsableOctetString(content)},
        **({"certificates": certificates} if certificates else {}),
        "signer_infos": [signer],
    })
    return cms.ContentInfo({"content_type": "signed_data", "content": signed_data})


def _asn1_cert(cert: x509.Certificate) -> asn1_x509.Certificate:
    return asn1_x509.Certificate.load(cert.public_bytes(serialization.Encoding.DER))


def _subject_public_key_bits(spki_der: bytes) -> bytes:
    return bytes(asn1_x509.PublicKeyInfo.load(spki_der)["public_key"].contents[1:])


def _hash(algorithm: hashes.HashAlgorithm, data: bytes) -> bytes:
    digest = hashes.Hash(algorithm)
    digest.update(data)
    return digest.finalize()


def _ocsp_error(status: ocsp.OCSPResponseStatus) -> bytes:
    return ocsp.OCSPResponseBuilder.build_unsuccessful(status).public_bytes(serialization.Encoding.DER)


class TimeStampRefusal(core.Sequence):
    """TimeStampResp without a token (RFC 3161 makes it optional; asn1crypto's class requires it)."""

    _fields = [("status", tsp.PKIStatusInfo), ("time_stamp_token", cms.ContentInfo, {"optional": True})]


def _tsp_rejection(failure: str, text: str) -> bytes:
    return TimeStampRefusal({"status": {"status": "rejection", "status_string": [text],
                                        "fail_info": tsp.PKIFailureInfo({failure})}}).dump()
