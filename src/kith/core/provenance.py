"""What an import may change in a person, given where each field came from and how fresh.

The rules, so that re-imports never undo the user's work and an old source never
overrides a newer one:
- a field the user edited by hand (`kith edit`) is never touched again by an import;
- a single-valued field is filled when empty, and replaced only while it still holds
  what an earlier import put there (a value typed by the user is kept) and only by
  evidence at least as fresh (`as_of`: a LinkedIn export's date, a vCard's REV, a
  message's date, the file's time as the last resort);
- a name is never replaced by the same name spelt poorer (without its accents, in one
  case) or by a nickname of it; the formal name replaces a nickname; a name not taken
  stays as an alias, and so does a name replaced (a name before a marriage);
- list values (emails, phones, links, tags) are only ever added, and a value the user
  removed is not brought back;
- notes are only ever appended to, never replaced or deleted;
- a fresher organization or title ends the old position (kept, with an end date) and
  becomes the current one: a job change; an older one is kept as a past position.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, datetime
from typing import Any

from kith.core.naming import Relation, formal, name_key, name_keys, relate
from kith.core.people import ImportantDate, Organization, Person

SCALARS = ("display_name", "birthday", "met", "pronouns", "credentials")
LISTS = ("emails", "phones", "links", "tags")
FIELDS = (*SCALARS, "org", *LISTS, "notes")
INFERRED = "mail-domain"  # the source of an organization read off a work address


@dataclass(frozen=True)
class FieldSource:
    """A field's provenance: the value as last imported, whether the user edited it, which
    source gave it and when that source said it."""

    value: Any = None
    user_edited: bool = False
    source: str = ""
    as_of: datetime | None = None


@dataclass
class Applied:
    """A person after an import: the fields it changed, the fields whose value is now the
    record's (changed or already equal: their provenance is the record's), names kept as
    aliases, and a job change if one."""

    person: Person
    changed: set[str] = field(default_factory=set)
    taken: set[str] = field(default_factory=set)
    job_change: str = ""  # e.g. "now CTO, Initech"


def apply_import(
    person: Person,
    values: dict[str, Any],
    sources: dict[str, FieldSource],
    today: date,
    as_of: datetime | None = None,
) -> Applied:
    """`person` with an import's `values` (see FIELDS; JSON-able), said by its source at
    `as_of`, applied by the rules."""
    result = Applied(replace(person, aliases=list(person.aliases)))
    for name in FIELDS:
        value = values.get(name)
        source = sources.get(name, FieldSource())
        if _empty(value) or (source.user_edited and name not in LISTS):
            continue
        if name in LISTS:
            _add_values(result, name, list(value or []), source)
        elif name == "notes":
            _append_notes(result, str(value))
        elif name == "org":
            _set_org(result, list(value or []), source, as_of, today)
        elif name == "display_name":
            _set_name(result, str(value), source, as_of)
        else:
            _set_scalar(result, name, value, source, as_of)
    return result


def _empty(value: Any) -> bool:
    return value is None or value == "" or value == [] or value == ["", ""]


def fresher(as_of: datetime | None, source: FieldSource) -> bool:
    """True when evidence of `as_of` is at least as fresh as what gave the field now (an
    unknown date is the oldest)."""
    if source.as_of is None:
        return True
    return as_of is not None and as_of >= source.as_of


def _replaceable(current: Any, source: FieldSource, as_of: datetime | None) -> bool:
    """The field still holds what an import put there, and this evidence is fresher."""
    return source.value is not None and current == source.value and fresher(as_of, source)


def _set_scalar(
    result: Applied, name: str, value: Any, source: FieldSource, as_of: datetime | None
) -> None:
    current = scalar_value(result.person, name)
    if current == value:
        result.taken.add(name)
        return
    if _empty(current) or _replaceable(current, source, as_of):
        _write_scalar(result.person, name, value)
        result.changed.add(name)
        result.taken.add(name)


def _set_name(result: Applied, value: str, source: FieldSource, as_of: datetime | None) -> None:
    person = result.person
    current = person.display_name
    if current == value:
        result.taken.add("display_name")
        return
    if better_name(value, current, source, as_of):
        alias(person, current)
        person.display_name = value
        result.changed.add("display_name")
        result.taken.add("display_name")
    else:
        alias(person, value)


def better_name(value: str, current: str, source: FieldSource, as_of: datetime | None) -> bool:
    """Whether `value` (said at `as_of`) should replace the display name `current` (which
    `source` gave): a richer spelling, the formal name over a nickname, fresher evidence."""
    if not current.strip():
        return True
    relation = relate(name_keys(value), name_keys(current))
    if relation is Relation.SAME:  # case, accents, transliteration: keep the richer spelling
        return _richness(value) > _richness(current)
    if relation is Relation.NICKNAME:  # the formal name over a nickname, whatever the date
        return formal(name_key(value).split()[0], name_key(current).split()[0])
    return _replaceable(current, source, as_of)


def _richness(name: str) -> tuple[int, int, int]:
    """How much a spelling of a name keeps: its accented letters, its words in mixed case,
    then capitals inside words (DiMaggio over Dimaggio, restored from ALL CAPS)."""
    words = name.split()
    accents = sum(1 for c in name if not c.isascii() and c.isalpha())
    mixed = [w for w in words if w[:1].isupper() and not w.isupper()]
    inner = sum(1 for w in mixed for c in w[1:] if c.isupper())
    return accents, len(mixed), inner


def alias(person: Person, name: str) -> None:
    """Keep `name` as another name of the person, unless it is theirs already."""
    key = name_key(name)
    known = {name_key(person.display_name), *(name_key(a) for a in person.aliases)}
    if key and key not in known:
        person.aliases.append(name)


def scalar_value(person: Person, name: str) -> Any:
    """A single-valued field in the JSON-able form imports give it."""
    if name == "display_name":
        return person.display_name
    if name in ("pronouns", "credentials"):
        return getattr(person, name)
    if name == "birthday":
        found = next((d for d in person.dates if d.label == "birthday"), None)
        return found.iso() if found else ""
    met = person.met
    return [met.when.isoformat() if met.when else None, met.where] if not met.is_empty() else None


def _write_scalar(person: Person, name: str, value: Any) -> None:
    if name in ("display_name", "pronouns", "credentials"):
        setattr(person, name, value)
    elif name == "birthday":
        others = [d for d in person.dates if d.label != "birthday"]
        person.dates = [*others, birthday(value)]
    else:
        when, where = value
        person.met = replace(
            person.met, when=date.fromisoformat(when) if when else None, where=where
        )


def birthday(iso: str) -> ImportantDate:
    """A birthday from "YYYY-MM-DD" or year-less "--MM-DD"."""
    if iso.startswith("--"):
        month, day = iso[2:].split("-")
        return ImportantDate("birthday", int(month), int(day))
    moment = date.fromisoformat(iso)
    return ImportantDate("birthday", moment.month, moment.day, moment.year)


def _add_values(result: Applied, name: str, values: list[str], source: FieldSource) -> None:
    current: list[str] = getattr(result.person, name)
    seen = {v.casefold() for v in current}
    removed = {str(v).casefold() for v in source.value or []} if source.user_edited else set()
    fresh = [v for v in values if v.casefold() not in seen and v.casefold() not in removed]
    if not source.user_edited:  # the user's own list keeps its mark and what they removed
        result.taken.add(name)
    if fresh:
        setattr(result.person, name, [*current, *dict.fromkeys(fresh)])
        result.changed.add(name)


def _append_notes(result: Applied, text: str) -> None:
    notes = result.person.notes
    result.taken.add("notes")
    if text.strip() and text.strip() not in notes:
        result.person.notes = f"{notes}\n\n{text.strip()}" if notes.strip() else text.strip()
        result.changed.add("notes")


def current_org(person: Person) -> list[str] | None:
    """The current position as imports give it: [organization, title]."""
    found = person.current_orgs()
    return [found[0].name, found[0].title] if found else None


def _set_org(
    result: Applied,
    value: list[str],
    source: FieldSource,
    as_of: datetime | None,
    today: date,
) -> None:
    person = result.person
    org, title = value[0].strip(), value[1].strip()
    current = current_org(person)
    if not org:
        return
    if current is not None and name_key(current[0]) == name_key(org) and current[1] == title:
        result.taken.add("org")
        return
    if current is not None and (source.value is None or current != source.value):
        return  # the user's own entry, or one they changed: keep it
    if current is not None and not fresher(as_of, source):
        if _past_position(person, org, title, source.as_of):
            result.changed.add("org")
        return
    positions = list(person.orgs)
    if current is not None:
        old = person.current_orgs()[0]
        ended = as_of.date() if as_of is not None else today
        positions[positions.index(old)] = replace(old, end=min(ended, today))
        moved = name_key(old.name) != name_key(org) or old.title != title
        if moved and source.source != INFERRED:
            result.job_change = f"now {Organization(org, title).label()}"
    positions = [p for p in positions if p.current or name_key(p.name) != name_key(org)]
    person.orgs = [Organization(org, title), *positions]
    result.changed.add("org")
    result.taken.add("org")


def _past_position(person: Person, org: str, title: str, until: datetime | None) -> bool:
    """An older source's organization: a position they held before (ended by the time the
    fresher source said otherwise), if not known yet. True if added."""
    if until is None or any(name_key(p.name) == name_key(org) for p in person.orgs):
        return False
    person.orgs = [*person.orgs, Organization(org, title, end=until.date())]
    return True


def edited_fields(before: Person, after: Person) -> set[str]:
    """The tracked fields a hand edit changed, to be marked as the user's own."""
    changed = {n for n in SCALARS if scalar_value(before, n) != scalar_value(after, n)}
    changed |= {n for n in LISTS if getattr(before, n) != getattr(after, n)}
    if before.orgs != after.orgs:
        changed.add("org")
    if before.notes != after.notes:
        changed.add("notes")
    return changed


def met_value(when: date | None, how: str) -> list[Any] | None:
    """The "met" field's imported form."""
    return [when.isoformat() if when else None, how] if when or how else None
