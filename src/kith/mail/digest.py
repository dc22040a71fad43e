"""The digest as a letter: a subject, plain text and HTML (Jinja2, inline styles, no remote
images, everything escaped), with links to each person's page when `server_url` is set."""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

from kith.core.reminders import Period
from kith.mail.message import Letter

if TYPE_CHECKING:
    from kith.app.reminders import Digest
    from kith.core.agenda import UpcomingDate


@cache
def _environment(autoescape: bool) -> Environment:
    return Environment(
        loader=PackageLoader("kith.mail", "templates"),
        autoescape=select_autoescape(["html"]) if autoescape else False,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def subject(digest: Digest) -> str:
    """What the letter is about, in a few words."""
    what = "week" if digest.period is Period.WEEKLY else "day"
    count = len(digest.agenda)
    people = f"{count} {'person' if count == 1 else 'people'} to get back to"
    day = f"{digest.on:%A} {digest.on.day} {digest.on:%B}"
    return f"Your {what} with Kith, {day}: {people}" if count else f"Your {what} with Kith, {day}"


def letter(digest: Digest, server_url: str = "", unsubscribe: str = "") -> Letter:
    """The digest rendered both ways; links only when the server's address is known."""
    context = {
        "d": digest,
        "weekly": digest.period is Period.WEEKLY,
        "link": _linker(server_url),
        "server": server_url,
        "years": _years,
    }
    text = _environment(False).get_template("digest.txt").render(context)
    html = _environment(True).get_template("digest.html").render(context)
    return Letter(subject(digest), text, html, unsubscribe)


def _years(date: UpcomingDate) -> str:
    """What the number of years means: an age turned, or years at an organization."""
    if date.label == "birthday":
        return f"turns {date.years}"
    return f"{date.years} {'year' if date.years == 1 else 'years'}"


def _linker(server_url: str) -> object:
    def link(person_id: int) -> str:
        return f"{server_url}/people/{person_id}" if server_url else ""

    return link
