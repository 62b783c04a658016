"""The public check: is this agency licensed today, is this job order legal today?

For a prospective worker or their family, without a login. Only public facts are
read (agencies, their licences, job orders, employers' kind and country, the rule
files); nothing about any person. A licence number or job code that Lindung does
not know gets a clear warning that the offer may be illegal and where to report it.

Legality of a job order today: approved by the ministry, today within its
validity, still open, its agency's licence active today, and the destination not
closed to the job (Kepmenaker 260/2015 with the SPSK exception). Whether fees may
be charged comes from the zero-cost rule (Peraturan BP2MI 9/2020) in the policy
engine's rule files (:mod:`lindung.registry.rule_data`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from lindung.domain.countries import all_countries
from lindung.registry.agencies import licence_status_on, search_agencies
from lindung.registry.job_orders import find_by_code
from lindung.registry.rule_data import Closure, cost_rule, destination_closure
from lindung.store.models import Agency, Employer, JobOrder, Region

#: Where to report an unknown agency or job (KP2MI's complaint channels). The
#: toll-free number is BP2MI/KP2MI's published crisis-centre line; confirm it
#: before production.
REPORT_TO = (
    "Laporkan ke KP2MI (Crisis Center, telepon bebas pulsa 0800-1000) atau ke Dinas "
    "Tenaga Kerja kabupaten/kota Anda. Jangan membayar dan jangan menyerahkan dokumen.",
    "Report it to KP2MI (Crisis Center, toll-free 0800-1000) or to your regency's "
    "labour office (Disnaker). Do not pay and do not hand over documents.",
)
NOT_FOUND_AGENCY = (
    "Tidak ditemukan: tidak ada P3MI berizin dengan nama atau nomor izin ini. "
    "Perekrut tanpa izin bisa jadi ilegal.",
    "Not found: no licensed agency (P3MI) has this name or licence number. "
    "A recruiter without a licence may be illegal.",
)
NOT_FOUND_JOB = (
    "Tidak ditemukan: tidak ada job order dengan kode ini. Lowongan ini bisa jadi ilegal.",
    "Not found: there is no job order with this code. This offer may be illegal.",
)

Text = tuple[str, str]


def pick(text: Text, lang: str) -> str:
    return text[1] if lang == "en" else text[0]


@dataclass(frozen=True)
class AgencyAnswer:
    name: str
    licence_no: str
    status: str
    licence_valid_to: date
    head_office: str
    licensed: bool


@dataclass(frozen=True)
class JobOrderAnswer:
    code: str
    agency: AgencyAnswer
    country_code: str
    country_id: str
    country_en: str
    city: str | None
    position: str
    job_type: str
    salary_amount: float
    salary_currency: str
    valid_from: date
    valid_to: date
    approval_status: str
    fees_allowed: bool
    exempt_items: tuple[str, ...]
    fee_basis: str | None
    closure: Closure | None
    legal: bool
    problems: list[Text] = field(default_factory=list)


def _answer(session: Session, agency: Agency, today: date) -> AgencyAnswer:
    status = licence_status_on(session, agency.id, today)
    region = session.get(Region, agency.head_office_region_code)
    return AgencyAnswer(
        name=agency.name,
        licence_no=agency.licence_no,
        status=status,
        licence_valid_to=agency.licence_valid_to,
        head_office=region.name if region else agency.head_office_region_code,
        licensed=status == "active",
    )


def check_agency(session: Session, query: str, today: date, limit: int = 10) -> list[AgencyAnswer]:
    """Agencies matching a licence number (exactly) or a name (3+ letters)."""
    return [_answer(session, agency, today) for agency in search_agencies(session, query, limit)]


def _problems(
    order: JobOrder, agency: AgencyAnswer, closure: Closure | None, today: date
) -> list[Text]:
    problems: list[Text] = []
    if order.approval_status != "approved":
        problems.append(
            ("job order belum/tidak disetujui KP2MI", "the job order is not approved by KP2MI")
        )
    if not order.valid_from <= today <= order.valid_to:
        problems.append(("job order tidak berlaku hari ini", "the job order is not valid today"))
    if order.status != "open":
        problems.append(("lowongan sudah ditutup", "the vacancy is closed"))
    if not agency.licensed:
        problems.append(
            (f"izin P3MI berstatus {agency.status}", f"the agency's licence is {agency.status}")
        )
    if closure is not None:
        problems.append((closure.title_id, closure.title_en))
    return problems


def check_job_order(session: Session, code: str, today: date) -> JobOrderAnswer | None:
    """The job order with ``code`` and whether it is legal today; None when unknown."""
    order = find_by_code(session, code)
    if order is None:
        return None
    agency = _answer(session, session.get_one(Agency, order.agency_id), today)
    employer_kind = session.scalar(select(Employer.kind).where(Employer.id == order.employer_id))
    closure = destination_closure(
        order.country_code, order.job_type, employer_kind, order.city, today
    )
    costs = cost_rule(order.job_type, today)
    country = all_countries().get(order.country_code)
    problems = _problems(order, agency, closure, today)
    return JobOrderAnswer(
        code=order.code,
        agency=agency,
        country_code=order.country_code,
        country_id=country.name_id if country else order.country_code,
        country_en=country.name_en if country else order.country_code,
        city=order.city,
        position=order.position,
        job_type=order.job_type,
        salary_amount=float(order.salary_amount),
        salary_currency=order.salary_currency,
        valid_from=order.valid_from,
        valid_to=order.valid_to,
        approval_status=order.approval_status,
        fees_allowed=not costs.zero_cost,
        exempt_items=costs.exempt_items if costs.zero_cost else (),
        fee_basis=costs.legal_basis,
        closure=closure,
        legal=not problems,
        problems=problems,
    )
