"""Interactions, the ledger and follow-ups."""

from __future__ import annotations

from fastapi import APIRouter, Request
from starlette.responses import JSONResponse, Response

from kith.core.askcheck import AskCheck
from kith.core.ledger import Direction
from kith.serialize import jsonable
from kith.web.api.models import NewFollowUp, NewInteraction, NewLedgerEntry
from kith.web.api.people import ok
from kith.web.deps import kith_of

router = APIRouter(tags=["activity"])


@router.post("/interactions", status_code=201, summary="Log an interaction (kith log)")
def log(request: Request, body: NewInteraction) -> Response:
    made = kith_of(request).log(
        body.text, body.kind, body.with_people, body.when, body.initiated_by, body.notes
    )
    return ok(made, 201)


@router.post(
    "/ledger", status_code=201, summary="Give, ask, received, asked-by (kith give/ask/…)",
    responses={409: {"description": "A cold ask, not recorded: the ask check (docs/web.md)"}},
)  # fmt: skip
def record(request: Request, body: NewLedgerEntry) -> Response:
    app = kith_of(request)
    args = (body.person, body.what, body.kind, body.status, body.when, body.interaction_id)
    if body.direction is not Direction.I_ASKED:
        return ok(app.record(body.direction, *args), 201)
    outcome = app.ask(*args, confirmed=body.anyway)
    if outcome.entry is None:
        return cold_ask(outcome.check)
    return ok(outcome.entry, 201)


def cold_ask(check: AskCheck) -> Response:
    """409 with the ask check: nothing was recorded (as `kith ask` without --anyway)."""
    body = {
        "error": "ColdAsk",
        "message": f"The tie to {check.person} cannot carry an ask yet: " + " ".join(check.reasons),
        "hint": "Nothing was recorded. Give first, or send the ask again with anyway=true.",
        "check": jsonable(check),
    }
    return JSONResponse(body, status_code=409)


@router.post("/followups", status_code=201, summary="Promise something (kith follow-up)")
def follow_up(request: Request, body: NewFollowUp) -> Response:
    return ok(kith_of(request).follow_up(body.person, body.what, body.due), 201)


@router.post("/followups/{followup_id}/done", summary="Mark a follow-up done (kith done #ID)")
def followup_done(request: Request, followup_id: int) -> Response:
    return ok(kith_of(request).complete_followup(f"#{followup_id}"))
