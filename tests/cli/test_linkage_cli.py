"""``lindung linkage ...`` end to end through the real entry point (both backends)."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from sqlalchemy import select, update

from lindung.demo.logins import create_demo_users
from lindung.exchange.principal import Principal
from lindung.linkage import model_files, review
from lindung.linkage.labels import MIN_MATCH_LABELS
from lindung.settings import Settings
from lindung.store.database import Database
from lindung.store.models import AuditEntry, RecordLink, ReviewDecision
from support import linkage_runs as lr
from support.cli import RunCli


def _store(db: Database, settings: Settings, tmp_path: Path) -> None:
    lr.load_store(db)
    create_demo_users(db)
    lr.install_models(settings.model_copy(update={"data_dir": tmp_path}))


def test_run_list_show_decide_accuracy_and_labels(
    run_cli: RunCli,
    cli_env: dict[str, str],
    db: Database,
    settings: Settings,
    tmp_path: Path,
) -> None:
    _store(db, settings, tmp_path)
    ran = run_cli("linkage", "run", lr.PAIRING, env=cli_env)
    assert ran.code == 0, ran.err
    assert "persons" in ran.out
    assert "v1 (saved)" in ran.out
    with db.session() as s:  # make sure one pair waits in the queue
        link_id = s.scalar(select(RecordLink.id).where(RecordLink.state == "linked").limit(1))
        s.execute(update(RecordLink).where(RecordLink.id == link_id).values(state="review"))

    listed = run_cli("linkage", "review", "list", "--pairing", lr.PAIRING, env=cli_env)
    assert listed.code == 0, listed.err
    assert f"\n {link_id} " in listed.out or f"│ {link_id} " in listed.out

    shown = run_cli("linkage", "review", "show", str(link_id), "--user", "admin", env=cli_env)
    assert shown.code == 0, shown.err
    assert "full_name" in shown.out
    assert "Birth date:" in shown.out
    with db.session() as s:
        read = s.scalars(select(AuditEntry).where(AuditEntry.dataset == "linkage_pairs")).all()
        assert [(e.action, e.actor, e.row_count) for e in read] == [("read", "admin", 1)]

    decided = run_cli(
        "linkage",
        "review",
        "decide",
        str(link_id),
        "non-match",
        "--reason",
        "different mother's name",
        "--user",
        "analis",
        env=cli_env,
    )
    assert decided.code == 0, decided.err
    with db.session() as s:
        decision = s.scalars(select(ReviewDecision)).one()
        assert (decision.link_id, decision.decision, decision.decided_by) == (
            link_id,
            "non-match",
            "analis",
        )

    accuracy = run_cli("linkage", "review", "accuracy", env=cli_env)
    assert "labels 1: precision 0.000" in accuracy.out
    out = tmp_path / "labels.csv"
    exported = run_cli("linkage", "review", "labels", "--out", str(out), env=cli_env)
    assert exported.code == 0, exported.err
    with out.open(encoding="utf-8") as stream:
        rows = list(csv.DictReader(stream))
    assert [r["clerical_match_score"] for r in rows] == ["0"]


def test_refusals_are_one_line_errors_and_change_nothing(
    run_cli: RunCli,
    cli_env: dict[str, str],
    db: Database,
    settings: Settings,
    tmp_path: Path,
) -> None:
    _store(db, settings, tmp_path)
    assert run_cli("linkage", "run", lr.PAIRING, env=cli_env).code == 0
    with db.session() as s:
        link_id = s.scalar(select(RecordLink.id).limit(1))
    unknown = run_cli("linkage", "run", "registry-everything", env=cli_env)
    assert unknown.code == 1
    assert "no pairing named" in unknown.err
    assert "registry-imigrasi" in unknown.err
    bad = run_cli("linkage", "run", lr.PAIRING, "--threshold", "1.5", env=cli_env)
    assert bad.code == 1
    assert "threshold" in bad.err
    officer = run_cli(
        "linkage",
        "review",
        "decide",
        str(link_id),
        "match",
        "--reason",
        "x",
        "--user",
        "jember",
        env=cli_env,
    )
    assert officer.code == 1
    assert "national administrators and analysts" in officer.err
    shown = run_cli("linkage", "review", "show", str(link_id), "--user", "mitra", env=cli_env)
    assert shown.code == 1
    assert "access refused" in shown.err or "refused" in shown.err
    with db.session() as s:
        assert s.scalars(select(ReviewDecision)).all() == []
        refused = s.scalars(
            select(AuditEntry).where(
                AuditEntry.dataset == "linkage_pairs", AuditEntry.decision == "refused"
            )
        ).all()
        assert len(refused) == 1


@pytest.mark.parametrize("backend", ["sqlite"])
def test_a_retrain_with_too_few_labels_trains_without_them_and_says_why(
    run_cli: RunCli,
    cli_env: dict[str, str],
    db: Database,
    settings: Settings,
    tmp_path: Path,
) -> None:
    _store(db, settings, tmp_path)
    ran = run_cli("linkage", "run", lr.PAIRING, env=cli_env)
    assert ran.code == 0, ran.err
    assert "reviewers' labels" not in ran.out  # a saved model: no training, no labels line
    admin = Principal("user", "admin", role="national_admin")
    with db.session() as s:
        links = s.scalars(select(RecordLink.id).order_by(RecordLink.id).limit(5)).all()
        for link_id in links[:3]:
            review.decide(s, admin, link_id, "match", "same passport photo")
        review.decide(s, admin, links[3], "non-match", "different father")
        review.decide(s, admin, links[4], "unsure", "photo unreadable")

    retrained = run_cli("linkage", "run", lr.PAIRING, "--retrain", env=cli_env)
    assert retrained.code == 0, retrained.err
    assert "v2 (trained now)" in retrained.out
    assert "3 cocok / match, 1 tidak cocok / non-match, 0 dilewati" in retrained.out
    assert (
        f"not used: kurang dari {MIN_MATCH_LABELS} label cocok / "
        f"fewer than {MIN_MATCH_LABELS} match labels"
    ) in retrained.out
    saved = model_files.load(model_files.models_dir(tmp_path), lr.PAIRING, 2)
    assert saved.labels is not None
    assert (saved.labels["match"], saved.labels["used"], saved.labels["reason"]) == (
        3,
        False,
        "too_few",
    )

    off = run_cli("linkage", "run", lr.PAIRING, "--retrain", "--no-labels", env=cli_env)
    assert off.code == 0, off.err
    assert "not used: dimatikan dengan --no-labels / turned off with --no-labels" in off.out
    help_text = run_cli("linkage", "run", "--help", env=cli_env)
    assert "--no-labels" in help_text.out


def test_pairings_lists_sources_columns_and_thresholds(run_cli: RunCli) -> None:
    listed = run_cli("linkage", "pairings", env={"COLUMNS": "200"})
    assert listed.code == 0, listed.err
    line = next(row for row in listed.out.splitlines() if "registry-imigrasi" in row)
    assert "border_crossings" in line
    assert "passport_no" in line
    assert "0.5-0.95" in line
    dedupe = next(row for row in listed.out.splitlines() if "dpt-ln-dedupe" in row)
    assert "(duplicates)" in dedupe
    assert "birth_place" in dedupe
