"""The LinkedIn export (folder and .zip) and safe archives; synthetic fixtures only."""

from __future__ import annotations

import stat
import zipfile
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TypeVar

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kith.errors import InvalidInput
from kith.importers import archive, linkedin
from kith.importers.records import (
    ActivityRecord,
    ContactRecord,
    LedgerRecord,
    ParseContext,
    Participant,
    Problem,
    Record,
    Skipped,
)

DATA = Path(__file__).parent / "data" / "linkedin"
EXPORT = DATA / "export"
CONTEXT = ParseContext(now=datetime(2026, 11, 25, 15, 0, tzinfo=UTC))
T = TypeVar("T")
PRIYA = "https://www.linkedin.com/in/priya-raman-example"
JONAS = "https://www.linkedin.com/in/jonas-weber-example"


def parse(path: Path) -> list[Record]:
    return list(linkedin.parse(str(path), CONTEXT))


def of(kind: type[T], records: list[Record]) -> list[T]:
    return [r for r in records if isinstance(r, kind)]


def zipped(folder: Path, target: Path, prefix: str = "") -> Path:
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        for file in sorted(folder.iterdir()):
            out.write(file, prefix + file.name)
    return target


def test_connections_preamble_dates_hidden_members_and_hostile_text() -> None:
    records = parse(EXPORT)
    people = {c.name: c for c in of(ContactRecord, records)}
    priya = people["Priya Raman"]
    assert priya.key == f"linkedin:{PRIYA}"
    assert priya.links == (PRIYA,)
    assert priya.emails == ()
    assert (priya.organization, priya.title) == ("Lumen Robotics", "VP Engineering")
    assert priya.met_on == date(2026, 2, 8)
    assert priya.met_how == "LinkedIn connection"
    jonas = people["Jonas Weber"]
    assert jonas.links == (JONAS,)  # trailing slash dropped: one form per profile
    assert jonas.emails == ("jonas@weber.example",)
    assert people["Aiko Tanaka"].met_on is None
    assert people["Aiko Tanaka"].extra == {"Connected On": "someday"}
    assert '=HYPERLINK(""http://evil.example"") <script>x</script>' in people
    hidden = [s for s in of(Skipped, records) if s.origin.path.endswith("Connections.csv")]
    assert [(s.origin.place, s.reason) for s in hidden] == [("line 7", "hidden member")]


def test_older_export_without_url_column() -> None:
    records = parse(DATA / "old")
    (elena,) = of(ContactRecord, records)
    assert elena.links == ()
    assert elena.key.startswith("linkedin:name:")
    assert elena.met_on == date(2017, 6, 22)
    assert elena.key == of(ContactRecord, parse(DATA / "old"))[0].key
    assert [s.reason for s in of(Skipped, records)] == ["hidden member"]


def test_messages_become_one_activity_per_conversation_day_and_person() -> None:
    records = parse(EXPORT)
    messages = [a for a in of(ActivityRecord, records) if a.key.startswith("linkedin:message")]
    by_key = {
        (a.key.split(":")[2], a.occurred_at.date().isoformat(), a.participants[0].url): a
        for a in messages
    }
    assert set(by_key) == {
        ("conv-1", "2026-02-08", PRIYA),
        ("conv-1", "2026-02-12", PRIYA),
        ("conv-2", "2025-12-01", JONAS),
        ("conv-3", "2026-01-15", PRIYA),
        ("conv-3", "2026-01-15", JONAS),
    }
    first = by_key[("conv-1", "2026-02-08", PRIYA)]
    assert first.initiated_by == "them" and first.both_ways
    assert first.occurred_at == datetime(2026, 2, 8, 14, 3, 11, tzinfo=UTC)
    assert by_key[("conv-1", "2026-02-12", PRIYA)].initiated_by == "me"
    assert not by_key[("conv-1", "2026-02-12", PRIYA)].both_ways
    assert by_key[("conv-3", "2026-01-15", JONAS)].summary == "Team lunch"
    assert all(a.kind == "message" for a in messages)
    for activity in messages:  # the user is never a participant
        assert all("sam-rivera" not in p.url for p in activity.participants)
    assert "draft message" in [s.reason for s in of(Skipped, records)]
    (bad_date,) = [p for p in of(Problem, records) if p.origin.path.endswith("messages.csv")]
    assert bad_date.origin.place == "line 9"


def test_messages_after_now_are_skipped() -> None:
    early = ParseContext(now=datetime(2026, 1, 1, tzinfo=UTC))
    records = list(linkedin.parse(str(EXPORT / "messages.csv"), early))
    days = {a.occurred_at.date() for a in of(ActivityRecord, records)}
    assert days == {date(2025, 12, 1)}
    assert [s.reason for s in of(Skipped, records)].count("dated in the future") == 5


def test_the_user_is_found_without_profile_or_invitations() -> None:
    messages = of(ActivityRecord, parse(DATA / "anonymous"))
    people = {p.url for a in messages for p in a.participants}
    assert people == {PRIYA, JONAS, "https://www.linkedin.com/in/noor-haddad-example"}


def test_invitations_carry_direction_and_us_dates() -> None:
    invitations = [a for a in of(ActivityRecord, parse(EXPORT)) if "invitation" in a.key]
    sent, received = invitations
    assert sent.initiated_by == "me"
    assert sent.occurred_at == datetime(2026, 1, 29, 14, 37, tzinfo=UTC)
    assert sent.participants == (
        Participant(name="Aiko Tanaka", url="https://www.linkedin.com/in/aiko-tanaka-example"),
    )
    assert sent.summary == "Sent a LinkedIn invitation: Enjoyed your talk on robotics"
    assert received.initiated_by == "them"
    assert received.participants[0].name == "Noor Haddad"
    assert received.occurred_at == datetime(2025, 12, 3, 9, 5, tzinfo=UTC)


def test_endorsements_and_recommendations_seed_the_ledger() -> None:
    records = parse(EXPORT)
    endorsed, recommended = of(LedgerRecord, records)
    assert (endorsed.direction, endorsed.kind) == ("i_gave", "endorsement")
    assert endorsed.person == Participant(name="Priya Raman", url=PRIYA)
    assert endorsed.occurred_on == date(2025, 10, 24)
    assert endorsed.summary == "Endorsed Robotics on LinkedIn"
    assert recommended.person.name == "Jonas Weber"
    assert recommended.occurred_on == date(2025, 5, 17)
    assert "endorsement not shown" in [s.reason for s in of(Skipped, records)]


def test_zip_equals_folder_and_keys_are_stable(tmp_path: Path) -> None:
    folder = parse(EXPORT)
    packed = parse(zipped(EXPORT, tmp_path / "Basic_LinkedInDataExport.zip", "export/"))
    assert [getattr(r, "key", None) for r in packed] == [getattr(r, "key", None) for r in folder]
    assert packed[0].origin.path.endswith("Basic_LinkedInDataExport.zip!export/Connections.csv")
    assert [getattr(r, "key", None) for r in parse(EXPORT)] == [
        getattr(r, "key", None) for r in folder
    ]


def test_a_single_csv_is_read_by_its_header(tmp_path: Path) -> None:
    renamed = tmp_path / "my connections.csv"
    renamed.write_bytes((EXPORT / "Connections.csv").read_bytes())
    assert len(of(ContactRecord, parse(renamed))) == 4


def test_sniff() -> None:
    head = (EXPORT / "Connections.csv").read_bytes()[:8192]
    assert linkedin.sniff(head, "Connections.csv")
    assert linkedin.sniff((EXPORT / "messages.csv").read_bytes()[:8192], "x.csv")
    assert linkedin.sniff(b"", str(EXPORT))
    assert not linkedin.sniff(b"First Name,Last Name,E-mail Address\n", "contacts.csv")
    assert not linkedin.sniff(b"", str(DATA.parent / "vcard"))


def test_when_reads_every_linkedin_date_form() -> None:
    assert linkedin.when("2026-02-08 14:03:11 UTC") == datetime(2026, 2, 8, 14, 3, 11, tzinfo=UTC)
    assert linkedin.when("2017/10/24 08:06:57 UTC") == datetime(2017, 10, 24, 8, 6, 57, tzinfo=UTC)
    assert linkedin.when("1/29/26, 2:37 PM") == datetime(2026, 1, 29, 14, 37, tzinfo=UTC)
    assert linkedin.when("12/3/25, 12:05 AM") == datetime(2025, 12, 3, 0, 5, tzinfo=UTC)
    assert linkedin.when("08 Feb 2026") == datetime(2026, 2, 8, tzinfo=UTC)
    assert linkedin.when("31 Feb 2026") is None
    assert linkedin.when("someday") is None


# --- archives ----------------------------------------------------------------------------


def _zip_with(path: Path, name: str, data: bytes = b"x", mode: int | None = None) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        info = zipfile.ZipInfo(name)
        info.compress_type = zipfile.ZIP_DEFLATED
        if mode is not None:
            info.external_attr = mode << 16
        out.writestr(info, data)
    return path


@pytest.mark.parametrize(
    ("name", "why"),
    [
        ("../../etc/passwd", "outside"),
        ("export/../../x.csv", "outside"),
        ("/etc/passwd", "outside"),
        ("C:\\Windows\\x.csv", "outside"),
        ("..\\x.csv", "outside"),
    ],
)
def test_archive_paths_that_climb_out_are_refused(tmp_path: Path, name: str, why: str) -> None:
    path = _zip_with(tmp_path / "bad.zip", name)
    with pytest.raises(InvalidInput, match=why):
        list(linkedin.parse(str(path), CONTEXT))
    with pytest.raises(InvalidInput, match=why):
        list(archive.parse(str(path), CONTEXT))


def test_archive_symlinks_are_refused(tmp_path: Path) -> None:
    path = _zip_with(tmp_path / "link.zip", "Connections.csv", b"/etc/passwd", stat.S_IFLNK | 0o777)
    with pytest.raises(InvalidInput, match="symbolic link"):
        archive.SafeZip(str(path))


def test_zip_bombs_are_refused(tmp_path: Path) -> None:
    path = _zip_with(tmp_path / "bomb.zip", "messages.csv", b"\0" * (20 << 20))
    with pytest.raises(InvalidInput, match="zip bomb"):
        archive.SafeZip(str(path))


def test_total_expansion_is_capped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(archive, "MAX_TOTAL", 1000)
    path = zipped(EXPORT, tmp_path / "export.zip")
    with pytest.raises(InvalidInput, match="expand to more than"):
        archive.SafeZip(str(path))


def test_not_a_zip_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "fake.zip"
    path.write_bytes(b"PK\x03\x04 not really")
    with pytest.raises(InvalidInput, match="not a readable zip"):
        archive.SafeZip(str(path))


def test_archive_of_address_books(tmp_path: Path) -> None:
    vcard_data = (DATA.parent / "vcard" / "v4.vcf").read_bytes()
    csv_data = (DATA.parent / "csv" / "google.csv").read_bytes()
    path = tmp_path / "books.zip"
    with zipfile.ZipFile(path, "w") as out:
        out.writestr("phone/contacts.vcf", vcard_data)
        out.writestr("google.csv", csv_data)
        out.writestr("readme.txt", b"hello")
    records = list(archive.parse(str(path), CONTEXT))
    names = {r.name for r in of(ContactRecord, records)}
    assert {"Ana Lima", "Maya Fernandes"} <= names
    assert any(s.reason == "not an address book" for s in of(Skipped, records))
    assert archive.sniff(path.read_bytes()[:8192], "books.zip")


def test_archive_parse_reads_a_linkedin_export(tmp_path: Path) -> None:
    path = zipped(EXPORT, tmp_path / "export.zip")
    assert len(of(ContactRecord, list(archive.parse(str(path), CONTEXT)))) == 4


# --- fuzzing -----------------------------------------------------------------------------

FILES = sorted(p.name for p in EXPORT.iterdir())


@settings(
    max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.sampled_from(FILES), st.integers(min_value=0, max_value=3000), st.binary(max_size=300))
def test_fuzz_truncated_and_random_files(tmp_path: Path, name: str, cut: int, noise: bytes) -> None:
    folder = tmp_path / "fuzz"
    folder.mkdir(exist_ok=True)
    for file in folder.iterdir():
        file.unlink()
    (folder / name).write_bytes((EXPORT / name).read_bytes()[:cut] + noise)
    for record in linkedin.parse(str(folder), CONTEXT):
        assert isinstance(record, ContactRecord | ActivityRecord | LedgerRecord | Problem | Skipped)


@settings(
    max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.integers(min_value=0, max_value=4000), st.integers(min_value=0, max_value=255))
def test_fuzz_damaged_zips_are_refused_or_reported(tmp_path: Path, at: int, byte: int) -> None:
    data = bytearray(zipped(EXPORT, tmp_path / "good.zip").read_bytes())
    if at < len(data):
        data[at] = byte  # one damaged byte: a header, a name, compressed data or a CRC
    damaged = tmp_path / "damaged.zip"
    damaged.write_bytes(bytes(data))
    for parse_zip in (linkedin.parse, archive.parse):
        try:
            records = list(parse_zip(str(damaged), CONTEXT))
        except InvalidInput as error:
            assert str(error).endswith(".")
            continue
        for record in records:
            assert isinstance(
                record, ContactRecord | ActivityRecord | LedgerRecord | Problem | Skipped
            )


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.integers(min_value=0, max_value=4000))
def test_fuzz_truncated_zips(tmp_path: Path, cut: int) -> None:
    data = zipped(EXPORT, tmp_path / "good.zip").read_bytes()[:cut]
    damaged = tmp_path / "cut.zip"
    damaged.write_bytes(data)
    try:
        records = list(linkedin.parse(str(damaged), CONTEXT))
    except InvalidInput:
        return
    assert all(
        isinstance(r, ContactRecord | ActivityRecord | LedgerRecord | Problem | Skipped)
        for r in records
    )
