"""vCard and CSV export: safe output, and export → import round trips (hypothesis)."""

from __future__ import annotations

import csv
import io
import re
from datetime import UTC, date, datetime

import pytest
import vobject
from hypothesis import given, settings
from hypothesis import strategies as st

from kith.core.people import HowWeMet, ImportantDate, Organization, Person
from kith.export.csv import COLUMNS, guard, needs_guard, phone_cell, unguard, write_csv
from kith.export.vcard import card, fold, write_vcards
from kith.importers import contacts_csv, vcard
from kith.importers.records import ContactRecord, ParseContext, Record
from kith.importers.text import read_lines

CONTEXT = ParseContext(now=datetime(2026, 11, 25, 15, 0, tzinfo=UTC))


def ana(**overrides: object) -> Person:
    values: dict[str, object] = {
        "display_name": "Ana Lima",
        "id": 7,
        "given_name": "Ana",
        "family_name": "Lima",
        "emails": ["ana@example.com", "a.lima@work.example"],
        "phones": ["+442079460958", "+15555550100"],
        "links": ["https://www.linkedin.com/in/ana-lima-example", "https://ana.example"],
        "orgs": [
            Organization("Orbit; Analytics, Inc.", "Data Lead"),
            Organization("Old Co", "Analyst", date(2015, 1, 1), date(2019, 6, 30)),
        ],
        "location": "Lisbon, Portugal",
        "tags": ["climbing", "pycon, 2024"],
        "met": HowWeMet(date(2024, 5, 1), "Lisbon", "PyCon talk"),
        "interests": ["robotics"],
        "dates": [ImportantDate("birthday", 3, 1), ImportantDate("anniversary", 6, 2, 2015)],
        "notes": 'Likes long reviews.\nBEGIN:VCARD\n=HYPERLINK("x")',
    }
    values.update(overrides)
    return Person(**values)  # type: ignore[arg-type]


def read_vcards(text: str) -> list[Record]:
    return list(vcard.parse_lines(read_lines(io.BytesIO(text.encode("utf-8"))), "out.vcf"))


def read_csv(text: str) -> list[Record]:
    return list(contacts_csv.parse_lines(read_lines(io.BytesIO(text.encode("utf-8"))), "out.csv"))


def digits(phone: str) -> str:
    return re.sub(r"\D", "", phone)


# --- vCard -------------------------------------------------------------------------------


@pytest.mark.parametrize("version", ["4.0", "3.0"])
def test_vcard_round_trip_keeps_what_vcard_carries(version: str) -> None:
    (record,) = read_vcards(card(ana(), version))
    assert isinstance(record, ContactRecord)
    assert record.key == "vcard:uid:urn:kith:person:7"
    assert record.name == "Ana Lima"
    assert record.emails == ("ana@example.com", "a.lima@work.example")
    assert record.phones == ("+442079460958", "+15555550100")
    assert record.links == ("https://www.linkedin.com/in/ana-lima-example", "https://ana.example")
    assert (record.organization, record.title) == ("Orbit; Analytics, Inc.", "Data Lead")
    assert record.birthday == "--03-01"
    assert record.notes == ana().notes
    assert record.tags == ("climbing", "pycon, 2024")
    assert (record.met_on, record.met_how) == (date(2024, 5, 1), "PyCon talk")
    assert record.extra["X-KITH-MET-WHERE"] == "Lisbon"
    assert record.extra["X-KITH-LOCATION"] == "Lisbon, Portugal"
    assert record.extra["X-KITH-INTEREST"] == "robotics"
    assert record.extra["N"] == "Lima;Ana;;;"
    assert "Old Co" in record.extra["X-KITH-POSITION"]


def test_vcard_output_is_folded_escaped_and_readable_by_vobject() -> None:
    text = "".join(write_vcards([ana(), ana(id=8, display_name="Zoë Ångström " * 12)]))
    for line in text.split("\r\n"):
        assert len(line.encode("utf-8")) <= 75
    assert [line for line in text.split("\r\n") if line == "BEGIN:VCARD"] == ["BEGIN:VCARD"] * 2
    parsed = list(vobject.readComponents(text))
    assert [c.fn.value for c in parsed] == ["Ana Lima", ("Zoë Ångström " * 12)]
    assert parsed[0].note.value == ana().notes


def test_vcard3_writes_yearless_birthday_the_apple_way() -> None:
    assert "BDAY;X-APPLE-OMIT-YEAR=1604:1604-03-01\r\n" in card(ana(), "3.0")
    assert "BDAY:--03-01\r\n" in card(ana(), "4.0")


def test_fold_never_splits_a_character() -> None:
    line = "NOTE:" + "é" * 100
    folded = fold(line)
    assert all(len(part.encode()) <= 75 for part in folded.split("\r\n"))
    assert folded.replace("\r\n ", "") == line


def test_unknown_vcard_version_is_refused() -> None:
    with pytest.raises(ValueError, match="version"):
        list(write_vcards([ana()], "2.1"))


# --- CSV ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cell", "guarded"),
    [
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tindent", "'\tindent"),
        ("\rreturn", "'\rreturn"),
        ("  =spaced", "'  =spaced"),
        ("'=already", "''=already"),
        ("plain", "plain"),
        ("it's fine", "it's fine"),
        ("", ""),
    ],
)
def test_guard_and_unguard(cell: str, guarded: str) -> None:
    assert guard(cell) == guarded
    assert unguard(guarded) == cell


def test_phones_stay_usable_without_the_guard() -> None:
    assert phone_cell("+442079460958") == "(+44) 20 7946 0958"
    assert not needs_guard(phone_cell("+15555550100"))
    assert phone_cell("not a phone") == "not a phone"


def test_csv_cells_are_safe_for_spreadsheets() -> None:
    hostile = ana(display_name='=HYPERLINK("http://evil","x")', notes="@SUM(1)", tags=["-x"])
    text = "".join(write_csv([hostile]))
    header, row = list(csv.reader(io.StringIO(text)))
    assert tuple(header) == COLUMNS
    for cell in row:
        assert not cell or cell[0] not in "=+-@\t\r"
    assert row[COLUMNS.index("Phones")] == "(+44) 20 7946 0958 ::: (+1) 555-555-0100"


def test_csv_round_trip_removes_the_guard() -> None:
    hostile = ana(display_name='=HYPERLINK("http://evil","x")', notes="@SUM(1)")
    (record,) = read_csv("".join(write_csv([hostile])))
    assert isinstance(record, ContactRecord)
    assert record.name == '=HYPERLINK("http://evil","x")'
    assert record.notes == "@SUM(1)"
    assert record.key == "kith:person:7"
    assert [digits(p) for p in record.phones] == ["442079460958", "15555550100"]
    assert record.birthday == "--03-01"
    assert (record.organization, record.title) == ("Orbit; Analytics, Inc.", "Data Lead")
    assert (record.met_on, record.met_how) == (date(2024, 5, 1), "PyCon talk")


def test_write_to_a_text_stream() -> None:
    from kith.export import csv as csv_export
    from kith.export import vcard as vcard_export

    out = io.StringIO(newline="")
    assert vcard_export.write([ana(), ana(id=8)], out, version="3.0") == 2
    assert out.getvalue().count("BEGIN:VCARD\r\n") == 2
    out = io.StringIO(newline="")
    assert csv_export.write([ana(), ana(id=8)], out) == 2
    assert len(read_csv(out.getvalue())) == 2


def test_csv_streams_in_chunks() -> None:
    people = [ana(id=i) for i in range(450)]
    chunks = list(write_csv(people))
    assert len(chunks) == 3
    records = read_csv("".join(chunks))
    assert len(records) == 450


# --- round trips with hypothesis ---------------------------------------------------------

_TEXT = (
    st.text(
        alphabet=st.characters(
            whitelist_categories=("L", "N", "P", "S", "Zs"),
            blacklist_characters="\r\x85\u2028\u2029",
        ),
        min_size=1,
        max_size=30,
    )
    .map(str.strip)
    .filter(bool)
)
_PREFIXED = st.tuples(st.sampled_from(["", "=", "+", "-", "@", "'=", " ="]), _TEXT).map(
    lambda parts: (parts[0] + parts[1]).strip() or "x"
)
_NOTES = st.lists(_PREFIXED, max_size=3).map("\n".join)
_EMAILS = st.lists(
    st.from_regex(r"[a-z0-9]{1,8}@[a-z]{1,8}\.example", fullmatch=True), max_size=3, unique=True
)
_PHONES = st.lists(
    st.sampled_from(["+442079460958", "+15555550100", "+4930123456", "+351912345678"]),
    max_size=3,
    unique=True,
)
_LINKS = st.lists(
    st.from_regex(r"https://[a-z]{1,8}\.example/[a-z0-9-]{0,10}", fullmatch=True),
    max_size=2,
    unique=True,
)
_TAGS = st.lists(
    _TEXT.filter(lambda t: ":::" not in t and ";" not in t), max_size=3, unique_by=str.casefold
)
_BIRTHDAYS = st.lists(
    st.builds(
        ImportantDate,
        st.just("birthday"),
        st.integers(1, 12),
        st.integers(1, 28),
        st.none() | st.integers(1900, 2020),
    ),
    max_size=1,
)


@st.composite
def people(draw: st.DrawFn) -> Person:
    org = draw(st.none() | st.tuples(_TEXT, st.just("") | _TEXT))
    return Person(
        display_name=draw(_PREFIXED),
        id=draw(st.integers(1, 10**6)),
        emails=draw(_EMAILS),
        phones=draw(_PHONES),
        links=draw(_LINKS),
        orgs=[Organization(org[0], org[1])] if org else [],
        tags=draw(_TAGS),
        dates=draw(_BIRTHDAYS),
        notes=draw(_NOTES),
        met=HowWeMet(
            draw(st.none() | st.dates(date(1990, 1, 1), date(2026, 1, 1))),
            "",
            draw(st.just("") | _TEXT),
        ),
    )


def _check(record: Record, person: Person) -> None:
    assert isinstance(record, ContactRecord)
    assert record.name == person.display_name
    assert list(record.emails) == person.emails
    assert [digits(p) for p in record.phones] == [digits(p) for p in person.phones]
    assert sorted(record.links) == sorted(person.links)
    assert record.organization == (person.orgs[0].name if person.orgs else "")
    assert record.title == (person.orgs[0].title if person.orgs else "")
    assert record.birthday == (person.dates[0].iso() if person.dates else "")
    assert record.notes == person.notes
    assert list(record.tags) == person.tags
    assert record.met_on == person.met.when
    assert record.met_how == person.met.context


@settings(max_examples=80, deadline=None)
@given(people(), st.sampled_from(["4.0", "3.0"]))
def test_vcard_round_trip(person: Person, version: str) -> None:
    (record,) = read_vcards("".join(write_vcards([person], version)))
    _check(record, person)


@settings(max_examples=80, deadline=None)
@given(st.lists(people(), min_size=1, max_size=3))
def test_csv_round_trip(persons: list[Person]) -> None:
    records = read_csv("".join(write_csv(persons)))
    assert len(records) == len(persons)
    for record, person in zip(records, persons, strict=True):
        _check(record, person)
