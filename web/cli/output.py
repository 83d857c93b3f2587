"""Printing for the CLI: JSON with --json, compact aligned text otherwise; errors as one line."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any

import click

from engine.domain.errors import (
    Conflict,
    LintasError,
    NotFound,
    PermissionDenied,
    Rejected,
    Unavailable,
    ValidationFailed,
)

EXIT_CODES: dict[type[LintasError], int] = {NotFound: 3, PermissionDenied: 4, Conflict: 5, Unavailable: 6}


def emit_json(value: Any) -> None:
    click.echo(json.dumps(value, ensure_ascii=False, indent=2, default=_default))


def _default(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat()
    if hasattr(value, "as_dict"):
        return value.as_dict()
    return str(value)


def table(rows: Sequence[Sequence[Any]], headers: Sequence[str]) -> None:
    cells = [[("" if c is None else str(c)) for c in row] for row in rows]
    widths = [max([len(h)] + [len(r[i]) for r in cells]) for i, h in enumerate(headers)]
    click.echo("  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True)).rstrip())
    for row in cells:
        click.echo("  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip())


def lines(items: Iterable[str]) -> None:
    for item in items:
        click.echo(item)


def fail(error: LintasError, as_json: bool) -> None:
    """One-line reason on stderr (details below it), or the error as JSON; exit non-zero."""
    if as_json:
        click.echo(json.dumps(error.as_dict(), ensure_ascii=False, indent=2), err=True)
    else:
        click.echo(f"lintas: {error.message_id} ({error.message_en})", err=True)
        if isinstance(error, ValidationFailed):
            for field in error.errors:
                click.echo(f"  - {field.path or '(formulir)'}: {field.message_id} ({field.message_en})", err=True)
        if isinstance(error, Rejected):
            for problem in error.problems:
                click.echo(f"  - {problem}", err=True)
    code = next((c for klass, c in EXIT_CODES.items() if isinstance(error, klass)), 1)
    sys.exit(code)


def when(moment: datetime | None) -> str:
    return moment.strftime("%Y-%m-%d %H:%M") if moment else ""
