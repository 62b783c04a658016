"""XLSX and Parquet readers: streamed, one row at a time.

XLSX through openpyxl in read-only mode: the data sheet is the first sheet whose
first non-empty row (within the first 20) names at least one of the dataset's
columns; other non-empty sheets are reported as a warning, not read. Formulas are
read as their text (``=A1+B1``), never evaluated: they are stored as text and
neutralised on any CSV output. Read-only mode sees only the top-left value of a
merged range, so the ranges are read from the sheet's XML: each covered cell takes
the merged value (what a person sees on screen), and the import carries a warning.

Parquet through pyarrow, one record batch at a time.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from itertools import islice
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import iterparse

from lindung.errors import Problem
from lindung.exchange.imports.source import RawRow, file_problem, refuse

HEADER_SEARCH_ROWS = 20
_CELL = re.compile(r"([A-Z]+)(\d+)")


def _empty() -> Problem:
    return file_problem("file.empty", "berkas kosong", "the file is empty")


def _unreadable(kind: str) -> Problem:
    return file_problem(
        "file.unreadable",
        f"berkas tidak dapat dibaca sebagai {kind}",
        f"the file cannot be read as {kind}",
    )


def _column_index(letters: str) -> int:
    index = 0
    for char in letters:
        index = index * 26 + ord(char) - 64
    return index - 1


Merge = tuple[int, int, int, int]  # min_row, min_col, max_row, max_col (0-based cols)


def _merged_ranges(archive: Any, sheet_path: str) -> list[Merge]:
    ranges: list[Merge] = []
    with archive.open(sheet_path) as stream:
        # The sheet XML comes from the workbook openpyxl already parsed; ElementTree
        # resolves no external entities and expat >= 2.4.1 bounds entity expansion.
        for _event, element in iterparse(stream):  # noqa: S314
            if element.tag.endswith("}mergeCell"):
                start, _, end = element.get("ref", "").partition(":")
                a, b = _CELL.fullmatch(start), _CELL.fullmatch(end or start)
                if a and b:
                    ranges.append((int(a[2]), _column_index(a[1]), int(b[2]), _column_index(b[1])))
            if element.tag.endswith("}row"):
                element.clear()
    return ranges


class XlsxSource:
    """The data sheet of an Excel workbook."""

    def __init__(self, path: Path, known: Callable[[str], bool]) -> None:
        from openpyxl import load_workbook

        try:
            self._book = load_workbook(path, read_only=True, data_only=False)
        except Exception:  # openpyxl raises many kinds for a damaged or foreign file
            raise refuse(_unreadable("XLSX")) from None
        self.warnings: list[Problem] = []
        found = self._find_sheet(known)
        if found is None:
            self._book.close()
            raise refuse(_empty())
        self._sheet, self._header_row, self.header = found
        self._merges = _merged_ranges(self._book._archive, self._sheet._worksheet_path)
        if self._merges:
            self.warnings.append(
                file_problem(
                    "xlsx.merged_cells",
                    f"{len(self._merges)} rentang sel gabungan; nilainya dipakai untuk "
                    "setiap sel dalam rentang",
                    f"{len(self._merges)} merged cell ranges; their value is used for "
                    "every cell they cover",
                )
            )
        self._total = self._sheet.max_row or 0
        self._done = 0

    def _find_sheet(self, known: Callable[[str], bool]) -> tuple[Any, int, list[str]] | None:
        chosen: tuple[Any, int, list[str]] | None = None
        others: list[str] = []
        for sheet in self._book.worksheets:
            head = _first_row(sheet)
            if head is None:
                continue
            row_number, values = head
            if chosen is None and any(known(v) for v in values):
                chosen = (sheet, row_number, values)
            else:
                others.append(sheet.title)
        if chosen is not None and others:
            self.warnings.append(
                file_problem(
                    "xlsx.other_sheets",
                    f"hanya lembar '{chosen[0].title}' yang dibaca; lembar lain diabaikan: "
                    + ", ".join(others),
                    f"only sheet '{chosen[0].title}' was read; other sheets ignored: "
                    + ", ".join(others),
                )
            )
        return chosen

    def rows(self) -> Iterator[RawRow]:
        width = len(self.header)
        covering = self._covering()
        for number, cells in enumerate(
            self._sheet.iter_rows(min_row=self._header_row + 1, values_only=True),
            start=self._header_row + 1,
        ):
            self._done = number
            values = list(cells)
            for (row, col), value in covering.get(number, {}).items():
                _ = row
                while len(values) <= col:
                    values.append(None)
                values[col] = value
            while values and _blank(values[-1]) and len(values) > width:
                values.pop()
            if all(_blank(v) for v in values):
                continue
            yield RawRow(number, values)

    def _covering(self) -> dict[int, dict[tuple[int, int], Any]]:
        """For each row inside a merged range: (row, col) -> the range's top-left value."""
        if not self._merges:
            return {}
        tops = {(r0, c0) for r0, c0, _, _ in self._merges}
        top_values: dict[tuple[int, int], Any] = {}
        for r0, _c0 in tops:
            row = next(self._sheet.iter_rows(min_row=r0, max_row=r0, values_only=True), ())
            for r, c in tops:
                if r == r0 and c < len(row):
                    top_values[(r, c)] = row[c]
        covering: dict[int, dict[tuple[int, int], Any]] = {}
        for r0, c0, r1, c1 in self._merges:
            for r in range(r0, r1 + 1):
                for c in range(c0, c1 + 1):
                    covering.setdefault(r, {})[(r, c)] = top_values.get((r0, c0))
        return covering

    def progress(self) -> tuple[int, int]:
        return self._done, max(self._total, self._done)

    def close(self) -> None:
        self._book.close()


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _first_row(sheet: Any) -> tuple[int, list[str]] | None:
    rows = sheet.iter_rows(max_row=HEADER_SEARCH_ROWS, values_only=True)
    for number, cells in enumerate(islice(rows, HEADER_SEARCH_ROWS), start=1):
        values = list(cells)
        while values and _blank(values[-1]):
            values.pop()
        if values:
            return number, ["" if v is None else str(v) for v in values]
    return None


class ParquetSource:
    """A Parquet file, read batch by batch."""

    def __init__(self, path: Path, batch_size: int = 10_000) -> None:
        import pyarrow.parquet as pq

        try:
            self._file = pq.ParquetFile(path)
        except Exception:  # pyarrow raises ArrowInvalid, OSError... for a foreign file
            raise refuse(_unreadable("Parquet")) from None
        self.header = list(self._file.schema_arrow.names)
        self.warnings: list[Problem] = []
        self._batch_size = batch_size
        self._total = self._file.metadata.num_rows
        self._done = 0

    def rows(self) -> Iterator[RawRow]:
        number = 0
        for batch in self._file.iter_batches(batch_size=self._batch_size):
            columns = [column.to_pylist() for column in batch.columns]
            for values in zip(*columns, strict=True):
                number += 1
                yield RawRow(number, list(values))
            self._done = number

    def progress(self) -> tuple[int, int]:
        return self._done, self._total

    def close(self) -> None:
        self._file.close()
