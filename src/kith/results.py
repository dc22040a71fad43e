"""What the facade's use cases return: plain data for the CLI, the web app and the API."""

from __future__ import annotations

from dataclasses import dataclass, field

from kith.core.followups import FollowUp
from kith.core.interactions import Interaction
from kith.core.ledger import LedgerEntry
from kith.core.people import Person


@dataclass
class PersonView:
    """Everything `kith show` shows: the profile, the timeline, the ledger and follow-ups."""

    person: Person
    introduced_by: str | None
    timeline: list[Interaction]
    interaction_count: int
    ledger: list[LedgerEntry]
    followups: list[FollowUp]


@dataclass
class PersonMatch:
    """A person `kith find` found, with the fields that matched."""

    id: int
    display_name: str
    matches: list[tuple[str, str]] = field(default_factory=list)


@dataclass
class FindResult:
    """People and interactions that mention the searched text."""

    people: list[PersonMatch]
    interactions: list[Interaction]


@dataclass
class DemoSummary:
    """What `kith demo` loaded (or found already loaded, when `fresh` is false)."""

    fresh: bool
    people: int
    interactions: int
    ledger_entries: int
    followups: int
    sample_person_id: int
