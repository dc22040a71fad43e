"""Informational interviews and their follow-through (see docs/search.md).

Once a meeting is held, its follow-through is a set of ordinary follow-ups: a thank-you
within a day, a nudge 3 business days later while waiting for a reply, another 7
business days after that, and a later "report back" on what their advice led to. A
reply closes the nudges; reporting back closes the last step.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum

THANKS_WITHIN = timedelta(days=1)
NUDGE_AFTER = 3  # business days after the meeting
NUDGE_AGAIN_AFTER = 7  # business days after the first nudge
REPORT_AFTER = timedelta(days=30)


class Step(StrEnum):
    """One step of the follow-through."""

    THANKS = "thanks"
    NUDGE = "nudge"
    NUDGE_AGAIN = "nudge_again"
    REPORT = "report"


WAITING = (Step.NUDGE, Step.NUDGE_AGAIN)  # closed by a reply


class State(StrEnum):
    """Where a meeting stands."""

    PLANNED = "planned"
    HELD = "held"  # waiting for a reply
    REPLIED = "replied"
    REPORTED = "reported"


@dataclass(frozen=True)
class Planned:
    """One follow-through step to create: what, and when it is due."""

    step: Step
    what: str
    due: date


@dataclass
class Meeting:
    """An informational interview with a person about a company."""

    person_id: int
    about: str
    person: str = ""
    planned_on: date | None = None
    held_on: date | None = None
    replied_on: date | None = None
    reported_on: date | None = None
    questions: str = ""
    id: int | None = None
    next_steps: list[tuple[Step, str, date]] = field(default_factory=list)

    @property
    def state(self) -> State:
        if self.reported_on:
            return State.REPORTED
        if self.replied_on:
            return State.REPLIED
        return State.HELD if self.held_on else State.PLANNED


def add_business_days(day: date, n: int) -> date:
    """`n` working days (Monday to Friday) after `day`."""
    while n > 0:
        day += timedelta(days=1)
        if day.weekday() < 5:
            n -= 1
    return day


def follow_through(name: str, about: str, held_on: date) -> list[Planned]:
    """The steps that start once a meeting with `name` about `about` is held."""
    nudge = add_business_days(held_on, NUDGE_AFTER)
    return [
        Planned(Step.THANKS, f"Thank {name} for the conversation about {about}",
                held_on + THANKS_WITHIN),
        Planned(Step.NUDGE, f"Follow up with {name} if no reply yet (about {about})", nudge),
        Planned(Step.NUDGE_AGAIN, f"Follow up with {name} once more (about {about})",
                add_business_days(nudge, NUDGE_AGAIN_AFTER)),
        Planned(Step.REPORT, f"Report back to {name}: what came of their advice on {about}",
                held_on + REPORT_AFTER),
    ]  # fmt: skip
