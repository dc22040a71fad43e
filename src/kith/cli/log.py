"""`kith log`: record an interaction with one or more people.

Example: kith log "coffee with Ana Ruiz and Tom Lee" --date "last friday"
"""

from __future__ import annotations

import click

from kith.cli.context import kith
from kith.cli.options import json_option
from kith.cli.render import echo_result
from kith.core.interactions import Initiator, Kind


@click.command()
@click.argument("text")
@click.option(
    "--kind",
    type=click.Choice([k.value for k in Kind]),
    help="Kind of interaction (default: read from TEXT, e.g. coffee, lunch, call).",
)
@click.option(
    "--with",
    "with_people",
    multiple=True,
    metavar="NAME",
    help="Who it was with (repeatable; default: the names after 'with' in TEXT).",
)
@click.option(
    "--date", "when", metavar="WHEN", help="When: ISO or e.g. yesterday, 'last friday 18:00'."
)
@click.option("--by-them", is_flag=True, help="They reached out.")
@click.option("--by-me", is_flag=True, help="I reached out.")
@click.option("--notes", default="", help="Notes on what was said.")
@json_option
def log(
    text: str,
    kind: str | None,
    with_people: tuple[str, ...],
    when: str | None,
    by_them: bool,
    by_me: bool,
    notes: str,
    as_json: bool,
) -> None:
    """Log an interaction: a coffee, a call, a meal, an email, with anyone.

    Example: kith log "lunch with José and Zoë about the Lisbon move" --by-them
    """
    if by_them and by_me:
        raise click.UsageError("Choose one of --by-them and --by-me.")
    initiated = Initiator.THEM if by_them else Initiator.ME if by_me else None
    interaction = kith().log(
        text, Kind(kind) if kind else None, with_people, when, initiated, notes
    )
    day = interaction.occurred_at.astimezone().date().isoformat()
    with_whom = ", ".join(interaction.people)
    echo_result(interaction, as_json, f"Logged {interaction.kind.value} with {with_whom} on {day}.")
    if interaction.repeat_of is not None and not as_json:
        click.echo(
            f"kith: note: a {interaction.kind.value} with {with_whom} on {day} was logged already "
            f"(#{interaction.repeat_of}); if it is the same one, kith show to check.",
            err=True,
        )
