"""Signing with a key generated inside a PKCS#11 token (SoftHSM2), certified by the test PKI."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import serialization

from signing.errors import SignerUnavailable, WrongPassphrase
from signing.pki import Subject
from signing.sign import SignatureKind, SignatureLevel, SigningRequest, sign_document
from signing.signers import Pkcs11Signer
from signing.stamp import StampContent
from tests.integration.signing.pki_helpers import ORGANIZATION, SigningPki, sample_pdf
from tests.integration.signing.sign_fixtures import VERIFY_URL, assert_poppler_valid, require_tool, validate

SOFTHSM_LIBRARY = "/usr/lib/softhsm/libsofthsm2.so"
TOKEN, PIN, SO_PIN = "lintas-uji", "87654321", "12345678"


@dataclass(frozen=True)
class Token:
    library: str
    signer_cert: x509.Certificate     # stored on the token next to key "ttd-kadis"
    seal_cert: x509.Certificate       # for key "segel", kept outside the token


@pytest.fixture(scope="module")
def token(test_pki: SigningPki, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Token]:
    softhsm = require_tool("softhsm2-util", "softhsm2")
    p11tool = require_tool("pkcs11-tool", "opensc")
    if not Path(SOFTHSM_LIBRARY).exists():
        pytest.fail(f"{SOFTHSM_LIBRARY} is missing: install the Debian package softhsm2 (CI installs it)")
    folder = tmp_path_factory.mktemp("softhsm")
    (folder / "tokens").mkdir()
    conf = folder / "softhsm2.conf"
    conf.write_text(f"directories.tokendir = {folder / 'tokens'}\nobjectstore.backend = file\nlog.level = ERROR\n")
    # SoftHSM reads its configuration when the module is first initialised in a process, so the
    # variable stays set for the rest of the session (python-pkcs11 keeps the module loaded).
    os.environ["SOFTHSM2_CONF"] = str(conf)
    run = [p11tool, "--module", SOFTHSM_LIBRARY, "--token-label", TOKEN, "--login", "--pin", PIN]
    subprocess.run([softhsm, "--init-token", "--free", "--label", TOKEN, "--so-pin", SO_PIN, "--pin", PIN],
                   check=True, capture_output=True)
    certs = {}
    for key_id, label, purpose in (("01", "ttd-kadis", "signer"), ("02", "segel", "seal")):
        subprocess.run([*run, "--keypairgen", "--key-type", "rsa:2048", "--label", label, "--id", key_id],
                       check=True, capture_output=True)
        public_der = folder / f"{label}.pub.der"
        subprocess.run([*run, "--read-object", "--type", "pubkey", "--label", label, "-o", str(public_der)],
                       check=True, capture_output=True)
        now = datetime.now(UTC)
        subject = Subject(f"{label} (token)", ORGANIZATION, unit="Dinas PUPR", title="Kepala Dinas",
                          nik="3201010101800009" if purpose == "signer" else "")
        certs[label] = test_pki.pki.certify(serialization.load_der_public_key(public_der.read_bytes()), subject,
                                            purpose=purpose, not_before=now - timedelta(minutes=5),
                                            not_after=now + timedelta(days=365))
    cert_der = folder / "ttd-kadis.crt.der"
    cert_der.write_bytes(certs["ttd-kadis"].public_bytes(serialization.Encoding.DER))
    subprocess.run([*run, "--write-object", str(cert_der), "--type", "cert", "--label", "ttd-kadis", "--id", "01"],
                   check=True, capture_output=True)
    yield Token(SOFTHSM_LIBRARY, certs["ttd-kadis"], certs["segel"])


def _request(field: str = "ttd_kadis", level: SignatureLevel = SignatureLevel.B_LTA,
             kind: SignatureKind = SignatureKind.SIGN) -> SigningRequest:
    return SigningRequest(field, StampContent("Ir. Budi Santoso, M.T.", role="Kepala Dinas PUPR",
                                              verify_url=VERIFY_URL), kind=kind, level=level)


def test_key_inside_the_token_signs_at_b_lta_with_the_certificate_read_from_the_token(
        test_pki: SigningPki, token: Token) -> None:
    backend = Pkcs11Signer(token.library, TOKEN, "ttd-kadis")
    assert backend.certificate is None
    signed = sign_document(sample_pdf(), _request(), backend, PIN, test_pki.trust)
    assert signed.level is SignatureLevel.B_LTA and signed.certified
    assert signed.signer.serial_number == token.signer_cert.serial_number
    assert validate(signed.pdf, test_pki.trust).signatures["ttd_kadis"].bottom_line
    assert_poppler_valid(signed.pdf, {"ttd_kadis"})


def test_organisation_seal_on_the_token_with_its_certificate_given(test_pki: SigningPki, token: Token) -> None:
    backend = Pkcs11Signer(token.library, TOKEN, "segel", certificate=token.seal_cert)
    signed = sign_document(sample_pdf(fields=(("segel", 0, (360, 40, 560, 110)),)),
                           _request("segel", SignatureLevel.B_T, SignatureKind.SEAL), backend, PIN, test_pki.trust)
    assert signed.signer.serial_number == token.seal_cert.serial_number and signed.kind is SignatureKind.SEAL
    assert validate(signed.pdf, test_pki.trust).signatures["segel"].bottom_line


def test_wrong_pin_is_a_wrong_passphrase(test_pki: SigningPki, token: Token) -> None:
    with pytest.raises(WrongPassphrase, match="frasa sandi"):
        sign_document(sample_pdf(), _request(), Pkcs11Signer(token.library, TOKEN, "ttd-kadis"), "11112222",
                      test_pki.trust)


@pytest.mark.parametrize(("library", "token_label", "key", "message"), [
    (SOFTHSM_LIBRARY, "tidak-terpasang", "ttd-kadis", "token 'tidak-terpasang' tidak ditemukan"),
    ("/tidak/ada/libpkcs11.so", TOKEN, "ttd-kadis", "pustaka PKCS#11 tidak dapat dimuat"),
    (SOFTHSM_LIBRARY, TOKEN, "kunci-lain", "kunci atau sertifikat 'kunci-lain' tidak ditemukan"),
])
def test_missing_library_token_or_key_is_unavailable(test_pki: SigningPki, token: Token, library: str,
                                                    token_label: str, key: str, message: str) -> None:
    with pytest.raises(SignerUnavailable, match=message):
        sign_document(sample_pdf(), _request(), Pkcs11Signer(library, token_label, key), PIN, test_pki.trust)
