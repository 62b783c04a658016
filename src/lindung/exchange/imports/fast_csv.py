"""Reading a CSV file by Arrow batches, where Arrow provably reads it as ``csv.reader`` does.

The existing reader (:class:`CsvSource`) sniffs the encoding, delimiter and header;
Arrow's streaming reader (``pyarrow.csv.open_csv``, every column as text) then
reads the data with those parameters, but only for a file where the two readers
cannot disagree: UTF-8, no NUL byte, no carriage return outside ``\\r\\n``, no blank
line (the existing reader counts those in a warning), an unquoted or evenly quoted
header line. Anything Arrow cannot read (a row with too few or too many fields,
an unclosed quote, a field longer than ``csv.reader`` accepts) ends the batches:
the rest of the file, from the first record not yet handed out, comes row by row
from the existing reader.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

from lindung.exchange.imports.source import RawRow
from lindung.exchange.imports.text_readers import FIELD_SIZE_LIMIT, CountingReader, CsvSource

BLOCK_SIZE = 8 << 20
_SCAN = 1 << 22


def arrow_readable(path: Path, encoding: str, width: int) -> bool:
    """Whether Arrow reads this file record for record like ``csv.reader``."""
    if encoding not in ("utf-8", "utf-8-sig") or width < 2:
        return False
    with path.open("rb") as stream:
        if stream.readline().count(b'"') % 2:
            return False
        tail = b""
        while block := stream.read(_SCAN):
            if _bad_block(block) or _bad_block(tail + block[:2]):
                return False
            tail = (tail + block[-2:])[-2:]
        return not tail.endswith(b"\r")


def _bad_block(data: bytes) -> bool:
    """A NUL, a blank line or a carriage return outside ``\\r\\n`` (one at the very end
    may still be followed by a newline: the caller looks at each boundary again)."""
    if b"\x00" in data or b"\n\n" in data:
        return True
    if b"\r" not in data:  # the common case: three fast scans, no count
        return False
    if b"\n\r\n" in data:
        return True
    return data.count(b"\r") != data.count(b"\r\n") + data.endswith(b"\r")


@dataclass(frozen=True)
class Slice:
    """Rows ``start:stop`` of an Arrow batch whose row 0 is file row ``first``."""

    first: int
    batch: pa.RecordBatch
    start: int
    stop: int


class ArrowCsv:
    """Slices of Arrow batches, then any leftover rows one by one."""

    def __init__(self, path: Path, source: CsvSource, rows: int) -> None:
        self.path = path
        self.source = source
        self.width = len(source.header)
        self.names = [f"c{i}" for i in range(self.width)]
        self.rows = max(1, rows)
        self.handed = 0
        self._done = 0
        self.complete = False
        self._counter = CountingReader(path.open("rb"))

    def _slices(self, batch: pa.RecordBatch) -> Iterator[Slice]:
        """The batch in slices of at most ``rows`` rows (the import's chunk size)."""
        before, after = self._done, self._counter.count
        first = 2 + self.handed  # the header is row 1
        for start in range(0, batch.num_rows, self.rows):
            stop = min(batch.num_rows, start + self.rows)
            self.handed += stop - start
            self._done = before + int((after - before) * stop / batch.num_rows)
            yield Slice(first, batch, start, stop)

    def progress(self) -> tuple[int, int]:
        """Bytes read so far (estimated within Arrow's block), and the file's size."""
        return min(self._done, self.source.size), self.source.size

    def _reader(self) -> pacsv.CSVStreamingReader:
        return pacsv.open_csv(
            self._counter,
            read_options=pacsv.ReadOptions(
                skip_rows=1, column_names=self.names, block_size=BLOCK_SIZE
            ),
            parse_options=pacsv.ParseOptions(
                delimiter=self.source.delimiter,
                quote_char='"',
                double_quote=True,
                escape_char=False,
                newlines_in_values=True,
                ignore_empty_lines=True,
            ),
            convert_options=pacsv.ConvertOptions(
                column_types=dict.fromkeys(self.names, pa.string()),
                strings_can_be_null=False,
                quoted_strings_can_be_null=False,
                check_utf8=True,
            ),
        )

    def batches(self) -> Iterator[Slice]:
        try:
            reader = self._reader()
        except (pa.ArrowException, OSError):
            return
        while True:
            try:
                batch = reader.read_next_batch()
            except StopIteration:
                self.complete = True
                return
            except (pa.ArrowException, OSError):
                return
            if batch.num_columns != self.width or _too_long(batch):
                return
            yield from self._slices(batch)

    def close(self) -> None:
        self._counter.close()

    def leftover(self) -> Iterator[RawRow]:
        """The rows after the last batch handed out, from the existing reader."""
        if self.complete:
            return
        for index, row in enumerate(self.source.rows()):
            if index >= self.handed:
                yield row


def _too_long(batch: pa.RecordBatch) -> bool:
    for column in batch.columns:
        longest = pc.max(pc.utf8_length(column)).as_py()
        if longest is not None and longest >= FIELD_SIZE_LIMIT:
            return True
    return False
