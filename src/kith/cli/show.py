"""`kith show NAME`: a person's profile, timeline, ledger and follow-ups.

Example: kith show "Ana Ruiz"
"""

from __future__ import annotations

import click

from kith.cli.context import kith
from kith.cli.options import json_option
from kith.cli.render import console, echo_json
from kith.cli.views import person_view_text


@click.command()
@click.argument("name")
@click.option("--limit", default=20, show_default=True, help="Timeline entries to show.")
@click.option("--all", "show_all", is_flag=True, help="Show the whole timeline.")
@click.option("--why", is_flag=True, help="Explain the strength score by its contributions.")
@json_option
def show(name: str, limit: int, show_all: bool, why: bool, as_json: bool) -> None:
    """Show everything about a person.

    Example: kith show ana --all
    """
    app = kith()
    view = app.show_person(name, None if show_all else max(limit, 0), why)
    if as_json:
        echo_json(view)
    else:
        console().print(person_view_text(view, app.today()))
