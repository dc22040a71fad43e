"""The ask check, pure: which ties can carry an ask, and the history behind the verdict."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

from kith.core.askcheck import AskRules, Concern, TieFacts, check_ask
from kith.core.circles import Circle
from kith.core.ledger import Direction, LedgerEntry, Status

NOW = datetime(2026, 11, 25, 10, 0, tzinfo=timezone(timedelta(hours=-5)))
RULES = AskRules()


def entry(direction: Direction, days_ago: int, status: Status = Status.DONE) -> LedgerEntry:
    return LedgerEntry(1, direction, "something", NOW.date() - timedelta(days_ago), status=status)


def tie(strength: float = 50.0, quiet_days: int | None = 10, *ledger: LedgerEntry) -> TieFacts:
    last = None if quiet_days is None else NOW - timedelta(days=quiet_days)
    return TieFacts(1, "Ana Ruiz", strength, Circle.CLOSE, last, 12, tuple(ledger))


def test_a_warm_tie_carries_an_ask() -> None:
    check = check_ask(tie(50, 10, entry(Direction.I_GAVE, 30)), RULES, NOW)
    assert check.warm
    assert check.concerns == ()
    assert check.last_give_on == date(2026, 10, 26)
    assert any("you gave 1, asked 0" in line for line in check.history)


def test_each_concern_fires_on_its_own() -> None:
    gave = entry(Direction.I_GAVE, 30)
    assert check_ask(tie(10, 10, gave), RULES, NOW).concerns == (Concern.WEAK,)
    assert check_ask(tie(50, 400, gave), RULES, NOW).concerns == (Concern.DORMANT,)
    assert check_ask(tie(50, None, gave), RULES, NOW).concerns == (Concern.DORMANT,)
    stale = entry(Direction.I_GAVE, 400)
    assert check_ask(tie(50, 10, stale), RULES, NOW).concerns == (Concern.NO_RECENT_GIVE,)
    asks = [entry(Direction.I_ASKED, d) for d in (5, 50, 90)]
    lopsided = check_ask(tie(50, 10, gave, *asks), RULES, NOW)
    assert lopsided.concerns == (Concern.ASKS_OUTWEIGH_GIVES,)
    assert "asked 3 times and given 1 time" in lopsided.reasons[0]


def test_a_cold_tie_says_every_reason_plainly() -> None:
    check = check_ask(tie(3, 800), RULES, NOW)
    assert not check.warm
    assert set(check.concerns) == {Concern.WEAK, Concern.DORMANT, Concern.NO_RECENT_GIVE}
    assert "You have never given them anything." in check.reasons
    assert all("owe" not in reason for reason in check.reasons)


def test_thresholds_are_the_rules() -> None:
    gave = entry(Direction.I_GAVE, 100)
    strict = AskRules(min_strength=60, quiet_days=5, give_within_days=90, ask_ratio=1)
    check = check_ask(tie(50, 10, gave, entry(Direction.I_ASKED, 3),
                          entry(Direction.I_ASKED, 4)), strict, NOW)  # fmt: skip
    assert set(check.concerns) == set(Concern)


def test_declined_entries_count_for_nothing() -> None:
    declined_give = entry(Direction.I_GAVE, 10, Status.DECLINED)
    check = check_ask(tie(50, 10, declined_give), RULES, NOW)
    assert check.concerns == (Concern.NO_RECENT_GIVE,)
    assert check.i_gave == 0
