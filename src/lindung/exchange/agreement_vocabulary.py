"""The closed vocabularies of agreements: kinds, fetch modes, frequencies, dataset fields."""

from __future__ import annotations

KINDS = ("mou", "pks")
FETCH_MODES = ("api", "file_push", "file_pull")
FREQUENCIES = ("realtime", "daily", "weekly", "monthly", "quarterly", "on_request")


def registry_dataset_names() -> tuple[str, ...]:
    """Registry datasets (and the signals raised over them): they flow out to
    partners (``to_partner``) only."""
    from lindung.exchange.registry_datasets import DATASETS
    from lindung.exchange.signal_datasets import DATASETS as SIGNALS

    return tuple(spec.name for spec in (*DATASETS, *SIGNALS))


def partner_dataset_names() -> tuple[str, ...]:
    """Partner datasets: they flow in from partners (``from_partner``) only."""
    from lindung.exchange.partner_datasets import DATASETS

    return tuple(spec.name for spec in DATASETS)


def dataset_fields(dataset: str) -> tuple[str, ...] | None:
    """The declared field names of ``dataset``, or None if no such dataset is declared."""
    from lindung.exchange.datasets import all_datasets

    declared = all_datasets().get(dataset)
    return declared.field_names if declared is not None else None
