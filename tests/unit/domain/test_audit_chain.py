"""The audit hash chain, computed and verified without a database."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from engine.domain.audit import GENESIS, AuditFacts, StoredEntry, entry_hash, summarize_changes, verify_chain

T0 = datetime(2026, 3, 17, 2, 0, tzinfo=UTC)


def chain(n: int) -> list[StoredEntry]:
    entries, prev = [], GENESIS
    for seq in range(1, n + 1):
        facts = AuditFacts(7, seq, T0 + timedelta(minutes=seq), "budi", "task_completed", "t", "e", {"n": seq})
        digest = entry_hash(facts, prev)
        entries.append(StoredEntry(facts, prev, digest))
        prev = digest
    return entries


def test_intact_chain() -> None:
    entries = chain(5)
    report = verify_chain(7, entries, entries[-1].hash, 5)
    assert report.ok and report.entries == 5


def test_every_field_is_covered_by_the_hash() -> None:
    entries = chain(3)
    for change in ({"actor": "penyusup"}, {"action": "x"}, {"summary": {"n": 99}}, {"at": T0},
                   {"task_id": "u"}, {"element_id": "z"}):
        tampered = list(entries)
        tampered[1] = replace(entries[1], facts=replace(entries[1].facts, **change))
        report = verify_chain(7, tampered, entries[-1].hash, 3)
        assert (report.ok, report.first_broken_seq) == (False, 2), change


def test_reordered_or_missing_entries() -> None:
    entries = chain(4)
    assert verify_chain(7, [entries[0], entries[2], entries[3]], entries[-1].hash, 4).first_broken_seq == 2
    assert verify_chain(7, entries[:3], entries[-1].hash, 4).first_broken_seq == 4
    forged = chain(4)
    assert verify_chain(7, forged, "f" * 64, 4).ok is False


def test_time_is_canonical_across_zones() -> None:
    facts = chain(1)[0].facts
    wib = replace(facts, at=facts.at.astimezone(__import__("zoneinfo").ZoneInfo("Asia/Jakarta")))
    assert entry_hash(facts, GENESIS) == entry_hash(wib, GENESIS)


@given(st.dictionaries(st.text(max_size=5), st.integers() | st.text(max_size=300)),
       st.dictionaries(st.text(max_size=5), st.integers() | st.text(max_size=300)))
def test_summary_lists_exactly_what_changed(before: dict, after: dict) -> None:  # type: ignore[type-arg]
    summary = summarize_changes(before, after)
    assert set(summary.get("changed", {})) == {k for k in after if k not in before or before[k] != after[k]}
    assert summary.get("removed", []) == sorted(k for k in before if k not in after)
    for value in summary.get("changed", {}).values():
        assert not isinstance(value, str) or len(value) <= 201
