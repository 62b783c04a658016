from __future__ import annotations

import contextlib
import string

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lindung.identity import (
    InvalidPassportNumber,
    looks_indonesian_passport_number,
    normalise_passport_number,
)

alphanumeric = st.text(alphabet=string.ascii_letters + string.digits, min_size=5, max_size=9)


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("C1234567", "C1234567"),
        ("c1234567", "C1234567"),
        ("A 1234567", "A1234567"),
        (" X-123 4567\n", "X1234567"),
        ("AB123456", "AB123456"),
        ("123456789", "123456789"),  # a foreign passport: accepted, not Indonesian-looking
        ("K1234", "K1234"),
    ],
)
def test_common_ways_of_writing_a_number_normalise(written: str, expected: str) -> None:
    assert normalise_passport_number(written) == expected


@pytest.mark.parametrize(
    ("number", "indonesian"),
    [
        ("C1234567", True),
        ("A 1234567", True),
        ("X1234567", True),
        ("AB123456", True),
        ("E12345678", True),
        ("AB12345678", False),  # 10 characters cannot be a TD3 document number
        ("123456789", False),
        ("K1234", False),
        ("C12345X7", False),
        ("ß1234567", False),
        ("", False),
    ],
)
def test_indonesian_shape_is_a_flag_not_a_rule(number: str, indonesian: bool) -> None:
    assert looks_indonesian_passport_number(number) is indonesian


@given(alphanumeric)
def test_any_5_to_9_letters_and_digits_are_accepted(value: str) -> None:
    normalised = normalise_passport_number(value)
    assert normalised == value.upper()
    assert normalise_passport_number(normalised) == normalised


@given(st.from_regex(r"[A-Z]{1,2}[0-9]{6,7}", fullmatch=True))
def test_usual_indonesian_numbers_look_indonesian(number: str) -> None:
    assert looks_indonesian_passport_number(normalise_passport_number(number))


@pytest.mark.parametrize(
    ("value", "codes"),
    [
        ("", {"passport_number.empty"}),
        (" - ", {"passport_number.empty"}),
        ("C123", {"passport_number.length"}),
        ("C123456789", {"passport_number.length"}),
        ("C1234/567", {"passport_number.characters"}),
        ("ß1234567", {"passport_number.characters"}),
        ("C.1", {"passport_number.characters", "passport_number.length"}),
    ],
)
def test_clearly_invalid_numbers_are_refused(value: str, codes: set[str]) -> None:
    with pytest.raises(InvalidPassportNumber) as caught:
        normalise_passport_number(value)
    assert caught.value.codes == codes
    assert all(p.field == "passport_number" for p in caught.value.problems)


@given(
    st.one_of(
        st.text(alphabet=string.ascii_letters + string.digits, min_size=10, max_size=20),
        st.text(
            alphabet=string.ascii_letters + string.digits + "/#.,_", min_size=5, max_size=9
        ).filter(lambda v: any(c in "/#.,_" for c in v)),
    )
)
def test_messages_never_repeat_the_number(value: str) -> None:
    with pytest.raises(InvalidPassportNumber) as caught:
        normalise_passport_number(value)
    error = caught.value
    messages = [str(error), error.describe("id"), error.describe("en")]
    messages += [p.message(lang) for p in error.problems for lang in ("id", "en")]
    core = "".join(c for c in value if c.isalnum())
    for message in messages:
        assert value not in message
        assert core.upper() not in message.upper()


@given(st.text())
def test_arbitrary_text_gives_a_number_or_invalid_passport_number(value: str) -> None:
    with contextlib.suppress(InvalidPassportNumber):  # anything else fails the test
        normalise_passport_number(value)
