"""The demo after its registry is loaded: partner files in, linkage, policy check, signals.

``lindung demo`` runs these steps once, on the first run, so that every page has
something true to show. Each step uses the platform's own machinery, as an operator
would, and says one line when done:

1. **import** the generated partner files through the import pipeline
   (:func:`lindung.exchange.imports.run_import`: validation, quarantine, provenance)
   under the founding agreement that lets the partner send them: the border
   crossings under Imigrasi's PKS, the DPT LN under Bawaslu's PKS. The Dukcapil
   extract is KP2MI's own verification source (no partner of the founding
   agreements sends it nationally), so it is imported without an agreement;
   so are the missions' consular registrations (lapor diri), which KP2MI's
   attaches at the missions see. National lapor diri data belongs to Kemlu
   (the Ministry of Foreign Affairs): there is no Kemlu agreement among the
   founding partners, and real use needs one first;
2. **link** the platform pairings (:func:`lindung.linkage.platform.run_pairing`):
   registry <-> Imigrasi, registry <-> DPT LN, registry <-> Dukcapil, the DPT LN's
   de-duplication, Imigrasi <-> DPT LN (which crossings are voters living abroad),
   Imigrasi <-> Dukcapil (the home village of travellers no registry record
   names) and Imigrasi <-> lapor diri (a traveller's registration at a mission,
   found by name where it lacks the crossing's passport number and NIK); each run
   recomputes the persons. A pairing whose files are too small to
   train on (a demo of a few hundred workers can have a voter list without one
   candidate pair) is said and skipped, the run recorded as failed;
3. **check** the placements against the policy rules (:func:`lindung.policy.runs.run_check`);
4. **signals**: one run as of today (:func:`lindung.signals.runs.run_signals`).

The training certificates stay unimported (no pairing uses them yet).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from lindung.exchange.audit import Actor
from lindung.settings import Settings
from lindung.store.database import Database

Say = Callable[[str], None]
ACTOR = Actor("system", "demo")

IMIGRASI_PKS = "PKS.01/KP2MI-IMI/XII/2025"
BAWASLU_PKS = "PKS.03/KP2MI-BAWASLU/XII/2025"


@dataclass(frozen=True)
class PartnerFile:
    """A generated partner file and how it comes in."""

    file: str
    dataset: str
    agreement: str | None


PARTNER_FILES: tuple[PartnerFile, ...] = (
    PartnerFile("imigrasi_crossings.csv", "border_crossings", IMIGRASI_PKS),
    PartnerFile("dpt_ln.csv", "dpt_ln", BAWASLU_PKS),
    PartnerFile("dukcapil.csv", "civil_registry", None),
    # KP2MI's attaches at the missions; national data is Kemlu's (needs an agreement)
    PartnerFile("consular_registrations.csv", "consular_registrations", None),
)
PAIRINGS: tuple[str, ...] = (
    "registry-imigrasi",
    "registry-dpt-ln",
    "registry-dukcapil",
    "dpt-ln-dedupe",
    "imigrasi-dpt-ln",
    "imigrasi-dukcapil",
    "imigrasi-lapor-diri",
)


@dataclass
class PipelineSummary:
    """What each step did (counts only)."""

    imported: dict[str, int] = field(default_factory=dict)
    quarantined: dict[str, int] = field(default_factory=dict)
    linked: dict[str, int] = field(default_factory=dict)
    findings: int = 0
    signals: dict[str, int] = field(default_factory=dict)


def import_partner_files(
    database: Database, partners_dir: Path, summary: PipelineSummary, say: Say
) -> None:
    """Step 1: each partner file through the import pipeline, under its agreement."""
    from lindung.exchange.imports import run_import

    for partner in PARTNER_FILES:
        report = run_import(
            database,
            partner.dataset,
            partners_dir / partner.file,
            partner.agreement,
            ACTOR,
        )
        summary.imported[partner.dataset] = report.stored
        summary.quarantined[partner.dataset] = report.quarantined
        say(
            f"import {partner.dataset}: {report.stored:,} rows stored, "
            f"{report.quarantined:,} quarantined ({partner.agreement or 'KP2MI'})"
        )


def link_partner_data(
    database: Database, settings: Settings, summary: PipelineSummary, say: Say
) -> None:
    """Step 2: the platform pairings, each a full run that recomputes the persons."""
    from lindung.linkage.platform import RunOptions, run_pairing
    from lindung.linkage.run import TooFewPairs

    for pairing in PAIRINGS:
        try:
            run = run_pairing(database, settings, pairing, RunOptions(), ACTOR)
        except TooFewPairs as exc:  # a very small demo: the run is recorded as failed
            say(f"linkage {pairing}: not run ({exc})")
            continue
        summary.linked[pairing] = run.linked
        say(
            f"linkage {pairing}: {run.pairs:,} pairs, {run.linked:,} linked, "
            f"{run.review:,} to review, {run.persons:,} persons"
        )


def check_policy(database: Database, today: date, summary: PipelineSummary, say: Say) -> None:
    """Step 3: a policy run over every placement (scorecards and rankings need findings)."""
    from lindung.policy.runs import run_check

    result = run_check(database, today, ACTOR)
    summary.findings = result.findings
    say(f"policy check: {result.placements_checked:,} placements, {result.findings:,} findings")


def raise_signals(
    database: Database, settings: Settings, today: date, summary: PipelineSummary, say: Say
) -> None:
    """Step 4: a signals run as of today (election day from the settings)."""
    from lindung.signals.runs import run_signals

    result = run_signals(database, today, ACTOR, election_day=settings.election_day)
    summary.signals = {name: result.current(name) for name in sorted(result.counts)}
    found = ", ".join(f"{name} {n:,}" for name, n in summary.signals.items() if n)
    say(f"signals: {sum(summary.signals.values()):,} current ({found})")
    for name, why in sorted(result.not_computed.items()):
        say(f"signals: {name} not computed ({why.get('reason')}: {why.get('missing')})")


def run_pipeline(
    database: Database,
    settings: Settings,
    partners_dir: Path,
    today: date,
    say: Say,
) -> PipelineSummary:
    """Every step after the registry is loaded (the founding agreements must exist)."""
    summary = PipelineSummary()
    import_partner_files(database, partners_dir, summary, say)
    link_partner_data(database, settings, summary, say)
    check_policy(database, today, summary, say)
    raise_signals(database, settings, today, summary, say)
    return summary
