"""What guards every request: the Host check, sign-in, CSRF tokens and security headers.

- **Host check** (local mode): only 127.0.0.1, localhost and [::1] with the served port
  are answered, so a page on another site that re-points its DNS name at 127.0.0.1
  (DNS rebinding) gets a 403, never the data.
- **Sign-in** (password mode): a session cookie, signed and timestamped, HttpOnly and
  SameSite=Strict; the API also takes HTTP Basic with the password, for scripts.
  Wrong passwords are throttled (web/throttle.py) per account and per client address:
  a 429 with Retry-After; argon2 runs in a worker thread, never on the event loop.
- **CSRF**: a signed random token in a cookie (`kith_csrf`), repeated in every form
  (`csrf_token`) or in the `X-CSRF-Token` header; a state-changing request from a browser
  (one that sends cookies, Origin, Referer or Sec-Fetch-Site) without the matching
  token is refused with 403. Scripts that send none of those need no token.
- **Headers** on every response: a Content-Security-Policy without inline script or
  style, nosniff, no referrer, no framing.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import math
import secrets
from collections.abc import Awaitable, Callable, MutableMapping
from dataclasses import dataclass
from http.cookies import SimpleCookie
from typing import Any

import anyio
from itsdangerous import BadSignature, SignatureExpired, Signer, TimestampSigner
from starlette.requests import Request

from kith.errors import KithError
from kith.web.throttle import LoginThrottle

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

CSRF_COOKIE = "kith_csrf"
CSRF_FIELD = "csrf_token"
CSRF_HEADER = "x-csrf-token"
SESSION_COOKIE = "kith_session"
SESSION_DAYS = 14
LOOPBACK = ("127.0.0.1", "localhost", "[::1]")
UNSAFE = frozenset({"POST", "PUT", "PATCH", "DELETE"})
MAX_BODY = 51 * 2**20  # bytes: an upload of up to 50 MB and its form; nothing else comes close
BROWSER_HEADERS = (b"cookie", b"origin", b"referer", b"sec-fetch-site")
OPEN_PATHS = ("/login", "/static/", "/feed/")  # answered without signing in (the feed: its token)

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"cross-origin-resource-policy", b"same-origin"),
]


class Forbidden(KithError):
    """A request the security rules refuse (a missing CSRF token, a foreign Host)."""


class SignInNeeded(KithError):
    """A request that needs a signed-in session in password mode."""


class TooManyTries(KithError):
    """Sign-in refused for a while after too many wrong passwords (429)."""

    def __init__(self, retry_after: float) -> None:
        self.retry_after = max(1, math.ceil(retry_after))
        super().__init__(
            "Too many wrong passwords from here; sign-in is paused.",
            f"Try again in {self.retry_after} seconds.",
        )


OWNER = "owner"  # the one account of password mode (a Basic-auth user name is not checked)


def client_address(scope: Scope) -> str:
    """The client's address as the server saw it (never a header the client could forge)."""
    client = scope.get("client")
    return str(client[0]) if client else "unknown"


class TooLarge(KithError):
    """A request body over MAX_BODY (413)."""


def _too_large() -> TooLarge:
    return TooLarge(f"That request is over {MAX_BODY // 2**20} MB.",
                    "Import a bigger file from the command line: kith import FILE.")  # fmt: skip


@dataclass(frozen=True)
class Security:
    """How this server guards itself: its secret, password hash and the hosts it answers."""

    secret: bytes
    password_hash: str | None = None
    port: int | None = None  # local mode: the port in the Host header
    local: bool = True

    def csrf_signer(self) -> Signer:
        return Signer(self.secret, salt="kith-csrf")

    def flash_signer(self) -> Signer:
        """Signs the one-time message after a form; its own salt, so a flash cookie is
        never a valid CSRF token or session."""
        return Signer(self.secret, salt="kith-flash")

    def session_signer(self) -> TimestampSigner:
        return TimestampSigner(self.secret, salt="kith-session")

    def new_csrf_cookie(self) -> str:
        return self.csrf_signer().sign(secrets.token_urlsafe(24)).decode()

    def csrf_valid(self, cookie: str | None) -> bool:
        if not cookie:
            return False
        try:
            self.csrf_signer().unsign(cookie)
        except BadSignature:
            return False
        return True

    def new_session(self) -> str:
        return self.session_signer().sign(secrets.token_urlsafe(16)).decode()

    def session_valid(self, cookie: str | None) -> bool:
        if not cookie:
            return False
        try:
            self.session_signer().unsign(cookie, max_age=SESSION_DAYS * 86400)
        except (BadSignature, SignatureExpired):
            return False
        return True

    def host_allowed(self, host: str) -> bool:
        """In local mode, only loopback names with our port (DNS rebinding gets nothing)."""
        if not self.local:
            return True
        name, _, port = host.rpartition(":") if not host.endswith("]") else (host, "", "")
        if not name:
            name, port = host, ""
        if name.lower() not in LOOPBACK:
            return False
        return self.port is None or port == str(self.port)


def cookies(scope: Scope) -> dict[str, str]:
    """The request's cookies by name."""
    jar: SimpleCookie = SimpleCookie()
    for key, value in scope.get("headers", []):
        if key == b"cookie":
            try:
                jar.load(value.decode("latin-1"))
            except Exception:  # a malformed cookie header is ignored, like a missing one
                continue
    return {name: morsel.value for name, morsel in jar.items()}


def cookie_header(name: str, value: str, max_age: int | None = None, secure: bool = False) -> bytes:
    """A Set-Cookie value: HttpOnly, SameSite=Strict, for the whole site."""
    parts = [f"{name}={value}", "Path=/", "HttpOnly", "SameSite=Strict"]
    if max_age is not None:
        parts.append(f"Max-Age={max_age}")
    if secure:
        parts.append("Secure")
    return "; ".join(parts).encode()


def _declared_length(scope: Scope) -> int:
    for key, value in scope.get("headers", []):
        if key == b"content-length":
            return int(value) if value.isdigit() else 0
    return 0


def _capped(receive: Receive, state: dict[str, Any]) -> Receive:
    """`receive` that refuses a body (chunked, or lying about its length) past MAX_BODY;
    it marks the request too large, since a body parser may reword the error as a 400."""
    seen = 0

    async def capped() -> Message:
        nonlocal seen
        message = await receive()
        seen += len(message.get("body", b""))
        if seen > MAX_BODY:
            state["too_large"] = True
            raise _too_large()
        return message

    return capped


class Guard:
    """ASGI middleware: Host check, sign-in, CSRF cookie and the security headers."""

    def __init__(
        self,
        app: ASGIApp,
        security: Security,
        on_error: ErrorRenderer,
        on_write: Callable[[], None] = lambda: None,
        throttle: LoginThrottle | None = None,
        users: Callable[[str], object | None] | None = None,
    ) -> None:
        self.app = app
        self.security = security
        self.on_error = on_error
        self.on_write = on_write  # told before and after every state-changing request
        self.throttle = throttle if throttle is not None else LoginThrottle()
        self.users = users  # multi-user server: the user a session token belongs to
        # Basic-auth headers already verified, as keyed digests: argon2 takes a quarter of
        # a second by design, too much to repeat on the event loop for every API call
        self._verified: set[bytes] = set()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        state = scope.setdefault("state", {})
        jar = cookies(scope)
        csrf = jar.get(CSRF_COOKIE)
        fresh = None
        if not self.security.csrf_valid(csrf):
            csrf = fresh = self.security.new_csrf_cookie()
        state["csrf_cookie"] = csrf
        started = False

        async def send_guarded(message: Message) -> None:
            nonlocal started
            if state.get("too_large") and not started:
                # whatever the app made of the cut-off body, the answer is a 413
                started = True
                await self.on_error(scope, _too_large())(scope, receive, send_headed)
                return
            if started and state.get("too_large"):
                return  # the body of the response the 413 replaced
            await send_headed(message)

        async def send_headed(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                headers = list(message.get("headers", []))
                headers.extend(HEADERS)
                if fresh is not None:
                    headers.append((b"set-cookie", cookie_header(CSRF_COOKIE, fresh)))
                message["headers"] = headers
            await send(message)

        try:
            if self.users is not None:
                # a database read: off the event loop
                user = await anyio.to_thread.run_sync(self.users, jar.get(SESSION_COOKIE, ""))
                state["user"] = user
                state["signed_in"] = user is not None
            else:
                state["signed_in"] = await self._signed_in(scope, jar)
            refusal = self._refusal(scope, state["signed_in"])
            if refusal is not None:
                await self.on_error(scope, refusal)(scope, receive, send_guarded)
                return
            if _declared_length(scope) > MAX_BODY:
                raise _too_large()
            writes = scope["method"] in UNSAFE
            if writes:
                self.on_write()
            try:
                await self.app(scope, _capped(receive, state), send_guarded)
            finally:
                if writes:
                    self.on_write()
        except Exception as error:  # the one place a bug becomes a 500, never a traceback
            if started:
                raise
            await self.on_error(scope, error)(scope, receive, send_guarded)

    async def _signed_in(self, scope: Scope, jar: dict[str, str]) -> bool:
        if self.security.password_hash is None:
            return True
        if self.security.session_valid(jar.get(SESSION_COOKIE)):
            return True
        return scope["path"].startswith("/api/") and await self._basic_auth(scope)

    async def _basic_auth(self, scope: Scope) -> bool:
        """Whether the Authorization header holds the password; throttled, and argon2 in a
        worker thread so a brute force does not stall everyone else's requests."""
        from kith.web import passwords

        header = dict(scope.get("headers", [])).get(b"authorization", b"")
        if not header.lower().startswith(b"basic "):
            return False
        digest = hmac.new(self.security.secret, header, hashlib.sha256).digest()
        if digest in self._verified:
            return True
        try:
            _, _, password = base64.b64decode(header[6:]).decode().partition(":")
        except ValueError:
            return False
        address = client_address(scope)
        wait = self.throttle.retry_after(OWNER, address)
        if wait is not None:
            raise TooManyTries(wait)
        assert self.security.password_hash is not None
        hashed = self.security.password_hash
        # counted as failed before the check, so guesses sent in parallel are counted too
        self.throttle.failed(OWNER, address)
        if not await anyio.to_thread.run_sync(passwords.verify, hashed, password):
            return False
        self.throttle.succeeded(OWNER, address)
        if len(self._verified) >= 100:  # only right passwords get here: a few user names
            self._verified.clear()
        self._verified.add(digest)
        return True

    def _refusal(self, scope: Scope, signed_in: bool) -> Exception | None:
        host = dict(scope.get("headers", [])).get(b"host", b"").decode("latin-1")
        if not self.security.host_allowed(host):
            return Forbidden(
                f"This server answers only on 127.0.0.1, not on '{host}'.",
                f"Open http://127.0.0.1:{self.security.port}/ instead.",
            )
        # the multi-user server opens no feed by token (yet): every path but sign-in needs a session
        open_paths = OPEN_PATHS if self.users is None else OPEN_PATHS[:2]
        if not signed_in and not scope["path"].startswith(open_paths):
            return SignInNeeded("Sign in first.", "Open /login.")
        return None


ErrorRenderer = Callable[[Scope, Exception], ASGIApp]


def from_browser(request: Request) -> bool:
    """Whether a request looks like a browser's (only then can it be forged cross-site)."""
    raw = request.scope.get("headers", [])
    return any(key in BROWSER_HEADERS for key, _ in raw)


async def check_csrf(request: Request) -> None:
    """Refuse a state-changing browser request without the page's CSRF token (a dependency
    of every router)."""
    if request.method not in UNSAFE or not from_browser(request):
        return
    expected = request.cookies.get(CSRF_COOKIE)
    sent = request.headers.get(CSRF_HEADER)
    if sent is None and request.headers.get("content-type", "").startswith(
        ("application/x-www-form-urlencoded", "multipart/form-data")
    ):
        value = (await request.form()).get(CSRF_FIELD)
        sent = value if isinstance(value, str) else None
    security: Security = request.app.state.security
    if not (expected and sent and _same(expected, sent) and security.csrf_valid(sent)):
        raise Forbidden(
            "This form has expired or did not come from Kith (no valid CSRF token).",
            "Reload the page and try again.",
        )


def _same(expected: str, sent: str) -> bool:
    """Constant-time equality; compare_digest refuses non-ASCII str (a forged token may
    hold any character), so bytes are compared."""
    return secrets.compare_digest(expected.encode(), sent.encode())


def csrf_token(request: Request) -> str:
    """The token to put in this page's forms (matches the cookie the Guard sets)."""
    return str(request.scope["state"]["csrf_cookie"])
