"""Properties of the input checker: dates round-trip, text is folded and bounded,
every problem names its field and never repeats the value."""

from __future__ import annotations

from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from lindung.registry.checks import Checker

TODAY = date(2026, 3, 1)


@given(st.dates(date(1900, 1, 1), TODAY))
def test_an_iso_date_reads_back_as_itself(day: date) -> None:
    check = Checker({"on": f"  {day.isoformat()} "}, TODAY)
    assert check.day("on") == day
    assert check.problems == []


@given(st.dates(date(2026, 3, 2), date(2100, 1, 1)))
def test_a_future_date_is_refused_unless_allowed(day: date) -> None:
    check = Checker({"on": day.isoformat()}, TODAY)
    assert check.day("on") is None
    assert [p.code for p in check.problems] == ["date.future"]
    assert Checker({"on": day.isoformat()}, TODAY).day("on", future_ok=True) == day


@given(st.text(max_size=300))
def test_text_is_folded_bounded_and_never_echoed(value: str) -> None:
    check = Checker({"name": value}, TODAY)
    result = check.text("name", 40, need=False)
    folded = " ".join(value.split())
    if not folded:
        assert result is None
        assert check.problems == []
    elif len(folded) > 40:
        assert result is None
        assert [(p.field, p.code) for p in check.problems] == [("name", "text.too_long")]
        assert all(folded not in p.message_id + p.message_en for p in check.problems)
    else:
        assert result == folded


@given(st.text(max_size=20).filter(lambda s: s.strip() and not _is_iso(s.strip())))
def test_anything_else_is_a_date_format_problem(value: str) -> None:
    check = Checker({"on": value}, TODAY)
    assert check.day("on") is None
    assert [(p.field, p.code) for p in check.problems] == [("on", "date.format")]


def _is_iso(text: str) -> bool:
    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return True
