"""Revocation is never soft-fail: a revoked signer is not trusted, and an unknown status is not 'good'."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime, timedelta

from signing.pki import Credential, PkiService, Subject
from signing.report import Indication, Verdict
from signing.trust import TrustSettings
from signing.verify import verify
from tests.integration.signing.pki_helpers import ORGANIZATION, SigningPki, sample_pdf
from tests.integration.signing.verify_fixtures import sign_pdf

PASSPHRASE = "frasa-sementara-123"


def fresh_signer(test_pki: SigningPki, name: str) -> Credential:
    """A certificate of its own, so revoking it cannot disturb other tests sharing the session PKI."""
    return test_pki.pki.issue(Subject(name, ORGANIZATION, unit="Dinas Sosial", title="Kepala Seksi"), PASSPHRASE)


def test_revoked_after_signing_b_b_is_not_valid_with_fetching(test_pki: SigningPki) -> None:
    credential = fresh_signer(test_pki, "Dewi Lestari")
    signed = sign_pdf(test_pki, sample_pdf(), credential=credential, passphrase=PASSPHRASE)
    assert verify(signed, test_pki.trust).verdict is Verdict.VALID
    test_pki.pki.revoke(credential.serial, reason="key_compromise")

    report = verify(signed, test_pki.trust)
    assert report.verdict is not Verdict.VALID, report.to_text()
    sig = report.signatures[0]
    assert sig.indication is not Indication.TOTAL_PASSED
    assert sig.sub_indication in ("REVOKED", "REVOKED_NO_POE")
    assert sig.revocation is not None and sig.revocation.status == "revoked"
    assert sig.revocation.revoked_at is not None and sig.revocation.reason == "key_compromise"
    fetched = [s for s in sig.revocation.sources if s.origin == "fetched"]
    assert fetched and all(s.status == "revoked" for s in fetched)
    assert "DICABUT" in report.to_text()


def test_offline_without_embedded_revocation_data_is_indeterminate_even_when_revoked(test_pki: SigningPki) -> None:
    credential = fresh_signer(test_pki, "Eko Prasetyo")
    signed = sign_pdf(test_pki, sample_pdf(), credential=credential, passphrase=PASSPHRASE)
    offline = dataclasses.replace(test_pki.trust, allow_fetching=False)
    before = verify(signed, offline)
    test_pki.pki.revoke(credential.serial)
    after = verify(signed, offline)
    for report in (before, after):
        assert report.verdict is Verdict.INDETERMINATE, report.to_text()
        assert report.signatures[0].revocation is not None
        assert report.signatures[0].revocation.status == "unknown"
        assert report.signatures[0].revocation.sources == ()
        assert any("online fetching is not allowed" in r.en for r in report.reasons)


def test_a_time_stamp_before_the_revocation_keeps_the_signature_valid_and_says_so(test_pki: SigningPki) -> None:
    # ETSI EN 319 102-1 §5.5: a signature proven (by a trusted time stamp) to predate the revocation stands.
    credential = fresh_signer(test_pki, "Fajar Nugroho")
    now = datetime.now(UTC)
    earlier = TrustSettings.from_dev_pki(PkiService(test_pki.pki, clock=lambda: now - timedelta(seconds=20)))
    signed = sign_pdf(test_pki, sample_pdf(), credential=credential, passphrase=PASSPHRASE, level="B-T",
                      trust=earlier)
    test_pki.pki.revoke(credential.serial, reason="affiliation_changed", now=now - timedelta(seconds=10))

    report = verify(signed, test_pki.trust)
    sig = report.signatures[0]
    assert sig.revocation is not None and sig.revocation.status == "revoked", report.to_text()
    assert sig.timing.proven is not None and sig.revocation.revoked_at is not None
    assert sig.timing.proven < sig.revocation.revoked_at
    assert report.verdict is Verdict.VALID and sig.indication is Indication.TOTAL_PASSED
    assert any("after the proven signing time" in r.en for r in sig.reasons)


def test_revoked_before_the_time_stamp_is_not_valid(test_pki: SigningPki) -> None:
    credential = fresh_signer(test_pki, "Gita Permata")
    test_pki.pki.revoke(credential.serial, reason="key_compromise", now=datetime.now(UTC) - timedelta(seconds=30))
    # A careless signer does not check its own certificate first; the verifier must catch it.
    signed = sign_pdf(test_pki, sample_pdf(), credential=credential, passphrase=PASSPHRASE, level="B-T")
    report = verify(signed, test_pki.trust)
    assert report.verdict is not Verdict.VALID, report.to_text()
    assert report.signatures[0].revocation is not None
    assert report.signatures[0].revocation.status == "revoked"
