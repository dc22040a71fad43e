"""`kith follow-up` and `kith done`: promises to people, and keeping them.

Example: kith follow-up "Ana Ruiz" "send the deck" --due friday
"""

from __future__ import annotations

import click

from kith.app.results import DoneResult
from kith.cli.context import kith
from kith.cli.options import json_option
from kith.cli.render import echo_result
from kith.core.interactions import Kind


@click.command("follow-up")
@click.argument("person")
@click.argument("what")
@click.option(
    "--due", metavar="WHEN", help="Due date: ISO or e.g. friday, 'in 2 weeks' (default: in a week)."
)
@json_option
def follow_up(person: str, what: str, due: str | None, as_json: bool) -> None:
    """Promise to do something for someone by a date.

    Example: kith follow-up tom "send the article on hiring" --due "next monday"
    """
    item = kith().follow_up(person, what, due)
    echo_result(
        item,
        as_json,
        f"Follow-up #{item.id}: {item.what} for {item.person}, due {item.due.isoformat()}.",
    )


@click.command()
@click.argument("target")
@click.option("--what", metavar="TEXT", help="Pick among several open follow-ups by their text.")
@click.option(
    "--kind",
    type=click.Choice([k.value for k in Kind]),
    help="How you got in touch, for the touch this logs (default: message).",
)
@click.option("--notes", default="", help="Notes on the touch this logs.")
@json_option
def done(target: str, what: str | None, kind: str | None, notes: str, as_json: bool) -> None:
    """Act on today's agenda entry for a person, or mark a follow-up done.

    For someone on the agenda: their due follow-ups are done, help they gave is marked
    thanked, and a touch is logged (so their keep-in-touch clock restarts). Otherwise
    TARGET is a follow-up: #ID, or a person's only open follow-up.

    Example: kith done ana --kind coffee   or   kith done "#12"
    """
    result = kith().done(target, what, Kind(kind) if kind else None, notes)
    echo_result(result, as_json, done_message(result))


def done_message(result: DoneResult) -> str:
    """One line saying what `kith done` did."""
    parts = [f"{f.what} (#{f.id}) done" for f in result.followups]
    if result.thanked:
        parts.append(f"{result.thanked} gift{'s' * (result.thanked != 1)} marked thanked")
    if result.interaction:
        parts.append(f"touch logged ({result.interaction.kind.value})")
    return f"{result.person}: " + "; ".join(parts) + "."
