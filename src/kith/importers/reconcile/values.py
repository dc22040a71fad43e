"""A contact record as the fields provenance works on, cleaned once; its fingerprint; and
records and people as JSON (kept in the review queue and in merge snapshots)."""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict
from datetime import date, datetime
from typing import Any

from kith.core.contact import normalize_email, normalize_link, normalize_tag
from kith.core.identity import keys_of
from kith.core.naming import clean_name
from kith.core.people import HowWeMet, ImportantDate, Organization, Person
from kith.core.phones import phone_key
from kith.core.provenance import FieldSource, birthday, met_value
from kith.errors import KithError
from kith.importers.records import ContactRecord, Origin


def contact_values(record: ContactRecord, region: str | None) -> dict[str, Any]:
    """A contact record as provenance fields (core/provenance.py FIELDS), cleaned: the name
    without its decoration (pronouns and credentials kept apart), phones in E.164."""
    name = clean_name(" ".join(record.name.split()))
    return {
        "display_name": name.name,
        "pronouns": name.pronouns,
        "credentials": name.credentials,
        "org": [record.organization.strip(), record.title.strip()]
        if record.organization.strip()
        else None,
        "emails": _valid(normalize_email, record.emails),
        "phones": list(
            dict.fromkeys(phone_key(p, region) or p.strip() for p in record.phones if p.strip())
        ),
        "links": _valid(normalize_link, record.links),
        "tags": _valid(normalize_tag, record.tags),
        "birthday": _birthday(record.birthday),
        "notes": record.notes.strip(),
        "met": met_value(record.met_on, record.met_how.strip()),
    }


def weak_name(values: dict[str, Any]) -> bool:
    """True when the record's name is only an address, a number or an organization (what
    parsers fall back to when a record has no name): it neither matches nor tells apart."""
    name = values["display_name"].strip().casefold()
    org = values["org"][0].strip().casefold() if values["org"] else ""
    stand_ins = {org} | {e.casefold() for e in values["emails"]}
    stand_ins |= {e.split("@")[0].casefold() for e in values["emails"]}
    return name in stand_ins or not any(c.isalpha() for c in name) or "@" in name


def keys_of_values(values: dict[str, Any], region: str | None) -> Any:
    """The exact keys of cleaned values."""
    return keys_of(values["emails"], values["phones"], values["links"], region)


def _valid(check: Any, values: tuple[str, ...]) -> list[str]:
    kept = []
    for value in values:
        try:
            kept.append(check(value.strip()))
        except KithError:
            continue
    return list(dict.fromkeys(kept))


def _birthday(text: str) -> str:
    try:
        return birthday(text).iso() if text else ""
    except ValueError:
        return ""


def digest(values: dict[str, Any]) -> str:
    """A record's fingerprint: an unchanged record is skipped on re-import."""
    return hashlib.sha256(json.dumps(values, sort_keys=True).encode()).hexdigest()[:32]


def record_json(record: ContactRecord) -> dict[str, Any]:
    """A contact record as JSON."""
    data = asdict(record)
    data["met_on"] = record.met_on.isoformat() if record.met_on else None
    data["as_of"] = record.as_of.isoformat() if record.as_of else None
    data["extra"] = dict(record.extra)
    return data


def record_from_json(data: dict[str, Any]) -> ContactRecord:
    values = dict(data)
    values["origin"] = Origin(**values["origin"])
    for name in ("emails", "phones", "links", "tags"):
        values[name] = tuple(values[name])
    values["met_on"] = date.fromisoformat(values["met_on"]) if values["met_on"] else None
    as_of = values.get("as_of")
    values["as_of"] = datetime.fromisoformat(as_of) if as_of else None
    return ContactRecord(**values)


def person_json(person: Person, sources: dict[str, FieldSource]) -> dict[str, Any]:
    """A person and their fields' provenance as JSON (what a merge of a record undoes to)."""
    data = asdict(person)
    for name in ("created_at", "last_contact_at"):
        data[name] = None
    data["met"]["when"] = person.met.when.isoformat() if person.met.when else None
    data["orgs"] = [{**asdict(o), "start": _iso(o.start), "end": _iso(o.end)} for o in person.orgs]
    data["sources"] = {
        name: {**asdict(s), "as_of": s.as_of.isoformat() if s.as_of else None}
        for name, s in sources.items()
    }
    return data


def person_from_json(data: dict[str, Any]) -> tuple[Person, dict[str, FieldSource]]:
    values = {k: v for k, v in data.items() if k != "sources"}
    met = dict(values["met"])
    met["when"] = date.fromisoformat(met["when"]) if met["when"] else None
    values["met"] = HowWeMet(**met)
    values["orgs"] = [
        Organization(o["name"], o["title"], _date(o["start"]), _date(o["end"]))
        for o in values["orgs"]
    ]
    values["dates"] = [ImportantDate(**d) for d in values["dates"]]
    sources = {
        name: FieldSource(
            s["value"],
            s["user_edited"],
            s["source"],
            datetime.fromisoformat(s["as_of"]) if s["as_of"] else None,
        )
        for name, s in data.get("sources", {}).items()
    }
    return Person(**values), sources


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def _date(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None
