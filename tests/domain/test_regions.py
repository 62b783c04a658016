from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lindung.domain.regions import dotted, fold_name, normalise_code, region_directory
from lindung.errors import InvalidRegionCode

DIRECTORY = region_directory()
CODES = sorted(r.code for r in DIRECTORY)


def test_directory_has_every_level() -> None:
    levels = [r.level for r in DIRECTORY]
    assert [levels.count(level) for level in (1, 2, 3, 4)] == [38, 514, 7285, 83762]


@given(st.sampled_from(CODES))
def test_undotted_and_dotted_codes_name_the_same_region(code: str) -> None:
    assert normalise_code(code.replace(".", "")) == code
    assert DIRECTORY.get(code.replace(".", "")) == DIRECTORY.get(code)


@given(st.sampled_from(CODES))
def test_ancestors_are_prefixes_and_children_point_back(code: str) -> None:
    region = DIRECTORY.require(code)
    chain = DIRECTORY.ancestors(code)
    assert [a.level for a in chain] == list(range(1, region.level))
    assert all(code.startswith(a.code + ".") for a in chain)
    assert all(child.parent_code == code for child in DIRECTORY.children(code))


@given(st.text(alphabet="0123456789.", min_size=1, max_size=14))
def test_normalise_code_accepts_only_well_formed_codes(text: str) -> None:
    digits = text.replace(".", "")
    well_formed = len(digits) in (2, 4, 6, 10) and ("." not in text or text == dotted(digits))
    if well_formed:
        assert normalise_code(text) == dotted(digits)
    else:
        with pytest.raises(InvalidRegionCode) as caught:
            normalise_code(text)
        assert caught.value.problems
        assert all(p.field == "region_code" for p in caught.value.problems)


@pytest.mark.parametrize(
    ("value", "code"),
    [("35-09", "region.not_digits"), ("350", "region.length"), ("3.509", "region.dots")],
)
def test_malformed_codes_say_why(value: str, code: str) -> None:
    with pytest.raises(InvalidRegionCode) as caught:
        normalise_code(value, field="origin")
    assert caught.value.codes == {code}
    assert caught.value.problems[0].field == "origin"


def test_unknown_code_is_refused_by_require() -> None:
    with pytest.raises(InvalidRegionCode) as caught:
        DIRECTORY.require("99.98")
    assert caught.value.codes == {"region.unknown"}
    assert DIRECTORY.get("99.98") is None
    assert DIRECTORY.get("garbage") is None


@pytest.mark.parametrize("query", ["kab. jember", "Jember", "KABUPATEN JEMBER", "  jember "])
def test_search_finds_jember_first(query: str) -> None:
    assert DIRECTORY.search(query)[0].code == "35.09"


def test_search_kind_prefix_and_levels() -> None:
    assert DIRECTORY.search("Kota Bontang")[0].code == "64.74"
    assert all(r.level == 3 for r in DIRECTORY.search("kota", level=3))
    assert DIRECTORY.search("...") == []
    # A district literally named "Kota ..." is still found by its whole name.
    kota_districts = [r for r in DIRECTORY if r.level == 3 and r.name.lower().startswith("kota ")]
    if kota_districts:
        target = kota_districts[0]
        assert target in DIRECTORY.search(target.name, level=3, limit=500)


def test_village_kind_follows_the_code() -> None:
    kinds = {r.kind for r in DIRECTORY if r.level == 4}
    assert kinds == {"desa", "kelurahan"}
    assert fold_name("Kab. Flores Timur") == ("kabupaten", "flores timur")
