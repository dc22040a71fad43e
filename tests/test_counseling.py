"""The server's facade (app/counseling.py) and its rules (core/coaching.py), on SQLite and
PostgreSQL: who may do what, what a grant lets through, when a client has stalled."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import pytest
from sqlalchemy import event

from conftest import NOW
from kith import settings
from kith.app.counseling import Counseling, User
from kith.core.coaching import (
    Contacts,
    GoalState,
    Role,
    Share,
    expiry,
    grant_live,
    parse_shares,
    stalled,
)
from kith.errors import Conflict, InvalidInput, NotAllowed, NotFound

PASSWORD = "a long password"


@pytest.fixture
def server(db_url: str) -> Iterator[Counseling]:
    loaded = replace(settings.Settings(Path(), Path("config.toml"), db_url), matcher="lexical")
    made = Counseling(loaded, clock=lambda: NOW)
    yield made
    made.close()


def people(server: Counseling) -> dict[str, User]:
    roles = {"sam": Role.COUNSELOR, "ana": Role.CLIENT, "bob": Role.CLIENT, "root": Role.ADMIN}
    return {n: server.add_user(n, "", r, PASSWORD) for n, r in roles.items()}


def test_stalled_is_fourteen_days_of_nothing() -> None:
    today = date(2026, 11, 25)
    assert stalled(None, today)
    assert not stalled(today - timedelta(days=13), today)
    assert stalled(today - timedelta(days=14), today)


def test_a_grant_is_live_only_while_active_and_unexpired() -> None:
    assert grant_live("active", expiry(NOW), NOW + timedelta(days=89))
    assert not grant_live("active", expiry(NOW), NOW + timedelta(days=90))
    assert not grant_live("requested", expiry(NOW), NOW)
    assert not grant_live("active", None, NOW)
    assert parse_shares(["week", " Health "]) == {Share.WEEK, Share.HEALTH}
    with pytest.raises(InvalidInput, match="'notes' is not a scope"):
        parse_shares(["notes"])


def test_roles_are_checked_by_the_facade(server: Counseling) -> None:
    u = people(server)
    with pytest.raises(NotAllowed):
        server.sign_ins(u["sam"])
    with pytest.raises(NotAllowed):
        server.disable_user("ana", by=u["bob"])
    with pytest.raises(NotAllowed):
        server.set_password("ana", "bob's new one", by=u["bob"])
    with pytest.raises(NotAllowed):
        server.dashboard(u["ana"])
    with pytest.raises(NotAllowed):
        server.comment(u["ana"], u["bob"].id, "hi")
    server.set_password("ana", "her own new one", by=u["ana"])  # her own is hers to change
    with pytest.raises(Conflict, match="already a user called 'ana'"):
        server.add_user("ana", "", Role.CLIENT, PASSWORD)
    with pytest.raises(InvalidInput, match="cannot be a user name"):
        server.add_user("user:x", "", Role.CLIENT, PASSWORD)


def test_a_grant_goes_only_to_a_counselor_and_only_its_client_revokes(server: Counseling) -> None:
    u = people(server)
    with pytest.raises(NotFound):
        server.grant(u["ana"], "bob", frozenset({Share.WEEK}))
    with pytest.raises(NotFound):
        server.grant(u["ana"], "root", frozenset({Share.WEEK}))
    given = server.grant(u["ana"], "sam", frozenset({Share.WEEK}), Contacts.COUNTS)
    assert given.live and given.expires_at == expiry(NOW) and given.contacts is Contacts.COUNTS
    with pytest.raises(NotFound):
        server.revoke(u["bob"], given.id)
    with pytest.raises(NotFound):
        server.revoke(u["sam"], given.id)
    assert not server.revoke(u["ana"], given.id).live
    server.disable_user("sam")
    with pytest.raises(NotFound):
        server.grant(u["ana"], "sam", frozenset({Share.WEEK}))  # a disabled user is nobody


def test_comments_are_checked_and_goals_answered_once(server: Counseling) -> None:
    u = people(server)
    server.grant(u["ana"], "sam", frozenset({Share.WEEK}))
    with pytest.raises(InvalidInput, match="empty"):
        server.comment(u["sam"], u["ana"].id, "   ")
    with pytest.raises(InvalidInput, match="over 2000"):
        server.comment(u["sam"], u["ana"].id, "x" * 2001)
    with pytest.raises(NotFound):
        server.comment(u["sam"], u["bob"].id, "no grant from bob")
    note = server.comment(u["sam"], u["ana"].id, "Nice week")
    goal = server.comment(u["sam"], u["ana"].id, "Call two old colleagues", goal=True)
    with pytest.raises(NotFound):
        server.decide_goal(u["ana"], note.id, True)  # a comment is no goal
    assert server.decide_goal(u["ana"], goal.id, True).state is GoalState.ACCEPTED
    with pytest.raises(Conflict, match="already accepted"):
        server.decide_goal(u["ana"], goal.id, False)
    coaching = server.coaching(u["ana"])
    assert [c.text for c in coaching.accepted_goals] == ["Call two old colleagues"]
    assert server.coaching(u["bob"]).comments == []


def test_the_admin_sees_sign_ins_and_failures_and_the_log_only_grows(server: Counseling) -> None:
    u = people(server)
    assert server.sign_in("ana", "wrong password", "192.0.2.7") is None
    assert server.sign_in("ana", PASSWORD, "192.0.2.7") is not None
    server.disable_user("bob", by=u["root"])
    assert server.sign_in("bob", PASSWORD, "192.0.2.8") is None
    lines = server.sign_ins(u["root"])
    assert [(a.action, a.detail) for a in lines] == [
        ("login.failed", "bob from 192.0.2.8: disabled"),
        ("login", "from 192.0.2.7"),
        ("login.failed", "ana from 192.0.2.7: wrong password"),
    ]


def queries(server: Counseling, call: Callable[[], object]) -> int:
    """How many statements `call` sends to the database."""
    seen = []

    def count(*_: object) -> None:
        seen.append(1)

    event.listen(server.engine, "before_cursor_execute", count)
    try:
        call()
    finally:
        event.remove(server.engine, "before_cursor_execute", count)
    return len(seen)


def test_the_dashboard_costs_the_same_queries_however_big_a_network(server: Counseling) -> None:
    """The hot path's guard: a fixed number of statements per client, none per person."""
    u = people(server)
    everything = frozenset(Share)
    none = queries(server, lambda: server.dashboard(u["sam"]))
    server.kith_for(u["ana"]).load_demo(people=20, seed=3)
    server.kith_for(u["bob"]).load_demo(people=150, seed=4)
    ana = server.grant(u["ana"], "sam", everything, Contacts.NAMES)
    small = queries(server, lambda: server.dashboard(u["sam"]))
    page_small = queries(server, lambda: server.client_view(u["sam"], u["ana"].id))
    server.revoke(u["ana"], ana.id)
    server.grant(u["bob"], "sam", everything, Contacts.NAMES)
    assert queries(server, lambda: server.dashboard(u["sam"])) == small  # 150 people, not 20
    assert queries(server, lambda: server.client_view(u["sam"], u["bob"].id)) == page_small
    server.grant(u["ana"], "sam", everything, Contacts.NAMES)
    both = queries(server, lambda: server.dashboard(u["sam"]))
    assert small < both <= small + (small - none)  # a fixed number more per client
