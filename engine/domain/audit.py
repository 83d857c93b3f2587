"""Hash chain of audit entries: each entry commits to the one before it, per instance.

The chain is computed over a canonical JSON form so that PostgreSQL and SQLite, and any later
re-implementation, produce the same digest for the same facts.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

GENESIS = "0" * 64


@dataclass(frozen=True)
class AuditFacts:
    """What an audit entry states; the hash covers exactly these fields."""

    instance_id: int
    seq: int
    at: datetime
    actor: str | None
    action: str
    task_id: str | None
    element_id: str | None
    summary: dict[str, Any]


def canonical_time(moment: datetime) -> str:
    if moment.tzinfo is None:
        raise ValueError("audit times must be timezone-aware")
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


def canonical_json(value: Any) -> str:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str)


def entry_hash(facts: AuditFacts, prev_hash: str) -> str:
    body = {
        "instance_id": facts.instance_id,
        "seq": facts.seq,
        "at": canonical_time(facts.at),
        "actor": facts.actor,
        "action": facts.action,
        "task_id": facts.task_id,
        "element_id": facts.element_id,
        "summary": facts.summary,
        "prev": prev_hash,
    }
    return hashlib.sha256(canonical_json(body).encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class StoredEntry:
    facts: AuditFacts
    prev_hash: str
    hash: str


@dataclass(frozen=True)
class ChainReport:
    instance_id: int
    entries: int
    ok: bool
    first_broken_seq: int | None = None
    reason_id: str | None = None
    reason_en: str | None = None


def verify_chain(
    instance_id: int, entries: list[StoredEntry], head_hash: str | None, head_seq: int
) -> ChainReport:
    """Recompute the chain; name the first entry that does not fit, or a missing tail."""
    prev = GENESIS
    expected_seq = 1
    for entry in entries:
        seq = entry.facts.seq
        if seq != expected_seq:
            return _broken(instance_id, len(entries), expected_seq,
                           f"entri #{expected_seq} hilang", f"entry #{expected_seq} is missing")
        if entry.prev_hash != prev:
            return _broken(instance_id, len(entries), seq,
                           f"entri #{seq} tidak menunjuk entri sebelumnya",
                           f"entry #{seq} does not point at the previous entry")
        if entry_hash(entry.facts, prev) != entry.hash:
            return _broken(instance_id, len(entries), seq,
                           f"isi entri #{seq} telah diubah", f"entry #{seq} was altered")
        prev = entry.hash
        expected_seq += 1
    if head_seq != len(entries) or (head_hash or GENESIS) != prev:
        missing = len(entries) + 1
        return _broken(instance_id, len(entries), missing,
                       f"entri terakhir hilang: tercatat {head_seq}, ditemukan {len(entries)}",
                       f"trailing entries missing: {head_seq} recorded, {len(entries)} found")
    return ChainReport(instance_id, len(entries), True)


def _broken(instance_id: int, count: int, seq: int, reason_id: str, reason_en: str) -> ChainReport:
    return ChainReport(instance_id, count, False, seq, reason_id, reason_en)


def summarize_changes(before: dict[str, Any], after: dict[str, Any], limit: int = 200) -> dict[str, Any]:
    """Which data keys a step added, changed or removed, with shortened new values."""
    changed = {}
    for key, value in after.items():
        if key not in before or before[key] != value:
            changed[key] = _shorten(value, limit)
    removed = sorted(k for k in before if k not in after)
    out: dict[str, Any] = {}
    if changed:
        out["changed"] = changed
    if removed:
        out["removed"] = removed
    return out


def _shorten(value: Any, limit: int) -> Any:
    if isinstance(value, str | int | float | bool) or value is None:
        if isinstance(value, str) and len(value) > limit:
            return value[:limit] + "…"
        return value
    text = canonical_json(value)
    return text if len(text) <= limit else text[:limit] + "…"
