"""Validating and normalizing what people type into a profile: emails, phones, orgs, dates."""

from __future__ import annotations

import re
from datetime import date
from enum import StrEnum
from typing import Any

from kith.core.naming import name_key
from kith.core.people import ImportantDate, Organization
from kith.core.phones import phone_key
from kith.errors import InvalidInput

_NOT_IN_EMAIL = r"@\s<>(),;:\"\[\]\\\x00-\x1f\x7f"
# Used with fullmatch: `$` would let a trailing newline through. The domain has no empty label.
_EMAIL = re.compile(rf"[^{_NOT_IN_EMAIL}]+@[^{_NOT_IN_EMAIL}.]+(?:\.[^{_NOT_IN_EMAIL}.]+)+")
_PARTIAL_DATE = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?\Z")
_MONTH_DAY = re.compile(r"^(?:--)?(\d{1,2})-(\d{1,2})\Z")


class ListField(StrEnum):
    """The list-valued parts of a person, as `--email`, `--org`, … name them."""

    EMAIL = "email"
    PHONE = "phone"
    LINK = "link"
    ORG = "org"
    TAG = "tag"
    INTEREST = "interest"
    NEED = "need"
    OFFER = "offer"
    DATE = "date"

    @property
    def attribute(self) -> str:
        """The Person attribute holding this list."""
        return {ListField.ORG: "orgs", ListField.DATE: "dates"}.get(self, self.value + "s")


def parse_value(field: ListField, raw: str | Organization, region: str | None = None) -> Any:
    """Turn one typed value into what the Person keeps, or say why it can't be. An
    organization may come as its fields (an `Organization`) or as `org_text` writes it."""
    if isinstance(raw, Organization):
        return check_org(raw)
    text = raw.strip()
    if not text:
        raise InvalidInput(
            f"An empty {field.value} was given.",
            "Give a value or leave it out.",
            field=field.value,
        )
    if field is ListField.EMAIL:
        return normalize_email(text)
    if field is ListField.PHONE:
        return normalize_phone(text, region)
    if field is ListField.LINK:
        return normalize_link(text)
    if field is ListField.ORG:
        return parse_org(text)
    if field is ListField.TAG:
        return normalize_tag(text)
    if field is ListField.DATE:
        return parse_important_date(text)
    return text


def normalize_email(text: str) -> str:
    """An address as typed, checked strictly (one @, a dotted domain, no display name)."""
    if not _EMAIL.fullmatch(text):
        raise InvalidInput(f"'{text}' is not an email address.", "Use the form name@example.com.")
    return text


def normalize_phone(text: str, region: str | None) -> str:
    """E.164 when the number can be read (with a + or a default region), else as typed."""
    if not re.search(r"\d{3}", text):
        raise InvalidInput(f"'{text}' is not a phone number.", "Use e.g. +351 912 345 678.")
    return phone_key(text, region) or text


def normalize_link(text: str) -> str:
    """A web link with a scheme; only http(s) is kept, so nothing else ever becomes a link."""
    if re.search(r"[\s\x00-\x1f\x7f]", text) or re.fullmatch(r"(?i)(https?:)?/*", text):
        raise InvalidInput(f"'{text}' is not a web link.", "Use an http:// or https:// address.")
    if re.match(r"^[a-z][a-z0-9+.-]*:", text, re.IGNORECASE) and not re.match(
        r"^https?://", text, re.IGNORECASE
    ):
        raise InvalidInput(f"'{text}' is not a web link.", "Use an http:// or https:// address.")
    if re.match(r"^https?://", text, re.IGNORECASE):
        return text
    return "https://" + text.lstrip("/")  # "//x.com" is scheme-relative


def normalize_tag(text: str) -> str:
    """Casefolded, with runs of spaces as one hyphen ("Open  Source" -> "open-source")."""
    return "-".join(text.casefold().split())


def check_org(org: Organization) -> Organization:
    """An organization given by its fields, checked: a name, and no end before the start."""
    name, title = org.name.strip(), org.title.strip()
    if not name:
        raise InvalidInput("An organization needs a name.", "Give the organization's name.")
    if org.start and org.end and org.end < org.start:
        raise InvalidInput(f"At {name} the end comes before the start.", "Swap the dates.")
    return Organization(name, title, org.start, org.end)


def org_text(org: Organization) -> str:
    """An organization as one line of text, the form `parse_org` reads back:
    ORG[:TITLE[:START[:END]]], a colon inside a name or title written `\\:`."""
    parts = [_escaped(org.name), _escaped(org.title), org.start.isoformat() if org.start else ""]
    parts.append(org.end.isoformat() if org.end else "")
    return ":".join(parts).rstrip(":")


def _escaped(text: str) -> str:
    return text.replace("\\", "\\\\").replace(":", "\\:")


def _org_parts(spec: str) -> list[str]:
    r"""The colon-separated parts of `spec`: `\:` is a colon kept, `\\` a backslash."""
    parts = [p.strip() for p in re.split(r"(?<!\\)((?:\\\\)*):", spec)]
    # re.split keeps the captured backslash pairs: glue them back onto the part before.
    joined = [parts[0]] + [""] * (len(parts) // 2)
    for i in range(1, len(parts), 2):
        joined[i // 2] += parts[i]
        joined[i // 2 + 1] = parts[i + 1]
    return [re.sub(r"\\([\\:])", r"\1", p).strip() for p in joined]


def parse_org(spec: str) -> Organization:
    """ "Acme", "Acme:CTO", "Acme:CTO:2021-03" or "Acme:CTO:2019:2023-06" (start, end);
    "Acme\\: Labs:CTO" for a name with a colon in it."""
    parts = _org_parts(spec)
    if not parts[0] or len(parts) > 4:
        raise InvalidInput(
            f"'{spec}' is not an organization.",
            "Use ORG[:TITLE[:START[:END]]], e.g. Acme:CTO:2021.",
        )
    start = _partial_date(parts[2], spec) if len(parts) > 2 and parts[2] else None
    end = _partial_date(parts[3], spec) if len(parts) > 3 and parts[3] else None
    if start and end and end < start:
        raise InvalidInput(f"In '{spec}' the end comes before the start.", "Swap the dates.")
    return Organization(parts[0], parts[1] if len(parts) > 1 else "", start, end)


def _partial_date(text: str, spec: str) -> date:
    match = _PARTIAL_DATE.match(text)
    try:
        if match:
            return date(int(match[1]), int(match[2] or 1), int(match[3] or 1))
    except ValueError:
        pass
    raise InvalidInput(f"'{text}' in '{spec}' is not a date.", "Use YYYY, YYYY-MM or YYYY-MM-DD.")


def parse_important_date(spec: str) -> ImportantDate:
    """ "birthday=1985-03-01", "birthday=03-01" or "anniversary=--06-12" (label=date)."""
    label, sep, value = spec.partition("=")
    if not sep or not label.strip():
        raise InvalidInput(
            f"'{spec}' is not an important date.", "Use LABEL=DATE, e.g. birthday=1985-03-01."
        )
    return important_date(label.strip(), value.strip())


def important_date(label: str, value: str) -> ImportantDate:
    """A yearly date from YYYY-MM-DD, MM-DD or --MM-DD."""
    full = _PARTIAL_DATE.match(value)
    short = _MONTH_DAY.match(value)
    try:
        if full and full[3]:
            day = date(int(full[1]), int(full[2]), int(full[3]))
            return ImportantDate(label, day.month, day.day, day.year)
        if short:
            date(2000, int(short[1]), int(short[2]))  # a leap year admits 02-29
            return ImportantDate(label, int(short[1]), int(short[2]))
    except ValueError:
        pass
    raise InvalidInput(f"'{value}' is not a date for {label}.", "Use YYYY-MM-DD or MM-DD.")


def same_value(field: ListField, kept: Any, typed: str | Organization) -> bool:
    """Whether a kept value is the one a user names when removing it: an organization by
    its name (and title, when given as fields)."""
    if isinstance(typed, Organization):
        return bool(
            field is ListField.ORG
            and name_key(kept.name) == name_key(typed.name)
            and kept.title.casefold() == typed.title.strip().casefold()
        )
    if field is ListField.ORG:
        return bool(name_key(kept.name) == name_key(_org_parts(typed)[0]))
    if field is ListField.DATE:
        return bool(kept.label.casefold() == typed.split("=")[0].strip().casefold())
    typed = typed.strip()
    if field is ListField.PHONE and re.search(r"\d", typed):
        return _digits(str(kept)) == _digits(typed)  # "+351 912 345 678" is "+351912345678"
    if field is ListField.LINK:
        try:
            typed = normalize_link(typed)  # "x.com/ana" was kept as "https://x.com/ana"
        except InvalidInput:
            return False
    if field is ListField.TAG:
        typed = normalize_tag(typed)
    return bool(str(kept).casefold() == typed.casefold())


def _digits(text: str) -> str:
    return "".join(c for c in text if c.isdigit())
