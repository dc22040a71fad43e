"""Drawing a HealthReport as one figure: four panels that each answer one question.

matplotlib is optional (pip install 'kith[plot]') and imported only here, only when a
figure is asked for. Figures are built on the Agg canvas (no display needed) and
styled inside an rc_context, so nothing global changes. Colours are the Okabe–Ito
palette, which stays distinguishable with the common colour-vision deficiencies, and
no panel relies on colour alone (over capacity is also written, overdue is hatched).
"""

from __future__ import annotations

import textwrap
from datetime import date
from math import ceil
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from kith.errors import InvalidInput

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

    from kith.core.health import Balance, Breadth, CircleHealth, HealthReport, Rhythm

FORMATS = {".png": "png", ".svg": "svg"}
DETAIL_SIZE = 10.5
DPI = 150  # sharp on screens and in documents, a few hundred kB as PNG
PIP_HINT = "pip install 'matplotlib>=3.8,<4'  (or: pip install 'kith[plot]')"

# Okabe–Ito colours.
BLUE = "#0072B2"
SKY = "#56B4E9"
ORANGE = "#E69F00"
VERMILLION = "#D55E00"
GREEN = "#009E73"
INK = "#222222"
MUTED = "#555555"
FAINT = "#DDDDDD"

STYLE: dict[str, Any] = {
    "font.size": 11,
    "axes.titlesize": 14,
    "axes.titleweight": "bold",
    "axes.titlelocation": "left",
    "axes.labelsize": 11,
    "axes.labelcolor": MUTED,
    "axes.edgecolor": "#999999",
    "axes.spines.top": False,
    "axes.spines.right": False,
    "xtick.labelsize": 10,
    "ytick.labelsize": 11,
    "xtick.color": MUTED,
    "ytick.color": INK,
    "legend.fontsize": 10,
    "legend.frameon": False,
    "figure.facecolor": "white",
    "savefig.facecolor": "white",
}


def check_target(path: Path) -> str:
    """The format `path` asks for ("png" or "svg"); InvalidInput for any other name, a
    missing folder, or when matplotlib is not installed."""
    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise InvalidInput(f"Cannot draw to '{path.name}': name the figure FILE.png or FILE.svg.")
    if not path.parent.is_dir():
        raise InvalidInput(f"Cannot save to '{path}': the folder '{path.parent}' does not exist.")
    try:
        import matplotlib  # noqa: F401  (only checking that it is there)
    except ImportError:
        raise InvalidInput(
            "Drawing the figure needs matplotlib, which is not installed.", PIP_HINT
        ) from None
    return fmt


def save_health_figure(report: HealthReport, path: Path) -> None:
    """Draw `report` and save it to `path` (.png or .svg)."""
    import matplotlib

    fmt = check_target(path)
    # cast: matplotlib types rc keys as a Literal of every name, which a plain dict is not.
    with matplotlib.rc_context(
        cast(Any, STYLE)
    ):  # the style is read when drawing, so save inside it
        figure = health_figure(report)
        try:
            figure.savefig(path, format=fmt, dpi=DPI)
        except OSError as error:
            raise InvalidInput(f"Cannot save to '{path}': {error.strerror or error}.") from None


def health_figure(report: HealthReport) -> Figure:
    """The 2×2 figure: activity, circles, met-once share, give/ask balance."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from matplotlib.layout_engine import ConstrainedLayoutEngine

    spacing = ConstrainedLayoutEngine(h_pad=0.12, w_pad=0.12, hspace=0.08, wspace=0.06)
    figure = Figure(figsize=(15, 10), layout=spacing)
    FigureCanvasAgg(figure)
    (activity, circles), (breadth, balance) = figure.subplots(2, 2)
    _activity(activity, report.rhythm)
    _circles(circles, report.circles)
    _breadth(breadth, report.breadth)
    _balance(balance, report.balance)
    day = report.generated_at.date().isoformat()
    figure.suptitle(
        f"Network health on {day}  ·  {report.breadth.people:,} people",
        x=0.01,
        ha="left",
        fontsize=17,
        fontweight="bold",
        color=INK,
    )
    return figure


def _titles(ax: Axes, headline: str, detail: str) -> None:
    """A bold headline saying what the panel means, and muted lines of detail under it."""
    lines = textwrap.wrap(detail, 80)
    ax.annotate(
        "\n".join(lines),
        (0, 1),
        xycoords="axes fraction",
        xytext=(0, 8),
        textcoords="offset points",
        fontsize=DETAIL_SIZE,
        color=MUTED,
        va="bottom",
    )
    # The headline sits above however many detail lines there are (pad is in points).
    ax.set_title(headline, pad=8 + len(lines) * DETAIL_SIZE * 1.3 + 6)


def _empty(ax: Axes, message: str) -> None:
    ax.text(0.5, 0.5, message, transform=ax.transAxes, ha="center", va="center", color=MUTED)
    ax.set_xticks([])
    ax.set_yticks([])
    for side in ("left", "bottom"):
        ax.spines[side].set_visible(False)


# --- the panels -------------------------------------------------------------------------------


def _activity(ax: Axes, rhythm: Rhythm) -> None:
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch
    from matplotlib.ticker import MaxNLocator

    from kith.cli.health import rhythm_sentence

    if not rhythm.enough_history:
        headline = "Interactions per month"
    elif rhythm.bursty:
        headline = "Interactions per month: mostly in bursts"
    else:
        headline = "Interactions per month: a steady rhythm"
    _titles(ax, headline, rhythm_sentence(rhythm))
    if not rhythm.total:
        _empty(ax, "No interactions logged in the last three years")
        return
    months = rhythm.months
    counts = [m.interactions for m in months]
    colours = [VERMILLION if m.burst else SKY for m in months]
    bars = ax.bar(range(len(months)), counts, color=colours, width=0.8)
    bars[-1].set_alpha(0.45)  # this month is not over yet
    legend: list[Any] = []
    if rhythm.bursty:
        legend.append(Patch(color=VERMILLION, label="burst month"))
    legend.append(Patch(color=SKY, label="month" if not rhythm.bursty else "other month"))
    legend.append(Patch(color=SKY, alpha=0.45, label="this month so far"))
    if rhythm.span_months and rhythm.total:
        mean = rhythm.total / rhythm.span_months
        start = len(months) - rhythm.span_months
        ax.hlines(mean, start - 0.4, len(months) - 0.6, colors=INK, linestyles="--", lw=1.2)
        label = f"average {mean:,.0f} a month"
        legend.append(Line2D([], [], color=INK, ls="--", lw=1.2, label=label))
    # Headroom above the tallest bar keeps the legend (one row, or two when long) clear.
    rows = 1 if len(legend) <= 3 else 2
    ax.set_ylim(0, max([*counts, 1]) * (1.2 + 0.1 * rows))
    ax.legend(handles=legend, loc="upper center", ncol=ceil(len(legend) / rows), handlelength=1.6)
    ticks = [i for i, m in enumerate(months) if m.month.endswith(("-01", "-07"))]
    ax.set_xticks(ticks, [_month_label(months[i].month) for i in ticks])
    ax.set_xlim(-0.7, len(months) - 0.3)
    ax.set_ylabel("interactions")
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))  # no "1.5 interactions" ticks
    ax.yaxis.set_major_formatter(_thousands())


def _month_label(month: str) -> str:
    year, number = month.split("-")
    return f"{date(int(year), int(number), 1):%b}\n{year}"


def _circles(ax: Axes, circles: list[CircleHealth]) -> None:
    over = [c for c in circles if c.over_capacity]
    if len(over) == len(circles):
        headline = f"Circles: all {len(circles)} over capacity"
    elif over:
        headline = f"Circles: {len(over)} of {len(circles)} over capacity"
    else:
        headline = "Circles: all within capacity"
    overdue = sum(c.overdue for c in circles)
    _titles(
        ax,
        headline,
        f"Bars: people (+N when over capacity). Black tick: the circle's capacity. "
        f"Hatched: overdue for a touch ({overdue:,} in all).",
    )
    rows = list(range(len(circles)))[::-1]  # the closest circle on top
    widest = max([c.size for c in circles] + [c.capacity for c in circles] + [1])
    for row, circle in zip(rows, circles, strict=True):
        colour = VERMILLION if circle.over_capacity else BLUE
        ax.barh(row, circle.size, color=colour, height=0.62, alpha=0.9)
        if circle.overdue:
            ax.barh(
                row, circle.overdue, height=0.62, color="none", hatch="///", edgecolor=INK, lw=0
            )
        ax.vlines(circle.capacity, row - 0.42, row + 0.42, colors=INK, lw=3)
        ax.annotate(
            _circle_note(circle),
            (max(circle.size, circle.capacity), row),
            xytext=(8, 0),
            textcoords="offset points",
            va="center",
            fontsize=10,
            color=VERMILLION if circle.over_capacity else INK,
        )
    ax.set_yticks(rows, [c.circle.value for c in circles])
    ax.set_xlim(0, widest * 1.6)  # room for the notes on the right
    ax.set_xlabel("people")
    ax.xaxis.set_major_formatter(_thousands())
    ax.tick_params(axis="y", length=0)


def _circle_note(circle: CircleHealth) -> str:
    note = f"{circle.size:,} of {circle.capacity:,}"
    if circle.over_capacity:
        note += f" (+{circle.over_by:,})"
    if circle.overdue:
        note += f", {circle.overdue:,} overdue"
    quiet = circle.median_days_since_contact
    if quiet is not None:
        note += f"\nmedian {quiet:,.0f} days since contact"
    return note


def _breadth(ax: Axes, breadth: Breadth) -> None:
    if not breadth.judged:
        _titles(ax, "Met once and never again", "Nobody has been in your network for 90 days.")
        _empty(ax, "Not enough history yet")
        return
    first = next(p for p in breadth.trend if p.people)
    change = (breadth.share - first.share) * 100
    _titles(
        ax,
        f"Met once and never again: {breadth.share:.0%} of people",
        f"{breadth.met_once:,} of the {breadth.judged:,} people known 90 days or more had at "
        f"most one interaction; {change:+.1f} points since {first.on.isoformat()}. "
        "Lower means deeper ties.",
    )
    points = breadth.trend
    xs = list(range(len(points)))
    shares = [p.share * 100 for p in points]
    judged = [x for x, p in zip(xs, points, strict=True) if p.people]
    ys = [shares[x] for x in judged]
    ax.fill_between(judged, ys, color=ORANGE, alpha=0.18, lw=0)
    ax.plot(judged, ys, color=ORANGE, lw=2.5, marker="o", ms=6)
    ax.annotate(
        f"{shares[-1]:.0f}%",
        (xs[-1], shares[-1]),
        xytext=(0, 10),
        textcoords="offset points",
        ha="center",
        fontsize=12,
        fontweight="bold",
        color=INK,
    )
    top = max(ys)
    ax.set_ylim(0, min(100, max(10.0, top * 1.35)))
    ax.yaxis.set_major_formatter(_percent())
    ax.set_ylabel("share of people met once")
    ax.set_xticks(xs, [_quarter_label(p.on, p is points[-1]) for p in points])
    ax.set_xlim(-0.4, len(points) - 0.6)
    ax.grid(axis="y", color=FAINT, lw=0.8)
    ax.set_axisbelow(True)


def _quarter_label(day: date, today: bool) -> str:
    if today:
        return "today"
    return f"Q{(day.month - 1) // 3 + 1}\n{day.year}"


def _balance(ax: Axes, balance: Balance) -> None:
    total = balance.i_gave + balance.they_gave + balance.i_asked + balance.they_asked
    if not total:
        _titles(ax, "Give and ask", "Nothing given or asked is logged yet.")
        _empty(ax, "No gives or asks logged yet")
        return
    if balance.gives_per_ask is None:
        headline = "Give and ask: you have not asked anyone yet"
    elif balance.gives_per_ask >= 1:
        headline = f"Give and ask: you give {balance.gives_per_ask:g}× as often as you ask"
    else:
        headline = f"Give and ask: you ask {1 / balance.gives_per_ask:.1f}× as often as you give"
    detail = (
        f"{balance.only_asked_total:,} people you have only asked of: never given to, "
        "nothing received."
        if balance.only_asked_total
        else "Nobody you have only asked of: everyone you asked has given or been given to."
        if balance.i_asked
        else "Every give so far came without an ask."
    )
    _titles(ax, headline, detail)
    rows = [
        ("you gave", balance.i_gave, GREEN),
        ("you asked", balance.i_asked, ORANGE),
        ("they gave you", balance.they_gave, GREEN),
        ("they asked you", balance.they_asked, ORANGE),
    ]
    ys = [3.4, 2.6, 1.0, 0.2]  # two pairs: what you did, what they did
    for y, (_, count, colour) in zip(ys, rows, strict=True):
        hatch = "" if colour == GREEN else "\\\\"
        ax.barh(y, count, height=0.7, color=colour, hatch=hatch, edgecolor="white", lw=0)
        ax.annotate(
            f"{count:,}",
            (count, y),
            xytext=(6, 0),
            textcoords="offset points",
            va="center",
            fontsize=11,
            color=INK,
        )
    ax.set_yticks(ys, [label for label, _, _ in rows])
    ax.set_xlim(0, max(count for _, count, _ in rows) * 1.18)
    ax.set_xlabel("ledger entries")
    ax.xaxis.set_major_formatter(_thousands())
    ax.tick_params(axis="y", length=0)


def _thousands() -> Any:
    from matplotlib.ticker import FuncFormatter

    return FuncFormatter(lambda value, _: f"{value:,.0f}")


def _percent() -> Any:
    from matplotlib.ticker import FuncFormatter

    return FuncFormatter(lambda value, _: f"{value:.0f}%")
