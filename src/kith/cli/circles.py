"""`kith circles`, `kith circle`, `kith cadence`: how close people are, how often to touch base.

Example: kith circles
"""

from __future__ import annotations

import click

from kith.app.results import Tie
from kith.cli.context import kith
from kith.cli.options import json_option
from kith.cli.render import columns, echo_json, echo_result
from kith.core.circles import Circle


@click.command()
@json_option
def circles(as_json: bool) -> None:
    """Each circle's size against its capacity (Dunbar's layers), and suggested moves.

    Example: kith circles --json
    """
    report = kith().circles()
    if as_json:
        echo_json(report)
        return
    rows = [
        (c.circle.value, str(c.size), str(c.capacity), c.cadence, str(c.overdue),
         "over capacity" if c.over_capacity else "")
        for c in report.circles
    ]  # fmt: skip
    columns(rows, ("CIRCLE", "PEOPLE", "CAPACITY", "CADENCE", "OVERDUE", ""))
    for size in report.circles:
        if size.over_capacity:
            click.echo(
                f"Warning: {size.circle.value} holds {size.size} people, over its "
                f"{size.capacity}: nobody keeps that many ties warm; move some down.",
                err=True,
            )
    if report.suggestions:
        click.echo("\nSuggested moves:")
        for move in report.suggestions:
            command = f"kith circle '#{move.person_id}' {move.to.value}"
            click.echo(
                f"  {move.person} (#{move.person_id}): {move.circle.value} → {move.to.value}, "
                f"{move.why}  [{command}]"
            )


@click.command()
@click.argument("name")
@click.argument("circle", type=click.Choice([*(c.value for c in Circle), "auto"]))
@json_option
def circle(name: str, circle: str, as_json: bool) -> None:
    """Pin someone to a circle, or let Kith suggest it again with "auto".

    Example: kith circle "Ana Ruiz" close
    """
    tie = kith().set_circle(name, circle)
    echo_result(tie, as_json, tie_line(tie))


@click.command()
@click.argument("name")
@click.argument("duration", required=False)
@click.option("--clear", is_flag=True, help="Go back to the circle's cadence.")
@json_option
def cadence(name: str, duration: str | None, clear: bool, as_json: bool) -> None:
    """Set someone's own keep-in-touch cadence (e.g. 6w), or --clear it.

    Example: kith cadence "Ana Ruiz" 6w
    """
    if bool(duration) == clear:
        raise click.UsageError("Give a DURATION such as 6w, or --clear.")
    tie = kith().set_cadence(name, None if clear else duration)
    echo_result(tie, as_json, tie_line(tie))


def tie_line(tie: Tie) -> str:
    """'close circle (pinned), cadence 6w (own), next due 2026-12-20.'"""
    pinned = " (pinned)" if tie.circle_pinned else ""
    own = " (own)" if tie.cadence_is_own else ""
    due = f", next due {tie.due_on.isoformat()}" if tie.due_on else ""
    return f"{tie.circle.value} circle{pinned}, cadence {tie.cadence}{own}{due}."
