"""kith.core.circles and kith.core.standing: suggested circles, cadences, due dates, moves."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kith.core.circles import (
    DEFAULT_RULES,
    MISSED_TO_MOVE_DOWN,
    NEW_PERSON_GRACE,
    RECENT_CONTACT,
    THRESHOLDS,
    Circle,
    cadence_for,
    describe,
    due_on,
    missed_cadences,
    move_down,
    suggest_circle,
)
from kith.core.dates import Duration
from kith.core.interactions import Initiator, Interaction, Kind
from kith.core.standing import Standing, settle, touched, touched_all
from kith.core.strength import inputs_from_history, interaction_inputs, strength

NOW = datetime(2026, 11, 25, 12, tzinfo=UTC)
TODAY = NOW.date()
LONG_AGO = NOW - timedelta(days=5 * 365)
CLOSEST_FIRST = list(Circle)


def circle_of(score: float) -> Circle:
    """The circle strength alone suggests (no recent contact, not new)."""
    return suggest_circle(score, None, LONG_AGO, NOW)


# --- suggest_circle -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("score", "expected"),
    [
        (100.0, Circle.INNER),
        (65.0, Circle.INNER),
        (64.999, Circle.CLOSE),
        (40.0, Circle.CLOSE),
        (39.999, Circle.ACTIVE),
        (18.0, Circle.ACTIVE),
        (17.999, Circle.WIDER),
        (5.0, Circle.WIDER),
        (4.999, Circle.DORMANT),
        (0.0, Circle.DORMANT),
    ],
)
def test_thresholds_at_and_around_each_boundary(score: float, expected: Circle) -> None:
    assert circle_of(score) is expected


def test_thresholds_are_closest_first_and_descending() -> None:
    assert [c for c, _ in THRESHOLDS] == CLOSEST_FIRST[:-1]
    floors = [f for _, f in THRESHOLDS]
    assert floors == sorted(floors, reverse=True)


@given(st.floats(0, 100), st.floats(0, 100))
def test_more_strength_never_suggests_a_wider_circle(a: float, b: float) -> None:
    low, high = sorted((a, b))
    assert CLOSEST_FIRST.index(circle_of(high)) <= CLOSEST_FIRST.index(circle_of(low))


def test_contact_within_a_year_keeps_a_weak_tie_wider() -> None:
    assert suggest_circle(0.0, NOW - RECENT_CONTACT, LONG_AGO, NOW) is Circle.WIDER
    just_over = NOW - RECENT_CONTACT - timedelta(seconds=1)
    assert suggest_circle(0.0, just_over, LONG_AGO, NOW) is Circle.DORMANT


def test_recent_contact_never_lowers_a_strong_tie() -> None:
    assert suggest_circle(80.0, NOW, LONG_AGO, NOW) is Circle.INNER


def test_someone_just_added_and_never_contacted_is_wider_during_the_grace() -> None:
    assert suggest_circle(0.0, None, NOW, NOW) is Circle.WIDER
    assert suggest_circle(0.0, None, NOW - NEW_PERSON_GRACE, NOW) is Circle.WIDER
    just_over = NOW - NEW_PERSON_GRACE - timedelta(seconds=1)
    assert suggest_circle(0.0, None, just_over, NOW) is Circle.DORMANT


def test_the_grace_is_only_for_people_never_contacted() -> None:
    # Added yesterday (say, imported) with a last contact two years back: dormant.
    old_contact = NOW - timedelta(days=2 * 365)
    assert suggest_circle(0.0, old_contact, NOW - timedelta(days=1), NOW) is Circle.DORMANT


def test_no_contact_and_no_added_date_is_dormant() -> None:
    assert suggest_circle(0.0, None, None, NOW) is Circle.DORMANT


# --- cadences and due dates ---------------------------------------------------------


def test_cadence_is_the_persons_own_else_the_circles() -> None:
    assert cadence_for(Circle.ACTIVE, None, DEFAULT_RULES) == Duration(months=3)
    assert cadence_for(Circle.ACTIVE, Duration(days=10), DEFAULT_RULES) == Duration(days=10)
    assert cadence_for(Circle.DORMANT, None, DEFAULT_RULES) is None
    assert cadence_for(Circle.DORMANT, Duration(months=1), DEFAULT_RULES) == Duration(months=1)


@pytest.mark.parametrize(
    ("circle", "expected"),
    [
        (Circle.INNER, date(2026, 12, 9)),  # 14 days
        (Circle.CLOSE, date(2026, 12, 25)),  # 1 month
        (Circle.ACTIVE, date(2027, 2, 25)),  # 3 months
        (Circle.WIDER, date(2027, 11, 25)),  # 12 months
        (Circle.DORMANT, None),  # no cadence
    ],
)
def test_due_a_cadence_after_the_last_contact(circle: Circle, expected: date | None) -> None:
    cadence = cadence_for(circle, None, DEFAULT_RULES)
    assert due_on(NOW, LONG_AGO, cadence) == expected


def test_due_after_an_own_cadence() -> None:
    assert due_on(
        NOW, LONG_AGO, cadence_for(Circle.WIDER, Duration(days=10), DEFAULT_RULES)
    ) == date(2026, 12, 5)


def test_due_counts_from_added_when_never_contacted() -> None:
    added = datetime(2026, 11, 1, 9, tzinfo=UTC)
    assert due_on(None, added, Duration(days=14)) == date(2026, 11, 15)


def test_due_months_clamp_to_the_end_of_shorter_months() -> None:
    jan_31 = datetime(2026, 1, 31, 12, tzinfo=UTC)
    assert due_on(jan_31, LONG_AGO, Duration(months=1)) == date(2026, 2, 28)


def test_due_counts_from_the_local_date_of_the_contact() -> None:
    # 23:30 on the 25th in UTC−5 is already the 26th in UTC; the local day is the one kept.
    late_evening = datetime(2026, 11, 25, 23, 30, tzinfo=timezone(timedelta(hours=-5)))
    assert due_on(late_evening, LONG_AGO, Duration(days=14)) == date(2026, 12, 9)


# --- missed cadences ----------------------------------------------------------------

DUE = date(2026, 12, 1)


def test_missed_cadences_count_from_the_due_day() -> None:
    fortnight = Duration(days=14)
    assert missed_cadences(DUE, fortnight, DUE - timedelta(days=1)) == 0
    assert missed_cadences(DUE, fortnight, DUE) == 1
    assert missed_cadences(DUE, fortnight, DUE + timedelta(days=13)) == 1
    assert missed_cadences(DUE, fortnight, DUE + timedelta(days=14)) == 2
    assert missed_cadences(DUE, fortnight, DUE + timedelta(days=28)) == 3


def test_missed_month_cadences_follow_the_calendar_like_due_dates() -> None:
    month = Duration(months=1)
    assert missed_cadences(date(2026, 2, 1), month, date(2026, 2, 28)) == 1
    assert missed_cadences(date(2026, 2, 1), month, date(2026, 3, 1)) == 2
    year = Duration(months=12)
    assert missed_cadences(date(2025, 3, 1), year, date(2026, 2, 27)) == 1
    assert missed_cadences(date(2025, 3, 1), year, date(2026, 3, 1)) == 2


def test_nothing_is_missed_without_a_due_date_or_cadence() -> None:
    assert missed_cadences(None, Duration(days=14), TODAY) == 0
    assert missed_cadences(DUE, None, DUE + timedelta(days=400)) == 0


def test_a_zero_length_cadence_does_not_divide_by_zero() -> None:
    assert missed_cadences(DUE, Duration(), DUE + timedelta(days=3)) == 4


@given(
    st.dates(date(2000, 1, 1), date(2040, 1, 1)),
    st.integers(1, 400),
    st.integers(-400, 2000),
    st.integers(0, 400),
)
def test_missed_cadences_grow_with_time_and_start_on_the_due_day(
    due: date, cadence_days: int, offset: int, step: int
) -> None:
    cadence = Duration(days=cadence_days)
    today = due + timedelta(days=offset)
    missed = missed_cadences(due, cadence, today)
    assert (missed == 0) == (today < due)
    assert missed_cadences(due, cadence, today + timedelta(days=step)) >= missed


# --- moving down --------------------------------------------------------------------


@pytest.mark.parametrize(("missed", "skips"), [(0, 0), (1, 0), (0, 1), (1, 1)])
def test_no_move_before_two_missed_or_skipped(missed: int, skips: int) -> None:
    assert move_down(1, "Ann", Circle.CLOSE, missed, skips) is None


def test_two_missed_cadences_suggest_the_next_circle_down() -> None:
    move = move_down(7, "Ann", Circle.INNER, MISSED_TO_MOVE_DOWN, 0)
    assert move is not None
    assert (move.person_id, move.person, move.circle, move.to) == (
        7,
        "Ann",
        Circle.INNER,
        Circle.CLOSE,
    )
    assert move.why == "missed 2 cadences"


def test_two_skips_suggest_a_move_too() -> None:
    move = move_down(7, "Ann", Circle.ACTIVE, 0, 2)
    assert move is not None
    assert (move.to, move.why) == (Circle.WIDER, "skipped 2 times")


def test_the_larger_count_explains_the_move() -> None:
    assert (m := move_down(1, "A", Circle.CLOSE, 3, 2)) is not None and m.why == "missed 3 cadences"
    assert (m := move_down(1, "A", Circle.CLOSE, 2, 3)) is not None and m.why == "skipped 3 times"


def test_wider_moves_to_dormant_and_dormant_goes_no_lower() -> None:
    move = move_down(1, "Ann", Circle.WIDER, 5, 0)
    assert move is not None and move.to is Circle.DORMANT
    assert move_down(1, "Ann", Circle.DORMANT, 9, 9) is None
    assert Circle.DORMANT.below() is Circle.DORMANT


def test_below_steps_one_circle_at_a_time() -> None:
    assert [c.below() for c in CLOSEST_FIRST[:-1]] == CLOSEST_FIRST[1:]


# --- describe -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cadence", "text"),
    [
        (None, "none"),
        (Duration(days=7), "1w"),
        (Duration(days=14), "2w"),
        (Duration(days=10), "10d"),
        (Duration(days=30), "30d"),  # an own "1mo" cadence is kept as 30 days
        (Duration(months=1), "1mo"),
        (Duration(months=3), "3mo"),
        (Duration(months=18), "18mo"),
        (Duration(months=12), "1y"),
        (Duration(months=24), "2y"),
    ],
)
def test_describe(cadence: Duration | None, text: str) -> None:
    assert describe(cadence) == text


def test_describe_the_default_circles() -> None:
    assert [describe(rule.cadence) for rule in DEFAULT_RULES.values()] == [
        "2w",
        "1mo",
        "3mo",
        "1y",
        "none",
    ]


# --- standing: touched and settle -----------------------------------------------------


def meal(at: datetime) -> Interaction:
    return Interaction(at, Kind.MEAL, [1], initiated_by=Initiator.ME)


def test_touched_counts_and_keeps_first_and_last_contact() -> None:
    start = Standing(added=LONG_AGO)
    middle, early, late = NOW - timedelta(days=10), NOW - timedelta(days=20), NOW
    s = start
    for at in (middle, early, late):  # out of order, as imports may arrive
        s = touched(s, at, interaction_inputs(meal(at), NOW))
    assert s.interaction_count == 3
    assert (s.first_contact, s.last_contact) == (early, late)
    expected = inputs_from_history([meal(middle), meal(early), meal(late)], [], NOW)
    assert s.strength(NOW) == pytest.approx(strength(expected, NOW))
    assert start.interaction_count == 0  # standings are values: the original is unchanged


def test_touched_all_at_once_equals_one_touch_after_another() -> None:
    start = touched(Standing(added=LONG_AGO), NOW - timedelta(days=5), interaction_inputs(
        meal(NOW - timedelta(days=5)), NOW))  # fmt: skip
    moments = [NOW - timedelta(days=d) for d in (3, 40, 1, 7)]
    touches = [(at, interaction_inputs(meal(at), NOW)) for at in moments]
    one_by_one = start
    for at, inputs in touches:
        one_by_one = touched(one_by_one, at, inputs)
    at_once = touched_all(start, touches)
    assert at_once.interaction_count == one_by_one.interaction_count == 5
    assert (
        (at_once.first_contact, at_once.last_contact)
        == (
            one_by_one.first_contact,
            one_by_one.last_contact,
        )
        == (NOW - timedelta(days=40), NOW - timedelta(days=1))
    )
    assert at_once.inputs.depth == pytest.approx(one_by_one.inputs.depth)
    assert at_once.inputs.mine == pytest.approx(one_by_one.inputs.mine)
    assert touched_all(start, []) is start


def test_settle_suggests_the_circle_and_the_due_date() -> None:
    # One meal now: strength ≈ 9.5 → wider, due a year later.
    s = settle(touched(Standing(added=LONG_AGO), NOW, interaction_inputs(meal(NOW), NOW)), NOW,
               DEFAULT_RULES)  # fmt: skip
    assert s.circle is Circle.WIDER
    assert s.due == date(2027, 11, 25)


def test_settle_keeps_a_pinned_circle_and_uses_an_own_cadence() -> None:
    s = touched(Standing(added=LONG_AGO), NOW, interaction_inputs(meal(NOW), NOW))
    pinned = settle(replace(s, circle=Circle.INNER, circle_pinned=True), NOW, DEFAULT_RULES)
    assert (pinned.circle, pinned.due) == (Circle.INNER, date(2026, 12, 9))
    own = settle(replace(s, cadence=Duration(days=10)), NOW, DEFAULT_RULES)
    assert (own.circle, own.due) == (Circle.WIDER, date(2026, 12, 5))


def test_settle_a_new_person_never_contacted() -> None:
    fresh = settle(Standing(added=NOW), NOW, DEFAULT_RULES)
    assert (fresh.circle, fresh.due) == (Circle.WIDER, date(2027, 11, 25))
    forgotten = settle(Standing(added=LONG_AGO), NOW, DEFAULT_RULES)
    assert (forgotten.circle, forgotten.due) == (Circle.DORMANT, None)


# --- calibration: what steady habits earn ---------------------------------------------


def habit(kind: Kind, every_days: int, times: int, alternate: bool = False) -> Circle:
    """The circle suggested after `times` touches, one every `every_days`, the last now."""
    history = [
        Interaction(
            NOW - timedelta(days=every_days * k),
            kind,
            [1],
            initiated_by=(Initiator.ME if k % 2 else Initiator.THEM) if alternate else None,
        )
        for k in range(times)
    ]
    score = strength(inputs_from_history(history, [], NOW), NOW)
    return suggest_circle(score, history[0].occurred_at, LONG_AGO, NOW)


def test_keeping_a_circles_cadence_holds_the_circle() -> None:
    # Calls at exactly each circle's cadence for five years, initiator unknown (the
    # weakest common case), must not suggest a lower circle at the next touch.
    assert habit(Kind.CALL, 14, 130) is Circle.INNER
    assert habit(Kind.CALL, 30, 60) is Circle.CLOSE
    assert habit(Kind.CALL, 91, 20) is Circle.ACTIVE
    assert habit(Kind.CALL, 365, 5) is Circle.WIDER


def test_calibration_of_common_habits() -> None:
    # A year of weekly coffee is inner; monthly coffee, both sides reaching out, is close;
    # monthly emails stay lighter than monthly coffee; a yearly coffee keeps someone wider.
    assert habit(Kind.COFFEE, 7, 52) is Circle.INNER
    assert habit(Kind.COFFEE, 30, 12, alternate=True) is Circle.CLOSE
    assert habit(Kind.EMAIL, 30, 12) is Circle.WIDER
    assert habit(Kind.COFFEE, 365, 5) is Circle.WIDER
