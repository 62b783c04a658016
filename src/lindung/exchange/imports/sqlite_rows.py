"""SQLite inserts of many rows per statement.

``sqlite3``'s ``executemany`` has a cost of its own for every parameter set besides
binding the values (resetting the statement, stepping it with the GIL let go and
taken back): about 1 µs per row, for a million rows more than a third of the
insert. One ``INSERT ... VALUES (...), (...), ...`` of :data:`ROWS` rows pays it
once per :data:`ROWS` rows, and the GIL is let go once per statement instead of
once per row, so the thread that checks the next batch waits less for it. The
rows are stored in the order given, exactly as one statement per row would
store them; the few left over at the end go one per statement.

``sqlite3`` binds None through its adapter lookup, about 0.2 µs more than a text:
for a million rows with an empty optional column, 0.2 s of the insert thread's time
with the GIL held. A column named in ``zero_is_null`` (text columns only) is
therefore written as ``NULLIF(?, 0)`` and may be given 0 for None: an integer never
equals a text in SQLite, so every text is stored as given, 0 and None as NULL.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Collection, Sequence
from typing import Any

#: Rows per statement (from 10 to 100 rows the cost per row is about the same).
ROWS = 32
#: The lowest limit on bound values per statement of any SQLite build (before 3.32).
MAX_VARIABLES = 999


class ManyRows:
    """One table's ``INSERT`` of ``bound`` columns (bound per row), ``literals``
    (column name -> SQL literal, the same on every row), and the text columns whose
    0 is stored as NULL (``zero_is_null``)."""

    def __init__(
        self,
        table: str,
        bound: Sequence[str],
        literals: dict[str, str],
        zero_is_null: Collection[str] = (),
    ) -> None:
        if not bound:
            raise ValueError("at least one column must be bound")
        names = ", ".join(f'"{name}"' for name in [*bound, *literals])
        marks = ["NULLIF(?, 0)" if name in zero_is_null else "?" for name in bound]
        row = "(" + ", ".join(marks + list(literals.values())) + ")"
        self.width = len(bound)
        self.rows = max(1, min(ROWS, MAX_VARIABLES // self.width))
        head = f'INSERT INTO "{table}" ({names}) VALUES '  # noqa: S608 (names from the model)
        self.one = head + row
        self.many = head + ", ".join([row] * self.rows)

    def columns(self, driver: sqlite3.Connection, columns: Sequence[list[Any]]) -> None:
        """Insert the rows given by column (each list one bound column, in order)."""
        length = len(columns[0])
        flat: list[Any] = [None] * (length * self.width)
        for position, column in enumerate(columns):
            flat[position :: self.width] = column  # row-major, at C speed
        self._flat(driver, flat, length)

    def records(self, driver: sqlite3.Connection, records: Sequence[Sequence[Any]]) -> None:
        """Insert the rows given as sequences of the bound values."""
        flat = [value for record in records for value in record]
        self._flat(driver, flat, len(records))

    def _flat(self, driver: sqlite3.Connection, flat: list[Any], length: int) -> None:
        if len(flat) != length * self.width:
            raise ValueError(f"{len(flat)} values for {length} rows of {self.width}")
        whole = length - length % self.rows
        step = self.rows * self.width
        if whole:
            driver.executemany(
                self.many, (flat[i : i + step] for i in range(0, whole * self.width, step))
            )
        if whole < length:
            rest = whole * self.width
            width = self.width
            driver.executemany(
                self.one, (flat[i : i + width] for i in range(rest, length * width, width))
            )
