"""Starlette's in-process TestClient, imported without its httpx2 deprecation warning.

Starlette 1.x prefers the ``httpx2`` package for its TestClient and warns (a
UserWarning subclass, which pytest turns into an error) when it falls back to
``httpx``. The lock has ``httpx``, which works; import the client from here so
the warning is silenced in one place, for this one message only.
"""

from __future__ import annotations

import warnings

from starlette.exceptions import StarletteDeprecationWarning

with warnings.catch_warnings():
    warnings.filterwarnings(
        "ignore",
        message="Using `httpx` with `starlette.testclient` is deprecated",
        category=StarletteDeprecationWarning,
    )
    from starlette.testclient import TestClient

__all__ = ["TestClient"]
