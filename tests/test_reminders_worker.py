"""The worker's promise: exactly one letter per period. An injected clock walks days across
a missed hour (the machine asleep), a restart and an SMTP server that fails for a while,
against a real SMTP server on 127.0.0.1, on SQLite and PostgreSQL; then once through Huey."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from kith import settings
from kith.app import Kith
from kith.core.reminders import Period, latest_due, retry_after
from kith.mail.deliver import send_due
from kith.worker import make_huey
from smtp_server import smtp_server

LISBON = ZoneInfo("Europe/Lisbon")
START = datetime(2026, 11, 30, 0, 0, tzinfo=LISBON)  # a Monday
STEP = timedelta(minutes=10)  # how often the worker checks


class Clock:
    """Time the test moves by hand."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


def _kith(db_url: str, port: int, clock: Clock, every: str = "daily") -> Kith:
    mail = settings.MailSettings(
        host="127.0.0.1", port=port, security="none", sender="kith@example.org",
        to="zoe@example.org", digest=every, digest_hour=7, timezone="Europe/Lisbon",
    )  # fmt: skip
    loaded = replace(settings.Settings(Path(), Path("config.toml"), db_url), mail=mail)
    return Kith(loaded, clock=clock)


@pytest.fixture
def server() -> Iterator[tuple[object, int]]:
    with smtp_server() as pair:
        yield pair


def test_a_week_with_a_missed_hour_a_restart_and_a_failing_server(
    db_url: str, server: tuple[object, int]
) -> None:
    inbox, port = server
    clock = Clock(START)
    kith = _kith(db_url, port, clock)
    kith.add_person("Ana Souza")
    asleep = (START + timedelta(days=1, hours=5), START + timedelta(days=1, hours=13))
    restart_at = START + timedelta(days=3, hours=2)
    failing = (START + timedelta(days=4, hours=6), START + timedelta(days=4, hours=9))
    outcomes: list[str] = []
    while clock.now < START + timedelta(days=7):
        if restart_at <= clock.now < restart_at + STEP:
            kith.close()
            kith = _kith(db_url, port, clock)  # a new process: only the database remembers
        inbox.failing = failing[0] <= clock.now < failing[1]  # type: ignore[attr-defined]
        if not asleep[0] <= clock.now < asleep[1]:
            outcomes.append(send_due(kith).status)
        clock.now += STEP
    subjects = [m["Subject"] for m in inbox.messages]  # type: ignore[attr-defined]
    assert len(subjects) == 7, subjects  # one a day, Monday to Sunday
    assert len(set(subjects)) == 7
    assert outcomes.count("sent") == 7
    failures = outcomes.count("failed")
    # 06:00-09:00 failing, due at 07:00: tries at 07:00, +2, +4, +8, +16 min… until 09:00
    assert 3 <= failures <= 7
    records = {d.period: d for d in kith.deliveries(limit=50)}
    assert sorted(records) == [(START + timedelta(days=n)).date().isoformat() for n in range(7)]
    assert all(d.status == "sent" for d in records.values())
    tuesday = records[(START + timedelta(days=1)).date().isoformat()]
    assert tuesday.sent_at is not None
    assert tuesday.sent_at.astimezone(LISBON).hour == 13  # sent on waking, once
    friday = records[(START + timedelta(days=4)).date().isoformat()]
    assert friday.attempts == failures + 1 and friday.error == ""
    kith.close()


def test_weekly_letters_are_exactly_the_mondays(db_url: str, server: tuple[object, int]) -> None:
    inbox, port = server
    clock = Clock(START - timedelta(days=2))  # a Saturday: last week's letter is owed
    kith = _kith(db_url, port, clock, every="weekly")
    while clock.now < START + timedelta(days=15):
        send_due(kith)
        clock.now += timedelta(hours=1)
    periods = sorted(d.period for d in kith.deliveries())
    assert periods == ["2026-W48", "2026-W49", "2026-W50", "2026-W51"]
    assert len(inbox.messages) == 4  # type: ignore[attr-defined]
    kith.close()


def test_two_workers_on_one_database_send_once(db_url: str, server: tuple[object, int]) -> None:
    inbox, port = server
    clock = Clock(START + timedelta(hours=8))
    one, two = _kith(db_url, port, clock), _kith(db_url, port, clock)
    assert one.claim_letter("digest_daily", "2026-11-30", "zoe@example.org")
    assert not two.claim_letter("digest_daily", "2026-11-30", "zoe@example.org")
    assert send_due(two).status == "taken"  # the first still holds the claim
    clock.now += timedelta(minutes=20)  # … and died: a stale claim is taken over once
    assert send_due(two).status == "sent"
    assert send_due(one).status == "nothing_due"
    assert len(inbox.messages) == 1  # type: ignore[attr-defined]
    one.close()
    two.close()


def test_due_periods_and_backoff() -> None:
    at = datetime(2026, 12, 2, 6, 59, tzinfo=LISBON)  # a Wednesday, before the hour
    assert latest_due(Period.DAILY, at, 7) is None
    daily = latest_due(Period.DAILY, at + timedelta(minutes=1), 7)
    assert daily is not None and daily.key == "2026-12-02"
    weekly = latest_due(Period.WEEKLY, at, 7)
    assert weekly is not None and weekly.key == "2026-W49"
    assert latest_due(Period.WEEKLY, datetime(2026, 11, 30, 6, tzinfo=LISBON), 7) is None
    assert [retry_after(n).total_seconds() / 60 for n in (1, 2, 3, 10)] == [2, 4, 8, 120]


def test_the_huey_task_sends_what_is_owed_once(
    db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, server: tuple[object, int]
) -> None:
    inbox, port = server
    for name, value in {
        "KITH_DB": db_url, "KITH_SMTP_HOST": "127.0.0.1", "KITH_SMTP_PORT": str(port),
        "KITH_SMTP_SECURITY": "none", "KITH_MAIL_FROM": "kith@example.org",
        "KITH_MAIL_TO": "zoe@example.org", "KITH_DIGEST_HOUR": "0",
    }.items():  # fmt: skip
        monkeypatch.setenv(name, value)
    huey = make_huey(tmp_path, immediate=True)  # the queue runs its task in this thread
    assert [task.__name__ for task in huey._registry._periodic_tasks] == ["kith.digest"]
    huey.kith_check()
    huey.kith_check()  # the next minute: already sent
    assert len(inbox.messages) == 1  # type: ignore[attr-defined]
    check = Kith(settings.load())
    assert [(d.kind, d.status) for d in check.deliveries()] == [("digest_daily", "sent")]
    check.close()
