"""Sending what is due, once per period: claim the period's idempotency key in Kith's
database, send, record the outcome. Used by `kith digest --send` and the worker."""

from __future__ import annotations

from dataclasses import dataclass
from email.message import EmailMessage
from typing import TYPE_CHECKING

from kith.core.reminders import Due, Period, key_of
from kith.errors import Hint, KithError
from kith.mail import digest as letters
from kith.mail import smtp
from kith.mail.message import Letter, address, build

if TYPE_CHECKING:
    from kith.app import Kith
    from kith.core.reminders import Delivery


@dataclass(frozen=True)
class Outcome:
    """What one attempt did: sent, skipped (nothing owed or already taken) or failed."""

    status: str  # sent, nothing_due, taken, failed
    kind: str = ""
    period: str = ""
    error: str = ""
    transient: bool = False
    attempts: int = 0
    hint: str | Hint = ""


def recipient(kith: Kith) -> str:
    """mail_to, else the first address of the user's profile."""
    mail = kith.settings.mail
    if mail.to:
        return mail.to
    emails = kith.me().emails
    if not emails:
        raise smtp.MailNotSetUp(
            "No address to send to.", "Set mail_to, or add your email to your profile."
        )
    return emails[0]


def message_for(kith: Kith, letter: Letter, to: str) -> EmailMessage:
    """The letter as a message from mail_from to `to`, names encoded as needed."""
    name = kith.me().name
    sender = address("Kith", kith.settings.mail.sender)
    return build(letter, sender, address(name, to), kith.local_now())


def send_letter(kith: Kith, letter: Letter, account: smtp.Account | None = None) -> str:
    """Send one letter now (the test message, a digest asked for); returns the recipient."""
    account = account or smtp.account(kith.settings.mail)
    to = recipient(kith)
    smtp.send(message_for(kith, letter, to), account)
    return to


def send_due(kith: Kith, account: smtp.Account | None = None) -> Outcome:
    """The digest owed now, sent at most once for its period however often this runs."""
    due = kith.due_letter()
    if due is None:
        return Outcome("nothing_due")
    return send_period(kith, due, account)


def send_now(kith: Kith, period: Period, account: smtp.Account | None = None) -> Outcome:
    """The current period's digest, sent because the user asked (once per period too)."""
    today = kith.local_now().date()
    due = Due(period, key_of(period, today), today, kith.local_now())
    return send_period(kith, due, account)


def send_period(kith: Kith, due: Due, account: smtp.Account | None) -> Outcome:
    """Claim the period, send its letter, record sent or failed (a failure is retried)."""
    account = account or smtp.account(kith.settings.mail)
    to = recipient(kith)
    if not kith.claim_letter(due.kind, due.key, to):
        return Outcome("taken", due.kind, due.key)
    try:
        digest = kith.digest(due.period)
        mail = kith.settings.mail
        letter = letters.letter(digest, mail.server_url)
        smtp.send(message_for(kith, letter, to), account)
    except KithError as error:
        failed = kith.finish_letter(due.kind, due.key, error.message)
        transient = getattr(error, "transient", False)
        return Outcome(
            "failed", due.kind, due.key, error.message, transient, failed.attempts, error.hint
        )
    except BaseException:
        kith.finish_letter(due.kind, due.key, "Interrupted while sending.")
        raise
    record: Delivery = kith.finish_letter(due.kind, due.key)
    return Outcome("sent", due.kind, due.key, attempts=record.attempts)
