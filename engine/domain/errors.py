"""Domain errors raised by services; web and CLI map them to HTTP codes and exit codes in one place.

Every error carries its message in Bahasa Indonesia first and English second, because clerks read
them on screen and operators read them in logs.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class FieldError:
    """One problem with one submitted field; ``path`` is "" for the whole form."""

    path: str
    code: str
    message_id: str
    message_en: str

    def as_dict(self) -> dict[str, str]:
        return {
            "path": self.path,
            "code": self.code,
            "message_id": self.message_id,
            "message_en": self.message_en,
        }


class LintasError(Exception):
    """Base of every error a service raises on purpose."""

    code = "error"
    status = 400

    def __init__(self, message_id: str, message_en: str, **details: Any) -> None:
        super().__init__(f"{message_id} ({message_en})")
        self.message_id = message_id
        self.message_en = message_en
        self.details = details

    def as_dict(self) -> dict[str, Any]:
        return {"error": self.code, "message_id": self.message_id, "message_en": self.message_en}


class InvalidInput(LintasError):
    """The request itself is malformed (bad JSON, wrong type, missing argument)."""

    code = "invalid_input"
    status = 400


class NotFound(LintasError):
    code = "not_found"
    status = 404


class PermissionDenied(LintasError):
    code = "forbidden"
    status = 403


class Conflict(LintasError):
    """The state changed under the caller: already completed, claimed by someone else, stale version."""

    code = "conflict"
    status = 409


class Unavailable(LintasError):
    """A backing service (the database) cannot be reached; nothing was changed."""

    code = "unavailable"
    status = 503


class ValidationFailed(LintasError):
    """Submitted data breaks the task's form; nothing was changed."""

    code = "validation_failed"
    status = 422

    def __init__(self, errors: list[FieldError]) -> None:
        count = len(errors)
        super().__init__(
            f"Data tidak valid: {count} isian perlu diperbaiki",
            f"invalid data: {count} field(s) need fixing",
        )
        self.errors = errors

    def as_dict(self) -> dict[str, Any]:
        out = super().as_dict()
        out["fields"] = [e.as_dict() for e in self.errors]
        return out


@dataclass(frozen=True)
class Problem:
    """One reason a deployment or an organisation file was refused."""

    where: str
    message_id: str
    message_en: str

    def __str__(self) -> str:
        prefix = f"{self.where}: " if self.where else ""
        return f"{prefix}{self.message_id} ({self.message_en})"


class Rejected(LintasError):
    """A deployment or a data file was refused; ``problems`` lists every reason found."""

    code = "rejected"
    status = 422

    def __init__(self, message_id: str, message_en: str, problems: list[Problem]) -> None:
        super().__init__(message_id, message_en)
        self.problems = problems

    def __str__(self) -> str:
        head = super().__str__()
        if not self.problems:
            return head
        return head + ": " + "; ".join(str(p) for p in self.problems)

    def as_dict(self) -> dict[str, Any]:
        out = super().as_dict()
        out["problems"] = [
            {"where": p.where, "message_id": p.message_id, "message_en": p.message_en} for p in self.problems
        ]
        return out


class DeploymentRejected(Rejected):
    code = "deployment_rejected"


class OrgFileRejected(Rejected):
    code = "org_file_rejected"


class SigningRefused(LintasError):
    """The signature cannot be made: revoked or expired certificate, no credential, field already signed."""

    code = "signing_refused"
    status = 422


class SignInRefused(LintasError):
    """Sign-in failed or a session no longer holds (one message for every reason, so accounts cannot be probed)."""

    code = "sign_in_refused"
    status = 401


class TooManyAttempts(LintasError):
    """Sign-in for this username from this address is locked for a while after repeated failures."""

    code = "too_many_attempts"
    status = 429
