"""Rendering pages: the Jinja2 environment (autoescape on), its filters, flash messages.

Everything a template shows is escaped; the only values that become links are http,
https, mailto and tel ones (`safe_href`).
"""

from __future__ import annotations

import functools
from datetime import date, datetime
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

import jinja2
from itsdangerous import BadSignature, Signer
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response

from kith.core.dates import humanize_age
from kith.core.interactions import Interaction
from kith.web.security import cookie_header, csrf_token

TEMPLATES = Path(__file__).resolve().parent / "templates"
LINK_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
FLASH_COOKIE = "kith_flash"


def safe_href(value: object) -> str | None:
    """`value` when it is an http, https, mailto or tel URL, else None (shown as text)."""
    text = str(value or "").strip()
    try:
        scheme = urlsplit(text).scheme.lower()
    except ValueError:
        return None
    if scheme not in LINK_SCHEMES or any(ord(c) < 33 for c in text):
        return None
    return text


def local_day(moment: datetime | date | None) -> str:
    """A moment's local day in ISO form, or "never"."""
    if moment is None:
        return "never"
    return (moment.astimezone().date() if isinstance(moment, datetime) else moment).isoformat()


@functools.cache
def environment() -> jinja2.Environment:
    """The template environment: autoescaped, undefined names are errors; one per
    process, so templates compile once (error pages included)."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["safe_href"] = safe_href
    env.filters["day"] = local_day
    env.filters["urlpart"] = lambda value: quote(str(value), safe="")
    return env


class Views:
    """Renders pages with what every page shares: the nav, the CSRF token, a flash."""

    def __init__(self, nav: list[tuple[str, str]], signer: Signer) -> None:
        self.env = environment()
        self.nav = nav
        self.signer = signer

    def page(self, request: Request, template: str, status: int = 200, **context: Any) -> Response:
        """The page `template` filled with `context`."""
        flash = self._flash(request)
        app = request.app.state
        today = app.clock().date()
        html = self.env.get_template(template).render(
            request=request, nav=self.nav, csrf=csrf_token(request), flash=flash,
            path=request.url.path, today=today, age=lambda d: _age(d, today),
            signed_in=app.security.password_hash is not None or app.counseling is not None,
            **context,
        )  # fmt: skip
        response = HTMLResponse(html, status_code=status)
        if flash:
            response.headers.append("set-cookie", cookie_header(FLASH_COOKIE, "", 0).decode())
        return response

    def fragment(self, template: str, **context: Any) -> str:
        """A partial template (`_name.html`) as HTML text."""
        return self.env.get_template(template).render(**context)

    def redirect(self, url: str, message: str = "") -> Response:
        """303 to `url` (after a form), with `message` shown once on the next page."""
        response = RedirectResponse(url, status_code=303)
        if message:
            value = self.signer.sign(quote(message[:300])).decode()
            response.headers.append("set-cookie", cookie_header(FLASH_COOKIE, value).decode())
        return response

    def _flash(self, request: Request) -> str:
        cookie = request.cookies.get(FLASH_COOKIE)
        if not cookie:
            return ""
        try:
            from urllib.parse import unquote

            return unquote(self.signer.unsign(cookie).decode())
        except BadSignature:
            return ""


def _age(moment: datetime | date | None, today: date) -> str:
    if moment is None:
        return "never"
    day = moment.astimezone().date() if isinstance(moment, datetime) else moment
    return humanize_age(day, today)


def logged_message(interaction: Interaction) -> str:
    """The flash after logging, with a note when the same touch seems logged twice."""
    message = f"Logged {interaction.kind.value} with {', '.join(interaction.people)}."
    if interaction.repeat_of is not None:
        message += (
            " The same kind of touch with them that day was logged already: check it is not twice."
        )
    return message
