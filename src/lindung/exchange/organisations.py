"""KP2MI and its partner organisations: the parties of agreements."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from lindung.errors import Problem, ValidationError
from lindung.exchange.agreement_rules import region_problems
from lindung.store.models import Organisation

KINDS = (
    "ministry",
    "agency",
    "regional_government",
    "association",
    "volunteer_network",
    "civil_society",
)


def ensure_organisation(
    session: Session, code: str, name: str, kind: str, region_code: str | None = None
) -> Organisation:
    """The organisation with ``code``, created if missing (an existing one is left as is)."""
    found = session.scalar(select(Organisation).where(Organisation.code == code))
    if found is not None:
        return found
    problems = region_problems([region_code]) if region_code else []
    if kind not in KINDS:
        problems.append(
            Problem("kind", "organisation.kind", "jenis lembaga tidak dikenal", "unknown kind")
        )
    if not code.strip() or not name.strip():
        problems.append(
            Problem(
                "code",
                "organisation.required",
                "kode dan nama lembaga wajib diisi",
                "an organisation needs a code and a name",
            )
        )
    if problems:
        raise ValidationError(problems)
    organisation = Organisation(code=code, name=name, kind=kind, region_code=region_code)
    session.add(organisation)
    session.flush()
    return organisation


def list_organisations(session: Session) -> list[Organisation]:
    """Every organisation by name."""
    return list(session.scalars(select(Organisation).order_by(Organisation.name)).all())
