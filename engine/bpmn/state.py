"""Saving and loading live workflow state; specs are restored once per definition version and cached.

The saved state holds tasks, data and events only. Specs are immutable once parsed, so instances of
the same version share one restored copy instead of re-reading kilobytes of spec on every step.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from SpiffWorkflow.bpmn.workflow import BpmnWorkflow

from engine.bpmn.dialects import Dialect, get
from engine.domain.lru import Lru

SPEC_CACHE_SIZE = 128


@dataclass(frozen=True)
class Specs:
    dialect: Dialect
    spec: Any
    subprocess_specs: dict[str, Any]


def specs_to_json(dialect: Dialect, spec: Any, subprocess_specs: dict[str, Any]) -> str:
    registry = dialect.registry
    body = {
        "dialect": dialect.name,
        "spec": registry.convert(spec),
        "subprocess_specs": {name: registry.convert(s) for name, s in subprocess_specs.items()},
    }
    return json.dumps(body, separators=(",", ":"))


class SpecCache:
    """Restored specs by definition version id; versions never change, so entries never go stale."""

    def __init__(self, size: int = SPEC_CACHE_SIZE) -> None:
        self._items: Lru[int, Specs] = Lru(size)

    def get(self, version_id: int, spec_json: str | Callable[[], str]) -> Specs:
        return self._items.get_or_make(
            version_id, lambda: restore_specs(spec_json if isinstance(spec_json, str) else spec_json())
        )


def restore_specs(spec_json: str) -> Specs:
    body = json.loads(spec_json)
    dialect = get(body["dialect"])
    registry = dialect.registry
    spec = registry.restore(body["spec"])
    subprocess_specs = {name: registry.restore(s) for name, s in body["subprocess_specs"].items()}
    return Specs(dialect, spec, subprocess_specs)


def serializer_version(dialect: Dialect) -> str:
    return str(dialect.serializer.VERSION)


def dump_state(specs: Specs, workflow: BpmnWorkflow) -> str:
    return str(specs.dialect.serializer.serialize_json(workflow))


def load_state(specs: Specs, state_json: str) -> BpmnWorkflow:
    serializer = specs.dialect.serializer
    dct = json.loads(state_json)
    version = dct.get(serializer.VERSION_KEY)
    if version != serializer.VERSION:
        raise ValueError(
            f"state was saved by serializer {version}, this engine reads {serializer.VERSION}"
        )
    dct.pop(serializer.VERSION_KEY)
    workflow: BpmnWorkflow = serializer.registry.restore(
        dct, spec=specs.spec, subprocess_specs=specs.subprocess_specs
    )
    return workflow


def to_plain(specs: Specs, value: Any) -> Any:
    """JSON-safe form of task data or message payloads, using the dialect's registry."""
    return specs.dialect.registry.convert(value)


def from_plain(specs: Specs, value: Any) -> Any:
    return specs.dialect.registry.restore(value)
