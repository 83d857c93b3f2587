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
  but a plain name (the guarded power rewrite needs a plain target);
- nothing nested deeper than MAX_AST_DEPTH (keeps every later recursive stage safe).
f-strings are allowed: their expressions are ordinary AST nodes checked by the same rules, and a
format spec or a !r/!s/!a conversion cannot reach attributes. Match-class keyword patterns
(`case C(attr=...)`) read attributes, so their keys follow the attribute rules.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass

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


@dataclass(frozen=True)
class Scan:
    """What one pass over a tree found: violations, identifiers used, and whether `**` occurs."""

    violations: list[Violation]
    names: frozenset[str]
    has_pow: bool


# Where each node type keeps the identifier it reads or binds (attributes are separate).
_IDENTIFIER_FIELD: dict[type[ast.AST], str] = {
    ast.Name: "id", ast.FunctionDef: "name", ast.AsyncFunctionDef: "name", ast.ClassDef: "name",
    ast.arg: "arg", ast.keyword: "arg", ast.ExceptHandler: "name", ast.MatchAs: "name",
    ast.MatchStar: "name", ast.MatchMapping: "rest",
}  # fmt: skip
# Leaf nodes without anything to check; not pushed, which saves most of the walk.
_LEAVES = (ast.expr_context, ast.operator, ast.boolop, ast.unaryop, ast.cmpop)


def scan(tree: ast.AST, max_depth: int = MAX_AST_DEPTH) -> Scan:
    """Check every node in one iterative pass (no recursion, however deep the source nests).

    A tree nested deeper than `max_depth` yields a single "too_complex" violation: later stages
    (CPython's compiler, our rewrites) recurse, and a designer never needs such nesting.
    """
    found: list[Violation] = []
    names: set[str] = set()
    has_pow = False
    stack: list[tuple[ast.AST, int]] = [(tree, 0)]
    while stack:
        node, depth = stack.pop()
        if depth > max_depth:
            return Scan([_at(node, "too_complex")], frozenset(), False)
        if len(found) < MAX_VIOLATIONS:
            found.extend(_check_node(node))
        if isinstance(node, ast.Name):
            names.add(node.id)
        elif isinstance(node, ast.BinOp | ast.AugAssign) and isinstance(node.op, ast.Pow):
            has_pow = True
        for field in node._fields:
            value = getattr(node, field, None)
            if isinstance(value, list):
                stack.extend((item, depth + 1) for item in value if isinstance(item, ast.AST))
            elif isinstance(value, ast.AST) and not isinstance(value, _LEAVES):
                stack.append((value, depth + 1))
    found.sort(key=lambda v: (v.line, v.col))
    return Scan(found[:MAX_VIOLATIONS], frozenset(names), has_pow)


def _at(node: ast.AST, code: str, **values: object) -> Violation:
    return violation(code, getattr(node, "lineno", 1), getattr(node, "col_offset", 0), **values)


def _check_node(node: ast.AST) -> Iterator[Violation]:
    kind = type(node)
    refused = _REFUSED_NODES.get(kind)
    if refused is not None:
        yield _at(node, refused)
    field = _IDENTIFIER_FIELD.get(kind)
    if field is not None:
        name = getattr(node, field)
        if name is not None:
            yield from _check_name(node, name)
    if isinstance(node, ast.Attribute):
        yield from _check_attribute(node, node.attr)
    elif isinstance(node, ast.MatchClass):
        for key in node.kwd_attrs:
            yield from _check_attribute(node, key)
    elif isinstance(node, ast.ExceptHandler) and node.type is None:
        yield _at(node, "bare_except")
    elif isinstance(node, ast.AugAssign) and isinstance(node.op, ast.Pow):
        if not isinstance(node.target, ast.Name):
            yield _at(node, "power_assign")


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
