"""The email parser: threads, days and people from headers only; bulk mail left out."""

from __future__ import annotations

import shutil
from collections import Counter
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kith.importers import mail
from kith.importers.records import (
    ActivityRecord,
    Origin,
    ParseContext,
    Participant,
    Problem,
    Record,
    Skipped,
)

DATA = Path(__file__).parent / "data" / "mail"
MBOX = DATA / "sample.mbox"
MAILDIRS = DATA / "maildirs"
FIXTURES = (Path(__file__).parents[1] / ".." / "shared" / "fixtures" / "mail").resolve()
EST = timezone(timedelta(hours=-5))
NOW = datetime(2026, 11, 25, 10, 0, tzinfo=EST)
CONTEXT = ParseContext(now=NOW, my_emails=frozenset({"me@example.com"}))
FIXTURE_CHECK = HealthCheck.function_scoped_fixture


def read(path: Path, context: ParseContext = CONTEXT) -> list[Record]:
    return list(mail.parse(str(path), context))


def emails(records: list[Record]) -> dict[tuple[str, str], ActivityRecord]:
    """Records by (UTC day, person's address)."""
    found = {}
    for r in records:
        if isinstance(r, ActivityRecord):
            key = (r.occurred_at.astimezone(UTC).date().isoformat(), r.participants[0].email)
            assert key not in found, f"two records for {key}"
            found[key] = r
    return found


def reasons(records: list[Record], kind: type[Problem] | type[Skipped]) -> Counter[str]:
    return Counter(r.reason for r in records if isinstance(r, kind))


def test_one_record_per_thread_per_day_per_person_with_direction() -> None:
    found = emails(read(MBOX))
    kickoff = found[("2026-03-01", "alice@example.org")]  # my message and her two replies
    assert kickoff.kind == "email"
    assert kickoff.initiated_by == "me"  # I wrote first that day
    assert kickoff.occurred_at == datetime(2026, 3, 1, 9, tzinfo=EST)
    assert kickoff.summary == "Project kickoff"
    assert kickoff.key == "email:<kickoff@example.com>:2026-03-01:alice@example.org"
    assert kickoff.participants == (Participant("Alice Doe", "alice@example.org"),)
    later = found[("2026-03-03", "alice@example.org")]  # same thread, later day: own record
    assert later.initiated_by == "them"
    assert later.key == "email:<kickoff@example.com>:2026-03-03:alice@example.org"


def test_both_ways_marks_correspondents_not_one_way_recipients() -> None:
    found = emails(read(MBOX))
    assert found[("2026-03-01", "alice@example.org")].both_ways  # she answered
    assert not found[("2026-03-01", "bjorn@example.org")].both_ways  # only copied by me
    assert not found[("2026-03-06", "erin@example.org")].both_ways  # only wrote to me


def test_received_mail_counts_the_sender_only() -> None:
    records = read(MBOX)
    people = {r.participants[0].email for r in records if isinstance(r, ActivityRecord)}
    assert "me@example.com" not in people
    assert people == {
        "alice@example.org",
        "bjorn@example.org",
        "dan@example.org",
        "erin@example.org",
    }


def test_encoded_word_names_and_subjects_are_decoded() -> None:
    found = emails(read(MBOX)) | emails(read(MAILDIRS))
    assert found[("2026-03-01", "bjorn@example.org")].participants[0].name == "Björn Åström"
    frank = found[("2026-03-08", "frank@example.org")]
    assert frank.participants[0].name == "François Lefèvre"
    assert frank.summary == "Café tomorrow"


def test_bulk_and_automated_mail_is_skipped_and_counted() -> None:
    records = read(MBOX)
    assert reasons(records, Skipped) == {
        "bulk mail": 3,  # List-Id, List-Unsubscribe, Precedence: bulk
        "automated sender": 2,  # noreply@, MAILER-DAEMON@
        "over 15 recipients": 1,
        "thread with over 15 recipients": 1,
        "dated after now": 1,
    }


def test_a_thread_with_over_max_recipients_is_left_out_whole() -> None:
    records = read(MBOX)
    people = {r.participants[0].email for r in records if isinstance(r, ActivityRecord)}
    assert "carol@example.org" not in people  # her reply was in the 20-guest thread
    assert not any(p.startswith("guest") for p in people)
    roomy = ParseContext(NOW, CONTEXT.my_emails, max_attendees=25)
    assert ("2026-03-04", "carol@example.org") in emails(read(MBOX, roomy))


def test_alice_with_an_unclosed_comment_is_never_filed_under_bob() -> None:
    records = read(MBOX)
    [problem] = [r for r in records if isinstance(r, Problem) and "address" in r.reason]
    assert problem.origin == Origin(str(MBOX), "message 10")
    assert all(
        p.email not in ("bob@y", "alice@x")
        for r in records
        if isinstance(r, ActivityRecord)
        for p in r.participants
    )
    with pytest.raises(mail.MalformedAddress):
        mail.addresses("alice@x(<bob@y>")
    with pytest.raises(mail.MalformedAddress):
        mail.addresses("<bob@y")
    assert mail.addresses('"Doe, J. (work)" <J@X.org>, b@y') == (
        Participant("Doe, J. (work)", "j@x.org"),
        Participant("", "b@y"),
    )
    assert mail.addresses("undisclosed-recipients:;") == ()


def test_threads_without_ids_follow_the_normalised_subject() -> None:
    lunch = emails(read(MBOX))[("2026-03-05", "dan@example.org")]  # "Lunch?" / "RE: Fwd: lunch?"
    assert lunch.key == "email:subject:lunch?:2026-03-05:dan@example.org"
    assert lunch.initiated_by == "them" and lunch.both_ways
    assert mail.normalise_subject("Re: [team] AW: Fwd:  Big   News") == "big news"


def test_reply_threading_uses_the_root_message_id() -> None:
    fields = {"references": "<root@x> <mid@x>", "in-reply-to": "<mid@x>", "message-id": "<me@x>"}
    assert mail.thread_of(fields, "Re: hi") == "<root@x>"
    assert mail.thread_of({"in-reply-to": "<mid@x>", "message-id": "<me@x>"}, "") == "<mid@x>"
    assert mail.thread_of({"message-id": "<me@x>"}, "") == "<me@x>"
    assert mail.thread_of({}, "Re: Hi") == "subject:hi"
    assert mail.thread_of({}, "x" * 300).startswith("sha1:")


def test_unreadable_messages_are_problems_and_the_rest_imports() -> None:
    records = read(MBOX)
    assert reasons(records, Problem) == {
        "An address field has an unclosed comment, quote or bracket.": 1,
        "The message has no readable Date.": 1,
    }
    assert ("2026-03-06", "erin@example.org") in emails(records)  # after both problems


def test_a_folder_of_maildirs_reads_cur_and_new_but_not_tmp() -> None:
    records = read(MAILDIRS)
    found = emails(records)
    assert set(found) == {("2026-03-08", "frank@example.org"), ("2026-03-08", "grace@example.org")}
    frank = found[("2026-03-08", "frank@example.org")]
    assert frank.initiated_by == "them" and frank.both_ways  # I answered from Sent, same day
    assert frank.key == "email:<cafe@example.org>:2026-03-08:frank@example.org"
    assert [r for r in records if not isinstance(r, ActivityRecord)] == []
    assert mail.is_maildir(str(MAILDIRS)) and mail.is_maildir(str(MAILDIRS / "Inbox"))
    assert not mail.is_maildir(str(MBOX))


def test_one_message_file_is_read_as_one_message() -> None:
    message = next((MAILDIRS / "Inbox" / "new").iterdir())
    [record] = read(message)
    assert isinstance(record, ActivityRecord) and record.participants[0].name == "Grace Hall"


def test_keys_are_stable_whatever_zone_imports_them() -> None:
    tokyo = ParseContext(NOW.astimezone(timezone(timedelta(hours=9))), CONTEXT.my_emails)
    keys = [r.key for r in read(MBOX) if isinstance(r, ActivityRecord)]
    assert keys == [r.key for r in read(MBOX, tokyo) if isinstance(r, ActivityRecord)]


def test_chunk_boundaries_do_not_change_what_is_read(monkeypatch: pytest.MonkeyPatch) -> None:
    expected = read(MBOX)
    for size in (1, 5, 6, 7, 64, 333, 4096):
        monkeypatch.setattr(mail, "CHUNK", size)
        monkeypatch.setattr(mail, "FIRST_READ", size)
        assert read(MBOX) == expected, size
        assert read(MAILDIRS) == read(MAILDIRS)


def test_huge_lines_and_attachments_are_skipped_not_held(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(mail, "HEADER_CAP", 4096)  # the same logic as at 1 MiB, but small
    monkeypatch.setattr(mail, "CHUNK", 1024)
    head = "From x Sat Mar 07 10:00:00 2026\nFrom: Ann <ann@example.org>\nTo: me@example.com\n"
    big = tmp_path / "big.mbox"
    with big.open("w") as f:
        f.write(head + "Subject: long\nX-Long: " + "a" * 50_000 + "\n\nbody\n")
        f.write(head + "Date: Sun, 08 Mar 2026 10:00:00 +0000\nSubject: ok\n\n" + "b" * 90_000)
        f.write("\n" + head + "Date: Mon, 09 Mar 2026 10:00:00 +0000\nSubject: after\n\nend\n")
    records = read(big)
    assert [type(r) for r in records] == [Problem, ActivityRecord, ActivityRecord]
    assert isinstance(records[0], Problem)
    assert records[0].reason == "The headers are longer than 1 MiB."


def test_sniff_reads_content_not_only_names() -> None:
    assert mail.sniff(MBOX.read_bytes()[:8192], "All mail Including Spam and Trash")
    assert mail.sniff(b"Return-Path: <a@b>\nFrom: a@b\nDate: x\n", "1234.M1:2,S")
    assert not mail.sniff(b"BEGIN:VCARD\r\nFN:x\r\n", "a.vcf")
    assert not mail.sniff(b"name,email\nAna,a@b\n", "contacts.csv")
    assert mail.sniff(b"", "archive.mbox")
    assert mail.sniff(b"", str(MAILDIRS)) and mail.sniff(b"", str(MAILDIRS / "Sent"))
    assert not mail.sniff(b"", str(DATA.parent / "ics"))  # no cur/ and new/ anywhere below


def test_an_unreadable_path_is_a_problem(tmp_path: Path) -> None:
    assert [type(r) for r in read(tmp_path / "missing.mbox")] == [Problem]


def shared_paths() -> list[Path]:
    if not FIXTURES.is_dir():
        return []
    files = [p for p in FIXTURES.rglob("*") if p.is_file()]
    folders = [p for p in FIXTURES.rglob("*") if p.is_dir()]
    return sorted(files + folders)


@pytest.mark.skipif(not FIXTURES.is_dir(), reason=f"shared fixtures absent: {FIXTURES}")
@pytest.mark.parametrize("path", shared_paths(), ids=lambda p: str(p.relative_to(FIXTURES)))
def test_every_shared_mail_file_and_folder_parses_or_reports_problems(path: Path) -> None:
    everyone = ParseContext(NOW, frozenset({"cworth@cworth.org", "tb@tester.local"}))
    for record in read(path, everyone):
        assert isinstance(record, ActivityRecord | Problem | Skipped)
        if isinstance(record, Problem):
            assert record.reason.endswith(".") and str(path) in record.origin.path
        if isinstance(record, ActivityRecord):
            assert record.occurred_at <= NOW and len(record.participants) == 1


@pytest.mark.skipif(not FIXTURES.is_dir(), reason=f"shared fixtures absent: {FIXTURES}")
def test_shared_mailing_list_traffic_is_bulk_and_the_reply_loop_ends() -> None:
    lkml = read(FIXTURES / "notmuch" / "lkml")
    assert lkml and all(isinstance(r, Skipped) and r.reason == "bulk mail" for r in lkml)
    assert read(FIXTURES / "notmuch" / "broken" / "loop") == []  # loose files: not a Maildir
    for message in (FIXTURES / "notmuch" / "broken" / "loop").iterdir():  # each the other's reply
        assert [type(r) for r in read(message)] == [ActivityRecord]
    cc = read(FIXTURES / "notmuch" / "broken" / "broken-cc", ParseContext(NOW, frozenset()))
    assert [r.participants[0].email for r in cc if isinstance(r, ActivityRecord)] == [
        "alice@example.org"
    ]
    mbox = read(FIXTURES / "roundcube" / "import.mbox", ParseContext(NOW, frozenset()))
    assert len([r for r in mbox if isinstance(r, ActivityRecord)]) == 3


SAMPLE = MBOX.read_bytes()


@settings(max_examples=80, deadline=None, suppress_health_check=[FIXTURE_CHECK])
@given(cut=st.integers(0, len(SAMPLE)), noise=st.binary(max_size=200), keep=st.integers(0, 3000))
def test_truncated_and_garbled_mailboxes_give_only_problems(
    tmp_path: Path, cut: int, noise: bytes, keep: int
) -> None:
    path = tmp_path / "fuzz.mbox"
    path.write_bytes(SAMPLE[:cut] + noise + SAMPLE[cut : cut + keep])
    for record in read(path):
        assert isinstance(record, ActivityRecord | Problem | Skipped)


HEADER_LINES = st.sampled_from(
    [
        "From x Sat Mar 07 10:00:00 2026",
        "From: Ann <ann@example.org>",
        "From: =?utf-8?b?broken?= <a@b>",
        "From: =?x-unknown?q?x?= <a@b>",
        'From: "unclosed <a@b>',
        "From: a@b, (comment",
        "To: me@example.com, =?utf-8?q?=FF?= <c@d>",
        "Cc: ,,,;;;<>",
        "Date: Sun, 08 Mar 2026 10:00:00 +0000",
        "Date: Sun, 31 Feb 99999 99:99:99 +9999",
        "Date: yesterday",
        "References: <a@b> <c@d>",
        "In-Reply-To: garbage",
        "Subject: =?utf-8?q?caf=C3=A9?=",
        " continued",
        "",
        ">From quoted",
        "\x00\x01binary",
    ]
)


@settings(max_examples=80, deadline=None, suppress_health_check=[FIXTURE_CHECK])
@given(lines=st.lists(HEADER_LINES, max_size=30), raw=st.binary(max_size=300))
def test_random_messages_give_only_problems(tmp_path: Path, lines: list[str], raw: bytes) -> None:
    for name, data in (("m.mbox", "\n".join(lines).encode()), ("raw", raw)):
        path = tmp_path / name
        path.write_bytes(data)
        for record in read(path):
            assert isinstance(record, ActivityRecord | Problem | Skipped)
    folder = tmp_path / "box" / "cur"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "1").write_bytes(raw + b"\n" + "\n".join(lines).encode())
    assert all(isinstance(r, ActivityRecord | Problem | Skipped) for r in read(tmp_path / "box"))
    shutil.rmtree(tmp_path / "box")
