"""kith.core.strength: hand-computed scores, and the properties the design promises."""

from __future__ import annotations

import math
from datetime import UTC, date, datetime, timedelta, timezone

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kith.core.interactions import Initiator, Interaction, Kind
from kith.core.ledger import Direction, LedgerEntry, Status
from kith.core.strength import (
    ASK_WEIGHT,
    EPOCH,
    GIVE_WEIGHT,
    HALF_LIFE_DAYS,
    KIND_WEIGHT,
    OPEN_WEIGHT,
    SCALE,
    StrengthInputs,
    decay_to,
    epoch_weight,
    explain,
    inputs_from_history,
    interaction_inputs,
    ledger_inputs,
    strength,
    strength_from_key,
)

NOW = datetime(2026, 11, 25, 12, tzinfo=UTC)  # noon, so a ledger entry dated today is age 0
TODAY = NOW.date()
HALF_LIFE = timedelta(days=HALF_LIFE_DAYS)


def touch(kind: Kind = Kind.MEAL, at: datetime = NOW, by: Initiator | None = None) -> Interaction:
    return Interaction(at, kind, [1], initiated_by=by)


def entry(
    direction: Direction = Direction.I_GAVE, on: date = TODAY, status: Status = Status.DONE
) -> LedgerEntry:
    return LedgerEntry(1, direction, "an intro", on, status=status)


def score(
    interactions: list[Interaction] = (),  # type: ignore[assignment]
    ledger: list[LedgerEntry] = (),  # type: ignore[assignment]
    now: datetime = NOW,
) -> float:
    return strength(inputs_from_history(interactions, ledger, now), now)


def from_raw(raw: float) -> float:
    """strength = 100 × (1 − e^(−raw / SCALE))"""
    return 100.0 * (1.0 - math.exp(-raw / SCALE))


# --- the epoch arithmetic -----------------------------------------------------------


def test_epoch_weight_and_decay_are_powers_of_two_in_half_lives() -> None:
    assert epoch_weight(1.5, EPOCH) == 1.5
    assert epoch_weight(1.0, EPOCH + HALF_LIFE) == pytest.approx(2.0)
    assert epoch_weight(1.0, EPOCH - HALF_LIFE) == pytest.approx(0.5)
    assert decay_to(EPOCH) == 1.0
    assert decay_to(EPOCH + 2 * HALF_LIFE) == pytest.approx(0.25)


def test_absurd_dates_neither_overflow_nor_leave_the_range() -> None:
    # Regression: decay_to clamped only future dates, so a `now` centuries before the epoch
    # raised OverflowError from math.exp2.
    for now in (datetime(1, 1, 1, tzinfo=UTC), datetime(9999, 12, 31, tzinfo=UTC)):
        assert 0.0 <= score([touch(at=now)], now=now) <= 100.0
        assert 0.0 <= strength(StrengthInputs(depth=1.0), now) <= 100.0


# --- hand-computed scores ----------------------------------------------------------


def test_no_history_is_zero() -> None:
    assert score() == 0.0
    assert strength(StrengthInputs(), NOW) == 0.0


def test_one_meal_now() -> None:
    # raw = 1.0 (meal) × 2^0 = 1.0  →  100·(1 − e^(−0.1)) ≈ 9.516
    assert score([touch(Kind.MEAL)]) == pytest.approx(100 * (1 - math.exp(-0.1)))
    assert score([touch(Kind.MEAL)]) == pytest.approx(9.516258)


def test_one_meal_a_half_life_ago() -> None:
    # raw = 1.0 × 2^(−180/180) = 0.5  →  100·(1 − e^(−0.05)) ≈ 4.877
    assert score([touch(Kind.MEAL, NOW - HALF_LIFE)]) == pytest.approx(100 * (1 - math.exp(-0.05)))


def test_one_meal_two_half_lives_ago() -> None:
    # raw = 1.0 × 2^(−2) = 0.25
    assert score([touch(Kind.MEAL, NOW - 2 * HALF_LIFE)]) == pytest.approx(from_raw(0.25))


def test_two_meals_add_up() -> None:
    # raw = 1.0 + 1.0 × 0.5 = 1.5
    history = [touch(Kind.MEAL), touch(Kind.MEAL, NOW - HALF_LIFE)]
    assert score(history) == pytest.approx(from_raw(1.5))


def test_a_call_each_way_adds_reciprocity() -> None:
    # depth = 0.6 + 0.6 = 1.2; reciprocity = min(mine 0.6, theirs 0.6) = 0.6; raw = 1.8
    history = [touch(Kind.CALL, by=Initiator.ME), touch(Kind.CALL, by=Initiator.THEM)]
    assert score(history) == pytest.approx(from_raw(1.8))


def test_reciprocity_is_the_smaller_side() -> None:
    # depth = 3 × 0.6 = 1.8; reciprocity = min(mine 0.6, theirs 1.2) = 0.6; raw = 2.4
    history = [
        touch(Kind.CALL, by=Initiator.ME),
        touch(Kind.CALL, by=Initiator.THEM),
        touch(Kind.CALL, by=Initiator.THEM),
    ]
    assert score(history) == pytest.approx(from_raw(2.4), rel=1e-6)


def test_one_sided_or_unknown_initiative_adds_no_reciprocity() -> None:
    # raw = 0.6 + 0.6 = 1.2 either way
    mine = [touch(Kind.CALL, by=Initiator.ME), touch(Kind.CALL, by=Initiator.ME)]
    unknown = [touch(Kind.CALL), touch(Kind.CALL, by=Initiator.THEM)]
    assert score(mine) == pytest.approx(from_raw(1.2))
    assert score(unknown) == pytest.approx(from_raw(1.2))


def test_a_done_give_adds_the_give_weight_decayed() -> None:
    # raw = GIVE_WEIGHT 1.5 × 2^(−1) = 0.75 (a ledger entry counts from noon of its day)
    a_half_life_ago = (NOW - HALF_LIFE).date()
    assert score(ledger=[entry(Direction.I_GAVE, a_half_life_ago)]) == pytest.approx(
        from_raw(GIVE_WEIGHT / 2)
    )
    assert score(ledger=[entry(Direction.I_GAVE)]) == pytest.approx(from_raw(1.5))


def test_help_both_ways_adds_the_smaller_side_again() -> None:
    # gave 1.5 + received 1.5 + min(1.5, 1.5) = 4.5
    ledger = [entry(Direction.I_GAVE), entry(Direction.THEY_GAVE)]
    assert score(ledger=ledger) == pytest.approx(from_raw(4.5))


@pytest.mark.parametrize("direction", list(Direction))
def test_a_declined_entry_adds_nothing(direction: Direction) -> None:
    assert ledger_inputs(entry(direction, status=Status.DECLINED), NOW) == StrengthInputs()
    assert score([touch()], [entry(direction, status=Status.DECLINED)]) == score([touch()])


@pytest.mark.parametrize("direction", list(Direction))
def test_an_open_entry_adds_the_open_weight(direction: Direction) -> None:
    # raw = OPEN_WEIGHT 0.25, whichever way it goes
    assert score(ledger=[entry(direction, status=Status.OPEN)]) == pytest.approx(
        from_raw(OPEN_WEIGHT)
    )


@pytest.mark.parametrize("direction", [Direction.I_ASKED, Direction.THEY_ASKED])
def test_an_ask_that_was_met_adds_the_ask_weight(direction: Direction) -> None:
    # raw = ASK_WEIGHT 0.5
    assert score(ledger=[entry(direction)]) == pytest.approx(from_raw(ASK_WEIGHT))


def test_a_future_interaction_counts_as_now_not_more() -> None:
    next_month = touch(Kind.MEAL, NOW + timedelta(days=30))
    assert interaction_inputs(next_month, NOW) == interaction_inputs(touch(Kind.MEAL), NOW)
    assert score([next_month]) == pytest.approx(from_raw(1.0))


def test_a_future_ledger_entry_counts_as_today_not_more() -> None:
    future = entry(Direction.THEY_GAVE, TODAY + timedelta(days=30))
    assert ledger_inputs(future, NOW) == ledger_inputs(entry(Direction.THEY_GAVE), NOW)


@pytest.mark.parametrize(
    ("deeper", "lighter"),
    [(Kind.MEAL, Kind.CALL), (Kind.CALL, Kind.EMAIL), (Kind.EMAIL, Kind.OTHER)],
)
def test_deeper_kinds_weigh_more_at_equal_times(deeper: Kind, lighter: Kind) -> None:
    at = NOW - timedelta(days=40)
    assert score([touch(deeper, at)]) > score([touch(lighter, at)])


def test_kind_weights_follow_the_declared_order_deepest_first() -> None:
    weights = [KIND_WEIGHT[kind] for kind in Kind]
    assert weights == sorted(weights, reverse=True)
    assert set(KIND_WEIGHT) == set(Kind)


def test_strength_from_key_matches_strength() -> None:
    inputs = inputs_from_history([touch(), touch(Kind.CALL, by=Initiator.ME)], [entry()], NOW)
    assert strength_from_key(inputs.key(), NOW) == strength(inputs, NOW)


# --- explain ------------------------------------------------------------------------


def test_explain_splits_the_score_in_proportion_to_raw_parts() -> None:
    # meal 1.0; call × 2 = 0.6 + 0.6 = 1.2; reciprocity min(0.6, 0.6) = 0.6; raw = 2.8
    history = [
        touch(Kind.MEAL),
        touch(Kind.CALL, by=Initiator.ME),
        touch(Kind.CALL, by=Initiator.THEM),
    ]
    result = explain(history, [], NOW)
    total = from_raw(2.8)
    assert result.score == pytest.approx(total)
    assert result.half_life_days == HALF_LIFE_DAYS
    assert [label for label, _ in result.parts] == [
        "call × 2",
        "meal × 1",
        "reciprocity (both sides reach out)",
    ]
    assert [points for _, points in result.parts] == pytest.approx(
        [total * 1.2 / 2.8, total * 1.0 / 2.8, total * 0.6 / 2.8]
    )


def test_explain_counts_giving_as_one_part() -> None:
    # meal 1.0; gives: gave 1.5 + received 1.5 + min 1.5 = 4.5; raw = 5.5
    ledger = [entry(Direction.I_GAVE), entry(Direction.THEY_GAVE)]
    result = explain([touch(Kind.MEAL)], ledger, NOW)
    assert result.parts[0][0] == "gives and help (2 ledger entries)"
    assert result.parts[0][1] == pytest.approx(from_raw(5.5) * 4.5 / 5.5)


def test_explain_of_nothing_is_zero_with_no_parts() -> None:
    result = explain([], [entry(status=Status.DECLINED)], NOW)
    assert result.score == 0.0
    assert result.parts == []


# --- properties ---------------------------------------------------------------------

# Forty examples each keep the three test files well under five seconds together.
QUICK = settings(max_examples=40)

ZONES = st.sampled_from(
    [UTC, timezone(timedelta(hours=-5)), timezone(timedelta(hours=9, minutes=30))]
)
AGES = st.integers(0, 20 * 365 * 86400).map(lambda s: timedelta(seconds=s))  # ≤ 20 years
INITIATORS = st.sampled_from([None, Initiator.ME, Initiator.THEM])


@st.composite
def moments(draw: st.DrawFn, before: datetime = NOW) -> datetime:
    """A frozen, tz-aware moment at or before `before`, within twenty years."""
    return (before - draw(AGES)).astimezone(draw(ZONES))


@st.composite
def interactions(draw: st.DrawFn, before: datetime = NOW) -> Interaction:
    kind = draw(st.sampled_from(list(Kind)))
    return touch(kind, draw(moments(before)), draw(INITIATORS))


@st.composite
def entries(draw: st.DrawFn, before: datetime = NOW) -> LedgerEntry:
    on = draw(moments(before)).astimezone(UTC).date()
    if on == before.astimezone(UTC).date():  # the entry counts from noon: keep it ≤ `before`
        on -= timedelta(days=1)
    return entry(draw(st.sampled_from(list(Direction))), on, draw(st.sampled_from(list(Status))))


HISTORIES = st.lists(interactions(), max_size=8)
LEDGERS = st.lists(entries(), max_size=4)
LATER = st.integers(0, 10 * 365 * 86400).map(lambda s: timedelta(seconds=s))


@QUICK
@given(HISTORIES, LEDGERS, interactions())
def test_adding_an_interaction_never_lowers_the_score(
    history: list[Interaction], ledger: list[LedgerEntry], extra: Interaction
) -> None:
    assert score([*history, extra], ledger) >= score(history, ledger)


@QUICK
@given(HISTORIES, LEDGERS, entries())
def test_adding_a_ledger_entry_never_lowers_the_score(
    history: list[Interaction], ledger: list[LedgerEntry], extra: LedgerEntry
) -> None:
    assert score(history, [*ledger, extra]) >= score(history, ledger)


@QUICK
@given(HISTORIES, LEDGERS, LATER, LATER)
def test_silence_never_raises_the_score(
    history: list[Interaction], ledger: list[LedgerEntry], gap: timedelta, more: timedelta
) -> None:
    later, latest = NOW + gap, NOW + gap + more
    kept = inputs_from_history(history, ledger, NOW)  # the sums as stored at NOW
    assert strength(kept, NOW) >= strength(kept, later) >= strength(kept, latest)
    # ...and a rebuild from the same history at each `now` agrees.
    assert score(history, ledger, later) >= score(history, ledger, latest)


@QUICK
@given(HISTORIES, st.sampled_from(list(Kind)), INITIATORS, AGES, AGES)
def test_a_more_recent_touch_counts_at_least_as_much(
    history: list[Interaction],
    kind: Kind,
    by: Initiator | None,
    age: timedelta,
    older_by: timedelta,
) -> None:
    recent, older = touch(kind, NOW - age, by), touch(kind, NOW - age - older_by, by)
    assert score([recent]) >= score([older])
    assert score([*history, recent]) >= score([*history, older])


@QUICK
@given(
    st.lists(interactions(NOW + timedelta(days=3 * 365)), max_size=30),
    st.lists(entries(NOW + timedelta(days=3 * 365)), max_size=10),
)
def test_strength_stays_within_0_and_100(
    history: list[Interaction], ledger: list[LedgerEntry]
) -> None:
    # Includes future-dated items (up to three years ahead) and long histories that saturate.
    assert 0.0 <= score(history, ledger) <= 100.0


def direct_raw(history: list[Interaction], ledger: list[LedgerEntry], now: datetime) -> float:
    """raw computed the slow way: every weight decayed by its own age, no epoch involved."""

    def decayed(weight: float, moment: datetime) -> float:
        age_days = max((now - moment).total_seconds(), 0.0) / 86400.0
        return weight * math.pow(2.0, -age_days / HALF_LIFE_DAYS)

    depth = mine = theirs = 0.0
    for item in history:
        value = decayed(KIND_WEIGHT[item.kind], item.occurred_at)
        depth += value
        mine += value if item.initiated_by is Initiator.ME else 0.0
        theirs += value if item.initiated_by is Initiator.THEM else 0.0
    gave = received = asks = 0.0
    for e in ledger:
        noon = datetime(e.occurred_on.year, e.occurred_on.month, e.occurred_on.day, 12, tzinfo=UTC)
        if e.status is Status.DECLINED:
            continue
        if e.status is Status.OPEN:
            asks += decayed(OPEN_WEIGHT, noon)
        elif e.direction is Direction.I_GAVE:
            gave += decayed(GIVE_WEIGHT, noon)
        elif e.direction is Direction.THEY_GAVE:
            received += decayed(GIVE_WEIGHT, noon)
        else:
            asks += decayed(ASK_WEIGHT, noon)
    return depth + min(mine, theirs) + gave + received + asks + min(gave, received)


@QUICK
@given(HISTORIES, LEDGERS)
def test_epoch_scaled_sums_match_direct_computation(
    history: list[Interaction], ledger: list[LedgerEntry]
) -> None:
    expected = from_raw(direct_raw(history, ledger, NOW))
    assert score(history, ledger) == pytest.approx(expected, rel=1e-9, abs=1e-9)


@QUICK
@given(HISTORIES, LEDGERS)
def test_explain_parts_sum_to_the_score_and_are_never_negative(
    history: list[Interaction], ledger: list[LedgerEntry]
) -> None:
    result = explain(history, ledger, NOW)
    assert result.score == score(history, ledger)
    assert all(points >= 0 for _, points in result.parts)
    assert sum(points for _, points in result.parts) == pytest.approx(result.score, abs=1e-6)
    assert [p for _, p in result.parts] == sorted((p for _, p in result.parts), reverse=True)
