"""The report's shape: frozen, JSON-ready with stable keys, readable text, exit codes, any thread."""

from __future__ import annotations

import asyncio
import dataclasses
import json
import threading
from datetime import timedelta

import pytest

from signing import verify as verify_module
from signing.report import SignatureReport, Verdict, VerificationReport
from signing.verify import averify, verify
from tests.integration.signing.pki_helpers import SigningPki, sample_pdf
from tests.integration.signing.verify_fixtures import sign_pdf

TOP_KEYS = {"verdict", "reasons", "document", "signatures", "validation_time", "point_in_time",
            "fetching_allowed", "exit_code"}
SIGNATURE_KEYS = {"field_name", "kind", "verdict", "indication", "sub_indication", "reasons", "detail", "docmdp",
                  "signature_format", "level", "validation_process", "signed_revision", "signer", "certificate",
                  "chain", "timing", "intact", "crypto_valid", "coverage", "modifications", "revocation"}


@pytest.fixture(scope="module")
def signed_lt(test_pki: SigningPki) -> bytes:
    return sign_pdf(test_pki, sample_pdf(), level="B-LT")


def test_report_is_frozen_and_json_ready_with_stable_keys(test_pki: SigningPki, signed_lt: bytes) -> None:
    report = verify(signed_lt, test_pki.trust)
    with pytest.raises(dataclasses.FrozenInstanceError):
        report.verdict = Verdict.INVALID  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        report.signatures[0].verdict = Verdict.INVALID  # type: ignore[misc]
    data = json.loads(json.dumps(report.to_dict()))
    assert set(data) == TOP_KEYS
    assert (data["verdict"], data["exit_code"]) == ("VALID", 0)
    assert set(data["document"]) == {"sha256", "size", "revisions", "lenient_parsing", "parsing_problem"}
    sig = data["signatures"][0]
    assert set(sig) == SIGNATURE_KEYS
    assert (sig["kind"], sig["indication"], sig["level"], sig["coverage"]) == (
        "approval", "TOTAL-PASSED", "B-LT", "entire_revision")
    assert sig["chain"]["anchor"] == "Lintas DEV Root CA"
    assert set(sig["signer"]) == {"common_name", "organization", "unit", "title", "nik", "nip", "email", "subject"}
    assert sig["timing"]["proven"].endswith("Z") and sig["certificate"]["not_after"].endswith("Z")
    assert {s["origin"] for s in sig["revocation"]["sources"]} >= {"dss"}
    assert sig["modifications"]["level"] == "lta_updates" and sig["modifications"]["accepted"] is True
    assert all(set(reason) == {"id", "en"} for reason in data["reasons"])


def test_text_rendering_puts_indonesian_first(test_pki: SigningPki, signed_lt: bytes) -> None:
    text = verify(signed_lt, test_pki.trust).to_text()
    assert text.startswith("Hasil verifikasi / Verification result: SAH (VALID)")
    for words in ("Penanda tangan (signer): Ir. Budi Santoso, M.T.", "NIK 3201010101800001",
                  "Jangkar kepercayaan (trust anchor): Lintas DEV Root CA", "Waktu terbukti (proven time)",
                  "Status pencabutan (revocation): tidak dicabut (good)", "PAdES-B-LT"):
        assert words in text


def test_exit_codes_follow_the_verdict(test_pki: SigningPki, signed_lt: bytes) -> None:
    valid = verify(signed_lt, test_pki.trust)
    assert [dataclasses.replace(valid, verdict=v).exit_code for v in Verdict] == [0, 1, 2]


def test_verify_works_inside_a_running_loop_and_from_threads(test_pki: SigningPki, signed_lt: bytes) -> None:
    async def inside_loop() -> list[VerificationReport]:
        blocking = verify(signed_lt, test_pki.trust)            # runs in a worker thread of its own
        awaited = await averify(signed_lt, test_pki.trust)
        # The usual web-server shape: a loop runs here while an executor thread verifies.
        in_executor = await asyncio.get_running_loop().run_in_executor(None, verify, signed_lt, test_pki.trust)
        return [blocking, awaited, in_executor]

    results: list[VerificationReport] = []
    worker = threading.Thread(target=lambda: results.append(verify(signed_lt, test_pki.trust)))
    worker.start()
    reports = asyncio.run(inside_loop())
    worker.join(60)
    assert [r.verdict for r in reports + results] == [Verdict.VALID] * 4


def test_unexpected_failures_become_an_indeterminate_report(test_pki: SigningPki, signed_lt: bytes,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    def explode(pdf: bytes) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(verify_module, "_open", explode)
    report = verify(signed_lt, test_pki.trust)
    assert report.verdict is Verdict.INDETERMINATE and report.signatures == ()
    assert "internal error" in report.reasons[0].en and "boom" in report.reasons[0].en


def test_verification_as_of_a_moment_uses_embedded_data_only(test_pki: SigningPki, signed_lt: bytes) -> None:
    now = verify(signed_lt, test_pki.trust)
    sig: SignatureReport = now.signatures[0]
    assert sig.timing.proven is not None
    at_signing = verify(signed_lt, test_pki.trust, moment=sig.timing.proven + timedelta(seconds=5))
    assert at_signing.point_in_time and at_signing.validation_time == sig.timing.proven + timedelta(seconds=5)
    assert at_signing.verdict is Verdict.VALID, at_signing.to_text()
    assert {s.origin for s in at_signing.signatures[0].revocation.sources} == {"dss"}  # type: ignore[union-attr]
    long_before = verify(signed_lt, test_pki.trust, moment=sig.timing.proven - timedelta(days=30))
    assert long_before.verdict is not Verdict.VALID, long_before.to_text()
