"""The SLA compliance chart as plain geometry for an inline SVG: one bar per week, no JavaScript.

The template draws what this returns (bars, grid lines, labels); every bar carries its figure as
text, and the page repeats the figures in a table, so neither colour nor the picture stands alone.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date

from engine.domain.cases import CompliancePoint

WIDTH = 720
HEIGHT = 260
LEFT = 48           # room for the percentage axis
RIGHT = 8
TOP = 24            # room for the value above a full bar
BOTTOM = 40         # room for the week labels
GAP = 0.25          # share of each week's slot left empty between bars
EMPTY_HEIGHT = 2    # a week without closed deadlines: a flat mark, labelled "–"


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    centre: float
    week: date
    week_label: str             # short date of the week's Monday, under the bar
    value_label: str            # "87%" above the bar, "–" for a week without closed deadlines
    compliance: float | None
    met: int
    breached: int


@dataclass(frozen=True)
class GridLine:
    y: float
    label: str                  # "0%", "50%", "100%"


@dataclass(frozen=True)
class ComplianceChart:
    width: int
    height: int
    left: int
    right_edge: int
    baseline: float
    bars: tuple[Bar, ...]
    grid: tuple[GridLine, ...]
    met: int                    # over all the weeks shown
    breached: int

    @property
    def overall(self) -> float | None:
        total = self.met + self.breached
        return self.met / total if total else None

    @property
    def overall_label(self) -> str:
        return percent(self.overall)


def percent(share: float | None) -> str:
    return "–" if share is None else f"{round(share * 100)}%"


def compliance_chart(points: Sequence[CompliancePoint], week_label: Callable[[date], str]) -> ComplianceChart:
    plot_height = HEIGHT - TOP - BOTTOM
    baseline = float(TOP + plot_height)
    slot = (WIDTH - LEFT - RIGHT) / max(1, len(points))
    bars = []
    for i, point in enumerate(points):
        width = slot * (1 - GAP)
        x = LEFT + i * slot + (slot - width) / 2
        height = EMPTY_HEIGHT if point.compliance is None else max(EMPTY_HEIGHT, point.compliance * plot_height)
        bars.append(Bar(round(x, 1), round(baseline - height, 1), round(width, 1), round(height, 1),
                        round(x + width / 2, 1), point.week_start, week_label(point.week_start),
                        percent(point.compliance), point.compliance, point.met, point.breached))
    grid = tuple(GridLine(round(baseline - share * plot_height, 1), percent(share)) for share in (0.0, 0.5, 1.0))
    return ComplianceChart(WIDTH, HEIGHT, LEFT, WIDTH - RIGHT, baseline, tuple(bars), grid,
                           sum(p.met for p in points), sum(p.breached for p in points))
