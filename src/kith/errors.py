"""The KithError family: each error carries one sentence and a hint.

The CLI and the web app render these at their single error boundary; anything
else that escapes is a bug.
"""

from __future__ import annotations

from collections.abc import Sequence


class KithError(Exception):
    """Base of every error a user can cause: a message and what to do about it."""

    exit_code = 1

    def __init__(self, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


class NotFound(KithError):
    """A person, follow-up or record that does not exist."""


class Ambiguous(KithError):
    """A name that fits several people: Kith lists them and never guesses."""

    def __init__(self, message: str, candidates: Sequence[str], hint: str = "") -> None:
        super().__init__(message, hint)
        self.candidates = list(candidates)


class InvalidInput(KithError):
    """A value the user typed (a date, an option, a field) that Kith cannot use."""


class OwnAddressNeeded(InvalidInput):
    """Mail or a calendar to import, and no address of the user's: nobody can tell their
    side from the others', and they would become a contact of their own."""


class Conflict(KithError):
    """A write that would break a rule, e.g. an email that belongs to someone else."""


class DatabaseUnavailable(KithError):
    """The database URL is wrong or the server cannot be reached."""


class SchemaTooNew(KithError):
    """The database was written by a newer Kith than this one."""


class NotAllowed(KithError):
    """Something the signed-in user's role does not allow (multi-user server, 403)."""
