"""Hostile files and requests (issue 17): each refused at once with one sentence and a
4xx or exit 1, never a hang or a 500; on SQLite and PostgreSQL."""

from __future__ import annotations

import os
import signal
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from conftest import Run


@pytest.fixture
def alarm() -> Iterator[None]:
    """Fail instead of hanging: a refused special file must answer within 10 seconds."""

    def expired(signum: int, frame: object) -> None:
        raise TimeoutError("still reading after 10 seconds")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.alarm(10)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, previous)


@pytest.mark.usefixtures("alarm")
def test_a_fifo_is_refused_at_once(run: Callable[..., Run], tmp_path: Path) -> None:  # D16
    fifo = tmp_path / "contacts.vcf"
    os.mkfifo(fifo)
    for args in ((str(fifo),), ("--format", "vcard", str(fifo))):
        result = run("import", *args)
        assert result.exit_code == 1, result.stderr
        assert "not a regular file" in result.stderr and "Traceback" not in result.stderr


@pytest.mark.usefixtures("alarm")
def test_a_device_is_refused_at_once(run: Callable[..., Run]) -> None:  # D16
    result = run("import", "--format", "csv", "/dev/zero")
    assert result.exit_code == 1 and "not a regular file" in result.stderr
    assert run("list", "--json").stdout.strip() in ("[]", "")


def test_an_out_of_range_page_is_a_4xx(web: Any) -> None:  # D11
    for page in ("9223372036854775807", "0", "-3", "x"):
        response = web.get(f"/people?page={page}")
        assert 400 <= response.status_code < 500, (page, response.status_code)
        assert "Traceback" not in response.text
    assert web.get("/people?page=2").status_code == 200


def test_imported_escape_sequences_never_reach_the_terminal(
    run: Callable[..., Run], tmp_path: Path
) -> None:  # D9
    sheet = tmp_path / "evil.csv"
    sheet.write_text("Name,Email,Notes\nE\x1b]0;PWNED\x07\x1b[31mRed,e@example.com,n\x1b[2Jx\n")
    assert run("import", str(sheet)).exit_code == 0
    for args in (("list",), ("show", "e@example.com")):
        result = run(*args)
        assert "\x1b" not in result.stdout and "\x07" not in result.stdout, args


def test_strip_controls_keeps_only_colour_on_a_terminal() -> None:
    from kith.cli.terminal import strip_controls

    text = "a\x1b]0;T\x07b\x1b[2J\x1b[31mc\x1b[0m\td\n\x9b"
    assert strip_controls(text) == "ab" + "c\td\n"
    assert strip_controls(text, keep_colour=True) == "ab\x1b[31mc\x1b[0m\td\n"
