"""The job-search page and its API: search mode, targets, warm paths with readiness,
informational interviews, the opportunity board, the week (also on Today)."""

from __future__ import annotations

import re
from typing import Any

from kith.app import Kith
from kith.core.contact import ListField as F
from test_web_pages import app_of, follow, post

XSS = "<img src=x onerror=alert(1)>"


def acme(app: Kith) -> None:
    """Ana (a friend) had coffee with Li, who is CTO at Acme; Bo worked there before."""
    app.add_person("Ana Ruiz", {F.ORG: ["Globex:PM:2018"]})
    app.add_person("Li Wei", {F.ORG: ["Acme Robotics:CTO:2021"]})
    app.add_person("Bo Chen", {F.ORG: ["Acme Robotics::2015:2019"]})
    app.log("coffee with Ana Ruiz and Li Wei", when="2026-10-01")
    app.log("lunch with Ana Ruiz")
    app.log("dinner with Bo Chen", when="2026-11-01")


def test_search_mode_on_and_off(web: Any) -> None:
    page = web.get("/search")
    assert page.status_code == 200 and "Search mode: off" in page.text
    on = follow(web, post(web, "/search/mode", on="1", goal="a staff role in climate tech"))
    assert "Search mode: on" in on.text and "a staff role in climate tech" in on.text
    off = follow(web, post(web, "/search/mode", on="0"))
    assert "Search mode: off" in off.text and "back to keeping in touch" in off.text


def test_targets_are_added_ranked_removed_and_their_paths_shown(web: Any) -> None:
    app = app_of(web)
    acme(app)
    added = follow(web, post(web, "/search/targets", company="Acme", role="Staff", priority="1"))
    assert "Target: Acme." in added.text and "Best way in:" in added.text
    follow(web, post(web, "/search/targets", company="Initech", priority="3"))
    targets = web.get("/search").text.split('id="targets-h"', 1)[1]
    assert targets.index("Acme") < targets.index("Initech")  # priority 1 before 3
    paths = web.get("/search", params={"paths": "Acme"})
    ways = paths.text.split('id="paths-h"', 1)[1].split('id="meetings-h"', 1)[0]
    assert "Li Wei" in ways and "Bo Chen" in ways and "Ana Ruiz" in ways
    assert "Ready to ask" in ways or "Not ready to ask" in ways
    assert "Plan an informational interview with" in ways
    none = web.get("/search", params={"paths": "Nowhere Inc"})
    assert "Nobody in your network is or was at" in none.text
    gone = follow(web, post(web, "/search/targets/remove", company="Initech"))
    assert "Removed Initech." in gone.text
    assert post(web, "/search/targets", company="X", priority="high").status_code == 400


def test_an_informational_interview_runs_through_its_follow_through(web: Any) -> None:
    app = app_of(web)
    acme(app)
    bo = app.resolve("Bo Chen")
    planned = follow(web, post(web, "/search/meetings", person=str(bo.id), about="Acme",
                               questions="How is the team?"))  # fmt: skip
    assert "Informational interview with Bo Chen about Acme planned." in planned.text
    assert "It took place" in planned.text and "They replied" not in planned.text
    held = follow(web, post(web, "/search/meetings/step", person=str(bo.id), step="held"))
    assert "4 follow-ups started" in held.text and "Thank Bo Chen" in held.text
    replied = follow(web, post(web, "/search/meetings/step", person=str(bo.id), step="replied"))
    assert "Bo Chen: replied." in replied.text and "I reported back" in replied.text
    reported = follow(web, post(web, "/search/meetings/step", person=str(bo.id), step="reported"))
    assert "Bo Chen: reported." in reported.text
    again = post(web, "/search/meetings/step", person=str(bo.id), step="held")
    assert again.status_code == 409


def test_opportunities_move_to_an_offer_with_the_people_behind_them(web: Any) -> None:
    app = app_of(web)
    acme(app)
    added = post(web, "/search/opportunities", title="Acme — Staff Engineer", via="Li Wei, Ana")
    opp_id = re.search(r"Opportunity #(\d+)", follow(web, added).text)
    assert opp_id is not None
    for stage in ("referral", "interviewing", "offer"):
        moved = follow(web, post(web, f"/search/opportunities/{opp_id[1]}", stage=stage))
        assert f"→ {stage}." in moved.text
    board = moved.text.split('id="board-h"', 1)[1]
    assert "Offer" in board and "Through" in board and "Li Wei" in board
    assert "The relationships behind them" in board and "furthest: offer" in board
    assert "<option selected>accepted</option>" in board
    back = post(web, f"/search/opportunities/{opp_id[1]}", stage="lead")
    assert back.status_code == 400


def test_the_week_shows_on_the_search_page_and_on_today(web: Any) -> None:
    app = app_of(web)
    acme(app)
    for page in (web.get("/search"), web.get("/")):
        week = page.text.split('id="week-h"', 1)[1]
        assert "Conversations" in week and "/5" in week and "Streak:" in week
        assert "<progress" in week


def test_search_page_escapes_hostile_names(web: Any) -> None:
    app = app_of(web)
    app.add_person(XSS, {F.ORG: [f"{XSS}:CTO:2021"]})
    app.log("coffee", with_people=[XSS], when="yesterday")
    app.target_add(XSS, XSS)
    app.meet(XSS, XSS, questions=XSS)
    app.opp_add(f"{XSS} — role", [XSS])
    app.search_start(XSS)
    page = web.get("/search", params={"paths": XSS})
    assert page.status_code == 200
    assert XSS not in page.text and "&lt;img src=x onerror=alert(1)&gt;" in page.text


def test_search_api(web: Any) -> None:
    app = app_of(web)
    acme(app)
    web.get("/login")
    web.headers["X-CSRF-Token"] = web.cookies["kith_csrf"]
    assert web.post("/api/v1/job-search/start", json={"goal": "staff"}).json()["active"] is True
    assert web.get("/api/v1/job-search").json()["search"]["goal"] == "staff"
    made = web.post("/api/v1/targets", json={"company": "Acme", "priority": 1})
    assert made.status_code == 201 and made.json()["company"] == "Acme"
    assert web.get("/api/v1/targets").json()[0]["target"]["company"] == "Acme"
    ways = web.get("/api/v1/paths/Acme").json()
    assert ways["current"] == 1 and ways["ways"][0]["readiness"]["why"]
    assert web.get("/api/v1/paths/Nowhere").status_code == 404
    assert web.post("/api/v1/knows", json={"a": "Ana", "b": "Bo"}).json()["new"] is True
    assert web.post("/api/v1/meetings", json={"person": "Bo", "about": "Acme"}).status_code == 201
    held = web.post("/api/v1/meetings/Bo/step", json={"step": "held"}).json()
    assert len(held["opened"]) == 4 and web.get("/api/v1/meetings").json()[0]["held_on"]
    opp = web.post("/api/v1/opportunities", json={"title": "Acme — Staff", "via": ["Li"]})
    moved = web.post(f"/api/v1/opportunities/{opp.json()['id']}/move", json={"stage": "offer"})
    assert moved.json()["now"] == "offer"
    board = web.get("/api/v1/opportunities").json()
    assert board["producers"][0]["name"] == "Li Wei"
    assert [g["name"] for g in web.get("/api/v1/week").json()["goals"]] == [
        "conversations", "gives", "reconnections"]  # fmt: skip
    assert web.delete("/api/v1/targets/Acme").status_code == 200
    assert web.post("/api/v1/job-search/stop").json()["active"] is False
