"""The compliance chart's geometry: one bar per week scaled to its share, a flat labelled mark for weeks
without closed deadlines, and the overall share over the weeks shown."""

from __future__ import annotations

from datetime import date

from engine.domain.cases import CompliancePoint
from web.dashboard.chart import BOTTOM, EMPTY_HEIGHT, HEIGHT, TOP, compliance_chart, percent


def test_bars_scale_with_the_share_met_and_empty_weeks_stay_flat() -> None:
    points = [CompliancePoint(date(2026, 3, 2), 3, 1, 0.75), CompliancePoint(date(2026, 3, 9), 0, 0, None),
              CompliancePoint(date(2026, 3, 16), 2, 0, 1.0)]
    chart = compliance_chart(points, lambda d: f"{d.day}/{d.month}")
    plot = HEIGHT - TOP - BOTTOM
    full, empty, three_quarters = chart.bars[2], chart.bars[1], chart.bars[0]
    assert (full.height, full.y) == (plot, TOP) and full.value_label == "100%"
    assert three_quarters.height == 0.75 * plot and three_quarters.value_label == "75%"
    assert empty.height == EMPTY_HEIGHT and empty.value_label == "–" and empty.compliance is None
    assert [b.week_label for b in chart.bars] == ["2/3", "9/3", "16/3"]
    assert chart.bars[0].x < chart.bars[1].x < chart.bars[2].x < chart.right_edge
    assert [g.label for g in chart.grid] == ["0%", "50%", "100%"] and chart.grid[0].y == chart.baseline
    assert (chart.met, chart.breached, chart.overall_label) == (5, 1, "83%")


def test_no_closed_deadline_at_all_reads_as_a_dash() -> None:
    chart = compliance_chart([CompliancePoint(date(2026, 3, 16), 0, 0, None)], str)
    assert chart.overall is None and chart.overall_label == "–" and percent(0.0) == "0%"
