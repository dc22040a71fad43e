"""Signing in and out (password mode, `kith passwd`)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from starlette.responses import Response

from kith.web.deps import views_of
from kith.web.forms import Fields
from kith.web.passwords import verify
from kith.web.security import (
    OWNER,
    SESSION_COOKIE,
    SESSION_DAYS,
    Security,
    TooManyTries,
    client_address,
    cookie_header,
)
from kith.web.throttle import LoginThrottle

router = APIRouter()


@router.get("/login", include_in_schema=False)
def login_form(request: Request) -> Response:
    return views_of(request).page(request, "login.html", failed=False)


@router.post("/login", include_in_schema=False)
def login(request: Request, form: Fields) -> Response:
    security: Security = request.app.state.security
    views = views_of(request)
    if security.password_hash is None:
        return views.redirect("/")
    throttle: LoginThrottle = request.app.state.throttle
    address = client_address(request.scope)
    wait = throttle.retry_after(OWNER, address)
    if wait is not None:
        raise TooManyTries(wait)
    # counted before the check so parallel guesses count; a sync route, so argon2 runs
    # in the worker thread pool, off the event loop
    throttle.failed(OWNER, address)
    if not verify(security.password_hash, form.get("password", "")):
        return views.page(request, "login.html", status=401, failed=True)
    throttle.succeeded(OWNER, address)
    response = views.redirect("/", "Signed in.")
    secure = request.url.scheme == "https"
    session = cookie_header(SESSION_COOKIE, security.new_session(), SESSION_DAYS * 86400, secure)
    response.headers.append("set-cookie", session.decode())
    return response


@router.post("/logout", include_in_schema=False)
def logout(request: Request) -> Response:
    response = views_of(request).redirect("/login")
    response.headers.append("set-cookie", cookie_header(SESSION_COOKIE, "", 0).decode())
    return response
