"""Minors on the generated voter list (DPT LN): the never-married ones are a planted
error (``dpt_ln.MINORS_KEPT``), the married ones are eligible (UU 7/2017 Pasal 198)
and every source agrees on their marital status."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import numpy as np
import pytest

from lindung.demo import DemoConfig
from lindung.demo.calendar import age_on
from lindung.demo.cohorts import MINORS_EVER_MARRIED, Kind, irregular
from lindung.demo.geography import geography
from lindung.demo.partners.dpt_ln import voter_list
from lindung.demo.partners.dukcapil import civil_registry
from lindung.demo.recruitment import Marital
from lindung.demo.streams import stream
from lindung.demo.world import World, build_world

#: Large enough for a few minors on the list (the demo fixture's 2,000 has none).
WORKERS = 20_000
SEED = 2029


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> World:
    config = DemoConfig(workers=WORKERS, seed=SEED, out_dir=tmp_path_factory.mktemp("voters"))
    return build_world(config, lambda _stage, _done, _total: None)


def _listed(world: World) -> tuple[np.ndarray, list[str]]:
    """People rows of the list's entries and their marital codes."""
    table, truth, _ = voter_list(world)
    order = np.argsort(world.people.person_id)
    at = np.searchsorted(world.people.person_id, truth.column("person_id").to_numpy(), sorter=order)
    return order[at], table.column("marital_status").to_pylist()


def _minors(world: World, rows: np.ndarray) -> np.ndarray:
    return np.flatnonzero(age_on(world.people.birth[rows], world.as_of) < 17)


def test_the_list_holds_never_married_minors_abroad(world: World) -> None:
    rows, codes = _listed(world)
    minors = _minors(world, rows)
    assert len(minors) > 0
    never = [i for i in minors if world.people.marital[rows[i]] == Marital.SINGLE]
    assert len(never) > 0
    assert all(codes[i] == "B" for i in never)
    # who can be abroad that young: irregular migrants, workers whose age was forged
    assert set(world.people.kind[rows[minors]].tolist()) <= {Kind.IRREGULAR, Kind.WORKER}


def test_married_minors_are_listed_as_eligible_in_every_source(world: World) -> None:
    rows, _ = _listed(world)
    listed_minors = set(rows[_minors(world, rows)].tolist())
    # the same world with every minor married: all the minors chosen stay on the list
    people = world.people
    young = age_on(people.birth, world.as_of) < 17
    married = replace(
        world,
        people=replace(
            people, marital=np.where(young, Marital.MARRIED, people.marital).astype(np.int8)
        ),
    )
    rows_m, codes_m = _listed(married)
    minors_m = _minors(married, rows_m)
    assert listed_minors < set(rows_m[minors_m].tolist())  # the never-married kept a share
    assert {codes_m[i] for i in minors_m} == {"S"}
    civil, civil_truth = civil_registry(married)
    civil_status = dict(
        zip(
            civil_truth.column("person_id").to_pylist(),
            civil.column("marital_status").to_pylist(),
            strict=True,
        )
    )
    on_both = [p for p in people.person_id[rows_m[minors_m]].tolist() if p in civil_status]
    assert on_both
    assert {civil_status[p] for p in on_both} == {"KAWIN"}


def test_some_irregular_girls_under_18_are_married() -> None:
    cohort, trips = irregular(stream(1, "irregular"), geography(), 200_000, date(2026, 11, 1))
    minor = age_on(cohort.birth, trips.departed) < 17  # 15 to 17.9 on leaving; adults 18+
    married = cohort.marital != Marital.SINGLE
    girls = minor & cohort.female
    assert not (married & minor & ~cohort.female).any()
    share = (married & girls).sum() / girls.sum()
    assert share == pytest.approx(MINORS_EVER_MARRIED, abs=0.03)
