"""Trained pairing models saved as versioned files, reusable without retraining.

For pairing P, version N (1, 2, ... one more at every retraining) lives in the
models folder (``LINDUNG_DATA_DIR/linkage/models``) as two files:

- ``P.v<N>.json``: Splink's model JSON (``Linker(tables, that_dict)`` reloads it);
- ``P.v<N>.manifest.json``: ``pairing``, ``version``, ``model_version`` (the
  comparisons' version, :data:`lindung.linkage.model.MODEL_VERSION`), ``trained_at``
  (UTC), ``training_rows`` (left and right), ``labels`` (the reviewers' labels the
  training saw: counts per class, skipped, whether used and why not, the comparisons
  they moved; :class:`lindung.linkage.labels.LabelUse`), ``sha256`` of the model
  file and its file name.

A run loads the newest version whose manifest matches its model file's SHA-256;
a file edited after training is refused (:class:`ModelFileInvalid`), not used.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from lindung.errors import LindungError
from lindung.linkage import model


class ModelFileInvalid(LindungError):
    """A saved model does not match its manifest (edited or damaged)."""


@dataclass(frozen=True)
class ModelFile:
    """A saved model: where it is, its manifest and its content."""

    pairing: str
    version: int
    path: Path
    manifest_path: Path
    sha256: str
    trained_at: str
    training_rows: dict[str, int]
    settings: dict[str, Any]
    #: The labels the training saw (``LabelUse.as_dict()``); None in older manifests.
    labels: dict[str, Any] | None = None


def models_dir(data_dir: Path) -> Path:
    return data_dir / "linkage" / "models"


def _versions(folder: Path, pairing: str) -> list[int]:
    pattern = re.compile(rf"^{re.escape(pairing)}\.v(\d+)\.manifest\.json$")
    found = (pattern.match(p.name) for p in folder.glob(f"{pairing}.v*.manifest.json"))
    return sorted(int(m.group(1)) for m in found if m)


def save(
    folder: Path,
    pairing: str,
    settings: dict[str, Any],
    training_rows: dict[str, int],
    labels: dict[str, Any] | None = None,
) -> ModelFile:
    """Write ``settings`` (a trained Splink model) as the pairing's next version,
    ``labels`` (what the training took from the reviewers' labels) in its manifest."""
    folder.mkdir(parents=True, exist_ok=True)
    version = max(_versions(folder, pairing), default=0) + 1
    path = folder / f"{pairing}.v{version}.json"
    content = json.dumps(settings, indent=2, sort_keys=True).encode("utf-8")
    path.write_bytes(content)
    digest = hashlib.sha256(content).hexdigest()
    trained_at = datetime.now(UTC).isoformat(timespec="seconds")
    manifest = {
        "pairing": pairing,
        "version": version,
        "model_version": model.MODEL_VERSION,
        "trained_at": trained_at,
        "training_rows": training_rows,
        "labels": labels,
        "file": path.name,
        "sha256": digest,
    }
    manifest_path = folder / f"{pairing}.v{version}.manifest.json"
    manifest_path.write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    return ModelFile(
        pairing, version, path, manifest_path, digest, trained_at, training_rows, settings, labels
    )


def latest(folder: Path, pairing: str) -> ModelFile | None:
    """The newest saved version of ``pairing``'s model, checked; None when none is saved."""
    versions = _versions(folder, pairing)
    if not versions:
        return None
    return load(folder, pairing, versions[-1])


def load(folder: Path, pairing: str, version: int) -> ModelFile:
    """Version ``version`` of the pairing's model, its SHA-256 checked against the manifest."""
    manifest_path = folder / f"{pairing}.v{version}.manifest.json"
    try:
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
        path = folder / str(manifest["file"])
        content = path.read_bytes()
    except (OSError, ValueError, KeyError) as exc:
        raise ModelFileInvalid(
            f"model {pairing} v{version} cannot be read: {type(exc).__name__}"
        ) from None
    digest = hashlib.sha256(content).hexdigest()
    if digest != manifest.get("sha256"):
        raise ModelFileInvalid(
            f"model {pairing} v{version}: {path.name} does not match its manifest's sha256 "
            "(changed after training); retrain with --retrain"
        )
    if manifest.get("model_version") != model.MODEL_VERSION:
        raise ModelFileInvalid(
            f"model {pairing} v{version} was trained for comparisons version "
            f"{manifest.get('model_version')}, this Lindung has {model.MODEL_VERSION}; "
            "retrain with --retrain"
        )
    return ModelFile(
        pairing,
        version,
        path,
        manifest_path,
        digest,
        str(manifest["trained_at"]),
        dict(manifest["training_rows"]),
        json.loads(content),
        manifest.get("labels"),
    )
