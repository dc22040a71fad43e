"""Applying an edit to a person: scalar fields replaced, list values added or removed."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from kith.core.contact import ListField, same_value
from kith.core.naming import name_key
from kith.core.people import Organization, Person
from kith.errors import Do, Hint, InvalidInput


@dataclass
class PersonEdit:
    """What to change; None leaves a field as it is. Values are already parsed."""

    display_name: str | None = None
    given_name: str | None = None
    family_name: str | None = None
    location: str | None = None
    notes: str | None = None
    met_on: date | None = None
    met_where: str | None = None
    met_context: str | None = None
    introduced_by_id: int | None = None
    add: dict[ListField, list[Any]] = field(default_factory=dict)
    remove: dict[ListField, list[str | Organization]] = field(default_factory=dict)


def split_name(display_name: str) -> tuple[str, str]:
    """A best guess at given and family names from a display name ("Ana María Ruiz")."""
    words = display_name.split()
    if len(words) < 2:
        return display_name.strip(), ""
    return " ".join(words[:-1]), words[-1]


def new_person(display_name: str, edit: PersonEdit) -> Person:
    """A person built from a name and the same options an edit takes."""
    name = clean_name(display_name)
    given, family = split_name(name)
    return apply_edit(Person(name, given_name=given, family_name=family), edit)


def imported_person(display_name: str) -> Person:
    """A person named by a file: any name is theirs, digits too (a name from a file is never
    read as a reference; only typed names must not look like ids)."""
    name = " ".join(display_name.split())
    given, family = split_name(name)
    return Person(name, given_name=given, family_name=family)


def clean_name(text: str) -> str:
    name = " ".join(text.split())
    if not name:
        raise InvalidInput("A person needs a name.", Hint(Do.ADD_PERSON), field="name")
    if not name_key(name):
        raise InvalidInput(f"'{text}' is not a usable name.", "Use letters or digits.")
    if name.isdigit():
        raise InvalidInput(
            f"'{text}' is only digits, which Kith reads as an id.", "Give a name with letters."
        )
    return name


def apply_edit(person: Person, edit: PersonEdit) -> Person:
    """A copy of `person` with `edit` applied."""
    changed = replace(person, **_scalars(edit), met=_met(person, edit))
    if edit.display_name is not None and edit.given_name is None and edit.family_name is None:
        changed.given_name, changed.family_name = split_name(changed.display_name)
    for list_field in ListField:
        values = list(getattr(person, list_field.attribute))
        for typed in edit.remove.get(list_field, []):
            values = _without(list_field, values, typed)
        for value in edit.add.get(list_field, []):
            if not any(_same(kept, value) for kept in values):
                values.append(value)
        setattr(changed, list_field.attribute, values)
    return changed


def _same(kept: Any, value: Any) -> bool:
    if isinstance(kept, str) and isinstance(value, str):
        return kept.casefold() == value.casefold()
    return bool(kept == value)


def _without(list_field: ListField, values: list[Any], typed: str | Organization) -> list[Any]:
    kept = [v for v in values if not same_value(list_field, v, typed)]
    if len(kept) == len(values):
        named = typed.label() if isinstance(typed, Organization) else typed
        raise InvalidInput(
            f"There is no {list_field.value} '{named}' to remove.",
            Hint(Do.SHOW_PERSON),
            field=list_field.value,
            value=named,
        )
    return kept


def _scalars(edit: PersonEdit) -> dict[str, Any]:
    names = ("given_name", "family_name", "location", "notes")
    values = {n: getattr(edit, n).strip() for n in names if getattr(edit, n) is not None}
    if edit.display_name is not None:
        values["display_name"] = clean_name(edit.display_name)
    return values


def _met(person: Person, edit: PersonEdit) -> Any:
    met = person.met
    if edit.met_on is not None:
        met = replace(met, when=edit.met_on)
    if edit.met_where is not None:
        met = replace(met, where=edit.met_where.strip())
    if edit.met_context is not None:
        met = replace(met, context=edit.met_context.strip())
    if edit.introduced_by_id is not None:
        if edit.introduced_by_id == person.id:
            raise InvalidInput("Nobody introduced a person to themselves.", "Name someone else.")
        met = replace(met, introduced_by_id=edit.introduced_by_id)
    return met
