"""The snapshot carries the record links of the pairings some detector reads, and no
other pairing's (those reach the detectors through persons), on SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import duckdb

from lindung.linkage.pairings import PAIRINGS
from lindung.signals.inputs import LINKS_READ, as_of_restriction, snapshot
from lindung.store.database import Database
from support.civil_departures import add_link, finished_run
from support.signals import AS_OF, World


def _every_pairing_links(w: World) -> None:
    for index, pairing in enumerate(PAIRINGS.values()):
        run_id = finished_run(w, pairing.name)
        left, right = pairing.left.name, pairing.right_source.name
        add_link(w, run_id, pairing.name, (left, 1000 + index), (right, 2000 + index))


def test_only_the_links_the_detectors_read(db: Database, build: Callable[..., Any]) -> None:
    build(_every_pairing_links)
    con = duckdb.connect()
    with db.session() as session:
        counts = snapshot(con, session, as_of_restriction(AS_OF, None))
    found = con.execute("SELECT left_source, right_source FROM record_links").fetchall()
    expected = {(PAIRINGS[p].left.name, PAIRINGS[p].right_source.name) for p in LINKS_READ}
    assert set(found) == expected
    assert counts["record_links"] == len(LINKS_READ) < len(PAIRINGS)
    # every pairing's run is still seen: a detector may need a pairing to have run
    assert {k for k in counts if k.startswith("linkage:")} == {f"linkage:{p}" for p in PAIRINGS}
