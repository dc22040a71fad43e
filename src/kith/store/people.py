"""Reading and writing people (and their emails, orgs, tags, …) for one account."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

import sqlalchemy as sa

from kith.core.identity import email_key
from kith.core.naming import Candidate, name_key
from kith.core.people import HowWeMet, ImportantDate, Organization, Person
from kith.core.strength import strength_from_key
from kith.store import tables as t
from kith.store.scope import ScopedQueries, from_db, new_id, to_db


@dataclass(frozen=True)
class PersonFilter:
    """What `kith list` narrows by; None means "don't filter"."""

    tag: str | None = None
    org: str | None = None
    quiet_before: datetime | None = None
    include_archived: bool = False
    circle: str | None = None
    name: str | None = None  # part of the name, any case or accents (search as you type)
    due_before: date | None = None  # overdue: their next touch fell due before this day


@dataclass
class PersonSummary:
    """A person as a listing shows them."""

    id: int
    display_name: str
    headline: str
    last_contact_at: datetime | None
    archived: bool
    circle: str
    strength: float
    tags: list[str] = field(default_factory=list)


_FACETS = (("interest", "interests"), ("need", "needs"), ("offer", "offers"))


class PeopleQueries(ScopedQueries):
    """People, scoped to the account in `self.scope`."""

    # --- writing -----------------------------------------------------------

    def insert_person(self, person: Person, now: datetime) -> int:
        """Save a new person with everything they carry; returns the new id."""
        values = {**person_row(person), "created_at": to_db(now), "updated_at": to_db(now)}
        values["account_id"] = self.scope.account_id
        person_id = new_id(self.conn.execute(sa.insert(t.people).values(values)))
        self._insert_children(person_id, person)
        return person_id

    def update_person(self, person: Person, now: datetime) -> None:
        """Replace a person's fields and lists with those of `person`."""
        assert person.id is not None
        values = {**person_row(person), "updated_at": to_db(now)}
        self.conn.execute(
            sa.update(t.people)
            .where(self.mine_by_id(t.people), t.people.c.id == person.id)
            .values(values)
        )
        for table in CHILD_TABLES:
            self.conn.execute(
                sa.delete(table).where(self.mine_by_id(table), table.c.person_id == person.id)
            )
        self._insert_children(person.id, person)

    def _insert_children(self, person_id: int, person: Person) -> None:
        for table, rows in child_rows(person_id, person).items():
            if rows:
                for row in rows:
                    row["account_id"] = self.scope.account_id
                self.conn.execute(sa.insert(table), rows)

    def delete_person(self, person_id: int) -> None:
        """Remove a person; interactions left with nobody go too."""
        linked = sa.select(t.interaction_people.c.interaction_id).where(
            t.interaction_people.c.person_id == person_id
        )
        interaction_ids = [row[0] for row in self.conn.execute(linked)]
        self.conn.execute(
            sa.delete(t.people).where(self.mine_by_id(t.people), t.people.c.id == person_id)
        )
        if interaction_ids:
            orphaned = sa.delete(t.interactions).where(
                self.mine(t.interactions),
                t.interactions.c.id.in_(interaction_ids),
                ~sa.exists().where(t.interaction_people.c.interaction_id == t.interactions.c.id),
            )
            self.conn.execute(orphaned)

    def set_archived(self, person_id: int, archived: bool, now: datetime) -> None:
        self.conn.execute(
            sa.update(t.people)
            .where(self.mine_by_id(t.people), t.people.c.id == person_id)
            .values(archived=archived, updated_at=to_db(now))
        )

    # --- reading -----------------------------------------------------------

    def get_people(self, ids: Sequence[int]) -> dict[int, Person]:
        """Whole people by id (missing or other accounts' ids are simply absent)."""
        if not ids:
            return {}
        rows = self.conn.execute(
            sa.select(t.people).where(self.mine_by_id(t.people), t.people.c.id.in_(ids))
        ).mappings()
        found = {row["id"]: _person_from_row(row) for row in rows}
        self._fill_children(found)
        return found

    def get_person(self, person_id: int) -> Person | None:
        return self.get_people([person_id]).get(person_id)

    def names(self, ids: Iterable[int]) -> dict[int, str]:
        wanted = list(set(ids))
        if not wanted:
            return {}
        query = sa.select(t.people.c.id, t.people.c.display_name).where(
            self.mine_by_id(t.people), t.people.c.id.in_(wanted)
        )
        return {row.id: row.display_name for row in self.conn.execute(query)}

    def ids_with_key(self, key: str) -> list[int]:
        """People whose name key is exactly `key` (an index look-up)."""
        query = sa.select(t.people.c.id).where(self.mine(t.people), t.people.c.name_key == key)
        return [row.id for row in self.conn.execute(query.order_by(t.people.c.id))]

    def ids_with_alias(self, key: str) -> list[int]:
        """People also known by the name with key `key` (an index look-up)."""
        a = t.person_aliases
        query = sa.select(a.c.person_id).where(self.mine(a), a.c.name_key == key)
        return sorted({row.person_id for row in self.conn.execute(query)})

    def name_candidates(self) -> list[Candidate]:
        """Every person's id and name keys (display name and aliases), for prefix and
        typo-tolerant resolution."""
        query = sa.select(t.people.c.id, t.people.c.name_key).where(self.mine(t.people))
        found = [Candidate(row.id, row.name_key) for row in self.conn.execute(query)]
        a = t.person_aliases
        aliases = sa.select(a.c.person_id, a.c.name_key).where(self.mine(a))
        return found + [
            Candidate(row.person_id, row.name_key) for row in self.conn.execute(aliases)
        ]

    def shared_with(self, person: Person) -> dict[str, list[str]]:
        """A person's addresses and phones that others hold too, with those others' names."""
        found: dict[str, list[str]] = {}
        for table, column, values, key in (
            (t.person_emails, "email_key", person.emails, email_key),
            (t.person_phones, "phone", person.phones, str),
        ):
            wanted = {key(v): v for v in values}
            if not wanted:
                continue
            query = (
                sa.select(table.c[column], t.people.c.display_name)
                .join(t.people, t.people.c.id == table.c.person_id)
                .where(
                    self.mine(table),
                    table.c[column].in_(list(wanted)),
                    table.c.person_id != person.id,
                )
                .order_by(t.people.c.name_key)
            )
            for value, name in self.conn.execute(query):
                found.setdefault(wanted[value], []).append(name)
        return found

    def people_with_email(self, email: str) -> list[int]:
        """Everyone holding an address (a household's or a team's is held by several)."""
        query = sa.select(t.person_emails.c.person_id).where(
            self.mine(t.person_emails), t.person_emails.c.email_key == email_key(email)
        )
        return sorted({row.person_id for row in self.conn.execute(query)})

    def count_people(self) -> int:
        query = sa.select(sa.func.count()).select_from(t.people).where(self.mine(t.people))
        return int(self.conn.execute(query).scalar_one())

    def person_exists(self, person_id: int) -> bool:
        query = sa.select(t.people.c.id).where(
            self.mine_by_id(t.people), t.people.c.id == person_id
        )
        return self.conn.execute(query).first() is not None

    def list_people(
        self,
        where: PersonFilter,
        sort: str,
        now: datetime,
        limit: int | None = None,
        offset: int = 0,
    ) -> list[PersonSummary]:
        """People matching `where`, sorted by "name", "last" (most recent contact first),
        "quiet" (longest silence first) or "strength" (strongest first)."""
        query = sa.select(
            t.people.c.id,
            t.people.c.display_name,
            t.people.c.location,
            t.people.c.last_contact_at,
            t.people.c.archived,
            t.people.c.circle,
            t.people.c.strength_key,
        ).where(*self._filters(where))
        query = query.order_by(*_ORDER[sort]).limit(limit).offset(offset or None)
        summaries = {
            row.id: PersonSummary(
                row.id, row.display_name, row.location, from_db(row.last_contact_at),
                row.archived, row.circle, round(strength_from_key(row.strength_key, now), 1),
            )
            for row in self.conn.execute(query)
        }  # fmt: skip
        self._fill_summaries(summaries, where, paged=limit is not None and limit <= _PAGE_AT_MOST)
        return list(summaries.values())

    def _filters(self, where: PersonFilter) -> list[sa.ColumnElement[bool]]:
        clauses = [self.mine(t.people)]
        if not where.include_archived:
            clauses.append(t.people.c.archived == sa.false())
        if where.tag:
            clauses.append(
                sa.exists().where(
                    t.person_tags.c.person_id == t.people.c.id,
                    t.person_tags.c.tag == where.tag.strip().casefold(),
                )
            )
        if where.org:
            clauses.append(
                sa.exists().where(
                    t.person_orgs.c.person_id == t.people.c.id,
                    t.person_orgs.c.org_key.contains(name_key(where.org), autoescape=True),
                )
            )
        if where.circle:
            clauses.append(t.people.c.circle == where.circle)
        if where.due_before is not None:
            clauses.append(t.people.c.due_on < where.due_before)
        if where.name and name_key(where.name):
            clauses.append(t.people.c.name_key.contains(name_key(where.name), autoescape=True))
        if where.quiet_before is not None:
            last = t.people.c.last_contact_at
            clauses.append(sa.or_(last.is_(None), last < to_db(where.quiet_before)))
        return clauses

    def _fill_summaries(
        self, summaries: dict[int, PersonSummary], where: PersonFilter, paged: bool
    ) -> None:
        # The children are filtered by the same conditions (not a huge IN list) and left
        # unsorted: picking and sorting per person in Python is cheaper at 100k people.
        # A page (a short list) names its ids instead: reading every match's would not pay.
        matching: Any = (
            list(summaries) if paged else sa.select(t.people.c.id).where(*self._filters(where))
        )
        orgs = sa.select(t.person_orgs).where(
            self.mine(t.person_orgs),
            t.person_orgs.c.end_on.is_(None),
            t.person_orgs.c.person_id.in_(matching),
        )
        first: dict[int, int] = {}
        for row in self.conn.execute(orgs):
            summary = summaries.get(row.person_id)
            if summary is not None and row.position < first.get(row.person_id, 1 << 30):
                first[row.person_id] = row.position
                summary.headline = _org_from_row(row).label()
        tags = sa.select(t.person_tags.c.person_id, t.person_tags.c.tag).where(
            self.mine(t.person_tags), t.person_tags.c.person_id.in_(matching)
        )
        for row in self.conn.execute(tags):
            if row.person_id in summaries:
                summaries[row.person_id].tags.append(row.tag)
        for summary in summaries.values():
            summary.tags.sort()

    def search_people(self, text: str, limit: int) -> list[tuple[int, str, str]]:
        """(person id, field, matched text) for people whose name, org or notes contain `text`."""
        needle = text.strip()
        key = name_key(needle)
        hits: list[tuple[int, str, str]] = []
        for label, table, id_column, shown, keyed in _SEARCHED:
            if keyed:
                match = table.c[keyed].contains(key, autoescape=True)
            else:
                match = table.c[shown].icontains(needle, autoescape=True)
            query = sa.select(table.c[id_column], table.c[shown]).where(self.mine(table), match)
            hits.extend((row[0], label, row[1]) for row in self.conn.execute(query.limit(limit)))
        return hits

    def _fill_children(self, found: dict[int, Person]) -> None:
        ids = list(found)
        for table, fill in _FILLERS:
            rows = self.conn.execute(
                sa.select(table).where(self.mine_by_id(table), table.c.person_id.in_(ids))
            )
            for row in sorted(rows, key=lambda r: (getattr(r, "position", 0), r.id)):
                fill(found[row.person_id], row)


_PAGE_AT_MOST = 500  # a listing this short fills its orgs and tags by id

_ORDER = {
    "name": (t.people.c.name_key, t.people.c.id),
    "last": (t.people.c.last_contact_at.desc().nulls_last(), t.people.c.name_key),
    "quiet": (t.people.c.last_contact_at.asc().nulls_first(), t.people.c.name_key),
    "strength": (t.people.c.strength_key.desc(), t.people.c.name_key),
}

# What `kith find` looks in: label, table, person id column, column shown, and the
# normalized column to compare on (names and orgs match without case and accents).
_SEARCHED: tuple[tuple[str, sa.Table, str, str, str | None], ...] = (
    ("name", t.people, "id", "display_name", "name_key"),
    ("alias", t.person_aliases, "person_id", "name", "name_key"),
    ("org", t.person_orgs, "person_id", "org", "org_key"),
    ("title", t.person_orgs, "person_id", "title", None),
    ("location", t.people, "id", "location", None),
    ("notes", t.people, "id", "notes", None),
    ("facet", t.person_facets, "person_id", "text", None),
)

CHILD_TABLES = (
    t.person_emails,
    t.person_phones,
    t.person_links,
    t.person_orgs,
    t.person_tags,
    t.person_facets,
    t.person_dates,
    t.person_aliases,
)


def person_row(person: Person) -> dict[str, Any]:
    """The people-table columns for `person` (without ids, account or timestamps)."""
    return {
        "display_name": person.display_name,
        "name_key": name_key(person.display_name),
        "pronouns": person.pronouns,
        "credentials": person.credentials,
        "given_name": person.given_name,
        "family_name": person.family_name,
        "location": person.location,
        "notes": person.notes,
        "met_on": person.met.when,
        "met_where": person.met.where,
        "met_context": person.met.context,
        "introduced_by_id": person.met.introduced_by_id,
        "archived": person.archived,
    }


def child_rows(person_id: int, person: Person) -> dict[sa.Table, list[dict[str, Any]]]:
    """The rows of every child table (emails, orgs, tags, …) for one person."""

    def rows(values: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
        return [{"person_id": person_id, "position": i, **v} for i, v in enumerate(values)]

    return {
        t.person_emails: rows({"email": e, "email_key": email_key(e)} for e in person.emails),
        t.person_phones: rows({"phone": p} for p in person.phones),
        t.person_links: rows({"url": u} for u in person.links),
        t.person_orgs: rows(
            {
                "org": o.name,
                "org_key": name_key(o.name),
                "title": o.title,
                "start_on": o.start,
                "end_on": o.end,
                "anniversary": o.start.month * 100 + o.start.day if o.start else None,
            }
            for o in person.orgs
        ),
        t.person_tags: [{"person_id": person_id, "tag": tag} for tag in person.tags],
        t.person_facets: rows(
            {"kind": kind, "text": text}
            for kind, attribute in _FACETS
            for text in getattr(person, attribute)
        ),
        t.person_dates: [
            {
                "person_id": person_id,
                "label": d.label,
                "month": d.month,
                "day": d.day,
                "year": d.year,
            }
            for d in person.dates
        ],
        t.person_aliases: [
            {"person_id": person_id, "name": name, "name_key": key}
            for key, name in {name_key(n): n for n in reversed(person.aliases)}.items()
            if key and key != name_key(person.display_name)
        ],
    }


def _person_from_row(row: Any) -> Person:
    return Person(
        id=row["id"],
        display_name=row["display_name"],
        pronouns=row["pronouns"],
        credentials=row["credentials"],
        given_name=row["given_name"],
        family_name=row["family_name"],
        location=row["location"],
        notes=row["notes"],
        met=HowWeMet(row["met_on"], row["met_where"], row["met_context"], row["introduced_by_id"]),
        archived=row["archived"],
        created_at=from_db(row["created_at"]),
        last_contact_at=from_db(row["last_contact_at"]),
    )


def _org_from_row(row: Any) -> Organization:
    return Organization(row.org, row.title, row.start_on, row.end_on)


def _fill_facet(person: Person, row: Any) -> None:
    getattr(person, dict(_FACETS)[row.kind]).append(row.text)


_FILLERS: tuple[tuple[sa.Table, Any], ...] = (
    (t.person_emails, lambda p, r: p.emails.append(r.email)),
    (t.person_phones, lambda p, r: p.phones.append(r.phone)),
    (t.person_links, lambda p, r: p.links.append(r.url)),
    (t.person_orgs, lambda p, r: p.orgs.append(_org_from_row(r))),
    (t.person_tags, lambda p, r: p.tags.append(r.tag)),
    (t.person_facets, _fill_facet),
    (t.person_dates, lambda p, r: p.dates.append(ImportantDate(r.label, r.month, r.day, r.year))),
    (t.person_aliases, lambda p, r: p.aliases.append(r.name)),
)
