"""Placements that pass or break each rule on :data:`support.placements.ON`, with the
rule ids each must be found breaking (nothing else)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from support.placements import ON, PASAL_13, Built, Placements

DEPARTED = date(2025, 5, 20)
WITHOUT_VISA = tuple(kind for kind in PASAL_13 if kind != "work_visa")
WITHOUT_PASSPORT = tuple(kind for kind in PASAL_13 if kind != "passport")


@dataclass(frozen=True)
class Scenario:
    name: str
    build: Callable[[Placements], Built]
    expected: frozenset[str]


def _departed(b: Placements, **kwargs: object) -> Built:
    return b.placement(status="departed", departed_on=DEPARTED, **kwargs)  # type: ignore[arg-type]


def _visa(subtype: str, status: str) -> Callable[[Placements], Built]:
    def build(b: Placements) -> Built:
        built = b.placement(status=status, documents=WITHOUT_VISA, departed_on=None)
        b.document(built.placement_id, "work_visa", subtype=subtype)
        return built

    return build


def _passport_expired(b: Placements) -> Built:
    built = _departed(b, documents=WITHOUT_PASSPORT)
    b.document(built.placement_id, "passport", expires_on=date(2025, 5, 1))
    return built


def _passport_renewed(b: Placements) -> Built:
    built = _departed(b, documents=WITHOUT_PASSPORT)
    b.document(
        built.placement_id, "passport", issued_on=date(2015, 1, 1), expires_on=date(2020, 1, 1)
    )
    b.document(built.placement_id, "passport", issued_on=date(2025, 2, 1))
    return built


def _health(
    kind: str, result: str = "fit", valid_until: date = date(2026, 3, 1)
) -> Callable[[Placements], Built]:
    def build(b: Placements) -> Built:
        built = _departed(b, health=False)
        other = "psychological" if kind == "medical" else "medical"
        b.health_check(built.worker_id, other)
        if result:
            b.health_check(built.worker_id, kind, result=result, valid_until=valid_until)
        return built

    return build


def _wrong_scheme(b: Placements) -> Built:
    built = b.placement(status="trained", competence=False)
    b.certificate(built.worker_id, "PLRT")
    return built


def _expired_certificate(b: Placements) -> Built:
    built = b.placement(status="trained", competence=False)
    b.certificate(built.worker_id, "OPM", valid_until=date(2025, 5, 1))
    return built


def _membership_ended(b: Placements) -> Built:
    built = b.placement(social_security=False)
    b.membership(built.worker_id, valid_to=date(2025, 5, 31))
    return built


def _quota(b: Placements) -> Built:
    order = b.job_order(quota=1)
    b.placement(job_order=order, status="withdrawn", registered_on=date(2025, 1, 2))
    b.placement(job_order=order, status="contracts_signed", registered_on=date(2025, 1, 5))
    return b.placement(job_order=order, status="contracts_signed", registered_on=date(2025, 1, 6))


def _within_quota(b: Placements) -> Built:
    order = b.job_order(quota=2)
    b.placement(job_order=order, status="contracts_signed", registered_on=date(2025, 1, 5))
    return b.placement(job_order=order, status="contracts_signed", registered_on=date(2025, 1, 6))


def _order(status: str = "contracts_signed", **kwargs: object) -> Callable[[Placements], Built]:
    def build(b: Placements) -> Built:
        return b.placement(job_order=b.job_order(**kwargs), status=status)  # type: ignore[arg-type]

    return build


def _agency(**kwargs: object) -> Callable[[Placements], Built]:
    def build(b: Placements) -> Built:
        return b.placement(job_order=b.job_order(agency=b.agency(**kwargs)))  # type: ignore[arg-type]

    return build


def _aged(birth: date, status: str = "contracts_signed") -> Callable[[Placements], Built]:
    def build(b: Placements) -> Built:
        return b.placement(worker=b.worker(birth), status=status)

    return build


SUSPENDED = ((date(2022, 1, 1), "active"), (date(2025, 3, 1), "suspended"))
LATER_SUSPENDED = ((date(2022, 1, 1), "active"), (date(2025, 7, 1), "suspended"))
REINSTATED = (*SUSPENDED, (date(2025, 5, 1), "active"))
SA = {"country": "SA", "city": "Riyadh", "skill_scheme": "PLRT"}
FEE = (("agency_fee", 5_000_000.0, "IDR", "worker"),)


def _scenarios() -> list[Scenario]:
    s = Scenario
    return [
        s("compliant before departure", lambda b: b.placement(), frozenset()),
        s("compliant departed", lambda b: _departed(b), frozenset()),
        s(
            "withdrawn asks nothing",
            lambda b: b.placement(
                status="withdrawn",
                documents=(),
                health=False,
                competence=False,
                social_security=False,
            ),
            frozenset(),
        ),
        s(
            "registered asks nothing yet",
            lambda b: b.placement(
                status="registered",
                documents=(),
                health=False,
                competence=False,
                social_security=False,
            ),
            frozenset(),
        ),
        s("under age", _aged(date(2008, 1, 1)), frozenset({"age.minimum"})),
        s("18 on the day", _aged(date(2007, 6, 1)), frozenset()),
        s("18 the day after", _aged(date(2007, 6, 2)), frozenset({"age.minimum"})),
        s(
            "under age before contracts is not judged yet",
            _aged(date(2008, 1, 1), "trained"),
            frozenset(),
        ),
        s(
            "passport missing",
            lambda b: b.placement(status="documents_complete", documents=WITHOUT_PASSPORT),
            frozenset({"documents.personal"}),
        ),
        s(
            "passport expired at departure",
            _passport_expired,
            frozenset({"documents.personal", "documents.pasal13"}),
        ),
        s("old passport and a new one", _passport_renewed, frozenset()),
        s(
            "agreements missing",
            lambda b: b.placement(status="contracts_signed", documents=PASAL_13[:5]),
            frozenset({"documents.agreements"}),
        ),
        s("tourist visa", _visa("tourist", "visa_issued"), frozenset({"documents.work_visa"})),
        s("umrah visa", _visa("umrah", "visa_issued"), frozenset({"documents.work_visa"})),
        s("work visa", _visa("work", "visa_issued"), frozenset()),
        s("suspended agency", _agency(events=SUSPENDED), frozenset({"agency.licence_active"})),
        s("suspended after the date", _agency(events=LATER_SUSPENDED), frozenset()),
        s("reinstated agency", _agency(events=REINSTATED), frozenset()),
        s(
            "revoked agency",
            _agency(events=((date(2022, 1, 1), "active"), (date(2024, 1, 1), "revoked"))),
            frozenset({"agency.licence_active"}),
        ),
        s(
            "licence expired",
            _agency(valid_to=date(2025, 5, 1)),
            frozenset({"agency.licence_active"}),
        ),
        s("licence without history", _agency(events=(), status="active"), frozenset()),
        s(
            "job order pending",
            _order(approval_status="pending", approved_on=None),
            frozenset({"job_order.valid"}),
        ),
        s("job order expired", _order(valid_to=date(2025, 5, 1)), frozenset({"job_order.valid"})),
        s(
            "job order not yet valid",
            _order(valid_from=date(2025, 7, 1)),
            frozenset({"job_order.valid"}),
        ),
        s("over quota", _quota, frozenset({"job_order.quota"})),
        s("within quota", _within_quota, frozenset()),
        s(
            "housekeeper for a Saudi household",
            _order(job_type="housekeeper", employer_kind="household", **SA),
            frozenset({"destination.kepmenaker_260_2015"}),
        ),
        s(
            "SPSK housekeeper with a syarikah in Riyadh",
            _order(job_type="housekeeper", **SA),
            frozenset(),
        ),
        s(
            "SPSK job outside the SPSK cities",
            _order(job_type="housekeeper", country="SA", city="Tabuk", skill_scheme="PLRT"),
            frozenset({"destination.kepmenaker_260_2015"}),
        ),
        s(
            "Saudi domestic work outside the six SPSK jobs",
            _order(job_type="domestic_worker", **SA),
            frozenset({"destination.kepmenaker_260_2015"}),
        ),
        s(
            "UAE household domestic worker",
            _order(
                job_type="domestic_worker",
                country="AE",
                city="Dubai",
                employer_kind="household",
                skill_scheme="PLRT",
            ),
            frozenset({"destination.kepmenaker_260_2015"}),
        ),
        s(
            "UAE company cleaner",
            _order(job_type="cleaner", country="AE", city="Dubai", skill_scheme="HOS"),
            frozenset(),
        ),
        s(
            "Hong Kong household domestic worker",
            _order(
                job_type="domestic_worker",
                country="HK",
                city="Hong Kong",
                employer_kind="household",
                skill_scheme="PLRT",
            ),
            frozenset(),
        ),
        s(
            "fee on an exempt job",
            _order(
                job_type="domestic_worker",
                employer_kind="household",
                skill_scheme="PLRT",
                costs=FEE,
            ),
            frozenset({"cost.zero_placement_cost"}),
        ),
        s(
            "fee paid by the employer",
            _order(
                job_type="caregiver",
                employer_kind="household",
                skill_scheme="PLN",
                costs=(("agency_fee", 5_000_000.0, "IDR", "employer"),),
            ),
            frozenset(),
        ),
        s(
            "costs over the Taiwan ceiling",
            _order(
                costs=(
                    ("agency_fee", 15_000_000.0, "IDR", "worker"),
                    ("training", 10_000_000.0, "IDR", "worker"),
                )
            ),
            frozenset({"cost.ceiling"}),
        ),
        s(
            "costs under the Taiwan ceiling",
            _order(
                costs=(
                    ("agency_fee", 12_000_000.0, "IDR", "worker"),
                    ("training", 8_000_000.0, "IDR", "worker"),
                )
            ),
            frozenset(),
        ),
        s(
            "psychological check missing",
            _health("psychological", result=""),
            frozenset({"health.certificate"}),
        ),
        s("found unfit", _health("medical", result="unfit"), frozenset({"health.certificate"})),
        s(
            "health certificate expired at departure",
            _health("medical", valid_until=date(2025, 5, 1)),
            frozenset({"health.certificate"}),
        ),
        s(
            "no competence certificate",
            lambda b: b.placement(status="trained", competence=False),
            frozenset({"competence.certificate"}),
        ),
        s("certificate of another scheme", _wrong_scheme, frozenset({"competence.certificate"})),
        s("certificate expired", _expired_certificate, frozenset({"competence.certificate"})),
        s("job without a scheme", _order(status="trained", skill_scheme=None), frozenset()),
        s(
            "no social security",
            lambda b: b.placement(social_security=False),
            frozenset({"social_security.membership"}),
        ),
        s("social security ended", _membership_ended, frozenset({"social_security.membership"})),
    ]


SCENARIOS = _scenarios()
__all__ = ["ON", "SCENARIOS", "Scenario"]
