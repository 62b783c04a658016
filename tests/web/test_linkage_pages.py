"""The clerical review pages over HTTP (both backends) and in a browser."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from playwright.sync_api import Page, expect
from sqlalchemy import select, update

from lindung.demo.logins import DemoLogin
from lindung.exchange import guard
from lindung.linkage.platform import RunOptions, run_pairing
from lindung.settings import Settings
from lindung.store.database import Database
from lindung.store.models import AuditEntry, PersonRecord, RecordLink, ReviewDecision, Worker
from support import linkage_runs as lr
from support.http import TestClient
from support.web import csrf_from, table_rows

SignIn = Callable[[str], TestClient]


@pytest.fixture
def queued(db: Database, settings: Settings) -> int:
    """A store after one run, with exactly one pair in the queue (a linked one): its id."""
    lr.load_store(db)
    lr.install_models(settings)
    run_pairing(db, settings, lr.PAIRING, RunOptions(), lr.ACTOR)
    with db.session() as s:
        link_id = s.scalar(
            select(RecordLink.id).where(RecordLink.state == "linked").order_by(RecordLink.id)
        )
        assert link_id is not None
        s.execute(update(RecordLink).where(RecordLink.state == "review").values(state="linked"))
        s.execute(update(RecordLink).where(RecordLink.id == link_id).values(state="review"))
    return int(link_id)


def _names(db: Database, link_id: int) -> tuple[str, str]:
    with db.session() as s:
        link = s.get(RecordLink, link_id)
        assert link is not None
        worker = s.get(Worker, link.left_key)
        assert worker is not None
        return worker.full_name, worker.nik


def test_the_queue_and_a_pair_side_by_side_read_through_the_gate(
    signed_in: SignIn, db: Database, queued: int
) -> None:
    client = signed_in("analis")
    hook = guard.install(db.engine)  # every personal read below must pass the gate
    try:
        listing = client.get("/linkage/review", params={"pairing": lr.PAIRING})
        pair = client.get(f"/linkage/review/{queued}")
    finally:
        hook.remove()
    assert hook.violations == []
    assert listing.status_code == 200
    rows = table_rows(listing.text, "review-queue")
    assert [row[0] for row in rows] == [str(queued)]
    assert "Registri ↔ perlintasan Imigrasi" in rows[0][1]
    name, nik = _names(db, queued)
    assert name not in listing.text  # the queue shows ids only

    assert pair.status_code == 200
    records = {row[0]: row[1:] for row in table_rows(pair.text, "pair-records")}
    assert records["Nama"][0] == name
    assert records["NIK"][0] == nik
    assert records["Sumber"] == [
        "Registri pekerja migran (KP2MI)",
        "Perlintasan perbatasan (Imigrasi)",
    ]
    assert "Tanggal lahir</strong>: sama persis — sangat mendukung kecocokan" in pair.text
    with db.session() as s:
        reads = s.scalars(select(AuditEntry).where(AuditEntry.dataset == "linkage_pairs")).all()
        assert [(e.actor, e.decision, e.row_count) for e in reads] == [("analis", "allowed", 1)]

    client.cookies.set("lang", "en")
    english = client.get(f"/linkage/review/{queued}")
    assert "Birth date</strong>: exact — strong evidence for a match" in english.text
    assert "Your decision" in english.text


def test_a_decision_posted_with_csrf_changes_persons_and_is_audited(
    signed_in: SignIn, db: Database, queued: int
) -> None:
    client = signed_in("admin")
    page = client.get(f"/linkage/review/{queued}")
    token = csrf_from(page.text.split('id="decide-form"')[1])
    with db.session() as s:
        link = s.get(RecordLink, queued)
        assert link is not None
        left, right = ("registry", link.left_key), ("border_crossings", link.right_key)

    missing = client.post(
        f"/linkage/review/{queued}/decide", data={"decision": "match", "csrf_token": token}
    )
    assert missing.status_code == 400
    assert "alasan wajib diisi" in missing.text
    no_csrf = client.post(
        f"/linkage/review/{queued}/decide", data={"decision": "non-match", "reason": "x"}
    )
    assert no_csrf.status_code == 403

    done = client.post(
        f"/linkage/review/{queued}/decide",
        data={"decision": "non-match", "reason": "nama ibu berbeda", "csrf_token": token},
        follow_redirects=False,
    )
    assert done.status_code == 303
    assert done.headers["location"] == f"/linkage/review/{queued}?saved=1"
    with db.session() as s:
        decision = s.scalars(select(ReviewDecision)).one()
        assert (decision.decision, decision.decided_by) == ("non-match", "admin")
        people = {
            (src, key): pid
            for src, key, pid in s.execute(
                select(PersonRecord.source, PersonRecord.record_key, PersonRecord.person_id)
            )
        }
        assert people[left] != people[right]
        entry = s.scalars(
            select(AuditEntry).where(AuditEntry.action == "change").order_by(AuditEntry.id.desc())
        ).first()
        assert entry is not None
        assert entry.details["object"] == "review_decision"
        assert entry.actor == "admin"
    after = client.get(f"/linkage/review/{queued}?saved=1")
    assert "Keputusan disimpan." in after.text
    assert "nama ibu berbeda" in after.text
    assert [row[0] for row in table_rows(client.get("/linkage/review").text, "review-queue")] == []


def test_roles_without_review_rights_are_refused(
    signed_in: SignIn, db: Database, queued: int
) -> None:
    for username in ("jember", "flotim", "mitra"):
        client = signed_in(username)
        assert client.get("/linkage/review").status_code == 403
        assert client.get(f"/linkage/review/{queued}").status_code == 403
        token = csrf_from(client.get("/").text)
        refused = client.post(
            f"/linkage/review/{queued}/decide",
            data={"decision": "match", "reason": "x", "csrf_token": token},
        )
        assert refused.status_code == 403, username
    with db.session() as s:
        assert s.scalars(select(ReviewDecision)).all() == []
        assert (
            s.scalars(select(AuditEntry).where(AuditEntry.dataset == "linkage_pairs")).all() == []
        )


@pytest.mark.parametrize("backend", ["sqlite"])
def test_an_unknown_pair_is_not_found(signed_in: SignIn, queued: int) -> None:
    assert signed_in("admin").get(f"/linkage/review/{queued + 10_000}").status_code == 404


@pytest.mark.parametrize("backend", ["sqlite"])
def test_a_reviewer_decides_a_pair_in_the_browser(
    live_server: str,
    page: Page,
    db: Database,
    demo_users: dict[str, DemoLogin],
    queued: int,
) -> None:
    admin = demo_users["admin"]
    page.goto(live_server + "/login")
    page.get_by_label("Nama pengguna").fill(admin.username)
    page.get_by_label("Kata sandi").fill(admin.password)
    page.get_by_role("button", name="Masuk", exact=True).click()
    page.get_by_role("link", name="Tinjauan pencocokan").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Tinjauan pencocokan rekaman")
    page.get_by_role("link", name=str(queued), exact=True).click()
    expect(page.locator("#pair-records")).to_contain_text(_names(db, queued)[0])
    page.get_by_label("Orang yang sama").check()
    page.get_by_label("Alasan").fill("NIK dan tanggal lahir sama")
    page.get_by_role("button", name="Simpan keputusan").click()
    expect(page.locator("#saved")).to_have_text("Keputusan disimpan.")
    expect(page.locator("#decisions")).to_contain_text("Orang yang sama")
    with db.session() as s:
        decision = s.scalars(select(ReviewDecision)).one()
        assert (decision.link_id, decision.decision) == (queued, "match")
        link = s.get(RecordLink, queued)
        assert link is not None
        assert link.state == "linked"


def test_every_pairing_source_state_and_decision_has_both_labels() -> None:
    from lindung.linkage.pairings import PAIRINGS
    from lindung.linkage.review import DECISIONS, STATES
    from lindung.linkage.sources import SOURCES
    from lindung.web.i18n import MESSAGES

    keys = [
        *(f"linkage.pairing.{name}" for name in PAIRINGS),
        *(f"linkage.source.{name}" for name in SOURCES),
        *(f"linkage.state.{state}" for state in STATES),
        *(f"linkage.decision.{decision}" for decision in DECISIONS),
    ]
    for key in keys:
        assert MESSAGES[key]["id"] != MESSAGES[key]["en"] or key.endswith("nik"), key
