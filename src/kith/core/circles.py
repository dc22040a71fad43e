"""Circles and cadences: how close each person is, and how often to keep in touch.

Defaults follow Dunbar's layers (about 5 / 15 / 50 / 150 / 500 people). A person's
circle is suggested from strength when they are touched (unless the user pinned one)
and stays until the next touch, so circles never shift silently; going quiet shows as
missed cadences, and after MISSED_TO_MOVE_DOWN of them Kith suggests moving down.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum

from kith.core.dates import Duration


class Circle(StrEnum):
    """The layers, closest first."""

    INNER = "inner"
    CLOSE = "close"
    ACTIVE = "active"
    WIDER = "wider"
    DORMANT = "dormant"

    def below(self) -> Circle:
        order = list(Circle)
        return order[min(order.index(self) + 1, len(order) - 1)]


@dataclass(frozen=True)
class CircleRule:
    """A circle's keep-in-touch cadence (None: no cadence) and its capacity."""

    cadence: Duration | None
    capacity: int


DEFAULT_RULES: dict[Circle, CircleRule] = {
    Circle.INNER: CircleRule(Duration(days=14), 5),
    Circle.CLOSE: CircleRule(Duration(months=1), 15),
    Circle.ACTIVE: CircleRule(Duration(months=3), 50),
    Circle.WIDER: CircleRule(Duration(months=12), 150),
    Circle.DORMANT: CircleRule(None, 500),
}

# Strength from which each circle is suggested (checked closest first). Calibrated so that
# keeping a circle's own cadence with calls, whoever reaches out, holds that circle:
# steady calls every 2 weeks ≈ 68, monthly ≈ 42, quarterly ≈ 19, yearly ≈ 8.
THRESHOLDS: tuple[tuple[Circle, float], ...] = (
    (Circle.INNER, 65.0),
    (Circle.CLOSE, 40.0),
    (Circle.ACTIVE, 18.0),
    (Circle.WIDER, 5.0),
)
NEW_PERSON_GRACE = timedelta(days=90)  # someone just added is "wider", not "dormant"
RECENT_CONTACT = timedelta(days=365)  # touched within a year: at least "wider"
MISSED_TO_MOVE_DOWN = 2
MAX_MISSED_COUNTED = 99


def suggest_circle(
    strength: float, last_contact: datetime | None, added: datetime | None, now: datetime
) -> Circle:
    """The circle strength and recent history point to."""
    for circle, floor in THRESHOLDS:
        if strength >= floor:
            return circle
    if last_contact is not None and now - last_contact <= RECENT_CONTACT:
        return Circle.WIDER
    if last_contact is None and added is not None and now - added <= NEW_PERSON_GRACE:
        return Circle.WIDER
    return Circle.DORMANT


def cadence_for(
    circle: Circle, own: Duration | None, rules: dict[Circle, CircleRule]
) -> Duration | None:
    """A person's cadence: their own, else their circle's."""
    return own if own is not None else rules[circle].cadence


def due_on(last_contact: datetime | None, added: datetime, cadence: Duration | None) -> date | None:
    """When the next touch is due: a cadence after the last one (or after being added)."""
    if cadence is None:
        return None
    start = last_contact or added
    return cadence.after(start.date())


def missed_cadences(due: date | None, cadence: Duration | None, today: date) -> int:
    """How many cadences have come round since the touch fell due (the due day is the first),
    counted on the calendar like due dates themselves."""
    if due is None or cadence is None or due > today:
        return 0
    missed, step = 0, due
    while step <= today and missed < MAX_MISSED_COUNTED:
        missed += 1
        step = max(cadence.after(step), step + timedelta(days=1))
    return missed


@dataclass(frozen=True)
class CircleSize:
    """One circle in `kith circles`: how full it is and how many are overdue."""

    circle: Circle
    size: int
    capacity: int
    cadence: str
    overdue: int

    @property
    def over_capacity(self) -> bool:
        return self.size > self.capacity


@dataclass(frozen=True)
class MoveSuggestion:
    """A person Kith suggests moving to another circle, and why."""

    person_id: int
    person: str
    circle: Circle
    to: Circle
    why: str


def describe(cadence: Duration | None) -> str:
    """'2w', '1mo', '3mo', '1y', '10d' or 'none'."""
    if cadence is None:
        return "none"
    if cadence.months:
        return f"{cadence.months // 12}y" if cadence.months % 12 == 0 else f"{cadence.months}mo"
    return f"{cadence.days // 7}w" if cadence.days % 7 == 0 else f"{cadence.days}d"


def move_down(
    person_id: int, person: str, circle: Circle, missed: int, skips: int
) -> MoveSuggestion | None:
    """After repeated missed (or skipped) cadences, suggest the next circle down."""
    if circle is Circle.DORMANT or max(missed, skips) < MISSED_TO_MOVE_DOWN:
        return None
    why = f"missed {missed} cadences" if missed >= skips else f"skipped {skips} times"
    return MoveSuggestion(person_id, person, circle, circle.below(), why)
