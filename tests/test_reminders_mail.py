"""Letters against a real SMTP server on 127.0.0.1 (aiosmtpd, started here): headers, both
parts, non-ASCII names encoded, List-Unsubscribe, and servers that refuse, each in one
sentence through `kith mail test` and `kith digest --send`."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, datetime

import pytest

from conftest import Run
from kith.mail.message import Letter, address, build
from smtp_server import Inbox, free_port, smtp_server

# aiosmtpd warns of AUTH without TLS: here on loopback, on purpose
pytestmark = pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS")


@pytest.fixture
def server(monkeypatch: pytest.MonkeyPatch) -> Iterator[Inbox]:
    with smtp_server() as (inbox, port):
        _settings(monkeypatch, port)
        yield inbox


def _settings(monkeypatch: pytest.MonkeyPatch, port: int, user: str = "") -> None:
    monkeypatch.setenv("KITH_SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("KITH_SMTP_PORT", str(port))
    monkeypatch.setenv("KITH_SMTP_SECURITY", "none")
    monkeypatch.setenv("KITH_MAIL_FROM", "kith@example.org")
    monkeypatch.setenv("KITH_MAIL_TO", "zoe@example.org")
    if user:
        monkeypatch.setenv("KITH_SMTP_USER", user)


def test_the_test_message_arrives_with_both_parts_and_encoded_names(
    run: Callable[..., Run], server: Inbox
) -> None:
    assert run("me", "--name", "Zoë Çelik-Brontë").exit_code == 0
    result = run("mail", "test")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == "Sent a test message to zoe@example.org.\n"
    [message] = server.messages
    assert message["Subject"] == "Kith test message"
    assert message["To"].addresses[0].display_name == "Zoë Çelik-Brontë"
    raw = message.as_bytes()
    assert b"=?utf-8?" in raw and "Zoë".encode() not in raw.split(b"\n\n", 1)[0]  # encoded
    assert message["Message-ID"] and message["Date"]
    kinds = [part.get_content_type() for part in message.iter_parts()]
    assert kinds == ["text/plain", "text/html"]
    assert "mail settings work" in message.get_body(("plain",)).get_content()


def test_the_digest_is_sent_once_a_day_with_both_parts(
    run: Callable[..., Run], server: Inbox
) -> None:
    assert run("demo", "--people", "150", "-q").exit_code == 0
    first = run("digest", "--send")
    assert first.exit_code == 0, first.stderr
    assert first.stdout.startswith("Sent the daily digest for ")
    again = run("digest", "--send")
    assert again.exit_code == 0 and "already sent; not again" in again.stdout
    [message] = server.messages
    assert message["Subject"].startswith("Your day with Kith, ")
    text = message.get_body(("plain",)).get_content()
    html = message.get_body(("html",)).get_content()
    assert "TODAY," in text and "YOUR WEEK" in text
    assert "<h2" in html and "http" not in html.replace("http://", "")  # no remote anything
    assert "<img" not in html
    log = run("mail", "log")
    assert " digest_daily  sent (tries: 1)  zoe@example.org" in log.stdout


def test_list_unsubscribe_headers_for_letters_sent_in_bulk(server: Inbox) -> None:
    letter = Letter("A tip", "Hello.\n", "<p>Hello.</p>", "https://kith.example/unsubscribe/abc")
    sender, to = address("Kith", "kith@example.org"), address("Ana Ñúñez", "ana@example.org")
    message = build(letter, sender, to, datetime(2026, 12, 2, 9, tzinfo=UTC))
    assert message["List-Unsubscribe"] == "<https://kith.example/unsubscribe/abc>"
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    plain = build(Letter("Digest", "x\n", "<p>x</p>"), sender, to, datetime.now(UTC))
    assert plain["List-Unsubscribe"] is None  # one's own digest is no mailing list


def test_a_refused_recipient_is_one_sentence_and_recorded(
    run: Callable[..., Run], server: Inbox
) -> None:
    server.refuse_rcpt.add("zoe@example.org")
    result = run("mail", "test")
    assert result.exit_code == 1
    assert result.stderr.startswith("kith: 127.0.0.1:")
    assert "refused the recipient zoe@example.org." in result.stderr
    assert "Traceback" not in result.stderr
    assert run("add", "Ana").exit_code == 0
    sent = run("digest", "--send")
    assert sent.exit_code == 1 and "refused the recipient" in sent.stderr
    log = run("mail", "log")
    assert "digest_daily  failed (tries: 1)" in log.stdout
    assert "refused the recipient zoe@example.org." in log.stdout
    server.refuse_rcpt.clear()
    assert run("digest", "--send").exit_code == 0  # retried: the same period, now sent
    assert "sent (tries: 2)" in run("mail", "log").stdout
    assert len(server.messages) == 1


def test_refused_authentication_is_one_sentence(
    run: Callable[..., Run], monkeypatch: pytest.MonkeyPatch
) -> None:
    with smtp_server(user="zoe", password="right") as (inbox, port):
        _settings(monkeypatch, port, user="zoe")
        monkeypatch.setenv("KITH_SMTP_PASSWORD", "wrong")
        result = run("mail", "test")
        assert result.exit_code == 1
        assert "refused the authentication of zoe" in result.stderr
        assert "Check smtp_user and the password." in result.stderr
        assert "wrong" not in result.stderr  # the password is never said
        monkeypatch.setenv("KITH_SMTP_PASSWORD", "right")
        assert run("mail", "test").exit_code == 0
        assert len(inbox.messages) == 1


def test_no_server_and_no_settings_are_one_sentence(
    run: Callable[..., Run], monkeypatch: pytest.MonkeyPatch
) -> None:
    missing = run("mail", "test")
    assert missing.exit_code == 1
    assert "Sending needs smtp_host and mail_from." in missing.stderr
    _settings(monkeypatch, free_port())  # nothing listens there
    result = run("mail", "test")
    assert result.exit_code == 1
    assert result.stderr.startswith("kith: Cannot connect to 127.0.0.1:")
    assert len(result.stderr.strip().splitlines()) <= 2  # the sentence and its hint
