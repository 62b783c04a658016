"""Reading and checking one command's input, every problem at once.

The registry's services take the input as typed by a person (a form, a JSON body,
a command's options): a mapping of field names to text (or already-typed values
from JSON). A :class:`Checker` reads each field, converts it and records a
bilingual :class:`~lindung.errors.Problem` naming the field for anything wrong;
:meth:`Checker.done` raises one :class:`~lindung.errors.ValidationError` with all
of them. Messages never repeat the value (it may be personal data).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from lindung.domain.regions import level_of, normalise_code
from lindung.errors import Problem, ValidationError
from lindung.store.models import Region

LEVEL_NAMES = {
    1: ("provinsi", "province"),
    2: ("kabupaten/kota", "regency/city"),
    3: ("kecamatan", "district"),
    4: ("desa/kelurahan", "village"),
}


def problem(field: str, code: str, indonesian: str, english: str) -> Problem:
    return Problem(field, code, indonesian, english)


def required(field: str) -> Problem:
    return problem(field, "required", "wajib diisi", "required")


class Checker:
    """Reads the fields of one input mapping, collecting every problem."""

    def __init__(self, data: Mapping[str, Any], today: date | None = None) -> None:
        self.data = data
        self.today = today or date.today()
        self.problems: list[Problem] = []

    # -- bookkeeping ---------------------------------------------------------
    def add(self, field: str, code: str, indonesian: str, english: str) -> None:
        self.problems.append(problem(field, code, indonesian, english))

    def extend(self, problems: Iterable[Problem]) -> None:
        self.problems.extend(problems)

    def has(self, field: str) -> bool:
        """Whether ``field`` already has a problem (later checks on it are skipped)."""
        return any(p.field == field for p in self.problems)

    def done(self) -> None:
        """Raise one :class:`ValidationError` listing every problem, if any."""
        if self.problems:
            raise ValidationError(self.problems)

    def raw(self, field: str) -> Any:
        value = self.data.get(field)
        if isinstance(value, str):
            value = value.strip()
            return value or None
        return value

    # -- field readers -------------------------------------------------------
    def text(self, field: str, max_length: int, need: bool = True) -> str | None:
        value = self.raw(field)
        if value is None:
            if need:
                self.problems.append(required(field))
            return None
        text = " ".join(str(value).split())
        if len(text) > max_length:
            self.add(
                field,
                "text.too_long",
                f"paling banyak {max_length} karakter",
                f"at most {max_length} characters",
            )
            return None
        return text

    def choice(self, field: str, choices: Iterable[str], need: bool = True) -> str | None:
        value = self.raw(field)
        if value is None:
            if need:
                self.problems.append(required(field))
            return None
        options = tuple(choices)
        code = str(value).lower()
        if code not in options:
            listed = ", ".join(options)
            self.add(
                field,
                "choice.unknown",
                f"pilihan tidak dikenal; yang boleh: {listed}",
                f"not one of the allowed values: {listed}",
            )
            return None
        return code

    def day(self, field: str, need: bool = True, future_ok: bool = False) -> date | None:
        value = self.raw(field)
        if value is None:
            if need:
                self.problems.append(required(field))
            return None
        if isinstance(value, date):
            day = value
        else:
            try:
                day = date.fromisoformat(str(value))
            except ValueError:
                self.add(
                    field,
                    "date.format",
                    "tanggal harus berformat YYYY-MM-DD dan ada di kalender",
                    "the date must be written YYYY-MM-DD and exist in the calendar",
                )
                return None
        if not future_ok and day > self.today:
            self.add(
                field,
                "date.future",
                "tanggal tidak boleh setelah hari ini",
                "the date cannot be after today",
            )
            return None
        return day

    def integer(self, field: str, need: bool = True) -> int | None:
        value = self.raw(field)
        if value is None:
            if need:
                self.problems.append(required(field))
            return None
        try:
            number = int(str(value))
        except ValueError:
            self.add(field, "int.format", "harus berupa bilangan bulat", "must be a whole number")
            return None
        if number < 1:
            self.add(field, "int.range", "harus 1 atau lebih", "must be 1 or more")
            return None
        return number

    def region(
        self, session: Session, field: str, need: bool = True, level: int | None = None
    ) -> str | None:
        """A Kemendagri region code that exists (at ``level`` when given), dotted."""
        value = self.raw(field)
        if value is None:
            if need:
                self.problems.append(required(field))
            return None
        try:
            code = normalise_code(str(value), field)
        except ValidationError as exc:
            self.extend(exc.problems)
            return None
        if level is not None and level_of(code) != level:
            indonesian, english = LEVEL_NAMES[level]
            self.add(
                field,
                "region.level",
                f"kode wilayah harus kode {indonesian}",
                f"the region code must be a {english} code",
            )
            return None
        if session.get(Region, code) is None:
            self.add(
                field,
                "region.unknown",
                "kode wilayah tidak terdaftar di Kemendagri",
                "not a Kemendagri region code",
            )
            return None
        return code

    # -- relations between fields ---------------------------------------------
    def order(
        self, earlier: tuple[str, date | None], later: tuple[str, date | None], strict: bool
    ) -> None:
        """``later``'s date must come after (``strict``) or on ``earlier``'s; the
        problem is reported on the later field, naming the earlier one."""
        (first_field, first), (second_field, second) = earlier, later
        if first is None or second is None:
            return
        if second < first or (strict and second == first):
            word_id = "setelah" if strict else "pada atau setelah"
            word_en = "after" if strict else "on or after"
            self.add(
                second_field,
                "date.order",
                f"tanggal harus {word_id} {first_field}",
                f"the date must be {word_en} {first_field}",
            )
