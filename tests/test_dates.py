"""kith.core.dates: every accepted form, every error path, and properties over all dates."""

from __future__ import annotations

import calendar
from datetime import date, datetime, time, timedelta, timezone

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kith.core.dates import (
    Duration,
    add_months,
    humanize_age,
    parse_date,
    parse_datetime,
    parse_duration,
)
from kith.errors import InvalidInput

TODAY = date(2026, 11, 25)  # a Wednesday
TZ = timezone(timedelta(hours=-5))
NOW = datetime(2026, 11, 25, 10, 15, tzinfo=TZ)

WEEKDAY_NAMES = [n.lower() for n in calendar.day_name] + [n.lower() for n in calendar.day_abbr]

# Days far enough from date.min/date.max that a week or a few years either way stay in range.
dates = st.dates(min_value=date(10, 1, 1), max_value=date(9990, 12, 31))
weekday_names = st.sampled_from(WEEKDAY_NAMES)


def weekday_of(name: str) -> int:
    return WEEKDAY_NAMES.index(name) % 7


def test_today_is_a_wednesday() -> None:
    assert TODAY.weekday() == calendar.WEDNESDAY


# --- parse_date: hand-picked forms -------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-11-20", date(2026, 11, 20)),
        ("  2026-11-20  ", date(2026, 11, 20)),
        ("2024-02-29", date(2024, 2, 29)),
        ("0001-01-01", date(1, 1, 1)),
        ("today", TODAY),
        ("Today", TODAY),
        ("YESTERDAY", date(2026, 11, 24)),
        ("tomorrow", date(2026, 11, 26)),
    ],
)
def test_iso_and_keywords(text: str, expected: date) -> None:
    assert parse_date(text, TODAY) == expected
    assert parse_date(text, TODAY, prefer="future") == expected


@pytest.mark.parametrize(
    ("text", "past", "future"),
    [
        # A bare weekday includes today, and leans the way `prefer` says.
        ("wednesday", date(2026, 11, 25), date(2026, 11, 25)),
        ("wed", date(2026, 11, 25), date(2026, 11, 25)),
        ("friday", date(2026, 11, 20), date(2026, 11, 27)),
        ("Fri", date(2026, 11, 20), date(2026, 11, 27)),
        ("tuesday", date(2026, 11, 24), date(2026, 12, 1)),
        ("thursday", date(2026, 11, 19), date(2026, 11, 26)),
        ("mon", date(2026, 11, 23), date(2026, 11, 30)),
        ("sun", date(2026, 11, 22), date(2026, 11, 29)),
        ("on friday", date(2026, 11, 20), date(2026, 11, 27)),
        # "last" is strictly before today, "next" strictly after.
        ("last friday", date(2026, 11, 20), date(2026, 11, 20)),
        ("last wednesday", date(2026, 11, 18), date(2026, 11, 18)),
        ("last wed", date(2026, 11, 18), date(2026, 11, 18)),
        ("last thu", date(2026, 11, 19), date(2026, 11, 19)),
        ("past monday", date(2026, 11, 23), date(2026, 11, 23)),
        ("next tue", date(2026, 12, 1), date(2026, 12, 1)),
        ("next wednesday", date(2026, 12, 2), date(2026, 12, 2)),
        ("next thursday", date(2026, 11, 26), date(2026, 11, 26)),
        ("coming friday", date(2026, 11, 27), date(2026, 11, 27)),
        # "last mon" is Monday, not a month.
        ("last mon", date(2026, 11, 23), date(2026, 11, 23)),
        ("next mon", date(2026, 11, 30), date(2026, 11, 30)),
        # "this X" is the one in this coming week, today included.
        ("this friday", date(2026, 11, 27), date(2026, 11, 27)),
        ("this wednesday", TODAY, TODAY),
    ],
)
def test_weekdays(text: str, past: date, future: date) -> None:
    assert parse_date(text, TODAY) == past
    assert parse_date(text, TODAY, prefer="future") == future


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("3 weeks ago", date(2026, 11, 4)),
        ("3 weeks  ago", date(2026, 11, 4)),
        ("3w ago", date(2026, 11, 4)),
        ("a month ago", date(2026, 10, 25)),
        ("one year ago", date(2025, 11, 25)),
        ("six months ago", date(2026, 5, 25)),
        ("10d ago", date(2026, 11, 15)),
        ("0 days ago", TODAY),
        ("in 2 days", date(2026, 11, 27)),
        ("in two weeks", date(2026, 12, 9)),
        ("in 3 months", date(2027, 2, 25)),
        ("in 1y", date(2027, 11, 25)),
        ("last week", date(2026, 11, 18)),
        ("next week", date(2026, 12, 2)),
        ("last month", date(2026, 10, 25)),
        ("next month", date(2026, 12, 25)),
        ("last year", date(2025, 11, 25)),
        ("next year", date(2027, 11, 25)),
    ],
)
def test_relative(text: str, expected: date | None) -> None:
    if expected is None:
        with pytest.raises(InvalidInput, match=text):
            parse_date(text, TODAY)
    else:
        assert parse_date(text, TODAY) == expected


def test_relative_months_clamp() -> None:
    assert parse_date("a month ago", date(2026, 3, 31)) == date(2026, 2, 28)
    assert parse_date("in 1 month", date(2024, 1, 31)) == date(2024, 2, 29)
    assert parse_date("next year", date(2024, 2, 29)) == date(2025, 2, 28)


@pytest.mark.parametrize(
    ("text", "past", "future"),
    [
        ("march 3", date(2026, 3, 3), date(2027, 3, 3)),
        ("Mar 3", date(2026, 3, 3), date(2027, 3, 3)),
        ("3 mar", date(2026, 3, 3), date(2027, 3, 3)),
        ("3 March", date(2026, 3, 3), date(2027, 3, 3)),
        ("december 1", date(2025, 12, 1), date(2026, 12, 1)),
        ("sept 9", date(2026, 9, 9), date(2027, 9, 9)),
        ("nov 25", TODAY, TODAY),  # today itself, whichever way it leans
        ("3 mar 2025", date(2025, 3, 3), date(2025, 3, 3)),
        ("march 3, 2025", date(2025, 3, 3), date(2025, 3, 3)),
        ("march 3 2030", date(2030, 3, 3), date(2030, 3, 3)),
        ("feb 29 2024", date(2024, 2, 29), date(2024, 2, 29)),
    ],
)
def test_month_day(text: str, past: date, future: date) -> None:
    assert parse_date(text, TODAY) == past
    assert parse_date(text, TODAY, prefer="future") == future


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "someday",
        "fridays",
        "last",
        "next",
        "ago",
        "in",
        "last friday night",
        "the friday",
        "2026-11",
        "2026/11/20",
        "20-11-2026",
        "3 weeks",
        "in 2 fortnights",
        "2 fortnights ago",
        "march",
        "march third",
        "march 3 twenty",
        "march ²",  # str.isdigit() is true for it, int() refuses it
        "²³ days ago",
        "٣ days ago",
        "march 3 5 6",
        "an hour ago",
    ],
)
def test_not_a_date(text: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        parse_date(text, TODAY)
    assert f"'{text}'" in caught.value.message
    assert caught.value.hint


@pytest.mark.parametrize(
    "text",
    [
        "2026-02-30",
        "2025-02-29",
        "2026-13-01",
        "0000-01-01",
        "feb 30",
        "31 april",
        "march 0",
        "march 3 0",
        "feb 29 2025",
        "march 99999999999999999999",  # once an OverflowError
        "march 3 99999999999",  # once an OverflowError
    ],
)
def test_not_a_real_calendar_date(text: str) -> None:
    with pytest.raises(InvalidInput, match="not a real calendar date") as caught:
        parse_date(text, TODAY)
    assert text in caught.value.message


def test_feb_29_without_a_year_in_a_common_year_is_refused() -> None:
    with pytest.raises(InvalidInput, match="feb 29"):
        parse_date("feb 29", TODAY)
    assert parse_date("feb 29", date(2024, 11, 25)) == date(2024, 2, 29)


@pytest.mark.parametrize(
    "text",
    [
        "99999999999 days ago",  # once an OverflowError from timedelta
        "in 9999 years",  # once a ValueError from date()
        "1001 years ago",
        "in 12001 months",
        "1" * 5000 + " days ago",  # int() refuses more than 4300 digits
    ],
)
def test_too_long_a_span(text: str) -> None:
    with pytest.raises(InvalidInput, match="too long a span") as caught:
        parse_date(text, TODAY)
    assert text in caught.value.message


@pytest.mark.parametrize(
    ("text", "today"),
    [
        ("tomorrow", date.max),
        ("next friday", date.max),
        ("in 1000 years", date(9000, 1, 1)),
        ("yesterday", date.min),
        ("last month", date.min),
        ("1000 years ago", date(500, 1, 1)),
    ],
)
def test_past_the_ends_of_the_calendar(text: str, today: date) -> None:
    with pytest.raises(InvalidInput, match="outside the dates") as caught:
        parse_date(text, today)
    assert text in caught.value.message


def test_the_longest_spans_allowed() -> None:
    assert parse_date("1000 years ago", TODAY) == date(1026, 11, 25)
    assert parse_date("in 1000 years", TODAY) == date(3026, 11, 25)


# --- parse_datetime ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("yesterday 18:00", datetime(2026, 11, 24, 18, 0)),
        ("yesterday at 18:00", datetime(2026, 11, 24, 18, 0)),
        ("2026-03-14T09:30", datetime(2026, 3, 14, 9, 30)),
        ("2026-03-14t09:30", datetime(2026, 3, 14, 9, 30)),
        ("2026-03-14 09:30", datetime(2026, 3, 14, 9, 30)),
        ("2026-03-14 09:30:15", datetime(2026, 3, 14, 9, 30, 15)),
        ("last friday 6:30pm", datetime(2026, 11, 20, 18, 30)),
        ("last friday 6:30 PM", datetime(2026, 11, 20, 18, 30)),
        ("friday 9:05am", datetime(2026, 11, 20, 9, 5)),
        ("today 12:00am", datetime(2026, 11, 25, 0, 0)),
        ("today 12:30pm", datetime(2026, 11, 25, 12, 30)),
        ("today 23:59:59", datetime(2026, 11, 25, 23, 59, 59)),
        ("today 0:00", datetime(2026, 11, 25, 0, 0)),
        ("3 weeks ago 8:15", datetime(2026, 11, 4, 8, 15)),
        ("march 3 7:00", datetime(2026, 3, 3, 7, 0)),
        ("18:00", datetime(2026, 11, 25, 18, 0)),
        ("at 7:45", datetime(2026, 11, 25, 7, 45)),
        # A date alone means midday, in now's time zone.
        ("yesterday", datetime(2026, 11, 24, 12, 0)),
        ("2026-03-14", datetime(2026, 3, 14, 12, 0)),
        ("last friday", datetime(2026, 11, 20, 12, 0)),
    ],
)
def test_parse_datetime(text: str, expected: datetime) -> None:
    parsed = parse_datetime(text, NOW)
    assert parsed == expected.replace(tzinfo=TZ)
    assert parsed.tzinfo is TZ


@pytest.mark.parametrize("text", ["now", "NOW", " now ", ""])
def test_now_is_now(text: str) -> None:
    assert parse_datetime(text, NOW) == NOW


def test_parse_datetime_leans_like_parse_date() -> None:
    assert parse_datetime("friday 9:00", NOW, prefer="future") == datetime(
        2026, 11, 27, 9, 0, tzinfo=TZ
    )
    assert parse_datetime("friday", NOW, prefer="future").date() == date(2026, 11, 27)


@pytest.mark.parametrize(
    "text", ["yesterday 25:00", "today 10:60", "today 10:00:99", "13:30pm", "0:30am", "24:00"]
)
def test_not_a_time_of_day(text: str) -> None:
    with pytest.raises(InvalidInput, match="not a time of day") as caught:
        parse_datetime(text, NOW)
    time_part = text.split()[-1]
    assert time_part in caught.value.message


@pytest.mark.parametrize(
    "text",
    [
        "someday 10:00",
        "yesterday 6pm",
        "2026-03-14T09:30+01:00",
        "2026-02-30T09:30",
        "now 18:00",
        "tomorrow at",
        "1" * 5000 + " days ago 10:00",
    ],
)
def test_parse_datetime_not_a_date(text: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        parse_datetime(text, NOW)
    assert text in caught.value.message
    assert caught.value.hint


# --- parse_duration ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("6mo", Duration(months=6)),
        ("6 mo", Duration(months=6)),
        ("2w", Duration(days=14)),
        ("10d", Duration(days=10)),
        ("1y", Duration(months=12)),
        ("3 weeks", Duration(days=21)),
        ("1 year", Duration(months=12)),
        ("2 yr", Duration(months=24)),
        ("a day", Duration(days=1)),
        ("an year", Duration(months=12)),
        ("three months", Duration(months=3)),
        ("4m", Duration(months=4)),
        ("0d", Duration()),
        ("007d", Duration(days=7)),
        (" 2 WEEKS ", Duration(days=14)),
        ("1000y", Duration(months=12000)),
    ],
)
def test_parse_duration(text: str, expected: Duration) -> None:
    assert parse_duration(text) == expected


@pytest.mark.parametrize(
    "text", ["", "6", "mo", "6 fortnights", "-2d", "2.5w", "seven days", "2 w x", "2w ago", "²d"]
)
def test_not_a_duration(text: str) -> None:
    with pytest.raises(InvalidInput, match="not a duration") as caught:
        parse_duration(text)
    assert f"'{text}'" in caught.value.message
    assert caught.value.hint


@pytest.mark.parametrize("text", ["1001y", "360001d", "12001mo", "9" * 40 + "d", "1" * 5000 + "d"])
def test_duration_too_long(text: str) -> None:
    with pytest.raises(InvalidInput, match="too long a span") as caught:
        parse_duration(text)
    assert text in caught.value.message


def test_duration_arithmetic() -> None:
    span = Duration(months=1, days=3)
    assert span.after(date(2026, 1, 31)) == date(2026, 3, 3)
    assert span.before(date(2026, 3, 31)) == date(2026, 2, 25)
    assert span.approx_days() == 33
    assert Duration().after(TODAY) == TODAY


# --- add_months --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (date(2026, 1, 31), 1, date(2026, 2, 28)),
        (date(2024, 1, 31), 1, date(2024, 2, 29)),
        (date(2024, 2, 29), 12, date(2025, 2, 28)),
        (date(2024, 2, 29), 48, date(2028, 2, 29)),
        (date(2026, 3, 31), -1, date(2026, 2, 28)),
        (date(2026, 12, 15), 1, date(2027, 1, 15)),
        (date(2026, 1, 15), -1, date(2025, 12, 15)),
        (date(2026, 5, 31), 1, date(2026, 6, 30)),
        (date(2026, 5, 10), 0, date(2026, 5, 10)),
        (date(2026, 5, 10), -24, date(2024, 5, 10)),
    ],
)
def test_add_months(day: date, months: int, expected: date) -> None:
    assert add_months(day, months) == expected


# --- humanize_age ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("days", "expected"),
    [
        (0, "today"),
        (1, "yesterday"),
        (2, "2 days ago"),
        (13, "13 days ago"),
        (14, "2 weeks ago"),
        (69, "9 weeks ago"),
        (70, "2 months ago"),
        (729, "24 months ago"),
        (730, "2 years ago"),
        (3650, "10 years ago"),
        (-1, "tomorrow"),
        (-2, "in 2 days"),
        (-30, "in 30 days"),
    ],
)
def test_humanize_age(days: int, expected: str) -> None:
    assert humanize_age(TODAY - timedelta(days=days), TODAY) == expected


# --- properties --------------------------------------------------------------------------------


@given(dates, weekday_names)
def test_last_weekday_is_within_the_week_before(today: date, name: str) -> None:
    result = parse_date(f"last {name}", today)
    assert today - timedelta(days=7) <= result <= today - timedelta(days=1)
    assert result.weekday() == weekday_of(name)
    assert parse_date(f"last {name}", today, prefer="future") == result


@given(dates, weekday_names)
def test_next_weekday_is_within_the_week_after(today: date, name: str) -> None:
    result = parse_date(f"next {name}", today)
    assert today + timedelta(days=1) <= result <= today + timedelta(days=7)
    assert result.weekday() == weekday_of(name)
    assert parse_date(f"next {name}", today, prefer="future") == result


@given(dates, weekday_names)
def test_bare_weekday_includes_today_and_leans(today: date, name: str) -> None:
    past = parse_date(name, today, prefer="past")
    future = parse_date(name.upper(), today, prefer="future")
    assert today - timedelta(days=6) <= past <= today
    assert today <= future <= today + timedelta(days=6)
    assert past.weekday() == future.weekday() == weekday_of(name)
    assert (past == today) == (future == today) == (today.weekday() == weekday_of(name))


@given(st.dates(), st.dates())
def test_iso_round_trip(day: date, today: date) -> None:
    assert parse_date(day.isoformat(), today) == day
    assert parse_date(day.isoformat(), today, prefer="future") == day


@given(dates, st.integers(min_value=0, max_value=3000))
def test_days_ago(today: date, n: int) -> None:
    assert parse_date(f"{n} days ago", today) == today - timedelta(days=n)
    assert parse_date(f"in {n}d", today) == today + timedelta(days=n)


@given(dates, st.integers(min_value=0, max_value=500), st.sampled_from(["d", "days", "w", "weeks"]))
def test_day_only_durations_are_inverse(day: date, n: int, unit: str) -> None:
    span = parse_duration(f"{n} {unit}")
    assert span.months == 0
    assert span.before(span.after(day)) == day
    assert span.after(span.before(day)) == day
    assert (span.after(day) - day).days == span.approx_days()


@given(
    st.dates(min_value=date(101, 1, 1), max_value=date(9899, 12, 31)),
    st.integers(min_value=-1200, max_value=1200),
)
def test_add_months_keeps_the_day_when_it_exists(day: date, months: int) -> None:
    moved = add_months(day, months)
    assert (moved.year * 12 + moved.month) - (day.year * 12 + day.month) == months
    last = calendar.monthrange(moved.year, moved.month)[1]
    assert moved.day == min(day.day, last)


@given(st.dates(), st.integers(min_value=-12000, max_value=12000))
def test_add_months_raises_only_past_the_calendar(day: date, months: int) -> None:
    index = day.year * 12 + day.month - 1 + months
    if 12 <= index < 10000 * 12:
        assert add_months(day, months).day <= day.day
    else:
        with pytest.raises(ValueError):
            add_months(day, months)


@given(dates, st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 12, 31)))
def test_month_day_leans(today: date, day: date) -> None:
    text = day.strftime("%B %d")
    try:
        past = parse_date(text, today)
        future = parse_date(text, today, prefer="future")
    except InvalidInput:  # Feb 29 where the year it lands in has none
        assert (day.month, day.day) == (2, 29)
        return
    assert (past.month, past.day) == (future.month, future.day) == (day.month, day.day)
    assert today - timedelta(days=366) < past <= today <= future < today + timedelta(days=366)
    assert parse_date(f"{day.day} {day.strftime('%b')} {day.year}", today) == day


@settings(max_examples=300)
@given(st.text(max_size=40), st.sampled_from(["past", "future"]))
def test_parse_date_only_raises_invalid_input(text: str, prefer: str) -> None:
    try:
        result = parse_date(text, TODAY, prefer=prefer)  # type: ignore[arg-type]
    except InvalidInput as error:
        assert error.message and error.hint
    else:
        assert isinstance(result, date)


words = st.sampled_from(
    [
        "last", "next", "this", "in", "ago", "a", "an", "on", "at", "t", "3", "99999999999",
        "0", "29", "feb", "march", "friday", "tue", "week", "mo", "y", "days", "2026-02-29",
        "2026-11-20", "18:00", "6:30pm", "13:61", "10:00:99", "²", ",", "today", "now",
    ]
)  # fmt: skip
phrases = st.lists(words, max_size=5).map(" ".join)


@settings(max_examples=300)
@given(st.one_of(phrases, st.text(max_size=30)), dates)
def test_parse_date_words_only_raise_invalid_input(text: str, today: date) -> None:
    try:
        parse_date(text, today)
    except InvalidInput as error:
        assert error.message


@settings(max_examples=300)
@given(st.one_of(phrases, st.text(max_size=30)), st.sampled_from(["past", "future"]))
def test_parse_datetime_only_raises_invalid_input(text: str, prefer: str) -> None:
    try:
        result = parse_datetime(text, NOW, prefer=prefer)  # type: ignore[arg-type]
    except InvalidInput as error:
        assert error.message
    else:
        assert result.tzinfo is TZ


@settings(max_examples=300)
@given(st.one_of(phrases, st.text(max_size=20), st.from_regex(r"[0-9]{1,30} ?[a-z]{1,6}")))
def test_parse_duration_only_raises_invalid_input(text: str) -> None:
    try:
        span = parse_duration(text)
    except InvalidInput as error:
        assert error.message
    else:
        assert span.months >= 0 and span.days >= 0
        assert span.approx_days() <= 360_000


@given(st.dates(), st.times())
def test_parse_datetime_iso_round_trip(day: date, clock: time) -> None:
    clock = clock.replace(microsecond=0)
    parsed = parse_datetime(f"{day.isoformat()}T{clock.isoformat()}", NOW)
    assert parsed == datetime.combine(day, clock, tzinfo=TZ)
