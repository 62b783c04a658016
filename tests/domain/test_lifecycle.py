from __future__ import annotations

from lindung.domain.lifecycle import LABELS, Phase, PlacementStatus


def test_every_stage_has_both_labels() -> None:
    assert set(LABELS) == set(PlacementStatus)
    for status in PlacementStatus:
        assert status.label("id")
        assert status.label("en")
    assert PlacementStatus.RETURNED.label("id") == "Purna (pulang)"


def test_phases_follow_uu_18_2017() -> None:
    assert PlacementStatus.ORIENTED.phase is Phase.BEFORE
    assert PlacementStatus.WORKING.phase is Phase.DURING
    assert PlacementStatus.REPATRIATED.phase is Phase.AFTER
    abroad = {s for s in PlacementStatus if s.is_abroad}
    assert abroad == {PlacementStatus.DEPARTED, PlacementStatus.WORKING, PlacementStatus.EXTENDED}
