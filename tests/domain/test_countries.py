from __future__ import annotations

import pytest

from lindung.domain.countries import (
    DESTINATIONS,
    KEPMENAKER_260_2015,
    all_countries,
    country,
)
from lindung.errors import ValidationError


def test_every_iso_country_is_known_with_an_indonesian_name() -> None:
    countries = all_countries()
    assert len(countries) >= 249
    assert countries["TW"].name_id == "Taiwan"
    assert countries["KR"].name_id == "Korea Selatan"
    assert countries["SA"].name_id == "Arab Saudi"
    assert countries["FR"].name_id == countries["FR"].name_en  # falls back to English


def test_kepmenaker_260_lists_the_21_closed_countries() -> None:
    assert len(KEPMENAKER_260_2015) == 21
    assert {"SA", "AE", "QA", "JO", "SS"} <= KEPMENAKER_260_2015
    assert KEPMENAKER_260_2015 <= DESTINATIONS
    assert all(all_countries()[code].is_destination for code in DESTINATIONS)


@pytest.mark.parametrize("code", ["my", "MYS", " mys ", "MY"])
def test_lookup_by_alpha2_or_alpha3_in_any_case(code: str) -> None:
    assert country(code).alpha2 == "MY"


def test_unknown_country_names_the_field() -> None:
    with pytest.raises(ValidationError) as caught:
        country("XX", field="destination")
    assert caught.value.problems[0].field == "destination"
    assert caught.value.codes == {"country.unknown"}
