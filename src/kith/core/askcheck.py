"""The ask check: can this relationship carry an ask yet?

An ask of someone the user has not invested in spends a tie that is not there. The check
reads a tie's history and says, plainly, what makes an ask cold:

- weak: strength below `AskRules.min_strength`;
- dormant: no contact for `quiet_days` or more (or never any contact);
- no recent give: nothing given to them in the last `give_within_days`;
- asks outweigh gives: `ask_ratio` or more asks (not declined) for each give, from 2 asks up.

Any one of them makes the ask cold. It never forbids anything: the caller decides what
to do with a cold ask (Kith asks the user to confirm). `check_ask` is pure; the facade's
`Kith.ask_check(ref)` gathers the facts and adds gives that would fit the person.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum

from kith.core.circles import Circle
from kith.core.dates import humanize_age
from kith.core.ledger import Direction, LedgerEntry, Status

MIN_ASKS_FOR_RATIO = 2  # one ask without a give is "nothing given", not an imbalance


@dataclass(frozen=True)
class AskRules:
    """The thresholds (settings `ask_min_strength`, `ask_quiet_after`, `ask_give_within`,
    `ask_ratio`)."""

    min_strength: float = 15.0
    quiet_days: int = 365
    give_within_days: int = 365
    ask_ratio: float = 2.0


class Concern(StrEnum):
    """What makes an ask cold."""

    WEAK = "weak"
    DORMANT = "dormant"
    NO_RECENT_GIVE = "no_recent_give"
    ASKS_OUTWEIGH_GIVES = "asks_outweigh_gives"


@dataclass(frozen=True)
class TieFacts:
    """What the check reads about one tie: its standing and its ledger."""

    person_id: int
    person: str
    strength: float
    circle: Circle
    last_contact: datetime | None
    interaction_count: int
    ledger: tuple[LedgerEntry, ...] = ()


@dataclass(frozen=True)
class GiveIdea:
    """Something the user could give the person first: one of my offers that fits one of
    their needs or interests (`score` 0–1), or a plain gesture when nothing fits (score 0)."""

    what: str
    for_their: str = ""
    score: float = 0.0


@dataclass(frozen=True)
class AskCheck:
    """The verdict on one tie: `warm` when nothing stands against an ask."""

    person_id: int
    person: str
    warm: bool
    concerns: tuple[Concern, ...]
    reasons: tuple[str, ...]  # one plain sentence per concern
    history: tuple[str, ...]  # the facts behind the verdict, one line each
    strength: float
    circle: Circle
    last_contact: datetime | None
    i_gave: int
    i_asked: int
    they_gave: int
    they_asked: int
    last_give_on: date | None
    gives: tuple[GiveIdea, ...] = field(default=())


def check_ask(facts: TieFacts, rules: AskRules, now: datetime) -> AskCheck:
    """Whether the tie can carry an ask, with the reasons and history behind it."""
    today = now.date()
    counts = _counts(facts.ledger)
    last_give = max((e.occurred_on for e in facts.ledger if _counts_as_give(e)), default=None)
    found = [
        *_weak(facts, rules),
        *_dormant(facts, rules, now),
        *_no_recent_give(last_give, rules, today),
        *_outweighed(counts, rules),
    ]
    return AskCheck(
        facts.person_id, facts.person, not found,
        tuple(c for c, _ in found), tuple(r for _, r in found),
        _history(facts, counts, last_give, today),
        round(facts.strength, 1), facts.circle, facts.last_contact,
        counts[Direction.I_GAVE], counts[Direction.I_ASKED],
        counts[Direction.THEY_GAVE], counts[Direction.THEY_ASKED], last_give,
    )  # fmt: skip


def _counts_as_give(entry: LedgerEntry) -> bool:
    return entry.direction is Direction.I_GAVE and entry.status is not Status.DECLINED


def _counts(ledger: tuple[LedgerEntry, ...]) -> dict[Direction, int]:
    """Entries each way; declined ones count for nothing."""
    counts = dict.fromkeys(Direction, 0)
    for entry in ledger:
        if entry.status is not Status.DECLINED:
            counts[entry.direction] += 1
    return counts


def _weak(facts: TieFacts, rules: AskRules) -> list[tuple[Concern, str]]:
    if facts.strength >= rules.min_strength:
        return []
    return [(Concern.WEAK, f"The tie is weak: strength {facts.strength:.0f}/100, "
                           f"below {rules.min_strength:.0f}.")]  # fmt: skip


def _dormant(facts: TieFacts, rules: AskRules, now: datetime) -> list[tuple[Concern, str]]:
    if facts.last_contact is None:
        return [(Concern.DORMANT, "You have never been in touch.")]
    quiet = (now - facts.last_contact).days
    if quiet < rules.quiet_days:
        return []
    when = humanize_age(facts.last_contact.date(), now.date())
    return [(Concern.DORMANT, f"The tie is dormant: last contact {when}.")]


def _no_recent_give(
    last_give: date | None, rules: AskRules, today: date
) -> list[tuple[Concern, str]]:
    if last_give is not None and (today - last_give).days < rules.give_within_days:
        return []
    window = _span(rules.give_within_days)
    if last_give is None:
        return [(Concern.NO_RECENT_GIVE, "You have never given them anything.")]
    return [(Concern.NO_RECENT_GIVE, f"Nothing given in the last {window} "
                                     f"(last give {humanize_age(last_give, today)}).")]  # fmt: skip


def _outweighed(counts: dict[Direction, int], rules: AskRules) -> list[tuple[Concern, str]]:
    asks, gives = counts[Direction.I_ASKED], counts[Direction.I_GAVE]
    if asks < MIN_ASKS_FOR_RATIO or asks < rules.ask_ratio * max(gives, 1):
        return []
    return [(Concern.ASKS_OUTWEIGH_GIVES, f"You have asked {asks} times and given "
                                          f"{gives} time{'s' * (gives != 1)}.")]  # fmt: skip


def _history(
    facts: TieFacts, counts: dict[Direction, int], last_give: date | None, today: date
) -> tuple[str, ...]:
    contact = (
        f"last contact {humanize_age(facts.last_contact.date(), today)}"
        if facts.last_contact
        else "no contact yet"
    )
    lines = [
        f"Tie: strength {facts.strength:.0f}/100, {facts.circle.value} circle, "
        f"{facts.interaction_count} interaction{'s' * (facts.interaction_count != 1)}, {contact}.",
        f"Ledger: you gave {counts[Direction.I_GAVE]}, asked {counts[Direction.I_ASKED]}; "
        f"they gave {counts[Direction.THEY_GAVE]}, asked {counts[Direction.THEY_ASKED]}.",
    ]
    if last_give is not None:
        lines.append(f"Last give: {last_give.isoformat()} ({humanize_age(last_give, today)}).")
    recent = [e for e in facts.ledger if e.direction is Direction.I_ASKED][:3]
    lines.extend(f"Asked {e.occurred_on.isoformat()}: {e.what} [{e.status.value}]" for e in recent)
    return tuple(lines)


def _span(days: int) -> str:
    """365 → "12 months", 90 → "3 months", 10 → "10 days"."""
    months = round(days / 30.4)
    return f"{months} months" if days >= 60 else f"{days} days"
