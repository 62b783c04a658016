"""The import pages: the list, the upload form, the report and the quarantine download.

Only national administrators import and download quarantined rows (they hold
personal data as received; the download is audited as an export); national
analysts see the list and the reports; every other role gets 403. URLs carry
import ids only, never a file name or a value.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, File, Form, HTTPException, Request, UploadFile
from sqlalchemy import select
from starlette.responses import RedirectResponse, Response, StreamingResponse

from lindung.errors import NotFound
from lindung.exchange.audit import Actor, AuditEvent, append
from lindung.exchange.imports import (
    ImportFailed,
    ImportRefused,
    run_import,
    write_quarantine_csv,
)
from lindung.exchange.imports.report import problems_from_json
from lindung.exchange.partner_datasets import DATASETS
from lindung.store.models import Agreement, Import, Role, User
from lindung.web.i18n import request_language
from lindung.web.security import CurrentUser, DatabaseDep
from lindung.web.templating import render

router = APIRouter(include_in_schema=False)
READERS = (Role.NATIONAL_ADMIN, Role.NATIONAL_ANALYST)
UPLOAD_BLOCK = 1 << 20


def _allow(user: User, write: bool = False) -> None:
    allowed = (Role.NATIONAL_ADMIN,) if write else READERS
    if user.role not in allowed:
        raise HTTPException(status_code=403)


@router.get("/imports")
def imports_list(request: Request, user: CurrentUser, database: DatabaseDep) -> Response:
    """Every import, newest first, with its reconciliation."""
    _allow(user)
    with database.session() as session:
        rows = session.scalars(select(Import).order_by(Import.id.desc()).limit(200)).all()
    return render(request, "imports.html", {"imports": rows, "can_import": _can_write(user)})


def _can_write(user: User) -> bool:
    return user.role == Role.NATIONAL_ADMIN


def _form(
    request: Request, problems: list[object] | None = None, status_code: int = 200
) -> Response:
    context = {"datasets": DATASETS, "problems": problems or []}
    return render(request, "import_new.html", context, status_code=status_code)


@router.get("/imports/new")
def import_form(request: Request, user: CurrentUser) -> Response:
    _allow(user, write=True)
    return _form(request)


def _save_upload(upload: UploadFile, directory: Path) -> Path:
    """Stream the upload to a temporary file under the data directory (never into memory)."""
    directory.mkdir(parents=True, exist_ok=True)
    suffix = Path(upload.filename or "").suffix.lower()[:10]
    with tempfile.NamedTemporaryFile(dir=directory, suffix=suffix, delete=False) as out:
        shutil.copyfileobj(upload.file, out, UPLOAD_BLOCK)
        return Path(out.name)


@router.post("/imports/new")
def import_upload(
    request: Request,
    user: CurrentUser,
    database: DatabaseDep,
    dataset: Annotated[str, Form()],
    file: Annotated[UploadFile, File()],
    agreement: Annotated[str, Form()] = "",
) -> Response:
    """Import an uploaded partner file, then show its report."""
    _allow(user, write=True)
    uploads = request.app.state.settings.data_dir / "uploads"
    path = _save_upload(file, uploads)
    try:
        report = run_import(
            database,
            dataset,
            path,
            agreement.strip() or None,
            Actor("user", user.username),
            file_name=file.filename or path.name,
        )
    except (ImportRefused, ImportFailed) as refused:
        if refused.import_id is not None:
            return RedirectResponse(f"/imports/{refused.import_id}", status_code=303)
        return _form(request, list(refused.problems), status_code=400)
    finally:
        path.unlink(missing_ok=True)
    return RedirectResponse(f"/imports/{report.import_id}", status_code=303)


@router.get("/imports/{import_id}")
def import_report(
    request: Request, import_id: int, user: CurrentUser, database: DatabaseDep
) -> Response:
    """The report: reconciliation, file warnings, quarantine reasons by field and code."""
    _allow(user)
    with database.session() as session:
        row = session.get(Import, import_id)
        if row is None:
            raise NotFound(f"no import {import_id}")
        agreement = session.get(Agreement, row.agreement_id) if row.agreement_id else None
    context = {
        "row": row,
        "agreement_number": agreement.number if agreement else None,
        "warnings": problems_from_json(list(row.problems)),
        "stored": row.inserted + row.updated + row.unchanged,
        "can_download": _can_write(user) and row.quarantined > 0,
    }
    return render(request, "import_report.html", context)


@router.get("/imports/{import_id}/quarantine.csv")
def quarantine_csv(
    request: Request, import_id: int, user: CurrentUser, database: DatabaseDep
) -> Response:
    """The quarantined rows as CSV (neutralised for spreadsheets); audited as an export."""
    _allow(user, write=True)
    with database.session() as session:
        row = session.get(Import, import_id)
        if row is None:
            raise NotFound(f"no import {import_id}")
    spool = tempfile.SpooledTemporaryFile(max_size=8 << 20, mode="w+", encoding="utf-8")  # noqa: SIM115
    try:
        with database.session() as session:
            count = write_quarantine_csv(session, import_id, spool, request_language(request))
            append(
                session,
                AuditEvent(
                    actor=Actor("user", user.username),
                    action="export",
                    dataset=row.dataset,
                    decision="allowed",
                    row_count=count,
                    details={"what": "import_quarantine", "import_id": import_id},
                ),
            )
        spool.seek(0)
    except BaseException:
        spool.close()
        raise
    headers = {"Content-Disposition": f'attachment; filename="import-{import_id}-quarantine.csv"'}
    return StreamingResponse(_chunks(spool), media_type="text/csv; charset=utf-8", headers=headers)


def _chunks(spool: tempfile.SpooledTemporaryFile[str]) -> Iterator[bytes]:
    with spool:
        while block := spool.read(UPLOAD_BLOCK):
            yield block.encode("utf-8")
