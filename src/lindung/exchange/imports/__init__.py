"""Imports of partner files: read, validate, upsert by natural key, quarantine, reconcile.

Public surface::

    from lindung.exchange.imports import run_import, ImportReport, ImportRefused

    report = run_import(database, "border_crossings", Path("crossings.csv"),
                        agreement_number="PKS.01/KP2MI-IMI/XII/2025", actor=actor,
                        progress=callback)
    report.reconciled       # rows_received == inserted + updated + unchanged + quarantined

See docs/exchange.md (Imports) for the design.
"""

from lindung.exchange.imports.quarantine import write_quarantine_csv
from lindung.exchange.imports.report import ImportReport
from lindung.exchange.imports.service import ImportFailed, run_import
from lindung.exchange.imports.source import FORMATS, ImportRefused

__all__ = [
    "FORMATS",
    "ImportFailed",
    "ImportRefused",
    "ImportReport",
    "run_import",
    "write_quarantine_csv",
]
