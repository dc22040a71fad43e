"""The app factory: one shared `Kith`, the page routers, the API and the guards.

One `Kith` (and so one SQLAlchemy engine with its connection pool) serves every
request: each facade method is its own transaction on a pooled connection, and the
facade holds no per-request state. See docs/architecture.md ("The web app").
"""

from __future__ import annotations

import importlib
import secrets
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path

from fastapi import Depends, FastAPI
from fastapi.exceptions import RequestValidationError
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException

from kith import __version__
from kith.app import Clock, Kith, local_now
from kith.app.counseling import Counseling
from kith.errors import KithError
from kith.settings import Settings
from kith.web import errors
from kith.web.cache import ReadCache
from kith.web.pages import PAGES
from kith.web.render import Views
from kith.web.security import Guard, Security, check_csrf
from kith.web.throttle import LoginThrottle

STATIC = Path(__file__).resolve().parent / "static"


@dataclass(frozen=True)
class WebConfig:
    """How the server runs: the port it answers on, local (loopback) or not, the password."""

    port: int | None = None
    local: bool = True
    password_hash: str | None = None
    cache_seconds: float = 0.0  # how long Today and person pages may be reused (cache.py)
    secret: bytes = field(default_factory=lambda: secrets.token_bytes(32))
    multi_user: bool = False  # kith server: users sign in, each to their own network
    secure_cookies: bool = False  # behind an https proxy: cookies only over TLS


def create_app(
    settings: Settings, clock: Clock = local_now, config: WebConfig | None = None
) -> FastAPI:
    """The web app over the network `settings` name."""
    config = config or WebConfig()
    counseling = Counseling(settings, clock) if config.multi_user else None
    kith = None if counseling is not None else Kith(settings, clock)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        yield
        if kith is not None:
            kith.close()
        if counseling is not None:
            counseling.close()

    app = FastAPI(
        title="Kith",
        version=__version__,
        description="Kith's JSON API: the same use cases as the `kith` command line.",
        docs_url=None,  # Swagger UI and ReDoc load from a CDN: no external requests
        redoc_url=None,
        openapi_url="/api/v1/openapi.json",
        lifespan=lifespan,
        dependencies=[Depends(check_csrf)],
    )
    security = Security(config.secret, config.password_hash, config.port, config.local)
    app.state.kith = kith
    app.state.counseling = counseling
    app.state.clock = clock
    app.state.config = config
    app.state.security = security
    # the read cache is keyed by page, not by user: off when there are several users
    app.state.cache = ReadCache(0 if counseling is not None else config.cache_seconds)
    app.state.throttle = throttle = LoginThrottle()
    nav: list[tuple[str, str]] = []
    if counseling is not None:  # its sign-in and sign-out come before the one-password ones
        from kith.web.pages import counsel

        app.include_router(counsel.router)
    for name in PAGES:
        module = importlib.import_module(f"kith.web.pages.{name}")
        app.include_router(module.router)
        nav.extend(getattr(module, "NAV", []))
    if counseling is not None:
        nav[1:1] = counsel.NAV  # after Today
    app.state.views = Views(nav, security.flash_signer())
    from kith.web.api import router as api

    app.include_router(api, prefix="/api/v1")
    if counseling is not None:
        from kith.web.api import counsel as counsel_api

        app.include_router(counsel_api.router, prefix="/api/v1")
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    for kind in (KithError, HTTPException, RequestValidationError):
        app.add_exception_handler(kind, errors.handle)
    app.add_middleware(
        Guard,
        security=security,
        on_error=errors.respond,
        on_write=app.state.cache.invalidate,
        throttle=throttle,
        users=counseling.session_user if counseling is not None else None,
    )
    return app
