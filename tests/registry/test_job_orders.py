"""Job orders: validation, costs, approval, and the refusal for barred agencies."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from sqlalchemy import func, select

from lindung.errors import ValidationError
from lindung.registry.job_orders import (
    CostDraft,
    approve_job_order,
    costs_of,
    create_job_order,
    find_by_code,
    reject_job_order,
)
from lindung.registry.sanctions import SanctionDraft, record_sanction
from lindung.store.database import Database
from lindung.store.models import JobOrder, JobOrderCost
from support.oversight import ACTOR, TODAY, agency, employer, job_order_draft


def test_a_job_order_is_opened_pending_with_its_costs(db: Database) -> None:
    with db.session() as s:
        owner = agency(s)
        boss = employer(s)
        draft = job_order_draft(
            owner.id,
            boss.id,
            code=" jo-tw-0001 ",
            costs=(
                CostDraft("air_ticket", "9000", "TWD", "employer"),
                CostDraft("agency_fee", "12000", "twd", "worker"),
            ),
        )
        order = create_job_order(s, ACTOR, draft, today=TODAY)
        order_id = order.id
    with db.session() as s:
        found = find_by_code(s, "JO-TW-0001")
        assert found is not None
        assert found.id == order_id
        assert found.approval_status == "pending"
        assert [(c.item, c.charged_to, c.currency) for c in costs_of(s, order_id)] == [
            ("air_ticket", "employer", "TWD"),
            ("agency_fee", "worker", "TWD"),
        ]
        approved = approve_job_order(s, ACTOR, order_id, on=TODAY)
        assert (approved.approval_status, approved.approved_by) == ("approved", "admin")
        with pytest.raises(ValidationError) as caught:
            reject_job_order(s, ACTOR, order_id)
        assert caught.value.codes == {"job_order.not_pending"}


def test_every_problem_of_a_job_order_is_named_and_nothing_is_written(db: Database) -> None:
    with db.session() as s:
        owner = agency(s)
        household = employer(s, "SA", "household")
        draft = job_order_draft(
            owner.id,
            household.id,
            code="x",
            country_code="ZZ",
            sector="formal",
            job_type="Domestic Worker!",
            position="",
            quota="0",
            salary_amount="-1",
            salary_currency="ABC",
            valid_from=date(2026, 6, 1),
            valid_to=date(2026, 1, 1),
            skill_scheme="p1",
            language="xx",
            costs=(CostDraft("bribe", "abc", "IDR", "family"),),
        )
        with pytest.raises(ValidationError) as caught:
            create_job_order(s, ACTOR, draft, today=TODAY)
    fields = {p.field for p in caught.value.problems}
    assert fields == {
        "code",
        "country_code",
        "job_type",
        "position",
        "quota",
        "salary_amount",
        "salary_currency",
        "valid_to",
        "skill_scheme",
        "language",
        "costs.0.item",
        "costs.0.amount",
        "costs.0.charged_to",
        "sector",
    }
    with db.session() as s:
        assert s.scalar(select(func.count(JobOrder.id))) == 0
        assert s.scalar(select(func.count(JobOrderCost.id))) == 0


def test_a_household_employer_is_informal_and_in_its_own_country(db: Database) -> None:
    with db.session() as s:
        owner = agency(s)
        household = employer(s, "HK", "household")
        draft = job_order_draft(owner.id, household.id, country_code="TW", sector="formal")
        with pytest.raises(ValidationError) as caught:
            create_job_order(s, ACTOR, draft, today=TODAY)
        assert caught.value.codes == {"country.employer_mismatch", "sector.household_formal"}
        ok = replace(draft, country_code="HK", sector="informal", salary_currency="HKD")
        assert create_job_order(s, ACTOR, ok, today=TODAY).sector == "informal"


def test_a_suspended_agency_cannot_open_or_get_a_job_order_approved(db: Database) -> None:
    with db.session() as s:
        owner = agency(s)
        boss = employer(s)
        pending = create_job_order(s, ACTOR, job_order_draft(owner.id, boss.id), today=TODAY)
        record_sanction(
            s,
            ACTOR,
            owner.id,
            SanctionDraft("suspension", date(2026, 5, 30), "fees", effective_to=date(2026, 8, 31)),
            today=TODAY,
        )
        owner_id, boss_id, pending_id = owner.id, boss.id, pending.id
    with db.session() as s:
        with pytest.raises(ValidationError) as caught:
            create_job_order(s, ACTOR, job_order_draft(owner_id, boss_id), today=TODAY)
        (problem,) = caught.value.problems
        assert (problem.field, problem.code) == ("agency_id", "agency.suspended")
        assert "ditangguhkan" in problem.message("id")
        assert "suspended" in problem.message("en")
        with pytest.raises(ValidationError):
            approve_job_order(s, ACTOR, pending_id, on=TODAY)
        # after the suspension ends, the agency may open job orders again
        later = create_job_order(
            s, ACTOR, job_order_draft(owner_id, boss_id), today=date(2026, 9, 1)
        )
        assert later.approval_status == "pending"


def test_a_job_order_code_is_used_once(db: Database) -> None:
    with db.session() as s:
        owner = agency(s)
        boss = employer(s)
        create_job_order(s, ACTOR, job_order_draft(owner.id, boss.id, code="JO-1234"), TODAY)
        with pytest.raises(ValidationError) as caught:
            create_job_order(s, ACTOR, job_order_draft(owner.id, boss.id, code="jo-1234"), TODAY)
        assert caught.value.codes == {"code.duplicate"}
