"""The digest letter on the demo network: what it says, both ways, escaped, with links only
when a server address is set, and its JSON documented."""

from __future__ import annotations

import dataclasses
import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import Run
from kith.app.reminders import Delivery, Digest, DueFollowUp, NextStep

DOCS = Path(__file__).resolve().parents[1] / "docs" / "json.md"


def test_the_dry_run_reads_like_a_letter(run: Callable[..., Run]) -> None:
    assert run("demo", "--people", "300", "-q").exit_code == 0
    result = run("digest", "--dry-run")
    assert result.exit_code == 0, result.stderr
    text = result.stdout
    assert text.startswith("Subject: Your day with Kith, ")
    assert "Good morning, " in text
    for section in ("TODAY, ", "FOLLOW-UPS DUE", "COMING UP THIS WEEK", "YOUR WEEK"):
        assert section in text
    assert "→ " in text  # each person comes with something to do
    assert "http" not in text  # no server address set: no links
    people = re.findall(r"^\* (.+)$", text.split("FOLLOW-UPS DUE")[0], re.M)
    assert 1 <= len(people) <= 7
    assert len(text.splitlines()) < 80  # a letter, not a report
    weekly = run("digest", "--weekly")
    assert weekly.stdout.startswith("Subject: Your week with Kith, ")
    assert "THIS WEEK, " in weekly.stdout


def test_links_to_each_person_when_the_server_is_known(
    run: Callable[..., Run], monkeypatch: pytest.MonkeyPatch
) -> None:
    assert run("demo", "--people", "150", "-q").exit_code == 0
    monkeypatch.setenv("KITH_SERVER_URL", "http://127.0.0.1:8765/")
    text = run("digest").stdout
    assert re.search(r"<http://127\.0\.0\.1:8765/people/\d+>", text)
    html = run("digest", "--html").stdout
    assert re.search(r'href="http://127\.0\.0\.1:8765/people/\d+"', html)
    assert "<img" not in html and "<link" not in html and "<script" not in html


def test_everything_is_escaped_in_the_html(run: Callable[..., Run]) -> None:
    assert run("add", '<script>alert("x")</script> Ana').exit_code == 0
    due = run("follow-up", "Ana", "<img src=x onerror=alert(1)>", "--due", "2026-11-20")
    assert due.exit_code == 0
    html = run("digest", "--html").stdout
    assert "<script>alert" not in html and "<img src=x" not in html
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; Ana" in html
    assert 'name="viewport"' in html  # readable on a phone
    text = run("digest").stdout
    assert '<script>alert("x")</script> Ana' in text  # plain text is plain


def test_an_empty_day_says_so(run: Callable[..., Run]) -> None:
    text = run("digest").stdout
    assert "Nothing is due today" in text


@pytest.mark.parametrize("shape", [Digest, DueFollowUp, NextStep, Delivery])
def test_every_digest_json_field_is_documented(shape: type) -> None:
    text = DOCS.read_text()
    assert [f.name for f in dataclasses.fields(shape) if f"`{f.name}`" not in text] == []


def test_digest_json(run: Callable[..., Run]) -> None:
    assert run("demo", "--people", "150", "-q").exit_code == 0
    data = json.loads(run("digest", "--json").stdout)
    assert set(data) == {f.name for f in dataclasses.fields(Digest)}
    assert data["period"] == "daily" and data["agenda"]
