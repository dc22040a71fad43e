"""Search mode and the done-when scenario through the CLI on a small demo network."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import Run
from kith.app.search_results import (
    KnowsResult,
    MeetingResult,
    MoveResult,
    PathsResult,
    SearchStatus,
    Way,
)
from kith.core.meetings import Meeting
from kith.core.opportunities import Board, BoardColumn, Opportunity, Producer
from kith.core.paths import PathPerson, WarmPath
from kith.core.readiness import Readiness
from kith.core.search import Search, WarmBefore
from kith.core.targets import RankedTarget, Target
from kith.core.week import Goal, WeekCounts, WeekProgress

SHAPES = [Search, WarmBefore, SearchStatus, Target, RankedTarget, PathsResult, Way, WarmPath,
          PathPerson, Readiness, KnowsResult, MeetingResult, Meeting, Opportunity, MoveResult,
          Board, BoardColumn, Producer, WeekProgress, Goal, WeekCounts]  # fmt: skip


@pytest.mark.parametrize("shape", SHAPES)
def test_every_search_json_field_is_documented(shape: type) -> None:
    text = (Path(__file__).resolve().parents[1] / "docs" / "json.md").read_text()
    assert [f.name for f in dataclasses.fields(shape) if f"`{f.name}`" not in text] == []


def test_done_when_scenario_on_the_demo_network(run: Callable[..., Run]) -> None:
    assert run("demo", "--people", "150", "-q").exit_code == 0
    assert "No search yet" in run("search").stdout
    assert run("search", "start", "--goal", "Staff engineer").exit_code == 0
    assert run("search", "start").exit_code == 1  # one search at a time
    for company in ("Acme Robotics", "Globex", "Initech"):
        assert run("target", "add", company, "--priority", "1").exit_code == 0
    ranked = json.loads(run("targets", "--json").stdout)
    assert len(ranked) == 3 and ranked[0]["rank"] >= ranked[-1]["rank"]
    found = json.loads(run("paths", "Acme", "--json").stdout)
    assert found["ways"] and all(w["path"]["reason"] for w in found["ways"])
    for way in found["ways"]:
        if way["path"]["via"] is None and way["path"]["to"]["strength"] < 5:
            assert not way["readiness"]["ready"]  # never ask a stranger
    person = found["ways"][0]["path"]["to"]["name"]
    assert run("meet", person, "--about", "Acme Robotics", "--on", "tomorrow").exit_code == 0
    held = run("meet", person, "--held")
    assert held.exit_code == 0 and "Thank" in held.stdout
    assert "closed 2" in run("meet", person, "--replied").stdout
    opp = json.loads(run("opp", "add", "Acme Robotics — Staff Engineer", "--via", person,
                         "--json").stdout)  # fmt: skip
    for stage in ("conversation", "referral", "applied", "interviewing", "offer"):
        assert run("opp", "move", str(opp["id"]), stage).exit_code == 0
    board = run("opps").stdout
    assert "offer\n  #" in board and f"{person} (furthest: offer)" in board
    assert "Streak" in run("week").stdout
    assert "Before the search" in run("health").stdout
    assert "stopped on" in run("search", "stop").stdout
    assert "stopped on" in run("search").stdout
