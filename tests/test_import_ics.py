"""The iCalendar parser: meetings from shared events, the skips, recurrences, time zones."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kith.importers import ics
from kith.importers.records import ActivityRecord, ParseContext, Problem, Record, Skipped

DATA = Path(__file__).parent / "data" / "ics"
FIXTURES = (Path(__file__).parents[1] / ".." / "shared" / "fixtures" / "ics").resolve()
EST = timezone(timedelta(hours=-5))
NOW = datetime(2026, 11, 25, 10, 0, tzinfo=EST)
CONTEXT = ParseContext(now=NOW, my_emails=frozenset({"me@example.com"}))


def read(name: str, context: ParseContext = CONTEXT) -> list[Record]:
    return list(ics.parse(str(DATA / name), context))


def meetings(records: list[Record], uid: str = "") -> list[ActivityRecord]:
    return [
        r
        for r in records
        if isinstance(r, ActivityRecord) and r.key.startswith(f"ics:{uid}:" if uid else "ics:")
    ]


def skips(records: list[Record]) -> Counter[str]:
    return Counter(r.reason for r in records if isinstance(r, Skipped))


def test_a_shared_event_is_a_meeting_with_the_others() -> None:
    records = read("declined.ics")
    [coffee] = meetings(records, "accepted-1")
    assert coffee.kind == "meeting"
    assert coffee.occurred_at == datetime(2026, 3, 11, 15, tzinfo=UTC)
    assert [(p.name, p.email) for p in coffee.participants] == [("Bob Stone", "bob@example.org")]
    assert coffee.initiated_by == "them"
    assert coffee.summary == "Coffee"
    assert coffee.key == "ics:accepted-1:2026-03-11T15:00:00+00:00"


def test_an_event_the_user_declined_is_skipped_and_counted() -> None:
    records = read("declined.ics")
    assert meetings(records, "declined-1") == []
    assert skips(records) == {"declined": 1}


def test_an_event_with_over_max_attendees_is_skipped() -> None:
    records = read("attendees_40.ics")
    assert meetings(records, "all-hands") == []
    assert skips(records) == {"over 15 attendees": 1}
    [workshop] = meetings(records, "fifteen")  # the user and 14 guests: 15, not over
    assert len(workshop.participants) == 14
    assert workshop.initiated_by == "me"
    assert len(meetings(read("attendees_40.ics", ParseContext(NOW, frozenset(), 50)))) == 2


def test_a_weekly_event_with_an_end_counts_each_occurrence() -> None:
    found = meetings(read("weekly.ics"), "weekly-until")
    starts = [m.occurred_at.astimezone(EST) for m in found]
    assert starts == [datetime(2026, 1, 5, 9, tzinfo=EST) + timedelta(weeks=n) for n in range(6)]
    assert all(m.participants[0].email == "ana@example.org" for m in found)
    assert len({m.key for m in found}) == 6


def test_a_weekly_event_without_end_stops_at_now_with_exdate_and_overrides() -> None:
    found = meetings(read("weekly.ics"), "weekly-forever")
    starts = [m.occurred_at for m in found]
    assert max(starts) <= NOW
    assert max(starts) == datetime(2026, 11, 23, 10, tzinfo=EST)
    assert datetime(2026, 1, 12, 10, tzinfo=EST) not in starts  # EXDATE
    assert datetime(2026, 1, 19, 15, tzinfo=EST) in starts  # the moved occurrence
    assert len(found) == 47 - 1  # 5 Jan to 23 Nov is 47 Mondays, one excluded
    assert found[0].participants[0].email == "tom@example.org"  # case-folded


def test_an_endless_recurrence_is_capped() -> None:
    found = meetings(read("weekly.ics"), "daily-since-2000")
    assert len(found) == ics.MAX_OCCURRENCES
    assert found[0].occurred_at == datetime(2000, 1, 3, 8, tzinfo=UTC)


def test_time_zones_floating_times_and_all_day_events() -> None:
    records = read("times.ics")
    by_uid = {m.key.split(":")[1]: m for m in meetings(records)}
    assert by_uid["tzid"].occurred_at == datetime(2026, 6, 15, 12, tzinfo=UTC)  # +02:00 in June
    assert by_uid["tzid"].participants[0].name == "Zoé Martin"
    assert by_uid["floating"].occurred_at == datetime(2026, 6, 16, 9, tzinfo=EST)  # user's zone
    assert by_uid["all-day"].occurred_at == datetime(2026, 6, 17, 12, tzinfo=EST)  # noon
    assert by_uid["all-day"].key == "ics:all-day:2026-06-17"
    assert by_uid["after-broken"].participants[0].name == ""
    assert "future" not in by_uid
    assert skips(records) == {"cancelled": 1, "no other attendees": 1}


def test_a_broken_event_is_a_problem_and_the_rest_imports() -> None:
    records = read("times.ics")
    [problem] = [r for r in records if isinstance(r, Problem)]
    assert problem.reason == "The event has no start (DTSTART)."
    assert problem.origin.path.endswith("times.ics")
    assert problem.origin.place == "event 7 (line 56)"


def test_keys_are_stable_whatever_zone_imports_them() -> None:
    elsewhere = ParseContext(NOW.astimezone(timezone(timedelta(hours=9))), CONTEXT.my_emails)
    keys = {m.key for m in meetings(read("weekly.ics"))}
    assert keys == {m.key for m in meetings(read("weekly.ics", elsewhere))}


def test_sniff_reads_content_not_only_names() -> None:
    assert ics.sniff(b"\xef\xbb\xbfBEGIN:VCALENDAR\r\nVERSION:2.0", "export.txt")
    assert ics.sniff(b"BEGIN:VEVENT\r\n", "a.ics")
    assert not ics.sniff(b"BEGIN:VCARD\r\n", "a.vcf")
    assert not ics.sniff(b"From: a@b\n", "a.ics")


def test_an_unreadable_file_is_a_problem(tmp_path: Path) -> None:
    records = list(ics.parse(str(tmp_path / "missing.ics"), CONTEXT))
    assert [type(r) for r in records] == [Problem]


def shared_files() -> list[Path]:
    return sorted(p for p in FIXTURES.rglob("*") if p.is_file()) if FIXTURES.is_dir() else []


@pytest.mark.skipif(not FIXTURES.is_dir(), reason=f"shared fixtures absent: {FIXTURES}")
@pytest.mark.parametrize("path", shared_files(), ids=lambda p: p.name)
def test_every_shared_calendar_parses_or_reports_problems(path: Path) -> None:
    records = list(ics.parse(str(path), CONTEXT))
    for record in records:
        assert isinstance(record, ActivityRecord | Problem | Skipped)
        if isinstance(record, Problem):
            assert record.reason.endswith(".") and str(path) in str(record.origin)
        if isinstance(record, ActivityRecord):
            assert record.occurred_at <= NOW and record.participants
    per_event = Counter(r.key.split(":")[1] for r in records if isinstance(r, ActivityRecord))
    assert all(n <= ics.MAX_OCCURRENCES for n in per_event.values())


@pytest.mark.skipif(not FIXTURES.is_dir(), reason=f"shared fixtures absent: {FIXTURES}")
@pytest.mark.parametrize(
    "name", ["event_daily_rrule_forever.ics", "event_full_day_rrule_until_5000y.ics"]
)
def test_shared_recurrences_without_end_stop_at_the_cap_or_now(tmp_path: Path, name: str) -> None:
    text = (FIXTURES / "radicale" / name).read_text()
    shared = tmp_path / name  # the same event, with someone else on it
    shared.write_text(text.replace("\nUID:", "\nATTENDEE:mailto:x@example.org\nUID:", 1))
    found = meetings(list(ics.parse(str(shared), CONTEXT)))
    assert 0 < len(found) <= ics.MAX_OCCURRENCES
    assert all(m.occurred_at <= NOW for m in found)
    assert len(found) == ics.MAX_OCCURRENCES or found[-1].occurred_at > NOW - timedelta(days=2)


FIXTURE_CHECK = HealthCheck.function_scoped_fixture
SAMPLE = (DATA / "weekly.ics").read_bytes() + (DATA / "times.ics").read_bytes()


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(cut=st.integers(min_value=0, max_value=len(SAMPLE)), noise=st.binary(max_size=64))
def test_truncated_and_garbled_calendars_give_only_problems(
    tmp_path: Path, cut: int, noise: bytes
) -> None:
    path = tmp_path / "fuzz.ics"
    path.write_bytes(SAMPLE[:cut] + noise + SAMPLE[cut : cut + 200])
    for record in ics.parse(str(path), CONTEXT):
        assert isinstance(record, ActivityRecord | Problem | Skipped)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    lines=st.lists(
        st.sampled_from(
            [
                "BEGIN:VCALENDAR",
                "END:VCALENDAR",
                "BEGIN:VEVENT",
                "END:VEVENT",
                "BEGIN:VTIMEZONE",
                "END:VTIMEZONE",
                "DTSTART:20260101T100000Z",
                "DTSTART;VALUE=DATE:2026013",
                "DTSTART;TZID=Nowhere/Else:20260101T100000",
                "RRULE:FREQ=SECONDLY",
                "RRULE:FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30",
                "RRULE:FREQ=YEARLY;COUNT=-1",
                "EXDATE:garbage",
                "RDATE;VALUE=PERIOD:20260101T100000Z/PT1H",
                "UID:x",
                "ATTENDEE;PARTSTAT=DECLINED:mailto:me@example.com",
                'ATTENDEE;CN="A, B":mailto:a@example.org',
                "ORGANIZER:mailto:",
                " folded continuation",
                "X-\x00:odd",
            ]
        ),
        max_size=30,
    )
)
def test_random_calendar_structures_give_only_problems(tmp_path: Path, lines: list[str]) -> None:
    path = tmp_path / "random.ics"
    path.write_text("\r\n".join(lines), encoding="utf-8")
    for record in ics.parse(str(path), CONTEXT):
        assert isinstance(record, ActivityRecord | Problem | Skipped)


def test_a_rule_by_the_second_is_refused_not_expanded() -> None:
    records = read("fuzz_secondly_lone_cr.ics")  # fuzzer-found: a date repeated every second
    assert "The event repeats every second or minute, which no meeting does." in {
        r.reason for r in records if isinstance(r, Problem)
    }
    assert meetings(records) == []
