"""Interactions, the ledger and follow-ups."""

from __future__ import annotations

from fastapi import APIRouter, Request
from starlette.responses import Response

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


@router.post("/ledger", status_code=201, summary="Give, ask, received, asked-by (kith give/ask/…)")
def record(request: Request, body: NewLedgerEntry) -> Response:
    entry = kith_of(request).record(
        body.direction, body.person, body.what, body.kind, body.status, body.when,
        body.interaction_id,
    )  # fmt: skip
    return ok(entry, 201)


@router.post("/followups", status_code=201, summary="Promise something (kith follow-up)")
def follow_up(request: Request, body: NewFollowUp) -> Response:
    return ok(kith_of(request).follow_up(body.person, body.what, body.due), 201)


@router.post("/followups/{followup_id}/done", summary="Mark a follow-up done (kith done #ID)")
def followup_done(request: Request, followup_id: int) -> Response:
    return ok(kith_of(request).complete_followup(f"#{followup_id}"))
