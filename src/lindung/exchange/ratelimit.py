"""Per-client rate limits: a token bucket per API client, in this process.

Each client may make ``rate_limit_per_minute`` requests a minute, in bursts of
up to that many. The buckets live in the process's memory: with several worker
processes each enforces the limit on its own (documented in docs/partner-api.md);
a shared limiter (e.g. in PostgreSQL) is future work.
"""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass


@dataclass
class _Bucket:
    tokens: float
    updated: float


class RateLimiter:
    """Token buckets keyed by client id."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._buckets: dict[int, _Bucket] = {}
        self._lock = threading.Lock()

    def take(self, client_id: int, per_minute: int) -> float:
        """Take one token; 0.0 when allowed, else the seconds to wait before retrying."""
        rate = per_minute / 60.0
        with self._lock:
            now = self._clock()
            bucket = self._buckets.get(client_id)
            if bucket is None:
                bucket = self._buckets[client_id] = _Bucket(float(per_minute), now)
            bucket.tokens = min(float(per_minute), bucket.tokens + (now - bucket.updated) * rate)
            bucket.updated = now
            if bucket.tokens >= 1.0:
                bucket.tokens -= 1.0
                return 0.0
            return (1.0 - bucket.tokens) / rate if rate > 0 else math.inf
