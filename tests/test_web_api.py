"""The JSON API: the CLI's use cases over HTTP, in the docs/json.md shapes."""

from __future__ import annotations

from typing import Any

import pytest

from kith.core.ledger import Direction


@pytest.fixture
def api(web: Any) -> Any:
    """The test client as the app's own pages call the API: with the CSRF token header."""
    web.get("/login")
    web.headers["X-CSRF-Token"] = web.cookies["kith_csrf"]
    return web


def test_people_create_get_edit_list_archive_delete(api: Any) -> None:
    made = api.post("/api/v1/people", json={
        "display_name": "Ana Ruiz", "met_context": "PyCon 2019",
        "add": {"emails": ["ana@globex.com"], "orgs": ["Globex:CTO:2021"], "tags": ["mentor"]},
    })  # fmt: skip
    assert made.status_code == 201, made.text
    ana = made.json()
    assert ana["emails"] == ["ana@globex.com"] and ana["orgs"][0]["name"] == "Globex"
    shown = api.get(f"/api/v1/people/{ana['id']}?why=true").json()
    assert shown["person"]["display_name"] == "Ana Ruiz" and "tie" in shown and shown["why"]
    assert api.get("/api/v1/people/ana").json()["person"]["id"] == ana["id"]
    edited = api.patch(
        f"/api/v1/people/{ana['id']}",
        json={"location": "Lisbon", "add": {"tags": ["climber"]}, "remove": {"tags": ["mentor"]}},
    )
    assert edited.status_code == 200 and edited.json()["tags"] == ["climber"]
    listed = api.get("/api/v1/people?q=ruiz&tag=climber&sort=strength").json()
    assert [p["display_name"] for p in listed] == ["Ana Ruiz"]
    assert api.get("/api/v1/search?text=lisbon").json()["people"][0]["id"] == ana["id"]
    assert api.post(f"/api/v1/people/{ana['id']}/archive").json()["archived"] is True
    assert api.get("/api/v1/people").json() == []
    assert len(api.get("/api/v1/people?archived=true").json()) == 1
    assert api.post(f"/api/v1/people/{ana['id']}/unarchive").json()["archived"] is False
    assert api.delete(f"/api/v1/people/{ana['id']}").status_code == 200
    assert api.get(f"/api/v1/people/{ana['id']}").status_code == 404


def test_people_pages_with_limit_and_offset(api: Any) -> None:
    for name in ("Ana", "Bea", "Cy", "Dee"):
        api.post("/api/v1/people", json={"display_name": name})
    page = api.get("/api/v1/people?limit=2&offset=2").json()
    assert [p["display_name"] for p in page] == ["Cy", "Dee"]


def test_interactions_ledger_and_followups(api: Any) -> None:
    for name in ("Ana Ruiz", "Tom Lee"):
        api.post("/api/v1/people", json={"display_name": name})
    logged = api.post("/api/v1/interactions", json={
        "text": "lunch about Lisbon", "kind": "meal", "with_people": ["Ana Ruiz", "Tom Lee"],
        "when": "yesterday", "initiated_by": "them"})  # fmt: skip
    assert logged.status_code == 201 and logged.json()["people"] == ["Ana Ruiz", "Tom Lee"]
    for direction in ("i_gave", "they_gave", "i_asked", "they_asked"):
        entry = api.post(
            "/api/v1/ledger",
            json={
                "person": "ana",
                "direction": direction,
                "what": "an intro",
                "kind": "introduction",
                "anyway": direction == "i_asked",  # a cold ask: Ana is a new, weak tie
            },
        )
        assert entry.status_code == 201 and entry.json()["direction"] == direction
    promise = api.post("/api/v1/followups", json={"person": "tom", "what": "send the deck"})
    assert promise.json()["due"] == "2026-12-02"
    done = api.post(f"/api/v1/followups/{promise.json()['id']}/done")
    assert done.json()["is_open"] is False
    again = api.post(f"/api/v1/followups/{promise.json()['id']}/done")
    assert again.status_code == 409


def test_agenda_done_snooze_skip(api: Any) -> None:
    app = api.app.state.kith
    for name in ("Ana Ruiz", "Tom Lee", "Zoë Park"):
        app.add_person(name)
        app.set_circle(name, "close")
        app.log(f"call with {name}", when="2026-09-01")
    agenda = api.get("/api/v1/agenda").json()
    assert {e["person"] for e in agenda} == {"Ana Ruiz", "Tom Lee", "Zoë Park"}
    done = api.post("/api/v1/agenda/ana/done", json={"kind": "coffee"}).json()
    assert done["interaction"]["kind"] == "coffee"
    assert api.post("/api/v1/agenda/tom/snooze", json={"duration": "2w"}).json() == {
        "until": "2026-12-09"
    }
    assert "until" in api.post("/api/v1/agenda/zoe park/skip").json()
    assert api.get("/api/v1/agenda").json() == []


def test_circles_cadence_health_me_rebuild(api: Any) -> None:
    api.post("/api/v1/people", json={"display_name": "Ana Ruiz"})
    assert (
        api.put("/api/v1/people/ana/circle", json={"circle": "inner"}).json()["circle"] == "inner"
    )
    assert api.put("/api/v1/people/ana/cadence", json={"cadence": "6w"}).json()["cadence"] == "6w"
    bad = api.put("/api/v1/people/ana/circle", json={"circle": "best"})
    assert bad.status_code == 400 and "no circle" in bad.json()["message"]
    circles = api.get("/api/v1/circles").json()
    assert circles["circles"][0]["circle"] == "inner" and circles["circles"][0]["size"] == 1
    assert api.get("/api/v1/health").json()["breadth"]["people"] == 1
    me = api.patch("/api/v1/me", json={"name": "Sam", "add": {"offers": ["code review"]}})
    assert me.json() == {"name": "Sam", "emails": [], "offers": ["code review"], "needs": [],
                         "goals": [], "phones": []}  # fmt: skip
    assert api.get("/api/v1/me").json()["name"] == "Sam"
    assert api.post("/api/v1/rebuild").json() == {"corrected": 0}


def test_ambiguous_names_list_the_candidates(api: Any) -> None:
    for name in ("Ana Ruiz", "Ana Rivera"):
        api.post("/api/v1/people", json={"display_name": name})
    found = api.get("/api/v1/people/ana")
    assert found.status_code == 409
    assert len(found.json()["candidates"]) == 2


def test_the_openapi_schema_describes_the_api(api: Any) -> None:
    schema = api.get("/api/v1/openapi.json").json()
    paths = schema["paths"]
    assert {
        "/api/v1/people",
        "/api/v1/people/{ref}",
        "/api/v1/interactions",
        "/api/v1/ledger",
        "/api/v1/followups",
        "/api/v1/agenda",
        "/api/v1/health",
        "/api/v1/me",
    } <= set(paths)
    assert not any(p.startswith(("/people", "/today")) for p in paths)  # pages stay out


def test_ids_too_large_for_the_database_are_not_found(api: Any) -> None:
    huge = "9" * 30
    assert api.get(f"/api/v1/people/{huge}").status_code == 404
    assert api.post(f"/api/v1/followups/{huge}/done").status_code in (404, 422)


def test_a_nul_character_is_bad_input_not_a_bug(api: Any) -> None:
    made = api.post("/api/v1/people", json={"display_name": "Ana\u0000Ruiz"})
    found = api.get("/api/v1/search", params={"text": "a\u0000b"})
    for response in (made, found):
        assert response.status_code in (200, 201, 400), response.text


def test_a_cold_ask_returns_the_check_and_records_nothing_until_anyway(api: Any) -> None:
    api.post(
        "/api/v1/people", json={"display_name": "Tom Lee", "add": {"needs": ["a climbing partner"]}}
    )
    ask = {"person": "tom", "direction": "i_asked", "what": "a referral", "kind": "referral"}
    cold = api.post("/api/v1/ledger", json=ask)
    assert cold.status_code == 409
    body = cold.json()
    assert body["error"] == "ColdAsk" and body["check"]["warm"] is False
    assert "never given" in " ".join(body["check"]["reasons"])
    assert any(
        "climbing" in g["what"] or "climbing" in g["for_their"] for g in body["check"]["gives"]
    )
    assert api.get("/api/v1/people/tom").json()["ledger"] == []
    check = api.get("/api/v1/people/tom/ask-check").json()
    assert check["warm"] is False and 2 <= len(check["gives"]) <= 3
    recorded = api.post("/api/v1/ledger", json={**ask, "anyway": True})
    assert recorded.status_code == 201 and recorded.json()["what"] == "a referral"


def test_a_warm_ask_is_recorded_at_once(api: Any) -> None:
    app = api.app.state.kith
    app.add_person("Ana Ruiz")
    for day in ("2026-10-01", "2026-10-20", "2026-11-10", "2026-11-20"):
        app.log("coffee with Ana Ruiz", when=day)
    app.record(Direction.I_GAVE, "Ana Ruiz", "an intro to Maria", when="2026-11-01")
    assert app.ask_check("Ana Ruiz").warm
    warm = api.post(
        "/api/v1/ledger", json={"person": "ana", "direction": "i_asked", "what": "a review"}
    )
    assert warm.status_code == 201 and warm.json()["direction"] == "i_asked"
