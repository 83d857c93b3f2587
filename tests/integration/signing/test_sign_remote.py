"""Signing through a remote (BSrE-style) service: what it is sent, and everything it may get wrong."""

from __future__ import annotations

import io
import socket
from collections.abc import Iterator

import pytest
from pyhanko.pdf_utils.reader import PdfFileReader

from signing.errors import CertificateRefused, SignerUnavailable, WrongPassphrase
from signing.sign import SignatureKind, SignatureLevel, TimeSource, sign_document
from signing.signers.remote import RemoteServiceSigner
from tests.integration.signing.fake_bsre import FakeBsre
from tests.integration.signing.pki_helpers import Official, SigningPki, sample_pdf
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


@pytest.fixture(scope="module")
def service(test_pki: SigningPki) -> Iterator[FakeBsre]:
    holders = {o.subject.nik: o.credential.pkcs12 for o in test_pki.officials.values()}
    impostor = test_pki.officials["sekda"]
    with FakeBsre(test_pki.trust, holders, impostor=(impostor.credential.pkcs12, impostor.passphrase)).running() \
            as fake:
        yield fake


@pytest.fixture
def bsre(service: FakeBsre) -> FakeBsre:
    service.behaviour = "normal"
    service.requests.clear()
    return service


def _remote(bsre: FakeBsre, official: Official, **options: object) -> RemoteServiceSigner:
    return RemoteServiceSigner(bsre.url, official.subject.nik, official.credential.certificate,
                               **options)  # type: ignore[arg-type]


def _sign(test_pki: SigningPki, backend: RemoteServiceSigner, official: Official, pdf: bytes | None = None,
          passphrase: str | None = None, **request: object):  # type: ignore[no-untyped-def]
    return sign_document(pdf or sample_pdf(), request_for(official, "ttd_kadis", **request), backend,
                         official.passphrase if passphrase is None else passphrase, test_pki.trust)


def test_service_signature_is_checked_and_raised_to_b_lta(test_pki: SigningPki, bsre: FakeBsre) -> None:
    kadis = test_pki.officials["kadis"]
    signed = _sign(test_pki, _remote(bsre, kadis), kadis)
    assert signed.level is SignatureLevel.B_LTA and signed.time_source is TimeSource.SIGNATURE_TIMESTAMP
    assert signed.signer.serial_number == kadis.credential.certificate.serial_number
    assert not signed.certified, "the service cannot certify unless configured to"
    assert signed.backend == "BSrE NIK 320101******0001"
    sent = bsre.requests[-1]
    assert sent["nik"] == kadis.subject.nik and sent["field"] == "ttd_kadis" and sent["linkQR"] == VERIFY_URL
    assert sent["jenis"] == "sign" and "Ir. Budi Santoso, M.T." in sent["text"]
    reader = PdfFileReader(io.BytesIO(signed.pdf))
    assert reader.embedded_timestamp_signatures, "Lintas added the archive time stamp itself"
    assert validate(signed.pdf, test_pki.trust).signatures["ttd_kadis"].bottom_line
    assert_poppler_valid(signed.pdf, {"ttd_kadis"})


def test_service_that_can_certify_makes_the_first_signature_a_certification(test_pki: SigningPki,
                                                                            bsre: FakeBsre) -> None:
    kadis = test_pki.officials["kadis"]
    signed = _sign(test_pki, _remote(bsre, kadis, can_certify=True), kadis, level=SignatureLevel.B_T)
    assert signed.certified and bsre.requests[-1]["certify"] == "true"


def test_paraf_locally_then_remote_signature_keeps_both_valid(test_pki: SigningPki, bsre: FakeBsre) -> None:
    kabid, kadis = test_pki.officials["kabid"], test_pki.officials["kadis"]
    paraf = sign_document(sample_pdf(), request_for(kabid, "paraf_kabid", kind=SignatureKind.PARAF),
                          pkcs12_of(kabid), kabid.passphrase, test_pki.trust)
    signed = _sign(test_pki, _remote(bsre, kadis), kadis, pdf=paraf.pdf)
    result = validate(signed.pdf, test_pki.trust)
    assert result.signatures["paraf_kabid"].bottom_line and result.signatures["ttd_kadis"].bottom_line
    assert_poppler_valid(signed.pdf, {"paraf_kabid", "ttd_kadis"})


def test_prepared_letter_number_is_a_revision_of_its_own_before_the_remote_signature(
        test_pki: SigningPki, bsre: FakeBsre) -> None:
    kadis = test_pki.officials["kadis"]
    pdf = with_text_field(sample_pdf(), "nomor_surat")
    signed = _sign(test_pki, _remote(bsre, kadis), kadis, pdf=pdf, prepare=fill_letter_number)
    sig = PdfFileReader(io.BytesIO(signed.pdf)).embedded_regular_signatures[0]
    assert text_field_value(signed.pdf, sig.signed_revision - 1, "nomor_surat") == LETTER_NUMBER
    assert text_field_value(signed.pdf, sig.signed_revision - 2, "nomor_surat") is None
    assert validate(signed.pdf, test_pki.trust).signatures["ttd_kadis"].bottom_line


def test_signature_without_time_stamp_gets_a_document_time_stamp(test_pki: SigningPki, bsre: FakeBsre) -> None:
    kadis = test_pki.officials["kadis"]
    bsre.behaviour = "no_timestamp"
    signed = _sign(test_pki, _remote(bsre, kadis), kadis)
    assert signed.level is SignatureLevel.B_LTA and signed.time_source is TimeSource.DOCUMENT_TIMESTAMP
    first_ts = PdfFileReader(io.BytesIO(signed.pdf)).embedded_timestamp_signatures[0]
    assert validate(signed.pdf, test_pki.trust).timestamps[0].timestamp == signed.signed_at
    assert first_ts.signed_revision < PdfFileReader(io.BytesIO(signed.pdf)).xrefs.total_revisions - 1
    plain = _sign(test_pki, _remote(bsre, kadis), kadis, level=SignatureLevel.B_B)
    assert plain.level is SignatureLevel.B_B and plain.time_source is TimeSource.CLAIMED


def test_wrong_passphrase_comes_back_as_wrong_passphrase(test_pki: SigningPki, bsre: FakeBsre) -> None:
    kadis = test_pki.officials["kadis"]
    with pytest.raises(WrongPassphrase, match="Passphrase anda salah") as caught:
        _sign(test_pki, _remote(bsre, kadis), kadis, passphrase="frasa-yang-salah")
    assert "frasa-yang-salah" not in str(caught.value)


def test_unknown_nik_is_refused(test_pki: SigningPki, bsre: FakeBsre) -> None:
    kadis = test_pki.officials["kadis"]
    backend = RemoteServiceSigner(bsre.url, "3201999999999999", kadis.credential.certificate)
    with pytest.raises(CertificateRefused, match="NIK tidak terdaftar"):
        _sign(test_pki, backend, kadis)


@pytest.mark.parametrize(("behaviour", "message"), [
    ("rewrite", "bukan pembaruan inkremental"),
    ("tamper_prefix", "bukan pembaruan inkremental"),
    ("change_page", "mengubah isi dokumen selain kolom tanda tangan"),
    ("other_field", "tidak mengisi kolom tanda tangan 'ttd_kadis'"),
    ("other_holder", "sertifikat yang tidak diperiksa/terdaftar"),
    ("error_500", "HTTP 500"),
])
def test_unusable_answers_are_refused(test_pki: SigningPki, bsre: FakeBsre, behaviour: str, message: str) -> None:
    kadis = test_pki.officials["kadis"]
    bsre.behaviour = behaviour
    with pytest.raises(SignerUnavailable, match=message):
        _sign(test_pki, _remote(bsre, kadis), kadis)
    assert bsre.requests, "the service was asked"


def test_service_down_is_unavailable(test_pki: SigningPki) -> None:
    kadis = test_pki.officials["kadis"]
    with socket.socket() as probe:            # a port that was free a moment ago and has no listener now
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    backend = RemoteServiceSigner(f"http://127.0.0.1:{port}/api/sign/pdf", kadis.subject.nik,
                                  kadis.credential.certificate)
    with pytest.raises(SignerUnavailable, match="tidak dapat dihubungi"):
        _sign(test_pki, backend, kadis)


def test_service_that_does_not_answer_times_out(test_pki: SigningPki, bsre: FakeBsre) -> None:
    kadis = test_pki.officials["kadis"]
    bsre.behaviour = "hang"
    with pytest.raises(SignerUnavailable, match="tidak menjawab dalam 0.3 detik"):
        _sign(test_pki, _remote(bsre, kadis, timeout=0.3), kadis)


def test_revoked_registered_certificate_is_refused_before_calling_the_service(test_pki: SigningPki,
                                                                              bsre: FakeBsre) -> None:
    from signing.pki import Subject
    subject = Subject("Fajar Revoked", test_pki.pki.organization, nik="3201010101900005")
    credential = test_pki.pki.issue(subject, "frasa-fajar-123")
    test_pki.pki.revoke(credential.serial)
    official = Official("fajar", subject, "frasa-fajar-123", credential)
    with pytest.raises(CertificateRefused, match="dicabut"):
        _sign(test_pki, _remote(bsre, official), official)
    assert bsre.requests == []
