"""The facade speaks no edge's language: no flag, command or URL in what app/ and core/
say; hints are data, and each edge words every one of them."""

from __future__ import annotations

import ast
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from kith.cli.errors import as_command
from kith.errors import Do, Hint, InvalidInput, NotFound
from kith.web.hints import hint_fields, hint_href, hint_text

SRC = Path(__file__).resolve().parents[1] / "src" / "kith"
# a command, a flag, or one of our own URLs
EDGE_TEXT = re.compile(r"\bkith [a-z]|(?<![\w-])--[a-z]|/api/v1|/people/")


def _docstrings(tree: ast.AST) -> set[int]:
    """ids of the docstring nodes (they may name commands: they document, not speak)."""
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                found.add(id(body[0].value))
    return found


def spoken(path: Path) -> Iterator[tuple[int, str]]:
    """(line, text) of every string a module can say (docstrings left out)."""
    tree = ast.parse(path.read_text(), str(path))
    docs = _docstrings(tree)
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docs:
            yield node.lineno, node.value


def test_app_and_core_name_no_flag_command_or_url() -> None:
    offending = [
        f"{path.relative_to(SRC)}:{line}: {text!r}"
        for layer in ("app", "core")
        for path in sorted((SRC / layer).rglob("*.py"))
        for line, text in spoken(path)
        if EDGE_TEXT.search(text)
    ]
    assert offending == []


def test_the_scan_catches_edge_text(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text('"""Docs may say kith list."""\nX = "See kith list."\nY = f"{1} --limit"\n')
    assert [line for line, text in spoken(sample) if EDGE_TEXT.search(text)] == [2, 3]


def test_the_web_strips_no_commands_any_more() -> None:
    assert "without_commands" not in (SRC / "web" / "render.py").read_text()


@pytest.mark.parametrize("do", list(Do))
def test_every_edge_words_every_next_step(do: Do) -> None:
    hint = Hint(do, "Ana Ruiz", 3, "asked")
    assert as_command(hint).strip() and hint_text(hint).strip()
    assert "kith " not in hint_text(hint) and "--" not in hint_text(hint)
    assert hint_href(hint) == "" or hint_href(hint).startswith("/")
    assert hint_fields(hint) is not None and hint_fields(hint)["do"] == do.value  # type: ignore[index]


def test_the_cli_words_a_hint_as_a_command(run: Callable[..., Any]) -> None:
    missing = run("show", "Zed")
    assert missing.exit_code == 1 and "hint: See kith list." in missing.stderr
    empty = run("find", " ")
    assert empty.exit_code == 1 and 'hint: Give some text, e.g. kith find "Lisbon".' in empty.stderr


def test_the_api_gives_the_facts_and_the_next_step_as_fields(web: Any) -> None:
    web.get("/login")
    web.headers["X-CSRF-Token"] = web.cookies["kith_csrf"]
    missing = web.get("/api/v1/people/424242").json()
    assert missing["error"] == "NotFound" and missing["value"] == "424242"
    assert missing["next"] == {
        "do": "list_people", "person": None, "id": None, "value": None, "href": "/people",
    }  # fmt: skip
    assert "kith" not in missing["hint"]
    page = web.get("/people/424242")
    assert page.status_code == 404 and 'href="/people"' in page.text


def test_facade_errors_carry_their_facts(kith: Any) -> None:
    with pytest.raises(InvalidInput) as bad:
        kith.list_people(limit=0)
    assert (bad.value.field, bad.value.value, bad.value.hint) == ("limit", "0", Hint(Do.GIVE_LIMIT))
    with pytest.raises(NotFound) as missing:
        kith.resolve("Nobody At All")
    assert missing.value.value == "Nobody At All" and missing.value.hint == Hint(Do.LIST_PEOPLE)
