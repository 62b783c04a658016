"""Independent random streams, one per generation stage.

Every stage draws from its own ``numpy.random.Generator(PCG64)`` seeded from the
demo seed and the stage's name. Adding draws to one stage therefore never shifts
what another stage generates, and the same seed always gives the same files.
"""

from __future__ import annotations

import zlib

import numpy as np
import numpy.typing as npt

F64 = npt.NDArray[np.float64]


def stream(seed: int, stage: str) -> np.random.Generator:
    """The random generator of ``stage`` for ``seed`` (stable across runs and machines)."""
    entropy = [seed, zlib.crc32(stage.encode("utf-8"))]
    return np.random.Generator(np.random.PCG64(np.random.SeedSequence(entropy)))


def zipf_weights(count: int, exponent: float = 1.0) -> F64:
    """Normalised Zipf weights for ``count`` items listed most frequent first.

    Indonesian given names are heavily skewed (a few names such as Siti, Sri, Nur
    or Muhammad account for a large share), so pools are sampled with these.
    """
    ranks = np.arange(1, count + 1, dtype=np.float64)
    weights: F64 = 1.0 / ranks**exponent
    normal: F64 = weights / weights.sum()
    return normal
