from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from sqlalchemy import select, update

from lindung.demo.agreements import FOUNDING, seed_founding_agreements
from lindung.errors import ValidationError
from lindung.exchange.agreements import (
    AgreementDraft,
    DatasetTerms,
    create_agreement,
    expire_due,
    list_agreements,
    revise_agreement,
    set_status,
    verify_versions,
    versions_of,
)
from lindung.exchange.audit import Actor, verify
from lindung.exchange.organisations import ensure_organisation
from lindung.exchange.terms import AgreementStatus, Direction, FieldTreatment, find_terms
from lindung.store.database import Database
from lindung.store.models import AgreementDataset, AgreementVersion, AuditEntry, User

ADMIN = Actor("user", "admin")
HASH = "ab" * 32


def draft(**changes: object) -> AgreementDraft:
    base = AgreementDraft(
        number="PKS.99/KP2MI-TEST/XII/2025",
        kind="pks",
        partner="TEST",
        title="Perjanjian uji",
        signed_on=date(2025, 12, 2),
        valid_from=date(2025, 12, 2),
        valid_to=date(2027, 12, 1),
        purposes=("placement_services",),
        lawful_basis="UU 27/2022 Pasal 20 ayat (2) huruf e",
        fetch_mode="api",
        frequency="daily",
        retention_days=365,
        document_sha256=HASH,
        region_codes=("35.09",),
        datasets=(
            DatasetTerms("workers", "to_partner", {"nik": "pseudonym", "full_name": "clear"}),
            DatasetTerms("border_crossings", "from_partner", {"nik": "clear"}),
        ),
    )
    return replace(base, **changes)  # type: ignore[arg-type]


@pytest.fixture
def partner(db: Database) -> None:
    with db.session() as session:
        ensure_organisation(session, "TEST", "Mitra Uji", "agency")
        ensure_organisation(session, "OTHER", "Mitra Lain", "agency")


def test_create_stores_terms_and_audits(db: Database, partner: None) -> None:
    with db.session() as session:
        terms = create_agreement(session, ADMIN, draft())
        assert terms.number == "PKS.99/KP2MI-TEST/XII/2025"
        assert terms.version.version_no == 1
        assert terms.version.previous_hash is None
        assert len(terms.version.hash) == 64
        assert terms.fields("workers", Direction.TO_PARTNER) == {
            "nik": FieldTreatment.PSEUDONYM,
            "full_name": FieldTreatment.CLEAR,
        }
        assert terms.status_on(date(2026, 1, 1)) is AgreementStatus.DRAFT
    with db.session() as session:
        entry = session.scalars(select(AuditEntry)).one()
        assert entry.action == "change"
        assert entry.agreement_number == "PKS.99/KP2MI-TEST/XII/2025"
        assert entry.details["op"] == "create"
        assert verify(session).ok


def test_validation_reports_every_problem(db: Database, partner: None) -> None:
    with db.session() as session:
        create_agreement(session, ADMIN, draft(kind="mou", number="MoU.01/OTHER", partner="OTHER"))
    bad = draft(
        number="",
        kind="nda",
        partner="NOBODY",
        title=" ",
        signed_on=date(2026, 1, 1),
        valid_from=date(2025, 12, 1),
        valid_to=date(2025, 1, 1),
        purposes=("gossip",),
        lawful_basis="",
        region_codes=("99.99",),
        fetch_mode="fax",
        frequency="sometimes",
        retention_days=0,
        document_sha256="not-a-hash",
        datasets=(
            DatasetTerms("workers", "from_partner", {"shoe_size": "clear"}),
            DatasetTerms("horoscopes", "to_partner", {"sign": "clear"}),
            DatasetTerms("placements", "to_partner", {"destination_country": "blurred"}),
        ),
    )
    with db.session() as session, pytest.raises(ValidationError) as caught:
        create_agreement(session, ADMIN, bad)
    fields = {p.field for p in caught.value.problems}
    assert fields >= {
        "number",
        "kind",
        "partner",
        "title",
        "valid_from",
        "valid_to",
        "purposes",
        "lawful_basis",
        "region_codes",
        "fetch_mode",
        "frequency",
        "retention_days",
        "document_sha256",
        "datasets.workers",
        "datasets.horoscopes",
        "datasets.placements",
    }
    assert all(p.message_id and p.message_en for p in caught.value.problems)
    assert {"agreement.direction", "agreement.field_unknown"} <= caught.value.codes


def test_number_unique_and_pks_implements_an_mou_of_the_same_partner(
    db: Database, partner: None
) -> None:
    with db.session() as session:
        create_agreement(session, ADMIN, draft(kind="mou", number="MoU.01/OTHER", partner="OTHER"))
        create_agreement(session, ADMIN, draft(kind="mou", number="MoU.02/TEST"))
        create_agreement(session, ADMIN, draft(implements="MoU.02/TEST"))
    with db.session() as session, pytest.raises(ValidationError) as caught:
        create_agreement(session, ADMIN, draft(number="PKS.99/KP2MI-TEST/XII/2025"))
    assert caught.value.codes == {"agreement.number_taken"}
    with db.session() as session, pytest.raises(ValidationError) as caught:
        create_agreement(session, ADMIN, draft(number="PKS.2", implements="MoU.01/OTHER"))
    assert caught.value.codes == {"agreement.implements_unknown"}
    with db.session() as session, pytest.raises(ValidationError) as caught:
        create_agreement(
            session, ADMIN, draft(number="MoU.3", kind="mou", implements="MoU.02/TEST")
        )
    assert caught.value.codes == {"agreement.implements_mou_only"}


def test_revision_chains_versions_and_detects_tampering(db: Database, partner: None) -> None:
    with db.session() as session:
        first = create_agreement(session, ADMIN, draft()).version.hash
        terms = revise_agreement(
            session, ADMIN, "PKS.99/KP2MI-TEST/XII/2025", {"valid_to": date(2028, 12, 1)}
        )
        assert terms.version.version_no == 2
        assert terms.version.previous_hash == first
        third = revise_agreement(
            session,
            ADMIN,
            "PKS.99/KP2MI-TEST/XII/2025",
            {"datasets": (DatasetTerms("workers", "to_partner", {"full_name": "masked"}),)},
        )
        assert third.fields("workers", Direction.TO_PARTNER) == {"full_name": FieldTreatment.MASKED}
        assert third.fields("border_crossings", Direction.FROM_PARTNER) is None
        versions = versions_of(session, third.agreement.id)
        assert [v.version_no for v in versions] == [1, 2, 3]
        assert versions[0].hash == first  # the old version was not touched
        report = verify_versions(session, "PKS.99/KP2MI-TEST/XII/2025")
        assert report.ok
        assert report.versions == 3
        entry = session.scalars(select(AuditEntry).order_by(AuditEntry.id.desc())).first()
        assert entry is not None
        assert entry.details["changed"] == ["datasets"]
    with db.session() as session:
        session.execute(
            update(AgreementVersion)
            .where(AgreementVersion.version_no == 2)
            .values(retention_days=3650)
        )
    with db.session() as session:
        report = verify_versions(session, "PKS.99/KP2MI-TEST/XII/2025")
        assert not report.ok
        assert report.first_bad_version == 2
        assert report.problem == "terms were changed"


def test_a_tampered_field_treatment_breaks_the_chain(db: Database, partner: None) -> None:
    with db.session() as session:
        create_agreement(session, ADMIN, draft())
    with db.session() as session:
        session.execute(
            update(AgreementDataset)
            .where(AgreementDataset.dataset == "workers")
            .values(fields={"nik": "clear", "full_name": "clear"})
        )
    with db.session() as session:
        report = verify_versions(session, "PKS.99/KP2MI-TEST/XII/2025")
    assert not report.ok
    assert report.first_bad_version == 1


def test_revision_refuses_fixed_terms_and_no_change(db: Database, partner: None) -> None:
    with db.session() as session:
        create_agreement(session, ADMIN, draft())
    with db.session() as session, pytest.raises(ValidationError) as caught:
        revise_agreement(session, ADMIN, "PKS.99/KP2MI-TEST/XII/2025", {"partner": "OTHER"})
    assert caught.value.codes == {"agreement.not_revisable"}
    with db.session() as session, pytest.raises(ValidationError) as caught:
        revise_agreement(session, ADMIN, "PKS.99/KP2MI-TEST/XII/2025", {"retention_days": 365})
    assert caught.value.codes == {"agreement.unchanged"}
    with db.session() as session, pytest.raises(ValidationError) as caught:
        revise_agreement(session, ADMIN, "PKS.99/KP2MI-TEST/XII/2025", {"retention_days": -1})
    assert caught.value.codes == {"agreement.retention_positive"}


def test_status_transitions(db: Database, partner: None) -> None:
    number = "PKS.99/KP2MI-TEST/XII/2025"
    today = date(2026, 6, 1)
    with db.session() as session:
        create_agreement(session, ADMIN, draft())
        with pytest.raises(ValidationError) as caught:
            set_status(session, ADMIN, number, "suspended", "why", today=today)
        assert caught.value.codes == {"agreement.transition"}
        set_status(session, ADMIN, number, "active", "", today=today)
        with pytest.raises(ValidationError) as caught:
            set_status(session, ADMIN, number, "suspended", "  ", today=today)
        assert caught.value.codes == {"agreement.reason_required"}
        terms = set_status(session, ADMIN, number, "suspended", "audit pending", today=today)
        assert terms.agreement.status == "suspended"
        assert terms.agreement.status_reason == "audit pending"
        set_status(session, ADMIN, number, "active", "audit done", today=today)
        with pytest.raises(ValidationError):
            set_status(session, ADMIN, number, "expired", "by hand", today=today)
        set_status(session, ADMIN, number, "terminated", "ended by both parties", today=today)
        with pytest.raises(ValidationError) as caught:
            set_status(session, ADMIN, number, "active", "again", today=today)
        assert caught.value.codes == {"agreement.transition"}
        with pytest.raises(ValidationError) as caught:
            revise_agreement(session, ADMIN, number, {"retention_days": 10})
        assert caught.value.codes == {"agreement.revise_closed"}
        changes = session.scalars(
            select(AuditEntry.details).where(AuditEntry.action == "change")
        ).all()
        assert [c.get("to") for c in changes] == [
            None,
            "active",
            "suspended",
            "active",
            "terminated",
        ]


def test_expiry_is_automatic_and_persisted(db: Database, partner: None) -> None:
    number = "PKS.99/KP2MI-TEST/XII/2025"
    with db.session() as session:
        terms = create_agreement(session, ADMIN, draft(status="active"))
        assert terms.status_on(date(2027, 12, 1)) is AgreementStatus.ACTIVE
        assert terms.status_on(date(2027, 12, 2)) is AgreementStatus.EXPIRED
        assert expire_due(session, date(2027, 12, 1)) == []
        assert expire_due(session, date(2027, 12, 2)) == [number]
        assert expire_due(session, date(2027, 12, 3)) == []
        assert find_terms(session, number).agreement.status == "expired"
        with pytest.raises(ValidationError) as caught:
            set_status(session, ADMIN, number, "suspended", "late", today=date(2028, 1, 1))
        assert caught.value.codes == {"agreement.transition"}


def test_status_change_on_an_ended_agreement_expires_it_first(db: Database, partner: None) -> None:
    number = "PKS.99/KP2MI-TEST/XII/2025"
    with db.session() as session:
        create_agreement(session, ADMIN, draft(status="active"))
        with pytest.raises(ValidationError):
            set_status(session, ADMIN, number, "suspended", "late", today=date(2028, 1, 1))
    with db.session() as session:  # the caller went on and committed: the expiry stays
        assert find_terms(session, number).agreement.status == "expired"
        assert expire_due(session, date(2028, 1, 1)) == []


def test_demo_seeding_is_idempotent(db: Database) -> None:
    created = seed_founding_agreements(db, today=date(2026, 6, 1))
    assert sorted(created) == sorted(f.number for f in FOUNDING)
    assert seed_founding_agreements(db, today=date(2026, 6, 1)) == []
    with db.session() as session:
        agreements = {t.number: t for t in list_agreements(session)}
        assert len(agreements) == len(FOUNDING)
        statuses = [t.agreement.status for t in agreements.values()]
        assert statuses.count("suspended") == 1
        assert statuses.count("expired") == 1
        imigrasi = agreements["PKS.01/KP2MI-IMI/XII/2025"]
        assert imigrasi.partner.code == "IMIGRASI"
        assert imigrasi.fields("border_crossings", Direction.FROM_PARTNER)
        jember = agreements["PKS.13/KP2MI-JEMBER/XII/2025"]
        assert jember.region_codes == ["35.09"]
        assert (
            jember.agreement.implements_id
            == agreements["MoU.12/KP2MI-JEMBER/XII/2025"].agreement.id
        )
        for number in agreements:
            assert verify_versions(session, number).ok
        assert verify(session).ok


def test_demo_seeding_binds_the_partner_user(db: Database) -> None:
    from lindung.demo.logins import create_demo_users

    create_demo_users(db)
    seed_founding_agreements(db, today=date(2026, 6, 1))
    with db.session() as session:
        mitra = session.scalars(select(User).where(User.username == "mitra")).one()
        assert mitra.organisation_id is not None
        terms = [t for t in list_agreements(session) if t.partner.id == mitra.organisation_id]
        assert [t.partner.code for t in terms] == ["IMIGRASI"]
