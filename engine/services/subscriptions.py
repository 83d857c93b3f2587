"""Message subscriptions of a waiting instance, and the correlation rule they follow."""

from __future__ import annotations

from typing import Any

from engine.bpmn.instance import MessageWait, canonical


def subscription_rows(waits: list[MessageWait]) -> list[tuple[str, str | None, str | None]]:
    rows: list[tuple[str, str | None, str | None]] = []
    for wait in waits:
        if not wait.correlations:
            rows.append((wait.message_name, None, None))
        for key, value in wait.correlations.items():
            rows.append((wait.message_name, key, value))
    return list(dict.fromkeys(rows))


def matches(wait: MessageWait, correlations: dict[str, Any]) -> bool:
    if not wait.correlations:
        return True
    return any(wait.correlations.get(k) == canonical(v) for k, v in correlations.items())
