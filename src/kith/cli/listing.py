"""`kith list` and `kith find`: who is in the network, and who mentions what.

Example: kith list --tag mentor --quiet-since 6mo --sort last
"""

from __future__ import annotations

import click

from kith.cli.context import kith
from kith.cli.options import json_option
from kith.cli.render import columns, echo_json, local_day
from kith.core.circles import Circle


@click.command("list")
@click.option("--tag", help="Only people with this tag.")
@click.option("--org", help="Only people who work or worked at this organization.")
@click.option(
    "--quiet-since", metavar="DURATION", help="Only people not contacted in e.g. 6mo, 3w, 1y."
)
@click.option(
    "--sort",
    type=click.Choice(["name", "last", "quiet", "strength"]),
    default="name",
    show_default=True,
    help="name; last: most recent contact first; quiet: longest silence first; strength.",
)
@click.option("--circle", type=click.Choice([c.value for c in Circle]), help="Only this circle.")
@click.option("--limit", type=click.IntRange(min=1), help="At most this many people.")
@click.option("--archived", is_flag=True, help="Include archived people.")
@json_option
def list_people(
    tag: str | None,
    org: str | None,
    quiet_since: str | None,
    sort: str,
    limit: int | None,
    archived: bool,
    circle: str | None,
    as_json: bool,
) -> None:
    """List the people in your network.

    Example: kith list --org Globex --sort last --limit 20
    """
    people = kith().list_people(tag, org, quiet_since, sort, limit, archived, circle)
    if as_json:
        echo_json(people)
        return
    rows = [
        (f"#{p.id}", p.display_name, p.headline, p.circle, f"{p.strength:.0f}",
         local_day(p.last_contact_at), ", ".join(p.tags))
        for p in people
    ]  # fmt: skip
    columns(rows, ("ID", "NAME", "WORK / PLACE", "CIRCLE", "STRENGTH", "LAST CONTACT", "TAGS"))
    if not people:
        click.echo("Nobody matches.", err=True)


@click.command()
@click.argument("text")
@click.option("--limit", default=50, show_default=True, type=click.IntRange(min=1))
@json_option
def find(text: str, limit: int, as_json: bool) -> None:
    """Find people and interactions that mention TEXT (names, orgs, notes, needs, offers).

    Example: kith find lisbon
    """
    result = kith().find(text, limit)
    if as_json:
        echo_json(result)
        return
    if result.people:
        rows: list[tuple[str, ...]] = [
            (f"#{m.id}", m.display_name, "; ".join(f"{f}: {v}" for f, v in m.matches))
            for m in result.people
        ]
        columns(rows, ("ID", "NAME", "MATCHED"))
    if result.interactions:
        if result.people:
            click.echo()
        rows = [
            (local_day(i.occurred_at), i.kind.value, ", ".join(i.people), i.summary)
            for i in result.interactions
        ]
        columns(rows, ("DATE", "KIND", "WITH", "SUMMARY"))
    if not (result.people or result.interactions):
        click.echo(f"Nothing mentions '{text}'.", err=True)
