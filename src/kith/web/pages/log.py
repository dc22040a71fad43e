"""Log: one interaction with one or more people at once."""

from __future__ import annotations

from fastapi import APIRouter, Request
from starlette.responses import Response

from kith.core.interactions import Initiator, Kind
from kith.web.deps import kith_of, views_of
from kith.web.forms import Fields, lines, local_path
from kith.web.render import logged_message

router = APIRouter()
NAV = [("Log", "/log")]


@router.get("/log", include_in_schema=False)
def log_form(request: Request) -> Response:
    chosen = request.query_params.getlist("with")
    names = [kith_of(request).resolve(ref).display_name for ref in chosen if ref.strip()]
    return views_of(request).page(request, "log.html", kinds=list(Kind), names=names)


@router.post("/log", include_in_schema=False)
def log(request: Request, form: Fields) -> Response:
    kind = Kind(form["kind"]) if form.get("kind") in set(Kind) else None
    by = form.get("initiated_by")
    initiator = Initiator(by) if by in set(Initiator) else None
    people = lines(form.get("with", "").replace(",", "\n"))
    text = form.get("summary", "").strip() or (kind.value if kind else "")
    interaction = kith_of(request).log(
        text, kind, people, form.get("when") or None, initiator, form.get("notes", "")
    )
    target = local_path(form.get("next"), "/log")
    return views_of(request).redirect(target, logged_message(interaction))
