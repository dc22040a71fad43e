"""Benchmark networks: SQLite databases built by `kith demo`, cached under bench/.data/."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import time
from collections.abc import Mapping
from contextlib import closing
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class Network:
    """One built network: where it is, what is in it and what building it cost."""

    size: int
    seed: int
    path: Path
    people: int
    interactions: int
    build_seconds: float
    built_at: str
    reused: bool

    @property
    def url(self) -> str:
        """The SQLAlchemy URL that names this database."""
        return f"sqlite:///{self.path.resolve()}"

    @property
    def megabytes(self) -> float:
        """The database file's size in MB."""
        return self.path.stat().st_size / 1_000_000


@dataclass(frozen=True)
class Person:
    """A person the benchmark shows, with how many interactions their timeline holds."""

    id: int
    name: str
    interactions: int


def cache_path(data_dir: Path, size: int, seed: int, kith_version: str) -> Path:
    """The cached database for (size, seed, version); a new Kith version builds afresh."""
    return data_dir / f"demo-n{size}-s{seed}-kith{kith_version}.db"


def _facts_path(db: Path) -> Path:
    """The JSON file beside a database that remembers how it was built."""
    return db.with_suffix(".json")


def build(
    kith: Path, data_dir: Path, size: int, seed: int, kith_version: str, env: Mapping[str, str]
) -> Network:
    """Build the network with `kith demo`, timing it, unless a finished build is cached.

    The facts file is written last and marks a finished build; a database without one is
    left over from an interrupted build and is built again.
    """
    path = cache_path(data_dir, size, seed, kith_version)
    facts = _facts_path(path)
    if path.exists() and facts.exists():
        return _from_facts(path, json.loads(facts.read_text()))
    data_dir.mkdir(parents=True, exist_ok=True)
    remove(path)
    argv = [
        str(kith),
        "demo",
        "--people",
        str(size),
        "--seed",
        str(seed),
        "--db",
        f"sqlite:///{path.resolve()}",
        "--json",
    ]
    start = time.perf_counter()
    result = subprocess.run(argv, capture_output=True, text=True, env=dict(env), check=False)
    seconds = time.perf_counter() - start
    if result.returncode != 0:
        raise RuntimeError(f"building {size} people failed: {result.stderr.strip()}")
    summary = json.loads(result.stdout)
    network = Network(
        size=size,
        seed=seed,
        path=path,
        people=int(summary["people"]),
        interactions=int(summary["interactions"]),
        build_seconds=seconds,
        built_at=datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        reused=False,
    )
    facts.write_text(json.dumps(_facts(network), indent=2) + "\n")
    return network


def remove(path: Path) -> None:
    """Delete a cached database with its facts file and any SQLite journal beside it."""
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    _facts_path(path).unlink(missing_ok=True)


def _facts(network: Network) -> dict[str, Any]:
    """What the cache remembers about a build (the database itself holds the rest)."""
    return {
        "size": network.size,
        "seed": network.seed,
        "people": network.people,
        "interactions": network.interactions,
        "build_seconds": network.build_seconds,
        "built_at": network.built_at,
    }


def _from_facts(path: Path, facts: dict[str, Any]) -> Network:
    """The cached network at `path`, as its facts file describes it."""
    return Network(
        size=int(facts["size"]),
        seed=int(facts["seed"]),
        path=path,
        people=int(facts["people"]),
        interactions=int(facts["interactions"]),
        build_seconds=float(facts["build_seconds"]),
        built_at=str(facts["built_at"]),
        reused=True,
    )


def listed_first(kith: Path, network: Network, sort: str, env: Mapping[str, str]) -> Person:
    """The person `kith list --sort SORT --limit 1 --json` names first.

    `last` gives the most recent contact, `quiet` the longest silence.
    """
    argv = [str(kith), "--db", network.url, "list", "--sort", sort, "--limit", "1", "--json"]
    result = subprocess.run(argv, capture_output=True, text=True, env=dict(env), check=True)
    first = json.loads(result.stdout)[0]
    return Person(
        id=int(first["id"]),
        name=str(first["display_name"]),
        interactions=interaction_count(network, int(first["id"])),
    )


def interaction_count(network: Network, person_id: int) -> int:
    """How many interactions a person took part in, read straight from the database."""
    with _read_only(network.path) as connection:
        row = connection.execute(
            "SELECT count(*) FROM interaction_people WHERE person_id = ?", (person_id,)
        ).fetchone()
    return int(row[0])


def busiest(network: Network) -> Person:
    """The person with the most interactions: the longest timeline `kith show` can meet.

    Kith has no listing by interaction count, so this reads the database directly (read-only).
    """
    with _read_only(network.path) as connection:
        row = connection.execute(
            "SELECT p.id, p.display_name, count(*) AS n"
            " FROM interaction_people AS ip JOIN people AS p ON p.id = ip.person_id"
            " GROUP BY p.id ORDER BY n DESC, p.id LIMIT 1"
        ).fetchone()
    return Person(id=int(row[0]), name=str(row[1]), interactions=int(row[2]))


def _read_only(path: Path) -> closing[sqlite3.Connection]:
    """A read-only connection to `path`, closed when the `with` block ends."""
    return closing(sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True))
