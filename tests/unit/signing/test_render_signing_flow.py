"""The fields work for the signing that follows: paraf first, then number and signature in one update.

A throw-away PKI made in the session (EC P-256, no network) signs the rendered letter the way the
signing half of Lintas (signing.sign, whose ``prepare`` hook takes ``fill_number``) does: the
Kepala Bidang initials into ``paraf_kabid``, certifying the document for form filling (DocMDP 2);
later the Kepala Dinas's update fills the number and signs ``ttd_kadis``. The paraf must stay intact (the later
update only fills fields) and the signature must cover the number.
"""

from __future__ import annotations

import io
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from asn1crypto import keys as asn1_keys
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from pyhanko.pdf_utils.font.opentype import GlyphAccumulatorFactory
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.pdf_utils.text import TextBoxStyle
from pyhanko.sign import signers
from pyhanko.sign.diff_analysis import ModificationLevel
from pyhanko.sign.fields import MDPPerm
from pyhanko.sign.general import SigningError as PyHankoSigningError
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.stamp import TextStampStyle
from pyhanko_certvalidator import ValidationContext
from pyhanko_certvalidator.registry import SimpleCertificateStore
from render_helpers import letter_request, pdf_tool

from signing.render import fill_number, render_document

FONT = Path(__file__).resolve().parents[3] / "signing" / "fonts" / "NotoSans-Regular.ttf"
NUMBER = "000.8.3.3/15/PUPR/2026"


def _name(common: str) -> x509.Name:
    return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common),
                      x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Pemerintah Kabupaten Contoh")])


def _certificate(subject: str, key: ec.EllipticCurvePrivateKey, issuer: str, issuer_key: ec.EllipticCurvePrivateKey,
                 ca: bool) -> x509.Certificate:
    now = datetime.now(tz=UTC)
    builder = (x509.CertificateBuilder().subject_name(_name(subject)).issuer_name(_name(issuer))
               .public_key(key.public_key()).serial_number(x509.random_serial_number())
               .not_valid_before(now - timedelta(days=1)).not_valid_after(now + timedelta(days=30))
               .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True))
    if ca:
        builder = builder.add_extension(x509.KeyUsage(False, False, False, False, False, True, True, False, False),
                                        critical=True)
    else:
        builder = builder.add_extension(x509.KeyUsage(True, True, False, False, False, False, False, False, False),
                                        critical=True)
    return builder.sign(issuer_key, hashes.SHA256())


def _asn1(cert: x509.Certificate) -> asn1_x509.Certificate:
    return asn1_x509.Certificate.load(cert.public_bytes(serialization.Encoding.DER))


@pytest.fixture(scope="module")
def pki() -> tuple[asn1_x509.Certificate, dict[str, signers.SimpleSigner]]:
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca = _certificate("Lintas Test CA", ca_key, "Lintas Test CA", ca_key, ca=True)
    made = {}
    for who in ("Kepala Bidang Bina Marga", "Kepala Dinas PUPR"):
        key = ec.generate_private_key(ec.SECP256R1())
        cert = _certificate(who, key, "Lintas Test CA", ca_key, ca=False)
        der_key = key.private_bytes(serialization.Encoding.DER, serialization.PrivateFormat.PKCS8,
                                    serialization.NoEncryption())
        made[who] = signers.SimpleSigner(
            signing_cert=_asn1(cert), signing_key=asn1_keys.PrivateKeyInfo.load(der_key),
            cert_registry=SimpleCertificateStore.from_certs([_asn1(ca)]))
    return _asn1(ca), made


def _sign(writer: IncrementalPdfFileWriter, field: str, signer: signers.SimpleSigner, certify: bool = False) -> bytes:
    # Visible stamps need an embedded font for PDF/A; pyHanko's default is Courier, not embedded.
    style = TextStampStyle(stamp_text="Ditandatangani secara elektronik oleh\n%(signer)s\n%(ts)s",
                           text_box_style=TextBoxStyle(font=GlyphAccumulatorFactory(str(FONT))))
    out = io.BytesIO()
    # The first signature certifies the document for form filling, as signing.sign does.
    meta = signers.PdfSignatureMetadata(field_name=field, certify=certify,
                                        docmdp_permissions=MDPPerm.FILL_FORMS)
    signers.PdfSigner(meta, signer=signer, stamp_style=style).sign_pdf(writer, output=out)
    return out.getvalue()


def test_paraf_then_number_and_signature_in_one_update(pki, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    ca, people = pki
    rendered = render_document(letter_request()).pdf
    after_paraf = _sign(IncrementalPdfFileWriter(io.BytesIO(rendered)), "paraf_kabid",
                        people["Kepala Bidang Bina Marga"], certify=True)
    writer = IncrementalPdfFileWriter(io.BytesIO(after_paraf))
    fill_number(writer, NUMBER)
    final = _sign(writer, "ttd_kadis", people["Kepala Dinas PUPR"])

    context = ValidationContext(trust_roots=[ca], allow_fetching=False)
    paraf, ttd = PdfFileReader(io.BytesIO(final)).embedded_signatures
    assert (paraf.field_name, ttd.field_name) == ("paraf_kabid", "ttd_kadis")
    paraf_status = validate_pdf_signature(paraf, context)
    ttd_status = validate_pdf_signature(ttd, context)
    assert paraf_status.intact and paraf_status.valid and paraf_status.trusted and paraf_status.docmdp_ok
    # Filling the number and a planned signature field is form filling, which the paraf allows.
    assert paraf_status.modification_level is not None
    assert paraf_status.modification_level <= ModificationLevel.FORM_FILLING
    assert ttd_status.intact and ttd_status.valid and ttd_status.coverage.name == "ENTIRE_FILE"

    # The number is in the revision the Kepala Dinas signed, and shows on the page.
    assert NUMBER.encode() not in after_paraf and NUMBER in pdf_tool("pdftotext", final, tmp=tmp_path)
    assert all(row.split()[-5] == "yes" for row in pdf_tool("pdffonts", final, tmp=tmp_path).splitlines()[2:])


def test_the_number_cannot_be_filled_after_the_signature_that_should_cover_it(pki) -> None:  # type: ignore[no-untyped-def]
    _, people = pki
    rendered = render_document(letter_request()).pdf
    signed = _sign(IncrementalPdfFileWriter(io.BytesIO(rendered)), "ttd_kadis", people["Kepala Dinas PUPR"])
    writer = IncrementalPdfFileWriter(io.BytesIO(signed))
    fill_number(writer, NUMBER)               # possible, but then no signature covers it ...
    with pytest.raises(PyHankoSigningError):  # ... and the signed field cannot be signed again
        _sign(writer, "ttd_kadis", people["Kepala Dinas PUPR"])
