"""A real SMTP server on 127.0.0.1 for the mail tests (aiosmtpd), recording what arrives
and refusing on demand: authentication, a recipient, or every letter for a while."""

from __future__ import annotations

import socket
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage
from typing import Any

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword


@dataclass
class Inbox:
    """What the server received, and how it should answer next."""

    messages: list[EmailMessage] = field(default_factory=list)
    refuse_rcpt: set[str] = field(default_factory=set)
    failing: bool = False  # answer 451 to every DATA (a server in trouble)

    async def handle_RCPT(
        self, server: Any, session: Any, envelope: Any, address: str, options: Any
    ) -> str:
        if address in self.refuse_rcpt:
            return "550 5.1.1 No such user here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        if self.failing:
            return "451 4.3.0 Try again later"
        parsed = message_from_bytes(envelope.original_content, policy=policy.default)
        assert isinstance(parsed, EmailMessage)
        self.messages.append(parsed)
        return "250 Message accepted"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def smtp_server(user: str = "", password: str = "") -> Iterator[tuple[Inbox, int]]:
    """The server on a free port; with `user`, it asks for that login (over plain text:
    it is loopback, and the test speaks `none` security)."""
    inbox = Inbox()
    port = free_port()
    options: dict[str, Any] = {}
    if user:

        def authenticate(
            server: Any, session: Any, envelope: Any, mechanism: str, data: Any
        ) -> AuthResult:
            ok = (
                isinstance(data, LoginPassword)
                and data.login == user.encode()
                and data.password == password.encode()
            )
            return AuthResult(success=ok, handled=False)

        options = {"authenticator": authenticate, "auth_required": True, "auth_require_tls": False}
    with warnings.catch_warnings():  # AUTH without TLS: on loopback, on purpose
        warnings.simplefilter("ignore", UserWarning)
        controller = Controller(inbox, hostname="127.0.0.1", port=port, **options)
        controller.start()
    try:
        yield inbox, port
    finally:
        controller.stop()
