"""The one place failures become responses: JSON under /api, an HTML page elsewhere.

A KithError is the user's to fix: a 4xx with its sentence and hint. Anything else is
a bug: a 500 that says so, never a traceback.
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi.exceptions import RequestValidationError
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response

from kith.errors import (
    Ambiguous,
    Conflict,
    DatabaseUnavailable,
    InvalidInput,
    KithError,
    NotAllowed,
    NotFound,
    SchemaTooNew,
)
from kith.web.hints import hint_fields, hint_text
from kith.web.security import Forbidden, Scope, SignInNeeded, TooLarge, TooManyTries

log = logging.getLogger("kith.web")

STATUS: tuple[tuple[type[KithError], int], ...] = (
    (TooLarge, 413),
    (TooManyTries, 429),
    (NotFound, 404),
    (Ambiguous, 409),
    (Conflict, 409),
    (InvalidInput, 400),
    (Forbidden, 403),
    (NotAllowed, 403),
    (SignInNeeded, 401),
    (DatabaseUnavailable, 503),
    (SchemaTooNew, 503),
)


def status_of(error: KithError) -> int:
    return next((code for kind, code in STATUS if isinstance(error, kind)), 400)


def describe(error: Exception) -> tuple[int, dict[str, Any]]:
    """(HTTP status, the error as JSON-ready data) for any exception."""
    if isinstance(error, KithError):
        body: dict[str, Any] = {"error": type(error).__name__, "message": error.message}
        body["hint"] = hint_text(error.hint)
        if next_step := hint_fields(error.hint):
            body["next"] = next_step
        for fact in ("field", "value", "person"):
            if getattr(error, fact):
                body[fact] = getattr(error, fact)
        if isinstance(error, Ambiguous):
            body["candidates"] = error.candidates
        return status_of(error), body
    if isinstance(error, RequestValidationError):
        problems = [
            f"{'.'.join(str(p) for p in e.get('loc', ())[1:]) or 'request'}: {e.get('msg', '')}"
            for e in error.errors()
        ]
        return 422, {
            "error": "InvalidInput",
            "message": "The request is not valid: " + "; ".join(problems),
            "hint": "See /api/v1/openapi.json for the shapes.",
        }
    if isinstance(error, HTTPException):
        return error.status_code, {"error": "HTTPError", "message": str(error.detail), "hint": ""}
    log.exception("unexpected error", exc_info=error)
    return 500, {
        "error": "InternalError",
        "message": "Something went wrong inside Kith; nothing was changed.",
        "hint": "The server's log has the details; please report it.",
    }


def respond(scope: Scope, error: Exception) -> Response:
    """The response for `error`: JSON for the API, else the error page."""
    status, body = describe(error)
    path = str(scope.get("path", ""))
    headers = {"Retry-After": str(error.retry_after)} if isinstance(error, TooManyTries) else {}
    if path.startswith("/api/"):
        if status == 401:
            headers["WWW-Authenticate"] = 'Basic realm="kith"'
        return JSONResponse(body, status_code=status, headers=headers)
    if isinstance(error, SignInNeeded):
        return Response(status_code=303, headers={"location": "/login"})
    response = _error_page(scope, status, body)
    response.headers.update(headers)
    return response


def _error_page(scope: Scope, status: int, body: dict[str, Any]) -> Response:
    from kith.web.render import environment

    try:
        href = (body.get("next") or {}).get("href") or ""
        html = environment().get_template("error.html").render(status=status, href=href, **body)
    except Exception:  # the page itself failed: plain text still tells the user
        return HTMLResponse(f"<p>Error {status}</p>", status_code=status)
    return HTMLResponse(html, status_code=status)


async def handle(request: Request, error: Exception) -> Response:
    """FastAPI exception handler: every error the routes raise comes through here."""
    return respond(request.scope, error)
