"""The weekly rhythm of a search: goals for real conversations, gives and reconnections
with dormant ties, this week's progress and the streak of weeks that met them all."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from kith.core.interactions import Kind

# Conversations that count: spoken or shared in person, not a message or an email.
CONVERSATION_KINDS = (Kind.MEAL, Kind.MEETING, Kind.COFFEE, Kind.VIDEO, Kind.CALL)
DORMANT_AFTER = timedelta(days=365)  # a reconnection: first contact after this long
STREAK_WEEKS = 12  # how far back the streak is counted


@dataclass(frozen=True)
class WeekGoals:
    """How many of each a week should hold (settings: week_conversations, …)."""

    conversations: int = 5
    gives: int = 3
    reconnections: int = 2


@dataclass(frozen=True)
class WeekCounts:
    """What one week (Monday to Sunday) held."""

    start: date
    conversations: int = 0
    gives: int = 0
    reconnections: int = 0

    def meets(self, goals: WeekGoals) -> bool:
        return (
            self.conversations >= goals.conversations
            and self.gives >= goals.gives
            and self.reconnections >= goals.reconnections
        )


@dataclass
class Goal:
    """Progress towards one goal this week."""

    name: str
    done: int
    goal: int

    @property
    def met(self) -> bool:
        return self.done >= self.goal


@dataclass
class WeekProgress:
    """`kith week`: this week's goals, whether all are met, and the streak."""

    start: date
    end: date
    goals: list[Goal]
    met: bool
    streak: int  # weeks in a row that met every goal, up to this one
    weeks: list[WeekCounts]  # the weeks counted, oldest first


def week_start(day: date) -> date:
    """The Monday of `day`'s week."""
    return day - timedelta(days=day.weekday())


def progress(counts: list[WeekCounts], today: date, goals: WeekGoals) -> WeekProgress:
    """This week's progress and the streak from the weekly counts (missing weeks: none)."""
    this = week_start(today)
    by_start = {c.start: c for c in counts}
    weeks = [
        by_start.get(this - timedelta(weeks=n), WeekCounts(this - timedelta(weeks=n)))
        for n in range(STREAK_WEEKS, -1, -1)
    ]
    now = weeks[-1]
    streak = 0
    # This week counts once met; until then the streak is the run up to last week.
    for week in reversed(weeks if now.meets(goals) else weeks[:-1]):
        if not week.meets(goals):
            break
        streak += 1
    shown = [
        Goal("conversations", now.conversations, goals.conversations),
        Goal("gives", now.gives, goals.gives),
        Goal("reconnections", now.reconnections, goals.reconnections),
    ]
    return WeekProgress(this, this + timedelta(days=6), shown, now.meets(goals), streak, weeks)
