"""Declaration of the ``linkage_pairs`` dataset (see lindung.exchange.datasets).

The clerical review pages show the two records of a link side by side. Those are
personal data, so they are read through the access gate like any other dataset:
``linkage_pairs`` is the view of :func:`lindung.linkage.pair_view.pair_view`, one
row per stored link, keyed by the link id. It is for KP2MI's own review
(``oversight``); no agreement carries it, so no partner reads it. ``region_code``
is the registry worker's village of origin (or the civil-registry village): a
regional officer's reads are narrowed to it like the workers dataset.
"""

from __future__ import annotations

from lindung.exchange.datasets import DatasetSpec, FieldSpec
from lindung.linkage.pair_view import SIDES, pair_view

F = FieldSpec

_SIDE_TITLES = {"left": ("kiri", "left"), "right": ("kanan", "right")}


def _side(side: str) -> tuple[FieldSpec, ...]:
    t_id, t_en = _SIDE_TITLES[side]
    return (
        F(f"{side}_source", "text", f"Sumber ({t_id})", f"Source ({t_en})"),
        F(f"{side}_key", "int", f"Kunci rekaman ({t_id})", f"Record key ({t_en})"),
        F(
            f"{side}_full_name",
            "text",
            f"Nama ({t_id})",
            f"Name ({t_en})",
            personal=True,
            mask="name",
        ),
        F(
            f"{side}_birth_date",
            "date",
            f"Tanggal lahir ({t_id})",
            f"Birth date ({t_en})",
            personal=True,
            mask="date",
        ),
        F(f"{side}_sex", "sex", f"Jenis kelamin ({t_id})", f"Sex ({t_en})", personal=True),
        F(f"{side}_nik", "nik", f"NIK ({t_id})", f"NIK ({t_en})", personal=True, mask="nik"),
        F(
            f"{side}_passport_no",
            "passport_number",
            f"Nomor paspor ({t_id})",
            f"Passport number ({t_en})",
            personal=True,
        ),
        F(
            f"{side}_birth_place",
            "text",
            f"Tempat lahir ({t_id})",
            f"Birth place ({t_en})",
            personal=True,
        ),
    )


LINKAGE_PAIRS = DatasetSpec(
    name="linkage_pairs",
    title_id="Pasangan rekaman hasil pencocokan",
    title_en="Record pairs found by linkage",
    fields=(
        F("link_id", "int", "ID pasangan", "Pair id"),
        *(field for side in SIDES for field in _side(side)),
        F("region_code", "region_code", "Kode wilayah", "Region code"),
    ),
    natural_key=("link_id",),
    model=pair_view(),
    region_field="region_code",
    subject_kind="linkage_pair",
    subject_field="link_id",
)

DATASETS: tuple[DatasetSpec, ...] = (LINKAGE_PAIRS,)
