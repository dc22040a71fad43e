"""The `kith` command line as a user types it, on SQLite and PostgreSQL."""

from __future__ import annotations

import json
from collections.abc import Callable

from conftest import Run

Runner = Callable[..., Run]


def test_add_log_give_ask_find_show(run: Runner) -> None:
    assert (
        run(
            "add",
            "Ana Ruiz",
            "--email",
            "ana@globex.com",
            "--org",
            "Globex:CTO",
            "--tag",
            "mentor",
            "--met",
            "PyCon hallway",
            "--need",
            "a designer",
        ).exit_code
        == 0
    )
    assert run("add", "Tom Lee", "--introduced-by", "ana").exit_code == 0
    logged = run("log", "coffee with Ana Ruiz and Tom Lee about Lisbon", "--date", "yesterday")
    assert logged.exit_code == 0 and "coffee with Ana Ruiz, Tom Lee" in logged.stdout
    assert run("give", "ana", "intro to Maria at Globex", "--kind", "introduction").exit_code == 0
    assert run("ask", "tom", "referral at Initech", "--kind", "referral", "--anyway").exit_code == 0
    assert run("received", "tom", "the salary survey", "--interaction", "1").exit_code == 0
    assert run("received", "ana", "x", "--interaction", "99").exit_code == 1
    assert run("asked-by", "ana", "feedback on her deck").exit_code == 0
    assert run("follow-up", "ana", "send the deck", "--due", "friday").exit_code == 0
    shown = run("show", "ana")
    assert shown.exit_code == 0
    for text in (
        "Ana Ruiz",
        "CTO, Globex",
        "ana@globex.com",
        "PyCon hallway",
        "a designer",
        "coffee with Ana Ruiz and Tom Lee about Lisbon",
        "(with Tom Lee)",
        "introduction: intro to Maria at Globex",
        "they asked",
        "send the deck",
    ):
        assert text in shown.stdout, text
    assert "introduced by Ana Ruiz" in run("show", "Tom Lee").stdout
    found = run("find", "lisbon")
    assert "coffee with Ana Ruiz and Tom Lee about Lisbon" in found.stdout


def test_json_output_is_stable(run: Runner) -> None:
    run("add", "Ana Ruiz", "--email", "ana@globex.com", "--org", "Globex:CTO:2021")
    run("log", "call with Ana", "--by-them")
    shown = json.loads(run("show", "Ana", "--json").stdout)
    assert set(shown) == {
        "person",
        "introduced_by",
        "timeline",
        "interaction_count",
        "ledger",
        "followups",
        "tie",
        "why",
        "introductions",
        "shared",
    }
    assert shown["tie"]["circle"] == "wider" and shown["why"] is None
    person = shown["person"]
    assert person["display_name"] == "Ana Ruiz" and person["emails"] == ["ana@globex.com"]
    assert person["orgs"] == [
        {"name": "Globex", "title": "CTO", "start": "2021-01-01", "end": None, "current": True}
    ]
    assert shown["timeline"][0]["kind"] == "call"
    assert shown["timeline"][0]["initiated_by"] == "them"
    listed = json.loads(run("list", "--json").stdout)
    assert listed[0]["display_name"] == "Ana Ruiz" and listed[0]["headline"] == "CTO, Globex"
    assert json.loads(run("find", "globex", "--json").stdout)["people"][0]["id"] == person["id"]
    assert json.loads(run("me", "--name", "Sam", "--json").stdout)["name"] == "Sam"


def test_list_filters(run: Runner) -> None:
    run("add", "Ana Ruiz", "--tag", "mentor")
    run("add", "Bo Chen", "--org", "Initech:Engineer")
    run("log", "coffee with Bo", "--date", "2 weeks ago")
    assert "Ana Ruiz" not in run("list", "--org", "initech").stdout
    quiet = run("list", "--quiet-since", "1w").stdout
    assert "Ana Ruiz" in quiet and "Bo Chen" in quiet
    assert "Bo Chen" not in run("list", "--quiet-since", "1mo").stdout
    assert "Bo Chen" not in run("list", "--tag", "mentor").stdout
    assert len(json.loads(run("list", "--limit", "1", "--json").stdout)) == 1


def test_unknown_and_ambiguous_people_fail_with_one_line(run: Runner) -> None:
    run("add", "Ana Ruiz")
    run("add", "Ana Ruiz")
    ambiguous = run("show", "ana")
    assert ambiguous.exit_code == 1
    assert "'ana' fits 2 people" in ambiguous.stderr and "#1 Ana Ruiz" in ambiguous.stderr
    missing = run("log", "coffee with Zed")
    assert missing.exit_code == 1 and "Nobody called 'Zed'" in missing.stderr
    assert "Traceback" not in ambiguous.stderr + missing.stderr


def test_bad_input_is_one_clear_line(run: Runner) -> None:
    run("add", "Ana Ruiz")
    bad_date = run("log", "coffee with Ana", "--date", "blursday")
    assert bad_date.exit_code == 1 and "'blursday' is not a date" in bad_date.stderr
    bad_option = run("list", "--sort", "age")
    assert bad_option.exit_code == 2 and "Invalid value for '--sort'" in bad_option.stderr
    bad_org = run("edit", "Ana", "--org", "Acme:CTO:2020:2010")
    assert bad_org.exit_code == 1 and "end comes before the start" in bad_org.stderr
    nothing = run("edit", "Ana")
    assert nothing.exit_code == 2 and "Nothing to change" in nothing.stderr
    assert run("list", "--quiet-since", "soon").exit_code == 1
    assert "Ana Ruiz" in run("show", "Ana").stdout  # nothing was written by the failures


def test_delete_asks_first(run: Runner) -> None:
    run("add", "Ana Ruiz")
    refused = run("delete", "Ana", input="n\n")
    assert refused.exit_code == 1 and "Nothing was deleted" in refused.stderr
    assert run("show", "Ana").exit_code == 0
    assert run("delete", "Ana", input="y\n").exit_code == 0
    assert run("show", "Ana").exit_code == 1
    run("add", "Bo Chen")
    assert run("delete", "Bo", "--yes").exit_code == 0


def test_archive_and_unarchive(run: Runner) -> None:
    run("add", "Ana Ruiz")
    run("archive", "Ana")
    assert "Ana Ruiz" not in run("list").stdout
    assert "(archived)" in run("show", "Ana").stdout
    run("unarchive", "Ana")
    assert "Ana Ruiz" in run("list").stdout


def test_done_marks_a_follow_up(run: Runner) -> None:
    run("add", "Ana Ruiz")
    run("follow-up", "Ana", "send the deck", "--due", "tomorrow")
    run("follow-up", "Ana", "intro to Li")
    several = run("done", "Ana")
    assert several.exit_code == 1 and "2 open follow-ups" in several.stderr
    assert run("done", "#1").exit_code == 0
    assert run("done", "Ana").stdout == "Ana Ruiz: intro to Li (#2) done.\n"


def test_demo_refuses_a_real_network(run: Runner) -> None:
    run("add", "Ana Ruiz")
    refused = run("demo", "--people", "20")
    assert refused.exit_code == 1 and "already holds people" in refused.stderr


def test_demo_builds_a_believable_network(run: Runner) -> None:
    result = run("demo", "--people", "60", "--seed", "3")
    assert result.exit_code == 0, result.stderr
    assert "Demo network: 60 people" in result.stdout and "Timeline (" in result.stdout
    people = json.loads(run("list", "--json").stdout)
    assert len(people) == 60
    busiest = json.loads(run("list", "--sort", "last", "--limit", "1", "--json").stdout)[0]
    assert json.loads(run("show", f"#{busiest['id']}", "--json").stdout)["interaction_count"] > 0
