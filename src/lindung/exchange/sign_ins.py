"""Audit entries for signing in and out of the web app.

A successful sign-in and a sign-out are recorded under the user's username with
their role. A failed sign-in is recorded as ``anonymous`` with no trace of what was
typed: the username field may hold a person's name, or a password typed in the
wrong box, and the audit log must not hold personal data or secrets (UU 27/2022
Pasal 16 ayat 2 huruf b, minimisation).
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from lindung.exchange.audit import Actor, AuditEvent, append
from lindung.store.models import User

ANONYMOUS = Actor("anonymous", "anonymous")


def audit_login(session: Session, user: User) -> None:
    """Record that ``user`` signed in."""
    append(
        session,
        AuditEvent(
            actor=Actor("user", user.username),
            action="login",
            decision="allowed",
            details={"role": user.role},
        ),
    )


def audit_failed_login(session: Session, locked: bool = False) -> None:
    """Record a refused sign-in (wrong username or password, or an inactive account);
    ``locked`` when this failure starts a sign-in lockout. Attempts refused during a
    lockout are not recorded one by one, so that guessing cannot flood the log."""
    reason = "invalid_credentials_lockout" if locked else "invalid_credentials"
    append(session, AuditEvent(actor=ANONYMOUS, action="login", decision="refused", reason=reason))


def audit_logout(session: Session, user: User) -> None:
    """Record that ``user`` signed out."""
    append(
        session,
        AuditEvent(
            actor=Actor("user", user.username), action="logout", details={"role": user.role}
        ),
    )
