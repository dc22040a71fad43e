"""`kith demo`: a believable, deterministic synthetic network to try Kith on.

Example: kith demo --people 200 --seed 7
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

import click

from kith.cli.context import Context, kith
from kith.cli.options import json_option
from kith.cli.render import columns, console, echo_json, local_day
from kith.cli.views import person_view_text

if TYPE_CHECKING:
    from collections.abc import Callable


@click.command()
@click.option(
    "--people",
    default=150,
    show_default=True,
    type=click.IntRange(min=1, max=1_000_000),
    help="How many people.",
)
@click.option("--seed", default=7, show_default=True, help="Same seed, same network.")
@click.option("--db", metavar="URL", help="Database to fill (same as the global --db).")
@click.option("--force", is_flag=True, help="Add the demo even if the database holds people.")
@click.option("--quiet", "-q", is_flag=True, help="Only the summary line.")
@json_option
@click.pass_obj
def demo(
    obj: Context, people: int, seed: int, db: str | None, force: bool, quiet: bool, as_json: bool
) -> None:
    """Build a demo network, then show some of its people and one timeline.

    Example: kith demo --people 10000 --db sqlite:///demo.db
    """
    if db:
        obj.db = db
    app = kith()
    with _progress(enabled=not (quiet or as_json) and people >= 5000) as progress:
        summary = app.load_demo(people, seed, force, progress)
    if as_json:
        echo_json(summary)
        return
    state = "Demo network" if summary.fresh else "This database already holds the demo network"
    click.echo(
        f"{state}: {summary.people} people, {summary.interactions} interactions, "
        f"{summary.ledger_entries} gives and asks, {summary.followups} follow-ups."
    )
    if quiet:
        return
    recent = app.list_people(sort="last", limit=12)
    click.echo("\nMost recently in touch:")
    columns(
        [(f"#{p.id}", p.display_name, p.headline, local_day(p.last_contact_at)) for p in recent],
        ("ID", "NAME", "WORK / PLACE", "LAST CONTACT"),
    )
    click.echo()
    console().print(
        person_view_text(app.show_person(f"#{summary.sample_person_id}", 8), app.today())
    )
    click.echo('Next: kith list, kith show NAME, kith log "coffee with NAME", kith find TEXT.')


@contextmanager
def _progress(enabled: bool) -> Iterator[Callable[[str, int, int], None]]:
    """A Rich progress bar (with rate and time left) fed by the facade's progress callback."""
    if not enabled:
        yield lambda stage, done, total: None
        return
    from rich.progress import Progress

    with Progress(*Progress.get_default_columns(), transient=True) as bar:
        tasks: dict[str, object] = {}

        def update(stage: str, done: int, total: int) -> None:
            if stage not in tasks:
                tasks[stage] = bar.add_task(f"Loading {stage}", total=total)
            bar.update(tasks[stage], advance=done)  # type: ignore[arg-type]

        yield update
