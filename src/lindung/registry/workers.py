"""Registering a worker and correcting their record.

A worker is a person identified by NIK (UU 18/2017 Pasal 5; the NIK per UU 24/2013
Administrasi Kependudukan). Registration checks every field at once: the NIK's
structure (:func:`lindung.identity.parse_nik`), that no other worker holds it, the
birth date, sex, the origin village (a Kemendagri village code that exists), the
marital status and education from their vocabularies, and the phone number.

A NIK never changes, even when the civil registry later corrects a birth date, so
a NIK whose encoded birth date or sex disagrees with the stated ones is not refused:
the record is stored and the disagreement is returned as a *warning* to review
(DESIGN.md, identity facts). A correction changes named fields (never the NIK),
requires a reason and is audited with the names of the fields it changed; each
changed field's old and new value, who, when and why are kept in
``worker_corrections`` (append-only; read through the gate, masked like the field).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from lindung.errors import NotFound, Problem, ValidationError
from lindung.exchange.guard import store_context
from lindung.exchange.principal import Principal
from lindung.identity import Nik, normalise_phone, parse_nik
from lindung.registry.authority import audit_change, require_region, require_writer
from lindung.registry.checks import Checker, problem
from lindung.registry.vocabulary import codes
from lindung.store.models import Worker, WorkerCorrection

#: Fields of a worker a registration sets and a correction may change (not the NIK).
WORKER_FIELDS = (
    "full_name",
    "sex",
    "birth_date",
    "birth_place",
    "origin_village_code",
    "marital_status",
    "education",
    "phone",
    "address",
    "email",
)
REQUIRED_FIELDS = frozenset({"full_name", "sex", "birth_date", "origin_village_code"})
REQUIRED_FIELDS |= {"marital_status"}
OLDEST_AGE = 100
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")


@dataclass(frozen=True)
class Saved:
    """What a write stored: the new (or changed) row's id, and warnings to review."""

    id: int
    warnings: tuple[Problem, ...] = ()


def register_worker(
    session: Session, principal: Principal, data: Mapping[str, Any], today: date | None = None
) -> Saved:
    """Store a new worker from ``data`` (see the module docstring); one audit entry."""
    require_writer(principal)
    check = Checker(data, today)
    nik = _read_nik(check)
    values = _read_fields(session, check, WORKER_FIELDS)
    if nik is not None and _nik_taken(session, nik.nik):
        check.add(
            "nik",
            "nik.duplicate",
            "NIK ini sudah terdaftar untuk pekerja lain",
            "this NIK is already registered for another worker",
        )
    check.done()
    assert nik is not None
    require_region(session, principal, values["origin_village_code"])
    worker = Worker(nik=nik.nik, **values)
    session.add(worker)
    _flush_unique(session)
    warnings = nik_warnings(nik, worker.birth_date, worker.sex)
    audit_change(
        session,
        principal,
        "worker",
        "register",
        worker.id,
        ["nik", *(name for name, value in values.items() if value is not None)],
        {"warnings": [w.code for w in warnings]},
    )
    return Saved(worker.id, warnings)


def correct_worker(
    session: Session,
    principal: Principal,
    worker_id: int,
    data: Mapping[str, Any],
    today: date | None = None,
) -> Saved:
    """Change the fields named in ``data`` (and a ``reason``) of worker ``worker_id``.

    The NIK cannot be corrected (a new NIK is a new person in the civil registry);
    every other field is checked as at registration. Refused when nothing changes.
    """
    require_writer(principal)
    worker = worker_for_write(session, worker_id)
    require_region(session, principal, worker.origin_village_code)
    check = Checker(data, today)
    if check.raw("nik") not in (None, worker.nik):
        check.add(
            "nik",
            "nik.immutable",
            "NIK tidak dapat dikoreksi; NIK yang berbeda berarti orang yang berbeda",
            "a NIK cannot be corrected; a different NIK is a different person",
        )
    reason = check.text("reason", 400)
    values = _read_fields(session, check, [name for name in WORKER_FIELDS if name in data])
    changed = {name: value for name, value in values.items() if getattr(worker, name) != value}
    if not changed and not check.problems:
        check.add(
            "fields",
            "correction.no_change",
            "tidak ada data yang berubah",
            "nothing was changed",
        )
    check.done()
    if "origin_village_code" in changed:
        require_region(session, principal, changed["origin_village_code"])
    history = [
        WorkerCorrection(
            worker_id=worker.id,
            field=name,
            old_value=_as_text(getattr(worker, name)),
            new_value=_as_text(value),
            corrected_by=principal.name,
            reason=reason or "",
        )
        for name, value in changed.items()
    ]
    for name, value in changed.items():
        setattr(worker, name, value)
    with store_context("registry write"):
        session.add_all(history)
        session.flush()
    warnings = nik_warnings(parse_nik(worker.nik), worker.birth_date, worker.sex)
    audit_change(
        session,
        principal,
        "worker",
        "correct",
        worker.id,
        list(changed),
        {"warnings": [w.code for w in warnings]},
    )
    return Saved(worker.id, warnings)


def _as_text(value: Any) -> str | None:
    """A field's value as the correction history keeps it (dates ISO)."""
    if value is None:
        return None
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def nik_warnings(nik: Nik, birth_date: date, sex: str) -> tuple[Problem, ...]:
    """Where the NIK disagrees with the stated birth date or sex (to review, not refuse).

    The NIK's two-digit year is compared as two digits: its century is a guess.
    """
    warnings = []
    encoded = nik.birth_date
    if (encoded.day, encoded.month, encoded.year % 100) != (
        birth_date.day,
        birth_date.month,
        birth_date.year % 100,
    ):
        warnings.append(
            problem(
                "nik",
                "nik.birth_date_mismatch",
                "tanggal lahir pada NIK berbeda dengan tanggal lahir yang tercatat; periksa "
                "dengan Dukcapil (NIK tidak pernah berubah, data tetap disimpan untuk ditinjau)",
                "the birth date in the NIK differs from the recorded birth date; check with "
                "the civil registry (a NIK never changes; the record is kept for review)",
            )
        )
    if nik.sex != sex:
        warnings.append(
            problem(
                "nik",
                "nik.sex_mismatch",
                "jenis kelamin pada NIK (tanggal lahir +40 untuk perempuan) berbeda dengan yang "
                "tercatat; periksa dengan Dukcapil (data tetap disimpan untuk ditinjau)",
                "the sex in the NIK (birth day +40 for women) differs from the recorded sex; "
                "check with the civil registry (the record is kept for review)",
            )
        )
    return tuple(warnings)


def worker_for_write(session: Session, worker_id: int) -> Worker:
    """The worker a write is about (read by the write path, not an interface)."""
    with store_context("registry write"):
        worker = session.get(Worker, worker_id)
    if worker is None:
        raise NotFound(f"no worker with id {worker_id}")
    return worker


def _read_nik(check: Checker) -> Nik | None:
    value = check.raw("nik")
    if value is None:
        check.add("nik", "required", "wajib diisi", "required")
        return None
    try:
        return parse_nik(str(value), check.today)
    except ValidationError as exc:
        check.extend(exc.problems)
        return None


def _read_fields(session: Session, check: Checker, names: Iterable[str]) -> dict[str, Any]:
    """The checked values of the worker fields ``names``."""
    readers: dict[str, Callable[[bool], Any]] = {
        "full_name": lambda need: check.text("full_name", 160, need),
        "sex": lambda need: _sex(check, need),
        "birth_date": lambda need: _birth_date(check, need),
        "birth_place": lambda need: check.text("birth_place", 80, need),
        "origin_village_code": lambda need: check.region(
            session, "origin_village_code", need, level=4
        ),
        "marital_status": lambda need: check.choice(
            "marital_status", codes("marital_status"), need
        ),
        "education": lambda need: check.choice("education", codes("education"), need),
        "phone": lambda need: _phone(check, need),
        "address": lambda need: check.text("address", 200, need),
        "email": lambda need: _email(check, need),
    }
    return {name: readers[name](name in REQUIRED_FIELDS) for name in names}


def _sex(check: Checker, need: bool) -> str | None:
    value = check.raw("sex")
    if isinstance(value, str) and value.upper() in ("L", "P"):  # laki-laki / perempuan
        value = "M" if value.upper() == "L" else "F"
    if value is None:
        return check.choice("sex", ("M", "F"), need)
    code = str(value).upper()
    if code not in ("M", "F"):
        check.add("sex", "choice.unknown", "harus M/L atau F/P", "must be M or F")
        return None
    return code


def _birth_date(check: Checker, need: bool) -> date | None:
    day = check.day("birth_date", need)
    if day is not None and (check.today.year - day.year) > OLDEST_AGE:
        check.add(
            "birth_date",
            "date.range",
            f"tanggal lahir lebih dari {OLDEST_AGE} tahun yang lalu",
            f"the birth date is more than {OLDEST_AGE} years ago",
        )
        return None
    return day


def _phone(check: Checker, need: bool) -> str | None:
    value = check.raw("phone")
    if value is None:
        return check.text("phone", 20, need)
    try:
        return normalise_phone(str(value))
    except ValidationError as exc:
        check.extend(exc.problems)
        return None


def _email(check: Checker, need: bool) -> str | None:
    value = check.text("email", 120, need)
    if value is not None and not _EMAIL.fullmatch(value):
        check.add("email", "email.format", "alamat surel tidak sah", "not an email address")
        return None
    return value


def _nik_taken(session: Session, nik: str) -> bool:
    with store_context("registry write"):
        return session.scalar(select(Worker.id).where(Worker.nik == nik)) is not None


def _flush_unique(session: Session) -> None:
    """Flush; a NIK registered by a concurrent request is the same duplicate problem."""
    try:
        session.flush()
    except IntegrityError:
        raise ValidationError(
            [
                problem(
                    "nik",
                    "nik.duplicate",
                    "NIK ini sudah terdaftar untuk pekerja lain",
                    "this NIK is already registered for another worker",
                )
            ]
        ) from None
