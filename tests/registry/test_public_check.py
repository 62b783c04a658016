"""What the public check reads from the rule files, and its answers on both databases."""

from __future__ import annotations

from datetime import date

import pytest

from lindung.registry.public import check_agency, check_job_order
from lindung.registry.rule_data import cost_rule, destination_closure, minimum_age
from lindung.store.database import Database
from support.oversight import TODAY, agency, approved_order

ON = date(2026, 6, 1)


@pytest.mark.parametrize(
    ("country", "job", "employer", "city", "closed"),
    [
        ("SA", "housekeeper", "company", "Riyadh", False),  # SPSK exception
        ("SA", "housekeeper", "household", "Riyadh", True),
        ("SA", "housekeeper", "company", "Tabuk", True),  # not an SPSK city
        ("SA", "domestic_worker", "company", "Jeddah", True),  # not an SPSK job
        ("AE", "domestic_worker", "household", None, True),
        ("AE", "domestic_worker", "company", None, False),
        ("HK", "domestic_worker", "household", None, False),
        ("QA", "factory_operator", "household", None, False),
    ],
)
def test_closed_destinations_follow_the_rule_file(
    country: str, job: str, employer: str, city: str | None, closed: bool
) -> None:
    closure = destination_closure(country, job, employer, city, ON)
    assert (closure is not None) == closed
    if closure is not None:
        assert "Kepmenaker 260/2015" in closure.legal_basis
    assert destination_closure(country, job, employer, city, date(2015, 6, 30)) is None


def test_zero_cost_jobs_and_the_minimum_age_come_from_the_rules() -> None:
    maid = cost_rule("domestic_worker", ON)
    assert maid.zero_cost
    assert "agency_fee" in maid.exempt_items
    assert not cost_rule("factory_operator", ON).zero_cost
    assert not cost_rule("domestic_worker", date(2021, 7, 14)).zero_cost  # before 15 July 2021
    assert minimum_age("domestic_worker", "HK", "household", ON) == 18
    assert minimum_age("domestic_worker", "HK", "household", date(2010, 1, 1)) == 21  # UU 39/2004


def test_answers_for_a_real_and_a_fake_agency_and_job(db: Database) -> None:
    with db.session() as s:
        owner = agency(s, name="PT Amanah Migran")
        order = approved_order(s, owner.id, code="JO-TW-0042")
    with db.session() as s:
        (found,) = check_agency(s, owner.licence_no, TODAY)
        assert (found.status, found.licensed, found.head_office) == (
            "active",
            True,
            "Kabupaten Jember",
        )
        assert check_agency(s, "KEP.1/PALSU/2020", TODAY) == []
        answer = check_job_order(s, "jo-tw-0042", TODAY)
        assert answer is not None
        assert (answer.legal, answer.fees_allowed, answer.country_id) == (True, True, "Taiwan")
        expired = check_job_order(s, order.code, date(2027, 6, 1))
        assert expired is not None
        assert not expired.legal
        assert ("job order tidak berlaku hari ini", "the job order is not valid today") in (
            expired.problems
        )
        assert check_job_order(s, "JO-NOPE-0000", TODAY) is None
