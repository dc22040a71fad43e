"""Two people made one: the kept person's profile, completed from the other's."""

from __future__ import annotations

from dataclasses import replace

from kith.core.naming import name_key
from kith.core.people import Person


def combined(kept: Person, other: Person, other_name: bool = False) -> Person:
    """`kept` with what only `other` has: list values added, empty fields filled, notes
    joined (nothing of either is lost); with `other_name`, named as `other` is. The name not
    kept stays as an alias."""
    merged = replace(kept, aliases=list(kept.aliases))
    names = [kept.display_name, *kept.aliases, other.display_name, *other.aliases]
    merged.display_name = other.display_name if other_name else kept.display_name
    keys = {name_key(merged.display_name)}
    merged.aliases = []
    for name in names:
        if name_key(name) not in keys:
            keys.add(name_key(name))
            merged.aliases.append(name)
    for name in ("pronouns", "credentials"):
        if not getattr(merged, name):
            setattr(merged, name, getattr(other, name))
    for name in ("emails", "phones", "links", "tags", "interests", "needs", "offers"):
        values = list(getattr(kept, name))
        folded = {str(v).casefold() for v in values}
        values += [v for v in getattr(other, name) if str(v).casefold() not in folded]
        setattr(merged, name, values)
    merged.orgs = [*kept.orgs, *(o for o in other.orgs if o not in kept.orgs)]
    labels = {d.label for d in kept.dates}
    merged.dates = [*kept.dates, *(d for d in other.dates if d.label not in labels)]
    for name in ("given_name", "family_name", "location"):
        if not getattr(kept, name):
            setattr(merged, name, getattr(other, name))
    if other.notes.strip() and other.notes.strip() not in kept.notes:
        merged.notes = "\n\n".join(n for n in (kept.notes.strip(), other.notes.strip()) if n)
    if kept.met.is_empty():
        merged.met = replace(
            other.met,
            introduced_by_id=None
            if other.met.introduced_by_id == kept.id
            else other.met.introduced_by_id,
        )
    return merged
