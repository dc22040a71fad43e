"""The read cache: reused for a while, cleared by any write through the app."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from starlette.testclient import TestClient

from conftest import NOW
from kith import settings
from kith.web import WebConfig, create_app
from kith.web.cache import ReadCache


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_a_value_is_reused_until_it_expires_or_is_invalidated() -> None:
    clock, calls = Clock(), []
    cache = ReadCache(5, clock)

    def compute() -> int:
        calls.append(1)
        return len(calls)

    assert cache.get("k", compute) == 1
    assert cache.get("k", compute) == 1
    clock.now = 6
    assert cache.get("k", compute) == 2
    cache.invalidate()
    assert cache.get("k", compute) == 3
    assert ReadCache(0, clock).get("k", compute) == 4  # 0 s: never reused


def test_a_write_during_a_computation_keeps_its_result_out() -> None:
    cache = ReadCache(5, Clock())

    def compute_during_a_write() -> str:
        cache.invalidate()
        return "stale"

    assert cache.get("k", compute_during_a_write) == "stale"
    assert cache.get("k", lambda: "fresh") == "fresh"


def test_pages_change_at_once_after_a_write_through_the_app(db_url: str) -> None:
    loaded = settings.Settings(Path(), Path("config.toml"), db_url)
    app = create_app(loaded, lambda: NOW, WebConfig(port=8765, cache_seconds=600))
    kith = app.state.kith
    ana = kith.add_person("Ana Ruiz")
    with TestClient(app, base_url="http://127.0.0.1:8765") as web:
        assert "No interactions yet" in web.get(f"/people/{ana.id}").text
        kith.log("call with Ana Ruiz")  # behind the app's back: the cached page stays
        assert "No interactions yet" in web.get(f"/people/{ana.id}").text
        token: Any = web.cookies["kith_csrf"]
        web.post(f"/people/{ana.id}/log", data={"csrf_token": token, "kind": "coffee"})
        page = web.get(f"/people/{ana.id}").text
        assert "No interactions yet" not in page and "coffee" in page and "call" in page
