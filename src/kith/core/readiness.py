"""Referral readiness: can this tie carry an ask today, and if not, what to give first.

One small function in one place, over the facts of a tie, so that the ask check of the
giving engine (#4, core/askcheck.py) can take its place when both are merged: the path
search only calls `readiness`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

READY_STRENGTH = 25.0  # a tie this strong can carry a referral ask …
READY_WITHIN_DAYS = 365  # … when the last contact is this recent …
# … and the user has not asked more than they gave (decayed sums, see core/strength.py).


@dataclass(frozen=True)
class TieFacts:
    """What readiness needs to know about the tie to the person the user would ask."""

    person_id: int
    name: str
    strength: float
    last_contact: date | None
    gave: float = 0.0  # decayed weight of what the user gave them
    received: float = 0.0  # … of what they gave the user
    asked: float = 0.0  # … of what the user asked of them
    give_idea: str = ""  # a concrete thing to give, from their needs and the user's offers


@dataclass
class Readiness:
    """Whether to ask now; why; and what to give first when not."""

    ready: bool
    why: str
    give_first: str = ""


def readiness(tie: TieFacts, today: date) -> Readiness:
    """Can the tie to `tie.name` carry a referral ask today? Never for a stranger."""
    idea = tie.give_idea or f"Check in with {tie.name}: ask what they are working on."
    if tie.last_contact is None or tie.strength < 5:
        return Readiness(False, f"You have no tie to {tie.name} yet: never ask a stranger.",
                         f"Give first. {idea}")  # fmt: skip
    quiet = (today - tie.last_contact).days
    if quiet > READY_WITHIN_DAYS:
        return Readiness(False, f"You and {tie.name} have not talked for over a year.",
                         f"Reconnect before asking. {idea}")  # fmt: skip
    if tie.strength < READY_STRENGTH:
        return Readiness(False, f"The tie to {tie.name} is still light ({tie.strength:.0f}).",
                         f"Give first. {idea}")  # fmt: skip
    if tie.asked > tie.gave + tie.received:
        return Readiness(False, f"You have asked {tie.name} for more than you gave lately.",
                         f"Give back first. {idea}")  # fmt: skip
    return Readiness(True, f"The tie to {tie.name} can carry an ask ({tie.strength:.0f}).")
