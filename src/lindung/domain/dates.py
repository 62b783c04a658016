"""Dates typed by people (ISO 8601, YYYY-MM-DD, in forms, queries and commands) and
ages in completed years."""

from __future__ import annotations

from datetime import date

from lindung.errors import Problem, ValidationError


def parse_iso_date(value: str, field: str) -> date:
    """The date written ``YYYY-MM-DD``; :class:`ValidationError` naming ``field`` otherwise."""
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise ValidationError(
            [
                Problem(
                    field,
                    "date.format",
                    "tanggal harus berformat YYYY-MM-DD",
                    "the date must be written YYYY-MM-DD",
                )
            ]
        ) from None


def age_on(birth: date, on: date) -> int:
    """Completed years of age on ``on`` of someone born on ``birth``."""
    return on.year - birth.year - int((on.month, on.day) < (birth.month, birth.day))
