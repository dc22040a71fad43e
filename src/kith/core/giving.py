"""Giving, read from the ledger and the matcher: what flowed each way, what is open, and
who could use what (intros, gives, shares).

A memory, never a scorecard: these views keep the user's own giving visible and never
say that anyone "owes" anything. All of it is pure: the facade gathers the facts.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING

from kith.core.dates import add_months
from kith.core.intros import Introduction
from kith.core.ledger import Direction, LedgerEntry, Status

if TYPE_CHECKING:
    from kith.core.matching import Fit

OPEN_OVERDUE_DAYS = 30  # an open give or ask this old is overdue (ledger entries carry no due date)
MONTHS_SHOWN = 12
POOL = 300  # intros and gives look among the strongest this many non-dormant ties
SHARE_POOL = 500  # sharing looks a little wider: an article costs the reader little
SHARE_GAP_DAYS = 7  # never share with the same person twice within this many days


# --- the ledger, read both ways --------------------------------------------------------


@dataclass
class PersonLedger:
    """`kith ledger NAME`: everything between the user and one person, newest first."""

    person_id: int
    person: str
    i_gave: list[LedgerEntry]
    they_gave: list[LedgerEntry]
    i_asked: list[LedgerEntry]
    they_asked: list[LedgerEntry]
    open: list[LedgerEntry]
    introductions: list[Introduction] = field(default_factory=list)


@dataclass(frozen=True)
class OnlyAsked:
    """Someone the user has asked of and never given to."""

    person_id: int
    person: str
    asks: int
    last_ask: date


@dataclass(frozen=True)
class OpenItem:
    """An open give or ask, how long it has been open, and whose move it is."""

    entry: LedgerEntry
    days_open: int
    waiting_on: str  # "me": a give I promised or a request to me; "them": the other way


@dataclass(frozen=True)
class MonthGives:
    """How many gives the user made in one month (`YYYY-MM`)."""

    month: str
    gives: int


@dataclass
class LedgerOverview:
    """`kith ledger`: the ledger over everyone."""

    totals: dict[Direction, int]
    only_asked: list[OnlyAsked]
    only_asked_total: int
    unthanked: list[LedgerEntry]
    unthanked_total: int
    overdue: list[OpenItem]
    overdue_total: int
    gives_per_month: list[MonthGives]
    overdue_after_days: int = OPEN_OVERDUE_DAYS


def person_ledger(
    person_id: int, person: str, entries: Sequence[LedgerEntry], intros: Sequence[Introduction]
) -> PersonLedger:
    """One person's ledger split four ways, with what is still open."""

    def way(direction: Direction) -> list[LedgerEntry]:
        return [e for e in entries if e.direction is direction]

    return PersonLedger(
        person_id, person, way(Direction.I_GAVE), way(Direction.THEY_GAVE),
        way(Direction.I_ASKED), way(Direction.THEY_ASKED),
        [e for e in entries if e.status is Status.OPEN], list(intros),
    )  # fmt: skip


def open_item(entry: LedgerEntry, today: date) -> OpenItem:
    """An open entry with its age and whose move it is."""
    mine = entry.direction in (Direction.I_GAVE, Direction.THEY_ASKED)
    return OpenItem(entry, (today - entry.occurred_on).days, "me" if mine else "them")


def overdue_cutoff(today: date) -> date:
    """Open entries from before this day are overdue."""
    return today - timedelta(days=OPEN_OVERDUE_DAYS)


def months_back(today: date, months: int = MONTHS_SHOWN) -> date:
    """The first day of the month `months - 1` months before today's."""
    return add_months(today.replace(day=1), -(months - 1))


def gives_per_month(
    days: Sequence[date], today: date, months: int = MONTHS_SHOWN
) -> list[MonthGives]:
    """Gives counted per month for the last `months` months, oldest first, empty months too."""
    start = months_back(today, months)
    counts = {_month(add_months(start, i)): 0 for i in range(months)}
    for day in days:
        key = _month(day)
        if key in counts:
            counts[key] += 1
    return [MonthGives(month, n) for month, n in counts.items()]


def _month(day: date) -> str:
    return f"{day.year:04d}-{day.month:02d}"


# --- who could use what ----------------------------------------------------------------


@dataclass(frozen=True)
class Candidate:
    """A person in the matching pool: their tie's strength (0–100) and what they need,
    offer and care about."""

    id: int
    name: str
    strength: float
    needs: tuple[str, ...] = ()
    offers: tuple[str, ...] = ()
    interests: tuple[str, ...] = ()


@dataclass(frozen=True)
class IntroSuggestion:
    """Two people worth introducing: `need_of`'s need fits the other's offer."""

    a_id: int
    a: str
    b_id: int
    b: str
    need_of: int  # a_id or b_id: whose need it is
    need: str
    offer: str
    fit: float  # 0–1, from the matcher
    tie: float  # 0–100: the weaker of the user's two ties
    score: float  # fit × √(tie / 100): how it is ranked
    reason: str


@dataclass(frozen=True)
class GiveSuggestion:
    """Someone one of my offers fits."""

    person_id: int
    person: str
    need: str
    offer: str
    fit: float
    strength: float
    reason: str


def rank_intros(
    pool: Sequence[Candidate],
    fits: Sequence[Fit],
    already: set[frozenset[int]],
    limit: int,
) -> list[IntroSuggestion]:
    """Pairs whose need and offer fit, best first: fit weighed by the weaker tie (an intro
    between two people the user barely knows is worth little); one entry per pair, leaving
    out pairs already introduced."""
    needing = _holders(pool, "needs")
    offering = _holders(pool, "offers")
    best: dict[frozenset[int], IntroSuggestion] = {}
    for fit in fits:
        for a in needing.get(fit.need, ()):
            for b in offering.get(fit.offer, ()):
                pair = frozenset((a.id, b.id))
                if a.id == b.id or pair in already:
                    continue
                found = _intro(a, b, fit)
                if pair not in best or _order(found) < _order(best[pair]):
                    best[pair] = found
    return sorted(best.values(), key=_order)[:limit]


def _order(s: IntroSuggestion) -> tuple[float, str, str]:
    return (-s.score, s.a, s.b)


def _intro(a: Candidate, b: Candidate, fit: Fit) -> IntroSuggestion:
    tie = min(a.strength, b.strength)
    score = fit.score * math.sqrt(max(tie, 0.0) / 100)
    reason = (
        f"{a.name}'s need “{fit.need}” fits {b.name}'s offer “{fit.offer}” "
        f"({fit.reason}; fit {fit.score:.2f}, your ties {a.strength:.0f} and {b.strength:.0f})"
    )
    return IntroSuggestion(
        a.id, a.name, b.id, b.name, a.id, fit.need, fit.offer, round(fit.score, 3),
        round(tie, 1), round(score, 4), reason,
    )  # fmt: skip


def rank_gives(pool: Sequence[Candidate], fits: Sequence[Fit], limit: int) -> list[GiveSuggestion]:
    """People whose needs fit my offers: each person once (their best fit), best fit
    first, the stronger tie first on equal fits."""
    needing = _holders(pool, "needs")
    best: dict[int, GiveSuggestion] = {}
    for fit in fits:
        for person in needing.get(fit.need, ()):
            found = GiveSuggestion(
                person.id, person.name, fit.need, fit.offer, round(fit.score, 3),
                round(person.strength, 1),
                f"your offer “{fit.offer}” fits their need “{fit.need}” ({fit.reason})",
            )  # fmt: skip
            kept = best.get(person.id)
            if kept is None or found.fit > kept.fit:
                best[person.id] = found
    ranked = sorted(best.values(), key=lambda g: (-g.fit, -g.strength, g.person, g.person_id))
    return ranked[:limit]


def _holders(pool: Sequence[Candidate], attribute: str) -> dict[str, list[Candidate]]:
    """text -> the people who have it among their needs (or offers, or interests)."""
    found: dict[str, list[Candidate]] = {}
    for person in pool:
        for text in getattr(person, attribute):
            found.setdefault(text.strip(), []).append(person)
    return found


# --- sharing ---------------------------------------------------------------------------


@dataclass(frozen=True)
class ShareCandidate:
    """Someone an item fits: which of their interests or needs, and how well."""

    person_id: int
    person: str
    fits: str  # their interest or need the item fits
    fit: float
    reason: str


@dataclass(frozen=True)
class Skipped:
    """Someone left out of a share, and why (e.g. sent something 3 days ago)."""

    person_id: int
    person: str
    reason: str


@dataclass
class ShareResult:
    """`kith share`: who it fits (`candidates`), who it went to (`shared`: ledger entries;
    empty when nothing was recorded) and who was skipped."""

    item: str
    about: str
    candidates: list[ShareCandidate]
    shared: list[LedgerEntry] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    max_people: int = 3


def share_candidates(
    pool: Sequence[Candidate], fits: Sequence[Fit], limit: int
) -> list[ShareCandidate]:
    """People whose interests or needs the item fits, best fit first, each once."""
    holders = _holders(pool, "interests")
    for text, people in _holders(pool, "needs").items():
        holders.setdefault(text, []).extend(people)
    best: dict[int, ShareCandidate] = {}
    for fit in fits:
        for person in holders.get(fit.need, ()):
            if person.id not in best or fit.score > best[person.id].fit:
                best[person.id] = ShareCandidate(
                    person.id, person.name, fit.need, round(fit.score, 3), fit.reason
                )
    return sorted(best.values(), key=lambda c: (-c.fit, c.person, c.person_id))[:limit]


def recently_shared(person_id: int, person: str, last: date, today: date) -> Skipped:
    """The skip for someone sent something within SHARE_GAP_DAYS."""
    days = (today - last).days
    when = "today" if days == 0 else f"{days} day{'s' * (days != 1)} ago"
    return Skipped(
        person_id, person, f"already sent them something {when} ({last.isoformat()}): "
        f"at most one share a week"
    )  # fmt: skip
