"""CSV and JSON Lines readers: streamed, one row at a time.

CSV: the encoding comes from :func:`inspect_file`; the delimiter is sniffed from
the header line (``,``, ``;``, ``|`` or tab, whichever occurs most outside quotes).
A completely blank line is skipped and counted in a warning. A row with fewer fields
than the header (a truncated last line, say) or more is kept with its values; the
validator quarantines it.

JSON Lines: each non-blank line is one JSON object; a line that is not one is a row
with a ``row.json`` problem. The header is the keys of the first object.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from lindung.errors import Problem
from lindung.exchange.imports.source import RawRow, file_problem, refuse

DELIMITERS = (",", ";", "|", "\t")
FIELD_SIZE_LIMIT = 1 << 20  # 1 MiB; max_length checks happen per field afterwards


class CountingReader(io.RawIOBase):
    """A binary file that counts the bytes read (progress without ``tell``)."""

    def __init__(self, raw: IO[bytes]) -> None:
        self.raw = raw
        self.count = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        data = self.raw.read(len(buffer))
        buffer[: len(data)] = data
        self.count += len(data)
        return len(data)

    def close(self) -> None:
        self.raw.close()
        super().close()


def _empty() -> Problem:
    return file_problem("file.empty", "berkas kosong", "the file is empty")


def sniff_delimiter(line: str) -> str:
    """The most frequent candidate delimiter outside quotes (',' when none occurs)."""
    counts = dict.fromkeys(DELIMITERS, 0)
    quoted = False
    for char in line:
        if char == '"':
            quoted = not quoted
        elif not quoted and char in counts:
            counts[char] += 1
    best = max(DELIMITERS, key=lambda d: counts[d])
    return best if counts[best] else ","


class CsvSource:
    """A delimited text file."""

    def __init__(self, path: Path, encoding: str, size: int) -> None:
        csv.field_size_limit(FIELD_SIZE_LIMIT)
        self.size = size
        self._counter = CountingReader(path.open("rb"))
        self._text = io.TextIOWrapper(
            io.BufferedReader(self._counter, 1 << 16), encoding=encoding, newline=""
        )
        first = self._text.readline()
        if not first.strip():
            self.close()
            raise refuse(_empty())
        self.delimiter = sniff_delimiter(first)
        self.header = next(csv.reader([first], delimiter=self.delimiter))
        self.warnings: list[Problem] = []
        if self.delimiter != ",":
            name = {"\t": "tab"}.get(self.delimiter, self.delimiter)
            self.warnings.append(
                file_problem(
                    "file.delimiter",
                    f"pemisah kolom yang dipakai: {name}",
                    f"column delimiter used: {name}",
                )
            )

    def rows(self) -> Iterator[RawRow]:
        reader = csv.reader(self._text, delimiter=self.delimiter)
        number, blank = 1, 0
        while True:
            number += 1
            try:
                values = next(reader)
            except StopIteration:
                break
            except csv.Error:
                yield RawRow(number, [], _unreadable())
                continue
            if not values or (len(values) == 1 and not values[0].strip()):
                blank += 1
                number -= 1
                continue
            yield RawRow(number, list(values))
        if blank:
            self.warnings.append(
                file_problem(
                    "file.blank_lines",
                    f"{blank} baris kosong dilewati",
                    f"{blank} blank lines skipped",
                )
            )

    def progress(self) -> tuple[int, int]:
        return self._counter.count, self.size

    def close(self) -> None:
        self._text.close()


def _unreadable() -> Problem:
    return file_problem(
        "row.unreadable",
        "baris tidak terbaca sebagai CSV (tanda kutip atau ukuran kolom)",
        "the row cannot be read as CSV (quotes or field size)",
        name="row",
    )


class JsonLinesSource:
    """One JSON object per line."""

    def __init__(self, path: Path, encoding: str, size: int) -> None:
        self.size = size
        self._counter = CountingReader(path.open("rb"))
        self._text = io.TextIOWrapper(io.BufferedReader(self._counter, 1 << 16), encoding=encoding)
        self.warnings: list[Problem] = []
        self._pending: list[tuple[int, str]] = []
        self.header = self._first_header()

    def _first_header(self) -> list[str]:
        for number, line in enumerate(self._text, start=1):
            if not line.strip():
                continue
            self._pending.append((number, line))
            obj = _loads(line)
            if isinstance(obj, dict):
                return [str(key) for key in obj]
        if self._pending:
            return []
        self.close()
        raise refuse(_empty())

    def rows(self) -> Iterator[RawRow]:
        start = self._pending[-1][0] + 1 if self._pending else 1
        for number, line in self._pending:
            yield self._row(number, line)
        for number, line in enumerate(self._text, start=start):
            if line.strip():
                yield self._row(number, line)

    def _row(self, number: int, line: str) -> RawRow:
        obj = _loads(line)
        if not isinstance(obj, dict):
            return RawRow(number, [], _bad_json(), text=line.rstrip("\n"))
        values = [obj.get(name) for name in self.header]
        extra = [key for key in obj if key not in self.header]
        if extra:
            return RawRow(number, [], _extra_keys(len(extra)), text=line.rstrip("\n"))
        return RawRow(number, [_scalar(v) for v in values])

    def progress(self) -> tuple[int, int]:
        return self._counter.count, self.size

    def close(self) -> None:
        self._text.close()


def _scalar(value: Any) -> Any:
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False)
    return value


def _loads(line: str) -> Any:
    try:
        return json.loads(line)
    except ValueError:
        return None


def _bad_json() -> Problem:
    return file_problem(
        "row.json", "baris bukan objek JSON yang sah", "the line is not a valid JSON object", "row"
    )


def _extra_keys(count: int) -> Problem:
    return file_problem(
        "row.too_many_fields",
        f"baris memuat {count} kolom yang tidak ada di baris pertama",
        f"the line has {count} keys that the first line does not have",
        "row",
    )
