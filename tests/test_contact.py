"""kith.core.contact: what people type into a profile, checked and normalized."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kith.core.contact import (
    ListField,
    important_date,
    normalize_email,
    normalize_link,
    normalize_phone,
    parse_important_date,
    parse_org,
    parse_value,
    same_value,
)
from kith.core.people import ImportantDate, Organization
from kith.errors import InvalidInput


def test_attributes() -> None:
    assert ListField.EMAIL.attribute == "emails"
    assert ListField.ORG.attribute == "orgs"
    assert ListField.DATE.attribute == "dates"
    assert ListField.INTEREST.attribute == "interests"
    assert ListField.OFFER.attribute == "offers"


# --- parse_value -------------------------------------------------------------------------------


@pytest.mark.parametrize("field", list(ListField))
@pytest.mark.parametrize("raw", ["", "   ", "\t\n"])
def test_empty_values_are_refused(field: ListField, raw: str) -> None:
    with pytest.raises(InvalidInput, match=f"empty {field.value}") as caught:
        parse_value(field, raw)
    assert caught.value.field == field.value  # the field as data; the CLI names its flag


@pytest.mark.parametrize(
    ("field", "raw", "expected"),
    [
        (ListField.EMAIL, "  ana@example.com ", "ana@example.com"),
        (ListField.PHONE, "+351 912 345 678", "+351912345678"),
        (ListField.LINK, "linkedin.com/in/ana", "https://linkedin.com/in/ana"),
        (ListField.ORG, "Acme:CTO", Organization("Acme", "CTO")),
        (ListField.TAG, "Open Source", "open-source"),
        (ListField.TAG, "  Open   Source  ", "open-source"),  # once "open---source"
        (ListField.TAG, "ÉCOLE", "école"),
        (ListField.INTEREST, "  sailing  ", "sailing"),
        (ListField.NEED, "Intro to a VC", "Intro to a VC"),
        (ListField.OFFER, "Code review", "Code review"),
        (ListField.DATE, "birthday=1985-03-01", ImportantDate("birthday", 3, 1, 1985)),
    ],
)
def test_parse_value(field: ListField, raw: str, expected: object) -> None:
    assert parse_value(field, raw) == expected


def test_parse_value_passes_the_region() -> None:
    assert parse_value(ListField.PHONE, "912 345 678", "PT") == "+351912345678"


# --- emails ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "ana@example.com",
        "Ana.Ruiz+kith@mail.example.co.uk",
        "a@b.c",
        "o'brien@example.ie",
        "josé@exämple.pt",
        "x_y-z@sub-domain.example",
    ],
)
def test_valid_emails(text: str) -> None:
    assert normalize_email(text) == text


@pytest.mark.parametrize(
    "text",
    [
        "alice@x(<bob@y>",
        "Alice <alice@example.com>",
        "alice@example.com, bob@example.com",
        "alice@example.com;bob@example.com",
        "alice",
        "alice@",
        "@example.com",
        "alice@example",
        "alice@@example.com",
        "alice@bob@example.com",
        "alice smith@example.com",
        'alice"@example.com',
        "alice@example..com",  # empty domain labels
        "alice@.example.com",
        "alice@example.com.",
        "alice@[192.168.0.1]",
        "alice\\@example.com",
        "alice@example.com\n",  # `$` once let a trailing newline through
        "alice\x00@example.com",
        "alice@exa:mple.com",
    ],
)
def test_invalid_emails(text: str) -> None:
    with pytest.raises(InvalidInput, match="not an email address") as caught:
        normalize_email(text)
    assert text in caught.value.message
    assert caught.value.hint


# --- phones ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "region", "expected"),
    [
        ("+351 912 345 678", None, "+351912345678"),
        ("+1 (415) 555-0100", None, "+14155550100"),
        ("+44 20 7946 0958", "PT", "+442079460958"),
        ("912 345 678", "PT", "+351912345678"),
        ("912 345 678", "pt", "+351912345678"),  # a lower-case region once went unread
        ("(415) 555-0100", "US", "+14155550100"),
        ("555-0100", None, "555-0100"),  # no country: kept as typed
        ("912 345 678", "XX", "912 345 678"),  # unknown region: kept as typed
        ("+351 12", None, "+351 12"),
        ("+999 123 456", None, "+999 123 456"),  # no such country code
    ],
)
def test_phones(text: str, region: str | None, expected: str) -> None:
    assert normalize_phone(text, region) == expected


@pytest.mark.parametrize("text", ["ext 12", "n/a", "12-34", "phone"])
def test_not_a_phone(text: str) -> None:
    with pytest.raises(InvalidInput, match="not a phone number") as caught:
        normalize_phone(text, "PT")
    assert text in caught.value.message


# --- links -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("https://example.com", "https://example.com"),
        ("http://example.com/a?b=c#d", "http://example.com/a?b=c#d"),
        ("HTTPS://Example.com", "HTTPS://Example.com"),
        ("example.com", "https://example.com"),
        ("linkedin.com/in/ana-ruiz", "https://linkedin.com/in/ana-ruiz"),
        ("//example.com/x", "https://example.com/x"),  # once "https:////example.com/x"
    ],
)
def test_links(text: str, expected: str) -> None:
    assert normalize_link(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "javascript:alert(1)",
        "JavaScript:alert(1)",
        "javascript://comment%0aalert(1)",
        "data:text/html,<script>alert(1)</script>",
        "vbscript:msgbox",
        "file:///etc/passwd",
        "ftp://example.com",
        "mailto:ana@example.com",
        "tel:+351912345678",
        "https:example.com",
        "http:/example.com",
        "https://",
        "http://",
        "https:///",
        "https://example.com/a b",
        "https://example.com\njavascript:alert(1)",
        "example.com/\x00",
    ],
)
def test_not_web_links(text: str) -> None:
    with pytest.raises(InvalidInput, match="not a web link") as caught:
        normalize_link(text)
    assert text in caught.value.message
    assert caught.value.hint


# --- organizations -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("spec", "expected"),
    [
        ("Acme", Organization("Acme")),
        ("Acme:CTO", Organization("Acme", "CTO")),
        (" Acme : CTO ", Organization("Acme", "CTO")),
        ("Acme:CTO:2021", Organization("Acme", "CTO", date(2021, 1, 1))),
        ("Acme:CTO:2021-03", Organization("Acme", "CTO", date(2021, 3, 1))),
        ("Acme:CTO:2021-03-15", Organization("Acme", "CTO", date(2021, 3, 15))),
        (
            "Acme:CTO:2021:2023-06",
            Organization("Acme", "CTO", date(2021, 1, 1), date(2023, 6, 1)),
        ),
        ("Acme::2019", Organization("Acme", "", date(2019, 1, 1))),
        ("Acme:CTO::2023", Organization("Acme", "CTO", None, date(2023, 1, 1))),
        ("Acme:CTO:2021:2021", Organization("Acme", "CTO", date(2021, 1, 1), date(2021, 1, 1))),
    ],
)
def test_orgs(spec: str, expected: Organization) -> None:
    org = parse_org(spec)
    assert org == expected
    assert org.current is (expected.end is None)
    assert parse_value(ListField.ORG, spec) == expected


@pytest.mark.parametrize("spec", [":CTO", " : CTO", "a:b:2020:2021:x"])
def test_not_an_org(spec: str) -> None:
    with pytest.raises(InvalidInput, match="is not an organization") as caught:
        parse_org(spec)
    assert spec in caught.value.message


@pytest.mark.parametrize(
    ("spec", "bad"),
    [
        ("Acme:CTO:21", "21"),
        ("Acme:CTO:2021-13", "2021-13"),
        ("Acme:CTO:2021-02-30", "2021-02-30"),
        ("Acme:CTO:2021:soon", "soon"),
        ("Acme:CTO:0000", "0000"),
        ("Acme:CTO:2021/03", "2021/03"),
        ("Acme:CTO:2021-3", "2021-3"),
    ],
)
def test_org_bad_dates(spec: str, bad: str) -> None:
    with pytest.raises(InvalidInput, match="is not a date") as caught:
        parse_org(spec)
    assert f"'{bad}'" in caught.value.message and spec in caught.value.message


def test_org_end_before_start() -> None:
    with pytest.raises(InvalidInput, match="end comes before the start") as caught:
        parse_org("Acme:CTO:2023:2021-06")
    assert "Acme:CTO:2023:2021-06" in caught.value.message


# --- important dates ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("spec", "expected"),
    [
        ("birthday=1985-03-01", ImportantDate("birthday", 3, 1, 1985)),
        ("birthday=03-01", ImportantDate("birthday", 3, 1)),
        ("birthday=3-1", ImportantDate("birthday", 3, 1)),
        ("anniversary=--06-12", ImportantDate("anniversary", 6, 12)),
        ("birthday=02-29", ImportantDate("birthday", 2, 29)),  # no year: Feb 29 allowed
        ("birthday=--02-29", ImportantDate("birthday", 2, 29)),
        ("birthday=2000-02-29", ImportantDate("birthday", 2, 29, 2000)),
        (" Kid's birthday = 2019-12-31 ", ImportantDate("Kid's birthday", 12, 31, 2019)),
        ("a=b=01-02", None),
    ],
)
def test_important_dates(spec: str, expected: ImportantDate | None) -> None:
    if expected is None:
        with pytest.raises(InvalidInput, match="b=01-02"):
            parse_important_date(spec)
        return
    assert parse_important_date(spec) == expected
    assert parse_value(ListField.DATE, spec) == expected


@pytest.mark.parametrize("spec", ["birthday", "1985-03-01", "=1985-03-01", "  =03-01"])
def test_not_an_important_date(spec: str) -> None:
    with pytest.raises(InvalidInput, match="is not an important date") as caught:
        parse_important_date(spec)
    assert spec in caught.value.message
    assert caught.value.hint


@pytest.mark.parametrize(
    "value",
    [
        "",
        "1985",
        "1985-03",
        "1985-02-29",
        "02-30",
        "13-01",
        "00-10",
        "04-31",
        "---03-01",
        "03/01",
        "march 1",
        "1985-03-01T10:00",
        "03-01\n",
    ],
)
def test_bad_important_date_values(value: str) -> None:
    with pytest.raises(InvalidInput, match="is not a date for birthday") as caught:
        important_date("birthday", value)
    assert f"'{value}'" in caught.value.message


def test_iso_forms() -> None:
    assert ImportantDate("birthday", 3, 1).iso() == "--03-01"
    assert ImportantDate("birthday", 3, 1, 985).iso() == "0985-03-01"


# --- same_value --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("field", "kept", "typed", "same"),
    [
        (ListField.EMAIL, "Ana@Example.com", " ana@example.com ", True),
        (ListField.EMAIL, "ana@example.com", "ana@example.org", False),
        (ListField.PHONE, "+351912345678", "+351912345678", True),
        (ListField.PHONE, "+351912345678", "+351 912 345 678", True),  # once False
        (ListField.PHONE, "555-0100", "555 0100", True),
        (ListField.PHONE, "+351912345678", "+351 912 345 679", False),
        (ListField.PHONE, "+351912345678", "phone", False),
        (ListField.LINK, "https://x.com/ana", "https://X.com/ana", True),
        (ListField.LINK, "https://x.com/ana", "x.com/ana", True),  # once False
        (ListField.LINK, "https://x.com/ana", "x.com/tom", False),
        (ListField.LINK, "https://x.com/ana", "javascript:alert(1)", False),
        (ListField.TAG, "open-source", "Open Source", True),  # once False
        (ListField.TAG, "open-source", "open-source", True),
        (ListField.TAG, "open-source", "open", False),
        (ListField.INTEREST, "Sailing", "sailing ", True),
        (ListField.ORG, Organization("Acmé Corp", "CTO"), "acme corp", True),
        (ListField.ORG, Organization("Acme", "CTO"), "Acme:VP", True),
        (ListField.ORG, Organization("Acme", "CTO"), "Acme Corp", False),
        (ListField.DATE, ImportantDate("Birthday", 3, 1), "birthday", True),
        (ListField.DATE, ImportantDate("birthday", 3, 1), " birthday =03-02", True),
        (ListField.DATE, ImportantDate("birthday", 3, 1), "anniversary", False),
    ],
)
def test_same_value(field: ListField, kept: object, typed: str, same: bool) -> None:
    assert same_value(field, kept, typed) is same


def test_a_parsed_value_is_the_same_as_what_was_typed() -> None:
    typed = {
        ListField.EMAIL: "Ana@Example.com",
        ListField.PHONE: "+351 912 345 678",
        ListField.LINK: "linkedin.com/in/ana",
        ListField.ORG: "Acme:CTO:2021",
        ListField.TAG: "Open Source",
        ListField.INTEREST: "Sailing",
        ListField.NEED: "An intro",
        ListField.OFFER: "Code review",
        ListField.DATE: "birthday=1985-03-01",
    }
    for field, raw in typed.items():
        assert same_value(field, parse_value(field, raw), raw), field


# --- properties --------------------------------------------------------------------------------


@given(st.dates(), st.sampled_from(["birthday", "Anniversary", "kid's birthday"]))
def test_birthday_round_trips_through_iso(day: date, label: str) -> None:
    parsed = parse_important_date(f"{label}={day.isoformat()}")
    assert parsed == ImportantDate(label, day.month, day.day, day.year)
    assert parsed.iso() == day.isoformat()
    assert parse_important_date(f"{label}={parsed.iso()}") == parsed


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2000, 12, 31)))
def test_yearless_dates_round_trip_through_iso(day: date) -> None:
    parsed = important_date("birthday", f"{day.month:02d}-{day.day:02d}")
    assert parsed.year is None
    assert parsed.iso() == f"--{day.month:02d}-{day.day:02d}"
    assert important_date("birthday", parsed.iso()) == parsed


@given(
    st.dates(min_value=date(1900, 1, 1)),
    st.dates(min_value=date(1900, 1, 1)),
    st.sampled_from(["%Y", "%Y-%m", "%Y-%m-%d"]),
)
def test_org_dates(start: date, end: date, form: str) -> None:
    spec = f"Acme:CTO:{start.strftime(form)}:{end.strftime(form)}"
    try:
        org = parse_org(spec)
    except InvalidInput as error:
        assert "end comes before the start" in error.message
        return
    assert org.start is not None and org.end is not None and org.start <= org.end
    assert org.start.strftime(form) == start.strftime(form)


@settings(max_examples=100)
@given(st.sampled_from(list(ListField)), st.text(max_size=40), st.sampled_from([None, "PT", "us"]))
def test_parse_value_only_raises_invalid_input(
    field: ListField, raw: str, region: str | None
) -> None:
    try:
        value = parse_value(field, raw, region)
    except InvalidInput as error:
        assert error.message and error.hint
        return
    assert same_value(field, value, raw)


@given(st.emails())
def test_generated_emails_are_accepted(address: str) -> None:
    assert normalize_email(address) == address


@given(st.text(max_size=30))
def test_an_accepted_link_is_a_web_link(text: str) -> None:
    try:
        link = normalize_link(text)
    except InvalidInput:
        return
    assert link.lower().startswith(("http://", "https://"))
    assert len(link.split("://", 1)[1]) > 0
