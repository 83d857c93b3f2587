"""Shared pieces of the ``lintas`` command: the root group, app creation, error handling, --data.

Every command that prints data takes ``--json``; on error it prints a one-line reason (Indonesian,
then English) and exits non-zero: 1 refused or invalid, 2 usage, 3 not found, 4 forbidden, 5 conflict.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import Any, TypeVar

import click

from engine.bootstrap import Lintas, bootstrap
from engine.domain.errors import InvalidInput, LintasError
from web.cli.output import fail

F = TypeVar("F", bound=Callable[..., Any])


class AppHolder:
    """Creates the Lintas object on first use so ``--help`` never touches the database."""

    def __init__(self) -> None:
        self._app: Lintas | None = None

    def get(self) -> Lintas:
        if self._app is None:
            self._app = bootstrap()
        return self._app

    def close(self) -> None:
        if self._app is not None:
            self._app.close()


def handles_errors(func: F) -> F:
    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except LintasError as exc:
            fail(exc, bool(kwargs.get("as_json")))
        except BrokenPipeError:     # `lintas ... | head`: the reader left; that is not an error
            sys.stderr.close()
            sys.exit(0)
        except ValueError as exc:   # settings errors such as LINTAS_SCRIPT_TIMEOUT=abc
            fail(InvalidInput(f"konfigurasi tidak valid: {exc}", f"invalid configuration: {exc}"), False)
        except Exception as exc:   # noqa: BLE001 - a bug must still end in one readable line and exit 70
            if os.environ.get("LINTAS_DEBUG"):
                raise
            click.echo(f"lintas: kesalahan internal (internal error): {type(exc).__name__}: {exc} "
                       "— set LINTAS_DEBUG=1 for the traceback", err=True)
            sys.exit(70)
    return wrapper  # type: ignore[return-value]


def parse_data(raw: str | None) -> dict[str, Any] | None:
    """--data takes JSON text, or @path to a JSON file, or - for standard input."""
    if raw is None:
        return None
    try:
        if raw == "-":
            text = sys.stdin.read()
        elif raw.startswith("@"):
            text = Path(raw[1:]).read_text(encoding="utf-8")
        else:
            text = raw
        value = json.loads(text)
    except (OSError, json.JSONDecodeError) as exc:
        raise InvalidInput(f"--data bukan JSON yang valid: {exc}", f"--data is not valid JSON: {exc}") from exc
    if not isinstance(value, dict):
        raise InvalidInput("--data harus berupa objek JSON", "--data must be a JSON object")
    return value


json_option = click.option("--json", "as_json", is_flag=True, help="Keluaran JSON / JSON output.")
as_user_option = click.option("--as", "as_user", required=True, metavar="USER", help="Bertindak sebagai / act as.")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.pass_context
def main(ctx: click.Context) -> None:
    """Lintas — mesin alur kerja pemda (workflow engine for Indonesian local governments)."""
    holder = AppHolder()
    ctx.obj = holder
    ctx.call_on_close(holder.close)


def app_of(ctx: click.Context) -> Lintas:
    holder: AppHolder = ctx.find_object(AppHolder)  # type: ignore[assignment]
    return holder.get()

