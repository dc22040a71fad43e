"""The give/ask ledger: what flowed between the user and a person, in either direction."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum


class Direction(StrEnum):
    """Who gave or asked: the user or the other person."""

    I_GAVE = "i_gave"
    THEY_GAVE = "they_gave"
    I_ASKED = "i_asked"
    THEY_ASKED = "they_asked"

    @property
    def is_give(self) -> bool:
        return self in (Direction.I_GAVE, Direction.THEY_GAVE)

    @property
    def phrase(self) -> str:
        return {
            Direction.I_GAVE: "I gave",
            Direction.THEY_GAVE: "they gave",
            Direction.I_ASKED: "I asked",
            Direction.THEY_ASKED: "they asked",
        }[self]


class GiveKind(StrEnum):
    """What kind of help."""

    INTRODUCTION = "introduction"
    REFERRAL = "referral"
    JOB_LEAD = "job_lead"
    ADVICE = "advice"
    ARTICLE = "article"
    ENDORSEMENT = "endorsement"
    FAVOR = "favor"
    OTHER = "other"


class Status(StrEnum):
    """Where a give or an ask stands."""

    OPEN = "open"
    DONE = "done"
    DECLINED = "declined"


@dataclass
class LedgerEntry:
    """One give or ask between the user and a person."""

    person_id: int
    direction: Direction
    what: str
    occurred_on: date
    kind: GiveKind = GiveKind.OTHER
    status: Status = Status.DONE
    interaction_id: int | None = None
    id: int | None = None
    person: str = ""  # display name, filled when read back


def default_status(direction: Direction) -> Status:
    """A give is usually logged once done; an ask is usually still open."""
    return Status.DONE if direction.is_give else Status.OPEN
