"""String formats checked during validation, including Indonesian identity numbers.

jsonschema only checks ``date-time``, ``time`` and ``uri`` when optional packages happen to be
installed, so a form would validate differently from one machine to the next. Every format a
form may use is therefore implemented here with the standard library, and only these are
accepted by the schema loader: a misspelt or unsupported format would otherwise be silently
ignored and the data never checked.
"""

from __future__ import annotations

import datetime as dt
import ipaddress
import re
from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

from jsonschema import FormatChecker

# [0-9] rather than \d: \d also matches Arabic-Indic and other Unicode digits.
_DATE = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")
_TIME = r"([0-9]{2}):([0-9]{2}):([0-9]{2})(?:\.[0-9]+)?(?:[Zz]|([+-])([0-9]{2}):([0-9]{2}))"
_FULL_TIME = re.compile(_TIME)
_DATE_TIME = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})[Tt]" + _TIME)
_EMAIL_LOCAL = re.compile(r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*")
_EMAIL_DOMAIN = re.compile(r"(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}")
_URI = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*:(?:[A-Za-z0-9\-._~!$&'()*+,;=:@/?#\[\]]|%[0-9A-Fa-f]{2})*")
_UUID = re.compile(r"[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}")
_NIK = re.compile(r"[0-9]{16}")
_NIP = re.compile(r"[0-9]{18}")
# The id the upload step gives a stored attachment: "lmp-12", "lmp-7f3a9c"; never a file name.
_ATTACHMENT_ID = re.compile(r"lmp-[A-Za-z0-9]{1,60}")


def is_date(value: str) -> bool:
    """RFC 3339 full-date: YYYY-MM-DD and a real calendar day (2026-02-30 is not)."""
    match = _DATE.fullmatch(value)
    if not match:
        return False
    try:
        dt.date(*(int(part) for part in match.groups()))
    except ValueError:
        return False
    return True


def _time_ok(hour: str, minute: str, second: str, sign: str | None, off_h: str, off_m: str) -> bool:
    # Second 60 is allowed: RFC 3339 permits a leap second.
    if int(hour) > 23 or int(minute) > 59 or int(second) > 60:
        return False
    return sign is None or (int(off_h) <= 23 and int(off_m) <= 59)


def is_time(value: str) -> bool:
    """RFC 3339 full-time: hh:mm:ss[.frac] with a zone offset (Z or +07:00), as JSON Schema says."""
    match = _FULL_TIME.fullmatch(value)
    return match is not None and _time_ok(*match.groups())


def is_date_time(value: str) -> bool:
    """RFC 3339 date-time, e.g. 2026-03-17T09:30:00+07:00; the offset is mandatory."""
    match = _DATE_TIME.fullmatch(value)
    if not match:
        return False
    groups = match.groups()
    return is_date("-".join(groups[:3])) and _time_ok(*groups[3:])


def is_email(value: str) -> bool:
    """A practical address check: local@domain.tld, ASCII, no spaces, sensible lengths."""
    if len(value) > 254 or value.count("@") != 1:
        return False
    local, domain = value.split("@")
    return (len(local) <= 64 and _EMAIL_LOCAL.fullmatch(local) is not None
            and _EMAIL_DOMAIN.fullmatch(domain) is not None)


def is_uri(value: str) -> bool:
    """An absolute RFC 3986 URI; web addresses (http/https) must also name a host."""
    if not _URI.fullmatch(value) or value.count("#") > 1:
        return False
    parts = urlsplit(value)
    return parts.scheme.lower() not in ("http", "https") or bool(parts.hostname)


def is_uuid(value: str) -> bool:
    return _UUID.fullmatch(value) is not None


def is_ipv4(value: str) -> bool:
    try:
        ipaddress.IPv4Address(value)
    except ValueError:
        return False
    return True


def is_ipv6(value: str) -> bool:
    try:
        ipaddress.IPv6Address(value)
    except ValueError:
        return False
    return True


def is_nik(value: str) -> bool:
    """Nomor Induk Kependudukan: 16 digits laid out as region (6), birth date (6), serial (4).

    Besides the length, the parts a typing slip usually breaks are checked: a province code of at
    least 11, a month 01-12 and a day 01-31 (41-71 for women, whose day is stored plus 40). The
    year is two digits and cannot be checked.
    """
    if not _NIK.fullmatch(value) or int(value[:2]) < 11:
        return False
    day, month = int(value[6:8]), int(value[8:10])
    return 1 <= month <= 12 and (1 <= day <= 31 or 41 <= day <= 71)


def is_nip(value: str) -> bool:
    """Nomor Induk Pegawai (PNS): 18 digits = birth date YYYYMMDD, appointment YYYYMM, sex 1/2, serial 3."""
    if not _NIP.fullmatch(value):
        return False
    if not is_date(f"{value[0:4]}-{value[4:6]}-{value[6:8]}"):
        return False
    return 1 <= int(value[12:14]) <= 12 and value[14] in "12"


def is_attachment_id(value: str) -> bool:
    """A Lintas attachment id (format ``lintas-lampiran``): "lmp-" and up to 60 letters or digits."""
    return _ATTACHMENT_ID.fullmatch(value) is not None


CHECKS: dict[str, Callable[[str], bool]] = {
    "date": is_date,
    "date-time": is_date_time,
    "time": is_time,
    "email": is_email,
    "uri": is_uri,
    "uuid": is_uuid,
    "ipv4": is_ipv4,
    "ipv6": is_ipv6,
    "nik": is_nik,
    "nip": is_nip,
    "lintas-lampiran": is_attachment_id,
}
SUPPORTED_FORMATS = frozenset(CHECKS)


def _strings_only(check: Callable[[str], bool]) -> Callable[[Any], bool]:
    # JSON Schema formats constrain strings only; other types are the "type" keyword's business.
    def checker(instance: Any) -> bool:
        return not isinstance(instance, str) or check(instance)

    return checker


def make_format_checker() -> FormatChecker:
    """A checker knowing exactly the supported formats, independent of optional packages."""
    checker = FormatChecker(formats=())
    for name, check in CHECKS.items():
        checker.checks(name)(_strings_only(check))
    return checker


FORMAT_CHECKER = make_format_checker()
