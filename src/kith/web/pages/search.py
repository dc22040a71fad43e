"""Job search: search mode, ranked targets, warm paths with readiness, informational
interviews, the opportunity board and the weekly goals."""

from __future__ import annotations

from fastapi import APIRouter, Request
from starlette.responses import Response

from kith.core.opportunities import ORDER, Stage
from kith.errors import InvalidInput
from kith.web.api.models import Id
from kith.web.deps import kith_of, views_of
from kith.web.forms import Fields, lines
from kith.web.hints import hint_text

router = APIRouter()
NAV = [("Job search", "/search")]
HERE = "/search"


@router.get("/search", include_in_schema=False)
def search(request: Request, paths: str = "") -> Response:
    screen = kith_of(request).search_screen(paths)
    why = screen.paths_unavailable
    return views_of(request).page(
        request, "search.html", mode=screen.mode, warm=screen.warm, targets=screen.targets,
        company=screen.company, found=screen.paths,
        missing=f"{why.message} {hint_text(why.hint)}" if why else "",
        meetings=screen.meetings, board=screen.board, week=screen.week, order=ORDER,
        stages=list(Stage),
    )  # fmt: skip


@router.post("/search/mode", include_in_schema=False)
def mode(request: Request, form: Fields) -> Response:
    app = kith_of(request)
    if form.get("on") == "1":
        status = app.search_start(form.get("goal", ""))
        said = f"Search mode on since {status.search.started_on}." if status.search else ""
    else:
        app.search_stop()
        said = "Search mode off: back to keeping in touch."
    return views_of(request).redirect(HERE, said)


@router.post("/search/targets", include_in_schema=False)
def target_add(request: Request, form: Fields) -> Response:
    raw = form.get("priority", "2").strip()
    if not raw.isdigit():
        raise InvalidInput("Priority is 1, 2 or 3.", "1 is the most wanted.")
    made = kith_of(request).target_add(
        form.get("company", ""), form.get("role", ""), int(raw), form.get("notes", "")
    )
    return views_of(request).redirect(f"{HERE}#targets-h", f"Target: {made.company}.")


@router.post("/search/targets/remove", include_in_schema=False)
def target_remove(request: Request, form: Fields) -> Response:
    gone = kith_of(request).target_remove(form.get("company", ""))
    return views_of(request).redirect(f"{HERE}#targets-h", f"Removed {gone.company}.")


@router.post("/search/meetings", include_in_schema=False)
def meet(request: Request, form: Fields) -> Response:
    made = kith_of(request).meet(
        form.get("person", ""), form.get("about", ""), form.get("on") or None,
        form.get("questions", ""),
    )  # fmt: skip
    m = made.meeting
    return views_of(request).redirect(
        f"{HERE}#meetings-h", f"Informational interview with {m.person} about {m.about} planned."
    )


@router.post("/search/meetings/step", include_in_schema=False)
def meet_step(request: Request, form: Fields) -> Response:
    done = kith_of(request).meet_step(
        form.get("person", ""), form.get("step", ""), form.get("on") or None
    )
    said = f"{done.meeting.person}: {done.meeting.state.value}"
    if done.opened:
        said += f"; {len(done.opened)} follow-ups started"
    return views_of(request).redirect(f"{HERE}#meetings-h", said + ".")


@router.post("/search/opportunities", include_in_schema=False)
def opp_add(request: Request, form: Fields) -> Response:
    via = lines(form.get("via", "").replace(",", "\n"))
    made = kith_of(request).opp_add(
        form.get("title", ""), via, form.get("company", ""), form.get("stage") or "lead",
        form.get("notes", ""),
    )  # fmt: skip
    return views_of(request).redirect(f"{HERE}#board-h", f"Opportunity #{made.id}: {made.title}.")


@router.post("/search/opportunities/{opp_id}", include_in_schema=False)
def opp_move(request: Request, opp_id: Id, form: Fields) -> Response:
    moved = kith_of(request).opp_move(opp_id, form.get("stage", ""), form.get("on") or None)
    return views_of(request).redirect(
        f"{HERE}#board-h", f"{moved.title}: {moved.was.value} → {moved.now.value}."
    )
