"""Slow down password guessing: a lockout after repeated failed sign-ins.

Failures are counted per client address and per username in a sliding window.
When either reaches ``max_failures`` inside ``window`` seconds, further sign-ins
for that address or username are refused, even with the right password, until
the oldest failure leaves the window. Usernames are kept only as SHA-256 digests
in memory (never logged): the field may hold a person's name or a mistyped
password.

The counters live in this process's memory, like the partner API's rate limits:
with several worker processes each counts on its own (docs/operations.md).
"""

from __future__ import annotations

import hashlib
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Verdict:
    """Whether a sign-in may be tried now; if not, the seconds to wait."""

    allowed: bool
    retry_after: int = 0


class SignInThrottle:
    def __init__(
        self,
        max_failures: int,
        window: int,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.max_failures = max_failures
        self.window = window
        self._clock = clock
        self._failures: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def check(self, address: str, username: str) -> Verdict:
        """May ``username`` try to sign in from ``address`` now?"""
        now = self._clock()
        with self._lock:
            waits = [self._wait(key, now) for key in _keys(address, username)]
        wait = max(waits)
        return Verdict(allowed=wait <= 0, retry_after=max(0, int(wait + 0.999)))

    def failed(self, address: str, username: str) -> bool:
        """Count a failure; True when this failure starts a lockout."""
        now = self._clock()
        started = False
        with self._lock:
            for key in _keys(address, username):
                times = self._recent(key, now)
                times.append(now)
                started |= len(times) == self.max_failures
        return started

    def succeeded(self, username: str) -> None:
        """A correct sign-in clears the username's failures (not the address's)."""
        with self._lock:
            self._failures.pop(_user_key(username), None)

    def _recent(self, key: str, now: float) -> deque[float]:
        times = self._failures.setdefault(key, deque())
        while times and now - times[0] >= self.window:
            times.popleft()
        return times

    def _wait(self, key: str, now: float) -> float:
        times = self._recent(key, now)
        if len(times) < self.max_failures:
            if not times:
                self._failures.pop(key, None)
            return 0.0
        return times[-self.max_failures] + self.window - now


def _user_key(username: str) -> str:
    digest = hashlib.sha256(username.strip().casefold().encode()).hexdigest()
    return f"user:{digest}"


def _keys(address: str, username: str) -> tuple[str, str]:
    return (f"addr:{address}", _user_key(username))
