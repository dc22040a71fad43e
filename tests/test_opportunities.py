"""The opportunity pipeline: moves allowed, the board, and who produced what."""

from __future__ import annotations

from datetime import date

import pytest

from kith.app import Kith
from kith.core.opportunities import (
    Helper,
    Opportunity,
    Stage,
    build_board,
    company_of,
    move,
    parse_stage,
)
from kith.errors import Conflict, InvalidInput, NotFound


def test_stages_move_forward_or_close_and_keep_their_history() -> None:
    opp = Opportunity("Acme — Staff Engineer", stage=Stage.LEAD)
    move(opp, Stage.REFERRAL, date(2026, 11, 1))
    with pytest.raises(InvalidInput, match="not a step forward"):
        move(opp, Stage.CONVERSATION, date(2026, 11, 2))
    with pytest.raises(InvalidInput, match="Only an offer"):
        move(opp, Stage.ACCEPTED, date(2026, 11, 2))
    move(opp, Stage.CLOSED, date(2026, 11, 3))
    with pytest.raises(Conflict):
        move(opp, Stage.OFFER, date(2026, 11, 4))
    assert [c.stage for c in opp.history] == [Stage.REFERRAL, Stage.CLOSED]


def test_stage_names_and_companies_are_read_from_what_people_type() -> None:
    assert parse_stage("interv") is Stage.INTERVIEWING
    with pytest.raises(InvalidInput):
        parse_stage("won")
    assert company_of("Acme — Staff Engineer") == "Acme"
    assert company_of("Staff Engineer at Acme Robotics") == "Acme Robotics"
    assert company_of("Something vague") == ""


def test_producers_rank_by_how_far_their_opportunities_got() -> None:
    ana, tom = Helper(1, "Ana"), Helper(2, "Tom")
    far = Opportunity("A", stage=Stage.OFFER, people=[ana])
    closed = Opportunity("B", stage=Stage.CLOSED, people=[tom, ana])
    move(Opportunity("x"), Stage.APPLIED, date(2026, 1, 1))
    closed.history = [*closed.history]
    board = build_board([far, closed])
    assert [p.name for p in board.producers] == ["Ana", "Tom"]
    assert board.producers[0].furthest is Stage.OFFER
    assert [len(c.opportunities) for c in board.columns if c.stage is Stage.OFFER] == [1]


def test_pipeline_through_the_facade(kith: Kith) -> None:
    kith.add_person("Ana Ruiz")
    opp = kith.opp_add("Acme — Staff Engineer", via=["Ana"])
    assert opp.company == "Acme" and [h.name for h in opp.people] == ["Ana Ruiz"]
    assert opp.id is not None
    for stage in ("conversation", "referral", "applied", "interviewing", "offer"):
        kith.opp_move(opp.id, stage)
    board = kith.opps()
    offers = next(c for c in board.columns if c.stage is Stage.OFFER).opportunities
    assert [o.title for o in offers] == ["Acme — Staff Engineer"]
    assert [c.stage for c in offers[0].history][-1] is Stage.OFFER and len(offers[0].history) == 6
    assert board.producers[0].name == "Ana Ruiz" and board.producers[0].furthest is Stage.OFFER
    with pytest.raises(NotFound):
        kith.opp_move(999, "offer")
