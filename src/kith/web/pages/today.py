"""Today: the agenda, with one-click done, snooze, skip and log for each entry."""

from __future__ import annotations

from fastapi import APIRouter, Request
from starlette.responses import Response

from kith.core.interactions import Kind
from kith.web.deps import cache_of, coaching_of, kith_of, views_of
from kith.web.forms import Fields, local_path

router = APIRouter()
NAV = [("Today", "/")]


@router.get("/", include_in_schema=False)
def today(request: Request, all: bool = False) -> Response:
    app, limit = kith_of(request), None if all else 7
    cache = cache_of(request)
    entries = cache.get(("agenda", app.today(), limit), lambda: app.agenda(limit))
    week = cache.get(("week", app.today()), app.week)
    return views_of(request).page(
        request,
        "today.html",
        entries=entries,
        showing_all=all,
        kinds=list(Kind),
        week=week,
        coaching=coaching_of(request),
    )


@router.post("/today/done", include_in_schema=False)
def done(request: Request, form: Fields) -> Response:
    kind = Kind(form["kind"]) if form.get("kind") in set(Kind) else None
    result = kith_of(request).done(form.get("person", ""), None, kind, form.get("notes", ""))
    parts = [f"Done with {result.person}"]
    if result.followups:
        parts.append(f"{len(result.followups)} follow-up(s) completed")
    if result.thanked:
        parts.append(f"{result.thanked} thanked")
    if result.interaction is not None:
        parts.append(f"{result.interaction.kind.value} logged")
    return views_of(request).redirect(local_path(form.get("next")), ", ".join(parts) + ".")


@router.post("/today/snooze", include_in_schema=False)
def snooze(request: Request, form: Fields) -> Response:
    app = kith_of(request)
    person = app.resolve(form.get("person", ""))
    until = app.snooze(str(person.id), form.get("duration") or "1w")
    return views_of(request).redirect(
        local_path(form.get("next")), f"Snoozed {person.display_name} until {until.isoformat()}."
    )


@router.post("/today/skip", include_in_schema=False)
def skip(request: Request, form: Fields) -> Response:
    app = kith_of(request)
    person = app.resolve(form.get("person", ""))
    until = app.skip(str(person.id))
    return views_of(request).redirect(
        local_path(form.get("next")), f"Skipped {person.display_name} until {until.isoformat()}."
    )
