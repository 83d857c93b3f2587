"""What a script can call: the allow-listed built-ins and the registry of helper functions.

Built-ins are a fixed allow-list; everything else a designer may call is a *helper* from the
module-level registry below. A helper is either a pure function (`register_helper`) or a factory
that binds per-call context such as the injected clock (`register_context_helper`); later parts
of Lintas (a working-day calendar, say) register theirs the same way.

Registrations must happen at import time of a module the worker can import: the worker process
imports every module that registered a helper (`helper_modules()`) before it drops privileges,
and a helper registered after the workers started only reaches workers spawned later.
"""

from __future__ import annotations

import builtins
import math
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

from .limits import MAX_POW_BITS, MAX_RANGE_ITEMS
from .policy import DENIED_NAMES

GUARDED_POW = "__lintas_pow__"  # unreachable from scripts: names starting with "_" are refused


class LimitSignal(BaseException):  # noqa: N818 - a signal, not an error a script should catch
    """Raised inside a script when a cap is hit; BaseException so `except Exception` can't eat it."""

    def __init__(self, kind: str, detail_id: str, detail_en: str) -> None:
        super().__init__(detail_en)
        self.kind = kind
        self.detail_id = detail_id
        self.detail_en = detail_en


def safe_range(*args: int) -> range:
    """range() that refuses to describe more than MAX_RANGE_ITEMS items."""
    result = builtins.range(*args)
    try:
        too_long = len(result) > MAX_RANGE_ITEMS
    except OverflowError:  # longer than sys.maxsize
        too_long = True
    if too_long:
        raise LimitSignal(
            "size",
            f"range() paling banyak {MAX_RANGE_ITEMS:,} angka",
            f"range() is capped at {MAX_RANGE_ITEMS:,} items",
        )
    return result


def guarded_pow(base: Any, exponent: Any) -> Any:
    """`base ** exponent`, refusing int results wider than MAX_POW_BITS (e.g. 10**10**10)."""
    if (
        isinstance(base, int)
        and isinstance(exponent, int)
        and exponent > 1
        and abs(base) > 1
        and exponent * math.log2(abs(base)) > MAX_POW_BITS
    ):
        raise LimitSignal(
            "size",
            f"hasil pangkat melebihi {MAX_POW_BITS:,} bit",
            f"power result exceeds {MAX_POW_BITS:,} bits",
        )
    return base**exponent


_EXCEPTIONS = (
    Exception, ArithmeticError, LookupError, ValueError, KeyError, TypeError, ZeroDivisionError,
    IndexError, OverflowError, AttributeError,
)  # fmt: skip

SAFE_BUILTINS: dict[str, Any] = {
    **{
        f.__name__: f
        for f in (
            abs,
            all,
            any,
            bool,
            dict,
            enumerate,
            filter,
            float,
            int,
            isinstance,
            len,
            list,
            map,
            max,
            min,
            reversed,
            round,
            set,
            sorted,
            str,
            sum,
            tuple,
            zip,
        )  # fmt: skip
    },
    "range": safe_range,
    "True": True,
    "False": False,
    "None": None,
    **{exc.__name__: exc for exc in _EXCEPTIONS},
}

# Calls the in-process fast path may make: each costs at most linear time in its argument.
FAST_CALLS: dict[str, Callable[..., Any]] = {f.__name__: f for f in (len, bool, abs, min, max, str, int, float)}


@dataclass(frozen=True)
class HelperContext:
    """Per-call facts a helper may depend on; `now` is the caller's injected clock reading."""

    now: datetime


HelperFactory = Callable[[HelperContext], Any]
_REGISTRY: dict[str, HelperFactory] = {}
_MODULES: dict[str, None] = {}  # insertion-ordered set of modules that registered helpers


def register_context_helper(name: str, factory: HelperFactory, *, module: str | None = None) -> None:
    """Register `factory(context) -> value` under `name`; the value is built afresh per call."""
    if not name.isidentifier() or name.startswith("_") or name in DENIED_NAMES or name in SAFE_BUILTINS:
        raise ValueError(f"invalid helper name {name!r}")
    if name in _REGISTRY:
        raise ValueError(f"helper {name!r} is already registered")
    _REGISTRY[name] = factory
    owner = module or getattr(factory, "__module__", None)
    own = __package__ or "engine.sandbox"
    if owner and owner != "__main__" and owner != own and not owner.startswith(own + "."):
        _MODULES[owner] = None


def register_helper(name: str, value: Any, *, module: str | None = None) -> Any:
    """Register a pure function (or a class such as `date`) that scripts may call by `name`."""
    register_context_helper(name, lambda _ctx: value, module=module or getattr(value, "__module__", None))
    return value


def helper_names() -> frozenset[str]:
    return frozenset(_REGISTRY)


def helper_modules() -> tuple[str, ...]:
    """Modules outside engine.sandbox that registered helpers; the worker imports them."""
    return tuple(_MODULES)


def build_globals(context: HelperContext) -> dict[str, Any]:
    """A fresh globals dict for one script run: allow-listed built-ins plus every helper."""
    namespace: dict[str, Any] = {"__builtins__": SAFE_BUILTINS, GUARDED_POW: guarded_pow}
    for name, factory in _REGISTRY.items():
        namespace[name] = factory(context)
    return namespace


def _as_date(value: date | str) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return parse_date(value)


def parse_date(text: str) -> date:
    """'2026-03-17' -> date(2026, 3, 17); a full ISO datetime string yields its date part."""
    if not isinstance(text, builtins.str):
        raise TypeError("parse_date() expects a string like '2026-03-17'")
    return datetime.fromisoformat(text).date() if len(text) > 10 else date.fromisoformat(text)


def parse_datetime(text: str) -> datetime:
    """ISO 8601 text -> datetime (an offset or 'Z' gives an aware datetime)."""
    if not isinstance(text, builtins.str):
        raise TypeError("parse_datetime() expects an ISO 8601 string")
    return datetime.fromisoformat(text)


def days_between(start: date | str, end: date | str) -> int:
    """Calendar days from `start` to `end` (negative if `end` is earlier); datetimes use their date."""
    return (_as_date(end) - _as_date(start)).days


for _value in (date, datetime, time, timedelta, Decimal, parse_date, parse_datetime, days_between):
    register_helper(_value.__name__, _value, module=__name__)
register_context_helper("now", lambda ctx: lambda: ctx.now)
register_context_helper("today", lambda ctx: lambda: ctx.now.date())
