from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from lindung.linkage.model import MODEL_VERSION
from support.cli import RunCli
from support.linkage import LinkFiles

HEADER = "record_id,full_name,birth_date,sex,nik,passport_no,birth_place\n"

#: Measured on these files (seed 11, 1,000 workers) at threshold 0.9: F1 0.998 for
#: the Indonesian model, 0.75 for a generic Splink model (first/last token
#: Jaro-Winkler, date of birth; benchmarks/linkage). The bar sits between.
F1_BAR = 0.97


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_link_finds_the_same_people_and_explains_each_link(
    run_cli: RunCli, link_files: LinkFiles, tmp_path: Path
) -> None:
    out = tmp_path / "result" / "links.csv"
    run = run_cli(
        "link", "--left", str(link_files.left), "--right", str(link_files.right), "--out", str(out)
    )
    assert run.code == 0, run.err
    rows = _rows(out)
    assert rows
    assert list(rows[0])[:4] == ["left_id", "right_id", "match_probability", "match_weight"]
    assert {"mw_name", "mw_birth_date", "mw_sex", "mw_nik", "model"} <= set(rows[0])
    assert all(0.9 <= float(r["match_probability"]) <= 1 for r in rows)
    explained = float(rows[0]["mw_name"]) + float(rows[0]["mw_birth_date"])
    assert explained > 0
    model = out.with_name(f"links.model-v{MODEL_VERSION}.json")
    assert {r["model"] for r in rows} == {model.name}
    assert json.loads(model.read_text())["link_type"] == "link_only"

    found = {(r["left_id"], r["right_id"]) for r in rows}
    true_positives = len(found & link_files.truth)
    precision = true_positives / len(found)
    recall = true_positives / len(link_files.truth)
    f1 = 2 * precision * recall / (precision + recall)
    assert f1 >= F1_BAR, (precision, recall, f1)


def test_dedupe_finds_repeated_travellers(
    run_cli: RunCli, link_files: LinkFiles, tmp_path: Path
) -> None:
    out = tmp_path / "dupes.csv"
    run = run_cli("link", "--dedupe", str(link_files.right), "--out", str(out))
    assert run.code == 0, run.err
    rows = _rows(out)
    assert rows
    assert all(r["left_id"].startswith("IMG-") and r["right_id"].startswith("IMG-") for r in rows)
    found = {tuple(sorted((r["left_id"], r["right_id"]))) for r in rows}
    assert len(found) == len(rows)  # each pair once
    hits = len(found & link_files.right_duplicates)
    assert hits / len(found) >= 0.98  # precision
    assert hits / len(link_files.right_duplicates) >= 0.95  # recall


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_a_small_file_is_linked_with_a_warning(run_cli: RunCli, tmp_path: Path) -> None:
    records = _write(
        tmp_path / "r.csv",
        HEADER
        + "a,Siti Aminah,1990-04-03,F,,,\n"
        + "b,SITI AMINAH BINTI ABDUL,03/04/1990,P,,,\n"
        + "c,Djoko Widodo,21-06-1961,L,,,Solo\n",
    )
    out = tmp_path / "o.csv"
    run = run_cli("link", "--dedupe", str(records), "--out", str(out), "--threshold", "0")
    assert run.code == 0, run.err
    assert "fewer than 1,000 records" in run.err
    assert {(r["left_id"], r["right_id"]) for r in _rows(out)} >= {("a", "b")}


def test_a_missing_column_is_named(run_cli: RunCli, link_files: LinkFiles, tmp_path: Path) -> None:
    left = _write(tmp_path / "l.csv", "record_id,full_name,birth_date,sex,passport_no\n1,A,,,\n")
    run = run_cli("link", "--left", str(left), "--right", str(link_files.right), "--out", "o.csv")
    assert run.code == 1
    assert "column 'nik' is missing" in run.err
    assert "column 'birth_place' is missing" in run.err
    assert "Traceback" not in run.err


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("broken.parquet", "not a parquet file", "cannot read"),
        ("records.xlsx", "", "expected a .csv or .parquet file"),
        ("absent.csv", None, "no such file"),
    ],
)
def test_an_unreadable_file_is_refused(
    run_cli: RunCli, tmp_path: Path, name: str, content: str | None, expected: str
) -> None:
    path = tmp_path / name
    if content is not None:
        path.write_text(content, encoding="utf-8")
    run = run_cli("link", "--dedupe", str(path), "--out", str(tmp_path / "o.csv"))
    assert run.code == 1
    assert expected in run.err
    assert "Traceback" not in run.err


def test_a_bad_date_and_sex_name_the_row_not_the_value(run_cli: RunCli, tmp_path: Path) -> None:
    records = _write(
        tmp_path / "r.csv",
        HEADER
        + "a,Siti Aminah,1990-04-03,F,,,\n"
        + "b,Joko Widodo,03/04/1990,L,,,\n"
        + "c,Sri Rahayu,1990-31-12,P,,,\n"
        + "d,Agus,1990-01-02,X,,,\n",
    )
    run = run_cli("link", "--dedupe", str(records), "--out", str(tmp_path / "o.csv"))
    assert run.code == 1
    assert "row 3: birth_date is not a date" in run.err
    assert "row 4: sex is not a sex code" in run.err
    assert "1990-31-12" not in run.err
    assert "Sri" not in run.err


def test_a_repeated_record_id_is_refused(run_cli: RunCli, tmp_path: Path) -> None:
    records = _write(tmp_path / "r.csv", HEADER + "a,Siti,,,,,\na,Sri,,,,,\n,Agus,,,,,\n")
    run = run_cli("link", "--dedupe", str(records), "--out", str(tmp_path / "o.csv"))
    assert run.code == 1
    assert "row 1, 2: record_id is repeated" in run.err
    assert "row 3: record_id is empty" in run.err


def test_an_unwritable_output_is_refused_before_training(
    run_cli: RunCli, link_files: LinkFiles, tmp_path: Path
) -> None:
    blocker = _write(tmp_path / "a-file", "")
    out = blocker / "links.csv"  # a directory that cannot exist: a file is in the way
    run = run_cli("link", "--dedupe", str(link_files.right), "--out", str(out))
    assert run.code == 1
    assert "cannot write" in run.err
    assert "train" not in run.err


def test_inputs_are_either_left_and_right_or_dedupe(run_cli: RunCli, tmp_path: Path) -> None:
    run = run_cli("link", "--left", "a.csv", "--out", str(tmp_path / "o.csv"))
    assert run.code == 1
    assert "give --left and --right, or --dedupe alone" in run.err
