"""`kith health`: how the network is doing, as text, JSON or a figure (see docs/health.md).

Depth vs breadth (people met once and never again), circles against their capacity,
the give/ask balance, activity per month (flagging networking only in bursts) and the
strongest ties gone quiet.

Example: kith health --plot health.png
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from kith.cli.context import kith
from kith.cli.options import json_option
from kith.cli.render import age, console, echo_json, local_day

if TYPE_CHECKING:
    from collections.abc import Iterable
    from datetime import date

    from rich.text import Text

    from kith.core.health import Balance, Breadth, CircleHealth, HealthReport, Rhythm

SPARKS = "·▁▂▃▄▅▆▇█"  # a dot for a month without any interaction, so every month shows
SHOWN_IN_TEXT = 10  # only-asked people and dormant ties listed in the text report


@click.command()
@click.option(
    "--plot",
    "plot_path",
    metavar="FILE.png|FILE.svg",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Draw the report as a figure instead of text "
    "(needs matplotlib: pip install 'kith[plot]').",
)
@json_option
def health(plot_path: Path | None, as_json: bool) -> None:
    """Check the health of your network: depth vs breadth, circles, give/ask, rhythm.

    Example: kith health --plot health.png
    """
    if plot_path is not None:
        from kith.cli.plots import check_target

        check_target(plot_path)  # a wrong name or a missing matplotlib fails before any work
    app = kith()
    report = app.health()
    if plot_path is not None:
        from kith.cli.plots import save_health_figure

        save_health_figure(report, plot_path)
        click.echo(f"Saved the health figure to {plot_path}.", err=as_json)
    if as_json:
        echo_json(report)
    elif plot_path is None:
        console().print(health_text(report, app.today()))


def health_text(report: HealthReport, today: date) -> Text:
    """The whole text report."""
    from rich.text import Text

    out = Text()
    out.append(f"Network health on {today.isoformat()}", "bold")
    out.append(f"  {report.breadth.people:,} people\n", "dim")
    _breadth(out, report.breadth)
    _circles(out, report.circles)
    _balance(out, report.balance)
    _rhythm(out, report.rhythm)
    _dormant(out, report, today)
    _before_search(out, report)
    return out


def _heading(out: Text, title: str) -> None:
    out.append(f"\n{title}\n", "bold")


def _breadth(out: Text, breadth: Breadth) -> None:
    _heading(out, "Depth vs breadth")
    if not breadth.judged:
        out.append("  Nobody has been in your network for 90 days yet.\n", "dim")
        return
    out.append(f"  {breadth.share:.0%} met once and never again", "bold")
    out.append(
        f": {breadth.met_once:,} of the {breadth.judged:,} people known 90 days or more"
        f" ({breadth.never_contacted:,} never logged at all).\n"
    )
    first = next((point for point in breadth.trend if point.people), None)
    if first is not None and first is not breadth.trend[-1]:
        change = (breadth.share - first.share) * 100
        trend = "steady" if abs(change) < 1 else ("rising" if change > 0 else "falling")
        out.append(f"  On {first.on.isoformat()} it was {first.share:.0%}: {trend}", "dim")
        out.append(f" ({change:+.1f} points).\n", "dim")


def _circles(out: Text, circles: list[CircleHealth]) -> None:
    _heading(out, "Circles")
    out.append(f"  {'circle':<9}{'people':>8}{'capacity':>10}{'overdue':>9}  median quiet\n", "dim")
    for item in circles:
        out.append(f"  {item.circle.value:<9}", "cyan")
        out.append(f"{item.size:>8,}{item.capacity:>10,}")
        out.append(f"{item.overdue:>9,}", "red" if item.overdue else "")
        quiet = item.median_days_since_contact
        out.append(f"  {'—' if quiet is None else _days(quiet):<12}")
        if item.over_capacity:
            out.append(f"  {item.over_by:,} over capacity", "yellow")
        out.append("\n")


def _days(days: float) -> str:
    return "1 day" if days == 1 else f"{days:,.0f} days"


def _balance(out: Text, balance: Balance) -> None:
    _heading(out, "Give and ask")
    out.append(f"  You gave {balance.i_gave:,} and asked {balance.i_asked:,}")
    if balance.gives_per_ask is not None:
        out.append(f" ({balance.gives_per_ask:g} gives per ask)", "bold")
    out.append(f"; you received {balance.they_gave:,} and were asked {balance.they_asked:,}.\n")
    if not balance.only_asked_total:
        return
    out.append(
        f"  Only ever asked of, never given to nor received from: {balance.only_asked_total:,}\n"
    )
    shown = balance.only_asked[:SHOWN_IN_TEXT]
    width = _name_width(tie.display_name for tie in shown)
    for tie in shown:
        out.append(f"    #{tie.id:<7}", "dim")
        out.append(f"{tie.display_name:<{width}}")
        out.append(f"  asked {tie.i_asked}×, last contact {local_day(tie.last_contact_at)}\n")
    _more(out, balance.only_asked_total)


def _name_width(names: Iterable[str]) -> int:
    """Names padded to the longest shown (within reason), so the columns after them align."""
    return min(max((len(name) for name in names), default=0), 32)


def _more(out: Text, total: int) -> None:
    if total > SHOWN_IN_TEXT:
        out.append(f"    … and {total - SHOWN_IN_TEXT:,} more\n", "dim")


def _rhythm(out: Text, rhythm: Rhythm) -> None:
    months = rhythm.months
    _heading(out, f"Activity per month, {months[0].month} to {months[-1].month}")
    peak = max((m.interactions for m in months), default=0)
    out.append("  ")
    for month in months:
        level = 0 if not month.interactions else 1 + (len(SPARKS) - 2) * month.interactions // peak
        style = "bold magenta" if month.burst else ("blue" if level else "dim")
        out.append(SPARKS[level], style)
    out.append(f"  peak {peak:,}\n", "dim")
    out.append(f"  {rhythm_sentence(rhythm)}\n")


def rhythm_sentence(rhythm: Rhythm) -> str:
    """One sentence saying what the burst rule found, with its numbers."""
    if not rhythm.total:
        return "No interactions logged in the last three years."
    if not rhythm.enough_history:
        return (
            f"Too little history to judge the rhythm: {rhythm.total:,} interactions over "
            f"{rhythm.span_months} months (it takes 12 of each)."
        )
    held = f"{rhythm.busy_share:.0%} of {rhythm.total:,} interactions"
    if rhythm.bursty:
        bursts = ", ".join(m.month for m in rhythm.months if m.burst)
        return (
            f"In bursts: {held} fell in {rhythm.busy_months} of {rhythm.span_months} months "
            f"({bursts}), with {rhythm.longest_quiet} quiet months in a row."
        )
    quiet = {0: "no month was quiet", 1: "never more than 1 quiet month in a row"}.get(
        rhythm.longest_quiet, f"never more than {rhythm.longest_quiet} quiet months in a row"
    )
    return (
        f"Steady: your busiest {rhythm.busy_months} of {rhythm.span_months} months hold "
        f"{held}; {quiet}."
    )


def _dormant(out: Text, report: HealthReport, today: date) -> None:
    _heading(out, f"Dormant ties: a real history, quiet for over a year ({report.dormant_total:,})")
    if not report.dormant:
        out.append("  None.\n", "dim")
        return
    shown = report.dormant[:SHOWN_IN_TEXT]
    width = _name_width(tie.display_name for tie in shown)
    for tie in shown:
        out.append(f"  #{tie.id:<7}", "dim")
        out.append(f"{tie.display_name:<{width}}")
        out.append(
            f"  {tie.interaction_count:,} interactions, last {age(tie.last_contact_at, today)}"
        )
        out.append(f"  strength {tie.strength_then:.0f} then, {tie.strength_now:.0f} now\n", "dim")
    _more(out, report.dormant_total)


def _before_search(out: Text, report: HealthReport) -> None:
    """While a job search is on: was the network kept warm before it began?"""
    before = report.before_search
    if before is None:
        return
    _heading(out, "Before the search")
    out.append(
        f"  In the six months before {before.started_on.isoformat()}: "
        f"{before.interactions:,} interactions, {before.gives:,} gives, "
        f"{before.people_met:,} of {before.network:,} people met ({before.share_met:.0%}).\n"
    )
