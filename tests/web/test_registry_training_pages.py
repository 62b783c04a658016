"""Training pages over HTTP: forms validate at the fields; enrolments are gated."""

from __future__ import annotations

from collections.abc import Callable

from lindung.store.database import Database
from support.http import TestClient
from support.registry import Registry, first_village
from support.web import csrf_from


def test_providers_programmes_enrolments_and_completion(
    db: Database, signed_in: Callable[[str], TestClient]
) -> None:
    with db.session() as s:
        registry = Registry(s)
        jember = registry.worker(first_village(s, "35.09")).id
        flotim = registry.worker(first_village(s, "53.06")).id
    admin = signed_in("admin")
    token = csrf_from(admin.get("/registry/training").text)
    bad = admin.post(
        "/registry/training/providers",
        data={"csrf_token": token, "name": "", "kind": "lpk", "region_code": "99"},
    )
    assert bad.status_code == 400
    assert 'id="name-error"' in bad.text
    assert 'id="region_code-error"' in bad.text
    ok = admin.post(
        "/registry/training/providers",
        data={"csrf_token": token, "name": "LPK Maju", "kind": "lpk", "region_code": "35.09"},
        follow_redirects=False,
    )
    assert ok.status_code == 303
    page = admin.get("/registry/training").text
    assert "LPK Maju" in page
    provider_id = page.split('<option value="')[-1].split('"')[0]
    made = admin.post(
        "/registry/training/programmes",
        data={
            "csrf_token": token,
            "provider_id": provider_id,
            "name": "Bahasa Mandarin",
            "skill_scheme": "PLRT",
            "language": "zh",
            "hours": "120",
        },
        follow_redirects=False,
    )
    assert made.status_code == 303
    link = admin.get("/registry/training").text.split('href="/registry/training/programmes/')[1]
    programme = "/registry/training/programmes/" + link.split('"')[0]
    for worker in (jember, flotim):
        enrolled = admin.post(
            programme + "/enrolments",
            data={"csrf_token": token, "worker_id": str(worker), "enrolled_on": "2026-01-05"},
            follow_redirects=False,
        )
        assert enrolled.status_code == 303
    wrong = admin.post(
        programme + "/completions",
        data={"csrf_token": token, "enrolment_id": "1", "completed_on": "2025-01-01", "score": "x"},
    )
    assert wrong.status_code == 400
    assert 'id="completed_on-error"' in wrong.text
    assert 'id="score-error"' in wrong.text
    assert admin.get(programme).text.count("Pekerja Uji") == 2
    officer = signed_in("jember").get(programme).text
    assert officer.count("Pekerja Uji") == 1
    analyst = signed_in("analis")
    refused = analyst.post(
        "/registry/training/providers",
        data={"csrf_token": csrf_from(analyst.get("/registry/training").text), "name": "x"},
    )
    assert refused.status_code == 403
