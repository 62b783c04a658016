"""Kemendagri administrative regions: codes, hierarchy, name search.

Codes are Kemendagri's (the ones a NIK uses), not BPS's. A code is written dotted
('35.09.01.2001') or, as in a NIK, undotted ('3509012001'). Levels: 1 province,
2 regency/city, 3 district (kecamatan), 4 village (desa/kelurahan; a village code
starting with 1 is an urban kelurahan, with 2 a rural desa).

The data ships with the package (``lindung/domain/data/wilayah``, MIT licence,
from cahyadsn/wilayah); :func:`region_directory` loads it once, lazily.
"""

from __future__ import annotations

import csv
import re
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from typing import IO

from lindung.errors import InvalidRegionCode, Problem

LEVEL_DIGITS = {1: 2, 2: 4, 3: 6, 4: 10}
LEVEL_NAMES = {1: "province", 2: "regency", 3: "district", 4: "village"}

# Prefixes people write before a name, folded away for search; the value is the
# kind of region the prefix announces (None when it says nothing about the kind).
_PREFIXES: dict[str, str | None] = {
    "provinsi": "provinsi",
    "prov": "provinsi",
    "kabupaten": "kabupaten",
    "kab": "kabupaten",
    "kota": "kota",
    "kecamatan": "kecamatan",
    "kec": "kecamatan",
    "desa": "desa",
    "kelurahan": "kelurahan",
    "kel": "kelurahan",
}
_NON_WORD = re.compile(r"[^0-9a-z]+")


@dataclass(frozen=True, slots=True)
class Region:
    code: str
    name: str
    level: int
    kind: str
    parent_code: str | None
    search_name: str

    @property
    def undotted(self) -> str:
        return self.code.replace(".", "")


def normalise_code(value: str, field: str = "region_code") -> str:
    """Return the dotted form of a region code written dotted or undotted.

    Raises :class:`InvalidRegionCode` naming ``field`` when the code has the wrong
    shape. Whether the region exists is a separate question (:meth:`RegionDirectory.get`).
    """
    raw = value.strip()
    digits = raw.replace(".", "")
    problems: list[Problem] = []
    if not digits.isdigit():
        problems.append(
            Problem(
                field,
                "region.not_digits",
                "kode wilayah hanya boleh berisi angka dan titik",
                "a region code may contain only digits and dots",
            )
        )
    elif len(digits) not in LEVEL_DIGITS.values():
        problems.append(
            Problem(
                field,
                "region.length",
                "kode wilayah harus 2, 4, 6 atau 10 digit",
                "a region code has 2, 4, 6 or 10 digits",
            )
        )
    elif "." in raw and raw != dotted(digits):
        problems.append(
            Problem(
                field,
                "region.dots",
                "titik pada kode wilayah salah tempat (contoh: 35.09.01.2001)",
                "misplaced dots in the region code (e.g. 35.09.01.2001)",
            )
        )
    if problems:
        raise InvalidRegionCode(problems)
    return dotted(digits)


def dotted(digits: str) -> str:
    parts = [digits[:2], digits[2:4], digits[4:6], digits[6:10]]
    return ".".join(p for p in parts if p)


def level_of(code: str) -> int:
    return code.count(".") + 1


def parent_of(code: str) -> str | None:
    return code.rsplit(".", 1)[0] if "." in code else None


def kind_of(code: str, name: str) -> str:
    level = level_of(code)
    if level == 1:
        return "provinsi"
    if level == 2:
        return "kota" if name.lower().startswith("kota ") else "kabupaten"
    if level == 3:
        return "kecamatan"
    return "kelurahan" if code.rsplit(".", 1)[1].startswith("1") else "desa"


def fold_name(text: str) -> tuple[str | None, str]:
    """Fold a region name or query: ``('kabupaten', 'jember')`` for 'Kab. Jember'.

    Case, punctuation and a leading kind prefix ('Kabupaten', 'Kab.', 'Kota',
    'Kec.', ...) do not matter for search; the prefix, if any, is returned as a hint.
    """
    words = fold_text(text).split()
    kind: str | None = None
    if len(words) > 1 and words[0] in _PREFIXES:
        kind = _PREFIXES[words[0]]
        words = words[1:]
    return kind, " ".join(words)


def fold_text(text: str) -> str:
    """Lower case, punctuation to single spaces."""
    return " ".join(_NON_WORD.sub(" ", text.lower()).split())


def search_name_of(level: int, name: str) -> str:
    """The folded name stored for search: regencies lose their Kabupaten/Kota prefix."""
    return fold_name(name)[1] if level == 2 else fold_text(name)


def matches(region: Region, kind: str | None, stripped: str, whole: str) -> bool:
    """Does ``region`` match a query folded as (kind, stripped) or, whole, as written?"""
    if region.search_name.startswith(whole):
        return True
    return kind is not None and region.kind == kind and region.search_name.startswith(stripped)


class RegionDirectory:
    """An in-memory index of every region: lookup, hierarchy, search."""

    def __init__(self, regions: list[Region]) -> None:
        self._by_code = {r.code: r for r in regions}
        self._by_name = sorted(regions, key=lambda r: r.search_name)
        self._names = [r.search_name for r in self._by_name]
        self._children: dict[str | None, list[Region]] = defaultdict(list)
        for region in regions:
            self._children[region.parent_code].append(region)

    def __len__(self) -> int:
        return len(self._by_code)

    def __iter__(self) -> Iterator[Region]:
        return iter(self._by_code.values())

    def get(self, code: str) -> Region | None:
        """The region for a dotted or undotted code, or None if there is none."""
        try:
            return self._by_code.get(normalise_code(code))
        except InvalidRegionCode:
            return None

    def require(self, code: str, field: str = "region_code") -> Region:
        region = self._by_code.get(normalise_code(code, field))
        if region is None:
            raise InvalidRegionCode(
                [
                    Problem(
                        field,
                        "region.unknown",
                        "kode wilayah tidak terdaftar di Kemendagri",
                        "no Kemendagri region has this code",
                    )
                ]
            )
        return region

    def _starting_with(self, prefix: str) -> list[Region]:
        start = bisect_left(self._names, prefix)
        end = bisect_left(self._names, prefix + "\uffff", lo=start)
        return self._by_name[start:end]

    def children(self, code: str | None) -> list[Region]:
        """Direct children; ``None`` lists the provinces."""
        key = normalise_code(code) if code is not None else None
        return list(self._children.get(key, []))

    def ancestors(self, code: str) -> list[Region]:
        """From the province down to the parent of ``code``."""
        chain: list[Region] = []
        parent = parent_of(normalise_code(code))
        while parent is not None:
            chain.append(self._by_code[parent])
            parent = parent_of(parent)
        return list(reversed(chain))

    def search(self, query: str, level: int | None = None, limit: int = 20) -> list[Region]:
        """Regions whose folded name starts with the folded query, broadest first."""
        kind, stripped = fold_name(query)
        whole = fold_text(query)
        if not whole:
            return []
        candidates = self._starting_with(whole)
        if kind is not None:
            candidates += [r for r in self._starting_with(stripped) if r.kind == kind]
        found = [
            r
            for r in dict.fromkeys(candidates)
            if (level is None or r.level == level) and matches(r, kind, stripped, whole)
        ]
        found.sort(key=lambda r: (r.search_name not in (stripped, whole), r.level, r.code))
        return found[:limit]


def read_regions(stream: IO[str]) -> list[Region]:
    regions = []
    for row in csv.DictReader(stream):
        code, name = row["kode"], row["nama"].strip()
        regions.append(
            Region(
                code=code,
                name=name,
                level=level_of(code),
                kind=kind_of(code, name),
                parent_code=parent_of(code),
                search_name=search_name_of(level_of(code), name),
            )
        )
    return regions


def data_file(name: str) -> str:
    """Path of a shipped data file, e.g. ``wilayah/kode_wilayah.csv``."""
    return str(files("lindung.domain") / "data" / name)


@cache
def region_directory() -> RegionDirectory:
    """The shipped Kemendagri regions, loaded once on first use."""
    with open(data_file("wilayah/kode_wilayah.csv"), encoding="utf-8") as stream:
        return RegionDirectory(read_regions(stream))


@dataclass(frozen=True, slots=True)
class Population:
    code: str
    name: str
    male: int
    female: int
    total: int


@cache
def population() -> dict[str, Population]:
    """Population by province and regency code (Kemendagri), national total under '0'."""
    with open(data_file("wilayah/penduduk.csv"), encoding="utf-8") as stream:
        return {
            row["kode"]: Population(
                row["kode"], row["nama"], int(row["pria"]), int(row["wanita"]), int(row["total"])
            )
            for row in csv.DictReader(stream)
        }
