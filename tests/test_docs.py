"""Docs that tests keep honest: the CLI reference is current and every JSON field is documented."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from kith.app.import_results import DuplicatePair, MergeResult, ReviewItem
from kith.app.results import (
    Circles,
    DemoSummary,
    DoneResult,
    FindResult,
    PersonMatch,
    PersonView,
    Tie,
)
from kith.cli import reference
from kith.core.agenda import AgendaEntry
from kith.core.circles import CircleSize, MoveSuggestion
from kith.core.followups import FollowUp
from kith.core.interactions import Interaction
from kith.core.ledger import LedgerEntry
from kith.core.people import HowWeMet, ImportantDate, Me, Organization, Person
from kith.core.strength import Explanation
from kith.importers.pipeline import ImportSummary, ProblemNote
from kith.store.people import PersonSummary

DOCS = Path(__file__).resolve().parents[1] / "docs"
README = Path(__file__).resolve().parents[1] / "README.md"


def test_cli_reference_is_current() -> None:
    assert (DOCS / "cli.md").read_text() == reference.render(), (
        "docs/cli.md is stale: run python -m kith.cli.reference > docs/cli.md"
    )


@pytest.mark.parametrize(
    "shape",
    [
        Person,
        Organization,
        HowWeMet,
        ImportantDate,
        Me,
        Interaction,
        LedgerEntry,
        FollowUp,
        PersonView,
        PersonSummary,
        PersonMatch,
        FindResult,
        DemoSummary,
        Tie,
        Explanation,
        AgendaEntry,
        Circles,
        CircleSize,
        MoveSuggestion,
        DoneResult,
        ImportSummary,
        ProblemNote,
        ReviewItem,
        MergeResult,
        DuplicatePair,
    ],
)
def test_every_json_field_is_documented(shape: type) -> None:
    text = (DOCS / "json.md").read_text()
    missing = [f.name for f in dataclasses.fields(shape) if f"`{f.name}`" not in text]
    assert missing == [], f"{shape.__name__} fields missing from docs/json.md"


def test_readme_quick_start_has_the_two_commands() -> None:
    text = README.read_text()
    quick = text.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    commands = [line for line in quick.splitlines() if line.startswith(("python3 ", "sudo "))]
    assert len(commands) == 2
    ci = (README.parent / ".ci" / "run").read_text()
    assert commands[1] in ci, ".ci/run must run the README's test command as written"
