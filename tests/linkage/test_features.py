from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lindung.domain.regions import region_directory
from lindung.identity import make_nik
from lindung.linkage.features import (
    fold_spelling,
    is_placeholder,
    name_features,
    nik_features,
    normalise_name,
    phonetic_key,
    swapped,
)
from lindung.linkage.names import NAME_FORMS, TITLES

region_directory()  # warm the cache outside hypothesis' deadline

MUHAMMAD_FORMS = [
    "Muhammad",
    "Mohammad",
    "Muhamad",
    "Muhammed",
    "Mochammad",
    "Mochamad",
    "Moch.",
    "Moh.",
    "Muh.",
    "Mhd.",
    "M.",
    "Mohamad",
    "MOCHAMMAD",
    "Mohd",
]
OLD_AND_NEW = [
    ("Soekarno", "Sukarno"),
    ("Djoko", "Joko"),
    ("Tjahjo", "Cahyo"),
    ("Jusuf", "Yusuf"),
    ("Choirul", "Khoirul"),
    ("Soeparmi", "Suparmi"),
    ("Djaja", "Jaya"),
    ("Soejono", "Suyono"),
    ("Njoman", "Nyoman"),
    ("Sjahrir", "Syahrir"),
    ("Achmad", "Ahmad"),
    ("Abdoel", "Abdul"),
    ("Ichsan", "Ikhsan"),
    ("Tjoetjoe", "Cucu"),
    ("Choirijah", "Khoiriyah"),
    ("Jahja", "Yahya"),
]
MODERN = [
    "Joko",
    "Jaya",
    "Juli",
    "Panji",
    "Anjani",
    "Sanjaya",
    "Panjaitan",
    "Chandra",
    "Christina",
    "Michael",
    "Yohanes",
    "Wayan",
    "Sutrisno",
    "Cahyono",
    "Khoirul",
    "Ketut",
    "Maria",
    "Januarti",
    "Jumadi",
    "Rachel",
    "Hendra",
    "Sri",
    "Siti",
]

# Name-like text: letters (some old-spelling digraphs and a non-ASCII letter),
# spaces, titles and punctuation, in any case.
_pieces = st.sampled_from(
    [*"abcdehijkmnorstuy", "oe", "dj", "tj", "ch", "nj", "sj", "é", " ", ".", ",", "-", "'"]
)
_words = st.lists(_pieces, min_size=1, max_size=12).map("".join)
_titles = st.sampled_from(["H.", "Hj.", "Drs.", "Dr.", "Ir.", "S.Pd", "S.E.", "S.Kom", "Amd"])
names = st.lists(st.one_of(_words, _titles), min_size=1, max_size=6).map(" ".join)
real_tokens = st.sampled_from(
    ["siti", "aminah", "joko", "sukarno", "hurit", "maria", "wayan", "yusuf", "khoirul", "budi"]
)


@given(names)
def test_normalising_is_idempotent(text: str) -> None:
    once = name_features(text)
    assert normalise_name(once.name) == once.name
    assert normalise_name(once.father) == once.father
    assert name_features(once.name).tokens == once.tokens


@given(names)
def test_normalised_name_is_lower_ascii_words(text: str) -> None:
    name = normalise_name(text)
    assert name == " ".join(name.split())
    assert all(c.islower() or c == " " for c in name)
    assert name.isascii()


@given(st.lists(real_tokens, min_size=1, max_size=4), st.randoms(use_true_random=False))
def test_token_set_ignores_case_punctuation_titles_and_order(
    tokens: list[str], rnd: object
) -> None:
    import random

    assert isinstance(rnd, random.Random)
    shuffled = tokens[:]
    rnd.shuffle(shuffled)
    plain = name_features(" ".join(tokens))
    decorated = name_features("Hj. " + ". ".join(t.upper() for t in shuffled) + ", S.Pd.")
    assert decorated.tokens == plain.tokens
    assert decorated.sorted_name == plain.sorted_name


@pytest.mark.parametrize("form", MUHAMMAD_FORMS)
def test_every_form_of_muhammad_folds_to_one(form: str) -> None:
    assert normalise_name(f"{form} Rizki") == "muhammad rizki"


@given(
    st.sampled_from(MUHAMMAD_FORMS),
    st.sampled_from(MUHAMMAD_FORMS),
    st.sampled_from([str.upper, str.lower, str.title]),
    st.lists(real_tokens, max_size=3),
)
def test_any_two_forms_of_muhammad_give_the_same_features(
    one: str, other: str, case: object, rest: list[str]
) -> None:
    assert callable(case)
    tail = " ".join(rest)
    first, second = name_features(case(f"{one} {tail}")), name_features(f"{other} {tail}")
    assert first.name == second.name
    assert first.keys == second.keys


@pytest.mark.parametrize(("old", "new"), OLD_AND_NEW)
def test_old_and_new_spellings_fold_together(old: str, new: str) -> None:
    assert normalise_name(old) == normalise_name(new) == new.lower()


@pytest.mark.parametrize("name", MODERN)
def test_modern_names_are_unchanged(name: str) -> None:
    assert normalise_name(name) == name.lower()
    assert fold_spelling(name.lower()) == name.lower()


@given(st.text(alphabet="abcdeghijklmnoprstuwy", max_size=14))
def test_spelling_fold_is_idempotent(word: str) -> None:
    assert fold_spelling(fold_spelling(word)) == fold_spelling(word)


def test_titles_degrees_and_father_are_separated() -> None:
    parts = name_features("Hj. SITI Aminah binti H. Abdoel Kadir, S.Pd.")
    assert parts.name == "siti aminah"
    assert parts.father == "abdul kadir"
    assert name_features("Siti Aminah").name == parts.name
    assert name_features("SITI AMINAH BINTI ABDUL KADIR").name == "siti aminah"


@pytest.mark.parametrize(
    "written", ["Ny. Siti Aminah", "K.H. Siti Aminah", "Ibu Siti Aminah", "Sdri. SITI AMINAH"]
)
def test_leading_honorifics_are_dropped(written: str) -> None:
    assert normalise_name(written) == "siti aminah"
    assert normalise_name(f"Aminah {written.split()[0]}") != "aminah"  # only in front


def test_batak_boru_keeps_the_clan_and_a_title_alone_is_kept() -> None:
    assert normalise_name("Rosmawati br. Nasution") == "rosmawati nasution"
    assert normalise_name("H.") == "h"
    assert normalise_name("Bin") == "bin"  # a name starting with bin is not a patronymic
    assert normalise_name("") == ""
    assert name_features(None).tokens == ()


def test_title_list_and_forms_do_not_overlap() -> None:
    assert not TITLES & set(NAME_FORMS)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Fitri", "Pitri"),
        ("Arif", "Arip"),
        ("Zainal", "Jaenal"),
        ("Khairul", "Khoirul"),
        ("Taufik", "Taupik"),
        ("Fatimah", "Fatima"),
        ("Sitti", "Siti"),
        ("Rudy", "Rudi"),
        ("Syaiful", "Saiful"),
        ("Sofiyah", "Sofiah"),
        ("Ramadhan", "Ramadan"),
        ("Slamet", "Slamit"),
        ("Kosim", "Kusim"),
        ("Ishak", "Isak"),
    ],
)
def test_phonetic_key_folds_indonesian_variation(a: str, b: str) -> None:
    assert name_features(a).keys == name_features(b).keys


@pytest.mark.parametrize(("a", "b"), [("Putri", "Fitri"), ("Sri", "Sari"), ("Joko", "Yoko")])
def test_phonetic_key_keeps_distinct_names_apart(a: str, b: str) -> None:
    assert phonetic_key(normalise_name(a)) != phonetic_key(normalise_name(b))


@given(st.text(alphabet="abcdefghijklmnopqrstuvwxyz", max_size=12))
def test_phonetic_key_is_stable(word: str) -> None:
    key = phonetic_key(word)
    assert key.isascii()
    assert len(key) <= len(word)


def test_birth_date_variants() -> None:
    assert is_placeholder(date(1990, 1, 1))
    assert is_placeholder(date(1985, 12, 31))
    assert is_placeholder(date(1970, 1, 1))
    assert not is_placeholder(date(1990, 4, 3))
    assert swapped(date(1990, 4, 3)) == date(1990, 3, 4)
    assert swapped(date(1990, 4, 4)) is None
    assert swapped(date(1990, 4, 13)) is None


@given(st.dates(min_value=date(1930, 1, 1), max_value=date(2020, 12, 31)))
def test_swapping_twice_is_the_same_date(day: date) -> None:
    other = swapped(day)
    if other is not None:
        assert swapped(other) == day


@given(
    st.dates(min_value=date(1960, 1, 1), max_value=date(2010, 12, 31)),
    st.sampled_from(["M", "F"]),
)
def test_nik_features_decode_birth_date_sex_and_region(day: date, sex: str) -> None:
    nik = make_nik("350901", day, sex, 17)
    features = nik_features(nik, reference_date=date(2025, 1, 1))
    assert features.birth_date == day
    assert features.sex == sex
    assert features.region == "35.09"


def test_nik_features_of_an_invalid_nik_are_empty() -> None:
    assert nik_features("12345").birth_date is None
    assert nik_features(None).sex is None
    assert nik_features("").region is None


def test_the_father_part_is_the_fathers_own_name() -> None:
    features = name_features("Ahmad bin Ali bin Umar")
    assert features.name == "ahmad"
    assert features.father == "ali"
    assert name_features("a bt a bt").father == "a"
