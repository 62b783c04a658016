from __future__ import annotations

from datetime import date

from lindung.exchange.masking import (
    mask,
    mask_date,
    mask_name,
    mask_nik,
    pseudonym,
    pseudonym_key,
    treat,
)
from lindung.exchange.terms import FieldTreatment

SECRET = "a-test-secret-of-enough-length"


def test_nik_keeps_first_four_and_last_two() -> None:
    assert mask_nik("3509014101010012") == "3509**********12"


def test_names_keep_initials() -> None:
    assert mask_name("Siti Rahayu") == "S*** R*****"
    assert mask_name("Sukarni") == "S******"


def test_dates_keep_the_year() -> None:
    assert mask_date(date(1999, 4, 30)) == "1999"
    assert mask(date(2001, 1, 2), "date") == "2001"


def test_none_stays_none() -> None:
    assert mask(None, "nik") is None
    assert pseudonym(b"k", None) is None


def test_pseudonyms_are_stable_per_agreement_and_differ_across() -> None:
    a = pseudonym_key(SECRET, "PKS.01/BAWASLU")
    b = pseudonym_key(SECRET, "PKS.02/IMIGRASI")
    nik = "3509014101010012"
    assert pseudonym(a, nik) == pseudonym(a, nik)
    assert pseudonym(a, nik) != pseudonym(b, nik)
    assert len(pseudonym(a, nik) or "") == 32
    assert nik not in (pseudonym(a, nik) or "")


def test_pseudonyms_depend_on_the_secret() -> None:
    other = pseudonym_key("another-secret-of-enough-length", "PKS.01/BAWASLU")
    same = pseudonym_key(SECRET, "PKS.01/BAWASLU")
    assert pseudonym(other, "x") != pseudonym(same, "x")


def test_clear_dates_become_iso_strings() -> None:
    assert treat(date(2000, 5, 6), FieldTreatment.CLEAR, "date", None) == "2000-05-06"
