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
from kith.cli.options import json_option
from kith.cli.render import columns, echo_json, echo_result

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
    with _progress(enabled=not as_json) as report:
        summary = kith().import_paths(list(paths), fmt, dry_run, report)
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
    for note in summary.problems:
        click.echo(f"  problem: {note.where}: {note.reason}", err=True)
    if summary.problem_count > len(summary.problems):
        click.echo(
            f"  … and {summary.problem_count - len(summary.problems)} more problems", err=True
        )


@click.command()
@click.argument("item", required=False, type=int)
@click.argument("decision", required=False, type=click.Choice(["merge", "apart"]))
@json_option
def review(item: int | None, decision: str | None, as_json: bool) -> None:
    """Decide who imported records are: merge into the person shown, or keep apart.

    Without arguments, asks about each waiting record in turn; decisions are remembered.

    Example: kith review 12 merge
    """
    app = kith()
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
            rows = [[str(w.id), w.name, w.candidate, f"{w.score:g}", w.reason] for w in waiting]
            columns(rows, ["id", "imported", "maybe", "score", "why"])
            if not waiting:
                click.echo("Nothing to review.")
        return
    for w in waiting:
        click.echo(f"\n{w.name} <{', '.join(w.emails)}> {w.organization} ({w.origin})")
        click.echo(f"  may be #{w.candidate_id} {w.candidate} {w.candidate_headline} ({w.reason})")
        choice = click.prompt("  [m]erge, keep [a]part, [s]kip", type=click.Choice(["m", "a", "s"]))
        if choice != "s":
            app.decide_review(w.id, "merge" if choice == "m" else "apart")


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
@json_option
def duplicates(as_json: bool) -> None:
    """List people who may be one person (kith merge A B joins them).

    Example: kith duplicates
    """
    pairs = kith().duplicates()
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
