"""The pages through the ASGI client: each renders, each form does what the CLI does."""

from __future__ import annotations

import importlib
import inspect
import re
from typing import Any

from fastapi.routing import APIRoute

from kith.app import Kith
from kith.core.contact import ListField
from kith.core.ledger import Direction
from kith.web.pages import PAGES

API = ("people", "activity", "keeping", "giving", "search", "importing")


def app_of(web: Any) -> Kith:
    kith: Kith = web.app.state.kith
    return kith


def token(web: Any) -> str:
    """The CSRF token a page would put in its forms (the cookie set on the first GET)."""
    if "kith_csrf" not in web.cookies:
        web.get("/login")
    return str(web.cookies["kith_csrf"])


def post(web: Any, path: str, **form: str) -> Any:
    return web.post(path, data={"csrf_token": token(web), **form})


def follow(web: Any, response: Any) -> Any:
    assert response.status_code == 303, response.text
    return web.get(response.headers["location"])


def test_today_lists_an_overdue_person_and_done_takes_them_off(web: Any) -> None:
    app = app_of(web)
    ana = app.add_person("Ana Ruiz")
    app.set_circle("Ana Ruiz", "close")
    app.log("coffee with Ana Ruiz", when="2026-09-01")
    page = web.get("/")
    assert page.status_code == 200
    assert "Ana Ruiz" in page.text and "Suggested:" in page.text
    done = follow(web, post(web, "/today/done", person=str(ana.id), kind="coffee"))
    assert "Done with Ana Ruiz" in done.text
    assert f'href="/people/{ana.id}"' not in done.text.split('id="agenda"', 1)[-1]
    assert app.show_person(str(ana.id)).timeline[0].kind.value == "coffee"


def test_snooze_and_skip_from_today(web: Any) -> None:
    app = app_of(web)
    tom = app.add_person("Tom Lee")
    app.set_circle("Tom Lee", "close")
    app.log("call with Tom Lee", when="2026-09-10")
    snoozed = follow(web, post(web, "/today/snooze", person=str(tom.id), duration="2w"))
    assert "Snoozed Tom Lee until 2026-12-09" in snoozed.text
    skipped = follow(web, post(web, "/today/skip", person=str(tom.id)))
    assert "Skipped Tom Lee" in skipped.text


def test_add_a_person_then_see_and_edit_them(web: Any) -> None:
    added = post(
        web, "/people", name="Zoë Park", org="Globex:CTO:2021", email="zoe@globex.com",
        tag="mentor\nclimber", met_context="PyCon 2019", notes="Moving to Lisbon",
    )  # fmt: skip
    page = follow(web, added)
    assert "Added Zoë Park" in page.text and "CTO, Globex" in page.text
    person_id = re.search(r"/people/(\d+)", added.headers["location"])
    assert person_id is not None
    pid = person_id[1]
    edit = web.get(f"/people/{pid}/edit")
    assert "Globex:CTO:2021-01-01" in edit.text
    saved = post(
        web, f"/people/{pid}/edit", name="Zoë Park", tag="mentor", org="Initech:VP",
        email="zoe@globex.com", location="Lisbon", notes="",
    )  # fmt: skip
    person = app_of(web).resolve(pid)
    assert saved.status_code == 303
    assert person.tags == ["mentor"] and [o.name for o in person.orgs] == ["Initech"]
    assert person.location == "Lisbon" and person.notes == ""


def test_person_page_logs_records_and_promises(web: Any) -> None:
    app = app_of(web)
    ana = app.add_person("Ana Ruiz")
    app.add_person("Tom Lee")
    base = f"/people/{ana.id}"
    logged = follow(web, post(web, f"{base}/log", kind="meal", with_="", summary="lunch"))
    assert "Logged meal with Ana Ruiz" in logged.text
    both = follow(web, post(web, f"{base}/log", kind="call", **{"with": "Tom Lee"}))
    assert "Logged call with Ana Ruiz, Tom Lee" in both.text
    gave = follow(web, post(web, f"{base}/ledger", direction="i_gave", what="intro to Maria"))
    assert "I gave — intro to Maria" in gave.text
    lunch = app.show_person(str(ana.id)).timeline[-1]
    asked = post(web, f"{base}/ledger", direction="they_asked", what="a review",
                 interaction=str(lunch.id))  # fmt: skip
    assert asked.status_code == 303
    ledger = app.show_person(str(ana.id)).ledger
    assert [e.interaction_id for e in ledger if e.what == "a review"] == [lunch.id]
    promised = follow(web, post(web, f"{base}/followups", what="send the deck", due="friday"))
    assert "send the deck" in promised.text
    followup = app.show_person(str(ana.id)).followups[0]
    finished = follow(web, post(web, f"/followups/{followup.id}/done"))
    assert "Done: send the deck" in finished.text
    assert follow(web, post(web, f"{base}/circle", circle="close")).status_code == 200
    assert follow(web, post(web, f"{base}/cadence", cadence="6w")).status_code == 200
    tie = app.show_person(str(ana.id)).tie
    assert tie.circle.value == "close" and tie.cadence == "6w"


def test_person_page_shows_strength_reasons_and_timeline(web: Any) -> None:
    app = app_of(web)
    ana = app.add_person("Ana Ruiz")
    app.log("coffee with Ana Ruiz about the Lisbon move", when="2026-11-01")
    page = web.get(f"/people/{ana.id}")
    why = page.text.split("<summary>Why", 1)[1].split("</details>", 1)[0]
    assert "coffee" in why and "points" in why
    assert "coffee with Ana Ruiz about the Lisbon move" in page.text


def test_archive_and_delete(web: Any) -> None:
    app = app_of(web)
    ana = app.add_person("Ana Ruiz")
    follow(web, post(web, f"/people/{ana.id}/archive", archived="1"))
    assert app.resolve(str(ana.id)).archived
    refused = post(web, f"/people/{ana.id}/delete")
    assert refused.status_code == 400 and "Tick the box" in refused.text
    gone = follow(web, post(web, f"/people/{ana.id}/delete", confirm="yes"))
    assert "Deleted Ana Ruiz" in gone.text
    assert web.get(f"/people/{ana.id}").status_code == 404


def test_people_filters_sort_search_and_pages(web: Any) -> None:
    app = app_of(web)
    for n in range(55):
        app.add_person(f"Person {n:02d}", {}, location="Porto")
    app.add_person("Ana Ruiz", {ListField.TAG: ["mentor"]})
    first = web.get("/people")
    assert "Next →" in first.text and "Person 48" in first.text and "Person 49" not in first.text
    second = web.get("/people?page=2")
    assert "Person 49" in second.text and "← Previous" in second.text
    found = web.get("/people?q=ruiz&partial=1")
    assert "Ana Ruiz" in found.text and "Person" not in found.text and "<html" not in found.text
    tagged = web.get("/people?tag=mentor")
    assert "Ana Ruiz" in tagged.text and "Person 01" not in tagged.text
    by_strength = web.get("/people?sort=strength&circle=wider&overdue=1")
    assert by_strength.status_code == 200
    app.archive("Person 00")
    assert "Person 00" not in web.get("/people?q=person+00").text
    assert "Person 00" in web.get("/people?q=person+00&archived=1").text
    everywhere = web.get("/find?q=porto")
    assert "location: Porto" in everywhere.text


def test_log_page_logs_with_several_people(web: Any) -> None:
    app = app_of(web)
    ana, tom = app.add_person("Ana Ruiz"), app.add_person("Tom Lee")
    form = web.get(f"/log?with={ana.id}&with={tom.id}")
    assert "Ana Ruiz\nTom Lee" in form.text
    logged = follow(
        web, post(web, "/log", **{"with": "Ana Ruiz\nTom Lee"}, kind="meeting", summary="planning")
    )
    assert "Logged meeting with Ana Ruiz, Tom Lee" in logged.text
    from_text = follow(web, post(web, "/log", summary="coffee with Ana Ruiz"))
    assert "Logged coffee with Ana Ruiz" in from_text.text


def test_health_page_draws_svg_charts(web: Any) -> None:
    app = app_of(web)
    app.add_person("Ana Ruiz")
    app.log("coffee with Ana Ruiz", when="2026-10-01")
    page = web.get("/health")
    assert page.status_code == 200
    assert page.text.count("<svg") == 4 and "<rect" in page.text and "<polyline" in page.text
    assert "style=" not in page.text  # the CSP allows no inline style


def test_settings_change_my_profile_and_rebuild(web: Any) -> None:
    app = app_of(web)
    page = web.get("/settings")
    assert "Circles and cadences" in page.text and "inner" in page.text
    saved = follow(
        web, post(web, "/settings/me", name="Sam Rivera", emails="sam@example.com",
                  offers="code review\nintros", needs="", goals="")
    )  # fmt: skip
    assert "Saved your profile" in saved.text
    me = app.me()
    assert me.name == "Sam Rivera" and me.offers == ["code review", "intros"]
    post(web, "/settings/me", name="Sam Rivera", emails="", offers="intros", needs="", goals="")
    assert app.me().offers == ["intros"] and app.me().emails == []
    assert "Rebuilt: 0 people corrected" in follow(web, post(web, "/settings/rebuild")).text


def test_demo_loads_from_settings(web: Any) -> None:
    refused = post(web, "/settings/demo", people="0", seed="7")
    assert refused.status_code == 400
    loaded = follow(web, post(web, "/settings/demo", people="40", seed="3"))
    assert "Loaded the demo network: 40 people" in loaded.text


def test_a_form_error_is_a_page_with_the_message(web: Any) -> None:
    app_of(web).add_person("Ana Ruiz")
    app_of(web).add_person("Ana Rivera")
    page = post(web, "/log", summary="coffee", **{"with": "Ana"})
    assert page.status_code == 409
    assert "fits 2 people" in page.text and "Ana Rivera" in page.text
    bad_date = post(web, "/log", summary="coffee", **{"with": "Ana Ruiz"}, when="someday")
    assert bad_date.status_code == 400 and "<html" in bad_date.text


def test_a_cold_ask_shows_the_check_and_is_recorded_only_when_confirmed(web: Any) -> None:
    app = app_of(web)
    tom = app.add_person("Tom Lee", values={ListField.NEED: ["a climbing partner"]})
    base = f"/people/{tom.id}"
    check = post(web, f"{base}/ledger", direction="i_asked", what="a referral", kind="referral")
    assert check.status_code == 200
    assert "cold ask" in check.text and "You have never given them anything." in check.text
    assert "climbing partner" in check.text and "Record the ask anyway" in check.text
    assert 'name="confirm" value="yes"' in check.text and 'value="a referral"' in check.text
    assert app.show_person(str(tom.id)).ledger == []
    confirmed = post(web, f"{base}/ledger", direction="i_asked", what="a referral",
                     kind="referral", confirm="yes")  # fmt: skip
    assert confirmed.status_code == 303
    assert [e.what for e in app.show_person(str(tom.id)).ledger] == ["a referral"]
    page = web.get(base)
    assert "Open" in page.text and "a referral" in page.text
    assert "cold ask" in web.get(f"{base}/ask-check").text


def test_a_warm_ask_from_the_person_page_is_recorded_at_once(web: Any) -> None:
    app = app_of(web)
    ana = app.add_person("Ana Ruiz")
    for day in ("2026-10-01", "2026-10-20", "2026-11-10", "2026-11-20"):
        app.log("coffee with Ana Ruiz", when=day)
    app.record(Direction.I_GAVE, "Ana Ruiz", "an intro to Maria", when="2026-11-01")
    asked = post(web, f"/people/{ana.id}/ledger", direction="i_asked", what="a review")
    assert asked.status_code == 303
    assert "I asked — a review" in follow(web, asked).text


def test_every_route_runs_in_the_thread_pool() -> None:
    """An async route would run the facade (an import, the demo, a model loading) on the
    event loop and stall every other request meanwhile."""
    names = [f"kith.web.pages.{n}" for n in PAGES] + [f"kith.web.api.{n}" for n in API]
    routers = [importlib.import_module(name).router for name in names]
    routes = [r for router in routers for r in router.routes if isinstance(r, APIRoute)]
    assert len(routes) > 50
    blocking = [r.path for r in routes if inspect.iscoroutinefunction(r.endpoint)]
    assert blocking == []


def test_more_requests_at_once_than_pooled_connections_queue_rather_than_fail(web: Any) -> None:
    # Every worker thread has a connection to take, so requests past the pool's five
    # resident connections wait their turn: all answer 200, none is a pool timeout (500).
    from concurrent.futures import ThreadPoolExecutor

    import anyio.to_thread

    pool = web.app.state.kith.store.engine.pool
    threads = web.portal.call(lambda: anyio.to_thread.current_default_thread_limiter())
    assert pool.size() + pool._max_overflow >= threads.total_tokens
    with ThreadPoolExecutor(max_workers=48) as workers:
        codes = list(workers.map(lambda _: web.get("/").status_code, range(96)))
    assert codes == [200] * 96
