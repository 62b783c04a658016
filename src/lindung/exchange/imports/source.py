"""What every reader yields: a header, warnings, and rows read lazily.

A reader never materialises the file: rows come one at a time from an iterator,
each with its row number (as a spreadsheet shows it for CSV and XLSX, the header
being row 1; the line number for JSON Lines; the 1-based record number for
Parquet) and either its values, in header order, or the problem that kept it from
being read.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from lindung.errors import LindungError, Problem

FORMATS = ("csv", "xlsx", "parquet", "jsonl")
_SUFFIXES = {
    ".csv": "csv",
    ".txt": "csv",
    ".tsv": "csv",
    ".xlsx": "xlsx",
    ".parquet": "parquet",
    ".pq": "parquet",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
}
_BLOCK = 1 << 20


class ImportRefused(LindungError):
    """The file cannot be imported at all (unreadable, empty, bad header, no agreement).

    ``import_id`` is the ``failed`` import recorded for it, when the file got that far.
    """

    import_id: int | None = None


@dataclass
class RawRow:
    """One row as read: ``values`` in header order, or ``error`` when it could not be read."""

    number: int
    values: list[Any]
    error: Problem | None = None
    #: The row's text when it could not be split into values (kept for the quarantine).
    text: str | None = None


class Source(Protocol):
    """An opened partner file."""

    header: list[str]
    warnings: list[Problem]

    def rows(self) -> Iterator[RawRow]: ...

    def progress(self) -> tuple[int, int]:
        """(done, total) in the reader's unit (bytes or rows)."""
        ...

    def close(self) -> None: ...


@dataclass(frozen=True)
class FileFacts:
    """The file's SHA-256, size and (for text files) the encoding found."""

    sha256: str
    size: int
    encoding: str | None = None
    warnings: list[Problem] = field(default_factory=list)


def file_problem(code: str, message_id: str, message_en: str, name: str = "file") -> Problem:
    return Problem(name, code, message_id, message_en)


def refuse(*problems: Problem) -> ImportRefused:
    return ImportRefused("file refused", problems)


def detect_format(path: Path, declared: str | None = None) -> str:
    """The file's format: as declared, else by its suffix."""
    if declared:
        if declared not in FORMATS:
            raise refuse(_unknown_format())
        return declared
    found = _SUFFIXES.get(path.suffix.lower())
    if found is None:
        raise refuse(_unknown_format())
    return found


def _unknown_format() -> Problem:
    return file_problem(
        "file.format",
        "format berkas tidak dikenal; gunakan CSV, XLSX, Parquet atau JSON Lines",
        "unknown file format; use CSV, XLSX, Parquet or JSON Lines",
    )


def inspect_file(path: Path, text: bool) -> FileFacts:
    """Hash the file in one streamed pass; for text, find its encoding on the way.

    UTF-8 (with or without the BOM Excel writes) is checked in the same pass; a file
    that is not UTF-8 is read as Windows-1252 when that decodes it (a second pass),
    with a warning; otherwise ``encoding`` is None and the import is refused.
    """
    digest = hashlib.sha256()
    size = 0
    utf8 = True
    decoder = _utf8_decoder()
    bom = False
    with path.open("rb") as stream:
        while block := stream.read(_BLOCK):
            if size == 0 and block.startswith(b"\xef\xbb\xbf"):
                bom = True
            size += len(block)
            digest.update(block)
            if text and utf8:
                utf8 = _feeds(decoder, block, final=False)
    if text and utf8:
        utf8 = _feeds(decoder, b"", final=True)
    if not text:
        return FileFacts(digest.hexdigest(), size)
    if utf8:
        return FileFacts(digest.hexdigest(), size, "utf-8-sig" if bom else "utf-8")
    if _decodes(path, "cp1252"):
        warning = file_problem(
            "file.encoding_cp1252",
            "berkas bukan UTF-8; dibaca sebagai Windows-1252",
            "the file is not UTF-8; read as Windows-1252",
        )
        return FileFacts(digest.hexdigest(), size, "cp1252", [warning])
    return FileFacts(digest.hexdigest(), size, None)


def undecodable() -> Problem:
    return file_problem(
        "file.encoding",
        "pengodean berkas tidak dikenal; simpan sebagai CSV UTF-8",
        "unknown file encoding; save the file as CSV UTF-8",
    )


def _utf8_decoder() -> Any:
    import codecs

    return codecs.getincrementaldecoder("utf-8")()


def _feeds(decoder: Any, block: bytes, final: bool) -> bool:
    try:
        decoder.decode(block, final)
    except UnicodeDecodeError:
        return False
    return True


def _decodes(path: Path, encoding: str) -> bool:
    import codecs

    decoder = codecs.getincrementaldecoder(encoding)()
    with path.open("rb") as stream:
        while block := stream.read(_BLOCK):
            if not _feeds(decoder, block, final=False):
                return False
    return _feeds(decoder, b"", final=True)
