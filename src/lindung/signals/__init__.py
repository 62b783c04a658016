"""Protection signals: detectors over linked data, runs, and delivery (docs/signals.md)."""
