"""Audit pages and the audit entries of signing in and out."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from sqlalchemy import select

from lindung.demo.logins import DemoLogin
from lindung.exchange.audit import Actor, AuditEvent, append, verify
from lindung.store.database import Database
from lindung.store.models import AuditEntry
from support.http import TestClient
from support.web import csrf_token, log_in, table_rows

SignIn = Callable[[str], TestClient]


def _reads(db: Database) -> None:
    with db.session() as session:
        for actor, dataset, purpose, decision, worker in (
            ("mitra", "workers", "placement_services", "allowed", "7"),
            ("mitra", "workers", "child_protection", "refused", "7"),
            ("jember", "placements", "regional_protection", "allowed", "8"),
        ):
            append(
                session,
                AuditEvent(
                    actor=Actor("user", actor),
                    action="read" if decision == "allowed" else "refused",
                    dataset=dataset,
                    purpose=purpose,
                    agreement_number="PKS.01/KP2MI-IMI/XII/2025" if actor == "mitra" else None,
                    fields=["full_name"],
                    decision=decision,
                    reason=None if decision == "allowed" else "purpose_not_allowed",
                    row_count=1,
                    details={"role": "partner_user" if actor == "mitra" else "regional_officer"},
                    subjects=[("worker", worker)],
                ),
            )


def test_login_failure_and_logout_are_audited(
    client: TestClient, demo_users: dict[str, DemoLogin], db: Database
) -> None:
    admin = demo_users["admin"]
    assert log_in(client, "Siti Rahayu", "wrong-password").status_code == 200
    assert log_in(client, admin.username, admin.password).status_code == 303
    token = csrf_token(client, "/")
    assert client.post("/logout", data={"csrf_token": token}).status_code == 200
    with db.session() as session:
        entries = session.scalars(select(AuditEntry).order_by(AuditEntry.id)).all()
        summary = [(e.actor, e.action, e.decision) for e in entries]
        assert summary == [
            ("anonymous", "login", "refused"),
            ("admin", "login", "allowed"),
            ("admin", "logout", None),
        ]
        assert "Siti" not in str([(e.details, e.reason, e.actor) for e in entries])
        assert "wrong-password" not in str([e.details for e in entries])
        assert entries[1].details == {"role": "national_admin"}
        assert verify(session).ok


def test_audit_page_filters_and_paginates(signed_in: SignIn, db: Database) -> None:
    client = signed_in("analis")  # one login entry
    _reads(db)
    page = client.get("/audit")
    assert page.status_code == 200
    assert len(table_rows(page.text, "audit-table")) == 4
    refused = table_rows(client.get("/audit?decision=refused").text, "audit-table")
    assert len(refused) == 1
    assert "purpose_not_allowed" in refused[0][6]
    by_actor = table_rows(client.get("/audit?actor=jember&dataset=placements").text, "audit-table")
    assert [row[2] for row in by_actor] == ["user:jember"]
    by_agreement = client.get("/audit?agreement=PKS.01/KP2MI-IMI/XII/2025&action=read")
    assert len(table_rows(by_agreement.text, "audit-table")) == 1
    today = date.today().isoformat()
    assert len(table_rows(client.get(f"/audit?date_from={today}").text, "audit-table")) == 4
    assert client.get("/audit?date_to=2000-01-01").text.count("Tidak ada entri") == 1
    assert client.get("/audit?date_from=yesterday").status_code == 400


def test_audit_page_paginates(signed_in: SignIn, db: Database) -> None:
    client = signed_in("admin")
    with db.session() as session:
        for _ in range(55):
            append(session, AuditEvent(actor=Actor("system", "lindung"), action="change"))
    first = client.get("/audit?action=change")
    assert len(table_rows(first.text, "audit-table")) == 50
    assert "Halaman 1 dari 2" in first.text
    assert "action=change&amp;page=2" in first.text
    second = client.get("/audit?action=change&page=2")
    assert len(table_rows(second.text, "audit-table")) == 5


def test_who_looked_at_a_worker(signed_in: SignIn, db: Database) -> None:
    client = signed_in("admin")
    _reads(db)
    page = client.get("/audit/subjects/worker/7")
    assert page.status_code == 200
    rows = table_rows(page.text, "accesses-table")
    assert len(rows) == 2
    assert rows[0][1] == "user:mitra"
    assert "Pelindungan anak" in rows[0][4]
    assert "PKS.01/KP2MI-IMI/XII/2025" in rows[0][4]
    assert rows[0][6].startswith("Ditolak")
    assert rows[1][6] == "Diizinkan"
    assert len(table_rows(client.get("/audit/subjects/worker/8").text, "accesses-table")) == 1


@pytest.mark.parametrize("username", ["jember", "mitra"])
def test_only_national_roles_see_the_audit_log(
    signed_in: SignIn, db: Database, username: str
) -> None:
    client = signed_in(username)
    assert client.get("/audit").status_code == 403
    assert client.get("/audit/subjects/worker/7").status_code == 403
    assert 'href="/audit"' not in client.get("/").text
