"""Contacts CSV: Google Contacts (current and legacy), Outlook (desktop and outlook.com),
Thunderbird, and Kith's own export, told apart by their header.

Every layout is read through one table of column roles: a column is a name part, an
email, a phone, a link, the organization, the job title, the birthday, notes or tags by
its header (`E-mail 1 - Value`, `E-mail 2 Address`, `Primary Email`, `Email Home` are all
emails); type and label columns are left out, anything else is kept in `extra`. Cells
holding several values (Google's ` ::: `) are split. Kith's own CSV is read by its exact
columns, with the spreadsheet guard removed (see kith.export.csv).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date

from kith.export.csv import COLUMNS as KITH_COLUMNS
from kith.export.csv import SEPARATOR, phone_from_cell, unguard
from kith.importers.records import ContactRecord, Origin, ParseContext, Problem, Record
from kith.importers.text import Line, Row, csv_rows, decode_head, open_lines

_SKIP = re.compile(r"\b(type|label|yomi|phonetic|kind)\b|display name|^$")
_EMAIL = re.compile(r"e-?mail")
_PHONE = re.compile(r"\b(phone|mobile|fax|pager|cell|telephone|tel|isdn)\b")
_LINK = re.compile(r"\b(web|website|url|homepage|home page|web page)\b")
_ROLES = {
    "name": "name",
    "display name": "name",
    "full name": "name",
    "first name": "given",
    "given name": "given",
    "middle name": "middle",
    "additional name": "middle",
    "last name": "family",
    "family name": "family",
    "surname": "family",
    "company": "org",
    "organization": "org",
    "organisation": "org",
    "organization 1 - name": "org",
    "organization name": "org",
    "job title": "title",
    "organization 1 - title": "title",
    "organization title": "title",
    "notes": "notes",
    "note": "notes",
    "birthday": "birthday",
    "categories": "tags",
    "group membership": "tags",
    "labels": "tags",
    "birth year": "birth_year",
    "birth month": "birth_month",
    "birth day": "birth_day",
}
_SYSTEM_GROUPS = frozenset({"mycontacts", "my contacts"})
_MULTI = ("emails", "phones", "links", "tags")


@dataclass(frozen=True)
class Layout:
    """A header read: which layout it is and each column's role."""

    name: str  # google, google-legacy, outlook, outlook.com, thunderbird, kith, generic
    roles: tuple[str, ...]
    header: tuple[str, ...]


def layout_of(header: Sequence[str]) -> Layout | None:
    """The layout a CSV header belongs to, or None when it is not a contacts CSV."""
    cells = tuple(cell.strip().lstrip("\ufeff") for cell in header)
    lowered = [cell.lower() for cell in cells]
    if "kith id" in lowered and "name" in lowered:
        return Layout("kith", tuple(_kith_role(cell) for cell in cells), cells)
    if "connected on" in lowered:
        return None  # LinkedIn's Connections.csv: read by the LinkedIn importer
    roles = tuple(_role(cell) for cell in lowered)
    if not set(roles) & {"name", "given", "family", "emails", "org"}:
        return None
    return Layout(_layout_name(lowered), roles, cells)


def _layout_name(lowered: list[str]) -> str:
    if "e-mail 1 - value" in lowered:
        return "google-legacy" if "given name" in lowered else "google"
    if "e-mail address" in lowered:
        return "outlook" if lowered[0] == "title" else "outlook.com"
    if "primary email" in lowered:
        return "thunderbird"
    return "generic"


def _role(header: str) -> str:
    if header in _ROLES:
        return _ROLES[header]
    if _SKIP.search(header):
        return "skip"
    if _EMAIL.search(header):
        return "emails"
    if _PHONE.search(header):
        return "phones"
    if _LINK.search(header):
        return "links"
    return "extra"


_KITH_ROLES = {
    "Kith ID": "id",
    "Name": "name",
    "Emails": "emails",
    "Phones": "phones",
    "Links": "links",
    "Organization": "org",
    "Title": "title",
    "Birthday": "birthday",
    "Tags": "tags",
    "Met On": "met_on",
    "How We Met": "met_how",
    "Notes": "notes",
}


def _kith_role(header: str) -> str:
    return _KITH_ROLES.get(header, "extra" if header in KITH_COLUMNS else "skip")


def sniff(head: bytes, name: str) -> bool:
    """True when the first line is the header of a contacts CSV this module reads."""
    del name
    first = decode_head(head).lstrip("\ufeff").split("\n", 1)[0]
    rows = list(csv_rows([Line(1, first.rstrip("\r"))]))
    return bool(rows) and not rows[0].problem and layout_of(rows[0].cells) is not None


def parse(path: str, context: ParseContext) -> Iterator[Record]:
    """Contacts of a Google, Outlook, Thunderbird or Kith CSV file, one per row."""
    del context
    yield from parse_lines(open_lines(path), path)


def parse_lines(lines: Iterable[Line], path: str) -> Iterator[Record]:
    """Contacts from the lines of one CSV file; `path` names it in origins."""
    rows = csv_rows(lines)
    header = next((row for row in rows if row.problem or any(c.strip() for c in row.cells)), None)
    if header is None or header.problem:
        yield Problem(Origin(path, "line 1"), "The file has no CSV header.")
        return
    layout = layout_of(header.cells)
    if layout is None:
        reason = "The header is not one of a contacts CSV (Google, Outlook, Thunderbird or Kith)."
        yield Problem(Origin(path, f"line {header.number}"), reason)
        return
    for row in rows:
        origin = Origin(path, f"line {row.number}")
        if row.problem:
            yield Problem(origin, row.problem)
        elif any(cell.strip() for cell in row.cells):
            yield _contact(row, layout, origin)


@dataclass
class _Values:
    single: dict[str, str] = field(default_factory=dict)
    multi: dict[str, list[str]] = field(default_factory=dict)
    extra: dict[str, str] = field(default_factory=dict)


def _contact(row: Row, layout: Layout, origin: Origin) -> Record:
    values = _collect(row, layout)
    one = values.single
    given = " ".join(one.get(part, "") for part in ("given", "middle", "family")).split()
    emails, phones = values.multi.get("emails", []), values.multi.get("phones", [])
    name = one.get("name") or " ".join(given) or one.get("org") or next(iter(emails + phones), "")
    if not name:
        return Problem(origin, "The row has no name, organization, email or phone.")
    if layout.name == "kith":
        phones = [phone_from_cell(phone) for phone in phones]
    return ContactRecord(
        key=_key(one.get("id", ""), name, emails, phones),
        origin=origin,
        name=name,
        emails=tuple(emails),
        phones=tuple(phones),
        links=tuple(sorted(values.multi.get("links", []), key=_not_linkedin)),
        organization=one.get("org", ""),
        title=one.get("title", ""),
        birthday=_birthday(one),
        notes=one.get("notes", ""),
        tags=tuple(_tags(values.multi.get("tags", []))),
        met_on=_iso_date(one.get("met_on", "")),
        met_how=one.get("met_how", ""),
        extra=values.extra,
    )


def _collect(row: Row, layout: Layout) -> _Values:
    values = _Values()
    for header, role, raw in zip(layout.header, layout.roles, row.cells, strict=False):
        cell = (unguard(raw) if layout.name == "kith" else raw).strip()
        if not cell or role == "skip":
            continue
        if role in _MULTI:
            parts = (part.strip() for part in cell.split(SEPARATOR.strip()))
            values.multi.setdefault(role, []).extend(p for p in parts if p)
        elif role == "extra":
            values.extra[header] = cell
        elif role not in values.single:
            values.single[role] = cell
    return values


def _key(kith_id: str, name: str, emails: list[str], phones: list[str]) -> str:
    if kith_id:
        return f"kith:person:{kith_id}"
    identity = "\x1f".join([name.casefold(), *sorted(e.casefold() for e in emails), *phones])
    return "csv:sha1:" + hashlib.sha1(identity.encode("utf-8")).hexdigest()[:20]


def _not_linkedin(url: str) -> bool:
    return "linkedin.com/" not in url.lower()


def _tags(tags: list[str]) -> Iterator[str]:
    seen: set[str] = set()
    for tag in (part for tags_cell in tags for part in tags_cell.split(";")):
        tag = tag.removeprefix("* ").strip()
        folded = tag.casefold()
        if tag and folded not in _SYSTEM_GROUPS and folded not in seen:
            seen.add(folded)
            yield tag


_ISO = re.compile(r"^(\d{4}|-)-(\d{1,2})-(\d{1,2})")
_SLASHED = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{2}|\d{4})\b")


def _birthday(one: dict[str, str]) -> str:
    if "birthday" in one:
        return csv_date(one["birthday"])
    parts = (one.get("birth_year", ""), one.get("birth_month", ""), one.get("birth_day", ""))
    if parts[1].isdigit() and parts[2].isdigit():
        year = parts[0] if parts[0].isdigit() else "-"
        return csv_date(f"{year}-{parts[1]}-{parts[2]}")
    return ""


def csv_date(text: str) -> str:
    """A CSV date as "YYYY-MM-DD" or "--MM-DD", or "" when it is none.

    Reads ISO (`1975-12-12`, `--12-12`) and slashed dates: month first as Outlook writes
    them (`1/20/1991`) unless the first number cannot be a month (`20/01/1991`).
    """
    text = text.strip()
    iso = _ISO.match(text)
    if iso:
        year = None if iso.group(1) == "-" else int(iso.group(1))
        return _format(year, int(iso.group(2)), int(iso.group(3)))
    slashed = _SLASHED.match(text)
    if not slashed:
        return ""
    first, second, year_text = int(slashed.group(1)), int(slashed.group(2)), slashed.group(3)
    month, day = (second, first) if first > 12 else (first, second)
    year = int(year_text)
    if len(year_text) == 2:
        year += 1900 if year > 30 else 2000
    return _format(year, month, day) if year_text.strip("0") else ""


def _format(year: int | None, month: int, day: int) -> str:
    try:
        date(year or 2000, month, day)
    except ValueError:
        return ""
    return f"{year:04d}-{month:02d}-{day:02d}" if year else f"--{month:02d}-{day:02d}"


def _iso_date(text: str) -> date | None:
    try:
        return date.fromisoformat(text) if text else None
    except ValueError:
        return None
