"""The hostile file set, generated from code: every way a partner file goes wrong.

Each builder takes clean crossing rows (dicts, from the demo generator) and a
directory, writes one file and returns its path. ``tests/exchange/hostile/
test_hostile.py`` says what each one must give: a clean import or a complete report.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from pathlib import Path

from openpyxl import Workbook

Rows = list[dict[str, str]]
Builder = Callable[[Rows, Path], Path]
PAYLOADS = ("=cmd|' /C calc'!A0", "+SUM(1+1)", "-2+3", "@SUM(A1)", '=HYPERLINK("http://x")')


def _csv_text(rows: Rows, delimiter: str = ",", header: list[str] | None = None) -> str:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
    names = header or list(rows[0])
    writer.writerow(names)
    for row in rows:
        writer.writerow([row.get(n, "") for n in (header or list(rows[0]))])
    return out.getvalue()


def windows_1252(rows: Rows, out: Path) -> Path:
    rows = [dict(r) for r in rows]
    rows[0]["name"] = "JOSÉ MARÍA GONÇALVES"
    rows[1]["checkpoint"] = "Soekarno–Hatta"  # en dash: 0x96 in Windows-1252
    out.write_bytes(_csv_text(rows).encode("cp1252"))
    return out


def utf8_bom(rows: Rows, out: Path) -> Path:
    out.write_bytes(b"\xef\xbb\xbf" + _csv_text(rows).encode("utf-8"))
    return out


def undecodable(rows: Rows, out: Path) -> Path:
    out.write_bytes(_csv_text(rows).encode("utf-8") + b"\x81\x8d\xc3\x28\n")
    return out


def semicolons(rows: Rows, out: Path) -> Path:
    out.write_text(_csv_text(rows, ";"), encoding="utf-8")
    return out


def tabs(rows: Rows, out: Path) -> Path:
    out.write_text(_csv_text(rows, "\t"), encoding="utf-8")
    return out


def missing_columns(rows: Rows, out: Path) -> Path:
    header = [n for n in rows[0] if n not in ("passport_number", "checkpoint")]
    out.write_text(_csv_text(rows, header=header), encoding="utf-8")
    return out


def extra_columns(rows: Rows, out: Path) -> Path:
    rows = [dict(r, catatan="cek ulang", petugas="budi") for r in rows]
    out.write_text(_csv_text(rows), encoding="utf-8")
    return out


def duplicated_header(rows: Rows, out: Path) -> Path:
    header = [*rows[0], "NAMA"]  # 'nama' is an alias of name
    rows = [dict(r, NAMA=r["name"]) for r in rows]
    out.write_text(_csv_text(rows, header=header), encoding="utf-8")
    return out


def empty(rows: Rows, out: Path) -> Path:
    out.write_bytes(b"")
    return out


def header_only(rows: Rows, out: Path) -> Path:
    out.write_text(",".join(rows[0]) + "\n", encoding="utf-8")
    return out


def truncated_last_line(rows: Rows, out: Path) -> Path:
    text = _csv_text(rows)
    out.write_text(text[: text.rstrip().rfind(",", 0, len(text) - 40)], encoding="utf-8")
    return out


def injections(rows: Rows, out: Path) -> Path:
    rows = [dict(r) for r in rows]
    for row, payload in zip(rows, PAYLOADS, strict=False):
        row["name"] = payload
    rows[0]["sex"] = "?"  # quarantined: its payload must come out neutralised
    out.write_text(_csv_text(rows), encoding="utf-8")
    return out


def three_date_formats(rows: Rows, out: Path) -> Path:
    rows = [dict(r) for r in rows]
    for row, fmt in zip(rows, ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d %b %Y"), strict=False):
        from datetime import date

        row["birth_date"] = date.fromisoformat(row["birth_date"]).strftime(fmt)
    rows[4]["birth_date"] = "03/25/1990"  # month first: an error, not a guess
    rows[5]["birth_date"] = "1990/25/03"
    out.write_text(_csv_text(rows), encoding="utf-8")
    return out


def nik_with_spaces(rows: Rows, out: Path) -> Path:
    rows = [dict(r) for r in rows if r["nik"]][:5]
    for row in rows:
        nik = row["nik"]
        row["nik"] = f" {nik[:6]} {nik[6:12]} {nik[12:]} "
    out.write_text(_csv_text(rows), encoding="utf-8")
    return out


def long_fields(rows: Rows, out: Path) -> Path:
    rows = [dict(r) for r in rows]
    rows[0]["name"] = "A" * 10_000
    rows[1]["checkpoint"] = "x" * 10_000
    rows[1]["record_id"] = "IMG-" + "9" * 10_000
    out.write_text(_csv_text(rows), encoding="utf-8")
    return out


def nul_bytes(rows: Rows, out: Path) -> Path:
    rows = [dict(r) for r in rows]
    rows[0]["name"] = "SITI\x00AMINAH"
    out.write_text(_csv_text(rows), encoding="utf-8")
    return out


def every_problem(rows: Rows, out: Path) -> Path:
    rows = [dict(r) for r in rows]
    rows[0].update(
        passport_number="", sex="Z", birth_date="kemarin", nationality="XX", direction="up"
    )
    out.write_text(_csv_text(rows), encoding="utf-8")
    return out


def sex_codes(rows: Rows, out: Path) -> Path:
    rows = [dict(r) for r in rows]
    for row, code in zip(rows, ("L", "P", "LAKI-LAKI", "PEREMPUAN", "m", "f"), strict=False):
        row["sex"] = code
    out.write_text(_csv_text(rows), encoding="utf-8")
    return out


def indonesian_headers(rows: Rows, out: Path) -> Path:
    rename = {
        "passport_number": "NO_PASPOR",
        "name": "Nama",
        "birth_date": "tgl_lahir",
        "sex": "Jenis Kelamin",
        "record_id": " Record ID ",
    }
    renamed = [{rename.get(k, k): v for k, v in r.items()} for r in rows]
    out.write_text(_csv_text(renamed), encoding="utf-8")
    return out


def duplicate_keys(rows: Rows, out: Path) -> Path:
    rows = [dict(r) for r in rows]
    rows.append(dict(rows[0], checkpoint="Juanda"))
    out.write_text(_csv_text(rows), encoding="utf-8")
    return out


def broken_jsonl(rows: Rows, out: Path) -> Path:
    lines = [json.dumps(r) for r in rows]
    lines.insert(2, '{"record_id": "IMG-X", "name": ')
    lines.insert(4, "[1, 2, 3]")
    lines.append(json.dumps(dict(rows[0], record_id="IMG-EXTRA", surprise="!")))
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return out


def xlsx_sheets_and_merges(rows: Rows, out: Path) -> Path:
    book = Workbook()
    notes = book.active
    assert notes is not None
    notes.title = "Catatan"
    notes.append(["Data perlintasan bulan ini, lihat lembar Data"])
    data = book.create_sheet("Data")
    data.append([])
    data.append(list(rows[0]))
    for row in rows:
        data.append([v or None for v in row.values()])
    column = list(rows[0]).index("checkpoint") + 1
    letter = chr(64 + column)
    data[f"{letter}3"] = "Nunukan"
    data.merge_cells(f"{letter}3:{letter}5")  # rows 3-5 show 'Nunukan'
    summary = book.create_sheet("Ringkasan")
    summary.append(["total", len(rows)])
    book.save(out)
    return out


BUILDERS: dict[str, tuple[str, Builder]] = {
    "windows_1252": ("csv", windows_1252),
    "utf8_bom": ("csv", utf8_bom),
    "undecodable": ("csv", undecodable),
    "semicolons": ("csv", semicolons),
    "tabs": ("csv", tabs),
    "missing_columns": ("csv", missing_columns),
    "extra_columns": ("csv", extra_columns),
    "duplicated_header": ("csv", duplicated_header),
    "empty": ("csv", empty),
    "header_only": ("csv", header_only),
    "truncated_last_line": ("csv", truncated_last_line),
    "injections": ("csv", injections),
    "three_date_formats": ("csv", three_date_formats),
    "nik_with_spaces": ("csv", nik_with_spaces),
    "long_fields": ("csv", long_fields),
    "nul_bytes": ("csv", nul_bytes),
    "every_problem": ("csv", every_problem),
    "sex_codes": ("csv", sex_codes),
    "indonesian_headers": ("csv", indonesian_headers),
    "duplicate_keys": ("csv", duplicate_keys),
    "broken_jsonl": ("jsonl", broken_jsonl),
    "xlsx_sheets_and_merges": ("xlsx", xlsx_sheets_and_merges),
}


def build(name: str, rows: Rows, directory: Path) -> Path:
    suffix, builder = BUILDERS[name]
    return builder(rows, directory / f"{name}.{suffix}")
