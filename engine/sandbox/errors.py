"""Errors raised by the script sandbox, each carrying a Bahasa Indonesia and an English message.

`str(error)` reads "<Indonesian> (<English>)" so a log line or a flash message is useful to both
the clerk and the developer; web code can pick `message_id` / `message_en` by locale instead.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

LimitKind = Literal["time", "memory", "size"]


@dataclass(frozen=True)
class Violation:
    """One static policy violation found in a script or expression (line/col are 1-based/0-based)."""

    line: int
    col: int
    code: str
    message_id: str
    message_en: str

    def __str__(self) -> str:
        return f"{self.line}:{self.col} {self.message_id} ({self.message_en})"


class ScriptError(Exception):
    """Base class: anything that stopped a script or expression from producing a result."""

    def __init__(self, message_id: str, message_en: str, line: int | None = None) -> None:
        super().__init__(f"{message_id} ({message_en})")
        self.message_id = message_id
        self.message_en = message_en
        self.line = line


class ScriptRejected(ScriptError):
    """The source breaks the static policy; it was never run."""

    def __init__(self, violations: list[Violation]) -> None:
        first = violations[0]
        more_id = f" (+{len(violations) - 1} pelanggaran lain)" if len(violations) > 1 else ""
        more_en = f" (+{len(violations) - 1} more)" if len(violations) > 1 else ""
        super().__init__(
            f"Skrip ditolak, baris {first.line}: {first.message_id}{more_id}",
            f"Script rejected, line {first.line}: {first.message_en}{more_en}",
            first.line,
        )
        self.violations = list(violations)


class ScriptRuntimeError(ScriptError):
    """The script raised (NameError, ZeroDivisionError, ...) or handled a value it may not."""

    def __init__(self, exc_type: str, detail: str, line: int | None = None, *, detail_en: str | None = None) -> None:
        # Python's own exception text is English; it is shown as is in both messages.
        where_id = f" di baris {line}" if line is not None else ""
        where_en = f" at line {line}" if line is not None else ""
        super().__init__(
            f"Skrip gagal{where_id}: {exc_type}: {detail}",
            f"Script failed{where_en}: {exc_type}: {detail_en if detail_en is not None else detail}",
            line,
        )
        self.exc_type = exc_type
        self.detail = detail


_LIMIT_TEXT: dict[str, tuple[str, str]] = {
    "time": ("Skrip melebihi batas waktu", "Script exceeded the time limit"),
    "memory": ("Skrip melebihi batas memori", "Script exceeded the memory limit"),
    "size": ("Data melebihi batas ukuran", "Data exceeded the size limit"),
}


class ScriptLimitExceeded(ScriptError):
    """A resource limit stopped the script: `limit` is "time", "memory" or "size"."""

    def __init__(self, limit: LimitKind, detail_id: str = "", detail_en: str = "", line: int | None = None) -> None:
        base_id, base_en = _LIMIT_TEXT[limit]
        super().__init__(
            f"{base_id}: {detail_id}" if detail_id else base_id,
            f"{base_en}: {detail_en}" if detail_en else base_en,
            line,
        )
        self.limit: LimitKind = limit
