"""`kith user` as typed, on SQLite and PostgreSQL: add, list (and its JSON), passwd, disable."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable
from pathlib import Path

from kith import settings
from kith.app.counseling import (
    AuditLine,
    ClientRow,
    ClientView,
    Coaching,
    Comment,
    Counseling,
    Dashboard,
    Grant,
    User,
)

PASSWORD = "a long password\n" * 2


def test_users_are_added_listed_reset_and_disabled(run: Callable[..., object], db_url: str) -> None:
    added = run("user", "add", "sam", "--email", "sam@example.com", "--role", "counselor",
                input=PASSWORD)  # fmt: skip
    assert added.exit_code == 0, added.stderr  # type: ignore[attr-defined]
    assert "Added sam (counselor)." in added.stdout  # type: ignore[attr-defined]
    run("user", "add", "ana", "--role", "client", input=PASSWORD)
    listed = run("user", "list", "--json")
    rows = json.loads(listed.stdout)  # type: ignore[attr-defined]
    assert [(r["name"], r["role"], r["disabled"]) for r in rows] == [
        ("ana", "client", False), ("sam", "counselor", False)
    ]  # fmt: skip
    assert rows[1]["account"] == "user:sam" and "password_hash" not in rows[1]
    server = Counseling(settings.Settings(Path(), Path("config.toml"), db_url))
    try:
        assert server.sign_in("ana", "a long password") is not None
        reset = run("user", "passwd", "ana", input="another password\n" * 2)
        assert "ana has a new password" in reset.stdout  # type: ignore[attr-defined]
        assert server.sign_in("ana", "a long password") is None
        signed = server.sign_in("ana", "another password")
        assert signed is not None and server.session_user(signed.token) is not None
        disabled = run("user", "disable", "ana")
        assert disabled.exit_code == 0  # type: ignore[attr-defined]
        assert server.session_user(signed.token) is None
        assert server.sign_in("ana", "another password") is None
    finally:
        server.close()
    table = run("user", "list").stdout  # type: ignore[attr-defined]
    assert "ana   client" in table and "disabled" in table


def test_bad_users_are_refused_in_one_sentence(run: Callable[..., object]) -> None:
    run("user", "add", "sam", "--role", "counselor", input=PASSWORD)
    again = run("user", "add", "sam", "--role", "client", input=PASSWORD)
    assert again.exit_code == 1  # type: ignore[attr-defined]
    assert "There is already a user called 'sam'." in again.stderr  # type: ignore[attr-defined]
    short = run("user", "add", "ana", "--role", "client", input="short\nshort\n")
    assert "at least 8 characters" in short.stderr  # type: ignore[attr-defined]
    nobody = run("user", "disable", "nobody")
    assert nobody.exit_code == 1  # type: ignore[attr-defined]
    assert "There is no user called 'nobody'." in nobody.stderr  # type: ignore[attr-defined]
    assert "Traceback" not in nobody.stderr  # type: ignore[attr-defined]


def test_every_server_json_field_is_documented() -> None:
    text = (Path(__file__).resolve().parents[1] / "docs" / "json.md").read_text()
    shapes = (User, Dashboard, ClientRow, ClientView, Comment, Grant, Coaching, AuditLine)
    missing = [(s.__name__, f.name) for s in shapes for f in dataclasses.fields(s)
               if f"`{f.name}`" not in text]  # fmt: skip
    assert missing == []
