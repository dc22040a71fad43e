"""Contacts CSV: Google, Outlook, Thunderbird and Kith layouts, the shared real-world files."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kith.importers import contacts_csv, vcard
from kith.importers.records import ContactRecord, ParseContext, Problem, Record, Skipped

DATA = Path(__file__).parent / "data" / "csv"
SHARED = (Path(__file__).parents[1] / ".." / "shared" / "fixtures").resolve()
CONTEXT = ParseContext(now=datetime(2026, 11, 25, 15, 0, tzinfo=UTC))


def parse(path: Path) -> list[Record]:
    return list(contacts_csv.parse(str(path), CONTEXT))


def contacts(records: list[Record]) -> dict[str, ContactRecord]:
    return {r.name: r for r in records if isinstance(r, ContactRecord)}


def problems(records: list[Record]) -> list[Problem]:
    return [r for r in records if isinstance(r, Problem)]


@pytest.mark.parametrize(
    ("header", "layout"),
    [
        ("First Name,Middle Name,Last Name,Labels,E-mail 1 - Label,E-mail 1 - Value", "google"),
        (
            "Name,Given Name,Family Name,Group Membership,E-mail 1 - Type,E-mail 1 - Value",
            "google-legacy",
        ),
        ("Title,First Name,Middle Name,Last Name,Suffix,Company,E-mail Address", "outlook"),
        ("First Name,Middle Name,Last Name,Title,Suffix,Nickname,E-mail Address", "outlook.com"),
        ("First Name,Last Name,Display Name,Nickname,Primary Email", "thunderbird"),
        ("Kith ID,Name,Given Name,Family Name,Emails,Phones", "kith"),
        ("Email,Full Name", "generic"),
    ],
)
def test_layouts_are_told_apart_by_their_header(header: str, layout: str) -> None:
    found = contacts_csv.layout_of(header.split(","))
    assert found is not None and found.name == layout
    assert contacts_csv.sniff(header.encode() + b"\r\nx,y\r\n", "contacts.txt")


def test_non_contact_headers_are_refused() -> None:
    linkedin = "First Name,Last Name,URL,Email Address,Company,Position,Connected On"
    assert contacts_csv.layout_of(linkedin.split(",")) is None
    assert not contacts_csv.sniff(b'Notes:\n"When exporting"\n', "Connections.csv")
    assert not contacts_csv.sniff(b"date,amount,currency\n", "contacts.csv")


def test_google_current_layout() -> None:
    found = contacts(parse(DATA / "google.csv"))
    maya = found["Maya Fernandes"]
    assert maya.emails == ("maya@orbit.example", "maya.f@mail.example")
    assert maya.phones == ("+351 912 345 678", "+351 213 000 111")
    assert maya.links[0] == "https://www.linkedin.com/in/maya-fernandes-example"
    assert (maya.organization, maya.title) == ("Orbit Analytics", "Data Lead")
    assert maya.birthday == "--04-17"
    assert maya.notes == "Met at PyCon\nLikes climbing"
    assert maya.tags == ("Climbing",)
    assert found["Tom Becker"].birthday == "1980-02-29"
    assert found["Tom Becker"].extra["Name Prefix"] == "Dr."


def test_hostile_text_stays_plain_text() -> None:
    hostile = contacts(parse(DATA / "google.csv"))['=HYPERLINK("http://evil.example","x")']
    assert hostile.notes == "<script>alert(1)</script>"
    assert hostile.emails == ("evil@example.org",)


def test_outlook_desktop_in_windows_1252() -> None:
    found = contacts(parse(DATA / "outlook_desktop.csv"))
    ingrid = found["Ingrid Solberg"]
    assert ingrid.emails == ("ingrid@fjord.example",)
    assert ingrid.phones == ("+47 55 00 00 00", "+47 900 00 000")
    assert (ingrid.organization, ingrid.title, ingrid.birthday) == (
        "Fjord Shipping AS",
        "Director",
        "1979-03-14",
    )
    assert ingrid.tags == ("Partners", "Norway")
    assert ingrid.extra["Title"] == "Ms." and ingrid.extra["Department"] == "Logistics"
    assert found["Lars Nilsen"].birthday == ""


def test_outlook_com_in_utf16() -> None:
    (zoe,) = contacts(parse(DATA / "outlook_com_utf16.csv")).values()
    assert zoe.name == "Zoë Ångström"
    assert zoe.birthday == "1990-05-20"
    assert zoe.phones == ("+46 70 123 45 67",)


def test_thunderbird_in_latin1_with_birth_parts() -> None:
    (renee,) = contacts(parse(DATA / "thunderbird_latin1.csv")).values()
    assert renee.name == "Renée Côté"
    assert renee.organization == "Café Lumière"
    assert renee.birthday == "--07-04"
    assert renee.notes == "Crème brûlée"


def test_blank_and_broken_rows() -> None:
    records = parse(DATA / "broken.csv")
    assert list(contacts(records)) == ["Good One"]
    (problem,) = problems(records)
    assert problem.origin.place == "line 5"
    assert problem.reason.endswith(".")


def test_a_row_without_any_identity_is_a_problem() -> None:
    records = _parse_text("First Name,Last Name,E-mail Address,Notes\n,,,just a note\n")
    assert problems(records)[0].reason == "The row has no name, organization, email or phone."


def test_an_over_long_line_is_a_problem_and_reading_goes_on() -> None:
    long_note = "x" * (2 << 20)
    records = _parse_text(f"Name,Notes\nLong,{long_note}\nShort,fine\n")
    assert "longer than" in problems(records)[0].reason
    assert list(contacts(records)) == ["Short"]


def test_keys_are_stable() -> None:
    first = [r.key for r in parse(DATA / "google.csv") if isinstance(r, ContactRecord)]
    assert first == [r.key for r in parse(DATA / "google.csv") if isinstance(r, ContactRecord)]
    assert len(set(first)) == len(first)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1991-01-20", "1991-01-20"),
        ("--01-20", "--01-20"),
        ("1/20/1991", "1991-01-20"),
        ("20/01/1991", "1991-01-20"),
        ("3/4/79", "1979-03-04"),
        ("0/0/00", ""),
        ("2/30/1991", ""),
        ("soon", ""),
    ],
)
def test_csv_dates(text: str, expected: str) -> None:
    assert contacts_csv.csv_date(text) == expected


def _parse_text(text: str, encoding: str = "utf-8") -> list[Record]:
    import tempfile

    with tempfile.NamedTemporaryFile(suffix=".csv", delete=False) as handle:
        handle.write(text.encode(encoding))
    try:
        return list(contacts_csv.parse(handle.name, CONTEXT))
    finally:
        Path(handle.name).unlink()


def _shared_csvs() -> list[Path]:
    folder = SHARED / "csv"
    return sorted(folder.rglob("*.csv")) if folder.is_dir() else []


@pytest.mark.skipif(not (SHARED / "csv").is_dir(), reason=f"{SHARED}/csv is absent")
@pytest.mark.parametrize("path", _shared_csvs(), ids=lambda p: p.name)
def test_shared_csv_gives_what_roundcube_expects(path: Path) -> None:
    records = parse(path)
    assert not problems(records)
    got = [
        (r.name, sorted(e.casefold() for e in r.emails))
        for r in records
        if isinstance(r, ContactRecord)
    ]
    expected_file = path.with_name(path.stem + ".expected.vcf")
    expected = [
        (r.name, sorted(e.casefold() for e in r.emails))
        for r in vcard.parse(str(expected_file), CONTEXT)
        if isinstance(r, ContactRecord)
    ]
    assert got == expected


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=1500))
def test_fuzz_random_bytes(data: bytes) -> None:
    for record in _parse_bytes(data):
        assert isinstance(record, ContactRecord | Problem | Skipped)


@settings(max_examples=150, deadline=None)
@given(
    st.integers(min_value=0, max_value=3000),
    st.sampled_from(["google.csv", "outlook_desktop.csv", "outlook_com_utf16.csv", "broken.csv"]),
)
def test_fuzz_truncated_fixtures(cut: int, name: str) -> None:
    for record in _parse_bytes((DATA / name).read_bytes()[:cut]):
        assert isinstance(record, ContactRecord | Problem | Skipped)


def _parse_bytes(data: bytes) -> list[Record]:
    import tempfile

    with tempfile.NamedTemporaryFile(suffix=".csv", delete=False) as handle:
        handle.write(data)
    try:
        return list(contacts_csv.parse(handle.name, CONTEXT))
    finally:
        Path(handle.name).unlink()


def test_met_on_reads_from_kith_csv() -> None:
    text = (
        "Kith ID,Name,Emails,Phones,Met On,How We Met,Notes\n"
        "7,Ana,'=a@x.example,(+44) 20 7946 0958,2024-05-01,conference,'-- careful\n"
    )
    (ana,) = contacts(_parse_text(text)).values()
    assert ana.key == "kith:person:7"
    assert ana.emails == ("=a@x.example",)
    assert ana.phones == ("+44 20 7946 0958",)
    assert ana.met_on == date(2024, 5, 1)
    assert ana.notes == "-- careful"
