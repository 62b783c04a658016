from __future__ import annotations

import pytest
from sqlalchemy import func, select

from lindung.errors import InvalidRegionCode, NotFound
from lindung.store import regions
from lindung.store.database import Database
from lindung.store.migrate import upgrade
from lindung.store.models import Country, Region


def test_reference_data_is_loaded_with_every_level(db: Database) -> None:
    with db.session() as s:
        counts = dict(s.execute(select(Region.level, func.count()).group_by(Region.level)).all())
        destinations = s.scalar(select(func.count()).where(Country.is_destination))
    assert counts == {1: 38, 2: 514, 3: 7285, 4: 83762}
    assert destinations is not None
    assert destinations >= 30


def test_lookup_by_dotted_and_undotted_code(db: Database) -> None:
    with db.session() as s:
        assert regions.get_region(s, "35.09").name == "Kabupaten Jember"
        assert regions.get_region(s, "3509").name == "Kabupaten Jember"
        assert regions.get_region(s, "64.74").name == "Kota Bontang"
        with pytest.raises(NotFound):
            regions.get_region(s, "99.99")
        with pytest.raises(InvalidRegionCode):
            regions.get_region(s, "35-09")


def test_population_is_attached_to_regencies(db: Database) -> None:
    with db.session() as s:
        jember = regions.get_region(s, "35.09")
        assert jember.population_total is not None
        assert jember.population_total == jember.population_male + jember.population_female  # type: ignore[operator]


def test_children_and_ancestors(db: Database) -> None:
    with db.session() as s:
        provinces = regions.children(s, None)
        assert len(provinces) == 38
        districts = regions.children(s, "53.06")
        assert districts
        assert all(d.parent_code == "53.06" for d in districts)
        village = regions.children(s, districts[0].code)[0]
        chain = [r.code for r in regions.ancestors(s, village.code)]
        assert chain == ["53", "53.06", districts[0].code]


@pytest.mark.parametrize("query", ["kab. jember", "Jember", "KABUPATEN JEMBER", "jember"])
def test_search_ignores_case_and_prefix(db: Database, query: str) -> None:
    with db.session() as s:
        found = regions.search(s, query)
    assert found[0].code == "35.09"


def test_search_by_kind_prefix_narrows(db: Database) -> None:
    with db.session() as s:
        found = regions.search(s, "Kota Bontang")
        assert [r.code for r in found][:1] == ["64.74"]
        assert all(r.kind == "kota" or r.search_name.startswith("kota bontang") for r in found)
        assert regions.search(s, "   ") == []


def test_upgrade_is_idempotent(db: Database) -> None:
    report = upgrade(db.engine)
    assert report.loaded == {}
    assert sorted(report.unchanged) == ["countries", "regions"]
