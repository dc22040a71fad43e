"""The calendar feed at /feed/TOKEN.ics: no session (a phone's calendar has none), only
the unguessable token, compared in constant time; a GET changes nothing."""

from __future__ import annotations

from fastapi import APIRouter, Request
from starlette.responses import Response

from kith.export.calendar import feed as ics
from kith.web.deps import kith_of

router = APIRouter()


@router.get("/feed/{token}.ics", include_in_schema=False)
def calendar_feed(request: Request, token: str) -> Response:
    kith = kith_of(request)
    items = kith.feed_for(token)
    if items is None:
        return Response("Not found.\n", status_code=404, media_type="text/plain")
    body = ics(items, kith.clock(), kith.settings.mail.server_url)
    return Response(
        body,
        media_type="text/calendar; charset=utf-8",
        headers={"Cache-Control": "private, no-store", "Referrer-Policy": "no-referrer"},
    )
