"""Giving: suggested gives and intros, open introductions with the message to send next,
sharing an item with the few people it fits, and the ledger over everyone."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from starlette.responses import Response

from kith.app import Kith
from kith.core.intros import Introduction, Stage, Step, draft_for, next_steps
from kith.errors import InvalidInput, KithError
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
    app = kith_of(request)
    overview = app.ledger_overview()
    months = [(m.month, m.gives) for m in overview.gives_per_month]
    return views_of(request).page(
        request, "giving.html", overview=overview, intros=_with_drafts(app),
        gives=_suggested(app.suggest_gives), intro_ideas=_suggested(app.suggest_intros),
        share=app.share(item, about) if item.strip() else None, item=item, about=about,
        chart=charts.month_bars(months, "My gives per month"), stage_words=stage_words,
    )  # fmt: skip


def stage_words(intro: Introduction) -> str:
    """Where an introduction stands, in words: "Ana Ruiz said yes", "both said yes"."""
    a, b = intro.a.name, intro.b.name
    return {
        Stage.ASKED_A: f"asked {a}", Stage.A_AGREED: f"{a} said yes",
        Stage.ASKED_B: f"{a} said yes, asked {b}", Stage.B_AGREED: "both said yes",
        Stage.INTRODUCED: "introduced", Stage.OUTCOME: f"done: {intro.outcome}",
        Stage.DECLINED: f"declined by {a if intro.declined_by == 'a' else b}",
    }[intro.stage]  # fmt: skip


def _suggested(find: Any) -> tuple[list[Any], str]:
    """(suggestions, "") or ([], why there are none): no offers yet is a hint, not an error."""
    try:
        return find(SUGGESTED), ""
    except KithError as error:
        return [], f"{error.message} {hint_text(error.hint)}"


def _with_drafts(app: Kith) -> list[tuple[Introduction, str, list[Step]]]:
    """Each open introduction with the message to send at its stage and the next steps."""
    me = app.me().name
    return [(i, draft_for(i, me), next_steps(i.stage)) for i in app.intros()]


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
