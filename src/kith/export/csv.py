"""People as CSV that is safe to open in a spreadsheet, and that Kith reads back exactly.

Spreadsheets run a cell that starts with `=`, `+`, `-` or `@` as a formula (tab and
carriage return too, in some), so such a cell is written with a leading apostrophe,
the usual neutraliser (`'=HYPERLINK(…)` shows as text). Spaces or apostrophes before one
of those characters count as well, so the guard cannot be stepped around, and reading
Kith's own CSV back removes exactly the apostrophe the guard added.

Phone numbers stay usable without the guard: an international number is written with
its country code in brackets, `(+44) 20 7946 0958`, which no spreadsheet reads as a
formula or a number, which people read and dial as is, and which Kith's CSV import turns
back into `+44 20 7946 0958`. A phone that cannot be parsed is written as stored, guarded.
Several values in one cell (emails, phones, links, tags) are separated by ` ::: `, as
Google Contacts does.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Iterator
from typing import TextIO

import phonenumbers

from kith.core.people import Person

COLUMNS = (
    "Kith ID",
    "Name",
    "Given Name",
    "Family Name",
    "Emails",
    "Phones",
    "Links",
    "Organization",
    "Title",
    "Birthday",
    "Tags",
    "Met On",
    "How We Met",
    "Where We Met",
    "Location",
    "Interests",
    "Needs",
    "Offers",
    "Notes",
)
SEPARATOR = " ::: "
_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
_BRACKETED = re.compile(r"^\(\+(\d{1,3})\)\s*(.*)$")
_ROWS_PER_CHUNK = 200


def needs_guard(cell: str) -> bool:
    """True when a spreadsheet could read the cell as a formula (or it looks guarded)."""
    if not cell or (cell[0] not in _TRIGGERS and cell[0] not in " '"):
        return False
    return cell.lstrip(" '")[:1] in _TRIGGERS


def guard(cell: str) -> str:
    """The cell with a leading apostrophe when a spreadsheet could run it."""
    return "'" + cell if needs_guard(cell) else cell


def unguard(cell: str) -> str:
    """Undo `guard`: removes the apostrophe only where `guard` put one."""
    return cell[1:] if cell.startswith("'") and needs_guard(cell[1:]) else cell


def phone_cell(phone: str) -> str:
    """A phone for a spreadsheet: `+44 20 7946 0958` as `(+44) 20 7946 0958`."""
    try:
        number = phonenumbers.parse(phone, None)
    except phonenumbers.NumberParseException:
        return phone
    text = str(phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL))
    code = f"+{number.country_code}"
    return f"({code}){text[len(code) :]}" if text.startswith(code) else phone


def phone_from_cell(cell: str) -> str:
    """Undo `phone_cell`: `(+44) 20 7946 0958` reads as `+44 20 7946 0958`."""
    match = _BRACKETED.match(cell.strip())
    return f"+{match.group(1)} {match.group(2)}".strip() if match else cell


def person_row(person: Person) -> list[str]:
    """One person as the cells of `COLUMNS`, not yet guarded."""
    current = person.current_orgs()
    org = current[0] if current else None
    birthday = next((d.iso() for d in person.dates if d.label.lower() == "birthday"), "")
    return [
        str(person.id or ""),
        person.display_name,
        person.given_name,
        person.family_name,
        SEPARATOR.join(person.emails),
        SEPARATOR.join(phone_cell(p) for p in person.phones),
        SEPARATOR.join(person.links),
        org.name if org else "",
        org.title if org else "",
        birthday,
        SEPARATOR.join(person.tags),
        person.met.when.isoformat() if person.met.when else "",
        person.met.context,
        person.met.where,
        person.location,
        SEPARATOR.join(person.interests),
        SEPARATOR.join(person.needs),
        SEPARATOR.join(person.offers),
        person.notes,
    ]


def write_csv(people: Iterable[Person]) -> Iterator[str]:
    """People as CSV text in chunks (a header, then a chunk per 200 people), every cell guarded."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for count, person in enumerate(people, start=1):
        writer.writerow([guard(cell) for cell in person_row(person)])
        if count % _ROWS_PER_CHUNK == 0:
            yield _drain(buffer)
    yield _drain(buffer)


def write(people: Iterable[Person], out: TextIO) -> int:
    """Write people as guarded CSV to `out` (opened with newline=""); returns how many."""
    counted = _Counted(people)
    for chunk in write_csv(counted):
        out.write(chunk)
    return counted.count


class _Counted:
    """An iterable that counts what it hands out."""

    def __init__(self, items: Iterable[Person]) -> None:
        self.items = items
        self.count = 0

    def __iter__(self) -> Iterator[Person]:
        for item in self.items:
            self.count += 1
            yield item


def _drain(buffer: io.StringIO) -> str:
    text = buffer.getvalue()
    buffer.seek(0)
    buffer.truncate()
    return text
