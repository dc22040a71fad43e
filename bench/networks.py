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


@dataclass(frozen=True)
class CacheKey:
    """What a cached network depends on: a change to any of them builds it afresh.

    The schema's head revision is part of it because the schema can change without a
    version bump; Kith would otherwise migrate an old cached database in place (after
    copying it as a backup, 600 MB at 100k people). So is a digest of the migration files,
    because an unreleased migration may be edited in place without a new revision: Kith
    would then take the old database for current and fail on a missing column.
    """

    seed: int
    kith_version: str
    schema: str  # head revision, e.g. "0002"
    migrations: str  # first 8 hex digits of the migration files' SHA-256

    @property
    def suffix(self) -> str:
        """The end of every file name this Kith and schema build."""
        return f"-kith{self.kith_version}-schema{self.schema}-{self.migrations}"

    def stem(self, size: int) -> str:
        """The cached database's file name without `.db`."""
        return f"demo-n{size}-s{self.seed}{self.suffix}"


# Run by the venv's Python: the head revision and a digest of every migration file.
_SCHEMA_CODE = """
import hashlib
from kith.store.schema import MIGRATIONS, head_revision
digest = hashlib.sha256()
for path in sorted((MIGRATIONS / "versions").glob("[0-9]*_*.py")):
    digest.update(path.name.encode() + b"\\0" + path.read_bytes())
print(head_revision(), digest.hexdigest()[:8])
"""


def cache_key(python: Path, seed: int, kith_version: str, env: Mapping[str, str]) -> CacheKey:
    """The key for networks that the installed Kith builds, asking its Python for the schema."""
    result = subprocess.run(
        [str(python), "-c", _SCHEMA_CODE], capture_output=True, text=True, env=dict(env), check=True
    )
    revision, digest = result.stdout.split()
    return CacheKey(seed, kith_version, revision, digest)


def cache_path(data_dir: Path, size: int, key: CacheKey) -> Path:
    """The cached database for `size` people built as `key` says."""
    return data_dir / f"{key.stem(size)}.db"


def stale(data_dir: Path, key: CacheKey) -> list[Path]:
    """Cached databases in `data_dir` that another Kith version or schema built, and any
    backup Kith made when migrating one in place: no run can use them.

    Networks of other sizes or seeds that this Kith and schema built are kept.
    """
    found = {
        path.with_suffix(".db")
        for pattern in ("demo-n*.db", "demo-n*.json")
        for path in data_dir.glob(pattern)
    }
    backups = set(data_dir.glob("demo-n*.db.v*.bak"))
    return sorted({path for path in found if not path.stem.endswith(key.suffix)} | backups)


def _facts_path(db: Path) -> Path:
    """The JSON file beside a database that remembers how it was built."""
    return db.with_suffix(".json")


def build(kith: Path, data_dir: Path, size: int, key: CacheKey, env: Mapping[str, str]) -> Network:
    """Build the network with `kith demo`, timing it, unless a finished build is cached.

    The facts file is written last and marks a finished build; a database without one is
    left over from an interrupted build and is built again.
    """
    path = cache_path(data_dir, size, key)
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
        str(key.seed),
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
        seed=key.seed,
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
