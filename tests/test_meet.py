"""Informational interviews: planning, holding and the follow-through."""

from __future__ import annotations

from datetime import date

import pytest

from kith.app import Kith
from kith.core.meetings import Step, add_business_days, follow_through
from kith.errors import Conflict, NotFound


def test_follow_through_timings_skip_weekends() -> None:
    assert add_business_days(date(2026, 11, 27), 3) == date(2026, 12, 2)  # Fri → Wed
    steps = follow_through("Ana", "Acme", date(2026, 11, 25))
    assert [(s.step, s.due) for s in steps] == [
        (Step.THANKS, date(2026, 11, 26)),
        (Step.NUDGE, date(2026, 11, 30)),
        (Step.NUDGE_AGAIN, date(2026, 12, 9)),
        (Step.REPORT, date(2026, 12, 25)),
    ]


def test_a_held_meeting_opens_follow_ups_and_a_reply_closes_the_nudges(kith: Kith) -> None:
    kith.add_person("Ana Ruiz")
    with pytest.raises(NotFound):
        kith.meet_step("Ana", "held")
    planned = kith.meet("Ana", "Acme", on="friday", questions="How do teams hire?")
    assert planned.meeting.planned_on == date(2026, 11, 27)
    with pytest.raises(Conflict):
        kith.meet_step("Ana", "replied")
    held = kith.meet_step("Ana", "held")
    assert len(held.opened) == 4 and held.meeting.state.value == "held"
    assert len(kith.show_person("Ana").followups) == 4
    assert kith.show_person("Ana").interaction_count == 1
    replied = kith.meet_step("Ana", "replied")
    assert replied.closed == 2
    assert [s for s, _, _ in replied.meeting.next_steps] == [Step.THANKS, Step.REPORT]
    reported = kith.meet_step("Ana", "reported")
    assert reported.meeting.state.value == "reported" and reported.closed == 1


def test_upcoming_meetings_are_on_the_agenda_only_in_search_mode(kith: Kith) -> None:
    kith.add_person("Ana Ruiz")
    kith.meet("Ana", "Acme", on="tomorrow")
    assert all(e.reason.value != "search" for e in kith.agenda(limit=None))
    kith.search_start("robotics")
    entry = next(e for e in kith.agenda(limit=None) if e.reason.value == "search")
    assert entry.person == "Ana Ruiz" and "about Acme tomorrow" in entry.why[0]
