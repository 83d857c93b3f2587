"""Changed, overdrawn, co-signed, untrusted and damaged documents: what the verifier makes of them."""

from __future__ import annotations

from pathlib import Path

import pytest
from pyhanko.sign.fields import MDPPerm

from signing.report import ChangeLevel, Indication, SignatureKind, Verdict
from signing.verify import verify
from tests.integration.signing.pki_helpers import SigningPki, make_pki, sample_pdf
from tests.integration.signing.verify_fixtures import (
    corrupt_signature_contents,
    draw_over_page,
    flip_signed_byte,
    pdfsig_integrity,
    sign_pdf,
)


@pytest.fixture(scope="module")
def signed_b_t(test_pki: SigningPki) -> bytes:
    return sign_pdf(test_pki, sample_pdf(), level="B-T")


def test_one_changed_byte_inside_the_signed_range_is_a_hash_failure(test_pki: SigningPki, signed_b_t: bytes,
                                                                     tmp_path: Path) -> None:
    tampered = flip_signed_byte(signed_b_t)
    report = verify(tampered, test_pki.trust)
    assert report.verdict is Verdict.INVALID and report.exit_code == 1
    sig = report.signatures[0]
    assert (sig.indication, sig.sub_indication) == (Indication.TOTAL_FAILED, "HASH_FAILURE")
    assert sig.intact is False
    assert any("hash" in r.en for r in report.reasons)
    assert pdfsig_integrity(tampered, tmp_path)["ttd_kadis"] == "Digest Mismatch."


@pytest.mark.parametrize("level", ["B-T", "B-LTA"])
def test_text_drawn_over_the_page_after_signing_is_an_illegal_modification(test_pki: SigningPki,
                                                                            level: str) -> None:
    signed = sign_pdf(test_pki, sample_pdf(), level=level)
    tampered = draw_over_page(signed)
    report = verify(tampered, test_pki.trust)
    assert report.verdict is Verdict.INVALID, report.to_text()
    sig = next(s for s in report.signatures if s.field_name == "ttd_kadis")
    # The signature's cryptography and AdES validation are fine; only the difference analysis objects.
    assert sig.indication is Indication.TOTAL_PASSED and sig.intact is True
    assert sig.modifications is not None and not sig.modifications.accepted
    assert sig.modifications.level is ChangeLevel.OTHER
    assert any("illegal modification" in p.en for p in sig.modifications.problems)
    assert sig.verdict is Verdict.INVALID
    last = report.document.revisions[-1]
    assert last.pages_changed == (1,) and not last.signatures
    assert "ISI HALAMAN DIUBAH" in report.to_text()


def test_second_approval_in_a_prepared_field_keeps_the_first_valid(test_pki: SigningPki) -> None:
    first = sign_pdf(test_pki, sample_pdf(), official="kabid", field="paraf_kabid", level="B-T")
    both = sign_pdf(test_pki, first, official="kadis", field="ttd_kadis", level="B-LTA")
    report = verify(both, test_pki.trust)
    assert report.verdict is Verdict.VALID, report.to_text()
    paraf, ttd = (next(s for s in report.signatures if s.field_name == name) for name in ("paraf_kabid", "ttd_kadis"))
    assert paraf.verdict is Verdict.VALID and ttd.verdict is Verdict.VALID
    assert paraf.modifications is not None and paraf.modifications.level is ChangeLevel.FORM_FILLING
    assert paraf.modifications.changed_fields == ("ttd_kadis",) and paraf.modifications.accepted
    assert paraf.signer is not None and paraf.signer.common_name == "Siti Aminah, S.T."
    assert [r.signatures for r in report.document.revisions if r.signatures][:2] == [("paraf_kabid",), ("ttd_kadis",)]
    assert paraf.level == "B-LTA" and ttd.level == "B-LTA"   # the later DSS and document timestamp cover both


def test_certification_with_form_filling_then_approval_is_valid(test_pki: SigningPki) -> None:
    certified = sign_pdf(test_pki, sample_pdf(), official="kabid", field="paraf_kabid", level="B-T",
                         certify=MDPPerm.FILL_FORMS)
    report = verify(sign_pdf(test_pki, certified, official="kadis", field="ttd_kadis", level="B-T"), test_pki.trust)
    assert report.verdict is Verdict.VALID, report.to_text()
    cert_sig = report.signatures[0]
    assert (cert_sig.kind, cert_sig.docmdp) == (SignatureKind.CERTIFICATION, "fill_forms")
    assert cert_sig.modifications is not None and cert_sig.modifications.level is ChangeLevel.FORM_FILLING


def test_certification_forbidding_changes_invalidates_a_later_approval(test_pki: SigningPki) -> None:
    certified = sign_pdf(test_pki, sample_pdf(), official="kabid", field="paraf_kabid", level="B-T",
                         certify=MDPPerm.NO_CHANGES)
    approved = sign_pdf(test_pki, certified, official="kadis", field="ttd_kadis", level="B-T", ignore_docmdp=True)
    report = verify(approved, test_pki.trust)
    assert report.verdict is Verdict.INVALID, report.to_text()
    cert_sig = report.signatures[0]
    assert cert_sig.docmdp == "no_changes" and cert_sig.verdict is Verdict.INVALID
    assert cert_sig.modifications is not None and not cert_sig.modifications.accepted


def test_a_root_not_configured_as_trust_anchor_is_not_trusted(test_pki: SigningPki, tmp_path: Path) -> None:
    stranger = make_pki(tmp_path / "other")
    report = verify(sign_pdf(stranger, sample_pdf()), test_pki.trust)
    assert report.verdict is Verdict.INDETERMINATE, report.to_text()
    sig = report.signatures[0]
    assert (sig.indication, sig.sub_indication) == (Indication.INDETERMINATE, "NO_CERTIFICATE_CHAIN_FOUND")
    assert sig.chain.anchor is None and sig.chain.problem is not None
    assert "trust anchor" in sig.chain.problem.en
    assert sig.signer is not None and sig.signer.common_name == "Ir. Budi Santoso, M.T."
    # The same document verifies against the PKI that issued it.
    assert verify(sign_pdf(stranger, sample_pdf()), stranger.trust).verdict is Verdict.VALID


def test_a_damaged_signature_is_invalid_without_hiding_the_others(test_pki: SigningPki) -> None:
    first = sign_pdf(test_pki, sample_pdf(), official="kabid", field="paraf_kabid")
    damaged = corrupt_signature_contents(sign_pdf(test_pki, first, official="kadis", field="ttd_kadis"))
    report = verify(damaged, test_pki.trust)
    assert report.verdict is Verdict.INVALID
    by_name = {s.field_name: s for s in report.signatures}
    assert by_name["ttd_kadis"].verdict is Verdict.INVALID
    assert (by_name["ttd_kadis"].indication, by_name["ttd_kadis"].sub_indication) == (
        Indication.TOTAL_FAILED, "FORMAT_FAILURE")
    assert by_name["paraf_kabid"].indication is Indication.TOTAL_PASSED


@pytest.mark.parametrize("data", [b"", b"bukan PDF sama sekali", b"%PDF-1.7\n" + bytes(range(256)) * 40],
                         ids=["empty", "text", "garbage"])
def test_unreadable_input_is_a_report_not_an_exception(test_pki: SigningPki, data: bytes) -> None:
    report = verify(data, test_pki.trust)
    assert report.verdict is Verdict.INDETERMINATE and report.exit_code == 2
    assert report.signatures == ()
    assert any("cannot be read as a PDF" in r.en for r in report.reasons)
    assert report.document.size == len(data)


def test_a_truncated_signed_file_is_not_valid(test_pki: SigningPki, signed_b_t: bytes) -> None:
    for cut in (len(signed_b_t) // 2, len(signed_b_t) - 200):
        report = verify(signed_b_t[:cut], test_pki.trust)
        assert report.verdict is not Verdict.VALID, report.to_text()


def test_an_unsigned_pdf_is_indeterminate_no_signature(test_pki: SigningPki) -> None:
    report = verify(sample_pdf(), test_pki.trust)
    assert report.verdict is Verdict.INDETERMINATE
    assert report.reasons[0].id == "tidak ada tanda tangan pada dokumen ini"
    assert report.signatures == () and len(report.document.revisions) == 2
