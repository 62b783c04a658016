"""The import pages end to end: upload (multipart), report, quarantine download, roles."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable

import httpx
import pytest
from sqlalchemy import func, select

from lindung.demo import DemoConfig, generate
from lindung.settings import Settings
from lindung.store.database import Database
from lindung.store.models import AuditEntry, BorderCrossing
from support.http import TestClient
from support.web import csrf_from

SignedIn = Callable[[str], TestClient]


@pytest.fixture(scope="module")
def crossings_csv(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    out = tmp_path_factory.mktemp("web-demo")
    generate(DemoConfig(workers=100, seed=5, out_dir=out))
    text = (out / "partners" / "imigrasi_crossings.csv").read_text(encoding="utf-8")
    rows = list(csv.reader(io.StringIO(text)))[:41]
    rows[5][4] = "?"  # sex: quarantined
    rows[9][1] = "=cmd|' /C calc'!A0"  # passport number: quarantined, payload neutralised
    rows[12][rows[0].index("nik")] = "9999990812840001"  # no such district: row kept
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    return buffer.getvalue().encode("utf-8")


def _upload(client: TestClient, content: bytes, name: str = "crossings.csv") -> httpx.Response:
    token = csrf_from(client.get("/imports/new").text)
    return client.post(
        "/imports/new",
        data={"dataset": "border_crossings", "agreement": "", "csrf_token": token},
        files={"file": (name, content, "text/csv")},
        follow_redirects=False,
    )


def test_upload_report_and_quarantine_download(
    signed_in: SignedIn, db: Database, settings: Settings, crossings_csv: bytes
) -> None:
    admin = signed_in("admin")
    response = _upload(admin, crossings_csv, "Siti Aminah crossings.csv")
    assert response.status_code == 303
    location = response.headers["location"]
    assert location.startswith("/imports/")
    assert "Siti" not in location
    report = admin.get(location)
    assert report.status_code == 200
    assert 'id="received">40<' in report.text
    assert 'id="quarantined">2<' in report.text
    assert "sex.unknown" in report.text
    assert "Cocok" in report.text
    assert "nik.district_unknown" in report.text  # the NIK dropped, the row stored
    assert "baris disimpan tanpa nilai ini" in report.text
    assert "1 baris disimpan tanpa nik (baris 13)" in report.text
    with db.session() as session:
        assert session.scalar(select(func.count()).select_from(BorderCrossing)) == 38
    download = admin.get(location + "/quarantine.csv")
    assert download.status_code == 200
    assert download.headers["content-type"].startswith("text/csv")
    assert "'=cmd" in download.text
    assert "[sex.unknown]" in download.text
    with db.session() as session:
        actions = session.scalars(select(AuditEntry.action).order_by(AuditEntry.id)).all()
    assert actions[-2:] == ["import", "export"]
    listing = admin.get("/imports")
    assert "border_crossings" in listing.text
    assert (settings.data_dir / "uploads").is_dir()
    assert not list((settings.data_dir / "uploads").iterdir())  # the upload was removed


def test_a_refused_file_shows_every_reason(signed_in: SignedIn, crossings_csv: bytes) -> None:
    admin = signed_in("admin")
    header_only = b"record_id,name\n"
    response = _upload(admin, header_only)
    assert response.status_code == 303
    report = admin.get(response.headers["location"])
    assert "header.missing" in report.text
    assert "passport_number" in report.text
    assert "Gagal" in report.text


def test_roles(signed_in: SignedIn, crossings_csv: bytes) -> None:
    admin = signed_in("admin")
    _upload(admin, crossings_csv)
    analyst = signed_in("analis")
    assert analyst.get("/imports").status_code == 200
    assert analyst.get("/imports/1").status_code == 200
    assert analyst.get("/imports/new").status_code == 403
    assert analyst.get("/imports/1/quarantine.csv").status_code == 403
    for name in ("jember", "mitra"):
        other = signed_in(name)
        assert other.get("/imports").status_code == 403
        assert other.get("/imports/1").status_code == 403
    assert admin.get("/imports/999").status_code == 404
