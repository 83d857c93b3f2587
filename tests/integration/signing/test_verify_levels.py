"""Each PAdES baseline level signed by the development PKI verifies VALID, with what an auditor reads."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

from signing.report import ChangeLevel, Coverage, Indication, SignatureKind, Verdict
from signing.verify import verify
from tests.integration.signing.pki_helpers import SigningPki, sample_pdf
from tests.integration.signing.verify_fixtures import LEVELS, pdfsig_integrity, sign_pdf

PROCESS = {"B-B": "Basic", "B-T": "LTVM", "B-LT": "LTVM", "B-LTA": "LTA"}


@pytest.fixture(scope="module")
def by_level(test_pki: SigningPki) -> dict[str, bytes]:
    base = sample_pdf()
    return {level: sign_pdf(test_pki, base, level=level) for level in LEVELS}


@pytest.mark.parametrize("level", LEVELS)
def test_each_level_is_valid_with_level_anchor_and_signer(test_pki: SigningPki, by_level: dict[str, bytes],
                                                          level: str, tmp_path: Path) -> None:
    report = verify(by_level[level], test_pki.trust)
    assert report.verdict is Verdict.VALID, report.to_text()
    assert report.exit_code == 0 and not report.lenient_parsing
    signatures = [s for s in report.signatures if s.kind is not SignatureKind.DOCUMENT_TIMESTAMP]
    assert len(signatures) == 1
    sig = signatures[0]
    assert (sig.field_name, sig.kind, sig.level) == ("ttd_kadis", SignatureKind.APPROVAL, level)
    assert (sig.indication, sig.sub_indication) == (Indication.TOTAL_PASSED, None)
    assert sig.validation_process == PROCESS[level] and sig.signature_format == "PAdES"
    assert sig.chain.anchor == "Lintas DEV Root CA"
    assert sig.chain.certificates == ("Ir. Budi Santoso, M.T.", "Lintas DEV Issuing CA", "Lintas DEV Root CA")
    assert sig.signer is not None
    assert (sig.signer.common_name, sig.signer.nik, sig.signer.title, sig.signer.unit) == (
        "Ir. Budi Santoso, M.T.", "3201010101800001", "Kepala Dinas", "Dinas PUPR")
    assert sig.signer.organization == "Pemerintah Kabupaten Uji"
    cert = test_pki.officials["kadis"].credential.certificate
    assert sig.certificate is not None and sig.certificate.serial == f"{cert.serial_number:X}"
    assert sig.certificate.issuer == "Lintas DEV Issuing CA"
    assert sig.intact is True and sig.crypto_valid is True
    assert sig.revocation is not None and sig.revocation.status == "good" and sig.revocation.sources
    assert sig.timing.claimed is not None
    if level == "B-B":
        assert sig.timing.proven is None and sig.coverage is Coverage.ENTIRE_FILE
        assert sig.modifications is not None and sig.modifications.level is ChangeLevel.NONE
    else:
        assert sig.timing.proven is not None and sig.timing.timestamp_verified is True
        assert sig.timing.tsa == "Lintas DEV Time Stamping Authority"
        assert abs((sig.timing.proven - sig.timing.claimed).total_seconds()) < 60
    if level in ("B-LT", "B-LTA"):
        assert sig.modifications is not None and sig.modifications.level is ChangeLevel.LTA_UPDATES
        assert sig.modifications.accepted and sig.coverage is Coverage.ENTIRE_REVISION
        assert "dss" in {s.origin for s in sig.revocation.sources}
    timestamps = [s for s in report.signatures if s.kind is SignatureKind.DOCUMENT_TIMESTAMP]
    assert len(timestamps) == (1 if level == "B-LTA" else 0)
    for ts in timestamps:
        assert ts.verdict is Verdict.VALID and ts.chain.anchor == "Lintas DEV Root CA"
        assert ts.signed_revision is not None and sig.signed_revision is not None
        assert ts.signed_revision > sig.signed_revision
    json.dumps(report.to_dict())
    # An independent implementation agrees on integrity.
    assert pdfsig_integrity(by_level[level], tmp_path)["ttd_kadis"] == "Signature is Valid."


@pytest.mark.parametrize("level", ["B-LT", "B-LTA"])
def test_long_term_levels_verify_offline_from_embedded_validation_data(
        test_pki: SigningPki, by_level: dict[str, bytes], level: str) -> None:
    offline = dataclasses.replace(test_pki.trust, allow_fetching=False)
    report = verify(by_level[level], offline)
    assert report.verdict is Verdict.VALID, report.to_text()
    assert not report.fetching_allowed
    sig = report.signatures[0]
    assert sig.revocation is not None and sig.revocation.status == "good"
    assert {s.origin for s in sig.revocation.sources} <= {"dss", "signature"}


@pytest.mark.parametrize("level", ["B-B", "B-T"])
def test_without_embedded_revocation_data_offline_is_never_valid(
        test_pki: SigningPki, by_level: dict[str, bytes], level: str) -> None:
    report = verify(by_level[level], dataclasses.replace(test_pki.trust, allow_fetching=False))
    assert report.verdict is Verdict.INDETERMINATE, report.to_text()
    sig = report.signatures[0]
    assert sig.indication is Indication.INDETERMINATE
    assert sig.revocation is not None and sig.revocation.status == "unknown"
    assert report.exit_code == 2
