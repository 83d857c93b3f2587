"""Indonesia's national days off from the ``holidays`` package, as a ``HolidaySource``.

The package's PUBLIC category holds the national holidays (hari libur nasional) and its GOVERNMENT
category the cuti bersama decreed each year by the joint decree of three ministers (SKB 3 Menteri).
Lunar holidays not yet confirmed by decree carry an "estimated" label in their name ("(perkiraan)"
in Indonesian); we strip that label from the name and keep it as ``DayOff.estimated`` instead, so a
screen can show it in its own way. This module stays outside ``engine.domain``, which must not
depend on third-party data libraries.
"""

from __future__ import annotations

from datetime import date

import holidays
from holidays.countries import Indonesia

from engine.domain.calendar import CalendarError, DayOff
from engine.domain.lru import Lru

# holidays' category name -> DayOff.kind
_CATEGORIES = (("public", "public"), ("government", "joint_leave"))


class IndonesianHolidays:
    """Public holidays and cuti bersama of Indonesia, named in ``language`` (Indonesian by default).

    Years are computed once and cached (thread-safe, bounded), since every calendar lookup in a
    year goes through them.
    """

    def __init__(self, language: str = "id", cache_years: int = 64) -> None:
        if language not in Indonesia.supported_languages:
            supported = ", ".join(Indonesia.supported_languages)
            raise CalendarError(f"bahasa {language!r} tidak didukung untuk hari libur Indonesia ({supported})",
                                f"language {language!r} is not supported for Indonesian holidays ({supported})")
        self.language = language
        self._cache: Lru[int, tuple[DayOff, ...]] = Lru(cache_years)

    def days_off(self, year: int) -> list[DayOff]:
        if isinstance(year, bool) or not isinstance(year, int) or not 1 <= year <= 9999:
            raise CalendarError(f"tahun tidak valid: {year!r}", f"invalid year: {year!r}")
        return list(self._cache.get_or_make(year, lambda: self._load(year)))

    def _load(self, year: int) -> tuple[DayOff, ...]:
        found: list[DayOff] = []
        for category, kind in _CATEGORIES:
            table = holidays.country_holidays("ID", years=year, categories=(category,), language=self.language)
            labels = _estimate_labels(table)
            for day in sorted(table):
                if not isinstance(day, date) or day.year != year:
                    continue
                # Two holidays can share a date (Isra Mikraj twice in a lunar-heavy year, or a
                # holiday on a cuti bersama day); keep each reason as its own entry.
                for raw in table.get_list(day):
                    name, estimated = _unlabel(raw, labels)
                    found.append(DayOff(day, name, kind, estimated))
        found.sort(key=lambda d: (d.day, d.kind, d.name))
        return tuple(found)


def _estimate_labels(table: holidays.HolidayBase) -> list[tuple[str, str, str | None]]:
    """(prefix, suffix, re-wrap) of the translated "estimated" labels, most specific first.

    An observed-and-estimated name keeps its "observed" wording, so it is re-wrapped with the
    observed label after the estimate is stripped.
    """
    out: list[tuple[str, str, str | None]] = []
    for attr, rewrap_attr in (("observed_estimated_label", "observed_label"), ("estimated_label", None)):
        label = getattr(table, attr, None)
        if not isinstance(label, str) or label.count("%s") != 1:
            continue
        prefix, suffix = table.tr(label).split("%s")
        rewrap = getattr(table, rewrap_attr, None) if rewrap_attr else None
        out.append((prefix, suffix, table.tr(rewrap) if isinstance(rewrap, str) else None))
    return out


def _unlabel(name: str, labels: list[tuple[str, str, str | None]]) -> tuple[str, bool]:
    for prefix, suffix, rewrap in labels:
        if (prefix or suffix) and name.startswith(prefix) and name.endswith(suffix) \
                and len(name) > len(prefix) + len(suffix):
            inner = name[len(prefix):len(name) - len(suffix)]
            if rewrap is not None and rewrap.count("%s") == 1:
                inner = rewrap % inner
            return inner, True
    return name, False
