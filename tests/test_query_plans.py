"""Every query behind `kith show`, `kith today` and `kith paths` seeks what it needs on SQLite.

Without table statistics SQLite takes any index that starts with account_id and reads
the whole account (it did: 300 ms instead of 0.3 at 100k people). This runs both use
cases on a small network, asks SQLite for the plan of every SELECT they send, and fails
on a plan that serves only `account_id=?` or scans a table.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from conftest import NOW
from kith import settings
from kith.app import Kith
from kith.core.contact import ListField
from kith.core.interactions import Interaction, Kind

ACCOUNT_ONLY = re.compile(r"USING (?:COVERING )?INDEX \w+ \(account_id=\?\)$")
SCAN = re.compile(r"^SCAN (?!CONSTANT ROW|anon_)(\w+)")  # a subquery's own rows are fine
# Tables that hold a handful of rows per account, where reading the account's rows is the seek.
SMALL_TABLES = {"accounts", "profiles", "alembic_version", "searches"}
TABLE = re.compile(r"^(?:SCAN|SEARCH) (\w+)")


@contextmanager
def captured(engine: sa.Engine) -> Iterator[list[tuple[str, Any]]]:
    statements: list[tuple[str, Any]] = []

    def keep(conn: Any, cursor: Any, statement: str, params: Any, *_: Any) -> None:
        if statement.lstrip().upper().startswith("SELECT"):
            statements.append((statement, params))

    sa.event.listen(engine, "before_cursor_execute", keep)
    try:
        yield statements
    finally:
        sa.event.remove(engine, "before_cursor_execute", keep)


def bad_plans(engine: sa.Engine, statements: list[tuple[str, Any]]) -> list[str]:
    found = []
    with engine.connect() as connection:
        for statement, params in statements:
            plan = connection.exec_driver_sql("EXPLAIN QUERY PLAN " + statement, params).all()
            for row in plan:
                detail = row[-1]
                table = TABLE.match(detail)
                if table and table[1] in SMALL_TABLES:
                    continue
                if ACCOUNT_ONLY.search(detail) or SCAN.match(detail):
                    found.append(f"{detail}\n    in: {' '.join(statement.split())[:300]}")
    return found


def test_show_and_today_seek_rather_than_read_the_account(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'kith.db'}"
    with Kith(settings.Settings(tmp_path, tmp_path / "c.toml", url), clock=lambda: NOW) as app:
        app.load_demo(people=300, seed=3)
        busiest = app.list_people(sort="last", limit=1)[0]
        with captured(app.store.engine) as statements:
            app.show_person(f"#{busiest.id}", why=True)
            app.agenda(limit=None)
        assert len(statements) > 15
        assert bad_plans(app.store.engine, statements) == []


def test_paths_seek_from_the_company_rather_than_read_the_account(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'kith.db'}"
    with Kith(settings.Settings(tmp_path, tmp_path / "c.toml", url), clock=lambda: NOW) as app:
        app.load_demo(people=300, seed=3)
        people = app.list_people(sort="last", limit=12)
        app.add_person("Sam Insider", {ListField.ORG: ["Initrode:CTO:2021"]})
        app.add_person("Al Former", {ListField.ORG: ["Initrode::2019:2023"]})
        app.log(f"coffee with Sam Insider and #{people[0].id}")
        for other in people[1:]:
            app.knows(f"#{other.id}", "Sam Insider", how="worked together")
        sam = app.add_person("Sam Other", {ListField.ORG: ["Initrode:PM:2022"]})
        with app.store.unit(write=True) as repo:  # mail as the importer keeps it
            for n, pid in enumerate((sam.id, people[2].id, people[3].id)):
                key = f"email:<t{n % 2}@x.org>:2026-11-0{n + 1}:p{pid}@x.org"
                item = Interaction(NOW, Kind.EMAIL, [pid or 0], source="mbox", source_id=key)
                repo.insert_interaction(item, NOW)
        with captured(app.store.engine) as statements:
            found = app.paths("Initrode")
        assert found.ways and len(statements) > 8
        assert any("interactions.source_id >=" in text for text, _ in statements)
        assert bad_plans(app.store.engine, statements) == []


def test_the_weeks_reconnections_seek_each_persons_previous_moment(tmp_path: Path) -> None:
    # The week's goals once walked each participant's whole history (5 s at 100k people):
    # the previous moment must be one seek in the links' (person_id, occurred_at) index.
    url = f"sqlite:///{tmp_path / 'kith.db'}"
    with Kith(settings.Settings(tmp_path, tmp_path / "c.toml", url), clock=lambda: NOW) as app:
        app.load_demo(people=300, seed=3)
        with captured(app.store.engine) as statements:
            week = app.week()
        assert week.weeks and len(statements) <= 6
        with app.store.engine.connect() as connection:
            plans = [
                row[-1]
                for statement, params in statements
                for row in connection.exec_driver_sql(
                    "EXPLAIN QUERY PLAN " + statement, params
                ).all()
            ]
        assert any("ix_interaction_people_person_occurred (person_id=? AND occurred_at<?)" in p
                   for p in plans), plans  # fmt: skip
        assert not any("CORRELATED" in p and "interactions" in p for p in plans)
