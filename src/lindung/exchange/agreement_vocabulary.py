"""The closed vocabularies of agreements: kinds, fetch modes, frequencies, dataset fields."""

from __future__ import annotations

KINDS = ("mou", "pks")
FETCH_MODES = ("api", "file_push", "file_pull")
FREQUENCIES = ("realtime", "daily", "weekly", "monthly", "quarterly", "on_request")

#: Registry datasets flow out to partners; partner datasets flow in from them.
REGISTRY_FIELDS: dict[str, tuple[str, ...]] = {
    "workers": (
        "id",
        "nik",
        "full_name",
        "sex",
        "birth_date",
        "birth_place",
        "origin_village_code",
        "marital_status",
        "education",
        "phone",
    ),
    "placements": (
        "id",
        "worker_id",
        "worker_nik",
        "origin_village_code",
        "destination_country",
        "job_type",
        "sector",
        "status",
        "registered_on",
        "departed_on",
        "returned_on",
    ),
}
#: Field names of the partner files (as the demo writes them; see docs/demo-data.md).
#: A dataset declared in :mod:`lindung.exchange.datasets` is checked against its
#: declaration instead.
PARTNER_FIELDS: dict[str, tuple[str, ...]] = {
    "border_crossings": (
        "record_id",
        "passport_number",
        "name",
        "birth_date",
        "sex",
        "nationality",
        "nik",
        "direction",
        "crossing_date",
        "checkpoint",
        "origin_country",
        "destination_country",
    ),
    "dpt_ln": (
        "record_id",
        "ppln",
        "method",
        "nik",
        "name",
        "birth_place",
        "birth_date",
        "sex",
        "marital_status",
        "address",
    ),
    "civil_registry": (
        "nik",
        "name",
        "birth_place",
        "birth_date",
        "sex",
        "marital_status",
        "family_card_number",
        "family_relationship",
        "village_code",
        "address",
    ),
    "training_certificates": (
        "record_id",
        "certificate_number",
        "scheme_code",
        "scheme",
        "certification_body",
        "training_institution",
        "association",
        "holder_name",
        "holder_nik",
        "issued_on",
        "valid_until",
    ),
    "consular_registrations": (
        "record_id",
        "nik",
        "passport_number",
        "name",
        "birth_date",
        "sex",
        "country",
        "representation",
        "registered_on",
    ),
}


def dataset_fields(dataset: str) -> tuple[str, ...] | None:
    """The field names of ``dataset`` (declared ones win), or None if it is unknown."""
    from lindung.exchange.datasets import all_datasets

    declared = all_datasets().get(dataset)
    if declared is not None:
        return declared.field_names
    return REGISTRY_FIELDS.get(dataset) or PARTNER_FIELDS.get(dataset)
