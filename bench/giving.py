"""Benchmark giving's use cases on a demo network, against the daily agenda as baseline.

Times, in one process on an existing database (make one with `kith demo --people N`):
the agenda (`Kith.agenda`, the baseline), the ledger overview, suggested intros and
gives, and share candidates, with the lexical matcher and then the semantic one (its
model loaded once before timing, and that load time reported on its own).

Usage: PYTHONPATH=src .venv/bin/python bench/giving.py --db sqlite:////tmp/demo.db [--repeat 3]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from kith.app import Kith  # noqa: E402
from kith.core.matching import (  # noqa: E402
    LexicalMatcher,
    Matcher,
    semantic,
)
from kith.settings import Settings  # noqa: E402

NOW = datetime.fromisoformat("2026-11-25T10:00:00-05:00")  # the demo's "today"


def timed(call: Callable[[], object], repeat: int) -> float:
    """Median seconds of `repeat` calls."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        call()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def cases(app: Kith) -> dict[str, Callable[[], object]]:
    """The use cases timed, by name."""
    return {
        "ledger overview": app.ledger_overview,
        "suggest intros": lambda: app.suggest_intros(10),
        "suggest gives": lambda: app.suggest_gives(10),
        "share (list)": lambda: app.share("https://x.test/a", "climate tech startups"),
    }


def run(app: Kith, matcher: Matcher, repeat: int, baseline: float) -> list[str]:
    """One table row per use case, with this matcher."""
    app.matcher = matcher
    rows = []
    for name, call in cases(app).items():
        seconds = timed(call, repeat)
        ms, ratio = seconds * 1000, seconds / baseline
        rows.append(f"| {name} | {matcher.name} | {ms:.0f} | {ratio:.1f} |")
    return rows


def main(argv: list[str] | None = None) -> None:
    """Print the table for docs/benchmarks.md."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True, help="database URL of a demo network")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    app = Kith(Settings(Path(), Path("config.toml"), args.db), clock=lambda: NOW)
    people = len(app.list_people(limit=None))
    baseline = timed(app.agenda, args.repeat)
    rows = [f"| agenda (baseline) | none | {baseline * 1000:.0f} | 1.0 |"]
    rows += run(app, LexicalMatcher(), args.repeat, baseline)
    start = time.perf_counter()
    warm = semantic.default_matcher("semantic")
    warm.similarity(["warm up"], ["the model"])
    load = time.perf_counter() - start
    rows += run(app, warm, args.repeat, baseline)
    print(f"{people} people; semantic model load {load:.1f} s (once per process)\n")
    print("| use case | matcher | median ms | × agenda |\n|---|---|---|---|")
    print("\n".join(rows))
    app.close()


if __name__ == "__main__":
    main()
