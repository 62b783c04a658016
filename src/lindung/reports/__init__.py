"""Aggregates, charts and reports over the store."""
