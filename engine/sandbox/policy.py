"""Static, AST-based policy for designer scripts and expressions: what source may ever run.

The rules (each broken rule becomes a `Violation` with line and column):
- no `import`, `class`, `async`/`await`, `yield`, and no `global`/`nonlocal` (refused so the only
  way out of a function is its return value, which keeps the data flow of a script visible);
- no name, argument, keyword or attribute starting with `_` (covers every dunder, hence every
  classic escape through `__class__`, `__globals__`, `__subclasses__`, ...);
- no attribute from `DENIED_ATTRIBUTES`: the frame/code/traceback handles of generators,
  coroutines and frames, `mro`, and `format`/`format_map` (a format string such as
  "{0.__class__}" walks attributes at run time, out of reach of this AST check);
- no use of a dangerous built-in name from `DENIED_NAMES`, in any context (read, assign, def,
  argument); `hash` is refused too because string hashes differ between processes;
- no bare `except:` (it would swallow the sandbox's own limit signals) and no `**=` on anything
  but a plain name (the guarded power rewrite needs a plain target).
f-strings are allowed: their expressions are ordinary AST nodes checked by the same rules, and a
format spec or a !r/!s/!a conversion cannot reach attributes. Match-class keyword patterns
(`case C(attr=...)`) read attributes, so their keys follow the attribute rules.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator

from .errors import Violation
from .limits import MAX_AST_DEPTH
from .messages import violation

DENIED_NAMES = frozenset(
    {
        "eval", "exec", "compile", "open", "getattr", "setattr", "delattr", "globals", "locals",
        "vars", "dir", "type", "object", "breakpoint", "input", "help", "memoryview", "print",
        "exit", "quit", "super", "classmethod", "staticmethod", "property", "id", "hash",
    }
)  # fmt: skip

DENIED_ATTRIBUTES = frozenset(
    {
        "gi_frame", "gi_code", "gi_yieldfrom", "gi_running", "cr_frame", "cr_code", "cr_await",
        "ag_frame", "ag_code", "ag_await", "f_globals", "f_locals", "f_builtins", "f_back",
        "f_code", "f_trace", "co_code", "co_consts", "tb_frame", "tb_next", "func_globals",
        "func_code", "mro", "format", "format_map",
    }
)  # fmt: skip

MAX_VIOLATIONS = 50  # enough to fix a script in one go; a flood helps nobody

_REFUSED_NODES: dict[type[ast.AST], str] = {
    ast.Import: "import",
    ast.ImportFrom: "import",
    ast.ClassDef: "class",
    ast.AsyncFunctionDef: "async",
    ast.AsyncFor: "async",
    ast.AsyncWith: "async",
    ast.Await: "async",
    ast.Global: "global",
    ast.Nonlocal: "global",
    ast.Yield: "yield",
    ast.YieldFrom: "yield",
}


def depth_exceeds(tree: ast.AST, limit: int = MAX_AST_DEPTH) -> ast.AST | None:
    """Return the first node nested deeper than `limit`, walking iteratively (no recursion)."""
    stack: list[tuple[ast.AST, int]] = [(tree, 0)]
    while stack:
        node, depth = stack.pop()
        if depth > limit:
            return node
        stack.extend((child, depth + 1) for child in ast.iter_child_nodes(node))
    return None


def find_violations(tree: ast.AST) -> list[Violation]:
    """All policy violations in a parsed tree, sorted by position."""
    found: list[Violation] = []
    for node in ast.walk(tree):
        found.extend(_check_node(node))
        if len(found) >= MAX_VIOLATIONS:
            break
    found.sort(key=lambda v: (v.line, v.col))
    return found[:MAX_VIOLATIONS]


def _at(node: ast.AST, code: str, **values: object) -> Violation:
    return violation(code, getattr(node, "lineno", 1), getattr(node, "col_offset", 0), **values)


def _check_node(node: ast.AST) -> Iterator[Violation]:
    refused = _REFUSED_NODES.get(type(node))
    if refused is not None:
        yield _at(node, refused)
    if isinstance(node, ast.Attribute):
        yield from _check_attribute(node, node.attr)
    elif isinstance(node, ast.MatchClass):
        for key in node.kwd_attrs:
            yield from _check_attribute(node, key)
    elif isinstance(node, ast.ExceptHandler) and node.type is None:
        yield _at(node, "bare_except")
    elif isinstance(node, ast.AugAssign):
        if isinstance(node.op, ast.Pow) and not isinstance(node.target, ast.Name):
            yield _at(node, "power_assign")
    for name in _bound_names(node):
        yield from _check_name(node, name)


def _check_attribute(node: ast.AST, attr: str) -> Iterator[Violation]:
    if attr.startswith("_"):
        yield _at(node, "private_attribute", name=attr)
    elif attr in DENIED_ATTRIBUTES:
        yield _at(node, "denied_attribute", name=attr)


def _check_name(node: ast.AST, name: str) -> Iterator[Violation]:
    if name.startswith("_"):
        yield _at(node, "private_name", name=name)
    elif name in DENIED_NAMES:
        yield _at(node, "denied_name", name=name)


def _bound_names(node: ast.AST) -> Iterator[str]:
    """Every identifier a node reads or binds (attributes are handled separately)."""
    if isinstance(node, ast.Name):
        yield node.id
    elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
        yield node.name
    elif isinstance(node, ast.arg):
        yield node.arg
    elif isinstance(node, ast.keyword) and node.arg is not None:
        yield node.arg
    elif isinstance(node, ast.ExceptHandler) and node.name is not None:
        yield node.name
    elif isinstance(node, ast.MatchAs | ast.MatchStar) and node.name is not None:
        yield node.name
    elif isinstance(node, ast.MatchMapping) and node.rest is not None:
        yield node.rest
    elif isinstance(node, ast.alias):
        yield (node.asname or node.name).split(".")[0]
