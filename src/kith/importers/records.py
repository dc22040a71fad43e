"""What every importer yields: plain records that the import pipeline resolves and stores.

A parser reads one source (a file, a folder, an archive member) and yields, in order,
`ContactRecord`, `ActivityRecord`, `LedgerRecord`, `Problem` and `Skipped` values. It never
touches the database: identity resolution, provenance and storing are the pipeline's job.
Every record carries a `key` that is stable across re-imports of the same source (a
vCard UID, a LinkedIn profile URL, a message thread and day): importing the same
record twice must be recognisable as the same record.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Protocol


@dataclass(frozen=True)
class Origin:
    """Where a record came from: the file (archive members as `archive.zip!member`) and place."""

    path: str
    place: str  # "line 12", "card 3", "event 7", "message 120"

    def __str__(self) -> str:
        return f"{self.path}, {self.place}"


@dataclass(frozen=True)
class Participant:
    """Someone an activity or ledger record names: any of name, email, profile URL."""

    name: str = ""
    email: str = ""  # case-folded address, "" when unknown
    url: str = ""  # e.g. a LinkedIn profile URL


@dataclass(frozen=True)
class ContactRecord:
    """A person as one source describes them."""

    key: str
    origin: Origin
    name: str
    emails: tuple[str, ...] = ()
    phones: tuple[str, ...] = ()  # as written; the pipeline normalises to E.164
    links: tuple[str, ...] = ()  # URLs, LinkedIn profile first when known
    organization: str = ""
    title: str = ""
    birthday: str = ""  # "YYYY-MM-DD" or year-less "--MM-DD"
    notes: str = ""
    tags: tuple[str, ...] = ()
    met_on: date | None = None  # e.g. LinkedIn's "Connected On"
    met_how: str = ""  # e.g. "LinkedIn connection"
    extra: Mapping[str, str] = field(default_factory=dict)  # unknown properties, kept
    # When the source said this (a vCard's REV, a LinkedIn export's date); None: the file's
    # time stands in. The freshest evidence of a field wins (core/provenance.py).
    as_of: datetime | None = None


@dataclass(frozen=True)
class ActivityRecord:
    """An interaction found in a source: an email thread's day, a meeting, a message."""

    key: str
    origin: Origin
    kind: str  # a kith.core.interactions.Kind value
    occurred_at: datetime  # timezone-aware
    participants: tuple[Participant, ...]  # the other people, never the user
    initiated_by: str = ""  # "me", "them" or "" when unknown
    summary: str = ""  # subject or title, plain text
    both_ways: bool = False  # the exchange with these participants went both ways in this source
    former_keys: tuple[str, ...] = ()  # keys older Kiths gave this record (re-imports match them)


@dataclass(frozen=True)
class LedgerRecord:
    """A give or ask a source already records (LinkedIn endorsements, recommendations)."""

    key: str
    origin: Origin
    direction: str  # a kith.core.ledger.Direction value
    kind: str  # a kith.core.ledger.GiveKind value
    person: Participant
    occurred_on: date | None
    summary: str = ""


@dataclass(frozen=True)
class Problem:
    """A record that could not be read; the rest of the source is still imported."""

    origin: Origin
    reason: str  # one sentence: what is wrong


@dataclass(frozen=True)
class Skipped:
    """A record read correctly but left out on purpose; `reason` is a short phrase to count by."""

    origin: Origin
    reason: str  # e.g. "declined", "over 15 attendees", "bulk mail": the summary counts these


Record = ContactRecord | ActivityRecord | LedgerRecord | Problem | Skipped


@dataclass(frozen=True)
class ParseContext:
    """What a parser may need to know beyond the file."""

    now: datetime  # timezone-aware; nothing after it is imported (recurrences stop here)
    my_emails: frozenset[str] = frozenset()  # case-folded: tells direction in mail
    max_attendees: int = 15  # meetings and threads bigger than this are not relationships


class Parser(Protocol):
    """A format's reader: yields records from one source, streaming."""

    def __call__(self, path: str, context: ParseContext) -> Iterator[Record]: ...
