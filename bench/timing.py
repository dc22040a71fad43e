"""Whole-process timing: run a command repeatedly and summarise the wall-clock times."""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass


class CommandFailed(RuntimeError):
    """A timed command exited non-zero; the message carries its stderr."""


@dataclass(frozen=True)
class Timing:
    """Wall-clock seconds of the timed runs of one command (the warm-up run excluded)."""

    label: str
    argv: tuple[str, ...]
    runs: tuple[float, ...]

    @property
    def median(self) -> float:
        """Median of the timed runs, in seconds."""
        return statistics.median(self.runs)

    @property
    def best(self) -> float:
        """Fastest timed run, in seconds."""
        return min(self.runs)


def run_once(argv: Sequence[str], env: Mapping[str, str]) -> float:
    """Run `argv` once with stdout discarded; return its wall-clock seconds.

    Raises CommandFailed if it exits non-zero, so a broken command is never timed as fast.
    """
    start = time.perf_counter()
    result = subprocess.run(
        list(argv), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=dict(env), check=False
    )
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        stderr = result.stderr.decode(errors="replace").strip()
        raise CommandFailed(f"{' '.join(argv)} exited {result.returncode}: {stderr}")
    return elapsed


def time_command(label: str, argv: Sequence[str], env: Mapping[str, str], repeat: int) -> Timing:
    """Run `argv` once to warm caches, then `repeat` more times, timing each run."""
    run_once(argv, env)
    runs = tuple(run_once(argv, env) for _ in range(repeat))
    return Timing(label=label, argv=tuple(argv), runs=runs)


@dataclass(frozen=True)
class InProcess:
    """Calls timed inside one process (bench/inprocess.py): no start-up, imports or printing."""

    timing: Timing
    open_seconds: float  # opening the facade, once, before the calls
    entries: int  # what the call returned: how many agenda entries


def time_in_process(label: str, argv: Sequence[str], env: Mapping[str, str]) -> InProcess:
    """Run a script that times calls itself and prints {"runs", "open", "entries"} as JSON."""
    result = subprocess.run(list(argv), capture_output=True, text=True, env=dict(env), check=False)
    if result.returncode != 0:
        raise CommandFailed(f"{' '.join(argv)} exited {result.returncode}: {result.stderr.strip()}")
    figures = json.loads(result.stdout)
    runs = tuple(float(run) for run in figures["runs"])
    return InProcess(
        timing=Timing(label=label, argv=tuple(argv), runs=runs),
        open_seconds=float(figures["open"]),
        entries=int(figures["entries"]),
    )


def clean_env(home: str, pycache: str) -> dict[str, str]:
    """The environment for timed runs: this one, minus KITH_* settings, with KITH_HOME isolated.

    The benchmark passes --db explicitly; an isolated KITH_HOME keeps a developer's config
    file and account out of the figures. Bytecode is cached as in any normal install, even
    where PYTHONDONTWRITEBYTECODE is set: under `pycache` (PYTHONPYCACHEPREFIX), so the
    source tree gets no __pycache__ folders from the benchmark.
    """
    env = {key: value for key, value in os.environ.items() if not key.startswith("KITH_")}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = pycache
    env["KITH_HOME"] = home
    return env
