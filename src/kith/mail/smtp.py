"""Sending by SMTP, each failure said in one sentence (cannot connect, authentication
refused, recipient refused, …) as a `SendError` the caller records and retries."""

from __future__ import annotations

import os
import smtplib
import ssl
from dataclasses import dataclass
from email.message import EmailMessage

from kith.errors import KithError
from kith.settings import MailSettings

PASSWORD_ENV = "KITH_SMTP_PASSWORD"
KEYRING_SERVICE = "kith-smtp"  # keyring set kith-smtp USER
TIMEOUT = 30.0  # seconds for the connection and each command


class SendError(KithError):
    """A letter that did not go, and why in one sentence; `transient` ones are retried."""

    def __init__(self, message: str, hint: str = "", transient: bool = True) -> None:
        super().__init__(message, hint)
        self.transient = transient


class MailNotSetUp(KithError):
    """Sending needs settings that are missing."""


@dataclass(frozen=True)
class Account:
    """Where and as whom to send: the settings with the password looked up."""

    host: str
    port: int
    security: str
    user: str
    password: str


def account(mail: MailSettings, env: dict[str, str] | None = None) -> Account:
    """The settings plus the password from KITH_SMTP_PASSWORD, else the system keyring."""
    if not mail.host or not mail.sender:
        raise MailNotSetUp(
            "Sending needs smtp_host and mail_from.",
            "Set them in config.toml or KITH_SMTP_HOST and KITH_MAIL_FROM (docs/reminders.md).",
        )
    environ = os.environ if env is None else env
    password = environ.get(PASSWORD_ENV, "")
    if mail.user and not password:
        password = _keyring_password(mail.user)
    return Account(mail.host, mail.port, mail.security, mail.user, password)


def _keyring_password(user: str) -> str:
    try:
        import keyring
        from keyring.errors import KeyringError
    except ImportError:  # pragma: no cover - keyring is a dependency
        return ""
    try:
        return keyring.get_password(KEYRING_SERVICE, user) or ""
    except KeyringError:
        return ""


def send(message: EmailMessage, to: Account) -> None:
    """Hand the message to the server, or raise one `SendError` sentence."""
    where = f"{to.host}:{to.port}"
    try:
        with _connect(to) as server:
            if to.user:
                if not to.password:
                    raise SendError(
                        f"No password for {to.user} at {where}.",
                        f"Set {PASSWORD_ENV} or run: keyring set {KEYRING_SERVICE} {to.user}",
                        transient=False,
                    )
                server.login(to.user, to.password)
            server.send_message(message)
    except SendError:
        raise
    except smtplib.SMTPAuthenticationError as error:
        raise SendError(
            f"{where} refused the authentication of {to.user} ({_said(error)}).",
            "Check smtp_user and the password.",
            transient=False,
        ) from None
    except smtplib.SMTPRecipientsRefused as error:
        refused = ", ".join(sorted(error.recipients))
        raise SendError(
            f"{where} refused the recipient {refused}.",
            "Check mail_to.",
            transient=False,
        ) from None
    except smtplib.SMTPSenderRefused as error:
        raise SendError(
            f"{where} refused the sender {error.sender} ({_said(error)}).",
            "Check mail_from.",
            transient=False,
        ) from None
    except smtplib.SMTPNotSupportedError:
        raise SendError(
            f"{where} does not offer {to.security.upper()} or authentication as asked.",
            "Check smtp_security and smtp_port.",
            transient=False,
        ) from None
    except (smtplib.SMTPException, ssl.SSLError) as error:
        raise SendError(f"{where} failed the letter: {error}.", "It will be retried.") from None
    except (TimeoutError, OSError) as error:
        raise SendError(
            f"Cannot connect to {where} ({error.strerror or error}).",
            "Check smtp_host and smtp_port, and that the server is up.",
        ) from None


def _connect(to: Account) -> smtplib.SMTP:
    if to.security == "tls":
        context = ssl.create_default_context()
        return smtplib.SMTP_SSL(to.host, to.port, timeout=TIMEOUT, context=context)
    server = smtplib.SMTP(to.host, to.port, timeout=TIMEOUT)
    if to.security == "starttls":
        try:
            server.starttls(context=ssl.create_default_context())
        except BaseException:
            server.close()
            raise
    return server


def _said(error: smtplib.SMTPResponseException) -> str:
    text = (
        error.smtp_error.decode("utf-8", "replace")
        if isinstance(error.smtp_error, bytes)
        else str(error.smtp_error)
    )
    return f"{error.smtp_code} {text}".strip()
