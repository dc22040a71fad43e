"""Settings: my profile (emails, offers, needs, goals), circles and cadences, upkeep."""

from __future__ import annotations

from fastapi import APIRouter, Request
from starlette.responses import Response

from kith.errors import InvalidInput
from kith.settings import redacted
from kith.web.deps import kith_of, views_of
from kith.web.forms import Fields, me_changes

router = APIRouter()
NAV = [("Settings", "/settings")]


@router.get("/settings", include_in_schema=False)
def settings_page(request: Request) -> Response:
    app = kith_of(request)
    return views_of(request).page(
        request, "settings.html", me=app.me(), circles=app.circles(),
        rules=app.settings.circles,
        # on the multi-user server, where its database is is the admin's business alone
        db=redacted(app.settings.db) if request.app.state.counseling is None else "on the server",
        config_file=app.settings.config_file,
    )  # fmt: skip


@router.post("/settings/me", include_in_schema=False)
def update_me(request: Request, form: Fields) -> Response:
    app = kith_of(request)
    add, remove = me_changes(app.me(), form)
    app.update_me(form.get("name"), add, remove)
    return views_of(request).redirect("/settings", "Saved your profile.")


@router.post("/settings/rebuild", include_in_schema=False)
def rebuild(request: Request) -> Response:
    fixed = kith_of(request).rebuild()
    return views_of(request).redirect("/settings", f"Rebuilt: {fixed} people corrected.")


@router.post("/settings/demo", include_in_schema=False)
def demo(request: Request, form: Fields) -> Response:
    people, seed = form.get("people", "150").strip(), form.get("seed", "7").strip()
    if not (people.isdigit() and seed.isdigit() and 0 < int(people) <= 100_000):
        raise InvalidInput("People must be 1 to 100000 and the seed a number.", "e.g. 150 and 7.")
    summary = kith_of(request).load_demo(int(people), int(seed))
    return views_of(request).redirect(
        "/", f"Loaded the demo network: {summary.people} people, "
        f"{summary.interactions} interactions.",
    )  # fmt: skip
