"""Records that belong to a worker as a person: passport, family, health checks,
competence certificates and social-security membership (UU 18/2017 Pasal 5 and 13).

Each ``add_*`` checks every field at once (dates that cannot be: expiry on or
before issue, an examination in the future; unknown codes), writes one row and one
``change`` audit entry, in the caller's transaction. Nothing is overwritten: a
renewed passport or a new health check is a new row, and the newest valid one is
the one in use.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import replace
from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from lindung.domain.dates import age_on
from lindung.errors import Problem, ValidationError
from lindung.exchange.principal import Principal
from lindung.identity import normalise_passport_number, parse_nik, parse_td3
from lindung.registry.authority import audit_change, require_region, require_writer
from lindung.registry.checks import Checker
from lindung.registry.vocabulary import codes
from lindung.registry.workers import Saved, worker_for_write
from lindung.store.models import (
    Base,
    CompetenceCertificate,
    FamilyMember,
    HealthCheck,
    Passport,
    SocialSecurityMembership,
    Worker,
)

#: A child is a minor under 18 (UU 35/2014 Perlindungan Anak, Pasal 1 angka 1); the
#: worker must say who cares for a minor child while abroad.
ADULT_AGE = 18

Reader = Callable[[Session, Checker, Worker], dict[str, Any]]


def _add(
    session: Session,
    principal: Principal,
    worker_id: int,
    data: Mapping[str, Any],
    model: type[Base],
    read: Reader,
    today: date | None,
) -> Saved:
    """The shared path: authority, region, checks, insert, audit."""
    require_writer(principal)
    worker = worker_for_write(session, worker_id)
    require_region(session, principal, worker.origin_village_code)
    check = Checker(data, today)
    values = read(session, check, worker)
    check.done()
    row = model(worker_id=worker.id, **values)
    session.add(row)
    session.flush()
    table = str(model.__tablename__)
    filled = [name for name, value in values.items() if value is not None]
    audit_change(session, principal, table, "add", worker.id, filled, {"id": row.id})  # type: ignore[attr-defined]
    return Saved(row.id)  # type: ignore[attr-defined]


def add_passport(
    session: Session,
    principal: Principal,
    worker_id: int,
    data: Mapping[str, Any],
    today: date | None = None,
) -> Saved:
    """A passport: number, issue and expiry dates (expiry after issue), office, and the
    MRZ when captured (its check digits verified, and its number and expiry must be
    the ones typed)."""
    return _add(session, principal, worker_id, data, Passport, _passport, today)


def _passport(_session: Session, check: Checker, _worker: Worker) -> dict[str, Any]:
    number = _passport_number(check)
    issued = check.day("issued_on")
    expires = check.day("expires_on", future_ok=True)
    check.order(("issued_on", issued), ("expires_on", expires), strict=True)
    office = check.text("issuing_office", 80, need=False)
    mrz = _mrz(check, number, expires)
    return {
        "number": number,
        "issued_on": issued,
        "expires_on": expires,
        "issuing_office": office,
        "mrz": mrz,
    }


def _passport_number(check: Checker) -> str | None:
    value = check.raw("number")
    if value is None:
        check.add("number", "required", "wajib diisi", "required")
        return None
    try:
        return normalise_passport_number(str(value))
    except ValidationError as exc:
        check.extend(_renamed(exc, "number"))
        return None


def _mrz(check: Checker, number: str | None, expires: date | None) -> str | None:
    value = check.raw("mrz")
    if value is None:
        return None
    lines = [line.strip() for line in str(value).splitlines() if line.strip()]
    try:
        mrz = parse_td3(lines if len(lines) == 2 else "".join(lines), check.today)
    except ValidationError as exc:
        check.extend(_renamed(exc, "mrz"))
        return None
    if number is not None and mrz.passport_number != number:
        check.add(
            "mrz",
            "mrz.number_mismatch",
            "nomor paspor pada MRZ berbeda dengan nomor paspor yang diisi",
            "the passport number in the MRZ differs from the number given",
        )
    if expires is not None and mrz.expiry_date != expires:
        check.add(
            "mrz",
            "mrz.expiry_mismatch",
            "tanggal berlaku pada MRZ berbeda dengan tanggal berlaku yang diisi",
            "the expiry date in the MRZ differs from the expiry date given",
        )
    return "".join(mrz.lines)


def _renamed(exc: ValidationError, field: str) -> list[Problem]:
    """The problems of a primitive (named after its own field) under the form's field."""
    return [replace(p, field=field) for p in exc.problems]


def add_family_member(
    session: Session,
    principal: Principal,
    worker_id: int,
    data: Mapping[str, Any],
    today: date | None = None,
) -> Saved:
    """A spouse or a child; for a child under 18, who cares for them (name and
    relation) while the worker is abroad."""
    return _add(session, principal, worker_id, data, FamilyMember, _family, today)


def _family(session: Session, check: Checker, _worker: Worker) -> dict[str, Any]:
    relation = check.choice("relation", codes("relation"))
    name = check.text("full_name", 160)
    nik = _optional_nik(check)
    sex = check.choice("sex", ("m", "f"), need=False)
    birth = check.day("birth_date", need=relation == "child")
    minor = birth is not None and relation == "child" and age_on(birth, check.today) < ADULT_AGE
    caregiver = check.text("caregiver_name", 160, need=minor)
    caregiver_relation = check.choice("caregiver_relation", codes("caregiver_relation"), need=minor)
    village = check.region(session, "village_code", need=False, level=4)
    return {
        "relation": relation,
        "full_name": name,
        "nik": nik,
        "sex": sex.upper() if sex else None,
        "birth_date": birth,
        "caregiver_name": caregiver,
        "caregiver_relation": caregiver_relation,
        "village_code": village,
    }


def _optional_nik(check: Checker) -> str | None:
    value = check.raw("nik")
    if value is None:
        return None
    try:
        return parse_nik(str(value), check.today).nik
    except ValidationError as exc:
        check.extend(exc.problems)
        return None


def add_health_check(
    session: Session,
    principal: Principal,
    worker_id: int,
    data: Mapping[str, Any],
    today: date | None = None,
) -> Saved:
    """A medical or psychological examination (Pasal 5 huruf c): when, where, the
    result and until when it is valid (after the examination)."""
    return _add(session, principal, worker_id, data, HealthCheck, _health, today)


def _health(_session: Session, check: Checker, _worker: Worker) -> dict[str, Any]:
    kind = check.choice("kind", codes("health_kind"))
    result = check.choice("result", codes("health_result"))
    examined = check.day("examined_on")
    valid_until = check.day("valid_until", future_ok=True)
    check.order(("examined_on", examined), ("valid_until", valid_until), strict=True)
    return {
        "kind": kind,
        "result": result,
        "examined_on": examined,
        "valid_until": valid_until,
        "facility": check.text("facility", 120),
        "certificate_no": check.text("certificate_no", 40, need=False),
    }


def add_competence_certificate(
    session: Session,
    principal: Principal,
    worker_id: int,
    data: Mapping[str, Any],
    today: date | None = None,
) -> Saved:
    """A work competence certificate from a BNSP-licensed body (Pasal 5 huruf b)."""
    return _add(session, principal, worker_id, data, CompetenceCertificate, _certificate, today)


def _certificate(_session: Session, check: Checker, _worker: Worker) -> dict[str, Any]:
    scheme = check.text("scheme", 12)
    issued = check.day("issued_on")
    valid_until = check.day("valid_until", need=False, future_ok=True)
    check.order(("issued_on", issued), ("valid_until", valid_until), strict=True)
    return {
        "scheme": scheme.upper() if scheme else None,
        "certifying_body": check.text("certifying_body", 120),
        "number": check.text("number", 40),
        "issued_on": issued,
        "valid_until": valid_until,
    }


def add_social_security(
    session: Session,
    principal: Principal,
    worker_id: int,
    data: Mapping[str, Any],
    today: date | None = None,
) -> Saved:
    """Membership of BPJS Ketenagakerjaan (Pasal 5 huruf d), from a date."""
    return _add(
        session, principal, worker_id, data, SocialSecurityMembership, _social_security, today
    )


def _social_security(_session: Session, check: Checker, _worker: Worker) -> dict[str, Any]:
    programme = check.choice("programme", codes("social_security_programme"))
    number = check.text("membership_no", 24)
    if number is not None and not number.replace(" ", "").isdigit():
        check.add(
            "membership_no",
            "membership_no.format",
            "nomor kepesertaan hanya berisi angka",
            "a membership number has digits only",
        )
    valid_from = check.day("valid_from")
    valid_to = check.day("valid_to", need=False, future_ok=True)
    check.order(("valid_from", valid_from), ("valid_to", valid_to), strict=True)
    return {
        "programme": programme,
        "membership_no": number.replace(" ", "") if number else None,
        "valid_from": valid_from,
        "valid_to": valid_to,
    }
