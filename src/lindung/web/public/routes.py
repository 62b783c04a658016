"""``/cek`` and ``/api/public/v1``: the public check, without a login.

Everything here is a GET (nothing is written, so there is no CSRF to check) and
every request passes the per-address rate limit first. Agency names, licence
numbers and job codes are public facts, so they may sit in the query string;
nothing personal is read or shown.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from starlette.responses import JSONResponse, Response

from lindung.registry.public import (
    NOT_FOUND_AGENCY,
    NOT_FOUND_JOB,
    REPORT_TO,
    AgencyAnswer,
    JobOrderAnswer,
    check_agency,
    check_job_order,
    pick,
)
from lindung.web.i18n import Translator, request_language
from lindung.web.public.limits import public_rate_limit
from lindung.web.public.schemas import (
    Money,
    PublicAgency,
    PublicAgencySearch,
    PublicJobOrder,
    PublicNotFound,
)
from lindung.web.security import DatabaseDep
from lindung.web.ui.registry_agencies_forms import render_page

Limited = [Depends(public_rate_limit)]
pages = APIRouter(include_in_schema=False, dependencies=Limited)
api = APIRouter(
    prefix="/api/public/v1",
    tags=["public"],
    dependencies=Limited,
    responses={429: {"description": "Too many requests from this address; see Retry-After."}},
)
QueryText = Annotated[str, Query(max_length=120, description="Agency name or licence number.")]


def today_() -> date:
    """Today (a function so that tests can fix the date)."""
    return date.today()


def agency_body(answer: AgencyAnswer, t: Translator) -> PublicAgency:
    return PublicAgency(
        name=answer.name,
        licence_no=answer.licence_no,
        status=answer.status,
        status_label=t(f"public.licence.{answer.status}"),
        licensed=answer.licensed,
        licence_valid_to=answer.licence_valid_to,
        head_office=answer.head_office,
    )


def agency_search(answers: list[AgencyAnswer], query: str, lang: str) -> PublicAgencySearch:
    t = Translator(lang)
    found = bool(answers)
    return PublicAgencySearch(
        query=query,
        found=found,
        count=len(answers),
        items=[agency_body(a, t) for a in answers],
        message=t("public.agency.found") if found else pick(NOT_FOUND_AGENCY, lang),
        report_to=None if found else pick(REPORT_TO, lang),
    )


def job_order_body(answer: JobOrderAnswer, lang: str) -> PublicJobOrder:
    t = Translator(lang)
    if answer.fees_allowed:
        fee_note = t("public.fees.allowed")
    else:
        fee_note = t("public.fees.zero", basis=answer.fee_basis or "")
    return PublicJobOrder(
        code=answer.code,
        legal=answer.legal,
        message=t("public.job.legal") if answer.legal else t("public.job.not_legal"),
        problems=[pick(p, lang) for p in answer.problems],
        agency=agency_body(answer.agency, t),
        country_code=answer.country_code,
        country=answer.country_en if lang == "en" else answer.country_id,
        city=answer.city,
        position=answer.position,
        job_type=answer.job_type,
        salary=Money(amount=answer.salary_amount, currency=answer.salary_currency),
        valid_from=answer.valid_from,
        valid_to=answer.valid_to,
        approval_status=answer.approval_status,
        fees_allowed=answer.fees_allowed,
        fee_note=fee_note,
        exempt_items=list(answer.exempt_items),
    )


def job_not_found(lang: str) -> PublicNotFound:
    return PublicNotFound(
        error=pick(NOT_FOUND_JOB, lang),
        status=404,
        problems=[],
        message=pick(NOT_FOUND_JOB, lang),
        report_to=pick(REPORT_TO, lang),
    )


@api.get("/agencies", summary="Is an agency licensed today? Search by name or licence number")
def public_agencies(
    request: Request, database: DatabaseDep, q: QueryText = ""
) -> PublicAgencySearch:
    lang = request_language(request)
    with database.session() as session:
        answers = check_agency(session, q, today_())
    return agency_search(answers, q, lang)


@api.get(
    "/job-orders/{code}",
    summary="Is a job order legal today? Destination, position, salary, fees",
    responses={404: {"model": PublicNotFound, "description": "No job order with this code."}},
)
def public_job_order(request: Request, code: str, database: DatabaseDep) -> Any:
    lang = request_language(request)
    with database.session() as session:
        answer = check_job_order(session, code, today_())
    if answer is None:
        return JSONResponse(job_not_found(lang).model_dump(), status_code=404)
    return job_order_body(answer, lang)


@pages.get("/cek")
def check_page(
    request: Request,
    database: DatabaseDep,
    q: Annotated[str, Query(max_length=120)] = "",
    code: Annotated[str, Query(max_length=40)] = "",
) -> Response:
    """The public check page: an agency (name or licence number) or a job code."""
    lang = request_language(request)
    agencies: PublicAgencySearch | None = None
    job: PublicJobOrder | None = None
    job_missing: PublicNotFound | None = None
    with database.session() as session:
        if q.strip():
            agencies = agency_search(check_agency(session, q, today_()), q, lang)
        if code.strip():
            answer = check_job_order(session, code, today_())
            if answer is None:
                job_missing = job_not_found(lang)
            else:
                job = job_order_body(answer, lang)
    context = {
        "q": q,
        "code": code,
        "agencies": agencies,
        "job": job,
        "job_missing": job_missing,
        "job_report": pick(REPORT_TO, lang),
    }
    status = 404 if job_missing is not None and agencies is None else 200
    return render_page(request, "public_check.html", context, status_code=status)
