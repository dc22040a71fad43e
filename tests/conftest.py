"""Test set-up: isolated Kith folders, and every storage test on SQLite and on PostgreSQL.

PostgreSQL is a real server: a throwaway cluster started once per session
(tests/pgcluster.py), with a fresh database per test copied from a migrated
template.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from kith import settings
from kith.app import Kith
from kith.cli.root import cli
from kith.store.store import Store
from pgcluster import PgCluster

# A fixed "now" for facade tests: Wednesday 2026-11-25, 10:00 in UTC-5.
LOCAL_TZ = timezone(timedelta(hours=-5))
NOW = datetime(2026, 11, 25, 10, 0, tzinfo=LOCAL_TZ)
SHARED_FIXTURES = Path(__file__).resolve().parents[1].parent / "shared" / "fixtures"
_counter = itertools.count()


@pytest.fixture(autouse=True)
def isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets its own KITH_HOME and no stray KITH_* or XDG settings."""
    home = tmp_path / "kith-home"
    for name in ("KITH_DB", "KITH_ACCOUNT", "KITH_REGION", "NO_COLOR"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("KITH_HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))
    return home


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[PgCluster]:
    """One PostgreSQL server for the session, with a migrated template database."""
    with PgCluster() as cluster:
        cluster.create_database("kith_template")
        store = Store(cluster.url("kith_template")).open(NOW)
        store.close()
        yield cluster


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A fresh, empty database URL: SQLite file or PostgreSQL database."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'kith.db'}"
        return
    cluster: PgCluster = request.getfixturevalue("pg_cluster")
    name = f"kith_test_{next(_counter)}"
    cluster.create_database(name, template="kith_template")
    yield cluster.url(name)
    cluster.drop_database(name)


@pytest.fixture
def make_kith(db_url: str) -> Iterator[Callable[..., Kith]]:
    """Build Kith facades on the test database (several may be open at once)."""
    opened: list[Kith] = []

    def make(account: str = "default", clock: Callable[[], datetime] = lambda: NOW) -> Kith:
        loaded = settings.Settings(Path(), Path("config.toml"), db_url, account)
        opened.append(Kith(loaded, clock=clock))
        return opened[-1]

    yield make
    for app in opened:
        app.close()


@pytest.fixture
def kith(make_kith: Callable[..., Kith]) -> Kith:
    """The facade on a fresh database, with time frozen at NOW."""
    return make_kith()


@dataclass
class Run:
    """What one `kith` invocation printed and returned."""

    exit_code: int
    stdout: str
    stderr: str


@pytest.fixture
def run(db_url: str, monkeypatch: pytest.MonkeyPatch) -> Callable[..., Run]:
    """Run `kith ARGS…` as a user types it (in-process), on the test database."""
    monkeypatch.setenv("KITH_DB", db_url)
    monkeypatch.setenv("NO_COLOR", "1")

    def invoke(*args: str, input: str | None = None) -> Run:
        result = CliRunner().invoke(cli, list(args), input=input, prog_name="kith")
        return Run(result.exit_code, result.stdout, result.stderr)

    return invoke


# --- the web app (tests/test_web_*.py) ---------------------------------------------------

WEB_BASE = "http://127.0.0.1:8765"


@pytest.fixture
def web(db_url: str) -> Iterator[Any]:
    """The web app on the test database through the ASGI test client (time frozen at NOW),
    addressed as a browser on this machine would: http://127.0.0.1:8765."""
    from starlette.testclient import TestClient

    from kith.web import WebConfig, create_app

    # the lexical matcher: the semantic one loads a model (seconds) the pages do not need here
    loaded = replace(settings.Settings(Path(), Path("config.toml"), db_url), matcher="lexical")
    app = create_app(loaded, clock=lambda: NOW, config=WebConfig(port=8765))
    with TestClient(app, base_url=WEB_BASE, follow_redirects=False) as client:
        yield client
