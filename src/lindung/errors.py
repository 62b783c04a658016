"""One exception hierarchy for Lindung.

Every error the platform raises on purpose is a :class:`LindungError`. Validation
errors carry *every* problem found, each naming the field and the reason in both
Bahasa Indonesia and English, so that a user can fix all of them at once.

Messages never contain the offending value when it may be personal data (NIK,
names, passport numbers, birth dates): they say what is wrong, not what was typed.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with one field."""

    field: str
    code: str
    message_id: str
    message_en: str

    def message(self, language: str = "id") -> str:
        return self.message_en if language == "en" else self.message_id

    def as_dict(self, language: str = "id") -> dict[str, str]:
        return {"field": self.field, "code": self.code, "message": self.message(language)}


class LindungError(Exception):
    """Root of every error Lindung raises on purpose."""

    def __init__(self, message: str, problems: Iterable[Problem] = ()) -> None:
        self.problems: tuple[Problem, ...] = tuple(problems)
        super().__init__(message)

    def describe(self, language: str = "id") -> str:
        """One line for a terminal or a log: the summary and every problem."""
        if not self.problems:
            return str(self)
        details = "; ".join(f"{p.field}: {p.message(language)}" for p in self.problems)
        return f"{self}: {details}"


class ConfigurationError(LindungError):
    """Settings are missing, malformed or unsafe; raised at start."""


class ValidationError(LindungError):
    """Input failed validation; ``problems`` lists every reason."""

    def __init__(self, problems: Iterable[Problem], message: str | None = None) -> None:
        problems = tuple(problems)
        if not problems:
            raise ValueError("a ValidationError needs at least one problem")
        fields = sorted({p.field for p in problems})
        super().__init__(message or f"invalid {', '.join(fields)}", problems)

    @property
    def codes(self) -> set[str]:
        return {p.code for p in self.problems}


class InvalidNik(ValidationError):
    """A NIK (Nomor Induk Kependudukan) is malformed."""


class InvalidMrz(ValidationError):
    """A passport machine-readable zone (ICAO 9303 TD3) is malformed."""


class InvalidPassportNumber(ValidationError):
    """A passport number does not look like one."""


class InvalidPhoneNumber(ValidationError):
    """A phone number cannot be read as a valid number."""


class InvalidRegionCode(ValidationError):
    """A Kemendagri region code is malformed or unknown."""


class NotFound(LindungError):
    """A requested object does not exist (or is not visible to the caller)."""


class AuthenticationError(LindungError):
    """Credentials were wrong or missing."""
