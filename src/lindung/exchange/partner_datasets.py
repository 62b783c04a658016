"""Declarations of the partner datasets (see lindung.exchange.datasets)."""

from __future__ import annotations

from lindung.exchange.datasets import DatasetSpec

DATASETS: tuple[DatasetSpec, ...] = ()
