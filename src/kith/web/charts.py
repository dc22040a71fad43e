"""Geometry for the health page's SVG charts; the template draws them (escaped).

Each chart is a fixed viewBox that scales to the page width, so it stays readable on
a phone. No plotting library: bars and a polyline are enough.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from kith.core.health import Balance, CircleHealth, MetOncePoint, MonthActivity

WIDTH = 320


@dataclass
class Bar:
    """One bar: its box, its label and the value written beside it."""

    x: float
    y: float
    width: float
    height: float
    label: str
    value: str
    css: str = ""


@dataclass
class Chart:
    """A chart's size, its bars or line, and a short text for screen readers."""

    height: float
    title: str
    bars: list[Bar] = field(default_factory=list)
    points: str = ""  # a polyline, "x,y x,y …"
    marks: list[Bar] = field(default_factory=list)  # axis labels
    width: float = WIDTH


def horizontal_bars(
    rows: Sequence[tuple[str, float, str, str]], title: str, row_height: float = 26
) -> Chart:
    """Label, value, shown value and CSS class per row, as bars from a left gutter."""
    gutter, top = 80, 4
    biggest = max((value for _, value, _, _ in rows), default=0) or 1
    room = WIDTH - gutter - 50
    bars = [
        Bar(gutter, top + i * row_height, max(room * value / biggest, 1), row_height - 8,
            label, shown, css)
        for i, (label, value, shown, css) in enumerate(rows)
    ]  # fmt: skip
    return Chart(top + len(rows) * row_height, title, bars)


def circle_bars(circles: Sequence[CircleHealth]) -> Chart:
    """Each circle's size (over capacity in the warning colour)."""
    rows = [
        (c.circle.value, float(c.size), f"{c.size}/{c.capacity}", "warn" if c.over_capacity else "")
        for c in circles
    ]
    return horizontal_bars(rows, "People per circle against capacity")


def balance_bars(balance: Balance) -> Chart:
    """The four ways help flowed."""
    rows = [
        ("I gave", float(balance.i_gave), str(balance.i_gave), "give"),
        ("they gave", float(balance.they_gave), str(balance.they_gave), "give"),
        ("I asked", float(balance.i_asked), str(balance.i_asked), "ask"),
        ("they asked", float(balance.they_asked), str(balance.they_asked), "ask"),
    ]
    return horizontal_bars(rows, "Gives and asks, both ways")


def rhythm_chart(months: Sequence[MonthActivity]) -> Chart:
    """Interactions per month as columns; burst months marked."""
    height, bottom = 140, 120
    biggest = max((m.interactions for m in months), default=0) or 1
    step = WIDTH / max(len(months), 1)
    bars = [
        Bar(i * step + 1, bottom - 100 * m.interactions / biggest, max(step - 2, 1),
            100 * m.interactions / biggest, m.month, str(m.interactions),
            "burst" if m.burst else "")
        for i, m in enumerate(months)
    ]  # fmt: skip
    marks = [
        Bar(i * step, height - 4, 0, 0, m.month, "")
        for i, m in enumerate(months)
        if i % 6 == 0 and i + 3 < len(months)  # room for the label before the right edge
    ]
    return Chart(height, f"Interactions per month (most: {biggest})", bars, marks=marks)


def trend_chart(points: Sequence[MetOncePoint]) -> Chart:
    """The met-once share at the end of each quarter, as a line from 0 to 100 %."""
    height, top, bottom = 140, 10, 110
    step = (WIDTH - 56) / max(len(points) - 1, 1)
    xy = [(40 + i * step, bottom - (bottom - top) * p.share) for i, p in enumerate(points)]
    marks = [
        Bar(x, height - 6, 0, 0, p.on.isoformat()[:7], f"{p.share:.0%}")
        for (x, _), p in zip(xy, points, strict=True)
    ][:: max(len(points) // 4, 1)]
    line = " ".join(f"{x:.1f},{y:.1f}" for x, y in xy)
    dots = [
        Bar(x, y, 0, 0, p.on.isoformat(), f"{p.share:.0%}")
        for (x, y), p in zip(xy, points, strict=True)
    ]
    return Chart(height, "Share of people met once, by quarter", dots, points=line, marks=marks)


def month_bars(months: Sequence[tuple[str, int]], title: str) -> Chart:
    """One bar per month (YYYY-MM, count), oldest first, as the giving page shows them."""
    rows = [(month, float(count), str(count), "give") for month, count in months]
    return horizontal_bars(rows, title, row_height=22)
