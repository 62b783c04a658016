"""Irregular departures of citizens living abroad: a traveller on the DPT LN of the
destination country (docs/signals.md, "Citizens living abroad")."""

from __future__ import annotations

import itertools
from datetime import date
from typing import Any

from lindung.domain.identity.nik import make_nik
from lindung.signals.detectors.departures import RULE
from lindung.store.database import Database
from lindung.store.models import DptLnEntry
from support.signals import RunSignals, World, departures_by_crossing

EXIT = date(2026, 2, 1)
BIRTH = date(1990, 5, 6)
_serial = itertools.count(1)


def _listed(w: World, ppln: str, nik: str | None = None, birth: date = BIRTH) -> DptLnEntry:
    serial = next(_serial)
    row = DptLnEntry(
        import_id=w.import_id, file_sha256="0" * 64, row_number=serial, content_hash="0" * 32,
        record_id=f"DPT{serial}", ppln=ppln, nik=nik, name=f"Pemilih {serial}",
        birth_date=birth, sex="F",
    )  # fmt: skip
    w.session.add(row)
    w.session.flush()
    return row


def _scenario(w: World) -> dict[str, Any]:
    w.worker()  # a registry to compare with
    nik = make_nik("320101", BIRTH, "F", 1)
    # by NIK, by air to an open country: a resident going back, not raised
    resident = w.crossing(EXIT, country="JP", checkpoint="Soekarno-Hatta", birth=BIRTH, nik=nik)
    _listed(w, "Tokyo", nik=nik)
    # by a linkage run's person, by air to Taiwan: not raised either
    linked = w.crossing(EXIT, country="TW", checkpoint="Juanda", birth=date(1991, 1, 2))
    w.person(("border_crossings", linked.id), ("dpt_ln", _listed(w, "Taipei").id), probability=None)
    # by NIK but by sea to Malaysia, where irregular migrants are listed too: lowered
    sea_nik = make_nik("530101", BIRTH, "F", 2)
    sea = w.crossing(EXIT, country="MY", checkpoint="Nunukan", birth=BIRTH, nik=sea_nik)
    _listed(w, "Tawau", nik=sea_nik)
    # by birth date and sex only (a weak match), by air to Japan: lowered
    weak = w.crossing(EXIT, country="JP", checkpoint="Soekarno-Hatta", birth=date(2006, 8, 8))
    _listed(w, "Osaka", birth=date(2006, 8, 8))
    # on the list of another country: no bearing
    other = w.crossing(EXIT, country="KR", checkpoint="Soekarno-Hatta", birth=date(1987, 7, 7))
    _listed(w, "Tokyo", birth=date(1987, 7, 7))
    # the same exit, unlisted: the reference score (young and unregistered: 0.35)
    plain = w.crossing(EXIT, country="JP", checkpoint="Soekarno-Hatta", birth=date(2006, 6, 6))
    return {"resident": resident.id, "linked": linked.id, "sea": sea.id, "weak": weak.id,
            "other": other.id, "plain": plain.id}  # fmt: skip


def test_listed_residents_are_not_raised_weak_or_risky_listings_are_lowered(
    db: Database, build: Any, run: RunSignals
) -> None:
    ids = build(_scenario)
    run()
    found = departures_by_crossing(db)
    assert ids["resident"] not in found
    assert ids["linked"] not in found
    assert {ids["sea"], ids["weak"], ids["other"], ids["plain"]} <= set(found)

    def listed(key: str) -> Any:
        reasons = {r["code"]: r for r in found[ids[key]].risk_reasons}
        return reasons.get("listed_abroad")

    assert listed("sea")["params"] == {"matched_by": "birth_date_sex, nik"}
    assert listed("weak")["params"] == {"matched_by": "birth_date_sex"}
    assert listed("sea")["weight"] == RULE.listed_abroad_weight < 0
    assert listed("other") is None
    assert listed("plain") is None
    weak, plain = found[ids["weak"]], found[ids["plain"]]
    assert weak.risk_score == round(plain.risk_score + RULE.listed_abroad_weight, 4)
    assert weak.evidence["facts"]["listed_abroad"] == ["birth_date_sex"]
    assert plain.evidence["facts"]["listed_abroad"] == []


def test_the_listed_abroad_reason_reads_in_both_languages() -> None:
    from lindung.signals.inbox import reason_text

    params = {"matched_by": "birth_date_sex"}
    assert "DPT LN" in reason_text("listed_abroad", params, "id")
    assert "tanggal lahir dan jenis kelamin" in reason_text("listed_abroad", params, "id")
    assert reason_text("listed_abroad", params, "en").startswith("On the DPT LN")
    assert "(matched by birth date and sex)" in reason_text("listed_abroad", params, "en")
    both = reason_text("listed_abroad", {"matched_by": "nik, person"}, "en")
    assert "(matched by NIK, linked name and identity)" in both
    unknown = reason_text("listed_abroad", {"matched_by": "nik, passport"}, "id")
    assert "NIK, passport" in unknown  # a code without words is shown as it is
