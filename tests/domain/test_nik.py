from __future__ import annotations

import contextlib
import re
import string
from datetime import date, timedelta

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from lindung.domain.identity.nik import known_districts
from lindung.domain.regions import region_directory
from lindung.identity import InvalidNik, Nik, is_valid_nik, make_nik, parse_nik

REFERENCE = date(2025, 6, 30)
# Birth dates a NIK can express unambiguously on REFERENCE: the person is 0-99 years old.
OLDEST = date(REFERENCE.year - 100, REFERENCE.month, REFERENCE.day) + timedelta(days=1)
DISTRICTS = sorted(r.undotted for r in region_directory() if r.level == 3)
KNOWN = frozenset(DISTRICTS)
NON_SEPARATORS = (
    "".join(c for c in string.ascii_letters + string.punctuation if c not in ".-") + "ÖØ٣"
)  # a letter look-alike, a non-ASCII letter, an Arabic-Indic digit

districts = st.sampled_from(DISTRICTS)
births = st.dates(min_value=OLDEST, max_value=REFERENCE)
sexes = st.sampled_from(["M", "F"])
serials = st.integers(min_value=1, max_value=9999)


@st.composite
def valid_niks(draw: st.DrawFn) -> str:
    return make_nik(draw(districts), draw(births), draw(sexes), draw(serials))


def invalid(value: str) -> InvalidNik:
    with pytest.raises(InvalidNik) as caught:
        parse_nik(value, REFERENCE)
    error = caught.value
    assert_private(error, value)
    assert not is_valid_nik(value, REFERENCE)
    return error


def assert_private(error: InvalidNik, value: str) -> None:
    """No message may carry the NIK or any recognisable piece of it."""
    digits = "".join(c for c in value if c.isdigit())
    texts = [str(error), error.describe("id"), error.describe("en")]
    texts += [p.message(lang) for p in error.problems for lang in ("id", "en")]
    for text in texts:
        assert re.search(r"\d{5,}", text) is None
        for start in range(0, max(len(digits) - 5, 0)):
            assert digits[start : start + 6] not in text
    assert all(p.field == "nik" for p in error.problems)


def with_date(nik: str, ddmmyy: str) -> str:
    return nik[:6] + ddmmyy + nik[12:]


# --- valid NIKs ---------------------------------------------------------------


@given(districts, births, sexes, serials)
def test_make_nik_and_parse_nik_round_trip(
    district: str, birth: date, sex: str, serial: int
) -> None:
    nik = make_nik(district, birth, sex, serial)
    parsed = parse_nik(nik, REFERENCE)
    assert parsed.nik == nik
    assert parsed.district_code.replace(".", "") == district
    assert parsed.regency_code == parsed.district_code[:5]
    assert parsed.province_code == parsed.district_code[:2]
    assert (parsed.birth_date, parsed.sex, parsed.serial) == (birth, sex, serial)
    assert is_valid_nik(nik, REFERENCE)


@given(
    valid_niks(), st.lists(st.tuples(st.integers(0, 16), st.sampled_from([" ", ".", "-", "\t"])))
)
def test_spaces_dots_and_hyphens_are_ignored(nik: str, inserts: list[tuple[int, str]]) -> None:
    written = nik
    for position, separator in sorted(inserts, reverse=True):
        written = written[:position] + separator + written[position:]
    assert parse_nik(f"  {written}\n", REFERENCE) == parse_nik(nik, REFERENCE)


def test_the_districts_a_nik_may_start_with_are_the_directorys_districts() -> None:
    """``known_districts`` reads the codes alone; the same set as the full directory's."""
    assert known_districts() == KNOWN
    assert len(KNOWN) > 7000


def test_parts_of_a_known_nik() -> None:
    parsed = parse_nik("3509.01 520890 0012", REFERENCE)
    assert parsed == Nik(
        nik="3509015208900012",
        province_code="35",
        regency_code="35.09",
        district_code="35.09.01",
        birth_date=date(1990, 8, 12),
        sex="F",
        serial=12,
    )
    assert parsed.age_on(date(2008, 8, 11)) == 17
    assert parsed.age_on(date(2008, 8, 12)) == 18


@pytest.mark.parametrize(
    ("ddmmyy", "expected"),
    [
        ("010180", date(1980, 1, 1)),
        ("300625", date(2025, 6, 30)),  # born on the reference day: 0 years old
        ("010725", date(1925, 7, 1)),  # 20xx would be after the reference date
        ("290200", date(2000, 2, 29)),
        ("010100", date(2000, 1, 1)),
        ("311299", date(1999, 12, 31)),
    ],
)
def test_century_is_chosen_so_the_person_is_0_to_99(ddmmyy: str, expected: date) -> None:
    nik = with_date("3509010000000001", ddmmyy)
    assert parse_nik(nik, REFERENCE).birth_date == expected


def test_29_february_depends_on_the_resolved_century() -> None:
    nik = with_date("3509010000000001", "290200")
    assert parse_nik(nik, date(2000, 3, 1)).birth_date == date(2000, 2, 29)
    # Before 29 Feb 2000 the year '00 can only be 1900, which had no 29 February.
    assert invalid_at(nik, date(2000, 2, 28)).codes == {"nik.date"}


def invalid_at(nik: str, reference: date) -> InvalidNik:
    with pytest.raises(InvalidNik) as caught:
        parse_nik(nik, reference)
    return caught.value


def test_reference_date_defaults_to_today() -> None:
    nik = make_nik("35.09.01", date(1990, 8, 12), "M", 1)
    assert parse_nik(nik).birth_date == date(1990, 8, 12)
    assert is_valid_nik(nik)


@given(st.integers(41, 71))
def test_women_have_forty_added_to_the_day(day: int) -> None:
    nik = with_date("3509010000000001", f"{day:02d}0190")
    parsed = parse_nik(nik, REFERENCE)
    assert (parsed.sex, parsed.birth_date) == ("F", date(1990, 1, day - 40))


def test_repr_does_not_show_the_nik_or_birth_date() -> None:
    shown = repr(parse_nik("3509015208900012", REFERENCE))
    assert "3509015208900012" not in shown
    assert "1990" not in shown
    assert "35.09.01" in shown


# --- every corruption is caught -------------------------------------------------


@given(valid_niks(), st.data())
def test_wrong_length_is_reported(nik: str, data: st.DataObject) -> None:
    cut = data.draw(st.integers(0, 15))
    extra = data.draw(st.text(alphabet=string.digits, min_size=1, max_size=4))
    for corrupted in (nik[:cut], nik + extra, nik[:cut] + nik[cut + 1 :]):
        assert "nik.length" in invalid(corrupted).codes


@given(valid_niks(), st.integers(0, 16), st.sampled_from(NON_SEPARATORS))
def test_an_inserted_non_digit_is_reported_with_the_length(
    nik: str, position: int, char: str
) -> None:
    error = invalid(nik[:position] + char + nik[position:])
    assert {"nik.not_digits", "nik.length"} <= error.codes


@given(valid_niks(), st.integers(0, 15), st.sampled_from(NON_SEPARATORS))
def test_a_replaced_digit_is_reported_and_the_rest_still_checked(
    nik: str, position: int, char: str
) -> None:
    error = invalid(nik[:position] + char + nik[position + 1 :])
    # The other parts are intact, so the non-digit is the only problem.
    assert error.codes == {"nik.not_digits"}


impossible_days = st.sampled_from([0, *range(32, 41), *range(72, 100)])


@given(valid_niks(), impossible_days)
def test_impossible_day_is_reported(nik: str, day: int) -> None:
    error = invalid(nik[:6] + f"{day:02d}" + nik[8:])
    assert error.codes == {"nik.date"}


@given(valid_niks(), st.sampled_from([0, *range(13, 100)]))
def test_impossible_month_is_reported(nik: str, month: int) -> None:
    error = invalid(nik[:8] + f"{month:02d}" + nik[10:])
    assert error.codes == {"nik.date"}


@given(valid_niks(), impossible_days, st.sampled_from([0, *range(13, 100)]))
def test_impossible_day_and_month_are_both_reported(nik: str, day: int, month: int) -> None:
    error = invalid(nik[:6] + f"{day:02d}{month:02d}" + nik[10:])
    assert [p.code for p in error.problems] == ["nik.date", "nik.date"]


@pytest.mark.parametrize("ddmm", ["3002", "3102", "7002", "3104", "7106", "3109", "3111"])
def test_days_missing_from_the_calendar_are_reported(ddmm: str) -> None:
    assert invalid(f"350901{ddmm}900001").codes == {"nik.date"}


@given(valid_niks(), st.from_regex(r"[0-9]{6}", fullmatch=True))
def test_unknown_district_is_reported(nik: str, district: str) -> None:
    assume(district not in KNOWN)
    assert invalid(district + nik[6:]).codes == {"nik.district_unknown"}


@given(valid_niks())
def test_serial_zero_is_reported(nik: str) -> None:
    assert invalid(nik[:12] + "0000").codes == {"nik.serial_zero"}


@given(valid_niks(), st.from_regex(r"[0-9]{6}", fullmatch=True), impossible_days)
def test_every_problem_is_listed_at_once(nik: str, district: str, day: int) -> None:
    assume(district not in KNOWN)
    corrupted = district + f"{day:02d}" + nik[8:12] + "0000"
    error = invalid(corrupted)
    assert error.codes == {"nik.district_unknown", "nik.date", "nik.serial_zero"}
    # With a digit too many, what can still be located is checked too.
    longer = invalid(corrupted + "7")
    assert longer.codes == {"nik.length", "nik.district_unknown", "nik.date"}


@pytest.mark.parametrize("value", ["", "   ", "-", "..."])
def test_empty_input_is_a_length_problem(value: str) -> None:
    assert invalid(value).codes == {"nik.length"}


def test_messages_are_in_both_languages() -> None:
    error = invalid("9999990000000000")
    for problem in error.problems:
        assert problem.message_id
        assert problem.message_en
        assert problem.message_id != problem.message_en


# --- make_nik -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("district", "sex", "serial"),
    [("35.09", "M", 1), ("35.09.0x", "M", 1), ("35.09.01", "L", 1), ("35.09.01", "F", 0)],
)
def test_make_nik_refuses_parts_a_nik_cannot_hold(district: str, sex: str, serial: int) -> None:
    with pytest.raises(ValueError, match=r"district_code|sex|serial"):
        make_nik(district, date(1990, 1, 1), sex, serial)


@given(st.text())
def test_arbitrary_text_gives_a_nik_or_invalid_nik(value: str) -> None:
    with contextlib.suppress(InvalidNik):  # anything else fails the test
        parse_nik(value, REFERENCE)
