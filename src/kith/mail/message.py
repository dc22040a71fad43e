"""One letter as a MIME message: plain text and HTML alternatives, encoded headers and,
for letters sent in bulk, List-Unsubscribe (RFC 2369) with one-click (RFC 8058)."""

from __future__ import annotations

from dataclasses import dataclass
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid, parseaddr
from typing import TYPE_CHECKING

from kith.errors import InvalidInput

if TYPE_CHECKING:
    from datetime import datetime


@dataclass(frozen=True)
class Letter:
    """What a letter says, before it is a message."""

    subject: str
    text: str
    html: str
    unsubscribe: str = ""  # an https URL (or mailto:) that stops these letters


def address(name: str, email: str) -> Address:
    """A display name and an address; non-ASCII names are encoded by the policy on output."""
    _, parsed = parseaddr(email)
    if "@" not in parsed or parsed != email.strip():
        raise InvalidInput(f"{email!r} is not an email address.", "e.g. ana@example.org")
    user, _, domain = parsed.rpartition("@")
    return Address(display_name=name, username=user, domain=domain)


def build(letter: Letter, sender: Address, to: Address, now: datetime) -> EmailMessage:
    """The message: text first, HTML as the preferred alternative, a Date and Message-ID."""
    message = EmailMessage()
    message["Subject"] = letter.subject
    message["From"] = sender
    message["To"] = to
    message["Date"] = format_datetime(now)
    message["Message-ID"] = make_msgid(domain=sender.domain)
    if letter.unsubscribe:
        message["List-Unsubscribe"] = f"<{letter.unsubscribe}>"
        if letter.unsubscribe.startswith("https://"):
            message["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    message.set_content(letter.text, subtype="plain", charset="utf-8")
    message.add_alternative(letter.html, subtype="html", charset="utf-8")
    return message
