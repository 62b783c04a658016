"""The partner API over HTTP on both backends: tokens, purposes, fields, refusals,
rate limits, the agreement header, and the audit entry of every exchange."""

from __future__ import annotations

import asyncio
import re
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select
from starlette.requests import Request

from lindung.exchange.clients import create_client, revoke_client, rotate_client
from lindung.store.database import Database
from lindung.store.models import ApiClient, AuditEntry
from lindung.web.security import CsrfRefused, verify_csrf
from support.agreements import make_agreement
from support.http import TestClient
from support.registry import Scenario

BAWASLU = "PKS.07/KP2MI-BAWASLU/I/2026"
VOTERS = "voter_list_oversight"
RECORDS = "/api/partner/v1/datasets/workers/records"


@pytest.fixture
def token(db: Database) -> str:
    with db.session() as s:
        Scenario(s)
        make_agreement(s, BAWASLU, "BAWASLU", [VOTERS])
        return create_client(s, BAWASLU, "Bawaslu RI", rate_limit=1000).token


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def last_audit(db: Database) -> AuditEntry:
    with db.session() as s:
        entry = s.scalars(select(AuditEntry).order_by(AuditEntry.id.desc()).limit(1)).first()
    assert entry is not None
    return entry


def test_bawaslu_reads_only_what_its_agreement_allows(
    client: TestClient, db: Database, token: str
) -> None:
    response = client.get(RECORDS, params={"purpose": VOTERS}, headers=bearer(token))
    assert response.status_code == 200, response.text
    assert response.headers["X-Lindung-Agreement"] == BAWASLU
    body = response.json()
    assert (body["agreement"], body["purpose"], body["dataset"]) == (BAWASLU, VOTERS, "workers")
    assert body["fields"] == ["nik", "full_name"]
    assert len(body["rows"]) == 6
    assert all(re.fullmatch(r"\d{4}\*{10}\d{2}", row["nik"]) for row in body["rows"])
    assert body["next_cursor"] is None
    entry = last_audit(db)
    assert (entry.action, entry.decision, entry.row_count) == ("read", "allowed", 6)
    assert (entry.agreement_number, entry.purpose, entry.dataset) == (BAWASLU, VOTERS, "workers")
    assert re.fullmatch(r"[0-9a-f]{64}", entry.request_hash or "")
    assert entry.details["client"] == "Bawaslu RI"


def test_pages_follow_an_opaque_cursor(client: TestClient, token: str) -> None:
    first = client.get(
        RECORDS, params={"purpose": VOTERS, "limit": 4}, headers=bearer(token)
    ).json()
    assert len(first["rows"]) == 4
    cursor = first["next_cursor"]
    assert cursor
    assert not re.search(r"\d{6}", cursor)  # nothing like a NIK in the URL
    second = client.get(
        RECORDS, params={"purpose": VOTERS, "limit": 4, "cursor": cursor}, headers=bearer(token)
    ).json()
    assert len(second["rows"]) == 2
    assert second["next_cursor"] is None
    forged = client.get(
        RECORDS, params={"purpose": VOTERS, "cursor": cursor + "x"}, headers=bearer(token)
    )
    assert forged.status_code == 422


@pytest.mark.parametrize(
    ("params", "reason"),
    [
        ({"purpose": "child_protection"}, "purpose_not_allowed"),
        ({"purpose": VOTERS, "fields": "nik,birth_date"}, "field_not_allowed"),
        ({"purpose": VOTERS, "fields": "no_such_field"}, "field_not_allowed"),
    ],
)
def test_refusals_say_why_in_both_languages_and_are_audited(
    client: TestClient, db: Database, token: str, params: dict[str, str], reason: str
) -> None:
    headers = {**bearer(token), "Accept-Language": "en"}
    response = client.get(RECORDS, params=params, headers=headers)
    assert response.status_code == 403
    body = response.json()
    assert body["reason"] == reason
    assert body["agreement"] == BAWASLU
    assert body["error"] == body["message_en"]
    assert body["message_id"] != body["message_en"]
    assert response.headers["X-Lindung-Agreement"] == BAWASLU
    entry = last_audit(db)
    assert (entry.action, entry.decision, entry.reason) == ("refused", "refused", reason)


def test_other_datasets_and_missing_purposes_are_refused(
    client: TestClient, db: Database, token: str
) -> None:
    other = client.get(
        "/api/partner/v1/datasets/placements/records",
        params={"purpose": VOTERS},
        headers=bearer(token),
    )
    assert other.json()["reason"] == "dataset_not_allowed"
    missing = client.get(RECORDS, headers=bearer(token))
    assert missing.status_code == 422
    assert missing.json()["problems"][0]["code"] == "purpose.missing"
    assert last_audit(db).reason == "purpose_missing"
    header = client.get(RECORDS, headers={**bearer(token), "X-Lindung-Purpose": VOTERS})
    assert header.status_code == 200


def test_a_suspended_agreement_refuses(client: TestClient, db: Database, token: str) -> None:
    from lindung.store.models import Agreement

    with db.session() as s:
        agreement = s.scalars(select(Agreement).where(Agreement.number == BAWASLU)).one()
        agreement.status = "suspended"
    response = client.get(RECORDS, params={"purpose": VOTERS}, headers=bearer(token))
    assert response.json()["reason"] == "agreement_suspended"


def test_token_lifecycle_each_refusal_distinct_and_audited(
    client: TestClient, db: Database, token: str
) -> None:
    def code(headers: dict[str, str]) -> str:
        response = client.get(RECORDS, params={"purpose": VOTERS}, headers=headers)
        assert response.status_code == 401
        return str(response.json()["problems"][0]["code"])

    assert code({}) == "token_missing"
    assert code(bearer("lnd_abcdefgh_" + "x" * 43)) == "token_unknown"
    assert code(bearer(token[:-1] + ("A" if token[-1] != "A" else "B"))) == "token_unknown"
    with db.session() as s:
        old = s.scalars(select(ApiClient)).one()
        rotated = rotate_client(s, old.id)
    assert code(bearer(token)) == "token_revoked"
    assert last_audit(db).reason == "token_revoked"
    ok = client.get(RECORDS, params={"purpose": VOTERS}, headers=bearer(rotated.token))
    assert ok.status_code == 200
    with db.session() as s:
        new = s.get(ApiClient, rotated.client.id)
        assert new is not None
        assert new.rotated_from_id == old.id
        assert new.token_hash != rotated.token  # stored hashed
        new.expires_at = datetime.now(UTC) - timedelta(minutes=1)
    assert code(bearer(rotated.token)) == "token_expired"
    with db.session() as s:
        revoke_client(s, rotated.client.id)
    assert code(bearer(rotated.token)) == "token_revoked"


def test_tokens_have_the_documented_shape(token: str) -> None:
    assert re.fullmatch(r"lnd_[a-z0-9]{8}_[A-Za-z0-9_-]{43}", token)


def test_rate_limit_answers_429_with_retry_after(client: TestClient, db: Database) -> None:
    with db.session() as s:
        make_agreement(s, BAWASLU, "BAWASLU", [VOTERS])
        slow = create_client(s, BAWASLU, "slow", rate_limit=2).token
    statuses = [
        client.get(RECORDS, params={"purpose": VOTERS}, headers=bearer(slow)).status_code
        for _ in range(2)
    ]
    limited = client.get(RECORDS, params={"purpose": VOTERS}, headers=bearer(slow))
    assert statuses == [200, 200]
    assert limited.status_code == 429
    assert int(limited.headers["Retry-After"]) >= 1
    assert limited.json()["problems"][0]["code"] == "rate_limited"


def test_the_catalogue_lists_what_the_agreement_allows(client: TestClient, token: str) -> None:
    response = client.get("/api/partner/v1/datasets", headers=bearer(token))
    body = response.json()
    assert response.headers["X-Lindung-Agreement"] == BAWASLU
    assert body["purposes"] == [VOTERS]
    [workers] = body["datasets"]
    assert {f["name"]: f["treatment"] for f in workers["fields"]} == {
        "nik": "masked",
        "full_name": "clear",
    }


@pytest.mark.parametrize("backend", ["sqlite"])
def test_openapi_documents_the_bearer_scheme(client: TestClient) -> None:
    schema = client.get("/api/openapi.json").json()
    assert schema["components"]["securitySchemes"]["partner_token"]["scheme"] == "bearer"
    records = schema["paths"]["/api/partner/v1/datasets/{dataset}/records"]["get"]
    assert {"401", "403", "429"} <= set(records["responses"])


def _post(path: str) -> Request:
    scope = {
        "type": "http",
        "method": "POST",
        "path": path,
        "headers": [(b"authorization", b"Bearer lnd_x_y")],
        "query_string": b"",
        "session": {},
    }
    return Request(scope)


def _check(path: str) -> None:
    """Run the CSRF check in a thread of its own (the browser tests may leave a loop running)."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        pool.submit(lambda: asyncio.run(verify_csrf(_post(path)))).result()


def test_partner_routes_are_exempt_from_the_csrf_check_and_only_they() -> None:
    _check("/api/partner/v1/datasets")
    with pytest.raises(CsrfRefused):
        _check("/api/v1/me")
    with pytest.raises(CsrfRefused):
        _check("/api/partnerx")


def test_refusals_never_echo_what_the_caller_typed(
    client: TestClient, db: Database, token: str
) -> None:
    typed = "3509014101010012"
    for params, path in [
        ({"purpose": VOTERS, "fields": f"nik,{typed}"}, RECORDS),
        ({"purpose": typed}, RECORDS),
        ({"purpose": VOTERS}, f"/api/partner/v1/datasets/{typed}/records"),
    ]:
        response = client.get(path, params=params, headers=bearer(token))
        assert response.status_code == 403
        assert typed not in response.text
        entry = last_audit(db)
        assert typed not in str([entry.dataset, entry.purpose, entry.fields, entry.details])


def _last_used(db: Database) -> datetime | None:
    with db.session() as s:
        used = s.scalars(select(ApiClient.last_used_at)).one()
    return used if used is None or used.tzinfo else used.replace(tzinfo=UTC)


def test_a_request_records_when_the_client_was_last_used(
    client: TestClient, db: Database, token: str
) -> None:
    assert _last_used(db) is None
    before = datetime.now(UTC)
    assert client.get(RECORDS, params={"purpose": VOTERS}, headers=bearer(token)).is_success
    first = _last_used(db)
    assert first is not None
    assert before - timedelta(seconds=1) <= first <= datetime.now(UTC)
    # within the minute, further requests do not write again
    assert client.get("/api/partner/v1/datasets", headers=bearer(token)).is_success
    assert _last_used(db) == first
    with db.session() as s:
        row = s.scalars(select(ApiClient)).one()
        row.last_used_at = first - timedelta(minutes=5)
    assert client.get("/api/partner/v1/datasets", headers=bearer(token)).is_success
    again = _last_used(db)
    assert again is not None
    assert again > first - timedelta(minutes=1)
