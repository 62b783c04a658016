"""Read a file of person records, validate it and compute the linkage features.

Input: a CSV (UTF-8, header line) or Parquet file with the columns of
:data:`STANDARD_COLUMNS`; the seven must be present (any but ``record_id`` may be
empty); the optional :data:`EXTRA_COLUMNS` are read when present; other columns are
ignored. The work is set-based in DuckDB; Python
runs only once per *distinct* name and NIK (names repeat heavily: Siti, Sri,
Muhammad ...), never once per row.

Errors name the file, the column and the row number (data rows counted from 1,
the header line not counted), never the value: the values are personal data.
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import pyarrow as pa

from lindung.errors import LindungError, Problem, ValidationError
from lindung.linkage.dates import nik_features
from lindung.linkage.names import name_features

STANDARD_COLUMNS = (
    "record_id",
    "full_name",
    "birth_date",
    "sex",
    "nik",
    "passport_no",
    "birth_place",
)

#: Columns read when present (NULL when absent): a street address, compared by its
#: words (FEBRL's street, suburb, postcode and state; a partner file's alamat).
EXTRA_COLUMNS = ("address",)

#: Birth-date formats accepted, tried in order: ISO first, then the day-first forms
#: Indonesian agencies write (DD/MM/YYYY on the voter list, DD-MM-YYYY at Dukcapil).
DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%Y-%m-%d %H:%M:%S", "%Y/%m/%d")

#: Written forms of sex, upper-cased: English, Indonesian (Laki-laki / Perempuan).
SEX_FORMS = {
    "M": "M",
    "MALE": "M",
    "L": "M",
    "LK": "M",
    "LAKI-LAKI": "M",
    "LAKI LAKI": "M",
    "PRIA": "M",
    "F": "F",
    "FEMALE": "F",
    "P": "F",
    "PR": "F",
    "PEREMPUAN": "F",
    "WANITA": "F",
}

#: Most row numbers listed in one error message.
MAX_ROWS_NAMED = 5


class UnreadableInput(LindungError):
    """An input file is missing, of an unknown type, or cannot be parsed."""


def prepare(con: duckdb.DuckDBPyConnection, path: Path, table: str) -> int:
    """Read ``path`` into the DuckDB table ``table`` with the feature columns; the row count.

    Raises :class:`UnreadableInput` or :class:`ValidationError` (every problem:
    missing columns, empty or repeated ``record_id``, unreadable dates, unknown
    sex codes, each naming up to five row numbers).
    """
    raw = f"{table}__raw"
    _read(con, path, raw)
    _validate(con, path, raw)
    _add_features(con, raw, table)
    con.execute(f"DROP TABLE {raw}")
    rows = con.execute(f"SELECT count(*) FROM {table}").fetchall()  # noqa: S608
    return int(rows[0][0])


def _read(con: duckdb.DuckDBPyConnection, path: Path, raw: str) -> None:
    if not path.is_file():
        raise UnreadableInput(f"cannot read {path}: no such file")
    suffix = path.suffix.lower()
    if suffix == ".csv":
        source = "read_csv(?, header = true, all_varchar = true)"
    elif suffix in {".parquet", ".pq"}:
        source = "read_parquet(?)"
    else:
        raise UnreadableInput(f"cannot read {path}: expected a .csv or .parquet file")
    try:
        relation = con.sql(f"SELECT * FROM {source} LIMIT 0", params=[str(path)])  # noqa: S608
        columns = {c.lower(): c for c in relation.columns}
    except duckdb.Error as exc:
        raise UnreadableInput(f"cannot read {path}: {type(exc).__name__}") from None
    missing = [c for c in STANDARD_COLUMNS if c not in columns]
    if missing:
        raise ValidationError(
            [
                Problem(
                    c,
                    "column.missing",
                    f"kolom '{c}' tidak ada di {path.name}",
                    f"column '{c}' is missing from {path.name}",
                )
                for c in missing
            ]
        )
    selected = ", ".join(
        f"NULLIF(trim(CAST(\"{columns[c]}\" AS VARCHAR)), '') AS {c}"
        if c in columns
        else f"CAST(NULL AS VARCHAR) AS {c}"
        for c in (*STANDARD_COLUMNS, *EXTRA_COLUMNS)
    )
    try:
        query = f"CREATE TABLE {raw} AS SELECT row_number() OVER () AS row_no, {selected} FROM"
        con.execute(f"{query} {source}", [str(path)])
    except duckdb.Error as exc:
        raise UnreadableInput(f"cannot read {path}: {type(exc).__name__}") from None


def _parsed_date_sql(column: str) -> str:
    tries = ", ".join(f"try_strptime({column}, '{f}')" for f in DATE_FORMATS)
    return f"CAST(coalesce({tries}) AS DATE)"


def _address_sql(column: str) -> str:
    """Lower-case letters and digits, one space between words (NULL when none)."""
    words = f"regexp_replace(lower({column}), '[^a-z0-9]+', ' ', 'g')"
    return f"NULLIF(trim({words}), '')"


def _sex_sql(column: str) -> str:
    cases = " ".join(f"WHEN '{k}' THEN '{v}'" for k, v in SEX_FORMS.items())
    return f"CASE upper({column}) {cases} END"


def _validate(con: duckdb.DuckDBPyConnection, path: Path, raw: str) -> None:
    checks = (
        ("record_id", "record_id.missing", "record_id IS NULL", "kosong", "is empty"),
        (
            "record_id",
            "record_id.repeated",
            "count(*) OVER (PARTITION BY record_id) > 1 AND record_id IS NOT NULL",
            "berulang",
            "is repeated",
        ),
        (
            "birth_date",
            "birth_date.format",
            f"birth_date IS NOT NULL AND {_parsed_date_sql('birth_date')} IS NULL",
            "bukan tanggal (YYYY-MM-DD, DD/MM/YYYY atau DD-MM-YYYY)",
            "is not a date (YYYY-MM-DD, DD/MM/YYYY or DD-MM-YYYY)",
        ),
        (
            "sex",
            "sex.unknown",
            f"sex IS NOT NULL AND {_sex_sql('sex')} IS NULL",
            "bukan kode jenis kelamin (M/F, L/P)",
            "is not a sex code (M/F, L/P)",
        ),
    )
    problems = []
    for column, code, condition, reason_id, reason_en in checks:
        query = f"SELECT row_no FROM (SELECT row_no, {condition} AS bad FROM {raw}) WHERE bad"  # noqa: S608
        rows = con.execute(f"{query} ORDER BY row_no").fetchall()
        if rows:
            named = ", ".join(str(r[0]) for r in rows[:MAX_ROWS_NAMED])
            more = f" (+{len(rows) - MAX_ROWS_NAMED})" if len(rows) > MAX_ROWS_NAMED else ""
            problems.append(
                Problem(
                    column,
                    code,
                    f"{path.name} baris {named}{more}: {column} {reason_id}",
                    f"{path.name} row {named}{more}: {column} {reason_en}",
                )
            )
    if problems:
        raise ValidationError(problems, message=f"invalid records in {path.name}")


def _name_table(con: duckdb.DuckDBPyConnection, raw: str) -> pa.Table:
    """Name features once per distinct written name."""
    query = f"SELECT DISTINCT full_name FROM {raw}"  # noqa: S608
    written = [r[0] for r in con.execute(query).fetchall()]
    features = [name_features(text) for text in written]
    return pa.table(
        {
            "full_name": pa.array(written, pa.string()),
            "name_norm": [f.name or None for f in features],
            "name_sorted": [f.sorted_name or None for f in features],
            "name_keys": pa.array(
                [list(f.key_set) or None for f in features], pa.list_(pa.string())
            ),
            "first_key": [f.keys[0] if f.keys else None for f in features],
            "last_key": [f.keys[-1] if f.keys else None for f in features],
            "father": [f.father or None for f in features],
        }
    )


def _nik_table(con: duckdb.DuckDBPyConnection, raw: str) -> pa.Table:
    """What a valid NIK says (birth date, sex), once per distinct NIK, for the records
    that need it: those without a readable birth date or sex of their own (parsing
    every NIK of a million-record registry took most of the preparation time)."""
    query = (
        f"SELECT DISTINCT nik FROM {raw} WHERE nik IS NOT NULL "  # noqa: S608
        f"AND ({_parsed_date_sql('birth_date')} IS NULL OR {_sex_sql('sex')} IS NULL)"
    )
    written = [r[0] for r in con.execute(query).fetchall()]
    features = [nik_features(text) for text in written]
    return pa.table(
        {
            "nik": pa.array(written, pa.string()),
            "nik_birth_date": pa.array([f.birth_date for f in features], pa.date32()),
            "nik_sex": pa.array([f.sex for f in features], pa.string()),
        }
    )


#: Block sizes counted per file for the capped blocking rules of
#: :func:`lindung.linkage.model.blocking_rules`: column -> the key it counts.
BLOCK_COUNTS = {
    "name_year_count": ("name_sorted", "birth_year"),
    "keys_year_count": ("first_key", "last_key", "birth_year"),
    "name_day_month_count": ("name_sorted", "birth_day_month"),
    "nik_digits_count": ("nik_digits",),
    "address_count": ("address",),
    "address_start_count": ("address_start",),
}


def _add_features(con: duckdb.DuckDBPyConnection, raw: str, table: str) -> None:
    con.register(f"{table}__names", _name_table(con, raw))
    con.register(f"{table}__niks", _nik_table(con, raw))
    birth_date = f"coalesce({_parsed_date_sql('r.birth_date')}, k.nik_birth_date)"
    featured = f"{table}__featured"
    con.execute(
        f"""
        CREATE TEMP TABLE {featured} AS
        WITH base AS (
            SELECT r.row_no, r.record_id AS unique_id,
                   n.name_norm, n.name_sorted, n.name_keys, n.first_key, n.last_key, n.father,
                   {birth_date} AS birth_date,
                   coalesce({_sex_sql("r.sex")}, k.nik_sex) AS sex,
                   NULLIF(regexp_replace(r.nik, '[^0-9]', '', 'g'), '') AS nik,
                   NULLIF(upper(regexp_replace(r.passport_no, '[^A-Za-z0-9]', '', 'g')), '')
                       AS passport_no,
                   NULLIF(trim(regexp_replace(regexp_replace(lower(r.birth_place),
                       '\\b(kabupaten|kab|kota|kotamadya)\\b', ' ', 'g'), '[^a-z]+', ' ', 'g')),
                       '') AS birth_place,
                   {_address_sql("r.address")} AS address
            FROM {raw} r
            LEFT JOIN {table}__names n ON n.full_name = r.full_name
            LEFT JOIN {table}__niks k ON k.nik = r.nik
        )
        SELECT *, list_sort(list_distinct(string_split(address, ' '))) AS address_words,
               string_split(address, ' ')[1] || ' ' || string_split(address, ' ')[2]
                   AS address_start,
               array_to_string(list_sort(string_split(nik, '')), '') AS nik_digits,
               year(birth_date) AS birth_year,
               strftime(birth_date, '%m-%d') AS birth_day_month,
               list_min(name_keys) AS key_low, list_max(name_keys) AS key_high,
               CAST(hash(unique_id) % 1000 AS INTEGER) AS train_sample,
               (birth_date = DATE '1970-01-01'
                OR (month(birth_date) = 1 AND day(birth_date) = 1)
                OR (month(birth_date) = 12 AND day(birth_date) = 31)) AS dob_placeholder
        FROM base
        """  # noqa: S608
    )
    con.unregister(f"{table}__names")
    con.unregister(f"{table}__niks")
    _add_block_counts(con, featured, table)
    con.execute(f"DROP TABLE {featured}")


def _add_block_counts(con: duckdb.DuckDBPyConnection, featured: str, table: str) -> None:
    """``table``: the featured records with their block sizes (:data:`BLOCK_COUNTS`;
    NULL where a key part is missing), in file order. Counted by grouping and joined
    back: window functions over three different partitions of the wide records took
    twice as long at a million records."""
    counts, joins = [], []
    for number, (column, key) in enumerate(BLOCK_COUNTS.items()):
        alias = f"c{number}"
        parts = ", ".join(key)
        joins.append(
            f"LEFT JOIN (SELECT {parts}, count(*) AS n FROM {featured} GROUP BY ALL) {alias} "  # noqa: S608
            f"ON {' AND '.join(f'{alias}.{c} = f.{c}' for c in key)}"
        )
        counts.append(f"{alias}.n AS {column}")
    con.execute(
        f"CREATE TABLE {table} AS SELECT f.*, {', '.join(counts)} "  # noqa: S608
        f"FROM {featured} f {' '.join(joins)} ORDER BY f.row_no"
    )
