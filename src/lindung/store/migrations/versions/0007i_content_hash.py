"""imports: content hashes of partner rows recomputed with the cheaper definition

Revision ID: 0007i
Revises: 0007s
Create Date: 2026-11-29 03:45:00

The content hash of a stored partner row (``content_hash``, 32 hex digits) was
BLAKE2b over ``repr`` of the list of the row's values; it is now BLAKE2b over the
values' text joined by NUL plus the mask of None values (see
``lindung.exchange.imports.validate.content_hash``, copied here as it was when this
revision was written). Every stored hash is recomputed, so a re-import of an
unchanged file still finds its rows unchanged. No schema change.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0007i"
down_revision = "0007s"
branch_labels = None
depends_on = None

#: Each partner table's field columns, in the dataset's field order, and its dates.
TABLES: dict[str, tuple[tuple[str, ...], frozenset[str]]] = {
    "border_crossings": (
        (
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
        frozenset({"birth_date", "crossing_date"}),
    ),
    "dpt_ln_entries": (
        (
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
        frozenset({"birth_date"}),
    ),
    "civil_registry_records": (
        (
            "record_id",
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
        frozenset({"birth_date"}),
    ),
    "training_certificates": (
        (
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
        frozenset({"issued_on", "valid_until"}),
    ),
    "consular_registrations": (
        (
            "registration_number",
            "mission",
            "country",
            "nik",
            "passport_number",
            "name",
            "birth_date",
            "sex",
            "employer_name",
            "job_type",
            "address",
            "phone",
            "registered_on",
        ),
        frozenset({"birth_date", "registered_on"}),
    ),
}
BATCH = 10_000


def new_hash(row: Sequence[Any]) -> str:
    """The hash since this revision."""
    texts = ["" if value is None else str(value) for value in row]
    if any("\x00" in text for text in texts):
        spelled = "".join(
            "-" if v is None else f"{len(t)}:{t}" for v, t in zip(row, texts, strict=True)
        )
        data, person = spelled.encode("utf-8"), b"lindung-nul"
    else:
        mask = sum(1 << bit for bit, value in enumerate(row) if value is None)
        data, person = "\x00".join([*texts, str(mask)]).encode("utf-8"), b""
    return hashlib.blake2b(data, digest_size=16, person=person).hexdigest()


def old_hash(row: Sequence[Any]) -> str:
    """The hash before this revision."""
    return hashlib.blake2b(repr(list(row)).encode("utf-8"), digest_size=16).hexdigest()


def _rehash(compute: Callable[[Sequence[Any]], str]) -> None:
    connection = op.get_bind()
    for name, (fields, dates) in TABLES.items():
        columns = [sa.column(f, sa.Date() if f in dates else sa.String()) for f in fields]
        table = sa.table(name, sa.column("id", sa.Integer()), sa.column("content_hash"), *columns)
        change = (
            sa.update(table)
            .where(table.c.id == sa.bindparam("row_id"))
            .values(content_hash=sa.bindparam("new_hash"))
        )
        last = 0
        while True:
            rows = connection.execute(
                sa.select(table.c.id, *columns)
                .where(table.c.id > last)
                .order_by(table.c.id)
                .limit(BATCH)
            ).all()
            if not rows:
                break
            last = rows[-1][0]
            connection.execute(
                change, [{"row_id": row[0], "new_hash": compute(row[1:])} for row in rows]
            )


def upgrade() -> None:
    _rehash(new_hash)


def downgrade() -> None:
    _rehash(old_hash)
