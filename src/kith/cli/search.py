"""`kith search`, `target`, `targets`, `paths` and `knows`: a job search on relationships
(see docs/search.md).

Example: kith search start --goal "Staff engineer in robotics" && kith paths Acme
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from kith.cli.context import kith
from kith.cli.options import json_option
from kith.cli.render import echo_json, echo_result

if TYPE_CHECKING:
    from kith.app.search_results import PathsResult, SearchStatus


@click.group(invoke_without_command=True)
@json_option
@click.pass_context
def search(ctx: click.Context, as_json: bool) -> None:
    """Search mode: where the search stands (start and stop it with the subcommands).

    Example: kith search start --goal "Staff engineer in robotics"
    """
    if ctx.invoked_subcommand is None:
        _show_status(kith().search_status(), as_json)


@search.command("start")
@click.option("--goal", default="", help="What you are looking for, in a sentence.")
@json_option
def search_start(goal: str, as_json: bool) -> None:
    """Start a job search: the agenda adds search actions while it is on.

    Example: kith search start --goal "Staff engineer in robotics"
    """
    _show_status(kith().search_start(goal), as_json)


@search.command("stop")
@json_option
def search_stop(as_json: bool) -> None:
    """Stop the search: back to keeping in touch.

    Example: kith search stop
    """
    _show_status(kith().search_stop(), as_json)


def _show_status(status: SearchStatus, as_json: bool) -> None:
    if as_json:
        echo_json(status)
        return
    found = status.search
    if found is None:
        click.echo('No search yet. Start one: kith search start --goal "…"')
        return
    state = "on" if status.active else f"stopped on {found.stopped_on}"
    goal = f": {found.goal}" if found.goal else ""
    click.echo(f"Search {state} since {found.started_on} ({status.days} days){goal}.")
    stages = ", ".join(f"{n} {stage}" for stage, n in status.opportunities.items()) or "none"
    click.echo(
        f"{status.targets} targets; open opportunities: {stages}; informational interviews: "
        f"{status.meetings_held} held, {status.meetings_planned} planned."
    )


@click.group()
def target() -> None:
    """Target companies: add or remove one (kith targets lists them).

    Example: kith target add "Acme" --role "Staff Engineer" --priority 1
    """


@target.command("add")
@click.argument("company")
@click.option("--role", default="", help="The role you would want there.")
@click.option("--priority", default=2, show_default=True, type=int, help="1 (most wanted) to 3.")
@click.option("--notes", default="", help="Why this company.")
@json_option
def target_add(company: str, role: str, priority: int, notes: str, as_json: bool) -> None:
    """Add a target company (again: update its role, priority and notes).

    Example: kith target add "Acme" --role "Staff Engineer" --priority 1
    """
    item = kith().target_add(company, role, priority, notes)
    role_text = f" ({item.role})" if item.role else ""
    echo_result(item, as_json, f"Target: {item.company}{role_text}, priority {item.priority}.")


@target.command("remove")
@click.argument("company")
@json_option
def target_remove(company: str, as_json: bool) -> None:
    """Remove a target company.

    Example: kith target remove Acme
    """
    item = kith().target_remove(company)
    echo_result(item, as_json, f"Removed {item.company} from your targets.")


@click.command()
@json_option
def targets(as_json: bool) -> None:
    """Your target companies, ranked by priority and how warm the ways in are.

    Example: kith targets --json
    """
    ranked = kith().targets()
    if as_json:
        echo_json(ranked)
        return
    if not ranked:
        click.echo('No targets yet: kith target add "Acme" --priority 1')
        return
    for item in ranked:
        role = f" — {item.target.role}" if item.target.role else ""
        click.echo(
            f"{item.target.company}{role}  priority {item.target.priority}, "
            f"warmth {item.warmth:.0f}, {item.ways_in} ways in"
        )
        if item.best is not None:
            click.echo(f"    best: {item.best.reason}")


@click.command()
@click.argument("company")
@click.option("--limit", default=10, show_default=True, type=int, help="How many paths.")
@json_option
def paths(company: str, limit: int, as_json: bool) -> None:
    """Warm paths into a company: who you know there, who used to work there, and who
    you know who knows someone there; each explained, with referral readiness.

    Example: kith paths Acme --limit 5
    """
    result = kith().paths(company, limit)
    if as_json:
        echo_json(result)
    else:
        _paths_text(result)


def _paths_text(result: PathsResult) -> None:
    click.echo(
        f"{result.company}: {result.insiders} people in your network are or were there "
        f"({result.current} now)."
    )
    if not result.ways:
        click.echo("No warm path yet: nobody there you have a tie to, or who knows them.")
    for n, way in enumerate(result.ways, 1):
        path = way.path
        via = f"{path.via.name} → " if path.via else ""
        click.echo(f"\n{n}. {via}{path.to.name} ({path.to.role})  strength {path.score:.0f}")
        click.echo(f"   {path.reason[:1].upper()}{path.reason[1:]}.")
        if way.readiness.ready:
            click.echo(f"   Ready: {way.readiness.why}")
        else:
            click.echo(f"   Not yet: {way.readiness.why} {way.readiness.give_first}")


@click.command()
@click.argument("a")
@click.argument("b")
@click.option("--how", default="", help="How they know each other.")
@json_option
def knows(a: str, b: str, how: str, as_json: bool) -> None:
    """Record that two people know each other (used for warm paths).

    Example: kith knows "Ana Ruiz" "Li Wei" --how "worked together at Acme"
    """
    result = kith().knows(a, b, how)
    state = "Noted" if result.new else "Already noted"
    echo_result(result, as_json, f"{state}: {result.a} knows {result.b}.")
