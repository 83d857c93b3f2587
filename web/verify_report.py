"""A verification report (``engine.ports.Verified``) as the public upload page shows it: one row per
signature with the signer, their capacity, the signing time, integrity and the ETSI indication, and
the report's reasons in the reader's language. The report's keys are those of
``signing.report.VerificationReport.to_dict``."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from engine.ports import Verified
from web.language import either


@dataclass(frozen=True)
class SignatureRow:
    field_name: str
    kind: str                    # approval | certification | document_timestamp
    verdict: str                 # VALID | INVALID | INDETERMINATE
    signer: str | None
    capacity: str | None         # title, unit, organisation from the certificate
    signed_at: datetime | None   # proven by a timestamp when there is one, else what the signer claims
    time_proven: bool
    intact: bool | None
    indication: str              # TOTAL-PASSED | TOTAL-FAILED | INDETERMINATE
    sub_indication: str | None
    level: str | None            # PAdES B-B | B-T | B-LT | B-LTA
    reasons: tuple[str, ...]


def signature_rows(verified: Verified) -> list[SignatureRow]:
    return [_row(signature) for signature in verified.signatures]


def reasons(verified: Verified) -> list[str]:
    """The report's reasons (the first says why the verdict is what it is), in the reader's language."""
    return [text for text in (_text(r) for r in verified.report.get("reasons") or ()) if text]


def _row(sig: Mapping[str, Any]) -> SignatureRow:
    signer = sig.get("signer") or {}
    timing = sig.get("timing") or {}
    proven = _moment(timing.get("proven"))
    capacity = ", ".join(str(signer[k]) for k in ("title", "unit", "organization") if signer.get(k))
    return SignatureRow(
        field_name=str(sig.get("field_name") or ""), kind=str(sig.get("kind") or ""),
        verdict=str(sig.get("verdict") or "INDETERMINATE"), signer=signer.get("common_name"),
        capacity=capacity or None, signed_at=proven or _moment(timing.get("claimed")), time_proven=proven is not None,
        intact=sig.get("intact"), indication=str(sig.get("indication") or ""), sub_indication=sig.get("sub_indication"),
        level=sig.get("level"), reasons=tuple(t for t in (_text(r) for r in sig.get("reasons") or ()) if t))


def _moment(value: Any) -> datetime | None:
    if not isinstance(value, str):
        return None
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None


def _text(value: Any) -> str:
    if not isinstance(value, Mapping):
        return ""
    return str(either(value.get("id") or "", value.get("en") or ""))
