"""`kith import`, `kith review`, `kith merge`, `kith unmerge`, `kith duplicates` and
`kith export`: bringing a network in, deciding who is who, and taking it out.

Example: kith import ~/Downloads/Basic_LinkedInDataExport.zip contacts.vcf
"""

from __future__ import annotations

import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

import click

from kith.cli.context import kith
from kith.cli.errors import CommandFailed
from kith.cli.options import json_option
from kith.cli.render import columns, echo_json, echo_result
from kith.errors import OwnAddressNeeded

if TYPE_CHECKING:
    from kith.importers.pipeline import ImportSummary, Progress

# A copy, not detect.FORMATS: click fixes the choices at import (a test keeps them equal).
FORMATS = ("kith-json", "linkedin", "vcard", "ics", "mail", "csv", "archive")


@click.command("import")
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True))
@click.option("--format", "fmt", type=click.Choice(FORMATS), help="Read as this format.")
@click.option("--dry-run", is_flag=True, help="Show what would change, and change nothing.")
@json_option
def import_(paths: tuple[str, ...], fmt: str | None, dry_run: bool, as_json: bool) -> None:
    """Import contacts, calendars, email and LinkedIn exports (format read from content).

    Re-importing the same files changes nothing; fields you edited are never overwritten.

    Example: kith import Connections.csv contacts.vcf calendar.ics Takeout.mbox
    """
    app = kith()
    try:
        with _progress(enabled=not as_json) as report:
            summary = app.import_paths(list(paths), fmt, dry_run, report)
    except OwnAddressNeeded as error:
        if not _interactive():
            raise CommandFailed(
                error.message, "Say which is yours: kith me --email ADDRESS"
            ) from None
        address = click.prompt("Your own email address (it tells your side of the mail)")
        app.update_me(add={"emails": [address]})
        with _progress(enabled=not as_json) as report:
            summary = app.import_paths(list(paths), fmt, dry_run, report)
    if as_json:
        echo_json(summary)
    else:
        _print_summary(summary)
    if summary.problem_count:
        sys.exit(1)


class _Bar:
    """A Rich progress bar (rate and ETA), shown once an import has run for a second."""

    def __init__(self, enabled: bool) -> None:
        self.enabled, self.started = enabled, time.monotonic()
        self.bar: Any = None
        self.task: Any = None

    def __call__(self, tick: Progress) -> None:
        if not self.enabled or time.monotonic() - self.started < 1.0:
            return
        if self.bar is None:
            from rich.console import Console
            from rich.progress import (
                BarColumn,
                TextColumn,
                TimeRemainingColumn,
                TransferSpeedColumn,
            )
            from rich.progress import Progress as Bar

            self.bar = Bar(
                TextColumn("importing {task.fields[records]} records"), BarColumn(),
                TransferSpeedColumn(), TimeRemainingColumn(), transient=True,
                console=Console(stderr=True),
            )  # fmt: skip
            self.bar.start()
            self.task = self.bar.add_task("import", total=tick.total, records=0)
        self.bar.update(self.task, completed=tick.done, records=tick.records)

    def stop(self) -> None:
        if self.bar is not None:
            self.bar.stop()


@contextmanager
def _progress(enabled: bool) -> Iterator[_Bar]:
    bar = _Bar(enabled)
    try:
        yield bar
    finally:
        bar.stop()


def _print_summary(summary: ImportSummary) -> None:
    verb = "Would import" if summary.dry_run else "Imported"
    click.echo(f"{verb} {', '.join(summary.sources)}:")
    click.echo(
        f"  {summary.added} added, {summary.updated} updated, {summary.merged} merged, "
        f"{summary.unchanged} unchanged, {summary.queued} for review (kith review)"
    )
    click.echo(
        f"  {summary.interactions} interactions, {summary.ledger} ledger entries, "
        f"{summary.followups} follow-ups"
    )
    for reason, count in sorted(summary.skipped.items()):
        click.echo(f"  skipped {count}: {reason}")
    for note in summary.not_imported:
        click.echo(f"  not imported: {note.where}: {note.reason}")
    if summary.owner:
        click.echo(f"  your own address, read from the mail: {summary.owner} (kith me to change)")
    for note in summary.problems:
        click.echo(f"  problem: {note.where}: {note.reason}", err=True)
    if summary.problem_count > len(summary.problems):
        click.echo(
            f"  … and {summary.problem_count - len(summary.problems)} more problems", err=True
        )


@click.command()
@click.argument("item", required=False, type=int)
@click.argument("decision", required=False, type=click.Choice(["merge", "apart"]))
@click.option(
    "--accept-all",
    is_flag=True,
    help="Merge every waiting item (with --min-score: those scoring at least that).",
)
@click.option(
    "--min-score",
    type=click.FloatRange(0, 100),
    default=0.0,
    show_default=True,
    help="With --accept-all: the least score to merge.",
)
@json_option
def review(
    item: int | None, decision: str | None, accept_all: bool, min_score: float, as_json: bool
) -> None:
    """Decide who imported people are: merge into the person shown, or keep apart.

    An import keeps apart a record that may be someone known, and asks here. Without
    arguments, the items are listed grouped by the person they may be, each with the name
    a merge keeps, and asked about in turn at a terminal; decisions are remembered.

    Example: kith review --accept-all --min-score 90
    """
    app = kith()
    if accept_all:
        merged = app.accept_reviews(min_score)
        if as_json:
            echo_json(merged)
        else:
            click.echo(f"Merged {len(merged)} of them." if merged else "Nothing to merge.")
        return
    if item is not None:
        if decision is None:
            raise click.UsageError("Say merge or apart: kith review ID merge|apart.")
        done = app.decide_review(item, decision)
        echo_result(done, as_json, f"Review {done.id}: {done.decision} ({done.name}).")
        return
    waiting = app.review_queue()
    if as_json or not waiting or not _interactive():
        if as_json:
            echo_json(waiting)
        else:
            rows = [_review_row(w) for w in waiting]
            columns(rows, ["id", "imported", "maybe", "score", "why", "merged, named"])
            if not waiting:
                click.echo("Nothing to review.")
        return
    candidate = None
    for w in waiting:
        if w.candidate_id != candidate:
            candidate = w.candidate_id
            click.echo(f"\n#{w.candidate_id} {w.candidate} {w.candidate_headline}")
        click.echo(f"  may also be {w.name} <{', '.join(w.emails)}> {w.organization} ({w.origin})")
        click.echo(f"  why: {w.reason} ({w.score:g}); merged, named {w.merged_name}")
        choice = click.prompt("  [m]erge, keep [a]part, [s]kip", type=click.Choice(["m", "a", "s"]))
        if choice != "s":
            app.decide_review(w.id, "merge" if choice == "m" else "apart")


def _review_row(w: Any) -> list[str]:
    return [str(w.id), w.name, f"#{w.candidate_id} {w.candidate}", f"{w.score:g}", w.reason,
            w.merged_name]  # fmt: skip


def _interactive() -> bool:
    """Whether someone is at the terminal to answer questions."""
    return sys.stdin.isatty()


@click.command()
@click.argument("keep")
@click.argument("other")
@json_option
def merge(keep: str, other: str, as_json: bool) -> None:
    """Merge OTHER into KEEP: one person, both profiles and the whole history.

    Example: kith merge "Ana Ruiz" "Ana R."
    """
    done = kith().merge(keep, other)
    echo_result(done, as_json, f"Merged {done.merged} into {done.kept} (#{done.kept_id}).")


@click.command()
@click.argument("name")
@json_option
def unmerge(name: str, as_json: bool) -> None:
    """Undo the latest merge into NAME (or of someone called NAME), exactly.

    Example: kith unmerge "Ana Ruiz"
    """
    done = kith().unmerge(name)
    echo_result(
        done, as_json, f"{done.merged} (#{done.merged_id}) is apart from {done.kept} again."
    )


@click.command()
@click.option(
    "--merge",
    "merge_all",
    is_flag=True,
    help="Merge every pair listed (with --min-score: those scoring at least that); "
    "kith unmerge undoes each.",
)
@click.option(
    "--min-score",
    type=click.FloatRange(0, 100),
    default=0.0,
    show_default=True,
    help="With --merge: the least score to merge.",
)
@json_option
def duplicates(merge_all: bool, min_score: float, as_json: bool) -> None:
    """List people who may be one person (kith merge A B joins them, or --merge all).

    Example: kith duplicates --merge --min-score 95
    """
    app = kith()
    if merge_all:
        merged = app.merge_duplicates(min_score)
        if as_json:
            echo_json(merged)
            return
        for done in merged:
            click.echo(
                f"Merged {done.merged} (#{done.merged_id}) into {done.kept} (#{done.kept_id})."
            )
        click.echo(f"{len(merged)} merged." if merged else "Nothing to merge.")
        return
    pairs = app.duplicates()
    if as_json:
        echo_json(pairs)
        return
    rows = [[f"#{p.a_id} {p.a}", f"#{p.b_id} {p.b}", f"{p.score:g}", p.reason] for p in pairs]
    columns(rows, ["person", "maybe the same as", "score", "why"])
    if not pairs:
        click.echo("No likely duplicates.")


@click.command()
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["vcard", "csv", "json"]),
    required=True,
    help="vcard (4.0), csv (spreadsheet-safe) or json (everything).",
)
@click.option("--vcard3", is_flag=True, help="Write vCard 3.0 instead of 4.0.")
@click.option(
    "--out", type=click.Path(dir_okay=False, writable=True), help="File (default: stdout)."
)
def export(fmt: str, vcard3: bool, out: str | None) -> None:
    """Export the network: vCard or CSV for other tools, JSON to restore with kith import.

    Example: kith export --format json --out kith-backup.json
    """
    import os
    import tempfile
    from pathlib import Path

    app = kith()
    if out is None:
        app.export(fmt, sys.stdout, vcard3)
        return
    # Written beside the target and moved over it only when complete: a failed export
    # leaves an earlier file as it was.
    target = Path(out)
    fd, partial = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".part")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as file:
            count = app.export(fmt, file, vcard3)
        Path(partial).replace(target)
    finally:
        Path(partial).unlink(missing_ok=True)
    click.echo(f"Exported {count} {'rows' if fmt == 'json' else 'people'} to {out}.", err=True)
