"""`kith import`, `review`, `merge`, `unmerge`, `duplicates` and `export` as typed, on both
databases; the JSON export restores exactly; every shared real-world fixture imports."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import SHARED_FIXTURES, Run
from fakeformat.records import write
from kith.importers import detect


@pytest.fixture(autouse=True)
def fake_format(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(detect.FORMATS, "records", "fakeformat.records")


def people(run: Callable[..., Run]) -> list[str]:
    listed = json.loads(run("list", "--json").stdout)
    return sorted(p["display_name"] for p in listed)


def test_import_json_summary_and_again(run: Callable[..., Run], tmp_path: Path) -> None:
    source = write(
        tmp_path / "a.txt",
        [{"key": "a", "name": "Ana Ruiz"}, {"type": "problem", "reason": "bad card"}],
    )
    first = run("import", str(source), "--json")
    assert first.exit_code == 1  # a problem was reported; the rest imported
    summary = json.loads(first.stdout)
    assert summary["added"] == 1 and summary["problems"][0]["where"].endswith("line 3")
    again = json.loads(run("import", str(source), "--json").stdout)
    assert again["added"] == 0 and again["unchanged"] == 1


def test_dry_run_writes_nothing(run: Callable[..., Run], tmp_path: Path) -> None:
    source = write(tmp_path / "a.txt", [{"key": "a", "name": "Ana Ruiz"}])
    result = run("import", str(source), "--dry-run")
    assert result.exit_code == 0 and "Would import" in result.stdout and "1 added" in result.stdout
    assert people(run) == []


def test_review_merge_unmerge_duplicates(run: Callable[..., Run], tmp_path: Path) -> None:
    run("add", "Ana Ruiz")
    run(
        "import",
        str(write(tmp_path / "a.txt", [{"key": "a", "name": "Ana Ruiz", "emails": ["ana@x.org"]}])),
    )
    waiting = json.loads(run("review", "--json").stdout)
    assert [w["name"] for w in waiting] == ["Ana Ruiz"]
    decided = run("review", str(waiting[0]["id"]), "apart")
    assert decided.exit_code == 0 and "apart" in decided.stdout
    assert people(run) == ["Ana Ruiz", "Ana Ruiz"]
    assert json.loads(run("duplicates", "--json").stdout) == []  # kept apart: not asked again
    first, second = (p["id"] for p in json.loads(run("list", "--json").stdout))
    merged = run("merge", f"#{first}", f"#{second}")
    assert merged.exit_code == 0, merged.stderr
    assert people(run) == ["Ana Ruiz"]
    assert run("unmerge", f"#{first}").exit_code == 0
    assert people(run) == ["Ana Ruiz", "Ana Ruiz"]


def test_json_export_restores_exactly(
    run: Callable[..., Run], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    run("demo", "--people", "30")
    run("me", "--email", "me@x.org")
    out = tmp_path / "kith.json"
    assert run("export", "--format", "json", "--out", str(out)).exit_code == 0
    monkeypatch.setenv("KITH_DB", f"sqlite:///{tmp_path / 'restored.db'}")
    restored = run("import", str(out), "--json")
    assert restored.exit_code == 0, restored.stderr
    again = tmp_path / "again.json"
    run("export", "--format", "json", "--out", str(again))
    assert json.loads(again.read_text()) == json.loads(out.read_text())
    assert run("import", str(out)).exit_code == 1  # never over an existing network


def test_the_format_choices_are_the_importers_formats() -> None:
    from kith.cli.importing import FORMATS

    real = [name for name in detect.FORMATS if name != "records"]  # "records": the tests' own
    assert sorted(FORMATS) == sorted(real)


def test_a_failed_export_leaves_the_earlier_file_whole(
    run: Callable[..., Run], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import kith.export.csv

    run("add", "Ana Ruiz", "--email", "ana@x.org")
    out = tmp_path / "people.csv"
    assert run("export", "--format", "csv", "--out", str(out)).exit_code == 0
    before = out.read_text()
    assert "Ana Ruiz" in before

    def broken(people: object, file: object, *args: object, **kwargs: object) -> int:
        file.write("half a row")  # type: ignore[attr-defined]
        raise OSError("disk full")

    monkeypatch.setattr(kith.export.csv, "write", broken)
    assert run("export", "--format", "csv", "--out", str(out)).exit_code != 0
    assert out.read_text() == before
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.endswith(".part")) == []


def test_every_shared_fixture_imports_without_a_crash(run: Callable[..., Run], db_url: str) -> None:
    if not SHARED_FIXTURES.is_dir():
        pytest.skip(f"{SHARED_FIXTURES} is absent: the shared real-world fixtures are not here")
    if not db_url.startswith("sqlite"):
        return  # one database is enough to prove no file crashes the pipeline
    files = sorted(p for p in SHARED_FIXTURES.rglob("*") if p.is_file() and p.name != "README.md")
    crashed = []
    for path in files:
        result = run("import", str(path))
        if result.exit_code not in (0, 1):
            crashed.append((path, result.exit_code, result.stderr[-300:]))
    assert crashed == []


NETWORK = Path(__file__).resolve().parent / "data"
SOURCES = [
    NETWORK / "linkedin" / "export",
    NETWORK / "network" / "contacts.vcf",
    NETWORK / "network" / "calendar.ics",
    NETWORK / "network" / "takeout.mbox",
]


def test_four_imports_make_one_network_and_again_change_nothing(run: Callable[..., Run]) -> None:
    """The issue's "done when": a LinkedIn export, a .vcf, an .ics and a Gmail mbox."""
    run("me", "--email", "sam@rivera.example")
    for source in SOURCES:
        assert run("import", str(source)).exit_code in (0, 1)  # 1: one bad message row
    listed = json.loads(run("list", "--json").stdout)
    names = sorted(p["display_name"] for p in listed)
    assert names.count("Priya Raman") == 1 and names.count("Jonas Weber") == 1
    assert "Nora Lind" in names  # mail both ways: a person
    assert "Stranger" not in names and "Deals" not in names  # one-way and bulk: nobody
    priya = json.loads(run("show", "Priya Raman", "--json").stdout)
    assert priya["person"]["phones"] == ["+442079460018"]  # from the phone's vCard
    assert priya["person"]["orgs"][0]["name"] == "Lumen Robotics"  # from LinkedIn
    kinds = {i["kind"] for i in priya["timeline"]}
    assert {"meeting", "email", "message"} <= kinds
    assert priya["ledger"] and priya["ledger"][0]["kind"] == "endorsement"
    before = run("export", "--format", "json").stdout
    for source in SOURCES:
        summary = json.loads(run("import", str(source), "--json").stdout)
        assert (summary["added"], summary["updated"], summary["merged"]) == (0, 0, 0)
        assert (summary["interactions"], summary["ledger"], summary["queued"]) == (0, 0, 0)
    assert _people_and_history(run("export", "--format", "json").stdout) == _people_and_history(
        before
    )


def _people_and_history(export: str) -> object:
    tables = json.loads(export)["tables"]
    return [
        tables[name]
        for name in (
            "people",
            "person_emails",
            "person_orgs",
            "interactions",
            "interaction_people",
            "ledger_entries",
            "followups",
        )
    ]


def test_review_asks_in_turn_when_someone_is_at_the_terminal(
    run: Callable[..., Run], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from kith.cli import importing

    monkeypatch.setattr(importing, "_interactive", lambda: True)
    run("add", "Ana Ruiz")
    run("add", "Tom Lee")
    source = write(
        tmp_path / "a.txt",
        [
            {"key": "a", "name": "Ana Ruiz", "emails": ["a@x.org"]},
            {"key": "t", "name": "Tom Lee", "emails": ["t@x.org"]},
        ],
    )
    run("import", str(source))
    asked = run("review", input="m\na\n")
    assert asked.exit_code == 0 and "#1 Ana Ruiz" in asked.stdout
    assert (
        "may also be Ana Ruiz <a@x.org>" in asked.stdout
        and "merged, named Ana Ruiz" in asked.stdout
    )
    assert json.loads(run("review", "--json").stdout) == []
    assert people(run) == ["Ana Ruiz", "Tom Lee", "Tom Lee"]
    ana = json.loads(run("show", "Ana Ruiz", "--json").stdout)
    assert ana["person"]["emails"] == ["a@x.org"]
