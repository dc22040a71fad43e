"""The week's goals (Today's slowest block) on a database: `Kith.week()` timed N times.

Usage: python bench/week.py sqlite:///PATH/TO/demo.db 5   (on a `kith demo --people 100000`)
Prints the sorted wall times in seconds, then the counts (compare them across versions).
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from kith import Kith
from kith.settings import Settings


def main() -> None:
    """Time `week()` after one warm-up call."""
    url, runs = sys.argv[1], int(sys.argv[2])
    app = Kith(Settings(Path(), Path("none.toml"), url))
    app.week()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        week = app.week()
        times.append(time.perf_counter() - start)
    print(sorted(times), week)


if __name__ == "__main__":
    main()
