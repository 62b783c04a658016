from __future__ import annotations

import contextlib
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lindung.identity import InvalidPhoneNumber, normalise_phone


@pytest.mark.parametrize(
    "written",
    [
        "0812-3456-7890",
        "081234567890",
        "0812 3456 7890",
        "(0812) 3456.7890",
        "+62 812 3456 7890",
        "+62 (0)812-3456-7890",
        "+6281234567890",
        "62812 3456 7890",
        "6281234567890",
        "  0812-3456-7890\n",
    ],
)
def test_indonesian_formats_give_the_same_e164(written: str) -> None:
    assert normalise_phone(written) == "+6281234567890"


@pytest.mark.parametrize(
    ("written", "region", "expected"),
    [
        ("+852 9123 4567", "ID", "+85291234567"),  # Hong Kong
        ("+886 912 345 678", "ID", "+886912345678"),  # Taiwan
        ("0912 345 678", "TW", "+886912345678"),  # the same, written locally in Taiwan
        ("+60 12-345 6789", "ID", "+60123456789"),  # Malaysia
        ("012-345 6789", "MY", "+60123456789"),
        ("0062 812 3456 7890", "MY", "+6281234567890"),  # dialled home from Malaysia
        ("(021) 5795 1234", "ID", "+622157951234"),  # a Jakarta landline
    ],
)
def test_foreign_and_local_numbers(written: str, region: str, expected: str) -> None:
    assert normalise_phone(written, default_region=region) == expected


@given(
    st.sampled_from(["811", "812", "813", "821", "852", "857", "878", "896"]),
    st.from_regex(r"[0-9]{7,8}", fullmatch=True),
)
def test_every_way_of_writing_a_mobile_number_agrees(prefix: str, rest: str) -> None:
    national = prefix + rest
    spaced = f"{national[:3]} {national[3:7]} {national[7:]}"
    writings = [f"0{national}", f"+62{national}", f"62{national}", f"+62 {spaced}", f"0{spaced}"]
    outcomes = {outcome(w) for w in writings}
    assert len(outcomes) == 1
    (result,) = outcomes
    if result.startswith("+"):
        assert result == f"+62{national}"
        assert normalise_phone(result) == result


def outcome(value: str) -> str:
    """The E.164 form, or the problem codes joined; messages must not carry the digits."""
    try:
        return normalise_phone(value)
    except InvalidPhoneNumber as error:
        described = error.describe("en") + error.describe("id")
        codes = ",".join(sorted(error.codes))
    assert re.search(r"\d{5,}", described) is None
    return codes


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("", "phone.empty"),
        ("   ", "phone.empty"),
        ("0812-FLOWERS", "phone.characters"),
        ("0812 3456 7890 ext 12", "phone.characters"),
        ("0812/3456/7890", "phone.characters"),
        ("+", "phone.unreadable"),
        ("+999 1234 5678", "phone.unreadable"),
        ("+62 812", "phone.length"),
        ("0812 3456 7890 1234 5678 9", "phone.length"),
        ("+62 8", "phone.length"),
        ("12345", "phone.invalid"),
    ],
)
def test_unusable_numbers_are_refused(value: str, code: str) -> None:
    with pytest.raises(InvalidPhoneNumber) as caught:
        normalise_phone(value)
    assert [(p.field, p.code) for p in caught.value.problems] == [("phone", code)]
    for problem in caught.value.problems:
        assert problem.message_id
        assert problem.message_en
        assert re.search(r"\d{5,}", problem.message_id + problem.message_en) is None


def test_an_unknown_default_region_is_a_programming_error() -> None:
    with pytest.raises(ValueError, match="default_region"):
        normalise_phone("0812-3456-7890", default_region="XX")


@given(st.text())
def test_arbitrary_text_gives_a_number_or_invalid_phone_number(value: str) -> None:
    with contextlib.suppress(InvalidPhoneNumber):  # anything else fails the test
        normalise_phone(value)
