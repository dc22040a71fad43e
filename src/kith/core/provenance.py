"""What an import may change in a person, given where each field came from.

The rules, so that re-imports never undo the user's work:
- a field the user edited by hand (`kith edit`) is never touched again by an import;
- a single-valued field is filled when empty, and replaced only while it still holds
  exactly what an earlier import put there (a value typed by the user is kept);
- list values (emails, phones, links, tags) are only ever added, and a value the user
  removed is not brought back;
- notes are only ever appended to, never replaced or deleted;
- a new organization or title ends the old position (kept, with an end date) and
  becomes the current one: a job change.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from kith.core.naming import name_key
from kith.core.people import ImportantDate, Organization, Person

SCALARS = ("display_name", "birthday", "met")
LISTS = ("emails", "phones", "links", "tags")
FIELDS = (*SCALARS, "org", *LISTS, "notes")


@dataclass(frozen=True)
class FieldSource:
    """A field's provenance: the value as last imported, and whether the user edited it."""

    value: Any = None
    user_edited: bool = False
    source: str = ""


@dataclass
class Applied:
    """A person after an import, which fields it changed, and a job change if one."""

    person: Person
    changed: set[str] = field(default_factory=set)
    job_change: str = ""  # e.g. "now CTO, Initech"


def apply_import(
    person: Person, values: dict[str, Any], sources: dict[str, FieldSource], today: date
) -> Applied:
    """`person` with an import's `values` (see FIELDS; JSON-able) applied by the rules."""
    result = Applied(replace(person))
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
            _set_org(result, list(value or []), source, today)
        else:
            _set_scalar(result, name, value, source)
    return result


def _empty(value: Any) -> bool:
    return value is None or value == "" or value == [] or value == ["", ""]


def _set_scalar(result: Applied, name: str, value: Any, source: FieldSource) -> None:
    current = scalar_value(result.person, name)
    if current == value:
        return
    if _empty(current) or (source.value is not None and current == source.value):
        _write_scalar(result.person, name, value)
        result.changed.add(name)


def scalar_value(person: Person, name: str) -> Any:
    """A single-valued field in the JSON-able form imports give it."""
    if name == "display_name":
        return person.display_name
    if name == "birthday":
        found = next((d for d in person.dates if d.label == "birthday"), None)
        return found.iso() if found else ""
    met = person.met
    return [met.when.isoformat() if met.when else None, met.where] if not met.is_empty() else None


def _write_scalar(person: Person, name: str, value: Any) -> None:
    if name == "display_name":
        person.display_name = value
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
    if fresh:
        setattr(result.person, name, [*current, *dict.fromkeys(fresh)])
        result.changed.add(name)


def _append_notes(result: Applied, text: str) -> None:
    notes = result.person.notes
    if text.strip() and text.strip() not in notes:
        result.person.notes = f"{notes}\n\n{text.strip()}" if notes.strip() else text.strip()
        result.changed.add("notes")


def current_org(person: Person) -> list[str] | None:
    """The current position as imports give it: [organization, title]."""
    found = person.current_orgs()
    return [found[0].name, found[0].title] if found else None


def _set_org(result: Applied, value: list[str], source: FieldSource, today: date) -> None:
    person = result.person
    org, title = value[0].strip(), value[1].strip()
    current = current_org(person)
    if current is not None and name_key(current[0]) == name_key(org) and current[1] == title:
        return
    if current is not None and (source.value is None or current != source.value):
        return  # the user's own entry, or one they changed: keep it
    if not org:
        return
    positions = list(person.orgs)
    if current is not None:
        old = person.current_orgs()[0]
        positions[positions.index(old)] = replace(old, end=today)
        result.job_change = f"now {Organization(org, title).label()}"
    person.orgs = [Organization(org, title), *positions]
    result.changed.add("org")


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
