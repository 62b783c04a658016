"""The inbox filters are a parser of user input: property tests."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lindung.domain.signals import Severity, SignalStatus, SignalType
from lindung.errors import ValidationError
from lindung.signals.inbox import SORTS, Filters

NAMES = ("signal_type", "status", "severity", "region", "country", "ppln", "sort")
#: the machine is shared: generation may be slow, never the thing under test
RELAXED = settings(suppress_health_check=[HealthCheck.too_slow], deadline=None)
values = st.dictionaries(st.sampled_from(NAMES), st.one_of(st.none(), st.text(max_size=30)))


@RELAXED
@given(values)
def test_any_input_is_accepted_or_refused_naming_fields_never_echoing(
    raw: dict[str, str | None],
) -> None:
    problems = []
    parsed = None
    try:
        parsed = Filters.parse(raw)
    except ValidationError as refused:
        problems = list(refused.problems)
    if parsed is None:
        assert problems
        assert {p.field for p in problems} <= set(NAMES)
        for problem in problems:
            value = (raw.get(problem.field) or "").strip()
            if len(value) > 3:  # short values may coincide with words of the message
                assert value not in problem.message_id
                assert value not in problem.message_en
        return
    assert parsed.signal_type in {"", *SignalType}
    assert parsed.status in {"", *SignalStatus}
    assert parsed.severity in {"", *Severity}
    assert parsed.sort in SORTS
    assert Filters.parse(parsed.as_params()) == parsed  # round trip through a query string


@RELAXED
@given(
    st.sampled_from(list(SignalType)),
    st.sampled_from(list(SignalStatus)),
    st.from_regex(r"\A\d{2}(\.\d{2}(\.\d{2}(\.\d{4})?)?)?\Z"),
    st.from_regex(r"\A[a-zA-Z]{2}\Z"),
)
def test_valid_codes_are_kept(kind: str, status: str, region: str, country: str) -> None:
    parsed = Filters.parse(
        {"signal_type": f" {kind} ", "status": status, "region": region, "country": country}
    )
    assert (parsed.signal_type, parsed.status, parsed.region) == (kind, status, region)
    assert parsed.country == country.upper()
    fields = {m.field for m in parsed.where()}
    assert fields == {"signal_type", "status", "country_code"}
