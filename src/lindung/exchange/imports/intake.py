"""The rows of one import on their way to the writer: checked, deduplicated, chunked.

Rows come one at a time (:meth:`Intake.row`: the per-row validator) or as Arrow
batches (:meth:`Intake.batch`: the vectorised fast accept, with every row it does
not accept going through :meth:`Intake.row`). Either way the rows reach the
database in file order, each repeated natural key is quarantined at its second
occurrence, and the content hash is the same.

A row stored without a ``drop_invalid`` value (:mod:`lindung.exchange.imports.validate`)
is counted by field and reason (:class:`Dropped`) for the import's warnings, and
carries the dropped fields' names (``DROPPED``) so that an update keeps the value an
earlier import stored there.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

import pyarrow as pa

from lindung.errors import Problem
from lindung.exchange.datasets import DatasetSpec
from lindung.exchange.imports.column_hash import batch_hashes
from lindung.exchange.imports.fast_accept import Accepted, accept
from lindung.exchange.imports.fast_csv import Slice
from lindung.exchange.imports.report import problems_as_json
from lindung.exchange.imports.source import RawRow
from lindung.exchange.imports.validate import RowValidator, content_hash
from lindung.exchange.imports.writer import DROPPED, ChunkWriter

#: Row numbers named per warning on dropped values (the count covers them all).
ROWS_NAMED = 20


@dataclass
class Dropped:
    """Values an import did not store, rows kept: per (field, code), how many rows
    and the first row numbers; the message of the first."""

    counts: Counter[tuple[str, str]] = field(default_factory=Counter)
    rows: dict[tuple[str, str], list[int]] = field(default_factory=lambda: defaultdict(list))
    first: dict[tuple[str, str], Problem] = field(default_factory=dict)

    def add(self, number: int, problems: list[Problem]) -> None:
        """Row ``number`` was stored without the values ``problems`` are about."""
        seen: set[tuple[str, str]] = set()
        for problem in problems:
            key = (problem.field, problem.code)
            if key in seen:
                continue  # the same reason twice in one row (a NIK's day and month)
            seen.add(key)
            self.counts[key] += 1
            self.first.setdefault(key, problem)
            if len(self.rows[key]) < ROWS_NAMED:
                self.rows[key].append(number)

    def warnings(self) -> list[Problem]:
        """One warning per field and reason: the reason, the rows, what was done."""
        found: list[Problem] = []
        for key in sorted(self.counts):
            name, code = key
            count, first = self.counts[key], self.first[key]
            rows = ", ".join(str(n) for n in self.rows[key])
            more = " …" if count > len(self.rows[key]) else ""
            found.append(
                Problem(
                    name,
                    code,
                    f"{first.message_id} — {count:,} baris disimpan tanpa {name} "
                    f"(baris {rows}{more})",
                    f"{first.message_en} — {count:,} rows stored without {name} "
                    f"(rows {rows}{more})",
                )
            )
        return found


class Intake:
    """Checks rows and hands them to the writer in chunks; counts what it saw."""

    def __init__(
        self,
        spec: DatasetSpec,
        validator: RowValidator,
        writer: ChunkWriter,
        import_id: int,
        chunk_size: int,
    ) -> None:
        self.spec, self.validator, self.writer = spec, validator, writer
        self.import_id, self.chunk_size = import_id, chunk_size
        self.names = spec.field_names
        self.received = 0
        self.seen: set[int] = set()
        self.reasons: Counter[tuple[str, str]] = Counter()
        self.dropped = Dropped()
        self.good: list[dict[str, Any]] = []
        self.bad: list[tuple[int, dict[str, Any], list[Any]]] = []
        self._whole: _Checked | None = None

    def row(self, raw: RawRow) -> bool:
        """Check one row; True when a chunk was written."""
        self.received += 1
        checked = self.validator.check(raw)
        if checked.values is not None:
            key = key_hash([checked.values[k] for k in self.spec.natural_key])
            if key in self.seen:
                checked.problems.append(_duplicate_key(self.spec))
                checked.raw = self.validator.raw(raw)
            else:
                self.seen.add(key)
        if checked.problems:
            self.reasons.update((p.field, p.code) for p in checked.problems)
            self.bad.append((checked.number, checked.raw, problems_as_json(checked.problems)))
        else:
            assert checked.values is not None
            if checked.dropped:
                self.dropped.add(checked.number, checked.dropped)
                checked.values[DROPPED] = frozenset(p.field for p in checked.dropped)
            self._good(checked.values, checked.number)
        if len(self.good) + len(self.bad) >= self.chunk_size:
            self.flush()
            return True
        return False

    def _good(self, values: dict[str, Any], number: int) -> None:
        values["row_number"] = number
        values["content_hash"] = content_hash(values, self.names)
        self.good.append(values)

    def flush(self) -> None:
        self.writer.write(self.good)
        self.writer.quarantine(self.import_id, self.bad)
        self.good, self.bad = [], []

    def batch(self, part: Slice) -> None:
        """Rows of an Arrow batch: the accepted ones by column, the others row by row.

        The batch is checked (and hashed) whole, once, at its first slice.
        """
        whole = self._checked(part.batch)
        ok = whole.ok[part.start : part.stop]
        keys = whole.keys[part.start : part.stop]
        self.flush()
        if all(ok) and self._claim(keys):
            self.received += len(keys)
            length = part.stop - part.start
            values = {name: array.slice(part.start, length) for name, array in whole.values.items()}
            numbers = list(range(part.first + part.start, part.first + part.stop))
            # Hashed here, not on the SQLite insert thread: the two threads then carry
            # about the same work (the insert's binding and B-tree work is the larger).
            hashes = whole.hashes(self.names)[part.start : part.stop]
            self.writer.write_columns(values, numbers, lambda: hashes)
            return
        lists, raw_columns = whole.lists(self.names)
        for index in range(part.start, part.stop):
            if whole.ok[index] and whole.keys[index] not in self.seen:
                self.seen.add(whole.keys[index])
                self.received += 1
                row = {name: lists[name][index] for name in self.names}
                self._good(row, part.first + index)
                if len(self.good) + len(self.bad) >= self.chunk_size:
                    self.flush()
            else:
                raw = RawRow(part.first + index, [column[index] for column in raw_columns])
                self.row(raw)
        self.flush()

    def _checked(self, batch: pa.RecordBatch) -> _Checked:
        if self._whole is None or self._whole.batch is not batch:
            accepted = accept(self.validator, batch.columns, batch.num_rows)
            self._whole = _Checked(batch, accepted, self.spec.natural_key)
        return self._whole

    def _claim(self, keys: list[int]) -> bool:
        """Add every key to those seen, if none repeats; else change nothing (set
        operations: no Python loop per row)."""
        if not self.seen.isdisjoint(keys) or len(set(keys)) != len(keys):
            return False
        self.seen.update(keys)
        return True


class _Checked:
    """One Arrow batch after the vectorised accept (Python lists made when needed)."""

    def __init__(self, batch: pa.RecordBatch, accepted: Accepted, key: tuple[str, ...]) -> None:
        self.batch = batch
        self.values = accepted.values
        self.ok: list[bool] = accepted.ok.to_pylist()
        columns = [accepted.values[name].to_pylist() for name in key]
        if len(columns) == 1:  # the common case: no tuple per row
            self.keys = list(map(hash, columns[0]))
        else:
            self.keys = list(map(hash, zip(*columns, strict=True)))
        self._hashes: list[str] | None = None
        self._lists: tuple[dict[str, list[Any]], list[list[Any]]] | None = None

    def hashes(self, names: tuple[str, ...]) -> list[str]:
        """The content hashes of the whole batch, made once (by whichever thread asks)."""
        if self._hashes is None:
            self._hashes = batch_hashes(self.values, names)
        return self._hashes

    def lists(self, names: tuple[str, ...]) -> tuple[dict[str, list[Any]], list[list[Any]]]:
        if self._lists is None:
            values = {name: self.values[name].to_pylist() for name in names}
            self._lists = values, [column.to_pylist() for column in self.batch.columns]
        return self._lists


def key_hash(values: list[Any]) -> int:
    """What :class:`Intake` remembers of a natural key (the batches compute the same)."""
    return hash(values[0]) if len(values) == 1 else hash(tuple(values))


def _duplicate_key(spec: DatasetSpec) -> Problem:
    key = "+".join(spec.natural_key)
    return Problem(
        key,
        "row.duplicate_key",
        f"{key} sama dengan baris sebelumnya dalam berkas ini",
        f"{key} repeats an earlier row of this file",
    )
