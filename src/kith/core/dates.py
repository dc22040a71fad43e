"""Dates as people type them: ISO forms and natural ones ("last friday", "3 weeks ago").

Pure functions: `today` (a local date) is always passed in. A bare weekday or
month-day is read towards the past when logging what happened and towards the
future when setting a due date, so `prefer` says which way to lean.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Literal

from kith.errors import InvalidInput

Lean = Literal["past", "future"]

WEEKDAYS = {name.lower(): i for i, name in enumerate(calendar.day_name)}
WEEKDAYS.update({name.lower(): i for i, name in enumerate(calendar.day_abbr)})
MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
MONTHS["sept"] = 9

_UNITS = {
    "d": "days",
    "day": "days",
    "days": "days",
    "w": "weeks",
    "wk": "weeks",
    "week": "weeks",
    "weeks": "weeks",
    "m": "months",
    "mo": "months",
    "mon": "months",
    "month": "months",
    "months": "months",
    "y": "years",
    "yr": "years",
    "year": "years",
    "years": "years",
}
_NUMBER_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6}

_DURATION = re.compile(r"^([0-9]+|a|an|one|two|three|four|five|six)\s*([a-z]+)$")
_ISO_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
# Longer spans are typos; refusing them keeps every caller's date arithmetic in range.
_MAX_DURATION_DAYS = 1000 * 12 * 30  # approx_days() of 1000 years


@dataclass(frozen=True)
class Duration:
    """A calendar span: months and days are kept apart because months vary in length."""

    months: int = 0
    days: int = 0

    def before(self, day: date) -> date:
        return add_months(day, -self.months) - timedelta(days=self.days)

    def after(self, day: date) -> date:
        return add_months(day, self.months) + timedelta(days=self.days)

    def approx_days(self) -> int:
        return self.months * 30 + self.days


def add_months(day: date, months: int) -> date:
    """`day` moved by whole months, clamped to the end of shorter months (Jan 31 + 1 = Feb 28)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


def parse_duration(text: str) -> Duration:
    """Parse "6mo", "2w", "3 weeks", "1 year", "10d" into a Duration."""
    duration = _span(_clean(text), text)
    if duration is None:
        raise InvalidInput(
            f"'{text}' is not a duration.", "Use a number and a unit, e.g. 10d, 2w, 6mo, 1y."
        )
    return duration


def _span(cleaned: str, text: str) -> Duration | None:
    """The duration `cleaned` spells, None if it spells none; too long a span is an error."""
    match = _DURATION.match(cleaned)
    unit = _UNITS.get(match.group(2)) if match else None
    if match is None or unit is None:
        return None
    raw = match.group(1)
    if raw.isdigit():  # int() refuses thousands of digits, and such spans are too long anyway
        digits = raw.lstrip("0")
        n = int(digits or "0") if len(digits) <= 9 else _MAX_DURATION_DAYS + 1
    else:
        n = _NUMBER_WORDS[raw]
    duration = _duration(n, unit)
    if duration.approx_days() > _MAX_DURATION_DAYS:
        raise InvalidInput(f"'{text}' is too long a span.", "Use at most 1000 years.")
    return duration


def _duration(n: int, unit: str) -> Duration:
    if unit == "days":
        return Duration(days=n)
    if unit == "weeks":
        return Duration(days=7 * n)
    if unit == "months":
        return Duration(months=n)
    return Duration(months=12 * n)


def parse_date(text: str, today: date, prefer: Lean = "past") -> date:
    """Parse a date typed by a person, relative to `today` (the user's local date).

    Accepts ISO (2026-11-20), today/yesterday/tomorrow, weekdays ("friday",
    "last friday", "next tue"), "3 weeks ago", "in 2 days", "last month",
    "next week" and month-days ("march 3", "3 mar 2025").
    """
    cleaned = _clean(text)
    for parser in (_iso, _keyword, _weekday, _relative, _month_day):
        try:
            result = parser(cleaned, today, prefer)
        except (OverflowError, ValueError):  # past date.min or date.max
            raise InvalidInput(
                f"'{text}' is outside the dates Kith can keep.", "Use a year from 1 to 9999."
            ) from None
        if result is not None:
            return result
    raise InvalidInput(
        f"'{text}' is not a date Kith understands.",
        "Use ISO (2026-03-14) or forms like today, yesterday, friday, last friday, "
        "3 weeks ago, in 2 days, march 3.",
    )


def parse_datetime(text: str, now: datetime, prefer: Lean = "past") -> datetime:
    """Like parse_date, with an optional time ("2026-03-14 09:30", "yesterday 18:00").

    `now` is timezone-aware local time. "now" keeps the current time; a date
    without a time means midday, so it lands on that day in any time zone near
    the user's.
    """
    cleaned = _clean(text)
    if cleaned in ("", "now"):
        return now
    day_text, clock = _split_time(cleaned)
    try:
        day = parse_date(day_text, now.date(), prefer) if day_text else now.date()
    except InvalidInput:
        raise InvalidInput(
            f"'{text}' is not a date Kith understands.",
            "Use ISO (2026-03-14 09:30) or forms like yesterday, last friday 18:00, 3 weeks ago.",
        ) from None
    return datetime.combine(day, clock or time(12, 0), tzinfo=now.tzinfo)


def _clean(text: str) -> str:
    return " ".join(text.strip().lower().replace(",", " ").split())


def _split_time(text: str) -> tuple[str, time | None]:
    if "t" in text and _ISO_DATE.match(text.split("t", 1)[0]):
        text = text.replace("t", " ", 1)
    match = re.search(
        r"(?:^|\s)(?:at\s+)?([0-9]{1,2}):([0-9]{2})(?::([0-9]{2}))?\s*(am|pm)?$", text
    )
    if match is None:
        return text, None
    hour, minute, second = int(match.group(1)), int(match.group(2)), int(match.group(3) or 0)
    meridiem = match.group(4)
    on_clock = 1 <= hour <= 12 if meridiem else hour <= 23  # "13:30pm" is no time
    if not on_clock or minute > 59 or second > 59:
        raise InvalidInput(f"'{match.group(0).strip()}' is not a time of day.", "Use 24h HH:MM.")
    if meridiem:
        hour = hour % 12 + (12 if meridiem == "pm" else 0)
    return text[: match.start()].strip(), time(hour, minute, second)


def _iso(text: str, today: date, prefer: Lean) -> date | None:
    if not _ISO_DATE.match(text):
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise InvalidInput(
            f"'{text}' is not a real calendar date.", "Check the day and month."
        ) from None


def _keyword(text: str, today: date, prefer: Lean) -> date | None:
    offsets = {"today": 0, "yesterday": -1, "tomorrow": 1}
    return today + timedelta(days=offsets[text]) if text in offsets else None


def _weekday(text: str, today: date, prefer: Lean) -> date | None:
    words = text.split()
    if len(words) == 2 and words[0] in ("last", "next", "this", "on", "past", "coming"):
        modifier, name = words
    elif len(words) == 1:
        modifier, name = "", words[0]
    else:
        return None
    if name not in WEEKDAYS:
        return None
    target = WEEKDAYS[name]
    back = (today.weekday() - target) % 7
    ahead = (target - today.weekday()) % 7
    if modifier in ("last", "past"):
        return today - timedelta(days=back or 7)
    if modifier in ("next", "coming"):
        return today + timedelta(days=ahead or 7)
    if modifier == "this" or prefer == "future":
        return today + timedelta(days=ahead)
    return today - timedelta(days=back)


def _relative(text: str, today: date, prefer: Lean) -> date | None:
    words = text.split()
    if len(words) == 2 and words[0] in ("last", "next") and words[1] in _UNITS:
        span = _duration(1, _UNITS[words[1]])
        return span.before(today) if words[0] == "last" else span.after(today)
    if len(words) > 1 and words[-1] == "ago":
        back = _span(" ".join(words[:-1]), text)
        return back.before(today) if back is not None else None
    if len(words) > 1 and words[0] == "in":
        ahead = _span(" ".join(words[1:]), text)
        return ahead.after(today) if ahead is not None else None
    return None


def _month_day(text: str, today: date, prefer: Lean) -> date | None:
    words = text.split()
    if len(words) not in (2, 3):
        return None
    if words[0] in MONTHS and _is_number(words[1]):
        month, day = MONTHS[words[0]], int(words[1])
    elif words[1] in MONTHS and _is_number(words[0]):
        month, day = MONTHS[words[1]], int(words[0])
    else:
        return None
    if len(words) == 3:
        if not _is_number(words[2]):
            return None
        return _safe_date(int(words[2]), month, day, text)
    candidate = _safe_date(today.year, month, day, text)
    if prefer == "past" and candidate > today:
        return _safe_date(today.year - 1, month, day, text)
    if prefer == "future" and candidate < today:
        return _safe_date(today.year + 1, month, day, text)
    return candidate


def _is_number(word: str) -> bool:
    """ASCII digits only: str.isdigit() also admits "²", which int() refuses."""
    return word.isascii() and word.isdigit()


def _safe_date(year: int, month: int, day: int, text: str) -> date:
    try:
        return date(year, month, day)
    except (ValueError, OverflowError):
        raise InvalidInput(
            f"'{text}' is not a real calendar date.", "Check the day and month."
        ) from None


def humanize_age(then: date, today: date) -> str:
    """'today', '3 days ago', '5 weeks ago', '14 months ago', '3 years ago'."""
    days = (today - then).days
    if days < 0:
        return f"in {-days} days" if days < -1 else "tomorrow"
    if days < 2:
        return "today" if days == 0 else "yesterday"
    for limit, size, unit in ((14, 1, "day"), (70, 7, "week"), (730, 30, "month")):
        if days < limit:
            return f"{days // size} {unit}s ago"
    return f"{days // 365} years ago"
