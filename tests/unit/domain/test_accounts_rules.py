"""Password rules and the sign-in lock, as pure functions."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from engine.domain.accounts import LOCK_DURATION, check_password, locked_until
from engine.domain.errors import InvalidInput

T0 = datetime(2026, 3, 17, 2, 0, tzinfo=UTC)


def minutes(*offsets: float) -> list[datetime]:
    return [T0 + timedelta(minutes=m) for m in offsets]


def test_passwords_shorter_than_ten_characters_are_refused_in_indonesian() -> None:
    with pytest.raises(InvalidInput) as refused:
        check_password("budi", "123456789")
    assert refused.value.message_id == "kata sandi terlalu pendek: minimal 10 karakter"
    check_password("budi", "1234567890")
    with pytest.raises(InvalidInput, match="sama dengan nama pengguna"):
        check_password("budi.santoso", "BUDI.SANTOSO")
    with pytest.raises(InvalidInput, match="terlalu panjang"):
        check_password("budi", "x" * 257)


def test_five_failures_within_fifteen_minutes_lock_for_fifteen_minutes_after_the_fifth() -> None:
    assert locked_until(minutes(0, 1, 2, 3)) is None
    assert locked_until(minutes(0, 1, 2, 3, 14)) == T0 + timedelta(minutes=14) + LOCK_DURATION
    assert locked_until(minutes(0, 1, 2, 3, 15)) is None            # the fifth came after the window
    assert locked_until(minutes(0, 10, 16, 17, 18, 19)) == T0 + timedelta(minutes=19) + LOCK_DURATION


def test_failures_after_a_lock_ended_start_a_new_count() -> None:
    locked = minutes(0, 1, 2, 3, 4)
    assert locked_until(locked + minutes(20)) == T0 + timedelta(minutes=4) + LOCK_DURATION   # already over
    assert locked_until(locked + minutes(20, 21, 22, 23, 24)) == T0 + timedelta(minutes=24) + LOCK_DURATION
