"""Meetings from iCalendar (.ics) files: events the user shared with other people.

Each event whose attendees or organizer include someone other than the user becomes one
`ActivityRecord(kind="meeting")` per occurrence up to `now`, with those people as
participants (name from CN, address case-folded from `mailto:`). The user is recognised
by `context.my_emails`. Left out, each as one `Skipped` per event with its reason:
events the user declined (their ATTENDEE has PARTSTAT=DECLINED), cancelled events,
events with over `max_attendees` attendees, and events with nobody else on them.

Recurrences are expanded with `recurring-ical-events`, overrides and EXDATEs included,
from the first occurrence up to `now` and at most `MAX_OCCURRENCES` (1,000) times per
event: a rule without end, or until the year 5000, costs at most that many steps. Rules
by the second or minute are refused (a date-only event repeated every second expands
86,400 steps per occurrence). A rule whose filters can never match (30 February) makes
dateutil search up to the year 9999: finite, but seconds of work.

Times: TZID and UTC times keep their zone; floating times and all-day dates (read as
noon) are in the user's zone, the zone of `context.now`. A record's key is the UID and
the occurrence's start as written, so it stays the same whatever zone imports it.

The file is split into its events first (grouped by UID, with every VTIMEZONE of the
file), and each group is parsed on its own, so one broken event is reported as a
`Problem` (file, event number and line) while the others import.

Example: `list(parse("calendar.ics", ParseContext(now, frozenset({"me@x.org"}))))`
"""

from __future__ import annotations

import hashlib
import re
import warnings
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time, tzinfo
from pathlib import Path
from typing import Any

import icalendar
import recurring_ical_events  # type: ignore[import-untyped]

from kith.importers.records import (
    ActivityRecord,
    Origin,
    ParseContext,
    Participant,
    Problem,
    Record,
    Skipped,
)

MAX_OCCURRENCES = 1000  # per event; a meeting held daily for almost three years
MAX_FILE_BYTES = 64 << 20  # a calendar larger than this is refused, not read
MAX_LINE_CHARS = 1 << 20  # an unfolded property longer than this is refused


@dataclass
class _Block:
    """One VEVENT's lines as written, and where it starts."""

    number: int  # the event's ordinal in the file, from 1
    line: int
    lines: list[str] = field(default_factory=list)


@dataclass
class _Split:
    timezones: list[str] = field(default_factory=list)
    events: dict[str, list[_Block]] = field(default_factory=dict)  # by UID, in file order
    problems: list[Problem] = field(default_factory=list)


def sniff(head: bytes, name: str) -> bool:
    """True when `head` (a file's first bytes) is an iCalendar file."""
    text = head.lstrip(b"\xef\xbb\xbf\xfe\xff \t\r\n").upper()
    return text.startswith(b"BEGIN:VCALENDAR") or (
        name.lower().endswith((".ics", ".ical", ".ifb")) and b"BEGIN:VEVENT" in text
    )


def parse(path: str, context: ParseContext) -> Iterator[Record]:
    """Yield one meeting per occurrence of each shared event, plus Problems and Skips."""
    source = Path(path)
    try:
        if source.stat().st_size > MAX_FILE_BYTES:
            yield Problem(Origin(path, "file"), "The calendar is larger than 64 MiB.")
            return
        text = _decode(source.read_bytes())
    except OSError as e:
        yield Problem(Origin(path, "file"), f"The file cannot be read: {e.strerror or e}.")
        return
    split = _split(text, path)
    yield from split.problems
    for uid, blocks in split.events.items():
        yield from _event(path, uid, blocks, split.timezones, context)


def _decode(data: bytes) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", "replace")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("latin-1")


# --- splitting the file into events -------------------------------------------------------


def _logical_lines(text: str) -> Iterator[tuple[int, str]]:
    """Unfolded content lines with the number of the line each starts on."""
    current: list[str] = []
    start = 0
    for number, raw in enumerate(text.splitlines(), start=1):
        if raw[:1] in (" ", "\t") and current:
            current.append(raw[1:])
            continue
        if current:
            yield start, "".join(current)
        current, start = [raw], number
    if current:
        yield start, "".join(current)


def _split(text: str, path: str) -> _Split:
    """The file's VTIMEZONE texts and VEVENT blocks (grouped by UID), each kept as written."""
    split = _Split()
    stack: list[str] = []
    block: list[str] = []
    event: _Block | None = None
    count = 0
    for number, line in _logical_lines(text):
        if len(line) > MAX_LINE_CHARS:
            line = line[:80]  # an absurd property: kept short so the event reports cleanly
        upper = line.strip().upper()
        if upper.startswith("BEGIN:"):
            stack.append(upper[6:])
            if len(stack) == 2 and upper[6:] == "VEVENT":
                count += 1
                event = _Block(count, number)
        if len(stack) >= 2:
            (event.lines if event is not None else block).append(line)
        if upper.startswith("END:") and stack:
            name = stack.pop()
            if len(stack) == 1:
                _close(split, name, block, event)
                block, event = [], None
            if name != upper[4:]:
                split.problems.append(
                    Problem(Origin(path, f"line {number}"), f"END:{upper[4:]} closes {name}.")
                )
    if event is not None:
        split.problems.append(
            Problem(Origin(path, _place(event)), "The event is not closed by END:VEVENT.")
        )
    return split


def _close(split: _Split, name: str, block: list[str], event: _Block | None) -> None:
    if event is not None:
        uid = (
            _uid(event.lines) or "sha1:" + hashlib.sha1("\n".join(event.lines).encode()).hexdigest()
        )
        split.events.setdefault(uid, []).append(event)
    elif name == "VTIMEZONE":
        split.timezones.append("\r\n".join(block))


def _uid(lines: list[str]) -> str:
    for line in lines:
        if line[:4].upper() == "UID:" or line[:4].upper() == "UID;":
            return line.split(":", 1)[1].strip() if ":" in line else ""
    return ""


def _place(block: _Block) -> str:
    return f"event {block.number} (line {block.line})"


# --- one event and its occurrences --------------------------------------------------------


def _event(
    path: str, uid: str, blocks: list[_Block], timezones: list[str], context: ParseContext
) -> Iterator[Record]:
    origin = Origin(path, _place(blocks[0]))
    if any(_too_frequent(line) for b in blocks for line in b.lines):
        yield Problem(origin, "The event repeats every second or minute, which no meeting does.")
        return
    text = "\r\n".join(
        ["BEGIN:VCALENDAR", "VERSION:2.0", *timezones]
        + [line for b in blocks for line in b.lines]
        + ["END:VCALENDAR", ""]
    )
    with warnings.catch_warnings():  # guesses about odd TZIDs are icalendar's, not the user's
        warnings.simplefilter("ignore")
        yield from _read_event(text, uid, origin, context)


def _read_event(text: str, uid: str, origin: Origin, context: ParseContext) -> list[Record]:
    """The records of one event group, read eagerly (at most MAX_OCCURRENCES of them)."""
    try:
        calendar = icalendar.Calendar.from_ical(text)
        starts = [event.get("DTSTART") for event in calendar.walk("VEVENT")]
        if not starts or any(start is None for start in starts):
            return [Problem(origin, "The event has no start (DTSTART).")]
        if any(isinstance(start, list) for start in starts):
            return [Problem(origin, "The event has more than one start (DTSTART).")]
        return list(_occurrences(calendar, uid, origin, context))
    except Exception as e:  # icalendar and dateutil raise anything at all on broken input
        return [Problem(origin, f"The event's dates or recurrence cannot be read ({_reason(e)}).")]


def _too_frequent(line: str) -> bool:
    """An RRULE by the second or minute: expanding it can take billions of steps per day."""
    upper = line.upper()
    return upper.startswith(("RRULE", "EXRULE")) and (
        "FREQ=SECONDLY" in upper or "FREQ=MINUTELY" in upper
    )


def _reason(error: Exception) -> str:
    return " ".join(str(error).split())[:160].rstrip(".") or type(error).__name__


def _occurrences(
    calendar: icalendar.Calendar, uid: str, origin: Origin, context: ParseContext
) -> Iterator[Record]:
    """The event's meetings up to now; Skipped once for each reason an occurrence was left out."""
    zone = context.now.tzinfo
    assert zone is not None  # ParseContext.now is timezone-aware
    query = recurring_ical_events.of(calendar, skip_bad_series=True)
    reasons: set[str] = set()
    for count, occurrence in enumerate(query.all()):
        start = occurrence.get("DTSTART")
        if start is None:
            yield Problem(origin, "The event has no start.")
            return
        moment = _moment(start.dt, zone)
        if count >= MAX_OCCURRENCES or moment > context.now:
            break
        found = _meeting(occurrence, uid, moment, origin, context)
        if isinstance(found, str):
            reasons.add(found)
        else:
            yield found
    for reason in sorted(reasons):
        yield Skipped(origin, reason)


def _moment(value: date | datetime, zone: tzinfo) -> datetime:
    """A start as an aware moment: floating times in the user's zone, dates at noon."""
    if isinstance(value, datetime):
        return value if value.tzinfo is not None else value.replace(tzinfo=zone)
    return datetime.combine(value, time(12), zone)


def _meeting(
    event: Any, uid: str, moment: datetime, origin: Origin, context: ParseContext
) -> ActivityRecord | str:
    """One occurrence as a meeting, or the reason it is left out."""
    if str(event.get("STATUS", "")).upper() == "CANCELLED":
        return "cancelled"
    attendees = _people(event.get("ATTENDEE"))
    organizer = _people(event.get("ORGANIZER"))
    everyone = {p.email or p.name: (p, status) for p, status in organizer + attendees}
    if any(p.email in context.my_emails and s == "DECLINED" for p, s in attendees):
        return "declined"
    if len(everyone) > context.max_attendees:
        return f"over {context.max_attendees} attendees"
    others = tuple(p for p, _ in everyone.values() if p.email not in context.my_emails)
    if not others:
        return "no other attendees"
    return ActivityRecord(
        key=f"ics:{uid}:{_written(event['DTSTART'].dt)}",
        origin=origin,
        kind="meeting",
        occurred_at=moment,
        participants=others,
        initiated_by=_initiator(organizer, context),
        summary=" ".join(str(event.get("SUMMARY", "")).split()),
    )


def _written(value: date | datetime) -> str:
    """The start as the file wrote it, independent of the importing user's zone."""
    return value.isoformat()


def _people(value: Any) -> list[tuple[Participant, str]]:
    """Attendees or an organizer as participants, each with their PARTSTAT (upper case)."""
    if value is None:
        return []
    found = []
    for item in value if isinstance(value, list) else [value]:
        address = str(item).strip()
        email = address[7:].strip().casefold() if address.lower().startswith("mailto:") else ""
        params = getattr(item, "params", {})
        name = " ".join(str(params.get("CN", "")).split()).strip('"')
        if email or name:
            found.append(
                (Participant(name=name, email=email), str(params.get("PARTSTAT", "")).upper())
            )
    return found


def _initiator(organizer: list[tuple[Participant, str]], context: ParseContext) -> str:
    if not organizer or not organizer[0][0].email:
        return ""
    return "me" if organizer[0][0].email in context.my_emails else "them"


_OWNER_READ = 8 << 20  # bytes read to tell whose calendar it is
_ROLE = re.compile(
    r"^(?:ORGANIZER|ATTENDEE)[^:\r\n]*:mailto:([^\s;]+)", re.IGNORECASE | re.MULTILINE
)
_CALENDAR_NAME = re.compile(r"^X-WR-CALNAME:([^\s@]+@[^\s]+)\s*$", re.IGNORECASE | re.MULTILINE)


def owner(path: str) -> str | None:
    """The calendar owner's address: the calendar's name when it is an address (Google
    names a calendar after its owner), else the organizer or attendee in over half of the
    events; None when neither tells."""
    try:
        with Path(path).open("rb") as file:
            text = file.read(_OWNER_READ).decode("utf-8", "replace").replace("\r\n ", "")
    except OSError:
        return None
    if named := _CALENDAR_NAME.search(text):
        return named.group(1).casefold()
    events = text.upper().count("BEGIN:VEVENT")
    counts: Counter[str] = Counter()
    for event in text.split("BEGIN:VEVENT")[1:]:
        counts.update({a.casefold() for a in _ROLE.findall(event)})
    if counts and events:
        address, hits = counts.most_common(1)[0]
        if hits * 2 > events:
            return address
    return None
