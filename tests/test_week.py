"""Weekly goals: progress this week and the streak."""

from __future__ import annotations

from datetime import date, timedelta

from kith.app import Kith
from kith.core.ledger import Direction, GiveKind
from kith.core.week import WeekCounts, WeekGoals, progress, week_start

TODAY = date(2026, 11, 25)  # a Wednesday


def test_streak_counts_weeks_in_a_row_and_this_week_once_met() -> None:
    goals = WeekGoals(1, 1, 0)
    this = week_start(TODAY)
    met = [WeekCounts(this - timedelta(weeks=n), 1, 1, 0) for n in (1, 2, 4)]
    shown = progress(met, TODAY, goals)
    assert shown.streak == 2 and not shown.met and shown.start == date(2026, 11, 23)
    shown = progress([*met, WeekCounts(this, 2, 1, 0)], TODAY, goals)
    assert shown.streak == 3 and shown.met
    first = shown.goals[0]
    assert (first.name, first.done, first.met) == ("conversations", 2, True)


def test_week_counts_conversations_gives_and_reconnections(kith: Kith) -> None:
    kith.add_person("Ana Ruiz")
    kith.add_person("Tom Lee")
    kith.log("coffee with Tom Lee", when="2025-06-01")
    kith.log("coffee with Ana Ruiz", when="monday")
    kith.log("email with Ana Ruiz", when="2026-11-24")
    kith.log("call with Tom Lee", when="2026-11-24")
    kith.record(Direction.I_GAVE, "Ana", "sent the deck", kind=GiveKind.ARTICLE)
    shown = kith.week()
    assert {g.name: g.done for g in shown.goals} == {
        "conversations": 2, "gives": 1, "reconnections": 1}  # fmt: skip
    assert shown.goals[0].goal == 5 and shown.streak == 0
