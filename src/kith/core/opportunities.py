"""The opportunity pipeline: stages, the moves allowed between them, the board, and which
relationships produced which opportunities."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from kith.errors import Conflict, InvalidInput


class Stage(StrEnum):
    """Where an opportunity stands, in the order they usually come."""

    LEAD = "lead"
    CONVERSATION = "conversation"
    REFERRAL = "referral"
    APPLIED = "applied"
    INTERVIEWING = "interviewing"
    OFFER = "offer"
    ACCEPTED = "accepted"
    CLOSED = "closed"


ORDER = list(Stage)
FINAL = (Stage.ACCEPTED, Stage.CLOSED)
STAGE_NAMES = ", ".join(s.value for s in Stage)


@dataclass(frozen=True)
class StageChange:
    """One move: to which stage, on which day."""

    stage: Stage
    on: date


@dataclass(frozen=True)
class Helper:
    """Someone behind an opportunity."""

    id: int
    name: str


@dataclass
class Opportunity:
    """A possible job, the stage it is at, its history and the people who helped."""

    title: str
    company: str = ""
    stage: Stage = Stage.LEAD
    stage_on: date | None = None
    notes: str = ""
    id: int | None = None
    people: list[Helper] = field(default_factory=list)
    history: list[StageChange] = field(default_factory=list)


def parse_stage(text: str) -> Stage:
    """A stage by name or unique prefix ("interv" is interviewing)."""
    key = text.strip().lower()
    found = [s for s in Stage if s.value.startswith(key)] if key else []
    if len(found) != 1:
        raise InvalidInput(f"There is no stage '{text}'.", f"Use one of {STAGE_NAMES}.")
    return found[0]


def check_move(current: Stage, to: Stage) -> None:
    """Forward moves (skipping is fine), closing from any open stage, accepting only an
    offer; a closed or accepted opportunity stays where it is."""
    if current in FINAL:
        raise Conflict(f"This opportunity is already {current.value}.", "Add a new one instead.")
    if to is Stage.ACCEPTED and current is not Stage.OFFER:
        raise InvalidInput("Only an offer can be accepted.", "Move it to offer first.")
    if to is not Stage.CLOSED and ORDER.index(to) <= ORDER.index(current):
        raise InvalidInput(
            f"It is at {current.value}; {to.value} is not a step forward.",
            "Stages go lead → conversation → referral → applied → interviewing → offer → "
            "accepted, or closed at any time.",
        )


def move(opportunity: Opportunity, to: Stage, on: date) -> StageChange:
    """Move `opportunity` to `to` on `on`, keeping the history."""
    check_move(opportunity.stage, to)
    change = StageChange(to, on)
    opportunity.stage, opportunity.stage_on = to, on
    opportunity.history.append(change)
    return change


_SEPARATORS = re.compile(r"\s+(?:—|–|-|@|at)\s+")


def company_of(title: str) -> str:
    """The company in a title like "Acme — Staff Engineer" (the part before the dash);
    "Staff Engineer at Acme" gives "Acme"."""
    parts = _SEPARATORS.split(title.strip(), maxsplit=1)
    if len(parts) == 2 and re.search(r"\s(?:at|@)\s", title):
        return parts[1].strip()
    return parts[0].strip() if len(parts) == 2 else ""


@dataclass
class BoardColumn:
    """One stage's opportunities."""

    stage: Stage
    opportunities: list[Opportunity]


@dataclass
class Producer:
    """A person and the opportunities they helped bring about, furthest first."""

    id: int
    name: str
    opportunities: list[Opportunity]
    furthest: Stage


@dataclass
class Board:
    """`kith opps`: every stage with its opportunities, and the people behind them."""

    columns: list[BoardColumn]
    producers: list[Producer]


def build_board(opportunities: list[Opportunity]) -> Board:
    """The board by stage (most recent move first) and who produced what."""
    columns = [
        BoardColumn(stage, sorted((o for o in opportunities if o.stage is stage),
                                  key=lambda o: (o.stage_on or date.min, o.id or 0), reverse=True))
        for stage in Stage
    ]  # fmt: skip
    return Board(columns, producers(opportunities))


def reached(opportunity: Opportunity) -> Stage:
    """The furthest stage an opportunity got to (a closed one: where it was when closed)."""
    stages = [c.stage for c in opportunity.history] + [opportunity.stage]
    open_ones = [s for s in stages if s is not Stage.CLOSED]
    return max(open_ones, key=ORDER.index, default=Stage.LEAD)


def producers(opportunities: list[Opportunity]) -> list[Producer]:
    """Which relationships produced which opportunities: furthest and most first."""
    by_person: dict[int, Producer] = {}
    for opp in opportunities:
        got = reached(opp)
        for helper in opp.people:
            found = by_person.setdefault(helper.id, Producer(helper.id, helper.name, [], got))
            found.opportunities.append(opp)
            if ORDER.index(got) > ORDER.index(found.furthest):
                found.furthest = got
    return sorted(
        by_person.values(),
        key=lambda p: (-ORDER.index(p.furthest), -len(p.opportunities), p.name.casefold()),
    )
