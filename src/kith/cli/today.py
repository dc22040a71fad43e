"""`kith today`, `kith snooze`, `kith skip`: the daily agenda and acting on it.

Example: kith today
"""

from __future__ import annotations

import click

from kith.cli.context import kith
from kith.cli.options import json_option
from kith.cli.render import console, echo_json, echo_result
from kith.cli.views import agenda_text


@click.command()
@click.option("--all", "show_all", is_flag=True, help="Every entry, not only the top few.")
@click.option("--limit", default=7, show_default=True, type=click.IntRange(min=1),
              help="How many entries.")  # fmt: skip
@json_option
def today(show_all: bool, limit: int, as_json: bool) -> None:
    """Who to get back in touch with today, why, and what you could give them.

    Example: kith today --all
    """
    app = kith()
    entries = app.agenda(None if show_all else limit)
    if as_json:
        echo_json(entries)
    else:
        console().print(agenda_text(entries, app.today()))


@click.command()
@click.argument("name")
@click.argument("duration", default="1w")
def snooze(name: str, duration: str) -> None:
    """Keep someone off the agenda for a while (default: a week).

    Example: kith snooze "Ana Ruiz" 2w
    """
    until = kith().snooze(name, duration)
    click.echo(f"Snoozed until {until.isoformat()}.")


@click.command()
@click.argument("name")
@json_option
def skip(name: str, as_json: bool) -> None:
    """Skip this round: the next touch falls due a cadence from today.

    Example: kith skip "Tom Lee"
    """
    until = kith().skip(name)
    echo_result({"due_on": until}, as_json, f"Skipped; next due {until.isoformat()}.")
