"""A person's standing: the derived state of a tie (counts, strength sums, circle, due date).

It is updated on every write (a touch, a give, a change of circle or cadence) and can be
recomputed from the facts at any time (`kith rebuild`): both paths end in `settle`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime

from kith.core.circles import Circle, CircleRule, cadence_for, due_on, suggest_circle
from kith.core.dates import Duration
from kith.core.strength import StrengthInputs, strength_from_key


@dataclass(frozen=True)
class Standing:
    """Everything Kith derives about one tie, plus the user's choices that shape it."""

    added: datetime
    circle: Circle = Circle.WIDER
    circle_pinned: bool = False
    cadence: Duration | None = None  # the person's own, overriding their circle's
    interaction_count: int = 0
    first_contact: datetime | None = None
    last_contact: datetime | None = None
    inputs: StrengthInputs = field(default_factory=StrengthInputs)
    due: date | None = None

    def strength(self, now: datetime) -> float:
        return strength_from_key(self.inputs.key(), now)


def touched(standing: Standing, moment: datetime, inputs: StrengthInputs) -> Standing:
    """`standing` after one more interaction at `moment` (not yet settled)."""
    first, last = standing.first_contact, standing.last_contact
    return replace(
        standing,
        interaction_count=standing.interaction_count + 1,
        first_contact=moment if first is None or moment < first else first,
        last_contact=moment if last is None or moment > last else last,
        inputs=standing.inputs + inputs,
    )


def touched_all(standing: Standing, touches: Sequence[tuple[datetime, StrengthInputs]]) -> Standing:
    """`standing` after many more interactions at once: `touched` for each, in one step
    (an import adds hundreds of touches to one person per batch)."""
    if not touches:
        return standing
    moments = [moment for moment, _ in touches]
    first, last = min(moments), max(moments)
    if standing.first_contact is not None:
        first = min(first, standing.first_contact)
    if standing.last_contact is not None:
        last = max(last, standing.last_contact)
    total = [0.0] * 6
    for _, inputs in touches:
        total[0] += inputs.depth
        total[1] += inputs.mine
        total[2] += inputs.theirs
        total[3] += inputs.gave
        total[4] += inputs.received
        total[5] += inputs.asks
    return replace(
        standing,
        interaction_count=standing.interaction_count + len(touches),
        first_contact=first,
        last_contact=last,
        inputs=standing.inputs + StrengthInputs(*total),
    )


def settle(standing: Standing, now: datetime, rules: dict[Circle, CircleRule]) -> Standing:
    """Re-suggest the circle (unless pinned) and recompute when the next touch is due."""
    circle = standing.circle
    if not standing.circle_pinned:
        circle = suggest_circle(standing.strength(now), standing.last_contact, standing.added, now)
    cadence = cadence_for(circle, standing.cadence, rules)
    return replace(
        standing, circle=circle, due=due_on(standing.last_contact, standing.added, cadence)
    )
