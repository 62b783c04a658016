"""The demo pipeline on a small generated set: partner files imported under the
founding agreements, the platform pairings linked, signals raised; the founding
agreements carrying the signals dataset; the Bawaslu and Komnas Anak demo users."""

from __future__ import annotations

import csv
import re
from datetime import date
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from sqlalchemy import func, select

from lindung.demo import DemoConfig, generate, load_into_store
from lindung.demo.agreements import FOUNDING, seed_founding_agreements
from lindung.demo.logins import DEMO_LOGINS, create_demo_users
from lindung.demo.pipeline import PAIRINGS, PARTNER_FILES, run_pipeline
from lindung.domain.signals import TYPES, SignalType
from lindung.settings import Settings
from lindung.store.database import Database
from lindung.store.models import (
    Import,
    LinkageRun,
    Organisation,
    PersonRecord,
    Signal,
    SignalRun,
    User,
)
from lindung.web.app import create_app
from support.http import TestClient
from support.web import log_in

AS_OF = date(2026, 11, 1)


def _file_rows(path: Path) -> int:
    with path.open(encoding="utf-8") as stream:
        return sum(1 for _ in stream) - 1


def test_pipeline_imports_links_and_raises_signals(
    db: Database, settings: Settings, tmp_path: Path
) -> None:
    config = DemoConfig(workers=300, seed=11, out_dir=tmp_path / "demo", as_of=AS_OF)
    generate(config)
    load_into_store(db, config)
    create_demo_users(db)  # before the agreements, which bind the partner users
    seed_founding_agreements(db, today=AS_OF)
    said: list[str] = []
    # election day on the generator's date: "abroad on election day" is then the truth's
    settings = settings.model_copy(update={"election_day": AS_OF})
    summary = run_pipeline(db, settings, config.out_dir / "partners", AS_OF, said.append)

    for partner in PARTNER_FILES:  # nothing lost: rows in = stored + quarantined
        rows = _file_rows(config.out_dir / "partners" / partner.file)
        stored, held = summary.imported[partner.dataset], summary.quarantined[partner.dataset]
        assert stored + held == rows
        assert stored > 0
    with db.session() as session:
        numbers = dict(session.execute(select(Import.dataset, Import.agreement_id)).all())
        assert numbers["dpt_ln"] is not None
        assert numbers["border_crossings"] is not None
        assert numbers["civil_registry"] is None  # KP2MI's own source
        assert numbers["consular_registrations"] is None  # likewise (Kemlu's nationally)
        runs = session.scalars(select(LinkageRun.pairing).where(LinkageRun.status == "finished"))
        assert sorted(runs) == sorted(PAIRINGS)
        linked_voters = session.scalar(
            select(func.count()).select_from(PersonRecord).where(PersonRecord.source == "dpt_ln")
        )
        assert linked_voters == summary.imported["dpt_ln"]
        types = dict(
            session.execute(
                select(Signal.signal_type, func.count()).group_by(Signal.signal_type)
            ).all()
        )
        missing = set(
            session.scalars(select(Signal.worker_id).where(Signal.signal_type == "voter_missing"))
        )
        coverage = session.scalars(select(SignalRun.tables)).one()["ppln_coverage"]
    assert {"voter_missing", "irregular_departure", "voter_returned"} <= set(types)
    # the run stores the per-PPLN coverage table: its missing column agrees with the signals
    assert coverage
    assert sum(row["missing"] for row in coverage) == types["voter_missing"]
    assert all(0 <= (row["coverage"] or 0) <= 1 for row in coverage)
    assert summary.signals["voter_missing"] == types["voter_missing"]
    truth = set(
        pq.read_table(config.out_dir / "ground_truth" / "dpt_ln_missing_workers.parquet")
        .column("worker_id")
        .to_pylist()
    )
    assert len(missing & truth) >= 0.9 * len(missing)
    assert len(missing & truth) >= 0.9 * len(truth)
    assert any(line.startswith("signals: ") for line in said)
    _partners_read_their_signals(db, settings, set(types))
    assert [line.split(":")[0] for line in said[: len(PARTNER_FILES)]] == [
        f"import {p.dataset}" for p in PARTNER_FILES
    ]


def _partners_read_their_signals(db: Database, settings: Settings, raised: set[str]) -> None:
    """Over HTTP, each demo partner user opens the inbox under its founding agreement and
    finds the types its purposes serve, and none of the others."""
    logins = {login.username: login for login in DEMO_LOGINS}
    app = create_app(settings.model_copy(update={"demo_mode": True}), db)
    for username, purpose in (
        ("komnasanak", "child_protection"),
        ("bawaslu", "voter_list_oversight"),
    ):
        with TestClient(app) as client:
            login = logins[username]
            assert log_in(client, login.username, login.password).status_code == 303
            for signal_type in sorted(raised):
                response = client.get("/signals", params={"signal_type": signal_type})
                assert response.status_code == 200, (username, signal_type)
                shown = len(re.findall(r'href="/signals/\d+\?', response.text))
                assert (shown > 0) == serves_partner(signal_type, purpose), (username, signal_type)


def serves_partner(signal_type: str, purpose: str) -> bool:
    return purpose in {p.value for p in TYPES[SignalType(signal_type)].purposes}


SIGNAL_PARTNERS = {
    "PKS.01/KP2MI-IMI/XII/2025": "clear",
    "PKS.03/KP2MI-BAWASLU/XII/2025": "clear",
    "PKS.05/KP2MI-KOMNASANAK/XII/2025": "clear",
    "PKS.09/KP2MI-FLOTIM/XII/2025": "clear",
    "PKS.11/KP2MI-PROBOLINGGO/XII/2025": "clear",
    "PKS.13/KP2MI-JEMBER/XII/2025": "clear",
    "MoU.07/KP2MI-BONTANG/XII/2025": "masked",
}


def test_founding_agreements_carry_signals_to_the_partners() -> None:
    carrying = {}
    for founding in FOUNDING:
        for terms in founding.datasets:
            if terms.dataset == "signals":
                assert terms.direction == "to_partner"
                assert terms.fields["subject_nik"] == "masked"
                assert terms.fields["subject_birth_date"] == "masked"
                assert terms.fields["evidence"] == "clear"
                carrying[founding.number] = terms.fields["subject_name"]
    assert carrying == SIGNAL_PARTNERS


def test_bawaslu_and_komnas_anak_users_work_for_their_organisations(db: Database) -> None:
    create_demo_users(db)
    seed_founding_agreements(db, today=AS_OF)
    with db.session() as session:
        bound = dict(
            session.execute(
                select(User.username, Organisation.code).join(
                    Organisation, Organisation.id == User.organisation_id
                )
            ).all()
        )
    assert bound == {"mitra": "IMIGRASI", "bawaslu": "BAWASLU", "komnasanak": "KOMNAS-ANAK"}


@pytest.mark.parametrize("backend", ["sqlite"])
def test_a_pairing_too_small_to_train_is_skipped_and_said(
    db: Database, settings: Settings, tmp_path: Path
) -> None:
    """A very small demo's voter list can hold no candidate pair for the de-duplication
    to learn from: the pipeline says so and goes on; the signals that need that pairing
    are reported not computed."""
    config = DemoConfig(workers=300, seed=11, out_dir=tmp_path / "demo", as_of=AS_OF)
    generate(config)
    load_into_store(db, config)
    seed_founding_agreements(db, today=AS_OF)
    partners = config.out_dir / "partners"
    with (partners / "dpt_ln.csv").open(encoding="utf-8", newline="") as stream:
        rows = list(csv.DictReader(stream))
    kept: list[dict[str, str]] = []
    for row in rows:  # two voters who share no birth date, name or NIK
        if all(row[k] != other[k] for other in kept for k in ("birth_date", "name", "nik")):
            kept.append(row)
        if len(kept) == 2:
            break
    with (partners / "dpt_ln.csv").open("w", encoding="utf-8", newline="") as stream:
        writer = csv.DictWriter(stream, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(kept)
    said: list[str] = []
    summary = run_pipeline(db, settings, partners, AS_OF, said.append)
    assert summary.imported["dpt_ln"] + summary.quarantined["dpt_ln"] == 2
    skipped = [line for line in said if line.startswith("linkage dpt-ln-dedupe: not run")]
    assert len(skipped) == 1
    assert "too few records to train" in skipped[0]
    with db.session() as session:
        runs = dict(session.execute(select(LinkageRun.pairing, LinkageRun.status)).all())
    assert runs["dpt-ln-dedupe"] == "failed"
    assert runs["registry-imigrasi"] == "finished"
    assert any(line.startswith("signals: voter_duplicate not computed") for line in said)
