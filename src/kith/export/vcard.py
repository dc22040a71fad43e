"""People as vCard 4.0 (RFC 6350) or 3.0 (RFC 2426) text that Kith's vCard importer reads back.

Standard properties carry what other address books understand: FN, N, EMAIL, TEL, URL,
ORG, TITLE, BDAY, ANNIVERSARY, NOTE, CATEGORIES. What only Kith has goes in `X-KITH-*`
properties, which other apps keep and ignore: how and where we met (`X-KITH-MET-ON`,
`X-KITH-MET-HOW`, `X-KITH-MET-WHERE`), location, interests, needs, offers, past
positions and other yearly dates. Text is escaped (a note cannot start a new property or
card), lines are folded at 75 octets without splitting a character, and end in CRLF.

vCard 3.0 has no year-less date, so a birthday without a year is written the way Apple
writes it, `BDAY;X-APPLE-OMIT-YEAR=1604:1604-03-01`, which the importer reads back as
`--03-01`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TextIO

from kith.core.people import ImportantDate, Organization, Person

VERSIONS = ("4.0", "3.0")
_FOLD = 75


def write_vcards(people: Iterable[Person], version: str = "4.0") -> Iterator[str]:
    """People as vCard text, one card per chunk."""
    if version not in VERSIONS:
        raise ValueError(f"vCard version must be one of {', '.join(VERSIONS)}")
    for person in people:
        yield card(person, version)


def write(people: Iterable[Person], out: TextIO, version: str = "4.0") -> int:
    """Write people as vCards to `out` (opened with newline=""); returns how many."""
    count = 0
    for chunk in write_vcards(people, version):
        out.write(chunk)
        count += 1
    return count


def card(person: Person, version: str = "4.0") -> str:
    """One person as one vCard, CRLF line endings, folded."""
    lines = ["BEGIN:VCARD", f"VERSION:{version}"]
    if person.id is not None:
        lines.append(f"UID:urn:kith:person:{person.id}")
    lines.append("FN:" + escape(person.display_name))
    lines.append(
        "N:" + ";".join(escape(p) for p in (person.family_name, person.given_name, "", "", ""))
    )
    lines += [_email(email, version) for email in person.emails]
    lines += [_tel(phone, version) for phone in person.phones]
    lines += ["URL:" + escape(link) for link in person.links]
    lines += _orgs(person.orgs)
    lines += _dates(person.dates, version)
    if person.notes:
        lines.append("NOTE:" + escape(person.notes))
    if person.tags:
        lines.append("CATEGORIES:" + ",".join(escape(tag) for tag in person.tags))
    lines += _kith_lines(person)
    lines.append("END:VCARD")
    return "".join(fold(line) + "\r\n" for line in lines)


def escape(text: str) -> str:
    """vCard text escaping: backslash, comma, semicolon and new lines."""
    return (
        text.replace("\\", "\\\\")
        .replace(",", "\\,")
        .replace(";", "\\;")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
        .replace("\r", "\\n")
    )


def fold(line: str) -> str:
    """Fold a content line into lines of at most 75 octets, never inside a character."""
    if len(line.encode("utf-8")) <= _FOLD:
        return line
    pieces: list[str] = []
    current: list[str] = []
    size, limit = 0, _FOLD
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > limit:
            pieces.append("".join(current))
            current, size, limit = [], 0, _FOLD - 1  # continuation lines start with a space
        current.append(char)
        size += width
    pieces.append("".join(current))
    return "\r\n ".join(pieces)


def _email(email: str, version: str) -> str:
    return ("EMAIL;TYPE=INTERNET:" if version == "3.0" else "EMAIL:") + escape(email)


def _tel(phone: str, version: str) -> str:
    if version == "4.0" and phone.startswith("+") and " " not in phone:
        return f"TEL;VALUE=uri:tel:{phone}"
    return "TEL:" + escape(phone)


def _orgs(orgs: list[Organization]) -> list[str]:
    current = next((o for o in orgs if o.current), None)
    lines = []
    if current is not None:
        lines.append("ORG:" + escape(current.name))
        if current.title:
            lines.append("TITLE:" + escape(current.title))
    for org in orgs:
        if org is not current:
            span = ";".join(d.isoformat() if d else "" for d in (org.start, org.end))
            lines.append(f"X-KITH-POSITION:{escape(org.name)};{escape(org.title)};{span}")
    return lines


def _dates(dates: list[ImportantDate], version: str) -> list[str]:
    lines = []
    birthday_written = False
    for item in dates:
        label = item.label.lower()
        if label == "birthday" and not birthday_written:
            lines.append(_date_line("BDAY", item, version))
            birthday_written = True
        elif label == "anniversary" and version == "4.0":
            lines.append(_date_line("ANNIVERSARY", item, version))
        else:
            lines.append(f"X-KITH-DATE;LABEL={_param(item.label)}:{item.iso()}")
    return lines


def _date_line(name: str, item: ImportantDate, version: str) -> str:
    if item.year is None and version == "3.0":
        return f"{name};X-APPLE-OMIT-YEAR=1604:1604-{item.month:02d}-{item.day:02d}"
    return f"{name}:{item.iso()}"


def _param(text: str) -> str:
    """A parameter value: quoted, without the characters a quoted value cannot hold."""
    return '"' + text.replace('"', "'").replace("\r", " ").replace("\n", " ") + '"'


def _kith_lines(person: Person) -> list[str]:
    lines = []
    met = person.met
    if met.when:
        lines.append(f"X-KITH-MET-ON:{met.when.isoformat()}")
    if met.context:
        lines.append("X-KITH-MET-HOW:" + escape(met.context))
    if met.where:
        lines.append("X-KITH-MET-WHERE:" + escape(met.where))
    if person.location:
        lines.append("X-KITH-LOCATION:" + escape(person.location))
    for name, values in (
        ("X-KITH-INTEREST", person.interests),
        ("X-KITH-NEED", person.needs),
        ("X-KITH-OFFER", person.offers),
    ):
        lines += [f"{name}:{escape(value)}" for value in values]
    return lines
