"""Parse, police, rewrite and compile a source once; cache the outcome by (source, mode).

Both the server and the worker call `prepare`: the server to refuse early, to pick the fast path
and to know which variables to send; the worker to get its own code object (code objects never
cross the boundary). The one rewrite turns `a ** b` into a guarded call so `10**10**10` stops at
once instead of burning the whole time limit.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from functools import lru_cache
from types import CodeType
from typing import Literal

from .errors import Violation
from .fastpath import is_fast
from .helpers import GUARDED_POW
from .messages import violation
from .policy import scan

Mode = Literal["exec", "eval"]
FILENAME = "<script>"


@dataclass(frozen=True)
class Prepared:
    """A checked source: either violations, or code plus the facts the runtime needs."""

    violations: tuple[Violation, ...]
    code: CodeType | None = None
    names: frozenset[str] = frozenset()  # every identifier the source mentions
    fast: bool = False  # eval-mode expression safe to evaluate in the server process


class _PowGuard(ast.NodeTransformer):
    """Rewrite `a ** b` to `__lintas_pow__(a, b)` and `x **= y` to `x = __lintas_pow__(x, y)`."""

    def visit_BinOp(self, node: ast.BinOp) -> ast.AST:
        self.generic_visit(node)
        if not isinstance(node.op, ast.Pow):
            return node
        return ast.copy_location(_guard_call(node.left, node.right), node)

    def visit_AugAssign(self, node: ast.AugAssign) -> ast.AST:
        self.generic_visit(node)
        if not isinstance(node.op, ast.Pow) or not isinstance(node.target, ast.Name):
            return node  # the policy refuses a non-name `**=` target
        current = ast.Name(id=node.target.id, ctx=ast.Load())
        target = ast.Name(id=node.target.id, ctx=ast.Store())
        return ast.copy_location(ast.Assign(targets=[target], value=_guard_call(current, node.value)), node)


def _guard_call(left: ast.expr, right: ast.expr) -> ast.Call:
    return ast.Call(func=ast.Name(id=GUARDED_POW, ctx=ast.Load()), args=[left, right], keywords=[])


def _syntax(error: SyntaxError) -> Prepared:
    line = error.lineno or 1
    col = max((error.offset or 1) - 1, 0)
    return Prepared((violation("syntax", line, col, detail=error.msg),))


@lru_cache(maxsize=512)
def prepare(source: str, mode: Mode) -> Prepared:
    """Check and compile `source`; never runs it. Length limits are the caller's job."""
    if mode not in ("exec", "eval"):
        raise ValueError(f"mode must be 'exec' or 'eval', not {mode!r}")
    try:
        tree: ast.AST = ast.parse(source, FILENAME, mode)
    except SyntaxError as error:
        return _syntax(error)
    except ValueError:  # NUL bytes in the source
        return Prepared((violation("syntax", 1, 0, detail="source contains a NUL character"),))
    except (MemoryError, RecursionError):  # the parser's own stack guard
        return Prepared((violation("too_complex", 1, 0),))
    found = scan(tree)
    if found.violations:
        return Prepared(tuple(found.violations))
    fast = mode == "eval" and is_fast(tree)
    if found.has_pow:
        tree = ast.fix_missing_locations(_PowGuard().visit(tree))
    try:
        # dont_inherit: this module's `from __future__` flags must not change script semantics.
        assert isinstance(tree, ast.Module | ast.Expression)
        code = compile(tree, FILENAME, mode, dont_inherit=True)
    except SyntaxError as error:  # e.g. 'return' outside a function is found by the compiler
        return _syntax(error)
    except (MemoryError, RecursionError):
        return Prepared((violation("too_complex", 1, 0),))
    return Prepared((), code, found.names, fast)
