"""The login throttle: per account and per address, doubling lockouts with a cap,
the owner's own address never locked out by others' guesses, bounded memory."""

from __future__ import annotations

from kith.web import throttle as module
from kith.web.throttle import LoginThrottle


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def fail(throttle: LoginThrottle, times: int, account: str = "me", address: str = "a") -> None:
    for _ in range(times):
        throttle.failed(account, address)


def test_five_failures_lock_the_address_and_account() -> None:
    clock = Clock()
    throttle = LoginThrottle(clock=clock)
    fail(throttle, 4)
    assert throttle.retry_after("me", "a") is None
    fail(throttle, 1)
    assert throttle.retry_after("me", "a") == 30.0
    assert throttle.retry_after("me", "elsewhere") == 30.0  # the account is locked
    assert throttle.retry_after("other", "a") == 30.0  # and so is the address
    assert throttle.retry_after("other", "elsewhere") is None
    clock.now += 30
    assert throttle.retry_after("me", "a") is None


def test_lockouts_double_up_to_the_cap() -> None:
    clock = Clock()
    throttle = LoginThrottle(max_failures=2, base_lockout=30, max_lockout=200, clock=clock)
    waits = []
    for _ in range(5):
        fail(throttle, 2)
        wait = throttle.retry_after("me", "a")
        assert wait is not None
        waits.append(wait)
        clock.now += wait
    assert waits == [30, 60, 120, 200, 200]


def test_failures_outside_the_window_do_not_count() -> None:
    clock = Clock()
    throttle = LoginThrottle(window=60, clock=clock)
    for _ in range(10):
        fail(throttle, 1)
        clock.now += 20  # 3 per window, never 5
    assert throttle.retry_after("me", "a") is None


def test_an_idle_key_forgets_its_lockouts() -> None:
    clock = Clock()
    throttle = LoginThrottle(max_failures=1, window=10, base_lockout=5, max_lockout=40,
                             clock=clock)  # fmt: skip
    fail(throttle, 3)  # locked 5, then counted again while locked: 10, 20
    clock.now += 1000
    fail(throttle, 1)
    assert throttle.retry_after("me", "a") == 5


def test_success_clears_and_the_owners_address_is_not_locked_out_by_others() -> None:
    clock = Clock()
    throttle = LoginThrottle(clock=clock)
    fail(throttle, 3, address="home")
    throttle.succeeded("me", "home")
    assert throttle.retry_after("me", "home") is None
    for bot in range(50):  # a distributed guesser locks the account...
        fail(throttle, 1, address=f"bot{bot}")
    assert throttle.retry_after("me", "bot-new") is not None
    assert throttle.retry_after("me", "home") is None  # ...but not for the owner's machine
    fail(throttle, 5, address="home")  # the home address itself is still throttled
    assert throttle.retry_after("me", "home") is not None


def test_memory_is_bounded() -> None:
    clock = Clock()
    throttle = LoginThrottle(clock=clock)
    for n in range(module.MAX_KEYS + 500):
        throttle.failed("me", f"10.0.{n // 256}.{n % 256}")
        throttle.succeeded(f"user{n}", "x")
    assert len(throttle._records) <= module.MAX_KEYS
    assert len(throttle._trusted) <= module.MAX_TRUSTED
