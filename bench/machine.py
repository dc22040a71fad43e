"""Facts about the machine and software a benchmark ran on."""

from __future__ import annotations

import os
import platform
import sqlite3
import sys
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path

CPUINFO = Path("/proc/cpuinfo")
LIBRARIES = ("click", "SQLAlchemy", "rich")


@dataclass(frozen=True)
class Machine:
    """What the figures depend on besides Kith itself."""

    cpu: str
    cores: int
    usable_cores: int
    os: str
    python: str
    sqlite: str
    kith: str
    schema: str
    libraries: dict[str, str]
    date: str
    load: str


def load_average() -> str:
    """The 1, 5 and 15 minute load averages: other work on the machine skews the figures."""
    try:
        one, five, fifteen = os.getloadavg()
    except OSError:
        return "unknown"
    return f"{one:.2f}, {five:.2f}, {fifteen:.2f}"


def cpu_model(cpuinfo: Path = CPUINFO) -> str:
    """The CPU model name from /proc/cpuinfo, or the platform's guess where there is none."""
    try:
        text = cpuinfo.read_text()
    except OSError:
        return platform.processor() or "unknown"
    for line in text.splitlines():
        key, _, value = line.partition(":")
        if key.strip() == "model name" and value.strip():
            return value.strip()
    return platform.processor() or "unknown"


def usable_cores() -> int:
    """How many cores this process may run on (may be fewer than the machine has)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def library_versions(names: tuple[str, ...] = LIBRARIES) -> dict[str, str]:
    """Installed versions of the libraries Kith's startup time depends on."""
    versions: dict[str, str] = {}
    for name in names:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = "not installed"
    return versions


def describe(kith_version: str, schema: str) -> Machine:
    """Collect the machine facts; the Python and SQLite are this interpreter's, as Kith's are."""
    return Machine(
        cpu=cpu_model(),
        cores=os.cpu_count() or 1,
        usable_cores=usable_cores(),
        os=platform.platform(),
        python=sys.version.split()[0],
        sqlite=sqlite3.sqlite_version,
        kith=kith_version,
        schema=schema,
        libraries=library_versions(),
        date=datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        load=load_average(),
    )
