"""The SQL of each named check (declared in :mod:`lindung.domain.policy.checks`).

Every check is one set-based query over the relations of
:mod:`lindung.policy.relations` and ``s(placement_id, eval_on)``: the placements
the rule applies to, each with its evaluation date (a placement may come with
several dates: a rule gating several stages is judged on each stage's date, so the
checks group by placement *and* date). It returns one row per
breach: ``placement_id`` and ``evidence`` (a struct: which document, which date,
which amount). Parameters come from the rule file: scalars and lists as named
query parameters, tables of rows (overrides, exceptions, ceilings) as Arrow
tables registered under the name the query uses.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pyarrow as pa

from lindung.domain.policy import Rule


@dataclass(frozen=True)
class CheckQuery:
    """A check's SQL for one rule, with its parameters and parameter tables."""

    sql: str
    params: dict[str, Any] = field(default_factory=dict)
    tables: dict[str, pa.Table] = field(default_factory=dict)


_STRS = pa.list_(pa.string())

#: Placement with its job order and employer: the join most checks start from.
_PLACEMENT = """
    FROM s
    JOIN placements p ON p.id = s.placement_id
    JOIN job_orders j ON j.id = p.job_order_id
"""


def _rows(rule: Rule, name: str, schema: pa.Schema, lower: tuple[str, ...] = ()) -> pa.Table:
    rows = [dict(row) for row in rule.params.get(name, [])]
    for row in rows:
        for column in schema.names:
            if schema.field(column).type == _STRS:
                row[column] = [v.lower() if column in lower else v for v in row.get(column, [])]
            else:
                row.setdefault(column, None)
    return pa.Table.from_pylist(rows, schema=schema)


def minimum_age(rule: Rule) -> CheckQuery:
    schema = pa.schema(
        [
            ("years", pa.int64()),
            ("job_types", _STRS),
            ("countries", _STRS),
            ("employer_kinds", _STRS),
        ]
    )
    sql = f"""
    WITH base AS (
        SELECT s.placement_id, s.eval_on, w.birth_date, j.job_type, j.country_code,
            e.kind AS employer_kind
        {_PLACEMENT}
        JOIN workers w ON w.id = p.worker_id
        LEFT JOIN employers e ON e.id = j.employer_id
    ), raised AS (
        SELECT b.placement_id, max(o.years) AS years
        FROM base b JOIN age_overrides o
          ON (len(o.job_types) = 0 OR list_contains(o.job_types, b.job_type))
         AND (len(o.countries) = 0 OR list_contains(o.countries, b.country_code))
         AND (len(o.employer_kinds) = 0 OR list_contains(o.employer_kinds, b.employer_kind))
        GROUP BY b.placement_id
    ), aged AS (
        SELECT b.placement_id, b.eval_on,
            year(b.eval_on) - year(b.birth_date)
                - CASE WHEN month(b.eval_on) * 100 + day(b.eval_on)
                          < month(b.birth_date) * 100 + day(b.birth_date)
                       THEN 1 ELSE 0 END AS age,
            greatest($default_years, coalesce(r.years, 0)) AS minimum
        FROM base b LEFT JOIN raised r ON r.placement_id = b.placement_id
    )
    SELECT placement_id, {{'age': age, 'minimum': minimum, 'on': eval_on}} AS evidence
    FROM aged WHERE age < minimum
    """  # noqa: S608 (fixed SQL fragments; values are bound parameters)
    return CheckQuery(
        sql,
        {"default_years": rule.params["default_years"]},
        {"age_overrides": _rows(rule, "overrides", schema)},
    )


def documents_valid(rule: Rule) -> CheckQuery:
    sql = """
    WITH need AS (
        SELECT s.placement_id, s.eval_on, k.kind
        FROM s CROSS JOIN (SELECT unnest($kinds::VARCHAR[]) AS kind) k
    ), best AS (
        SELECT d.placement_id, s.eval_on, d.kind, arg_max(
            {'number': d.number, 'subtype': d.subtype, 'issued_on': d.issued_on,
             'expires_on': d.expires_on},
            {'valid': d.issued_on <= s.eval_on
                      AND (d.expires_on IS NULL OR d.expires_on >= s.eval_on)
                      AND (d.kind <> $visa_kind
                           OR coalesce(list_contains($work_visa_subtypes::VARCHAR[], d.subtype),
                                       false)),
             'issued_on': d.issued_on, 'id': d.id}) AS doc
        FROM placement_documents d JOIN s ON s.placement_id = d.placement_id
        WHERE list_contains($kinds::VARCHAR[], d.kind)
        GROUP BY d.placement_id, s.eval_on, d.kind
    ), judged AS (
        SELECT n.placement_id, n.eval_on, n.kind, b.doc.number AS number,
            b.doc.subtype AS subtype, b.doc.issued_on AS issued_on,
            b.doc.expires_on AS expires_on, CASE
                WHEN b.doc IS NULL THEN 'missing'
                WHEN b.doc.issued_on > n.eval_on THEN 'not_yet_issued'
                WHEN b.doc.expires_on < n.eval_on THEN 'expired'
                WHEN n.kind = $visa_kind AND NOT coalesce(
                    list_contains($work_visa_subtypes::VARCHAR[], b.doc.subtype), false)
                    THEN 'not_work_visa'
            END AS problem
        FROM need n LEFT JOIN best b ON b.placement_id = n.placement_id
            AND b.eval_on = n.eval_on AND b.kind = n.kind
    )
    SELECT placement_id, {'kind': kind, 'problem': problem, 'number': number,
        'subtype': subtype, 'issued_on': issued_on, 'expires_on': expires_on,
        'on': eval_on} AS evidence
    FROM judged WHERE problem IS NOT NULL
    """
    params = {
        "kinds": list(rule.params["kinds"]),
        "visa_kind": rule.params.get("visa_kind", ""),
        "work_visa_subtypes": list(rule.params.get("work_visa_subtypes", [])),
    }
    return CheckQuery(sql, params)


def agency_licence(rule: Rule) -> CheckQuery:
    sql = f"""
    WITH events AS (
        SELECT agency_id, effective_on, arg_max(status, id) AS status
        FROM agency_licence_events GROUP BY agency_id, effective_on
    ), firsts AS (
        SELECT agency_id, min(effective_on) AS first_on FROM events GROUP BY agency_id
    ), base AS (
        SELECT s.placement_id, s.eval_on, a.id AS agency_id, a.licence_no,
            a.licence_valid_from, a.licence_valid_to, a.licence_status, f.first_on
        {_PLACEMENT}
        JOIN agencies a ON a.id = j.agency_id
        LEFT JOIN firsts f ON f.agency_id = a.id
    ), dated AS (
        SELECT b.*, ev.status AS event_status
        FROM base b ASOF LEFT JOIN events ev
            ON ev.agency_id = b.agency_id AND ev.effective_on <= b.eval_on
    ), judged AS (
        SELECT *, CASE
            WHEN eval_on < licence_valid_from THEN 'not_licensed'
            WHEN first_on IS NULL THEN licence_status
            WHEN event_status IS NULL THEN 'not_licensed'
            ELSE event_status
        END AS raw_status
        FROM dated
    ), final AS (
        SELECT *, CASE WHEN raw_status = 'active' AND eval_on > licence_valid_to
                       THEN 'expired' ELSE raw_status END AS status
        FROM judged
    )
    SELECT placement_id, {{'licence_no': licence_no, 'status': status, 'on': eval_on,
        'agency_id': agency_id, 'valid_to': licence_valid_to}} AS evidence
    FROM final WHERE NOT list_contains($allowed::VARCHAR[], status)
    """  # noqa: S608 (fixed SQL fragments; values are bound parameters)
    return CheckQuery(sql, {"allowed": list(rule.params["allowed_statuses"])})


def job_order_valid(rule: Rule) -> CheckQuery:
    sql = f"""
    WITH judged AS (
        SELECT s.placement_id, s.eval_on, j.code, j.approval_status, j.approved_on,
            j.valid_from, j.valid_to, CASE
                WHEN NOT coalesce(list_contains($approved::VARCHAR[], j.approval_status), false)
                     OR j.approved_on > s.eval_on THEN 'not_approved'
                WHEN s.eval_on < j.valid_from THEN 'not_yet_valid'
                WHEN s.eval_on > j.valid_to THEN 'expired'
            END AS problem
        {_PLACEMENT}
    )
    SELECT placement_id, {{'code': code, 'problem': problem,
        'approval_status': approval_status, 'valid_from': valid_from, 'valid_to': valid_to,
        'on': eval_on}} AS evidence
    FROM judged WHERE problem IS NOT NULL
    """  # noqa: S608 (fixed SQL fragments; values are bound parameters)
    return CheckQuery(sql, {"approved": list(rule.params["approved_statuses"])})


def job_order_quota(rule: Rule) -> CheckQuery:
    sql = f"""
    WITH ranked AS (
        SELECT id, job_order_id, row_number() OVER (
            PARTITION BY job_order_id ORDER BY registered_on, id) AS rank
        FROM placements WHERE NOT list_contains($uncounted::VARCHAR[], status)
    )
    SELECT s.placement_id, {{'code': j.code, 'rank': r.rank, 'quota': j.quota,
        'on': s.eval_on}} AS evidence
    {_PLACEMENT}
    JOIN ranked r ON r.id = p.id
    WHERE r.rank > j.quota
    """  # noqa: S608 (fixed SQL fragments; values are bound parameters)
    return CheckQuery(sql, {"uncounted": list(rule.params["uncounted_statuses"])})


def closed_destination(rule: Rule) -> CheckQuery:
    schema = pa.schema(
        [
            ("country", pa.string()),
            ("job_types", _STRS),
            ("employer_kinds", _STRS),
            ("cities", _STRS),
            ("from", pa.date32()),
            ("to", pa.date32()),
            ("basis", pa.string()),
        ]
    )
    in_force = 'x."from" <= s.eval_on AND (x."to" IS NULL OR x."to" >= s.eval_on)'
    sql = f"""
    SELECT s.placement_id, {{'country': j.country_code, 'job_type': j.job_type,
        'employer_kind': e.kind, 'city': coalesce(j.city, e.city), 'code': j.code,
        'on': s.eval_on}} AS evidence
    {_PLACEMENT}
    JOIN employers e ON e.id = j.employer_id
    WHERE list_contains($countries::VARCHAR[], j.country_code)
      AND list_contains($job_types::VARCHAR[], j.job_type)
      AND CASE
        WHEN EXISTS (SELECT 1 FROM closed_exceptions x
                     WHERE x.country = j.country_code AND {in_force})
        THEN NOT EXISTS (
            SELECT 1 FROM closed_exceptions x
            WHERE x.country = j.country_code AND {in_force}
              AND list_contains(x.job_types, j.job_type)
              AND list_contains(x.employer_kinds, e.kind)
              AND list_contains(x.cities, lower(coalesce(j.city, e.city))))
        ELSE list_contains($employer_kinds::VARCHAR[], e.kind)
      END
    """  # noqa: S608 (fixed SQL fragments; values are bound parameters)
    params = {name: list(rule.params[name]) for name in ("countries", "job_types")}
    params["employer_kinds"] = list(rule.params["employer_kinds"])
    tables = {"closed_exceptions": _rows(rule, "exceptions", schema, lower=("cities",))}
    return CheckQuery(sql, params, tables)


def exempt_costs(rule: Rule) -> CheckQuery:
    sql = f"""
    SELECT s.placement_id, {{'item': c.item, 'amount': c.amount, 'currency': c.currency,
        'job_type': j.job_type, 'code': j.code, 'on': s.eval_on}} AS evidence
    {_PLACEMENT}
    JOIN job_order_costs c ON c.job_order_id = j.id
    WHERE list_contains($job_types::VARCHAR[], j.job_type)
      AND list_contains($items::VARCHAR[], c.item)
      AND list_contains($charged_to::VARCHAR[], c.charged_to)
      AND c.amount > 0
    """
    params = {name: list(rule.params[name]) for name in ("job_types", "items", "charged_to")}
    return CheckQuery(sql, params)


def cost_ceiling(rule: Rule) -> CheckQuery:
    schema = pa.schema(
        [
            ("country", pa.string()),
            ("currency", pa.string()),
            ("max_total", pa.float64()),
            ("from", pa.date32()),
            ("to", pa.date32()),
            ("note", pa.string()),
        ]
    )
    sql = f"""
    WITH totals AS (
        SELECT c.job_order_id, c.currency, sum(c.amount) AS total
        FROM job_order_costs c
        WHERE list_contains($charged_to::VARCHAR[], c.charged_to)
        GROUP BY c.job_order_id, c.currency
    )
    SELECT s.placement_id, {{'country': j.country_code, 'total': t.total,
        'currency': t.currency, 'ceiling': x.max_total, 'code': j.code,
        'on': s.eval_on}} AS evidence
    {_PLACEMENT}
    JOIN totals t ON t.job_order_id = j.id
    JOIN cost_ceilings x ON x.country = j.country_code AND x.currency = t.currency
        AND x."from" <= s.eval_on AND (x."to" IS NULL OR x."to" >= s.eval_on)
    WHERE NOT list_contains($exempt::VARCHAR[], j.job_type) AND t.total > x.max_total
    """  # noqa: S608 (fixed SQL fragments; values are bound parameters)
    params = {
        "charged_to": list(rule.params["charged_to"]),
        "exempt": list(rule.params["exempt_job_types"]),
    }
    return CheckQuery(sql, params, {"cost_ceilings": _rows(rule, "ceilings", schema)})


def health_certificate(rule: Rule) -> CheckQuery:
    sql = """
    WITH latest AS (
        SELECT s.placement_id, s.eval_on, h.kind, arg_max(
            {'result': h.result, 'examined_on': h.examined_on, 'valid_until': h.valid_until,
             'certificate_no': h.certificate_no},
            {'examined_on': h.examined_on, 'id': h.id}) AS hc
        FROM s JOIN placements p ON p.id = s.placement_id
        JOIN health_checks h ON h.worker_id = p.worker_id AND h.examined_on <= s.eval_on
        WHERE list_contains($kinds::VARCHAR[], h.kind)
        GROUP BY s.placement_id, s.eval_on, h.kind
    ), judged AS (
        SELECT n.placement_id, n.eval_on, n.kind, l.hc.result AS result,
            l.hc.examined_on AS examined_on, l.hc.valid_until AS valid_until,
            l.hc.certificate_no AS certificate_no, CASE
                WHEN l.hc IS NULL THEN 'missing'
                WHEN NOT list_contains($fit::VARCHAR[], l.hc.result) THEN 'unfit'
                WHEN l.hc.valid_until < n.eval_on THEN 'expired'
            END AS problem
        FROM (SELECT s.placement_id, s.eval_on, k.kind
              FROM s CROSS JOIN (SELECT unnest($kinds::VARCHAR[]) AS kind) k) n
        LEFT JOIN latest l ON l.placement_id = n.placement_id AND l.eval_on = n.eval_on
            AND l.kind = n.kind
    )
    SELECT placement_id, {'kind': kind, 'problem': problem, 'certificate_no': certificate_no,
        'examined_on': examined_on, 'valid_until': valid_until, 'result': result,
        'on': eval_on} AS evidence
    FROM judged WHERE problem IS NOT NULL
    """
    params = {"kinds": list(rule.params["kinds"]), "fit": list(rule.params["fit_results"])}
    return CheckQuery(sql, params)


def competence_certificate(_rule: Rule) -> CheckQuery:
    sql = f"""
    WITH need AS (
        SELECT s.placement_id, s.eval_on, p.worker_id, j.skill_scheme AS scheme
        {_PLACEMENT}
        WHERE j.skill_scheme IS NOT NULL
    ), held AS (
        SELECT n.placement_id, n.eval_on, max(c.valid_until) AS latest_valid_until,
            count(c.id) FILTER (WHERE c.issued_on <= n.eval_on
                AND (c.valid_until IS NULL OR c.valid_until >= n.eval_on)) AS valid_count,
            arg_max(c.number, c.issued_on) AS latest_number
        FROM need n
        LEFT JOIN competence_certificates c ON c.worker_id = n.worker_id
            AND c.scheme = n.scheme
        GROUP BY n.placement_id, n.eval_on
    )
    SELECT n.placement_id, {{'scheme': n.scheme, 'latest_number': h.latest_number,
        'latest_valid_until': h.latest_valid_until, 'on': n.eval_on}} AS evidence
    FROM need n JOIN held h ON h.placement_id = n.placement_id AND h.eval_on = n.eval_on
    WHERE h.valid_count = 0
    """  # noqa: S608 (fixed SQL fragments; values are bound parameters)
    return CheckQuery(sql)


def social_security(rule: Rule) -> CheckQuery:
    sql = """
    WITH held AS (
        SELECT s.placement_id, s.eval_on,
            count(m.id) FILTER (WHERE m.valid_from <= s.eval_on
                AND (m.valid_to IS NULL OR m.valid_to >= s.eval_on)) AS valid_count,
            arg_max(m.membership_no, m.valid_from) AS latest_number,
            max(m.valid_to) AS latest_valid_to
        FROM s JOIN placements p ON p.id = s.placement_id
        LEFT JOIN social_security_memberships m ON m.worker_id = p.worker_id
            AND list_contains($programmes::VARCHAR[], m.programme)
        GROUP BY s.placement_id, s.eval_on
    )
    SELECT placement_id, {'latest_number': latest_number, 'latest_valid_to': latest_valid_to,
        'on': eval_on} AS evidence
    FROM held WHERE valid_count = 0
    """
    return CheckQuery(sql, {"programmes": list(rule.params["programmes"])})


#: The SQL builder of every named check.
SQL: dict[str, Callable[[Rule], CheckQuery]] = {
    "minimum_age": minimum_age,
    "documents_valid": documents_valid,
    "agency_licence": agency_licence,
    "job_order_valid": job_order_valid,
    "job_order_quota": job_order_quota,
    "closed_destination": closed_destination,
    "exempt_costs": exempt_costs,
    "cost_ceiling": cost_ceiling,
    "health_certificate": health_certificate,
    "competence_certificate": competence_certificate,
    "social_security": social_security,
}


def build(rule: Rule) -> CheckQuery:
    """The query of ``rule``'s check with its parameters."""
    return SQL[rule.check](rule)


__all__ = ["SQL", "CheckQuery", "build"]
