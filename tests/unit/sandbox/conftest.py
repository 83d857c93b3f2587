"""Shared fixtures for the script sandbox tests: one sandbox per session keeps worker spawns few."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest

from engine.sandbox import SandboxLimits, ScriptSandbox

# A short time limit keeps the runaway-loop tests quick; real calls take milliseconds.
TEST_LIMITS = SandboxLimits(timeout_seconds=1.0, workers=2)


@pytest.fixture(scope="session")
def sandbox() -> Iterator[ScriptSandbox]:
    with ScriptSandbox(TEST_LIMITS) as box:
        yield box


def _assert_still_serving(box: ScriptSandbox) -> None:
    assert box.evaluate("1 + 1 == 2", {}) is True  # fast path, in process
    assert box.evaluate("sum([1, 1]) == 2", {}) is True  # through a (possibly respawned) worker


@pytest.fixture
def still_serving() -> Callable[[ScriptSandbox], None]:
    """Assert that a sandbox answers on the fast path and through a worker."""
    return _assert_still_serving
