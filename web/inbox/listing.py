"""What the inbox shows, read from the query string: scope, bucket, process, status and page.

The values go to ``InboxService.page`` as they are (it rejects unknown ones with a 400); only the page
number is read leniently, because a link with a stale page past the end should still show something.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

PAGE_SIZE = 25
DEFAULT_SCOPE = "all"


def page_number(value: str | None) -> int:
    """A page number from the query string: 1 when missing or not a positive whole number."""
    try:
        number = int(value or "1")
    except ValueError:
        return 1
    return number if number >= 1 else 1


def page_count(total: int, size: int) -> int:
    """How many pages ``total`` rows fill, ``size`` to a page (at least one, even when empty)."""
    return max(1, -(-total // size))


@dataclass(frozen=True)
class Listing:
    scope: str = DEFAULT_SCOPE        # all | mine | queue
    bucket: str | None = None         # paraf | tanda_tangan | disposisi | lainnya
    process: str | None = None        # a definition key
    status: str | None = None         # open | claimed
    page: int = 1
    size: int = PAGE_SIZE

    @classmethod
    def from_args(cls, args: Mapping[str, str], size: int = PAGE_SIZE) -> Listing:
        def text(name: str) -> str | None:
            return (args.get(name) or "").strip() or None

        return cls(scope=text("scope") or DEFAULT_SCOPE, bucket=text("bucket"), process=text("process"),
                   status=text("status"), page=page_number(args.get("page")), size=size)

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.size

    def args(self, **changes: Any) -> dict[str, Any]:
        """Query arguments for a link to this listing with ``changes`` (defaults left out; any filter change
        goes back to the first page unless ``page`` is given)."""
        if changes and "page" not in changes:
            changes["page"] = 1
        wanted = replace(self, **changes)
        out: dict[str, Any] = {}
        if wanted.scope != DEFAULT_SCOPE:
            out["scope"] = wanted.scope
        for name in ("bucket", "process", "status"):
            value = getattr(wanted, name)
            if value:
                out[name] = value
        if wanted.page > 1:
            out["page"] = wanted.page
        return out

    def pages(self, total: int) -> int:
        return page_count(total, self.size)
