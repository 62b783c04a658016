"""``benchmarks/results/signals.md``: the tables of a signals benchmark run."""

from __future__ import annotations

from pathlib import Path
from typing import Any

TYPES = (
    "irregular_departure",
    "irregular_departure (medium, high)",
    "underage",
    "age_discrepancy",
    "children_left_behind",
    "voter_missing",
    "voter_duplicate",
    "voter_returned",
    "voter_ineligible",
)


#: What each remaining miss class is (the causes in ``misses.py``), and why it stays.
EXPLAINED = (
    "`irregular_departure:false_alarm` `abroad:*`: citizens living abroad (students, "
    "spouses, professionals) leaving without a placement. The crossings <-> DPT LN pairing "
    "(`imigrasi-dpt-ln`) puts a resident's voter entry on her person, and the rule drops "
    "an unregistered exit listed so (or by its NIK) on the DPT LN of an open destination "
    "reached by air. At 20,000 workers the 1,086 left are: 558 listed by identity but "
    "leaving by sea or land, to Malaysia or to a closed country, where the rule only "
    "lowers them (1,384 raised irregular migrants are listed by identity on those same "
    "routes: dropping them would cost more than it saves); 460 not on the DPT LN at all "
    "(about 30% of residents; a crossing alone does not tell them apart); 68 on the list "
    "but not linked to their crossing (the pairing's recall, 0.946 at its 0.95 "
    "threshold). Most end low severity, hence the medium/high row. Before the pairing "
    "(main, same data): precision 0.827, recall 0.999; medium/high 0.937 / 0.849.",
    "`irregular_departure:false_alarm` `worker:exit_not_linked_to_the_registry:*`: a "
    "registered worker's procedural exit that the registry <-> crossings linkage did not "
    "link (passport spelling, swapped names): the exit looks unregistered. A linkage "
    "recall matter, not the rule's.",
    "`irregular_departure:false_alarm` `tourist:*`: holiday makers and pilgrims still "
    "away on the run date (no arrival yet, so not a round trip). They fall out at the "
    "first run after their return.",
    "`irregular_departure:missed` `other:irregular`: irregular migrants who flew to an "
    "open destination (Brunei, Hong Kong, Taiwan, Singapore...) and are on the DPT LN "
    "there (by NIK, or now by name through the crossings <-> DPT LN pairing: 6 before "
    "it, 66 with it): the citizens-abroad rule does not raise them. The price of that "
    "rule, stated in docs/signals.md; exits of children are `underage`'s (scored there).",
    "`age_discrepancy` false alarm (none in this run; one in an earlier generation of "
    "the data): a person the linkage made of two registry workers born in the same year "
    "months apart (a false link, each worker's own dates agree); low severity. A linkage "
    "precision matter.",
    "`voter_*`: see `benchmarks/signals/misses.py` (quarantined rows, repeats the "
    "linkage did not join, returned workers who left again irregularly).",
)


def _number(value: Any) -> str:
    if value is None:
        return "-"
    if isinstance(value, float):
        return f"{value:.3f}"
    return f"{value:,}"


def _load(run: dict[str, Any]) -> list[str]:
    if "load" not in run:
        return []
    load = run["load"]
    return [f"Load average before {tuple(load['before'])}, after {tuple(load['after'])}.", ""]


def _quality(run: dict[str, Any]) -> list[str]:
    lines = [
        f"### {run['workers']:,} workers "
        f"(as of {run['as_of']}, election day {run['election_day']})",
        "",
        "Seconds: "
        + ", ".join(f"{k} {v}" for k, v in run["seconds"].items())
        + f"; peak memory {run['peak_rss_mb']:,} MB.",
        "",
        *([f"Note: {run['note']}.", ""] if run.get("note") else []),
        *_load(run),
        "| type | truth | signals | true positives | precision | recall |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for name in TYPES:
        s = run["scores"].get(name)
        if s is None:
            continue
        lines.append(
            f"| `{name}` | {_number(s['truth'])} | {_number(s['signals'])} | "
            f"{_number(s['true_positives'])} | {_number(s['precision'])} | "
            f"{_number(s['recall'])} |"
        )
    unscored = {k: v for k, v in run["counts"].items() if k not in TYPES}
    if unscored:
        lines += [
            "",
            "Counted, not scored: " + ", ".join(f"`{k}` {v:,}" for k, v in unscored.items()),
        ]
    lines += _without_consular(run)
    lines += ["", "Misses by cause (count; example keys):", ""]
    for name, causes in run["misses"].items():
        for cause, found in causes.items():
            examples = ", ".join(str(e) for e in found["examples"])
            lines.append(f"- `{name}` `{cause}`: {found['count']:,} ({examples})")
    lines += ["", "What the remaining misses are:", ""]
    lines += [f"- {text}" for text in EXPLAINED]
    return [*lines, ""]


def _without_consular(run: dict[str, Any]) -> list[str]:
    """The departure rows again without the lapor diri file (same store, rows deleted)."""
    without = run.get("without_consular")
    if not without:
        return []
    lines = [
        "",
        f"Without `consular_registrations` (the same store, its {without['removed']:,} rows "
        "deleted, signals run again):",
        "",
        "| type | truth | signals | true positives | precision | recall |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for name, s in without["scores"].items():
        lines.append(
            f"| `{name}` | {_number(s['truth'])} | {_number(s['signals'])} | "
            f"{_number(s['true_positives'])} | {_number(s['precision'])} | "
            f"{_number(s['recall'])} |"
        )
    return lines


def _scale(run: dict[str, Any]) -> list[str]:
    lines = [
        f"### Scale: {run['workers']:,} workers, linkage excluded",
        "",
        f"Imported: {', '.join(f'{k} {v:,}' for k, v in run['imported'].items())}; "
        f"{run['person_records']:,} person records from the ground truth.",
        "",
        "| measure | value | target |",
        "|---|---:|---:|",
        f"| `run_signals` wall time | {run['run_seconds']} s | < {run['targets']['seconds']} s |",
        f"| its peak memory (own process) | {run['run_peak_rss_mb']:,} MB | "
        f"< {run['targets']['peak_mb']:,} MB |",
        f"| reference: snapshot + one scan per relation | {run['reference_seconds']} s | |",
        f"| ratio run / reference | {run['ratio']} | |",
    ]
    if "second_run_seconds" in run:
        lines += [
            f"| second run, same store (wall time) | {run['second_run_seconds']} s | "
            f"< {run['targets']['seconds']} s |",
            f"| its peak memory | {run['second_run_peak_rss_mb']:,} MB | "
            f"< {run['targets']['peak_mb']:,} MB |",
        ]
    lines += ["", *_load(run)]
    if run.get("load_after_runs"):
        first, second = run["load_after_runs"]
        lines += [f"Load average after the first run {first}, after the second {second}.", ""]
    if run.get("note"):
        lines += [f"Note: {run['note']}.", ""]
    if "memory_limit" in run:
        limit = run["memory_limit"]
        lines += [f"DuckDB memory limit (`LINDUNG_SIGNALS_MEMORY_LIMIT`): {limit}.", ""]
    for key, title in (("run_stages", "First run"), ("second_run_stages", "Second run")):
        if key in run:
            lines += [
                f"{title}, seconds by stage: "
                + ", ".join(f"{k} {v}" for k, v in run[key].items())
                + ".",
                "",
            ]
    if "second_run_outcomes" in run:
        lines += [
            "Second run outcomes (all types): "
            + ", ".join(f"{k} {v:,}" for k, v in run["second_run_outcomes"].items())
            + ".",
            "",
        ]
    lines += [
        "Signals: " + ", ".join(f"`{k}` {v:,}" for k, v in run["signals"].items()) + ".",
        "",
    ]
    return lines


def write_report(result: dict[str, Any], path: Path) -> None:
    m = result["machine"]
    lines = [
        "# Signals benchmark (generated by `python -m benchmarks.signals`)",
        "",
        f"Machine: {m['cpu']}, {m['cores']} cores, {m['memory_gb']} GB, Python {m['python']} "
        "(load average: each part's own, below).",
        "",
    ]
    for run in result.get("quality", []):
        lines += _quality(run)
    if "scale" in result:
        lines += _scale(result["scale"])
    path.write_text("\n".join(lines))
