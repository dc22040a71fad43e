"""What routes take from the app: the shared Kith and the page renderer."""

from __future__ import annotations

from starlette.requests import Request

from kith.app import Kith
from kith.app.counseling import Coaching, Counseling, User
from kith.errors import NotFound
from kith.web.cache import ReadCache
from kith.web.render import Views


def kith_of(request: Request) -> Kith:
    """The app's Kith; on the multi-user server, the signed-in user's own."""
    user = request.scope.get("state", {}).get("user")
    if user is not None:
        return counseling_of(request).kith_for(user)
    kith: Kith = request.app.state.kith
    return kith


def counseling_of(request: Request) -> Counseling:
    """The multi-user server's use cases between users (kith server)."""
    counseling: Counseling | None = request.app.state.counseling
    if counseling is None:
        raise NotFound("This page is only on the multi-user server.", "Start it with kith server.")
    return counseling


def coaching_of(request: Request) -> Coaching | None:
    """On the multi-user server, what the user's counselors said (for Today); else None."""
    user = request.scope.get("state", {}).get("user")
    return None if user is None else counseling_of(request).coaching(user)


def user_of(request: Request) -> User:
    """The signed-in user (the Guard lets no request without one through)."""
    user: User | None = request.scope.get("state", {}).get("user")
    if user is None:
        raise NotFound("This page is only on the multi-user server.", "Start it with kith server.")
    return user


def views_of(request: Request) -> Views:
    """The app's page renderer."""
    views: Views = request.app.state.views
    return views


def cache_of(request: Request) -> ReadCache:
    """The app's read cache (Today and person pages)."""
    cache: ReadCache = request.app.state.cache
    return cache
