"""Reading a quick log line such as "coffee with Ana Ruiz and Tom Lee about Lisbon"."""

from __future__ import annotations

import re
from dataclasses import dataclass

from kith.core.interactions import Kind

KIND_WORDS: dict[str, Kind] = {
    "coffee": Kind.COFFEE,
    "tea": Kind.COFFEE,
    "lunch": Kind.MEAL,
    "dinner": Kind.MEAL,
    "breakfast": Kind.MEAL,
    "brunch": Kind.MEAL,
    "meal": Kind.MEAL,
    "drinks": Kind.MEAL,
    "beers": Kind.MEAL,
    "meeting": Kind.MEETING,
    "met": Kind.MEETING,
    "meet": Kind.MEETING,
    "visit": Kind.MEETING,
    "call": Kind.CALL,
    "called": Kind.CALL,
    "phone": Kind.CALL,
    "rang": Kind.CALL,
    "video": Kind.VIDEO,
    "zoom": Kind.VIDEO,
    "videocall": Kind.VIDEO,
    "facetime": Kind.VIDEO,
    "email": Kind.EMAIL,
    "emailed": Kind.EMAIL,
    "mail": Kind.EMAIL,
    "message": Kind.MESSAGE,
    "messaged": Kind.MESSAGE,
    "text": Kind.MESSAGE,
    "texted": Kind.MESSAGE,
    "dm": Kind.MESSAGE,
    "chat": Kind.MESSAGE,
    "event": Kind.EVENT,
    "conference": Kind.EVENT,
    "meetup": Kind.EVENT,
    "party": Kind.EVENT,
}

# Words that end the list of names after "with": what follows is the topic.
# A stop word counts before a space, punctuation or the end ("with Ana re: the deal").
_STOP = re.compile(
    r"\s+(?:about|re|regarding|on|at|in|for|to|over|from|after|before|during)(?=[\s:;.,!?]|$)"
    r"|[:;.!?()\u2014]|\s[-\u2013]\s",
    re.IGNORECASE,
)
_SPLIT = re.compile(r"\s*(?:,|&|\band\b|\+)\s*", re.IGNORECASE)


@dataclass(frozen=True)
class LogText:
    """What a log line says: its kind (if a leading word names one) and the names after "with"."""

    kind: Kind | None
    names: tuple[str, ...]


def read_log_text(text: str) -> LogText:
    """Find the kind and the people in a quick log line; the line itself stays the summary."""
    words = text.split()
    kind = KIND_WORDS.get(words[0].lower().strip(",:")) if words else None
    return LogText(kind, _names_after_with(text))


def _names_after_with(text: str) -> tuple[str, ...]:
    match = re.search(r"\bwith\s+", text, re.IGNORECASE)
    if match is None:
        return ()
    rest = text[match.end() :]
    stop = _STOP.search(rest)
    phrase = rest[: stop.start()] if stop else rest
    return tuple(name for name in (n.strip() for n in _SPLIT.split(phrase)) if name)
