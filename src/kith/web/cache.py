"""Reads the busiest pages reuse for a few seconds: the agenda and person views.

Any state-changing request through the app clears the cache at once (before and after
it runs), so what you do in the browser shows immediately. Changes made elsewhere (the
command line on the same database) show once an entry expires: `kith serve --cache
SECONDS` (0 turns caching off). When an entry expires, the request that notices it
recomputes; requests arriving meanwhile get the previous value rather than piling up
on the same computation.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

T = TypeVar("T")
MAX_ENTRIES = 2000


class ReadCache:
    """Values by key, each valid for `seconds` or until `invalidate()`."""

    def __init__(self, seconds: float, clock: Callable[[], float] = time.monotonic) -> None:
        self.seconds = seconds
        self.clock = clock
        self.generation = 0
        self._entries: dict[Hashable, tuple[int, float, Any]] = {}
        self._refreshing: set[Hashable] = set()
        self._lock = threading.Lock()

    def invalidate(self) -> None:
        """Forget everything (a write happened)."""
        with self._lock:
            self.generation += 1
            self._entries.clear()

    def get(self, key: Hashable, compute: Callable[[], T]) -> T:
        """The cached value for `key`, or `compute()` (kept for next time)."""
        if self.seconds <= 0:
            return compute()
        with self._lock:
            generation, entry = self.generation, self._entries.get(key)
            if entry is not None and entry[0] == generation:
                if entry[1] > self.clock() or key in self._refreshing:
                    kept: T = entry[2]  # fresh, or stale while another request refreshes it
                    return kept
                self._refreshing.add(key)
        try:
            value = compute()
        finally:
            with self._lock:
                self._refreshing.discard(key)
        with self._lock:
            if self.generation == generation:  # no write began meanwhile
                if len(self._entries) >= MAX_ENTRIES:
                    self._entries.clear()
                self._entries[key] = (generation, self.clock() + self.seconds, value)
        return value
