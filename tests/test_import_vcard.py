"""The vCard parser: project fixtures for each quirk, the shared real-world files, fuzzing."""

from __future__ import annotations

import io
import tracemalloc
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kith.importers import vcard
from kith.importers.records import ContactRecord, ParseContext, Problem, Record, Skipped
from kith.importers.text import read_lines

DATA = Path(__file__).parent / "data" / "vcard"
SHARED = (Path(__file__).parents[1] / ".." / "shared" / "fixtures").resolve()
CONTEXT = ParseContext(now=datetime(2026, 11, 25, 15, 0, tzinfo=UTC))


def parse(path: Path) -> list[Record]:
    return list(vcard.parse(str(path), CONTEXT))


def contacts(records: list[Record]) -> dict[str, ContactRecord]:
    return {r.name: r for r in records if isinstance(r, ContactRecord)}


def problems(records: list[Record]) -> list[Problem]:
    return [r for r in records if isinstance(r, Problem)]


def parse_bytes(data: bytes) -> list[Record]:
    return list(vcard.parse_lines(read_lines(io.BytesIO(data)), "mem.vcf"))


def test_quoted_printable_21_with_soft_breaks_and_charsets() -> None:
    (card,) = contacts(parse(DATA / "qp21.vcf")).values()
    assert card.name == "Zofia Kowalska śćską"
    assert card.phones == ("+48 601 234 567",)
    assert card.emails == ("zofia@example.org",)
    assert card.notes == "Met at the Łódź meetup\nsecond line"
    assert card.extra["N"] == "Kowalska;Zofia"


def test_apple_groups_labels_photo_and_yearless_birthday() -> None:
    card = contacts(parse(DATA / "apple.vcf"))["Chidi Okafor"]
    assert card.emails == ("chidi@example.net",)
    assert card.phones == ("+1 415 555 0199",)
    assert card.links[0] == "https://www.linkedin.com/in/chidi-okafor-example"
    assert set(card.links) == {
        "https://www.linkedin.com/in/chidi-okafor-example",
        "https://example.net/chidi",
        "https://twitter.com/chidi_example",
    }
    assert (card.organization, card.title) == ("Northwind Labs", "Staff Engineer")
    assert card.extra["X-DEPARTMENT"] == "Research"
    assert card.birthday == "--03-01"
    assert card.tags == ("friends", "conference, 2024")
    assert "TEL: Assistant" in card.extra["X-ABLABEL"]
    assert "PHOTO" not in card.extra
    assert card.key.startswith("vcard:sha1:")


def test_vcard4_uid_uri_phone_data_photo_and_unknown_properties() -> None:
    records = parse(DATA / "v4.vcf")
    card = contacts(records)["Ana Lima"]
    assert card.key == "vcard:uid:urn:uuid:4fbe8971-0bc3-424c-9c26-36c3e1eff6b1"
    assert card.phones == ("+55-11-5555-0100",)
    assert card.birthday == "--03-01"
    assert card.notes == "Likes long, careful reviews.\nPrefers email."
    assert card.extra["X-FAVOURITE-TEA"] == "Oolong"
    assert card.extra["GENDER"] == "F"
    assert card.extra["LOGO"] == "https://example.com/logo.png"
    assert "PHOTO" not in card.extra
    assert not problems(records)
    (group,) = [r for r in records if isinstance(r, Skipped)]
    assert group.reason == "contact group"
    assert group.origin.place == "card 2, line 15"


def test_broken_cards_are_problems_and_the_others_import() -> None:
    records = parse(DATA / "broken.vcf")
    found = contacts(records)
    assert set(found) == {
        "Whole Card",
        "Has Agent",
        "Only Org Inc.",
        "only-email@example.org",
        "<script>alert(1)</script>",
        "After Garbage",
    }
    assert found["Has Agent"].phones == ("+44 20 7946 0958",)
    hostile = found["<script>alert(1)</script>"]
    assert hostile.notes == '=HYPERLINK("http://evil.example","click")'
    reasons = [(p.origin.place, p.reason) for p in problems(records)]
    assert reasons[0][0] == "card 1, line 1"
    assert "no END:VCARD" in reasons[0][1]
    assert reasons[1][0] == "card 3, line 10"
    assert "no name" in reasons[1][1]
    assert len(reasons) == 2


def test_nesting_deeper_than_the_limit_is_a_problem() -> None:
    depth = vcard.MAX_NESTING + 3
    inner = "BEGIN:VCARD\nFN:inner\nAGENT:\n" * depth + "END:VCARD\n" * depth
    text = (
        "BEGIN:VCARD\nFN:Outer\nAGENT:\n" + inner + "END:VCARD\nBEGIN:VCARD\nFN:Next\nEND:VCARD\n"
    )
    records = parse_bytes(text.encode())
    assert "nested deeper" in problems(records)[0].reason
    assert list(contacts(records)) == ["Next"]


def test_vdir_folder_reads_each_card_file() -> None:
    records = parse(DATA / "vdir")
    assert [r.key for r in records if isinstance(r, ContactRecord)] == [
        "vcard:uid:vdir-one",
        "vcard:uid:vdir-two",
    ]
    assert records[0].origin.path.endswith("one.vcf")
    assert vcard.is_vdir(str(DATA / "vdir"))
    assert not vcard.is_vdir(str(DATA / "apple.vcf"))


def test_utf16_without_bom_and_with_bom() -> None:
    text = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ǽgean Ľda Monté\r\nEND:VCARD\r\n"
    for data in (text.encode("utf-16-be"), text.encode("utf-16-le"), text.encode("utf-16")):
        assert list(contacts(parse_bytes(data))) == ["Ǽgean Ľda Monté"]


def test_latin1_file_reads() -> None:
    data = "BEGIN:VCARD\nVERSION:3.0\nFN:José Müller\nEND:VCARD\n".encode("latin-1")
    assert list(contacts(parse_bytes(data))) == ["José Müller"]


def test_key_is_stable_and_follows_identity() -> None:
    first = contacts(parse(DATA / "apple.vcf"))["Chidi Okafor"].key
    again = contacts(parse(DATA / "apple.vcf"))["Chidi Okafor"].key
    assert first == again
    other = parse_bytes(b"BEGIN:VCARD\nFN:Chidi Okafor\nEMAIL:other@example.net\nEND:VCARD\n")
    assert contacts(other)["Chidi Okafor"].key != first


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("--0301", "--03-01"),
        ("--03-01", "--03-01"),
        ("1604-03-01", "--03-01"),
        ("19850301", "1985-03-01"),
        ("1985-03-01T00:00:00Z", "1985-03-01"),
        ("1985-02-30", ""),
        ("circa 1800", ""),
    ],
)
def test_birthday_forms(value: str, expected: str) -> None:
    assert vcard.birthday(value) == expected


def test_a_50_mb_photo_is_skipped_in_little_memory(tmp_path: Path) -> None:
    path = tmp_path / "photo.vcf"
    chunk = b" " + b"A" * 74 + b"\r\n"
    with path.open("wb") as out:
        out.write(b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Big Photo\r\nPHOTO;ENCODING=b:AAAA\r\n")
        for _ in range(50_000_000 // len(chunk)):
            out.write(chunk)
        out.write(b"EMAIL:big@example.org\r\nEND:VCARD\r\n")
    tracemalloc.start()
    records = parse(path)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert contacts(records)["Big Photo"].emails == ("big@example.org",)
    assert peak < 5_000_000


def test_a_photo_on_one_huge_line_is_skipped_too(tmp_path: Path) -> None:
    path = tmp_path / "photo4.vcf"
    with path.open("wb") as out:
        out.write(b"BEGIN:VCARD\nVERSION:4.0\nFN:One Line Photo\nPHOTO:data:image/jpeg;base64,")
        for _ in range(30):
            out.write(b"QUFB" * (1 << 18))
        out.write(b"\nEMAIL:one@example.org\nEND:VCARD\n")
    tracemalloc.start()
    records = parse(path)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert contacts(records)["One Line Photo"].emails == ("one@example.org",)
    assert peak < 20_000_000


def test_unindented_21_photo_data_is_passed_over() -> None:
    text = (
        "BEGIN:VCARD\r\nVERSION:2.1\r\nFN:Outlook Photo\r\n"
        "PHOTO;TYPE=JPEG;ENCODING=BASE64:\r\n/9j/4AAQSkZJRgABAQEAYABgAAD\r\nAAAAAAAAAAAAAA==\r\n\r\n"
        "TEL;WORK;VOICE:+1 (555) 010-0199\r\nEND:VCARD\r\n"
    )
    (card,) = contacts(parse_bytes(text.encode())).values()
    assert card.phones == ("+1 (555) 010-0199",)
    assert not card.extra


def test_an_over_long_line_makes_the_card_a_problem(tmp_path: Path) -> None:
    path = tmp_path / "long.vcf"
    with path.open("wb") as out:
        out.write(b"BEGIN:VCARD\nFN:Long Note\nNOTE:")
        out.write(b"x" * (vcard.MAX_LINE + 10))
        out.write(b"\nEND:VCARD\nBEGIN:VCARD\nFN:Fine\nEND:VCARD\n")
    records = parse(path)
    assert "longer than" in problems(records)[0].reason
    assert list(contacts(records)) == ["Fine"]


def test_sniff() -> None:
    assert vcard.sniff(b"\xef\xbb\xbf\r\nbegin:vcard\r\n", "x.txt")
    assert vcard.sniff("BEGIN:VCARD\r\n".encode("utf-16-be"), "x")
    assert not vcard.sniff(b"First Name,Last Name\n", "contacts.vcf")
    assert vcard.sniff(b"", "empty.vcf")
    assert vcard.sniff(b"", str(DATA / "vdir"))
    assert not vcard.sniff(b"", str(DATA.parent / "csv"))


def _shared_vcards() -> list[Path]:
    folder = SHARED / "vcard"
    if not folder.is_dir():
        return []
    files = [p for p in sorted(folder.rglob("*")) if p.is_file() and ".abook" not in str(p)]
    return files + sorted(p for p in folder.rglob("*.abook") if p.is_dir())


@pytest.mark.skipif(not (SHARED / "vcard").is_dir(), reason=f"{SHARED}/vcard is absent")
@pytest.mark.parametrize("path", _shared_vcards(), ids=lambda p: str(p.relative_to(SHARED)))
def test_shared_fixture_parses_or_reports_cleanly(path: Path) -> None:
    records = parse(path)
    assert records
    for record in records:
        assert isinstance(record, ContactRecord | Problem | Skipped)
        if isinstance(record, Problem):
            assert record.reason.endswith(".") and record.origin.path
        else:
            assert record.name and record.key


@pytest.mark.skipif(not (SHARED / "vcard").is_dir(), reason=f"{SHARED}/vcard is absent")
def test_shared_fixture_details() -> None:
    assert contacts(parse(SHARED / "vcard/roundcube/utf-16_sample.vcf"))
    android = contacts(parse(SHARED / "vcard/ez-vcard/John_Doe_ANDROID.vcf"))
    assert "Ñ Ñ Ñ Ñ Ñ" in android
    assert parse(SHARED / "vcard/radicale/contact4-with-bday-no-year.vcf")[0].birthday == "--01-01"  # type: ignore[union-attr]
    unterminated = parse(SHARED / "vcard/khard/vcards/unparsable.vcf")
    assert isinstance(unterminated[0], Problem)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=2000))
def test_fuzz_random_bytes_give_only_records(data: bytes) -> None:
    for record in parse_bytes(data):
        assert isinstance(record, ContactRecord | Problem | Skipped)


@settings(max_examples=150, deadline=None)
@given(
    st.integers(min_value=0, max_value=2000),
    st.sampled_from(["apple.vcf", "v4.vcf", "qp21.vcf", "broken.vcf"]),
)
def test_fuzz_truncated_fixtures(cut: int, name: str) -> None:
    data = (DATA / name).read_bytes()[:cut]
    for record in parse_bytes(data):
        assert isinstance(record, ContactRecord | Problem | Skipped)


TOKENS = [*'BEGIN:VCARDEND;=\\,.\r\n \t"QP-item1X', "BEGIN:VCARD\n", "END:VCARD\n", "AGENT:\n"]
TOKENS += ["QUOTED-PRINTABLE", "=\n", "PHOTO:", "item1.", ";CHARSET=x-bogus"]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(TOKENS), max_size=120))
def test_fuzz_vcard_like_text(tokens: list[str]) -> None:
    for record in parse_bytes("".join(tokens).encode()):
        assert isinstance(record, ContactRecord | Problem | Skipped)
