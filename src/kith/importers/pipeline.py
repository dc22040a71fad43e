"""The import pipeline: read → parse → resolve → store, in small stages.

`read` finds each path's format (detect.py); `parse` streams records from each source
through its parser, turning a parser that fails part-way into one `Problem` (the one
error boundary: whatever a hostile file does, the import goes on with the next source);
`batched` groups them; the caller's `store` resolves and stores one batch per
transaction (importers/reconcile/). Because every record has a stable key and a batch is
stored whole or not at all, an import killed part-way and run again ends where one
clean import would.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from kith.errors import InvalidInput
from kith.importers.detect import Source, detect, read_position
from kith.importers.records import (
    ContactRecord,
    LedgerRecord,
    Origin,
    ParseContext,
    Problem,
    Record,
)

BATCH = 500  # contact and ledger records per transaction: little is lost when killed
# Activity records (a mail thread's day, a meeting) are light to store, but each batch
# reads and rewrites the standing of everyone it touches: bigger batches touch each
# correspondent once for many messages (50,000 messages: 13 s -> 5 s end to end).
ACTIVITY_BATCH = 10000
MAX_PROBLEMS_LISTED = 200  # the summary lists this many problems and counts the rest


@dataclass
class ProblemNote:
    """A record that could not be imported: where it is and why."""

    where: str  # "file, line 12"
    reason: str


@dataclass
class ImportSummary:
    """What an import did (or, with `dry_run`, would do)."""

    sources: list[str] = field(default_factory=list)  # "path (format)"
    added: int = 0  # new people
    updated: int = 0  # people or interactions changed by a newer record
    merged: int = 0  # records that were someone already known (exact email, phone, profile)
    unchanged: int = 0  # records already imported as they are
    queued: int = 0  # records waiting in the review queue (kith review)
    interactions: int = 0  # new interactions
    ledger: int = 0  # new ledger entries (gives already made)
    followups: int = 0  # new follow-ups (e.g. congratulate a job change)
    skipped: dict[str, int] = field(default_factory=dict)  # reason -> how many records
    problem_count: int = 0
    problems: list[ProblemNote] = field(default_factory=list)  # the first 200
    not_imported: list[ProblemNote] = field(default_factory=list)  # files of a folder left out
    owner: str = ""  # your own address, read from the mail or calendar when you had none
    dry_run: bool = False

    def skip(self, reason: str) -> None:
        self.skipped[reason] = self.skipped.get(reason, 0) + 1

    def problem(self, origin: Origin | str, reason: str) -> None:
        self.problem_count += 1
        if len(self.problems) < MAX_PROBLEMS_LISTED:
            self.problems.append(ProblemNote(str(origin), reason))


@dataclass(frozen=True)
class Progress:
    """How far an import has come: records so far, and bytes of the sources read."""

    path: str
    records: int
    done: int  # bytes read, estimated
    total: int  # bytes in all sources


Store = Callable[[Source, list[Record]], None]


def read(
    paths: Sequence[str], forced: str | None = None, left_out: list[ProblemNote] | None = None
) -> list[Source]:
    """Every path's format (raises InvalidInput for a path Kith cannot read). A folder that is
    not one source (a vdir, a Maildir, an unpacked LinkedIn export) is a folder of files:
    each file Kith recognises is a source, in the order that lets the freshest win (address
    books and exports first, oldest first; then calendars and mail), and the others are
    named in `left_out` with why."""
    found: list[Source] = []
    for path in map(os.fspath, paths):
        if forced or not Path(path).is_dir() or _one_source(path):
            found.append(detect(path, forced))
        else:
            found.extend(_folder(Path(path), left_out if left_out is not None else []))
    return found


_FOLDER_DEPTH = 4
_ACTIVITIES = ("ics", "mail")  # read after the address books, to find their people there


def _one_source(path: str) -> bool:
    """A folder that is one source: a LinkedIn export, a Maildir, or only vCards."""
    from kith.importers import linkedin, mail

    folder = Path(path)
    if linkedin.sniff(b"", path) or mail.is_maildir(path):
        return True
    files = [f for f in folder.iterdir() if not f.name.startswith(".")]
    return bool(files) and all(
        f.is_file() and f.suffix.lower() in (".vcf", ".vcard") for f in files
    )


def _folder(folder: Path, left_out: list[ProblemNote], depth: int = 0) -> list[Source]:
    sources: list[Source] = []
    for entry in sorted(folder.iterdir()):
        if entry.name.startswith(".") or entry.is_symlink():
            continue
        if entry.is_dir():
            if depth >= _FOLDER_DEPTH:
                left_out.append(ProblemNote(str(entry), "too deep in folders"))
            elif _one_source(str(entry)):
                sources.append(detect(str(entry)))
            else:
                sources.extend(_folder(entry, left_out, depth + 1))
            continue
        try:
            source = detect(str(entry))
        except InvalidInput:
            left_out.append(ProblemNote(str(entry), "not a format Kith reads"))
            continue
        if source.format == "kith-json":
            left_out.append(ProblemNote(str(entry), "a Kith backup is restored on its own"))
        else:
            sources.append(source)
    return sorted(sources, key=_freshest_last) if depth == 0 else sources


def _freshest_last(source: Source) -> tuple[bool, float]:
    try:
        written = Path(source.path).stat().st_mtime
    except OSError:
        written = 0.0
    return source.format in _ACTIVITIES, written


def parse(source: Source, context: ParseContext) -> Iterator[Record]:
    """The source's records; a parser failing part-way becomes one Problem."""
    try:
        yield from source.parser()(source.path, context)
    except (OSError, ValueError, UnicodeError, LookupError, RecursionError, MemoryError) as error:
        reason = f"could not be read past this point: {type(error).__name__}: {error}"
        yield Problem(Origin(source.path, "file"), reason[:300])


def batched(
    records: Iterable[Record], size: int = BATCH, light: int = ACTIVITY_BATCH
) -> Iterator[list[Record]]:
    """Records in batches of `size` contact or ledger records, or `light` records in all
    (activities, skipped records and problems weigh little)."""
    batch: list[Record] = []
    heavy = 0
    for record in records:
        batch.append(record)
        heavy += isinstance(record, ContactRecord | LedgerRecord)
        if heavy >= size or len(batch) >= light:
            yield batch
            batch, heavy = [], 0
    if batch:
        yield batch


def run(
    sources: Sequence[Source],
    context: ParseContext,
    store: Store,
    progress: Callable[[Progress], None] = lambda p: None,
    size: int = BATCH,
) -> None:
    """Stream every source through `store`, one batch at a time, reporting progress."""
    sizes = [_size(s.path) for s in sources]
    total, before, records = sum(sizes), 0, 0
    for source, length in zip(sources, sizes, strict=True):
        for batch in batched(parse(source, context), size):
            store(source, batch)
            records += len(batch)
            position = None if Path(source.path).is_dir() else read_position(source.path)
            done = before + min(position if position is not None else 0, length)
            progress(Progress(source.path, records, done, total))
        before += length
        progress(Progress(source.path, records, before, total))


def _size(path: str) -> int:
    where = Path(path)
    if not where.is_dir():
        return where.stat().st_size
    return sum(f.stat().st_size for f in where.rglob("*") if f.is_file() and not f.is_symlink())
