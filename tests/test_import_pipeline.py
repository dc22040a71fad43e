"""The import pipeline on both databases: idempotent re-imports, provenance, review,
batches and resumability, with records built by the tests (tests/fakeformat)."""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from conftest import NOW
from fakeformat.records import write
from kith.app import Kith
from kith.core.contact import ListField
from kith.importers import detect

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(autouse=True)
def fake_format(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(detect.FORMATS, "records", "fakeformat.records")


def ana(**changes: Any) -> dict[str, Any]:
    record = {
        "key": "ana",
        "name": "Ana Ruiz",
        "emails": ["Ana@Example.org"],
        "organization": "Acme",
        "title": "CTO",
        "notes": "Met at PyCon",
    }
    return {**record, **changes}


def state(kith: Kith) -> list[Any]:
    """Everything a person can see of the network, to compare two databases."""
    people = kith.list_people(include_archived=True)
    views = [kith.show_person(f"#{p.id}", limit=None) for p in people]
    return [
        (
            v.person.display_name,
            sorted(v.person.emails),
            v.person.orgs,
            v.person.notes,
            [(i.occurred_at, i.kind, i.summary, sorted(i.people)) for i in v.timeline],
            [(e.direction, e.what) for e in v.ledger],
            v.tie.strength,
            v.tie.circle,
        )
        for v in sorted(views, key=lambda v: v.person.display_name)
    ]


def test_import_then_again_changes_nothing(kith: Kith, tmp_path: Path) -> None:
    source = write(
        tmp_path / "a.txt",
        [
            ana(),
            {"key": "tom", "name": "Tom Lee", "phones": ["+1 415 555 0132"]},
            {
                "type": "activity",
                "key": "t1",
                "kind": "email",
                "at": "2026-10-01T12:00:00+00:00",
                "with": [{"email": "ana@example.org"}],
                "initiated_by": "them",
                "summary": "Hello",
            },
            {
                "type": "ledger",
                "key": "l1",
                "direction": "i_gave",
                "kind": "endorsement",
                "person": {"email": "ana@example.org"},
                "on": "2026-01-05",
                "summary": "Endorsed: SQL",
            },
        ],
    )
    first = kith.import_paths([str(source)])
    assert (first.added, first.interactions, first.ledger) == (2, 1, 1)
    before = state(kith)
    again = kith.import_paths([str(source)])
    assert (again.added, again.updated, again.interactions, again.ledger) == (0, 0, 0, 0)
    assert again.unchanged == 4
    assert state(kith) == before
    assert kith.rebuild() == 0  # the standing kept on import is the one the facts give


def test_exact_email_merges_automatically(kith: Kith, tmp_path: Path) -> None:
    person = kith.add_person("Ana Maria", {ListField.EMAIL: ["ana@example.org"]})
    summary = kith.import_paths([str(write(tmp_path / "a.txt", [ana()]))])
    assert (summary.merged, summary.added) == (1, 0)
    merged = kith.show_person(f"#{person.id}").person
    assert merged.orgs[0].name == "Acme" and merged.display_name == "Ana Maria"


def test_newer_export_updates_imported_fields_but_not_edited_ones(
    kith: Kith, tmp_path: Path
) -> None:
    kith.import_paths([str(write(tmp_path / "v1.txt", [ana()]))])
    kith.edit_person("Ana Ruiz", notes="My own notes. Met at PyCon")
    kith.edit_person("Ana Ruiz", display_name="Ana Ruiz Silva")
    newer = ana(name="Ana R. Silva", title="CEO", phones=["+351 912 345 678"], notes="Likes tea")
    summary = kith.import_paths([str(write(tmp_path / "v2.txt", [newer]))])
    assert summary.updated == 1
    person = kith.show_person("Ana Ruiz Silva").person
    assert person.display_name == "Ana Ruiz Silva"  # edited: kept
    assert person.phones == ["+351912345678"]  # new: added
    assert person.orgs[0].title == "CEO"  # imported, not edited: updated
    assert person.notes == "My own notes. Met at PyCon"  # edited notes: never touched


def test_the_same_name_and_organization_merge(kith: Kith, tmp_path: Path) -> None:
    known = kith.add_person("Ana Ruíz", {ListField.ORG: ["ACME"]})
    summary = kith.import_paths([str(write(tmp_path / "a.txt", [ana()]))])
    assert (summary.merged, summary.added, summary.queued) == (1, 0, 0)
    assert kith.show_person(f"#{known.id}").person.emails == ["Ana@Example.org"]


def test_uncertain_match_is_queued_and_the_decision_remembered(kith: Kith, tmp_path: Path) -> None:
    kith.add_person("Ana Ruiz", {ListField.ORG: ["Acme"]})
    source = write(tmp_path / "a.txt", [ana(organization="")])
    summary = kith.import_paths([str(source)])
    # kept apart (a person of their own) and asked about: the same name, nothing else in common
    assert (summary.queued, summary.added, summary.merged) == (1, 1, 0)
    [item] = kith.review_queue()
    assert item.name == "Ana Ruiz" and item.candidate == "Ana Ruiz" and item.score == 85
    assert item.subject_id not in (None, item.candidate_id)
    again = kith.import_paths([str(source)])
    assert (again.queued, again.unchanged) == (0, 1)  # asked once, still waiting
    assert len(kith.review_queue()) == 1
    decided = kith.decide_review(item.id, "apart")
    assert decided.decision == "apart" and decided.person_id == item.subject_id
    assert kith.duplicates() == []  # kept apart: not listed again
    again = kith.import_paths([str(source)])
    assert (again.queued, again.added, again.unchanged) == (0, 0, 1)
    assert len(kith.list_people()) == 2


def test_review_merge_applies_the_record(kith: Kith, tmp_path: Path) -> None:
    ana_id = kith.add_person("Ana Ruiz").id
    kith.import_paths([str(write(tmp_path / "a.txt", [ana()]))])
    [item] = kith.review_queue()
    kith.decide_review(item.id, "merge")
    assert kith.show_person(f"#{ana_id}").person.emails == ["Ana@Example.org"]
    assert kith.import_paths([str(tmp_path / "a.txt")]).unchanged == 1


def test_malformed_records_are_reported_and_the_rest_imported(kith: Kith, tmp_path: Path) -> None:
    source = write(
        tmp_path / "a.txt",
        [
            {"type": "problem", "reason": "unterminated card"},
            ana(),
            {"key": "x", "name": "  "},
            {
                "type": "activity",
                "key": "f",
                "kind": "call",
                "at": "2027-01-01T12:00:00+00:00",
                "with": [{"email": "ana@example.org"}],
            },
        ],
    )
    summary = kith.import_paths([str(source)])
    assert summary.added == 1 and summary.problem_count == 2
    assert summary.problems[0].where == f"{source}, line 2"
    assert summary.problems[0].reason == "unterminated card"
    assert summary.skipped == {"in the future": 1}


def test_one_way_mail_from_strangers_makes_nobody(kith: Kith, tmp_path: Path) -> None:
    def mail(key: str, email: str, both: bool) -> dict[str, Any]:
        return {
            "type": "activity",
            "key": key,
            "kind": "email",
            "both_ways": both,
            "at": "2026-10-01T12:00:00+00:00",
            "with": [{"email": email, "name": key}],
        }

    summary = kith.import_paths(
        [
            str(
                write(
                    tmp_path / "m.txt",
                    [mail("spam", "seller@x.org", False), mail("Bea", "bea@x.org", True)],
                )
            )
        ]
    )
    assert summary.added == 1 and summary.interactions == 1
    assert [p.display_name for p in kith.list_people()] == ["Bea"]


def test_dry_run_summary_equals_the_real_run_and_writes_nothing(kith: Kith, tmp_path: Path) -> None:
    source = write(tmp_path / "a.txt", [ana(), {"key": "tom", "name": "Tom Lee"}])
    preview = kith.import_paths([str(source)], dry_run=True)
    assert kith.list_people() == []
    real = kith.import_paths([str(source)])
    preview.dry_run = False
    assert preview == real


def test_linkedin_job_change_puts_congratulations_on_the_agenda(
    kith: Kith, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(detect.FORMATS, "linkedin", "fakeformat.records")
    url = "https://www.linkedin.com/in/ana-ruiz"
    first = write(tmp_path / "c1.txt", [ana(links=[url], emails=[])])
    kith.import_paths([str(first)], "linkedin")
    second = write(tmp_path / "c2.txt", [ana(links=[url], emails=[], organization="Globex")])
    summary = kith.import_paths([str(second)], "linkedin")
    assert summary.followups == 1
    [entry] = [e for e in kith.agenda() if e.person == "Ana Ruiz"]
    assert "Congratulate them on the new job (now CTO, Globex; was CTO, Acme)" in entry.action


@pytest.fixture(params=["sqlite", "postgresql"])
def two_databases(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[tuple[str, str]]:
    """Two fresh databases a subprocess can share: SQLite files or PostgreSQL databases."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'killed.db'}", f"sqlite:///{tmp_path / 'clean.db'}"
        return
    cluster = request.getfixturevalue("pg_cluster")
    names = [f"kith_killed_{os.getpid()}", f"kith_clean_{os.getpid()}"]
    for name in names:
        cluster.create_database(name, template="kith_template")
    yield cluster.url(names[0]), cluster.url(names[1])
    for name in names:
        cluster.drop_database(name)


def test_kill_minus_nine_then_again_equals_one_clean_import(
    tmp_path: Path, two_databases: tuple[str, str]
) -> None:
    killed_db, clean_db = two_databases
    records: list[dict[str, Any]] = []
    for n in range(1500):
        name = hashlib.sha256(str(n).encode()).hexdigest()[:12]  # unlike any other name
        records.append({"key": f"p{n}", "name": f"N{name}", "emails": [f"p{n}@x.org"]})
        records.append(
            {
                "type": "activity",
                "key": f"a{n}",
                "kind": "email",
                "both_ways": True,
                "at": "2026-10-01T12:00:00+00:00",
                "with": [{"email": f"p{n}@x.org"}],
            }
        )
        if n % 250 == 249:
            records.append({"sleep": 0.4})
    source = write(tmp_path / "big.txt", records)
    script = (
        "import sys; from kith.importers import detect; from kith.app import Kith; "
        "from kith import settings; from pathlib import Path; "
        "detect.FORMATS['records'] = 'fakeformat.records'; "
        f"s = settings.Settings(Path(), Path('c.toml'), {killed_db!r}, 'default'); "
        f"Kith(s).import_paths([{str(source)!r}])"
    )
    env = {**os.environ, "PYTHONPATH": f"{ROOT / 'src'}:{ROOT / 'tests'}"}
    child = subprocess.Popen([sys.executable, "-c", script], env=env)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and child.poll() is None:
        time.sleep(0.1)
        if imported(killed_db) >= 600:
            break
    child.send_signal(signal.SIGKILL)
    child.wait()
    partial = imported(killed_db)
    assert 0 < partial < 3000  # killed mid-way: some batches stored, not all
    resumed = Kith(settings_for(killed_db), clock=lambda: NOW)
    resumed.import_paths([str(source)])
    clean = Kith(settings_for(clean_db), clock=lambda: NOW)
    clean.import_paths([str(source)])
    assert state(resumed) == state(clean)
    resumed.close()
    clean.close()


def imported(url: str) -> int:
    """How many record keys and interactions the import has committed (0 while the
    database is not ready)."""
    import sqlalchemy as sa

    if url.startswith("sqlite:///"):  # read-only: never create the file before the import
        url = f"sqlite:///file:{url.removeprefix('sqlite:///')}?mode=ro&uri=true"
    engine = sa.create_engine(url, poolclass=sa.pool.NullPool)
    try:
        with engine.connect() as db:
            keys = db.exec_driver_sql("SELECT count(*) FROM import_keys").scalar()
            return int(keys or 0) + int(
                db.exec_driver_sql("SELECT count(*) FROM interactions").scalar() or 0
            )
    except sa.exc.SQLAlchemyError:
        return 0
    finally:
        engine.dispose()


def settings_for(url: str) -> Any:
    from kith import settings

    return settings.Settings(Path(), Path("config.toml"), url, "default")


def test_both_ways_across_the_import_makes_a_person(kith: Kith, tmp_path: Path) -> None:
    def mail(key: str, email: str, by: str) -> dict[str, Any]:
        return {
            "type": "activity",
            "key": key,
            "kind": "email",
            "initiated_by": by,
            "at": "2026-10-01T12:00:00+00:00",
            "with": [{"email": email, "name": "Bea"}],
        }

    inbox = write(
        tmp_path / "inbox.txt",
        [mail("in1", "bea@x.org", "them"), mail("in2", "cold@x.org", "them")],
    )
    sent = write(tmp_path / "sent.txt", [mail("out1", "bea@x.org", "me")])
    summary = kith.import_paths([str(inbox), str(sent)])
    assert (summary.added, summary.interactions) == (1, 2)
    assert summary.skipped == {"one-way mail from someone unknown": 1}
    again = kith.import_paths([str(inbox), str(sent)])
    assert (again.added, again.interactions, again.unchanged) == (0, 0, 2)


def test_a_person_the_user_deleted_is_not_imported_again(kith: Kith, tmp_path: Path) -> None:
    source = write(tmp_path / "a.txt", [ana(), {"key": "tom", "name": "Tom Lee"}])
    kith.import_paths([str(source)])
    kith.delete_person("Tom Lee")
    again = kith.import_paths([str(source)])
    assert again.added == 0 and again.skipped == {"deleted by you": 1}
    assert [p.display_name for p in kith.list_people()] == ["Ana Ruiz"]


def test_keys_of_differently_named_people_are_shared_not_merged(kith: Kith, tmp_path: Path) -> None:
    kith.add_person("Ana One", {ListField.EMAIL: ["a@x.org"]})
    kith.add_person("Bob Two", {ListField.PHONE: ["+351912345678"]})
    record = {"key": "c", "name": "Carla Three", "emails": ["a@x.org"], "phones": ["+351912345678"]}
    summary = kith.import_paths([str(write(tmp_path / "a.txt", [record]))])
    assert (summary.added, summary.merged, summary.queued) == (1, 0, 0)
    carla = kith.show_person("Carla Three")
    assert carla.person.emails == ["a@x.org"] and carla.person.phones == ["+351912345678"]
    assert carla.shared == {"a@x.org": ["Ana One"], "+351912345678": ["Bob Two"]}
    assert kith.show_person("Ana One").person.emails == ["a@x.org"]
