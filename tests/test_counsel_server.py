"""The multi-user server (kith server) through its real entry points, as users and as
attackers: every route needs a session, sessions rotate and end, consent is by scope,
and nobody reaches another user's records (the IDOR sweep), on SQLite and PostgreSQL."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from fastapi.routing import APIRoute
from starlette.testclient import TestClient

from conftest import NOW, WEB_BASE
from kith import settings
from kith.app.counseling import Counseling, User
from kith.core.coaching import Contacts, Role, Share
from kith.core.contact import ListField
from kith.core.giving import Direction
from kith.web import WebConfig, create_app

PASSWORD = "correct horse"
OPEN = ("/login", "/static")


class Clock:
    """The server's clock, frozen at NOW unless a test moves it."""

    def __init__(self) -> None:
        self.now = NOW

    def __call__(self) -> Any:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def server(db_url: str, clock: Clock) -> Iterator[Any]:
    """The app in multi-user mode, with a counselor (sam), two clients (ana, bob), an admin."""
    loaded = replace(settings.Settings(Path(), Path("config.toml"), db_url), matcher="lexical")
    app = create_app(loaded, clock=clock, config=WebConfig(port=8765, multi_user=True))
    counseling: Counseling = app.state.counseling
    for name, role in (("sam", Role.COUNSELOR), ("ana", Role.CLIENT), ("bob", Role.CLIENT),
                       ("root", Role.ADMIN)):  # fmt: skip
        counseling.add_user(name, f"{name}@example.com", role, PASSWORD)
    with TestClient(app, base_url=WEB_BASE, follow_redirects=False) as client:
        yield client


def browser(server: Any) -> TestClient:
    """Another browser on the same server (its own cookies)."""
    return TestClient(server.app, base_url=WEB_BASE, follow_redirects=False)


def csrf(web: TestClient) -> str:
    if "kith_csrf" not in web.cookies:
        web.get("/login")
    return str(web.cookies["kith_csrf"])


def post(web: TestClient, path: str, **form: str) -> Any:
    return web.post(path, data={"csrf_token": csrf(web), **form})


def sign_in(server: Any, name: str, password: str = PASSWORD) -> TestClient:
    web = browser(server)
    response = post(web, "/login", name=name, password=password)
    assert response.status_code == 303, response.text
    return web


def counseling(server: Any) -> Counseling:
    found: Counseling = server.app.state.counseling
    return found


def user(server: Any, name: str) -> User:
    return next(u for u in counseling(server).users() if u.name == name)


def routes(app: Any) -> list[tuple[str, str]]:
    """(method, path) of every route the app answers, read from its router."""
    found: list[tuple[str, str]] = []

    def walk(items: list[Any], prefix: str) -> None:
        for route in items:
            if isinstance(route, APIRoute):
                found.extend((m, prefix + route.path) for m in route.methods - {"HEAD"})
            elif hasattr(route, "include_context"):
                context = route.include_context
                walk(context.included_router.routes, prefix + context.prefix)
            elif hasattr(route, "methods") and route.path.startswith("/api/"):
                found.extend((m, prefix + route.path) for m in route.methods - {"HEAD"})

    walk(app.routes, "")
    return sorted(set(found))


def filled(path: str, value: str) -> str:
    return re.sub(r"\{[^}]+\}", value, path)


# --- every route needs a session ---------------------------------------------------------


def test_every_route_answers_only_a_signed_in_user(server: Any) -> None:
    everything = routes(server.app)
    guarded = [(m, p) for m, p in everything if not p.startswith(OPEN)]
    assert len(guarded) > 60  # pages and API alike, counselor pages among them
    assert ("GET", "/counsel/clients/{client_id}") in guarded
    stranger = browser(server)
    for method, path in guarded:
        response = stranger.request(method, filled(path, "1"), data={"csrf_token": csrf(stranger)})
        if path.startswith("/api/"):
            assert response.status_code == 401, (method, path)
        else:
            assert response.status_code == 303, (method, path)
            assert response.headers["location"] == "/login", (method, path)
    assert browser(server).get("/login").status_code == 200


def test_the_session_cookie_is_httponly_lax_and_secure_behind_https(server: Any) -> None:
    web = browser(server)
    response = post(web, "/login", name="ana", password=PASSWORD)
    cookie = next(c for c in response.headers.get_list("set-cookie") if "kith_session=" in c)
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Secure" not in cookie
    server.app.state.config = replace(server.app.state.config, secure_cookies=True)
    response = post(browser(server), "/login", name="ana", password=PASSWORD)
    cookie = next(c for c in response.headers.get_list("set-cookie") if "kith_session=" in c)
    assert "Secure" in cookie


def test_a_wrong_password_is_refused_and_the_admin_sees_the_failure(server: Any) -> None:
    web = browser(server)
    assert post(web, "/login", name="ana", password="not it at all").status_code == 401
    assert post(web, "/login", name="nobody", password=PASSWORD).status_code == 401
    assert web.get("/").status_code == 303
    admin = sign_in(server, "root")
    page = admin.get("/counsel").text
    assert "login.failed" in page and "wrong password" in page and "unknown name" in page


def test_wrong_passwords_are_throttled_per_user_with_retry_after(server: Any) -> None:
    web = browser(server)
    for _ in range(5):
        assert post(web, "/login", name="ana", password="guess").status_code == 401
    refused = post(web, "/login", name="ana", password=PASSWORD)  # even the right one waits
    assert refused.status_code == 429
    assert int(refused.headers["retry-after"]) > 0
    assert web.get("/").status_code == 303  # not signed in


def test_a_planted_session_is_worth_nothing_and_sign_in_rotates_it(server: Any) -> None:
    """Session fixation: a token set before sign-in never becomes a session."""
    web = browser(server)
    web.cookies.set("kith_session", "planted-by-an-attacker", domain="127.0.0.1")
    post(web, "/login", name="ana", password=PASSWORD)
    assert web.cookies["kith_session"] != "planted-by-an-attacker"
    first = web.cookies["kith_session"]
    assert web.get("/").status_code == 200
    post(web, "/login", name="ana", password=PASSWORD)  # signing in again: a new token
    assert web.cookies["kith_session"] != first
    replay = browser(server)
    replay.cookies.set("kith_session", first, domain="127.0.0.1")
    assert replay.get("/").status_code == 303
    attacker = browser(server)
    attacker.cookies.set("kith_session", "planted-by-an-attacker", domain="127.0.0.1")
    assert attacker.get("/").status_code == 303


def test_logout_ends_one_session_and_logout_everywhere_ends_all(server: Any) -> None:
    phone, laptop, tablet = (sign_in(server, "ana") for _ in range(3))
    assert post(phone, "/logout").status_code == 303
    assert phone.get("/").status_code == 303
    assert laptop.get("/").status_code == 200
    assert post(laptop, "/logout/everywhere").status_code == 303
    assert laptop.get("/").status_code == 303 and tablet.get("/").status_code == 303


def test_a_disabled_user_is_signed_out_at_once_and_cannot_sign_in(server: Any) -> None:
    ana = sign_in(server, "ana")
    admin = sign_in(server, "root")
    assert post(admin, "/counsel/users/ana/disable").status_code == 303
    assert ana.get("/").status_code == 303
    assert post(browser(server), "/login", name="ana", password=PASSWORD).status_code == 401


def test_an_admin_resets_a_password_and_nobody_else_can(server: Any) -> None:
    ana = sign_in(server, "ana")
    bob = sign_in(server, "bob")
    assert post(bob, "/counsel/users/ana/password", password="bob's choice").status_code == 403
    admin = sign_in(server, "root")
    assert post(admin, "/counsel/users/ana/password", password="a new one!").status_code == 303
    assert ana.get("/").status_code == 303  # her sessions ended with the reset
    assert post(browser(server), "/login", name="ana", password=PASSWORD).status_code == 401
    sign_in(server, "ana", "a new one!")


def test_every_form_is_refused_without_its_csrf_token(server: Any) -> None:
    ana = sign_in(server, "ana")
    unsafe = [(m, p) for m, p in routes(server.app) if m != "GET"]
    assert len(unsafe) > 25
    for method, path in unsafe:
        response = ana.request(method, filled(path, "1"), data={"name": "x"})
        assert response.status_code == 403, (method, path, response.status_code)
        assert "CSRF" in response.text, (method, path)


# --- consent ------------------------------------------------------------------------------


def network(server: Any, name: str) -> Any:
    """A user's own Kith, filled with a few people, a secret in every private field."""
    kith = counseling(server).kith_for(user(server, name))
    lena = kith.add_person(
        f"Lena {name.title()}", {ListField.ORG: ["Acme"], ListField.NEED: ["SECRET-NEED"],
                                 ListField.OFFER: ["SECRET-OFFER"]}, notes="SECRET-NOTE",
    )  # fmt: skip
    kith.log(f"coffee with Lena {name.title()}", when="2026-11-24", notes="SECRET-LOG")
    kith.record(Direction.I_GAVE, f"Lena {name.title()}", "SECRET-LEDGER", when="2026-11-23")
    kith.target_add("Acme")
    kith.opp_add("Acme: staff engineer", via=[f"Lena {name.title()}"], stage="referral")
    kith.meet(f"Lena {name.title()}", "Acme")
    kith.meet_step(f"Lena {name.title()}", "held", on="2026-11-20")  # never reported back on
    return lena


SECRETS = ("SECRET-NEED", "SECRET-OFFER", "SECRET-NOTE", "SECRET-LOG", "SECRET-LEDGER")


def grant(
    web: TestClient, counselor: str, *shares: Share, contacts: Contacts = Contacts.OFF
) -> Any:
    fields = {f"share_{s.value}": "1" for s in shares}
    return post(web, "/counsel/grants", counselor=counselor, contacts=contacts.value, **fields)


def test_a_counselor_sees_nothing_without_a_grant(server: Any) -> None:
    network(server, "ana")
    sam = sign_in(server, "sam")
    page = sam.get("/counsel").text
    assert "No client shares anything with you yet." in page and "Lena" not in page
    ana_id = user(server, "ana").id
    assert sam.get(f"/counsel/clients/{ana_id}").status_code == 404
    assert post(sam, f"/counsel/clients/{ana_id}/comments", text="hi").status_code == 404
    assert "Lena Ana" not in sam.get("/people").text  # his own network is his own
    settings_page = sam.get("/settings").text
    assert "Database: <code>on the server</code>" in settings_page and "sqlite" not in settings_page


def test_a_grant_shows_exactly_its_scopes_and_never_private_fields(server: Any) -> None:
    network(server, "ana")
    ana = sign_in(server, "ana")
    assert grant(ana, "sam", Share.WEEK).status_code == 303
    sam = sign_in(server, "sam")
    board = sam.get("/counsel").text
    assert "ana" in board and "conversations 1/5" in board and "interviewing" not in board
    assert "referral 1" not in board  # opportunities not granted
    ana_id = user(server, "ana").id
    page = sam.get(f"/counsel/clients/{ana_id}").text
    assert "The week" in page and "Interviews without follow-through: 1" in page
    for absent in ("Opportunities by stage", "Targets", "Network health", "Contacts</h2>", "Lena"):
        assert absent not in page
    grant(ana, "sam", *Share, contacts=Contacts.COUNTS)
    page = sam.get(f"/counsel/clients/{ana_id}").text
    assert "referral: 1" in page and "Acme" in page and "People in the network: 1." in page
    assert "Lena" not in page
    grant(ana, "sam", *Share, contacts=Contacts.NAMES)
    page = sam.get(f"/counsel/clients/{ana_id}").text
    assert "Lena Ana" in page
    assert not [s for s in SECRETS if s in page + sam.get("/counsel").text]


def test_revoking_ends_the_view_and_deletes_the_counselors_comments(server: Any) -> None:
    network(server, "ana")
    ana = sign_in(server, "ana")
    grant(ana, "sam", Share.WEEK)
    sam = sign_in(server, "sam")
    ana_id = user(server, "ana").id
    assert post(sam, f"/counsel/clients/{ana_id}/comments", text="Well done").status_code == 303
    assert "Well done" in ana.get("/counsel").text and "Well done" in ana.get("/").text
    grant_id = counseling(server).coaching(user(server, "ana")).grants[0].id
    assert post(ana, f"/counsel/grants/{grant_id}/revoke").status_code == 303
    assert sam.get(f"/counsel/clients/{ana_id}").status_code == 404
    assert "Well done" not in ana.get("/counsel").text
    assert "ana" not in sam.get("/counsel").text.split("My own network")[0].split("<h1>")[1]


def test_a_counselor_asks_and_sees_nothing_until_the_client_shares(server: Any) -> None:
    network(server, "ana")
    sam, ana = sign_in(server, "sam"), sign_in(server, "ana")
    assert post(sam, "/counsel/requests", client="ana").status_code == 303
    assert "Waiting for an answer from: ana" in sam.get("/counsel").text
    assert "requested" in ana.get("/counsel").text
    ana_id = user(server, "ana").id
    assert sam.get(f"/counsel/clients/{ana_id}").status_code == 404
    assert post(sam, "/counsel/requests", client="nobody").status_code == 404
    assert post(ana, "/counsel/requests", client="sam").status_code == 403  # not a counselor
    assert grant(ana, "bob", Share.WEEK).status_code == 404  # bob is no counselor
    grant(ana, "sam", Share.OPPORTUNITIES)
    page = sam.get(f"/counsel/clients/{ana_id}").text
    assert "referral: 1" in page and "The week" not in page


def test_a_grant_lapses_after_90_days_unless_renewed(server: Any, clock: Clock) -> None:
    network(server, "ana")
    ana = sign_in(server, "ana")
    grant(ana, "sam", Share.WEEK)
    ana_id = user(server, "ana").id
    clock.now = NOW + timedelta(days=89)  # sessions last 14 days: everyone signs in again
    assert sign_in(server, "sam").get(f"/counsel/clients/{ana_id}").status_code == 200
    grant(sign_in(server, "ana"), "sam", Share.WEEK)  # renewed on day 89: 90 more days
    clock.now = NOW + timedelta(days=170)
    assert sign_in(server, "sam").get(f"/counsel/clients/{ana_id}").status_code == 200
    clock.now = NOW + timedelta(days=180)
    sam = sign_in(server, "sam")
    assert sam.get(f"/counsel/clients/{ana_id}").status_code == 404
    assert "No client shares anything with you yet." in sam.get("/counsel").text


def test_a_session_ends_after_14_days(server: Any, clock: Clock) -> None:
    ana = sign_in(server, "ana")
    clock.now = NOW + timedelta(days=13, hours=23)
    assert ana.get("/").status_code == 200
    clock.now = NOW + timedelta(days=14, minutes=1)
    assert ana.get("/").status_code == 303


def test_goals_proposed_are_accepted_or_declined_by_the_client_only(server: Any) -> None:
    network(server, "ana")
    ana, bob, sam = sign_in(server, "ana"), sign_in(server, "bob"), sign_in(server, "sam")
    grant(ana, "sam", Share.WEEK)
    ana_id = user(server, "ana").id
    for text in ("Two coffees with former colleagues", "Send three thank-you notes"):
        assert post(sam, f"/counsel/clients/{ana_id}/comments", text=text,
                    kind="goal").status_code == 303  # fmt: skip
    first, second = sorted(c.id for c in counseling(server).coaching(user(server, "ana")).comments)
    assert post(sam, f"/counsel/goals/{first}/accept").status_code == 404  # not his to decide
    assert post(bob, f"/counsel/goals/{first}/accept").status_code == 404
    assert post(ana, f"/counsel/goals/{first}/accept").status_code == 303
    assert post(ana, f"/counsel/goals/{second}/decline").status_code == 303
    page = ana.get("/counsel").text
    assert "Goals you accepted: Two coffees with former colleagues" in page
    assert "goal declined" in page
    today = ana.get("/").text
    assert "From my counselors" in today and "Two coffees with former colleagues" in today
    assert "Send three thank-you notes" not in today
    assert "Two coffees" not in bob.get("/counsel").text


def test_the_client_sees_who_read_what_and_when(server: Any) -> None:
    network(server, "ana")
    ana, sam = sign_in(server, "ana"), sign_in(server, "sam")
    grant(ana, "sam", Share.WEEK, Share.HEALTH)
    sam.get("/counsel")
    sam.get(f"/counsel/clients/{user(server, 'ana').id}")
    audit = counseling(server).coaching(user(server, "ana")).audit
    assert [a.action for a in audit][:3] == ["read.client", "read.dashboard", "grant.give"]
    assert audit[0].actor == "sam" and "health, week" in audit[0].detail
    page = ana.get("/counsel").text
    assert "read.client" in page and "Who saw what, and when" in page
    assert "read.client" not in sign_in(server, "bob").get("/counsel").text


# --- the IDOR sweep -------------------------------------------------------------------------


def test_no_route_reaches_another_users_records(server: Any) -> None:
    """Bob (another client) and Sam (her counselor, with a live grant) each try every route
    with every id of Ana's (people, interactions, ledger, follow-ups, opportunities,
    meetings, grants, comments): none answers with her data, none changes it."""
    lena = network(server, "ana")
    kith = counseling(server).kith_for(user(server, "ana"))
    ana = sign_in(server, "ana")
    grant(ana, "sam", Share.WEEK)
    sam = sign_in(server, "sam")
    ana_id = user(server, "ana").id
    post(sam, f"/counsel/clients/{ana_id}/comments", text="a goal for ana", kind="goal")
    followup = kith.follow_up(f"#{lena.id}", "send the deck", "2026-12-01")
    coaching = counseling(server).coaching(user(server, "ana"))
    ids = {lena.id, followup.id, ana_id, coaching.grants[0].id, coaching.comments[0].id,
           kith.opps().columns[2].opportunities[0].id, kith.meetings()[0].id}  # fmt: skip
    for n in range(8):  # more of her records: ids of every kind up to a dozen
        other = kith.add_person(f"Lena Ana {n}")
        kith.log(f"call with Lena Ana {n}", when="2026-11-02")
        ids.add(kith.follow_up(f"#{other.id}", "write", "2026-12-01").id)
        ids.add(other.id)
    shown = kith.show_person(f"#{lena.id}")
    ids |= {i.id for i in shown.timeline} | {e.id for e in shown.ledger}
    tried = refused = 0
    values = sorted({str(i) for i in ids if i is not None})
    for attacker in (sign_in(server, "bob"), sam):
        for method, path in [(m, p) for m, p in routes(server.app) if "{" in p]:
            for value in values:
                if attacker is sam and "{client_id}" in path and value == str(ana_id):
                    continue  # what a live grant lets him do: read her page, comment
                url = re.sub(r"\{(answer|action)\}", "accept", filled_ids(path, value))
                form = {"csrf_token": csrf(attacker), "text": "x", "password": "p" * 12}
                response = attacker.request(method, url, data=form)
                tried += 1
                status = response.status_code
                assert status in (400, 403, 404, 405, 409, 422), (method, url, status)
                assert "Lena Ana" not in response.text and "a goal for ana" not in response.text
                refused += 1
    print(f"IDOR sweep: {tried} requests with {len(ids)} of another user's ids, {refused} refused")
    assert tried > 900
    assert "Lena Ana" in ana.get(f"/people/{lena.id}").text  # the ids were real, and intact
    assert "proposed" in ana.get("/counsel").text
    assert kith.show_person(f"#{lena.id}").person.notes == "SECRET-NOTE"


def filled_ids(path: str, value: str) -> str:
    return re.sub(r"\{(?!answer|action)[^}]+\}", value, path)


def test_the_api_gives_the_same_screens_as_json(server: Any) -> None:
    network(server, "ana")
    ana, sam = sign_in(server, "ana"), sign_in(server, "sam")
    grant(ana, "sam", Share.WEEK, Share.OPPORTUNITIES)
    ana_id = user(server, "ana").id
    board = sam.get("/api/v1/counsel/dashboard").json()
    row = board["clients"][0]
    assert row["name"] == "ana" and row["shares"] == ["opportunities", "week"]
    assert row["stages"]["referral"] == 1 and row["i_gave"] is None  # health not shared
    page = sam.get(f"/api/v1/counsel/clients/{ana_id}").json()
    assert page["contacts"] == "off" and page["people"] is None and page["targets"] is None
    headers = {"x-csrf-token": csrf(sam)}
    made = sam.post(f"/api/v1/counsel/clients/{ana_id}/comments",
                    json={"text": "Keep going", "goal": True}, headers=headers)  # fmt: skip
    assert made.status_code == 201 and made.json()["state"] == "proposed"
    mine = ana.get("/api/v1/counsel/sharing").json()
    assert mine["comments"][0]["text"] == "Keep going"
    assert mine["grants"][0]["counselor"] == "sam" and mine["grants"][0]["live"] is True
    assert [a["action"] for a in mine["audit"]][:2] == ["goal.propose", "read.client"]
    assert ana.get("/api/v1/counsel/dashboard").status_code == 403  # she is no counselor
    assert sign_in(server, "bob").get(f"/api/v1/counsel/clients/{ana_id}").status_code == 403
    assert sam.get(f"/api/v1/counsel/clients/{user(server, 'bob').id}").status_code == 404
