"""Time `Kith.agenda()` inside one process, without start-up, imports or printing.

Run by bench/run.py with the venv's Python, once per network:

    .venv/bin/python bench/inprocess.py --db sqlite:////abs/path.db --calls 7

It opens the facade once, calls `agenda()` once to warm SQLite's page cache and
SQLAlchemy's statement cache, then times `--calls` more calls and prints one JSON object:
{"open": s, "runs": [s, ...], "median": s, "best": s, "entries": n}, in seconds.
"""

from __future__ import annotations

import argparse
import gc
import json
import statistics
import sys
import time


def main(argv: list[str] | None = None) -> int:
    """Open Kith on `--db`, time the agenda, print the figures as JSON on stdout."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True, help="SQLAlchemy URL of the network")
    parser.add_argument("--calls", type=int, default=7, help="timed calls (default: 7)")
    args = parser.parse_args(argv)
    if args.calls < 1:
        parser.error("--calls must be at least 1")

    from kith import settings
    from kith.app import Kith

    start = time.perf_counter()
    app = Kith(settings.load({"db": args.db}))
    opened = time.perf_counter() - start
    gc.freeze()  # as the CLI does once Kith is open (kith.cli.context)
    with app:
        entries = app.agenda()  # warm-up, not timed
        runs = []
        for _ in range(args.calls):
            start = time.perf_counter()
            app.agenda()
            runs.append(time.perf_counter() - start)
    figures = {
        "open": opened,
        "runs": runs,
        "median": statistics.median(runs),
        "best": min(runs),
        "entries": len(entries),
    }
    print(json.dumps(figures))
    return 0


if __name__ == "__main__":
    sys.exit(main())
