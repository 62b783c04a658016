"""Agencies, licence history and the sanctions ledger, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import func, select

from lindung.errors import ValidationError
from lindung.registry.agencies import (
    AgencyDraft,
    add_branch,
    agencies_in_region,
    find_by_licence,
    licence_history,
    licence_status_on,
    register_agency,
    search_agencies,
)
from lindung.registry.oversight_vocabulary import Problems, check_licence_no, normalise_licence_no
from lindung.registry.sanctions import SanctionDraft, ledger, record_sanction
from lindung.store.database import Database
from lindung.store.models import Agency, AgencyLicenceEvent, AgencySanction, AuditEntry
from support.oversight import ACTOR, TODAY, agency


def test_registering_an_agency_writes_its_first_licence_event(db: Database) -> None:
    with db.session() as s:
        created = agency(s, licence_no=" kep.7 / men / pptkpkk / iv / 2021 ")
        agency_id = created.id
    with db.session() as s:
        stored = s.get(Agency, agency_id)
        assert stored is not None
        assert stored.licence_no == "KEP.7/MEN/PPTKPKK/IV/2021"
        assert stored.licence_status == "active"
        events = licence_history(s, agency_id)
        assert [(e.status, e.effective_on) for e in events] == [("active", date(2021, 4, 1))]
        assert licence_status_on(s, agency_id, date(2021, 3, 31)) == "expired"
        assert licence_status_on(s, agency_id, date(2028, 4, 1)) == "expired"
        assert find_by_licence(s, "kep.7/men/pptkpkk/iv/2021") is not None


def test_a_bad_agency_is_refused_whole_with_every_field_named(db: Database) -> None:
    draft = AgencyDraft(
        licence_no="ABC",
        name="",
        head_office_region_code="99.99",
        licence_valid_from=date(2025, 1, 1),
        licence_valid_to=date(2024, 1, 1),
        deposit_amount="-5",
    )
    with db.session() as s, pytest.raises(ValidationError) as caught:
        register_agency(s, ACTOR, draft)
    fields = {p.field for p in caught.value.problems}
    assert fields == {
        "licence_no",
        "name",
        "head_office_region_code",
        "licence_valid_to",
        "deposit_amount",
    }
    assert all(p.message_id and p.message_en for p in caught.value.problems)
    with db.session() as s:
        assert s.scalar(select(func.count(Agency.id))) == 0


def test_a_licence_number_is_registered_once(db: Database) -> None:
    with db.session() as s:
        agency(s, licence_no="KEP.1/MEN/2021")
    with db.session() as s, pytest.raises(ValidationError) as caught:
        agency(s, licence_no="kep.1/men/2021")
    assert caught.value.codes == {"licence.duplicate"}


def test_a_suspension_holds_between_its_dates_and_then_the_licence_is_active(
    db: Database,
) -> None:
    with db.session() as s:
        agency_id = agency(s).id
        record_sanction(
            s,
            ACTOR,
            agency_id,
            SanctionDraft(
                "suspension",
                date(2026, 5, 20),
                "illegal fees charged to housekeepers",
                effective_from=date(2026, 5, 25),
                effective_to=date(2026, 8, 24),
                decree_no="KEP.55/2026",
            ),
            today=TODAY,
        )
    with db.session() as s:
        assert licence_status_on(s, agency_id, date(2026, 5, 24)) == "active"
        assert licence_status_on(s, agency_id, date(2026, 5, 25)) == "suspended"
        assert licence_status_on(s, agency_id, date(2026, 8, 24)) == "suspended"
        assert licence_status_on(s, agency_id, date(2026, 8, 25)) == "active"
        assert s.get(Agency, agency_id).licence_status == "suspended"  # type: ignore[union-attr]
        events = licence_history(s, agency_id)
        assert [e.status for e in events] == ["active", "suspended", "active"]
        assert events[1].sanction_id is not None
        assert events[1].decree_no == "KEP.55/2026"
        audit = s.scalars(select(AuditEntry).where(AuditEntry.action == "change")).all()
        assert any(e.details and e.details.get("op") == "sanction" for e in audit)


def test_a_revocation_is_final_even_inside_an_earlier_suspension(db: Database) -> None:
    with db.session() as s:
        agency_id = agency(s).id
        suspension = SanctionDraft(
            "suspension", date(2026, 5, 1), "first", effective_to=date(2026, 7, 31)
        )
        record_sanction(s, ACTOR, agency_id, suspension, today=TODAY)
        record_sanction(
            s, ACTOR, agency_id, SanctionDraft("revocation", date(2026, 6, 15), "repeat"), TODAY
        )
    with db.session() as s:
        assert licence_status_on(s, agency_id, date(2026, 8, 1)) == "revoked"
        assert licence_status_on(s, agency_id, date(2026, 6, 14)) == "suspended"
        with pytest.raises(ValidationError) as caught:
            record_sanction(
                s, ACTOR, agency_id, SanctionDraft("suspension", date(2026, 9, 1), "again"), TODAY
            )
        assert caught.value.codes == {"sanction.already_revoked"}


def test_a_deposit_draw_takes_its_amount_from_the_deposit(db: Database) -> None:
    with db.session() as s:
        agency_id = agency(s, deposit_amount="1000000").id
        record_sanction(
            s,
            ACTOR,
            agency_id,
            SanctionDraft("deposit_draw", date(2026, 5, 2), "unpaid wages", amount="400000"),
            TODAY,
        )
    with db.session() as s:
        assert float(s.get(Agency, agency_id).deposit_amount) == 600000  # type: ignore[arg-type,union-attr]
        assert licence_status_on(s, agency_id, TODAY) == "active"
        with pytest.raises(ValidationError) as caught:
            record_sanction(
                s,
                ACTOR,
                agency_id,
                SanctionDraft("deposit_draw", date(2026, 5, 3), "more", amount="600000.01"),
                TODAY,
            )
        assert caught.value.codes == {"amount.over_deposit"}
        assert [x.kind for x in ledger(s, agency_id)] == ["deposit_draw"]


def test_a_bad_sanction_changes_nothing(db: Database) -> None:
    with db.session() as s:
        agency_id = agency(s).id
    draft = SanctionDraft(
        "closure",
        date(2026, 5, 2),
        " ",
        effective_from=date(2026, 5, 1),
        amount="5",
    )
    with db.session() as s, pytest.raises(ValidationError) as caught:
        record_sanction(s, ACTOR, agency_id, draft, TODAY)
    assert {p.field for p in caught.value.problems} == {
        "kind",
        "reason",
        "effective_from",
        "amount",
    }
    with db.session() as s:
        assert s.scalar(select(func.count(AgencySanction.id))) == 0
        assert s.scalar(select(func.count(AgencyLicenceEvent.id))) == 1


def test_branches_and_search(db: Database) -> None:
    with db.session() as s:
        jember = agency(s, name="PT Jember Sejahtera")
        agency(s, name="PT Lain Sekali", head_office_region_code="31")
        add_branch(s, ACTOR, jember.id, "53.06", date(2024, 1, 1), "Jl. Larantuka 1")
        with pytest.raises(ValidationError):
            add_branch(s, ACTOR, jember.id, "00.00", None)
    with db.session() as s:
        assert [a.name for a in agencies_in_region(s, "53", TODAY)] == ["PT Jember Sejahtera"]
        assert [a.name for a in search_agencies(s, "sejahtera")] == ["PT Jember Sejahtera"]
        assert [a.name for a in search_agencies(s, jember.licence_no.lower())] == [
            "PT Jember Sejahtera"
        ]
        assert search_agencies(s, "%") == []
        assert search_agencies(s, "PT ") == []  # two letters: too short to search by name
        assert [a.name for a in search_agencies(s, "  pt   LAIN ")] == ["PT Lain Sekali"]


@given(st.text(max_size=60))
def test_licence_normalisation_is_idempotent(value: str) -> None:
    once = normalise_licence_no(value)
    assert normalise_licence_no(once) == once
    assert " " not in once


@given(
    st.integers(1, 99999),
    st.sampled_from(["I", "IV", "XII"]),
    st.integers(2000, 2030),
    st.sampled_from(["", " ", "  "]),
)
def test_decree_shaped_licence_numbers_are_accepted(
    number: int, month: str, year: int, space: str
) -> None:
    problems = Problems()
    typed = f"kep.{number}{space}/{space}men/PPTKPKK/{month}/{year}"
    assert check_licence_no(typed, problems) == f"KEP.{number}/MEN/PPTKPKK/{month}/{year}"
    assert not problems
