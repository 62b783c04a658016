"""Rule files: loading, validation (file, rule id and field named), version, in-force dates."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from lindung.domain.countries import KEPMENAKER_260_2015
from lindung.domain.lifecycle import PlacementStatus
from lindung.domain.policy import CHECKS, RuleFileError, default_rules_dir, load_rules
from lindung.policy.checks import SQL

GOOD = """
[[rule]]
id = "x.age"
title_id = "Usia"
title_en = "Age"
legal_basis = "UU 18/2017 Pasal 5"
in_force_from = 2020-01-01
severity = "error"
gates = ["departed"]
check = "minimum_age"
[rule.params]
default_years = 18
"""


def _dir(tmp_path: Path, text: str, name: str = "rules.toml") -> Path:
    folder = tmp_path / "rules"
    folder.mkdir(exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")
    return folder


def _fields(exc: RuleFileError) -> set[str]:
    return {problem.field for problem in exc.problems}


def test_the_package_rules_load_with_a_sha256_version() -> None:
    rules = load_rules()
    assert len(rules.version) == 64
    assert int(rules.version, 16) >= 0
    ids = {rule.id for rule in rules.in_force(date(2026, 1, 1))}
    expected = {"age.minimum", "documents.pasal13", "agency.licence_active", "job_order.valid"}
    expected |= {"job_order.quota", "destination.kepmenaker_260_2015"}
    expected |= {"cost.zero_placement_cost", "cost.ceiling", "health.certificate"}
    expected |= {"competence.certificate", "social_security.membership", "documents.work_visa"}
    assert expected <= ids
    assert all(rule.legal_basis and rule.title_id and rule.title_en for rule in rules.rules)


def test_every_declared_check_has_sql_and_back() -> None:
    assert set(SQL) == set(CHECKS)


def test_the_kepmenaker_260_rule_is_in_force_from_1_july_2015_with_its_21_countries() -> None:
    rules = load_rules()
    before = {rule.id for rule in rules.in_force(date(2015, 6, 30))}
    after = {rule.id for rule in rules.in_force(date(2015, 7, 1))}
    assert "destination.kepmenaker_260_2015" not in before
    assert "destination.kepmenaker_260_2015" in after
    rule = rules.get("destination.kepmenaker_260_2015")
    assert frozenset(rule.params["countries"]) == KEPMENAKER_260_2015
    assert len(rule.params["countries"]) == 21


def test_the_zero_cost_rule_starts_when_the_transition_ended() -> None:
    rules = load_rules()
    assert "cost.zero_placement_cost" not in {r.id for r in rules.in_force(date(2021, 7, 14))}
    rule = rules.get("cost.zero_placement_cost", date(2021, 7, 15))
    assert len(rule.params["items"]) == 12
    assert {"housekeeper", "babysitter", "gardener", "fishing_crew"} <= set(
        rule.params["job_types"]
    )


def test_a_past_date_gets_the_age_rule_of_the_old_law() -> None:
    rules = load_rules()
    old = rules.get("age.minimum", date(2017, 11, 21))
    new = rules.get("age.minimum", date(2017, 11, 22))
    assert old.legal_basis.startswith("UU 39/2004")
    assert old.params["overrides"][0]["years"] == 21
    assert new.params["default_years"] == 18
    assert not new.params["overrides"]


def test_gating_selects_the_rules_of_a_stage_on_a_date() -> None:
    rules = load_rules()
    gating = {r.id for r in rules.gating(PlacementStatus.DEPARTED, date(2026, 1, 1))}
    assert "documents.pasal13" in gating
    assert "job_order.quota" not in gating
    assert not rules.gating(PlacementStatus.WITHDRAWN, date(2026, 1, 1))


def test_an_alternative_directory_loads_and_its_version_follows_the_bytes(tmp_path: Path) -> None:
    folder = _dir(tmp_path, GOOD)
    first = load_rules(folder)
    assert [rule.id for rule in first.rules] == ["x.age"]
    (folder / "rules.toml").write_text(GOOD.replace("= 18", "= 21"), encoding="utf-8")
    second = load_rules(folder)
    assert second.version != first.version
    assert second.rules[0].params["default_years"] == 21


@pytest.mark.parametrize(
    ("change", "field"),
    [
        (('title_en = "Age"\n', ""), "rules.toml:x.age.title_en"),
        (('check = "minimum_age"', 'check = "no_such_check"'), "rules.toml:x.age.check"),
        (("default_years = 18", 'default_years = "18"'), "rules.toml:x.age.params.default_years"),
        (("default_years = 18", "default_years = 18\nextra = 1"), "rules.toml:x.age.params.extra"),
        (("default_years = 18", "minimum = 18"), "rules.toml:x.age.params.default_years"),
        (('gates = ["departed"]', 'gates = ["flying"]'), "rules.toml:x.age.gates"),
        (('severity = "error"', 'severity = "fatal"'), "rules.toml:x.age.severity"),
        (
            ("in_force_from = 2020-01-01", 'in_force_from = "soon"'),
            "rules.toml:x.age.in_force_from",
        ),
        (
            ("in_force_from = 2020-01-01", "in_force_from = 2020-01-01\nin_force_to = 2019-01-01"),
            "rules.toml:x.age.in_force_to",
        ),
        (("severity", "colour = 1\nseverity"), "rules.toml:x.age.colour"),
    ],
)
def test_a_bad_entry_is_named_by_file_rule_and_field(
    tmp_path: Path, change: tuple[str, str], field: str
) -> None:
    folder = _dir(tmp_path, GOOD.replace(*change))
    with pytest.raises(RuleFileError) as caught:
        load_rules(folder)
    assert field in _fields(caught.value)
    assert all(p.message_id and p.message_en for p in caught.value.problems)


def test_a_bad_row_parameter_names_its_row(tmp_path: Path) -> None:
    text = GOOD + "[[rule.params.overrides]]\nyears = 21\nemployer_kinds = 'household'\n"
    with pytest.raises(RuleFileError) as caught:
        load_rules(_dir(tmp_path, text))
    assert "rules.toml:x.age.params.overrides[0].employer_kinds" in _fields(caught.value)


def test_broken_toml_and_overlapping_versions_are_refused(tmp_path: Path) -> None:
    with pytest.raises(RuleFileError) as caught:
        load_rules(_dir(tmp_path, "[[rule]\nid = 1", "broken.toml"))
    assert "broken.toml:toml" in _fields(caught.value)
    (tmp_path / "rules" / "broken.toml").unlink()
    _dir(tmp_path, GOOD + GOOD.replace("2020-01-01", "2021-01-01"))
    with pytest.raises(RuleFileError) as overlap:
        load_rules(tmp_path / "rules")
    assert "rules.toml:x.age.in_force_from" in _fields(overlap.value)


def test_every_problem_of_a_file_is_reported_at_once(tmp_path: Path) -> None:
    text = GOOD.replace('severity = "error"', 'severity = "fatal"').replace(
        'gates = ["departed"]', ""
    )
    with pytest.raises(RuleFileError) as caught:
        load_rules(_dir(tmp_path, text))
    assert {"rules.toml:x.age.severity", "rules.toml:x.age.gates"} <= _fields(caught.value)


def test_an_empty_directory_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(RuleFileError):
        load_rules(tmp_path)


def test_a_copy_of_the_package_rules_has_the_same_version(tmp_path: Path) -> None:
    copy = tmp_path / "copy"
    shutil.copytree(default_rules_dir(), copy)
    assert load_rules(copy).version == load_rules().version


def test_the_rule_vocabulary_is_the_job_catalogues_and_the_stores() -> None:
    from lindung.demo.jobs import JOBS, SPSK_CITIES, SPSK_JOBS

    catalogue = {job.job_type for job in JOBS} | {"gardener"}  # no gardener jobs generated yet
    items = {"air_ticket", "visa", "contract_legalisation", "training", "competence_certificate"}
    items |= {"agency_fee", "passport", "police_certificate", "social_security", "medical_check"}
    items |= {"local_transport", "accommodation"}
    for rule in load_rules().rules:
        for name in ("job_types", "exempt_job_types"):
            assert set(rule.params.get(name, [])) <= catalogue, (rule.id, name)
        assert set(rule.params.get("items", [])) <= items
    spsk = load_rules().get("destination.kepmenaker_260_2015").params["exceptions"][0]
    assert set(spsk["job_types"]) == SPSK_JOBS
    assert tuple(spsk["cities"]) == SPSK_CITIES
