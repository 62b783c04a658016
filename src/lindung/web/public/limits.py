"""Rate limits of the public check: a token bucket per client IP address.

Reuses the partner API's :class:`~lindung.exchange.ratelimit.RateLimiter` (per
process, in memory), keyed by the client's address as an integer (IPv4 and IPv6
addresses are distinct integers; a host that is not an address, such as a test
client's name, gets a negative key from its CRC-32). Behind a reverse proxy, run
uvicorn with ``--proxy-headers`` and ``--forwarded-allow-ips`` so that the client
address is the visitor's, not the proxy's.
"""

from __future__ import annotations

import ipaddress
import math
import threading
import zlib

from fastapi import HTTPException, Request

from lindung.exchange.ratelimit import RateLimiter

#: Requests a minute per client address (bursts up to this many). An app may set
#: ``app.state.public_rate_per_minute`` to change it (the load benchmark does).
DEFAULT_PER_MINUTE = 30

_lock = threading.Lock()


def client_key(host: str | None) -> int:
    """The rate-limit key of a client address."""
    if not host:
        return -1
    try:
        return int(ipaddress.ip_address(host))
    except ValueError:
        return -(zlib.crc32(host.encode()) + 2)


def _limiter(request: Request) -> RateLimiter:
    state = request.app.state
    with _lock:
        limiter: RateLimiter | None = getattr(state, "public_rate_limiter", None)
        if limiter is None:
            limiter = state.public_rate_limiter = RateLimiter()
    return limiter


def public_rate_limit(request: Request) -> None:
    """Refuse with 429 and ``Retry-After`` a client over its rate."""
    per_minute = int(getattr(request.app.state, "public_rate_per_minute", DEFAULT_PER_MINUTE))
    host = request.client.host if request.client else None
    wait = _limiter(request).take(client_key(host), per_minute)
    if wait > 0:
        seconds = "3600" if math.isinf(wait) else str(max(1, math.ceil(wait)))
        raise HTTPException(status_code=429, headers={"Retry-After": seconds})
