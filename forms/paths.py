"""Field paths as clerks and templates see them ("lampiran[1].nama"), and their display order.

Errors are sorted the way the form is laid out: by each field's declared position (``x-order``
or the order of ``properties``), array rows by index, a parent before its children. Field names
that are not plain identifiers are quoted so a path can always be read back unambiguously.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from typing import Any

from forms.walk import property_order, resolve, schema_at

_PLAIN_NAME = re.compile(r"[A-Za-z0-9_-]+")

PathKey = tuple[tuple[int, str], ...]


def format_path(path: Iterable[str | int]) -> str:
    out = ""
    for step in path:
        if isinstance(step, int):
            out += f"[{step}]"
        elif _PLAIN_NAME.fullmatch(step):
            out += f".{step}" if out else step
        else:
            out += f"[{json.dumps(step, ensure_ascii=False)}]"
    return out


class PathOrder:
    """Sort keys for paths under one schema; caches the declared order of each object it meets."""

    def __init__(self, root: Any) -> None:
        self._root = root
        self._orders: dict[tuple[str | int, ...], dict[str, int]] = {}

    def _order_of(self, parent: tuple[str | int, ...]) -> dict[str, int]:
        if parent not in self._orders:
            names = property_order(self._root, resolve(self._root, schema_at(self._root, parent)))
            self._orders[parent] = {name: i for i, name in enumerate(names)}
        return self._orders[parent]

    def key(self, path: tuple[str | int, ...]) -> PathKey:
        parts: list[tuple[int, str]] = []
        for depth, step in enumerate(path):
            if isinstance(step, int):
                parts.append((step, ""))
                continue
            order = self._order_of(path[:depth])
            # Undeclared names (unknown fields) come after the declared ones, alphabetically.
            parts.append((order.get(step, len(order)), step))
        return tuple(parts)
