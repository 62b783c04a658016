"""What the signals pages show, in the reader's language: evidence side by side, reasons,
history, labels for codes. No I/O here: the pages read through the gate first."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from starlette.responses import FileResponse

from lindung.domain.regions import region_directory
from lindung.exchange.exports import Manifest
from lindung.signals.inbox import reason_text
from lindung.web.i18n import Translator


@dataclass(frozen=True)
class RecordColumn:
    """One record of the evidence, as a column."""

    source: str
    key: str
    role: str
    probability: str


@dataclass(frozen=True)
class FactRow:
    """One fact across the records; ``conflict`` when the sources disagree."""

    name: str
    values: list[str]
    conflict: bool


@dataclass(frozen=True)
class EvidenceView:
    records: list[RecordColumn] = field(default_factory=list)
    rows: list[FactRow] = field(default_factory=list)
    facts: list[tuple[str, str]] = field(default_factory=list)
    rule: list[tuple[str, str]] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)


def humanise(code: str) -> str:
    """``birth_year`` -> ``Birth year``: a fallback for codes without a label."""
    words = code.replace("_", " ").replace(".", " ").strip()
    return words[:1].upper() + words[1:]


def field_label(t: Translator, name: str) -> str:
    """An evidence field's name in the reader's language (the code made readable when
    the catalogue has no words for it)."""
    return t.get(f"signals.field.{name}", humanise(name))


def shown(value: Any) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, float):
        return f"{value:.4g}"
    if isinstance(value, list | tuple):
        return ", ".join(shown(v) for v in value)
    if isinstance(value, dict):
        return "; ".join(f"{humanise(str(k))}: {shown(v)}" for k, v in sorted(value.items()))
    return str(value)


def _record_key(record: Mapping[str, Any]) -> tuple[str, str]:
    return str(record.get("source", "")), str(record.get("key", ""))


def evidence_view(evidence: Mapping[str, Any] | None, t: Translator) -> EvidenceView:
    """The evidence as records side by side (facts as rows), with conflicts marked."""
    if not evidence:
        return EvidenceView()
    records = [r for r in evidence.get("records") or [] if isinstance(r, Mapping)]
    conflicts = [c for c in evidence.get("conflicts") or [] if isinstance(c, Mapping)]
    cells: dict[tuple[str, str], dict[str, Any]] = {
        _record_key(r): dict(r.get("facts") or {}) for r in records
    }
    for conflict in conflicts:
        for value in conflict.get("values") or []:
            key = _record_key(value)
            if key not in cells:
                cells[key] = {}
                records.append({"source": key[0], "key": key[1], "role": ""})
            cells[key].setdefault(str(conflict.get("field")), value.get("value"))
    conflicting = {str(c.get("field")) for c in conflicts}
    names = sorted({name for facts in cells.values() for name in facts})
    rows = [
        FactRow(
            field_label(t, name),
            [shown(cells[_record_key(r)].get(name)) for r in records],
            name in conflicting,
        )
        for name in names
    ]
    columns = [
        RecordColumn(
            t.get(f"linkage.source.{r.get('source')}", humanise(str(r.get("source", "")))),
            str(r.get("key", "")),
            t.get(f"signals.role.{r.get('role')}", humanise(str(r.get("role") or ""))),
            shown(r.get("match_probability")),
        )
        for r in records
    ]
    return EvidenceView(
        columns,
        rows,
        [
            (field_label(t, str(k)), shown(v))
            for k, v in sorted((evidence.get("facts") or {}).items())
        ],
        [
            (field_label(t, str(k)), shown(v))
            for k, v in sorted((evidence.get("rule") or {}).items())
        ],
        sorted(field_label(t, name) for name in conflicting),
    )


def reason_lines(reasons: Sequence[Mapping[str, Any]], lang: str) -> list[tuple[str, str]]:
    """Each risk reason in words (the detectors' labels, else the code humanised), with
    its weight."""
    return [
        (reason_text(str(r.get("code", "")), r.get("params"), lang), shown(r.get("weight")))
        for r in reasons
    ]


def region_label(code: str | None) -> str:
    """``35.09 Kabupaten Jember``, or the code alone when the directory lacks it."""
    if not code:
        return "—"
    region = region_directory().get(code)
    return f"{code} {region.name}" if region is not None else code


def type_label(t: Translator, code: str) -> str:
    return t.get(f"signals.type.{code}", humanise(code))


MEDIA_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def download(path: Path, manifest: Manifest) -> FileResponse:
    """An export as a download, with its row count and SHA-256 in headers (the
    manifest itself stays next to the file in the data folder)."""
    headers = {
        "X-Lindung-Export-Sha256": manifest.sha256,
        "X-Lindung-Rows": str(manifest.row_count),
    }
    return FileResponse(
        path, media_type=MEDIA_TYPES[manifest.format], filename=path.name, headers=headers
    )


def labeller(t: Translator) -> Callable[[str, str | None], str]:
    """``label(vocabulary, code)`` for templates: a code in words (``—`` for none,
    the code humanised when the catalogue has no words for it)."""

    def label(vocabulary: str, code: str | None) -> str:
        if code is None or code == "":
            return "—"
        return t.get(f"{vocabulary}.{code}", humanise(str(code)))

    return label
