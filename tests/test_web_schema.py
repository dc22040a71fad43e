"""Schemathesis against the API's own OpenAPI schema: whatever a client sends, the answer
is JSON and never a 500 (a bug), on SQLite and on PostgreSQL."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings

from conftest import NOW
from kith import settings as kith_settings
from kith.core.contact import ListField
from kith.web import WebConfig, create_app

HOST = {"Host": "127.0.0.1:8765"}


@pytest.fixture
def web_schema(db_url: str) -> Any:
    """The API's schema, served by an app on a small network (so names resolve too)."""
    # the lexical matcher: the suggestion routes would otherwise load the semantic model
    loaded = replace(kith_settings.Settings(Path(), Path("config.toml"), db_url), matcher="lexical")
    app = create_app(loaded, lambda: NOW, WebConfig(port=8765))
    kith = app.state.kith
    ana = kith.add_person("Ana Ruiz", {ListField.TAG: ["mentor"]})
    kith.add_person("Tom Lee")
    kith.log("coffee with Ana Ruiz and Tom Lee", when="2026-10-01")
    kith.follow_up(str(ana.id), "send the deck")
    return schemathesis.openapi.from_asgi("/api/v1/openapi.json", app, headers=HOST)


def test_no_request_makes_a_500(web_schema: Any) -> None:
    operations = [result.ok() for result in web_schema.get_all_operations()]
    assert len(operations) >= 20
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(
            max_examples=15,
            deadline=None,
            suppress_health_check=list(HealthCheck),
            derandomize=True,
            database=None,
        )
        def no_500(case: Any) -> None:
            response = case.call(headers=HOST)
            assert response.status_code < 500, (case.method, case.path, response.text[:300])
            download = case.path.startswith("/api/v1/export/") and response.status_code == 200
            if not download:  # an export is a vCard, CSV or JSON file; everything else JSON
                assert "application/json" in str(response.headers.get("content-type")), case.path

        no_500()
