"""What the facade's use cases return: plain data for the CLI, the web app and the API."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from kith.core.circles import Circle, CircleSize, MoveSuggestion
from kith.core.followups import FollowUp
from kith.core.interactions import Interaction
from kith.core.intros import Introduction
from kith.core.ledger import LedgerEntry
from kith.core.people import Person
from kith.core.strength import Explanation
from kith.errors import Hint


@dataclass
class PersonView:
    """One person in full: the profile, the timeline, the ledger and follow-ups."""

    person: Person
    introduced_by: str | None
    timeline: list[Interaction]
    interaction_count: int
    ledger: list[LedgerEntry]
    followups: list[FollowUp]
    tie: Tie
    why: Explanation | None = None
    introductions: list[Introduction] = field(default_factory=list)  # open ones with them
    # Their addresses and phones that others hold too (a household's, a team's): value ->
    # the other holders' names.
    shared: dict[str, list[str]] = field(default_factory=dict)


@dataclass
class Tie:
    """Where a relationship stands: strength, circle, cadence and the next touch."""

    strength: float
    circle: Circle
    circle_pinned: bool
    cadence: str
    cadence_is_own: bool
    due_on: date | None
    missed: int
    suggested_circle: Circle


@dataclass
class Circles:
    """Each circle's size against its capacity, and suggested moves."""

    circles: list[CircleSize]
    suggestions: list[MoveSuggestion]


@dataclass
class DoneResult:
    """What marking an agenda entry or a follow-up done did."""

    person: str
    followups: list[FollowUp] = field(default_factory=list)
    thanked: int = 0
    interaction: Interaction | None = None


@dataclass
class PersonMatch:
    """A person a search found, with the fields that matched."""

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
    """What loading the demo network did (or found already loaded, when `fresh` is false)."""

    fresh: bool
    people: int
    interactions: int
    ledger_entries: int
    followups: int
    sample_person_id: int


@dataclass
class Unavailable:
    """Why a part of a screen is empty, when that is a finding and not an error (no offers
    yet, nobody at a company): the facade's sentence and its hint, for the edge to word."""

    message: str
    hint: str | Hint = ""
