"""The development PKI: what it issues, what its OCSP responder, CRLs and TSA answer, and how."""

from __future__ import annotations

import asyncio
import base64
import hashlib
import stat
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from asn1crypto import tsp
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509 import ocsp

from signing.errors import PkiError
from signing.pki import DevPki, PkiService, Subject
from signing.pki.certs import DOCUMENT_SIGNING
from signing.pki.responders import TimeStampRefusal
from tests.integration.signing.pki_helpers import BASE_URL, ORGANIZATION, SigningPki


def ocsp_request(cert: x509.Certificate, issuer: x509.Certificate, nonce: bytes | None = None) -> bytes:
    builder = ocsp.OCSPRequestBuilder().add_certificate(cert, issuer, hashes.SHA1())
    if nonce:
        builder = builder.add_extension(x509.OCSPNonce(nonce), critical=False)
    return builder.build().public_bytes(serialization.Encoding.DER)


def test_folder_is_marked_dev_keeps_keys_private_and_refuses_a_second_init(test_pki: SigningPki) -> None:
    folder = test_pki.pki.directory
    assert "JANGAN DIGUNAKAN UNTUK PRODUKSI" in (folder / "README.txt").read_text()
    for key in folder.glob("*.key.pem"):
        assert stat.S_IMODE(key.stat().st_mode) == 0o600, key
    root_cn = test_pki.pki.root.certificate.subject.get_attributes_for_oid(x509.NameOID.COMMON_NAME)[0].value
    assert "DEV" in root_cn
    assert "NOT LEGALLY VALID" in test_pki.pki.root.certificate.subject.rfc4514_string()
    with pytest.raises(PkiError, match="sudah ada"):
        DevPki.create(folder, BASE_URL, ORGANIZATION)


def test_load_gives_the_same_pki_and_a_missing_folder_is_a_clear_error(test_pki: SigningPki, tmp_path: Path) -> None:
    again = DevPki.load(test_pki.pki.directory)
    assert again.root.certificate == test_pki.pki.root.certificate
    assert again.urls == test_pki.pki.urls
    with pytest.raises(PkiError, match="lintas pki init"):
        DevPki.load(tmp_path / "nothing")


def test_personal_certificate_profile_and_chain(test_pki: SigningPki) -> None:
    cert = test_pki.officials["kadis"].credential.certificate
    issuing, root = test_pki.pki.issuing.certificate, test_pki.pki.root.certificate
    cert.verify_directly_issued_by(issuing)
    issuing.verify_directly_issued_by(root)
    usage = cert.extensions.get_extension_for_class(x509.KeyUsage).value
    assert usage.digital_signature and usage.content_commitment and not usage.key_cert_sign
    assert DOCUMENT_SIGNING in cert.extensions.get_extension_for_class(x509.ExtendedKeyUsage).value
    assert cert.subject.get_attributes_for_oid(x509.NameOID.SERIAL_NUMBER)[0].value == "IDCID-3201010101800001"
    aia = cert.extensions.get_extension_for_class(x509.AuthorityInformationAccess).value
    assert {d.access_location.value for d in aia} == {f"{BASE_URL}/ocsp", f"{BASE_URL}/certs/issuing.crt"}


def test_pkcs12_opens_only_with_the_passphrase_and_a_short_one_is_refused(test_pki: SigningPki) -> None:
    official = test_pki.officials["kabid"]
    key, cert, _ = pkcs12.load_key_and_certificates(official.credential.pkcs12, official.passphrase.encode())
    assert cert == official.credential.certificate and key is not None
    with pytest.raises(ValueError):
        pkcs12.load_key_and_certificates(official.credential.pkcs12, b"salah-sekali")
    with pytest.raises(PkiError, match="minimal 8"):
        test_pki.pki.issue(official.subject, "pendek")


def test_ocsp_says_good_then_revoked_and_echoes_the_nonce(tmp_path: Path) -> None:
    pki = DevPki.create(tmp_path / "pki", BASE_URL, ORGANIZATION)
    cred = pki.issue(Subject("Andi", ORGANIZATION, username="andi"), "frasa-andi-123")
    service = PkiService(pki)
    request = ocsp_request(cred.certificate, pki.issuing.certificate, nonce=b"0123456789abcdef")
    good = ocsp.load_der_ocsp_response(service.handle("POST", "/ocsp", request).body)
    assert good.response_status == ocsp.OCSPResponseStatus.SUCCESSFUL
    assert good.certificate_status == ocsp.OCSPCertStatus.GOOD
    assert good.extensions.get_extension_for_class(x509.OCSPNonce).value.nonce == b"0123456789abcdef"
    responder = pki.ocsp_responder.certificate
    responder.public_key().verify(good.signature, good.tbs_response_bytes, padding.PKCS1v15(), hashes.SHA256())
    when = datetime.now(UTC) - timedelta(minutes=1)
    pki.revoke(cred.serial, reason="key_compromise", now=when)
    get_url = "/ocsp/" + base64.b64encode(request).decode()
    revoked = ocsp.load_der_ocsp_response(service.handle("GET", get_url).body)
    assert revoked.certificate_status == ocsp.OCSPCertStatus.REVOKED
    assert revoked.revocation_reason == x509.ReasonFlags.key_compromise
    assert abs(revoked.revocation_time_utc - when) < timedelta(seconds=1)


def test_ocsp_refuses_unknown_certificates_and_garbage(test_pki: SigningPki, tmp_path: Path) -> None:
    other = DevPki.create(tmp_path / "other", BASE_URL, ORGANIZATION)
    stranger = other.issue(Subject("Orang Lain", ORGANIZATION), "frasa-lain-123")
    answer = test_pki.service.handle("POST", "/ocsp", ocsp_request(stranger.certificate, other.issuing.certificate))
    assert ocsp.load_der_ocsp_response(answer.body).response_status == ocsp.OCSPResponseStatus.UNAUTHORIZED
    garbage = test_pki.service.handle("POST", "/ocsp", b"\x30\x03garbage")
    assert ocsp.load_der_ocsp_response(garbage.body).response_status == ocsp.OCSPResponseStatus.MALFORMED_REQUEST


def test_crl_lists_revoked_leaves_with_their_reason(tmp_path: Path) -> None:
    pki = DevPki.create(tmp_path / "pki", BASE_URL, ORGANIZATION)
    keep = pki.issue(Subject("Tetap", ORGANIZATION), "frasa-tetap-123")
    gone = pki.issue(Subject("Dicabut", ORGANIZATION), "frasa-cabut-123")
    pki.revoke(gone.serial, reason="superseded")
    reply = PkiService(pki).handle("GET", "/crl/issuing.crl")
    assert reply.content_type == "application/pkix-crl"
    crl = x509.load_der_x509_crl(reply.body)
    assert crl.is_signature_valid(pki.issuing.certificate.public_key())  # type: ignore[arg-type]
    entry = crl.get_revoked_certificate_by_serial_number(gone.serial)
    assert entry is not None
    assert entry.extensions.get_extension_for_class(x509.CRLReason).value.reason == x509.ReasonFlags.superseded
    assert crl.get_revoked_certificate_by_serial_number(keep.serial) is None
    root_crl = x509.load_der_x509_crl(PkiService(pki).handle("GET", "/crl/root.crl").body)
    assert root_crl.is_signature_valid(pki.root.certificate.public_key())  # type: ignore[arg-type]
    with pytest.raises(PkiError, match="tidak diterbitkan"):
        pki.revoke(12345)


def test_tsa_stamps_the_imprint_at_the_service_clock_and_rejects_weak_digests(test_pki: SigningPki) -> None:
    moment = datetime(2026, 3, 17, 2, 0, 5, tzinfo=UTC)
    service = PkiService(test_pki.pki, clock=lambda: moment)
    digest = hashlib.sha256(b"isi dokumen").digest()
    request = tsp.TimeStampReq({"version": 1, "message_imprint": {"hash_algorithm": {"algorithm": "sha256"},
                                                                   "hashed_message": digest},
                                "nonce": 4242, "cert_req": True})
    reply = service.handle("POST", "/tsa", request.dump())
    assert reply.content_type == "application/timestamp-reply"
    response = tsp.TimeStampResp.load(reply.body)
    assert response["status"]["status"].native == "granted"
    signed = response["time_stamp_token"]["content"]
    info = signed["encap_content_info"]["content"].parsed
    assert info["gen_time"].native == moment
    assert info["nonce"].native == 4242
    assert info["message_imprint"]["hashed_message"].native == digest
    assert len(signed["certificates"]) == 2
    weak = tsp.TimeStampReq({"version": 1, "message_imprint": {"hash_algorithm": {"algorithm": "md5"},
                                                                "hashed_message": hashlib.md5(b"x").digest()}})
    rejected = TimeStampRefusal.load(service.handle("POST", "/tsa", weak.dump()).body)
    assert rejected["status"]["status"].native == "rejection"


def test_service_routes_and_limits(test_pki: SigningPki) -> None:
    service = test_pki.service
    root = service.handle("GET", "/certs/root.crt")
    assert x509.load_der_x509_certificate(root.body) == test_pki.pki.root.certificate
    assert service.handle("GET", "/certs/nope.crt").status == 404
    assert service.handle("GET", "/tsa").status == 405
    assert service.handle("GET", "/../etc/passwd").status == 404
    assert service.handle("POST", "/tsa", b"x" * (64 * 1024 + 1)).status == 413


def test_session_answers_the_local_pki_in_process(test_pki: SigningPki) -> None:
    async def fetch() -> tuple[bytes, str]:
        async with test_pki.trust.session() as session, session.get(f"{BASE_URL}/crl/issuing.crl",
                                                                     raise_for_status=True) as response:
            return await response.read(), response.headers["Content-Type"]

    body, content_type = asyncio.run(fetch())   # BASE_URL points at a closed port: this never left the process
    assert content_type == "application/pkix-crl"
    assert x509.load_der_x509_crl(body).issuer == test_pki.pki.issuing.certificate.subject
    assert test_pki.trust.anchors[0].name == "Lintas DEV Root CA"
