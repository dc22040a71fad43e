"""Search mode: the same people, a different focus (see docs/search.md).

While a search is on, the agenda also surfaces search actions and the health report
compares the network's warmth before the search began; while off, Kith keeps to
maintenance. One search at a time; each start and stop is kept.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from kith.errors import Conflict, Do, Hint

WARM_BEFORE = timedelta(days=182)  # "before the search": the six months before it began


@dataclass
class Search:
    """One job search: when it started, its goal, and when it stopped (None: still on)."""

    started_on: date
    goal: str = ""
    stopped_on: date | None = None
    id: int | None = None

    @property
    def active(self) -> bool:
        return self.stopped_on is None


@dataclass
class WarmBefore:
    """Health: how warm the network was kept in the six months before the search began."""

    started_on: date
    since: date
    interactions: int
    gives: int
    people_met: int
    network: int
    share_met: float  # people met in those months / people in the network now


def start(current: Search | None, goal: str, today: date) -> Search:
    """A new search from today; refused while one is on."""
    if current is not None and current.active:
        raise Conflict(
            f"A search is already on (since {current.started_on.isoformat()}).",
            Hint(Do.STOP_SEARCH),
        )
    return Search(today, goal.strip())


def stop(current: Search | None, today: date) -> Search:
    """The current search, stopped today."""
    if current is None or not current.active:
        raise Conflict("No search is on.", Hint(Do.START_SEARCH))
    current.stopped_on = today
    return current


def days_on(search: Search, today: date) -> int:
    """How many days the search has run (to its stop, or to today)."""
    return ((search.stopped_on or today) - search.started_on).days
