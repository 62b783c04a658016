"""The Splink model for Indonesian person records: comparisons and blocking rules.

Comparisons (each a Fellegi-Sunter comparison, the levels most specific first):

- ``name``: the same tokens in any order (term-frequency adjusted, so two
  records both called 'Siti Aminah' count for less than two called 'Maria Goreti
  Kewa Hurit'); the same phonetic keys; one name's tokens all within the other's
  (a passport's cut-off name, a dropped middle name, a mononym); Jaro-Winkler on
  the normalised name at 0.92; two shared tokens; Jaro-Winkler at 0.85; one
  shared token.
- ``father``: the name after bin/binti, when both records carry one.
- ``birth_date``: exact (not a placeholder); exact on a placeholder (1 Jan,
  31 Dec, 1 Jan 1970); day and month swapped; two of year, month and day
  agreeing (a typing slip in one part); same year with a placeholder on one
  side; within a year.
- ``sex``, ``nik`` (exact, or two adjacent digits swapped), ``passport_no``
  (exact) and ``birth_place`` (exact or Jaro-Winkler 0.9).
- ``address`` (optional input column): exact, or the share of the shorter
  address's words the other has.

Blocking keeps recall high with rules that each tolerate a different error:
NIK; passport; birth date with the first or last name's phonetic key, the
order-free name, or the alphabetically first or last key (names reordered).
The rules for an error in the date (the order-free name with the birth year,
where one side's date is a placeholder; the order-free name or the first and last
keys with the birth year; the order-free name with the day and month, for a wrong
year) and the NIK's sorted digits (a transposition), the address and its first
two words apply only to small blocks (:data:`RARE_BLOCK_CAP` records a side;
:data:`PLACEHOLDER_BLOCK_CAP` for the placeholder rule):
uncapped, common names made them grow with the square of the data, past 8 GB at
1,000,000 workers (version 3). Version 1's 'first and last keys, any date' was
dropped: at 100,000 workers it yielded 39 million pairs and not one true pair
that the other rules missed.

Columns are those written by :mod:`lindung.linkage.prepare`.
"""

from __future__ import annotations

from typing import Any

from splink import SettingsCreator, block_on
from splink.blocking_rule_library import CustomRule
from splink.comparison_library import CustomComparison

#: Bumped whenever the comparisons, levels or blocking rules change: saved models
#: carry it in their file name and in every output row.
MODEL_VERSION = 4

LinkType = str  # "link_only" | "dedupe_only"


#: SQL dialects the model is written for (Splink's names for them).
Dialect = str  # "duckdb" | "spark"

#: The few functions whose names or forms differ between DuckDB and Spark SQL
#: (Spark's Jaro-Winkler and Damerau-Levenshtein are Splink's bundled Scala UDFs).
#: ``has_all(a, b)``: every element of b is in a.
_FUNCTIONS: dict[str, dict[str, str]] = {
    "duckdb": {
        "jaro_winkler": "jaro_winkler_similarity({0}, {1})",
        "damerau_levenshtein": "damerau_levenshtein({0}, {1})",
        "overlap": "len(list_intersect({0}, {1}))",
        "has_all": "list_has_all({0}, {1})",
        "has_any": "list_has_any({0}, {1})",
        "days_apart": "abs(date_diff('day', {0}, {1}))",
        "fewest": "least(len({0}), len({1}))",
    },
    "spark": {
        "jaro_winkler": "jaro_winkler({0}, {1})",
        "damerau_levenshtein": "damerau_levenshtein({0}, {1})",
        "overlap": "size(array_intersect({0}, {1}))",
        "has_all": "size(array_except({1}, {0})) = 0",
        "has_any": "arrays_overlap({0}, {1})",
        "days_apart": "abs(datediff({0}, {1}))",
        "fewest": "least(size({0}), size({1}))",
    },
}


def _call(dialect: Dialect, function: str, first: str, second: str) -> str:
    """``function(first, second)`` written in ``dialect``."""
    try:
        template = _FUNCTIONS[dialect][function]
    except KeyError:
        raise ValueError(f"unknown SQL dialect '{dialect}' (duckdb or spark)") from None
    return template.format(first, second)


def _sql(dialect: Dialect, function: str, column: str) -> str:
    """``function`` applied to the left and right values of ``column`` in ``dialect``."""
    return _call(dialect, function, f"{column}_l", f"{column}_r")


def _null(column: str) -> dict[str, Any]:
    # bare column names: Spark SQL reads "double quotes" as a string literal
    return {
        "sql_condition": f"{column}_l IS NULL OR {column}_r IS NULL",
        "label_for_charts": "missing",
        "is_null_level": True,
    }


def _level(sql: str, label: str, **extra: Any) -> dict[str, Any]:
    return {"sql_condition": sql, "label_for_charts": label, **extra}


_ELSE = {"sql_condition": "ELSE", "label_for_charts": "all other"}


def name_comparison(dialect: Dialect = "duckdb") -> CustomComparison:
    """Indonesian name: order-free tokens, phonetic keys, containment, Jaro-Winkler."""
    jw = _sql(dialect, "jaro_winkler", "name_norm")
    overlap = _sql(dialect, "overlap", "name_keys")
    within = (
        f"{_call(dialect, 'has_all', 'name_keys_l', 'name_keys_r')} "
        f"OR {_call(dialect, 'has_all', 'name_keys_r', 'name_keys_l')}"
    )
    return CustomComparison(
        output_column_name="name",
        comparison_levels=[
            _null("name_norm"),
            _level(
                "name_sorted_l = name_sorted_r",
                "same tokens, any order",
                tf_adjustment_column="name_sorted",
                tf_adjustment_weight=1.0,
            ),
            _level("name_keys_l = name_keys_r", "same phonetic keys"),
            _level(within, "one name within the other"),
            _level(f"{jw} >= 0.92", "Jaro-Winkler >= 0.92"),
            _level(f"{overlap} >= 2", "two tokens shared"),
            _level(f"{jw} >= 0.85", "Jaro-Winkler >= 0.85"),
            _level(_sql(dialect, "has_any", "name_keys"), "one token shared"),
            _ELSE,
        ],
    )


def birth_date_comparison(dialect: Dialect = "duckdb") -> CustomComparison:
    """Birth date with placeholders and day/month swaps told apart."""
    same_year = "year(birth_date_l) = year(birth_date_r)"
    same_month = "month(birth_date_l) = month(birth_date_r)"
    same_day = "day(birth_date_l) = day(birth_date_r)"
    return CustomComparison(
        output_column_name="birth_date",
        comparison_levels=[
            _null("birth_date"),
            _level("birth_date_l = birth_date_r AND NOT dob_placeholder_l", "exact"),
            _level("birth_date_l = birth_date_r", "exact, a placeholder date"),
            _level(
                f"{same_year} AND day(birth_date_l) = month(birth_date_r) "
                "AND month(birth_date_l) = day(birth_date_r)",
                "day and month swapped",
            ),
            _level(
                f"(CAST({same_year} AS INT) + CAST({same_month} AS INT) "
                f"+ CAST({same_day} AS INT)) = 2",
                "two of year, month and day agree",
            ),
            _level(
                f"(dob_placeholder_l OR dob_placeholder_r) AND {same_year}",
                "placeholder, same year",
            ),
            _level(f"{_sql(dialect, 'days_apart', 'birth_date')} <= 366", "within a year"),
            _ELSE,
        ],
    )


def address_comparison(dialect: Dialect = "duckdb") -> CustomComparison:
    """Street address, by its words in any order: the same address; most, more than
    half, a third of the words of the shorter one shared (a typo or a missing part
    loses a word or two)."""
    shared = _sql(dialect, "overlap", "address_words")
    fewest = _sql(dialect, "fewest", "address_words")
    return CustomComparison(
        output_column_name="address",
        comparison_levels=[
            _null("address"),
            _level("address_l = address_r", "exact"),
            _level(f"{shared} >= 0.8 * {fewest}", "most words shared"),
            _level(f"{shared} >= 0.5 * {fewest}", "half the words shared"),
            _level(f"{shared} >= 0.3 * {fewest}", "a third of the words shared"),
            _ELSE,
        ],
    )


def _exact(column: str, near: str | None = None, near_label: str = "") -> CustomComparison:
    levels = [_null(column), _level(f"{column}_l = {column}_r", "exact")]
    if near is not None:
        levels.append(_level(near, near_label))
    return CustomComparison(output_column_name=column, comparison_levels=[*levels, _ELSE])


#: Columns whose comparison is left out when one side never has a value.
OPTIONAL_COLUMNS = ("father", "sex", "nik", "passport_no", "birth_place", "address")


def comparisons(
    present: set[str] | None = None, dialect: Dialect = "duckdb"
) -> list[CustomComparison]:
    """The comparisons of the Indonesian model, in output order, written in ``dialect``;
    those on optional columns only when in ``present`` (all when None)."""
    every = [
        name_comparison(dialect),
        _exact("father"),
        birth_date_comparison(dialect),
        _exact("sex"),
        _exact(
            "nik",
            # a transposition only (Damerau-Levenshtein 1, Levenshtein 2): one digit
            # changed is also what two people born the same day in neighbouring
            # districts, or one after the other in one district, have
            f"{_sql(dialect, 'damerau_levenshtein', 'nik')} = 1 AND levenshtein(nik_l, nik_r) = 2",
            "two adjacent digits swapped",
        ),
        _exact("passport_no"),
        _exact(
            "birth_place",
            f"{_sql(dialect, 'jaro_winkler', 'birth_place')} >= 0.9",
            "Jaro-Winkler >= 0.9",
        ),
        address_comparison(dialect),
    ]
    return [
        c
        for c in every
        if present is None
        or c.create_output_column_name() not in OPTIONAL_COLUMNS
        or c.create_output_column_name() in present
    ]


#: Most records on one side of a block for the rules that tolerate a date error
#: (name and year, name and day and month): a block of two common names born the
#: same year would otherwise grow with the square of the data (at 1,000,000 workers
#: 'Siti Aminah' born in 1995 is hundreds of records a side). With the cap, those
#: rules yield at most ``cap`` pairs per record: linear in the data. The counts are
#: per file (``*_count`` columns of :mod:`lindung.linkage.prepare`).
RARE_BLOCK_CAP = 10
#: The same for a placeholder birth date (only the year is known) on one side: a
#: larger cap, since such records have nothing else to be blocked on.
PLACEHOLDER_BLOCK_CAP = 100


def _capped(columns: tuple[str, ...], count: str, cap: int, extra: str = "") -> CustomRule:
    """Equal ``columns`` where both records' block (``count``) has at most ``cap``
    records, and ``extra``."""
    conditions = [f"l.{c} = r.{c}" for c in columns]
    conditions += [f"l.{count} <= {cap}", f"r.{count} <= {cap}"]
    if extra:
        conditions.append(extra)
    return CustomRule(" AND ".join(conditions))


def blocking_rules() -> list[Any]:
    """Rules generating the candidate pairs scored at prediction (their union); the
    module docstring says which error each tolerates."""
    name_year = ("name_sorted", "birth_year")
    return [
        block_on("nik"),
        block_on("passport_no"),
        block_on("birth_date", "first_key"),
        block_on("birth_date", "last_key"),
        block_on("birth_date", "name_sorted"),
        block_on("birth_date", "key_low"),
        block_on("birth_date", "key_high"),
        _capped(name_year, "name_year_count", PLACEHOLDER_BLOCK_CAP, "l.dob_placeholder"),
        _capped(name_year, "name_year_count", PLACEHOLDER_BLOCK_CAP, "r.dob_placeholder"),
        _capped(name_year, "name_year_count", RARE_BLOCK_CAP),
        _capped(("first_key", "last_key", "birth_year"), "keys_year_count", RARE_BLOCK_CAP),
        _capped(("name_sorted", "birth_day_month"), "name_day_month_count", RARE_BLOCK_CAP),
        _capped(("nik_digits",), "nik_digits_count", RARE_BLOCK_CAP),
        _capped(("address",), "address_count", RARE_BLOCK_CAP),
        _capped(("address_start",), "address_start_count", RARE_BLOCK_CAP),
    ]


#: Records fall into this many training-sample buckets (``train_sample``, 0 to 999,
#: from a hash of the record id): expectation maximisation on a blocking rule uses
#: the pairs whose left record is in the first ``share`` buckets.
SAMPLE_BUCKETS = 1000


def training_columns(present: set[str] | None = None) -> list[tuple[str, ...]]:
    """The columns of the blocking rules for expectation maximisation, in order.

    The first learns the name and identity comparisons among records born the same
    day. The second learns the birth date: among records sharing a NIK (almost all
    the same person) when both sides have NIKs, else among records with the same
    order-free name and sex. (Same first and last phonetic keys was tried: at
    10,000 workers such pairs are mostly different people with common names, and
    EM settled on 'same sex' instead of 'same person'.)
    """
    second = ("nik",) if present is None or "nik" in present else ("name_sorted", "sex")
    return [("birth_date",), second]


def training_rule(columns: tuple[str, ...], share: int = SAMPLE_BUCKETS) -> Any:
    """The EM blocking rule on ``columns``, restricted to left records in the first
    ``share`` of :data:`SAMPLE_BUCKETS` sample buckets (all when ``share`` is all):
    at a million records 'same birth date' alone yields hundreds of millions of
    pairs, and a random fifth of a percent of them trains the same model."""
    if share >= SAMPLE_BUCKETS:
        return block_on(*columns)
    equal = " AND ".join(f"l.{c} = r.{c}" for c in columns)
    return CustomRule(f"{equal} AND l.train_sample < {max(1, share)}")


def training_rules(present: set[str] | None = None) -> list[Any]:
    """The EM blocking rules, unsampled (see :func:`training_columns`)."""
    return [training_rule(columns) for columns in training_columns(present)]


#: Least m probability of a non-null level after training: no single disagreement
#: (a sex typed wrong, a date slip) is taken as absolute proof of two people.
M_FLOOR = 1e-3


def floored(trained: dict[str, Any]) -> dict[str, Any]:
    """A trained model (Splink's dict) with every m probability at least M_FLOOR."""
    for comparison in trained["comparisons"]:
        for level in comparison["comparison_levels"]:
            m = level.get("m_probability")
            if m is not None and not level.get("is_null_level"):
                level["m_probability"] = max(m, M_FLOOR)
    return trained


#: Near-certain rules for the prior (the share of pairs that match).
DETERMINISTIC_RULES = (
    block_on("nik"),
    block_on("passport_no"),
    block_on("name_sorted", "birth_date"),
)


def settings(
    link_type: LinkType, present: set[str] | None = None, dialect: Dialect = "duckdb"
) -> SettingsCreator:
    """The untrained model, in ``dialect``: comparisons, blocking rules, and columns
    kept in output. The DuckDB and Spark forms differ only in function names."""
    return SettingsCreator(
        link_type=link_type,  # type: ignore[arg-type]
        unique_id_column_name="unique_id",
        comparisons=[*comparisons(present, dialect)],
        blocking_rules_to_generate_predictions=blocking_rules(),
        retain_matching_columns=False,
        retain_intermediate_calculation_columns=True,
        max_iterations=20,
    )
