"""The KithError family: each error carries one sentence, the facts behind it (which
field, which value, which person) and a hint.

A hint is advice in plain words, or a `Hint`: the next step as data, which each edge words
in its own language (cli/errors.py as a command, the web as a link, the API as fields), so
nothing here or in the facade names a flag, a command or a URL. The CLI and the web app
render these at their single error boundary; anything else that escapes is a bug.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum


class Do(StrEnum):
    """A next step a hint can point to; every edge has a wording for each."""

    LIST_PEOPLE = "list_people"
    SHOW_PERSON = "show_person"  # the person's record (their timeline holds the #ids)
    ADD_PERSON = "add_person"
    FIND = "find"
    LOG_WITH = "log_with"  # log an interaction, naming who it was with
    PLAN_FOLLOW_UP = "plan_follow_up"  # a promise for later, with a due date
    NAME_FOLLOW_UP = "name_follow_up"  # one of several open follow-ups, by its #id
    SET_CADENCE = "set_cadence"
    SET_OWN_EMAIL = "set_own_email"
    SET_OWN_OFFER = "set_own_offer"
    ADD_ORGS = "add_orgs"  # where people work, on their profiles
    LIST_TARGETS = "list_targets"
    ADD_TARGET = "add_target"
    SAY_HOW_THEY_KNOW = "say_how_they_know"
    PLAN_MEETING = "plan_meeting"
    MARK_MEETING_HELD = "mark_meeting_held"
    LIST_OPPORTUNITIES = "list_opportunities"
    START_SEARCH = "start_search"
    STOP_SEARCH = "stop_search"
    LIST_INTROS = "list_intros"
    OPEN_INTRO = "open_intro"
    ADVANCE_INTRO = "advance_intro"  # `id`: the introduction; `value`: the step
    SHARE = "share"
    REVIEW_QUEUE = "review_queue"
    MERGE_OR_UNMERGE = "merge_or_unmerge"
    MERGE = "merge"
    EXPORT_JSON = "export_json"
    RESTORE_INTO_NEW = "restore_into_new"
    DEMO_ELSEWHERE = "demo_elsewhere"  # another database, or add the demo anyway
    GIVE_LIMIT = "give_limit"  # a positive limit, or none to have everything


@dataclass(frozen=True)
class Hint:
    """The next step as data: what to do, and about whom or what."""

    do: Do
    person: str = ""  # a display name the step is about
    id: int | None = None  # an introduction's, a follow-up's or a person's id
    value: str = ""  # a value the step takes (an intro step, an example)


class KithError(Exception):
    """Base of every error a user can cause: a message, its facts, what to do about it."""

    exit_code = 1

    def __init__(
        self,
        message: str,
        hint: str | Hint = "",
        *,
        field: str = "",
        value: str = "",
        person: str = "",
    ) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint
        self.field = field  # which input was wrong ("limit", "email", …), when one was
        self.value = value  # the value given, as given
        self.person = person  # the person concerned, by display name


class NotFound(KithError):
    """A person, follow-up or record that does not exist."""


class Ambiguous(KithError):
    """A name that fits several people: Kith lists them and never guesses."""

    def __init__(
        self, message: str, candidates: Sequence[str], hint: str | Hint = "", person: str = ""
    ) -> None:
        super().__init__(message, hint, person=person)
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
