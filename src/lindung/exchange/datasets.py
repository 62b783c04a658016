"""Declared datasets: every field, whether it is personal, how rows are keyed and scoped.

A dataset is declared once and used everywhere: imports validate rows against it,
the access gate decides field by field from it, exports and the partner API list
it. Registry datasets (workers, placements) are declared in
:mod:`lindung.exchange.registry_datasets`; partner datasets (border crossings, the
DPT LN, civil-registry extracts, certificates, consular registrations) in
:mod:`lindung.exchange.partner_datasets`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import Any

from lindung.errors import NotFound


@dataclass(frozen=True)
class FieldSpec:
    """One field of a dataset.

    ``kind`` says how values are parsed and validated (text, int, date, nik,
    passport_number, phone, sex, region_code, country, enum...); ``personal`` marks
    personal data under UU 27/2022 (never logged, masked unless an agreement or role
    allows it in clear); ``mask`` says how a masked value looks (nik, name, date, text).

    ``drop_invalid``: an import stores the row without a value of this field that
    fails its check (the column stays empty, or keeps what an earlier import stored
    there) and warns with the field, the reason and the rows, instead of
    quarantining the row. Only for an optional field that the row stands without:
    a partner's NIK on a voter entry, a crossing, a lapor diri (the row is as good
    as one where the NIK was left empty, which the dataset allows).
    """

    name: str
    kind: str
    title_id: str
    title_en: str
    personal: bool = False
    required: bool = False
    mask: str = "text"
    choices: tuple[str, ...] = ()
    max_length: int | None = None
    drop_invalid: bool = False

    def __post_init__(self) -> None:
        if self.drop_invalid and self.required:
            raise ValueError(f"field {self.name!r}: a required value cannot be dropped")


@dataclass(frozen=True)
class DatasetSpec:
    """A dataset: its fields, natural key, region field and whose data a row is."""

    name: str
    title_id: str
    title_en: str
    fields: tuple[FieldSpec, ...]
    natural_key: tuple[str, ...]
    model: Any  # the SQLAlchemy model the rows live in
    region_field: str | None = None
    subject_kind: str | None = None
    subject_field: str | None = None
    importable: bool = False
    #: Narrows rows beyond regions, per principal and decision (its purpose and
    #: agreement): ``row_filter(session, principal, decision)`` returns an SQL
    #: condition on ``model`` or None (no narrowing). The gate applies it to every
    #: read and aggregate of the dataset (e.g. signals: only those routed to a
    #: partner's organisation, of types its purpose serves).
    row_filter: Callable[[Any, Any, Any], Any] | None = None

    def __post_init__(self) -> None:
        for spec in self.fields:
            if spec.drop_invalid and spec.name in self.natural_key:
                raise ValueError(f"{self.name}.{spec.name}: a key value cannot be dropped")

    def field(self, name: str) -> FieldSpec:
        for spec in self.fields:
            if spec.name == name:
                return spec
        raise NotFound(f"dataset {self.name} has no field {name!r}")

    @property
    def field_names(self) -> tuple[str, ...]:
        return tuple(spec.name for spec in self.fields)


@cache
def all_datasets() -> dict[str, DatasetSpec]:
    """Every declared dataset by name (loaded on first use)."""
    from lindung.exchange.linkage_datasets import DATASETS as LINKAGE
    from lindung.exchange.partner_datasets import DATASETS as PARTNER
    from lindung.exchange.registry_datasets import DATASETS as REGISTRY
    from lindung.exchange.signal_datasets import DATASETS as SIGNALS

    specs = [*REGISTRY, *PARTNER, *LINKAGE, *SIGNALS]
    return {spec.name: spec for spec in specs}


def get_dataset(name: str) -> DatasetSpec:
    try:
        return all_datasets()[name]
    except KeyError:
        raise NotFound(f"no dataset named {name!r}") from None
