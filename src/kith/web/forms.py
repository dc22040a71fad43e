"""Reading HTML forms into the arguments facade methods take (no rules decided here)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import Depends
from starlette.requests import Request

from kith.core.contact import ListField, org_text
from kith.core.people import ImportantDate, Me, Person

ME_LISTS = ("emails", "offers", "needs", "goals")


def lines(text: str | None) -> list[str]:
    """Non-empty lines of a textarea, stripped."""
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def date_text(day: ImportantDate) -> str:
    """An important date as `--date` takes it: LABEL=DATE."""
    return f"{day.label}={day.iso().removeprefix('--')}"


def list_texts(person: Person) -> dict[ListField, list[str]]:
    """Each of a person's lists as the lines an edit form shows."""
    texts: dict[ListField, list[str]] = {}
    for list_field in ListField:
        values = getattr(person, list_field.attribute)
        if list_field is ListField.ORG:
            texts[list_field] = [org_text(o) for o in values]
        elif list_field is ListField.DATE:
            texts[list_field] = [date_text(d) for d in values]
        else:
            texts[list_field] = [str(v) for v in values]
    return texts


def list_changes(
    before: dict[ListField, list[str]], form: dict[str, str]
) -> tuple[dict[ListField, list[str]], dict[ListField, list[str]]]:
    """(values to add, values to remove) from the edit form's one-per-line textareas."""
    add: dict[ListField, list[str]] = {}
    remove: dict[ListField, list[str]] = {}
    for list_field in ListField:
        if list_field.value not in form:
            continue
        old, new = before.get(list_field, []), lines(form[list_field.value])
        if gone := [v for v in old if v not in new]:
            remove[list_field] = gone
        if added := [v for v in new if v not in old]:
            add[list_field] = added
    return add, remove


def new_values(form: dict[str, str]) -> dict[ListField, list[str]]:
    """List values of the add-a-person form (one per line)."""
    return {f: lines(form[f.value]) for f in ListField if lines(form.get(f.value))}


SCALAR_FIELDS = (
    "given_name", "family_name", "location", "notes", "met_context", "met_where", "met_on",
    "introduced_by",
)  # fmt: skip


def scalar_fields(form: dict[str, str], keep_empty: bool) -> dict[str, Any]:
    """Scalar person fields from a form; empty ones are left out unless `keep_empty`
    (an edit clears a text field by emptying it; dates and introducers are only set)."""
    fields: dict[str, Any] = {}
    for name in SCALAR_FIELDS:
        if name not in form:
            continue
        value = form[name].strip()
        if value or (keep_empty and name not in ("met_on", "introduced_by")):
            fields[name] = value
    return fields


def me_changes(me: Me, form: dict[str, str]) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """(add, remove) for `update_me` from the profile form's textareas."""
    add: dict[str, list[str]] = {}
    remove: dict[str, list[str]] = {}
    for attribute in ME_LISTS:
        if attribute not in form:
            continue
        old, new = getattr(me, attribute), lines(form[attribute])
        if gone := [v for v in old if v not in new]:
            remove[attribute] = gone
        if added := [v for v in new if v not in old]:
            add[attribute] = added
    return add, remove


async def form_of(request: Request) -> dict[str, str]:
    """A submitted form as plain strings (repeated fields joined by newlines); a
    dependency (`Fields`), so the routes themselves stay plain functions that run in the
    thread pool instead of blocking the event loop while the facade works."""
    data = await request.form()
    out: dict[str, str] = {}
    for key, value in data.multi_items():
        if isinstance(value, str):
            out[key] = f"{out[key]}\n{value}" if key in out else value
    return out


Fields = Annotated[dict[str, str], Depends(form_of)]


def local_path(target: str | None, default: str = "/") -> str:
    """`target` when it is a path on this site (never another host), else `default`."""
    if target and target.startswith("/") and target[1:2] not in ("/", "\\"):
        return target
    return default
