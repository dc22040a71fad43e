"""What every use case shares: the open store, the settings, the clock, and the helpers
that resolve people and keep their standing current."""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from datetime import date, datetime
from typing import Any, NoReturn, Self

from kith.app.results import (
    Tie,
)
from kith.core import dates
from kith.core.circles import (
    Circle,
    cadence_for,
    describe,
    missed_cadences,
    suggest_circle,
)
from kith.core.contact import ListField, parse_value
from kith.core.edits import PersonEdit
from kith.core.followups import FollowUp
from kith.core.interactions import Interaction
from kith.core.naming import name_key, resolve, suggestions
from kith.core.people import Organization, Person
from kith.core.phones import default_region
from kith.core.standing import Standing, settle, touched
from kith.core.strength import StrengthInputs, interaction_inputs
from kith.errors import Ambiguous, Conflict, Do, Hint, InvalidInput, NotFound
from kith.settings import Settings
from kith.store.repository import Repository
from kith.store.store import Store

Clock = Callable[[], datetime]
SORTS = ("name", "last", "quiet", "strength")
CIRCLE_NAMES = ", ".join(c.value for c in Circle)
RawValues = Mapping[ListField, Sequence[str | Organization]]  # an org as text or its fields
MAX_ID = 2**63 - 1  # the largest id a database integer holds; a larger number names nobody


def local_now() -> datetime:
    """Now, timezone-aware, in the machine's local time zone."""
    return datetime.now().astimezone()


class Base:
    """The state and helpers behind every use case."""

    def __init__(self, settings: Settings, clock: Clock = local_now) -> None:
        self.settings = settings
        self.clock = clock
        self.store = Store(settings.db, settings.account).open(clock())

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def today(self) -> date:
        return self.clock().date()

    def _person(self, repo: Repository, ref: str) -> Person:
        person_id = self._resolve_id(repo, ref)
        person = repo.get_person(person_id)
        assert person is not None
        return person

    def _resolve_id(self, repo: Repository, ref: str) -> int:
        text = ref.strip().lstrip("#") if ref.strip().startswith("#") else ref.strip()
        if text.isascii() and text.isdigit():
            if int(text) > MAX_ID or not repo.person_exists(int(text)):
                raise NotFound(
                    f"There is no person with id {text}.", Hint(Do.LIST_PEOPLE), value=text
                )
            return int(text)
        key = name_key(text)
        exact = sorted({*repo.ids_with_key(key), *repo.ids_with_alias(key)})
        if len(exact) == 1:
            return exact[0]
        if exact:
            self._ambiguous(repo, ref, exact)
        candidates = repo.name_candidates()
        ids = resolve(text, candidates).ids
        if len(ids) == 1:
            return ids[0]
        if ids:
            self._ambiguous(repo, ref, ids)
        near = repo.names(suggestions(text, candidates))
        hint = f"Did you mean {', '.join(near.values())}?" if near else Hint(Do.LIST_PEOPLE)
        raise NotFound(f"Nobody called '{ref}' is in your network.", hint, value=ref)

    def _ambiguous(self, repo: Repository, ref: str, ids: Sequence[int]) -> NoReturn:
        people = repo.get_people(list(ids)[:10])
        listed = [
            f"#{p.id} {p.display_name}" + (f" ({p.headline()})" if p.headline() else "")
            for p in people.values()
        ]
        raise Ambiguous(
            f"'{ref}' fits {len(ids)} people.", listed, "Name one by its full name or its #id."
        )

    def _edit(
        self, repo: Repository, add: RawValues, remove: RawValues, fields: dict[str, Any]
    ) -> PersonEdit:
        region = self._region(repo)
        parsed = {f: [parse_value(f, raw, region) for raw in values] for f, values in add.items()}
        introduced_by = fields.pop("introduced_by", None)
        if introduced_by:
            fields["introduced_by_id"] = self._resolve_id(repo, introduced_by)
        met_on = fields.pop("met_on", None)
        if met_on:
            fields["met_on"] = dates.parse_date(met_on, self.today())
        return PersonEdit(**fields, add=parsed, remove={f: list(v) for f, v in remove.items()})

    def _region(self, repo: Repository) -> str | None:
        """The region national phone numbers are read in (core/phones.py default_region)."""
        locale = next((v for n in ("LC_ALL", "LC_CTYPE", "LANG") if (v := os.environ.get(n))), None)
        return default_region(repo.get_me().phones, locale, self.settings.region)

    def _past_moment(self, when: str | None) -> datetime:
        now = self.clock()
        moment = dates.parse_datetime(when, now) if when else now
        if moment.date() > now.date():
            raise InvalidInput(
                f"'{when}' is in the future; log what happened.",
                Hint(Do.PLAN_FOLLOW_UP),
                value=when or "",
            )
        return moment

    def _touch(self, repo: Repository, interaction: Interaction) -> None:
        """Every person in an interaction: one more touch, circle and due date re-settled."""
        now = self.clock()
        inputs = interaction_inputs(interaction, now)
        for person_id, standing in repo.standings(interaction.person_ids).items():
            after = touched(standing, interaction.occurred_at, inputs)
            repo.save_standing(person_id, settle(after, now, self.settings.circles), skips=0)

    def _resettle(
        self, repo: Repository, ids: Sequence[int], inputs: StrengthInputs | None = None
    ) -> None:
        """Re-settle people's standing, adding `inputs` (a give or an ask) first."""
        now = self.clock()
        for person_id, standing in repo.standings(ids).items():
            if inputs is not None:
                standing = replace(standing, inputs=standing.inputs + inputs)
            repo.save_standing(person_id, settle(standing, now, self.settings.circles))

    def _tie(self, standing: Standing) -> Tie:
        now = self.clock()
        rules = self.settings.circles
        cadence = cadence_for(standing.circle, standing.cadence, rules)
        strength = standing.strength(now)
        return Tie(
            round(strength, 1), standing.circle, standing.circle_pinned, describe(cadence),
            standing.cadence is not None, standing.due,
            missed_cadences(standing.due, cadence, now.date()),
            suggest_circle(strength, standing.last_contact, standing.added, now),
        )  # fmt: skip

    def _followup(self, repo: Repository, target: str, what: str | None) -> FollowUp:
        if target.strip().startswith("#") and target.strip()[1:].isdigit():
            number = int(target.strip()[1:])
            found = repo.get_followup(number) if number <= MAX_ID else None
            if found is None:
                raise NotFound(f"There is no follow-up {target}.", Hint(Do.SHOW_PERSON))
            found.person = repo.names([found.person_id])[found.person_id]
            return found
        person = self._person(repo, target)
        assert person.id is not None
        open_ones = repo.followups_for(person.id, open_only=True)
        if what:
            open_ones = [f for f in open_ones if what.casefold() in f.what.casefold()]
        if len(open_ones) == 1:
            return open_ones[0]
        if not open_ones:
            raise NotFound(
                f"{person.display_name} has no open follow-up{' like that' if what else ''}.",
                Hint(Do.PLAN_FOLLOW_UP, person.display_name),
                person=person.display_name,
            )
        raise Ambiguous(
            f"{person.display_name} has {len(open_ones)} open follow-ups.",
            [f"#{f.id} {f.what} (due {f.due.isoformat()})" for f in open_ones],
            Hint(Do.NAME_FOLLOW_UP, person.display_name),
            person.display_name,
        )

    def _complete(self, repo: Repository, followup: FollowUp) -> FollowUp:
        assert followup.id is not None
        if not followup.is_open:
            raise Conflict(f"Follow-up #{followup.id} is already done.", "Nothing to do.")
        followup.done_at = self.clock()
        repo.complete_followup(followup.id, followup.done_at)
        return followup
