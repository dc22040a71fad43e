"""The Giving page and its API: suggestions, introductions step by step, sharing, the
ledger overview; hostile names stay text."""

from __future__ import annotations

import re
from typing import Any

from kith.app import Kith
from kith.core.contact import ListField as F
from kith.core.ledger import Direction
from test_web_pages import app_of, follow, post

XSS = "<img src=x onerror=alert(1)>"


def network(app: Kith) -> None:
    """Ana needs what Tom offers; both warm; I can tune Postgres."""
    app.add_person("Ana Ruiz", {F.NEED: ["a Postgres performance expert"],
                                F.INTEREST: ["climate tech"]})  # fmt: skip
    app.add_person("Tom Lee", {F.OFFER: ["Postgres performance expert"],
                               F.INTEREST: ["climate tech"]})  # fmt: skip
    for name in ("Ana Ruiz", "Tom Lee"):
        app.log(f"lunch with {name}", when="yesterday")
    app.update_me(name="Sam Doe", add={"offers": ["can tune Postgres performance"]})


def test_giving_page_suggests_gives_and_intros_with_reasons(web: Any) -> None:
    app = app_of(web)
    network(app)
    page = web.get("/giving")
    assert page.status_code == 200
    assert "Ana Ruiz" in page.text and "Open the introduction" in page.text
    assert "fits Tom Lee" in page.text  # the suggested intro's reason
    # the messages get a plain sentence the user can edit, not the ranking's figures
    assert 'name="why" value="it could help with “a Postgres performance expert”"' in page.text
    assert "Log the give" in page.text and "can tune Postgres performance" in page.text
    ana = app.resolve("Ana Ruiz")
    logged = post(web, f"/people/{ana.id}/ledger", direction="i_gave",
                  what="Offered: can tune Postgres performance", next="/giving")  # fmt: skip
    assert logged.headers["location"] == "/giving"
    assert app.ledger_of("Ana Ruiz").i_gave[0].what.startswith("Offered:")


def test_an_introduction_is_opened_and_walked_to_its_outcome(web: Any) -> None:
    app = app_of(web)
    network(app)
    ana, tom = app.resolve("Ana Ruiz"), app.resolve("Tom Lee")
    opened = post(web, "/giving/intros", a=str(ana.id), b=str(tom.id), why="Postgres help")
    page = follow(web, opened)
    intro_id = int(re.findall(r"/giving#intro-(\d+)", opened.headers["location"])[0])
    assert f"Opened introduction #{intro_id}" in page.text
    assert (
        "Message to Ana Ruiz" in page.text
        and "Would you like me to introduce you to Tom Lee" in page.text
    )
    assert "readonly" in page.text and "Ana Ruiz said yes" in page.text
    steps = [("agreed", "I asked Tom Lee"), ("asked", "Tom Lee said yes"),
             ("agreed", "I sent the introduction"), ("introduced", "Save the outcome")]  # fmt: skip
    for step, next_button in steps:
        page = follow(web, post(web, f"/giving/intros/{intro_id}", step=step))
        assert next_button in page.text, step
    assert "Introduction: Ana <> Tom" not in page.text  # sent: no draft at 'introduced'
    assert [g.kind.value for g in app.ledger_of("Tom Lee").i_gave] == ["introduction"]
    missing = post(web, f"/giving/intros/{intro_id}", step="outcome", note="")
    assert missing.status_code == 400
    done = follow(web, post(web, f"/giving/intros/{intro_id}", step="outcome", note="hired"))
    assert "done: hired" in done.text and app.intros() == []
    wrong = post(web, f"/giving/intros/{intro_id}", step="agreed")
    assert wrong.status_code == 400


def test_share_lists_candidates_then_shares_with_the_ticked_and_skips_recent(web: Any) -> None:
    app = app_of(web)
    network(app)
    listed = web.get("/giving", params={"item": "https://example.com/c", "about": "climate tech"})
    assert 'type="checkbox"' in listed.text and "Ana Ruiz" in listed.text
    assert app.ledger_of("Ana Ruiz").i_gave == []  # listing records nothing
    ana = app.resolve("Ana Ruiz")
    shared = post(web, "/giving/share", item="https://example.com/c", about="climate tech",
                  to=str(ana.id))  # fmt: skip
    assert shared.status_code == 200 and "recorded as a give" in shared.text
    again = web.get("/giving", params={"item": "another", "about": "climate tech"})
    left_out = again.text.split("Left out", 1)[1]
    assert "Ana Ruiz" in left_out and "already sent them something today" in left_out
    assert post(web, "/giving/share", item="x", about="y").status_code == 400


def test_ledger_overview_and_person_intros(web: Any) -> None:
    app = app_of(web)
    network(app)
    app.record(Direction.THEY_GAVE, "Tom Lee", "a book tip")
    app.ask("Ana Ruiz", "a referral", confirmed=True)
    app.open_intro("Ana Ruiz", "Tom Lee", "Postgres")
    page = web.get("/giving")
    ledger = page.text.split('id="ledger-h"', 1)[1]
    assert "Only asked of" in ledger and "Ana Ruiz" in ledger and "a book tip" in ledger
    assert "My gives per month" in ledger
    person = web.get(f"/people/{app.resolve('Ana Ruiz').id}")
    assert "Introduction #" in person.text and "Tom Lee to say yes" not in person.text
    assert "Ana Ruiz to say yes" in person.text and "(kith intro" not in person.text


def test_giving_page_escapes_hostile_names(web: Any) -> None:
    app = app_of(web)
    app.add_person(XSS, {F.NEED: ["a Postgres performance expert"], F.INTEREST: [XSS]})
    app.add_person("Tom Lee", {F.OFFER: ["Postgres performance expert"]})
    for name in (XSS, "Tom Lee"):
        app.log("lunch", with_people=[name], when="yesterday")
    app.open_intro(XSS, "Tom Lee", XSS)
    page = web.get("/giving", params={"item": XSS, "about": XSS})
    assert XSS not in page.text and "&lt;img src=x onerror=alert(1)&gt;" in page.text


def test_giving_api(web: Any) -> None:
    app = app_of(web)
    network(app)
    web.get("/login")
    web.headers["X-CSRF-Token"] = web.cookies["kith_csrf"]
    assert web.get("/api/v1/ledger").json()["only_asked_total"] == 0
    assert web.get("/api/v1/people/ana/ledger").json()["person"] == "Ana Ruiz"
    assert web.get("/api/v1/suggestions/intros").json()[0]["need"]
    assert web.get("/api/v1/suggestions/gives?limit=1").json()[0]["person"]
    opened = web.post("/api/v1/intros", json={"a": "ana", "b": "tom", "why": "Postgres"})
    assert opened.status_code == 201 and opened.json()["draft"].startswith("Hi Ana")
    intro_id = opened.json()["intro"]["id"]
    moved = web.post(f"/api/v1/intros/{intro_id}/advance", json={"step": "agreed"})
    assert moved.json()["intro"]["stage"] == "a_agreed" and moved.json()["draft_to"] == "Tom Lee"
    assert [i["id"] for i in web.get("/api/v1/intros").json()] == [intro_id]
    bad = web.post(f"/api/v1/intros/{intro_id}/advance", json={"step": "outcome"})
    assert bad.status_code == 400
    listed = web.post("/api/v1/share", json={"item": "x", "about": "climate tech"}).json()
    assert listed["shared"] == [] and {c["person"] for c in listed["candidates"]} >= {"Ana Ruiz"}
    shared = web.post("/api/v1/share", json={"item": "x", "about": "climate tech", "to": ["ana"]})
    assert [e["person"] for e in shared.json()["shared"]] == ["Ana Ruiz"]


def test_ask_check_and_share_pages_escape_hostile_names(web: Any) -> None:
    app = app_of(web)
    person = app.add_person(XSS, {F.NEED: [XSS], F.INTEREST: ["climate tech"]})
    app.log("lunch", with_people=[XSS], when="yesterday")
    check = post(web, f"/people/{person.id}/ledger", direction="i_asked", what=XSS)
    assert check.status_code == 200 and "Record the ask anyway" in check.text
    assert XSS not in check.text and "&lt;img src=x onerror=alert(1)&gt;" in check.text
    assert XSS not in web.get(f"/people/{person.id}/ask-check").text
    shared = post(web, "/giving/share", item=XSS, about="climate tech", to=str(person.id))
    assert shared.status_code == 200 and "recorded as a give" in shared.text
    assert XSS not in shared.text and "&lt;img src=x onerror=alert(1)&gt;" in shared.text
