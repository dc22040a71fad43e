"""What the reconcile stage keeps while it runs: the network as identity resolution sees it
(for the whole import), and what one batch shares (for one transaction)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from kith.core.domains import OrgDomains, work_domains
from kith.core.identity import Decision, Known, NameIndex, Seen, decide, email_key, keys_of
from kith.core.naming import Relation, name_keys, relate
from kith.core.people import Person
from kith.core.provenance import FieldSource
from kith.core.strength import StrengthInputs
from kith.importers.reconcile.values import keys_of_values, weak_name
from kith.importers.records import Participant
from kith.store.imports import PersonFacts, ReviewRow, StoredKey


def known(
    person_id: int,
    name: str,
    aliases: Iterable[str],
    orgs: Iterable[str],
    emails: Iterable[str],
    org_source: str,
    past: Iterable[str] = (),
    links: Iterable[str] = (),
) -> Known:
    """A person as matching sees them."""
    keys = name_keys(name).union(*(name_keys(a) for a in aliases))
    profiles = keys_of([], [], links).linkedin
    return Known(
        person_id, keys, tuple(orgs), work_domains(emails), org_source, tuple(past), profiles
    )


def known_of_facts(facts: PersonFacts) -> Known:
    return known(
        facts.id,
        facts.name,
        facts.aliases,
        facts.orgs,
        facts.emails,
        facts.org_source,
        facts.past,
        facts.links,
    )


COMMON_KEY = 6  # holders of one address or phone beyond which it is no one's in particular


@dataclass
class Network:
    """The network's keys, names and organizations' domains, held for one import, so each
    record costs a few dictionary look-ups, not a scan of the network."""

    region: str | None
    index: NameIndex = field(default_factory=NameIndex)
    owners: dict[tuple[str, str], set[int]] = field(default_factory=dict)  # (kind, key) -> ids
    orgs: OrgDomains = field(default_factory=OrgDomains)

    def load(self, facts: Iterable[PersonFacts]) -> Network:
        """Learn everyone (PeopleQueries.identity_facts)."""
        for person in facts:
            self.index.add(known_of_facts(person))
            self.orgs.learn(person.orgs, person.emails)
            self._own(person.id, person.emails, person.phones, person.links)
        return self

    def learn(self, person: Person, org_source: str) -> None:
        """Learn a person created or changed by the import."""
        assert person.id is not None
        orgs = [o.name for o in person.current_orgs()]
        past = [o.name for o in person.orgs if not o.current]
        self.index.add(
            known(
                person.id,
                person.display_name,
                person.aliases,
                orgs,
                person.emails,
                org_source,
                past,
                person.links,
            )
        )
        self.orgs.learn(orgs, person.emails)
        self._own(person.id, person.emails, person.phones, person.links)

    def _own(self, person_id: int, emails: list[str], phones: list[str], links: list[str]) -> None:
        for pair in keys_of(emails, phones, links, self.region).all():
            self.owners.setdefault(pair, set()).add(person_id)

    def holders(self, pairs: Iterable[tuple[str, str]]) -> list[Known]:
        """The known people holding any of these keys; a key held by more than a household
        (an office's switchboard, a shared inbox) names nobody."""
        groups = [self.owners.get(p, set()) for p in pairs]
        ids = set().union(*(g for g in groups if len(g) <= COMMON_KEY))
        return [self.index.people[i] for i in sorted(ids) if i in self.index.people]

    def key_holders(self, values: dict[str, Any]) -> set[int]:
        """The people holding a record's exact keys (those it most likely merges into)."""
        return {k.id for k in self.holders(keys_of_values(values, self.region).all())}

    def decide(self, values: dict[str, Any], source: str) -> Decision:
        """Who a contact record (as cleaned values) of `source` (a format) is."""
        keys = keys_of_values(values, self.region)
        profile = self.holders(("linkedin", k) for k in keys.linkedin)
        by_email = self.holders(("email", k) for k in keys.emails)
        by_phone = self.holders(("phone", k) for k in keys.phones)
        domains = work_domains(values["emails"])
        seen = Seen(
            names=name_keys(values["display_name"]),
            org=values["org"][0] if values["org"] else self._org_of(domains),
            domains=domains,
            source=source,
            weak_name=weak_name(values),
            profiles=keys.linkedin,
        )
        by_profile = profile[0] if len(profile) == 1 else None
        near = [] if seen.weak_name else self.index.near(seen.names)
        return decide(seen, by_profile, by_email, near, self.orgs, by_phone)

    def _org_of(self, domains: frozenset[str]) -> str:
        """The one organization a record's work addresses say it is at, or ""."""
        found = {o for d in domains if (o := self.orgs.org_of(d))}
        return found.pop() if len(found) == 1 else ""

    def who(self, participant: Participant) -> list[int]:
        """The known people an activity's participant is: the holder of their profile or
        address (among a household's or a team's, the ones of that name; all of them when
        the name tells none), or the one person of exactly that name."""
        if participant.url:
            by_profile = self.holders(
                ("linkedin", k) for k in keys_of([], [], [participant.url]).linkedin
            )
            if by_profile:
                return [k.id for k in by_profile]
        if participant.email:
            holders = self.holders([("email", email_key(participant.email))])
            if len(holders) <= 1 or not participant.name:
                return [k.id for k in holders]
            names = name_keys(participant.name)
            named = [k.id for k in holders if relate(names, k.names) >= Relation.PART]
            return named or [k.id for k in holders]
        if participant.name and not participant.url:
            names = name_keys(participant.name)
            same = [k.id for k in self.index.near(names) if relate(names, k.names) is Relation.SAME]
            return same if len(same) == 1 else []
        return []

    def known(self, person_id: int) -> Known | None:
        return self.index.people.get(person_id)


@dataclass
class Touches:
    """Standing changes a batch owes: touches per person, ledger inputs, new people."""

    moments: dict[int, list[tuple[datetime, StrengthInputs]]] = field(default_factory=dict)
    extra: dict[int, StrengthInputs] = field(default_factory=dict)
    people: set[int] = field(default_factory=set)


@dataclass
class Batch:
    """What one batch's records share: where they come from, what earlier imports made of
    their keys, the people read at once for it (each used once), and the standing owed."""

    format: str
    import_id: int | None
    as_of: datetime | None  # the source file's time: the freshness of records without one
    touches: Touches = field(default_factory=Touches)
    stored: dict[str, StoredKey] = field(default_factory=dict)
    people: dict[int, Person] = field(default_factory=dict)
    sources: dict[int, dict[str, FieldSource]] = field(default_factory=dict)
    values: dict[int, dict[str, Any]] = field(default_factory=dict)  # id(record) -> values
    waiting: dict[str, ReviewRow] = field(default_factory=dict)  # record key -> review row
    existing: dict[str, tuple[int, set[int]]] = field(default_factory=dict)  # interactions


__all__ = ["Batch", "Network", "Touches", "known", "known_of_facts"]
