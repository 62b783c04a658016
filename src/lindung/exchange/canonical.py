"""Canonical JSON and its SHA-256: one way to hash structured content everywhere.

Keys sorted, no spaces, UTF-8 (non-ASCII kept as is), so that the same content always
hashes the same — agreement versions, the audit chain, request hashes.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any


def canonical_json(content: Any) -> str:
    return json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def sha256_of(content: Any, prefix: str = "") -> str:
    """SHA-256 (hex) of ``prefix`` followed by the canonical JSON of ``content``."""
    return hashlib.sha256((prefix + canonical_json(content)).encode("utf-8")).hexdigest()
