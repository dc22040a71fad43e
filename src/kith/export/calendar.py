"""The calendar feed as iCalendar: one all-day event per follow-up, follow-through step and
yearly date, each with an alarm (VALARM) at 9 in the morning of the day, so a phone's own
calendar reminds without any app. UIDs are stable, so a refresh updates, never duplicates."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from icalendar import Alarm, Calendar, Event

if TYPE_CHECKING:
    from kith.app.reminders import FeedItem

ALARM_AT = timedelta(hours=9)  # after the start of an all-day event: 9:00 that day
UID_DOMAIN = "kith.local"


def feed(items: Sequence[FeedItem], now: datetime, link: str = "") -> bytes:
    """The whole feed; `link` (the server's address) adds each person's page as URL."""
    calendar = Calendar()
    calendar.add("prodid", "-//Kith//Reminders//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", "Kith")
    calendar.add("refresh-interval", timedelta(hours=6), parameters={"VALUE": "DURATION"})
    for item in items:
        calendar.add_component(_event(item, now, link))
    ical: bytes = calendar.to_ical()
    return ical


def _event(item: FeedItem, now: datetime, link: str) -> Event:
    event = Event()
    event.add("uid", f"{item.uid}@{UID_DOMAIN}")
    event.add("dtstamp", now)
    event.add("dtstart", item.on)
    event.add("dtend", item.on + timedelta(days=1))
    event.add("summary", item.title)
    event.add("categories", [item.kind])
    event.add("transp", "TRANSPARENT")  # a reminder, not a busy slot
    if item.detail:
        event.add("description", item.detail)
    if link:
        event.add("url", f"{link}/people/{item.person_id}")
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", item.title)
    alarm.add("trigger", ALARM_AT)
    event.add_component(alarm)
    return event
