"""SQL pieces the detectors share (DuckDB, over the snapshot and :func:`inputs.derive`).

Values that come from code (dates, country codes, stages) are rendered as SQL
literals here, never taken from the data, so the detectors' SQL stays a pure
function of their parameters.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from lindung.domain.countries import DESTINATIONS
from lindung.domain.lifecycle import PlacementStatus

#: Stages in which a worker is abroad (domain.lifecycle's "during" phase).
ABROAD_STAGES: tuple[str, ...] = tuple(s.value for s in PlacementStatus if s.is_abroad)


def day(value: date) -> str:
    """A DATE literal."""
    return f"DATE '{value.isoformat()}'"


def texts(values: Iterable[str]) -> str:
    """A parenthesised list of quoted text literals (codes only: no quotes inside)."""
    items = sorted(set(values))
    for item in items:
        if "'" in item:
            raise ValueError("a code literal may not contain a quote")
    return "(" + ", ".join(f"'{item}'" for item in items) + ")" if items else "(NULL)"


def placement_countries() -> str:
    """Countries people are placed in (or sent to irregularly), as a SQL list."""
    return texts(DESTINATIONS)


def stage_on(
    pairs: str, keys: tuple[str, ...], placement: str = "placement_id", on: str = "on_day"
) -> str:
    """SQL adding ``stage`` to each row of ``pairs`` (a CTE or table name with a
    placement id column, a date column and unique ``keys``): the stage the placement
    had reached on that date, from its transition events (the latest on or before the
    date); a placement with no events at all counts at its stored status."""
    k = ", ".join(f"x.{c}" for c in keys)
    joined = " AND ".join(f"st.{c} IS NOT DISTINCT FROM x.{c}" for c in keys)
    return f"""
      SELECT x.*, CASE WHEN e.placement_id IS NULL THEN p.status ELSE st.stage END AS stage
      FROM {pairs} x
      JOIN placements p ON p.id = x.{placement}
      LEFT JOIN (SELECT DISTINCT placement_id FROM stage_changes) e
        ON e.placement_id = x.{placement}
      LEFT JOIN (
        SELECT {k}, arg_max(s.status,
          date_diff('day', DATE '1900-01-01', s.occurred_on) * 10000000000 + s.id) AS stage
        FROM {pairs} x JOIN stage_changes s
          ON s.placement_id = x.{placement} AND s.occurred_on <= x.{on}
        GROUP BY {k}) st ON {joined}"""  # noqa: S608


def region_of_nik(nik: str) -> str:
    """The district (``PP.RR.DD``) a NIK was issued in, NULL when it is not 16 digits."""
    return (
        f"CASE WHEN regexp_full_match(coalesce({nik}, ''), '[0-9]{{16}}') THEN "
        f"substr({nik}, 1, 2) || '.' || substr({nik}, 3, 2) || '.' || substr({nik}, 5, 2) END"
    )


def severity(score: str, high: float, medium: float) -> str:
    return (
        f"CASE WHEN {score} >= {high} THEN 'high' "
        f"WHEN {score} >= {medium} THEN 'medium' ELSE 'low' END"
    )


def reasons(items: Iterable[tuple[str, str, float, str]]) -> tuple[str, str]:
    """(score SQL, reasons JSON SQL) from ``(code, condition, weight, params)`` items:
    the score adds the weights of the reasons that hold (capped at 1); the reasons
    list holds ``{"code", "weight", "params"}`` of each, ``params`` a SQL
    ``json_object`` (or ``'{}'``)."""
    listed = list(items)
    score = " + ".join(
        f"CASE WHEN {cond} THEN {weight} ELSE 0 END" for _, cond, weight, _ in listed
    )
    objects = ", ".join(
        f"CASE WHEN {cond} THEN json_object('code', '{code}', 'weight', {weight}, "
        f"'params', {params}) END"
        for code, cond, weight, params in listed
    )
    return (
        f"round(least(1.0, {score}), 4)",
        f"CAST(to_json(list_filter([{objects}], lambda r: r IS NOT NULL)) AS VARCHAR)",
    )


def round_trips(days: int) -> str:
    """SQL selecting the ids of exit crossings followed, within ``days`` days, by an
    arrival on the same passport from the country of destination (a holiday, a
    pilgrimage or a visit, not a departure for work)."""
    return f"""
      SELECT x.id FROM border_crossings x
      JOIN border_crossings r ON r.passport_number = x.passport_number
       AND r.direction = 'arrival' AND r.origin_country = x.destination_country
       AND r.crossing_date >= x.crossing_date
       AND r.crossing_date <= x.crossing_date + INTERVAL {int(days)} DAY
      WHERE x.direction = 'departure'"""  # noqa: S608
