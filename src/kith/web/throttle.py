"""The login throttle: slows password guessing per account and per client address.

Each account and each address has its own count of recent failures. `max_failures`
failures within `window` seconds lock that key for `base_lockout` seconds, doubling with
each further lockout up to `max_lockout`, so a guesser gets a few tries an hour.

An attacker must not be able to lock the owner out: the lockout is capped, and an
address that once signed in to an account is not held back by that account's lockout
(only by its own), so guesses from elsewhere never stop the owner's own machine.

Memory is bounded: at most MAX_KEYS keys and MAX_TRUSTED trusted pairs are kept, the
oldest dropped first, and a key idle for longer than window + max_lockout is forgotten.
Pure Python, no I/O; the clock is injectable for tests.

    throttle = LoginThrottle()
    if (wait := throttle.retry_after("me", "10.0.0.7")) is not None:
        ...  # refuse with 429 and Retry-After: wait
"""

from __future__ import annotations

import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field

MAX_KEYS = 10_000
MAX_TRUSTED = 1_000


@dataclass
class _Record:
    """One key's recent failures and its lockout."""

    failures: list[float] = field(default_factory=list)
    locked_until: float = 0.0
    lockouts: int = 0  # how many times locked (doubles the next lockout)
    seen: float = 0.0


class LoginThrottle:
    """Counts failed sign-ins per account and per address and says when to try again."""

    def __init__(
        self,
        *,
        max_failures: int = 5,
        window: float = 900.0,
        base_lockout: float = 30.0,
        max_lockout: float = 900.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.max_failures = max_failures
        self.window = window
        self.base_lockout = base_lockout
        self.max_lockout = max_lockout
        self.clock = clock
        self._records: OrderedDict[tuple[str, str], _Record] = OrderedDict()
        self._trusted: OrderedDict[tuple[str, str], None] = OrderedDict()

    def retry_after(self, account: str, address: str) -> float | None:
        """Seconds to wait before the next try from `address` for `account`, or None."""
        now = self.clock()
        keys = [("address", address)]
        if (account, address) not in self._trusted:
            keys.append(("account", account))
        waits = [self._wait(key, now) for key in keys]
        wait = max(waits)
        return wait if wait > 0 else None

    def failed(self, account: str, address: str) -> None:
        """Count a wrong password from `address` for `account`."""
        now = self.clock()
        for key in (("account", account), ("address", address)):
            self._fail(key, now)

    def succeeded(self, account: str, address: str) -> None:
        """A right password: forget the failures and trust this address for the account."""
        self._records.pop(("account", account), None)
        self._records.pop(("address", address), None)
        self._trusted[(account, address)] = None
        self._trusted.move_to_end((account, address))
        while len(self._trusted) > MAX_TRUSTED:
            self._trusted.popitem(last=False)

    def _wait(self, key: tuple[str, str], now: float) -> float:
        record = self._records.get(key)
        return 0.0 if record is None else max(0.0, record.locked_until - now)

    def _fail(self, key: tuple[str, str], now: float) -> None:
        record = self._record(key, now)
        record.failures = [t for t in record.failures if now - t < self.window]
        record.failures.append(now)
        if len(record.failures) >= self.max_failures:
            lockout = min(self.base_lockout * 2 ** min(record.lockouts, 60), self.max_lockout)
            record.locked_until = max(record.locked_until, now + lockout)
            record.lockouts += 1
            record.failures.clear()

    def _record(self, key: tuple[str, str], now: float) -> _Record:
        record = self._records.pop(key, None)
        if record is None or now - record.seen > self.window + self.max_lockout:
            record = _Record()  # new, or idle so long that its past no longer counts
        record.seen = now
        self._records[key] = record  # most recently used last
        self._evict(now)
        return record

    def _evict(self, now: float) -> None:
        """Drop idle keys, then the least recently used ones past MAX_KEYS."""
        horizon = self.window + self.max_lockout
        while self._records:
            oldest_key, oldest = next(iter(self._records.items()))
            if now - oldest.seen <= horizon and len(self._records) <= MAX_KEYS:
                break
            del self._records[oldest_key]
