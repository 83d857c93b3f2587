"""In-process evaluation of expressions that are provably cheap, skipping the worker round trip.

The rule: an eval-mode expression takes the fast path only if its AST has at most
`MAX_FAST_NODES` nodes and every node is one of

    Constant, Name (not a helper or built-in name), Compare (any operator), BoolOp (and/or),
    UnaryOp (not, -, +), IfExp, Subscript whose index is a Constant or a Name (no slices),
    List/Tuple/Set/Dict literals (no * or ** unpacking),
    BinOp with + or - (at most `MAX_FAST_BINOPS` of them),
    Call of len/bool/abs/min/max/str/int/float by name with plain positional arguments.

Why that is safe to run in the server: none of these nodes can loop, define a function, reach an
attribute or call anything but the eight built-ins above, and each node costs at most time linear
in the size of its operands. Nothing can grow faster than the inputs either: + and - can at most
concatenate what is already there, and there are at most MAX_FAST_BINOPS of them (so `a + a`
repeated thousands of times stays in the worker). The whole evaluation is therefore
O(MAX_FAST_NODES x size of the referenced variables), with no way to build a large intermediate.
`*`, `**`, `%`, comprehensions, method calls, helpers and everything else go to a worker.

Names of helpers and built-ins are kept out so both paths resolve every name the same way.
Referenced variables and the result go through the same type check as the worker path, so
switching paths never changes which values are accepted.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator, Mapping
from types import CodeType
from typing import Any

from .codec import CodecError, from_wire, to_wire
from .helpers import FAST_CALLS, GUARDED_POW, SAFE_BUILTINS, helper_names

MAX_FAST_NODES = 64
MAX_FAST_BINOPS = 4

_PLAIN_NODES: tuple[type[ast.AST], ...] = (
    ast.Expression, ast.Constant, ast.Name, ast.Load, ast.BoolOp, ast.And, ast.Or, ast.IfExp,
    ast.List, ast.Tuple, ast.Set, ast.Not, ast.USub, ast.UAdd, ast.Add, ast.Sub,
    ast.Eq, ast.NotEq, ast.Lt, ast.LtE, ast.Gt, ast.GtE, ast.In, ast.NotIn, ast.Is, ast.IsNot,
)  # fmt: skip
_ARITY = {"len": (1, 1), "bool": (1, 1), "abs": (1, 1), "str": (1, 1), "float": (1, 1),
          "int": (1, 2), "min": (1, 8), "max": (1, 8)}  # fmt: skip


def is_fast(tree: ast.AST) -> bool:
    """True when `tree` (an ast.Expression) satisfies the fast-path rule in the module docstring."""
    nodes = list(_walk_limited(tree))
    if len(nodes) > MAX_FAST_NODES:
        return False
    reserved = helper_names() | SAFE_BUILTINS.keys() | {GUARDED_POW}
    call_targets = {id(node.func) for node in nodes if isinstance(node, ast.Call) and _fast_call(node)}
    binops = 0
    for node in nodes:
        if isinstance(node, ast.Name):
            if id(node) not in call_targets and node.id in reserved:
                return False
        elif isinstance(node, ast.Call):
            if id(node.func) not in call_targets:
                return False
        elif isinstance(node, ast.BinOp):
            binops += 1
            if binops > MAX_FAST_BINOPS:
                return False
        elif isinstance(node, ast.UnaryOp | ast.Compare | ast.Dict | ast.Subscript):
            if not _fast_compound(node):
                return False
        elif not isinstance(node, _PLAIN_NODES):
            return False
    return True


def _walk_limited(tree: ast.AST) -> Iterator[ast.AST]:
    # Stop walking soon after the cap: a long expression is not fast, however simple.
    for count, node in enumerate(ast.walk(tree)):
        if count > MAX_FAST_NODES:
            yield node
            return
        yield node


def _fast_call(node: ast.Call) -> bool:
    if not isinstance(node.func, ast.Name) or node.func.id not in FAST_CALLS or node.keywords:
        return False
    low, high = _ARITY[node.func.id]
    return low <= len(node.args) <= high and not any(isinstance(a, ast.Starred) for a in node.args)


def _fast_compound(node: ast.AST) -> bool:
    if isinstance(node, ast.UnaryOp):
        return isinstance(node.op, ast.Not | ast.USub | ast.UAdd)
    if isinstance(node, ast.Dict):
        return None not in node.keys  # a None key is `**mapping` unpacking
    if isinstance(node, ast.Subscript):
        return isinstance(node.slice, ast.Constant | ast.Name)
    return True  # Compare: every comparison operator is in _PLAIN_NODES


def run_fast(code: CodeType, names: frozenset[str], variables: Mapping[str, Any]) -> Any:
    """Evaluate a fast-path expression in process. Exceptions propagate to the caller."""
    namespace: dict[str, Any] = dict(FAST_CALLS)
    for name in names:
        if name in variables:
            value = variables[name]
            try:
                to_wire(value)  # same type check as the worker path
            except CodecError as error:
                raise error.at(name) from None
            namespace[name] = value
    result = eval(code, {"__builtins__": {}}, namespace)  # noqa: S307 - checked fast-path code only
    if isinstance(result, list | dict | set | tuple):
        # Hand back a copy, as the worker path does, so callers never alias their own data.
        return from_wire(to_wire(result))
    to_wire(result)
    return result
