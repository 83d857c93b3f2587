"""Interfaces the engine needs from the outside world; bootstrap plugs in the implementations."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any, Protocol

from engine.domain.errors import FieldError


class Clock(Protocol):
    def now(self) -> datetime: ...


class SystemClock:
    def now(self) -> datetime:
        return datetime.now(UTC)


class FormEngine(Protocol):
    """JSON Schema forms (implemented by the ``forms`` package)."""

    def check(self, form_id: str, source: bytes | Mapping[str, Any]) -> tuple[dict[str, Any], list[str]]:
        """Parse and check a form schema: (schema, problems); problems empty when usable."""
        ...

    def validate(self, form_id: str, schema: Mapping[str, Any], data: Any) -> list[FieldError]:
        """Field-level errors of ``data`` against the schema; empty when valid."""
        ...

    def clean(self, form_id: str, schema: Mapping[str, Any], data: Mapping[str, Any]) -> dict[str, Any]:
        """Only the declared fields of already-validated data."""
        ...


class Mailer(Protocol):
    """Sends one e-mail (implemented over SMTP by ``engine.adapters.mail``)."""

    def send(self, to: str, subject: str, body: str) -> None: ...
