"""Use cases about people: add, edit, show, list, find, archive, delete, and my profile."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from typing import Any

from kith.app.base import CIRCLE_NAMES, SORTS, Base, RawValues
from kith.app.results import (
    FindResult,
    PersonMatch,
    PersonView,
)
from kith.core import dates
from kith.core.circles import (
    Circle,
)
from kith.core.contact import ListField, parse_value
from kith.core.edits import apply_edit, new_person
from kith.core.intros import described
from kith.core.naming import name_key
from kith.core.people import Me, Person
from kith.core.phones import phone_key, region_of
from kith.core.provenance import edited_fields
from kith.core.strength import explain
from kith.errors import Do, Hint, InvalidInput
from kith.store.repository import PersonFilter, PersonSummary


class PeopleCases(Base):
    """People and the user's own profile."""

    def add_person(self, name: str, values: RawValues | None = None, **fields: Any) -> Person:
        """Add someone; `values` are typed list values, `fields` scalar ones (see PersonEdit)."""
        with self.store.unit(write=True) as repo:
            edit = self._edit(repo, values or {}, {}, fields)
            person = new_person(name, edit)
            person.id = repo.insert_person(person, self.clock())
            self._resettle(repo, [person.id])
            return person

    def edit_person(
        self,
        ref: str,
        add: RawValues | None = None,
        remove: RawValues | None = None,
        **fields: Any,
    ) -> Person:
        """Change someone: scalar `fields` replace, `add`/`remove` change lists."""
        with self.store.unit(write=True) as repo:
            person = self._person(repo, ref)
            changed = apply_edit(person, self._edit(repo, add or {}, remove or {}, fields))
            repo.update_person(changed, self.clock())
            repo.mark_user_edited(person.id or 0, edited_fields(person, changed), self.clock())
            return changed

    def show_person(self, ref: str, limit: int | None = 20, why: bool = False) -> PersonView:
        """A person's whole record: profile, where the tie stands, timeline (newest first),
        ledger and follow-ups; with `why`, the strength broken into its contributions."""
        with self.store.unit() as repo:
            person = self._person(repo, ref)
            assert person.id is not None
            timeline, count = repo.timeline(person.id, None if why else limit)
            ledger = repo.ledger_for(person.id)
            introducer = person.met.introduced_by_id
            introduced_by = repo.names([introducer]).get(introducer) if introducer else None
            view = PersonView(
                person, introduced_by, timeline[:limit] if limit is not None else timeline,
                count, ledger, repo.followups_for(person.id),
                self._tie(repo.standings([person.id])[person.id]),
            )  # fmt: skip
            if why:
                view.why = explain(timeline, ledger, self.clock())
            view.introductions = [described(i) for i in repo.intros(True, person.id)]
            view.shared = repo.shared_with(person)
            return view

    def list_people(
        self,
        tag: str | None = None,
        org: str | None = None,
        quiet_since: str | None = None,
        sort: str = "name",
        limit: int | None = None,
        include_archived: bool = False,
        circle: str | None = None,
        name: str | None = None,
        offset: int = 0,
        overdue: bool = False,
    ) -> list[PersonSummary]:
        """Everyone matching the filters; `quiet_since` is a duration such as "6mo", `name`
        a part of the name, `overdue` keeps those whose next touch is past due; `offset`
        skips that many (for pages of `limit`)."""
        if sort not in SORTS:
            raise InvalidInput(f"Cannot sort by '{sort}'.", f"Use one of {', '.join(SORTS)}.")
        if circle is not None and circle not in {c.value for c in Circle}:
            raise InvalidInput(f"There is no circle '{circle}'.", f"Use one of {CIRCLE_NAMES}.")
        if limit is not None and limit < 1:
            raise InvalidInput(
                "The limit must be at least 1.",
                Hint(Do.GIVE_LIMIT),
                field="limit",
                value=str(limit),
            )
        if offset < 0:
            raise InvalidInput("The offset cannot be negative.", "Start from 0.")
        quiet_before = None
        if quiet_since:
            quiet_before = self.clock() - timedelta(dates.parse_duration(quiet_since).approx_days())
        where = PersonFilter(
            tag, org, quiet_before, include_archived, circle, name,
            self.today() if overdue else None,
        )  # fmt: skip
        with self.store.unit() as repo:
            return repo.list_people(where, sort, self.clock(), limit, offset)

    def find(self, text: str, limit: int = 50) -> FindResult:
        """People whose name, organization, title, notes, needs or offers mention `text`,
        and interactions whose summary or notes do."""
        if not text.strip():
            raise InvalidInput("Nothing to find.", Hint(Do.FIND), field="text")
        with self.store.unit() as repo:
            hits = repo.search_people(text, limit)
            names = repo.names(pid for pid, _, _ in hits)
            matches: dict[int, PersonMatch] = {}
            for pid, label, found in hits:
                match = matches.setdefault(pid, PersonMatch(pid, names.get(pid, "?")))
                match.matches.append((label, found))
            people = sorted(matches.values(), key=lambda m: name_key(m.display_name))[:limit]
            return FindResult(people, repo.interactions_matching(text, limit))

    def archive(self, ref: str, archived: bool = True) -> Person:
        """Hide someone from listings (and bring them back with archived=False)."""
        with self.store.unit(write=True) as repo:
            person = self._person(repo, ref)
            assert person.id is not None
            repo.set_archived(person.id, archived, self.clock())
            return replace(person, archived=archived)

    def delete_person(self, ref: str) -> Person:
        """Remove someone and what is theirs alone; shared interactions stay with the others."""
        with self.store.unit(write=True) as repo:
            person = self._person(repo, ref)
            assert person.id is not None
            repo.delete_person(person.id)
            return person

    def resolve(self, ref: str) -> Person:
        """The one person `ref` (a name or an id) means, or NotFound / Ambiguous."""
        with self.store.unit() as repo:
            return self._person(repo, ref)

    def me(self) -> Me:
        """The user's own profile."""
        with self.store.unit() as repo:
            return repo.get_me()

    def update_me(
        self,
        name: str | None = None,
        add: dict[str, list[str]] | None = None,
        remove: dict[str, list[str]] | None = None,
    ) -> Me:
        """Change my profile: `add`/`remove` map emails, phones, offers, needs, goals to values
        (a phone needs its country code: it tells the region of national numbers)."""
        with self.store.unit(write=True) as repo:
            me = repo.get_me()
            if name is not None:
                me.name = " ".join(name.split())
            for attribute, values in (add or {}).items():
                current = getattr(me, attribute)
                for value in values:
                    value = _own_value(attribute, value)
                    if value.strip() and value not in current:
                        current.append(value.strip())
            for attribute, values in (remove or {}).items():
                if attribute == "phones":
                    values = [phone_key(v) or v for v in values]
                folded = {v.strip().casefold() for v in values}
                setattr(
                    me, attribute, [v for v in getattr(me, attribute) if v.casefold() not in folded]
                )
            repo.save_me(me)
            return me


def _own_value(attribute: str, value: str) -> str:
    """One value of my profile, checked: an email as an address, a phone in E.164."""
    if attribute == "emails":
        return str(parse_value(ListField.EMAIL, value))
    if attribute == "phones":
        number = str(parse_value(ListField.PHONE, value))
        if not region_of(number):
            raise InvalidInput(
                f"'{value}' has no country code.", "Give your phone with its +country code."
            )
        return number
    return value
