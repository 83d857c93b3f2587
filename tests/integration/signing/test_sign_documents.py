"""Signing with a PKCS#12 per official: levels, certification, paraf then sign, fields, passphrases."""

from __future__ import annotations

import asyncio
import hashlib
import io
from datetime import UTC, datetime, timedelta

import pytest
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.diff_analysis import ModificationLevel
from pyhanko.sign.fields import MDPPerm
from pyhanko.sign.validation import DocumentSecurityStore, async_validate_pdf_signature

from signing.errors import DocumentRefused, SignerUnavailable, WrongPassphrase
from signing.sign import NewField, SignatureKind, SignatureLevel, TimeSource, sign_document
from signing.signers import Pkcs12Signer
from signing.stamp import StampContent
from signing.trust import to_asn1
from tests.integration.signing.pki_helpers import SigningPki, sample_pdf
from tests.integration.signing.sign_fixtures import (
    LETTER_NUMBER,
    VERIFY_URL,
    assert_poppler_valid,
    fill_letter_number,
    pkcs12_of,
    request_for,
    text_field_value,
    validate,
    with_text_field,
)


def test_paraf_then_signature_both_stay_valid(test_pki: SigningPki) -> None:
    kabid, kadis = test_pki.officials["kabid"], test_pki.officials["kadis"]
    pdf = sample_pdf()
    paraf = sign_document(pdf, request_for(kabid, "paraf_kabid", kind=SignatureKind.PARAF), pkcs12_of(kabid),
                          kabid.passphrase, test_pki.trust)
    signed = sign_document(paraf.pdf, request_for(kadis, "ttd_kadis"), pkcs12_of(kadis), kadis.passphrase,
                           test_pki.trust)

    assert paraf.certified and not signed.certified
    assert signed.pdf.startswith(paraf.pdf) and paraf.pdf.startswith(pdf)
    result = validate(signed.pdf, test_pki.trust)
    assert set(result.signatures) == {"paraf_kabid", "ttd_kadis"}
    first, second = result.signatures["paraf_kabid"], result.signatures["ttd_kadis"]
    assert first.bottom_line and second.bottom_line
    # The paraf certified the document with form filling allowed; the later signature only filled a field.
    assert first.docmdp_ok and first.modification_level == ModificationLevel.FORM_FILLING
    assert second.modification_level <= ModificationLevel.LTA_UPDATES
    assert result.timestamps and all(ts.valid and ts.intact and ts.trusted for ts in result.timestamps)
    assert_poppler_valid(signed.pdf, {"paraf_kabid", "ttd_kadis"})


def test_first_signature_certifies_with_form_filling(test_pki: SigningPki) -> None:
    kadis = test_pki.officials["kadis"]
    signed = sign_document(sample_pdf(), request_for(kadis, "ttd_kadis", level=SignatureLevel.B_B), pkcs12_of(kadis),
                           kadis.passphrase, test_pki.trust)
    sig = PdfFileReader(io.BytesIO(signed.pdf)).embedded_regular_signatures[0]
    assert signed.certified and sig.docmdp_level == MDPPerm.FILL_FORMS


@pytest.mark.parametrize("level", list(SignatureLevel))
def test_each_level_has_what_it_promises(test_pki: SigningPki, level: SignatureLevel) -> None:
    kadis = test_pki.officials["kadis"]
    pdf = sample_pdf()
    before = datetime.now(UTC)
    signed = sign_document(pdf, request_for(kadis, "ttd_kadis", level=level), pkcs12_of(kadis), kadis.passphrase,
                           test_pki.trust)
    reader = PdfFileReader(io.BytesIO(signed.pdf))
    sig = reader.embedded_regular_signatures[0]
    status = validate(signed.pdf, test_pki.trust).signatures["ttd_kadis"]
    has_signature_ts = status.timestamp_validity is not None
    has_dss = "/DSS" in reader.root
    doc_timestamps = reader.embedded_timestamp_signatures

    assert signed.level is level
    assert has_signature_ts == level.at_least(SignatureLevel.B_T)
    assert has_dss == level.at_least(SignatureLevel.B_LT)
    assert bool(doc_timestamps) == (level is SignatureLevel.B_LTA)
    if has_dss:
        dss = DocumentSecurityStore.read_dss(reader)
        assert dss.ocsps, "the DSS holds the OCSP responses for the signer and the TSA"
        assert sig.signer_cert.dump() in {c.dump() for c in dss.load_certs()}
        # Long-term: the DSS alone (no fetching, hard-fail revocation) is enough to validate.
        offline = dss.as_validation_context({"trust_roots": [to_asn1(test_pki.pki.root.certificate)],
                                             "allow_fetching": False, "revocation_mode": "hard-fail"})
        assert asyncio.run(async_validate_pdf_signature(sig, offline)).bottom_line
    if doc_timestamps:
        # The archive time stamp is the last revision and covers the DSS.
        assert doc_timestamps[-1].signed_revision == reader.xrefs.total_revisions - 1
    assert signed.time_source is (TimeSource.SIGNATURE_TIMESTAMP if has_signature_ts else TimeSource.CLAIMED)
    assert before - timedelta(seconds=2) <= signed.signed_at <= datetime.now(UTC) + timedelta(seconds=2)
    assert status.bottom_line
    assert_poppler_valid(signed.pdf, {"ttd_kadis"})


def test_signed_document_describes_the_signature(test_pki: SigningPki) -> None:
    kadis = test_pki.officials["kadis"]
    cert = kadis.credential.certificate
    signed = sign_document(sample_pdf(), request_for(kadis, "ttd_kadis"), pkcs12_of(kadis), kadis.passphrase,
                           test_pki.trust)
    stamp = validate(signed.pdf, test_pki.trust).signatures["ttd_kadis"].timestamp_validity
    assert stamp is not None and stamp.trusted
    assert signed.field_name == "ttd_kadis" and signed.kind is SignatureKind.SIGN
    assert signed.sha256 == hashlib.sha256(signed.pdf).hexdigest()
    assert signed.signer.serial_number == cert.serial_number
    assert signed.signer.common_name == "Ir. Budi Santoso, M.T."
    assert "Dinas PUPR" in signed.signer.subject and "Lintas DEV Issuing CA" in signed.signer.issuer
    assert signed.time_source is TimeSource.SIGNATURE_TIMESTAMP
    assert signed.signed_at == stamp.timestamp


def test_wrong_passphrase_signs_nothing(test_pki: SigningPki) -> None:
    kadis = test_pki.officials["kadis"]
    with pytest.raises(WrongPassphrase) as caught:
        sign_document(sample_pdf(), request_for(kadis, "ttd_kadis"), pkcs12_of(kadis), "bukan-frasa-ini",
                      test_pki.trust)
    assert str(caught.value) == "frasa sandi salah (wrong passphrase)"
    assert "bukan-frasa-ini" not in repr(caught.value.__cause__) + repr(caught.value.__context__)


def test_certificate_can_come_from_the_pkcs12_alone(test_pki: SigningPki) -> None:
    kabid = test_pki.officials["kabid"]
    signed = sign_document(sample_pdf(), request_for(kabid, "paraf_kabid", kind=SignatureKind.PARAF,
                                                     level=SignatureLevel.B_T),
                           pkcs12_of(kabid, with_certificate=False), kabid.passphrase, test_pki.trust)
    assert signed.signer.serial_number == kabid.credential.certificate.serial_number


def test_pkcs12_holding_another_certificate_than_registered_is_refused(test_pki: SigningPki) -> None:
    kadis, kabid = test_pki.officials["kadis"], test_pki.officials["kabid"]
    backend = Pkcs12Signer(kadis.credential.pkcs12, certificate=kabid.credential.certificate)
    with pytest.raises(SignerUnavailable, match="sertifikat lain"):
        sign_document(sample_pdf(), request_for(kadis, "ttd_kadis"), backend, kadis.passphrase, test_pki.trust)


def test_missing_and_already_signed_fields_are_refused(test_pki: SigningPki) -> None:
    kadis = test_pki.officials["kadis"]
    pdf = sample_pdf()
    with pytest.raises(DocumentRefused, match="tidak ada pada dokumen"):
        sign_document(pdf, request_for(kadis, "ttd_sekda"), pkcs12_of(kadis), kadis.passphrase, test_pki.trust)
    once = sign_document(pdf, request_for(kadis, "ttd_kadis", level=SignatureLevel.B_B), pkcs12_of(kadis),
                         kadis.passphrase, test_pki.trust)
    with pytest.raises(DocumentRefused, match="sudah ditandatangani"):
        sign_document(once.pdf, request_for(kadis, "ttd_kadis"), pkcs12_of(kadis), kadis.passphrase, test_pki.trust)
    with pytest.raises(DocumentRefused, match="bukan PDF"):
        sign_document(b"hello", request_for(kadis, "ttd_kadis"), pkcs12_of(kadis), kadis.passphrase, test_pki.trust)


def test_a_field_is_created_only_for_a_document_without_planned_fields(test_pki: SigningPki) -> None:
    seal = test_pki.seal
    new_field = NewField(page=0, box=(360, 40, 560, 110))
    request = request_for(seal, "segel", kind=SignatureKind.SEAL, new_field=new_field, level=SignatureLevel.B_T)
    with pytest.raises(DocumentRefused, match="kolom baru tidak dibuat"):
        sign_document(sample_pdf(), request, pkcs12_of(seal), seal.passphrase, test_pki.trust)
    signed = sign_document(sample_pdf(fields=()), request, pkcs12_of(seal), seal.passphrase, test_pki.trust)
    assert signed.kind is SignatureKind.SEAL and signed.certified
    assert signed.signer.common_name == "Segel Elektronik Pemerintah Kabupaten Uji"
    assert validate(signed.pdf, test_pki.trust).signatures["segel"].bottom_line


def test_prepare_fills_the_letter_number_in_the_signature_revision(test_pki: SigningPki) -> None:
    kabid, kadis = test_pki.officials["kabid"], test_pki.officials["kadis"]
    pdf = with_text_field(sample_pdf(), "nomor_surat")
    paraf = sign_document(pdf, request_for(kabid, "paraf_kabid", kind=SignatureKind.PARAF), pkcs12_of(kabid),
                          kabid.passphrase, test_pki.trust)

    signed = sign_document(paraf.pdf, request_for(kadis, "ttd_kadis", prepare=fill_letter_number), pkcs12_of(kadis),
                           kadis.passphrase, test_pki.trust)
    sig = next(s for s in PdfFileReader(io.BytesIO(signed.pdf)).embedded_regular_signatures
               if s.field_name == "ttd_kadis")
    assert text_field_value(signed.pdf, sig.signed_revision, "nomor_surat") == LETTER_NUMBER
    assert text_field_value(signed.pdf, sig.signed_revision - 1, "nomor_surat") is None, "same revision"
    result = validate(signed.pdf, test_pki.trust)
    assert result.signatures["paraf_kabid"].bottom_line and result.signatures["ttd_kadis"].bottom_line


def test_certify_on_a_signed_document_is_refused(test_pki: SigningPki) -> None:
    kabid, kadis = test_pki.officials["kabid"], test_pki.officials["kadis"]
    paraf = sign_document(sample_pdf(), request_for(kabid, "paraf_kabid", kind=SignatureKind.PARAF,
                                                    level=SignatureLevel.B_B),
                          pkcs12_of(kabid), kabid.passphrase, test_pki.trust)
    with pytest.raises(DocumentRefused, match="tanda tangan pertama"):
        sign_document(paraf.pdf, request_for(kadis, "ttd_kadis", certify=True), pkcs12_of(kadis), kadis.passphrase,
                      test_pki.trust)


def test_an_injected_clock_sets_the_stamp_and_the_claimed_signing_time(test_pki: SigningPki) -> None:
    kadis = test_pki.officials["kadis"]
    moment = datetime.now(UTC).replace(microsecond=0) - timedelta(minutes=3)
    request = request_for(kadis, "ttd_kadis", level=SignatureLevel.B_B)
    signed = sign_document(sample_pdf(), request, pkcs12_of(kadis), kadis.passphrase, test_pki.trust,
                           clock=lambda: moment)
    assert signed.time_source is TimeSource.CLAIMED and signed.signed_at == moment
    sig = PdfFileReader(io.BytesIO(signed.pdf)).embedded_regular_signatures[0]
    assert sig.self_reported_timestamp == moment     # /M in the signature dictionary


def test_stamp_content_refuses_nonsense() -> None:
    with pytest.raises(ValueError, match="acting"):
        StampContent("Budi", acting="Bos.")
    with pytest.raises(ValueError, match="time zone"):
        StampContent("Budi", time_zone="Asia/Atlantis")
    assert StampContent("Budi", verify_url=VERIFY_URL).capacity_lines() == []
