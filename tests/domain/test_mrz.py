from __future__ import annotations

import contextlib
import dataclasses
import re
import string
from datetime import date, timedelta
from itertools import cycle

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lindung.identity import InvalidMrz, PassportMrz, check_digit, make_td3, parse_td3

REFERENCE = date(2025, 6, 30)
OLDEST = date(REFERENCE.year - 100, REFERENCE.month, REFERENCE.day) + timedelta(days=1)
MRZ_ALPHABET = string.ascii_uppercase + string.digits + "<"

# The specimen of ICAO Doc 9303 (Part 4, Appendix A): Anna Maria Eriksson of Utopia.
SPECIMEN = (
    "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<",
    "L898902C36UTO7408122F1204159ZE184226B<<<<<10",
)
SPECIMEN_REFERENCE = date(2010, 1, 1)


def icao_check_digit(data: str) -> int:
    """Doc 9303 Part 3, 4.9, written out independently of the code under test."""
    values = {"<": 0}
    values.update({d: int(d) for d in string.digits})
    values.update({letter: 10 + i for i, letter in enumerate(string.ascii_uppercase)})
    total = 0
    for char, weight in zip(data, cycle([7, 3, 1])):
        total += values[char] * weight
    return total % 10


def meaning(mrz: PassportMrz) -> tuple[object, ...]:
    """Everything a parse says about the passport, without the raw lines."""
    fields = dataclasses.asdict(mrz)
    del fields["lines"]
    return tuple(fields.items())


def invalid(lines: str | list[str] | tuple[str, ...], reference: date = REFERENCE) -> InvalidMrz:
    with pytest.raises(InvalidMrz) as caught:
        parse_td3(lines, reference)
    return caught.value


def with_checks(line2: str) -> str:
    """Recompute every check digit of a line 2, so only deliberate faults remain."""
    body = list(line2)
    for data, at in ((slice(0, 9), 9), (slice(13, 19), 19), (slice(21, 27), 27)):
        body[at] = str(icao_check_digit(line2[data]))
    personal = "".join(body[28:42])
    body[42] = str(icao_check_digit(personal)) if personal.strip("<") else "<"
    text = "".join(body)
    body[43] = str(icao_check_digit(text[0:10] + text[13:20] + text[21:43]))
    return "".join(body)


# --- check digits ---------------------------------------------------------------


@given(st.text(alphabet=MRZ_ALPHABET, max_size=60))
def test_check_digit_agrees_with_the_icao_definition(data: str) -> None:
    assert check_digit(data) == icao_check_digit(data)


@pytest.mark.parametrize(
    ("data", "digit"),
    [
        ("L898902C3", 6),  # specimen passport number
        ("740812", 2),  # specimen birth date
        ("120415", 9),  # specimen expiry date
        ("ZE184226B<<<<<", 1),  # specimen personal number
        ("L898902C36" + "7408122" + "120415" + "9ZE184226B<<<<<1", 0),  # specimen composite
        ("520727", 3),  # Doc 9303 Part 3 worked example (a date)
        ("AB2134<<<", 5),  # Doc 9303 Part 3 worked example (a document number)
    ],
)
def test_check_digit_of_published_examples(data: str, digit: int) -> None:
    assert check_digit(data) == digit


@pytest.mark.parametrize("data", ["abc", "L898 902", "É"])
def test_check_digit_refuses_characters_outside_the_mrz_alphabet(data: str) -> None:
    with pytest.raises(ValueError, match="A-Z"):
        check_digit(data)


# --- the ICAO specimen ----------------------------------------------------------


def test_specimen_is_read_field_by_field() -> None:
    mrz = parse_td3(SPECIMEN, SPECIMEN_REFERENCE)
    assert mrz == PassportMrz(
        document_type="P",
        issuing_state="UTO",
        surname="ERIKSSON",
        given_names="ANNA MARIA",
        passport_number="L898902C3",
        nationality="UTO",
        birth_date=date(1974, 8, 12),
        sex="F",
        expiry_date=date(2012, 4, 15),
        personal_number="ZE184226B",
        name_truncated=False,
        lines=SPECIMEN,
    )


@pytest.mark.parametrize(
    "written",
    [
        "\n".join(SPECIMEN),
        "  " + SPECIMEN[0] + "\r\n" + SPECIMEN[1] + "\n\n",
        "".join(SPECIMEN),
        "\n" + "".join(SPECIMEN) + " \n",
        list(SPECIMEN),
        [" " + SPECIMEN[0], "", SPECIMEN[1] + "\n"],
    ],
)
def test_specimen_is_accepted_as_lines_or_one_string(written: str | list[str]) -> None:
    assert parse_td3(written, SPECIMEN_REFERENCE) == parse_td3(SPECIMEN, SPECIMEN_REFERENCE)


def test_make_td3_writes_the_specimen() -> None:
    lines = make_td3(
        surname="Eriksson",
        given_names="Anna Maria",
        passport_number="L898902C3",
        birth_date=date(1974, 8, 12),
        sex="F",
        expiry_date=date(2012, 4, 15),
        nationality="UTO",
        issuing_state="UTO",
        personal_number="ZE184226B",
    )
    assert lines == SPECIMEN


def test_every_single_character_change_of_the_specimen_is_caught() -> None:
    original = meaning(parse_td3(SPECIMEN, SPECIMEN_REFERENCE))
    text = "".join(SPECIMEN)
    for position in range(len(text)):
        for replacement in MRZ_ALPHABET.replace(text[position], ""):
            assert_caught(text, position, replacement, original, SPECIMEN_REFERENCE)


def test_a_character_outside_the_alphabet_anywhere_is_refused() -> None:
    text = "".join(SPECIMEN)
    for position in range(len(text)):
        for char in ("f", "É", "٣", "\x00", "*"):
            error = invalid(text[:position] + char + text[position + 1 :], SPECIMEN_REFERENCE)
            line = "mrz.line1" if position < 44 else "mrz.line2"
            assert [(p.field, p.code) for p in error.problems] == [(line, "mrz.characters")]


def assert_caught(
    text: str, position: int, replacement: str, original: tuple[object, ...], reference: date
) -> None:
    """Changing one character is rejected by a check, or visibly changes what the MRZ says.

    The only exceptions are equivalences Doc 9303 itself allows: sex 'X' and '<'
    both mean unspecified, and an empty personal number's check digit may be '<'
    or '0'.
    """
    changed = text[:position] + replacement + text[position + 1 :]
    try:
        parsed = parse_td3(changed, reference)
    except InvalidMrz:
        return
    if meaning(parsed) != original:
        return
    pair = {text[position], replacement}
    unspecified_sex = position == 44 + 20 and pair == {"X", "<"}
    empty_personal = not text[44 + 28 : 44 + 42].strip("<")
    personal_check = position == 44 + 42 and pair == {"<", "0"} and empty_personal
    assert unspecified_sex or personal_check, f"change at position {position + 1} went unnoticed"


# --- generated passports --------------------------------------------------------

words = st.text(alphabet=string.ascii_uppercase, min_size=1, max_size=12)
names = st.lists(words, min_size=1, max_size=4).map(" ".join)
short_names = st.lists(st.text(alphabet=string.ascii_uppercase, min_size=1, max_size=6), max_size=2)


@st.composite
def passports(draw: st.DrawFn, surnames: st.SearchStrategy[str] = names) -> dict[str, object]:
    return {
        "surname": draw(surnames),
        "given_names": draw(names),
        "passport_number": draw(st.from_regex(r"[A-Z][A-Z0-9]{0,8}", fullmatch=True)),
        "birth_date": draw(st.dates(min_value=OLDEST, max_value=REFERENCE)),
        "sex": draw(st.sampled_from(["M", "F", "X", None])),
        "expiry_date": draw(st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 12, 31))),
        "nationality": draw(st.sampled_from(["IDN", "MYS", "D", "UTO"])),
        "issuing_state": draw(st.from_regex(r"[A-Z]{1,3}", fullmatch=True)),
        "personal_number": draw(st.from_regex(r"[A-Z0-9]{0,14}", fullmatch=True)),
    }


def fits(fields: dict[str, object]) -> bool:
    return len(f"{fields['surname']}<<{fields['given_names']}") <= 39


@given(passports().filter(fits))
def test_make_td3_and_parse_td3_round_trip(fields: dict[str, object]) -> None:
    lines = make_td3(**fields)  # type: ignore[arg-type]
    assert [len(line) for line in lines] == [44, 44]
    mrz = parse_td3(lines, REFERENCE)
    assert mrz.surname == fields["surname"]
    assert mrz.given_names == fields["given_names"]
    assert mrz.passport_number == fields["passport_number"]
    assert mrz.birth_date == fields["birth_date"]
    assert mrz.sex == (None if fields["sex"] == "X" else fields["sex"])
    assert mrz.expiry_date == fields["expiry_date"]
    assert mrz.nationality == fields["nationality"]
    assert mrz.issuing_state == fields["issuing_state"]
    assert mrz.personal_number == fields["personal_number"]
    assert (mrz.document_type, mrz.lines) == ("P", lines)


@given(passports(), st.integers(0, 87), st.sampled_from(MRZ_ALPHABET))
def test_any_single_character_change_is_caught(
    fields: dict[str, object], position: int, replacement: str
) -> None:
    lines = make_td3(**fields)  # type: ignore[arg-type]
    text = "".join(lines)
    original = meaning(parse_td3(lines, REFERENCE))
    if text[position] != replacement:
        assert_caught(text, position, replacement, original, REFERENCE)


@given(passports(surnames=words), st.lists(words, min_size=3, max_size=8).map(" ".join))
def test_long_names_lose_given_names_first(fields: dict[str, object], given_names: str) -> None:
    fields["given_names"] = given_names
    full = f"{fields['surname']}<<{given_names.replace(' ', '<')}"
    mrz = parse_td3(make_td3(**fields), REFERENCE)  # type: ignore[arg-type]
    written = f"{mrz.surname}<<{mrz.given_names.replace(' ', '<')}"
    assert mrz.surname == fields["surname"]
    assert full.startswith(written)
    assert len(written) <= 39
    if len(full) > 39:
        assert len(written) >= 38  # only a dangling '<' may be dropped
        assert mrz.name_truncated == (len(written) == 39)
    else:
        # A name that exactly fills the field looks the same as a truncated one.
        assert (written, mrz.name_truncated) == (full, len(full) == 39)


def test_name_truncation_follows_icao() -> None:
    lines = make_td3(
        surname="Nilavadhanananda",
        given_names="Chayapa Dejthamrong Krasuang",
        passport_number="C1234567",
        birth_date=date(1990, 1, 1),
        sex="F",
        expiry_date=date(2030, 1, 1),
    )
    assert lines[0] == "P<IDNNILAVADHANANANDA<<CHAYAPA<DEJTHAMRONG<K"
    assert parse_td3(lines, REFERENCE).name_truncated


def test_a_surname_too_long_for_the_field_keeps_a_given_name_initial() -> None:
    lines = make_td3(
        surname="Wiraatmadjakusumaningratsuryawinatapradja",
        given_names="Budi",
        passport_number="C1234567",
        birth_date=date(1990, 1, 1),
        sex="M",
        expiry_date=date(2030, 1, 1),
    )
    mrz = parse_td3(lines, REFERENCE)
    assert (len(mrz.surname), mrz.given_names, mrz.name_truncated) == (36, "B", True)


@pytest.mark.parametrize(
    ("surname", "given_names", "expected"),
    [
        ("", "Sukarno", ("", "SUKARNO")),
        ("Sukarno", "", ("SUKARNO", "")),
        ("Ma'ruf-Amin", "Nur  Aini", ("MARUF AMIN", "NUR AINI")),
        ("Gómez", "José", ("GOMEZ", "JOSE")),
    ],
)
def test_names_are_written_the_passport_way(
    surname: str, given_names: str, expected: tuple[str, str]
) -> None:
    lines = make_td3(
        surname=surname,
        given_names=given_names,
        passport_number="C1234567",
        birth_date=date(1990, 1, 1),
        sex="M",
        expiry_date=date(2030, 1, 1),
    )
    mrz = parse_td3(lines, REFERENCE)
    assert (mrz.surname, mrz.given_names) == expected


@pytest.mark.parametrize(
    "change",
    [
        {"passport_number": "C12345678901"},
        {"sex": "L"},
        {"expiry_date": date(1999, 12, 31)},
        {"surname": "", "given_names": " "},
        {"nationality": "INDO"},
        {"issuing_state": "ÍDN"},
        {"document_type": "V"},
        {"personal_number": "X" * 15},
    ],
)
def test_make_td3_refuses_what_an_mrz_cannot_hold(change: dict[str, object]) -> None:
    fields: dict[str, object] = {
        "surname": "Rahayu",
        "given_names": "Siti",
        "passport_number": "C1234567",
        "birth_date": date(1990, 1, 1),
        "sex": "F",
        "expiry_date": date(2030, 1, 1),
    }
    with pytest.raises(ValueError, match=r"^[a-z_]+ |^a passport name"):
        make_td3(**{**fields, **change})  # type: ignore[arg-type]


# --- dates ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("yymmdd", "expected"),
    [("740812", date(1974, 8, 12)), ("250630", date(2025, 6, 30)), ("250701", date(1925, 7, 1))],
)
def test_birth_century_makes_the_holder_0_to_99(yymmdd: str, expected: date) -> None:
    line2 = with_checks(SPECIMEN[1][:13] + yymmdd + SPECIMEN[1][19:])
    assert parse_td3([SPECIMEN[0], line2], REFERENCE).birth_date == expected


def test_reference_date_defaults_to_today() -> None:
    assert parse_td3(SPECIMEN).birth_date == date(1974, 8, 12)


# --- errors ---------------------------------------------------------------------


def assert_private(error: InvalidMrz) -> None:
    texts = [str(error), error.describe("id"), error.describe("en")]
    texts += [p.message(lang) for p in error.problems for lang in ("id", "en")]
    for text in texts:
        assert re.search(r"\d{5,}", text) is None
        for secret in ("ERIKSSON", "ANNA", "MARIA", "L898902C3", "ZE184226B", "740812"):
            assert secret not in text.upper()


@pytest.mark.parametrize(
    ("position", "replacement", "field"),
    [
        (9, "7", "mrz.document_number_check"),
        (19, "3", "mrz.birth_date_check"),
        (27, "0", "mrz.expiry_date_check"),
        (42, "2", "mrz.personal_number_check"),
        (43, "1", "mrz.composite_check"),
    ],
)
def test_each_check_digit_is_verified(position: int, replacement: str, field: str) -> None:
    line2 = SPECIMEN[1][:position] + replacement + SPECIMEN[1][position + 1 :]
    error = invalid([SPECIMEN[0], line2], SPECIMEN_REFERENCE)
    assert field in {p.field for p in error.problems}
    assert {p.code for p in error.problems if p.field == field} == {"mrz.check_digit"}
    assert_private(error)


def test_every_failing_check_is_listed_at_once() -> None:
    chars = list(SPECIMEN[1])
    for at in (9, 19, 27, 42):  # each check digit off by one
        chars[at] = str((int(chars[at]) + 1) % 10)
    text = "".join(chars)
    composite = icao_check_digit(text[0:10] + text[13:20] + text[21:43])
    line2 = text[:43] + str((composite + 1) % 10)
    error = invalid([SPECIMEN[0], line2], SPECIMEN_REFERENCE)
    assert [p.field for p in error.problems] == [
        "mrz.document_number_check",
        "mrz.birth_date_check",
        "mrz.expiry_date_check",
        "mrz.personal_number_check",
        "mrz.composite_check",
    ]
    assert_private(error)


def test_empty_personal_number_may_have_a_filler_or_zero_check_digit() -> None:
    base = with_checks(SPECIMEN[1][:28] + "<" * 14 + "<" + SPECIMEN[1][43])
    assert base[42] == "<"
    zero = base[:42] + "0" + base[43]  # '<' and '0' both count 0 in the composite
    assert parse_td3([SPECIMEN[0], zero], SPECIMEN_REFERENCE).personal_number == ""
    assert parse_td3([SPECIMEN[0], base], SPECIMEN_REFERENCE).personal_number == ""
    # A filler check digit is only for an empty personal number.
    line2 = SPECIMEN[1][:42] + "<" + SPECIMEN[1][43]
    error = invalid([SPECIMEN[0], line2], SPECIMEN_REFERENCE)
    assert "mrz.personal_number_check" in {p.field for p in error.problems}


@pytest.mark.parametrize(
    ("yymmdd", "field"),
    [("741332", "mrz.birth_date"), ("740229", "mrz.birth_date"), ("7408<<", "mrz.birth_date")],
)
def test_impossible_birth_date_is_reported_even_with_good_check_digits(
    yymmdd: str, field: str
) -> None:
    line2 = with_checks(SPECIMEN[1][:13] + yymmdd + SPECIMEN[1][19:])
    error = invalid([SPECIMEN[0], line2], SPECIMEN_REFERENCE)
    assert [(p.field, p.code) for p in error.problems] == [(field, "mrz.date")]
    assert_private(error)


def test_impossible_expiry_date_is_reported() -> None:
    line2 = with_checks(SPECIMEN[1][:21] + "120230" + SPECIMEN[1][27:])
    error = invalid([SPECIMEN[0], line2], SPECIMEN_REFERENCE)
    assert [(p.field, p.code) for p in error.problems] == [("mrz.expiry_date", "mrz.date")]


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        ("", [("mrz", "mrz.length")]),
        (SPECIMEN[0], [("mrz", "mrz.length")]),
        ([*SPECIMEN, SPECIMEN[1]], [("mrz", "mrz.length")]),
        ([SPECIMEN[0][:-1], SPECIMEN[1]], [("mrz.line1", "mrz.length")]),
        ([SPECIMEN[0], SPECIMEN[1] + "<"], [("mrz.line2", "mrz.length")]),
        ([SPECIMEN[0].lower(), SPECIMEN[1]], [("mrz.line1", "mrz.characters")]),
        (
            [SPECIMEN[0].replace("<", " "), SPECIMEN[1]],
            [("mrz.line1", "mrz.length"), ("mrz.line1", "mrz.characters")],
        ),
        (["V" + SPECIMEN[0][1:], SPECIMEN[1]], [("mrz.document_type", "mrz.document_type")]),
        (
            [SPECIMEN[0][:2] + "U1O" + SPECIMEN[0][5:], SPECIMEN[1]],
            [("mrz.issuing_state", "mrz.country")],
        ),
        ([SPECIMEN[0][:5] + "<" * 39, SPECIMEN[1]], [("mrz.name", "mrz.name")]),
        ([SPECIMEN[0].replace("ANNA", "ANN4"), SPECIMEN[1]], [("mrz.name", "mrz.name")]),
        ([SPECIMEN[0], SPECIMEN[1].replace("F120", "W120")], [("mrz.sex", "mrz.sex")]),
        ([SPECIMEN[0], SPECIMEN[1].replace("F120", "f120")], [("mrz.line2", "mrz.characters")]),
    ],
)
def test_structure_problems_name_the_part(
    lines: str | list[str], expected: list[tuple[str, str]]
) -> None:
    error = invalid(lines, SPECIMEN_REFERENCE)
    assert [(p.field, p.code) for p in error.problems] == expected
    assert_private(error)


def test_problems_on_both_lines_are_reported_and_line_2_still_checked() -> None:
    line2 = SPECIMEN[1][:9] + "7" + SPECIMEN[1][10:]
    error = invalid([SPECIMEN[0][:40], line2], SPECIMEN_REFERENCE)
    assert [p.field for p in error.problems] == [
        "mrz.line1",
        "mrz.document_number_check",
        "mrz.composite_check",
    ]


def test_nationality_and_an_empty_passport_number_are_reported() -> None:
    line2 = with_checks("<" * 9 + "0" + "U2O" + SPECIMEN[1][13:])
    error = invalid([SPECIMEN[0], line2], SPECIMEN_REFERENCE)
    assert [(p.field, p.code) for p in error.problems] == [
        ("mrz.document_number", "mrz.document_number"),
        ("mrz.nationality", "mrz.country"),
    ]


def test_repr_hides_names_and_numbers() -> None:
    shown = repr(parse_td3(SPECIMEN, SPECIMEN_REFERENCE))
    for secret in ("ERIKSSON", "ANNA", "L898902C3", "ZE184226B", "1974"):
        assert secret not in shown


@given(passports(), st.integers(0, 87), st.characters())
def test_any_character_anywhere_gives_a_parse_or_invalid_mrz(
    fields: dict[str, object], position: int, char: str
) -> None:
    text = "".join(make_td3(**fields))  # type: ignore[arg-type]
    changed = text[:position] + char + text[position + 1 :]
    try:
        parse_td3(changed, REFERENCE)
    except InvalidMrz as error:
        assert_private(error)


@given(st.one_of(st.text(), st.lists(st.text(), max_size=3)))
def test_arbitrary_input_gives_a_parse_or_invalid_mrz(value: str | list[str]) -> None:
    with contextlib.suppress(InvalidMrz):  # anything else fails the test
        parse_td3(value, REFERENCE)
