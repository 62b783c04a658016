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
    "spouses, professionals) leaving without a placement. Two sources clear them: the "
    "crossings <-> DPT LN pairing (`imigrasi-dpt-ln`: an unregistered exit listed by "
    "identity on the DPT LN of an open destination reached by air) and, new, the "
    "missions' consular registrations (lapor diri: an unregistered exit whose passport "
    "number or NIK has a non-placement registration, student, homemaker, own business, "
    "retired..., in the destination, whatever the route). At 20,000 workers 740 are "
    "left (1,086 without the lapor diri file): 569 with no lapor diri (the generator "
    "registers half of the residents, an assumed rate: FACTS.md has no figure) and not "
    "cleared by the DPT LN (on no list, or listed but leaving by sea or land, to "
    "Malaysia or a closed country, where the DPT LN only lowers them); 157 registered "
    "as professionals employed abroad (`KARYAWAN SWASTA`): wage work, PMI by UU 18/2017 "
    "Pasal 1 angka 2, kept raised on purpose, and raised higher "
    "(`registered_as_worker_abroad`): counting them as irregular or not is a policy "
    "question; 14 registered as residents but not matched to their exit (the "
    "registration's passport number empty and no NIK in common, or the row quarantined "
    "for a mistyped NIK). Most end low severity, hence the medium/high row. Precision "
    "0.898, just under the issue's 0.9; without the lapor diri file (same store) 0.862, "
    "exactly as before the file existed: the gain rests on the new source and its "
    "assumed rates. Were the 157 professionals not counted as false alarms, precision "
    "would be 0.916 (not done: a policy question, see docs/signals.md).",
    "`irregular_departure:false_alarm` `worker:exit_not_linked_to_the_registry:*`: a "
    "registered worker's procedural exit that the registry <-> crossings linkage did not "
    "link (passport spelling, swapped names): the exit looks unregistered. A linkage "
    "recall matter, not the rule's.",
    "`irregular_departure:false_alarm` `tourist:*`: holiday makers and pilgrims still "
    "away on the run date (no arrival yet, so not a round trip). They fall out at the "
    "first run after their return.",
    "`irregular_departure:missed` `registered_as_resident:irregular`: irregular migrants "
    "who reported a non-placement status at a mission of the destination (the generator "
    "registers one in twenty irregular migrants, a tenth of those women as `IBU RUMAH "
    "TANGGA`, married locally): the lapor diri rule clears them, the stated price of "
    "trusting the person's statement to the mission (17 at 20,000 workers, recall "
    "0.991 -> 0.989).",
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
    "`voter_ineligible`: the truth is the DPT LN rows of never-married people under 17 "
    "on election day; the generator keeps half of the minors it chose for the list "
    "(`dpt_ln.MINORS_KEPT`, irregular migrants) and lists married minors as the "
    "eligible voters they are (1 row at 20,000 workers, not raised). Only 3 truth rows "
    "at 20,000 workers, so its precision and recall rest on 3 rows: the one miss is a "
    "row quarantined at import (a mistyped NIK), as for the other voter types. The "
    "list's placeholder days (01/01, 31/12: 3% of rows) can make a 17-year-old 16 or "
    "a 16-year-old 17; the rule takes the youngest age of the row and its linked civil "
    "record, and a placeholder row gives only its year when a civil record of that "
    "year has the full date. None at 20,000 workers; in the generated list alone at "
    "200,000 (seed 2029, no linkage): 38 truth rows, 5 married minors, 2 rows a 31/12 "
    "makes 16 (both with a civil record, so resolved once linked), none a 01/01 makes "
    "17. The other voter types moved a little against main (duplicate 0.995/0.962 -> "
    "0.991/0.955, returned 1.000/0.961 -> 0.996/0.957, missing 0.993/0.999 -> "
    "0.995/1.000): adding rows shifts the list's random stream, so every row's NIK "
    "noise, repeats and spelling are drawn anew; the rows that moved are adults'.",
    "Signals with a region: an unregistered traveller's comes from the civil record the "
    "crossings <-> civil registry pairing (`imigrasi-dukcapil`) puts on her person. "
    "Before it (main, same data) 1,118 of 8,493 `irregular_departure` signals had a "
    "region (0.132: a worker's origin or the crossing's NIK), 6 of them outside the "
    "traveller's regency; with it 4,966 (0.585), 14 outside (false links to namesakes "
    "born the same day); `underage` 0.216 -> 0.559, `voter_duplicate` 0.406 -> 0.535. "
    "Precision and recall of every type are unchanged. Most signals left without a "
    "region are people the Dukcapil extract does not hold (40% of irregular migrants, "
    "90% of residents abroad): docs/signals.md, 'Regions of unregistered travellers'.",
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


def _regions(run: dict[str, Any]) -> list[str]:
    """Signals with a region per type (a signal with none reaches no regional officer)."""
    if "regions" not in run:
        return []
    lines = [
        "",
        "Signals with a region (only those reach a regional officer; the others reach "
        "national readers alone). Own regency: of the signals on a crossing that have a "
        "region, those whose region lies in the true traveller's regency.",
        "",
        "| type | signals | with a region | share | on a crossing, with a region | own regency |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for name, found in run["regions"].items():
        lines.append(
            f"| `{name}` | {_number(found['signals'])} | {_number(found['with_region'])} | "
            f"{_number(found['share'])} | {_number(found.get('on_crossings_with_region'))} | "
            f"{_number(found['own_regency'])} |"
        )
    return lines


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
    lines += _regions(run)
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
