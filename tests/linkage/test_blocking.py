"""Blocking at scale: the candidate pairs of ``lindung link``'s blocking rules, run as
Splink runs them (each rule's SQL joining the prepared files), on small files built to
show each behaviour: common names do not multiply pairs, rare names keep the rules
that tolerate a date error, reordered names and a transposed NIK are still blocked,
and the optional ``address`` column is read when present."""

from __future__ import annotations

import csv
import tempfile
from collections.abc import Iterable
from pathlib import Path

import duckdb
from hypothesis import given, settings
from hypothesis import strategies as st

from lindung.linkage.model import PLACEHOLDER_BLOCK_CAP, RARE_BLOCK_CAP, blocking_rules
from lindung.linkage.prepare import prepare

HEADER = ["record_id", "full_name", "birth_date", "sex", "nik", "passport_no", "birth_place"]


def _write(path: Path, rows: Iterable[dict[str, str]], extra: tuple[str, ...] = ()) -> Path:
    with path.open("w", newline="", encoding="utf-8") as out:
        writer = csv.DictWriter(out, [*HEADER, *extra])
        writer.writeheader()
        for row in rows:
            writer.writerow({c: row.get(c, "") for c in [*HEADER, *extra]})
    return path


def _pairs(left: Path, right: Path) -> list[tuple[str, str, int]]:
    """Every (left id, right id, first rule number) the blocking rules generate."""
    con = duckdb.connect()
    prepare(con, left, "l")
    prepare(con, right, "r")
    found: dict[tuple[str, str], int] = {}
    for number, rule in enumerate(blocking_rules()):
        sql = rule.get_blocking_rule("duckdb").blocking_rule_sql
        query = f"SELECT l.unique_id, r.unique_id FROM l JOIN r ON {sql}"
        for a, b in con.execute(query).fetchall():
            found.setdefault((a, b), number)
    con.close()
    return [(a, b, n) for (a, b), n in found.items()]


def test_a_common_name_with_a_wrong_day_is_not_paired_with_everyone(tmp_path: Path) -> None:
    # 'siti aminah' born in 1995 many times on each side: the name + year rule would
    # pair every one with every other; capped, none of the different-date pairs is made
    many = RARE_BLOCK_CAP + 5
    left = _write(
        tmp_path / "l.csv",
        (
            {"record_id": f"L{i}", "full_name": "Siti Aminah", "birth_date": f"1995-03-{i + 1:02d}"}
            for i in range(many)
        ),
    )
    right = _write(
        tmp_path / "r.csv",
        (
            {"record_id": f"R{i}", "full_name": "SITI AMINAH", "birth_date": f"1995-04-{i + 1:02d}"}
            for i in range(many)
        ),
    )
    assert _pairs(left, right) == []


def test_a_rare_name_with_a_wrong_day_is_still_paired(tmp_path: Path) -> None:
    left = _write(
        tmp_path / "l.csv",
        [{"record_id": "L1", "full_name": "Maria Goreti Kewa Hurit", "birth_date": "1990-05-14"}],
    )
    right = _write(
        tmp_path / "r.csv",
        [{"record_id": "R1", "full_name": "MARIA GORETI KEWA HURIT", "birth_date": "1990-05-19"}],
    )
    assert [(a, b) for a, b, _ in _pairs(left, right)] == [("L1", "R1")]


def test_a_placeholder_date_is_paired_within_a_common_name(tmp_path: Path) -> None:
    # more than the rare-block cap, within the placeholder cap: a voter-list record with
    # only the year known (1 January) still meets the registry records of that name
    many = RARE_BLOCK_CAP + 5
    assert many <= PLACEHOLDER_BLOCK_CAP
    left = _write(
        tmp_path / "l.csv",
        (
            {"record_id": f"L{i}", "full_name": "Nur Hidayah", "birth_date": f"1988-06-{i + 1:02d}"}
            for i in range(many)
        ),
    )
    right = _write(
        tmp_path / "r.csv",
        [{"record_id": "R1", "full_name": "Hj. Nur Hidayah", "birth_date": "01/01/1988"}],
    )
    assert sorted(a for a, _, _ in _pairs(left, right)) == sorted(f"L{i}" for i in range(many))


def test_names_in_another_order_and_a_transposed_nik_are_paired(tmp_path: Path) -> None:
    left = _write(
        tmp_path / "l.csv",
        [
            {"record_id": "L1", "full_name": "Maria Hurit", "birth_date": "1991-02-03"},
            {"record_id": "L2", "full_name": "Budi", "nik": "3201010101900001"},
        ],
    )
    right = _write(
        tmp_path / "r.csv",
        [
            {"record_id": "R1", "full_name": "HURIT MARIA", "birth_date": "1991-02-03"},
            {"record_id": "R2", "full_name": "Joko", "nik": "3201010110900001"},
        ],
    )
    assert sorted((a, b) for a, b, _ in _pairs(left, right)) == [("L1", "R1"), ("L2", "R2")]


def test_an_address_is_read_when_present_and_pairs_a_changed_name(tmp_path: Path) -> None:
    left = _write(
        tmp_path / "l.csv",
        [
            {
                "record_id": "L1",
                "full_name": "Chloe Musolino",
                "address": "19 Warrumbul St, Brighton",
            }
        ],
        ("address",),
    )
    right = _write(
        tmp_path / "r.csv",
        [{"record_id": "R1", "full_name": "Caleb Smith", "address": "19 warrumbul street"}],
        ("address",),
    )
    assert [(a, b) for a, b, _ in _pairs(left, right)] == [("L1", "R1")]
    con = duckdb.connect()
    prepare(con, left, "with_address")
    prepare(con, _write(tmp_path / "none.csv", [{"record_id": "X"}]), "without")
    assert con.execute("SELECT address, address_words FROM with_address").fetchall() == [
        ("19 warrumbul st brighton", ["19", "brighton", "st", "warrumbul"])
    ]
    assert con.execute("SELECT address FROM without").fetchall() == [(None,)]


@settings(max_examples=15, deadline=None)
@given(
    common=st.integers(min_value=1, max_value=3 * RARE_BLOCK_CAP),
    right_copies=st.integers(min_value=1, max_value=3),
)
def test_pairs_stay_linear_in_a_block_of_one_name_and_year(common: int, right_copies: int) -> None:
    # every left record is one name, one year, a different day; the right holds each
    # of them `right_copies` times on the next day: the true pair is a one-day slip.
    # Whatever the block size, no left record gets more than the cap of pairs, and
    # below the cap every true pair is there
    with tempfile.TemporaryDirectory() as work:
        pairs = _one_name_and_year(Path(work), common, right_copies)
    per_left: dict[str, int] = {}
    for a, _, _ in pairs:
        per_left[a] = per_left.get(a, 0) + 1
    assert max(per_left.values(), default=0) <= RARE_BLOCK_CAP
    if common * right_copies <= RARE_BLOCK_CAP:
        true = {(f"L{i}", f"R{i}-{c}") for i in range(common) for c in range(right_copies)}
        assert true <= {(a, b) for a, b, _ in pairs}


def _one_name_and_year(folder: Path, common: int, right_copies: int) -> list[tuple[str, str, int]]:
    days = [(2 + i % 26, 1 + i // 26) for i in range(common)]  # never 1 Jan (a placeholder)
    left = _write(
        folder / "l.csv",
        (
            {
                "record_id": f"L{i}",
                "full_name": "Dewi Lestari",
                "birth_date": f"1999-{m:02d}-{d:02d}",
            }
            for i, (d, m) in enumerate(days)
        ),
    )
    right = _write(
        folder / "r.csv",
        (
            {
                "record_id": f"R{i}-{c}",
                "full_name": "Dewi Lestari",
                "birth_date": f"1999-{m:02d}-{d + 1:02d}",
            }
            for i, (d, m) in enumerate(days)
            for c in range(right_copies)
        ),
    )
    return _pairs(left, right)
