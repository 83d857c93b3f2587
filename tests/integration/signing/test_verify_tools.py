"""PDFs signed by other tools (poppler's pdfsig, the pyHanko CLI) and a file only lenient parsing reads.

What comes out, documented by these tests:
- pdfsig 22.12 (``-sign FIELD``, NSS database) writes an ``adbe.pkcs7.detached`` signature without
  time stamp: level B-B, format PKCS#7, TOTAL-PASSED. Its incremental update gives a changed object
  a new generation without freeing the old one, which pyHanko's strict reader refuses, so the file is
  read leniently and flagged; the signature covers the entire file, so the verdict stays VALID.
  (``-add-signature`` rewrites the whole file; ``-etsi`` is refused together with it in 22.12.)
- ``pyhanko sign addsig --use-pades`` (pyhanko-cli) writes PAdES B-B: TOTAL-PASSED, VALID, strict.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from signing.report import Coverage, Indication, Verdict
from signing.verify import verify
from tests.integration.signing.pki_helpers import SigningPki, sample_pdf
from tests.integration.signing.sign_fixtures import require_tool
from tests.integration.signing.verify_fixtures import (
    break_prev_offset,
    draw_over_page,
    pdfsig_integrity,
    sign_pdf,
    sign_with_pdfsig,
    sign_with_pyhanko_cli,
)


@pytest.fixture
def needs_nss() -> None:
    require_tool("pdfsig", "poppler-utils")
    require_tool("certutil", "libnss3-tools")
    require_tool("pk12util", "libnss3-tools")


@pytest.mark.usefixtures("needs_nss")
def test_pdfsig_signature_verifies_as_pkcs7_b_b(test_pki: SigningPki, tmp_path: Path) -> None:
    signed = sign_with_pdfsig(test_pki, sample_pdf(), tmp_path)
    report = verify(signed, test_pki.trust)
    assert report.verdict is Verdict.VALID, report.to_text()
    sig = report.signatures[0]
    assert (sig.field_name, sig.signature_format, sig.level) == ("paraf_kabid", "PKCS#7", "B-B")
    assert sig.indication is Indication.TOTAL_PASSED and sig.coverage is Coverage.ENTIRE_FILE
    assert sig.chain.anchor == "Lintas DEV Root CA"
    assert sig.signer is not None and sig.signer.nik == "3201010101850002"
    assert report.lenient_parsing and report.document.parsing_problem
    assert any("parsed leniently" in r.en for r in report.reasons)
    assert pdfsig_integrity(signed, tmp_path)["paraf_kabid"] == "Signature is Valid."


@pytest.mark.usefixtures("needs_nss")
def test_pdfsig_signature_followed_by_an_overlay_is_invalid(test_pki: SigningPki, tmp_path: Path) -> None:
    signed = sign_with_pdfsig(test_pki, sample_pdf(), tmp_path)
    report = verify(draw_over_page(signed, strict=False), test_pki.trust)
    assert report.verdict is Verdict.INVALID, report.to_text()


def test_pyhanko_cli_signature_verifies_as_pades_b_b(test_pki: SigningPki, tmp_path: Path) -> None:
    signed = sign_with_pyhanko_cli(test_pki, sample_pdf(), tmp_path)
    report = verify(signed, test_pki.trust)
    assert report.verdict is Verdict.VALID, report.to_text()
    assert not report.lenient_parsing
    sig = report.signatures[0]
    assert (sig.signature_format, sig.level, sig.indication) == ("PAdES", "B-B", Indication.TOTAL_PASSED)
    assert sig.signer is not None and sig.signer.common_name == "Drs. Hendra Wijaya"
    require_tool("pdfsig", "poppler-utils")
    assert pdfsig_integrity(signed, tmp_path)["ttd_kadis"] == "Signature is Valid."


def test_broken_xref_offset_is_read_leniently_and_flagged(test_pki: SigningPki) -> None:
    broken = break_prev_offset(sample_pdf())
    signed = sign_pdf(test_pki, broken, strict=False)
    report = verify(signed, test_pki.trust)
    assert report.lenient_parsing is True
    assert report.document.parsing_problem is not None and "xref" in report.document.parsing_problem
    sig = report.signatures[0]
    assert sig.intact is True and sig.indication is Indication.TOTAL_PASSED
    assert sig.coverage is Coverage.ENTIRE_FILE
    assert report.verdict is Verdict.VALID     # what was signed is exactly these bytes
    assert "mode longgar" in report.to_text()


def test_lenient_file_with_unsigned_later_revisions_is_at_best_indeterminate(test_pki: SigningPki) -> None:
    broken = break_prev_offset(sample_pdf())
    first = sign_pdf(test_pki, broken, official="kabid", field="paraf_kabid", strict=False)
    both = sign_pdf(test_pki, first, official="kadis", field="ttd_kadis", strict=False)
    report = verify(both, test_pki.trust)
    assert report.lenient_parsing
    assert all(s.indication is Indication.TOTAL_PASSED for s in report.signatures)
    assert report.verdict is Verdict.INDETERMINATE, report.to_text()
    assert "cannot be relied on" in report.reasons[0].en
