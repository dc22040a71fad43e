"""What a new user met on a job seeker's real files (issue #11), each as a test through the
command line as typed, on both databases."""

from __future__ import annotations

import csv
import io
import json
import os
import zipfile
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from conftest import Run

OLD = datetime(2024, 3, 1, tzinfo=UTC)
NEW = datetime(2026, 11, 20, tzinfo=UTC)


def written(path: Path, text: str, when: datetime | None = None) -> Path:
    path.write_text(text, encoding="utf-8", newline="")
    if when is not None:
        os.utime(path, (when.timestamp(), when.timestamp()))
    return path


def card(name: str, *lines: str, rev: str = "") -> str:
    extra = [f"REV:{rev}"] if rev else []
    return (
        "\r\n".join(["BEGIN:VCARD", "VERSION:3.0", f"FN:{name}", *lines, *extra, "END:VCARD"])
        + "\r\n"
    )


def linkedin(path: Path, rows: list[list[str]], when: datetime = NEW) -> Path:
    header = [
        "First Name",
        "Last Name",
        "URL",
        "Email Address",
        "Company",
        "Position",
        "Connected On",
    ]
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows([header, *rows])
    body = out.getvalue()
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr(zipfile.ZipInfo("Connections.csv", when.timetuple()[:6]), body)
    return path


def people(run: Callable[..., Run]) -> dict[str, Any]:
    listed = json.loads(run("list", "--json").stdout)
    return {
        p["display_name"]: json.loads(run("show", f"#{p['id']}", "--json").stdout) for p in listed
    }


def test_a_household_address_is_shared_never_merged(
    run: Callable[..., Run], tmp_path: Path
) -> None:
    cards = card(
        "Linh Nguyen", "ORG:Arcadia", "EMAIL:nguyen.family@gmail.com", "TEL:+1 415 555 0142"
    )
    cards += card(
        "Tom Nguyen",
        "ORG:Plaid",
        "NOTE:Linh's husband",
        "EMAIL:nguyen.family@gmail.com",
        "TEL:+1 415 555 0142",
    )
    assert run("import", str(written(tmp_path / "phone.vcf", cards))).exit_code == 0
    found = people(run)
    assert set(found) == {"Linh Nguyen", "Tom Nguyen"}
    tom = found["Tom Nguyen"]
    assert tom["person"]["orgs"][0]["name"] == "Plaid" and "husband" in tom["person"]["notes"]
    assert tom["shared"] == {
        "nguyen.family@gmail.com": ["Linh Nguyen"],
        "+14155550142": ["Linh Nguyen"],
    }
    assert "(shared with Linh Nguyen)" in run("show", "Tom Nguyen").stdout
    added = run("add", "Lan Nguyen", "--email", "nguyen.family@gmail.com")  # a daughter
    assert added.exit_code == 0, added.stderr


def test_every_automatic_merge_can_be_undone(run: Callable[..., Run], tmp_path: Path) -> None:
    run("add", "Ana Ruiz", "--email", "ana@acme.com", "--org", "Acme")
    source = written(
        tmp_path / "a.vcf", card("Ana Ruiz", "EMAIL:ana@acme.com", "TEL:+351 912 345 678")
    )
    assert json.loads(run("import", str(source), "--json").stdout)["merged"] == 1
    assert people(run)["Ana Ruiz"]["person"]["phones"] == ["+351912345678"]
    undone = run("unmerge", "Ana Ruiz")
    assert undone.exit_code == 0, undone.stderr
    apart = json.loads(run("list", "--json").stdout)
    assert len(apart) == 2
    assert run("import", str(source), "--json").exit_code == 0  # stays apart on re-import
    assert len(json.loads(run("list", "--json").stdout)) == 2


def test_identical_names_from_calendar_and_mail_are_never_silent_duplicates(
    run: Callable[..., Run], tmp_path: Path
) -> None:
    run("me", "--email", "sam@example.com")
    conn = linkedin(
        tmp_path / "in.zip",
        [
            [
                "Rachel",
                "Goldberg",
                "https://www.linkedin.com/in/rg",
                "",
                "Stripe",
                "PM",
                "01 Jan 2020",
            ],
            ["Olivia", "Chen", "https://www.linkedin.com/in/oc", "", "Plaid", "CTO", "01 Jan 2021"],
        ],
    )
    run("import", str(conn))
    ics = "\r\n".join(
        [
            "BEGIN:VCALENDAR",
            "VERSION:2.0",
            "BEGIN:VEVENT",
            "UID:1@x",
            "DTSTART:20260301T100000Z",
            "DTEND:20260301T110000Z",
            "SUMMARY:Coffee",
            "ORGANIZER:mailto:sam@example.com",
            "ATTENDEE;PARTSTAT=ACCEPTED:mailto:sam@example.com",
            "ATTENDEE;CN=Rachel Goldberg;PARTSTAT=ACCEPTED:mailto:rachel.goldberg@stripe.com",
            'ATTENDEE;CN="Chen, Olivia";PARTSTAT=ACCEPTED:mailto:olivia.chen@gmail.com',
            "END:VEVENT",
            "END:VCALENDAR",
            "",
        ]
    )
    summary = json.loads(run("import", str(written(tmp_path / "cal.ics", ics)), "--json").stdout)
    assert summary["merged"] == 1 and summary["queued"] == 1  # a work address there; a name alone
    [item] = json.loads(run("review", "--json").stdout)
    assert (item["name"], item["candidate"]) == ("Chen, Olivia", "Olivia Chen")
    assert "rachel.goldberg@stripe.com" in people(run)["Rachel Goldberg"]["person"]["emails"]


def test_nicknames_transliterations_and_national_numbers_match(
    run: Callable[..., Run], tmp_path: Path
) -> None:
    run("me", "--phone", "+1 212 555 0100")  # national numbers are read as US ones
    run("add", "Robert Smith", "--org", "Acme", "--phone", "+1 415 555 0142")
    run("add", "Jürgen Müller", "--org", "Globex")
    cards = card("Bob Smith", "ORG:Acme") + card("Juergen Mueller", "ORG:Globex")
    cards += card("R. Smith", "TEL:(415) 555-0142")
    summary = json.loads(run("import", str(written(tmp_path / "a.vcf", cards)), "--json").stdout)
    assert (summary["merged"], summary["added"]) == (3, 0)
    assert set(people(run)) == {"Robert Smith", "Jürgen Müller"}


def test_an_older_address_book_never_renames_or_ends_a_job(
    run: Callable[..., Run], tmp_path: Path
) -> None:
    rows = [
        [
            "Katherine",
            "Johnson",
            "https://www.linkedin.com/in/kj",
            "kj@x.org",
            "Acme",
            "CTO",
            "01 Jan 2020",
        ],
        [
            "José",
            "Álvarez",
            "https://www.linkedin.com/in/ja",
            "ja@x.org",
            "Plaid",
            "PM",
            "01 Jan 2020",
        ],
        [
            "Sarah",
            "Kim-Lee",
            "https://www.linkedin.com/in/sk",
            "sk@x.org",
            "Initech",
            "VP",
            "01 Jan 2020",
        ],
        [
            "Chris",
            "Taylor",
            "https://www.linkedin.com/in/ct",
            "ct@x.org",
            "Watershed",
            "Staff Engineer",
            "01 Jan 2020",
        ],
    ]
    run("import", str(linkedin(tmp_path / "in.zip", rows)))
    cards = card("Kate Johnson", "EMAIL:kj@x.org", "ORG:Acme", rev="20240301T000000Z")
    cards += card("Jose Alvarez", "EMAIL:ja@x.org", rev="20240301T000000Z")
    cards += card("Sarah Kim", "EMAIL:sk@x.org", rev="20240301T000000Z")
    cards += card(
        "Chris Taylor", "EMAIL:ct@x.org", "ORG:Datadog", "TITLE:Engineer", rev="20240301T000000Z"
    )
    assert run("import", str(written(tmp_path / "old.vcf", cards, OLD))).exit_code == 0
    found = people(run)
    assert set(found) == {"Katherine Johnson", "José Álvarez", "Sarah Kim-Lee", "Chris Taylor"}
    assert found["Sarah Kim-Lee"]["person"]["aliases"] == ["Sarah Kim"]
    assert run("show", "Sarah Kim").exit_code == 0  # the old name finds her
    chris = found["Chris Taylor"]["person"]["orgs"]
    assert [(o["name"], o["current"]) for o in chris] == [("Watershed", True), ("Datadog", False)]
    agenda = json.loads(run("today", "--all", "--json").stdout)
    assert not any("Congratulate" in e["action"] for e in agenda)  # no job change to note


def test_a_job_change_is_noticed_whichever_source_wrote_last(
    run: Callable[..., Run], tmp_path: Path
) -> None:
    row = [
        "Wei",
        "Li",
        "https://www.linkedin.com/in/wl",
        "wei@x.org",
        "Datadog",
        "Engineer",
        "01 Jan 2020",
    ]
    run("import", str(linkedin(tmp_path / "in1.zip", [row], datetime(2025, 1, 1, tzinfo=UTC))))
    vcf = card("Wei Li", "EMAIL:wei@x.org", "ORG:Datadog", "TITLE:Engineer", rev="20250601T000000Z")
    run("import", str(written(tmp_path / "a.vcf", vcf)))
    newer = linkedin(tmp_path / "in2.zip", [[*row[:4], "Watershed", "Staff Engineer", row[6]]])
    summary = json.loads(run("import", str(newer), "--json").stdout)
    assert summary["followups"] == 1
    agenda = json.loads(run("today", "--json").stdout)
    assert any("Congratulate" in e["action"] and "Watershed" in e["action"] for e in agenda)
    again = json.loads(run("import", str(newer), "--json").stdout)
    assert again["followups"] == 0  # once


def test_obvious_cases_merge_and_the_rest_can_be_taken_in_bulk(
    run: Callable[..., Run], tmp_path: Path
) -> None:
    rows = [
        [
            f"Person{i}",
            "Sample",
            f"https://www.linkedin.com/in/p{i}",
            "",
            "Acme",
            "Eng",
            "01 Jan 2020",
        ]
        for i in range(6)
    ]
    run("import", str(linkedin(tmp_path / "in.zip", rows)))
    same_company = "".join(card(f"Person{i} Sample", "ORG:Acme") for i in range(3))
    no_company = "".join(card(f"Person{i} Sample", f"EMAIL:p{i}@home.example") for i in range(3, 6))
    summary = json.loads(
        run("import", str(written(tmp_path / "a.vcf", same_company + no_company)), "--json").stdout
    )
    assert (summary["merged"], summary["queued"]) == (3, 3)
    listed = run("review")
    assert "merged, named" in listed.stdout
    accepted = run("review", "--accept-all", "--min-score", "80")
    assert accepted.exit_code == 0 and "Merged 3" in accepted.stdout
    assert len(json.loads(run("list", "--json").stdout)) == 6


def test_linkedin_decoration_is_removed_and_kept_where_it_belongs(
    run: Callable[..., Run], tmp_path: Path
) -> None:
    rows = [
        ["Marcus", "Green 🌱", "https://www.linkedin.com/in/mg/", "", "", "", "01 Jan 2020"],
        ["Lena", "Fischer (she/her)", "https://www.linkedin.com/in/lf", "", "", "", "01 Jan 2020"],
        ["ELENA", "PETROVA", "https://www.linkedin.com/in/ep", "", "", "", "01 Jan 2020"],
        ["Anna", "Kowalski, PhD", "https://www.linkedin.com/in/ak", "", "", "", "01 Jan 2020"],
        ["JOHN", "MCDONALD", "https://www.linkedin.com/in/jm", "", "", "", "01 Jan 2020"],
    ]
    run("import", str(linkedin(tmp_path / "in.zip", rows)))
    found = people(run)
    assert set(found) == {
        "Marcus Green",
        "Lena Fischer",
        "Elena Petrova",
        "Anna Kowalski",
        "John McDonald",
    }
    assert found["Lena Fischer"]["person"]["pronouns"] == "she/her"
    assert found["Anna Kowalski"]["person"]["credentials"] == "PhD"
    marcus = found["Marcus Green"]["person"]["links"]
    assert marcus == ["https://www.linkedin.com/in/mg"]  # one profile, one form


def test_a_folder_imports_every_file_it_recognises_and_names_the_rest(
    run: Callable[..., Run], tmp_path: Path
) -> None:
    data = tmp_path / "data"
    data.mkdir()
    run("me", "--email", "sam@example.com")
    linkedin(
        data / "Basic_LinkedInDataExport.zip",
        [
            [
                "Ana",
                "Ruiz",
                "https://www.linkedin.com/in/ar",
                "ana@acme.com",
                "Acme",
                "CTO",
                "01 Jan 2020",
            ]
        ],
    )
    written(data / "phone.vcf", card("Tom Lee", "EMAIL:tom@x.org"), OLD)
    written(data / "contacts.csv", "Name,E-mail 1 - Value\nBo Chen,bo@x.org\n", OLD)
    written(data / "notes.txt", "shopping list")
    mail = (
        "From sam@example.com Mon Mar  2 10:00:00 2026\nFrom: Sam <sam@example.com>\n"
        "To: Ana Ruiz <ana@acme.com>\nSubject: hi\nDate: Mon, 02 Mar 2026 10:00:00 +0000\n"
        "Message-ID: <1@x>\n\nhello\n\n"
    )
    written(data / "Takeout.mbox", mail)
    done = run("import", str(data), "--json")
    summary = json.loads(done.stdout)
    assert [s.rsplit(" ", 1)[1] for s in summary["sources"]] == [
        "(csv)",
        "(vcard)",
        "(linkedin)",
        "(mail)",
    ]
    assert summary["not_imported"] == [
        {"where": str(data / "notes.txt"), "reason": "not a format Kith reads"}
    ]
    assert summary["added"] == 3 and summary["interactions"] == 1
    assert "not imported:" in run("import", str(data)).stdout


def test_mail_before_kith_me_never_makes_you_a_contact(
    run: Callable[..., Run], tmp_path: Path
) -> None:
    messages = "".join(
        f"From x Mon Mar  2 10:00:00 2026\nDelivered-To: sam@example.com\n"
        f"From: {who} <{addr}>\nTo: {to}\nSubject: s{n}\nDate: Mon, 02 Mar 2026 10:0{n}:00 +0000\n"
        f"Message-ID: <{n}@x>\n\nbody\n\n"
        for n, (who, addr, to) in enumerate(
            [
                ("Sam Rivera", "sam@example.com", "Ana Ruiz <ana@acme.com>"),
                ("Ana Ruiz", "ana@acme.com", "Sam Rivera <sam@example.com>"),
            ]
        )
    )
    done = run("import", str(written(tmp_path / "Takeout.mbox", messages)), "--json")
    summary = json.loads(done.stdout)
    assert summary["owner"] == "sam@example.com"
    assert set(people(run)) == {"Ana Ruiz"}
    assert json.loads(run("me", "--json").stdout)["emails"] == ["sam@example.com"]
    nobody = "From x Mon Mar  2 10:00:00 2026\nFrom: A <a@x.org>\nTo: B <b@y.org>\nSubject: s\n"
    nobody += "Date: Mon, 02 Mar 2026 10:00:00 +0000\n\nbody\n\n"
    run("me", "--remove-email", "sam@example.com")
    refused = run(
        "import",
        str(
            written(
                tmp_path / "other.mbox",
                nobody + nobody.replace("A <a", "C <c").replace("B <b", "D <d"),
            )
        ),
    )
    assert refused.exit_code == 1 and "kith me --email" in refused.stderr


def test_a_name_of_digits_in_a_file_is_a_name_not_an_id(
    run: Callable[..., Run], tmp_path: Path
) -> None:
    run("me", "--email", "sam@example.com")
    mail = "".join(
        f"From x Mon Mar  2 10:00:00 2026\nFrom: {who}\nTo: {to}\nSubject: s\n"
        f"Date: Mon, 02 Mar 2026 10:0{n}:00 +0000\nMessage-ID: <{n}@x>\n\nbody\n\n"
        for n, (who, to) in enumerate(
            [
                ("Sam <sam@example.com>", '"74" <desk74@acme.com>'),
                ('"74" <desk74@acme.com>', "Sam <sam@example.com>"),
            ]
        )
    )
    done = run("import", str(written(tmp_path / "m.mbox", mail)), "--json")
    assert done.exit_code == 0, done.stderr
    assert json.loads(done.stdout)["problem_count"] == 0
    assert set(people(run)) == {"74"}


def test_an_alias_finds_the_person(run: Callable[..., Run], tmp_path: Path) -> None:
    row = [
        "Katherine",
        "Johnson",
        "https://www.linkedin.com/in/kj",
        "kj@x.org",
        "Acme",
        "CTO",
        "01 Jan 2020",
    ]
    run("import", str(linkedin(tmp_path / "in.zip", [row])))
    run("import", str(written(tmp_path / "a.vcf", card("Kate Johnson", "EMAIL:kj@x.org"), OLD)))
    found = json.loads(run("find", "kate", "--json").stdout)
    assert [p["display_name"] for p in found["people"]] == ["Katherine Johnson"]
    assert run("show", "Kate Johnson").exit_code == 0
