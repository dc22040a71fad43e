"""Giving: suggested gives and intros, open introductions with the message to send next,
sharing an item with the few people it fits, and the ledger over everyone."""

from __future__ import annotations

from fastapi import APIRouter, Request
from starlette.responses import Response

from kith.app.results import Unavailable
from kith.core.intros import Introduction, Stage, Step
from kith.errors import InvalidInput
from kith.web import charts
from kith.web.api.models import Id
from kith.web.deps import kith_of, views_of
from kith.web.forms import Fields, lines
from kith.web.hints import hint_text

router = APIRouter()
NAV = [("Giving", "/giving")]
SUGGESTED = 5


@router.get("/giving", include_in_schema=False)
def giving(request: Request, item: str = "", about: str = "") -> Response:
    screen = kith_of(request).giving_screen(SUGGESTED, item, about)
    months = [(m.month, m.gives) for m in screen.overview.gives_per_month]
    return views_of(request).page(
        request, "giving.html", overview=screen.overview,
        intros=[(o.intro, o.draft, o.next_steps) for o in screen.intros],
        gives=(screen.gives, _why(screen.gives_unavailable)),
        intro_ideas=(screen.intro_ideas, _why(screen.intro_ideas_unavailable)),
        share=screen.share, item=item, about=about,
        chart=charts.month_bars(months, "My gives per month"), stage_words=stage_words,
    )  # fmt: skip


def _why(unavailable: Unavailable | None) -> str:
    """Why a list is empty, as the page says it ("" when it is not)."""
    return f"{unavailable.message} {hint_text(unavailable.hint)}" if unavailable else ""


def stage_words(intro: Introduction) -> str:
    """Where an introduction stands, in words: "Ana Ruiz said yes", "both said yes"."""
    a, b = intro.a.name, intro.b.name
    return {
        Stage.ASKED_A: f"asked {a}", Stage.A_AGREED: f"{a} said yes",
        Stage.ASKED_B: f"{a} said yes, asked {b}", Stage.B_AGREED: "both said yes",
        Stage.INTRODUCED: "introduced", Stage.OUTCOME: f"done: {intro.outcome}",
        Stage.DECLINED: f"declined by {a if intro.declined_by == 'a' else b}",
    }[intro.stage]  # fmt: skip


@router.post("/giving/intros", include_in_schema=False)
def open_intro(request: Request, form: Fields) -> Response:
    made = kith_of(request).open_intro(form.get("a", ""), form.get("b", ""), form.get("why", ""))
    intro = made.intro
    return views_of(request).redirect(
        f"/giving#intro-{intro.id}",
        f"Opened introduction #{intro.id}: ask {intro.a.name} first (the message is below).",
    )


@router.post("/giving/intros/{intro_id}", include_in_schema=False)
def advance_intro(request: Request, intro_id: Id, form: Fields) -> Response:
    if form.get("step") not in set(Step):
        raise InvalidInput("Choose a step.", ", ".join(s.value for s in Step))
    done = kith_of(request).advance_intro(intro_id, Step(form["step"]), form.get("note", ""))
    said = f"Introduction #{intro_id}: {stage_words(done.intro)}"
    if done.gives:
        said += f", recorded as a give to both {done.intro.a.name} and {done.intro.b.name}"
    return views_of(request).redirect(f"/giving#intro-{intro_id}", said + ".")


@router.post("/giving/share", include_in_schema=False)
def share(request: Request, form: Fields) -> Response:
    chosen = lines(form.get("to", ""))
    if not chosen:
        raise InvalidInput("Tick the people to share it with.", "Nothing was shared.")
    result = kith_of(request).share(form.get("item", ""), form.get("about", ""), chosen)
    return views_of(request).page(request, "share_done.html", result=result)
