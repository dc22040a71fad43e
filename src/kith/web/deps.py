"""What routes take from the app: the shared Kith and the page renderer."""

from __future__ import annotations

from starlette.requests import Request

from kith.app import Kith
from kith.web.cache import ReadCache
from kith.web.render import Views


def kith_of(request: Request) -> Kith:
    """The app's Kith."""
    kith: Kith = request.app.state.kith
    return kith


def views_of(request: Request) -> Views:
    """The app's page renderer."""
    views: Views = request.app.state.views
    return views


def cache_of(request: Request) -> ReadCache:
    """The app's read cache (Today and person pages)."""
    cache: ReadCache = request.app.state.cache
    return cache
