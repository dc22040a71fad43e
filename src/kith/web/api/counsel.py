"""The multi-user server's API (kith server only): the counselor's dashboard and client
pages, the user's own sharing page, and the comments a counselor writes."""

from __future__ import annotations

from fastapi import APIRouter, Request
from pydantic import BaseModel, Field
from starlette.responses import Response

from kith.web.api.people import ok
from kith.web.deps import counseling_of, user_of

router = APIRouter(tags=["counsel"])


class CommentBody(BaseModel):
    """A counselor's comment, or (goal: true) a proposed weekly goal."""

    text: str = Field(max_length=2000)
    goal: bool = False


@router.get("/counsel/dashboard", summary="A counselor's clients at a glance")
def dashboard(request: Request) -> Response:
    return ok(counseling_of(request).dashboard(user_of(request)))


@router.get("/counsel/clients/{client_id}", summary="One client, exactly the granted scopes")
def client(request: Request, client_id: int) -> Response:
    return ok(counseling_of(request).client_view(user_of(request), client_id))


@router.post("/counsel/clients/{client_id}/comments", summary="Comment or propose a goal")
def comment(request: Request, client_id: int, body: CommentBody) -> Response:
    made = counseling_of(request).comment(user_of(request), client_id, body.text, body.goal)
    return ok(made, 201)


@router.get("/counsel/sharing", summary="My grants, my counselors' comments, who read what")
def sharing(request: Request) -> Response:
    return ok(counseling_of(request).coaching(user_of(request)))
