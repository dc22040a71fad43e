"""`kith follow-up` and `kith done`: promises to people, and keeping them.

Example: kith follow-up "Ana Ruiz" "send the deck" --due friday
"""

from __future__ import annotations

import click

from kith.cli.context import kith
from kith.cli.options import json_option
from kith.cli.render import echo_result


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
@json_option
def done(target: str, what: str | None, as_json: bool) -> None:
    """Mark a follow-up done: by #ID, or a person's (only) open follow-up.

    Example: kith done "#12"   or   kith done ana --what deck
    """
    item = kith().complete_followup(target, what)
    echo_result(item, as_json, f"Done: {item.what} (#{item.id}).")
