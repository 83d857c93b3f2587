"""Values as they travel through an HTML form: typed JSON to the text of a control and back.

Each pair here is an inverse: whatever ``*_text`` writes into a control, the matching reader
turns back into the same value, so a form submitted unchanged gives back the data it showed.
Readers never raise; they return ``None`` for text they cannot read, and the parser reports it.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import re
from collections.abc import Sequence
from typing import Any

from forms.fields import Choice

# Western Indonesia Time; the caller passes the tenant's zone (WITA, WIT) where it differs.
WIB = dt.timezone(dt.timedelta(hours=7), "WIB")

MAX_NUMBER_TEXT = 40  # characters; a longer "number" is refused before it is converted
_PLAIN = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]{1,3})?")
_GROUPED_ID = re.compile(r"[+-]?[1-9][0-9]{0,2}(?:\.[0-9]{3})+(?:,[0-9]+)?")  # 1.500.000,25
_GROUPED_EN = re.compile(r"[+-]?[1-9][0-9]{0,2}(?:,[0-9]{3})+(?:\.[0-9]+)?")  # 1,500,000.25
_SPACES = re.compile(r"[ \u00a0\u202f]")  # "1 500 000" as some people group digits
_LOCAL = re.compile(r"([0-9]{4}-[0-9]{2}-[0-9]{2})[Tt ]([0-9]{2}):([0-9]{2})(?::([0-9]{2}))?")
_CLOCK = re.compile(r"([0-9]{2}):([0-9]{2})(?::([0-9]{2}))?")


def number_text(value: Any, locale: str, *, html: bool = False) -> str:
    """A number for a text box: "2,5" in Indonesian, "2.5" in English or a type=number box; no grouping."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return "" if value is None else str(value)
    text = str(value) if isinstance(value, int) else repr(value)
    return text if html or locale == "en" else text.replace(".", ",")


def read_number(text: str, locale: str, *, html: bool = False) -> int | float | None:
    """Read a typed number. Indonesian first: "2,5" is two and a half, "1.500.000" is 1500000.

    A dot is a thousands separator only in a well-formed group ("1.500", "12.000.000"),
    otherwise a decimal point ("2.5"), so a number typed either way reads as meant. ``locale
    "en"`` swaps the roles; ``html`` reads the syntax of a type=number box (dot decimal only).
    Text without a fraction or exponent gives an int, so 12 digits of Rupiah stay exact.
    """
    text = _SPACES.sub("", text.strip())
    if not text or len(text) > MAX_NUMBER_TEXT:
        return None
    if not html:
        grouped, group, decimal = (_GROUPED_EN, ",", ".") if locale == "en" else (_GROUPED_ID, ".", ",")
        if grouped.fullmatch(text):
            text = text.replace(group, "").replace(decimal, ".")
        elif "," in text and "." not in text and text.count(",") == 1:
            text = text.replace(",", ".")
    if not _PLAIN.fullmatch(text):
        return None
    if not any(c in text for c in ".eE"):
        return int(text)
    number = float(text)
    return number if math.isfinite(number) else None


def read_integer(text: str, locale: str, *, html: bool = False) -> int | None:
    number = read_number(text, locale, html=html)
    if isinstance(number, float):
        return int(number) if number.is_integer() and abs(number) < 2**63 else None
    return number


def choice_token(value: Any) -> str:
    """The ``value`` attribute of an option: text as is, anything else as JSON (3, true, null)."""
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


def read_choice(choices: Sequence[Choice], token: str) -> Any:
    """The choice value a submitted token stands for; the token itself when none matches."""
    for choice in choices:
        if isinstance(choice.value, str) and choice.value == token:
            return choice.value
    for choice in choices:
        if not isinstance(choice.value, str) and choice_token(choice.value) == token:
            return choice.value
    return token  # validation reports it against the schema's choices


def local_datetime_text(value: Any, zone: dt.tzinfo) -> str:
    """A stored RFC 3339 date-time as a datetime-local box shows it, in the tenant's zone."""
    if not isinstance(value, str):
        return ""
    try:
        moment = dt.datetime.fromisoformat(value.replace("z", "Z"))
    except ValueError:
        return value  # shown as sent, so the person sees what to correct
    if moment.tzinfo is not None:
        moment = moment.astimezone(zone)
    pattern = "%Y-%m-%dT%H:%M:%S" if moment.second else "%Y-%m-%dT%H:%M"
    return moment.strftime(pattern)


def read_local_datetime(text: str, zone: dt.tzinfo) -> str:
    """"2026-03-17T09:30" from a datetime-local box -> "2026-03-17T09:30:00+07:00"; other text as is."""
    match = _LOCAL.fullmatch(text.strip())
    if not match:
        return text
    day, hour, minute, second = match.groups()
    try:
        moment = dt.datetime.fromisoformat(f"{day}T{hour}:{minute}:{second or '00'}").replace(tzinfo=zone)
    except ValueError:
        return text
    return moment.isoformat()


def clock_text(value: Any, zone: dt.tzinfo) -> str:
    """A stored RFC 3339 time ("09:30:00+07:00") as a type=time box shows it."""
    if not isinstance(value, str):
        return ""
    try:
        moment = dt.datetime.fromisoformat(f"2000-01-01T{value.replace('z', 'Z')}")
    except ValueError:
        return value
    if moment.tzinfo is not None:
        moment = moment.astimezone(zone)
    return moment.strftime("%H:%M:%S" if moment.second else "%H:%M")


def read_clock(text: str, zone: dt.tzinfo) -> str:
    match = _CLOCK.fullmatch(text.strip())
    if not match:
        return text
    hour, minute, second = match.groups()
    # Indonesian zones keep one offset all year; any day gives it.
    offset = dt.datetime(2000, 1, 1, tzinfo=zone).utcoffset()
    if offset is None or int(hour) > 23 or int(minute) > 59 or int(second or 0) > 59:
        return text
    sign, total = ("-", -offset) if offset < dt.timedelta(0) else ("+", offset)
    hours, rest = divmod(int(total.total_seconds()), 3600)
    return f"{hour}:{minute}:{second or '00'}{sign}{hours:02d}:{rest // 60:02d}"
